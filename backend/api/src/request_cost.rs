//! What one request cost the database — statements run and time spent in them — logged with the
//! request's line, so a slow request says where its time went.
//!
//! The tally travels as a task-local value: the HTTP layer opens it around the request (loader
//! batches run inside the request's task, see `graphql::loaders::Batches`), and the database's
//! metric callback, installed once per process by [`count_statements`], adds to whichever tally the
//! running task holds.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use workit_persistence::Database;

tokio::task_local! {
    static TALLY: Arc<Tally>;
}

#[derive(Debug, Default)]
pub struct Tally {
    statements: AtomicU64,
    micros: AtomicU64,
}

impl Tally {
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    pub fn database_time(&self) -> Duration {
        Duration::from_micros(self.micros.load(Ordering::Relaxed))
    }

    fn add(&self, elapsed: Duration) {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.micros.fetch_add(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX), Ordering::Relaxed);
    }
}

/// Adds every statement the database runs to the running request's tally (none outside one).
pub fn count_statements(db: &mut Database) {
    db.set_metric_callback(|info| {
        let _ = TALLY.try_with(|tally| tally.add(info.elapsed));
        // Each statement at debug level (`WORKIT_LOG=workit_api::sql=debug`): what a request ran.
        tracing::debug!(target: "workit_api::sql", ms = info.elapsed.as_secs_f64() * 1000.0, sql = %info.statement.sql);
    });
}

/// Runs `work` with `tally` as the running request's.
pub async fn with_tally<F: Future>(tally: Arc<Tally>, work: F) -> F::Output {
    TALLY.scope(tally, work).await
}
