//! The coaching pages: onboarding (safety screen first, the referral page),
//! the plan, today (set-by-set logging, pain check-in) and progress. Each
//! handler calls one use case and fills a template.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::auth::Me;
use crate::chart;
use crate::error::{WebError, WebResult};
use crate::extract::{Form, Query};
use crate::pages::*;
use crate::state::{today, AppState};
use upright_app::log::LogRequest;
use upright_app::pain::PainRequest;
use upright_core::coach::units::trim_number;
use upright_core::profile::ProfileInput;
use upright_core::vocab::{Equipment, Goal, Level, RedFlag};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/onboarding", get(onboarding_form).post(onboard))
        .route("/plan", get(plan))
        .route("/today", get(today_page))
        .route("/today/log", post(log_set))
        .route("/today/pain", post(log_pain))
        .route("/progress", get(progress))
}

fn onboarding_page(me: &Me, error: Option<String>) -> OnboardingPage {
    OnboardingPage {
        title: "Questions".into(),
        nav: Nav::of(me),
        csrf: me.csrf.clone(),
        error,
        red_flags: RedFlag::ALL
            .iter()
            .filter(|f| **f != RedFlag::NewPain)
            .map(|f| (f.as_str(), f.describe()))
            .collect(),
        goals: Goal::ALL.iter().map(|g| g.as_str()).collect(),
        levels: Level::ALL.iter().map(|l| l.as_str()).collect(),
        equipment: Equipment::ALL.iter().map(|e| e.as_str()).collect(),
    }
}

async fn onboarding_form(me: Me) -> Response {
    render(&onboarding_page(&me, None))
}

/// Repeated form fields (check boxes) in order.
fn all(form: &[(String, String)], key: &str) -> Vec<String> {
    form.iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .collect()
}

fn one(form: &[(String, String)], key: &str) -> Option<String> {
    form.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn number(form: &[(String, String)], key: &str) -> WebResult<Option<i64>> {
    one(form, key)
        .map(|v| {
            v.parse::<i64>().map_err(|_| {
                WebError::bad(
                    key,
                    format!("'{}' is not a whole number", upright_core::text::echo(&v)),
                )
            })
        })
        .transpose()
}

async fn onboard(
    State(s): State<AppState>,
    me: Me,
    Form(form): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    me.check_csrf(&one(&form, "csrf").unwrap_or_default())?;
    let input = ProfileInput {
        goals: Some(all(&form, "goal")),
        level: one(&form, "level"),
        equipment: Some(all(&form, "equipment")),
        days: number(&form, "days")?,
        minutes: number(&form, "minutes")?,
        desk_job: Some(one(&form, "desk_job").is_some()),
        pain: one(&form, "pain"),
        red_flags: Some(all(&form, "red_flag")),
        age: number(&form, "age")?,
        ..Default::default()
    };
    match s.app.onboard(&me.actor, input, None, today()).await {
        Ok((planned, None)) => {
            let r = planned.document.referral.as_ref();
            let urgency = match r.map(|r| r.urgency.as_str()) {
                Some("emergency") => "This is an emergency: go to an emergency department or call your local emergency number now.",
                Some("urgent") => "See a doctor urgently: today or tomorrow.",
                _ => "See a doctor or a physiotherapist before you start.",
            };
            Ok(render(&ReferralPage {
                title: "See a doctor first".into(),
                nav: Nav::of(&me),
                urgency: urgency.into(),
                reason: r.map(|r| r.reason.clone()).unwrap_or_default(),
                rules: r
                    .map(|r| r.rules.iter().map(|x| x.to_string()).collect())
                    .unwrap_or_default(),
            }))
        }
        Ok((_, Some(_))) => Ok(Redirect::to("/plan").into_response()),
        Err(e) if e.kind == upright_app::ErrorKind::BadInput => {
            let mut res = render(&onboarding_page(&me, Some(e.line())));
            *res.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// What a prescription asks for, as the plan and today's session both hold it.
struct Dose<'a> {
    sets: u32,
    reps_min: u32,
    reps_max: u32,
    hold_s: Option<u32>,
    pyramid: Option<&'a [u32]>,
    rpe: Option<f64>,
    rest_s: u32,
    each_side: bool,
    /// A carry: the timed holds are walks.
    walk: bool,
}

/// "3 x 8-12 reps each side, RPE 7, rest 90 s" in words.
fn dose(d: Dose) -> String {
    let (sets, reps_max) = (d.sets, d.reps_max);
    let reps = if d.reps_min == reps_max {
        format!("{reps_max}")
    } else {
        format!("{}-{reps_max}", d.reps_min)
    };
    let hold = if d.walk { "walk" } else { "hold" };
    let work = match (d.hold_s, d.pyramid) {
        (Some(h), Some(p)) => format!(
            "{} reps of {h} s holds",
            p.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
        ),
        (Some(h), None) if reps_max <= 1 => format!("{sets} x {h} s {hold}"),
        (Some(h), None) => format!("{sets} x {reps} reps of {h} s {hold}s"),
        (None, _) => format!("{sets} x {reps} reps"),
    };
    let side = upright_core::plan::document::side_words(d.each_side, d.pyramid.is_some());
    let rpe = d
        .rpe
        .map(|r| format!(", RPE {}", trim_number(r, 1)))
        .unwrap_or_default();
    format!("{work}{side}{rpe}, rest {} s", d.rest_s)
}

async fn plan(State(s): State<AppState>, me: Me) -> WebResult<Response> {
    let (doc, profile, _) = match s.app.current_plan(&me.actor).await {
        Ok(p) => p,
        Err(e) if e.kind == upright_app::ErrorKind::NotFound => {
            return Ok(Redirect::to("/onboarding").into_response())
        }
        Err(e) => return Err(e.into()),
    };
    let weeks = doc
        .weeks
        .iter()
        .map(|w| PlanWeek {
            week: w.week,
            deload: w.deload,
            phase: w.phase.to_string(),
            sessions: w
                .sessions
                .iter()
                .map(|ss| PlanSession {
                    day: ss.day,
                    location: ss.location.to_string(),
                    minutes: trim_number(ss.minutes, 0),
                    warmup: ss.warmup_words(),
                    exercises: ss
                        .exercises
                        .iter()
                        .map(|e| PlanExercise {
                            name: e.name.clone(),
                            dose: dose(Dose {
                                sets: e.sets,
                                reps_min: e.reps_min,
                                reps_max: e.reps_max,
                                hold_s: e.hold_s,
                                pyramid: e.pyramid.as_deref(),
                                rpe: Some(e.rpe),
                                rest_s: e.rest_s,
                                each_side: e.each_side,
                                walk: e.walk,
                            }),
                            load_rule: e.load_rule.clone(),
                            why: e.why.clone(),
                            rules: e.rules.iter().map(|r| r.to_string()).collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Ok(render(&PlanPage {
        title: "Plan".into(),
        nav: Nav::of(&me),
        summary: format!(
            "{} weeks, {} days a week, about {} minutes a session.",
            doc.weeks.len(),
            profile.days,
            profile.minutes
        ),
        notes: doc.notes.clone(),
        notes_open: doc.profile.recovering(),
        weeks,
    }))
}

#[derive(Deserialize)]
struct TodayQuery {
    done: Option<String>,
}

async fn today_page(
    State(s): State<AppState>,
    me: Me,
    Query(q): Query<TodayQuery>,
) -> WebResult<Response> {
    let t = match s.app.today(&me.actor, None, today()).await {
        Ok(t) => t,
        Err(e) if e.kind == upright_app::ErrorKind::NotFound => {
            return Ok(Redirect::to("/onboarding").into_response())
        }
        Err(e) => return Err(e.into()),
    };
    let exercises = t
        .exercises
        .iter()
        .map(|e| TodayExercise {
            id: e.exercise.clone(),
            name: e.exercise_name.clone(),
            dose: e.what_to_do(),
            ramp: e.ramp_words(),
            cues: e.cues.clone(),
            test_rpe: e.rpe.filter(|_| e.test).map(|r| trim_number(r, 1)),
            decision: e.decision.summary.clone(),
            rest_s: e.rest_s,
            hold_s: e.hold_s.unwrap_or(0),
            walk: e.walk,
            reps: e.target_reps.unwrap_or(e.reps_min),
            load_value: e.load.map(|l| trim_number(l, 2)).unwrap_or_default(),
            logged: t.logged.iter().find(|l| l.id == e.id).map(|l| {
                format!(
                    "Logged today: {} of {} sets ({})",
                    l.sets, l.planned_sets, l.text
                )
            }),
            key: upright_app::accounts::random_secret(),
        })
        .collect();
    Ok(render(&TodayPage {
        title: "Today".into(),
        nav: Nav::of(&me),
        csrf: me.csrf.clone(),
        unit: t.unit.to_string(),
        done: q.done.map(|d| upright_core::text::safe_line(&d, 200)),
        pain: t.pain.clone(),
        message: t.message.clone(),
        exercises,
    }))
}

#[derive(Deserialize)]
struct SetForm {
    csrf: String,
    exercise: String,
    key: String,
    reps: Option<String>,
    hold: Option<String>,
    load: Option<String>,
    rpe: Option<String>,
}

fn digits(field: &str, v: &str) -> WebResult<String> {
    let v = v.trim();
    if v.is_empty() || v.len() > 6 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WebError::bad(
            field,
            format!(
                "'{}' is not accepted; accepted: a whole number",
                upright_core::text::echo(v)
            ),
        ));
    }
    Ok(v.to_string())
}

/// One set as the SETS notation the log use case reads (`1x8@60`, `1x30s`).
pub fn one_set(reps: Option<&str>, hold: Option<&str>, load: Option<&str>) -> WebResult<String> {
    let load = load.map(str::trim).filter(|l| !l.is_empty());
    if let Some(l) = load {
        if !l
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            || l.len() > 10
        {
            return Err(WebError::bad(
                "load",
                format!(
                    "'{}' is not accepted; accepted: a number, e.g. 62.5",
                    upright_core::text::echo(l)
                ),
            ));
        }
    }
    let load = load
        .map(|l| format!("@{}", l.replace(',', ".")))
        .unwrap_or_default();
    match (
        reps.map(str::trim).filter(|r| !r.is_empty()),
        hold.map(str::trim).filter(|h| !h.is_empty()),
    ) {
        (_, Some(h)) => Ok(format!("1x{}s", digits("hold", h)?)),
        (Some(r), None) => Ok(format!("1x{}{load}", digits("reps", r)?)),
        (None, None) => Err(WebError::bad(
            "reps",
            "required: the reps done (or the seconds held)",
        )),
    }
}

async fn log_set(State(s): State<AppState>, me: Me, Form(f): Form<SetForm>) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    let sets = one_set(f.reps.as_deref(), f.hold.as_deref(), f.load.as_deref())?;
    let rpe = f
        .rpe
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    let req = LogRequest {
        exercise: f.exercise,
        sets,
        rpe,
        date: None,
        note: None,
        again: true,
    };
    let logged = s.app.log_keyed(&me.actor, req, &f.key, today()).await?;
    let done = format!("Logged {}: {}", logged.name, logged.sets_text);
    let url = format!("/today?done={}", url_escape(&done));
    Ok(Redirect::to(&url).into_response())
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Deserialize)]
struct PainForm {
    csrf: String,
    score: String,
    when: String,
}

async fn log_pain(
    State(s): State<AppState>,
    me: Me,
    Form(f): Form<PainForm>,
) -> WebResult<Response> {
    me.check_csrf(&f.csrf)?;
    let logged = s
        .app
        .pain(
            &me.actor,
            PainRequest {
                score: f.score,
                when: f.when,
                date: None,
                note: None,
            },
            today(),
        )
        .await?;
    let done = format!("Pain {}/10 saved. {}", logged.score, logged.advice.advice);
    Ok(Redirect::to(&format!("/today?done={}", url_escape(&done))).into_response())
}

async fn progress(State(s): State<AppState>, me: Me) -> WebResult<Response> {
    let view = s
        .app
        .progress(&me.actor, Default::default(), today())
        .await?;
    let p = view.progress;
    let parse = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| WebError::bad("date", "bad date"))
    };
    let mut series = Vec::new();
    for e in &p.e1rm {
        let mut points = Vec::new();
        for x in &e.points {
            points.push((parse(&x.date)?, x.e1rm));
        }
        series.push(chart::Series {
            name: e.name.clone(),
            points,
        });
    }
    let mut pain = Vec::new();
    for e in &p.pain.entries {
        pain.push(chart::PainMark {
            date: parse(&e.date)?,
            score: f64::from(e.score),
            during: e.when == "during",
        });
    }
    let svg = chart::render(
        "Estimated 1RM per exercise and back pain",
        &format!("as of {}", p.as_of),
        p.unit,
        &series,
        &pain,
        view.battery.as_ref().map(chart::Battery::of).as_ref(),
    );
    let page = s.app.logs(&me.actor, None, Some(20)).await?;
    let logs = page
        .logs
        .iter()
        .map(|l| {
            let sets: Vec<String> = l
                .sets
                .iter()
                .map(|x| match (x.reps, x.hold_s, x.load) {
                    (_, Some(h), _) => format!("{} {h} s", x.exercise),
                    (Some(r), None, Some(w)) => {
                        format!("{} {r} x {} {}", x.exercise, trim_number(w, 2), l.unit)
                    }
                    (Some(r), None, None) => format!("{} {r} reps", x.exercise),
                    _ => x.exercise.clone(),
                })
                .collect();
            format!("{}: {}", l.date, sets.join("; "))
        })
        .collect();
    Ok(render(&ProgressPage {
        title: "Progress".into(),
        nav: Nav::of(&me),
        svg,
        caption: format!(
            "{} sets logged; pain trend: {}",
            p.sets_logged, p.pain.trend
        ),
        logs,
    }))
}
