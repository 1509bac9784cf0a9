//! `GET /export/work-plan/{forum id}.xlsx?year=2026[&lang=en]`: the year's plan, one sheet per
//! team, right-to-left in Hebrew. Takes the bearer token of the GraphQL API and answers errors as
//! `{ "errors": [...] }` with the same codes, worded in the caller's language.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use workit_domain::Actor;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::plans::tasks::task_state;
use workit_persistence::entities::work_plan_tasks;
use workit_persistence::plans::tasks as task_store;
use workit_persistence::{StoreError, directory, forums as forum_store};

use super::files::{XLSX, download, error, forum_file_request, store_error};
use crate::AppState;
use crate::i18n::{self, Locale};

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
        worksheet.set_right_to_left(locale.is_right_to_left());
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
    fn every_export_word_exists_in_every_language() {
        for locale in Locale::ALL {
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
