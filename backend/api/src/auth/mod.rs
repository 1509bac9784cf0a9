//! Sign-in: password hashing, access tokens (JWT), refresh tokens and the login rate limit.

pub mod password;
pub mod rate_limit;
pub mod tokens;
