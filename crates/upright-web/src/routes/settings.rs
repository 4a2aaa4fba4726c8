//! Settings: the unit, exclusions and personal API tokens (the rest of the
//! profile is changed by answering the onboarding questions again).

use axum::extract::State;
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
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn page(s: &AppState, me: &Me, done: Option<String>, new_secret: Option<String>) -> WebResult<Response> {
    let tokens = s
        .app
        .tokens(&me.actor)
        .await?
        .into_iter()
        .map(|t| TokenLine { id: t.id, name: t.name, created: t.created_at.format("%Y-%m-%d").to_string() })
        .collect();
    Ok(render(&SettingsPage {
        title: "Settings".into(),
        nav: Nav::of(me),
        csrf: me.csrf.clone(),
        unit: me.actor.unit.as_str().to_string(),
        done: done.map(|d| upright_core::text::safe_line(&d, 200)),
        new_secret,
        tokens,
    }))
}

async fn settings(State(s): State<AppState>, me: Me, Query(q): Query<Done>) -> WebResult<Response> {
    page(&s, &me, q.done, None).await
}

#[derive(Deserialize)]
struct UnitForm {
    csrf: String,
    unit: String,
}

async fn unit(State(s): State<AppState>, me: Me, Form(f): Form<UnitForm>) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    let mut actor = me.actor.clone();
    s.app.config(&mut actor, ConfigRequest { unit: Some(f.unit) }).await?;
    Ok(Redirect::to("/settings?done=Saved.").into_response())
}

#[derive(Deserialize)]
struct ExcludeForm {
    csrf: String,
    exercise: String,
}

async fn exclude(State(s): State<AppState>, me: Me, Form(f): Form<ExcludeForm>) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    s.app.exclude(&me.actor, &f.exercise, today()).await?;
    Ok(Redirect::to("/settings?done=Excluded.").into_response())
}

#[derive(Deserialize)]
struct TokenForm {
    csrf: String,
    name: String,
}

async fn create_token(State(s): State<AppState>, me: Me, Form(f): Form<TokenForm>) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    let t = s.app.create_token(&me.actor, &f.name).await?;
    // Shown once, on this answer only (not in a URL, not stored).
    page(&s, &me, None, Some(t.secret)).await
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

async fn revoke_token(State(s): State<AppState>, me: Me, Path(id): Path<i64>, Form(f): Form<CsrfOnly>) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    s.app.revoke_token(&me.actor, id).await?;
    Ok(Redirect::to("/settings?done=Revoked.").into_response())
}
