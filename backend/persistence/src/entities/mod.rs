//! sea-orm entities, one per table of `migrations/`. Relations are resolved by the
//! repositories with explicit batched queries, so no `Related` impls are needed.

pub mod regions;
pub mod towns;
pub mod organisations;
pub mod people;
pub mod labour_offices;
pub mod users;
pub mod sessions;
pub mod refresh_tokens;
pub mod forums;
pub mod strategic_focuses;
pub mod bodies;
pub mod memberships;
pub mod outcome_metrics;
pub mod measurements;
pub mod work_plan_tasks;
pub mod meetings;
pub mod agenda_items;
pub mod attendance;
pub mod decisions;
pub mod stakeholder_positions;
pub mod audit_log;
