//! An index on every foreign key that had none. A join or filter by such a key read the whole
//! referencing table, and so did deleting (or re-keying) the row it references, which checks its
//! references. The integration test `migrations::every_foreign_key_has_an_index` keeps it so.

use sea_orm_migration::prelude::*;

use crate::schema_helpers::{drop_index, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, foreign-key column) pairs with no index leading with the column before this migration.
const UNINDEXED: [(&str, &str); 26] = [
    ("labour_offices", "manager_person_id"),
    ("users", "region_id"),
    ("bodies", "focus_id"),
    ("bodies", "lead_person_id"),
    ("work_plan_tasks", "body_id"),
    ("work_plan_tasks", "owner_person_id"),
    ("decisions", "agenda_item_id"),
    ("milestones", "owner_person_id"),
    ("work_plan_task_partners", "organisation_id"),
    ("work_plan_approvals", "approved_by"),
    ("quarterly_controls", "approved_by"),
    ("plan_change_proposals", "forum_id"),
    ("stakeholders", "organisation_id"),
    ("stakeholders", "person_id"),
    ("stakeholder_moves", "moved_by"),
    ("stakeholder_interactions", "body_id"),
    ("stakeholder_interactions", "meeting_id"),
    ("stakeholder_interactions", "recorded_by"),
    ("organisation_mappings", "organisation_id"),
    ("swot_versions", "created_by"),
    ("swot_versions", "meeting_id"),
    ("survey_rounds", "created_by"),
    ("survey_responses", "entered_by"),
    ("survey_responses", "organisation_id"),
    ("barriers", "focus_id"),
    ("participation_steps", "owner_person_id"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in UNINDEXED {
            manager.create_index(index(table, &[column])).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in UNINDEXED {
            manager.drop_index(drop_index(table, &[column])).await?;
        }
        Ok(())
    }
}
