use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::BodyKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "bodies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub forum_id: i64,
    pub kind: Stored<BodyKind>,
    pub name: String,
    pub focus_id: Option<i64>,
    pub lead_person_id: Option<i64>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
