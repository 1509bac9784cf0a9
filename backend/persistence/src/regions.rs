pub mod comparison;
pub mod indicators;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use workit_domain::regions::RegionDraft;
use workit_domain::{Action, Actor, Scope};

use crate::entities::regions;
use crate::joined::AllByPosition;
use crate::versioned::{VersionedWrite, insert_audited, not_found, write_if_current};
use crate::{Database, StoreResult};

/// Regions are public to every signed-in account.
pub async fn list(db: &Database, _actor: &Actor) -> StoreResult<Vec<regions::Model>> {
    Ok(regions::Entity::find().order_by_asc(regions::Column::Id).all(db).await?)
}

pub async fn get(db: &Database, _actor: &Actor, id: i64) -> StoreResult<regions::Model> {
    regions::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("region"))
}

pub async fn by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<regions::Model>> {
    Ok(regions::Entity::find().filter(regions::Column::Id.is_in(ids.iter().copied())).all_by_position(db).await?)
}

pub async fn create(
    db: &Database,
    actor: &Actor,
    draft: RegionDraft,
    now: DateTime<Utc>,
) -> StoreResult<regions::Model> {
    actor.authorize(Action::ManageRegistry, Scope::Global)?;
    let draft = draft.validated()?;
    let row = regions::ActiveModel {
        code: Set(draft.code),
        name_he: Set(draft.name_he),
        name_en: Set(draft.name_en),
        name_ar: Set(draft.name_ar),
        ..Default::default()
    };
    let region = insert_audited(db, actor, "region", row, now).await?;
    Ok(region)
}

pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: RegionDraft,
    now: DateTime<Utc>,
) -> StoreResult<regions::Model> {
    actor.authorize(Action::ManageRegistry, Scope::Global)?;
    let current = get(db, actor, id).await?;
    let draft = draft.validated()?;
    let changes = regions::ActiveModel {
        code: Set(draft.code),
        name_he: Set(draft.name_he),
        name_en: Set(draft.name_en),
        name_ar: Set(draft.name_ar),
        ..Default::default()
    };
    let write = VersionedWrite::update("region", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    get(db, actor, id).await
}
