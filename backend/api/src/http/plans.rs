//! Files in and out of the work plan and metrics:
//! - `POST /import/forums/{forum id}/measurements[?apply=true]`: a CSV (UTF-8 with or without a
//!   byte-order mark, or Windows-1255; comma or semicolon) or XLSX file as the body. Without
//!   `apply` it answers what would change; with it, writes all of it or nothing.
//! - `GET /export/work-plan/{forum id}.xlsx?year=2026[&lang=en]`: the year's plan, one sheet per
//!   team, right-to-left in Hebrew.
//!
//! Both take the bearer token of the GraphQL API and answer errors as `{ "errors": [...] }` with
//! the same codes, worded in the caller's language.

use std::io::Cursor;

use axum::body::{Body, to_bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::plans::import::{ImportError, MAX_IMPORT_BYTES, check_rows};
use workit_domain::plans::tasks::task_state;
use workit_domain::validation::codes;
use workit_domain::{Actor, DomainError};
use workit_persistence::entities::work_plan_tasks;
use workit_persistence::plans::{metrics as metric_store, tasks as task_store};
use workit_persistence::{StoreError, directory, forums as forum_store};

use super::files::{XLSX, download, forum_file_request};
use super::graphql::authenticate;
use crate::AppState;
use crate::i18n::{self, Locale};

/// The largest an XLSX file may grow when unpacked: a small file that unpacks to gigabytes is
/// refused before it is read.
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

fn json_errors(status: StatusCode, errors: Vec<serde_json::Value>) -> Response {
    (status, axum::Json(serde_json::json!({ "errors": errors }))).into_response()
}

pub(super) fn error(status: StatusCode, code: &str, locale: Locale) -> Response {
    let message = i18n::error_message(locale, code, None, None);
    json_errors(status, vec![serde_json::json!({ "code": code, "message": message })])
}

pub(super) fn store_error(error: StoreError, locale: Locale) -> Response {
    match error {
        StoreError::Domain(DomainError::Forbidden) => self::error(StatusCode::FORBIDDEN, "FORBIDDEN", locale),
        StoreError::Domain(DomainError::NotFound { .. }) => self::error(StatusCode::NOT_FOUND, "NOT_FOUND", locale),
        StoreError::Domain(DomainError::Validation(fields)) => {
            let errors = fields
                .iter()
                .map(|f| {
                    file_error(
                        &ImportError { row: 0, column: f.field.clone(), code: f.code, params: f.params.clone() },
                        locale,
                    )
                })
                .collect();
            json_errors(StatusCode::UNPROCESSABLE_ENTITY, errors)
        }
        other => {
            tracing::error!(error = ?other, "importing or exporting a plan");
            self::error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale)
        }
    }
}

fn file_error(error: &ImportError, locale: Locale) -> serde_json::Value {
    let params = async_graphql::Value::Object(
        error
            .params
            .iter()
            .map(|(k, v)| (async_graphql::Name::new(*k), async_graphql::Value::from(v.as_str())))
            .collect(),
    );
    let params_json: serde_json::Map<String, serde_json::Value> =
        error.params.iter().map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(v.as_str()))).collect();
    serde_json::json!({
        "code": "VALIDATION",
        "field": error.code,
        "row": error.row,
        "column": error.column,
        "params": params_json,
        "message": i18n::field_message(locale, error.code, &params),
    })
}

pub(super) async fn signed_in(state: &AppState, headers: &HeaderMap) -> Option<Actor> {
    authenticate(state, headers).await.ok().flatten().map(|caller| caller.actor)
}

/// A table read from a file: its header and rows as text, and whether numbers use a decimal
/// comma (a semicolon-separated file).
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    decimal_comma: bool,
}

fn refuse(code: &'static str) -> Vec<ImportError> {
    vec![ImportError::file(code)]
}

/// Reads CSV or XLSX (told apart by content, not by name): XLSX is a ZIP archive.
fn read_table(bytes: &[u8]) -> Result<Table, Vec<ImportError>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse(codes::EMPTY_FILE));
    }
    if bytes.starts_with(b"PK\x03\x04") { read_xlsx(bytes) } else { read_csv(bytes) }
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, Vec<ImportError>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| refuse(codes::NOT_A_TABLE_FILE))?;
    let mut unpacked = 0_u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|_| refuse(codes::NOT_A_TABLE_FILE))?;
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(vec![ImportError::file(codes::FILE_TOO_LARGE).with("max", MAX_IMPORT_BYTES / (1024 * 1024))]);
    }
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| refuse(codes::NOT_A_TABLE_FILE))?;
    let range = workbook.worksheet_range_at(0).and_then(Result::ok).ok_or_else(|| refuse(codes::NOT_A_TABLE_FILE))?;
    let mut rows = range.rows().map(|row| {
        row.iter()
            .map(|cell| match cell {
                Data::Empty => String::new(),
                // Whole numbers as typed (5210, not 5210.0).
                Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => format!("{value:.0}"),
                other => other.to_string(),
            })
            .collect::<Vec<String>>()
    });
    let header = rows.next().unwrap_or_default();
    let rows: Vec<Vec<String>> = rows.filter(|row| row.iter().any(|c| !c.trim().is_empty())).collect();
    Ok(Table { header, rows, decimal_comma: false })
}

/// Decodes text as Excel saves CSV in Israel: UTF-8 (a byte-order mark or not), else Windows-1255.
fn decode(bytes: &[u8]) -> Result<String, Vec<ImportError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::WINDOWS_1255.decode(bytes);
            if had_errors {
                return Err(refuse(codes::NOT_A_TABLE_FILE));
            }
            text.into_owned()
        }
    };
    // Binary files (PDF, images, other archives) hold control characters no table has.
    if workit_domain::validation::has_control_characters(&text) {
        return Err(refuse(codes::NOT_A_TABLE_FILE));
    }
    Ok(text)
}

fn read_csv(bytes: &[u8]) -> Result<Table, Vec<ImportError>> {
    let text = decode(bytes)?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| refuse(codes::NOT_A_TABLE_FILE))?;
        records.push(record.iter().map(str::to_owned).collect::<Vec<String>>());
        if records.len() > workit_domain::plans::import::MAX_IMPORT_ROWS + 1 {
            break;
        }
    }
    let mut records = records.into_iter();
    let header = records.next().unwrap_or_default();
    let rows = records.filter(|row| row.iter().any(|c| !c.trim().is_empty())).collect();
    Ok(Table { header, rows, decimal_comma: delimiter == b';' })
}

#[derive(Deserialize)]
pub struct ImportQuery {
    apply: Option<bool>,
}

pub async fn import_measurements(
    State(state): State<AppState>,
    Path(forum_id): Path<String>,
    Query(query): Query<ImportQuery>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let locale = Locale::of_request(&parts.headers).unwrap_or(Locale::He);
    let Some(actor) = signed_in(&state, &parts.headers).await else {
        return error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", locale);
    };
    let Some(forum_id) = forum_id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return error(StatusCode::NOT_FOUND, "NOT_FOUND", locale);
    };
    // Before the file is read: who may import here, and which metrics rows may name.
    let metrics = match metric_store::importable(&state.db, &actor, forum_id).await {
        Ok(metrics) => metrics,
        Err(error) => return store_error(error, locale),
    };
    let too_large = || {
        let error = ImportError::file(codes::FILE_TOO_LARGE).with("max", MAX_IMPORT_BYTES / (1024 * 1024));
        json_errors(StatusCode::PAYLOAD_TOO_LARGE, vec![file_error(&error, locale)])
    };
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_IMPORT_BYTES) {
        return too_large();
    }
    let Ok(bytes) = to_bytes(Body::new(body), MAX_IMPORT_BYTES).await else {
        return too_large();
    };
    let today = israel_date(state.clock.now());
    let checked = read_table(&bytes)
        .and_then(|table| check_rows(&table.header, &table.rows, &metrics, today, table.decimal_comma));
    let rows = match checked {
        Ok(rows) => rows,
        Err(errors) => {
            let errors = errors.iter().map(|e| file_error(e, locale)).collect();
            return json_errors(StatusCode::UNPROCESSABLE_ENTITY, errors);
        }
    };
    let apply = query.apply.unwrap_or(false);
    match metric_store::import(&state.db, &actor, forum_id, rows, apply, state.clock.now()).await {
        Ok(outcome) => {
            let mut response = axum::Json(outcome).into_response();
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => store_error(error, locale),
    }
}

#[derive(Deserialize)]
pub struct ExportQuery {
    year: Option<String>,
    lang: Option<String>,
}

/// The words of the export, read from the web app's locale files like every other wording.
fn word(locale: Locale, key: &str) -> String {
    i18n::wording_at(locale, &["plan", "export", key]).unwrap_or(key).to_owned()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
pub(super) fn sheet_name(name: &str, taken: &mut Vec<String>) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let base = if clean.trim().is_empty() { "-".to_owned() } else { clean.trim().to_owned() };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base} {n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

pub struct PlanSheet {
    pub team: String,
    pub rows: Vec<[String; 10]>,
}

/// The sheet's columns (their words under `plan.export` in the locale files) and widths.
const COLUMNS: [(&str, f64); 10] = [
    ("task", 40.0),
    ("focus", 28.0),
    ("owner", 20.0),
    ("partners", 28.0),
    ("quarter", 10.0),
    ("due", 12.0),
    ("state", 12.0),
    ("doneOn", 12.0),
    ("expectedProduct", 30.0),
    ("successMeasure", 30.0),
];

pub fn plan_xlsx(sheets: &[PlanSheet], locale: Locale) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let mut taken = Vec::new();
    for sheet in sheets {
        let worksheet = book.add_worksheet();
        worksheet.set_name(sheet_name(&sheet.team, &mut taken))?;
        worksheet.set_right_to_left(locale == Locale::He);
        for (column, (key, width)) in COLUMNS.iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(0);
            worksheet.write_string_with_format(0, column, word(locale, key), &bold)?;
            worksheet.set_column_width(column, *width)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
            for (column, value) in row.iter().enumerate() {
                worksheet.write_string_with_format(line, u16::try_from(column).unwrap_or(0), value, &wrap)?;
            }
        }
        worksheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

async fn plan_sheets(
    state: &AppState,
    actor: &Actor,
    forum_id: i64,
    year: i32,
    locale: Locale,
) -> Result<Vec<PlanSheet>, StoreError> {
    forum_store::get(&state.db, actor, forum_id).await?;
    let tasks: Vec<work_plan_tasks::Model> = task_store::by_forum_ids(&state.db, &[forum_id])
        .await?
        .into_iter()
        .filter(|t| task_store::in_year(t, year))
        .collect();
    let bodies = forum_store::bodies_by_forum_ids(&state.db, &[forum_id]).await?;
    let focuses = workit_persistence::plans::focuses::by_forum_ids(&state.db, &[forum_id]).await?;
    let owner_ids: Vec<i64> = tasks.iter().filter_map(|t| t.owner_person_id).collect();
    let owners = directory::people_by_ids(&state.db, actor, &owner_ids).await?;
    let task_ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let links = task_store::partners_by_task_ids(&state.db, &task_ids).await?;
    let organisation_ids: Vec<i64> = links.iter().map(|l| l.organisation_id).collect();
    let organisations = directory::organisations_by_ids(&state.db, &organisation_ids).await?;
    let today = israel_date(state.clock.now());
    let mut sheets: Vec<PlanSheet> = Vec::new();
    for task in &tasks {
        let team = task
            .body_id
            .and_then(|id| bodies.iter().find(|b| b.id == id))
            .map_or_else(|| word(locale, "noTeam"), |b| b.name.clone());
        let partners: Vec<&str> = links
            .iter()
            .filter(|l| l.task_id == task.id)
            .filter_map(|l| organisations.iter().find(|o| o.id == l.organisation_id))
            .map(|o| o.name.as_str())
            .collect();
        let state_key = task_state(*task.status, task.due_on, today).as_str();
        let state_word = i18n::wording_at(locale, &["plan", "state", state_key]).unwrap_or(state_key).to_owned();
        let row = [
            task.title.clone(),
            task.focus_id
                .and_then(|id| focuses.iter().find(|f| f.id == id))
                .map(|f| f.title.clone())
                .unwrap_or_default(),
            task.owner_person_id
                .and_then(|id| owners.iter().find(|p| p.row.id == id))
                .map(|p| p.row.full_name.clone())
                .unwrap_or_default(),
            partners.join(", "),
            task.planned_quarter.and_then(Quarter::from_code).map(|q| q.to_string()).unwrap_or_default(),
            task.due_on.map(|d| d.to_string()).unwrap_or_default(),
            match &task.dropped_reason {
                Some(reason) => format!("{state_word}: {reason}"),
                None => state_word,
            },
            task.done_on.map(|d| d.to_string()).unwrap_or_default(),
            task.expected_product.clone().unwrap_or_default(),
            task.success_measure.clone().unwrap_or_default(),
        ];
        match sheets.iter_mut().find(|s| s.team == team) {
            Some(sheet) => sheet.rows.push(row),
            None => sheets.push(PlanSheet { team, rows: vec![row] }),
        }
    }
    if sheets.is_empty() {
        sheets.push(PlanSheet { team: word(locale, "emptySheet"), rows: Vec::new() });
    }
    Ok(sheets)
}

pub async fn work_plan_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    let (locale, forum_id, actor) =
        match forum_file_request(&state, &file, ".xlsx", query.lang.as_deref(), &headers).await {
            Ok(request) => request,
            Err(refused) => return refused,
        };
    let this_year = Quarter::of(israel_date(state.clock.now())).year();
    let year = match query.year.as_deref().map(str::parse::<i32>).transpose() {
        Ok(year) => year.unwrap_or(this_year),
        Err(_) => return error(StatusCode::BAD_REQUEST, "VALIDATION", locale),
    };
    let sheets = match plan_sheets(&state, &actor, forum_id, year, locale).await {
        Ok(sheets) => sheets,
        Err(error) => return store_error(error, locale),
    };
    download(plan_xlsx(&sheets, locale), XLSX, &format!("work-plan-{forum_id}-{year}.xlsx"), locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_file_in_windows_1255_reads_with_decimal_commas() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1255.encode("מדד;רבעון;ערך\nשיעור אבטלה;2026-Q1;7,5\n");
        let table = read_table(&bytes).unwrap();
        assert_eq!(table.header, ["מדד", "רבעון", "ערך"]);
        assert_eq!(table.rows, [["שיעור אבטלה", "2026-Q1", "7,5"]]);
        assert!(table.decimal_comma);
    }

    #[test]
    fn binary_and_broken_files_are_not_tables() {
        for bytes in [&b"%PDF-1.7\n\x00\x01\x02"[..], b"PK\x03\x04not really a zip", b"   \n"] {
            let errors = read_table(bytes).err().unwrap();
            assert!(matches!(errors[0].code, codes::NOT_A_TABLE_FILE | codes::EMPTY_FILE), "{bytes:?}");
        }
    }

    #[test]
    fn every_export_word_exists_in_both_languages() {
        for locale in [Locale::He, Locale::En] {
            for key in COLUMNS.iter().map(|(key, _)| *key).chain(["noTeam", "emptySheet"]) {
                assert!(i18n::wording_at(locale, &["plan", "export", key]).is_some(), "{key} in {locale:?}");
            }
        }
    }

    #[test]
    fn sheet_names_are_cleaned_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("צוות: נשים [חרדיות]", &mut taken), "צוות נשים חרדיות");
        assert_eq!(sheet_name("צוות: נשים [חרדיות]", &mut taken), "צוות נשים חרדיות 2");
        assert_eq!(sheet_name("???", &mut taken), "-");
    }
}
