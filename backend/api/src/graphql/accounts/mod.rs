//! Sign-in, token refresh, sign-out and the signed-in account (`me`).

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use workit_domain::{Actor, AuthFailure, DomainError};
use workit_persistence::accounts;
use workit_persistence::entities::users;

use super::ContextExt;
use super::enums::{Locale, SystemRole, TownRole};
use super::loaders::{RegionKey, TownKey};
use super::regions::Region;
use super::towns::Town;
use crate::auth::tokens::{self, TokenSubject};
use crate::error::ApiResult;
use crate::graphql::Caller;

/// The signed-in account with its roles and scopes, as the server enforces them.
pub struct Me {
    user: users::Model,
    actor: Actor,
}

#[Object]
impl Me {
    async fn id(&self) -> ID {
        ID::from(self.user.id.to_string())
    }

    async fn email(&self) -> &str {
        &self.user.email
    }

    async fn display_name(&self) -> &str {
        &self.user.display_name
    }

    async fn system_role(&self) -> SystemRole {
        self.actor.system_role.into()
    }

    /// The region a regional coordinator works in.
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Option<Region>> {
        let Some(region) = self.actor.region else {
            return Ok(None);
        };
        Ok(ctx.loaders().load_one(RegionKey(region)).await?.map(Region))
    }

    async fn locale(&self) -> Locale {
        crate::i18n::Locale::of_account(Some(&self.user.locale)).into()
    }

    /// Whether the account has a private calendar-feed URL (it is shown only when created).
    async fn has_calendar_feed(&self) -> bool {
        self.user.calendar_token_hash.is_some()
    }

    /// Whether a chair gets the Sunday e-mail of what waits for their approval.
    async fn weekly_digest(&self) -> bool {
        self.user.weekly_digest
    }

    /// The towns where the account holds a role through a current membership.
    async fn towns(&self) -> Vec<TownGrant> {
        self.actor
            .towns
            .iter()
            .map(|(town, roles)| TownGrant {
                town_id: *town,
                roles: roles.iter().copied().map(TownRole::from).collect(),
            })
            .collect()
    }
}

pub struct TownGrant {
    town_id: i64,
    roles: Vec<TownRole>,
}

#[Object]
impl TownGrant {
    async fn town(&self, ctx: &Context<'_>) -> ApiResult<Town> {
        let town = ctx.loaders().load_one(TownKey(self.town_id)).await?;
        town.map(Town::from).ok_or_else(|| DomainError::NotFound { entity: "town" }.into())
    }

    async fn roles(&self) -> &[TownRole] {
        &self.roles
    }
}

#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Short-lived bearer token for `Authorization: Bearer …`.
    access_token: String,
    access_token_expires_at: DateTime<Utc>,
    /// Single-use: exchange it with `refresh` for a new pair before it expires.
    refresh_token: String,
    refresh_token_expires_at: DateTime<Utc>,
    me: Me,
}

/// What the web app needs to know before anyone signs in.
#[derive(SimpleObject)]
pub struct ServerInfo {
    /// The database holds the synthetic demo data set.
    demo: bool,
    version: &'static str,
}

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    async fn me(&self, ctx: &Context<'_>) -> ApiResult<Me> {
        ctx.actor()?;
        let Some(Caller { user, actor, .. }) = ctx.request().caller.clone() else {
            return Err(AuthFailure::Missing.into());
        };
        Ok(Me { user, actor })
    }

    async fn server_info(&self, ctx: &Context<'_>) -> ServerInfo {
        ServerInfo { demo: ctx.app().config.demo, version: env!("CARGO_PKG_VERSION") }
    }
}

async fn issue(ctx: &Context<'_>, user_id: i64, session_id: i64, refresh_token: String) -> ApiResult<AuthPayload> {
    let app = ctx.app();
    let now = ctx.now();
    let (access_token, access_token_expires_at) =
        tokens::issue_access_token(&app.config, TokenSubject { user_id, session_id }, now)?;
    let Some((user, actor)) = accounts::load_actor(&app.db, user_id, session_id, now.date_naive()).await? else {
        return Err(AuthFailure::Revoked.into());
    };
    Ok(AuthPayload {
        access_token,
        access_token_expires_at,
        refresh_token,
        refresh_token_expires_at: now + app.config.refresh_token_ttl,
        me: Me { user, actor },
    })
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Signs in with e-mail and password. Limited per account and per client address.
    async fn login(&self, ctx: &Context<'_>, email: String, password: String) -> ApiResult<AuthPayload> {
        let app = ctx.app();
        app.login_limiter.check(&email, ctx.request().client_ip)?;
        let user = accounts::find_by_email(&app.db, &email).await?.filter(|u| u.disabled_at.is_none());
        let matches = app.passwords.verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
        let Some(user) = user.filter(|_| matches) else {
            return Err(AuthFailure::BadCredentials.into());
        };
        let now = ctx.now();
        let (refresh_token, refresh_hash) = tokens::new_refresh_token();
        let session_id =
            accounts::start_session(&app.db, user.id, refresh_hash, now + app.config.refresh_token_ttl, now).await?;
        issue(ctx, user.id, session_id, refresh_token).await
    }

    /// Exchanges a refresh token for a new access and refresh token. Each refresh token works
    /// once; presenting a used one signs the whole session out.
    async fn refresh(&self, ctx: &Context<'_>, refresh_token: String) -> ApiResult<AuthPayload> {
        let app = ctx.app();
        let now = ctx.now();
        let (new_token, new_hash) = tokens::new_refresh_token();
        let presented = tokens::hash_secret_token(&refresh_token);
        let (user_id, session_id) =
            accounts::rotate_refresh(&app.db, &presented, new_hash, now + app.config.refresh_token_ttl, now).await?;
        issue(ctx, user_id, session_id, new_token).await
    }

    /// Signs out: the session of the given refresh token (or of the caller's access token) stops
    /// working at once, access tokens included.
    async fn logout(&self, ctx: &Context<'_>, refresh_token: Option<String>) -> ApiResult<bool> {
        let app = ctx.app();
        let session = match refresh_token {
            Some(token) => accounts::session_of_refresh(&app.db, &tokens::hash_secret_token(&token)).await?,
            None => ctx.request().caller.as_ref().map(|caller| caller.session_id),
        };
        let Some(session) = session else {
            return Err(AuthFailure::InvalidToken.into());
        };
        accounts::revoke_session(&app.db, session, ctx.now()).await?;
        Ok(true)
    }

    /// Creates the account's private calendar-feed URL, replacing (and so revoking) any earlier
    /// one. The path is returned only now: only its hash is kept.
    async fn create_calendar_feed(&self, ctx: &Context<'_>) -> ApiResult<String> {
        let actor = ctx.actor()?.clone();
        let (token, hash) = tokens::new_refresh_token();
        accounts::set_calendar_token(&ctx.app().db, actor.user_id, Some(hash), ctx.now()).await?;
        Ok(format!("/calendar/feed/{token}.ics"))
    }

    /// Revokes the calendar-feed URL: calendars subscribed to it stop receiving meetings.
    async fn revoke_calendar_feed(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let actor = ctx.actor()?.clone();
        accounts::set_calendar_token(&ctx.app().db, actor.user_id, None, ctx.now()).await?;
        Ok(true)
    }

    /// Remembers the account's language for its next sign-in, on any device.
    async fn set_my_locale(&self, ctx: &Context<'_>, locale: Locale) -> ApiResult<Me> {
        let actor = ctx.actor()?.clone();
        let app = ctx.app();
        let code = crate::i18n::Locale::from(locale).as_str();
        accounts::set_locale(&app.db, actor.user_id, code, ctx.now()).await?;
        let Some(Caller { mut user, .. }) = ctx.request().caller.clone() else {
            return Err(AuthFailure::Missing.into());
        };
        user.locale = code.to_owned();
        Ok(Me { user, actor })
    }

    /// Turns the weekly e-mail of what waits for the chair's approval on or off.
    async fn set_my_weekly_digest(&self, ctx: &Context<'_>, on: bool) -> ApiResult<Me> {
        let actor = ctx.actor()?.clone();
        accounts::set_weekly_digest(ctx.db(), actor.user_id, on, ctx.now()).await?;
        let Some(Caller { mut user, .. }) = ctx.request().caller.clone() else {
            return Err(AuthFailure::Missing.into());
        };
        user.weekly_digest = on;
        Ok(Me { user, actor })
    }
}
pub mod manage;
