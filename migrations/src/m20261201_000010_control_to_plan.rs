//! From quarterly control back to the plan (domain §6): the plan changes a control proposes and
//! what the next forum meeting decided about them, the meeting a control was brought to, the
//! approved versions a correction superseded, and the year summary a forum writes.
//!
//! References added to the existing `quarterly_controls` are plain columns (SQLite cannot drop a
//! column a foreign key names, and `down` must run); the repository checks them on every write.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, index, table, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn added(column: ColumnDef) -> TableAlterStatement {
    Table::alter().table("quarterly_controls").add_column(column).take()
}

fn dropped(column: &'static str) -> TableAlterStatement {
    Table::alter().table("quarterly_controls").drop_column(column).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(added(big_integer_null("meeting_id"))).await?;
        manager.alter_table(added(integer("number").default(1).take())).await?;
        manager.alter_table(added(text_null("correction_reason"))).await?;
        manager
            .create_table(
                table("quarterly_control_versions")
                    .col(fk_col("control_id"))
                    .col(integer("number"))
                    .col(text("summary"))
                    .col(text("focus_notes"))
                    .col(text_null("snapshot"))
                    .col(big_integer_null("approved_by"))
                    .col(timestamp_with_time_zone_null("approved_at"))
                    .col(text_null("correction_reason"))
                    .foreign_key(&mut fk(
                        "quarterly_control_versions",
                        "control_id",
                        "quarterly_controls",
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager.create_index(unique_index("quarterly_control_versions", &["control_id", "number"])).await?;
        manager
            .create_table(
                editable_table("plan_change_proposals")
                    .col(fk_col("control_id"))
                    .col(fk_col("forum_id"))
                    .col(string_len("kind", 24))
                    .col(big_integer_null("focus_id"))
                    .col(big_integer_null("task_id"))
                    .col(integer_null("new_position"))
                    .col(integer_null("new_quarter"))
                    .col(text_null("title"))
                    .col(text("reason"))
                    .col(string_len("status", 16))
                    .col(big_integer_null("meeting_id"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .foreign_key(&mut fk(
                        "plan_change_proposals",
                        "control_id",
                        "quarterly_controls",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk("plan_change_proposals", "forum_id", "forums", ForeignKeyAction::Cascade))
                    .take(),
            )
            .await?;
        manager.create_index(index("plan_change_proposals", &["control_id"])).await?;
        manager.create_index(index("plan_change_proposals", &["meeting_id"])).await?;
        manager
            .create_table(
                editable_table("year_summaries")
                    .col(fk_col("forum_id"))
                    .col(integer("year"))
                    .col(text("overall"))
                    .col(text("focus_texts"))
                    .foreign_key(&mut fk("year_summaries", "forum_id", "forums", ForeignKeyAction::Cascade))
                    .take(),
            )
            .await?;
        manager.create_index(unique_index("year_summaries", &["forum_id", "year"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["year_summaries", "plan_change_proposals", "quarterly_control_versions"] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        for column in ["correction_reason", "number", "meeting_id"] {
            manager.alter_table(dropped(column)).await?;
        }
        Ok(())
    }
}
