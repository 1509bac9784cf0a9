use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::stakeholders::engagement::StepStatus;

entity!("stakeholders", versioned {
    pub forum_id: i64,
    pub organisation_id: Option<i64>,
    pub person_id: Option<i64>,
    pub influence_tenths: i32,
    pub interest_tenths: i32,
    pub note: Option<String>,
    pub next_step: Option<String>,
    pub next_step_owner_id: Option<i64>,
    pub next_step_due_on: Option<Date>,
    pub next_step_status: Stored<StepStatus>,
});
