//! Notices that what a signed-in account may do has changed: PostgreSQL's triggers announce each
//! change to accounts, sessions, memberships, bodies and the forums' towns on one channel
//! (migration `m20261203_000016`), and every app server listens (ADR 0019).

use std::sync::Arc;

use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{DbBackend, DbErr, RuntimeErr};

use crate::{Database, StoreResult};

/// The channel the triggers announce on.
pub const CHANNEL: &str = "workit_access";

/// What listening heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// Something an account's sign-in reads changed.
    Change,
    /// The connection dropped and was made again: notices sent meanwhile are lost.
    Gap,
}

/// A connection listening on [`CHANNEL`]; it holds one of the pool's connections.
pub struct AccessChanges(PgListener);

impl AccessChanges {
    /// Starts listening; `None` on SQLite, which announces nothing.
    pub async fn listen(db: &Database) -> StoreResult<Option<Self>> {
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(None);
        }
        let mut listener = PgListener::connect_with(db.get_postgres_connection_pool()).await.map_err(driver_error)?;
        listener.listen(CHANNEL).await.map_err(driver_error)?;
        Ok(Some(Self(listener)))
    }

    /// Waits for the next notice. An error means the listener could not connect again; start a
    /// new one.
    pub async fn next(&mut self) -> StoreResult<Heard> {
        match self.0.try_recv().await.map_err(driver_error)? {
            Some(_) => Ok(Heard::Change),
            None => Ok(Heard::Gap),
        }
    }
}

fn driver_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Conn(RuntimeErr::SqlxError(Arc::new(error)))
}
