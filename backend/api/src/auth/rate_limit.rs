use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use workit_domain::{AuthFailure, DomainError};

use crate::config::LoginLimits;

/// Sign-in attempts per account and per client address (in memory, per server process: with
/// several app servers each enforces its own share, which still bounds guessing).
pub struct LoginLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
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
        let clock = DefaultClock::default();
        let refused = |not_until: governor::NotUntil<_>| {
            let wait = not_until.wait_time_from(clock.now());
            DomainError::Unauthenticated(AuthFailure::RateLimited { retry_after_secs: wait.as_secs().max(1) })
        };
        self.per_ip.check_key(&ip).map_err(refused)?;
        self.per_account.check_key(&email.trim().to_lowercase()).map_err(refused)?;
        Ok(())
    }
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
}
