//! A demo town's other instruments: a round of the employer survey answered by the town's
//! employers over the last two months, the barriers its forum rated, and — once past the first
//! stage — a public participation process with its first steps done.

use chrono::Duration;
use rand::Rng;
use rand::seq::IndexedRandom;
use sea_orm::{ActiveModelTrait, Set};
use workit_domain::barriers::{BarrierKind, Severity};
use workit_domain::directory::Sector;
use workit_domain::forums::Stage;
use workit_domain::participation::Step;
use workit_domain::stakeholders::mapping::TargetGroup;
use workit_domain::surveys::{
    HiringHorizon, Industry, InternalTraining, OpenPosition, RemoteWork, SurveyAnswers, TrainingNeed, employer_key,
};

use super::Seeder;
use super::data::TownSeed;
use super::directory::TownPeople;
use crate::entities::{
    barriers, organisations, participation_processes, participation_steps, survey_responses, survey_rounds,
};
use crate::versioned::insert_new;
use crate::{StoreError, StoreResult};

const EMPLOYERS: &[(&str, Industry)] = &[
    ("מפעל המתכת {}", Industry::C),
    ("מאפיית הצפון", Industry::C),
    ("לוגיסטיקה דרום בע\"מ", Industry::H),
    ("רשת חנויות הבית", Industry::G),
    ("מרכז רפואי אזורי", Industry::Q),
    ("בית מלון הגליל", Industry::I),
    ("סטודיו תוכנה {}", Industry::J),
    ("חברת בנייה אזורית", Industry::F),
    ("משק חקלאי {}", Industry::A),
    ("מוקד שירות לקוחות", Industry::N),
    ("רשת מעונות יום", Industry::P),
    ("משרד רואי חשבון", Industry::M),
];
const OCCUPATIONS: &[(&str, &str)] = &[
    ("מפעיל/ת מכונה", "8189"),
    ("נהג/ת משאית", "8332"),
    ("מחסנאי/ת", "4321"),
    ("קופאי/ת", "5230"),
    ("אח/ות מוסמך/ת", "2221"),
    ("טבח/ית", "5120"),
    ("מפתח/ת תוכנה", "2512"),
    ("נציג/ת שירות", "4222"),
    ("גננת", "2342"),
    ("חשב/ת שכר", "4313"),
];
const PRACTICES: &[&str] = &[
    "הסעות מאורגנות לאזור התעשייה",
    "מעונות יום בשעות עבודה מורחבות",
    "אולפן עברית תעסוקתי",
    "ליווי אישי והכוון תעסוקתי",
    "הכשרה מקצועית בשיתוף מעסיקים",
];

fn json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::from(workit_domain::DomainError::Internal(e.to_string())))
}

impl Seeder<'_> {
    pub(super) async fn instruments(
        &mut self,
        seed: &TownSeed<'_>,
        people: &TownPeople,
        forum_stage: Stage,
    ) -> StoreResult<()> {
        self.employer_survey(seed, people.town_id).await?;
        self.barriers(people).await?;
        if forum_stage != Stage::KickOff {
            self.participation(people).await?;
        }
        Ok(())
    }

    async fn employer_survey(&mut self, seed: &TownSeed<'_>, town_id: i64) -> StoreResult<()> {
        let opened = self.now - Duration::days(60);
        let token: String = (0..43)
            .map(|_| {
                *b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".choose(&mut self.rng).unwrap_or(&b'a')
                    as char
            })
            .collect();
        let round = insert_new(
            self.txn,
            survey_rounds::ActiveModel {
                town_id: Set(town_id),
                title: Set("סקר מעסיקים — סבב סתיו".into()),
                token: Set(token),
                revoked_at: Set(None),
                created_by: Set(None),
                ..Default::default()
            },
            opened,
        )
        .await?;
        let count = self.rng.random_range(6..=EMPLOYERS.len());
        for (name, industry) in EMPLOYERS.choose_multiple(&mut self.rng, count).copied().collect::<Vec<_>>() {
            let company = name.replace("{}", seed.name_he);
            let answered = self.now - Duration::days(self.rng.random_range(1..=58));
            let lines = self.rng.random_range(0..=2);
            let open_positions: Vec<OpenPosition> = OCCUPATIONS
                .choose_multiple(&mut self.rng, lines)
                .map(|(occupation, code)| OpenPosition {
                    occupation: (*occupation).into(),
                    code: Some((*code).into()),
                    count: 0,
                })
                .collect::<Vec<_>>()
                .into_iter()
                .map(|p| OpenPosition { count: self.rng.random_range(1..=6), ..p })
                .collect();
            let in_contact = self.rng.random_bool(0.6);
            let wants_contact = self.rng.random_bool(0.5);
            let answers = SurveyAnswers {
                company: company.clone(),
                location_town_id: Some(town_id),
                industry: Some(industry),
                employees: Some(self.rng.random_range(5..=400)),
                recruitment_town_ids: vec![town_id],
                has_open_positions: !open_positions.is_empty(),
                open_positions,
                hiring_horizon: Some(*HiringHorizon::ALL.choose(&mut self.rng).unwrap_or(&HiringHorizon::None)),
                wants_hiring_help: self.rng.random_bool(0.4),
                remote_work: Some(*RemoteWork::ALL.choose(&mut self.rng).unwrap_or(&RemoteWork::NotRelevant)),
                internal_training: Some(
                    *InternalTraining::ALL.choose(&mut self.rng).unwrap_or(&InternalTraining::None),
                ),
                training_need: Some(*TrainingNeed::ALL.choose(&mut self.rng).unwrap_or(&TrainingNeed::None)),
                in_contact_with_service: in_contact,
                satisfaction: in_contact.then(|| self.rng.random_range(2..=5)),
                wants_contact,
                wants_community: self.rng.random_bool(0.35),
                contact_name: Some(self.person_name()),
                contact_email: None,
                contact_phone: Some(format!("050-{:07}", self.rng.random_range(1_000_000..9_999_999))),
            };
            let organisation = insert_new(
                self.txn,
                organisations::ActiveModel {
                    town_id: Set(town_id),
                    name: Set(company.clone()),
                    sector: Set(Sector::Business.into()),
                    website: Set(None),
                    notes: Set(None),
                    archived_at: Set(None),
                    ..Default::default()
                },
                answered,
            )
            .await?;
            insert_new(
                self.txn,
                survey_responses::ActiveModel {
                    round_id: Set(round.id),
                    town_id: Set(town_id),
                    organisation_id: Set(Some(organisation.id)),
                    employer_key: Set(employer_key(&company)),
                    company: Set(company),
                    answers: Set(json(&answers)?),
                    source: Set(if self.rng.random_bool(0.6) { "PUBLIC" } else { "STAFF" }.into()),
                    entered_by: Set(None),
                    ..Default::default()
                },
                answered,
            )
            .await?;
        }
        Ok(())
    }

    async fn barriers(&mut self, people: &TownPeople) -> StoreResult<()> {
        let groups =
            [TargetGroup::Women, TargetGroup::Youth, TargetGroup::Haredim, TargetGroup::Arabs, TargetGroup::Aged45Plus];
        let count = self.rng.random_range(4..=8);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..count {
            let group = *groups.choose(&mut self.rng).unwrap_or(&TargetGroup::Women);
            let kind = *BarrierKind::ALL.choose(&mut self.rng).unwrap_or(&BarrierKind::Education);
            if !seen.insert((group, kind)) {
                continue;
            }
            let partners: Vec<i64> = people.organisations.choose_multiple(&mut self.rng, 2).copied().collect();
            insert_new(
                self.txn,
                barriers::ActiveModel {
                    town_id: Set(people.town_id),
                    target_group: Set(group.into()),
                    kind: Set(kind.into()),
                    severity: Set((*Severity::ALL.choose(&mut self.rng).unwrap_or(&Severity::Medium)).into()),
                    practices: Set(PRACTICES.choose(&mut self.rng).map(|p| (*p).to_owned())),
                    partner_ids: Set(json(&partners)?),
                    focus_id: Set(None),
                    task_ids: Set("[]".into()),
                    ..Default::default()
                },
                self.now - Duration::days(self.rng.random_range(30..=200)),
            )
            .await?;
        }
        Ok(())
    }

    async fn participation(&mut self, people: &TownPeople) -> StoreResult<()> {
        let started = self.now - Duration::days(120);
        let process = insert_new(
            self.txn,
            participation_processes::ActiveModel {
                town_id: Set(people.town_id),
                title: Set("שיתוף ציבור: צעירים ותעסוקה".into()),
                question: Set(Some("מה יעזור לכם למצוא עבודה טובה ביישוב?".into())),
                target_population: Set(Some("צעירים בני 18–30".into())),
                findings: Set(Some("מחסור בתחבורה לאזור התעשייה\nביקוש לקורסים בשעות הערב".into())),
                ..Default::default()
            },
            started,
        )
        .await?;
        let done = self.rng.random_range(3..=7);
        for (index, step) in Step::ALL.iter().enumerate() {
            let begins = started + Duration::days(i64::try_from(index).unwrap_or(0) * 10);
            let finished = index < done;
            let mut row: participation_steps::ActiveModel = participation_steps::ActiveModel {
                process_id: Set(process.id),
                step: Set((*step).into()),
                owner_person_id: Set(Some(people.referent)),
                starts_on: Set(Some(begins.date_naive())),
                due_on: Set(Some((begins + Duration::days(14)).date_naive())),
                done_on: Set(finished.then(|| (begins + Duration::days(9)).date_naive())),
                notes: Set(None),
                attachments: Set("[]".into()),
                ..Default::default()
            };
            row.created_at = Set(started);
            row.updated_at = Set(started);
            row.version = Set(1);
            row.insert(self.txn).await?;
        }
        Ok(())
    }
}
