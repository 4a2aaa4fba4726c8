//! `upright export --format json|csv|hevy|strong [--out FILE]`: a thin
//! caller of upright-app's `export`. To a file it is written whole or not at
//! all (a temporary file beside it, renamed when complete).

use super::coach::{parse_format, with_app};
use super::note;
use crate::error::{exit, CliError, CliResult};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use upright_app::export::ExportFormat;
use upright_core::catalog::Catalog;
use upright_core::text::echo;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json or csv: everything you have (your unit and name, plans with their profiles and changes,
    /// exclusions, exercise-name mappings, your catalog exercises, pain, endurance batteries, gyms with
    /// hours and closures and the one you use, availability, and every set), which
    /// `upright import upright FILE` reads back. The CSV holds the same as the JSON, one row a
    /// record (the `record` column says which; documents in the `json` column), and is read a row
    /// at a time (for histories of millions of sets). hevy or strong: your sets only, as those apps' CSV.
    #[arg(long, value_name = "FORMAT", default_value = "json")]
    pub format: String,
    /// Write to this file [default: standard output].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub async fn run(args: ExportArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let name = parse_format(&args.format, &["json", "csv", "hevy", "strong"])?;
    let format = ExportFormat::parse(name)?;
    match args.out {
        None => {
            let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            with_app(db, catalog, |app, me| async move {
                Ok(app.export(&me, format, out).await?)
            })
            .await?;
        }
        Some(path) => {
            let shown = echo(&path.display().to_string());
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
            let file = std::fs::File::create(&tmp)
                .map_err(|e| CliError::bad(format!("out: cannot write '{shown}': {e}")))?;
            let out = std::io::BufWriter::with_capacity(1 << 16, file);
            let written = with_app(db, catalog, |app, me| async move {
                Ok(app.export(&me, format, out).await?)
            })
            .await;
            let finished = written.and_then(|summary| {
                std::fs::File::open(&tmp)
                    .and_then(|f| f.sync_all())
                    .and_then(|_| std::fs::rename(&tmp, &path))
                    .map_err(|e| CliError::bad(format!("out: cannot write '{shown}': {e}")))?;
                Ok(summary)
            });
            match finished {
                Ok(s) => note(&format!(
                    "upright: exported {} set(s) in {} workout(s), {} plan(s), {} pain entr(ies), {} endurance batter(ies), {} gym(s){} to {shown}",
                    s.sets,
                    s.workouts,
                    s.plans,
                    s.pain,
                    s.assessments,
                    s.gyms,
                    if s.availability { ", your availability" } else { "" }
                )),
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e);
                }
            }
        }
    }
    let _ = std::io::stdout().flush();
    Ok(exit::OK)
}
