use sea_orm::entity::prelude::*;
use workit_domain::forums::BodyKind;

use crate::stored::Stored;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub town_id: i64,
    pub body_kind: Stored<BodyKind>,
    pub title: String,
    pub goal: Option<String>,
    pub product: Option<String>,
    pub duration_minutes: i32,
    pub items: String,
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
