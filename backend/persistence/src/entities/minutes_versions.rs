use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::meetings::minutes::MinutesStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "minutes_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub meeting_id: i64,
    pub number: i32,
    pub status: Stored<MinutesStatus>,
    pub comment_deadline: Option<Date>,
    pub circulated_at: Option<DateTimeUtc>,
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<i64>,
    pub correction_reason: Option<String>,
    pub created_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
