//! Storage of WORKIT Hub over SQLite (embedded default) and PostgreSQL (production).
//!
//! Every read that returns town data takes the [`Actor`](workit_domain::Actor) and filters by
//! what it may see; every write takes the time (`now`) from its caller. Writes of editable rows
//! check `version` (optimistic concurrency) and leave an audit record in the same transaction.

pub mod accounts;
pub mod audit;
pub mod barriers;
mod columns;
pub mod db;
pub mod demo;
pub mod directory;
pub mod entities;
pub mod error;
pub mod forums;
mod joined;
pub mod meetings;
pub mod page;
pub mod participation;
pub mod plans;
pub mod regions;
mod room;
pub mod scope;
pub mod stakeholders;
pub mod stored;
pub mod surveys;
mod template;
pub mod towns;
mod versioned;

pub use db::{Database, connect, migrate};
pub use error::{StoreError, StoreResult};
pub use joined::{AllByPosition, FromColumnsAt};
pub use page::{Page, PageRequest};
