//! The directory of a town: organisations (with their sector) and people (contacts).

use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};
use crate::{DomainResult, OrganisationId, TownId};

/// The seven sectors forum members come from (domain §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sector {
    Government,
    Philanthropy,
    ThirdSector,
    Business,
    LocalGovernment,
    CivilSociety,
    Academia,
}
text_enum!(Sector {
    Government = "GOVERNMENT",
    Philanthropy = "PHILANTHROPY",
    ThirdSector = "THIRD_SECTOR",
    Business = "BUSINESS",
    LocalGovernment = "LOCAL_GOVERNMENT",
    CivilSociety = "CIVIL_SOCIETY",
    Academia = "ACADEMIA",
});

/// How senior a member is in their organisation; the model recommends the most senior level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seniority {
    Head,
    Senior,
    Middle,
    Staff,
}
text_enum!(Seniority { Head = "HEAD", Senior = "SENIOR", Middle = "MIDDLE", Staff = "STAFF" });

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDraft {
    pub name: String,
    pub sector: Sector,
    pub website: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOrganisation {
    pub name: String,
    pub sector: Sector,
    pub website: Option<String>,
    pub notes: Option<String>,
}

impl OrganisationDraft {
    pub fn validated(self) -> DomainResult<ValidOrganisation> {
        let mut v = Validator::new();
        let name = v.required_text("name", &self.name, 200);
        let website = v.optional_url("website", self.website.as_deref());
        let notes = v.optional_text("notes", self.notes.as_deref(), 4000);
        v.finish()?;
        Ok(ValidOrganisation { name, sector: self.sector, website, notes })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    pub organisation_id: Option<OrganisationId>,
    pub full_name: String,
    pub job_title: Option<String>,
    pub seniority: Option<Seniority>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPerson {
    pub organisation_id: Option<OrganisationId>,
    pub full_name: String,
    pub job_title: Option<String>,
    pub seniority: Option<Seniority>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl PersonDraft {
    pub fn validated(self) -> DomainResult<ValidPerson> {
        let mut v = Validator::new();
        let full_name = v.required_text("fullName", &self.full_name, 200);
        let job_title = v.optional_text("jobTitle", self.job_title.as_deref(), 200);
        let email = v.optional_email("email", self.email.as_deref());
        let phone = v.optional_phone("phone", self.phone.as_deref());
        v.finish()?;
        Ok(ValidPerson {
            organisation_id: self.organisation_id,
            full_name,
            job_title,
            seniority: self.seniority,
            email,
            phone,
        })
    }
}

/// A person's organisation must belong to the same town (the directory is per town).
pub fn check_same_town(person_town: TownId, organisation_town: TownId) -> DomainResult<()> {
    if person_town == organisation_town {
        Ok(())
    } else {
        Err(crate::DomainError::Validation(vec![FieldError::new("organisationId", codes::INVALID_CHOICE)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn org(name: &str, sector: Sector) -> OrganisationDraft {
        OrganisationDraft { name: name.into(), sector, website: None, notes: None }
    }

    #[test]
    fn organisation_needs_a_name_and_one_of_the_seven_sectors() {
        assert_eq!(org(" מתנ\"ס ", Sector::ThirdSector).validated().map(|o| o.sector), Ok(Sector::ThirdSector));
        let Err(DomainError::Validation(errors)) = org("", Sector::Business).validated() else { panic!() };
        assert_eq!(errors, vec![FieldError::new("name", codes::REQUIRED)]);
        assert_eq!(Sector::ALL.len(), 7);
        assert_eq!(Sector::parse("MEDIA"), None, "text outside the seven is no sector");
    }

    #[test]
    fn person_contact_fields_are_checked_and_blank_ones_dropped() {
        let person = PersonDraft {
            organisation_id: None,
            full_name: "דנה לוי".into(),
            job_title: Some("  ".into()),
            seniority: Some(Seniority::Head),
            email: Some("Dana@Example.org".into()),
            phone: None,
        }
        .validated()
        .unwrap();
        assert_eq!(person.job_title, None);
        assert_eq!(person.email.as_deref(), Some("dana@example.org"));
        assert_eq!(person.seniority, Some(Seniority::Head));
    }

    #[test]
    fn organisation_of_another_town_is_refused() {
        assert!(check_same_town(1, 1).is_ok());
        assert!(check_same_town(1, 2).is_err());
    }
}
