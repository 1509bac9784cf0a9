//! What the forum does about a stakeholder: the next step of its engagement plan (which
//! follows from its quadrant) and the log of contacts with it.

use chrono::NaiveDate;

use crate::DomainResult;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StepStatus {
    Planned,
    InProgress,
    Done,
}
text_enum!(StepStatus { Planned = "PLANNED", InProgress = "IN_PROGRESS", Done = "DONE" });

/// The engagement plan of one stakeholder: one next step at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementDraft {
    pub next_step: Option<String>,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub status: StepStatus,
}

impl EngagementDraft {
    pub fn validated(self) -> DomainResult<EngagementDraft> {
        let mut v = Validator::new();
        let next_step = v.optional_text("nextStep", self.next_step.as_deref(), 500);
        let due_on = v.optional_date("dueOn", self.due_on);
        if next_step.is_none() && (self.owner_person_id.is_some() || due_on.is_some()) {
            v.push(FieldError::new("nextStep", codes::REQUIRED));
        }
        v.finish()?;
        Ok(EngagementDraft { next_step, owner_person_id: self.owner_person_id, due_on, status: self.status })
    }
}

/// A next step is overdue from the day after it was due until it is done.
pub fn is_overdue(due_on: Option<NaiveDate>, status: StepStatus, today: NaiveDate) -> bool {
    status != StepStatus::Done && due_on.is_some_and(|due| due < today)
}

/// A contact with a stakeholder, as the log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InteractionKind {
    Met,
    Called,
    Invited,
    JoinedBody,
    Declined,
}
text_enum!(InteractionKind {
    Met = "MET",
    Called = "CALLED",
    Invited = "INVITED",
    JoinedBody = "JOINED_BODY",
    Declined = "DECLINED",
});

/// Entries in one stakeholder's log.
pub const MAX_INTERACTIONS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionDraft {
    pub kind: InteractionKind,
    pub occurred_on: NaiveDate,
    pub note: Option<String>,
    pub meeting_id: Option<i64>,
    pub body_id: Option<i64>,
}

impl InteractionDraft {
    /// Something that happened: never dated after `today`.
    pub fn validated(self, today: NaiveDate) -> DomainResult<InteractionDraft> {
        let mut v = Validator::new();
        let occurred_on = v.date("occurredOn", self.occurred_on);
        if occurred_on > today {
            v.push(FieldError::new("occurredOn", codes::IN_THE_FUTURE));
        }
        let note = v.optional_text("note", self.note.as_deref(), 2000);
        v.finish()?;
        Ok(InteractionDraft { occurred_on, note, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_step_is_overdue_after_its_day_until_done() {
        assert!(!is_overdue(Some(day(10)), StepStatus::Planned, day(10)));
        assert!(is_overdue(Some(day(10)), StepStatus::InProgress, day(11)));
        assert!(!is_overdue(Some(day(10)), StepStatus::Done, day(11)));
        assert!(!is_overdue(None, StepStatus::Planned, day(11)));
    }

    #[test]
    fn an_owner_or_a_date_needs_a_step() {
        let draft = EngagementDraft {
            next_step: Some(" ".into()),
            owner_person_id: Some(3),
            due_on: None,
            status: StepStatus::Planned,
        };
        let Err(DomainError::Validation(errors)) = draft.validated() else { panic!("expected a validation error") };
        assert_eq!(errors[0].field, "nextStep");
    }

    #[test]
    fn an_interaction_cannot_be_dated_in_the_future() {
        let draft = |occurred_on| InteractionDraft {
            kind: InteractionKind::Met,
            occurred_on,
            note: Some(" פגישה ראשונה ".into()),
            meeting_id: None,
            body_id: None,
        };
        assert_eq!(draft(day(20)).validated(day(20)).unwrap().note.as_deref(), Some("פגישה ראשונה"));
        let Err(DomainError::Validation(errors)) = draft(day(21)).validated(day(20)) else {
            panic!("expected a validation error")
        };
        assert_eq!((errors[0].field.as_str(), errors[0].code), ("occurredOn", codes::IN_THE_FUTURE));
    }
}
