//! `upright catalog list|show|import`.

use crate::cli::CatalogCommand;
use crate::error::{exit, CliError, CliResult};
use std::fmt::Write as _;
use upright_core::catalog::{import, Catalog, Exercise};
use upright_core::vocab::{Equipment, Muscle};

pub fn run(cmd: CatalogCommand, catalog: &Catalog) -> CliResult<i32> {
    match cmd {
        CatalogCommand::List { muscle, equipment, format } => {
            let json = is_json(&format)?;
            let muscle = muscle
                .map(|m| m.parse::<Muscle>().map_err(|e| CliError::bad(format!("muscle: '{}' is not accepted; accepted: {}", e.got, e.accepted.join(", ")))))
                .transpose()?;
            let equipment = equipment.map(|s| parse_equipment(&s)).transpose()?;
            let found: Vec<&Exercise> = catalog.filter(muscle, equipment.as_deref()).collect();
            if json {
                super::write_stdout(&format!("{}\n", serde_json::to_string_pretty(&found).expect("catalog serialises")))?;
            } else {
                let mut out = String::new();
                for e in &found {
                    let needs: Vec<String> = e.equipment.iter().map(|n| n.options().iter().map(|o| o.as_str()).collect::<Vec<_>>().join("|")).collect();
                    let needs = if needs.is_empty() { "nothing".to_string() } else { needs.join(", ") };
                    let _ = writeln!(out, "{:<30} {:<34} {:<21} {:<12} needs {}", e.id, e.name, e.pattern.as_str(), e.level.as_str(), needs);
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
                let hint = if hints.is_empty() { "see `upright catalog list`".to_string() } else { format!("did you mean {}?", hints.join(", ")) };
                return Err(CliError::bad(format!("exercise: unknown ID '{id}'; {hint}")));
            };
            if json {
                super::write_stdout(&format!("{}\n", serde_json::to_string_pretty(e).expect("exercise serialises")))?;
            } else {
                super::write_stdout(&show_text(e))?;
            }
            Ok(exit::OK)
        }
        CatalogCommand::Import { file, out, all } => {
            let text = super::read_text(&file, "file", super::CATALOG_MAX_BYTES)?;
            let report = import::import_free_exercise_db_with(&text, import::ImportOptions { all }).map_err(|e| CliError::bad(format!("file: {}: {e}", file.display())))?;
            let toml = import::to_toml(&report.exercises);
            match out {
                Some(path) => std::fs::write(&path, toml).map_err(|e| CliError::bad(format!("out: cannot write '{}': {e}", path.display())))?,
                None => super::write_stdout(&toml)?,
            }
            super::note(&format!("imported {} exercise(s), skipped {}", report.exercises.len(), report.skipped));
            Ok(exit::OK)
        }
    }
}

fn is_json(format: &str) -> CliResult<bool> {
    match format {
        "text" => Ok(false),
        "json" => Ok(true),
        other => Err(CliError::bad(format!("format: '{other}' is not accepted; accepted: text, json"))),
    }
}

fn parse_equipment(s: &str) -> CliResult<Vec<Equipment>> {
    let mut out = Vec::new();
    for w in s.split(',').filter(|w| !w.trim().is_empty()) {
        out.extend(Equipment::parse_with_presets(w).map_err(|e| CliError::bad(format!("equipment: '{}' is not accepted; accepted: {}", e.got, e.accepted.join(", "))))?);
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
    let needs: Vec<String> = e.equipment.iter().map(|n| n.options().iter().map(|o| o.as_str()).collect::<Vec<_>>().join(" or ")).collect();
    let _ = writeln!(s, "  equipment:    {}", if needs.is_empty() { "none".into() } else { needs.join(", ") });
    let _ = writeln!(s, "  level:        {}   technique: {}   spinal load: {}", e.level, e.technique, e.spinal_load);
    let _ = writeln!(s, "  dosing:       {} ({}){}", e.dosing, e.loading, if e.unilateral { ", one side at a time" } else { "" });
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
