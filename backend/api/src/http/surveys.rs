//! `GET /export/survey/{round id}.xlsx[?lang=]`: a round's answers for the town's own roles — a
//! sheet with a row per employer, and a sheet of open positions by occupation.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use workit_domain::surveys::SurveyAnswers;
use workit_persistence::surveys as store;

use super::files::{XLSX, download, forum_file_request, store_error};
use crate::AppState;

use crate::i18n::{Locale, word};

#[derive(Deserialize)]
pub struct SurveyQuery {
    lang: Option<String>,
}

const COLUMNS: [&str; 16] = [
    "company",
    "industry",
    "employees",
    "openPositions",
    "hiringHorizon",
    "wantsHiringHelp",
    "remoteWork",
    "internalTraining",
    "trainingNeed",
    "inContact",
    "satisfaction",
    "wantsContact",
    "wantsCommunity",
    "contactName",
    "contactEmail",
    "contactPhone",
];

fn row(a: &SurveyAnswers, locale: Locale) -> Vec<String> {
    let yes_no = |b: bool| word(locale, &["surveys", if b { "yes" } else { "no" }]);
    let choice =
        |group: &str, value: Option<&str>| value.map(|v| word(locale, &["surveys", group, v])).unwrap_or_default();
    vec![
        a.company.clone(),
        choice("industries", a.industry.map(|i| i.as_str())),
        a.employees.map(|e| e.to_string()).unwrap_or_default(),
        a.open_position_count().to_string(),
        choice("horizons", a.hiring_horizon.map(|h| h.as_str())),
        yes_no(a.wants_hiring_help),
        choice("remoteWork", a.remote_work.map(|r| r.as_str())),
        choice("internalTraining", a.internal_training.map(|t| t.as_str())),
        choice("trainingNeeds", a.training_need.map(|t| t.as_str())),
        yes_no(a.in_contact_with_service),
        a.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
        yes_no(a.wants_contact),
        yes_no(a.wants_community),
        a.contact_name.clone().unwrap_or_default(),
        a.contact_email.clone().unwrap_or_default(),
        a.contact_phone.clone().unwrap_or_default(),
    ]
}

pub fn workbook(answers: &[SurveyAnswers], locale: Locale) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let rtl = locale.is_right_to_left();
    let sheet = book.add_worksheet();
    sheet.set_name(word(locale, &["surveys", "export", "answers"]).chars().take(31).collect::<String>())?;
    sheet.set_right_to_left(rtl);
    for (c, key) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(
            0,
            u16::try_from(c).unwrap_or(0),
            word(locale, &["surveys", "columns", key]),
            &bold,
        )?;
    }
    for (r, a) in answers.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, text) in row(a, locale).iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(0);
            match text.parse::<f64>() {
                Ok(n) if c > 0 && c < 13 => sheet.write_number(r, c, n)?,
                _ => sheet.write_string(r, c, text)?,
            };
        }
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_freeze_panes(1, 1)?;
    let positions = book.add_worksheet();
    positions.set_name(word(locale, &["surveys", "export", "positions"]).chars().take(31).collect::<String>())?;
    positions.set_right_to_left(rtl);
    for (c, key) in ["company", "occupation", "code", "count"].iter().enumerate() {
        positions.write_string_with_format(
            0,
            u16::try_from(c).unwrap_or(0),
            word(locale, &["surveys", "columns", key]),
            &bold,
        )?;
    }
    let mut r = 1u32;
    for a in answers {
        for p in &a.open_positions {
            positions.write_string(r, 0, &a.company)?;
            positions.write_string(r, 1, &p.occupation)?;
            positions.write_string(r, 2, p.code.as_deref().unwrap_or_default())?;
            positions.write_number(r, 3, f64::from(p.count))?;
            r += 1;
        }
    }
    book.save_to_buffer()
}

pub async fn survey_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<SurveyQuery>,
    headers: HeaderMap,
) -> Response {
    let (locale, round_id, actor) =
        match forum_file_request(&state, &file, ".xlsx", query.lang.as_deref(), &headers).await {
            Ok(request) => request,
            Err(refused) => return refused,
        };
    let rows = match store::responses(&state.db, &actor, round_id).await {
        Ok(rows) => rows,
        Err(e) => return store_error(e, locale),
    };
    let answers: Vec<SurveyAnswers> = rows.iter().map(store::answers).collect();
    download(workbook(&answers, locale), XLSX, &format!("employer-survey-{round_id}.xlsx"), locale)
}
