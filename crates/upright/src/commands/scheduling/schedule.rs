//! `upright schedule [--from D] [--weeks N] [--format text|json]`: the active
//! plan's sessions on days, at times and places, and what did not fit, why,
//! and what would make it fit.

use super::short_date;
use crate::commands::coach::{local_today, parse_format, with_app};
use crate::commands::write_stdout;
use crate::error::{exit, CliError, CliResult};
use clap::Args;
use std::fmt::Write as _;
use upright_app::schedule::{parse_weeks, ScheduleQuery, ScheduleView};
use upright_core::catalog::Catalog;

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Schedule from this day, as if it were today (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Weeks to schedule, 1-104 [default: until the plan's last session].
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub weeks: Option<String>,
    /// text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
}

/// The query, checked before the database is opened.
pub fn query(from: Option<String>, weeks: Option<String>) -> CliResult<ScheduleQuery> {
    if let Some(d) = &from {
        upright_core::coach::dates::parse_date("from", d).map_err(upright_app::AppError::from)?;
    }
    if let Some(w) = &weeks {
        parse_weeks(w)?;
    }
    Ok(ScheduleQuery { from, weeks })
}

pub async fn run(args: ScheduleArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["text", "json"])?;
    let q = query(args.from, args.weeks)?;
    let s = with_app(db, catalog, |app, me| async move {
        Ok(app
            .schedule(&me, q, local_today(), chrono::Utc::now())
            .await?)
    })
    .await?;
    let out = if format == "json" {
        serde_json::to_string_pretty(&s).map_err(|e| CliError::Internal(e.into()))? + "\n"
    } else {
        text(&s)
    };
    write_stdout(&out)?;
    Ok(exit::OK)
}

pub fn text(s: &ScheduleView) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "Schedule of plan {} from {}, {} week{}: {} of {} sessions done{}.",
        s.plan_id,
        short_date(&s.from),
        s.weeks,
        if s.weeks == 1 { "" } else { "s" },
        s.sessions_done,
        s.sessions_total,
        s.next
            .as_ref()
            .map(|n| format!(", next {n}"))
            .unwrap_or_default()
    )
    .unwrap();
    match &s.gym {
        Some(g) => writeln!(
            out,
            "Gym: {}{} ({}). Home: {}.",
            g.name,
            if g.address.is_empty() {
                String::new()
            } else {
                format!(", {}", g.address)
            },
            g.time_zone,
            s.home_time_zone
        )
        .unwrap(),
        None => writeln!(out, "No gym. Home: {}.", s.home_time_zone).unwrap(),
    }
    let mut week = 0;
    for p in &s.sessions {
        if p.schedule_week != week {
            week = p.schedule_week;
            writeln!(out, "\nWeek {week}").unwrap();
        }
        let mut tags = Vec::new();
        if p.heavy {
            tags.push("heavy");
        }
        if p.deload {
            tags.push("deload");
        }
        writeln!(
            out,
            "  {} {}-{} {}  {} min  {}  {} (plan week {}, day {}){}",
            short_date(&p.date),
            p.start,
            p.end,
            p.abbreviation,
            p.minutes,
            p.place,
            p.key,
            p.week,
            p.day,
            if tags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", tags.join(", "))
            }
        )
        .unwrap();
        writeln!(out, "      {}", p.exercises).unwrap();
    }
    if s.sessions.is_empty() {
        writeln!(out, "\nNothing placed.").unwrap();
    }
    for u in &s.unfit {
        writeln!(
            out,
            "\nDid not fit in week {}: {}{}",
            u.week,
            u.key,
            match &u.placed_on {
                Some(d) => format!(" (moved to {})", short_date(d)),
                None => " (not placed in these weeks)".to_string(),
            }
        )
        .unwrap();
        for d in &u.days {
            writeln!(out, "  {}: {}", short_date(&d.date), d.reasons.join("; ")).unwrap();
        }
        for f in &u.fixes {
            writeln!(out, "  would fit: {f}").unwrap();
        }
        if !u.waiting.is_empty() {
            writeln!(out, "  waiting behind it: {}", u.waiting.join(", ")).unwrap();
        }
    }
    if !s.after_horizon.is_empty() {
        writeln!(out, "\nAfter these weeks: {}", s.after_horizon.join(", ")).unwrap();
    }
    if !s.notes.is_empty() {
        writeln!(out).unwrap();
        for n in &s.notes {
            writeln!(out, "Note: {n}").unwrap();
        }
    }
    out
}
