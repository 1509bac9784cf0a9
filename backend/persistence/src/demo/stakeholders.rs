//! The stakeholder map: every organisation of the directory placed by influence and interest.

use rand::Rng;
use sea_orm::Set;

use super::Seeder;
use crate::StoreResult;
use crate::entities::stakeholder_positions;
use crate::versioned::insert_new;

impl Seeder<'_> {
    pub(super) async fn stakeholder_map(&mut self, forum_id: i64, organisations: &[i64]) -> StoreResult<()> {
        let _now = self.now;
        for organisation in organisations {
            insert_new(
                self.txn,
                stakeholder_positions::ActiveModel {
                    forum_id: Set(forum_id),
                    organisation_id: Set(*organisation),
                    influence: Set(self.rng.random_range(1..=5)),
                    interest: Set(self.rng.random_range(1..=5)),
                    note: Set(None),
                    ..Default::default()
                },
                self.now,
            )
            .await?;
        }
        Ok(())
    }
}
