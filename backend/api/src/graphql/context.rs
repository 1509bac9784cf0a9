use std::net::IpAddr;

use async_graphql::Context;
use chrono::{DateTime, Utc};
use workit_domain::{Actor, AuthFailure};
use workit_persistence::Database;
use workit_persistence::entities::users;

use crate::AppState;
use crate::error::ApiResult;
use crate::i18n::Locale;

/// What the HTTP layer learnt about the caller before the operation runs.
pub struct RequestContext {
    /// The signed-in account and what it may do, read from the database for this request.
    pub caller: Option<(users::Model, Actor, i64)>,
    /// Why the credentials sent (if any) were refused; reported only by operations that need them.
    pub auth_failure: Option<AuthFailure>,
    pub locale: Locale,
    pub client_ip: IpAddr,
}

pub trait ContextExt {
    fn app(&self) -> &AppState;
    fn request(&self) -> &RequestContext;

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
            Some((_, actor, _)) => Ok(actor),
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
}
