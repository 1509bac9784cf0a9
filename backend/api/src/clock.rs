use chrono::{DateTime, Utc};

/// The only way the server learns the time, so rules take `now` as an argument and tests can
/// pin it.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // The one sanctioned reader of the wall clock.
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
