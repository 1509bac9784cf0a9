//! Plan changes proposed by a quarterly control, decided in the forum's next meeting, in GraphQL.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use workit_domain::plans::proposals::ProposalDraft;
use workit_persistence::entities::plan_change_proposals;
use workit_persistence::plans::proposals::{self as store, new_quarter};

use super::quarter_arg;
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::{optional_id, parse_id};
use crate::graphql::enums::{PlanChangeKind, PlanChangeStatus};
use crate::graphql::loaders::{FocusKey, TaskKey};
use crate::graphql::meetings::Meeting;

pub struct PlanChangeProposal(pub plan_change_proposals::Model);

#[Object]
impl PlanChangeProposal {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn kind(&self) -> PlanChangeKind {
        (*self.0.kind).into()
    }
    /// `ACCEPTED` and `REJECTED` are the meeting's decision until its minutes are approved;
    /// then an accepted change is `APPLIED`.
    async fn status(&self) -> PlanChangeStatus {
        (*self.0.status).into()
    }
    async fn focus_id(&self) -> Option<ID> {
        self.0.focus_id.map(|id| ID::from(id.to_string()))
    }
    async fn task_id(&self) -> Option<ID> {
        self.0.task_id.map(|id| ID::from(id.to_string()))
    }
    async fn new_position(&self) -> Option<i32> {
        self.0.new_position
    }
    async fn new_quarter(&self) -> Option<String> {
        new_quarter(&self.0).map(|q| q.to_string())
    }
    /// What the change is about: the focus's or the task's title, or the new task's.
    async fn subject(&self, ctx: &Context<'_>) -> ApiResult<String> {
        if let Some(title) = &self.0.title {
            return Ok(title.clone());
        }
        if let Some(task) = self.0.task_id {
            return Ok(ctx.loaders().load_one(TaskKey(task)).await?.map(|t| t.title).unwrap_or_default());
        }
        let Some(focus) = self.0.focus_id else { return Ok(String::new()) };
        Ok(ctx.loaders().load_one(FocusKey(focus)).await?.map(|f| f.title).unwrap_or_default())
    }
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    async fn meeting_id(&self) -> Option<ID> {
        self.0.meeting_id.map(|id| ID::from(id.to_string()))
    }
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }
}

#[derive(InputObject)]
pub struct PlanChangeInput {
    kind: PlanChangeKind,
    focus_id: Option<ID>,
    task_id: Option<ID>,
    new_position: Option<i32>,
    /// `2027-Q1`.
    new_quarter: Option<String>,
    title: Option<String>,
    #[graphql(default)]
    reason: String,
}

#[derive(Default)]
pub struct PlanChangeMutation;

#[Object]
impl PlanChangeMutation {
    /// Proposes a change to the plan in the control of an ended quarter (not yet approved).
    async fn propose_plan_change(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        quarter: String,
        input: PlanChangeInput,
    ) -> ApiResult<PlanChangeProposal> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let quarter = quarter_arg(&quarter, "quarter")?;
        let draft = ProposalDraft {
            kind: input.kind.into(),
            focus_id: optional_id(input.focus_id.as_ref(), "focusId")?,
            task_id: optional_id(input.task_id.as_ref(), "taskId")?,
            new_position: input.new_position,
            new_quarter: input.new_quarter.as_deref().map(|q| quarter_arg(q, "newQuarter")).transpose()?,
            title: input.title,
            reason: input.reason,
        };
        let row = store::propose(ctx.db(), ctx.actor()?, forum_id, quarter, draft, ctx.now()).await?;
        Ok(PlanChangeProposal(row))
    }

    /// Takes back a proposal no meeting has decided.
    async fn withdraw_plan_change(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<bool> {
        let id = parse_id(&id, "id")?;
        store::withdraw(ctx.db(), ctx.actor()?, id, version, ctx.now()).await?;
        Ok(true)
    }

    /// Records the meeting's decision on a proposal; approving its minutes applies it.
    async fn decide_plan_change(
        &self,
        ctx: &Context<'_>,
        id: ID,
        accepted: bool,
        version: i32,
    ) -> ApiResult<PlanChangeProposal> {
        let id = parse_id(&id, "id")?;
        Ok(PlanChangeProposal(store::decide(ctx.db(), ctx.actor()?, id, accepted, version, ctx.now()).await?))
    }

    /// Brings the control to the forum's next meeting: its summary, the focuses off track and
    /// the proposals become agenda items. With no meeting planned, one is created as a draft on
    /// `startsAt` from the quarterly-control template.
    async fn prepare_control_meeting(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        quarter: String,
        starts_at: Option<DateTime<Utc>>,
    ) -> ApiResult<Meeting> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let quarter = quarter_arg(&quarter, "quarter")?;
        let meeting = store::prepare_meeting(ctx.db(), ctx.actor()?, forum_id, quarter, starts_at, ctx.now()).await?;
        Ok(Meeting(meeting))
    }
}
