//! The three stages and their milestone checklists: ticking milestones, adding a town's own,
//! and moving the forum from stage to stage with a record of who did it, when and why.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use workit_domain::forums::Stage;
use workit_domain::forums::milestones::{MilestoneDraft, TEMPLATES};
use workit_domain::forums::stages::plan_stage_move;
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError};

use super::authorize_forum;
use crate::entities::{forum_stage_changes, forums, milestones, people};
use crate::joined::AllByPosition;
use crate::versioned::{VersionedWrite, insert_audited, not_found, update_if_current, write_if_current};
use crate::{Database, StoreResult, audit, scope};

/// The model's milestones of all three stages, for a new forum.
pub async fn insert_template_milestones(
    db: &impl ConnectionTrait,
    forum_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let rows: Vec<_> = TEMPLATES
        .iter()
        .enumerate()
        .map(|(position, template)| milestones::ActiveModel {
            forum_id: Set(forum_id),
            stage: Set(template.stage.into()),
            position: Set(position as i32),
            title: Set(template.title.to_owned()),
            template_key: Set(Some(template.key.to_owned())),
            owner_person_id: Set(None),
            due_on: Set(None),
            done_on: Set(None),
            evidence: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .collect();
    milestones::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Marks the model's milestone `key` of a forum done on `today`, unless it already is: the
/// milestones that follow from something the product records (approved minutes, an approved
/// plan) tick themselves.
pub(crate) async fn tick_milestone(
    conn: &impl ConnectionTrait,
    forum_id: i64,
    key: &str,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    milestones::Entity::update_many()
        .set(milestones::ActiveModel { done_on: Set(Some(today)), updated_at: Set(now), ..Default::default() })
        .filter(milestones::Column::ForumId.eq(forum_id))
        .filter(milestones::Column::TemplateKey.eq(key))
        .filter(milestones::Column::DoneOn.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn milestones_by_forum_ids(db: &Database, forum_ids: &[i64]) -> StoreResult<Vec<milestones::Model>> {
    Ok(milestones::Entity::find()
        .filter(milestones::Column::ForumId.is_in(forum_ids.iter().copied()))
        .order_by_asc(milestones::Column::Position)
        .order_by_asc(milestones::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn stage_changes_by_forum_ids(
    db: &Database,
    forum_ids: &[i64],
) -> StoreResult<Vec<forum_stage_changes::Model>> {
    Ok(forum_stage_changes::Entity::find()
        .filter(forum_stage_changes::Column::ForumId.is_in(forum_ids.iter().copied()))
        .order_by_desc(forum_stage_changes::Column::CreatedAt)
        .order_by_desc(forum_stage_changes::Column::Id)
        .all_by_position(db)
        .await?)
}

async fn check_owner(db: &Database, town: i64, owner: Option<i64>) -> StoreResult<()> {
    if let Some(owner) = owner {
        let person = people::Entity::find_by_id(owner).one(db).await?;
        if person.is_none_or(|p| p.town_id != town) {
            return Err(DomainError::validation("ownerPersonId", codes::INVALID_CHOICE).into());
        }
    }
    Ok(())
}

/// A town's own milestone, added at the end of a stage's list.
pub async fn create_milestone(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    stage: Stage,
    draft: MilestoneDraft,
    now: DateTime<Utc>,
) -> StoreResult<milestones::Model> {
    let town = authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    let draft = draft.validated()?;
    check_owner(db, town, draft.owner_person_id).await?;
    let max = workit_domain::forums::MAX_MILESTONES_PER_FORUM;
    crate::room::check_room::<milestones::Entity>(db, milestones::Column::ForumId, forum_id, "milestones", max).await?;
    let last: Option<i32> = milestones::Entity::find()
        .select_only()
        .column_as(milestones::Column::Position.max(), "max")
        .filter(milestones::Column::ForumId.eq(forum_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let row = milestones::ActiveModel {
        forum_id: Set(forum_id),
        stage: Set(stage.into()),
        position: Set(last.unwrap_or(0) + 1),
        title: Set(draft.title),
        template_key: Set(None),
        owner_person_id: Set(draft.owner_person_id),
        due_on: Set(draft.due_on),
        done_on: Set(draft.done_on),
        evidence: Set(draft.evidence),
        ..Default::default()
    };
    let milestone = insert_audited(db, actor, "milestone", row, now).await?;
    Ok(milestone)
}

/// Owner, due date, done date and evidence of a milestone. The model's own milestones keep
/// their title (each language words it from its key); a town's own can be renamed.
pub async fn update_milestone(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: MilestoneDraft,
    now: DateTime<Utc>,
) -> StoreResult<milestones::Model> {
    let current = milestones::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("milestone"))?;
    let town = authorize_forum(db, actor, Action::EditForum, current.forum_id).await?;
    let draft = MilestoneDraft {
        title: if current.template_key.is_some() { current.title.clone() } else { draft.title },
        ..draft
    }
    .validated()?;
    check_owner(db, town, draft.owner_person_id).await?;
    let changes = milestones::ActiveModel {
        title: Set(draft.title),
        owner_person_id: Set(draft.owner_person_id),
        due_on: Set(draft.due_on),
        done_on: Set(draft.done_on),
        evidence: Set(draft.evidence),
        ..Default::default()
    };
    let write = VersionedWrite::update("milestone", id, version, current.version);
    write_if_current(db, actor, write, changes, now).await?;
    milestones::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("milestone"))
}

/// What a stage move asks for; `plan_stage_move` says whether it may happen.
pub struct StageMoveRequest<'a> {
    pub forum_id: i64,
    pub version: i32,
    pub target: Stage,
    pub reason: Option<&'a str>,
    pub confirm_open_milestones: bool,
}

/// Moves the forum to another stage (see `plan_stage_move` for the rules) and records it.
pub async fn move_stage(
    db: &Database,
    actor: &Actor,
    request: StageMoveRequest<'_>,
    now: DateTime<Utc>,
) -> StoreResult<forums::Model> {
    let StageMoveRequest { forum_id, version, target, reason, confirm_open_milestones } = request;
    let forum = forums::Entity::find_by_id(forum_id).one(db).await?.ok_or_else(|| not_found("forum"))?;
    actor.authorize(Action::ChangeStage, scope::town(db, forum.town_id).await?)?;
    let current = *forum.stage;
    let open = milestones::Entity::find()
        .filter(milestones::Column::ForumId.eq(forum_id))
        .filter(milestones::Column::Stage.eq(current.as_str()))
        .filter(milestones::Column::DoneOn.is_null())
        .all(db)
        .await?
        .len();
    let planned = plan_stage_move(current, target, reason, open, confirm_open_milestones)?;
    let txn = db.begin().await?;
    let changes =
        forums::ActiveModel { stage: Set(planned.to.into()), stage_changed_at: Set(Some(now)), ..Default::default() };
    let write = VersionedWrite {
        entity: "forum",
        action: "move_stage",
        id: forum_id,
        expected: version,
        current: forum.version,
    };
    update_if_current(&txn, &write, changes, now).await?;
    forum_stage_changes::ActiveModel {
        forum_id: Set(forum_id),
        from_stage: Set(planned.from.into()),
        to_stage: Set(planned.to.into()),
        reason: Set(planned.reason),
        changed_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, "move_stage", "forum", forum_id, now).await?;
    txn.commit().await?;
    forums::Entity::find_by_id(forum_id).one(db).await?.ok_or_else(|| not_found("forum"))
}
