//! Where a row lives, for the permission policy, and the text search every list shares. Both
//! are used by every repository, so they live apart from any one of them.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait};
use workit_domain::{Scope, TownId};

use crate::entities::towns;
use crate::versioned::not_found;
use crate::{Database, StoreResult};

/// The scope the permission policy needs for anything that belongs to a town.
pub async fn town(db: &Database, town_id: TownId) -> StoreResult<Scope> {
    let town = towns::Entity::find_by_id(town_id).one(db).await?.ok_or_else(|| not_found("town"))?;
    Ok(Scope::Town { town: town.id, region: town.region_id })
}

/// A case-insensitive "contains" over the given text columns (Hebrew has no case; English does).
pub(crate) fn contains_any<C: ColumnTrait>(columns: &[C], needle: &str) -> Condition {
    let pattern =
        format!("%{}%", needle.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    columns.iter().fold(Condition::any(), |condition, column| {
        condition.add(Expr::expr(Func::lower(Expr::col(*column))).like(LikeExpr::new(pattern.clone()).escape('\\')))
    })
}
