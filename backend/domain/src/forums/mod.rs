//! A town's employment forum: its stage, its bodies and who sits in them (domain §2–§4).

pub mod health;
pub mod milestones;
pub mod stages;

use chrono::NaiveDate;

use crate::DomainResult;
use crate::access::TownRole;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

/// The three stages of the model (§4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// התנעה וביסוס תשתיות
    KickOff,
    /// מיפוי, תכנון, והקמת פורום
    MappingAndPlanning,
    /// יישום
    Implementation,
}
text_enum!(Stage { KickOff = "KICK_OFF", MappingAndPlanning = "MAPPING_AND_PLANNING", Implementation = "IMPLEMENTATION" });

impl Stage {
    pub const fn number(self) -> i32 {
        match self {
            Self::KickOff => 1,
            Self::MappingAndPlanning => 2,
            Self::Implementation => 3,
        }
    }

    pub fn from_number(number: i32) -> Option<Self> {
        Self::ALL.iter().copied().find(|stage| stage.number() == number)
    }
}

/// The bodies of a forum (§3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyKind {
    SteeringCommittee,
    Forum,
    TaskTeam,
    AdHocTeam,
}
text_enum!(BodyKind { SteeringCommittee = "STEERING_COMMITTEE", Forum = "FORUM", TaskTeam = "TASK_TEAM", AdHocTeam = "AD_HOC_TEAM" });

/// A person's role in one body (§2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MembershipRole {
    Chair,
    EmploymentLead,
    ReferentStrategic,
    ReferentOperational,
    RegionalCoordinator,
    TeamLead,
    Member,
}
text_enum!(MembershipRole {
    Chair = "CHAIR",
    EmploymentLead = "EMPLOYMENT_LEAD",
    ReferentStrategic = "REFERENT_STRATEGIC",
    ReferentOperational = "REFERENT_OPERATIONAL",
    RegionalCoordinator = "REGIONAL_COORDINATOR",
    TeamLead = "TEAM_LEAD",
    Member = "MEMBER",
});

impl MembershipRole {
    /// What holding this membership lets an account do in the town. The regional coordinator's
    /// powers come from the account's system role and region, not from sitting in a body.
    pub const fn town_role(self) -> TownRole {
        match self {
            Self::Chair => TownRole::Chair,
            Self::EmploymentLead => TownRole::EmploymentLead,
            Self::ReferentStrategic | Self::ReferentOperational => TownRole::Referent,
            Self::RegionalCoordinator | Self::TeamLead | Self::Member => TownRole::Member,
        }
    }
}

/// The strategic focuses a forum picks from (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FocusKind {
    Employers,
    Population,
    Skills,
    Geographic,
    Regional,
}
text_enum!(FocusKind { Employers = "EMPLOYERS", Population = "POPULATION", Skills = "SKILLS", Geographic = "GEOGRAPHIC", Regional = "REGIONAL" });

/// What one forum holds at most (docs/permissions.md, "Limits"), enforced on write.
pub const MAX_BODIES_PER_FORUM: usize = 40;
/// Memberships of one body, past ones included (leaving keeps the row).
pub const MAX_MEMBERSHIPS_PER_BODY: usize = 200;
pub const MAX_MILESTONES_PER_FORUM: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyDraft {
    pub kind: BodyKind,
    pub name: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub focus_id: Option<i64>,
    pub lead_person_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBody {
    pub kind: BodyKind,
    pub name: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub focus_id: Option<i64>,
    pub lead_person_id: Option<i64>,
}

impl BodyDraft {
    pub fn validated(self) -> DomainResult<ValidBody> {
        let mut v = Validator::new();
        let kind = self.kind;
        let name = v.required_text("name", &self.name, 200);
        check_period(&mut v, self.starts_on, self.ends_on);
        // A task team works on one strategic focus; an ad-hoc team is time-boxed (domain §3).
        if kind == BodyKind::TaskTeam && self.focus_id.is_none() {
            v.push(FieldError::new("focusId", codes::REQUIRED));
        }
        if kind == BodyKind::AdHocTeam && self.ends_on.is_none() {
            v.push(FieldError::new("endsOn", codes::REQUIRED));
        }
        v.finish()?;
        Ok(ValidBody {
            kind,
            name,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            focus_id: self.focus_id,
            lead_person_id: self.lead_person_id,
        })
    }
}

fn check_period(v: &mut Validator, start: Option<NaiveDate>, end: Option<NaiveDate>) {
    v.optional_date("startsOn", start);
    v.optional_date("endsOn", end);
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        v.push(FieldError::new("endsOn", codes::END_BEFORE_START));
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipDraft {
    pub role: MembershipRole,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMembership {
    pub role: MembershipRole,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

impl MembershipDraft {
    pub fn validated(self) -> DomainResult<ValidMembership> {
        let mut v = Validator::new();
        v.date("joinedOn", self.joined_on);
        v.optional_date("leftOn", self.left_on);
        if let Some(left) = self.left_on
            && left < self.joined_on
        {
            v.push(FieldError::new("leftOn", codes::END_BEFORE_START));
        }
        v.finish()?;
        Ok(ValidMembership { role: self.role, joined_on: self.joined_on, left_on: self.left_on })
    }
}

/// An ad-hoc team (or any body with an end date) is closed the day after it ends.
pub fn is_closed(ends_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    ends_on.is_some_and(|end| end < today)
}

/// A body that has a current chair keeps one: ending or changing the last chair's membership
/// is refused until another chair is named. `after` is every membership of the body, as
/// (role, current) once the change is applied; `before_had_chair` tells whether it had one.
pub fn check_keeps_a_chair(before_had_chair: bool, after: &[(MembershipRole, bool)]) -> DomainResult<()> {
    let has_chair = after.iter().any(|(role, current)| *role == MembershipRole::Chair && *current);
    if before_had_chair && !has_chair {
        return Err(crate::DomainError::validation("role", codes::LAST_CHAIR));
    }
    Ok(())
}

/// Whether a membership is current on `today` (leaving keeps the row: history is kept).
pub fn is_current(joined_on: NaiveDate, left_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    joined_on <= today && left_on.is_none_or(|left| left > today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn stages_are_numbered_one_to_three() {
        assert_eq!(Stage::ALL.iter().map(|s| s.number()).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(Stage::from_number(2), Some(Stage::MappingAndPlanning));
        assert_eq!(Stage::from_number(4), None);
    }

    #[test]
    fn a_body_cannot_end_before_it_starts() {
        let draft = BodyDraft {
            kind: BodyKind::AdHocTeam,
            name: "Job fair".into(),
            starts_on: Some(date(2026, 5, 1)),
            ends_on: Some(date(2026, 4, 1)),
            focus_id: None,
            lead_person_id: None,
        };
        assert_eq!(draft.validated(), Err(DomainError::validation("endsOn", codes::END_BEFORE_START)));
    }

    #[test]
    fn task_teams_need_a_focus_and_ad_hoc_teams_an_end() {
        let draft = |kind: BodyKind| BodyDraft {
            kind,
            name: "Team".into(),
            starts_on: None,
            ends_on: None,
            focus_id: None,
            lead_person_id: None,
        };
        assert_eq!(draft(BodyKind::TaskTeam).validated(), Err(DomainError::validation("focusId", codes::REQUIRED)));
        assert_eq!(draft(BodyKind::AdHocTeam).validated(), Err(DomainError::validation("endsOn", codes::REQUIRED)));
        assert!(draft(BodyKind::SteeringCommittee).validated().is_ok());
        assert!(is_closed(Some(date(2026, 1, 1)), date(2026, 1, 2)));
        assert!(!is_closed(Some(date(2026, 1, 1)), date(2026, 1, 1)));
    }

    #[test]
    fn the_last_chair_cannot_leave() {
        use MembershipRole::{Chair, Member};
        assert_eq!(
            check_keeps_a_chair(true, &[(Chair, false), (Member, true)]),
            Err(DomainError::validation("role", codes::LAST_CHAIR))
        );
        assert!(check_keeps_a_chair(true, &[(Chair, false), (Chair, true)]).is_ok());
        assert!(
            check_keeps_a_chair(false, &[(Member, true)]).is_ok(),
            "a body that never had a chair may stay without"
        );
    }

    #[test]
    fn a_membership_cannot_end_before_it_starts() {
        let draft = MembershipDraft {
            role: MembershipRole::Member,
            joined_on: date(2026, 5, 1),
            left_on: Some(date(2026, 1, 1)),
        };
        assert_eq!(draft.validated(), Err(DomainError::validation("leftOn", codes::END_BEFORE_START)));
    }

    #[test]
    fn referents_of_both_kinds_act_as_referents() {
        assert_eq!(MembershipRole::ReferentStrategic.town_role(), TownRole::Referent);
        assert_eq!(MembershipRole::ReferentOperational.town_role(), TownRole::Referent);
        assert_eq!(MembershipRole::TeamLead.town_role(), TownRole::Member);
    }

    #[test]
    fn leaving_ends_a_membership_the_next_day() {
        assert!(is_current(date(2025, 1, 1), None, date(2026, 1, 1)));
        assert!(is_current(date(2025, 1, 1), Some(date(2026, 1, 2)), date(2026, 1, 1)));
        assert!(!is_current(date(2025, 1, 1), Some(date(2026, 1, 1)), date(2026, 1, 1)));
        assert!(!is_current(date(2026, 2, 1), None, date(2026, 1, 1)));
    }
}
