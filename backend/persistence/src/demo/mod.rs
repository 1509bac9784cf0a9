//! The demo data set: synthetic, deterministic (a fixed random seed), built relative to the
//! `now` it is given. Fourteen towns as in the programme, seven north and seven south; every
//! person, organisation and number in it is invented.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use sea_orm::{DatabaseTransaction, EntityTrait, PaginatorTrait, Set, TransactionTrait};
use workit_domain::DomainError;
use workit_domain::accounts::AccountRole;

mod controls;
mod data;
mod directory;
mod forums;
mod indicators;
mod instruments;
mod meetings;
mod plans;
mod stakeholders;

use data::{
    FIRST_NAMES, LAST_NAMES, NAME_FIRST, NAME_SECOND, NATIONAL_REGIONS, NORTH, RegionSeed, SOUTH, TOWNS,
    TOWNS_WITH_LOGINS, TownSeed,
};

use crate::accounts::{NewUser, create_user};
use crate::entities::*;
use crate::versioned::insert_new;
use crate::{Database, StoreResult};

pub const DEMO_EMAIL_DOMAIN: &str = "demo.workit.example";

/// One demo login, as printed by `workit seed-demo` and listed in the README.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub email: String,
    pub role: &'static str,
    pub scope: String,
}

pub async fn is_empty(db: &Database) -> StoreResult<bool> {
    Ok(regions::Entity::find().count(db).await? == 0 && users::Entity::find().count(db).await? == 0)
}

/// How much to seed: the demo's fourteen towns, or a synthetic country of 257 towns (the
/// fourteen among them) in the real regions' proportions, for scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    #[default]
    Demo,
    National,
}

/// Loads the demo data into an empty database. `password_hash` is the hash of the demo password,
/// shared by every demo login.
pub async fn seed(db: &Database, password_hash: &str, now: DateTime<Utc>) -> StoreResult<Vec<DemoAccount>> {
    seed_at_scale(db, password_hash, now, Scale::Demo).await
}

pub async fn seed_at_scale(
    db: &Database,
    password_hash: &str,
    now: DateTime<Utc>,
    scale: Scale,
) -> StoreResult<Vec<DemoAccount>> {
    if !is_empty(db).await? {
        return Err(DomainError::Conflict { entity: "database", current_version: None, field: None }.into());
    }
    let txn = db.begin().await?;
    let mut seeder =
        Seeder { txn: &txn, now, rng: ChaCha8Rng::seed_from_u64(2026), accounts: Vec::new(), password_hash, scale };
    seeder.run().await?;
    let accounts = seeder.accounts;
    txn.commit().await?;
    controls::seed(db, now).await?;
    Ok(accounts)
}

struct Seeder<'a> {
    txn: &'a DatabaseTransaction,
    now: DateTime<Utc>,
    rng: ChaCha8Rng,
    accounts: Vec<DemoAccount>,
    password_hash: &'a str,
    scale: Scale,
}

type Stamps = (sea_orm::ActiveValue<DateTime<Utc>>, sea_orm::ActiveValue<DateTime<Utc>>, sea_orm::ActiveValue<i32>);

/// `created_at`, `updated_at` and `version` of a new row.
fn stamps(now: DateTime<Utc>) -> Stamps {
    (Set(now), Set(now), Set(1))
}

impl Seeder<'_> {
    async fn run(&mut self) -> StoreResult<()> {
        let north = self.region(&NORTH).await?;
        let south = self.region(&SOUTH).await?;
        self.account("admin", "מנהלת מערכת (הדגמה)", None, None, AccountRole::Admin, "all".into()).await?;
        self.account("national", "צוות התוכנית הארצי (הדגמה)", None, None, AccountRole::National, "all".into()).await?;
        let coordinator_north = self
            .account(
                "coordinator.north",
                "רכזת אזור צפון (הדגמה)",
                Some(north),
                None,
                AccountRole::RegionalCoordinator,
                NORTH.2.into(),
            )
            .await?;
        let coordinator_south = self
            .account(
                "coordinator.south",
                "רכז אזור דרום (הדגמה)",
                Some(south),
                None,
                AccountRole::RegionalCoordinator,
                SOUTH.2.into(),
            )
            .await?;
        for seed in TOWNS {
            let (region, coordinator) =
                if seed.north { (north, coordinator_north) } else { (south, coordinator_south) };
            self.town(seed, region, coordinator).await?;
        }
        if self.scale == Scale::National {
            self.country(&[(north, coordinator_north), (south, coordinator_south)]).await?;
        }
        Ok(())
    }

    /// The rest of the country: each region filled to its share of 257 towns with invented
    /// towns in all three stages, seeded by the same steps as the demo's own.
    async fn country(&mut self, demo_regions: &[(i64, i64); 2]) -> StoreResult<()> {
        use rand::Rng;
        use workit_domain::forums::Stage;
        let mut names = NAME_FIRST.iter().flat_map(|first| NAME_SECOND.iter().map(move |second| (first, second)));
        let mut index = 0;
        for seed @ (code, he, en, _, total) in NATIONAL_REGIONS {
            let (region, coordinator, demo_towns) = match *code {
                "north" => (demo_regions[0].0, demo_regions[0].1, TOWNS.iter().filter(|t| t.north).count()),
                "south" => (demo_regions[1].0, demo_regions[1].1, TOWNS.iter().filter(|t| !t.north).count()),
                _ => {
                    let region = self.region(seed).await?;
                    let coordinator = self
                        .account(
                            &format!("coordinator.{code}"),
                            &format!("רכז/ת אזור {he} (הדגמה)"),
                            Some(region),
                            None,
                            AccountRole::RegionalCoordinator,
                            (*en).to_owned(),
                        )
                        .await?;
                    (region, coordinator, 0)
                }
            };
            for _ in demo_towns..*total {
                let Some(((first_he, first_en, first_ar), (second_he, second_en, second_ar))) = names.next() else {
                    break;
                };
                index += 1;
                let slug = format!("town-{index}");
                let name_he = format!("{first_he} {second_he}");
                let name_en = format!("{first_en} {second_en}");
                let name_ar = format!("{first_ar} {second_ar}");
                let stage = match self.rng.random_range(0..10) {
                    0..=1 => Stage::KickOff,
                    2..=5 => Stage::MappingAndPlanning,
                    _ => Stage::Implementation,
                };
                let seed = TownSeed {
                    slug: &slug,
                    name_he: &name_he,
                    name_en: &name_en,
                    name_ar: &name_ar,
                    north: *code == "north",
                    population: self.rng.random_range(3_000..120_000),
                    cluster: self.rng.random_range(1..=8),
                    stage,
                };
                self.town(&seed, region, coordinator).await?;
            }
        }
        Ok(())
    }

    async fn region(&mut self, &(code, he, en, ar, _): &RegionSeed) -> StoreResult<i64> {
        let region = insert_new(
            self.txn,
            regions::ActiveModel {
                code: Set(code.into()),
                name_he: Set(he.into()),
                name_en: Set(en.into()),
                name_ar: Set(Some(ar.into())),
                ..Default::default()
            },
            self.now,
        )
        .await?;
        Ok(region.id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn account(
        &mut self,
        local: &str,
        name: &str,
        region: Option<i64>,
        person: Option<i64>,
        role: AccountRole,
        scope: String,
    ) -> StoreResult<i64> {
        let email = format!("{local}@{DEMO_EMAIL_DOMAIN}");
        let user = NewUser {
            email: email.clone(),
            display_name: name.into(),
            password_hash: self.password_hash.into(),
            system_role: role.system_role(),
            region_id: region,
            person_id: person,
            locale: "he".into(),
        };
        let user = create_user(self.txn, user, self.now).await?;
        self.accounts.push(DemoAccount { email, role: role.as_str(), scope });
        Ok(user.id)
    }

    fn date_offset(&self, days: i64) -> NaiveDate {
        (self.now - Duration::days(days)).date_naive()
    }

    fn person_name(&mut self) -> String {
        let first = FIRST_NAMES.choose(&mut self.rng).copied().unwrap_or("דנה");
        let last = LAST_NAMES.choose(&mut self.rng).copied().unwrap_or("כהן");
        format!("{first} {last}")
    }

    /// One town, step by step; each step is a file beside this one.
    /// `coordinator` approves the plan of a town without a demo chair login.
    async fn town(&mut self, seed: &TownSeed<'_>, region_id: i64, coordinator: i64) -> StoreResult<()> {
        let people = self.directory(seed, region_id).await?;
        self.indicators(people.town_id, seed).await?;
        let forum = self.forum(seed, &people).await?;
        self.stakeholder_map(&forum, &people).await?;
        self.instruments(seed, &people, seed.stage).await?;
        let mut approver = coordinator;
        if TOWNS_WITH_LOGINS.contains(&seed.slug) {
            let town_name = seed.name_en.to_owned();
            let member = forum.members.get(3).copied();
            approver = self
                .account(
                    &format!("chair.{}", seed.slug),
                    "יו\"ר הפורום (הדגמה)",
                    None,
                    Some(people.chair),
                    AccountRole::Chair,
                    town_name.clone(),
                )
                .await?;
            self.account(
                &format!("lead.{}", seed.slug),
                "מוביל תעסוקתי (הדגמה)",
                None,
                Some(people.office_manager),
                AccountRole::EmploymentLead,
                town_name.clone(),
            )
            .await?;
            self.account(
                &format!("referent.{}", seed.slug),
                "רפרנטית יישובית (הדגמה)",
                None,
                Some(people.referent),
                AccountRole::Referent,
                town_name.clone(),
            )
            .await?;
            self.account(
                &format!("member.{}", seed.slug),
                "חבר פורום (הדגמה)",
                None,
                member,
                AccountRole::Member,
                town_name,
            )
            .await?;
        }
        let tasks = self.work_plan(&forum, &people.organisations).await?;
        if seed.stage == workit_domain::forums::Stage::Implementation {
            self.approve_plan(forum.id, &tasks, approver).await?;
        }
        Ok(())
    }
}
