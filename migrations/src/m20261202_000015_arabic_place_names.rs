//! Towns and regions may carry an Arabic name, shown to Arabic readers (the Hebrew one when
//! none is kept). Optional: existing rows have none until an administrator adds it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const PLACES: [&str; 2] = ["towns", "regions"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in PLACES {
            manager.alter_table(Table::alter().table(table).add_column(string_len_null("name_ar", 100)).take()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in PLACES {
            manager.alter_table(Table::alter().table(table).drop_column("name_ar").take()).await?;
        }
        Ok(())
    }
}
