//! `upright calendar --out FILE.ics [--from D] [--weeks N]`: the schedule as
//! an iCalendar file. The file is written whole (or not at all) before the
//! export's state is stored, so the next export knows what this one said.

use super::schedule::query;
use crate::commands::coach::{local_today, with_app};
use crate::commands::{write_ack, write_file_atomic};
use crate::error::{exit, CliResult};
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;
use upright_core::catalog::Catalog;

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Where to write the calendar (RFC 5545 .ics).
    #[arg(long, value_name = "FILE.ics")]
    pub out: PathBuf,
    /// Schedule from this day, as if it were today (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Weeks to schedule, 1-104 [default: until the plan's last session].
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub weeks: Option<String>,
}

pub async fn run(args: CalendarArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let q = query(args.from, args.weeks)?;
    let out = args.out;
    let done = with_app(db, catalog, |app, me| async move {
        let export = app
            .calendar_prepare(&me, q, local_today(), chrono::Utc::now())
            .await?;
        write_file_atomic(&out, export.ics.as_bytes(), "out")?;
        app.calendar_commit(&me, &export).await?;
        Ok((export, out))
    })
    .await?;
    let (e, out) = done;
    let mut text = format!(
        "wrote {}: {} event{} ({} new, {} changed, {} cancelled) for plan {} from {}, {} week{}\n",
        upright_core::text::echo(&out.display().to_string()),
        e.events,
        if e.events == 1 { "" } else { "s" },
        e.new,
        e.changed,
        e.cancelled,
        e.plan_id,
        e.from,
        e.weeks,
        if e.weeks == 1 { "" } else { "s" }
    );
    if !e.unfit.is_empty() {
        writeln!(
            text,
            "not in the calendar (did not fit): {}; `upright schedule` says why",
            e.unfit.join(", ")
        )
        .unwrap();
    }
    for n in &e.notes {
        writeln!(text, "Note: {n}").unwrap();
    }
    write_ack(&text, "the calendar was written");
    Ok(exit::OK)
}
