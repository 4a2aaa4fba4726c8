//! `import upright FILE`: upright's own JSON or CSV export back into a
//! history, in one transaction. What is there already is found and skipped
//! (plans, changes and pain by their creation time, workouts logged in
//! upright by theirs and each set by its position, imported sets by their
//! import key), so a file restored twice, or into the database it came
//! from, adds nothing. The file's active plan becomes active only where the
//! person has none.
//!
//! The CSV is read a row at a time; the JSON document is read whole (use the
//! CSV for histories of millions of sets).

use super::doc::*;
use crate::{Actor, App, AppError, AppResult};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use upright_core::text::echo;
use upright_store::{
    ImportSet, ImportTx, ImportWorkout, PainEntry, PlanChange, PlanId, RestorePlan, SetConflict,
    SetKind, StoredAvailability, UserExercise,
};

/// Largest JSON export read (it is parsed whole).
pub const JSON_MAX_BYTES: u64 = 1 << 30;

/// What a restore added and found already there.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RestoreReport {
    pub format: &'static str,
    pub plans_added: u64,
    pub plans_present: u64,
    pub changes_added: u64,
    pub exclusions_added: u64,
    pub mappings: u64,
    pub exercises_added: u64,
    pub pain_added: u64,
    pub pain_present: u64,
    pub assessments_added: u64,
    pub assessments_present: u64,
    pub gyms_added: u64,
    /// Gyms of a name the person has already: theirs are kept.
    pub gyms_present: u64,
    /// The file's availability was set (only where the person had none).
    pub availability_added: bool,
    pub workouts: u64,
    pub sets: u64,
    pub sets_added: u64,
    pub sets_present: u64,
}

fn bad(at: &str, message: impl AsRef<str>) -> AppError {
    AppError::bad(
        "file",
        format!("{at}: {} (nothing was imported)", message.as_ref()),
    )
}

fn day(at: &str, s: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| bad(at, format!("date '{}' is not YYYY-MM-DD", echo(s))))
}

fn start(at: &str, s: &str) -> AppResult<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").map_err(|_| {
        bad(
            at,
            format!("started_at '{}' is not YYYY-MM-DD HH:MM:SS", echo(s)),
        )
    })
}

/// The restore in progress: one transaction, plans by their `created_at`,
/// the sets of the workout being read.
struct Restore {
    tx: ImportTx,
    plans: HashMap<String, PlanId>,
    workout: Option<(WorkoutHead, String)>,
    sets: Vec<SetDoc>,
    report: RestoreReport,
}

impl Restore {
    async fn settings(&mut self, user: &UserDoc) -> AppResult<()> {
        Ok(self
            .tx
            .restore_settings(user.unit, &user.display_name)
            .await?)
    }

    async fn plan(&mut self, at: &str, p: &PlanDoc) -> AppResult<()> {
        let (id, present) = self
            .tx
            .restore_plan(&RestorePlan {
                profile_json: p.profile.get(),
                plan_json: p.plan.get(),
                start_date: day(at, &p.start_date)?,
                created_at: &p.created_at,
                active: p.active,
                revision: p.revision,
            })
            .await?;
        if present {
            self.report.plans_present += 1;
        } else {
            self.report.plans_added += 1;
        }
        self.plans.insert(p.created_at.clone(), id);
        for c in &p.changes {
            self.change(at, &p.created_at, c).await?;
        }
        Ok(())
    }

    async fn change(&mut self, at: &str, plan: &str, c: &ChangeDoc) -> AppResult<()> {
        let id = *self.plans.get(plan).ok_or_else(|| {
            bad(
                at,
                format!(
                    "a change names plan '{}', which the file does not hold before it",
                    echo(plan)
                ),
            )
        })?;
        let change = PlanChange {
            date: day(at, &c.date)?,
            kind: c.kind,
            from_exercise: c.from.clone(),
            to_exercise: c.to.clone(),
        };
        if self
            .tx
            .restore_plan_change(id, &change, &c.created_at)
            .await?
        {
            self.report.changes_added += 1;
        }
        Ok(())
    }

    async fn pain(&mut self, at: &str, p: &PainDoc) -> AppResult<()> {
        if p.score > 10 {
            return Err(bad(at, format!("pain score {} is outside 0-10", p.score)));
        }
        let entry = PainEntry {
            date: day(at, &p.date)?,
            score: p.score,
            timing: p.timing,
            note: p.note.clone(),
        };
        if self.tx.restore_pain(&entry, &p.created_at).await? {
            self.report.pain_added += 1;
        } else {
            self.report.pain_present += 1;
        }
        Ok(())
    }

    async fn assessment(&mut self, a: &AssessmentDoc) -> AppResult<()> {
        if self
            .tx
            .restore_assessment(&a.battery, &a.created_at)
            .await?
        {
            self.report.assessments_added += 1;
        } else {
            self.report.assessments_present += 1;
        }
        Ok(())
    }

    async fn gym(&mut self, g: &GymDoc) -> AppResult<()> {
        let gym = upright_store::NewGym {
            name: g.name.clone(),
            address: g.address.clone(),
            time_zone: g.time_zone.clone(),
            hours: g.hours.clone(),
            closures: g.closures.clone(),
        };
        let added = self.tx.restore_gym(&gym, &g.created_at).await?;
        if added {
            self.report.gyms_added += 1;
        } else {
            self.report.gyms_present += 1;
        }
        if g.chosen {
            self.tx.restore_gym_choice(&g.name).await?;
        }
        Ok(())
    }

    async fn availability(&mut self, a: &StoredAvailability) -> AppResult<()> {
        self.report.availability_added = self.tx.restore_availability(a).await?;
        Ok(())
    }

    async fn set(&mut self, at: &str, head: &WorkoutHead, set: SetDoc) -> AppResult<()> {
        let same = self.workout.as_ref().is_some_and(|(h, _)| h == head);
        if !same {
            self.flush().await?;
            self.workout = Some((head.clone(), at.to_string()));
        }
        self.sets.push(set);
        Ok(())
    }

    /// Writes the sets of the workout read so far.
    async fn flush(&mut self) -> AppResult<()> {
        let Some((head, at)) = self.workout.take() else {
            return Ok(());
        };
        let sets = std::mem::take(&mut self.sets);
        self.report.workouts += 1;
        self.report.sets += sets.len() as u64;
        let date = day(&at, &head.date)?;
        let plan = match &head.plan {
            Some(p) => Some(*self.plans.get(p).ok_or_else(|| {
                bad(
                    &at,
                    format!(
                        "a workout names plan '{}', which the file does not hold",
                        echo(p)
                    ),
                )
            })?),
            None => None,
        };
        let (workout_id, renumber_from, conflict) = match head.import_source {
            Some(source) => {
                let started = head
                    .started_at
                    .as_deref()
                    .ok_or_else(|| bad(&at, "an imported workout needs started_at"))?;
                let found = self
                    .tx
                    .workouts(&[ImportWorkout {
                        source,
                        started_at: start(&at, started)?,
                        name: head.name.clone().unwrap_or_default(),
                        duration_s: head.duration_s,
                        notes: head.notes.clone(),
                    }])
                    .await?;
                let (id, last) = found[0];
                (id, Some(last), SetConflict::ImportKey)
            }
            None => {
                let (id, _) = self
                    .tx
                    .native_workout(date, &head.created_at, head.source, plan)
                    .await?;
                (id, None, SetConflict::Position)
            }
        };
        let mut rows = Vec::with_capacity(sets.len());
        for (i, s) in sets.into_iter().enumerate() {
            let import_key =
                match &s.key {
                    Some(k) => Some(unhex(k).ok_or_else(|| {
                        bad(&at, format!("key '{}' is not 32 hex digits", echo(k)))
                    })?),
                    None => None,
                };
            if renumber_from.is_some() && import_key.is_none() {
                return Err(bad(&at, "a set of an imported workout needs its key"));
            }
            rows.push(ImportSet {
                workout_id,
                // Imported sets go after what the workout holds (their keys
                // say which are there); logged sets keep their place.
                set_index: renumber_from.map_or(s.set, |last| last + 1 + i as u32),
                exercise_id: s.exercise,
                kind: s.kind,
                reps: s.reps,
                load_kg: s.load_kg,
                hold_s: s.hold_s,
                distance_m: s.distance_m,
                rpe: s.rpe,
                note: s.note,
                import_key,
                source_name: s.source_name,
                source_key: s.source_key,
                exercise_note: s.exercise_note,
                superset: s.superset,
            });
        }
        let added = self.tx.insert_sets(&rows, conflict).await?;
        self.report.sets_added += added;
        self.report.sets_present += rows.len() as u64 - added;
        Ok(())
    }

    async fn finish(mut self) -> AppResult<RestoreReport> {
        self.flush().await?;
        self.tx.commit().await?;
        Ok(self.report)
    }
}

fn check_format(at: &str, format: &str, version: u32) -> AppResult<()> {
    if format != FORMAT {
        return Err(bad(
            at,
            format!("format '{}' is not {FORMAT}", echo(format)),
        ));
    }
    if !(OLDEST_VERSION..=VERSION).contains(&version) {
        return Err(bad(
            at,
            format!(
                "version {version} is not one this build reads ({OLDEST_VERSION} to {VERSION})"
            ),
        ));
    }
    Ok(())
}

impl App {
    /// Restores upright's own export (JSON or CSV, told apart by the first
    /// character) into the person's history; see the module docs.
    pub async fn restore<R: Read>(&self, me: &Actor, input: R) -> AppResult<RestoreReport> {
        let mut input = BufReader::new(input);
        let first = loop {
            let buf = input
                .fill_buf()
                .map_err(|e| bad("file", format!("cannot read: {e}")))?;
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => break Some(buf[i]),
                None if buf.is_empty() => break None,
                None => {
                    let n = buf.len();
                    input.consume(n);
                }
            }
        };
        let mut r = Restore {
            tx: self.store.begin_import(me.id).await?,
            plans: HashMap::new(),
            workout: None,
            sets: Vec::new(),
            report: RestoreReport::default(),
        };
        match first {
            None => return Err(bad("file", "empty; expected upright's JSON or CSV export")),
            Some(b'{') => {
                r.report.format = "json";
                let mut text = String::new();
                input
                    .take(JSON_MAX_BYTES + 1)
                    .read_to_string(&mut text)
                    .map_err(|e| bad("file", format!("cannot read: {e}")))?;
                if text.len() as u64 > JSON_MAX_BYTES {
                    return Err(bad(
                        "file",
                        "larger than 1 GiB; use the CSV export for a history this large",
                    ));
                }
                let doc: ExportDoc = serde_json::from_str(&text).map_err(|e| {
                    bad(
                        &format!("line {}", e.line()),
                        format!("not upright's JSON export: {e}"),
                    )
                })?;
                drop(text);
                restore_doc(&mut r, doc).await?;
            }
            Some(_) => {
                r.report.format = "csv";
                restore_csv(&mut r, input).await?;
            }
        }
        r.finish().await
    }
}

async fn restore_doc(r: &mut Restore, doc: ExportDoc) -> AppResult<()> {
    check_format("format", &doc.format, doc.version)?;
    r.settings(&doc.user).await?;
    for (i, p) in doc.plans.iter().enumerate() {
        r.plan(&format!("plans[{i}]"), p).await?;
    }
    for e in &doc.exclusions {
        if r.tx.restore_exclusion(e).await? {
            r.report.exclusions_added += 1;
        }
    }
    for m in &doc.mappings {
        r.tx.put_mapping(m).await?;
        r.report.mappings += 1;
    }
    for e in &doc.catalog {
        exercise(r, &e.id, &e.origin, e.exercise.get()).await?;
    }
    for (i, p) in doc.pain.iter().enumerate() {
        r.pain(&format!("pain[{i}]"), p).await?;
    }
    for a in &doc.assessments {
        r.assessment(a).await?;
    }
    for g in &doc.gyms {
        r.gym(g).await?;
    }
    if let Some(a) = &doc.availability {
        r.availability(a).await?;
    }
    for (i, w) in doc.workouts.into_iter().enumerate() {
        let at = format!("workouts[{i}]");
        for s in w.sets {
            r.set(&at, &w.head, s).await?;
        }
    }
    Ok(())
}

async fn exercise(r: &mut Restore, id: &str, origin: &str, json: &str) -> AppResult<()> {
    // The same check as when it was first stored: it must read as an exercise.
    serde_json::from_str::<upright_core::catalog::Exercise>(json)
        .map_err(|e| bad(id, format!("not an exercise: {e}")))?;
    let new =
        r.tx.put_user_exercise(&UserExercise {
            exercise_id: id.to_string(),
            origin: origin.to_string(),
            exercise_json: json.to_string(),
        })
        .await?;
    r.report.exercises_added += u64::from(new);
    Ok(())
}

async fn restore_csv<R: Read>(r: &mut Restore, input: R) -> AppResult<()> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(input);
    let header = csv
        .headers()
        .map_err(|e| bad("line 1", format!("not a CSV file: {e}")))?
        .clone();
    if header.iter().collect::<Vec<_>>().join(",") != CSV_HEADER {
        return Err(bad(
            "line 1",
            format!("not upright's CSV export; its header is {CSV_HEADER}"),
        ));
    }
    let mut seen_user = false;
    let mut rec = csv::StringRecord::new();
    loop {
        let more = csv.read_record(&mut rec).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(&format!("line {line}"), e.to_string())
        })?;
        if !more {
            break;
        }
        let at = format!("line {}", rec.position().map_or(0, |p| p.line()));
        let row: CsvRow = rec
            .deserialize(Some(&header))
            .map_err(|e| bad(&at, e.to_string()))?;
        csv_row(r, &at, row, &mut seen_user).await?;
    }
    if !seen_user {
        return Err(bad("file", "no user row; not upright's CSV export"));
    }
    Ok(())
}

fn need<'a>(at: &str, what: &str, v: &'a Option<String>) -> AppResult<&'a str> {
    v.as_deref()
        .ok_or_else(|| bad(at, format!("{what} is empty")))
}

async fn csv_row(r: &mut Restore, at: &str, row: CsvRow, seen_user: &mut bool) -> AppResult<()> {
    let json = |v: &Option<String>| -> AppResult<serde_json::Value> {
        serde_json::from_str(need(at, "json", v)?).map_err(|e| bad(at, format!("json: {e}")))
    };
    match row.record.as_str() {
        "user" => {
            #[derive(serde::Deserialize)]
            struct Head {
                format: String,
                version: u32,
                user: UserDoc,
            }
            let head: Head = serde_json::from_str(need(at, "json", &row.json)?).map_err(|e| bad(at, format!("json: {e}")))?;
            check_format(at, &head.format, head.version)?;
            r.settings(&head.user).await?;
            *seen_user = true;
        }
        "plan" => {
            #[derive(serde::Deserialize)]
            struct Body {
                active: bool,
                revision: i64,
                profile: Box<serde_json::value::RawValue>,
                plan: Box<serde_json::value::RawValue>,
            }
            let body: Body = serde_json::from_str(need(at, "json", &row.json)?).map_err(|e| bad(at, format!("json: {e}")))?;
            let doc = PlanDoc {
                created_at: need(at, "created_at", &row.created_at)?.to_string(),
                start_date: need(at, "date", &row.date)?.to_string(),
                active: body.active,
                revision: body.revision,
                profile: body.profile,
                plan: body.plan,
                changes: Vec::new(),
            };
            r.plan(at, &doc).await?;
        }
        "change" => {
            let to = match &row.json {
                Some(_) => json(&row.json)?.get("to").and_then(|t| t.as_str()).map(str::to_string),
                None => None,
            };
            let kind = need(at, "kind", &row.kind)?;
            let change = ChangeDoc {
                date: need(at, "date", &row.date)?.to_string(),
                kind: kind.parse().map_err(|e: String| bad(at, e))?,
                from: need(at, "exercise", &row.exercise)?.to_string(),
                to,
                created_at: need(at, "created_at", &row.created_at)?.to_string(),
            };
            r.change(at, need(at, "plan", &row.plan)?, &change).await?;
        }
        "exclusion" => {
            if r.tx.restore_exclusion(need(at, "exercise", &row.exercise)?).await? {
                r.report.exclusions_added += 1;
            }
        }
        "mapping" => {
            r.tx.put_mapping(&upright_store::ExerciseMapping {
                source_key: need(at, "source_key", &row.source_key)?.to_string(),
                name: need(at, "name", &row.name)?.to_string(),
                exercise_id: need(at, "exercise", &row.exercise)?.to_string(),
            })
            .await?;
            r.report.mappings += 1;
        }
        "exercise" => {
            let id = need(at, "exercise", &row.exercise)?.to_string();
            let origin = need(at, "name", &row.name)?.to_string();
            exercise(r, &id, &origin, need(at, "json", &row.json)?).await?;
        }
        "pain" => {
            let p = PainDoc {
                date: need(at, "date", &row.date)?.to_string(),
                score: row.score.ok_or_else(|| bad(at, "score is empty"))?,
                timing: row.timing.ok_or_else(|| bad(at, "timing is empty"))?,
                note: row.note.clone(),
                created_at: need(at, "created_at", &row.created_at)?.to_string(),
            };
            r.pain(at, &p).await?;
        }
        "assessment" => {
            let doc = AssessmentDoc {
                created_at: need(at, "created_at", &row.created_at)?.to_string(),
                battery: serde_json::from_str(need(at, "json", &row.json)?)
                    .map_err(|e| bad(at, format!("json: {e}")))?,
            };
            r.assessment(&doc).await?;
        }
        "gym" => {
            let doc: GymDoc = serde_json::from_str(need(at, "json", &row.json)?)
                .map_err(|e| bad(at, format!("json: {e}")))?;
            r.gym(&doc).await?;
        }
        "availability" => {
            let a: StoredAvailability = serde_json::from_str(need(at, "json", &row.json)?)
                .map_err(|e| bad(at, format!("json: {e}")))?;
            r.availability(&a).await?;
        }
        "set" => {
            let head = WorkoutHead {
                date: need(at, "date", &row.date)?.to_string(),
                created_at: need(at, "created_at", &row.created_at)?.to_string(),
                source: row.source.ok_or_else(|| bad(at, "source is empty"))?,
                plan: row.plan,
                import_source: row.import_source,
                started_at: row.started_at,
                name: row.name,
                duration_s: row.duration_s,
                notes: row.notes,
            };
            let kind: SetKind = match &row.kind {
                Some(k) => k.parse().map_err(|e: String| bad(at, e))?,
                None => SetKind::Working,
            };
            let set = SetDoc {
                set: row.set.ok_or_else(|| bad(at, "set is empty"))?,
                exercise: need(at, "exercise", &row.exercise)?.to_string(),
                kind,
                reps: row.reps,
                load_kg: row.load_kg,
                hold_s: row.hold_s,
                distance_m: row.distance_m,
                rpe: row.rpe,
                note: row.note,
                key: row.key,
                source_name: row.source_name,
                source_key: row.source_key,
                exercise_note: row.exercise_note,
                superset: row.superset,
            };
            r.set(at, &head, set).await?;
        }
        other => {
            return Err(bad(
                at,
                format!(
                    "record '{}' is not accepted; accepted: user, plan, change, exclusion, mapping, exercise, pain, assessment, gym, availability, set",
                    echo(other)
                ),
            ))
        }
    }
    Ok(())
}
