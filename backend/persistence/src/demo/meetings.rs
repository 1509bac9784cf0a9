//! Meetings of every body: past ones held (with attendance, decisions and approved minutes)
//! and the next ones planned.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::Rng;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use workit_domain::meetings::minutes::MinutesStatus;
use workit_domain::meetings::{
    AgendaKind, AttendanceStatus, DecisionStatus, MeetingStatus, TEMPLATES as MEETING_TEMPLATES,
};

use super::data::{AGENDA_TEMPLATE, FORUM_DECISIONS, STEERING_DECISIONS, TASK_TEAM_DECISIONS};
use super::{Seeder, stamps};
use crate::StoreResult;
use crate::entities::*;
use crate::versioned::insert_new;

impl Seeder<'_> {
    pub(super) async fn meetings(&mut self, body: i64, members: &[i64], plan: MeetingPlan) -> StoreResult<()> {
        let today = self.now.date_naive();
        // (date, title, duration, template) of every meeting the body has had or has planned.
        let canonical: Vec<_> = MEETING_TEMPLATES.iter().filter(|t| t.canonical_step.is_some()).collect();
        let schedule: Vec<(NaiveDate, String, i32, Option<&str>)> = match plan {
            MeetingPlan::Monthly => (0..12)
                .map(|m| {
                    (
                        today - Duration::days(330 - 30 * m),
                        format!("מפגש צוות חודשי {}", m + 1),
                        90,
                        Some("task_team_monthly"),
                    )
                })
                .collect(),
            MeetingPlan::Steering => (0..5)
                .map(|m| {
                    (
                        today - Duration::days(720 - 45 * m),
                        format!("ישיבת צוות היגוי {}", m + 1),
                        90,
                        Some("steering_committee"),
                    )
                })
                .collect(),
            MeetingPlan::Forum { held } => (0..held)
                .map(|m| {
                    let date = today - Duration::days(640 - 75 * m as i64);
                    match canonical.get(m) {
                        Some(t) => (date, t.title.to_owned(), t.duration_minutes, Some(t.key)),
                        None => (date, format!("פורום רבעוני {}", m + 1), 180, None),
                    }
                })
                .chain(std::iter::once((today + Duration::days(21), "פורום רבעוני — בקרה".to_owned(), 180, None)))
                .collect(),
        };
        let decision_texts = match plan {
            MeetingPlan::Monthly => TASK_TEAM_DECISIONS,
            MeetingPlan::Steering => STEERING_DECISIONS,
            MeetingPlan::Forum { .. } => FORUM_DECISIONS,
        };
        // Where in the list a body starts, so that two towns' teams do not decide the same things
        // in the same order; taken from the body, not the random source, to leave the rest of the
        // demo's figures as they were.
        let first_decision = usize::try_from(body).unwrap_or_default();
        for (index, (date, title, duration, template_key)) in schedule.into_iter().enumerate() {
            let starts_at = Utc.from_utc_datetime(&date.and_hms_opt(7, 0, 0).unwrap_or_default());
            let past = date < today;
            let status = if !past {
                MeetingStatus::InvitationsSent
            } else if date > today - Duration::days(20) {
                MeetingStatus::Held
            } else {
                MeetingStatus::MinutesApproved
            };
            let meeting = insert_new(
                self.txn,
                meetings::ActiveModel {
                    body_id: Set(body),
                    title: Set(title),
                    starts_at: Set(starts_at),
                    duration_minutes: Set(duration),
                    place: Set(Some("אולם הישיבות, בניין העירייה".into())),
                    online_url: Set(None),
                    goal: Set(Some("קידום תוכנית העבודה".into())),
                    course: Set(None),
                    method: Set(Some("מפגש פנים אל פנים".into())),
                    product: Set(Some("החלטות ומשימות עם אחראים ותאריכים".into())),
                    status: Set(status.into()),
                    template_key: Set(template_key.map(str::to_owned)),
                    cancel_reason: Set(None),
                    ..Default::default()
                },
                self.now,
            )
            .await?;
            let items: Vec<_> = AGENDA_TEMPLATE
                .iter()
                .enumerate()
                .filter(|(_, (_, _, minutes))| duration >= 180 || *minutes <= 25)
                .map(|(position, (title, kind, minutes))| {
                    let (created_at, updated_at, version) = stamps(self.now);
                    agenda_items::ActiveModel {
                        meeting_id: Set(meeting.id),
                        position: Set(position as i32),
                        title: Set((*title).into()),
                        kind: Set((*kind).into()),
                        minutes: Set(*minutes),
                        presenter: Set(None),
                        links: Set(None),
                        created_at,
                        updated_at,
                        version,
                        ..Default::default()
                    }
                })
                .collect();
            agenda_items::Entity::insert_many(items).exec(self.txn).await?;
            if status == MeetingStatus::MinutesApproved {
                self.approved_minutes(meeting.id, starts_at, duration).await?;
            }
            let attendance_rows: Vec<_> = members
                .iter()
                .map(|person| {
                    let roll = self.rng.random_range(0..100);
                    let status = if !past {
                        AttendanceStatus::Invited
                    } else if roll < 72 {
                        AttendanceStatus::Attended
                    } else if roll < 88 {
                        AttendanceStatus::Excused
                    } else {
                        AttendanceStatus::Absent
                    };
                    let (created_at, updated_at, version) = stamps(self.now);
                    attendance::ActiveModel {
                        meeting_id: Set(meeting.id),
                        person_id: Set(*person),
                        status: Set(status.into()),
                        created_at,
                        updated_at,
                        version,
                        ..Default::default()
                    }
                })
                .collect();
            if !attendance_rows.is_empty() {
                attendance::Entity::insert_many(attendance_rows).exec(self.txn).await?;
            }
            if past {
                for n in 0..self.rng.random_range(1..=2) {
                    let nth = first_decision + 2 * index + n as usize;
                    let due = date + Duration::days(30 + 15 * n);
                    let status = if due < today - Duration::days(60) || self.rng.random_bool(0.4) {
                        DecisionStatus::Done
                    } else {
                        DecisionStatus::Open
                    };
                    insert_new(
                        self.txn,
                        decisions::ActiveModel {
                            meeting_id: Set(meeting.id),
                            agenda_item_id: Set(None),
                            text: Set(decision_texts[nth % decision_texts.len()].to_owned()),
                            owner_person_id: Set(members.get(nth % members.len().max(1)).copied()),
                            due_on: Set(Some(due)),
                            status: Set(status.into()),
                            work_plan_task_id: Set(None),
                            ..Default::default()
                        },
                        self.now,
                    )
                    .await?;
                }
            }
        }
        Ok(())
    }

    /// Approved minutes for a closed demo meeting: one short note per agenda item.
    pub(super) async fn approved_minutes(
        &mut self,
        meeting_id: i64,
        starts_at: DateTime<Utc>,
        duration: i32,
    ) -> StoreResult<()> {
        let approved_at = starts_at + Duration::days(10);
        let version = minutes_versions::ActiveModel {
            meeting_id: Set(meeting_id),
            number: Set(1),
            status: Set(MinutesStatus::Approved.into()),
            comment_deadline: Set(Some((starts_at + Duration::days(7)).date_naive())),
            circulated_at: Set(Some(starts_at + Duration::days(2))),
            approved_at: Set(Some(approved_at)),
            approved_by: Set(None),
            correction_reason: Set(None),
            created_by: Set(None),
            created_at: Set(starts_at + Duration::days(1)),
            updated_at: Set(approved_at),
            version: Set(3),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        let sections: Vec<_> = AGENDA_TEMPLATE
            .iter()
            .filter(|(_, kind, minutes)| *kind != AgendaKind::Break && (duration >= 180 || *minutes <= 25))
            .enumerate()
            .map(|(position, (title, _, _))| minutes_sections::ActiveModel {
                minutes_version_id: Set(version.id),
                position: Set(position as i32),
                title: Set((*title).into()),
                notes: Set(format!("{title}: הוצג ונדון. הוסכם להמשיך כמתוכנן ולעדכן במפגש הבא.")),
                created_at: Set(starts_at + Duration::days(1)),
                updated_at: Set(approved_at),
                version: Set(2),
                ..Default::default()
            })
            .collect();
        if !sections.is_empty() {
            minutes_sections::Entity::insert_many(sections).exec(self.txn).await?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
pub(super) enum MeetingPlan {
    Monthly,
    Steering,
    Forum { held: usize },
}
