use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::Stage;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "milestones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub forum_id: i64,
    pub stage: Stored<Stage>,
    pub position: i32,
    pub title: String,
    pub template_key: Option<String>,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<Date>,
    pub done_on: Option<Date>,
    pub evidence: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
