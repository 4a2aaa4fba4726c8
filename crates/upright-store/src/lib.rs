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

mod accounts;
mod assessments;
mod availability;
mod calendar;
mod connect;
mod error;
mod exclusions;
mod exports;
mod gyms;
mod imports;
mod logs;
mod model;
mod pain;
mod plans;
mod sql;
mod subscriptions;
mod summaries;
mod users;
mod workouts;

use std::path::Path;
use std::sync::Arc;

use sqlx::AnyPool;

pub use accounts::{ApiTokenRow, WEB_HANDLE_PREFIX};
pub use availability::StoredAvailability;
pub use calendar::{CalendarEvent, PlanWorkoutDay};
pub use connect::Backend;
use connect::{begin_write, WriteTx};
pub use error::{Result, StoreError};
pub use exports::{time_text, ExportCursor, ExportSetRow, RestorePlan};
pub use gyms::{GymClosure, GymId, GymWrite, NewGym, StoredGym};
pub use imports::{ExerciseMapping, ImportSet, ImportTx, ImportWorkout, SetConflict, UserExercise};
pub use logs::{WorkoutRow, IDEMPOTENCY_KEY_MAX};
pub use model::{AssessmentId, AssessmentRow, HoldRecord, NewAssessment};
pub use model::{
    ChangeKind, DaySummary, ImportSource, NewSet, PainEntry, PainId, PainRow, PainTiming,
    PlanChange, PlanChangeRow, PlanEdit, PlanId, ProfileId, SetKind, SetRow, Source, StoredPlan,
    Unit, User, UserId, WorkoutId,
};

/// Handle of the user the CLI acts as.
pub const LOCAL_USER: &str = "local";

/// A connection pool to one database. Cheap to clone (shares the pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    write_lock: Option<Arc<tokio::sync::Mutex<()>>>,
    /// Keyed logs waiting for a group commit (SQLite files).
    pending: Arc<logs::Pending>,
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
            pending: Default::default(),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::{check_handle, date_text};
    use chrono::NaiveDate;

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
                ("temp_store", 2),
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
