use sea_orm::entity::prelude::*;

entity!("regions", versioned {
    pub code: String,
    pub name_he: String,
    pub name_en: String,
    pub name_ar: Option<String>,
});

impl Model {
    /// The name a reader of `locale` sees (see [`workit_domain::wording::Locale::place_name`]).
    pub fn name_in(&self, locale: workit_domain::wording::Locale) -> &str {
        locale.place_name(&self.name_he, &self.name_en, self.name_ar.as_deref())
    }
}
