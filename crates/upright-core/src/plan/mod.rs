//! The planner: screen, derive targets, pick candidates, optimise the base week,
//! place sessions, expand weeks, explain. Pure and deterministic.

pub mod balance;
pub mod candidates;
pub mod document;
pub mod dosing;
pub mod model;
pub mod notes;
pub mod optimizer;
pub mod problem;
pub mod schedule;
pub mod slots;
pub mod solver;
pub mod sport;
pub mod targets;

pub use document::{LeftOut, OptimizerReport, PlanDocument, Prescription, Session, Week};

use crate::catalog::Catalog;
use crate::profile::{Profile, ProfileInput};
use crate::screen::screen;
use crate::vocab::Muscle;
use std::collections::BTreeMap;

/// Why no plan (and no referral) could be made: always the user's input to fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("exclude: unknown exercise '{id}'{}", hint(.suggestions))]
    UnknownExercise {
        id: String,
        suggestions: Vec<String>,
    },
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
    /// The optimum: units per use of `problem` (the base, peak week).
    pub solution: Option<Vec<u32>>,
}

/// The safety screen on the answers as they arrive, before anything else is
/// checked: red flags and acute pain refer whatever else is missing or not
/// accepted (S-REDFLAG, S-ACUTE: someone reporting saddle numbness is sent to
/// an emergency department, not asked for their training level). `None` when
/// the answers do not refer. The referral holds the profile
/// when it validates; otherwise the safety answers over the defaults, and a
/// note says which answer was not read.
pub fn screen_input(input: &ProfileInput) -> Option<PlanDocument> {
    let (profile, unread) = match input.clone().into_profile() {
        Ok(p) => (p, None),
        Err(e) => (input.safety_answers()?, Some(e)),
    };
    let referral = screen(&profile)?;
    let mut doc = PlanDocument::referral(profile, referral);
    if let Some(e) = unread {
        doc.notes.push(format!(
            "The rest of your answers was not read ({}: {}): the safety screen comes first, and it refers you. The profile shown holds your safety answers over the defaults.",
            e.field, e.message
        ));
    }
    Some(doc)
}

/// Screens the person and, when it is safe, plans.
pub fn plan(p: &Profile, catalog: &Catalog) -> Result<Planned, PlanError> {
    plan_with(p, catalog, None)
}

/// [`plan`], adapted to the person's latest endurance battery when there is
/// one: its target shifts move the weekly ranges (`assess::target_shifts`)
/// and the notes say so and when to retest. `None` is exactly `plan`.
pub fn plan_with(
    p: &Profile,
    catalog: &Catalog,
    battery: Option<&crate::assess::Report>,
) -> Result<Planned, PlanError> {
    for id in &p.exclude {
        if catalog.get(id).is_none() {
            return Err(PlanError::UnknownExercise {
                id: id.clone(),
                suggestions: catalog.suggest(id).into_iter().map(String::from).collect(),
            });
        }
    }
    if let Some(referral) = screen(p) {
        return Ok(Planned {
            document: PlanDocument::referral(p.clone(), referral),
            problem: None,
            solution: None,
        });
    }

    let mut targets = targets::derive(p);
    if let Some(b) = battery {
        targets::apply_shifts(&mut targets, &crate::assess::target_shifts(b));
    }
    let (cands, skipped) = candidates::select(p, catalog);
    let selection = optimizer::optimise(p, &cands, &targets).map_err(|e| match e {
        optimizer::OptimiseError::CannotTrain(msg) => PlanError::CannotTrain(msg),
    })?;
    let base = schedule::place(p, &cands, &selection);
    let weeks = schedule::weeks(p, &cands, &selection, &base);

    let weekly_sets = weekly_sets(weeks.first());
    let target_ranges: BTreeMap<Muscle, [f64; 2]> = targets
        .by_muscle
        .iter()
        .map(|(m, t)| (*m, [t.lo, t.hi]))
        .collect();

    let mut rules: Vec<&'static str> = targets.rules.clone();
    rules.extend(selection.enforced.iter().copied());
    rules.extend(
        weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .flat_map(|s| &s.exercises)
            .flat_map(|e| e.rules.iter().copied()),
    );
    rules.extend_from_slice(&[
        "S-RISK",
        "S-FORM",
        "W-GYM",
        "E-SETTIME",
        "E-WARMUP",
        "E-MCGILL-FLEXION",
    ]);
    let mut notes = notes::write(p, catalog, &targets, &cands, &selection, &weeks, &mut rules);
    if let Some(b) = battery {
        notes.extend(crate::assess::plan_notes(b, &mut rules));
    }
    let left_out = skipped
        .iter()
        .filter_map(|s| {
            catalog.get(&s.id).map(|e| LeftOut {
                id: s.id.clone(),
                name: e.name.clone(),
                rule: s.rule,
                reason: s.reason.clone(),
            })
        })
        .collect();
    let (variables, constraints) = selection.problem.model_size();
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
            variables,
            constraints,
            enforced: selection.enforced.clone(),
        }),
        rules_applied: schedule::dedup_rules(rules),
        notes,
        left_out,
    };
    Ok(Planned {
        document,
        problem: Some(selection.problem),
        solution: Some(selection.solution.units),
    })
}

/// Sets per muscle in a week: a primary muscle counts 1 a set, a secondary 0.5.
pub fn weekly_sets(week: Option<&Week>) -> BTreeMap<Muscle, f64> {
    let mut out: BTreeMap<Muscle, f64> = BTreeMap::new();
    for ex in week
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
    {
        for m in &ex.primary {
            *out.entry(*m).or_default() += ex.sets as f64;
        }
        for m in &ex.secondary {
            *out.entry(*m).or_default() += ex.sets as f64 * 0.5;
        }
    }
    out
}
