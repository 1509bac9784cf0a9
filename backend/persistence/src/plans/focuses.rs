//! A forum's strategic focuses, in priority order.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};
use workit_domain::plans::focuses::{FocusDraft, Goal, MAX_FOCUSES_PER_FORUM, TheoryOfChange, ValidFocus};
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError};

use super::authorize_forum;
use crate::entities::strategic_focuses;
use crate::joined::AllByPosition;
use crate::room::check_room;
use crate::versioned::{VersionedWrite, insert_audited, not_found, write_if_current};
use crate::{Database, StoreResult, audit};

pub async fn by_forum_ids(db: &Database, forum_ids: &[i64]) -> StoreResult<Vec<strategic_focuses::Model>> {
    Ok(strategic_focuses::Entity::find()
        .filter(strategic_focuses::Column::ForumId.is_in(forum_ids.iter().copied()))
        .order_by_asc(strategic_focuses::Column::Position)
        .order_by_asc(strategic_focuses::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<strategic_focuses::Model>> {
    Ok(strategic_focuses::Entity::find()
        .filter(strategic_focuses::Column::Id.is_in(ids.iter().copied()))
        .all_by_position(db)
        .await?)
}

pub async fn get(db: &Database, _actor: &Actor, id: i64) -> StoreResult<strategic_focuses::Model> {
    strategic_focuses::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("focus"))
}

/// A focus's theory of change as stored (an empty one when none was written yet).
pub fn theory(focus: &strategic_focuses::Model) -> TheoryOfChange {
    focus.theory.as_deref().and_then(|json| serde_json::from_str(json).ok()).unwrap_or_default()
}

pub fn goals(focus: &strategic_focuses::Model) -> Vec<Goal> {
    focus.goals.as_deref().and_then(|json| serde_json::from_str(json).ok()).unwrap_or_default()
}

fn focus_fields(ValidFocus(valid): ValidFocus) -> StoreResult<strategic_focuses::ActiveModel> {
    let json = |value: serde_json::Result<String>| value.map_err(|e| DomainError::Internal(e.to_string()));
    Ok(strategic_focuses::ActiveModel {
        kind: Set(valid.kind.into()),
        title: Set(valid.title),
        description: Set(valid.description),
        target_population: Set(valid.target_population),
        status: Set(valid.status.into()),
        closed_reason: Set(valid.closed_reason),
        theory: Set(Some(json(serde_json::to_string(&valid.theory))?)),
        goals: Set(Some(json(serde_json::to_string(&valid.goals))?)),
        ..Default::default()
    })
}

/// A new focus goes last in the forum's priority order.
pub async fn create(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    draft: FocusDraft,
    now: DateTime<Utc>,
) -> StoreResult<strategic_focuses::Model> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    let valid = draft.validated()?;
    check_room::<strategic_focuses::Entity>(
        db,
        strategic_focuses::Column::ForumId,
        forum_id,
        "focuses",
        MAX_FOCUSES_PER_FORUM,
    )
    .await?;
    let last: Option<i32> = strategic_focuses::Entity::find()
        .select_only()
        .column_as(strategic_focuses::Column::Position.max(), "last")
        .filter(strategic_focuses::Column::ForumId.eq(forum_id))
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    let row = strategic_focuses::ActiveModel {
        forum_id: Set(forum_id),
        position: Set(last.unwrap_or(0) + 1),
        ..focus_fields(valid)?
    };
    insert_audited(db, actor, "focus", row, now).await
}

pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: FocusDraft,
    now: DateTime<Utc>,
) -> StoreResult<strategic_focuses::Model> {
    let current = get(db, actor, id).await?;
    authorize_forum(db, actor, Action::EditForum, current.forum_id).await?;
    let changes = focus_fields(draft.validated()?)?;
    write_if_current(db, actor, VersionedWrite::update("focus", id, version, current.version), changes, now).await?;
    get(db, actor, id).await
}

/// Gives the focuses `ids` the positions 1, 2, … in that order, bumping the version of each
/// whose place changes (`current` holds their rows as they stand). Reordering by hand and a
/// re-prioritisation the forum decided both write the order this way.
pub(crate) async fn write_order(
    conn: &impl ConnectionTrait,
    current: &[strategic_focuses::Model],
    ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    for (index, id) in ids.iter().enumerate() {
        let position = i32::try_from(index + 1).unwrap_or(i32::MAX);
        if current.iter().any(|f| f.id == *id && f.position == position) {
            continue;
        }
        strategic_focuses::Entity::update_many()
            .col_expr(strategic_focuses::Column::Position, Expr::value(position))
            .col_expr(strategic_focuses::Column::Version, Expr::col(strategic_focuses::Column::Version).add(1))
            .col_expr(strategic_focuses::Column::UpdatedAt, Expr::value(now))
            .filter(strategic_focuses::Column::Id.eq(*id))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Puts the forum's focuses in the order of `ids` (first is the top priority). `ids` names
/// every focus of the forum exactly once, so a list read before another person added a focus
/// is refused rather than half-applied.
pub async fn reorder(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<Vec<strategic_focuses::Model>> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    let current = by_forum_ids(db, &[forum_id]).await?;
    let mut wanted = ids.to_vec();
    wanted.sort_unstable();
    let mut existing: Vec<i64> = current.iter().map(|f| f.id).collect();
    existing.sort_unstable();
    if wanted != existing {
        return Err(DomainError::Conflict {
            entity: "focus",
            current_version: None,
            field: Some(workit_domain::validation::FieldError::new("ids", codes::INVALID_CHOICE)),
        }
        .into());
    }
    let txn = db.begin().await?;
    write_order(&txn, &current, ids, now).await?;
    audit::record(&txn, actor, "reorder_focuses", "forum", forum_id, now).await?;
    txn.commit().await?;
    by_forum_ids(db, &[forum_id]).await
}
