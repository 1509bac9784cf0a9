use sea_orm::entity::prelude::*;

entity!("participation_processes", versioned {
    pub town_id: i64,
    pub title: String,
    pub question: Option<String>,
    pub target_population: Option<String>,
    pub findings: Option<String>,
});
