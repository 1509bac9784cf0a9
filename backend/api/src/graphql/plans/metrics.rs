//! Outcome metrics, their measurements and where each stands against its path to the target.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use workit_domain::DomainError;
use workit_domain::plans::measures::{MeasurementDraft, MetricDraft, USUAL_OUTCOME_METRICS};
use workit_domain::plans::{MetricPath, Quarter, metric_status};
use workit_persistence::entities::{measurements, outcome_metrics};
use workit_persistence::plans::metrics as store;

use super::focuses::StrategicFocus;
use super::{quarter_arg, quarter_text};
use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::{optional_id, parse_id};
use crate::graphql::directory::PersonObject;
use crate::graphql::enums::{Direction, MetricKind, MetricSource, MetricStatus, MetricUnit};
use crate::graphql::loaders::{FocusKey, MeasurementsOfMetric, MetricKey, PersonKey, UserNameKey};
use crate::graphql::regions::indicators::Indicator;

pub struct Metric(pub outcome_metrics::Model);

impl Metric {
    fn straight_path(&self) -> Option<MetricPath> {
        store::path(&self.0)
    }

    async fn measured(&self, ctx: &Context<'_>) -> ApiResult<Vec<measurements::Model>> {
        Ok(ctx.loaders().load_one(MeasurementsOfMetric(self.0.id)).await?.unwrap_or_default())
    }

    /// The quarter asked for, or the last closed one.
    fn quarter_or_last(ctx: &Context<'_>, quarter: Option<&str>) -> ApiResult<Quarter> {
        quarter.map_or_else(|| Ok(Quarter::last_closed(ctx.now())), |q| quarter_arg(q, "quarter"))
    }
}

#[Object]
impl Metric {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn unit(&self) -> MetricUnit {
        self.0.unit.0.into()
    }
    /// The unit's own name when `unit` is `OTHER`.
    async fn unit_label(&self) -> Option<&str> {
        self.0.unit_label.as_deref()
    }
    async fn direction(&self) -> Direction {
        self.0.direction.0.into()
    }
    async fn kind(&self) -> MetricKind {
        self.0.kind.0.into()
    }
    async fn source(&self) -> MetricSource {
        self.0.source.0.into()
    }
    /// The town indicator the measurements come from (then none is typed or imported).
    async fn indicator(&self) -> Option<Indicator> {
        self.0.indicator.as_deref().and_then(workit_domain::regions::indicators::Indicator::parse).map(Into::into)
    }
    async fn baseline(&self) -> Option<f64> {
        self.0.baseline
    }
    async fn baseline_quarter(&self) -> Option<String> {
        quarter_text(self.0.baseline_quarter)
    }
    async fn target(&self) -> Option<f64> {
        self.0.target
    }
    async fn target_quarter(&self) -> Option<String> {
        quarter_text(self.0.target_quarter)
    }
    /// Who records the measurements.
    async fn recorder(&self, ctx: &Context<'_>) -> ApiResult<Option<PersonObject>> {
        let Some(id) = self.0.recorder_person_id else { return Ok(None) };
        Ok(ctx.loaders().load_one(PersonKey(id)).await?.map(PersonObject::from))
    }
    /// Every quarter measured, oldest first.
    #[graphql(complexity = "40 * child_complexity")]
    async fn measurements(&self, ctx: &Context<'_>) -> ApiResult<Vec<Measurement>> {
        Ok(self.measured(ctx).await?.into_iter().map(Measurement).collect())
    }
    /// The measurement of a quarter (`2026-Q3`; the last closed quarter when omitted).
    async fn measurement(&self, ctx: &Context<'_>, quarter: Option<String>) -> ApiResult<Option<Measurement>> {
        let quarter = Self::quarter_or_last(ctx, quarter.as_deref())?;
        let rows = self.measured(ctx).await?;
        Ok(rows.into_iter().find(|m| store::quarter_of(m) == Some(quarter)).map(Measurement))
    }
    /// Where the straight path from baseline to target puts the metric at a quarter.
    async fn expected(&self, ctx: &Context<'_>, quarter: Option<String>) -> ApiResult<Option<f64>> {
        let quarter = Self::quarter_or_last(ctx, quarter.as_deref())?;
        Ok(self.straight_path().map(|path| path.expected_at(quarter)))
    }
    /// The straight path from the baseline to the target, one point per quarter (empty without
    /// both ends), so a chart draws what the status is judged against.
    #[graphql(complexity = "40 * child_complexity")]
    async fn path(&self) -> Vec<PathPoint> {
        let Some(path) = self.straight_path() else { return Vec::new() };
        let span = path.baseline_quarter.quarters_until(path.target_quarter).clamp(0, 400);
        (0..=span)
            .map(|step| {
                let quarter = path.baseline_quarter.plus(step);
                PathPoint { quarter: quarter.to_string(), expected: path.expected_at(quarter) }
            })
            .collect()
    }
    /// On track, at risk, off track or no data at a quarter (the last closed one when omitted).
    /// A metric without a baseline and a target has no path, so no status but "no data".
    async fn status(&self, ctx: &Context<'_>, quarter: Option<String>) -> ApiResult<MetricStatus> {
        let quarter = Self::quarter_or_last(ctx, quarter.as_deref())?;
        let value =
            self.measured(ctx).await?.into_iter().find(|m| store::quarter_of(m) == Some(quarter)).map(|m| m.value);
        let status = match self.straight_path() {
            Some(path) => metric_status(&path, quarter, value),
            None => workit_domain::plans::MetricStatus::NoData,
        };
        Ok(status.into())
    }
    /// Nothing recorded for the last closed quarter yet.
    async fn due(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let last = Quarter::last_closed(ctx.now());
        Ok(!self.measured(ctx).await?.iter().any(|m| store::quarter_of(m) == Some(last)))
    }
    async fn focus(&self, ctx: &Context<'_>) -> ApiResult<StrategicFocus> {
        let focus = ctx.loaders().load_one(FocusKey(self.0.focus_id)).await?;
        focus.map(StrategicFocus).ok_or_else(|| DomainError::NotFound { entity: "focus" }.into())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

pub struct Measurement(pub measurements::Model);

#[Object]
impl Measurement {
    async fn id(&self) -> ID {
        ID::from(self.0.id.to_string())
    }
    async fn quarter(&self) -> String {
        store::quarter_of(&self.0).map(|q| q.to_string()).unwrap_or_default()
    }
    async fn value(&self) -> f64 {
        self.0.value
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Who recorded the current value (null for values loaded before accounts recorded them).
    async fn recorded_by(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let Some(user) = self.0.recorded_by else { return Ok(None) };
        Ok(ctx.loaders().load_one(UserNameKey(user)).await?)
    }
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// Where the path to the target puts a metric at one quarter.
#[derive(SimpleObject)]
pub struct PathPoint {
    quarter: String,
    expected: f64,
}

/// One of the model's usual outcome metrics, offered when a team picks an output metric.
/// Clients word it by `key`.
#[derive(SimpleObject)]
pub struct UsualMetric {
    key: &'static str,
    unit: MetricUnit,
    direction: Direction,
}

#[derive(InputObject)]
pub struct MetricInput {
    name: String,
    unit: MetricUnit,
    unit_label: Option<String>,
    direction: Direction,
    #[graphql(default_with = "MetricKind::Outcome")]
    kind: MetricKind,
    #[graphql(default_with = "MetricSource::Other")]
    source: MetricSource,
    baseline: Option<f64>,
    /// `2026-Q3`.
    baseline_quarter: Option<String>,
    target: Option<f64>,
    target_quarter: Option<String>,
    recorder_person_id: Option<ID>,
    /// Take the measurements from this town indicator (its unit and source follow) instead of
    /// typing them.
    indicator: Option<Indicator>,
}

impl MetricInput {
    fn draft(self) -> ApiResult<MetricDraft> {
        Ok(MetricDraft {
            name: self.name,
            unit: self.unit.into(),
            unit_label: self.unit_label,
            direction: self.direction.into(),
            kind: self.kind.into(),
            source: self.source.into(),
            baseline: self.baseline,
            baseline_quarter: self.baseline_quarter,
            target: self.target,
            target_quarter: self.target_quarter,
            recorder_person_id: optional_id(self.recorder_person_id.as_ref(), "recorderPersonId")?,
            indicator: self.indicator.map(Into::into),
        })
    }
}

#[derive(InputObject)]
pub struct MeasurementInput {
    /// `2026-Q3`: a quarter that has begun.
    quarter: String,
    value: f64,
    note: Option<String>,
}

#[derive(Default)]
pub struct MetricQuery;

#[Object]
impl MetricQuery {
    async fn metric(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Metric>> {
        let id = parse_id(&id, "id")?;
        ctx.actor()?;
        Ok(ctx.loaders().load_one(MetricKey(id)).await?.map(Metric))
    }

    /// The model's usual outcome metrics (jobs in town, average wage, …).
    async fn usual_outcome_metrics(&self) -> Vec<UsualMetric> {
        USUAL_OUTCOME_METRICS
            .iter()
            .map(|(key, unit, direction)| UsualMetric { key, unit: (*unit).into(), direction: (*direction).into() })
            .collect()
    }

    /// The last quarter that has ended (in Israel), the one measurements are due for.
    async fn last_closed_quarter(&self, ctx: &Context<'_>) -> String {
        Quarter::last_closed(ctx.now()).to_string()
    }
}

#[derive(Default)]
pub struct MetricMutation;

#[Object]
impl MetricMutation {
    async fn create_metric(&self, ctx: &Context<'_>, focus_id: ID, input: MetricInput) -> ApiResult<Metric> {
        let focus_id = parse_id(&focus_id, "focusId")?;
        Ok(Metric(store::create(ctx.db(), ctx.actor()?, focus_id, input.draft()?, ctx.now()).await?))
    }

    async fn update_metric(&self, ctx: &Context<'_>, id: ID, version: i32, input: MetricInput) -> ApiResult<Metric> {
        let id = parse_id(&id, "id")?;
        Ok(Metric(store::update(ctx.db(), ctx.actor()?, id, version, input.draft()?, ctx.now()).await?))
    }

    /// Deletes a metric and its measurements; tasks measured by it keep their text.
    async fn delete_metric(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<bool> {
        let id = parse_id(&id, "id")?;
        store::delete(ctx.db(), ctx.actor()?, id, version, ctx.now()).await?;
        Ok(true)
    }

    /// Records a quarter's value, or corrects it: `version` is the version of the measurement
    /// being corrected, omitted when there was none.
    async fn record_measurement(
        &self,
        ctx: &Context<'_>,
        metric_id: ID,
        input: MeasurementInput,
        version: Option<i32>,
    ) -> ApiResult<Measurement> {
        let metric_id = parse_id(&metric_id, "metricId")?;
        let draft = MeasurementDraft { quarter: input.quarter, value: input.value, note: input.note };
        Ok(Measurement(store::record(ctx.db(), ctx.actor()?, metric_id, draft, version, ctx.now()).await?))
    }

    async fn delete_measurement(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<bool> {
        let id = parse_id(&id, "id")?;
        store::delete_measurement(ctx.db(), ctx.actor()?, id, version, ctx.now()).await?;
        Ok(true)
    }
}
