//! Forums (one per town), their bodies and memberships. History is kept: a member who leaves
//! gets a `left_on` date, never a deletion.

pub mod health;
pub mod lifecycle;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use workit_domain::forums::{
    BodyDraft, BodyKind, MAX_BODIES_PER_FORUM, MAX_MEMBERSHIPS_PER_BODY, MembershipDraft, MembershipRole, Stage,
    ValidBody, ValidMembership, check_keeps_a_chair, is_current,
};
use workit_domain::validation::{FieldError, codes};
use workit_domain::{Action, Actor, DomainError, TownId};

use crate::directory::{self, Person};
use crate::entities::{bodies, forums, memberships, organisations, people, strategic_focuses};
use crate::joined::AllByPosition;
use crate::room::check_room;
use crate::versioned::{VersionedWrite, archive_if_current, insert_audited, insert_new, not_found, write_if_current};
use crate::{Database, StoreResult, joined, scope};

/// A new forum with what every forum has from day one: a steering committee, the forum body
/// itself, and the model's milestone checklist for all three stages.
pub struct NewForum {
    pub forum: forums::Model,
    pub steering_body_id: i64,
    pub forum_body_id: i64,
}

pub async fn create_forum(
    db: &impl ConnectionTrait,
    town_id: TownId,
    stage: Stage,
    now: DateTime<Utc>,
) -> StoreResult<NewForum> {
    let forum = insert_new(
        db,
        forums::ActiveModel {
            town_id: Set(town_id),
            stage: Set(stage.into()),
            stage_changed_at: Set(Some(now)),
            ..Default::default()
        },
        now,
    )
    .await?;
    let mut body_ids = Vec::new();
    for (kind, name) in [(BodyKind::SteeringCommittee, "צוות היגוי"), (BodyKind::Forum, "פורום התעסוקה היישובי")]
    {
        let body = insert_new(
            db,
            bodies::ActiveModel {
                forum_id: Set(forum.id),
                kind: Set(kind.into()),
                name: Set(name.to_owned()),
                focus_id: Set(None),
                lead_person_id: Set(None),
                starts_on: Set(Some(now.date_naive())),
                ends_on: Set(None),
                archived_at: Set(None),
                ..Default::default()
            },
            now,
        )
        .await?;
        body_ids.push(body.id);
    }
    lifecycle::insert_template_milestones(db, forum.id, now).await?;
    Ok(NewForum { forum, steering_body_id: body_ids[0], forum_body_id: body_ids[1] })
}

pub async fn get(db: &Database, _actor: &Actor, id: i64) -> StoreResult<forums::Model> {
    forums::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("forum"))
}

pub async fn by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<forums::Model>> {
    Ok(forums::Entity::find().filter(forums::Column::Id.is_in(ids.iter().copied())).all_by_position(db).await?)
}

pub async fn by_town_ids(db: &Database, town_ids: &[TownId]) -> StoreResult<Vec<forums::Model>> {
    Ok(forums::Entity::find()
        .filter(forums::Column::TownId.is_in(town_ids.iter().copied()))
        .all_by_position(db)
        .await?)
}

pub async fn bodies_by_forum_ids(db: &Database, forum_ids: &[i64]) -> StoreResult<Vec<bodies::Model>> {
    Ok(bodies::Entity::find()
        .filter(bodies::Column::ForumId.is_in(forum_ids.iter().copied()))
        .order_by_asc(bodies::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn memberships_by_body_ids(db: &Database, body_ids: &[i64]) -> StoreResult<Vec<memberships::Model>> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::BodyId.is_in(body_ids.iter().copied()))
        .order_by_asc(memberships::Column::JoinedOn)
        .order_by_asc(memberships::Column::Id)
        .all_by_position(db)
        .await?)
}

/// A member with their person and, when asked for, the person's organisation.
pub type MemberWithPerson = (memberships::Model, Person, Option<organisations::Model>);

/// The members of the bodies with their people — one joined statement — and, when
/// `with_organisations`, the people's organisations (one more): what a deep read of a forum
/// (members › person › organisation) needs, without a round of batching per level. People's
/// contact details are redacted for `actor` as everywhere else. Ordered as
/// [`memberships_by_body_ids`].
pub async fn members_with_people_by_body_ids(
    db: &Database,
    actor: &Actor,
    body_ids: &[i64],
    with_organisations: bool,
) -> StoreResult<Vec<MemberWithPerson>> {
    let select = memberships::Entity::find()
        .filter(memberships::Column::BodyId.is_in(body_ids.iter().copied()))
        .order_by_asc(memberships::Column::JoinedOn)
        .order_by_asc(memberships::Column::Id);
    let rows =
        joined::pairs::<_, people::Entity>(db, select, memberships::Column::PersonId, people::Column::Id).await?;
    let members = directory::with_people(db, actor, rows).await?;
    let organisations = if with_organisations {
        let mut ids: Vec<i64> = members.iter().filter_map(|(_, p)| p.row.organisation_id).collect();
        ids.sort_unstable();
        ids.dedup();
        directory::organisations_by_ids(db, &ids).await?.into_iter().map(|o| (o.id, o)).collect()
    } else {
        std::collections::HashMap::new()
    };
    Ok(members
        .into_iter()
        .map(|(member, person)| {
            let organisation = person.row.organisation_id.and_then(|id| organisations.get(&id).cloned());
            (member, person, organisation)
        })
        .collect())
}

pub async fn get_body(db: &Database, _actor: &Actor, id: i64) -> StoreResult<bodies::Model> {
    bodies::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("body"))
}

/// Checks that `actor` may do `action` on forum `forum_id`, answering the forum's town: the one
/// rule for everything a forum holds (bodies, members, milestones, focuses, metrics, the plan).
pub(crate) async fn authorize_forum(
    db: &Database,
    actor: &Actor,
    action: Action,
    forum_id: i64,
) -> StoreResult<TownId> {
    let (town, region) = scope::town_of_forum(db, forum_id).await?;
    actor.authorize(action, workit_domain::Scope::Town { town, region })?;
    Ok(town)
}

/// A body's focus must be one of its forum's; its lead a person of the same town.
async fn check_body_links(db: &Database, body: &ValidBody, forum_id: i64, town: TownId) -> StoreResult<()> {
    if let Some(focus) = body.focus_id {
        let found = strategic_focuses::Entity::find_by_id(focus).one(db).await?;
        if found.is_none_or(|f| f.forum_id != forum_id) {
            return Err(DomainError::validation("focusId", codes::INVALID_CHOICE).into());
        }
    }
    if let Some(lead) = body.lead_person_id {
        let found = people::Entity::find_by_id(lead).one(db).await?;
        if found.is_none_or(|p| p.town_id != town) {
            return Err(DomainError::validation("leadPersonId", codes::INVALID_CHOICE).into());
        }
    }
    Ok(())
}

pub async fn create_body(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    draft: BodyDraft,
    now: DateTime<Utc>,
) -> StoreResult<bodies::Model> {
    let town = authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    let valid = draft.validated()?;
    check_body_links(db, &valid, forum_id, town).await?;
    check_room::<bodies::Entity>(db, bodies::Column::ForumId, forum_id, "bodies", MAX_BODIES_PER_FORUM).await?;
    let row = bodies::ActiveModel { forum_id: Set(forum_id), archived_at: Set(None), ..body_fields(valid) };
    let body = insert_audited(db, actor, "body", row, now).await?;
    Ok(body)
}

/// What a person enters about a body, as the columns it sets.
fn body_fields(valid: ValidBody) -> bodies::ActiveModel {
    bodies::ActiveModel {
        kind: Set(valid.kind.into()),
        name: Set(valid.name),
        focus_id: Set(valid.focus_id),
        lead_person_id: Set(valid.lead_person_id),
        starts_on: Set(valid.starts_on),
        ends_on: Set(valid.ends_on),
        ..Default::default()
    }
}

pub async fn update_body(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: BodyDraft,
    now: DateTime<Utc>,
) -> StoreResult<bodies::Model> {
    let current = get_body(db, actor, id).await?;
    let town = authorize_forum(db, actor, Action::EditForum, current.forum_id).await?;
    let valid = draft.validated()?;
    check_body_links(db, &valid, current.forum_id, town).await?;
    let changes = body_fields(valid);
    let write = VersionedWrite::update("body", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    get_body(db, actor, id).await
}

pub async fn archive_body(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<bodies::Model> {
    let current = get_body(db, actor, id).await?;
    authorize_forum(db, actor, Action::EditForum, current.forum_id).await?;
    archive_if_current::<bodies::Entity, bodies::ActiveModel>(
        db,
        actor,
        "body",
        (id, version, current.version),
        archived,
        now,
    )
    .await?;
    get_body(db, actor, id).await
}

/// Adds a person of the same town to a body. A person sits in a body once at a time.
pub async fn add_membership(
    db: &Database,
    actor: &Actor,
    body_id: i64,
    person_id: i64,
    draft: MembershipDraft,
    now: DateTime<Utc>,
) -> StoreResult<memberships::Model> {
    let body = get_body(db, actor, body_id).await?;
    let town = authorize_forum(db, actor, Action::EditForum, body.forum_id).await?;
    let valid = draft.validated()?;
    let max = MAX_MEMBERSHIPS_PER_BODY;
    check_room::<memberships::Entity>(db, memberships::Column::BodyId, body_id, "members", max).await?;
    let person = people::Entity::find_by_id(person_id).one(db).await?;
    if person.is_none_or(|p| p.town_id != town) {
        return Err(DomainError::validation("personId", codes::INVALID_CHOICE).into());
    }
    let today = now.date_naive();
    let already = memberships_by_body_ids(db, &[body_id])
        .await?
        .into_iter()
        .any(|m| m.person_id == person_id && (m.left_on.is_none() || is_current(m.joined_on, m.left_on, today)));
    if already {
        return Err(DomainError::Conflict {
            entity: "membership",
            current_version: None,
            field: Some(FieldError::new("personId", codes::ALREADY_MEMBER)),
        }
        .into());
    }
    let row =
        memberships::ActiveModel { body_id: Set(body_id), person_id: Set(person_id), ..membership_fields(&valid) };
    let membership = insert_audited(db, actor, "membership", row, now).await?;
    Ok(membership)
}

/// What a person enters about a membership, as the columns it sets.
fn membership_fields(valid: &ValidMembership) -> memberships::ActiveModel {
    memberships::ActiveModel {
        role: Set(valid.role.into()),
        joined_on: Set(valid.joined_on),
        left_on: Set(valid.left_on),
        ..Default::default()
    }
}

pub async fn get_membership(db: &Database, _actor: &Actor, id: i64) -> StoreResult<memberships::Model> {
    memberships::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("membership"))
}

/// Changes a membership's role or dates; setting `left_on` ends it and keeps the history.
pub async fn update_membership(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: MembershipDraft,
    now: DateTime<Utc>,
) -> StoreResult<memberships::Model> {
    let current = get_membership(db, actor, id).await?;
    let body = get_body(db, actor, current.body_id).await?;
    authorize_forum(db, actor, Action::EditForum, body.forum_id).await?;
    let valid = draft.validated()?;
    let today = now.date_naive();
    let siblings = memberships_by_body_ids(db, &[current.body_id]).await?;
    let role_of = |m: &memberships::Model| *m.role;
    let had_chair =
        siblings.iter().any(|m| role_of(m) == MembershipRole::Chair && is_current(m.joined_on, m.left_on, today));
    let after: Vec<_> = siblings
        .iter()
        .map(|m| {
            if m.id == id {
                (valid.role, is_current(valid.joined_on, valid.left_on, today))
            } else {
                (role_of(m), is_current(m.joined_on, m.left_on, today))
            }
        })
        .collect();
    check_keeps_a_chair(had_chair, &after)?;
    let changes = membership_fields(&valid);
    let write = VersionedWrite::update("membership", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    get_membership(db, actor, id).await
}

/// The forum of a town, for granting town roles to a new account.
pub async fn forum_body_of_town(
    db: &impl sea_orm::ConnectionTrait,
    town_id: TownId,
) -> StoreResult<Option<bodies::Model>> {
    let Some(forum) = forums::Entity::find().filter(forums::Column::TownId.eq(town_id)).one(db).await? else {
        return Ok(None);
    };
    Ok(bodies::Entity::find()
        .filter(bodies::Column::ForumId.eq(forum.id))
        .filter(bodies::Column::Kind.eq(BodyKind::Forum.as_str()))
        .one(db)
        .await?)
}
