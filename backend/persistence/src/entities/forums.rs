use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::Stage;

entity!("forums", versioned {
    pub town_id: i64,
    pub stage: Stored<Stage>,
    pub stage_changed_at: Option<DateTimeUtc>,
});
