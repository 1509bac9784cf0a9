use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::accounts::TokenPurpose;

/// A one-time link to set an account's password: an invitation or a reset. Only the token's
/// SHA-256 hash is kept.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "account_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub user_id: i64,
    pub purpose: Stored<TokenPurpose>,
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
