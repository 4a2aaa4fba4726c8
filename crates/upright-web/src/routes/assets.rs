//! Static files, compiled in (no build step, no files to deploy): the
//! stylesheet, the scripts, the web app manifest and the service worker.

use crate::state::AppState;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");
const SW: &str = include_str!("../../static/sw.js");
const MANIFEST: &str = include_str!("../../static/manifest.webmanifest");
const ICON: &str = include_str!("../../static/icon.svg");

fn file(kind: &'static str, body: &'static str) -> impl IntoResponse {
    ([(CONTENT_TYPE, kind), (CACHE_CONTROL, "no-cache")], body)
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/static/app.css",
            get(|| async { file("text/css; charset=utf-8", CSS) }),
        )
        .route(
            "/static/app.js",
            get(|| async { file("text/javascript; charset=utf-8", JS) }),
        )
        .route(
            "/static/icon.svg",
            get(|| async { file("image/svg+xml", ICON) }),
        )
        .route(
            "/manifest.webmanifest",
            get(|| async { file("application/manifest+json", MANIFEST) }),
        )
        // At the root so that it may control every page.
        .route(
            "/sw.js",
            get(|| async { file("text/javascript; charset=utf-8", SW) }),
        )
}
