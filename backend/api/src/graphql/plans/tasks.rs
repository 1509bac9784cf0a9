//! The work plan: tasks with their state, filters, and the chair's approval of a year's plan.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::tasks::{TaskDraft, plan_changes, task_state};
use workit_persistence::entities::{work_plan_approvals, work_plan_tasks};
use workit_persistence::plans::tasks as store;

use super::focuses::StrategicFocus;
use super::metrics::Metric;
use super::{quarter_arg, quarter_text};
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::{optional_id, parse_id};
use crate::graphql::directory::{Organisation, PersonObject};
use crate::graphql::enums::{PlanChange, TaskState, TaskStatus};
use crate::graphql::forums::Body;
use crate::graphql::loaders::{
    BodyKey, DecisionsOfTask, FocusKey, MetricKey, OrganisationKey, PartnersOfTask, PersonKey, TasksOfForum,
    UserNameKey,
};
use crate::graphql::meetings::decisions::Decision;

pub struct Task(pub work_plan_tasks::Model);

#[Object]
impl Task {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn focus(&self, ctx: &Context<'_>) -> ApiResult<Option<StrategicFocus>> {
        let Some(id) = self.0.focus_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(FocusKey(id)).await?.map(StrategicFocus))
    }
    /// The team that carries the task.
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Option<Body>> {
        let Some(id) = self.0.body_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(BodyKey(id)).await?.map(Body))
    }
    async fn owner(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.owner_person_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    /// Partner organisations.
    async fn partners(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organisation>> {
        let links = ctx.loaders().load_one(PartnersOfTask(self.0.id)).await?.unwrap_or_default();
        let keys: Vec<OrganisationKey> = links.iter().map(|l| OrganisationKey(l.organisation_id)).collect();
        let found = ctx.loaders().load_many(keys.iter().copied()).await?;
        Ok(keys.iter().filter_map(|k| found.get(k).cloned()).map(Organisation).collect())
    }
    /// The quarter it is planned for (`2026-Q3`).
    async fn planned_quarter(&self) -> Option<String> {
        quarter_text(self.0.planned_quarter)
    }
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due_on
    }
    async fn resources(&self) -> Option<&str> {
        self.0.resources.as_deref()
    }
    async fn expected_product(&self) -> Option<&str> {
        self.0.expected_product.as_deref()
    }
    async fn success_measure(&self) -> Option<&str> {
        self.0.success_measure.as_deref()
    }
    /// The metric the task's success is measured by.
    async fn metric(&self, ctx: &Context<'_>) -> ApiResult<Option<Metric>> {
        let Some(id) = self.0.metric_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(MetricKey(id)).await?.map(Metric))
    }
    async fn status(&self) -> TaskStatus {
        self.0.status.0.into()
    }
    /// The status, or `LATE` for an open task past its due date.
    async fn state(&self, ctx: &Context<'_>) -> TaskState {
        task_state(*self.0.status, self.0.due_on, israel_date(ctx.now())).into()
    }
    async fn done_on(&self) -> Option<NaiveDate> {
        self.0.done_on
    }
    async fn dropped_reason(&self) -> Option<&str> {
        self.0.dropped_reason.as_deref()
    }
    /// Decisions of meetings that touched the task.
    async fn decisions(&self, ctx: &Context<'_>) -> ApiResult<Vec<Decision>> {
        let decisions = ctx.loaders().load_one(DecisionsOfTask(self.0.id)).await?.unwrap_or_default();
        Ok(decisions.into_iter().map(Decision).collect())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// Which tasks of the plan to show; every field narrows.
#[derive(InputObject, Default)]
pub struct TaskFilter {
    /// The team (body) that carries the task.
    body_id: Option<ID>,
    focus_id: Option<ID>,
    owner_person_id: Option<ID>,
    state: Option<TaskState>,
    /// `2026-Q3`.
    quarter: Option<String>,
    /// Tasks of a year's plan (planned for one of its quarters, or due in it).
    year: Option<i32>,
}

/// The forum's tasks that pass `filter`, in plan order.
pub async fn work_plan(ctx: &Context<'_>, forum_id: i64, filter: TaskFilter) -> ApiResult<Vec<Task>> {
    let body = optional_id(filter.body_id.as_ref(), "bodyId")?;
    let focus = optional_id(filter.focus_id.as_ref(), "focusId")?;
    let owner = optional_id(filter.owner_person_id.as_ref(), "ownerPersonId")?;
    let quarter = filter.quarter.as_deref().map(|q| quarter_arg(q, "quarter")).transpose()?;
    let today = israel_date(ctx.now());
    let state = filter.state.map(workit_domain::plans::tasks::TaskState::from);
    let tasks = ctx.loaders().load_one(TasksOfForum(forum_id)).await?.unwrap_or_default();
    Ok(tasks
        .into_iter()
        .filter(|t| body.is_none_or(|b| t.body_id == Some(b)))
        .filter(|t| focus.is_none_or(|f| t.focus_id == Some(f)))
        .filter(|t| owner.is_none_or(|o| t.owner_person_id == Some(o)))
        .filter(|t| quarter.is_none_or(|q| t.planned_quarter == Some(q.code())))
        .filter(|t| filter.year.is_none_or(|y| store::in_year(t, y)))
        .filter(|t| state.is_none_or(|s| task_state(*t.status, t.due_on, today) == s))
        .map(Task)
        .collect())
}

/// A change of the plan since its approval.
#[derive(SimpleObject)]
pub struct PlanChangeItem {
    task_id: ID,
    /// The task's title now (or as approved, for a removed task).
    title: String,
    change: PlanChange,
}

pub struct PlanApproval {
    row: work_plan_approvals::Model,
    forum_tasks: Vec<work_plan_tasks::Model>,
}

#[Object]
impl PlanApproval {
    async fn year(&self) -> i32 {
        self.row.year
    }
    async fn approved_at(&self) -> DateTime<Utc> {
        self.row.created_at
    }
    async fn approved_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        Ok(ctx.loaders().load_one(UserNameKey(self.row.approved_by)).await?)
    }
    /// How many tasks the approved plan held.
    async fn task_count(&self) -> usize {
        store::snapshot(&self.row).len()
    }
    /// The plan's changes since it was approved, task by task.
    async fn changes(&self) -> Vec<PlanChangeItem> {
        let approved = store::snapshot(&self.row);
        let current: Vec<_> =
            self.forum_tasks.iter().filter(|t| store::in_year(t, self.row.year)).map(store::approved_form).collect();
        plan_changes(&approved, &current)
            .into_iter()
            .map(|(id, change)| {
                let title = current.iter().chain(&approved).find(|t| t.id == id).map(|t| t.title.clone());
                PlanChangeItem {
                    task_id: ID::from(id.to_string()),
                    title: title.unwrap_or_default(),
                    change: change.into(),
                }
            })
            .collect()
    }
}

/// The latest approval of a year's plan, if the chair approved it.
pub async fn plan_approval(ctx: &Context<'_>, forum_id: i64, year: i32) -> ApiResult<Option<PlanApproval>> {
    let approvals =
        ctx.loaders().load_one(crate::graphql::loaders::ApprovalsOfForum(forum_id)).await?.unwrap_or_default();
    let Some(row) = approvals.into_iter().filter(|a| a.year == year).max_by_key(|a| a.id) else { return Ok(None) };
    let forum_tasks = ctx.loaders().load_one(TasksOfForum(forum_id)).await?.unwrap_or_default();
    Ok(Some(PlanApproval { row, forum_tasks }))
}

#[derive(InputObject)]
pub struct TaskInput {
    title: String,
    focus_id: Option<ID>,
    /// The team that carries it.
    body_id: Option<ID>,
    owner_person_id: Option<ID>,
    #[graphql(default)]
    partner_ids: Vec<ID>,
    /// `2026-Q3`.
    planned_quarter: Option<String>,
    due_on: Option<NaiveDate>,
    resources: Option<String>,
    expected_product: Option<String>,
    success_measure: Option<String>,
    metric_id: Option<ID>,
    #[graphql(default_with = "TaskStatus::Planned")]
    status: TaskStatus,
    /// Today when omitted for a done task.
    done_on: Option<NaiveDate>,
    /// Required when dropping.
    dropped_reason: Option<String>,
}

impl TaskInput {
    fn draft(self) -> ApiResult<TaskDraft> {
        Ok(TaskDraft {
            title: self.title,
            focus_id: optional_id(self.focus_id.as_ref(), "focusId")?,
            body_id: optional_id(self.body_id.as_ref(), "bodyId")?,
            owner_person_id: optional_id(self.owner_person_id.as_ref(), "ownerPersonId")?,
            partner_ids: self.partner_ids.iter().map(|id| parse_id(id, "partnerIds")).collect::<ApiResult<_>>()?,
            planned_quarter: self.planned_quarter,
            due_on: self.due_on,
            resources: self.resources,
            expected_product: self.expected_product,
            success_measure: self.success_measure,
            metric_id: optional_id(self.metric_id.as_ref(), "metricId")?,
            status: self.status.into(),
            done_on: self.done_on,
            dropped_reason: self.dropped_reason,
        })
    }
}

#[derive(Default)]
pub struct TaskMutation;

#[Object]
impl TaskMutation {
    async fn create_task(&self, ctx: &Context<'_>, forum_id: ID, input: TaskInput) -> ApiResult<Task> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        Ok(Task(store::create(ctx.db(), ctx.actor()?, forum_id, input.draft()?, ctx.now()).await?))
    }

    async fn update_task(&self, ctx: &Context<'_>, id: ID, version: i32, input: TaskInput) -> ApiResult<Task> {
        let id = parse_id(&id, "id")?;
        Ok(Task(store::update(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?))
    }

    /// The chair (or the region's coordinator) approves the year's plan as it stands; later
    /// changes show against this version. Ticks the model's "work plan approved" milestone.
    async fn approve_work_plan(&self, ctx: &Context<'_>, forum_id: ID, year: i32) -> ApiResult<PlanApproval> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let row = store::approve(ctx.db(), ctx.actor()?, forum_id, year, ctx.now()).await?;
        let forum_tasks = store::by_forum_ids(ctx.db(), &[forum_id]).await?;
        Ok(PlanApproval { row, forum_tasks })
    }
}
