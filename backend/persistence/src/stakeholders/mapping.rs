//! The mapping questionnaire of the forum's organisations, what it adds up to, and the
//! forum's SWOT (a new version on every save, so what meeting 2 produced stays readable).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::stakeholders::mapping::{MappedOrganisation, Mapping, MappingRollUp, Swot, roll_up};
use workit_domain::validation::codes;
use workit_domain::{Actor, DomainError};

use super::{authorize_edit, forum_scope, in_forum, invalid};
use crate::entities::{bodies, meetings, organisation_mappings, organisations, stakeholders, swot_versions};
use crate::versioned::{VersionedWrite, insert_audited, write_if_current};
use crate::{Database, StoreResult, audit};

fn json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| DomainError::Internal(e.to_string()).into())
}

pub fn answers(row: &organisation_mappings::Model) -> Mapping {
    serde_json::from_str(&row.answers).unwrap_or_default()
}

pub fn swot(row: &swot_versions::Model) -> Swot {
    serde_json::from_str(&row.content).unwrap_or_default()
}

/// The organisations the questionnaire is for: those sitting in the forum today and those on
/// its map, each with its answers if it has any, by name.
pub async fn organisations_to_map(
    db: &Database,
    forum_id: i64,
    today: NaiveDate,
) -> StoreResult<Vec<(organisations::Model, Option<organisation_mappings::Model>)>> {
    forum_scope(db, forum_id).await?;
    let (_, in_forum) = in_forum(db, forum_id, today).await?;
    let on_map: BTreeSet<i64> = stakeholders::Entity::find()
        .filter(stakeholders::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| s.organisation_id)
        .collect();
    let mut mappings: BTreeMap<i64, organisation_mappings::Model> = organisation_mappings::Entity::find()
        .filter(organisation_mappings::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.organisation_id, m))
        .collect();
    let ids: BTreeSet<i64> = in_forum.union(&on_map).copied().chain(mappings.keys().copied()).collect();
    let organisations = organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(ids))
        .order_by_asc(organisations::Column::Name)
        .all(db)
        .await?;
    Ok(organisations
        .into_iter()
        .map(|o| {
            let mapping = mappings.remove(&o.id);
            (o, mapping)
        })
        .collect())
}

/// What the mapping found, for meeting 3.
pub async fn roll_up_of(db: &Database, forum_id: i64, today: NaiveDate) -> StoreResult<MappingRollUp> {
    let rows = organisations_to_map(db, forum_id, today).await?;
    let answered: Vec<Option<Mapping>> = rows.iter().map(|(_, m)| m.as_ref().map(answers)).collect();
    let organisations: Vec<MappedOrganisation<'_>> = rows
        .iter()
        .zip(&answered)
        .map(|((o, _), mapping)| MappedOrganisation { name: &o.name, sector: o.sector.0, mapping: mapping.as_ref() })
        .collect();
    Ok(roll_up(&organisations))
}

/// Saves one organisation's answers: the first save creates them (`version` is `None`), later
/// saves name the version they were based on.
pub async fn save(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    organisation_id: i64,
    version: Option<i32>,
    mapping: Mapping,
    now: DateTime<Utc>,
) -> StoreResult<organisation_mappings::Model> {
    let town = authorize_edit(db, actor, forum_id).await?;
    let found = organisations::Entity::find_by_id(organisation_id).one(db).await?;
    if found.is_none_or(|o| o.town_id != town) {
        return Err(invalid("organisationId", codes::INVALID_CHOICE));
    }
    let answers = json(&mapping.validated()?)?;
    let current = organisation_mappings::Entity::find()
        .filter(organisation_mappings::Column::ForumId.eq(forum_id))
        .filter(organisation_mappings::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?;
    match (current, version) {
        (None, None) => {
            let row = organisation_mappings::ActiveModel {
                forum_id: Set(forum_id),
                organisation_id: Set(organisation_id),
                answers: Set(answers),
                ..Default::default()
            };
            insert_audited(db, actor, "organisation_mapping", row, now).await
        }
        (Some(current), Some(version)) => {
            let write = VersionedWrite::update("organisation_mapping", current.id, version, current.version);
            let changes = organisation_mappings::ActiveModel { answers: Set(answers), ..Default::default() };
            write_if_current(db, actor, write, changes, now).await?;
            organisation_mappings::Entity::find_by_id(current.id)
                .one(db)
                .await?
                .ok_or_else(|| crate::versioned::not_found("organisation_mapping"))
        }
        (Some(current), None) => Err(DomainError::stale("organisation_mapping", current.version).into()),
        (None, Some(_)) => Err(DomainError::stale("organisation_mapping", 0).into()),
    }
}

/// Every version of the forum's SWOT, newest first.
pub async fn swot_versions(db: &Database, forum_id: i64) -> StoreResult<Vec<swot_versions::Model>> {
    Ok(swot_versions::Entity::find()
        .filter(swot_versions::Column::ForumId.eq(forum_id))
        .order_by_desc(swot_versions::Column::Version)
        .all(db)
        .await?)
}

/// Writes a new version of the forum's SWOT on top of `based_on` (0 for the first); a SWOT
/// saved by someone else meanwhile answers `CONFLICT`. It may name the meeting it came from.
pub async fn save_swot(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    based_on: i32,
    content: Swot,
    meeting_id: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<swot_versions::Model> {
    authorize_edit(db, actor, forum_id).await?;
    let content = json(&content.validated()?)?;
    if let Some(meeting) = meeting_id {
        let body = match meetings::Entity::find_by_id(meeting).one(db).await? {
            Some(m) => bodies::Entity::find_by_id(m.body_id).one(db).await?,
            None => None,
        };
        if body.is_none_or(|b| b.forum_id != forum_id) {
            return Err(invalid("meetingId", codes::INVALID_CHOICE));
        }
    }
    let latest = swot_versions(db, forum_id).await?.first().map_or(0, |s| s.version);
    if latest != based_on {
        return Err(DomainError::stale("swot", latest).into());
    }
    let txn = db.begin().await?;
    // The unique (forum, version) index refuses a concurrent save of the same version.
    let row = swot_versions::ActiveModel {
        created_at: Set(now),
        forum_id: Set(forum_id),
        version: Set(latest + 1),
        content: Set(content),
        meeting_id: Set(meeting_id),
        created_by: Set(Some(actor.user_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|_| crate::StoreError::from(DomainError::stale("swot", latest + 1)))?;
    audit::record(&txn, actor, "create", "swot", row.id, now).await?;
    txn.commit().await?;
    Ok(row)
}
