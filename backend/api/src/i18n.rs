//! Error messages in the client's language. Clients may also word messages themselves from the
//! stable `code`, `reason` and field `code`s; these are the server's wording for everyone else.

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

pub fn error_message(locale: Locale, code: &str, reason: Option<&str>, retry_after: Option<&str>) -> String {
    use Locale::{En, He};
    let text = match (code, reason, locale) {
        ("UNAUTHENTICATED", Some("BAD_CREDENTIALS"), He) => "הדוא\"ל או הסיסמה שגויים.",
        ("UNAUTHENTICATED", Some("BAD_CREDENTIALS"), En) => "The e-mail or password is wrong.",
        ("UNAUTHENTICATED", Some("EXPIRED"), He) => "פג תוקף ההתחברות. יש להתחבר מחדש.",
        ("UNAUTHENTICATED", Some("EXPIRED"), En) => "Your session has expired. Please sign in again.",
        ("UNAUTHENTICATED", Some("REVOKED"), He) => "ההתחברות בוטלה. יש להתחבר מחדש.",
        ("UNAUTHENTICATED", Some("REVOKED"), En) => "This session was signed out. Please sign in again.",
        ("UNAUTHENTICATED", Some("RATE_LIMITED"), He) => {
            return format!("יותר מדי ניסיונות התחברות. נסו שוב בעוד {} שניות.", retry_after.unwrap_or("60"));
        }
        ("UNAUTHENTICATED", Some("RATE_LIMITED"), En) => {
            return format!("Too many sign-in attempts. Try again in {} seconds.", retry_after.unwrap_or("60"));
        }
        ("UNAUTHENTICATED", _, He) => "יש להתחבר כדי להמשיך.",
        ("UNAUTHENTICATED", _, En) => "Please sign in to continue.",
        ("FORBIDDEN", _, He) => "אין לך הרשאה לפעולה זו.",
        ("FORBIDDEN", _, En) => "You do not have permission to do this.",
        ("NOT_FOUND", _, He) => "הפריט המבוקש לא נמצא.",
        ("NOT_FOUND", _, En) => "The requested item was not found.",
        ("VALIDATION", Some("TOO_NESTED" | "TOO_DEEP"), He) => "הבקשה מקוננת לעומק רב מדי.",
        ("VALIDATION", Some("TOO_NESTED" | "TOO_DEEP"), En) => "The request is nested too deeply.",
        ("VALIDATION", Some("TOO_LARGE"), He) => "התשובה גדולה מדי. יש לבקש פחות נתונים בכל פעם.",
        ("VALIDATION", Some("TOO_LARGE"), En) => "The answer would be too large. Ask for less at a time.",
        ("VALIDATION", _, He) => "חלק מהשדות אינם תקינים.",
        ("VALIDATION", _, En) => "Some fields are not valid.",
        ("CONFLICT", _, He) => "הנתונים השתנו בינתיים על ידי מישהו אחר.",
        ("CONFLICT", _, En) => "Someone else changed this in the meantime.",
        (_, _, He) => "אירעה שגיאה בשרת. נסו שוב מאוחר יותר.",
        (_, _, En) => "Something went wrong on the server. Please try again later.",
    };
    text.to_owned()
}

fn param<'a>(params: &'a Value, name: &str) -> &'a str {
    match params {
        Value::Object(map) => match map.get(name) {
            Some(Value::String(s)) => s,
            _ => "",
        },
        _ => "",
    }
}

pub fn field_message(locale: Locale, code: &str, params: &Value) -> String {
    use Locale::{En, He};
    match (code, locale) {
        ("required", He) => "שדה חובה.".into(),
        ("required", En) => "This field is required.".into(),
        ("too_long", He) => format!("עד {} תווים.", param(params, "max")),
        ("too_long", En) => format!("At most {} characters.", param(params, "max")),
        ("control_characters", He) => "הטקסט מכיל תווי בקרה שאינם ניתנים להצגה. יש להקליד אותו מחדש.".into(),
        ("control_characters", En) => {
            "The text holds control characters that cannot be shown. Please type it again.".into()
        }
        ("limit_reached", He) => format!("ניתן לשמור כאן עד {} פריטים.", param(params, "max")),
        ("limit_reached", En) => format!("At most {} items here.", param(params, "max")),
        ("invalid_email", He) => "כתובת דוא\"ל לא תקינה.".into(),
        ("invalid_email", En) => "Not a valid e-mail address.".into(),
        ("invalid_phone", He) => "מספר טלפון לא תקין.".into(),
        ("invalid_phone", En) => "Not a valid phone number.".into(),
        ("invalid_url", He) => "כתובת אינטרנט לא תקינה (יש להתחיל ב-https://).".into(),
        ("invalid_url", En) => "Not a valid web address (start with https://).".into(),
        ("out_of_range", He) => format!("ערך בין {} ל-{}.", param(params, "min"), param(params, "max")),
        ("out_of_range", En) => format!("A value from {} to {}.", param(params, "min"), param(params, "max")),
        ("end_before_start", He) => "תאריך הסיום מוקדם מתאריך ההתחלה.".into(),
        ("end_before_start", En) => "The end date is before the start date.".into(),
        ("already_member", He) => "האדם כבר חבר בגוף זה.".into(),
        ("already_member", En) => "This person is already a member of this body.".into(),
        ("weak_password", He) => match param(params, "reason") {
            "blank" => "סיסמה לא יכולה להיות רווחים בלבד.".into(),
            "guessable" => "הסיסמה קלה מדי לניחוש (מילה נפוצה, רצף מקלדת, תאריך או השם/הדוא\"ל שלך). עדיף משפט קצר של כמה מילים.".into(),
            _ => format!("סיסמה של {} תווים לפחות.", param(params, "min")),
        },
        ("weak_password", En) => match param(params, "reason") {
            "blank" => "A password cannot be only spaces.".into(),
            "guessable" => "This password is too easy to guess (a common word, a keyboard run, a date, or your name or e-mail). A short sentence of a few words is better.".into(),
            _ => format!("A password of at least {} characters.", param(params, "min")),
        },
        ("taken", He) => "הערך כבר קיים במערכת.".into(),
        ("taken", En) => "This is already in use.".into(),
        ("wrong_password", He) => "הסיסמה הנוכחית שגויה.".into(),
        ("wrong_password", En) => "The current password is wrong.".into(),
        ("link_invalid", He) => "הקישור כבר נוצל, פג תוקפו או שאינו תקין. יש לבקש קישור חדש.".into(),
        ("link_invalid", En) => "This link was already used, has expired or is not valid. Ask for a new one.".into(),
        ("account_disabled", He) => "החשבון מושבת. יש להפעיל אותו מחדש קודם.".into(),
        ("account_disabled", En) => "This account is disabled. Enable it first.".into(),
        ("not_yourself", He) => "לא ניתן לבצע פעולה זו על החשבון שלך.".into(),
        ("not_yourself", En) => "You cannot do this to your own account.".into(),
        ("not_for_role", He) => "שדה זה אינו מתאים לתפקיד שנבחר.".into(),
        ("not_for_role", En) => "This field does not apply to the chosen role.".into(),
        ("invalid_id", He) => "מזהה לא תקין.".into(),
        ("invalid_id", En) => "Not a valid identifier.".into(),
        ("minutes_locked", He) => "סיכום מאושר נעול. לשינוי יש לפתוח תיקון.".into(),
        ("minutes_locked", En) => "Approved minutes are locked. Open a correction to change them.".into(),
        ("minutes_not_circulated", He) => "ניתן להעיר רק כשהסיכום מופץ להערות.".into(),
        ("minutes_not_circulated", En) => "Comments are taken while the minutes are circulated.".into(),
        ("comment_deadline_passed", He) => format!("מועד ההערות הסתיים ב-{}.", param(params, "deadline")),
        ("comment_deadline_passed", En) => format!("Comments closed on {}.", param(params, "deadline")),
        ("circulate_first", He) => "יש להפיץ את הסיכום להערות לפני האישור.".into(),
        ("circulate_first", En) => "Circulate the minutes for comments before approving them.".into(),
        ("in_the_past", He) => "יש לבחור את היום או יום מאוחר יותר.".into(),
        ("in_the_past", En) => "Choose today or a later day.".into(),
        ("approve_minutes_instead", He) => "אישור הסיכום נעשה מאזור הסיכום.".into(),
        ("approve_minutes_instead", En) => "Minutes are approved from the minutes section.".into(),
        (_, He) => "ערך לא תקין.".into(),
        (_, En) => "Not a valid value.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
