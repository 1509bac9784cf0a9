use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::DecisionStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    pub text: String,
    pub owner_person_id: Option<i64>,
    pub due_on: Option<Date>,
    pub status: Stored<DecisionStatus>,
    pub work_plan_task_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
