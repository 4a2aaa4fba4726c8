//! Strong- and Hevy-format CSV from [`SetRecord`]s, streaming, one row per set.
//!
//! **Strong** is written in the S2 shape (`;`, 14 columns, `Weight Unit` and
//! `Distance Unit` per row):
//! it was Strong's export from 2018 to 2023, so the tools that read Strong
//! files (Hevy's Strong import among them) have read it longest; it carries kg
//! and lb alike, while S3's imperial header (`Weight (lbs)`) was never seen in
//! a real file. Decimals use `.`. Set tags follow S3 (`W` for a warm-up, `D`,
//! `F`, numbers for working sets counted past the warm-ups), and an exercise
//! note becomes a `Note` row heading its block, as in S3. What S2 cannot hold
//! is lost: supersets, and seconds of the workout's duration (written `1h 5m`).
//!
//! **Hevy** is written as Hevy's 14 quoted columns, with the units chosen per
//! file ([`HevyUnits`]), dates as `5 Dec 2025, 11:37` in English, the end as
//! start + duration (the start itself when the duration is unknown). Hevy
//! has minute resolution and no per-set note, so seconds of the start and
//! set notes are lost. Rows are written in the order given (Hevy's own
//! exports are newest first; upright's readers do not mind either way).
//!
//! Both write weights in the unit each record was read in (Hevy: the file's
//! unit), with up to six decimals where that reads back exactly, so upright
//! reads back the same number.

use super::{DistanceUnit, SetKind, SetRecord};
use crate::coach::units::{trim_number, Unit};
use chrono::{Datelike, NaiveDateTime, Timelike};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The header of the Strong files written here (S2).
pub const STRONG_HEADER: &str = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration";

/// Where one block (an exercise done in a row) begins, for set numbering.
#[derive(Debug, Default)]
struct Blocks {
    workout: Option<(NaiveDateTime, String)>,
    exercise: String,
    last_index: u32,
}

impl Blocks {
    /// (new workout, new block)
    fn step(&mut self, set: &SetRecord) -> (bool, bool) {
        let new_workout = self
            .workout
            .as_ref()
            .is_none_or(|(s, n)| *s != set.workout_start || *n != set.workout_name);
        let new_block =
            new_workout || self.exercise != set.exercise || set.set_index <= self.last_index;
        if new_workout {
            self.workout = Some((set.workout_start, set.workout_name.clone()));
        }
        if new_block {
            self.exercise.clone_from(&set.exercise);
        }
        self.last_index = set.set_index;
        (new_workout, new_block)
    }
}

/// Writes Strong S2 CSV; see the module docs.
pub struct StrongWriter<W: Write> {
    out: W,
    line: String,
    blocks: Blocks,
    /// The number of the last working/drop/failure set of the block.
    number: u32,
}

impl<W: Write> StrongWriter<W> {
    /// Writes the header.
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(STRONG_HEADER.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(StrongWriter {
            out,
            line: String::with_capacity(256),
            blocks: Blocks::default(),
            number: 0,
        })
    }

    pub fn write(&mut self, set: &SetRecord) -> io::Result<()> {
        let (new_workout, new_block) = self.blocks.step(set);
        if new_block {
            self.number = 0;
        }
        let mut workout_notes = if new_workout {
            set.workout_notes.as_str()
        } else {
            ""
        };
        if new_block && !set.exercise_notes.is_empty() {
            strong_row(&mut self.line, set, "Note", workout_notes, true);
            self.out.write_all(self.line.as_bytes())?;
            workout_notes = "";
        }
        let order = match set.kind {
            SetKind::WarmUp => "W".to_string(),
            kind => {
                self.number += 1;
                match kind {
                    SetKind::Drop => "D".to_string(),
                    SetKind::Failure => "F".to_string(),
                    _ => self.number.to_string(),
                }
            }
        };
        strong_row(&mut self.line, set, &order, workout_notes, false);
        self.out.write_all(self.line.as_bytes())
    }

    /// Flushes and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One Strong row into `l`: a set, or the `Note` row heading a block.
fn strong_row(l: &mut String, set: &SetRecord, order: &str, workout_notes: &str, note_row: bool) {
    {
        l.clear();
        push_timestamp(l, set.workout_start, true);
        l.push(';');
        push_quoted(l, &set.workout_name);
        l.push(';');
        push_quoted(l, &set.exercise);
        l.push(';');
        l.push_str(order);
        l.push(';');
        if note_row {
            // Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds
            l.push_str(";;;;;;;");
            push_quoted(l, &set.exercise_notes);
        } else {
            match (set.weight_kg, set.weight_unit) {
                (Some(kg), unit) => {
                    let unit = unit.unwrap_or(Unit::Kg);
                    l.push_str(&exact(unit.from_kg(kg), kg, |v| unit.to_kg(v)));
                    l.push(';');
                    l.push_str(match unit {
                        Unit::Kg => "kg",
                        Unit::Lb => "lbs",
                    });
                }
                (None, _) => l.push(';'),
            }
            l.push(';');
            push_count(l, set.reps);
            l.push(';');
            push_number(l, set.rpe);
            l.push(';');
            if let Some(m) = set.distance_m {
                let unit = if set.distance_unit == Some(DistanceUnit::Miles) {
                    DistanceUnit::Miles
                } else {
                    DistanceUnit::Km
                };
                l.push_str(&exact(unit.from_meters(m), m, |v| unit.to_meters(v)));
                l.push(';');
                l.push_str(if unit == DistanceUnit::Miles {
                    "mi."
                } else {
                    "km"
                });
            } else {
                l.push(';');
            }
            l.push(';');
            // S2 writes 0 for an unused Seconds.
            let _ = write!(l, "{}", set.duration_s.unwrap_or(0));
            l.push(';');
            push_quoted(l, &set.notes);
        }
        l.push(';');
        push_quoted(l, workout_notes);
        l.push(';');
        if let Some(d) = set.workout_duration_s {
            l.push_str(&strong_duration(d));
        }
        l.push('\n');
    }
}

/// `1h 5m`, `59m`, `45s`: Strong's way (minutes are the finest unit past one minute).
fn strong_duration(seconds: u32) -> String {
    if seconds < 60 {
        return format!("{seconds}s");
    }
    let minutes = (seconds + 30) / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// The units of a Hevy file (they are in its header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HevyUnits {
    pub weight: Unit,
    /// Km or Miles (Hevy has no metre column).
    pub distance: DistanceUnit,
}

impl Default for HevyUnits {
    fn default() -> Self {
        HevyUnits {
            weight: Unit::Kg,
            distance: DistanceUnit::Km,
        }
    }
}

/// Writes Hevy CSV; see the module docs.
pub struct HevyWriter<W: Write> {
    out: W,
    units: HevyUnits,
    line: String,
}

impl<W: Write> HevyWriter<W> {
    /// Writes the header.
    pub fn new(mut out: W, units: HevyUnits) -> io::Result<Self> {
        let weight = match units.weight {
            Unit::Kg => "weight_kg",
            Unit::Lb => "weight_lbs",
        };
        let distance = if units.distance == DistanceUnit::Miles {
            "distance_miles"
        } else {
            "distance_km"
        };
        let header = format!(
            "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"{weight}\",\"reps\",\"{distance}\",\"duration_seconds\",\"rpe\"\n"
        );
        out.write_all(header.as_bytes())?;
        let units = HevyUnits {
            weight: units.weight,
            distance: if units.distance == DistanceUnit::Miles {
                DistanceUnit::Miles
            } else {
                DistanceUnit::Km
            },
        };
        Ok(HevyWriter {
            out,
            units,
            line: String::with_capacity(256),
        })
    }

    pub fn write(&mut self, set: &SetRecord) -> io::Result<()> {
        let l = &mut self.line;
        l.clear();
        push_quoted(l, &set.workout_name);
        l.push_str(",\"");
        push_hevy_time(l, set.workout_start);
        l.push_str("\",");
        let end = set
            .workout_duration_s
            .and_then(|d| {
                set.workout_start
                    .checked_add_signed(chrono::TimeDelta::seconds(i64::from(d)))
            })
            .unwrap_or(set.workout_start);
        l.push('"');
        push_hevy_time(l, end);
        l.push('"');
        l.push(',');
        push_quoted(l, &set.workout_notes);
        l.push(',');
        push_quoted(l, &set.exercise);
        l.push(',');
        push_count(l, set.superset);
        l.push(',');
        push_quoted(l, &set.exercise_notes);
        l.push(',');
        let _ = write!(l, "{}", set.set_index.saturating_sub(1));
        l.push(',');
        push_quoted(
            l,
            match set.kind {
                SetKind::Working => "normal",
                SetKind::WarmUp => "warmup",
                SetKind::Drop => "dropset",
                SetKind::Failure => "failure",
            },
        );
        l.push(',');
        if let Some(kg) = set.weight_kg {
            let unit = self.units.weight;
            l.push_str(&exact(unit.from_kg(kg), kg, |v| unit.to_kg(v)));
        }
        l.push(',');
        push_count(l, set.reps);
        l.push(',');
        if let Some(m) = set.distance_m {
            let unit = self.units.distance;
            l.push_str(&exact(unit.from_meters(m), m, |v| unit.to_meters(v)));
        }
        l.push(',');
        push_count(l, set.duration_s);
        l.push(',');
        push_number(l, set.rpe);
        l.push('\n');
        self.out.write_all(l.as_bytes())
    }

    /// Flushes and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// `value` (in the file's unit) as text that reads back to `original` (in
/// upright's unit): six decimals at most when that is exact, as nearly every
/// weight is (`115`, `52.5`), else the shortest text that round-trips the
/// float (`4.535923700000001` as Strong wrote it).
fn exact(value: f64, original: f64, back: impl Fn(f64) -> f64) -> String {
    let short = trim_number(value, 6);
    if short.parse::<f64>().is_ok_and(|v| back(v) == original) {
        short
    } else {
        format!("{value}")
    }
}

/// A text field, always quoted, inner quotes doubled.
fn push_quoted(l: &mut String, s: &str) {
    l.push('"');
    for c in s.chars() {
        if c == '"' {
            l.push('"');
        }
        l.push(c);
    }
    l.push('"');
}

fn push_count(l: &mut String, v: Option<u32>) {
    if let Some(v) = v {
        let _ = write!(l, "{v}");
    }
}

fn push_number(l: &mut String, v: Option<f64>) {
    if let Some(v) = v {
        l.push_str(&trim_number(v, 6));
    }
}

/// `YYYY-MM-DD HH:MM:SS`.
fn push_timestamp(l: &mut String, t: NaiveDateTime, seconds: bool) {
    let _ = write!(
        l,
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    );
    if seconds {
        let _ = write!(l, ":{:02}", t.second());
    }
}

/// `5 Dec 2025, 11:37`.
fn push_hevy_time(l: &mut String, t: NaiveDateTime) {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let _ = write!(
        l,
        "{} {} {}, {:02}:{:02}",
        t.day(),
        MONTHS[t.month0() as usize],
        t.year(),
        t.hour(),
        t.minute()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_strongs_words() {
        assert_eq!(strong_duration(45), "45s");
        assert_eq!(strong_duration(60), "1m");
        assert_eq!(strong_duration(3540), "59m");
        assert_eq!(strong_duration(3600), "1h");
        assert_eq!(strong_duration(6180), "1h 43m");
        assert_eq!(strong_duration(950_460), "264h 1m");
    }

    #[test]
    fn quoting_doubles_inner_quotes() {
        let mut s = String::new();
        push_quoted(&mut s, "say \"hi\"; ok");
        assert_eq!(s, "\"say \"\"hi\"\"; ok\"");
    }
}
