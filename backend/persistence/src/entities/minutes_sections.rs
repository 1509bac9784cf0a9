use sea_orm::entity::prelude::*;

entity!("minutes_sections", versioned {
    pub minutes_version_id: i64,
    pub position: i32,
    pub title: String,
    pub notes: String,
});
