use std::net::IpAddr;

use async_graphql::Context;
use chrono::{DateTime, Utc};
use workit_domain::{Actor, AuthFailure};
use workit_persistence::Database;
use workit_persistence::entities::users;

use super::loaders::Loaders;
use crate::AppState;
use crate::error::ApiResult;
use crate::i18n::Locale;

/// The signed-in account of a request: read from the database for this request, so a revoked
/// role or session takes effect at once.
#[derive(Clone)]
pub struct Caller {
    pub user: users::Model,
    /// What the account may do, from its system role and memberships.
    pub actor: Actor,
    /// The sign-in session its access token belongs to.
    pub session_id: i64,
}

/// What the HTTP layer learnt about the caller before the operation runs.
pub struct RequestContext {
    pub caller: Option<Caller>,
    /// Why the credentials sent (if any) were refused; reported only by operations that need them.
    pub auth_failure: Option<AuthFailure>,
    pub locale: Locale,
    pub client_ip: IpAddr,
}

pub trait ContextExt {
    fn app(&self) -> &AppState;
    fn request(&self) -> &RequestContext;

    /// The request's batch loaders for nested fields.
    fn loaders(&self) -> &Loaders;

    fn db(&self) -> &Database {
        &self.app().db
    }

    fn now(&self) -> DateTime<Utc> {
        self.app().clock.now()
    }

    /// The signed-in actor, or `UNAUTHENTICATED` with the reason the credentials were refused.
    fn actor(&self) -> ApiResult<&Actor> {
        let request = self.request();
        match &request.caller {
            Some(caller) => Ok(&caller.actor),
            None => Err(request.auth_failure.unwrap_or(AuthFailure::Missing).into()),
        }
    }
}

impl ContextExt for Context<'_> {
    fn app(&self) -> &AppState {
        self.data_unchecked::<AppState>()
    }

    fn request(&self) -> &RequestContext {
        self.data_unchecked::<RequestContext>()
    }

    fn loaders(&self) -> &Loaders {
        self.data_unchecked::<Loaders>()
    }
}
