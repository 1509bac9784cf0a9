use sea_orm::entity::prelude::*;

entity!("minutes_comments" {
    pub section_id: i64,
    pub author_user_id: i64,
    pub author_name: String,
    pub body: String,
});
