//! Plan changes proposed by a quarterly control, the forum meeting that decides them, and how
//! approving that meeting's minutes applies them (domain §6). Nothing in the plan changes until
//! the minutes are approved: a decision in a meeting can still be corrected before then.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use workit_domain::forums::BodyKind;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::meetings::{AgendaItemDraft, MeetingDraft, MeetingStatus};
use workit_domain::plans::control::{ControlStatus, check_ended};
use workit_domain::plans::focuses::FocusStatus;
use workit_domain::plans::proposals::{
    self as rules, ControlAgenda, MAX_PROPOSALS, ProposalDraft, ProposalKind, ProposalStatus, agenda_title,
};
use workit_domain::plans::{MetricStatus, Quarter, TaskStatus};
use workit_domain::validation::{FieldError, codes};
use workit_domain::{Action, Actor, DomainError};

use super::{authorize_forum, control};
use crate::entities::{
    agenda_items, meetings, plan_change_proposals as proposals, quarterly_controls, strategic_focuses, work_plan_tasks,
};
use crate::joined::AllByPosition;
use crate::meetings::{self as meeting_store, NewMeeting};
use crate::room::check_room;
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, StoreResult, audit};

pub async fn by_control_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<proposals::Model>> {
    Ok(proposals::Entity::find()
        .filter(proposals::Column::ControlId.is_in(ids.iter().copied()))
        .order_by_asc(proposals::Column::Id)
        .all(db)
        .await?)
}

pub async fn by_meeting_ids(db: &Database, ids: &[i64]) -> StoreResult<Vec<proposals::Model>> {
    Ok(proposals::Entity::find()
        .filter(proposals::Column::MeetingId.is_in(ids.iter().copied()))
        .order_by_asc(proposals::Column::Id)
        .all_by_position(db)
        .await?)
}

pub fn new_quarter(row: &proposals::Model) -> Option<Quarter> {
    row.new_quarter.and_then(Quarter::from_code)
}

/// The draft control a proposal belongs to, created empty when the chair proposes before
/// writing any conclusion. An approved control takes no more proposals.
async fn open_control(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    now: DateTime<Utc>,
) -> StoreResult<quarterly_controls::Model> {
    match control::get(db, forum_id, quarter).await? {
        Some(row) if *row.status == ControlStatus::Approved => {
            Err(DomainError::validation("quarter", codes::ALREADY_APPROVED).into())
        }
        Some(row) => Ok(row),
        None => control::save(db, actor, forum_id, quarter, Default::default(), None, now).await,
    }
}

/// The focus and the task a proposal names belong to the control's forum, and a task to drop
/// or postpone is still to be done.
async fn check_links(db: &Database, forum_id: i64, draft: &ProposalDraft) -> StoreResult<()> {
    let mut errors = Vec::new();
    if let Some(id) = draft.focus_id {
        let focus = strategic_focuses::Entity::find_by_id(id).one(db).await?;
        if focus.is_none_or(|f| f.forum_id != forum_id || *f.status != FocusStatus::Active) {
            errors.push(FieldError::new("focusId", codes::INVALID_CHOICE));
        }
    }
    if let Some(id) = draft.task_id {
        let task = work_plan_tasks::Entity::find_by_id(id).one(db).await?;
        if task.is_none_or(|t| t.forum_id != forum_id || !t.status.is_open()) {
            errors.push(FieldError::new("taskId", codes::INVALID_CHOICE));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(DomainError::Validation(errors).into()) }
}

/// Adds a proposed plan change to the control of `quarter` (a draft).
pub async fn propose(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    draft: ProposalDraft,
    now: DateTime<Utc>,
) -> StoreResult<proposals::Model> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    check_ended(quarter, israel_date(now))?;
    let draft = draft.validated(quarter)?;
    check_links(db, forum_id, &draft).await?;
    let control = open_control(db, actor, forum_id, quarter, now).await?;
    check_room::<proposals::Entity>(db, proposals::Column::ControlId, control.id, "proposals", MAX_PROPOSALS).await?;
    let txn = db.begin().await?;
    let row = proposals::ActiveModel {
        control_id: Set(control.id),
        forum_id: Set(forum_id),
        kind: Set(draft.kind.into()),
        focus_id: Set(draft.focus_id),
        task_id: Set(draft.task_id),
        new_position: Set(draft.new_position),
        new_quarter: Set(draft.new_quarter.map(Quarter::code)),
        title: Set(draft.title),
        reason: Set(draft.reason),
        status: Set(ProposalStatus::Proposed.into()),
        meeting_id: Set(None),
        decided_at: Set(None),
        ..Default::default()
    };
    let row = insert_new(&txn, row, now).await?;
    audit::record(&txn, actor, "create", "proposal", row.id, now).await?;
    txn.commit().await?;
    Ok(row)
}

async fn get(db: &Database, id: i64) -> StoreResult<proposals::Model> {
    proposals::Entity::find_by_id(id).one(db).await?.ok_or_else(|| not_found("proposal"))
}

/// Takes back a proposal no meeting has decided yet, while its control is a draft.
pub async fn withdraw(db: &Database, actor: &Actor, id: i64, version: i32, now: DateTime<Utc>) -> StoreResult<()> {
    let row = get(db, id).await?;
    authorize_forum(db, actor, Action::EditForum, row.forum_id).await?;
    let control = quarterly_controls::Entity::find_by_id(row.control_id).one(db).await?;
    if control.is_some_and(|c| *c.status == ControlStatus::Approved) {
        return Err(DomainError::validation("quarter", codes::ALREADY_APPROVED).into());
    }
    if *row.status != ProposalStatus::Proposed {
        return Err(DomainError::validation("status", codes::ALREADY_DECIDED).into());
    }
    if row.version != version {
        return Err(DomainError::stale("proposal", row.version).into());
    }
    let txn = db.begin().await?;
    proposals::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, actor, "delete", "proposal", id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The meeting a proposal was brought to records its decision, while decisions are taken there
/// (invitations sent or held); it takes effect when the minutes are approved.
pub async fn decide(
    db: &Database,
    actor: &Actor,
    id: i64,
    accepted: bool,
    version: i32,
    now: DateTime<Utc>,
) -> StoreResult<proposals::Model> {
    let row = get(db, id).await?;
    let Some(meeting_id) = row.meeting_id else {
        authorize_forum(db, actor, Action::EditForum, row.forum_id).await?;
        return Err(DomainError::validation("meetingId", codes::REQUIRED).into());
    };
    let (meeting, _, _) = meeting_store::authorized(db, actor, meeting_id, Action::EditForum).await?;
    let status = rules::decide(*row.status, accepted)?;
    if !matches!(*meeting.status, MeetingStatus::InvitationsSent | MeetingStatus::Held) {
        return Err(DomainError::Validation(vec![
            FieldError::new("status", codes::DECISIONS_CLOSED).with("status", meeting.status),
        ])
        .into());
    }
    let txn = db.begin().await?;
    let changes =
        proposals::ActiveModel { status: Set(status.into()), decided_at: Set(Some(now)), ..Default::default() };
    let write = VersionedWrite { entity: "proposal", action: "decide", id, expected: version, current: row.version };
    update_if_current(&txn, &write, changes, now).await?;
    audit::record(&txn, actor, "decide", "proposal", id, now).await?;
    txn.commit().await?;
    get(db, id).await
}

/// What a proposal is about, in words: its focus's or task's title, or the new task's.
pub async fn subjects(db: &Database, rows: &[proposals::Model]) -> StoreResult<Vec<String>> {
    let focus_ids: Vec<i64> = rows.iter().filter_map(|r| r.focus_id).collect();
    let task_ids: Vec<i64> = rows.iter().filter_map(|r| r.task_id).collect();
    let focuses = super::focuses::by_ids(db, &focus_ids).await?;
    let tasks = super::tasks::by_ids(db, &task_ids).await?;
    Ok(rows
        .iter()
        .map(|r| match *r.kind {
            ProposalKind::AddTask => r.title.clone().unwrap_or_default(),
            ProposalKind::Reprioritize => {
                focuses.iter().find(|f| Some(f.id) == r.focus_id).map(|f| f.title.clone()).unwrap_or_default()
            }
            ProposalKind::DropTask | ProposalKind::PostponeTask => {
                tasks.iter().find(|t| Some(t.id) == r.task_id).map(|t| t.title.clone()).unwrap_or_default()
            }
        })
        .collect())
}

/// "Prepare the next forum meeting": the control's summary, the focuses off track and the
/// proposals still to decide become agenda items of the forum's next planned meeting — created
/// from the quarterly-control template on `starts_at` when none is planned — and the proposals
/// are linked to it. Preparing again adds only what is not on the agenda yet.
pub async fn prepare_meeting(
    db: &Database,
    actor: &Actor,
    forum_id: i64,
    quarter: Quarter,
    starts_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StoreResult<meetings::Model> {
    authorize_forum(db, actor, Action::EditForum, forum_id).await?;
    let today = israel_date(now);
    check_ended(quarter, today)?;
    let Some(row) = control::get(db, forum_id, quarter).await? else {
        return Err(DomainError::validation("summary", codes::REQUIRED).into());
    };
    let bodies = crate::forums::bodies_by_forum_ids(db, &[forum_id]).await?;
    let forum_body = bodies
        .iter()
        .find(|b| *b.kind == BodyKind::Forum && b.archived_at.is_none())
        .ok_or_else(|| not_found("body"))?;

    let next = meetings::Entity::find()
        .filter(meetings::Column::BodyId.eq(forum_body.id))
        .filter(
            meetings::Column::Status.is_in([MeetingStatus::Draft.as_str(), MeetingStatus::InvitationsSent.as_str()]),
        )
        .filter(meetings::Column::StartsAt.gte(now))
        .order_by_asc(meetings::Column::StartsAt)
        .one(db)
        .await?;
    let meeting = match (next, starts_at) {
        (Some(meeting), _) => meeting,
        (None, Some(starts_at)) => {
            let template = workit_domain::meetings::templates::template("forum_quarterly_control")
                .ok_or_else(|| not_found("template"))?;
            let draft = MeetingDraft {
                title: format!("{} — {}", template.title, quarter),
                starts_at,
                duration_minutes: None,
                place: None,
                online_url: None,
                goal: None,
                course: None,
                method: None,
                product: None,
            };
            let new = NewMeeting {
                body_id: forum_body.id,
                draft,
                template_key: Some(template.key.to_owned()),
                carry_over: true,
            };
            meeting_store::create(db, actor, new, now).await?
        }
        (None, None) => return Err(DomainError::validation("startsAt", codes::REQUIRED).into()),
    };

    // What the control brings: its summary, the focuses with a metric off track, the proposals.
    let view = control::view(db, forum_id, quarter, today).await?;
    let off_track: Vec<(String, Option<String>)> = view
        .focuses
        .iter()
        .filter(|f| f.metrics.iter().any(|m| m.at.status == MetricStatus::OffTrack.as_str()))
        .map(|f| {
            let team = bodies.iter().find(|b| b.focus_id == Some(f.focus_id) && b.archived_at.is_none());
            (f.title.clone(), team.map(|t| t.name.clone()))
        })
        .collect();
    let pending: Vec<proposals::Model> = by_control_ids(db, &[row.id])
        .await?
        .into_iter()
        .filter(|p| *p.status == ProposalStatus::Proposed && p.meeting_id.is_none_or(|m| m == meeting.id))
        .collect();
    let titles: Vec<String> = subjects(db, &pending)
        .await?
        .iter()
        .zip(&pending)
        .map(|(subject, p)| agenda_title(*p.kind, subject, p.new_position, new_quarter(p)))
        .collect();
    let agenda =
        ControlAgenda { quarter, has_summary: !row.summary.is_empty(), off_track: &off_track, proposals: &titles };
    let existing: Vec<AgendaItemDraft> = meeting_store::agenda_by_meeting_ids(db, &[meeting.id])
        .await?
        .iter()
        .map(|item: &agenda_items::Model| AgendaItemDraft {
            title: item.title.clone(),
            kind: *item.kind,
            minutes: item.minutes,
            presenter: item.presenter.clone(),
            links: meeting_store::links_of(item),
        })
        .collect();
    let items = agenda.merged_into(existing)?;

    let txn = db.begin().await?;
    meeting_store::replace_agenda(&txn, actor, &meeting, meeting.version, items, now).await?;
    let ids: Vec<i64> = pending.iter().map(|p| p.id).collect();
    proposals::Entity::update_many()
        .col_expr(proposals::Column::MeetingId, Expr::value(meeting.id))
        .col_expr(proposals::Column::UpdatedAt, Expr::value(now))
        .col_expr(proposals::Column::Version, bumped(proposals::Column::Version))
        .filter(proposals::Column::Id.is_in(ids))
        .filter(proposals::Column::MeetingId.is_null())
        .exec(&txn)
        .await?;
    quarterly_controls::Entity::update_many()
        .col_expr(quarterly_controls::Column::MeetingId, Expr::value(meeting.id))
        .filter(quarterly_controls::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    audit::record(&txn, actor, "prepare_meeting", "control", row.id, now).await?;
    txn.commit().await?;
    meeting_store::get(db, actor, meeting.id).await
}

/// Called as a meeting's minutes are approved, inside that transaction: each proposal the
/// meeting accepted is applied to the plan, a rejected one stays rejected, one left undecided is
/// released for the next meeting; and a meeting a control was brought to ticks the model's
/// "quarterly control" milestone.
pub(crate) async fn apply_decided(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    meeting: &meetings::Model,
    forum_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let rows = proposals::Entity::find().filter(proposals::Column::MeetingId.eq(meeting.id)).all(txn).await?;
    for row in &rows {
        match *row.status {
            ProposalStatus::Accepted => {
                apply(txn, row, now).await?;
                proposals::Entity::update_many()
                    .col_expr(proposals::Column::Status, Expr::value(ProposalStatus::Applied.as_str()))
                    .col_expr(proposals::Column::UpdatedAt, Expr::value(now))
                    .col_expr(proposals::Column::Version, bumped(proposals::Column::Version))
                    .filter(proposals::Column::Id.eq(row.id))
                    .exec(txn)
                    .await?;
                audit::record(txn, actor, "apply", "proposal", row.id, now).await?;
            }
            ProposalStatus::Proposed => {
                proposals::Entity::update_many()
                    .col_expr(proposals::Column::MeetingId, Expr::value(Option::<i64>::None))
                    .col_expr(proposals::Column::Version, bumped(proposals::Column::Version))
                    .filter(proposals::Column::Id.eq(row.id))
                    .exec(txn)
                    .await?;
            }
            ProposalStatus::Rejected | ProposalStatus::Applied => {}
        }
    }
    let brought = quarterly_controls::Entity::find()
        .filter(quarterly_controls::Column::MeetingId.eq(meeting.id))
        .one(txn)
        .await?;
    if brought.is_some() {
        crate::forums::lifecycle::tick_milestone(txn, forum_id, "quarterly_control", israel_date(now), now).await?;
    }
    Ok(())
}

fn bumped<C: sea_orm::ColumnTrait>(version: C) -> Expr {
    Expr::col(version).add(1)
}

/// Applies one accepted change to the plan.
async fn apply(txn: &impl ConnectionTrait, row: &proposals::Model, now: DateTime<Utc>) -> StoreResult<()> {
    use work_plan_tasks::Column as Task;
    match *row.kind {
        ProposalKind::DropTask => {
            work_plan_tasks::Entity::update_many()
                .col_expr(Task::Status, Expr::value(TaskStatus::Dropped.as_str()))
                .col_expr(Task::DroppedReason, Expr::value(row.reason.clone()))
                .col_expr(Task::UpdatedAt, Expr::value(now))
                .col_expr(Task::Version, bumped(Task::Version))
                .filter(Task::Id.eq(row.task_id.unwrap_or_default()))
                .filter(Task::Status.is_in([TaskStatus::Planned.as_str(), TaskStatus::InProgress.as_str()]))
                .exec(txn)
                .await?;
        }
        ProposalKind::PostponeTask => {
            let Some(task) = work_plan_tasks::Entity::find_by_id(row.task_id.unwrap_or_default()).one(txn).await?
            else {
                return Ok(());
            };
            let to = new_quarter(row);
            // A due date before the new quarter would make the postponed task late at once.
            let due_on = task.due_on.filter(|d| to.is_none_or(|q| *d >= q.first_day()));
            work_plan_tasks::Entity::update_many()
                .col_expr(Task::PlannedQuarter, Expr::value(row.new_quarter))
                .col_expr(Task::DueOn, Expr::value(due_on))
                .col_expr(Task::UpdatedAt, Expr::value(now))
                .col_expr(Task::Version, bumped(Task::Version))
                .filter(Task::Id.eq(task.id))
                .exec(txn)
                .await?;
        }
        ProposalKind::AddTask => {
            let task = work_plan_tasks::ActiveModel {
                forum_id: Set(row.forum_id),
                focus_id: Set(row.focus_id),
                body_id: Set(None),
                title: Set(row.title.clone().unwrap_or_default()),
                owner_person_id: Set(None),
                due_on: Set(None),
                resources: Set(None),
                expected_product: Set(None),
                success_measure: Set(None),
                status: Set(TaskStatus::Planned.into()),
                planned_quarter: Set(row.new_quarter),
                done_on: Set(None),
                dropped_reason: Set(None),
                metric_id: Set(None),
                ..Default::default()
            };
            insert_new(txn, task, now).await?;
        }
        ProposalKind::Reprioritize => {
            let active = strategic_focuses::Entity::find()
                .filter(strategic_focuses::Column::ForumId.eq(row.forum_id))
                .filter(strategic_focuses::Column::Status.eq(FocusStatus::Active.as_str()))
                .order_by_asc(strategic_focuses::Column::Position)
                .order_by_asc(strategic_focuses::Column::Id)
                .all(txn)
                .await?;
            let mut order: Vec<i64> = active.iter().map(|f| f.id).collect();
            let Some(focus) = row.focus_id.filter(|id| order.contains(id)) else { return Ok(()) };
            order.retain(|id| *id != focus);
            let at = usize::try_from(row.new_position.unwrap_or(1) - 1).unwrap_or(0).min(order.len());
            order.insert(at, focus);
            super::focuses::write_order(txn, &active, &order, now).await?;
        }
    }
    Ok(())
}

/// The forum meeting a control was brought to, if any.
pub async fn meeting_of(db: &Database, row: &quarterly_controls::Model) -> StoreResult<Option<meetings::Model>> {
    let Some(id) = row.meeting_id else { return Ok(None) };
    Ok(meetings::Entity::find_by_id(id).one(db).await?)
}
