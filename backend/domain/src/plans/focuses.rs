//! Strategic focuses (domain §5): what a forum chose to change, for whom, in what order, and
//! its theory of change and goals.

use serde::{Deserialize, Serialize};

use crate::DomainResult;
use crate::forums::FocusKind;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// Where a focus stands: proposed at meeting 4, active once the forum adopts it, closed (with a
/// reason) when achieved or abandoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FocusStatus {
    Proposed,
    Active,
    Closed,
}
text_enum!(FocusStatus { Proposed = "PROPOSED", Active = "ACTIVE", Closed = "CLOSED" });

/// The model's six criteria of a good goal (domain §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GoalCriterion {
    /// Clear and agreed by the members.
    ClearAndAgreed,
    Realistic,
    /// Relevant to the members and to the town.
    Relevant,
    /// Reachable only together, not by one organisation alone.
    ReachableTogether,
    /// Within what the members' organisations may decide and do.
    WithinAuthority,
    /// Revisited from time to time.
    Revisited,
}
text_enum!(GoalCriterion {
    ClearAndAgreed = "CLEAR_AND_AGREED",
    Realistic = "REALISTIC",
    Relevant = "RELEVANT",
    ReachableTogether = "REACHABLE_TOGETHER",
    WithinAuthority = "WITHIN_AUTHORITY",
    Revisited = "REVISITED",
});

/// The five links of a theory of change, each a list the team edits line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TheoryOfChange {
    pub problem: Vec<String>,
    pub activities: Vec<String>,
    pub outputs: Vec<String>,
    pub outcomes: Vec<String>,
    pub impact: Vec<String>,
}

/// A goal of a focus and the criteria the team has ticked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub text: String,
    pub criteria: Vec<GoalCriterion>,
}

impl Goal {
    /// The criteria not ticked yet, in the model's order: shown on the focus as open questions.
    pub fn unmet_criteria(&self) -> Vec<GoalCriterion> {
        GoalCriterion::ALL.iter().copied().filter(|c| !self.criteria.contains(c)).collect()
    }
}

/// Items per list of a theory of change, goals per focus, focuses per forum.
pub const MAX_THEORY_ITEMS: usize = 20;
pub const MAX_GOALS_PER_FOCUS: usize = 10;
pub const MAX_FOCUSES_PER_FORUM: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct FocusDraft {
    pub kind: FocusKind,
    pub title: String,
    pub target_population: Option<String>,
    pub description: Option<String>,
    pub status: FocusStatus,
    pub closed_reason: Option<String>,
    pub theory: TheoryOfChange,
    pub goals: Vec<Goal>,
}

/// A focus as it may be stored: texts trimmed, empty list lines dropped, criteria unique.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidFocus(pub FocusDraft);

impl FocusDraft {
    pub fn validated(self) -> DomainResult<ValidFocus> {
        let mut v = Validator::new();
        let title = v.required_text("title", &self.title, 200);
        let target_population = v.optional_text("targetPopulation", self.target_population.as_deref(), 200);
        let description = v.optional_text("description", self.description.as_deref(), 4000);
        let closed_reason = v.optional_text("closedReason", self.closed_reason.as_deref(), 1000);
        if self.status == FocusStatus::Closed && closed_reason.is_none() {
            v.push(FieldError::new("closedReason", codes::REQUIRED));
        }
        let mut list = |field: &str, items: Vec<String>| -> Vec<String> {
            let items: Vec<String> =
                items.into_iter().map(|item| item.trim().to_owned()).filter(|item| !item.is_empty()).collect();
            if items.len() > MAX_THEORY_ITEMS {
                v.push(FieldError::new(field, codes::LIMIT_REACHED).with("max", MAX_THEORY_ITEMS));
            }
            for (index, item) in items.iter().enumerate() {
                v.text(&format!("{field}.{index}"), item, 1000);
            }
            items
        };
        let theory = self.theory;
        let theory = TheoryOfChange {
            problem: list("theory.problem", theory.problem),
            activities: list("theory.activities", theory.activities),
            outputs: list("theory.outputs", theory.outputs),
            outcomes: list("theory.outcomes", theory.outcomes),
            impact: list("theory.impact", theory.impact),
        };
        if self.goals.len() > MAX_GOALS_PER_FOCUS {
            v.push(FieldError::new("goals", codes::LIMIT_REACHED).with("max", MAX_GOALS_PER_FOCUS));
        }
        let goals = self
            .goals
            .into_iter()
            .enumerate()
            .map(|(index, goal)| {
                let text = v.required_text(&format!("goals.{index}.text"), &goal.text, 1000);
                let criteria = GoalCriterion::ALL.iter().copied().filter(|c| goal.criteria.contains(c)).collect();
                Goal { text, criteria }
            })
            .collect();
        v.finish()?;
        // A reason belongs to a closed focus only; reopening clears it.
        let closed_reason = closed_reason.filter(|_| self.status == FocusStatus::Closed);
        Ok(ValidFocus(FocusDraft {
            kind: self.kind,
            title,
            target_population,
            description,
            status: self.status,
            closed_reason,
            theory,
            goals,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn draft() -> FocusDraft {
        FocusDraft {
            kind: FocusKind::Population,
            title: " נשים חרדיות בתעסוקה ".into(),
            target_population: Some("נשים חרדיות".into()),
            description: None,
            status: FocusStatus::Active,
            closed_reason: Some("left over".into()),
            theory: TheoryOfChange {
                problem: vec![" שיעור תעסוקה נמוך ".into(), "  ".into()], ..Default::default()
            },
            goals: vec![Goal {
                text: "200 נשים מועסקות".into(),
                criteria: vec![GoalCriterion::Revisited, GoalCriterion::Realistic, GoalCriterion::Realistic],
            }],
        }
    }

    fn codes_of(result: DomainResult<ValidFocus>) -> Vec<(String, &'static str)> {
        match result {
            Err(DomainError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_focus_is_trimmed_and_its_lists_cleaned() {
        let ValidFocus(focus) = draft().validated().unwrap();
        assert_eq!(focus.title, "נשים חרדיות בתעסוקה");
        assert_eq!(focus.theory.problem, ["שיעור תעסוקה נמוך"]);
        assert_eq!(focus.goals[0].criteria, [GoalCriterion::Realistic, GoalCriterion::Revisited]);
        assert_eq!(focus.closed_reason, None, "an active focus keeps no closing reason");
    }

    #[test]
    fn a_goal_shows_the_criteria_not_yet_ticked() {
        let ValidFocus(focus) = draft().validated().unwrap();
        assert_eq!(
            focus.goals[0].unmet_criteria(),
            [
                GoalCriterion::ClearAndAgreed,
                GoalCriterion::Relevant,
                GoalCriterion::ReachableTogether,
                GoalCriterion::WithinAuthority
            ]
        );
    }

    #[test]
    fn closing_a_focus_needs_a_reason() {
        let closed = FocusDraft { status: FocusStatus::Closed, closed_reason: Some("  ".into()), ..draft() };
        assert_eq!(codes_of(closed.validated()), [("closedReason".to_owned(), codes::REQUIRED)]);
    }

    #[test]
    fn long_lists_and_blank_goals_are_refused() {
        let mut long = draft();
        long.theory.activities = vec!["x".into(); MAX_THEORY_ITEMS + 1];
        long.goals.push(Goal { text: " ".into(), criteria: vec![] });
        assert_eq!(
            codes_of(long.validated()),
            [("theory.activities".to_owned(), codes::LIMIT_REACHED), ("goals.1.text".to_owned(), codes::REQUIRED)]
        );
    }
}
