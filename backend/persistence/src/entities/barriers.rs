use crate::stored::Stored;
use sea_orm::entity::prelude::*;
use workit_domain::barriers::{BarrierKind, Severity};
use workit_domain::stakeholders::mapping::TargetGroup;

entity!("barriers", versioned {
    pub town_id: i64,
    pub target_group: Stored<TargetGroup>,
    pub kind: Stored<BarrierKind>,
    pub severity: Stored<Severity>,
    pub practices: Option<String>,
    /// Organisation ids as a JSON array.
    pub partner_ids: String,
    pub focus_id: Option<i64>,
    /// Work-plan task ids as a JSON array.
    pub task_ids: String,
});
