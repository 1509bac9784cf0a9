//! A forum's strategic focuses: what it chose to change, for whom, in what order, and how.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use workit_domain::DomainError;
use workit_domain::forums::BodyKind;
use workit_domain::plans::focuses::{FocusDraft, Goal, TheoryOfChange};
use workit_persistence::entities::strategic_focuses;
use workit_persistence::plans::focuses as store;

use super::metrics::Metric;
use super::tasks::Task;
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::parse_id;
use crate::graphql::enums::{FocusKind, FocusStatus, GoalCriterion};
use crate::graphql::forums::{Body, Forum};
use crate::graphql::loaders::{BodiesOfForum, FocusKey, ForumKey, MetricsOfFocus, TasksOfForum};

pub struct StrategicFocus(pub strategic_focuses::Model);

/// The five links of a theory of change, each a list of lines.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "TheoryOfChangeInput")]
pub struct TheoryOfChangeObject {
    problem: Vec<String>,
    activities: Vec<String>,
    outputs: Vec<String>,
    outcomes: Vec<String>,
    impact: Vec<String>,
}

/// A goal and the model's criteria ticked for it.
#[derive(SimpleObject)]
pub struct GoalObject {
    text: String,
    criteria: Vec<GoalCriterion>,
    /// The criteria not ticked yet: shown on the focus until the team settles them.
    unmet_criteria: Vec<GoalCriterion>,
}

#[Object]
impl StrategicFocus {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn kind(&self) -> FocusKind {
        self.0.kind.0.into()
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    async fn target_population(&self) -> Option<&str> {
        self.0.target_population.as_deref()
    }
    /// 1 is the forum's first priority.
    async fn priority(&self) -> i32 {
        self.0.position
    }
    async fn status(&self) -> FocusStatus {
        self.0.status.0.into()
    }
    async fn closed_reason(&self) -> Option<&str> {
        self.0.closed_reason.as_deref()
    }
    async fn theory(&self) -> TheoryOfChangeObject {
        let theory = store::theory(&self.0);
        TheoryOfChangeObject {
            problem: theory.problem,
            activities: theory.activities,
            outputs: theory.outputs,
            outcomes: theory.outcomes,
            impact: theory.impact,
        }
    }
    async fn goals(&self) -> Vec<GoalObject> {
        store::goals(&self.0)
            .into_iter()
            .map(|goal| GoalObject {
                unmet_criteria: goal.unmet_criteria().into_iter().map(Into::into).collect(),
                criteria: goal.criteria.into_iter().map(Into::into).collect(),
                text: goal.text,
            })
            .collect()
    }
    /// The task team that owns the focus.
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Option<Body>> {
        let bodies = ctx.loaders().load_one(BodiesOfForum(self.0.forum_id)).await?.unwrap_or_default();
        Ok(bodies
            .into_iter()
            .find(|b| b.focus_id == Some(self.0.id) && b.kind == BodyKind::TaskTeam && b.archived_at.is_none())
            .map(Body))
    }
    #[graphql(complexity = "20 * child_complexity")]
    async fn metrics(&self, ctx: &Context<'_>) -> ApiResult<Vec<Metric>> {
        let metrics = ctx.loaders().load_one(MetricsOfFocus(self.0.id)).await?.unwrap_or_default();
        Ok(metrics.into_iter().map(Metric).collect())
    }
    /// The work plan's tasks for this focus.
    #[graphql(complexity = "50 * child_complexity")]
    async fn tasks(&self, ctx: &Context<'_>) -> ApiResult<Vec<Task>> {
        let tasks = ctx.loaders().load_one(TasksOfForum(self.0.forum_id)).await?.unwrap_or_default();
        Ok(tasks.into_iter().filter(|t| t.focus_id == Some(self.0.id)).map(Task).collect())
    }
    async fn forum(&self, ctx: &Context<'_>) -> ApiResult<Forum> {
        let forum = ctx.loaders().load_one(ForumKey(self.0.forum_id)).await?;
        forum.map(Forum::from).ok_or_else(|| DomainError::NotFound { entity: "forum" }.into())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

#[derive(InputObject)]
pub struct GoalInput {
    text: String,
    #[graphql(default)]
    criteria: Vec<GoalCriterion>,
}

#[derive(InputObject)]
pub struct FocusInput {
    kind: FocusKind,
    title: String,
    target_population: Option<String>,
    description: Option<String>,
    #[graphql(default_with = "FocusStatus::Active")]
    status: FocusStatus,
    /// Required when closing.
    closed_reason: Option<String>,
    theory: Option<TheoryOfChangeObject>,
    #[graphql(default)]
    goals: Vec<GoalInput>,
}

impl FocusInput {
    fn draft(self) -> FocusDraft {
        let theory = self.theory.map_or_else(TheoryOfChange::default, |t| TheoryOfChange {
            problem: t.problem,
            activities: t.activities,
            outputs: t.outputs,
            outcomes: t.outcomes,
            impact: t.impact,
        });
        FocusDraft {
            kind: self.kind.into(),
            title: self.title,
            target_population: self.target_population,
            description: self.description,
            status: self.status.into(),
            closed_reason: self.closed_reason,
            theory,
            goals: self
                .goals
                .into_iter()
                .map(|g| Goal { text: g.text, criteria: g.criteria.into_iter().map(Into::into).collect() })
                .collect(),
        }
    }
}

#[derive(Default)]
pub struct FocusQuery;

#[Object]
impl FocusQuery {
    async fn focus(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<StrategicFocus>> {
        let id = parse_id(&id, "id")?;
        ctx.actor()?;
        Ok(ctx.loaders().load_one(FocusKey(id)).await?.map(StrategicFocus))
    }
}

#[derive(Default)]
pub struct FocusMutation;

#[Object]
impl FocusMutation {
    /// Adds a focus to the forum, last in priority.
    async fn create_focus(&self, ctx: &Context<'_>, forum_id: ID, input: FocusInput) -> ApiResult<StrategicFocus> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        Ok(StrategicFocus(store::create(ctx.db(), ctx.actor()?, forum_id, input.draft(), ctx.now()).await?))
    }

    async fn update_focus(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: FocusInput,
    ) -> ApiResult<StrategicFocus> {
        let id = parse_id(&id, "id")?;
        Ok(StrategicFocus(store::update(ctx.db(), ctx.actor()?, id, version, input.draft(), ctx.now()).await?))
    }

    /// Puts the forum's focuses in this order of priority; `ids` lists every focus once.
    async fn reorder_focuses(&self, ctx: &Context<'_>, forum_id: ID, ids: Vec<ID>) -> ApiResult<Vec<StrategicFocus>> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let ids = ids.iter().map(|id| parse_id(id, "ids")).collect::<ApiResult<Vec<_>>>()?;
        let focuses = store::reorder(ctx.db(), ctx.actor()?, forum_id, &ids, ctx.now()).await?;
        Ok(focuses.into_iter().map(StrategicFocus).collect())
    }
}
