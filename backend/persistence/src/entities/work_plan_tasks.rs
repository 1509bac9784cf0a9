use sea_orm::entity::prelude::*;
use workit_domain::plans::TaskStatus;

use crate::stored::Stored;

entity!("work_plan_tasks", versioned {
    pub forum_id: i64,
    pub focus_id: Option<i64>,
    pub body_id: Option<i64>,
    pub title: String,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<Date>,
    pub resources: Option<String>,
    pub expected_product: Option<String>,
    pub success_measure: Option<String>,
    pub status: Stored<TaskStatus>,
    /// `Quarter::code` of the quarter the task is planned for.
    pub planned_quarter: Option<i32>,
    pub done_on: Option<Date>,
    pub dropped_reason: Option<String>,
    /// The metric the task's success is measured by.
    pub metric_id: Option<i64>,
});
