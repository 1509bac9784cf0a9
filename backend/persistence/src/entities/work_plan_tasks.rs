use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "work_plan_tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub forum_id: i64,
    pub focus_id: Option<i64>,
    pub body_id: Option<i64>,
    pub title: String,
    pub owner_person_id: Option<i64>,
    pub partners: Option<String>,
    pub due_on: Option<Date>,
    pub resources: Option<String>,
    pub expected_product: Option<String>,
    pub success_measure: Option<String>,
    pub status: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
