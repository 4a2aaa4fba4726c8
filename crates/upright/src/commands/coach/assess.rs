//! `upright assess`: the torso endurance battery (upright-app's `assess`).
//!
//! `--flexor S --extensor S --side-right S --side-left S` records the times
//! given; with no times on a terminal it walks the person through each hold
//! (`assess_guide`); `--history` lists the stored batteries. A referral means
//! no test (exit 3, as `plan`).

use super::{assess_guide, local_today, parse_format, with_app};
use crate::commands::{note, write_ack, write_stdout};
use crate::error::{exit, CliError, CliResult};
use crate::render::battery;
use clap::Args;
use std::io::IsTerminal;
use upright_app::assess::{AssessRequest, Assessed, PainStop, ScreenRequest};
use upright_core::catalog::Catalog;
use upright_core::coach::dates::show_date;

#[derive(Debug, Args, Default)]
pub struct AssessArgs {
    /// Trunk flexor hold (back at 60 degrees), seconds.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub flexor: Option<String>,
    /// Back extensor hold (Biering-Sørensen, or the bird-dog hold for a recovering back), seconds.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub extensor: Option<String>,
    /// Side bridge on the right side, seconds.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub side_right: Option<String>,
    /// Side bridge on the left side, seconds.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub side_left: Option<String>,
    /// male, female or unspecified (compared with both norm tables) [default: unspecified].
    #[arg(long, value_name = "SEX")]
    pub sex: Option<String>,
    /// The day of the battery (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
    /// List the stored batteries instead of recording one.
    #[arg(long)]
    pub history: bool,
    /// Your back today: none, recovering (safer variants) or acute (no test) [default: your active plan's].
    #[arg(long, value_name = "STATE")]
    pub pain: Option<String>,
    /// A clinical red flag (repeatable; as for `plan`): no test, see a doctor.
    #[arg(long = "red-flag", value_name = "FLAG")]
    pub red_flag: Vec<String>,
    /// Your age in years (new back pain under 20 or over 50 is a red flag).
    #[arg(long, value_name = "YEARS", allow_negative_numbers = true)]
    pub age: Option<String>,
    /// A hold that pain stopped (repeatable or comma-separated): logged as pain, not scored.
    #[arg(long, value_name = "TEST[,TEST]")]
    pub stopped_by_pain: Vec<String>,
    /// With --stopped-by-pain: how bad the pain was, 0 to 10.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub pain_score: Option<String>,
}

impl AssessArgs {
    fn times_given(&self) -> bool {
        [
            &self.flexor,
            &self.extensor,
            &self.side_right,
            &self.side_left,
        ]
        .iter()
        .any(|t| t.is_some())
    }

    fn screen(&self) -> ScreenRequest {
        ScreenRequest {
            pain: self.pain.clone(),
            red_flags: words(&self.red_flag),
            age: self.age.clone(),
        }
    }
}

fn words(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

pub async fn run(args: AssessArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["text", "json"])?;
    if let Some(d) = &args.date {
        upright_core::coach::dates::parse_date("date", d).map_err(upright_app::AppError::from)?;
    }
    if args.history {
        if args.times_given()
            || args.sex.is_some()
            || args.date.is_some()
            || !args.stopped_by_pain.is_empty()
        {
            return Err(CliError::bad(
                "history: lists the stored batteries; accepted with it: --format",
            ));
        }
        return history(format, catalog, db).await;
    }
    let pain_stops = pain_stops(&args)?;
    let screen = args.screen();
    let mut req = AssessRequest {
        date: args.date.clone(),
        sex: args.sex.clone(),
        flexor: args.flexor.clone(),
        extensor: args.extensor.clone(),
        side_right: args.side_right.clone(),
        side_left: args.side_left.clone(),
        pain_stops,
        screen: screen.clone(),
    };
    let guided = !args.times_given();
    if guided {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(CliError::bad(
                "missing --flexor, --extensor, --side-right, --side-left: give each hold's time in seconds, or run `upright assess` on a terminal to be guided through the battery",
            ));
        }
        if !req.pain_stops.is_empty() {
            return Err(CliError::bad("stopped-by-pain: only with times given as flags; the guided battery asks after each hold"));
        }
    }
    let today = local_today();
    let outcome = with_app(db, catalog, |app, me| async move {
        if guided {
            let protocol = match app.assess_protocol(&me, &screen).await? {
                Ok(p) => p,
                Err(refusal) => return Ok(Assessed::Refer(refusal)),
            };
            let answers =
                assess_guide::walk(&upright_core::assess::guide(&protocol), args.sex.is_none())?;
            [req.flexor, req.extensor, req.side_right, req.side_left] =
                answers.times.map(|t| t.map(|s| s.to_string()));
            if answers.sex.is_some() {
                req.sex = answers.sex;
            }
            req.pain_stops = answers.pain;
        }
        Ok(app.assess(&me, req, today).await?)
    })
    .await?;
    match outcome {
        Assessed::Refer(r) => {
            let out = if format == "json" {
                serde_json::to_string_pretty(&Assessed::Refer(r))
                    .map_err(|e| CliError::Internal(e.into()))?
                    + "\n"
            } else {
                battery::refusal(&r)
            };
            write_stdout(&out)?;
            Ok(exit::REFERRAL)
        }
        Assessed::Recorded(rec) => {
            let mut line = format!(
                "upright: recorded endurance battery {} of {}; retest due on {}",
                rec.id,
                show_date(rec.report.date),
                show_date(rec.next_retest)
            );
            if rec.pain_logged > 0 {
                line.push_str(&format!(
                    "; {} pain entr{} logged",
                    rec.pain_logged,
                    if rec.pain_logged == 1 { "y" } else { "ies" }
                ));
            }
            if let Some(start) = rec.active_plan_start {
                line.push_str(&format!(
                    ". Your active plan (from {}) was made before it: save a new plan (`upright plan ... --save`) to adapt its weekly targets",
                    show_date(start)
                ));
            }
            note(&line);
            let out = if format == "json" {
                serde_json::to_string_pretty(&rec.report)
                    .map_err(|e| CliError::Internal(e.into()))?
                    + "\n"
            } else {
                battery::report(&rec.report)
            };
            write_ack(&out, "the battery was recorded");
            Ok(exit::OK)
        }
    }
}

/// `--stopped-by-pain TEST... --pain-score N`: one score for each test named.
fn pain_stops(args: &AssessArgs) -> CliResult<Vec<PainStop>> {
    let tests = words(&args.stopped_by_pain);
    match (&args.pain_score, tests.is_empty()) {
        (None, false) => Err(CliError::bad("pain-score: required with --stopped-by-pain; accepted: a whole number from 0 (no pain) to 10 (worst)")),
        (Some(_), true) => Err(CliError::bad("pain-score: only meaningful with --stopped-by-pain TEST")),
        (score, _) => Ok(tests.into_iter().map(|test| PainStop { test, score: score.clone().unwrap_or_default() }).collect()),
    }
}

async fn history(format: &str, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let items = with_app(db, catalog, |app, me| async move {
        Ok(app.assess_history(&me).await?)
    })
    .await?;
    let out = if format == "json" {
        serde_json::to_string_pretty(&items).map_err(|e| CliError::Internal(e.into()))? + "\n"
    } else {
        let rows: Vec<(i64, &upright_core::assess::Report)> =
            items.iter().map(|b| (b.id, &b.report)).collect();
        battery::history(&rows)
    };
    write_stdout(&out)?;
    Ok(exit::OK)
}
