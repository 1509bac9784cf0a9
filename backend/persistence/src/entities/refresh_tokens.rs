use sea_orm::entity::prelude::*;

entity!("refresh_tokens" {
    pub session_id: i64,
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
});
