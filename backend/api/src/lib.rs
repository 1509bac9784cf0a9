//! Transport of WORKIT Hub: authentication, the GraphQL schema and the HTTP router.
//!
//! Thin by design: resolvers parse arguments, call the persistence layer (which authorizes and
//! validates through the domain), and map errors to stable GraphQL codes.

// The schema's merged resolver futures nest deeply; proving them `Send` once a store read holds a
// raw statement (whose values may be JSON) goes past the compiler's default depth of 128.
#![recursion_limit = "256"]

pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod graphql;
pub mod http;
pub mod i18n;
pub mod mail;
pub mod request_cost;

use std::sync::Arc;

pub use clock::{Clock, SystemClock};
pub use config::ApiConfig;
pub use http::router;
pub use mail::{spawn_delivery, spawn_weekly_digest};
use workit_persistence::Database;

/// Everything a request handler needs, shared by all requests of one server process.
#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub config: Arc<ApiConfig>,
    pub clock: Arc<dyn Clock>,
    pub passwords: auth::password::PasswordHasher,
    pub login_limiter: Arc<auth::rate_limit::LoginLimiter>,
    pub survey_limiter: Arc<auth::rate_limit::LoginLimiter>,
    pub graphql: graphql::documents::Executor,
    pub mail: Arc<mail::Mail>,
    /// Permits for reads over every town. Each holds the country's figures in memory (tens of
    /// megabytes at 257 towns) and spends about half its time waiting on the database, so twice
    /// the cores keep the cores busy; more at once add memory and no throughput, and wait.
    pub country_reads: Arc<tokio::sync::Semaphore>,
    /// Signed-in accounts kept between requests (ADR 0019).
    pub signed_in: Arc<auth::signed_in::SignedInCache>,
}

impl AppState {
    pub fn new(db: Database, config: ApiConfig, clock: Arc<dyn Clock>) -> Self {
        let graphql = graphql::documents::Executor::new(&config);
        Self::with_graphql(db, Arc::new(config), clock, graphql)
    }

    /// The state around GraphQL schemas already built: a server builds them, most of its start,
    /// while its database opens.
    pub fn with_graphql(
        db: Database,
        config: Arc<ApiConfig>,
        clock: Arc<dyn Clock>,
        graphql: graphql::documents::Executor,
    ) -> Self {
        let passwords = auth::password::PasswordHasher::new(config.max_concurrent_password_hashes);
        let login_limiter = Arc::new(auth::rate_limit::LoginLimiter::new(&config.login_limits));
        let survey_limiter = Arc::new(auth::rate_limit::LoginLimiter::new(&config.survey_limits));
        let mail = Arc::new(mail::Mail::new(config.smtp.is_some()));
        let country_reads = Arc::new(tokio::sync::Semaphore::new(config.max_concurrent_country_reads.max(1)));
        let signed_in = Arc::new(auth::signed_in::SignedInCache::new(config.signed_in_max_age));
        Self { db, config, clock, passwords, login_limiter, survey_limiter, graphql, mail, country_reads, signed_in }
    }

    /// Waits for a turn to read every town; the turn ends when the permit is dropped.
    pub async fn country_read(&self) -> Result<tokio::sync::SemaphorePermit<'_>, workit_domain::DomainError> {
        self.country_reads.acquire().await.map_err(|e| workit_domain::DomainError::Internal(e.to_string()))
    }
}

/// Starts hearing PostgreSQL announce changes to accounts, so that signed-in accounts can be kept
/// between requests (ADR 0019); does nothing on SQLite.
pub fn spawn_access_listener(state: &AppState) {
    state.signed_in.spawn_listener(state.db.clone());
}
