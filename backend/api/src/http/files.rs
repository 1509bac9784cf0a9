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
