//! `upright progress [--exercise ID] [--format text|json] [--svg FILE] [--date D]`:
//! estimated 1RM per exercise over time (E-1RM, E-RTS; never from sets above
//! 12 reps), weekly sets per muscle against the plan's targets (primary 1,
//! secondary 0.5), the pain trend (E-PAIN-MONITOR) and adherence (planned
//! sessions against sessions done), as text, JSON and an SVG chart.
//!
//! Weeks are the plan's weeks (from its start date) when there is an active
//! plan, ISO weeks (from Monday) otherwise. Adherence counts, per plan week up
//! to the as-of day, the planned sessions and the days with a workout logged
//! (at most as many as planned), so a session moved to another day still counts.

use super::active::Active;
use super::db::Db;
use super::{chart, exercise, iso, monday_of, parse_date, parse_format, week_of};
use crate::error::{CliError, CliResult};
use chrono::{Days, NaiveDate};
use clap::Args;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;
use upright_core::catalog::Catalog;
use upright_core::coach::loads::estimate_1rm;
use upright_core::coach::units::trim_number;
use upright_core::coach::Unit;
use upright_core::vocab::Muscle;
use upright_store::{DaySummary, PainRow, PainTiming};

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

#[derive(Debug, Serialize)]
pub struct Progress {
    pub as_of: String,
    pub unit: &'static str,
    pub sets_logged: usize,
    pub e1rm: Vec<E1rmSeries>,
    pub weekly_sets: WeeklySets,
    pub pain: PainTrend,
    pub adherence: Option<Adherence>,
}

#[derive(Debug, Serialize)]
pub struct E1rmSeries {
    pub exercise: String,
    pub name: String,
    pub points: Vec<E1rmPoint>,
    pub first: f64,
    pub latest: f64,
    pub best: f64,
    /// Latest against first, percent.
    pub change_pct: f64,
}

#[derive(Debug, Serialize)]
pub struct E1rmPoint {
    pub date: String,
    pub e1rm_kg: f64,
    /// In the person's unit.
    pub e1rm: f64,
}

#[derive(Debug, Serialize)]
pub struct WeeklySets {
    /// "plan" (weeks from the plan's start) or "iso" (weeks from Monday).
    pub weeks_from: &'static str,
    pub targets: BTreeMap<String, [f64; 2]>,
    pub weeks: Vec<WeekSets>,
    /// The latest week with logged sets, against the targets.
    pub latest: Option<LatestWeek>,
}

#[derive(Debug, Serialize)]
pub struct WeekSets {
    pub week_start: String,
    /// Plan week number (1 = the start week; 0 or below before it), with a plan.
    pub plan_week: Option<i64>,
    pub sets: BTreeMap<Muscle, f64>,
}

#[derive(Debug, Serialize)]
pub struct LatestWeek {
    pub week_start: String,
    pub muscles: Vec<MuscleVsTarget>,
}

#[derive(Debug, Serialize)]
pub struct MuscleVsTarget {
    pub muscle: String,
    pub sets: f64,
    pub target: Option<[f64; 2]>,
    /// "below", "within", "above", or "no target".
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PainTrend {
    pub entries: Vec<PainPoint>,
    pub weekly: Vec<PainWeek>,
    /// Mean of the last 14 days against the 14 before: "improving", "steady", "worsening" or "not enough data".
    pub trend: &'static str,
    pub recent_mean: Option<f64>,
    pub previous_mean: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct PainPoint {
    pub date: String,
    pub score: u8,
    pub when: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PainWeek {
    pub week_start: String,
    pub during_mean: Option<f64>,
    pub next_morning_mean: Option<f64>,
    pub max: u8,
}

#[derive(Debug, Serialize)]
pub struct Adherence {
    pub plan_id: i64,
    pub from: String,
    pub to: String,
    pub planned: usize,
    pub done: usize,
    pub ratio: f64,
}

pub fn run(args: ProgressArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format = parse_format(&args.format, &["text", "json"])?;
    let only = args.exercise.as_deref().map(|e| exercise(catalog, "exercise", e)).transpose()?;
    let date = args.date.as_deref().map(|d| parse_date("date", d)).transpose()?;
    if let Some(p) = &args.svg {
        if p.as_os_str().is_empty() || p.is_dir() {
            return Err(CliError::bad(format!(
                "svg: '{}' is not a file to write; accepted: a file path such as progress.svg",
                p.display()
            )));
        }
    }
    let t0 = Instant::now();
    let db = Db::open(db)?;
    let t_open = t0.elapsed();
    let active = Active::load(&db)?;
    // Sets grouped per day, exercise, reps and RPE in SQL: every estimated-1RM
    // formula increases with the load, so the group's top load gives its best.
    let sets = db.call(db.store.exercise_day_summaries(db.user.id, None, None, date))?;
    let pain = db.call(db.store.pain_entries(db.user.id, None, date))?;
    let t_read = t0.elapsed();
    let as_of = date.unwrap_or_else(|| {
        let last = sets.last().map(|s| s.date).into_iter().chain(pain.last().map(|p| p.entry.date)).max();
        last.map_or(super::local_today(), |l| l.max(super::local_today()))
    });
    let unit = db.unit();
    let p = compute(&sets, &pain, active.as_ref(), catalog, only.map(|e| e.id.as_str()), as_of, unit);
    let t_compute = t0.elapsed();
    let out =
        if format == "json" { serde_json::to_string_pretty(&p).map_err(|e| CliError::Internal(e.into()))? + "\n" } else { render_text(&p) };
    if let Some(path) = &args.svg {
        let svg = svg_for(&p, only.map(|e| e.name.as_str()));
        std::fs::write(path, svg).map_err(|e| CliError::bad(format!("svg: cannot write '{}': {e}", path.display())))?;
    }
    let t_render = t0.elapsed();
    print!("{out}");
    if args.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "timings: sets={} groups={} open={:.1}ms read={:.1}ms compute={:.1}ms render={:.1}ms total={:.1}ms",
            p.sets_logged,
            sets.len(),
            ms(t_open),
            ms(t_read - t_open),
            ms(t_compute - t_read),
            ms(t_render - t_compute),
            ms(t_render)
        );
    }
    Ok(crate::error::exit::OK)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Everything `progress` shows, from the rows (pure; the bench's subject).
pub fn compute(
    sets: &[DaySummary],
    pain: &[PainRow],
    active: Option<&Active>,
    catalog: &Catalog,
    only: Option<&str>,
    as_of: NaiveDate,
    unit: Unit,
) -> Progress {
    let sets: Vec<&DaySummary> = sets.iter().filter(|s| s.date <= as_of).collect();
    let week_start = |d: NaiveDate| match active {
        Some(a) => a.start() + chrono::Duration::days(7 * (week_of(a.start(), d) - 1)),
        None => monday_of(d),
    };

    // One pass over runs of set groups of one exercise on one day (the rows
    // come in date order): the day's best estimated 1RM (from each group's top
    // load), and the run's sets credited to the week's muscles (primary 1,
    // secondary 0.5).
    let mut best: BTreeMap<&str, Vec<(NaiveDate, f64)>> = BTreeMap::new();
    let mut shares: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    let mut acc: Vec<(NaiveDate, [f64; Muscle::ALL.len()])> = Vec::new();
    let mut day: Option<(NaiveDate, NaiveDate)> = None; // (date, its week start)
    let mut i = 0;
    while i < sets.len() {
        let first = sets[i];
        let mut j = i + 1;
        while j < sets.len() && sets[j].date == first.date && sets[j].exercise_id == first.exercise_id {
            j += 1;
        }
        let run = &sets[i..j];
        i = j;
        let id = first.exercise_id.as_str();
        if only.is_none_or(|o| o == id) {
            let top = run
                .iter()
                .filter_map(|s| estimate_1rm(s.max_load_kg?, s.reps?, s.rpe))
                .fold(None, |m: Option<f64>, e| Some(m.map_or(e, |m| m.max(e))));
            if let Some(e) = top {
                let v = best.entry(id).or_default();
                match v.last_mut() {
                    Some((d, x)) if *d == first.date => *x = x.max(e),
                    _ => v.push((first.date, e)),
                }
            }
        }
        let sh = shares.entry(id).or_insert_with(|| match catalog.get(id) {
            Some(e) => e
                .primary
                .iter()
                .map(|m| (*m, 1.0))
                .chain(e.secondary.iter().map(|m| (*m, 0.5)))
                .map(|(m, x)| (Muscle::ALL.iter().position(|a| *a == m).expect("a muscle of the vocabulary"), x))
                .collect(),
            None => Vec::new(),
        });
        if sh.is_empty() {
            continue;
        }
        let ws = match day {
            Some((d, ws)) if d == first.date => ws,
            _ => {
                let ws = week_start(first.date);
                day = Some((first.date, ws));
                ws
            }
        };
        if acc.last().is_none_or(|(w, _)| *w != ws) {
            acc.push((ws, [0.0; Muscle::ALL.len()]));
        }
        let week = &mut acc.last_mut().expect("pushed").1;
        let n = run.iter().map(|s| s.sets).sum::<i64>() as f64;
        for (k, x) in sh.iter() {
            week[*k] += n * x;
        }
    }
    let e1rm = best
        .into_iter()
        .map(|(id, pts)| {
            let first = pts.first().map_or(0.0, |p| p.1);
            let latest = pts.last().map_or(0.0, |p| p.1);
            let top = pts.iter().map(|p| p.1).fold(0.0, f64::max);
            E1rmSeries {
                exercise: id.to_string(),
                name: catalog.get(id).map_or_else(|| id.to_string(), |e| e.name.clone()),
                points: pts.iter().map(|(d, x)| E1rmPoint { date: iso(*d), e1rm_kg: round2(*x), e1rm: round2(unit.from_kg(*x)) }).collect(),
                first: round2(unit.from_kg(first)),
                latest: round2(unit.from_kg(latest)),
                best: round2(unit.from_kg(top)),
                change_pct: if first > 0.0 { ((latest / first - 1.0) * 1000.0).round() / 10.0 } else { 0.0 },
            }
        })
        .collect();
    let weeks: BTreeMap<NaiveDate, BTreeMap<Muscle, f64>> =
        acc.iter().map(|(ws, a)| (*ws, Muscle::ALL.iter().zip(a).filter(|(_, x)| **x > 0.0).map(|(m, x)| (*m, *x)).collect())).collect();
    let last_week = acc.last().map(|(ws, _)| *ws);
    let targets: BTreeMap<String, [f64; 2]> = active.map(|a| a.view.targets.clone()).unwrap_or_default();
    let latest = last_week.map(|ws| {
        let got = &weeks[&ws];
        let mut names: BTreeSet<String> = targets.keys().cloned().collect();
        names.extend(got.keys().map(|m| m.to_string()));
        let muscles = Muscle::ALL
            .iter()
            .filter(|m| names.contains(m.as_str()))
            .map(|m| {
                let sets = got.get(m).copied().unwrap_or(0.0);
                let target = targets.get(m.as_str()).copied();
                let status = match target {
                    None => "no target",
                    Some([lo, _]) if sets + 1e-9 < lo => "below",
                    Some([_, hi]) if sets > hi + 1e-9 => "above",
                    Some(_) => "within",
                };
                MuscleVsTarget { muscle: m.to_string(), sets, target, status }
            })
            .collect();
        LatestWeek { week_start: iso(ws), muscles }
    });
    let weekly_sets = WeeklySets {
        weeks_from: if active.is_some() { "plan" } else { "iso" },
        targets: targets.clone(),
        weeks: weeks
            .iter()
            .map(|(ws, m)| WeekSets { week_start: iso(*ws), plan_week: active.map(|a| week_of(a.start(), *ws)), sets: m.clone() })
            .collect(),
        latest,
    };

    // Pain.
    let pain: Vec<&PainRow> = pain.iter().filter(|p| p.entry.date <= as_of).collect();
    let mut pweeks: BTreeMap<NaiveDate, (Vec<u8>, Vec<u8>)> = BTreeMap::new();
    for p in &pain {
        let w = pweeks.entry(week_start(p.entry.date)).or_default();
        match p.entry.timing {
            PainTiming::During => w.0.push(p.entry.score),
            PainTiming::NextMorning => w.1.push(p.entry.score),
        }
    }
    let mean = |v: &[u8]| (!v.is_empty()).then(|| round2(v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len() as f64));
    let window = |from: NaiveDate, to: NaiveDate| {
        let v: Vec<u8> = pain.iter().filter(|p| p.entry.date >= from && p.entry.date <= to).map(|p| p.entry.score).collect();
        mean(&v)
    };
    let recent = window(as_of - Days::new(13), as_of);
    let previous = window(as_of - Days::new(27), as_of - Days::new(14));
    let trend = match (recent, previous) {
        (Some(r), Some(p)) if r <= p - 0.5 => "improving",
        (Some(r), Some(p)) if r >= p + 0.5 => "worsening",
        (Some(_), Some(_)) => "steady",
        _ => "not enough data",
    };
    let pain_trend = PainTrend {
        entries: pain.iter().map(|p| PainPoint { date: iso(p.entry.date), score: p.entry.score, when: p.entry.timing.as_str() }).collect(),
        weekly: pweeks
            .iter()
            .map(|(ws, (d, m))| PainWeek {
                week_start: iso(*ws),
                during_mean: mean(d),
                next_morning_mean: mean(m),
                max: d.iter().chain(m.iter()).copied().max().unwrap_or(0),
            })
            .collect(),
        trend,
        recent_mean: recent,
        previous_mean: previous,
    };

    // Adherence.
    let adherence = active.map(|a| {
        let done_days: BTreeSet<NaiveDate> = sets.iter().map(|s| s.date).collect();
        let mut per_week: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for slot in a.calendar().iter().filter(|s| s.date <= as_of) {
            per_week.entry(slot.week).or_default().0 += 1;
        }
        for (wi, (planned, done)) in per_week.iter_mut() {
            let ws = a.start() + Days::new(7 * (u64::from(a.view.weeks[*wi].week.max(1)) - 1));
            let days = done_days.range(ws..ws + Days::new(7)).filter(|d| **d <= as_of).count();
            *done = days.min(*planned);
        }
        let planned: usize = per_week.values().map(|p| p.0).sum();
        let done: usize = per_week.values().map(|p| p.1).sum();
        Adherence {
            plan_id: a.stored.id.0,
            from: iso(a.start()),
            to: iso(as_of.min(a.end().pred_opt().unwrap_or(a.end()))),
            planned,
            done,
            ratio: if planned > 0 { round2(done as f64 / planned as f64) } else { 0.0 },
        }
    });

    Progress { as_of: iso(as_of), unit: unit.as_str(), sets_logged: sets.iter().map(|s| s.sets).sum::<i64>() as usize, e1rm, weekly_sets, pain: pain_trend, adherence }
}

pub fn render_text(p: &Progress) -> String {
    let mut out = String::new();
    let u = p.unit;
    writeln!(out, "Progress as of {} ({} sets logged; loads in {u})", p.as_of, p.sets_logged).unwrap();
    writeln!(out, "\nEstimated 1RM (E-1RM, E-RTS; from sets of 12 reps or fewer):").unwrap();
    if p.e1rm.is_empty() {
        writeln!(out, "  none yet: log loaded sets of 12 reps or fewer (e.g. `upright log deadlift 3x5@100kg`)").unwrap();
    }
    for s in &p.e1rm {
        let (first, last) = (s.points.first().expect("series have points"), s.points.last().expect("series have points"));
        writeln!(
            out,
            "  {:<26} {:>9} ({}) -> {:>9} ({}), best {} {u}, {}{}% over {} sessions",
            s.exercise,
            format!("{} {u}", trim_number(s.first, 1)),
            first.date,
            format!("{} {u}", trim_number(s.latest, 1)),
            last.date,
            trim_number(s.best, 1),
            if s.change_pct >= 0.0 { "+" } else { "" },
            trim_number(s.change_pct, 1),
            s.points.len()
        )
        .unwrap();
    }
    match &p.weekly_sets.latest {
        Some(l) => {
            writeln!(out, "\nWeekly sets per muscle, week of {} (primary 1, secondary 0.5) against the plan's targets:", l.week_start)
                .unwrap();
            for m in &l.muscles {
                let t = m.target.map_or("-".to_string(), |[lo, hi]| format!("{}-{}", trim_number(lo, 1), trim_number(hi, 1)));
                writeln!(out, "  {:<16} {:>5}  target {:<8} {}", m.muscle, trim_number(m.sets, 1), t, m.status).unwrap();
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

fn parse_iso(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("printed by iso()")
}

fn svg_for(p: &Progress, only: Option<&str>) -> String {
    let series: Vec<chart::Series> = p
        .e1rm
        .iter()
        .map(|s| chart::Series { name: s.name.clone(), points: s.points.iter().map(|x| (parse_iso(&x.date), x.e1rm)).collect() })
        .collect();
    let pain: Vec<chart::PainMark> = p
        .pain
        .entries
        .iter()
        .map(|e| chart::PainMark { date: parse_iso(&e.date), score: f64::from(e.score), during: e.when == "during" })
        .collect();
    let title = match only {
        Some(name) => format!("{name}: estimated 1RM and back pain"),
        None => "Estimated 1RM per exercise and back pain".to_string(),
    };
    chart::render(&title, &format!("as of {}", p.as_of), p.unit, &series, &pain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use upright_store::{NewSet, SetRow, Source, Store};

    /// One group per set: exactly the former per-set computation over `sets_for`.
    fn per_set(rows: &[SetRow]) -> Vec<DaySummary> {
        rows.iter()
            .map(|s| DaySummary {
                date: s.date,
                exercise_id: s.exercise_id.clone(),
                reps: s.reps,
                rpe: s.rpe,
                sets: 1,
                max_load_kg: s.load_kg,
            })
            .collect()
    }

    /// A generated history (interleaved exercises, two workouts on some days,
    /// odd loads, RPEs on and off the chart, reps above 12, unloaded and
    /// negative loads, unknown exercises): the SQL groups give the same
    /// progress, byte for byte, as every set did.
    #[test]
    fn groups_give_the_same_progress_as_sets() {
        let dir = tempfile::tempdir().unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let store = rt.block_on(Store::open_path(&dir.path().join("p.db"))).unwrap();
        let user = rt.block_on(store.local_user()).unwrap().id;
        let ids = ["deadlift", "bent-over-row", "back-squat", "plank", "not-in-catalog", "face-pull"];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rnd = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for w in 0..300u64 {
            let day = start + Days::new(w * 2 + rnd(2));
            let mut sets = Vec::new();
            for _ in 0..(1 + rnd(12)) {
                let id = ids[rnd(ids.len() as u64) as usize];
                let reps = [None, Some(0), Some(1), Some(3), Some(5), Some(8), Some(12), Some(13), Some(20)][rnd(9) as usize];
                let load = [None, Some(-10.0), Some(0.0), Some(20.0), Some(102.058), Some(60.0 + rnd(80) as f64 * 0.25), Some(0.1 + 0.2)]
                    [rnd(7) as usize];
                let rpe = [None, None, Some(4.0), Some(4.999_999_999_5), Some(5.0), Some(6.5), Some(7.0), Some(8.0), Some(8.5), Some(9.5), Some(10.0)]
                    [rnd(11) as usize];
                let hold = if reps.is_none() || rnd(4) == 0 { Some(30) } else { None };
                sets.push(NewSet { exercise_id: id.into(), reps, load_kg: load, hold_s: hold, rpe, ..Default::default() });
            }
            rt.block_on(store.log_workout(user, day, None, Source::Cli, &sets)).unwrap();
        }
        let catalog = Catalog::builtin();
        for to in [None, Some(start + Days::new(300))] {
            let rows = rt.block_on(store.sets_for(user, None, None, to)).unwrap();
            let groups = rt.block_on(store.exercise_day_summaries(user, None, None, to)).unwrap();
            assert!(groups.len() < rows.len());
            let as_of = to.unwrap_or(rows.last().unwrap().date);
            for only in [None, Some("deadlift")] {
                for unit in [Unit::Kg, Unit::Lb] {
                    let old = compute(&per_set(&rows), &[], None, &catalog, only, as_of, unit);
                    let new = compute(&groups, &[], None, &catalog, only, as_of, unit);
                    assert_eq!(serde_json::to_string(&old).unwrap(), serde_json::to_string(&new).unwrap());
                    assert_eq!(render_text(&old), render_text(&new));
                }
            }
        }
        rt.block_on(store.close());
    }
}
