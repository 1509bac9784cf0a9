use sea_orm::entity::prelude::*;
use workit_domain::plans::TaskStatus;

use crate::stored::Stored;

entity!("work_plan_tasks", versioned {
    pub forum_id: i64,
    pub focus_id: Option<i64>,
    pub body_id: Option<i64>,
    pub title: String,
    pub owner_person_id: Option<i64>,
    pub partners: Option<String>,
    pub due_on: Option<Date>,
    pub resources: Option<String>,
    pub expected_product: Option<String>,
    pub success_measure: Option<String>,
    pub status: Stored<TaskStatus>,
});
