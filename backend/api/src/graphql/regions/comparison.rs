//! The comparison of towns in GraphQL: a region's (or the country's) towns side by side, with the
//! region's and the country's lines.

use async_graphql::{ComplexObject, Context, ID, Object, SimpleObject};
use workit_domain::forums::FocusKind as DomainFocusKind;
use workit_domain::regions::comparison::{Share as DomainShare, Totals};
use workit_persistence::regions::comparison::{self as store, TownRow, Wanted};

use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::optional_id;
use crate::graphql::enums::{FocusKind, HealthSignalKind, Stage};
use crate::graphql::lifecycle::HealthSignal;
use crate::graphql::regions::indicators::{Indicator, IndicatorFigure, IndicatorTrend, figures};
use crate::graphql::towns::Town;

/// `part` of `whole`; `value` is their ratio, null when there is no whole.
#[derive(SimpleObject, Clone, Copy)]
pub struct Share {
    part: u32,
    whole: u32,
    value: Option<f64>,
}

impl From<DomainShare> for Share {
    fn from(s: DomainShare) -> Self {
        Self { part: s.part, whole: s.whole, value: s.value() }
    }
}

#[derive(SimpleObject)]
pub struct FocusKindCount {
    kind: FocusKind,
    count: u32,
}

fn kinds(map: &std::collections::BTreeMap<DomainFocusKind, u32>) -> Vec<FocusKindCount> {
    map.iter().map(|(kind, count)| FocusKindCount { kind: (*kind).into(), count: *count }).collect()
}

/// Towns where a health signal is OK, of the towns with data for it.
#[derive(SimpleObject)]
pub struct HealthShare {
    kind: HealthSignalKind,
    ok: Share,
}

/// A line of many towns: sums, and shares of sums (never a mean of the towns' shares).
#[derive(SimpleObject)]
pub struct ComparisonTotals {
    towns: u32,
    milestones: Share,
    health: Vec<HealthShare>,
    active_teams: u32,
    open_tasks: u32,
    overdue_tasks: u32,
    open_decisions: u32,
    overdue_decisions: u32,
    focuses: Vec<FocusKindCount>,
    /// Metrics on track at the last closed quarter, of those measured then.
    on_track: Share,
    /// Towns whose last closed quarter's control is approved.
    controls_approved: Share,
}

impl From<Totals> for ComparisonTotals {
    fn from(t: Totals) -> Self {
        Self {
            towns: t.towns,
            milestones: t.milestones.into(),
            health: t.health.into_iter().map(|(kind, ok)| HealthShare { kind: kind.into(), ok: ok.into() }).collect(),
            active_teams: t.active_teams,
            open_tasks: t.open_tasks,
            overdue_tasks: t.overdue_tasks,
            open_decisions: t.open_decisions,
            overdue_decisions: t.overdue_decisions,
            focuses: kinds(&t.focuses),
            on_track: t.on_track.into(),
            controls_approved: t.controls_approved.into(),
        }
    }
}

/// One town's figures.
#[derive(SimpleObject)]
pub struct ComparisonRow {
    town: Town,
    stage: Option<Stage>,
    milestones: Share,
    health: Vec<HealthSignal>,
    active_teams: u32,
    open_tasks: u32,
    overdue_tasks: u32,
    open_decisions: u32,
    overdue_decisions: u32,
    focuses: Vec<FocusKindCount>,
    on_track: Share,
    control_approved: bool,
    /// The latest indicators (`Comparison.indicatorQuarter`) with their change against a year
    /// earlier, small counts withheld outside the town.
    indicators: Vec<IndicatorFigure>,
}

impl From<TownRow> for ComparisonRow {
    fn from(row: TownRow) -> Self {
        let f = row.figures;
        Self {
            town: Town::from(row.town),
            stage: row.stage.map(Into::into),
            milestones: f.milestones.into(),
            health: f.health.into_iter().map(HealthSignal::from).collect(),
            active_teams: f.active_teams,
            open_tasks: f.open_tasks,
            overdue_tasks: f.overdue_tasks,
            open_decisions: f.open_decisions,
            overdue_decisions: f.overdue_decisions,
            focuses: kinds(&f.focuses),
            on_track: f.on_track.into(),
            control_approved: f.control_approved,
            indicators: figures(row.indicators),
        }
    }
}

/// Towns side by side.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Comparison {
    /// The last closed quarter, at which metrics and controls are read.
    quarter: String,
    /// The towns whose rows the viewer may read: all for national staff, the region's for its
    /// coordinator, their own for town roles.
    rows: Vec<ComparisonRow>,
    /// The compared region's line (when a region is compared).
    region_totals: Option<ComparisonTotals>,
    country_totals: ComparisonTotals,
    /// The quarter the indicators are read at: the latest with figures, up to `quarter`.
    indicator_quarter: Option<String>,
    /// The region's and the country's indicators: rates from sums, wages weighted by employees.
    region_indicators: Option<Vec<IndicatorFigure>>,
    country_indicators: Vec<IndicatorFigure>,
    /// Counts of people below this are withheld from viewers outside the town.
    threshold: f64,
    #[graphql(skip)]
    region_id: Option<i64>,
}

#[ComplexObject]
impl Comparison {
    /// One indicator's last quarters (at most 40) across the compared towns, for small multiples.
    /// (Its cost per town is counted by `comparison`'s.)
    async fn trend(
        &self,
        ctx: &Context<'_>,
        indicator: Indicator,
        #[graphql(default = 12)] quarters: i32,
    ) -> ApiResult<IndicatorTrend> {
        let count = usize::try_from(quarters.clamp(1, 40)).unwrap_or(12);
        let threshold = ctx.app().config.suppression_threshold;
        let _turn = ctx.app().country_read().await?;
        let trend =
            store::trend(ctx.db(), ctx.actor()?, self.region_id, indicator.into(), count, ctx.now(), threshold).await?;
        Ok(IndicatorTrend::new(indicator.into(), trend))
    }
}

/// What the query asks for beyond the counted columns: each costs statements of its own, so a
/// request that does not ask for it does not pay for it.
fn wanted(ctx: &Context<'_>) -> Wanted {
    let query = ctx.look_ahead();
    let asks =
        |field: &str| ["rows", "regionTotals", "countryTotals"].iter().any(|at| query.field(at).field(field).exists());
    Wanted {
        health: asks("health"),
        on_track: asks("onTrack"),
        indicators: query.field("rows").field("indicators").exists()
            || ["regionIndicators", "countryIndicators", "indicatorQuarter"].iter().any(|f| query.field(f).exists()),
    }
}

#[derive(Default)]
pub struct ComparisonQuery;

#[Object]
impl ComparisonQuery {
    /// Compares the towns of a region, or of the country when `regionId` is left out.
    #[graphql(complexity = "300 * child_complexity")]
    async fn comparison(&self, ctx: &Context<'_>, region_id: Option<ID>) -> ApiResult<Comparison> {
        let region = optional_id(region_id.as_ref(), "regionId")?;
        let threshold = ctx.app().config.suppression_threshold;
        let _turn = ctx.app().country_read().await?;
        let compared = store::compare(ctx.db(), ctx.actor()?, region, ctx.now(), threshold, wanted(ctx)).await?;
        Ok(Comparison {
            quarter: compared.quarter.to_string(),
            rows: compared.rows.into_iter().map(Into::into).collect(),
            region_totals: compared.region.map(Into::into),
            country_totals: compared.country.into(),
            indicator_quarter: compared.indicator_quarter.map(|q| q.to_string()),
            region_indicators: compared.region_indicators.map(figures),
            country_indicators: figures(compared.country_indicators),
            threshold,
            region_id: region,
        })
    }
}
