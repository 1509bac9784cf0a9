//! sea-orm entities, one per table of `migrations/`. Relations are resolved by the
//! repositories with explicit batched queries, so no `Related` impls are needed.

pub mod account_tokens;
pub mod agenda_items;
pub mod attendance;
pub mod audit_log;
pub mod bodies;
pub mod decisions;
pub mod forum_stage_changes;
pub mod forums;
pub mod labour_offices;
pub mod measurements;
pub mod meeting_events;
pub mod meeting_templates;
pub mod meetings;
pub mod memberships;
pub mod milestones;
pub mod minutes_comments;
pub mod minutes_sections;
pub mod minutes_versions;
pub mod organisations;
pub mod outbox_emails;
pub mod outcome_metrics;
pub mod people;
pub mod refresh_tokens;
pub mod regions;
pub mod sessions;
pub mod stakeholder_positions;
pub mod strategic_focuses;
pub mod towns;
pub mod users;
pub mod work_plan_tasks;
