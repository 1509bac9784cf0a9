//! Signed-in accounts kept between requests (ADR 0019).
//!
//! Every signed-in request needs its account, session and memberships; reading them is one
//! statement, about a sixth of a small dashboard's CPU. This keeps what was read, per session,
//! for as long as nothing it was read from can have changed:
//! - only while the server hears PostgreSQL announce such changes (`accounts::changes`); on
//!   SQLite, or while the listener is down, nothing is kept and every request reads;
//! - an announced change, a gap in listening, or a mutation run by this server drops all of it,
//!   so a sign-out or a role taken away through this server holds from its next request;
//! - nothing is kept longer than `max_age`, the bound on a listener that hangs unnoticed.
//!
//! A generation number closes the race between a read and a change: an account read before a
//! drop is never kept after it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use mini_moka::sync::Cache;
use workit_domain::UserId;
use workit_persistence::Database;
use workit_persistence::accounts::SignedIn;
use workit_persistence::accounts::changes::AccessChanges;

/// Sessions kept at most; one per person signed in, far above any town's use.
const CAPACITY: u64 = 10_000;

/// How long the listener waits before listening again after it failed to connect.
const RETRY: Duration = Duration::from_secs(1);

type Session = (UserId, i64);

struct Kept<A> {
    generation: u64,
    account: Arc<A>,
}

impl<A> Clone for Kept<A> {
    fn clone(&self) -> Self {
        Self { generation: self.generation, account: Arc::clone(&self.account) }
    }
}

/// The accounts kept, by session (`A` is the account as sign-in reads it; the unit tests keep
/// stand-ins).
pub struct SignedInCache<A = SignedIn> {
    /// `None` when keeping is turned off (`max_age` zero).
    kept: Option<Cache<Session, Kept<A>>>,
    generation: AtomicU64,
    listening: AtomicBool,
}

impl<A: Send + Sync + 'static> SignedInCache<A> {
    pub fn new(max_age: Duration) -> Self {
        let kept = (!max_age.is_zero()).then(|| Cache::builder().max_capacity(CAPACITY).time_to_live(max_age).build());
        Self { kept, generation: AtomicU64::new(0), listening: AtomicBool::new(false) }
    }

    /// The account read for this session, if it is kept and nothing changed since.
    fn get(&self, user_id: UserId, session_id: i64) -> Option<Arc<A>> {
        let kept = self.kept.as_ref()?;
        if !self.listening.load(Ordering::Acquire) {
            return None;
        }
        let entry = kept.get(&(user_id, session_id))?;
        (entry.generation == self.generation.load(Ordering::Acquire)).then_some(entry.account)
    }

    /// The account of this session: the one kept, or the one `read` answers, kept for the next
    /// request. `read` is not polled when the account is kept.
    pub async fn get_or_read<E>(
        &self,
        user_id: UserId,
        session_id: i64,
        read: impl Future<Output = Result<Option<A>, E>>,
    ) -> Result<Option<Arc<A>>, E> {
        if let Some(kept) = self.get(user_id, session_id) {
            return Ok(Some(kept));
        }
        let generation = self.generation();
        let Some(account) = read.await? else { return Ok(None) };
        let account = Arc::new(account);
        self.keep(user_id, session_id, generation, Arc::clone(&account));
        Ok(Some(account))
    }

    /// The generation to hand to [`keep`](Self::keep): taken before the account is read.
    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Keeps an account read at `generation`, unless something changed since.
    fn keep(&self, user_id: UserId, session_id: i64, generation: u64, account: Arc<A>) {
        if let Some(kept) = &self.kept
            && self.listening.load(Ordering::Acquire)
            && generation == self.generation()
        {
            kept.insert((user_id, session_id), Kept { generation, account });
        }
    }

    /// Drops every account kept: something they were read from may have changed.
    pub fn forget_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Some(kept) = &self.kept {
            kept.invalidate_all();
        }
    }

    fn set_listening(&self, listening: bool) {
        if listening {
            // Nothing read before listening began may be kept: changes before it went unheard.
            self.forget_all();
            self.listening.store(true, Ordering::Release);
        } else {
            self.listening.store(false, Ordering::Release);
            self.forget_all();
        }
    }

    /// Listens to PostgreSQL's notices for as long as the runtime runs, listening again after a
    /// lost connection; on SQLite, or with keeping turned off, it does nothing.
    pub fn spawn_listener(self: &Arc<Self>, db: Database) {
        if self.kept.is_none() {
            return;
        }
        let cache = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                match AccessChanges::listen(&db).await {
                    Ok(None) => return,
                    Ok(Some(mut changes)) => {
                        cache.set_listening(true);
                        // A change, or a gap in which changes went unheard: either way, forget.
                        while changes.next().await.is_ok() {
                            cache.forget_all();
                        }
                        cache.set_listening(false);
                        tracing::warn!("stopped hearing account changes; signed-in accounts are read on every request");
                    }
                    Err(error) => tracing::warn!(?error, "listening for account changes failed"),
                }
                tokio::time::sleep(RETRY).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listening_cache() -> SignedInCache<String> {
        let cache = SignedInCache::new(Duration::from_secs(60));
        cache.set_listening(true);
        cache
    }

    fn account() -> Arc<String> {
        Arc::new("a referent of Kiryat Gat".to_owned())
    }

    #[test]
    fn an_account_is_kept_while_the_server_listens() {
        let cache = listening_cache();
        cache.keep(7, 1, cache.generation(), account());
        assert!(cache.get(7, 1).is_some());
        assert!(cache.get(7, 2).is_none(), "another session of the same account");
    }

    #[test]
    fn nothing_is_kept_when_the_server_does_not_listen_or_keeping_is_off() {
        let deaf = SignedInCache::<String>::new(Duration::from_secs(60));
        deaf.keep(7, 1, deaf.generation(), account());
        assert!(deaf.get(7, 1).is_none());

        let off = SignedInCache::<String>::new(Duration::ZERO);
        off.set_listening(true);
        off.keep(7, 1, off.generation(), account());
        assert!(off.get(7, 1).is_none());
    }

    #[test]
    fn a_change_drops_what_was_kept_and_what_was_read_before_it() {
        let cache = listening_cache();
        cache.keep(7, 1, cache.generation(), account());
        let read_before_the_change = cache.generation();
        cache.forget_all();
        assert!(cache.get(7, 1).is_none());
        cache.keep(7, 1, read_before_the_change, account());
        assert!(cache.get(7, 1).is_none(), "read before the change, stored after it");
    }

    #[test]
    fn losing_the_listener_drops_everything_and_keeps_nothing_until_it_is_back() {
        let cache = listening_cache();
        cache.keep(7, 1, cache.generation(), account());
        cache.set_listening(false);
        assert!(cache.get(7, 1).is_none());
        let generation = cache.generation();
        cache.keep(7, 1, generation, account());
        cache.set_listening(true);
        assert!(cache.get(7, 1).is_none(), "read while deaf");
    }

    #[tokio::test]
    async fn a_kept_account_is_answered_without_reading() {
        let cache = listening_cache();
        let read = |name: &str| std::future::ready(Ok::<_, ()>(Some(name.to_owned())));
        assert_eq!(
            cache.get_or_read(7, 1, read("first read")).await.unwrap().as_deref().map(String::as_str),
            Some("first read")
        );
        assert_eq!(
            cache.get_or_read(7, 1, read("second read")).await.unwrap().as_deref().map(String::as_str),
            Some("first read")
        );
        cache.forget_all();
        assert_eq!(
            cache.get_or_read(7, 1, read("third read")).await.unwrap().as_deref().map(String::as_str),
            Some("third read")
        );
        let revoked = cache.get_or_read(7, 2, std::future::ready(Ok::<_, ()>(None))).await.unwrap();
        assert!(revoked.is_none(), "a revoked session is not kept");
    }
}
