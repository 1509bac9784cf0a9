use sea_orm::entity::prelude::*;

entity!("scheduled_runs" {
    pub job: String,
    pub period: String,
});
