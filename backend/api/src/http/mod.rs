//! The HTTP surface: `/graphql`, health probes and the web app's static files.

mod calendar;
mod comparison;
mod control;
mod files;
mod graphql;
mod health;
mod import;
mod minutes;
mod plans;
mod stakeholders;
mod static_files;
mod surveys;
mod word;
mod year;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::AppState;
use crate::request_cost::{Tally, with_tally};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn router(state: AppState) -> Router {
    let static_dir = state.config.static_dir.clone();
    let max_body = state.config.max_body_bytes;
    // An import reads its file under its own, larger limit and answers a too-large file itself.
    let imports = Router::new()
        .route("/import/forums/{forum}/measurements", post(import::import_measurements))
        .route("/import/indicators", post(import::import_indicators))
        .with_state(state.clone())
        .layer(DefaultBodyLimit::disable());
    let mut app = Router::new()
        .route("/graphql", post(graphql::post).get(graphql::get))
        .route("/export/work-plan/{file}", get(plans::work_plan_export))
        .route("/export/control/{file}", get(control::control_export))
        .route("/export/comparison/{file}", get(comparison::comparison_export))
        .route("/export/stakeholders/{file}", get(stakeholders::map_export))
        .route("/export/swot/{file}", get(stakeholders::swot_export))
        .route("/export/survey/{file}", get(surveys::survey_export))
        .route("/export/year-summary/{file}", get(year::year_export))
        .route("/calendar/meetings/{file}", get(calendar::meeting_ics))
        .route("/calendar/feed/{file}", get(calendar::feed))
        .route("/export/minutes/{file}", get(minutes::minutes_export))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .with_state(state)
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(max_body))
        .merge(imports);
    if let Some(dir) = static_dir {
        app = app.merge(static_files::router(&dir));
    }
    app.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let request_id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %request_id)
            }))
            .layer(middleware::from_fn(log_request))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(CatchPanicLayer::new())
            .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
            .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
            .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
            .layer(CompressionLayer::new()),
    )
}

/// One line per request (in the request's span: method, path, request id): its status, its time,
/// and what it cost the database. Probes are left out: they would drown the rest.
async fn log_request(request: axum::extract::Request, next: Next) -> Response {
    if matches!(request.uri().path(), "/healthz" | "/readyz") {
        return next.run(request).await;
    }
    let started = Instant::now();
    let tally = Arc::new(Tally::default());
    let response = with_tally(tally.clone(), next.run(request)).await;
    tracing::info!(
        status = response.status().as_u16(),
        ms = format_args!("{:.1}", started.elapsed().as_secs_f64() * 1000.0),
        statements = tally.statements(),
        db_ms = format_args!("{:.1}", tally.database_time().as_secs_f64() * 1000.0),
        "answered"
    );
    response
}
