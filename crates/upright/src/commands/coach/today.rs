//! `upright today [--date D] [--format text|json]`: the day's session of the
//! active plan, each exercise with a concrete load in the person's unit and
//! the progression engine's decision (action, reasons, rule IDs), computed
//! from the sets logged before that day and the pain entries up to it.
//!
//! Loads: the engine's next load (its start, calibration from an RPE test set
//! (E-RTS), 2-for-2 increases, reductions, deloads), rounded to the plates,
//! dumbbells or stack steps of the exercise's implement; when the engine has
//! none but history gives an estimated 1RM, the load for reps_max at the
//! target RPE (E-RTS), rounded down. No history and no load: a light test set.

use super::active::{Active, ExerciseView, Slot};
use super::db::Db;
use super::{date_or_today, iso, pain_entries, parse_format, sessions, show_date};
use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;
use std::fmt::Write as _;
use upright_core::catalog::Catalog;
use upright_core::coach::loads::prescribed_load;
use upright_core::coach::progression::{is_mcgill, latest_e1rm, pyramid};
use upright_core::coach::units::trim_number;
use upright_core::coach::{decide, sets_notation, Action, Input, PainEntry, Prescription, Reason, SetEntry, Unit};
use upright_core::vocab::{Dosing, Loading};

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The day to show (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
}

/// What `today` prints (the JSON shape).
#[derive(Debug, Serialize)]
pub struct Today {
    pub date: String,
    /// "session", "rest", "not-started" (before the plan's start) or "finished" (after its last week).
    pub status: &'static str,
    pub plan_id: i64,
    pub start: String,
    /// The day after the plan's last week.
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
    pub exercises: Vec<ExerciseToday>,
    pub next_session: Option<NextSession>,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct NextSession {
    pub date: String,
    pub week: u32,
    pub day: u32,
}

#[derive(Debug, Serialize)]
pub struct ExerciseToday {
    /// The plan's exercise.
    pub id: String,
    pub name: String,
    /// What to do today: the plan's exercise, or its neighbour after a graduation or regression.
    pub exercise: String,
    pub exercise_name: String,
    pub sets: u32,
    pub reps_min: u32,
    pub reps_max: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pyramid: Option<Vec<u32>>,
    pub rpe: Option<f64>,
    pub rest_s: u32,
    /// Kilograms; None for body weight, or before a test set.
    pub load_kg: Option<f64>,
    /// The same in the person's unit.
    pub load: Option<f64>,
    pub load_text: Option<String>,
    /// Latest estimated 1RM from history (E-1RM, E-RTS), kilograms.
    pub e1rm_kg: Option<f64>,
    pub decision: DecisionOut,
    /// A command that logs the prescription as done.
    pub log: String,
}

#[derive(Debug, Serialize)]
pub struct DecisionOut {
    pub action: Action,
    pub summary: String,
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
}

pub fn run(args: TodayArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["text", "json"])?;
    let date = date_or_today("date", args.date.as_deref())?;
    let db = Db::open(db)?;
    let active = Active::require(&db, "today")?;
    let today = build(&db, &active, catalog, date)?;
    let out = if format == "json" {
        serde_json::to_string_pretty(&today).map_err(|e| CliError::Internal(e.into()))? + "\n"
    } else {
        render_text(&today)
    };
    print!("{out}");
    Ok(crate::error::exit::OK)
}

/// The day's session (or why there is none) with decisions.
pub fn build(db: &Db, active: &Active, catalog: &Catalog, date: NaiveDate) -> CliResult<Today> {
    let unit = db.unit();
    let calendar = active.calendar();
    let slot = calendar.iter().find(|s| s.date == date).copied();
    let next = calendar.iter().find(|s| s.date > date).copied();
    let mut t = Today {
        date: iso(date),
        status: "session",
        plan_id: active.stored.id.0,
        start: iso(active.start()),
        end: iso(active.end()),
        unit: unit.as_str(),
        weeks: active.view.weeks.len(),
        days: active.profile.days,
        week: None,
        day: None,
        deload: false,
        phase: None,
        location: None,
        minutes: None,
        exercises: Vec::new(),
        next_session: next.map(|s| next_session(active, s)),
        message: String::new(),
    };
    if let Some(wi) = active.week_index(date) {
        let w = &active.view.weeks[wi];
        t.week = Some(w.week);
        t.deload = w.deload;
        t.phase = Some(w.phase.clone());
    }
    let Some(slot) = slot else {
        let when = |n: &NextSession| format!("next session: {} (week {}, day {})", show_date(parse_iso(&n.date)), n.week, n.day);
        (t.status, t.message) = if date < active.start() {
            (
                "not-started",
                format!(
                    "no session: your plan starts on {}; {}.",
                    show_date(active.start()),
                    t.next_session.as_ref().map(when).unwrap_or_default()
                ),
            )
        } else if let Some(n) = &t.next_session {
            ("rest", format!("rest day, no session planned; {}.", when(n)))
        } else {
            (
                "finished",
                format!(
                    "no session: your {}-week plan ended on {}; make the next one with `upright plan ... --save`.",
                    t.weeks,
                    show_date(active.end().pred_opt().unwrap_or(active.end()))
                ),
            )
        };
        return Ok(t);
    };
    let week = &active.view.weeks[slot.week];
    let session = &week.sessions[slot.session];
    t.day = Some(session.day);
    t.location = Some(session.location.clone());
    t.minutes = Some(session.minutes);
    let pain_rows = db.call(db.store.pain_entries(db.user.id, None, Some(date)))?;
    let pain = pain_entries(&pain_rows);
    for pe in &session.exercises {
        t.exercises.push(exercise_today(db, active, catalog, date, week.deload, pe, &pain, unit)?);
    }
    t.message = format!(
        "Week {} of {}{}, day {} of {}: {} session, about {} min.",
        week.week,
        t.weeks,
        if week.deload { " (deload)" } else { "" },
        session.day,
        active.profile.days,
        session.location,
        trim_number(session.minutes, 0)
    );
    Ok(t)
}

fn parse_iso(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("printed by iso()")
}

fn next_session(active: &Active, s: Slot) -> NextSession {
    let w = &active.view.weeks[s.week];
    NextSession { date: iso(s.date), week: w.week, day: w.sessions[s.session].day }
}

#[allow(clippy::too_many_arguments)]
fn exercise_today(
    db: &Db,
    active: &Active,
    catalog: &Catalog,
    date: NaiveDate,
    deload_week: bool,
    pe: &ExerciseView,
    pain: &[PainEntry],
    unit: Unit,
) -> CliResult<ExerciseToday> {
    let p = Prescription {
        exercise: pe.id.clone(),
        sets: pe.sets,
        reps_min: pe.reps_min,
        reps_max: pe.reps_max,
        rpe: Some(pe.rpe),
        hold_s: pe.hold_s,
        load_kg: None,
    };
    let Some(ex) = catalog.get(&pe.id) else {
        // The plan names an exercise the catalog in use no longer has (a --catalog file changed).
        let why = Reason::new("W-GYM", format!("'{}' is not in the catalog in use: do it as planned", pe.id));
        return Ok(plain(pe, p, vec![why], unit));
    };
    let rows = db.call(db.store.sets_for(db.user.id, Some(&pe.id), None, date.pred_opt()))?;
    let history = sessions(&rows, |d| active.is_deload(d));
    let input = Input {
        prescription: &p,
        exercise: ex,
        catalog,
        level: active.profile.level,
        recovering: active.profile.recovering(),
        unit,
        steps: None,
        deload_week,
        history: &history,
        pain,
    };
    let mut d = decide(&input);
    let e1rm = latest_e1rm(&history);
    let same = d.next.exercise == pe.id;
    if same
        && ex.loading == Loading::Loaded
        && d.next.load_kg.is_none()
        && matches!(d.action, Action::HoldLoad | Action::AddReps { .. } | Action::Start { .. } | Action::Deload)
    {
        if let Some(e) = e1rm {
            let rpe = d.next.rpe.unwrap_or(pe.rpe);
            if let Some(kg) = prescribed_load(e, d.next.reps_max, rpe, &input.load_steps()) {
                d.next.load_kg = Some(kg);
                d.reasons.push(Reason::new(
                    "E-RTS",
                    format!(
                        "load from your estimated 1RM of {}: {} reps at RPE {}, rounded down to what you can load: {}",
                        unit.show(e),
                        d.next.reps_max,
                        trim_number(rpe, 1),
                        unit.show(kg)
                    ),
                ));
            }
        }
    }
    let target = catalog.get(&d.next.exercise).unwrap_or(ex);
    let shown_pyramid = if is_mcgill(target) {
        match (&pe.pyramid, same && d.next.reps_max == pe.reps_max && d.next.sets == pe.sets) {
            (Some(py), true) => Some(py.clone()),
            _ => Some(pyramid(d.next.reps_max, d.next.sets)),
        }
    } else {
        None
    };
    let log = log_hint(&d.next, target.dosing, target.loading, shown_pyramid.as_deref(), unit);
    let summary = d.action.describe(unit);
    let rules = d.rules().into_iter().map(String::from).collect();
    Ok(ExerciseToday {
        id: pe.id.clone(),
        name: pe.name.clone(),
        exercise: target.id.clone(),
        exercise_name: target.name.clone(),
        sets: d.next.sets,
        reps_min: d.next.reps_min,
        reps_max: d.next.reps_max,
        hold_s: d.next.hold_s,
        pyramid: shown_pyramid,
        rpe: d.next.rpe,
        rest_s: pe.rest_s,
        load_kg: d.next.load_kg,
        load: d.next.load_kg.map(|kg| round2(unit.from_kg(kg))),
        load_text: d.next.load_kg.map(|kg| unit.show(kg)),
        e1rm_kg: e1rm.map(round2),
        decision: DecisionOut { action: d.action, summary, rules, reasons: d.reasons },
        log,
    })
}

fn plain(pe: &ExerciseView, p: Prescription, reasons: Vec<Reason>, unit: Unit) -> ExerciseToday {
    let log = log_hint(&p, if p.hold_s.is_some() { Dosing::Hold } else { Dosing::Reps }, Loading::Bodyweight, pe.pyramid.as_deref(), unit);
    let rules = reasons.iter().map(|r| r.rule.clone()).collect();
    ExerciseToday {
        id: pe.id.clone(),
        name: pe.name.clone(),
        exercise: pe.id.clone(),
        exercise_name: pe.name.clone(),
        sets: p.sets,
        reps_min: p.reps_min,
        reps_max: p.reps_max,
        hold_s: p.hold_s,
        pyramid: pe.pyramid.clone(),
        rpe: p.rpe,
        rest_s: pe.rest_s,
        load_kg: None,
        load: None,
        load_text: None,
        e1rm_kg: None,
        decision: DecisionOut { action: Action::HoldLoad, summary: Action::HoldLoad.describe(unit), rules, reasons },
        log,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `upright log ID SETS` for the prescription done as written (the top of the range).
fn log_hint(p: &Prescription, dosing: Dosing, loading: Loading, pyr: Option<&[u32]>, unit: Unit) -> String {
    let entry = |reps: Option<u32>| SetEntry { reps, load_kg: p.load_kg, hold_s: p.hold_s, rpe: None };
    let sets: Vec<SetEntry> = match (pyr, dosing) {
        (Some(py), _) => py.iter().map(|r| entry(Some(*r))).collect(),
        (None, Dosing::Hold) if p.reps_max <= 1 => (0..p.sets).map(|_| SetEntry { reps: None, ..entry(None) }).collect(),
        (None, _) => (0..p.sets).map(|_| entry(Some(p.reps_max))).collect(),
    };
    let mut text = sets_notation::display_sets(&sets, unit);
    if loading == Loading::Loaded && p.load_kg.is_none() {
        // A test set: the person picks a light weight and says how hard it was (E-RTS).
        let one = SetEntry { reps: Some(p.reps_max), load_kg: None, hold_s: None, rpe: None };
        text = format!("{}@LOAD --rpe N", sets_notation::display_sets(&[one], unit));
    }
    format!("upright log {} {text}", p.exercise)
}

fn dose_text(e: &ExerciseToday) -> String {
    let reps = if e.reps_min == e.reps_max { e.reps_max.to_string() } else { format!("{}-{}", e.reps_min, e.reps_max) };
    let mut s = match (&e.pyramid, e.hold_s) {
        (Some(py), h) => format!("pyramid {} of {} s holds", py.iter().map(u32::to_string).collect::<Vec<_>>().join("-"), h.unwrap_or(10)),
        (None, Some(h)) if e.reps_max <= 1 => format!("{} x {h} s hold", e.sets),
        (None, Some(h)) => format!("{} x {reps} holds of {h} s", e.sets),
        (None, None) => format!("{} x {reps}", e.sets),
    };
    match &e.load_text {
        Some(l) => write!(s, " @ {l}").unwrap(),
        None if e.log.contains("@LOAD") => s.push_str(" @ a light test weight (RPE 6-7)"),
        None => {}
    }
    if let Some(r) = e.rpe {
        write!(s, ", RPE {}", trim_number(r, 1)).unwrap();
    }
    if e.rest_s > 0 {
        write!(s, ", rest {} s", e.rest_s).unwrap();
    }
    s
}

pub fn render_text(t: &Today) -> String {
    let date = parse_iso(&t.date);
    let mut out = String::new();
    if t.status != "session" {
        writeln!(out, "{}: {}", show_date(date), t.message).unwrap();
        return out;
    }
    writeln!(out, "{}: {}", show_date(date), t.message).unwrap();
    for e in &t.exercises {
        let who = if e.exercise == e.id {
            format!("{} ({})", e.exercise_name, e.exercise)
        } else {
            format!("{} ({}) in place of {} ({})", e.exercise_name, e.exercise, e.name, e.id)
        };
        writeln!(out, "\n  {who}: {}", dose_text(e)).unwrap();
        writeln!(out, "    coach: {} [{}]", e.decision.summary, e.decision.rules.join(", ")).unwrap();
        for r in &e.decision.reasons {
            writeln!(out, "      {}: {}", r.rule, r.text).unwrap();
        }
        writeln!(out, "    log:   {}", e.log).unwrap();
    }
    if let Some(n) = &t.next_session {
        writeln!(out, "\nNext session: {} (week {}, day {}).", show_date(parse_iso(&n.date)), n.week, n.day).unwrap();
    }
    out
}
