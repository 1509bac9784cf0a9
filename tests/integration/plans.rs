//! Strategic focuses, outcome metrics with quarterly measurements (typed and imported), and the
//! work plan, through the real server on both engines (issue #9).

use std::sync::atomic::Ordering;

use serde_json::{Value, json};
use workit_domain::plans::Quarter;

use crate::builders::TestTown;
use crate::helpers::*;

pub const CREATE_FOCUS: &str = "mutation($f: ID!, $i: FocusInput!) {
    createFocus(forumId: $f, input: $i) { id priority status version theory { problem } goals { unmetCriteria } }
}";
pub const CREATE_METRIC: &str = "mutation($f: ID!, $i: MetricInput!) {
    createMetric(focusId: $f, input: $i) { id name version status due }
}";
pub const RECORD: &str = "mutation($m: ID!, $i: MeasurementInput!, $v: Int) {
    recordMeasurement(metricId: $m, input: $i, version: $v) { id quarter value version recordedBy }
}";
pub const CREATE_TASK: &str = "mutation($f: ID!, $i: TaskInput!) {
    createTask(forumId: $f, input: $i) { id state plannedQuarter version partners { name } }
}";

pub fn last_closed() -> Quarter {
    Quarter::last_closed(now())
}

/// A town of its own with its forum, the referent signed in, and one focus with one metric
/// (unemployment rate, a percentage going down, from eight quarters ago to four ahead).
pub struct Fixture {
    pub town: TestTown,
    pub referent: String,
    pub forum: Value,
    pub focus: Value,
    pub metric: Value,
}

async fn forum_of(app: &TestApp, token: &str, town: &Value) -> Value {
    let body = app.gql(token, "query($t: ID!) { town(id: $t) { forum { id } } }", json!({ "t": town })).await;
    body["data"]["town"]["forum"]["id"].clone()
}

fn rate_metric() -> Value {
    json!({
        "name": "Unemployment rate", "unit": "PERCENT", "direction": "LOWER_IS_BETTER",
        "source": "EMPLOYMENT_SERVICE_BI", "baseline": 10.0, "baselineQuarter": last_closed().plus(-8).to_string(),
        "target": 6.0, "targetQuarter": last_closed().plus(4).to_string(),
    })
}

pub async fn fixture(app: &TestApp, name: &str) -> Fixture {
    let town = app.new_town(name).await;
    let referent = town.referent(app).await;
    let forum = forum_of(app, &referent, &town.id).await;
    let focus = app
        .gql(
            &referent,
            CREATE_FOCUS,
            json!({ "f": forum, "i": { "kind": "POPULATION", "title": "Young people at work" } }),
        )
        .await;
    let focus = focus["data"]["createFocus"]["id"].clone();
    let metric = app.gql(&referent, CREATE_METRIC, json!({ "f": focus, "i": rate_metric() })).await;
    let metric = metric["data"]["createMetric"]["id"].clone();
    assert!(metric.is_string(), "the fixture's metric");
    Fixture { town, referent, forum, focus, metric }
}

async fn a_referent_writes_a_focus_with_its_theory_of_change_goals_and_priority(engine: Engine) {
    let app = spawn_app(engine).await;
    let town = app.new_town("Focus Town").await;
    let referent = town.referent(&app).await;
    let forum = forum_of(&app, &referent, &town.id).await;
    let input = json!({
        "kind": "POPULATION", "title": "  Haredi women at work ", "targetPopulation": "Haredi women",
        "theory": { "problem": ["Low employment", " "], "activities": ["Guidance centre"], "outputs": [],
                    "outcomes": ["More women employed"], "impact": [] },
        "goals": [{ "text": "200 more women employed", "criteria": ["REALISTIC", "CLEAR_AND_AGREED"] }],
    });
    let first = app.gql(&referent, CREATE_FOCUS, json!({ "f": forum, "i": input })).await;
    let first = &first["data"]["createFocus"];
    assert_eq!(first["priority"], 1);
    assert_eq!(first["status"], "ACTIVE");
    assert_eq!(first["theory"]["problem"], json!(["Low employment"]), "blank lines are dropped");
    assert_eq!(first["goals"][0]["unmetCriteria"].as_array().unwrap().len(), 4, "the unticked criteria show");
    let second = app
        .gql(&referent, CREATE_FOCUS, json!({ "f": forum, "i": { "kind": "EMPLOYERS", "title": "Employers" } }))
        .await;
    let second = &second["data"]["createFocus"];
    assert_eq!(second["priority"], 2);

    let reorder = "mutation($f: ID!, $ids: [ID!]!) { reorderFocuses(forumId: $f, ids: $ids) { id priority } }";
    let reordered = app.gql(&referent, reorder, json!({ "f": forum, "ids": [second["id"], first["id"]] })).await;
    assert_eq!(reordered["data"]["reorderFocuses"][0]["id"], second["id"], "{reordered}");
    let partial = app.gql(&referent, reorder, json!({ "f": forum, "ids": [second["id"]] })).await;
    assert_eq!(error_code(&partial), "CONFLICT", "a list missing a focus is stale: {partial}");

    let update = "mutation($id: ID!, $v: Int!, $i: FocusInput!) { updateFocus(id: $id, version: $v, input: $i) { status closedReason version } }";
    let close = json!({ "kind": "POPULATION", "title": "Haredi women at work", "status": "CLOSED" });
    let refused = app.gql(&referent, update, json!({ "id": first["id"], "v": 2, "i": close })).await;
    assert_eq!(field_errors(&refused), [("closedReason".to_owned(), "required".to_owned())]);
    let close =
        json!({ "kind": "POPULATION", "title": "Haredi women at work", "status": "CLOSED", "closedReason": "Reached" });
    let stale = app.gql(&referent, update, json!({ "id": first["id"], "v": 1, "i": close })).await;
    assert_eq!(error_code(&stale), "CONFLICT", "the reorder moved it to version 2: {stale}");
    let closed = app.gql(&referent, update, json!({ "id": first["id"], "v": 2, "i": close })).await;
    assert_eq!(closed["data"]["updateFocus"]["closedReason"], "Reached", "{closed}");
    let audited = app.scalar_i64("SELECT COUNT(*) FROM audit_log WHERE entity = 'focus'").await;
    assert!(audited >= 3, "creations and updates are audited: {audited}");
}

async fn a_metric_is_measured_per_quarter_and_shows_its_status_against_the_path(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Metric Town").await;
    let created =
        app.gql(&f.referent, "query($m: ID!) { metric(id: $m) { due status } }", json!({ "m": f.metric })).await;
    assert_eq!(created["data"]["metric"], json!({ "due": true, "status": "NO_DATA" }));
    let due = app.gql(&f.referent, "{ myAgenda { dueMetrics { id } } }", json!({})).await;
    assert_eq!(due["data"]["myAgenda"]["dueMetrics"], json!([]), "the metric has no recorder yet");

    // The path: 10 → 6 over 12 quarters; eight quarters in, 7.33 is expected.
    let quarter = last_closed().to_string();
    let recorded =
        app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": quarter, "value": 7.3 } })).await;
    let measurement = recorded["data"]["recordMeasurement"].clone();
    assert_eq!(measurement["quarter"], quarter, "{recorded}");
    assert!(measurement["recordedBy"].is_string());
    let metric = "query($m: ID!) { metric(id: $m) { due status expected measurements { value } } }";
    let read = app.gql(&f.referent, metric, json!({ "m": f.metric })).await;
    assert_eq!(read["data"]["metric"]["status"], "ON_TRACK", "{read}");
    assert_eq!(read["data"]["metric"]["due"], false);

    // A second value for the same quarter without naming the one it corrects is a conflict.
    let again = app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": quarter, "value": 9.5 } })).await;
    assert_eq!(error_code(&again), "CONFLICT", "{again}");
    let corrected =
        app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": quarter, "value": 9.5 }, "v": 1 })).await;
    assert_eq!(corrected["data"]["recordMeasurement"]["version"], 2, "{corrected}");
    let read = app.gql(&f.referent, metric, json!({ "m": f.metric })).await;
    assert_eq!(read["data"]["metric"]["status"], "OFF_TRACK", "9.5 is far above the path: {read}");
}

async fn bad_plan_input_gets_field_errors_and_saves_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Bad Input Town").await;
    let mut backwards = rate_metric();
    backwards["targetQuarter"] = json!(last_closed().plus(-9).to_string());
    backwards["baseline"] = json!(101.0);
    let refused = app.gql(&f.referent, CREATE_METRIC, json!({ "f": f.focus, "i": backwards })).await;
    assert_eq!(
        field_errors(&refused),
        [
            ("baseline".to_owned(), "out_of_range".to_owned()),
            ("targetQuarter".to_owned(), "target_before_baseline".to_owned())
        ]
    );
    let next = last_closed().plus(2).to_string();
    for (input, field, code) in [
        (json!({ "quarter": next, "value": 5.0 }), "quarter", "quarter_not_begun"),
        (json!({ "quarter": "2026-Q7", "value": 5.0 }), "quarter", "invalid_quarter"),
        (json!({ "quarter": last_closed().to_string(), "value": -0.5 }), "value", "out_of_range"),
    ] {
        let body = app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": input })).await;
        assert_eq!(field_errors(&body), [(field.to_owned(), code.to_owned())], "{body}");
    }
    let non_numeric =
        app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": "2026-Q1", "value": "abc" } })).await;
    assert_eq!(error_code(&non_numeric), "VALIDATION", "{non_numeric}");

    let other = app.new_town("Other Town").await;
    let stranger = other.person_in(&app, &other.steering, "MEMBER", "Stranger").await;
    let planned = last_closed().plus(2);
    let task = json!({
        "title": "Job fair", "focusId": f.focus, "ownerPersonId": stranger.id,
        "plannedQuarter": planned.to_string(), "dueOn": planned.first_day().pred_opt().unwrap().to_string(),
    });
    let refused = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": task })).await;
    assert_eq!(field_errors(&refused), [("dueOn".to_owned(), "due_before_quarter".to_owned())], "{refused}");
    let task = json!({ "title": "Job fair", "focusId": f.focus, "ownerPersonId": stranger.id });
    let refused = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": task })).await;
    assert_eq!(field_errors(&refused), [("ownerPersonId".to_owned(), "invalid_choice".to_owned())], "{refused}");
    let dropped = json!({ "title": "Job fair", "status": "DROPPED" });
    let refused = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": dropped })).await;
    assert_eq!(field_errors(&refused), [("droppedReason".to_owned(), "required".to_owned())]);
    let forum_id = f.forum.as_str().unwrap();
    let tasks = app.scalar_i64(&format!("SELECT COUNT(*) FROM work_plan_tasks WHERE forum_id = {forum_id}")).await;
    let measured = app
        .scalar_i64(&format!("SELECT COUNT(*) FROM measurements WHERE metric_id = {}", f.metric.as_str().unwrap()))
        .await;
    assert_eq!((tasks, measured), (0, 0), "nothing refused was saved");
}

async fn towns_edit_their_own_plan_coordinators_their_region_and_others_only_read(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Policy Town").await;
    let member = f.town.person_in(&app, &f.town.forum, "MEMBER", "Plain Member").await;
    let member = app.account_for(&member).await;
    let other = app.new_town("Neighbour Town").await;
    let neighbour = other.referent(&app).await;
    let national = app.login("national").await;
    let input = json!({ "f": f.forum, "i": { "kind": "SKILLS", "title": "Skills" } });
    for (who, token) in [("member", &member), ("another town's referent", &neighbour), ("national", &national)] {
        let body = app.gql(token, CREATE_FOCUS, input.clone()).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{who}: {body}");
        let read = app.gql(token, "query($m: ID!) { metric(id: $m) { name } }", json!({ "m": f.metric })).await;
        assert_eq!(read["data"]["metric"]["name"], "Unemployment rate", "{who} reads");
    }
    // The test towns are in the first region (north).
    let coordinator = app.login("coordinator.north").await;
    let body = app.gql(&coordinator, CREATE_FOCUS, input).await;
    assert!(body["errors"].is_null(), "the region's coordinator edits: {body}");
    let approve = "mutation($f: ID!, $y: Int!) { approveWorkPlan(forumId: $f, year: $y) { year } }";
    let refused = app.gql(&f.referent, approve, json!({ "f": f.forum, "y": 2026 })).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "approving the plan is the chair's: {refused}");
}

async fn a_task_carries_owner_partners_quarter_and_state_and_the_chair_approves_the_plan(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Plan Town").await;
    let owner = f.town.person_in(&app, &f.town.forum, "MEMBER", "Task Owner").await;
    let admin = app.login("admin").await;
    let organisation = app
        .gql(
            &admin,
            "mutation($t: ID!) { createOrganisation(townId: $t, input: { name: \"Local college\", sector: ACADEMIA }) { id } }",
            json!({ "t": f.town.id }),
        )
        .await;
    let organisation = organisation["data"]["createOrganisation"]["id"].clone();
    let this = Quarter::of(now().date_naive());
    let late = json!({
        "title": "Map employers", "focusId": f.focus, "ownerPersonId": owner.id, "partnerIds": [organisation],
        "plannedQuarter": this.plus(-1).to_string(), "dueOn": this.plus(-1).last_day().to_string(), "status": "IN_PROGRESS",
        "metricId": f.metric,
    });
    let late = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": late })).await;
    assert_eq!(late["data"]["createTask"]["state"], "LATE", "an open task past its due date is late: {late}");
    assert_eq!(late["data"]["createTask"]["partners"], json!([{ "name": "Local college" }]));
    let planned = json!({ "title": "Job fair", "focusId": f.focus, "plannedQuarter": this.plus(1).to_string() });
    let planned = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": planned })).await;
    assert_eq!(planned["data"]["createTask"]["state"], "PLANNED");

    let filtered = "query($f: ID!, $s: TaskState) { forum(id: $f) { workPlan(filter: { state: $s }) { title } } }";
    let body = app.gql(&f.referent, filtered, json!({ "f": f.forum, "s": "LATE" })).await;
    assert_eq!(body["data"]["forum"]["workPlan"], json!([{ "title": "Map employers" }]), "{body}");

    // The chair approves the year; a change afterwards shows against the approved version.
    let chair = f.town.person_in(&app, &f.town.steering, "CHAIR", "Forum Chair").await;
    let chair = app.account_for(&chair).await;
    let year = this.plus(-1).year();
    let approve =
        "mutation($f: ID!, $y: Int!) { approveWorkPlan(forumId: $f, year: $y) { year taskCount changes { change } } }";
    let approved = app.gql(&chair, approve, json!({ "f": f.forum, "y": year })).await;
    assert!(approved["data"]["approveWorkPlan"]["taskCount"].as_u64().unwrap() >= 1, "{approved}");
    assert_eq!(approved["data"]["approveWorkPlan"]["changes"], json!([]));
    let milestone = app
        .scalar_i64(&format!(
            "SELECT COUNT(*) FROM milestones WHERE forum_id = {} AND template_key = 'work_plan_approved' AND done_on IS NOT NULL",
            f.forum.as_str().unwrap()
        ))
        .await;
    assert_eq!(milestone, 1, "approving the plan ticks the model's milestone");
    let task_id = late["data"]["createTask"]["id"].clone();
    let update = "mutation($id: ID!, $v: Int!, $i: TaskInput!) { updateTask(id: $id, version: $v, input: $i) { state doneOn decisions { id } } }";
    let done = json!({ "title": "Map employers", "focusId": f.focus, "status": "DONE", "plannedQuarter": this.plus(-1).to_string() });
    let done = app.gql(&f.referent, update, json!({ "id": task_id, "v": 1, "i": done })).await;
    assert_eq!(done["data"]["updateTask"]["state"], "DONE", "{done}");
    assert!(done["data"]["updateTask"]["doneOn"].is_string(), "done today unless told");
    let approval =
        "query($f: ID!, $y: Int!) { forum(id: $f) { planApproval(year: $y) { changes { taskId change } } } }";
    let body = app.gql(&f.referent, approval, json!({ "f": f.forum, "y": year })).await;
    let changes = &body["data"]["forum"]["planApproval"]["changes"];
    assert!(changes.as_array().unwrap().iter().any(|c| c["taskId"] == task_id && c["change"] == "CHANGED"), "{body}");
}

async fn a_metric_is_edited_with_its_version_and_a_measurement_deleted(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Edit Metric Town").await;
    let recorder = f.town.person_in(&app, &f.town.forum, "MEMBER", "Data Keeper").await;
    let update = "mutation($id: ID!, $v: Int!, $i: MetricInput!) { updateMetric(id: $id, version: $v, input: $i) { name unit unitLabel kind recorder { fullName } version } }";
    let mut input = rate_metric();
    input["name"] = json!("Average travel time");
    input["unit"] = json!("OTHER");
    input["unitLabel"] = json!("minutes");
    input["kind"] = json!("OUTPUT");
    input["recorderPersonId"] = recorder.id.clone();
    let updated = app.gql(&f.referent, update, json!({ "id": f.metric, "v": 1, "i": input })).await;
    assert_eq!(
        updated["data"]["updateMetric"],
        json!({ "name": "Average travel time", "unit": "OTHER", "unitLabel": "minutes", "kind": "OUTPUT",
                "recorder": { "fullName": "Data Keeper" }, "version": 2 }),
        "{updated}"
    );
    let stale = app.gql(&f.referent, update, json!({ "id": f.metric, "v": 1, "i": input })).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let other = app.new_town("Far Town").await;
    let stranger = other.person_in(&app, &other.steering, "MEMBER", "Far Person").await;
    input["recorderPersonId"] = stranger.id.clone();
    let refused = app.gql(&f.referent, update, json!({ "id": f.metric, "v": 2, "i": input })).await;
    assert_eq!(field_errors(&refused), [("recorderPersonId".to_owned(), "invalid_choice".to_owned())]);

    // The recorder sees the metric as due on their week until the quarter is recorded; a value
    // of the quarter before does not count.
    let keeper = app.account_for(&recorder).await;
    let earlier = json!({ "m": f.metric, "i": { "quarter": last_closed().plus(-1).to_string(), "value": 44.0 } });
    assert!(app.gql(&f.referent, RECORD, earlier).await["errors"].is_null());
    let due = app.gql(&keeper, "{ myAgenda { dueMetrics { name } } }", json!({})).await;
    assert_eq!(due["data"]["myAgenda"]["dueMetrics"], json!([{ "name": "Average travel time" }]), "{due}");
    let recorded = app
        .gql(&keeper, RECORD, json!({ "m": f.metric, "i": { "quarter": last_closed().to_string(), "value": 41.0 } }))
        .await;
    assert_eq!(error_code(&recorded), "FORBIDDEN", "a plain member records nothing: {recorded}");
    let recorded = app
        .gql(
            &f.referent,
            RECORD,
            json!({ "m": f.metric, "i": { "quarter": last_closed().to_string(), "value": 41.0 } }),
        )
        .await;
    let due = app.gql(&keeper, "{ myAgenda { dueMetrics { name } } }", json!({})).await;
    assert_eq!(due["data"]["myAgenda"]["dueMetrics"], json!([]));

    let measurement = &recorded["data"]["recordMeasurement"];
    let delete = "mutation($id: ID!, $v: Int!) { deleteMeasurement(id: $id, version: $v) }";
    let stale = app.gql(&f.referent, delete, json!({ "id": measurement["id"], "v": 2 })).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let deleted = app.gql(&f.referent, delete, json!({ "id": measurement["id"], "v": 1 })).await;
    assert_eq!(deleted["data"]["deleteMeasurement"], true, "{deleted}");
    let left = app
        .scalar_i64(&format!("SELECT COUNT(*) FROM measurements WHERE metric_id = {}", f.metric.as_str().unwrap()))
        .await;
    assert_eq!(left, 1, "the quarter before's value stays");
}

async fn deleting_a_metric_removes_its_measurements_and_unlinks_its_tasks(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Delete Town").await;
    app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": last_closed().to_string(), "value": 8.0 } }))
        .await;
    let task = json!({ "title": "Measure it", "metricId": f.metric });
    let task = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": task })).await;
    assert!(task["errors"].is_null(), "{task}");
    let delete = "mutation($m: ID!, $v: Int!) { deleteMetric(id: $m, version: $v) }";
    let stale = app.gql(&f.referent, delete, json!({ "m": f.metric, "v": 7 })).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let deleted = app.gql(&f.referent, delete, json!({ "m": f.metric, "v": 1 })).await;
    assert_eq!(deleted["data"]["deleteMetric"], true, "{deleted}");
    let id = f.metric.as_str().unwrap();
    let left = app.scalar_i64(&format!("SELECT COUNT(*) FROM measurements WHERE metric_id = {id}")).await;
    let linked = app.scalar_i64(&format!("SELECT COUNT(*) FROM work_plan_tasks WHERE metric_id = {id}")).await;
    assert_eq!((left, linked), (0, 0));
}

async fn import(app: &TestApp, token: &str, forum: &Value, body: Vec<u8>, apply: bool) -> (u16, Value) {
    app.post_file(token, &format!("/import/forums/{}/measurements?apply={apply}", forum.as_str().unwrap()), body).await
}

fn quarters_back(count: i32) -> Vec<String> {
    (0..count).map(|back| last_closed().plus(-back).to_string()).collect()
}

async fn measurements_import_from_csv_as_excel_writes_it_previewed_all_or_nothing_and_idempotent(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Import Town").await;
    let q = quarters_back(3);
    let utf8 = format!(
        "\u{feff}Metric,Quarter,Value,Note\nUnemployment rate,{},8.1,BI\nUnemployment rate,{},\"8,2\",\n",
        q[0], q[1]
    )
    .into_bytes();
    let (status, preview) = import(&app, &f.referent, &f.forum, utf8.clone(), false).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["changes"].as_array().unwrap().len(), 2, "{preview}");
    assert_eq!(preview["applied"], false);
    let metric_id = f.metric.as_str().unwrap();
    let count = format!("SELECT COUNT(*) FROM measurements WHERE metric_id = {metric_id}");
    assert_eq!(app.scalar_i64(&count).await, 0, "a preview writes nothing");
    let (status, applied) = import(&app, &f.referent, &f.forum, utf8.clone(), true).await;
    assert_eq!((status, applied["applied"].clone()), (200, json!(true)), "{applied}");
    assert_eq!(app.scalar_i64(&count).await, 2);
    let (_, again) = import(&app, &f.referent, &f.forum, utf8, true).await;
    assert_eq!(
        (again["changes"].as_array().unwrap().len(), again["unchanged"].clone()),
        (0, json!(2)),
        "importing twice changes nothing"
    );

    // Windows-1255 with Hebrew headers, semicolons and a decimal comma: a correction of q[0].
    let hebrew = format!("מדד;רבעון;ערך;הערה\nUnemployment rate;{};7,9;תיקון\n", q[0]);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1255.encode(&hebrew);
    assert!(!unmappable);
    let (status, body) = import(&app, &f.referent, &f.forum, bytes.into_owned(), true).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["changes"][0]["before"], 8.1);
    assert_eq!(body["changes"][0]["after"], 7.9);

    // XLSX: the same rows as a workbook.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, header) in ["Metric", "Quarter", "Value"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "Unemployment rate").unwrap();
    sheet.write_string(1, 1, &q[2]).unwrap();
    sheet.write_number(1, 2, 8.4).unwrap();
    let (status, body) = import(&app, &f.referent, &f.forum, book.save_to_buffer().unwrap(), true).await;
    assert_eq!((status, body["changes"][0]["after"].clone()), (200, json!(8.4)), "{body}");
    assert_eq!(app.scalar_i64(&count).await, 3);
}

async fn a_bad_import_names_each_row_and_column_and_imports_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Bad Import Town").await;
    let q = quarters_back(2);
    let future = last_closed().plus(2).to_string();
    let csv = format!(
        "Metric,Quarter,Value\nUnemployment rate,{},8\nNo such metric,{},8\nUnemployment rate,{future},8\nUnemployment rate,{},abc\nUnemployment rate,{},140\nUnemployment rate,{},7\n",
        q[0], q[0], q[1], q[1], q[0]
    );
    let (status, body) = import(&app, &f.referent, &f.forum, csv.into_bytes(), true).await;
    assert_eq!(status, 422, "{body}");
    let errors: Vec<(u64, String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_owned(),
                e["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (3, "Metric", "unknown_metric"),
        (4, "Quarter", "quarter_not_begun"),
        (5, "Value", "not_a_number"),
        (6, "Value", "out_of_range"),
        (7, "Quarter", "duplicate_row"),
    ];
    let expected: Vec<(u64, String, String)> =
        expected.iter().map(|(r, c, k)| (*r, (*c).to_owned(), (*k).to_owned())).collect();
    assert_eq!(errors, expected);
    assert!(body["errors"][0]["message"].as_str().unwrap().len() > 5, "worded for people: {body}");
    let count = format!("SELECT COUNT(*) FROM measurements WHERE metric_id = {}", f.metric.as_str().unwrap());
    assert_eq!(app.scalar_i64(&count).await, 0, "the good first row was not imported either");

    let (status, body) = import(&app, &f.referent, &f.forum, b"%PDF-1.7\n\x00\x01binary".to_vec(), true).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (422, json!("not_a_table_file")), "{body}");
    let (status, body) = import(&app, &f.referent, &f.forum, b"Metric,Year\nx,2026\n".to_vec(), true).await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "missing_column", "{body}");

    let mut many = String::from("Metric,Quarter,Value\n");
    for _ in 0..100_000 {
        many.push_str("Unemployment rate,2020-Q1,5\n");
    }
    let (status, body) = import(&app, &f.referent, &f.forum, many.into_bytes(), true).await;
    assert_eq!(status, 422, "100,000 rows are refused");
    assert_eq!(
        (body["errors"][0]["field"].clone(), body["errors"][0]["params"]["max"].clone()),
        (json!("too_many_rows"), json!("10000"))
    );

    let path = format!("/import/forums/{}/measurements?apply=true", f.forum.as_str().unwrap());
    let (status, body) = app.post_declaring(&f.referent, &path, 50 * 1024 * 1024).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (413, json!("file_too_large")), "{body}");

    let member = f.town.person_in(&app, &f.town.forum, "MEMBER", "Import Member").await;
    let member = app.account_for(&member).await;
    let (status, body) = import(&app, &member, &f.forum, b"Metric,Quarter,Value\n".to_vec(), true).await;
    assert_eq!((status, body["errors"][0]["code"].clone()), (403, json!("FORBIDDEN")));
}

async fn the_work_plan_exports_to_a_workbook_with_a_sheet_per_team(engine: Engine) {
    let app = spawn_app(engine).await;
    let chair = app.login("chair.kiryat-gat").await;
    let town = app.town_id(&chair, "Kiryat Gat").await;
    let forum = forum_of(&app, &chair, &json!(town)).await;
    let plan = "query($f: ID!) { forum(id: $f) { workPlan { title team { name } } } }";
    let tasks = app.gql(&chair, plan, json!({ "f": forum })).await;
    let tasks = tasks["data"]["forum"]["workPlan"].as_array().unwrap().clone();
    assert!(!tasks.is_empty(), "the demo town has a plan");
    let year = Quarter::of(now().date_naive()).year();
    let path = format!("/export/work-plan/{}.xlsx?year={year}&lang=he", forum.as_str().unwrap());
    let response = app.client.get(app.url(&path)).bearer_auth(&chair).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheets = workbook.sheet_names();
    let teams: std::collections::BTreeSet<String> = tasks
        .iter()
        .filter_map(|t| t["team"]["name"].as_str())
        .map(|n| n.replace(':', "").chars().take(28).collect())
        .collect();
    assert_eq!(sheets.len(), teams.len(), "one sheet per team: {sheets:?}");
    let mut titles = Vec::new();
    for name in &sheets {
        let range = workbook.worksheet_range(name).unwrap();
        let mut rows = range.rows();
        assert_eq!(rows.next().unwrap()[0].to_string(), "משימה", "Hebrew headers");
        titles.extend(rows.map(|row| row[0].to_string()));
    }
    titles.sort();
    let mut expected: Vec<String> = tasks.iter().map(|t| t["title"].as_str().unwrap().to_owned()).collect();
    expected.sort();
    assert_eq!(titles, expected, "every task of the year, read back by an independent reader");
    let anonymous = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn a_forum_with_20_metrics_and_10_years_of_quarters_loads_in_a_constant_number_of_statements(engine: Engine) {
    let app = spawn_counting_app(engine).await;
    let f = fixture(&app, "Statements Town").await;
    let quarters = quarters_back(40);
    let query = "query($f: ID!) { forum(id: $f) { focuses { title team { name } metrics { name status due expected
        recorder { fullName } measurements { quarter value } } tasks { title owner { fullName } } } } }";
    let count = |app: &TestApp| app.statements.load(Ordering::SeqCst);
    // The small forum has one of each thing the query reads: a measurement, a recorder.
    app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": quarters[0], "value": 7.0 } })).await;
    let before = count(&app);
    let small = app.gql(&f.referent, query, json!({ "f": f.forum })).await;
    assert!(small["errors"].is_null(), "{small}");
    let few = count(&app) - before;

    // Four focuses of five metrics, each with 40 quarters, imported in one file.
    let mut csv = String::from("Metric,Quarter,Value\n");
    for focus in 0..4 {
        let created = app
            .gql(
                &f.referent,
                CREATE_FOCUS,
                json!({ "f": f.forum, "i": { "kind": "SKILLS", "title": format!("Focus {focus}") } }),
            )
            .await;
        let focus_id = created["data"]["createFocus"]["id"].clone();
        for n in 0..5 {
            let mut metric = rate_metric();
            metric["name"] = json!(format!("Metric {focus}.{n}"));
            let made = app.gql(&f.referent, CREATE_METRIC, json!({ "f": focus_id, "i": metric })).await;
            assert!(made["errors"].is_null(), "{made}");
            for quarter in &quarters {
                csv.push_str(&format!("Metric {focus}.{n},{quarter},{}\n", 5 + n));
            }
        }
    }
    let (status, body) = import(&app, &f.referent, &f.forum, csv.into_bytes(), true).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["changes"].as_array().unwrap().len(), 800);
    let before = count(&app);
    let large = app.gql(&f.referent, query, json!({ "f": f.forum })).await;
    assert!(large["errors"].is_null(), "{large}");
    let many = count(&app) - before;
    let focuses = large["data"]["forum"]["focuses"].as_array().unwrap();
    let metrics: usize = focuses.iter().map(|f| f["metrics"].as_array().unwrap().len()).sum();
    assert_eq!(metrics, 21);
    assert_eq!(few, many, "the statements do not grow with focuses, metrics or quarters");
}

both_engines!(
    a_referent_writes_a_focus_with_its_theory_of_change_goals_and_priority,
    a_metric_is_measured_per_quarter_and_shows_its_status_against_the_path,
    bad_plan_input_gets_field_errors_and_saves_nothing,
    towns_edit_their_own_plan_coordinators_their_region_and_others_only_read,
    a_task_carries_owner_partners_quarter_and_state_and_the_chair_approves_the_plan,
    deleting_a_metric_removes_its_measurements_and_unlinks_its_tasks,
    measurements_import_from_csv_as_excel_writes_it_previewed_all_or_nothing_and_idempotent,
    a_bad_import_names_each_row_and_column_and_imports_nothing,
    the_work_plan_exports_to_a_workbook_with_a_sheet_per_team,
    a_forum_with_20_metrics_and_10_years_of_quarters_loads_in_a_constant_number_of_statements,
    a_metric_is_edited_with_its_version_and_a_measurement_deleted,
);
