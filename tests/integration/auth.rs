use base64::Engine as _;
use chrono::Duration;
use sea_orm::ConnectionTrait as _;
use serde_json::json;
use workit_api::auth::tokens::{TokenSubject, issue_access_token};

use crate::helpers::*;

const ME: &str = "{ me { email systemRole towns { roles town { nameEn } } } }";
const REFRESH: &str = "mutation($t: String!) {
    refresh(refreshToken: $t) { accessToken refreshToken }
}";

async fn demo_user_signs_in_and_sees_own_roles(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-shmona").await;
    let body = app.gql(&token, ME, json!({})).await;
    assert_eq!(body["data"]["me"]["systemRole"], "NONE");
    assert_eq!(body["data"]["me"]["towns"], json!([{ "roles": ["REFERENT"], "town": { "nameEn": "Kiryat Shmona" } }]));
}

async fn wrong_password_and_unknown_account_get_the_same_answer(engine: Engine) {
    let app = spawn_app(engine).await;
    let wrong = app.login_payload(&demo_email("admin"), "not-the-password").await;
    let unknown = app.login_payload("nobody@example.org", DEMO_PASSWORD).await;
    for body in [&wrong, &unknown] {
        assert_eq!(error_code(body), "UNAUTHENTICATED");
        assert_eq!(body["errors"][0]["extensions"]["reason"], "BAD_CREDENTIALS");
        assert_eq!(body["errors"][0]["message"], "The e-mail or password is wrong.");
    }
    assert_eq!(wrong["errors"][0]["message"], unknown["errors"][0]["message"]);
}

/// Moves every used refresh token's use a minute into the past, beyond the reuse grace.
async fn age_used_refresh_tokens(app: &TestApp) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    use workit_persistence::entities::refresh_tokens;
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now() - chrono::Duration::seconds(60)))
        .filter(refresh_tokens::Column::UsedAt.is_not_null())
        .exec(&app.db)
        .await
        .unwrap();
}

async fn two_tabs_refreshing_at_once_both_stay_signed_in(engine: Engine) {
    let app = spawn_app(engine).await;
    let login = app.login_payload(&demo_email("chair.kiryat-gat"), DEMO_PASSWORD).await;
    let shared = login["data"]["login"]["refreshToken"].as_str().unwrap().to_owned();
    let (one, two) = tokio::join!(
        app.gql_as(None, "en", REFRESH, json!({ "t": shared })),
        app.gql_as(None, "en", REFRESH, json!({ "t": shared })),
    );
    for tab in [&one, &two] {
        let access = tab["data"]["refresh"]["accessToken"].as_str().unwrap_or_else(|| panic!("{tab}"));
        assert!(app.gql(access, ME, json!({})).await["errors"].is_null());
        let next = tab["data"]["refresh"]["refreshToken"].as_str().unwrap();
        assert!(app.gql_as(None, "en", REFRESH, json!({ "t": next })).await["errors"].is_null(), "each tab goes on");
    }
}

async fn refresh_rotates_and_the_old_refresh_token_stops_working(engine: Engine) {
    let app = spawn_app(engine).await;
    let login = app.login_payload(&demo_email("chair.kiryat-gat"), DEMO_PASSWORD).await;
    let first = login["data"]["login"]["refreshToken"].as_str().unwrap().to_owned();
    let rotated = app.gql_as(None, "en", REFRESH, json!({ "t": first })).await;
    let second = rotated["data"]["refresh"]["refreshToken"].as_str().expect("new refresh token").to_owned();
    let access = rotated["data"]["refresh"]["accessToken"].as_str().unwrap().to_owned();
    assert_ne!(first, second);
    assert_eq!(app.gql(&access, ME, json!({})).await["data"]["me"]["email"], json!(demo_email("chair.kiryat-gat")));

    age_used_refresh_tokens(&app).await;
    let reused = app.gql_as(None, "en", REFRESH, json!({ "t": first })).await;
    assert_eq!(error_code(&reused), "UNAUTHENTICATED");
    assert_eq!(reused["errors"][0]["extensions"]["reason"], "REVOKED");
}

async fn reusing_a_refresh_token_signs_the_whole_session_out(engine: Engine) {
    let app = spawn_app(engine).await;
    let login = app.login_payload(&demo_email("chair.kiryat-gat"), DEMO_PASSWORD).await;
    let stolen = login["data"]["login"]["refreshToken"].as_str().unwrap().to_owned();
    let rotated = app.gql_as(None, "en", REFRESH, json!({ "t": stolen })).await;
    let legit = rotated["data"]["refresh"]["refreshToken"].as_str().unwrap().to_owned();
    let access = rotated["data"]["refresh"]["accessToken"].as_str().unwrap().to_owned();

    age_used_refresh_tokens(&app).await;
    app.gql_as(None, "en", REFRESH, json!({ "t": stolen })).await;

    let after = app.gql_as(None, "en", REFRESH, json!({ "t": legit })).await;
    assert_eq!(after["errors"][0]["extensions"]["reason"], "REVOKED");
    let me = app.gql(&access, ME, json!({})).await;
    assert_eq!(me["errors"][0]["extensions"]["reason"], "REVOKED", "access tokens of the session stop too: {me}");
}

async fn logout_revokes_access_and_refresh_tokens_at_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let login = app.login_payload(&demo_email("national"), DEMO_PASSWORD).await;
    let access = login["data"]["login"]["accessToken"].as_str().unwrap().to_owned();
    let refresh = login["data"]["login"]["refreshToken"].as_str().unwrap().to_owned();
    let out = app.gql(&access, "mutation($t: String) { logout(refreshToken: $t) }", json!({ "t": refresh })).await;
    assert_eq!(out["data"]["logout"], true);
    assert_eq!(app.gql(&access, ME, json!({})).await["errors"][0]["extensions"]["reason"], "REVOKED");
    assert_eq!(error_code(&app.gql_as(None, "en", REFRESH, json!({ "t": refresh })).await), "UNAUTHENTICATED");
}

async fn expired_tampered_and_foreign_tokens_are_refused(engine: Engine) {
    let app = spawn_app(engine).await;
    let valid = app.login("admin").await;
    let config = test_config();

    let expired =
        issue_access_token(&config, TokenSubject { user_id: 1, session_id: 1 }, now() - Duration::hours(2)).unwrap().0;
    let body = app.gql(&expired, ME, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["reason"], "EXPIRED");
    assert_eq!(body["errors"][0]["message"], "Your session has expired. Please sign in again.");

    // Tampered: the payload claims another user; the signature no longer matches.
    let parts: Vec<&str> = valid.split('.').collect();
    let engine64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut claims: serde_json::Value = serde_json::from_slice(&engine64.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = json!("2");
    let tampered = format!("{}.{}.{}", parts[0], engine64.encode(claims.to_string()), parts[2]);
    assert_eq!(app.gql(&tampered, ME, json!({})).await["errors"][0]["extensions"]["reason"], "INVALID_TOKEN");

    // `alg: none` with no signature, and a token signed with another key.
    let none = format!("{}.{}.", engine64.encode(r#"{"alg":"none","typ":"JWT"}"#), parts[1]);
    assert_eq!(app.gql(&none, ME, json!({})).await["errors"][0]["extensions"]["reason"], "INVALID_TOKEN");
    let other_key = issue_access_token(
        &workit_api::ApiConfig::with_secret(b"some-other-secret-some-other-secret!!".to_vec()),
        TokenSubject { user_id: 1, session_id: 1 },
        now(),
    )
    .unwrap()
    .0;
    assert_eq!(app.gql(&other_key, ME, json!({})).await["errors"][0]["extensions"]["reason"], "INVALID_TOKEN");
    assert_eq!(app.gql("garbage", ME, json!({})).await["errors"][0]["extensions"]["reason"], "INVALID_TOKEN");
}

async fn sign_in_is_rate_limited_per_account(engine: Engine) {
    let mut config = test_config();
    config.login_limits.account_burst = std::num::NonZeroU32::new(3).unwrap();
    config.login_limits.account_period_secs = 600;
    let app = spawn_app_with(engine, config).await;
    for _ in 0..3 {
        let body = app.login_payload(&demo_email("admin"), "wrong-password").await;
        assert_eq!(body["errors"][0]["extensions"]["reason"], "BAD_CREDENTIALS");
    }
    // Even the right password waits now: the limit is on attempts, not on failures seen.
    let limited = app.login_payload(&demo_email("admin"), DEMO_PASSWORD).await;
    assert_eq!(limited["errors"][0]["extensions"]["reason"], "RATE_LIMITED");
    assert!(limited["errors"][0]["extensions"]["retryAfter"].as_u64().unwrap() > 0);
    assert!(limited["errors"][0]["message"].as_str().unwrap().starts_with("Too many sign-in attempts"));
    // Another account from the same address is not affected.
    assert!(app.login_payload(&demo_email("national"), DEMO_PASSWORD).await["data"]["login"].is_object());
}

async fn sign_in_is_rate_limited_per_address(engine: Engine) {
    let mut config = test_config();
    config.login_limits.ip_burst = std::num::NonZeroU32::new(4).unwrap();
    config.login_limits.ip_period_secs = 600;
    let app = spawn_app_with(engine, config).await;
    for n in 0..4 {
        app.login_payload(&format!("guess{n}@example.org"), "x").await;
    }
    let limited = app.login_payload(&demo_email("national"), DEMO_PASSWORD).await;
    assert_eq!(limited["errors"][0]["extensions"]["reason"], "RATE_LIMITED");
}

async fn ending_a_membership_takes_the_role_away_on_the_next_request(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    let town = app.town_id(&token, "Kiryat Gat").await;
    let create =
        "mutation($t: ID!) { createOrganisation(townId: $t, input: { name: \"Bakery\", sector: BUSINESS }) { id } }";
    assert!(app.gql(&token, create, json!({ "t": town })).await["data"]["createOrganisation"].is_object());

    let yesterday = (now() - Duration::days(1)).date_naive();
    let person = app.person_id_of("referent.kiryat-gat").await;
    app.db
        .execute_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!("UPDATE memberships SET left_on = '{yesterday}' WHERE person_id = {person}"),
        ))
        .await
        .unwrap();

    let body = app.gql(&token, create, json!({ "t": town })).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(app.gql(&token, ME, json!({})).await["data"]["me"]["towns"], json!([]));
}

/// Every signed-in request reads its account, session and town roles afresh: one statement, with
/// memberships or without, and a body archived since takes its role away.
async fn a_request_reads_its_account_and_town_roles_in_one_statement(engine: Engine) {
    let app = spawn_app(engine).await;
    let statements = |app: &TestApp| app.statements.load(std::sync::atomic::Ordering::SeqCst);
    for account in ["referent.kiryat-gat", "chair.kiryat-gat", "national"] {
        let token = app.login(account).await;
        let before = statements(&app);
        let body = app.gql(&token, "{ me { id } }", json!({})).await;
        assert!(body["data"]["me"]["id"].is_string(), "{body}");
        assert_eq!(statements(&app) - before, 1, "{account}: the account with its town roles");
    }
    let token = app.login("referent.kiryat-gat").await;
    assert_eq!(app.gql(&token, ME, json!({})).await["data"]["me"]["towns"][0]["roles"], json!(["REFERENT"]));
    let person = app.person_id_of("referent.kiryat-gat").await;
    app.db
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            app.db.get_database_backend(),
            format!(
                "UPDATE bodies SET archived_at = $1 WHERE id IN (SELECT body_id FROM memberships WHERE person_id = {person})"
            ),
            [now().into()],
        ))
        .await
        .unwrap();
    // A change made behind the server's back (as by another server) reaches a server that keeps
    // the account once PostgreSQL's notice arrives (ADR 0019); SQLite keeps nothing.
    eventually("the role stayed", async || {
        let towns = app.gql(&token, ME, json!({})).await["data"]["me"]["towns"].clone();
        if towns == json!([]) {
            return Ok(());
        }
        assert!(engine == Engine::Postgres, "SQLite answered from a kept account: {towns}");
        Err(towns.to_string())
    })
    .await;
}

async fn chosen_language_is_remembered_for_the_account(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("member.kiryat-gat").await;
    let set = app.gql(&token, "mutation { setMyLocale(locale: EN) { locale } }", json!({})).await;
    assert_eq!(set["data"]["setMyLocale"]["locale"], "EN");
    let again = app.login_payload(&demo_email("member.kiryat-gat"), DEMO_PASSWORD).await;
    let token = again["data"]["login"]["accessToken"].as_str().unwrap();
    let me = app.gql(token, "{ me { locale } }", json!({})).await;
    assert_eq!(me["data"]["me"]["locale"], "EN");
    // Without Accept-Language, errors come in the account's language.
    let forbidden = app
        .gql_as(
            Some(token),
            "",
            "mutation { createTown(input: { regionId: \"1\", nameHe: \"א\", nameEn: \"A\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(forbidden["errors"][0]["message"], "You do not have permission to do this.");
}

both_engines!(
    demo_user_signs_in_and_sees_own_roles,
    wrong_password_and_unknown_account_get_the_same_answer,
    refresh_rotates_and_the_old_refresh_token_stops_working,
    two_tabs_refreshing_at_once_both_stay_signed_in,
    reusing_a_refresh_token_signs_the_whole_session_out,
    logout_revokes_access_and_refresh_tokens_at_once,
    expired_tampered_and_foreign_tokens_are_refused,
    sign_in_is_rate_limited_per_account,
    sign_in_is_rate_limited_per_address,
    ending_a_membership_takes_the_role_away_on_the_next_request,
    chosen_language_is_remembered_for_the_account,
    a_request_reads_its_account_and_town_roles_in_one_statement,
);
