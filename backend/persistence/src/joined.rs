//! Several entities read back from one joined statement: each selected under its own prefix and
//! rebuilt with `Model::from_query_result(row, prefix)` (or `_optional` behind a left join).

use sea_orm::sea_query::{Alias, Expr, SelectStatement};
use sea_orm::{EntityTrait, IdenStatic, Iterable};

/// Selects every column of `E` under `prefix` (`f_id`, `f_title`, …).
pub(crate) fn all_columns_as<E: EntityTrait + Default>(select: &mut SelectStatement, prefix: &str) {
    for column in E::Column::iter() {
        select.expr_as(Expr::col((E::default(), column)), Alias::new(format!("{prefix}{}", column.as_str())));
    }
}
