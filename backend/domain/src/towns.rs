//! Towns (local authorities) of the programme.

use crate::validation::Validator;
use crate::{DomainResult, RegionId};

/// The Central Bureau of Statistics ranks authorities from 1 (lowest) to 10.
pub const SOCIO_ECONOMIC_CLUSTERS: (i32, i32) = (1, 10);
pub const MAX_POPULATION: i64 = 10_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownDraft {
    pub region_id: RegionId,
    pub name_he: String,
    pub name_en: String,
    /// Optional: Arabic readers see the Hebrew name of a town without one.
    pub name_ar: Option<String>,
    pub population: Option<i64>,
    pub socio_economic_cluster: Option<i32>,
}

impl TownDraft {
    pub fn validated(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        let name_he = v.required_text("nameHe", &self.name_he, 100);
        let name_en = v.required_text("nameEn", &self.name_en, 100);
        let name_ar = v.optional_text("nameAr", self.name_ar.as_deref(), 100);
        if let Some(population) = self.population {
            v.in_range("population", population, 0, MAX_POPULATION);
        }
        if let Some(cluster) = self.socio_economic_cluster {
            v.in_range("socioEconomicCluster", cluster, SOCIO_ECONOMIC_CLUSTERS.0, SOCIO_ECONOMIC_CLUSTERS.1);
        }
        v.finish()?;
        Ok(Self { name_he, name_en, name_ar, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    #[test]
    fn town_needs_hebrew_and_english_names_a_short_arabic_one_and_a_plausible_cluster() {
        let draft = TownDraft {
            region_id: 1,
            name_he: " ".into(),
            name_en: "Kiryat Gat".into(),
            name_ar: Some("x".repeat(101)),
            population: Some(-1),
            socio_economic_cluster: Some(11),
        };
        let Err(DomainError::Validation(errors)) = draft.validated() else { panic!() };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["nameHe", "nameAr", "population", "socioEconomicCluster"]);
    }
}
