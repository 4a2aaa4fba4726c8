//! `upright availability set|show`: when you can train (windows per weekday,
//! 06:00-22:00 for a day never set), your home time zone and wake time.

use crate::commands::coach::{parse_format, with_app};
use crate::commands::{write_ack, write_stdout};
use crate::error::{exit, CliError, CliResult};
use clap::{Args, Subcommand};
use std::fmt::Write as _;
use upright_app::availability::{AvailabilityRequest, AvailabilityView};
use upright_core::catalog::Catalog;

#[derive(Debug, Subcommand)]
pub enum AvailabilityCommand {
    /// Change what you name, keep the rest: `set mon 06:30-08:00,18:00-21:00 sat,sun off --tz Europe/Berlin --wake 06:15`.
    Set(SetArgs),
    /// Your availability, day by day.
    Show {
        /// text or json.
        #[arg(long, value_name = "FORMAT", default_value = "text")]
        format: String,
    },
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// DAYS WINDOWS pairs: mon 06:30-08:00,18:00-21:00, mon-fri 18:00-21:00, sat,sun off, wed default.
    #[arg(value_name = "DAYS WINDOWS")]
    pub specs: Vec<String>,
    /// Your home time zone (IANA), e.g. Europe/Berlin.
    #[arg(long = "tz", alias = "time-zone", value_name = "ZONE")]
    pub tz: Option<String>,
    /// When you usually wake (HH:MM), or none: no loaded flexion in the 30 minutes after it (E-MCGILL-FLEXION).
    #[arg(long, value_name = "HH:MM")]
    pub wake: Option<String>,
}

pub async fn run(cmd: AvailabilityCommand, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    match cmd {
        AvailabilityCommand::Set(a) => {
            let req = AvailabilityRequest {
                specs: a.specs,
                time_zone: a.tz,
                wake: a.wake,
            };
            let v = with_app(db, catalog, |app, me| async move {
                Ok(app.availability_set(&me, req).await?)
            })
            .await?;
            write_ack(
                &format!("availability saved\n{}", text(&v)),
                "the availability was saved",
            );
        }
        AvailabilityCommand::Show { format } => {
            let format = parse_format(&format, &["text", "json"])?;
            let v = with_app(db, catalog, |app, me| async move {
                Ok(app.availability_show(&me).await?)
            })
            .await?;
            let out = if format == "json" {
                serde_json::to_string_pretty(&v).map_err(|e| CliError::Internal(e.into()))? + "\n"
            } else {
                text(&v)
            };
            write_stdout(&out)?;
        }
    }
    Ok(exit::OK)
}

fn text(v: &AvailabilityView) -> String {
    let mut out = String::new();
    writeln!(out, "time zone {}", v.time_zone).unwrap();
    writeln!(out, "wake {}", v.wake.as_deref().unwrap_or("not set")).unwrap();
    for d in &v.days {
        writeln!(
            out,
            "{} {}{}",
            d.day,
            d.windows,
            if d.set { "" } else { " (default)" }
        )
        .unwrap();
    }
    if let Some(n) = &v.note {
        writeln!(out, "{n}").unwrap();
    }
    out
}
