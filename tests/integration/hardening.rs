//! Hostile and careless input must never take the server down: documents nested far past the
//! limit in every place the grammar allows, long fragment chains, and generated documents.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

use crate::helpers::*;

/// Ten times the nesting the server accepts, and the 3 KB shape that once aborted it.
const DEPTHS: [usize; 2] = [10 * 64, 1_500];

/// Every place a document can nest: a variable's default, an argument's list, an input
/// object, a selection set, a list type.
fn deep_documents(depth: usize) -> Vec<(&'static str, String)> {
    let open = |s: &str| s.repeat(depth);
    vec![
        ("variable default", format!("query($a:Int={}1{}){{serverInfo{{demo}}}}", open("["), open("]"))),
        ("argument list", format!("{{people(search:{}\"x\"{}){{items{{id}}}}}}", open("["), open("]"))),
        ("input object", format!("{{serverInfo(a:{}1{}){{demo}}}}", open("{a:"), open("}"))),
        ("selection set", format!("{{{}{}}}", open("serverInfo{"), open("}"))),
        ("list type", format!("query($a:{}Int{}){{serverInfo{{demo}}}}", open("["), open("]"))),
    ]
}

async fn post_raw(app: &TestApp, body: String) -> (u16, Value) {
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body(body)
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn still_serving(app: &TestApp) {
    let (status, body) = post_raw(app, json!({ "query": "{ serverInfo { demo } }" }).to_string()).await;
    assert_eq!((status, &body["data"]["serverInfo"]["demo"]), (200, &json!(false)), "{body}");
}

async fn deeply_nested_documents_are_refused_before_parsing(engine: Engine) {
    let app = spawn_app(engine).await;
    for depth in DEPTHS {
        for (shape, query) in deep_documents(depth) {
            let (status, body) = post_raw(&app, json!({ "query": query }).to_string()).await;
            assert_eq!(status, 400, "{shape} at {depth}: {body}");
            assert_eq!(error_code(&body), "VALIDATION", "{shape}");
            assert_eq!(body["errors"][0]["message"], "The request is nested too deeply.", "{shape}");
            still_serving(&app).await;
        }
        // Variables are JSON: nested lists and objects are refused as well.
        let variables = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let body = format!(r#"{{"query":"query($a:Int){{serverInfo{{demo}}}}","variables":{{"a":{variables}}}}}"#);
        let (status, answer) = post_raw(&app, body).await;
        assert_eq!(status, 400, "deep variables: {answer}");
        still_serving(&app).await;
    }
    // What real clients send stays well inside the limit.
    let token = app.login("national").await;
    let fine = app.gql(&token, "query($s: String = \"[[[[[[\") { towns(search: $s) { items { forum { bodies { members { person { organisation { name } } } } } } } } ", json!({})).await;
    assert!(fine["errors"].is_null(), "{fine}");
}

async fn long_fragment_chains_are_refused_without_recursion(engine: Engine) {
    let app = spawn_app(engine).await;
    for length in DEPTHS {
        let mut query = String::from("query { ...F0 }");
        for i in 0..length {
            query.push_str(&format!(" fragment F{i} on QueryRoot {{ ...F{} }}", i + 1));
        }
        query.push_str(&format!(" fragment F{length} on QueryRoot {{ serverInfo {{ demo }} }}"));
        let (status, body) = post_raw(&app, json!({ "query": query }).to_string()).await;
        assert!(status == 200 || status == 400, "{status}");
        assert_eq!(error_code(&body), "VALIDATION", "a chain of {length}: {body}");
        assert!(body["data"].is_null() || body["data"]["serverInfo"].is_null());
        still_serving(&app).await;
    }
}

/// Fragments that each spread the next ten times: 10^15 paths, with and without aliases.
async fn fragments_fanning_out_are_answered_at_once(engine: Engine) {
    let app = spawn_app(engine).await;
    for leaf in ["a: serverInfo { demo }", "serverInfo { demo }"] {
        let mut query = String::from("query { ...F0 }");
        for level in 0..15 {
            let spreads = format!("...F{} ", level + 1).repeat(10);
            query.push_str(&format!(" fragment F{level} on QueryRoot {{ {spreads} }}"));
        }
        query.push_str(&format!(" fragment F15 on QueryRoot {{ {leaf} }}"));
        let answer = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            post_raw(&app, json!({ "query": query }).to_string()),
        );
        let (status, body) = answer.await.expect("answered within seconds, not after 10^15 steps");
        assert_eq!(status, 200);
        assert_eq!(body["errors"][0]["extensions"]["reason"], "TOO_LARGE", "{body}");
        assert_eq!(body["errors"][0]["message"], "The answer would be too large. Ask for less at a time.");
        still_serving(&app).await;
    }
}

/// Pieces of GraphQL, valid and not, that generated documents are put together from.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "query",
    "mutation",
    "fragment F on QueryRoot",
    "...F",
    "... on QueryRoot",
    "serverInfo",
    "demo",
    "towns",
    "items",
    "me",
    "__typename",
    "__schema",
    "types",
    "name",
    "a:",
    "limit:",
    "1",
    "-1",
    "5000000000",
    "1.5e999",
    "\"s\"",
    "\"\"\"b\"\"\"",
    "\"\\u0000\"",
    "$v",
    "($v: Int = 1)",
    "@include(if: true)",
    "@skip(if: $v)",
    "null",
    "true",
    ",",
    "#c\n",
    "!",
    "=",
    ":",
    "\u{202e}",
    "ש",
];

fn document() -> impl Strategy<Value = String> {
    let soup = proptest::collection::vec(proptest::sample::select(TOKENS), 0..400).prop_map(|t| t.join(" "));
    let deep = (proptest::sample::select(&["[", "{", "(", "{a:", "serverInfo{", "{...F "][..]), 1..3_000usize)
        .prop_map(|(open, depth)| format!("{{serverInfo(a:{}){{demo}}}}", open.repeat(depth)));
    prop_oneof![3 => soup, 1 => deep]
}

/// Generated documents, at most one answer each: never a 5xx, never a crash.
#[test]
fn generated_documents_never_take_the_server_down() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let app = runtime.block_on(spawn_app(Engine::Sqlite));
    let mut runner = TestRunner::new(Config { cases: 300, failure_persistence: None, ..Config::default() });
    runner
        .run(&(document(), proptest::option::of(any::<i64>())), |(query, variable)| {
            let body = json!({ "query": query, "variables": { "v": variable } }).to_string();
            let (status, answer) = runtime.block_on(post_raw(&app, body));
            prop_assert!(status == 200 || status == 400, "{} for {}", status, query);
            prop_assert!(answer.is_object(), "a JSON answer for {}", query);
            Ok(())
        })
        .unwrap();
    runtime.block_on(still_serving(&app));
}

const DECIDE: &str = "mutation($m: ID!, $t: String!) {
    createDecision(meetingId: $m, input: { text: $t, status: OPEN }) { id }
}";

/// A forum meeting of Kiryat Gat held `days_ago`, with invitations sent and held.
async fn held_forum_meeting(app: &TestApp, token: &str, days_ago: i64) -> Value {
    let body = body_of(app, token, "Kiryat Gat", "FORUM").await;
    let input = json!({ "title": "מפגש עם הרבה החלטות", "startsAt": starts(-days_ago) });
    let created = app.gql(token, CREATE, json!({ "b": body, "c": false, "i": input })).await;
    let id = created["data"]["createMeeting"]["id"].clone();
    for (version, status) in [(1, "INVITATIONS_SENT"), (2, "HELD")] {
        let moved = app.gql(token, STATUS, json!({ "id": id, "v": version, "s": status })).await;
        assert!(moved["data"]["setMeetingStatus"].is_object(), "{moved}");
    }
    id
}

async fn a_meeting_holds_at_most_its_documented_number_of_decisions_and_all_carry_over(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let meeting = held_forum_meeting(&app, &referent, 1).await;
    let max = workit_domain::meetings::MAX_DECISIONS;
    for i in 0..max {
        let made = app.gql(&referent, DECIDE, json!({ "m": meeting, "t": format!("החלטה {i}") })).await;
        assert!(made["errors"].is_null(), "{made}");
    }
    let over = app.gql(&referent, DECIDE, json!({ "m": meeting, "t": "אחת יותר מדי" })).await;
    assert_eq!(field_errors(&over), vec![("decisions".into(), "limit_reached".into())]);
    assert_eq!(over["errors"][0]["extensions"]["fields"][0]["message"], "At most 100 items here.");
    let count = format!("SELECT COUNT(*) FROM decisions WHERE meeting_id = {}", meeting.as_str().unwrap());
    assert_eq!(app.scalar_i64(&count).await, max as i64, "nothing half-saved");

    // The next meeting carries every open decision over, within the agenda's 50 items.
    let body = body_of(&app, &referent, "Kiryat Gat", "FORUM").await;
    let input = json!({ "title": "המפגש הבא", "startsAt": starts(20) });
    let next = app.gql(&referent, CREATE, json!({ "b": body, "t": "forum_4_focuses", "i": input })).await;
    let agenda = next["data"]["createMeeting"]["agenda"].as_array().unwrap_or_else(|| panic!("{next}")).clone();
    assert_eq!(agenda.len(), workit_domain::meetings::MAX_AGENDA_ITEMS);
    let titles: Vec<&str> = agenda.iter().map(|item| item["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"מעקב: החלטה 0"), "{titles:?}");
    let together = titles.iter().find(|t| t.starts_with("מעקב: עוד ")).expect("one item follows up on the rest");
    let singles = titles.iter().filter(|t| t.starts_with("מעקב: החלטה")).count();
    assert_eq!(*together, format!("מעקב: עוד {} החלטות פתוחות מהמפגש הקודם (ראו מרשם ההחלטות)", max - singles));
}

async fn an_answer_that_fans_out_past_the_field_budget_is_refused_whole(engine: Engine) {
    let config = workit_api::ApiConfig { max_response_fields: 400, ..test_config() };
    let app = spawn_app_with(engine, config).await;
    let referent = app.login("referent.kiryat-gat").await;
    let meeting = held_forum_meeting(&app, &referent, 2).await;
    for i in 0..20 {
        app.gql(&referent, DECIDE, json!({ "m": meeting, "t": format!("החלטה {i}") })).await;
    }
    let one = "query($m: ID!) { meeting(id: $m) { decisions { id text status } } }";
    assert!(app.gql(&referent, one, json!({ "m": meeting })).await["errors"].is_null());
    let aliases: String = (0..25).map(|i| format!("a{i}: decisions {{ id text status }} ")).collect();
    let fanned = app
        .gql(&referent, &format!("query($m: ID!) {{ meeting(id: $m) {{ {aliases} }} }}"), json!({ "m": meeting }))
        .await;
    assert_eq!(error_code(&fanned), "VALIDATION", "{fanned}");
    assert_eq!(fanned["errors"][0]["extensions"]["reason"], "TOO_LARGE");
    assert_eq!(fanned["errors"].as_array().unwrap().len(), 1, "one error, not one per field left out");
    assert_eq!(fanned["errors"][0]["message"], "The answer would be too large. Ask for less at a time.");
    assert!(fanned["data"].is_null());
}

async fn dates_outside_the_supported_range_are_refused(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let body = body_of(&app, &referent, "Kiryat Gat", "FORUM").await;
    let before = app.scalar_i64("SELECT COUNT(*) FROM meetings").await;
    for starts in ["0001-01-01T10:00:00Z", "9999-12-31T10:00:00Z", "1999-12-31T10:00:00Z", "2100-01-01T10:00:00Z"] {
        let input = json!({ "title": "מפגש", "startsAt": starts });
        let refused = app.gql(&referent, CREATE, json!({ "b": body, "c": false, "i": input })).await;
        assert_eq!(field_errors(&refused), vec![("startsAt".into(), "out_of_range".into())], "{starts}");
        assert_eq!(
            refused["errors"][0]["extensions"]["fields"][0]["message"],
            "A value from 2000-01-01 to 2099-12-31."
        );
    }
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM meetings").await, before, "nothing saved");
}

async fn control_characters_are_refused_in_every_text(engine: Engine) {
    let app = spawn_app(engine).await;
    let referent = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&referent, "Kiryat Gat").await;
    let body = body_of(&app, &referent, "Kiryat Gat", "FORUM").await;
    let input = json!({ "title": "מפגש\u{0}", "startsAt": starts(3), "place": "אולם\u{1b}[31m" });
    let meeting = app.gql(&referent, CREATE, json!({ "b": body, "c": false, "i": input })).await;
    assert_eq!(
        field_errors(&meeting),
        vec![("title".into(), "control_characters".into()), ("place".into(), "control_characters".into())]
    );
    let org = "mutation($t: ID!, $n: String!) { createOrganisation(townId: $t, input: { name: $n, sector: BUSINESS }) { id } }";
    let refused = app.gql_as(Some(&referent), "he", org, json!({ "t": town, "n": "חברה\u{7}" })).await;
    assert_eq!(field_errors(&refused), vec![("name".into(), "control_characters".into())]);
    assert_eq!(
        refused["errors"][0]["extensions"]["fields"][0]["message"],
        "הטקסט מכיל תווי בקרה שאינם ניתנים להצגה. יש להקליד אותו מחדש."
    );
    // Tabs, line breaks, bidi marks, emoji and other scripts are text like any other.
    let fine = app.gql(&referent, org, json!({ "t": town, "n": "חברה\t\u{202b}شركة 😀" })).await;
    assert!(fine["errors"].is_null(), "{fine}");
}

/// A document run once is kept parsed and skips the checks it passed (`graphql::documents`); the
/// checks that depend on the variables still refuse them when it comes again.
async fn a_document_sent_again_still_has_its_variables_checked(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("lead.kiryat-gat").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let create = "mutation($t: ID!, $i: OrganisationInput!) { createOrganisation(townId: $t, input: $i) { name } }";
    for name in ["Once", "Twice"] {
        let made = app.gql(&token, create, json!({ "t": town, "i": { "name": name, "sector": "BUSINESS" } })).await;
        assert_eq!(made["data"]["createOrganisation"]["name"], name, "{made}");
    }
    let before = app.scalar_i64("SELECT COUNT(*) FROM organisations").await;
    let refused = [
        ("an unknown sector", json!({ "t": town, "i": { "name": "X", "sector": "MEDIA" } })),
        ("a number for a name", json!({ "t": town, "i": { "name": 5, "sector": "BUSINESS" } })),
        ("no input", json!({ "t": town })),
        ("a town that is not an id", json!({ "t": "x", "i": { "name": "X", "sector": "BUSINESS" } })),
    ];
    for (what, variables) in refused {
        let answer = app.gql(&token, create, variables).await;
        assert_eq!(error_code(&answer), "VALIDATION", "{what}: {answer}");
        assert!(answer["data"]["createOrganisation"].is_null(), "{what}: {answer}");
    }
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM organisations").await, before);

    // Variables nested past the limit are refused before the kept document runs.
    let kept = "query($s: String) { towns(search: $s) { items { id } } }";
    let found = app.gql(&token, kept, json!({ "s": "Kiryat" })).await;
    assert!(found["errors"].is_null(), "{found}");
    let nested = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let body = format!(r#"{{"query":"{kept}","variables":{{"s":{nested}}}}}"#);
    let (status, answer) = post_raw(&app, body).await;
    assert_eq!((status, error_code(&answer)), (400, "VALIDATION"), "{answer}");
    assert_eq!(answer["errors"][0]["message"], "The request is nested too deeply.");

    // The complexity counts a page at the size the variables ask for.
    let wide: String = (0..25)
        .map(|i| {
            format!(
                "t{i}: towns(limit: $n) {{ items {{ forum {{ bodies {{ members {{ person {{ fullName }} }} }} }} }} }} "
            )
        })
        .collect();
    let query = format!("query($n: Int) {{ {wide} }}");
    let small = app.gql(&token, &query, json!({ "n": 1 })).await;
    assert!(small["errors"].is_null(), "{small}");
    let large = app.gql(&token, &query, json!({ "n": 200 })).await;
    assert_eq!(error_code(&large), "VALIDATION", "too complex: {large}");
    assert!(large["data"].is_null());
}

both_engines!(
    deeply_nested_documents_are_refused_before_parsing,
    long_fragment_chains_are_refused_without_recursion,
    fragments_fanning_out_are_answered_at_once,
    a_meeting_holds_at_most_its_documented_number_of_decisions_and_all_carry_over,
    an_answer_that_fans_out_past_the_field_budget_is_refused_whole,
    dates_outside_the_supported_range_are_refused,
    control_characters_are_refused_in_every_text,
    a_document_sent_again_still_has_its_variables_checked,
);
