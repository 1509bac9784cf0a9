//! The work plan: tasks per focus and team, their partner organisations, and the chair's
//! approval of a year's plan, kept as the version later changes are shown against.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::plans::tasks::{ApprovedTask, MAX_TASKS_PER_FORUM, TaskDraft, ValidTask};
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, TownId};

use super::authorize_forum;
use crate::entities::{
    bodies, decisions, organisations, outcome_metrics, people, strategic_focuses, work_plan_approvals,
    work_plan_task_partners, work_plan_tasks,
};
use crate::forums::lifecycle::tick_milestone;
use crate::joined::AllByPosition;
use crate::room::check_room;
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, StoreResult, audit};

pub async fn by_forum_ids(db: &Database, forum_ids: &[i64]) -> StoreResult<Vec<work_plan_tasks::Model>> {
    Ok(work_plan_tasks::Entity::find()
        .filter(work_plan_tasks::Column::ForumId.is_in(forum_ids.iter().copied()))
        .order_by_asc(work_plan_tasks::Column::PlannedQuarter)
        .order_by_asc(work_plan_tasks::Column::DueOn)
        .order_by_asc(work_plan_tasks::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<work_plan_tasks::Model>> {
    Ok(work_plan_tasks::Entity::find()
        .filter(work_plan_tasks::Column::Id.is_in(ids.iter().copied()))
        .all_by_position(db)
        .await?)
}

pub async fn partners_by_task_ids(db: &Database, task_ids: &[i64]) -> StoreResult<Vec<work_plan_task_partners::Model>> {
    Ok(work_plan_task_partners::Entity::find()
        .filter(work_plan_task_partners::Column::TaskId.is_in(task_ids.iter().copied()))
        .order_by_asc(work_plan_task_partners::Column::Id)
        .all_by_position(db)
        .await?)
}

/// The decisions of meetings that name each task.
pub async fn decisions_by_task_ids(db: &Database, task_ids: &[i64]) -> StoreResult<Vec<decisions::Model>> {
    Ok(decisions::Entity::find()
        .filter(decisions::Column::WorkPlanTaskId.is_in(task_ids.iter().copied()))
        .order_by_asc(decisions::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn get(db: &Database, _actor: &Actor, id: i64) -> StoreResult<work_plan_tasks::Model> {
    work_plan_tasks::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("task"))
}

/// A task's focus, team and metric belong to its forum; its owner and partners to its town.
async fn check_links(db: &Database, forum_id: i64, town: TownId, task: &ValidTask) -> StoreResult<()> {
    let mut errors = Vec::new();
    let mut invalid =
        |field: &str| errors.push(workit_domain::validation::FieldError::new(field, codes::INVALID_CHOICE));
    if let Some(id) = task.focus_id
        && strategic_focuses::Entity::find_by_id(id).one(db).await?.is_none_or(|f| f.forum_id != forum_id)
    {
        invalid("focusId");
    }
    if let Some(id) = task.body_id
        && bodies::Entity::find_by_id(id).one(db).await?.is_none_or(|b| b.forum_id != forum_id)
    {
        invalid("bodyId");
    }
    if let Some(id) = task.owner_person_id
        && people::Entity::find_by_id(id).one(db).await?.is_none_or(|p| p.town_id != town)
    {
        invalid("ownerPersonId");
    }
    if let Some(id) = task.metric_id {
        let focus = match outcome_metrics::Entity::find_by_id(id).one(db).await? {
            Some(metric) => strategic_focuses::Entity::find_by_id(metric.focus_id).one(db).await?,
            None => None,
        };
        if focus.is_none_or(|f| f.forum_id != forum_id) {
            invalid("metricId");
        }
    }
    if !task.partner_ids.is_empty() {
        let found = organisations::Entity::find()
            .filter(organisations::Column::Id.is_in(task.partner_ids.iter().copied()))
            .filter(organisations::Column::TownId.eq(town))
            .all(db)
            .await?;
        if found.len() != task.partner_ids.len() {
            invalid("partnerIds");
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(DomainError::Validation(errors).into()) }
}

fn task_fields(valid: &ValidTask) -> work_plan_tasks::ActiveModel {
    work_plan_tasks::ActiveModel {
        title: Set(valid.title.clone()),
        focus_id: Set(valid.focus_id),
        body_id: Set(valid.body_id),
        owner_person_id: Set(valid.owner_person_id),
        due_on: Set(valid.due_on),
        resources: Set(valid.resources.clone()),
        expected_product: Set(valid.expected_product.clone()),
        success_measure: Set(valid.success_measure.clone()),
        status: Set(valid.status.into()),
        planned_quarter: Set(valid.planned_quarter.map(Quarter::code)),
        done_on: Set(valid.done_on),
        dropped_reason: Set(valid.dropped_reason.clone()),
        metric_id: Set(valid.metric_id),
        ..Default::default()
    }
}

async fn replace_partners(
    conn: &impl ConnectionTrait,
    task_id: i64,
    partner_ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    work_plan_task_partners::Entity::delete_many()
        .filter(work_plan_task_partners::Column::TaskId.eq(task_id))
        .exec(conn)
        .await?;
    if !partner_ids.is_empty() {
        let rows = partner_ids.iter().map(|organisation| work_plan_task_partners::ActiveModel {
            task_id: Set(task_id),
            organisation_id: Set(*organisation),
            created_at: Set(now),
            ..Default::default()
        });
        work_plan_task_partners::Entity::insert_many(rows).exec(conn).await?;
    }
    Ok(())
}

pub async fn create(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    draft: TaskDraft,
    now: DateTime<Utc>,
) -> StoreResult<work_plan_tasks::Model> {
    let town = authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    let valid = draft.validated(israel_date(now))?;
    check_links(db, forum_id, town, &valid).await?;
    check_room::<work_plan_tasks::Entity>(db, work_plan_tasks::Column::ForumId, forum_id, "tasks", MAX_TASKS_PER_FORUM)
        .await?;
    let txn = db.begin().await?;
    let task =
        insert_new(&txn, work_plan_tasks::ActiveModel { forum_id: Set(forum_id), ..task_fields(&valid) }, now).await?;
    replace_partners(&txn, task.id, &valid.partner_ids, now).await?;
    audit::record(&txn, actor, "create", "task", task.id, now).await?;
    txn.commit().await?;
    Ok(task)
}

pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: TaskDraft,
    now: DateTime<Utc>,
) -> StoreResult<work_plan_tasks::Model> {
    let current = get(db, actor, id).await?;
    let town = authorize_forum(db, actor, Action::EditForum, current.forum_id).await?;
    let valid = draft.validated(israel_date(now))?;
    check_links(db, current.forum_id, town, &valid).await?;
    let txn = db.begin().await?;
    let write = VersionedWrite::update("task", id, version, current.version);
    update_if_current(&txn, &write, task_fields(&valid), now).await?;
    replace_partners(&txn, id, &valid.partner_ids, now).await?;
    audit::record(&txn, actor, "update", "task", id, now).await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// The tasks of a year's plan: planned for one of its quarters, or (unplanned) due in it.
pub fn in_year(task: &work_plan_tasks::Model, year: i32) -> bool {
    match task.planned_quarter.and_then(Quarter::from_code) {
        Some(quarter) => quarter.year() == year,
        None => task.due_on.is_some_and(|due| chrono::Datelike::year(&due) == year),
    }
}

/// A task as an approval keeps it.
pub fn approved_form(task: &work_plan_tasks::Model) -> ApprovedTask {
    ApprovedTask {
        id: task.id,
        title: task.title.clone(),
        owner_person_id: task.owner_person_id,
        planned_quarter: task.planned_quarter.and_then(Quarter::from_code).map(|q| q.to_string()),
        due_on: task.due_on,
        status: task.status.as_str().to_owned(),
    }
}

pub fn snapshot(approval: &work_plan_approvals::Model) -> Vec<ApprovedTask> {
    serde_json::from_str(&approval.snapshot).unwrap_or_default()
}

pub async fn approvals_by_forum_ids(db: &Database, forum_ids: &[i64]) -> StoreResult<Vec<work_plan_approvals::Model>> {
    Ok(work_plan_approvals::Entity::find()
        .filter(work_plan_approvals::Column::ForumId.is_in(forum_ids.iter().copied()))
        .order_by_asc(work_plan_approvals::Column::Id)
        .all_by_position(db)
        .await?)
}

/// The chair approves the year's plan: its tasks as they stand are kept as the approved version,
/// and the model's "work plan approved" milestone is ticked — in one transaction. Approving again
/// (after changes) keeps a new version; the latest one is the plan's.
pub async fn approve(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    year: i32,
    now: DateTime<Utc>,
) -> StoreResult<work_plan_approvals::Model> {
    authorize_forum(db, actor, Action::ApprovePlan, forum_id).await?;
    let (first, last) = (workit_domain::validation::FIRST_DATE.0, workit_domain::validation::LAST_DATE.0);
    if !(first..=last).contains(&year) {
        return Err(DomainError::Validation(vec![
            workit_domain::validation::FieldError::new("year", codes::OUT_OF_RANGE)
                .with("min", first)
                .with("max", last),
        ])
        .into());
    }
    let tasks: Vec<ApprovedTask> =
        by_forum_ids(db, &[forum_id]).await?.iter().filter(|t| in_year(t, year)).map(approved_form).collect();
    if tasks.is_empty() {
        return Err(DomainError::validation("year", codes::EMPTY_PLAN).into());
    }
    let snapshot = serde_json::to_string(&tasks).map_err(|e| DomainError::Internal(e.to_string()))?;
    let txn = db.begin().await?;
    let approval = work_plan_approvals::ActiveModel {
        forum_id: Set(forum_id),
        year: Set(year),
        approved_by: Set(actor.user_id),
        snapshot: Set(snapshot),
        created_at: Set(now),
        ..Default::default()
    };
    let approval = work_plan_approvals::Entity::insert(approval).exec_with_returning(&txn).await?;
    tick_milestone(&txn, forum_id, "work_plan_approved", israel_date(now), now).await?;
    audit::record(&txn, actor, "approve_plan", "forum", forum_id, now).await?;
    txn.commit().await?;
    Ok(approval)
}
