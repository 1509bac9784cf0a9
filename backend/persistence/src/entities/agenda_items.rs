use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::AgendaKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub meeting_id: i64,
    pub position: i32,
    pub title: String,
    pub kind: Stored<AgendaKind>,
    pub minutes: i32,
    pub presenter: Option<String>,
    /// JSON array of URLs.
    pub links: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
