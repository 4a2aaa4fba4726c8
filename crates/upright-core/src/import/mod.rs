//! Bring your history, take it with you: Strong and Hevy CSV exports.
//!
//! Pure and streaming: a reader takes any [`Read`](std::io::Read), sniffs the
//! file's shape from its header line and yields one [`SetRecord`] (or one
//! [`ImportError`] naming the line and column) per CSV record, holding one
//! record in memory at a time. The variants handled, and why, are those of
//! `shared/data/imports/FORMATS.md`:
//!
//! * [`strong`]: S0a..S3 (delimiter sniffed, columns by name, unit from the
//!   file or from [`ReadOptions::units`]), `W`/`D`/`F` tags, `Note` and
//!   `Rest Timer` pseudo-rows, decimal commas, `10.0` counts, S3's unescaped
//!   quotes.
//! * [`hevy`]: unit per column name, month names in many app languages, set
//!   types, empty-is-empty.
//! * [`names`]: app exercise names to catalog IDs (alias table + normalised
//!   matching); [`summary`]: what an import found.
//! * [`write`]: Strong- and Hevy-format CSV from the same records.
//!
//! Nothing here touches a database or the clock; storing the records, and
//! making an import all-or-nothing, is the caller's business.

mod csvio;
mod fields;
pub mod hevy;
mod key;
pub mod names;
mod quotes;
pub mod strong;
pub mod summary;
pub mod write;

#[cfg(test)]
mod tests;

pub use key::ImportKey;

use crate::coach::units::Unit;
use chrono::NaiveDateTime;
use std::fmt;
use std::io::Read;

/// Which app wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Strong,
    Hevy,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Strong => "strong",
            Source::Hevy => "hevy",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of set a row is. Warm-ups are kept but must not feed progression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum SetKind {
    #[default]
    Working,
    WarmUp,
    Drop,
    Failure,
}

impl SetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SetKind::Working => "working",
            SetKind::WarmUp => "warm-up",
            SetKind::Drop => "drop",
            SetKind::Failure => "failure",
        }
    }

    pub fn is_warm_up(self) -> bool {
        self == SetKind::WarmUp
    }
}

impl fmt::Display for SetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The unit a distance was written in (kept so a writer can give it back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DistanceUnit {
    Meters,
    Km,
    Miles,
}

/// Metres in one international mile (exact by definition).
pub const METERS_PER_MILE: f64 = 1609.344;

impl DistanceUnit {
    pub fn to_meters(self, value: f64) -> f64 {
        match self {
            DistanceUnit::Meters => value,
            DistanceUnit::Km => value * 1000.0,
            DistanceUnit::Miles => value * METERS_PER_MILE,
        }
    }

    pub fn from_meters(self, meters: f64) -> f64 {
        match self {
            DistanceUnit::Meters => meters,
            DistanceUnit::Km => meters / 1000.0,
            DistanceUnit::Miles => meters / METERS_PER_MILE,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DistanceUnit::Meters => "m",
            DistanceUnit::Km => "km",
            DistanceUnit::Miles => "mi",
        }
    }
}

/// One set as an app exported it, in upright's units, plus where it came from.
///
/// Readers fill every field they can; writers take the same type, so a record
/// read, written and read again compares equal (except `line`).
#[derive(Debug, Clone, PartialEq)]
pub struct SetRecord {
    /// Physical line (1-based) where the CSV record starts; 0 for records made in code.
    pub line: u64,
    pub source: Source,
    /// The workout's start, local wall clock: neither app writes a time zone.
    pub workout_start: NaiveDateTime,
    pub workout_name: String,
    /// Strong's `Duration`/`Workout Duration`/`Duration (sec)`; Hevy's end - start.
    pub workout_duration_s: Option<u32>,
    /// Strong's `Workout Notes` (carried to every row of the workout), Hevy's `description`.
    pub workout_notes: String,
    /// The exercise name exactly as the file wrote it.
    pub exercise: String,
    /// Strong's `Note` pseudo-row for this exercise block, Hevy's `exercise_notes`.
    pub exercise_notes: String,
    /// Hevy's `superset_id` (unique only within one workout); Strong has none.
    pub superset: Option<u32>,
    /// 1-based position of the set in its exercise block, warm-ups counted.
    pub set_index: u32,
    pub kind: SetKind,
    pub reps: Option<u32>,
    /// External load in kilograms, converted exactly from what the file wrote.
    /// For assisted exercises it is the assistance (see [`names::Mapping::assisted`]).
    pub weight_kg: Option<f64>,
    /// The unit the file wrote the weight in (None when there is no weight).
    pub weight_unit: Option<Unit>,
    pub distance_m: Option<f64>,
    pub distance_unit: Option<DistanceUnit>,
    /// Time of the set (a hold, a run): Strong's `Seconds`, Hevy's `duration_seconds`.
    pub duration_s: Option<u32>,
    pub rpe: Option<f64>,
    /// The set's own note (Strong `Notes` on a set row); Hevy has no per-set note.
    pub notes: String,
    /// Stable identity of this set for idempotent re-imports (see [`ImportKey`]).
    pub key: ImportKey,
}

/// How to read a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The weight unit of a Strong file that does not say (S1, S0c, S0d);
    /// the fallback where a row leaves `Weight Unit` empty. Ignored where the file says.
    pub units: Option<Unit>,
    /// Stop at the first malformed row (the iterator ends after yielding its error).
    pub strict: bool,
}

/// What went wrong, always naming the field (and the line, for a row).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A Strong file with no unit anywhere and no `units` given.
    #[error(
        "units: this {format} file does not say whether weights are kg or lb; give units (kg|lb)"
    )]
    UnitsRequired { format: &'static str },
    /// The header lacks a column the format needs.
    #[error("header: no '{column}' column; {hint}")]
    MissingColumn { column: &'static str, hint: String },
    /// The header line is not one of the format's shapes.
    #[error("header: {message}")]
    Header { message: String },
    /// One malformed row; reading goes on with the next (unless strict).
    #[error("line {line}: {column}: {message}")]
    Row {
        line: u64,
        column: String,
        message: String,
    },
    /// The input could not be read (reading stops).
    #[error("line {line}: input: {message}")]
    Io { line: u64, message: String },
}

impl ImportError {
    /// The line the error is about; 1 for the header, 0 for the file as a whole.
    pub fn line(&self) -> u64 {
        match self {
            ImportError::Row { line, .. } | ImportError::Io { line, .. } => *line,
            ImportError::Header { .. } | ImportError::MissingColumn { .. } => 1,
            ImportError::UnitsRequired { .. } => 0,
        }
    }
}

/// Counts kept while reading, so none of the file is lost silently:
/// `records == sets + note_rows + rest_timer_rows + malformed`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// CSV records after the header.
    pub records: u64,
    /// Records yielded as sets.
    pub sets: u64,
    /// Strong `Note` pseudo-rows (their text goes to the block's `exercise_notes`).
    pub note_rows: u64,
    /// Strong `Rest Timer` pseudo-rows.
    pub rest_timer_rows: u64,
    /// Records yielded as errors.
    pub malformed: u64,
    /// Rows whose own unit (Strong `Weight Unit`) differed from `ReadOptions::units`:
    /// the file won, the caller may want to say so.
    pub unit_overrides: u64,
}

/// A reader of either app, for callers that pick the source at run time.
pub enum Reader<R: Read> {
    Strong(strong::StrongReader<R>),
    Hevy(hevy::HevyReader<R>),
}

impl<R: Read> Reader<R> {
    /// Opens `input` as an export of `source`: reads and checks the header only.
    pub fn open(source: Source, input: R, options: ReadOptions) -> Result<Reader<R>, ImportError> {
        Ok(match source {
            Source::Strong => Reader::Strong(strong::StrongReader::new(input, options)?),
            Source::Hevy => Reader::Hevy(hevy::HevyReader::new(input, options)?),
        })
    }

    pub fn stats(&self) -> &ReadStats {
        match self {
            Reader::Strong(r) => r.stats(),
            Reader::Hevy(r) => r.stats(),
        }
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<SetRecord, ImportError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Reader::Strong(r) => r.next(),
            Reader::Hevy(r) => r.next(),
        }
    }
}
