//! The stakeholder map made real: a stakeholder (an organisation or a person) on a forum's map
//! with its engagement plan, every move it made, its contacts log, the organisations' mapping
//! questionnaire and the forum's SWOT versions.
//!
//! Positions move to tenths of the 1–5 scale (ADR 0009): the stored whole numbers 1–5 become
//! 10–50, so existing maps keep their meaning. `stakeholder_positions` is replaced, since a
//! person may now be placed (its organisation column was not nullable) and every placement gets
//! its first move, dated when it was made.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, fk_col_null, index, table, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CASCADE: ForeignKeyAction = ForeignKeyAction::Cascade;
const RESTRICT: ForeignKeyAction = ForeignKeyAction::Restrict;
const SET_NULL: ForeignKeyAction = ForeignKeyAction::SetNull;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                editable_table("stakeholders")
                    .col(fk_col("forum_id"))
                    .col(fk_col_null("organisation_id"))
                    .col(fk_col_null("person_id"))
                    .col(integer("influence_tenths"))
                    .col(integer("interest_tenths"))
                    .col(text_null("note"))
                    .col(text_null("next_step"))
                    .col(fk_col_null("next_step_owner_id"))
                    .col(date_null("next_step_due_on"))
                    .col(string_len("next_step_status", 16).default("PLANNED"))
                    .foreign_key(&mut fk("stakeholders", "forum_id", "forums", CASCADE))
                    .foreign_key(&mut fk("stakeholders", "organisation_id", "organisations", RESTRICT))
                    .foreign_key(&mut fk("stakeholders", "person_id", "people", RESTRICT))
                    .foreign_key(&mut fk("stakeholders", "next_step_owner_id", "people", SET_NULL))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                table("stakeholder_moves")
                    .col(fk_col("stakeholder_id"))
                    .col(integer("influence_tenths"))
                    .col(integer("interest_tenths"))
                    .col(text_null("reason"))
                    .col(fk_col_null("moved_by"))
                    .foreign_key(&mut fk("stakeholder_moves", "stakeholder_id", "stakeholders", CASCADE))
                    .foreign_key(&mut fk("stakeholder_moves", "moved_by", "users", SET_NULL))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                table("stakeholder_interactions")
                    .col(fk_col("stakeholder_id"))
                    .col(string_len("kind", 16))
                    .col(date("occurred_on"))
                    .col(text_null("note"))
                    .col(fk_col_null("meeting_id"))
                    .col(fk_col_null("body_id"))
                    .col(fk_col_null("recorded_by"))
                    .foreign_key(&mut fk("stakeholder_interactions", "stakeholder_id", "stakeholders", CASCADE))
                    .foreign_key(&mut fk("stakeholder_interactions", "meeting_id", "meetings", SET_NULL))
                    .foreign_key(&mut fk("stakeholder_interactions", "body_id", "bodies", SET_NULL))
                    .foreign_key(&mut fk("stakeholder_interactions", "recorded_by", "users", SET_NULL))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                editable_table("organisation_mappings")
                    .col(fk_col("forum_id"))
                    .col(fk_col("organisation_id"))
                    .col(text("answers"))
                    .foreign_key(&mut fk("organisation_mappings", "forum_id", "forums", CASCADE))
                    .foreign_key(&mut fk("organisation_mappings", "organisation_id", "organisations", RESTRICT))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                table("swot_versions")
                    .col(fk_col("forum_id"))
                    .col(integer("version"))
                    .col(text("content"))
                    .col(fk_col_null("meeting_id"))
                    .col(fk_col_null("created_by"))
                    .foreign_key(&mut fk("swot_versions", "forum_id", "forums", CASCADE))
                    .foreign_key(&mut fk("swot_versions", "meeting_id", "meetings", SET_NULL))
                    .foreign_key(&mut fk("swot_versions", "created_by", "users", SET_NULL))
                    .take(),
            )
            .await?;
        for statement in [
            // One place per organisation and per person on a map (SQL lets NULLs repeat).
            unique_index("stakeholders", &["forum_id", "organisation_id"]),
            unique_index("stakeholders", &["forum_id", "person_id"]),
            index("stakeholders", &["next_step_owner_id"]),
            index("stakeholder_moves", &["stakeholder_id", "created_at"]),
            index("stakeholder_interactions", &["stakeholder_id", "occurred_on"]),
            unique_index("organisation_mappings", &["forum_id", "organisation_id"]),
            unique_index("swot_versions", &["forum_id", "version"]),
        ] {
            manager.create_index(statement).await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO stakeholders (id, created_at, updated_at, version, forum_id, organisation_id, \
             influence_tenths, interest_tenths, note, next_step_status) \
             SELECT id, created_at, updated_at, version, forum_id, organisation_id, influence * 10, interest * 10, \
             note, 'PLANNED' FROM stakeholder_positions",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO stakeholder_moves (created_at, stakeholder_id, influence_tenths, interest_tenths) \
             SELECT created_at, id, influence_tenths, interest_tenths FROM stakeholders",
        )
        .await?;
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            // Rows were copied with their ids: move the sequence past them.
            db.execute_unprepared(
                "SELECT setval(pg_get_serial_sequence('stakeholders', 'id'), COALESCE(MAX(id), 0) + 1, false) \
                 FROM stakeholders",
            )
            .await?;
        }
        manager.drop_table(Table::drop().table("stakeholder_positions").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                editable_table("stakeholder_positions")
                    .col(fk_col("forum_id"))
                    .col(fk_col("organisation_id"))
                    .col(integer("influence"))
                    .col(integer("interest"))
                    .col(text_null("note"))
                    .foreign_key(&mut fk("stakeholder_positions", "forum_id", "forums", RESTRICT))
                    .foreign_key(&mut fk("stakeholder_positions", "organisation_id", "organisations", RESTRICT))
                    .take(),
            )
            .await?;
        manager.create_index(unique_index("stakeholder_positions", &["forum_id", "organisation_id"])).await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO stakeholder_positions (id, created_at, updated_at, version, forum_id, organisation_id, \
                 influence, interest, note) SELECT id, created_at, updated_at, version, forum_id, organisation_id, \
                 (influence_tenths + 5) / 10, (interest_tenths + 5) / 10, note FROM stakeholders \
                 WHERE organisation_id IS NOT NULL",
            )
            .await?;
        for name in
            ["swot_versions", "organisation_mappings", "stakeholder_interactions", "stakeholder_moves", "stakeholders"]
        {
            manager.drop_table(Table::drop().table(name).to_owned()).await?;
        }
        Ok(())
    }
}
