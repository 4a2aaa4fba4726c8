//! Sign up, log in, log out. Both doors are rate-limited per login and per
//! client address (counted in the database); a new session gets a new
//! cookie (no fixation), logging out deletes it server-side.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::auth::{
    anon_csrf, check_anon_csrf, set_cookie, MaybeMe, Me, CSRF_COOKIE, SESSION_COOKIE,
};
use crate::error::{WebError, WebResult};
use crate::extract::Form;
use crate::pages::{render, AccountPage};
use crate::state::{now, AppState};
use upright_app::accounts::{NewSession, SESSION_DAYS};
use upright_app::ErrorKind;

/// What a log-out answer tells the browser to forget.
pub const CLEAR_SITE_DATA: &str = "\"cache\", \"storage\"";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/signup", get(signup_form).post(signup))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
}

async fn home(MaybeMe(me): MaybeMe) -> Redirect {
    Redirect::to(if me.is_some() { "/today" } else { "/login" })
}

fn form_page(
    headers: &HeaderMap,
    signup: bool,
    login: &str,
    error: Option<String>,
    secure: bool,
) -> Response {
    let (csrf, fresh) = anon_csrf(headers);
    let page = AccountPage {
        title: if signup { "Sign up" } else { "Log in" }.into(),
        nav: None,
        action: if signup { "/signup" } else { "/login" },
        signup,
        csrf: csrf.clone(),
        login: login.to_string(),
        error,
    };
    let mut res = render(&page);
    if fresh {
        res.headers_mut()
            .append(SET_COOKIE, set_cookie(CSRF_COOKIE, &csrf, 86_400, secure));
    }
    res
}

async fn signup_form(State(s): State<AppState>, headers: HeaderMap) -> Response {
    form_page(&headers, true, "", None, s.secure_cookies)
}

async fn login_form(State(s): State<AppState>, headers: HeaderMap) -> Response {
    form_page(&headers, false, "", None, s.secure_cookies)
}

#[derive(Deserialize)]
struct Credentials {
    csrf: String,
    login: String,
    password: String,
}

fn opened(s: &AppState, session: NewSession, to: &str) -> Response {
    let cookie = set_cookie(
        SESSION_COOKIE,
        &session.secret,
        SESSION_DAYS * 86_400,
        s.secure_cookies,
    );
    ([(SET_COOKIE, cookie)], Redirect::to(to)).into_response()
}

/// Bad input and wrong passwords show the form again with the message;
/// other errors (rate limit, faults) go to the error page.
fn again(
    s: &AppState,
    headers: &HeaderMap,
    signup: bool,
    login: &str,
    e: upright_app::AppError,
) -> WebResult<Response> {
    match e.kind {
        ErrorKind::BadInput | ErrorKind::Unauthorized => {
            let mut res = form_page(headers, signup, login, Some(e.line()), s.secure_cookies);
            *res.status_mut() = if signup {
                axum::http::StatusCode::BAD_REQUEST
            } else {
                axum::http::StatusCode::UNAUTHORIZED
            };
            Ok(res)
        }
        _ => Err(WebError::from(e)),
    }
}

async fn signup(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<Credentials>,
) -> WebResult<Response> {
    check_anon_csrf(&headers, &f.csrf)?;
    s.app
        .attempt("signup", &peer.ip().to_string(), now())
        .await?;
    match s.app.sign_up(&f.login, &f.password, now()).await {
        Ok(session) => Ok(opened(&s, session, "/onboarding")),
        Err(e) => again(&s, &headers, true, &f.login, e),
    }
}

async fn login(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<Credentials>,
) -> WebResult<Response> {
    check_anon_csrf(&headers, &f.csrf)?;
    s.app
        .attempt("login-ip", &peer.ip().to_string(), now())
        .await?;
    s.app.attempt("login", f.login.trim(), now()).await?;
    match s.app.log_in(&f.login, &f.password, now()).await {
        Ok(session) => Ok(opened(&s, session, "/today")),
        Err(e) => again(&s, &headers, false, &f.login, e),
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

async fn logout(State(s): State<AppState>, me: Me, Form(f): Form<CsrfOnly>) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    s.app.log_out(&me.secret, now()).await?;
    let gone = set_cookie(SESSION_COOKIE, "", 0, s.secure_cookies);
    // The browser drops what it kept of this person: its HTTP cache, and the
    // service worker with its cached pages and the offline queue (app.js
    // syncs the queue and clears the caches itself first), so the next
    // person on the phone sees none of it offline.
    let clear = (
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static(CLEAR_SITE_DATA),
    );
    Ok(([(SET_COOKIE, gone), clear], Redirect::to("/login")).into_response())
}
