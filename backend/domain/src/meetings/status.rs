//! A meeting's states and the moves between them.

use crate::text_enum::text_enum;
use crate::validation::{FieldError, codes};
use crate::{DomainError, DomainResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeetingStatus {
    Draft,
    InvitationsSent,
    Held,
    /// Closed: the minutes are approved.
    MinutesApproved,
    /// Cancelled is a state, not a deletion: the history stays.
    Cancelled,
}
text_enum!(MeetingStatus {
    Draft = "DRAFT",
    InvitationsSent = "INVITATIONS_SENT",
    Held = "HELD",
    MinutesApproved = "MINUTES_APPROVED",
    Cancelled = "CANCELLED",
});

impl MeetingStatus {
    /// The states a meeting may move to from this one.
    pub fn next(self) -> &'static [MeetingStatus] {
        use MeetingStatus::{Cancelled, Draft, Held, InvitationsSent, MinutesApproved};
        match self {
            Draft => &[InvitationsSent, Cancelled],
            InvitationsSent => &[Held, Cancelled],
            Held => &[MinutesApproved],
            MinutesApproved | Cancelled => &[],
        }
    }

    /// Moving a meeting on: only along `next`; cancelling needs a reason.
    pub fn check_move(self, to: MeetingStatus, reason: Option<&str>) -> DomainResult<()> {
        if !self.next().contains(&to) {
            return Err(DomainError::Validation(vec![
                FieldError::new("status", codes::INVALID_TRANSITION)
                    .with("from", self.as_str())
                    .with("to", to.as_str()),
            ]));
        }
        if to == MeetingStatus::Cancelled && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(DomainError::validation("reason", codes::REQUIRED));
        }
        Ok(())
    }

    /// Whether the plan (time, place, agenda) may still change.
    pub fn plan_editable(self) -> bool {
        matches!(self, Self::Draft | Self::InvitationsSent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_move_along_their_states_only() {
        use MeetingStatus::*;
        assert!(Draft.check_move(InvitationsSent, None).is_ok());
        assert!(InvitationsSent.check_move(Held, None).is_ok());
        assert!(Held.check_move(MinutesApproved, None).is_ok());
        let Err(DomainError::Validation(e)) = Draft.check_move(MinutesApproved, None) else { panic!() };
        assert_eq!(e[0].code, "invalid_transition");
        assert!(MinutesApproved.check_move(Cancelled, Some("x")).is_err(), "a closed meeting is not cancelled");
        assert_eq!(Draft.check_move(Cancelled, Some(" ")), Err(DomainError::validation("reason", codes::REQUIRED)));
        assert!(InvitationsSent.check_move(Cancelled, Some("the hall is closed")).is_ok());
        assert!(!Held.plan_editable());
    }
}
