//! `upright history [--exercise ID] [--from D] [--to D] [--format table|csv|json]`:
//! what was logged. The table shows one line per workout and exercise (and the
//! pain entries); CSV has one row per set; JSON has every set and pain entry.

use super::db::Db;
use super::{exercise, iso, parse_date, parse_format};
use crate::error::{CliError, CliResult};
use clap::Args;
use serde::Serialize;
use std::fmt::Write as _;
use upright_core::catalog::Catalog;
use upright_core::coach::loads::best_e1rm;
use upright_core::coach::units::trim_number;
use upright_core::coach::{sets_notation, Unit};
use upright_store::{PainRow, SetRow};

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this exercise (catalog ID).
    #[arg(long, value_name = "ID")]
    pub exercise: Option<String>,
    /// From this day on (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this day (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// table, csv or json.
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    pub format: String,
}

#[derive(Debug, Serialize)]
struct SetOut<'a> {
    date: String,
    workout: i64,
    exercise: &'a str,
    set: u32,
    reps: Option<u32>,
    load_kg: Option<f64>,
    hold_s: Option<u32>,
    rpe: Option<f64>,
    note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct PainOut<'a> {
    date: String,
    score: u8,
    when: &'a str,
    note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct HistoryOut<'a> {
    unit: &'static str,
    sets: Vec<SetOut<'a>>,
    pain: Vec<PainOut<'a>>,
}

fn set_out(r: &SetRow) -> SetOut<'_> {
    SetOut {
        date: iso(r.date),
        workout: r.workout_id.0,
        exercise: &r.exercise_id,
        set: r.set_index,
        reps: r.reps,
        load_kg: r.load_kg,
        hold_s: r.hold_s,
        rpe: r.rpe,
        note: r.note.as_deref(),
    }
}

pub fn run(args: HistoryArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["table", "csv", "json"])?;
    let ex = args.exercise.as_deref().map(|e| exercise(catalog, "exercise", e)).transpose()?;
    let from = args.from.as_deref().map(|d| parse_date("from", d)).transpose()?;
    let to = args.to.as_deref().map(|d| parse_date("to", d)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(CliError::bad(format!("from: {} is after --to {}; accepted: a day on or before it", iso(f), iso(t))));
        }
    }
    let db = Db::open(db)?;
    let unit = db.unit();
    let sets = db.call(db.store.sets_for(db.user.id, ex.map(|e| e.id.as_str()), from, to))?;
    // Pain is about the back, not one exercise: shown unless one exercise is asked for.
    let pain = if ex.is_none() { db.call(db.store.pain_entries(db.user.id, from, to))? } else { Vec::new() };
    let out = match format {
        "json" => {
            let h = HistoryOut {
                unit: unit.as_str(),
                sets: sets.iter().map(set_out).collect(),
                pain: pain
                    .iter()
                    .map(|p| PainOut {
                        date: iso(p.entry.date),
                        score: p.entry.score,
                        when: p.entry.timing.as_str(),
                        note: p.entry.note.as_deref(),
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&h).map_err(|e| CliError::Internal(e.into()))? + "\n"
        }
        "csv" => csv_text(&sets)?,
        _ => table(&sets, &pain, unit, catalog),
    };
    print!("{out}");
    Ok(crate::error::exit::OK)
}

fn csv_text(sets: &[SetRow]) -> CliResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in sets {
        w.serialize(set_out(r)).map_err(|e| CliError::Internal(e.into()))?;
    }
    if sets.is_empty() {
        w.write_record(["date", "workout", "exercise", "set", "reps", "load_kg", "hold_s", "rpe", "note"])
            .map_err(|e| CliError::Internal(e.into()))?;
    }
    let bytes = w.into_inner().map_err(|e| CliError::Internal(anyhow::anyhow!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| CliError::Internal(e.into()))
}

fn table(sets: &[SetRow], pain: &[PainRow], unit: Unit, catalog: &Catalog) -> String {
    let mut out = String::new();
    if sets.is_empty() && pain.is_empty() {
        return "Nothing logged yet (or nothing in that range). Log with `upright log EXERCISE SETS`.\n".into();
    }
    // One line per workout and exercise, in order.
    let mut groups: Vec<(&SetRow, Vec<&SetRow>)> = Vec::new();
    for r in sets {
        match groups.last_mut() {
            Some((first, v)) if first.workout_id == r.workout_id && first.exercise_id == r.exercise_id => v.push(r),
            _ => groups.push((r, vec![r])),
        }
    }
    if !groups.is_empty() {
        writeln!(out, "{:<10}  {:<26}  {:<30}  {:>10}  {:>10}  note", "date", "exercise", "sets", "volume", "e1RM").unwrap();
        for (first, rows) in &groups {
            let entries: Vec<_> = rows.iter().map(|r| super::set_entry(r)).collect();
            let volume: f64 = entries.iter().map(|e| e.load_kg.unwrap_or(0.0).max(0.0) * f64::from(e.reps.unwrap_or(0))).sum();
            let vol = if volume > 0.0 { format!("{} {}", trim_number(unit.from_kg(volume), 0), unit) } else { "-".into() };
            let e1rm = best_e1rm(&entries).map(|e| unit.show(e)).unwrap_or_else(|| "-".into());
            let name = catalog.get(&first.exercise_id).map(|e| e.id.as_str()).unwrap_or(&first.exercise_id);
            let note = rows.iter().find_map(|r| r.note.as_deref()).unwrap_or("");
            writeln!(
                out,
                "{:<10}  {:<26}  {:<30}  {:>10}  {:>10}  {note}",
                iso(first.date),
                name,
                sets_notation::display_sets(&entries, unit),
                vol,
                e1rm
            )
            .unwrap();
        }
    }
    if !pain.is_empty() {
        if !groups.is_empty() {
            out.push('\n');
        }
        writeln!(out, "{:<10}  {:<12}  {:>5}  note", "date", "pain", "score").unwrap();
        for p in pain {
            writeln!(
                out,
                "{:<10}  {:<12}  {:>5}  {}",
                iso(p.entry.date),
                p.entry.timing.as_str(),
                p.entry.score,
                p.entry.note.as_deref().unwrap_or("")
            )
            .unwrap();
        }
    }
    out
}
