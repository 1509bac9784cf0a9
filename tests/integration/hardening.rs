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

/// Pieces of GraphQL, valid and not, that generated documents are put together from.
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", "(", ")", "query", "mutation", "fragment F on QueryRoot", "...F", "... on QueryRoot",
    "serverInfo", "demo", "towns", "items", "me", "__typename", "__schema", "types", "name", "a:", "limit:", "1",
    "-1", "5000000000", "1.5e999", "\"s\"", "\"\"\"b\"\"\"", "\"\\u0000\"", "$v", "($v: Int = 1)", "@include(if: true)",
    "@skip(if: $v)", "null", "true", ",", "#c\n", "!", "=", ":", "\u{202e}", "ש",
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

both_engines!(deeply_nested_documents_are_refused_before_parsing, long_fragment_chains_are_refused_without_recursion);
