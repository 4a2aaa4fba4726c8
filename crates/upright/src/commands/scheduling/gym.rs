//! `upright gym add|list|show|remove|closure add|use`: gyms with opening
//! hours (F-HOURS) and closures, and the one gym sessions use.

use crate::commands::coach::{parse_format, with_app};
use crate::commands::{read_text, write_ack, write_stdout, PROFILE_MAX_BYTES};
use crate::error::{exit, CliError, CliResult};
use clap::{Args, Subcommand};
use std::fmt::Write as _;
use std::path::PathBuf;
use upright_app::gym::{parse_gym, ClosureRequest, GymAddRequest, GymView};
use upright_core::catalog::Catalog;

#[derive(Debug, Subcommand)]
pub enum GymCommand {
    /// Add a gym from a TOML file (see examples/gym.toml), or from --name, --address, --tz and --hours.
    Add(AddArgs),
    /// Your gyms; * marks the one gym sessions use.
    List(FormatArgs),
    /// One gym: address, time zone, hours and closures.
    Show {
        name: String,
        #[command(flatten)]
        format: ShowFormat,
    },
    /// Forget a gym (and its closures).
    Remove { name: String },
    /// Closures: holidays, renovations.
    #[command(subcommand)]
    Closure(ClosureCommand),
    /// Train at this gym: gym sessions are scheduled inside its hours.
    Use { name: String },
}

#[derive(Debug, Subcommand)]
pub enum ClosureCommand {
    /// The gym is closed from --from to --to (both included; one day without --to).
    Add(ClosureArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// A gym file (TOML), e.g. examples/gym.toml.
    #[arg(value_name = "FILE.toml")]
    pub file: Option<PathBuf>,
    /// The gym's name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Its street address (the calendar's LOCATION).
    #[arg(long, value_name = "ADDRESS")]
    pub address: Option<String>,
    /// Its IANA time zone, e.g. America/New_York.
    #[arg(long = "tz", alias = "time-zone", value_name = "ZONE")]
    pub tz: Option<String>,
    /// Opening hours: "mon-fri 07:00-19:00,sat-sun 10:00-17:00"; days not named are closed.
    #[arg(long, value_name = "HOURS")]
    pub hours: Option<String>,
    /// Replace a gym of the same name (its hours and closures).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct ClosureArgs {
    /// The gym's name.
    pub name: String,
    /// First day closed (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day closed (YYYY-MM-DD) [default: --from].
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Why, e.g. "Christmas Day".
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct ShowFormat {
    /// text, json or toml (a file `gym add` reads back).
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
}

pub async fn run(cmd: GymCommand, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    match cmd {
        GymCommand::Add(a) => add(a, catalog, db).await,
        GymCommand::List(f) => {
            let format = parse_format(&f.format, &["text", "json"])?;
            let list = with_app(db, catalog, |app, me| async move {
                Ok(app.gym_list(&me).await?)
            })
            .await?;
            let out = if format == "json" {
                json(&list)?
            } else {
                let mut out = String::new();
                if list.gyms.is_empty() {
                    out.push_str("No gyms yet: add one with `upright gym add FILE.toml` (see examples/gym.toml).\n");
                }
                for g in &list.gyms {
                    writeln!(
                        out,
                        "{} {} — {} ({})",
                        if g.in_use { "*" } else { " " },
                        g.name,
                        g.address,
                        g.time_zone
                    )
                    .unwrap();
                }
                if let Some(n) = &list.note {
                    writeln!(out, "{n}").unwrap();
                }
                out
            };
            write_stdout(&out)?;
            Ok(exit::OK)
        }
        GymCommand::Show { name, format } => {
            let format = parse_format(&format.format, &["text", "json", "toml"])?;
            let g = with_app(db, catalog, |app, me| async move {
                Ok(app.gym_show(&me, &name).await?)
            })
            .await?;
            let out = match format {
                "json" => json(&g)?,
                "toml" => g.toml.clone(),
                _ => text(&g),
            };
            write_stdout(&out)?;
            Ok(exit::OK)
        }
        GymCommand::Remove { name } => {
            let r = with_app(db, catalog, |app, me| async move {
                Ok(app.gym_remove(&me, &name).await?)
            })
            .await?;
            let mut out = format!(
                "removed gym {}{}\n",
                r.name,
                if r.was_in_use {
                    " (it was the one in use)"
                } else {
                    ""
                }
            );
            if let Some(n) = &r.note {
                writeln!(out, "{n}").unwrap();
            }
            write_ack(&out, "the gym was removed");
            Ok(exit::OK)
        }
        GymCommand::Closure(ClosureCommand::Add(c)) => {
            let req = ClosureRequest {
                gym: c.name,
                from: c.from,
                to: c.to,
                reason: c.reason,
            };
            let g = with_app(db, catalog, |app, me| async move {
                Ok(app.gym_closure_add(&me, req).await?)
            })
            .await?;
            write_ack(
                &format!("added a closure to {}\n{}", g.name, text(&g)),
                "the closure was saved",
            );
            Ok(exit::OK)
        }
        GymCommand::Use { name } => {
            let g = with_app(db, catalog, |app, me| async move {
                Ok(app.gym_use(&me, &name).await?)
            })
            .await?;
            write_ack(
                &format!("gym sessions now use {}, {}\n", g.name, g.address),
                "the choice was saved",
            );
            Ok(exit::OK)
        }
    }
}

async fn add(a: AddArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let toml = a
        .file
        .as_deref()
        .map(|p| read_text(p, "file", PROFILE_MAX_BYTES))
        .transpose()?;
    let req = GymAddRequest {
        toml,
        name: a.name,
        address: a.address,
        time_zone: a.tz,
        hours: a.hours,
        replace: a.replace,
    };
    // Checked before the database is opened.
    parse_gym(&req)?;
    let added = with_app(db, catalog, |app, me| async move {
        Ok(app.gym_add(&me, req).await?)
    })
    .await?;
    let mut out = format!(
        "{} gym {}\n{}",
        if added.replaced { "replaced" } else { "added" },
        added.gym.name,
        text(&added.gym)
    );
    if let Some(n) = &added.note {
        writeln!(out, "{n}").unwrap();
    }
    write_ack(&out, "the gym was saved");
    Ok(exit::OK)
}

fn json<T: serde::Serialize>(v: &T) -> CliResult<String> {
    Ok(serde_json::to_string_pretty(v).map_err(|e| CliError::Internal(e.into()))? + "\n")
}

/// A gym in a few lines.
pub fn text(g: &GymView) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "{}{}",
        g.name,
        if g.in_use {
            " (gym sessions use it)"
        } else {
            ""
        }
    )
    .unwrap();
    writeln!(out, "  {}", g.address).unwrap();
    writeln!(out, "  time zone {}", g.time_zone).unwrap();
    for d in &g.hours {
        writeln!(out, "  {} {}", d.day, d.hours).unwrap();
    }
    for c in &g.closures {
        let when = if c.from == c.to {
            c.from.clone()
        } else {
            format!("{} to {}", c.from, c.to)
        };
        writeln!(out, "  closed {when}: {}", c.reason).unwrap();
    }
    out
}
