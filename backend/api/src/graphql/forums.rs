use std::borrow::Cow;
use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, NaiveDate, Utc};
use workit_domain::DomainError;
use workit_domain::forums::{self as rules, BodyDraft, MembershipDraft};
use workit_persistence::entities::{bodies, forums, memberships};
use workit_persistence::forums as store;

use super::ContextExt;
use super::directory::PersonObject;
use super::enums::{BodyKind, MembershipRole, Stage};
use super::lifecycle::{HealthSignal, Milestone, StageChange};
use super::loaders::{
    BodiesOfForum, FocusesOfForum, ForumKey, HealthOfForum, MembersOfBody, MembersWithPeopleOfBody, MilestonesOfForum,
    PersonKey, StageChangesOfForum, TownKey,
};
use super::plans::control::{self, QuarterControl, ReadAbove, control_of};
use super::plans::focuses::StrategicFocus;
use super::plans::metrics::Metric;
use super::plans::tasks::{PlanApproval, Task, TaskFilter, plan_approval, work_plan};
use super::plans::year::{YearSummary, year_summary_of};
use super::towns::Town;
use crate::error::ApiResult;
use crate::graphql::arguments::{optional_id, parse_id};

/// A forum, with its control when the read that found it brought one (`control_of`).
#[derive(Clone)]
pub struct Forum(pub forums::Model, Option<Arc<ReadAbove>>);

impl From<forums::Model> for Forum {
    fn from(forum: forums::Model) -> Self {
        Self(forum, None)
    }
}

impl Forum {
    pub fn with_control(forum: forums::Model, control: ReadAbove) -> Self {
        Self(forum, Some(Arc::new(control)))
    }
}

#[Object]
impl Forum {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn stage(&self) -> ApiResult<Stage> {
        Ok(self.0.stage.0.into())
    }
    /// The stage as the model numbers it: 1, 2 or 3.
    async fn stage_number(&self) -> ApiResult<i32> {
        Ok(self.0.stage.0.number())
    }
    async fn stage_changed_at(&self) -> Option<DateTime<Utc>> {
        self.0.stage_changed_at
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn town(&self, ctx: &Context<'_>) -> ApiResult<Town> {
        let town = ctx.loaders().load_one(TownKey(self.0.town_id)).await?;
        town.map(Town::from).ok_or_else(|| DomainError::NotFound { entity: "town" }.into())
    }
    /// The milestone checklist, of one stage or of all three.
    async fn milestones(&self, ctx: &Context<'_>, stage: Option<Stage>) -> ApiResult<Vec<Milestone>> {
        let all = ctx.loaders().load_one(MilestonesOfForum(self.0.id)).await?.unwrap_or_default();
        let stage = stage.map(rules::Stage::from);
        Ok(all.into_iter().filter(|m| stage.is_none_or(|s| m.stage == s)).map(Milestone).collect())
    }
    async fn focuses(&self, ctx: &Context<'_>) -> ApiResult<Vec<StrategicFocus>> {
        let focuses = ctx.loaders().load_one(FocusesOfForum(self.0.id)).await?.unwrap_or_default();
        Ok(focuses.into_iter().map(StrategicFocus).collect())
    }
    /// The work plan's tasks, filtered (all when no filter is given).
    #[graphql(complexity = "200 * child_complexity")]
    async fn work_plan(&self, ctx: &Context<'_>, filter: Option<TaskFilter>) -> ApiResult<Vec<Task>> {
        work_plan(ctx, self.0.id, filter.unwrap_or_default()).await
    }
    /// The latest approval of the year's plan.
    async fn plan_approval(&self, ctx: &Context<'_>, year: i32) -> ApiResult<Option<PlanApproval>> {
        plan_approval(ctx, self.0.id, year).await
    }
    /// The quarterly control of a quarter (`2026-Q3`).
    async fn control(&self, ctx: &Context<'_>, quarter: String) -> ApiResult<QuarterControl> {
        control_of(ctx, self.0.id, &quarter, self.1.as_deref()).await
    }
    /// The forum's summary of a year: per focus its figures and what people wrote.
    async fn year_summary(&self, ctx: &Context<'_>, year: i32) -> ApiResult<YearSummary> {
        year_summary_of(ctx, self.0.id, year).await
    }
    /// Metrics of the forum's active focuses with nothing recorded for the last closed quarter.
    #[graphql(complexity = "20 * child_complexity")]
    async fn due_metrics(&self, ctx: &Context<'_>) -> ApiResult<Vec<Metric>> {
        let last = workit_domain::plans::Quarter::last_closed(ctx.now());
        let due = workit_persistence::plans::metrics::due(ctx.db(), Some(self.0.id), None, last).await?;
        Ok(due.into_iter().map(Metric).collect())
    }
    /// Stage moves, newest first: the forum's timeline.
    async fn stage_changes(&self, ctx: &Context<'_>) -> ApiResult<Vec<StageChange>> {
        let changes = ctx.loaders().load_one(StageChangesOfForum(self.0.id)).await?.unwrap_or_default();
        Ok(changes.into_iter().map(StageChange).collect())
    }
    /// The health signals of the forum (see the domain's `forums::health` for the thresholds).
    #[graphql(complexity = "20 * child_complexity")]
    async fn health(&self, ctx: &Context<'_>) -> ApiResult<Vec<HealthSignal>> {
        let signals = ctx.loaders().load_one(HealthOfForum(self.0.id)).await?.unwrap_or_default();
        Ok(signals.into_iter().map(HealthSignal::from).collect())
    }
    /// Steering committee, the forum itself, task teams and ad-hoc teams.
    #[graphql(complexity = "super::BODIES_PER_FORUM * child_complexity")]
    async fn bodies(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] include_archived: bool,
    ) -> ApiResult<Vec<Body>> {
        let bodies = ctx.loaders().load_one(BodiesOfForum(self.0.id)).await?.unwrap_or_default();
        Ok(bodies.into_iter().filter(|b| include_archived || b.archived_at.is_none()).map(Body).collect())
    }
}

pub struct Body(pub bodies::Model);

#[Object]
impl Body {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn kind(&self) -> ApiResult<BodyKind> {
        Ok(self.0.kind.0.into())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn starts_on(&self) -> Option<NaiveDate> {
        self.0.starts_on
    }
    async fn ends_on(&self) -> Option<NaiveDate> {
        self.0.ends_on
    }
    async fn archived(&self) -> bool {
        self.0.archived_at.is_some()
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The forum the body belongs to.
    async fn forum(&self, ctx: &Context<'_>) -> ApiResult<Forum> {
        let forum = ctx.loaders().load_one(ForumKey(self.0.forum_id)).await?;
        forum.map(Forum::from).ok_or_else(|| DomainError::NotFound { entity: "forum" }.into())
    }
    /// Closed: the body's end date has passed (ad-hoc teams are time-boxed).
    async fn closed(&self, ctx: &Context<'_>) -> bool {
        rules::is_closed(self.0.ends_on, ctx.now().date_naive())
    }
    /// The strategic focus a task team works on.
    async fn focus(&self, ctx: &Context<'_>) -> ApiResult<Option<StrategicFocus>> {
        let Some(focus) = self.0.focus_id else { return Ok(None) };
        let focuses = ctx.loaders().load_one(FocusesOfForum(self.0.forum_id)).await?.unwrap_or_default();
        Ok(focuses.into_iter().find(|f| f.id == focus).map(StrategicFocus))
    }
    async fn lead(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.lead_person_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    /// Memberships, current ones only unless `includePast` (history is kept).
    #[graphql(complexity = "super::MEMBERS_PER_BODY * child_complexity")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] include_past: bool,
    ) -> ApiResult<Vec<Membership>> {
        let today = ctx.now().date_naive();
        let keep = |m: &memberships::Model| include_past || rules::is_current(m.joined_on, m.left_on, today);
        // Asked for the people (and their organisations), the members come with them from one
        // batch instead of a batch per level and a loader call per member.
        let person = ctx.look_ahead().field("person");
        if person.exists() {
            let key = MembersWithPeopleOfBody { body: self.0.id, organisations: person.field("organisation").exists() };
            let rows = ctx.loaders().load_one(key).await?.unwrap_or_default();
            return Ok(rows
                .into_iter()
                .filter(|(member, _, _)| keep(member))
                .map(|(member, person, organisation)| {
                    let person = if key.organisations {
                        PersonObject::with_organisation(person, organisation)
                    } else {
                        PersonObject::from(person)
                    };
                    Membership(member, Some(person))
                })
                .collect());
        }
        let rows = ctx.loaders().load_one(MembersOfBody(self.0.id)).await?.unwrap_or_default();
        Ok(rows.into_iter().filter(keep).map(|member| Membership(member, None)).collect())
    }
}

/// A membership, with its person when the read that found it fetched them together.
pub struct Membership(pub memberships::Model, Option<PersonObject>);

#[Object]
impl Membership {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn role(&self) -> ApiResult<MembershipRole> {
        Ok(self.0.role.0.into())
    }
    async fn joined_on(&self) -> NaiveDate {
        self.0.joined_on
    }
    async fn left_on(&self) -> Option<NaiveDate> {
        self.0.left_on
    }
    async fn current(&self, ctx: &Context<'_>) -> bool {
        rules::is_current(self.0.joined_on, self.0.left_on, ctx.now().date_naive())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Cow<'_, PersonObject>> {
        PersonObject::lent_or_loaded(ctx, &self.1, self.0.person_id).await
    }
}

#[derive(InputObject)]
pub struct BodyInput {
    kind: BodyKind,
    name: String,
    starts_on: Option<NaiveDate>,
    /// Required for an ad-hoc team.
    ends_on: Option<NaiveDate>,
    /// Required for a task team: the strategic focus it works on.
    focus_id: Option<ID>,
    lead_person_id: Option<ID>,
}

impl BodyInput {
    fn draft(self) -> ApiResult<BodyDraft> {
        let kind: rules::BodyKind = self.kind.into();
        Ok(BodyDraft {
            kind,
            name: self.name,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            focus_id: optional_id(self.focus_id.as_ref(), "focusId")?,
            lead_person_id: optional_id(self.lead_person_id.as_ref(), "leadPersonId")?,
        })
    }
}

#[derive(InputObject)]
pub struct MembershipInput {
    role: MembershipRole,
    joined_on: NaiveDate,
    left_on: Option<NaiveDate>,
}

impl From<MembershipInput> for MembershipDraft {
    fn from(input: MembershipInput) -> Self {
        let role: rules::MembershipRole = input.role.into();
        Self { role, joined_on: input.joined_on, left_on: input.left_on }
    }
}

#[derive(Default)]
pub struct ForumQuery;

#[Object]
impl ForumQuery {
    async fn forum(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Forum> {
        let id = parse_id(&id, "id")?;
        // A control page starting at the forum: the forum comes in the control's statement.
        if let Some(asked) = control::asked_below(&ctx.look_ahead()) {
            let (_, forum) = control::with_levels(ctx, control::Key::Forum(id), asked).await?;
            return forum.ok_or_else(|| DomainError::NotFound { entity: "forum" }.into());
        }
        Ok(Forum::from(store::get(ctx.db(), ctx.actor()?, id).await?))
    }

    async fn body(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Body> {
        Ok(Body(store::get_body(ctx.db(), ctx.actor()?, parse_id(&id, "id")?).await?))
    }
}

#[derive(Default)]
pub struct ForumMutation;

#[Object]
impl ForumMutation {
    async fn create_body(&self, ctx: &Context<'_>, forum_id: ID, input: BodyInput) -> ApiResult<Body> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        Ok(Body(store::create_body(ctx.db(), ctx.actor()?, forum_id, input.draft()?, ctx.now()).await?))
    }

    async fn update_body(&self, ctx: &Context<'_>, id: ID, version: i32, input: BodyInput) -> ApiResult<Body> {
        let id = parse_id(&id, "id")?;
        Ok(Body(store::update_body(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?))
    }

    async fn set_body_archived(&self, ctx: &Context<'_>, id: ID, version: i32, archived: bool) -> ApiResult<Body> {
        let id = parse_id(&id, "id")?;
        Ok(Body(store::archive_body(ctx.db(), ctx.actor()?, id, version, archived, ctx.now()).await?))
    }

    async fn add_membership(
        &self,
        ctx: &Context<'_>,
        body_id: ID,
        person_id: ID,
        input: MembershipInput,
    ) -> ApiResult<Membership> {
        let (body_id, person_id) = (parse_id(&body_id, "bodyId")?, parse_id(&person_id, "personId")?);
        let membership =
            store::add_membership(ctx.db(), ctx.actor()?, body_id, person_id, input.into(), ctx.now()).await?;
        Ok(Membership(membership, None))
    }

    /// Changes a membership's role or dates; a `leftOn` date ends it and keeps the history.
    async fn update_membership(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: MembershipInput,
    ) -> ApiResult<Membership> {
        let id = parse_id(&id, "id")?;
        let membership = store::update_membership(ctx.db(), ctx.actor()?, id, version, input.into(), ctx.now()).await?;
        Ok(Membership(membership, None))
    }
}
