use sea_orm::entity::prelude::*;

entity!("work_plan_task_partners" {
    pub task_id: i64,
    pub organisation_id: i64,
});
