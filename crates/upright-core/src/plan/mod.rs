//! The planner: screen, derive targets, pick candidates, optimise the base week,
//! place sessions, expand weeks, explain. Pure and deterministic.

pub mod candidates;
pub mod document;
pub mod dosing;
pub mod model;
pub mod optimizer;
pub mod problem;
pub mod schedule;
pub mod targets;

pub use document::{OptimizerReport, PlanDocument, Prescription, Session, Week};

use crate::catalog::Catalog;
use crate::profile::Profile;
use crate::screen::screen;
use crate::vocab::{Equipment, Goal, Muscle};
use std::collections::BTreeMap;

/// Why no plan (and no referral) could be made: always the user's input to fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("exclude: unknown exercise '{id}'{}", hint(.suggestions))]
    UnknownExercise { id: String, suggestions: Vec<String> },
    #[error("{0}")]
    CannotTrain(String),
}

fn hint(s: &[String]) -> String {
    if s.is_empty() {
        "; see `upright catalog list`".into()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

/// A finished plan plus the optimiser's problem (for --emit-model).
#[derive(Debug, Clone)]
pub struct Planned {
    pub document: PlanDocument,
    pub problem: Option<problem::Problem>,
}

/// Screens the person and, when it is safe, plans.
pub fn plan(p: &Profile, catalog: &Catalog) -> Result<Planned, PlanError> {
    for id in &p.exclude {
        if catalog.get(id).is_none() {
            return Err(PlanError::UnknownExercise {
                id: id.clone(),
                suggestions: catalog.suggest(id).into_iter().map(String::from).collect(),
            });
        }
    }
    if let Some(referral) = screen(p) {
        return Ok(Planned { document: PlanDocument::referral(p.clone(), referral), problem: None });
    }

    let targets = targets::derive(p);
    let (cands, _skipped) = candidates::select(p, catalog);
    let selection = optimizer::optimise(p, &cands, &targets).map_err(|e| match e {
        optimizer::OptimiseError::CannotTrain(msg) => PlanError::CannotTrain(msg),
    })?;
    let base = schedule::place(p, &cands, &selection.sets);
    let weeks = schedule::weeks(p, &cands, &base);

    let mut weekly_sets: BTreeMap<Muscle, f64> = BTreeMap::new();
    if let Some(first) = weeks.first() {
        for ex in first.sessions.iter().flat_map(|s| &s.exercises) {
            for m in &ex.primary {
                *weekly_sets.entry(*m).or_default() += ex.sets as f64;
            }
            for m in &ex.secondary {
                *weekly_sets.entry(*m).or_default() += ex.sets as f64 * 0.5;
            }
        }
    }
    let target_ranges: BTreeMap<Muscle, [f64; 2]> = targets.by_muscle.iter().map(|(m, t)| (*m, [t.lo, t.hi])).collect();

    let mut rules: Vec<&'static str> = targets.rules.clone();
    rules.extend(selection.enforced.iter().copied());
    rules.extend(weeks.iter().flat_map(|w| &w.sessions).flat_map(|s| &s.exercises).flat_map(|e| e.rules.iter().copied()));
    rules.extend_from_slice(&["S-RISK", "S-FORM", "W-GYM", "F-ONEDAY", "E-SETTIME"]);

    let heavy_day = weeks.iter().flat_map(|w| &w.sessions).any(|s| s.heavy);
    let longest_session = weeks.first().map(|w| w.sessions.iter().map(|s| s.minutes).fold(0.0, f64::max)).unwrap_or(0.0);
    let trainable: Vec<Muscle> = targets::TARGETED.iter().copied().filter(|m| cands.iter().any(|c| c.stim(*m) > 0.0)).collect();
    let mut notes = notes(p, &targets, &weekly_sets, &trainable, heavy_day, &mut rules);
    let all_met = targets.by_muscle.iter().all(|(m, t)| weekly_sets.get(m).copied().unwrap_or(0.0) + 1e-9 >= t.lo);
    if all_met && longest_session < 0.6 * p.minutes as f64 {
        notes.push(format!(
            "Sessions take up to {longest_session} of your {} minutes: that already reaches the weekly volume your goals call for (E-VOLUME). Spend the rest warming up (cat-camel, E-MCGILL-FLEXION) or walking; more back sets would add little at this stage.",
            p.minutes
        ));
        rules.push("E-MCGILL-FLEXION");
    }
    let document = PlanDocument {
        status: "plan",
        referral: None,
        profile: p.clone(),
        weeks,
        weekly_sets,
        targets: target_ranges,
        optimizer: Some(OptimizerReport {
            status: "optimal",
            objective: (selection.solution.objective * 1e6).round() / 1e6,
            millis: (selection.solution.millis * 1000.0).round() / 1000.0,
            nodes: selection.solution.nodes,
            candidates: cands.len(),
            variables: selection.problem.model_size().0,
            constraints: selection.problem.model_size().1,
            enforced: selection.enforced.clone(),
        }),
        rules_applied: schedule::dedup_rules(rules),
        notes,
    };
    Ok(Planned { document, problem: Some(selection.problem) })
}

/// The plan's notes: how goals blended, what was assumed, what falls short and why.
fn notes(
    p: &Profile,
    t: &targets::Targets,
    weekly: &BTreeMap<Muscle, f64>,
    trainable: &[Muscle],
    heavy_day: bool,
    rules: &mut Vec<&'static str>,
) -> Vec<String> {
    let mut n = t.notes.clone();
    n.push("All training carries some risk, and an untrained back carries more; good form and sensible loads keep it low. Stop a set that causes sharp pain (S-RISK, S-FORM).".into());
    if !p.manual_labour {
        n.push("Your back is assumed under-trained unless you lift heavy things at work every day (G-LABOUR).".into());
    }
    if heavy_day {
        n.push("One heavy back day a week (day 1); other days are lighter (F-ONEDAY).".into());
    }
    if p.recovering() {
        n.push("Recovering back: low spinal load, endurance first, slower progression. Pain during a set may reach 3-5/10 at most; if pain the next morning is higher than before, ease off (S-RECOVERY, E-PAIN-MONITOR).".into());
        n.push("Avoid loaded bending in the first 30 minutes after waking (E-MCGILL-FLEXION).".into());
        rules.extend_from_slice(&["E-PAIN-MONITOR", "E-MCGILL-FLEXION"]);
    }
    if p.has_goal(Goal::Posture) || p.desk_job {
        n.push("Strength work for the upper back can improve how you hold yourself, but no posture is proven to prevent pain; this plan does not promise it (E-POSTURE).".into());
        rules.push("E-POSTURE");
    }
    if p.has_goal(Goal::Athletic) {
        n.push("Add movements that mimic your sport on your sport days; this plan covers the back and core that link upper and lower body (A-SPORT, A-LINK).".into());
        rules.push("A-SPORT");
    }
    if !candidates::can_do_pullups(p) {
        n.push(match p.pullups {
            Some(_) => "No strict pull-ups yet: the plan uses steps toward them (T-PULLUP).".into(),
            None => "Pull-ups not stated: as a beginner you get steps toward them; give --pullups N if you can do some (T-PULLUP).".into(),
        });
    } else if p.pullups.is_none() {
        n.push("Pull-ups not stated: assumed you can do a few strict ones; give --pullups N to be sure (T-PULLUP).".into());
    }
    let resistance = [Equipment::Dumbbells, Equipment::Kettlebell, Equipment::Barbell, Equipment::Cable, Equipment::Machines, Equipment::Bands];
    if !resistance.iter().any(|e| p.has(*e)) {
        n.push("Floor work on a mat is a good start; real strength needs resistance: add bands or dumbbells when you can (W-HOME).".into());
        rules.push("W-HOME");
    }
    for (m, target) in &t.by_muscle {
        let got = weekly.get(m).copied().unwrap_or(0.0);
        if got + 1e-9 < target.lo {
            let why = if trainable.contains(m) {
                "more minutes or days would close the gap"
            } else {
                "nothing in your equipment trains it directly: a pull-up bar, bands or dumbbells would"
            };
            n.push(format!("{m}: {got} weekly sets, below the {}-{} aimed for; {why} (E-VOLUME, W-GYM).", target.lo, target.hi));
        }
    }
    n
}
