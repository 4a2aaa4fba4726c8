//! The person's own catalog: exercises imported from free-exercise-db and
//! kept in the store, laid over the catalog in use (built-in, plus a
//! `--catalog` file, which wins on a shared ID), so the planner and the
//! importers use them from then on.

use crate::{Actor, App, AppError, AppResult};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use upright_core::catalog::{import, Exercise};
use upright_core::text::echo;
use upright_store::UserExercise;

/// Where the stored exercises came from.
pub const FREE_EXERCISE_DB: &str = "free-exercise-db";
/// How errors in the stored catalog name it.
const STORED: &str = "<your stored catalog>";

/// What `catalog import free-exercise-db` did.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogImport {
    /// Exercises stored that were not in the person's catalog before.
    pub added: u64,
    /// Exercises stored again (same ID), replacing the earlier copy.
    pub replaced: u64,
    /// Entries of the file that map onto nothing of upright's, by reason.
    pub skipped: usize,
    pub reasons: BTreeMap<String, usize>,
    /// Exercises in the person's catalog now.
    pub stored: usize,
}

impl App {
    /// This app with the person's stored exercises added to its catalog.
    pub async fn with_person_catalog(self, me: &Actor) -> AppResult<App> {
        let stored = self.store.user_exercises(me.id).await?;
        if stored.is_empty() {
            return Ok(self);
        }
        let mut exercises = Vec::with_capacity(stored.len());
        for e in &stored {
            let ex: Exercise = serde_json::from_str(&e.exercise_json).map_err(|err| {
                AppError::internal(format!(
                    "stored exercise '{}' cannot be read: {err}",
                    echo(&e.exercise_id)
                ))
            })?;
            exercises.push(ex);
        }
        let catalog = self
            .catalog
            .with_added(exercises, STORED)
            .map_err(|e| AppError::internal(format!("catalog: {e}")))?;
        Ok(App {
            store: self.store,
            catalog: Arc::new(catalog),
            docs: self.docs,
        })
    }

    /// Stores the exercises of a free-exercise-db `exercises.json` in the
    /// person's catalog (`all`: every mappable entry, not only back and core).
    pub async fn import_catalog(
        &self,
        me: &Actor,
        format: &str,
        json: &str,
        all: bool,
    ) -> AppResult<CatalogImport> {
        if format.trim() != FREE_EXERCISE_DB {
            return Err(AppError::bad(
                "format",
                format!(
                    "'{}' is not accepted; accepted: {FREE_EXERCISE_DB}",
                    echo(format)
                ),
            ));
        }
        let report = import::import_free_exercise_db_with(json, import::ImportOptions { all })
            .map_err(|e| AppError::bad("file", e.to_string()))?;
        // Checked as the planner will load them, before anything is stored.
        self.catalog
            .with_added(report.exercises.clone(), FREE_EXERCISE_DB)
            .map_err(|e| AppError::bad("file", e.to_string()))?;
        let rows: Vec<UserExercise> = report
            .exercises
            .iter()
            .map(|e| UserExercise {
                exercise_id: e.id.clone(),
                origin: FREE_EXERCISE_DB.to_string(),
                exercise_json: serde_json::to_string(e).expect("an exercise serialises"),
            })
            .collect();
        let added = self.store.put_user_exercises(me.id, &rows).await?;
        let stored = self.store.user_exercises(me.id).await?.len();
        Ok(CatalogImport {
            added,
            replaced: rows.len() as u64 - added,
            skipped: report.skipped,
            reasons: report.reasons,
            stored,
        })
    }
}
