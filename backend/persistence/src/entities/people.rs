use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::directory::Seniority;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub town_id: i64,
    pub organisation_id: Option<i64>,
    pub full_name: String,
    pub job_title: Option<String>,
    pub seniority: Option<Stored<Seniority>>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
