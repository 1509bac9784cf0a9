use base64::Engine as _;
use chrono::{DateTime, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use workit_domain::{AuthFailure, DomainError, UserId};

use crate::config::ApiConfig;

/// The one algorithm we sign and accept; a token claiming any other is refused.
pub const ALGORITHM: Algorithm = Algorithm::HS256;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// The sign-in session; revoking it invalidates this token at once.
    pub sid: i64,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

/// Who an access token says is calling. Roles are not in it: they are read from the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSubject {
    pub user_id: UserId,
    pub session_id: i64,
}

pub fn issue_access_token(
    config: &ApiConfig,
    subject: TokenSubject,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), DomainError> {
    let expires_at = now + config.access_token_ttl;
    let claims = Claims {
        sub: subject.user_id.to_string(),
        sid: subject.session_id,
        iss: config.jwt_issuer.clone(),
        aud: config.jwt_audience.clone(),
        iat: now.timestamp(),
        nbf: now.timestamp(),
        exp: expires_at.timestamp(),
    };
    let token = encode(&Header::new(ALGORITHM), &claims, &EncodingKey::from_secret(&config.jwt_secret))
        .map_err(|e| DomainError::Internal(format!("signing token: {e}")))?;
    Ok((token, expires_at))
}

/// Checks signature, algorithm, `exp`, `nbf`, `iss`, `aud` and `sub` (all required).
pub fn verify_access_token(config: &ApiConfig, token: &str, now: DateTime<Utc>) -> Result<TokenSubject, AuthFailure> {
    let mut validation = Validation::new(ALGORITHM);
    validation.algorithms = vec![ALGORITHM];
    validation.set_issuer(&[&config.jwt_issuer]);
    validation.set_audience(&[&config.jwt_audience]);
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.leeway = 5;
    let data =
        decode::<Claims>(token, &DecodingKey::from_secret(&config.jwt_secret), &validation).map_err(|e| {
            match e.kind() {
                ErrorKind::ExpiredSignature => AuthFailure::Expired,
                _ => AuthFailure::InvalidToken,
            }
        })?;
    // The injected clock is the product's notion of time; it must agree too.
    if data.claims.exp <= now.timestamp() - validation.leeway as i64 {
        return Err(AuthFailure::Expired);
    }
    let user_id = data.claims.sub.parse().map_err(|_| AuthFailure::InvalidToken)?;
    Ok(TokenSubject { user_id, session_id: data.claims.sid })
}

/// A fresh opaque refresh token (256 random bits) and the hash under which it is stored.
pub fn new_refresh_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_secret_token(&token);
    (token, hash)
}

/// A public link's token (a survey round's): 256 random bits, URL-safe. Kept as is, since the
/// town's staff share the link again and again; revoking the round is how it stops working.
pub fn new_link_token() -> String {
    new_refresh_token().0
}

/// How random secrets (refresh tokens, calendar-feed tokens) are stored: their SHA-256, so a
/// copy of the database does not hand out working credentials.
pub fn hash_secret_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ApiConfig {
        ApiConfig::with_secret(b"0123456789abcdef0123456789abcdef".to_vec())
    }

    #[allow(clippy::disallowed_methods)]
    fn now() -> DateTime<Utc> {
        Utc::now()
    }

    #[test]
    fn issued_tokens_verify() {
        let subject = TokenSubject { user_id: 7, session_id: 3 };
        let (token, _) = issue_access_token(&config(), subject, now()).unwrap();
        assert_eq!(verify_access_token(&config(), &token, now()), Ok(subject));
    }

    #[test]
    fn expired_tokens_are_refused_as_expired() {
        let subject = TokenSubject { user_id: 7, session_id: 3 };
        let (token, _) = issue_access_token(&config(), subject, now() - chrono::Duration::hours(1)).unwrap();
        assert_eq!(verify_access_token(&config(), &token, now()), Err(AuthFailure::Expired));
    }

    #[test]
    fn tokens_of_another_secret_audience_or_algorithm_are_refused() {
        let subject = TokenSubject { user_id: 7, session_id: 3 };
        let other = ApiConfig::with_secret(b"another-secret-another-secret-xx".to_vec());
        let (token, _) = issue_access_token(&other, subject, now()).unwrap();
        assert_eq!(verify_access_token(&config(), &token, now()), Err(AuthFailure::InvalidToken));

        let mut wrong_audience = config();
        wrong_audience.jwt_audience = "someone-else".into();
        let (token, _) = issue_access_token(&wrong_audience, subject, now()).unwrap();
        assert_eq!(verify_access_token(&config(), &token, now()), Err(AuthFailure::InvalidToken));

        let claims = Claims {
            sub: "7".into(),
            sid: 3,
            iss: "workit-hub".into(),
            aud: "workit-hub-web".into(),
            iat: 0,
            nbf: 0,
            exp: i64::MAX / 2,
        };
        let hs512 =
            encode(&Header::new(Algorithm::HS512), &claims, &EncodingKey::from_secret(&config().jwt_secret)).unwrap();
        assert_eq!(verify_access_token(&config(), &hs512, now()), Err(AuthFailure::InvalidToken));
    }

    #[test]
    fn refresh_tokens_are_random_and_stored_hashed() {
        let (a, hash_a) = new_refresh_token();
        let (b, _) = new_refresh_token();
        assert_ne!(a, b);
        assert_eq!(hash_a, hash_secret_token(&a));
        assert_eq!(hash_a.len(), 64);
        assert!(!hash_a.contains(&a));
    }
}
