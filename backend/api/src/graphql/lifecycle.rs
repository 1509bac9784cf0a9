//! The forum lifecycle in GraphQL: milestones of the three stages, stage moves and their
//! timeline, strategic focuses, and forum health.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use workit_domain::forums::health::Signal;
use workit_domain::forums::milestones::{MilestoneDraft, is_overdue};
use workit_persistence::entities::{forum_stage_changes, milestones};
use workit_persistence::forums::lifecycle as store;

use super::ContextExt;
use super::directory::PersonObject;
use super::enums::{HealthSignalKind, HealthStatus, Stage};
use super::forums::Forum;
use super::loaders::{PersonKey, UserNameKey};
use crate::error::ApiResult;
use crate::graphql::arguments::{optional_id, parse_id};

pub struct Milestone(pub milestones::Model);

#[Object]
impl Milestone {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn stage(&self) -> ApiResult<Stage> {
        Ok(self.0.stage.0.into())
    }
    async fn position(&self) -> i32 {
        self.0.position
    }
    /// The stored title (Hebrew for the model's own milestones; clients word those by `templateKey`).
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Set for the model's own milestones; null for a town's own.
    async fn template_key(&self) -> Option<&str> {
        self.0.template_key.as_deref()
    }
    async fn owner(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.owner_person_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due_on
    }
    async fn done_on(&self) -> Option<NaiveDate> {
        self.0.done_on
    }
    /// A note or a link showing the milestone was reached.
    async fn evidence(&self) -> Option<&str> {
        self.0.evidence.as_deref()
    }
    async fn overdue(&self, ctx: &Context<'_>) -> bool {
        is_overdue(self.0.due_on, self.0.done_on, ctx.now().date_naive())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

pub struct StageChange(pub forum_stage_changes::Model);

#[Object]
impl StageChange {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn from_stage(&self) -> ApiResult<Stage> {
        Ok(self.0.from_stage.0.into())
    }
    async fn to_stage(&self) -> ApiResult<Stage> {
        Ok(self.0.to_stage.0.into())
    }
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    async fn changed_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The display name of the account that moved the stage.
    async fn changed_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(user) = self.0.changed_by else { return Ok(None) };
        Ok(ctx.loaders().load_one(UserNameKey(user)).await?)
    }
}

/// One health signal: what it measures (`kind`), how it stands, the measured value, the
/// threshold it is held against, and details (missing sector codes, late team names, or for
/// `OVERDUE_TASKS` the number of open tasks).
#[derive(SimpleObject)]
pub struct HealthSignal {
    kind: HealthSignalKind,
    status: HealthStatus,
    value: Option<f64>,
    threshold: f64,
    details: Vec<String>,
}

impl From<Signal> for HealthSignal {
    fn from(signal: Signal) -> Self {
        Self {
            kind: signal.kind.into(),
            status: signal.status.into(),
            value: signal.value,
            threshold: signal.threshold,
            details: signal.details,
        }
    }
}

#[derive(InputObject)]
pub struct MilestoneInput {
    /// Ignored for the model's own milestones, whose title is fixed.
    title: String,
    owner_person_id: Option<ID>,
    due_on: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    evidence: Option<String>,
}

impl MilestoneInput {
    fn draft(self) -> ApiResult<MilestoneDraft> {
        Ok(MilestoneDraft {
            title: self.title,
            owner_person_id: optional_id(self.owner_person_id.as_ref(), "ownerPersonId")?,
            due_on: self.due_on,
            done_on: self.done_on,
            evidence: self.evidence,
        })
    }
}

#[derive(Default)]
pub struct LifecycleMutation;

#[Object]
impl LifecycleMutation {
    /// Moves the forum one stage on (confirm when milestones of the current stage are open), or
    /// back with a reason. Chairs, the region's coordinator and administrators only.
    async fn move_forum_stage(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        version: i32,
        to_stage: Stage,
        reason: Option<String>,
        #[graphql(default = false)] confirm_open_milestones: bool,
    ) -> ApiResult<Forum> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let request = store::StageMoveRequest {
            forum_id,
            version,
            target: to_stage.into(),
            reason: reason.as_deref(),
            confirm_open_milestones,
        };
        let moved = store::move_stage(ctx.db(), ctx.actor()?, request, ctx.now()).await?;
        Ok(Forum::from(moved))
    }

    /// Adds a town's own milestone to a stage.
    async fn create_milestone(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        stage: Stage,
        input: MilestoneInput,
    ) -> ApiResult<Milestone> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        Ok(Milestone(
            store::create_milestone(ctx.db(), ctx.actor()?, forum_id, stage.into(), input.draft()?, ctx.now()).await?,
        ))
    }

    /// Owner, due date, done date (ticks it) and evidence of a milestone.
    async fn update_milestone(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: MilestoneInput,
    ) -> ApiResult<Milestone> {
        let id = parse_id(&id, "id")?;
        Ok(Milestone(store::update_milestone(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?))
    }
}
