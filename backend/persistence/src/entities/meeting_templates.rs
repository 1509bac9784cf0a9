use sea_orm::entity::prelude::*;
use workit_domain::forums::BodyKind;

use crate::stored::Stored;

entity!("meeting_templates", versioned {
    pub town_id: i64,
    pub body_kind: Stored<BodyKind>,
    pub title: String,
    pub goal: Option<String>,
    pub product: Option<String>,
    pub duration_minutes: i32,
    pub items: String,
    pub archived_at: Option<DateTimeUtc>,
});
