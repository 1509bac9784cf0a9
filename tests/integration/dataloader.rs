use std::sync::atomic::Ordering;

use serde_json::json;

use crate::helpers::*;

const TOWNS_DEEP: &str = "query($l: Int) {
    towns(limit: $l) { items { nameEn region { code } labourOffice { name manager { fullName } } forum { stage bodies { name members { role person { fullName organisation { name sector } } } } } } }
}";

async fn statements(app: &TestApp, token: &str, limit: i64) -> usize {
    let before = app.statements.load(Ordering::SeqCst);
    let body = app.gql(token, TOWNS_DEEP, json!({ "l": limit })).await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["towns"]["items"].as_array().unwrap().len() as i64, limit);
    app.statements.load(Ordering::SeqCst) - before
}

async fn loading_all_towns_with_forum_bodies_and_members_takes_the_same_statements_for_2_or_14_towns(engine: Engine) {
    let app = spawn_app_with(engine, counting_config()).await;
    let token = app.login("national").await;
    let few = statements(&app, &token, 2).await;
    let all = statements(&app, &token, 14).await;
    assert_eq!(few, all, "statement count grows with the number of towns (N+1)");
    assert!(all <= 16, "one statement per relation and level, plus sign-in checks: {all}");
}

both_engines!(loading_all_towns_with_forum_bodies_and_members_takes_the_same_statements_for_2_or_14_towns);
