use std::sync::Arc;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng};
use tokio::sync::Semaphore;
use workit_domain::DomainError;

/// argon2id hashing, run on the blocking pool with a cap on concurrent hashes so a burst of
/// sign-ins cannot starve the async runtime or exhaust memory.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

/// A hash of a random password: verifying against it when the account does not exist takes as
/// long as a real check, so response times do not reveal which e-mails have accounts.
fn dummy_hash() -> Result<&'static str, DomainError> {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = hash_now("no account has this password")?;
    Ok(DUMMY.get_or_init(|| hash))
}

impl PasswordHasher {
    pub fn new(max_concurrent: usize) -> Self {
        Self { permits: Arc::new(Semaphore::new(max_concurrent.max(1))) }
    }

    pub async fn hash(&self, password: String) -> Result<String, DomainError> {
        let _permit = self.permits.acquire().await.map_err(|e| DomainError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?
    }

    /// `hash` is `None` for an unknown account; the check still runs.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, DomainError> {
        let _permit = self.permits.acquire().await.map_err(|e| DomainError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            let known = hash.is_some();
            let hash = match hash {
                Some(hash) => hash,
                None => dummy_hash()?.to_owned(),
            };
            let parsed = PasswordHash::new(&hash).map_err(|e| DomainError::Internal(e.to_string()))?;
            Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && known)
        })
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?
    }
}

/// Synchronous hashing for the command line.
pub fn hash_now(password: &str) -> Result<String, DomainError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DomainError::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_unknown_accounts_never_match() {
        let hasher = PasswordHasher::new(2);
        let hash = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("correct horse battery".into(), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify("wrong".into(), Some(hash)).await.unwrap());
        assert!(!hasher.verify("anything".into(), None).await.unwrap());
    }
}
