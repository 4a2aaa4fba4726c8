//! `upright log EXERCISE SETS [--rpe X] [--date D] [--note T]`: one workout
//! entry, written in one transaction (all its sets or nothing).

use super::db::Db;
use super::{date_or_today, exercise, show_date};
use crate::error::{CliError, CliResult};
use clap::Args;
use upright_core::catalog::Catalog;
use upright_core::coach::units::trim_number;
use upright_core::coach::{parse_sets, sets_notation, SetEntry, Unit};
use upright_store::{NewSet, Source};

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Catalog ID of the exercise (see `upright catalog list`).
    pub exercise: String,
    /// What you did: 3x5@100kg, 5,5,4@100, 100x5,100x5,95x6, 3x10s, 3x12, 6,4,2@10s, 5x5@225lb.
    pub sets: String,
    /// How hard it was (RPE 1-10, half steps), for sets without their own @rpe.
    #[arg(long, value_name = "X")]
    pub rpe: Option<String>,
    /// The day it was done (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note kept with the workout.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// RPE 1-10 in half steps (E-RPE).
pub fn parse_rpe(s: &str) -> CliResult<f64> {
    let bad = || CliError::bad(format!("rpe: '{s}' is not accepted; accepted: a number from 1 to 10 in half steps, e.g. 8 or 7.5"));
    let x: f64 = s.trim().parse().map_err(|_| bad())?;
    if !(1.0..=10.0).contains(&x) || (x * 2.0).fract() != 0.0 {
        return Err(bad());
    }
    Ok(x)
}

pub fn run(args: LogArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    // Everything is checked before the database is opened.
    let ex = exercise(catalog, "exercise", &args.exercise)?;
    let date = date_or_today("date", args.date.as_deref())?;
    let rpe = args.rpe.as_deref().map(parse_rpe).transpose()?;
    parse_sets(&args.sets, Unit::Kg).map_err(|e| CliError::bad(e.to_string()))?;
    let note = args.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 1000) {
        return Err(CliError::bad("note: longer than 1000 characters; accepted: up to 1000"));
    }
    let db = Db::open(db)?;
    let unit = db.unit();
    // Loads without a unit are in the person's unit.
    let entries = parse_sets(&args.sets, unit).map_err(|e| CliError::bad(e.to_string()))?;
    let sets: Vec<NewSet> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| NewSet {
            exercise_id: ex.id.clone(),
            reps: e.reps,
            load_kg: e.load_kg,
            hold_s: e.hold_s,
            rpe: e.rpe.or(rpe),
            note: if i == 0 { note.map(String::from) } else { None },
        })
        .collect();
    let plan = db.call(db.store.active_plan(db.user.id))?.map(|p| p.id);
    let id = db.call(db.store.log_workout(db.user.id, date, plan, Source::Cli, &sets))?;
    let shown: Vec<SetEntry> = entries.iter().map(|e| SetEntry { rpe: e.rpe.or(rpe), ..*e }).collect();
    let volume: f64 = entries.iter().map(|e| e.load_kg.unwrap_or(0.0) * f64::from(e.reps.unwrap_or(0))).sum();
    let mut line =
        format!("logged {} ({}) on {}: {} [workout {id}]", ex.name, ex.id, show_date(date), sets_notation::display_sets(&shown, unit));
    if volume > 0.0 {
        line.push_str(&format!(", volume {} {}", trim_number(unit.from_kg(volume), 0), unit.as_str()));
    }
    println!("{line}");
    Ok(crate::error::exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpe_in_half_steps() {
        assert_eq!(parse_rpe("8").unwrap(), 8.0);
        assert_eq!(parse_rpe("7.5").unwrap(), 7.5);
        for bad in ["0", "11", "7.3", "hard", ""] {
            assert!(parse_rpe(bad).unwrap_err().to_string().starts_with("rpe: "), "{bad}");
        }
    }
}
