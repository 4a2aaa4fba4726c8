//! The plan as printed: the JSON contract of DESIGN.md section 4 (fields may be
//! added, never removed or renamed). Text and markdown render from this too.
//!
//! The same struct is read back (a saved plan, an edit): `Deserialize` is the
//! inverse of `Serialize`, so a stored plan round-trips byte for byte. The
//! `&'static str` fields (rule IDs, status words) are read through
//! [`de::word`]: rulebook IDs map onto `rules::RULES`, other words onto an
//! interned copy made once per distinct word.

use crate::profile::Profile;
use crate::screen::Referral;
use crate::vocab::{Grade, Location, Mechanic, Muscle};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A word of the document held as `&'static str` (a rule ID, a status). An
/// alias so that serde's derive does not try to borrow it from the input.
pub type Word = &'static str;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDocument {
    /// "plan" or "refer".
    #[serde(deserialize_with = "de::word")]
    pub status: Word,
    #[serde(deserialize_with = "de::referral")]
    pub referral: Option<Referral>,
    #[serde(deserialize_with = "de::profile")]
    pub profile: Profile,
    pub weeks: Vec<Week>,
    /// Week 1: sets per muscle, a primary muscle counting 1 and a secondary 0.5.
    pub weekly_sets: BTreeMap<Muscle, f64>,
    /// The weekly range the optimiser aimed for, per muscle.
    pub targets: BTreeMap<Muscle, [f64; 2]>,
    pub optimizer: Option<OptimizerReport>,
    #[serde(deserialize_with = "de::words")]
    pub rules_applied: Vec<&'static str>,
    pub notes: Vec<String>,
    /// What was left out and why (exclusions, equipment, safety, level), for --explain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
}

/// An exercise the plan could not or would not use, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeftOut {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "de::word")]
    pub rule: Word,
    pub reason: String,
}

/// One step of a session's general warm-up (E-WARMUP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarmupStep {
    pub name: String,
    pub detail: String,
    pub minutes: f64,
}

/// A ramp set before a heavy lift: a share of the working weight for a few reps (E-WARMUP).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RampSet {
    pub percent: u32,
    pub reps: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Week {
    pub week: u8,
    pub deload: bool,
    /// "technique", "build" or "deload".
    #[serde(deserialize_with = "de::word")]
    pub phase: Word,
    /// Training block (1-based): a block builds for several weeks and ends in a deload (E-MESOCYCLE).
    #[serde(default)]
    pub block: u8,
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub day: u8,
    pub location: Location,
    /// The week's one heavy back day (F-ONEDAY).
    pub heavy: bool,
    /// Estimated minutes, warm-up included (E-SETTIME).
    pub minutes: f64,
    /// The general warm-up before the first exercise.
    #[serde(default)]
    pub warmup: Vec<WarmupStep>,
    pub exercises: Vec<Prescription>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prescription {
    pub id: String,
    pub name: String,
    pub sets: u32,
    /// For a hold: the number of holds per set.
    pub reps_min: u32,
    pub reps_max: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<u32>,
    /// McGill's descending pyramid: holds in each set (E-MCGILL-PYRAMID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pyramid: Option<Vec<u32>>,
    pub rpe: f64,
    pub rest_s: u32,
    pub mechanic: Mechanic,
    pub spinal_load: Grade,
    pub primary: Vec<Muscle>,
    pub secondary: Vec<Muscle>,
    pub unilateral: bool,
    /// Reps or holds are per side, and the time is for both sides.
    #[serde(default)]
    pub each_side: bool,
    /// A carry: the timed holds are walks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub walk: bool,
    /// Ramp sets before the working sets, as shares of the working weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp: Option<Vec<RampSet>>,
    /// When and how much to progress (E-PROGRESS).
    #[serde(default)]
    pub load_rule: String,
    /// The movement slot it fills, in plain words.
    #[serde(default)]
    pub slot: String,
    /// Exercises of the same slot it was preferred to, best first.
    #[serde(default)]
    pub beat: Vec<String>,
    /// Set in the week it first appears: new, or what it graduates from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// Rule and evidence IDs behind the choice of exercise, its sets, reps and RPE.
    #[serde(deserialize_with = "de::words")]
    pub rules: Vec<&'static str>,
    /// The same in words, for --explain.
    pub why: Vec<String>,
    /// The exercise's form cues from the catalog (S-FORM), for the text and
    /// markdown plans; absent when the catalog has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
}

/// " each side" for work done per side; a McGill pyramid done each side is
/// done with the sides in turn (its rests are the other side's holds, as
/// the session's minutes count them: `dosing::pyramid_seconds`).
pub fn side_words(each_side: bool, pyramid: bool) -> &'static str {
    match (each_side, pyramid) {
        (true, true) => " each side, sides in turn",
        (true, false) => " each side",
        (false, _) => "",
    }
}

/// A timed hold stands still; a carry's is a walk.
pub fn hold_word(walk: bool) -> &'static str {
    if walk {
        "walk"
    } else {
        "hold"
    }
}

impl Session {
    /// The warm-up in words: "light activity 5 min, cat-camel 1 min".
    pub fn warmup_words(&self) -> String {
        self.warmup
            .iter()
            .map(|x| format!("{} {:.0} min", x.name.to_lowercase(), x.minutes.max(1.0)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Prescription {
    /// [`side_words`] of this prescription.
    pub fn side_words(&self) -> &'static str {
        side_words(self.each_side || self.unilateral, self.pyramid.is_some())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptimizerReport {
    /// "optimal": proven, with no MIP gap.
    #[serde(deserialize_with = "de::word")]
    pub status: Word,
    pub objective: f64,
    /// Wall time of the solve (0 with --reproducible, the one non-deterministic field).
    pub millis: f64,
    pub nodes: u64,
    pub candidates: usize,
    pub variables: usize,
    pub constraints: usize,
    /// Hard rules the model enforced.
    #[serde(deserialize_with = "de::words")]
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

/// Reading the document back (see the module docs).
pub mod de {
    use crate::profile::{Profile, ProfileInput};
    use crate::screen::{Referral, Urgency};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer};
    use std::collections::BTreeSet;
    use std::sync::{Mutex, OnceLock};

    /// Distinct non-rulebook words kept (status words, phases): a bound, so a
    /// hostile document cannot grow the table without end.
    const MAX_INTERNED: usize = 4096;

    /// `s` as a `&'static str`: the rulebook's own ID, else an interned copy.
    pub fn intern(s: &str) -> Option<&'static str> {
        if let Some(r) = crate::rules::RULES.iter().find(|r| r.id == s) {
            return Some(r.id);
        }
        static WORDS: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
        let mut set = WORDS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(w) = set.get(s) {
            return Some(w);
        }
        if set.len() >= MAX_INTERNED || s.len() > 64 {
            return None;
        }
        let w: &'static str = Box::leak(s.to_owned().into_boxed_str());
        set.insert(w);
        Some(w)
    }

    pub fn word<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        let s = String::deserialize(d)?;
        intern(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "unexpected word '{}'",
                s.chars().take(64).collect::<String>()
            ))
        })
    }

    pub fn words<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
        let v = Vec::<String>::deserialize(d)?;
        v.iter()
            .map(|s| {
                intern(s).ok_or_else(|| {
                    D::Error::custom(format!(
                        "unexpected word '{}'",
                        s.chars().take(64).collect::<String>()
                    ))
                })
            })
            .collect()
    }

    /// The profile as printed is a profile input (DESIGN.md: any printed
    /// profile can be fed back in); validated again on the way in.
    pub fn profile<'de, D: Deserializer<'de>>(d: D) -> Result<Profile, D::Error> {
        let input = ProfileInput::deserialize(d)?;
        input
            .into_profile()
            .map_err(|e| D::Error::custom(format!("profile: {e}")))
    }

    #[derive(Deserialize)]
    struct ReferralDoc {
        urgency: String,
        reason: String,
        rules: Vec<String>,
    }

    pub fn referral<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Referral>, D::Error> {
        let Some(r) = Option::<ReferralDoc>::deserialize(d)? else {
            return Ok(None);
        };
        let urgency = [Urgency::SeeAClinician, Urgency::Urgent, Urgency::Emergency]
            .into_iter()
            .find(|u| u.as_str() == r.urgency)
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "unknown urgency '{}'",
                    r.urgency.chars().take(64).collect::<String>()
                ))
            })?;
        let rules = r
            .rules
            .iter()
            .map(|s| intern(s).ok_or_else(|| D::Error::custom("unexpected rule")))
            .collect::<Result<_, _>>()?;
        Ok(Some(Referral {
            urgency,
            reason: r.reason,
            rules,
        }))
    }
}
