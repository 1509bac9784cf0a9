//! A meeting's history entries in words: each event stores a short machine-written detail
//! (`v1 → 2026-12-07`, `2026-12-01T08:00:00+00:00 (120 min) → …`, a reason); [`read`] turns it
//! back into parts so every language words it its own way, dates and arrows included.

use chrono::{DateTime, NaiveDate, Utc};

/// The parts of one history entry's details; all empty when it had none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventDetails {
    /// The minutes version the event concerns.
    pub minutes_version: Option<i32>,
    /// The comment deadline a circulation set.
    pub comment_deadline: Option<NaiveDate>,
    /// A move in time: from and to, with the lengths in minutes.
    pub moved_from: Option<(DateTime<Utc>, i32)>,
    pub moved_to: Option<(DateTime<Utc>, i32)>,
    /// Free text someone wrote: a cancellation's or a correction's reason.
    pub reason: Option<String>,
}

fn version(text: &str) -> Option<i32> {
    text.trim().strip_prefix('v')?.parse().ok()
}

fn slot(text: &str) -> Option<(DateTime<Utc>, i32)> {
    let (at, rest) = text.trim().split_once(" (")?;
    let minutes = rest.strip_suffix(" min)")?.parse().ok()?;
    Some((DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc), minutes))
}

/// Reads the details as [`crate::meetings`]' writers store them for `kind`; what does not
/// parse is kept whole as the reason, so nothing a person wrote is lost.
pub fn read(kind: &str, details: Option<&str>) -> EventDetails {
    let Some(text) = details.map(str::trim).filter(|t| !t.is_empty()) else { return EventDetails::default() };
    let whole = || EventDetails { reason: Some(text.to_owned()), ..EventDetails::default() };
    match kind {
        "RESCHEDULED" => match text.split_once(" → ").map(|(a, b)| (slot(a), slot(b))) {
            Some((Some(from), Some(to))) => {
                EventDetails { moved_from: Some(from), moved_to: Some(to), ..Default::default() }
            }
            _ => whole(),
        },
        "MINUTES_CIRCULATED" => match text.split_once(" → ") {
            Some((v, deadline)) => match (version(v), deadline.trim().parse::<NaiveDate>().ok()) {
                (Some(v), Some(d)) => {
                    EventDetails { minutes_version: Some(v), comment_deadline: Some(d), ..Default::default() }
                }
                _ => whole(),
            },
            None => whole(),
        },
        "MINUTES_APPROVED" => match version(text) {
            Some(v) => EventDetails { minutes_version: Some(v), ..Default::default() },
            None => whole(),
        },
        "MINUTES_CORRECTION" => match text.split_once(": ") {
            Some((v, reason)) if version(v).is_some() => {
                EventDetails { minutes_version: version(v), reason: Some(reason.to_owned()), ..Default::default() }
            }
            _ => whole(),
        },
        _ => whole(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_detail_reads_back_into_parts() {
        let circulated = read("MINUTES_CIRCULATED", Some("v1 → 2026-12-07"));
        assert_eq!(circulated.minutes_version, Some(1));
        assert_eq!(circulated.comment_deadline, NaiveDate::from_ymd_opt(2026, 12, 7));
        let moved =
            read("RESCHEDULED", Some("2026-12-01T08:00:00+00:00 (120 min) → 2026-12-03T09:30:00+00:00 (90 min)"));
        assert_eq!(moved.moved_from.map(|(_, m)| m), Some(120));
        assert_eq!(moved.moved_to.map(|(at, m)| (at.to_rfc3339(), m)), Some(("2026-12-03T09:30:00+00:00".into(), 90)));
        assert_eq!(read("MINUTES_APPROVED", Some("v2")).minutes_version, Some(2));
        let corrected = read("MINUTES_CORRECTION", Some("v3: שם שגוי: תוקן"));
        assert_eq!((corrected.minutes_version, corrected.reason.as_deref()), (Some(3), Some("שם שגוי: תוקן")));
    }

    #[test]
    fn what_does_not_parse_is_kept_as_written() {
        assert_eq!(read("CANCELLED", Some("ראש הרשות בחו\"ל")).reason.as_deref(), Some("ראש הרשות בחו\"ל"));
        assert_eq!(read("RESCHEDULED", Some("garbled")).reason.as_deref(), Some("garbled"));
        assert_eq!(read("CREATED", None), EventDetails::default());
    }
}
