//! The plan as printed: the JSON contract of DESIGN.md section 4 (fields may be
//! added, never removed or renamed). Text and markdown render from this too.

use crate::profile::Profile;
use crate::screen::Referral;
use crate::vocab::{Grade, Location, Mechanic, Muscle};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanDocument {
    /// "plan" or "refer".
    pub status: &'static str,
    pub referral: Option<Referral>,
    pub profile: Profile,
    pub weeks: Vec<Week>,
    /// Week 1: sets per muscle, a primary muscle counting 1 and a secondary 0.5.
    pub weekly_sets: BTreeMap<Muscle, f64>,
    /// The weekly range the optimiser aimed for, per muscle.
    pub targets: BTreeMap<Muscle, [f64; 2]>,
    pub optimizer: Option<OptimizerReport>,
    pub rules_applied: Vec<&'static str>,
    pub notes: Vec<String>,
    /// What was left out and why (exclusions, equipment, safety, level), for --explain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
}

/// An exercise the plan could not or would not use, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    pub id: String,
    pub name: String,
    pub rule: &'static str,
    pub reason: String,
}

/// One step of a session's general warm-up (E-WARMUP).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarmupStep {
    pub name: String,
    pub detail: String,
    pub minutes: f64,
}

/// A ramp set before a heavy lift: a share of the working weight for a few reps (E-WARMUP).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RampSet {
    pub percent: u32,
    pub reps: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    pub week: u8,
    pub deload: bool,
    /// "technique", "build" or "deload".
    pub phase: &'static str,
    /// Training block (1-based): a block builds for several weeks and ends in a deload (E-MESOCYCLE).
    pub block: u8,
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub day: u8,
    pub location: Location,
    /// The week's one heavy back day (F-ONEDAY).
    pub heavy: bool,
    /// Estimated minutes, warm-up included (E-SETTIME).
    pub minutes: f64,
    /// The general warm-up before the first exercise.
    pub warmup: Vec<WarmupStep>,
    pub exercises: Vec<Prescription>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prescription {
    pub id: String,
    pub name: String,
    pub sets: u32,
    /// For a hold: the number of holds per set.
    pub reps_min: u32,
    pub reps_max: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<u32>,
    /// McGill's descending pyramid: holds in each set (E-MCGILL-PYRAMID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pyramid: Option<Vec<u32>>,
    pub rpe: f64,
    pub rest_s: u32,
    pub mechanic: Mechanic,
    pub spinal_load: Grade,
    pub primary: Vec<Muscle>,
    pub secondary: Vec<Muscle>,
    pub unilateral: bool,
    /// Reps or holds are per side, and the time is for both sides.
    pub each_side: bool,
    /// Ramp sets before the working sets, as shares of the working weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ramp: Option<Vec<RampSet>>,
    /// When and how much to progress (E-PROGRESS).
    pub load_rule: String,
    /// The movement slot it fills, in plain words.
    pub slot: String,
    /// Exercises of the same slot it was preferred to, best first.
    pub beat: Vec<String>,
    /// Set in the week it first appears: new, or what it graduates from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// Rule and evidence IDs behind the choice of exercise, its sets, reps and RPE.
    pub rules: Vec<&'static str>,
    /// The same in words, for --explain.
    pub why: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptimizerReport {
    /// "optimal": proven, with no MIP gap.
    pub status: &'static str,
    pub objective: f64,
    /// Wall time of the solve (0 with --reproducible, the one non-deterministic field).
    pub millis: f64,
    pub nodes: u64,
    pub candidates: usize,
    pub variables: usize,
    pub constraints: usize,
    /// Hard rules the model enforced.
    pub enforced: Vec<&'static str>,
}

impl PlanDocument {
    /// The referral document: no weeks, no targets, no optimiser run.
    pub fn referral(profile: Profile, referral: Referral) -> PlanDocument {
        let mut rules_applied = referral.rules.clone();
        rules_applied.push("S-RISK");
        PlanDocument {
            status: "refer",
            referral: Some(referral),
            profile,
            weeks: Vec::new(),
            weekly_sets: BTreeMap::new(),
            targets: BTreeMap::new(),
            optimizer: None,
            rules_applied,
            notes: vec!["No training plan: safety comes first (S-ACUTE, S-REDFLAG).".into()],
            left_out: Vec::new(),
        }
    }

    pub fn is_referral(&self) -> bool {
        self.status == "refer"
    }

    /// Zeroes the one field that depends on the machine, for byte-identical output.
    pub fn make_reproducible(&mut self) {
        if let Some(o) = &mut self.optimizer {
            o.millis = 0.0;
        }
    }
}
