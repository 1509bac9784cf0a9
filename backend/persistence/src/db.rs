use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};
use workit_migrations::{Migrator, MigratorTrait};

use crate::StoreResult;

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
        // Checking a connection on every checkout (the default) is a round trip to the database
        // before each statement, doubling the cost of the small ones a dashboard is made of; a
        // connection that sat idle long enough to have been dropped is still checked.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
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

/// The pool size when none is configured: twice the cores on PostgreSQL, the cores plus one on
/// SQLite.
///
/// PostgreSQL serves each connection in its own process, and sqlx hands idle connections out
/// first in, first out, so every open connection takes its turn: ten of them on two cores cost
/// the control a third more database CPU per request than four (ADR 0024). Twice the cores is
/// the usual size for a pool in front of PostgreSQL; the server's cores stand in for the
/// database's, as when both run on one machine. SQLite works inside this process, one thread per
/// connection, each with its own page cache and allocator arena: more connections than cores add
/// no throughput and cost memory (the country's comparison at concurrency 16 peaked at 168 MiB
/// with ten, 86 MiB with three — docs/performance.md).
pub fn default_pool_size(url: &str) -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| u32::try_from(n.get()).unwrap_or(2));
    pool_size_for(url, cores)
}

fn pool_size_for(url: &str, cores: u32) -> u32 {
    if url.starts_with("sqlite:") { cores.saturating_add(1) } else { cores.saturating_mul(2) }
}

/// Applies pending migrations. On SQLite they run in one transaction, on one connection: the
/// migrator wraps each migration in a transaction only on PostgreSQL, and without one a
/// migration's statements go to different pooled connections, where one that still reads an
/// older snapshot of the schema fails (a column "renamed" a statement earlier is still there).
pub async fn migrate(db: &Database) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        let txn = db.begin().await?;
        Migrator::up(&txn, None).await?;
        return txn.commit().await;
    }
    Migrator::up(db, None).await
}

/// Rolls every migration back (tests and tools), on one connection on SQLite like [`migrate`].
pub async fn roll_back_all(db: &Database) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        let txn = db.begin().await?;
        Migrator::down(&txn, None).await?;
        return txn.commit().await;
    }
    Migrator::down(db, None).await
}

/// `read` when `wanted`, nothing otherwise: an optional part of a page, awaited together with the
/// page's other reads (`futures::try_join!`, ADR 0018). A future does nothing until awaited, so a
/// part not wanted costs no statement. A wanted read waits on the heap: a page's parts nest
/// several reads deep, and held inline they outgrew a runtime thread's stack in a debug build.
pub fn read_if<F, T>(wanted: bool, read: F) -> impl Future<Output = StoreResult<Option<T>>>
where
    F: Future<Output = StoreResult<T>>,
{
    let read = wanted.then(|| Box::pin(read));
    async move {
        match read {
            Some(read) => read.await.map(Some),
            None => Ok(None),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::pool_size_for;

    #[test]
    fn postgresql_pools_twice_the_cores_and_sqlite_one_more_than_the_cores() {
        assert_eq!(pool_size_for("postgres://app@db/workit", 2), 4);
        assert_eq!(pool_size_for("postgres://app@db/workit", 1), 2);
        assert_eq!(pool_size_for("postgres://app@db/workit", 16), 32);
        assert_eq!(pool_size_for("sqlite://./data/workit.db", 2), 3);
        assert_eq!(pool_size_for("sqlite:workit.db", 8), 9);
    }
}
