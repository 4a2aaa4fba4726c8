//! The base week as an integer program, solved exactly.
//!
//! Variables, per candidate exercise e: `z_e` blocks of sets (integer; a block is
//! 1 set, or a 3-set McGill pyramid) and `y_e` (binary: selected). Per targeted
//! muscle m: `lo_m` (shortfall below the range's minimum), `top_m` (shortfall
//! below its maximum: more sets, more growth, E-VOLUME) and `over_m` (excess above it).
//!
//! Minimise  Σ_m w_m (4·lo_m + top_m + over_m)  +  Σ_e cost_e·y_e
//!
//! It is solved exactly by problem.rs's branch and bound; tests check that an
//! independent MIP solver (microlp) reaches the same optimum on the LP model.
//!
//! subject to the set bounds per exercise, the weekly time budget, the one heavy
//! day (F-ONEDAY), the heavy-compound cap (P-VOLUME), pattern balance, and the
//! hard rules M-ERECTORS, M-CORE, M-UPPER, P-BASE, T-STRENGTH where the
//! candidates allow them. The week is selected first; sessions are placed after
//! (schedule.rs), and the time budget is tightened by one set per session so that
//! the placement always fits (see `time_budget_seconds`).

use super::candidates::Candidate;
use super::dosing::{PullupStep, Role};
use super::problem::{AtLeastOne, Cap, Cover, Item, MuscleGoal, Problem, Solution};
use super::targets::{Targets, TARGETED};
use crate::profile::Profile;
use crate::vocab::{Goal, Level, Mechanic, Muscle};
/// Goal-fit cost per set, relative to a set's worth of volume (weight >= 1).
const SET_COST_SCALE: f64 = 0.1;
/// P-VOLUME: weekly sets of heavy compounds in a physique plan, and in any other.
const PHYSIQUE_HEAVY_SET_CAP: f64 = 4.0;
const HEAVY_SET_CAP: f64 = 10.0;
/// Weekly heavy sets of one movement pattern (E-NSCA-GOALS: 2-6 sets of a strength lift).
const HEAVY_SETS_PER_PATTERN: f64 = 5.0;

/// The optimiser's answer: weekly sets per candidate (same order as the input).
#[derive(Debug, Clone)]
pub struct Selection {
    pub sets: Vec<u32>,
    pub solution: Solution,
    pub problem: Problem,
    /// Hard rules that were enforced (the candidates allowed them).
    pub enforced: Vec<&'static str>,
}

/// Why no base week exists.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimiseError {
    #[error("{0}")]
    CannotTrain(String),
}

/// The weekly seconds the selection may use. Sessions are filled set by set
/// (schedule.rs): a set that fits nowhere would mean every session is fuller than
/// `minutes - longest set`, so keeping the week under `days × (minutes - longest
/// set)` guarantees every session fits.
pub fn time_budget_seconds(p: &Profile, cands: &[Candidate]) -> f64 {
    let longest = cands.iter().filter(|c| !c.is_heavy()).map(|c| c.seconds_per_set() * c.dose.placement_unit() as f64).fold(0.0, f64::max);
    p.days as f64 * (p.minutes as f64 * 60.0 - longest)
}

fn needs_upper_back(p: &Profile) -> bool {
    p.has_goal(Goal::Posture) || p.desk_job
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Builds the selection problem for this person and candidates.
pub fn build(p: &Profile, cands: &[Candidate], targets: &Targets) -> Result<(Problem, Vec<&'static str>), OptimiseError> {
    let mut pr = Problem::default();
    for c in cands {
        let b = c.dose.block;
        pr.items.push(Item {
            name: c.exercise.id.clone(),
            block: b,
            max_sets: (c.dose.max_sets / b) * b,
            set_cost: round6(c.cost * SET_COST_SCALE),
            stim: c.stimulus.to_vec(),
        });
    }
    for m in TARGETED.iter() {
        let t = targets.by_muscle[m];
        pr.muscles.push(MuscleGoal { name: m.as_str().to_string(), lo: t.lo, hi: t.hi, weight: round6(t.weight) });
    }
    let all: Vec<usize> = (0..cands.len()).collect();
    let heavy: Vec<usize> = all.iter().copied().filter(|k| cands[*k].is_heavy()).collect();
    // Time: seconds per set with its rest (the last set's rest is not taken, so this errs long).
    let time_cap = |name: &str, ks: &[usize], rhs: f64| Cap {
        name: name.to_string(),
        per_set: ks.iter().map(|k| (*k, round6(cands[*k].seconds_per_set()))).collect(),
        rhs: round6(rhs),
    };
    pr.caps.push(time_cap("time_week", &all, time_budget_seconds(p, cands)));
    if !heavy.is_empty() {
        // F-ONEDAY: every heavy compound goes on the one heavy day, so they must fit one session.
        pr.caps.push(time_cap("time_heavy_day", &heavy, p.minutes as f64 * 60.0));
        // P-VOLUME: heavy-compound volume is capped (tighter for physique); the rest
        // comes from lighter work.
        let cap = if p.has_goal(Goal::Physique) { PHYSIQUE_HEAVY_SET_CAP } else { HEAVY_SET_CAP };
        pr.caps.push(Cap { name: "P_VOLUME_heavy_sets".into(), per_set: heavy.iter().map(|k| (*k, 1.0)).collect(), rhs: cap });
        // One heavy lift's worth of sets per movement pattern (a deadlift and a rack
        // pull on the same day load the same tissue twice).
        let mut patterns: Vec<_> = heavy.iter().map(|k| cands[*k].exercise.pattern).collect();
        patterns.sort();
        patterns.dedup();
        for pattern in patterns {
            let ks: Vec<(usize, f64)> = heavy.iter().filter(|k| cands[**k].exercise.pattern == pattern).map(|k| (*k, 1.0)).collect();
            if ks.len() > 1 {
                pr.caps.push(Cap { name: format!("heavy_{}_sets", pattern.as_str().replace('-', "_")), per_set: ks, rhs: HEAVY_SETS_PER_PATTERN });
            }
        }
    }
    // Hard rules. Each is enforced when some candidate can satisfy it; M-ERECTORS
    // and M-CORE cannot be waived, so their absence is an error the user can fix.
    let mut enforced = Vec::new();
    let stim_terms = |muscles: &[Muscle]| -> Vec<(usize, f64)> {
        cands.iter().enumerate().map(|(k, c)| (k, muscles.iter().map(|mm| c.stim(*mm)).sum::<f64>())).filter(|(_, s)| *s > 0.0).collect()
    };
    for (rule, muscle, need, label) in [
        ("M-ERECTORS", Muscle::SpinalErectors, 2.0, "the spinal erectors"),
        ("M-CORE", Muscle::Abs, 2.0, "the abs"),
        ("M-CORE", Muscle::Obliques, 1.0, "the obliques"),
    ] {
        let terms = stim_terms(&[muscle]);
        if terms.is_empty() {
            return Err(OptimiseError::CannotTrain(format!(
                "equipment: nothing you have trains {label}, which every plan must ({rule}); add at least 'mat' (accepted: {})",
                crate::vocab::EQUIPMENT_WORDS_WITH_PRESETS.join(", ")
            )));
        }
        pr.covers.push(Cover { name: format!("{}_{}", rule.replace('-', "_"), muscle.as_str()), per_set: terms, need });
        if !enforced.contains(&rule) {
            enforced.push(rule);
        }
    }
    if needs_upper_back(p) {
        let terms = stim_terms(&[Muscle::Rhomboids, Muscle::Traps, Muscle::RearDelts]);
        if !terms.is_empty() {
            pr.covers.push(Cover { name: "M_UPPER".into(), per_set: terms, need: 4.0 });
            enforced.push("M-UPPER");
        }
    }
    let back_compound = |c: &Candidate| {
        c.exercise.mechanic == Mechanic::Compound
            && [Muscle::Lats, Muscle::Rhomboids, Muscle::SpinalErectors].iter().any(|mm| c.exercise.primary.contains(mm))
    };
    if p.has_goal(Goal::Physique) {
        let comp: Vec<usize> = all.iter().copied().filter(|k| back_compound(&cands[*k])).collect();
        let iso: Vec<usize> = all.iter().copied().filter(|k| cands[*k].exercise.mechanic == Mechanic::Isolation && cands[*k].dose.role != Role::Big3).collect();
        if !comp.is_empty() && !iso.is_empty() {
            // P-BASE: isolation work sits on a base of compounds; M-MANY: some isolation.
            pr.at_least_one.push(AtLeastOne { name: "P_BASE_compound".into(), items: comp });
            pr.at_least_one.push(AtLeastOne { name: "M_MANY_isolation".into(), items: iso });
            enforced.push("P-BASE");
        }
    }
    let ladder: Vec<usize> = all.iter().copied().filter(|k| cands[*k].step == PullupStep::Ladder).collect();
    if !super::candidates::can_do_pullups(p) && !ladder.is_empty() {
        // T-PULLUP: no strict pull-ups yet, so a step toward them.
        pr.at_least_one.push(AtLeastOne { name: "T_PULLUP_progression".into(), items: ladder });
        enforced.push("T-PULLUP");
    }
    if p.has_goal(Goal::Prevention) || p.recovering() {
        // E-MCGILL-BIG3: curl-up, side bridge and bird dog, all three where available.
        for (k, c) in cands.iter().enumerate().filter(|(_, c)| c.dose.role == Role::Big3) {
            pr.at_least_one.push(AtLeastOne { name: format!("E_MCGILL_BIG3_{}", c.exercise.id.replace('-', "_")), items: vec![k] });
        }
        enforced.push("E-MCGILL-BIG3");
    }
    if p.has_goal(Goal::Strength) && p.level != Level::Beginner && !heavy.is_empty() {
        // T-STRENGTH: a strength plan has at least one heavy compound.
        pr.at_least_one.push(AtLeastOne { name: "T_STRENGTH".into(), items: heavy.clone() });
        enforced.push("T-STRENGTH");
    }
    Ok((pr, enforced))
}

/// Builds and solves the base week.
pub fn optimise(p: &Profile, cands: &[Candidate], targets: &Targets) -> Result<Selection, OptimiseError> {
    let (problem, enforced) = build(p, cands, targets)?;
    let solution = match problem.solve() {
        Ok(s) => s,
        Err(_) => return Err(OptimiseError::CannotTrain(refusal(p, &problem))),
    };
    Ok(Selection { sets: solution.sets.clone(), solution, problem, enforced })
}

/// Says why no week fits: time when the week fits without the time caps,
/// otherwise what the person has (equipment, days, exclusions).
fn refusal(p: &Profile, problem: &Problem) -> String {
    let mut untimed = problem.clone();
    untimed.caps.retain(|c| !c.name.starts_with("time_"));
    if untimed.solve().is_ok() {
        format!(
            "minutes: {} minutes on {} day(s) cannot fit the minimum erector and core work every plan needs (M-ERECTORS, M-CORE); give more --minutes or --days",
            p.minutes, p.days
        )
    } else {
        format!(
            "equipment: what you have{} cannot reach the minimum erector and core work every plan needs (M-ERECTORS, M-CORE) in {} day(s); add equipment (at least 'mat'), days, or exclude less",
            if p.exclude.is_empty() { "" } else { " after your exclusions" },
            p.days
        )
    }
}
