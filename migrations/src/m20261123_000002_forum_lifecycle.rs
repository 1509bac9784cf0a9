//! The forum lifecycle: each stage's milestone checklist and the record of stage moves.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, fk_col_null, index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                editable_table("milestones")
                    .col(fk_col("forum_id"))
                    .col(string_len("stage", 32))
                    .col(integer("position"))
                    .col(string_len("title", 300))
                    // Set for the model's own milestones, so the UI can word them per language.
                    .col(string_len_null("template_key", 64))
                    .col(fk_col_null("owner_person_id"))
                    .col(date_null("due_on"))
                    .col(date_null("done_on"))
                    .col(text_null("evidence"))
                    .foreign_key(&mut fk("milestones", "forum_id", "forums", ForeignKeyAction::Restrict))
                    .foreign_key(&mut fk("milestones", "owner_person_id", "people", ForeignKeyAction::SetNull))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                table("forum_stage_changes")
                    .col(fk_col("forum_id"))
                    .col(string_len("from_stage", 32))
                    .col(string_len("to_stage", 32))
                    .col(text_null("reason"))
                    .col(big_integer_null("changed_by"))
                    .foreign_key(&mut fk("forum_stage_changes", "forum_id", "forums", ForeignKeyAction::Restrict))
                    .take(),
            )
            .await?;
        manager.create_index(index("milestones", &["forum_id"])).await?;
        manager.create_index(index("forum_stage_changes", &["forum_id"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["forum_stage_changes", "milestones"] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        Ok(())
    }
}
