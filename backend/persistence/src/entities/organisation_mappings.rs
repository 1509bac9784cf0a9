use sea_orm::entity::prelude::*;

entity!("organisation_mappings", versioned {
    pub forum_id: i64,
    pub organisation_id: i64,
    /// `domain::stakeholders::mapping::Mapping` as JSON.
    pub answers: String,
});
