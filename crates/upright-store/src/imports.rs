//! Imported histories: one write transaction ([`ImportTx`]) that finds or
//! creates workouts and inserts sets in batches, skipping sets already
//! imported (their 16-byte key is unique per user); the person's exercise
//! mappings; the person's catalog (`user_exercises`).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::Row;

use crate::connect::{Backend, WriteTx};
use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::*;
use crate::Store;

/// Sets per multi-row INSERT: 16 values a row, below SQLite's 32766 and
/// PostgreSQL's 65535 parameters.
const SET_BATCH: usize = 256;
/// SQLite page cache of an import's connection, KiB (the default is 2000).
const IMPORT_CACHE_KIB: u32 = 48 * 1024;
/// Workouts per find-or-create statement (8 values each).
const WORKOUT_BATCH: usize = 200;

/// `YYYY-MM-DD HH:MM:SS`, the stored form of a local wall-clock start.
pub(crate) fn start_text(t: NaiveDateTime) -> Result<String> {
    date_text(t.date())?;
    Ok(t.format("%Y-%m-%d %H:%M:%S").to_string())
}

pub(crate) fn parse_start(s: String) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M:%S").map_err(|_| corrupt("started_at", s))
}

/// A workout as an app exported it; found again by (source, start, name).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportWorkout {
    pub source: ImportSource,
    pub started_at: NaiveDateTime,
    /// Empty when the app wrote none.
    pub name: String,
    pub duration_s: Option<u32>,
    pub notes: Option<String>,
}

/// One set to import into a workout found or created by [`ImportTx::workouts`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportSet {
    pub workout_id: WorkoutId,
    /// Position in the workout, from 1, unique within it.
    pub set_index: u32,
    pub exercise_id: String,
    pub kind: SetKind,
    pub reps: Option<u32>,
    /// Negative for assistance.
    pub load_kg: Option<f64>,
    pub hold_s: Option<u32>,
    pub distance_m: Option<f64>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
    /// The set's identity across re-imports; None for a set logged in upright.
    pub import_key: Option<[u8; 16]>,
    /// The exercise name as the file wrote it, and its matching key.
    pub source_name: Option<String>,
    pub source_key: Option<String>,
    pub exercise_note: Option<String>,
    pub superset: Option<u32>,
}

/// Which uniqueness makes a set "already there".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetConflict {
    /// The same import key (sets from an app's export).
    ImportKey,
    /// The same position in the same workout (restoring upright's own export).
    Position,
}

/// A person's mapping of an app's exercise name to a catalog ID.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExerciseMapping {
    /// The normalised name (the matching key).
    pub source_key: String,
    /// The name as the person (or the file) wrote it.
    pub name: String,
    pub exercise_id: String,
}

/// An exercise of the person's own catalog, as the caller's JSON document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserExercise {
    pub exercise_id: String,
    /// Where it came from (`free-exercise-db`).
    pub origin: String,
    pub exercise_json: String,
}

/// One write transaction for a whole import: commit it, or drop it (or let an
/// error drop it) and nothing of the import is kept.
pub struct ImportTx {
    w: WriteTx,
    user: UserId,
    backend: Backend,
    now: String,
}

impl Store {
    /// Starts an import for `user` (who must exist).
    pub async fn begin_import(&self, user: UserId) -> Result<ImportTx> {
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        if self.backend == Backend::Sqlite {
            // A large import touches every index page by page; with SQLite's
            // default 2 MiB cache most of that is re-read from the file.
            sqlx::query(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))
                .execute(&mut *w.tx)
                .await?;
        }
        Ok(ImportTx {
            w,
            user,
            backend: self.backend,
            now: now_text(),
        })
    }

    /// Maps the name with key `source_key` to `exercise_id` for `user` (replacing
    /// an earlier mapping) and re-points the sets already imported under that
    /// key, in one transaction; returns how many sets were re-pointed.
    pub async fn set_mapping(&self, user: UserId, mapping: &ExerciseMapping) -> Result<u64> {
        check_exercise("exercise_id", &mapping.exercise_id)?;
        check_text("name", &mapping.name)?;
        check_text("source_key", &mapping.source_key)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        upsert_mapping(&mut w, user, mapping, &now_text()).await?;
        let moved = sqlx::query(
            "UPDATE sets SET exercise_id = $1 WHERE user_id = $2 AND source_key = $3 AND exercise_id <> $1",
        )
        .bind(mapping.exercise_id.as_str())
        .bind(user.0)
        .bind(mapping.source_key.as_str())
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        if moved > 0 {
            crate::summaries::forget(&mut w, user).await?;
        }
        w.commit().await?;
        Ok(moved)
    }

    /// The user's mappings, by key.
    pub async fn mappings(&self, user: UserId) -> Result<Vec<ExerciseMapping>> {
        let rows = sqlx::query(
            "SELECT source_key, name, exercise_id FROM exercise_mappings WHERE user_id = $1 ORDER BY source_key",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ExerciseMapping {
                    source_key: r.try_get(0)?,
                    name: r.try_get(1)?,
                    exercise_id: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// How many of the user's sets were imported under `source_key`, and under which IDs.
    pub async fn sets_by_source_key(
        &self,
        user: UserId,
        source_key: &str,
    ) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT exercise_id, COUNT(*) FROM sets WHERE user_id = $1 AND source_key = $2 \
             GROUP BY exercise_id ORDER BY exercise_id",
        )
        .bind(user.0)
        .bind(source_key)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// Adds (or replaces, by ID) exercises of the user's catalog in one
    /// transaction; returns how many were new.
    pub async fn put_user_exercises(
        &self,
        user: UserId,
        exercises: &[UserExercise],
    ) -> Result<u64> {
        for e in exercises {
            check_exercise("exercise_id", &e.exercise_id)?;
            check_text("origin", &e.origin)?;
            check_json("exercise_json", &e.exercise_json)?;
        }
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let now = now_text();
        let mut added = 0;
        for e in exercises {
            added += upsert_user_exercise(&mut w, user, e, &now).await?;
        }
        w.commit().await?;
        Ok(added)
    }

    /// The user's catalog, by ID.
    pub async fn user_exercises(&self, user: UserId) -> Result<Vec<UserExercise>> {
        let rows = sqlx::query(
            "SELECT exercise_id, origin, exercise_json FROM user_exercises WHERE user_id = $1 ORDER BY exercise_id",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UserExercise {
                    exercise_id: r.try_get(0)?,
                    origin: r.try_get(1)?,
                    exercise_json: r.try_get(2)?,
                })
            })
            .collect()
    }
}

impl ImportTx {
    pub fn user(&self) -> UserId {
        self.user
    }

    /// Finds or creates each workout; returns, in order, its id and the
    /// highest `set_index` it holds (0 for none), so new sets go after it.
    pub async fn workouts(&mut self, workouts: &[ImportWorkout]) -> Result<Vec<(WorkoutId, u32)>> {
        let mut out = Vec::with_capacity(workouts.len());
        for chunk in workouts.chunks(WORKOUT_BATCH) {
            out.extend(self.workout_chunk(chunk).await?);
        }
        Ok(out)
    }

    async fn workout_chunk(&mut self, chunk: &[ImportWorkout]) -> Result<Vec<(WorkoutId, u32)>> {
        let mut starts = Vec::with_capacity(chunk.len());
        for w in chunk {
            check_text_len("name", &w.name, 1000)?;
            starts.push(start_text(w.started_at)?);
        }
        // Insert the missing ones (a present one is left as it is)...
        let mut ph = Placeholders::new(self.backend);
        let mut sql = String::from(
            "INSERT INTO workouts (user_id, date, plan_id, source, created_at, import_source, started_at, name, duration_s, notes) VALUES ",
        );
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            let p: Vec<String> = (0..8).map(|_| ph.next()).collect();
            sql.push_str(&format!(
                "({}, {}, NULL, 'import', {}, {}, {}, {}, {}, {})",
                p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
            ));
        }
        sql.push_str(" ON CONFLICT (user_id, import_source, started_at, name) DO NOTHING");
        let mut q = sqlx::query(&sql);
        for (w, start) in chunk.iter().zip(&starts) {
            q = q
                .bind(self.user.0)
                .bind(date_text(w.started_at.date())?)
                .bind(self.now.as_str())
                .bind(w.source.to_db())
                .bind(start.as_str())
                .bind(w.name.as_str())
                .bind(w.duration_s.map(i64::from))
                .bind(w.notes.as_deref());
        }
        q.persistent(false).execute(&mut *self.w.tx).await?;
        // ...then read them all back with their highest set index, through
        // workouts_import (user, source, start).
        let mut rows = Vec::new();
        let mut sources: Vec<ImportSource> = chunk.iter().map(|w| w.source).collect();
        sources.sort();
        sources.dedup();
        for source in sources {
            let mut ph = Placeholders::new(self.backend);
            let mut sql = format!(
                "SELECT w.id, w.import_source, w.started_at, w.name, \
                 (SELECT MAX(s.set_index) FROM sets s WHERE s.workout_id = w.id) \
                 FROM workouts w WHERE w.user_id = {} AND w.import_source = {} AND w.started_at IN (",
                ph.next(),
                ph.next()
            );
            let mine: Vec<&String> = chunk
                .iter()
                .zip(&starts)
                .filter(|(w, _)| w.source == source)
                .map(|(_, s)| s)
                .collect();
            for (i, _) in mine.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&ph.next());
            }
            sql.push(')');
            let mut q = sqlx::query(&sql).bind(self.user.0).bind(source.to_db());
            for s in mine {
                q = q.bind(s.as_str());
            }
            rows.extend(q.persistent(false).fetch_all(&mut *self.w.tx).await?);
        }
        let mut found: HashMap<(String, String, String), (WorkoutId, u32)> = HashMap::new();
        for r in &rows {
            let max: Option<i64> = r.try_get(4)?;
            found.insert(
                (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?),
                (
                    WorkoutId(r.try_get(0)?),
                    max.map(|m| to_u32("set_index", m))
                        .transpose()?
                        .unwrap_or(0),
                ),
            );
        }
        chunk
            .iter()
            .zip(starts)
            .map(|(w, start)| {
                found
                    .get(&(w.source.to_db().to_owned(), start, w.name.clone()))
                    .copied()
                    .ok_or_else(|| {
                        corrupt(
                            "workouts",
                            "an imported workout was not found after its insert",
                        )
                    })
            })
            .collect()
    }

    /// Creates a workout logged in upright (restoring upright's own export),
    /// or finds the one with the same `created_at` and date; returns its id
    /// and whether it was there already.
    pub async fn native_workout(
        &mut self,
        date: NaiveDate,
        created_at: &str,
        source: Source,
        plan: Option<PlanId>,
    ) -> Result<(WorkoutId, bool)> {
        let day = date_text(date)?;
        check_text_len("created_at", created_at, 100)?;
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM workouts WHERE user_id = $1 AND date = $2 AND created_at = $3 \
             AND import_source IS NULL ORDER BY id LIMIT 1",
        )
        .bind(self.user.0)
        .bind(day.as_str())
        .bind(created_at)
        .fetch_optional(&mut *self.w.tx)
        .await?;
        if let Some(id) = existing {
            return Ok((WorkoutId(id), true));
        }
        let id: i64 = sqlx::query(
            "INSERT INTO workouts (user_id, date, plan_id, source, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(self.user.0)
        .bind(day.as_str())
        .bind(plan.map(|p| p.0))
        .bind(source.to_db())
        .bind(created_at)
        .fetch_one(&mut *self.w.tx)
        .await?
        .try_get(0)?;
        Ok((WorkoutId(id), false))
    }

    /// Inserts sets, skipping those already there (see [`SetConflict`]);
    /// returns how many were inserted.
    pub async fn insert_sets(&mut self, sets: &[ImportSet], conflict: SetConflict) -> Result<u64> {
        for s in sets {
            check_exercise("exercise_id", &s.exercise_id)?;
            check_finite("load_kg", s.load_kg)?;
            check_finite("rpe", s.rpe)?;
            check_finite("distance_m", s.distance_m)?;
            if s.set_index == 0 {
                return Err(StoreError::invalid("set_index", "sets are numbered from 1"));
            }
        }
        let mut added = 0;
        for chunk in sets.chunks(SET_BATCH) {
            added += self.set_chunk(chunk, conflict).await?;
        }
        Ok(added)
    }

    async fn set_chunk(&mut self, chunk: &[ImportSet], conflict: SetConflict) -> Result<u64> {
        const PER_ROW: usize = 16;
        let mut ph = Placeholders::new(self.backend);
        let mut sql = String::with_capacity(200 + chunk.len() * PER_ROW * 5);
        sql.push_str(
            "INSERT INTO sets (user_id, workout_id, set_index, exercise_id, kind, reps, load_kg, hold_s, \
             distance_m, rpe, note, import_key, source_name, source_key, exercise_note, superset) VALUES ",
        );
        for i in 0..chunk.len() {
            sql.push_str(if i > 0 { ",(" } else { "(" });
            for k in 0..PER_ROW {
                if k > 0 {
                    sql.push(',');
                }
                sql.push_str(&ph.next());
            }
            sql.push(')');
        }
        sql.push_str(match conflict {
            SetConflict::ImportKey => " ON CONFLICT (user_id, import_key) DO NOTHING",
            SetConflict::Position => " ON CONFLICT (workout_id, set_index) DO NOTHING",
        });
        let mut q = sqlx::query(&sql);
        for s in chunk {
            q = q
                .bind(self.user.0)
                .bind(s.workout_id.0)
                .bind(i64::from(s.set_index))
                .bind(s.exercise_id.as_str())
                .bind(s.kind.to_db())
                .bind(s.reps.map(i64::from))
                .bind(s.load_kg)
                .bind(s.hold_s.map(i64::from))
                .bind(s.distance_m)
                .bind(s.rpe)
                .bind(s.note.as_deref())
                .bind(s.import_key.map(|k| k.to_vec()))
                .bind(s.source_name.as_deref())
                .bind(s.source_key.as_deref())
                .bind(s.exercise_note.as_deref())
                .bind(s.superset.map(i64::from));
        }
        // Full batches repeat one statement (SQLite caches it); see
        // `log_workout` for why PostgreSQL statements are not cached.
        let persistent = self.backend == Backend::Sqlite && chunk.len() == SET_BATCH;
        let done = q.persistent(persistent).execute(&mut *self.w.tx).await?;
        Ok(done.rows_affected())
    }

    /// Maps a name within the import (see [`Store::set_mapping`]); re-points nothing.
    pub async fn put_mapping(&mut self, mapping: &ExerciseMapping) -> Result<()> {
        check_exercise("exercise_id", &mapping.exercise_id)?;
        check_text("name", &mapping.name)?;
        check_text("source_key", &mapping.source_key)?;
        upsert_mapping(&mut self.w, self.user, mapping, &self.now).await
    }

    /// Adds or replaces one exercise of the user's catalog; true when new.
    pub async fn put_user_exercise(&mut self, e: &UserExercise) -> Result<bool> {
        check_exercise("exercise_id", &e.exercise_id)?;
        check_text("origin", &e.origin)?;
        check_json("exercise_json", &e.exercise_json)?;
        Ok(upsert_user_exercise(&mut self.w, self.user, e, &self.now).await? > 0)
    }

    pub(crate) fn tx(&mut self) -> &mut WriteTx {
        &mut self.w
    }

    pub(crate) fn now(&self) -> &str {
        &self.now
    }

    /// Makes the whole import durable.
    pub async fn commit(mut self) -> Result<()> {
        if self.backend == Backend::Sqlite {
            // Back to the default for the pooled connection's other work.
            sqlx::query("PRAGMA cache_size = -2000")
                .execute(&mut *self.w.tx)
                .await?;
        }
        // The month summaries do not hold what was imported: they are
        // rebuilt from the sets on the next log (reads group the sets until then).
        crate::summaries::forget(&mut self.w, self.user).await?;
        self.w.commit().await
    }
}

async fn upsert_mapping(
    w: &mut WriteTx,
    user: UserId,
    m: &ExerciseMapping,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO exercise_mappings (user_id, source_key, name, exercise_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, source_key) DO UPDATE SET name = excluded.name, \
         exercise_id = excluded.exercise_id, created_at = excluded.created_at",
    )
    .bind(user.0)
    .bind(m.source_key.as_str())
    .bind(m.name.as_str())
    .bind(m.exercise_id.as_str())
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// 1 when the exercise was new, 0 when it replaced one.
async fn upsert_user_exercise(
    w: &mut WriteTx,
    user: UserId,
    e: &UserExercise,
    now: &str,
) -> Result<u64> {
    let existed =
        sqlx::query("SELECT 1 FROM user_exercises WHERE user_id = $1 AND exercise_id = $2")
            .bind(user.0)
            .bind(e.exercise_id.as_str())
            .fetch_optional(&mut *w.tx)
            .await?
            .is_some();
    sqlx::query(
        "INSERT INTO user_exercises (user_id, exercise_id, origin, exercise_json, created_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, exercise_id) DO UPDATE SET origin = excluded.origin, \
         exercise_json = excluded.exercise_json, created_at = excluded.created_at",
    )
    .bind(user.0)
    .bind(e.exercise_id.as_str())
    .bind(e.origin.as_str())
    .bind(e.exercise_json.as_str())
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    Ok(u64::from(!existed))
}

/// Parameter placeholders for statements built here: `$1, $2, ...` on
/// PostgreSQL; bare `?` on SQLite, because sqlx binds a named SQLite
/// parameter by looking its name up (`sqlite3_bind_parameter_name` walks the
/// statement's list), which makes binding quadratic in the parameters: it
/// was 86 % of an import's time with `$N`. Values are bound in order.
struct Placeholders {
    sqlite: bool,
    n: usize,
}

impl Placeholders {
    fn new(backend: Backend) -> Placeholders {
        Placeholders {
            sqlite: backend == Backend::Sqlite,
            n: 0,
        }
    }

    fn next(&mut self) -> String {
        self.n += 1;
        if self.sqlite {
            "?".to_string()
        } else {
            format!("${}", self.n)
        }
    }
}

fn check_text(field: &'static str, s: &str) -> Result<()> {
    if s.is_empty() {
        return Err(StoreError::invalid(field, "must not be empty"));
    }
    check_text_len(field, s, 1000)
}

fn check_text_len(field: &'static str, s: &str, max: usize) -> Result<()> {
    if s.chars().count() > max {
        return Err(StoreError::invalid(
            field,
            format!("longer than {max} characters"),
        ));
    }
    Ok(())
}
