use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::DecisionStatus;

entity!("decisions", versioned {
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    pub text: String,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<Date>,
    pub status: Stored<DecisionStatus>,
    pub work_plan_task_id: Option<i64>,
});
