//! Attendance, decisions as tracked action items, the decisions register, and "my agenda".

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use workit_domain::DomainError;
use workit_domain::meetings::{DecisionDraft, decision_overdue};
use workit_persistence::db::read_if;
use workit_persistence::entities::decisions;
use workit_persistence::meetings::decisions::{self as store, DecisionFilter};
use workit_persistence::meetings::mine;

use super::Meeting;
use crate::error::ApiResult;
use crate::graphql::arguments::{PageOf, optional_id, page, page_request, parse_id};
use crate::graphql::directory::PersonObject;
use crate::graphql::enums::DecisionStatus;
use crate::graphql::loaders::{DecisionsOfMeeting, MeetingKey, PersonKey};
use crate::graphql::{ContextExt, page_cost};

pub struct Decision(pub decisions::Model);

#[Object]
impl Decision {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
    async fn owner(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.owner_person_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due_on
    }
    async fn status(&self) -> ApiResult<DecisionStatus> {
        Ok(self.0.status.0.into())
    }
    async fn overdue(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let status = self.0.status.0;
        Ok(decision_overdue(status, self.0.due_on, ctx.now().date_naive()))
    }
    /// The work-plan task this action item advances.
    async fn work_plan_task_id(&self) -> Option<ID> {
        self.0.work_plan_task_id.map(|id| ID::from(id.to_string()))
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn meeting(&self, ctx: &Context<'_>) -> ApiResult<Meeting> {
        let meeting = ctx.loaders().load_one(MeetingKey(self.0.meeting_id)).await?;
        meeting.map(Meeting).ok_or_else(|| DomainError::NotFound { entity: "meeting" }.into())
    }
}

pub async fn decisions_of(ctx: &Context<'_>, meeting_id: i64) -> ApiResult<Vec<Decision>> {
    Ok(ctx
        .loaders()
        .load_one(DecisionsOfMeeting(meeting_id))
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(Decision)
        .collect())
}

/// The signed-in person's week: next meetings and open action items. Each part is read only when
/// the query asks for it, and the parts asked for are read at once.
#[derive(SimpleObject)]
pub struct MyAgenda {
    next_meetings: Vec<Meeting>,
    open_action_items: Vec<Decision>,
    /// Metrics the person records with nothing for the last closed quarter yet.
    due_metrics: Vec<crate::graphql::plans::metrics::Metric>,
    /// Open next steps of stakeholder engagement plans the person owns, soonest due first.
    stakeholder_steps: Vec<crate::graphql::stakeholders::Stakeholder>,
    /// Work-plan tasks the person owns, open, soonest due first.
    open_tasks: Vec<crate::graphql::plans::tasks::Task>,
    /// Meetings whose minutes are circulated to the person and still open to comments.
    minutes_to_comment: Vec<Meeting>,
    /// For a chair: meetings whose circulated minutes wait for approval.
    minutes_to_approve: Vec<Meeting>,
    /// For a chair: quarterly controls written and not approved yet.
    controls_to_approve: Vec<ControlToApprove>,
    /// For a chair: forums whose stage has every milestone done, to move to the next stage.
    stage_moves_to_confirm: Vec<StageMoveToConfirm>,
}

/// A forum ready for its next stage; moving it stays the chair's step.
#[derive(SimpleObject)]
pub struct StageMoveToConfirm {
    town_id: ID,
    from_stage: crate::graphql::enums::Stage,
    to_stage: crate::graphql::enums::Stage,
}

/// A quarter's control that waits for the chair.
#[derive(SimpleObject)]
pub struct ControlToApprove {
    town_id: ID,
    /// `2026-Q3`.
    quarter: String,
}

#[derive(InputObject)]
pub struct DecisionInput {
    text: String,
    owner_person_id: Option<ID>,
    due_on: Option<NaiveDate>,
    #[graphql(default_with = "DecisionStatus::Open")]
    status: DecisionStatus,
    work_plan_task_id: Option<ID>,
}

impl DecisionInput {
    fn draft(self) -> ApiResult<DecisionDraft> {
        Ok(DecisionDraft {
            text: self.text,
            owner_person_id: optional_id(self.owner_person_id.as_ref(), "ownerPersonId")?,
            due_on: self.due_on,
            status: self.status.into(),
            work_plan_task_id: optional_id(self.work_plan_task_id.as_ref(), "workPlanTaskId")?,
        })
    }
}

#[derive(Default)]
pub struct DecisionQuery;

#[Object]
impl DecisionQuery {
    /// The decisions register of a town (or a body): filter by status, or only the overdue.
    #[graphql(complexity = "page_cost(limit, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn decisions(
        &self,
        ctx: &Context<'_>,
        town_id: Option<ID>,
        body_id: Option<ID>,
        status: Option<DecisionStatus>,
        #[graphql(default = false)] overdue: bool,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> ApiResult<PageOf<Decision>> {
        let filter = DecisionFilter {
            town_id: optional_id(town_id.as_ref(), "townId")?,
            body_id: optional_id(body_id.as_ref(), "bodyId")?,
            status: status.map(Into::into),
            owner_person_id: None,
            overdue_on: overdue.then(|| ctx.now().date_naive()),
        };
        let rows = store::register(ctx.db(), ctx.actor()?, &filter, page_request(ctx, offset, limit)?).await?;
        Ok(page(rows, Decision))
    }

    async fn my_agenda(&self, ctx: &Context<'_>) -> ApiResult<MyAgenda> {
        let actor = ctx.actor()?;
        let (db, now) = (ctx.db(), ctx.now());
        let asked = ctx.look_ahead();
        let wants = |field: &str| asked.field(field).exists();
        let last_quarter = workit_domain::plans::Quarter::last_closed(now);
        let today = workit_domain::meetings::minutes::israel_date(now);
        // The parts the query shows, read at once (ADR 0014, 0018).
        let (next, open_items, due, steps, tasks, to_comment, waiting) = futures::try_join!(
            read_if(wants("nextMeetings"), mine::next_meetings(db, actor, now, 10)),
            read_if(wants("openActionItems"), mine::open_action_items(db, actor)),
            read_if(wants("dueMetrics"), mine::due_metrics(db, actor, last_quarter)),
            read_if(wants("stakeholderSteps"), workit_persistence::stakeholders::steps_of_actor(db, actor, now)),
            read_if(wants("openTasks"), mine::open_tasks(db, actor)),
            read_if(wants("minutesToComment"), mine::minutes_to_comment(db, actor, today)),
            read_if(
                wants("minutesToApprove") || wants("controlsToApprove") || wants("stageMovesToConfirm"),
                mine::waiting_for_chair(db, actor)
            ),
        )?;
        let waiting = waiting.unwrap_or_default();
        let controls_to_approve = waiting
            .controls
            .iter()
            .filter_map(|c| {
                let quarter = workit_domain::plans::Quarter::from_code(c.control.quarter)?;
                Some(ControlToApprove { town_id: ID::from(c.town_id.to_string()), quarter: quarter.to_string() })
            })
            .collect();
        let stage_moves_to_confirm = waiting
            .stage_moves
            .iter()
            .map(|waiting| StageMoveToConfirm {
                town_id: ID::from(waiting.forum.town_id.to_string()),
                from_stage: (*waiting.forum.stage).into(),
                to_stage: waiting.to.into(),
            })
            .collect();
        Ok(MyAgenda {
            next_meetings: next.unwrap_or_default().into_iter().map(Meeting).collect(),
            open_action_items: open_items.unwrap_or_default().into_iter().map(Decision).collect(),
            due_metrics: due.unwrap_or_default().into_iter().map(crate::graphql::plans::metrics::Metric).collect(),
            stakeholder_steps: steps
                .unwrap_or_default()
                .into_iter()
                .map(crate::graphql::stakeholders::Stakeholder)
                .collect(),
            open_tasks: tasks.unwrap_or_default().into_iter().map(crate::graphql::plans::tasks::Task).collect(),
            minutes_to_comment: to_comment.unwrap_or_default().into_iter().map(Meeting).collect(),
            minutes_to_approve: waiting.minutes.into_iter().map(Meeting).collect(),
            controls_to_approve,
            stage_moves_to_confirm,
        })
    }
}

#[derive(Default)]
pub struct DecisionMutation;

#[Object]
impl DecisionMutation {
    async fn create_decision(&self, ctx: &Context<'_>, meeting_id: ID, input: DecisionInput) -> ApiResult<Decision> {
        let meeting_id = parse_id(&meeting_id, "meetingId")?;
        Ok(Decision(store::create(ctx.db(), ctx.actor()?, meeting_id, input.draft()?, ctx.now()).await?))
    }

    async fn update_decision(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: DecisionInput,
    ) -> ApiResult<Decision> {
        let id = parse_id(&id, "id")?;
        Ok(Decision(store::update(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?))
    }
}
