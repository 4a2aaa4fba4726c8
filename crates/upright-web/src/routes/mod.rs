//! Every route, one router per resource, merged here with the layers they
//! share: security headers, request logs, a body limit and a timeout. Page
//! routes turn errors into pages (and "log in first" into a redirect); the
//! API keeps them JSON.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod calendar;
pub mod coach;
pub mod health;
pub mod settings;

use std::time::Duration;

use axum::http::StatusCode;
use axum::middleware;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::state::AppState;

/// Largest request body: far above any form or logged entry.
const BODY_LIMIT: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .merge(accounts::router())
        .merge(coach::router())
        .merge(settings::router())
        .layer(middleware::map_response(crate::pages::error_page));
    Router::new()
        .merge(health::router())
        .merge(assets::router())
        .merge(api::router())
        .merge(calendar::router())
        .merge(pages)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::security::headers,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// JSON under `/api/`, a page elsewhere.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        crate::error::WebError::not_found("no such API route; see /api/v1/openapi.json")
            .into_response()
    } else {
        crate::pages::error_page(crate::error::WebError::not_found("no such page").into_response())
            .await
    }
}

/// The request's span, with a calendar link's secret cut out of the path:
/// the secret is a credential and request logs are not a place for one.
fn request_span(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let path = req.uri().path();
    let shown = if path.starts_with(calendar::FEED_PREFIX) {
        "/calendar/(secret)"
    } else {
        path
    };
    tracing::debug_span!("request", method = %req.method(), path = %shown, version = ?req.version())
}
