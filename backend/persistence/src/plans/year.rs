//! A forum's year summary: the texts people write per focus and overall, and the year's figures
//! the product knows — each metric's movement, the plan's execution, the four controls.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::control::{ControlStatus, Execution, ExecutionCounts};
use workit_domain::plans::focuses::FocusStatus;
use workit_domain::plans::tasks::{TaskState, task_state};
use workit_domain::plans::year::{FocusYearText, Movement, YearSummaryDraft, check_year, year_movement};
use workit_domain::plans::{Quarter, TaskStatus};
use workit_domain::validation::{FieldError, codes};
use workit_domain::{Action, Actor, DomainError};

use super::{authorize_forum, focuses, metrics, tasks};
use crate::entities::{quarterly_controls, year_summaries};
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, StoreResult, audit};

pub struct MetricYear {
    pub metric_id: i64,
    pub name: String,
    pub unit: String,
    pub target: Option<f64>,
    pub movement: Movement,
}

pub struct FocusYear {
    pub focus_id: i64,
    pub title: String,
    pub metrics: Vec<MetricYear>,
    pub counts: ExecutionCounts,
}

pub struct QuarterOfYear {
    pub quarter: Quarter,
    /// `None` when no control was written (or the actor may not read its draft).
    pub status: Option<ControlStatus>,
    pub summary: String,
}

pub struct YearFigures {
    pub focuses: Vec<FocusYear>,
    pub total: ExecutionCounts,
    pub quarters: Vec<QuarterOfYear>,
}

/// How a task of the year's plan ended up, as control counts it.
fn year_execution(status: TaskStatus, due_on: Option<NaiveDate>, today: NaiveDate) -> Execution {
    match task_state(status, due_on, today) {
        TaskState::Done => Execution::Done,
        TaskState::Dropped => Execution::Dropped,
        TaskState::Late => Execution::Late,
        TaskState::Planned | TaskState::InProgress => Execution::Open,
    }
}

/// The year's figures in a fixed number of queries. Draft controls show only to those who may
/// edit the forum (`may_edit`).
pub async fn figures(
    db: &Database,
    forum_id: i64,
    year: i32,
    today: NaiveDate,
    may_edit: bool,
) -> StoreResult<YearFigures> {
    let quarters = Quarter::parse(&format!("{year}-Q1"))
        .map_or_else(Vec::new, |first| (0..4).map(|i| first.plus(i)).collect::<Vec<_>>());
    // The focus tree is read level by level; the tasks and the controls, which do not depend on
    // it, meanwhile.
    let focus_tree = async {
        let active: Vec<_> = focuses::by_forum_ids(db, &[forum_id])
            .await?
            .into_iter()
            .filter(|f| *f.status == FocusStatus::Active)
            .collect();
        let focus_ids: Vec<i64> = active.iter().map(|f| f.id).collect();
        let metric_rows = metrics::by_focus_ids(db, &focus_ids).await?;
        let metric_ids: Vec<i64> = metric_rows.iter().map(|m| m.id).collect();
        let measured = metrics::measurements_by_metric_ids(db, &metric_ids).await?;
        Ok((active, metric_rows, measured))
    };
    let controls = async {
        Ok(quarterly_controls::Entity::find()
            .filter(quarterly_controls::Column::ForumId.eq(forum_id))
            .filter(quarterly_controls::Column::Quarter.is_in(quarters.iter().map(|q| q.code())))
            .all(db)
            .await?)
    };
    let ((active, metric_rows, measured), year_tasks, controls) =
        futures::try_join!(focus_tree, tasks::by_forum_ids(db, std::slice::from_ref(&forum_id)), controls)?;
    let year_tasks: Vec<_> = year_tasks.into_iter().filter(|t| tasks::in_year(t, year)).collect();

    let mut total = ExecutionCounts::default();
    let focuses = active
        .iter()
        .map(|focus| {
            let metrics = metric_rows
                .iter()
                .filter(|m| m.focus_id == focus.id)
                .map(|m| {
                    let values = metrics::values_of(&measured, m.id);
                    MetricYear {
                        metric_id: m.id,
                        name: m.name.clone(),
                        unit: m.unit.as_str().to_owned(),
                        target: m.target,
                        movement: year_movement(&values, year),
                    }
                })
                .collect();
            let mut counts = ExecutionCounts::default();
            for task in year_tasks.iter().filter(|t| t.focus_id == Some(focus.id)) {
                counts.add(year_execution(*task.status, task.due_on, today));
            }
            FocusYear { focus_id: focus.id, title: focus.title.clone(), metrics, counts }
        })
        .collect();
    for task in &year_tasks {
        total.add(year_execution(*task.status, task.due_on, today));
    }
    let quarters = quarters
        .into_iter()
        .map(|quarter| {
            let row = controls
                .iter()
                .find(|c| c.quarter == quarter.code())
                .filter(|c| may_edit || *c.status == ControlStatus::Approved);
            QuarterOfYear {
                quarter,
                status: row.map(|c| *c.status),
                summary: row.map(|c| c.summary.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(YearFigures { focuses, total, quarters })
}

pub async fn get(db: &impl ConnectionTrait, forum_id: i64, year: i32) -> StoreResult<Option<year_summaries::Model>> {
    Ok(year_summaries::Entity::find()
        .filter(year_summaries::Column::ForumId.eq(forum_id))
        .filter(year_summaries::Column::Year.eq(year))
        .order_by_asc(year_summaries::Column::Id)
        .one(db)
        .await?)
}

/// The texts of a stored summary (an unreadable list reads as none: only `save` writes it).
pub fn texts(row: &year_summaries::Model) -> Vec<FocusYearText> {
    serde_json::from_str(&row.focus_texts).unwrap_or_default()
}

/// Writes a year's summary; `version` is the one the writer saw (`None` for the first write).
pub async fn save(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    year: i32,
    draft: YearSummaryDraft,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> StoreResult<year_summaries::Model> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    check_year(year, Quarter::of(israel_date(now)).year())?;
    let draft = draft.validated()?;
    let forum_focuses = focuses::by_forum_ids(db, &[forum_id]).await?;
    if let Some(index) = draft.focuses.iter().position(|t| !forum_focuses.iter().any(|f| f.id == t.focus_id)) {
        return Err(DomainError::Validation(vec![FieldError::new(
            &format!("focuses.{index}.focusId"),
            codes::INVALID_CHOICE,
        )])
        .into());
    }
    let focus_texts = serde_json::to_string(&draft.focuses).map_err(|e| DomainError::Internal(e.to_string()))?;
    let txn = db.begin().await?;
    let id = match (get(&txn, forum_id, year).await?, version) {
        (Some(row), Some(expected)) => {
            let changes = year_summaries::ActiveModel {
                overall: Set(draft.overall),
                focus_texts: Set(focus_texts),
                ..Default::default()
            };
            update_if_current(
                &txn,
                &VersionedWrite::update("year_summary", row.id, expected, row.version),
                changes,
                now,
            )
            .await?;
            audit::record(&txn, actor, "update", "year_summary", row.id, now).await?;
            row.id
        }
        (Some(row), None) => return Err(DomainError::stale("year_summary", row.version).into()),
        (None, _) => {
            let row = year_summaries::ActiveModel {
                forum_id: Set(forum_id),
                year: Set(year),
                overall: Set(draft.overall),
                focus_texts: Set(focus_texts),
                ..Default::default()
            };
            let row = insert_new(&txn, row, now).await?;
            audit::record(&txn, actor, "create", "year_summary", row.id, now).await?;
            row.id
        }
    };
    txn.commit().await?;
    year_summaries::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("year_summary"))
}
