//! The documented maxima of lists that people grow (a meeting's decisions, a body's members…),
//! enforced where rows are added: the domain names each maximum, this counts what is there.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::StoreResult;

/// Refuses adding one more row of `E` under the parent `parent_id` (through the column
/// `parent`) when that would pass `max`; `field` names the list in the error.
pub async fn check_room<E>(
    db: &impl ConnectionTrait,
    parent: E::Column,
    parent_id: i64,
    field: &str,
    max: usize,
) -> StoreResult<()>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let existing = E::find().filter(parent.eq(parent_id)).count(db).await?;
    Ok(workit_domain::validation::check_room(field, existing, 1, max)?)
}
