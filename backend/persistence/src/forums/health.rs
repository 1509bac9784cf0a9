//! Gathers the facts the domain's health rules need, for many forums at once (a fixed number
//! of queries whatever the number of forums), and lets the domain assess them.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use workit_domain::directory::{Sector, Seniority};
use workit_domain::forums::health::{HealthInput, MeetingFacts, MemberFacts, Signal, TaskFacts, TeamFacts, assess};
use workit_domain::forums::{BodyKind, is_closed, is_current};
use workit_domain::meetings::{AttendanceStatus, MeetingStatus};
use workit_domain::plans::TaskStatus;

use crate::entities::{attendance, bodies, forums, meetings, memberships, organisations, people, work_plan_tasks};
use crate::{Database, StoreResult};

/// Meetings count once they have happened and were recorded.
const HELD: [MeetingStatus; 2] = [MeetingStatus::Held, MeetingStatus::MinutesApproved];

pub async fn assess_forums(
    db: &Database,
    forum_ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<HashMap<i64, Vec<Signal>>> {
    let today = now.date_naive();
    let forums = forums::Entity::find().filter(forums::Column::Id.is_in(forum_ids.iter().copied())).all(db).await?;
    let bodies: Vec<bodies::Model> = bodies::Entity::find()
        .filter(bodies::Column::ForumId.is_in(forum_ids.iter().copied()))
        .filter(bodies::Column::ArchivedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|b| !is_closed(b.ends_on, today))
        .collect();
    let body_ids: Vec<i64> = bodies.iter().map(|b| b.id).collect();
    // Only the columns the rules read, as tuples: for a country this is ten thousand members.
    let members: Vec<(i64, i64)> = memberships::Entity::find()
        .select_only()
        .column(memberships::Column::BodyId)
        .column(memberships::Column::PersonId)
        .column(memberships::Column::JoinedOn)
        .column(memberships::Column::LeftOn)
        .filter(memberships::Column::BodyId.is_in(body_ids.iter().copied()))
        .into_tuple::<(i64, i64, NaiveDate, Option<NaiveDate>)>()
        .all(db)
        .await?
        .into_iter()
        .filter(|(_, _, joined, left)| is_current(*joined, *left, today))
        .map(|(body, person, _, _)| (body, person))
        .collect();
    let person_ids: BTreeSet<i64> = members.iter().map(|(_, person)| *person).collect();
    let people: HashMap<i64, (Option<i64>, Option<Seniority>)> = people::Entity::find()
        .select_only()
        .column(people::Column::Id)
        .column(people::Column::OrganisationId)
        .column(people::Column::Seniority)
        .filter(people::Column::Id.is_in(person_ids.iter().copied()))
        .into_tuple::<(i64, Option<i64>, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, organisation, seniority)| (id, (organisation, seniority.as_deref().and_then(Seniority::parse))))
        .collect();
    let org_ids: BTreeSet<i64> = people.values().filter_map(|(organisation, _)| *organisation).collect();
    let sector_of_org: HashMap<i64, Sector> = organisations::Entity::find()
        .select_only()
        .column(organisations::Column::Id)
        .column(organisations::Column::Sector)
        .filter(organisations::Column::Id.is_in(org_ids.iter().copied()))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, sector)| Sector::parse(&sector).map(|s| (id, s)))
        .collect();
    let held = || {
        meetings::Entity::find()
            .filter(meetings::Column::BodyId.is_in(body_ids.iter().copied()))
            .filter(meetings::Column::Status.is_in(HELD.map(MeetingStatus::as_str)))
            .filter(meetings::Column::StartsAt.lte(now))
    };
    // The forum bodies' held meetings with their rolls counted by the database (the domain takes
    // its window of them), and for every other body only its last meeting.
    let forum_bodies: BTreeSet<i64> = bodies.iter().filter(|b| b.kind == BodyKind::Forum).map(|b| b.id).collect();
    let forum_meetings: Vec<(i64, i64, DateTime<Utc>)> = held()
        .select_only()
        .column(meetings::Column::Id)
        .column(meetings::Column::BodyId)
        .column(meetings::Column::StartsAt)
        .filter(meetings::Column::BodyId.is_in(forum_bodies.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let last_held: HashMap<i64, DateTime<Utc>> = held()
        .select_only()
        .column(meetings::Column::BodyId)
        .expr(Expr::col(meetings::Column::StartsAt).max())
        .group_by(meetings::Column::BodyId)
        .into_tuple::<(i64, DateTime<Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let status = Expr::col(attendance::Column::Status);
    let counted = |statuses: &[AttendanceStatus]| -> Expr {
        Func::sum(Expr::case(status.clone().is_in(statuses.iter().map(|s| s.as_str())), 1).finally(0)).into()
    };
    let roll_of: HashMap<i64, (usize, usize)> = attendance::Entity::find()
        .select_only()
        .column(attendance::Column::MeetingId)
        .expr(counted(&[AttendanceStatus::Attended]))
        .expr(counted(&[AttendanceStatus::Absent, AttendanceStatus::Excused]))
        .filter(attendance::Column::MeetingId.is_in(forum_meetings.iter().map(|(id, _, _)| *id)))
        .group_by(attendance::Column::MeetingId)
        .into_tuple::<(i64, i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(meeting, attended, missed)| {
            (meeting, (usize::try_from(attended).unwrap_or(0), usize::try_from(missed).unwrap_or(0)))
        })
        .collect();
    let tasks: Vec<(i64, String, Option<NaiveDate>)> = work_plan_tasks::Entity::find()
        .select_only()
        .column(work_plan_tasks::Column::ForumId)
        .column(work_plan_tasks::Column::Status)
        .column(work_plan_tasks::Column::DueOn)
        .filter(work_plan_tasks::Column::ForumId.is_in(forum_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;

    let sector_of_person = |person_id: i64| {
        people.get(&person_id).and_then(|(organisation, _)| *organisation).and_then(|o| sector_of_org.get(&o).copied())
    };
    // Grouped once, so each forum reads only its own (a country has hundreds of forums).
    let mut members_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (body, person) in &members {
        members_of.entry(*body).or_default().push(*person);
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
            own_bodies.iter().flat_map(|b| people_of(b.id)).filter_map(sector_of_person).collect();
        let forum_members = forum_body
            .into_iter()
            .flat_map(people_of)
            .map(|person| MemberFacts {
                sector: sector_of_person(person),
                seniority: people.get(&person).and_then(|(_, seniority)| *seniority),
            })
            .collect();
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

/// For tests and tools that want one forum's signals on a given day.
pub async fn assess_forum(db: &Database, forum_id: i64, now: DateTime<Utc>) -> StoreResult<Vec<Signal>> {
    Ok(assess_forums(db, &[forum_id], now).await?.remove(&forum_id).unwrap_or_default())
}
