//! Gathers the facts the domain's health rules need, for many forums at once (a fixed number
//! of queries whatever the number of forums), and lets the domain assess them.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use workit_domain::directory::Sector;
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
    let members: Vec<memberships::Model> = memberships::Entity::find()
        .filter(memberships::Column::BodyId.is_in(body_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter(|m| is_current(m.joined_on, m.left_on, today))
        .collect();
    let person_ids: BTreeSet<i64> = members.iter().map(|m| m.person_id).collect();
    let people: HashMap<i64, people::Model> = people::Entity::find()
        .filter(people::Column::Id.is_in(person_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let org_ids: BTreeSet<i64> = people.values().filter_map(|p| p.organisation_id).collect();
    let sector_of_org: HashMap<i64, Sector> = organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(org_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, *o.sector))
        .collect();
    let held: Vec<meetings::Model> = meetings::Entity::find()
        .filter(meetings::Column::BodyId.is_in(body_ids.iter().copied()))
        .filter(meetings::Column::Status.is_in(HELD.map(MeetingStatus::as_str)))
        .filter(meetings::Column::StartsAt.lte(now))
        .all(db)
        .await?;
    // Attendance counts only for the forum body's meetings (the domain takes its window of
    // them): task teams' rolls would be thousands of rows for a region, read for nothing.
    let forum_bodies: BTreeSet<i64> = bodies.iter().filter(|b| b.kind == BodyKind::Forum).map(|b| b.id).collect();
    let window: Vec<i64> = held.iter().filter(|m| forum_bodies.contains(&m.body_id)).map(|m| m.id).collect();
    let rolls =
        attendance::Entity::find().filter(attendance::Column::MeetingId.is_in(window.iter().copied())).all(db).await?;
    let mut roll_of: HashMap<i64, (usize, usize)> = HashMap::new();
    for row in rolls {
        let entry = roll_of.entry(row.meeting_id).or_default();
        match *row.status {
            AttendanceStatus::Attended => entry.0 += 1,
            AttendanceStatus::Absent | AttendanceStatus::Excused => entry.1 += 1,
            AttendanceStatus::Invited => {}
        }
    }
    let tasks = work_plan_tasks::Entity::find()
        .filter(work_plan_tasks::Column::ForumId.is_in(forum_ids.iter().copied()))
        .all(db)
        .await?;

    let sector_of_person = |person_id: i64| {
        people.get(&person_id).and_then(|p| p.organisation_id).and_then(|o| sector_of_org.get(&o).copied())
    };
    let mut report = HashMap::new();
    for forum in forums {
        let stage = *forum.stage;
        let own_bodies: Vec<&bodies::Model> = bodies.iter().filter(|b| b.forum_id == forum.id).collect();
        let forum_body = own_bodies.iter().find(|b| b.kind == BodyKind::Forum).map(|b| b.id);
        let members_of = |body: i64| members.iter().filter(move |m| m.body_id == body);
        let sectors: BTreeSet<Sector> =
            own_bodies.iter().flat_map(|b| members_of(b.id)).filter_map(|m| sector_of_person(m.person_id)).collect();
        let forum_members = forum_body
            .into_iter()
            .flat_map(members_of)
            .map(|m| MemberFacts {
                sector: sector_of_person(m.person_id),
                seniority: people.get(&m.person_id).and_then(|p| p.seniority.map(|s| *s)),
            })
            .collect();
        let last_held = |body: i64| held.iter().filter(|m| m.body_id == body).map(|m| m.starts_at.date_naive()).max();
        let forum_meetings = held
            .iter()
            .filter(|m| Some(m.body_id) == forum_body)
            .map(|m| {
                let (attended, missed) = roll_of.get(&m.id).copied().unwrap_or_default();
                MeetingFacts { on: m.starts_at.date_naive(), attended, missed }
            })
            .collect();
        let task_teams = own_bodies
            .iter()
            .filter(|b| b.kind == BodyKind::TaskTeam)
            .map(|b| TeamFacts {
                name: b.name.clone(),
                started_on: b.starts_on.or(Some(b.created_at.date_naive())),
                last_meeting_on: last_held(b.id),
            })
            .collect();
        let tasks = tasks
            .iter()
            .filter(|t| t.forum_id == forum.id)
            .map(|t| TaskFacts { done: t.status == TaskStatus::Done, due_on: t.due_on })
            .collect();
        let input = HealthInput { stage, today, forum_members, sectors, forum_meetings, task_teams, tasks };
        report.insert(forum.id, assess(&input));
    }
    Ok(report)
}

/// For tests and tools that want one forum's signals on a given day.
pub async fn assess_forum(db: &Database, forum_id: i64, now: DateTime<Utc>) -> StoreResult<Vec<Signal>> {
    Ok(assess_forums(db, &[forum_id], now).await?.remove(&forum_id).unwrap_or_default())
}
