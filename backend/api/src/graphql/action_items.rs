//! Attendance, decisions as tracked action items, the decisions register, and "my agenda".

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use workit_domain::DomainError;
use workit_domain::meetings::{DecisionDraft, attendance_summary, decision_overdue};
use workit_persistence::PageRequest;
use workit_persistence::entities::{attendance, decisions};
use workit_persistence::meetings::action_items::{self as store, DecisionFilter};
use workit_persistence::meetings::{attendance as attendance_store, mine};

use super::directory::PersonObject;
use super::enums::{AttendanceStatus, DecisionStatus};
use super::loaders::{AttendanceOfMeeting, DecisionsOfMeeting, Loaders, MeetingKey, PersonKey};
use super::meetings::Meeting;
use super::{ContextExt, page_cost};
use crate::error::ApiResult;
use crate::graphql::arguments::{PageOf, optional_id, page, parse_id};

pub struct Attendance(pub attendance::Model);

#[Object]
impl Attendance {
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<PersonObject> {
        let person = ctx.loaders().load_one(PersonKey(self.0.person_id)).await?;
        person.map(PersonObject).ok_or_else(|| DomainError::NotFound { entity: "person" }.into())
    }
    async fn status(&self) -> ApiResult<AttendanceStatus> {
        Ok(self.0.status.0.into())
    }
}

/// Attendance against the two-thirds rule (excused counts as not in the room).
#[derive(SimpleObject)]
pub struct AttendanceSummary {
    invited: i32,
    attended: i32,
    recorded: i32,
    rate: Option<f64>,
    meets_two_thirds: Option<bool>,
}

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
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject))
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

/// Fields a meeting gains from this module.
pub async fn attendance_of(ctx: &Context<'_>, meeting_id: i64) -> ApiResult<Vec<Attendance>> {
    Ok(ctx
        .data_unchecked::<Loaders>()
        .load_one(AttendanceOfMeeting(meeting_id))
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(Attendance)
        .collect())
}

pub async fn summary_of(ctx: &Context<'_>, meeting_id: i64) -> ApiResult<AttendanceSummary> {
    let rows = ctx.loaders().load_one(AttendanceOfMeeting(meeting_id)).await?.unwrap_or_default();
    let summary = attendance_summary(rows.iter().map(|r| *r.status));
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    Ok(AttendanceSummary {
        invited: count(summary.invited),
        attended: count(summary.attended),
        recorded: count(summary.recorded),
        rate: summary.rate,
        meets_two_thirds: summary.meets_two_thirds,
    })
}

pub async fn decisions_of(ctx: &Context<'_>, meeting_id: i64) -> ApiResult<Vec<Decision>> {
    Ok(ctx
        .data_unchecked::<Loaders>()
        .load_one(DecisionsOfMeeting(meeting_id))
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(Decision)
        .collect())
}

/// The signed-in person's week: next meetings and open action items.
#[derive(SimpleObject)]
pub struct MyAgenda {
    next_meetings: Vec<Meeting>,
    open_action_items: Vec<Decision>,
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
pub struct ActionItemQuery;

#[Object]
impl ActionItemQuery {
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
        let rows = store::register(ctx.db(), ctx.actor()?, &filter, PageRequest::new(offset, limit)?).await?;
        Ok(page(rows, Decision))
    }

    async fn my_agenda(&self, ctx: &Context<'_>) -> ApiResult<MyAgenda> {
        let actor = ctx.actor()?;
        let next_meetings =
            mine::next_meetings(ctx.db(), actor, ctx.now(), 10).await?.into_iter().map(Meeting).collect();
        let open_action_items = mine::open_action_items(ctx.db(), actor).await?.into_iter().map(Decision).collect();
        Ok(MyAgenda { next_meetings, open_action_items })
    }
}

#[derive(Default)]
pub struct ActionItemMutation;

#[Object]
impl ActionItemMutation {
    /// Invites a guest (a person of the town outside the body).
    async fn invite_to_meeting(&self, ctx: &Context<'_>, meeting_id: ID, person_id: ID) -> ApiResult<Meeting> {
        let (meeting_id, person_id) = (parse_id(&meeting_id, "meetingId")?, parse_id(&person_id, "personId")?);
        attendance_store::invite(ctx.db(), ctx.actor()?, meeting_id, person_id, ctx.now()).await?;
        Ok(Meeting(workit_persistence::meetings::get(ctx.db(), ctx.actor()?, meeting_id).await?))
    }

    /// Records an invitee's attendance; someone not invited has none.
    async fn record_attendance(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        person_id: ID,
        status: AttendanceStatus,
    ) -> ApiResult<Meeting> {
        let (meeting_id, person_id) = (parse_id(&meeting_id, "meetingId")?, parse_id(&person_id, "personId")?);
        attendance_store::record(ctx.db(), ctx.actor()?, meeting_id, person_id, status.into(), ctx.now()).await?;
        Ok(Meeting(workit_persistence::meetings::get(ctx.db(), ctx.actor()?, meeting_id).await?))
    }

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
