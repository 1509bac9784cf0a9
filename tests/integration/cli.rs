//! The `workit` binary itself: its commands and what survives a crash.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

use serde_json::json;

use crate::helpers::*;

fn workit(database_url: &str) -> Command {
    let mut command = Command::new(workit_binary());
    command.env("WORKIT_DATABASE_URL", database_url).env("WORKIT_LOG", "warn").env_remove("WORKIT_JWT_SECRET");
    command
}

async fn seed_demo_loads_once_and_refuses_a_non_empty_database(engine: Engine) {
    let database = fresh_database(engine).await;
    let first = workit(&database.url).arg("seed-demo").output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let printed = String::from_utf8_lossy(&first.stdout);
    assert!(
        printed.contains("referent.kiryat-shmona@demo.workit.example") && printed.contains("workit-demo"),
        "{printed}"
    );
    let second = workit(&database.url).arg("seed-demo").output().unwrap();
    assert!(!second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("only into an empty database"));
}

async fn user_add_creates_an_account_with_its_town_role(engine: Engine) {
    let database = fresh_database(engine).await;
    assert!(workit(&database.url).arg("seed-demo").output().unwrap().status.success());
    let mut child = workit(&database.url)
        .args([
            "user",
            "add",
            "--email",
            "New.Referent@Example.org",
            "--name",
            "רפרנטית חדשה",
            "--role",
            "REFERENT",
            "--town",
            "Sderot",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"a long enough password\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let generated = workit(&database.url)
        .args([
            "user",
            "add",
            "--email",
            "coord@example.org",
            "--name",
            "Coordinator",
            "--role",
            "REGIONAL_COORDINATOR",
            "--region",
            "south",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&generated.stdout).contains("One-time password"));
    let duplicate = workit(&database.url)
        .args(["user", "add", "--email", "coord@example.org", "--name", "Again", "--role", "NATIONAL"])
        .output()
        .unwrap();
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already exists"));
    let no_town = workit(&database.url)
        .args(["user", "add", "--email", "x@example.org", "--name", "X", "--role", "CHAIR"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&no_town.stderr).contains("needs --town"));

    let app = serve_database(database, test_config()).await;
    let login = app.login_payload("new.referent@example.org", "a long enough password").await;
    let token = login["data"]["login"]["accessToken"].as_str().expect("signs in").to_owned();
    let me = app.gql(&token, "{ me { towns { roles town { nameEn } } } }", json!({})).await;
    assert_eq!(me["data"]["me"]["towns"], json!([{ "roles": ["REFERENT"], "town": { "nameEn": "Sderot" } }]));
}

#[test]
fn the_server_refuses_to_start_without_a_strong_secret() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let missing = workit(&url).args(["serve", "--bind", "127.0.0.1:0"]).output().unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("WORKIT_JWT_SECRET is required"));
    let weak =
        workit(&url).args(["serve", "--bind", "127.0.0.1:0"]).env("WORKIT_JWT_SECRET", "secret").output().unwrap();
    assert!(String::from_utf8_lossy(&weak.stderr).contains("too weak"));
}

#[test]
fn the_server_refuses_to_start_with_malformed_smtp_settings() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let secret = "a-test-secret-of-enough-length-0123456789";
    for (smtp_url, from) in [("not a url", "WORKIT Hub <forum@example.org>"), ("smtp://127.0.0.1:2525", "no address")] {
        let output = workit(&url)
            .args(["serve", "--bind", "127.0.0.1:0", "--smtp-url", smtp_url, "--smtp-from", from])
            .env("WORKIT_JWT_SECRET", secret)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{smtp_url} / {from}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("the SMTP settings"), "{output:?}");
    }
}

#[test]
fn the_server_refuses_to_keep_signed_in_accounts_longer_than_an_hour() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let output = workit(&url)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("WORKIT_JWT_SECRET", "a-test-secret-of-enough-length-0123456789")
        .env("WORKIT_SIGN_IN_CACHE_SECONDS", "99999999999")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--sign-in-cache-seconds") && stderr.contains("0..=3600"), "{stderr}");
}

#[test]
fn a_malformed_log_filter_stops_the_command_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let output = workit(&url).arg("migrate").env("WORKIT_LOG", "info,workit=loudly").output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--log") && stderr.contains("info,workit=loudly"), "{stderr}");
    assert!(!dir.path().join("w.db").exists(), "nothing ran");
}

#[test]
fn logs_written_to_a_file_carry_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let output = workit(&url).arg("migrate").env("WORKIT_LOG", "info").output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Applying migration"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(database_url: &str) -> Server {
    let mut child = workit(database_url)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("WORKIT_JWT_SECRET", "kill-nine-test-secret-0123456789-abcdefgh")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let address = line.trim().rsplit(' ').next().unwrap().trim_end_matches('/').to_owned();
    assert!(address.starts_with("http://127.0.0.1:"), "{line}");
    Server(child, address)
}

async fn post(
    client: &reqwest::Client,
    server: &Server,
    token: Option<&str>,
    query: &str,
    variables: serde_json::Value,
) -> serde_json::Value {
    let mut request =
        client.post(format!("{}/graphql", server.1)).json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().json().await.unwrap()
}

async fn a_committed_write_survives_kill_9_of_the_server(engine: Engine) {
    let database = fresh_database(engine).await;
    assert!(workit(&database.url).arg("seed-demo").output().unwrap().status.success());
    let client = reqwest::Client::new();
    let mut server = start_server(&database.url);
    let login = post(
        &client,
        &server,
        None,
        "mutation($e: String!) { login(email: $e, password: \"workit-demo\") { accessToken } }",
        json!({ "e": demo_email("admin") }),
    )
    .await;
    let token = login["data"]["login"]["accessToken"].as_str().unwrap().to_owned();
    let created = post(
        &client,
        &server,
        Some(&token),
        "mutation { createTown(input: { regionId: \"2\", nameHe: \"מצפה רמון\", nameEn: \"Mitzpe Ramon\" }) { id } }",
        json!({}),
    )
    .await;
    let id = created["data"]["createTown"]["id"].as_str().expect("created").to_owned();

    server.0.kill().unwrap(); // SIGKILL: no shutdown hooks, no flush.
    server.0.wait().unwrap();
    let server = start_server(&database.url);
    let login = post(
        &client,
        &server,
        None,
        "mutation($e: String!) { login(email: $e, password: \"workit-demo\") { accessToken } }",
        json!({ "e": demo_email("admin") }),
    )
    .await;
    let token = login["data"]["login"]["accessToken"].as_str().unwrap().to_owned();
    let town =
        post(&client, &server, Some(&token), "query($id: ID!) { town(id: $id) { nameEn } }", json!({ "id": id })).await;
    assert_eq!(town["data"]["town"]["nameEn"], "Mitzpe Ramon");
}

async fn operators_list_disable_enable_and_reset_accounts(engine: Engine) {
    let database = fresh_database(engine).await;
    assert!(workit(&database.url).arg("seed-demo").output().unwrap().status.success());
    let run = |args: &[&str]| workit(&database.url).args(args).output().unwrap();
    let member = demo_email("member.kiryat-gat");
    let listed = String::from_utf8_lossy(&run(&["user", "list"]).stdout).into_owned();
    assert!(listed.lines().any(|l| l.contains(&member) && l.contains("active")), "{listed}");
    let unknown = run(&["user", "disable", "--email", "nobody@example.org"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account with e-mail nobody@example.org"));

    assert!(run(&["user", "disable", "--email", &member]).status.success());
    let listed = String::from_utf8_lossy(&run(&["user", "list"]).stdout).into_owned();
    assert!(listed.lines().any(|l| l.contains(&member) && l.contains("disabled")), "{listed}");
    let refused = run(&["user", "reset-password", "--email", &member]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is disabled: enable it first"));
    assert!(run(&["user", "enable", "--email", &member]).status.success());
    let reset = run(&["user", "reset-password", "--email", &member]);
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    let printed = String::from_utf8_lossy(&reset.stdout).into_owned();
    let token = printed.lines().last().and_then(|l| l.rsplit("/set-password/").next()).unwrap().trim().to_owned();

    let app = serve_database(database, test_config()).await;
    let set = "mutation($t: String!, $p: String!) { setPasswordWithLink(token: $t, password: $p) }";
    let used = app.gql_as(None, "en", set, json!({ "t": token, "p": "שבע כבשים על גג הבית" })).await;
    assert_eq!(used["data"]["setPasswordWithLink"], true, "{used}");
    assert!(app.login_payload(&member, "שבע כבשים על גג הבית").await["errors"].is_null());
    let audited = app.scalar_i64("SELECT COUNT(*) FROM audit_log WHERE entity = 'account' AND user_id IS NULL").await;
    assert_eq!(audited, 3, "disable, enable and reset by the operator");
}

both_engines!(
    seed_demo_loads_once_and_refuses_a_non_empty_database,
    user_add_creates_an_account_with_its_town_role,
    operators_list_disable_enable_and_reset_accounts,
    a_committed_write_survives_kill_9_of_the_server,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthcheck_answers_for_a_ready_server_and_fails_without_one() {
    let app = spawn_app(Engine::Sqlite).await;
    let ready = std::process::Command::new(workit_binary())
        .args(["healthcheck", "--url", &app.url("/readyz")])
        .output()
        .unwrap();
    assert!(ready.status.success(), "{}", String::from_utf8_lossy(&ready.stderr));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let down = std::process::Command::new(workit_binary())
        .args(["healthcheck", "--url", &format!("http://{closed}/readyz")])
        .output()
        .unwrap();
    assert_eq!(down.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&down.stderr).contains("not ready"));
}
