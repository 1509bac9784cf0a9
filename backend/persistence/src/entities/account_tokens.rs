//! A one-time link to set an account's password: an invitation or a reset. Only the token's
//! SHA-256 hash is kept.

use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::accounts::TokenPurpose;

entity!("account_tokens" {
    pub user_id: i64,
    pub purpose: Stored<TokenPurpose>,
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
});
