//! PostgreSQL announces every change to what a signed-in account may do on the channel
//! `workit_access`, so app servers that keep signed-in accounts in memory drop them (ADR 0019).
//! SQLite has no such channel, and its servers keep nothing: the migration does nothing there.
//!
//! The triggers fire once per statement, after it, on the rows sign-in reads
//! (`accounts::load_signed_in`): accounts, sessions, memberships, the bodies they belong to and
//! the forums' towns. PostgreSQL delivers a notice when its transaction commits, and folds
//! repeated notices of one transaction into one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The channel the triggers announce on, and app servers listen to.
pub const CHANNEL: &str = "workit_access";

/// Each table and the changes to it that can change what an account already signed in may do.
/// A new account or session is not yet kept by anyone; a new body or forum has no members yet.
const WATCHED: [(&str, &str); 5] = [
    ("users", "UPDATE OR DELETE OR TRUNCATE"),
    ("sessions", "UPDATE OR DELETE OR TRUNCATE"),
    ("memberships", "INSERT OR UPDATE OR DELETE OR TRUNCATE"),
    ("bodies", "UPDATE OF forum_id, archived_at OR DELETE OR TRUNCATE"),
    ("forums", "UPDATE OF town_id OR DELETE OR TRUNCATE"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "CREATE FUNCTION workit_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$"
        ))
        .await?;
        for (table, events) in WATCHED {
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {table}_access_changed AFTER {events} ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION workit_access_changed()"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for (table, _) in WATCHED {
            db.execute_unprepared(&format!("DROP TRIGGER {table}_access_changed ON {table}")).await?;
        }
        db.execute_unprepared("DROP FUNCTION workit_access_changed()").await?;
        Ok(())
    }
}
