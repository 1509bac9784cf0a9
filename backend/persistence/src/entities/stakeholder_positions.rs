use sea_orm::entity::prelude::*;

entity!("stakeholder_positions", versioned {
    pub forum_id: i64,
    pub organisation_id: i64,
    pub influence: i32,
    pub interest: i32,
    pub note: Option<String>,
});
