//! Measurements imported from a table people already keep (domain §6): the checks every row
//! passes before anything is written, on top of the one importer (`crate::import`).

use std::collections::HashSet;

use chrono::NaiveDate;

use super::Quarter;
use super::measures::{MetricUnit, check_begun, check_value};
use crate::import::{Column, ImportError, TableText, check_table, normalise};
use crate::validation::{FieldError, Validator, codes};

const METRIC: usize = 0;
const QUARTER: usize = 1;
const VALUE: usize = 2;
const NOTE: usize = 3;
const COLUMNS: [Column; 4] = [
    Column::required(&["מדד", "שם המדד", "metric", "metric name"]),
    Column::required(&["רבעון", "quarter"]),
    Column::required(&["ערך", "value"]),
    Column::optional(&["הערה", "הערות", "note", "notes"]),
];

/// A metric rows may name, by its name (as shown) or its id.
#[derive(Debug, Clone)]
pub struct ImportableMetric {
    pub id: i64,
    pub name: String,
    pub unit: MetricUnit,
    /// Fed by a town indicator: its measurements come from the indicators' import.
    pub fed: bool,
}

/// One row that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// The row's number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub metric_id: i64,
    pub quarter: Quarter,
    pub value: f64,
    pub note: Option<String>,
}

/// Checks every row against the forum's metrics and `today`: every row, or every problem.
pub fn check_rows(
    header: &[String],
    rows: &[Vec<String>],
    metrics: &[ImportableMetric],
    today: NaiveDate,
    decimal_comma: bool,
) -> Result<Vec<ImportRow>, Vec<ImportError>> {
    let mut seen = HashSet::new();
    check_table(&TableText { header, rows, decimal_comma }, &COLUMNS, |row| {
        let metric_text = row.text(METRIC);
        let metric = metrics.iter().find(|m| {
            normalise(&m.name) == normalise(&metric_text) || metric_text.parse::<i64>().is_ok_and(|id| id == m.id)
        });
        if metric_text.is_empty() {
            row.problem(METRIC, FieldError::new("", codes::REQUIRED));
        } else if metric.is_none() {
            row.problem(METRIC, FieldError::new("", codes::UNKNOWN_METRIC).with("name", &metric_text));
        } else if metric.is_some_and(|m| m.fed) {
            row.problem(METRIC, FieldError::new("", codes::FED_BY_INDICATOR));
        }
        let quarter_text = row.text(QUARTER);
        let quarter = Quarter::parse(&quarter_text);
        let mut v = Validator::new();
        match quarter {
            None if quarter_text.is_empty() => v.push(FieldError::new("", codes::REQUIRED)),
            None => v.push(FieldError::new("", codes::INVALID_QUARTER)),
            Some(quarter) => check_begun(&mut v, "", quarter, today),
        }
        row.validated(QUARTER, v);
        let value = row.number(VALUE, true).flatten();
        if let (Some(value), Some(metric)) = (value, metric) {
            let mut v = Validator::new();
            check_value(&mut v, "", metric.unit, value);
            row.validated(VALUE, v);
        }
        let note = Some(row.text(NOTE)).filter(|n| !n.is_empty());
        if let Some(note) = &note {
            let mut v = Validator::new();
            v.text("", note, 1000);
            row.validated(NOTE, v);
        }
        let (metric, quarter, value) = (metric?, quarter?, value?);
        if !seen.insert((metric.id, quarter)) {
            row.problem(QUARTER, FieldError::new("", codes::DUPLICATE_ROW));
        }
        Some(ImportRow { row: row.row, metric_id: metric.id, quarter, value, note })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::MAX_IMPORT_ROWS;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn metrics() -> Vec<ImportableMetric> {
        vec![
            ImportableMetric { id: 7, name: "שיעור אבטלה".into(), unit: MetricUnit::Percent, fed: false },
            ImportableMetric { id: 8, name: "Jobs in town".into(), unit: MetricUnit::Count, fed: false },
            ImportableMetric { id: 9, name: "Young job seekers".into(), unit: MetricUnit::Count, fed: true },
        ]
    }

    fn today() -> NaiveDate {
        "2026-12-01".parse().unwrap()
    }

    #[test]
    fn hebrew_and_english_headers_name_the_columns_in_any_order() {
        let rows = [strings(&["2026-Q3", "7.1", "שיעור אבטלה", "מקור: BI"]), strings(&["2026 q2", "5,210", "8", ""])];
        let header = strings(&["\u{feff}רבעון", " ערך ", "מדד", "הערה"]);
        let accepted = check_rows(&header, &rows, &metrics(), today(), false).unwrap();
        assert_eq!(accepted.len(), 2);
        assert_eq!((accepted[0].metric_id, accepted[0].value, accepted[0].note.as_deref()), (7, 7.1, Some("מקור: BI")));
        assert_eq!((accepted[1].metric_id, accepted[1].quarter.to_string(), accepted[1].row), (8, "2026-Q2".into(), 3));
        let english = strings(&["Metric", "Quarter", "Value"]);
        assert!(
            check_rows(&english, &[strings(&["jobs in town", "2026-Q1", "5000"])], &metrics(), today(), false).is_ok()
        );
    }

    #[test]
    fn every_bad_cell_is_named_by_row_and_column() {
        let header = strings(&["מדד", "רבעון", "ערך"]);
        let rows = [
            strings(&["שיעור אבטלה", "2026-Q3", "7"]),
            strings(&["אין כזה", "2026-Q3", "7"]),
            strings(&["שיעור אבטלה", "2027-Q1", "7"]),
            strings(&["שיעור אבטלה", "Q9", "abc"]),
            strings(&["שיעור אבטלה", "2026-Q2", "140"]),
            strings(&["שיעור אבטלה", "2026-Q3", "6"]),
            strings(&["", "", ""]),
            strings(&["Young job seekers", "2026-Q3", "400"]),
        ];
        let errors = check_rows(&header, &rows, &metrics(), today(), false).unwrap_err();
        let found: Vec<(usize, &str, &str)> = errors.iter().map(|e| (e.row, e.column.as_str(), e.code)).collect();
        assert_eq!(
            found,
            [
                (3, "מדד", codes::UNKNOWN_METRIC),
                (4, "רבעון", codes::QUARTER_NOT_BEGUN),
                (5, "רבעון", codes::INVALID_QUARTER),
                (5, "ערך", codes::NOT_A_NUMBER),
                (6, "ערך", codes::OUT_OF_RANGE),
                (7, "רבעון", codes::DUPLICATE_ROW),
                (8, "מדד", codes::REQUIRED),
                (8, "רבעון", codes::REQUIRED),
                (8, "ערך", codes::REQUIRED),
                (9, "מדד", codes::FED_BY_INDICATOR),
            ]
        );
    }

    #[test]
    fn a_file_without_its_columns_or_rows_is_refused_whole() {
        let errors =
            check_rows(&strings(&["מדד", "שנה"]), &[strings(&["x", "y"])], &metrics(), today(), false).unwrap_err();
        let missing: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(missing, ["רבעון", "ערך"]);
        let empty = check_rows(&strings(&["metric", "quarter", "value"]), &[], &metrics(), today(), false).unwrap_err();
        assert_eq!(empty[0].code, codes::EMPTY_FILE);
        let many = vec![strings(&["8", "2026-Q1", "1"]); MAX_IMPORT_ROWS + 1];
        let errors =
            check_rows(&strings(&["metric", "quarter", "value"]), &many, &metrics(), today(), false).unwrap_err();
        assert_eq!(
            (errors[0].code, errors[0].params.clone()),
            (codes::TOO_MANY_ROWS, vec![("max", "10000".to_owned())])
        );
    }
}
