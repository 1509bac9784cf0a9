//! Plans and metrics: each strategic focus with its outcome metrics and measurements, and the
//! work plan's tasks.

use chrono::Datelike;
use rand::Rng;
use sea_orm::{EntityTrait, Set};
use workit_domain::forums::FocusKind;
use workit_domain::plans::TaskStatus;

use super::data::MetricSeed;
use super::forums::TownForum;
use super::{Seeder, stamps};
use crate::StoreResult;
use crate::entities::{measurements, outcome_metrics, strategic_focuses, work_plan_tasks};
use crate::versioned::insert_new;

impl Seeder<'_> {
    pub(super) async fn focus(
        &mut self,
        forum_id: i64,
        kind: FocusKind,
        title: &str,
        metrics: &[MetricSeed],
    ) -> StoreResult<i64> {
        let focus = insert_new(
            self.txn,
            strategic_focuses::ActiveModel {
                forum_id: Set(forum_id),
                kind: Set(kind.into()),
                title: Set(title.into()),
                description: Set(None),
                ..Default::default()
            },
            self.now,
        )
        .await?;
        for (name, unit, baseline, target) in metrics {
            let metric = insert_new(
                self.txn,
                outcome_metrics::ActiveModel {
                    focus_id: Set(focus.id),
                    name: Set((*name).into()),
                    unit: Set(Some((*unit).into())),
                    is_outcome: Set(true),
                    baseline: Set(Some(*baseline)),
                    target: Set(Some(*target)),
                    target_on: Set(Some(self.date_offset(-365))),
                    ..Default::default()
                },
                self.now,
            )
            .await?;
            // Eight quarters moving from the baseline towards the target, with noise.
            let mut rows = Vec::new();
            let (mut year, mut quarter) = (self.now.year() - 2, (self.now.month0() / 3 + 1) as i32);
            for q in 0..8 {
                let progress = f64::from(q) / 10.0 + self.rng.random_range(-0.05..0.05);
                let value = ((baseline + (target - baseline) * progress) * 10.0).round() / 10.0;
                let (created_at, updated_at, version) = stamps(self.now);
                rows.push(measurements::ActiveModel {
                    metric_id: Set(metric.id),
                    year: Set(year),
                    quarter: Set(quarter),
                    value: Set(value),
                    note: Set(None),
                    created_at,
                    updated_at,
                    version,
                    ..Default::default()
                });
                quarter += 1;
                if quarter > 4 {
                    quarter = 1;
                    year += 1;
                }
            }
            measurements::Entity::insert_many(rows).exec(self.txn).await?;
        }
        Ok(focus.id)
    }

    /// Three tasks per focus: one done, one under way, one planned.
    pub(super) async fn work_plan(&mut self, forum: &TownForum) -> StoreResult<()> {
        let _now = self.now;
        for (focus, title) in &forum.focuses {
            for (n, status) in [TaskStatus::Done, TaskStatus::InProgress, TaskStatus::Planned].iter().enumerate() {
                insert_new(
                    self.txn,
                    work_plan_tasks::ActiveModel {
                        forum_id: Set(forum.id),
                        focus_id: Set(Some(*focus)),
                        body_id: Set(None),
                        title: Set(format!("{title} — משימה {}", n + 1)),
                        owner_person_id: Set(forum.members.get(3 + n).copied()),
                        partners: Set(None),
                        due_on: Set(Some(self.date_offset(90 - 60 * n as i64))),
                        resources: Set(None),
                        expected_product: Set(None),
                        success_measure: Set(None),
                        status: Set((*status).into()),
                        ..Default::default()
                    },
                    self.now,
                )
                .await?;
            }
        }
        Ok(())
    }
}
