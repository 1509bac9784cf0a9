//! Accounts people can manage: invitations with a one-time link, roles, disabling, password
//! resets and changes, and sign-in limits that an attacker cannot turn against the owner.

use serde_json::{Value, json};

use crate::helpers::*;

const INVITE: &str = "mutation($i: InviteInput!) {
    inviteAccount(input: $i) { link emailed account { id email systemRole townNameEn pendingInvitation version disabled } }
}";
const SET_PASSWORD: &str = "mutation($t: String!, $p: String!) {
    setPasswordWithLink(token: $t, password: $p)
}";
const DISABLE: &str = "mutation($id: ID!, $v: Int!, $d: Boolean!) {
    setAccountDisabled(id: $id, version: $v, disabled: $d) { disabled version }
}";
const ACCOUNTS: &str = "query($s: String) {
    accounts(search: $s) { totalCount items { email systemRole townNameEn disabled pendingInvitation } }
}";
const CHANGE: &str = "mutation($c: String!, $n: String!) {
    changeMyPassword(current: $c, newPassword: $n)
}";
const ME: &str = "{ me { email } }";
const STRONG: &str = "שבע כבשים על גג הבית";

fn token_of(link: &Value) -> String {
    link.as_str().and_then(|l| l.rsplit('/').next()).unwrap_or_else(|| panic!("a link: {link}")).to_owned()
}

fn weak_reason(body: &Value) -> String {
    let field = &body["errors"][0]["extensions"]["fields"][0];
    assert_eq!(field["code"], "weak_password", "{body}");
    field["params"]["reason"].as_str().unwrap_or_default().to_owned()
}

async fn an_invited_person_sets_a_strong_password_once_and_signs_in(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.login("admin").await;
    let town = app.town_id(&admin, "Kiryat Gat").await;
    let input = json!({ "email": "Noa@Town.example", "displayName": "נועה כהן", "role": "REFERENT", "townId": town });
    let invited = app.gql(&admin, INVITE, json!({ "i": input })).await;
    let issued = &invited["data"]["inviteAccount"];
    assert_eq!(issued["emailed"], false, "{invited}");
    assert_eq!(issued["account"]["email"], "noa@town.example");
    assert_eq!(issued["account"]["townNameEn"], "Kiryat Gat");
    assert_eq!(issued["account"]["pendingInvitation"], true);
    let token = token_of(&issued["link"]);
    assert!(issued["link"].as_str().unwrap().starts_with("/set-password/"));
    let again = app.gql(&admin, INVITE, json!({ "i": input })).await;
    assert_eq!(field_errors(&again), vec![("email".into(), "taken".into())]);

    // Nobody signs in to an invited account before the link is used.
    let early = app.login_payload("noa@town.example", STRONG).await;
    assert_eq!(error_code(&early), "UNAUTHENTICATED");
    let greeting =
        app.gql_as(None, "en", "query($t: String!) { passwordLink(token: $t) }", json!({ "t": token })).await;
    assert_eq!(greeting["data"]["passwordLink"], "נועה כהן");

    for (weak, reason) in [
        ("          ", "blank"),
        ("short", "too_short"),
        ("aaaaaaaaaa", "guessable"),
        ("password12", "guessable"),
        ("noa@town.example", "guessable"),
    ] {
        let refused = app.gql_as(None, "en", SET_PASSWORD, json!({ "t": token, "p": weak })).await;
        assert_eq!(weak_reason(&refused), reason, "{weak:?}");
        assert!(refused["errors"][0]["extensions"]["fields"][0]["message"].as_str().unwrap().len() > 10);
    }
    let set = app.gql_as(None, "en", SET_PASSWORD, json!({ "t": token, "p": STRONG })).await;
    assert_eq!(set["data"]["setPasswordWithLink"], true, "{set}");
    let signed_in = app.login_payload("noa@town.example", STRONG).await;
    let access = signed_in["data"]["login"]["accessToken"].as_str().unwrap_or_else(|| panic!("{signed_in}")).to_owned();
    let me = app.gql(&access, "{ me { towns { roles town { nameEn } } } }", json!({})).await;
    assert_eq!(me["data"]["me"]["towns"][0]["town"]["nameEn"], "Kiryat Gat");
    assert_eq!(me["data"]["me"]["towns"][0]["roles"][0], "REFERENT");

    let reused = app.gql_as(None, "en", SET_PASSWORD, json!({ "t": token, "p": "another long pass phrase" })).await;
    assert_eq!(field_errors(&reused), vec![("token".into(), "link_invalid".into())]);
    let audited = app
        .scalar_i64("SELECT COUNT(*) FROM audit_log WHERE entity = 'account' AND action IN ('invite', 'set_password')")
        .await;
    assert_eq!(audited, 2);
}

async fn coordinators_invite_town_roles_of_their_region_only(engine: Engine) {
    let app = spawn_app(engine).await;
    let north = app.login("coordinator.north").await;
    let (own, other) = (app.town_id(&north, "Kiryat Shmona").await, app.town_id(&north, "Kiryat Gat").await);
    let invite = |email: &str, role: &str, town: &str| json!({ "i": { "email": email, "displayName": "x y", "role": role, "townId": town } });
    let ok = app.gql(&north, INVITE, invite("a@north.example", "CHAIR", &own)).await;
    assert_eq!(ok["data"]["inviteAccount"]["account"]["systemRole"], "NONE", "{ok}");
    assert_eq!(error_code(&app.gql(&north, INVITE, invite("b@south.example", "CHAIR", &other)).await), "FORBIDDEN");
    let admin_role = json!({ "i": { "email": "c@x.example", "displayName": "x", "role": "ADMIN" } });
    assert_eq!(error_code(&app.gql(&north, INVITE, admin_role).await), "FORBIDDEN");
    let missing_town = json!({ "i": { "email": "d@x.example", "displayName": "x", "role": "MEMBER" } });
    assert_eq!(field_errors(&app.gql(&north, INVITE, missing_town).await), vec![("townId".into(), "required".into())]);

    // The list shows the region's town accounts, not the south's nor system accounts.
    let listed = app.gql(&north, ACCOUNTS, json!({})).await;
    let towns: Vec<&str> = listed["data"]["accounts"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["townNameEn"].as_str().unwrap_or("-"))
        .collect();
    assert!(
        !towns.is_empty() && towns.iter().all(|t| *t == "Kiryat Shmona" || *t == "Katzrin" || *t != "Kiryat Gat"),
        "{towns:?}"
    );
    assert!(!listed.to_string().contains("kiryat-gat"), "{listed}");
    let member = app.login("member.kiryat-gat").await;
    assert_eq!(error_code(&app.gql(&member, ACCOUNTS, json!({})).await), "FORBIDDEN");
    assert_eq!(app.scalar_i64("SELECT COUNT(*) FROM users WHERE email LIKE '%south.example'").await, 0);
}

async fn a_disabled_account_is_signed_out_at_once_and_can_be_enabled_again(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.login("admin").await;
    let member = app.login("member.kiryat-gat").await;
    let listed = app.gql(&admin, ACCOUNTS, json!({ "s": "member.kiryat-gat" })).await;
    assert_eq!(listed["data"]["accounts"]["totalCount"], 1, "{listed}");
    let id_query = app
        .gql(
            &admin,
            "query($s: String) { accounts(search: $s) { items { id version } } }",
            json!({ "s": "member.kiryat-gat" }),
        )
        .await;
    let account = &id_query["data"]["accounts"]["items"][0];
    let disabled = app.gql(&admin, DISABLE, json!({ "id": account["id"], "v": account["version"], "d": true })).await;
    assert_eq!(disabled["data"]["setAccountDisabled"]["disabled"], true, "{disabled}");
    assert_eq!(app.gql(&member, ME, json!({})).await["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let login = app.login_payload(&demo_email("member.kiryat-gat"), DEMO_PASSWORD).await;
    assert_eq!(error_code(&login), "UNAUTHENTICATED");
    let stale = app.gql(&admin, DISABLE, json!({ "id": account["id"], "v": account["version"], "d": false })).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let enabled = app
        .gql(
            &admin,
            DISABLE,
            json!({ "id": account["id"], "v": disabled["data"]["setAccountDisabled"]["version"], "d": false }),
        )
        .await;
    assert_eq!(enabled["data"]["setAccountDisabled"]["disabled"], false, "{enabled}");
    assert!(app.login_payload(&demo_email("member.kiryat-gat"), DEMO_PASSWORD).await["errors"].is_null());
    let me = app.gql(&admin, "{ me { id } }", json!({})).await;
    let myself = app.gql(&admin, DISABLE, json!({ "id": me["data"]["me"]["id"], "v": 1, "d": true })).await;
    assert_eq!(field_errors(&myself), vec![("id".into(), "not_yourself".into())]);
    let audited = app
        .scalar_i64("SELECT COUNT(*) FROM audit_log WHERE entity = 'account' AND action IN ('disable', 'enable')")
        .await;
    assert_eq!(audited, 2);
}

async fn people_change_their_own_password_and_other_sessions_end(engine: Engine) {
    let app = spawn_app(engine).await;
    let elsewhere = app.login("referent.kiryat-gat").await;
    let here = app.login("referent.kiryat-gat").await;
    let wrong = app.gql(&here, CHANGE, json!({ "c": "not the password", "n": STRONG })).await;
    assert_eq!(field_errors(&wrong), vec![("current".into(), "wrong_password".into())]);
    assert_eq!(
        weak_reason(&app.gql(&here, CHANGE, json!({ "c": DEMO_PASSWORD, "n": "1234567890" })).await),
        "guessable"
    );
    let changed = app.gql(&here, CHANGE, json!({ "c": DEMO_PASSWORD, "n": STRONG })).await;
    assert_eq!(changed["data"]["changeMyPassword"], true, "{changed}");
    assert!(app.gql(&here, ME, json!({})).await["errors"].is_null(), "this session goes on");
    assert_eq!(error_code(&app.gql(&elsewhere, ME, json!({})).await), "UNAUTHENTICATED", "other sessions end");
    // From another address: this one has used its sign-in attempts on the account above.
    let fresh = login_from(&app, [127, 0, 0, 4], &demo_email("referent.kiryat-gat"), STRONG).await;
    assert!(fresh["errors"].is_null(), "{fresh}");
}

async fn an_operator_reset_link_sets_a_new_password(engine: Engine) {
    let app = spawn_app(engine).await;
    let north = app.login("coordinator.north").await;
    let found =
        app.gql(&north, "query { accounts(search: \"chair.kiryat-shmona\") { items { id } } }", json!({})).await;
    let id = found["data"]["accounts"]["items"][0]["id"].clone();
    let reset =
        app.gql(&north, "mutation($id: ID!) { resetAccountPassword(id: $id) { link } }", json!({ "id": id })).await;
    let token = token_of(&reset["data"]["resetAccountPassword"]["link"]);
    assert_eq!(
        app.gql_as(None, "en", SET_PASSWORD, json!({ "t": token, "p": STRONG })).await["data"]["setPasswordWithLink"],
        true
    );
    assert!(app.login_payload(&demo_email("chair.kiryat-shmona"), STRONG).await["errors"].is_null());
    // A disabled account gets no link: it could not use it.
    let admin = app.login("admin").await;
    let row =
        app.gql(&admin, "query { accounts(search: \"chair.kiryat-shmona\") { items { version } } }", json!({})).await;
    let version = row["data"]["accounts"]["items"][0]["version"].clone();
    app.gql(&admin, DISABLE, json!({ "id": id, "v": version, "d": true })).await;
    let disabled =
        app.gql(&north, "mutation($id: ID!) { resetAccountPassword(id: $id) { link } }", json!({ "id": id })).await;
    assert_eq!(field_errors(&disabled), vec![("id".into(), "account_disabled".into())]);
    assert_eq!(
        disabled["errors"][0]["extensions"]["fields"][0]["message"],
        "This account is disabled. Enable it first."
    );
    let south = app.login("coordinator.south").await;
    let foreign =
        app.gql(&south, "mutation($id: ID!) { resetAccountPassword(id: $id) { link } }", json!({ "id": id })).await;
    assert_eq!(error_code(&foreign), "FORBIDDEN");
}

/// Sign-in from another loopback address than the test's client.
async fn login_from(app: &TestApp, source: [u8; 4], email: &str, password: &str) -> Value {
    let client = reqwest::Client::builder().local_address(std::net::IpAddr::from(source)).build().unwrap();
    let query = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
    let response = client
        .post(app.url("/graphql"))
        .header("accept-language", "en")
        .json(&json!({ "query": query, "variables": { "e": email, "p": password } }))
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

async fn guessing_from_one_client_does_not_lock_the_owner_out(engine: Engine) {
    let app = spawn_app(engine).await;
    let owner = demo_email("chair.kiryat-gat");
    let mut limited = false;
    for _ in 0..10 {
        let guess = login_from(&app, [127, 0, 0, 2], &owner, "a wrong guess").await;
        limited |= guess["errors"][0]["extensions"]["reason"] == "RATE_LIMITED";
    }
    assert!(limited, "the guesser is slowed down");
    let correct_from_guesser = login_from(&app, [127, 0, 0, 2], &owner, DEMO_PASSWORD).await;
    assert_eq!(correct_from_guesser["errors"][0]["extensions"]["reason"], "RATE_LIMITED");
    let from_owner = login_from(&app, [127, 0, 0, 3], &owner, DEMO_PASSWORD).await;
    assert!(from_owner["data"]["login"]["accessToken"].is_string(), "the owner signs in: {from_owner}");
}

both_engines!(
    an_invited_person_sets_a_strong_password_once_and_signs_in,
    coordinators_invite_town_roles_of_their_region_only,
    a_disabled_account_is_signed_out_at_once_and_can_be_enabled_again,
    people_change_their_own_password_and_other_sessions_end,
    an_operator_reset_link_sets_a_new_password,
    guessing_from_one_client_does_not_lock_the_owner_out,
);
