//! `today`: the day's session of the active plan, each exercise with a
//! concrete load in the person's unit and the coach's decision (core's
//! `coach::today`), from the sets logged before that day and the pain
//! entries up to it. Opens with a line about recent pain.
//!
//! The programme is a sequence that slides (core's `programme`): the
//! session of a day is the first one not yet done, on the weekly session
//! days; missed sessions and a break of 10 days or more are said so, and a
//! break comes back at a reduced load (upright's own rule). History is read
//! against the week each session was done in, neighbours through the
//! planner's filters for the person with the pull-ups their logs prove.

use crate::active::Active;
use crate::{Actor, App, AppResult};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use upright_core::assess::{retest_due, RetestDue};
use upright_core::coach::dates::{iso, show_date};
use upright_core::coach::neighbours::{with_logged_pullups, Filters, PULLUP_ENTRIES};
use upright_core::coach::programme::{group_sessions, Position, Slot};
use upright_core::coach::progression::BREAK_DAYS;
use upright_core::coach::sets_notation::display_sets;
use upright_core::coach::today::{prescribe, ExerciseToday, TodayInput};
use upright_core::coach::units::trim_number;
use upright_core::coach::{PainEntry, PainWhen, SetEntry};
use upright_core::profile::Profile;

/// What `today` shows (the JSON shape).
#[derive(Debug, Clone, Serialize)]
pub struct Today {
    pub date: String,
    /// "session", "rest", "not-started" (before the plan's start), "finished" (every session done)
    /// or "stop" (severe pain that persists: no session until it eases, S-ACUTE).
    pub status: &'static str,
    pub plan_id: i64,
    pub start: String,
    /// The day after the plan's last week, as planned (missed sessions move it on).
    pub end: String,
    pub unit: &'static str,
    pub weeks: usize,
    pub days: u8,
    pub week: Option<u32>,
    pub day: Option<u32>,
    pub deload: bool,
    pub phase: Option<String>,
    pub location: Option<String>,
    pub minutes: Option<f64>,
    /// The session's place in the sequence (1-based) and how many there are.
    pub session_number: Option<usize>,
    pub sessions: usize,
    /// The day this session was planned for, when missed sessions moved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_for: Option<String>,
    /// Session days passed without a workout: the programme slid by this many.
    pub missed: usize,
    /// Days since the last workout, when that is a break (10 or more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_days: Option<i64>,
    pub exercises: Vec<ExerciseToday>,
    /// What is already logged on the day, per exercise of the session that has sets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logged: Vec<LoggedToday>,
    pub next_session: Option<NextSession>,
    pub message: String,
    /// About recent back pain (the last 7 days), when there was any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain: Option<String>,
    /// The endurance battery is due again (4 weeks after the last one; overdue after 6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retest: Option<RetestDue>,
    /// When and where the schedule puts the next session (today's, or the
    /// next one), from `schedule` as of this day.
    pub planned: Option<crate::schedule::Planned>,
    /// Why there is no planned time, when there is none.
    pub planned_note: Option<String>,
}

/// The working sets already logged on the day for one exercise of the session.
/// The prescription stays as it was made before the day: a session logged
/// set by set keeps its aim.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedToday {
    /// The plan's exercise (`exercises[].id`).
    pub id: String,
    /// What the sets were logged as (the plan's exercise or today's neighbour).
    pub exercise: String,
    pub sets: u32,
    /// The sets the session asks for.
    pub planned_sets: u32,
    /// The sets in the `log` notation, in the person's unit: "3x5@100kg".
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextSession {
    pub date: String,
    pub week: u32,
    pub day: u32,
}

/// One line about the last week's pain (E-PAIN-MONITOR; S-ACUTE at 8 or more).
pub fn pain_line(pain: &[PainEntry], date: NaiveDate) -> Option<String> {
    let from = date - Days::new(7);
    let recent: Vec<&PainEntry> = pain
        .iter()
        .filter(|p| p.date >= from && p.date <= date)
        .collect();
    let worst = recent.iter().max_by_key(|p| (p.score, p.date))?;
    let when = match worst.when {
        PainWhen::During => "during a session",
        PainWhen::NextMorning => "the next morning",
    };
    let head = format!(
        "Recent back pain: up to {}/10 ({when}, {}).",
        worst.score,
        iso(worst.date)
    );
    Some(match worst.score {
        8.. => format!("{head} Severe: if it persists or is bad at rest, seek medical advice before training on (S-ACUTE)."),
        6..=7 => format!("{head} Above 5 is not acceptable: your next session is held back (E-PAIN-MONITOR)."),
        3..=5 => format!("{head} Acceptable (3-5), but no progression while it lasts (E-PAIN-MONITOR)."),
        _ => format!("{head} Safe (0-2)."),
    })
}

/// A day of the programme as the use cases read it.
pub(crate) struct Day {
    pub position: Position,
    /// The session of the day (None on a rest day, before the start or after the last session).
    pub slot: Option<Slot>,
    /// The sequence of sessions.
    pub calendar: Vec<Slot>,
    pub last_workout: Option<NaiveDate>,
    pub exercises: Vec<ExerciseToday>,
    pub pain: Vec<PainEntry>,
}

impl App {
    /// `today` with the planned time and place left out of the clock:
    /// [`App::today_at`] without a "now".
    pub async fn today(
        &self,
        me: &Actor,
        date: Option<&str>,
        today: NaiveDate,
    ) -> AppResult<Today> {
        self.today_at(me, date, today, None).await
    }

    /// The day's session; its planned time and place are found after `now`
    /// when the day is today.
    pub async fn today_at(
        &self,
        me: &Actor,
        date: Option<&str>,
        today: NaiveDate,
        now: Option<chrono::DateTime<chrono::Utc>>,
    ) -> AppResult<Today> {
        let day = crate::day_or("date", date, today)?;
        // The schedule decides the days: a session it places on a day the
        // plan's week calls rest (the gym was closed on the plan's day, say)
        // is that day's session, and the next session is on its planned date.
        let answer = self.planned(me, day, today, now).await;
        let session_day = match &answer.planned {
            None => None,
            Some(p) if p.today => Some(true),
            // Placed later only because it is late in the day: still today's.
            Some(_) if now.is_some() => Some(
                self.planned(me, day, today, None)
                    .await
                    .planned
                    .is_some_and(|p| p.today),
            ),
            Some(_) => Some(false),
        };
        let mut t = self
            .today_session(me, day, today, session_day, &answer.dates)
            .await?;
        (t.planned, t.planned_note) = (answer.planned, answer.note);
        Ok(t)
    }

    /// Days in `from..=to` with nothing but the Big 3 logged.
    pub(crate) async fn big3_only_dates(
        &self,
        me: &Actor,
        from: NaiveDate,
        to: NaiveDate,
    ) -> AppResult<Vec<NaiveDate>> {
        let ids: Vec<&str> = self
            .catalog
            .iter()
            .filter(|e| upright_core::coach::progression::is_mcgill(e))
            .map(|e| e.id.as_str())
            .collect();
        Ok(self.store.dates_with_only(me.id, &ids, from, to).await?)
    }

    /// The profile with the pull-ups the person's logs prove (T-PULLUP).
    pub(crate) async fn able_profile(&self, me: &Actor, profile: &Profile) -> AppResult<Profile> {
        let best = self
            .store
            .max_reps_unassisted(me.id, &PULLUP_ENTRIES)
            .await?;
        Ok(with_logged_pullups(profile, best))
    }

    /// The day's place in the sequence and, on a session day, its exercises prescribed.
    /// `any_day`: treat the day as a session day (a workout is being logged
    /// on it, or the schedule puts a session there); `Some(false)` leaves it
    /// to the workouts logged on it (the schedule puts the session elsewhere);
    /// `None` to the plan's weekly session days.
    /// `only`: prescribe only the session's exercises with these ids (a log
    /// asks about the exercises it may move on from, not the whole session).
    pub(crate) async fn plan_day(
        &self,
        me: &Actor,
        active: &Active,
        date: NaiveDate,
        today: NaiveDate,
        any_day: Option<bool>,
        only: Option<&[&str]>,
    ) -> AppResult<Day> {
        let programme = active.programme();
        let calendar = programme.calendar();
        // Where the plan stands on `date` needs the dates from its start (or
        // from the day, if earlier) up to the day, and the last one before:
        // not years of history.
        let mut days = self
            .store
            .workout_dates_between(me.id, Some(programme.start.min(date)), Some(date))
            .await?;
        // The Big 3 done on a rest day are daily practice, not a session.
        if programme.has_daily_big3() {
            let practice = self
                .big3_only_dates(me, programme.start.min(date), date)
                .await?;
            days.retain(|d| !programme.is_daily_practice(*d, practice.contains(d)));
        }
        let real_last = days.iter().copied().rfind(|d| *d < date);
        // Looking ahead, the sessions between today and that day are assumed done.
        let assumed_last = programme.last_assumed_before(date, today);
        let last_workout = real_last.max(assumed_last);
        let position = programme.position(&days, date, today);
        let session_day =
            any_day.unwrap_or_else(|| programme.is_session_day(date)) || days.contains(&date);
        let slot = (date >= programme.start && session_day)
            .then(|| calendar.get(position.index).copied())
            .flatten();
        let pain_rows = self.store.pain_entries(me.id, None, Some(date)).await?;
        let pain = crate::pain::entries(&pain_rows);
        let mut exercises = Vec::new();
        let wanted = |id: &str| only.is_none_or(|o| o.contains(&id));
        let slot_wanted = slot.filter(|s| {
            active.doc.weeks[s.week].sessions[s.session]
                .exercises
                .iter()
                .any(|pe| wanted(pe.id.as_str()))
        });
        if let Some(slot) = slot_wanted {
            let week = &active.doc.weeks[slot.week];
            let profile = self.able_profile(me, &active.profile).await?;
            let filters = Filters::for_profile(&profile, &self.catalog);
            let planned: Vec<_> = week.sessions[slot.session]
                .exercises
                .iter()
                .filter(|pe| wanted(pe.id.as_str()))
                .collect();
            // Every planned exercise's history in one query, split per exercise
            // (each keeps the query's order: date, workout, set).
            let mut ids: Vec<&str> = planned.iter().map(|pe| pe.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut by_exercise: std::collections::BTreeMap<String, Vec<upright_store::SetRow>> =
                std::collections::BTreeMap::new();
            for r in self
                .store
                .sets_for_exercises(me.id, &ids, None, date.pred_opt())
                .await?
            {
                by_exercise
                    .entry(r.exercise_id.clone())
                    .or_default()
                    .push(r);
            }
            for pe in planned {
                let rows = by_exercise.get(&pe.id).map_or(&[][..], Vec::as_slice);
                // Warm-ups (imported ones are marked) never feed progression.
                let history = group_sessions(
                    rows.iter()
                        .filter(|r| r.kind != upright_store::SetKind::WarmUp)
                        .map(|r| {
                            (
                                r.date,
                                SetEntry {
                                    reps: r.reps,
                                    load_kg: r.load_kg,
                                    hold_s: r.hold_s,
                                    rpe: r.rpe,
                                },
                            )
                        }),
                    |d| match programme.slot_done_on(&calendar, &days, d) {
                        Some(s) => (
                            active.doc.weeks[s.week].deload,
                            programme.target_of(s, &pe.id),
                        ),
                        None => (false, None),
                    },
                );
                exercises.push(prescribe(&TodayInput {
                    planned: pe,
                    catalog: &self.catalog,
                    level: active.profile.level,
                    recovering: active.profile.recovering(),
                    minutes: active.profile.minutes,
                    unit: me.unit,
                    deload_week: week.deload,
                    history: &history,
                    pain: &pain,
                    filters: Some(&filters),
                    day: date,
                    last_workout,
                }));
            }
        }
        Ok(Day {
            position,
            slot,
            calendar,
            last_workout,
            exercises,
            pain,
        })
    }

    async fn today_session(
        &self,
        me: &Actor,
        date: NaiveDate,
        today: NaiveDate,
        session_day: Option<bool>,
        scheduled_dates: &[(u8, u8, NaiveDate)],
    ) -> AppResult<Today> {
        let active = self.require_active(me, "today").await?;
        let unit = me.unit;
        let programme = active.programme();
        let day = self
            .plan_day(me, &active, date, today, session_day, None)
            .await?;
        let total = day.calendar.len();
        let next = |index: usize, after: NaiveDate| {
            day.calendar.get(index).map(|s| {
                let w = &active.doc.weeks[s.week];
                let (week, day) = (w.week, w.sessions[s.session].day);
                let date = scheduled_dates
                    .iter()
                    .find(|(sw, sd, at)| (*sw, *sd) == (week, day) && *at > after)
                    .map_or_else(|| programme.next_session_day(after), |(_, _, at)| *at);
                NextSession {
                    date: iso(date),
                    week: u32::from(week),
                    day: u32::from(day),
                }
            })
        };
        let gap = day
            .last_workout
            .map(|l| (date - l).num_days())
            .filter(|g| *g >= BREAK_DAYS && date <= today);
        let mut t = Today {
            date: iso(date),
            status: "session",
            plan_id: active.stored.id.0,
            start: iso(programme.start),
            end: iso(programme.end()),
            unit: unit.as_str(),
            weeks: active.doc.weeks.len(),
            days: active.profile.days,
            week: None,
            day: None,
            deload: false,
            phase: None,
            location: None,
            minutes: None,
            session_number: None,
            sessions: total,
            planned_for: None,
            missed: day.position.missed,
            break_days: None,
            exercises: Vec::new(),
            logged: Vec::new(),
            next_session: None,
            message: String::new(),
            pain: pain_line(&day.pain, date),
            retest: self
                .latest_battery(me, Some(date))
                .await?
                .and_then(|b| retest_due(b.date, date)),
            planned: None,
            planned_note: None,
        };
        let when = |n: &NextSession| {
            format!(
                "next session: {} (week {}, day {})",
                n.date_shown(),
                n.week,
                n.day
            )
        };
        let Some(slot) = day.slot else {
            let n = next(day.position.index, date);
            (t.status, t.message) = if date < programme.start {
                (
                    "not-started",
                    format!(
                        "no session: your plan starts on {}; {}.",
                        show_date(programme.start),
                        n.as_ref().map(when).unwrap_or_default()
                    ),
                )
            } else if day.position.index >= total {
                let end = programme.end();
                (
                    "finished",
                    format!(
                        "no session: all {total} sessions of your {}-week plan are done (planned to end on {}); make the next one with `upright plan ... --save`.",
                        t.weeks,
                        show_date(end.pred_opt().unwrap_or(end))
                    ),
                )
            } else {
                let behind = match t.missed {
                    0 => String::new(),
                    m => format!(" You have {m} missed session{} to catch up: the programme slides, nothing is skipped.", if m == 1 { "" } else { "s" }),
                };
                // E-MCGILL-BIG3: the Big 3 are done every day, rest days too.
                let big3 = if programme.has_daily_big3() {
                    " Do your Big 3 today as on training days (curl-up, side bridge, bird dog; E-MCGILL-BIG3): logging them does not use up a session."
                } else {
                    ""
                };
                (
                    "rest",
                    format!(
                        "rest day, no session planned; {}.{behind}{big3}",
                        n.as_ref().map(when).unwrap_or_default()
                    ),
                )
            };
            t.next_session = n;
            return Ok(t);
        };
        // Severe pain that persists is not trained through (S-ACUTE): no
        // session, and the programme waits (a day without a workout slides it).
        if let Some(stop) = upright_core::coach::advice::severe_pain_stop(&day.pain, date) {
            t.status = "stop";
            t.message = stop;
            t.logged = self.logged_on(me, date, &day.exercises).await?;
            return Ok(t);
        }
        let week = &active.doc.weeks[slot.week];
        let session = &week.sessions[slot.session];
        t.week = Some(u32::from(week.week));
        t.day = Some(u32::from(session.day));
        t.deload = week.deload;
        t.phase = Some(week.phase.to_string());
        t.location = Some(session.location.to_string());
        t.minutes = Some(session.minutes);
        t.session_number = Some(day.position.index + 1);
        t.next_session = next(day.position.index + 1, date);
        t.logged = self.logged_on(me, date, &day.exercises).await?;
        t.exercises = day.exercises;
        let mut message = format!(
            "Week {} of {}{}, day {} of {}: {} session, about {} min.",
            week.week,
            t.weeks,
            if week.deload { " (deload)" } else { "" },
            session.day,
            active.profile.days,
            session.location,
            trim_number(session.minutes, 0)
        );
        if slot.date != date {
            t.planned_for = Some(iso(slot.date));
            if session_day == Some(true) && !programme.is_session_day(date) {
                message.push_str(&format!(
                    " This is the session your plan's week had on {}: your schedule puts it today.",
                    show_date(slot.date)
                ));
            } else if t.missed > 0 {
                message.push_str(&format!(
                    " {} missed session{}: the programme slides, so this is the session planned for {}.",
                    t.missed,
                    if t.missed == 1 { "" } else { "s" },
                    show_date(slot.date)
                ));
            }
        }
        if let Some(g) = gap {
            t.break_days = Some(g);
            message.push_str(&format!(
                " {g} days since your last workout: welcome back. Loads come back lighter today (about 10%, 20% after four weeks; upright's own rule, no study gives a figure)."
            ));
        }
        message.push_str(&logged_words(&t.logged, &t.exercises));
        t.message = message;
        Ok(t)
    }

    /// The working sets logged on `date` for each of the day's exercises,
    /// under the plan's exercise or the one done in its place.
    async fn logged_on(
        &self,
        me: &Actor,
        date: NaiveDate,
        exercises: &[ExerciseToday],
    ) -> AppResult<Vec<LoggedToday>> {
        let mut ids: Vec<&str> = exercises
            .iter()
            .flat_map(|e| [e.id.as_str(), e.exercise.as_str()])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let rows = self
            .store
            .sets_for_exercises(me.id, &ids, Some(date), Some(date))
            .await?;
        Ok(exercises
            .iter()
            .filter_map(|e| {
                let (done_as, sets): (Vec<&str>, Vec<SetEntry>) = rows
                    .iter()
                    .filter(|r| {
                        r.kind != upright_store::SetKind::WarmUp
                            && (r.exercise_id == e.exercise || r.exercise_id == e.id)
                    })
                    .map(|r| {
                        (
                            r.exercise_id.as_str(),
                            SetEntry {
                                reps: r.reps,
                                load_kg: r.load_kg,
                                hold_s: r.hold_s,
                                rpe: r.rpe,
                            },
                        )
                    })
                    .unzip();
                let exercise = done_as.last()?.to_string();
                Some(LoggedToday {
                    id: e.id.clone(),
                    exercise,
                    sets: u32::try_from(sets.len()).unwrap_or(u32::MAX),
                    planned_sets: e.sets,
                    text: display_sets(&sets, me.unit),
                })
            })
            .collect())
    }
}

/// " Logged so far: 2 of 4 exercises." or " All of today's session is logged."
fn logged_words(logged: &[LoggedToday], exercises: &[ExerciseToday]) -> String {
    if logged.is_empty() {
        return String::new();
    }
    let complete = exercises
        .iter()
        .all(|e| logged.iter().any(|l| l.id == e.id && l.sets >= e.sets));
    if complete {
        " All of today's session is logged: well done. The aims below are the ones it set.".into()
    } else {
        format!(
            " Logged so far: {} of {} exercises.",
            logged.len(),
            exercises.len()
        )
    }
}

impl NextSession {
    /// "Monday 2026-01-05".
    pub fn date_shown(&self) -> String {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(show_date)
            .unwrap_or_else(|_| self.date.clone())
    }
}
