//! The e-mails a meeting sends: invitations, changes, cancellations, circulated and approved
//! minutes. Wording only, in the recipient's language; sending is the transport's job.
//! Times are shown in Israel time, where every forum meets.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Asia::Jerusalem;

use crate::text_enum::text_enum;
use crate::wording::{self, Locale, isolate};

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

/// The e-mail of `kind` about the meeting, worded in `locale` from the locale files. What people
/// wrote (the title, the body's name, the place, agenda items, a reason) is isolated so it keeps
/// its own direction inside a line of the other language.
pub fn compose(kind: NotificationKind, facts: &MeetingFacts, locale: Locale) -> Email {
    use NotificationKind::*;
    let words = |key: &str| wording::word(locale, &["email", key]);
    let name = format!("{} — {}", isolate(&facts.title), isolate(&facts.body_name));
    let subject = wording::word_with(locale, &["email", "subject", kind.as_str()], &[("name", &name)]);
    let mut lines = vec![wording::word_with(locale, &["email", "lead", kind.as_str()], &[("name", &name)])];
    if let Some(reason) = facts.cancel_reason.as_deref().filter(|_| kind == Cancelled) {
        lines.push(wording::word_with(locale, &["email", "reason"], &[("reason", &isolate(reason))]));
    }
    if let Some(deadline) = facts.comment_deadline.filter(|_| kind == MinutesCirculated) {
        let deadline = deadline.format("%d/%m/%Y").to_string();
        lines.push(wording::word_with(locale, &["email", "commentsUntil"], &[("deadline", &deadline)]));
    }
    lines.push(String::new());
    lines.push(format!("{}: {}", words("when"), when(facts)));
    if let Some(place) = &facts.place {
        lines.push(format!("{}: {}", words("where"), isolate(place)));
    }
    if let Some(url) = &facts.online_url {
        lines.push(format!("{}: {url}", words("online")));
    }
    if matches!(kind, Invitation | Changed) && !facts.agenda.is_empty() {
        lines.push(String::new());
        lines.push(format!("{}:", words("agenda")));
        let minutes = words("minutes");
        lines.extend(facts.agenda.iter().map(|(title, m)| format!("• {} ({m} {minutes})", isolate(title))));
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
        let email = compose(NotificationKind::Invitation, &facts(), Locale::He);
        assert_eq!(email.subject, "הזמנה: \u{2068}מפגש 4\u{2069} — \u{2068}פורום התעסוקה\u{2069}");
        assert!(email.body.contains("03/12/2026 12:00–15:00"), "{}", email.body);
        assert!(email.body.contains("מקום: \u{2068}היכל התרבות\u{2069}"));
        assert!(email.body.contains("• \u{2068}סבב היכרות\u{2069} (20 דק׳)"));
    }

    #[test]
    fn a_cancellation_says_why_in_the_recipients_language() {
        let f = MeetingFacts { cancel_reason: Some("the hall is closed".into()), ..facts() };
        let email = compose(NotificationKind::Cancelled, &f, Locale::En);
        assert!(email.subject.starts_with("Cancelled: "));
        assert!(email.body.contains("Reason: \u{2068}the hall is closed\u{2069}"));
        assert!(!email.body.contains("Agenda"), "a cancelled meeting needs no agenda");
    }

    #[test]
    fn circulated_minutes_name_the_comment_deadline() {
        let f = MeetingFacts { comment_deadline: NaiveDate::from_ymd_opt(2026, 12, 10), ..facts() };
        let email = compose(NotificationKind::MinutesCirculated, &f, Locale::He);
        assert!(email.body.contains("ניתן להעיר עד 10/12/2026"));
    }

    #[test]
    fn every_kind_is_worded_in_every_language_with_the_title_isolated() {
        let kinds = [
            NotificationKind::Invitation,
            NotificationKind::Changed,
            NotificationKind::Cancelled,
            NotificationKind::MinutesCirculated,
            NotificationKind::MinutesApproved,
        ];
        for locale in Locale::ALL {
            for kind in kinds {
                let email = compose(kind, &facts(), locale);
                assert!(email.subject.contains("\u{2068}מפגש 4\u{2069}"), "{locale:?} {kind:?}: {}", email.subject);
                assert!(!email.subject.contains("{{") && !email.body.contains("{{"), "{locale:?} {kind:?} filled");
                assert!(!email.subject.starts_with(kind.as_str()), "{locale:?} {kind:?} has its own words");
            }
        }
        assert!(compose(NotificationKind::Invitation, &facts(), Locale::Ar).subject.starts_with("دعوة: "));
    }
}
