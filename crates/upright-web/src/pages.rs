//! Page templates (askama, compiled in) and the page side of errors.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Me;
use crate::error::WebError;

/// What the header shows for a logged-in person.
pub struct Nav {
    pub login: String,
    pub csrf: String,
}

impl Nav {
    pub fn of(me: &Me) -> Option<Nav> {
        Some(Nav {
            login: me.login.clone(),
            csrf: me.csrf.clone(),
        })
    }
}

/// A rendered page (a template failure is ours: logged, 500).
pub fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub field: String,
    pub message: String,
}

/// On page routes: "log in first" becomes a redirect to the log-in page,
/// every other error a page with its status.
pub async fn error_page(res: Response) -> Response {
    let Some(e) = res.extensions().get::<WebError>().cloned() else {
        return res;
    };
    if e.status == StatusCode::UNAUTHORIZED {
        return Redirect::to("/login").into_response();
    }
    let title = match e.status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::TOO_MANY_REQUESTS => "Too many attempts",
        s if s.is_client_error() => "Please check your answer",
        _ => "Something went wrong",
    };
    let mut page = render(&ErrorPage {
        title: title.into(),
        nav: None,
        field: e.field,
        message: e.message,
    });
    *page.status_mut() = e.status;
    page
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub action: &'static str,
    pub signup: bool,
    pub csrf: String,
    pub login: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "onboarding.html")]
pub struct OnboardingPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub csrf: String,
    pub error: Option<String>,
    pub red_flags: Vec<(&'static str, &'static str)>,
    pub goals: Vec<&'static str>,
    pub levels: Vec<&'static str>,
    pub equipment: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "referral.html")]
pub struct ReferralPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub urgency: String,
    pub reason: String,
    pub rules: Vec<String>,
}

pub struct PlanExercise {
    pub name: String,
    pub dose: String,
    pub load_rule: String,
    pub why: Vec<String>,
    pub rules: Vec<String>,
}

pub struct PlanSession {
    pub day: u8,
    pub location: String,
    pub minutes: String,
    /// "light activity 5 min, cat-camel 1 min" (E-WARMUP, E-MCGILL-FLEXION).
    pub warmup: String,
    pub exercises: Vec<PlanExercise>,
}

pub struct PlanWeek {
    pub week: u8,
    pub deload: bool,
    pub phase: String,
    pub sessions: Vec<PlanSession>,
}

#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub summary: String,
    /// The plan's notes, each true of it: what is missing and why, volume,
    /// the Big 3 on other days, a recovering back's pain limits.
    pub notes: Vec<String>,
    /// Shown open when the back is recovering: its pain limits are among them.
    pub notes_open: bool,
    pub weeks: Vec<PlanWeek>,
}

pub struct TodayExercise {
    pub id: String,
    pub name: String,
    /// What to do today, the CLI's words: the target, test or last-set aim, the load.
    pub dose: String,
    /// "Ramp up first: 50% x 5 (30 kg), ..." before a barbell lift (E-WARMUP).
    pub ramp: Option<String>,
    /// The catalog's form cues (S-FORM).
    pub cues: Vec<String>,
    /// The RPE a test set must be logged with (E-RTS: the load is computed from it).
    pub test_rpe: Option<String>,
    pub decision: String,
    pub rest_s: u32,
    /// 0 when done for reps.
    pub hold_s: u32,
    /// A carry: the timed hold is a walk.
    pub walk: bool,
    pub reps: u32,
    pub load_value: String,
    /// "Logged today: 2 of 3 sets (2x5@100kg)", once a set is logged.
    pub logged: Option<String>,
    /// Idempotency key of the form's next submission.
    pub key: String,
}

#[derive(Template)]
#[template(path = "today.html")]
pub struct TodayPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub csrf: String,
    pub unit: String,
    pub done: Option<String>,
    pub pain: Option<String>,
    pub message: String,
    pub exercises: Vec<TodayExercise>,
}

#[derive(Template)]
#[template(path = "progress.html")]
pub struct ProgressPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub svg: String,
    pub caption: String,
    pub logs: Vec<String>,
}

pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub created: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    pub title: String,
    pub nav: Option<Nav>,
    pub csrf: String,
    pub unit: String,
    pub done: Option<String>,
    pub new_secret: Option<String>,
    pub tokens: Vec<TokenLine>,
    /// When the person's calendar link was made (`YYYY-MM-DD`), if they have one.
    pub calendar_since: Option<String>,
    /// A calendar link just made: its full URL, shown once.
    pub calendar_url: Option<String>,
}
