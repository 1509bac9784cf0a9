//! Who may do what: roles, the signed-in actor, and the one permission policy.
//!
//! Every query and mutation asks [`Actor::authorize`] once, with the action and the scope (a town
//! and its region) of the data it touches. The matrix is written out in `docs/permissions.md`
//! and walked end to end by the integration tests.

use std::collections::{BTreeMap, BTreeSet};

use crate::{DomainError, PersonId, RegionId, TownId, UserId};

/// The role an account holds by itself, independent of any forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SystemRole {
    Admin,
    /// Programme staff: reads everything, edits nothing of a town.
    National,
    /// Runs the process in the towns of one region.
    RegionalCoordinator,
    /// No system role: what the account may do comes from its memberships in towns.
    None,
}

/// The role an account holds in one town, derived from its person's memberships in that town's
/// forum bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TownRole {
    Chair,
    EmploymentLead,
    Referent,
    Member,
}

use crate::text_enum::text_enum;

text_enum!(SystemRole { Admin = "ADMIN", National = "NATIONAL", RegionalCoordinator = "REGIONAL_COORDINATOR", None = "NONE" });
text_enum!(TownRole { Chair = "CHAIR", EmploymentLead = "EMPLOYMENT_LEAD", Referent = "REFERENT", Member = "MEMBER" });

/// Where the data an operation touches lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Not tied to one town (the list of regions, creating a town).
    Global,
    Town {
        town: TownId,
        region: RegionId,
    },
}

/// Everything the product lets someone do, at the granularity permissions are decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Names and structure: regions, towns, forums, bodies, who is a member, organisations.
    ReadDirectory,
    /// Personal data of people: e-mail and phone.
    ReadContacts,
    /// Create, edit and archive organisations and people of a town.
    EditDirectory,
    /// Create and edit bodies and memberships of a town's forum.
    EditForum,
    /// Move a forum to another stage.
    ChangeStage,
    /// Approve a meeting's minutes, which locks them (the chair's call, domain §2).
    ApproveMinutes,
    /// Approve a forum's work plan for a year (the chair's call, like minutes).
    ApprovePlan,
    /// Create and edit regions and towns.
    ManageRegistry,
    /// Import and correct a town's employment indicators: programme staff, the region's
    /// coordinator, and the town's employment lead (the labour-office manager brings this data).
    EditIndicators,
    /// Invite, disable and re-enable accounts, and reset their passwords: everywhere for an
    /// administrator (system roles only there), in the towns of their region for a coordinator.
    ManageAccounts,
}

/// The signed-in account as the policy sees it, read from the database on every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub system_role: SystemRole,
    /// Set for regional coordinators.
    pub region: Option<RegionId>,
    pub towns: BTreeMap<TownId, BTreeSet<TownRole>>,
    /// The person of the directory the account is linked to, if any: whose invitations, action
    /// items and next steps "my week" shows.
    pub person: Option<PersonId>,
}

impl Actor {
    pub fn town_roles(&self, town: TownId) -> impl Iterator<Item = TownRole> + '_ {
        self.towns.get(&town).into_iter().flatten().copied()
    }

    fn has_town_role(&self, town: TownId, allowed: &[TownRole]) -> bool {
        self.town_roles(town).any(|role| allowed.contains(&role))
    }

    /// Whether this actor sees every town's personal data (no per-town filter needed).
    pub fn sees_all_towns(&self) -> bool {
        matches!(self.system_role, SystemRole::Admin | SystemRole::National)
    }

    /// The policy. One place, pure, exhaustive over actions.
    pub fn can(&self, action: Action, scope: Scope) -> bool {
        use TownRole::{Chair, EmploymentLead, Member, Referent};
        if self.system_role == SystemRole::Admin {
            return true;
        }
        if action == Action::ReadDirectory {
            return true;
        }
        if action == Action::EditIndicators && self.system_role == SystemRole::National {
            return true;
        }
        let Scope::Town { town, region } = scope else {
            return false;
        };
        let coordinates_region = self.system_role == SystemRole::RegionalCoordinator && self.region == Some(region);
        match action {
            Action::ReadDirectory => true,
            Action::ReadContacts => {
                self.system_role == SystemRole::National
                    || coordinates_region
                    || self.has_town_role(town, &[Chair, EmploymentLead, Referent, Member])
            }
            Action::EditDirectory | Action::EditForum => {
                coordinates_region || self.has_town_role(town, &[Chair, EmploymentLead, Referent])
            }
            Action::ChangeStage | Action::ApproveMinutes | Action::ApprovePlan => {
                coordinates_region || self.has_town_role(town, &[Chair])
            }
            Action::ManageRegistry => false,
            Action::EditIndicators => coordinates_region || self.has_town_role(town, &[EmploymentLead]),
            Action::ManageAccounts => coordinates_region,
        }
    }

    pub fn authorize(&self, action: Action, scope: Scope) -> Result<(), DomainError> {
        if self.can(action, scope) { Ok(()) } else { Err(DomainError::Forbidden) }
    }

    /// Whether the actor belongs to the town (holds a role in its forum): they see its
    /// indicators exactly; everyone else sees small counts withheld.
    pub fn is_of_town(&self, town: TownId) -> bool {
        self.towns.contains_key(&town)
    }

    /// Whether the actor works in the town — holds a role there, coordinates its region, or
    /// administers the system. People placed on a stakeholder map are named only to them;
    /// everyone else sees the map's organisations.
    pub fn works_in(&self, scope: Scope) -> bool {
        match scope {
            _ if self.system_role == SystemRole::Admin => true,
            Scope::Town { town, region } => {
                self.is_of_town(town)
                    || (self.system_role == SystemRole::RegionalCoordinator && self.region == Some(region))
            }
            Scope::Global => false,
        }
    }

    /// The towns whose personal data this actor may read, or `None` for all of them.
    /// Repositories turn this into a `WHERE town_id IN (…)`.
    pub fn contact_towns(&self, region_towns: impl FnOnce(RegionId) -> Vec<TownId>) -> Option<BTreeSet<TownId>> {
        if self.sees_all_towns() {
            return None;
        }
        let mut towns: BTreeSet<TownId> = self.towns.keys().copied().collect();
        if let (SystemRole::RegionalCoordinator, Some(region)) = (self.system_role, self.region) {
            towns.extend(region_towns(region));
        }
        Some(towns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NORTH: RegionId = 1;
    const SOUTH: RegionId = 2;
    const OWN: Scope = Scope::Town { town: 10, region: NORTH };
    const OTHER_IN_REGION: Scope = Scope::Town { town: 11, region: NORTH };
    const OTHER_REGION: Scope = Scope::Town { town: 20, region: SOUTH };

    fn actor(system_role: SystemRole, region: Option<RegionId>, roles: &[TownRole]) -> Actor {
        let towns =
            if roles.is_empty() { BTreeMap::new() } else { BTreeMap::from([(10, roles.iter().copied().collect())]) };
        Actor { user_id: 1, system_role, region, towns, person: None }
    }

    #[test]
    fn admin_may_do_everything_everywhere() {
        let admin = actor(SystemRole::Admin, None, &[]);
        for action in [Action::ReadContacts, Action::EditDirectory, Action::ChangeStage, Action::ManageRegistry] {
            assert!(admin.can(action, OTHER_REGION));
            assert!(admin.can(action, Scope::Global));
        }
    }

    #[test]
    fn national_staff_read_everything_and_edit_nothing() {
        let national = actor(SystemRole::National, None, &[]);
        assert!(national.can(Action::ReadContacts, OTHER_REGION));
        assert!(!national.can(Action::EditDirectory, OWN));
        assert!(!national.can(Action::ChangeStage, OWN));
        assert!(!national.can(Action::ManageRegistry, Scope::Global));
    }

    #[test]
    fn coordinator_acts_in_own_region_only() {
        let coordinator = actor(SystemRole::RegionalCoordinator, Some(NORTH), &[]);
        for action in [Action::ReadContacts, Action::EditDirectory, Action::EditForum, Action::ChangeStage] {
            assert!(coordinator.can(action, OTHER_IN_REGION), "{action:?}");
            assert!(!coordinator.can(action, OTHER_REGION), "{action:?}");
        }
        assert!(coordinator.can(Action::ReadDirectory, OTHER_REGION));
    }

    #[test]
    fn town_roles_act_in_their_town_only() {
        let referent = actor(SystemRole::None, None, &[TownRole::Referent]);
        assert!(referent.can(Action::EditDirectory, OWN));
        assert!(referent.can(Action::ReadContacts, OWN));
        assert!(!referent.can(Action::ChangeStage, OWN));
        assert!(!referent.can(Action::ReadContacts, OTHER_IN_REGION));
        assert!(!referent.can(Action::EditDirectory, OTHER_IN_REGION));
        assert!(referent.can(Action::ReadDirectory, OTHER_REGION));
    }

    #[test]
    fn only_the_chair_of_a_town_moves_its_stage() {
        assert!(actor(SystemRole::None, None, &[TownRole::Chair]).can(Action::ChangeStage, OWN));
        assert!(!actor(SystemRole::None, None, &[TownRole::EmploymentLead]).can(Action::ChangeStage, OWN));
    }

    #[test]
    fn indicators_are_edited_by_programme_staff_the_region_and_the_towns_employment_lead() {
        assert!(actor(SystemRole::National, None, &[]).can(Action::EditIndicators, OTHER_REGION));
        let coordinator = actor(SystemRole::RegionalCoordinator, Some(NORTH), &[]);
        assert!(coordinator.can(Action::EditIndicators, OTHER_IN_REGION));
        assert!(!coordinator.can(Action::EditIndicators, OTHER_REGION));
        let lead = actor(SystemRole::None, None, &[TownRole::EmploymentLead]);
        assert!(lead.can(Action::EditIndicators, OWN));
        assert!(!lead.can(Action::EditIndicators, OTHER_IN_REGION));
        assert!(
            !actor(SystemRole::None, None, &[TownRole::Referent, TownRole::Chair]).can(Action::EditIndicators, OWN)
        );
    }

    #[test]
    fn members_read_but_do_not_edit() {
        let member = actor(SystemRole::None, None, &[TownRole::Member]);
        assert!(member.can(Action::ReadContacts, OWN));
        assert!(!member.can(Action::EditDirectory, OWN));
        assert!(!member.can(Action::EditForum, OWN));
        assert_eq!(member.authorize(Action::EditForum, OWN), Err(DomainError::Forbidden));
    }

    #[test]
    fn people_on_maps_are_named_to_those_who_work_in_the_town() {
        assert!(actor(SystemRole::None, None, &[TownRole::Member]).works_in(OWN));
        assert!(!actor(SystemRole::None, None, &[TownRole::Chair]).works_in(OTHER_IN_REGION));
        assert!(actor(SystemRole::RegionalCoordinator, Some(NORTH), &[]).works_in(OTHER_IN_REGION));
        assert!(!actor(SystemRole::RegionalCoordinator, Some(NORTH), &[]).works_in(OTHER_REGION));
        assert!(!actor(SystemRole::National, None, &[]).works_in(OWN));
        assert!(actor(SystemRole::Admin, None, &[]).works_in(OTHER_REGION));
    }

    #[test]
    fn contact_towns_are_own_towns_plus_coordinated_region() {
        let coordinator = actor(SystemRole::RegionalCoordinator, Some(NORTH), &[]);
        let towns = coordinator.contact_towns(|region| if region == NORTH { vec![10, 11] } else { vec![] });
        assert_eq!(towns, Some(BTreeSet::from([10, 11])));
        assert_eq!(actor(SystemRole::National, None, &[]).contact_towns(|_| vec![]), None);
    }

    #[test]
    fn role_names_round_trip() {
        for role in SystemRole::ALL {
            assert_eq!(SystemRole::parse(role.as_str()), Some(*role));
        }
        assert_eq!(TownRole::parse("chair"), None);
    }
}
