//! Plans and metrics: each strategic focus with its theory of change, goal and outcome metrics
//! measured for ten years of quarters, and a year's work plan per team — some of it done, some
//! late, one task dropped — approved by the chair and changed a little since.

use chrono::Duration;
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use workit_domain::plans::focuses::{FocusStatus, Goal, GoalCriterion, TheoryOfChange};
use workit_domain::plans::measures::MetricUnit;
use workit_domain::plans::tasks::TaskDraft;
use workit_domain::plans::{Quarter, TaskStatus};

use super::data::FocusSeed;
use super::forums::TownForum;
use super::{Seeder, stamps};
use crate::StoreResult;
use crate::entities::{
    measurements, outcome_metrics, strategic_focuses, work_plan_approvals, work_plan_task_partners, work_plan_tasks,
};
use crate::versioned::insert_new;

/// Quarters of history each metric has: the Employment Service's data goes back that far.
const HISTORY_QUARTERS: i32 = 40;

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

impl Seeder<'_> {
    /// A focus, its metrics and their measurements. `recorder` records the metrics; `position`
    /// is its priority; a proposed focus is still being discussed.
    pub(super) async fn focus(
        &mut self,
        forum_id: i64,
        seed: &FocusSeed,
        position: i32,
        status: FocusStatus,
        recorder: i64,
    ) -> StoreResult<i64> {
        let theory = TheoryOfChange {
            problem: lines(seed.problem),
            activities: lines(seed.activities),
            outputs: lines(seed.outputs),
            outcomes: lines(seed.outcomes),
            impact: lines(seed.impact),
        };
        // Teams tick most criteria; one is usually still open for discussion.
        let open = GoalCriterion::ALL[self.rng.random_range(0..GoalCriterion::ALL.len())];
        let criteria = GoalCriterion::ALL.iter().copied().filter(|c| *c != open).collect();
        let goals = vec![Goal { text: seed.goal.to_owned(), criteria }];
        let focus = insert_new(
            self.txn,
            strategic_focuses::ActiveModel {
                forum_id: Set(forum_id),
                kind: Set(seed.kind.into()),
                title: Set(seed.title.into()),
                description: Set(None),
                target_population: Set(Some(seed.population.into())),
                position: Set(position),
                status: Set(status.into()),
                closed_reason: Set(None),
                theory: Set(serde_json::to_string(&theory).ok()),
                goals: Set(serde_json::to_string(&goals).ok()),
                ..Default::default()
            },
            self.now,
        )
        .await?;
        let last_closed = Quarter::last_closed(self.now);
        // The forum started two years ago: that quarter is the baseline, the target three years on.
        let baseline_quarter = last_closed.plus(-8);
        let target_quarter = baseline_quarter.plus(12);
        for (index, seed) in seed.metrics.iter().enumerate() {
            let metric = insert_new(
                self.txn,
                outcome_metrics::ActiveModel {
                    focus_id: Set(focus.id),
                    name: Set(seed.name.into()),
                    unit: Set(seed.unit.into()),
                    unit_label: Set(None),
                    direction: Set(seed.direction.into()),
                    kind: Set(workit_domain::plans::measures::MetricKind::Outcome.into()),
                    source: Set(seed.source.into()),
                    baseline: Set(Some(seed.baseline)),
                    baseline_quarter: Set(Some(baseline_quarter.code())),
                    target: Set(Some(seed.target)),
                    target_quarter: Set(Some(target_quarter.code())),
                    recorder_person_id: Set(Some(recorder)),
                    position: Set(i32::try_from(index).unwrap_or(0) + 1),
                    ..Default::default()
                },
                self.now,
            )
            .await?;
            // How far along its path this town's metric got: some towns move faster than
            // planned, some lag (off track).
            let pace = self.rng.random_range(0.6..1.25);
            // About one metric in four has not been recorded for the last closed quarter yet.
            let overdue = self.rng.random_range(0..4) == 0;
            let change = seed.target - seed.baseline;
            let mut rows = Vec::new();
            for back in (0..HISTORY_QUARTERS).rev() {
                let quarter = last_closed.plus(-back);
                if overdue && back == 0 {
                    continue;
                }
                let since_baseline = baseline_quarter.quarters_until(quarter);
                let progress = if since_baseline > 0 { f64::from(since_baseline) / 12.0 * pace } else { 0.0 };
                // Before the forum, the metric drifted the other way a little.
                let drift = if since_baseline < 0 { f64::from(since_baseline) * change * -0.01 } else { 0.0 };
                let noise = self.rng.random_range(-0.02..0.02) * change.abs();
                let raw = seed.baseline + change * progress + drift + noise;
                // Counts are whole; rates and wages keep one decimal.
                let precision = if seed.unit == MetricUnit::Count { 1.0 } else { 10.0 };
                let value = if since_baseline == 0 { seed.baseline } else { (raw * precision).round() / precision };
                let (created_at, updated_at, version) = stamps(self.now);
                rows.push(measurements::ActiveModel {
                    metric_id: Set(metric.id),
                    year: Set(quarter.year()),
                    quarter: Set(i32::from(quarter.number())),
                    value: Set(value),
                    note: Set(None),
                    recorded_by: Set(None),
                    created_at,
                    updated_at,
                    version,
                    ..Default::default()
                });
            }
            measurements::Entity::insert_many(rows).exec(self.txn).await?;
        }
        Ok(focus.id)
    }

    /// This year's plan of each team: tasks of past quarters are done (one was dropped, one is
    /// late), the current quarter's are under way, later ones planned. Returns the tasks made.
    pub(super) async fn work_plan(&mut self, forum: &TownForum, partners: &[i64]) -> StoreResult<Vec<i64>> {
        let today = self.now.date_naive();
        let this_quarter = Quarter::of(today);
        let mut made = Vec::new();
        for (index, (focus, seed)) in forum.focuses.iter().enumerate() {
            let team = forum.teams.get(index).copied();
            for (n, (title, number)) in seed.tasks.iter().enumerate() {
                let Some(quarter) = Quarter::new(this_quarter.year(), *number) else { continue };
                let due = quarter.last_day() - Duration::days(14);
                let (status, done_on, dropped) = if quarter < this_quarter {
                    match (index + n) % 5 {
                        3 => (TaskStatus::InProgress, None, None),
                        4 => (TaskStatus::Dropped, None, Some("המעסיק השותף יצא מהתוכנית; ייבחן מחדש בשנה הבאה")),
                        _ => (TaskStatus::Done, Some(due - Duration::days(self.rng.random_range(0..20))), None),
                    }
                } else if quarter == this_quarter {
                    (TaskStatus::InProgress, None, None)
                } else {
                    (TaskStatus::Planned, None, None)
                };
                let draft = TaskDraft {
                    title: (*title).to_owned(),
                    focus_id: Some(*focus),
                    body_id: team,
                    owner_person_id: forum.members.get(3 + (index * 2 + n) % 8).copied(),
                    partner_ids: partners.iter().copied().skip((index + n) % 4).take(2).collect(),
                    planned_quarter: Some(quarter.to_string()),
                    due_on: Some(due),
                    resources: None,
                    expected_product: None,
                    success_measure: None,
                    metric_id: None,
                    status,
                    done_on: done_on.map(|d| d.min(today)),
                    dropped_reason: dropped.map(str::to_owned),
                };
                let Ok(valid) = draft.validated(today) else { continue };
                let task = insert_new(
                    self.txn,
                    work_plan_tasks::ActiveModel {
                        forum_id: Set(forum.id),
                        focus_id: Set(valid.focus_id),
                        body_id: Set(valid.body_id),
                        title: Set(valid.title),
                        owner_person_id: Set(valid.owner_person_id),
                        due_on: Set(valid.due_on),
                        resources: Set(None),
                        expected_product: Set(None),
                        success_measure: Set(None),
                        status: Set(valid.status.into()),
                        planned_quarter: Set(valid.planned_quarter.map(Quarter::code)),
                        done_on: Set(valid.done_on),
                        dropped_reason: Set(valid.dropped_reason),
                        metric_id: Set(None),
                        ..Default::default()
                    },
                    self.now,
                )
                .await?;
                let rows = valid.partner_ids.iter().map(|organisation| work_plan_task_partners::ActiveModel {
                    task_id: Set(task.id),
                    organisation_id: Set(*organisation),
                    created_at: Set(self.now),
                    ..Default::default()
                });
                if !valid.partner_ids.is_empty() {
                    work_plan_task_partners::Entity::insert_many(rows).exec(self.txn).await?;
                }
                made.push(task.id);
            }
        }
        Ok(made)
    }

    /// The chair approved the year's plan in its first weeks; the last task was added since.
    pub(super) async fn approve_plan(&mut self, forum_id: i64, tasks: &[i64], approver: i64) -> StoreResult<()> {
        let Some((_, approved)) = tasks.split_last() else { return Ok(()) };
        let rows = work_plan_tasks::Entity::find()
            .filter(work_plan_tasks::Column::Id.is_in(approved.iter().copied()))
            .all(self.txn)
            .await?;
        let snapshot: Vec<_> = rows.iter().map(crate::plans::tasks::approved_form).collect();
        let year = Quarter::of(self.now.date_naive()).year();
        let approved_at = Quarter::new(year, 1).map_or(self.now, |q| {
            let day = q.first_day() + Duration::days(20);
            day.and_hms_opt(10, 0, 0).map_or(self.now, |t| t.and_utc()).min(self.now)
        });
        work_plan_approvals::ActiveModel {
            forum_id: Set(forum_id),
            year: Set(year),
            approved_by: Set(approver),
            snapshot: Set(serde_json::to_string(&snapshot).unwrap_or_else(|_| "[]".into())),
            created_at: Set(approved_at),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }
}
