//! Logged workouts as a resource (the web API's `logs`): written once per
//! idempotency key, listed by page, read and deleted one at a time, always
//! within one user's rows.

use chrono::NaiveDate;
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::*;
use crate::workouts::insert_workout;
use crate::Store;

/// One logged workout with its sets.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkoutRow {
    pub id: WorkoutId,
    pub date: NaiveDate,
    pub source: Source,
    pub sets: Vec<SetRow>,
}

/// Longest idempotency key accepted, in bytes.
pub const IDEMPOTENCY_KEY_MAX: usize = 200;

impl Store {
    /// [`Store::log_workout`] under an idempotency key: when `key` was used
    /// by this user before, nothing is written and the first workout is
    /// returned with `false`. Racing requests with one key write once.
    pub async fn log_workout_keyed(
        &self,
        user: UserId,
        key: &str,
        date: NaiveDate,
        plan: Option<PlanId>,
        source: Source,
        sets: &[NewSet],
    ) -> Result<(WorkoutId, bool)> {
        if key.is_empty() || key.len() > IDEMPOTENCY_KEY_MAX || key.chars().any(char::is_control) {
            return Err(StoreError::invalid(
                "idempotency_key",
                format!("1 to {IDEMPOTENCY_KEY_MAX} bytes, no control characters"),
            ));
        }
        if let Some(id) = self.keyed_workout(user, key).await? {
            return Ok((id, false));
        }
        let mut w = self.write().await?;
        let workout = insert_workout(&mut w, self.backend, user, date, plan, source, sets).await?;
        let done = sqlx::query(
            "INSERT INTO idempotency_keys (user_id, key, workout_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, key) DO NOTHING",
        )
        .bind(user.0)
        .bind(key)
        .bind(workout.0)
        .bind(now_text())
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            // Another request with this key committed first: drop ours.
            drop(w);
            let id = self.keyed_workout(user, key).await?.ok_or_else(|| corrupt("idempotency_key", key))?;
            return Ok((id, false));
        }
        w.commit().await?;
        Ok((workout, true))
    }

    async fn keyed_workout(&self, user: UserId, key: &str) -> Result<Option<WorkoutId>> {
        Ok(sqlx::query("SELECT workout_id FROM idempotency_keys WHERE user_id = $1 AND key = $2")
            .bind(user.0)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| r.try_get(0))
            .transpose()?
            .map(WorkoutId))
    }

    /// A page of the user's workouts, newest first: at most `limit` (1 to
    /// 500) with an id below `before` when given.
    pub async fn workouts_page(
        &self,
        user: UserId,
        before: Option<WorkoutId>,
        limit: u32,
    ) -> Result<Vec<WorkoutRow>> {
        if !(1..=500).contains(&limit) {
            return Err(StoreError::invalid("limit", "1 to 500"));
        }
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM workouts WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        )
        .bind(user.0)
        .bind(before.map_or(i64::MAX, |b| b.0))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(w) = self.workout(user, WorkoutId(id)).await? {
                out.push(w);
            }
        }
        Ok(out)
    }

    /// One of the user's workouts; `None` when the user has none with this id.
    pub async fn workout(&self, user: UserId, id: WorkoutId) -> Result<Option<WorkoutRow>> {
        let Some(head) = sqlx::query("SELECT date, source FROM workouts WHERE id = $1 AND user_id = $2")
            .bind(id.0)
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let date = parse_date(head.try_get(0)?)?;
        let source = parse_enum(head.try_get(1)?)?;
        let rows = sqlx::query(
            "SELECT exercise_id, set_index, reps, load_kg, hold_s, rpe, note FROM sets \
             WHERE workout_id = $1 AND user_id = $2 ORDER BY set_index",
        )
        .bind(id.0)
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        let sets = rows
            .iter()
            .map(|r| {
                Ok(SetRow {
                    date,
                    workout_id: id,
                    exercise_id: r.try_get(0)?,
                    set_index: to_u32("set_index", r.try_get(1)?)?,
                    reps: r.try_get::<Option<i64>, _>(2)?.map(|v| to_u32("reps", v)).transpose()?,
                    load_kg: r.try_get(3)?,
                    hold_s: r.try_get::<Option<i64>, _>(4)?.map(|v| to_u32("hold_s", v)).transpose()?,
                    rpe: r.try_get(5)?,
                    note: r.try_get(6)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(WorkoutRow { id, date, source, sets }))
    }

    /// Deletes one of the user's workouts and its sets; false when the user
    /// has none with this id.
    pub async fn delete_workout(&self, user: UserId, id: WorkoutId) -> Result<bool> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM idempotency_keys WHERE workout_id = $1 AND user_id = $2")
            .bind(id.0)
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("DELETE FROM sets WHERE workout_id = $1 AND user_id = $2")
            .bind(id.0)
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        let done = sqlx::query("DELETE FROM workouts WHERE id = $1 AND user_id = $2")
            .bind(id.0)
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(done.rows_affected() > 0)
    }
}
