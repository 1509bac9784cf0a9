use crate::validation::FieldError;

/// The stable codes every client may rely on (`extensions.code` in GraphQL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    NotFound,
    Validation,
    Conflict,
    Internal,
}

impl ErrorCode {
    pub const ALL: [Self; 6] =
        [Self::Unauthenticated, Self::Forbidden, Self::NotFound, Self::Validation, Self::Conflict, Self::Internal];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Validation => "VALIDATION",
            Self::Conflict => "CONFLICT",
            Self::Internal => "INTERNAL",
        }
    }
}

/// Why a request is not authenticated; the UI words its message from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    /// No credentials were sent.
    Missing,
    /// Wrong e-mail or password (never says which).
    BadCredentials,
    /// The token is malformed, tampered with, of another algorithm, or not for us.
    InvalidToken,
    /// The token was valid once but its time is up.
    Expired,
    /// The session was signed out or revoked (for example after refresh-token reuse).
    Revoked,
    /// Too many attempts; retry after the given number of seconds.
    RateLimited { retry_after_secs: u64 },
}

impl AuthFailure {
    /// Every `reason` an `UNAUTHENTICATED` error may carry.
    pub const REASONS: &[&str] = &["MISSING", "BAD_CREDENTIALS", "INVALID_TOKEN", "EXPIRED", "REVOKED", "RATE_LIMITED"];

    pub const fn reason(self) -> &'static str {
        match self {
            Self::Missing => "MISSING",
            Self::BadCredentials => "BAD_CREDENTIALS",
            Self::InvalidToken => "INVALID_TOKEN",
            Self::Expired => "EXPIRED",
            Self::Revoked => "REVOKED",
            Self::RateLimited { .. } => "RATE_LIMITED",
        }
    }
}

/// The one error type of the domain layer. Transport-free: the API maps it to GraphQL.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    #[error("not authenticated ({})", .0.reason())]
    Unauthenticated(AuthFailure),
    #[error("forbidden")]
    Forbidden,
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// The row changed since the client read it (optimistic concurrency) or a uniqueness rule
    /// would be broken. `current_version` is set for stale updates so a client can reload.
    #[error("{entity} conflict")]
    Conflict { entity: &'static str, current_version: Option<i32>, field: Option<FieldError> },
    /// Anything unexpected. The message is for logs only and never reaches a client.
    #[error("internal error: {0}")]
    Internal(String),
}

impl DomainError {
    pub const fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Validation(_) => ErrorCode::Validation,
            Self::Conflict { .. } => ErrorCode::Conflict,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn validation(field: &str, code: &'static str) -> Self {
        Self::Validation(vec![FieldError::new(field, code)])
    }

    pub fn stale(entity: &'static str, current_version: i32) -> Self {
        Self::Conflict { entity, current_version: Some(current_version), field: None }
    }
}

pub type DomainResult<T> = Result<T, DomainError>;
