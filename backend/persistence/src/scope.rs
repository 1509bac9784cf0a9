//! Where a row lives, for the permission policy, and the text search every list shares. Both
//! are used by every repository, so they live apart from any one of them.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait};
use workit_domain::{RegionId, Scope, TownId};

use crate::entities::{forums, towns};
use crate::versioned::not_found;
use crate::{Database, StoreResult};

/// The scope the permission policy needs for anything that belongs to a town.
pub async fn town(db: &Database, town_id: TownId) -> StoreResult<Scope> {
    let town = towns::Entity::find_by_id(town_id).one(db).await?.ok_or_else(|| not_found("town"))?;
    Ok(Scope::Town { town: town.id, region: town.region_id })
}

/// The scope of a forum's town, read with the forum in one statement.
pub async fn of_forum(db: &Database, forum_id: i64) -> StoreResult<Scope> {
    let (town, region) = town_of_forum(db, forum_id).await?;
    Ok(Scope::Town { town, region })
}

/// A forum's town and region, read with the forum in one statement.
pub(crate) async fn town_of_forum(db: &Database, forum_id: i64) -> StoreResult<(TownId, RegionId)> {
    use sea_orm::{QueryFilter, QuerySelect};
    let found: Option<(TownId, RegionId)> = towns::Entity::find()
        .select_only()
        .column(towns::Column::Id)
        .column(towns::Column::RegionId)
        .filter(
            towns::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(forums::Column::TownId)
                    .from(forums::Entity)
                    .and_where(Expr::col(forums::Column::Id).eq(forum_id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .one(db)
        .await?;
    found.ok_or_else(|| not_found("forum"))
}

/// A case-insensitive "contains" over the given text columns (Hebrew has no case; English does).
pub(crate) fn contains_any<C: ColumnTrait>(columns: &[C], needle: &str) -> Condition {
    let pattern =
        format!("%{}%", needle.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    columns.iter().fold(Condition::any(), |condition, column| {
        condition.add(Expr::expr(Func::lower(Expr::col(*column))).like(LikeExpr::new(pattern.clone()).escape('\\')))
    })
}
