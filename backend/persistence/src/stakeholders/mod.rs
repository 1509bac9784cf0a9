//! A forum's stakeholder map: placements, moves, the engagement plan and the contacts log
//! (domain §9). Town roles edit their town's map and coordinators their region's
//! (`Action::EditForum`); everyone signed in reads it, but people on a map are named only to
//! those who work in the town (`Actor::works_in`) — everyone else sees its organisations.

pub mod mapping;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use workit_domain::forums::is_current;
use workit_domain::stakeholders::engagement::{EngagementDraft, InteractionDraft, MAX_INTERACTIONS, StepStatus};
use workit_domain::stakeholders::map::{
    MAX_STAKEHOLDERS_PER_MAP, Move, PlacementDraft, Position, Subject, position_as_of, validated_reason,
};
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, Scope, TownId};

use crate::entities::{
    bodies, forums, meetings, memberships, organisations, people, stakeholder_interactions, stakeholder_moves,
    stakeholders,
};
use crate::room::check_room;
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, StoreResult, audit, scope};

/// One stakeholder as the map shows it: where it stands (now or on the day asked), its whole
/// trajectory, who it is and whether it sits in the forum today.
#[derive(Debug, Clone)]
pub struct Placed {
    pub row: stakeholders::Model,
    pub position: Position,
    pub moves: Vec<stakeholder_moves::Model>,
    pub organisation: Option<organisations::Model>,
    /// Set only for people, and only for those who work in the town.
    pub person: Option<people::Model>,
    pub in_forum: bool,
}

/// The forum's town and its scope, with the forum itself.
async fn forum_scope(db: &Database, forum_id: i64) -> StoreResult<(forums::Model, Scope)> {
    let forum = forums::Entity::find_by_id(forum_id).one(db).await?.ok_or_else(|| not_found("forum"))?;
    let scope = scope::town(db, forum.town_id).await?;
    Ok((forum, scope))
}

/// The people and organisations sitting in one of the forum's bodies on `today`.
async fn in_forum(db: &Database, forum_id: i64, today: NaiveDate) -> StoreResult<(BTreeSet<i64>, BTreeSet<i64>)> {
    let body_ids: Vec<i64> = bodies::Entity::find()
        .filter(bodies::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .iter()
        .map(|b| b.id)
        .collect();
    let person_ids: BTreeSet<i64> = memberships::Entity::find()
        .filter(memberships::Column::BodyId.is_in(body_ids))
        .all(db)
        .await?
        .into_iter()
        .filter(|m| is_current(m.joined_on, m.left_on, today))
        .map(|m| m.person_id)
        .collect();
    let organisation_ids = people::Entity::find()
        .filter(people::Column::Id.is_in(person_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| p.organisation_id)
        .collect();
    Ok((person_ids, organisation_ids))
}

/// The forum's map — as it stands, or at the end of `as_of` (stakeholders placed later left
/// out) — in a constant number of statements.
pub async fn map(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> StoreResult<Vec<Placed>> {
    let (_, scope) = forum_scope(db, forum_id).await?;
    let names_people = actor.works_in(scope);
    let mut query = stakeholders::Entity::find().filter(stakeholders::Column::ForumId.eq(forum_id));
    if !names_people {
        query = query.filter(stakeholders::Column::PersonId.is_null());
    }
    let rows = query.order_by_asc(stakeholders::Column::Id).all(db).await?;
    let mut moves: BTreeMap<i64, Vec<stakeholder_moves::Model>> = BTreeMap::new();
    for m in stakeholder_moves::Entity::find()
        .filter(stakeholder_moves::Column::StakeholderId.is_in(rows.iter().map(|r| r.id)))
        .order_by_asc(stakeholder_moves::Column::CreatedAt)
        .order_by_asc(stakeholder_moves::Column::Id)
        .all(db)
        .await?
    {
        moves.entry(m.stakeholder_id).or_default().push(m);
    }
    let organisations: BTreeMap<i64, organisations::Model> = organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(rows.iter().filter_map(|r| r.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut people: BTreeMap<i64, people::Model> = people::Entity::find()
        .filter(people::Column::Id.is_in(rows.iter().filter_map(|r| r.person_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let (people_in_forum, organisations_in_forum) = in_forum(db, forum_id, today).await?;
    let mut placed = Vec::with_capacity(rows.len());
    for row in rows {
        let trajectory = moves.remove(&row.id).unwrap_or_default();
        let position = match as_of {
            None => Position { influence: row.influence_tenths, interest: row.interest_tenths },
            Some(day) => {
                let history: Vec<Move> = trajectory.iter().map(as_move).collect();
                let Some(position) = position_as_of(&history, day) else { continue };
                position
            }
        };
        let in_forum = match (row.organisation_id, row.person_id) {
            (Some(o), _) => organisations_in_forum.contains(&o),
            (_, Some(p)) => people_in_forum.contains(&p),
            _ => false,
        };
        placed.push(Placed {
            organisation: row.organisation_id.and_then(|id| organisations.get(&id).cloned()),
            person: row.person_id.and_then(|id| people.remove(&id)),
            position,
            moves: trajectory,
            in_forum,
            row,
        });
    }
    Ok(placed)
}

pub fn as_move(m: &stakeholder_moves::Model) -> Move {
    Move { at: m.created_at, position: Position { influence: m.influence_tenths, interest: m.interest_tenths } }
}

/// One stakeholder, with the same privacy as the map.
pub async fn get(db: &Database, actor: &Actor, id: i64) -> StoreResult<stakeholders::Model> {
    let row = stakeholders::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("stakeholder"))?;
    if row.person_id.is_some() {
        let (_, scope) = forum_scope(db, row.forum_id).await?;
        if !actor.works_in(scope) {
            return Err(not_found("stakeholder"));
        }
    }
    Ok(row)
}

/// The town's organisations not on the forum's map yet, by name.
pub async fn unplaced_organisations(db: &Database, forum_id: i64) -> StoreResult<Vec<organisations::Model>> {
    let (forum, _) = forum_scope(db, forum_id).await?;
    let placed: BTreeSet<i64> = stakeholders::Entity::find()
        .filter(stakeholders::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| s.organisation_id)
        .collect();
    Ok(organisations::Entity::find()
        .filter(organisations::Column::TownId.eq(forum.town_id))
        .filter(organisations::Column::ArchivedAt.is_null())
        .order_by_asc(organisations::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| !placed.contains(&o.id))
        .collect())
}

async fn authorize_edit(db: &Database, actor: &Actor, forum_id: i64) -> StoreResult<TownId> {
    let (forum, scope) = forum_scope(db, forum_id).await?;
    actor.authorize(Action::EditForum, scope)?;
    Ok(forum.town_id)
}

fn invalid(field: &str, code: &'static str) -> crate::StoreError {
    DomainError::validation(field, code).into()
}

/// Places an organisation or a person of the forum's town on its map, with its first move.
pub async fn place(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    draft: PlacementDraft,
    now: DateTime<Utc>,
) -> StoreResult<stakeholders::Model> {
    let town = authorize_edit(db, actor, forum_id).await?;
    let valid = draft.validated()?;
    let (organisation_id, person_id, column, field) = match valid.subject {
        Subject::Organisation(id) => {
            let found = organisations::Entity::find_by_id(id).one(db).await?;
            if found.is_none_or(|o| o.town_id != town || o.archived_at.is_some()) {
                return Err(invalid("organisationId", codes::INVALID_CHOICE));
            }
            (Some(id), None, stakeholders::Column::OrganisationId, "organisationId")
        }
        Subject::Person(id) => {
            let found = people::Entity::find_by_id(id).one(db).await?;
            if found.is_none_or(|p| p.town_id != town || p.archived_at.is_some()) {
                return Err(invalid("personId", codes::INVALID_CHOICE));
            }
            (None, Some(id), stakeholders::Column::PersonId, "personId")
        }
    };
    let subject_id = organisation_id.or(person_id).unwrap_or_default();
    let already = stakeholders::Entity::find()
        .filter(stakeholders::Column::ForumId.eq(forum_id))
        .filter(column.eq(subject_id))
        .count(db)
        .await?;
    if already > 0 {
        return Err(invalid(field, codes::TAKEN));
    }
    check_room::<stakeholders::Entity>(
        db,
        stakeholders::Column::ForumId,
        forum_id,
        "stakeholders",
        MAX_STAKEHOLDERS_PER_MAP,
    )
    .await?;
    let txn = db.begin().await?;
    let row = insert_new(
        &txn,
        stakeholders::ActiveModel {
            forum_id: Set(forum_id),
            organisation_id: Set(organisation_id),
            person_id: Set(person_id),
            influence_tenths: Set(valid.position.influence),
            interest_tenths: Set(valid.position.interest),
            note: Set(valid.note),
            next_step_status: Set(StepStatus::Planned.into()),
            ..Default::default()
        },
        now,
    )
    .await?;
    record_move(&txn, actor, row.id, valid.position, None, now).await?;
    audit::record(&txn, actor, "create", "stakeholder", row.id, now).await?;
    txn.commit().await?;
    Ok(row)
}

async fn record_move(
    conn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    stakeholder_id: i64,
    position: Position,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    stakeholder_moves::ActiveModel {
        created_at: Set(now),
        stakeholder_id: Set(stakeholder_id),
        influence_tenths: Set(position.influence),
        interest_tenths: Set(position.interest),
        reason: Set(reason),
        moved_by: Set(Some(actor.user_id)),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Moves a stakeholder, keeping the move in its history. Based on a stale version, nothing
/// changes and the caller gets `CONFLICT` (with the version it now has, to show where it is).
pub async fn move_to(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    position: Position,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<stakeholders::Model> {
    let current = get(db, actor, id).await?;
    authorize_edit(db, actor, current.forum_id).await?;
    let position = position.validated()?;
    let reason = validated_reason(reason)?;
    let txn = db.begin().await?;
    let write =
        VersionedWrite { action: "move", ..VersionedWrite::update("stakeholder", id, version, current.version) };
    let changes = stakeholders::ActiveModel {
        influence_tenths: Set(position.influence),
        interest_tenths: Set(position.interest),
        ..Default::default()
    };
    update_if_current(&txn, &write, changes, now).await?;
    record_move(&txn, actor, id, position, reason, now).await?;
    audit::record(&txn, actor, "move", "stakeholder", id, now).await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// The note and the engagement plan's next step.
pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    note: Option<&str>,
    engagement: EngagementDraft,
    now: DateTime<Utc>,
) -> StoreResult<stakeholders::Model> {
    let current = get(db, actor, id).await?;
    let town = authorize_edit(db, actor, current.forum_id).await?;
    let mut v = workit_domain::Validator::new();
    let note = v.optional_text("note", note, 1000);
    v.finish()?;
    let engagement = engagement.validated()?;
    if let Some(owner) = engagement.owner_person_id {
        let found = people::Entity::find_by_id(owner).one(db).await?;
        if found.is_none_or(|p| p.town_id != town) {
            return Err(invalid("nextStepOwnerId", codes::INVALID_CHOICE));
        }
    }
    let changes = stakeholders::ActiveModel {
        note: Set(note),
        next_step: Set(engagement.next_step),
        next_step_owner_id: Set(engagement.owner_person_id),
        next_step_due_on: Set(engagement.due_on),
        next_step_status: Set(engagement.status.into()),
        ..Default::default()
    };
    crate::versioned::write_if_current(
        db,
        actor,
        VersionedWrite::update("stakeholder", id, version, current.version),
        changes,
        now,
    )
    .await?;
    get(db, actor, id).await
}

/// Takes a stakeholder off the map, with its history; the audit log keeps that it was there.
pub async fn remove(db: &Database, actor: &Actor, id: i64, version: i32, now: DateTime<Utc>) -> StoreResult<()> {
    let current = get(db, actor, id).await?;
    authorize_edit(db, actor, current.forum_id).await?;
    let txn = db.begin().await?;
    let removed = stakeholders::Entity::delete_many()
        .filter(stakeholders::Column::Id.eq(id))
        .filter(stakeholders::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(DomainError::stale("stakeholder", current.version).into());
    }
    audit::record(&txn, actor, "delete", "stakeholder", id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Logs a contact with a stakeholder; a meeting or body it names must be the forum's.
pub async fn log_interaction(
    db: &Database,
    actor: &Actor,
    stakeholder_id: i64,
    draft: InteractionDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<stakeholder_interactions::Model> {
    let stakeholder = get(db, actor, stakeholder_id).await?;
    authorize_edit(db, actor, stakeholder.forum_id).await?;
    let valid = draft.validated(today)?;
    let forum_bodies: Vec<i64> = bodies::Entity::find()
        .filter(bodies::Column::ForumId.eq(stakeholder.forum_id))
        .all(db)
        .await?
        .iter()
        .map(|b| b.id)
        .collect();
    if valid.body_id.is_some_and(|b| !forum_bodies.contains(&b)) {
        return Err(invalid("bodyId", codes::INVALID_CHOICE));
    }
    if let Some(meeting) = valid.meeting_id {
        let found = meetings::Entity::find_by_id(meeting).one(db).await?;
        if found.is_none_or(|m| !forum_bodies.contains(&m.body_id)) {
            return Err(invalid("meetingId", codes::INVALID_CHOICE));
        }
    }
    check_room::<stakeholder_interactions::Entity>(
        db,
        stakeholder_interactions::Column::StakeholderId,
        stakeholder_id,
        "interactions",
        MAX_INTERACTIONS,
    )
    .await?;
    let txn = db.begin().await?;
    let row = stakeholder_interactions::ActiveModel {
        created_at: Set(now),
        stakeholder_id: Set(stakeholder_id),
        kind: Set(valid.kind.into()),
        occurred_on: Set(valid.occurred_on),
        note: Set(valid.note),
        meeting_id: Set(valid.meeting_id),
        body_id: Set(valid.body_id),
        recorded_by: Set(Some(actor.user_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, "create", "stakeholder_interaction", row.id, now).await?;
    txn.commit().await?;
    Ok(row)
}

/// The contacts logs of these stakeholders, newest first.
pub async fn interactions_of(
    db: &Database,
    stakeholder_ids: &[i64],
) -> StoreResult<Vec<stakeholder_interactions::Model>> {
    Ok(stakeholder_interactions::Entity::find()
        .filter(stakeholder_interactions::Column::StakeholderId.is_in(stakeholder_ids.iter().copied()))
        .order_by_desc(stakeholder_interactions::Column::OccurredOn)
        .order_by_desc(stakeholder_interactions::Column::Id)
        .all(db)
        .await?)
}

/// Open next steps the actor's person owns, across the maps of their towns, soonest due
/// first — each as the map shows it (the caller works in the town, so people are named).
pub async fn steps_of_actor(db: &Database, actor: &Actor, now: DateTime<Utc>) -> StoreResult<Vec<Placed>> {
    let Some(person) = actor.person else { return Ok(Vec::new()) };
    let steps = stakeholders::Entity::find()
        .filter(stakeholders::Column::NextStepOwnerId.eq(person))
        .filter(stakeholders::Column::NextStepStatus.ne(StepStatus::Done.as_str()))
        .filter(stakeholders::Column::NextStep.is_not_null())
        .order_by_asc(stakeholders::Column::NextStepDueOn)
        .limit(50)
        .all(db)
        .await?;
    let today = workit_domain::meetings::minutes::israel_date(now);
    let forums: BTreeSet<i64> = steps.iter().map(|s| s.forum_id).collect();
    let mut placed = Vec::new();
    for forum in forums {
        // One map read per town the person works in: a handful at most.
        placed.extend(map(db, actor, forum, None, today).await?);
    }
    let mut ordered: Vec<Placed> =
        steps.iter().filter_map(|s| placed.iter().find(|p| p.row.id == s.id).cloned()).collect();
    ordered.sort_by_key(|p| p.row.next_step_due_on.unwrap_or(chrono::NaiveDate::MAX));
    Ok(ordered)
}
