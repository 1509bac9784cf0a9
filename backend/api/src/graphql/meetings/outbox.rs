//! The e-mail a meeting sends, and, without SMTP, what it would send.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use workit_persistence::entities::outbox_emails;
use workit_persistence::meetings::outbox;

use crate::error::ApiResult;
use crate::graphql::ContextExt;
use crate::graphql::arguments::parse_id;
use crate::graphql::enums::{DeliveryStatus, NotificationKind, stored};

pub struct OutboxEmail {
    row: outbox_emails::Model,
    smtp_configured: bool,
}

#[Object]
impl OutboxEmail {
    async fn id(&self) -> ID {
        ID::from(self.row.id.to_string())
    }
    async fn kind(&self) -> ApiResult<NotificationKind> {
        Ok(stored(&self.row.kind, workit_domain::meetings::notifications::NotificationKind::parse)?.into())
    }
    async fn to_name(&self) -> &str {
        &self.row.to_name
    }
    async fn to_email(&self) -> &str {
        &self.row.to_email
    }
    async fn subject(&self) -> &str {
        &self.row.subject
    }
    async fn body(&self) -> &str {
        &self.row.body
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.row.created_at
    }
    async fn sent_at(&self) -> Option<DateTime<Utc>> {
        self.row.sent_at
    }
    async fn delivery(&self) -> DeliveryStatus {
        match (&self.row.sent_at, self.smtp_configured) {
            (Some(_), _) => DeliveryStatus::Sent,
            (None, false) => DeliveryStatus::NotConfigured,
            (None, true) if self.row.attempts >= outbox::MAX_ATTEMPTS => DeliveryStatus::Failed,
            (None, true) => DeliveryStatus::Pending,
        }
    }
    async fn last_error(&self) -> Option<&str> {
        self.row.last_error.as_deref()
    }
}

#[derive(SimpleObject)]
pub struct MeetingOutbox {
    /// Whether e-mail is really sent; otherwise the list shows what would be sent.
    smtp_configured: bool,
    emails: Vec<OutboxEmail>,
}

#[derive(Default)]
pub struct OutboxQuery;

#[Object]
impl OutboxQuery {
    /// The e-mails a meeting has sent (or, without SMTP, would have sent), newest first.
    async fn meeting_outbox(&self, ctx: &Context<'_>, meeting_id: ID) -> ApiResult<MeetingOutbox> {
        let rows = outbox::of_meeting(ctx.db(), ctx.actor()?, parse_id(&meeting_id, "meetingId")?).await?;
        let smtp_configured = ctx.app().mail.configured;
        Ok(MeetingOutbox {
            smtp_configured,
            emails: rows.into_iter().map(|row| OutboxEmail { row, smtp_configured }).collect(),
        })
    }
}

/// The notification settings every change that e-mails passes down.
pub fn mail_extra(ctx: &Context<'_>) -> outbox::Extra {
    outbox::Extra { comment_deadline: None, public_url: ctx.app().config.public_url.clone() }
}
