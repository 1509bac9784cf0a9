//! Error messages in the client's language. Clients may also word messages themselves from the
//! stable `code`, `reason` and field `code`s; these are the server's wording for everyone else.

use async_graphql::Value;
pub use workit_domain::wording::{Locale, fill as interpolate, text as wording_at, word, word_with};

/// The language an HTTP request asks for (`Accept-Language`), if it names a supported one.
pub fn locale_of_request(headers: &axum::http::HeaderMap) -> Option<Locale> {
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language)
}

fn wording(locale: Locale, section: &str, key: &str) -> Option<&'static str> {
    wording_at(locale, &[section, key])
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
        for locale in Locale::ALL {
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
