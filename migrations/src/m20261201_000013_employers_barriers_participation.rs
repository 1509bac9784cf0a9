//! The forum's other instruments: the employer survey (rounds with a public link, one answer per
//! employer and round), employment barriers per population group, and public participation
//! processes as the annex's ten steps.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, fk_col_null, index, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CASCADE: ForeignKeyAction = ForeignKeyAction::Cascade;
const SET_NULL: ForeignKeyAction = ForeignKeyAction::SetNull;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            editable_table("survey_rounds")
                .col(fk_col("town_id"))
                .col(string_len("title", 200))
                // The public link's random token, shown to the town's staff to share.
                .col(string_len("token", 64))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(fk_col_null("created_by"))
                .foreign_key(&mut fk("survey_rounds", "town_id", "towns", CASCADE))
                .foreign_key(&mut fk("survey_rounds", "created_by", "users", SET_NULL))
                .take(),
            editable_table("survey_responses")
                .col(fk_col("round_id"))
                .col(fk_col("town_id"))
                .col(fk_col_null("organisation_id"))
                .col(string_len("employer_key", 200))
                .col(string_len("company", 200))
                .col(text("answers"))
                .col(string_len("source", 16))
                .col(fk_col_null("entered_by"))
                .foreign_key(&mut fk("survey_responses", "round_id", "survey_rounds", CASCADE))
                .foreign_key(&mut fk("survey_responses", "town_id", "towns", CASCADE))
                .foreign_key(&mut fk("survey_responses", "organisation_id", "organisations", SET_NULL))
                .foreign_key(&mut fk("survey_responses", "entered_by", "users", SET_NULL))
                .take(),
            editable_table("barriers")
                .col(fk_col("town_id"))
                .col(string_len("target_group", 32))
                .col(string_len("kind", 32))
                .col(string_len("severity", 8))
                .col(text_null("practices"))
                .col(text("partner_ids"))
                .col(fk_col_null("focus_id"))
                .col(text("task_ids"))
                .foreign_key(&mut fk("barriers", "town_id", "towns", CASCADE))
                .foreign_key(&mut fk("barriers", "focus_id", "strategic_focuses", SET_NULL))
                .take(),
            editable_table("participation_processes")
                .col(fk_col("town_id"))
                .col(string_len("title", 200))
                .col(text_null("question"))
                .col(text_null("target_population"))
                .col(text_null("findings"))
                .foreign_key(&mut fk("participation_processes", "town_id", "towns", CASCADE))
                .take(),
            editable_table("participation_steps")
                .col(fk_col("process_id"))
                .col(string_len("step", 32))
                .col(fk_col_null("owner_person_id"))
                .col(date_null("starts_on"))
                .col(date_null("due_on"))
                .col(date_null("done_on"))
                .col(text_null("notes"))
                .col(text("attachments"))
                .foreign_key(&mut fk("participation_steps", "process_id", "participation_processes", CASCADE))
                .foreign_key(&mut fk("participation_steps", "owner_person_id", "people", SET_NULL))
                .take(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        for statement in [
            index("survey_rounds", &["town_id"]),
            unique_index("survey_rounds", &["token"]),
            unique_index("survey_responses", &["round_id", "employer_key"]),
            index("survey_responses", &["town_id"]),
            unique_index("barriers", &["town_id", "target_group", "kind"]),
            index("participation_processes", &["town_id"]),
            unique_index("participation_steps", &["process_id", "step"]),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["participation_steps", "participation_processes", "barriers", "survey_responses", "survey_rounds"]
        {
            manager.drop_table(Table::drop().table(name).to_owned()).await?;
        }
        Ok(())
    }
}
