//! What every file the server takes or hands out shares: the language it is written in
//! (`?lang=`, else the request's `Accept-Language`, else Hebrew), the response that makes it a
//! download, and errors as `{ "errors": [...] }` with the GraphQL API's codes, worded in the
//! caller's language (a cell of an imported file named by `row` and `column`).

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use workit_domain::import::ImportError;
use workit_domain::{Actor, DomainError};
use workit_persistence::StoreError;

use super::graphql::authenticate;
use crate::AppState;
use crate::i18n::{self, Locale};

pub fn export_locale(lang: Option<&str>, headers: &HeaderMap) -> Locale {
    lang.and_then(Locale::parse).or_else(|| crate::i18n::locale_of_request(headers)).unwrap_or_default()
}

/// `bytes` as a file named `filename`, never cached (it holds a town's data).
pub fn attachment(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, disposition);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub const CSV: &str = "text/csv; charset=utf-8";

/// A table of text as one worksheet, header row and first column bold and frozen, numbers as
/// numbers, right to left in Hebrew.
pub fn table_xlsx(lines: &[Vec<String>], sheet_name: &str, locale: Locale) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name.chars().take(31).collect::<String>())?;
    sheet.set_right_to_left(locale.is_right_to_left());
    let bold = Format::new().set_bold().set_text_wrap();
    for (r, line) in lines.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, text) in line.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(0);
            if r == 0 || c == 0 {
                sheet.write_string_with_format(r, c, text, &bold)?;
            } else if let Ok(number) = text.parse::<f64>() {
                sheet.write_number(r, c, number)?;
            } else {
                sheet.write_string(r, c, text)?;
            }
        }
    }
    sheet.set_column_width(0, 22)?;
    sheet.set_freeze_panes(1, 1)?;
    book.save_to_buffer()
}

/// A table of text as CSV in UTF-8 with a byte-order mark, so Excel opens Hebrew correctly.
pub fn table_csv(lines: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    for line in lines {
        writer.write_record(line)?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// A file the server wrote, as a download; a failure to write it is logged and answered 500.
pub fn download<E: std::fmt::Debug>(
    written: Result<Vec<u8>, E>,
    content_type: &'static str,
    filename: &str,
    locale: Locale,
) -> Response {
    match written {
        Ok(bytes) => attachment(bytes, content_type, filename),
        Err(failure) => {
            tracing::error!(error = ?failure, filename, "writing an export");
            error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale)
        }
    }
}

/// What every export of one record's file begins with: the language, the record (a forum, a
/// survey round) named by the path's `{id}.{extension}`, and the signed-in caller — or the
/// response that refuses.
pub async fn forum_file_request(
    state: &crate::AppState,
    file: &str,
    extension: &str,
    lang: Option<&str>,
    headers: &HeaderMap,
) -> Result<(Locale, i64, workit_domain::Actor), Response> {
    let locale = export_locale(lang, headers);
    let Some(forum_id) = file.strip_suffix(extension).and_then(|id| id.parse::<i64>().ok()) else {
        return Err(error(StatusCode::NOT_FOUND, "NOT_FOUND", locale));
    };
    let Some(actor) = signed_in(state, headers).await else {
        return Err(error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", locale));
    };
    Ok((locale, forum_id, actor))
}

pub(super) fn json_errors(status: StatusCode, errors: Vec<serde_json::Value>) -> Response {
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
            tracing::error!(error = ?other, "reading or writing a file");
            self::error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale)
        }
    }
}

pub(super) fn file_error(error: &ImportError, locale: Locale) -> serde_json::Value {
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
