//! Minutes with an approval workflow, the e-mail outbox, and towns' own meeting templates.
//!
//! Minutes are versioned rows, never edited in place once approved: a correction is a new
//! version with its reason, so every approved text stays readable.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, index, table, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CASCADE: ForeignKeyAction = ForeignKeyAction::Cascade;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                editable_table("minutes_versions")
                    .col(fk_col("meeting_id"))
                    .col(integer("number"))
                    .col(string_len("status", 32))
                    .col(date_null("comment_deadline"))
                    .col(timestamp_with_time_zone_null("circulated_at"))
                    .col(timestamp_with_time_zone_null("approved_at"))
                    .col(big_integer_null("approved_by"))
                    .col(text_null("correction_reason"))
                    .col(big_integer_null("created_by"))
                    .foreign_key(&mut fk("minutes_versions", "meeting_id", "meetings", CASCADE))
                    .take(),
            )
            .await?;
        manager.create_index(unique_index("minutes_versions", &["meeting_id", "number"])).await?;
        manager
            .create_table(
                editable_table("minutes_sections")
                    .col(fk_col("minutes_version_id"))
                    .col(integer("position"))
                    .col(string_len("title", 300))
                    .col(text("notes").default(""))
                    .foreign_key(&mut fk("minutes_sections", "minutes_version_id", "minutes_versions", CASCADE))
                    .take(),
            )
            .await?;
        manager.create_index(index("minutes_sections", &["minutes_version_id"])).await?;
        manager
            .create_table(
                table("minutes_comments")
                    .col(fk_col("section_id"))
                    .col(big_integer("author_user_id"))
                    .col(string_len("author_name", 200))
                    .col(text("body"))
                    .foreign_key(&mut fk("minutes_comments", "section_id", "minutes_sections", CASCADE))
                    .take(),
            )
            .await?;
        manager.create_index(index("minutes_comments", &["section_id"])).await?;
        manager
            .create_table(
                table("outbox_emails")
                    .col(fk_col("meeting_id"))
                    .col(string_len("kind", 32))
                    .col(string_len("to_email", 320))
                    .col(string_len("to_name", 200))
                    .col(string_len("subject", 300))
                    .col(text("body"))
                    .col(timestamp_with_time_zone_null("claimed_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(integer("attempts").default(0))
                    .col(text_null("last_error"))
                    .foreign_key(&mut fk("outbox_emails", "meeting_id", "meetings", CASCADE))
                    .take(),
            )
            .await?;
        manager.create_index(index("outbox_emails", &["meeting_id"])).await?;
        manager.create_index(index("outbox_emails", &["sent_at"])).await?;
        manager
            .create_table(
                editable_table("meeting_templates")
                    .col(fk_col("town_id"))
                    .col(string_len("body_kind", 32))
                    .col(string_len("title", 300))
                    .col(text_null("goal"))
                    .col(text_null("product"))
                    .col(integer("duration_minutes"))
                    .col(text("items"))
                    .col(timestamp_with_time_zone_null("archived_at"))
                    .foreign_key(&mut fk("meeting_templates", "town_id", "towns", CASCADE))
                    .take(),
            )
            .await?;
        manager.create_index(index("meeting_templates", &["town_id"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["meeting_templates", "outbox_emails", "minutes_comments", "minutes_sections", "minutes_versions"] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        Ok(())
    }
}
