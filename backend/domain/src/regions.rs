//! Regions of the programme (north, south).

use crate::DomainResult;
use crate::validation::Validator;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionDraft {
    pub code: String,
    pub name_he: String,
    pub name_en: String,
    pub name_ar: Option<String>,
}

impl RegionDraft {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        let code = v.required_text("code", &self.code, 32).to_lowercase();
        if !code.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            v.push(crate::FieldError::new("code", crate::validation::codes::INVALID_CHOICE));
        }
        let name_he = v.required_text("nameHe", &self.name_he, 100);
        let name_en = v.required_text("nameEn", &self.name_en, 100);
        let name_ar = v.optional_text("nameAr", self.name_ar.as_deref(), 100);
        v.finish()?;
        Ok(Self { code, name_he, name_en, name_ar })
    }
}

pub mod comparison;
pub mod indicators;
pub mod suppression;
