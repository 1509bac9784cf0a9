//! The foundation schema: the directory, forums and their bodies, plans and metrics, meetings,
//! stakeholders, accounts and sessions, and the audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, fk_col_null, index, table, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const RESTRICT: ForeignKeyAction = ForeignKeyAction::Restrict;
const CASCADE: ForeignKeyAction = ForeignKeyAction::Cascade;
const SET_NULL: ForeignKeyAction = ForeignKeyAction::SetNull;

/// Tables in creation order (parents first); dropped in reverse.
const TABLES: &[&str] = &[
    "regions",
    "towns",
    "organisations",
    "people",
    "labour_offices",
    "users",
    "sessions",
    "refresh_tokens",
    "forums",
    "strategic_focuses",
    "bodies",
    "memberships",
    "outcome_metrics",
    "measurements",
    "work_plan_tasks",
    "meetings",
    "agenda_items",
    "attendance",
    "decisions",
    "stakeholder_positions",
    "audit_log",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for statement in tables() {
            manager.create_table(statement).await?;
        }
        for statement in indexes() {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in TABLES.iter().rev() {
            manager.drop_table(Table::drop().table(*name).if_exists().take()).await?;
        }
        Ok(())
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        editable_table("regions")
            .col(string_len_uniq("code", 32))
            .col(string_len("name_he", 100))
            .col(string_len("name_en", 100))
            .take(),
        editable_table("towns")
            .col(fk_col("region_id"))
            .col(string_len("name_he", 100))
            .col(string_len("name_en", 100))
            .col(big_integer_null("population"))
            .col(integer_null("socio_economic_cluster"))
            .col(timestamp_with_time_zone_null("archived_at"))
            .foreign_key(&mut fk("towns", "region_id", "regions", RESTRICT))
            .take(),
        editable_table("organisations")
            .col(fk_col("town_id"))
            .col(string_len("name", 200))
            .col(string_len("sector", 32))
            .col(string_len_null("website", 2000))
            .col(text_null("notes"))
            .col(timestamp_with_time_zone_null("archived_at"))
            .foreign_key(&mut fk("organisations", "town_id", "towns", RESTRICT))
            .take(),
        editable_table("people")
            .col(fk_col("town_id"))
            .col(fk_col_null("organisation_id"))
            .col(string_len("full_name", 200))
            .col(string_len_null("job_title", 200))
            .col(string_len_null("seniority", 16))
            .col(string_len_null("email", 254))
            .col(string_len_null("phone", 32))
            .col(timestamp_with_time_zone_null("archived_at"))
            .foreign_key(&mut fk("people", "town_id", "towns", RESTRICT))
            .foreign_key(&mut fk("people", "organisation_id", "organisations", SET_NULL))
            .take(),
        editable_table("labour_offices")
            .col(fk_col("town_id"))
            .col(string_len("name", 200))
            .col(string_len_null("address", 300))
            .col(fk_col_null("manager_person_id"))
            .foreign_key(&mut fk("labour_offices", "town_id", "towns", RESTRICT))
            .foreign_key(&mut fk("labour_offices", "manager_person_id", "people", SET_NULL))
            .take(),
        editable_table("users")
            .col(string_len_uniq("email", 254))
            .col(string_len("display_name", 200))
            .col(string_len("password_hash", 200))
            .col(string_len("system_role", 32))
            .col(fk_col_null("region_id"))
            .col(fk_col_null("person_id"))
            .col(string_len("locale", 8).default("he"))
            .col(timestamp_with_time_zone_null("disabled_at"))
            .foreign_key(&mut fk("users", "region_id", "regions", RESTRICT))
            .foreign_key(&mut fk("users", "person_id", "people", SET_NULL))
            .take(),
        // One row per sign-in; access tokens name it, so revoking it signs out at once.
        table("sessions")
            .col(fk_col("user_id"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .foreign_key(&mut fk("sessions", "user_id", "users", CASCADE))
            .take(),
        table("refresh_tokens")
            .col(fk_col("session_id"))
            .col(string_len_uniq("token_hash", 64))
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .foreign_key(&mut fk("refresh_tokens", "session_id", "sessions", CASCADE))
            .take(),
        editable_table("forums")
            .col(big_integer_uniq("town_id"))
            .col(string_len("stage", 32))
            .col(timestamp_with_time_zone_null("stage_changed_at"))
            .foreign_key(&mut fk("forums", "town_id", "towns", RESTRICT))
            .take(),
        editable_table("strategic_focuses")
            .col(fk_col("forum_id"))
            .col(string_len("kind", 32))
            .col(string_len("title", 200))
            .col(text_null("description"))
            .foreign_key(&mut fk("strategic_focuses", "forum_id", "forums", RESTRICT))
            .take(),
        editable_table("bodies")
            .col(fk_col("forum_id"))
            .col(string_len("kind", 32))
            .col(string_len("name", 200))
            .col(fk_col_null("focus_id"))
            .col(fk_col_null("lead_person_id"))
            .col(date_null("starts_on"))
            .col(date_null("ends_on"))
            .col(timestamp_with_time_zone_null("archived_at"))
            .foreign_key(&mut fk("bodies", "forum_id", "forums", RESTRICT))
            .foreign_key(&mut fk("bodies", "focus_id", "strategic_focuses", SET_NULL))
            .foreign_key(&mut fk("bodies", "lead_person_id", "people", SET_NULL))
            .take(),
        editable_table("memberships")
            .col(fk_col("body_id"))
            .col(fk_col("person_id"))
            .col(string_len("role", 32))
            .col(date("joined_on"))
            .col(date_null("left_on"))
            .foreign_key(&mut fk("memberships", "body_id", "bodies", RESTRICT))
            .foreign_key(&mut fk("memberships", "person_id", "people", RESTRICT))
            .take(),
        editable_table("outcome_metrics")
            .col(fk_col("focus_id"))
            .col(string_len("name", 200))
            .col(string_len_null("unit", 50))
            .col(boolean("is_outcome").default(true))
            .col(double_null("baseline"))
            .col(double_null("target"))
            .col(date_null("target_on"))
            .foreign_key(&mut fk("outcome_metrics", "focus_id", "strategic_focuses", RESTRICT))
            .take(),
        editable_table("measurements")
            .col(fk_col("metric_id"))
            .col(integer("year"))
            .col(integer("quarter"))
            .col(double("value"))
            .col(text_null("note"))
            .foreign_key(&mut fk("measurements", "metric_id", "outcome_metrics", CASCADE))
            .take(),
        editable_table("work_plan_tasks")
            .col(fk_col("forum_id"))
            .col(fk_col_null("focus_id"))
            .col(fk_col_null("body_id"))
            .col(string_len("title", 300))
            .col(fk_col_null("owner_person_id"))
            .col(text_null("partners"))
            .col(date_null("due_on"))
            .col(text_null("resources"))
            .col(text_null("expected_product"))
            .col(text_null("success_measure"))
            .col(string_len("status", 32))
            .foreign_key(&mut fk("work_plan_tasks", "forum_id", "forums", RESTRICT))
            .foreign_key(&mut fk("work_plan_tasks", "focus_id", "strategic_focuses", SET_NULL))
            .foreign_key(&mut fk("work_plan_tasks", "body_id", "bodies", SET_NULL))
            .foreign_key(&mut fk("work_plan_tasks", "owner_person_id", "people", SET_NULL))
            .take(),
        editable_table("meetings")
            .col(fk_col("body_id"))
            .col(string_len("title", 300))
            .col(timestamp_with_time_zone("starts_at"))
            .col(integer("duration_minutes"))
            .col(string_len_null("place", 300))
            .col(string_len_null("online_url", 2000))
            .col(text_null("goal"))
            .col(text_null("course"))
            .col(text_null("method"))
            .col(text_null("product"))
            .col(string_len("status", 32))
            .foreign_key(&mut fk("meetings", "body_id", "bodies", RESTRICT))
            .take(),
        editable_table("agenda_items")
            .col(fk_col("meeting_id"))
            .col(integer("position"))
            .col(string_len("title", 300))
            .col(string_len("kind", 32))
            .col(integer("minutes"))
            .col(string_len_null("presenter", 200))
            .foreign_key(&mut fk("agenda_items", "meeting_id", "meetings", CASCADE))
            .take(),
        editable_table("attendance")
            .col(fk_col("meeting_id"))
            .col(fk_col("person_id"))
            .col(string_len("status", 32))
            .foreign_key(&mut fk("attendance", "meeting_id", "meetings", CASCADE))
            .foreign_key(&mut fk("attendance", "person_id", "people", RESTRICT))
            .take(),
        editable_table("decisions")
            .col(fk_col("meeting_id"))
            .col(fk_col_null("agenda_item_id"))
            .col(text("text"))
            .col(fk_col_null("owner_person_id"))
            .col(date_null("due_on"))
            .col(string_len("status", 32))
            .foreign_key(&mut fk("decisions", "meeting_id", "meetings", CASCADE))
            .foreign_key(&mut fk("decisions", "agenda_item_id", "agenda_items", SET_NULL))
            .foreign_key(&mut fk("decisions", "owner_person_id", "people", SET_NULL))
            .take(),
        editable_table("stakeholder_positions")
            .col(fk_col("forum_id"))
            .col(fk_col("organisation_id"))
            .col(integer("influence"))
            .col(integer("interest"))
            .col(text_null("note"))
            .foreign_key(&mut fk("stakeholder_positions", "forum_id", "forums", RESTRICT))
            .foreign_key(&mut fk("stakeholder_positions", "organisation_id", "organisations", RESTRICT))
            .take(),
        // Append-only; `user_id` stays when the account is deleted so the trail survives.
        table("audit_log")
            .col(big_integer_null("user_id"))
            .col(string_len("action", 64))
            .col(string_len("entity", 64))
            .col(big_integer_null("entity_id"))
            .col(text_null("details"))
            .take(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("towns", &["region_id"]),
        index("organisations", &["town_id"]),
        index("people", &["town_id"]),
        index("people", &["organisation_id"]),
        index("labour_offices", &["town_id"]),
        index("users", &["person_id"]),
        index("sessions", &["user_id"]),
        index("refresh_tokens", &["session_id"]),
        index("strategic_focuses", &["forum_id"]),
        index("bodies", &["forum_id"]),
        index("memberships", &["body_id"]),
        index("memberships", &["person_id"]),
        index("outcome_metrics", &["focus_id"]),
        unique_index("measurements", &["metric_id", "year", "quarter"]),
        index("work_plan_tasks", &["forum_id"]),
        index("meetings", &["body_id", "starts_at"]),
        index("agenda_items", &["meeting_id"]),
        unique_index("attendance", &["meeting_id", "person_id"]),
        index("decisions", &["meeting_id"]),
        unique_index("stakeholder_positions", &["forum_id", "organisation_id"]),
        index("audit_log", &["entity", "entity_id"]),
        index("audit_log", &["created_at"]),
    ]
}
