//! Measurements imported from a table people already keep (domain §6): the checks every row
//! passes before anything is written. Reading the file (CSV, XLSX, encodings) is the transport's
//! job; this takes the cells as text.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::Quarter;
use super::measures::{MetricUnit, check_begun, check_value};
use crate::validation::{FieldError, Validator, codes};

/// The largest file and the most rows one import takes (docs/permissions.md, "Limits").
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_IMPORT_ROWS: usize = 10_000;

/// The columns of an import, each with the headers it is known by (Hebrew and English, as
/// people write them; compared without case and surrounding space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportColumn {
    Metric,
    Quarter,
    Value,
    Note,
}

impl ImportColumn {
    const ALL: [Self; 4] = [Self::Metric, Self::Quarter, Self::Value, Self::Note];

    fn headers(self) -> &'static [&'static str] {
        match self {
            Self::Metric => &["מדד", "שם המדד", "metric", "metric name"],
            Self::Quarter => &["רבעון", "quarter"],
            Self::Value => &["ערך", "value"],
            Self::Note => &["הערה", "הערות", "note", "notes"],
        }
    }

    /// The header a missing column is asked for by, in the language of the other headers.
    fn name(self, hebrew: bool) -> &'static str {
        let headers = self.headers();
        let english = headers.iter().find(|h| h.is_ascii());
        if hebrew { headers[0] } else { english.copied().unwrap_or(headers[0]) }
    }
}

/// A metric rows may name, by its name (as shown) or its id.
#[derive(Debug, Clone)]
pub struct ImportableMetric {
    pub id: i64,
    pub name: String,
    pub unit: MetricUnit,
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

/// Why a cell (or the whole file, row 0) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportError {
    pub row: usize,
    pub column: String,
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl ImportError {
    pub fn file(code: &'static str) -> Self {
        Self { row: 0, column: String::new(), code, params: Vec::new() }
    }

    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }
}

fn normalise(text: &str) -> String {
    text.trim().trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// A number as a spreadsheet exports it: `1,234.5`, `7.5%`, `₪ 9,800`; with `decimal_comma`
/// (a semicolon-separated file, as European Excel writes) `7,5` is seven and a half.
pub fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '%' | '₪' | '\u{200f}')).collect();
    let cleaned = match (decimal_comma, cleaned.contains('.'), cleaned.contains(',')) {
        // `1.234,5` could be either convention: refused rather than guessed.
        (true, true, true) => return None,
        (true, false, true) => cleaned.replace(',', "."),
        _ => cleaned.replace(',', ""),
    };
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')) {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The problems a validator found in one cell (none when it passed).
fn cell_problems(v: Validator) -> Vec<FieldError> {
    match v.finish() {
        Err(crate::DomainError::Validation(errors)) => errors,
        _ => Vec::new(),
    }
}

/// Checks every row against the forum's metrics and `today`. All rows pass or none is taken:
/// the answer is either every row, or every problem found (at most `MAX_REPORTED` of them).
pub fn check_rows(
    header: &[String],
    rows: &[Vec<String>],
    metrics: &[ImportableMetric],
    today: NaiveDate,
    decimal_comma: bool,
) -> Result<Vec<ImportRow>, Vec<ImportError>> {
    const MAX_REPORTED: usize = 100;
    if rows.is_empty() {
        return Err(vec![ImportError::file(codes::EMPTY_FILE)]);
    }
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(vec![ImportError::file(codes::TOO_MANY_ROWS).with("max", MAX_IMPORT_ROWS)]);
    }
    let hebrew = header.iter().any(|h| h.chars().any(|c| ('\u{0590}'..='\u{05ff}').contains(&c)));
    let position = |column: ImportColumn| header.iter().position(|h| column.headers().contains(&normalise(h).as_str()));
    let mut errors = Vec::new();
    let mut found = [None; 4];
    for (index, column) in ImportColumn::ALL.into_iter().enumerate() {
        found[index] = position(column);
        if found[index].is_none() && column != ImportColumn::Note {
            errors.push(ImportError {
                row: 1,
                column: column.name(hebrew).to_owned(),
                ..ImportError::file(codes::MISSING_COLUMN)
            });
        }
    }
    let [Some(metric_at), Some(quarter_at), Some(value_at), note_at] = found else {
        return Err(errors);
    };
    let column_name = |at: usize| header.get(at).map(|h| h.trim().to_owned()).unwrap_or_default();
    let cell = |row: &[String], at: usize| row.get(at).map(|c| c.trim().to_owned()).unwrap_or_default();
    let mut seen = HashSet::new();
    let mut accepted = Vec::with_capacity(rows.len());
    for (index, cells) in rows.iter().enumerate() {
        let row = index + 2;
        let mut problem = |at: usize, error: FieldError| {
            errors.push(ImportError { row, column: column_name(at), code: error.code, params: error.params });
        };
        let metric_text = cell(cells, metric_at);
        let metric = metrics.iter().find(|m| {
            normalise(&m.name) == normalise(&metric_text) || metric_text.parse::<i64>().is_ok_and(|id| id == m.id)
        });
        if metric_text.is_empty() {
            problem(metric_at, FieldError::new("", codes::REQUIRED));
        } else if metric.is_none() {
            problem(metric_at, FieldError::new("", codes::UNKNOWN_METRIC).with("name", &metric_text));
        }
        let quarter_text = cell(cells, quarter_at);
        let quarter = Quarter::parse(&quarter_text);
        let mut v = Validator::new();
        match quarter {
            None if quarter_text.is_empty() => v.push(FieldError::new("", codes::REQUIRED)),
            None => v.push(FieldError::new("", codes::INVALID_QUARTER)),
            Some(quarter) => check_begun(&mut v, "", quarter, today),
        }
        cell_problems(v).into_iter().for_each(|e| problem(quarter_at, e));
        let value_text = cell(cells, value_at);
        let value = parse_number(&value_text, decimal_comma);
        let mut v = Validator::new();
        match (value, metric) {
            (None, _) if value_text.is_empty() => v.push(FieldError::new("", codes::REQUIRED)),
            (None, _) => v.push(FieldError::new("", codes::NOT_A_NUMBER)),
            (Some(value), Some(metric)) => check_value(&mut v, "", metric.unit, value),
            (Some(_), None) => {}
        }
        cell_problems(v).into_iter().for_each(|e| problem(value_at, e));
        let note = note_at.map(|at| cell(cells, at)).filter(|n| !n.is_empty());
        if let (Some(at), Some(note)) = (note_at, &note) {
            let mut v = Validator::new();
            v.text("", note, 1000);
            cell_problems(v).into_iter().for_each(|e| problem(at, e));
        }
        if let (Some(metric), Some(quarter), Some(value)) = (metric, quarter, value) {
            if !seen.insert((metric.id, quarter)) {
                problem(quarter_at, FieldError::new("", codes::DUPLICATE_ROW));
            }
            accepted.push(ImportRow { row, metric_id: metric.id, quarter, value, note });
        }
        if errors.len() >= MAX_REPORTED {
            break;
        }
    }
    if errors.is_empty() { Ok(accepted) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn metrics() -> Vec<ImportableMetric> {
        vec![
            ImportableMetric { id: 7, name: "שיעור אבטלה".into(), unit: MetricUnit::Percent },
            ImportableMetric { id: 8, name: "Jobs in town".into(), unit: MetricUnit::Count },
        ]
    }

    fn today() -> NaiveDate {
        "2026-12-01".parse().unwrap()
    }

    #[test]
    fn numbers_are_read_as_spreadsheets_write_them() {
        assert_eq!(parse_number("1,234.5", false), Some(1234.5));
        assert_eq!(parse_number(" 7.5% ", false), Some(7.5));
        assert_eq!(parse_number("₪ 9,800", false), Some(9800.0));
        assert_eq!(parse_number("7,5", true), Some(7.5));
        assert_eq!(parse_number("1.234,5", true), None, "mixed separators are refused, not guessed");
        for bad in ["", "abc", "12a", "NaN", "inf", "1e999"] {
            assert_eq!(parse_number(bad, false), None, "{bad}");
        }
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
