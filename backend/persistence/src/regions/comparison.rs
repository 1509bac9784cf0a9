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
use workit_domain::regions::indicators::{COMPARED, Indicator, Period, Values, roll_up as roll_up_values};
use workit_domain::regions::suppression::{Hidden, Shown, TownInView, protect_towns};
use workit_domain::{Actor, DomainError, RegionId, TownId};

use crate::entities::{
    bodies, decisions, forums, measurements, meetings, milestones, outcome_metrics, quarterly_controls,
    strategic_focuses, towns, work_plan_tasks,
};
use crate::plans::metrics::path;
use crate::regions::indicators;
use crate::{Database, StoreResult};

pub struct TownRow {
    pub town: towns::Model,
    pub stage: Option<Stage>,
    pub figures: TownFigures,
    /// The indicators of `COMPARED`, in its order.
    pub indicators: Vec<ComparedFigure>,
}

/// An indicator in the comparison: as the actor may see it, and its change against the same
/// quarter a year earlier (withheld whenever either end is).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComparedFigure {
    pub indicator: Indicator,
    pub shown: Shown,
    pub change: Option<f64>,
}

pub struct Comparison {
    /// The last closed quarter, which metrics and controls are read at.
    pub quarter: Quarter,
    /// The towns whose rows the actor may read, by name.
    pub rows: Vec<TownRow>,
    /// The region's line (when one region is compared) and the country's.
    pub region: Option<Totals>,
    pub country: Totals,
    /// The quarter the indicators are read at: the latest with figures, up to `quarter`.
    pub indicator_quarter: Option<Quarter>,
    pub region_indicators: Option<Vec<ComparedFigure>>,
    pub country_indicators: Vec<ComparedFigure>,
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
    threshold: f64,
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

    let country = roll_up(figures.values().map(|(_, f)| f));
    let region_line = region.map(|r| {
        roll_up(all_towns.iter().filter(|t| t.region_id == r).filter_map(|t| figures.get(&t.id)).map(|(_, f)| f))
    });

    let compared = indicators::compared(db, &town_ids, quarter).await?;
    let shown: Vec<bool> = all_towns.iter().map(|t| has_row(actor, region, t)).collect();
    let mut lines: Vec<Vec<usize>> = Vec::new();
    if let Some(r) = region {
        lines.push((0..all_towns.len()).filter(|i| all_towns[*i].region_id == r).collect());
    }
    lines.push((0..all_towns.len()).collect());
    let view = |values: &HashMap<TownId, Values>| {
        let empty = Values::default();
        let in_view: Vec<TownInView<'_>> = all_towns
            .iter()
            .zip(&shown)
            .map(|(t, shown)| TownInView {
                values: values.get(&t.id).unwrap_or(&empty),
                shown: *shown,
                own: actor.is_of_town(t.id),
            })
            .collect();
        let protection = protect_towns(&in_view, &lines, &COMPARED, threshold);
        let line_values: Vec<Values> = lines
            .iter()
            .map(|members| roll_up_values(members.iter().filter_map(|i| values.get(&all_towns[*i].id))))
            .collect();
        (protection, line_values)
    };
    let (now_protection, now_lines) = view(&compared.now);
    let (then_protection, then_lines) = view(&compared.year_earlier);
    let figures_of_row =
        |now: Option<&Values>, then: Option<&Values>, now_hidden: &[Option<Hidden>], then_hidden: &[Option<Hidden>]| {
            COMPARED
                .iter()
                .enumerate()
                .map(|(k, indicator)| {
                    let shown = Shown::new(now.and_then(|v| v.get(*indicator)), now_hidden.get(k).copied().flatten());
                    let earlier =
                        Shown::new(then.and_then(|v| v.get(*indicator)), then_hidden.get(k).copied().flatten());
                    let change = shown.value.zip(earlier.value).map(|(a, b)| a - b);
                    ComparedFigure { indicator: *indicator, shown, change }
                })
                .collect::<Vec<_>>()
        };
    let line_figures = |at: usize| {
        figures_of_row(
            Some(&now_lines[at]),
            Some(&then_lines[at]),
            &now_protection.lines[at],
            &then_protection.lines[at],
        )
    };
    let region_indicators = region.map(|_| line_figures(0));
    let country_indicators = line_figures(lines.len() - 1);
    let rows = all_towns
        .into_iter()
        .enumerate()
        .filter(|(i, _)| shown[*i])
        .map(|(i, town)| {
            let (stage, figures) = figures.get(&town.id).cloned().unwrap_or_default();
            let indicators = figures_of_row(
                compared.now.get(&town.id),
                compared.year_earlier.get(&town.id),
                &now_protection.towns[i],
                &then_protection.towns[i],
            );
            TownRow { town, stage, figures, indicators }
        })
        .collect();
    Ok(Comparison {
        quarter,
        rows,
        region: region_line,
        country,
        indicator_quarter: compared.quarter,
        region_indicators,
        country_indicators,
    })
}

/// Whether the comparison of `region` (or the country) shows a row for `town` to the actor: every
/// town for national staff, the region's for its coordinator, their own for town roles.
fn has_row(actor: &Actor, region: Option<RegionId>, town: &towns::Model) -> bool {
    let may_read = actor.sees_all_towns() || actor.region == Some(town.region_id) || actor.towns.contains_key(&town.id);
    may_read && region.is_none_or(|r| town.region_id == r)
}

/// One indicator's quarters across the towns of a comparison, for small multiples.
pub struct Trend {
    /// Oldest first.
    pub quarters: Vec<Quarter>,
    /// Each town's figure per quarter, as the actor may see it.
    pub towns: Vec<(towns::Model, Vec<Shown>)>,
    /// Per quarter, the median of the figures shown (withheld ones cannot move it).
    pub median: Vec<Option<f64>>,
}

/// The last `count` quarters (up to the last closed one) of `indicator` for the towns whose rows
/// the comparison of `region` shows the actor — three statements whatever the number of towns.
pub async fn trend(
    db: &Database,
    actor: &Actor,
    region: Option<RegionId>,
    indicator: Indicator,
    count: usize,
    now: DateTime<Utc>,
    threshold: f64,
) -> StoreResult<Trend> {
    let last = Quarter::last_closed(now);
    let quarters: Vec<Quarter> = (0..count).rev().map(|back| last.plus(-i32::try_from(back).unwrap_or(0))).collect();
    let shown_towns: Vec<towns::Model> = towns::Entity::find()
        .filter(towns::Column::ArchivedAt.is_null())
        .order_by_asc(towns::Column::NameHe)
        .all(db)
        .await?
        .into_iter()
        .filter(|t| has_row(actor, region, t))
        .collect();
    let town_ids: Vec<TownId> = shown_towns.iter().map(|t| t.id).collect();
    let periods: Vec<Period> = quarters.iter().flat_map(|q| [Period::Quarter(*q), Period::last_month_of(*q)]).collect();
    let stored = indicators::of_towns(db, &town_ids, Some(&periods)).await?;
    let mut by_town: HashMap<TownId, Vec<&indicators::StoredPeriod>> = HashMap::new();
    for period in &stored {
        by_town.entry(period.town_id).or_default().push(period);
    }
    let empty = Values::default();
    let mut series: Vec<Vec<Shown>> = vec![Vec::with_capacity(quarters.len()); shown_towns.len()];
    let mut median = Vec::with_capacity(quarters.len());
    for quarter in &quarters {
        let values: Vec<Values> = shown_towns
            .iter()
            .map(|t| by_town.get(&t.id).and_then(|p| indicators::quarter_figures(p, *quarter)).unwrap_or(empty))
            .collect();
        let in_view: Vec<TownInView<'_>> = shown_towns
            .iter()
            .zip(&values)
            .map(|(t, values)| TownInView { values, shown: true, own: actor.is_of_town(t.id) })
            .collect();
        let protection = protect_towns(&in_view, &[], &[indicator], threshold);
        let mut visible = Vec::new();
        for (t, values) in values.iter().enumerate() {
            let shown = Shown::new(values.get(indicator), protection.towns[t][0]);
            visible.extend(shown.value);
            series[t].push(shown);
        }
        median.push(median_of(&mut visible));
    }
    Ok(Trend { quarters, towns: shown_towns.into_iter().zip(series).collect(), median })
}

fn median_of(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[middle]),
        _ => Some((values[middle - 1] + values[middle]) / 2.0),
    }
}

/// Every town's stage and figures, in a fixed number of statements. The comparison always covers
/// every town (the country's line needs them all), so the reads send no lists of ids.
async fn figures_of(
    db: &Database,
    town_ids: &[TownId],
    today: NaiveDate,
    quarter: Quarter,
    now: DateTime<Utc>,
) -> StoreResult<HashMap<TownId, (Option<Stage>, TownFigures)>> {
    let compared: std::collections::HashSet<TownId> = town_ids.iter().copied().collect();
    let forum_rows: Vec<forums::Model> =
        forums::Entity::find().all(db).await?.into_iter().filter(|f| compared.contains(&f.town_id)).collect();
    let forum_ids: Vec<i64> = forum_rows.iter().map(|f| f.id).collect();
    let mut by_forum: HashMap<i64, TownFigures> = forum_ids.iter().map(|id| (*id, TownFigures::default())).collect();

    let milestone_counts: Vec<(i64, i64, i64)> = milestones::Entity::find()
        .select_only()
        .column(milestones::Column::ForumId)
        .expr(Expr::col(milestones::Column::Id).count())
        .expr(count_where(Expr::col(milestones::Column::DoneOn).is_not_null()))
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
        .expr(count_where(open_task.clone().and(Expr::col(work_plan_tasks::Column::DueOn).lt(today))))
        .filter(open_task)
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
        .expr(count_where(
            open_decision.clone().and(Expr::col((decisions::Entity, decisions::Column::DueOn)).lt(today)),
        ))
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
        // Only open decisions are counted: the done ones, most of them, are not read.
        .and_where(open_decision)
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
        .filter(strategic_focuses::Column::Status.eq(FocusStatus::Active.as_str()))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let active = Query::select()
        .column(strategic_focuses::Column::Id)
        .from(strategic_focuses::Entity)
        .and_where(Expr::col(strategic_focuses::Column::Status).eq(FocusStatus::Active.as_str()))
        .to_owned();
    let metric_rows = outcome_metrics::Entity::find()
        .filter(outcome_metrics::Column::FocusId.in_subquery(active.clone()))
        .all(db)
        .await?;
    let of_active = Query::select()
        .column(outcome_metrics::Column::Id)
        .from(outcome_metrics::Entity)
        .and_where(Expr::col(outcome_metrics::Column::FocusId).in_subquery(active))
        .to_owned();
    let values: HashMap<i64, f64> = measurements::Entity::find()
        .select_only()
        .column(measurements::Column::MetricId)
        .column(measurements::Column::Value)
        .filter(measurements::Column::MetricId.in_subquery(of_active))
        .filter(measurements::Column::Year.eq(quarter.year()))
        .filter(measurements::Column::Quarter.eq(i32::from(quarter.number())))
        .into_tuple::<(i64, f64)>()
        .all(db)
        .await?
        .into_iter()
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

    let mut health: HashMap<i64, Vec<Signal>> =
        crate::forums::health::assess_forums(db, crate::forums::health::Forums::All, now).await?;
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
