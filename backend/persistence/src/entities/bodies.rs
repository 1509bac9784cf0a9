use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::BodyKind;

entity!("bodies", versioned {
    pub forum_id: i64,
    pub kind: Stored<BodyKind>,
    pub name: String,
    pub focus_id: Option<i64>,
    pub lead_person_id: Option<i64>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub archived_at: Option<DateTimeUtc>,
});
