//! The private calendar subscription: `GET /calendar/{SECRET}.ics`, no
//! cookie, the secret in the URL is the credential (issue 15). An unknown,
//! revoked or malformed secret is a bare 404 that says nothing more, so the
//! answer never tells a guesser whether a link once existed.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::WebError;
use crate::extract::Path;
use crate::state::{now, today, AppState};

pub const FEED_PREFIX: &str = "/calendar/";

pub fn router() -> Router<AppState> {
    // `{file}` is the whole segment (`SECRET.ics`): the router matches
    // segments, the suffix is checked here.
    Router::new().route("/calendar/{file}", get(feed))
}

fn nothing_here() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found\n",
    )
        .into_response()
}

async fn feed(State(s): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(secret) = file.strip_suffix(".ics") else {
        return nothing_here();
    };
    let me = match s.app.calendar_link_actor(secret).await {
        Ok(Some(me)) => me,
        Ok(None) => return nothing_here(),
        Err(e) => return WebError::from(e).into_response(),
    };
    let export = match s.app.calendar_feed(&me, today(), now()).await {
        Ok(x) => x,
        // The link's holder may read why (no saved plan, say), as plain
        // text for a calendar application's error box; faults stay hidden.
        Err(e) => {
            let w = WebError::from(e);
            let line = if w.field.is_empty() {
                w.message
            } else {
                format!("{}: {}", w.field, w.message)
            };
            return (
                w.status,
                [(CONTENT_TYPE, "text/plain; charset=utf-8")],
                format!("{line}\n"),
            )
                .into_response();
        }
    };
    // The state is committed before the body leaves, not after: axum gives
    // no word that a client received it, and committing an export the
    // client missed is harmless (SEQUENCE only goes up, and a cancelled
    // event stays in the state, so the next fetch still carries it). What
    // is committed is exactly what is served; if the commit fails nothing
    // is served, so the stored state never falls behind what a client holds.
    if let Err(e) = s.app.calendar_commit(&me, &export).await {
        return WebError::from(e).into_response();
    }
    (
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (CACHE_CONTROL, "private, no-store"),
        ],
        export.ics,
    )
        .into_response()
}
