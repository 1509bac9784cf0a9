//! Decisions become tracked action items that can point at a work-plan task.
//!
//! SQLite cannot add a foreign key to an existing table, so the link is checked by the
//! application (the task must belong to the same forum) and indexed here.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("decisions").add_column(big_integer_null("work_plan_task_id")).take())
            .await?;
        manager.create_index(index("decisions", &["work_plan_task_id"])).await?;
        manager.create_index(index("attendance", &["person_id"])).await?;
        manager.create_index(index("decisions", &["owner_person_id"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            ("decisions", "ix_decisions_owner_person_id"),
            ("attendance", "ix_attendance_person_id"),
            ("decisions", "ix_decisions_work_plan_task_id"),
        ] {
            let mut drop = Index::drop();
            drop.name(name).table(table);
            manager.drop_index(drop).await?;
        }
        manager.alter_table(Table::alter().table("decisions").drop_column("work_plan_task_id").take()).await?;
        Ok(())
    }
}
