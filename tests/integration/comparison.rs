//! Regional comparison (issue #11): towns side by side, who reads which rows, the region's and
//! the country's lines, and a constant number of statements whatever the number of towns.

use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use crate::helpers::*;
use crate::plans::{CREATE_TASK, RECORD, fixture, last_closed};

const COMPARISON: &str = "query($r: ID) { comparison(regionId: $r) {
    quarter
    rows { town { id nameEn region { id } } stage milestones { part whole } openTasks overdueTasks openDecisions
           activeTeams focuses { kind count } onTrack { part whole value } controlApproved health { kind status } }
    regionTotals { towns openTasks onTrack { part whole } health { kind ok { part whole } } }
    countryTotals { towns overdueTasks onTrack { part whole value } controlsApproved { part whole } }
} }";

async fn compare(app: &TestApp, token: &str, region: Option<&Value>) -> Value {
    let body = app.gql(token, COMPARISON, json!({ "r": region })).await;
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["comparison"].clone()
}

fn names(comparison: &Value) -> Vec<String> {
    comparison["rows"].as_array().unwrap().iter().map(|r| r["town"]["nameEn"].as_str().unwrap().to_owned()).collect()
}

async fn a_town_s_row_counts_its_plan_its_focuses_and_its_metrics_on_track(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Compared Town").await;
    let q = last_closed();
    app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": q.plus(-1).to_string(), "value": 7.9 } }))
        .await;
    app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": q.to_string(), "value": 7.4 } })).await;
    let overdue = (q.first_day() + chrono::Duration::days(5)).to_string();
    for (title, status) in [("Overdue", "IN_PROGRESS"), ("Done", "DONE"), ("Ahead", "PLANNED")] {
        let due = if title == "Ahead" { q.plus(3).last_day().to_string() } else { overdue.clone() };
        let mut input = json!({ "title": title, "focusId": f.focus, "status": status, "dueOn": due });
        if status == "DONE" {
            input["doneOn"] = json!(overdue);
        }
        let made = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": input })).await;
        assert!(made["errors"].is_null(), "{made}");
    }
    let national = app.login("national").await;
    let all = compare(&app, &national, None).await;
    let row = all["rows"].as_array().unwrap().iter().find(|r| r["town"]["nameEn"] == "Compared Town").unwrap().clone();
    assert_eq!((row["openTasks"].clone(), row["overdueTasks"].clone()), (json!(2), json!(1)), "{row}");
    assert_eq!(row["focuses"], json!([{ "kind": "POPULATION", "count": 1 }]));
    assert_eq!(row["onTrack"], json!({ "part": 1, "whole": 1, "value": 1.0 }));
    assert_eq!(row["controlApproved"], false);
    assert_eq!(all["quarter"], q.to_string());
    // The country's line adds the towns up: its share is parts over wholes.
    let rows = all["rows"].as_array().unwrap();
    let part: u64 = rows.iter().map(|r| r["onTrack"]["part"].as_u64().unwrap()).sum();
    let whole: u64 = rows.iter().map(|r| r["onTrack"]["whole"].as_u64().unwrap()).sum();
    assert_eq!(all["countryTotals"]["onTrack"]["part"], part);
    assert_eq!(all["countryTotals"]["onTrack"]["whole"], whole);
    assert_eq!(all["countryTotals"]["towns"], rows.len());
    let overdue_sum: u64 = rows.iter().map(|r| r["overdueTasks"].as_u64().unwrap()).sum();
    assert_eq!(all["countryTotals"]["overdueTasks"], overdue_sum);
}

async fn coordinators_read_their_region_s_rows_and_town_users_only_their_own(engine: Engine) {
    let app = spawn_app(engine).await;
    let national = app.login("national").await;
    let all = compare(&app, &national, None).await;
    let regions = app.gql(&national, "{ regions { id code } }", json!({})).await;
    let region = |code: &str| {
        regions["data"]["regions"].as_array().unwrap().iter().find(|r| r["code"] == code).unwrap()["id"].clone()
    };
    let (north, south) = (region("north"), region("south"));
    let in_region =
        |r: &Value| all["rows"].as_array().unwrap().iter().filter(|row| row["town"]["region"]["id"] == *r).count();
    assert!(in_region(&north) > 0 && in_region(&south) > 0, "the demo has towns in both regions");

    let coordinator = app.login("coordinator.north").await;
    let own = compare(&app, &coordinator, Some(&north)).await;
    assert_eq!(own["rows"].as_array().unwrap().len(), in_region(&north));
    assert_eq!(own["regionTotals"]["towns"], in_region(&north));
    let other = compare(&app, &coordinator, Some(&south)).await;
    assert_eq!(other["rows"], json!([]), "the north's coordinator reads no southern rows");
    assert_eq!(other["regionTotals"]["towns"], in_region(&south), "only the south's line");
    let country = compare(&app, &coordinator, None).await;
    assert!(country["rows"].as_array().unwrap().iter().all(|r| r["town"]["region"]["id"] == north));
    assert_eq!(country["countryTotals"]["towns"], all["rows"].as_array().unwrap().len());

    let referent = app.login("referent.kiryat-shmona").await;
    let mine = compare(&app, &referent, Some(&north)).await;
    assert_eq!(names(&mine), ["Kiryat Shmona"], "a town user sees their town against the lines");
    assert_eq!(mine["regionTotals"]["towns"], in_region(&north));
    let bad = app.gql(&national, COMPARISON, json!({ "r": "not-an-id" })).await;
    assert_eq!(field_errors(&bad), [("regionId".to_owned(), "invalid_id".to_owned())]);
    let anonymous = app.gql_as(None, "he", COMPARISON, json!({})).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
}

async fn comparing_more_towns_takes_the_same_number_of_statements(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let national = app.login("national").await;
    let count = |app: &TestApp| app.statements.load(Ordering::SeqCst);
    compare(&app, &national, None).await; // warm: sessions and caches
    let before = count(&app);
    let first = compare(&app, &national, None).await;
    let demo = count(&app) - before;
    for n in 0..3 {
        let f = fixture(&app, &format!("Extra Town {n}")).await;
        app.gql(
            &f.referent,
            RECORD,
            json!({ "m": f.metric, "i": { "quarter": last_closed().to_string(), "value": 8.0 } }),
        )
        .await;
    }
    let before = count(&app);
    let more = compare(&app, &national, None).await;
    let grown = count(&app) - before;
    assert_eq!(more["rows"].as_array().unwrap().len(), first["rows"].as_array().unwrap().len() + 3);
    assert_eq!(
        grown,
        demo,
        "statements for {} towns and for {} towns",
        first["rows"].as_array().unwrap().len(),
        more["rows"].as_array().unwrap().len()
    );
}

/// The country's 257 towns take the statements the demo's 14 take: every figure, indicators and
/// their protection included, is computed by grouped SQL over all towns at once.
async fn the_country_s_comparison_takes_the_statements_of_the_demo_s(engine: Engine) {
    let query = "{ comparison { rows { town { nameEn } openTasks onTrack { part } health { kind value }
        indicators { indicator value withheld change } } countryIndicators { value } countryTotals { towns } } }";
    let mut counted = Vec::new();
    for scale in [workit_persistence::demo::Scale::Demo, workit_persistence::demo::Scale::National] {
        let app = spawn_app_at_scale(engine, counting_config(), scale).await;
        let national = app.login("national").await;
        let (body, statements) = app.counted_gql(&national, query, json!({})).await;
        let rows = body["data"]["comparison"]["rows"].as_array().unwrap();
        let with_figures = rows.iter().filter(|r| r["indicators"][0]["value"].is_number()).count();
        counted.push((rows.len(), with_figures, statements));
    }
    let ((demo_towns, demo_figures, demo), (country_towns, country_figures, country)) = (counted[0], counted[1]);
    assert_eq!((demo_towns, country_towns), (14, 257));
    assert_eq!((demo_figures, country_figures), (14, 257), "every town has its indicators");
    assert_eq!(country, demo, "statements for 14 towns and for 257");
}

/// Health, metrics on track and indicators each cost statements of their own: a request that asks
/// only for the counted columns reads the towns and all their counts in one statement, and gets
/// the figures the full request gets.
async fn a_comparison_of_counted_columns_reads_them_in_one_statement(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let national = app.login("national").await;
    let counted = "{ comparison { rows { town { nameEn } stage milestones { part whole } activeTeams openTasks
        overdueTasks openDecisions overdueDecisions focuses { kind count } controlApproved } } }";
    let full = "{ comparison { rows { town { nameEn } stage milestones { part whole } activeTeams openTasks
        overdueTasks openDecisions overdueDecisions focuses { kind count } controlApproved onTrack { part }
        health { kind } indicators { value } } } }";
    app.gql(&national, counted, json!({})).await; // warm: sessions and caches
    let statements_of = |query: &'static str| {
        let app = &app;
        let national = &national;
        async move {
            let before = app.statements.load(Ordering::SeqCst);
            let body = app.gql(national, query, json!({})).await;
            assert!(body["errors"].is_null(), "{body}");
            (body["data"]["comparison"]["rows"].clone(), app.statements.load(Ordering::SeqCst) - before)
        }
    };
    let (few, cheap) = statements_of(counted).await;
    let (all, dear) = statements_of(full).await;
    assert_eq!(cheap, 2, "sign-in, and the towns with every town's counted figures");
    assert!(dear > cheap, "health, metrics and indicators are read when asked for: {dear} statements");
    let columns = [
        "stage",
        "milestones",
        "activeTeams",
        "openTasks",
        "overdueTasks",
        "openDecisions",
        "overdueDecisions",
        "focuses",
        "controlApproved",
    ];
    let few = few.as_array().unwrap();
    assert_eq!(few.len(), all.as_array().unwrap().len());
    assert!(
        few.iter().any(|r| r["openTasks"].as_u64() > Some(0))
            && few.iter().any(|r| r["focuses"].as_array().is_some_and(|f| !f.is_empty()))
    );
    for (row, full_row) in few.iter().zip(all.as_array().unwrap()) {
        for column in columns {
            assert_eq!(row[column], full_row[column], "{column} of {}", row["town"]["nameEn"]);
        }
    }
}

async fn the_comparison_exports_to_excel_and_csv_with_the_rows_the_caller_may_read(engine: Engine) {
    let app = spawn_app(engine).await;
    let coordinator = app.login("coordinator.north").await;
    let regions = app.gql(&coordinator, "{ regions { id code } }", json!({})).await;
    let north =
        regions["data"]["regions"].as_array().unwrap().iter().find(|r| r["code"] == "north").unwrap()["id"].clone();
    let seen = compare(&app, &coordinator, Some(&north)).await;
    let towns = names(&seen);
    let path = format!("/export/comparison/towns.xlsx?region={}&lang=en", north.as_str().unwrap());
    let response = app.client.get(app.url(&path)).bearer_auth(&coordinator).send().await.unwrap();
    assert_eq!(response.status(), 200);
    use calamine::Reader;
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&sheet).unwrap();
    let first: Vec<String> = range.rows().map(|r| r[0].to_string()).collect();
    assert_eq!(first[0], "Town");
    assert_eq!(&first[1..=towns.len()], towns.as_slice(), "every row the page shows, in order");
    assert_eq!(first[towns.len() + 2], "The country", "then the region's line and the country's");
    assert_eq!(range.height(), towns.len() + 3);

    let csv = app
        .client
        .get(app.url(&path.replace("towns.xlsx", "towns.csv")))
        .bearer_auth(&coordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.records().count(), towns.len() + 2);
    let bad = app
        .client
        .get(app.url("/export/comparison/towns.xlsx?region=x"))
        .bearer_auth(&coordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let anonymous = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn readers_of_every_town_take_turns_and_all_are_answered(engine: Engine) {
    // One turn at a time: concurrent comparisons wait for it, and a request that asks for the
    // comparison and its trend takes two turns one after the other without waiting on itself.
    let config = workit_api::config::ApiConfig { max_concurrent_country_reads: 1, ..test_config() };
    let app = spawn_app_with(engine, config).await;
    let national = app.login("national").await;
    let query = "{ comparison { rows { town { id } } trend(indicator: JOB_SEEKERS, quarters: 4) { quarters } } }";
    let answers = futures::future::join_all((0..4).map(|_| app.gql(&national, query, json!({})))).await;
    for answer in &answers {
        assert!(answer["errors"].is_null(), "{answer}");
        assert_eq!(answer["data"]["comparison"]["trend"]["quarters"].as_array().unwrap().len(), 4);
    }
    assert_eq!(answers[0], answers[3], "each turn answers the same");
}

both_engines!(
    the_comparison_exports_to_excel_and_csv_with_the_rows_the_caller_may_read,
    a_town_s_row_counts_its_plan_its_focuses_and_its_metrics_on_track,
    coordinators_read_their_region_s_rows_and_town_users_only_their_own,
    comparing_more_towns_takes_the_same_number_of_statements,
    the_country_s_comparison_takes_the_statements_of_the_demo_s,
    a_comparison_of_counted_columns_reads_them_in_one_statement,
    readers_of_every_town_take_turns_and_all_are_answered,
);
