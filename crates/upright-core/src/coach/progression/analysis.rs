//! Reading sessions (what counts as a miss, the top of the range, 2-for-2)
//! and the progression rules for each kind of exercise.

use super::pain::PainCheck;
use super::steps::{increase, percent, reduce, same_load};
use super::{
    deload, graduate, is_mcgill, mcgill_hold_cap, pyramid, regress, with_session_rpe, Action, Decision, Input, Reason, Session,
    BODYWEIGHT_MARGIN, DEFAULT_HOLD_S, HOLD_STEP_S, MAX_HOLD_S, MCGILL_HOLD_S, MCGILL_MAX_TOP, REP_EXTENSION_CAP,
};
use crate::catalog::Exercise;
use crate::coach::loads::{epley, estimate_1rm, prescribed_load};
use crate::coach::sets_notation::SetEntry;
use crate::coach::units::trim_number;
use crate::vocab::{Dosing, Loading};
use chrono::NaiveDate;

/// How an exercise progresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// External load, counted in reps: load goes up.
    Loaded,
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
                (Dosing::Reps, Loading::Loaded) => Kind::Loaded,
                (Dosing::Reps, Loading::Bodyweight) => Kind::BodyweightReps,
            }
        }
    }
}

/// One session read against the prescription.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Eval {
    pub date: NaiveDate,
    pub deload: bool,
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
    /// Loaded: the best e1RM of sets logged with an RPE (E-RTS), for calibration.
    pub e1rm_rpe: Option<f64>,
    /// The highest RPE logged (sets, else the session).
    pub effort: Option<f64>,
    /// A number that falls when performance falls (e1RM; reps, seconds or holds per set).
    pub perf: Option<f64>,
}

/// Sessions in date order, each read for its kind; sessions with nothing usable are skipped.
pub(super) fn evaluate(input: &Input, kind: Kind) -> Vec<Eval> {
    let mut sessions: Vec<&Session> = input.history.iter().collect();
    sessions.sort_by_key(|s| s.date);
    sessions.into_iter().filter_map(|s| eval(input, kind, s)).collect()
}

fn max_f64(it: impl Iterator<Item = f64>) -> Option<f64> {
    it.fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))))
}

fn eval(input: &Input, kind: Kind, s: &Session) -> Option<Eval> {
    let p = input.prescription;
    let sets = with_session_rpe(s);
    let mut e = Eval {
        date: s.date,
        deload: s.deload,
        miss: None,
        short: None,
        top: false,
        two_for_two: false,
        low: 0,
        load: None,
        e1rm_rpe: None,
        effort: None,
        perf: None,
    };
    match kind {
        Kind::Loaded | Kind::BodyweightReps => {
            let rep_sets: Vec<SetEntry> = sets.iter().copied().filter(|x| x.reps.is_some_and(|r| r > 0)).collect();
            if rep_sets.is_empty() {
                return None;
            }
            let heaviest = if kind == Kind::Loaded { max_f64(rep_sets.iter().filter_map(|x| x.load_kg)) } else { None };
            let working: Vec<SetEntry> = match heaviest {
                Some(top) => rep_sets.iter().copied().filter(|x| x.load_kg.is_some_and(|l| l >= 0.9 * top - 1e-9)).collect(),
                None => rep_sets.clone(),
            };
            let reps: Vec<u32> = working.iter().map(|x| x.reps.unwrap_or(0)).collect();
            e.low = reps.iter().copied().min().unwrap_or(0);
            e.effort = max_f64(working.iter().filter_map(|x| x.rpe));
            e.load = heaviest;
            let below =
                reps.iter().position(|r| *r < p.reps_min).map(|i| format!("set {} had {} reps, below {}", i + 1, reps[i], p.reps_min));
            let easy_enough = match (e.effort, p.rpe) {
                (Some(x), Some(t)) => x <= t,
                _ => true,
            };
            let fewer = (working.len() as u32) < p.sets;
            e.miss = match (fewer, below) {
                (_, Some(why)) => Some(why),
                (true, None) if !easy_enough => Some(format!("{} of {} sets, above the target RPE", working.len(), p.sets)),
                _ => None,
            };
            // Fewer sets, each good: not a miss (E-PROGRESS judges the sets done).
            if fewer && e.miss.is_none() {
                e.short = Some(format!("{} of {} sets", working.len(), p.sets));
            }
            if let Some(top) = heaviest {
                e.top = e.miss.is_none() && e.short.is_none() && reps.iter().all(|r| *r >= p.reps_max);
                let last = working.last().expect("the heaviest set is a working set");
                e.two_for_two = e.miss.is_none()
                    && e.short.is_none()
                    && last.load_kg.is_some_and(|l| same_load(l, top))
                    && last.reps.unwrap_or(0) >= p.reps_max + 2;
                e.perf = max_f64(working.iter().map(|x| {
                    let (l, r) = (x.load_kg.unwrap_or(0.0), x.reps.unwrap_or(0));
                    estimate_1rm(l, r, None).unwrap_or_else(|| epley(l, r))
                }));
                e.e1rm_rpe = max_f64(working.iter().filter_map(|x| estimate_1rm(x.load_kg?, x.reps?, Some(x.rpe?))));
            } else if kind == Kind::BodyweightReps {
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
            e.effort = max_f64(sets.iter().filter(|x| x.hold_s.is_some()).filter_map(|x| x.rpe));
            e.miss = if (holds.len() as u32) < p.sets {
                Some(format!("{} of {} holds", holds.len(), p.sets))
            } else {
                holds.iter().position(|h| *h < target).map(|i| format!("hold {} lasted {} s of {} s", i + 1, holds[i], target))
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
            e.miss = if let Some(short) = used.iter().filter_map(|x| x.hold_s).find(|h| *h < target_hold) {
                Some(format!("a hold lasted {short} s of {target_hold} s"))
            } else if total < floor {
                Some(format!("{total} holds, fewer than the {floor} of a {} pyramid", show_pyramid(p.reps_min, p.sets)))
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
    pyramid(top, sets).iter().map(u32::to_string).collect::<Vec<_>>().join("-")
}

/// The last `n` evaluations, when there are that many.
fn tail<'e, 'a>(evs: &'e [&'a Eval], n: usize) -> Option<&'e [&'a Eval]> {
    (n > 0 && evs.len() >= n).then(|| &evs[evs.len() - n..])
}

/// The two latest sessions both missed: their reasons.
fn two_misses(evs: &[&Eval]) -> Option<String> {
    let t = tail(evs, 2)?;
    Some(format!("{}; then {}", t[0].miss.as_ref()?, t[1].miss.as_ref()?))
}

/// What keeps the latest session from progressing: pain 3-5, a miss, an RPE above target.
fn blockers(input: &Input, latest: &Eval, pain: &PainCheck) -> Vec<Reason> {
    let mut v = Vec::new();
    if let Some(r) = pain.moderate() {
        v.push(r);
    }
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
    if let (Some(t), Some(x)) = (input.prescription.rpe, latest.effort) {
        if x > t + 0.5 {
            v.push(Reason::new(
                "E-RPE",
                format!("logged RPE {} is above the target {}: repeat until it comes down", trim_number(x, 1), trim_number(t, 1)),
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
    let [a, b, c] = &recent[recent.len() - 3..] else { return None };
    let dropped = |x: &Eval, y: &Eval| match (x.perf, y.perf) {
        (Some(px), Some(py)) => {
            let lighter = kind == Kind::Loaded && matches!((x.load, y.load), (Some(lx), Some(ly)) if ly < lx * 0.98);
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
            Kind::BodyweightReps => format!("{} reps a set", trim_number(v, 1)),
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
    Decision { action: Action::HoldLoad, next, reasons }
}

/// Fewer reps when there is no easier neighbour to step back to.
fn fewer_reps(input: &Input, by: u32, mut reasons: Vec<Reason>) -> Decision {
    let p = input.prescription;
    let mut next = p.clone();
    next.reps_max = p.reps_max.saturating_sub(by).max(1);
    next.reps_min = p.reps_min.saturating_sub(by).max(1).min(next.reps_max);
    reasons.push(Reason::new(
        "E-PROGRESS",
        format!("no easier exercise in the catalog: {}-{} reps instead of {}-{}", next.reps_min, next.reps_max, p.reps_min, p.reps_max),
    ));
    Decision { action: Action::ReduceReps { from: p.reps_max, to: next.reps_max }, next, reasons }
}

/// Loaded reps: double progression, 2-for-2, RPE, the 10% cap.
pub(super) fn loaded(input: &Input, evals: &[Eval], training: &[&Eval], pain: &PainCheck) -> Decision {
    let p = input.prescription;
    let steps = input.load_steps();
    let latest = *training.last().expect("caller checks");
    let mut next = p.clone();
    let Some(w) = latest.load else {
        let why =
            Reason::new("E-PROGRESS", "no load was logged for this loaded exercise: log it (e.g. 3x10@20kg) so progression can follow it");
        return repeat(next, vec![why]);
    };
    next.load_kg = Some(w);
    let run_len = training.iter().rev().take_while(|e| e.load.is_some_and(|l| same_load(l, w))).count();
    let run = &training[training.len() - run_len..];

    // A single session with an RPE calibrates the load (a test set, E-RTS).
    if training.len() == 1 {
        let target_rpe = p.rpe.unwrap_or(8.0);
        if let Some(e1rm) = latest.e1rm_rpe {
            if let Some(to) = prescribed_load(e1rm, p.reps_max, target_rpe, &steps) {
                if to > w && !super::steps::same_weight(to, w) {
                    next.load_kg = Some(to);
                    let why = Reason::new(
                        "E-RTS",
                        format!(
                            "calibrated from your first logged session: estimated 1RM {}; {} reps at RPE {} is {}",
                            input.show(e1rm),
                            p.reps_max,
                            trim_number(target_rpe, 1),
                            input.show(to)
                        ),
                    );
                    return Decision { action: Action::Start { load_kg: Some(to) }, next, reasons: vec![why] };
                }
            }
        }
    }

    if let Some(why) = two_misses(run) {
        let mut reasons = vec![Reason::new(
            "E-PROGRESS",
            format!("missed the target two sessions in a row at {} ({why}): reduce about 10%", input.show(w)),
        )];
        if let Some(to) = reduce(w, 0.10, &steps) {
            reasons.push(Reason::new("E-PROGRESS", format!("{} -> {}, rounded down to what can be loaded", input.show(w), input.show(to))));
            next.load_kg = Some(to);
            return Decision { action: Action::ReduceLoad { from_kg: w, to_kg: to }, next, reasons };
        }
        return super::regress(input, "E-PROGRESS", reasons.clone()).unwrap_or_else(|| fewer_reps(input, 2, reasons));
    }
    if let Some(why) = performance_drop(input, Kind::Loaded, evals) {
        return deload(input, Kind::Loaded, Some(w), why);
    }
    let blocked = blockers(input, latest, pain);
    if !blocked.is_empty() {
        return repeat(next, blocked);
    }

    let need = input.sessions_needed(2);
    let two_for_two = tail(run, need).is_some_and(|t| t.iter().all(|e| e.two_for_two));
    let easy = p.rpe.and_then(|t| {
        let k = input.sessions_needed(1);
        let t_ok = tail(run, k)?.iter().all(|e| e.top && e.effort.is_some_and(|x| x <= t - 1.5));
        t_ok.then(|| (t, latest.effort.unwrap_or(t)))
    });
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
                format!("every set reached {} reps at RPE {}, well below the target {}", p.reps_max, trim_number(x, 1), trim_number(t, 1)),
            )
        };
        return match increase(input, w) {
            Ok(to) => {
                next.load_kg = Some(to);
                let reasons = vec![
                    why,
                    Reason::new(
                        "E-PROGRESS",
                        format!("add load: {} -> {} (+{}%)", input.show(w), input.show(to), trim_number(percent(w, to), 1)),
                    ),
                    Reason::new("S-FORM", "the jump stays within 10% of the current load"),
                ];
                Decision { action: Action::IncreaseLoad { from_kg: w, to_kg: to }, next, reasons }
            }
            Err(up) => {
                let too_far = format!(
                    "the next weight that can be loaded, {}, is {}% above {}: more than the 10% cap",
                    input.show(up),
                    trim_number(percent(w, up), 1),
                    input.show(w)
                );
                if p.reps_max + 2 <= REP_EXTENSION_CAP {
                    next.reps_max = p.reps_max + 2;
                    let reasons = vec![
                        why,
                        Reason::new(
                            "S-FORM",
                            format!("{too_far}; keep the load and stretch the range to {}-{} reps", p.reps_min, next.reps_max),
                        ),
                    ];
                    Decision { action: Action::AddReps { from: p.reps_max, to: next.reps_max }, next, reasons }
                } else {
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
    let (to, text) = if latest.top {
        (
            p.reps_max + 2,
            format!(
                "top of the range at {}: keep it; once the last set goes 2 reps beyond {} in {need} sessions running, the load goes up (2-for-2)",
                input.show(w),
                p.reps_max
            ),
        )
    } else {
        ((latest.low + 1).min(p.reps_max), format!("double progression: keep {} and add reps toward {}", input.show(w), p.reps_max))
    };
    Decision { action: Action::AddReps { from: latest.low, to }, next, reasons: vec![Reason::new("E-PROGRESS", text)] }
}

/// Body weight, counted in reps: reps up, then graduate; back on repeated misses.
pub(super) fn bodyweight(input: &Input, evals: &[Eval], training: &[&Eval], pain: &PainCheck) -> Decision {
    let p = input.prescription;
    let latest = *training.last().expect("caller checks");
    let next = p.clone();
    if let Some(why) = two_misses(training) {
        let reasons = vec![Reason::new("E-PROGRESS", format!("below the range two sessions in a row ({why})"))];
        return regress(input, "E-PROGRESS", reasons.clone()).unwrap_or_else(|| fewer_reps(input, 2, reasons));
    }
    if let Some(why) = performance_drop(input, Kind::BodyweightReps, evals) {
        return deload(input, Kind::BodyweightReps, None, why);
    }
    let blocked = blockers(input, latest, pain);
    if !blocked.is_empty() {
        return repeat(next, blocked);
    }
    let need = input.sessions_needed(2);
    let sets_needed = p.sets.clamp(1, 3);
    if tail(training, need).is_some_and(|t| t.iter().all(|e| e.top)) {
        let why = Reason::new("E-PROGRESS", format!("{sets_needed} or more sets reached {} reps in {need} sessions running", p.reps_max));
        if let Some(d) = graduate(input, why) {
            return d;
        }
    }
    let ceiling = p.reps_max + BODYWEIGHT_MARGIN;
    if latest.low >= ceiling {
        let text = if super::neighbour(input, super::Direction::Harder).is_some() {
            format!("{ceiling} reps on every set: one more session like this and you move on to the harder version")
        } else {
            format!("{ceiling} reps on every set and no harder version in the catalog: keep it as it is")
        };
        return repeat(next, vec![Reason::new("E-PROGRESS", text)]);
    }
    let to = (latest.low + 1).min(ceiling);
    let why = Reason::new("E-PROGRESS", format!("add a rep a set: aim for {to} (lowest set last time: {})", latest.low));
    Decision { action: Action::AddReps { from: latest.low, to }, next, reasons: vec![why] }
}

/// Held for time: 5 s more at a time up to 60 s, then graduate.
pub(super) fn hold(input: &Input, evals: &[Eval], training: &[&Eval], pain: &PainCheck) -> Decision {
    let p = input.prescription;
    let h = p.hold_s.unwrap_or(DEFAULT_HOLD_S);
    let latest = *training.last().expect("caller checks");
    let mut next = p.clone();
    next.hold_s = Some(h);
    if let Some(why) = two_misses(training) {
        let mut reasons = vec![Reason::new("E-PROGRESS", format!("short of the hold two sessions in a row ({why})"))];
        if let Some(d) = regress(input, "E-PROGRESS", reasons.clone()) {
            return d;
        }
        let to = h.saturating_sub(HOLD_STEP_S).max(HOLD_STEP_S);
        next.hold_s = Some(to);
        reasons.push(Reason::new("E-PROGRESS", format!("no easier exercise in the catalog: hold {to} s instead of {h} s")));
        return Decision { action: Action::ReduceHold { from_s: h, to_s: to }, next, reasons };
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
            let why = Reason::new("E-PROGRESS", format!("held {h} s on every set in {need} sessions running"));
            if let Some(d) = graduate(input, why) {
                return d;
            }
            return repeat(
                next,
                vec![Reason::new("E-PROGRESS", format!("{h} s is the longest hold we prescribe and there is no harder version: keep it"))],
            );
        }
        return repeat(next, vec![Reason::new("E-PROGRESS", format!("hold {h} s on every set once more, then move on"))]);
    }
    let k = input.sessions_needed(1);
    if tail(training, k).is_some_and(|t| t.iter().all(|e| e.top)) {
        let to = (h + HOLD_STEP_S).min(MAX_HOLD_S);
        next.hold_s = Some(to);
        let why = Reason::new("E-PROGRESS", format!("held {h} s on every set: hold {to} s next"));
        return Decision { action: Action::AddHold { from_s: h, to_s: to }, next, reasons: vec![why] };
    }
    repeat(next, vec![Reason::new("E-PROGRESS", format!("hold the full {h} s on every set once more before it grows"))])
}

/// McGill Big 3: reps at the top of the pyramid go up; holds stay ~10 s.
pub(super) fn mcgill(input: &Input, evals: &[Eval], training: &[&Eval], pain: &PainCheck) -> Decision {
    let p = input.prescription;
    let latest = *training.last().expect("caller checks");
    let mut next = p.clone();
    let mut cap = Vec::new();
    mcgill_hold_cap(&mut next, &mut cap);
    if let Some(why) = two_misses(training) {
        let mut reasons = vec![Reason::new("E-MCGILL-PYRAMID", format!("the pyramid fell short two sessions in a row ({why})"))];
        if let Some(d) = regress(input, "E-MCGILL-PYRAMID", reasons.clone()) {
            return d;
        }
        next.reps_max = p.reps_max.saturating_sub(1).max(1);
        next.reps_min = p.reps_min.saturating_sub(1).max(1).min(next.reps_max);
        reasons.push(Reason::new("E-MCGILL-PYRAMID", format!("a smaller pyramid: {}", show_pyramid(next.reps_max, p.sets))));
        reasons.extend(cap);
        return Decision { action: Action::ReduceReps { from: p.reps_max, to: next.reps_max }, next, reasons };
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
        if p.reps_max >= MCGILL_MAX_TOP {
            let why = Reason::new(
                "E-MCGILL-BIG3",
                format!("the {} pyramid is done: the Big 3 has done its work here", show_pyramid(p.reps_max, p.sets)),
            );
            if let Some(mut d) = graduate(input, why) {
                d.reasons.extend(cap);
                return d;
            }
            let mut reasons = vec![Reason::new(
                "E-MCGILL-BIG3",
                format!("a {} pyramid is the top we prescribe: keep it as daily maintenance", show_pyramid(p.reps_max, p.sets)),
            )];
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
        return Decision { action: Action::AddReps { from: p.reps_max, to: next.reps_max }, next, reasons };
    }
    let mut reasons = vec![Reason::new(
        "E-MCGILL-PYRAMID",
        format!("complete the {} pyramid of {hold} s holds before adding reps", show_pyramid(p.reps_max, p.sets)),
    )];
    reasons.extend(cap);
    repeat(next, reasons)
}
