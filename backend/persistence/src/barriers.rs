//! A town's employment barriers per population group: one row per (group, barrier), its
//! severity, the practices and partners that release it, and its focus and tasks.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::barriers::BarrierDraft;
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, TownId};

use crate::entities::{barriers, forums, organisations, strategic_focuses, work_plan_tasks};
use crate::versioned::{VersionedWrite, insert_audited, not_found, write_if_current};
use crate::{Database, StoreResult, audit, scope};

pub fn ids(json: &str) -> Vec<i64> {
    serde_json::from_str(json).unwrap_or_default()
}

fn json(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

pub async fn of_town(db: &Database, town_id: TownId) -> StoreResult<Vec<barriers::Model>> {
    Ok(barriers::Entity::find()
        .filter(barriers::Column::TownId.eq(town_id))
        .order_by_asc(barriers::Column::TargetGroup)
        .order_by_asc(barriers::Column::Kind)
        .all(db)
        .await?)
}

async fn get(db: &Database, id: i64) -> StoreResult<barriers::Model> {
    barriers::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("barrier"))
}

/// Partners are the town's organisations; the focus and tasks its forum's.
async fn check_links(db: &Database, town_id: TownId, draft: &BarrierDraft) -> StoreResult<()> {
    let partners = organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(draft.partner_ids.iter().copied()))
        .filter(organisations::Column::TownId.eq(town_id))
        .all(db)
        .await?;
    if partners.len() != draft.partner_ids.len() {
        return Err(DomainError::validation("partnerIds", codes::INVALID_CHOICE).into());
    }
    let forum = forums::Entity::find().filter(forums::Column::TownId.eq(town_id)).one(db).await?;
    let forum_id = forum.map(|f| f.id);
    if let Some(focus) = draft.focus_id {
        let found = strategic_focuses::Entity::find_by_id(focus).one(db).await?;
        if found.is_none_or(|f| Some(f.forum_id) != forum_id) {
            return Err(DomainError::validation("focusId", codes::INVALID_CHOICE).into());
        }
    }
    let tasks = work_plan_tasks::Entity::find()
        .filter(work_plan_tasks::Column::Id.is_in(draft.task_ids.iter().copied()))
        .all(db)
        .await?;
    if tasks.len() != draft.task_ids.len() || tasks.iter().any(|t| Some(t.forum_id) != forum_id) {
        return Err(DomainError::validation("taskIds", codes::INVALID_CHOICE).into());
    }
    Ok(())
}

fn fields(draft: BarrierDraft) -> barriers::ActiveModel {
    barriers::ActiveModel {
        target_group: Set(draft.group.into()),
        kind: Set(draft.kind.into()),
        severity: Set(draft.severity.into()),
        practices: Set(draft.practices),
        partner_ids: Set(json(&draft.partner_ids)),
        focus_id: Set(draft.focus_id),
        task_ids: Set(json(&draft.task_ids)),
        ..Default::default()
    }
}

/// Records a barrier of a group; the same barrier of the same group twice is refused (`taken`).
pub async fn create(
    db: &Database,
    actor: &Actor,
    town_id: TownId,
    draft: BarrierDraft,
    now: DateTime<Utc>,
) -> StoreResult<barriers::Model> {
    actor.authorize(Action::EditForum, scope::town(db, town_id).await?)?;
    let draft = draft.validated()?;
    check_links(db, town_id, &draft).await?;
    let taken = barriers::Entity::find()
        .filter(barriers::Column::TownId.eq(town_id))
        .filter(barriers::Column::TargetGroup.eq(draft.group.as_str()))
        .filter(barriers::Column::Kind.eq(draft.kind.as_str()))
        .one(db)
        .await?;
    if taken.is_some() {
        return Err(DomainError::validation("kind", codes::TAKEN).into());
    }
    insert_audited(db, actor, "barrier", barriers::ActiveModel { town_id: Set(town_id), ..fields(draft) }, now).await
}

pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: BarrierDraft,
    now: DateTime<Utc>,
) -> StoreResult<barriers::Model> {
    let current = get(db, id).await?;
    actor.authorize(Action::EditForum, scope::town(db, current.town_id).await?)?;
    let draft = draft.validated()?;
    if draft.group != current.target_group.0 || draft.kind != current.kind.0 {
        return Err(DomainError::validation("kind", codes::INVALID_CHOICE).into());
    }
    check_links(db, current.town_id, &draft).await?;
    write_if_current(db, actor, VersionedWrite::update("barrier", id, version, current.version), fields(draft), now)
        .await?;
    get(db, id).await
}

pub async fn delete(db: &Database, actor: &Actor, id: i64, version: i32, now: DateTime<Utc>) -> StoreResult<()> {
    let current = get(db, id).await?;
    actor.authorize(Action::EditForum, scope::town(db, current.town_id).await?)?;
    let txn = db.begin().await?;
    let deleted = barriers::Entity::delete_many()
        .filter(barriers::Column::Id.eq(id))
        .filter(barriers::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::stale("barrier", current.version).into());
    }
    audit::record(&txn, actor, "delete", "barrier", id, now).await?;
    txn.commit().await?;
    Ok(())
}
