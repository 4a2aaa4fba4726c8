//! Who is asking: a session cookie (pages, and the page's own script calling
//! the API with the CSRF header) or a personal API token (`Authorization:
//! Bearer`). CSRF: every form carries the session's token; the sign-up and
//! log-in forms (no session yet) a double-submit cookie.

use crate::error::WebError;
use crate::state::{now, AppState};
use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method};
use upright_app::Actor;

pub const SESSION_COOKIE: &str = "upright_session";
pub const CSRF_COOKIE: &str = "upright_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure when asked.
pub fn set_cookie(name: &str, value: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_s}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Equal in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A person logged in with a session cookie.
#[derive(Debug, Clone)]
pub struct Me {
    pub actor: Actor,
    pub login: String,
    pub csrf: String,
    pub secret: String,
}

impl Me {
    /// The form's CSRF token must be this session's.
    pub fn check_csrf(&self, token: &str) -> Result<(), WebError> {
        if same(token, &self.csrf) {
            Ok(())
        } else {
            Err(WebError::forbidden("the form has expired or did not come from this site; reload the page and try again"))
        }
    }
}

async fn session_of(parts: &Parts, state: &AppState) -> Result<Option<Me>, WebError> {
    let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    if secret.len() != 64 {
        return Ok(None);
    }
    Ok(state.app.session(&secret, now()).await?.map(|s| Me {
        actor: s.actor,
        login: s.login,
        csrf: s.csrf,
        secret,
    }))
}

impl FromRequestParts<AppState> for Me {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Me, WebError> {
        session_of(parts, state)
            .await?
            .ok_or_else(|| WebError::unauthorized("log in first"))
    }
}

/// Maybe logged in (pages that show either way).
pub struct MaybeMe(pub Option<Me>);

impl FromRequestParts<AppState> for MaybeMe {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<MaybeMe, WebError> {
        Ok(MaybeMe(session_of(parts, state).await?))
    }
}

/// The person an API call acts for: a Bearer token, or the session cookie
/// with the CSRF header on writes (the page's own script).
pub struct ApiMe(pub Actor);

impl FromRequestParts<AppState> for ApiMe {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<ApiMe, WebError> {
        if let Some(v) = parts.headers.get(AUTHORIZATION) {
            let v = v
                .to_str()
                .map_err(|_| WebError::unauthorized("Authorization: accepted: Bearer TOKEN"))?;
            let token = v
                .strip_prefix("Bearer ")
                .ok_or_else(|| WebError::unauthorized("Authorization: accepted: Bearer TOKEN"))?;
            return Ok(ApiMe(state.app.token_actor(token.trim()).await?));
        }
        let me = session_of(parts, state).await?.ok_or_else(|| {
            WebError::unauthorized(
                "an API token is required: Authorization: Bearer TOKEN (create one in settings)",
            )
        })?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            me.check_csrf(sent)?;
        }
        Ok(ApiMe(me.actor))
    }
}

/// The CSRF token of the anonymous forms: the cookie's, or a new one (to be set).
pub fn anon_csrf(headers: &HeaderMap) -> (String, bool) {
    match cookie(headers, CSRF_COOKIE) {
        Some(c) if c.len() == 64 => (c, false),
        _ => (upright_app::accounts::random_secret(), true),
    }
}

/// The anonymous form's token must match its cookie.
pub fn check_anon_csrf(headers: &HeaderMap, token: &str) -> Result<(), WebError> {
    match cookie(headers, CSRF_COOKIE) {
        Some(c) if c.len() == 64 && same(&c, token) => Ok(()),
        _ => Err(WebError::forbidden(
            "the form has expired or did not come from this site; reload the page and try again",
        )),
    }
}
