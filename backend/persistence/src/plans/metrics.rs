//! Outcome metrics of a focus and their quarterly measurements, typed in or imported.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};
use serde::Serialize;
use workit_domain::plans::Quarter;
use workit_domain::plans::import::{ImportRow, ImportableMetric};
use workit_domain::plans::measures::{MAX_METRICS_PER_FOCUS, MeasurementDraft, MetricDraft, ValidMetric};
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, TownId};

use super::{authorize_forum, focuses};
use crate::entities::{measurements, outcome_metrics, people, strategic_focuses, work_plan_tasks};
use crate::joined::AllByPosition;
use crate::room::check_room;
use crate::versioned::{VersionedWrite, insert_audited, insert_new, not_found, update_if_current, write_if_current};
use crate::{Database, StoreResult, audit};

pub async fn by_focus_ids(db: &Database, focus_ids: &[i64]) -> StoreResult<Vec<outcome_metrics::Model>> {
    Ok(outcome_metrics::Entity::find()
        .filter(outcome_metrics::Column::FocusId.is_in(focus_ids.iter().copied()))
        .order_by_asc(outcome_metrics::Column::Position)
        .order_by_asc(outcome_metrics::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<outcome_metrics::Model>> {
    Ok(outcome_metrics::Entity::find()
        .filter(outcome_metrics::Column::Id.is_in(ids.iter().copied()))
        .all_by_position(db)
        .await?)
}

/// Every metric of a forum's focuses, in focus priority and metric order.
pub async fn of_forum(db: &Database, forum_id: i64) -> StoreResult<Vec<outcome_metrics::Model>> {
    let focus_ids: Vec<i64> = focuses::by_forum_ids(db, &[forum_id]).await?.iter().map(|f| f.id).collect();
    let mut metrics = by_focus_ids(db, &focus_ids).await?;
    metrics.sort_by_key(|m| focus_ids.iter().position(|f| *f == m.focus_id));
    Ok(metrics)
}

pub async fn measurements_by_metric_ids(db: &Database, metric_ids: &[i64]) -> StoreResult<Vec<measurements::Model>> {
    Ok(measurements::Entity::find()
        .filter(measurements::Column::MetricId.is_in(metric_ids.iter().copied()))
        .order_by_asc(measurements::Column::Year)
        .order_by_asc(measurements::Column::Quarter)
        .all_by_position(db)
        .await?)
}

pub async fn get(db: &Database, _actor: &Actor, id: i64) -> StoreResult<outcome_metrics::Model> {
    outcome_metrics::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("metric"))
}

/// The straight path from a stored metric's baseline to its target, when both ends are known.
pub fn path(metric: &outcome_metrics::Model) -> Option<workit_domain::plans::MetricPath> {
    path_between((metric.baseline, metric.baseline_quarter), (metric.target, metric.target_quarter), *metric.direction)
}

/// The path from a baseline to a target, each a value and a quarter's code as stored.
pub(crate) fn path_between(
    (baseline, baseline_quarter): (Option<f64>, Option<i32>),
    (target, target_quarter): (Option<f64>, Option<i32>),
    direction: workit_domain::plans::Direction,
) -> Option<workit_domain::plans::MetricPath> {
    Some(workit_domain::plans::MetricPath {
        baseline: baseline?,
        baseline_quarter: Quarter::from_code(baseline_quarter?)?,
        target: target?,
        target_quarter: Quarter::from_code(target_quarter?)?,
        direction,
    })
}

/// The quarter a measurement row is of.
pub fn quarter_of(row: &measurements::Model) -> Option<Quarter> {
    stored_quarter(row.year, row.quarter)
}

/// A quarter as measurements store it: a year and the quarter's number, 1 to 4.
pub(crate) fn stored_quarter(year: i32, number: i32) -> Option<Quarter> {
    Quarter::new(year, u8::try_from(number).ok()?)
}

/// One metric's values by quarter, out of a batch of measurements of many.
pub fn values_of(measured: &[measurements::Model], metric_id: i64) -> Vec<(Quarter, f64)> {
    measured
        .iter()
        .filter(|row| row.metric_id == metric_id)
        .filter_map(|row| quarter_of(row).map(|q| (q, row.value)))
        .collect()
}

/// The focus and town of a metric, after checking the actor may edit it.
async fn authorize_metric(
    db: &Database,
    actor: &Actor,
    focus_id: i64,
) -> StoreResult<(strategic_focuses::Model, TownId)> {
    let focus = focuses::get(db, actor, focus_id).await?;
    let town = authorize_forum(db, actor, Action::EditForum, focus.forum_id).await?;
    Ok((focus, town))
}

async fn check_recorder(db: &Database, town: TownId, valid: &ValidMetric) -> StoreResult<()> {
    if let Some(person) = valid.recorder_person_id {
        let found = people::Entity::find_by_id(person).one(db).await?;
        if found.is_none_or(|p| p.town_id != town || p.archived_at.is_some()) {
            return Err(DomainError::validation("recorderPersonId", codes::INVALID_CHOICE).into());
        }
    }
    Ok(())
}

fn metric_fields(valid: ValidMetric) -> outcome_metrics::ActiveModel {
    outcome_metrics::ActiveModel {
        name: Set(valid.name),
        unit: Set(valid.unit.into()),
        unit_label: Set(valid.unit_label),
        direction: Set(valid.direction.into()),
        kind: Set(valid.kind.into()),
        source: Set(valid.source.into()),
        baseline: Set(valid.baseline),
        baseline_quarter: Set(valid.baseline_quarter.map(Quarter::code)),
        target: Set(valid.target),
        target_quarter: Set(valid.target_quarter.map(Quarter::code)),
        recorder_person_id: Set(valid.recorder_person_id),
        indicator: Set(valid.indicator.map(|i| i.as_str().to_owned())),
        ..Default::default()
    }
}

pub async fn create(
    db: &Database,
    actor: &Actor,
    focus_id: i64,
    draft: MetricDraft,
    now: DateTime<Utc>,
) -> StoreResult<outcome_metrics::Model> {
    let (_, town) = authorize_metric(db, actor, focus_id).await?;
    let valid = draft.validated()?;
    check_recorder(db, town, &valid).await?;
    check_room::<outcome_metrics::Entity>(
        db,
        outcome_metrics::Column::FocusId,
        focus_id,
        "metrics",
        MAX_METRICS_PER_FOCUS,
    )
    .await?;
    let position = by_focus_ids(db, &[focus_id]).await?.iter().map(|m| m.position).max().unwrap_or(0) + 1;
    let fed = valid.indicator.is_some();
    let row = outcome_metrics::ActiveModel { focus_id: Set(focus_id), position: Set(position), ..metric_fields(valid) };
    let created = insert_audited(db, actor, "metric", row, now).await?;
    if fed {
        crate::regions::indicators::feed_metrics(db, actor, &[town], Some(created.id), now).await?;
    }
    Ok(created)
}

pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: MetricDraft,
    now: DateTime<Utc>,
) -> StoreResult<outcome_metrics::Model> {
    let current = get(db, actor, id).await?;
    let (_, town) = authorize_metric(db, actor, current.focus_id).await?;
    let valid = draft.validated()?;
    check_recorder(db, town, &valid).await?;
    let fed = valid.indicator.is_some();
    let write = VersionedWrite::update("metric", id, version, current.version);
    write_if_current(db, actor, write, metric_fields(valid), now).await?;
    if fed {
        crate::regions::indicators::feed_metrics(db, actor, &[town], Some(id), now).await?;
    }
    get(db, actor, id).await
}

/// Deletes a metric with its measurements; tasks measured by it keep their text and lose the
/// link (all in one transaction).
pub async fn delete(db: &Database, actor: &Actor, id: i64, version: i32, now: DateTime<Utc>) -> StoreResult<()> {
    let current = get(db, actor, id).await?;
    authorize_metric(db, actor, current.focus_id).await?;
    if current.version != version {
        return Err(DomainError::stale("metric", current.version).into());
    }
    let txn = db.begin().await?;
    work_plan_tasks::Entity::update_many()
        .set(work_plan_tasks::ActiveModel { metric_id: Set(None), ..Default::default() })
        .filter(work_plan_tasks::Column::MetricId.eq(id))
        .exec(&txn)
        .await?;
    measurements::Entity::delete_many().filter(measurements::Column::MetricId.eq(id)).exec(&txn).await?;
    let deleted = outcome_metrics::Entity::delete_many()
        .filter(outcome_metrics::Column::Id.eq(id))
        .filter(outcome_metrics::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::stale("metric", current.version).into());
    }
    audit::record(&txn, actor, "delete", "metric", id, now).await?;
    txn.commit().await?;
    Ok(())
}

async fn measurement_at(
    db: &impl ConnectionTrait,
    metric_id: i64,
    quarter: Quarter,
) -> StoreResult<Option<measurements::Model>> {
    Ok(measurements::Entity::find()
        .filter(measurements::Column::MetricId.eq(metric_id))
        .filter(measurements::Column::Year.eq(quarter.year()))
        .filter(measurements::Column::Quarter.eq(i32::from(quarter.number())))
        .one(db)
        .await?)
}

/// Records the value of a quarter: a new measurement, or a correction of the one there, which
/// names the `version` it corrects (`None` when the client saw none — if someone recorded it
/// meanwhile, that is a `CONFLICT`, not a silent overwrite).
pub async fn record(
    db: &Database,
    actor: &Actor,
    metric_id: i64,
    draft: MeasurementDraft,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> StoreResult<measurements::Model> {
    let metric = get(db, actor, metric_id).await?;
    authorize_metric(db, actor, metric.focus_id).await?;
    if metric.indicator.is_some() {
        return Err(DomainError::validation("value", codes::FED_BY_INDICATOR).into());
    }
    let valid = draft.validated(*metric.unit, workit_domain::meetings::minutes::israel_date(now))?;
    let existing = measurement_at(db, metric_id, valid.quarter).await?;
    let txn = db.begin().await?;
    let id = match (existing, version) {
        (Some(row), Some(expected)) => {
            let changes = measurements::ActiveModel {
                value: Set(valid.value),
                note: Set(valid.note),
                recorded_by: Set(Some(actor.user_id)),
                ..Default::default()
            };
            let write = VersionedWrite::update("measurement", row.id, expected, row.version);
            update_if_current(&txn, &write, changes, now).await?;
            audit::record(&txn, actor, "update", "measurement", row.id, now).await?;
            row.id
        }
        (Some(row), None) => return Err(DomainError::stale("measurement", row.version).into()),
        (None, _) => {
            let row = insert_new(&txn, new_measurement(metric_id, valid.quarter, valid.value, valid.note, actor), now)
                .await?;
            audit::record(&txn, actor, "create", "measurement", row.id, now).await?;
            row.id
        }
    };
    txn.commit().await?;
    measurements::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("measurement"))
}

/// A new measurement row, recorded by `actor` (typed, imported, or fed by an indicator).
pub(crate) fn new_measurement(
    metric_id: i64,
    quarter: Quarter,
    value: f64,
    note: Option<String>,
    actor: &Actor,
) -> measurements::ActiveModel {
    measurements::ActiveModel {
        metric_id: Set(metric_id),
        year: Set(quarter.year()),
        quarter: Set(i32::from(quarter.number())),
        value: Set(value),
        note: Set(note),
        recorded_by: Set(Some(actor.user_id)),
        ..Default::default()
    }
}

pub async fn delete_measurement(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let row = measurements::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("measurement"))?;
    let metric = get(db, actor, row.metric_id).await?;
    authorize_metric(db, actor, metric.focus_id).await?;
    let txn = db.begin().await?;
    let deleted = measurements::Entity::delete_many()
        .filter(measurements::Column::Id.eq(id))
        .filter(measurements::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::stale("measurement", row.version).into());
    }
    audit::record(&txn, actor, "delete", "measurement", id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The metrics an import into forum `forum_id` may name, after checking the actor may edit it.
pub async fn importable(db: &Database, actor: &Actor, forum_id: i64) -> StoreResult<Vec<ImportableMetric>> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    Ok(of_forum(db, forum_id)
        .await?
        .into_iter()
        .map(|m| ImportableMetric { id: m.id, name: m.name, unit: *m.unit, fed: m.indicator.is_some() })
        .collect())
}

/// One value an import would write: new (`before` is `None`) or changed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportChange {
    pub row: usize,
    pub metric_id: i64,
    pub metric_name: String,
    pub quarter: String,
    pub before: Option<f64>,
    pub after: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub changes: Vec<ImportChange>,
    /// Rows whose value and note are already stored: importing a file twice changes nothing.
    pub unchanged: usize,
    pub applied: bool,
}

/// Compares checked rows with what is stored and, when `apply`, writes the differences in one
/// transaction (all or nothing) with one audit entry for the import.
pub async fn import(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    rows: Vec<ImportRow>,
    apply: bool,
    now: DateTime<Utc>,
) -> StoreResult<ImportOutcome> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    let metrics: HashMap<i64, String> = of_forum(db, forum_id).await?.into_iter().map(|m| (m.id, m.name)).collect();
    let metric_ids: Vec<i64> = metrics.keys().copied().collect();
    let stored: HashMap<(i64, Option<Quarter>), measurements::Model> = measurements_by_metric_ids(db, &metric_ids)
        .await?
        .into_iter()
        .map(|m| ((m.metric_id, quarter_of(&m)), m))
        .collect();
    let mut changes = Vec::new();
    let mut writes = Vec::new();
    let mut unchanged = 0;
    for row in rows {
        let Some(metric_name) = metrics.get(&row.metric_id) else {
            return Err(DomainError::validation("metric", codes::UNKNOWN_METRIC).into());
        };
        let existing = stored.get(&(row.metric_id, Some(row.quarter)));
        if existing.is_some_and(|e| e.value == row.value && e.note == row.note) {
            unchanged += 1;
            continue;
        }
        changes.push(ImportChange {
            row: row.row,
            metric_id: row.metric_id,
            metric_name: metric_name.clone(),
            quarter: row.quarter.to_string(),
            before: existing.map(|e| e.value),
            after: row.value,
            note: row.note.clone(),
        });
        writes.push((existing.map(|e| (e.id, e.version)), row));
    }
    if apply && !writes.is_empty() {
        let txn = db.begin().await?;
        for (existing, row) in writes {
            match existing {
                Some((id, version)) => {
                    let changes = measurements::ActiveModel {
                        value: Set(row.value),
                        note: Set(row.note),
                        recorded_by: Set(Some(actor.user_id)),
                        ..Default::default()
                    };
                    let write = VersionedWrite::update("measurement", id, version, version);
                    update_if_current(&txn, &write, changes, now).await?;
                }
                None => {
                    insert_new(&txn, new_measurement(row.metric_id, row.quarter, row.value, row.note, actor), now)
                        .await?;
                }
            }
        }
        audit::record(&txn, actor, "import_measurements", "forum", forum_id, now).await?;
        txn.commit().await?;
    }
    Ok(ImportOutcome { changes, unchanged, applied: apply })
}

/// Metrics of active focuses with no value for `quarter`, recorded by one of `people` (or, with
/// `None`, of forum `forum_id`): what is due.
pub async fn due(
    db: &Database,
    forum_id: Option<i64>,
    people: Option<&[i64]>,
    quarter: Quarter,
) -> StoreResult<Vec<outcome_metrics::Model>> {
    let mut active = strategic_focuses::Entity::find()
        .select_only()
        .column(strategic_focuses::Column::Id)
        .filter(strategic_focuses::Column::Status.eq(workit_domain::plans::focuses::FocusStatus::Active.as_str()));
    if let Some(forum) = forum_id {
        active = active.filter(strategic_focuses::Column::ForumId.eq(forum));
    }
    let mut query = outcome_metrics::Entity::find()
        .filter(outcome_metrics::Column::FocusId.in_subquery(sea_orm::QueryTrait::into_query(active)));
    if let Some(people) = people {
        query = query.filter(outcome_metrics::Column::RecorderPersonId.is_in(people.iter().copied()));
    }
    let recorded = Query::select()
        .column(measurements::Column::MetricId)
        .from(measurements::Entity)
        .and_where(measurements::Column::Year.eq(quarter.year()))
        .and_where(measurements::Column::Quarter.eq(i32::from(quarter.number())))
        .to_owned();
    Ok(query
        .filter(outcome_metrics::Column::Id.not_in_subquery(recorded))
        .order_by_asc(outcome_metrics::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}
