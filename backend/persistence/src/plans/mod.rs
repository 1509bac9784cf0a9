//! Strategic focuses, their outcome metrics and measurements, and the work plan (domain §5–§7).
//! Everything here belongs to one forum, so one rule authorizes it: town roles edit their
//! town's, coordinators their region's (`Action::EditForum`); everyone signed in reads.

pub mod control;
pub mod focuses;
pub mod metrics;
pub mod proposals;
pub mod tasks;
pub mod year;

use workit_domain::{Action, Actor};

use crate::forums::authorize_forum;
use crate::{Database, StoreResult, scope};

/// Whether `actor` edits forum `forum_id` (and so may read its drafts).
pub async fn may_edit(db: &Database, actor: &Actor, forum_id: i64) -> StoreResult<bool> {
    Ok(actor.can(Action::EditForum, scope::of_forum(db, forum_id).await?))
}
