//! The JSON API under `/api/v1`: each handler reads the request, calls one
//! upright-app use case and returns its view model. Documented for the
//! OpenAPI document (`openapi.rs`).

use crate::auth::ApiMe;
use crate::error::{WebError, WebResult};
use crate::extract::{Json, Path, Query};
use crate::state::{today, AppState};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::Router;
use serde::Deserialize;
use serde_json::json;
use upright_app::log::LogRequest;
use upright_app::pain::PainRequest;
use upright_core::profile::ProfileInput;

pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/profile", get(profile))
        .route("/api/v1/plan", get(plan).post(make_plan))
        .route("/api/v1/today", get(today_session))
        .route("/api/v1/logs", get(list_logs).post(create_log))
        .route("/api/v1/logs/{id}", get(get_log).delete(delete_log))
        .route("/api/v1/pain", axum::routing::post(log_pain))
        .route("/api/v1/progress", get(progress))
        .route("/api/v1/history", get(history))
        .route("/api/v1/tokens", get(list_tokens).post(create_token))
        .route("/api/v1/tokens/{id}", delete(revoke_token))
        .route("/api/v1/openapi.json", get(crate::openapi::document))
}

fn ok(v: impl serde::Serialize) -> WebResult<Response> {
    Ok(axum::Json(v).into_response())
}

/// The person's account and current profile (null before onboarding).
#[utoipa::path(get, path = "/api/v1/profile", tag = "profile",
    responses((status = 200, description = "unit and profile", body = Object), (status = 401, body = WebError)),
    security(("bearer" = [])))]
pub async fn profile(State(s): State<AppState>, ApiMe(me): ApiMe) -> WebResult<Response> {
    let profile = match s.app.current_plan(&me).await {
        Ok((_, p, _)) => Some(p),
        Err(e) if e.kind == upright_app::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    ok(json!({ "unit": me.unit.as_str(), "profile": profile }))
}

/// The active plan: the CLI's plan JSON contract (`PlanDocument`).
#[utoipa::path(get, path = "/api/v1/plan", tag = "plan",
    responses((status = 200, description = "the plan document", body = Object), (status = 404, body = WebError)),
    security(("bearer" = [])))]
pub async fn plan(State(s): State<AppState>, ApiMe(me): ApiMe) -> WebResult<Response> {
    let (doc, _, _) = s.app.current_plan(&me).await?;
    ok(doc)
}

/// Plans from the onboarding answers (the fields of `upright plan`'s
/// profile file) and saves it unless the screen refers the person on.
#[utoipa::path(post, path = "/api/v1/plan", tag = "plan", request_body = Object,
    responses((status = 201, description = "saved: {saved, document}", body = Object),
              (status = 200, description = "a referral: {saved: null, document}", body = Object),
              (status = 400, body = WebError)),
    security(("bearer" = [])))]
pub async fn make_plan(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Json(input): Json<ProfileInput>,
) -> WebResult<Response> {
    let (planned, saved) = s.app.onboard(&me, input, None, today()).await?;
    let status = if saved.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        axum::Json(json!({ "saved": saved, "document": planned.document })),
    )
        .into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct DateQuery {
    /// YYYY-MM-DD; default today.
    pub date: Option<String>,
}

/// Today's session with loads and the coach's decisions.
#[utoipa::path(get, path = "/api/v1/today", tag = "today", params(DateQuery),
    responses((status = 200, description = "today's session", body = Object), (status = 404, body = WebError)),
    security(("bearer" = [])))]
pub async fn today_session(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Query(q): Query<DateQuery>,
) -> WebResult<Response> {
    ok(s.app.today(&me, q.date.as_deref(), today()).await?)
}

/// A logged entry: one exercise's sets in the SETS notation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogBody {
    /// Catalog exercise id.
    pub exercise: String,
    /// `3x5@100kg`, `5,5,4@100`, `3x30s`, `1x8@60`.
    pub sets: String,
    pub rpe: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// Logs sets. `Idempotency-Key` is required: a retry with the same key
/// returns the first entry (200) and writes nothing.
#[utoipa::path(post, path = "/api/v1/logs", tag = "logs", request_body = LogBody,
    params(("Idempotency-Key" = String, Header, description = "unique per entry, 1-200 bytes")),
    responses((status = 201, description = "written", body = Object), (status = 200, description = "seen before: nothing written", body = Object),
              (status = 400, body = WebError)),
    security(("bearer" = [])))]
pub async fn create_log(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    headers: HeaderMap,
    Json(b): Json<LogBody>,
) -> WebResult<Response> {
    let key = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| {
            WebError::bad(
                "idempotency_key",
                "the Idempotency-Key header is required (a unique id per entry, e.g. a UUID)",
            )
        })?;
    let req = LogRequest {
        exercise: b.exercise,
        sets: b.sets,
        rpe: b.rpe,
        date: b.date,
        note: b.note,
        again: true,
    };
    let logged = s.app.log_keyed(&me, req, key, today()).await?;
    let status = if logged.written {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(logged)).into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    /// Entries with an id below this (the previous page's `next_before`).
    pub before: Option<i64>,
    /// 1 to 100, default 20.
    pub limit: Option<u32>,
}

/// A page of logged entries, newest first.
#[utoipa::path(get, path = "/api/v1/logs", tag = "logs", params(PageQuery),
    responses((status = 200, description = "{logs, next_before}", body = Object), (status = 400, body = WebError)),
    security(("bearer" = [])))]
pub async fn list_logs(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Query(q): Query<PageQuery>,
) -> WebResult<Response> {
    ok(s.app.logs(&me, q.before, q.limit).await?)
}

/// One logged entry (another person's id is 404).
#[utoipa::path(get, path = "/api/v1/logs/{id}", tag = "logs", params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = WebError)),
    security(("bearer" = [])))]
pub async fn get_log(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    ok(s.app.log_entry(&me, id).await?)
}

/// Deletes one logged entry and its sets.
#[utoipa::path(delete, path = "/api/v1/logs/{id}", tag = "logs", params(("id" = i64, Path)),
    responses((status = 204, description = "deleted"), (status = 404, body = WebError)),
    security(("bearer" = [])))]
pub async fn delete_log(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    s.app.delete_log(&me, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PainBody {
    /// 0 (none) to 10 (worst).
    pub score: String,
    /// `during` or `next-morning`.
    pub when: String,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// Logs back pain (E-PAIN-MONITOR) and returns the advice.
#[utoipa::path(post, path = "/api/v1/pain", tag = "pain", request_body = PainBody,
    responses((status = 201, body = Object), (status = 400, body = WebError)),
    security(("bearer" = [])))]
pub async fn log_pain(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Json(b): Json<PainBody>,
) -> WebResult<Response> {
    let req = PainRequest {
        score: b.score,
        when: b.when,
        date: b.date,
        note: b.note,
    };
    let logged = s.app.pain(&me, req, today()).await?;
    Ok((StatusCode::CREATED, axum::Json(logged)).into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ProgressQuery {
    pub exercise: Option<String>,
    pub date: Option<String>,
}

/// Progress figures: estimated 1RM series, weekly sets, pain trend.
#[utoipa::path(get, path = "/api/v1/progress", tag = "progress", params(ProgressQuery),
    responses((status = 200, body = Object), (status = 400, body = WebError)),
    security(("bearer" = [])))]
pub async fn progress(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Query(q): Query<ProgressQuery>,
) -> WebResult<Response> {
    let req = upright_app::progress::ProgressRequest {
        exercise: q.exercise,
        date: q.date,
    };
    ok(s.app.progress(&me, req, today()).await?.progress)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct HistoryQuery {
    pub exercise: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The history export: every set and pain entry (filtered).
#[utoipa::path(get, path = "/api/v1/history", tag = "history", params(HistoryQuery),
    responses((status = 200, body = Object), (status = 400, body = WebError)),
    security(("bearer" = [])))]
pub async fn history(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Query(q): Query<HistoryQuery>,
) -> WebResult<Response> {
    let req = upright_app::history::HistoryRequest {
        exercise: q.exercise,
        from: q.from,
        to: q.to,
    };
    ok(s.app.history(&me, req).await?)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    pub name: String,
}

/// The person's API tokens (names and dates, never the secrets).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = Object)), security(("bearer" = [])))]
pub async fn list_tokens(State(s): State<AppState>, ApiMe(me): ApiMe) -> WebResult<Response> {
    ok(s.app.tokens(&me).await?)
}

/// Creates a token; its secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = TokenBody,
    responses((status = 201, body = Object), (status = 400, body = WebError)), security(("bearer" = [])))]
pub async fn create_token(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Json(b): Json<TokenBody>,
) -> WebResult<Response> {
    let t = s.app.create_token(&me, &b.name).await?;
    Ok((StatusCode::CREATED, axum::Json(t)).into_response())
}

/// Revokes a token (another person's id is 404).
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = WebError)), security(("bearer" = [])))]
pub async fn revoke_token(
    State(s): State<AppState>,
    ApiMe(me): ApiMe,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    s.app.revoke_token(&me, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
