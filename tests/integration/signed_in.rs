//! Signed-in accounts kept between requests (ADR 0019): on PostgreSQL a server keeps what sign-in
//! read while it hears changes announced, and drops it on any change; on SQLite it keeps nothing.

use std::sync::atomic::Ordering;

use sea_orm::ConnectionTrait as _;
use serde_json::{Value, json};

use crate::helpers::*;

const ME_ID: &str = "{ me { id } }";

/// The statements one request of `token` runs, and its answer.
async fn counted(app: &TestApp, token: &str) -> (usize, Value) {
    let before = app.statements.load(Ordering::SeqCst);
    let body = app.gql(token, ME_ID, json!({})).await;
    (app.statements.load(Ordering::SeqCst) - before, body)
}

/// Asks until a request of `token` reads nothing to sign in: the server listens and keeps the
/// account. Its listener connects in the background as the server starts.
async fn until_kept(app: &TestApp, token: &str) {
    eventually("the account was never kept", async || {
        let (statements, body) = counted(app, token).await;
        assert!(body["data"]["me"]["id"].is_string(), "{body}");
        if statements == 0 { Ok(()) } else { Err(format!("{statements} statements")) }
    })
    .await;
}

/// Changes the database behind the server's back, as another app server or the command line would.
async fn elsewhere(app: &TestApp, sql: String) {
    app.db.execute_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), sql)).await.unwrap();
}

/// Revokes every session of a demo account (`local` as in `login`) behind the server's back.
async fn revoke_sessions_elsewhere(app: &TestApp, local: &str) {
    let email = demo_email(local);
    elsewhere(
        app,
        format!(
            "UPDATE sessions SET revoked_at = created_at WHERE user_id = (SELECT id FROM users WHERE email = '{email}')"
        ),
    )
    .await;
}

/// Asks until `token` is refused; SQLite keeps nothing, so there it must be refused at once.
async fn until_refused(app: &TestApp, engine: Engine, token: &str) -> Value {
    eventually("the change never reached the server", async || {
        let body = app.gql(token, ME_ID, json!({})).await;
        if error_code(&body) == "UNAUTHENTICATED" {
            return Ok(body);
        }
        assert!(engine == Engine::Postgres, "SQLite answered from a kept account: {body}");
        Err(body.to_string())
    })
    .await
}

async fn a_session_s_later_requests_read_nothing_to_sign_in_on_postgresql_only(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("chair.kiryat-gat").await;
    match engine {
        Engine::Postgres => until_kept(&app, &token).await,
        Engine::Sqlite => {
            for _ in 0..3 {
                assert_eq!(counted(&app, &token).await.0, 1, "SQLite reads the account every time");
            }
        }
    }
}

async fn signing_out_refuses_the_next_request_though_the_account_was_kept(engine: Engine) {
    let app = spawn_app(engine).await;
    let login = app.login_payload(&demo_email("referent.kiryat-gat"), DEMO_PASSWORD).await;
    let access = login["data"]["login"]["accessToken"].as_str().unwrap().to_owned();
    let refresh = login["data"]["login"]["refreshToken"].as_str().unwrap().to_owned();
    if engine == Engine::Postgres {
        until_kept(&app, &access).await;
    }
    let out = app.gql(&access, "mutation($t: String) { logout(refreshToken: $t) }", json!({ "t": refresh })).await;
    assert_eq!(out["data"]["logout"], true, "{out}");
    let (_, after) = counted(&app, &access).await;
    assert_eq!(after["errors"][0]["extensions"]["reason"], "REVOKED", "{after}");
}

async fn an_account_disabled_through_the_server_is_refused_at_its_next_request(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.login("admin").await;
    let chair = app.login("chair.kiryat-gat").await;
    if engine == Engine::Postgres {
        until_kept(&app, &chair).await;
    }
    let email = demo_email("chair.kiryat-gat");
    let id = app.scalar_i64(&format!("SELECT id FROM users WHERE email = '{email}'")).await;
    let version = app.scalar_i64(&format!("SELECT CAST(version AS BIGINT) FROM users WHERE email = '{email}'")).await;
    let disable =
        "mutation($id: ID!, $v: Int!) { setAccountDisabled(id: $id, version: $v, disabled: true) { disabled } }";
    let out = app.gql(&admin, disable, json!({ "id": id.to_string(), "v": version })).await;
    assert_eq!(out["data"]["setAccountDisabled"]["disabled"], true, "{out}");
    let (_, after) = counted(&app, &chair).await;
    assert_eq!(after["errors"][0]["extensions"]["reason"], "REVOKED", "{after}");
}

async fn a_session_revoked_by_another_server_is_refused_once_the_notice_arrives(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("lead.kiryat-shmona").await;
    if engine == Engine::Postgres {
        until_kept(&app, &token).await;
    }
    revoke_sessions_elsewhere(&app, "lead.kiryat-shmona").await;
    let refused = until_refused(&app, engine, &token).await;
    assert_eq!(refused["errors"][0]["extensions"]["reason"], "REVOKED", "{refused}");
}

async fn a_server_that_lost_its_listener_listens_again_and_hears_changes(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("member.kiryat-gat").await;
    if engine == Engine::Postgres {
        until_kept(&app, &token).await;
        elsewhere(
            &app,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                .to_owned(),
        )
        .await;
        // Kept again only once it listens again.
        until_kept(&app, &token).await;
    }
    revoke_sessions_elsewhere(&app, "member.kiryat-gat").await;
    until_refused(&app, engine, &token).await;
}

/// Connections of the server's pool checked out at this moment, or `None` for a reading taken
/// mid-hand-over: sqlx counts a connection idle just after putting it back in the queue, so a
/// task that takes it in between leaves the idle count wrapped below zero for an instant.
fn checked_out(app: &TestApp) -> Option<u32> {
    let (size, idle) = match app.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = app.db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => {
            let pool = app.db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
    };
    u32::try_from(idle).ok().and_then(|idle| size.checked_sub(idle))
}

async fn the_listener_holds_none_of_the_connections_requests_use(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.login("referent.kiryat-gat").await;
    if engine == Engine::Postgres {
        until_kept(&app, &token).await;
    }
    app.gql(&token, ME_ID, json!({})).await;
    // A connection goes back to the pool just after its request answers.
    eventually("a connection of the pool stayed checked out between requests", async || match checked_out(&app) {
        Some(0) => Ok(()),
        Some(held) => Err(format!("{held} checked out")),
        None => Err("the pool was handing a connection over".to_owned()),
    })
    .await;
}

both_engines!(
    a_session_s_later_requests_read_nothing_to_sign_in_on_postgresql_only,
    signing_out_refuses_the_next_request_though_the_account_was_kept,
    an_account_disabled_through_the_server_is_refused_at_its_next_request,
    a_session_revoked_by_another_server_is_refused_once_the_notice_arrives,
    a_server_that_lost_its_listener_listens_again_and_hears_changes,
    the_listener_holds_none_of_the_connections_requests_use,
);
