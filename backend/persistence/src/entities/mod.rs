//! sea-orm entities, one per table of `migrations/`. Relations are resolved by the
//! repositories with explicit batched queries, so no `Related` impls are needed.

/// One table as a sea-orm entity, written once: every table has an `id` and `created_at`, and
/// a table people edit (`versioned`) also `updated_at` and `version`, for optimistic
/// concurrency (`versioned::write_if_current`). The rest are the table's own columns.
macro_rules! entity {
    ($table:literal, versioned { $($columns:tt)* }) => {
        entity!($table { pub updated_at: DateTimeUtc, pub version: i32, $($columns)* });
    };
    ($table:literal { $($(#[$attribute:meta])* pub $column:ident: $type:ty),* $(,)? }) => {
        #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
        #[sea_orm(table_name = $table)]
        pub struct Model {
            #[sea_orm(primary_key)]
            pub id: i64,
            pub created_at: DateTimeUtc,
            $($(#[$attribute])* pub $column: $type,)*
        }

        impl $crate::joined::FromColumnsAt for Model {
            const COLUMNS: usize = ["id", "created_at", $(stringify!($column)),*].len();

            fn from_columns_at(row: &sea_orm::QueryResult, first: usize) -> Result<Self, sea_orm::DbErr> {
                // Fields are initialised in the order written, which is `Column::iter()`'s.
                let mut at = first;
                let mut next = || {
                    let column = at;
                    at += 1;
                    column
                };
                use $crate::columns::ColumnValue;
                Ok(Self {
                    id: ColumnValue::read(row, next())?,
                    created_at: ColumnValue::read(row, next())?,
                    $($column: ColumnValue::read(row, next())?,)*
                })
            }
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub mod account_tokens;
pub mod agenda_items;
pub mod attendance;
pub mod audit_log;
pub mod barriers;
pub mod bodies;
pub mod decisions;
pub mod forum_stage_changes;
pub mod forums;
pub mod labour_offices;
pub mod measurements;
pub mod meeting_events;
pub mod meeting_templates;
pub mod meetings;
pub mod memberships;
pub mod milestones;
pub mod minutes_comments;
pub mod minutes_sections;
pub mod minutes_versions;
pub mod organisation_mappings;
pub mod organisations;
pub mod outbox_emails;
pub mod outcome_metrics;
pub mod participation_processes;
pub mod participation_steps;
pub mod people;
pub mod plan_change_proposals;
pub mod quarterly_control_versions;
pub mod quarterly_controls;
pub mod refresh_tokens;
pub mod regions;
pub mod scheduled_runs;
pub mod sessions;
pub mod stakeholder_interactions;
pub mod stakeholder_moves;
pub mod stakeholders;
pub mod strategic_focuses;
pub mod survey_responses;
pub mod survey_rounds;
pub mod swot_versions;
pub mod towns;
pub mod users;
pub mod work_plan_approvals;
pub mod work_plan_task_partners;
pub mod work_plan_tasks;
pub mod year_summaries;
