//! The chair's weekly e-mail of what waits for approval: whether an account wants it, and the
//! record of scheduled jobs that makes one run per week across app servers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{table, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("users").add_column(boolean("weekly_digest").default(true)).take())
            .await?;
        // A job's period (e.g. the week's Sunday) is claimed by inserting its row: the unique
        // index lets exactly one server run it.
        manager
            .create_table(table("scheduled_runs").col(string_len("job", 64)).col(string_len("period", 32)).take())
            .await?;
        manager.create_index(unique_index("scheduled_runs", &["job", "period"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("scheduled_runs").take()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("weekly_digest").take()).await
    }
}
