//! What one exercise is, as the catalog data file describes it.

use crate::vocab::{
    Dosing, Equipment, Goal, Grade, Level, Loading, Mechanic, Muscle, Pattern, Rank,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One piece of equipment, or a set of pieces any one of which will do
/// (`["dumbbells", "kettlebell"]`: either stands in for the other).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum EquipmentNeed {
    One(Equipment),
    AnyOf(Vec<Equipment>),
}

/// Hand-written so that a bad word is named ("unknown equipment 'sofa'; accepted: ...")
/// instead of serde's "did not match any variant of untagged enum".
impl<'de> Deserialize<'de> for EquipmentNeed {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            AnyOf(Vec<String>),
        }
        let parse = |w: &str| w.parse::<Equipment>().map_err(serde::de::Error::custom);
        match Raw::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom(format!(
                "expected an equipment word or an array of alternatives; accepted: {}",
                Equipment::WORDS.join(", ")
            ))
        })? {
            Raw::One(w) => parse(&w).map(EquipmentNeed::One),
            Raw::AnyOf(ws) => ws
                .iter()
                .map(|w| parse(w))
                .collect::<Result<_, _>>()
                .map(EquipmentNeed::AnyOf),
        }
    }
}

impl EquipmentNeed {
    /// The alternatives, one or more.
    pub fn options(&self) -> &[Equipment] {
        match self {
            EquipmentNeed::One(e) => std::slice::from_ref(e),
            EquipmentNeed::AnyOf(v) => v,
        }
    }
    /// True when the person has at least one of the alternatives.
    pub fn met_by(&self, have: &[Equipment]) -> bool {
        self.options().iter().any(|e| have.contains(e))
    }
}

/// An exercise of the catalog. Field meanings are documented in `data/catalog.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable kebab-case ID (DESIGN.md lists the ones that must exist).
    pub id: String,
    pub name: String,
    pub primary: Vec<Muscle>,
    #[serde(default)]
    pub secondary: Vec<Muscle>,
    pub mechanic: Mechanic,
    pub pattern: Pattern,
    /// Every entry is needed; an entry with several pieces needs any one of them.
    #[serde(default)]
    pub equipment: Vec<EquipmentNeed>,
    /// The lowest level for which it is a sensible choice.
    pub level: Level,
    /// The highest level it suits, when it is a first step a trained lifter
    /// has outgrown (a wall plank, a stick drill); none: every level from `level` up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_level: Option<Level>,
    /// How much skill it takes to do safely (S-FORM, T-BEGINNER).
    pub technique: Grade,
    /// How much it loads the spine (S-RECOVERY never gets `high`).
    pub spinal_load: Grade,
    pub loading: Loading,
    pub dosing: Dosing,
    /// How a coach ranks it per goal; a goal left out is "niche" (see data/catalog.toml).
    #[serde(
        default = "default_quality",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub quality: BTreeMap<Goal, Rank>,
    /// Easier neighbours, nearest first.
    #[serde(default)]
    pub regressions: Vec<String>,
    /// Harder neighbours, nearest first.
    #[serde(default)]
    pub progressions: Vec<String>,
    /// Done one side at a time (sets count per side; time doubles).
    #[serde(default)]
    pub unilateral: bool,
    /// Loaded with one weight held or hung (a goblet squat, a belt for a
    /// weighted pull-up), not a pair: its load is "a 16 kg dumbbell", not "each".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub one_weight: bool,
    /// A carry: its timed holds are walks ("2 x 20 s walk"), not standing still.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub walk: bool,
    /// One or two sentences on how to do it, in our own words.
    #[serde(default)]
    pub cue: String,
    /// 2-4 setup and execution cues (S-FORM). Built-in ones come from `data/cues.toml`;
    /// a user catalog may give them inline, which wins over the built-in file.
    #[serde(default)]
    pub cues: Vec<String>,
    /// 1-3 common faults to watch for, the most spine-loading one first for heavy lifts.
    #[serde(default)]
    pub faults: Vec<String>,
    /// Rule or evidence IDs that argue for this exercise (e.g. P-ISO, E-MCGILL-BIG3).
    #[serde(default)]
    pub rules: Vec<String>,
}

/// A user's exercise without a `quality` table is an accessory for every goal.
pub(crate) fn default_quality() -> BTreeMap<Goal, Rank> {
    Goal::ALL.iter().map(|g| (*g, Rank::Accessory)).collect()
}

impl Exercise {
    /// The coach's rank of this exercise for one goal.
    pub fn rank(&self, g: Goal) -> Rank {
        self.quality.get(&g).copied().unwrap_or(Rank::Niche)
    }

    /// Can this person do it with what they have (W-GYM)?
    pub fn available_with(&self, have: &[Equipment]) -> bool {
        self.equipment.iter().all(|need| need.met_by(have))
    }

    /// Does it need something only a gym has? (Then a session holding it is a gym session.)
    pub fn needs_gym(&self, have: &[Equipment]) -> bool {
        self.equipment.iter().any(|need| {
            need.options()
                .iter()
                .filter(|e| have.contains(e))
                .all(|e| e.is_gym_only())
        })
    }

    /// Share of one set that counts toward a muscle: 1 primary, 0.5 secondary.
    pub fn stimulus(&self, m: Muscle) -> f64 {
        if self.primary.contains(&m) {
            1.0
        } else if self.secondary.contains(&m) {
            0.5
        } else {
            0.0
        }
    }

    pub fn works(&self, m: Muscle) -> bool {
        self.stimulus(m) > 0.0
    }

    /// A heavy compound in the sense of P-VOLUME (deadlifts, good mornings, squats).
    pub fn is_heavy_compound(&self) -> bool {
        self.mechanic == crate::vocab::Mechanic::Compound
            && self.loading == Loading::Loaded
            && self.spinal_load == Grade::High
    }
}
