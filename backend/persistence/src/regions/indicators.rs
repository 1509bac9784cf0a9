//! Town employment indicators: importing them (the one importer checked the rows), reading a
//! town's periods and the comparison's, each as the actor may see them, and feeding the outcome
//! metrics that name an indicator. The table is wide (one nullable column per indicator, named
//! as the domain names it), so reads and writes are built from `Indicator::stored()`.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Serialize;
use workit_domain::plans::Quarter;
use workit_domain::regions::indicators::{ImportableTown, Indicator, IndicatorRow, Period, Values};
use workit_domain::regions::suppression::{Shown, protect_periods};
use workit_domain::{Action, Actor, DomainError, TownId, Validator};

use crate::entities::{forums, measurements, outcome_metrics, strategic_focuses, towns};
use crate::plans::metrics::new_measurement;
use crate::versioned::{VersionedWrite, insert_new, update_if_current};
use crate::{Database, StoreResult, audit, scope};

const TABLE: &str = "town_indicators";
/// The columns every read takes before the indicators'.
const HEAD: [&str; 6] = ["id", "version", "town_id", "period", "source", "updated_at"];

fn column(indicator: Indicator) -> String {
    indicator.as_str().to_ascii_lowercase()
}

/// One town's published figures for one period, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPeriod {
    pub id: i64,
    pub version: i32,
    pub town_id: TownId,
    pub period: Period,
    pub source: String,
    pub imported_at: DateTime<Utc>,
    pub values: Values,
}

/// Reads the periods `filter` selects, oldest first.
async fn read(
    db: &impl ConnectionTrait,
    filter: impl FnOnce(&mut sea_orm::sea_query::SelectStatement),
) -> StoreResult<Vec<StoredPeriod>> {
    let mut statement = Query::select();
    let columns = HEAD.iter().map(|c| (*c).to_owned()).chain(Indicator::stored().iter().map(|i| column(*i)));
    statement.from(TABLE).columns(columns.map(sea_orm::sea_query::Alias::new));
    filter(&mut statement);
    statement.order_by("period_end", sea_orm::Order::Asc).order_by("town_id", sea_orm::Order::Asc);
    let rows = db.query_all(&statement).await?;
    let mut periods = Vec::with_capacity(rows.len());
    for row in rows {
        let period: String = row.try_get_by_index(3)?;
        let Some(period) = Period::parse(&period) else { continue };
        let mut values = Values::default();
        for (offset, indicator) in Indicator::stored().iter().enumerate() {
            values.set(*indicator, row.try_get_by_index::<Option<f64>>(HEAD.len() + offset)?);
        }
        periods.push(StoredPeriod {
            id: row.try_get_by_index(0)?,
            version: row.try_get_by_index(1)?,
            town_id: row.try_get_by_index(2)?,
            period,
            source: row.try_get_by_index(4)?,
            imported_at: row.try_get_by_index(5)?,
            values,
        });
    }
    Ok(periods)
}

/// The stored periods of `towns` (all of them when `periods` is `None`).
pub async fn of_towns(
    db: &impl ConnectionTrait,
    town_ids: &[TownId],
    periods: Option<&[Period]>,
) -> StoreResult<Vec<StoredPeriod>> {
    read(db, |s| {
        s.and_where(Expr::col("town_id").is_in(town_ids.iter().copied()));
        if let Some(periods) = periods {
            s.and_where(Expr::col("period").is_in(periods.iter().map(ToString::to_string)));
        }
    })
    .await
}

/// A period of a town as the actor may see it.
pub struct VisiblePeriod {
    pub period: Period,
    pub source: String,
    pub imported_at: DateTime<Utc>,
    /// Every indicator, in `Indicator::ALL` order.
    pub figures: Vec<Shown>,
}

pub struct TownIndicators {
    /// Newest first.
    pub periods: Vec<VisiblePeriod>,
    /// Whether the actor sees the figures exactly (they belong to the town).
    pub exact: bool,
    /// Whether the actor may import and correct them.
    pub editable: bool,
}

/// A town's last `last` periods, small counts withheld unless the actor belongs to the town.
pub async fn of_town(
    db: &Database,
    actor: &Actor,
    town_id: TownId,
    last: usize,
    threshold: f64,
) -> StoreResult<TownIndicators> {
    let town_scope = scope::town(db, town_id).await?;
    let mut stored = of_towns(db, &[town_id], None).await?;
    stored.reverse();
    stored.truncate(last);
    let exact = actor.is_of_town(town_id);
    let values: Vec<Values> = stored.iter().map(|p| p.values).collect();
    let shown = protect_periods(&values, exact, threshold);
    let periods = stored
        .into_iter()
        .zip(shown)
        .map(|(p, figures)| VisiblePeriod { period: p.period, source: p.source, imported_at: p.imported_at, figures })
        .collect();
    Ok(TownIndicators { periods, exact, editable: actor.can(Action::EditIndicators, town_scope) })
}

/// The towns an import may name: the one of the path (if the actor may edit it), or every town
/// the actor may edit; refused when there is none.
pub async fn importable_towns(db: &Database, actor: &Actor, town: Option<TownId>) -> StoreResult<Vec<ImportableTown>> {
    let mut query = towns::Entity::find().filter(towns::Column::ArchivedAt.is_null());
    if let Some(town) = town {
        query = query.filter(towns::Column::Id.eq(town));
    }
    let rows = query.all(db).await?;
    if town.is_some() && rows.is_empty() {
        return Err(crate::versioned::not_found("town"));
    }
    let editable: Vec<ImportableTown> = rows
        .into_iter()
        .filter(|t| actor.can(Action::EditIndicators, workit_domain::Scope::Town { town: t.id, region: t.region_id }))
        .map(|t| ImportableTown { id: t.id, name_he: t.name_he, name_en: t.name_en, name_ar: t.name_ar })
        .collect();
    if editable.is_empty() {
        return Err(DomainError::Forbidden.into());
    }
    Ok(editable)
}

/// One figure an import changes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorChange {
    pub row: usize,
    pub town_id: TownId,
    pub town_name: String,
    pub period: String,
    pub indicator: &'static str,
    pub before: Option<f64>,
    pub after: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorImportOutcome {
    pub changes: Vec<IndicatorChange>,
    /// Figures already stored as the file has them: importing a file twice changes nothing.
    pub unchanged: usize,
    pub applied: bool,
    pub source: String,
}

/// Compares checked rows with what is stored and, when `apply`, writes the differences in one
/// transaction (all or nothing), records `source` on every period written, feeds the metrics
/// that name an indicator, and leaves one audit entry per town.
pub async fn import(
    db: &Database,
    actor: &Actor,
    towns: &[ImportableTown],
    rows: Vec<IndicatorRow>,
    source: &str,
    apply: bool,
    now: DateTime<Utc>,
) -> StoreResult<IndicatorImportOutcome> {
    let mut v = Validator::new();
    let source = v.required_text("source", source, 200);
    v.finish()?;
    let town_ids: BTreeSet<TownId> = rows.iter().map(|r| r.town_id).collect();
    if town_ids.iter().any(|id| !towns.iter().any(|t| t.id == *id)) {
        return Err(DomainError::Forbidden.into());
    }
    let town_ids: Vec<TownId> = town_ids.into_iter().collect();
    let periods: Vec<Period> = rows.iter().map(|r| r.period).collect::<BTreeSet<_>>().into_iter().collect();
    let stored: HashMap<(TownId, Period), StoredPeriod> =
        of_towns(db, &town_ids, Some(&periods)).await?.into_iter().map(|p| ((p.town_id, p.period), p)).collect();
    let town_name = |id: TownId| towns.iter().find(|t| t.id == id).map(|t| t.name_he.clone()).unwrap_or_default();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut writes = Vec::new();
    for row in &rows {
        let existing = stored.get(&(row.town_id, row.period));
        let mut changed = Vec::new();
        for indicator in Indicator::stored() {
            let Some(after) = row.values.get(*indicator) else { continue };
            let before = existing.and_then(|e| e.values.get(*indicator));
            if before == Some(after) {
                unchanged += 1;
                continue;
            }
            changed.push(*indicator);
            changes.push(IndicatorChange {
                row: row.row,
                town_id: row.town_id,
                town_name: town_name(row.town_id),
                period: row.period.to_string(),
                indicator: indicator.as_str(),
                before,
                after,
            });
        }
        if !changed.is_empty() {
            writes.push((existing, row, changed));
        }
    }
    if apply && !writes.is_empty() {
        let txn = db.begin().await?;
        let mut new_rows = Vec::new();
        for (existing, row, changed) in &writes {
            let figures = changed.iter().map(|i| (column(*i), SimpleExpr::from(row.values.get(*i))));
            match existing {
                Some(existing) => {
                    let statement = Query::update()
                        .table(TABLE)
                        .values(figures.map(|(c, v)| (sea_orm::sea_query::Alias::new(c), v)))
                        .value("source", source.clone())
                        .value("imported_by", actor.user_id)
                        .value("updated_at", now)
                        .value("version", existing.version + 1)
                        .and_where(Expr::col("id").eq(existing.id))
                        .to_owned();
                    txn.execute(&statement).await?;
                }
                None => new_rows.push((row.town_id, row.period, row.values)),
            }
        }
        insert_periods(&txn, &new_rows, &source, Some(actor.user_id), now).await?;
        let written: Vec<TownId> =
            writes.iter().map(|(_, row, _)| row.town_id).collect::<BTreeSet<_>>().into_iter().collect();
        feed_metrics(&txn, actor, &written, None, now).await?;
        for town in &written {
            audit::record(&txn, actor, "import_indicators", "town", *town, now).await?;
        }
        txn.commit().await?;
    }
    Ok(IndicatorImportOutcome { changes, unchanged, applied: apply, source })
}

/// Writes new periods, many rows to a statement (within SQLite's limit on bound values).
pub async fn insert_periods(
    db: &impl ConnectionTrait,
    rows: &[(TownId, Period, Values)],
    source: &str,
    imported_by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let head = [
        "town_id",
        "period",
        "period_kind",
        "period_end",
        "source",
        "imported_by",
        "created_at",
        "updated_at",
        "version",
    ];
    for chunk in rows.chunks(500) {
        let mut statement = Query::insert();
        let columns = head.iter().map(|c| (*c).to_owned()).chain(Indicator::stored().iter().map(|i| column(*i)));
        statement.into_table(TABLE).columns(columns.map(sea_orm::sea_query::Alias::new));
        for (town, period, values) in chunk {
            let kind = if period.is_month() { "MONTH" } else { "QUARTER" };
            let fixed: [SimpleExpr; 9] = [
                (*town).into(),
                period.to_string().into(),
                kind.into(),
                period.last_day().into(),
                source.into(),
                imported_by.into(),
                now.into(),
                now.into(),
                1.into(),
            ];
            let figures = Indicator::stored().iter().map(|i| SimpleExpr::from(values.get(*i)));
            statement.values(fixed.into_iter().chain(figures)).map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
        }
        db.execute(&statement).await?;
    }
    Ok(())
}

/// A quarter's figures of one town: the quarter's own row when published, else its last month's.
pub fn quarter_figures(periods: &[&StoredPeriod], quarter: Quarter) -> Option<Values> {
    let find = |period: Period| periods.iter().find(|p| p.period == period).map(|p| p.values);
    find(Period::Quarter(quarter)).or_else(|| find(Period::last_month_of(quarter)))
}

/// Writes the measurements of the metrics fed by an indicator in `towns` (or only `metric`):
/// one per quarter the town has figures for, replacing what the import changed.
pub async fn feed_metrics(
    db: &impl ConnectionTrait,
    actor: &Actor,
    town_ids: &[TownId],
    metric: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let forum_towns: HashMap<i64, TownId> = forums::Entity::find()
        .filter(forums::Column::TownId.is_in(town_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.town_id))
        .collect();
    let focus_towns: HashMap<i64, TownId> = strategic_focuses::Entity::find()
        .filter(strategic_focuses::Column::ForumId.is_in(forum_towns.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|f| Some((f.id, *forum_towns.get(&f.forum_id)?)))
        .collect();
    let mut metrics = outcome_metrics::Entity::find()
        .filter(outcome_metrics::Column::FocusId.is_in(focus_towns.keys().copied()))
        .filter(outcome_metrics::Column::Indicator.is_not_null());
    if let Some(metric) = metric {
        metrics = metrics.filter(outcome_metrics::Column::Id.eq(metric));
    }
    let metrics = metrics.all(db).await?;
    if metrics.is_empty() {
        return Ok(());
    }
    let stored = of_towns(db, town_ids, None).await?;
    let existing: HashMap<(i64, i32, i32), measurements::Model> = measurements::Entity::find()
        .filter(measurements::Column::MetricId.is_in(metrics.iter().map(|m| m.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| ((m.metric_id, m.year, m.quarter), m))
        .collect();
    for metric in &metrics {
        let (Some(indicator), Some(town)) =
            (metric.indicator.as_deref().and_then(Indicator::parse), focus_towns.get(&metric.focus_id))
        else {
            continue;
        };
        let periods: Vec<&StoredPeriod> = stored.iter().filter(|p| p.town_id == *town).collect();
        let quarters: BTreeSet<Quarter> = periods.iter().map(|p| p.period.quarter()).collect();
        for quarter in quarters {
            let Some(value) = quarter_figures(&periods, quarter).and_then(|v| v.get(indicator)) else { continue };
            let key = (metric.id, quarter.year(), i32::from(quarter.number()));
            match existing.get(&key) {
                Some(row) if row.value == value => {}
                // The same writes as a typed or imported measurement, versioned.
                Some(row) => {
                    let changes = measurements::ActiveModel {
                        value: Set(value),
                        recorded_by: Set(Some(actor.user_id)),
                        ..Default::default()
                    };
                    let write = VersionedWrite::update("measurement", row.id, row.version, row.version);
                    update_if_current(db, &write, changes, now).await?;
                }
                None => {
                    insert_new(db, new_measurement(metric.id, quarter, value, None, actor), now).await?;
                }
            }
        }
    }
    Ok(())
}

/// The figures the comparison reads: the latest quarter with figures up to the last closed one,
/// and per town its figures then and a year earlier.
#[derive(Default)]
pub struct ComparedFigures {
    pub quarter: Option<Quarter>,
    pub now: HashMap<TownId, Values>,
    pub year_earlier: HashMap<TownId, Values>,
}

impl ComparedFigures {
    /// The figures of these towns only (the towns shown, not archived ones).
    pub fn of_towns(mut self, town_ids: &[TownId]) -> Self {
        let shown: HashSet<TownId> = town_ids.iter().copied().collect();
        self.now.retain(|town, _| shown.contains(town));
        self.year_earlier.retain(|town, _| shown.contains(town));
        self
    }
}

/// Every town's indicators at the latest quarter with data up to `last_closed`, and a year before.
pub async fn compared(db: &Database, last_closed: Quarter) -> StoreResult<ComparedFigures> {
    let latest = Query::select()
        .expr(Func::max(Expr::col("period_end")))
        .from(TABLE)
        .and_where(Expr::col("period_end").lte(last_closed.last_day()))
        .to_owned();
    let latest: Option<NaiveDate> = match db.query_one(&latest).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => None,
    };
    let Some(quarter) = latest.map(Quarter::of) else {
        return Ok(ComparedFigures::default());
    };
    let earlier = quarter.plus(-4);
    let periods = [
        Period::Quarter(quarter),
        Period::last_month_of(quarter),
        Period::Quarter(earlier),
        Period::last_month_of(earlier),
    ];
    let stored = read(db, |s| {
        s.and_where(Expr::col("period").is_in(periods.iter().map(ToString::to_string)));
    })
    .await?;
    let mut by_town: HashMap<TownId, Vec<&StoredPeriod>> = HashMap::new();
    for period in &stored {
        by_town.entry(period.town_id).or_default().push(period);
    }
    let at = |q: Quarter| -> HashMap<TownId, Values> {
        by_town.iter().filter_map(|(town, periods)| Some((*town, quarter_figures(periods, q)?))).collect()
    };
    Ok(ComparedFigures { quarter: Some(quarter), now: at(quarter), year_earlier: at(earlier) })
}
