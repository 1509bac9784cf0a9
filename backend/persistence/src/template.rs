//! Statements built once. A dashboard's statement has the same text on every request; only its
//! values differ. Building it with sea-query each time (expression trees, quoting, numbering the
//! placeholders) took about a tenth of a control request's CPU. A `Template` builds its statement
//! once per database from stand-ins for its parameters and makes each request's statement from
//! that text and the request's values.
//!
//! Only the parameters are placeholders: every other value the builder writes (a status, a kind,
//! the `1` a count counts) is written into the text as a literal. PostgreSQL plans a prepared
//! statement afresh on each execution while its plan for unknown values looks dearer than the
//! plans for the values it was given, and constants as placeholders are unknown values: the
//! country's comparison was planned on every request (3 ms of its 20), with its constants in
//! the text it runs one generic plan (docs/performance.md, 2026-12-03, twenty-second session).

use std::fmt::{self, Write};
use std::sync::OnceLock;

use sea_orm::sea_query::{
    Expr, PostgresQueryBuilder, QueryBuilder, SelectStatement, SqlWriter, SqliteQueryBuilder, Value,
};
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
    /// The parameter each placeholder binds, in the text's order.
    binds: Vec<usize>,
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
        let bound = built.binds.iter().map(|place| values[*place].clone());
        Statement::from_sql_and_values(backend, built.sql.clone(), bound)
    }

    fn built(&self, backend: DbBackend) -> Built {
        let statement = (self.build)(backend, std::array::from_fn(|place| Expr::val(stand_in(place))));
        let written = match backend {
            DbBackend::Postgres => TemplateWriter::write(&statement, PostgresQueryBuilder, N),
            _ => TemplateWriter::write(&statement, SqliteQueryBuilder, N),
        };
        Built { sql: written.sql, binds: written.binds }
    }
}

/// Writes a template's text: a parameter's stand-in becomes the next placeholder, any other value
/// a literal (quoted and escaped by sea-query, as it writes values inline for logs). Such a value
/// is always the code's own: the builder sees stand-ins, never a request's values.
struct TemplateWriter {
    sql: String,
    parameters: usize,
    binds: Vec<usize>,
}

impl TemplateWriter {
    fn write(statement: &SelectStatement, builder: impl QueryBuilder, parameters: usize) -> Self {
        let mut writer = Self { sql: String::new(), parameters, binds: Vec::new() };
        statement.build_collect_into(builder, &mut writer);
        writer
    }
}

impl SqlWriter for TemplateWriter {
    fn push_param<T: QueryBuilder>(&mut self, value: Value, query_builder: &T) {
        match place_of(&value).filter(|place| *place < self.parameters) {
            Some(place) => {
                let (placeholder, numbered) = query_builder.placeholder();
                self.sql.push_str(placeholder);
                self.binds.push(place);
                if numbered {
                    self.sql.push_str(&self.binds.len().to_string());
                }
            }
            // Writing into a String cannot fail.
            None => {
                let _ = query_builder.write_value(&mut self.sql, &value);
            }
        }
    }

    fn as_writer(&mut self) -> &mut dyn Write {
        self
    }
}

impl Write for TemplateWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.sql.write_str(s)
    }
}

impl fmt::Display for TemplateWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sql)
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
    use sea_orm::sea_query::{Alias, ExprTrait, Query, inject_parameters};

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

    /// The text with every value written in, as sea-query writes a statement for a log.
    fn inlined(statement: &Statement) -> String {
        let values = statement.values.as_ref().map(|v| v.0.clone()).unwrap_or_default();
        match statement.db_backend {
            DbBackend::Postgres => inject_parameters(&statement.sql, &values, &PostgresQueryBuilder),
            _ => inject_parameters(&statement.sql, &values, &SqliteQueryBuilder),
        }
    }

    #[test]
    fn a_template_makes_the_statement_sea_query_builds_from_the_same_values() {
        let from = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).single().map(Value::from);
        for backend in [DbBackend::Postgres, DbBackend::Sqlite] {
            for (body, title) in [(7_i64, "Forum"), (-3, "ישיבה"), (1, "it's")] {
                let values = [Value::from(body), from.clone().unwrap_or(Value::BigInt(None)), Value::from(title)];
                let direct = backend.build(&meetings(backend, values.clone().map(Expr::val)));
                assert_eq!(inlined(&MEETINGS.statement(backend, values)), inlined(&direct), "{backend:?}");
            }
        }
    }

    #[test]
    fn only_the_parameters_are_placeholders_and_constants_are_in_the_text() {
        let from = Value::from(Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).single());
        let values = [Value::from(7_i64), from.clone(), Value::from("Forum")];
        let statement = MEETINGS.statement(DbBackend::Postgres, values);
        assert!(statement.sql.contains(r#""status" = 'HELD'"#), "{}", statement.sql);
        assert!(statement.sql.contains(r#""forum_body_id" = $4"#), "{}", statement.sql);
        let bound = statement.values.map(|v| v.0).unwrap_or_default();
        assert_eq!(bound, vec![Value::from(7_i64), from, Value::from("Forum"), Value::from(7_i64)]);
        let sqlite = MEETINGS.statement(DbBackend::Sqlite, [Value::from(7_i64), Value::from(1_i64), Value::from("F")]);
        assert_eq!(sqlite.sql.matches('?').count(), 4, "{}", sqlite.sql);
        assert!(sqlite.sql.contains(r#""status" = 'HELD'"#), "{}", sqlite.sql);
    }
}
