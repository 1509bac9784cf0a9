use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::SystemRole;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub system_role: Stored<SystemRole>,
    pub region_id: Option<i64>,
    pub person_id: Option<i64>,
    pub locale: String,
    pub disabled_at: Option<DateTimeUtc>,
    pub calendar_token_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
