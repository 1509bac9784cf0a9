use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::minutes::MinutesStatus;

entity!("minutes_versions", versioned {
    pub meeting_id: i64,
    pub number: i32,
    pub status: Stored<MinutesStatus>,
    pub comment_deadline: Option<Date>,
    pub circulated_at: Option<DateTimeUtc>,
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<i64>,
    pub correction_reason: Option<String>,
    pub created_by: Option<i64>,
});
