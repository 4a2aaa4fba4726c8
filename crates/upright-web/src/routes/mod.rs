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
        .layer(middleware::from_fn(run_to_completion))
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

/// Runs the handler on a task of its own. A client that hangs up (a phone
/// losing signal, a load test stopping) makes hyper drop the request's
/// future; a handler dropped inside a write would leave its transaction to
/// be rolled back later, holding SQLite's write lock meanwhile. On its own
/// task the use case always finishes, and a write the client never heard of
/// is still whole (its idempotency key makes the client's retry a no-op).
async fn run_to_completion(
    req: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use tracing::Instrument;
    let task = tokio::spawn(next.run(req).in_current_span());
    match task.await {
        Ok(response) => response,
        // A panicking handler: the same answer as an internal error.
        Err(_) => {
            use axum::response::IntoResponse;
            tracing::error!("a request's handler panicked");
            crate::error::WebError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "",
                "internal error",
            )
            .into_response()
        }
    }
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
