//! Meetings in GraphQL: plan from a template, a timed agenda, clear states, and history; the
//! meeting's attendance, decisions, minutes and e-mail are in the modules below.

pub mod attendance;
pub mod decisions;
pub mod minutes;
pub mod outbox;
pub mod templates;

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use workit_domain::DomainError;
use workit_domain::meetings::{self as rules, AgendaItemDraft, MeetingDraft};
use workit_persistence::entities::{agenda_items, meeting_events, meetings};
use workit_persistence::meetings::{self as store, MeetingFilter, NewMeeting};

use super::enums::{AgendaKind, MeetingStatus, RecordingGap};
use super::forums::Body;
use super::loaders::{
    AgendaOfMeeting, AttendanceOfMeeting, BodyKey, EventsOfMeeting, MinutesOfMeeting, PlanChangesOfMeeting, UserNameKey,
};
use super::plans::proposals::PlanChangeProposal;
use super::{ContextExt, page_cost};
use crate::error::ApiResult;
use crate::graphql::arguments::{PageOf, optional_id, page, page_request, parse_id};
use attendance::{Attendance, AttendanceSummary, attendance_of, summary_of};
use decisions::{Decision, decisions_of};
use minutes::{Minutes, can_edit_meeting_town};
use outbox::mail_extra;

pub struct Meeting(pub meetings::Model);

#[Object]
impl Meeting {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn body(&self, ctx: &Context<'_>) -> ApiResult<Body> {
        let body = ctx.loaders().load_one(BodyKey(self.0.body_id)).await?;
        body.map(Body).ok_or_else(|| DomainError::NotFound { entity: "body" }.into())
    }
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        rules::ends_at(self.0.starts_at, self.0.duration_minutes)
    }
    async fn duration_minutes(&self) -> i32 {
        self.0.duration_minutes
    }
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }
    async fn online_url(&self) -> Option<&str> {
        self.0.online_url.as_deref()
    }
    /// Every meeting has a goal, a course, a method and a product (domain §8).
    async fn goal(&self) -> Option<&str> {
        self.0.goal.as_deref()
    }
    async fn course(&self) -> Option<&str> {
        self.0.course.as_deref()
    }
    async fn method(&self) -> Option<&str> {
        self.0.method.as_deref()
    }
    async fn product(&self) -> Option<&str> {
        self.0.product.as_deref()
    }
    async fn status(&self) -> ApiResult<MeetingStatus> {
        Ok(self.0.status.0.into())
    }
    /// The template the meeting was planned from (e.g. `forum_4_focuses`).
    async fn template_key(&self) -> Option<&str> {
        self.0.template_key.as_deref()
    }
    async fn cancel_reason(&self) -> Option<&str> {
        self.0.cancel_reason.as_deref()
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    #[graphql(complexity = "rules::MAX_AGENDA_ITEMS * child_complexity")]
    async fn agenda(&self, ctx: &Context<'_>) -> ApiResult<Vec<AgendaItem>> {
        Ok(ctx
            .loaders()
            .load_one(AgendaOfMeeting(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(AgendaItem)
            .collect())
    }
    /// The agenda's minutes in total, and how far they run over the duration (null when they fit).
    async fn agenda_minutes(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let items = ctx.loaders().load_one(AgendaOfMeeting(self.0.id)).await?.unwrap_or_default();
        Ok(items.iter().map(|i| i.minutes).sum())
    }
    async fn agenda_overflow_minutes(&self, ctx: &Context<'_>) -> ApiResult<Option<i32>> {
        let items = ctx.loaders().load_one(AgendaOfMeeting(self.0.id)).await?.unwrap_or_default();
        Ok(rules::agenda_overflow(items.iter().map(|i| i.minutes), self.0.duration_minutes))
    }
    /// The invitees (the body's members when invitations go out, and guests) and their attendance.
    #[graphql(complexity = "rules::MAX_INVITEES * child_complexity")]
    async fn attendance(&self, ctx: &Context<'_>) -> ApiResult<Vec<Attendance>> {
        attendance_of(ctx, self.0.id).await
    }
    async fn attendance_summary(&self, ctx: &Context<'_>) -> ApiResult<AttendanceSummary> {
        summary_of(ctx, self.0.id).await
    }
    /// Decisions taken in the meeting: each with an owner and a due date is an action item.
    #[graphql(complexity = "rules::MAX_DECISIONS * child_complexity")]
    async fn decisions(&self, ctx: &Context<'_>) -> ApiResult<Vec<Decision>> {
        decisions_of(ctx, self.0.id).await
    }
    /// Plan changes a quarterly control brought to this meeting for decision.
    #[graphql(complexity = "workit_domain::plans::proposals::MAX_PROPOSALS * child_complexity")]
    async fn plan_changes(&self, ctx: &Context<'_>) -> ApiResult<Vec<PlanChangeProposal>> {
        let rows = ctx.loaders().load_one(PlanChangesOfMeeting(self.0.id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(PlanChangeProposal).collect())
    }
    /// Every version of the minutes, oldest first (drafts only for those who write them).
    #[graphql(complexity = "rules::MAX_MINUTES_VERSIONS * child_complexity")]
    async fn minutes(&self, ctx: &Context<'_>) -> ApiResult<Vec<Minutes>> {
        let versions = ctx.loaders().load_one(MinutesOfMeeting(self.0.id)).await?.unwrap_or_default();
        let can_edit = can_edit_meeting_town(ctx, self.0.body_id).await?;
        Ok(versions.into_iter().filter(|v| store::minutes::readable(v, can_edit)).map(Minutes).collect())
    }
    /// Whether the signed-in person may comment on circulated minutes: those who plan the
    /// town's meetings and the meeting's invitees.
    async fn viewer_may_comment(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        if can_edit_meeting_town(ctx, self.0.body_id).await? {
            return Ok(true);
        }
        let Some(person) = ctx.request().caller.as_ref().and_then(|caller| caller.user.person_id) else {
            return Ok(false);
        };
        let invitees = ctx.loaders().load_one(AttendanceOfMeeting(self.0.id)).await?;
        Ok(invitees.unwrap_or_default().iter().any(|a| a.person_id == person))
    }
    /// What is still to record once the meeting has passed: empty when nothing is missing.
    async fn recording_gaps(&self, ctx: &Context<'_>) -> ApiResult<Vec<RecordingGap>> {
        let loaders = ctx.loaders();
        let attendance = loaders.load_one(AttendanceOfMeeting(self.0.id)).await?.unwrap_or_default();
        let minutes = loaders.load_one(MinutesOfMeeting(self.0.id)).await?.unwrap_or_default();
        let gaps = rules::minutes::recording_gaps(
            self.0.status.0,
            rules::ends_at(self.0.starts_at, self.0.duration_minutes),
            ctx.now(),
            attendance.iter().any(|a| a.status != rules::AttendanceStatus::Invited),
            !minutes.is_empty(),
        );
        Ok(gaps.into_iter().map(Into::into).collect())
    }
    /// Created, rescheduled, each state change and cancellation, newest first: the newest
    /// `limit` (50 unless asked, at most 200) — a meeting moved many times keeps all of it.
    #[graphql(complexity = "super::page_cost(limit, child_complexity)")]
    async fn history(&self, ctx: &Context<'_>, limit: Option<i32>) -> ApiResult<Vec<MeetingEvent>> {
        let page = workit_persistence::PageRequest::new(None, limit)?;
        Ok(ctx
            .loaders()
            .load_one(EventsOfMeeting(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .take(usize::try_from(page.limit).unwrap_or(usize::MAX))
            .map(MeetingEvent)
            .collect())
    }
}

pub struct AgendaItem(pub agenda_items::Model);

#[Object]
impl AgendaItem {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn position(&self) -> i32 {
        self.0.position
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn kind(&self) -> ApiResult<AgendaKind> {
        Ok(self.0.kind.0.into())
    }
    async fn minutes(&self) -> i32 {
        self.0.minutes
    }
    async fn presenter(&self) -> Option<&str> {
        self.0.presenter.as_deref()
    }
    async fn links(&self) -> Vec<String> {
        store::links_of(&self.0)
    }
}

pub struct MeetingEvent(pub meeting_events::Model);

impl MeetingEvent {
    fn parts(&self) -> workit_domain::meetings::history::EventDetails {
        workit_domain::meetings::history::read(&self.0.kind, self.0.details.as_deref())
    }
}

#[Object]
impl MeetingEvent {
    /// `CREATED`, `RESCHEDULED`, or the state moved to.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// As stored (machine-written); the fields below give its parts for the UI to word.
    async fn details(&self) -> Option<&str> {
        self.0.details.as_deref()
    }
    async fn minutes_version(&self) -> Option<i32> {
        self.parts().minutes_version
    }
    async fn comment_deadline(&self) -> Option<chrono::NaiveDate> {
        self.parts().comment_deadline
    }
    async fn moved_from(&self) -> Option<DateTime<Utc>> {
        self.parts().moved_from.map(|(at, _)| at)
    }
    async fn moved_from_minutes(&self) -> Option<i32> {
        self.parts().moved_from.map(|(_, m)| m)
    }
    async fn moved_to(&self) -> Option<DateTime<Utc>> {
        self.parts().moved_to.map(|(at, _)| at)
    }
    async fn moved_to_minutes(&self) -> Option<i32> {
        self.parts().moved_to.map(|(_, m)| m)
    }
    /// What a person wrote with it: a cancellation's or a correction's reason.
    async fn reason(&self) -> Option<String> {
        self.parts().reason
    }
    async fn changed_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn changed_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(user) = self.0.changed_by else { return Ok(None) };
        Ok(ctx.loaders().load_one(UserNameKey(user)).await?)
    }
}

#[derive(SimpleObject)]
pub struct MeetingToRecord {
    meeting: Meeting,
    gaps: Vec<RecordingGap>,
}

#[derive(InputObject)]
pub struct MeetingInput {
    title: String,
    starts_at: DateTime<Utc>,
    /// Minutes (1–720). Left out: on creation the template's, or 180 for the forum and 90
    /// otherwise; on a change, the meeting keeps its length.
    duration_minutes: Option<i32>,
    place: Option<String>,
    online_url: Option<String>,
    goal: Option<String>,
    course: Option<String>,
    method: Option<String>,
    product: Option<String>,
}

impl MeetingInput {
    fn draft(self) -> MeetingDraft {
        MeetingDraft {
            title: self.title,
            starts_at: self.starts_at,
            duration_minutes: self.duration_minutes,
            place: self.place,
            online_url: self.online_url,
            goal: self.goal,
            course: self.course,
            method: self.method,
            product: self.product,
        }
    }
}

#[derive(InputObject)]
pub struct AgendaItemInput {
    title: String,
    kind: AgendaKind,
    minutes: i32,
    presenter: Option<String>,
    #[graphql(default)]
    links: Vec<String>,
}

#[derive(Default)]
pub struct MeetingQuery;

#[Object]
impl MeetingQuery {
    /// Meetings by start time, of a town's bodies or of one body, optionally within a period.
    #[graphql(complexity = "page_cost(limit, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        town_id: Option<ID>,
        body_id: Option<ID>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> ApiResult<PageOf<Meeting>> {
        let filter = MeetingFilter {
            town_id: optional_id(town_id.as_ref(), "townId")?,
            body_id: optional_id(body_id.as_ref(), "bodyId")?,
            from,
            to,
        };
        let rows = store::list(ctx.db(), ctx.actor()?, &filter, page_request(ctx, offset, limit)?).await?;
        Ok(page(rows, Meeting))
    }

    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Meeting> {
        Ok(Meeting(store::get(ctx.db(), ctx.actor()?, parse_id(&id, "id")?).await?))
    }

    /// The town's passed meetings that still need attendance, minutes or to be marked held.
    async fn meetings_to_record(&self, ctx: &Context<'_>, town_id: ID) -> ApiResult<Vec<MeetingToRecord>> {
        let town = parse_id(&town_id, "townId")?;
        let rows = store::to_record(ctx.db(), ctx.actor()?, town, ctx.now()).await?;
        Ok(rows
            .into_iter()
            .map(|(meeting, gaps)| MeetingToRecord {
                meeting: Meeting(meeting),
                gaps: gaps.into_iter().map(Into::into).collect(),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct MeetingMutation;

#[Object]
impl MeetingMutation {
    /// Plans a meeting as a draft, with the template's agenda; `carryOver` adds the previous
    /// meeting's decided-but-not-executed decisions as follow-up items.
    async fn create_meeting(
        &self,
        ctx: &Context<'_>,
        body_id: ID,
        input: MeetingInput,
        template_key: Option<String>,
        #[graphql(default = true)] carry_over: bool,
    ) -> ApiResult<Meeting> {
        let new = NewMeeting { body_id: parse_id(&body_id, "bodyId")?, draft: input.draft(), template_key, carry_over };
        Ok(Meeting(store::create(ctx.db(), ctx.actor()?, new, ctx.now()).await?))
    }

    /// Changes the plan while invitations can still change; a new time is kept in the history.
    async fn update_meeting(&self, ctx: &Context<'_>, id: ID, version: i32, input: MeetingInput) -> ApiResult<Meeting> {
        let id = parse_id(&id, "id")?;
        let draft = input.draft();
        let meeting = store::update(ctx.db(), ctx.actor()?, id, version, draft, &mail_extra(ctx), ctx.now()).await?;
        ctx.app().mail.wake();
        Ok(Meeting(meeting))
    }

    /// Replaces the agenda in the given order (reordering is sending the new order).
    async fn set_agenda(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        version: i32,
        items: Vec<AgendaItemInput>,
    ) -> ApiResult<Meeting> {
        let items = items
            .into_iter()
            .map(|i| AgendaItemDraft {
                title: i.title,
                kind: i.kind.into(),
                minutes: i.minutes,
                presenter: i.presenter,
                links: i.links,
            })
            .collect();
        let id = parse_id(&meeting_id, "meetingId")?;
        Ok(Meeting(store::set_agenda(ctx.db(), ctx.actor()?, id, version, items, ctx.now()).await?))
    }

    /// Sends invitations (e-mailed to the invitees), records it held, or cancels with a reason.
    /// Minutes are approved with `approveMinutes`.
    async fn set_meeting_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        status: MeetingStatus,
        reason: Option<String>,
    ) -> ApiResult<Meeting> {
        let id = parse_id(&id, "id")?;
        let (actor, extra, now) = (ctx.actor()?, mail_extra(ctx), ctx.now());
        let meeting =
            store::set_status(ctx.db(), actor, id, version, status.into(), reason.as_deref(), &extra, now).await?;
        ctx.app().mail.wake();
        Ok(Meeting(meeting))
    }
}
