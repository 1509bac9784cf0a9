use sea_orm::entity::prelude::*;
use workit_domain::plans::Direction;
use workit_domain::plans::measures::{MetricKind, MetricSource, MetricUnit};

use crate::stored::Stored;

entity!("outcome_metrics", versioned {
    pub focus_id: i64,
    pub name: String,
    pub unit: Stored<MetricUnit>,
    /// The unit's name when `unit` is `OTHER`.
    pub unit_label: Option<String>,
    pub direction: Stored<Direction>,
    pub kind: Stored<MetricKind>,
    pub source: Stored<MetricSource>,
    pub baseline: Option<f64>,
    /// `Quarter::code`.
    pub baseline_quarter: Option<i32>,
    pub target: Option<f64>,
    pub target_quarter: Option<i32>,
    pub recorder_person_id: Option<i64>,
    pub position: i32,
    /// The town indicator (`Indicator` text) the metric's measurements come from, if any.
    pub indicator: Option<String>,
});
