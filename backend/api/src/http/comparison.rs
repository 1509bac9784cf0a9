//! `GET /export/comparison/towns.{xlsx|csv}[?region=ID&lang=en]`: the comparison table as the
//! page shows it — a row per town the caller may read, then the region's and the country's
//! lines — for Excel (right to left in Hebrew) or as CSV (UTF-8 with a byte-order mark, so Excel
//! opens Hebrew correctly).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use workit_domain::forums::health::SignalKind;
use workit_domain::regions::comparison::{Share, Totals, TownFigures};
use workit_domain::regions::indicators::{COMPARED, Indicator};
use workit_domain::regions::suppression::Hidden;
use workit_persistence::regions::comparison::{self as store, ComparedFigure, Comparison};

use super::files::{CSV, XLSX, download, export_locale, table_csv, table_xlsx};
use super::files::{error, signed_in, store_error};
use crate::AppState;

use crate::i18n::{Locale, word};

#[derive(Deserialize)]
pub struct ComparisonQuery {
    region: Option<String>,
    lang: Option<String>,
}

const COLUMNS: [&str; 15] = [
    "town",
    "stage",
    "milestones",
    "attendance",
    "cadence",
    "sectors",
    "seniority",
    "teams",
    "openTasks",
    "overdueTasks",
    "openDecisions",
    "overdueDecisions",
    "focuses",
    "onTrack",
    "control",
];

fn share(s: Share) -> String {
    match s.value() {
        Some(v) => format!("{}% ({}/{})", (v * 100.0).round(), s.part, s.whole),
        None => String::new(),
    }
}

fn signal_value(figures: &TownFigures, kind: SignalKind) -> Option<f64> {
    figures.health.iter().find(|s| s.kind == kind).and_then(|s| s.value)
}

fn percent(value: Option<f64>) -> String {
    value.map(|v| format!("{}%", (v * 100.0).round())).unwrap_or_default()
}

/// An indicator as the export writes it: a number, "<10" when small, the word for withheld.
fn figure_text(f: &ComparedFigure, threshold: f64, locale: Locale) -> [String; 2] {
    let value = match (f.shown.hidden, f.shown.value) {
        (Some(Hidden::Small), _) => format!("<{threshold}"),
        (Some(Hidden::Complementary), _) => word(locale, &["indicators", "withheld"]),
        (None, Some(v)) if f.indicator == Indicator::UnemploymentRate => format!("{v:.1}"),
        (None, Some(v)) => format!("{}", v.round()),
        (None, None) => String::new(),
    };
    let change = match f.change {
        Some(c) if f.indicator == Indicator::UnemploymentRate => format!("{c:.1}"),
        Some(c) => format!("{}", c.round()),
        None => String::new(),
    };
    [value, change]
}

fn indicator_cells(figures: &[ComparedFigure], threshold: f64, locale: Locale) -> Vec<String> {
    figures.iter().flat_map(|f| figure_text(f, threshold, locale)).collect()
}

/// The table's text, header first.
pub fn table(comparison: &Comparison, region_name: Option<&str>, locale: Locale, threshold: f64) -> Vec<Vec<String>> {
    let mut header: Vec<String> = COLUMNS.iter().map(|c| word(locale, &["compare", "columns", c])).collect();
    for indicator in COMPARED {
        let name = word(locale, &["indicators", "names", indicator.as_str()]);
        header.push(name.clone());
        header.push(word(locale, &["indicators", "yearChange"]).replace("{{name}}", &name));
    }
    let mut lines = vec![header];
    for row in &comparison.rows {
        let f = &row.figures;
        let town = row.town.name_in(locale).to_owned();
        let focuses = f
            .focuses
            .iter()
            .map(|(kind, n)| format!("{} {n}", word(locale, &["focuses", "kinds", kind.as_str()])))
            .collect::<Vec<_>>()
            .join(" · ");
        lines.push(
            [
                town,
                row.stage.map(|s| word(locale, &["stages", s.as_str()])).unwrap_or_default(),
                format!("{}/{}", f.milestones.part, f.milestones.whole),
                percent(signal_value(f, SignalKind::Attendance)),
                signal_value(f, SignalKind::ForumCadence).map(|v| v.to_string()).unwrap_or_default(),
                signal_value(f, SignalKind::SectorCoverage).map(|v| format!("{v}/7")).unwrap_or_default(),
                percent(signal_value(f, SignalKind::SeniorityMix)),
                f.active_teams.to_string(),
                f.open_tasks.to_string(),
                f.overdue_tasks.to_string(),
                f.open_decisions.to_string(),
                f.overdue_decisions.to_string(),
                focuses,
                share(f.on_track),
                word(locale, &["compare", if f.control_approved { "approved" } else { "notApproved" }]),
            ]
            .into_iter()
            .chain(indicator_cells(&row.indicators, threshold, locale))
            .collect(),
        );
    }
    let line = |label: String, t: &Totals, figures: &[ComparedFigure]| {
        let ok =
            |kind: SignalKind| t.health.iter().find(|(k, _)| *k == kind).map(|(_, s)| share(*s)).unwrap_or_default();
        vec![
            label,
            t.towns.to_string(),
            share(t.milestones),
            ok(SignalKind::Attendance),
            ok(SignalKind::ForumCadence),
            ok(SignalKind::SectorCoverage),
            ok(SignalKind::SeniorityMix),
            t.active_teams.to_string(),
            t.open_tasks.to_string(),
            t.overdue_tasks.to_string(),
            t.open_decisions.to_string(),
            t.overdue_decisions.to_string(),
            t.focuses.values().sum::<u32>().to_string(),
            share(t.on_track),
            share(t.controls_approved),
        ]
        .into_iter()
        .chain(indicator_cells(figures, threshold, locale))
        .collect::<Vec<_>>()
    };
    if let (Some(totals), Some(name)) = (&comparison.region, region_name) {
        let label = word(locale, &["compare", "regionLine"]).replace("{{region}}", name);
        lines.push(line(label, totals, comparison.region_indicators.as_deref().unwrap_or_default()));
    }
    lines.push(line(word(locale, &["compare", "countryLine"]), &comparison.country, &comparison.country_indicators));
    lines
}

pub async fn comparison_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<ComparisonQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = export_locale(query.lang.as_deref(), &headers);
    let Some(actor) = signed_in(&state, &headers).await else {
        return error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", locale);
    };
    let region = match query.region.as_deref().map(str::parse::<i64>).transpose() {
        Ok(region) => region,
        Err(_) => return error(StatusCode::BAD_REQUEST, "VALIDATION", locale),
    };
    // The turn among reads over every town is held while the comparison is read.
    let compared = match state.country_read().await {
        Ok(_turn) => {
            let (now, threshold) = (state.clock.now(), state.config.suppression_threshold);
            store::compare(&state.db, &actor, region, now, threshold, store::Wanted::ALL).await
        }
        Err(busy) => Err(busy.into()),
    };
    let comparison = match compared {
        Ok(comparison) => comparison,
        Err(e) => return store_error(e, locale),
    };
    let region_name = match region {
        Some(id) => match workit_persistence::regions::get(&state.db, &actor, id).await {
            Ok(r) => Some(r.name_in(locale).to_owned()),
            Err(e) => return store_error(e, locale),
        },
        None => None,
    };
    let lines = table(&comparison, region_name.as_deref(), locale, state.config.suppression_threshold);
    match file.as_str() {
        "towns.xlsx" => {
            download(table_xlsx(&lines, &word(locale, &["compare", "nav"]), locale), XLSX, "comparison.xlsx", locale)
        }
        "towns.csv" => download(table_csv(&lines), CSV, "comparison.csv", locale),
        _ => error(StatusCode::NOT_FOUND, "NOT_FOUND", locale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_worded_in_both_languages() {
        for locale in Locale::ALL {
            for column in COLUMNS {
                assert!(
                    crate::i18n::wording_at(locale, &["compare", "columns", column]).is_some(),
                    "{column} in {locale:?}"
                );
            }
        }
    }
}
