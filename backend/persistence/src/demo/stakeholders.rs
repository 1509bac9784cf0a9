//! The stakeholder map of a demo town: its organisations and a few key people, placed a year
//! ago and moved since as the forum got to know them (most drift towards quadrant A), with next
//! steps — some overdue — contacts logged, questionnaires for most organisations and a SWOT.

use chrono::Duration;
use rand::Rng;
use rand::seq::IndexedRandom;
use sea_orm::{ActiveModelTrait, Set};
use workit_domain::stakeholders::engagement::{InteractionKind, StepStatus};
use workit_domain::stakeholders::map::{SCALE_MAX, SCALE_MIN};
use workit_domain::stakeholders::mapping::{Mapping, Swot, TargetGroup};

use super::Seeder;
use super::directory::TownPeople;
use super::forums::TownForum;
use crate::entities::{
    organisation_mappings, stakeholder_interactions, stakeholder_moves, stakeholders, swot_versions,
};
use crate::versioned::insert_new;
use crate::{StoreError, StoreResult};

const REASONS: &[&str] = &[
    "הצטרפו לצוות המשימה",
    "פגישת היכרות עם המנכ\"ל",
    "הציגו תוכנית חדשה בפורום",
    "חילופי הנהלה בארגון",
    "לא הגיעו לשני מפגשים",
    "חתמו על שיתוף פעולה",
];
const NEXT_STEPS: &[&str] = &[
    "פגישה אחד על אחד עם המנהל/ת",
    "הזמנה למפגש הפורום הקרוב",
    "שליחת סיכום הנתונים והמיקודים",
    "בחינת שותפות בתוכנית ההכשרה",
    "הצגת הפורום בישיבת ההנהלה שלהם",
];
const NOTES: &[&str] = &["שיחה טובה, מעוניינים להמשיך", "ביקשו חומרים כתובים", "נציג חדש בתפקיד", "אין מענה"];
const PROGRAMMES: &[&str] = &[
    "הכשרה מקצועית בתעשייה",
    "ליווי תעסוקתי לצעירים",
    "סדנאות חיפוש עבודה",
    "מלגות ללימודי הנדסאים",
    "יריד תעסוקה שנתי",
    "השמה מותאמת לאנשים עם מוגבלות",
];

fn clamp(value: i32) -> i32 {
    value.clamp(SCALE_MIN, SCALE_MAX)
}

fn json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::from(workit_domain::DomainError::Internal(e.to_string())))
}

impl Seeder<'_> {
    pub(super) async fn stakeholder_map(&mut self, forum: &TownForum, people: &TownPeople) -> StoreResult<()> {
        // Organisations first, then the key people the referent also tracks by name.
        let key_people = self.rng.random_range(4..=8).min(people.all.len());
        let subjects = people
            .organisations
            .iter()
            .map(|o| (Some(*o), None))
            .chain(people.all.iter().rev().take(key_people).map(|p| (None, Some(*p))));
        for (index, (organisation_id, person_id)) in subjects.enumerate() {
            self.stakeholder(forum, people, index, organisation_id, person_id).await?;
        }
        self.mappings(forum.id, &people.organisations).await?;
        self.swot(forum.id).await
    }

    async fn stakeholder(
        &mut self,
        forum: &TownForum,
        people: &TownPeople,
        index: usize,
        organisation_id: Option<i64>,
        person_id: Option<i64>,
    ) -> StoreResult<()> {
        let placed_at = self.now - Duration::days(self.rng.random_range(330..=380));
        let mut influence = self.rng.random_range(SCALE_MIN..=SCALE_MAX);
        let mut interest = self.rng.random_range(SCALE_MIN..=SCALE_MAX - 10);
        let mut positions = vec![(placed_at, influence, interest, None)];
        let mut at = placed_at;
        for _ in 0..self.rng.random_range(0..=3) {
            at += Duration::days(self.rng.random_range(40..=110));
            if at >= self.now {
                break;
            }
            // Getting to know the forum mostly raises interest; now and then someone drifts away.
            let drift =
                if self.rng.random_bool(0.8) { self.rng.random_range(3..=12) } else { -self.rng.random_range(3..=9) };
            interest = clamp(interest + drift);
            influence = clamp(influence + self.rng.random_range(-4..=4));
            positions.push((at, influence, interest, REASONS.choose(&mut self.rng).map(|r| (*r).to_owned())));
        }
        let engaged = influence >= 30;
        let (next_step, owner, due, status) = if engaged || self.rng.random_bool(0.3) {
            let due = (self.now + Duration::days(self.rng.random_range(-25..=45))).date_naive();
            let status = if self.rng.random_bool(0.2) { StepStatus::InProgress } else { StepStatus::Planned };
            (NEXT_STEPS.choose(&mut self.rng).map(|s| (*s).to_owned()), Some(people.referent), Some(due), status)
        } else {
            (None, None, None, StepStatus::Planned)
        };
        let (last_at, ..) = positions[positions.len() - 1];
        let mut row = insert_new(
            self.txn,
            stakeholders::ActiveModel {
                forum_id: Set(forum.id),
                organisation_id: Set(organisation_id),
                person_id: Set(person_id),
                influence_tenths: Set(influence),
                interest_tenths: Set(interest),
                note: Set(None),
                next_step: Set(next_step),
                next_step_owner_id: Set(owner),
                next_step_due_on: Set(due),
                next_step_status: Set(status.into()),
                ..Default::default()
            },
            last_at,
        )
        .await?;
        let version = i32::try_from(positions.len()).unwrap_or(1);
        let mut active: stakeholders::ActiveModel = row.clone().into();
        active.created_at = Set(placed_at);
        active.version = Set(version);
        row = active.update(self.txn).await?;
        for (at, influence, interest, reason) in positions {
            stakeholder_moves::ActiveModel {
                created_at: Set(at),
                stakeholder_id: Set(row.id),
                influence_tenths: Set(influence),
                interest_tenths: Set(interest),
                reason: Set(reason),
                moved_by: Set(None),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
        }
        let contacts = if index < 3 { 3 } else { self.rng.random_range(0..=2) };
        for contact in 0..contacts {
            let days_ago = self.rng.random_range(5..=300);
            let kind = if contact == 0 && forum.members.is_empty() {
                InteractionKind::Called
            } else {
                *[InteractionKind::Met, InteractionKind::Called, InteractionKind::Invited, InteractionKind::Declined]
                    .choose(&mut self.rng)
                    .unwrap_or(&InteractionKind::Met)
            };
            stakeholder_interactions::ActiveModel {
                created_at: Set(self.now - Duration::days(days_ago)),
                stakeholder_id: Set(row.id),
                kind: Set(kind.into()),
                occurred_on: Set(self.date_offset(days_ago)),
                note: Set(NOTES.choose(&mut self.rng).map(|n| (*n).to_owned())),
                meeting_id: Set(None),
                body_id: Set(None),
                recorded_by: Set(None),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }

    /// Questionnaires for about two thirds of the organisations, as a referent gets them back.
    async fn mappings(&mut self, forum_id: i64, organisations: &[i64]) -> StoreResult<()> {
        for organisation_id in organisations {
            if !self.rng.random_bool(0.65) {
                continue;
            }
            let (group_count, programme_count) = (self.rng.random_range(1..=3), self.rng.random_range(0..=2));
            let groups: Vec<TargetGroup> =
                TargetGroup::ALL.choose_multiple(&mut self.rng, group_count).copied().collect();
            let programmes: Vec<String> =
                PROGRAMMES.choose_multiple(&mut self.rng, programme_count).map(|p| (*p).to_owned()).collect();
            let mapping = Mapping {
                goals: Some("קידום תעסוקה איכותית לתושבי היישוב".into()),
                activities: Some("ייעוץ, הכשרות וליווי אישי".into()),
                target_groups: groups,
                programmes,
                collaborations: Some("לשכת התעסוקה, מרכז הצעירים".into()),
                ..Default::default()
            };
            let at = self.now - Duration::days(self.rng.random_range(200..=320));
            insert_new(
                self.txn,
                organisation_mappings::ActiveModel {
                    forum_id: Set(forum_id),
                    organisation_id: Set(*organisation_id),
                    answers: Set(json(&mapping)?),
                    ..Default::default()
                },
                at,
            )
            .await?;
        }
        Ok(())
    }

    async fn swot(&mut self, forum_id: i64) -> StoreResult<()> {
        let first = Swot {
            strengths: vec!["מחויבות ראש העירייה".into(), "לשכת תעסוקה פעילה".into()],
            weaknesses: vec!["מעט מעסיקים גדולים ביישוב".into()],
            opportunities: vec!["אזור תעשייה חדש בהקמה".into()],
            threats: vec!["תחבורה ציבורית דלילה לאזורי התעסוקה".into()],
        };
        let mut second = first.clone();
        second.strengths.push("שיתוף פעולה עם המכללה האזורית".into());
        second.threats.push("מעבר צעירים למרכז".into());
        for (version, (content, days_ago)) in [(first, 320), (second, 250)].into_iter().enumerate() {
            swot_versions::ActiveModel {
                created_at: Set(self.now - Duration::days(days_ago)),
                forum_id: Set(forum_id),
                version: Set(i32::try_from(version + 1).unwrap_or(1)),
                content: Set(json(&content)?),
                meeting_id: Set(None),
                created_by: Set(None),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }
}
