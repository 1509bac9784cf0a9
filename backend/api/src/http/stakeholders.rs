//! The stakeholder map's files: `GET /export/stakeholders/{forum id}.{xlsx|csv}[?asOf=&lang=]`
//! — the map's data as the table view shows it — and `GET /export/swot/{forum id}.docx
//! [?version=&lang=]`, the forum's SWOT (the latest version unless one is named) for Word.
//! The map's picture (SVG, PNG) is drawn and exported by the web app.

use std::io::Cursor;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::stakeholders::engagement::is_overdue;
use workit_persistence::stakeholders::{self as store, Placed, mapping};

use super::files::{CSV, DOCX, XLSX, download, error, forum_file_request, store_error, table_csv, table_xlsx};
use super::word::{document, heading, paragraph};
use crate::AppState;

use crate::i18n::{Locale, word};

#[derive(Deserialize)]
pub struct MapQuery {
    #[serde(rename = "asOf")]
    as_of: Option<String>,
    version: Option<String>,
    lang: Option<String>,
}

const COLUMNS: [&str; 12] = [
    "name",
    "kind",
    "sector",
    "influence",
    "interest",
    "quadrant",
    "action",
    "inForum",
    "nextStep",
    "owner",
    "dueOn",
    "status",
];

/// The map as rows of text, header first; `owners` names the next steps' owners.
pub fn table(placed: &[Placed], owners: &[(i64, String)], today: NaiveDate, locale: Locale) -> Vec<Vec<String>> {
    let mut lines = vec![COLUMNS.iter().map(|c| word(locale, &["stakeholders", "columns", c])).collect::<Vec<_>>()];
    for p in placed {
        let quadrant = p.position.quadrant();
        let (name, kind, sector) = match (&p.organisation, &p.person) {
            (Some(o), _) => (o.name.clone(), "organisation", Some(o.sector.0)),
            (_, Some(person)) => (person.full_name.clone(), "person", None),
            _ => continue,
        };
        let owner =
            p.row.next_step_owner_id.and_then(|id| owners.iter().find(|(o, _)| *o == id)).map(|(_, n)| n.clone());
        let status = p.row.next_step_status.0;
        let mut status_text = word(locale, &["stakeholders", "stepStatuses", status.as_str()]);
        if is_overdue(p.row.next_step_due_on, status, today) {
            status_text = format!("{status_text} ({})", word(locale, &["stakeholders", "overdue"]));
        }
        lines.push(vec![
            name,
            word(locale, &["stakeholders", "kinds", kind]),
            sector.map(|s| word(locale, &["sectors", s.as_str()])).unwrap_or_default(),
            format!("{:.1}", f64::from(p.position.influence) / 10.0),
            format!("{:.1}", f64::from(p.position.interest) / 10.0),
            word(locale, &["stakeholders", "quadrants", quadrant.as_str(), "name"]),
            word(locale, &["stakeholders", "actions", quadrant.action().as_str()]),
            word(locale, &["stakeholders", if p.in_forum { "yes" } else { "no" }]),
            p.row.next_step.clone().unwrap_or_default(),
            owner.unwrap_or_default(),
            p.row.next_step_due_on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
            if p.row.next_step.is_some() { status_text } else { String::new() },
        ]);
    }
    lines
}

pub async fn map_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<MapQuery>,
    headers: HeaderMap,
) -> Response {
    let extension = if file.ends_with(".csv") { ".csv" } else { ".xlsx" };
    let (locale, forum_id, actor) =
        match forum_file_request(&state, &file, extension, query.lang.as_deref(), &headers).await {
            Ok(request) => request,
            Err(refused) => return refused,
        };
    let as_of = match query.as_of.as_deref().map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d")).transpose() {
        Ok(day) => day,
        Err(_) => return error(StatusCode::BAD_REQUEST, "VALIDATION", locale),
    };
    let today = israel_date(state.clock.now());
    let placed = match store::map(&state.db, &actor, forum_id, as_of, today).await {
        Ok(placed) => placed,
        Err(e) => return store_error(e, locale),
    };
    let owner_ids: Vec<i64> = placed.iter().filter_map(|p| p.row.next_step_owner_id).collect();
    let owners = match workit_persistence::directory::people_by_ids(&state.db, &actor, &owner_ids).await {
        Ok(people) => people.into_iter().map(|p| (p.row.id, p.row.full_name)).collect::<Vec<_>>(),
        Err(e) => return store_error(e, locale),
    };
    let lines = table(&placed, &owners, today, locale);
    let name = format!("stakeholders-{forum_id}");
    if extension == ".csv" {
        download(table_csv(&lines), CSV, &format!("{name}.csv"), locale)
    } else {
        download(
            table_xlsx(&lines, &word(locale, &["stakeholders", "nav"]), locale),
            XLSX,
            &format!("{name}.xlsx"),
            locale,
        )
    }
}

pub async fn swot_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<MapQuery>,
    headers: HeaderMap,
) -> Response {
    let (locale, forum_id, _actor) =
        match forum_file_request(&state, &file, ".docx", query.lang.as_deref(), &headers).await {
            Ok(request) => request,
            Err(refused) => return refused,
        };
    let version = match query.version.as_deref().map(str::parse::<i32>).transpose() {
        Ok(version) => version,
        Err(_) => return error(StatusCode::BAD_REQUEST, "VALIDATION", locale),
    };
    let versions = match mapping::swot_versions(&state.db, forum_id).await {
        Ok(versions) => versions,
        Err(e) => return store_error(e, locale),
    };
    let Some(row) = versions.iter().find(|v| version.is_none_or(|n| v.version == n)) else {
        return error(StatusCode::NOT_FOUND, "NOT_FOUND", locale);
    };
    let swot = mapping::swot(row);
    let rtl = locale.is_right_to_left();
    let title = word(locale, &["swot", "documentTitle"])
        .replace("{{version}}", &row.version.to_string())
        .replace("{{date}}", &israel_date(row.created_at).format("%d/%m/%Y").to_string());
    let mut docx = document().add_paragraph(heading(&title, 1, rtl));
    for (key, lines) in [
        ("strengths", &swot.strengths),
        ("weaknesses", &swot.weaknesses),
        ("opportunities", &swot.opportunities),
        ("threats", &swot.threats),
    ] {
        docx = docx.add_paragraph(heading(&word(locale, &["swot", key]), 2, rtl));
        for line in lines {
            docx = docx.add_paragraph(paragraph(&format!("• {line}"), rtl));
        }
    }
    let mut bytes = Cursor::new(Vec::new());
    let written = docx.build().pack(&mut bytes).map(|_| bytes.into_inner());
    download(written, DOCX, &format!("swot-{forum_id}-v{}.docx", row.version), locale)
}
