//! Meeting plans: which template a meeting came from, why it was cancelled, links on agenda
//! items, and the history of every change to a meeting's plan.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{fk, fk_col, index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per ALTER: SQLite adds a single column per statement.
        for column in [string_len_null("template_key", 64), text_null("cancel_reason")] {
            manager.alter_table(Table::alter().table("meetings").add_column(column).take()).await?;
        }
        manager.alter_table(Table::alter().table("agenda_items").add_column(text_null("links")).take()).await?;
        manager
            .create_table(
                table("meeting_events")
                    .col(fk_col("meeting_id"))
                    .col(string_len("kind", 32))
                    .col(text_null("details"))
                    .col(big_integer_null("changed_by"))
                    .foreign_key(&mut fk("meeting_events", "meeting_id", "meetings", ForeignKeyAction::Cascade))
                    .take(),
            )
            .await?;
        manager.create_index(index("meeting_events", &["meeting_id"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("meeting_events").if_exists().take()).await?;
        manager.alter_table(Table::alter().table("agenda_items").drop_column("links").take()).await?;
        for column in ["cancel_reason", "template_key"] {
            manager.alter_table(Table::alter().table("meetings").drop_column(column).take()).await?;
        }
        Ok(())
    }
}
