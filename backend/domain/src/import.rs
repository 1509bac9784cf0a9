//! The one importer of tables people already keep (domain §6 measurements, §12 town indicators):
//! what every import shares — size limits, finding columns by their Hebrew or English headers,
//! reading numbers as spreadsheets write them, and reporting every bad cell by row and column.
//! What one kind of row must satisfy is its own module's (`plans::import`,
//! `regions::indicators`); reading the file (CSV, XLSX, encodings) is the transport's job.

use serde::Serialize;

use crate::validation::{FieldError, Validator, codes};

/// The largest file and the most rows one import takes (docs/permissions.md, "Limits").
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_IMPORT_ROWS: usize = 10_000;
/// More problems than this are not reported: the file is wrong as a whole.
const MAX_REPORTED: usize = 100;

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

/// A column of an import and the headers it is known by (compared after [`normalise`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub headers: &'static [&'static str],
    pub required: bool,
}

impl Column {
    pub const fn required(headers: &'static [&'static str]) -> Self {
        Self { headers, required: true }
    }

    pub const fn optional(headers: &'static [&'static str]) -> Self {
        Self { headers, required: false }
    }

    /// The header a missing column is asked for by, in the language of the file's headers.
    fn name(self, hebrew: bool) -> &'static str {
        let english = self.headers.iter().find(|h| h.is_ascii());
        if hebrew { self.headers[0] } else { english.copied().unwrap_or(self.headers[0]) }
    }
}

/// Headers and names as people type them: no case, byte-order mark, dashes, underscores or
/// doubled spaces make a difference ("Job seekers – women" is "job_seekers_women").
pub fn normalise(text: &str) -> String {
    let spaced: String = text
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| if matches!(c, '-' | '–' | '—' | '_' | ':' | '\u{200f}' | '\u{200e}') { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
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

/// One row being checked: its cells by column, and where its problems go.
pub struct RowCheck<'a> {
    /// The row's number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    cells: &'a [String],
    header: &'a [String],
    positions: &'a [Option<usize>],
    decimal_comma: bool,
    errors: &'a mut Vec<ImportError>,
}

impl RowCheck<'_> {
    /// Whether the file has the column at `column` (an index into the import's columns).
    pub fn has(&self, column: usize) -> bool {
        self.positions.get(column).copied().flatten().is_some()
    }

    /// The trimmed text of a cell; empty when the column is absent.
    pub fn text(&self, column: usize) -> String {
        let at = self.positions.get(column).copied().flatten();
        at.and_then(|at| self.cells.get(at)).map(|c| c.trim().to_owned()).unwrap_or_default()
    }

    /// Reports a problem of the cell at `column`.
    pub fn problem(&mut self, column: usize, error: FieldError) {
        let at = self.positions.get(column).copied().flatten();
        let name = at.and_then(|at| self.header.get(at)).map(|h| h.trim().to_owned()).unwrap_or_default();
        self.errors.push(ImportError { row: self.row, column: name, code: error.code, params: error.params });
    }

    /// Reports what a validator of the cell at `column` found.
    pub fn validated(&mut self, column: usize, validator: Validator) {
        if let Err(crate::DomainError::Validation(errors)) = validator.finish() {
            errors.into_iter().for_each(|e| self.problem(column, e));
        }
    }

    /// The cell as a number: `None` (and a problem) when it is not one, `Some(None)` when empty
    /// and optional.
    pub fn number(&mut self, column: usize, required: bool) -> Option<Option<f64>> {
        let text = self.text(column);
        if text.is_empty() {
            if required {
                self.problem(column, FieldError::new("", codes::REQUIRED));
                return None;
            }
            return Some(None);
        }
        match parse_number(&text, self.decimal_comma) {
            Some(value) => Some(Some(value)),
            None => {
                self.problem(column, FieldError::new("", codes::NOT_A_NUMBER));
                None
            }
        }
    }
}

/// A table as text: its header row, its rows, and whether numbers use a decimal comma.
pub struct TableText<'a> {
    pub header: &'a [String],
    pub rows: &'a [Vec<String>],
    pub decimal_comma: bool,
}

/// Checks every row of `table` against `columns`: the file is refused whole when it is empty,
/// too long or lacks a required column; otherwise `check` reads each row and answers the row it
/// accepts (or nothing, having reported why). All rows pass or none is taken: the answer is
/// either every accepted row, or every problem found (at most a hundred).
pub fn check_table<T>(
    table: &TableText<'_>,
    columns: &[Column],
    mut check: impl FnMut(&mut RowCheck<'_>) -> Option<T>,
) -> Result<Vec<T>, Vec<ImportError>> {
    if table.rows.is_empty() {
        return Err(vec![ImportError::file(codes::EMPTY_FILE)]);
    }
    if table.rows.len() > MAX_IMPORT_ROWS {
        return Err(vec![ImportError::file(codes::TOO_MANY_ROWS).with("max", MAX_IMPORT_ROWS)]);
    }
    let hebrew = table.header.iter().any(|h| h.chars().any(|c| ('\u{0590}'..='\u{05ff}').contains(&c)));
    let positions: Vec<Option<usize>> = columns
        .iter()
        .map(|column| {
            table.header.iter().position(|h| column.headers.iter().any(|known| normalise(known) == normalise(h)))
        })
        .collect();
    let mut errors: Vec<ImportError> = columns
        .iter()
        .zip(&positions)
        .filter(|(column, at)| column.required && at.is_none())
        .map(|(column, _)| ImportError {
            row: 1,
            column: column.name(hebrew).to_owned(),
            ..ImportError::file(codes::MISSING_COLUMN)
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut accepted = Vec::with_capacity(table.rows.len());
    for (index, cells) in table.rows.iter().enumerate() {
        let mut row = RowCheck {
            row: index + 2,
            cells,
            header: table.header,
            positions: &positions,
            decimal_comma: table.decimal_comma,
            errors: &mut errors,
        };
        if let Some(value) = check(&mut row) {
            accepted.push(value);
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
    fn headers_match_without_case_dashes_or_spacing() {
        assert_eq!(normalise("\u{feff} Job seekers – Women "), "job seekers women");
        assert_eq!(normalise("job_seekers_women"), "job seekers women");
        assert_eq!(normalise("דורשי עבודה - נשים"), "דורשי עבודה נשים");
    }
}
