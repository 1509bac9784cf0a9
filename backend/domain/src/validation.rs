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

pub mod codes {
    pub const REQUIRED: &str = "required";
    pub const TOO_LONG: &str = "too_long";
    pub const INVALID_EMAIL: &str = "invalid_email";
    pub const INVALID_PHONE: &str = "invalid_phone";
    pub const INVALID_URL: &str = "invalid_url";
    pub const OUT_OF_RANGE: &str = "out_of_range";
    pub const INVALID_CHOICE: &str = "invalid_choice";
    pub const TAKEN: &str = "taken";
    pub const END_BEFORE_START: &str = "end_before_start";
    pub const WEAK_PASSWORD: &str = "weak_password";
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
            self.max_len(field, trimmed, max);
        }
        trimmed.to_owned()
    }

    /// An optional text: trimmed, empty becomes `None`, at most `max` characters.
    pub fn optional_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let trimmed = value.map(str::trim).filter(|v| !v.is_empty())?;
        self.max_len(field, trimmed, max);
        Some(trimmed.to_owned())
    }

    fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.push(FieldError::new(field, codes::TOO_LONG).with("max", max));
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
    fn range_reports_bounds() {
        let mut v = Validator::new();
        v.in_range("cluster", 11, 1, 10);
        let Err(crate::DomainError::Validation(errors)) = v.finish() else { panic!() };
        assert_eq!(errors[0].params, vec![("min", "1".to_owned()), ("max", "10".to_owned())]);
    }
}
