//! Several entities read back from one statement. A single row's entities are each selected
//! under their own prefix and rebuilt with `Model::from_query_result(row, prefix)` (or `_optional`
//! behind a left join); many rows of two entities are read by position (`pairs`), as are the rows
//! of one (`AllByPosition`); lists of rows beside a row are each aggregated into one JSON column
//! (`json_rows`).

use sea_orm::sea_query::{Alias, Expr, SelectStatement, SubQueryStatement};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, EntityTrait, IdenStatic, Iterable, JoinType, QueryResult, QuerySelect,
    QueryTrait, Select,
};
use serde::de::DeserializeOwned;
use workit_domain::DomainError;

use crate::StoreResult;
use crate::db::Database;

/// A model rebuilt from its columns by position, in the order `Column::iter()` selects them;
/// implemented for every entity by `entity!`. By name, each column of a joined row costs a
/// formatted `{prefix}{column}` and a lookup: for the members of a forum's bodies with their
/// people, over a quarter of the deep read's CPU.
pub trait FromColumnsAt: Sized {
    const COLUMNS: usize;

    fn from_columns_at(row: &QueryResult, first: usize) -> Result<Self, DbErr>;
}

/// `Select::all`, each row read by position (`FromColumnsAt`) where sea-orm finds every column
/// by name: for the lists a dashboard batches (its meetings' agendas and decisions) the lookups
/// cost as much as the values. Only for a select of the entity's own columns, as `find` makes it.
pub trait AllByPosition<E: EntityTrait> {
    fn all_by_position<C: ConnectionTrait>(self, db: &C) -> impl Future<Output = Result<Vec<E::Model>, DbErr>> + Send;
}

impl<E> AllByPosition<E> for Select<E>
where
    E: EntityTrait,
    E::Model: FromColumnsAt,
{
    async fn all_by_position<C: ConnectionTrait>(mut self, db: &C) -> Result<Vec<E::Model>, DbErr> {
        let rows = db.query_all(QueryTrait::query(&mut self)).await?;
        rows.iter().map(|row| E::Model::from_columns_at(row, 0)).collect()
    }
}

/// The rows `select` finds, each with the row of `B` whose `to` equals its `from`: one
/// statement (an inner join), `A`'s columns then `B`'s, read by position.
pub(crate) async fn pairs<A, B>(
    db: &Database,
    select: Select<A>,
    from: A::Column,
    to: B::Column,
) -> StoreResult<Vec<(A::Model, B::Model)>>
where
    A: EntityTrait,
    B: EntityTrait + Default,
    A::Model: FromColumnsAt,
    B::Model: FromColumnsAt,
{
    let mut select = select.join(JoinType::InnerJoin, A::belongs_to(B::default()).from(from).to(to).into());
    all_columns::<B>(QueryTrait::query(&mut select));
    let rows = db.query_all(QueryTrait::query(&mut select)).await?;
    let pairs = rows
        .iter()
        .map(|row| Ok((A::Model::from_columns_at(row, 0)?, B::Model::from_columns_at(row, A::Model::COLUMNS)?)))
        .collect::<Result<_, DbErr>>()?;
    Ok(pairs)
}

/// Selects every column of `E`, in `Column::iter()`'s order, unaliased (read by position).
pub(crate) fn all_columns<E: EntityTrait + Default>(select: &mut SelectStatement) {
    for column in E::Column::iter() {
        select.expr(Expr::col((E::default(), column)));
    }
}

/// Selects every column of `E` under `prefix` (`f_id`, `f_title`, …).
pub(crate) fn all_columns_as<E: EntityTrait + Default>(select: &mut SelectStatement, prefix: &str) {
    for column in E::Column::iter() {
        select.expr_as(Expr::col((E::default(), column)), Alias::new(format!("{prefix}{}", column.as_str())));
    }
}

/// A scalar subquery: the rows `select` finds as one JSON array (text) of objects with `fields`,
/// in `order`. A page that shows several short lists beside a row reads them all in the row's
/// statement, one round trip where each list took one of its own. Only the aggregate is spelled
/// per database; which rows, and how they are found, stays a sea-query statement.
pub(crate) fn json_rows(
    backend: DbBackend,
    fields: &[(&str, Expr)],
    order: &[Expr],
    mut select: SelectStatement,
) -> Expr {
    // sea-query's custom expressions number their arguments on PostgreSQL and not on SQLite.
    let mut count = 0;
    let mut argument = || {
        count += 1;
        if backend == DbBackend::Postgres { format!("${count}") } else { "?".to_owned() }
    };
    let object: Vec<String> = fields.iter().map(|(name, _)| format!("'{name}', {}", argument())).collect();
    let order_by: Vec<String> = order.iter().map(|_| argument()).collect();
    let object = object.join(", ");
    let order_by = if order_by.is_empty() { String::new() } else { format!(" ORDER BY {}", order_by.join(", ")) };
    let aggregate = if backend == DbBackend::Postgres {
        format!("CAST(coalesce(json_agg(json_build_object({object}){order_by}), '[]') AS text)")
    } else {
        format!("json_group_array(json_object({object}){order_by})")
    };
    let arguments = fields.iter().map(|(_, expr)| expr.clone()).chain(order.iter().cloned());
    select.expr(Expr::cust_with_exprs(aggregate, arguments));
    Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(select)))
}

/// The rows of a `json_rows` column.
pub(crate) fn rows_of<T: DeserializeOwned>(row: &QueryResult, column: &str) -> StoreResult<Vec<T>> {
    let text: String = row.try_get("", column)?;
    serde_json::from_str(&text).map_err(|e| DomainError::Internal(format!("reading {column}: {e}")).into())
}
