//! `upright progress [--exercise ID] [--format text|json] [--svg FILE] [--date D]`:
//! estimated 1RM per exercise over time, weekly sets per muscle against
//! targets, the pain trend and adherence (upright-app's `progress`, figures
//! from core's `coach::metrics`), as text, JSON and an SVG chart.

use super::{chart, local_today, parse_format};
use crate::commands::write_stdout;
use crate::error::{exit, CliError, CliResult};
use chrono::NaiveDate;
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;
use upright_app::progress::ProgressRequest;
use upright_core::catalog::Catalog;
use upright_core::coach::metrics::Progress;
use upright_core::coach::units::trim_number;

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Only this exercise's estimated 1RM (catalog ID).
    #[arg(long, value_name = "ID")]
    pub exercise: Option<String>,
    /// text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
    /// Also draw the chart (estimated 1RM and pain over time) into this SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub svg: Option<PathBuf>,
    /// Progress as of this day (YYYY-MM-DD) [default: today, or the last logged day if later].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Print how long reading, computing and rendering took (stderr).
    #[arg(long, hide = true)]
    pub timings: bool,
}

pub async fn run(args: ProgressArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["text", "json"])?;
    if let Some(p) = &args.svg {
        if p.as_os_str().is_empty() || p.is_dir() {
            return Err(CliError::bad(format!(
                "svg: '{}' is not a file to write; accepted: a file path such as progress.svg",
                upright_core::text::echo(&p.display().to_string())
            )));
        }
    }
    let t0 = Instant::now();
    let req = ProgressRequest {
        exercise: args.exercise,
        date: args.date,
    };
    let (app, me) = super::open(db, catalog).await?;
    let t_open = t0.elapsed();
    let view = app.progress(&me, req, local_today()).await;
    app.close().await;
    let view = view?;
    let t_compute = t0.elapsed();
    let p = &view.progress;
    let out = if format == "json" {
        // The battery trend joins the progress figures under "battery" (absent without one).
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            progress: &'a Progress,
            #[serde(skip_serializing_if = "Option::is_none")]
            battery: Option<&'a upright_core::assess::BatteryTrend>,
        }
        serde_json::to_string_pretty(&Out {
            progress: p,
            battery: view.battery.as_ref(),
        })
        .map_err(|e| CliError::Internal(e.into()))?
            + "\n"
    } else {
        let mut s = render_text(p);
        if let Some(b) = &view.battery {
            s.push_str(&crate::render::battery::trend(b));
        }
        s
    };
    if let Some(path) = &args.svg {
        let svg = svg_for(p, view.exercise_name.as_deref(), view.battery.as_ref());
        crate::commands::write_file_atomic(path, svg.as_bytes(), "svg")?;
    }
    let t_render = t0.elapsed();
    write_stdout(&out)?;
    if args.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        crate::commands::note(&format!(
            "timings: sets={} groups={} open={:.1}ms read={:.1}ms compute={:.1}ms render={:.1}ms total={:.1}ms",
            p.sets_logged,
            view.groups,
            ms(t_open),
            ms(view.read),
            ms(view.compute),
            ms(t_render - t_compute),
            ms(t_render)
        ));
    }
    Ok(exit::OK)
}

fn parse_iso(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("printed by iso()")
}

pub fn render_text(p: &Progress) -> String {
    let mut out = String::new();
    let u = p.unit;
    writeln!(
        out,
        "Progress as of {} ({} sets logged; loads in {u})",
        p.as_of, p.sets_logged
    )
    .unwrap();
    writeln!(
        out,
        "\nEstimated 1RM (E-1RM, E-RTS; from sets of 12 reps or fewer):"
    )
    .unwrap();
    if p.e1rm.is_empty() {
        writeln!(out, "  none yet: log loaded sets of 12 reps or fewer (e.g. `upright log deadlift 3x5@100kg`)").unwrap();
    }
    for s in &p.e1rm {
        // The trend's ends: test and deload points are left out when others remain.
        let in_trend = |p: &&upright_core::coach::metrics::E1rmPoint| {
            !p.test && !p.deload || s.trend_points == s.points.len()
        };
        let (first, last) = (
            s.points.iter().find(in_trend).expect("series have points"),
            s.points
                .iter()
                .rev()
                .find(in_trend)
                .expect("series have points"),
        );
        let ends = format!(
            "  {:<26} {:>9} ({}) -> {:>9} ({}), best {} {u}",
            s.exercise,
            format!("{} {u}", trim_number(s.first, 1)),
            first.date,
            format!("{} {u}", trim_number(s.latest, 1)),
            last.date,
            trim_number(s.best, 1),
        );
        // A test set against a deload is no trend: say so rather than a percent.
        let regular = s.points.iter().filter(|p| !p.test && !p.deload).count();
        let trend = if regular < 2 && s.points.len() > regular {
            format!(
                ": no trend yet ({regular} session{} besides the test and deload ones)",
                if regular == 1 { "" } else { "s" }
            )
        } else {
            format!(
                ", {}{}% over {} sessions{}",
                if s.change_pct >= 0.0 { "+" } else { "" },
                trim_number(s.change_pct, 1),
                s.points.len(),
                match s.points.len() - s.trend_points {
                    0 => String::new(),
                    n => format!(
                        " ({n} test or deload session{} left out of the trend)",
                        if n == 1 { "" } else { "s" }
                    ),
                }
            )
        };
        writeln!(out, "{ends}{trend}").unwrap();
    }
    match &p.weekly_sets.latest {
        Some(l) => {
            writeln!(out, "\nWeekly sets per muscle, week of {} (primary 1, secondary 0.5) against the plan's targets:", l.week_start)
                .unwrap();
            for m in &l.muscles {
                let t = m.target.map_or("-".to_string(), |[lo, hi]| {
                    format!("{}-{}", trim_number(lo, 1), trim_number(hi, 1))
                });
                writeln!(
                    out,
                    "  {:<16} {:>5}  target {:<8} {}",
                    m.muscle,
                    trim_number(m.sets, 1),
                    t,
                    m.status
                )
                .unwrap();
            }
        }
        None => writeln!(out, "\nWeekly sets per muscle: nothing logged yet.").unwrap(),
    }
    let pt = &p.pain;
    write!(out, "\nPain (E-PAIN-MONITOR): {} entries", pt.entries.len()).unwrap();
    if let Some(r) = pt.recent_mean {
        write!(out, "; mean {} over the last 14 days", trim_number(r, 1)).unwrap();
    }
    if let Some(pm) = pt.previous_mean {
        write!(out, ", {} the 14 before", trim_number(pm, 1)).unwrap();
    }
    writeln!(out, "; trend: {}", pt.trend).unwrap();
    match &p.adherence {
        Some(a) => writeln!(
            out,
            "Adherence: {} of {} planned sessions done ({}%), {} to {}",
            a.done,
            a.planned,
            trim_number(a.ratio * 100.0, 0),
            a.from,
            a.to
        )
        .unwrap(),
        None => writeln!(out, "Adherence: no active plan (`upright plan ... --save`)").unwrap(),
    }
    out
}

fn svg_for(
    p: &Progress,
    only: Option<&str>,
    battery: Option<&upright_core::assess::BatteryTrend>,
) -> String {
    let series: Vec<chart::Series> = p
        .e1rm
        .iter()
        .map(|s| chart::Series {
            name: s.name.clone(),
            points: s
                .points
                .iter()
                .map(|x| (parse_iso(&x.date), x.e1rm))
                .collect(),
        })
        .collect();
    let pain: Vec<chart::PainMark> = p
        .pain
        .entries
        .iter()
        .map(|e| chart::PainMark {
            date: parse_iso(&e.date),
            score: f64::from(e.score),
            during: e.when == "during",
        })
        .collect();
    let title = match only {
        Some(name) => format!("{name}: estimated 1RM and back pain"),
        None => "Estimated 1RM per exercise and back pain".to_string(),
    };
    chart::render(
        &title,
        &format!("as of {}", p.as_of),
        p.unit,
        &series,
        &pain,
        battery.map(chart::Battery::of).as_ref(),
    )
}
