//! `GET /export/year-summary/{forum id}.docx?year=2026[&lang=en]`: a forum's year summary as a
//! Word document, like minutes — per focus the metric movement, the plan's execution and what
//! people wrote; then the year's four quarterly controls.

use std::io::Cursor;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use workit_domain::Actor;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::plans::control::ExecutionCounts;
use workit_domain::plans::year::check_year;
use workit_persistence::plans::year::{self as store, YearFigures};
use workit_persistence::{StoreError, forums as forum_store, towns as town_store};

use super::files::{DOCX, download, forum_file_request};
use super::files::{error, store_error};
use super::word::{document, heading, paragraph, table};
use crate::AppState;
use crate::i18n::{self, Locale};

#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<String>,
    lang: Option<String>,
}

/// Everything the document shows.
pub struct YearDocument {
    pub town: String,
    pub year: i32,
    pub overall: String,
    pub texts: Vec<workit_domain::plans::year::FocusYearText>,
    pub figures: YearFigures,
}

/// The five things people write about a focus's year, as stored and as the locale files word them.
pub const SECTIONS: [&str; 5] = ["products", "successes", "efforts", "challenges", "lessons"];

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{}", (v * 100.0).round() / 100.0)).unwrap_or_default()
}

pub fn year_docx(doc: &YearDocument, locale: Locale) -> Result<Vec<u8>, docx_rs::DocxError> {
    let rtl = locale.is_right_to_left();
    let word = |path: &[&str]| i18n::word(locale, path);
    let counts = |c: &ExecutionCounts| {
        word(&["year", "export", "counts"])
            .replace("{{due}}", &c.due.to_string())
            .replace("{{done}}", &c.done.to_string())
            .replace("{{late}}", &c.late.to_string())
            .replace("{{dropped}}", &c.dropped.to_string())
            .replace("{{open}}", &c.open.to_string())
    };
    let title = word(&["year", "pageTitle"]).replace("{{town}}", &doc.town).replace("{{year}}", &doc.year.to_string());
    let mut docx = document().add_paragraph(heading(&title, 1, rtl));
    if !doc.overall.is_empty() {
        docx = docx.add_paragraph(heading(&word(&["year", "overall"]), 2, rtl));
        for line in doc.overall.lines() {
            docx = docx.add_paragraph(paragraph(line, rtl));
        }
    }
    docx = docx.add_paragraph(paragraph(&counts(&doc.figures.total), rtl));
    for focus in &doc.figures.focuses {
        docx = docx.add_paragraph(heading(&focus.title, 2, rtl));
        if !focus.metrics.is_empty() {
            let header = ["metric", "from", "to", "change", "target"].map(|k| word(&["year", "export", k]));
            let rows = focus
                .metrics
                .iter()
                .map(|m| {
                    let at = |point: Option<(Quarter, f64)>| {
                        point.map(|(q, v)| format!("{} ({q})", number(Some(v)))).unwrap_or_default()
                    };
                    vec![
                        m.name.clone(),
                        at(m.movement.from),
                        at(m.movement.to),
                        number(m.movement.change()),
                        number(m.target),
                    ]
                })
                .collect();
            docx = docx.add_table(table(&header.iter().map(String::as_str).collect::<Vec<_>>(), rows, rtl));
        }
        docx = docx.add_paragraph(paragraph(&counts(&focus.counts), rtl));
        let text = doc.texts.iter().find(|t| t.focus_id == focus.focus_id);
        for section in SECTIONS {
            let body = match (text, section) {
                (None, _) => "",
                (Some(t), "products") => &t.products,
                (Some(t), "successes") => &t.successes,
                (Some(t), "efforts") => &t.efforts,
                (Some(t), "challenges") => &t.challenges,
                (Some(t), _) => &t.lessons,
            };
            if body.is_empty() {
                continue;
            }
            docx = docx.add_paragraph(heading(&word(&["year", "sections", section]), 3, rtl));
            for line in body.lines() {
                docx = docx.add_paragraph(paragraph(line, rtl));
            }
        }
    }
    docx = docx.add_paragraph(heading(&word(&["year", "quarters"]), 2, rtl));
    for quarter in &doc.figures.quarters {
        let status = word(&["control", "statuses", quarter.status.map_or("NONE", |s| s.as_str())]);
        docx = docx.add_paragraph(paragraph(&format!("{} — {status}", quarter.quarter), rtl).bold());
        for line in quarter.summary.lines() {
            docx = docx.add_paragraph(paragraph(line, rtl));
        }
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes)?;
    Ok(bytes.into_inner())
}

async fn year_document(
    state: &AppState,
    actor: &Actor,
    forum_id: i64,
    year: i32,
    locale: Locale,
) -> Result<YearDocument, StoreError> {
    let forum = forum_store::get(&state.db, actor, forum_id).await?;
    let town = town_store::by_ids(&state.db, &[forum.town_id]).await?.into_iter().next();
    let town = town.map(|t| t.name_in(locale).to_owned()).unwrap_or_default();
    let row = store::get(&state.db, forum_id, year).await?;
    let may_edit = workit_persistence::plans::may_edit(&state.db, actor, forum_id).await?;
    let figures = store::figures(&state.db, forum_id, year, israel_date(state.clock.now()), may_edit).await?;
    Ok(YearDocument {
        town,
        year,
        overall: row.as_ref().map(|r| r.overall.clone()).unwrap_or_default(),
        texts: row.as_ref().map(store::texts).unwrap_or_default(),
        figures,
    })
}

pub async fn year_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<YearQuery>,
    headers: HeaderMap,
) -> Response {
    let (locale, forum_id, actor) =
        match forum_file_request(&state, &file, ".docx", query.lang.as_deref(), &headers).await {
            Ok(request) => request,
            Err(refused) => return refused,
        };
    let current = Quarter::of(israel_date(state.clock.now())).year();
    let year = match query.year.as_deref().map(str::parse::<i32>).transpose() {
        Ok(year) => year.unwrap_or(current),
        Err(_) => return error(StatusCode::BAD_REQUEST, "VALIDATION", locale),
    };
    if let Err(e) = check_year(year, current) {
        return store_error(e.into(), locale);
    }
    let doc = match year_document(&state, &actor, forum_id, year, locale).await {
        Ok(doc) => doc,
        Err(error) => return store_error(error, locale),
    };
    download(year_docx(&doc, locale), DOCX, &format!("year-summary-{forum_id}-{year}.docx"), locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_year_word_exists_in_every_language() {
        for locale in Locale::ALL {
            for path in
                [&["year", "pageTitle"][..], &["year", "overall"], &["year", "quarters"], &["year", "export", "counts"]]
            {
                assert!(i18n::wording_at(locale, path).is_some(), "{path:?} in {locale:?}");
            }
            for key in ["metric", "from", "to", "change", "target"] {
                assert!(i18n::wording_at(locale, &["year", "export", key]).is_some(), "{key} in {locale:?}");
            }
            for section in SECTIONS {
                assert!(i18n::wording_at(locale, &["year", "sections", section]).is_some(), "{section} in {locale:?}");
            }
        }
    }
}
