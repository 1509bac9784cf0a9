use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::directory::Sector;

entity!("organisations", versioned {
    pub town_id: i64,
    pub name: String,
    pub sector: Stored<Sector>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
});
