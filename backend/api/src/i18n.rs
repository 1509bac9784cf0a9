//! Error messages in the client's language. Clients may also word messages themselves from the
//! stable `code`, `reason` and field `code`s; these are the server's wording for everyone else.

use std::sync::LazyLock;

use async_graphql::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    He,
    En,
}

impl Locale {
    pub fn parse(tag: &str) -> Option<Self> {
        match tag.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("he" | "iw") => Some(Self::He),
            Some("en") => Some(Self::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        header.split(',').find_map(|part| Self::parse(part.split(';').next().unwrap_or_default()))
    }

    /// The language an HTTP request asks for (`Accept-Language`), if it names a supported one.
    pub fn of_request(headers: &axum::http::HeaderMap) -> Option<Self> {
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Self::from_accept_language)
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::He => "he",
            Self::En => "en",
        }
    }
}

/// The web app's locale files, compiled in: the server words its errors exactly as the web app
/// does, from one list of texts per language.
static WORDING: LazyLock<[serde_json::Value; 2]> = LazyLock::new(|| {
    let parse = |text: &str| serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    [
        parse(include_str!("../../../frontend/src/locales/he.json")),
        parse(include_str!("../../../frontend/src/locales/en.json")),
    ]
});

fn wording(locale: Locale, section: &str, key: &str) -> Option<&'static str> {
    wording_at(locale, &[section, key])
}

/// The text at a path of the locale file (`["attendance", "status", "ATTENDED"]`).
pub fn wording_at(locale: Locale, path: &[&str]) -> Option<&'static str> {
    let index = match locale {
        Locale::He => 0,
        Locale::En => 1,
    };
    path.iter().try_fold(&WORDING[index], |node, key| node.get(key))?.as_str()
}

/// Fills i18next's `{{name}}` placeholders from `value_of(name)`.
fn interpolate<'a>(text: &str, value_of: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else { break };
        out.push_str(&rest[..open]);
        let name = rest[open + 2..open + close].trim();
        out.push_str(value_of(name).unwrap_or_default());
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    out
}

/// The headline of an error: its `reason`'s wording where there is one, else its code's.
pub fn error_message(locale: Locale, code: &str, reason: Option<&str>, retry_after: Option<&str>) -> String {
    let text = reason
        .and_then(|reason| wording(locale, "errors", reason))
        .or_else(|| wording(locale, "errors", code))
        .or_else(|| wording(locale, "errors", "INTERNAL"))
        .unwrap_or("internal error");
    interpolate(text, |name| if name == "seconds" { Some(retry_after.unwrap_or("60")) } else { None })
}

fn param<'a>(params: &'a Value, name: &str) -> Option<&'a str> {
    match params {
        Value::Object(map) => match map.get(name) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// A field error in the client's language: `<code>_<reason>` where the code has reasons.
pub fn field_message(locale: Locale, code: &str, params: &Value) -> String {
    let text = param(params, "reason")
        .and_then(|reason| wording(locale, "validation", &format!("{code}_{reason}")))
        .or_else(|| wording(locale, "validation", code))
        .or_else(|| wording(locale, "validation", "fallback"))
        .unwrap_or(code);
    interpolate(text, |name| param(params, name))
}

#[cfg(test)]
mod tests {
    use workit_domain::validation::codes;
    use workit_domain::{AuthFailure, ErrorCode};

    use super::*;
    use crate::graphql::limits::{TOO_DEEP, TOO_LARGE, TOO_NESTED};

    #[test]
    fn accept_language_picks_the_first_supported_language() {
        assert_eq!(Locale::from_accept_language("fr-FR, en-GB;q=0.8, he;q=0.5"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("he-IL"), Some(Locale::He));
        assert_eq!(Locale::from_accept_language("de"), None);
    }

    #[test]
    fn field_messages_fill_their_parameters() {
        let params = Value::Object([(async_graphql::Name::new("max"), Value::from("200"))].into_iter().collect());
        assert_eq!(field_message(Locale::En, "too_long", &params), "At most 200 characters.");
        assert_eq!(field_message(Locale::He, "too_long", &params), "עד 200 תווים.");
    }

    #[test]
    fn every_field_code_and_error_code_is_worded_in_every_language() {
        let fallback = |locale| field_message(locale, "no_such_code", &Value::Null);
        for locale in [Locale::He, Locale::En] {
            assert_ne!(fallback(locale), "no_such_code", "the locale file of {locale:?} parses");
            for code in codes::ALL {
                assert!(wording(locale, "validation", code).is_some(), "{code} has no {locale:?} text");
            }
            for reason in codes::WEAK_PASSWORD_REASONS {
                let key = format!("{}_{reason}", codes::WEAK_PASSWORD);
                assert!(wording(locale, "validation", &key).is_some(), "{key} has no {locale:?} text");
            }
            for code in ErrorCode::ALL {
                assert!(wording(locale, "errors", code.as_str()).is_some(), "{code:?} has no {locale:?} text");
            }
            for reason in AuthFailure::REASONS.iter().chain(&[TOO_NESTED, TOO_DEEP, TOO_LARGE]) {
                assert!(wording(locale, "errors", reason).is_some(), "{reason} has no {locale:?} text");
            }
        }
    }

    #[test]
    fn messages_fill_every_placeholder() {
        let params = Value::Object(
            [("reason", "too_short"), ("min", "12")]
                .into_iter()
                .map(|(k, v)| (async_graphql::Name::new(k), Value::from(v)))
                .collect(),
        );
        assert_eq!(field_message(Locale::En, codes::WEAK_PASSWORD, &params), "A password of at least 12 characters.");
        assert_eq!(
            error_message(Locale::En, "UNAUTHENTICATED", Some("RATE_LIMITED"), Some("30")),
            "Too many sign-in attempts. Try again in 30 seconds."
        );
        assert_eq!(
            error_message(Locale::He, "NO_SUCH_CODE", None, None),
            error_message(Locale::He, "INTERNAL", None, None)
        );
    }
}
