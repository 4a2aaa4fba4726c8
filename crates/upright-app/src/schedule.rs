//! `schedule`: the active plan's sessions on real days, at real times and
//! places (core's scheduler), from a day on (today by default).
//!
//! The plan is a sequence (core's `plan_sessions`): each day with a workout
//! logged against it, up to and including the day the schedule is made "as
//! of", is one session done. The rest are placed from that day (the day
//! after, when it already has a workout): a missed session is not lost, it
//! and the ones after it move along. The last heavy session done keeps the
//! next one 48 h away (F-ONEDAY).
//!
//! What does not fit is listed with the reason for every day of its week and
//! what would make it fit; sessions past the horizon are listed too. Nothing
//! is dropped silently.

use crate::active::Active;
use crate::places::gym_of;
use crate::{Actor, App, AppError, AppResult};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use upright_core::calendar::scheduler::MAX_WEEKS;
use upright_core::calendar::{
    plan_sequence, progress, schedule, Gym, LoggedDay, PlacedSession, PlanRhythm, PlanSession,
    Schedule, ScheduleRequest,
};
use upright_core::coach::dates::{iso, parse_date};
use upright_core::text::echo;
use upright_core::vocab::Grade;

/// `schedule`: as typed.
#[derive(Debug, Clone, Default)]
pub struct ScheduleQuery {
    /// The day to schedule from, as if it were today (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Weeks to schedule, 1-104 [default: until the plan's last session].
    pub weeks: Option<String>,
}

/// A gym as the schedule names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GymBrief {
    pub name: String,
    pub address: String,
    pub time_zone: String,
}

/// One session on a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduledSession {
    /// The session in the plan: `w{week}s{day}`.
    pub key: String,
    /// The plan's week and day of the session.
    pub week: u8,
    pub day: u8,
    pub deload: bool,
    /// The week of the schedule (from 1, weeks counted from its first day).
    pub schedule_week: u32,
    /// Local date and weekday at the place.
    pub date: String,
    pub weekday: String,
    /// Local `HH:MM` at the place, in `time_zone`.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    /// The zone's abbreviation at the start (`EST`, `EDT`): daylight saving shows.
    pub abbreviation: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    /// Warm-up included.
    pub minutes: u16,
    /// `gym` or `home`.
    pub location: &'static str,
    /// The gym's name, or "Home".
    pub place: String,
    pub address: Option<String>,
    pub heavy: bool,
    pub loaded_flexion: bool,
    pub exercises: String,
}

/// Why a session could not go on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayWhy {
    pub date: String,
    pub weekday: String,
    pub reasons: Vec<String>,
}

/// A session that did not fit the week it was due in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnfitSession {
    pub key: String,
    /// The schedule's week (from 1) it was due in.
    pub week: u32,
    pub days: Vec<DayWhy>,
    /// What would make it fit.
    pub fixes: Vec<String>,
    /// Sessions due that week that wait behind it.
    pub waiting: Vec<String>,
    /// Where it went after sliding, if within the horizon.
    pub placed_on: Option<String>,
}

/// What `schedule` shows (the JSON shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleView {
    pub plan_id: i64,
    /// The day the schedule is made as of, and its first day.
    pub as_of: String,
    pub from: String,
    pub weeks: u32,
    pub sessions_total: usize,
    pub sessions_done: usize,
    /// The next session of the plan to do.
    pub next: Option<String>,
    pub home_time_zone: String,
    pub gym: Option<GymBrief>,
    pub sessions: Vec<ScheduledSession>,
    pub unfit: Vec<UnfitSession>,
    /// Sessions not placed within the horizon, in order.
    pub after_horizon: Vec<String>,
    pub notes: Vec<String>,
}

/// The next planned session, as `today` names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Planned {
    /// It is on the day asked about.
    pub today: bool,
    pub key: String,
    /// The plan's week and day of the session.
    pub week: u8,
    pub day: u8,
    pub date: String,
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub place: String,
    pub address: Option<String>,
}

/// What `today` takes from the schedule.
#[derive(Debug, Default)]
pub(crate) struct PlannedAnswer {
    /// The first session placed from the day on.
    pub planned: Option<Planned>,
    /// Why there is none.
    pub note: Option<String>,
    /// The dates of the sessions placed, by plan week and day.
    pub dates: Vec<(u8, u8, NaiveDate)>,
}

/// Weeks `today` looks ahead for the next planned session.
const TODAY_WEEKS: u32 = 2;

/// Everything a schedule was made from, for `today` and `calendar` too.
pub(crate) struct Made {
    pub active: Active,
    pub sequence: Vec<PlanSession>,
    pub schedule: Schedule,
    pub gym: Option<Gym>,
    pub home: chrono_tz::Tz,
    pub as_of: NaiveDate,
    pub from: NaiveDate,
    pub weeks: u32,
    pub done: usize,
    pub notes: Vec<String>,
}

/// `1`-`104`.
pub fn parse_weeks(s: &str) -> AppResult<u32> {
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|w| (1..=MAX_WEEKS).contains(w))
        .ok_or_else(|| {
            AppError::bad(
                "weeks",
                format!(
                    "'{}' is not accepted; accepted: a whole number from 1 to {MAX_WEEKS}",
                    echo(s)
                ),
            )
        })
}

fn weekday_name(d: NaiveDate) -> String {
    d.format("%A").to_string()
}

fn session_view(p: &PlacedSession, plan: &PlanSession) -> ScheduledSession {
    ScheduledSession {
        key: p.key.clone(),
        week: plan.week,
        day: plan.day,
        deload: plan.deload,
        schedule_week: p.week,
        date: iso(p.date),
        weekday: weekday_name(p.date),
        start: p.start.format("%H:%M").to_string(),
        end: p.end.format("%H:%M").to_string(),
        time_zone: p.time_zone().name().to_string(),
        abbreviation: p.start.format("%Z").to_string(),
        start_utc: p.start.with_timezone(&Utc),
        end_utc: p.end.with_timezone(&Utc),
        minutes: p.minutes,
        location: p.location.as_str(),
        place: p.place.clone(),
        address: p.address.clone(),
        heavy: p.heavy_spinal_load,
        loaded_flexion: p.loaded_flexion,
        exercises: p.summary.clone(),
    }
}

impl Made {
    fn plan_session(&self, key: &str) -> Option<&PlanSession> {
        self.sequence.iter().find(|s| s.session.key == key)
    }

    pub fn sessions(&self) -> Vec<ScheduledSession> {
        self.schedule
            .placed
            .iter()
            .filter_map(|p| self.plan_session(&p.key).map(|s| session_view(p, s)))
            .collect()
    }

    pub fn view(&self) -> ScheduleView {
        let unfit = self
            .schedule
            .unfit
            .iter()
            .map(|u| UnfitSession {
                key: u.key.clone(),
                week: u.week,
                days: u
                    .days
                    .iter()
                    .map(|d| DayWhy {
                        date: iso(d.date),
                        weekday: weekday_name(d.date),
                        reasons: d.reasons.iter().map(ToString::to_string).collect(),
                    })
                    .collect(),
                fixes: u.fixes.iter().map(ToString::to_string).collect(),
                waiting: u.waiting.clone(),
                placed_on: self
                    .schedule
                    .placed
                    .iter()
                    .find(|p| p.key == u.key)
                    .map(|p| iso(p.date)),
            })
            .collect();
        ScheduleView {
            plan_id: self.active.stored.id.0,
            as_of: iso(self.as_of),
            from: iso(self.from),
            weeks: self.weeks,
            sessions_total: self.sequence.len(),
            sessions_done: self.done,
            next: self.sequence.get(self.done).map(|s| s.session.key.clone()),
            home_time_zone: self.home.name().to_string(),
            gym: self.gym.as_ref().map(|g| GymBrief {
                name: g.name.clone(),
                address: g.address.clone(),
                time_zone: g.time_zone.name().to_string(),
            }),
            sessions: self.sessions(),
            unfit,
            after_horizon: self.schedule.after_horizon.clone(),
            notes: self.notes.clone(),
        }
    }
}

impl App {
    /// The next planned session as of `date`, or why there is none.
    pub(crate) async fn planned(
        &self,
        me: &Actor,
        date: NaiveDate,
        today: NaiveDate,
        now: Option<DateTime<Utc>>,
    ) -> PlannedAnswer {
        let made = match self
            .make_schedule(me, "today", date, Some(TODAY_WEEKS), today, now)
            .await
        {
            Ok(m) => m,
            Err(e) => {
                return PlannedAnswer {
                    note: Some(format!("no planned time: {}", e.line())),
                    ..Default::default()
                }
            }
        };
        let dates = made
            .schedule
            .placed
            .iter()
            .filter_map(|p| made.plan_session(&p.key).map(|s| (s.week, s.day, p.date)))
            .collect();
        let Some(first) = made.sessions().into_iter().next() else {
            let why = match made.sequence.get(made.done) {
                None => "every session of the plan is done".to_string(),
                Some(s) => format!(
                    "week {}, session {} has no time in the next {TODAY_WEEKS} weeks; `upright schedule` says why",
                    s.week, s.day
                ),
            };
            let gym = made
                .notes
                .iter()
                .find(|n| n.contains("gym"))
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            return PlannedAnswer {
                note: Some(format!("No planned time: {why}.{gym}")),
                ..Default::default()
            };
        };
        let planned = Planned {
            today: first.date == iso(date),
            key: first.key,
            week: first.week,
            day: first.day,
            date: first.date,
            weekday: first.weekday,
            start: first.start,
            end: first.end,
            time_zone: first.time_zone,
            place: first.place,
            address: first.address,
        };
        PlannedAnswer {
            planned: Some(planned),
            note: None,
            dates,
        }
    }

    pub async fn schedule(
        &self,
        me: &Actor,
        q: ScheduleQuery,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> AppResult<ScheduleView> {
        let as_of = q
            .from
            .as_deref()
            .map(|s| parse_date("from", s))
            .transpose()?
            .unwrap_or(today);
        let weeks = q.weeks.as_deref().map(parse_weeks).transpose()?;
        Ok(self
            .make_schedule(me, "schedule", as_of, weeks, today, Some(now))
            .await?
            .view())
    }

    /// The schedule as of `as_of`: sessions done up to that day, the rest
    /// placed from it. "Now" limits the start only when `as_of` is today.
    pub(crate) async fn make_schedule(
        &self,
        me: &Actor,
        command: &str,
        as_of: NaiveDate,
        weeks: Option<u32>,
        today: NaiveDate,
        now: Option<DateTime<Utc>>,
    ) -> AppResult<Made> {
        let active = self.require_active(me, command).await?;
        let sequence = plan_sequence(&active.doc, &self.catalog);
        let gyms = self.load_gyms(me).await?;
        let free = self
            .load_availability(me, gyms.in_use().map(gym_of).transpose()?.as_ref())
            .await?;
        let gym = gyms.for_sessions(free.availability.time_zone)?;
        let start = active.stored.start_date;
        let programme = active.programme();
        let daily_big3 = programme.has_daily_big3();
        let logged: Vec<LoggedDay> = if as_of < start {
            Vec::new()
        } else {
            self.store
                .plan_workout_days(me.id, active.stored.id, start, as_of)
                .await?
                .into_iter()
                // The Big 3 done on a rest day are daily practice, not a session.
                .filter(|d| {
                    let only_big3 = daily_big3
                        && d.exercises.iter().all(|id| {
                            self.catalog
                                .get(id)
                                .is_some_and(upright_core::coach::progression::is_mcgill)
                        });
                    !programme.is_daily_practice(d.date, only_big3)
                })
                .map(|d| LoggedDay {
                    date: d.date,
                    first_logged: d.first_logged,
                    heavy: d.exercises.iter().any(|id| {
                        self.catalog
                            .get(id)
                            .is_some_and(|e| e.spinal_load == Grade::High)
                    }),
                })
                .collect()
        };
        let mut done = progress(&sequence, &logged, &free.availability);
        let mut last_done = logged.iter().map(|d| d.date).max();
        let mut notes = Vec::new();
        // Looking ahead, the sessions between today and that day are assumed
        // done as planned, as `today` assumes them (Programme::position).
        if as_of > today {
            let real = logged.iter().filter(|d| d.date < today).count();
            let assumed = active.programme().session_days_between(today, as_of);
            let index = (real + assumed).min(sequence.len());
            if index > done.next_index {
                let n = index - done.next_index;
                let (s, are) = if n == 1 { ("", "is") } else { ("s", "are") };
                notes.push(format!(
                    "Looking ahead from {today}: the {n} session{s} before {as_of} {are} taken as done as planned."
                ));
                done.next_index = index;
                last_done = active
                    .programme()
                    .last_assumed_before(as_of, today)
                    .or(last_done);
            }
        }
        let trained_on_as_of = logged.iter().any(|d| d.date == as_of);
        let from = if trained_on_as_of {
            as_of + Days::new(1)
        } else {
            as_of
        }
        .max(start);
        let remaining = sequence.len() - done.next_index;
        let per_week = u32::from(active.profile.days.clamp(1, 7));
        let weeks =
            weeks.unwrap_or_else(|| (remaining as u32).div_ceil(per_week).clamp(1, MAX_WEEKS));
        let places: Vec<_> = sequence.iter().map(|s| s.session.clone()).collect();
        let sched = schedule(&ScheduleRequest {
            sessions: &places,
            next_index: done.next_index,
            from,
            weeks,
            sessions_per_week: per_week,
            gym: gym.as_ref(),
            availability: &free.availability,
            not_before: now.filter(|_| as_of == today),
            last_heavy_start: done.last_heavy_start,
            rhythm: PlanRhythm {
                weekdays: active.programme().weekdays(),
                last_done,
            },
        })
        .map_err(|e| AppError::internal(format!("the schedule could not be made: {e}")))?;

        notes.extend(free.note);
        let queued = &sequence[done.next_index..];
        if queued
            .iter()
            .any(|s| s.session.location == upright_core::calendar::Location::Gym)
        {
            notes.extend(gyms.missing_note());
        }
        if remaining == 0 {
            notes.push(format!(
                "All {} sessions of plan {} are done: make the next plan with `upright plan ... --save`.",
                sequence.len(),
                active.stored.id
            ));
        }
        if let (Some(at), Some(key)) = (done.last_heavy_start, &done.last_heavy_key) {
            if sched.placed.iter().any(|p| p.heavy_spinal_load) {
                notes.push(format!(
                    "The last heavy session done ({key}) counts: the next one starts 48 h after {} UTC at the earliest (F-ONEDAY).",
                    at.format("%a %Y-%m-%d %H:%M")
                ));
            }
        }
        notes.extend(sched.notes.iter().cloned());
        if !sched.after_horizon.is_empty() {
            notes.push(format!(
                "{} session{} come{} after {}: see them with --weeks {}.",
                sched.after_horizon.len(),
                if sched.after_horizon.len() == 1 {
                    ""
                } else {
                    "s"
                },
                if sched.after_horizon.len() == 1 {
                    "s"
                } else {
                    ""
                },
                if weeks == 1 {
                    "this week".to_string()
                } else {
                    format!("these {weeks} weeks")
                },
                (weeks + (sched.after_horizon.len() as u32).div_ceil(per_week)).min(MAX_WEEKS)
            ));
        }
        Ok(Made {
            active,
            sequence,
            schedule: sched,
            gym,
            home: free.availability.time_zone,
            as_of,
            from,
            weeks,
            done: done.next_index,
            notes,
        })
    }
}
