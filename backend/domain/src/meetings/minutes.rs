//! Minutes (the protocol) and their approval (domain §8): the referent writes them per agenda
//! item, circulates the draft to the attendees with a comment deadline, amends, and the chair
//! approves. Approval locks that version; a later correction is a new version with its reason.

use chrono::{DateTime, NaiveDate, Utc};

use super::MeetingStatus;
use crate::text_enum::text_enum;
use crate::validation::codes;
use crate::validation::{FieldError, Validator};
use crate::{DomainError, DomainResult};

/// Longest text of one section's minutes, in characters.
pub const MAX_NOTES_CHARS: usize = 20_000;
pub const MAX_COMMENT_CHARS: usize = 4_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MinutesStatus {
    /// Being written; only the referent's side sees it as work in progress.
    Draft,
    /// Sent to the attendees, who comment per item until the deadline; still amendable.
    Circulated,
    /// Locked: approved by the chair. Corrections make a new version.
    Approved,
}
text_enum!(MinutesStatus { Draft = "DRAFT", Circulated = "CIRCULATED", Approved = "APPROVED" });

fn locked() -> DomainError {
    DomainError::Validation(vec![FieldError::new("minutes", codes::MINUTES_LOCKED)])
}

impl MinutesStatus {
    /// Whether the text may change: never in place once approved.
    pub fn check_editable(self) -> DomainResult<()> {
        if self == Self::Approved { Err(locked()) } else { Ok(()) }
    }

    /// Circulating needs a draft and a deadline that has not passed.
    pub fn check_circulate(self, deadline: NaiveDate, today: NaiveDate) -> DomainResult<()> {
        if self != Self::Draft {
            return Err(DomainError::Validation(vec![
                FieldError::new("minutes", codes::INVALID_TRANSITION)
                    .with("from", self.as_str())
                    .with("to", "CIRCULATED"),
            ]));
        }
        if deadline < today {
            return Err(DomainError::Validation(vec![
                FieldError::new("commentDeadline", codes::IN_THE_PAST).with("today", today),
            ]));
        }
        let mut v = Validator::new();
        v.date("commentDeadline", deadline);
        v.finish()
    }

    /// Comments are taken while the draft is circulated and its deadline has not passed.
    pub fn check_comment(self, deadline: Option<NaiveDate>, today: NaiveDate) -> DomainResult<()> {
        match (self, deadline) {
            (Self::Circulated, Some(deadline)) if today <= deadline => Ok(()),
            (Self::Circulated, Some(deadline)) => Err(DomainError::Validation(vec![
                FieldError::new("body", codes::COMMENT_DEADLINE_PASSED).with("deadline", deadline),
            ])),
            _ => Err(DomainError::Validation(vec![FieldError::new("body", codes::MINUTES_NOT_CIRCULATED)])),
        }
    }

    /// Whether a write that needs the minutes in one of `allowed` may go ahead: approved
    /// minutes are locked, anything else short of `allowed` is not circulated yet.
    pub fn check_one_of(self, allowed: &[Self]) -> DomainResult<()> {
        match self {
            _ if allowed.contains(&self) => Ok(()),
            Self::Approved => Err(locked()),
            _ => Err(DomainError::Validation(vec![FieldError::new("body", codes::MINUTES_NOT_CIRCULATED)])),
        }
    }

    /// The chair approves what the attendees have seen: a circulated version.
    pub fn check_approve(self) -> DomainResult<()> {
        match self {
            Self::Circulated => Ok(()),
            Self::Draft => Err(DomainError::Validation(vec![FieldError::new("minutes", codes::CIRCULATE_FIRST)])),
            Self::Approved => Err(locked()),
        }
    }
}

/// The calendar day in Israel, where deadlines are kept: a deadline "until 10/12" holds until
/// midnight there, not in UTC.
pub fn israel_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Asia::Jerusalem).date_naive()
}

/// Minutes can be written once the meeting has been held (and corrected after approval).
pub fn check_minutes_allowed(meeting: MeetingStatus) -> DomainResult<()> {
    if matches!(meeting, MeetingStatus::Held | MeetingStatus::MinutesApproved) {
        Ok(())
    } else {
        Err(DomainError::Validation(vec![
            FieldError::new("status", codes::MEETING_NOT_HELD).with("status", meeting.as_str()),
        ]))
    }
}

/// A correction opens a new version of approved minutes and says why.
pub fn check_correction(latest: MinutesStatus, reason: &str) -> DomainResult<String> {
    if latest != MinutesStatus::Approved {
        return Err(DomainError::Validation(vec![FieldError::new("minutes", codes::NOT_APPROVED_YET)]));
    }
    let mut v = Validator::new();
    let reason = v.required_text("reason", reason, 2000);
    v.finish()?;
    Ok(reason)
}

pub fn validate_notes(notes: &str) -> DomainResult<String> {
    if let Some(error) = crate::validation::check_text("notes", notes, MAX_NOTES_CHARS) {
        return Err(DomainError::Validation(vec![error]));
    }
    // Trailing blank lines are noise; the writer's own line breaks inside are kept.
    Ok(notes.trim_end().to_owned())
}

pub fn validate_comment(body: &str) -> DomainResult<String> {
    let mut v = Validator::new();
    let body = v.required_text("body", body, MAX_COMMENT_CHARS);
    v.finish()?;
    Ok(body)
}

/// What the referent still has to record for a meeting, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordingGap {
    /// The time has passed but the meeting was not marked held (or cancelled).
    NotMarkedHeld,
    Attendance,
    Minutes,
}
text_enum!(RecordingGap { NotMarkedHeld = "NOT_MARKED_HELD", Attendance = "ATTENDANCE", Minutes = "MINUTES" });

/// A meeting that has passed without attendance or minutes "needs recording" (domain §8
/// follow-up). `ends_at` is compared with `now`, which the caller passes in.
pub fn recording_gaps(
    status: MeetingStatus,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
    attendance_recorded: bool,
    has_minutes: bool,
) -> Vec<RecordingGap> {
    if ends_at > now {
        return Vec::new();
    }
    match status {
        MeetingStatus::Draft | MeetingStatus::InvitationsSent => vec![RecordingGap::NotMarkedHeld],
        MeetingStatus::Held => {
            let mut gaps = Vec::new();
            if !attendance_recorded {
                gaps.push(RecordingGap::Attendance);
            }
            if !has_minutes {
                gaps.push(RecordingGap::Minutes);
            }
            gaps
        }
        MeetingStatus::MinutesApproved | MeetingStatus::Cancelled => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    #[test]
    fn writes_wait_for_the_status_they_need() {
        use MinutesStatus::*;
        assert!(Draft.check_one_of(&[Draft, Circulated]).is_ok());
        assert!(Circulated.check_one_of(&[Circulated]).is_ok());
        assert!(Approved.check_one_of(&[Draft, Circulated]).is_err());
        assert!(Draft.check_one_of(&[Circulated]).is_err());
    }

    #[test]
    fn approved_minutes_are_never_edited_in_place() {
        assert!(MinutesStatus::Draft.check_editable().is_ok());
        assert!(MinutesStatus::Circulated.check_editable().is_ok(), "the referent amends while circulated");
        let Err(DomainError::Validation(e)) = MinutesStatus::Approved.check_editable() else { panic!() };
        assert_eq!(e[0].code, "minutes_locked");
    }

    #[test]
    fn circulating_needs_a_draft_and_a_deadline_not_in_the_past() {
        assert!(MinutesStatus::Draft.check_circulate(day(23), day(23)).is_ok());
        let Err(DomainError::Validation(e)) = MinutesStatus::Draft.check_circulate(day(22), day(23)) else { panic!() };
        assert_eq!((e[0].field.as_str(), e[0].code), ("commentDeadline", "in_the_past"));
        assert!(MinutesStatus::Circulated.check_circulate(day(30), day(23)).is_err());
    }

    #[test]
    fn comments_close_at_the_deadline() {
        assert!(MinutesStatus::Circulated.check_comment(Some(day(25)), day(25)).is_ok());
        let Err(DomainError::Validation(e)) = MinutesStatus::Circulated.check_comment(Some(day(25)), day(26)) else {
            panic!()
        };
        assert_eq!(e[0].code, "comment_deadline_passed");
        assert!(MinutesStatus::Draft.check_comment(None, day(1)).is_err());
        assert!(MinutesStatus::Approved.check_comment(Some(day(25)), day(1)).is_err());
    }

    #[test]
    fn the_chair_approves_only_circulated_minutes() {
        assert!(MinutesStatus::Circulated.check_approve().is_ok());
        let Err(DomainError::Validation(e)) = MinutesStatus::Draft.check_approve() else { panic!() };
        assert_eq!(e[0].code, "circulate_first");
        assert!(MinutesStatus::Approved.check_approve().is_err());
    }

    #[test]
    fn a_correction_needs_approved_minutes_and_a_reason() {
        assert_eq!(
            check_correction(MinutesStatus::Approved, " typo in item 2 ").ok().as_deref(),
            Some("typo in item 2")
        );
        assert!(check_correction(MinutesStatus::Approved, "  ").is_err());
        assert!(check_correction(MinutesStatus::Circulated, "x").is_err());
    }

    #[test]
    fn minutes_wait_for_the_meeting_to_be_held() {
        assert!(check_minutes_allowed(MeetingStatus::Held).is_ok());
        assert!(check_minutes_allowed(MeetingStatus::MinutesApproved).is_ok());
        assert!(check_minutes_allowed(MeetingStatus::InvitationsSent).is_err());
        assert!(check_minutes_allowed(MeetingStatus::Cancelled).is_err());
    }

    #[test]
    fn notes_and_comments_have_limits() {
        assert_eq!(validate_notes("a\nb\n\n").ok().as_deref(), Some("a\nb"));
        assert!(validate_notes(&"א".repeat(MAX_NOTES_CHARS + 1)).is_err());
        assert!(validate_comment("   ").is_err());
        assert_eq!(validate_comment(" fine ").ok().as_deref(), Some("fine"));
    }

    #[test]
    fn a_passed_meeting_without_attendance_or_minutes_needs_recording() {
        let end = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
        let later = end + chrono::Duration::hours(1);
        use MeetingStatus::*;
        assert!(recording_gaps(InvitationsSent, end, end - chrono::Duration::hours(1), false, false).is_empty());
        assert_eq!(recording_gaps(InvitationsSent, end, later, false, false), vec![RecordingGap::NotMarkedHeld]);
        assert_eq!(recording_gaps(Held, end, later, false, true), vec![RecordingGap::Attendance]);
        assert_eq!(recording_gaps(Held, end, later, true, false), vec![RecordingGap::Minutes]);
        assert!(recording_gaps(Held, end, later, true, true).is_empty());
        assert!(recording_gaps(Cancelled, end, later, false, false).is_empty());
        assert!(recording_gaps(MinutesApproved, end, later, false, false).is_empty());
    }
}
