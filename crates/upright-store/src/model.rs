//! Plain records going in and out of the store. No domain logic: profiles and
//! plans are JSON documents made (and understood) by the caller.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A user's id (`users.id`).
    UserId
);
id_type!(
    /// A stored plan's id (`plans.id`).
    PlanId
);
id_type!(
    /// A stored profile's id (`profiles.id`); each saved plan has its own.
    ProfileId
);
id_type!(
    /// A logged workout's id (`workouts.id`).
    WorkoutId
);
id_type!(
    /// A pain entry's id (`pain_entries.id`).
    PainId
);
id_type!(
    /// An endurance battery's id (`assessments.id`).
    AssessmentId
);

/// Preferred display unit. Loads are always stored in kilograms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Kg,
    Lb,
}

/// Where a workout was logged from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    #[default]
    Cli,
    Import,
    Web,
}

/// Which app an imported workout came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportSource {
    Strong,
    Hevy,
}

/// What kind of set: warm-ups are kept but never feed progression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SetKind {
    #[default]
    Working,
    WarmUp,
    Drop,
    Failure,
}

/// When the pain was felt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PainTiming {
    During,
    NextMorning,
}

/// What a recorded plan change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// `from_exercise` was replaced by `to_exercise` (required).
    Swap,
    /// `from_exercise` was excluded (and replaced by `to_exercise`, if any);
    /// recording it also adds the user-level exclusion.
    Exclude,
    /// `from_exercise` gave way to its harder neighbour `to_exercise`.
    Graduate,
    /// `from_exercise` stepped back to its easier neighbour `to_exercise`.
    Regress,
}

/// Text form of the enums, as stored in the database.
pub(crate) trait DbText: Sized {
    const FIELD: &'static str;
    fn to_db(self) -> &'static str;
    fn from_db(s: &str) -> Option<Self>;
}

macro_rules! db_text {
    ($ty:ty, $field:literal, $($variant:ident = $text:literal),+) => {
        impl DbText for $ty {
            const FIELD: &'static str = $field;
            fn to_db(self) -> &'static str {
                match self { $(<$ty>::$variant => $text),+ }
            }
            fn from_db(s: &str) -> Option<Self> {
                match s { $($text => Some(<$ty>::$variant),)+ _ => None }
            }
        }
        impl $ty {
            /// The stored (and serialised) text of this value.
            pub fn as_str(self) -> &'static str {
                self.to_db()
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.to_db())
            }
        }
        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                <$ty as DbText>::from_db(s).ok_or_else(|| {
                    format!(concat!("unknown ", $field, " {:?} (accepted: ", $($text, " "),+, ")"), s)
                })
            }
        }
    };
}

db_text!(Unit, "unit", Kg = "kg", Lb = "lb");
db_text!(
    Source,
    "source",
    Cli = "cli",
    Import = "import",
    Web = "web"
);
db_text!(
    ImportSource,
    "import_source",
    Strong = "strong",
    Hevy = "hevy"
);
db_text!(
    SetKind,
    "kind",
    Working = "working",
    WarmUp = "warm-up",
    Drop = "drop",
    Failure = "failure"
);
db_text!(
    PainTiming,
    "timing",
    During = "during",
    NextMorning = "next-morning"
);
db_text!(
    ChangeKind,
    "kind",
    Swap = "swap",
    Exclude = "exclude",
    Graduate = "graduate",
    Regress = "regress"
);

/// A stored user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    /// Unique, 1 to 64 characters; `"local"` for the CLI.
    pub handle: String,
    pub display_name: String,
    pub unit: Unit,
    pub created_at: DateTime<Utc>,
}

/// A stored plan with the profile it was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPlan {
    pub id: PlanId,
    pub profile_id: ProfileId,
    /// The caller's JSON text, byte for byte.
    pub profile_json: String,
    /// The caller's JSON text, byte for byte (as last replaced).
    pub plan_json: String,
    pub start_date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub active: bool,
    /// Edits made to the plan so far; an edit names the revision it read.
    pub revision: i64,
}

/// A change to the active plan, recorded with the new plan document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanChange {
    pub date: NaiveDate,
    pub kind: ChangeKind,
    pub from_exercise: String,
    pub to_exercise: Option<String>,
}

/// An edit of the active plan to commit: the plan, the revision it was read
/// at, its new document, and the change to record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanEdit<'a> {
    pub plan: PlanId,
    pub revision: i64,
    pub plan_json: &'a str,
    pub change: &'a PlanChange,
}

/// A recorded plan change (history is kept).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanChangeRow {
    pub id: i64,
    pub plan_id: PlanId,
    pub change: PlanChange,
    pub created_at: DateTime<Utc>,
}

/// One set to log. A set needs `reps` or `hold_s` (a hold: `hold_s` seconds,
/// `reps` = number of holds, optional). `load_kg` may be negative for
/// assistance (e.g. band- or machine-assisted pull-ups).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NewSet {
    pub exercise_id: String,
    pub reps: Option<u32>,
    pub load_kg: Option<f64>,
    pub hold_s: Option<u32>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
}

/// A stored set with its workout's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetRow {
    pub date: NaiveDate,
    pub workout_id: WorkoutId,
    pub exercise_id: String,
    /// Position in the workout, from 1, in the order the sets were given.
    pub set_index: u32,
    pub reps: Option<u32>,
    pub load_kg: Option<f64>,
    pub hold_s: Option<u32>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
    pub kind: SetKind,
    pub distance_m: Option<f64>,
}

/// A pain entry to log: `score` 0 (none) to 10 (worst).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PainEntry {
    pub date: NaiveDate,
    pub score: u8,
    pub timing: PainTiming,
    pub note: Option<String>,
}

/// A stored pain entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PainRow {
    pub id: PainId,
    pub entry: PainEntry,
    pub created_at: DateTime<Utc>,
}

/// One group of a user's sets with the same workout date, exercise, reps and
/// RPE (from [`Store::exercise_day_summaries`](crate::Store::exercise_day_summaries)).
///
/// Every estimated-1RM formula is increasing in the load for fixed reps and
/// RPE, so a day's best estimate is the best over its groups of the estimate
/// from `(max_load_kg, reps, rpe)`; `sets` counts every set of the group,
/// loaded or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DaySummary {
    pub date: NaiveDate,
    pub exercise_id: String,
    pub reps: Option<u32>,
    pub rpe: Option<f64>,
    /// How many sets the group holds.
    pub sets: i64,
    /// The highest load of the group's sets (None when none has a load).
    pub max_load_kg: Option<f64>,
}

/// One hold of an endurance battery as entered: whole seconds (absent when
/// not done), the caller's method word, and whether pain stopped it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HoldRecord {
    pub seconds: Option<u32>,
    pub method: String,
    pub stopped_by_pain: bool,
}

/// An endurance battery to record (the caller's words for sex and methods).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAssessment {
    pub date: NaiveDate,
    /// `male`, `female` or `unspecified`.
    pub sex: String,
    /// Done with the recovering-back protocol.
    pub recovering: bool,
    pub flexor: HoldRecord,
    pub extensor: HoldRecord,
    pub side_right: HoldRecord,
    pub side_left: HoldRecord,
}

impl NewAssessment {
    /// The four holds in test order: flexor, extensor, side right, side left.
    pub fn holds(&self) -> [&HoldRecord; 4] {
        [
            &self.flexor,
            &self.extensor,
            &self.side_right,
            &self.side_left,
        ]
    }
}

/// A stored battery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRow {
    pub id: AssessmentId,
    pub assessment: NewAssessment,
    pub created_at: DateTime<Utc>,
}
