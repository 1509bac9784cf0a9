use sea_orm::entity::prelude::*;

entity!("sessions" {
    pub user_id: i64,
    pub revoked_at: Option<DateTimeUtc>,
});
