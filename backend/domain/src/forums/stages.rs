//! Moving a forum between the three stages: a deliberate step, recorded with who and when.

use super::Stage;
use crate::validation::{FieldError, Validator, codes};
use crate::{DomainError, DomainResult};

/// What a stage move will do, once the rules allow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageMove {
    pub from: Stage,
    pub to: Stage,
    pub reason: Option<String>,
}

/// Forward one stage at a time; when milestones of the current stage are open the caller must
/// confirm; backwards only with a reason (it undoes progress others rely on).
pub fn plan_stage_move(
    current: Stage,
    target: Stage,
    reason: Option<&str>,
    open_milestones: usize,
    confirmed: bool,
) -> DomainResult<StageMove> {
    let mut v = Validator::new();
    let reason = v.optional_text("reason", reason, 2000);
    v.finish()?;
    if target == current {
        return Err(DomainError::validation("toStage", codes::SAME_STAGE));
    }
    if target > current {
        if target.number() != current.number() + 1 {
            return Err(DomainError::validation("toStage", codes::SKIPS_STAGE));
        }
        if open_milestones > 0 && !confirmed {
            return Err(DomainError::Validation(vec![
                FieldError::new("confirmOpenMilestones", codes::OPEN_MILESTONES).with("count", open_milestones),
            ]));
        }
    } else if reason.is_none() {
        return Err(DomainError::validation("reason", codes::REQUIRED));
    }
    Ok(StageMove { from: current, to: target, reason })
}

/// The stage a forum is ready to move to: every milestone of its stage is done (and the stage
/// has milestones) and a next stage exists. The move itself stays the chair's deliberate step;
/// this only says that it waits for them.
pub fn ready_to_move(current: Stage, milestones_of_stage: usize, open_milestones: usize) -> Option<Stage> {
    if milestones_of_stage == 0 || open_milestones > 0 {
        return None;
    }
    Stage::from_number(current.number() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::{Implementation, KickOff, MappingAndPlanning};

    #[test]
    fn a_stage_with_every_milestone_done_waits_to_move_on() {
        assert_eq!(ready_to_move(KickOff, 8, 0), Some(MappingAndPlanning));
        assert_eq!(ready_to_move(MappingAndPlanning, 9, 0), Some(Implementation));
    }

    #[test]
    fn nothing_waits_with_open_milestones_no_milestones_or_no_next_stage() {
        assert_eq!(ready_to_move(KickOff, 8, 1), None);
        assert_eq!(ready_to_move(KickOff, 0, 0), None);
        assert_eq!(ready_to_move(Implementation, 4, 0), None);
    }

    #[test]
    fn forward_one_stage_with_everything_done() {
        let planned = plan_stage_move(KickOff, MappingAndPlanning, None, 0, false).unwrap();
        assert_eq!(planned, StageMove { from: KickOff, to: MappingAndPlanning, reason: None });
    }

    #[test]
    fn open_milestones_need_confirmation() {
        let Err(DomainError::Validation(errors)) = plan_stage_move(KickOff, MappingAndPlanning, None, 3, false) else {
            panic!()
        };
        assert_eq!(errors[0].code, "open_milestones");
        assert_eq!(errors[0].params, vec![("count", "3".to_owned())]);
        assert!(plan_stage_move(KickOff, MappingAndPlanning, None, 3, true).is_ok());
    }

    #[test]
    fn stages_are_not_skipped_or_repeated() {
        assert_eq!(
            plan_stage_move(KickOff, Implementation, None, 0, true),
            Err(DomainError::validation("toStage", "skips_stage"))
        );
        assert_eq!(
            plan_stage_move(KickOff, KickOff, None, 0, true),
            Err(DomainError::validation("toStage", "same_stage"))
        );
    }

    #[test]
    fn going_back_needs_a_reason() {
        assert_eq!(
            plan_stage_move(Implementation, MappingAndPlanning, Some("  "), 0, false),
            Err(DomainError::validation("reason", codes::REQUIRED))
        );
        let back = plan_stage_move(Implementation, KickOff, Some("new mayor"), 0, false).unwrap();
        assert_eq!(back.reason.as_deref(), Some("new mayor"));
    }
}
