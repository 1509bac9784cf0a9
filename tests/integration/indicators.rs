//! Town employment indicators (issue #11): imported through the one importer by those who may,
//! small counts withheld outside the town (and what would give them back), and metrics fed from
//! them instead of typed.

use serde_json::{Value, json};

use crate::builders::TestTown;
use crate::helpers::*;
use crate::plans::{CREATE_METRIC, RECORD, fixture, last_closed};

const TOWN_INDICATORS: &str = "query($t: ID!) { town(id: $t) { indicators {
    exact editable threshold periods { period isMonth source figures { indicator value withheld } } } } }";

async fn import(app: &TestApp, token: &str, query: &str, body: Vec<u8>) -> (u16, Value) {
    app.post_file(token, &format!("/import/indicators?{query}"), body).await
}

fn town_query(town: &TestTown, source: &str, apply: bool) -> String {
    format!("town={}&source={}&apply={apply}", town.id.as_str().unwrap(), urlencode(source))
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

async fn lead_of(app: &TestApp, town: &TestTown) -> String {
    let person = town.person_in(app, &town.steering, "EMPLOYMENT_LEAD", "Office Manager").await;
    app.account_for(&person).await
}

async fn indicators(app: &TestApp, token: &str, town: &TestTown) -> Value {
    let body = app.gql(token, TOWN_INDICATORS, json!({ "t": town.id })).await;
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["town"]["indicators"].clone()
}

fn figure<'a>(period: &'a Value, indicator: &str) -> &'a Value {
    period["figures"].as_array().unwrap().iter().find(|f| f["indicator"] == indicator).unwrap()
}

async fn an_employment_lead_imports_indicators_previewed_all_or_nothing_and_idempotent(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Indicator Town").await;
    let lead = lead_of(&app, &town).await;
    let (q, earlier) = (last_closed(), last_closed().plus(-4));
    // As Excel saves CSV in Israel: Windows-1255, semicolons, Hebrew headers.
    let csv = format!(
        "תקופה;דורשי עבודה;דורשי עבודה - נשים;דורשי עבודה גברים;מובטלים;כוח עבודה\n{q};1240;700;540;610;9800\n{earlier};1300;720;580;650;9700\n"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1255.encode(&csv);
    let (status, preview) = import(&app, &lead, &town_query(&town, "BI נובמבר", false), bytes.to_vec()).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!((preview["applied"].clone(), preview["changes"].as_array().unwrap().len()), (json!(false), 10));
    assert_eq!(indicators(&app, &lead, &town).await["periods"], json!([]), "a preview writes nothing");

    let (status, applied) = import(&app, &lead, &town_query(&town, "BI נובמבר", true), bytes.to_vec()).await;
    assert_eq!((status, applied["applied"].clone()), (200, json!(true)), "{applied}");
    let read = indicators(&app, &lead, &town).await;
    assert_eq!((read["exact"].clone(), read["editable"].clone()), (json!(true), json!(true)));
    let latest = &read["periods"][0];
    assert_eq!(
        (latest["period"].as_str(), latest["source"].as_str()),
        (Some(q.to_string().as_str()), Some("BI נובמבר"))
    );
    assert_eq!(figure(latest, "JOB_SEEKERS")["value"], 1240.0);
    let rate = figure(latest, "UNEMPLOYMENT_RATE")["value"].as_f64().unwrap();
    assert!((rate - 610.0 * 100.0 / 9800.0).abs() < 1e-9, "the rate is derived from its counts: {rate}");

    let (_, again) = import(&app, &lead, &town_query(&town, "BI נובמבר", true), bytes.to_vec()).await;
    assert_eq!((again["changes"].as_array().unwrap().len(), again["unchanged"].clone()), (0, json!(10)));

    // One bad cell refuses the file whole: the good row of a new period is not written either.
    let bad = format!("period,job seekers,job seekers women\n{},50,20\n{q},40.5,60\n", q.plus(-8));
    let (status, refused) = import(&app, &lead, &town_query(&town, "BI", true), bad.into_bytes()).await;
    assert_eq!(status, 422);
    let found: Vec<(u64, &str, &str)> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [(3, "job seekers", "not_whole_number"), (3, "job seekers women", "parts_exceed_total")]);
    assert!(refused["errors"][0]["message"].as_str().unwrap().contains("whole number"), "{refused}");
    assert_eq!(indicators(&app, &lead, &town).await["periods"].as_array().unwrap().len(), 2);
    let unsourced = format!("period,jobs in town\n{q},100\n");
    let (status, body) =
        import(&app, &lead, &format!("town={}&apply=true", town.id.as_str().unwrap()), unsourced.into_bytes()).await;
    assert_eq!((status, body["errors"][0]["column"].as_str()), (422, Some("source")), "{body}");
    let audited = app.scalar_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'import_indicators'").await;
    assert_eq!(audited, 1, "one import wrote; the idempotent one and the refused ones did not");
}

async fn indicators_are_edited_by_programme_staff_the_region_and_the_town_s_lead_only(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Guarded Town").await;
    let file = || format!("period,employers\n{},120\n", last_closed()).into_bytes();
    let referent = town.referent(&app).await;
    let (status, body) = import(&app, &referent, &town_query(&town, "BI", false), file()).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (403, Some("FORBIDDEN")), "a referent brings no BI data");
    let south = app.login("coordinator.south").await;
    assert_eq!(import(&app, &south, &town_query(&town, "BI", false), file()).await.0, 403);
    for login in ["coordinator.north", "national"] {
        let token = app.login(login).await;
        assert_eq!(import(&app, &token, &town_query(&town, "BI", false), file()).await.0, 200, "{login}");
    }
    // Without a town in the query, rows name their towns: only towns the caller may edit.
    let lead = lead_of(&app, &town).await;
    let rows = format!("town,period,employers\nGuarded Town,{q},120\nKiryat Shmona,{q},900\n", q = last_closed());
    let (status, body) = import(&app, &lead, "source=BI", rows.into_bytes()).await;
    assert_eq!(
        (status, body["errors"][0]["row"].clone(), body["errors"][0]["field"].clone()),
        (422, json!(3), json!("unknown_town"))
    );
    let anonymous = app.client.post(app.url("/import/indicators?source=x")).body(file()).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let (status, _) = import(&app, &lead, "town=abc&source=BI", file()).await;
    assert_eq!(status, 404, "a town that is no number names no town");
}

async fn small_counts_are_withheld_outside_the_town_and_shown_to_it(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Small Count Town").await;
    let lead = lead_of(&app, &town).await;
    let q = last_closed();
    let file = format!("period,job seekers,job seekers women,job seekers men\n{q},120,113,7\n").into_bytes();
    let (status, body) = import(&app, &lead, &town_query(&town, "BI", true), file).await;
    assert_eq!(status, 200, "{body}");

    let own = indicators(&app, &lead, &town).await;
    assert_eq!(figure(&own["periods"][0], "JOB_SEEKERS_MEN")["value"], 7.0, "the town sees its own figures");
    let coordinator = app.login("coordinator.north").await;
    let outside = indicators(&app, &coordinator, &town).await;
    assert_eq!(outside["exact"], false);
    let period = &outside["periods"][0];
    assert_eq!(figure(period, "JOB_SEEKERS_MEN")["withheld"], "SMALL");
    assert_eq!(figure(period, "JOB_SEEKERS_MEN")["value"], Value::Null);
    let complements: Vec<&Value> =
        ["JOB_SEEKERS", "JOB_SEEKERS_WOMEN"].iter().map(|i| &figure(period, i)["withheld"]).collect();
    assert!(complements.contains(&&json!("COMPLEMENTARY")), "120 - 113 would give the 7 back: {period}");

    // The comparison's row hides the same way, and so does its export.
    let compare = "query($r: ID) { comparison(regionId: $r) { indicatorQuarter
        rows { town { id } indicators { indicator value withheld change } }
        regionIndicators { indicator value withheld } } }";
    let region = app.gql(&coordinator, "{ me { region { id } } }", json!({})).await;
    let region = region["data"]["me"]["region"]["id"].clone();
    let compared = app.gql(&coordinator, compare, json!({ "r": region })).await;
    let compared = &compared["data"]["comparison"];
    assert_eq!(compared["indicatorQuarter"], q.to_string());
    let row = compared["rows"].as_array().unwrap().iter().find(|r| r["town"]["id"] == town.id).unwrap();
    let withheld: Vec<&Value> = row["indicators"].as_array().unwrap().iter().map(|f| &f["withheld"]).collect();
    assert!(withheld.contains(&&json!("COMPLEMENTARY")), "men are not a column, but total - women gives them: {row}");
    let seen = app.gql(&lead, compare, json!({ "r": region })).await;
    let rows = seen["data"]["comparison"]["rows"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 1, "a town user sees their own row only");
    assert_eq!(rows[0]["indicators"][1]["value"], 113.0, "…exactly");
    let line = &seen["data"]["comparison"]["regionIndicators"][0];
    assert!(line["value"].as_f64().unwrap() > 1000.0, "the region's line adds the demo towns up: {line}");

    let csv = app
        .client
        .get(app.url(&format!("/export/comparison/towns.csv?region={}&lang=en", region.as_str().unwrap())))
        .bearer_auth(&coordinator)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let line = csv.lines().find(|l| l.starts_with("Small Count Town")).expect("the town's line");
    assert!(line.contains("withheld"), "{line}");
}

async fn a_metric_fed_by_an_indicator_takes_its_measurements_from_the_imports(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Fed Town").await;
    let lead = lead_of(&app, &f.town).await;
    let (q, before) = (last_closed(), last_closed().plus(-1));
    let file = |unemployed: u32| {
        format!("period,unemployed,labour force\n{before},800,10000\n{q},{unemployed},10000\n").into_bytes()
    };
    assert_eq!(import(&app, &lead, &town_query(&f.town, "BI", true), file(700)).await.0, 200);
    let input = json!({
        "name": "Unemployment (BI)", "unit": "COUNT", "direction": "LOWER_IS_BETTER", "indicator": "UNEMPLOYMENT_RATE",
        "baseline": 8.0, "baselineQuarter": before.to_string(), "target": 5.0, "targetQuarter": q.plus(8).to_string(),
    });
    let made = app.gql(&f.referent, CREATE_METRIC, json!({ "f": f.focus, "i": input })).await;
    let metric = made["data"]["createMetric"]["id"].clone();
    assert!(metric.is_string(), "{made}");
    let read = "query($m: ID!) { metric(id: $m) { unit source indicator measurements { quarter value } } }";
    let fed = app.gql(&f.referent, read, json!({ "m": metric })).await;
    let fed = &fed["data"]["metric"];
    assert_eq!((fed["unit"].clone(), fed["source"].clone()), (json!("PERCENT"), json!("EMPLOYMENT_SERVICE_BI")));
    assert_eq!(
        fed["measurements"],
        json!([{ "quarter": before.to_string(), "value": 8.0 }, { "quarter": q.to_string(), "value": 7.0 }])
    );
    let typed =
        app.gql(&f.referent, RECORD, json!({ "m": metric, "i": { "quarter": q.to_string(), "value": 1.0 } })).await;
    assert_eq!(field_errors(&typed), [("value".to_owned(), "fed_by_indicator".to_owned())]);
    assert_eq!(import(&app, &lead, &town_query(&f.town, "BI", true), file(650)).await.0, 200);
    let fed = app.gql(&f.referent, read, json!({ "m": metric })).await;
    assert_eq!(fed["data"]["metric"]["measurements"][1]["value"], 6.5, "a corrected import corrects the metric");
}

both_engines!(
    an_employment_lead_imports_indicators_previewed_all_or_nothing_and_idempotent,
    indicators_are_edited_by_programme_staff_the_region_and_the_town_s_lead_only,
    small_counts_are_withheld_outside_the_town_and_shown_to_it,
    a_metric_fed_by_an_indicator_takes_its_measurements_from_the_imports,
);
