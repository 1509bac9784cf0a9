use sea_orm::entity::prelude::*;

entity!("survey_rounds", versioned {
    pub town_id: i64,
    pub title: String,
    pub token: String,
    pub revoked_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
});
