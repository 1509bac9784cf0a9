//! Outcome metrics against their target (domain §6): where a metric should be at a quarter on
//! the straight path from its baseline to its target, and whether the measured value is on
//! track. The thresholds live in [`THRESHOLDS`] only.

use super::Quarter;
use crate::text_enum::text_enum;

/// Whether a rise or a fall of the metric is the change the forum wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// Jobs in town, average wage, employers.
    HigherIsBetter,
    /// Unemployment rate, job seekers.
    LowerIsBetter,
}
text_enum!(Direction { HigherIsBetter = "HIGHER_IS_BETTER", LowerIsBetter = "LOWER_IS_BETTER" });

/// A metric's status at a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricStatus {
    OnTrack,
    AtRisk,
    OffTrack,
    /// Nothing measured for the quarter.
    NoData,
}
text_enum!(MetricStatus { OnTrack = "ON_TRACK", AtRisk = "AT_RISK", OffTrack = "OFF_TRACK", NoData = "NO_DATA" });

/// How far behind the straight path a value may fall, as a share of the whole planned change
/// (baseline to target), and still be on track or at risk.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub on_track_shortfall: f64,
    pub at_risk_shortfall: f64,
}

pub const THRESHOLDS: Thresholds = Thresholds { on_track_shortfall: 0.05, at_risk_shortfall: 0.15 };

/// From where to where a metric should move, and when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricPath {
    pub baseline: f64,
    pub baseline_quarter: Quarter,
    pub target: f64,
    pub target_quarter: Quarter,
    pub direction: Direction,
}

impl MetricPath {
    /// The value on the straight line from baseline to target at `quarter`: the baseline before
    /// the baseline quarter, the target from the target quarter on.
    pub fn expected_at(&self, quarter: Quarter) -> f64 {
        let span = self.baseline_quarter.quarters_until(self.target_quarter);
        let done = self.baseline_quarter.quarters_until(quarter).clamp(0, span.max(0));
        if span <= 0 {
            return if done > 0 || quarter >= self.target_quarter { self.target } else { self.baseline };
        }
        self.baseline + (self.target - self.baseline) * f64::from(done) / f64::from(span)
    }

    /// The whole planned change, the yardstick a shortfall is measured against (never 0: a
    /// metric meant to stay where it is measures against its own size).
    fn scale(&self) -> f64 {
        let change = (self.target - self.baseline).abs();
        if change > f64::EPSILON { change } else { self.baseline.abs().max(1.0) }
    }
}

/// The status of a metric at `quarter` given its measured `value` there (if any): how far the
/// value falls behind the straight path, in the direction the forum wants, as a share of the
/// planned change.
pub fn metric_status(path: &MetricPath, quarter: Quarter, value: Option<f64>) -> MetricStatus {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return MetricStatus::NoData;
    };
    let ahead = match path.direction {
        Direction::HigherIsBetter => value - path.expected_at(quarter),
        Direction::LowerIsBetter => path.expected_at(quarter) - value,
    };
    let shortfall = -ahead / path.scale();
    // A hair of tolerance, so a value exactly on a threshold is not lost to rounding.
    let tolerance = 1e-9;
    if shortfall <= THRESHOLDS.on_track_shortfall + tolerance {
        MetricStatus::OnTrack
    } else if shortfall <= THRESHOLDS.at_risk_shortfall + tolerance {
        MetricStatus::AtRisk
    } else {
        MetricStatus::OffTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quarter {
        Quarter::parse(text).unwrap()
    }

    /// Jobs in town: 6,000 in 2026-Q1 to 7,000 in 2028-Q1 (eight quarters, 125 a quarter).
    fn jobs() -> MetricPath {
        MetricPath {
            baseline: 6000.0,
            baseline_quarter: q("2026-Q1"),
            target: 7000.0,
            target_quarter: q("2028-Q1"),
            direction: Direction::HigherIsBetter,
        }
    }

    /// Unemployment: 12% in 2026-Q1 to 8% in 2027-Q1 (four quarters, one point a quarter).
    fn unemployment() -> MetricPath {
        MetricPath {
            baseline: 12.0,
            baseline_quarter: q("2026-Q1"),
            target: 8.0,
            target_quarter: q("2027-Q1"),
            direction: Direction::LowerIsBetter,
        }
    }

    #[test]
    fn the_path_runs_straight_from_baseline_to_target_and_stays_there() {
        assert_eq!(jobs().expected_at(q("2025-Q3")), 6000.0);
        assert_eq!(jobs().expected_at(q("2026-Q1")), 6000.0);
        assert_eq!(jobs().expected_at(q("2027-Q1")), 6500.0);
        assert_eq!(jobs().expected_at(q("2028-Q1")), 7000.0);
        assert_eq!(jobs().expected_at(q("2030-Q2")), 7000.0);
        assert_eq!(unemployment().expected_at(q("2026-Q3")), 10.0);
    }

    #[test]
    fn a_higher_is_better_metric_at_and_around_each_threshold() {
        // At 2027-Q1 the path is at 6,500; the planned change is 1,000, so 5% is 50 and 15% is 150.
        let status = |value| metric_status(&jobs(), q("2027-Q1"), Some(value));
        assert_eq!(status(6600.0), MetricStatus::OnTrack, "ahead of the path");
        assert_eq!(status(6450.0), MetricStatus::OnTrack, "exactly 5% behind");
        assert_eq!(status(6449.0), MetricStatus::AtRisk, "just past 5% behind");
        assert_eq!(status(6350.0), MetricStatus::AtRisk, "exactly 15% behind");
        assert_eq!(status(6349.0), MetricStatus::OffTrack, "just past 15% behind");
        assert_eq!(status(5800.0), MetricStatus::OffTrack, "below the baseline");
    }

    #[test]
    fn a_lower_is_better_metric_counts_a_rise_as_falling_behind() {
        // At 2026-Q3 the path is at 10%; the planned change is 4 points: 5% is 0.2, 15% is 0.6.
        let status = |value| metric_status(&unemployment(), q("2026-Q3"), Some(value));
        assert_eq!(status(9.0), MetricStatus::OnTrack, "lower than the path is ahead");
        assert_eq!(status(10.2), MetricStatus::OnTrack);
        assert_eq!(status(10.21), MetricStatus::AtRisk);
        assert_eq!(status(10.6), MetricStatus::AtRisk);
        assert_eq!(status(10.61), MetricStatus::OffTrack);
    }

    #[test]
    fn no_value_is_no_data_and_a_flat_target_measures_against_its_own_size() {
        assert_eq!(metric_status(&jobs(), q("2027-Q1"), None), MetricStatus::NoData);
        assert_eq!(metric_status(&jobs(), q("2027-Q1"), Some(f64::NAN)), MetricStatus::NoData);
        let keep = MetricPath { target: 6000.0, ..jobs() };
        assert_eq!(metric_status(&keep, q("2027-Q1"), Some(5700.0)), MetricStatus::OnTrack, "5% of 6,000 is 300");
        assert_eq!(metric_status(&keep, q("2027-Q1"), Some(5000.0)), MetricStatus::OffTrack);
    }

    #[test]
    fn a_target_in_the_baseline_quarter_is_the_target_from_then_on() {
        let now = MetricPath { target_quarter: q("2026-Q1"), ..jobs() };
        assert_eq!(now.expected_at(q("2025-Q4")), 6000.0);
        assert_eq!(now.expected_at(q("2026-Q1")), 7000.0);
    }
}
