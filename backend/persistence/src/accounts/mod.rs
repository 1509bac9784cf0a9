//! Accounts, sign-in sessions and refresh tokens, and the actor behind a request.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QuerySelect,
    Set, TransactionTrait,
};
use workit_domain::forums::{MembershipRole, is_current};
use workit_domain::{Actor, AuthFailure, DomainError, SystemRole, UserId};

use crate::entities::{bodies, forums, memberships, refresh_tokens, sessions, users};
use crate::{Database, StoreResult, joined};

pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub system_role: SystemRole,
    pub region_id: Option<i64>,
    pub person_id: Option<i64>,
    pub locale: String,
}

pub async fn create_user(db: &impl ConnectionTrait, user: NewUser, now: DateTime<Utc>) -> StoreResult<users::Model> {
    let model = users::ActiveModel {
        email: Set(user.email.trim().to_lowercase()),
        display_name: Set(user.display_name),
        password_hash: Set(user.password_hash),
        system_role: Set(user.system_role.into()),
        region_id: Set(user.region_id),
        person_id: Set(user.person_id),
        locale: Set(user.locale),
        calendar_token_hash: Set(None),
        weekly_digest: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    Ok(model.insert(db).await?)
}

/// Sign-in looks the account up before anyone is known, so this read is not scoped.
pub async fn find_by_email(db: &Database, email: &str) -> StoreResult<Option<users::Model>> {
    Ok(users::Entity::find().filter(users::Column::Email.eq(email.trim().to_lowercase())).one(db).await?)
}

/// Sets one column of the account (and its `updated_at`).
pub(crate) async fn set_column(
    db: &impl ConnectionTrait,
    user_id: UserId,
    column: users::Column,
    value: sea_orm::Value,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    users::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_locale(db: &Database, user_id: UserId, locale: &str, now: DateTime<Utc>) -> StoreResult<()> {
    set_column(db, user_id, users::Column::Locale, locale.into(), now).await
}

/// Starts a sign-in session with its first refresh token; returns the session id.
pub async fn start_session(
    db: &Database,
    user_id: UserId,
    refresh_hash: String,
    refresh_expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let txn = db.begin().await?;
    let session = sessions::ActiveModel {
        user_id: Set(user_id),
        created_at: Set(now),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_refresh(&txn, session.id, refresh_hash, refresh_expires_at, now).await?;
    txn.commit().await?;
    Ok(session.id)
}

async fn insert_refresh(
    db: &impl ConnectionTrait,
    session_id: i64,
    token_hash: String,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    refresh_tokens::ActiveModel {
        session_id: Set(session_id),
        token_hash: Set(token_hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How long a just-used refresh token may be presented again: two tabs (or a retried request
/// whose answer was lost) refreshing at the same moment both get a token, instead of the second
/// looking like a replay. Past this, a used token revokes the session as before.
pub const REFRESH_REUSE_GRACE_SECS: i64 = 30;

/// Exchanges a refresh token for a new one in the same session. A token that was already used
/// means it leaked (or was replayed): the whole session is revoked, for the thief and the owner
/// — unless it was used within [`REFRESH_REUSE_GRACE_SECS`].
pub async fn rotate_refresh(
    db: &Database,
    presented_hash: &str,
    new_hash: String,
    new_expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<(UserId, i64)> {
    let invalid = DomainError::Unauthenticated(AuthFailure::InvalidToken);
    let Some(token) =
        refresh_tokens::Entity::find().filter(refresh_tokens::Column::TokenHash.eq(presented_hash)).one(db).await?
    else {
        return Err(invalid.into());
    };
    let Some(session) = sessions::Entity::find_by_id(token.session_id).one(db).await? else {
        return Err(invalid.into());
    };
    if session.revoked_at.is_some() {
        return Err(DomainError::Unauthenticated(AuthFailure::Revoked).into());
    }
    if token.expires_at <= now {
        return Err(DomainError::Unauthenticated(AuthFailure::Expired).into());
    }
    let txn = db.begin().await?;
    // Conditional update: of two concurrent refreshes with the same token only one wins.
    let claimed = refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now))
        .filter(refresh_tokens::Column::Id.eq(token.id))
        .filter(refresh_tokens::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        let used_at = refresh_tokens::Entity::find_by_id(token.id).one(&txn).await?.and_then(|t| t.used_at);
        let grace = chrono::Duration::seconds(REFRESH_REUSE_GRACE_SECS);
        if used_at.is_none_or(|used| now - used > grace) {
            txn.rollback().await?;
            revoke_session(db, session.id, now).await?;
            return Err(DomainError::Unauthenticated(AuthFailure::Revoked).into());
        }
    }
    insert_refresh(&txn, session.id, new_hash, new_expires_at, now).await?;
    txn.commit().await?;
    Ok((session.user_id, session.id))
}

pub async fn revoke_session(db: &impl ConnectionTrait, session_id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(session_id))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The session a refresh token belongs to, if the token is known.
pub async fn session_of_refresh(db: &Database, token_hash: &str) -> StoreResult<Option<i64>> {
    Ok(refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .map(|t| t.session_id))
}

/// The account and what it may do, read afresh so that a revoked role or session takes effect
/// at once. `None` when the account is disabled or the session revoked.
pub async fn load_actor(
    db: &Database,
    user_id: UserId,
    session_id: i64,
    today: NaiveDate,
) -> StoreResult<Option<(users::Model, Actor)>> {
    let signed_in = load_signed_in(db, user_id, session_id).await?;
    Ok(signed_in.map(|signed_in| {
        let actor = signed_in.actor_on(today);
        (signed_in.user, actor)
    }))
}

/// The account behind a live session with its memberships, from which its actor on any day
/// follows; `None` when the account is disabled or the session revoked. One statement, for every
/// signed-in request the API does not find in its cache pays for it (ADR 0019).
pub async fn load_signed_in(db: &Database, user_id: UserId, session_id: i64) -> StoreResult<Option<SignedIn>> {
    let live_session = Query::select()
        .expr(Expr::val(1))
        .from(sessions::Entity)
        .and_where(sessions::Column::Id.eq(session_id))
        .and_where(sessions::Column::UserId.eq(user_id))
        .and_where(sessions::Column::RevokedAt.is_null())
        .to_owned();
    let mut select = account_with_memberships(user_id);
    select
        .and_where(Expr::col((users::Entity, users::Column::DisabledAt)).is_null())
        .and_where(Expr::exists(live_session));
    read_signed_in(db, &select).await
}

/// What the account may do on `today`: its system role and its current town roles.
pub async fn actor_of(db: &Database, user: &users::Model, today: NaiveDate) -> StoreResult<Actor> {
    let read = read_signed_in(db, &account_with_memberships(user.id)).await?;
    Ok(read.map_or_else(|| actor_with(user, BTreeMap::new()), |signed_in| signed_in.actor_on(today)))
}

/// A signed-in account as sign-in reads it: the account, and its memberships in bodies that are
/// not archived with the dates they hold, so that the roles of any day follow without a read.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: users::Model,
    memberships: Vec<HeldMembership>,
}

impl SignedIn {
    /// What the account may do on `today`: its system role and the town roles of the
    /// memberships current that day.
    pub fn actor_on(&self, today: NaiveDate) -> Actor {
        actor_with(&self.user, current_town_roles(&self.memberships, today))
    }
}

/// The account left-joined to its memberships in bodies that are not archived, one row per
/// membership (one row with no membership for an account without).
fn account_with_memberships(user_id: UserId) -> SelectStatement {
    let (u, m, b, f) = (users::Entity, memberships::Entity, bodies::Entity, forums::Entity);
    let mut select = Query::select();
    joined::all_columns_as::<users::Entity>(&mut select, "u_");
    select
        .expr_as(Expr::col((m, memberships::Column::Role)), Alias::new("m_role"))
        .expr_as(Expr::col((m, memberships::Column::JoinedOn)), Alias::new("m_joined_on"))
        .expr_as(Expr::col((m, memberships::Column::LeftOn)), Alias::new("m_left_on"))
        .expr_as(Expr::col((f, forums::Column::TownId)), Alias::new("m_town_id"))
        .from(u)
        .join(JoinType::LeftJoin, m, Expr::col((m, memberships::Column::PersonId)).equals((u, users::Column::PersonId)))
        .join(
            JoinType::LeftJoin,
            b,
            Condition::all()
                .add(Expr::col((b, bodies::Column::Id)).equals((m, memberships::Column::BodyId)))
                .add(Expr::col((b, bodies::Column::ArchivedAt)).is_null()),
        )
        .join(JoinType::LeftJoin, f, Expr::col((f, forums::Column::Id)).equals((b, bodies::Column::ForumId)))
        .and_where(Expr::col((u, users::Column::Id)).eq(user_id));
    select
}

/// Runs a statement built on `account_with_memberships`: the account and its memberships.
async fn read_signed_in(db: &Database, select: &SelectStatement) -> StoreResult<Option<SignedIn>> {
    let rows = db.query_all(select).await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let user = users::Model::from_query_result(first, "u_")?;
    let mut memberships = Vec::with_capacity(rows.len());
    for row in &rows {
        // A person with no membership, or one in an archived body, leaves the town empty.
        let town_id: Option<i64> = row.try_get("", "m_town_id")?;
        if let Some(town_id) = town_id {
            memberships.push((
                row.try_get("", "m_role")?,
                row.try_get("", "m_joined_on")?,
                row.try_get("", "m_left_on")?,
                town_id,
            ));
        }
    }
    Ok(Some(SignedIn { user, memberships }))
}

fn actor_with(user: &users::Model, towns: BTreeMap<i64, BTreeSet<workit_domain::TownRole>>) -> Actor {
    Actor { user_id: user.id, system_role: *user.system_role, region: user.region_id, towns, person: user.person_id }
}

pub async fn set_weekly_digest(db: &Database, user_id: UserId, on: bool, now: DateTime<Utc>) -> StoreResult<()> {
    set_column(db, user_id, users::Column::WeeklyDigest, on.into(), now).await
}

/// A membership as the actor needs it: role, joined, left, and the forum's town.
type HeldMembership = (String, NaiveDate, Option<NaiveDate>, i64);

/// The town roles that memberships current on `today` give.
fn current_town_roles(held: &[HeldMembership], today: NaiveDate) -> BTreeMap<i64, BTreeSet<workit_domain::TownRole>> {
    let mut towns: BTreeMap<i64, BTreeSet<_>> = BTreeMap::new();
    for (role, joined_on, left_on, town_id) in held {
        if let Some(role) = MembershipRole::parse(role).filter(|_| is_current(*joined_on, *left_on, today)) {
            towns.entry(*town_id).or_default().insert(role.town_role());
        }
    }
    towns
}

/// Display names of accounts, for "changed by" lines (no personal data beyond the name).
pub async fn display_names(db: &Database, ids: &[UserId]) -> StoreResult<Vec<(UserId, String)>> {
    Ok(users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::DisplayName)
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?)
}

/// Sets (or with `None` revokes) the hash of the account's calendar-feed token; a new one
/// replaces the old, whose URL stops working.
pub async fn set_calendar_token(
    db: &Database,
    user_id: UserId,
    token_hash: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    set_column(db, user_id, users::Column::CalendarTokenHash, token_hash.into(), now).await
}

/// The account a calendar-feed token belongs to (a disabled account has no feed).
pub async fn by_calendar_token(db: &Database, token_hash: &str) -> StoreResult<Option<users::Model>> {
    Ok(users::Entity::find()
        .filter(users::Column::CalendarTokenHash.eq(token_hash))
        .filter(users::Column::DisabledAt.is_null())
        .one(db)
        .await?)
}

pub mod changes;
pub mod digest;
pub mod manage;
