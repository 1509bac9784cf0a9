//! Meetings of a forum's bodies: planned from templates, timed agendas, clear states, and a
//! history of every change to the plan.

pub mod attendance;
pub mod decisions;
pub mod mine;
pub mod minutes;
pub mod outbox;
pub mod templates;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use workit_domain::meetings::minutes::{RecordingGap, recording_gaps};
use workit_domain::meetings::notifications::NotificationKind;
use workit_domain::meetings::{
    self as rules, AgendaItemDraft, AttendanceStatus, DecisionStatus, MeetingDraft, MeetingStatus, PlannedMeeting,
    validate_agenda,
};
use workit_domain::validation::{FieldError, codes};
use workit_domain::{Action, Actor, DomainError, TownId};

use crate::entities::decisions as decision_rows;
use crate::entities::{agenda_items, bodies, forums, meeting_events, meetings};
use crate::joined::AllByPosition;
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, Page, PageRequest, StoreResult, audit, scope};
use templates::TemplateChoice;

#[derive(Debug, Default, Clone)]
pub struct MeetingFilter {
    pub town_id: Option<TownId>,
    pub body_id: Option<i64>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// The body and its town, for permission checks and template rules.
pub(crate) async fn body_and_town(db: &Database, body_id: i64) -> StoreResult<(bodies::Model, TownId)> {
    let body = bodies::Entity::find_by_id(body_id).one(db).await?.ok_or_else(|| not_found("body"))?;
    let forum = forums::Entity::find_by_id(body.forum_id).one(db).await?.ok_or_else(|| not_found("forum"))?;
    Ok((body, forum.town_id))
}

/// The meeting, its body and town, once the actor may do `action` in that town: the one place
/// meeting operations check permission.
pub(crate) async fn authorized(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    action: Action,
) -> StoreResult<(meetings::Model, bodies::Model, TownId)> {
    let meeting = get(db, actor, meeting_id).await?;
    let (body, town) = body_and_town(db, meeting.body_id).await?;
    actor.authorize(action, scope::town(db, town).await?)?;
    Ok((meeting, body, town))
}

/// The ids of every body of a town's forum (archived ones included: their meetings are history),
/// as a subquery: a filter on them costs no statement of its own.
pub(crate) fn bodies_of_town(town: TownId) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    Query::select()
        .column((bodies::Entity, bodies::Column::Id))
        .from(bodies::Entity)
        .inner_join(
            forums::Entity,
            Expr::col((forums::Entity, forums::Column::Id)).equals((bodies::Entity, bodies::Column::ForumId)),
        )
        .and_where(Expr::col((forums::Entity, forums::Column::TownId)).eq(town))
        .to_owned()
}

/// The same ids, read, for callers that combine them with other filters in Rust.
pub(crate) async fn body_ids_of_town(db: &Database, town: TownId) -> StoreResult<Vec<i64>> {
    Ok(db
        .query_all(&bodies_of_town(town))
        .await?
        .iter()
        .map(|row| row.try_get_by_index(0))
        .collect::<Result<_, sea_orm::DbErr>>()?)
}

/// Meetings are visible to every signed-in account (names and times, like the directory).
pub async fn list(
    db: &Database,
    _actor: &Actor,
    filter: &MeetingFilter,
    page: PageRequest,
) -> StoreResult<Page<meetings::Model>> {
    let mut query = meetings::Entity::find();
    if let Some(town) = filter.town_id {
        query = query.filter(meetings::Column::BodyId.in_subquery(bodies_of_town(town)));
    }
    if let Some(body) = filter.body_id {
        query = query.filter(meetings::Column::BodyId.eq(body));
    }
    if let Some(from) = filter.from {
        query = query.filter(meetings::Column::StartsAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(meetings::Column::StartsAt.lt(to));
    }
    // The id breaks ties, so pages of meetings that start together neither skip nor repeat one.
    crate::page::fetch(db, query.order_by_asc(meetings::Column::StartsAt).order_by_asc(meetings::Column::Id), page)
        .await
}

pub async fn get(db: &Database, _actor: &Actor, id: i64) -> StoreResult<meetings::Model> {
    meetings::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("meeting"))
}

pub async fn agenda_by_meeting_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<agenda_items::Model>> {
    Ok(agenda_items::Entity::find()
        .filter(agenda_items::Column::MeetingId.is_in(ids.iter().copied()))
        .order_by_asc(agenda_items::Column::Position)
        .all_by_position(db)
        .await?)
}

pub async fn events_by_meeting_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<meeting_events::Model>> {
    Ok(meeting_events::Entity::find()
        .filter(meeting_events::Column::MeetingId.is_in(ids.iter().copied()))
        .order_by_desc(meeting_events::Column::Id)
        .all_by_position(db)
        .await?)
}

pub async fn bodies_by_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<bodies::Model>> {
    Ok(bodies::Entity::find().filter(bodies::Column::Id.is_in(ids.iter().copied())).all_by_position(db).await?)
}

fn agenda_rows(
    meeting_id: i64,
    items: Vec<AgendaItemDraft>,
    now: DateTime<Utc>,
) -> StoreResult<Vec<agenda_items::ActiveModel>> {
    items
        .into_iter()
        .enumerate()
        .map(|(position, item)| {
            let links = if item.links.is_empty() {
                None
            } else {
                Some(serde_json::to_string(&item.links).map_err(|e| DomainError::Internal(e.to_string()))?)
            };
            Ok(agenda_items::ActiveModel {
                meeting_id: Set(meeting_id),
                position: Set(position as i32),
                title: Set(item.title),
                kind: Set(item.kind.into()),
                minutes: Set(item.minutes),
                presenter: Set(item.presenter),
                links: Set(links),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            })
        })
        .collect()
}

async fn record_event(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    meeting_id: i64,
    kind: &str,
    details: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    meeting_events::ActiveModel {
        meeting_id: Set(meeting_id),
        kind: Set(kind.to_owned()),
        details: Set(details),
        changed_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The decisions of the body's latest meeting before `before` that are decided but not done.
async fn open_decisions_of_previous(db: &Database, body_id: i64, before: DateTime<Utc>) -> StoreResult<Vec<String>> {
    let Some(previous) = meetings::Entity::find()
        .filter(meetings::Column::BodyId.eq(body_id))
        .filter(meetings::Column::StartsAt.lt(before))
        .filter(meetings::Column::Status.ne(MeetingStatus::Cancelled.as_str()))
        .order_by_desc(meetings::Column::StartsAt)
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    Ok(decision_rows::Entity::find()
        .filter(decision_rows::Column::MeetingId.eq(previous.id))
        .filter(decision_rows::Column::Status.eq(DecisionStatus::Open.as_str()))
        .order_by_asc(decision_rows::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.text)
        .collect())
}

pub struct NewMeeting {
    pub body_id: i64,
    pub draft: MeetingDraft,
    pub template_key: Option<String>,
    /// Add the previous meeting's decided-but-not-executed decisions to the agenda.
    pub carry_over: bool,
}

/// Plans a meeting (a draft), with the template's agenda and the standing carry-over; what
/// it holds is decided by the domain's [`rules::plan`].
pub async fn create(db: &Database, actor: &Actor, new: NewMeeting, now: DateTime<Utc>) -> StoreResult<meetings::Model> {
    let (body, town) = body_and_town(db, new.body_id).await?;
    actor.authorize(Action::EditForum, scope::town(db, town).await?)?;
    let template = match new.template_key.as_deref() {
        None => None,
        Some(key) => Some(
            templates::resolve(db, key, *body.kind, town)
                .await?
                .ok_or_else(|| DomainError::validation("templateKey", codes::INVALID_CHOICE))?,
        ),
    };
    let open_decisions = if new.carry_over {
        open_decisions_of_previous(db, new.body_id, new.draft.starts_at).await?
    } else {
        Vec::new()
    };
    let PlannedMeeting { meeting: plan, agenda } =
        rules::plan(*body.kind, template.as_ref().map(TemplateChoice::defaults), new.draft, &open_decisions)?;
    let txn = db.begin().await?;
    let meeting = insert_new(
        &txn,
        meetings::ActiveModel {
            body_id: Set(new.body_id),
            title: Set(plan.title),
            starts_at: Set(plan.starts_at),
            duration_minutes: Set(plan.duration_minutes),
            place: Set(plan.place),
            online_url: Set(plan.online_url),
            goal: Set(plan.goal),
            course: Set(plan.course),
            method: Set(plan.method),
            product: Set(plan.product),
            status: Set(MeetingStatus::Draft.into()),
            template_key: Set(template.map(|t| t.key)),
            cancel_reason: Set(None),
            ..Default::default()
        },
        now,
    )
    .await?;
    let rows = agenda_rows(meeting.id, agenda, now)?;
    if !rows.is_empty() {
        agenda_items::Entity::insert_many(rows).exec(&txn).await?;
    }
    record_event(&txn, actor, meeting.id, "CREATED", None, now).await?;
    audit::record(&txn, actor, "create", "meeting", meeting.id, now).await?;
    txn.commit().await?;
    Ok(meeting)
}

async fn editable(db: &Database, actor: &Actor, id: i64) -> StoreResult<meetings::Model> {
    let (meeting, _, _) = authorized(db, actor, id, Action::EditForum).await?;
    let status = *meeting.status;
    if !status.plan_editable() {
        return Err(DomainError::Validation(vec![
            FieldError::new("status", codes::PLAN_LOCKED).with("status", status.as_str()),
        ])
        .into());
    }
    Ok(meeting)
}

/// Changes the plan (time, place, the four things); a new time is kept in the history.
pub async fn update(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    draft: MeetingDraft,
    extra: &outbox::Extra,
    now: DateTime<Utc>,
) -> StoreResult<meetings::Model> {
    let current = editable(db, actor, id).await?;
    let draft = draft.validated(current.duration_minutes)?;
    let rescheduled = draft.starts_at != current.starts_at || draft.duration_minutes != current.duration_minutes;
    let moved = draft.place != current.place || draft.online_url != current.online_url;
    let changes = meetings::ActiveModel {
        title: Set(draft.title),
        starts_at: Set(draft.starts_at),
        duration_minutes: Set(draft.duration_minutes),
        place: Set(draft.place),
        online_url: Set(draft.online_url),
        goal: Set(draft.goal),
        course: Set(draft.course),
        method: Set(draft.method),
        product: Set(draft.product),
        ..Default::default()
    };
    // The change, its history entry and the "changed" e-mails commit together (ADR 0007): a
    // moved meeting whose invitees are never told must not be possible.
    let txn = db.begin().await?;
    let write = VersionedWrite::update("meeting", id, version, current.version);
    update_if_current(&txn, &write, changes, now).await?;
    if rescheduled {
        let details = format!(
            "{} ({} min) → {} ({} min)",
            current.starts_at.to_rfc3339(),
            current.duration_minutes,
            draft.starts_at.to_rfc3339(),
            draft.duration_minutes
        );
        record_event(&txn, actor, id, "RESCHEDULED", Some(details), now).await?;
    }
    let updated = meetings::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| not_found("meeting"))?;
    if (rescheduled || moved) && *updated.status == MeetingStatus::InvitationsSent {
        outbox::enqueue(&txn, &updated, NotificationKind::Changed, outbox::Recipients::Invitees, extra, now).await?;
    }
    audit::record(&txn, actor, "update", "meeting", id, now).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Replaces the whole agenda in the given order. The agenda is versioned with its meeting, so
/// two people reordering at once cannot silently overwrite each other.
pub async fn set_agenda(
    db: &Database,
    actor: &Actor,
    meeting_id: i64,
    version: i32,
    items: Vec<AgendaItemDraft>,
    now: DateTime<Utc>,
) -> StoreResult<meetings::Model> {
    let current = editable(db, actor, meeting_id).await?;
    let items = validate_agenda(items)?;
    let txn = db.begin().await?;
    replace_agenda(&txn, actor, &current, version, items, now).await?;
    txn.commit().await?;
    get(db, actor, meeting_id).await
}

/// Replaces the agenda of a meeting whose plan is still editable, inside the caller's
/// transaction (so quarterly control can bring its items and link its proposals at once).
pub(crate) async fn replace_agenda(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    current: &meetings::Model,
    version: i32,
    items: Vec<AgendaItemDraft>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let write = VersionedWrite {
        entity: "meeting",
        action: "set_agenda",
        id: current.id,
        expected: version,
        current: current.version,
    };
    update_if_current(txn, &write, meetings::ActiveModel { ..Default::default() }, now).await?;
    agenda_items::Entity::delete_many().filter(agenda_items::Column::MeetingId.eq(current.id)).exec(txn).await?;
    let rows = agenda_rows(current.id, items, now)?;
    if !rows.is_empty() {
        agenda_items::Entity::insert_many(rows).exec(txn).await?;
    }
    audit::record(txn, actor, "set_agenda", "meeting", current.id, now).await
}

/// Moves a meeting along its states: invitations (which go out by e-mail), held, cancelled.
/// Minutes are approved through [`minutes::approve`], which locks the approved text.
#[allow(clippy::too_many_arguments)]
pub async fn set_status(
    db: &Database,
    actor: &Actor,
    id: i64,
    version: i32,
    to: MeetingStatus,
    reason: Option<&str>,
    extra: &outbox::Extra,
    now: DateTime<Utc>,
) -> StoreResult<meetings::Model> {
    let (current, body, _) = authorized(db, actor, id, Action::EditForum).await?;
    if to == MeetingStatus::MinutesApproved {
        return Err(DomainError::validation("status", codes::APPROVE_MINUTES_INSTEAD).into());
    }
    let txn = db.begin().await?;
    move_status(&txn, actor, &current, &body, version, to, reason, extra, now).await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// The state change itself, inside the caller's transaction: checked against the domain's
/// transitions and the meeting's version, recorded in the history, and followed by what it
/// implies (invitees, e-mails, the stage milestone of an approved canonical meeting).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn move_status(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    current: &meetings::Model,
    body: &bodies::Model,
    version: i32,
    to: MeetingStatus,
    reason: Option<&str>,
    extra: &outbox::Extra,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let from = *current.status;
    from.check_move(to, reason)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
    let changes = meetings::ActiveModel {
        status: Set(to.into()),
        cancel_reason: Set(if to == MeetingStatus::Cancelled { reason.clone() } else { current.cancel_reason.clone() }),
        ..Default::default()
    };
    let write = VersionedWrite {
        entity: "meeting",
        action: "set_status",
        id: current.id,
        expected: version,
        current: current.version,
    };
    update_if_current(txn, &write, changes, now).await?;
    record_event(txn, actor, current.id, to.as_str(), reason.clone(), now).await?;
    if to == MeetingStatus::InvitationsSent {
        attendance::invite_members(txn, current, now).await?;
    }
    if let Some(kind) = outbox::notification_for_move(from, to) {
        let moved = meetings::Model { status: to.into(), cancel_reason: reason, ..current.clone() };
        outbox::enqueue(txn, &moved, kind, outbox::Recipients::Invitees, extra, now).await?;
    }
    if to == MeetingStatus::MinutesApproved {
        let milestone = current.template_key.as_deref().and_then(rules::template).and_then(|t| t.milestone_key);
        if let Some(key) = milestone {
            crate::forums::lifecycle::tick_milestone(txn, body.forum_id, key, now.date_naive(), now).await?;
        }
        crate::plans::proposals::apply_decided(txn, actor, current, body.forum_id, now).await?;
    }
    audit::record(txn, actor, "set_status", "meeting", current.id, now).await?;
    Ok(())
}

/// How far back "needs recording" looks: older gaps are history, not a to-do.
pub const RECORDING_LOOKBACK_DAYS: i64 = 120;

/// The town's passed meetings that still need attendance, minutes or a "held", oldest first.
pub async fn to_record(
    db: &Database,
    _actor: &Actor,
    town: TownId,
    now: DateTime<Utc>,
) -> StoreResult<Vec<(meetings::Model, Vec<RecordingGap>)>> {
    let open = [MeetingStatus::Draft, MeetingStatus::InvitationsSent, MeetingStatus::Held].map(MeetingStatus::as_str);
    let candidates = meetings::Entity::find()
        .filter(meetings::Column::BodyId.in_subquery(bodies_of_town(town)))
        .filter(meetings::Column::StartsAt.gte(now - chrono::Duration::days(RECORDING_LOOKBACK_DAYS)))
        .filter(meetings::Column::StartsAt.lt(now))
        .filter(meetings::Column::Status.is_in(open))
        .order_by_asc(meetings::Column::StartsAt)
        .all(db)
        .await?;
    let ids: Vec<i64> = candidates.iter().map(|m| m.id).collect();
    let recorded = attendance::by_meeting_ids(db, &ids).await?;
    let with_minutes = minutes::versions_by_meeting_ids(db, &ids).await?;
    Ok(candidates
        .into_iter()
        .filter_map(|m| {
            let gaps = recording_gaps(
                *m.status,
                rules::ends_at(m.starts_at, m.duration_minutes),
                now,
                recorded.iter().any(|a| a.meeting_id == m.id && a.status != AttendanceStatus::Invited),
                with_minutes.iter().any(|v| v.meeting_id == m.id),
            );
            (!gaps.is_empty()).then_some((m, gaps))
        })
        .collect())
}

/// Links stored as a JSON array; a malformed value reads as none.
pub fn links_of(item: &agenda_items::Model) -> Vec<String> {
    item.links.as_deref().and_then(|l| serde_json::from_str(l).ok()).unwrap_or_default()
}

/// Total agenda minutes per meeting, for the overflow warning.
pub fn agenda_minutes(items: &[agenda_items::Model]) -> HashMap<i64, i32> {
    let mut totals = HashMap::new();
    for item in items {
        *totals.entry(item.meeting_id).or_insert(0) += item.minutes;
    }
    totals
}
