//! What to do today for one planned exercise: the progression engine's
//! decision turned into a concrete prescription in the person's unit.
//!
//! Loads: the engine's next load (its start, calibration from an RPE test set
//! (E-RTS), 2-for-2 increases, reductions, deloads), rounded to the plates,
//! dumbbells or stack steps of the exercise's implement; when the engine has
//! none but history gives an estimated 1RM, the load for reps_max at the
//! target RPE (E-RTS), rounded down. No history and no load: a light test set.

use super::loads::prescribed_load;
use super::progression::{
    decide, is_mcgill, latest_e1rm, pyramid, Action, Input, PainEntry, Prescription, Reason,
    Session,
};
use super::sets_notation::{self, SetEntry};
use super::units::{trim_number, Unit};
use crate::catalog::Catalog;
use crate::plan::Prescription as Planned;
use crate::vocab::{Dosing, Level, Loading};
use serde::Serialize;

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
    /// Form cues of the exercise done today, from the catalog (S-FORM).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
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
    pub unit: Unit,
    /// Today falls in one of the plan's deload weeks.
    pub deload_week: bool,
    /// This exercise's sessions before today.
    pub history: &'a [Session],
    /// Pain entries up to today.
    pub pain: &'a [PainEntry],
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Today's prescription for one planned exercise, with the coach's decision.
pub fn prescribe(t: &TodayInput) -> ExerciseToday {
    let pe = t.planned;
    let unit = t.unit;
    let p = Prescription {
        exercise: pe.id.clone(),
        sets: pe.sets,
        reps_min: pe.reps_min,
        reps_max: pe.reps_max,
        rpe: Some(pe.rpe),
        hold_s: pe.hold_s,
        load_kg: None,
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
        unit,
        steps: None,
        deload_week: t.deload_week,
        history: t.history,
        pain: t.pain,
    };
    let mut d = decide(&input);
    let e1rm = latest_e1rm(t.history);
    let same = d.next.exercise == pe.id;
    if same
        && ex.loading == Loading::Loaded
        && d.next.load_kg.is_none()
        && matches!(
            d.action,
            Action::HoldLoad | Action::AddReps { .. } | Action::Start { .. } | Action::Deload
        )
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
    let target = t.catalog.get(&d.next.exercise).unwrap_or(ex);
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
    let log = log_hint(
        &d.next,
        target.dosing,
        target.loading,
        shown_pyramid.as_deref(),
        unit,
    );
    let summary = d.action.describe(unit);
    let rules = d.rules().into_iter().map(String::from).collect();
    ExerciseToday {
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
        hold_s: p.hold_s,
        pyramid: pe.pyramid.clone(),
        rpe: p.rpe,
        rest_s: pe.rest_s,
        load_kg: None,
        load: None,
        load_text: None,
        e1rm_kg: None,
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

/// `upright log ID SETS` for the prescription done as written (the top of the range).
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
    let sets: Vec<SetEntry> = match (pyr, dosing) {
        (Some(py), _) => py.iter().map(|r| entry(Some(*r))).collect(),
        (None, Dosing::Hold) if p.reps_max <= 1 => (0..p.sets)
            .map(|_| SetEntry {
                reps: None,
                ..entry(None)
            })
            .collect(),
        (None, _) => (0..p.sets).map(|_| entry(Some(p.reps_max))).collect(),
    };
    let mut text = sets_notation::display_sets(&sets, unit);
    if loading == Loading::Loaded && p.load_kg.is_none() {
        // A test set: the person picks a light weight and says how hard it was (E-RTS).
        let one = SetEntry {
            reps: Some(p.reps_max),
            load_kg: None,
            hold_s: None,
            rpe: None,
        };
        text = format!("{}@LOAD --rpe N", sets_notation::display_sets(&[one], unit));
    }
    format!("upright log {} {text}", p.exercise)
}
