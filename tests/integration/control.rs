//! Quarterly control (issue #10): the quarter's figures, conclusions, approval that freezes the
//! figures, and who sees a draft — through the real server on both engines.

use serde_json::{Value, json};

use crate::helpers::*;
use crate::plans::{CREATE_TASK, RECORD, fixture, last_closed};

const CONTROL: &str = "query($f: ID!, $q: String!) { forum(id: $f) { control(quarter: $q) {
    status summary version approvedBy
    live { total { due done late dropped open doneEarly } focuses { title execution { due } metrics { value expected status changeSincePrevious } tasks { title execution } } openDecisions { text } }
    approved { focuses { metrics { value status } } }
} } }";
const SAVE: &str = "mutation($f: ID!, $q: String!, $i: ConclusionsInput!, $v: Int) {
    saveControl(forumId: $f, quarter: $q, input: $i, version: $v) { status summary version }
}";
const APPROVE: &str = "mutation($f: ID!, $q: String!, $v: Int!) {
    approveControl(forumId: $f, quarter: $q, version: $v) { status version approvedBy }
}";

async fn control(app: &TestApp, token: &str, forum: &Value, quarter: &str) -> Value {
    let body = app.gql(token, CONTROL, json!({ "f": forum, "q": quarter })).await;
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["forum"]["control"].clone()
}

async fn a_chair_reviews_a_quarter_approves_it_and_later_corrections_do_not_change_what_was_approved(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Control Town").await;
    let quarter = last_closed();
    let q = quarter.to_string();
    // Eight quarters into a path from 10 to 6 over twelve: 7.33 expected; 7.4 is on track.
    app.gql(
        &f.referent,
        RECORD,
        json!({ "m": f.metric, "i": { "quarter": quarter.plus(-1).to_string(), "value": 7.9 } }),
    )
    .await;
    let recorded = app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": q, "value": 7.4 } })).await;
    let due = |day: chrono::NaiveDate| day.to_string();
    for (title, status, due_on, extra) in [
        (
            "Done in time",
            "DONE",
            due(quarter.first_day() + chrono::Duration::days(20)),
            json!({ "doneOn": due(quarter.first_day() + chrono::Duration::days(10)) }),
        ),
        ("Still going", "IN_PROGRESS", due(quarter.first_day() + chrono::Duration::days(30)), json!({})),
        (
            "Given up",
            "DROPPED",
            due(quarter.first_day() + chrono::Duration::days(40)),
            json!({ "droppedReason": "Partner left" }),
        ),
        ("Next quarter's", "PLANNED", due(quarter.plus(1).last_day()), json!({})),
    ] {
        let mut input = json!({ "title": title, "focusId": f.focus, "status": status, "dueOn": due_on });
        input.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let made = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": input })).await;
        assert!(made["errors"].is_null(), "{made}");
    }

    let read = control(&app, &f.referent, &f.forum, &q).await;
    assert_eq!(read["status"], "NONE");
    assert_eq!(
        read["live"]["total"],
        json!({ "due": 3, "done": 1, "late": 1, "dropped": 1, "open": 0, "doneEarly": 0 })
    );
    let metric = &read["live"]["focuses"][0]["metrics"][0];
    assert_eq!((metric["value"].clone(), metric["status"].clone()), (json!(7.4), json!("ON_TRACK")), "{read}");
    assert!((metric["changeSincePrevious"].as_f64().unwrap() + 0.5).abs() < 1e-9);
    assert!(read["approved"].is_null());

    // The referent writes the conclusions; a plain member does not see the draft.
    let saved = app
        .gql(
            &f.referent,
            SAVE,
            json!({ "f": f.forum, "q": q, "i": { "summary": "Unemployment fell; one task was dropped.",
            "focusNotes": [{ "focusId": f.focus, "note": "On track" }] } }),
        )
        .await;
    assert_eq!(saved["data"]["saveControl"]["status"], "DRAFT", "{saved}");
    let member = f.town.person_in(&app, &f.town.forum, "MEMBER", "Control Member").await;
    let member = app.account_for(&member).await;
    assert_eq!(control(&app, &member, &f.forum, &q).await["status"], "NONE", "a draft is for those who edit it");
    let refused = app.gql(&f.referent, APPROVE, json!({ "f": f.forum, "q": q, "v": 1 })).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "approving is the chair's: {refused}");

    let chair = f.town.person_in(&app, &f.town.steering, "CHAIR", "Control Chair").await;
    let chair = app.account_for(&chair).await;
    let stale = app.gql(&chair, APPROVE, json!({ "f": f.forum, "q": q, "v": 7 })).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let approved = app.gql(&chair, APPROVE, json!({ "f": f.forum, "q": q, "v": 1 })).await;
    assert_eq!(approved["data"]["approveControl"]["status"], "APPROVED", "{approved}");
    let again = app.gql(&chair, APPROVE, json!({ "f": f.forum, "q": q, "v": 2 })).await;
    assert_eq!(field_errors(&again), [("quarter".to_owned(), "already_approved".to_owned())]);
    let edit = app.gql(&f.referent, SAVE, json!({ "f": f.forum, "q": q, "i": { "summary": "changed" }, "v": 2 })).await;
    assert_eq!(field_errors(&edit), [("quarter".to_owned(), "already_approved".to_owned())]);
    assert_eq!(control(&app, &member, &f.forum, &q).await["status"], "APPROVED", "members read approved controls");

    // A correction of the quarter's value after approval: the approved figure stays.
    let measurement = &recorded["data"]["recordMeasurement"];
    let corrected = app
        .gql(
            &f.referent,
            RECORD,
            json!({ "m": f.metric, "i": { "quarter": q, "value": 9.6 }, "v": measurement["version"] }),
        )
        .await;
    assert!(corrected["errors"].is_null(), "{corrected}");
    let read = control(&app, &member, &f.forum, &q).await;
    assert_eq!(read["live"]["focuses"][0]["metrics"][0]["value"], 9.6);
    assert_eq!(read["live"]["focuses"][0]["metrics"][0]["status"], "OFF_TRACK");
    assert_eq!(read["approved"]["focuses"][0]["metrics"][0], json!({ "value": 7.4, "status": "ON_TRACK" }));
    let audited = app.scalar_i64("SELECT COUNT(*) FROM audit_log WHERE entity = 'control'").await;
    // The demo's controls are seeded, not written through the API, so only these two are audited.
    assert_eq!(audited, 2, "the draft and the approval");
}

async fn control_refuses_a_quarter_not_yet_ended_and_an_approval_without_conclusions(engine: Engine) {
    let app = spawn_app(engine).await;
    let f = fixture(&app, "Early Control Town").await;
    let current = last_closed().plus(1).to_string();
    let early = app.gql(&f.referent, SAVE, json!({ "f": f.forum, "q": current, "i": { "summary": "too soon" } })).await;
    assert_eq!(field_errors(&early), [("quarter".to_owned(), "quarter_not_ended".to_owned())]);
    let bad = app.gql(&f.referent, SAVE, json!({ "f": f.forum, "q": "2026-Q9", "i": { "summary": "x" } })).await;
    assert_eq!(field_errors(&bad), [("quarter".to_owned(), "invalid_quarter".to_owned())]);
    let q = last_closed().to_string();
    let empty = app.gql(&f.referent, SAVE, json!({ "f": f.forum, "q": q, "i": { "summary": "  " } })).await;
    assert_eq!(empty["data"]["saveControl"]["status"], "DRAFT", "{empty}");
    let twice = app.gql(&f.referent, SAVE, json!({ "f": f.forum, "q": q, "i": { "summary": "x" } })).await;
    assert_eq!(error_code(&twice), "CONFLICT", "a second first write is stale: {twice}");
    let chair = f.town.person_in(&app, &f.town.steering, "CHAIR", "Early Chair").await;
    let chair = app.account_for(&chair).await;
    let refused = app.gql(&chair, APPROVE, json!({ "f": f.forum, "q": q, "v": 1 })).await;
    assert_eq!(field_errors(&refused), [("summary".to_owned(), "required".to_owned())], "nothing concluded: {refused}");
    let status = app
        .scalar_i64(&format!(
            "SELECT COUNT(*) FROM quarterly_controls WHERE status = 'APPROVED' AND forum_id = {}",
            f.forum.as_str().unwrap()
        ))
        .await;
    assert_eq!(status, 0);
}

both_engines!(
    a_chair_reviews_a_quarter_approves_it_and_later_corrections_do_not_change_what_was_approved,
    control_refuses_a_quarter_not_yet_ended_and_an_approval_without_conclusions,
);

async fn the_control_of_a_large_forum_reads_in_as_many_statements_as_that_of_a_small_one(engine: Engine) {
    let app = spawn_app_with(engine, counting_config()).await;
    let f = fixture(&app, "Counted Control Town").await;
    let q = last_closed().to_string();
    let count = |app: &TestApp| app.statements.load(std::sync::atomic::Ordering::SeqCst);
    let task = json!({ "title": "One task", "focusId": f.focus, "dueOn": last_closed().last_day().to_string(), "status": "DONE",
        "doneOn": last_closed().first_day().to_string() });
    app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": task })).await;
    app.gql(&f.referent, RECORD, json!({ "m": f.metric, "i": { "quarter": q, "value": 8.0 } })).await;
    let before = count(&app);
    control(&app, &f.referent, &f.forum, &q).await;
    let small = count(&app) - before;

    // Five focuses, 21 metrics with a value each, 200 tasks due in the quarter.
    let mut focuses = vec![f.focus.clone()];
    for n in 0..4 {
        let made = app
            .gql(
                &f.referent,
                crate::plans::CREATE_FOCUS,
                json!({ "f": f.forum, "i": { "kind": "SKILLS", "title": format!("Focus {n}") } }),
            )
            .await;
        focuses.push(made["data"]["createFocus"]["id"].clone());
    }
    let mut csv = String::from("Metric,Quarter,Value\n");
    for (i, focus) in focuses.iter().enumerate() {
        for m in 0..4 {
            let name = format!("Metric {i}.{m}");
            let input = json!({ "name": name, "unit": "COUNT", "direction": "HIGHER_IS_BETTER" });
            let made = app.gql(&f.referent, crate::plans::CREATE_METRIC, json!({ "f": focus, "i": input })).await;
            assert!(made["errors"].is_null(), "{made}");
            csv.push_str(&format!("{name},{q},{}\n", 10 + m));
        }
    }
    let path = format!("/import/forums/{}/measurements?apply=true", f.forum.as_str().unwrap());
    let imported = app.client.post(app.url(&path)).bearer_auth(&f.referent).body(csv).send().await.unwrap();
    assert_eq!(imported.status(), 200);
    for n in 0..199 {
        let focus = &focuses[n % focuses.len()];
        let task = json!({ "title": format!("Task {n}"), "focusId": focus, "dueOn": last_closed().last_day().to_string(),
            "status": if n % 3 == 0 { "DONE" } else { "IN_PROGRESS" }, "doneOn": last_closed().first_day().to_string() });
        let made = app.gql(&f.referent, CREATE_TASK, json!({ "f": f.forum, "i": task })).await;
        assert!(made["errors"].is_null(), "{made}");
    }
    let before = count(&app);
    let read = control(&app, &f.referent, &f.forum, &q).await;
    let large = count(&app) - before;
    assert_eq!(read["live"]["total"]["due"], 200);
    assert_eq!(read["live"]["focuses"].as_array().unwrap().len(), 5);
    assert_eq!(small, large, "the control's statements do not grow with focuses, metrics or tasks");
}

both_engines!(the_control_of_a_large_forum_reads_in_as_many_statements_as_that_of_a_small_one);
