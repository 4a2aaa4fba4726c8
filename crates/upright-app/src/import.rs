//! `import strong|hevy`: a Strong or Hevy export into the person's history,
//! and `import map`: an app's exercise name onto a catalog ID.
//!
//! One pass over the file, streaming: core's reader yields one set at a
//! time, sets go to the store in batches inside one transaction (a failure,
//! or `strict` at the first malformed row, leaves the history as it was).
//! A set already imported (same import key) is skipped, so importing a file
//! again adds nothing and a newer export adds only what is new. Names map to
//! catalog IDs through the person's mappings, the alias table and the
//! catalog; a name that maps to nothing is kept as `custom:<key>` and can be
//! mapped later, which re-points what was imported under it.
//!
//! Memory is bounded by the batch, the workouts of one batch and the
//! distinct exercise names, never by the file.

use crate::lookup::exercise;
use crate::{Actor, App, AppError, AppResult};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use upright_core::coach::Unit;
use upright_core::import::names::{normalise, AliasTable, ExerciseMatcher, MatchedBy};
use upright_core::import::summary::ImportSummary;
use upright_core::import::{ImportError, ReadOptions, Reader, SetKind, SetRecord, Source};
use upright_core::text::echo;
use upright_store::{
    ExerciseMapping, ImportSet, ImportSource, ImportTx, ImportWorkout, SetConflict, WorkoutId,
};

/// Sets read before they are written (one round of store batches).
const CHUNK: usize = 4000;
/// Workouts remembered between chunks; past that the store is asked again.
const WORKOUT_CACHE: usize = 512;
/// Sets that cannot be stored, kept by line in the report (the rest counted).
const NOT_STORED_KEPT: usize = 1000;
/// Longest exercise or workout name stored (the store's limit).
const NAME_MAX: usize = 1000;
/// The prefix of an exercise kept under the file's name.
pub const CUSTOM_PREFIX: &str = "custom:";

/// What to import, as typed.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// `strong` or `hevy`.
    pub source: String,
    /// `kg` or `lb`: required for a Strong file that does not say.
    pub units: Option<String>,
    /// Stop at the first malformed row (and import nothing).
    pub strict: bool,
}

/// One exercise name of the file and where its sets went.
#[derive(Debug, Clone, Serialize)]
pub struct NameLine {
    pub name: String,
    /// The ID its sets were stored under (`custom:...` when unmapped).
    pub exercise: String,
    /// `mapping`, `alias`, `catalog`, `equipment`, or None when unmapped.
    pub matched_by: Option<&'static str>,
    pub assisted: bool,
    pub sets: u64,
    pub warm_up_sets: u64,
}

/// A row of the file that is not in the history, and why.
#[derive(Debug, Clone, Serialize)]
pub struct RowProblem {
    pub line: u64,
    pub message: String,
}

/// What an import did (the JSON shape).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub source: &'static str,
    /// CSV records after the header.
    pub records: u64,
    /// Set rows read.
    pub sets: u64,
    /// Sets now in the history that were not before.
    pub added: u64,
    /// Sets of the file that were imported before.
    pub already_present: u64,
    pub workouts: u64,
    pub warm_up_sets: u64,
    /// Strong `Note` and `Rest Timer` rows: not sets.
    pub note_rows: u64,
    pub rest_timer_rows: u64,
    /// Rows whose own unit differed from `units` (the file won).
    pub unit_overrides: u64,
    /// Malformed rows (skipped), the first of them by line.
    pub malformed: u64,
    pub malformed_rows: Vec<RowProblem>,
    /// Set rows that could not be stored (no reps, time or distance; a name
    /// over 1000 characters), the first of them by line.
    pub not_stored: u64,
    pub not_stored_rows: Vec<RowProblem>,
    /// Per exercise name of the file, by name.
    pub exercises: Vec<NameLine>,
    /// Names kept as custom exercises (`upright import map NAME ID`).
    pub unmapped: Vec<String>,
}

/// What `import map` did.
#[derive(Debug, Clone, Serialize)]
pub struct MapReport {
    pub name: String,
    pub key: String,
    pub exercise: String,
    pub exercise_name: String,
    /// Sets already imported under the name, now under `exercise`.
    pub repointed: u64,
}

/// The ID a name is kept under when nothing maps it.
pub fn custom_id(key: &str) -> String {
    let mut id = String::from(CUSTOM_PREFIX);
    for c in key.chars() {
        if id.len() + c.len_utf8() > 100 {
            break;
        }
        id.push(c);
    }
    id
}

/// The matching key of a name; a name with no letters or digits keys on its
/// bytes, so it is still kept (and mappable).
pub fn source_key(name: &str) -> String {
    let key = normalise(name);
    if !key.is_empty() {
        return key;
    }
    let mut hex = String::from("x");
    for b in name.trim().bytes().take(40) {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

fn matched_by(by: MatchedBy) -> &'static str {
    match by {
        MatchedBy::User => "mapping",
        MatchedBy::Alias => "alias",
        MatchedBy::Catalog => "catalog",
        MatchedBy::Equipment => "equipment",
    }
}

pub(crate) fn parse_source(s: &str) -> AppResult<Source> {
    match s.trim().to_ascii_lowercase().as_str() {
        "strong" => Ok(Source::Strong),
        "hevy" => Ok(Source::Hevy),
        _ => Err(AppError::bad(
            "source",
            format!("'{}' is not accepted; accepted: strong, hevy", echo(s)),
        )),
    }
}

pub(crate) fn store_source(s: Source) -> ImportSource {
    match s {
        Source::Strong => ImportSource::Strong,
        Source::Hevy => ImportSource::Hevy,
    }
}

pub(crate) fn store_kind(k: SetKind) -> upright_store::SetKind {
    match k {
        SetKind::Working => upright_store::SetKind::Working,
        SetKind::WarmUp => upright_store::SetKind::WarmUp,
        SetKind::Drop => upright_store::SetKind::Drop,
        SetKind::Failure => upright_store::SetKind::Failure,
    }
}

/// A reader's error as the person's: the field is `units` for a missing
/// unit, `file` for the header, `line N` for a row.
fn read_error(e: &ImportError) -> AppError {
    match e {
        ImportError::UnitsRequired { format } => AppError::bad(
            "units",
            format!("this {format} file does not say whether weights are kg or lb; accepted: --units kg or --units lb"),
        ),
        ImportError::Row { line, column, message } => {
            AppError::bad("file", format!("line {line}: {column}: {message} (nothing was imported)"))
        }
        other => AppError::bad("file", format!("{other} (nothing was imported)")),
    }
}

/// Where one name's sets go.
#[derive(Clone)]
struct Target {
    id: String,
    key: String,
    assisted: bool,
}

/// The workouts met so far, by (start, name), with the last set index used.
#[derive(Default)]
struct Workouts {
    known: HashMap<(chrono::NaiveDateTime, String), (WorkoutId, u32)>,
}

/// The running state of one import.
struct Run<'a> {
    tx: ImportTx,
    source: ImportSource,
    matcher: &'a ExerciseMatcher,
    targets: HashMap<String, Target>,
    workouts: Workouts,
    chunk: Vec<SetRecord>,
    added: u64,
    not_stored: u64,
    not_stored_rows: Vec<RowProblem>,
}

/// Why a set read from the file cannot be stored, if it cannot.
fn unstorable(set: &SetRecord) -> Option<&'static str> {
    if set.reps.is_none() && set.duration_s.is_none() && set.distance_m.is_none() {
        Some("no reps, time or distance")
    } else if set.exercise.chars().count() > NAME_MAX || set.workout_name.chars().count() > NAME_MAX
    {
        Some("a name longer than 1000 characters")
    } else {
        None
    }
}

impl Run<'_> {
    fn target(&mut self, name: &str) -> Target {
        if let Some(t) = self.targets.get(name) {
            return t.clone();
        }
        let m = self.matcher.resolve(name);
        let key = source_key(name);
        let t = Target {
            id: m.id.unwrap_or_else(|| custom_id(&key)),
            key,
            assisted: m.assisted,
        };
        self.targets.insert(name.to_string(), t.clone());
        t
    }

    async fn flush(&mut self) -> AppResult<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        if self.workouts.known.len() > WORKOUT_CACHE {
            // The store knows every workout and its last set index.
            self.workouts.known.clear();
        }
        let mut missing: Vec<ImportWorkout> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for r in &self.chunk {
            let k = (r.workout_start, r.workout_name.clone());
            if !self.workouts.known.contains_key(&k) && seen.insert(k) {
                missing.push(ImportWorkout {
                    source: self.source,
                    started_at: r.workout_start,
                    name: r.workout_name.clone(),
                    duration_s: r.workout_duration_s,
                    notes: (!r.workout_notes.is_empty()).then(|| r.workout_notes.clone()),
                });
            }
        }
        if !missing.is_empty() {
            let found = self.tx.workouts(&missing).await?;
            for (w, f) in missing.iter().zip(found) {
                self.workouts
                    .known
                    .insert((w.started_at, w.name.clone()), f);
            }
        }
        let chunk = std::mem::take(&mut self.chunk);
        let mut sets = Vec::with_capacity(chunk.len());
        for r in &chunk {
            let t = self.target(&r.exercise);
            let slot = self
                .workouts
                .known
                .get_mut(&(r.workout_start, r.workout_name.clone()))
                .expect("every workout of the chunk was found or created");
            slot.1 += 1;
            // Strong writes the assistance of an assisted exercise as a
            // positive weight; upright stores assistance as negative load.
            let load = r
                .weight_kg
                .map(|w| if t.assisted && w > 0.0 { -w } else { w });
            sets.push(ImportSet {
                workout_id: slot.0,
                set_index: slot.1,
                exercise_id: t.id,
                kind: store_kind(r.kind),
                reps: r.reps,
                load_kg: load,
                hold_s: r.duration_s,
                distance_m: r.distance_m,
                rpe: r.rpe,
                note: (!r.notes.is_empty()).then(|| r.notes.clone()),
                import_key: Some(r.key.0),
                source_name: Some(r.exercise.clone()),
                source_key: Some(t.key),
                exercise_note: (!r.exercise_notes.is_empty()).then(|| r.exercise_notes.clone()),
                superset: r.superset,
            });
        }
        self.added += self.tx.insert_sets(&sets, SetConflict::ImportKey).await?;
        self.chunk = chunk;
        self.chunk.clear();
        Ok(())
    }
}

impl App {
    /// The person's own mappings, as the matcher's user alias table.
    pub(crate) async fn user_aliases(&self, me: &Actor) -> AppResult<AliasTable> {
        let mut table = AliasTable::default();
        for m in self.store.mappings(me.id).await? {
            table.insert(&m.name, &m.exercise_id);
        }
        Ok(table)
    }

    /// Imports a Strong or Hevy export read from `input` (see the module docs).
    pub async fn import_history<R: Read>(
        &self,
        me: &Actor,
        req: ImportRequest,
        input: R,
    ) -> AppResult<ImportReport> {
        let source = parse_source(&req.source)?;
        let units = req
            .units
            .as_deref()
            .map(|u| {
                u.parse::<Unit>().map_err(|_| {
                    AppError::bad(
                        "units",
                        format!("'{}' is not accepted; accepted: kg, lb", echo(u)),
                    )
                })
            })
            .transpose()?;
        let options = ReadOptions {
            units,
            strict: req.strict,
        };
        let mut reader = Reader::open(source, input, options).map_err(|e| read_error(&e))?;
        let matcher = ExerciseMatcher::with_aliases(
            &self.catalog,
            AliasTable::builtin(),
            self.user_aliases(me).await?,
        );
        let mut run = Run {
            tx: self.store.begin_import(me.id).await?,
            source: store_source(source),
            matcher: &matcher,
            targets: HashMap::new(),
            workouts: Workouts::default(),
            chunk: Vec::with_capacity(CHUNK),
            added: 0,
            not_stored: 0,
            not_stored_rows: Vec::new(),
        };
        let mut summary = ImportSummary::default();
        for item in reader.by_ref() {
            summary.add(&item, &matcher);
            match item {
                Ok(set) if unstorable(&set).is_some() => {
                    run.not_stored += 1;
                    if run.not_stored_rows.len() < NOT_STORED_KEPT {
                        let why = unstorable(&set).unwrap_or_default();
                        run.not_stored_rows.push(RowProblem {
                            line: set.line,
                            message: format!("line {}: {why}; not stored", set.line),
                        });
                    }
                }
                Ok(set) => {
                    run.chunk.push(set);
                    if run.chunk.len() >= CHUNK {
                        run.flush().await?;
                    }
                }
                Err(e) if req.strict => return Err(read_error(&e)),
                Err(ImportError::Io { line, message }) => {
                    return Err(AppError::bad(
                        "file",
                        format!("line {line}: cannot read on: {message} (nothing was imported)"),
                    ))
                }
                Err(_) => {}
            }
        }
        run.flush().await?;
        summary.finish(reader.stats());
        let Run {
            tx,
            added,
            not_stored,
            not_stored_rows,
            targets,
            ..
        } = run;
        tx.commit().await?;
        let stored = summary.sets - not_stored;
        let exercises: Vec<NameLine> = summary
            .exercises
            .iter()
            .map(|(name, c)| NameLine {
                name: name.clone(),
                exercise: targets.get(name).map(|t| t.id.clone()).unwrap_or_else(|| {
                    c.id.clone().unwrap_or_else(|| custom_id(&source_key(name)))
                }),
                matched_by: c.by.map(matched_by),
                assisted: c.assisted,
                sets: c.sets,
                warm_up_sets: c.warm_up_sets,
            })
            .collect();
        Ok(ImportReport {
            source: source.as_str(),
            records: summary.stats.records,
            sets: summary.sets,
            added,
            already_present: stored - added,
            workouts: summary.workouts,
            warm_up_sets: summary.warm_up_sets,
            note_rows: summary.stats.note_rows,
            rest_timer_rows: summary.stats.rest_timer_rows,
            unit_overrides: summary.stats.unit_overrides,
            malformed: summary.error_count,
            malformed_rows: summary
                .errors
                .iter()
                .map(|e| RowProblem {
                    line: e.line(),
                    message: e.to_string(),
                })
                .collect(),
            not_stored,
            not_stored_rows,
            unmapped: summary.unmapped().map(|(n, _)| n.to_string()).collect(),
            exercises,
        })
    }

    /// Maps an app's exercise name onto a catalog ID for the person, and
    /// re-points the sets already imported under that name.
    pub async fn map_exercise(&self, me: &Actor, name: &str, id: &str) -> AppResult<MapReport> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::bad(
                "name",
                "empty; accepted: the exercise name as the import report lists it",
            ));
        }
        if name.chars().count() > 1000 {
            return Err(AppError::bad("name", "longer than 1000 characters"));
        }
        let ex = exercise(&self.catalog, "id", id)?;
        let key = source_key(name);
        let repointed = self
            .store
            .set_mapping(
                me.id,
                &ExerciseMapping {
                    source_key: key.clone(),
                    name: name.to_string(),
                    exercise_id: ex.id.clone(),
                },
            )
            .await?;
        Ok(MapReport {
            name: name.to_string(),
            key,
            exercise: ex.id.clone(),
            exercise_name: ex.name.clone(),
            repointed,
        })
    }
}
