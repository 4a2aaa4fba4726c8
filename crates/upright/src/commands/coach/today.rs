//! `upright today [--date D] [--format text|json]`: the day's session of the
//! active plan (upright-app's `today`), printed as text or JSON.

use super::{local_today, parse_format, with_app};
use crate::commands::write_stdout;
use crate::error::{exit, CliError, CliResult};
use chrono::NaiveDate;
use clap::Args;
use std::fmt::Write as _;
use upright_app::today::Today;
use upright_core::catalog::Catalog;
use upright_core::coach::dates::show_date;
use upright_core::coach::units::trim_number;

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The day to show (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
}

pub async fn run(args: TodayArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["text", "json"])?;
    if let Some(d) = &args.date {
        upright_core::coach::dates::parse_date("date", d).map_err(upright_app::AppError::from)?;
    }
    let today = with_app(db, catalog, |app, me| async move {
        Ok(app
            .today_at(
                &me,
                args.date.as_deref(),
                local_today(),
                Some(chrono::Utc::now()),
            )
            .await?)
    })
    .await?;
    let out = if format == "json" {
        serde_json::to_string_pretty(&today).map_err(|e| CliError::Internal(e.into()))? + "\n"
    } else {
        render_text(&today)
    };
    write_stdout(&out)?;
    Ok(exit::OK)
}

/// When and where the schedule puts today's (or the next) session.
fn planned_line(t: &Today) -> Option<String> {
    if let Some(p) = &t.planned {
        let at = format!(
            "{}-{} ({}) at {}{}: week {}, day {} of the plan",
            p.start,
            p.end,
            p.time_zone,
            p.place,
            p.address
                .as_ref()
                .map(|a| format!(", {a}"))
                .unwrap_or_default(),
            p.week,
            p.day
        );
        return Some(if p.today {
            format!("Planned: {at}.")
        } else {
            format!("Next planned: {} {}, {at}.", p.weekday, p.date)
        });
    }
    t.planned_note.clone()
}

pub fn render_text(t: &Today) -> String {
    let date = NaiveDate::parse_from_str(&t.date, "%Y-%m-%d")
        .map(show_date)
        .unwrap_or_else(|_| t.date.clone());
    let mut out = String::new();
    if let Some(p) = &t.pain {
        writeln!(out, "{p}").unwrap();
    }
    writeln!(out, "{date}: {}", t.message).unwrap();
    if let Some(r) = &t.retest {
        writeln!(out, "{} Retest with `upright assess` as the first block of a session, after the warm-up ({}).", r.message, r.rules.join(", ")).unwrap();
    }
    if let Some(line) = planned_line(t) {
        writeln!(out, "{line}").unwrap();
    }
    if t.status != "session" {
        return out;
    }
    for e in &t.exercises {
        let who = if e.exercise == e.id {
            format!("{} ({})", e.exercise_name, e.exercise)
        } else {
            format!(
                "{} ({}) in place of {} ({})",
                e.exercise_name, e.exercise, e.name, e.id
            )
        };
        writeln!(out, "\n  {who}: {}", e.what_to_do()).unwrap();
        if let Some(ramp) = e.ramp_words() {
            writeln!(out, "    ramp:  {ramp}").unwrap();
        }
        if let (Some(x), Some(how)) = (e.e1rm, e.e1rm_method) {
            writeln!(
                out,
                "    e1RM:  about {} {} ({})",
                trim_number(x, 1),
                t.unit,
                how.words()
            )
            .unwrap();
        }
        writeln!(
            out,
            "    coach: {} [{}]",
            e.decision.summary,
            e.decision.rules.join(", ")
        )
        .unwrap();
        for r in &e.decision.reasons {
            writeln!(out, "      {}: {}", r.rule, r.text).unwrap();
        }
        if !e.cues.is_empty() {
            writeln!(out, "    form:  {}", e.cues.join(" / ")).unwrap();
        }
        match t.logged.iter().find(|l| l.id == e.id) {
            Some(l) => writeln!(
                out,
                "    done:  {} ({} of {} sets logged today)",
                l.text, l.sets, l.planned_sets
            )
            .unwrap(),
            None => writeln!(out, "    log:   {}", e.log).unwrap(),
        }
        if !e.load_rule.is_empty()
            && matches!(e.decision.action, upright_core::coach::Action::Start { .. })
        {
            writeln!(out, "    rule:  {}", e.load_rule).unwrap();
        }
    }
    if let Some(n) = &t.next_session {
        writeln!(
            out,
            "\nNext session: {} (week {}, day {}).",
            n.date_shown(),
            n.week,
            n.day
        )
        .unwrap();
    }
    out
}
