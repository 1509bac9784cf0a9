use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "workit", version, about = "WORKIT Hub: the municipal employment forum's system")]
pub struct Cli {
    /// `sqlite://path/to/file.db` (created on first run) or `postgres://user:pass@host/db`.
    #[arg(long, env = "WORKIT_DATABASE_URL", default_value = "sqlite://./data/workit.db", global = true)]
    pub database_url: String,
    /// Database pool size per process; by default twice the number of cores on PostgreSQL and
    /// the number of cores plus one on SQLite (see `workit_persistence::db::default_pool_size`).
    #[arg(long, env = "WORKIT_MAX_CONNECTIONS", global = true)]
    pub max_connections: Option<u32>,
    /// Log filter, e.g. `info` or `workit_api=debug,info`.
    #[arg(long, env = "WORKIT_LOG", default_value = "info", global = true, value_parser = crate::settings::log_filter)]
    pub log: String,
    /// Log as JSON lines (for log collectors) instead of text.
    #[arg(long, env = "WORKIT_LOG_JSON", default_value_t = false, global = true)]
    pub log_format_json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the HTTP server (applies pending migrations first unless --no-migrate).
    Serve(Serve),
    /// Apply pending database migrations.
    Migrate,
    /// Load the synthetic demo data set into an empty database.
    SeedDemo {
        #[arg(long, env = "WORKIT_DEMO_PASSWORD", default_value = "workit-demo")]
        demo_password: String,
        /// `demo`: the fourteen towns; `national`: a synthetic country of 257 towns, for scale.
        #[arg(long, value_enum, default_value = "demo")]
        scale: DemoScale,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Exit 0 when the server at --url answers ready, 1 otherwise (the container's health check).
    Healthcheck {
        #[arg(long, default_value = "http://127.0.0.1:8080/readyz")]
        url: String,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Args)]
pub struct Serve {
    #[arg(long, env = "WORKIT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HMAC secret for access tokens, at least 32 characters. Required unless --demo.
    #[arg(long, env = "WORKIT_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    #[arg(long, env = "WORKIT_ACCESS_TOKEN_MINUTES", default_value_t = 15)]
    pub access_token_minutes: i64,
    #[arg(long, env = "WORKIT_REFRESH_TOKEN_DAYS", default_value_t = 30)]
    pub refresh_token_days: i64,
    /// Production mode: no GraphiQL, no introspection, no field suggestions.
    #[arg(long, env = "WORKIT_PRODUCTION", default_value_t = false)]
    pub production: bool,
    /// Serve GraphiQL at GET /graphql (ignored in production mode).
    #[arg(long, env = "WORKIT_GRAPHIQL", default_value_t = true, action = clap::ArgAction::Set)]
    pub graphiql: bool,
    /// Directory of the built web app (`frontend/dist`).
    #[arg(long, env = "WORKIT_STATIC_DIR", default_value = "frontend/dist")]
    pub static_dir: std::path::PathBuf,
    /// Demo mode: load the demo data into an empty database, show the demo banner, and allow a
    /// generated token secret.
    #[arg(long, env = "WORKIT_DEMO", default_value_t = false)]
    pub demo: bool,
    #[arg(long, env = "WORKIT_DEMO_PASSWORD", default_value = "workit-demo")]
    pub demo_password: String,
    #[arg(long, env = "WORKIT_NO_MIGRATE", default_value_t = false)]
    pub no_migrate: bool,
    /// Sign-in attempts per account before waiting (one more every 12 seconds).
    #[arg(long, env = "WORKIT_LOGIN_BURST_PER_ACCOUNT", default_value_t = 5)]
    pub login_burst_per_account: u32,
    /// Sign-in attempts per client address before waiting (one more every 2 seconds).
    #[arg(long, env = "WORKIT_LOGIN_BURST_PER_IP", default_value_t = 30)]
    pub login_burst_per_ip: u32,
    /// Public survey requests per client address before waiting (one more every 3 minutes).
    #[arg(long, env = "WORKIT_SURVEY_BURST_PER_IP", default_value_t = 20)]
    pub survey_burst_per_ip: u32,
    /// Counts of people below this are shown as "<10" outside their town (model §11).
    #[arg(long, env = "WORKIT_SUPPRESSION_THRESHOLD", default_value_t = 10)]
    pub suppression_threshold: u32,
    /// On PostgreSQL, the longest (in seconds) a signed-in account is kept between requests while
    /// the server hears changes to accounts announced; 0 reads it on every request, at most 3600
    /// (ADR 0019).
    #[arg(long, env = "WORKIT_SIGN_IN_CACHE_SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub sign_in_cache_seconds: u64,
    /// The web app's public address, for links in e-mails (e.g. https://hub.example.org).
    #[arg(long, env = "WORKIT_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// SMTP relay for e-mail: smtp://host:25, smtp://user:pass@host:587?tls=required, smtps://….
    /// Without it, meetings show what would be sent.
    #[arg(long, env = "WORKIT_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of e-mail, e.g. "WORKIT Hub <forum@example.org>".
    #[arg(long, env = "WORKIT_SMTP_FROM", default_value = "WORKIT Hub <no-reply@workit-hub.local>")]
    pub smtp_from: String,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; prints a generated password unless --password-stdin.
    Add(AddUser),
    /// List every account with its role and whether it is disabled.
    List,
    /// Disable an account: it is signed out everywhere and cannot sign in.
    Disable(UserByEmail),
    /// Enable a disabled account again.
    Enable(UserByEmail),
    /// Print a one-time link (valid 24 hours) with which the person sets a new password.
    ResetPassword(UserByEmail),
}

#[derive(Args)]
pub struct UserByEmail {
    #[arg(long)]
    pub email: String,
}

#[derive(Args)]
pub struct AddUser {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// ADMIN, NATIONAL, REGIONAL_COORDINATOR, or a town role: CHAIR, EMPLOYMENT_LEAD, REFERENT, MEMBER.
    #[arg(long)]
    pub role: String,
    /// The town (id, Hebrew or English name) of a town role.
    #[arg(long, conflicts_with = "region")]
    pub town: Option<String>,
    /// The region (id or code, e.g. `north`) of a regional coordinator.
    #[arg(long)]
    pub region: Option<String>,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DemoScale {
    Demo,
    National,
}

impl From<DemoScale> for workit_persistence::demo::Scale {
    fn from(scale: DemoScale) -> Self {
        match scale {
            DemoScale::Demo => Self::Demo,
            DemoScale::National => Self::National,
        }
    }
}
