//! Gathers the facts the domain's health rules need, for many forums at once (a fixed number
//! of queries whatever the number of forums), and lets the domain assess them.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use workit_domain::directory::{Sector, Seniority};
use workit_domain::forums::health::{
    HealthInput, MeetingFacts, MemberFacts, Signal, THRESHOLDS, TaskFacts, TeamFacts, assess,
};
use workit_domain::forums::{BodyKind, is_closed, is_current};
use workit_domain::meetings::{AttendanceStatus, MeetingStatus};
use workit_domain::plans::TaskStatus;

use crate::entities::{attendance, bodies, forums, meetings, memberships, organisations, people, work_plan_tasks};
use crate::{Database, StoreResult};

/// Meetings count once they have happened and were recorded.
const HELD: [MeetingStatus; 2] = [MeetingStatus::Held, MeetingStatus::MinutesApproved];

/// Which forums a read covers: every forum (a country's comparison, which sends no list of ids
/// for the database to bind), or the given ones.
#[derive(Debug, Clone, Copy)]
pub enum Forums<'a> {
    All,
    Only(&'a [i64]),
}

impl Forums<'_> {
    /// `column IN (…)` for some forums; nothing for all.
    pub fn filter(self, column: impl sea_orm::sea_query::IntoColumnRef) -> Condition {
        match self {
            Forums::All => Condition::all(),
            Forums::Only(ids) => Condition::all().add(Expr::col(column).is_in(ids.iter().copied())),
        }
    }
}

/// Narrows a statement over meetings to the bodies of some forums (all need no join).
fn of_forums(statement: &mut sea_orm::sea_query::SelectStatement, forum_set: Forums<'_>) {
    if let Forums::Only(_) = forum_set {
        statement
            .inner_join(
                bodies::Entity,
                Expr::col((bodies::Entity, bodies::Column::Id)).equals((meetings::Entity, meetings::Column::BodyId)),
            )
            .cond_where(forum_set.filter((bodies::Entity, bodies::Column::ForumId)));
    }
}

pub async fn assess_forums(
    db: &Database,
    forum_set: Forums<'_>,
    now: DateTime<Utc>,
) -> StoreResult<HashMap<i64, Vec<Signal>>> {
    let today = now.date_naive();
    // Six reads that do not depend on one another, run at once: the assessment waits for the
    // slowest of them rather than for their sum.
    let (forums, bodies, members, last_held, (forum_meetings, roll_of), tasks) = futures::try_join!(
        async {
            Ok(forums::Entity::find().filter(forum_set.filter((forums::Entity, forums::Column::Id))).all(db).await?)
        },
        open_bodies(db, forum_set, today),
        current_members(db, forum_set, today),
        last_held_meetings(db, forum_set, now),
        recent_forum_rolls(db, forum_set, now),
        task_facts(db, forum_set),
    )?;
    let open_bodies: BTreeSet<i64> = bodies.iter().map(|b| b.id).collect();

    // Grouped once, so each forum reads only its own (a country has hundreds of forums).
    let mut members_of: HashMap<i64, Vec<MemberFacts>> = HashMap::new();
    for (body, _, sector, seniority) in members.iter().filter(|(body, ..)| open_bodies.contains(body)) {
        members_of.entry(*body).or_default().push(MemberFacts { sector: *sector, seniority: *seniority });
    }
    let mut bodies_of: HashMap<i64, Vec<&bodies::Model>> = HashMap::new();
    for body in &bodies {
        bodies_of.entry(body.forum_id).or_default().push(body);
    }
    let mut meetings_of: HashMap<i64, Vec<MeetingFacts>> = HashMap::new();
    for (id, body, starts_at) in &forum_meetings {
        let (attended, missed) = roll_of.get(id).copied().unwrap_or_default();
        meetings_of.entry(*body).or_default().push(MeetingFacts { on: starts_at.date_naive(), attended, missed });
    }
    // The last held forum meeting counts for the rhythm even when no roll was taken at it.
    for body in bodies.iter().filter(|b| b.kind == BodyKind::Forum) {
        if let Some(last) = last_held.get(&body.id) {
            let facts = meetings_of.entry(body.id).or_default();
            if !facts.iter().any(|m| m.on >= last.date_naive()) {
                facts.push(MeetingFacts { on: last.date_naive(), attended: 0, missed: 0 });
            }
        }
    }
    let mut tasks_of: HashMap<i64, Vec<TaskFacts>> = HashMap::new();
    for (forum, status, due_on) in &tasks {
        tasks_of
            .entry(*forum)
            .or_default()
            .push(TaskFacts { done: status == TaskStatus::Done.as_str(), due_on: *due_on });
    }
    let no_people = Vec::new();
    let mut report = HashMap::new();
    for forum in forums {
        let stage = *forum.stage;
        let own_bodies = bodies_of.remove(&forum.id).unwrap_or_default();
        let forum_body = own_bodies.iter().find(|b| b.kind == BodyKind::Forum).map(|b| b.id);
        let people_of = |body: i64| members_of.get(&body).unwrap_or(&no_people).iter().copied();
        let sectors: BTreeSet<Sector> =
            own_bodies.iter().flat_map(|b| people_of(b.id)).filter_map(|m| m.sector).collect();
        let forum_members = forum_body.into_iter().flat_map(people_of).collect();
        let forum_meetings = forum_body.and_then(|b| meetings_of.remove(&b)).unwrap_or_default();
        let task_teams = own_bodies
            .iter()
            .filter(|b| b.kind == BodyKind::TaskTeam)
            .map(|b| TeamFacts {
                name: b.name.clone(),
                started_on: b.starts_on.or(Some(b.created_at.date_naive())),
                last_meeting_on: last_held.get(&b.id).map(DateTime::date_naive),
            })
            .collect();
        let tasks = tasks_of.remove(&forum.id).unwrap_or_default();
        let input = HealthInput { stage, today, forum_members, sectors, forum_meetings, task_teams, tasks };
        report.insert(forum.id, assess(&input));
    }
    Ok(report)
}

/// The forums' bodies that are neither archived nor closed on `today`.
async fn open_bodies(db: &Database, forum_set: Forums<'_>, today: NaiveDate) -> StoreResult<Vec<bodies::Model>> {
    Ok(bodies::Entity::find()
        .filter(forum_set.filter((bodies::Entity, bodies::Column::ForumId)))
        .filter(bodies::Column::ArchivedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|b| !is_closed(b.ends_on, today))
        .collect())
}

/// A current member: body, person, the organisation's sector and the person's seniority.
type MemberRow = (i64, i64, Option<Sector>, Option<Seniority>);

/// Members current on `today`, with their organisation's sector and their seniority, joined by
/// the database and only in the columns the rules read: for a country this is ten thousand.
async fn current_members(db: &Database, forum_set: Forums<'_>, today: NaiveDate) -> StoreResult<Vec<MemberRow>> {
    let statement = Query::select()
        .column((memberships::Entity, memberships::Column::BodyId))
        .column((memberships::Entity, memberships::Column::PersonId))
        .column((memberships::Entity, memberships::Column::JoinedOn))
        .column((memberships::Entity, memberships::Column::LeftOn))
        .column((people::Entity, people::Column::Seniority))
        .column((organisations::Entity, organisations::Column::Sector))
        .from(memberships::Entity)
        .inner_join(
            bodies::Entity,
            Expr::col((bodies::Entity, bodies::Column::Id)).equals((memberships::Entity, memberships::Column::BodyId)),
        )
        .inner_join(
            people::Entity,
            Expr::col((people::Entity, people::Column::Id))
                .equals((memberships::Entity, memberships::Column::PersonId)),
        )
        .left_join(
            organisations::Entity,
            Expr::col((organisations::Entity, organisations::Column::Id))
                .equals((people::Entity, people::Column::OrganisationId)),
        )
        .cond_where(forum_set.filter((bodies::Entity, bodies::Column::ForumId)))
        .to_owned();
    let mut members = Vec::new();
    for row in db.query_all(&statement).await? {
        let (body, person): (i64, i64) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
        let (joined, left): (NaiveDate, Option<NaiveDate>) = (row.try_get_by_index(2)?, row.try_get_by_index(3)?);
        if !is_current(joined, left, today) {
            continue;
        }
        let seniority: Option<String> = row.try_get_by_index(4)?;
        let sector: Option<String> = row.try_get_by_index(5)?;
        members.push((
            body,
            person,
            sector.as_deref().and_then(Sector::parse),
            seniority.as_deref().and_then(Seniority::parse),
        ));
    }
    Ok(members)
}

/// Meetings that happened by `now` and were recorded.
fn held_by(now: DateTime<Utc>) -> sea_orm::sea_query::SimpleExpr {
    Expr::col((meetings::Entity, meetings::Column::Status))
        .is_in(HELD.map(MeetingStatus::as_str))
        .and(Expr::col((meetings::Entity, meetings::Column::StartsAt)).lte(now))
}

/// Every body's last held meeting (forum cadence, task teams' rhythm).
async fn last_held_meetings(
    db: &Database,
    forum_set: Forums<'_>,
    now: DateTime<Utc>,
) -> StoreResult<HashMap<i64, DateTime<Utc>>> {
    let mut statement = Query::select()
        .column((meetings::Entity, meetings::Column::BodyId))
        .expr(Expr::col((meetings::Entity, meetings::Column::StartsAt)).max())
        .from(meetings::Entity)
        .and_where(held_by(now))
        .group_by_col((meetings::Entity, meetings::Column::BodyId))
        .to_owned();
    of_forums(&mut statement, forum_set);
    let mut last_held = HashMap::new();
    for row in db.query_all(&statement).await? {
        last_held.insert(row.try_get_by_index(0)?, row.try_get_by_index(1)?);
    }
    Ok(last_held)
}

/// A forum meeting in the attendance window: id, body, start.
type ForumMeeting = (i64, i64, DateTime<Utc>);

/// The attendance window: each forum body's last held meetings that have a roll (as many as the
/// domain's rule takes), found before anything is counted, then their rolls (attended, missed)
/// counted by the database.
async fn recent_forum_rolls(
    db: &Database,
    forum_set: Forums<'_>,
    now: DateTime<Utc>,
) -> StoreResult<(Vec<ForumMeeting>, HashMap<i64, (usize, usize)>)> {
    let recorded = [AttendanceStatus::Attended, AttendanceStatus::Absent, AttendanceStatus::Excused];
    let has_roll = Query::select()
        .expr(Expr::val(1))
        .from(attendance::Entity)
        .and_where(
            Expr::col((attendance::Entity, attendance::Column::MeetingId))
                .equals((meetings::Entity, meetings::Column::Id)),
        )
        .and_where(Expr::col((attendance::Entity, attendance::Column::Status)).is_in(recorded.map(|s| s.as_str())))
        .to_owned();
    let mut candidates = Query::select()
        .column((meetings::Entity, meetings::Column::Id))
        .column((meetings::Entity, meetings::Column::BodyId))
        .column((meetings::Entity, meetings::Column::StartsAt))
        .expr_window_as(
            Expr::cust("ROW_NUMBER()"),
            sea_orm::sea_query::WindowStatement::partition_by((meetings::Entity, meetings::Column::BodyId))
                .order_by((meetings::Entity, meetings::Column::StartsAt), sea_orm::Order::Desc)
                .to_owned(),
            "recency",
        )
        .from(meetings::Entity)
        .inner_join(
            bodies::Entity,
            Expr::col((bodies::Entity, bodies::Column::Id)).equals((meetings::Entity, meetings::Column::BodyId)),
        )
        .and_where(held_by(now))
        .and_where(Expr::col((bodies::Entity, bodies::Column::Kind)).eq(BodyKind::Forum.as_str()))
        .and_where(Expr::exists(has_roll))
        .to_owned();
    if let Forums::Only(_) = forum_set {
        candidates.cond_where(forum_set.filter((bodies::Entity, bodies::Column::ForumId)));
    }
    let window = i64::try_from(THRESHOLDS.attendance_meetings).unwrap_or(3);
    // Each roll counted by the index on attendance's meeting: a few rows per meeting read, not
    // every roll of the country.
    let recent = sea_orm::sea_query::Alias::new("recent");
    let column = |name: &str| (recent.clone(), sea_orm::sea_query::Alias::new(name));
    let counted = |statuses: &[AttendanceStatus]| {
        let count = Query::select()
            .expr(Expr::col((attendance::Entity, attendance::Column::Id)).count())
            .from(attendance::Entity)
            .and_where(Expr::col((attendance::Entity, attendance::Column::MeetingId)).equals(column("id")))
            .and_where(
                Expr::col((attendance::Entity, attendance::Column::Status)).is_in(statuses.iter().map(|s| s.as_str())),
            )
            .to_owned();
        Expr::from(count)
    };
    let statement = Query::select()
        .column(column("id"))
        .column(column("body_id"))
        .column(column("starts_at"))
        .expr(counted(&[AttendanceStatus::Attended]))
        .expr(counted(&[AttendanceStatus::Absent, AttendanceStatus::Excused]))
        .from_subquery(candidates, recent.clone())
        .and_where(Expr::col(column("recency")).lte(window))
        .to_owned();
    let mut forum_meetings: Vec<(i64, i64, DateTime<Utc>)> = Vec::new();
    let mut roll_of: HashMap<i64, (usize, usize)> = HashMap::new();
    for row in db.query_all(&statement).await? {
        let (id, body, starts_at): (i64, i64, DateTime<Utc>) =
            (row.try_get_by_index(0)?, row.try_get_by_index(1)?, row.try_get_by_index(2)?);
        let (attended, missed): (i64, i64) = (row.try_get_by_index(3)?, row.try_get_by_index(4)?);
        forum_meetings.push((id, body, starts_at));
        roll_of.insert(id, (usize::try_from(attended).unwrap_or(0), usize::try_from(missed).unwrap_or(0)));
    }
    Ok((forum_meetings, roll_of))
}

/// Each task's forum, status and due date.
async fn task_facts(db: &Database, forum_set: Forums<'_>) -> StoreResult<Vec<(i64, String, Option<NaiveDate>)>> {
    Ok(work_plan_tasks::Entity::find()
        .select_only()
        .column(work_plan_tasks::Column::ForumId)
        .column(work_plan_tasks::Column::Status)
        .column(work_plan_tasks::Column::DueOn)
        .filter(forum_set.filter((work_plan_tasks::Entity, work_plan_tasks::Column::ForumId)))
        .into_tuple()
        .all(db)
        .await?)
}

/// For tests and tools that want one forum's signals on a given day.
pub async fn assess_forum(db: &Database, forum_id: i64, now: DateTime<Utc>) -> StoreResult<Vec<Signal>> {
    Ok(assess_forums(db, Forums::Only(&[forum_id]), now).await?.remove(&forum_id).unwrap_or_default())
}
