use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::Stage;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_stage_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub forum_id: i64,
    pub from_stage: Stored<Stage>,
    pub to_stage: Stored<Stage>,
    pub reason: Option<String>,
    pub changed_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
