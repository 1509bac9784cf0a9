//! `POST /graphql` (JSON only, one operation per request) and GraphiQL on `GET /graphql`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use async_graphql::http::GraphiQLSource;
use async_graphql::{ServerError, Value};
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use workit_domain::AuthFailure;
use workit_persistence::accounts;

use crate::AppState;
use crate::auth::tokens;
use crate::graphql::loaders::loaders;
use crate::graphql::{Caller, RequestContext, limits};
use crate::i18n::{self, Locale};

fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": "VALIDATION" } }] });
    let mut response = (status, axum::Json(body)).into_response();
    if status == StatusCode::METHOD_NOT_ALLOWED {
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
    }
    response
}

/// GraphiQL for people; never an operation. A `GET` that carries a query is refused, so no
/// link or cross-site form can run a mutation.
pub async fn get(State(state): State<AppState>, request: Request) -> Response {
    let carries_operation = request.uri().query().is_some_and(|q| q.split('&').any(|p| p.starts_with("query=")));
    if carries_operation || !state.config.graphiql {
        return json_error(StatusCode::METHOD_NOT_ALLOWED, "GraphQL operations must be sent with POST.");
    }
    Html(GraphiQLSource::build().endpoint("/graphql").finish()).into_response()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

pub(super) async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Option<Caller>, AuthFailure> {
    let Some(token) = bearer(headers) else {
        return Ok(None);
    };
    let now = state.clock.now();
    let subject = tokens::verify_access_token(&state.config, token, now)?;
    let (user_id, session_id) = (subject.user_id, subject.session_id);
    let read = accounts::load_signed_in(&state.db, user_id, session_id);
    let signed_in = match state.signed_in.get_or_read(user_id, session_id, read).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return Err(AuthFailure::Revoked),
        Err(error) => {
            tracing::error!(?error, "loading the caller failed");
            return Err(AuthFailure::InvalidToken);
        }
    };
    let actor = signed_in.actor_on(now.date_naive());
    Ok(Some(Caller { user: signed_in.user.clone(), actor, session_id }))
}

pub async fn post(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if parts.method != Method::POST {
        return json_error(StatusCode::METHOD_NOT_ALLOWED, "GraphQL operations must be sent with POST.");
    }
    if !is_json(&parts.headers) {
        return json_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Send GraphQL requests as application/json.");
    }
    let bytes = match to_bytes(Body::new(body), state.config.max_body_bytes).await {
        Ok(bytes) => bytes,
        Err(_) => return json_error(StatusCode::PAYLOAD_TOO_LARGE, "The request is too large."),
    };
    // One operation per request: a JSON array (batch) does not parse as a single request.
    let graphql_request: async_graphql::Request = match serde_json::from_slice(&bytes) {
        Ok(request) => request,
        Err(_) if bytes.first() == Some(&b'[') => {
            return json_error(StatusCode::BAD_REQUEST, "Batched requests are not supported.");
        }
        Err(_) => {
            return json_error(StatusCode::BAD_REQUEST, "The request body is not a GraphQL request.");
        }
    };

    let client_ip = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(addr)| addr.ip());
    let (caller, auth_failure) = match authenticate(&state, &parts.headers).await {
        Ok(caller) => (caller, None),
        Err(failure) => (None, Some(failure)),
    };
    let header_locale = crate::i18n::locale_of_request(&parts.headers);
    let user_locale = caller.as_ref().and_then(|caller| Locale::parse(&caller.user.locale));
    let locale = header_locale.or(user_locale).unwrap_or_default();

    let actor = caller.as_ref().map(|caller| caller.actor.clone());
    let context = RequestContext { caller, auth_failure, locale, client_ip };
    let (loaders, batches) = loaders(state.db.clone(), actor, state.clock.now());
    let graphql_request = graphql_request.data(state.clone()).data(context).data(loaders);
    // The document's limits are checked here, not in a schema extension: an extension takes every
    // field off async-graphql's fast path (see `limits::within_budget`).
    let document_limits =
        limits::DocumentLimits { max_aliases: state.config.max_aliases, max_depth: state.config.max_depth };
    let mut response = match state.graphql.prepare(graphql_request, &document_limits) {
        Err(refusal) => async_graphql::Response::from_errors(vec![refusal]),
        Ok(prepared) => {
            let response = batches.drive(prepared.schema.execute(prepared.request)).await;
            if prepared.writes {
                // Whatever it changed has committed: a sign-out or a role taken away holds from
                // the next request to this server (other servers hear it from PostgreSQL).
                state.signed_in.forget_all();
            }
            state.graphql.remember(prepared.new_document, &response);
            limits::within_budget(response, state.config.max_response_fields)
        }
    };
    // A document nested past the limit is malformed input, refused before it was parsed.
    let too_nested = response.errors.first().is_some_and(|e| extension_str(e, "reason") == Some(limits::TOO_NESTED));
    for error in &mut response.errors {
        localize(error, locale);
    }
    let status = if too_nested { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let mut http = (status, axum::Json(response)).into_response();
    http.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    http
}

fn extension_str<'a>(error: &'a ServerError, key: &str) -> Option<&'a str> {
    match error.extensions.as_ref()?.get(key)? {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    }
}

/// Words every error in the caller's language. Errors of the GraphQL layer itself (syntax,
/// unknown field, wrong argument type) keep their technical message and get `VALIDATION`.
fn localize(error: &mut ServerError, locale: Locale) {
    let Some(code) = extension_str(error, "code").map(str::to_owned) else {
        let mut extensions = error.extensions.take().unwrap_or_default();
        extensions.set("code", "VALIDATION");
        error.extensions = Some(extensions);
        return;
    };
    if extension_str(error, "reason") == Some("TOO_MANY_ALIASES") {
        return;
    }
    let reason = extension_str(error, "reason").map(str::to_owned);
    let retry_after = error.extensions.as_ref().and_then(|e| e.get("retryAfter")).map(|v| v.to_string());
    error.message = i18n::error_message(locale, &code, reason.as_deref(), retry_after.as_deref());
    let Some(extensions) = error.extensions.as_mut() else {
        return;
    };
    if let Some(Value::List(fields)) = extensions.get("fields").cloned() {
        let worded = fields
            .into_iter()
            .map(|field| match field {
                Value::Object(mut map) => {
                    let code = match map.get("code") {
                        Some(Value::String(code)) => code.clone(),
                        _ => String::new(),
                    };
                    let params = map.get("params").cloned().unwrap_or(Value::Null);
                    map.insert(
                        async_graphql::Name::new("message"),
                        Value::from(i18n::field_message(locale, &code, &params)),
                    );
                    Value::Object(map)
                }
                other => other,
            })
            .collect();
        extensions.set("fields", Value::List(worded));
    }
}
