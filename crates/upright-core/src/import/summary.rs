//! What an import found: sets per exercise name and where each maps, skipped
//! pseudo-rows, malformed rows by line. Built in the same pass as storing, so
//! the file is read once.

use super::names::{ExerciseMatcher, MatchedBy};
use super::{ImportError, ReadStats, SetRecord};
use std::collections::BTreeMap;

/// Malformed rows kept in full; beyond this only counted (a garbage file
/// must not fill memory with messages).
pub const MAX_ERRORS_KEPT: usize = 1000;

/// One exercise name of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseCount {
    /// The catalog ID, or None: kept as the person's own exercise.
    pub id: Option<String>,
    pub by: Option<MatchedBy>,
    pub assisted: bool,
    pub sets: u64,
    pub warm_up_sets: u64,
}

/// The report of one import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// Exercise name as written → counts and mapping.
    pub exercises: BTreeMap<String, ExerciseCount>,
    pub sets: u64,
    pub warm_up_sets: u64,
    /// Sets with neither reps nor a time nor a distance (the store may refuse them).
    pub empty_sets: u64,
    /// Distinct workouts (by start and name) among the sets.
    pub workouts: u64,
    /// The reader's counts (records, pseudo-rows, malformed), set by [`ImportSummary::finish`].
    pub stats: ReadStats,
    /// The first [`MAX_ERRORS_KEPT`] malformed rows, in file order.
    pub errors: Vec<ImportError>,
    /// All malformed rows, kept or not.
    pub error_count: u64,
    last_workout: Option<(chrono::NaiveDateTime, String)>,
}

impl ImportSummary {
    /// Counts one item of a reader.
    pub fn add(&mut self, item: &Result<SetRecord, ImportError>, matcher: &ExerciseMatcher) {
        match item {
            Ok(set) => {
                self.sets += 1;
                let warm = u64::from(set.kind.is_warm_up());
                self.warm_up_sets += warm;
                self.empty_sets += u64::from(
                    set.reps.is_none() && set.duration_s.is_none() && set.distance_m.is_none(),
                );
                let same = self
                    .last_workout
                    .as_ref()
                    .is_some_and(|(s, n)| *s == set.workout_start && *n == set.workout_name);
                if !same {
                    self.workouts += 1;
                    self.last_workout = Some((set.workout_start, set.workout_name.clone()));
                }
                if let Some(e) = self.exercises.get_mut(&set.exercise) {
                    e.sets += 1;
                    e.warm_up_sets += warm;
                } else {
                    let m = matcher.resolve(&set.exercise);
                    self.exercises.insert(
                        set.exercise.clone(),
                        ExerciseCount {
                            id: m.id,
                            by: m.by,
                            assisted: m.assisted,
                            sets: 1,
                            warm_up_sets: warm,
                        },
                    );
                }
            }
            Err(e) => {
                self.error_count += 1;
                if self.errors.len() < MAX_ERRORS_KEPT {
                    self.errors.push(e.clone());
                }
            }
        }
    }

    /// Takes the reader's counts once it has ended.
    pub fn finish(&mut self, stats: &ReadStats) {
        self.stats = *stats;
    }

    /// Names that map to no catalog exercise, with their set counts.
    pub fn unmapped(&self) -> impl Iterator<Item = (&str, u64)> {
        self.exercises
            .iter()
            .filter(|(_, c)| c.id.is_none())
            .map(|(n, c)| (n.as_str(), c.sets))
    }

    /// Sets whose name maps to a catalog exercise.
    pub fn mapped_sets(&self) -> u64 {
        self.exercises
            .values()
            .filter(|c| c.id.is_some())
            .map(|c| c.sets)
            .sum()
    }
}

/// Reads a whole file through `reader` and summarises it (sets are not kept).
pub fn summarise<I>(reader: &mut I, matcher: &ExerciseMatcher) -> ImportSummary
where
    I: Iterator<Item = Result<SetRecord, ImportError>> + HasStats,
{
    let mut summary = ImportSummary::default();
    for item in reader.by_ref() {
        summary.add(&item, matcher);
    }
    summary.finish(reader.read_stats());
    summary
}

/// A reader that counts what it read.
pub trait HasStats {
    fn read_stats(&self) -> &ReadStats;
}

impl<R: std::io::Read> HasStats for super::strong::StrongReader<R> {
    fn read_stats(&self) -> &ReadStats {
        self.stats()
    }
}

impl<R: std::io::Read> HasStats for super::hevy::HevyReader<R> {
    fn read_stats(&self) -> &ReadStats {
        self.stats()
    }
}

impl<R: std::io::Read> HasStats for super::Reader<R> {
    fn read_stats(&self) -> &ReadStats {
        self.stats()
    }
}
