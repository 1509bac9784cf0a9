//! Minutes of a meeting, per agenda item, with their approval workflow: draft → circulated
//! (attendees comment per item until a deadline, the referent amends) → approved by the chair
//! (locked). A correction is a new version with its reason; every version stays readable.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::meetings::minutes::{self as rules, MinutesStatus};
use workit_domain::meetings::notifications::NotificationKind;
use workit_domain::meetings::{AgendaKind, AttendanceStatus, DecisionStatus, MeetingStatus};
use workit_domain::{Action, Actor, DomainError};

use super::{authorized, move_status, outbox, record_event};
use crate::entities::{agenda_items, attendance, minutes_comments, minutes_sections, minutes_versions, users};
use crate::joined::AllByPosition;
use crate::room::check_room;
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, StoreResult, audit};

/// The title of the one section of minutes for a meeting without an agenda.
const WHOLE_MEETING_SECTION: &str = "סיכום המפגש";

pub async fn versions_by_meeting_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<minutes_versions::Model>> {
    Ok(minutes_versions::Entity::find()
        .filter(minutes_versions::Column::MeetingId.is_in(ids.iter().copied()))
        .order_by_asc(minutes_versions::Column::Number)
        .all_by_position(db)
        .await?)
}

pub async fn sections_by_version_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<minutes_sections::Model>> {
    Ok(minutes_sections::Entity::find()
        .filter(minutes_sections::Column::MinutesVersionId.is_in(ids.iter().copied()))
        .order_by_asc(minutes_sections::Column::Position)
        .all_by_position(db)
        .await?)
}

pub async fn comments_by_section_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<minutes_comments::Model>> {
    Ok(minutes_comments::Entity::find()
        .filter(minutes_comments::Column::SectionId.is_in(ids.iter().copied()))
        .order_by_asc(minutes_comments::Column::Id)
        .all_by_position(db)
        .await?)
}

/// Checks, inside the caller's transaction, that the minutes are still in one of `allowed`,
/// and keeps them there until it commits: a no-op update takes the row's lock on PostgreSQL
/// (the database's write lock on SQLite), so an approval cannot commit between this check and
/// the write that depends on it. The check made before the transaction gave the precise
/// error; this one catches the race and answers as if the approval had come first.
async fn hold_status(
    txn: &sea_orm::DatabaseTransaction,
    minutes: &minutes_versions::Model,
    allowed: &[MinutesStatus],
) -> StoreResult<()> {
    use sea_orm::sea_query::Expr;
    let held = minutes_versions::Entity::update_many()
        .col_expr(minutes_versions::Column::Status, Expr::col(minutes_versions::Column::Status))
        .filter(minutes_versions::Column::Id.eq(minutes.id))
        .filter(minutes_versions::Column::Status.is_in(allowed.iter().map(|status| status.as_str())))
        .exec(txn)
        .await?;
    if held.rows_affected == 1 {
        return Ok(());
    }
    match minutes_versions::Entity::find_by_id(minutes.id).one(txn).await? {
        Some(row) => Ok(row.status.check_one_of(allowed)?),
        None => Err(not_found("minutes")),
    }
}

/// A versioned write of a minutes version, based on the `expected` version the client saw.
fn minutes_write(action: &'static str, minutes: &minutes_versions::Model, expected: i32) -> VersionedWrite {
    VersionedWrite { entity: "minutes", action, id: minutes.id, expected, current: minutes.version }
}

async fn version_row(db: &Database, id: i64) -> StoreResult<minutes_versions::Model> {
    minutes_versions::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("minutes"))
}

async fn section_row(db: &Database, id: i64) -> StoreResult<minutes_sections::Model> {
    minutes_sections::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("minutes_section"))
}

async fn insert_version(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    meeting_id: i64,
    number: i32,
    correction_reason: Option<String>,
    sections: Vec<(String, String)>,
    now: DateTime<Utc>,
) -> StoreResult<minutes_versions::Model> {
    let version = insert_new(
        txn,
        minutes_versions::ActiveModel {
            meeting_id: Set(meeting_id),
            number: Set(number),
            status: Set(MinutesStatus::Draft.into()),
            comment_deadline: Set(None),
            circulated_at: Set(None),
            approved_at: Set(None),
            approved_by: Set(None),
            correction_reason: Set(correction_reason),
            created_by: Set(Some(actor.user_id)),
            ..Default::default()
        },
        now,
    )
    .await?;
    let rows = sections.into_iter().enumerate().map(|(position, (title, notes))| minutes_sections::ActiveModel {
        minutes_version_id: Set(version.id),
        position: Set(position as i32),
        title: Set(title),
        notes: Set(notes),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    });
    minutes_sections::Entity::insert_many(rows).exec(txn).await?;
    audit::record(txn, actor, "create", "minutes", version.id, now).await?;
    Ok(version)
}

/// Opens the minutes of a held meeting: one section per agenda item (breaks left out).
/// Two people starting at once get one set of minutes and a `CONFLICT` for the second.
pub async fn start(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<minutes_versions::Model> {
    let (meeting, _, _) = authorized(db, actor, meeting_id, Action::EditForum).await?;
    rules::check_minutes_allowed(*meeting.status)?;
    let mut sections: Vec<(String, String)> = agenda_items::Entity::find()
        .filter(agenda_items::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_items::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .filter(|i| i.kind != AgendaKind::Break)
        .map(|i| (i.title, String::new()))
        .collect();
    if sections.is_empty() {
        sections.push((WHOLE_MEETING_SECTION.to_owned(), String::new()));
    }
    let txn = db.begin().await?;
    // The unique (meeting, number) index turns a second start into a CONFLICT.
    let version = insert_version(&txn, actor, meeting_id, 1, None, sections, now).await?;
    txn.commit().await?;
    Ok(version)
}

/// Saves one section's text. Sections are versioned one by one, so two people writing
/// different items never collide, and two on the same item get a `CONFLICT` with the
/// other's version instead of overwriting it.
pub async fn save_section(
    db: &Database,
    actor: &Actor,
    section_id: i64,
    version: i32,
    notes: &str,
    now: DateTime<Utc>,
) -> StoreResult<minutes_sections::Model> {
    let section = section_row(db, section_id).await?;
    let minutes = version_row(db, section.minutes_version_id).await?;
    authorized(db, actor, minutes.meeting_id, Action::EditForum).await?;
    minutes.status.check_editable()?;
    let notes = rules::validate_notes(notes)?;
    let changes = minutes_sections::ActiveModel { notes: Set(notes), ..Default::default() };
    let write = VersionedWrite::update("minutes_section", section_id, version, section.version);
    let txn = db.begin().await?;
    hold_status(&txn, &minutes, &[MinutesStatus::Draft, MinutesStatus::Circulated]).await?;
    update_if_current(&txn, &write, changes, now).await?;
    audit::record(&txn, actor, write.action, write.entity, write.id, now).await?;
    txn.commit().await?;
    section_row(db, section_id).await
}

/// Sends the draft to the attendees for comments until `deadline` (a day in Israel).
pub async fn circulate(
    db: &Database,
    actor: &Actor,
    minutes_id: i64,
    version: i32,
    deadline: NaiveDate,
    extra: &outbox::Extra,
    now: DateTime<Utc>,
) -> StoreResult<minutes_versions::Model> {
    let minutes = version_row(db, minutes_id).await?;
    let (meeting, _, _) = authorized(db, actor, minutes.meeting_id, Action::EditForum).await?;
    minutes.status.check_circulate(deadline, rules::israel_date(now))?;
    let txn = db.begin().await?;
    let changes = minutes_versions::ActiveModel {
        status: Set(MinutesStatus::Circulated.into()),
        comment_deadline: Set(Some(deadline)),
        circulated_at: Set(Some(now)),
        ..Default::default()
    };
    update_if_current(&txn, &minutes_write("circulate", &minutes, version), changes, now).await?;
    let details = format!("v{} → {deadline}", minutes.number);
    record_event(&txn, actor, meeting.id, "MINUTES_CIRCULATED", Some(details), now).await?;
    let extra = outbox::Extra { comment_deadline: Some(deadline), ..extra.clone() };
    outbox::enqueue(&txn, &meeting, NotificationKind::MinutesCirculated, outbox::Recipients::Attendees, &extra, now)
        .await?;
    audit::record(&txn, actor, "circulate", "minutes", minutes_id, now).await?;
    txn.commit().await?;
    version_row(db, minutes_id).await
}

/// Whether the actor may comment: those who plan the town's meetings, and the meeting's
/// invitees (through the person their account is linked to).
async fn may_comment(db: &Database, actor: &Actor, meeting_id: i64) -> StoreResult<()> {
    if authorized(db, actor, meeting_id, Action::EditForum).await.is_ok() {
        return Ok(());
    }
    let invited = match actor.person {
        Some(person) => attendance::Entity::find()
            .filter(attendance::Column::MeetingId.eq(meeting_id))
            .filter(attendance::Column::PersonId.eq(person))
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    if invited { Ok(()) } else { Err(DomainError::Forbidden.into()) }
}

/// An attendee's comment on one item of circulated minutes.
pub async fn comment(
    db: &Database,
    actor: &Actor,
    section_id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> StoreResult<minutes_comments::Model> {
    let section = section_row(db, section_id).await?;
    let minutes = version_row(db, section.minutes_version_id).await?;
    may_comment(db, actor, minutes.meeting_id).await?;
    minutes.status.check_comment(minutes.comment_deadline, rules::israel_date(now))?;
    let body = rules::validate_comment(body)?;
    let author = users::Entity::find_by_id(actor.user_id).one(db).await?.map(|u| u.display_name).unwrap_or_default();
    let txn = db.begin().await?;
    hold_status(&txn, &minutes, &[MinutesStatus::Circulated]).await?;
    let max = workit_domain::meetings::MAX_COMMENTS_PER_SECTION;
    check_room::<minutes_comments::Entity>(&txn, minutes_comments::Column::SectionId, section_id, "body", max).await?;
    let row = minutes_comments::ActiveModel {
        section_id: Set(section_id),
        author_user_id: Set(actor.user_id),
        author_name: Set(author),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, "comment", "minutes", minutes.id, now).await?;
    txn.commit().await?;
    Ok(row)
}

/// The chair approves circulated minutes: the version is locked, who and when recorded, the
/// meeting closed (ticking its stage milestone) and the approved minutes sent to the invitees.
pub async fn approve(
    db: &Database,
    actor: &Actor,
    minutes_id: i64,
    version: i32,
    extra: &outbox::Extra,
    now: DateTime<Utc>,
) -> StoreResult<minutes_versions::Model> {
    let minutes = version_row(db, minutes_id).await?;
    let (meeting, body, _) = authorized(db, actor, minutes.meeting_id, Action::ApproveMinutes).await?;
    minutes.status.check_approve()?;
    let txn = db.begin().await?;
    let changes = minutes_versions::ActiveModel {
        status: Set(MinutesStatus::Approved.into()),
        approved_at: Set(Some(now)),
        approved_by: Set(Some(actor.user_id)),
        ..Default::default()
    };
    update_if_current(&txn, &minutes_write("approve", &minutes, version), changes, now).await?;
    if *meeting.status == MeetingStatus::Held {
        move_status(&txn, actor, &meeting, &body, meeting.version, MeetingStatus::MinutesApproved, None, extra, now)
            .await?;
    } else {
        record_event(
            &txn,
            actor,
            meeting.id,
            MeetingStatus::MinutesApproved.as_str(),
            Some(format!("v{}", minutes.number)),
            now,
        )
        .await?;
    }
    outbox::enqueue(&txn, &meeting, NotificationKind::MinutesApproved, outbox::Recipients::Invitees, extra, now)
        .await?;
    audit::record(&txn, actor, "approve", "minutes", minutes_id, now).await?;
    txn.commit().await?;
    version_row(db, minutes_id).await
}

/// Opens a correction of approved minutes: a new draft version, copied from the approved one,
/// with the reason. The approved version stays as it was.
pub async fn correct(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<minutes_versions::Model> {
    authorized(db, actor, meeting_id, Action::EditForum).await?;
    let latest = minutes_versions::Entity::find()
        .filter(minutes_versions::Column::MeetingId.eq(meeting_id))
        .order_by_desc(minutes_versions::Column::Number)
        .one(db)
        .await?
        .ok_or_else(|| not_found("minutes"))?;
    let reason = rules::check_correction(*latest.status, reason)?;
    let max = workit_domain::meetings::MAX_MINUTES_VERSIONS;
    check_room::<minutes_versions::Entity>(db, minutes_versions::Column::MeetingId, meeting_id, "minutes", max).await?;
    let sections = sections_by_version_ids(db, &[latest.id]).await?.into_iter().map(|s| (s.title, s.notes)).collect();
    let txn = db.begin().await?;
    let version =
        insert_version(&txn, actor, meeting_id, latest.number + 1, Some(reason.clone()), sections, now).await?;
    record_event(&txn, actor, meeting_id, "MINUTES_CORRECTION", Some(format!("v{}: {reason}", version.number)), now)
        .await?;
    txn.commit().await?;
    Ok(version)
}

/// Everything a printed or exported set of minutes shows.
pub struct MinutesDocument {
    pub meeting: crate::entities::meetings::Model,
    pub body_name: String,
    pub minutes: minutes_versions::Model,
    pub approved_by: Option<String>,
    pub sections: Vec<minutes_sections::Model>,
    /// (name, attendance status) of every invitee.
    pub attendance: Vec<(String, AttendanceStatus)>,
    /// (text, owner's name, due date, status) of every decision.
    pub decisions: Vec<(String, Option<String>, Option<NaiveDate>, DecisionStatus)>,
}

/// Whether someone may read a version of the minutes: drafts only those who write the town's
/// minutes (`may_write`: the actor may edit the town's forum), the rest everyone who may read
/// the meeting.
pub fn readable(version: &minutes_versions::Model, may_write: bool) -> bool {
    may_write || version.status != MinutesStatus::Draft
}

/// One version of the minutes (`number`), or the newest the actor may read (see [`readable`]).
pub async fn document(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    number: Option<i32>,
) -> StoreResult<MinutesDocument> {
    use crate::entities::{bodies, decisions, people};
    let meeting = super::get(db, actor, meeting_id).await?;
    let may_write = authorized(db, actor, meeting_id, Action::EditForum).await.is_ok();
    let minutes = versions_by_meeting_ids(db, &[meeting_id])
        .await?
        .into_iter()
        .rfind(|v| readable(v, may_write) && number.is_none_or(|n| v.number == n))
        .ok_or_else(|| not_found("minutes"))?;
    let sections = sections_by_version_ids(db, &[minutes.id]).await?;
    let body_name = bodies::Entity::find_by_id(meeting.body_id).one(db).await?.map(|b| b.name).unwrap_or_default();
    let invitees = attendance::Entity::find().filter(attendance::Column::MeetingId.eq(meeting_id)).all(db).await?;
    let decisions = decisions::Entity::find()
        .filter(decisions::Column::MeetingId.eq(meeting_id))
        .order_by_asc(decisions::Column::Id)
        .all(db)
        .await?;
    let person_ids: Vec<i64> =
        invitees.iter().map(|a| a.person_id).chain(decisions.iter().filter_map(|d| d.owner_person_id)).collect();
    let names: std::collections::HashMap<i64, String> = people::Entity::find()
        .filter(people::Column::Id.is_in(person_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.full_name))
        .collect();
    let approved_by = match minutes.approved_by {
        Some(user) => users::Entity::find_by_id(user).one(db).await?.map(|u| u.display_name),
        None => None,
    };
    let mut attendance: Vec<(String, AttendanceStatus)> =
        invitees.into_iter().map(|a| (names.get(&a.person_id).cloned().unwrap_or_default(), *a.status)).collect();
    attendance.sort();
    Ok(MinutesDocument {
        body_name,
        approved_by,
        sections,
        attendance,
        decisions: decisions
            .into_iter()
            .map(|d| (d.text, d.owner_person_id.and_then(|p| names.get(&p).cloned()), d.due_on, *d.status))
            .collect(),
        minutes,
        meeting,
    })
}
