//! The one importer's transport: a CSV (UTF-8 with or without a byte-order mark, or
//! Windows-1255; comma or semicolon) or XLSX file as the request body, read into a table whose
//! rows the domain checks (`workit_domain::import`). Without `apply` an import answers what
//! would change; with it, writes all of it or nothing.
//! - `POST /import/forums/{forum id}/measurements[?apply=true]`: a forum's metric measurements.
//! - `POST /import/indicators?source=…[&town={id}][&apply=true]`: towns' employment indicators,
//!   a town column naming each row's town unless the path's query names one.

use std::io::Cursor;

use axum::body::{Body, to_bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use serde::{Deserialize, Serialize};
use workit_domain::import::{ImportError, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, TableText};
use workit_domain::meetings::minutes::israel_date;
use workit_domain::validation::codes;
use workit_domain::{Actor, plans, regions};
use workit_persistence::StoreResult;
use workit_persistence::plans::metrics as metric_store;
use workit_persistence::regions::indicators as indicator_store;

use super::files::{error, file_error, json_errors, signed_in, store_error};
use crate::AppState;
use crate::i18n::Locale;

/// The largest an XLSX file may grow when unpacked: a small file that unpacks to gigabytes is
/// refused before it is read.
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

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
        if records.len() > MAX_IMPORT_ROWS + 1 {
            break;
        }
    }
    let mut records = records.into_iter();
    let header = records.next().unwrap_or_default();
    let rows = records.filter(|row| row.iter().any(|c| !c.trim().is_empty())).collect();
    Ok(Table { header, rows, decimal_comma: delimiter == b';' })
}

/// What every import does before its rows are checked: the caller and their language, and the
/// body read as a table — or the response that refuses. `authorized` runs before the file is
/// read (who may import here, and what rows may name).
async fn receive<T>(
    state: &AppState,
    request: Request,
    authorized: impl AsyncFnOnce(&Actor) -> StoreResult<T>,
) -> Result<(Actor, Locale, T, Table), Response> {
    let (parts, body): (Parts, Body) = request.into_parts();
    let locale = crate::i18n::locale_of_request(&parts.headers).unwrap_or_default();
    let Some(actor) = signed_in(state, &parts.headers).await else {
        return Err(error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", locale));
    };
    let allowed = authorized(&actor).await.map_err(|e| store_error(e, locale))?;
    let too_large = || {
        let error = ImportError::file(codes::FILE_TOO_LARGE).with("max", MAX_IMPORT_BYTES / (1024 * 1024));
        json_errors(StatusCode::PAYLOAD_TOO_LARGE, vec![file_error(&error, locale)])
    };
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_IMPORT_BYTES) {
        return Err(too_large());
    }
    let Ok(bytes) = to_bytes(body, MAX_IMPORT_BYTES).await else {
        return Err(too_large());
    };
    let table = read_table(&bytes).map_err(|errors| refused(&errors, locale))?;
    Ok((actor, locale, allowed, table))
}

fn refused(errors: &[ImportError], locale: Locale) -> Response {
    json_errors(StatusCode::UNPROCESSABLE_ENTITY, errors.iter().map(|e| file_error(e, locale)).collect())
}

/// What an import would change or changed, never cached.
fn outcome<T: Serialize>(result: StoreResult<T>, locale: Locale) -> Response {
    match result {
        Ok(outcome) => {
            let mut response = axum::Json(outcome).into_response();
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => store_error(error, locale),
    }
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
    let forum_id = forum_id.parse::<i64>().ok().filter(|id| *id > 0).unwrap_or(0);
    let received =
        receive(&state, request, async |actor| metric_store::importable(&state.db, actor, forum_id).await).await;
    let (actor, locale, metrics, table) = match received {
        Ok(received) => received,
        Err(refusal) => return refusal,
    };
    let today = israel_date(state.clock.now());
    let rows = match plans::import::check_rows(&table.header, &table.rows, &metrics, today, table.decimal_comma) {
        Ok(rows) => rows,
        Err(errors) => return refused(&errors, locale),
    };
    let apply = query.apply.unwrap_or(false);
    outcome(metric_store::import(&state.db, &actor, forum_id, rows, apply, state.clock.now()).await, locale)
}

#[derive(Deserialize)]
pub struct IndicatorImportQuery {
    apply: Option<bool>,
    town: Option<String>,
    source: Option<String>,
}

pub async fn import_indicators(
    State(state): State<AppState>,
    Query(query): Query<IndicatorImportQuery>,
    request: Request,
) -> Response {
    // A town that is not a number names no town: the import finds nothing to write to.
    let town = query.town.as_deref().map(|t| t.parse::<i64>().unwrap_or(0));
    let received =
        receive(&state, request, async |actor| indicator_store::importable_towns(&state.db, actor, town).await).await;
    let (actor, locale, towns, table) = match received {
        Ok(received) => received,
        Err(refusal) => return refusal,
    };
    let today = israel_date(state.clock.now());
    let text = TableText { header: &table.header, rows: &table.rows, decimal_comma: table.decimal_comma };
    let rows = match regions::indicators::check_rows(&text, &towns, town, today) {
        Ok(rows) => rows,
        Err(errors) => return refused(&errors, locale),
    };
    let apply = query.apply.unwrap_or(false);
    let source = query.source.unwrap_or_default();
    let imported = indicator_store::import(&state.db, &actor, &towns, rows, &source, apply, state.clock.now()).await;
    outcome(imported, locale)
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
}
