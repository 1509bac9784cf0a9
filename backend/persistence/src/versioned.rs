//! Optimistic concurrency: an update names the version it was based on and changes nothing
//! when the row has moved on since.

use sea_orm::UpdateResult;
use workit_domain::DomainError;

use crate::StoreResult;

/// Turns the result of `UPDATE … WHERE id = ? AND version = ?` into `CONFLICT` when no row
/// matched (the row exists: the caller loaded it before).
pub fn ensure_updated(result: &UpdateResult, entity: &'static str, current_version: i32) -> StoreResult<()> {
    if result.rows_affected == 0 {
        return Err(DomainError::stale(entity, current_version).into());
    }
    Ok(())
}

pub fn not_found(entity: &'static str) -> crate::StoreError {
    DomainError::NotFound { entity }.into()
}

use std::str::FromStr;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

fn column<E: EntityTrait>(name: &str) -> StoreResult<E::Column> {
    E::Column::from_str(name).map_err(|_| DomainError::Internal(format!("no column {name}")).into())
}

/// Archives (or restores) a row of any table with `archived_at`, `version` and `updated_at`:
/// archiving hides a row from lists but keeps its history and everything that points at it.
pub async fn set_archived<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id: i64,
    version: i32,
    archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<UpdateResult> {
    let archived_at: Option<DateTime<Utc>> = archived.then_some(now);
    Ok(E::update_many()
        .col_expr(column::<E>("archived_at")?, Expr::value(archived_at))
        .col_expr(column::<E>("updated_at")?, Expr::value(now))
        .col_expr(column::<E>("version")?, Expr::value(version + 1))
        .filter(column::<E>("id")?.eq(id))
        .filter(column::<E>("version")?.eq(version))
        .exec(db)
        .await?)
}
