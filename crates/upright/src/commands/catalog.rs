//! `upright catalog list|show|import`.

use crate::cli::CatalogCommand;
use crate::error::{exit, CliError, CliResult};
use std::fmt::Write as _;
use upright_core::catalog::{import, Catalog, Exercise};
use upright_core::vocab::{Equipment, Muscle};

pub async fn run(cmd: CatalogCommand, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    if let CatalogCommand::Import {
        first,
        file: Some(file),
        out,
        all,
    } = cmd
    {
        return store_import(&first, &file, out.is_some(), all, catalog, db).await;
    }
    let person = person_catalog(db, catalog).await?;
    let catalog = &person;
    match cmd {
        CatalogCommand::List {
            muscle,
            equipment,
            format,
        } => {
            let json = is_json(&format)?;
            let muscle = muscle
                .map(|m| {
                    m.parse::<Muscle>().map_err(|e| {
                        CliError::bad(format!(
                            "muscle: '{}' is not accepted; accepted: {}",
                            e.got,
                            e.accepted.join(", ")
                        ))
                    })
                })
                .transpose()?;
            let equipment = equipment.map(|s| parse_equipment(&s)).transpose()?;
            let found: Vec<&Exercise> = catalog.filter(muscle, equipment.as_deref()).collect();
            if json {
                super::write_stdout(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&found).expect("catalog serialises")
                ))?;
            } else {
                let mut out = String::new();
                for e in &found {
                    let needs: Vec<String> = e
                        .equipment
                        .iter()
                        .map(|n| {
                            n.options()
                                .iter()
                                .map(|o| o.as_str())
                                .collect::<Vec<_>>()
                                .join("|")
                        })
                        .collect();
                    let needs = if needs.is_empty() {
                        "nothing".to_string()
                    } else {
                        needs.join(", ")
                    };
                    let _ = writeln!(
                        out,
                        "{:<30} {:<34} {:<21} {:<12} needs {}",
                        e.id,
                        e.name,
                        e.pattern.as_str(),
                        e.level.as_str(),
                        needs
                    );
                }
                let _ = writeln!(out, "{} exercise(s)", found.len());
                super::write_stdout(&out)?;
            }
            Ok(exit::OK)
        }
        CatalogCommand::Show { id, format } => {
            let json = is_json(&format)?;
            let Some(e) = catalog.get(&id) else {
                let hints = catalog.suggest(&id);
                let hint = if hints.is_empty() {
                    "see `upright catalog list`".to_string()
                } else {
                    format!("did you mean {}?", hints.join(", "))
                };
                return Err(CliError::bad(format!(
                    "exercise: unknown ID '{id}'; {hint}"
                )));
            };
            if json {
                super::write_stdout(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(e).expect("exercise serialises")
                ))?;
            } else {
                super::write_stdout(&show_text(e))?;
            }
            Ok(exit::OK)
        }
        CatalogCommand::Import {
            first, out, all, ..
        } => {
            let file = std::path::PathBuf::from(first);
            let text = super::read_text(&file, "file", super::CATALOG_MAX_BYTES)?;
            let report = import::import_free_exercise_db_with(&text, import::ImportOptions { all })
                .map_err(|e| CliError::bad(format!("file: {}: {e}", file.display())))?;
            let toml = import::to_toml(&report.exercises);
            match out {
                Some(path) => std::fs::write(&path, toml).map_err(|e| {
                    CliError::bad(format!("out: cannot write '{}': {e}", path.display()))
                })?,
                None => super::write_stdout(&toml)?,
            }
            super::note(&format!(
                "imported {} exercise(s), skipped {}",
                report.exercises.len(),
                report.skipped
            ));
            Ok(exit::OK)
        }
    }
}

/// The catalog in use with the person's stored exercises laid over it, read
/// from the database when there is one (none is created for this: without
/// `--db` and no database file yet, it is the catalog in use).
pub async fn person_catalog(db: Option<&str>, catalog: &Catalog) -> CliResult<Catalog> {
    let target = match super::coach::target(db) {
        Ok(t) => t,
        Err(_) if db.is_none() => return Ok(catalog.clone()),
        Err(e) => return Err(e),
    };
    if let upright_app::DbTarget::Path(p) = &target {
        if !p.exists() {
            return Ok(catalog.clone());
        }
    }
    super::coach::with_app(
        db,
        catalog,
        |app, _me| async move { Ok(app.catalog().clone()) },
    )
    .await
}

/// `catalog import free-exercise-db FILE.json`: into the person's stored catalog.
async fn store_import(
    format: &str,
    file: &std::path::Path,
    out: bool,
    all: bool,
    catalog: &Catalog,
    db: Option<&str>,
) -> CliResult<i32> {
    if out {
        return Err(CliError::bad("out: not accepted when storing in your catalog; to write a TOML file: upright catalog import FILE.json --out FILE.toml"));
    }
    let text = super::read_text(file, "file", super::CATALOG_MAX_BYTES)?;
    let format = format.to_string();
    let r = super::coach::with_app(db, catalog, |app, me| async move {
        Ok(app.import_catalog(&me, &format, &text, all).await?)
    })
    .await?;
    super::write_ack(
        &format!(
            "stored {} exercise(s) in your catalog ({} new, {} replaced; {} entr(ies) skipped); {} in your catalog now, used by `upright plan` from now on\n",
            r.added + r.replaced,
            r.added,
            r.replaced,
            r.skipped,
            r.stored
        ),
        "the exercises were stored",
    );
    Ok(exit::OK)
}

fn is_json(format: &str) -> CliResult<bool> {
    match format {
        "text" => Ok(false),
        "json" => Ok(true),
        other => Err(CliError::bad(format!(
            "format: '{other}' is not accepted; accepted: text, json"
        ))),
    }
}

fn parse_equipment(s: &str) -> CliResult<Vec<Equipment>> {
    let mut out = Vec::new();
    for w in s.split(',').filter(|w| !w.trim().is_empty()) {
        out.extend(Equipment::parse_with_presets(w).map_err(|e| {
            CliError::bad(format!(
                "equipment: '{}' is not accepted; accepted: {}",
                e.got,
                e.accepted.join(", ")
            ))
        })?);
    }
    Ok(out)
}

fn show_text(e: &Exercise) -> String {
    let words = |v: &[Muscle]| v.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})", e.name, e.id);
    let _ = writeln!(s, "  primary:      {}", words(&e.primary));
    if !e.secondary.is_empty() {
        let _ = writeln!(s, "  secondary:    {}", words(&e.secondary));
    }
    let _ = writeln!(s, "  mechanic:     {}   pattern: {}", e.mechanic, e.pattern);
    let needs: Vec<String> = e
        .equipment
        .iter()
        .map(|n| {
            n.options()
                .iter()
                .map(|o| o.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        })
        .collect();
    let _ = writeln!(
        s,
        "  equipment:    {}",
        if needs.is_empty() {
            "none".into()
        } else {
            needs.join(", ")
        }
    );
    let _ = writeln!(
        s,
        "  level:        {}{}   technique: {}   spinal load: {}",
        e.level,
        match e.top_level {
            Some(top) if top == e.level =>
                " only (a first step; a recovering back keeps it)".to_string(),
            Some(top) => format!(" to {top} (a recovering back keeps it)"),
            None => " and up".to_string(),
        },
        e.technique,
        e.spinal_load
    );
    let _ = writeln!(
        s,
        "  dosing:       {} ({}){}",
        e.dosing,
        e.loading,
        if e.unilateral {
            ", one side at a time"
        } else {
            ""
        }
    );
    if !e.regressions.is_empty() {
        let _ = writeln!(s, "  easier:       {}", e.regressions.join(", "));
    }
    if !e.progressions.is_empty() {
        let _ = writeln!(s, "  harder:       {}", e.progressions.join(", "));
    }
    if !e.cue.is_empty() {
        let _ = writeln!(s, "  how:          {}", e.cue);
    }
    if !e.rules.is_empty() {
        let _ = writeln!(s, "  why:          {}", e.rules.join(", "));
    }
    if !e.cues.is_empty() {
        let _ = writeln!(s, "  cues (S-FORM):");
        for c in &e.cues {
            let _ = writeln!(s, "    - {c}");
        }
    }
    if !e.faults.is_empty() {
        let _ = writeln!(s, "  common faults:");
        for f in &e.faults {
            let _ = writeln!(s, "    - {f}");
        }
    }
    s
}
