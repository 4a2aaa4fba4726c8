//! Logged workouts as a resource (the web API's `logs`): written once per
//! idempotency key, listed by page, read and deleted one at a time, always
//! within one user's rows.

use chrono::NaiveDate;
use sqlx::Row;

use crate::connect::begin_write_guarded;
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

/// Most keyed logs written in one group commit.
const BATCH_MAX: usize = 128;

type Answer = tokio::sync::oneshot::Sender<Result<(WorkoutId, bool)>>;

/// One keyed log to write.
pub(crate) struct Job {
    user: UserId,
    key: String,
    date: NaiveDate,
    plan: Option<PlanId>,
    source: Source,
    sets: Vec<NewSet>,
}

/// The queue of keyed logs waiting for the next group commit.
#[derive(Default)]
pub(crate) struct Pending(std::sync::Mutex<Vec<(Job, Answer)>>);

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pending")
    }
}

fn lock_queue(p: &Pending) -> std::sync::MutexGuard<'_, Vec<(Job, Answer)>> {
    // A panic while holding it cannot leave the Vec inconsistent.
    p.0.lock().unwrap_or_else(|e| e.into_inner())
}

fn batch_failed(reason: &str) -> StoreError {
    StoreError::Open {
        target: "the database".into(),
        reason: format!("the write was not committed: {reason}"),
    }
}

fn batch_lost() -> StoreError {
    batch_failed("the writer stopped")
}

/// Writes one keyed log inside `w`: `(id, false)` when its key is already
/// there (an earlier request); None when another transaction or an earlier
/// job of the same batch took the key first (PostgreSQL: roll back, re-read;
/// SQLite's batch: roll back to the job's savepoint, re-read). `look_first`
/// reads the key before writing; the batch, whose requests looked just
/// before queueing, writes straight away and lets the key's insert decide.
async fn write_job(
    w: &mut crate::connect::WriteTx,
    backend: crate::connect::Backend,
    job: &Job,
    look_first: bool,
) -> Result<Option<(WorkoutId, bool)>> {
    if look_first {
        if let Some(id) = key_in(w, job.user, &job.key).await? {
            return Ok(Some((id, false)));
        }
    }
    let workout = insert_workout(
        w, backend, job.user, job.date, job.plan, job.source, &job.sets,
    )
    .await?;
    let done = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, workout_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, key) DO NOTHING",
    )
    .bind(job.user.0)
    .bind(job.key.as_str())
    .bind(workout.0)
    .bind(now_text())
    .execute(&mut *w.tx)
    .await?;
    Ok((done.rows_affected() > 0).then_some((workout, true)))
}

/// The workout written under `key`, read inside `w`.
async fn key_in(
    w: &mut crate::connect::WriteTx,
    user: UserId,
    key: &str,
) -> Result<Option<WorkoutId>> {
    sqlx::query("SELECT workout_id FROM idempotency_keys WHERE user_id = $1 AND key = $2")
        .bind(user.0)
        .bind(key)
        .fetch_optional(&mut *w.tx)
        .await?
        .map(|r| r.try_get(0).map(WorkoutId))
        .transpose()
        .map_err(Into::into)
}

/// One job of a batch under its own savepoint: its failure, or the key
/// found taken, undoes its writes only.
async fn batch_job(
    w: &mut crate::connect::WriteTx,
    backend: crate::connect::Backend,
    job: &Job,
) -> Result<(WorkoutId, bool)> {
    sqlx::query("SAVEPOINT keyed_log")
        .execute(&mut *w.tx)
        .await?;
    let out = write_job(w, backend, job, false).await;
    if let Ok(Some(o)) = out {
        sqlx::query("RELEASE keyed_log").execute(&mut *w.tx).await?;
        return Ok(o);
    }
    sqlx::query("ROLLBACK TO keyed_log")
        .execute(&mut *w.tx)
        .await?;
    sqlx::query("RELEASE keyed_log").execute(&mut *w.tx).await?;
    match out {
        // The key was written meanwhile (a retry in the same batch, or one
        // committed after this request looked): that workout is the answer.
        Ok(_) => key_in(w, job.user, &job.key)
            .await?
            .map(|id| (id, false))
            .ok_or_else(|| batch_failed("the key was taken meanwhile")),
        Err(e) => Err(e),
    }
}

/// The columns [`set_of`] reads, in its order.
const SET_COLUMNS: &str =
    "SELECT exercise_id, set_index, reps, load_kg, hold_s, rpe, note, kind, distance_m FROM sets";

fn set_of(r: &sqlx::any::AnyRow, date: NaiveDate, workout_id: WorkoutId) -> Result<SetRow> {
    Ok(SetRow {
        date,
        workout_id,
        exercise_id: r.try_get(0)?,
        set_index: to_u32("set_index", r.try_get(1)?)?,
        reps: r
            .try_get::<Option<i64>, _>(2)?
            .map(|v| to_u32("reps", v))
            .transpose()?,
        load_kg: r.try_get(3)?,
        hold_s: r
            .try_get::<Option<i64>, _>(4)?
            .map(|v| to_u32("hold_s", v))
            .transpose()?,
        rpe: r.try_get(5)?,
        note: r.try_get(6)?,
        kind: parse_enum(r.try_get(7)?)?,
        distance_m: r.try_get(8)?,
    })
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
        self.log_workout_keyed_with_edit(user, key, date, plan, source, sets, None)
            .await
    }

    /// [`Store::log_workout_keyed`] and the plan edit the workout makes, in
    /// one transaction (as [`Store::log_workout_with_edit`]); a key seen
    /// before writes neither.
    #[allow(clippy::too_many_arguments)]
    pub async fn log_workout_keyed_with_edit(
        &self,
        user: UserId,
        key: &str,
        date: NaiveDate,
        plan: Option<PlanId>,
        source: Source,
        sets: &[NewSet],
        edit: Option<PlanEdit<'_>>,
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
        if let Some(e) = &edit {
            crate::plans::check_edit(e)?;
        }
        let job = Job {
            user,
            key: key.to_string(),
            date,
            plan,
            source,
            sets: sets.to_vec(),
        };
        let lock = match (&edit, self.write_lock.clone()) {
            (None, Some(lock)) => Some(lock),
            _ => None,
        };
        let Some(lock) = lock else {
            // PostgreSQL (concurrent commits are grouped by the server
            // itself), or a log that edits the plan: a transaction of its own.
            let mut w = self.write().await?;
            return match write_job(&mut w, self.backend, &job, true).await? {
                Some(out) => {
                    if let (Some(e), true) = (&edit, out.1) {
                        crate::plans::apply_edit(&mut w, user, e).await?;
                    }
                    w.commit().await?;
                    Ok(out)
                }
                None => {
                    // Another request with this key committed first: drop ours.
                    drop(w);
                    let id = self
                        .keyed_workout(user, key)
                        .await?
                        .ok_or_else(|| corrupt("idempotency_key", key))?;
                    Ok((id, false))
                }
            };
        };
        // SQLite: group commit. Each request queues its job and waits for its
        // answer or for the write lock; whoever gets the lock writes every
        // queued job in one transaction (a savepoint each, so one job's
        // failure is its own) and answers them after the commit, so one
        // fsync acknowledges many sets and every answer is durable.
        let (tx, mut rx) = tokio::sync::oneshot::channel();
        lock_queue(&self.pending).push((job, tx));
        let guard = tokio::select! {
            biased;
            answer = &mut rx => return answer.unwrap_or_else(|_| Err(batch_lost())),
            guard = lock.lock_owned() => guard,
        };
        let jobs: Vec<_> = {
            let mut q = lock_queue(&self.pending);
            let n = q.len().min(BATCH_MAX);
            q.drain(..n).collect()
        };
        if !jobs.is_empty() {
            // On a task of its own, so that a caller that goes away (a client
            // that hangs up) cannot cancel the batch halfway: the others'
            // answers and the transaction's end do not depend on it.
            let store = self.clone();
            let batch = tokio::spawn(async move { store.write_batch(guard, jobs).await });
            let _ = batch.await;
        } else {
            drop(guard);
        }
        rx.await.unwrap_or_else(|_| Err(batch_lost()))
    }

    async fn write_batch(&self, guard: tokio::sync::OwnedMutexGuard<()>, jobs: Vec<(Job, Answer)>) {
        let mut w = match begin_write_guarded(&self.pool, self.backend, Some(guard)).await {
            Ok(w) => w,
            Err(e) => {
                let text = e.to_string();
                for (_, tx) in jobs {
                    let _ = tx.send(Err(batch_failed(&text)));
                }
                return;
            }
        };
        let mut answers = Vec::with_capacity(jobs.len());
        for (job, tx) in jobs {
            answers.push((batch_job(&mut w, self.backend, &job).await, tx));
        }
        match w.commit().await {
            Ok(()) => {
                for (out, tx) in answers {
                    let _ = tx.send(out);
                }
            }
            Err(e) => {
                let text = e.to_string();
                for (out, tx) in answers {
                    let _ = tx.send(out.and(Err(batch_failed(&text))));
                }
            }
        }
    }

    async fn keyed_workout(&self, user: UserId, key: &str) -> Result<Option<WorkoutId>> {
        Ok(
            sqlx::query("SELECT workout_id FROM idempotency_keys WHERE user_id = $1 AND key = $2")
                .bind(user.0)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?
                .map(WorkoutId),
        )
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
        // One query whatever the page size (it was one per workout): the
        // page's workouts joined to their sets, read in one snapshot, so a
        // workout deleted meanwhile is not listed without its sets. The page
        // walks the (user_id, id) index, and the sets are found by workout id
        // alone: a condition on sets.user_id made SQLite scan all of the
        // person's sets for each workout (14 ms a page at 14,000 sets).
        let rows = sqlx::query(
            "SELECT s.exercise_id, s.set_index, s.reps, s.load_kg, s.hold_s, s.rpe, s.note, s.kind, s.distance_m, \
             w.id, w.date, w.source \
             FROM (SELECT id, date, source FROM workouts WHERE user_id = $1 AND id < $2 \
                   ORDER BY id DESC LIMIT $3) w \
             LEFT JOIN sets s ON s.workout_id = w.id \
             ORDER BY w.id DESC, s.set_index",
        )
        .bind(user.0)
        .bind(before.map_or(i64::MAX, |b| b.0))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<WorkoutRow> = Vec::new();
        for r in &rows {
            let id = WorkoutId(r.try_get(9)?);
            if out.last().is_none_or(|w| w.id != id) {
                out.push(WorkoutRow {
                    id,
                    date: parse_date(r.try_get(10)?)?,
                    source: parse_enum(r.try_get(11)?)?,
                    sets: Vec::new(),
                });
            }
            let w = out.last_mut().expect("pushed above");
            // A workout without sets comes as one row of NULL set columns.
            if r.try_get::<Option<String>, _>(0)?.is_some() {
                w.sets.push(set_of(r, w.date, id)?);
            }
        }
        Ok(out)
    }

    /// One of the user's workouts; `None` when the user has none with this id.
    pub async fn workout(&self, user: UserId, id: WorkoutId) -> Result<Option<WorkoutRow>> {
        let Some(head) =
            sqlx::query("SELECT date, source FROM workouts WHERE id = $1 AND user_id = $2")
                .bind(id.0)
                .bind(user.0)
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let date = parse_date(head.try_get(0)?)?;
        let source = parse_enum(head.try_get(1)?)?;
        let rows = sqlx::query(&format!(
            "{SET_COLUMNS} WHERE workout_id = $1 AND user_id = $2 ORDER BY set_index"
        ))
        .bind(id.0)
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        let sets = rows
            .iter()
            .map(|r| set_of(r, date, id))
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(WorkoutRow {
            id,
            date,
            source,
            sets,
        }))
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
        if done.rows_affected() > 0 {
            // The month summaries held this workout: they are rebuilt from
            // the sets on the next log (reads group the sets until then).
            crate::summaries::forget(&mut w, user).await?;
        }
        w.commit().await?;
        Ok(done.rows_affected() > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::Poll;

    /// Polls `f` (sleeping between polls) until `until` holds; false if `f` finished first.
    async fn poll_until<F: Future>(mut f: Pin<&mut F>, until: impl Fn() -> bool) -> bool {
        for _ in 0..2000 {
            if until() {
                return true;
            }
            if std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx).is_ready())).await {
                return false;
            }
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        until()
    }

    /// The caller that writes a group commit may go away halfway (a client
    /// hanging up); the others in its batch still get their own answers.
    #[tokio::test]
    async fn a_batch_outlives_the_caller_that_writes_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_path(&dir.path().join("b.db")).await.unwrap();
        let user = store.local_user().await.unwrap().id;
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let set = NewSet {
            exercise_id: "bird-dog".into(),
            reps: Some(5),
            ..NewSet::default()
        };
        let sets = [set];
        // Both callers queue behind a held write lock...
        let held = store.write_lock.clone().unwrap().lock_owned().await;
        let mut leader =
            Box::pin(store.log_workout_keyed(user, "a", day, None, Source::Web, &sets));
        let mut other = Box::pin(store.log_workout_keyed(user, "b", day, None, Source::Web, &sets));
        let pending = store.pending.clone();
        let queued = |n: usize| {
            let pending = pending.clone();
            move || lock_queue(&pending).len() == n
        };
        assert!(poll_until(leader.as_mut(), queued(1)).await);
        assert!(poll_until(other.as_mut(), queued(2)).await);
        drop(held);
        // ...the first takes the lock and both jobs, starts writing, and is dropped.
        assert!(poll_until(leader.as_mut(), queued(0)).await);
        drop(leader);
        let (id, written) = other.await.expect("the other job's answer");
        assert!(written);
        assert!(id.0 > 0);
        // The dropped caller's set was written too: its retry is a no-op.
        let (_, again) = store
            .log_workout_keyed(user, "a", day, None, Source::Web, &sets)
            .await
            .unwrap();
        assert!(!again);
    }
}
