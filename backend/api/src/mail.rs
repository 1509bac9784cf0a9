//! E-mail delivery from the outbox over SMTP (lettre). Changes write their notifications to the
//! outbox in their own transaction; this loop sends them, woken at once by the request that
//! wrote them and every [`POLL_SECONDS`] for retries and other servers' rows.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;
use workit_persistence::accounts::digest;
use workit_persistence::entities::outbox_emails;
use workit_persistence::meetings::outbox;

use crate::AppState;
use crate::config::SmtpConfig;

const POLL_SECONDS: u64 = 30;
const BATCH: u64 = 50;
/// How often a server checks whether the week's digest is due (it goes out once per week).
const DIGEST_CHECK_SECONDS: u64 = 15 * 60;

/// The outbox's side of the app state: whether SMTP is configured, and the bell that wakes the
/// delivery loop.
#[derive(Default)]
pub struct Mail {
    pub configured: bool,
    wake: Notify,
}

impl Mail {
    pub fn new(configured: bool) -> Self {
        Self { configured, wake: Notify::new() }
    }

    /// Called after a change wrote notifications.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Sender {
    /// Checks the settings at start-up, so a typo stops the server instead of every e-mail.
    pub fn new(config: &SmtpConfig) -> anyhow::Result<Self> {
        let transport =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.url)?.timeout(Some(Duration::from_secs(20))).build();
        Ok(Self { transport, from: config.from.parse()? })
    }

    async fn send(&self, row: &outbox_emails::Model) -> anyhow::Result<()> {
        let to = Mailbox::new(Some(row.to_name.clone()), row.to_email.parse()?);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(row.body.clone())?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// Sends what is pending until nothing is left, then waits to be woken or for the next poll.
pub fn spawn_delivery(state: &AppState) -> anyhow::Result<Option<tokio::task::JoinHandle<()>>> {
    let Some(config) = &state.config.smtp else { return Ok(None) };
    let sender = Arc::new(Sender::new(config)?);
    let state = state.clone();
    Ok(Some(tokio::spawn(async move {
        loop {
            deliver_pending(&state, &sender).await;
            tokio::select! {
                () = state.mail.wake.notified() => {}
                () = tokio::time::sleep(Duration::from_secs(POLL_SECONDS)) => {}
            }
        }
    })))
}

/// Queues the chairs' weekly digest when it is due (see `accounts::digest`), then checks again
/// every [`DIGEST_CHECK_SECONDS`]; runs beside the delivery loop, so only with SMTP configured.
pub fn spawn_weekly_digest(state: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    state.config.smtp.as_ref()?;
    let state = state.clone();
    Some(tokio::spawn(async move {
        loop {
            let public_url = state.config.public_url.as_deref();
            match digest::queue_weekly(&state.db, state.clock.now(), public_url).await {
                Ok(0) => {}
                Ok(count) => {
                    tracing::info!(count, "queued the weekly digest");
                    state.mail.wake();
                }
                Err(error) => tracing::error!(?error, "queueing the weekly digest"),
            }
            tokio::time::sleep(Duration::from_secs(DIGEST_CHECK_SECONDS)).await;
        }
    }))
}

async fn deliver_pending(state: &AppState, sender: &Sender) {
    loop {
        let rows = match outbox::claim_pending(&state.db, state.clock.now(), BATCH).await {
            Ok(rows) => rows,
            Err(error) => {
                tracing::error!(?error, "reading the e-mail outbox");
                return;
            }
        };
        if rows.is_empty() {
            return;
        }
        let mut failures = 0;
        for row in &rows {
            let result = match sender.send(row).await {
                Ok(()) => outbox::mark_sent(&state.db, row.id, state.clock.now()).await,
                Err(error) => {
                    failures += 1;
                    tracing::warn!(id = row.id, %error, "sending an e-mail");
                    outbox::mark_failed(&state.db, row, &error.to_string()).await
                }
            };
            if let Err(error) = result {
                tracing::error!(?error, "recording an e-mail's delivery");
            }
        }
        // A relay that refuses everything is retried at the next poll, not in a tight loop.
        if failures == rows.len() {
            return;
        }
    }
}
