//! Statements built once. A dashboard's statement has the same text on every request; only its
//! values differ. Building it with sea-query each time (expression trees, quoting, numbering the
//! placeholders) took about a tenth of a control request's CPU. A `Template` builds its statement
//! once per database from stand-ins for its parameters, notes which parameter each placeholder
//! binds, and makes each request's statement from that text and the request's values.

use std::sync::OnceLock;

use sea_orm::sea_query::{Expr, PostgresQueryBuilder, SelectStatement, SqliteQueryBuilder, Value};
use sea_orm::{DbBackend, Statement};

/// A statement whose text does not depend on its `N` parameters' values. The builder gets one
/// expression per parameter and must not branch on them (it never sees a value).
pub(crate) struct Template<const N: usize> {
    build: fn(DbBackend, [Expr; N]) -> SelectStatement,
    postgres: OnceLock<Built>,
    sqlite: OnceLock<Built>,
}

struct Built {
    sql: String,
    binds: Vec<Bind>,
}

/// What a placeholder of the built text binds: a parameter, or a value the builder wrote itself.
enum Bind {
    Parameter(usize),
    Constant(Value),
}

impl<const N: usize> Template<N> {
    pub(crate) const fn new(build: fn(DbBackend, [Expr; N]) -> SelectStatement) -> Self {
        Self { build, postgres: OnceLock::new(), sqlite: OnceLock::new() }
    }

    /// The statement with `values` bound, in the order the builder takes its parameters.
    pub(crate) fn statement(&self, backend: DbBackend, values: [Value; N]) -> Statement {
        let built = match backend {
            DbBackend::Postgres => self.postgres.get_or_init(|| self.built(backend)),
            _ => self.sqlite.get_or_init(|| self.built(backend)),
        };
        let bound = built.binds.iter().map(|bind| match bind {
            Bind::Parameter(place) => values[*place].clone(),
            Bind::Constant(value) => value.clone(),
        });
        Statement::from_sql_and_values(backend, built.sql.clone(), bound)
    }

    fn built(&self, backend: DbBackend) -> Built {
        let statement = (self.build)(backend, std::array::from_fn(|place| Expr::val(stand_in(place))));
        let (sql, values) = match backend {
            DbBackend::Postgres => statement.build(PostgresQueryBuilder),
            _ => statement.build(SqliteQueryBuilder),
        };
        // Each request binds the values in the order the text places them.
        let binds = values.into_iter().map(|value| match place_of(&value) {
            Some(place) if place < N => Bind::Parameter(place),
            _ => Bind::Constant(value),
        });
        Built { sql, binds: binds.collect() }
    }
}

/// A parameter's stand-in: a value no statement binds, `i64::MIN` plus its place.
fn stand_in(place: usize) -> Value {
    Value::BigInt(i64::try_from(place).ok().map(|place| i64::MIN + place))
}

fn place_of(value: &Value) -> Option<usize> {
    match value {
        Value::BigInt(Some(number)) => usize::try_from(number.checked_sub(i64::MIN)?).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use sea_orm::sea_query::{Alias, ExprTrait, Query};

    use super::*;

    fn meetings(backend: DbBackend, [body, from, title]: [Expr; 3]) -> SelectStatement {
        let json = if backend == DbBackend::Postgres { "json_agg(1)" } else { "json_group_array(1)" };
        Query::select()
            .expr(Expr::cust(json))
            .from(Alias::new("meetings"))
            .and_where(Expr::col(Alias::new("body_id")).eq(body.clone()))
            .and_where(Expr::col(Alias::new("starts_at")).gte(from))
            .and_where(Expr::col(Alias::new("status")).eq("HELD"))
            .and_where(Expr::col(Alias::new("title")).eq(title).or(Expr::col(Alias::new("forum_body_id")).eq(body)))
            .to_owned()
    }

    static MEETINGS: Template<3> = Template::new(meetings);

    #[test]
    fn a_template_makes_the_statement_sea_query_builds_from_the_same_values() {
        let from = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).single().map(Value::from);
        for backend in [DbBackend::Postgres, DbBackend::Sqlite] {
            for (body, title) in [(7_i64, "Forum"), (-3, "ישיבה")] {
                let values = [Value::from(body), from.clone().unwrap_or(Value::BigInt(None)), Value::from(title)];
                let direct = meetings(backend, values.clone().map(Expr::val));
                assert_eq!(MEETINGS.statement(backend, values), backend.build(&direct), "{backend:?}");
            }
        }
    }
}
