//! The towns of a region (or the country) side by side: one row of figures per town, computed in
//! a fixed number of statements whatever the number of towns — counts by grouped SQL, metric
//! status and health by the domain's rules over one batched read each.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement, Value};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
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

use crate::db::read_if;
use crate::entities::{
    bodies, decisions, forums, measurements, milestones, outcome_metrics, quarterly_controls, strategic_focuses, towns,
    work_plan_tasks,
};
use crate::joined::FromColumnsAt;
use crate::plans::metrics::path;
use crate::regions::indicators;
use crate::template::Template;
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

/// Compares the towns of `region` (or of the country): rows for the towns the actor may read —
/// every town for national staff, the region's for its coordinator, their own for town roles —
/// and the region's and country's lines over all towns, which reveal no town.
pub async fn compare(
    db: &Database,
    actor: &Actor,
    region: Option<RegionId>,
    now: DateTime<Utc>,
    threshold: f64,
    wanted: Wanted,
) -> StoreResult<Comparison> {
    if region.is_none() && !actor.sees_all_towns() && actor.region.is_none() && actor.towns.is_empty() {
        return Err(DomainError::Forbidden.into());
    }
    let today = israel_date(now);
    let quarter = Quarter::last_closed(now);
    // The indicators are stored per town and need nothing from the towns' read: read meanwhile.
    let ((all_towns, figures), compared) = futures::try_join!(
        towns_with_figures(db, today, quarter, now, wanted),
        read_if(wanted.indicators, indicators::compared(db, quarter)),
    )?;
    let town_ids: Vec<TownId> = all_towns.iter().map(|t| t.id).collect();

    let country = roll_up(figures.values().map(|(_, f)| f));
    let region_line = region.map(|r| {
        roll_up(all_towns.iter().filter(|t| t.region_id == r).filter_map(|t| figures.get(&t.id)).map(|(_, f)| f))
    });

    let compared = compared.map_or_else(indicators::ComparedFigures::default, |figures| figures.of_towns(&town_ids));
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

/// The figures a request asks for beyond the counted columns, which cost statements of their
/// own: the GraphQL layer reads them from the query (look-ahead), an export asks for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    /// Each forum's health signals (the rules of `forums::health` over its members and meetings).
    pub health: bool,
    /// Metrics on track at the quarter (the rule of `plans::metric_status` over each metric).
    pub on_track: bool,
    /// The labour-market indicators, with small counts withheld.
    pub indicators: bool,
}

impl Wanted {
    pub const ALL: Wanted = Wanted { health: true, on_track: true, indicators: true };
}

/// `COUNT(CASE WHEN <condition> THEN 1 END)`: the grouped rows that meet a condition.
fn count_where(condition: Expr) -> Expr {
    Expr::from(sea_orm::sea_query::Func::count(Expr::case(condition, 1)))
}

fn count_all() -> Expr {
    Expr::col(sea_orm::sea_query::Asterisk).count()
}

/// Counts of one kind of row per forum: `SELECT <forum> AS forum_id, <count> AS n0, … FROM …
/// GROUP BY <forum>`, to be joined to the forums under `alias`.
struct CountedByForum {
    alias: &'static str,
    counts: usize,
    statement: SelectStatement,
}

impl CountedByForum {
    fn new(alias: &'static str, forum: Expr, counts: Vec<Expr>, from: impl FnOnce(&mut SelectStatement)) -> Self {
        let mut statement = Query::select();
        statement.expr_as(forum.clone(), Alias::new("forum_id"));
        let n = counts.len();
        for (at, count) in counts.into_iter().enumerate() {
            statement.expr_as(count, Alias::new(format!("n{at}")));
        }
        from(&mut statement);
        statement.add_group_by([forum]);
        Self { alias, counts: n, statement }
    }
}

type FiguresByTown = HashMap<TownId, (Option<Stage>, TownFigures)>;

/// The towns in use with their forum's stage and counts (`towns_with_figures`), built once per
/// database: its text is the same for every comparison.
static COUNTED_TOWNS: Template<2> = Template::new(|_, [today, quarter]| {
    let groups = [
        CountedByForum::new(
            "milestone_counts",
            Expr::col(milestones::Column::ForumId),
            vec![count_all(), Expr::col(milestones::Column::DoneOn).count()],
            |s| {
                s.from(milestones::Entity);
            },
        ),
        CountedByForum::new("team_counts", Expr::col(bodies::Column::ForumId), vec![count_all()], |s| {
            s.from(bodies::Entity)
                .and_where(
                    Expr::col(bodies::Column::Kind).is_in([BodyKind::TaskTeam.as_str(), BodyKind::AdHocTeam.as_str()]),
                )
                .and_where(Expr::col(bodies::Column::ArchivedAt).is_null())
                .and_where(
                    Expr::col(bodies::Column::EndsOn)
                        .is_null()
                        .or(Expr::col(bodies::Column::EndsOn).gte(today.clone())),
                );
        }),
        CountedByForum::new(
            "task_counts",
            Expr::col(work_plan_tasks::Column::ForumId),
            vec![count_all(), count_where(Expr::col(work_plan_tasks::Column::DueOn).lt(today.clone()))],
            |s| {
                s.from(work_plan_tasks::Entity).and_where(Expr::col(work_plan_tasks::Column::Status).is_in(OPEN_TASK));
            },
        ),
        CountedByForum::new(
            "decision_counts",
            Expr::col((bodies::Entity, bodies::Column::ForumId)),
            vec![count_all(), count_where(Expr::col((decisions::Entity, decisions::Column::DueOn)).lt(today.clone()))],
            |s| {
                crate::meetings::decisions::join_forum(s.from(decisions::Entity)).and_where(
                    Expr::col((decisions::Entity, decisions::Column::Status)).eq(DecisionStatus::Open.as_str()),
                );
            },
        ),
        CountedByForum::new(
            "approved_controls",
            Expr::col(quarterly_controls::Column::ForumId),
            vec![count_all()],
            |s| {
                s.from(quarterly_controls::Entity)
                    .and_where(Expr::col(quarterly_controls::Column::Quarter).eq(quarter.clone()))
                    .and_where(Expr::col(quarterly_controls::Column::Status).eq(ControlStatus::Approved.as_str()));
            },
        ),
        CountedByForum::new(
            "focus_counts",
            Expr::col(strategic_focuses::Column::ForumId),
            FocusKind::ALL
                .iter()
                .map(|kind| count_where(Expr::col(strategic_focuses::Column::Kind).eq(kind.as_str())))
                .collect(),
            |s| {
                s.from(strategic_focuses::Entity)
                    .and_where(Expr::col(strategic_focuses::Column::Status).eq(FocusStatus::Active.as_str()));
            },
        ),
    ];

    let mut statement = Query::select();
    statement
        .column((forums::Entity, forums::Column::Id))
        .column((forums::Entity, forums::Column::TownId))
        .column((forums::Entity, forums::Column::Stage))
        .from(towns::Entity)
        .left_join(
            forums::Entity,
            Expr::col((forums::Entity, forums::Column::TownId)).equals((towns::Entity, towns::Column::Id)),
        )
        .and_where(Expr::col((towns::Entity, towns::Column::ArchivedAt)).is_null())
        .order_by((towns::Entity, towns::Column::NameHe), Order::Asc)
        .order_by((towns::Entity, towns::Column::Id), Order::Asc);
    // The counts in the groups' order; a forum with no rows of a kind reads NULL (left join).
    for group in groups {
        for at in 0..group.counts {
            statement.expr(Expr::col((Alias::new(group.alias), Alias::new(format!("n{at}")))));
        }
        let forum = Expr::col((Alias::new(group.alias), Alias::new("forum_id")));
        statement.join_subquery(
            JoinType::LeftJoin,
            group.statement,
            Alias::new(group.alias),
            forum.equals((forums::Entity, forums::Column::Id)),
        );
    }
    // The town's own columns come after the counts, whose places the reading below counts on.
    crate::joined::all_columns::<towns::Entity>(&mut statement);
    statement
});

/// Where the active focuses' counts by kind start in a row of `COUNTED_TOWNS`: after the forum's
/// three columns and the eight counts read before them.
const FOCUS_COUNTS_AT: usize = 11;
/// Where the town's columns start: after the focus counts.
const TOWN_COLUMNS_AT: usize = FOCUS_COUNTS_AT + FocusKind::ALL.len();

/// The towns in use (by Hebrew name) with their forum's stage and counted figures, in one
/// statement — each kind of row counted once, grouped by forum, and joined to the forums
/// (counted per forum in correlated subqueries, PostgreSQL ran each of them once per forum) —
/// and what `wanted` adds in a few more. The comparison always covers every town (the country's
/// line needs them all), so the reads send no lists of ids.
async fn towns_with_figures(
    db: &Database,
    today: NaiveDate,
    quarter: Quarter,
    now: DateTime<Utc>,
    wanted: Wanted,
) -> StoreResult<(Vec<towns::Model>, FiguresByTown)> {
    let statement =
        COUNTED_TOWNS.statement(db.get_database_backend(), [Value::from(today), Value::from(quarter.code())]);
    let mut all_towns = Vec::new();
    let mut by_forum: HashMap<i64, (TownId, Option<Stage>, TownFigures)> = HashMap::new();
    // The counts, the metrics on track and the health do not depend on one another: read at once.
    let (rows, on_track, mut health) = futures::try_join!(
        async { Ok(db.query_all_raw(statement).await?) },
        read_if(wanted.on_track, on_track(db, quarter)),
        read_if(wanted.health, crate::forums::health::assess_forums(db, crate::forums::health::Forums::All, now)),
    )?;
    for row in rows {
        let town = towns::Model::from_columns_at(&row, TOWN_COLUMNS_AT)?;
        let Some(forum) = row.try_get_by_index::<Option<i64>>(0)? else {
            all_towns.push(town);
            continue;
        };
        let count = |at: usize| row.try_get_by_index::<Option<i64>>(at).map(|n| to_u32(n.unwrap_or(0)));
        let mut figures = TownFigures {
            milestones: Share { part: count(4)?, whole: count(3)? },
            active_teams: count(5)?,
            open_tasks: count(6)?,
            overdue_tasks: count(7)?,
            open_decisions: count(8)?,
            overdue_decisions: count(9)?,
            control_approved: count(10)? > 0,
            ..TownFigures::default()
        };
        for (k, kind) in FocusKind::ALL.iter().enumerate() {
            let n = count(FOCUS_COUNTS_AT + k)?;
            if n > 0 {
                figures.focuses.insert(*kind, n);
            }
        }
        let stage: crate::stored::Stored<Stage> = row.try_get_by_index(2)?;
        by_forum.insert(forum, (town.id, Some(*stage), figures));
        all_towns.push(town);
    }

    for (forum, (_, _, figures)) in &mut by_forum {
        if let Some(shares) = &on_track {
            figures.on_track = shares.get(forum).copied().unwrap_or_default();
        }
        if let Some(health) = &mut health {
            figures.health = health.remove(forum).unwrap_or_default();
        }
    }
    let figures = by_forum.into_values().map(|(town, stage, figures)| (town, (stage, figures))).collect();
    Ok((all_towns, figures))
}

/// Each forum's metrics of active focuses on track at the quarter, of those with data: the domain
/// decides each metric's status.
async fn on_track(db: &Database, quarter: Quarter) -> StoreResult<HashMap<i64, Share>> {
    let active = Query::select()
        .column(strategic_focuses::Column::Id)
        .from(strategic_focuses::Entity)
        .and_where(Expr::col(strategic_focuses::Column::Status).eq(FocusStatus::Active.as_str()))
        .to_owned();
    let of_active = Query::select()
        .column(outcome_metrics::Column::Id)
        .from(outcome_metrics::Entity)
        .and_where(Expr::col(outcome_metrics::Column::FocusId).in_subquery(active.clone()))
        .to_owned();
    let (active_focuses, metric_rows, values) = futures::try_join!(
        strategic_focuses::Entity::find()
            .select_only()
            .column(strategic_focuses::Column::Id)
            .column(strategic_focuses::Column::ForumId)
            .filter(strategic_focuses::Column::Status.eq(FocusStatus::Active.as_str()))
            .into_tuple::<(i64, i64)>()
            .all(db),
        outcome_metrics::Entity::find().filter(outcome_metrics::Column::FocusId.in_subquery(active)).all(db),
        measurements::Entity::find()
            .select_only()
            .column(measurements::Column::MetricId)
            .column(measurements::Column::Value)
            .filter(measurements::Column::MetricId.in_subquery(of_active))
            .filter(measurements::Column::Year.eq(quarter.year()))
            .filter(measurements::Column::Quarter.eq(i32::from(quarter.number())))
            .into_tuple::<(i64, f64)>()
            .all(db),
    )?;
    let forum_of: HashMap<i64, i64> = active_focuses.into_iter().collect();
    let values: HashMap<i64, f64> = values.into_iter().collect();
    let mut shares: HashMap<i64, Share> = HashMap::new();
    for metric in &metric_rows {
        let (Some(forum), Some(path)) = (forum_of.get(&metric.focus_id), path(metric)) else { continue };
        let status = metric_status(&path, quarter, values.get(&metric.id).copied());
        if status == MetricStatus::NoData {
            continue;
        }
        let share = shares.entry(*forum).or_default();
        share.whole += 1;
        share.part += u32::from(status == MetricStatus::OnTrack);
    }
    Ok(shares)
}

fn to_u32(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use sea_orm::DbBackend;
    use sea_orm::sea_query::Value;

    use super::COUNTED_TOWNS;

    /// PostgreSQL reuses one plan for a statement only when its plan for unknown values looks no
    /// dearer than the plans it made for the values given: a constant bound as a value (a status,
    /// a kind) made it plan the country's comparison anew on every request.
    #[test]
    fn the_counted_towns_bind_only_the_date_and_the_quarter() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).map(Value::from).unwrap_or(Value::ChronoDate(None));
        for backend in [DbBackend::Postgres, DbBackend::Sqlite] {
            let statement = COUNTED_TOWNS.statement(backend, [today.clone(), Value::from(20263)]);
            let bound = statement.values.map(|v| v.0).unwrap_or_default();
            assert_eq!(bound, vec![today.clone(), today.clone(), today.clone(), Value::from(20263)], "{backend:?}");
            assert!(statement.sql.contains("'APPROVED'"), "{}", statement.sql);
        }
    }
}
