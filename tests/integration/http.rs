//! The HTTP and GraphQL security baseline.

use serde_json::json;

use crate::helpers::*;

async fn graphql_accepts_only_json_posts(engine: Engine) {
    let app = spawn_app(engine).await;
    let form = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("query=mutation{logout}")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415);
    let text = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "text/plain")
        .body(r#"{"query":"{ serverInfo { demo } }"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), 415);
    let get = app.client.get(app.url("/graphql?query=mutation%7Blogout%7D")).send().await.unwrap();
    assert_eq!(get.status(), 405);
    assert_eq!(get.headers()["allow"], "POST");
    let graphiql = app.client.get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(graphiql.status(), 200);
    assert!(graphiql.text().await.unwrap().contains("graphiql"));
    let batch = app
        .client
        .post(app.url("/graphql"))
        .json(&json!([{ "query": "{ serverInfo { demo } }" }, { "query": "{ serverInfo { demo } }" }]))
        .send()
        .await
        .unwrap();
    assert_eq!(batch.status(), 400);
    let junk = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(junk.status(), 400);
    assert_eq!(junk.json::<serde_json::Value>().await.unwrap()["errors"][0]["extensions"]["code"], "VALIDATION");
}

async fn oversized_requests_are_refused_with_413(engine: Engine) {
    let app = spawn_app(engine).await;
    let huge = format!(r#"{{"query":"{{ serverInfo {{ demo }} }}","variables":{{"x":"{}"}}}}"#, "a".repeat(1_100_000));
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

async fn deep_complex_and_alias_heavy_queries_are_refused(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("national").await;
    let deep = "{ towns { items { forum { town { forum { town { forum { town { forum { town { forum { town { nameEn } } } } } } } } } } } } }";
    let body = app.gql(&token, deep, json!({})).await;
    assert_eq!(error_code(&body), "VALIDATION");
    assert!(body["data"].is_null());

    let aliases: String = (0..40).map(|i| format!("a{i}: __typename ")).collect();
    let body = app.gql(&token, &format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(error_code(&body), "VALIDATION", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "TOO_MANY_ALIASES");
    let within: String = (0..10).map(|i| format!("a{i}: __typename ")).collect();
    assert!(app.gql(&token, &format!("{{ {within} }}"), json!({})).await["errors"].is_null());

    let wide: String = (0..25).map(|i| format!("t{i}: towns(limit: 200) {{ items {{ forum {{ bodies {{ members {{ person {{ fullName organisation {{ name }} }} }} }} }} }} }} ")).collect();
    let body = app.gql(&token, &format!("{{ {wide} }}"), json!({})).await;
    assert_eq!(error_code(&body), "VALIDATION", "too complex: {}", body["errors"][0]["message"]);
}

async fn internal_errors_are_masked_and_roll_back(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let before = app.scalar_i64("SELECT COUNT(*) FROM organisations").await;
    use sea_orm::ConnectionTrait as _;
    app.db
        .execute_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), "DROP TABLE audit_log"))
        .await
        .unwrap();
    let body = app
        .gql(
            &token,
            "mutation($t: ID!) { createOrganisation(townId: $t, input: { name: \"Lost?\", sector: BUSINESS }) { id } }",
            json!({ "t": town }),
        )
        .await;
    assert_eq!(error_code(&body), "INTERNAL");
    let text = body.to_string().to_lowercase();
    for leak in ["audit_log", "sql", "table", "database", "relation"] {
        assert!(!text.contains(leak), "the answer leaks {leak:?}: {body}");
    }
    assert_eq!(body["errors"][0]["message"], "Something went wrong on the server. Please try again later.");
    assert_eq!(
        app.scalar_i64("SELECT COUNT(*) FROM organisations").await,
        before,
        "the half-done change was rolled back"
    );
}

async fn health_and_readiness_probes_answer(engine: Engine) {
    let app = spawn_app(engine).await;
    assert_eq!(app.client.get(app.url("/healthz")).send().await.unwrap().status(), 200);
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    assert!(ready.headers().contains_key("x-request-id"), "every answer carries its request id");
    app.db.clone().close().await.unwrap();
    assert_eq!(app.client.get(app.url("/readyz")).send().await.unwrap().status(), 503);
}

async fn production_mode_hides_introspection_suggestions_and_graphiql(engine: Engine) {
    let mut config = test_config();
    config.introspection = false;
    config.graphiql = false;
    let app = spawn_app_with(engine, config).await;
    let token = app.login("admin").await;
    let body = app.gql(&token, "{ __schema { types { name } } }", json!({})).await;
    assert!(body["data"]["__schema"].is_null() && !body.to_string().contains("Town"), "no schema leaks: {body}");
    let typo = app.gql(&token, "{ townz { totalCount } }", json!({})).await;
    assert!(!typo.to_string().contains("Did you mean"), "{typo}");
    assert_eq!(app.client.get(app.url("/graphql")).send().await.unwrap().status(), 405);
}

/// A built web app of one page and one hashed script, and the server serving it (keep the
/// directory alive while the server runs).
async fn serving_the_web_app(engine: Engine, script: &str) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>WORKIT Hub</title>").unwrap();
    std::fs::write(dir.path().join("assets/app-abc123.js"), script).unwrap();
    let mut config = test_config();
    config.static_dir = Some(dir.path().to_path_buf());
    (spawn_app_with(engine, config).await, dir)
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut text).unwrap();
    text
}

async fn the_web_app_is_served_with_cache_headers_and_route_fallback(engine: Engine) {
    let (app, _files) = serving_the_web_app(engine, "console.log(1)").await;
    let asset = app.client.get(app.url("/assets/app-abc123.js")).send().await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");
    let route = app.client.get(app.url("/towns/3/organisations")).send().await.unwrap();
    assert_eq!(route.status(), 200);
    assert_eq!(route.headers()["cache-control"], "no-cache");
    assert!(route.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
    assert!(route.text().await.unwrap().contains("WORKIT Hub"));
    let missing = app.client.get(app.url("/assets/missing.js")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-store", "a proxy must not keep a missing asset for a year");
}

/// A large answer as the client asked for it: `encoding` in `Accept-Encoding` (none when `None`);
/// the `Content-Encoding` it came with, its size on the wire and its text.
async fn deep_read_encoded(app: &TestApp, token: &str, encoding: Option<&str>) -> (Option<String>, usize, String) {
    let query = "{ towns(limit: 14) { items { nameEn forum { bodies { name members { role person { fullName organisation { name sector } } } } } } } }";
    let mut request = app.client.post(app.url("/graphql")).bearer_auth(token).json(&json!({ "query": query }));
    if let Some(encoding) = encoding {
        request = request.header("accept-encoding", encoding);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    let content_encoding = response.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.bytes().await.unwrap();
    let text = match content_encoding.as_deref() {
        Some("gzip") => gunzip(&bytes),
        _ => String::from_utf8(bytes.to_vec()).unwrap(),
    };
    (content_encoding, bytes.len(), text)
}

async fn large_answers_are_compressed_when_the_client_accepts_gzip(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("national").await;
    let (plain_encoding, plain_size, plain) = deep_read_encoded(&app, &token, None).await;
    assert_eq!(plain_encoding, None, "a client that accepts no encoding gets the text as it is");
    assert!(plain.contains("\"members\"") && plain_size > 20_000, "a large answer: {plain_size} bytes");

    let (encoding, size, text) = deep_read_encoded(&app, &token, Some("gzip, deflate, br")).await;
    assert_eq!(encoding.as_deref(), Some("gzip"), "what a browser sends gets gzip");
    assert!(size * 4 < plain_size, "gzip takes {plain_size} bytes to {size}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        serde_json::from_str::<serde_json::Value>(&plain).unwrap()
    );

    let (encoding, _, text) = deep_read_encoded(&app, &token, Some("gzip;q=0, identity")).await;
    assert_eq!(encoding, None, "an encoding refused with q=0 is not used");
    assert_eq!(text, plain);
}

async fn the_web_app_s_files_are_compressed_when_the_browser_accepts_gzip(engine: Engine) {
    let script = "export const greeting = 'shalom';\n".repeat(200);
    let (app, _files) = serving_the_web_app(engine, &script).await;
    let asset =
        app.client.get(app.url("/assets/app-abc123.js")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["content-encoding"], "gzip");
    assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");
    let bytes = asset.bytes().await.unwrap();
    assert!(bytes.len() * 10 < script.len(), "{} bytes for {}", bytes.len(), script.len());
    assert_eq!(gunzip(&bytes), script);
}

/// The query GraphiQL (graphql-js `getIntrospectionQuery`) sends to load the schema.
const INTROSPECTION: &str = "query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name } types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } }";

async fn outside_production_graphiql_can_load_the_schema(engine: Engine) {
    let app = spawn_app(engine).await;
    let body = app.gql_as(None, "en", INTROSPECTION, json!({})).await;
    assert!(body["errors"].is_null(), "{}", body["errors"]);
    assert!(body["data"]["__schema"]["types"].as_array().unwrap().len() > 50);
    // The depth limit still holds for the data itself.
    let token = app.login("national").await;
    let deep = "{ towns { items { forum { town { forum { town { forum { town { forum { town { forum { town { nameEn } } } } } } } } } } } } }";
    assert_eq!(error_code(&app.gql(&token, deep, json!({})).await), "VALIDATION");
}

both_engines!(
    graphql_accepts_only_json_posts,
    oversized_requests_are_refused_with_413,
    deep_complex_and_alias_heavy_queries_are_refused,
    internal_errors_are_masked_and_roll_back,
    health_and_readiness_probes_answer,
    production_mode_hides_introspection_suggestions_and_graphiql,
    the_web_app_is_served_with_cache_headers_and_route_fallback,
    outside_production_graphiql_can_load_the_schema,
    large_answers_are_compressed_when_the_client_accepts_gzip,
    the_web_app_s_files_are_compressed_when_the_browser_accepts_gzip,
);
