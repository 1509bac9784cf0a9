//! Enums whose values are written as fixed text (`"HELD"`, `"TASK_TEAM"`): stored in text
//! columns and named so in GraphQL. The text of each value is written once, in its
//! `text_enum!` line; everything else goes through [`TextEnum`].

/// An enum with one fixed text per value.
pub trait TextEnum: Copy + Eq + std::fmt::Debug + Send + Sync + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The type's name, for error messages about text that names no value.
    const NAME: &'static str;
    fn as_str(self) -> &'static str;
    fn parse(text: &str) -> Option<Self>;
}

/// Declares the text of each value and implements [`TextEnum`] (and the same inherent methods,
/// so callers need no import).
macro_rules! text_enum {
    ($ty:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub const fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($ty::$variant),)+ _ => None }
            }
        }

        impl $crate::text_enum::TextEnum for $ty {
            const ALL: &'static [Self] = $ty::ALL;
            const NAME: &'static str = stringify!($ty);
            fn as_str(self) -> &'static str {
                $ty::as_str(self)
            }
            fn parse(text: &str) -> Option<Self> {
                $ty::parse(text)
            }
        }
    };
}
pub(crate) use text_enum;
