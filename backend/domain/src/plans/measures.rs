//! What a person enters about an outcome metric and its quarterly measurements (domain §6),
//! and the checks both share: a number is finite, a percentage lies between 0 and 100, and a
//! quarter is measured only once it has begun.

use chrono::NaiveDate;

use super::{Direction, Quarter};
use crate::DomainResult;
use crate::regions::indicators::Indicator;
use crate::text_enum::text_enum;
use crate::validation::{FieldError, Validator, codes};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricUnit {
    Count,
    Percent,
    ShekelsPerMonth,
    Other,
}
text_enum!(MetricUnit { Count = "COUNT", Percent = "PERCENT", ShekelsPerMonth = "SHEKELS_PER_MONTH", Other = "OTHER" });

/// Outcome metrics say whether reality moved (jobs in town); output metrics only count what the
/// forum did (workshops held). The model prefers outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricKind {
    Outcome,
    Output,
}
text_enum!(MetricKind { Outcome = "OUTCOME", Output = "OUTPUT" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricSource {
    /// The Employment Service's BI data, which the labour office brings.
    EmploymentServiceBi,
    Municipality,
    Survey,
    Other,
}
text_enum!(MetricSource {
    EmploymentServiceBi = "EMPLOYMENT_SERVICE_BI",
    Municipality = "MUNICIPALITY",
    Survey = "SURVEY",
    Other = "OTHER",
});

/// Metrics per focus.
pub const MAX_METRICS_PER_FOCUS: usize = 20;
/// Anything larger is a typo (a wage of 10^12 shekels), not a measurement.
pub const MAX_ABS_VALUE: f64 = 1e12;

/// Checks one measured or planned value of a metric in `unit`.
pub fn check_value(v: &mut Validator, field: &str, unit: MetricUnit, value: f64) {
    if !value.is_finite() || value.abs() > MAX_ABS_VALUE {
        v.push(FieldError::new(field, codes::NOT_A_NUMBER));
    } else if unit == MetricUnit::Percent && !(0.0..=100.0).contains(&value) {
        v.push(FieldError::new(field, codes::OUT_OF_RANGE).with("min", 0).with("max", 100));
    }
}

/// A quarter is measured once it has begun (its first day is today or earlier, in Israel).
pub fn check_begun(v: &mut Validator, field: &str, quarter: Quarter, today: NaiveDate) {
    if quarter.first_day() > today {
        v.push(FieldError::new(field, codes::QUARTER_NOT_BEGUN));
    }
}

/// Parses a quarter typed as text (`2026-Q3`), naming the field when it is not one.
pub fn optional_quarter(v: &mut Validator, field: &str, text: Option<&str>) -> Option<Quarter> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    let quarter = Quarter::parse(text);
    if quarter.is_none() {
        v.push(FieldError::new(field, codes::INVALID_QUARTER));
    }
    quarter
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetricDraft {
    pub name: String,
    pub unit: MetricUnit,
    /// The unit's own name when `unit` is `Other` ("hours", "courses").
    pub unit_label: Option<String>,
    pub direction: Direction,
    pub kind: MetricKind,
    pub source: MetricSource,
    pub baseline: Option<f64>,
    pub baseline_quarter: Option<String>,
    pub target: Option<f64>,
    pub target_quarter: Option<String>,
    /// The person who records its measurements.
    pub recorder_person_id: Option<i64>,
    /// The town indicator its measurements come from, instead of being typed.
    pub indicator: Option<Indicator>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMetric {
    pub name: String,
    pub unit: MetricUnit,
    pub unit_label: Option<String>,
    pub direction: Direction,
    pub kind: MetricKind,
    pub source: MetricSource,
    pub baseline: Option<f64>,
    pub baseline_quarter: Option<Quarter>,
    pub target: Option<f64>,
    pub target_quarter: Option<Quarter>,
    pub recorder_person_id: Option<i64>,
    pub indicator: Option<Indicator>,
}

impl MetricDraft {
    pub fn validated(mut self) -> DomainResult<ValidMetric> {
        // A metric fed by an indicator is kept in the indicator's unit and names its source.
        if let Some(indicator) = self.indicator {
            self.unit = match indicator {
                Indicator::UnemploymentRate => MetricUnit::Percent,
                Indicator::AverageWage => MetricUnit::ShekelsPerMonth,
                _ => MetricUnit::Count,
            };
            self.source = MetricSource::EmploymentServiceBi;
        }
        let mut v = Validator::new();
        let name = v.required_text("name", &self.name, 200);
        let unit_label = v.optional_text("unitLabel", self.unit_label.as_deref(), 50);
        for (field, value) in [("baseline", self.baseline), ("target", self.target)] {
            if let Some(value) = value {
                check_value(&mut v, field, self.unit, value);
            }
        }
        let baseline_quarter = optional_quarter(&mut v, "baselineQuarter", self.baseline_quarter.as_deref());
        let target_quarter = optional_quarter(&mut v, "targetQuarter", self.target_quarter.as_deref());
        if let (Some(baseline), Some(target)) = (baseline_quarter, target_quarter)
            && target <= baseline
        {
            v.push(FieldError::new("targetQuarter", codes::TARGET_BEFORE_BASELINE));
        }
        // A value without its quarter (or the reverse) cannot be drawn on the path.
        for (value_field, value, quarter_field, quarter) in [
            ("baseline", self.baseline.is_some(), "baselineQuarter", baseline_quarter.is_some()),
            ("target", self.target.is_some(), "targetQuarter", target_quarter.is_some()),
        ] {
            if value && !quarter {
                v.push(FieldError::new(quarter_field, codes::REQUIRED));
            } else if quarter && !value {
                v.push(FieldError::new(value_field, codes::REQUIRED));
            }
        }
        v.finish()?;
        Ok(ValidMetric {
            name,
            unit: self.unit,
            unit_label: unit_label.filter(|_| self.unit == MetricUnit::Other),
            direction: self.direction,
            kind: self.kind,
            source: self.source,
            baseline: self.baseline,
            baseline_quarter,
            target: self.target,
            target_quarter,
            recorder_person_id: self.recorder_person_id,
            indicator: self.indicator,
        })
    }
}

impl ValidMetric {
    /// The straight path to the target, when both ends are known.
    pub fn path(&self) -> Option<super::MetricPath> {
        Some(super::MetricPath {
            baseline: self.baseline?,
            baseline_quarter: self.baseline_quarter?,
            target: self.target?,
            target_quarter: self.target_quarter?,
            direction: self.direction,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeasurementDraft {
    pub quarter: String,
    pub value: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeasurement {
    pub quarter: Quarter,
    pub value: f64,
    pub note: Option<String>,
}

impl MeasurementDraft {
    /// Checked against the metric's unit and `today` (in Israel): no measurement of a quarter
    /// that has not begun.
    pub fn validated(self, unit: MetricUnit, today: NaiveDate) -> DomainResult<ValidMeasurement> {
        let mut v = Validator::new();
        let quarter = optional_quarter(&mut v, "quarter", Some(&self.quarter));
        if self.quarter.trim().is_empty() {
            v.push(FieldError::new("quarter", codes::REQUIRED));
        }
        if let Some(quarter) = quarter {
            check_begun(&mut v, "quarter", quarter, today);
        }
        check_value(&mut v, "value", unit, self.value);
        let note = v.optional_text("note", self.note.as_deref(), 1000);
        v.finish()?;
        match quarter {
            Some(quarter) => Ok(ValidMeasurement { quarter, value: self.value, note }),
            None => Err(crate::DomainError::validation("quarter", codes::INVALID_QUARTER)),
        }
    }
}

/// The usual outcome metrics of the model (domain §6), offered when someone picks an output.
pub const USUAL_OUTCOME_METRICS: &[(&str, MetricUnit, Direction)] = &[
    ("jobs_in_town", MetricUnit::Count, Direction::HigherIsBetter),
    ("average_wage", MetricUnit::ShekelsPerMonth, Direction::HigherIsBetter),
    ("job_diversity", MetricUnit::Count, Direction::HigherIsBetter),
    ("unemployment_rate", MetricUnit::Percent, Direction::LowerIsBetter),
    ("job_seekers", MetricUnit::Count, Direction::LowerIsBetter),
    ("employers", MetricUnit::Count, Direction::HigherIsBetter),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn rate() -> MetricDraft {
        MetricDraft {
            name: "שיעור אבטלה".into(),
            unit: MetricUnit::Percent,
            unit_label: Some("ignored".into()),
            direction: Direction::LowerIsBetter,
            kind: MetricKind::Outcome,
            source: MetricSource::EmploymentServiceBi,
            baseline: Some(9.5),
            baseline_quarter: Some("2025-Q1".into()),
            target: Some(6.0),
            target_quarter: Some("2027-Q4".into()),
            recorder_person_id: None,
            indicator: None,
        }
    }

    #[test]
    fn a_metric_fed_by_an_indicator_takes_its_unit_and_source() {
        let fed = MetricDraft {
            unit: MetricUnit::Other,
            source: MetricSource::Survey,
            baseline: Some(1200.0),
            target: Some(900.0),
            indicator: Some(Indicator::JobSeekersAge18To30),
            ..rate()
        };
        let valid = fed.validated().unwrap();
        assert_eq!((valid.unit, valid.source), (MetricUnit::Count, MetricSource::EmploymentServiceBi));
        let rate = MetricDraft { unit: MetricUnit::Count, indicator: Some(Indicator::UnemploymentRate), ..rate() };
        assert_eq!(rate.validated().unwrap().unit, MetricUnit::Percent);
    }

    fn fields(result: DomainResult<impl std::fmt::Debug>) -> Vec<(String, &'static str)> {
        match result {
            Err(DomainError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_metric_parses_its_quarters_and_has_a_path() {
        let metric = rate().validated().unwrap();
        assert_eq!(metric.target_quarter, Quarter::parse("2027-Q4"));
        assert_eq!(metric.unit_label, None, "a label belongs to an 'other' unit only");
        assert_eq!(metric.path().map(|p| p.target), Some(6.0));
    }

    #[test]
    fn a_target_quarter_must_follow_the_baseline() {
        let draft = MetricDraft { target_quarter: Some("2024-Q4".into()), ..rate() };
        assert_eq!(fields(draft.validated()), [("targetQuarter".to_owned(), codes::TARGET_BEFORE_BASELINE)]);
        let same = MetricDraft { target_quarter: Some("2025-Q1".into()), ..rate() };
        assert_eq!(fields(same.validated()), [("targetQuarter".to_owned(), codes::TARGET_BEFORE_BASELINE)]);
    }

    #[test]
    fn a_percentage_lies_between_0_and_100() {
        let draft = MetricDraft { baseline: Some(100.5), target: Some(-1.0), ..rate() };
        assert_eq!(
            fields(draft.validated()),
            [("baseline".to_owned(), codes::OUT_OF_RANGE), ("target".to_owned(), codes::OUT_OF_RANGE)]
        );
        let edges = MetricDraft { baseline: Some(100.0), target: Some(0.0), ..rate() };
        assert!(edges.validated().is_ok());
    }

    #[test]
    fn a_value_needs_its_quarter_and_a_quarter_its_value() {
        let draft = MetricDraft { baseline_quarter: None, target: None, ..rate() };
        assert_eq!(
            fields(draft.validated()),
            [("baselineQuarter".to_owned(), codes::REQUIRED), ("target".to_owned(), codes::REQUIRED)]
        );
        let nonsense = MetricDraft { baseline_quarter: Some("Q5".into()), ..rate() };
        assert_eq!(fields(nonsense.validated())[0], ("baselineQuarter".to_owned(), codes::INVALID_QUARTER));
    }

    #[test]
    fn a_measurement_waits_for_its_quarter_to_begin() {
        let draft = |quarter: &str| MeasurementDraft { quarter: quarter.into(), value: 7.5, note: None };
        let today = day("2026-09-30");
        assert_eq!(draft("2026-Q3").validated(MetricUnit::Percent, today).unwrap().quarter.to_string(), "2026-Q3");
        assert_eq!(
            fields(draft("2026-Q4").validated(MetricUnit::Percent, today)),
            [("quarter".to_owned(), codes::QUARTER_NOT_BEGUN)]
        );
        assert!(draft("2026-Q4").validated(MetricUnit::Percent, day("2026-10-01")).is_ok());
    }

    #[test]
    fn a_measurement_is_a_finite_number_in_range() {
        let today = day("2026-09-30");
        for (value, code) in
            [(f64::NAN, codes::NOT_A_NUMBER), (f64::INFINITY, codes::NOT_A_NUMBER), (101.0, codes::OUT_OF_RANGE)]
        {
            let draft = MeasurementDraft { quarter: "2026-Q1".into(), value, note: None };
            assert_eq!(fields(draft.validated(MetricUnit::Percent, today)), [("value".to_owned(), code)]);
        }
        let wage = MeasurementDraft { quarter: "2026-Q1".into(), value: 9_800.0, note: None };
        assert!(wage.validated(MetricUnit::ShekelsPerMonth, today).is_ok());
    }
}
