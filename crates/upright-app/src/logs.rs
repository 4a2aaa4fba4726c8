//! Logged workouts as a resource for the web API: a page of them (newest
//! first), one, or deleting one. Another person's id is "not found", never
//! "forbidden", so ids reveal nothing.

use crate::{Actor, App, AppError, AppResult, ErrorKind};
use serde::Serialize;
use upright_core::coach::dates::iso;
use upright_store::{WorkoutId, WorkoutRow};

/// Largest page.
pub const PAGE_MAX: u32 = 100;

#[derive(Debug, Clone, Serialize)]
pub struct LogSet {
    pub set: u32,
    pub exercise: String,
    pub reps: Option<u32>,
    /// In the person's unit.
    pub load: Option<f64>,
    pub hold_s: Option<u32>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub id: i64,
    pub date: String,
    pub source: &'static str,
    pub unit: &'static str,
    pub sets: Vec<LogSet>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogPage {
    pub logs: Vec<LogEntry>,
    /// Pass as `before` for the next page; None on the last one.
    pub next_before: Option<i64>,
}

fn entry(me: &Actor, w: WorkoutRow) -> LogEntry {
    LogEntry {
        id: w.id.0,
        date: iso(w.date),
        source: match w.source {
            upright_store::Source::Cli => "cli",
            upright_store::Source::Import => "import",
            upright_store::Source::Web => "web",
        },
        unit: me.unit.as_str(),
        sets: w
            .sets
            .into_iter()
            .map(|s| LogSet {
                set: s.set_index,
                exercise: s.exercise_id,
                reps: s.reps,
                load: s.load_kg.map(|kg| me.unit.from_kg(kg)),
                hold_s: s.hold_s,
                rpe: s.rpe,
                note: s.note,
            })
            .collect(),
    }
}

fn not_found(id: i64) -> AppError {
    AppError::new(ErrorKind::NotFound, "id", format!("you have no log {id}"))
}

impl App {
    /// A page of the person's logs: `limit` 1 to [`PAGE_MAX`] (default 20).
    pub async fn logs(
        &self,
        me: &Actor,
        before: Option<i64>,
        limit: Option<u32>,
    ) -> AppResult<LogPage> {
        let limit = limit.unwrap_or(20);
        if !(1..=PAGE_MAX).contains(&limit) {
            return Err(AppError::bad(
                "limit",
                format!("{limit}; accepted: 1 to {PAGE_MAX}"),
            ));
        }
        let rows = self
            .store
            .workouts_page(me.id, before.map(WorkoutId), limit)
            .await?;
        let next_before = (rows.len() == limit as usize)
            .then(|| rows.last().map(|w| w.id.0))
            .flatten();
        Ok(LogPage {
            logs: rows.into_iter().map(|w| entry(me, w)).collect(),
            next_before,
        })
    }

    pub async fn log_entry(&self, me: &Actor, id: i64) -> AppResult<LogEntry> {
        match self.store.workout(me.id, WorkoutId(id)).await? {
            Some(w) => Ok(entry(me, w)),
            None => Err(not_found(id)),
        }
    }

    pub async fn delete_log(&self, me: &Actor, id: i64) -> AppResult<()> {
        if self.store.delete_workout(me.id, WorkoutId(id)).await? {
            Ok(())
        } else {
            Err(not_found(id))
        }
    }
}
