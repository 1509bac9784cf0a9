//! Notices that what a signed-in account may do has changed: PostgreSQL's triggers announce each
//! change to accounts, sessions, memberships, bodies and the forums' towns on one channel
//! (migration `m20261203_000016`), and every app server listens (ADR 0019).

use std::sync::Arc;

use sea_orm::sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sea_orm::{DbBackend, DbErr, RuntimeErr};

use crate::{Database, StoreResult};

/// A connection listening on the triggers' channel. It is its own, not the pool's: held for as
/// long as the server runs, a pooled one would leave requests a connection short and make the
/// first request after a start open a new one.
pub struct AccessChanges(PgListener);

impl AccessChanges {
    /// Starts listening; `None` on SQLite, which announces nothing.
    pub async fn listen(db: &Database) -> StoreResult<Option<Self>> {
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(None);
        }
        // A pool of one without timeouts, as `PgListener::connect` makes from a URL: the listener
        // reconnects through it.
        let options = PgConnectOptions::clone(&db.get_postgres_connection_pool().connect_options());
        let own =
            PgPoolOptions::new().max_connections(1).max_lifetime(None).idle_timeout(None).connect_lazy_with(options);
        let mut listener = PgListener::connect_with(&own).await.map_err(driver_error)?;
        listener.listen(workit_migrations::ACCESS_CHANGES_CHANNEL).await.map_err(driver_error)?;
        Ok(Some(Self(listener)))
    }

    /// Waits until something a signed-in account was read from may have changed: a notice, or
    /// a gap in which notices were lost (the connection dropped and was made again). An error
    /// means the listener could not connect again; start a new one.
    pub async fn next(&mut self) -> StoreResult<()> {
        self.0.try_recv().await.map_err(driver_error)?;
        Ok(())
    }
}

fn driver_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Conn(RuntimeErr::SqlxError(Arc::new(error)))
}
