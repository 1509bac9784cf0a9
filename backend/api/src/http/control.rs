//! `GET /export/control/{forum id}.xlsx?quarter=2026-Q3[&lang=en]`: a quarter's control for the
//! forum's folder — a summary sheet (conclusions, plan against execution per focus and team,
//! decisions still open) and one sheet per focus (its metrics by quarter, its tasks), right to
//! left in Hebrew. The figures are the approved ones once the control is approved.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Deserialize;
use workit_domain::Actor;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::plans::control::ExecutionCounts;
use workit_persistence::entities::{measurements, outcome_metrics};
use workit_persistence::plans::control::{self as store, ControlView};
use workit_persistence::plans::metrics as metric_store;
use workit_persistence::{StoreError, forums as forum_store};

use super::files::{XLSX, download, forum_file_request};
use super::files::{error, store_error};
use super::plans::sheet_name;
use crate::AppState;
use crate::i18n::{self, Locale};

#[derive(Deserialize)]
pub struct ControlQuery {
    quarter: Option<String>,
    lang: Option<String>,
}

/// How many quarters of history a focus sheet shows, up to the control's quarter.
const HISTORY_QUARTERS: i32 = 8;

fn word(locale: Locale, key: &str) -> String {
    i18n::wording_at(locale, &["control", "export", key]).unwrap_or(key).to_owned()
}

/// Everything the workbook shows.
pub struct ControlBook {
    pub quarter: Quarter,
    pub status: String,
    pub approved: Option<String>,
    pub summary: String,
    pub notes: Vec<(i64, String)>,
    pub view: ControlView,
    pub metrics: Vec<outcome_metrics::Model>,
    pub measured: Vec<measurements::Model>,
}

const COUNT_KEYS: [&str; 6] = ["due", "done", "late", "dropped", "open", "doneEarly"];

fn counts(c: &ExecutionCounts) -> [u32; 6] {
    [c.due, c.done, c.late, c.dropped, c.open, c.done_early]
}

struct Writer<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    bold: Format,
    wrap: Format,
}

impl Writer<'_> {
    fn line(&mut self, cells: &[String], header: bool) -> Result<(), XlsxError> {
        for (column, text) in cells.iter().enumerate() {
            let format = if header { &self.bold } else { &self.wrap };
            self.sheet.write_string_with_format(self.row, u16::try_from(column).unwrap_or(0), text, format)?;
        }
        self.row += 1;
        Ok(())
    }

    fn numbers(&mut self, label: &str, values: &[Option<f64>]) -> Result<(), XlsxError> {
        self.sheet.write_string_with_format(self.row, 0, label, &self.wrap)?;
        for (index, value) in values.iter().enumerate() {
            if let Some(value) = value {
                self.sheet.write_number(self.row, u16::try_from(index + 1).unwrap_or(0), *value)?;
            }
        }
        self.row += 1;
        Ok(())
    }

    fn gap(&mut self) {
        self.row += 1;
    }
}

pub fn control_xlsx(book: &ControlBook, locale: Locale) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let mut taken = Vec::new();
    let count_header = |first: &str| {
        std::iter::once(first.to_owned())
            .chain(COUNT_KEYS.iter().map(|k| i18n::word(locale, &["control", "counts", k])))
            .collect::<Vec<_>>()
    };
    let count_row = |first: String, c: &ExecutionCounts| {
        std::iter::once(first).chain(counts(c).iter().map(u32::to_string)).collect::<Vec<_>>()
    };

    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&word(locale, "summarySheet"), &mut taken))?;
        sheet.set_right_to_left(locale.is_right_to_left());
        sheet.set_column_width(0, 36)?;
        for column in 1..8 {
            sheet.set_column_width(column, 14)?;
        }
        let mut w = Writer { sheet, row: 0, bold: bold.clone(), wrap: wrap.clone() };
        w.line(&[word(locale, "quarter"), book.quarter.to_string()], true)?;
        w.line(&[word(locale, "status"), i18n::word(locale, &["control", "statuses", &book.status])], false)?;
        if let Some(approved) = &book.approved {
            w.line(&[word(locale, "approved"), approved.clone()], false)?;
        }
        w.line(&[word(locale, "summary"), book.summary.clone()], false)?;
        w.gap();
        w.line(&count_header(&word(locale, "focus")), true)?;
        for focus in &book.view.focuses {
            w.line(&count_row(focus.title.clone(), &focus.counts), false)?;
        }
        w.line(&count_row(word(locale, "total"), &book.view.total), true)?;
        if !book.view.teams.is_empty() {
            w.gap();
            w.line(&count_header(&word(locale, "team")), true)?;
            for team in &book.view.teams {
                w.line(&count_row(team.name.clone(), &team.counts), false)?;
            }
        }
        if !book.view.open_decisions.is_empty() {
            w.gap();
            w.line(&[word(locale, "openDecisions"), word(locale, "due")], true)?;
            for decision in &book.view.open_decisions {
                let due = decision.due_on.map(|d| d.to_string()).unwrap_or_default();
                w.line(&[decision.text.clone(), due], false)?;
            }
        }
    }

    let quarters: Vec<Quarter> = (0..HISTORY_QUARTERS).rev().map(|back| book.quarter.plus(-back)).collect();
    for focus in &book.view.focuses {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&focus.title, &mut taken))?;
        sheet.set_right_to_left(locale.is_right_to_left());
        sheet.set_column_width(0, 36)?;
        let mut w = Writer { sheet, row: 0, bold: bold.clone(), wrap: wrap.clone() };
        w.line(std::slice::from_ref(&focus.title), true)?;
        if let Some((_, note)) = book.notes.iter().find(|(id, _)| *id == focus.focus_id) {
            w.line(&[word(locale, "note"), note.clone()], false)?;
        }
        w.gap();
        let mut header = vec![word(locale, "metric")];
        header.extend(quarters.iter().map(Quarter::to_string));
        header.extend([
            word(locale, "baseline"),
            word(locale, "target"),
            word(locale, "expected"),
            word(locale, "status"),
        ]);
        w.line(&header, true)?;
        for line in &focus.metrics {
            let values: Vec<Option<f64>> = quarters
                .iter()
                .map(|q| {
                    if *q == book.quarter {
                        return line.at.value;
                    }
                    book.measured
                        .iter()
                        .find(|m| m.metric_id == line.metric_id && metric_store::quarter_of(m) == Some(*q))
                        .map(|m| m.value)
                })
                .collect();
            let baseline = book.metrics.iter().find(|m| m.id == line.metric_id).and_then(|m| m.baseline);
            let mut all = values;
            all.extend([baseline, line.target, line.at.expected]);
            w.numbers(&line.name, &all)?;
            let status = i18n::word(locale, &["metrics", "statuses", &line.at.status]);
            let column = u16::try_from(quarters.len() + 4).unwrap_or(0);
            w.sheet.write_string_with_format(w.row - 1, column, status, &w.wrap)?;
        }
        w.gap();
        w.line(&[word(locale, "task"), word(locale, "execution"), word(locale, "reason")], true)?;
        for task in &focus.tasks {
            let execution = i18n::word(locale, &["control", "execution", &task.execution]);
            w.line(&[task.title.clone(), execution, task.dropped_reason.clone().unwrap_or_default()], false)?;
        }
        w.sheet.set_freeze_panes(0, 1)?;
    }
    workbook.save_to_buffer()
}

async fn control_book(
    state: &AppState,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    locale: Locale,
) -> Result<ControlBook, StoreError> {
    forum_store::get(&state.db, actor, forum_id).await?;
    let row = store::visible(&state.db, actor, forum_id, quarter).await?;
    let snapshot = row.as_ref().and_then(store::snapshot);
    let view = match snapshot {
        Some(view) => view,
        None => store::view(&state.db, forum_id, quarter, israel_date(state.clock.now())).await?,
    };
    let metric_ids: Vec<i64> = view.focuses.iter().flat_map(|f| f.metrics.iter().map(|m| m.metric_id)).collect();
    let metrics = metric_store::by_ids(&state.db, &metric_ids).await?;
    let measured = metric_store::measurements_by_metric_ids(&state.db, &metric_ids).await?;
    let status = row.as_ref().map_or("NONE", |r| r.status.as_str()).to_owned();
    let approved = match row.as_ref().and_then(|r| r.approved_at.zip(r.approved_by)) {
        Some((at, by)) => {
            let name = workit_persistence::accounts::display_names(&state.db, &[by])
                .await?
                .into_iter()
                .find(|(id, _)| *id == by)
                .map(|(_, name)| name);
            let date = israel_date(at).to_string();
            Some(i18n::wording_at(locale, &["control", "export", "approvedBy"]).map_or_else(
                || date.clone(),
                |text| text.replace("{{date}}", &date).replace("{{by}}", name.as_deref().unwrap_or("")),
            ))
        }
        None => None,
    };
    let (summary, notes) = row.as_ref().map(store::conclusions).map(|c| (c.summary, c.focus_notes)).unwrap_or_default();
    Ok(ControlBook { quarter, status, approved, summary, notes, view, metrics, measured })
}

pub async fn control_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<ControlQuery>,
    headers: HeaderMap,
) -> Response {
    let (locale, forum_id, actor) =
        match forum_file_request(&state, &file, ".xlsx", query.lang.as_deref(), &headers).await {
            Ok(request) => request,
            Err(refused) => return refused,
        };
    let last_closed = Quarter::last_closed(state.clock.now());
    let quarter = match query.quarter.as_deref().map(Quarter::parse) {
        None => last_closed,
        Some(Some(quarter)) => quarter,
        Some(None) => return error(StatusCode::BAD_REQUEST, "VALIDATION", locale),
    };
    let book = match control_book(&state, &actor, forum_id, quarter, locale).await {
        Ok(book) => book,
        Err(error) => return store_error(error, locale),
    };
    download(control_xlsx(&book, locale), XLSX, &format!("control-{forum_id}-{quarter}.xlsx"), locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_word_exists_in_both_languages() {
        let keys = [
            "summarySheet",
            "quarter",
            "status",
            "approved",
            "approvedBy",
            "summary",
            "focus",
            "total",
            "team",
            "openDecisions",
            "due",
            "note",
            "metric",
            "baseline",
            "target",
            "expected",
            "task",
            "execution",
            "reason",
        ];
        for locale in Locale::ALL {
            for key in keys {
                assert!(i18n::wording_at(locale, &["control", "export", key]).is_some(), "{key} in {locale:?}");
            }
        }
    }
}
