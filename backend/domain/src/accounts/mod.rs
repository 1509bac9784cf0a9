//! Accounts: the roles an account is given, its password, and the one-time links that let a
//! person set it (an invitation, a reset).

pub mod digest;

use crate::forums::MembershipRole;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, codes};
use crate::{DomainError, DomainResult, SystemRole};

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;
/// zxcvbn's scale: 3 is "safely unguessable" against an online attack and slows an offline
/// one to about 10^10 guesses, the level its authors recommend for accounts like these.
const MIN_STRENGTH: u8 = 3;

/// A password people may choose: long enough (NIST SP 800-63B favours length), not blank, and
/// not guessable from common passwords, keyboard patterns, dates or the person's own name and
/// e-mail (`personal`). The error's `reason` says which, so the form can say why.
pub fn check_password(password: &str, personal: &[&str]) -> DomainResult<()> {
    let weak = |reason: &str| {
        Err(DomainError::Validation(vec![
            FieldError::new("password", codes::WEAK_PASSWORD).with("reason", reason).with("min", MIN_PASSWORD_CHARS),
        ]))
    };
    let length = password.chars().count();
    if password.trim().is_empty() {
        return weak("blank");
    }
    if length < MIN_PASSWORD_CHARS {
        return weak("too_short");
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(DomainError::Validation(vec![
            FieldError::new("password", codes::TOO_LONG).with("max", MAX_PASSWORD_CHARS),
        ]));
    }
    if u8::from(zxcvbn::zxcvbn(password, personal).score()) < MIN_STRENGTH {
        return weak("guessable");
    }
    Ok(())
}

/// The role an account is created with: a system role, or a role in one town's forum (held
/// through the person's membership in the forum body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccountRole {
    Admin,
    National,
    RegionalCoordinator,
    Chair,
    EmploymentLead,
    Referent,
    Member,
}
text_enum!(AccountRole {
    Admin = "ADMIN",
    National = "NATIONAL",
    RegionalCoordinator = "REGIONAL_COORDINATOR",
    Chair = "CHAIR",
    EmploymentLead = "EMPLOYMENT_LEAD",
    Referent = "REFERENT",
    Member = "MEMBER",
});

impl AccountRole {
    pub fn system_role(self) -> SystemRole {
        match self {
            Self::Admin => SystemRole::Admin,
            Self::National => SystemRole::National,
            Self::RegionalCoordinator => SystemRole::RegionalCoordinator,
            _ => SystemRole::None,
        }
    }

    /// The membership a town role is held through; `None` for system roles.
    pub fn town_role(self) -> Option<MembershipRole> {
        match self {
            Self::Chair => Some(MembershipRole::Chair),
            Self::EmploymentLead => Some(MembershipRole::EmploymentLead),
            Self::Referent => Some(MembershipRole::ReferentOperational),
            Self::Member => Some(MembershipRole::Member),
            _ => None,
        }
    }

    /// A town role needs its town, a coordinator its region, and nothing else takes either.
    pub fn check_scope(self, town: Option<i64>, region: Option<i64>) -> DomainResult<()> {
        let mut errors = Vec::new();
        match (self.town_role(), town) {
            (Some(_), None) => errors.push(FieldError::new("townId", codes::REQUIRED)),
            (None, Some(_)) => errors.push(FieldError::new("townId", codes::NOT_FOR_ROLE)),
            _ => {}
        }
        errors.extend(region_error(self.system_role(), region));
        if errors.is_empty() { Ok(()) } else { Err(DomainError::Validation(errors)) }
    }
}

/// A regional coordinator needs a region, and no other system role takes one.
pub fn region_error(role: SystemRole, region: Option<i64>) -> Option<FieldError> {
    match (role == SystemRole::RegionalCoordinator, region) {
        (true, None) => Some(FieldError::new("regionId", codes::REQUIRED)),
        (false, Some(_)) => Some(FieldError::new("regionId", codes::NOT_FOR_ROLE)),
        _ => None,
    }
}

/// What a one-time link lets its holder do, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TokenPurpose {
    /// A new account's first password.
    Invitation,
    /// A new password chosen after an operator reset the old one.
    Reset,
}
text_enum!(TokenPurpose { Invitation = "INVITATION", Reset = "RESET" });

impl TokenPurpose {
    pub fn lifetime(self) -> chrono::Duration {
        match self {
            Self::Invitation => chrono::Duration::days(7),
            Self::Reset => chrono::Duration::hours(24),
        }
    }
}

/// The e-mail that carries a one-time link, in the recipient's language (`he` unless `en`).
/// The name is isolated (U+2068…U+2069) so a Hebrew name reads right in an English line.
pub fn link_email(purpose: TokenPurpose, language: &str, name: &str, link: &str, expires: &str) -> (String, String) {
    let name = format!("\u{2068}{name}\u{2069}");
    match (purpose, language) {
        (TokenPurpose::Invitation, "en") => (
            "Your WORKIT Hub account".to_owned(),
            format!(
                "Hello {name},\n\nAn account was opened for you in WORKIT Hub. Choose your password here:\n{link}\n\nThe link works once, until {expires}.\n"
            ),
        ),
        (TokenPurpose::Invitation, _) => (
            "החשבון שלך ב-WORKIT Hub".to_owned(),
            format!(
                "שלום {name},\n\nנפתח עבורך חשבון ב-WORKIT Hub. לבחירת סיסמה:\n{link}\n\nהקישור פועל פעם אחת, עד {expires}.\n"
            ),
        ),
        (TokenPurpose::Reset, "en") => (
            "Set a new WORKIT Hub password".to_owned(),
            format!(
                "Hello {name},\n\nYour password can be set anew here:\n{link}\n\nThe link works once, until {expires}. If you did not ask for it, tell the programme's administrator.\n"
            ),
        ),
        (TokenPurpose::Reset, _) => (
            "קביעת סיסמה חדשה ל-WORKIT Hub".to_owned(),
            format!(
                "שלום {name},\n\nאפשר לקבוע סיסמה חדשה כאן:\n{link}\n\nהקישור פועל פעם אחת, עד {expires}. אם לא ביקשת זאת, יש לפנות למנהל/ת התוכנית.\n"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(password: &str) -> Option<String> {
        match check_password(password, &["dana@town.gov.il", "Dana Levi"]) {
            Ok(()) => None,
            Err(DomainError::Validation(errors)) => {
                errors[0].params.iter().find(|(name, _)| *name == "reason").map(|(_, value)| value.clone())
            }
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn weak_passwords_are_refused_with_the_reason() {
        assert_eq!(reason("          ").as_deref(), Some("blank"));
        assert_eq!(reason("short1!").as_deref(), Some("too_short"));
        for guessable in ["aaaaaaaaaa", "password12", "1234567890", "qwertyuiop", "dana@town.gov.il"] {
            assert_eq!(reason(guessable).as_deref(), Some("guessable"), "{guessable}");
        }
    }

    #[test]
    fn long_unusual_passphrases_pass() {
        for strong in ["correct horse battery staple", "Kiryat-Gat forum, Q3 2026!", "שבע כבשים על גג הבית"]
        {
            assert_eq!(reason(strong), None, "{strong}");
        }
        assert!(check_password(&"x".repeat(MAX_PASSWORD_CHARS + 1), &[]).is_err());
    }

    #[test]
    fn roles_take_the_scope_they_need() {
        assert!(AccountRole::Referent.check_scope(Some(1), None).is_ok());
        assert!(AccountRole::Referent.check_scope(None, None).is_err());
        assert!(AccountRole::RegionalCoordinator.check_scope(None, Some(2)).is_ok());
        assert!(AccountRole::Admin.check_scope(Some(1), None).is_err());
        assert_eq!(AccountRole::Chair.town_role(), Some(MembershipRole::Chair));
        assert_eq!(AccountRole::National.system_role(), SystemRole::National);
        assert_eq!(region_error(SystemRole::RegionalCoordinator, None).map(|e| e.code), Some(codes::REQUIRED));
        assert_eq!(region_error(SystemRole::Admin, Some(1)).map(|e| e.code), Some("not_for_role"));
        assert_eq!(region_error(SystemRole::None, None), None);
    }
}
