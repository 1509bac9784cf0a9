//! Strategic focuses, outcome metrics with their measurements, and the work plan (domain
//! §5–§7) in GraphQL.

pub mod control;
pub mod focuses;
pub mod metrics;
pub mod proposals;
pub mod tasks;
pub mod year;

use workit_domain::DomainError;
use workit_domain::plans::Quarter;
use workit_domain::validation::codes;

use crate::error::ApiResult;

/// A quarter argument (`2026-Q3`), naming the argument when it is not one.
pub fn quarter_arg(text: &str, field: &str) -> ApiResult<Quarter> {
    Quarter::parse(text).ok_or_else(|| DomainError::validation(field, codes::INVALID_QUARTER).into())
}

/// A stored quarter code as GraphQL shows it (`2026-Q3`).
pub fn quarter_text(code: Option<i32>) -> Option<String> {
    code.and_then(Quarter::from_code).map(|q| q.to_string())
}
