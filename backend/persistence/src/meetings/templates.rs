//! Templates to plan a meeting from: the model's built-in ones and a town's own, saved from
//! one of its meetings ("like last month's task-team meeting").

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use workit_domain::forums::{BodyKind, Stage};
use workit_domain::meetings::{self as rules, AgendaKind, MeetingStatus, MeetingTemplate, TemplateDefaults};
use workit_domain::validation::Validator;
use workit_domain::{Action, Actor, DomainError};

use super::{agenda_by_meeting_ids, authorized, body_and_town};
use crate::entities::{forums, meeting_templates, meetings};
use crate::versioned::{archive_if_current, insert_audited, not_found};
use crate::{Database, StoreResult, scope};

const TOWN_KEY_PREFIX: &str = "town-";

/// A template as the planner offers it, built in or the town's own.
#[derive(Debug, Clone)]
pub struct TemplateChoice {
    pub key: String,
    pub title: String,
    /// 1–7 for the canonical first-year forum meetings.
    pub canonical_step: Option<u8>,
    pub goal: Option<String>,
    pub product: Option<String>,
    pub duration_minutes: i32,
    pub items: Vec<(String, AgendaKind, i32)>,
    /// `(id, version)` of a town's own template.
    pub town_template: Option<(i64, i32)>,
}

impl TemplateChoice {
    /// What this template gives a new meeting.
    pub fn defaults(&self) -> TemplateDefaults<'_> {
        TemplateDefaults {
            duration_minutes: self.duration_minutes,
            goal: self.goal.as_deref(),
            product: self.product.as_deref(),
            items: &self.items,
        }
    }
}

impl From<&'static MeetingTemplate> for TemplateChoice {
    fn from(t: &'static MeetingTemplate) -> Self {
        Self {
            key: t.key.to_owned(),
            title: t.title.to_owned(),
            canonical_step: t.canonical_step,
            goal: Some(t.goal.to_owned()),
            product: Some(t.product.to_owned()),
            duration_minutes: t.duration_minutes,
            items: t.items.iter().map(|(title, kind, minutes)| ((*title).to_owned(), *kind, *minutes)).collect(),
            town_template: None,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct StoredItem {
    title: String,
    kind: String,
    minutes: i32,
}

fn choice_of(row: meeting_templates::Model) -> TemplateChoice {
    // Rows are written by `save_from_meeting` only; an unreadable item list reads as empty.
    let items: Vec<StoredItem> = serde_json::from_str(&row.items).unwrap_or_default();
    TemplateChoice {
        key: format!("{TOWN_KEY_PREFIX}{}", row.id),
        title: row.title,
        canonical_step: None,
        goal: row.goal,
        product: row.product,
        duration_minutes: row.duration_minutes,
        items: items.into_iter().filter_map(|i| Some((i.title, AgendaKind::parse(&i.kind)?, i.minutes))).collect(),
        town_template: Some((row.id, row.version)),
    }
}

/// The templates that fit a body (the town's own first), and for the forum the canonical
/// meeting it has not held.
pub async fn for_body(db: &Database, body_id: i64) -> StoreResult<(Vec<TemplateChoice>, Option<TemplateChoice>)> {
    let (body, town) = body_and_town(db, body_id).await?;
    let kind = *body.kind;
    let mut fitting: Vec<TemplateChoice> = meeting_templates::Entity::find()
        .filter(meeting_templates::Column::TownId.eq(town))
        .filter(meeting_templates::Column::BodyKind.eq(kind.as_str()))
        .filter(meeting_templates::Column::ArchivedAt.is_null())
        .order_by_asc(meeting_templates::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(choice_of)
        .collect();
    fitting.extend(rules::TEMPLATES.iter().filter(|t| t.body_kinds.contains(&kind)).map(TemplateChoice::from));
    let suggested = if kind == BodyKind::Forum {
        let held: Vec<Option<String>> = meetings::Entity::find()
            .select_only()
            .column(meetings::Column::TemplateKey)
            .filter(meetings::Column::BodyId.eq(body_id))
            .filter(
                meetings::Column::Status.is_in([MeetingStatus::Held.as_str(), MeetingStatus::MinutesApproved.as_str()]),
            )
            .into_tuple()
            .all(db)
            .await?;
        let held: Vec<&str> = held.iter().flatten().map(String::as_str).collect();
        let stage = forums::Entity::find_by_id(body.forum_id).one(db).await?.map_or(Stage::KickOff, |f| f.stage.0);
        rules::suggested_for_forum(&held, stage).map(TemplateChoice::from)
    } else {
        None
    };
    Ok((fitting, suggested))
}

/// The template a new meeting of this body starts from; a key that does not fit is refused.
pub async fn resolve(db: &Database, key: &str, kind: BodyKind, town: i64) -> StoreResult<Option<TemplateChoice>> {
    if let Some(id) = town_template_id(key) {
        let row = meeting_templates::Entity::find_by_id(id).one(db).await?;
        return Ok(row.filter(|t| t.town_id == town && t.body_kind == kind && t.archived_at.is_none()).map(choice_of));
    }
    Ok(rules::template(key).filter(|t| t.body_kinds.contains(&kind)).map(TemplateChoice::from))
}

/// Saves a meeting's plan (agenda, goal, product, length) as the town's own template.
pub async fn save_from_meeting(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    title: &str,
    now: DateTime<Utc>,
) -> StoreResult<TemplateChoice> {
    let (meeting, body, town) = authorized(db, actor, meeting_id, Action::EditForum).await?;
    let mut v = Validator::new();
    let title = v.required_text("title", title, 300);
    v.finish()?;
    let items: Vec<StoredItem> = agenda_by_meeting_ids(db, &[meeting_id])
        .await?
        .into_iter()
        .map(|i| StoredItem { title: i.title, kind: i.kind.as_str().to_owned(), minutes: i.minutes })
        .collect();
    let items = serde_json::to_string(&items).map_err(|e| DomainError::Internal(e.to_string()))?;
    let row = meeting_templates::ActiveModel {
        town_id: Set(town),
        body_kind: Set(body.kind),
        title: Set(title),
        goal: Set(meeting.goal),
        product: Set(meeting.product),
        duration_minutes: Set(meeting.duration_minutes),
        items: Set(items),
        archived_at: Set(None),
        ..Default::default()
    };
    Ok(choice_of(insert_audited(db, actor, "meeting_template", row, now).await?))
}

/// Removes a town's template from the choices (kept for the record).
pub async fn archive(db: &Database, actor: &Actor, id: i64, version: i32, now: DateTime<Utc>) -> StoreResult<()> {
    let current = meeting_templates::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("template"))?;
    actor.authorize(Action::EditForum, scope::town(db, current.town_id).await?)?;
    archive_if_current::<meeting_templates::Entity, meeting_templates::ActiveModel>(
        db,
        actor,
        "meeting_template",
        (id, version, current.version),
        true,
        now,
    )
    .await
}

/// A town's template id from its key, for the API.
pub fn town_template_id(key: &str) -> Option<i64> {
    key.strip_prefix(TOWN_KEY_PREFIX)?.parse().ok()
}
