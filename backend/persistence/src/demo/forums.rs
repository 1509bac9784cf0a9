//! The forum of a town: its milestones, strategic focuses, bodies, members and meetings.

use chrono::{Duration, NaiveDate};
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use workit_domain::forums::{BodyKind, MembershipRole, Stage};
use workit_domain::plans::focuses::FocusStatus;

use super::Seeder;
use super::data::{FOCUSES, FocusSeed, TownSeed};
use super::directory::TownPeople;
use super::meetings::MeetingPlan;
use crate::StoreResult;
use crate::entities::{bodies, memberships, milestones};
use crate::versioned::insert_new;

/// What the later steps need of a town's forum.
pub(super) struct TownForum {
    pub id: i64,
    pub focuses: Vec<(i64, &'static FocusSeed)>,
    /// The task team of each focus, in the same order (none yet while planning).
    pub teams: Vec<i64>,
    /// The current members of the forum body.
    pub members: Vec<i64>,
}

impl Seeder<'_> {
    pub(super) async fn forum(&mut self, seed: &TownSeed<'_>, people: &TownPeople) -> StoreResult<TownForum> {
        let now = self.now;
        let started = self.date_offset(730);
        let created =
            crate::forums::create_forum(self.txn, people.town_id, seed.stage, now - Duration::days(730)).await?;
        let forum = created.forum;
        self.complete_milestones(forum.id, seed.stage, people.office_manager).await?;
        self.stage_history(forum.id, seed.stage).await?;

        // Strategic focuses exist from stage 2 on; each gets a task team from stage 3 on.
        let focus_count = match seed.stage {
            Stage::KickOff => 0,
            Stage::MappingAndPlanning => 2,
            Stage::Implementation => self.rng.random_range(2..=4),
        };
        let mut focus_ids = Vec::new();
        let seed_stage = seed.stage;
        for (index, seed) in FOCUSES.iter().take(focus_count).enumerate() {
            // While planning, the second focus is still a proposal.
            let proposed = seed_stage == Stage::MappingAndPlanning && index == 1;
            let status = if proposed { FocusStatus::Proposed } else { FocusStatus::Active };
            let position = i32::try_from(index).unwrap_or(0) + 1;
            let focus = self.focus(forum.id, seed, position, status, people.office_manager).await?;
            focus_ids.push((focus, seed));
        }

        let (steering, forum_body) = (created.steering_body_id, created.forum_body_id);
        // Each focus gets its task team in implementation; while planning, the first two have
        // just formed.
        let (team_count, teams_started) = match seed.stage {
            Stage::KickOff => (0, 0),
            Stage::MappingAndPlanning => (2, 60),
            Stage::Implementation => (focus_ids.len(), 365),
        };
        let mut teams = Vec::new();
        for (focus, seed) in focus_ids.iter().take(team_count) {
            let title = seed.title;
            let started = self.date_offset(teams_started);
            teams.push(
                self.body(forum.id, BodyKind::TaskTeam, &format!("צוות משימה: {title}"), Some(*focus), started).await?,
            );
        }

        // Memberships: the steering committee is four people; the forum takes 15–35 members.
        self.member(steering, people.chair, MembershipRole::Chair, started).await?;
        self.member(steering, people.office_manager, MembershipRole::EmploymentLead, started).await?;
        self.member(steering, people.referent, MembershipRole::ReferentStrategic, started).await?;
        self.member(forum_body, people.chair, MembershipRole::Chair, started).await?;
        self.member(forum_body, people.office_manager, MembershipRole::EmploymentLead, started).await?;
        self.member(forum_body, people.referent, MembershipRole::ReferentOperational, started).await?;
        let forum_size = people.all.len().clamp(15, 35);
        let mut forum_members = vec![people.chair, people.office_manager, people.referent];
        for (i, person) in people
            .all
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, p)| ![people.chair, people.office_manager, people.referent].contains(p))
            .take(forum_size.saturating_sub(3))
        {
            // A few members left along the way: history is kept.
            let left = (i % 11 == 10).then(|| self.date_offset(200));
            self.member_until(forum_body, person, MembershipRole::Member, started, left).await?;
            if left.is_none() {
                forum_members.push(person);
            }
        }
        for (t, team) in teams.iter().enumerate() {
            let size = self.rng.random_range(4..=7);
            let team_members: Vec<i64> = forum_members.iter().copied().skip(3 + t * 2).take(size).collect();
            for (i, person) in team_members.iter().enumerate() {
                let role = if i == 0 { MembershipRole::TeamLead } else { MembershipRole::Member };
                self.member(*team, *person, role, self.date_offset(300)).await?;
            }
            self.meetings(*team, &team_members, MeetingPlan::Monthly).await?;
        }
        self.meetings(steering, &[people.chair, people.office_manager, people.referent], MeetingPlan::Steering).await?;
        let held_forum_meetings = match seed.stage {
            Stage::KickOff => 0,
            Stage::MappingAndPlanning => 4,
            Stage::Implementation => 9,
        };
        self.meetings(forum_body, &forum_members, MeetingPlan::Forum { held: held_forum_meetings }).await?;
        Ok(TownForum { id: forum.id, focuses: focus_ids, teams, members: forum_members })
    }

    /// Milestones of earlier stages were done before the forum moved on; about half of the
    /// current stage's are done (recently), the rest due soon or a little overdue. Nothing is
    /// done on a day that has not come.
    pub(super) async fn complete_milestones(&mut self, forum_id: i64, stage: Stage, owner: i64) -> StoreResult<()> {
        let rows = milestones::Entity::find().filter(milestones::Column::ForumId.eq(forum_id)).all(self.txn).await?;
        for (i, row) in rows.into_iter().enumerate() {
            let of = *row.stage;
            let i = i as i64;
            let (due, done) = if of < stage {
                (self.date_offset(220 + (37 * i) % 260), true)
            } else if of == stage && i % 2 == 0 {
                (self.date_offset(5 + (23 * i) % 90), true)
            } else if of == stage {
                // Due from ten days ago (overdue) to seven weeks ahead.
                (self.date_offset(10 - (13 * i) % 60), false)
            } else {
                (self.date_offset(-120), false)
            };
            let mut active: milestones::ActiveModel = row.into();
            active.owner_person_id = Set(Some(owner));
            active.due_on = Set(Some(due));
            active.done_on = Set(done.then(|| due - Duration::days(3)));
            active.update(self.txn).await?;
        }
        Ok(())
    }

    /// The stage moves that brought the forum where it is: to mapping about sixteen months ago,
    /// to implementation about seven.
    async fn stage_history(&mut self, forum_id: i64, stage: Stage) -> StoreResult<()> {
        use sea_orm::ActiveModelTrait as _;
        let moves = [
            (Stage::KickOff, Stage::MappingAndPlanning, 480, "הושלמו אבני הדרך של שלב ההתנעה"),
            (Stage::MappingAndPlanning, Stage::Implementation, 210, "תוכנית העבודה אושרה והוצגה לראש הרשות"),
        ];
        for (from, to, days_ago, reason) in moves {
            if stage < to {
                break;
            }
            crate::entities::forum_stage_changes::ActiveModel {
                created_at: Set(self.now - Duration::days(days_ago)),
                forum_id: Set(forum_id),
                from_stage: Set(from.into()),
                to_stage: Set(to.into()),
                reason: Set(Some(reason.into())),
                changed_by: Set(None),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }

    pub(super) async fn body(
        &mut self,
        forum_id: i64,
        kind: BodyKind,
        name: &str,
        focus: Option<i64>,
        starts_on: NaiveDate,
    ) -> StoreResult<i64> {
        let body = insert_new(
            self.txn,
            bodies::ActiveModel {
                forum_id: Set(forum_id),
                kind: Set(kind.into()),
                name: Set(name.into()),
                focus_id: Set(focus),
                lead_person_id: Set(None),
                starts_on: Set(Some(starts_on)),
                ends_on: Set(None),
                archived_at: Set(None),
                ..Default::default()
            },
            self.now,
        )
        .await?;
        Ok(body.id)
    }

    pub(super) async fn member(
        &mut self,
        body: i64,
        person: i64,
        role: MembershipRole,
        joined: NaiveDate,
    ) -> StoreResult<()> {
        self.member_until(body, person, role, joined, None).await
    }

    pub(super) async fn member_until(
        &mut self,
        body: i64,
        person: i64,
        role: MembershipRole,
        joined: NaiveDate,
        left: Option<NaiveDate>,
    ) -> StoreResult<()> {
        insert_new(
            self.txn,
            memberships::ActiveModel {
                body_id: Set(body),
                person_id: Set(person),
                role: Set(role.into()),
                joined_on: Set(joined),
                left_on: Set(left),
                ..Default::default()
            },
            self.now,
        )
        .await?;
        Ok(())
    }
}
