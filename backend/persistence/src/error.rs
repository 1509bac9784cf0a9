use sea_orm::{DbErr, SqlErr};
use workit_domain::DomainError;

/// The persistence layer's error: a rule the domain refused, or the database failing.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// Never shown to a client: the API logs it and answers `INTERNAL`.
    #[error("database error: {0}")]
    Database(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(error: DbErr) -> Self {
        // A unique index refusing a row is the user's conflict, not our failure.
        if let Some(SqlErr::UniqueConstraintViolation(_)) = error.sql_err() {
            return Self::Domain(DomainError::Conflict { entity: "row", current_version: None, field: None });
        }
        Self::Database(error)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
