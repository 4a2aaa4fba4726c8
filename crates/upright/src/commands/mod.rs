//! One module per command; `run` dispatches.

pub mod catalog;
pub mod coach;
pub mod plan;

use crate::cli::{Cli, Command};
use crate::error::{CliError, CliResult};
use std::path::Path;
use upright_core::catalog::Catalog;

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> CliResult<i32> {
    let catalog = load_catalog(cli.catalog.as_deref())?;
    match cli.command {
        Command::Plan(args) => plan::run(args, &catalog, cli.db.as_deref()),
        Command::Catalog(cmd) => catalog::run(cmd, &catalog),
        Command::Today(args) => coach::today::run(args, &catalog, cli.db.as_deref()),
        Command::Log(args) => coach::log::run(args, &catalog, cli.db.as_deref()),
        Command::Pain(args) => coach::pain::run(args, cli.db.as_deref()),
        Command::Swap(args) => coach::swap::run(args, &catalog, cli.db.as_deref()),
        Command::Exclude(args) => coach::exclude::run(args, &catalog, cli.db.as_deref()),
        Command::History(args) => coach::history::run(args, &catalog, cli.db.as_deref()),
        Command::Progress(args) => coach::progress::run(args, &catalog, cli.db.as_deref()),
        Command::Config(args) => coach::config::run(args, cli.db.as_deref()),
    }
}

/// The built-in catalog, with the user's file laid over it when given.
pub fn load_catalog(path: Option<&Path>) -> CliResult<Catalog> {
    match path {
        None => Ok(Catalog::builtin()),
        Some(p) => {
            let text = read_text(p, "catalog")?;
            Ok(Catalog::builtin_with_overrides(&text, &p.display().to_string())?)
        }
    }
}

/// Writes to standard output; a closed pipe (`| head`) ends quietly, not in a panic.
pub fn write_stdout(text: &str) -> CliResult<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Internal(e.into())),
        _ => Ok(()),
    }
}

/// Reads a file the user named; a missing file is bad input naming the flag.
pub fn read_text(p: &Path, field: &str) -> CliResult<String> {
    std::fs::read_to_string(p).map_err(|e| CliError::bad(format!("{field}: cannot read '{}': {e}", p.display())))
}

/// `plan --save`: stores the profile and the plan and makes the plan the
/// active one, starting on `start` (`YYYY-MM-DD`, default today); one
/// confirmation line on stderr.
pub fn save_plan(
    profile: &upright_core::profile::Profile,
    doc: &upright_core::plan::PlanDocument,
    start: Option<&str>,
    db: Option<&str>,
) -> CliResult<()> {
    let start = coach::date_or_today("start", start)?;
    let profile_json = serde_json::to_string(profile).map_err(|e| CliError::Internal(e.into()))?;
    let plan_json = serde_json::to_string(doc).map_err(|e| CliError::Internal(e.into()))?;
    let db = coach::db::Db::open(db)?;
    let id = db.call(db.store.save_plan(db.user.id, &profile_json, &plan_json, start))?;
    let weeks = doc.weeks.len();
    eprintln!(
        "upright: saved plan {id} as your active plan: {weeks} weeks from {}; see `upright today`",
        coach::show_date(start)
    );
    Ok(())
}
