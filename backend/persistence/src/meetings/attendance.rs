//! Who is invited to a meeting and who came (the two-thirds rule, domain §8).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use workit_domain::forums::is_current;
use workit_domain::meetings::{AttendanceStatus, MAX_INVITEES, MeetingStatus, attendance_recordable};
use workit_domain::validation::{FieldError, codes};
use workit_domain::{Action, Actor, DomainError};

use super::authorized;
use crate::entities::{attendance, meetings, memberships, people};
use crate::joined::AllByPosition;
use crate::room::check_room;
use crate::{Database, StoreResult, audit};

fn row(meeting_id: i64, person_id: i64, now: DateTime<Utc>) -> attendance::ActiveModel {
    attendance::ActiveModel {
        meeting_id: Set(meeting_id),
        person_id: Set(person_id),
        status: Set(AttendanceStatus::Invited.into()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// Invites the body's current members (once: already invited people are left as they are).
pub async fn invite_members(
    db: &impl ConnectionTrait,
    meeting: &meetings::Model,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let today = now.date_naive();
    let invited: std::collections::HashSet<i64> =
        by_meeting_ids(db, &[meeting.id]).await?.into_iter().map(|a| a.person_id).collect();
    let members: Vec<i64> = memberships::Entity::find()
        .filter(memberships::Column::BodyId.eq(meeting.body_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|m| is_current(m.joined_on, m.left_on, today) && !invited.contains(&m.person_id))
        .map(|m| m.person_id)
        .collect();
    if members.is_empty() {
        return Ok(());
    }
    workit_domain::validation::check_room("invitees", invited.len() as u64, members.len(), MAX_INVITEES)?;
    attendance::Entity::insert_many(members.into_iter().map(|person| row(meeting.id, person, now)))
        .on_conflict_do_nothing_on([attendance::Column::MeetingId, attendance::Column::PersonId])
        .exec(db)
        .await?;
    Ok(())
}

async fn editable_meeting(db: &Database, actor: &Actor, meeting_id: i64) -> StoreResult<(meetings::Model, i64)> {
    let (meeting, _, town) = authorized(db, actor, meeting_id, Action::EditForum).await?;
    Ok((meeting, town))
}

/// Adds a guest (a person of the same town who is not in the body).
pub async fn invite(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let (meeting, town) = editable_meeting(db, actor, meeting_id).await?;
    if meeting.status == MeetingStatus::Cancelled || meeting.status == MeetingStatus::MinutesApproved {
        return Err(DomainError::Validation(vec![
            FieldError::new("status", codes::PLAN_LOCKED).with("status", meeting.status),
        ])
        .into());
    }
    let person = people::Entity::find_by_id(person_id).one(db).await?;
    if person.is_none_or(|p| p.town_id != town) {
        return Err(DomainError::validation("personId", codes::INVALID_CHOICE).into());
    }
    check_room::<attendance::Entity>(db, attendance::Column::MeetingId, meeting_id, "invitees", MAX_INVITEES).await?;
    let txn = db.begin().await?;
    attendance::Entity::insert(row(meeting_id, person_id, now))
        .on_conflict_do_nothing_on([attendance::Column::MeetingId, attendance::Column::PersonId])
        .exec_without_returning(&txn)
        .await?;
    audit::record(&txn, actor, "invite", "meeting", meeting_id, now).await?;
    Ok(txn.commit().await?)
}

/// Records whether an invitee attended. Only invitees have attendance.
pub async fn record(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    person_id: i64,
    status: AttendanceStatus,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let (meeting, _) = editable_meeting(db, actor, meeting_id).await?;
    let state = *meeting.status;
    if !attendance_recordable(state) {
        return Err(DomainError::Validation(vec![
            FieldError::new("status", codes::ATTENDANCE_CLOSED).with("status", state.as_str()),
        ])
        .into());
    }
    let Some(invitee) = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.eq(meeting_id))
        .filter(attendance::Column::PersonId.eq(person_id))
        .one(db)
        .await?
    else {
        return Err(DomainError::validation("personId", codes::NOT_INVITED).into());
    };
    let mut active: attendance::ActiveModel = invitee.into();
    active.status = Set(status.into());
    active.updated_at = Set(now);
    let txn = db.begin().await?;
    active.update(&txn).await?;
    audit::record(&txn, actor, "attendance", "meeting", meeting_id, now).await?;
    Ok(txn.commit().await?)
}

pub async fn by_meeting_ids(db: &impl ConnectionTrait, ids: &[i64]) -> StoreResult<Vec<attendance::Model>> {
    Ok(attendance::Entity::find()
        .filter(attendance::Column::MeetingId.is_in(ids.iter().copied()))
        .order_by_asc(attendance::Column::Id)
        .all_by_position(db)
        .await?)
}

/// The invitees of the meetings with their people, in one joined statement (a meetings page
/// names everyone it lists); contact details redacted for `actor` as everywhere else. Ordered as
/// [`by_meeting_ids`].
pub async fn with_people_by_meeting_ids(
    db: &Database,
    actor: &Actor,
    ids: &[i64],
) -> StoreResult<Vec<(attendance::Model, crate::directory::Person)>> {
    let select = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.is_in(ids.iter().copied()))
        .order_by_asc(attendance::Column::Id);
    let rows =
        crate::joined::pairs::<_, people::Entity>(db, select, attendance::Column::PersonId, people::Column::Id).await?;
    crate::directory::with_people(db, actor, rows).await
}
