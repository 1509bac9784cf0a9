//! The work plan's tasks (domain §7): who does what by when, for which focus and team. A task
//! is late when it is still open after its due date — derived, never typed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Quarter, TaskStatus};
use crate::DomainResult;
use crate::plans::measures::optional_quarter;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// What a task shows: its status, or `Late` for an open task past its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskState {
    Planned,
    InProgress,
    Late,
    Done,
    Dropped,
}
text_enum!(TaskState {
    Planned = "PLANNED",
    InProgress = "IN_PROGRESS",
    Late = "LATE",
    Done = "DONE",
    Dropped = "DROPPED",
});

/// A task is late from the day after its due date while it is planned or under way.
pub fn task_state(status: TaskStatus, due_on: Option<NaiveDate>, today: NaiveDate) -> TaskState {
    match status {
        TaskStatus::Planned | TaskStatus::InProgress if due_on.is_some_and(|due| due < today) => TaskState::Late,
        TaskStatus::Planned => TaskState::Planned,
        TaskStatus::InProgress => TaskState::InProgress,
        TaskStatus::Done => TaskState::Done,
        TaskStatus::Dropped => TaskState::Dropped,
    }
}

/// Tasks per forum and partners per task.
pub const MAX_TASKS_PER_FORUM: usize = 1000;
pub const MAX_PARTNERS_PER_TASK: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    pub title: String,
    pub focus_id: Option<i64>,
    pub body_id: Option<i64>,
    pub owner_person_id: Option<i64>,
    pub partner_ids: Vec<i64>,
    pub planned_quarter: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub resources: Option<String>,
    pub expected_product: Option<String>,
    pub success_measure: Option<String>,
    pub metric_id: Option<i64>,
    pub status: TaskStatus,
    pub done_on: Option<NaiveDate>,
    pub dropped_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTask {
    pub title: String,
    pub focus_id: Option<i64>,
    pub body_id: Option<i64>,
    pub owner_person_id: Option<i64>,
    pub partner_ids: Vec<i64>,
    pub planned_quarter: Option<Quarter>,
    pub due_on: Option<NaiveDate>,
    pub resources: Option<String>,
    pub expected_product: Option<String>,
    pub success_measure: Option<String>,
    pub metric_id: Option<i64>,
    pub status: TaskStatus,
    pub done_on: Option<NaiveDate>,
    pub dropped_reason: Option<String>,
}

impl TaskDraft {
    /// Checked against `today` (in Israel): a task is done on a day that has come, a dropped
    /// task says why, and a task is not due before the quarter it is planned for begins.
    pub fn validated(self, today: NaiveDate) -> DomainResult<ValidTask> {
        let mut v = Validator::new();
        let title = v.required_text("title", &self.title, 300);
        let resources = v.optional_text("resources", self.resources.as_deref(), 2000);
        let expected_product = v.optional_text("expectedProduct", self.expected_product.as_deref(), 2000);
        let success_measure = v.optional_text("successMeasure", self.success_measure.as_deref(), 2000);
        let dropped_reason = v.optional_text("droppedReason", self.dropped_reason.as_deref(), 1000);
        let planned_quarter = optional_quarter(&mut v, "plannedQuarter", self.planned_quarter.as_deref());
        let due_on = v.optional_date("dueOn", self.due_on);
        let done_on = v.optional_date("doneOn", self.done_on);
        if let (Some(quarter), Some(due)) = (planned_quarter, due_on)
            && due < quarter.first_day()
        {
            v.push(FieldError::new("dueOn", codes::DUE_BEFORE_QUARTER).with("quarter", quarter));
        }
        if self.status == TaskStatus::Dropped && dropped_reason.is_none() {
            v.push(FieldError::new("droppedReason", codes::REQUIRED));
        }
        if self.status == TaskStatus::Done && done_on.is_some_and(|done| done > today) {
            v.push(FieldError::new("doneOn", codes::IN_THE_FUTURE));
        }
        let mut partner_ids = self.partner_ids;
        partner_ids.sort_unstable();
        partner_ids.dedup();
        if partner_ids.len() > MAX_PARTNERS_PER_TASK {
            v.push(FieldError::new("partnerIds", codes::LIMIT_REACHED).with("max", MAX_PARTNERS_PER_TASK));
        }
        v.finish()?;
        let done = self.status == TaskStatus::Done;
        Ok(ValidTask {
            title,
            focus_id: self.focus_id,
            body_id: self.body_id,
            owner_person_id: self.owner_person_id,
            partner_ids,
            planned_quarter,
            due_on,
            resources,
            expected_product,
            success_measure,
            metric_id: self.metric_id,
            status: self.status,
            // A done task has a done date (today unless given); others have none.
            done_on: if done { Some(done_on.unwrap_or(today)) } else { None },
            dropped_reason: dropped_reason.filter(|_| self.status == TaskStatus::Dropped),
        })
    }
}

/// A task as the plan held it when the chair approved it: the approved version every later
/// change is shown against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovedTask {
    pub id: i64,
    pub title: String,
    pub owner_person_id: Option<i64>,
    pub planned_quarter: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: String,
}

/// How the plan differs from its approved version, task by task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanChange {
    Added,
    Changed,
    Removed,
}
text_enum!(PlanChange { Added = "ADDED", Changed = "CHANGED", Removed = "REMOVED" });

/// The changes of `current` against `approved`, by task id: tasks added since, tasks whose
/// title, owner, quarter, due date or status changed, and tasks no longer in the plan.
pub fn plan_changes(approved: &[ApprovedTask], current: &[ApprovedTask]) -> Vec<(i64, PlanChange)> {
    let mut changes: Vec<(i64, PlanChange)> = current
        .iter()
        .filter_map(|task| match approved.iter().find(|a| a.id == task.id) {
            None => Some((task.id, PlanChange::Added)),
            Some(before) if before != task => Some((task.id, PlanChange::Changed)),
            Some(_) => None,
        })
        .collect();
    changes
        .extend(approved.iter().filter(|a| !current.iter().any(|t| t.id == a.id)).map(|a| (a.id, PlanChange::Removed)));
    changes.sort_unstable();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn draft() -> TaskDraft {
        TaskDraft {
            title: "יריד תעסוקה".into(),
            focus_id: Some(1),
            body_id: None,
            owner_person_id: Some(2),
            partner_ids: vec![5, 3, 5],
            planned_quarter: Some("2026-Q4".into()),
            due_on: Some(day("2026-11-15")),
            resources: None,
            expected_product: None,
            success_measure: None,
            metric_id: None,
            status: TaskStatus::Planned,
            done_on: Some(day("2026-10-01")),
            dropped_reason: Some("stale".into()),
        }
    }

    fn fields(result: DomainResult<ValidTask>) -> Vec<(String, &'static str)> {
        match result {
            Err(DomainError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn an_open_task_is_late_from_the_day_after_it_was_due() {
        let due = Some(day("2026-11-15"));
        assert_eq!(task_state(TaskStatus::Planned, due, day("2026-11-15")), TaskState::Planned);
        assert_eq!(task_state(TaskStatus::Planned, due, day("2026-11-16")), TaskState::Late);
        assert_eq!(task_state(TaskStatus::InProgress, due, day("2027-01-01")), TaskState::Late);
        assert_eq!(task_state(TaskStatus::Done, due, day("2027-01-01")), TaskState::Done);
        assert_eq!(task_state(TaskStatus::Dropped, due, day("2027-01-01")), TaskState::Dropped);
        assert_eq!(task_state(TaskStatus::Planned, None, day("2027-01-01")), TaskState::Planned);
    }

    #[test]
    fn a_task_keeps_only_what_its_status_needs() {
        let task = draft().validated(day("2026-12-01")).unwrap();
        assert_eq!(task.partner_ids, [3, 5]);
        assert_eq!((task.done_on, task.dropped_reason), (None, None));
        let done = TaskDraft { status: TaskStatus::Done, done_on: None, ..draft() };
        assert_eq!(done.validated(day("2026-12-01")).unwrap().done_on, Some(day("2026-12-01")));
    }

    #[test]
    fn a_task_is_not_due_before_its_quarter_begins() {
        let early = TaskDraft { due_on: Some(day("2026-09-30")), ..draft() };
        assert_eq!(fields(early.validated(day("2026-12-01"))), [("dueOn".to_owned(), codes::DUE_BEFORE_QUARTER)]);
        let first_day = TaskDraft { due_on: Some(day("2026-10-01")), ..draft() };
        assert!(first_day.validated(day("2026-12-01")).is_ok());
    }

    #[test]
    fn dropping_needs_a_reason_and_done_is_not_in_the_future() {
        let dropped = TaskDraft { status: TaskStatus::Dropped, dropped_reason: None, ..draft() };
        assert_eq!(fields(dropped.validated(day("2026-12-01"))), [("droppedReason".to_owned(), codes::REQUIRED)]);
        let done = TaskDraft { status: TaskStatus::Done, done_on: Some(day("2026-12-02")), ..draft() };
        assert_eq!(fields(done.validated(day("2026-12-01"))), [("doneOn".to_owned(), codes::IN_THE_FUTURE)]);
    }

    #[test]
    fn changes_are_named_against_the_approved_plan() {
        let task = |id: i64, title: &str| ApprovedTask {
            id,
            title: title.into(),
            owner_person_id: None,
            planned_quarter: Some("2026-Q4".into()),
            due_on: None,
            status: "PLANNED".into(),
        };
        let approved = [task(1, "a"), task(2, "b"), task(3, "c")];
        let current = [task(1, "a"), task(2, "b, renamed"), task(4, "d")];
        assert_eq!(
            plan_changes(&approved, &current),
            [(2, PlanChange::Changed), (3, PlanChange::Removed), (4, PlanChange::Added)]
        );
    }
}
