//! Storage for upright: one sqlx code base for SQLite (the embedded default)
//! and PostgreSQL (many users behind several app servers).
//!
//! The store knows no domain types: it keeps plain records (users, sets, pain
//! entries, plan changes, exclusions) and JSON documents made by the caller
//! (profiles, plans), and it is the only crate that knows SQL.
//!
//! # Guarantees
//!
//! * Every public write method is **one transaction**: when it returns `Ok`
//!   the write is durable (SQLite: WAL with `synchronous=FULL`; PostgreSQL:
//!   default `synchronous_commit`), and when it returns `Err` nothing of it was
//!   written. A process killed mid-write loses nothing acknowledged and leaves
//!   nothing half-written.
//! * Several processes may use one SQLite file at once (say the CLI and
//!   `upright serve`): WAL lets readers run beside the writer, writers take
//!   the lock up front (`BEGIN IMMEDIATE`) and wait for each other
//!   (`busy_timeout` 5 s, retried up to 30 s); in one process writers to a
//!   file queue on a fair async lock.
//! * Every row belongs to a user; child rows reference their parents through
//!   `(id, user_id)`, so no row can point at another user's data. A user has
//!   at most one active plan (a partial unique index).
//! * Dates are ISO `YYYY-MM-DD` text, timestamps RFC 3339 UTC text, loads kg.
//!
//! Migrations (`migrations/sqlite`, `migrations/postgres`) are embedded and
//! applied by [`Store::connect`]. [`sqlx::any::install_default_drivers`] is
//! called on connect: do not install other `Any` drivers in the same process.
//!
//! ```no_run
//! # async fn demo() -> Result<(), upright_store::StoreError> {
//! use upright_store::{NewSet, Source, Store};
//! let store = Store::connect("sqlite:///home/me/.local/share/upright/upright.db").await?;
//! let me = store.local_user().await?;
//! let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
//! let set = NewSet { exercise_id: "deadlift".into(), reps: Some(5), load_kg: Some(100.0), ..Default::default() };
//! store.log_workout(me.id, date, None, Source::Cli, &[set]).await?;
//! # Ok(()) }
//! ```

mod connect;
mod error;
mod model;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

pub use connect::Backend;
use connect::{begin_write, WriteTx};
pub use error::{Result, StoreError};
use model::DbText;
pub use model::{
    ChangeKind, DaySummary, NewSet, PainEntry, PainId, PainRow, PainTiming, PlanChange, PlanChangeRow, PlanId,
    ProfileId, SetRow, Source, StoredPlan, Unit, User, UserId, WorkoutId,
};

/// Handle of the user the CLI acts as.
pub const LOCAL_USER: &str = "local";

/// A connection pool to one database. Cheap to clone (shares the pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    write_lock: Option<Arc<tokio::sync::Mutex<()>>>,
}

impl Store {
    /// Connect and apply pending migrations.
    ///
    /// Accepts `sqlite://PATH` (relative or, with a third slash, absolute;
    /// the file and its directory are created on first use, as if
    /// `?mode=rwc` were given), `sqlite::memory:` (one private connection,
    /// gone when the store is dropped) and `postgres://…`/`postgresql://…`.
    pub async fn connect(url: &str) -> Result<Store> {
        let opened = connect::open(url).await?;
        Ok(Store {
            pool: opened.pool,
            backend: opened.backend,
            write_lock: opened.write_lock,
        })
    }

    /// Open (creating if needed) the SQLite database file at `path`.
    pub async fn open_path(path: &Path) -> Result<Store> {
        Store::connect(&connect::sqlite_url_for(path)?).await
    }

    /// Which database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Close all connections (waits for them to be returned to the pool).
    pub async fn close(&self) {
        self.pool.close().await
    }

    async fn write(&self) -> Result<WriteTx> {
        begin_write(&self.pool, self.backend, &self.write_lock).await
    }

    // ----------------------------------------------------------------- users

    /// The user named `handle`, created (unit kg, display name = handle) if
    /// missing. Safe to call concurrently from several processes.
    pub async fn ensure_user(&self, handle: &str) -> Result<User> {
        check_handle(handle)?;
        if let Some(user) = self.user_by_handle(handle).await? {
            return Ok(user);
        }
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO users (handle, display_name, unit, created_at) VALUES ($1, $1, 'kg', $2) \
             ON CONFLICT (handle) DO NOTHING",
        )
        .bind(handle)
        .bind(now_text())
        .execute(&mut *w.tx)
        .await?;
        let row = sqlx::query(&format!("{USER_COLUMNS} WHERE handle = $1"))
            .bind(handle)
            .fetch_one(&mut *w.tx)
            .await?;
        let user = user_from_row(&row)?;
        w.commit().await?;
        Ok(user)
    }

    /// The user the CLI acts as ([`LOCAL_USER`]), created on first use.
    pub async fn local_user(&self) -> Result<User> {
        self.ensure_user(LOCAL_USER).await
    }

    /// The user with this handle, if any.
    pub async fn user_by_handle(&self, handle: &str) -> Result<Option<User>> {
        sqlx::query(&format!("{USER_COLUMNS} WHERE handle = $1"))
            .bind(handle)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| user_from_row(&r))
            .transpose()
    }

    /// The user with this id, if any.
    pub async fn user(&self, user: UserId) -> Result<Option<User>> {
        sqlx::query(&format!("{USER_COLUMNS} WHERE id = $1"))
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| user_from_row(&r))
            .transpose()
    }

    /// Set the user's preferred display unit.
    pub async fn set_unit(&self, user: UserId, unit: Unit) -> Result<()> {
        let mut w = self.write().await?;
        let done = sqlx::query("UPDATE users SET unit = $1 WHERE id = $2")
            .bind(unit.to_db())
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::UnknownUser(user));
        }
        w.commit().await
    }

    /// Set the user's display name (at most 200 characters).
    pub async fn set_display_name(&self, user: UserId, name: &str) -> Result<()> {
        if name.chars().count() > 200 {
            return Err(StoreError::invalid(
                "display_name",
                "longer than 200 characters",
            ));
        }
        let mut w = self.write().await?;
        let done = sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(name)
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::UnknownUser(user));
        }
        w.commit().await
    }

    // ----------------------------------------------------------------- plans

    /// Store a profile and the plan made from it, and make that plan the
    /// user's active one (the previous active plan stays, inactive), all in
    /// one transaction. Both documents must be valid JSON; they are kept
    /// byte for byte.
    pub async fn save_plan(
        &self,
        user: UserId,
        profile_json: &str,
        plan_json: &str,
        start_date: NaiveDate,
    ) -> Result<PlanId> {
        check_json("profile_json", profile_json)?;
        check_json("plan_json", plan_json)?;
        let start = date_text(start_date)?;
        let now = now_text();
        let mut w = self.write().await?;
        // Touching the user row serialises concurrent saves for one user on
        // PostgreSQL (a row lock) and checks that the user exists.
        let done = sqlx::query("UPDATE users SET handle = handle WHERE id = $1")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::UnknownUser(user));
        }
        let profile_id: i64 = sqlx::query(
            "INSERT INTO profiles (user_id, created_at, profile_json) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(user.0)
        .bind(&now)
        .bind(profile_json)
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        sqlx::query("UPDATE plans SET active = FALSE WHERE user_id = $1 AND active")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        let plan_id: i64 = sqlx::query(
            "INSERT INTO plans (user_id, profile_id, created_at, start_date, plan_json, active) \
             VALUES ($1, $2, $3, $4, $5, TRUE) RETURNING id",
        )
        .bind(user.0)
        .bind(profile_id)
        .bind(&now)
        .bind(start)
        .bind(plan_json)
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        w.commit().await?;
        Ok(PlanId(plan_id))
    }

    /// The user's active plan, if any.
    pub async fn active_plan(&self, user: UserId) -> Result<Option<StoredPlan>> {
        sqlx::query(&format!("{PLAN_COLUMNS} WHERE p.user_id = $1 AND p.active"))
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| plan_from_row(&r))
            .transpose()
    }

    /// One of the user's plans, active or not.
    pub async fn plan(&self, user: UserId, plan: PlanId) -> Result<Option<StoredPlan>> {
        sqlx::query(&format!(
            "{PLAN_COLUMNS} WHERE p.user_id = $1 AND p.id = $2"
        ))
        .bind(user.0)
        .bind(plan.0)
        .fetch_optional(&self.pool)
        .await?
        .map(|r| plan_from_row(&r))
        .transpose()
    }

    /// Replace the document of the user's active plan `plan` and record why,
    /// in one transaction. A [`ChangeKind::Exclude`] change also adds the
    /// user-level exclusion of `from_exercise`. Fails with
    /// [`StoreError::NotActivePlan`] (writing nothing) when `plan` is not the
    /// user's active plan any more, e.g. a new plan was saved meanwhile.
    pub async fn replace_active_plan_json(
        &self,
        user: UserId,
        plan: PlanId,
        new_plan_json: &str,
        change: &PlanChange,
    ) -> Result<()> {
        check_json("plan_json", new_plan_json)?;
        check_exercise("from_exercise", &change.from_exercise)?;
        if let Some(to) = &change.to_exercise {
            check_exercise("to_exercise", to)?;
        } else if change.kind == ChangeKind::Swap {
            return Err(StoreError::invalid(
                "to_exercise",
                "a swap needs the new exercise",
            ));
        }
        let date = date_text(change.date)?;
        let now = now_text();
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE plans SET plan_json = $1 WHERE id = $2 AND user_id = $3 AND active",
        )
        .bind(new_plan_json)
        .bind(plan.0)
        .bind(user.0)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotActivePlan { user, plan });
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
        .bind(&now)
        .execute(&mut *w.tx)
        .await?;
        if change.kind == ChangeKind::Exclude {
            insert_exclusion(&mut w, user, &change.from_exercise, &now).await?;
        }
        w.commit().await
    }

    /// The recorded changes of one of the user's plans, oldest first.
    pub async fn plan_changes(&self, user: UserId, plan: PlanId) -> Result<Vec<PlanChangeRow>> {
        let rows = sqlx::query(
            "SELECT id, plan_id, date, kind, from_exercise, to_exercise, created_at \
             FROM plan_changes WHERE user_id = $1 AND plan_id = $2 ORDER BY id",
        )
        .bind(user.0)
        .bind(plan.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PlanChangeRow {
                    id: r.try_get(0)?,
                    plan_id: PlanId(r.try_get(1)?),
                    change: PlanChange {
                        date: parse_date(r.try_get(2)?)?,
                        kind: parse_enum(r.try_get(3)?)?,
                        from_exercise: r.try_get(4)?,
                        to_exercise: r.try_get(5)?,
                    },
                    created_at: parse_time(r.try_get(6)?)?,
                })
            })
            .collect()
    }

    // ------------------------------------------------------------ exclusions

    /// Exclude an exercise for the user. Returns `false` if it already was.
    pub async fn add_exclusion(&self, user: UserId, exercise_id: &str) -> Result<bool> {
        check_exercise("exercise_id", exercise_id)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let added = insert_exclusion(&mut w, user, exercise_id, &now_text()).await?;
        w.commit().await?;
        Ok(added)
    }

    /// Lift an exclusion. Returns `false` if there was none.
    pub async fn remove_exclusion(&self, user: UserId, exercise_id: &str) -> Result<bool> {
        let mut w = self.write().await?;
        let done = sqlx::query("DELETE FROM exclusions WHERE user_id = $1 AND exercise_id = $2")
            .bind(user.0)
            .bind(exercise_id)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// The user's excluded exercise ids, sorted.
    pub async fn exclusions(&self, user: UserId) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar::<_, String>(
            "SELECT exercise_id FROM exclusions WHERE user_id = $1 ORDER BY exercise_id",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }

    // -------------------------------------------------------------- workouts

    /// Log a workout and its sets in one transaction. Sets are numbered from
    /// 1 in the order given (`set_index`). `plan` must be one of the user's
    /// plans. At least one set is required; loads and RPE must be finite.
    pub async fn log_workout(
        &self,
        user: UserId,
        date: NaiveDate,
        plan: Option<PlanId>,
        source: Source,
        sets: &[NewSet],
    ) -> Result<WorkoutId> {
        let date = date_text(date)?;
        if sets.is_empty() {
            return Err(StoreError::invalid(
                "sets",
                "a workout needs at least one set",
            ));
        }
        for s in sets {
            check_exercise("exercise_id", &s.exercise_id)?;
            check_finite("load_kg", s.load_kg)?;
            check_finite("rpe", s.rpe)?;
        }
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let workout: i64 = sqlx::query(
            "INSERT INTO workouts (user_id, date, plan_id, source, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(user.0)
        .bind(date)
        .bind(plan.map(|p| p.0))
        .bind(source.to_db())
        .bind(now_text())
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        for (i, s) in sets.iter().enumerate() {
            sqlx::query(
                "INSERT INTO sets (workout_id, user_id, exercise_id, set_index, reps, load_kg, hold_s, rpe, note) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(workout)
            .bind(user.0)
            .bind(s.exercise_id.as_str())
            .bind(i as i64 + 1)
            .bind(s.reps.map(i64::from))
            .bind(s.load_kg)
            .bind(s.hold_s.map(i64::from))
            .bind(s.rpe)
            .bind(s.note.as_deref())
            // sqlx 0.8.6's Any driver sends a NULL f64 as float4 (launchbadge/sqlx#4284):
            // a cached PostgreSQL statement first run with NULL then rejects a value.
            .persistent(self.backend == Backend::Sqlite)
            .execute(&mut *w.tx)
            .await?;
        }
        w.commit().await?;
        Ok(WorkoutId(workout))
    }

    /// The user's sets, optionally of one exercise and within `from..=to`
    /// (workout dates, both ends inclusive), ordered by date, workout and
    /// `set_index`.
    pub async fn sets_for(
        &self,
        user: UserId,
        exercise: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<SetRow>> {
        let mut sql = String::from(
            "SELECT w.date, s.workout_id, s.exercise_id, s.set_index, s.reps, s.load_kg, s.hold_s, s.rpe, s.note \
             FROM sets s JOIN workouts w ON w.id = s.workout_id \
             WHERE s.user_id = $1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(ex) = exercise {
            args.push(ex.to_owned());
            sql.push_str(&format!(" AND s.exercise_id = ${}", args.len() + 1));
        }
        push_date_range(&mut sql, &mut args, "w.date", from, to)?;
        sql.push_str(" ORDER BY w.date, s.workout_id, s.set_index");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(SetRow {
                    date: parse_date(r.try_get(0)?)?,
                    workout_id: WorkoutId(r.try_get(1)?),
                    exercise_id: r.try_get(2)?,
                    set_index: to_u32("set_index", r.try_get(3)?)?,
                    reps: r
                        .try_get::<Option<i64>, _>(4)?
                        .map(|v| to_u32("reps", v))
                        .transpose()?,
                    load_kg: r.try_get(5)?,
                    hold_s: r
                        .try_get::<Option<i64>, _>(6)?
                        .map(|v| to_u32("hold_s", v))
                        .transpose()?,
                    rpe: r.try_get(7)?,
                    note: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// The user's sets summarised per workout date, exercise, reps and RPE
    /// (see [`DaySummary`]), optionally of one exercise and within `from..=to`
    /// (both ends inclusive). Ordered by date; the groups of one day come in
    /// workout order, and one day may hold several groups of one exercise
    /// (other reps or RPE, or another workout that day). A day's set count for
    /// an exercise is the sum of its groups' `sets`.
    ///
    /// Far fewer rows than [`Store::sets_for`] for the same history: what
    /// `upright progress` needs without decoding every set.
    pub async fn exercise_day_summaries(
        &self,
        user: UserId,
        exercise: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DaySummary>> {
        // Grouping by the workout too lets both databases walk
        // workouts_user_date and sets_workout_summary in order (no sort).
        // sets.user_id = workouts.user_id (the composite foreign key).
        let mut sql = String::from(
            "SELECT w.date, s.exercise_id, s.reps, s.rpe, COUNT(*), MAX(s.load_kg) \
             FROM workouts w JOIN sets s ON s.workout_id = w.id \
             WHERE w.user_id = $1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(ex) = exercise {
            args.push(ex.to_owned());
            sql.push_str(&format!(" AND s.exercise_id = ${}", args.len() + 1));
        }
        push_date_range(&mut sql, &mut args, "w.date", from, to)?;
        sql.push_str(
            " GROUP BY w.date, w.id, s.exercise_id, s.reps, s.rpe \
             ORDER BY w.date, w.id, s.exercise_id",
        );
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(DaySummary {
                    date: parse_date(r.try_get(0)?)?,
                    exercise_id: r.try_get(1)?,
                    reps: r
                        .try_get::<Option<i64>, _>(2)?
                        .map(|v| to_u32("reps", v))
                        .transpose()?,
                    rpe: r.try_get(3)?,
                    sets: r.try_get(4)?,
                    max_load_kg: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// The distinct dates on which the user logged a workout, ascending.
    pub async fn workout_dates(&self, user: UserId) -> Result<Vec<NaiveDate>> {
        let dates = sqlx::query_scalar::<_, String>(
            "SELECT DISTINCT date FROM workouts WHERE user_id = $1 ORDER BY date",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        dates.into_iter().map(parse_date).collect()
    }

    // ------------------------------------------------------------------ pain

    /// Log a pain entry (score 0 to 10, checked by the database).
    pub async fn log_pain(&self, user: UserId, entry: &PainEntry) -> Result<PainId> {
        let date = date_text(entry.date)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO pain_entries (user_id, date, score, timing, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(user.0)
        .bind(date)
        .bind(i64::from(entry.score))
        .bind(entry.timing.to_db())
        .bind(entry.note.as_deref())
        .bind(now_text())
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        w.commit().await?;
        Ok(PainId(id))
    }

    /// The user's pain entries within `from..=to` (inclusive), by date then
    /// order of logging.
    pub async fn pain_entries(
        &self,
        user: UserId,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<PainRow>> {
        let mut sql = String::from(
            "SELECT id, date, score, timing, note, created_at FROM pain_entries WHERE user_id = $1",
        );
        let mut args = Vec::new();
        push_date_range(&mut sql, &mut args, "date", from, to)?;
        sql.push_str(" ORDER BY date, id");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let score: i64 = r.try_get(2)?;
                Ok(PainRow {
                    id: PainId(r.try_get(0)?),
                    entry: PainEntry {
                        date: parse_date(r.try_get(1)?)?,
                        score: u8::try_from(score).map_err(|_| corrupt("score", score))?,
                        timing: parse_enum(r.try_get(3)?)?,
                        note: r.try_get(4)?,
                    },
                    created_at: parse_time(r.try_get(5)?)?,
                })
            })
            .collect()
    }
}

// ---------------------------------------------------------------- helpers

const USER_COLUMNS: &str = "SELECT id, handle, display_name, unit, created_at FROM users";

const PLAN_COLUMNS: &str =
    "SELECT p.id, p.profile_id, pr.profile_json, p.plan_json, p.start_date, \
     p.created_at, CASE WHEN p.active THEN 1 ELSE 0 END \
     FROM plans p JOIN profiles pr ON pr.id = p.profile_id";

fn user_from_row(r: &AnyRow) -> Result<User> {
    Ok(User {
        id: UserId(r.try_get(0)?),
        handle: r.try_get(1)?,
        display_name: r.try_get(2)?,
        unit: parse_enum(r.try_get(3)?)?,
        created_at: parse_time(r.try_get(4)?)?,
    })
}

fn plan_from_row(r: &AnyRow) -> Result<StoredPlan> {
    Ok(StoredPlan {
        id: PlanId(r.try_get(0)?),
        profile_id: ProfileId(r.try_get(1)?),
        profile_json: r.try_get(2)?,
        plan_json: r.try_get(3)?,
        start_date: parse_date(r.try_get(4)?)?,
        created_at: parse_time(r.try_get(5)?)?,
        active: r.try_get::<i64, _>(6)? != 0,
    })
}

async fn require_user(w: &mut WriteTx, user: UserId) -> Result<()> {
    let found = sqlx::query("SELECT 1 FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(&mut *w.tx)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::UnknownUser(user)),
    }
}

async fn insert_exclusion(
    w: &mut WriteTx,
    user: UserId,
    exercise: &str,
    now: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO exclusions (user_id, exercise_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, exercise_id) DO NOTHING",
    )
    .bind(user.0)
    .bind(exercise)
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

fn push_date_range(
    sql: &mut String,
    args: &mut Vec<String>,
    column: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<()> {
    // Placeholder numbers continue after $1 (the user id).
    if let Some(from) = from {
        args.push(date_text(from)?);
        sql.push_str(&format!(" AND {column} >= ${}", args.len() + 1));
    }
    if let Some(to) = to {
        args.push(date_text(to)?);
        sql.push_str(&format!(" AND {column} <= ${}", args.len() + 1));
    }
    Ok(())
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// `YYYY-MM-DD`; years outside 0..=9999 would not sort as text.
fn date_text(d: NaiveDate) -> Result<String> {
    if !(0..=9999).contains(&d.year()) {
        return Err(StoreError::invalid(
            "date",
            format!("year {} outside 0..=9999", d.year()),
        ));
    }
    Ok(d.format("%Y-%m-%d").to_string())
}

fn corrupt(field: &'static str, value: impl ToString) -> StoreError {
    StoreError::Corrupt {
        field,
        value: value.to_string(),
    }
}

fn parse_date(s: String) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| corrupt("date", s))
}

fn parse_time(s: String) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("created_at", s))
}

fn parse_enum<T: DbText>(s: String) -> Result<T> {
    T::from_db(&s).ok_or_else(|| corrupt(T::FIELD, s))
}

fn to_u32(field: &'static str, v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| corrupt(field, v))
}

fn check_handle(handle: &str) -> Result<()> {
    let n = handle.chars().count();
    if n == 0 || n > 64 {
        return Err(StoreError::invalid("handle", "must be 1 to 64 characters"));
    }
    if handle.trim() != handle || handle.chars().any(char::is_control) {
        return Err(StoreError::invalid(
            "handle",
            "no leading/trailing spaces or control characters",
        ));
    }
    Ok(())
}

fn check_exercise(field: &'static str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 100 {
        return Err(StoreError::invalid(
            field,
            "exercise ids are 1 to 100 bytes",
        ));
    }
    Ok(())
}

fn check_finite(field: &'static str, v: Option<f64>) -> Result<()> {
    // NaN would become NULL in SQLite and pass CHECKs in PostgreSQL.
    match v {
        Some(x) if !x.is_finite() => Err(StoreError::invalid(field, format!("{x} is not finite"))),
        _ => Ok(()),
    }
}

fn check_json(field: &'static str, text: &str) -> Result<()> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| StoreError::invalid(field, format!("not valid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pooled SQLite connection runs with the durability settings.
    #[tokio::test]
    async fn sqlite_connection_settings() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_path(&dir.path().join("p.db")).await.unwrap();
        // Hold several connections at once so that more than one is checked.
        let mut conns = Vec::new();
        for _ in 0..3 {
            conns.push(store.pool.acquire().await.unwrap());
        }
        for conn in &mut conns {
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(mode, "wal");
            for (pragma, want) in [
                ("synchronous", 2),
                ("foreign_keys", 1),
                ("busy_timeout", 5000),
            ] {
                let got: i64 = sqlx::query_scalar(&format!("PRAGMA {pragma}"))
                    .fetch_one(&mut **conn)
                    .await
                    .unwrap();
                assert_eq!(got, want, "PRAGMA {pragma}");
            }
        }
    }

    #[test]
    fn dates_and_handles() {
        assert_eq!(
            date_text(NaiveDate::from_ymd_opt(987, 3, 4).unwrap()).unwrap(),
            "0987-03-04"
        );
        assert!(date_text(NaiveDate::from_ymd_opt(-1, 1, 1).unwrap()).is_err());
        assert!(check_handle("local").is_ok());
        assert!(check_handle("a\nb").is_err());
    }
}
