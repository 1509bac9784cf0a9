//! The audit log: who changed what, when. Written in the same transaction as the change.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use workit_domain::Actor;

use crate::StoreResult;
use crate::entities::audit_log;

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    record_by(db, Some(actor.user_id), action, entity, entity_id, now).await
}

/// An entry by an account that is not signed in (using a one-time link), or with `None` by
/// the operator's command line.
pub async fn record_by(
    db: &impl ConnectionTrait,
    user_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    audit_log::ActiveModel {
        user_id: Set(user_id),
        action: Set(action.to_owned()),
        entity: Set(entity.to_owned()),
        entity_id: Set(Some(entity_id)),
        details: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
