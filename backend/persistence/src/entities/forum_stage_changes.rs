use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::forums::Stage;

entity!("forum_stage_changes" {
    pub forum_id: i64,
    pub from_stage: Stored<Stage>,
    pub to_stage: Stored<Stage>,
    pub reason: Option<String>,
    pub changed_by: Option<i64>,
});
