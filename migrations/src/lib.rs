//! Schema migrations of WORKIT Hub: one database-neutral set, run on SQLite and PostgreSQL.
//! See `migrations/README.md` for the rules of writing one.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_initial;
mod m20261123_000002_forum_lifecycle;
mod m20261123_000003_meeting_plans;
mod m20261123_000004_action_items;
mod m20261123_000005_calendar_feeds;
mod m20261123_000006_minutes_and_mail;
mod m20261130_000007_accounts;
mod m20261201_000008_plans_and_metrics;
mod m20261201_000009_quarterly_controls;
mod m20261201_000010_control_to_plan;
mod m20261201_000011_town_indicators;
mod m20261201_000012_stakeholder_map;
mod m20261201_000013_employers_barriers_participation;
mod m20261201_000014_weekly_digest;
mod m20261202_000015_arabic_place_names;
mod m20261203_000016_access_change_notices;
mod m20261204_000017_foreign_key_indexes;
mod schema_helpers;

pub use m20261203_000016_access_change_notices::CHANNEL as ACCESS_CHANGES_CHANNEL;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_initial::Migration),
            Box::new(m20261123_000002_forum_lifecycle::Migration),
            Box::new(m20261123_000003_meeting_plans::Migration),
            Box::new(m20261123_000004_action_items::Migration),
            Box::new(m20261123_000005_calendar_feeds::Migration),
            Box::new(m20261123_000006_minutes_and_mail::Migration),
            Box::new(m20261130_000007_accounts::Migration),
            Box::new(m20261201_000008_plans_and_metrics::Migration),
            Box::new(m20261201_000009_quarterly_controls::Migration),
            Box::new(m20261201_000010_control_to_plan::Migration),
            Box::new(m20261201_000011_town_indicators::Migration),
            Box::new(m20261201_000012_stakeholder_map::Migration),
            Box::new(m20261201_000013_employers_barriers_participation::Migration),
            Box::new(m20261201_000014_weekly_digest::Migration),
            Box::new(m20261202_000015_arabic_place_names::Migration),
            Box::new(m20261203_000016_access_change_notices::Migration),
            Box::new(m20261204_000017_foreign_key_indexes::Migration),
        ]
    }
}
