use sea_orm::entity::prelude::*;
use workit_domain::plans::proposals::{ProposalKind, ProposalStatus};

use crate::stored::Stored;

entity!("plan_change_proposals", versioned {
    pub control_id: i64,
    pub forum_id: i64,
    pub kind: Stored<ProposalKind>,
    pub focus_id: Option<i64>,
    pub task_id: Option<i64>,
    pub new_position: Option<i32>,
    /// `Quarter::code`.
    pub new_quarter: Option<i32>,
    pub title: Option<String>,
    pub reason: String,
    pub status: Stored<ProposalStatus>,
    /// The meeting that decides it, once the control was brought to one.
    pub meeting_id: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
});
