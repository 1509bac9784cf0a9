use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;

/// The process is up and serving.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The process can reach its database: a load balancer sends traffic only when this is 200.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if workit_persistence::db::ping(&state.db).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
