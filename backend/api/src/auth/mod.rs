//! Sign-in: password hashing, access tokens (JWT), refresh tokens, the login rate limit and the
//! signed-in accounts kept between requests.

pub mod password;
pub mod rate_limit;
pub mod signed_in;
pub mod tokens;
