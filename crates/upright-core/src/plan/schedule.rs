//! From the optimiser's base week to sessions and weeks.
//!
//! The base week is the peak week of a training block: day 1 holds the heavy
//! lifts (F-ONEDAY), the other days are alike. Weeks follow a mesocycle
//! (E-MESOCYCLE): volume starts lower and rises by at most two sets per muscle
//! a week to the base week, then a deload at about half the volume after at
//! least three loading weeks. Beginners start with two technique weeks on the
//! easier neighbour of each loaded lift and graduate to the loaded lift in week
//! 3, with no planned deload in their first block (E-MESOCYCLE: novices progress
//! session to session). From the second block on, an exercise whose harder
//! neighbour the person may do, and which ranks as well for them, graduates to it.

use super::candidates::Candidate;
use super::document::{Prescription, RampSet, Session, WarmupStep, Week};
use super::dosing::{pyramid_tops, reps_at_rpe, PullupStep, Role};
use super::optimizer::{self, Selection, CHANGEOVER_S, RAMP};
use super::targets::TARGETED;
use crate::profile::Profile;
use crate::vocab::{Equipment, Level, Loading, Location, Pattern};

/// One exercise of a session before it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub cand: usize,
    /// Units: sets, or pyramids for the Big 3.
    pub units: u32,
    pub slot: usize,
    pub beat: Vec<usize>,
}

/// The base week: blocks per training day (day 1 first).
pub type BaseWeek = Vec<Vec<Block>>;

/// Lays the selection out on the days of the week, each session heavy-first, core-last.
pub fn place(p: &Profile, cands: &[Candidate], sel: &Selection) -> BaseWeek {
    let mut week: BaseWeek = vec![Vec::new(); p.days as usize];
    for (t, kind) in sel.kinds.iter().enumerate() {
        let mut blocks: Vec<Block> = kind
            .fills
            .iter()
            .enumerate()
            .filter_map(|(fi, f)| {
                let units = sel.units(t, fi);
                (units > 0).then(|| Block {
                    cand: f.cand,
                    units,
                    slot: f.slot,
                    beat: f.beat.clone(),
                })
            })
            .collect();
        // Heavy and technical first, core last (M-CORE: a tired core should not brace a heavy lift).
        blocks.sort_by_key(|b| {
            (
                !cands[b.cand].is_heavy(),
                sel.slots[b.slot].kind.session_order(),
                b.slot,
            )
        });
        for d in &kind.days {
            week[*d as usize - 1] = blocks.clone();
        }
    }
    week
}

/// Where a week sits in its block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekShape {
    pub phase: &'static str,
    /// 0-based block.
    pub block: u8,
    /// 0-based position among the block's loading weeks.
    pub pos: u8,
    /// Loading weeks in the block.
    pub len: u8,
}

pub(super) fn technique_weeks(p: &Profile) -> u8 {
    match (p.level, p.weeks) {
        (Level::Beginner, 0..=3) => 1,
        (Level::Beginner, _) => 2,
        _ => 0,
    }
}

/// Loading weeks of a block after the first: 3 while recovering (slower, S-RECOVERY), else 4.
fn block_len(p: &Profile) -> u8 {
    if p.recovering() {
        3
    } else {
        4
    }
}

/// The block structure: a beginner's first block is six weeks (technique, then
/// build) with no deload; every other block is `block_len` loading weeks and a
/// deload. A plan that ends before a block's deload simply ends: the first
/// block, with no deload before it, builds to its peak by the plan's last week;
/// a later block builds from its start as far as the plan goes.
pub fn shape(p: &Profile, w: u8) -> WeekShape {
    let first = if p.level == Level::Beginner {
        6
    } else {
        block_len(p) + 1
    };
    // A plan shorter than its first block builds to the peak by its last week.
    let first_loading = if p.level == Level::Beginner {
        6
    } else {
        block_len(p)
    }
    .min(p.weeks.max(1));
    if w <= first {
        let pos = w - 1;
        let phase = if w <= technique_weeks(p) {
            "technique"
        } else if pos >= first_loading {
            "deload"
        } else {
            "build"
        };
        return WeekShape {
            phase,
            block: 0,
            pos: pos.min(first_loading - 1),
            len: first_loading,
        };
    }
    let full = block_len(p);
    let rest = w - first - 1;
    let block = 1 + rest / (full + 1);
    let pos = rest % (full + 1);
    // A block after a deload starts again near the minimum and builds a step a
    // week (E-MESOCYCLE), even when the plan ends before its peak: a last block
    // cut short simply ends mid-build, never jumps from the deload to the peak.
    let phase = if pos == full { "deload" } else { "build" };
    WeekShape {
        phase,
        block,
        pos: pos.min(full - 1),
        len: full,
    }
}

/// RPE for a week: rises by half a point through a block, capped by level and
/// back state (S-RECOVERY: lower ceiling; S-FORM: beginners stay shy of failure).
fn week_rpe(base: f64, s: WeekShape, p: &Profile, loaded: bool) -> f64 {
    let ceiling = if p.recovering() {
        7.0
    } else if p.level == Level::Beginner {
        8.0
    } else {
        9.0
    };
    let rpe = match s.phase {
        "technique" if loaded => (base - 1.0).min(6.0),
        "technique" => base - 0.5,
        "deload" => base - 1.5,
        _ => base - 0.5 + 0.5 * f64::from(s.pos.min(2)),
    };
    rpe.clamp(5.0, ceiling)
}

/// The RPE of an unloaded exercise in the hardest week this plan holds: the
/// selection times pull-up sets at that week's reps, so no week runs over.
pub(super) fn peak_week_rpe(base: f64, p: &Profile) -> f64 {
    (1..=p.weeks.max(1))
        .map(|w| week_rpe(base, shape(p, w), p, false))
        .fold(f64::MIN, f64::max)
}

/// McGill pyramid: 5-3-1 in the first block, 6-4-2 after (progress by reps, not
/// hold time), smaller in short sessions (`dosing::pyramid_tops`).
fn pyramid(s: WeekShape, p: &Profile) -> Vec<u32> {
    let (first, peak) = pyramid_tops(p.minutes);
    if s.phase == "deload" || s.block == 0 {
        super::dosing::pyramid(first, 3)
    } else {
        super::dosing::pyramid(peak, 3)
    }
}

/// How many two-set steps below the peak a loading week sits (E-MESOCYCLE).
fn steps_below_peak(s: WeekShape) -> u8 {
    if s.phase == "deload" {
        return 0;
    }
    (s.len - 1 - s.pos).min(3)
}

/// Removes sets from the peak week, `steps` times, each time at most two sets
/// per muscle over the week, lowest-ranked exercises first, never below the
/// fewest sets the exercise may have (`optimizer::unit_range`).
fn ramp_down(p: &Profile, days: &mut [Vec<(usize, u32)>], cands: &[Candidate], steps: u8) {
    let mut order: Vec<(usize, usize)> = days
        .iter()
        .enumerate()
        .flat_map(|(d, day)| (0..day.len()).map(move |i| (d, i)))
        .collect();
    order.sort_by(|a, b| {
        let (ca, cb) = (&cands[days[a.0][a.1].0], &cands[days[b.0][b.1].0]);
        ca.score.total_cmp(&cb.score).then(a.cmp(b))
    });
    for _ in 0..steps {
        let mut dropped = [0.0f64; TARGETED.len()];
        for (d, i) in &order {
            let (k, sets) = days[*d][*i];
            let c = &cands[k];
            if c.dose.role == Role::Big3 || sets <= super::optimizer::unit_range(c, p).0 {
                continue;
            }
            if c.stimulus
                .iter()
                .zip(&dropped)
                .all(|(s, x)| x + s <= 2.0 + 1e-9)
                && c.stimulus.iter().any(|s| *s > 0.0)
            {
                for (x, s) in dropped.iter_mut().zip(&c.stimulus) {
                    *x += s;
                }
                days[*d][*i].1 -= 1;
            }
        }
    }
}

/// The easier neighbour a beginner learns first, when the exercise is a loaded
/// lift with technique or spinal load to respect (T-BEGINNER, S-FORM).
pub(super) fn technique_stand_in(c: &Candidate, cands: &[Candidate]) -> Option<usize> {
    let e = c.exercise;
    let lift = matches!(
        e.pattern,
        Pattern::Hinge | Pattern::Squat | Pattern::HorizontalPull
    );
    if e.loading != Loading::Loaded
        || !lift
        || (e.technique == crate::vocab::Grade::Low && e.spinal_load == crate::vocab::Grade::Low)
    {
        return None;
    }
    e.regressions.iter().find_map(|id| {
        cands
            .iter()
            .position(|x| &x.exercise.id == id && x.exercise.pattern == e.pattern)
    })
}

/// The harder neighbour an exercise graduates to in a later block: one the person
/// may do (a candidate), of the same pattern, ranked at most half a point lower
/// (any rank for the Big 3: a recovering back moves from the knee side bridge to
/// the full one once the first block has made it easy, S-RECOVERY), and no longer a set (a one-arm row done each side takes twice a band row's
/// time: the session checked by the optimiser must stay the session printed).
fn graduation(c: &Candidate, cands: &[Candidate]) -> Option<usize> {
    let seconds = |x: &Candidate| x.dose.unit_seconds(x.exercise.unilateral);
    c.exercise.progressions.iter().find_map(|id| {
        cands.iter().position(|x| {
            &x.exercise.id == id
                && x.exercise.pattern == c.exercise.pattern
                && (x.score >= c.score - 0.5 || c.dose.role == Role::Big3)
                && x.dose.role == c.dose.role
                && seconds(x) <= seconds(c) + 1e-9
        })
    })
}

/// Expands the base week into `p.weeks` weeks.
pub fn weeks(p: &Profile, cands: &[Candidate], sel: &Selection, base: &BaseWeek) -> Vec<Week> {
    let mut graduated: Vec<Vec<usize>> = base
        .iter()
        .map(|d| d.iter().map(|b| b.cand).collect())
        .collect();
    let mut last_block = 0;
    let mut previous: Vec<Vec<String>> = vec![Vec::new(); base.len()];
    let mut weeks: Vec<Week> = (1..=p.weeks)
        .map(|w| {
            let s = shape(p, w);
            if s.block > last_block {
                last_block = s.block;
                for (d, day) in graduated.iter_mut().enumerate() {
                    for k in day.iter_mut() {
                        if let Some(next) = graduation(&cands[*k], cands) {
                            let taken = base[d].iter().any(|b| b.cand == next);
                            if !taken {
                                *k = next;
                            }
                        }
                    }
                }
            }
            let mut days: Vec<Vec<(usize, u32)>> = base
                .iter()
                .zip(&graduated)
                .map(|(day, now)| {
                    day.iter()
                        .zip(now)
                        .map(|(b, k)| {
                            // A stand-in already done that day (a one-arm row standing in
                            // for the bent-over row beside it) would be the same exercise
                            // twice: the lift itself is learnt at the technique effort instead.
                            let k = if s.phase == "technique" {
                                technique_stand_in(&cands[*k], cands)
                                    .filter(|x| !now.contains(x))
                                    .unwrap_or(*k)
                            } else {
                                *k
                            };
                            (k, b.units)
                        })
                        .collect()
                })
                .collect();
            ramp_down(p, &mut days, cands, steps_below_peak(s));
            let sessions = days
                .iter()
                .enumerate()
                .filter(|(_, day)| !day.is_empty())
                .map(|(d, day)| {
                    let session = session(p, cands, sel, &base[d], day, d, s, &previous[d]);
                    previous[d] = session.exercises.iter().map(|e| e.id.clone()).collect();
                    session
                })
                .collect();
            Week {
                week: w,
                deload: s.phase == "deload",
                phase: s.phase,
                block: s.block + 1,
                sessions,
            }
        })
        .collect();
    keep_beaten_out_of_the_plan(&mut weeks);
    weeks
}

/// An exercise the plan does in any week was not beaten: "chosen over" names
/// only exercises the plan leaves out, so --explain never says both that A
/// was chosen over B and B over A.
fn keep_beaten_out_of_the_plan(weeks: &mut [Week]) {
    let in_plan: std::collections::BTreeSet<String> = weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
        .map(|e| e.name.clone())
        .collect();
    for e in weeks
        .iter_mut()
        .flat_map(|w| &mut w.sessions)
        .flat_map(|s| &mut s.exercises)
    {
        e.beat.retain(|b| !in_plan.contains(b));
    }
}

/// The load rule of an exercise (E-PROGRESS, E-MCGILL-PYRAMID): what to add, when.
fn load_rule(c: &Candidate, cands: &[Candidate], p: &Profile) -> (String, &'static str) {
    let e = c.exercise;
    let d = &c.dose;
    let banded = e
        .equipment
        .iter()
        .all(|n| n.options().contains(&Equipment::Bands))
        && !e.equipment.is_empty();
    match d.role {
        Role::Big3 => {
            let (first, peak) = pyramid_tops(p.minutes);
            let show = |top| {
                super::dosing::pyramid(top, 3)
                    .iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join("-")
            };
            let steps = if first == peak {
                show(peak)
            } else {
                format!("{}, then {}", show(first), show(peak))
            };
            // As the coach decides: the daily Big 3 move on only to another
            // of them the person may do (the knee side bridge to the full one).
            let harder_big3 = cands.iter().any(|x| {
                super::slots::is_big3_candidate(x) && e.progressions.contains(&x.exercise.id)
            });
            let then = match harder_open(c, cands) {
                _ if super::slots::wants_big3(p) && !harder_big3 => {
                    format!("once {} is easy, keep it as daily work", show(peak))
                }
                Some(name) => format!(
                    "move to the harder variant once {} is easy: {name}",
                    show(peak)
                ),
                None => format!(
                    "once {} is easy, keep it: no harder variant is open to you yet",
                    show(peak)
                ),
            };
            (
                format!("Add holds to the pyramid ({steps}), never longer holds; {then}."),
                "E-MCGILL-PYRAMID",
            )
        }
        Role::Hold => {
            // The coach's own steps (coach::progression): the rule says what it will do.
            use crate::coach::progression::{HOLD_STEP_S, MAX_HOLD_S};
            let then = match harder_open(c, cands) {
                Some(name) => format!("past {MAX_HOLD_S} s, move to the harder variant: {name}"),
                None => format!(
                    "at {MAX_HOLD_S} s, keep it there: no harder variant is open to you yet"
                ),
            };
            (
                format!(
                    "When every hold reaches {} s with good form, add {HOLD_STEP_S} s next session; {then}.",
                    d.hold_s.unwrap_or(20)
                ),
                "E-PROGRESS",
            )
        }
        Role::Bodyweight => (
            bodyweight_rule(
                d.reps_max,
                harder_open(c, cands).map_or(Harder::NoneOpen, Harder::Open),
            ),
            "E-PROGRESS",
        ),
        _ if banded => (
            format!(
                "Add reps up to {} on every set, then take a stronger band and drop back to {}.",
                d.reps_max, d.reps_min
            ),
            "E-PROGRESS",
        ),
        _ => {
            let small = c.exercise.mechanic == crate::vocab::Mechanic::Isolation;
            let (kg, lb) = if small {
                ("1-2 kg", "2.5-5 lb")
            } else {
                ("2-5 kg", "5-10 lb")
            };
            let pct = if p.level == Level::Beginner {
                "5-10%"
            } else {
                "2-5%"
            };
            (
                format!(
                    "When every set reaches {} reps at RPE {} or easier, and the last set beats it by two reps two sessions running, add {kg} ({lb}, about {pct}) and start again at {} reps.",
                    d.reps_max,
                    fmt_rpe(d.rpe),
                    d.reps_min
                ),
                "E-PROGRESS",
            )
        }
    }
}

/// The nearest harder neighbour of `c` the person may do (a candidate), by name.
fn harder_open<'c>(c: &Candidate, cands: &'c [Candidate]) -> Option<&'c str> {
    c.exercise.progressions.iter().find_map(|id| {
        cands
            .iter()
            .find(|x| &x.exercise.id == id)
            .map(|x| x.exercise.name.as_str())
    })
}

/// What comes after a bodyweight exercise's top reps, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Harder<'a> {
    /// The nearest harder neighbour the person may do (its name).
    Open(&'a str),
    /// None of its harder neighbours is open to the person yet.
    NoneOpen,
    /// Not worked out here (a plan edit names the rule without the filters).
    Unknown,
}

/// A bodyweight exercise's load rule, as the engine decides
/// (`coach::progression::analysis::bodyweight`), saying only what is true
/// of the harder variant.
pub fn bodyweight_rule(reps_max: u32, harder: Harder) -> String {
    let top = if reps_max <= 1 {
        "Once every set reaches 1 rep two sessions running".to_string()
    } else {
        format!("Add a rep a set up to {reps_max}; once every set reaches {reps_max} two sessions running")
    };
    match harder {
        Harder::Open(name) => format!("{top}, move to the harder variant: {name}."),
        Harder::NoneOpen => {
            format!("{top}, keep adding reps: no harder variant is open to you yet.")
        }
        Harder::Unknown => format!(
            "{top}, move to the harder variant (if none is open to you yet, keep adding reps)."
        ),
    }
}

/// A load rule as a person using `unit` reads it. The plan's rule is
/// unit-free ("add 2-5 kg (5-10 lb, about 2-5%)"); in pounds the step is
/// named in pounds only ("add 5-10 lb (about 2-5%)"). Kilograms, and rules
/// without a load step, are returned as they are.
pub fn load_rule_in(rule: &str, unit: crate::coach::units::Unit) -> String {
    if unit == crate::coach::units::Unit::Kg {
        return rule.to_string();
    }
    for (kg, lb) in [("2-5 kg", "5-10 lb"), ("1-2 kg", "2.5-5 lb")] {
        let both = format!("add {kg} ({lb}, ");
        if rule.contains(&both) {
            return rule.replacen(&both, &format!("add {lb} ("), 1);
        }
    }
    rule.to_string()
}

fn fmt_rpe(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// Warm-up steps and their seconds: the general warm-up (E-WARMUP, cat-camel
/// for the spine, E-MCGILL-FLEXION) and, for people working toward a pull-up,
/// hangs and scapular pulls as the bar's warm-up (T-PULLUP).
fn warmup(p: &Profile, seconds: f64) -> Vec<WarmupStep> {
    let mut out = vec![WarmupStep {
        name: "Cat-camel".into(),
        detail: "8-10 slow cycles: round and arch the back gently, no load (E-MCGILL-FLEXION)"
            .into(),
        minutes: 1.0,
    }];
    let bar = optimizer::pullup_warmup(p);
    let rest = seconds / 60.0 - 1.0 - if bar { 1.0 } else { 0.0 };
    if rest > 0.0 {
        out.insert(
            0,
            WarmupStep {
                name: "Light activity".into(),
                detail: "brisk walk, bike or rowing machine until warm and a little out of breath (E-WARMUP)".into(),
                minutes: rest,
            },
        );
    }
    if bar {
        out.push(WarmupStep {
            name: "Dead hang and scapular pull-ups".into(),
            detail: "2 x 15-20 s hang, then 1 x 5-8 shoulder-blade pulls: the first steps toward a pull-up (T-PULLUP)".into(),
            minutes: 1.0,
        });
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn session(
    p: &Profile,
    cands: &[Candidate],
    sel: &Selection,
    base: &[Block],
    day: &[(usize, u32)],
    d: usize,
    s: WeekShape,
    previous: &[String],
) -> Session {
    let kind = sel
        .kinds
        .iter()
        .find(|k| k.days.contains(&(d as u8 + 1)))
        .unwrap_or(&sel.kinds[0]);
    let mut seconds = kind.warmup_seconds;
    let mut exercises = Vec::new();
    let mut at_home = true;
    for (b, (k, units)) in base.iter().zip(day) {
        let c = &cands[*k];
        let e = c.exercise;
        let mut dose = c.dose.clone();
        let mut units = *units;
        let mut rules = c.rules.clone();
        let mut why = c.why.clone();
        let mut pyr = None;
        if dose.role == Role::Big3 {
            let py = pyramid(s, p);
            dose.reps_min = *py.iter().min().unwrap_or(&1);
            dose.reps_max = *py.iter().max().unwrap_or(&1);
            pyr = Some(py);
            rules.extend_from_slice(&["E-MCGILL-BIG3", "E-MCGILL-PYRAMID"]);
        }
        let sets_in_unit = if dose.role == Role::Big3 { 3 } else { 1 };
        match s.phase {
            "deload" => {
                let before = units;
                if dose.role != Role::Big3 {
                    units = ((f64::from(units)) * 0.5).round().max(1.0) as u32;
                }
                rules.push("E-MESOCYCLE");
                // Said as it is: the Big 3 keep their pyramid, one set stays one.
                why.push(if units < before {
                    format!("deload week: {} set(s) instead of {}, at an easier effort, so the body absorbs the block", units * sets_in_unit, before * sets_in_unit)
                } else if dose.role == Role::Big3 {
                    "deload week: the same pyramid at an easier effort, so the body absorbs the block".into()
                } else {
                    "deload week: an easier effort, so the body absorbs the block".into()
                });
            }
            "technique" => {
                rules.extend_from_slice(&["T-BEGINNER", "S-FORM"]);
                why.push(
                    "technique phase: learn the movement with light loads before pushing".into(),
                );
            }
            _ => {
                if steps_below_peak(s) > 0 {
                    rules.push("E-MESOCYCLE");
                }
            }
        }
        let mut change = None;
        if *k != b.cand && s.phase == "technique" {
            change = Some(format!(
                "learn the movement here first; {} follows in week {}",
                cands[b.cand].exercise.name,
                technique_weeks(p) + 1
            ));
            why.push(format!(
                "stands in for {} while the technique is learned",
                cands[b.cand].exercise.name
            ));
        } else if !previous.is_empty() && !previous.contains(&e.id) {
            if *k != b.cand {
                change = Some(format!(
                    "new this week: graduates from {}",
                    cands[b.cand].exercise.name
                ));
                rules.extend_from_slice(&["E-PROGRESS", "S-FORM"]);
                why.push("graduated to the harder neighbour for this block".into());
            } else {
                change = Some("new this week".to_string());
            }
        }
        dose.rpe = week_rpe(dose.rpe, s, p, e.loading == Loading::Loaded);
        if let (PullupStep::PullUp, Loading::Bodyweight, Some(can)) = (c.step, e.loading, p.pullups)
        {
            // The reps a stated count leaves in reserve at this week's RPE: the
            // top rises with the effort through the block and falls in a
            // deload, so "2 reps at RPE 8.5" is never asked of someone who can do 5.
            let top = can.clamp(3, 12).min(reps_at_rpe(can, dose.rpe));
            dose.reps_max = top;
            dose.reps_min = dose.reps_min.min(top);
        }
        rules.push("E-RPE");
        rules.push("E-SETTIME");
        let ramp = optimizer::needs_ramp(c).then(|| {
            RAMP.iter()
                .map(|(pct, reps)| RampSet {
                    percent: *pct,
                    reps: *reps,
                })
                .collect::<Vec<_>>()
        });
        if ramp.is_some() {
            rules.extend_from_slice(&["E-WARMUP", "S-FORM"]);
        }
        let (rule_text, rule_id) = load_rule(c, cands, p);
        rules.push(rule_id);
        if !p.at_home(e) {
            at_home = false;
        }
        let unit_seconds = match &pyr {
            Some(py) => {
                super::dosing::pyramid_seconds(
                    py,
                    dose.hold_s.unwrap_or(10),
                    dose.rest_s,
                    e.unilateral,
                ) + f64::from(dose.rest_s)
            }
            None => dose.unit_seconds(e.unilateral),
        };
        seconds += unit_seconds * f64::from(units) - f64::from(dose.rest_s)
            + CHANGEOVER_S
            + if ramp.is_some() {
                optimizer::ramp_seconds()
            } else {
                0.0
            };
        let slot = &sel.slots[b.slot];
        rules.push(slot.rule);
        exercises.push(Prescription {
            id: e.id.clone(),
            name: e.name.clone(),
            sets: units * sets_in_unit,
            reps_min: dose.reps_min,
            reps_max: dose.reps_max,
            hold_s: dose.hold_s,
            pyramid: pyr,
            rpe: dose.rpe,
            rest_s: dose.rest_s,
            mechanic: e.mechanic,
            spinal_load: e.spinal_load,
            primary: e.primary.clone(),
            secondary: e.secondary.clone(),
            unilateral: e.unilateral,
            each_side: e.unilateral,
            walk: e.walk,
            ramp,
            load_rule: rule_text,
            slot: slot.kind.words().to_string(),
            beat: b
                .beat
                .iter()
                .map(|x| cands[*x].exercise.name.clone())
                .collect(),
            change,
            rules: dedup_rules(rules),
            why,
            cues: e.cues.clone(),
        });
    }
    Session {
        day: d as u8 + 1,
        location: if at_home {
            Location::Home
        } else {
            Location::Gym
        },
        heavy: base.iter().any(|b| cands[b.cand].is_heavy()),
        minutes: (seconds / 60.0 * 10.0).ceil() / 10.0,
        warmup: warmup(p, kind.warmup_seconds),
        exercises,
    }
}

/// Keeps the first occurrence of each rule, in rulebook order.
pub fn dedup_rules(mut rules: Vec<&'static str>) -> Vec<&'static str> {
    rules.sort_by_key(|r| {
        (
            crate::rules::RULES
                .iter()
                .position(|x| x.id == *r)
                .unwrap_or(usize::MAX),
            *r,
        )
    });
    rules.dedup();
    rules
}
