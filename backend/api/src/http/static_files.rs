//! The built web app. Hashed assets are cached for a year; `index.html` is revalidated on every
//! load so a deployment takes effect at once; every unknown path falls back to the app, whose
//! router shows the page (or its own "not found").

use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(dir: &Path) -> Router {
    let index = ServeFile::new(dir.join("index.html"));
    let assets = Router::new().nest_service("/assets", ServeDir::new(dir.join("assets"))).layer(
        SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ),
    );
    let app = Router::new()
        .fallback_service(ServeDir::new(dir).fallback(index))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")));
    assets.merge(app)
}
