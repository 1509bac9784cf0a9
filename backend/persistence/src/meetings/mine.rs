//! The signed-in person's own agenda: their next meetings and their open action items.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use workit_domain::Actor;
use workit_domain::forums::is_current;
use workit_domain::meetings::{DecisionStatus, MeetingStatus};

use crate::entities::{decisions, meetings, memberships};
use crate::{Database, StoreResult};

/// The bodies the person sits in today.
async fn current_body_ids(db: &Database, person: i64, today: chrono::NaiveDate) -> StoreResult<Vec<i64>> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::PersonId.eq(person))
        .all(db)
        .await?
        .into_iter()
        .filter(|m| is_current(m.joined_on, m.left_on, today))
        .map(|m| m.body_id)
        .collect())
}

/// Upcoming meetings of the bodies the actor's person currently sits in.
pub async fn next_meetings(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
    limit: u64,
) -> StoreResult<Vec<meetings::Model>> {
    let Some(person) = actor.person else { return Ok(Vec::new()) };
    let today = now.date_naive();
    let body_ids = current_body_ids(db, person, today).await?;
    Ok(meetings::Entity::find()
        .filter(meetings::Column::BodyId.is_in(body_ids))
        .filter(meetings::Column::StartsAt.gte(now))
        .filter(meetings::Column::Status.ne(MeetingStatus::Cancelled.as_str()))
        .order_by_asc(meetings::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await?)
}

/// Open decisions the actor's person owns, soonest due first.
pub async fn open_action_items(db: &Database, actor: &Actor) -> StoreResult<Vec<decisions::Model>> {
    let Some(person) = actor.person else { return Ok(Vec::new()) };
    Ok(decisions::Entity::find()
        .filter(decisions::Column::OwnerPersonId.eq(person))
        .filter(decisions::Column::Status.eq(DecisionStatus::Open.as_str()))
        .order_by_asc(decisions::Column::DueOn)
        .limit(100)
        .all(db)
        .await?)
}

/// Metrics the actor's person records that have nothing for `quarter` (the last closed one).
pub async fn due_metrics(
    db: &Database,
    actor: &Actor,
    quarter: workit_domain::plans::Quarter,
) -> StoreResult<Vec<crate::entities::outcome_metrics::Model>> {
    let Some(person) = actor.person else { return Ok(Vec::new()) };
    crate::plans::metrics::due(db, None, Some(&[person]), quarter).await
}

/// Meetings of the person's current bodies in a window, cancelled ones included (a calendar
/// must learn of a cancellation to remove the event).
pub async fn meetings_for_feed(
    db: &Database,
    person_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> StoreResult<Vec<meetings::Model>> {
    let body_ids = current_body_ids(db, person_id, today).await?;
    Ok(meetings::Entity::find()
        .filter(meetings::Column::BodyId.is_in(body_ids))
        .filter(meetings::Column::StartsAt.gte(from))
        .filter(meetings::Column::StartsAt.lt(to))
        .order_by_asc(meetings::Column::StartsAt)
        .limit(500)
        .all(db)
        .await?)
}

/// Work-plan tasks the actor's person owns that are neither done nor dropped, soonest due first.
pub async fn open_tasks(db: &Database, actor: &Actor) -> StoreResult<Vec<crate::entities::work_plan_tasks::Model>> {
    use crate::entities::work_plan_tasks;
    use workit_domain::plans::TaskStatus;
    let Some(person) = actor.person else { return Ok(Vec::new()) };
    Ok(work_plan_tasks::Entity::find()
        .filter(work_plan_tasks::Column::OwnerPersonId.eq(person))
        .filter(work_plan_tasks::Column::Status.is_not_in([TaskStatus::Done.as_str(), TaskStatus::Dropped.as_str()]))
        .order_by_asc(work_plan_tasks::Column::DueOn)
        .limit(100)
        .all(db)
        .await?)
}

/// Meetings of the person's bodies whose minutes are circulated and still open to comments.
pub async fn minutes_to_comment(
    db: &Database,
    actor: &Actor,
    today: chrono::NaiveDate,
) -> StoreResult<Vec<meetings::Model>> {
    use crate::entities::minutes_versions;
    let Some(person) = actor.person else { return Ok(Vec::new()) };
    let body_ids = current_body_ids(db, person, today).await?;
    if body_ids.is_empty() {
        return Ok(Vec::new());
    }
    let open_to_comments =
        meetings_with_circulated_minutes().and_where(minutes_versions::Column::CommentDeadline.gte(today)).to_owned();
    Ok(meetings::Entity::find()
        .filter(meetings::Column::BodyId.is_in(body_ids))
        .filter(meetings::Column::Id.in_subquery(open_to_comments))
        .order_by_asc(meetings::Column::StartsAt)
        .all(db)
        .await?)
}

/// The ids of the meetings whose minutes are out for comments (a subquery).
fn meetings_with_circulated_minutes() -> SelectStatement {
    use crate::entities::minutes_versions;
    use workit_domain::meetings::minutes::MinutesStatus;
    Query::select()
        .column(minutes_versions::Column::MeetingId)
        .from(minutes_versions::Entity)
        .and_where(minutes_versions::Column::Status.eq(MinutesStatus::Circulated.as_str()))
        .to_owned()
}

/// A forum whose stage is done: every milestone of it ticked, the next stage not entered yet.
#[derive(Debug, Clone)]
pub struct StageMoveWaiting {
    pub forum: crate::entities::forums::Model,
    pub to: workit_domain::forums::Stage,
}

/// A quarterly control written and not approved, with its forum's town.
#[derive(Debug, Clone)]
pub struct ControlWaiting {
    pub control: crate::entities::quarterly_controls::Model,
    pub town_id: workit_domain::TownId,
}

/// What waits for a chair, in the towns where they chair.
#[derive(Debug, Default)]
pub struct WaitingForChair {
    /// Meetings whose latest minutes are circulated (the comment period running or over).
    pub minutes: Vec<meetings::Model>,
    pub controls: Vec<ControlWaiting>,
    /// Forums ready to move to their next stage.
    pub stage_moves: Vec<StageMoveWaiting>,
}

impl WaitingForChair {
    pub fn is_empty(&self) -> bool {
        self.minutes.is_empty() && self.controls.is_empty() && self.stage_moves.is_empty()
    }
}

/// What waits for the actor's approval as a chair (see `WaitingForChair`).
pub async fn waiting_for_chair(db: &Database, actor: &Actor) -> StoreResult<WaitingForChair> {
    use crate::entities::{bodies, forums, milestones, quarterly_controls};
    use workit_domain::TownRole;
    use workit_domain::forums::stages::ready_to_move;
    use workit_domain::plans::control::ControlStatus;
    let towns: Vec<i64> =
        actor.towns.iter().filter(|(_, roles)| roles.contains(&TownRole::Chair)).map(|(town, _)| *town).collect();
    if towns.is_empty() {
        return Ok(WaitingForChair::default());
    }
    let chaired = forums::Entity::find().filter(forums::Column::TownId.is_in(towns)).all(db).await?;
    if chaired.is_empty() {
        return Ok(WaitingForChair::default());
    }
    let forum_ids = || chaired.iter().map(|f| f.id);
    let their_bodies = Query::select()
        .column(bodies::Column::Id)
        .from(bodies::Entity)
        .and_where(bodies::Column::ForumId.is_in(forum_ids()))
        .to_owned();
    let circulated = meetings_with_circulated_minutes();
    // Held meetings of the chaired forums' bodies whose minutes are out for comments: the
    // chair approves them.
    let minutes = meetings::Entity::find()
        .filter(meetings::Column::BodyId.in_subquery(their_bodies))
        .filter(meetings::Column::Status.eq(MeetingStatus::Held.as_str()))
        .filter(meetings::Column::Id.in_subquery(circulated))
        .order_by_asc(meetings::Column::StartsAt)
        .all(db);
    let controls = quarterly_controls::Entity::find()
        .filter(quarterly_controls::Column::ForumId.is_in(forum_ids()))
        .filter(quarterly_controls::Column::Status.eq(ControlStatus::Draft.as_str()))
        .order_by_asc(quarterly_controls::Column::Quarter)
        .all(db);
    let milestones = milestones::Entity::find()
        .select_only()
        .column(milestones::Column::ForumId)
        .column(milestones::Column::Stage)
        .column(milestones::Column::DoneOn)
        .filter(milestones::Column::ForumId.is_in(forum_ids()))
        .into_tuple::<(i64, String, Option<chrono::NaiveDate>)>()
        .all(db);
    let (minutes, controls, milestones) = futures::try_join!(minutes, controls, milestones)?;
    let controls = controls
        .into_iter()
        .filter_map(|control| {
            let town_id = chaired.iter().find(|f| f.id == control.forum_id)?.town_id;
            Some(ControlWaiting { control, town_id })
        })
        .collect();
    let stage_moves = chaired
        .into_iter()
        .filter_map(|forum| {
            let current = *forum.stage;
            let of_stage = milestones.iter().filter(|(id, stage, _)| *id == forum.id && stage == current.as_str());
            let open = of_stage.clone().filter(|(_, _, done)| done.is_none()).count();
            let to = ready_to_move(current, of_stage.count(), open)?;
            Some(StageMoveWaiting { forum, to })
        })
        .collect();
    Ok(WaitingForChair { minutes, controls, stage_moves })
}
