//! Who was invited and who came: the two-thirds rule (domain §8).

use super::MeetingStatus;
use crate::text_enum::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttendanceStatus {
    Invited,
    Attended,
    Absent,
    Excused,
}
text_enum!(AttendanceStatus { Invited = "INVITED", Attended = "ATTENDED", Absent = "ABSENT", Excused = "EXCUSED" });

/// Attendance of one meeting against the two-thirds rule (domain §8). Excused counts as absent:
/// the rule is about who was in the room.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttendanceSummary {
    pub invited: usize,
    pub attended: usize,
    /// Invitees whose attendance was recorded (attended, absent or excused).
    pub recorded: usize,
    pub rate: Option<f64>,
    pub meets_two_thirds: Option<bool>,
}

pub fn attendance_summary(statuses: impl IntoIterator<Item = AttendanceStatus>) -> AttendanceSummary {
    let statuses: Vec<_> = statuses.into_iter().collect();
    let attended = statuses.iter().filter(|s| **s == AttendanceStatus::Attended).count();
    let recorded = statuses.iter().filter(|s| **s != AttendanceStatus::Invited).count();
    let rate = (recorded > 0).then(|| attended as f64 / recorded as f64);
    AttendanceSummary {
        invited: statuses.len(),
        attended,
        recorded,
        rate,
        meets_two_thirds: rate.map(|r| r >= crate::forums::health::THRESHOLDS.attendance_ok),
    }
}

/// Attendance is recorded once invitations are out, and until the minutes are approved.
pub fn attendance_recordable(status: MeetingStatus) -> bool {
    matches!(status, MeetingStatus::InvitationsSent | MeetingStatus::Held)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_thirds_of_those_recorded_must_attend() {
        use AttendanceStatus::*;
        let summary = attendance_summary([Attended, Attended, Excused, Invited]);
        assert_eq!((summary.invited, summary.attended, summary.recorded), (4, 2, 3));
        assert_eq!(summary.meets_two_thirds, Some(true));
        assert_eq!(attendance_summary([Attended, Absent, Excused]).meets_two_thirds, Some(false));
        assert_eq!(attendance_summary([Invited, Invited]).rate, None, "nothing recorded yet");
    }

    #[test]
    fn attendance_is_recorded_between_invitations_and_approval() {
        assert!(!attendance_recordable(MeetingStatus::Draft));
        assert!(attendance_recordable(MeetingStatus::Held));
        assert!(!attendance_recordable(MeetingStatus::MinutesApproved));
    }
}
