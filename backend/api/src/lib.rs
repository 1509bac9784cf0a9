//! Transport of WORKIT Hub: authentication, the GraphQL schema and the HTTP router.
//!
//! Thin by design: resolvers parse arguments, call the persistence layer (which authorizes and
//! validates through the domain), and map errors to stable GraphQL codes.

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
    pub schema: graphql::WorkitSchema,
    pub mail: Arc<mail::Mail>,
}

impl AppState {
    pub fn new(db: Database, config: ApiConfig, clock: Arc<dyn Clock>) -> Self {
        let config = Arc::new(config);
        let passwords = auth::password::PasswordHasher::new(config.max_concurrent_password_hashes);
        let login_limiter = Arc::new(auth::rate_limit::LoginLimiter::new(&config.login_limits));
        let survey_limiter = Arc::new(auth::rate_limit::LoginLimiter::new(&config.survey_limits));
        let schema = graphql::build_schema(&config);
        let mail = Arc::new(mail::Mail::new(config.smtp.is_some()));
        Self { db, config, clock, passwords, login_limiter, survey_limiter, schema, mail }
    }
}
