//! `upright import strong|hevy FILE.csv`, `upright import upright FILE` and
//! `upright import map NAME ID`: thin callers of upright-app's
//! `import_history`, `restore` and `map_exercise`. The file is streamed; a
//! progress bar shows on a terminal (stderr), never in a pipe or with --quiet.

use super::coach::{parse_format, with_app};
use super::{note, write_ack};
use crate::error::{exit, CliError, CliResult};
use clap::{Args, Subcommand};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use upright_app::export::restore::RestoreReport;
use upright_app::import::{ImportReport, ImportRequest};
use upright_core::catalog::Catalog;
use upright_core::text::echo;

/// Malformed rows listed one a line in the text report; the rest are counted.
const ROWS_SHOWN: usize = 50;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A Strong CSV export (every shape: comma or semicolon, with or without units).
    Strong(FileArgs),
    /// A Hevy CSV export (units are in its header).
    Hevy(FileArgs),
    /// upright's own export (`upright export --format json|csv`) back into your history.
    Upright {
        /// The JSON or CSV file.
        file: PathBuf,
        /// No progress bar.
        #[arg(long)]
        quiet: bool,
        /// text or json.
        #[arg(long, value_name = "FORMAT", default_value = "text")]
        format: String,
    },
    /// Map an exercise name of an import to a catalog ID; re-points the sets already imported.
    Map {
        /// The name as the import report lists it (quote it: "Chest Fly (Band)").
        name: String,
        /// The catalog ID (see `upright catalog list`).
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct FileArgs {
    /// The CSV file the app exported.
    pub file: PathBuf,
    /// kg or lb: what a Strong file's weights are in, when the file does not say.
    #[arg(long, value_name = "kg|lb")]
    pub units: Option<String>,
    /// Stop at the first malformed row and import nothing.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// text or json (the report).
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
}

pub async fn run(cmd: ImportCommand, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    match cmd {
        ImportCommand::Strong(a) => history(a, "strong", catalog, db).await,
        ImportCommand::Hevy(a) => history(a, "hevy", catalog, db).await,
        ImportCommand::Upright {
            file,
            quiet,
            format,
        } => restore(&file, quiet, &format, catalog, db).await,
        ImportCommand::Map { name, id } => {
            let m = with_app(db, catalog, |app, me| async move {
                Ok(app.map_exercise(&me, &name, &id).await?)
            })
            .await?;
            write_ack(
                &format!(
                    "mapped '{}' to {} ({}); {} set(s) already imported re-pointed; later imports use this mapping\n",
                    echo(&m.name),
                    m.exercise,
                    m.exercise_name,
                    m.repointed
                ),
                "the mapping was stored",
            );
            Ok(exit::OK)
        }
    }
}

/// The file, wrapped in a progress bar when stderr is a terminal.
fn open(
    path: &Path,
    quiet: bool,
) -> CliResult<(Box<dyn std::io::Read>, Option<indicatif::ProgressBar>)> {
    let shown = echo(&path.display().to_string());
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::bad(format!("file: cannot read '{shown}': {e}")))?;
    if quiet || !std::io::stderr().is_terminal() {
        return Ok((
            Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
            None,
        ));
    }
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} importing {bytes}/{total_bytes} [{bar:30}] {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let reader = bar.wrap_read(std::io::BufReader::with_capacity(1 << 16, file));
    Ok((Box::new(reader), Some(bar)))
}

async fn history(
    a: FileArgs,
    source: &'static str,
    catalog: &Catalog,
    db: Option<&str>,
) -> CliResult<i32> {
    let format = parse_format(&a.format, &["text", "json"])?;
    if source == "hevy" && a.units.is_some() {
        return Err(CliError::bad(
            "units: a Hevy export names its units in its header; leave --units out",
        ));
    }
    let (input, bar) = open(&a.file, a.quiet)?;
    let req = ImportRequest {
        source: source.to_string(),
        units: a.units,
        strict: a.strict,
    };
    let result = with_app(db, catalog, |app, me| async move {
        Ok(app.import_history(&me, req, input).await?)
    })
    .await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = result?;
    let out = match format {
        "json" => {
            serde_json::to_string_pretty(&report).map_err(|e| CliError::Internal(e.into()))? + "\n"
        }
        _ => report_text(&report),
    };
    write_ack(&out, "the import was committed");
    Ok(exit::OK)
}

fn report_text(r: &ImportReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "imported {} set(s) from {} ({} workout(s)): {} added, {} already present",
        r.sets - r.not_stored,
        r.source,
        r.workouts,
        r.added,
        r.already_present
    );
    if r.warm_up_sets > 0 {
        let _ = writeln!(
            s,
            "  {} warm-up set(s) kept and marked (they do not feed progression)",
            r.warm_up_sets
        );
    }
    if r.note_rows + r.rest_timer_rows > 0 {
        let _ = writeln!(
            s,
            "  skipped {} Note row(s) and {} Rest Timer row(s): not sets",
            r.note_rows, r.rest_timer_rows
        );
    }
    if r.unit_overrides > 0 {
        let _ = writeln!(
            s,
            "  {} row(s) named their own unit, which was used instead of --units",
            r.unit_overrides
        );
    }
    let _ = writeln!(s, "exercises:");
    for e in &r.exercises {
        let how = match e.matched_by {
            Some(by) => format!("{} ({by})", e.exercise),
            None => format!("{} (unmapped: kept as your own exercise)", e.exercise),
        };
        let warm = if e.warm_up_sets > 0 {
            format!(", {} warm-up", e.warm_up_sets)
        } else {
            String::new()
        };
        let assisted = if e.assisted {
            ", weight read as assistance"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:<40} {:>6} set(s){warm}{assisted} -> {how}",
            echo(&e.name),
            e.sets
        );
    }
    if !r.unmapped.is_empty() {
        let _ = writeln!(
            s,
            "{} name(s) unmapped; map one with: upright import map \"NAME\" CATALOG-ID",
            r.unmapped.len()
        );
    }
    problems(
        &mut s,
        "malformed row(s) skipped",
        r.malformed,
        r.malformed_rows.iter().map(|p| p.message.as_str()),
    );
    problems(
        &mut s,
        "set row(s) not stored",
        r.not_stored,
        r.not_stored_rows.iter().map(|p| p.message.as_str()),
    );
    s
}

fn problems<'a>(s: &mut String, what: &str, count: u64, rows: impl Iterator<Item = &'a str>) {
    if count == 0 {
        return;
    }
    let _ = writeln!(s, "{count} {what}:");
    let mut shown = 0;
    // Each message names its line.
    for message in rows.take(ROWS_SHOWN) {
        shown += 1;
        let _ = writeln!(s, "  {}", echo(message));
    }
    if count > shown {
        let _ = writeln!(s, "  ... and {} more (see --format json)", count - shown);
    }
}

async fn restore(
    file: &Path,
    quiet: bool,
    format: &str,
    catalog: &Catalog,
    db: Option<&str>,
) -> CliResult<i32> {
    let format = parse_format(format, &["text", "json"])?;
    let (input, bar) = open(file, quiet)?;
    let result = with_app(db, catalog, |app, me| async move {
        Ok(app.restore(&me, input).await?)
    })
    .await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let r = result?;
    let out = match format {
        "json" => {
            serde_json::to_string_pretty(&r).map_err(|e| CliError::Internal(e.into()))? + "\n"
        }
        _ => restore_text(&r),
    };
    write_ack(&out, "the import was committed");
    Ok(exit::OK)
}

fn restore_text(r: &RestoreReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "restored upright's {} export: {} set(s) in {} workout(s): {} added, {} already present",
        r.format, r.sets, r.workouts, r.sets_added, r.sets_present
    );
    let _ = writeln!(
        s,
        "  plans: {} added, {} already present; {} plan change(s) and {} exclusion(s) added",
        r.plans_added, r.plans_present, r.changes_added, r.exclusions_added
    );
    let _ = writeln!(
        s,
        "  pain entries: {} added, {} already present",
        r.pain_added, r.pain_present
    );
    if r.mappings + r.exercises_added > 0 {
        let _ = writeln!(
            s,
            "  {} exercise mapping(s) kept, {} catalog exercise(s) added",
            r.mappings, r.exercises_added
        );
    }
    if r.plans_added > 0 {
        note("upright: a restored plan is active only if you had none; see `upright today`");
    }
    s
}
