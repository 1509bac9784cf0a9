//! What the forum's organisations do (the mapping questionnaire, filled in by the referent in
//! the one-to-one meetings before meeting 2), what that adds up to for meeting 3, and the
//! forum's optional SWOT.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::DomainResult;
use crate::directory::Sector;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// The population groups an organisation may serve: the groups the model names as having an
/// employment gap (domain §5), so the roll-up shows which of them nobody serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TargetGroup {
    Women,
    Youth,
    Aged45Plus,
    Haredim,
    Arabs,
    Disabilities,
    EthiopianOrigin,
    NewImmigrants,
    Academics,
    LongTermUnemployed,
}
text_enum!(TargetGroup {
    Women = "WOMEN",
    Youth = "YOUTH",
    Aged45Plus = "AGED_45_PLUS",
    Haredim = "HAREDIM",
    Arabs = "ARABS",
    Disabilities = "DISABILITIES",
    EthiopianOrigin = "ETHIOPIAN_ORIGIN",
    NewImmigrants = "NEW_IMMIGRANTS",
    Academics = "ACADEMICS",
    LongTermUnemployed = "LONG_TERM_UNEMPLOYED",
});

/// Lines in one list answer (programmes, SWOT items) and characters in a line or a free answer.
pub const MAX_LINES: usize = 30;
pub const MAX_LINE: usize = 300;
pub const MAX_ANSWER: usize = 4000;

/// The questionnaire's answers for one organisation of the forum.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub goals: Option<String>,
    pub activities: Option<String>,
    pub target_groups: Vec<TargetGroup>,
    /// Other groups it serves, in its own words.
    pub other_target_groups: Option<String>,
    pub programmes: Vec<String>,
    pub collaborations: Option<String>,
    pub regional_communities: Option<String>,
}

fn lines(v: &mut Validator, field: &str, items: Vec<String>) -> Vec<String> {
    let items: Vec<String> = items.into_iter().map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()).collect();
    if items.len() > MAX_LINES {
        v.push(FieldError::new(field, codes::LIMIT_REACHED).with("max", MAX_LINES));
    }
    for (index, item) in items.iter().enumerate() {
        v.text(&format!("{field}.{index}"), item, MAX_LINE);
    }
    items
}

impl Mapping {
    /// Answers trimmed, empty lines dropped, groups unique in the model's order.
    pub fn validated(self) -> DomainResult<Mapping> {
        let mut v = Validator::new();
        let mapping = Mapping {
            goals: v.optional_text("goals", self.goals.as_deref(), MAX_ANSWER),
            activities: v.optional_text("activities", self.activities.as_deref(), MAX_ANSWER),
            target_groups: TargetGroup::ALL.iter().copied().filter(|g| self.target_groups.contains(g)).collect(),
            other_target_groups: v.optional_text("otherTargetGroups", self.other_target_groups.as_deref(), 1000),
            programmes: lines(&mut v, "programmes", self.programmes),
            collaborations: v.optional_text("collaborations", self.collaborations.as_deref(), MAX_ANSWER),
            regional_communities: v.optional_text(
                "regionalCommunities",
                self.regional_communities.as_deref(),
                MAX_ANSWER,
            ),
        };
        v.finish()?;
        Ok(mapping)
    }

    pub fn is_empty(&self) -> bool {
        *self == Mapping::default()
    }
}

/// What the mapping found, for meeting 3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRollUp {
    /// Every target group with the organisations that serve it (none: a gap).
    pub served: BTreeMap<TargetGroup, Vec<String>>,
    /// Programmes by the sector of the organisation that runs them.
    pub programmes_by_sector: BTreeMap<Sector, Vec<(String, String)>>,
    /// Sectors with an organisation on the map but none mapped.
    pub sectors_unmapped: BTreeSet<Sector>,
    pub organisations_mapped: usize,
    pub organisations_total: usize,
}

/// One organisation as the roll-up sees it: name, sector, and its answers if it has any.
pub struct MappedOrganisation<'a> {
    pub name: &'a str,
    pub sector: Sector,
    pub mapping: Option<&'a Mapping>,
}

pub fn roll_up(organisations: &[MappedOrganisation<'_>]) -> MappingRollUp {
    let mut served: BTreeMap<TargetGroup, Vec<String>> = TargetGroup::ALL.iter().map(|g| (*g, Vec::new())).collect();
    let mut programmes_by_sector: BTreeMap<Sector, Vec<(String, String)>> = BTreeMap::new();
    let mut sectors_seen = BTreeSet::new();
    let mut sectors_mapped = BTreeSet::new();
    let mut organisations_mapped = 0;
    for organisation in organisations {
        sectors_seen.insert(organisation.sector);
        let Some(mapping) = organisation.mapping.filter(|m| !m.is_empty()) else { continue };
        organisations_mapped += 1;
        sectors_mapped.insert(organisation.sector);
        for group in &mapping.target_groups {
            served.entry(*group).or_default().push(organisation.name.to_owned());
        }
        for programme in &mapping.programmes {
            programmes_by_sector
                .entry(organisation.sector)
                .or_default()
                .push((programme.clone(), organisation.name.to_owned()));
        }
    }
    MappingRollUp {
        served,
        programmes_by_sector,
        sectors_unmapped: sectors_seen.difference(&sectors_mapped).copied().collect(),
        organisations_mapped,
        organisations_total: organisations.len(),
    }
}

/// The forum's SWOT, each quadrant a list of lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swot {
    pub strengths: Vec<String>,
    pub weaknesses: Vec<String>,
    pub opportunities: Vec<String>,
    pub threats: Vec<String>,
}

impl Swot {
    pub fn validated(self) -> DomainResult<Swot> {
        let mut v = Validator::new();
        let swot = Swot {
            strengths: lines(&mut v, "strengths", self.strengths),
            weaknesses: lines(&mut v, "weaknesses", self.weaknesses),
            opportunities: lines(&mut v, "opportunities", self.opportunities),
            threats: lines(&mut v, "threats", self.threats),
        };
        v.finish()?;
        Ok(swot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    #[test]
    fn answers_are_cleaned_and_groups_kept_once_in_order() {
        let mapping = Mapping {
            goals: Some("  שילוב נשים  ".into()),
            target_groups: vec![TargetGroup::Youth, TargetGroup::Women, TargetGroup::Youth],
            programmes: vec![" תוכנית א ".into(), "".into()],
            ..Default::default()
        }
        .validated()
        .unwrap();
        assert_eq!(mapping.goals.as_deref(), Some("שילוב נשים"));
        assert_eq!(mapping.target_groups, [TargetGroup::Women, TargetGroup::Youth]);
        assert_eq!(mapping.programmes, ["תוכנית א"]);
    }

    #[test]
    fn an_answer_of_a_hundred_kilobytes_is_refused() {
        let huge = Mapping { goals: Some("א".repeat(100_000)), ..Default::default() };
        let Err(DomainError::Validation(errors)) = huge.validated() else { panic!("expected a validation error") };
        assert_eq!((errors[0].field.as_str(), errors[0].code), ("goals", codes::TOO_LONG));
    }

    #[test]
    fn the_roll_up_shows_groups_nobody_serves_and_programmes_by_sector() {
        let employer =
            Mapping {
                target_groups: vec![TargetGroup::Women], programmes: vec!["הכשרה".into()], ..Default::default()
            };
        let empty = Mapping::default();
        let organisations = [
            MappedOrganisation { name: "מפעל", sector: Sector::Business, mapping: Some(&employer) },
            MappedOrganisation { name: "עמותה", sector: Sector::ThirdSector, mapping: Some(&empty) },
            MappedOrganisation { name: "מכללה", sector: Sector::Academia, mapping: None },
        ];
        let roll_up = roll_up(&organisations);
        assert_eq!(roll_up.served[&TargetGroup::Women], ["מפעל"]);
        assert!(roll_up.served[&TargetGroup::Haredim].is_empty());
        assert_eq!(roll_up.programmes_by_sector[&Sector::Business], [("הכשרה".to_owned(), "מפעל".to_owned())]);
        assert_eq!(roll_up.sectors_unmapped, BTreeSet::from([Sector::ThirdSector, Sector::Academia]));
        assert_eq!((roll_up.organisations_mapped, roll_up.organisations_total), (1, 3));
    }

    #[test]
    fn a_swot_line_too_long_is_named_by_quadrant_and_line() {
        let swot = Swot { threats: vec!["ok".into(), "x".repeat(MAX_LINE + 1)], ..Default::default() };
        let Err(DomainError::Validation(errors)) = swot.validated() else { panic!("expected a validation error") };
        assert_eq!(errors[0].field, "threats.1");
    }
}
