//! Everything a person has, read out in pages (export), and written back
//! inside an [`ImportTx`] (restore): plans with their profiles and changes,
//! pain entries, workouts logged in upright. Restoring finds what is already
//! there by its creation time, so restoring a file twice adds nothing.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::imports::{parse_start, ImportTx};
use crate::model::*;
use crate::sql::*;
use crate::Store;

/// One stored set with its workout, as an export writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSetRow {
    pub workout_id: WorkoutId,
    pub date: NaiveDate,
    /// The workout's creation time, RFC 3339 as stored (its identity on restore).
    pub created_at: String,
    pub source: Source,
    pub plan_id: Option<PlanId>,
    pub import_source: Option<ImportSource>,
    pub started_at: Option<NaiveDateTime>,
    pub name: Option<String>,
    pub duration_s: Option<u32>,
    pub notes: Option<String>,
    pub set_index: u32,
    pub exercise_id: String,
    pub kind: SetKind,
    pub reps: Option<u32>,
    pub load_kg: Option<f64>,
    pub hold_s: Option<u32>,
    pub distance_m: Option<f64>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
    pub import_key: Option<[u8; 16]>,
    pub source_name: Option<String>,
    pub source_key: Option<String>,
    pub exercise_note: Option<String>,
    pub superset: Option<u32>,
}

impl ExportSetRow {
    /// Where the next page starts.
    pub fn cursor(&self) -> ExportCursor {
        ExportCursor {
            date: self.date,
            workout_id: self.workout_id,
            set_index: self.set_index,
        }
    }
}

/// A position in the export order (date, workout, set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportCursor {
    pub date: NaiveDate,
    pub workout_id: WorkoutId,
    pub set_index: u32,
}

/// RFC 3339 with microseconds, as the store writes its timestamps.
pub fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn opt_u32(field: &'static str, v: Option<i64>) -> Result<Option<u32>> {
    v.map(|v| to_u32(field, v)).transpose()
}

impl Store {
    /// Up to `limit` of the user's sets after `after`, ordered by workout
    /// date, workout and set (a page of an export; pass the last row's
    /// cursor for the next).
    pub async fn export_sets(
        &self,
        user: UserId,
        after: Option<ExportCursor>,
        limit: u32,
    ) -> Result<Vec<ExportSetRow>> {
        let mut sql = String::from(
            "SELECT w.id, w.date, w.created_at, w.source, w.plan_id, w.import_source, w.started_at, w.name, \
             w.duration_s, w.notes, s.set_index, s.exercise_id, s.kind, s.reps, s.load_kg, s.hold_s, \
             s.distance_m, s.rpe, s.note, s.import_key, s.source_name, s.source_key, s.exercise_note, s.superset \
             FROM workouts w JOIN sets s ON s.workout_id = w.id WHERE w.user_id = $1",
        );
        if after.is_some() {
            sql.push_str(
                " AND (w.date > $2 OR (w.date = $2 AND (w.id > $3 OR (w.id = $3 AND s.set_index > $4))))",
            );
        }
        sql.push_str(&format!(
            " ORDER BY w.date, w.id, s.set_index LIMIT {}",
            limit.max(1)
        ));
        let mut q = sqlx::query(&sql).bind(user.0);
        if let Some(c) = after {
            q = q
                .bind(date_text(c.date)?)
                .bind(c.workout_id.0)
                .bind(i64::from(c.set_index));
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let key: Option<Vec<u8>> = r.try_get(19)?;
                let import_key = key
                    .map(|k| {
                        <[u8; 16]>::try_from(k.as_slice())
                            .map_err(|_| corrupt("import_key", k.len()))
                    })
                    .transpose()?;
                let import_source: Option<String> = r.try_get(5)?;
                let started: Option<String> = r.try_get(6)?;
                Ok(ExportSetRow {
                    workout_id: WorkoutId(r.try_get(0)?),
                    date: parse_date(r.try_get(1)?)?,
                    created_at: r.try_get(2)?,
                    source: parse_enum(r.try_get(3)?)?,
                    plan_id: r.try_get::<Option<i64>, _>(4)?.map(PlanId),
                    import_source: import_source.map(parse_enum).transpose()?,
                    started_at: started.map(parse_start).transpose()?,
                    name: r.try_get(7)?,
                    duration_s: opt_u32("duration_s", r.try_get(8)?)?,
                    notes: r.try_get(9)?,
                    set_index: to_u32("set_index", r.try_get(10)?)?,
                    exercise_id: r.try_get(11)?,
                    kind: parse_enum(r.try_get(12)?)?,
                    reps: opt_u32("reps", r.try_get(13)?)?,
                    load_kg: r.try_get(14)?,
                    hold_s: opt_u32("hold_s", r.try_get(15)?)?,
                    distance_m: r.try_get(16)?,
                    rpe: r.try_get(17)?,
                    note: r.try_get(18)?,
                    import_key,
                    source_name: r.try_get(20)?,
                    source_key: r.try_get(21)?,
                    exercise_note: r.try_get(22)?,
                    superset: opt_u32("superset", r.try_get(23)?)?,
                })
            })
            .collect()
    }

    /// All of the user's plans, oldest first.
    pub async fn plans(&self, user: UserId) -> Result<Vec<StoredPlan>> {
        let rows = sqlx::query(&format!(
            "{PLAN_COLUMNS} WHERE p.user_id = $1 ORDER BY p.id"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(plan_from_row).collect()
    }
}

/// A plan to restore, with the profile it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct RestorePlan<'a> {
    pub profile_json: &'a str,
    pub plan_json: &'a str,
    pub start_date: NaiveDate,
    /// RFC 3339: the plan's identity on restore.
    pub created_at: &'a str,
    /// Made active only when the user has no active plan.
    pub active: bool,
    pub revision: i64,
}

impl ImportTx {
    /// Restores a plan, or finds the one created at the same time with the
    /// same start; returns its id and whether it was there already.
    pub async fn restore_plan(&mut self, p: &RestorePlan<'_>) -> Result<(PlanId, bool)> {
        check_json("profile_json", p.profile_json)?;
        check_json("plan_json", p.plan_json)?;
        let start = date_text(p.start_date)?;
        let user = self.user();
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM plans WHERE user_id = $1 AND created_at = $2 AND start_date = $3 ORDER BY id LIMIT 1",
        )
        .bind(user.0)
        .bind(p.created_at)
        .bind(start.as_str())
        .fetch_optional(&mut *self.tx().tx)
        .await?;
        if let Some(id) = existing {
            return Ok((PlanId(id), true));
        }
        let has_active = sqlx::query("SELECT 1 FROM plans WHERE user_id = $1 AND active")
            .bind(user.0)
            .fetch_optional(&mut *self.tx().tx)
            .await?
            .is_some();
        let profile_id: i64 = sqlx::query(
            "INSERT INTO profiles (user_id, created_at, profile_json) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(user.0)
        .bind(p.created_at)
        .bind(p.profile_json)
        .fetch_one(&mut *self.tx().tx)
        .await?
        .try_get(0)?;
        if p.revision < 0 {
            return Err(StoreError::invalid("revision", "must be 0 or more"));
        }
        let id: i64 = sqlx::query(
            "INSERT INTO plans (user_id, profile_id, created_at, start_date, plan_json, active, revision) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(user.0)
        .bind(profile_id)
        .bind(p.created_at)
        .bind(start.as_str())
        .bind(p.plan_json)
        .bind(p.active && !has_active)
        .bind(p.revision)
        .fetch_one(&mut *self.tx().tx)
        .await?
        .try_get(0)?;
        Ok((PlanId(id), false))
    }

    /// Restores a plan change unless the same one (same time, kind and exercises) is there.
    pub async fn restore_plan_change(
        &mut self,
        plan: PlanId,
        change: &PlanChange,
        created_at: &str,
    ) -> Result<bool> {
        check_exercise("from_exercise", &change.from_exercise)?;
        if let Some(to) = &change.to_exercise {
            check_exercise("to_exercise", to)?;
        }
        let user = self.user();
        let date = date_text(change.date)?;
        let there = sqlx::query(
            "SELECT 1 FROM plan_changes WHERE user_id = $1 AND plan_id = $2 AND created_at = $3 \
             AND kind = $4 AND from_exercise = $5",
        )
        .bind(user.0)
        .bind(plan.0)
        .bind(created_at)
        .bind(change.kind.to_db())
        .bind(change.from_exercise.as_str())
        .fetch_optional(&mut *self.tx().tx)
        .await?
        .is_some();
        if there {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO plan_changes (user_id, plan_id, date, kind, from_exercise, to_exercise, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user.0)
        .bind(plan.0)
        .bind(date)
        .bind(change.kind.to_db())
        .bind(change.from_exercise.as_str())
        .bind(change.to_exercise.as_deref())
        .bind(created_at)
        .execute(&mut *self.tx().tx)
        .await?;
        Ok(true)
    }

    /// Adds an exclusion; false when it was there.
    pub async fn restore_exclusion(&mut self, exercise: &str) -> Result<bool> {
        check_exercise("exercise_id", exercise)?;
        let (user, now) = (self.user(), self.now().to_owned());
        insert_exclusion(self.tx(), user, exercise, &now).await
    }

    /// Restores a pain entry unless one with the same day, time, score and timing is there.
    pub async fn restore_pain(&mut self, entry: &PainEntry, created_at: &str) -> Result<bool> {
        let user = self.user();
        let date = date_text(entry.date)?;
        let there = sqlx::query(
            "SELECT 1 FROM pain_entries WHERE user_id = $1 AND date = $2 AND created_at = $3 \
             AND score = $4 AND timing = $5",
        )
        .bind(user.0)
        .bind(date.as_str())
        .bind(created_at)
        .bind(i64::from(entry.score))
        .bind(entry.timing.to_db())
        .fetch_optional(&mut *self.tx().tx)
        .await?
        .is_some();
        if there {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO pain_entries (user_id, date, score, timing, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user.0)
        .bind(date)
        .bind(i64::from(entry.score))
        .bind(entry.timing.to_db())
        .bind(entry.note.as_deref())
        .bind(created_at)
        .execute(&mut *self.tx().tx)
        .await?;
        Ok(true)
    }

    /// Sets the user's unit and display name.
    pub async fn restore_settings(&mut self, unit: Unit, display_name: &str) -> Result<()> {
        if display_name.chars().count() > 200 {
            return Err(StoreError::invalid(
                "display_name",
                "at most 200 characters",
            ));
        }
        let user = self.user();
        sqlx::query("UPDATE users SET unit = $1, display_name = $2 WHERE id = $3")
            .bind(unit.to_db())
            .bind(display_name)
            .bind(user.0)
            .execute(&mut *self.tx().tx)
            .await?;
        Ok(())
    }
}
