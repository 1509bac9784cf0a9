//! Minutes as a Word document: `GET /export/minutes/{meeting id}.docx[?version=N&lang=en]` for a
//! signed-in request. Hebrew and Arabic documents are right-to-left with real heading styles, so Word's
//! navigation pane and a screen reader see the structure.

use std::io::Cursor;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use chrono_tz::Asia::Jerusalem;
use workit_persistence::StoreError;
use workit_persistence::meetings::minutes::{self as store, MinutesDocument};

use super::calendar::plain_error;
use super::files::{attachment, export_locale};
use super::graphql::authenticate;
use super::word::{document, heading, paragraph, table};
use crate::AppState;
use crate::i18n::{self, Locale};

fn local(at: DateTime<Utc>, format: &str) -> String {
    at.with_timezone(&Jerusalem).format(format).to_string()
}

/// Builds the document; separate from the handler so it is tested without HTTP.
pub fn minutes_docx(doc: &MinutesDocument, locale: Locale) -> Result<Vec<u8>, docx_rs::DocxError> {
    let rtl = locale.is_right_to_left();
    let word = |path: &[&str]| i18n::word(locale, path);
    let version = |number: i32| i18n::word_with(locale, &["minutes", "version"], &[("number", &number.to_string())]);
    let meeting = &doc.meeting;
    let mut docx = document();
    docx = docx
        .add_paragraph(heading(&format!("{}: {}", word(&["minutes", "title"]), meeting.title), 1, rtl))
        .add_paragraph(paragraph(&doc.body_name, rtl));
    let end = workit_domain::meetings::ends_at(meeting.starts_at, meeting.duration_minutes);
    docx = docx.add_paragraph(paragraph(
        &format!(
            "{}: {}–{}",
            word(&["minutes", "when"]),
            local(meeting.starts_at, "%d/%m/%Y %H:%M"),
            local(end, "%H:%M")
        ),
        rtl,
    ));
    if let Some(place) = meeting.place.as_deref().or(meeting.online_url.as_deref()) {
        docx = docx.add_paragraph(paragraph(&format!("{}: {place}", word(&["meetings", "place"])), rtl));
    }
    if let Some(goal) = &meeting.goal {
        docx = docx.add_paragraph(paragraph(&format!("{}: {goal}", word(&["meetings", "goal"])), rtl));
    }
    let m = &doc.minutes;
    let status = |key: &str| word(&["minutes", "status", key]);
    let state = match (m.approved_at, m.circulated_at) {
        (Some(at), _) => format!(
            "{} — {} {}{}",
            version(m.number),
            status("APPROVED"),
            local(at, "%d/%m/%Y"),
            doc.approved_by.as_deref().map(|n| format!(", {n}")).unwrap_or_default()
        ),
        (None, Some(_)) => format!("{} — {}", version(m.number), status("CIRCULATED")),
        (None, None) => format!("{} — {}", version(m.number), status("DRAFT")),
    };
    docx = docx.add_paragraph(paragraph(&state, rtl).bold());
    if let Some(reason) = &m.correction_reason {
        docx = docx
            .add_paragraph(paragraph(&i18n::word_with(locale, &["minutes", "correction"], &[("reason", reason)]), rtl));
    }
    if !doc.attendance.is_empty() {
        docx = docx.add_paragraph(heading(&word(&["attendance", "title"]), 2, rtl)).add_table(table(
            &[&word(&["town", "person"]), &word(&["decisions", "status"])],
            doc.attendance
                .iter()
                .map(|(name, status)| vec![name.clone(), word(&["attendance", "status", status.as_str()])])
                .collect(),
            rtl,
        ));
    }
    for section in &doc.sections {
        docx = docx.add_paragraph(heading(&section.title, 2, rtl));
        for line in section.notes.lines() {
            docx = docx.add_paragraph(paragraph(line, rtl));
        }
    }
    if !doc.decisions.is_empty() {
        let columns = [["decisions", "text"], ["decisions", "owner"], ["decisions", "dueOn"], ["decisions", "status"]]
            .map(|path| word(&path));
        docx = docx.add_paragraph(heading(&word(&["decisions", "title"]), 2, rtl)).add_table(table(
            &columns.iter().map(String::as_str).collect::<Vec<_>>(),
            doc.decisions
                .iter()
                .map(|(text, owner, due, status)| {
                    vec![
                        text.clone(),
                        owner.clone().unwrap_or_default(),
                        due.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
                        word(&["decisions", "values", status.as_str()]),
                    ]
                })
                .collect(),
            rtl,
        ));
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes)?;
    Ok(bytes.into_inner())
}

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    /// Read as text so a malformed number gets our localized answer, not the extractor's.
    version: Option<String>,
    lang: Option<String>,
}

pub async fn minutes_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = export_locale(query.lang.as_deref(), &headers);
    let Some(id) = file.strip_suffix(".docx").and_then(|id| id.parse::<i64>().ok()) else {
        return plain_error(StatusCode::NOT_FOUND, "NOT_FOUND", locale);
    };
    let actor = match authenticate(&state, &headers).await {
        Ok(Some(caller)) => caller.actor,
        _ => return plain_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", locale),
    };
    let version = match query.version.as_deref().map(str::parse::<i32>).transpose() {
        Ok(version) => version,
        Err(_) => return plain_error(StatusCode::BAD_REQUEST, "VALIDATION", locale),
    };
    let doc = match store::document(&state.db, &actor, id, version).await {
        Ok(doc) => doc,
        Err(StoreError::Domain(_)) => return plain_error(StatusCode::NOT_FOUND, "NOT_FOUND", locale),
        Err(error) => {
            tracing::error!(?error, "loading minutes for export");
            return plain_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale);
        }
    };
    let bytes = match minutes_docx(&doc, locale) {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(?error, "writing a minutes document");
            return plain_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", locale);
        }
    };
    attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &format!("minutes-{id}-v{}.docx", doc.minutes.number),
    )
}
