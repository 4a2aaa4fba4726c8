//! The progression engine: from what was actually done (not what was
//! planned) to the next prescription for one exercise, with the rule IDs
//! that decided it.
//!
//! Pure: the history, pain entries and the plan's deload flag come in; a
//! [`Decision`] comes out. Everything is in kg; `unit` only picks the load
//! steps (E-PROGRESS gives them in kg and lb) and the wording of reasons.
//!
//! # Order of the rules (the first that applies decides)
//!
//! 1. No usable history: **Start** (the prescribed load, or none and a test set).
//! 2. Pain after the latest session (E-PAIN-MONITOR): during above 5, or the
//!    next morning higher than before, never progresses: the load drops
//!    10% (next morning worse) or 20% (during above 5), rounded down to the
//!    step; bodyweight and hold exercises regress to their first easier
//!    neighbour (or lose reps / hold time when there is none). When
//!    recovering (S-RECOVERY), a painful loaded exercise is also regressed
//!    when it has an easier neighbour.
//! 3. The plan's deload week: **Deload** (half the sets, about 90% load).
//! 4. Two misses in a row (at the same load for loaded work): reduce the
//!    load about 10% (E-PROGRESS); bodyweight and holds regress (or reduce).
//! 5. Performance falling two sessions running (e1RM for loaded work at a
//!    load that did not go down; reps or hold time per set otherwise):
//!    **Deload** earlier than planned.
//! 6. Holds: pain 3-5 during (acceptable, no progression), a single miss,
//!    logged RPE above target + 0.5.
//! 7. Progression by kind:
//!    * loaded reps: double progression inside the rep range; the load goes
//!      up after NSCA's 2-for-2 (last set at least 2 reps beyond reps_max,
//!      two sessions in a row at this load; three when recovering), or at
//!      once when every set reached reps_max at an RPE 1.5 or more below
//!      target (twice when recovering). Step per E-PROGRESS, capped at 10%
//!      of the current load (S-FORM), halved when recovering (S-RECOVERY).
//!      When the next loadable weight is more than 10% away the rep range is
//!      extended instead (up to 20 reps). A single session logged with an
//!      RPE calibrates the load by the RTS chart (a light test set, E-RTS).
//!    * bodyweight reps: add a rep per set up to reps_max + 2; graduate to
//!      the first harder neighbour once at least 3 sets (all sets if fewer
//!      are prescribed) reach reps_max in two sessions running (three when
//!      recovering).
//!    * holds: add 5 s once every set holds the time (twice when
//!      recovering) up to 60 s; at 60 s, graduate as for bodyweight.
//!    * McGill Big 3 (E-MCGILL-PYRAMID): holds stay at about 10 s; the
//!      descending pyramid (reps_max, reps_max-2, ..., at least 1) gains a
//!      rep at the top once it is completed, up to a top of 12; then graduate.

mod analysis;
mod pain;
mod steps;
#[cfg(test)]
mod tests;

use super::loads::{best_e1rm, LoadSteps};
use super::sets_notation::SetEntry;
use super::units::Unit;
use crate::catalog::{Catalog, Exercise};
use crate::vocab::{Dosing, Level, Loading};
use analysis::{Eval, Kind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub use steps::{is_large_muscle_work, progress_step_kg};

/// Most reps per set a loaded rep range is stretched to when the next load is too far (E-ACSM-ENDURE).
pub const REP_EXTENSION_CAP: u32 = 20;
/// Reps beyond reps_max a bodyweight exercise may climb while waiting to graduate.
pub const BODYWEIGHT_MARGIN: u32 = 2;
/// Longest hold before a hold exercise graduates.
pub const MAX_HOLD_S: u32 = 60;
/// Hold time added at a time.
pub const HOLD_STEP_S: u32 = 5;
/// McGill holds (E-MCGILL-PYRAMID: about 10 s, not longer).
pub const MCGILL_HOLD_S: u32 = 10;
/// Top of a McGill pyramid before it graduates (our ceiling; McGill gives none).
pub const MCGILL_MAX_TOP: u32 = 12;
/// Reps at the top of a McGill pyramid when starting one (5-3-1).
pub const MCGILL_START_TOP: u32 = 5;
/// Hold time when starting a hold exercise without one.
pub const DEFAULT_HOLD_S: u32 = 20;

/// What to do for one exercise: sets, a rep range (for holds, the number of
/// holds per set), a target RPE, a hold time, and a load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prescription {
    /// Catalog ID.
    pub exercise: String,
    pub sets: u32,
    pub reps_min: u32,
    pub reps_max: u32,
    #[serde(default)]
    pub rpe: Option<f64>,
    #[serde(default)]
    pub hold_s: Option<u32>,
    #[serde(default)]
    pub load_kg: Option<f64>,
}

/// One logged session of this exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub date: NaiveDate,
    /// The sets actually done (working sets; lighter sets more than 10% below
    /// the heaviest are read as warm-ups).
    pub sets: Vec<SetEntry>,
    /// Session RPE, used for sets without their own.
    #[serde(default)]
    pub rpe: Option<f64>,
    /// Done in a deload week: not evidence for progression.
    #[serde(default)]
    pub deload: bool,
}

/// When pain was felt: during the session, or the morning after it. One
/// spelling everywhere (flags, JSON, the store): `during`, `next-morning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PainWhen {
    During,
    #[serde(alias = "next_morning")]
    NextMorning,
}

impl PainWhen {
    pub const WORDS: &'static [&'static str] = &["during", "next-morning"];

    pub fn as_str(self) -> &'static str {
        match self {
            PainWhen::During => "during",
            PainWhen::NextMorning => "next-morning",
        }
    }
}

impl fmt::Display for PainWhen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `when` outside during / next_morning.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not accepted; accepted: during, next-morning")]
pub struct PainWhenError(pub String);

impl FromStr for PainWhen {
    type Err = PainWhenError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "during" => Ok(PainWhen::During),
            "next_morning" | "morning" => Ok(PainWhen::NextMorning),
            _ => Err(PainWhenError(crate::text::echo(s))),
        }
    }
}

/// A pain score (0-10, E-PAIN-MONITOR).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PainEntry {
    pub date: NaiveDate,
    pub score: u8,
    pub when: PainWhen,
    /// The next-morning score before the session; when None, the latest
    /// next-morning entry dated on or before the session day is used.
    #[serde(default)]
    pub baseline: Option<u8>,
    /// The exercise it is about; None for the back in general.
    #[serde(default)]
    pub exercise: Option<String>,
}

/// What the engine decided. `HoldLoad` means: repeat the prescription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Action {
    /// No history: this load (None: do a light test set first, or bodyweight).
    Start {
        load_kg: Option<f64>,
    },
    IncreaseLoad {
        from_kg: f64,
        to_kg: f64,
    },
    HoldLoad,
    ReduceLoad {
        from_kg: f64,
        to_kg: f64,
    },
    /// The per-set rep goal (or, for McGill pyramids and rep-range
    /// extensions, the prescribed top) goes from `from` to `to`.
    AddReps {
        from: u32,
        to: u32,
    },
    ReduceReps {
        from: u32,
        to: u32,
    },
    AddHold {
        from_s: u32,
        to_s: u32,
    },
    ReduceHold {
        from_s: u32,
        to_s: u32,
    },
    /// On to the harder neighbour.
    Graduate {
        to: String,
    },
    /// Back to the easier neighbour.
    Regress {
        to: String,
    },
    Deload,
}

impl Action {
    /// One line for a person, loads in their unit.
    pub fn describe(&self, unit: Unit) -> String {
        match self {
            Action::Start { load_kg: Some(kg) } => format!("start at {}", unit.show(*kg)),
            Action::Start { load_kg: None } => "start: log what you do".into(),
            Action::IncreaseLoad { from_kg, to_kg } => {
                format!("add load: {} -> {}", unit.show(*from_kg), unit.show(*to_kg))
            }
            Action::HoldLoad => "repeat".into(),
            Action::ReduceLoad { from_kg, to_kg } => format!("reduce load: {} -> {}", unit.show(*from_kg), unit.show(*to_kg)),
            Action::AddReps { from, to } => format!("add reps: {from} -> {to}"),
            Action::ReduceReps { from, to } => format!("fewer reps: {from} -> {to}"),
            Action::AddHold { from_s, to_s } => format!("hold longer: {from_s} s -> {to_s} s"),
            Action::ReduceHold { from_s, to_s } => format!("hold shorter: {from_s} s -> {to_s} s"),
            Action::Graduate { to } => format!("move on to {to}"),
            Action::Regress { to } => format!("step back to {to}"),
            Action::Deload => "deload".into(),
        }
    }
}

/// Why: a rulebook or evidence ID and what it meant here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub rule: String,
    pub text: String,
}

impl Reason {
    pub fn new(rule: &str, text: impl Into<String>) -> Reason {
        Reason { rule: rule.to_string(), text: text.into() }
    }
}

/// The engine's answer: the action, the prescription for next time, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub action: Action,
    pub next: Prescription,
    pub reasons: Vec<Reason>,
}

impl Decision {
    /// The distinct rule IDs cited, in order of first citation.
    pub fn rules(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.reasons {
            if !out.contains(&r.rule.as_str()) {
                out.push(&r.rule);
            }
        }
        out
    }

    pub fn cites(&self, rule: &str) -> bool {
        self.reasons.iter().any(|r| r.rule == rule)
    }
}

/// Everything the engine looks at for one exercise.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub prescription: &'a Prescription,
    pub exercise: &'a Exercise,
    /// For neighbours (graduation and regression).
    pub catalog: &'a Catalog,
    pub level: Level,
    /// Recovering from an earlier injury (S-RECOVERY).
    pub recovering: bool,
    pub unit: Unit,
    /// The person's own load steps; None: the standard ones of the exercise's implement.
    pub steps: Option<LoadSteps>,
    /// The plan marks the coming week as a deload.
    pub deload_week: bool,
    /// This exercise's sessions, any order.
    pub history: &'a [Session],
    /// Pain entries (for this exercise or the back in general), any order.
    pub pain: &'a [PainEntry],
}

impl Input<'_> {
    /// The load steps in force: the person's, the implement's, or (for a loaded
    /// exercise with no known implement) fine steps of 0.5 kg / 1 lb.
    pub fn load_steps(&self) -> LoadSteps {
        self.steps.or_else(|| LoadSteps::for_exercise(self.exercise, self.unit)).unwrap_or(match self.unit {
            Unit::Kg => LoadSteps { unit: Unit::Kg, min: 0.5, step: 0.5 },
            Unit::Lb => LoadSteps { unit: Unit::Lb, min: 1.0, step: 1.0 },
        })
    }

    fn sessions_needed(&self, normal: usize) -> usize {
        if self.recovering {
            normal + 1
        } else {
            normal
        }
    }

    fn show(&self, kg: f64) -> String {
        self.unit.show(kg)
    }
}

/// True for the McGill Big 3 (E-MCGILL-BIG3): tagged so in the catalog, or
/// one of curl-up, side-plank, bird-dog.
pub fn is_mcgill(ex: &Exercise) -> bool {
    ex.rules.iter().any(|r| r == "E-MCGILL-BIG3" || r == "E-MCGILL-PYRAMID")
        || matches!(ex.id.as_str(), "curl-up" | "side-plank" | "bird-dog")
}

/// The reps of a descending McGill pyramid: top, top-2, ... (at least 1 each).
pub fn pyramid(top: u32, sets: u32) -> Vec<u32> {
    (0..sets).map(|i| top.saturating_sub(2 * i).max(1)).collect()
}

/// The best estimated 1RM of the most recent session that yields one (set RPE,
/// else the session RPE, E-RTS; formulas without RPE, E-1RM). For `upright today`.
pub fn latest_e1rm(history: &[Session]) -> Option<f64> {
    let mut sorted: Vec<&Session> = history.iter().collect();
    sorted.sort_by_key(|s| s.date);
    sorted.iter().rev().find_map(|s| best_e1rm(&with_session_rpe(s)))
}

fn with_session_rpe(s: &Session) -> Vec<SetEntry> {
    s.sets.iter().map(|e| SetEntry { rpe: e.rpe.or(s.rpe), ..*e }).collect()
}

/// A load for an exercise without history.
///
/// Our call: no cross-exercise guesses (a deadlift e1RM says little about a
/// reverse fly, and EVIDENCE.md has no ratios). The load is the prescribed
/// one if there is one, else one from an e1RM the person knows for this very
/// exercise, at reps_max and one RPE below target (E-RTS), rounded down.
/// Otherwise None: the person logs a light test set with its RPE, and the
/// engine calibrates from it (E-RTS). Always None for bodyweight work.
pub fn first_load(exercise: &Exercise, p: &Prescription, known_e1rm_kg: Option<f64>, steps: &LoadSteps) -> Option<f64> {
    if exercise.loading != Loading::Loaded {
        return None;
    }
    if let Some(kg) = p.load_kg {
        return steps.round_down_to_step(kg);
    }
    let rpe = (p.rpe.unwrap_or(8.0) - 1.0).max(5.0);
    super::loads::prescribed_load(known_e1rm_kg?, p.reps_max, rpe, steps)
}

/// The next prescription and why, for one exercise. See the module docs for the order of rules.
pub fn decide(input: &Input) -> Decision {
    let kind = Kind::of(input.exercise);
    let evals = analysis::evaluate(input, kind);
    let Some(latest) = evals.last() else {
        return start(input, kind);
    };
    let pain = pain::assess(input.pain, latest.date, &input.exercise.id);
    let training: Vec<&Eval> = evals.iter().filter(|e| !e.deload).collect();
    let current_load = training.last().and_then(|e| e.load).or(input.prescription.load_kg);
    if pain.severe() {
        return pain::respond(input, kind, &pain, current_load);
    }
    if input.deload_week {
        let why = Reason::new(
            "E-PROGRESS",
            "the plan makes this a deload week: half the sets at about 90% of the load, then back to progression",
        );
        return deload(input, kind, current_load, why);
    }
    if training.is_empty() {
        let mut next = input.prescription.clone();
        next.load_kg = current_load;
        let why = Reason::new("E-PROGRESS", "only deload sessions so far: repeat the prescription");
        return Decision { action: Action::HoldLoad, next, reasons: vec![why] };
    }
    let mut d = match kind {
        Kind::Loaded => analysis::loaded(input, &evals, &training, &pain),
        Kind::BodyweightReps => analysis::bodyweight(input, &evals, &training, &pain),
        Kind::Hold => analysis::hold(input, &evals, &training, &pain),
        Kind::McGill => analysis::mcgill(input, &evals, &training, &pain),
    };
    if input.recovering
        && matches!(d.action, Action::IncreaseLoad { .. } | Action::AddReps { .. } | Action::AddHold { .. } | Action::Graduate { .. })
    {
        d.reasons.push(Reason::new("S-RECOVERY", "recovering: slower progression (half the load step, one more session of evidence)"));
    }
    d
}

fn start(input: &Input, kind: Kind) -> Decision {
    let p = input.prescription;
    let mut next = p.clone();
    let mut reasons = Vec::new();
    let action = if kind == Kind::Loaded {
        let load = first_load(input.exercise, p, None, &input.load_steps());
        next.load_kg = load;
        match load {
            Some(kg) => reasons.push(Reason::new("E-PROGRESS", format!("no history yet: start at the prescribed {}; progression follows what you log", input.show(kg)))),
            None => reasons.push(Reason::new(
                "E-RTS",
                format!(
                    "no history yet: do one light test set of {} reps at a weight that feels easy (RPE 6-7) and log it with its RPE; the next load is computed from it",
                    p.reps_max
                ),
            )),
        }
        Action::Start { load_kg: load }
    } else {
        reasons
            .push(Reason::new("E-PROGRESS", "no history yet: do the prescription and log what you actually did; progression follows it"));
        Action::Start { load_kg: None }
    };
    if kind == Kind::McGill {
        mcgill_hold_cap(&mut next, &mut reasons);
    }
    Decision { action, next, reasons }
}

/// McGill holds stay at about 10 s (E-MCGILL-PYRAMID).
fn mcgill_hold_cap(next: &mut Prescription, reasons: &mut Vec<Reason>) {
    match next.hold_s {
        Some(h) if h > MCGILL_HOLD_S => {
            reasons.push(Reason::new(
                "E-MCGILL-PYRAMID",
                format!("Big 3 holds stay at about {MCGILL_HOLD_S} s, not {h} s: endurance comes from more reps"),
            ));
            next.hold_s = Some(MCGILL_HOLD_S);
        }
        None => next.hold_s = Some(MCGILL_HOLD_S),
        _ => {}
    }
}

/// Half the sets (rounded up) and, for loaded work, about 90% of the load rounded down.
fn deload(input: &Input, kind: Kind, current_load: Option<f64>, why: Reason) -> Decision {
    let mut next = input.prescription.clone();
    next.sets = next.sets.div_ceil(2).max(1);
    let mut reasons = vec![why];
    if kind == Kind::Loaded {
        if let Some(w) = current_load {
            let steps = input.load_steps();
            let to = steps.round_down_to_step(w * 0.9).filter(|to| *to < w).unwrap_or(w);
            next.load_kg = Some(to);
            reasons.push(Reason::new("E-PROGRESS", format!("deload: {} sets at {} (from {})", next.sets, input.show(to), input.show(w))));
        }
    } else {
        reasons.push(Reason::new("E-PROGRESS", format!("deload: {} sets instead of {}", next.sets, input.prescription.sets)));
    }
    if kind == Kind::McGill {
        mcgill_hold_cap(&mut next, &mut reasons);
    }
    Decision { action: Action::Deload, next, reasons }
}

/// Where an exercise sits in the catalog's graph, for moving along it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Harder,
    Easier,
}

/// The first neighbour in that direction that the catalog holds.
fn neighbour<'c>(input: &Input<'c>, dir: Direction) -> Option<&'c Exercise> {
    let ids = match dir {
        Direction::Harder => &input.exercise.progressions,
        Direction::Easier => &input.exercise.regressions,
    };
    ids.iter().find_map(|id| input.catalog.get(id))
}

/// The prescription carried over to a neighbour.
///
/// Harder rep exercises start at half the reps (a 3-5 negative becomes a 1-3
/// pull-up; 8-12 becomes 4-8); easier ones keep the range, except a loaded
/// lift stepping back to a bodyweight one, which gets 8-12. Holds graduate at
/// half the time (at least 10 s) and regress at the same time. McGill
/// exercises get 10 s holds and a pyramid from 5 unless coming from one.
/// Loads are dropped: a new exercise starts from a test set.
fn carry_over(input: &Input, to: &Exercise, dir: Direction) -> Prescription {
    let p = input.prescription;
    let from = input.exercise;
    let mut n = p.clone();
    n.exercise = to.id.clone();
    n.load_kg = None;
    let from_hold = from.dosing == Dosing::Hold;
    if is_mcgill(to) {
        n.hold_s = Some(MCGILL_HOLD_S);
        if !is_mcgill(from) {
            n.reps_min = MCGILL_START_TOP;
            n.reps_max = MCGILL_START_TOP;
        }
    } else if to.dosing == Dosing::Hold {
        let h = p.hold_s.unwrap_or(DEFAULT_HOLD_S);
        n.hold_s = Some(match (from_hold, dir) {
            (true, Direction::Harder) => (h / 2).max(10),
            (true, Direction::Easier) => h,
            (false, _) => DEFAULT_HOLD_S,
        });
        n.reps_min = 1;
        n.reps_max = 1;
    } else {
        n.hold_s = None;
        if from_hold || is_mcgill(from) {
            n.reps_min = 5;
            n.reps_max = 8;
        } else if dir == Direction::Harder {
            let lo = (p.reps_min / 2).max(1);
            n.reps_min = lo;
            n.reps_max = (lo + 2).max(p.reps_min);
        } else if from.loading == Loading::Loaded && to.loading == Loading::Bodyweight {
            // A heavy lift's 3-5 makes little sense for its bodyweight stand-in (E-ACSM-LEVELS: 8-12).
            n.reps_min = 8;
            n.reps_max = 12;
        }
    }
    n
}

/// Step back: the first easier neighbour, if any. The step is explained under `rule`.
fn regress(input: &Input, rule: &str, why: Vec<Reason>) -> Option<Decision> {
    let to = neighbour(input, Direction::Easier)?;
    let mut reasons = why;
    reasons.push(Reason::new(rule, format!("step back to {} ({}) and build up again", to.name, to.id)));
    Some(Decision { action: Action::Regress { to: to.id.clone() }, next: carry_over(input, to, Direction::Easier), reasons })
}

/// Move on: the first harder neighbour, if any. Pull-up progressions cite T-PULLUP.
fn graduate(input: &Input, why: Reason) -> Option<Decision> {
    let to = neighbour(input, Direction::Harder)?;
    let next = carry_over(input, to, Direction::Harder);
    let start = match next.hold_s {
        Some(h) if to.dosing == Dosing::Hold && !is_mcgill(to) => {
            format!("{} x {} s", next.sets, h)
        }
        _ => format!("{} x {}-{}", next.sets, next.reps_min, next.reps_max),
    };
    let rule = if to.id.contains("pull-up") || input.exercise.id.contains("pull-up") { "T-PULLUP" } else { why.rule.as_str() };
    let step = Reason::new(rule, format!("move on to {} ({}), starting at {start}", to.name, to.id));
    Some(Decision { action: Action::Graduate { to: to.id.clone() }, next, reasons: vec![why, step] })
}
