//! From the optimiser's base week to sessions and weeks.
//!
//! Placement: heavy compounds all go on day 1, the heavy day (F-ONEDAY). Other
//! exercises are split into chunks over several days where their volume allows
//! (E-FREQ: twice a week beats once) and each chunk goes to the least loaded day
//! that has room; a chunk that fits nowhere is placed set by set. The optimiser's
//! time budget guarantees every set finds room (see optimizer::time_budget_seconds).
//!
//! Weeks: 4-week waves (3 while recovering) that ramp RPE and end in a deload;
//! beginners start with a technique phase (T-BEGINNER, S-FORM).

use super::candidates::Candidate;
use super::document::{Prescription, Session, Week};
use super::dosing::Role;
use crate::profile::Profile;
use crate::vocab::{Level, Loading, Location};

/// Sets of one exercise on one day of the base week.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub cand: usize,
    pub sets: u32,
}

/// The base week: blocks per day.
pub type BaseWeek = Vec<Vec<Block>>;

fn day_seconds(day: &[Block], cands: &[Candidate]) -> f64 {
    day.iter().map(|b| cands[b.cand].dose.block_seconds(b.sets, cands[b.cand].exercise.unilateral)).sum()
}

/// Extra seconds that adding `n` sets of `cand` to `day` costs.
fn added_seconds(day: &[Block], cand: usize, n: u32, cands: &[Candidate]) -> f64 {
    let c = &cands[cand];
    let now = day.iter().find(|b| b.cand == cand).map(|b| b.sets).unwrap_or(0);
    c.dose.block_seconds(now + n, c.exercise.unilateral) - c.dose.block_seconds(now, c.exercise.unilateral)
}

fn add(day: &mut Vec<Block>, cand: usize, n: u32) {
    match day.iter_mut().find(|b| b.cand == cand) {
        Some(b) => b.sets += n,
        None => day.push(Block { cand, sets: n }),
    }
}

/// Splits weekly sets into per-session chunks (E-FREQ), never below 2 sets a chunk
/// and keeping McGill pyramids whole.
fn chunks(sets: u32, block: u32, days: u32) -> Vec<u32> {
    let k = if block > 2 {
        (sets / block).clamp(1, days)
    } else if days >= 2 && sets >= 4 {
        (sets / 2).min(days).min(3)
    } else {
        1
    };
    let units = sets / block;
    (0..k).map(|i| block * (units / k + u32::from(i < units % k))).collect()
}

/// Places the selection into sessions.
pub fn place(p: &Profile, cands: &[Candidate], sets: &[u32]) -> BaseWeek {
    let days = p.days as usize;
    let cap = p.minutes as f64 * 60.0;
    let mut week: BaseWeek = vec![Vec::new(); days];
    for (k, c) in cands.iter().enumerate() {
        if sets[k] > 0 && c.is_heavy() {
            add(&mut week[0], k, sets[k]);
        }
    }
    let mut order: Vec<usize> = (0..cands.len()).filter(|k| sets[*k] > 0 && !cands[*k].is_heavy()).collect();
    // Biggest first (first-fit decreasing), ID order on ties: deterministic.
    order.sort_by(|a, b| {
        let ta = cands[*a].seconds_per_set() * sets[*a] as f64;
        let tb = cands[*b].seconds_per_set() * sets[*b] as f64;
        tb.total_cmp(&ta).then_with(|| cands[*a].exercise.id.cmp(&cands[*b].exercise.id))
    });
    for k in order {
        let block = cands[k].dose.block;
        for chunk in chunks(sets[k], block, days as u32) {
            let mut by_load: Vec<usize> = (0..days).collect();
            by_load.sort_by(|a, b| day_seconds(&week[*a], cands).total_cmp(&day_seconds(&week[*b], cands)).then(a.cmp(b)));
            let fits = |d: usize, week: &BaseWeek| day_seconds(&week[d], cands) + added_seconds(&week[d], k, chunk, cands) <= cap + 1e-9;
            let fresh = by_load.iter().copied().find(|d| !week[*d].iter().any(|b| b.cand == k) && fits(*d, &week));
            match fresh.or_else(|| by_load.iter().copied().find(|d| fits(*d, &week))) {
                Some(d) => add(&mut week[d], k, chunk),
                None => {
                    // Set by set (a pyramid at a time): the budget guarantees room.
                    let unit = cands[k].dose.placement_unit();
                    for _ in 0..chunk / unit {
                        let d = by_load
                            .iter()
                            .copied()
                            .find(|d| day_seconds(&week[*d], cands) + added_seconds(&week[*d], k, unit, cands) <= cap + 1e-9)
                            .unwrap_or(by_load[0]);
                        add(&mut week[d], k, unit);
                    }
                }
            }
        }
    }
    for day in &mut week {
        day.sort_by(|a, b| {
            let (ca, cb) = (&cands[a.cand], &cands[b.cand]);
            ca.dose.role.session_order().cmp(&cb.dose.role.session_order()).then_with(|| ca.exercise.id.cmp(&cb.exercise.id))
        });
    }
    week
}

/// How a week differs from the base week.
#[derive(Debug, Clone, Copy, PartialEq)]
struct WeekShape {
    phase: &'static str,
    /// Position in the wave (0-based) for RPE ramps.
    wave_pos: u8,
    /// Which wave (0-based), for pyramid reps.
    wave: u8,
}

fn wave_len(p: &Profile) -> u8 {
    if p.recovering() {
        3
    } else {
        4
    }
}

fn technique_weeks(p: &Profile) -> u8 {
    if p.level != Level::Beginner {
        0
    } else if p.weeks <= 3 {
        1
    } else {
        2
    }
}

fn shape(p: &Profile, w: u8) -> WeekShape {
    let len = wave_len(p);
    let wave_pos = (w - 1) % len;
    let wave = (w - 1) / len;
    let phase = if w <= technique_weeks(p) {
        "technique"
    } else if p.weeks >= len && wave_pos == len - 1 {
        "deload"
    } else {
        "build"
    };
    WeekShape { phase, wave_pos, wave }
}

/// RPE for a week: ramps by half a point through a wave, capped by level and
/// back state (S-RECOVERY: slower, lower ceiling; S-FORM: beginners stay shy of failure).
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
        _ if p.recovering() => base - 0.5 + if s.wave_pos >= 1 && s.wave >= 1 { 0.5 } else { 0.0 },
        _ => base - 0.5 + 0.5 * f64::from(s.wave_pos.min(2)),
    };
    rpe.clamp(5.0, ceiling)
}

/// McGill pyramid for a week: 5-3-1 first, then 6-4-2 (progress by reps, E-MCGILL-PYRAMID).
fn pyramid(s: WeekShape, p: &Profile) -> Vec<u32> {
    let first_waves = if p.recovering() { 2 } else { 1 };
    if s.phase == "deload" || s.phase == "technique" || s.wave < first_waves {
        vec![5, 3, 1]
    } else {
        vec![6, 4, 2]
    }
}

/// Expands the base week into `p.weeks` weeks.
pub fn weeks(p: &Profile, cands: &[Candidate], base: &BaseWeek) -> Vec<Week> {
    (1..=p.weeks)
        .map(|w| {
            let s = shape(p, w);
            let sessions = base
                .iter()
                .enumerate()
                .filter(|(_, day)| !day.is_empty())
                .map(|(d, day)| session(p, cands, day, d, s))
                .collect();
            Week { week: w, deload: s.phase == "deload", phase: s.phase, sessions }
        })
        .collect()
}

fn session(p: &Profile, cands: &[Candidate], day: &[Block], d: usize, s: WeekShape) -> Session {
    let mut seconds = 0.0;
    let mut exercises = Vec::new();
    let mut gym = false;
    for b in day {
        let c = &cands[b.cand];
        let e = c.exercise;
        let mut dose = c.dose.clone();
        let mut sets = b.sets;
        let mut rules = c.rules.clone();
        let mut why = c.why.clone();
        let mut pyr = None;
        if dose.role == Role::Big3 {
            let py = pyramid(s, p);
            dose.reps_min = *py.iter().min().unwrap_or(&1);
            dose.reps_max = *py.iter().max().unwrap_or(&1);
            pyr = Some(py);
        }
        match s.phase {
            "deload" => {
                if dose.role != Role::Big3 {
                    sets = ((sets as f64) * 0.6).round().max(1.0) as u32;
                }
                rules.push("E-ACSM-LEVELS");
                why.push("deload week: fewer sets, easier effort, so the body absorbs the training".into());
            }
            "technique" => {
                rules.extend_from_slice(&["T-BEGINNER", "S-FORM"]);
                why.push("technique phase: learn the movement with light loads before pushing".into());
            }
            _ => {}
        }
        dose.rpe = week_rpe(dose.rpe, s, p, e.loading == Loading::Loaded);
        rules.push("E-RPE");
        rules.push("E-SETTIME");
        if e.needs_gym(&p.equipment) {
            gym = true;
        }
        seconds += dose.block_seconds(sets, e.unilateral);
        exercises.push(Prescription {
            id: e.id.clone(),
            name: e.name.clone(),
            sets,
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
            rules: dedup_rules(rules),
            why,
        });
    }
    Session {
        day: d as u8 + 1,
        location: if gym { Location::Gym } else { Location::Home },
        heavy: day.iter().any(|b| cands[b.cand].is_heavy()),
        minutes: (seconds / 60.0 * 10.0).ceil() / 10.0,
        exercises,
    }
}

/// Keeps the first occurrence of each rule, in rulebook order.
pub fn dedup_rules(mut rules: Vec<&'static str>) -> Vec<&'static str> {
    rules.sort_by_key(|r| crate::rules::RULES.iter().position(|x| x.id == *r).unwrap_or(usize::MAX));
    rules.dedup();
    rules
}

#[cfg(test)]
mod tests {
    use super::chunks;

    #[test]
    fn e_freq_chunks_spread_volume_over_days() {
        assert_eq!(chunks(6, 2, 3), vec![2, 2, 2]);
        assert_eq!(chunks(4, 2, 3), vec![2, 2]);
        assert_eq!(chunks(2, 2, 3), vec![2]);
        assert_eq!(chunks(4, 2, 1), vec![4]);
        assert_eq!(chunks(9, 3, 2), vec![6, 3]);
        assert_eq!(chunks(6, 3, 3), vec![3, 3]);
    }
}
