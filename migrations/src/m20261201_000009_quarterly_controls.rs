//! Quarterly control (domain §6): the chair's and steering committee's conclusions about a
//! quarter, and — once approved — the quarter's figures frozen as they were approved.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, fk_col_null, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                editable_table("quarterly_controls")
                    .col(fk_col("forum_id"))
                    .col(integer("quarter"))
                    .col(string_len("status", 16))
                    .col(text("summary"))
                    .col(text("focus_notes"))
                    .col(fk_col_null("approved_by"))
                    .col(timestamp_with_time_zone_null("approved_at"))
                    .col(text_null("snapshot"))
                    .foreign_key(&mut fk("quarterly_controls", "forum_id", "forums", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("quarterly_controls", "approved_by", "users", ForeignKeyAction::Restrict))
                    .take(),
            )
            .await?;
        manager.create_index(unique_index("quarterly_controls", &["forum_id", "quarter"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("quarterly_controls").if_exists().take()).await
    }
}
