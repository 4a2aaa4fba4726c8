//! One module per command; `run` dispatches. Output goes through
//! `write_stdout` (reads) and `write_ack` (writes), never `print!`, so a
//! closed or full stdout is an error handled, not a panic.

pub mod catalog;
pub mod coach;
pub mod export;
pub mod import;
pub mod plan;
pub mod scheduling;
pub mod serve;

use crate::cli::{Cli, Command};
use crate::error::{CliError, CliResult};
use std::io::{Read, Write};
use std::path::Path;
use upright_core::catalog::Catalog;

/// Largest catalog file read (`--catalog`): far above any real catalog.
pub const CATALOG_MAX_BYTES: u64 = 64 << 20;
/// Largest profile file read (`--profile`).
pub const PROFILE_MAX_BYTES: u64 = 1 << 20;

/// Runs a parsed command line; returns the exit code.
pub async fn run(cli: Cli) -> CliResult<i32> {
    let catalog = load_catalog(cli.catalog.as_deref())?;
    let db = cli.db.as_deref();
    match cli.command {
        Command::Plan(args) => plan::run(args, &catalog, db).await,
        Command::Catalog(cmd) => catalog::run(cmd, &catalog, db).await,
        Command::Today(args) => coach::today::run(args, &catalog, db).await,
        Command::Log(args) => coach::log::run(args, &catalog, db).await,
        Command::Pain(args) => coach::pain::run(args, &catalog, db).await,
        Command::Swap(args) => coach::swap::run(args, &catalog, db).await,
        Command::Exclude(args) => coach::exclude::run(args, &catalog, db).await,
        Command::History(args) => coach::history::run(args, &catalog, db).await,
        Command::Progress(args) => coach::progress::run(args, &catalog, db).await,
        Command::Config(args) => coach::config::run(args, &catalog, db).await,
        Command::Assess(args) => coach::assess::run(args, &catalog, db).await,
        Command::Serve(args) => serve::run(args, &catalog, db).await,
        Command::Gym(cmd) => scheduling::gym::run(cmd, &catalog, db).await,
        Command::Availability(cmd) => scheduling::availability::run(cmd, &catalog, db).await,
        Command::Schedule(args) => scheduling::schedule::run(args, &catalog, db).await,
        Command::Calendar(args) => scheduling::calendar::run(args, &catalog, db).await,
        Command::Import(cmd) => import::run(cmd, &catalog, db).await,
        Command::Export(args) => export::run(args, &catalog, db).await,
    }
}

/// The built-in catalog, with the user's file laid over it when given.
pub fn load_catalog(path: Option<&Path>) -> CliResult<Catalog> {
    match path {
        None => Ok(Catalog::builtin()),
        Some(p) => {
            let text = read_text(p, "catalog", CATALOG_MAX_BYTES)?;
            Ok(Catalog::builtin_with_overrides(
                &text,
                &p.display().to_string(),
            )?)
        }
    }
}

/// Writes a command's output; a closed pipe (`| head`) ends quietly, any
/// other failure (a full disk, `/dev/full`) is an error: the output is what
/// the command was for.
pub fn write_stdout(text: &str) -> CliResult<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Internal(
            anyhow::anyhow!("cannot write the output: {e}"),
        )),
        _ => Ok(()),
    }
}

/// Writes the confirmation of a write that has committed. If it cannot be
/// printed, says so on stderr; the exit code (0) is the acknowledgement, so
/// a script that retries on failure does not write twice.
pub fn write_ack(text: &str, what: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            note(&format!(
                "upright: {what}, but the confirmation could not be printed: {e}"
            ));
        }
    }
}

/// A line on stderr; a closed stderr is ignored (there is nowhere left to say it).
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Reads a file the user named, at most `max` bytes (`/dev/zero` must not
/// fill the memory); a missing, unreadable or oversized file is bad input
/// naming the field.
pub fn read_text(p: &Path, field: &str, max: u64) -> CliResult<String> {
    let shown = upright_core::text::echo(&p.display().to_string());
    let f = std::fs::File::open(p)
        .map_err(|e| CliError::bad(format!("{field}: cannot read '{shown}': {e}")))?;
    let mut bytes = Vec::new();
    f.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::bad(format!("{field}: cannot read '{shown}': {e}")))?;
    if bytes.len() as u64 > max {
        return Err(CliError::bad(format!(
            "{field}: '{shown}' is larger than {} MiB; accepted: a smaller file",
            max >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        CliError::bad(format!(
            "{field}: '{shown}' is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Writes a file whole or not at all: into a temporary file beside it, then renamed.
pub fn write_file_atomic(path: &Path, bytes: &[u8], field: &str) -> CliResult<()> {
    let shown = upright_core::text::echo(&path.display().to_string());
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        return Err(CliError::bad(format!(
            "{field}: cannot write '{shown}': {e}"
        )));
    }
    Ok(())
}
