//! The coaching loop's commands: `today`, `log`, `pain`, `swap`, `exclude`,
//! `history`, `progress` and `config`. Each parses its arguments, calls the
//! use case in upright-app (which holds the logic, over upright-core and
//! upright-store), and prints the view model it gets back.
//!
//! Writes are acknowledged by the exit code: once a use case has committed,
//! a confirmation that cannot be printed (closed or full stdout) is noted on
//! stderr and the command still exits 0, so a retrying script does not log twice.

pub mod assess;
pub mod assess_guide;
pub mod chart;
pub mod config;
pub mod exclude;
pub mod history;
pub mod log;
pub mod pain;
pub mod progress;
pub mod swap;
pub mod today;

use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;
use upright_app::{Actor, App, DbTarget};
use upright_core::catalog::Catalog;

/// `--db` (or `UPRIGHT_DATABASE_URL`): a URL or a SQLite file path; unset:
/// `upright.db` in the user's data directory (XDG: `$XDG_DATA_HOME/upright`,
/// usually `~/.local/share/upright`). Given but empty is refused.
pub fn target(db: Option<&str>) -> CliResult<DbTarget> {
    match db {
        Some(s) => Ok(DbTarget::parse(s)?),
        None => default_path().map(DbTarget::Path),
    }
}

/// `<data dir>/upright.db` (`directories::ProjectDirs`).
pub fn default_path() -> CliResult<PathBuf> {
    directories::ProjectDirs::from("", "", "upright")
        .map(|d| d.data_dir().join("upright.db"))
        .ok_or_else(|| CliError::bad("db: no home directory to keep your data in; give --db PATH (or set UPRIGHT_DATABASE_URL)"))
}

/// Opens the database and finds the local user the CLI acts as.
pub async fn open(db: Option<&str>, catalog: &Catalog) -> CliResult<(App, Actor)> {
    let target = target(db)?;
    let app = App::open(&target, Arc::new(catalog.clone())).await?;
    // The person's stored catalog is laid over the one in use (see `catalog import free-exercise-db`).
    let me = match app.local_actor().await {
        Ok(me) => me,
        Err(e) => {
            app.close().await;
            return Err(e.into());
        }
    };
    let keep = app.clone();
    match app.with_person_catalog(&me).await {
        Ok(app) => Ok((app, me)),
        Err(e) => {
            keep.close().await;
            Err(e.into())
        }
    }
}

/// Runs a use case with the app open, closing the pool whatever happens.
pub async fn with_app<T, F, Fut>(db: Option<&str>, catalog: &Catalog, f: F) -> CliResult<T>
where
    F: FnOnce(App, Actor) -> Fut,
    Fut: std::future::Future<Output = CliResult<T>>,
{
    let (app, me) = open(db, catalog).await?;
    let keep = app.clone();
    let out = f(app, me).await;
    keep.close().await;
    out
}

/// The local calendar day: the one clock the coaching loop reads.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// One of `accepted`, case-insensitive.
pub fn parse_format(s: &str, accepted: &[&'static str]) -> CliResult<&'static str> {
    let t = s.trim().to_ascii_lowercase();
    accepted.iter().find(|a| **a == t).copied().ok_or_else(|| {
        CliError::bad(format!(
            "format: '{}' is not accepted; accepted: {}",
            upright_core::text::echo(s),
            accepted.join(", ")
        ))
    })
}
