//! Decisions and their follow-up: who does what by when, until done (domain §7, §8).

use crate::DomainResult;
use crate::text_enum::text_enum;
use crate::validation::Validator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionStatus {
    /// Decided, not yet executed: a tracked action item.
    Open,
    Done,
    Cancelled,
}
text_enum!(DecisionStatus { Open = "OPEN", Done = "DONE", Cancelled = "CANCELLED" });

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionDraft {
    pub text: String,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<chrono::NaiveDate>,
    pub status: DecisionStatus,
    pub work_plan_task_id: Option<i64>,
}

impl DecisionDraft {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        let text = v.required_text("text", &self.text, 2000);
        v.optional_date("dueOn", self.due_on);
        v.finish()?;
        Ok(Self { text, ..self })
    }
}

/// An action item is overdue when it is still open past its due date.
pub fn decision_overdue(status: DecisionStatus, due_on: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> bool {
    status == DecisionStatus::Open && due_on.is_some_and(|due| due < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_need_text_and_open_ones_fall_overdue() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let draft = DecisionDraft {
            text: "  ".into(),
            owner_person_id: None,
            due_on: None,
            status: DecisionStatus::Open,
            work_plan_task_id: None,
        };
        assert!(draft.validated().is_err());
        assert!(decision_overdue(DecisionStatus::Open, Some(d(2026, 1, 1)), d(2026, 2, 1)));
        assert!(!decision_overdue(DecisionStatus::Done, Some(d(2026, 1, 1)), d(2026, 2, 1)));
    }
}
