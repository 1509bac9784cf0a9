use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use workit_domain::{AuthFailure, DomainError};

use crate::config::LoginLimits;

/// Sign-in attempts per account from one client, and per client address (in memory, per
/// server process: with several app servers each enforces its own share, which still bounds
/// guessing). The account's bucket is keyed by the client too, as OWASP's authentication
/// guidance advises, so someone guessing from elsewhere cannot lock the owner out; the
/// per-client bucket bounds how many accounts one client tries.
pub struct LoginLimiter {
    per_account: DefaultKeyedRateLimiter<(String, IpAddr)>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
}

fn quota(burst: NonZeroU32, period_secs: u64) -> Quota {
    Quota::with_period(Duration::from_secs(period_secs.max(1)))
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl LoginLimiter {
    pub fn new(limits: &LoginLimits) -> Self {
        Self {
            per_account: RateLimiter::keyed(quota(limits.account_burst, limits.account_period_secs)),
            per_ip: RateLimiter::keyed(quota(limits.ip_burst, limits.ip_period_secs)),
        }
    }

    /// Takes one attempt from both buckets, or says how long to wait.
    pub fn check(&self, email: &str, ip: IpAddr) -> Result<(), DomainError> {
        self.check_client(ip)?;
        self.per_account.check_key(&(email.trim().to_lowercase(), ip)).map_err(refused)
    }

    /// Takes one attempt from the client's bucket: for operations that guess at a secret
    /// without naming an account (a one-time link).
    pub fn check_client(&self, ip: IpAddr) -> Result<(), DomainError> {
        self.per_ip.check_key(&ip).map_err(refused)
    }
}

fn refused(not_until: governor::NotUntil<<DefaultClock as Clock>::Instant>) -> DomainError {
    let wait = not_until.wait_time_from(DefaultClock::default().now());
    DomainError::Unauthenticated(AuthFailure::RateLimited { retry_after_secs: wait.as_secs().max(1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_independently_of_others() {
        let limits = LoginLimits {
            account_burst: NonZeroU32::MIN.saturating_add(1),
            account_period_secs: 60,
            ..LoginLimits::default()
        };
        let limiter = LoginLimiter::new(&limits);
        let ip: IpAddr = [127, 0, 0, 1].into();
        assert!(limiter.check("a@x.org", ip).is_ok());
        assert!(limiter.check("A@x.org ", ip).is_ok());
        let Err(DomainError::Unauthenticated(AuthFailure::RateLimited { retry_after_secs })) =
            limiter.check("a@x.org", ip)
        else {
            panic!("third attempt should be limited")
        };
        assert!(retry_after_secs >= 1);
        assert!(limiter.check("b@x.org", ip).is_ok());
    }

    #[test]
    fn guesses_from_one_client_do_not_lock_the_owner_out_elsewhere() {
        let limits = LoginLimits { account_burst: NonZeroU32::MIN, account_period_secs: 60, ..LoginLimits::default() };
        let limiter = LoginLimiter::new(&limits);
        let (attacker, owner): (IpAddr, IpAddr) = ([10, 0, 0, 9].into(), [127, 0, 0, 1].into());
        assert!(limiter.check("dana@x.org", attacker).is_ok());
        assert!(limiter.check("dana@x.org", attacker).is_err(), "the attacker is slowed down");
        assert!(limiter.check("dana@x.org", owner).is_ok(), "the owner still signs in");
    }
}
