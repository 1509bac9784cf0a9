use sea_orm::entity::prelude::*;

entity!("swot_versions" {
    pub forum_id: i64,
    pub version: i32,
    /// `domain::stakeholders::mapping::Swot` as JSON.
    pub content: String,
    pub meeting_id: Option<i64>,
    pub created_by: Option<i64>,
});
