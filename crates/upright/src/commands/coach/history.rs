//! `upright history [--exercise ID] [--from D] [--to D] [--format table|csv|json]`:
//! what was logged (upright-app's `history`). The table shows one line per
//! workout and exercise (and the pain entries); CSV has one row per set, with
//! the unit, and cells a spreadsheet will not run as formulas; JSON has every
//! set and pain entry.

use super::{parse_format, with_app};
use crate::commands::write_stdout;
use crate::error::{exit, CliError, CliResult};
use clap::Args;
use std::fmt::Write as _;
use upright_app::history::{History, HistoryRequest};
use upright_core::catalog::Catalog;
use upright_core::coach::units::trim_number;
use upright_core::coach::Unit;
use upright_core::text::csv_safe;

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

pub async fn run(args: HistoryArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["table", "csv", "json"])?;
    let req = HistoryRequest {
        exercise: args.exercise,
        from: args.from,
        to: args.to,
    };
    let h = with_app(db, catalog, |app, me| async move {
        Ok(app.history(&me, req).await?)
    })
    .await?;
    let out = match format {
        "json" => {
            serde_json::to_string_pretty(&h).map_err(|e| CliError::Internal(e.into()))? + "\n"
        }
        "csv" => csv_text(&h)?,
        _ => table(&h),
    };
    write_stdout(&out)?;
    Ok(exit::OK)
}

const CSV_HEADER: [&str; 10] = [
    "date", "workout", "exercise", "set", "reps", "load_kg", "hold_s", "rpe", "unit", "note",
];

fn csv_text(h: &History) -> CliResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let opt = |x: Option<String>| x.unwrap_or_default();
    w.write_record(CSV_HEADER)
        .map_err(|e| CliError::Internal(e.into()))?;
    for s in &h.sets {
        w.write_record([
            s.date.clone(),
            s.workout.to_string(),
            csv_safe(&s.exercise),
            s.set.to_string(),
            opt(s.reps.map(|r| r.to_string())),
            opt(s.load_kg.map(|l| l.to_string())),
            opt(s.hold_s.map(|x| x.to_string())),
            opt(s.rpe.map(|x| x.to_string())),
            h.unit.to_string(),
            s.note.as_deref().map(csv_safe).unwrap_or_default(),
        ])
        .map_err(|e| CliError::Internal(e.into()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| CliError::Internal(anyhow::anyhow!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| CliError::Internal(e.into()))
}

fn table(h: &History) -> String {
    let unit: Unit = h.unit.parse().unwrap_or_default();
    let mut out = String::new();
    if h.lines.is_empty() && h.pain.is_empty() {
        return "Nothing logged yet (or nothing in that range). Log with `upright log EXERCISE SETS`.\n".into();
    }
    if !h.lines.is_empty() {
        writeln!(
            out,
            "{:<10}  {:<26}  {:<30}  {:>10}  {:>10}  note",
            "date", "exercise", "sets", "volume", "e1RM"
        )
        .unwrap();
        for l in &h.lines {
            let vol = l.volume_kg.map_or("-".into(), |v| {
                format!("{} {}", trim_number(unit.from_kg(v), 0), unit)
            });
            let e1rm = l.e1rm_kg.map_or("-".into(), |e| unit.show(e));
            let note = upright_core::text::safe_line(l.note.as_deref().unwrap_or(""), 200);
            writeln!(
                out,
                "{:<10}  {:<26}  {:<30}  {:>10}  {:>10}  {note}",
                l.date, l.exercise, l.sets_text, vol, e1rm
            )
            .unwrap();
        }
    }
    if !h.pain.is_empty() {
        if !h.lines.is_empty() {
            out.push('\n');
        }
        writeln!(out, "{:<10}  {:<12}  {:>5}  note", "date", "pain", "score").unwrap();
        for p in &h.pain {
            let note = upright_core::text::safe_line(p.note.as_deref().unwrap_or(""), 200);
            writeln!(
                out,
                "{:<10}  {:<12}  {:>5}  {note}",
                p.date, p.when, p.score
            )
            .unwrap();
        }
    }
    out
}
