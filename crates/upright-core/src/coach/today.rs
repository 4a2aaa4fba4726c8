//! What to do today for one planned exercise: the progression engine's
//! decision turned into a concrete prescription in the person's unit.
//!
//! Loads: the engine's next load (its start, calibration from a test set
//! (E-RTS), 2-for-2 increases, reductions, deloads), on the plates,
//! dumbbells or stack steps of the exercise's implement in the unit in
//! force; when the engine has none but history gives an estimated 1RM, the
//! load for reps_max at the target RPE (E-RTS), rounded down. No history and
//! no load: a test set of about 5 reps at RPE 7.
//!
//! The answer says what to do in so many words: the reps to aim for on
//! every set, the last set "as many as you can" when 2-for-2 is in reach,
//! "each side" for one-sided work, dumbbells "each", a barbell's plates a
//! side, ramp sets with their loads, and a `log` command with `--rpe`
//! whenever there is an RPE target.

use super::loads::{
    load_words, plates_per_side, prescribed_load, round_e1rm, E1rmMethod, Implement, LoadSteps,
};
use super::neighbours::Filters;
use super::progression::{
    decide, is_mcgill, latest_e1rm_how, pyramid, Action, Input, PainEntry, Prescription, Reason,
    Session,
};
use super::sets_notation::{self, SetEntry};
use super::units::{trim_number, Unit};
use crate::catalog::{Catalog, Exercise};
use crate::plan::Prescription as Planned;
use crate::vocab::{Dosing, Level, Loading};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;

/// One exercise of today's session (the JSON shape of `today`).
#[derive(Debug, Clone, Serialize)]
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
    /// Reps to aim for on every set today (None: anywhere in the range).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_reps: Option<u32>,
    /// The last set as many as you can, aiming for this many (2-for-2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_set_aim: Option<u32>,
    /// Today is a test set for the working load (E-RTS).
    pub test: bool,
    /// Reps or holds are per side.
    pub each_side: bool,
    /// A carry: the timed holds are walks.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub walk: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pyramid: Option<Vec<u32>>,
    pub rpe: Option<f64>,
    pub rest_s: u32,
    /// What carries the load (barbell, dumbbell, ...), None for body weight and bands.
    pub implement: Option<Implement>,
    /// Kilograms; None for body weight, bands, or before a test set.
    pub load_kg: Option<f64>,
    /// The same in the person's unit.
    pub load: Option<f64>,
    pub load_text: Option<String>,
    /// The load as read on the implement: "8 kg each", "102.5 kg (bar + 41.25 kg a side: 25 + 15 + 1.25)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_words: Option<String>,
    /// A barbell's plates on each side, in the person's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plates_per_side: Option<Vec<f64>>,
    /// Ramp sets before the working sets, with their loads (E-WARMUP).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ramp: Vec<RampToday>,
    /// Latest estimated 1RM from history (E-1RM, E-RTS), kilograms, test
    /// sets and deloads left out.
    pub e1rm_kg: Option<f64>,
    /// The same rounded for reading (0.5 kg, 1 lb), in the person's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e1rm: Option<f64>,
    /// How the estimate was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e1rm_method: Option<E1rmMethod>,
    /// The plan's rule for when and how much to progress.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub load_rule: String,
    pub decision: DecisionOut,
    /// A command that logs the prescription as done.
    pub log: String,
    /// Form cues of the exercise done today, from the catalog (S-FORM).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
}

impl ExerciseToday {
    /// The ramp sets before the working sets with their loads: "50% x 5 (30 kg), 70% x 3 (42.5 kg)".
    pub fn ramp_words(&self) -> Option<String> {
        let ramp: Vec<String> = self
            .ramp
            .iter()
            .map(|r| match &r.load_text {
                Some(l) => format!("{}% x {} ({l})", r.percent, r.reps),
                None => format!("{}% x {}", r.percent, r.reps),
            })
            .collect();
        (!ramp.is_empty()).then(|| ramp.join(", "))
    }

    /// What to do, in so many words: "5 x 5, last set as many as you can, aim 7 @ 100 kg (bar + 40 kg a side: 25 + 15), RPE 8".
    /// Shared by the CLI and the web, so both say the same target.
    pub fn what_to_do(&self) -> String {
        let e = self;
        let side = crate::plan::document::side_words(e.each_side, e.pyramid.is_some());
        let range = if e.reps_min == e.reps_max {
            e.reps_max.to_string()
        } else {
            format!("{}-{}", e.reps_min, e.reps_max)
        };
        let mut s = match (&e.pyramid, e.hold_s) {
            (Some(py), h) => format!(
                "pyramid {} of {} s holds{side}",
                py.iter().map(u32::to_string).collect::<Vec<_>>().join("-"),
                h.unwrap_or(10)
            ),
            (None, Some(h)) if e.reps_max <= 1 => {
                format!(
                    "{} x {h} s {}{side}",
                    e.sets,
                    crate::plan::document::hold_word(e.walk)
                )
            }
            (None, Some(h)) => format!(
                "{} x {range} {}s of {h} s{side}",
                e.sets,
                crate::plan::document::hold_word(e.walk)
            ),
            (None, None) if e.test => format!(
                "test: {} x {}{side} with a weight you could lift about 3 more times",
                e.sets,
                e.target_reps.unwrap_or(5)
            ),
            (None, None) => match e.target_reps {
                Some(r) if r == e.reps_max && e.reps_min == e.reps_max => {
                    format!("{} x {r}{side}", e.sets)
                }
                Some(r) => format!("{} x {r}{side} (range {range})", e.sets),
                None => format!("{} x {range}{side}", e.sets),
            },
        };
        if let Some(aim) = e.last_set_aim {
            write!(s, ", last set as many as you can, aim {aim}").unwrap();
        }
        match (&e.load_words, &e.load_text) {
            (Some(w), _) => write!(s, " @ {w}").unwrap(),
            (None, Some(l)) => write!(s, " @ {l}").unwrap(),
            (None, None) if e.log.contains("@LOAD") && !e.test => {
                s.push_str(" @ a weight you pick (log how hard it felt as its RPE)")
            }
            _ => {}
        }
        if let Some(r) = e.rpe {
            write!(s, ", RPE {}", trim_number(r, 1)).unwrap();
        }
        if e.rest_s > 0 {
            write!(s, ", rest {} s", e.rest_s).unwrap();
        }
        s
    }
}

/// A ramp set: a share of the working weight for a few reps.
#[derive(Debug, Clone, Serialize)]
pub struct RampToday {
    pub percent: u32,
    pub reps: u32,
    pub load_kg: Option<f64>,
    pub load_text: Option<String>,
}

/// The engine's decision as shown.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionOut {
    pub action: Action,
    pub summary: String,
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// Everything needed to prescribe one planned exercise today.
#[derive(Debug, Clone, Copy)]
pub struct TodayInput<'a> {
    pub planned: &'a Planned,
    pub catalog: &'a Catalog,
    pub level: Level,
    pub recovering: bool,
    /// Minutes of the plan's sessions (the McGill pyramid grows only as far
    /// as they hold: `Input::pyramid_cap`).
    pub minutes: u16,
    pub unit: Unit,
    /// Today's session is in one of the plan's deload weeks.
    pub deload_week: bool,
    /// This exercise's sessions before today.
    pub history: &'a [Session],
    /// Pain entries up to today.
    pub pain: &'a [PainEntry],
    /// The planner's filters for this person (neighbours must pass them).
    pub filters: Option<&'a Filters>,
    /// The day prescribed.
    pub day: NaiveDate,
    /// The latest day before it with any workout.
    pub last_workout: Option<NaiveDate>,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The implement a load is read on, the one the person has where the
/// exercise takes either (filters carry the equipment); bands carry no load
/// to read.
fn implement_of(ex: &Exercise, filters: Option<&Filters>) -> Option<Implement> {
    let have = filters.map_or(&[][..], Filters::equipment);
    (ex.loading == Loading::Loaded)
        .then(|| Implement::for_exercise_given(ex, have))
        .flatten()
}

/// The standard load steps of that implement.
fn steps_of(ex: &Exercise, unit: Unit, filters: Option<&Filters>) -> Option<LoadSteps> {
    let have = filters.map_or(&[][..], Filters::equipment);
    LoadSteps::for_exercise_given(ex, unit, have)
}

/// Today's prescription for one planned exercise, with the coach's decision.
pub fn prescribe(t: &TodayInput) -> ExerciseToday {
    let pe = t.planned;
    let unit = t.unit;
    let p = Prescription {
        rpe: Some(pe.rpe),
        hold_s: pe.hold_s,
        ..Prescription::new(&pe.id, pe.sets, pe.reps_min, pe.reps_max)
    };
    let Some(ex) = t.catalog.get(&pe.id) else {
        // The plan names an exercise the catalog in use no longer has (a --catalog file changed).
        let why = Reason::new(
            "W-GYM",
            format!("'{}' is not in the catalog in use: do it as planned", pe.id),
        );
        return plain(pe, p, vec![why], unit);
    };
    let input = Input {
        prescription: &p,
        exercise: ex,
        catalog: t.catalog,
        level: t.level,
        recovering: t.recovering,
        daily_big3: crate::plan::slots::Kind::is_big3_words(&pe.slot),
        pyramid_cap: crate::plan::dosing::pyramid_tops(t.minutes)
            .1
            .max(pe.reps_max)
            .min(super::progression::MCGILL_MAX_TOP),
        unit,
        steps: steps_of(ex, unit, t.filters),
        deload_week: t.deload_week,
        history: t.history,
        pain: t.pain,
        filters: t.filters,
        day: Some(t.day),
        last_workout: t.last_workout,
    };
    let mut d = decide(&input);
    let e1rm = latest_e1rm_how(t.history);
    let same = d.next.exercise == pe.id;
    if same
        && ex.loading == Loading::Loaded
        && implement_of(ex, t.filters).is_some()
        && d.next.load_kg.is_none()
        && !d.next.test
        && matches!(
            d.action,
            Action::HoldLoad | Action::AddReps { .. } | Action::Start { .. } | Action::Deload
        )
    {
        if let Some((e, _)) = e1rm {
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
    let target = t.catalog.get(&d.next.exercise).unwrap_or(ex);
    // Every prescribed load is a weight of the unit in force (a load logged
    // in the other unit, or one the equipment's steps do not have, included),
    // except one the person has lifted on this exercise in this unit: a 5 kg
    // dumbbell they used is a dumbbell they have, whatever our grid assumes.
    if let (Some(kg), Some(steps)) = (d.next.load_kg, steps_of(target, unit, t.filters)) {
        let lifted = same && lifted_before(t.history, kg);
        if !lifted {
            d.next.load_kg = Some(steps.round_nearest(kg));
        }
    }
    let shown_pyramid = if is_mcgill(target) {
        match (
            &pe.pyramid,
            same && d.next.reps_max == pe.reps_max && d.next.sets == pe.sets,
        ) {
            (Some(py), true) => Some(py.clone()),
            _ => Some(pyramid(d.next.reps_max, d.next.sets)),
        }
    } else {
        None
    };
    let implement =
        implement_of(target, t.filters).filter(|_| !super::progression::is_banded(target));
    let unilateral = if same {
        pe.each_side || pe.unilateral
    } else {
        target.unilateral
    };
    let banded = super::progression::is_banded(target);
    let log_loading = if banded {
        Loading::Bodyweight
    } else {
        target.loading
    };
    let log = log_hint(
        &d.next,
        target.dosing,
        log_loading,
        shown_pyramid.as_deref(),
        unit,
    );
    let summary = d.action.describe(unit);
    let rules = d.rules().into_iter().map(String::from).collect();
    let ramp = match (&pe.ramp, same) {
        (Some(r), true) => r
            .iter()
            .map(|s| {
                let kg = d.next.load_kg.and_then(|w| {
                    let steps = steps_of(target, unit, t.filters)?;
                    Some(steps.round_nearest(w * f64::from(s.percent) / 100.0).min(w))
                });
                RampToday {
                    percent: s.percent,
                    reps: s.reps,
                    load_kg: kg,
                    load_text: kg.map(|k| unit.show(k)),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    ExerciseToday {
        id: pe.id.clone(),
        name: pe.name.clone(),
        exercise: target.id.clone(),
        exercise_name: target.name.clone(),
        sets: d.next.sets,
        reps_min: d.next.reps_min,
        reps_max: d.next.reps_max,
        target_reps: d.next.target_reps,
        last_set_aim: d.next.last_set_aim,
        test: d.next.test,
        each_side: unilateral,
        walk: target.walk,
        hold_s: d.next.hold_s,
        pyramid: shown_pyramid,
        rpe: d.next.rpe,
        rest_s: pe.rest_s,
        implement,
        load_kg: d.next.load_kg,
        load: d.next.load_kg.map(|kg| round2(unit.from_kg(kg))),
        load_text: d.next.load_kg.map(|kg| unit.show(kg)),
        load_words: d
            .next
            .load_kg
            .map(|kg| load_words(kg, implement, target.unilateral || target.one_weight, unit)),
        plates_per_side: d
            .next
            .load_kg
            .filter(|_| implement == Some(Implement::Barbell))
            .and_then(|kg| plates_per_side(kg, unit))
            .filter(|p| !p.is_empty()),
        ramp,
        e1rm_kg: e1rm.map(|(e, _)| round2(e)),
        e1rm: e1rm.map(|(e, _)| round_e1rm(e, unit)),
        e1rm_method: e1rm.map(|(_, how)| how),
        load_rule: if same {
            crate::plan::schedule::load_rule_in(&pe.load_rule, unit)
        } else {
            String::new()
        },
        decision: DecisionOut {
            action: d.action,
            summary,
            rules,
            reasons: d.reasons,
        },
        log,
        cues: target.cues.clone(),
    }
}

fn plain(pe: &Planned, p: Prescription, reasons: Vec<Reason>, unit: Unit) -> ExerciseToday {
    let log = log_hint(
        &p,
        if p.hold_s.is_some() {
            Dosing::Hold
        } else {
            Dosing::Reps
        },
        Loading::Bodyweight,
        pe.pyramid.as_deref(),
        unit,
    );
    let rules = reasons.iter().map(|r| r.rule.clone()).collect();
    ExerciseToday {
        id: pe.id.clone(),
        name: pe.name.clone(),
        exercise: pe.id.clone(),
        exercise_name: pe.name.clone(),
        sets: p.sets,
        reps_min: p.reps_min,
        reps_max: p.reps_max,
        target_reps: None,
        last_set_aim: None,
        test: false,
        each_side: pe.each_side,
        walk: pe.walk,
        hold_s: p.hold_s,
        pyramid: pe.pyramid.clone(),
        rpe: p.rpe,
        rest_s: pe.rest_s,
        implement: None,
        load_kg: None,
        load: None,
        load_text: None,
        load_words: None,
        plates_per_side: None,
        ramp: Vec::new(),
        e1rm_kg: None,
        e1rm: None,
        e1rm_method: None,
        load_rule: crate::plan::schedule::load_rule_in(&pe.load_rule, unit),
        decision: DecisionOut {
            action: Action::HoldLoad,
            summary: Action::HoldLoad.describe(unit),
            rules,
            reasons,
        },
        log,
        // Not in the catalog in use: the plan's own copy of its cues.
        cues: pe.cues.clone(),
    }
}

/// `upright log ID SETS [--rpe N]` for the prescription done as written:
/// the target reps (else the top of the range) on every set and the aim on
/// the last, the load, and the RPE target when there is one. A test set
/// leaves the load to the person (`@LOAD`) and asks for its RPE.
pub fn log_hint(
    p: &Prescription,
    dosing: Dosing,
    loading: Loading,
    pyr: Option<&[u32]>,
    unit: Unit,
) -> String {
    let entry = |reps: Option<u32>| SetEntry {
        reps,
        load_kg: p.load_kg,
        hold_s: p.hold_s,
        rpe: None,
    };
    let reps = p.target_reps.unwrap_or(p.reps_max);
    let mut sets: Vec<SetEntry> = match (pyr, dosing) {
        (Some(py), _) => py.iter().map(|r| entry(Some(*r))).collect(),
        (None, Dosing::Hold) if p.reps_max <= 1 => (0..p.sets)
            .map(|_| SetEntry {
                reps: None,
                ..entry(None)
            })
            .collect(),
        (None, _) => (0..p.sets).map(|_| entry(Some(reps))).collect(),
    };
    if let (Some(aim), Some(last)) = (p.last_set_aim, sets.last_mut()) {
        last.reps = Some(aim);
    }
    let rpe = p
        .rpe
        .map(|r| format!(" --rpe {}", trim_number(r, 1)))
        .unwrap_or_default();
    if loading == Loading::Loaded
        && p.load_kg.is_none()
        && (p.test || dosing == Dosing::Reps)
        && pyr.is_none()
    {
        // A test set, or a load still to find: the person picks it and says how hard it was (E-RTS).
        let one = SetEntry {
            reps: Some(reps),
            load_kg: None,
            hold_s: None,
            rpe: None,
        };
        let text = sets_notation::display_sets(&[one], unit);
        let n = if p.sets > 1 {
            format!("{}x", p.sets)
        } else {
            String::new()
        };
        let rpe = if rpe.is_empty() {
            " --rpe N".to_string()
        } else {
            rpe
        };
        return format!("upright log {} {n}{text}@LOAD{rpe}", p.exercise);
    }
    format!(
        "upright log {} {}{rpe}",
        p.exercise,
        sets_notation::display_sets(&sets, unit)
    )
}

/// Did the person log this very load on this exercise?
fn lifted_before(history: &[Session], kg: f64) -> bool {
    history
        .iter()
        .flat_map(|s| &s.sets)
        .filter_map(|e| e.load_kg)
        .any(|x| super::progression::same_weight(x, kg))
}
