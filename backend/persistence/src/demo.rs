//! The demo data set: synthetic, deterministic (a fixed random seed), built relative to the
//! `now` it is given. Fourteen towns as in the programme, seven north and seven south; every
//! person, organisation and number in it is invented.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use workit_domain::DomainError;
use workit_domain::accounts::AccountRole;
use workit_domain::directory::{Sector, Seniority};
use workit_domain::forums::{BodyKind, FocusKind, MembershipRole, Stage};
use workit_domain::meetings::minutes::MinutesStatus;
use workit_domain::meetings::{
    AgendaKind, AttendanceStatus, DecisionStatus, MeetingStatus, TEMPLATES as MEETING_TEMPLATES,
};

use crate::accounts::{NewUser, create_user};
use crate::entities::*;
use crate::{Database, StoreResult};

pub const DEMO_EMAIL_DOMAIN: &str = "demo.workit.example";

/// One demo login, as printed by `workit seed-demo` and listed in the README.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub email: String,
    pub role: &'static str,
    pub scope: String,
}

struct TownSeed {
    slug: &'static str,
    name_he: &'static str,
    name_en: &'static str,
    north: bool,
    population: i64,
    cluster: i32,
    stage: Stage,
}

const TOWNS: &[TownSeed] = &[
    TownSeed {
        slug: "kiryat-shmona",
        name_he: "קריית שמונה",
        name_en: "Kiryat Shmona",
        north: true,
        population: 22_900,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "maalot",
        name_he: "מעלות-תרשיחא",
        name_en: "Ma'alot-Tarshiha",
        north: true,
        population: 21_600,
        cluster: 5,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "safed",
        name_he: "צפת",
        name_en: "Safed",
        north: true,
        population: 38_000,
        cluster: 3,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "beit-shean",
        name_he: "בית שאן",
        name_en: "Beit She'an",
        north: true,
        population: 18_700,
        cluster: 4,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "tiberias",
        name_he: "טבריה",
        name_en: "Tiberias",
        north: true,
        population: 48_500,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "migdal-haemek",
        name_he: "מגדל העמק",
        name_en: "Migdal HaEmek",
        north: true,
        population: 27_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "hatzor",
        name_he: "חצור הגלילית",
        name_en: "Hatzor HaGlilit",
        north: true,
        population: 10_500,
        cluster: 4,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "kiryat-gat",
        name_he: "קריית גת",
        name_en: "Kiryat Gat",
        north: false,
        population: 63_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "kiryat-malachi",
        name_he: "קריית מלאכי",
        name_en: "Kiryat Malachi",
        north: false,
        population: 26_000,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "sderot",
        name_he: "שדרות",
        name_en: "Sderot",
        north: false,
        population: 35_000,
        cluster: 5,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "ofakim",
        name_he: "אופקים",
        name_en: "Ofakim",
        north: false,
        population: 36_000,
        cluster: 3,
        stage: Stage::KickOff,
    },
    TownSeed {
        slug: "netivot",
        name_he: "נתיבות",
        name_en: "Netivot",
        north: false,
        population: 48_000,
        cluster: 3,
        stage: Stage::MappingAndPlanning,
    },
    TownSeed {
        slug: "dimona",
        name_he: "דימונה",
        name_en: "Dimona",
        north: false,
        population: 35_600,
        cluster: 4,
        stage: Stage::Implementation,
    },
    TownSeed {
        slug: "yeruham",
        name_he: "ירוחם",
        name_en: "Yeruham",
        north: false,
        population: 11_500,
        cluster: 4,
        stage: Stage::MappingAndPlanning,
    },
];

/// The towns whose chair, employment lead, referent and member have demo logins.
const TOWNS_WITH_LOGINS: &[&str] = &["kiryat-shmona", "kiryat-gat"];

const FIRST_NAMES: &[&str] = &[
    "נועה",
    "יוסי",
    "מיכל",
    "אבי",
    "רונית",
    "דוד",
    "שירה",
    "משה",
    "אורית",
    "עומר",
    "תמר",
    "יעקב",
    "ליאת",
    "איתי",
    "חנה",
    "רועי",
    "סיגל",
    "אלון",
    "מרים",
    "עידו",
    "נגה",
    "שמעון",
    "הדס",
    "אליהו",
    "ענבל",
    "גיל",
    "רחל",
    "בני",
];
const LAST_NAMES: &[&str] = &[
    "כהן",
    "לוי",
    "מזרחי",
    "פרץ",
    "ביטון",
    "אברהם",
    "פרידמן",
    "אזולאי",
    "דהן",
    "חדד",
    "גבאי",
    "עמר",
    "שטרן",
    "אוחיון",
    "בן דוד",
    "סויסה",
    "מלכה",
    "יוסף",
    "אלמוג",
    "קדוש",
    "ששון",
    "חזן",
];

/// Organisations of a town, by sector, as "name template" (`{}` is the town's Hebrew name).
const ORGANISATIONS: &[(Sector, &str)] = &[
    (Sector::Government, "לשכת התעסוקה {}"),
    (Sector::Government, "מחוז משרד הרווחה"),
    (Sector::LocalGovernment, "עיריית {}"),
    (Sector::LocalGovernment, "המחלקה לפיתוח כלכלי, {}"),
    (Sector::LocalGovernment, "מרכז הצעירים {}"),
    (Sector::ThirdSector, "עמותת תבפוזיציה אזורית"),
    (Sector::ThirdSector, "מרכז הכוון תעסוקתי"),
    (Sector::Business, "מפעל התעשייה האזורי"),
    (Sector::Business, "איגוד העסקים {}"),
    (Sector::Business, "רשת מרכולים אזורית"),
    (Sector::Philanthropy, "קרן רש\"י"),
    (Sector::Philanthropy, "קרן משפחתית לקידום הפריפריה"),
    (Sector::CivilSociety, "ועד השכונות {}"),
    (Sector::CivilSociety, "פורום נשים עסקיות {}"),
    (Sector::Academia, "המכללה האזורית"),
];

/// A metric of a focus: name, unit, baseline, target.
type MetricSeed = (&'static str, &'static str, f64, f64);

const FOCUSES: &[(FocusKind, &str, &[MetricSeed])] = &[
    (
        FocusKind::Employers,
        "גיוון והרחבת מעסיקים",
        &[("מספר משרות ביישוב", "משרות", 6200.0, 6800.0), ("שכר ממוצע", "₪", 8900.0, 9800.0)],
    ),
    (
        FocusKind::Population,
        "שילוב צעירים בתעסוקה",
        &[("שיעור אבטלה בקרב צעירים", "%", 14.0, 10.0), ("מספר דורשי עבודה", "אנשים", 900.0, 700.0)],
    ),
    (FocusKind::Skills, "הכשרות מקצועיות לפי צורכי מעסיקים", &[("בוגרי הכשרות שהשתלבו בעבודה", "אנשים", 40.0, 120.0)]),
    (FocusKind::Geographic, "נגישות תחבורתית לאזורי תעסוקה", &[("זמן נסיעה ממוצע לאזור התעשייה", "דקות", 45.0, 30.0)]),
];

const AGENDA_TEMPLATE: &[(&str, AgendaKind, i32)] = &[
    ("פתיחה וסבב", AgendaKind::Discussion, 20),
    ("עדכונים מצוותי המשימה", AgendaKind::Update, 25),
    ("הצגת נתוני תעסוקה", AgendaKind::Presentation, 25),
    ("הפסקה", AgendaKind::Break, 20),
    ("דיון והחלטות", AgendaKind::Decision, 45),
    ("סיכום היו\"ר", AgendaKind::Discussion, 15),
];

pub async fn is_empty(db: &Database) -> StoreResult<bool> {
    Ok(regions::Entity::find().count(db).await? == 0 && users::Entity::find().count(db).await? == 0)
}

/// Loads the demo data into an empty database. `password_hash` is the hash of the demo password,
/// shared by every demo login.
pub async fn seed(db: &Database, password_hash: &str, now: DateTime<Utc>) -> StoreResult<Vec<DemoAccount>> {
    if !is_empty(db).await? {
        return Err(DomainError::Conflict { entity: "database", current_version: None, field: None }.into());
    }
    let txn = db.begin().await?;
    let mut seeder =
        Seeder { txn: &txn, now, rng: ChaCha8Rng::seed_from_u64(2026), accounts: Vec::new(), password_hash };
    seeder.run().await?;
    let accounts = seeder.accounts;
    txn.commit().await?;
    Ok(accounts)
}

struct Seeder<'a> {
    txn: &'a DatabaseTransaction,
    now: DateTime<Utc>,
    rng: ChaCha8Rng,
    accounts: Vec<DemoAccount>,
    password_hash: &'a str,
}

type Stamps = (sea_orm::ActiveValue<DateTime<Utc>>, sea_orm::ActiveValue<DateTime<Utc>>, sea_orm::ActiveValue<i32>);

/// `created_at`, `updated_at` and `version` of a new row.
fn stamps(now: DateTime<Utc>) -> Stamps {
    (Set(now), Set(now), Set(1))
}

impl Seeder<'_> {
    async fn run(&mut self) -> StoreResult<()> {
        let north = self.region("north", "צפון", "North").await?;
        let south = self.region("south", "דרום", "South").await?;
        self.account("admin", "מנהלת מערכת (הדגמה)", None, None, AccountRole::Admin, "all".into()).await?;
        self.account("national", "צוות התוכנית הארצי (הדגמה)", None, None, AccountRole::National, "all".into()).await?;
        self.account(
            "coordinator.north",
            "רכזת אזור צפון (הדגמה)",
            Some(north),
            None,
            AccountRole::RegionalCoordinator,
            "North".into(),
        )
        .await?;
        self.account(
            "coordinator.south",
            "רכז אזור דרום (הדגמה)",
            Some(south),
            None,
            AccountRole::RegionalCoordinator,
            "South".into(),
        )
        .await?;
        for seed in TOWNS {
            self.town(seed, if seed.north { north } else { south }).await?;
        }
        Ok(())
    }

    async fn region(&mut self, code: &str, he: &str, en: &str) -> StoreResult<i64> {
        let (created_at, updated_at, version) = stamps(self.now);
        let region = regions::ActiveModel {
            code: Set(code.into()),
            name_he: Set(he.into()),
            name_en: Set(en.into()),
            created_at,
            updated_at,
            version,
            ..Default::default()
        }
        .insert(self.txn)
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
    ) -> StoreResult<()> {
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
        create_user(self.txn, user, self.now).await?;
        self.accounts.push(DemoAccount { email, role: role.as_str(), scope });
        Ok(())
    }

    fn date_offset(&self, days: i64) -> NaiveDate {
        (self.now - Duration::days(days)).date_naive()
    }

    fn person_name(&mut self) -> String {
        let first = FIRST_NAMES.choose(&mut self.rng).copied().unwrap_or("דנה");
        let last = LAST_NAMES.choose(&mut self.rng).copied().unwrap_or("כהן");
        format!("{first} {last}")
    }

    async fn town(&mut self, seed: &TownSeed, region_id: i64) -> StoreResult<()> {
        let now = self.now;
        let (created_at, updated_at, version) = stamps(now);
        let town = towns::ActiveModel {
            region_id: Set(region_id),
            name_he: Set(seed.name_he.into()),
            name_en: Set(seed.name_en.into()),
            population: Set(Some(seed.population)),
            socio_economic_cluster: Set(Some(seed.cluster)),
            archived_at: Set(None),
            created_at,
            updated_at,
            version,
            ..Default::default()
        }
        .insert(self.txn)
        .await?;

        // Organisations and their people: one to three representatives each.
        let mut people_ids = Vec::new();
        let mut org_ids = Vec::new();
        let org_count = self.rng.random_range(11..=ORGANISATIONS.len());
        for (index, (sector, template)) in ORGANISATIONS.iter().take(org_count).enumerate() {
            let (created_at, updated_at, version) = stamps(now);
            let organisation = organisations::ActiveModel {
                town_id: Set(town.id),
                name: Set(template.replace("{}", seed.name_he)),
                sector: Set((*sector).into()),
                website: Set(None),
                notes: Set(Some("נתוני הדגמה".into())),
                archived_at: Set(None),
                created_at,
                updated_at,
                version,
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            org_ids.push(organisation.id);
            let representatives = if index < 3 { 3 } else { self.rng.random_range(1..=2) };
            for r in 0..representatives {
                let name = self.person_name();
                let seniority = if r == 0 {
                    Seniority::Head
                } else {
                    *[Seniority::Senior, Seniority::Middle, Seniority::Staff]
                        .choose(&mut self.rng)
                        .unwrap_or(&Seniority::Senior)
                };
                let (created_at, updated_at, version) = stamps(now);
                let person = people::ActiveModel {
                    town_id: Set(town.id),
                    organisation_id: Set(Some(organisation.id)),
                    full_name: Set(name),
                    job_title: Set(Some(if r == 0 { "מנהל/ת".into() } else { "רכז/ת".into() })),
                    seniority: Set(Some(seniority.into())),
                    email: Set(Some(format!("{}.{}.{}@{DEMO_EMAIL_DOMAIN}", seed.slug, organisation.id, r))),
                    phone: Set(Some(format!("050-{:07}", self.rng.random_range(1_000_000..9_999_999)))),
                    archived_at: Set(None),
                    created_at,
                    updated_at,
                    version,
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
                people_ids.push(person.id);
            }
        }
        // The first three organisations have three representatives each: the labour office
        // (its head leads employment), a welfare district, and the municipality (its head chairs,
        // the next is the referent).
        let (office_manager, chair, referent) = (people_ids[0], people_ids[6], people_ids[7]);
        let (created_at, updated_at, version) = stamps(now);
        labour_offices::ActiveModel {
            town_id: Set(town.id),
            name: Set(format!("לשכת התעסוקה {}", seed.name_he)),
            address: Set(Some(format!("רחוב הנשיאים 1, {}", seed.name_he))),
            manager_person_id: Set(Some(office_manager)),
            created_at,
            updated_at,
            version,
            ..Default::default()
        }
        .insert(self.txn)
        .await?;

        let started = self.date_offset(730);
        let created = crate::forums::create_forum(self.txn, town.id, seed.stage, now - Duration::days(730)).await?;
        let forum = created.forum;
        self.complete_milestones(forum.id, seed.stage, office_manager).await?;

        // Strategic focuses exist from stage 2 on; each gets a task team from stage 3 on.
        let focus_count = match seed.stage {
            Stage::KickOff => 0,
            Stage::MappingAndPlanning => 2,
            Stage::Implementation => self.rng.random_range(2..=4),
        };
        let mut focus_ids = Vec::new();
        for (kind, title, metrics) in FOCUSES.iter().take(focus_count) {
            let focus = self.focus(forum.id, *kind, title, metrics).await?;
            focus_ids.push((focus, *title));
        }

        let (steering, forum_body) = (created.steering_body_id, created.forum_body_id);
        let mut teams = Vec::new();
        if seed.stage == Stage::Implementation {
            for (focus, title) in &focus_ids {
                teams.push(
                    self.body(
                        forum.id,
                        BodyKind::TaskTeam,
                        &format!("צוות משימה: {title}"),
                        Some(*focus),
                        self.date_offset(365),
                    )
                    .await?,
                );
            }
        } else if seed.stage == Stage::MappingAndPlanning {
            for (focus, title) in focus_ids.iter().take(2) {
                teams.push(
                    self.body(
                        forum.id,
                        BodyKind::TaskTeam,
                        &format!("צוות משימה: {title}"),
                        Some(*focus),
                        self.date_offset(60),
                    )
                    .await?,
                );
            }
        }

        // Memberships: the steering committee is four people; the forum takes 15–35 members.
        self.member(steering, chair, MembershipRole::Chair, started).await?;
        self.member(steering, office_manager, MembershipRole::EmploymentLead, started).await?;
        self.member(steering, referent, MembershipRole::ReferentStrategic, started).await?;
        self.member(forum_body, chair, MembershipRole::Chair, started).await?;
        self.member(forum_body, office_manager, MembershipRole::EmploymentLead, started).await?;
        self.member(forum_body, referent, MembershipRole::ReferentOperational, started).await?;
        let forum_size = people_ids.len().clamp(15, 35);
        let mut forum_members = vec![chair, office_manager, referent];
        for (i, person) in people_ids
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, p)| ![chair, office_manager, referent].contains(p))
            .take(forum_size.saturating_sub(3))
        {
            // A few members left along the way: history is kept.
            let left = (i % 11 == 10).then(|| self.date_offset(200));
            self.member_until(forum_body, person, MembershipRole::Member, started, left).await?;
            if left.is_none() {
                forum_members.push(person);
            }
        }
        for (t, team) in teams.iter().enumerate() {
            let size = self.rng.random_range(4..=7);
            let team_members: Vec<i64> = forum_members.iter().copied().skip(3 + t * 2).take(size).collect();
            for (i, person) in team_members.iter().enumerate() {
                let role = if i == 0 { MembershipRole::TeamLead } else { MembershipRole::Member };
                self.member(*team, *person, role, self.date_offset(300)).await?;
            }
            self.meetings(*team, &team_members, MeetingPlan::Monthly).await?;
        }
        self.meetings(steering, &[chair, office_manager, referent], MeetingPlan::Steering).await?;
        let held_forum_meetings = match seed.stage {
            Stage::KickOff => 0,
            Stage::MappingAndPlanning => 4,
            Stage::Implementation => 9,
        };
        self.meetings(forum_body, &forum_members, MeetingPlan::Forum { held: held_forum_meetings }).await?;

        for organisation in &org_ids {
            let (created_at, updated_at, version) = stamps(now);
            stakeholder_positions::ActiveModel {
                forum_id: Set(forum.id),
                organisation_id: Set(*organisation),
                influence: Set(self.rng.random_range(1..=5)),
                interest: Set(self.rng.random_range(1..=5)),
                note: Set(None),
                created_at,
                updated_at,
                version,
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
        }
        for (focus, title) in &focus_ids {
            for (n, status) in ["DONE", "IN_PROGRESS", "PLANNED"].iter().enumerate() {
                let (created_at, updated_at, version) = stamps(now);
                work_plan_tasks::ActiveModel {
                    forum_id: Set(forum.id),
                    focus_id: Set(Some(*focus)),
                    body_id: Set(None),
                    title: Set(format!("{title} — משימה {}", n + 1)),
                    owner_person_id: Set(forum_members.get(3 + n).copied()),
                    partners: Set(None),
                    due_on: Set(Some(self.date_offset(90 - 60 * n as i64))),
                    resources: Set(None),
                    expected_product: Set(None),
                    success_measure: Set(None),
                    status: Set((*status).into()),
                    created_at,
                    updated_at,
                    version,
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
            }
        }

        if TOWNS_WITH_LOGINS.contains(&seed.slug) {
            let town_name = seed.name_en.to_owned();
            let member = forum_members.get(3).copied();
            self.account(
                &format!("chair.{}", seed.slug),
                "יו\"ר הפורום (הדגמה)",
                None,
                Some(chair),
                AccountRole::Chair,
                town_name.clone(),
            )
            .await?;
            self.account(
                &format!("lead.{}", seed.slug),
                "מוביל תעסוקתי (הדגמה)",
                None,
                Some(office_manager),
                AccountRole::EmploymentLead,
                town_name.clone(),
            )
            .await?;
            self.account(
                &format!("referent.{}", seed.slug),
                "רפרנטית יישובית (הדגמה)",
                None,
                Some(referent),
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
        Ok(())
    }

    /// Milestones of earlier stages are done; about half of the current stage's are.
    async fn complete_milestones(&mut self, forum_id: i64, stage: Stage, owner: i64) -> StoreResult<()> {
        let rows = milestones::Entity::find().filter(milestones::Column::ForumId.eq(forum_id)).all(self.txn).await?;
        for (i, row) in rows.into_iter().enumerate() {
            let of = *row.stage;
            let done = of < stage || (of == stage && i % 2 == 0);
            let due = self.date_offset(if of <= stage { 30 - (40 * i as i64) % 90 } else { -120 });
            let mut active: milestones::ActiveModel = row.into();
            active.owner_person_id = Set(Some(owner));
            active.due_on = Set(Some(due));
            active.done_on = Set(done.then(|| due - Duration::days(3)));
            active.update(self.txn).await?;
        }
        Ok(())
    }

    async fn focus(&mut self, forum_id: i64, kind: FocusKind, title: &str, metrics: &[MetricSeed]) -> StoreResult<i64> {
        let (created_at, updated_at, version) = stamps(self.now);
        let focus = strategic_focuses::ActiveModel {
            forum_id: Set(forum_id),
            kind: Set(kind.into()),
            title: Set(title.into()),
            description: Set(None),
            created_at,
            updated_at,
            version,
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        for (name, unit, baseline, target) in metrics {
            let (created_at, updated_at, version) = stamps(self.now);
            let metric = outcome_metrics::ActiveModel {
                focus_id: Set(focus.id),
                name: Set((*name).into()),
                unit: Set(Some((*unit).into())),
                is_outcome: Set(true),
                baseline: Set(Some(*baseline)),
                target: Set(Some(*target)),
                target_on: Set(Some(self.date_offset(-365))),
                created_at,
                updated_at,
                version,
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            // Eight quarters moving from the baseline towards the target, with noise.
            let mut rows = Vec::new();
            let (mut year, mut quarter) = (self.now.year() - 2, (self.now.month0() / 3 + 1) as i32);
            for q in 0..8 {
                let progress = f64::from(q) / 10.0 + self.rng.random_range(-0.05..0.05);
                let value = ((baseline + (target - baseline) * progress) * 10.0).round() / 10.0;
                let (created_at, updated_at, version) = stamps(self.now);
                rows.push(measurements::ActiveModel {
                    metric_id: Set(metric.id),
                    year: Set(year),
                    quarter: Set(quarter),
                    value: Set(value),
                    note: Set(None),
                    created_at,
                    updated_at,
                    version,
                    ..Default::default()
                });
                quarter += 1;
                if quarter > 4 {
                    quarter = 1;
                    year += 1;
                }
            }
            measurements::Entity::insert_many(rows).exec(self.txn).await?;
        }
        Ok(focus.id)
    }

    async fn body(
        &mut self,
        forum_id: i64,
        kind: BodyKind,
        name: &str,
        focus: Option<i64>,
        starts_on: NaiveDate,
    ) -> StoreResult<i64> {
        let (created_at, updated_at, version) = stamps(self.now);
        let body = bodies::ActiveModel {
            forum_id: Set(forum_id),
            kind: Set(kind.into()),
            name: Set(name.into()),
            focus_id: Set(focus),
            lead_person_id: Set(None),
            starts_on: Set(Some(starts_on)),
            ends_on: Set(None),
            archived_at: Set(None),
            created_at,
            updated_at,
            version,
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        Ok(body.id)
    }

    async fn member(&mut self, body: i64, person: i64, role: MembershipRole, joined: NaiveDate) -> StoreResult<()> {
        self.member_until(body, person, role, joined, None).await
    }

    async fn member_until(
        &mut self,
        body: i64,
        person: i64,
        role: MembershipRole,
        joined: NaiveDate,
        left: Option<NaiveDate>,
    ) -> StoreResult<()> {
        let (created_at, updated_at, version) = stamps(self.now);
        memberships::ActiveModel {
            body_id: Set(body),
            person_id: Set(person),
            role: Set(role.into()),
            joined_on: Set(joined),
            left_on: Set(left),
            created_at,
            updated_at,
            version,
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }

    async fn meetings(&mut self, body: i64, members: &[i64], plan: MeetingPlan) -> StoreResult<()> {
        let today = self.now.date_naive();
        // (date, title, duration, template) of every meeting the body has had or has planned.
        let canonical: Vec<_> = MEETING_TEMPLATES.iter().filter(|t| t.canonical_step.is_some()).collect();
        let schedule: Vec<(NaiveDate, String, i32, Option<&str>)> = match plan {
            MeetingPlan::Monthly => (0..12)
                .map(|m| {
                    (
                        today - Duration::days(330 - 30 * m),
                        format!("מפגש צוות חודשי {}", m + 1),
                        90,
                        Some("task_team_monthly"),
                    )
                })
                .collect(),
            MeetingPlan::Steering => (0..5)
                .map(|m| {
                    (
                        today - Duration::days(720 - 45 * m),
                        format!("ישיבת צוות היגוי {}", m + 1),
                        90,
                        Some("steering_committee"),
                    )
                })
                .collect(),
            MeetingPlan::Forum { held } => (0..held)
                .map(|m| {
                    let date = today - Duration::days(640 - 75 * m as i64);
                    match canonical.get(m) {
                        Some(t) => (date, t.title.to_owned(), t.duration_minutes, Some(t.key)),
                        None => (date, format!("פורום רבעוני {}", m + 1), 180, None),
                    }
                })
                .chain(std::iter::once((today + Duration::days(21), "פורום רבעוני — בקרה".to_owned(), 180, None)))
                .collect(),
        };
        for (date, title, duration, template_key) in schedule {
            let starts_at = Utc.from_utc_datetime(&date.and_hms_opt(7, 0, 0).unwrap_or_default());
            let past = date < today;
            let status = if !past {
                MeetingStatus::InvitationsSent
            } else if date > today - Duration::days(20) {
                MeetingStatus::Held
            } else {
                MeetingStatus::MinutesApproved
            };
            let (created_at, updated_at, version) = stamps(self.now);
            let meeting = meetings::ActiveModel {
                body_id: Set(body),
                title: Set(title),
                starts_at: Set(starts_at),
                duration_minutes: Set(duration),
                place: Set(Some("אולם הישיבות, בניין העירייה".into())),
                online_url: Set(None),
                goal: Set(Some("קידום תוכנית העבודה".into())),
                course: Set(None),
                method: Set(Some("מפגש פנים אל פנים".into())),
                product: Set(Some("החלטות ומשימות עם אחראים ותאריכים".into())),
                status: Set(status.into()),
                template_key: Set(template_key.map(str::to_owned)),
                cancel_reason: Set(None),
                created_at,
                updated_at,
                version,
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            let items: Vec<_> = AGENDA_TEMPLATE
                .iter()
                .enumerate()
                .filter(|(_, (_, _, minutes))| duration >= 180 || *minutes <= 25)
                .map(|(position, (title, kind, minutes))| {
                    let (created_at, updated_at, version) = stamps(self.now);
                    agenda_items::ActiveModel {
                        meeting_id: Set(meeting.id),
                        position: Set(position as i32),
                        title: Set((*title).into()),
                        kind: Set((*kind).into()),
                        minutes: Set(*minutes),
                        presenter: Set(None),
                        links: Set(None),
                        created_at,
                        updated_at,
                        version,
                        ..Default::default()
                    }
                })
                .collect();
            agenda_items::Entity::insert_many(items).exec(self.txn).await?;
            if status == MeetingStatus::MinutesApproved {
                self.approved_minutes(meeting.id, starts_at, duration).await?;
            }
            let attendance_rows: Vec<_> = members
                .iter()
                .map(|person| {
                    let roll = self.rng.random_range(0..100);
                    let status = if !past {
                        AttendanceStatus::Invited
                    } else if roll < 72 {
                        AttendanceStatus::Attended
                    } else if roll < 88 {
                        AttendanceStatus::Excused
                    } else {
                        AttendanceStatus::Absent
                    };
                    let (created_at, updated_at, version) = stamps(self.now);
                    attendance::ActiveModel {
                        meeting_id: Set(meeting.id),
                        person_id: Set(*person),
                        status: Set(status.into()),
                        created_at,
                        updated_at,
                        version,
                        ..Default::default()
                    }
                })
                .collect();
            if !attendance_rows.is_empty() {
                attendance::Entity::insert_many(attendance_rows).exec(self.txn).await?;
            }
            if past {
                for n in 0..self.rng.random_range(1..=2) {
                    let due = date + Duration::days(30 + 15 * n);
                    let status = if due < today - Duration::days(60) || self.rng.random_bool(0.4) {
                        DecisionStatus::Done
                    } else {
                        DecisionStatus::Open
                    };
                    let (created_at, updated_at, version) = stamps(self.now);
                    decisions::ActiveModel {
                        meeting_id: Set(meeting.id),
                        agenda_item_id: Set(None),
                        text: Set(format!("החלטה {}: להכין עדכון נתונים למפגש הבא", n + 1)),
                        owner_person_id: Set(members.get(n as usize).copied()),
                        due_on: Set(Some(due)),
                        status: Set(status.into()),
                        work_plan_task_id: Set(None),
                        created_at,
                        updated_at,
                        version,
                        ..Default::default()
                    }
                    .insert(self.txn)
                    .await?;
                }
            }
        }
        Ok(())
    }
}

impl Seeder<'_> {
    /// Approved minutes for a closed demo meeting: one short note per agenda item.
    async fn approved_minutes(&mut self, meeting_id: i64, starts_at: DateTime<Utc>, duration: i32) -> StoreResult<()> {
        let approved_at = starts_at + Duration::days(10);
        let version = minutes_versions::ActiveModel {
            meeting_id: Set(meeting_id),
            number: Set(1),
            status: Set(MinutesStatus::Approved.into()),
            comment_deadline: Set(Some((starts_at + Duration::days(7)).date_naive())),
            circulated_at: Set(Some(starts_at + Duration::days(2))),
            approved_at: Set(Some(approved_at)),
            approved_by: Set(None),
            correction_reason: Set(None),
            created_by: Set(None),
            created_at: Set(starts_at + Duration::days(1)),
            updated_at: Set(approved_at),
            version: Set(3),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        let sections: Vec<_> = AGENDA_TEMPLATE
            .iter()
            .filter(|(_, kind, minutes)| *kind != AgendaKind::Break && (duration >= 180 || *minutes <= 25))
            .enumerate()
            .map(|(position, (title, _, _))| minutes_sections::ActiveModel {
                minutes_version_id: Set(version.id),
                position: Set(position as i32),
                title: Set((*title).into()),
                notes: Set(format!("{title}: הוצג ונדון. הוסכם להמשיך כמתוכנן ולעדכן במפגש הבא.")),
                created_at: Set(starts_at + Duration::days(1)),
                updated_at: Set(approved_at),
                version: Set(2),
                ..Default::default()
            })
            .collect();
        if !sections.is_empty() {
            minutes_sections::Entity::insert_many(sections).exec(self.txn).await?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum MeetingPlan {
    Monthly,
    Steering,
    Forum { held: usize },
}
