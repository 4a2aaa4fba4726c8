//! One module per command; `run` dispatches.

pub mod catalog;
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

/// Reads a file the user named; a missing file is bad input naming the flag.
pub fn read_text(p: &Path, field: &str) -> CliResult<String> {
    std::fs::read_to_string(p).map_err(|e| CliError::bad(format!("{field}: cannot read '{}': {e}", p.display())))
}

/// `plan --save`: stores the profile and makes the plan active.
pub fn save_plan(
    _profile: &upright_core::profile::Profile,
    _doc: &upright_core::plan::PlanDocument,
    _start: Option<&str>,
    _db: Option<&str>,
) -> CliResult<()> {
    Err(CliError::bad("save: storage arrives with the coaching loop"))
}
