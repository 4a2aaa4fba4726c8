//! Hevy's CSV export (FORMATS.md §2).
//!
//! * Units are in the column names, weight and distance independently:
//!   `weight_kg` / `weight_lbs`, `distance_km` / `distance_miles`. No `units`
//!   option is needed (nor used).
//! * `start_time` / `end_time` are `5 Dec 2025, 11:37` with the month in the
//!   app's language (see `fields::MONTHS` for the languages), the day padded
//!   or not, the hour one or two digits. The duration is end - start.
//! * Rows come newest workout first; nothing here depends on the order. A
//!   workout is the rows sharing (`title`, `start_time`).
//! * `set_index` is 0-based per exercise block and counts warm-ups;
//!   `set_type` is `normal`, `warmup`, `dropset` or `failure`.
//! * Unused numbers are empty, and empty stays None: a written `0` is kept.
//! * Notes are kept as written (Hevy writes newlines as the two characters `\n`).

use super::csvio::{self, field_count_error, row_error, text, Blocks};
use super::fields;
use super::{
    DistanceUnit, ImportError, ImportKey, ReadOptions, ReadStats, SetKind, SetRecord, Source,
};
use crate::coach::units::Unit;
use chrono::NaiveDateTime;
use std::io::Read;

const MAX_REPS: u32 = 10_000;
const MAX_LOAD: f64 = 10_000.0;
const MAX_SET_SECONDS: u32 = 86_400;
const MAX_DISTANCE_M: f64 = 1_000_000.0;
const MAX_SET_INDEX: u32 = 10_000;

#[derive(Debug, Clone, Copy, Default)]
struct Columns {
    count: usize,
    title: Option<usize>,
    start: usize,
    end: Option<usize>,
    description: Option<usize>,
    exercise: usize,
    superset: Option<usize>,
    exercise_notes: Option<usize>,
    set_index: usize,
    set_type: Option<usize>,
    weight: Option<(usize, Unit)>,
    reps: Option<usize>,
    distance: Option<(usize, DistanceUnit)>,
    duration: Option<usize>,
    rpe: Option<usize>,
}

/// Streams the sets of a Hevy export; see the module docs.
pub struct HevyReader<R: Read> {
    csv: csv::Reader<csvio::Stream<R>>,
    record: csv::ByteRecord,
    cols: Columns,
    options: ReadOptions,
    stats: ReadStats,
    done: bool,
    /// The line the next record starts on.
    next_line: u64,
    /// The workout being read: title and start.
    workout: Option<(String, NaiveDateTime)>,
    start_cache: (String, Option<NaiveDateTime>),
    end_cache: (String, Option<NaiveDateTime>),
    blocks: Blocks,
}

impl<R: Read> HevyReader<R> {
    /// Reads the header and finds the columns; rows are read as the iterator goes.
    pub fn new(input: R, options: ReadOptions) -> Result<Self, ImportError> {
        let opened = csvio::open(input, false)?;
        let names = &opened.names;
        if csvio::find(names, &["exercise name"]).is_some()
            && csvio::find(names, &["set order"]).is_some()
        {
            return Err(ImportError::Header {
                message: "this is a Strong export (its header has Exercise Name and Set Order); read it as strong".into(),
            });
        }
        let need = |column: &'static str| {
            csvio::find(names, &[column]).ok_or_else(|| ImportError::MissingColumn {
                column,
                hint: format!(
                    "a Hevy export's header has title, start_time, exercise_title, set_index, set_type, ...; this one has: {}",
                    names.join(", ")
                ),
            })
        };
        let start = need("start_time")?;
        let exercise = need("exercise_title")?;
        let set_index = need("set_index")?;
        let find = |wanted: &[&str]| csvio::find(names, wanted);
        let kg = find(&["weight_kg"]);
        let lb = find(&["weight_lbs", "weight_lb"]);
        let weight = match (kg, lb) {
            (Some(_), Some(_)) => return Err(ImportError::Header {
                message:
                    "weight: both weight_kg and weight_lbs columns; a Hevy export has one of them"
                        .into(),
            }),
            (Some(i), None) => Some((i, Unit::Kg)),
            (None, Some(i)) => Some((i, Unit::Lb)),
            (None, None) => None,
        };
        let distance = [
            ("distance_km", DistanceUnit::Km),
            ("distance_miles", DistanceUnit::Miles),
            ("distance_mi", DistanceUnit::Miles),
            ("distance_meters", DistanceUnit::Meters),
            ("distance_m", DistanceUnit::Meters),
        ]
        .into_iter()
        .find_map(|(name, unit)| find(&[name]).map(|i| (i, unit)));
        let cols = Columns {
            count: names.len(),
            title: find(&["title"]),
            start,
            end: find(&["end_time"]),
            description: find(&["description"]),
            exercise,
            superset: find(&["superset_id"]),
            exercise_notes: find(&["exercise_notes"]),
            set_index,
            set_type: find(&["set_type"]),
            weight,
            reps: find(&["reps"]),
            distance,
            duration: find(&["duration_seconds"]),
            rpe: find(&["rpe"]),
        };
        Ok(HevyReader {
            csv: opened.csv,
            record: csv::ByteRecord::new(),
            cols,
            options,
            stats: ReadStats::default(),
            done: false,
            next_line: 2,
            workout: None,
            start_cache: (String::new(), None),
            end_cache: (String::new(), None),
            blocks: Blocks::default(),
        })
    }

    /// What has been read so far (complete once the iterator has ended).
    pub fn stats(&self) -> &ReadStats {
        &self.stats
    }

    fn row(&mut self, line: u64) -> Result<SetRecord, ImportError> {
        let c = self.cols;
        if self.record.len() != c.count {
            let end = self.csv.position().line().saturating_sub(1);
            return Err(field_count_error(line, end, c.count, self.record.len()));
        }
        let rec = &self.record;
        let title = text(rec, c.title, "title", line)?.trim();
        let start_text = text(rec, Some(c.start), "start_time", line)?;
        if start_text != self.start_cache.0 {
            self.start_cache = (start_text.to_string(), fields::hevy_datetime(start_text));
        }
        let start = self.start_cache.1.ok_or_else(|| {
            row_error(
                line,
                "start_time",
                format!(
                    "expected a date like '5 Dec 2025, 11:37' (day, month name, year, 24-hour time), got '{}'",
                    fields::shorten(start_text)
                ),
            )
        })?;
        let exercise = text(rec, Some(c.exercise), "exercise_title", line)?.trim();
        if exercise.is_empty() {
            return Err(row_error(
                line,
                "exercise_title",
                "empty; expected the exercise's name",
            ));
        }
        let index = fields::count(
            text(rec, Some(c.set_index), "set_index", line)?,
            MAX_SET_INDEX,
            "a whole number from 0",
        )
        .map_err(|m| row_error(line, "set_index", m))?
        .ok_or_else(|| row_error(line, "set_index", "empty; expected a whole number from 0"))?;

        if self
            .workout
            .as_ref()
            .is_none_or(|(t, s)| *s != start || t != title)
        {
            self.workout = Some((title.to_string(), start));
            self.blocks.new_workout();
        }
        let (occurrence, _) = self.blocks.place(exercise, Some(index), false);
        let position = index + 1;

        let type_text = text(rec, c.set_type, "set_type", line)?.trim();
        let kind = match type_text.to_ascii_lowercase().as_str() {
            "normal" | "" => SetKind::Working,
            "warmup" | "warm-up" | "warm_up" => SetKind::WarmUp,
            "dropset" | "drop" => SetKind::Drop,
            "failure" => SetKind::Failure,
            _ => {
                return Err(row_error(
                    line,
                    "set_type",
                    format!(
                        "expected normal, warmup, dropset or failure, got '{}'",
                        fields::shorten(type_text)
                    ),
                ))
            }
        };
        let (weight_name, weight_unit) = match c.weight {
            Some((_, Unit::Lb)) => ("weight_lbs", Some(Unit::Lb)),
            Some((_, Unit::Kg)) => ("weight_kg", Some(Unit::Kg)),
            None => ("weight_kg", None),
        };
        let weight = fields::number(
            text(rec, c.weight.map(|w| w.0), weight_name, line)?,
            -MAX_LOAD,
            MAX_LOAD,
            "a weight (a number)",
        )
        .map_err(|m| row_error(line, weight_name, m))?;
        let reps = fields::count(
            text(rec, c.reps, "reps", line)?,
            MAX_REPS,
            "a whole number of reps",
        )
        .map_err(|m| row_error(line, "reps", m))?;
        let distance_name = match c.distance {
            Some((_, DistanceUnit::Miles)) => "distance_miles",
            Some((_, DistanceUnit::Meters)) => "distance_meters",
            _ => "distance_km",
        };
        let distance = fields::number(
            text(rec, c.distance.map(|d| d.0), distance_name, line)?,
            0.0,
            MAX_DISTANCE_M,
            "a distance (a number, 0 or more)",
        )
        .map_err(|m| row_error(line, distance_name, m))?;
        let duration = fields::seconds(
            text(rec, c.duration, "duration_seconds", line)?,
            MAX_SET_SECONDS,
            "seconds from 0 to 86400",
        )
        .map_err(|m| row_error(line, "duration_seconds", m))?;
        let rpe = fields::number(
            text(rec, c.rpe, "rpe", line)?,
            0.0,
            10.0,
            "an RPE from 0 to 10",
        )
        .map_err(|m| row_error(line, "rpe", m))?;
        let superset = fields::count(
            text(rec, c.superset, "superset_id", line)?,
            u32::MAX,
            "a whole number",
        )
        .map_err(|m| row_error(line, "superset_id", m))?;
        // Lenient: a bad end time costs the workout's length, not its sets.
        let end_text = text(rec, c.end, "end_time", line)?;
        if end_text != self.end_cache.0 {
            self.end_cache = (end_text.to_string(), fields::hevy_datetime(end_text));
        }
        let workout_duration_s = self
            .end_cache
            .1
            .and_then(|end| u32::try_from((end - start).num_seconds()).ok());
        let rec = &self.record;
        let description = text(rec, c.description, "description", line)?;
        let exercise_notes = text(rec, c.exercise_notes, "exercise_notes", line)?;
        Ok(SetRecord {
            line,
            source: Source::Hevy,
            workout_start: start,
            workout_name: title.to_string(),
            workout_duration_s,
            workout_notes: description.trim().to_string(),
            exercise: exercise.to_string(),
            exercise_notes: exercise_notes.trim().to_string(),
            superset,
            set_index: position,
            kind,
            reps,
            weight_kg: weight.zip(weight_unit).map(|(w, u)| u.to_kg(w)),
            weight_unit: weight.and(weight_unit),
            distance_m: distance.zip(c.distance).map(|(d, (_, u))| u.to_meters(d)),
            distance_unit: distance.and(c.distance.map(|d| d.1)),
            duration_s: duration,
            rpe,
            notes: String::new(),
            key: ImportKey::new(Source::Hevy, start, title, exercise, occurrence, position),
        })
    }
}

impl<R: Read> Iterator for HevyReader<R> {
    type Item = Result<SetRecord, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.csv.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                // The line where the failed record began (csv's own count has moved on).
                let line = self.next_line;
                return Some(Err(ImportError::Io {
                    line,
                    message: e.to_string(),
                }));
            }
        }
        self.stats.records += 1;
        self.next_line = self.csv.position().line();
        let line = self.record.position().map_or(0, |p| p.line());
        match self.row(line) {
            Ok(set) => {
                self.stats.sets += 1;
                Some(Ok(set))
            }
            Err(e) => {
                self.stats.malformed += 1;
                self.done = self.options.strict;
                Some(Err(e))
            }
        }
    }
}
