//! Optimistic concurrency: an update names the version it was based on and changes nothing
//! when the row has moved on since. A write of one row goes through [`write_if_current`] (the
//! update and its audit record in one transaction); a write that changes more — a meeting and
//! its history and e-mails, minutes and their meeting — opens its own transaction and calls
//! [`update_if_current`] inside it, so everything it changes commits or fails together.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait, Value};
use workit_domain::{Actor, DomainError};

use crate::{Database, StoreResult, audit};

pub fn not_found(entity: &'static str) -> crate::StoreError {
    DomainError::NotFound { entity }.into()
}

fn column<E: EntityTrait>(name: &str) -> StoreResult<E::Column> {
    E::Column::from_str(name).map_err(|_| DomainError::Internal(format!("no column {name}")).into())
}

/// Which row a versioned write targets and how the audit log names it.
pub struct VersionedWrite {
    pub entity: &'static str,
    pub action: &'static str,
    pub id: i64,
    /// The version the client's change was based on.
    pub expected: i32,
    /// The version the row has now (reported back in a `CONFLICT`).
    pub current: i32,
}

impl VersionedWrite {
    /// An `update` of row `id` of `entity`, based on version `expected`; the row is at `current`.
    pub fn update(entity: &'static str, id: i64, expected: i32, current: i32) -> Self {
        Self { entity, action: "update", id, expected, current }
    }
}

/// Applies `changes` to the row if it is still at `expected`, bumping `version` and
/// `updated_at`, and records it in the audit log — or changes nothing and answers `CONFLICT`.
pub async fn write_if_current<E, A>(
    db: &Database,
    actor: &Actor,
    write: VersionedWrite,
    changes: A,
    now: DateTime<Utc>,
) -> StoreResult<()>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let txn = db.begin().await?;
    update_if_current(&txn, &write, changes, now).await?;
    audit::record(&txn, actor, write.action, write.entity, write.id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The conditional update of [`write_if_current`] inside the caller's transaction, for writes
/// that change more than one row at once (a meeting and its milestone, minutes and their
/// meeting); the caller records the audit entry.
pub async fn update_if_current<E, A>(
    conn: &impl ConnectionTrait,
    write: &VersionedWrite,
    mut changes: A,
    now: DateTime<Utc>,
) -> StoreResult<()>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
{
    changes.set(column::<E>("updated_at")?, Value::from(now));
    changes.set(column::<E>("version")?, Value::from(write.expected + 1));
    let result = E::update_many()
        .set(changes)
        .filter(column::<E>("id")?.eq(write.id))
        .filter(column::<E>("version")?.eq(write.expected))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(DomainError::stale(write.entity, write.current).into());
    }
    Ok(())
}

/// Archives (or restores) a row of a table with `archived_at`: archiving hides a row from lists
/// but keeps its history and everything that points at it.
pub async fn archive_if_current<E, A>(
    db: &Database,
    actor: &Actor,
    entity: &'static str,
    (id, expected, current): (i64, i32, i32),
    archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<()>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Default + Send,
{
    let mut changes = <A as Default>::default();
    changes.set(column::<E>("archived_at")?, Value::from(archived.then_some(now)));
    let action = if archived { "archive" } else { "restore" };
    write_if_current(db, actor, VersionedWrite { entity, action, id, expected, current }, changes, now).await
}

/// Inserts a new row stamped with `created_at`, `updated_at` and version 1, and records its
/// creation in the audit log — in one transaction.
pub async fn insert_audited<E, A>(
    db: &Database,
    actor: &Actor,
    entity: &'static str,
    row: A,
    now: DateTime<Utc>,
) -> StoreResult<E::Model>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
    E::Model: sea_orm::IntoActiveModel<A>,
{
    use sea_orm::ModelTrait;
    let txn = db.begin().await?;
    let model = insert_new(&txn, row, now).await?;
    let id = match model.get(column::<E>("id")?) {
        Value::BigInt(Some(id)) => id,
        other => return Err(DomainError::Internal(format!("unexpected id {other:?}")).into()),
    };
    audit::record(&txn, actor, "create", entity, id, now).await?;
    txn.commit().await?;
    Ok(model)
}

/// Inserts a new row of a versioned table, stamped `created_at` and `updated_at` with `now` and
/// at version 1, inside the caller's connection or transaction.
pub(crate) async fn insert_new<E, A>(
    conn: &impl ConnectionTrait,
    mut row: A,
    now: DateTime<Utc>,
) -> StoreResult<E::Model>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
    E::Model: sea_orm::IntoActiveModel<A>,
{
    row.set(column::<E>("created_at")?, Value::from(now));
    row.set(column::<E>("updated_at")?, Value::from(now));
    row.set(column::<E>("version")?, Value::from(1_i32));
    Ok(row.insert(conn).await?)
}
