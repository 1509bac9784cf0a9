//! Managing accounts: invitations with a one-time link to set the password, system roles,
//! disabling and re-enabling, password resets and changes. Every change is audited.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use workit_domain::accounts::{AccountRole, TokenPurpose, region_error};
use workit_domain::forums::MembershipRole;
use workit_domain::validation::codes;
use workit_domain::{Action, Actor, DomainError, Scope, SystemRole, UserId, Validator};

use super::{NewUser, create_user};
use crate::entities::{account_tokens, people, sessions, towns, users};
use crate::meetings::outbox::queued;
use crate::versioned::{VersionedWrite, insert_new, not_found, update_if_current};
use crate::{Database, Page, PageRequest, StoreResult, audit};

/// The person an account of a town role stands for, a member of the town's forum body.
pub async fn grant_town_role(
    db: &impl ConnectionTrait,
    town_id: i64,
    full_name: &str,
    email: &str,
    role: MembershipRole,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    use crate::entities::memberships;
    let Some(body) = crate::forums::forum_body_of_town(db, town_id).await? else {
        return Err(DomainError::validation("townId", codes::INVALID_CHOICE).into());
    };
    let person = insert_new(
        db,
        people::ActiveModel {
            town_id: Set(town_id),
            organisation_id: Set(None),
            full_name: Set(full_name.into()),
            job_title: Set(None),
            seniority: Set(None),
            email: Set(Some(email.into())),
            phone: Set(None),
            archived_at: Set(None),
            ..Default::default()
        },
        now,
    )
    .await?;
    insert_new(
        db,
        memberships::ActiveModel {
            body_id: Set(body.id),
            person_id: Set(person.id),
            role: Set(role.into()),
            joined_on: Set(now.date_naive()),
            left_on: Set(None),
            ..Default::default()
        },
        now,
    )
    .await?;
    Ok(person.id)
}

/// Where an account belongs for the policy: its person's town, or (for system roles and
/// accounts without a person) nowhere in particular, which only administrators manage.
async fn account_scope(db: &Database, user: &users::Model) -> StoreResult<Scope> {
    if user.system_role != SystemRole::None {
        return Ok(Scope::Global);
    }
    let Some(person) = user.person_id else {
        return Ok(Scope::Global);
    };
    let town = people::Entity::find_by_id(person).one(db).await?.map(|p| p.town_id);
    match town {
        Some(town) => crate::scope::town(db, town).await,
        None => Ok(Scope::Global),
    }
}

async fn user_row(db: &Database, user_id: UserId) -> StoreResult<users::Model> {
    users::Entity::find_by_id(user_id).one(db).await?.ok_or_else(|| not_found("account"))
}

async fn user_by_email(db: &Database, email: &str) -> StoreResult<users::Model> {
    super::find_by_email(db, email).await?.ok_or_else(|| not_found("account"))
}

/// An account the actor may manage, or `NOT_FOUND`/`FORBIDDEN`.
async fn manageable(db: &Database, actor: &Actor, user_id: UserId) -> StoreResult<users::Model> {
    let user = user_row(db, user_id).await?;
    actor.authorize(Action::ManageAccounts, account_scope(db, &user).await?)?;
    Ok(user)
}

/// A coordinator's region must exist.
async fn check_region_exists(db: &Database, region: Option<i64>) -> StoreResult<()> {
    if let Some(region) = region
        && crate::entities::regions::Entity::find_by_id(region).one(db).await?.is_none()
    {
        return Err(DomainError::validation("regionId", codes::INVALID_CHOICE).into());
    }
    Ok(())
}

/// The accounts the actor manages: all of them for an administrator, those of the region's
/// towns for a coordinator; anyone else is refused.
pub async fn list(
    db: &Database,
    actor: &Actor,
    search: Option<&str>,
    page: PageRequest,
) -> StoreResult<Page<users::Model>> {
    let mut query = users::Entity::find().order_by_asc(users::Column::Email);
    match (actor.system_role, actor.region) {
        (SystemRole::Admin, _) => {}
        (SystemRole::RegionalCoordinator, Some(region)) => {
            let town_ids = crate::towns::ids_in_region(db, region).await?;
            let person_ids: Vec<i64> = people::Entity::find()
                .filter(people::Column::TownId.is_in(town_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect();
            query = query
                .filter(users::Column::PersonId.is_in(person_ids))
                .filter(users::Column::SystemRole.eq(SystemRole::None.as_str()));
        }
        _ => return Err(DomainError::Forbidden.into()),
    }
    if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
        query = query.filter(
            Condition::any()
                .add(users::Column::Email.contains(search.to_lowercase()))
                .add(users::Column::DisplayName.contains(search)),
        );
    }
    crate::page::fetch(db, query, page).await
}

/// The towns of the people behind accounts, by person, for the accounts list.
pub async fn towns_of_people(db: &Database, person_ids: &[i64]) -> StoreResult<HashMap<i64, towns::Model>> {
    let people = people::Entity::find().filter(people::Column::Id.is_in(person_ids.iter().copied())).all(db).await?;
    let town_ids: Vec<i64> = people.iter().map(|p| p.town_id).collect();
    let towns: HashMap<i64, towns::Model> = towns::Entity::find()
        .filter(towns::Column::Id.is_in(town_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    Ok(people.into_iter().filter_map(|p| Some((p.id, towns.get(&p.town_id)?.clone()))).collect())
}

/// Pending invitations among `user_ids`: accounts whose invitation link was not used yet.
pub async fn pending_invitations(db: &Database, user_ids: &[UserId]) -> StoreResult<Vec<UserId>> {
    Ok(account_tokens::Entity::find()
        .filter(account_tokens::Column::UserId.is_in(user_ids.iter().copied()))
        .filter(account_tokens::Column::Purpose.eq(TokenPurpose::Invitation.as_str()))
        .filter(account_tokens::Column::UsedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.user_id)
        .collect())
}

pub struct Invitation {
    pub email: String,
    pub name: String,
    pub role: AccountRole,
    pub town_id: Option<i64>,
    pub region_id: Option<i64>,
    pub locale: String,
    /// A hash of a random secret nobody knows: the account cannot sign in until the link is used.
    pub unusable_password_hash: String,
}

/// The e-mail that carries a one-time link; written to the outbox in the change's transaction.
pub struct LinkEmail {
    pub subject: String,
    pub body: String,
}

async fn insert_token(
    txn: &impl ConnectionTrait,
    user_id: UserId,
    purpose: TokenPurpose,
    token_hash: String,
    created_by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<DateTime<Utc>> {
    // A new link replaces any earlier unused one of the same purpose.
    account_tokens::Entity::update_many()
        .col_expr(account_tokens::Column::UsedAt, Expr::value(now))
        .filter(account_tokens::Column::UserId.eq(user_id))
        .filter(account_tokens::Column::Purpose.eq(purpose.as_str()))
        .filter(account_tokens::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    let expires_at = now + purpose.lifetime();
    account_tokens::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.into()),
        token_hash: Set(token_hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_by: Set(created_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(expires_at)
}

async fn enqueue_link_email(
    txn: &impl ConnectionTrait,
    kind: TokenPurpose,
    user: &users::Model,
    email: Option<LinkEmail>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let Some(email) = email else {
        return Ok(());
    };
    let recipient = (user.email.clone(), user.display_name.clone());
    let kind = format!("ACCOUNT_{}", kind.as_str());
    queued(None, &kind, recipient, &email.subject, email.body, now).insert(txn).await?;
    Ok(())
}

/// Creates an account that signs in once its holder sets a password through the link whose
/// hash is `token_hash`; `email` is sent with it when SMTP is configured.
pub async fn invite(
    db: &Database,
    actor: &Actor,
    invitation: Invitation,
    token_hash: String,
    email: impl FnOnce(&users::Model, DateTime<Utc>) -> Option<LinkEmail>,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    let mut v = Validator::new();
    let address = v.optional_email("email", Some(&invitation.email));
    let name = v.required_text("name", &invitation.name, 200);
    v.finish()?;
    let address = address.ok_or_else(|| DomainError::validation("email", codes::REQUIRED))?;
    let role = invitation.role;
    role.check_scope(invitation.town_id, invitation.region_id)?;
    match invitation.town_id {
        Some(town) => actor.authorize(Action::ManageAccounts, crate::scope::town(db, town).await?)?,
        None => actor.authorize(Action::ManageAccounts, Scope::Global)?,
    }
    check_region_exists(db, invitation.region_id).await?;
    if super::find_by_email(db, &address).await?.is_some() {
        return Err(DomainError::validation("email", codes::TAKEN).into());
    }
    let txn = db.begin().await?;
    let person_id = match (role.town_role(), invitation.town_id) {
        (Some(town_role), Some(town)) => Some(grant_town_role(&txn, town, &name, &address, town_role, now).await?),
        _ => None,
    };
    let user = create_user(
        &txn,
        NewUser {
            email: address,
            display_name: name,
            password_hash: invitation.unusable_password_hash,
            system_role: role.system_role(),
            region_id: invitation.region_id,
            person_id,
            locale: invitation.locale,
        },
        now,
    )
    .await?;
    let expires_at =
        insert_token(&txn, user.id, TokenPurpose::Invitation, token_hash, Some(actor.user_id), now).await?;
    enqueue_link_email(&txn, TokenPurpose::Invitation, &user, email(&user, expires_at), now).await?;
    audit::record(&txn, actor, "invite", "account", user.id, now).await?;
    txn.commit().await?;
    Ok(user)
}

/// A new one-time link to set the password of an existing account (the old password keeps
/// working until the link is used).
pub async fn issue_reset(
    db: &Database,
    actor: &Actor,
    user_id: UserId,
    token_hash: String,
    email: impl FnOnce(&users::Model, DateTime<Utc>) -> Option<LinkEmail>,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    let user = manageable(db, actor, user_id).await?;
    write_reset(db, user, Some(actor.user_id), token_hash, email, now).await
}

/// The reset link of [`issue_reset`], by whoever it is (`None`: the operator's command line).
/// A disabled account is enabled first: its link could not be used.
async fn write_reset(
    db: &Database,
    user: users::Model,
    by: Option<UserId>,
    token_hash: String,
    email: impl FnOnce(&users::Model, DateTime<Utc>) -> Option<LinkEmail>,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    if user.disabled_at.is_some() {
        return Err(DomainError::validation("id", codes::ACCOUNT_DISABLED).into());
    }
    let txn = db.begin().await?;
    let expires_at = insert_token(&txn, user.id, TokenPurpose::Reset, token_hash, by, now).await?;
    enqueue_link_email(&txn, TokenPurpose::Reset, &user, email(&user, expires_at), now).await?;
    audit::record_by(&txn, by, "reset_password", "account", user.id, now).await?;
    txn.commit().await?;
    Ok(user)
}

fn account_write(action: &'static str, user: &users::Model, expected: i32) -> VersionedWrite {
    VersionedWrite { entity: "account", action, id: user.id, expected, current: user.version }
}

/// Ends every sign-in session of an account but `keep`, access tokens included (they are
/// checked against their session on every request).
async fn revoke_sessions(
    db: &impl ConnectionTrait,
    user_id: UserId,
    keep: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut update = sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now))
        .filter(sessions::Column::UserId.eq(user_id))
        .filter(sessions::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(sessions::Column::Id.ne(keep));
    }
    update.exec(db).await?;
    Ok(())
}

/// Disables (signing the account out everywhere) or re-enables an account.
pub async fn set_disabled(
    db: &Database,
    actor: &Actor,
    user_id: UserId,
    version: i32,
    disabled: bool,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    let user = manageable(db, actor, user_id).await?;
    if disabled && user.id == actor.user_id {
        return Err(DomainError::validation("id", codes::NOT_YOURSELF).into());
    }
    write_disabled(db, &user, version, disabled, Some(actor.user_id), now).await
}

/// The change of [`set_disabled`], by whoever it is (`None`: the operator's command line).
async fn write_disabled(
    db: &Database,
    user: &users::Model,
    version: i32,
    disabled: bool,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    let txn = db.begin().await?;
    let changes = users::ActiveModel { disabled_at: Set(disabled.then_some(now)), ..Default::default() };
    let action = if disabled { "disable" } else { "enable" };
    update_if_current(&txn, &account_write(action, user, version), changes, now).await?;
    if disabled {
        revoke_sessions(&txn, user.id, None, now).await?;
    }
    audit::record_by(&txn, by, action, "account", user.id, now).await?;
    txn.commit().await?;
    user_row(db, user.id).await
}

/// An administrator changes an account's system role and region.
pub async fn set_system_role(
    db: &Database,
    actor: &Actor,
    user_id: UserId,
    version: i32,
    role: SystemRole,
    region_id: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    actor.authorize(Action::ManageAccounts, Scope::Global)?;
    let user = user_row(db, user_id).await?;
    if let Some(error) = region_error(role, region_id) {
        return Err(DomainError::Validation(vec![error]).into());
    }
    check_region_exists(db, region_id).await?;
    if user.id == actor.user_id && role != SystemRole::Admin {
        return Err(DomainError::validation("role", codes::NOT_YOURSELF).into());
    }
    let txn = db.begin().await?;
    let changes = users::ActiveModel { system_role: Set(role.into()), region_id: Set(region_id), ..Default::default() };
    update_if_current(&txn, &account_write("set_role", &user, version), changes, now).await?;
    audit::record(&txn, actor, "set_role", "account", user.id, now).await?;
    txn.commit().await?;
    user_row(db, user_id).await
}

/// The account a valid (unused, unexpired) link belongs to, without using it up.
pub async fn account_of_link(db: &Database, token_hash: &str, now: DateTime<Utc>) -> StoreResult<users::Model> {
    let invalid = || DomainError::validation("token", codes::LINK_INVALID);
    let token = account_tokens::Entity::find()
        .filter(account_tokens::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > now)
        .ok_or_else(invalid)?;
    let user = users::Entity::find_by_id(token.user_id).one(db).await?.filter(|u| u.disabled_at.is_none());
    Ok(user.ok_or_else(invalid)?)
}

/// Uses a one-time link of `user` (as [`account_of_link`] found it): sets the password and
/// ends every earlier session. The link is claimed by a conditional update, so of two uses at
/// once (or one after it expired or was replaced) only one wins; the other gets `link_invalid`.
pub async fn redeem_link(
    db: &Database,
    user: &users::Model,
    token_hash: &str,
    password_hash: String,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let txn = db.begin().await?;
    let claimed = account_tokens::Entity::update_many()
        .col_expr(account_tokens::Column::UsedAt, Expr::value(now))
        .filter(account_tokens::Column::TokenHash.eq(token_hash))
        .filter(account_tokens::Column::UserId.eq(user.id))
        .filter(account_tokens::Column::UsedAt.is_null())
        .filter(account_tokens::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(DomainError::validation("token", codes::LINK_INVALID).into());
    }
    set_password_hash(&txn, user.id, password_hash, now).await?;
    revoke_sessions(&txn, user.id, None, now).await?;
    audit::record_by(&txn, Some(user.id), "set_password", "account", user.id, now).await?;
    txn.commit().await?;
    Ok(())
}

async fn set_password_hash(
    db: &impl ConnectionTrait,
    user_id: UserId,
    hash: String,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    super::set_column(db, user_id, users::Column::PasswordHash, hash.into(), now).await
}

/// The signed-in person's new password (checked against the current one by the caller); every
/// other session of the account ends.
pub async fn change_password(
    db: &Database,
    actor: &Actor,
    session_id: i64,
    password_hash: String,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let txn = db.begin().await?;
    set_password_hash(&txn, actor.user_id, password_hash, now).await?;
    revoke_sessions(&txn, actor.user_id, Some(session_id), now).await?;
    audit::record(&txn, actor, "change_password", "account", actor.user_id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// For the operator's command line, which acts as no signed-in person.
pub async fn set_disabled_by_operator(
    db: &Database,
    email: &str,
    disabled: bool,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    let user = user_by_email(db, email).await?;
    write_disabled(db, &user, user.version, disabled, None, now).await
}

/// For the command line: a reset link for an account, by e-mail.
pub async fn issue_reset_by_operator(
    db: &Database,
    email: &str,
    token_hash: String,
    now: DateTime<Utc>,
) -> StoreResult<users::Model> {
    let user = user_by_email(db, email).await?;
    write_reset(db, user, None, token_hash, |_, _| None, now).await
}

/// Every account, for `workit user list`.
pub async fn all(db: &Database) -> StoreResult<Vec<users::Model>> {
    Ok(users::Entity::find().order_by_asc(users::Column::Email).all(db).await?)
}
