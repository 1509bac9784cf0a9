//! Field validation that names the field and a stable code; clients word the message.

use serde::Serialize;

/// One invalid field. `code` is stable (`required`, `too_long`, …); `params` fill the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: &str, code: &'static str) -> Self {
        Self { field: field.to_owned(), code, params: Vec::new() }
    }

    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }
}

/// Every field-error code the API can answer. The web app words each one in every language it
/// speaks (a test reads its locale files against [`codes::ALL`]); a new code goes here first.
pub mod codes {
    /// A value is needed.
    pub const REQUIRED: &str = "required";
    /// Longer than `max` characters.
    pub const TOO_LONG: &str = "too_long";
    pub const INVALID_EMAIL: &str = "invalid_email";
    pub const INVALID_PHONE: &str = "invalid_phone";
    pub const INVALID_URL: &str = "invalid_url";
    /// Not an identifier this API issued.
    pub const INVALID_ID: &str = "invalid_id";
    /// Outside `min`..`max`.
    pub const OUT_OF_RANGE: &str = "out_of_range";
    /// Not one of the allowed values, or a row the caller may not use.
    pub const INVALID_CHOICE: &str = "invalid_choice";
    /// Already used by another row (an e-mail, a name).
    pub const TAKEN: &str = "taken";
    pub const END_BEFORE_START: &str = "end_before_start";
    /// A day before `today`.
    pub const IN_THE_PAST: &str = "in_the_past";
    /// With a `reason`: one of [`WEAK_PASSWORD_REASONS`].
    pub const WEAK_PASSWORD: &str = "weak_password";
    pub const WRONG_PASSWORD: &str = "wrong_password";
    pub const CONTROL_CHARACTERS: &str = "control_characters";
    /// A list is full at `max`.
    pub const LIMIT_REACHED: &str = "limit_reached";
    /// A state change the state machine does not allow (`from`, `to`).
    pub const INVALID_TRANSITION: &str = "invalid_transition";
    pub const SAME_STAGE: &str = "same_stage";
    pub const SKIPS_STAGE: &str = "skips_stage";
    /// A stage move with `count` milestones still open, unconfirmed.
    pub const OPEN_MILESTONES: &str = "open_milestones";
    /// The body would be left without a chair.
    pub const LAST_CHAIR: &str = "last_chair";
    pub const ALREADY_MEMBER: &str = "already_member";
    /// The meeting's plan cannot change in its `status`.
    pub const PLAN_LOCKED: &str = "plan_locked";
    pub const APPROVE_MINUTES_INSTEAD: &str = "approve_minutes_instead";
    pub const ATTENDANCE_CLOSED: &str = "attendance_closed";
    pub const NOT_INVITED: &str = "not_invited";
    pub const DECISIONS_CLOSED: &str = "decisions_closed";
    pub const MEETING_NOT_HELD: &str = "meeting_not_held";
    pub const MINUTES_LOCKED: &str = "minutes_locked";
    pub const MINUTES_NOT_CIRCULATED: &str = "minutes_not_circulated";
    pub const CIRCULATE_FIRST: &str = "circulate_first";
    pub const COMMENT_DEADLINE_PASSED: &str = "comment_deadline_passed";
    pub const NOT_APPROVED_YET: &str = "not_approved_yet";
    pub const ACCOUNT_DISABLED: &str = "account_disabled";
    pub const NOT_YOURSELF: &str = "not_yourself";
    pub const NOT_FOR_ROLE: &str = "not_for_role";
    pub const LINK_INVALID: &str = "link_invalid";
    /// Plans and metrics (domain §5–§7).
    pub const INVALID_QUARTER: &str = "invalid_quarter";
    pub const QUARTER_NOT_BEGUN: &str = "quarter_not_begun";
    pub const TARGET_BEFORE_BASELINE: &str = "target_before_baseline";
    pub const NOT_A_NUMBER: &str = "not_a_number";
    pub const DUE_BEFORE_QUARTER: &str = "due_before_quarter";
    pub const IN_THE_FUTURE: &str = "in_the_future";
    pub const EMPTY_PLAN: &str = "empty_plan";
    pub const QUARTER_NOT_ENDED: &str = "quarter_not_ended";
    pub const ALREADY_APPROVED: &str = "already_approved";
    /// A proposed plan change already applied to the plan.
    pub const ALREADY_DECIDED: &str = "already_decided";
    /// Importing a file (`row` and `column` name the cell).
    pub const UNKNOWN_METRIC: &str = "unknown_metric";
    pub const DUPLICATE_ROW: &str = "duplicate_row";
    pub const MISSING_COLUMN: &str = "missing_column";
    pub const NOT_A_TABLE_FILE: &str = "not_a_table_file";
    pub const FILE_TOO_LARGE: &str = "file_too_large";
    pub const TOO_MANY_ROWS: &str = "too_many_rows";
    pub const EMPTY_FILE: &str = "empty_file";
    /// Importing town indicators.
    pub const UNKNOWN_TOWN: &str = "unknown_town";
    pub const INVALID_PERIOD: &str = "invalid_period";
    pub const PERIOD_NOT_BEGUN: &str = "period_not_begun";
    pub const NOT_WHOLE_NUMBER: &str = "not_whole_number";
    pub const PARTS_EXCEED_TOTAL: &str = "parts_exceed_total";
    pub const NO_INDICATOR_COLUMNS: &str = "no_indicator_columns";
    /// A metric fed by a town indicator takes no typed or imported measurement.
    pub const FED_BY_INDICATOR: &str = "fed_by_indicator";

    /// Why a password is refused (`weak_password` with `reason`).
    pub const WEAK_PASSWORD_REASONS: &[&str] = &["blank", "too_short", "guessable"];

    pub const ALL: &[&str] = &[
        REQUIRED,
        TOO_LONG,
        INVALID_EMAIL,
        INVALID_PHONE,
        INVALID_URL,
        INVALID_ID,
        OUT_OF_RANGE,
        INVALID_CHOICE,
        TAKEN,
        END_BEFORE_START,
        IN_THE_PAST,
        WEAK_PASSWORD,
        WRONG_PASSWORD,
        CONTROL_CHARACTERS,
        LIMIT_REACHED,
        INVALID_TRANSITION,
        SAME_STAGE,
        SKIPS_STAGE,
        OPEN_MILESTONES,
        LAST_CHAIR,
        ALREADY_MEMBER,
        PLAN_LOCKED,
        APPROVE_MINUTES_INSTEAD,
        ATTENDANCE_CLOSED,
        NOT_INVITED,
        DECISIONS_CLOSED,
        MEETING_NOT_HELD,
        MINUTES_LOCKED,
        MINUTES_NOT_CIRCULATED,
        CIRCULATE_FIRST,
        COMMENT_DEADLINE_PASSED,
        NOT_APPROVED_YET,
        ACCOUNT_DISABLED,
        NOT_YOURSELF,
        NOT_FOR_ROLE,
        LINK_INVALID,
        INVALID_QUARTER,
        QUARTER_NOT_BEGUN,
        TARGET_BEFORE_BASELINE,
        NOT_A_NUMBER,
        DUE_BEFORE_QUARTER,
        IN_THE_FUTURE,
        EMPTY_PLAN,
        QUARTER_NOT_ENDED,
        ALREADY_APPROVED,
        ALREADY_DECIDED,
        UNKNOWN_METRIC,
        DUPLICATE_ROW,
        MISSING_COLUMN,
        NOT_A_TABLE_FILE,
        FILE_TOO_LARGE,
        TOO_MANY_ROWS,
        EMPTY_FILE,
        UNKNOWN_TOWN,
        INVALID_PERIOD,
        PERIOD_NOT_BEGUN,
        NOT_WHOLE_NUMBER,
        PARTS_EXCEED_TOTAL,
        NO_INDICATOR_COLUMNS,
        FED_BY_INDICATOR,
    ];
}

/// Whether `adding` more rows fit beside `existing` under a documented maximum (the lists a
/// meeting or a forum holds are bounded, so no answer that lists them can grow without end).
pub fn check_room(field: &str, existing: u64, adding: usize, max: usize) -> crate::DomainResult<()> {
    let total = usize::try_from(existing).unwrap_or(usize::MAX).saturating_add(adding);
    if total > max {
        return Err(crate::DomainError::Validation(vec![
            FieldError::new(field, codes::LIMIT_REACHED).with("max", max),
        ]));
    }
    Ok(())
}

/// Whether a text holds a character no person types and no export survives: the C0 controls
/// but tab, line feed and carriage return (NUL makes a Word file unreadable XML, ESC lands in
/// e-mail headers), and the noncharacters U+FFFE and U+FFFF, which XML forbids as well.
pub fn has_control_characters(text: &str) -> bool {
    text.chars().any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}'))
}

/// The one rule for every text a person enters: at most `max` characters, no control characters.
pub fn check_text(field: &str, value: &str, max: usize) -> Option<FieldError> {
    if has_control_characters(value) {
        Some(FieldError::new(field, codes::CONTROL_CHARACTERS))
    } else if value.chars().count() > max {
        Some(FieldError::new(field, codes::TOO_LONG).with("max", max))
    } else {
        None
    }
}

/// The first and last day anyone may enter: the programme's history and its foreseeable
/// future. Outside it a typo (year 0001, 9999) would be stored, sent in invitations and
/// printed as a timestamp no calendar reads.
pub const FIRST_DATE: (i32, u32, u32) = (2000, 1, 1);
pub const LAST_DATE: (i32, u32, u32) = (2099, 12, 31);

fn date_bounds() -> (chrono::NaiveDate, chrono::NaiveDate) {
    let day = |(y, m, d): (i32, u32, u32)| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    (day(FIRST_DATE), day(LAST_DATE))
}

/// Collects every problem of an input so the user sees them all at once, not one per round trip.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    /// A required single-line text: trimmed, not empty, at most `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) -> String {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            self.push(FieldError::new(field, codes::REQUIRED));
        } else {
            self.text(field, trimmed, max);
        }
        trimmed.to_owned()
    }

    /// An optional text: trimmed, empty becomes `None`, at most `max` characters.
    pub fn optional_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let trimmed = value.map(str::trim).filter(|v| !v.is_empty())?;
        self.text(field, trimmed, max);
        Some(trimmed.to_owned())
    }

    /// A text kept as typed (multi-line, untrimmed), checked by [`check_text`].
    pub fn text(&mut self, field: &str, value: &str, max: usize) {
        if let Some(error) = check_text(field, value, max) {
            self.push(error);
        }
    }

    pub fn optional_email(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let email = self.optional_text(field, value, 254)?;
        if !is_plausible_email(&email) {
            self.push(FieldError::new(field, codes::INVALID_EMAIL));
        }
        Some(email.to_lowercase())
    }

    pub fn optional_phone(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let phone = self.optional_text(field, value, 32)?;
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !allowed || !(7..=15).contains(&digits) {
            self.push(FieldError::new(field, codes::INVALID_PHONE));
        }
        Some(phone)
    }

    pub fn optional_url(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let url = self.optional_text(field, value, 2000)?;
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
        if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
            self.push(FieldError::new(field, codes::INVALID_URL));
        }
        Some(url)
    }

    pub fn in_range<T: PartialOrd + ToString + Copy>(&mut self, field: &str, value: T, min: T, max: T) -> T {
        if value < min || value > max {
            self.push(FieldError::new(field, codes::OUT_OF_RANGE).with("min", min).with("max", max));
        }
        value
    }

    /// A day inside [`FIRST_DATE`]..=[`LAST_DATE`].
    pub fn date(&mut self, field: &str, value: chrono::NaiveDate) -> chrono::NaiveDate {
        let (first, last) = date_bounds();
        self.in_range(field, value, first, last)
    }

    pub fn optional_date(&mut self, field: &str, value: Option<chrono::NaiveDate>) -> Option<chrono::NaiveDate> {
        value.map(|day| self.date(field, day))
    }

    /// A moment whose day (in UTC) lies inside the same range as [`Validator::date`].
    pub fn instant(&mut self, field: &str, value: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        self.date(field, value.date_naive());
        value
    }

    /// Offset paging: an offset from 0, a page of 1 to `max_limit` rows.
    pub fn page(&mut self, offset: Option<i32>, limit: Option<i32>, default_limit: i32, max_limit: i32) -> (u64, u64) {
        let offset = self.in_range("offset", offset.unwrap_or(0), 0, i32::MAX);
        let limit = self.in_range("limit", limit.unwrap_or(default_limit), 1, max_limit);
        (u64::try_from(offset).unwrap_or(0), u64::try_from(limit).unwrap_or(1))
    }

    /// Parses one of a closed set of values (an enum stored as text).
    pub fn choice<T>(&mut self, field: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let parsed = parse(value);
        if parsed.is_none() {
            self.push(FieldError::new(field, codes::INVALID_CHOICE));
        }
        parsed
    }

    pub fn finish(self) -> Result<(), crate::DomainError> {
        if self.errors.is_empty() { Ok(()) } else { Err(crate::DomainError::Validation(self.errors)) }
    }
}

fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_checked() {
        let mut v = Validator::new();
        assert_eq!(v.required_text("name", "  Kiryat Gat ", 50), "Kiryat Gat");
        v.required_text("title", "   ", 50);
        v.required_text("note", "abcdef", 5);
        let Err(crate::DomainError::Validation(errors)) = v.finish() else { panic!("expected errors") };
        assert_eq!(errors[0], FieldError::new("title", codes::REQUIRED));
        assert_eq!(errors[1], FieldError::new("note", codes::TOO_LONG).with("max", 5));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut v = Validator::new();
        v.required_text("name", "קריית שמונה", 11);
        assert!(v.finish().is_ok());
    }

    #[test]
    fn email_phone_and_url_shapes() {
        let mut v = Validator::new();
        assert_eq!(v.optional_email("email", Some("Dana@Example.org")), Some("dana@example.org".into()));
        assert_eq!(v.optional_phone("phone", Some("+972 4-690 0000")), Some("+972 4-690 0000".into()));
        assert_eq!(v.optional_url("url", Some("https://workit.example/x")), Some("https://workit.example/x".into()));
        assert_eq!(v.optional_email("email", Some("   ")), None);
        assert!(v.finish().is_ok());
        for bad in ["dana", "dana@", "@x.org", "a@b", "a b@c.org", "a@.org"] {
            let mut v = Validator::new();
            v.optional_email("email", Some(bad));
            assert!(v.finish().is_err(), "{bad} should be rejected");
        }
        let mut v = Validator::new();
        v.optional_phone("phone", Some("call me"));
        v.optional_url("url", Some("javascript:alert(1)"));
        let Err(crate::DomainError::Validation(errors)) = v.finish() else { panic!() };
        assert_eq!(errors.iter().map(|e| e.code).collect::<Vec<_>>(), [codes::INVALID_PHONE, codes::INVALID_URL]);
    }

    #[test]
    fn control_characters_are_refused_but_tabs_and_line_breaks_kept() {
        for bad in ["a\0b", "\u{1}", "x\u{1b}[31m", "\u{1f}", "\u{ffff}", "\u{fffe}"] {
            assert_eq!(check_text("notes", bad, 100).map(|e| e.code), Some(codes::CONTROL_CHARACTERS), "{bad:?}");
        }
        for good in ["שורה\nשורה", "a\tb\r\nc", "😀 مرحبا \u{202e}", "\u{7f}"] {
            assert_eq!(check_text("notes", good, 100), None, "{good:?}");
        }
        let mut v = Validator::new();
        v.required_text("title", "כותרת\u{0}", 100);
        v.optional_text("place", Some("\u{7}"), 100);
        let Err(crate::DomainError::Validation(errors)) = v.finish() else { panic!() };
        assert_eq!(errors.iter().map(|e| e.code).collect::<Vec<_>>(), [codes::CONTROL_CHARACTERS; 2]);
    }

    #[test]
    fn dates_stay_in_the_supported_range() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut v = Validator::new();
        v.date("startsAt", day(2000, 1, 1));
        v.date("startsAt", day(2099, 12, 31));
        assert!(v.finish().is_ok());
        for bad in [day(1999, 12, 31), day(2100, 1, 1), day(1, 1, 1), day(9999, 12, 31)] {
            let mut v = Validator::new();
            v.optional_date("dueOn", Some(bad));
            let Err(crate::DomainError::Validation(errors)) = v.finish() else { panic!("{bad} accepted") };
            assert_eq!(errors[0].params, vec![("min", "2000-01-01".to_owned()), ("max", "2099-12-31".to_owned())]);
        }
    }

    #[test]
    fn paging_refuses_negative_and_oversized_values() {
        let mut v = Validator::new();
        assert_eq!(v.page(None, None, 50, 200), (0, 50));
        assert_eq!(v.page(Some(400), Some(200), 50, 200), (400, 200));
        assert!(v.finish().is_ok());
        for (offset, limit) in [(Some(-1), None), (None, Some(-5)), (None, Some(0)), (None, Some(201))] {
            let mut v = Validator::new();
            v.page(offset, limit, 50, 200);
            assert!(v.finish().is_err(), "{offset:?} {limit:?}");
        }
    }

    #[test]
    fn room_is_checked_against_the_documented_maximum() {
        assert!(check_room("decisions", 99, 1, 100).is_ok());
        let Err(crate::DomainError::Validation(errors)) = check_room("decisions", 100, 1, 100) else { panic!() };
        assert_eq!((errors[0].code, errors[0].params.clone()), (codes::LIMIT_REACHED, vec![("max", "100".to_owned())]));
        assert!(check_room("invitees", 0, 301, 300).is_err());
    }

    #[test]
    fn range_reports_bounds() {
        let mut v = Validator::new();
        v.in_range("cluster", 11, 1, 10);
        let Err(crate::DomainError::Validation(errors)) = v.finish() else { panic!() };
        assert_eq!(errors[0].params, vec![("min", "1".to_owned()), ("max", "10".to_owned())]);
    }
}
