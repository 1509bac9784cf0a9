use sea_orm::entity::prelude::*;

entity!("audit_log" {
    pub user_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub details: Option<String>,
});
