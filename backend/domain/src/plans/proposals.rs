//! Plan changes a quarterly control proposes (domain §6): re-prioritise a focus, drop or
//! postpone a task, add a task. A proposal changes nothing by itself; the forum's next meeting
//! decides it, and approving that meeting's minutes applies what was accepted.

use super::Quarter;
use crate::DomainResult;
use crate::meetings::{AgendaItemDraft, AgendaKind, MAX_AGENDA_ITEMS};
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProposalKind {
    /// Move a focus to another place in the priority order.
    Reprioritize,
    DropTask,
    /// Move a task to a later quarter.
    PostponeTask,
    AddTask,
}
text_enum!(ProposalKind {
    Reprioritize = "REPRIORITIZE",
    DropTask = "DROP_TASK",
    PostponeTask = "POSTPONE_TASK",
    AddTask = "ADD_TASK"
});

/// `Accepted` and `Rejected` are what the meeting decided, while its minutes can still change;
/// approving the minutes turns `Accepted` into `Applied` and makes `Rejected` final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProposalStatus {
    Proposed,
    Accepted,
    Rejected,
    Applied,
}
text_enum!(ProposalStatus { Proposed = "PROPOSED", Accepted = "ACCEPTED", Rejected = "REJECTED", Applied = "APPLIED" });

pub const MAX_PROPOSALS: usize = 50;

/// A proposed change as written; which fields it needs depends on its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalDraft {
    pub kind: ProposalKind,
    pub focus_id: Option<i64>,
    pub task_id: Option<i64>,
    /// 1-based place in the priority order, for `Reprioritize`.
    pub new_position: Option<i32>,
    /// For `PostponeTask` (required) and `AddTask` (optional).
    pub new_quarter: Option<Quarter>,
    /// The new task's title, for `AddTask`.
    pub title: Option<String>,
    pub reason: String,
}

impl ProposalDraft {
    /// Checks the draft for a control of `quarter`: changes look forward, so a postponed or new
    /// task goes to a quarter after it.
    pub fn validated(self, quarter: Quarter) -> DomainResult<Self> {
        let mut v = Validator::new();
        let reason = v.optional_text("reason", Some(&self.reason), 2_000).unwrap_or_default();
        let title = v.optional_text("title", self.title.as_deref(), 300);
        let mut require = |field: &str, present: bool| {
            if !present {
                v.push(FieldError::new(field, codes::REQUIRED));
            }
        };
        match self.kind {
            ProposalKind::Reprioritize => {
                require("focusId", self.focus_id.is_some());
                require("newPosition", self.new_position.is_some());
            }
            ProposalKind::DropTask => {
                require("taskId", self.task_id.is_some());
                require("reason", !reason.is_empty());
            }
            ProposalKind::PostponeTask => {
                require("taskId", self.task_id.is_some());
                require("newQuarter", self.new_quarter.is_some());
                require("reason", !reason.is_empty());
            }
            ProposalKind::AddTask => require("title", title.is_some()),
        }
        if let Some(position) = self.new_position {
            v.in_range("newPosition", position, 1, 100);
        }
        if self.new_quarter.is_some_and(|q| q <= quarter) {
            v.push(FieldError::new("newQuarter", codes::OUT_OF_RANGE).with("min", quarter.plus(1)));
        }
        v.finish()?;
        let keeps = |wanted: bool, value: Option<i64>| value.filter(|_| wanted);
        Ok(Self {
            focus_id: keeps(matches!(self.kind, ProposalKind::Reprioritize | ProposalKind::AddTask), self.focus_id),
            task_id: keeps(matches!(self.kind, ProposalKind::DropTask | ProposalKind::PostponeTask), self.task_id),
            new_position: self.new_position.filter(|_| self.kind == ProposalKind::Reprioritize),
            new_quarter: self
                .new_quarter
                .filter(|_| matches!(self.kind, ProposalKind::PostponeTask | ProposalKind::AddTask)),
            title: title.filter(|_| self.kind == ProposalKind::AddTask),
            reason,
            ..self
        })
    }
}

/// The meeting decides a proposal while its minutes are open; once applied or finally rejected
/// (the minutes approved) the decision stands.
pub fn decide(current: ProposalStatus, accepted: bool) -> DomainResult<ProposalStatus> {
    if matches!(current, ProposalStatus::Applied) {
        return Err(crate::DomainError::validation("status", codes::ALREADY_DECIDED));
    }
    Ok(if accepted { ProposalStatus::Accepted } else { ProposalStatus::Rejected })
}

/// The agenda line of a proposal, in the town's language of record (Hebrew, as the model's
/// templates). `subject` names the focus or the task.
pub fn agenda_title(
    kind: ProposalKind,
    subject: &str,
    new_position: Option<i32>,
    new_quarter: Option<Quarter>,
) -> String {
    match kind {
        ProposalKind::Reprioritize => {
            format!("הצעה: העברת המיקוד „{subject}“ לעדיפות {}", new_position.unwrap_or(1))
        }
        ProposalKind::DropTask => format!("הצעה: ביטול המשימה „{subject}“"),
        ProposalKind::PostponeTask => match new_quarter {
            Some(q) => format!("הצעה: דחיית המשימה „{subject}“ ל-{q}"),
            None => format!("הצעה: דחיית המשימה „{subject}“"),
        },
        ProposalKind::AddTask => format!("הצעה: הוספת המשימה „{subject}“"),
    }
}

/// The agenda items a control brings to the forum's next meeting.
pub struct ControlAgenda<'a> {
    pub quarter: Quarter,
    pub has_summary: bool,
    /// (focus title, who presents it) of the focuses off track.
    pub off_track: &'a [(String, Option<String>)],
    /// Agenda titles of the proposals still to decide.
    pub proposals: &'a [String],
}

pub const SUMMARY_MINUTES: i32 = 20;
pub const FOCUS_MINUTES: i32 = 15;
pub const PROPOSAL_MINUTES: i32 = 10;
const CLOSING_ROUND: &str = "סבב סיכום";

impl ControlAgenda<'_> {
    pub fn items(&self) -> Vec<AgendaItemDraft> {
        let item = |title: String, kind, minutes, presenter: Option<String>| AgendaItemDraft {
            title,
            kind,
            minutes,
            presenter,
            links: Vec::new(),
        };
        let mut items = Vec::new();
        if self.has_summary {
            items.push(item(
                format!("סיכום הבקרה הרבעונית — {}", self.quarter),
                AgendaKind::Presentation,
                SUMMARY_MINUTES,
                Some("יו״ר הפורום".to_owned()),
            ));
        }
        for (title, presenter) in self.off_track {
            items.push(item(
                format!("מיקוד שאינו במסלול: {title}"),
                AgendaKind::Discussion,
                FOCUS_MINUTES,
                presenter.clone(),
            ));
        }
        for title in self.proposals {
            items.push(item(title.clone(), AgendaKind::Decision, PROPOSAL_MINUTES, None));
        }
        items
    }

    /// `existing` with the control's items that are not already on it, before the closing
    /// round when there is one (so preparing twice adds nothing twice).
    pub fn merged_into(&self, mut existing: Vec<AgendaItemDraft>) -> DomainResult<Vec<AgendaItemDraft>> {
        let new: Vec<_> = self.items().into_iter().filter(|i| !existing.iter().any(|e| e.title == i.title)).collect();
        if existing.len() + new.len() > MAX_AGENDA_ITEMS {
            return Err(crate::DomainError::Validation(vec![
                FieldError::new("items", codes::LIMIT_REACHED).with("max", MAX_AGENDA_ITEMS),
            ]));
        }
        let at = match existing.last() {
            Some(last) if last.title == CLOSING_ROUND => existing.len() - 1,
            _ => existing.len(),
        };
        existing.splice(at..at, new);
        Ok(existing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn q(text: &str) -> Quarter {
        Quarter::parse(text).unwrap()
    }

    fn draft(kind: ProposalKind) -> ProposalDraft {
        ProposalDraft {
            kind,
            focus_id: None,
            task_id: None,
            new_position: None,
            new_quarter: None,
            title: None,
            reason: String::new(),
        }
    }

    fn fields(result: DomainResult<ProposalDraft>) -> Vec<String> {
        match result {
            Err(DomainError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn each_kind_names_what_it_needs() {
        let control = q("2026-Q3");
        assert_eq!(fields(draft(ProposalKind::DropTask).validated(control)), ["taskId", "reason"]);
        assert_eq!(fields(draft(ProposalKind::PostponeTask).validated(control)), ["taskId", "newQuarter", "reason"]);
        assert_eq!(fields(draft(ProposalKind::Reprioritize).validated(control)), ["focusId", "newPosition"]);
        assert_eq!(fields(draft(ProposalKind::AddTask).validated(control)), ["title"]);
        let dropping = ProposalDraft {
            task_id: Some(4),
            reason: " no budget ".into(),
            focus_id: Some(1),
            ..draft(ProposalKind::DropTask)
        };
        let valid = dropping.validated(control).unwrap();
        assert_eq!(
            (valid.reason.as_str(), valid.focus_id),
            ("no budget", None),
            "trimmed, and only what the kind uses"
        );
    }

    #[test]
    fn a_postponed_task_goes_to_a_later_quarter() {
        let control = q("2026-Q3");
        let postpone = |to: &str| ProposalDraft {
            task_id: Some(1),
            new_quarter: Some(q(to)),
            reason: "waiting for the budget".into(),
            ..draft(ProposalKind::PostponeTask)
        };
        assert_eq!(fields(postpone("2026-Q3").validated(control)), ["newQuarter"]);
        assert!(postpone("2026-Q4").validated(control).is_ok());
    }

    #[test]
    fn applied_changes_are_not_decided_again() {
        assert_eq!(decide(ProposalStatus::Proposed, true), Ok(ProposalStatus::Accepted));
        assert_eq!(decide(ProposalStatus::Accepted, false), Ok(ProposalStatus::Rejected));
        assert!(decide(ProposalStatus::Applied, false).is_err());
    }

    #[test]
    fn the_control_agenda_goes_before_the_closing_round_once() {
        let off_track = [("Women into work".to_owned(), Some("Team A".to_owned()))];
        let proposals = [agenda_title(ProposalKind::DropTask, "Job fair", None, None)];
        let agenda =
            ControlAgenda { quarter: q("2026-Q3"), has_summary: true, off_track: &off_track, proposals: &proposals };
        let opening = AgendaItemDraft {
            title: "פתיחה".into(),
            kind: AgendaKind::Presentation,
            minutes: 10,
            presenter: None,
            links: vec![],
        };
        let closing = AgendaItemDraft {
            title: CLOSING_ROUND.into(),
            kind: AgendaKind::Discussion,
            minutes: 15,
            presenter: None,
            links: vec![],
        };
        let merged = agenda.merged_into(vec![opening.clone(), closing.clone()]).unwrap();
        let titles: Vec<&str> = merged.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "פתיחה",
                "סיכום הבקרה הרבעונית — 2026-Q3",
                "מיקוד שאינו במסלול: Women into work",
                "הצעה: ביטול המשימה „Job fair“",
                CLOSING_ROUND
            ]
        );
        assert_eq!(agenda.merged_into(merged.clone()).unwrap(), merged, "preparing again adds nothing");
        assert_eq!(merged[3].kind, AgendaKind::Decision);
    }
}
