use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::AgendaKind;

entity!("agenda_items", versioned {
    pub meeting_id: i64,
    pub position: i32,
    pub title: String,
    pub kind: Stored<AgendaKind>,
    pub minutes: i32,
    pub presenter: Option<String>,
    /// JSON array of URLs.
    pub links: Option<String>,
});
