//! Focuses, metrics and the work plan as the model describes them (domain §5–§7): a focus's
//! target population, priority, status, theory of change and goals; a metric's unit, direction,
//! kind, source, baseline and target quarters and recorder; who recorded a measurement; a task's
//! quarter, done date, drop reason, metric and partner organisations; and the chair's approvals
//! of a year's plan.
//!
//! Columns are added, not tables rebuilt: other tables point at these, and a rebuild would move
//! those references. The two new references in existing tables (`recorder_person_id`,
//! `metric_id`) are plain columns, because SQLite cannot drop a column a foreign key names and
//! `down` must run; the repositories check them on every write, and people are archived, never
//! deleted, while deleting a metric clears the tasks that named it in the same transaction.
//! Quarters are stored as `Quarter::code` (20263 for 2026-Q3), so they order as numbers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{fk, fk_col, index, table, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn added(table: &'static str, column: ColumnDef) -> TableAlterStatement {
    Table::alter().table(table).add_column(column).take()
}

fn dropped(table: &'static str, column: &'static str) -> TableAlterStatement {
    Table::alter().table(table).drop_column(column).take()
}

fn renamed(table: &'static str, from: &'static str, to: &'static str) -> TableAlterStatement {
    Table::alter().table(table).rename_column(from, to).take()
}

/// The columns this migration adds, by table.
fn new_columns() -> Vec<(&'static str, ColumnDef)> {
    vec![
        ("strategic_focuses", string_len_null("target_population", 200)),
        ("strategic_focuses", integer("position").default(0).take()),
        ("strategic_focuses", string_len("status", 16).default("ACTIVE").take()),
        ("strategic_focuses", text_null("closed_reason")),
        ("strategic_focuses", text_null("theory")),
        ("strategic_focuses", text_null("goals")),
        ("outcome_metrics", string_len("unit", 24).default("COUNT").take()),
        ("outcome_metrics", string_len("direction", 24).default("HIGHER_IS_BETTER").take()),
        ("outcome_metrics", string_len("kind", 16).default("OUTCOME").take()),
        ("outcome_metrics", string_len("source", 32).default("OTHER").take()),
        ("outcome_metrics", integer_null("baseline_quarter")),
        ("outcome_metrics", integer_null("target_quarter")),
        ("outcome_metrics", big_integer_null("recorder_person_id")),
        ("outcome_metrics", integer("position").default(0).take()),
        ("measurements", big_integer_null("recorded_by")),
        ("work_plan_tasks", integer_null("planned_quarter")),
        ("work_plan_tasks", date_null("done_on")),
        ("work_plan_tasks", text_null("dropped_reason")),
        ("work_plan_tasks", big_integer_null("metric_id")),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The old free-text unit becomes the label of an "other" unit; the unit is now a kind.
        manager.alter_table(renamed("outcome_metrics", "unit", "unit_label")).await?;
        for (table, column) in new_columns() {
            manager.alter_table(added(table, column)).await?;
        }
        let db = manager.get_connection();
        for statement in [
            "UPDATE outcome_metrics SET unit = 'PERCENT', unit_label = NULL WHERE unit_label = '%'",
            "UPDATE outcome_metrics SET unit = 'SHEKELS_PER_MONTH', unit_label = NULL WHERE unit_label = '₪'",
            "UPDATE outcome_metrics SET kind = 'OUTPUT' WHERE is_outcome = false",
            "UPDATE strategic_focuses SET position = id",
            "UPDATE outcome_metrics SET position = id",
        ] {
            db.execute_unprepared(statement).await?;
        }
        manager.alter_table(dropped("outcome_metrics", "is_outcome")).await?;
        manager.alter_table(dropped("outcome_metrics", "target_on")).await?;
        manager.alter_table(dropped("work_plan_tasks", "partners")).await?;
        manager
            .create_table(
                table("work_plan_task_partners")
                    .col(fk_col("task_id"))
                    .col(fk_col("organisation_id"))
                    .foreign_key(&mut fk(
                        "work_plan_task_partners",
                        "task_id",
                        "work_plan_tasks",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "work_plan_task_partners",
                        "organisation_id",
                        "organisations",
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager.create_index(unique_index("work_plan_task_partners", &["task_id", "organisation_id"])).await?;
        manager
            .create_table(
                table("work_plan_approvals")
                    .col(fk_col("forum_id"))
                    .col(integer("year"))
                    .col(fk_col("approved_by"))
                    .col(text("snapshot"))
                    .foreign_key(&mut fk("work_plan_approvals", "forum_id", "forums", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("work_plan_approvals", "approved_by", "users", ForeignKeyAction::Restrict))
                    .take(),
            )
            .await?;
        manager.create_index(index("work_plan_approvals", &["forum_id", "year"])).await?;
        manager.create_index(index("work_plan_tasks", &["focus_id"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut drop = Index::drop();
        drop.name("ix_work_plan_tasks_focus_id").table("work_plan_tasks");
        manager.drop_index(drop).await?;
        for name in ["work_plan_approvals", "work_plan_task_partners"] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        manager.alter_table(added("work_plan_tasks", text_null("partners"))).await?;
        manager.alter_table(added("outcome_metrics", date_null("target_on"))).await?;
        manager.alter_table(added("outcome_metrics", boolean("is_outcome").default(true).take())).await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE outcome_metrics SET is_outcome = false WHERE kind = 'OUTPUT'")
            .await?;
        for (table, column) in new_columns().into_iter().rev() {
            let name = column.get_column_name();
            manager.alter_table(Table::alter().table(table).drop_column(Alias::new(name)).take()).await?;
        }
        manager.alter_table(renamed("outcome_metrics", "unit_label", "unit")).await
    }
}
