//! `upright log EXERCISE SETS [--rpe X] [--date D] [--note T] [--again]`:
//! one workout entry, written in one transaction (all its sets or nothing).

use super::{local_today, with_app};
use crate::commands::write_ack;
use crate::error::{exit, CliResult};
use clap::Args;
use upright_app::log::{parse_rpe, LogRequest};
use upright_core::catalog::Catalog;
use upright_core::coach::dates::show_date;
use upright_core::coach::units::trim_number;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Catalog ID of the exercise (see `upright catalog list`).
    pub exercise: String,
    /// What you did: 3x5@100kg, 5,5,4@100, 100x5,100x5,95x6, 3x10s, 3x12, 6,4,2@10s, 5x5@225lb.
    /// Loads without a unit are in your unit (`upright config`).
    #[arg(allow_hyphen_values = true)]
    pub sets: String,
    /// How hard it was (RPE 1-10, half steps), for sets without their own @rpe.
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub rpe: Option<String>,
    /// The day it was done (YYYY-MM-DD) [default: today]; at most a day ahead.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note kept with the workout.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Log it even if the same sets are already logged that day (you did them twice).
    #[arg(long)]
    pub again: bool,
}

pub async fn run(args: LogArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    // What can be checked without the person's unit is checked before the database is opened.
    if let Some(r) = &args.rpe {
        parse_rpe(r)?;
    }
    upright_app::log::parse_note(args.note.as_deref())?;
    let req = LogRequest {
        exercise: args.exercise,
        sets: args.sets,
        rpe: args.rpe,
        date: args.date,
        note: args.note,
        again: args.again,
    };
    let l = with_app(db, catalog, |app, me| async move {
        Ok(app.log(&me, req, local_today()).await?)
    })
    .await?;
    let mut out = if l.written {
        format!(
            "logged {} ({}) on {}: {} [workout {}]",
            l.name,
            l.exercise,
            show_date(l.date),
            l.sets_text,
            l.workout_id
        )
    } else {
        format!(
            "not logged again: {} ({}) on {}: {} [workout {}]",
            l.name,
            l.exercise,
            show_date(l.date),
            l.sets_text,
            l.workout_id
        )
    };
    if let Some(v) = l.volume {
        out.push_str(&format!(", volume {} {}", trim_number(v, 0), l.unit));
    }
    out.push('\n');
    for n in &l.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    write_ack(
        &out,
        if l.written {
            "the sets were logged"
        } else {
            "nothing was written"
        },
    );
    Ok(exit::OK)
}
