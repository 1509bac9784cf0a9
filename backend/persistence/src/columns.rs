//! Column values read straight from the driver's row, by position.
//!
//! sea-orm's `try_get` asks sqlx to check each value's type against the column's (for text,
//! against a list of types, one of them compared by name) and, reading a NULL into an `Option`,
//! formats an error message that the `Option` then throws away. On the meetings page those two
//! were about a tenth of the server's instructions (docs/performance.md, 2026-12-04). The
//! statements read here are the crate's own, their columns typed by the entities and the tests
//! read every entity on both databases, so the check buys nothing a test does not: a value of
//! another type still fails to decode, with the driver's error.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sqlx::postgres::Postgres;
use sea_orm::sqlx::sqlite::Sqlite;
use sea_orm::sqlx::{self, Row, ValueRef};
use sea_orm::{DbErr, QueryResult};
use workit_domain::TextEnum;

use crate::stored::Stored;

/// A value of one column of an entity (`entity!` reads a model's columns with it).
pub(crate) trait ColumnValue: Sized {
    fn read(row: &QueryResult, at: usize) -> Result<Self, DbErr>;
}

/// Implements [`ColumnValue`] for types sqlx decodes itself on both databases.
macro_rules! decoded {
    ($($type:ty),*) => {$(
        impl ColumnValue for $type {
            fn read(row: &QueryResult, at: usize) -> Result<Self, DbErr> {
                decode::<$type>(row, at)
            }
        }
    )*};
}

decoded!(i64, i32, f64, bool, String, DateTime<Utc>, NaiveDate);

/// The value at `at`, decoded by sqlx for the row's database; a borrowed type (`&str`) borrows
/// from the row.
fn decode<'r, T>(row: &'r QueryResult, at: usize) -> Result<T, DbErr>
where
    T: sqlx::Decode<'r, Postgres> + sqlx::Type<Postgres> + sqlx::Decode<'r, Sqlite> + sqlx::Type<Sqlite>,
{
    let decoded = if let Some(row) = row.try_as_pg_row() {
        row.try_get_unchecked::<T, _>(at)
    } else if let Some(row) = row.try_as_sqlite_row() {
        row.try_get_unchecked::<T, _>(at)
    } else {
        return Err(not_sqlx());
    };
    decoded.map_err(|e| column_error(at, &e))
}

/// A domain enum's text, parsed without copying it out of the row.
impl<T: TextEnum> ColumnValue for Stored<T> {
    fn read(row: &QueryResult, at: usize) -> Result<Self, DbErr> {
        let text = decode::<&str>(row, at)?;
        T::parse(text).map(Stored).ok_or_else(|| DbErr::Type(format!("stored {} {text:?} names no value", T::NAME)))
    }
}

/// NULL reads as `None`, checked on the raw value before anything is decoded.
impl<T: ColumnValue> ColumnValue for Option<T> {
    fn read(row: &QueryResult, at: usize) -> Result<Self, DbErr> {
        let null = if let Some(row) = row.try_as_pg_row() {
            row.try_get_raw(at).map(|value| value.is_null())
        } else if let Some(row) = row.try_as_sqlite_row() {
            row.try_get_raw(at).map(|value| value.is_null())
        } else {
            return Err(not_sqlx());
        };
        if null.map_err(|e| column_error(at, &e))? { Ok(None) } else { T::read(row, at).map(Some) }
    }
}

fn column_error(at: usize, error: &dyn std::fmt::Display) -> DbErr {
    DbErr::Type(format!("column {at}: {error}"))
}

fn not_sqlx() -> DbErr {
    DbErr::Type("a row from neither PostgreSQL nor SQLite".to_owned())
}
