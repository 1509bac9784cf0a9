use sea_orm::entity::prelude::*;

entity!("stakeholder_moves" {
    pub stakeholder_id: i64,
    pub influence_tenths: i32,
    pub interest_tenths: i32,
    pub reason: Option<String>,
    pub moved_by: Option<i64>,
});
