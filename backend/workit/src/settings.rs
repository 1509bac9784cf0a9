//! Turning flags and `WORKIT_*` variables into the settings of each layer.

use std::io::IsTerminal as _;
use std::num::NonZeroU32;

use anyhow::{Context as _, bail};
use chrono::Duration;
use rand::RngCore;
use tracing_subscriber::EnvFilter;
use workit_api::ApiConfig;
use workit_api::config::LoginLimits;

use crate::cli::Serve;

/// Checks a log filter (`--log`, `WORKIT_LOG`) when the command line is read, so a typo stops the
/// command with clap's message instead of logging at some other level than the one asked for.
pub fn log_filter(filter: &str) -> Result<String, String> {
    EnvFilter::try_new(filter).map(|_| filter.to_owned()).map_err(|error| error.to_string())
}

pub fn init_tracing(filter: &str, json: bool) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    // Colour codes only for a person at a terminal: a log file, `docker logs` or journald would
    // keep them as escape sequences in every line.
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colour);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Opens the database, creating the folder of a SQLite file on first run.
pub async fn open_database(url: &str, max_connections: Option<u32>) -> anyhow::Result<workit_persistence::Database> {
    if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
    }
    let max_connections = max_connections.unwrap_or_else(|| workit_persistence::db::default_pool_size(url));
    workit_persistence::connect(url, max_connections)
        .await
        .with_context(|| format!("opening the database at {}", redact(url)))
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// Refuses a secret an attacker could guess: short, or made of very few distinct characters.
pub fn check_secret(secret: &str) -> anyhow::Result<()> {
    let distinct = secret.chars().collect::<std::collections::BTreeSet<_>>().len();
    if secret.len() < ApiConfig::MIN_SECRET_BYTES || distinct < 10 {
        bail!(
            "WORKIT_JWT_SECRET is too weak: use at least {} random characters (for example `openssl rand -base64 48`).",
            ApiConfig::MIN_SECRET_BYTES
        );
    }
    Ok(())
}

pub fn api_config(serve: &Serve) -> anyhow::Result<ApiConfig> {
    let secret = match (&serve.jwt_secret, serve.demo) {
        (Some(secret), _) => {
            check_secret(secret)?;
            secret.as_bytes().to_vec()
        }
        (None, true) => {
            // Demo mode only: a fresh secret per start (sign-ins do not survive a restart).
            let mut bytes = vec![0u8; 48];
            rand::rng().fill_bytes(&mut bytes);
            bytes
        }
        (None, false) => {
            bail!("WORKIT_JWT_SECRET is required (at least 32 random characters); only --demo runs without it.")
        }
    };
    if serve.access_token_minutes < 1 || serve.refresh_token_days < 1 {
        bail!("token lifetimes must be positive");
    }
    let mut config = ApiConfig::with_secret(secret);
    config.access_token_ttl = Duration::minutes(serve.access_token_minutes);
    config.refresh_token_ttl = Duration::days(serve.refresh_token_days);
    config.graphiql = serve.graphiql && !serve.production;
    config.introspection = !serve.production;
    config.demo = serve.demo;
    config.public_url = serve.public_url.clone();
    if serve.suppression_threshold < 2 {
        bail!("the suppression threshold must be at least 2");
    }
    config.suppression_threshold = f64::from(serve.suppression_threshold);
    config.signed_in_max_age = std::time::Duration::from_secs(serve.sign_in_cache_seconds);
    config.smtp =
        serve.smtp_url.clone().map(|url| workit_api::config::SmtpConfig { url, from: serve.smtp_from.clone() });
    config.static_dir = serve.static_dir.join("index.html").is_file().then(|| serve.static_dir.clone());
    if config.static_dir.is_none() {
        tracing::warn!(dir = %serve.static_dir.display(), "no built web app found; serving the API only");
    }
    config.login_limits = LoginLimits {
        account_burst: NonZeroU32::new(serve.login_burst_per_account)
            .context("login burst per account must be at least 1")?,
        ip_burst: NonZeroU32::new(serve.login_burst_per_ip).context("login burst per IP must be at least 1")?,
        ..LoginLimits::default()
    };
    config.survey_limits = LoginLimits {
        ip_burst: NonZeroU32::new(serve.survey_burst_per_ip).context("survey burst per IP must be at least 1")?,
        ..config.survey_limits
    };
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_secrets_are_refused() {
        assert!(check_secret("short").is_err());
        assert!(check_secret(&"a".repeat(64)).is_err());
        assert!(check_secret("Zq3v9LmP0xR7tYw2Kb8NcD5fGh1JsUe4").is_ok());
    }

    #[test]
    fn database_passwords_stay_out_of_messages() {
        assert_eq!(redact("postgres://workit:secret@db:5432/workit"), "postgres://…@db:5432/workit");
        assert_eq!(redact("sqlite://./data/workit.db"), "sqlite://./data/workit.db");
    }
}
