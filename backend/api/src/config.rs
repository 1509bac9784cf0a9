use std::num::NonZeroU32;
use std::path::PathBuf;

use chrono::Duration;

/// How many sign-in attempts are allowed before the limiter answers "try again later".
#[derive(Debug, Clone)]
pub struct LoginLimits {
    /// Attempts for one e-mail address in a burst, then one more every `account_period_secs`.
    pub account_burst: NonZeroU32,
    pub account_period_secs: u64,
    /// Attempts from one client address in a burst, then one more every `ip_period_secs`.
    pub ip_burst: NonZeroU32,
    pub ip_period_secs: u64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            account_burst: NonZeroU32::MIN.saturating_add(4),
            account_period_secs: 12,
            ip_burst: NonZeroU32::MIN.saturating_add(29),
            ip_period_secs: 2,
        }
    }
}

/// Settings of the API layer; the binary builds it from flags and `WORKIT_*` variables.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// HMAC key for access tokens (HS256). At least 32 bytes; the binary refuses weaker ones.
    pub jwt_secret: Vec<u8>,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// GraphiQL at `GET /graphql`.
    pub graphiql: bool,
    /// Introspection and "did you mean" suggestions; off in production.
    pub introspection: bool,
    /// Built web app to serve at `/` (with fallback to `index.html` for client routes).
    pub static_dir: Option<PathBuf>,
    /// The database holds the demo data set; the web app shows a banner.
    pub demo: bool,
    pub max_body_bytes: usize,
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    /// Fields one answer may resolve, counted as they are resolved (see `graphql/limits.rs`).
    pub max_response_fields: usize,
    pub max_concurrent_password_hashes: usize,
    /// Reads over every town (the comparison, its trend and export) run at most this many at
    /// once per server, twice the cores by default; more wait their turn (see
    /// `AppState::country_reads`).
    pub max_concurrent_country_reads: usize,
    pub login_limits: LoginLimits,
    /// Answers one client may send through public survey links: its address's bucket only
    /// (`ip_burst`, then one more every `ip_period_secs`).
    pub survey_limits: LoginLimits,
    /// The web app's public address, for links in e-mails (`https://hub.example.org`).
    pub public_url: Option<String>,
    /// Counts of people below this are withheld outside their town (`regions::suppression`).
    pub suppression_threshold: f64,
    /// Where e-mail goes; without it the outbox only shows what would be sent.
    pub smtp: Option<SmtpConfig>,
    /// The longest a signed-in account is kept between requests on PostgreSQL, while the server
    /// hears its changes announced (ADR 0019); zero reads it on every request.
    pub signed_in_max_age: std::time::Duration,
}

/// An SMTP relay: `smtp://host:port` (plain, for a local relay), `smtp://…?tls=required`
/// (STARTTLS) or `smtps://user:password@host` (TLS), as lettre reads such URLs.
#[derive(Clone)]
pub struct SmtpConfig {
    pub url: String,
    /// The sender, e.g. `WORKIT Hub <forum@example.org>`.
    pub from: String,
}

impl std::fmt::Debug for SmtpConfig {
    // The URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig").field("from", &self.from).finish_non_exhaustive()
    }
}

impl ApiConfig {
    pub const MIN_SECRET_BYTES: usize = 32;

    /// Sensible defaults around a given secret; used by the binary and the tests alike.
    pub fn with_secret(jwt_secret: Vec<u8>) -> Self {
        Self {
            jwt_secret,
            jwt_issuer: "workit-hub".into(),
            jwt_audience: "workit-hub-web".into(),
            access_token_ttl: Duration::minutes(15),
            refresh_token_ttl: Duration::days(30),
            graphiql: true,
            introspection: true,
            static_dir: None,
            demo: false,
            max_body_bytes: 1024 * 1024,
            max_depth: 12,
            max_complexity: 50_000,
            max_aliases: 30,
            max_response_fields: 100_000,
            max_concurrent_password_hashes: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_concurrent_country_reads: 2 * std::thread::available_parallelism().map_or(2, |n| n.get()),
            login_limits: LoginLimits::default(),
            survey_limits: LoginLimits {
                ip_burst: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
                ip_period_secs: 180,
                ..LoginLimits::default()
            },
            public_url: None,
            suppression_threshold: workit_domain::regions::suppression::DEFAULT_THRESHOLD,
            smtp: None,
            signed_in_max_age: std::time::Duration::from_secs(60),
        }
    }
}
