//! Reading sessions (what counts as a miss, the top of the range, 2-for-2)
//! and the progression rules for each kind of exercise.

use super::pain::Blocking;
use super::steps::{increase, percent, reduce, same_load, MAX_JUMP};
use super::{
    deload, graduate, is_mcgill, mcgill_hold_cap, neighbour, pyramid, regress, with_session_rpe,
    Action, Decision, Direction, Input, Reason, Session, BODYWEIGHT_MARGIN, DEFAULT_HOLD_S,
    HOLD_STEP_S, MAX_HOLD_S, MCGILL_HOLD_S, MCGILL_MAX_TOP, REP_EXTENSION_CAP,
};
use crate::catalog::Exercise;
use crate::coach::loads::{epley, estimate_1rm, load_for_reps, E1rmMethod};
use crate::coach::sets_notation::SetEntry;
use crate::coach::units::trim_number;
use crate::vocab::Equipment;
use crate::vocab::{Dosing, Loading};
use chrono::NaiveDate;

/// How an exercise progresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// External load, counted in reps: load goes up.
    Loaded,
    /// Elastic bands: reps go up, then a stronger band (never kg).
    Band,
    /// Body weight, counted in reps: reps go up, then the harder neighbour.
    BodyweightReps,
    /// Held for time: time goes up, then the harder neighbour.
    Hold,
    /// McGill Big 3: reps go up, holds stay ~10 s.
    McGill,
}

impl Kind {
    pub(super) fn of(ex: &Exercise) -> Kind {
        if is_mcgill(ex) {
            Kind::McGill
        } else {
            match (ex.dosing, ex.loading) {
                (Dosing::Hold, _) => Kind::Hold,
                (Dosing::Reps, Loading::Loaded) if is_banded(ex) => Kind::Band,
                (Dosing::Reps, Loading::Loaded) => Kind::Loaded,
                (Dosing::Reps, Loading::Bodyweight) => Kind::BodyweightReps,
            }
        }
    }
}

/// Loaded by bands alone (every equipment need can be met by a band: the
/// planner's own reading, whose load rule then says "a stronger band").
pub fn is_banded(ex: &Exercise) -> bool {
    !ex.equipment.is_empty()
        && ex
            .equipment
            .iter()
            .all(|n| n.options().contains(&Equipment::Bands))
}

/// One session read against the prescription.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Eval {
    pub date: NaiveDate,
    pub deload: bool,
    /// The first session of a loaded exercise with no load prescribed: a
    /// test set, read for calibration and not judged against the prescription.
    pub test: bool,
    /// The RPE target of the week it was done in.
    pub rpe_target: Option<f64>,
    /// Why the target was missed, if it was.
    pub miss: Option<String>,
    /// Fewer sets than prescribed, each of them good (at least reps_min, at
    /// or below the target RPE): not a miss, but no progression either.
    pub short: Option<String>,
    /// The top of the range reached (loaded: every working set at reps_max;
    /// bodyweight: 3 sets at reps_max; holds: every set the full time;
    /// McGill: the whole pyramid).
    pub top: bool,
    /// NSCA 2-for-2 on this session: no miss and the last set at the top
    /// load at least 2 reps beyond reps_max.
    pub two_for_two: bool,
    /// Lowest reps of a working set (holds: shortest hold; McGill: total holds).
    pub low: u32,
    /// Loaded: the heaviest load.
    pub load: Option<f64>,
    /// Loaded: the best e1RM of the working sets, and how it was found (E-RTS
    /// with an RPE of 7 or more, else the rep formulas), for calibration.
    pub e1rm: Option<(f64, E1rmMethod)>,
    /// The highest RPE logged (sets, else the session).
    pub effort: Option<f64>,
    /// A number that falls when performance falls (e1RM; reps, seconds or holds per set).
    pub perf: Option<f64>,
}

/// Sessions in date order, each read for its kind; sessions with nothing usable are skipped.
pub(super) fn evaluate(input: &Input, kind: Kind) -> Vec<Eval> {
    let mut sessions: Vec<&Session> = input.history.iter().collect();
    sessions.sort_by_key(|s| s.date);
    let mut out: Vec<Eval> = sessions
        .into_iter()
        .filter_map(|s| eval(input, kind, s))
        .collect();
    // The very first session of a loaded exercise without a prescribed load
    // was a test (today asks for one): read for calibration only.
    if kind == Kind::Loaded && input.prescription.load_kg.is_none() {
        if let Some(first) = out.first_mut().filter(|e| !e.deload) {
            first.test = true;
            first.miss = None;
            first.short = None;
            first.top = false;
            first.two_for_two = false;
        }
    }
    out
}

fn max_f64(it: impl Iterator<Item = f64>) -> Option<f64> {
    it.fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))))
}

fn eval(input: &Input, kind: Kind, s: &Session) -> Option<Eval> {
    // The session's own week: its sets and RPE target (E-MESOCYCLE changes both week to week).
    let own = super::Prescription {
        sets: s.target.map_or(input.prescription.sets, |t| t.sets),
        rpe: s.target.and_then(|t| t.rpe).or(input.prescription.rpe),
        ..input.prescription.clone()
    };
    let p = &own;
    let sets = with_session_rpe(s);
    let mut e = Eval {
        date: s.date,
        deload: s.deload,
        test: false,
        rpe_target: p.rpe,
        miss: None,
        short: None,
        top: false,
        two_for_two: false,
        low: 0,
        load: None,
        e1rm: None,
        effort: None,
        perf: None,
    };
    match kind {
        Kind::Loaded | Kind::Band | Kind::BodyweightReps => {
            let rep_sets: Vec<SetEntry> = sets
                .iter()
                .copied()
                .filter(|x| x.reps.is_some_and(|r| r > 0))
                .collect();
            if rep_sets.is_empty() {
                return None;
            }
            // The working weight is the heaviest load done for the reps asked
            // (a top single beside 3 x 5 is not the load the sets are judged
            // at, nor the one a deload starts from); with none, the heaviest.
            let heaviest = if kind == Kind::Loaded {
                max_f64(
                    rep_sets
                        .iter()
                        .filter(|x| x.reps.is_some_and(|r| r >= p.reps_min))
                        .filter_map(|x| x.load_kg),
                )
                .or_else(|| max_f64(rep_sets.iter().filter_map(|x| x.load_kg)))
            } else {
                None
            };
            // Sets numbered as logged, for the words of a miss.
            let numbered: Vec<(usize, SetEntry)> = sets
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, x)| x.reps.is_some_and(|r| r > 0))
                .filter(|(_, x)| match heaviest {
                    Some(top) => x
                        .load_kg
                        .is_some_and(|l| l >= 0.9 * top - 1e-9 && l <= top + 1e-9),
                    None => true,
                })
                .collect();
            let working: Vec<SetEntry> = numbered.iter().map(|(_, x)| *x).collect();
            let reps: Vec<u32> = working.iter().map(|x| x.reps.unwrap_or(0)).collect();
            e.low = reps.iter().copied().min().unwrap_or(0);
            e.effort = max_f64(working.iter().filter_map(|x| x.rpe));
            e.load = heaviest;
            let below = reps.iter().position(|r| *r < p.reps_min).map(|i| {
                format!(
                    "set {} had {} reps, below {}",
                    numbered[i].0 + 1,
                    reps[i],
                    p.reps_min
                )
            });
            let easy_enough = match (e.effort, p.rpe) {
                (Some(x), Some(t)) => x <= t,
                _ => true,
            };
            let fewer = (working.len() as u32) < p.sets;
            e.miss = match (fewer, below) {
                (_, Some(why)) => Some(why),
                (true, None) if !easy_enough => Some(format!(
                    "{} of {} sets, above the target RPE",
                    working.len(),
                    p.sets
                )),
                _ => None,
            };
            // Fewer sets, each good: not a miss (E-PROGRESS judges the sets done).
            if fewer && e.miss.is_none() {
                e.short = Some(format!("{} of {} sets", working.len(), p.sets));
            }
            if let Some(top) = heaviest {
                e.top =
                    e.miss.is_none() && e.short.is_none() && reps.iter().all(|r| *r >= p.reps_max);
                let last = working.last().expect("the heaviest set is a working set");
                e.two_for_two = e.miss.is_none()
                    && e.short.is_none()
                    && last.load_kg.is_some_and(|l| same_load(l, top))
                    && last.reps.unwrap_or(0) >= p.reps_max + 2;
                e.perf = max_f64(working.iter().map(|x| {
                    let (l, r) = (x.load_kg.unwrap_or(0.0), x.reps.unwrap_or(0));
                    estimate_1rm(l, r, None).unwrap_or_else(|| epley(l, r))
                }));
                e.e1rm = crate::coach::loads::best_e1rm_how(&working);
            } else if kind != Kind::Loaded {
                let need = p.sets.clamp(1, 3) as usize;
                e.top = reps.iter().filter(|r| **r >= p.reps_max).count() >= need;
                e.perf = Some(f64::from(reps.iter().sum::<u32>()) / reps.len() as f64);
            }
        }
        Kind::Hold => {
            let target = p.hold_s.unwrap_or(DEFAULT_HOLD_S);
            let holds: Vec<u32> = sets.iter().filter_map(|x| x.hold_s).collect();
            if holds.is_empty() {
                return None;
            }
            e.low = holds.iter().copied().min().unwrap_or(0);
            e.effort = max_f64(
                sets.iter()
                    .filter(|x| x.hold_s.is_some())
                    .filter_map(|x| x.rpe),
            );
            e.miss = if (holds.len() as u32) < p.sets {
                Some(format!("{} of {} holds", holds.len(), p.sets))
            } else {
                holds
                    .iter()
                    .position(|h| *h < target)
                    .map(|i| format!("hold {} lasted {} s of {} s", i + 1, holds[i], target))
            };
            e.top = e.miss.is_none();
            e.perf = Some(f64::from(holds.iter().sum::<u32>()) / holds.len() as f64);
        }
        Kind::McGill => {
            let target_hold = p.hold_s.unwrap_or(MCGILL_HOLD_S).min(MCGILL_HOLD_S);
            let used: Vec<&SetEntry> = sets.iter().filter(|x| x.count() > 0).collect();
            if used.is_empty() {
                return None;
            }
            let total: u32 = used.iter().map(|x| x.count()).sum();
            let goal: u32 = pyramid(p.reps_max, p.sets).iter().sum();
            let floor: u32 = pyramid(p.reps_min, p.sets).iter().sum();
            e.low = total;
            e.effort = max_f64(used.iter().filter_map(|x| x.rpe));
            e.miss = if let Some(short) = used
                .iter()
                .filter_map(|x| x.hold_s)
                .find(|h| *h < target_hold)
            {
                Some(format!("a hold lasted {short} s of {target_hold} s"))
            } else if total < floor {
                Some(format!(
                    "{total} holds, fewer than the {floor} of a {} pyramid",
                    show_pyramid(p.reps_min, p.sets)
                ))
            } else {
                None
            };
            e.top = e.miss.is_none() && total >= goal;
            e.perf = Some(f64::from(total));
        }
    }
    Some(e)
}

fn show_pyramid(top: u32, sets: u32) -> String {
    pyramid(top, sets)
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

/// The last `n` evaluations, when there are that many.
fn tail<'e, 'a>(evs: &'e [&'a Eval], n: usize) -> Option<&'e [&'a Eval]> {
    (n > 0 && evs.len() >= n).then(|| &evs[evs.len() - n..])
}

/// The two latest sessions both missed: their reasons.
fn two_misses(evs: &[&Eval]) -> Option<String> {
    let t = tail(evs, 2)?;
    Some(format!(
        "{}; then {}",
        t[0].miss.as_ref()?,
        t[1].miss.as_ref()?
    ))
}

/// What keeps the latest session from progressing: pain (3-5 now, or a
/// flare since this exercise was last done), a miss, fewer sets, an RPE
/// above the target of the week it was done in.
fn blockers(input: &Input, latest: &Eval, pain: &Blocking) -> Vec<Reason> {
    let mut v = pain.reasons(&input.exercise.name);
    if let Some(why) = &latest.miss {
        v.push(Reason::new(
            "E-PROGRESS",
            format!("missed the target last time ({why}): repeat it before progressing; a second miss in a row steps back"),
        ));
    }
    if let Some(done) = &latest.short {
        v.push(Reason::new(
            "E-PROGRESS",
            format!(
                "last time you did {done}, each in the rep range: not a miss, the load stays; do all {} sets before it goes up",
                input.prescription.sets
            ),
        ));
    }
    if let (Some(t), Some(x)) = (latest.rpe_target, latest.effort) {
        if x > t + 0.5 {
            v.push(Reason::new(
                "E-RPE",
                format!(
                    "logged RPE {} is above that week's target {}: repeat until it comes down",
                    trim_number(x, 1),
                    trim_number(t, 1)
                ),
            ));
        }
    }
    v
}

/// Performance falling two sessions running, counted since the last deload.
fn performance_drop(input: &Input, kind: Kind, evals: &[Eval]) -> Option<Reason> {
    let start = evals.iter().rposition(|e| e.deload).map_or(0, |i| i + 1);
    let recent = &evals[start..];
    if recent.len() < 3 {
        return None;
    }
    let [a, b, c] = &recent[recent.len() - 3..] else {
        return None;
    };
    let dropped = |x: &Eval, y: &Eval| match (x.perf, y.perf) {
        (Some(px), Some(py)) => {
            let lighter = kind == Kind::Loaded
                && matches!((x.load, y.load), (Some(lx), Some(ly)) if ly < lx * 0.98);
            py < px * 0.99 && !lighter
        }
        _ => false,
    };
    if !(dropped(a, b) && dropped(b, c)) {
        return None;
    }
    let show = |e: &Eval| {
        let v = e.perf.unwrap_or(0.0);
        match kind {
            Kind::Loaded => format!("e1RM {}", input.show(v)),
            Kind::Band | Kind::BodyweightReps => format!("{} reps a set", trim_number(v, 1)),
            Kind::Hold => format!("{} s a hold", trim_number(v, 1)),
            Kind::McGill => format!("{} holds", trim_number(v, 0)),
        }
    };
    Some(Reason::new(
        "E-PROGRESS",
        format!(
            "performance fell two sessions running ({} -> {} -> {}): deload now rather than wait for the planned week",
            show(a),
            show(b),
            show(c)
        ),
    ))
}

fn repeat(next: super::Prescription, reasons: Vec<Reason>) -> Decision {
    Decision {
        action: Action::HoldLoad,
        next,
        reasons,
    }
}

/// A repeat of the latest session, for reps: the same reps it reached (at
/// least the bottom of the range), all sets.
fn repeat_reps(input: &Input, latest: &Eval, reasons: Vec<Reason>) -> Decision {
    let mut next = input.prescription.plain();
    next.load_kg = latest.load.or(next.load_kg);
    next.target_reps = Some(latest.low.clamp(next.reps_min, next.reps_max));
    repeat(next, reasons)
}

/// Fewer reps when there is no easier neighbour to step back to.
fn fewer_reps(input: &Input, by: u32, mut reasons: Vec<Reason>) -> Decision {
    let p = input.prescription;
    let mut next = p.plain();
    next.reps_max = p.reps_max.saturating_sub(by).max(1);
    next.reps_min = p.reps_min.saturating_sub(by).max(1).min(next.reps_max);
    reasons.push(Reason::new(
        "E-PROGRESS",
        format!(
            "no easier exercise for you: {}-{} reps instead of {}-{}",
            next.reps_min, next.reps_max, p.reps_min, p.reps_max
        ),
    ));
    Decision {
        action: Action::ReduceReps {
            from: p.reps_max,
            to: next.reps_max,
        },
        next,
        reasons,
    }
}

/// The first session of a loaded exercise read through the RTS chart: the
/// load for reps_max at the target RPE, up or down (E-RTS). From a test set
/// the chart decides; from a first session of working sets (a load was
/// prescribed) the load moves at most 10% up (S-FORM).
fn calibrate(input: &Input, latest: &Eval, w: f64) -> Option<Decision> {
    let p = input.prescription;
    let steps = input.load_steps();
    let (e1rm, how) = latest.e1rm?;
    if how != E1rmMethod::Rts {
        // No RPE of 7 or more: the rep formulas would read the sets as all-out,
        // which a test is not. Normal progression (or the test again) reads them.
        return None;
    }
    let target_rpe = p.rpe.unwrap_or(8.0);
    let (raw, by) = load_for_reps(e1rm, p.reps_max, target_rpe)?;
    let mut to = steps.round_down_to_step(raw).unwrap_or(steps.min_kg());
    let mut reasons = vec![Reason::new(
        "E-RTS",
        format!(
            "calibrated from your {}: estimated 1RM {} ({}); {} reps at RPE {} is {}{}",
            if latest.test {
                "test set"
            } else {
                "first session"
            },
            crate::coach::loads::show_e1rm(e1rm, input.unit),
            how.words(),
            p.reps_max,
            trim_number(target_rpe, 1),
            input.show(to),
            if by == E1rmMethod::Formula {
                " (beyond the chart: Epley, E-1RM)"
            } else {
                ""
            }
        ),
    )];
    if !latest.test && to > w * (1.0 + MAX_JUMP) + 1e-9 {
        to = steps
            .round_down_to_step(w * (1.0 + MAX_JUMP))
            .filter(|x| *x >= w)
            .unwrap_or(w);
        reasons.push(Reason::new(
            "S-FORM",
            format!(
                "from working sets the jump is capped at 10%: {}",
                input.show(to)
            ),
        ));
    }
    if super::steps::same_weight(to, w) {
        if latest.test {
            reasons.push(Reason::new(
                "E-RTS",
                format!("your test weight was right: work at {}", input.show(w)),
            ));
        } else {
            return None;
        }
    }
    let mut next = p.plain();
    next.load_kg = Some(to);
    next.target_reps = Some(p.reps_max);
    Some(Decision {
        action: Action::Calibrate {
            from_kg: w,
            to_kg: to,
        },
        next,
        reasons,
    })
}

/// A test set the RTS chart cannot read (reps and reps in reserve beyond
/// its 12, or no RPE of 7 or more): the working load for the exercise's own
/// range still comes from it, never the test's reps. The e1RM is Epley's for
/// the reps done plus those in reserve when the RPE says them (the chart's
/// extension, E-1RM), else the rep formulas as if the set was all-out, which
/// errs light; the load is the one for reps_max at the target RPE, never above
/// the test weight when the range asks for more reps than the test had. Where
/// the range is no higher than the test's reps, the test weight stands.
fn test_off_the_chart(input: &Input, latest: &Eval, w: f64) -> Decision {
    let p = input.prescription;
    let steps = input.load_steps();
    let mut next = p.plain();
    next.load_kg = Some(w);
    next.target_reps = Some(p.reps_max);
    let rpe = latest.effort.filter(|x| *x >= 7.0 - 1e-9);
    let e1rm = match rpe {
        Some(x) => Some(w * (1.0 + (f64::from(latest.low) + crate::coach::loads::rir(x)) / 30.0)),
        None => estimate_1rm(w, latest.low, None),
    };
    let target_rpe = p.rpe.unwrap_or(8.0);
    let computed = e1rm
        .filter(|_| p.reps_max > latest.low)
        .and_then(|e| load_for_reps(e, p.reps_max, target_rpe))
        .map(|(kg, _)| {
            steps
                .round_down_to_step(kg)
                .unwrap_or(steps.min_kg())
                .min(w)
        });
    let Some(to) = computed else {
        let why = Reason::new(
            "E-RTS",
            format!(
                "your test was logged without an RPE of 7 or more: work at {} and log the RPE so the load can be set",
                input.show(w)
            ),
        );
        return repeat(next, vec![why]);
    };
    next.load_kg = Some(to);
    let how = match rpe {
        Some(x) => format!(
            "{} reps at RPE {} is beyond the RTS chart: Epley for {} reps to failure",
            latest.low,
            trim_number(x, 1),
            trim_number(f64::from(latest.low) + crate::coach::loads::rir(x), 1)
        ),
        None => format!(
            "no RPE of 7 or more: the rep formulas read {} reps as all-out, which errs light",
            latest.low
        ),
    };
    let reasons = vec![
        Reason::new(
            "E-RTS",
            format!(
                "calibrated from your test set of {} reps at {} for this exercise's {}-{} range: {} reps at RPE {} is {}",
                latest.low,
                input.show(w),
                p.reps_min,
                p.reps_max,
                p.reps_max,
                trim_number(target_rpe, 1),
                input.show(to)
            ),
        ),
        Reason::new(
            "E-1RM",
            format!(
                "estimated 1RM {} ({how})",
                crate::coach::loads::show_e1rm(e1rm.unwrap_or(w), input.unit)
            ),
        ),
    ];
    Decision {
        action: Action::Calibrate {
            from_kg: w,
            to_kg: to,
        },
        next,
        reasons,
    }
}

/// Loaded reps: calibration, double progression, 2-for-2, RPE, the 10% cap.
pub(super) fn loaded(
    input: &Input,
    evals: &[Eval],
    training: &[&Eval],
    pain: &Blocking,
) -> Decision {
    let p = input.prescription;
    let steps = input.load_steps();
    let latest = *training.last().expect("caller checks");
    let mut next = p.plain();
    let Some(w) = latest.load else {
        let why =
            Reason::new("E-PROGRESS", "no load was logged for this loaded exercise: log it (e.g. 3x10@20kg) so progression can follow it");
        return repeat(next, vec![why]);
    };
    next.load_kg = Some(w);
    let run_len = training
        .iter()
        .rev()
        .take_while(|e| !e.test && e.load.is_some_and(|l| same_load(l, w)))
        .count();
    let run = &training[training.len() - run_len..];

    // The first session calibrates the load through the RTS chart (E-RTS).
    if training.len() == 1 {
        if let Some(d) = calibrate(input, latest, w) {
            return d;
        }
        if latest.test {
            return test_off_the_chart(input, latest, w);
        }
    }

    if let Some(why) = two_misses(run) {
        let mut reasons = vec![Reason::new(
            "E-PROGRESS",
            format!(
                "missed the target two sessions in a row at {} ({why}): reduce about 10%",
                input.show(w)
            ),
        )];
        if let Some(to) = reduce(w, 0.10, &steps) {
            reasons.push(Reason::new(
                "E-PROGRESS",
                format!(
                    "{} -> {}, rounded down to what can be loaded",
                    input.show(w),
                    input.show(to)
                ),
            ));
            next.load_kg = Some(to);
            next.target_reps = Some(p.reps_max);
            return Decision {
                action: Action::ReduceLoad {
                    from_kg: w,
                    to_kg: to,
                },
                next,
                reasons,
            };
        }
        return regress(input, "E-PROGRESS", reasons, false)
            .unwrap_or_else(|r| fewer_reps(input, 2, r));
    }
    if let Some(why) = performance_drop(input, Kind::Loaded, evals) {
        return deload(input, Kind::Loaded, Some(w), why);
    }
    let blocked = blockers(input, latest, pain);
    if !blocked.is_empty() {
        let mut d = repeat_reps(input, latest, blocked);
        if latest.miss.is_some() {
            d.next.target_reps = Some(p.reps_min);
        }
        return d;
    }

    let need = input.sessions_needed(2);
    let two_for_two = tail(run, need).is_some_and(|t| t.iter().all(|e| e.two_for_two));
    let easy = {
        let k = input.sessions_needed(1);
        tail(run, k).and_then(|t| {
            let all = t.iter().all(|e| {
                // A rep or more in reserve beyond the target's (E-RPE) is the
                // "1-2 reps more than the target" after which ACSM adds load.
                e.top && matches!((e.effort, e.rpe_target), (Some(x), Some(t)) if x <= t - 1.0)
            });
            all.then(|| {
                (
                    latest.rpe_target.unwrap_or(8.0),
                    latest.effort.unwrap_or(0.0),
                )
            })
        })
    };
    if two_for_two || easy.is_some() {
        let why = if two_for_two {
            Reason::new(
                "E-PROGRESS",
                format!("2-for-2: the last set went at least 2 reps beyond {} in {need} sessions running at {}", p.reps_max, input.show(w)),
            )
        } else {
            let (t, x) = easy.expect("checked");
            Reason::new(
                "E-RPE",
                format!(
                    "every set reached {} reps at RPE {}, a rep or more easier than the target {}: add load (E-PROGRESS)",
                    p.reps_max,
                    trim_number(x, 1),
                    trim_number(t, 1)
                ),
            )
        };
        return match increase(input, w) {
            Ok(up) => {
                let to = up.to;
                next.load_kg = Some(to);
                next.target_reps = Some(p.reps_min);
                let cap = if up.absolute {
                    let (lo, hi) = super::steps::absolute_step_kg(input.exercise, input.unit);
                    Reason::new(
                        "E-PROGRESS",
                        format!(
                            "{} is the next weight there is, {}% up: more than 10%, but within E-PROGRESS's {}-{} step for {} muscles, so the load moves and the reps start again at {}",
                            input.show(to),
                            trim_number(percent(w, to), 1),
                            trim_number(input.unit.from_kg(lo), 1),
                            input.show(hi),
                            if super::steps::is_large_muscle_work(input.exercise) { "large" } else { "small" },
                            p.reps_min
                        ),
                    )
                } else {
                    Reason::new("S-FORM", format!("the jump stays within 10% of the current load; the reps start again at {}", p.reps_min))
                };
                let reasons = vec![
                    why,
                    Reason::new(
                        "E-PROGRESS",
                        format!(
                            "add load: {} -> {} (+{}%)",
                            input.show(w),
                            input.show(to),
                            trim_number(percent(w, to), 1)
                        ),
                    ),
                    cap,
                ];
                Decision {
                    action: Action::IncreaseLoad {
                        from_kg: w,
                        to_kg: to,
                    },
                    next,
                    reasons,
                }
            }
            Err(up) => {
                let too_far = format!(
                    "the next weight that can be loaded, {}, is {}% above {}: more than the 10% cap and E-PROGRESS's step",
                    input.show(up),
                    trim_number(percent(w, up), 1),
                    input.show(w)
                );
                if p.reps_max + 2 <= REP_EXTENSION_CAP {
                    next.reps_max = p.reps_max + 2;
                    next.target_reps = Some(next.reps_max);
                    let reasons = vec![
                        why,
                        Reason::new(
                            "S-FORM",
                            format!(
                                "{too_far}; keep the load and stretch the range to {}-{} reps",
                                p.reps_min, next.reps_max
                            ),
                        ),
                    ];
                    Decision {
                        action: Action::AddReps {
                            from: p.reps_max,
                            to: next.reps_max,
                        },
                        next,
                        reasons,
                    }
                } else {
                    next.target_reps = Some(p.reps_max);
                    let reasons = vec![
                        why,
                        Reason::new("S-FORM", format!("{too_far}, and the range already reaches {REP_EXTENSION_CAP} reps: keep it; smaller steps (micro-plates, a finer stack) would let the load move")),
                    ];
                    repeat(next, reasons)
                }
            }
        };
    }

    // Double progression inside the range.
    if latest.top {
        next.target_reps = Some(p.reps_max);
        next.last_set_aim = Some(p.reps_max + 2);
        let text = format!(
            "top of the range at {}: every set {} again and the last one as many as you can, aiming for {}; once it goes 2 reps beyond {} in {need} sessions running, the load goes up (2-for-2)",
            input.show(w),
            p.reps_max,
            p.reps_max + 2,
            p.reps_max
        );
        return Decision {
            action: Action::AddReps {
                from: latest.low,
                to: p.reps_max + 2,
            },
            next,
            reasons: vec![Reason::new("E-PROGRESS", text)],
        };
    }
    let to = (latest.low + 1).clamp(p.reps_min, p.reps_max);
    next.target_reps = Some(to);
    let text = format!(
        "double progression: keep {} and aim for {to} reps a set (your lowest set last time: {})",
        input.show(w),
        latest.low
    );
    Decision {
        action: Action::AddReps {
            from: latest.low,
            to,
        },
        next,
        reasons: vec![Reason::new("E-PROGRESS", text)],
    }
}

/// Bands: reps up to the top of the range (every set, two sessions
/// running), then a stronger band back at the bottom; a lighter band after
/// two misses. Never a load in kg: a band has none to log.
pub(super) fn band(input: &Input, evals: &[Eval], training: &[&Eval], pain: &Blocking) -> Decision {
    let p = input.prescription;
    let latest = *training.last().expect("caller checks");
    let mut next = p.plain();
    next.load_kg = None;
    if let Some(why) = two_misses(training) {
        next.target_reps = Some(p.reps_min);
        let reasons = vec![
            Reason::new(
                "E-PROGRESS",
                format!("below the range two sessions in a row ({why})"),
            ),
            Reason::new(
                "E-PROGRESS",
                format!(
                    "take a lighter band and build back up from {} reps",
                    p.reps_min
                ),
            ),
        ];
        return Decision {
            action: Action::LighterBand,
            next,
            reasons,
        };
    }
    if let Some(why) = performance_drop(input, Kind::Band, evals) {
        return deload(input, Kind::Band, None, why);
    }
    let blocked = blockers(input, latest, pain);
    if !blocked.is_empty() {
        return repeat_reps(input, latest, blocked);
    }
    let need = input.sessions_needed(2);
    if tail(training, need).is_some_and(|t| t.iter().all(|e| e.top && e.low >= p.reps_max)) {
        next.target_reps = Some(p.reps_min);
        let reasons = vec![Reason::new(
            "E-PROGRESS",
            format!(
                "every set reached {} reps in {need} sessions running: take the next stronger band and start again at {} reps (bands progress by reps, then by band, never in kg)",
                p.reps_max, p.reps_min
            ),
        )];
        return Decision {
            action: Action::StrongerBand,
            next,
            reasons,
        };
    }
    let to = (latest.low + 1).clamp(p.reps_min, p.reps_max);
    next.target_reps = Some(to);
    let text = if latest.low >= p.reps_max {
        format!(
            "every set at {} reps: once more like this, then a stronger band",
            p.reps_max
        )
    } else {
        format!(
            "same band, a rep more a set: aim for {to} (lowest set last time: {})",
            latest.low
        )
    };
    Decision {
        action: Action::AddReps {
            from: latest.low,
            to,
        },
        next,
        reasons: vec![Reason::new("E-PROGRESS", text)],
    }
}

/// Body weight, counted in reps: reps up, then graduate; back on repeated misses.
pub(super) fn bodyweight(
    input: &Input,
    evals: &[Eval],
    training: &[&Eval],
    pain: &Blocking,
) -> Decision {
    let p = input.prescription;
    let latest = *training.last().expect("caller checks");
    let mut next = p.plain();
    if let Some(why) = two_misses(training) {
        let reasons = vec![Reason::new(
            "E-PROGRESS",
            format!("below the range two sessions in a row ({why})"),
        )];
        return regress(input, "E-PROGRESS", reasons, false)
            .unwrap_or_else(|r| fewer_reps(input, 2, r));
    }
    if let Some(why) = performance_drop(input, Kind::BodyweightReps, evals) {
        return deload(input, Kind::BodyweightReps, None, why);
    }
    let blocked = blockers(input, latest, pain);
    if !blocked.is_empty() {
        return repeat_reps(input, latest, blocked);
    }
    let need = input.sessions_needed(2);
    let sets_needed = p.sets.clamp(1, 3);
    let mut kept = None;
    if tail(training, need).is_some_and(|t| t.iter().all(|e| e.top)) {
        let why = Reason::new(
            "E-PROGRESS",
            format!(
                "{sets_needed} or more sets reached {} reps in {need} sessions running",
                p.reps_max
            ),
        );
        match graduate(input, why) {
            Ok(d) => return d,
            Err(refused) => kept = refused,
        }
    }
    // A harder version the person may not do yet (T-PULLUP's 8 strict reps
    // for weighted pull-ups, equipment, level): more reps are the way there,
    // up to the 20 of an endurance range. Nothing harder at all: the margin.
    let harder = super::neighbour(input, super::Direction::Harder);
    let waiting = matches!(&harder, Err(refused) if !refused.is_empty());
    let ceiling = if waiting {
        REP_EXTENSION_CAP.max(p.reps_max + BODYWEIGHT_MARGIN)
    } else {
        p.reps_max + BODYWEIGHT_MARGIN
    };
    if latest.low >= ceiling {
        next.target_reps = Some(ceiling);
        let text = match harder {
            Ok(_) => format!("{ceiling} reps on every set: one more session like this and you move on to the harder version"),
            Err(_) => format!("{ceiling} reps on every set and no harder version for you: keep it as it is"),
        };
        let mut reasons = vec![Reason::new("E-PROGRESS", text)];
        reasons.extend(kept);
        return repeat(next, reasons);
    }
    let to = (latest.low + 1).min(ceiling);
    next.target_reps = Some(to.max(p.reps_min));
    let why = if waiting && to > p.reps_max + BODYWEIGHT_MARGIN {
        Reason::new("E-PROGRESS", format!("add a rep a set: aim for {to}; more reps are the way to the harder version you cannot do yet"))
    } else {
        Reason::new(
            "E-PROGRESS",
            format!(
                "add a rep a set: aim for {to} (lowest set last time: {})",
                latest.low
            ),
        )
    };
    let mut reasons = vec![why];
    reasons.extend(kept.filter(|_| latest.low < p.reps_max + BODYWEIGHT_MARGIN || !waiting));
    Decision {
        action: Action::AddReps {
            from: latest.low,
            to,
        },
        next,
        reasons,
    }
}

/// Held for time: 5 s more at a time up to 60 s, then graduate.
pub(super) fn hold(input: &Input, evals: &[Eval], training: &[&Eval], pain: &Blocking) -> Decision {
    let p = input.prescription;
    let h = p.hold_s.unwrap_or(DEFAULT_HOLD_S);
    let latest = *training.last().expect("caller checks");
    let mut next = p.plain();
    next.hold_s = Some(h);
    if let Some(why) = two_misses(training) {
        let reasons = vec![Reason::new(
            "E-PROGRESS",
            format!("short of the hold two sessions in a row ({why})"),
        )];
        let mut reasons = match regress(input, "E-PROGRESS", reasons, false) {
            Ok(d) => return d,
            Err(r) => r,
        };
        let to = h.saturating_sub(HOLD_STEP_S).max(HOLD_STEP_S);
        next.hold_s = Some(to);
        reasons.push(Reason::new(
            "E-PROGRESS",
            format!("no easier exercise for you: hold {to} s instead of {h} s"),
        ));
        return Decision {
            action: Action::ReduceHold {
                from_s: h,
                to_s: to,
            },
            next,
            reasons,
        };
    }
    if let Some(why) = performance_drop(input, Kind::Hold, evals) {
        return deload(input, Kind::Hold, None, why);
    }
    let blocked = blockers(input, latest, pain);
    if !blocked.is_empty() {
        return repeat(next, blocked);
    }
    if h >= MAX_HOLD_S {
        let need = input.sessions_needed(2);
        if tail(training, need).is_some_and(|t| t.iter().all(|e| e.top)) {
            let why = Reason::new(
                "E-PROGRESS",
                format!("held {h} s on every set in {need} sessions running"),
            );
            return match graduate(input, why) {
                Ok(d) => d,
                Err(refused) => {
                    let mut reasons =
                        vec![Reason::new("E-PROGRESS", format!("{h} s is the longest hold we prescribe and there is no harder version for you: keep it"))];
                    reasons.extend(refused);
                    repeat(next, reasons)
                }
            };
        }
        return repeat(
            next,
            vec![Reason::new(
                "E-PROGRESS",
                format!("hold {h} s on every set once more, then move on"),
            )],
        );
    }
    let k = input.sessions_needed(1);
    if tail(training, k).is_some_and(|t| t.iter().all(|e| e.top)) {
        let to = (h + HOLD_STEP_S).min(MAX_HOLD_S);
        next.hold_s = Some(to);
        let why = Reason::new(
            "E-PROGRESS",
            format!("held {h} s on every set: hold {to} s next"),
        );
        return Decision {
            action: Action::AddHold {
                from_s: h,
                to_s: to,
            },
            next,
            reasons: vec![why],
        };
    }
    repeat(
        next,
        vec![Reason::new(
            "E-PROGRESS",
            format!("hold the full {h} s on every set once more before it grows"),
        )],
    )
}

/// Why a pyramid grows no further: our ceiling, or the session's minutes.
fn top_words(input: &Input) -> &'static str {
    if input.pyramid_cap < MCGILL_MAX_TOP {
        "the largest your sessions have the minutes for (more time a session would let it grow)"
    } else {
        "the top we prescribe"
    }
}

/// McGill Big 3: reps at the top of the pyramid go up; holds stay ~10 s.
pub(super) fn mcgill(
    input: &Input,
    evals: &[Eval],
    training: &[&Eval],
    pain: &Blocking,
) -> Decision {
    let p = input.prescription;
    let latest = *training.last().expect("caller checks");
    let mut next = p.plain();
    let mut cap = Vec::new();
    mcgill_hold_cap(&mut next, &mut cap);
    if let Some(why) = two_misses(training) {
        let reasons = vec![Reason::new(
            "E-MCGILL-PYRAMID",
            format!("the pyramid fell short two sessions in a row ({why})"),
        )];
        let mut reasons = match regress(input, "E-MCGILL-PYRAMID", reasons, false) {
            Ok(d) => return d,
            Err(r) => r,
        };
        next.reps_max = p.reps_max.saturating_sub(1).max(1);
        next.reps_min = p.reps_min.saturating_sub(1).max(1).min(next.reps_max);
        reasons.push(Reason::new(
            "E-MCGILL-PYRAMID",
            format!("a smaller pyramid: {}", show_pyramid(next.reps_max, p.sets)),
        ));
        reasons.extend(cap);
        return Decision {
            action: Action::ReduceReps {
                from: p.reps_max,
                to: next.reps_max,
            },
            next,
            reasons,
        };
    }
    if let Some(why) = performance_drop(input, Kind::McGill, evals) {
        return deload(input, Kind::McGill, None, why);
    }
    let mut blocked = blockers(input, latest, pain);
    if !blocked.is_empty() {
        blocked.extend(cap);
        return repeat(next, blocked);
    }
    let hold = next.hold_s.unwrap_or(MCGILL_HOLD_S);
    let k = input.sessions_needed(1);
    if tail(training, k).is_some_and(|t| t.iter().all(|e| e.top)) {
        if p.reps_max >= input.pyramid_cap.min(MCGILL_MAX_TOP) {
            // The daily Big 3 of a prevention or recovery plan stay the Big 3:
            // one may move on only to another of them (the full side bridge).
            let to_big3 = matches!(neighbour(input, Direction::Harder), Ok(to) if is_mcgill(to));
            if input.daily_big3 && !to_big3 {
                let mut reasons = vec![Reason::new(
                    "E-MCGILL-BIG3",
                    format!(
                        "a {} pyramid is {}, and the Big 3 stay in your plan as daily work: keep it as it is",
                        show_pyramid(p.reps_max, p.sets),
                        top_words(input)
                    ),
                )];
                reasons.extend(cap);
                return repeat(next, reasons);
            }
            let why = Reason::new(
                "E-MCGILL-BIG3",
                format!(
                    "the {} pyramid is done: the Big 3 has done its work here",
                    show_pyramid(p.reps_max, p.sets)
                ),
            );
            let refused = match graduate(input, why) {
                Ok(mut d) => {
                    d.reasons.extend(cap);
                    return d;
                }
                Err(r) => r,
            };
            let mut reasons = vec![Reason::new(
                "E-MCGILL-BIG3",
                format!(
                    "a {} pyramid is {}: keep it as daily maintenance",
                    show_pyramid(p.reps_max, p.sets),
                    top_words(input)
                ),
            )];
            reasons.extend(refused);
            reasons.extend(cap);
            return repeat(next, reasons);
        }
        next.reps_max = p.reps_max + 1;
        next.reps_min = (p.reps_min + 1).min(next.reps_max);
        let mut reasons = vec![Reason::new(
            "E-MCGILL-PYRAMID",
            format!(
                "pyramid {} done: add reps, not hold time: {} next, holds stay {hold} s",
                show_pyramid(p.reps_max, p.sets),
                show_pyramid(next.reps_max, p.sets)
            ),
        )];
        reasons.extend(cap);
        return Decision {
            action: Action::AddReps {
                from: p.reps_max,
                to: next.reps_max,
            },
            next,
            reasons,
        };
    }
    let mut reasons = vec![Reason::new(
        "E-MCGILL-PYRAMID",
        format!(
            "complete the {} pyramid of {hold} s holds before adding reps",
            show_pyramid(p.reps_max, p.sets)
        ),
    )];
    reasons.extend(cap);
    repeat(next, reasons)
}
