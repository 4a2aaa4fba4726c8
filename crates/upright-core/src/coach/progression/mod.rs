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
//! 0. What is in force comes from what was done (`accumulate`): the hold
//!    time from the last hold, the McGill pyramid top from the last pyramid,
//!    a stretched rep ceiling from the last sessions at a load that cannot go
//!    up; the load from the last session. Each session is judged against the
//!    sets and RPE of the plan week it was done in.
//! 1. No usable history: **Start** (the prescribed load, or none and a test
//!    set of about 5 reps at RPE 7, a count the RTS chart covers).
//! 2. Pain that counts (E-PAIN-MONITOR) holds back the **next session,
//!    whatever it contains**: pain during above 5, or a next-morning score
//!    higher than the morning before (above 5 with no earlier morning),
//!    since the last workout. Loads drop 10% (morning) or 20% (during),
//!    rounded down to the step; bodyweight and hold exercises regress to
//!    their first allowed easier neighbour (or lose reps / hold time) for as
//!    long as it hurts: the regression is not stored, and once the pain is
//!    down (2 or less) the exercise comes back at what was done before the
//!    flare, without progressing. When recovering (S-RECOVERY), a painful
//!    loaded exercise is also regressed when it has an easier neighbour.
//! 3. After a break of [`BREAK_DAYS`] or more without any workout: re-entry
//!    at about 10% less load (20% after four weeks), upright's own rule.
//! 4. The plan's deload week: **Deload**, applied once (the plan's week
//!    already has fewer sets): about 90% of the load, rounded to the nearest
//!    loadable weight below it.
//! 5. Two misses in a row (at the same load for loaded work): reduce the
//!    load about 10% (E-PROGRESS); bodyweight and holds regress (or reduce).
//! 6. Performance falling two sessions running (e1RM for loaded work at a
//!    load that did not go down; reps or hold time per set otherwise):
//!    **Deload** earlier than planned (half the sets).
//! 7. Holds: pain 3-5 during (acceptable, no progression), a single miss,
//!    logged RPE above the target of its week + 0.5.
//! 8. Progression by kind:
//!    * loaded reps: double progression inside the rep range; the load goes
//!      up after NSCA's 2-for-2 (last set at least 2 reps beyond reps_max,
//!      two sessions in a row at this load; three when recovering), or at
//!      once when every set reached reps_max at an RPE 1.5 or more below
//!      target (twice when recovering). Step per E-PROGRESS, capped at 10%
//!      of the current load (S-FORM), halved when recovering (S-RECOVERY).
//!      When the next loadable weight is more than 10% away (light
//!      dumbbells), it is taken if it is within E-PROGRESS's absolute steps
//!      (1-2 kg small muscles, 2-5 kg large) and the reps drop to the bottom
//!      of the range; only beyond those is the rep range stretched instead
//!      (up to 20 reps). After any increase the reps start again at the
//!      bottom of the range. The first session of an exercise is a test: it
//!      calibrates the load by the RTS chart, up or down (E-RTS), and a first
//!      session of working sets moves it at most 10% up.
//!    * bands: reps up to the top, then a stronger band back at the bottom
//!      of the range; never a load in kg.
//!    * bodyweight reps: add a rep per set up to reps_max + 2; graduate to
//!      the first allowed harder neighbour once at least 3 sets (all sets if
//!      fewer are prescribed) reach reps_max in two sessions running (three
//!      when recovering).
//!    * holds: add 5 s once every set holds the time (twice when
//!      recovering) up to 60 s; at 60 s, graduate as for bodyweight.
//!    * McGill Big 3 (E-MCGILL-PYRAMID): holds stay at about 10 s; the
//!      descending pyramid (reps_max, reps_max-2, ..., at least 1) gains a
//!      rep at the top once it is completed, up to a top of 12; then graduate.
//!
//! Neighbours (harder or easier) must pass the planner's own filters for the
//! person ([`Filters`]): equipment, level, safety, exclusions, pull-up
//! ability. When none does, the exercise is kept and the decision says why.

mod accumulate;
mod analysis;
mod pain;
mod steps;
pub(crate) use steps::same_weight;
#[cfg(test)]
mod tests;

use super::loads::{best_e1rm, LoadSteps};
use super::neighbours::Filters;
use super::sets_notation::SetEntry;
use super::units::Unit;
use crate::catalog::{Catalog, Exercise};
use crate::vocab::{Dosing, Level, Loading};
use analysis::{Eval, Kind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub use analysis::is_banded;
pub use steps::{absolute_step_kg, is_large_muscle_work, progress_step_kg};

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
/// Days without any workout that make a break (upright's own rule: no source gives a figure).
pub const BREAK_DAYS: i64 = 10;
/// A break this long comes back lighter still (four weeks).
pub const LONG_BREAK_DAYS: i64 = 28;
/// Reps of the test set that calibrates a new loaded exercise (E-RTS covers 5 + 3 in reserve).
pub const TEST_REPS: u32 = 5;
/// A recovering back's test set is lighter: 8 reps at the same RPE (about
/// 71% of 1RM against 79% for 5, still inside the RTS chart; S-RECOVERY:
/// endurance before load).
pub const TEST_REPS_RECOVERING: u32 = 8;

/// The reps of a test set for this person.
pub fn test_reps(recovering: bool) -> u32 {
    if recovering {
        TEST_REPS_RECOVERING
    } else {
        TEST_REPS
    }
}
/// RPE of that test set: 3 reps in reserve, the lowest RPE whose reading is trusted (E-RPE).
pub const TEST_RPE: f64 = 7.0;

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
    /// Reps to aim for on every set today (None: anywhere in the range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_reps: Option<u32>,
    /// The last set as many as you can, aiming for this many (NSCA's 2-for-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_set_aim: Option<u32>,
    /// Today is a test: about 5 reps at RPE 7 at a weight the person picks (E-RTS).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub test: bool,
}

impl Prescription {
    /// A plain prescription with no target beyond the range.
    pub fn new(exercise: &str, sets: u32, reps_min: u32, reps_max: u32) -> Prescription {
        Prescription {
            exercise: exercise.to_string(),
            sets,
            reps_min,
            reps_max,
            rpe: None,
            hold_s: None,
            load_kg: None,
            target_reps: None,
            last_set_aim: None,
            test: false,
        }
    }

    /// The same prescription without today's targets (what carries to another day).
    fn plain(&self) -> Prescription {
        Prescription {
            target_reps: None,
            last_set_aim: None,
            test: false,
            ..self.clone()
        }
    }
}

/// What a session was asked to do: the plan's sets and RPE for the week it
/// was done in (a session is judged against those, not this week's).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SessionTarget {
    pub sets: u32,
    #[serde(default)]
    pub rpe: Option<f64>,
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
    /// The plan's target for the week it was done in; None: this week's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<SessionTarget>,
}

impl Session {
    pub fn new(date: NaiveDate, sets: Vec<SetEntry>) -> Session {
        Session {
            date,
            sets,
            rpe: None,
            deload: false,
            target: None,
        }
    }
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
    /// A first session read through the RTS chart: the working load (E-RTS).
    Calibrate {
        from_kg: f64,
        to_kg: f64,
    },
    /// Bands: a stronger band, back at the bottom of the range (never kg).
    StrongerBand,
    /// Bands: a lighter band.
    LighterBand,
    /// On to the harder neighbour.
    Graduate {
        to: String,
    },
    /// Back to the easier neighbour. `pain`: for this session, while it
    /// hurts (not stored as a plan change); otherwise until the next change.
    Regress {
        to: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pain: bool,
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
            Action::ReduceLoad { from_kg, to_kg } => format!(
                "reduce load: {} -> {}",
                unit.show(*from_kg),
                unit.show(*to_kg)
            ),
            Action::AddReps { from, to } => format!("add reps: {from} -> {to}"),
            Action::ReduceReps { from, to } => format!("fewer reps: {from} -> {to}"),
            Action::AddHold { from_s, to_s } => format!("hold longer: {from_s} s -> {to_s} s"),
            Action::ReduceHold { from_s, to_s } => format!("hold shorter: {from_s} s -> {to_s} s"),
            Action::Calibrate { from_kg, to_kg } => {
                format!(
                    "working load set from your first sets: {} -> {}",
                    unit.show(*from_kg),
                    unit.show(*to_kg)
                )
            }
            Action::StrongerBand => "a stronger band".into(),
            Action::LighterBand => "a lighter band".into(),
            Action::Graduate { to } => format!("move on to {to}"),
            Action::Regress { to, pain: true } => format!("step back to {to} while it hurts"),
            Action::Regress { to, .. } => format!("step back to {to}"),
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
        Reason {
            rule: rule.to_string(),
            text: text.into(),
        }
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
    /// One of the plan's daily Big 3 (E-MCGILL-BIG3): it moves on only to
    /// another of them (the knee side bridge to the full one), never away.
    pub daily_big3: bool,
    /// The largest McGill pyramid top the plan's sessions have room for
    /// (`plan::dosing::pyramid_tops` of the session's minutes): the pyramid
    /// grows to it, not past what the person's minutes hold.
    pub pyramid_cap: u32,
    pub unit: Unit,
    /// The person's own load steps; None: the standard ones of the exercise's implement.
    pub steps: Option<LoadSteps>,
    /// The plan marks the coming week as a deload.
    pub deload_week: bool,
    /// This exercise's sessions, any order.
    pub history: &'a [Session],
    /// Pain entries (for this exercise or the back in general), any order.
    pub pain: &'a [PainEntry],
    /// The planner's filters for this person: a neighbour must pass them.
    /// None: any neighbour the catalog holds.
    pub filters: Option<&'a Filters>,
    /// The day being prescribed. None: the day after the latest session.
    pub day: Option<NaiveDate>,
    /// The latest day before `day` with any workout (any exercise): pain
    /// since then holds the session back, and a long gap is a break. None:
    /// this exercise's latest session.
    pub last_workout: Option<NaiveDate>,
}

impl Input<'_> {
    /// The load steps in force: the person's, the implement's, or (for a loaded
    /// exercise with no known implement) fine steps of 0.5 kg / 1 lb.
    pub fn load_steps(&self) -> LoadSteps {
        self.steps
            .or_else(|| LoadSteps::for_exercise(self.exercise, self.unit))
            .unwrap_or(match self.unit {
                Unit::Kg => LoadSteps {
                    unit: Unit::Kg,
                    min: 0.5,
                    step: 0.5,
                },
                Unit::Lb => LoadSteps {
                    unit: Unit::Lb,
                    min: 1.0,
                    step: 1.0,
                },
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
    ex.rules
        .iter()
        .any(|r| r == "E-MCGILL-BIG3" || r == "E-MCGILL-PYRAMID")
        || matches!(ex.id.as_str(), "curl-up" | "side-plank" | "bird-dog")
}

pub use crate::plan::dosing::pyramid;

/// The best estimated 1RM of the most recent session that yields one (set RPE,
/// else the session RPE, E-RTS; formulas without RPE, E-1RM). For `upright today`.
pub fn latest_e1rm(history: &[Session]) -> Option<f64> {
    let mut sorted: Vec<&Session> = history.iter().collect();
    sorted.sort_by_key(|s| s.date);
    sorted
        .iter()
        .rev()
        .find_map(|s| best_e1rm(&with_session_rpe(s)))
}

/// [`latest_e1rm`] with the method that gave it (shown with the number).
pub fn latest_e1rm_how(history: &[Session]) -> Option<(f64, super::loads::E1rmMethod)> {
    let mut sorted: Vec<&Session> = history.iter().filter(|s| !s.deload).collect();
    sorted.sort_by_key(|s| s.date);
    sorted
        .iter()
        .rev()
        .find_map(|s| super::loads::best_e1rm_how(&with_session_rpe(s)))
}

fn with_session_rpe(s: &Session) -> Vec<SetEntry> {
    s.sets
        .iter()
        .map(|e| SetEntry {
            rpe: e.rpe.or(s.rpe),
            ..*e
        })
        .collect()
}

/// A load for an exercise without history.
///
/// Our call: no cross-exercise guesses (a deadlift e1RM says little about a
/// reverse fly, and EVIDENCE.md has no ratios). The load is the prescribed
/// one if there is one, else one from an e1RM the person knows for this very
/// exercise, at reps_max and one RPE below target (E-RTS), rounded down.
/// Otherwise None: the person logs a light test set with its RPE, and the
/// engine calibrates from it (E-RTS). Always None for bodyweight work.
pub fn first_load(
    exercise: &Exercise,
    p: &Prescription,
    known_e1rm_kg: Option<f64>,
    steps: &LoadSteps,
) -> Option<f64> {
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
    let effective = accumulate::effective(input, kind);
    let input = &Input {
        prescription: &effective,
        ..*input
    };
    let evals = analysis::evaluate(input, kind);
    let since = input.last_workout.or(evals.last().map(|e| e.date));
    let now = since
        .map(|since| pain::assess(input.pain, since, input.day, &input.exercise.id))
        .unwrap_or_default();
    let Some(latest) = evals.last() else {
        return start(input, kind, &now);
    };
    // Pain since this exercise was last done: a flare already answered by a
    // held-back session still keeps it from progressing.
    let since_done = pain::assess(input.pain, latest.date, input.day, &input.exercise.id);
    let training: Vec<&Eval> = evals.iter().filter(|e| !e.deload).collect();
    let current_load = training
        .last()
        .and_then(|e| e.load)
        .or(input.prescription.load_kg);
    if now.severe() {
        return pain::respond(input, kind, &now, current_load);
    }
    if since_done.severe() && now.hurts() {
        // Still hurting after the session it held back: stay with the easier version.
        return pain::respond(input, kind, &since_done.still(now), current_load);
    }
    let mut d = if input.deload_week {
        planned_deload(input, kind, current_load)
    } else if training.is_empty() {
        let mut next = input.prescription.plain();
        next.load_kg = current_load;
        let why = Reason::new(
            "E-PROGRESS",
            "only deload sessions so far: repeat the prescription",
        );
        Decision {
            action: Action::HoldLoad,
            next,
            reasons: vec![why],
        }
    } else {
        let pain = pain::Blocking {
            now,
            after_flare: since_done.severe().then_some(since_done),
        };
        match kind {
            Kind::Loaded => analysis::loaded(input, &evals, &training, &pain),
            Kind::Band => analysis::band(input, &evals, &training, &pain),
            Kind::BodyweightReps => analysis::bodyweight(input, &evals, &training, &pain),
            Kind::Hold => analysis::hold(input, &evals, &training, &pain),
            Kind::McGill => analysis::mcgill(input, &evals, &training, &pain),
        }
    };
    if let Some(back) = reentry(input, kind, latest, &d) {
        return back;
    }
    if input.recovering
        && matches!(
            d.action,
            Action::IncreaseLoad { .. }
                | Action::AddReps { .. }
                | Action::AddHold { .. }
                | Action::Graduate { .. }
                | Action::StrongerBand
        )
    {
        d.reasons.push(Reason::new(
            "S-RECOVERY",
            "recovering: slower progression (half the load step, one more session of evidence)",
        ));
    }
    d
}

fn start(input: &Input, kind: Kind, pain: &pain::PainCheck) -> Decision {
    let p = input.prescription;
    let mut next = p.plain();
    let mut reasons = Vec::new();
    let held = pain.severe();
    let action = if kind == Kind::Loaded {
        let load = first_load(input.exercise, p, None, &input.load_steps());
        next.load_kg = load;
        match load {
            Some(kg) => reasons.push(Reason::new("E-PROGRESS", format!("no history yet: start at the prescribed {}; progression follows what you log", input.show(kg)))),
            None if held => reasons.push(Reason::new(
                "E-RTS",
                "no history yet, but no test while your back hurts: pick a light weight (RPE 5-6) and log it with its RPE; the test comes once the pain has settled",
            )),
            None => {
                next.test = true;
                let reps = test_reps(input.recovering);
                next.target_reps = Some(reps);
                next.rpe = Some(TEST_RPE);
                reasons.push(Reason::new(
                    "E-RTS",
                    format!(
                        "no history yet: today is a test. Warm up, then do your {} set{} of {reps} reps with a weight you could lift about 3 more times (RPE 7), and log it with that RPE; the working load is computed from it (RTS chart){}",
                        p.sets,
                        if p.sets == 1 { "" } else { "s" },
                        if input.recovering {
                            format!("; {TEST_REPS_RECOVERING} reps, not {TEST_REPS}, while your back recovers (S-RECOVERY)")
                        } else {
                            String::new()
                        }
                    ),
                ));
            }
        }
        Action::Start { load_kg: load }
    } else {
        reasons
            .push(Reason::new("E-PROGRESS", "no history yet: do the prescription and log what you actually did; progression follows it"));
        Action::Start { load_kg: None }
    };
    if held {
        reasons.extend(pain.reasons());
        let cap = 6.0;
        next.rpe = Some(next.rpe.map_or(cap, |r| r.min(cap)));
        reasons.push(Reason::new(
            "E-PAIN-MONITOR",
            "held back for the pain: an easy first session, RPE 6 at most",
        ));
    }
    if kind == Kind::McGill {
        mcgill_hold_cap(&mut next, &mut reasons);
    }
    Decision {
        action,
        next,
        reasons,
    }
}

/// Coming back after a break: about 10% less than the load the session
/// would otherwise get (20% after four weeks), and no progression for any
/// kind. Upright's own rule: the evidence gives no figure for detraining
/// over days or weeks. None when there was no break (or a deload already
/// makes the session lighter).
fn reentry(input: &Input, kind: Kind, latest: &Eval, d: &Decision) -> Option<Decision> {
    let (day, last) = (input.day?, input.last_workout?);
    let gap = (day - last).num_days();
    if gap < BREAK_DAYS || matches!(d.action, Action::Deload) {
        return None;
    }
    let share = if gap >= LONG_BREAK_DAYS { 0.20 } else { 0.10 };
    let mut reasons = vec![Reason::new(
        "S-FORM",
        format!(
            "{gap} days since your last workout: a break. upright's own rule (no study gives a figure): come back about {}% lighter, no progression this session, and build up again",
            (share * 100.0) as u32
        ),
    )];
    // What the session would have been, minus any progression.
    let mut next = match &d.action {
        Action::Graduate { .. } | Action::Regress { .. } => input.prescription.plain(),
        _ => d.next.clone(),
    };
    next.last_set_aim = None;
    let base = match d.action {
        Action::IncreaseLoad { from_kg, .. } => Some(from_kg),
        _ => next.load_kg,
    };
    if kind == Kind::Loaded && !next.test {
        if let Some(w) = base {
            let to = steps::reduce(w, share, &input.load_steps()).unwrap_or(w);
            next.load_kg = Some(to);
            next.target_reps = Some(input.prescription.reps_max);
            reasons.push(Reason::new(
                "E-PROGRESS",
                format!(
                    "{} -> {}, rounded down to what can be loaded",
                    input.show(w),
                    input.show(to)
                ),
            ));
            return Some(Decision {
                action: Action::ReduceLoad {
                    from_kg: w,
                    to_kg: to,
                },
                next,
                reasons,
            });
        }
        return None; // a test or no load yet: nothing to take off
    }
    match kind {
        Kind::Hold => {
            let h = input.prescription.hold_s.unwrap_or(DEFAULT_HOLD_S);
            let to = h.saturating_sub(HOLD_STEP_S).max(HOLD_STEP_S * 2).min(h);
            next.hold_s = Some(to);
            reasons.push(Reason::new(
                "E-PROGRESS",
                format!("hold {to} s, not {h} s, this first session back"),
            ));
            if to < h {
                return Some(Decision {
                    action: Action::ReduceHold {
                        from_s: h,
                        to_s: to,
                    },
                    next,
                    reasons,
                });
            }
        }
        Kind::McGill => {
            next.reps_max = input.prescription.reps_max;
            next.reps_min = input.prescription.reps_min;
            mcgill_hold_cap(&mut next, &mut reasons);
        }
        _ => {
            next.target_reps = Some(latest.low.clamp(next.reps_min, next.reps_max));
            reasons.push(Reason::new(
                "E-PROGRESS",
                "no progression this first session back: repeat what you did last time",
            ));
        }
    }
    Some(Decision {
        action: Action::HoldLoad,
        next,
        reasons,
    })
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

/// Half the sets (rounded up) and, for loaded work, about 90% of the load:
/// a deload the engine calls for (performance falling).
fn deload(input: &Input, kind: Kind, current_load: Option<f64>, why: Reason) -> Decision {
    let mut d = deload_at(
        input,
        kind,
        current_load,
        why,
        input.prescription.sets.div_ceil(2).max(1),
    );
    if kind != Kind::Loaded {
        d.reasons.push(Reason::new(
            "E-PROGRESS",
            format!(
                "deload: {} sets instead of {}",
                d.next.sets, input.prescription.sets
            ),
        ));
    }
    d
}

/// The plan's deload week, applied once: its sets are already about half,
/// so only the load comes down (about 90%, the nearest loadable weight below).
fn planned_deload(input: &Input, kind: Kind, current_load: Option<f64>) -> Decision {
    let why = Reason::new(
        "E-MESOCYCLE",
        format!(
            "the plan makes this a deload week: its {} set{} are already about half, at an easier RPE; the load comes down about 10%, then back to progression",
            input.prescription.sets,
            if input.prescription.sets == 1 { "" } else { "s" }
        ),
    );
    deload_at(input, kind, current_load, why, input.prescription.sets)
}

fn deload_at(
    input: &Input,
    kind: Kind,
    current_load: Option<f64>,
    why: Reason,
    sets: u32,
) -> Decision {
    let mut next = input.prescription.plain();
    next.sets = sets;
    let mut reasons = vec![why];
    if kind == Kind::Loaded {
        if let Some(w) = current_load {
            let steps = input.load_steps();
            let nearest = steps.round_nearest(w * 0.9);
            let to = if nearest < w && !steps::same_weight(nearest, w) {
                nearest
            } else {
                steps.next_down(w).unwrap_or(w)
            };
            next.load_kg = Some(to);
            next.target_reps = Some(input.prescription.reps_min);
            reasons.push(Reason::new(
                "E-PROGRESS",
                format!(
                    "deload: {} sets at {} (from {})",
                    next.sets,
                    input.show(to),
                    input.show(w)
                ),
            ));
        }
    }
    if kind == Kind::McGill {
        mcgill_hold_cap(&mut next, &mut reasons);
    }
    Decision {
        action: Action::Deload,
        next,
        reasons,
    }
}

/// Where an exercise sits in the catalog's graph, for moving along it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Harder,
    Easier,
}

/// The first neighbour in that direction that the catalog holds and the
/// planner's filters allow; Err with what was refused (empty: none at all).
pub(super) fn neighbour<'c>(
    input: &Input<'c>,
    dir: Direction,
) -> Result<&'c Exercise, Vec<super::neighbours::Refusal>> {
    let ids = match dir {
        Direction::Harder => &input.exercise.progressions,
        Direction::Easier => &input.exercise.regressions,
    };
    let mut refused = Vec::new();
    for to in ids.iter().filter_map(|id| input.catalog.get(id)) {
        match input
            .filters
            .map_or(Ok(()), |f| f.check(input.exercise, to))
        {
            Ok(()) => return Ok(to),
            Err(r) => refused.push(r),
        }
    }
    Err(refused)
}

/// Why there is no neighbour to move to, for the reasons (None: the catalog has none).
fn refused_words(refused: &[super::neighbours::Refusal], dir: Direction) -> Option<Reason> {
    let first = refused.first()?;
    let list: Vec<String> = refused
        .iter()
        .map(|r| format!("{} ({}: {})", r.id, r.rule, r.reason))
        .collect();
    let which = if dir == Direction::Harder {
        "harder"
    } else {
        "easier"
    };
    Some(Reason::new(
        first.rule,
        format!(
            "the {which} versions are not for you: {}; keep this exercise",
            list.join("; ")
        ),
    ))
}

/// The prescription carried over to a neighbour (a graduation or a regression).
///
/// Harder rep exercises start at half the reps (a 3-5 negative becomes a 1-3
/// pull-up; 8-12 becomes 4-8); easier ones keep the range, except a loaded
/// lift stepping back to a bodyweight one, which gets 8-12. Holds graduate at
/// half the time (at least 10 s) and regress at the same time. McGill
/// exercises get 10 s holds and a pyramid from 5 unless coming from one.
/// Loads are dropped: a new exercise starts from a test set.
pub fn carry_dose(p: &Prescription, from: &Exercise, to: &Exercise, harder: bool) -> Prescription {
    let dir = if harder {
        Direction::Harder
    } else {
        Direction::Easier
    };
    let mut n = p.plain();
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

/// The carried dose for today: a loaded neighbour starts with a test set
/// (its load is not known yet, E-RTS).
fn carry_over(input: &Input, to: &Exercise, dir: Direction) -> Prescription {
    let mut n = carry_dose(
        input.prescription,
        input.exercise,
        to,
        dir == Direction::Harder,
    );
    if to.loading == Loading::Loaded && !is_banded(to) && to.dosing == Dosing::Reps {
        n.test = true;
        n.target_reps = Some(test_reps(input.recovering));
        n.rpe = Some(TEST_RPE);
    }
    n
}

/// Step back: the first allowed easier neighbour, if any. The step is
/// explained under `rule`; `pain`: for this session only, while it hurts.
/// Err carries the reasons, with why no neighbour would do when one was refused.
fn regress(
    input: &Input,
    rule: &str,
    why: Vec<Reason>,
    pain: bool,
) -> Result<Decision, Vec<Reason>> {
    let mut reasons = why;
    let to = match neighbour(input, Direction::Easier) {
        Ok(to) => to,
        Err(refused) => {
            reasons.extend(refused_words(&refused, Direction::Easier));
            return Err(reasons);
        }
    };
    let text = if pain {
        format!(
            "step back to {} ({}) while it hurts; back to {} once the pain has settled",
            to.name, to.id, input.exercise.name
        )
    } else {
        format!("step back to {} ({}) and build up again", to.name, to.id)
    };
    reasons.push(Reason::new(rule, text));
    let mut next = carry_over(input, to, Direction::Easier);
    if pain && next.test {
        // No test set while it hurts (as for a first session held back): a light weight instead.
        next.test = false;
        next.target_reps = None;
        next.rpe = Some(input.prescription.rpe.map_or(6.0, |r| r.min(6.0)));
        reasons.push(Reason::new(
            "E-RTS",
            "no test while your back hurts: pick a light weight (RPE 5-6) and log it with its RPE",
        ));
    }
    Ok(Decision {
        action: Action::Regress {
            to: to.id.clone(),
            pain,
        },
        next,
        reasons,
    })
}

/// Move on: the first allowed harder neighbour, if any. Pull-up
/// progressions cite T-PULLUP. Err: why not (a refusal, or nothing harder).
fn graduate(input: &Input, why: Reason) -> Result<Decision, Option<Reason>> {
    let to = match neighbour(input, Direction::Harder) {
        Ok(to) => to,
        Err(refused) => return Err(refused_words(&refused, Direction::Harder)),
    };
    let next = carry_over(input, to, Direction::Harder);
    let start = match next.hold_s {
        Some(h) if to.dosing == Dosing::Hold && !is_mcgill(to) => {
            format!("{} x {} s", next.sets, h)
        }
        _ => format!("{} x {}-{}", next.sets, next.reps_min, next.reps_max),
    };
    let rule = if to.id.contains("pull-up") || input.exercise.id.contains("pull-up") {
        "T-PULLUP"
    } else {
        why.rule.as_str()
    };
    let step = Reason::new(
        rule,
        format!("move on to {} ({}), starting at {start}", to.name, to.id),
    );
    Ok(Decision {
        action: Action::Graduate { to: to.id.clone() },
        next,
        reasons: vec![why, step],
    })
}
