use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::Stage;

entity!("milestones", versioned {
    pub forum_id: i64,
    pub stage: Stored<Stage>,
    pub position: i32,
    pub title: String,
    pub template_key: Option<String>,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<Date>,
    pub done_on: Option<Date>,
    pub evidence: Option<String>,
});
