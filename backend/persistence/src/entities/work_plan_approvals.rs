use sea_orm::entity::prelude::*;

entity!("work_plan_approvals" {
    pub forum_id: i64,
    pub year: i32,
    pub approved_by: i64,
    /// The year's tasks as approved (`Vec<ApprovedTask>` as JSON).
    pub snapshot: String,
});
