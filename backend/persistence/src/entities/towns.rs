use sea_orm::entity::prelude::*;

entity!("towns", versioned {
    pub region_id: i64,
    pub name_he: String,
    pub name_en: String,
    pub population: Option<i64>,
    pub socio_economic_cluster: Option<i32>,
    pub archived_at: Option<DateTimeUtc>,
});
