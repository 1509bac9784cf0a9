//! Walks the whole permission matrix of `docs/permissions.md` through the API: every demo role
//! against its own town (Kiryat Shmona, north), a town of the other region (Kiryat Gat, south),
//! and the registry.

use serde_json::{Value, json};

use crate::helpers::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    ReadDirectory,
    ReadContacts,
    EditDirectory,
    EditForum,
    ManageRegistry,
}

const OWN: &str = "Kiryat Shmona";
const OTHER: &str = "Kiryat Gat";

/// (account, operation, town, allowed) — the table in docs/permissions.md, row by row.
#[rustfmt::skip]
const MATRIX: &[(&str, Op, &str, bool)] = &[
    ("admin", Op::ReadDirectory, OTHER, true), ("admin", Op::ReadContacts, OTHER, true),
    ("admin", Op::EditDirectory, OTHER, true), ("admin", Op::EditForum, OTHER, true), ("admin", Op::ManageRegistry, OWN, true),

    ("national", Op::ReadDirectory, OTHER, true), ("national", Op::ReadContacts, OTHER, true),
    ("national", Op::EditDirectory, OWN, false), ("national", Op::EditForum, OWN, false), ("national", Op::ManageRegistry, OWN, false),

    ("coordinator.north", Op::ReadDirectory, OTHER, true), ("coordinator.north", Op::ReadContacts, OWN, true),
    ("coordinator.north", Op::ReadContacts, OTHER, false), ("coordinator.north", Op::EditDirectory, OWN, true),
    ("coordinator.north", Op::EditDirectory, OTHER, false), ("coordinator.north", Op::EditForum, OWN, true),
    ("coordinator.north", Op::EditForum, OTHER, false), ("coordinator.north", Op::ManageRegistry, OWN, false),

    ("chair.kiryat-shmona", Op::ReadDirectory, OTHER, true), ("chair.kiryat-shmona", Op::ReadContacts, OWN, true),
    ("chair.kiryat-shmona", Op::ReadContacts, OTHER, false), ("chair.kiryat-shmona", Op::EditDirectory, OWN, true),
    ("chair.kiryat-shmona", Op::EditDirectory, OTHER, false), ("chair.kiryat-shmona", Op::EditForum, OWN, true),
    ("chair.kiryat-shmona", Op::EditForum, OTHER, false), ("chair.kiryat-shmona", Op::ManageRegistry, OWN, false),

    ("lead.kiryat-shmona", Op::ReadContacts, OWN, true), ("lead.kiryat-shmona", Op::ReadContacts, OTHER, false),
    ("lead.kiryat-shmona", Op::EditDirectory, OWN, true), ("lead.kiryat-shmona", Op::EditDirectory, OTHER, false),
    ("lead.kiryat-shmona", Op::EditForum, OWN, true), ("lead.kiryat-shmona", Op::ManageRegistry, OWN, false),

    ("referent.kiryat-shmona", Op::ReadDirectory, OTHER, true), ("referent.kiryat-shmona", Op::ReadContacts, OWN, true),
    ("referent.kiryat-shmona", Op::ReadContacts, OTHER, false), ("referent.kiryat-shmona", Op::EditDirectory, OWN, true),
    ("referent.kiryat-shmona", Op::EditDirectory, OTHER, false), ("referent.kiryat-shmona", Op::EditForum, OWN, true),
    ("referent.kiryat-shmona", Op::EditForum, OTHER, false), ("referent.kiryat-shmona", Op::ManageRegistry, OWN, false),

    ("member.kiryat-shmona", Op::ReadDirectory, OTHER, true), ("member.kiryat-shmona", Op::ReadContacts, OWN, true),
    ("member.kiryat-shmona", Op::ReadContacts, OTHER, false), ("member.kiryat-shmona", Op::EditDirectory, OWN, false),
    ("member.kiryat-shmona", Op::EditForum, OWN, false), ("member.kiryat-shmona", Op::ManageRegistry, OWN, false),
];

/// Runs one operation and says whether the server allowed it (and that a refusal is `FORBIDDEN`
/// or, for contacts, hidden details — never an error of another kind).
async fn attempt(app: &TestApp, admin: &str, token: &str, op: Op, town: &str) -> bool {
    let town_id = app.town_id(admin, town).await;
    let expect_allowed_or_forbidden = |body: &Value, field: &str| -> bool {
        if body["data"][field].is_object() {
            return true;
        }
        assert_eq!(error_code(body), "FORBIDDEN", "{op:?} in {town}: {body}");
        false
    };
    match op {
        Op::ReadDirectory => {
            let body = app.gql(token, "query($t: ID!) { town(id: $t) { nameEn forum { bodies { name members { person { fullName } } } } } organisations(townId: $t) { totalCount } }", json!({ "t": town_id })).await;
            body["errors"].is_null()
                && body["data"]["town"]["nameEn"] == town
                && body["data"]["organisations"]["totalCount"].as_u64() > Some(0)
        }
        Op::ReadContacts => {
            let body = app
                .gql(
                    token,
                    "query($t: ID!) { people(townId: $t, limit: 5) { items { email phone contactsVisible } } }",
                    json!({ "t": town_id }),
                )
                .await;
            let items = body["data"]["people"]["items"].as_array().expect("people").clone();
            let visible = items.iter().all(|p| p["contactsVisible"] == true && p["email"].is_string());
            let hidden =
                items.iter().all(|p| p["contactsVisible"] == false && p["email"].is_null() && p["phone"].is_null());
            assert!(visible || hidden, "contacts are all shown or all hidden: {body}");
            visible
        }
        Op::EditDirectory => {
            let body = app
                .gql(token, "mutation($t: ID!) { createOrganisation(townId: $t, input: { name: \"Matrix org\", sector: ACADEMIA }) { id } }", json!({ "t": town_id }))
                .await;
            expect_allowed_or_forbidden(&body, "createOrganisation")
        }
        Op::EditForum => {
            let forum =
                app.gql(admin, "query($t: ID!) { town(id: $t) { forum { id } } }", json!({ "t": town_id })).await;
            let forum_id = forum["data"]["town"]["forum"]["id"].clone();
            let body = app
                .gql(token, "mutation($f: ID!) { createBody(forumId: $f, input: { kind: AD_HOC_TEAM, name: \"Job fair\", endsOn: \"2030-01-01\" }) { id } }", json!({ "f": forum_id }))
                .await;
            expect_allowed_or_forbidden(&body, "createBody")
        }
        Op::ManageRegistry => {
            let body = app
                .gql(token, "mutation { createTown(input: { regionId: \"1\", nameHe: \"עיר חדשה\", nameEn: \"New Town\", socioEconomicCluster: 4 }) { id } }", json!({}))
                .await;
            expect_allowed_or_forbidden(&body, "createTown")
        }
    }
}

async fn every_role_may_do_exactly_what_the_permission_matrix_says(engine: Engine) {
    let app = spawn_app(engine).await;
    let mut failures = Vec::new();
    let admin = app.login("admin").await;
    let mut tokens = std::collections::HashMap::new();
    for (account, op, town, allowed) in MATRIX {
        if !tokens.contains_key(account) {
            tokens.insert(*account, app.login(account).await);
        }
        let actual = attempt(&app, &admin, &tokens[account], *op, town).await;
        if actual != *allowed {
            failures.push(format!("{account} {op:?} in {town}: expected {allowed}, got {actual}"));
        }
    }
    assert!(failures.is_empty(), "permission matrix violations:\n{}", failures.join("\n"));
}

async fn anonymous_callers_get_nothing_but_server_info(engine: Engine) {
    let app = spawn_app(engine).await;
    for query in [
        "{ towns { totalCount } }",
        "{ regions { code } }",
        "{ people { totalCount } }",
        "{ organisations { totalCount } }",
        "{ me { email } }",
    ] {
        let body = app.gql_as(None, "he", query, json!({})).await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{query}");
        assert_eq!(body["errors"][0]["message"], "יש להתחבר כדי להמשיך.");
    }
    let info = app.gql_as(None, "he", "{ serverInfo { demo version } }", json!({})).await;
    assert_eq!(info["data"]["serverInfo"]["demo"], false);
}

/// The web app shows controls from `Town.viewerMay`, so it must be the policy's own answer.
async fn a_town_tells_the_viewer_what_the_policy_lets_them_do_there(engine: Engine) {
    let app = spawn_app(engine).await;
    let query = "query($t: ID!) {
        town(id: $t) { viewerMay { editForum editDirectory changeStage approveMinutes } }
    }";
    let cases = [
        ("referent.kiryat-shmona", "Kiryat Shmona", [true, true, false, false]),
        ("chair.kiryat-shmona", "Kiryat Shmona", [true, true, true, true]),
        ("member.kiryat-shmona", "Kiryat Shmona", [false, false, false, false]),
        ("referent.kiryat-shmona", "Kiryat Gat", [false, false, false, false]),
        ("coordinator.north", "Kiryat Shmona", [true, true, true, true]),
        ("coordinator.north", "Kiryat Gat", [false, false, false, false]),
        ("national", "Kiryat Gat", [false, false, false, false]),
        ("admin", "Kiryat Gat", [true, true, true, true]),
    ];
    let admin = app.login("admin").await;
    for (account, town, expected) in cases {
        let town_id = app.town_id(&admin, town).await;
        let token = app.login(account).await;
        let body = app.gql(&token, query, json!({ "t": town_id })).await;
        let may = &body["data"]["town"]["viewerMay"];
        let actual = ["editForum", "editDirectory", "changeStage", "approveMinutes"].map(|f| may[f] == true);
        assert_eq!(actual, expected, "{account} in {town}: {body}");
    }
}

both_engines!(
    every_role_may_do_exactly_what_the_permission_matrix_says,
    anonymous_callers_get_nothing_but_server_info,
    a_town_tells_the_viewer_what_the_policy_lets_them_do_there,
);
