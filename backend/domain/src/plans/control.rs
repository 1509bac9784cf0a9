//! Quarterly control (domain §6): where each metric stood at a quarter against its path, and
//! how the plan's tasks due in the quarter were carried out. Pure, so the page, the approved
//! snapshot and the exports read the same figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::tasks::{TaskState, task_state};
use super::{MetricPath, MetricStatus, Quarter, TaskStatus, metric_status};
use crate::DomainResult;
use crate::forums::health::SignalKind;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// A control is a draft until the chair approves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ControlStatus {
    Draft,
    Approved,
}
text_enum!(ControlStatus { Draft = "DRAFT", Approved = "APPROVED" });

/// A metric at the quarter under control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricAtQuarter {
    pub value: Option<f64>,
    /// Where the straight path puts it (none without a baseline and a target).
    pub expected: Option<f64>,
    pub status: String,
    /// The value of the quarter before, for the change since then.
    pub previous: Option<f64>,
    pub change_since_previous: Option<f64>,
    pub change_since_baseline: Option<f64>,
}

/// `measured` holds the metric's values by quarter, in any order.
pub fn metric_at(
    path: Option<&MetricPath>,
    baseline: Option<f64>,
    measured: &[(Quarter, f64)],
    quarter: Quarter,
) -> MetricAtQuarter {
    let value_at = |q: Quarter| measured.iter().find(|(at, _)| *at == q).map(|(_, v)| *v);
    let value = value_at(quarter);
    let previous = value_at(quarter.plus(-1));
    let status = match path {
        Some(path) => metric_status(path, quarter, value),
        None => MetricStatus::NoData,
    };
    MetricAtQuarter {
        value,
        expected: path.map(|p| p.expected_at(quarter)),
        status: status.as_str().to_owned(),
        previous,
        change_since_previous: value.zip(previous).map(|(v, p)| v - p),
        change_since_baseline: value.zip(baseline).map(|(v, b)| v - b),
    }
}

/// What control needs to know of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskFacts {
    pub status: TaskStatus,
    pub planned_quarter: Option<Quarter>,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

/// How a task stands in the quarter's plan against execution, if it belongs there at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Execution {
    Done,
    Late,
    Dropped,
    /// Due in the quarter, not done, not yet past its due date (only while the quarter runs).
    Open,
    /// Due in a later quarter and already done in this one.
    DoneEarly,
}
text_enum!(Execution { Done = "DONE", Late = "LATE", Dropped = "DROPPED", Open = "OPEN", DoneEarly = "DONE_EARLY" });

/// The quarter a task is due in: its due date's, else the quarter it is planned for.
fn due_quarter(task: &TaskFacts) -> Option<Quarter> {
    task.due_on.map(Quarter::of).or(task.planned_quarter)
}

/// Where a task falls in the control of `quarter`, judged on `today`.
pub fn execution(task: &TaskFacts, quarter: Quarter, today: NaiveDate) -> Option<Execution> {
    let done_in_quarter = task.done_on.is_some_and(|d| Quarter::of(d) == quarter);
    match due_quarter(task) {
        Some(due) if due == quarter => Some(match task_state(task.status, task.due_on, today) {
            TaskState::Done => Execution::Done,
            TaskState::Dropped => Execution::Dropped,
            TaskState::Late => Execution::Late,
            // Past the quarter with no due date of its own, it is late as well.
            TaskState::Planned | TaskState::InProgress if quarter.last_day() < today => Execution::Late,
            TaskState::Planned | TaskState::InProgress => Execution::Open,
        }),
        Some(due) if due > quarter && task.status == TaskStatus::Done && done_in_quarter => Some(Execution::DoneEarly),
        _ => None,
    }
}

/// Counts of a set of tasks in the quarter's control.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionCounts {
    pub due: u32,
    pub done: u32,
    pub late: u32,
    pub dropped: u32,
    pub open: u32,
    pub done_early: u32,
}

impl ExecutionCounts {
    pub fn add(&mut self, execution: Execution) {
        match execution {
            Execution::Done => self.done += 1,
            Execution::Late => self.late += 1,
            Execution::Dropped => self.dropped += 1,
            Execution::Open => self.open += 1,
            Execution::DoneEarly => self.done_early += 1,
        }
        if execution != Execution::DoneEarly {
            self.due += 1;
        }
    }
}

/// A control is written about a quarter that has ended.
pub fn check_ended(quarter: Quarter, today: NaiveDate) -> DomainResult<()> {
    if quarter.last_day() >= today {
        return Err(crate::DomainError::validation("quarter", codes::QUARTER_NOT_ENDED));
    }
    Ok(())
}

/// The conclusions the chair and the steering committee write: about the quarter overall and
/// per focus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conclusions {
    pub summary: String,
    pub focus_notes: Vec<(i64, String)>,
}

impl Conclusions {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        v.text("summary", &self.summary, 10_000);
        let mut notes = Vec::new();
        for (index, (focus, note)) in self.focus_notes.into_iter().enumerate() {
            let note = note.trim().to_owned();
            v.text(&format!("focusNotes.{index}"), &note, 4_000);
            if !note.is_empty() {
                notes.push((focus, note));
            }
        }
        v.finish()?;
        Ok(Self { summary: self.summary.trim().to_owned(), focus_notes: notes })
    }

    /// Approving needs something concluded.
    pub fn check_approvable(&self) -> DomainResult<()> {
        if self.summary.is_empty() {
            return Err(crate::DomainError::Validation(vec![FieldError::new("summary", codes::REQUIRED)]));
        }
        Ok(())
    }
}

/// A correction of an approved control says why, as a correction of approved minutes does.
pub fn correction_reason(status: ControlStatus, reason: &str) -> DomainResult<String> {
    if status != ControlStatus::Approved {
        return Err(crate::DomainError::validation("quarter", codes::NOT_APPROVED_YET));
    }
    let mut v = Validator::new();
    let reason = v.required_text("reason", reason, 2_000);
    v.finish()?;
    Ok(reason)
}

/// The health signals a control looks at: the two-thirds rule and the rhythm of meetings.
pub fn shows_in_control(kind: SignalKind) -> bool {
    matches!(kind, SignalKind::Attendance | SignalKind::ForumCadence | SignalKind::TeamCadence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;
    use crate::plans::Direction;

    fn q(text: &str) -> Quarter {
        Quarter::parse(text).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_metric_at_a_quarter_shows_its_path_status_and_changes() {
        let path = MetricPath {
            baseline: 10.0,
            baseline_quarter: q("2026-Q1"),
            target: 6.0,
            target_quarter: q("2027-Q1"),
            direction: Direction::LowerIsBetter,
        };
        let measured = [(q("2026-Q2"), 9.2), (q("2026-Q3"), 8.0)];
        let at = metric_at(Some(&path), Some(10.0), &measured, q("2026-Q3"));
        assert_eq!(at.expected, Some(8.0));
        assert_eq!(at.status, "ON_TRACK");
        assert_eq!(at.previous, Some(9.2));
        assert!((at.change_since_previous.unwrap() + 1.2).abs() < 1e-9);
        assert_eq!(at.change_since_baseline, Some(-2.0));
        let missing = metric_at(Some(&path), Some(10.0), &measured, q("2026-Q4"));
        assert_eq!((missing.value, missing.status.as_str(), missing.previous), (None, "NO_DATA", Some(8.0)));
    }

    #[test]
    fn tasks_fall_into_the_quarter_they_are_due_in() {
        let quarter = q("2026-Q3");
        let after = day("2026-10-05");
        let task = |status, due: &str, done: Option<&str>| TaskFacts {
            status,
            planned_quarter: None,
            due_on: Some(day(due)),
            done_on: done.map(day),
        };
        assert_eq!(
            execution(&task(TaskStatus::Done, "2026-08-01", Some("2026-07-30")), quarter, after),
            Some(Execution::Done)
        );
        assert_eq!(execution(&task(TaskStatus::InProgress, "2026-08-01", None), quarter, after), Some(Execution::Late));
        assert_eq!(execution(&task(TaskStatus::Dropped, "2026-08-01", None), quarter, after), Some(Execution::Dropped));
        assert_eq!(
            execution(&task(TaskStatus::Planned, "2026-09-30", None), quarter, day("2026-09-10")),
            Some(Execution::Open)
        );
        assert_eq!(
            execution(&task(TaskStatus::Done, "2026-11-01", Some("2026-09-02")), quarter, after),
            Some(Execution::DoneEarly)
        );
        assert_eq!(execution(&task(TaskStatus::Planned, "2026-11-01", None), quarter, after), None);
        let planned_only =
            TaskFacts { status: TaskStatus::Planned, planned_quarter: Some(quarter), due_on: None, done_on: None };
        assert_eq!(execution(&planned_only, quarter, after), Some(Execution::Late), "the quarter ended without it");
    }

    #[test]
    fn counts_add_up_with_early_work_apart() {
        let mut counts = ExecutionCounts::default();
        for e in [Execution::Done, Execution::Late, Execution::Late, Execution::DoneEarly] {
            counts.add(e);
        }
        assert_eq!(counts, ExecutionCounts { due: 3, done: 1, late: 2, dropped: 0, open: 0, done_early: 1 });
    }

    #[test]
    fn control_is_of_an_ended_quarter_and_approved_with_a_summary() {
        assert!(check_ended(q("2026-Q3"), day("2026-10-01")).is_ok());
        assert_eq!(
            check_ended(q("2026-Q4"), day("2026-12-31")),
            Err(DomainError::validation("quarter", codes::QUARTER_NOT_ENDED))
        );
        let empty = Conclusions { summary: "  ".into(), focus_notes: vec![(1, " ".into())] }.validated().unwrap();
        assert!(empty.focus_notes.is_empty());
        assert!(empty.check_approvable().is_err());
        let written = Conclusions { summary: "Two focuses moved".into(), focus_notes: vec![] }.validated().unwrap();
        assert!(written.check_approvable().is_ok());
    }

    #[test]
    fn only_an_approved_control_is_corrected_and_with_a_reason() {
        assert_eq!(
            correction_reason(ControlStatus::Draft, "typo"),
            Err(DomainError::validation("quarter", codes::NOT_APPROVED_YET))
        );
        assert_eq!(
            correction_reason(ControlStatus::Approved, "  "),
            Err(DomainError::validation("reason", codes::REQUIRED))
        );
        assert_eq!(correction_reason(ControlStatus::Approved, " late data ").as_deref(), Ok("late data"));
        assert!(shows_in_control(SignalKind::Attendance) && !shows_in_control(SignalKind::SectorCoverage));
    }
}
