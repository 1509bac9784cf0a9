//! The stakeholder map of a forum: where each stakeholder stands, what its quadrant prescribes,
//! how it moved, and the forum's engagement with it.

pub mod mapping;

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use workit_domain::meetings::minutes::israel_date;
use workit_domain::stakeholders::engagement::{EngagementDraft, InteractionDraft, is_overdue};
use workit_domain::stakeholders::map::{PlacementDraft, Position};
use workit_persistence::entities::stakeholder_interactions;
use workit_persistence::stakeholders::{self as store, Placed};

use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::{optional_id, parse_id};
use crate::graphql::directory::{Organisation, PersonObject};
use crate::graphql::enums::{InteractionKind, PrescribedAction, Quadrant, Sector, StepStatus};
use crate::graphql::forums::Forum;
use crate::graphql::loaders::{ForumKey, InteractionsOfStakeholder, OrganisationKey, PersonKey, UserNameKey};

/// A position on the 1–5 scale as the API writes it (3.5), from the stored tenths (35).
fn scale(tenths: i32) -> f64 {
    f64::from(tenths) / 10.0
}

/// A position the client sent, to the nearest tenth; what is no number at all lands off the
/// scale and is refused there.
fn tenths(value: f64) -> i32 {
    let rounded = (value * 10.0).round();
    if rounded.is_finite() && rounded.abs() < 1e6 { rounded as i32 } else { i32::MIN }
}

pub struct Stakeholder(pub Placed);

/// One move of a stakeholder on the map.
#[derive(SimpleObject)]
pub struct StakeholderMove {
    at: DateTime<Utc>,
    influence: f64,
    interest: f64,
    quadrant: Quadrant,
    reason: Option<String>,
    /// Who moved it (null for moves the system made, such as the demo data).
    moved_by: Option<String>,
}

pub struct Interaction(stakeholder_interactions::Model);

#[Object]
impl Interaction {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn kind(&self) -> InteractionKind {
        self.0.kind.0.into()
    }
    async fn occurred_on(&self) -> NaiveDate {
        self.0.occurred_on
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    async fn meeting_id(&self) -> Option<ID> {
        self.0.meeting_id.map(|id| ID::from(id.to_string()))
    }
    async fn body_id(&self) -> Option<ID> {
        self.0.body_id.map(|id| ID::from(id.to_string()))
    }
}

#[Object]
impl Stakeholder {
    async fn id(&self) -> ID {
        ID::from(self.0.row.id.to_string())
    }
    async fn version(&self) -> i32 {
        self.0.row.version
    }
    /// The organisation's name, or the person's.
    async fn name(&self) -> &str {
        match (&self.0.organisation, &self.0.person) {
            (Some(o), _) => &o.name,
            (_, Some(p)) => &p.full_name,
            _ => "",
        }
    }
    async fn organisation(&self) -> Option<Organisation> {
        self.0.organisation.clone().map(Organisation)
    }
    /// Set for people (shown only to those who work in the town).
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.row.person_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    /// The organisation's sector; for a person, their organisation's.
    async fn sector(&self, ctx: &Context<'_>) -> ApiResult<Option<Sector>> {
        if let Some(o) = &self.0.organisation {
            return Ok(Some(o.sector.0.into()));
        }
        let Some(organisation) = self.0.person.as_ref().and_then(|p| p.organisation_id) else { return Ok(None) };
        Ok(ctx.loaders().load_one(OrganisationKey(organisation)).await?.map(|o| o.sector.0.into()))
    }
    /// Whether it sits in one of the forum's bodies today (an organisation: through a member).
    async fn in_forum(&self) -> bool {
        self.0.in_forum
    }
    /// Influence, 1–5 (vertical axis).
    async fn influence(&self) -> f64 {
        scale(self.0.position.influence)
    }
    /// Interest and involvement, 1–5 (horizontal axis).
    async fn interest(&self) -> f64 {
        scale(self.0.position.interest)
    }
    async fn quadrant(&self) -> Quadrant {
        self.0.position.quadrant().into()
    }
    /// What its quadrant prescribes.
    async fn action(&self) -> PrescribedAction {
        self.0.position.quadrant().action().into()
    }
    async fn note(&self) -> Option<&str> {
        self.0.row.note.as_deref()
    }
    async fn next_step(&self) -> Option<&str> {
        self.0.row.next_step.as_deref()
    }
    async fn next_step_owner(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.row.next_step_owner_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    async fn next_step_due_on(&self) -> Option<NaiveDate> {
        self.0.row.next_step_due_on
    }
    async fn next_step_status(&self) -> StepStatus {
        self.0.row.next_step_status.0.into()
    }
    async fn next_step_overdue(&self, ctx: &Context<'_>) -> bool {
        is_overdue(self.0.row.next_step_due_on, self.0.row.next_step_status.0, israel_date(ctx.now()))
    }
    async fn forum(&self, ctx: &Context<'_>) -> ApiResult<Forum> {
        let forum = ctx.loaders().load_one(ForumKey(self.0.row.forum_id)).await?;
        forum.map(Forum::from).ok_or_else(|| workit_domain::DomainError::NotFound { entity: "forum" }.into())
    }
    /// Every move, oldest first: the first is where it was placed.
    async fn moves(&self, ctx: &Context<'_>) -> ApiResult<Vec<StakeholderMove>> {
        let mut moves = Vec::with_capacity(self.0.moves.len());
        for m in &self.0.moves {
            let moved_by = match m.moved_by {
                Some(user) => ctx.loaders().load_one(UserNameKey(user)).await?,
                None => None,
            };
            let position = store::as_move(m).position;
            moves.push(StakeholderMove {
                at: m.created_at,
                influence: scale(position.influence),
                interest: scale(position.interest),
                quadrant: position.quadrant().into(),
                reason: m.reason.clone(),
                moved_by,
            });
        }
        Ok(moves)
    }
    /// The contacts log, newest first.
    #[graphql(complexity = "20 * child_complexity")]
    async fn interactions(&self, ctx: &Context<'_>) -> ApiResult<Vec<Interaction>> {
        let rows = ctx.loaders().load_one(InteractionsOfStakeholder(self.0.row.id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Interaction).collect())
    }
}

#[derive(Default)]
pub struct StakeholderQuery;

/// The map's scale and where an axis turns high, so the web app draws the quadrants from the
/// one rule instead of repeating its numbers.
#[derive(SimpleObject)]
pub struct StakeholderScale {
    min: f64,
    max: f64,
    /// From here up an axis counts as high (the midpoint counts as high).
    high_from: f64,
}

/// Stakeholders a map shows at most (`MAX_STAKEHOLDERS_PER_MAP`), for query cost.
const MAP_COST: usize = workit_domain::stakeholders::map::MAX_STAKEHOLDERS_PER_MAP;

#[Object]
impl StakeholderQuery {
    async fn stakeholder_scale(&self) -> StakeholderScale {
        use workit_domain::stakeholders::map::{HIGH_FROM, SCALE_MAX, SCALE_MIN};
        StakeholderScale { min: scale(SCALE_MIN), max: scale(SCALE_MAX), high_from: scale(HIGH_FROM) }
    }

    /// The forum's stakeholder map, as it stands or as it stood at the end of `asOf`.
    #[graphql(complexity = "MAP_COST * child_complexity")]
    async fn stakeholders(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        as_of: Option<NaiveDate>,
    ) -> ApiResult<Vec<Stakeholder>> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let placed = store::map(ctx.db(), ctx.actor()?, forum_id, as_of, israel_date(ctx.now())).await?;
        Ok(placed.into_iter().map(Stakeholder).collect())
    }

    /// The town's organisations not on the forum's map yet.
    #[graphql(complexity = "MAP_COST * child_complexity")]
    async fn unplaced_organisations(&self, ctx: &Context<'_>, forum_id: ID) -> ApiResult<Vec<Organisation>> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        ctx.actor()?;
        Ok(store::unplaced_organisations(ctx.db(), forum_id).await?.into_iter().map(Organisation).collect())
    }
}

#[derive(InputObject)]
pub struct PlacementInput {
    organisation_id: Option<ID>,
    person_id: Option<ID>,
    /// 1–5, to a tenth.
    influence: f64,
    /// 1–5, to a tenth.
    interest: f64,
    note: Option<String>,
}

#[derive(InputObject)]
pub struct StakeholderInput {
    note: Option<String>,
    next_step: Option<String>,
    next_step_owner_id: Option<ID>,
    next_step_due_on: Option<NaiveDate>,
    #[graphql(default_with = "StepStatus::Planned")]
    next_step_status: StepStatus,
}

#[derive(InputObject)]
pub struct InteractionInput {
    kind: InteractionKind,
    occurred_on: NaiveDate,
    note: Option<String>,
    meeting_id: Option<ID>,
    body_id: Option<ID>,
}

#[derive(Default)]
pub struct StakeholderMutation;

impl StakeholderMutation {
    async fn one(ctx: &Context<'_>, id: i64) -> ApiResult<Stakeholder> {
        let row = store::get(ctx.db(), ctx.actor()?, id).await?;
        let placed = store::map(ctx.db(), ctx.actor()?, row.forum_id, None, israel_date(ctx.now())).await?;
        placed
            .into_iter()
            .find(|p| p.row.id == id)
            .map(Stakeholder)
            .ok_or_else(|| workit_domain::DomainError::NotFound { entity: "stakeholder" }.into())
    }
}

#[Object]
impl StakeholderMutation {
    /// Places an organisation or a person of the town on the forum's map.
    async fn place_stakeholder(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        input: PlacementInput,
    ) -> ApiResult<Stakeholder> {
        let forum_id = parse_id(&forum_id, "forumId")?;
        let draft = PlacementDraft {
            organisation_id: optional_id(input.organisation_id.as_ref(), "organisationId")?,
            person_id: optional_id(input.person_id.as_ref(), "personId")?,
            position: Position { influence: tenths(input.influence), interest: tenths(input.interest) },
            note: input.note,
        };
        let row = store::place(ctx.db(), ctx.actor()?, forum_id, draft, ctx.now()).await?;
        Self::one(ctx, row.id).await
    }

    /// Moves a stakeholder; the move is kept with its date, author and reason.
    async fn move_stakeholder(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        influence: f64,
        interest: f64,
        reason: Option<String>,
    ) -> ApiResult<Stakeholder> {
        let id = parse_id(&id, "id")?;
        let position = Position { influence: tenths(influence), interest: tenths(interest) };
        store::move_to(ctx.db(), ctx.actor()?, id, version, position, reason.as_deref(), ctx.now()).await?;
        Self::one(ctx, id).await
    }

    /// The note and the engagement plan's next step.
    async fn update_stakeholder(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: StakeholderInput,
    ) -> ApiResult<Stakeholder> {
        let id = parse_id(&id, "id")?;
        let engagement = EngagementDraft {
            next_step: input.next_step,
            owner_person_id: optional_id(input.next_step_owner_id.as_ref(), "nextStepOwnerId")?,
            due_on: input.next_step_due_on,
            status: input.next_step_status.into(),
        };
        store::update(ctx.db(), ctx.actor()?, id, version, input.note.as_deref(), engagement, ctx.now()).await?;
        Self::one(ctx, id).await
    }

    /// Takes a stakeholder off the map (the audit log keeps that it was there).
    async fn remove_stakeholder(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<bool> {
        let id = parse_id(&id, "id")?;
        store::remove(ctx.db(), ctx.actor()?, id, version, ctx.now()).await?;
        Ok(true)
    }

    /// Logs a contact with a stakeholder: met, called, invited, joined a body, declined.
    async fn log_stakeholder_interaction(
        &self,
        ctx: &Context<'_>,
        stakeholder_id: ID,
        input: InteractionInput,
    ) -> ApiResult<Stakeholder> {
        let stakeholder_id = parse_id(&stakeholder_id, "stakeholderId")?;
        let draft = InteractionDraft {
            kind: input.kind.into(),
            occurred_on: input.occurred_on,
            note: input.note,
            meeting_id: optional_id(input.meeting_id.as_ref(), "meetingId")?,
            body_id: optional_id(input.body_id.as_ref(), "bodyId")?,
        };
        let now = ctx.now();
        store::log_interaction(ctx.db(), ctx.actor()?, stakeholder_id, draft, israel_date(now), now).await?;
        Self::one(ctx, stakeholder_id).await
    }
}
