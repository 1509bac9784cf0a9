//! Town employment indicators in GraphQL: a town's periods (`Town.indicators`), the comparison's
//! indicator columns and lines, and one indicator's trend across towns (`Comparison.trend`).
//! Figures withheld for privacy carry no value and say why.

use async_graphql::{Enum, SimpleObject};
use chrono::{DateTime, Utc};
use workit_domain::regions::suppression::Shown;
use workit_persistence::regions::comparison::{ComparedFigure, Trend};
use workit_persistence::regions::indicators::{TownIndicators as StoredTownIndicators, VisiblePeriod};

use crate::graphql::towns::Town;

/// A published figure of a town (job seekers are counted at the period's end).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::regions::indicators::Indicator")]
pub enum Indicator {
    JobSeekers,
    JobSeekersWomen,
    JobSeekersMen,
    #[graphql(name = "JOB_SEEKERS_AGE_18_30")]
    JobSeekersAge18To30,
    #[graphql(name = "JOB_SEEKERS_AGE_31_44")]
    JobSeekersAge31To44,
    #[graphql(name = "JOB_SEEKERS_AGE_45_59")]
    JobSeekersAge45To59,
    JobSeekersAge60Plus,
    JobSeekersEducationBasic,
    JobSeekersEducationMatriculation,
    JobSeekersEducationPostSecondary,
    JobSeekersEducationAcademic,
    JobSeekersGroupGeneral,
    JobSeekersGroupHaredi,
    JobSeekersGroupArab,
    LabourForce,
    Unemployed,
    AverageWage,
    WageEmployees,
    Employers,
    Jobs,
    /// Unemployed over labour force, in percent.
    UnemploymentRate,
}

/// Why a figure is not shown to this viewer.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "workit_domain::regions::suppression::Hidden")]
pub enum Withheld {
    /// A count of people below the threshold: shown as "<10".
    Small,
    /// Withheld so that a small count cannot be derived from it.
    Complementary,
}

/// One figure as this viewer may see it; `change` is against the same period a year earlier.
#[derive(SimpleObject, Clone, Copy)]
pub struct IndicatorFigure {
    indicator: Indicator,
    value: Option<f64>,
    withheld: Option<Withheld>,
    change: Option<f64>,
}

impl IndicatorFigure {
    fn of(indicator: workit_domain::regions::indicators::Indicator, shown: Shown, change: Option<f64>) -> Self {
        Self { indicator: indicator.into(), value: shown.value, withheld: shown.hidden.map(Into::into), change }
    }
}

impl From<ComparedFigure> for IndicatorFigure {
    fn from(f: ComparedFigure) -> Self {
        Self::of(f.indicator, f.shown, f.change)
    }
}

pub fn figures(list: Vec<ComparedFigure>) -> Vec<IndicatorFigure> {
    list.into_iter().map(Into::into).collect()
}

/// A town's figures for one month or quarter.
#[derive(SimpleObject)]
pub struct IndicatorPeriod {
    /// `2026-09` (a month) or `2026-Q3` (a quarter).
    period: String,
    is_month: bool,
    /// Where the figures came from, as the import recorded it, and when.
    source: String,
    imported_at: DateTime<Utc>,
    /// Every indicator, in the enum's order.
    figures: Vec<IndicatorFigure>,
}

impl From<VisiblePeriod> for IndicatorPeriod {
    fn from(p: VisiblePeriod) -> Self {
        let all = workit_domain::regions::indicators::Indicator::ALL;
        Self {
            period: p.period.to_string(),
            is_month: p.period.is_month(),
            source: p.source,
            imported_at: p.imported_at,
            figures: all.iter().zip(p.figures).map(|(i, shown)| IndicatorFigure::of(*i, shown, None)).collect(),
        }
    }
}

#[derive(SimpleObject)]
pub struct TownIndicators {
    /// Newest first.
    periods: Vec<IndicatorPeriod>,
    /// Whether this viewer sees small counts exactly (they belong to the town).
    exact: bool,
    /// Whether this viewer may import and correct the town's indicators.
    editable: bool,
    /// Counts of people below this are withheld from viewers outside the town.
    threshold: f64,
}

impl TownIndicators {
    pub fn new(stored: StoredTownIndicators, threshold: f64) -> Self {
        Self {
            periods: stored.periods.into_iter().map(Into::into).collect(),
            exact: stored.exact,
            editable: stored.editable,
            threshold,
        }
    }
}

/// One town's line in small multiples.
#[derive(SimpleObject)]
pub struct TownTrend {
    town: Town,
    /// One figure per quarter of the trend.
    figures: Vec<IndicatorFigure>,
}

/// One indicator's last quarters across the compared towns, with the median of the figures shown.
#[derive(SimpleObject)]
pub struct IndicatorTrend {
    indicator: Indicator,
    quarters: Vec<String>,
    towns: Vec<TownTrend>,
    median: Vec<Option<f64>>,
}

impl IndicatorTrend {
    pub fn new(indicator: workit_domain::regions::indicators::Indicator, trend: Trend) -> Self {
        Self {
            indicator: indicator.into(),
            quarters: trend.quarters.iter().map(ToString::to_string).collect(),
            towns: trend
                .towns
                .into_iter()
                .map(|(town, shown)| TownTrend {
                    town: Town::from(town),
                    figures: shown.into_iter().map(|s| IndicatorFigure::of(indicator, s, None)).collect(),
                })
                .collect(),
            median: trend.median,
        }
    }
}
