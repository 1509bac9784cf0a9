//! The chair's weekly e-mail of what waits for approval. One server runs each week's job: the
//! week is claimed in `scheduled_runs` in the same transaction that queues the e-mails, so a
//! failed run leaves the week unclaimed and the next attempt tries again.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait};
use workit_domain::accounts::digest::{self, ControlWaiting, MinutesWaiting, StageMoveWaiting, Waiting};
use workit_domain::forums::MembershipRole;
use workit_domain::links;
use workit_domain::meetings::minutes::israel_date;
use workit_domain::plans::Quarter;
use workit_domain::wording::Locale;

use crate::entities::{bodies, memberships, outbox_emails, scheduled_runs, towns, users};
use crate::meetings::{mine, outbox};
use crate::{Database, StoreResult};

pub const KIND: &str = "WEEKLY_DIGEST";

/// Queues the week's e-mails due at `now` unless a server already did; returns how many were
/// queued. `public_url` (the web app's address) gives each item a link.
pub async fn queue_weekly(db: &Database, now: DateTime<Utc>, public_url: Option<&str>) -> StoreResult<usize> {
    let period = digest::due_week(now).to_string();
    let claimed = scheduled_runs::Entity::find()
        .filter(scheduled_runs::Column::Job.eq(digest::JOB))
        .filter(scheduled_runs::Column::Period.eq(period.as_str()))
        .one(db)
        .await?;
    if claimed.is_some() {
        return Ok(0);
    }
    let emails = compose_all(db, now, public_url).await?;

    let txn = db.begin().await?;
    let claim = scheduled_runs::ActiveModel {
        job: Set(digest::JOB.to_owned()),
        period: Set(period),
        created_at: Set(now),
        ..Default::default()
    };
    let won = scheduled_runs::Entity::insert(claim)
        .on_conflict_do_nothing_on([scheduled_runs::Column::Job, scheduled_runs::Column::Period])
        .exec_without_returning(&txn)
        .await?;
    if !matches!(won, sea_orm::TryInsertResult::Inserted(1)) {
        return Ok(0); // another server claimed the week meanwhile; dropping `txn` rolls back
    }
    let count = emails.len();
    if count > 0 {
        outbox_emails::Entity::insert_many(emails).exec_without_returning(&txn).await?;
    }
    txn.commit().await?;
    Ok(count)
}

/// One e-mail per chair who wants the digest and has something waiting. Runs once a week, so
/// each chair's waiting items are read with the same reads as their landing page.
async fn compose_all(
    db: &Database,
    now: DateTime<Utc>,
    public_url: Option<&str>,
) -> StoreResult<Vec<outbox_emails::ActiveModel>> {
    let today = israel_date(now);
    let chairs = sea_orm::sea_query::Query::select()
        .column(memberships::Column::PersonId)
        .from(memberships::Entity)
        .and_where(memberships::Column::Role.eq(MembershipRole::Chair.as_str()))
        .to_owned();
    let readers = users::Entity::find()
        .filter(users::Column::WeeklyDigest.eq(true))
        .filter(users::Column::DisabledAt.is_null())
        .filter(users::Column::PersonId.in_subquery(chairs))
        .all(db)
        .await?;
    let mut emails = Vec::new();
    for user in readers {
        let actor = super::actor_of(db, &user, today).await?;
        let waiting = mine::waiting_for_chair(db, &actor).await?;
        if waiting.is_empty() {
            continue;
        }
        let body_ids: Vec<i64> = waiting.minutes.iter().map(|m| m.body_id).collect();
        let body_names: Vec<(i64, String)> = bodies::Entity::find()
            .select_only()
            .column(bodies::Column::Id)
            .column(bodies::Column::Name)
            .filter(bodies::Column::Id.is_in(body_ids))
            .into_tuple()
            .all(db)
            .await?;
        let town_ids =
            waiting.controls.iter().map(|c| c.town_id).chain(waiting.stage_moves.iter().map(|m| m.forum.town_id));
        let towns = towns::Entity::find().filter(towns::Column::Id.is_in(town_ids)).all(db).await?;
        let locale = Locale::of_account(Some(&user.locale));
        let town_name = |town_id: i64| {
            let town = towns.iter().find(|t| t.id == town_id)?;
            Some(town.name_in(locale).to_owned())
        };
        let minutes = waiting
            .minutes
            .into_iter()
            .map(|m| MinutesWaiting {
                body_name: body_names
                    .iter()
                    .find(|(id, _)| *id == m.body_id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
                link: links::meeting(public_url, m.id),
                title: m.title,
                starts_at: m.starts_at,
            })
            .collect();
        let controls = waiting
            .controls
            .iter()
            .filter_map(|c| {
                let quarter = Quarter::from_code(c.control.quarter)?;
                Some(ControlWaiting {
                    town_name: town_name(c.town_id)?,
                    link: links::page(public_url, &format!("/towns/{}/control?quarter={quarter}", c.town_id)),
                    quarter,
                })
            })
            .collect();
        let stage_moves = waiting
            .stage_moves
            .iter()
            .filter_map(|m| {
                Some(StageMoveWaiting {
                    town_name: town_name(m.forum.town_id)?,
                    from: *m.forum.stage,
                    to: m.to,
                    link: links::page(public_url, &format!("/towns/{}/forum?tab=stages", m.forum.town_id)),
                })
            })
            .collect();
        let waiting = Waiting { minutes, controls, stage_moves };
        if let Some(email) = digest::compose(&waiting, locale) {
            let to = (user.email.clone(), user.display_name.clone());
            emails.push(outbox::queued(None, KIND, to, &email.subject, email.body, now));
        }
    }
    Ok(emails)
}
