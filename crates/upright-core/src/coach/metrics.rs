//! The figures of `progress`: estimated 1RM per exercise over time (E-1RM,
//! E-RTS; never from sets above 12 reps; reps in reserve only at RPE 7 or
//! more, the rep formulas below; each point says how it was found, and the
//! test set that opens an exercise and deload-week sessions are marked and
//! left out of first, latest, best and the change), weekly sets per muscle against the
//! plan's targets (primary 1, secondary 0.5), the pain trend
//! (E-PAIN-MONITOR) and adherence (planned sessions against sessions done).
//!
//! Weeks are the plan's weeks (from its start date) when there is a plan,
//! ISO weeks (from Monday) otherwise. Adherence counts, per plan week up to
//! the as-of day, the planned sessions and the days with a workout logged (at
//! most as many as planned), so a session moved to another day still counts.
//!
//! Pure: the caller reads the rows (grouped per day, exercise, reps and RPE:
//! every estimated-1RM formula increases with the load, so a group's top load
//! gives its best) and passes the day.

use super::dates::{iso, monday_of};
use super::loads::{estimate_1rm_how, round_e1rm, E1rmMethod};
use super::programme::{week_of, Programme};
use super::progression::{PainEntry, PainWhen};
use super::units::Unit;
use crate::catalog::Catalog;
use crate::vocab::Muscle;
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The sets of one day with the same exercise, reps and RPE.
#[derive(Debug, Clone, PartialEq)]
pub struct DayGroup {
    pub date: NaiveDate,
    pub exercise_id: String,
    pub reps: Option<u32>,
    pub rpe: Option<f64>,
    /// How many sets the group holds.
    pub sets: i64,
    /// The highest load of the group's sets.
    pub max_load_kg: Option<f64>,
}

/// The active plan, as `progress` reads it.
#[derive(Debug, Clone, Copy)]
pub struct PlanContext<'a> {
    pub id: i64,
    pub programme: Programme<'a>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub as_of: String,
    pub unit: &'static str,
    pub sets_logged: usize,
    pub e1rm: Vec<E1rmSeries>,
    pub weekly_sets: WeeklySets,
    pub pain: PainTrend,
    pub adherence: Option<Adherence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct E1rmSeries {
    pub exercise: String,
    pub name: String,
    pub points: Vec<E1rmPoint>,
    /// The trend, test and deload points left out (all points when that leaves none), rounded for reading.
    pub first: f64,
    pub latest: f64,
    pub best: f64,
    /// Latest against first, percent.
    pub change_pct: f64,
    /// Points the trend is read from.
    pub trend_points: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct E1rmPoint {
    pub date: String,
    /// Kilograms, to 0.1.
    pub e1rm_kg: f64,
    /// In the person's unit, rounded for reading (0.5 kg, 1 lb).
    pub e1rm: f64,
    /// How it was found: "rts" (RPE 7 or more), "formula" (Epley and Brzycki), "single".
    pub method: E1rmMethod,
    /// The exercise's first estimate: the test set its loads were calibrated from.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub test: bool,
    /// Done in a deload week of the plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deload: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeeklySets {
    /// "plan" (weeks from the plan's start) or "iso" (weeks from Monday).
    pub weeks_from: &'static str,
    pub targets: BTreeMap<String, [f64; 2]>,
    pub weeks: Vec<WeekSets>,
    /// The latest week with logged sets, against the targets.
    pub latest: Option<LatestWeek>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekSets {
    pub week_start: String,
    /// Plan week number (1 = the start week; 0 or below before it), with a plan.
    pub plan_week: Option<i64>,
    pub sets: BTreeMap<Muscle, f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LatestWeek {
    pub week_start: String,
    pub muscles: Vec<MuscleVsTarget>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MuscleVsTarget {
    pub muscle: String,
    pub sets: f64,
    pub target: Option<[f64; 2]>,
    /// "below", "within", "above", or "no target".
    pub status: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PainTrend {
    pub entries: Vec<PainPoint>,
    pub weekly: Vec<PainWeek>,
    /// Mean of the last 14 days against the 14 before: "improving", "steady", "worsening" or "not enough data".
    pub trend: &'static str,
    pub recent_mean: Option<f64>,
    pub previous_mean: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PainPoint {
    pub date: String,
    pub score: u8,
    pub when: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PainWeek {
    pub week_start: String,
    pub during_mean: Option<f64>,
    pub next_morning_mean: Option<f64>,
    pub max: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct Adherence {
    pub plan_id: i64,
    pub from: String,
    pub to: String,
    pub planned: usize,
    pub done: usize,
    pub ratio: f64,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Everything `progress` shows, from the rows (pure; the bench's subject).
pub fn compute(
    sets: &[DayGroup],
    pain: &[PainEntry],
    active: Option<PlanContext>,
    catalog: &Catalog,
    only: Option<&str>,
    as_of: NaiveDate,
    unit: Unit,
) -> Progress {
    let sets: Vec<&DayGroup> = sets.iter().filter(|s| s.date <= as_of).collect();
    let calendar = active.map(|a| a.programme.calendar()).unwrap_or_default();
    let week_start = |d: NaiveDate| match active {
        Some(a) => a.programme.week_start(d),
        None => monday_of(d),
    };

    // One pass over runs of set groups of one exercise on one day (the rows
    // come in date order): the day's best estimated 1RM (from each group's top
    // load), and the run's sets credited to the week's muscles (primary 1,
    // secondary 0.5).
    let mut best: BTreeMap<&str, Vec<(NaiveDate, f64, E1rmMethod)>> = BTreeMap::new();
    let mut shares: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    let mut acc: Vec<(NaiveDate, [f64; Muscle::ALL.len()])> = Vec::new();
    let mut day: Option<(NaiveDate, NaiveDate)> = None; // (date, its week start)
    let mut i = 0;
    while i < sets.len() {
        let first = sets[i];
        let mut j = i + 1;
        while j < sets.len()
            && sets[j].date == first.date
            && sets[j].exercise_id == first.exercise_id
        {
            j += 1;
        }
        let run = &sets[i..j];
        i = j;
        let id = first.exercise_id.as_str();
        if only.is_none_or(|o| o == id) {
            let top = run
                .iter()
                .filter_map(|s| estimate_1rm_how(s.max_load_kg?, s.reps?, s.rpe))
                // Ties go to the same method whatever order the groups come in.
                .fold(None, |m: Option<(f64, E1rmMethod)>, e| match m {
                    Some(m) if (m.0, m.1 as u8) >= (e.0, e.1 as u8) => Some(m),
                    _ => Some(e),
                });
            if let Some((e, how)) = top {
                let v = best.entry(id).or_default();
                match v.last_mut() {
                    Some((d, x, h)) if *d == first.date => {
                        if (e, how as u8) > (*x, *h as u8) {
                            (*x, *h) = (e, how);
                        }
                    }
                    _ => v.push((first.date, e, how)),
                }
            }
        }
        let sh = shares.entry(id).or_insert_with(|| match catalog.get(id) {
            Some(e) => e
                .primary
                .iter()
                .map(|m| (*m, 1.0))
                .chain(e.secondary.iter().map(|m| (*m, 0.5)))
                .map(|(m, x)| {
                    (
                        Muscle::ALL
                            .iter()
                            .position(|a| *a == m)
                            .expect("a muscle of the vocabulary"),
                        x,
                    )
                })
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
    // Deload weeks by the sequence: the k-th workout day since the start was the k-th session.
    // The rows come in date order: the k-th workout day since the start was the k-th session.
    let session_of: HashMap<NaiveDate, usize> = match active {
        Some(a) => {
            let mut days: Vec<NaiveDate> = Vec::new();
            for s in sets.iter().filter(|s| s.date >= a.programme.start) {
                if days.last() != Some(&s.date) {
                    days.push(s.date);
                }
            }
            days.into_iter().enumerate().map(|(k, d)| (d, k)).collect()
        }
        None => HashMap::new(),
    };
    let deload_day = |d: NaiveDate| -> bool {
        active.is_some_and(|a| {
            session_of
                .get(&d)
                .and_then(|k| calendar.get(*k))
                .is_some_and(|s| a.programme.doc.weeks[s.week].deload)
        })
    };
    let e1rm = best
        .into_iter()
        .map(|(id, pts)| {
            // The first estimate of an exercise comes from its test set.
            let points: Vec<E1rmPoint> = pts
                .iter()
                .enumerate()
                .map(|(k, (d, x, how))| E1rmPoint {
                    date: iso(*d),
                    e1rm_kg: round1(*x),
                    e1rm: round_e1rm(*x, unit),
                    method: *how,
                    test: k == 0 && pts.len() > 1,
                    deload: deload_day(*d),
                })
                .collect();
            let trend: Vec<f64> = pts
                .iter()
                .zip(&points)
                .filter(|(_, p)| !p.test && !p.deload)
                .map(|(x, _)| x.1)
                .collect();
            let trend = if trend.is_empty() {
                pts.iter().map(|x| x.1).collect()
            } else {
                trend
            };
            let first = trend.first().copied().unwrap_or(0.0);
            let latest = trend.last().copied().unwrap_or(0.0);
            let top = trend.iter().copied().fold(0.0, f64::max);
            E1rmSeries {
                exercise: id.to_string(),
                name: catalog
                    .get(id)
                    .map_or_else(|| id.to_string(), |e| e.name.clone()),
                points,
                first: round_e1rm(first, unit),
                latest: round_e1rm(latest, unit),
                best: round_e1rm(top, unit),
                change_pct: if first > 0.0 {
                    ((latest / first - 1.0) * 1000.0).round() / 10.0
                } else {
                    0.0
                },
                trend_points: trend.len(),
            }
        })
        .collect();
    let weeks: BTreeMap<NaiveDate, BTreeMap<Muscle, f64>> = acc
        .iter()
        .map(|(ws, a)| {
            (
                *ws,
                Muscle::ALL
                    .iter()
                    .zip(a)
                    .filter(|(_, x)| **x > 0.0)
                    .map(|(m, x)| (*m, *x))
                    .collect(),
            )
        })
        .collect();
    let last_week = acc.last().map(|(ws, _)| *ws);
    let targets: BTreeMap<String, [f64; 2]> = active
        .map(|a| {
            a.programme
                .doc
                .targets
                .iter()
                .map(|(m, t)| (m.to_string(), *t))
                .collect()
        })
        .unwrap_or_default();
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
                MuscleVsTarget {
                    muscle: m.to_string(),
                    sets,
                    target,
                    status,
                }
            })
            .collect();
        LatestWeek {
            week_start: iso(ws),
            muscles,
        }
    });
    let weekly_sets = WeeklySets {
        weeks_from: if active.is_some() { "plan" } else { "iso" },
        targets: targets.clone(),
        weeks: weeks
            .iter()
            .map(|(ws, m)| WeekSets {
                week_start: iso(*ws),
                plan_week: active.map(|a| week_of(a.programme.start, *ws)),
                sets: m.clone(),
            })
            .collect(),
        latest,
    };

    // Pain.
    let pain: Vec<&PainEntry> = pain.iter().filter(|p| p.date <= as_of).collect();
    let mut pweeks: BTreeMap<NaiveDate, (Vec<u8>, Vec<u8>)> = BTreeMap::new();
    for p in &pain {
        let w = pweeks.entry(week_start(p.date)).or_default();
        match p.when {
            PainWhen::During => w.0.push(p.score),
            PainWhen::NextMorning => w.1.push(p.score),
        }
    }
    let mean = |v: &[u8]| {
        (!v.is_empty())
            .then(|| round2(v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len() as f64))
    };
    let window = |from: NaiveDate, to: NaiveDate| {
        let v: Vec<u8> = pain
            .iter()
            .filter(|p| p.date >= from && p.date <= to)
            .map(|p| p.score)
            .collect();
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
        entries: pain
            .iter()
            .map(|p| PainPoint {
                date: iso(p.date),
                score: p.score,
                when: p.when.as_str(),
            })
            .collect(),
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
        let (start, end) = (a.programme.start, a.programme.end());
        for slot in a.programme.calendar().iter().filter(|s| s.date <= as_of) {
            per_week.entry(slot.week).or_default().0 += 1;
        }
        for (wi, (planned, done)) in per_week.iter_mut() {
            let ws = a.programme.week_start_of(*wi);
            let days = done_days
                .range(ws..ws + Days::new(7))
                .filter(|d| **d <= as_of)
                .count();
            *done = days.min(*planned);
        }
        let planned: usize = per_week.values().map(|p| p.0).sum();
        let done: usize = per_week.values().map(|p| p.1).sum();
        Adherence {
            plan_id: a.id,
            from: iso(start),
            to: iso(as_of.min(end.pred_opt().unwrap_or(end))),
            planned,
            done,
            ratio: if planned > 0 {
                round2(done as f64 / planned as f64)
            } else {
                0.0
            },
        }
    });

    Progress {
        as_of: iso(as_of),
        unit: unit.as_str(),
        sets_logged: sets.iter().map(|s| s.sets).sum::<i64>() as usize,
        e1rm,
        weekly_sets,
        pain: pain_trend,
        adherence,
    }
}
