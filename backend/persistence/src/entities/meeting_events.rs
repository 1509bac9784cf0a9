use sea_orm::entity::prelude::*;

entity!("meeting_events" {
    pub meeting_id: i64,
    pub kind: String,
    pub details: Option<String>,
    pub changed_by: Option<i64>,
});
