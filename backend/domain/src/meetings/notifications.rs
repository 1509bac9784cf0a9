//! The e-mails a meeting sends: invitations, changes, cancellations, circulated and approved
//! minutes. Wording only, in the recipient's language; sending is the transport's job.
//! Times are shown in Israel time, where every forum meets.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Asia::Jerusalem;

use crate::text_enum::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotificationKind {
    Invitation,
    /// New time, length or place after invitations went out.
    Changed,
    Cancelled,
    MinutesCirculated,
    MinutesApproved,
}
text_enum!(NotificationKind {
    Invitation = "INVITATION",
    Changed = "CHANGED",
    Cancelled = "CANCELLED",
    MinutesCirculated = "MINUTES_CIRCULATED",
    MinutesApproved = "MINUTES_APPROVED",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    He,
    En,
}

impl Language {
    /// An account's stored language; Hebrew, the product's default, for everyone else.
    pub fn of(tag: Option<&str>) -> Self {
        if tag.is_some_and(|t| t.starts_with("en")) { Self::En } else { Self::He }
    }
}

/// What an e-mail about a meeting says.
#[derive(Debug, Clone, Default)]
pub struct MeetingFacts {
    pub title: String,
    pub body_name: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub agenda: Vec<(String, i32)>,
    pub cancel_reason: Option<String>,
    pub comment_deadline: Option<NaiveDate>,
    /// The meeting's page in the web app, when the public address is configured.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub body: String,
}

fn when(facts: &MeetingFacts) -> String {
    let start = facts.starts_at.with_timezone(&Jerusalem);
    let end = super::ends_at(facts.starts_at, facts.duration_minutes).with_timezone(&Jerusalem);
    format!("{} {}–{}", start.format("%d/%m/%Y"), start.format("%H:%M"), end.format("%H:%M"))
}

pub fn compose(kind: NotificationKind, facts: &MeetingFacts, language: Language) -> Email {
    use Language::{En, He};
    use NotificationKind::*;
    let name = format!("{} — {}", facts.title, facts.body_name);
    let subject = match (kind, language) {
        (Invitation, He) => format!("הזמנה: {name}"),
        (Invitation, En) => format!("Invitation: {name}"),
        (Changed, He) => format!("עדכון מועד או מקום: {name}"),
        (Changed, En) => format!("Updated time or place: {name}"),
        (Cancelled, He) => format!("בוטל: {name}"),
        (Cancelled, En) => format!("Cancelled: {name}"),
        (MinutesCirculated, He) => format!("טיוטת סיכום להערות: {name}"),
        (MinutesCirculated, En) => format!("Draft minutes for comments: {name}"),
        (MinutesApproved, He) => format!("סיכום מאושר: {name}"),
        (MinutesApproved, En) => format!("Approved minutes: {name}"),
    };
    let mut lines: Vec<String> = Vec::new();
    let (label_when, label_where, label_online, label_agenda, minutes) = match language {
        He => ("מועד", "מקום", "קישור", "סדר היום", "דק׳"),
        En => ("When", "Where", "Online", "Agenda", "min"),
    };
    match (kind, language) {
        (Cancelled, He) => lines.push(format!("המפגש \"{name}\" בוטל.")),
        (Cancelled, En) => lines.push(format!("The meeting \"{name}\" has been cancelled.")),
        (MinutesCirculated, He) => lines.push("טיוטת סיכום המפגש מחכה להערותיך, לפי סעיפי סדר היום.".to_owned()),
        (MinutesCirculated, En) => lines.push("The draft minutes await your comments, item by item.".to_owned()),
        (MinutesApproved, He) => lines.push("סיכום המפגש אושר על ידי יו\"ר הפורום.".to_owned()),
        (MinutesApproved, En) => lines.push("The minutes of the meeting were approved by the chair.".to_owned()),
        (Changed, He) => lines.push("פרטי המפגש השתנו. הפרטים המעודכנים:".to_owned()),
        (Changed, En) => lines.push("The meeting has changed. The current details:".to_owned()),
        (Invitation, He) => lines.push("הנך מוזמן/ת למפגש.".to_owned()),
        (Invitation, En) => lines.push("You are invited to a meeting.".to_owned()),
    }
    if let Some(reason) = facts.cancel_reason.as_deref().filter(|_| kind == Cancelled) {
        lines.push(match language {
            He => format!("סיבה: {reason}"),
            En => format!("Reason: {reason}"),
        });
    }
    if let Some(deadline) = facts.comment_deadline.filter(|_| kind == MinutesCirculated) {
        let deadline = deadline.format("%d/%m/%Y");
        lines.push(match language {
            He => format!("ניתן להעיר עד {deadline}."),
            En => format!("Comments are open until {deadline}."),
        });
    }
    lines.push(String::new());
    lines.push(format!("{label_when}: {}", when(facts)));
    if let Some(place) = &facts.place {
        lines.push(format!("{label_where}: {place}"));
    }
    if let Some(url) = &facts.online_url {
        lines.push(format!("{label_online}: {url}"));
    }
    if matches!(kind, Invitation | Changed) && !facts.agenda.is_empty() {
        lines.push(String::new());
        lines.push(format!("{label_agenda}:"));
        lines.extend(facts.agenda.iter().map(|(title, m)| format!("• {title} ({m} {minutes})")));
    }
    if let Some(link) = &facts.link {
        lines.push(String::new());
        lines.push(link.clone());
    }
    lines.push(String::new());
    lines.push("WORKIT Hub".to_owned());
    Email { subject, body: lines.join("\n") }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn facts() -> MeetingFacts {
        MeetingFacts {
            title: "מפגש 4".into(),
            body_name: "פורום התעסוקה".into(),
            // 10:00 UTC is 12:00 in Israel in winter.
            starts_at: Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap(),
            duration_minutes: 180,
            place: Some("היכל התרבות".into()),
            agenda: vec![("סבב היכרות".into(), 20)],
            ..MeetingFacts::default()
        }
    }

    #[test]
    fn an_invitation_gives_the_local_time_place_and_agenda_in_hebrew() {
        let email = compose(NotificationKind::Invitation, &facts(), Language::He);
        assert_eq!(email.subject, "הזמנה: מפגש 4 — פורום התעסוקה");
        assert!(email.body.contains("03/12/2026 12:00–15:00"), "{}", email.body);
        assert!(email.body.contains("מקום: היכל התרבות"));
        assert!(email.body.contains("• סבב היכרות (20 דק׳)"));
    }

    #[test]
    fn a_cancellation_says_why_in_the_recipients_language() {
        let f = MeetingFacts { cancel_reason: Some("the hall is closed".into()), ..facts() };
        let email = compose(NotificationKind::Cancelled, &f, Language::En);
        assert!(email.subject.starts_with("Cancelled: "));
        assert!(email.body.contains("Reason: the hall is closed"));
        assert!(!email.body.contains("Agenda"), "a cancelled meeting needs no agenda");
    }

    #[test]
    fn circulated_minutes_name_the_comment_deadline() {
        let f = MeetingFacts { comment_deadline: NaiveDate::from_ymd_opt(2026, 12, 10), ..facts() };
        let email = compose(NotificationKind::MinutesCirculated, &f, Language::He);
        assert!(email.body.contains("ניתן להעיר עד 10/12/2026"));
    }

    #[test]
    fn accounts_in_english_get_english_and_everyone_else_hebrew() {
        assert_eq!(Language::of(Some("en")), Language::En);
        assert_eq!(Language::of(Some("he")), Language::He);
        assert_eq!(Language::of(None), Language::He);
    }
}
