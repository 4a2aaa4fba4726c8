//! Strong's CSV export, in every shape of FORMATS.md §1.
//!
//! * The delimiter is sniffed from the header; columns are found by name.
//! * Units: S3 names them in the header (`Weight (kg)`, `Distance (meters)`),
//!   S0a/S0b name the column after the unit (`kg`, `lbs`, `km`, `mi.`), the S2
//!   family has `Weight Unit` / `Distance Unit` per row (`--units` then only
//!   fills an empty unit), and S1/S0c/S0d say nothing: [`ReadOptions::units`]
//!   is required, and distances are taken as km with kg and miles with lb.
//! * `Set Order`: a number is a working set, `W` a warm-up, `D` a drop set, `F`
//!   a failure set; `Note` and `Rest Timer` rows are not sets: they are counted
//!   and skipped, and a `Note`'s text becomes the `exercise_notes` of the
//!   block it heads. Anything else is a malformed row.
//! * "None" is `0` in S1/S2 and `""` in S3: a zero weight, distance or time is
//!   read as none (Strong writes `0` or nothing for body weight), zero reps as
//!   none on a timed or distance set and as 0 otherwise (a missed rep).
//! * `Workout Notes`, written once per workout in S1/S2 and on every row in
//!   S3, is carried to every set of the workout.

use super::csvio::{self, field_count_error, row_error, text, Blocks};
use super::fields::{self, non_empty};
use super::{
    DistanceUnit, ImportError, ImportKey, ReadOptions, ReadStats, SetKind, SetRecord, Source,
};
use crate::coach::units::Unit;
use chrono::NaiveDateTime;
use std::io::Read;

/// Limits that keep a typo from becoming a record (the store refuses beyond them too).
const MAX_REPS: u32 = 10_000;
const MAX_LOAD: f64 = 10_000.0;
const MAX_SET_SECONDS: u32 = 86_400;
const MAX_DISTANCE_M: f64 = 1_000_000.0;

#[derive(Debug, Clone, Copy)]
enum WeightSource {
    /// One unit for the whole file (from the header or the caller).
    Fixed(Unit),
    /// A `Weight Unit` column at this index.
    PerRow(usize),
}

#[derive(Debug, Clone, Copy)]
enum DistanceSource {
    Fixed(DistanceUnit),
    PerRow(usize),
}

#[derive(Debug, Clone, Copy)]
enum DurationColumn {
    /// `Duration` / `Workout Duration`: `1h 43m`.
    Text(usize),
    /// `Duration (sec)`: `3891`.
    Seconds(usize),
}

#[derive(Debug, Clone, Copy, Default)]
struct Columns {
    count: usize,
    date: usize,
    workout_name: Option<usize>,
    duration: Option<DurationColumn>,
    exercise: usize,
    set_order: usize,
    weight: Option<usize>,
    reps: Option<usize>,
    rpe: Option<usize>,
    distance: Option<usize>,
    seconds: Option<usize>,
    notes: Option<usize>,
    workout_notes: Option<usize>,
}

/// What a `Set Order` value says.
enum Order {
    Set(SetKind, Option<u32>),
    Note,
    RestTimer,
}

/// Streams the sets of a Strong export; see the module docs.
pub struct StrongReader<R: Read> {
    csv: csv::Reader<csvio::Stream<R>>,
    record: csv::ByteRecord,
    cols: Columns,
    weight: Option<WeightSource>,
    /// The header names a unit other than `ReadOptions::units` (the header wins; rows are counted).
    header_overrides: bool,
    distance: Option<DistanceSource>,
    options: ReadOptions,
    stats: ReadStats,
    done: bool,
    /// The line the next record starts on.
    next_line: u64,
    /// The workout being read: its start, notes and duration.
    workout: Option<(NaiveDateTime, String, Option<u32>)>,
    /// The last `Date` text and its value (every row of a workout repeats it).
    date_cache: (String, Option<NaiveDateTime>),
    blocks: Blocks,
    /// A `Note` row's exercise and text, for the block it heads.
    pending_note: Option<(String, String)>,
    /// The current block's exercise notes.
    block_notes: String,
}

impl<R: Read> StrongReader<R> {
    /// Reads the header and decides the shape; the rows are read as the iterator goes.
    pub fn new(input: R, options: ReadOptions) -> Result<Self, ImportError> {
        let opened = csvio::open(input, true)?;
        let names = &opened.names;
        if csvio::find(names, &["exercise_title", "set_index"]).is_some() {
            return Err(ImportError::Header {
                message: "this is a Hevy export (its header has exercise_title and set_index); read it as hevy".into(),
            });
        }
        let need = |column: &'static str, wanted: &[&str]| {
            csvio::find(names, wanted).ok_or_else(|| ImportError::MissingColumn {
                column,
                hint: format!(
                    "a Strong export's header has Date, Exercise Name and Set Order; this one has: {}",
                    names.join(", ")
                ),
            })
        };
        let date = need("Date", &["date"])?;
        let exercise = need("Exercise Name", &["exercise name"])?;
        let set_order = need("Set Order", &["set order"])?;
        let find = |wanted: &[&str]| csvio::find(names, wanted);

        let weight_col = find(&[
            "weight",
            "weight (kg)",
            "weight (kgs)",
            "weight (lbs)",
            "weight (lb)",
            "kg",
            "kgs",
            "lbs",
            "lb",
        ]);
        let header_unit = weight_col.and_then(|i| match names[i].as_str() {
            "weight (kg)" | "weight (kgs)" | "kg" | "kgs" => Some(Unit::Kg),
            "weight (lbs)" | "weight (lb)" | "lbs" | "lb" => Some(Unit::Lb),
            _ => None,
        });
        let weight = match (
            weight_col,
            header_unit,
            find(&["weight unit"]),
            options.units,
        ) {
            (None, ..) => None,
            (Some(_), Some(u), ..) => Some(WeightSource::Fixed(u)),
            (Some(_), None, Some(unit_col), _) => Some(WeightSource::PerRow(unit_col)),
            (Some(_), None, None, Some(u)) => Some(WeightSource::Fixed(u)),
            (Some(_), None, None, None) => {
                return Err(ImportError::UnitsRequired {
                    format: "Strong (no unit column)",
                })
            }
        };

        let distance_col = find(&[
            "distance",
            "distance (meters)",
            "distance (metres)",
            "distance (m)",
            "distance (km)",
            "distance (miles)",
            "distance (mi)",
            "km",
            "mi.",
            "mi",
            "miles",
        ]);
        let header_distance = distance_col.and_then(|i| match names[i].as_str() {
            "distance (meters)" | "distance (metres)" | "distance (m)" => {
                Some(DistanceUnit::Meters)
            }
            "distance (km)" | "km" => Some(DistanceUnit::Km),
            "distance (miles)" | "distance (mi)" | "mi." | "mi" | "miles" => {
                Some(DistanceUnit::Miles)
            }
            _ => None,
        });
        let default_distance = match weight {
            Some(WeightSource::Fixed(Unit::Lb)) => DistanceUnit::Miles,
            _ if options.units == Some(Unit::Lb) => DistanceUnit::Miles,
            _ => DistanceUnit::Km,
        };
        let distance = distance_col.map(|_| match (header_distance, find(&["distance unit"])) {
            (Some(u), _) => DistanceSource::Fixed(u),
            (None, Some(c)) => DistanceSource::PerRow(c),
            (None, None) => DistanceSource::Fixed(default_distance),
        });

        let duration = find(&["duration (sec)", "duration (s)", "duration (seconds)"])
            .map(DurationColumn::Seconds)
            .or_else(|| find(&["duration", "workout duration"]).map(DurationColumn::Text));
        let cols = Columns {
            count: names.len(),
            date,
            workout_name: find(&["workout name"]),
            duration,
            exercise,
            set_order,
            weight: weight_col,
            reps: find(&["reps"]),
            rpe: find(&["rpe"]),
            distance: distance_col,
            seconds: find(&["seconds"]),
            notes: find(&["notes"]),
            workout_notes: find(&["workout notes"]),
        };
        Ok(StrongReader {
            csv: opened.csv,
            record: csv::ByteRecord::new(),
            cols,
            weight,
            header_overrides: header_unit.is_some()
                && options.units.is_some_and(|u| Some(u) != header_unit),
            distance,
            options,
            stats: ReadStats::default(),
            done: false,
            next_line: 2,
            workout: None,
            date_cache: (String::new(), None),
            blocks: Blocks::default(),
            pending_note: None,
            block_notes: String::new(),
        })
    }

    /// What has been read so far (complete once the iterator has ended).
    pub fn stats(&self) -> &ReadStats {
        &self.stats
    }

    fn row(&mut self, line: u64) -> Result<Option<SetRecord>, ImportError> {
        let c = self.cols;
        if self.record.len() != c.count {
            let end = self.csv.position().line().saturating_sub(1);
            return Err(field_count_error(line, end, c.count, self.record.len()));
        }
        let rec = &self.record;

        // Identity first: a bad value later in the row must not shift the keys of the sets after it.
        let date_text = text(rec, Some(c.date), "Date", line)?;
        if date_text != self.date_cache.0 {
            self.date_cache = (date_text.to_string(), fields::strong_datetime(date_text));
        }
        let start = self.date_cache.1.ok_or_else(|| {
            row_error(
                line,
                "Date",
                format!(
                    "expected YYYY-MM-DD HH:MM:SS, got '{}'",
                    fields::shorten(date_text)
                ),
            )
        })?;
        let exercise = text(rec, Some(c.exercise), "Exercise Name", line)?.trim();
        if exercise.is_empty() {
            return Err(row_error(
                line,
                "Exercise Name",
                "empty; expected the exercise's name",
            ));
        }
        let order_text = text(rec, Some(c.set_order), "Set Order", line)?.trim();
        let order = parse_order(order_text).ok_or_else(|| {
            row_error(
                line,
                "Set Order",
                format!(
                    "expected a number, W, D, F, Note or Rest Timer, got '{}'",
                    fields::shorten(order_text)
                ),
            )
        })?;

        if self.workout.as_ref().map(|w| w.0) != Some(start) {
            // Workout Notes and the duration are read below, from this row.
            self.workout = Some((start, String::new(), None));
            self.blocks.new_workout();
            self.pending_note = None;
        }
        let workout = self.workout.as_mut().expect("set above");
        let workout_notes = text(rec, c.workout_notes, "Workout Notes", line)?;
        if let Some(n) = non_empty(workout_notes) {
            if n != workout.1 {
                workout.1 = n.to_string();
            }
        }
        if workout.2.is_none() {
            workout.2 = match c.duration {
                Some(DurationColumn::Text(i)) => {
                    fields::strong_duration(text(rec, Some(i), "Duration", line)?)
                }
                // Lenient: a workout's length is not worth losing its sets over.
                Some(DurationColumn::Seconds(i)) => fields::seconds(
                    text(rec, Some(i), "Duration (sec)", line)?,
                    u32::MAX,
                    "seconds",
                )
                .ok()
                .flatten(),
                None => None,
            };
        }

        let (kind, number) = match order {
            Order::RestTimer => {
                self.stats.rest_timer_rows += 1;
                return Ok(None);
            }
            Order::Note => {
                self.stats.note_rows += 1;
                let note = text(rec, c.notes, "Notes", line)?.trim().to_string();
                self.pending_note = Some((exercise.to_string(), note));
                return Ok(None);
            }
            Order::Set(kind, number) => (kind, number),
        };
        let heads_block = self
            .pending_note
            .as_ref()
            .is_some_and(|(e, _)| e == exercise);
        let (occurrence, position) = self.blocks.place(
            exercise,
            number,
            heads_block && self.blocks.in_block_of(exercise),
        );
        if position == 1 {
            self.block_notes = match self.pending_note.take_if(|(e, _)| e == exercise) {
                Some((_, note)) => note,
                None => String::new(),
            };
        }

        let weight_text = text(rec, c.weight, "Weight", line)?;
        let weight = fields::number(weight_text, -MAX_LOAD, MAX_LOAD, "a weight (a number)")
            .map_err(|m| row_error(line, "Weight", m))?
            .filter(|&w| w != 0.0);
        let weight_unit =
            match (weight, self.weight) {
                (None, _) | (_, None) => None,
                (Some(_), Some(WeightSource::Fixed(u))) => {
                    if self.header_overrides {
                        self.stats.unit_overrides += 1;
                    }
                    Some(u)
                }
                (Some(_), Some(WeightSource::PerRow(i))) => {
                    let word = text(rec, Some(i), "Weight Unit", line)?;
                    match (non_empty(word), self.options.units) {
                        (Some(w), units) => {
                            let u = w.parse::<Unit>().map_err(|_| {
                                row_error(
                                    line,
                                    "Weight Unit",
                                    format!("expected kg or lbs, got '{}'", fields::shorten(w)),
                                )
                            })?;
                            if units.is_some_and(|given| given != u) {
                                self.stats.unit_overrides += 1;
                            }
                            Some(u)
                        }
                        (None, Some(u)) => Some(u),
                        (None, None) => return Err(row_error(
                            line,
                            "Weight Unit",
                            "empty while Weight is set; expected kg or lbs (or give units kg|lb)",
                        )),
                    }
                }
            };
        let rec = &self.record;
        let reps = fields::count(
            text(rec, c.reps, "Reps", line)?,
            MAX_REPS,
            "a whole number of reps",
        )
        .map_err(|m| row_error(line, "Reps", m))?;
        let rpe = fields::number(
            text(rec, c.rpe, "RPE", line)?,
            0.0,
            10.0,
            "an RPE from 0 to 10",
        )
        .map_err(|m| row_error(line, "RPE", m))?;
        let distance = fields::number(
            text(rec, c.distance, "Distance", line)?,
            0.0,
            MAX_DISTANCE_M,
            "a distance (a number, 0 or more)",
        )
        .map_err(|m| row_error(line, "Distance", m))?
        .filter(|&d| d != 0.0);
        let distance_unit = match (distance, self.distance) {
            (None, _) | (_, None) => None,
            (Some(_), Some(DistanceSource::Fixed(u))) => Some(u),
            (Some(_), Some(DistanceSource::PerRow(i))) => {
                let word = text(rec, Some(i), "Distance Unit", line)?;
                Some(match non_empty(word) {
                    Some(w) => parse_distance_unit(w).ok_or_else(|| {
                        row_error(
                            line,
                            "Distance Unit",
                            format!("expected km or mi., got '{}'", fields::shorten(w)),
                        )
                    })?,
                    None => match self.options.units {
                        Some(Unit::Lb) => DistanceUnit::Miles,
                        _ => DistanceUnit::Km,
                    },
                })
            }
        };
        let duration = fields::seconds(
            text(rec, c.seconds, "Seconds", line)?,
            MAX_SET_SECONDS,
            "seconds from 0 to 86400",
        )
        .map_err(|m| row_error(line, "Seconds", m))?
        .filter(|&s| s != 0);
        let reps = reps.filter(|&r| r != 0 || (duration.is_none() && distance.is_none()));
        let notes = text(rec, c.notes, "Notes", line)?;
        let workout_name = text(rec, c.workout_name, "Workout Name", line)?;

        let workout = self.workout.as_ref().expect("set above");
        Ok(Some(SetRecord {
            line,
            source: Source::Strong,
            workout_start: start,
            workout_name: workout_name.trim().to_string(),
            workout_duration_s: workout.2,
            workout_notes: workout.1.clone(),
            exercise: exercise.to_string(),
            exercise_notes: self.block_notes.clone(),
            superset: None,
            set_index: position,
            kind,
            reps,
            weight_kg: weight.zip(weight_unit).map(|(w, u)| u.to_kg(w)),
            weight_unit,
            distance_m: distance.zip(distance_unit).map(|(d, u)| u.to_meters(d)),
            distance_unit,
            duration_s: duration,
            rpe,
            notes: notes.trim().to_string(),
            key: ImportKey::new(Source::Strong, start, "", exercise, occurrence, position),
        }))
    }
}

fn parse_order(s: &str) -> Option<Order> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(Order::Set(SetKind::Working, Some(n)));
    }
    // `1.0`: a spreadsheet's way of writing 1.
    if let Some(v) = fields::decimal(s).filter(|v| v.fract() == 0.0 && (0.0..=1e6).contains(v)) {
        return Some(Order::Set(SetKind::Working, Some(v as u32)));
    }
    Some(match s.to_ascii_lowercase().as_str() {
        "w" => Order::Set(SetKind::WarmUp, None),
        "d" => Order::Set(SetKind::Drop, None),
        "f" => Order::Set(SetKind::Failure, None),
        "note" => Order::Note,
        "rest timer" => Order::RestTimer,
        _ => return None,
    })
}

fn parse_distance_unit(w: &str) -> Option<DistanceUnit> {
    Some(
        match w.trim().trim_end_matches('.').to_ascii_lowercase().as_str() {
            "km" | "kms" => DistanceUnit::Km,
            "mi" | "mile" | "miles" => DistanceUnit::Miles,
            "m" | "meters" | "metres" => DistanceUnit::Meters,
            _ => return None,
        },
    )
}

impl<R: Read> Iterator for StrongReader<R> {
    type Item = Result<SetRecord, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
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
                Ok(Some(set)) => {
                    self.stats.sets += 1;
                    return Some(Ok(set));
                }
                Ok(None) => continue,
                Err(e) => {
                    self.stats.malformed += 1;
                    self.done = self.options.strict;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}
