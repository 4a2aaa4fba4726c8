//! upright's own export, as serialisable parts: the JSON document is these
//! parts in one object (workouts last, one a line, so it is written as the
//! store is read); the CSV is one row per part (see [`CsvRow`]).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use upright_store::{
    ChangeKind, ExerciseMapping, ExportSetRow, GymClosure, ImportSource, NewAssessment, PainTiming,
    SetKind, Source, StoredAvailability, Unit,
};

/// `format` of the JSON document and of the CSV's `user` row.
pub const FORMAT: &str = "upright-export";
pub const VERSION: u32 = 2;
/// The oldest version this build reads (version 1 had no assessments, gyms
/// or availability).
pub const OLDEST_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserDoc {
    pub handle: String,
    pub display_name: String,
    pub unit: Unit,
}

/// A saved plan, its profile and its changes; documents as stored, byte for byte.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDoc {
    /// The plan's identity: workouts name their plan by it.
    pub created_at: String,
    pub start_date: String,
    pub active: bool,
    pub revision: i64,
    pub profile: Box<RawValue>,
    pub plan: Box<RawValue>,
    #[serde(default)]
    pub changes: Vec<ChangeDoc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeDoc {
    pub date: String,
    pub kind: ChangeKind,
    pub from: String,
    pub to: Option<String>,
    pub created_at: String,
}

/// An exercise of the person's catalog.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseDoc {
    pub id: String,
    pub origin: String,
    pub exercise: Box<RawValue>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PainDoc {
    pub date: String,
    pub score: u8,
    pub timing: PainTiming,
    #[serde(default)]
    pub note: Option<String>,
    pub created_at: String,
}

/// An endurance battery as entered (its pain entries are in `pain`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDoc {
    /// Its identity on restore, with the date.
    pub created_at: String,
    pub battery: NewAssessment,
}

/// A gym with its opening hours (Monday first) and closures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GymDoc {
    pub name: String,
    pub address: String,
    pub time_zone: String,
    pub hours: [String; 7],
    #[serde(default)]
    pub closures: Vec<GymClosure>,
    pub created_at: String,
    /// The gym the person trains at (`gym use`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chosen: bool,
}

/// A workout without its sets (what identifies it and what it says).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkoutHead {
    pub date: String,
    pub created_at: String,
    pub source: Source,
    /// The `created_at` of the plan it was logged against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_source: Option<ImportSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetDoc {
    pub set: u32,
    pub exercise: String,
    #[serde(default)]
    pub kind: SetKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_kg: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpe: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The import key, 32 hex digits (imported sets only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkoutDoc {
    #[serde(flatten)]
    pub head: WorkoutHead,
    pub sets: Vec<SetDoc>,
}

/// The whole JSON document (read back whole; written in parts).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDoc {
    pub format: String,
    pub version: u32,
    pub user: UserDoc,
    #[serde(default)]
    pub plans: Vec<PlanDoc>,
    #[serde(default)]
    pub exclusions: Vec<String>,
    #[serde(default)]
    pub mappings: Vec<ExerciseMapping>,
    #[serde(default)]
    pub catalog: Vec<ExerciseDoc>,
    #[serde(default)]
    pub pain: Vec<PainDoc>,
    #[serde(default)]
    pub assessments: Vec<AssessmentDoc>,
    #[serde(default)]
    pub gyms: Vec<GymDoc>,
    #[serde(default)]
    pub availability: Option<StoredAvailability>,
    #[serde(default)]
    pub workouts: Vec<WorkoutDoc>,
}

pub fn hex(key: &[u8; 16]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Option<[u8; 16]> {
    if s.len() != 32 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The head and set of one stored row; `plan` is the plan's `created_at`.
pub fn parts(row: &ExportSetRow, plan: Option<String>) -> (WorkoutHead, SetDoc) {
    (
        WorkoutHead {
            date: row.date.format("%Y-%m-%d").to_string(),
            created_at: row.created_at.clone(),
            source: row.source,
            plan,
            import_source: row.import_source,
            started_at: row
                .started_at
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
            name: row.name.clone(),
            duration_s: row.duration_s,
            notes: row.notes.clone(),
        },
        SetDoc {
            set: row.set_index,
            exercise: row.exercise_id.clone(),
            kind: row.kind,
            reps: row.reps,
            load_kg: row.load_kg,
            hold_s: row.hold_s,
            distance_m: row.distance_m,
            rpe: row.rpe,
            note: row.note.clone(),
            key: row.import_key.as_ref().map(hex),
            source_name: row.source_name.clone(),
            source_key: row.source_key.clone(),
            exercise_note: row.exercise_note.clone(),
            superset: row.superset,
        },
    )
}

/// One row of the CSV export: `record` says which part it is (`user`,
/// `plan`, `change`, `exclusion`, `mapping`, `exercise`, `pain`,
/// `assessment`, `gym`, `availability`, `set`); the columns a part does not
/// use are empty. Plans, profiles, catalog exercises, batteries, gyms, the
/// availability and the user's settings are JSON documents in `json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvRow {
    pub record: String,
    pub date: Option<String>,
    pub created_at: Option<String>,
    pub source: Option<Source>,
    pub plan: Option<String>,
    pub import_source: Option<ImportSource>,
    pub started_at: Option<String>,
    pub name: Option<String>,
    pub duration_s: Option<u32>,
    pub notes: Option<String>,
    pub set: Option<u32>,
    pub exercise: Option<String>,
    pub kind: Option<String>,
    pub reps: Option<u32>,
    pub load_kg: Option<f64>,
    pub hold_s: Option<u32>,
    pub distance_m: Option<f64>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
    pub key: Option<String>,
    pub source_name: Option<String>,
    pub source_key: Option<String>,
    pub exercise_note: Option<String>,
    pub superset: Option<u32>,
    pub score: Option<u8>,
    pub timing: Option<PainTiming>,
    pub json: Option<String>,
}

/// The CSV's header line (the order of [`CsvRow`]'s fields).
pub const CSV_HEADER: &str = "record,date,created_at,source,plan,import_source,started_at,name,duration_s,notes,set,exercise,kind,reps,load_kg,hold_s,distance_m,rpe,note,key,source_name,source_key,exercise_note,superset,score,timing,json";

impl CsvRow {
    pub fn set(head: &WorkoutHead, s: &SetDoc) -> CsvRow {
        CsvRow {
            record: "set".into(),
            date: Some(head.date.clone()),
            created_at: Some(head.created_at.clone()),
            source: Some(head.source),
            plan: head.plan.clone(),
            import_source: head.import_source,
            started_at: head.started_at.clone(),
            name: head.name.clone(),
            duration_s: head.duration_s,
            notes: head.notes.clone(),
            set: Some(s.set),
            exercise: Some(s.exercise.clone()),
            kind: Some(s.kind.as_str().to_string()),
            reps: s.reps,
            load_kg: s.load_kg,
            hold_s: s.hold_s,
            distance_m: s.distance_m,
            rpe: s.rpe,
            note: s.note.clone(),
            key: s.key.clone(),
            source_name: s.source_name.clone(),
            source_key: s.source_key.clone(),
            exercise_note: s.exercise_note.clone(),
            superset: s.superset,
            ..CsvRow::default()
        }
    }
}
