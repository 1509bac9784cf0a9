use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

mod meetings;

pub use meetings::*;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use workit_api::{ApiConfig, AppState, SystemClock};
use workit_persistence::Database;
use workit_persistence::demo::Scale;

pub const DEMO_PASSWORD: &str = "workit-demo";
pub const TEST_SECRET: &[u8] = b"integration-tests-secret-0123456789-abcdefghij";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Generates one `#[tokio::test]` per engine for an `async fn name(engine: Engine)`.
macro_rules! both_engines {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    super::$name($crate::helpers::Engine::Sqlite).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    super::$name($crate::helpers::Engine::Postgres).await
                }
            }
        )+
    };
}

/// A fresh, empty database; the guard keeps a SQLite file's folder alive.
pub struct FreshDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn fresh_database(engine: Engine) -> FreshDatabase {
    match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("workit.db").display());
            FreshDatabase { url, _dir: Some(dir) }
        }
        Engine::Postgres => create_postgres_database("").await,
    }
}

/// This process's folder for SQLite templates, under the build's temporary folder (statics are
/// never dropped, so a temporary directory would outlive the process); folders left by ended
/// processes, or by an earlier process with this one's id, are removed.
fn sqlite_template_folder() -> &'static PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let parent = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let ours = std::process::id().to_string();
        let stale = std::fs::read_dir(&parent).into_iter().flatten().flatten().filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_prefix("seeded-")
                .is_some_and(|pid| pid == ours || !PathBuf::from(format!("/proc/{pid}")).exists())
        });
        for folder in stale {
            std::fs::remove_dir_all(folder.path()).ok();
        }
        let folder = parent.join(format!("seeded-{ours}"));
        std::fs::create_dir_all(&folder).expect("a folder for the seeded SQLite templates");
        folder
    })
}

/// A new database on the test PostgreSQL; `options` end the `CREATE DATABASE` statement.
async fn create_postgres_database(options: &str) -> FreshDatabase {
    let admin_url = postgres_admin_url();
    let admin = workit_persistence::connect(&admin_url, 1).await.expect("connect to the test PostgreSQL");
    let name = format!("workit_test_{}", rand::random::<u64>());
    admin
        .execute_raw(Statement::from_string(admin.get_database_backend(), format!("CREATE DATABASE {name} {options}")))
        .await
        .expect("create database");
    admin.close().await.ok();
    let base = admin_url.rsplit_once('/').map(|(base, _)| base).expect("url with database");
    FreshDatabase { url: format!("{base}/{name}"), _dir: None }
}

/// `WORKIT_TEST_POSTGRES_URL` if set; otherwise a throwaway PostgreSQL cluster started once for
/// this test process (from `WORKIT_TEST_PG_BIN`, default /usr/lib/postgresql/15/bin). It runs
/// as the `postgres` user when we are root, and a watchdog stops it and deletes its files when
/// this process exits.
fn postgres_admin_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("WORKIT_TEST_POSTGRES_URL") {
            return url;
        }
        let bin = std::env::var("WORKIT_TEST_PG_BIN").unwrap_or_else(|_| "/usr/lib/postgresql/15/bin".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let watched = std::process::id();
        let script = format!(
            r#"set -e
dir=$(mktemp -d /tmp/workit-pg-XXXXXX)
"{bin}/initdb" -D "$dir" -A trust -U postgres --no-sync >"$dir.log" 2>&1
"{bin}/postgres" -D "$dir" -k "$dir" -h 127.0.0.1 -p {port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 >>"$dir.log" 2>&1 &
pg=$!
( while [ -d /proc/{watched} ]; do sleep 1; done; kill -INT $pg; sleep 2; rm -rf "$dir" "$dir.log" ) >/dev/null 2>&1 &
"#
        );
        let is_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
        let mut command = if is_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", "sh", "-c", &script]);
            c
        } else {
            let mut c = Command::new("sh");
            c.args(["-c", &script]);
            c
        };
        let status = command.stdin(Stdio::null()).status().expect("start PostgreSQL");
        assert!(status.success(), "initdb/postgres failed to start (is PostgreSQL 15 installed at {bin}?)");
        let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                std::thread::sleep(Duration::from_millis(300));
                return url;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("PostgreSQL did not start on port {port}");
    })
    .clone()
}

/// The demo password hashed once per test process (hashing is deliberately slow).
pub fn demo_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| workit_api::auth::password::hash_now(DEMO_PASSWORD).expect("hash"))
}

pub struct TestApp {
    pub address: SocketAddr,
    pub db: Database,
    pub client: reqwest::Client,
    /// SQL statements the server has run so far.
    pub statements: Arc<AtomicUsize>,
    _database: FreshDatabase,
}

pub fn test_config() -> ApiConfig {
    ApiConfig::with_secret(TEST_SECRET.to_vec())
}

/// The server as in production, over a fresh migrated database holding the demo data set.
pub async fn spawn_app(engine: Engine) -> TestApp {
    spawn_app_with(engine, test_config()).await
}

/// How long a change made behind a server's back (by another server, or by hand) may take to
/// reach a server that keeps signed-in accounts: PostgreSQL delivers its notice when the change
/// commits (ADR 0019), so this is a generous bound for a busy test machine.
pub const NOTICE: Duration = Duration::from_secs(10);

/// Runs `attempt` every 20 ms until it succeeds, for at most [`NOTICE`]; then fails with `what`
/// and the last attempt's account of itself.
pub async fn eventually<T>(what: &str, mut attempt: impl AsyncFnMut() -> Result<T, String>) -> T {
    let start = std::time::Instant::now();
    loop {
        match attempt().await {
            Ok(done) => return done,
            Err(last) => assert!(start.elapsed() < NOTICE, "{what}: {last}"),
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Settings for tests that count a request's statements: every request reads its account, as
/// every request does on SQLite. Whether a server keeps an account between requests (ADR 0019)
/// depends on when its listener connected, so a count would otherwise differ by one between runs.
pub fn counting_config() -> ApiConfig {
    let mut config = test_config();
    config.signed_in_max_age = std::time::Duration::ZERO;
    config
}

/// The server with [`counting_config`].
pub async fn spawn_counting_app(engine: Engine) -> TestApp {
    spawn_app_with(engine, counting_config()).await
}

pub async fn spawn_app_with(engine: Engine, config: ApiConfig) -> TestApp {
    spawn_app_at_scale(engine, config, workit_persistence::demo::Scale::Demo).await
}

/// The server over the demo data, or over the synthetic country of 257 towns.
pub async fn spawn_app_at_scale(engine: Engine, config: ApiConfig, scale: Scale) -> TestApp {
    serve_database(seeded_database(engine, scale).await, config).await
}

/// A fresh database holding the data set: a copy of one migrated and seeded once per test process
/// (seeding takes seconds in a debug build, and nearly every test starts from it). PostgreSQL
/// copies a template database; SQLite a file.
pub async fn seeded_database(engine: Engine, scale: Scale) -> FreshDatabase {
    let template = seeded_template(engine, scale).await;
    match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let copy = dir.path().join("workit.db");
            std::fs::copy(&template.url["sqlite://".len()..], &copy).expect("copy the seeded SQLite file");
            FreshDatabase { url: format!("sqlite://{}", copy.display()), _dir: Some(dir) }
        }
        Engine::Postgres => {
            let template_name = template.url.rsplit_once('/').map(|(_, name)| name).expect("url with database");
            create_postgres_database(&format!("TEMPLATE {template_name}")).await
        }
    }
}

async fn seeded_template(engine: Engine, scale: Scale) -> &'static FreshDatabase {
    static TEMPLATES: [tokio::sync::OnceCell<FreshDatabase>; 4] = [const { tokio::sync::OnceCell::const_new() }; 4];
    let slot = match (engine, scale) {
        (Engine::Sqlite, Scale::Demo) => 0,
        (Engine::Sqlite, Scale::National) => 1,
        (Engine::Postgres, Scale::Demo) => 2,
        (Engine::Postgres, Scale::National) => 3,
    };
    TEMPLATES[slot]
        .get_or_init(|| async {
            let database = match engine {
                Engine::Sqlite => {
                    let file = sqlite_template_folder().join(format!("{scale:?}.db"));
                    FreshDatabase { url: format!("sqlite://{}", file.display()), _dir: None }
                }
                Engine::Postgres => fresh_database(engine).await,
            };
            let db = workit_persistence::connect(&database.url, 5).await.expect("connect");
            workit_persistence::migrate(&db).await.expect("migrate");
            workit_persistence::demo::seed_at_scale(&db, demo_hash(), now(), scale).await.expect("seed");
            // Closing checkpoints SQLite's write-ahead log into the file and frees PostgreSQL's
            // template of connections, so both can be copied.
            db.close().await.expect("close the seeded database");
            database
        })
        .await
}

/// The server over an existing database (migrated, with whatever data it holds).
pub async fn serve_database(database: FreshDatabase, config: ApiConfig) -> TestApp {
    // A pool of one: an operation that waits for a second connection while it holds one (a read
    // through the pool inside an open transaction) stalls here until the pool's timeout and fails
    // its test, where a bigger pool would hide it until as many such writes met in production.
    let mut db = workit_persistence::connect(&database.url, 1).await.expect("connect");
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let state = AppState::new(db.clone(), config, Arc::new(SystemClock));
    workit_api::spawn_delivery(&state).expect("SMTP settings");
    workit_api::spawn_access_listener(&state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let app = workit_api::router(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    TestApp { address, db, client: reqwest::Client::new(), statements, _database: database }
}

#[allow(clippy::disallowed_methods)]
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub fn demo_email(local: &str) -> String {
    format!("{local}@{}", workit_persistence::demo::DEMO_EMAIL_DOMAIN)
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Runs one operation; `token` signs the request, `language` sets `Accept-Language`.
    pub async fn gql_as(&self, token: Option<&str>, language: &str, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .header("accept-language", language)
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request");
        assert_eq!(response.status(), 200, "GraphQL answers 200");
        response.json().await.expect("json")
    }

    /// Posts a file to an import (`path` with its query), in English: the status and the answer.
    pub async fn post_file(&self, token: &str, path: &str, body: Vec<u8>) -> (u16, Value) {
        let response = self
            .client
            .post(self.url(path))
            .bearer_auth(token)
            .header("accept-language", "en")
            .body(body)
            .send()
            .await
            .expect("import request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON answer"))
    }

    /// Posts to an import a body that declares `declared` bytes and sends its first kilobyte,
    /// then nothing: the answer to the declared length alone. A client that sends it all races
    /// the server's early answer — the server closes the connection with the upload unread,
    /// and the reset can reach the client before the answer does.
    pub async fn post_declaring(&self, token: &str, path: &str, declared: usize) -> (u16, Value) {
        use futures::StreamExt as _;
        let first = futures::stream::once(async { Ok::<_, std::io::Error>(vec![b'a'; 1024]) });
        let response = self
            .client
            .post(self.url(path))
            .bearer_auth(token)
            .header("accept-language", "en")
            .header(reqwest::header::CONTENT_LENGTH, declared)
            .body(reqwest::Body::wrap_stream(first.chain(futures::stream::pending())))
            // A server that waits for the rest never answers.
            .timeout(std::time::Duration::from_secs(10))
            .send()
            .await
            .expect("an answer before the body is sent");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON answer"))
    }

    pub async fn gql(&self, token: &str, query: &str, variables: Value) -> Value {
        self.gql_as(Some(token), "en", query, variables).await
    }

    /// The answer to `query` and the SQL statements it ran, asked once before so that sessions and
    /// caches are warm; the answer must carry no errors. For statement-counting tests
    /// (`spawn_counting_app`).
    pub async fn counted_gql(&self, token: &str, query: &str, variables: Value) -> (Value, usize) {
        self.gql(token, query, variables.clone()).await;
        let before = self.statements.load(Ordering::SeqCst);
        let body = self.gql(token, query, variables).await;
        assert!(body["errors"].is_null(), "{body}");
        (body, self.statements.load(Ordering::SeqCst) - before)
    }

    pub async fn login_payload(&self, email: &str, password: &str) -> Value {
        self.gql_as(
            None,
            "en",
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken me { id email systemRole } } }",
            json!({ "e": email, "p": password }),
        )
        .await
    }

    /// Signs a demo account in (`local` is the part before `@`) and returns its access token.
    pub async fn login(&self, local: &str) -> String {
        let body = self.login_payload(&demo_email(local), DEMO_PASSWORD).await;
        body["data"]["login"]["accessToken"].as_str().unwrap_or_else(|| panic!("login {local}: {body}")).to_owned()
    }

    /// The id of a town by its English name.
    pub async fn town_id(&self, token: &str, name_en: &str) -> String {
        let body = self
            .gql(token, "query($s: String) { towns(search: $s) { items { id nameEn } } }", json!({ "s": name_en }))
            .await;
        body["data"]["towns"]["items"]
            .as_array()
            .and_then(|items| items.iter().find(|t| t["nameEn"] == name_en))
            .map(|t| t["id"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_else(|| panic!("no town {name_en}: {body}"))
    }

    /// The person behind a demo account (`local` as in `login`).
    pub async fn person_id_of(&self, local: &str) -> i64 {
        self.scalar_i64(&format!("SELECT person_id FROM users WHERE email = '{}'", demo_email(local))).await
    }

    pub async fn scalar_i64(&self, sql: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(self.db.get_database_backend(), sql.to_owned()))
            .await
            .expect("query")
            .expect("row");
        row.try_get_by_index::<i64>(0).expect("integer")
    }

    /// Subject and body of the weekly digest queued for `email` (the only one).
    pub async fn digest_to(&self, email: &str) -> (String, String) {
        let sql =
            format!("SELECT subject, body FROM outbox_emails WHERE kind = 'WEEKLY_DIGEST' AND to_email = '{email}'");
        let row = self
            .db
            .query_one_raw(Statement::from_string(self.db.get_database_backend(), sql))
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("no digest to {email}"));
        (row.try_get_by_index(0).expect("subject"), row.try_get_by_index(1).expect("body"))
    }
}

/// Sunday 08:00 in Israel (06:00 UTC) of the week after `now`, and `weeks` later: when the
/// weekly digest is due.
pub fn next_sunday_morning(weeks: i64) -> chrono::DateTime<chrono::Utc> {
    let sunday = workit_domain::accounts::digest::due_week(now()) + chrono::Duration::weeks(1 + weeks);
    sunday.and_hms_opt(6, 0, 0).unwrap().and_utc()
}

/// The first error's `extensions.code`.
pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or("")
}

pub fn workit_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_workit"))
}

/// The first error's field errors as (field, code).
pub fn field_errors(body: &Value) -> Vec<(String, String)> {
    body["errors"][0]["extensions"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|f| (f["field"].as_str().unwrap_or("").to_owned(), f["code"].as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

impl TestApp {
    /// Makes every later insert into `table` fail inside the database (a trigger), to show that
    /// a write whose last step fails keeps nothing of its earlier steps.
    pub async fn fail_inserts_into(&self, table: &str) {
        let backend = self.db.get_database_backend();
        let statements = match backend {
            sea_orm::DatabaseBackend::Sqlite => vec![format!(
                "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            )],
            _ => vec![
                format!(
                    "CREATE FUNCTION fail_{table}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql"
                ),
                format!(
                    "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION fail_{table}()"
                ),
            ],
        };
        for sql in statements {
            self.db.execute_raw(Statement::from_string(backend, sql)).await.expect("install the failing trigger");
        }
    }
}
