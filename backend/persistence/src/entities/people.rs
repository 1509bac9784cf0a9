use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::directory::Seniority;

entity!("people", versioned {
    pub town_id: i64,
    pub organisation_id: Option<i64>,
    pub full_name: String,
    pub job_title: Option<String>,
    pub seniority: Option<Stored<Seniority>>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
});
