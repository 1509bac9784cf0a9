//! Quarterly control of one forum: the quarter's figures computed from the plan and its
//! metrics (`view`), the conclusions people write, and the approval that freezes the figures.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, JoinType, Order, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use workit_domain::forums::BodyKind;
use workit_domain::forums::health::Signal;
use workit_domain::meetings::DecisionStatus;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::plans::control::{
    Conclusions, ControlStatus, ExecutionCounts, MetricAtQuarter, TaskFacts, check_ended, correction_reason, execution,
    metric_at, shows_in_control,
};
use workit_domain::plans::focuses::FocusStatus;
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError};

use super::{authorize_forum, metrics, tasks};
use crate::db::read_if;
use crate::entities::{
    bodies, decisions, forums as forums_entity, measurements, meetings, outcome_metrics, people,
    quarterly_control_versions, quarterly_controls, strategic_focuses, towns,
};
use crate::versioned::{VersionedWrite, insert_new, update_if_current};
use crate::{Database, StoreResult, audit, forums, joined};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricLine {
    pub metric_id: i64,
    pub name: String,
    pub unit: String,
    pub recorder_person_id: Option<i64>,
    /// Who records it, so a missing value says whom to ask.
    #[serde(default)]
    pub recorder_name: Option<String>,
    pub target: Option<f64>,
    pub at: MetricAtQuarter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskLine {
    pub task_id: i64,
    pub title: String,
    pub body_id: Option<i64>,
    pub execution: String,
    pub dropped_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusLine {
    pub focus_id: i64,
    pub title: String,
    pub metrics: Vec<MetricLine>,
    pub tasks: Vec<TaskLine>,
    pub counts: ExecutionCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamLine {
    pub body_id: i64,
    pub name: String,
    pub counts: ExecutionCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenDecision {
    pub decision_id: i64,
    pub text: String,
    pub meeting_id: i64,
    pub due_on: Option<NaiveDate>,
}

/// The quarter's figures: the active focuses in priority order with their metrics and tasks,
/// plan against execution per team and in total, and decisions still not executed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlView {
    pub quarter: String,
    pub focuses: Vec<FocusLine>,
    pub teams: Vec<TeamLine>,
    pub total: ExecutionCounts,
    /// Tasks due in the quarter that belong to no active focus.
    pub other_tasks: Vec<TaskLine>,
    pub open_decisions: Vec<OpenDecision>,
    /// The forum's attendance and rhythm as the quarter ended (empty in controls approved
    /// before the page showed them).
    #[serde(default)]
    pub health: Vec<Signal>,
}

/// The parts of the control that cost statements of their own beyond the focuses, metrics and
/// open decisions: the GraphQL layer reads them from the query (look-ahead); approval, export
/// and the proposals ask for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Plan against execution: the tasks per focus, per team, in total and outside the focuses.
    pub execution: bool,
    /// The forum's health as the quarter ended.
    pub health: bool,
}

impl Parts {
    pub const ALL: Parts = Parts { execution: true, health: true };
}

/// Computes the control figures of `quarter` as they stand on `today`, in a fixed number of
/// queries whatever the number of focuses, metrics, quarters and tasks.
pub async fn view(db: &Database, forum_id: i64, quarter: Quarter, today: NaiveDate) -> StoreResult<ControlView> {
    view_of(db, forum_id, quarter, today, Parts::ALL).await
}

/// The figures `parts` asks for; the parts left out are empty.
pub async fn view_of(
    db: &Database,
    forum_id: i64,
    quarter: Quarter,
    today: NaiveDate,
    parts: Parts,
) -> StoreResult<ControlView> {
    // Health as it stood on the quarter's last day (or today, for a quarter still running).
    let last = Ord::min(quarter.last_day(), today);
    let end = last.and_hms_opt(23, 59, 59).unwrap_or_else(|| last.and_time(chrono::NaiveTime::MIN)).and_utc();
    // The reads do not depend on one another: they run at once, so the control waits for the
    // slowest of them rather than for their sum.
    let one_forum = std::slice::from_ref(&forum_id);
    let (focuses, task_rows, bodies, open_decisions, health) = futures::try_join!(
        active_focuses_with_metrics(db, forum_id, quarter),
        read_if(parts.execution, tasks::by_forum_ids(db, one_forum)),
        read_if(parts.execution, forums::bodies_by_forum_ids(db, one_forum)),
        open_decisions_of(db, forum_id, quarter),
        read_if(parts.health, forums::health::assess_forum(db, forum_id, end)),
    )?;
    let (task_rows, bodies) = (task_rows.unwrap_or_default(), bodies.unwrap_or_default());
    let focus_ids: Vec<i64> = focuses.iter().map(|f| f.focus.id).collect();

    let in_control: Vec<_> = task_rows
        .iter()
        .filter_map(|t| {
            let facts = TaskFacts {
                status: *t.status,
                planned_quarter: t.planned_quarter.and_then(Quarter::from_code),
                due_on: t.due_on,
                done_on: t.done_on,
            };
            execution(&facts, quarter, today).map(|e| (e, t))
        })
        .collect();
    let task_line =
        |(e, t): &(workit_domain::plans::control::Execution, &crate::entities::work_plan_tasks::Model)| TaskLine {
            task_id: t.id,
            title: t.title.clone(),
            body_id: t.body_id,
            execution: e.as_str().to_owned(),
            dropped_reason: t.dropped_reason.clone(),
        };

    let mut total = ExecutionCounts::default();
    in_control.iter().for_each(|(e, _)| total.add(*e));
    let teams = bodies
        .iter()
        .filter(|b| matches!(*b.kind, BodyKind::TaskTeam | BodyKind::AdHocTeam | BodyKind::SteeringCommittee))
        .filter_map(|b| {
            let mut counts = ExecutionCounts::default();
            in_control.iter().filter(|(_, t)| t.body_id == Some(b.id)).for_each(|(e, _)| counts.add(*e));
            (counts != ExecutionCounts::default()).then(|| TeamLine { body_id: b.id, name: b.name.clone(), counts })
        })
        .collect();
    let focus_lines = focuses
        .into_iter()
        .map(|FocusWithMetrics { focus: f, metrics }| {
            let metrics = metrics
                .into_iter()
                .map(|MetricWithValues { metric: m, recorder_name, measured }| {
                    let values = metrics::values_of(&measured, m.id);
                    MetricLine {
                        metric_id: m.id,
                        unit: m.unit.as_str().to_owned(),
                        recorder_person_id: m.recorder_person_id,
                        recorder_name,
                        target: m.target,
                        at: metric_at(metrics::path(&m).as_ref(), m.baseline, &values, quarter),
                        name: m.name,
                    }
                })
                .collect();
            let mine: Vec<_> = in_control.iter().filter(|(_, t)| t.focus_id == Some(f.id)).collect();
            let mut counts = ExecutionCounts::default();
            mine.iter().for_each(|(e, _)| counts.add(*e));
            FocusLine {
                focus_id: f.id,
                title: f.title.clone(),
                metrics,
                tasks: mine.into_iter().map(task_line).collect(),
                counts,
            }
        })
        .collect();
    let other_tasks = in_control
        .iter()
        .filter(|(_, t)| t.focus_id.is_none_or(|id| !focus_ids.contains(&id)))
        .map(task_line)
        .collect();

    let health = health.unwrap_or_default().into_iter().filter(|signal| shows_in_control(signal.kind)).collect();

    Ok(ControlView {
        quarter: quarter.to_string(),
        focuses: focus_lines,
        teams,
        total,
        other_tasks,
        open_decisions,
        health,
    })
}

struct FocusWithMetrics {
    focus: strategic_focuses::Model,
    metrics: Vec<MetricWithValues>,
}

struct MetricWithValues {
    metric: outcome_metrics::Model,
    recorder_name: Option<String>,
    /// Its measurements of the quarter and the one before: what a control line shows (`metric_at`).
    measured: Vec<measurements::Model>,
}

/// The forum's active focuses in priority order, each with its metrics, their recorders' names and
/// their measurements of `quarter` and the quarter before, in one statement (left joins, one row
/// per measurement) where four reads took a round trip each.
async fn active_focuses_with_metrics(
    db: &Database,
    forum_id: i64,
    quarter: Quarter,
) -> StoreResult<Vec<FocusWithMetrics>> {
    let (f, m, v) = (strategic_focuses::Entity, outcome_metrics::Entity, measurements::Entity);
    // A metric's line shows the quarter and the one before (`metric_at`).
    let shown_quarters = metrics::in_quarters(&[quarter, quarter.plus(-1)]);
    let mut select = Query::select();
    joined::all_columns_as::<strategic_focuses::Entity>(&mut select, "f_");
    joined::all_columns_as::<outcome_metrics::Entity>(&mut select, "m_");
    joined::all_columns_as::<measurements::Entity>(&mut select, "v_");
    select
        .expr_as(Expr::col((people::Entity, people::Column::FullName)), Alias::new("recorder_name"))
        .from(f)
        .left_join(m, Expr::col((m, outcome_metrics::Column::FocusId)).equals((f, strategic_focuses::Column::Id)))
        .left_join(
            people::Entity,
            Expr::col((people::Entity, people::Column::Id)).equals((m, outcome_metrics::Column::RecorderPersonId)),
        )
        .join(
            JoinType::LeftJoin,
            v,
            Condition::all()
                .add(Expr::col((v, measurements::Column::MetricId)).equals((m, outcome_metrics::Column::Id)))
                .add(shown_quarters),
        )
        .and_where(Expr::col((f, strategic_focuses::Column::ForumId)).eq(forum_id))
        .and_where(Expr::col((f, strategic_focuses::Column::Status)).eq(FocusStatus::Active.as_str()))
        .order_by((f, strategic_focuses::Column::Position), Order::Asc)
        .order_by((f, strategic_focuses::Column::Id), Order::Asc)
        .order_by((m, outcome_metrics::Column::Position), Order::Asc)
        .order_by((m, outcome_metrics::Column::Id), Order::Asc);
    // One row per focus, metric and shown quarter: a focus's and a metric's columns repeat on
    // each of their rows, so each is built from its first row only.
    let mut focuses: Vec<FocusWithMetrics> = Vec::new();
    for row in db.query_all(&select).await? {
        let focus_id: i64 = row.try_get("f_", strategic_focuses::Column::Id.as_str())?;
        let focus_line = match focuses.last_mut() {
            Some(last) if last.focus.id == focus_id => last,
            _ => {
                let focus = strategic_focuses::Model::from_query_result(&row, "f_")?;
                focuses.push(FocusWithMetrics { focus, metrics: Vec::new() });
                let Some(pushed) = focuses.last_mut() else { continue };
                pushed
            }
        };
        let metric_id: Option<i64> = row.try_get("m_", outcome_metrics::Column::Id.as_str())?;
        let Some(metric_id) = metric_id else { continue };
        let metric_line = match focus_line.metrics.last_mut() {
            Some(last) if last.metric.id == metric_id => last,
            _ => {
                let metric = outcome_metrics::Model::from_query_result(&row, "m_")?;
                let recorder_name = row.try_get("", "recorder_name")?;
                focus_line.metrics.push(MetricWithValues { metric, recorder_name, measured: Vec::new() });
                let Some(pushed) = focus_line.metrics.last_mut() else { continue };
                pushed
            }
        };
        metric_line.measured.extend(measurements::Model::from_query_result_optional(&row, "v_")?);
    }
    Ok(focuses)
}

/// Decisions of the quarter's meetings of the forum's bodies that are still open, in one join.
async fn open_decisions_of(db: &Database, forum_id: i64, quarter: Quarter) -> StoreResult<Vec<OpenDecision>> {
    let at_midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    let (Some(from), Some(to)) = (at_midnight(quarter.first_day()), at_midnight(quarter.plus(1).first_day())) else {
        return Ok(Vec::new());
    };
    let statement = crate::meetings::decisions::join_forum(
        Query::select()
            .columns([
                (decisions::Entity, decisions::Column::Id),
                (decisions::Entity, decisions::Column::Text),
                (decisions::Entity, decisions::Column::MeetingId),
                (decisions::Entity, decisions::Column::DueOn),
            ])
            .from(decisions::Entity),
    )
    .and_where(Expr::col((bodies::Entity, bodies::Column::ForumId)).eq(forum_id))
    .and_where(Expr::col((meetings::Entity, meetings::Column::StartsAt)).gte(from))
    .and_where(Expr::col((meetings::Entity, meetings::Column::StartsAt)).lt(to))
    .and_where(Expr::col((decisions::Entity, decisions::Column::Status)).eq(DecisionStatus::Open.as_str()))
    .order_by((decisions::Entity, decisions::Column::Id), Order::Asc)
    .to_owned();
    db.query_all(&statement)
        .await?
        .iter()
        .map(|row| {
            Ok(OpenDecision {
                decision_id: row.try_get_by_index(0)?,
                text: row.try_get_by_index(1)?,
                meeting_id: row.try_get_by_index(2)?,
                due_on: row.try_get_by_index(3)?,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(Into::into)
}

pub async fn get(db: &Database, forum_id: i64, quarter: Quarter) -> StoreResult<Option<quarterly_controls::Model>> {
    Ok(quarterly_controls::Entity::find()
        .filter(quarterly_controls::Column::ForumId.eq(forum_id))
        .filter(quarterly_controls::Column::Quarter.eq(quarter.code()))
        .one(db)
        .await?)
}

/// The control as `actor` may see it: a draft only by those who edit the forum, an approved
/// control by everyone signed in.
pub async fn visible(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
) -> StoreResult<Option<quarterly_controls::Model>> {
    // The forum's town and region come with the row: a draft's check costs no read of its own.
    let (t, c) = (towns::Entity, quarterly_controls::Entity);
    let mut select = Query::select();
    joined::all_columns_as::<quarterly_controls::Entity>(&mut select, "c_");
    select
        .columns([(t, towns::Column::Id), (t, towns::Column::RegionId)])
        .from(forums_entity::Entity)
        .inner_join(t, Expr::col((t, towns::Column::Id)).equals((forums_entity::Entity, forums_entity::Column::TownId)))
        .join(
            JoinType::LeftJoin,
            c,
            Condition::all()
                .add(
                    Expr::col((c, quarterly_controls::Column::ForumId))
                        .equals((forums_entity::Entity, forums_entity::Column::Id)),
                )
                .add(Expr::col((c, quarterly_controls::Column::Quarter)).eq(quarter.code())),
        )
        .and_where(Expr::col((forums_entity::Entity, forums_entity::Column::Id)).eq(forum_id));
    let Some(found) = db.query_one(&select).await? else { return Ok(None) };
    let Some(row) = quarterly_controls::Model::from_query_result_optional(&found, "c_")? else { return Ok(None) };
    if *row.status == ControlStatus::Approved {
        return Ok(Some(row));
    }
    let scope = workit_domain::Scope::Town { town: found.try_get("", "id")?, region: found.try_get("", "region_id")? };
    Ok(actor.can(Action::EditForum, scope).then_some(row))
}

pub fn conclusions(row: &quarterly_controls::Model) -> Conclusions {
    Conclusions {
        summary: row.summary.clone(),
        focus_notes: serde_json::from_str(&row.focus_notes).unwrap_or_default(),
    }
}

pub fn snapshot(row: &quarterly_controls::Model) -> Option<ControlView> {
    row.snapshot.as_deref().and_then(|json| serde_json::from_str(json).ok())
}

fn json<T: Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| DomainError::Internal(e.to_string()).into())
}

/// Writes the conclusions of a quarter's control (a draft). `version` is the draft's version the
/// writer saw, `None` when there was none yet. An approved control is not edited.
pub async fn save(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    conclusions: Conclusions,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> StoreResult<quarterly_controls::Model> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    check_ended(quarter, israel_date(now))?;
    let conclusions = conclusions.validated()?;
    let notes = json(&conclusions.focus_notes)?;
    let txn = db.begin().await?;
    let id = match (get(db, forum_id, quarter).await?, version) {
        (Some(row), _) if *row.status == ControlStatus::Approved => {
            return Err(DomainError::validation("quarter", codes::ALREADY_APPROVED).into());
        }
        (Some(row), Some(expected)) => {
            let changes = quarterly_controls::ActiveModel {
                summary: Set(conclusions.summary),
                focus_notes: Set(notes),
                ..Default::default()
            };
            update_if_current(&txn, &VersionedWrite::update("control", row.id, expected, row.version), changes, now)
                .await?;
            audit::record(&txn, actor, "update", "control", row.id, now).await?;
            row.id
        }
        (Some(row), None) => return Err(DomainError::stale("control", row.version).into()),
        (None, _) => {
            let row = quarterly_controls::ActiveModel {
                forum_id: Set(forum_id),
                quarter: Set(quarter.code()),
                status: Set(ControlStatus::Draft.into()),
                summary: Set(conclusions.summary),
                focus_notes: Set(notes),
                approved_by: Set(None),
                approved_at: Set(None),
                snapshot: Set(None),
                meeting_id: Set(None),
                number: Set(1),
                correction_reason: Set(None),
                ..Default::default()
            };
            let row = insert_new(&txn, row, now).await?;
            audit::record(&txn, actor, "create", "control", row.id, now).await?;
            row.id
        }
    };
    txn.commit().await?;
    quarterly_controls::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound { entity: "control" }.into())
}

/// The chair (or the region's coordinator) approves the control: the quarter's figures as they
/// stand are frozen into the control, so later corrections of measurements or tasks show beside
/// them rather than change them.
pub async fn approve(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    version: i32,
    now: DateTime<Utc>,
) -> StoreResult<quarterly_controls::Model> {
    authorize_forum(db, actor, Action::ApprovePlan, forum_id).await?;
    let today = israel_date(now);
    check_ended(quarter, today)?;
    let Some(row) = get(db, forum_id, quarter).await? else {
        return Err(DomainError::validation("summary", codes::REQUIRED).into());
    };
    if *row.status == ControlStatus::Approved {
        return Err(DomainError::validation("quarter", codes::ALREADY_APPROVED).into());
    }
    conclusions(&row).check_approvable()?;
    let frozen = json(&view(db, forum_id, quarter, today).await?)?;
    let txn = db.begin().await?;
    let changes = quarterly_controls::ActiveModel {
        status: Set(ControlStatus::Approved.into()),
        approved_by: Set(Some(actor.user_id)),
        approved_at: Set(Some(now)),
        snapshot: Set(Some(frozen)),
        ..Default::default()
    };
    let write =
        VersionedWrite { entity: "control", action: "approve", id: row.id, expected: version, current: row.version };
    update_if_current(&txn, &write, changes, now).await?;
    audit::record(&txn, actor, "approve", "control", row.id, now).await?;
    txn.commit().await?;
    get(db, forum_id, quarter).await?.ok_or_else(|| DomainError::NotFound { entity: "control" }.into())
}

/// Corrects an approved control: the approved version is kept as it was, and the control
/// becomes its next number — the new conclusions, the figures as they stand now, who corrected
/// it and why.
#[allow(clippy::too_many_arguments)]
pub async fn correct(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    conclusions: Conclusions,
    reason: &str,
    version: i32,
    now: DateTime<Utc>,
) -> StoreResult<quarterly_controls::Model> {
    authorize_forum(db, actor, Action::ApprovePlan, forum_id).await?;
    let today = israel_date(now);
    let Some(row) = get(db, forum_id, quarter).await? else {
        return Err(DomainError::validation("quarter", codes::NOT_APPROVED_YET).into());
    };
    let reason = correction_reason(*row.status, reason)?;
    let conclusions = conclusions.validated()?;
    conclusions.check_approvable()?;
    let frozen = json(&view(db, forum_id, quarter, today).await?)?;
    let txn = db.begin().await?;
    quarterly_control_versions::ActiveModel {
        control_id: Set(row.id),
        number: Set(row.number),
        summary: Set(row.summary.clone()),
        focus_notes: Set(row.focus_notes.clone()),
        snapshot: Set(row.snapshot.clone()),
        approved_by: Set(row.approved_by),
        approved_at: Set(row.approved_at),
        correction_reason: Set(row.correction_reason.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = quarterly_controls::ActiveModel {
        summary: Set(conclusions.summary.clone()),
        focus_notes: Set(json(&conclusions.focus_notes)?),
        snapshot: Set(Some(frozen)),
        approved_by: Set(Some(actor.user_id)),
        approved_at: Set(Some(now)),
        number: Set(row.number + 1),
        correction_reason: Set(Some(reason)),
        ..Default::default()
    };
    let write =
        VersionedWrite { entity: "control", action: "correct", id: row.id, expected: version, current: row.version };
    update_if_current(&txn, &write, changes, now).await?;
    audit::record(&txn, actor, "correct", "control", row.id, now).await?;
    txn.commit().await?;
    get(db, forum_id, quarter).await?.ok_or_else(|| DomainError::NotFound { entity: "control" }.into())
}

/// The approved versions a control's corrections superseded, oldest first.
pub async fn earlier_versions(db: &Database, control_id: i64) -> StoreResult<Vec<quarterly_control_versions::Model>> {
    Ok(quarterly_control_versions::Entity::find()
        .filter(quarterly_control_versions::Column::ControlId.eq(control_id))
        .order_by_asc(quarterly_control_versions::Column::Number)
        .all(db)
        .await?)
}
