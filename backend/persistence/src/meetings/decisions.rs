//! Decisions of meetings: each with an owner and a due date is a tracked action item, and the
//! register across all bodies of a town makes "decided but not executed" one click away.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use workit_domain::meetings::{self as rules, DecisionDraft, DecisionStatus, MeetingStatus};
use workit_domain::validation::{FieldError, codes};
use workit_domain::{Action, Actor, DomainError, TownId};

use super::authorized;
use crate::entities::{bodies, decisions, meetings, people, work_plan_tasks};
use crate::joined::AllByPosition;
use crate::room::check_room;
use crate::versioned::{VersionedWrite, insert_audited, not_found, write_if_current};
use crate::{Database, Page, PageRequest, StoreResult};

/// Joins each decision of `select` (which reads from `decisions`) to its meeting and the
/// meeting's body, so the statement can filter or group by `bodies.forum_id`: a decision
/// reaches its forum only through them.
pub(crate) fn join_forum(select: &mut sea_orm::sea_query::SelectStatement) -> &mut sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::{Expr, ExprTrait};
    select
        .inner_join(
            meetings::Entity,
            Expr::col((meetings::Entity, meetings::Column::Id))
                .equals((decisions::Entity, decisions::Column::MeetingId)),
        )
        .inner_join(
            bodies::Entity,
            Expr::col((bodies::Entity, bodies::Column::Id)).equals((meetings::Entity, meetings::Column::BodyId)),
        )
}

async fn check_links(db: &Database, forum_id: i64, town: TownId, draft: &DecisionDraft) -> StoreResult<()> {
    if let Some(owner) = draft.owner_person_id {
        let person = people::Entity::find_by_id(owner).one(db).await?;
        if person.is_none_or(|p| p.town_id != town) {
            return Err(DomainError::validation("ownerPersonId", codes::INVALID_CHOICE).into());
        }
    }
    if let Some(task) = draft.work_plan_task_id {
        let task = work_plan_tasks::Entity::find_by_id(task).one(db).await?;
        if task.is_none_or(|t| t.forum_id != forum_id) {
            return Err(DomainError::validation("workPlanTaskId", codes::INVALID_CHOICE).into());
        }
    }
    Ok(())
}

/// Decisions are taken in a meeting that is happening or has happened.
pub async fn create(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    draft: DecisionDraft,
    now: DateTime<Utc>,
) -> StoreResult<decisions::Model> {
    let (meeting, body, town) = authorized(db, actor, meeting_id, Action::EditForum).await?;
    if !matches!(*meeting.status, MeetingStatus::InvitationsSent | MeetingStatus::Held) {
        return Err(DomainError::Validation(vec![
            FieldError::new("status", codes::DECISIONS_CLOSED).with("status", meeting.status),
        ])
        .into());
    }
    let draft = draft.validated()?;
    check_links(db, body.forum_id, town, &draft).await?;
    check_room::<decisions::Entity>(db, decisions::Column::MeetingId, meeting_id, "decisions", rules::MAX_DECISIONS)
        .await?;
    let row = decisions::ActiveModel {
        meeting_id: Set(meeting_id),
        agenda_item_id: Set(None),
        text: Set(draft.text),
        owner_person_id: Set(draft.owner_person_id),
        due_on: Set(draft.due_on),
        status: Set(draft.status.into()),
        work_plan_task_id: Set(draft.work_plan_task_id),
        ..Default::default()
    };
    let decision = insert_audited(db, actor, "decision", row, now).await?;
    Ok(decision)
}

/// Follow-up: owner, due date, status (done or cancelled) and the linked task.
pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: DecisionDraft,
    now: DateTime<Utc>,
) -> StoreResult<decisions::Model> {
    let current = decisions::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("decision"))?;
    let (_, body, town) = authorized(db, actor, current.meeting_id, Action::EditForum).await?;
    let draft = draft.validated()?;
    check_links(db, body.forum_id, town, &draft).await?;
    let changes = decisions::ActiveModel {
        text: Set(draft.text),
        owner_person_id: Set(draft.owner_person_id),
        due_on: Set(draft.due_on),
        status: Set(draft.status.into()),
        work_plan_task_id: Set(draft.work_plan_task_id),
        ..Default::default()
    };
    let write = VersionedWrite::update("decision", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    decisions::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("decision"))
}

pub async fn by_meeting_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<decisions::Model>> {
    Ok(decisions::Entity::find()
        .filter(decisions::Column::MeetingId.is_in(ids.iter().copied()))
        .order_by_asc(decisions::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn meetings_by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<meetings::Model>> {
    Ok(meetings::Entity::find().filter(meetings::Column::Id.is_in(ids.iter().copied())).all_by_position(db).await?)
}

#[derive(Debug, Default, Clone)]
pub struct DecisionFilter {
    pub town_id: Option<TownId>,
    pub body_id: Option<i64>,
    pub status: Option<DecisionStatus>,
    pub owner_person_id: Option<i64>,
    /// Open past their due date on this day.
    pub overdue_on: Option<NaiveDate>,
}

/// The register: decisions across all bodies of a town (or one body), due date first.
pub async fn register(
    db: &Database,
    _actor: &Actor,
    filter: &DecisionFilter,
    page: PageRequest,
) -> StoreResult<Page<decisions::Model>> {
    let mut query = decisions::Entity::find();
    let mut body_ids: Option<Vec<i64>> = match filter.town_id {
        Some(town) => Some(super::body_ids_of_town(db, town).await?),
        None => None,
    };
    if let Some(body) = filter.body_id {
        body_ids = Some(body_ids.map_or(vec![body], |ids| ids.into_iter().filter(|id| *id == body).collect()));
    }
    if let Some(body_ids) = body_ids {
        let meeting_ids: Vec<i64> = meetings::Entity::find()
            .select_only()
            .column(meetings::Column::Id)
            .filter(meetings::Column::BodyId.is_in(body_ids))
            .into_tuple()
            .all(db)
            .await?;
        query = query.filter(decisions::Column::MeetingId.is_in(meeting_ids));
    }
    if let Some(status) = filter.status {
        query = query.filter(decisions::Column::Status.eq(status.as_str()));
    }
    if let Some(owner) = filter.owner_person_id {
        query = query.filter(decisions::Column::OwnerPersonId.eq(owner));
    }
    if let Some(today) = filter.overdue_on {
        query = query
            .filter(decisions::Column::Status.eq(DecisionStatus::Open.as_str()))
            .filter(decisions::Column::DueOn.lt(today));
    }
    crate::page::fetch(db, query.order_by_asc(decisions::Column::DueOn).order_by_asc(decisions::Column::Id), page).await
}
