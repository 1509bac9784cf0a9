use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::SystemRole;

entity!("users", versioned {
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub system_role: Stored<SystemRole>,
    pub region_id: Option<i64>,
    pub person_id: Option<i64>,
    pub locale: String,
    pub disabled_at: Option<DateTimeUtc>,
    pub calendar_token_hash: Option<String>,
    /// Whether a chair gets the weekly e-mail of what waits for approval.
    pub weekly_digest: bool,
});
