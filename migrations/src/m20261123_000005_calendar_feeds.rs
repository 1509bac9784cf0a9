//! A private calendar feed per account: the URL's token is stored only as its SHA-256 hash.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::unique_index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("users").add_column(string_len_null("calendar_token_hash", 64)).take())
            .await?;
        manager.create_index(unique_index("users", &["calendar_token_hash"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut drop = Index::drop();
        drop.name("ux_users_calendar_token_hash").table("users");
        manager.drop_index(drop).await?;
        manager.alter_table(Table::alter().table("users").drop_column("calendar_token_hash").take()).await?;
        Ok(())
    }
}
