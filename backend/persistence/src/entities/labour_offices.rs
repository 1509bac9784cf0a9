use sea_orm::entity::prelude::*;

entity!("labour_offices", versioned {
    pub town_id: i64,
    pub name: String,
    pub address: Option<String>,
    pub manager_person_id: Option<i64>,
});
