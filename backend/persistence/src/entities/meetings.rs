use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::MeetingStatus;

entity!("meetings", versioned {
    pub body_id: i64,
    pub title: String,
    pub starts_at: DateTimeUtc,
    pub duration_minutes: i32,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub goal: Option<String>,
    pub course: Option<String>,
    pub method: Option<String>,
    pub product: Option<String>,
    pub status: Stored<MeetingStatus>,
    pub template_key: Option<String>,
    pub cancel_reason: Option<String>,
});
