//! The product's words, one source for every language: the web app's locale files
//! (`frontend/src/locales/*.json`), compiled in. Screens, exports, e-mails and error messages all
//! read their wording here, so a status is worded the same in a Word file as on the screen.

use std::sync::LazyLock;

/// Hebrew is the product's default: for a request that names no language the product speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    He,
    En,
    Ar,
}

impl Locale {
    pub const ALL: [Self; 3] = [Self::He, Self::En, Self::Ar];

    /// A language tag's language (`he-IL`, `ar`, `en-GB`), if the product speaks it.
    pub fn parse(tag: &str) -> Option<Self> {
        match tag.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("he" | "iw") => Some(Self::He),
            Some("en") => Some(Self::En),
            Some("ar") => Some(Self::Ar),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        header.split(',').find_map(|part| Self::parse(part.split(';').next().unwrap_or_default()))
    }

    /// An account's stored language; Hebrew, the product's default, for everyone else.
    pub fn of_account(tag: Option<&str>) -> Self {
        tag.and_then(Self::parse).unwrap_or_default()
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::He => "he",
            Self::En => "en",
            Self::Ar => "ar",
        }
    }

    pub const fn is_right_to_left(self) -> bool {
        !matches!(self, Self::En)
    }

    /// Places carry a Hebrew and an English name and may carry an Arabic one: each reader gets
    /// their language's; Arabic readers of a place with no Arabic name get the Hebrew one (the
    /// official name on Israeli signs and forms, written in the same direction).
    pub fn place_name<'a>(self, hebrew: &'a str, english: &'a str, arabic: Option<&'a str>) -> &'a str {
        match self {
            Self::He => hebrew,
            Self::En => english,
            Self::Ar => arabic.unwrap_or(hebrew),
        }
    }
}

static FILES: LazyLock<[serde_json::Value; 3]> = LazyLock::new(|| {
    let parse = |text: &str| serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    [
        parse(include_str!("../../../frontend/src/locales/he.json")),
        parse(include_str!("../../../frontend/src/locales/en.json")),
        parse(include_str!("../../../frontend/src/locales/ar.json")),
    ]
});

/// The text at a path of the locale file (`["attendance", "status", "ATTENDED"]`).
pub fn text(locale: Locale, path: &[&str]) -> Option<&'static str> {
    let file = &FILES[locale as usize];
    path.iter().try_fold(file, |node, key| node.get(key))?.as_str()
}

/// The text at a path, or the path's last key when the file has none — a missing word shows
/// as its key rather than as nothing (the locale tests keep that from happening).
pub fn word(locale: Locale, path: &[&str]) -> String {
    text(locale, path).unwrap_or_else(|| path.last().copied().unwrap_or_default()).to_owned()
}

/// Fills i18next's `{{name}}` placeholders from `value_of(name)`.
pub fn fill<'a>(text: &str, value_of: impl Fn(&str) -> Option<&'a str>) -> String {
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

/// The text at a path with its placeholders filled from `values`.
pub fn word_with(locale: Locale, path: &[&str], values: &[(&str, &str)]) -> String {
    fill(&word(locale, path), |name| values.iter().find(|(key, _)| *key == name).map(|(_, value)| *value))
}

/// Wraps text a person wrote (a name, a title) in Unicode first-strong isolates, so a Hebrew
/// title in an English line, or an English name in a Hebrew one, keeps its own direction and
/// leaves the surrounding punctuation where it belongs — for plain text (e-mails, files) where
/// no `<bdi>` exists.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_is_compiled_in_and_parses() {
        for locale in Locale::ALL {
            assert_eq!(text(locale, &["_meta", "intl"]).map(|t| t.get(..2)), Some(Some(locale.as_str())), "{locale:?}");
        }
    }

    #[test]
    fn tags_name_their_language_and_others_fall_back_to_hebrew() {
        assert_eq!(Locale::from_accept_language("fr-FR, ar-IL;q=0.9, en;q=0.5"), Some(Locale::Ar));
        assert_eq!(Locale::from_accept_language("de"), None);
        assert_eq!(Locale::of_account(Some("en")), Locale::En);
        assert_eq!(Locale::of_account(Some("ar")), Locale::Ar);
        assert_eq!(Locale::of_account(None), Locale::He);
        assert!(Locale::Ar.is_right_to_left() && Locale::He.is_right_to_left() && !Locale::En.is_right_to_left());
    }

    #[test]
    fn a_place_is_named_in_the_readers_language_and_in_hebrew_when_it_has_no_arabic_name() {
        assert_eq!(Locale::He.place_name("צפת", "Safed", Some("صفد")), "צפת");
        assert_eq!(Locale::En.place_name("צפת", "Safed", Some("صفد")), "Safed");
        assert_eq!(Locale::Ar.place_name("צפת", "Safed", Some("صفد")), "صفد");
        assert_eq!(Locale::Ar.place_name("צפת", "Safed", None), "צפת");
    }

    #[test]
    fn placeholders_are_filled_and_missing_words_show_their_key() {
        assert_eq!(word_with(Locale::En, &["town", "cluster"], &[("cluster", "4")]), "Cluster 4");
        assert_eq!(word(Locale::Ar, &["no", "such_key"]), "such_key");
    }
}
