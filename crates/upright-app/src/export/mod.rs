//! `export`: everything the person has, as upright's own JSON or CSV (which
//! `import upright` reads back to the same history), or their sets as a
//! Strong or Hevy CSV (which those apps, and upright's own readers, read).
//!
//! Written as the store is read, a page of sets at a time, so the size of a
//! history does not matter.

pub mod doc;
pub mod restore;

use crate::{Actor, App, AppError, AppResult};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use doc::*;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use upright_core::import::write::{HevyUnits, HevyWriter, StrongWriter};
use upright_core::import::{DistanceUnit, ImportKey, SetKind, SetRecord, Source};
use upright_core::text::echo;
use upright_store::{time_text, ExportSetRow, PlanId};

/// Sets read from the store at a time.
const PAGE: u32 = 5000;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    Hevy,
    Strong,
}

impl ExportFormat {
    pub fn parse(s: &str) -> AppResult<ExportFormat> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "json" => ExportFormat::Json,
            "csv" => ExportFormat::Csv,
            "hevy" => ExportFormat::Hevy,
            "strong" => ExportFormat::Strong,
            _ => {
                return Err(AppError::bad(
                    "format",
                    format!(
                        "'{}' is not accepted; accepted: json, csv, hevy, strong",
                        echo(s)
                    ),
                ))
            }
        })
    }
}

/// What was written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportSummary {
    pub sets: u64,
    pub workouts: u64,
    pub plans: usize,
    pub pain: usize,
    pub assessments: usize,
    pub gyms: usize,
    /// The availability was written (the person has set one).
    pub availability: bool,
}

/// What the JSON and CSV write before the sets.
struct Head {
    user: UserDoc,
    plans: Vec<PlanDoc>,
    exclusions: Vec<String>,
    mappings: Vec<upright_store::ExerciseMapping>,
    catalog: Vec<ExerciseDoc>,
    pain: Vec<PainDoc>,
    assessments: Vec<AssessmentDoc>,
    gyms: Vec<GymDoc>,
    availability: Option<upright_store::StoredAvailability>,
}

fn write_error(e: std::io::Error) -> AppError {
    AppError::bad("out", format!("cannot write the export: {e}"))
}

/// Where the sets go, one at a time in (date, workout, set) order.
trait Sink {
    fn set(&mut self, row: &ExportSetRow, plan: Option<String>) -> std::io::Result<()>;
    fn finish(self: Box<Self>) -> std::io::Result<()>;
}

/// upright's JSON: the head parts, then one workout a line.
struct JsonSink<W: Write> {
    out: W,
    current: Option<WorkoutDoc>,
    first: bool,
}

impl<W: Write> JsonSink<W> {
    fn flush_workout(&mut self) -> std::io::Result<()> {
        if let Some(w) = self.current.take() {
            self.out
                .write_all(if self.first { b"\n" } else { b",\n" })?;
            self.first = false;
            serde_json::to_writer(&mut self.out, &w)?;
        }
        Ok(())
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn set(&mut self, row: &ExportSetRow, plan: Option<String>) -> std::io::Result<()> {
        let (head, set) = parts(row, plan);
        match &mut self.current {
            Some(w) if w.head == head => w.sets.push(set),
            _ => {
                self.flush_workout()?;
                self.current = Some(WorkoutDoc {
                    head,
                    sets: vec![set],
                });
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> std::io::Result<()> {
        self.flush_workout()?;
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()
    }
}

struct CsvSink<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> Sink for CsvSink<W> {
    fn set(&mut self, row: &ExportSetRow, plan: Option<String>) -> std::io::Result<()> {
        let (head, set) = parts(row, plan);
        self.out
            .serialize(CsvRow::set(&head, &set))
            .map_err(std::io::Error::other)
    }

    fn finish(mut self: Box<Self>) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Turns stored rows into the records the Strong and Hevy writers take:
/// the name the file wrote (or the catalog's), positions counted per block,
/// a start for workouts logged in upright (their day, a minute apart).
struct Records<'a> {
    app: &'a App,
    unit: upright_core::coach::Unit,
    source: Source,
    last: Option<(i64, String)>,
    position: u32,
    day: Option<(NaiveDate, u32)>,
    start: NaiveDateTime,
}

impl Records<'_> {
    fn record(&mut self, row: &ExportSetRow) -> SetRecord {
        let name = row.source_name.clone().unwrap_or_else(|| {
            self.app
                .catalog
                .get(&row.exercise_id)
                .map(|e| e.name.clone())
                .unwrap_or_else(|| row.exercise_id.clone())
        });
        let same_workout = self
            .last
            .as_ref()
            .is_some_and(|(w, _)| *w == row.workout_id.0);
        if !same_workout {
            self.start = match row.started_at {
                Some(t) => t,
                None => {
                    let n = match self.day {
                        Some((d, n)) if d == row.date => n + 1,
                        _ => 0,
                    };
                    self.day = Some((row.date, n));
                    row.date.and_time(chrono::NaiveTime::MIN) + TimeDelta::minutes(i64::from(n))
                }
            };
        }
        let same_block = same_workout && self.last.as_ref().is_some_and(|(_, n)| *n == name);
        self.position = if same_block { self.position + 1 } else { 1 };
        self.last = Some((row.workout_id.0, name.clone()));
        // Assistance is stored as negative load; the apps write it positive.
        let assisted = row.load_kg.is_some_and(|l| l < 0.0);
        SetRecord {
            line: 0,
            source: self.source,
            workout_start: self.start,
            workout_name: row.name.clone().unwrap_or_else(|| "upright".to_string()),
            workout_duration_s: row.duration_s,
            workout_notes: row.notes.clone().unwrap_or_default(),
            exercise: name,
            exercise_notes: row.exercise_note.clone().unwrap_or_default(),
            superset: row.superset,
            set_index: self.position,
            kind: match row.kind {
                upright_store::SetKind::Working => SetKind::Working,
                upright_store::SetKind::WarmUp => SetKind::WarmUp,
                upright_store::SetKind::Drop => SetKind::Drop,
                upright_store::SetKind::Failure => SetKind::Failure,
            },
            reps: row.reps,
            weight_kg: row.load_kg.map(|l| if assisted { -l } else { l }),
            weight_unit: row.load_kg.map(|_| self.unit),
            distance_m: row.distance_m,
            distance_unit: row.distance_m.map(|_| match self.unit {
                upright_core::coach::Unit::Kg => DistanceUnit::Km,
                upright_core::coach::Unit::Lb => DistanceUnit::Miles,
            }),
            duration_s: row.hold_s,
            rpe: row.rpe,
            notes: row.note.clone().unwrap_or_default(),
            key: ImportKey::default(),
        }
    }
}

struct AppSink<'a, W: Write> {
    records: Records<'a>,
    strong: Option<StrongWriter<W>>,
    hevy: Option<HevyWriter<W>>,
}

impl<W: Write> Sink for AppSink<'_, W> {
    fn set(&mut self, row: &ExportSetRow, _plan: Option<String>) -> std::io::Result<()> {
        let r = self.records.record(row);
        match (&mut self.strong, &mut self.hevy) {
            (Some(w), _) => w.write(&r),
            (_, Some(w)) => w.write(&r),
            _ => Ok(()),
        }
    }

    fn finish(self: Box<Self>) -> std::io::Result<()> {
        if let Some(w) = self.strong {
            w.finish()?;
        }
        if let Some(w) = self.hevy {
            w.finish()?;
        }
        Ok(())
    }
}

impl App {
    /// Writes the person's export in `format` to `out`.
    pub async fn export<W: Write>(
        &self,
        me: &Actor,
        format: ExportFormat,
        mut out: W,
    ) -> AppResult<ExportSummary> {
        let plans = self.store.plans(me.id).await?;
        let plan_times: HashMap<PlanId, String> = plans
            .iter()
            .map(|p| (p.id, time_text(p.created_at)))
            .collect();
        let mut summary = ExportSummary {
            plans: plans.len(),
            ..ExportSummary::default()
        };
        let mut sink: Box<dyn Sink + '_> = match format {
            ExportFormat::Json | ExportFormat::Csv => {
                let user = self
                    .store
                    .user(me.id)
                    .await?
                    .ok_or_else(|| AppError::internal("the acting user is gone"))?;
                let user = UserDoc {
                    handle: user.handle,
                    display_name: user.display_name,
                    unit: user.unit,
                };
                let mut plan_docs = Vec::with_capacity(plans.len());
                for p in &plans {
                    let changes = self.store.plan_changes(me.id, p.id).await?;
                    let raw = |s: &str| {
                        serde_json::value::RawValue::from_string(s.to_string()).map_err(|e| {
                            AppError::internal(format!("stored plan {} is not JSON: {e}", p.id))
                        })
                    };
                    plan_docs.push(PlanDoc {
                        created_at: time_text(p.created_at),
                        start_date: p.start_date.format("%Y-%m-%d").to_string(),
                        active: p.active,
                        revision: p.revision,
                        profile: raw(&p.profile_json)?,
                        plan: raw(&p.plan_json)?,
                        changes: changes
                            .iter()
                            .map(|c| ChangeDoc {
                                date: c.change.date.format("%Y-%m-%d").to_string(),
                                kind: c.change.kind,
                                from: c.change.from_exercise.clone(),
                                to: c.change.to_exercise.clone(),
                                created_at: time_text(c.created_at),
                            })
                            .collect(),
                    });
                }
                let exclusions = self.store.exclusions(me.id).await?;
                let mappings = self.store.mappings(me.id).await?;
                let mut catalog = Vec::new();
                for e in self.store.user_exercises(me.id).await? {
                    catalog.push(ExerciseDoc {
                        id: e.exercise_id,
                        origin: e.origin,
                        exercise: serde_json::value::RawValue::from_string(e.exercise_json)
                            .map_err(|e| {
                                AppError::internal(format!("a stored exercise is not JSON: {e}"))
                            })?,
                    });
                }
                let pain: Vec<PainDoc> = self
                    .store
                    .pain_entries(me.id, None, None)
                    .await?
                    .into_iter()
                    .map(|p| PainDoc {
                        date: p.entry.date.format("%Y-%m-%d").to_string(),
                        score: p.entry.score,
                        timing: p.entry.timing,
                        note: p.entry.note,
                        created_at: time_text(p.created_at),
                    })
                    .collect();
                summary.pain = pain.len();
                let assessments: Vec<AssessmentDoc> = self
                    .store
                    .assessments(me.id, None, None)
                    .await?
                    .into_iter()
                    .map(|a| AssessmentDoc {
                        created_at: time_text(a.created_at),
                        battery: a.assessment,
                    })
                    .collect();
                let chosen = self.store.gym_choice(me.id).await?;
                let gyms: Vec<GymDoc> = self
                    .store
                    .gyms(me.id)
                    .await?
                    .into_iter()
                    .map(|g| GymDoc {
                        chosen: chosen == Some(g.id),
                        name: g.name,
                        address: g.address,
                        time_zone: g.time_zone,
                        hours: g.hours,
                        closures: g.closures,
                        created_at: time_text(g.created_at),
                    })
                    .collect();
                let availability = self.store.availability(me.id).await?;
                summary.assessments = assessments.len();
                summary.gyms = gyms.len();
                summary.availability = availability.is_some();
                let head = Head {
                    user,
                    plans: plan_docs,
                    exclusions,
                    mappings,
                    catalog,
                    pain,
                    assessments,
                    gyms,
                    availability,
                };
                if format == ExportFormat::Json {
                    write_json_head(&mut out, &head).map_err(write_error)?;
                    Box::new(JsonSink {
                        out,
                        current: None,
                        first: true,
                    })
                } else {
                    let mut w = csv::WriterBuilder::new()
                        .has_headers(false)
                        .from_writer(out);
                    write_csv_head(&mut w, &head)
                        .map_err(|e| write_error(std::io::Error::other(e)))?;
                    Box::new(CsvSink { out: w })
                }
            }
            ExportFormat::Strong | ExportFormat::Hevy => {
                let source = if format == ExportFormat::Strong {
                    Source::Strong
                } else {
                    Source::Hevy
                };
                let records = Records {
                    app: self,
                    unit: me.unit,
                    source,
                    last: None,
                    position: 0,
                    day: None,
                    start: NaiveDateTime::MIN,
                };
                let (strong, hevy) = if source == Source::Strong {
                    (Some(StrongWriter::new(out).map_err(write_error)?), None)
                } else {
                    let units = HevyUnits {
                        weight: me.unit,
                        distance: match me.unit {
                            upright_core::coach::Unit::Kg => DistanceUnit::Km,
                            upright_core::coach::Unit::Lb => DistanceUnit::Miles,
                        },
                    };
                    (
                        None,
                        Some(HevyWriter::new(out, units).map_err(write_error)?),
                    )
                };
                Box::new(AppSink {
                    records,
                    strong,
                    hevy,
                })
            }
        };
        let mut after = None;
        let mut last_workout = None;
        loop {
            let page = self.store.export_sets(me.id, after, PAGE).await?;
            for row in &page {
                summary.sets += 1;
                if last_workout != Some(row.workout_id) {
                    summary.workouts += 1;
                    last_workout = Some(row.workout_id);
                }
                let plan = row.plan_id.and_then(|p| plan_times.get(&p).cloned());
                sink.set(row, plan).map_err(write_error)?;
            }
            match page.last() {
                Some(last) if page.len() as u32 == PAGE => after = Some(last.cursor()),
                _ => break,
            }
        }
        sink.finish().map_err(write_error)?;
        Ok(summary)
    }
}

fn write_json_head<W: Write>(out: &mut W, h: &Head) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        format: &'static str,
        version: u32,
        user: &'a UserDoc,
        plans: &'a [PlanDoc],
        exclusions: &'a [String],
        mappings: &'a [upright_store::ExerciseMapping],
        catalog: &'a [ExerciseDoc],
        pain: &'a [PainDoc],
        assessments: &'a [AssessmentDoc],
        gyms: &'a [GymDoc],
        availability: &'a Option<upright_store::StoredAvailability>,
    }
    let head = serde_json::to_string(&Doc {
        format: FORMAT,
        version: VERSION,
        user: &h.user,
        plans: &h.plans,
        exclusions: &h.exclusions,
        mappings: &h.mappings,
        catalog: &h.catalog,
        pain: &h.pain,
        assessments: &h.assessments,
        gyms: &h.gyms,
        availability: &h.availability,
    })?;
    // The head without its closing brace, then the workouts.
    out.write_all(&head.as_bytes()[..head.len() - 1])?;
    out.write_all(b",\"workouts\":[")
}

fn write_csv_head<W: Write>(w: &mut csv::Writer<W>, h: &Head) -> csv::Result<()> {
    let Head {
        user,
        plans,
        exclusions,
        mappings,
        catalog,
        pain,
        assessments,
        gyms,
        availability,
    } = h;
    w.write_record(CSV_HEADER.split(','))?;
    let json = |v: serde_json::Value| Some(v.to_string());
    w.serialize(CsvRow {
        record: "user".into(),
        json: json(serde_json::json!({"format": FORMAT, "version": VERSION, "user": user})),
        ..CsvRow::default()
    })?;
    for p in plans {
        w.serialize(CsvRow {
            record: "plan".into(),
            created_at: Some(p.created_at.clone()),
            date: Some(p.start_date.clone()),
            // Written by hand so the documents stay byte for byte as stored.
            json: Some(format!(
                "{{\"active\":{},\"revision\":{},\"profile\":{},\"plan\":{}}}",
                p.active,
                p.revision,
                p.profile.get(),
                p.plan.get()
            )),
            ..CsvRow::default()
        })?;
        for c in &p.changes {
            w.serialize(CsvRow {
                record: "change".into(),
                plan: Some(p.created_at.clone()),
                date: Some(c.date.clone()),
                created_at: Some(c.created_at.clone()),
                kind: Some(c.kind.as_str().to_string()),
                exercise: Some(c.from.clone()),
                json: c
                    .to
                    .as_ref()
                    .map(|t| serde_json::json!({ "to": t }).to_string()),
                ..CsvRow::default()
            })?;
        }
    }
    for e in exclusions {
        w.serialize(CsvRow {
            record: "exclusion".into(),
            exercise: Some(e.clone()),
            ..CsvRow::default()
        })?;
    }
    for m in mappings {
        w.serialize(CsvRow {
            record: "mapping".into(),
            source_key: Some(m.source_key.clone()),
            name: Some(m.name.clone()),
            exercise: Some(m.exercise_id.clone()),
            ..CsvRow::default()
        })?;
    }
    for e in catalog {
        w.serialize(CsvRow {
            record: "exercise".into(),
            exercise: Some(e.id.clone()),
            name: Some(e.origin.clone()),
            json: Some(e.exercise.get().to_string()),
            ..CsvRow::default()
        })?;
    }
    for p in pain {
        w.serialize(CsvRow {
            record: "pain".into(),
            date: Some(p.date.clone()),
            created_at: Some(p.created_at.clone()),
            score: Some(p.score),
            timing: Some(p.timing),
            note: p.note.clone(),
            ..CsvRow::default()
        })?;
    }
    for a in assessments {
        w.serialize(CsvRow {
            record: "assessment".into(),
            date: Some(a.battery.date.format("%Y-%m-%d").to_string()),
            created_at: Some(a.created_at.clone()),
            json: json(serde_json::json!(a.battery)),
            ..CsvRow::default()
        })?;
    }
    for g in gyms {
        w.serialize(CsvRow {
            record: "gym".into(),
            name: Some(g.name.clone()),
            created_at: Some(g.created_at.clone()),
            json: json(serde_json::json!(g)),
            ..CsvRow::default()
        })?;
    }
    if let Some(a) = availability {
        w.serialize(CsvRow {
            record: "availability".into(),
            json: json(serde_json::json!(a)),
            ..CsvRow::default()
        })?;
    }
    Ok(())
}
