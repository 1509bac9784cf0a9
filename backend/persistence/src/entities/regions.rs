use sea_orm::entity::prelude::*;

entity!("regions", versioned {
    pub code: String,
    pub name_he: String,
    pub name_en: String,
});
