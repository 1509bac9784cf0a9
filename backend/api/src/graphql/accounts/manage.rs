//! Managing accounts: the admin page's list, invitations, roles, disabling, password resets,
//! and the one-time link a person uses to set a password. Each operation is authorized once,
//! in `workit_persistence::accounts::manage`.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use workit_domain::accounts::{self as rules, TokenPurpose};
use workit_persistence::accounts::manage::{self as store, Invitation, LinkEmail};
use workit_persistence::entities::{towns, users};

use super::super::ContextExt;
use super::super::enums::SystemRole;
use crate::auth::tokens;
use crate::error::ApiResult;
use crate::graphql::Caller;
use crate::graphql::arguments::{PageOf, optional_id, page, page_request, parse_id};
use workit_domain::validation::codes;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "workit_domain::accounts::AccountRole")]
pub enum AccountRole {
    Admin,
    National,
    RegionalCoordinator,
    Chair,
    EmploymentLead,
    Referent,
    Member,
}

/// An account as the admin page lists it.
pub struct Account {
    user: users::Model,
    town: Option<towns::Model>,
    pending_invitation: bool,
}

#[Object]
impl Account {
    async fn id(&self) -> ID {
        ID::from(self.user.id.to_string())
    }
    async fn email(&self) -> &str {
        &self.user.email
    }
    async fn display_name(&self) -> &str {
        &self.user.display_name
    }
    async fn system_role(&self) -> ApiResult<SystemRole> {
        Ok(self.user.system_role.0.into())
    }
    async fn region_id(&self) -> Option<ID> {
        self.user.region_id.map(|id| ID::from(id.to_string()))
    }
    /// The town of the person behind a town role.
    async fn town_id(&self) -> Option<ID> {
        self.town.as_ref().map(|town| ID::from(town.id.to_string()))
    }
    async fn town_name_he(&self) -> Option<&str> {
        self.town.as_ref().map(|town| town.name_he.as_str())
    }
    async fn town_name_en(&self) -> Option<&str> {
        self.town.as_ref().map(|town| town.name_en.as_str())
    }
    async fn town_name_ar(&self) -> Option<&str> {
        self.town.as_ref()?.name_ar.as_deref()
    }
    async fn disabled(&self) -> bool {
        self.user.disabled_at.is_some()
    }
    /// Invited, and the link to set a password not used yet.
    async fn pending_invitation(&self) -> bool {
        self.pending_invitation
    }
    async fn version(&self) -> i32 {
        self.user.version
    }
}

async fn accounts(ctx: &Context<'_>, users: Vec<users::Model>) -> ApiResult<Vec<Account>> {
    let db = ctx.db();
    let person_ids: Vec<i64> = users.iter().filter_map(|u| u.person_id).collect();
    let towns = store::towns_of_people(db, &person_ids).await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let pending = store::pending_invitations(db, &ids).await?;
    Ok(users
        .into_iter()
        .map(|user| Account {
            town: user.person_id.and_then(|p| towns.get(&p).cloned()),
            pending_invitation: pending.contains(&user.id),
            user,
        })
        .collect())
}

async fn account(ctx: &Context<'_>, user: users::Model) -> ApiResult<Account> {
    let mut list = accounts(ctx, vec![user]).await?;
    list.pop().ok_or_else(|| workit_domain::DomainError::NotFound { entity: "account" }.into())
}

/// A one-time link: the path (and the full address when `WORKIT_PUBLIC_URL` is set).
fn link(ctx: &Context<'_>, token: &str) -> String {
    let base = ctx.app().config.public_url.as_deref().unwrap_or("").trim_end_matches('/');
    format!("{base}/set-password/{token}")
}

/// The e-mail for a link, in the account's language, when SMTP is configured (otherwise the
/// link is shown to the admin).
fn link_email<'a>(
    ctx: &Context<'_>,
    purpose: TokenPurpose,
    link: &'a str,
) -> impl FnOnce(&users::Model, DateTime<Utc>) -> Option<LinkEmail> + 'a {
    let configured = ctx.app().mail.configured;
    move |user, expires_at| {
        configured.then(|| {
            let expires = expires_at.with_timezone(&chrono_tz::Asia::Jerusalem).format("%d/%m/%Y %H:%M").to_string();
            let (subject, body) = rules::link_email(purpose, &user.locale, &user.display_name, link, &expires);
            LinkEmail { subject, body }
        })
    }
}

#[derive(InputObject)]
pub struct InviteInput {
    email: String,
    display_name: String,
    role: AccountRole,
    /// For town roles: the town whose forum the person joins.
    town_id: Option<ID>,
    /// For regional coordinators.
    region_id: Option<ID>,
    /// The language of the invitation e-mail and the account (`he` unless given).
    locale: Option<super::super::enums::Locale>,
}

/// What an operation that makes a one-time link answers.
#[derive(SimpleObject)]
pub struct LinkIssued {
    account: Account,
    /// The link to pass on, when no e-mail was sent (SMTP is not configured); otherwise null.
    link: Option<String>,
    emailed: bool,
}

#[derive(Default)]
pub struct AccountAdminQuery;

#[Object]
impl AccountAdminQuery {
    /// Accounts the caller manages: every account for an administrator, the accounts of the
    /// region's towns for a coordinator.
    #[graphql(complexity = "super::super::page_cost(limit, child_complexity)")]
    async fn accounts(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> ApiResult<PageOf<Account>> {
        let mut found =
            store::list(ctx.db(), ctx.actor()?, search.as_deref(), page_request(ctx, offset, limit)?).await?;
        let items = accounts(ctx, std::mem::take(&mut found.items)).await?;
        Ok(page(found.map_items(|_| items), |a| a))
    }

    /// Whom a one-time link is for, so the page can greet them; `link_invalid` when it is
    /// used, expired or unknown.
    async fn password_link(&self, ctx: &Context<'_>, token: String) -> ApiResult<String> {
        let user = store::account_of_link(ctx.db(), &tokens::hash_secret_token(&token), ctx.now()).await?;
        Ok(user.display_name)
    }
}

#[derive(Default)]
pub struct AccountAdminMutation;

#[Object]
impl AccountAdminMutation {
    /// Opens an account and sends (or, without SMTP, returns) a one-time link, valid 7 days,
    /// to choose its password. Administrators invite any role; coordinators town roles in the
    /// towns of their region.
    async fn invite_account(&self, ctx: &Context<'_>, input: InviteInput) -> ApiResult<LinkIssued> {
        let actor = ctx.actor()?;
        let language = input.locale.map_or(crate::i18n::Locale::He, Into::into).as_str();
        let unusable = ctx.app().passwords.hash(tokens::new_refresh_token().0).await?;
        let (token, hash) = tokens::new_refresh_token();
        let link = link(ctx, &token);
        let invitation = Invitation {
            email: input.email,
            name: input.display_name,
            role: input.role.into(),
            town_id: optional_id(input.town_id.as_ref(), "townId")?,
            region_id: optional_id(input.region_id.as_ref(), "regionId")?,
            locale: language.to_owned(),
            unusable_password_hash: unusable,
        };
        let email = link_email(ctx, TokenPurpose::Invitation, &link);
        let user = store::invite(ctx.db(), actor, invitation, hash, email, ctx.now()).await?;
        issued(ctx, user, link).await
    }

    /// A new one-time link, valid 24 hours, to set the password of an account the caller
    /// manages; the old password works until the link is used.
    async fn reset_account_password(&self, ctx: &Context<'_>, id: ID) -> ApiResult<LinkIssued> {
        let actor = ctx.actor()?;
        let id = parse_id(&id, "id")?;
        let (token, hash) = tokens::new_refresh_token();
        let link = link(ctx, &token);
        let email = link_email(ctx, TokenPurpose::Reset, &link);
        let user = store::issue_reset(ctx.db(), actor, id, hash, email, ctx.now()).await?;
        issued(ctx, user, link).await
    }

    /// Disables an account (signing it out everywhere at once) or enables it again.
    async fn set_account_disabled(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        disabled: bool,
    ) -> ApiResult<Account> {
        let user =
            store::set_disabled(ctx.db(), ctx.actor()?, parse_id(&id, "id")?, version, disabled, ctx.now()).await?;
        account(ctx, user).await
    }

    /// An administrator sets an account's system role (`NONE` for town roles only) and the
    /// region of a regional coordinator.
    async fn set_account_role(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        role: SystemRole,
        region_id: Option<ID>,
    ) -> ApiResult<Account> {
        let region = optional_id(region_id.as_ref(), "regionId")?;
        let user = store::set_system_role(
            ctx.db(),
            ctx.actor()?,
            parse_id(&id, "id")?,
            version,
            role.into(),
            region,
            ctx.now(),
        )
        .await?;
        account(ctx, user).await
    }

    /// Uses a one-time link (no sign-in needed): sets the password and ends every earlier
    /// session. Limited per client address like sign-in.
    async fn set_password_with_link(&self, ctx: &Context<'_>, token: String, password: String) -> ApiResult<bool> {
        let app = ctx.app();
        app.login_limiter.check_client(ctx.request().client_ip)?;
        let hash = tokens::hash_secret_token(&token);
        let user = store::account_of_link(ctx.db(), &hash, ctx.now()).await?;
        rules::check_password(&password, &[&user.email, &user.display_name])?;
        let password_hash = app.passwords.hash(password).await?;
        store::redeem_link(ctx.db(), &user, &hash, password_hash, ctx.now()).await?;
        Ok(true)
    }

    /// The signed-in person changes their password; every other session of theirs ends.
    async fn change_my_password(&self, ctx: &Context<'_>, current: String, new_password: String) -> ApiResult<bool> {
        let app = ctx.app();
        let actor = ctx.actor()?;
        let Some(Caller { user, session_id: session, .. }) = ctx.request().caller.as_ref() else {
            return Err(workit_domain::AuthFailure::Missing.into());
        };
        app.login_limiter.check(&user.email, ctx.request().client_ip)?;
        if !app.passwords.verify(current, Some(user.password_hash.clone())).await? {
            return Err(workit_domain::DomainError::validation("current", codes::WRONG_PASSWORD).into());
        }
        rules::check_password(&new_password, &[&user.email, &user.display_name])?;
        let hash = app.passwords.hash(new_password).await?;
        store::change_password(ctx.db(), actor, *session, hash, ctx.now()).await?;
        Ok(true)
    }
}

async fn issued(ctx: &Context<'_>, user: users::Model, link: String) -> ApiResult<LinkIssued> {
    let emailed = ctx.app().mail.configured;
    Ok(LinkIssued { account: account(ctx, user).await?, link: (!emailed).then_some(link), emailed })
}
