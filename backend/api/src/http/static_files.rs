//! The built web app. Hashed assets are cached for a year; `index.html` is revalidated on every
//! load so a deployment takes effect at once; every unknown path falls back to the app, whose
//! router shows the page (or its own "not found"). A missing asset is a plain 404 that no proxy
//! keeps, and every page carries a Content-Security-Policy.

use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// Scripts, styles, images and fonts from the app's own origin only; Mantine sets styles at
/// run time, hence inline styles. No frames, plugins or foreign form targets.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'";

/// Hashed file names never change content: cache them for good, but only when found.
async fn cache_assets(mut response: Response) -> Response {
    let value = if response.status().is_success() { "public, max-age=31536000, immutable" } else { "no-store" };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

pub fn router(dir: &Path) -> Router {
    let index = ServeFile::new(dir.join("index.html"));
    let assets = Router::new()
        .nest_service("/assets", ServeDir::new(dir.join("assets")))
        .layer(axum::middleware::map_response(cache_assets));
    let app = Router::new()
        .fallback_service(ServeDir::new(dir).fallback(index))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")));
    assets.merge(app).layer(SetResponseHeaderLayer::overriding(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    ))
}
