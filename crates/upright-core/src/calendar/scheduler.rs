//! The scheduler: puts a sequence of sessions on dates and times.
//!
//! Hard constraints, each reported by name when it blocks a session:
//! - gym sessions lie wholly inside the gym's opening hours on a day it is not
//!   closed, warm-up included, ending by closing time (F-HOURS), and inside the
//!   person's availability;
//! - home sessions lie inside the person's availability;
//! - heavy spinal-loading sessions start at least 48 h apart, counting a heavy
//!   session already done (F-ONEDAY). Start to start, so Monday 07:00 and
//!   Wednesday 07:00 qualify: that is what "every other day" means to a person;
//! - a session with loaded flexion never starts in the 30 minutes after the
//!   wake time (E-MCGILL-FLEXION);
//! - one session a day, in sequence order, nothing before "now";
//! - a slot's start and end each name exactly one instant: no session starts or
//!   ends in a spring-forward gap or a fall-back doubled hour (see [`super::time`]).
//!
//! Placement, deterministic and explained:
//! - weeks are 7-day blocks from the start date; each takes the next
//!   `sessions_per_week` sessions of the sequence (missed sessions slide: the
//!   sequence restarts at `next_index` on the start date, "today");
//! - within a week every set of days is tried (at most 35) and the best wins:
//!   the most sessions placed, then the largest smallest gap in days (each gap
//!   capped at 7 / sessions a week, the gap to the previous week's last session
//!   included, and the last session done before the schedule), then the most
//!   sessions on the plan's own weekdays ([`PlanRhythm`]), then the most even
//!   cyclic spacing (least sum of squared gaps),
//!   then the smallest distance from the anchor time, then the earliest days;
//! - the anchor is, per location, the time of day at which the longest session
//!   of that location fits on the most days of the horizon (ties: earliest), so
//!   sessions keep one time of day where they can; each session takes the
//!   allowed start nearest to it (15-minute grid, ties: earlier);
//! - a session that does not fit in its week is reported in [`Unfit`] with the
//!   reason for every day of that week and what would make it fit, and the
//!   sequence slides to the next week. Nothing is dropped: sessions beyond the
//!   horizon are listed in [`Schedule::after_horizon`].

use super::availability::Availability;
use super::gym::{ClosedBecause, Gym};
use super::time::{
    clock, exact_instant, is_exact, local_instant, naive_at, weekday_key, Window, DAY_MINUTES,
};
use super::InputError;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use serde::Serialize;
use std::fmt;

/// Start times are offered on this grid of local minutes.
pub const GRID_MINUTES: u16 = 15;
/// F-ONEDAY: heavy spinal-loading sessions start at least this far apart.
pub const HEAVY_SPACING_HOURS: i64 = 48;
/// E-MCGILL-FLEXION: no loaded flexion this soon after waking.
pub const WAKE_FLEXION_MINUTES: i64 = 30;
/// Longest horizon accepted, in weeks.
pub const MAX_WEEKS: u32 = 104;

/// Where a session happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Gym,
    Home,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Gym => "gym",
            Location::Home => "home",
        }
    }
}

/// One session of the sequence, as the scheduler needs it (deliberately not
/// the planner's document: only what placement depends on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionToPlace {
    /// Stable key of the session in the plan's sequence (e.g. `w1s2`): the
    /// calendar UID derives from it, so it must not change when the time does.
    pub key: String,
    /// Position in the sequence (0-based).
    pub seq: u32,
    /// Whole session, warm-up included.
    pub minutes: u16,
    pub location: Location,
    /// F-ONEDAY: the session loads the spine heavily (deadlift, squat, good morning...).
    pub heavy_spinal_load: bool,
    /// E-MCGILL-FLEXION: the session has flexion under load.
    pub loaded_flexion: bool,
    /// One line of exercises, for the calendar's DESCRIPTION.
    pub summary: String,
}

/// What to schedule, and against what.
#[derive(Debug, Clone)]
pub struct ScheduleRequest<'a> {
    /// The whole sequence; placing starts at `next_index`.
    pub sessions: &'a [SessionToPlace],
    /// The next session to do (sessions before it are done or given up).
    pub next_index: usize,
    /// First day of the schedule ("today" or `--from`).
    pub from: NaiveDate,
    pub weeks: u32,
    pub sessions_per_week: u32,
    pub gym: Option<&'a Gym>,
    pub availability: &'a Availability,
    /// Nothing starts before this instant (the caller's "now"), when given.
    pub not_before: Option<DateTime<Utc>>,
    /// Start of the last heavy spinal-loading session already done, so the
    /// 48 h of F-ONEDAY carry over into the new schedule.
    pub last_heavy_start: Option<DateTime<Utc>>,
    /// What the plan itself prefers when nothing above decides.
    pub rhythm: PlanRhythm,
}

/// The plan's own week: its session weekdays and the last session done.
/// Without it (the default) the scheduler knows only the constraints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanRhythm {
    /// The plan's weekly session days, Monday first: among equally spaced
    /// weeks, the one with more sessions on them wins, so the schedule keeps
    /// the days `today` names when the person is free on them.
    pub weekdays: [bool; 7],
    /// The last day a session was done: the gap from it counts like the gap
    /// from the previous week's last session.
    pub last_done: Option<NaiveDate>,
}

/// A session on a day, at a time, at a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacedSession {
    pub key: String,
    pub seq: u32,
    /// Week of the schedule, from 1.
    pub week: u32,
    /// Local date at the place.
    pub date: NaiveDate,
    /// Local start and end at the place (the gym's zone, or home's).
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
    pub minutes: u16,
    pub location: Location,
    /// The gym's name, or "Home".
    pub place: String,
    /// The gym's address; `None` at home.
    pub address: Option<String>,
    pub heavy_spinal_load: bool,
    pub loaded_flexion: bool,
    pub summary: String,
}

impl PlacedSession {
    pub fn time_zone(&self) -> Tz {
        self.start.timezone()
    }
}

/// Why a session cannot go on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blocker {
    /// Another session of the sequence has the day.
    Taken { by: String },
    /// An earlier session of the sequence comes later this week.
    OutOfOrder { after: String },
    /// The whole day (or every slot in it) is before "now".
    Past,
    /// A gym session, and no gym is chosen (several are stored, none in use).
    NoGym,
    /// The gym is closed that day.
    Closure { reason: String },
    /// The gym does not open on that weekday.
    GymClosed { weekday: String },
    /// The person set the day as not available.
    NotAvailable,
    /// Opening hours and availability do not overlap (F-HOURS).
    NoCommonTime {
        gym_hours: Vec<String>,
        available: Vec<String>,
    },
    /// Time is free, but no stretch is long enough.
    TooShort {
        longest_minutes: u16,
        needed_minutes: u16,
    },
    /// The only slots start or end in the hour the clocks change.
    DaylightSaving,
    /// Loaded flexion would start within 30 min of waking (E-MCGILL-FLEXION).
    WakeRule { wake: String, earliest: String },
    /// Within 48 h of the previous heavy session (F-ONEDAY).
    HeavySpacing {
        previous: String,
        earliest: DateTime<Utc>,
    },
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocker::Taken { by } => write!(f, "taken by session {by}"),
            Blocker::OutOfOrder { after } => write!(f, "before session {after}, which comes first in the sequence"),
            Blocker::Past => write!(f, "already past"),
            Blocker::NoGym => write!(f, "a gym session, and no gym is chosen (F-HOURS)"),
            Blocker::Closure { reason } => write!(f, "the gym is closed: {reason}"),
            Blocker::GymClosed { weekday } => write!(f, "the gym does not open on {weekday} (F-HOURS)"),
            Blocker::NotAvailable => write!(f, "you are not available"),
            Blocker::NoCommonTime { gym_hours, available } => write!(
                f,
                "the gym's hours ({}) and your free time ({}) do not overlap (F-HOURS)",
                gym_hours.join(","),
                if available.is_empty() { "none".to_string() } else { available.join(",") }
            ),
            Blocker::TooShort { longest_minutes, needed_minutes } => {
                write!(f, "the longest free stretch is {longest_minutes} min, the session needs {needed_minutes}")
            }
            Blocker::DaylightSaving => {
                write!(f, "the only slots start or end in the hour the clocks change, which calendars read ambiguously")
            }
            Blocker::WakeRule { wake, earliest } => write!(
                f,
                "loaded flexion within {WAKE_FLEXION_MINUTES} min of waking at {wake} (E-MCGILL-FLEXION); it may start from {earliest}"
            ),
            Blocker::HeavySpacing { previous, earliest } => write!(
                f,
                "within {HEAVY_SPACING_HOURS} h of heavy session {previous} (F-ONEDAY); it may start from {} UTC",
                earliest.format("%a %Y-%m-%d %H:%M")
            ),
        }
    }
}

/// The verdict on one day for a session that did not fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayVerdict {
    pub date: NaiveDate,
    pub reasons: Vec<Blocker>,
}

/// What would make a session fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fix {
    /// A shorter session would fit that day.
    ShorterSession { date: NaiveDate, minutes: u16 },
    /// Being free in this window (local time at the place) would fit it: the
    /// gym is open then (an earlier or later slot than your availability).
    FreeAt { date: NaiveDate, window: String },
    /// A start from this local time on that day would respect the wake rule,
    /// or the session without its loaded flexion would fit as it is.
    AfterWake { date: NaiveDate, from: String },
    /// Another day: from this instant the 48 h of F-ONEDAY have passed.
    StartFrom { at: DateTime<Utc> },
    /// The week holds fewer sessions than asked: plan fewer a week, or free another day.
    FewerPerWeek { fits: u32 },
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::ShorterSession { date, minutes } => {
                write!(
                    f,
                    "a session of at most {minutes} min would fit on {}",
                    day_label(*date)
                )
            }
            Fix::FreeAt { date, window } => {
                write!(
                    f,
                    "being free {window} on {} would fit it (the gym is open then)",
                    day_label(*date)
                )
            }
            Fix::AfterWake { date, from } => write!(
                f,
                "a start from {from} on {} (or the session without loaded flexion) would fit",
                day_label(*date)
            ),
            Fix::StartFrom { at } => write!(
                f,
                "another day, from {} UTC",
                at.format("%a %Y-%m-%d %H:%M")
            ),
            Fix::FewerPerWeek { fits } => {
                write!(
                    f,
                    "this week holds {fits}: plan {fits} a week, or free another day"
                )
            }
        }
    }
}

fn day_label(date: NaiveDate) -> String {
    format!("{} {date}", weekday_key(date.weekday()))
}

/// A session that did not fit in its week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unfit {
    /// The week it was due in, from 1.
    pub week: u32,
    pub key: String,
    pub seq: u32,
    /// Every day of that week, with why it could not take the session.
    pub days: Vec<DayVerdict>,
    pub fixes: Vec<Fix>,
    /// Sessions due the same week that wait behind it (sequence order).
    pub waiting: Vec<String>,
    /// The week it was placed in after sliding, or `None` if not in the horizon.
    pub placed_in_week: Option<u32>,
}

/// The result: what was placed, what did not fit and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// In time order.
    pub placed: Vec<PlacedSession>,
    pub unfit: Vec<Unfit>,
    /// Sessions of the sequence not placed within the horizon (they come
    /// after it, or were pushed out by sessions that slid).
    pub after_horizon: Vec<String>,
    /// Anchor time of day per location, when one was found.
    pub anchors: Vec<(Location, String)>,
    /// Things the caller should tell the person.
    pub notes: Vec<String>,
}

/// A UTC interval, half-open in spirit: a session `[s, e]` fits when
/// `a <= s && e <= b`.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// A possible start: the instant and its local minute of day at the place.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: DateTime<Utc>,
    tod: u16,
}

struct Ctx<'a> {
    req: &'a ScheduleRequest<'a>,
    /// Allowed spans per horizon day, for gym and home.
    allowed: Vec<[Result<Vec<Span>, Blocker>; 2]>,
}

fn loc_index(l: Location) -> usize {
    match l {
        Location::Gym => 0,
        Location::Home => 1,
    }
}

/// Places `req.sessions[req.next_index..]` on the calendar.
pub fn schedule(req: &ScheduleRequest<'_>) -> Result<Schedule, InputError> {
    validate(req)?;
    let days = req.weeks as usize * 7;
    let allowed = (0..days)
        .map(|d| {
            let date = req.from + Duration::days(d as i64);
            [
                allowed_spans(req, Location::Gym, date),
                allowed_spans(req, Location::Home, date),
            ]
        })
        .collect();
    let ctx = Ctx { req, allowed };
    let queue: Vec<&SessionToPlace> = req.sessions[req.next_index..].iter().collect();
    let anchors = [
        anchor(&ctx, &queue, Location::Gym),
        anchor(&ctx, &queue, Location::Home),
    ];

    let mut placed: Vec<PlacedSession> = Vec::new();
    let mut unfit: Vec<Unfit> = Vec::new();
    let mut cursor = 0usize;
    let mut state = State {
        last_day: req
            .rhythm
            .last_done
            .filter(|d| *d < req.from)
            .map(|d| (d - req.from).num_days()),
        last_end: None,
        last_key: None,
        last_heavy: req
            .last_heavy_start
            .map(|t| (t, "done before this schedule".to_string())),
    };

    for week in 0..req.weeks as usize {
        let due = (req.sessions_per_week as usize).min(queue.len() - cursor);
        if due == 0 {
            break;
        }
        let sessions = &queue[cursor..cursor + due];
        // Candidates per session and day of the week, before the constraints
        // that depend on other sessions (order, 48 h).
        let cands: Vec<Vec<Vec<Candidate>>> = sessions
            .iter()
            .map(|s| {
                (0..7)
                    .map(|d| fitting(&ctx, s, week * 7 + d, Stage::Wake))
                    .collect()
            })
            .collect();

        let mut best: Option<(Score, Vec<usize>, Vec<Candidate>)> = None;
        for m in (1..=due).rev() {
            for days in combinations(7, m) {
                if let Some(slots) = assign(sessions, &cands, &days, &state, &anchors) {
                    let score = score(req, &days, week, &state, &slots, sessions, &anchors);
                    if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
                        best = Some((score, days, slots));
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        let (days, slots) = best.map(|(_, d, s)| (d, s)).unwrap_or_default();
        let mut week_placed = Vec::new();
        for (i, (&d, c)) in days.iter().zip(&slots).enumerate() {
            let s = sessions[i];
            let p = place(req, s, week, c);
            state.last_day = Some((week * 7 + d) as i64);
            state.last_end = Some(p.end.with_timezone(&Utc));
            state.last_key = Some(s.key.clone());
            if s.heavy_spinal_load {
                state.last_heavy = Some((c.start, s.key.clone()));
            }
            week_placed.push((d, s.key.clone()));
            placed.push(p);
        }
        let fitted = days.len();
        if fitted < due {
            let s = sessions[fitted];
            let verdicts: Vec<DayVerdict> = (0..7)
                .map(|d| DayVerdict {
                    date: req.from + Duration::days((week * 7 + d) as i64),
                    reasons: day_reasons(&ctx, s, week * 7 + d, d, &week_placed, &state),
                })
                .collect();
            let fixes = fixes(&ctx, s, &verdicts, fitted as u32, &state);
            unfit.push(Unfit {
                week: week as u32 + 1,
                key: s.key.clone(),
                seq: s.seq,
                days: verdicts,
                fixes,
                waiting: sessions[fitted + 1..]
                    .iter()
                    .map(|s| s.key.clone())
                    .collect(),
                placed_in_week: None,
            });
        }
        cursor += fitted;
    }

    for u in &mut unfit {
        u.placed_in_week = placed.iter().find(|p| p.key == u.key).map(|p| p.week);
    }
    let mut notes = Vec::new();
    if req.availability.wake.is_none() && queue.iter().any(|s| s.loaded_flexion) {
        notes.push(format!(
            "No wake time is set, so loaded flexion could not be kept out of the first {WAKE_FLEXION_MINUTES} minutes after waking (E-MCGILL-FLEXION): set one."
        ));
    }
    let anchors = [Location::Gym, Location::Home]
        .into_iter()
        .filter_map(|l| anchors[loc_index(l)].map(|m| (l, clock(m))))
        .collect();
    Ok(Schedule {
        placed,
        unfit,
        after_horizon: queue[cursor..].iter().map(|s| s.key.clone()).collect(),
        anchors,
        notes,
    })
}

fn validate(req: &ScheduleRequest<'_>) -> Result<(), InputError> {
    if req.weeks == 0 || req.weeks > MAX_WEEKS {
        return Err(InputError::new(
            "weeks",
            format!("expected 1-{MAX_WEEKS}, got {}", req.weeks),
        ));
    }
    if !(1..=7).contains(&req.sessions_per_week) {
        return Err(InputError::new(
            "sessions_per_week",
            format!(
                "expected 1-7 (one session a day at most), got {}",
                req.sessions_per_week
            ),
        ));
    }
    // Keeps date arithmetic far from chrono's limits, so no input can overflow it.
    if !(1900..=9000).contains(&req.from.year()) {
        return Err(InputError::new(
            "from",
            format!("expected a date between 1900 and 9000, got {}", req.from),
        ));
    }
    if req.next_index > req.sessions.len() {
        return Err(InputError::new(
            "next_index",
            format!(
                "expected 0-{} (the sequence has {} sessions), got {}",
                req.sessions.len(),
                req.sessions.len(),
                req.next_index
            ),
        ));
    }
    let mut keys = std::collections::BTreeSet::new();
    for (i, s) in req.sessions.iter().enumerate() {
        if s.key.trim().is_empty() {
            return Err(InputError::new(
                &format!("sessions[{i}].key"),
                "expected a stable session key, got nothing",
            ));
        }
        if !keys.insert(s.key.as_str()) {
            return Err(InputError::new(
                &format!("sessions[{i}].key"),
                format!("expected unique keys, '{}' repeats", s.key),
            ));
        }
        if s.minutes == 0 || s.minutes > 12 * 60 {
            return Err(InputError::new(
                &format!("sessions[{i}].minutes"),
                format!("expected 1-720, got {}", s.minutes),
            ));
        }
    }
    Ok(())
}

/// Where a placement stands after the sessions placed so far.
struct State {
    /// Horizon day index of the last placed session (negative: the last
    /// session done before the horizon).
    last_day: Option<i64>,
    /// Key of the last placed session.
    last_key: Option<String>,
    last_end: Option<DateTime<Utc>>,
    last_heavy: Option<(DateTime<Utc>, String)>,
}

fn windows_spans(tz: Tz, date: NaiveDate, windows: &[Window]) -> Vec<Span> {
    windows
        .iter()
        .map(|w| {
            (
                local_instant(tz, date, w.start()),
                local_instant(tz, date, w.end()),
            )
        })
        .collect()
}

/// The person's free time, as instants, for home dates around `[a, b]`;
/// sorted, touching spans merged (22:00-24:00 then 00:00-02:00 is one).
fn availability_spans(av: &Availability, a: DateTime<Utc>, b: DateTime<Utc>) -> Vec<Span> {
    let first = a.with_timezone(&av.time_zone).date_naive() - Duration::days(1);
    let last = b.with_timezone(&av.time_zone).date_naive() + Duration::days(1);
    let mut spans = Vec::new();
    let mut d = first;
    while d <= last {
        spans.extend(windows_spans(av.time_zone, d, &av.windows(d.weekday())));
        d += Duration::days(1);
    }
    spans.sort();
    let mut merged: Vec<Span> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(m) if s.0 <= m.1 => m.1 = m.1.max(s.1),
            _ => merged.push(s),
        }
    }
    merged.retain(|s| s.1 > a && s.0 < b);
    merged
}

fn intersect(xs: &[Span], ys: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for x in xs {
        for y in ys {
            let (a, b) = (x.0.max(y.0), x.1.min(y.1));
            if a < b {
                out.push((a, b));
            }
        }
    }
    out.sort();
    out
}

fn day_bounds(tz: Tz, date: NaiveDate) -> Span {
    (
        local_instant(tz, date, 0),
        local_instant(tz, date, DAY_MINUTES),
    )
}

/// The spans a session at `loc` may occupy when it starts on local `date`.
fn allowed_spans(
    req: &ScheduleRequest<'_>,
    loc: Location,
    date: NaiveDate,
) -> Result<Vec<Span>, Blocker> {
    let av = req.availability;
    match loc {
        Location::Home => {
            if av.windows(date.weekday()).is_empty() {
                return Err(Blocker::NotAvailable);
            }
            let (a, b) = day_bounds(av.time_zone, date);
            // Spans that start or continue on this date (they may run past midnight).
            Ok(availability_spans(av, a, b))
        }
        Location::Gym => {
            let gym = req.gym.ok_or(Blocker::NoGym)?;
            let hours = gym.open_on(date).map_err(|why| match why {
                ClosedBecause::Closure(c) => Blocker::Closure {
                    reason: c.reason.clone(),
                },
                ClosedBecause::Weekday(w) => Blocker::GymClosed {
                    weekday: weekday_name(w),
                },
            })?;
            let open = windows_spans(gym.time_zone, date, hours);
            let (a, b) = day_bounds(gym.time_zone, date);
            let free = availability_spans(av, a, b);
            let both = intersect(&open, &free);
            if both.is_empty() {
                let home_date = a.with_timezone(&av.time_zone).date_naive();
                let available = av.windows(home_date.weekday());
                if available.is_empty() && gym.time_zone == av.time_zone {
                    return Err(Blocker::NotAvailable);
                }
                return Err(Blocker::NoCommonTime {
                    gym_hours: hours.iter().map(Window::to_string).collect(),
                    available: available.iter().map(Window::to_string).collect(),
                });
            }
            Ok(both)
        }
    }
}

fn weekday_name(w: Weekday) -> String {
    const NAMES: [&str; 7] = [
        "Mondays",
        "Tuesdays",
        "Wednesdays",
        "Thursdays",
        "Fridays",
        "Saturdays",
        "Sundays",
    ];
    NAMES[w.num_days_from_monday() as usize].to_string()
}

fn place_tz(req: &ScheduleRequest<'_>, loc: Location) -> Tz {
    match (loc, req.gym) {
        (Location::Gym, Some(g)) => g.time_zone,
        _ => req.availability.time_zone,
    }
}

/// Grid starts on horizon day `day` whose whole session fits an allowed span,
/// with the filters up to `stage` applied (DST uniqueness, "now", wake rule):
/// the placement uses them all, the diagnosis adds them one at a time.
fn fitting(ctx: &Ctx<'_>, s: &SessionToPlace, day: usize, stage: Stage) -> Vec<Candidate> {
    let req = ctx.req;
    let Some(allowed) = ctx
        .allowed
        .get(day)
        .and_then(|a| a[loc_index(s.location)].as_ref().ok())
    else {
        return Vec::new();
    };
    let tz = place_tz(req, s.location);
    let date = req.from + Duration::days(day as i64);
    let len = Duration::minutes(i64::from(s.minutes));
    let mut out = Vec::new();
    for tod in (0..DAY_MINUTES).step_by(GRID_MINUTES as usize) {
        let naive = naive_at(date, tod);
        let start = match exact_instant(tz, naive) {
            Some(t) => t,
            None if stage >= Stage::Dst => continue,
            None => local_instant(tz, date, tod),
        };
        let end = start + len;
        if !allowed.iter().any(|&(a, b)| a <= start && end <= b) {
            continue;
        }
        if stage >= Stage::Dst && !is_exact(tz, end.with_timezone(&tz).naive_local()) {
            continue;
        }
        if stage >= Stage::Now && req.not_before.is_some_and(|now| start < now) {
            continue;
        }
        if stage >= Stage::Wake
            && s.loaded_flexion
            && too_soon_after_waking(req.availability, start)
        {
            continue;
        }
        out.push(Candidate { start, tod });
    }
    out
}

/// The filters of [`fitting`], in the order diagnosis applies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Fit,
    Dst,
    Now,
    Wake,
}

fn too_soon_after_waking(av: &Availability, start: DateTime<Utc>) -> bool {
    let Some(wake) = av.wake else { return false };
    let home_date = start.with_timezone(&av.time_zone).date_naive();
    let w = local_instant(av.time_zone, home_date, wake.minutes());
    w <= start && start < w + Duration::minutes(WAKE_FLEXION_MINUTES)
}

fn deviation(c: &Candidate, anchor: Option<u16>) -> u32 {
    anchor.map_or(0, |a| u32::from(c.tod.abs_diff(a)))
}

/// Gives each session of `days` (in order) its best start, or `None` when one
/// has none left after order and the 48 h rule.
fn assign(
    sessions: &[&SessionToPlace],
    cands: &[Vec<Vec<Candidate>>],
    days: &[usize],
    state: &State,
    anchors: &[Option<u16>; 2],
) -> Option<Vec<Candidate>> {
    let mut last_end = state.last_end;
    let mut last_heavy = state.last_heavy.as_ref().map(|h| h.0);
    let mut out = Vec::with_capacity(days.len());
    for (i, &d) in days.iter().enumerate() {
        let s = sessions[i];
        let anchor = anchors[loc_index(s.location)];
        let len = Duration::minutes(i64::from(s.minutes));
        let c = cands[i][d]
            .iter()
            .filter(|c| last_end.is_none_or(|e| c.start >= e))
            .filter(|c| {
                !s.heavy_spinal_load
                    || last_heavy
                        .is_none_or(|h| c.start >= h + Duration::hours(HEAVY_SPACING_HOURS))
            })
            .min_by_key(|c| (deviation(c, anchor), c.start))
            .copied()?;
        last_end = Some(c.start + len);
        if s.heavy_spinal_load {
            last_heavy = Some(c.start);
        }
        out.push(c);
    }
    Some(out)
}

/// Larger is better; ties keep the first (earliest) set of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    min_gap: i64,
    on_plan_days: usize,
    evenness: i64,
    closeness: i64,
}

fn score(
    req: &ScheduleRequest<'_>,
    days: &[usize],
    week: usize,
    state: &State,
    slots: &[Candidate],
    sessions: &[&SessionToPlace],
    anchors: &[Option<u16>; 2],
) -> Score {
    let m = days.len();
    // The plan's rhythm sets the gap worth keeping, also in a week that holds
    // fewer sessions (the plan's last): two sessions left of a 3-day plan are
    // not spread over the week, they come on its days.
    let ideal = (7 / m.max(req.sessions_per_week as usize)) as i64;
    let mut cyclic: Vec<i64> = days.windows(2).map(|w| (w[1] - w[0]) as i64).collect();
    cyclic.push((days[0] + 7 - days[m - 1]) as i64);
    let mut min_gap = cyclic.iter().map(|&g| g.min(ideal)).min().unwrap_or(ideal);
    if let Some(last) = state.last_day {
        min_gap = min_gap.min(((week * 7 + days[0]) as i64 - last).min(ideal));
    }
    let on_plan_days = days
        .iter()
        .filter(|&&d| {
            let date = req.from + Duration::days((week * 7 + d) as i64);
            req.rhythm.weekdays[date.weekday().num_days_from_monday() as usize]
        })
        .count();
    // Cyclic evenness is for weeks that repeat; a short week (the plan's
    // last) takes its sessions on the earliest of its days instead.
    let evenness = if m < req.sessions_per_week as usize {
        0
    } else {
        -cyclic.iter().map(|g| g * g).sum::<i64>()
    };
    let closeness = -slots
        .iter()
        .zip(sessions)
        .map(|(c, s)| i64::from(deviation(c, anchors[loc_index(s.location)])))
        .sum::<i64>();
    Score {
        min_gap,
        on_plan_days,
        evenness,
        closeness,
    }
}

/// All `k`-subsets of `0..n`, in lexicographic order.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn go(start: usize, n: usize, k: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        for i in start..n {
            if n - i < k - cur.len() {
                break;
            }
            cur.push(i);
            go(i + 1, n, k, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    go(0, n, k, &mut Vec::with_capacity(k), &mut out);
    out
}

/// The time of day, per location, at which the longest queued session of
/// that location fits on the most days of the horizon (ties: earliest).
fn anchor(ctx: &Ctx<'_>, queue: &[&SessionToPlace], loc: Location) -> Option<u16> {
    let longest = queue
        .iter()
        .filter(|s| s.location == loc)
        .max_by_key(|s| s.minutes)?;
    let probe = SessionToPlace {
        loaded_flexion: false,
        heavy_spinal_load: false,
        ..(*longest).clone()
    };
    let mut counts = vec![0u32; (DAY_MINUTES / GRID_MINUTES) as usize];
    for day in 0..ctx.allowed.len() {
        for c in fitting(ctx, &probe, day, Stage::Dst) {
            counts[(c.tod / GRID_MINUTES) as usize] += 1;
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .fold((0, 0), |acc, (i, &n)| if n > acc.1 { (i, n) } else { acc });
    (n > 0).then_some(best as u16 * GRID_MINUTES)
}

fn place(
    req: &ScheduleRequest<'_>,
    s: &SessionToPlace,
    week: usize,
    c: &Candidate,
) -> PlacedSession {
    let tz = place_tz(req, s.location);
    let start = c.start.with_timezone(&tz);
    let end = (c.start + Duration::minutes(i64::from(s.minutes))).with_timezone(&tz);
    let (place, address) = match (s.location, req.gym) {
        (Location::Gym, Some(g)) => (
            g.name.clone(),
            Some(g.address.clone()).filter(|a| !a.is_empty()),
        ),
        _ => ("Home".to_string(), None),
    };
    PlacedSession {
        key: s.key.clone(),
        seq: s.seq,
        week: week as u32 + 1,
        date: start.date_naive(),
        start,
        end,
        minutes: s.minutes,
        location: s.location,
        place,
        address,
        heavy_spinal_load: s.heavy_spinal_load,
        loaded_flexion: s.loaded_flexion,
        summary: s.summary.clone(),
    }
}

/// Why session `s` could not go on horizon day `day` (day `d` of its week),
/// given the sessions placed this week and the state after them.
fn day_reasons(
    ctx: &Ctx<'_>,
    s: &SessionToPlace,
    day: usize,
    d: usize,
    week_placed: &[(usize, String)],
    state: &State,
) -> Vec<Blocker> {
    if let Some((_, by)) = week_placed.iter().find(|(pd, _)| *pd == d) {
        return vec![Blocker::Taken { by: by.clone() }];
    }
    let date = ctx.req.from + Duration::days(day as i64);
    let (_, day_end) = day_bounds(place_tz(ctx.req, s.location), date);
    if ctx.req.not_before.is_some_and(|now| now >= day_end) {
        return vec![Blocker::Past];
    }
    if let Some((_, after)) = week_placed.iter().rev().find(|(pd, _)| *pd > d) {
        return vec![Blocker::OutOfOrder {
            after: after.clone(),
        }];
    }
    if let Some(Err(b)) = ctx.allowed.get(day).map(|a| &a[loc_index(s.location)]) {
        return vec![b.clone()];
    }
    let fit = fitting(ctx, s, day, Stage::Fit);
    if fit.is_empty() {
        let tz = place_tz(ctx.req, s.location);
        let (a, b) = day_bounds(tz, date);
        let longest = ctx.allowed[day][loc_index(s.location)]
            .as_ref()
            .map(|spans| {
                spans
                    .iter()
                    .filter(|sp| sp.0 < b && sp.1 > a)
                    .map(|sp| (sp.1 - sp.0).num_minutes())
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        return vec![Blocker::TooShort {
            longest_minutes: longest.clamp(0, i64::from(u16::MAX)) as u16,
            needed_minutes: s.minutes,
        }];
    }
    if fitting(ctx, s, day, Stage::Dst).is_empty() {
        return vec![Blocker::DaylightSaving];
    }
    if fitting(ctx, s, day, Stage::Now).is_empty() {
        return vec![Blocker::Past];
    }
    let ok = fitting(ctx, s, day, Stage::Wake);
    // Only the wake rule filters at this stage, so a wake time is set here.
    if let (true, Some(wake)) = (ok.is_empty(), ctx.req.availability.wake) {
        return vec![Blocker::WakeRule {
            wake: wake.to_string(),
            earliest: clock((wake.minutes() + WAKE_FLEXION_MINUTES as u16).min(DAY_MINUTES)),
        }];
    }
    let mut reasons = Vec::new();
    if let Some(e) = state.last_end {
        if ok.iter().all(|c| c.start < e) {
            reasons.push(Blocker::OutOfOrder {
                after: state.last_key.clone().unwrap_or_default(),
            });
        }
    }
    if let (true, Some((h, key))) = (s.heavy_spinal_load, &state.last_heavy) {
        let earliest = *h + Duration::hours(HEAVY_SPACING_HOURS);
        if ok.iter().all(|c| c.start < earliest) {
            reasons.push(Blocker::HeavySpacing {
                previous: key.clone(),
                earliest,
            });
        }
    }
    reasons
}

/// What would make `s` fit, from the verdicts on its week's days.
fn fixes(
    ctx: &Ctx<'_>,
    s: &SessionToPlace,
    verdicts: &[DayVerdict],
    fitted: u32,
    state: &State,
) -> Vec<Fix> {
    let mut out = Vec::new();
    // A shorter session: on the day with the longest stretch.
    let shorter = verdicts
        .iter()
        .filter_map(|v| match v.reasons.as_slice() {
            [Blocker::TooShort {
                longest_minutes, ..
            }] if *longest_minutes > 0 => Some((*longest_minutes, v.date)),
            _ => None,
        })
        .min_by_key(|&(m, date)| (u16::MAX - m, date));
    if let Some((minutes, date)) = shorter {
        out.push(Fix::ShorterSession { date, minutes });
    }
    // An earlier (or later) slot inside the gym's hours.
    if let (Location::Gym, Some(gym)) = (s.location, ctx.req.gym) {
        for v in verdicts {
            let gap = matches!(
                v.reasons.as_slice(),
                [Blocker::NoCommonTime { .. }] | [Blocker::TooShort { .. }]
            );
            if !gap {
                continue;
            }
            if let Some(w) =
                gym_slot_near_availability(gym, ctx.req.availability, v.date, s.minutes)
            {
                out.push(Fix::FreeAt {
                    date: v.date,
                    window: w.to_string(),
                });
                break;
            }
        }
    }
    for v in verdicts {
        if let [Blocker::WakeRule { earliest, .. }] = v.reasons.as_slice() {
            out.push(Fix::AfterWake {
                date: v.date,
                from: earliest.clone(),
            });
            break;
        }
    }
    if let (true, Some((h, _))) = (
        verdicts.iter().any(|v| {
            v.reasons
                .iter()
                .any(|r| matches!(r, Blocker::HeavySpacing { .. }))
        }),
        &state.last_heavy,
    ) {
        out.push(Fix::StartFrom {
            at: *h + Duration::hours(HEAVY_SPACING_HOURS),
        });
    }
    if fitted > 0
        && verdicts.iter().any(|v| {
            matches!(
                v.reasons.as_slice(),
                [Blocker::Taken { .. }] | [Blocker::OutOfOrder { .. }]
            )
        })
    {
        out.push(Fix::FewerPerWeek { fits: fitted });
    }
    out
}

/// A slot of `minutes` inside the gym's hours on `date`, as close as possible
/// to the person's availability that day (local minutes at the gym).
fn gym_slot_near_availability(
    gym: &Gym,
    av: &Availability,
    date: NaiveDate,
    minutes: u16,
) -> Option<Window> {
    let hours = gym.open_on(date).ok()?;
    let free = av.windows(date.weekday());
    let distance = |w: Window| -> u32 {
        free.iter()
            .map(|f| {
                if w.end() <= f.start() {
                    u32::from(f.start() - w.end())
                } else if f.end() <= w.start() {
                    u32::from(w.start() - f.end())
                } else {
                    0
                }
            })
            .min()
            .unwrap_or(0)
    };
    hours
        .iter()
        .filter(|h| h.minutes() >= minutes)
        .flat_map(|h| {
            [
                Window::new(h.start(), h.start() + minutes),
                Window::new(h.end() - minutes, h.end()),
            ]
        })
        .flatten()
        .min_by_key(|&w| (distance(w), w))
}
