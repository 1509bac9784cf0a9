//! The e-mail outbox. Every notification a meeting sends is written here in the same
//! transaction as the change that caused it; a delivery loop sends it when SMTP is configured,
//! and without SMTP the referent sees exactly what would have been sent.
//!
//! Several app servers may deliver from one database: a row is claimed with a conditional
//! update before sending, and a claim older than [`CLAIM_TIMEOUT_MINUTES`] is taken over.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use workit_domain::meetings::notifications::{self, MeetingFacts, NotificationKind};
use workit_domain::meetings::{AttendanceStatus, MeetingStatus};
use workit_domain::wording::Locale;
use workit_domain::{Action, Actor};

use super::authorized;
use crate::entities::{agenda_items, attendance, bodies, meetings, outbox_emails, people, users};
use crate::{Database, StoreResult};

/// Giving up after this many failed attempts; the referent sees the last error.
pub const MAX_ATTEMPTS: i32 = 5;
pub const CLAIM_TIMEOUT_MINUTES: i64 = 5;

/// Who gets a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    Invitees,
    /// Those marked as attended; every invitee when attendance was not recorded.
    Attendees,
}

/// What the e-mail needs beyond the meeting row.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub comment_deadline: Option<chrono::NaiveDate>,
    /// The web app's public address (`WORKIT_PUBLIC_URL`) for a link to the meeting.
    pub public_url: Option<String>,
}

/// Writes one e-mail per recipient with an address, in each one's language.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    meeting: &meetings::Model,
    kind: NotificationKind,
    recipients: Recipients,
    extra: &Extra,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let invitees = attendance::Entity::find().filter(attendance::Column::MeetingId.eq(meeting.id)).all(db).await?;
    let attended: Vec<&attendance::Model> =
        invitees.iter().filter(|a| a.status == AttendanceStatus::Attended).collect();
    let person_ids: Vec<i64> = match recipients {
        Recipients::Attendees if !attended.is_empty() => attended.iter().map(|a| a.person_id).collect(),
        _ => invitees.iter().map(|a| a.person_id).collect(),
    };
    if person_ids.is_empty() {
        return Ok(0);
    }
    let persons = people::Entity::find().filter(people::Column::Id.is_in(person_ids.clone())).all(db).await?;
    let languages: Vec<(Option<i64>, String)> = users::Entity::find()
        .select_only()
        .column(users::Column::PersonId)
        .column(users::Column::Locale)
        .filter(users::Column::PersonId.is_in(person_ids))
        .into_tuple()
        .all(db)
        .await?;
    let body_name = bodies::Entity::find_by_id(meeting.body_id).one(db).await?.map(|b| b.name).unwrap_or_default();
    let agenda = agenda_items::Entity::find()
        .filter(agenda_items::Column::MeetingId.eq(meeting.id))
        .order_by_asc(agenda_items::Column::Position)
        .all(db)
        .await?;
    let facts = MeetingFacts {
        title: meeting.title.clone(),
        body_name,
        starts_at: meeting.starts_at,
        duration_minutes: meeting.duration_minutes,
        place: meeting.place.clone(),
        online_url: meeting.online_url.clone(),
        agenda: agenda.into_iter().map(|i| (i.title, i.minutes)).collect(),
        cancel_reason: meeting.cancel_reason.clone(),
        comment_deadline: extra.comment_deadline,
        link: workit_domain::links::meeting(extra.public_url.as_deref(), meeting.id),
    };
    let rows: Vec<outbox_emails::ActiveModel> = persons
        .into_iter()
        .filter_map(|person| {
            let address = person.email.filter(|e| !e.is_empty())?;
            let tag = languages.iter().find(|(p, _)| *p == Some(person.id)).map(|(_, l)| l.as_str());
            let email = notifications::compose(kind, &facts, Locale::of_account(tag));
            Some(queued(Some(meeting.id), kind.as_str(), (address, person.full_name), &email.subject, email.body, now))
        })
        .collect();
    let count = rows.len();
    if count > 0 {
        outbox_emails::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(count)
}

/// One e-mail waiting for delivery: about a meeting, or (`None`) about an account.
pub(crate) fn queued(
    meeting_id: Option<i64>,
    kind: &str,
    (to_email, to_name): (String, String),
    subject: &str,
    body: String,
    now: DateTime<Utc>,
) -> outbox_emails::ActiveModel {
    outbox_emails::ActiveModel {
        meeting_id: Set(meeting_id),
        kind: Set(kind.to_owned()),
        to_email: Set(to_email),
        to_name: Set(to_name),
        subject: Set(subject.chars().take(300).collect()),
        body: Set(body),
        claimed_at: Set(None),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
}

/// The notifications of one meeting, newest first; only for those who plan its meetings
/// (the messages carry people's addresses).
pub async fn of_meeting(db: &Database, actor: &Actor, meeting_id: i64) -> StoreResult<Vec<outbox_emails::Model>> {
    authorized(db, actor, meeting_id, Action::EditForum).await?;
    Ok(outbox_emails::Entity::find()
        .filter(outbox_emails::Column::MeetingId.eq(meeting_id))
        .order_by_desc(outbox_emails::Column::Id)
        .limit(500)
        .all(db)
        .await?)
}

/// Claims up to `limit` messages to send now.
pub async fn claim_pending(db: &Database, now: DateTime<Utc>, limit: u64) -> StoreResult<Vec<outbox_emails::Model>> {
    let stale_claim = now - Duration::minutes(CLAIM_TIMEOUT_MINUTES);
    let candidates = outbox_emails::Entity::find()
        .filter(outbox_emails::Column::SentAt.is_null())
        .filter(outbox_emails::Column::Attempts.lt(MAX_ATTEMPTS))
        .filter(
            sea_orm::Condition::any()
                .add(outbox_emails::Column::ClaimedAt.is_null())
                .add(outbox_emails::Column::ClaimedAt.lt(stale_claim)),
        )
        .order_by_asc(outbox_emails::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for row in candidates {
        let mut update = outbox_emails::Entity::update_many()
            .set(outbox_emails::ActiveModel { claimed_at: Set(Some(now)), ..Default::default() })
            .filter(outbox_emails::Column::Id.eq(row.id))
            .filter(outbox_emails::Column::SentAt.is_null());
        update = match row.claimed_at {
            Some(at) => update.filter(outbox_emails::Column::ClaimedAt.eq(at)),
            None => update.filter(outbox_emails::Column::ClaimedAt.is_null()),
        };
        if update.exec(db).await?.rows_affected == 1 {
            claimed.push(row);
        }
    }
    Ok(claimed)
}

pub async fn mark_sent(db: &Database, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    outbox_emails::Entity::update_many()
        .set(outbox_emails::ActiveModel { sent_at: Set(Some(now)), last_error: Set(None), ..Default::default() })
        .filter(outbox_emails::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Releases the claim so the next round retries, counting the attempt.
pub async fn mark_failed(db: &Database, row: &outbox_emails::Model, error: &str) -> StoreResult<()> {
    outbox_emails::Entity::update_many()
        .set(outbox_emails::ActiveModel {
            claimed_at: Set(None),
            attempts: Set(row.attempts + 1),
            last_error: Set(Some(error.chars().take(1000).collect())),
            ..Default::default()
        })
        .filter(outbox_emails::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether a move of the meeting tells the invitees: sending invitations, and cancelling a
/// meeting they were already invited to.
pub fn notification_for_move(from: MeetingStatus, to: MeetingStatus) -> Option<NotificationKind> {
    match (from, to) {
        (_, MeetingStatus::InvitationsSent) => Some(NotificationKind::Invitation),
        (MeetingStatus::InvitationsSent, MeetingStatus::Cancelled) => Some(NotificationKind::Cancelled),
        _ => None,
    }
}
