//! Settings: the unit, exclusions and personal API tokens (the rest of the
//! profile is changed by answering the onboarding questions again).

use axum::extract::State;
use axum::http::header::HOST;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::auth::Me;
use crate::error::WebResult;
use crate::extract::{Form, Path, Query};
use crate::pages::{render, Nav, SettingsPage, TokenLine};
use crate::state::{today, AppState};
use upright_app::config::ConfigRequest;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings))
        .route("/settings/unit", post(unit))
        .route("/settings/exclude", post(exclude))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
        .route("/settings/calendar", post(create_calendar_link))
        .route("/settings/calendar/revoke", post(revoke_calendar_link))
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

/// What a page answer shows once: a new API token or a new calendar link.
#[derive(Default)]
struct Once {
    token: Option<String>,
    calendar_url: Option<String>,
}

async fn page(s: &AppState, me: &Me, done: Option<String>, once: Once) -> WebResult<Response> {
    let tokens = s
        .app
        .tokens(&me.actor)
        .await?
        .into_iter()
        .map(|t| TokenLine {
            id: t.id,
            name: t.name,
            created: t.created_at.format("%Y-%m-%d").to_string(),
        })
        .collect();
    Ok(render(&SettingsPage {
        title: "Settings".into(),
        nav: Nav::of(me),
        csrf: me.csrf.clone(),
        unit: me.actor.unit.as_str().to_string(),
        done: done.map(|d| upright_core::text::safe_line(&d, 200)),
        new_secret: once.token,
        tokens,
        calendar_since: s
            .app
            .calendar_link(&me.actor)
            .await?
            .map(|t| t.format("%Y-%m-%d").to_string()),
        calendar_url: once.calendar_url,
    }))
}

async fn settings(State(s): State<AppState>, me: Me, Query(q): Query<Done>) -> WebResult<Response> {
    page(&s, &me, q.done, Once::default()).await
}

#[derive(Deserialize)]
struct UnitForm {
    csrf: String,
    unit: String,
}

async fn unit(State(s): State<AppState>, me: Me, Form(f): Form<UnitForm>) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    let mut actor = me.actor.clone();
    s.app
        .config(&mut actor, ConfigRequest { unit: Some(f.unit) })
        .await?;
    Ok(Redirect::to("/settings?done=Saved.").into_response())
}

#[derive(Deserialize)]
struct ExcludeForm {
    csrf: String,
    exercise: String,
}

async fn exclude(
    State(s): State<AppState>,
    me: Me,
    Form(f): Form<ExcludeForm>,
) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    s.app.exclude(&me.actor, &f.exercise, today()).await?;
    Ok(Redirect::to("/settings?done=Excluded.").into_response())
}

#[derive(Deserialize)]
struct TokenForm {
    csrf: String,
    name: String,
}

async fn create_token(
    State(s): State<AppState>,
    me: Me,
    Form(f): Form<TokenForm>,
) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    let t = s.app.create_token(&me.actor, &f.name).await?;
    // Shown once, on this answer only (not in a URL, not stored).
    page(
        &s,
        &me,
        None,
        Once {
            token: Some(t.secret),
            ..Once::default()
        },
    )
    .await
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

async fn revoke_token(
    State(s): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    Form(f): Form<CsrfOnly>,
) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    s.app.revoke_token(&me.actor, id).await?;
    Ok(Redirect::to("/settings?done=Revoked.").into_response())
}

/// The link's origin as the person reached this server (the Host they
/// sent; https when the server is behind TLS). Only they see it.
fn origin(s: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!(
        "{}://{host}",
        if s.secure_cookies { "https" } else { "http" }
    )
}

/// A new calendar link (the old one, if any, stops working), shown once.
async fn create_calendar_link(
    State(s): State<AppState>,
    me: Me,
    headers: HeaderMap,
    Form(f): Form<CsrfOnly>,
) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    let secret = s.app.create_calendar_link(&me.actor).await?;
    let url = format!(
        "{}{}{secret}.ics",
        origin(&s, &headers),
        crate::routes::calendar::FEED_PREFIX
    );
    page(
        &s,
        &me,
        None,
        Once {
            calendar_url: Some(url),
            ..Once::default()
        },
    )
    .await
}

async fn revoke_calendar_link(
    State(s): State<AppState>,
    me: Me,
    Form(f): Form<CsrfOnly>,
) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    s.app.revoke_calendar_link(&me.actor).await?;
    Ok(Redirect::to("/settings?done=Calendar%20link%20revoked.").into_response())
}
