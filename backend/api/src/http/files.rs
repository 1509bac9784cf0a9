//! What every file the server hands out shares: the language it is written in (`?lang=`, else
//! the request's `Accept-Language`, else Hebrew) and the response that makes it a download.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::i18n::Locale;

pub fn export_locale(lang: Option<&str>, headers: &HeaderMap) -> Locale {
    lang.and_then(Locale::parse).or_else(|| Locale::of_request(headers)).unwrap_or(Locale::He)
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

/// A file the server wrote, as a download; a failure to write it is logged and answered 500.
pub fn download<E: std::fmt::Debug>(
    written: Result<Vec<u8>, E>,
    content_type: &'static str,
    filename: &str,
    locale: Locale,
) -> Response {
    match written {
        Ok(bytes) => attachment(bytes, content_type, filename),
        Err(error) => {
            tracing::error!(?error, filename, "writing an export");
            super::plans::error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale)
        }
    }
}

/// What every export of one forum's file begins with: the language, the forum named by the
/// path's `{id}.{extension}`, and the signed-in caller — or the response that refuses.
pub async fn forum_file_request(
    state: &crate::AppState,
    file: &str,
    extension: &str,
    lang: Option<&str>,
    headers: &HeaderMap,
) -> Result<(Locale, i64, workit_domain::Actor), Response> {
    let locale = export_locale(lang, headers);
    let Some(forum_id) = file.strip_suffix(extension).and_then(|id| id.parse::<i64>().ok()) else {
        return Err(super::plans::error(StatusCode::NOT_FOUND, "NOT_FOUND", locale));
    };
    let Some(actor) = super::plans::signed_in(state, headers).await else {
        return Err(super::plans::error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", locale));
    };
    Ok((locale, forum_id, actor))
}
