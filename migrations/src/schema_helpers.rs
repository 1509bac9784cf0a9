//! The column shapes every table repeats, so each migration states only what is its own.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, big_integer_null, big_pk_auto, integer, timestamp_with_time_zone};

/// A table with a 64-bit auto-increment `id` and `created_at`.
pub fn table(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .if_not_exists()
        .col(big_pk_auto("id"))
        .col(timestamp_with_time_zone("created_at"))
        .take()
}

/// A table whose rows users edit: also `updated_at` and `version` for optimistic concurrency.
pub fn editable_table(name: &'static str) -> TableCreateStatement {
    table(name).col(timestamp_with_time_zone("updated_at")).col(integer("version").default(1)).take()
}

pub fn fk_col(name: &'static str) -> ColumnDef {
    big_integer(name)
}

pub fn fk_col_null(name: &'static str) -> ColumnDef {
    big_integer_null(name)
}

/// A foreign key named after its table and column, restricting deletes by default.
pub fn fk(
    from_table: &'static str,
    column: &'static str,
    to_table: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from_table}_{column}"))
        .from(from_table, column)
        .to(to_table, "id")
        .on_delete(on_delete)
        .take()
}

/// `ix_<table>_<columns>`: the name `index` gives and `drop_index` finds.
fn index_name(table: &str, columns: &[&str]) -> String {
    format!("ix_{table}_{}", columns.join("_"))
}

pub fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(index_name(table, columns)).table(table).if_not_exists();
    for column in columns {
        statement.col(*column);
    }
    statement.take()
}

pub fn unique_index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = index(table, columns);
    statement.name(format!("ux_{table}_{}", columns.join("_"))).unique();
    statement
}

/// Drops the index `index(table, columns)` created.
pub fn drop_index(table: &'static str, columns: &[&'static str]) -> IndexDropStatement {
    Index::drop().name(index_name(table, columns)).table(table).to_owned()
}
