//! The closed vocabularies of DESIGN.md section 4: muscles, equipment, goals,
//! levels, pain states, red flags, and the catalog's own descriptive terms.
//!
//! Every enum parses from (and prints as) exactly the word the contract uses,
//! so CLI flags, profile files, batch lines and plan JSON share one spelling.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Declares a closed vocabulary: serde and `FromStr` both use the listed words,
/// and `ALL` keeps them in one order for help texts and error messages.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            /// Every value, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What a user may type, for error messages and help.
            pub const WORDS: &'static [&'static str] = &[$($word),+];
            /// The contract's spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = VocabError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($word) { return Ok($name::$variant); })+
                Err(VocabError { what: $what, got: s.to_string(), accepted: Self::WORDS })
            }
        }
    };
}

/// A word outside a vocabulary; names what was expected and what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{got}'; accepted: {}", accepted.join(", "))]
pub struct VocabError {
    pub what: &'static str,
    pub got: String,
    pub accepted: &'static [&'static str],
}

vocabulary!(
    /// Muscles, as DESIGN.md names them (free-exercise-db's are mapped onto these).
    Muscle, "muscle" {
    SpinalErectors => "spinal_erectors",
    Lats => "lats",
    Traps => "traps",
    Rhomboids => "rhomboids",
    RearDelts => "rear_delts",
    Abs => "abs",
    Obliques => "obliques",
    Glutes => "glutes",
    Hamstrings => "hamstrings",
    Quads => "quads",
    Biceps => "biceps",
    Forearms => "forearms",
    Chest => "chest",
    FrontDelts => "front_delts",
    Triceps => "triceps",
});

impl Muscle {
    /// The front of the "cylinder" (M-CORE).
    pub fn is_core(self) -> bool {
        matches!(self, Muscle::Abs | Muscle::Obliques)
    }
    /// Mid and upper back (M-UPPER): what keeps the chest up and shoulders back.
    pub fn is_upper_back(self) -> bool {
        matches!(self, Muscle::Traps | Muscle::Rhomboids | Muscle::RearDelts)
    }
}

vocabulary!(
    /// Equipment a person may have (W-GYM).
    Equipment, "equipment" {
    Mat => "mat",
    Dumbbells => "dumbbells",
    Kettlebell => "kettlebell",
    Barbell => "barbell",
    Rack => "rack",
    Bench => "bench",
    Cable => "cable",
    Machines => "machines",
    PullupBar => "pullup-bar",
    Bands => "bands",
});

impl Equipment {
    /// `home` = mat, dumbbells, bands (DESIGN.md).
    pub const HOME: &'static [Equipment] =
        &[Equipment::Mat, Equipment::Dumbbells, Equipment::Bands];
    /// Equipment only a gym is assumed to have: a session using any of it is a gym session.
    pub fn is_gym_only(self) -> bool {
        matches!(
            self,
            Equipment::Barbell | Equipment::Rack | Equipment::Cable | Equipment::Machines
        )
    }

    /// Parses one word of `--equipment`, expanding the presets `home` and `gym`.
    pub fn parse_with_presets(word: &str) -> Result<Vec<Equipment>, VocabError> {
        match word.trim().to_ascii_lowercase().as_str() {
            "home" => Ok(Self::HOME.to_vec()),
            "gym" => Ok(Self::ALL.to_vec()),
            _ => word.parse().map(|e| vec![e]).map_err(|mut e: VocabError| {
                e.accepted = EQUIPMENT_WORDS_WITH_PRESETS;
                e
            }),
        }
    }
}

/// The equipment words plus the two presets, for error messages.
pub const EQUIPMENT_WORDS_WITH_PRESETS: &[&str] = &[
    "mat",
    "dumbbells",
    "kettlebell",
    "barbell",
    "rack",
    "bench",
    "cable",
    "machines",
    "pullup-bar",
    "bands",
    "home",
    "gym",
];

vocabulary!(
    /// Why a person trains the back (G-GOALS).
    Goal, "goal" {
    Physique => "physique",
    Strength => "strength",
    Athletic => "athletic",
    Prevention => "prevention",
    Recovery => "recovery",
    Posture => "posture",
    General => "general",
});

vocabulary!(
    /// Training experience (E-ACSM-LEVELS).
    Level, "level" {
    Beginner => "beginner",
    Intermediate => "intermediate",
    Advanced => "advanced",
});

vocabulary!(
    /// The back's state today (S-ACUTE, S-RECOVERY).
    Pain, "pain" {
    None => "none",
    Recovering => "recovering",
    Acute => "acute",
});

vocabulary!(
    /// Clinical red flags (E-REDFLAGS): each means referral, never a plan.
    RedFlag, "red flag" {
    BladderBowel => "bladder-bowel",
    SaddleNumbness => "saddle-numbness",
    LegWeakness => "leg-weakness",
    Gait => "gait",
    CancerHistory => "cancer-history",
    WeightLoss => "weight-loss",
    Fever => "fever",
    Immunosuppressed => "immunosuppressed",
    IvDrugUse => "iv-drug-use",
    Trauma => "trauma",
    Steroids => "steroids",
    NightPain => "night-pain",
    NewPain => "new-pain",
});

impl RedFlag {
    /// Cauda equina signs: emergency, the rest urgent (E-REDFLAGS).
    pub fn is_emergency(self) -> bool {
        matches!(
            self,
            RedFlag::BladderBowel | RedFlag::SaddleNumbness | RedFlag::LegWeakness | RedFlag::Gait
        )
    }
    /// Plain words for the referral message.
    pub fn describe(self) -> &'static str {
        match self {
            RedFlag::BladderBowel => "new bladder or bowel dysfunction",
            RedFlag::SaddleNumbness => "numbness in the saddle area",
            RedFlag::LegWeakness => "severe or progressive leg weakness or numbness",
            RedFlag::Gait => "a change in how you walk",
            RedFlag::CancerHistory => "a history of cancer",
            RedFlag::WeightLoss => "unexplained weight loss",
            RedFlag::Fever => "fever or rigors",
            RedFlag::Immunosuppressed => "immunosuppression",
            RedFlag::IvDrugUse => "intravenous drug use",
            RedFlag::Trauma => "significant trauma to the back",
            RedFlag::Steroids => "long-term steroid use or osteoporosis",
            RedFlag::NightPain => "constant pain at night",
            RedFlag::NewPain => "a new episode of back pain",
        }
    }
}

vocabulary!(
    /// Where a session happens.
    Location, "location" {
    Gym => "gym",
    Home => "home",
});

vocabulary!(
    /// Output formats of `upright plan`.
    Format, "format" {
    Text => "text",
    Json => "json",
    Markdown => "markdown",
});

vocabulary!(
    /// Compound (several joints) or isolation (one joint).
    Mechanic, "mechanic" {
    Compound => "compound",
    Isolation => "isolation",
});

vocabulary!(
    /// What a movement does; swaps keep the pattern.
    Pattern, "movement pattern" {
    Hinge => "hinge",
    Squat => "squat",
    HorizontalPull => "horizontal-pull",
    VerticalPull => "vertical-pull",
    Extension => "extension",
    Scapular => "scapular",
    Shrug => "shrug",
    AntiExtension => "anti-extension",
    AntiRotation => "anti-rotation",
    AntiLateralFlexion => "anti-lateral-flexion",
    Flexion => "flexion",
    Carry => "carry",
    Hang => "hang",
    Mobility => "mobility",
});

vocabulary!(
    /// Three-step scale for spinal load and technical demand.
    Grade, "grade" {
    Low => "low",
    Moderate => "moderate",
    High => "high",
});

vocabulary!(
    /// Whether external load is added.
    Loading, "loading" {
    Loaded => "loaded",
    Bodyweight => "bodyweight",
});

vocabulary!(
    /// Counted in reps or held for time.
    Dosing, "dosing" {
    Reps => "reps",
    Hold => "hold",
});

vocabulary!(
    /// How a coach ranks an exercise for one goal (catalog `quality`, G-NEED).
    Rank, "rank" {
    Niche => "niche",
    Accessory => "accessory",
    Good => "good",
    Staple => "staple",
});

impl Rank {
    /// Points on the coach's scale: staple 3, good 2, accessory 1, niche 0.
    pub fn points(self) -> u8 {
        match self {
            Rank::Niche => 0,
            Rank::Accessory => 1,
            Rank::Good => 2,
            Rank::Staple => 3,
        }
    }
}

vocabulary!(
    /// Sports whose demands the plan balances (A-SPORT, A-PUSH); `plan::sport` says what each asks.
    Sport, "sport" {
    Climbing => "climbing",
    Swimming => "swimming",
    Boxing => "boxing",
    MartialArts => "martial-arts",
    Running => "running",
    Cycling => "cycling",
    Rowing => "rowing",
    Throwing => "throwing",
    Racket => "racket",
    TeamSports => "team-sports",
    Golf => "golf",
    Gymnastics => "gymnastics",
});

/// Parses a comma-separated list (`posture,strength`), rejecting empty items.
pub fn parse_list<T: FromStr<Err = VocabError>>(s: &str) -> Result<Vec<T>, VocabError> {
    s.split(',')
        .filter(|w| !w.trim().is_empty())
        .map(str::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_serde_and_from_str() {
        for m in Muscle::ALL {
            let json = serde_json::to_string(m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.as_str()));
            assert_eq!(m.as_str().parse::<Muscle>().unwrap(), *m);
        }
        assert_eq!(
            "PULLUP-BAR".parse::<Equipment>().unwrap(),
            Equipment::PullupBar
        );
    }

    #[test]
    fn unknown_word_names_field_and_accepted_values() {
        let err = "yoga".parse::<Goal>().unwrap_err().to_string();
        assert!(err.contains("unknown goal 'yoga'"), "{err}");
        assert!(err.contains("physique, strength"), "{err}");
    }

    #[test]
    fn presets_expand() {
        assert_eq!(
            Equipment::parse_with_presets("home").unwrap(),
            Equipment::HOME
        );
        assert_eq!(Equipment::parse_with_presets("gym").unwrap().len(), 10);
        let err = Equipment::parse_with_presets("sofa")
            .unwrap_err()
            .to_string();
        assert!(err.contains("home, gym"), "{err}");
    }
}
