//! The chair's weekly e-mail of what waits for their approval — circulated minutes, written
//! quarterly controls and stages ready to move on — sent on Sunday morning (the Israeli week starts on Sunday) when something
//! does. Wording only, in the reader's language; choosing the readers is the store's job.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Asia::Jerusalem;

use crate::forums::Stage;
use crate::meetings::notifications::Email;
use crate::plans::Quarter;
use crate::wording::{self, Locale, isolate};

/// The scheduled job's name, with the week's Sunday as its period.
pub const JOB: &str = "weekly-digest";
/// The hour of Sunday (Israel time) from which the week's e-mail goes out.
const SEND_FROM_HOUR: i64 = 7;

/// The week whose e-mail is due at `now`: that week's Sunday from 07:00 Israel time, the week
/// before until then.
pub fn due_week(now: DateTime<Utc>) -> NaiveDate {
    let day = (now.with_timezone(&Jerusalem) - Duration::hours(SEND_FROM_HOUR)).date_naive();
    day - Duration::days(i64::from(day.weekday().num_days_from_sunday()))
}

/// Minutes out for comments that the chair approves.
#[derive(Debug, Clone)]
pub struct MinutesWaiting {
    pub title: String,
    pub body_name: String,
    pub starts_at: DateTime<Utc>,
    /// The meeting's page, when the public address is configured.
    pub link: Option<String>,
}

/// A quarter's control written and not approved yet.
#[derive(Debug, Clone)]
pub struct ControlWaiting {
    pub town_name: String,
    pub quarter: Quarter,
    pub link: Option<String>,
}

/// A forum whose stage has every milestone done, waiting for the chair to move it on.
#[derive(Debug, Clone)]
pub struct StageMoveWaiting {
    pub town_name: String,
    pub from: Stage,
    pub to: Stage,
    pub link: Option<String>,
}

/// Everything waiting for one chair.
#[derive(Debug, Clone, Default)]
pub struct Waiting {
    pub minutes: Vec<MinutesWaiting>,
    pub controls: Vec<ControlWaiting>,
    pub stage_moves: Vec<StageMoveWaiting>,
}

/// The e-mail, or `None` when nothing waits.
pub fn compose(waiting: &Waiting, locale: Locale) -> Option<Email> {
    let Waiting { minutes, controls, stage_moves } = waiting;
    if minutes.is_empty() && controls.is_empty() && stage_moves.is_empty() {
        return None;
    }
    let word = |key: &str, values: &[(&str, &str)]| wording::word_with(locale, &["email", "digest", key], values);
    let mut lines = vec![word("lead", &[]), String::new()];
    for m in minutes {
        let name = format!("{} — {}", isolate(&m.title), isolate(&m.body_name));
        let date = m.starts_at.with_timezone(&Jerusalem).format("%d/%m/%Y").to_string();
        lines.push(format!("• {}", word("minutes", &[("name", &name), ("date", &date)])));
        lines.extend(m.link.iter().map(|link| format!("  {link}")));
    }
    for c in controls {
        let quarter = c.quarter.to_string();
        lines.push(format!("• {}", word("control", &[("quarter", &quarter), ("town", &isolate(&c.town_name))])));
        lines.extend(c.link.iter().map(|link| format!("  {link}")));
    }
    for m in stage_moves {
        let (from, to) = (m.from.number().to_string(), m.to.number().to_string());
        let values = [("from", from.as_str()), ("to", to.as_str()), ("town", &isolate(&m.town_name))];
        lines.push(format!("• {}", word("stage", &values)));
        lines.extend(m.link.iter().map(|link| format!("  {link}")));
    }
    lines.push(String::new());
    lines.push(word("why", &[]));
    lines.push(String::new());
    lines.push("WORKIT Hub".to_owned());
    Some(Email { subject: word("subject", &[]), body: lines.join("\n") })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn sunday(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn the_week_turns_on_sunday_at_seven_in_israel() {
        // Sunday 29 November 2026: 07:00 in Israel is 05:00 UTC (winter time).
        let before = Utc.with_ymd_and_hms(2026, 11, 29, 4, 59, 0).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 5, 0, 0).unwrap();
        let saturday_night = Utc.with_ymd_and_hms(2026, 12, 5, 21, 30, 0).unwrap();
        assert_eq!(due_week(before), sunday(2026, 11, 22));
        assert_eq!(due_week(at), sunday(2026, 11, 29));
        assert_eq!(due_week(saturday_night), sunday(2026, 11, 29));
    }

    fn minutes() -> MinutesWaiting {
        MinutesWaiting {
            title: "מפגש 4".into(),
            body_name: "פורום התעסוקה".into(),
            starts_at: Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap(),
            link: Some("https://hub.example/meetings/7".into()),
        }
    }

    fn stage_move() -> StageMoveWaiting {
        StageMoveWaiting {
            town_name: "Sderot".into(),
            from: Stage::MappingAndPlanning,
            to: Stage::Implementation,
            link: Some("https://hub.example/towns/5/forum?tab=stages".into()),
        }
    }

    #[test]
    fn nothing_waiting_sends_nothing() {
        assert!(compose(&Waiting::default(), Locale::He).is_none());
    }

    #[test]
    fn each_item_waiting_is_a_line_with_its_link_in_the_readers_language() {
        let control = ControlWaiting {
            town_name: "Kiryat Gat".into(),
            quarter: Quarter::new(2026, 3).unwrap(),
            link: Some("https://hub.example/towns/3/control?quarter=2026-Q3".into()),
        };
        let waiting = Waiting { minutes: vec![minutes()], controls: vec![control], stage_moves: vec![stage_move()] };
        let email = compose(&waiting, Locale::En).unwrap();
        assert_eq!(email.subject, "WORKIT Hub: waiting for your approval");
        assert!(
            email
                .body
                .contains("Minutes to approve: \u{2068}מפגש 4\u{2069} — \u{2068}פורום התעסוקה\u{2069} (24/11/2026)"),
            "{}",
            email.body
        );
        assert!(email.body.contains("  https://hub.example/meetings/7"));
        assert!(email.body.contains("Quarterly control 2026-Q3 to approve: \u{2068}Kiryat Gat\u{2069}"));
        assert!(
            email
                .body
                .contains("Every milestone of stage 2 is done; move the forum to stage 3: \u{2068}Sderot\u{2069}"),
            "{}",
            email.body
        );
        assert!(email.body.contains("  https://hub.example/towns/5/forum?tab=stages"));
        assert!(email.body.contains("account"), "says how to stop it: {}", email.body);
    }

    #[test]
    fn every_language_words_the_digest() {
        for locale in Locale::ALL {
            let waiting = Waiting { minutes: vec![minutes()], controls: Vec::new(), stage_moves: vec![stage_move()] };
            let email = compose(&waiting, locale).unwrap();
            assert!(!email.subject.contains("digest."), "{locale:?}: {}", email.subject);
            assert!(!email.body.contains("{{"), "{locale:?}: {}", email.body);
            assert!(email.body.contains("24/11/2026"));
        }
    }
}
