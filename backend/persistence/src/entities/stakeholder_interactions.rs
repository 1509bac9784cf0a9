use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::stakeholders::engagement::InteractionKind;

entity!("stakeholder_interactions" {
    pub stakeholder_id: i64,
    pub kind: Stored<InteractionKind>,
    pub occurred_on: Date,
    pub note: Option<String>,
    pub meeting_id: Option<i64>,
    pub body_id: Option<i64>,
    pub recorded_by: Option<i64>,
});
