//! Domain rules of WORKIT Hub.
//!
//! Pure code: no I/O, no clock, no web or database types. Every rule the product enforces on
//! user input or on who may do what lives here and is unit-tested here; the persistence and API
//! layers call it and translate its [`DomainError`] into their own transport.

pub mod access;
pub mod accounts;
pub mod barriers;
pub mod directory;
pub mod error;
pub mod forums;
pub mod import;
pub mod links;
pub mod meetings;
pub mod participation;
pub mod plans;
pub mod regions;
pub mod stakeholders;
pub mod surveys;
pub mod text_enum;
pub mod towns;
pub mod validation;
pub mod wording;

pub use access::{Action, Actor, Scope, SystemRole, TownRole};
pub use error::{AuthFailure, DomainError, DomainResult, ErrorCode};
pub use text_enum::TextEnum;
pub use validation::{FieldError, Validator};

/// Identifiers are database-assigned 64-bit integers; the aliases say which table they point at.
pub type RegionId = i64;
pub type TownId = i64;
pub type ForumId = i64;
pub type BodyId = i64;
pub type PersonId = i64;
pub type OrganisationId = i64;
pub type UserId = i64;
