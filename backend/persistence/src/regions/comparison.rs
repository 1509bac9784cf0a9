//! The towns of a region (or the country) side by side: one row of figures per town, computed in
//! a fixed number of statements whatever the number of towns — counts by grouped SQL, metric
//! status and health by the domain's rules over one batched read each.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use workit_domain::forums::health::Signal;
use workit_domain::forums::{BodyKind, FocusKind, Stage};
use workit_domain::meetings::DecisionStatus;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::control::ControlStatus;
use workit_domain::plans::focuses::FocusStatus;
use workit_domain::plans::{MetricStatus, Quarter, TaskStatus, metric_status};
use workit_domain::regions::comparison::{Share, Totals, TownFigures, roll_up};
use workit_domain::{Actor, DomainError, RegionId, TownId};

use crate::entities::{
    bodies, decisions, forums, measurements, meetings, milestones, outcome_metrics, quarterly_controls,
    strategic_focuses, towns, work_plan_tasks,
};
use crate::plans::metrics::path;
use crate::{Database, StoreResult};

pub struct TownRow {
    pub town: towns::Model,
    pub stage: Option<Stage>,
    pub figures: TownFigures,
}

pub struct Comparison {
    /// The last closed quarter, which metrics and controls are read at.
    pub quarter: Quarter,
    /// The towns whose rows the actor may read, by name.
    pub rows: Vec<TownRow>,
    /// The region's line (when one region is compared) and the country's.
    pub region: Option<Totals>,
    pub country: Totals,
}

const OPEN_TASK: [&str; 2] = [TaskStatus::Planned.as_str(), TaskStatus::InProgress.as_str()];

/// Sums a condition over the grouped rows: `SUM(CASE WHEN <condition> THEN 1 ELSE 0 END)`.
fn count_where(condition: Expr) -> Expr {
    Func::sum(Expr::case(condition, 1).finally(0)).into()
}

/// Compares the towns of `region` (or of the country): rows for the towns the actor may read —
/// every town for national staff, the region's for its coordinator, their own for town roles —
/// and the region's and country's lines over all towns, which reveal no town.
pub async fn compare(
    db: &Database,
    actor: &Actor,
    region: Option<RegionId>,
    now: DateTime<Utc>,
) -> StoreResult<Comparison> {
    if region.is_none() && !actor.sees_all_towns() && actor.region.is_none() && actor.towns.is_empty() {
        return Err(DomainError::Forbidden.into());
    }
    let today = israel_date(now);
    let quarter = Quarter::last_closed(now);
    let all_towns = towns::Entity::find()
        .filter(towns::Column::ArchivedAt.is_null())
        .order_by_asc(towns::Column::NameHe)
        .all(db)
        .await?;
    let town_ids: Vec<TownId> = all_towns.iter().map(|t| t.id).collect();
    let figures = figures_of(db, &town_ids, today, quarter, now).await?;

    let may_read = |town: &towns::Model| {
        actor.sees_all_towns() || actor.region == Some(town.region_id) || actor.towns.contains_key(&town.id)
    };
    let in_area = |town: &towns::Model| region.is_none_or(|r| town.region_id == r);
    let country = roll_up(figures.values().map(|(_, f)| f));
    let region_line = region.map(|r| {
        roll_up(all_towns.iter().filter(|t| t.region_id == r).filter_map(|t| figures.get(&t.id)).map(|(_, f)| f))
    });
    let rows = all_towns
        .into_iter()
        .filter(|t| in_area(t) && may_read(t))
        .map(|town| {
            let (stage, figures) = figures.get(&town.id).cloned().unwrap_or_default();
            TownRow { town, stage, figures }
        })
        .collect();
    Ok(Comparison { quarter, rows, region: region_line, country })
}

/// Every town's stage and figures, in a fixed number of statements.
async fn figures_of(
    db: &Database,
    town_ids: &[TownId],
    today: NaiveDate,
    quarter: Quarter,
    now: DateTime<Utc>,
) -> StoreResult<HashMap<TownId, (Option<Stage>, TownFigures)>> {
    let forum_rows =
        forums::Entity::find().filter(forums::Column::TownId.is_in(town_ids.iter().copied())).all(db).await?;
    let forum_ids: Vec<i64> = forum_rows.iter().map(|f| f.id).collect();
    let mut by_forum: HashMap<i64, TownFigures> = forum_ids.iter().map(|id| (*id, TownFigures::default())).collect();

    let milestone_counts: Vec<(i64, i64, i64)> = milestones::Entity::find()
        .select_only()
        .column(milestones::Column::ForumId)
        .expr(Expr::col(milestones::Column::Id).count())
        .expr(count_where(Expr::col(milestones::Column::DoneOn).is_not_null()))
        .filter(milestones::Column::ForumId.is_in(forum_ids.iter().copied()))
        .group_by(milestones::Column::ForumId)
        .into_tuple()
        .all(db)
        .await?;
    for (forum, whole, part) in milestone_counts {
        if let Some(f) = by_forum.get_mut(&forum) {
            f.milestones = Share { part: to_u32(part), whole: to_u32(whole) };
        }
    }

    let teams: Vec<(i64, i64)> = bodies::Entity::find()
        .select_only()
        .column(bodies::Column::ForumId)
        .expr(Expr::col(bodies::Column::Id).count())
        .filter(bodies::Column::ForumId.is_in(forum_ids.iter().copied()))
        .filter(bodies::Column::Kind.is_in([BodyKind::TaskTeam.as_str(), BodyKind::AdHocTeam.as_str()]))
        .filter(bodies::Column::ArchivedAt.is_null())
        .filter(bodies::Column::EndsOn.is_null().or(bodies::Column::EndsOn.gte(today)))
        .group_by(bodies::Column::ForumId)
        .into_tuple()
        .all(db)
        .await?;
    for (forum, count) in teams {
        if let Some(f) = by_forum.get_mut(&forum) {
            f.active_teams = to_u32(count);
        }
    }

    let open_task = Expr::col(work_plan_tasks::Column::Status).is_in(OPEN_TASK);
    let tasks: Vec<(i64, i64, i64)> = work_plan_tasks::Entity::find()
        .select_only()
        .column(work_plan_tasks::Column::ForumId)
        .expr(count_where(open_task.clone()))
        .expr(count_where(open_task.and(Expr::col(work_plan_tasks::Column::DueOn).lt(today))))
        .filter(work_plan_tasks::Column::ForumId.is_in(forum_ids.iter().copied()))
        .group_by(work_plan_tasks::Column::ForumId)
        .into_tuple()
        .all(db)
        .await?;
    for (forum, open, overdue) in tasks {
        if let Some(f) = by_forum.get_mut(&forum) {
            f.open_tasks = to_u32(open);
            f.overdue_tasks = to_u32(overdue);
        }
    }

    // Decisions reach their forum through their meeting's body: one grouped join.
    let open_decision = Expr::col((decisions::Entity, decisions::Column::Status)).eq(DecisionStatus::Open.as_str());
    let statement = Query::select()
        .column((bodies::Entity, bodies::Column::ForumId))
        .expr(count_where(open_decision.clone()))
        .expr(count_where(open_decision.and(Expr::col((decisions::Entity, decisions::Column::DueOn)).lt(today))))
        .from(decisions::Entity)
        .inner_join(
            meetings::Entity,
            Expr::col((decisions::Entity, decisions::Column::MeetingId))
                .equals((meetings::Entity, meetings::Column::Id)),
        )
        .inner_join(
            bodies::Entity,
            Expr::col((meetings::Entity, meetings::Column::BodyId)).equals((bodies::Entity, bodies::Column::Id)),
        )
        .and_where(Expr::col((bodies::Entity, bodies::Column::ForumId)).is_in(forum_ids.iter().copied()))
        .group_by_col((bodies::Entity, bodies::Column::ForumId))
        .to_owned();
    let decision_counts: Vec<(i64, i64, i64)> = db
        .query_all(&statement)
        .await?
        .iter()
        .map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?, row.try_get_by_index(2)?)))
        .collect::<Result<_, sea_orm::DbErr>>()?;
    for (forum, open, overdue) in decision_counts {
        if let Some(f) = by_forum.get_mut(&forum) {
            f.open_decisions = to_u32(open);
            f.overdue_decisions = to_u32(overdue);
        }
    }

    let focus_counts: Vec<(i64, String, i64)> = strategic_focuses::Entity::find()
        .select_only()
        .column(strategic_focuses::Column::ForumId)
        .column(strategic_focuses::Column::Kind)
        .expr(Expr::col(strategic_focuses::Column::Id).count())
        .filter(strategic_focuses::Column::ForumId.is_in(forum_ids.iter().copied()))
        .filter(strategic_focuses::Column::Status.eq(FocusStatus::Active.as_str()))
        .group_by(strategic_focuses::Column::ForumId)
        .group_by(strategic_focuses::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    for (forum, kind, count) in focus_counts {
        if let (Some(f), Some(kind)) = (by_forum.get_mut(&forum), FocusKind::parse(&kind)) {
            f.focuses.insert(kind, to_u32(count));
        }
    }

    // Metrics of active focuses with their value at the quarter: the domain decides the status.
    let active_focuses: HashMap<i64, i64> = strategic_focuses::Entity::find()
        .select_only()
        .column(strategic_focuses::Column::Id)
        .column(strategic_focuses::Column::ForumId)
        .filter(strategic_focuses::Column::ForumId.is_in(forum_ids.iter().copied()))
        .filter(strategic_focuses::Column::Status.eq(FocusStatus::Active.as_str()))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let metric_rows = outcome_metrics::Entity::find()
        .filter(outcome_metrics::Column::FocusId.is_in(active_focuses.keys().copied()))
        .all(db)
        .await?;
    let values: HashMap<i64, f64> = measurements::Entity::find()
        .filter(measurements::Column::MetricId.is_in(metric_rows.iter().map(|m| m.id)))
        .filter(measurements::Column::Year.eq(quarter.year()))
        .filter(measurements::Column::Quarter.eq(i32::from(quarter.number())))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.metric_id, m.value))
        .collect();
    for metric in &metric_rows {
        let (Some(forum), Some(path)) = (active_focuses.get(&metric.focus_id), path(metric)) else { continue };
        let status = metric_status(&path, quarter, values.get(&metric.id).copied());
        if status == MetricStatus::NoData {
            continue;
        }
        if let Some(f) = by_forum.get_mut(forum) {
            f.on_track.whole += 1;
            f.on_track.part += u32::from(status == MetricStatus::OnTrack);
        }
    }

    let approved: Vec<i64> = quarterly_controls::Entity::find()
        .select_only()
        .column(quarterly_controls::Column::ForumId)
        .filter(quarterly_controls::Column::ForumId.is_in(forum_ids.iter().copied()))
        .filter(quarterly_controls::Column::Quarter.eq(quarter.code()))
        .filter(quarterly_controls::Column::Status.eq(ControlStatus::Approved.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    for forum in approved {
        if let Some(f) = by_forum.get_mut(&forum) {
            f.control_approved = true;
        }
    }

    let mut health: HashMap<i64, Vec<Signal>> = crate::forums::health::assess_forums(db, &forum_ids, now).await?;
    Ok(forum_rows
        .into_iter()
        .map(|forum| {
            let mut figures = by_forum.remove(&forum.id).unwrap_or_default();
            figures.health = health.remove(&forum.id).unwrap_or_default();
            (forum.town_id, (Some(*forum.stage), figures))
        })
        .collect())
}

fn to_u32(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
