use sea_orm::entity::prelude::*;

entity!("towns", versioned {
    pub region_id: i64,
    pub name_he: String,
    pub name_en: String,
    pub name_ar: Option<String>,
    pub population: Option<i64>,
    pub socio_economic_cluster: Option<i32>,
    pub archived_at: Option<DateTimeUtc>,
});

impl Model {
    /// The name a reader of `locale` sees (see [`workit_domain::wording::Locale::place_name`]).
    pub fn name_in(&self, locale: workit_domain::wording::Locale) -> &str {
        locale.place_name(&self.name_he, &self.name_en, self.name_ar.as_deref())
    }
}
