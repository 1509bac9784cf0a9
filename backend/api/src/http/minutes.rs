//! Minutes as a Word document: `GET /export/minutes/{meeting id}.docx[?version=N&lang=en]` for a
//! signed-in request. Hebrew documents are right-to-left with real heading styles, so Word's
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

struct Labels {
    minutes: &'static str,
    version: &'static str,
    draft: &'static str,
    circulated: &'static str,
    approved: &'static str,
    correction: &'static str,
    when: &'static str,
    place: &'static str,
    goal: &'static str,
    attendance: &'static str,
    decisions: &'static str,
    owner: &'static str,
    due: &'static str,
    status: &'static str,
    decision: &'static str,
    name: &'static str,
}

fn labels(locale: Locale) -> Labels {
    match locale {
        Locale::He => Labels {
            minutes: "סיכום מפגש",
            version: "גרסה",
            draft: "טיוטה",
            circulated: "טיוטה שהופצה להערות",
            approved: "אושר",
            correction: "תיקון",
            when: "מועד",
            place: "מקום",
            goal: "מטרה",
            attendance: "נוכחות",
            decisions: "החלטות ומשימות",
            owner: "אחראי/ת",
            due: "תאריך יעד",
            status: "סטטוס",
            decision: "החלטה",
            name: "שם",
        },
        Locale::En => Labels {
            minutes: "Minutes",
            version: "Version",
            draft: "Draft",
            circulated: "Draft circulated for comments",
            approved: "Approved",
            correction: "Correction",
            when: "When",
            place: "Place",
            goal: "Goal",
            attendance: "Attendance",
            decisions: "Decisions and action items",
            owner: "Owner",
            due: "Due",
            status: "Status",
            decision: "Decision",
            name: "Name",
        },
    }
}

fn local(at: DateTime<Utc>, format: &str) -> String {
    at.with_timezone(&Jerusalem).format(format).to_string()
}

/// Builds the document; separate from the handler so it is tested without HTTP.
pub fn minutes_docx(doc: &MinutesDocument, locale: Locale) -> Result<Vec<u8>, docx_rs::DocxError> {
    let rtl = locale == Locale::He;
    let l = labels(locale);
    let word = |path: &[&str]| i18n::wording_at(locale, path).unwrap_or_default().to_owned();
    let meeting = &doc.meeting;
    let mut docx = document();
    docx = docx
        .add_paragraph(heading(&format!("{}: {}", l.minutes, meeting.title), 1, rtl))
        .add_paragraph(paragraph(&doc.body_name, rtl));
    let end = workit_domain::meetings::ends_at(meeting.starts_at, meeting.duration_minutes);
    docx = docx.add_paragraph(paragraph(
        &format!("{}: {}–{}", l.when, local(meeting.starts_at, "%d/%m/%Y %H:%M"), local(end, "%H:%M")),
        rtl,
    ));
    if let Some(place) = meeting.place.as_deref().or(meeting.online_url.as_deref()) {
        docx = docx.add_paragraph(paragraph(&format!("{}: {place}", l.place), rtl));
    }
    if let Some(goal) = &meeting.goal {
        docx = docx.add_paragraph(paragraph(&format!("{}: {goal}", l.goal, goal = goal), rtl));
    }
    let m = &doc.minutes;
    let state = match (m.approved_at, m.circulated_at) {
        (Some(at), _) => format!(
            "{} {} — {} {}{}",
            l.version,
            m.number,
            l.approved,
            local(at, "%d/%m/%Y"),
            doc.approved_by.as_deref().map(|n| format!(", {n}")).unwrap_or_default()
        ),
        (None, Some(_)) => format!("{} {} — {}", l.version, m.number, l.circulated),
        (None, None) => format!("{} {} — {}", l.version, m.number, l.draft),
    };
    docx = docx.add_paragraph(paragraph(&state, rtl).bold());
    if let Some(reason) = &m.correction_reason {
        docx = docx.add_paragraph(paragraph(&format!("{}: {reason}", l.correction), rtl));
    }
    if !doc.attendance.is_empty() {
        docx = docx.add_paragraph(heading(l.attendance, 2, rtl)).add_table(table(
            &[l.name, l.status],
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
        docx = docx.add_paragraph(heading(l.decisions, 2, rtl)).add_table(table(
            &[l.decision, l.owner, l.due, l.status],
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
