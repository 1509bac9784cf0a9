use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use workit_migrations::{Migrator, MigratorTrait};

pub type Database = DatabaseConnection;

/// Opens the database named by `url` (`sqlite://path` or `postgres://…`).
///
/// SQLite runs in WAL mode with foreign keys enforced and a busy timeout, so concurrent requests
/// wait instead of failing and a committed write survives the process being killed.
pub async fn connect(url: &str, max_connections: u32) -> Result<Database, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    sea_orm::Database::connect(options).await
}

pub async fn migrate(db: &Database) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether the database can answer a trivial query (readiness probe).
pub async fn ping(db: &Database) -> bool {
    db.execute_raw(Statement::from_string(db.get_database_backend(), "SELECT 1")).await.is_ok()
}

pub fn engine_name(db: &Database) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        _ => "other",
    }
}
