//! Which catalog exercises this person may get, how each is dosed, and how well
//! a coach ranks it for their goals (the score the optimiser's slots are filled by).
//! Every filter and every preference names the rule behind it.

use super::dosing::{dose_for, Dose, PullupStep, Role};
use super::sport;
use super::targets::TARGETED;
use crate::catalog::{Catalog, Exercise};
use crate::profile::Profile;
use crate::vocab::{Equipment, Goal, Grade, Level, Loading, Muscle, Pattern, Rank};
use std::collections::BTreeSet;

/// An exercise the optimiser may select.
#[derive(Debug, Clone)]
pub struct Candidate<'c> {
    pub exercise: &'c Exercise,
    pub dose: Dose,
    /// Weekly stimulus per set for each TARGETED muscle (1 primary, 0.5 secondary).
    pub stimulus: [f64; TARGETED.len()],
    /// How a coach ranks it for this person (catalog rank per goal, adjusted); higher is better.
    pub score: f64,
    /// Rules behind choosing (and dosing) it.
    pub rules: Vec<&'static str>,
    /// Plain-words reasons, for --explain.
    pub why: Vec<String>,
    /// Where it stands on the way to a pull-up (T-PULLUP).
    pub step: PullupStep,
}

impl Candidate<'_> {
    pub fn seconds_per_set(&self) -> f64 {
        self.dose.seconds_per_set(self.exercise.unilateral)
    }
    pub fn is_heavy(&self) -> bool {
        self.dose.role == Role::HeavyCompound
    }
    pub fn stim(&self, m: Muscle) -> f64 {
        TARGETED
            .iter()
            .position(|t| *t == m)
            .map(|k| self.stimulus[k])
            .unwrap_or(0.0)
    }
}

/// Why an exercise was left out (reported with --explain when it was excluded by name).
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub id: String,
    pub rule: &'static str,
    pub reason: String,
}

/// Can the person do strict pull-ups (T-PULLUP)? Unknown counts as "no" for a
/// beginner and "yes" above; the plan notes the assumption.
pub fn can_do_pullups(p: &Profile) -> bool {
    match p.pullups {
        Some(n) => n >= 3,
        None => p.level != Level::Beginner,
    }
}

/// The pull-up and everything harder, and the steps leading to it, from the catalog graph.
fn pullup_graph(catalog: &Catalog) -> (BTreeSet<String>, BTreeSet<String>) {
    let walk = |start: &str, forward: bool| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.to_string()];
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(e) = catalog.get(&id) {
                let next = if forward {
                    &e.progressions
                } else {
                    &e.regressions
                };
                stack.extend(next.iter().cloned());
            }
        }
        seen
    };
    // The chin-up sits beside the pull-up: the same test of strength, and the
    // same family of harder variants beyond it.
    let mut family = walk("pull-up", true);
    family.extend(
        walk("chin-up", true)
            .into_iter()
            .filter(|id| catalog.get(id).is_some()),
    );
    let mut ladder = BTreeSet::new();
    // Steps are exercises whose progressions lead to the pull-up.
    for e in catalog.iter() {
        if !family.contains(&e.id) && walk(&e.id, true).contains("pull-up") {
            ladder.insert(e.id.clone());
        }
    }
    (family, ladder)
}

/// Filters the catalog for this person and scores what remains.
pub fn select<'c>(p: &Profile, catalog: &'c Catalog) -> (Vec<Candidate<'c>>, Vec<Skipped>) {
    let (family, ladder) = pullup_graph(catalog);
    let pullups_ok = can_do_pullups(p);
    let recovering = p.recovering();
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let mut skip = |e: &Exercise, rule: &'static str, reason: &str| {
        skipped.push(Skipped {
            id: e.id.clone(),
            rule,
            reason: reason.to_string(),
        });
    };

    for e in catalog.iter() {
        let stimulus = TARGETED.map(|m| e.stimulus(m));
        if stimulus.iter().all(|s| *s == 0.0) || e.pattern == Pattern::Mobility {
            continue; // trains nothing this planner aims at; mobility drills are warm-ups, not volume
        }
        if p.exclude.contains(&e.id) {
            skip(e, "G-NEED", "excluded by you");
            continue;
        }
        if !e.available_with(&p.equipment) {
            skip(e, "W-GYM", "needs equipment you do not have");
            continue;
        }
        if e.level > p.level {
            skip(e, "S-FORM", "above your level");
            continue;
        }
        // A recovering back keeps its first steps whatever the level.
        if !recovering && e.top_level.is_some_and(|top| p.level > top) {
            skip(
                e,
                "T-BEGINNER",
                "a beginner's first step; at your level its harder version does the job",
            );
            continue;
        }
        if p.level == Level::Beginner && e.technique == Grade::High {
            skip(
                e,
                "T-BEGINNER",
                "too technical to load before the form is learned",
            );
            continue;
        }
        if recovering
            && (e.spinal_load == Grade::High
                || (e.loading == Loading::Loaded && e.spinal_load != Grade::Low))
        {
            skip(e, "S-RECOVERY", "loads a recovering spine too much");
            continue;
        }
        if recovering && e.technique == Grade::High {
            skip(e, "S-RECOVERY", "too technical while recovering");
            continue;
        }
        let step = if family.contains(&e.id) {
            PullupStep::PullUp
        } else if ladder.contains(&e.id) {
            PullupStep::Ladder
        } else {
            PullupStep::None
        };
        if step == PullupStep::PullUp && !pullups_ok {
            skip(
                e,
                "T-PULLUP",
                "needs strict pull-ups you cannot do yet; the plan builds toward them",
            );
            continue;
        }
        if step == PullupStep::PullUp
            && e.id != "pull-up"
            && e.id != "chin-up"
            && p.pullups.is_none_or(|n| n < 8)
        {
            skip(
                e,
                "T-PULLUP",
                "harder than a strict pull-up; comes after 8 or more strict pull-ups",
            );
            continue;
        }

        let dose = dose_for(e, p, step);
        let (mut score, mut rules, mut why) = score(p, e, &dose, step, pullups_ok);
        // A recovering back or a beginner starts the Big 3 on their easier
        // versions (the side bridge from the knees, E-MCGILL-BIG3); the full
        // one comes as a graduation. A trained back starts on the full one.
        let easier_first = (recovering || p.level == Level::Beginner)
            && dose.role == Role::Big3
            && e.regressions
                .iter()
                .any(|id| catalog.get(id).is_some_and(super::dosing::is_big3));
        if easier_first {
            score -= 1.5;
            if recovering {
                rules.push("S-RECOVERY");
                why.push("its easier version comes first while the back recovers".into());
            } else {
                rules.push("T-BEGINNER");
                why.push("its easier version comes first for a beginner".into());
            }
        }
        out.push(Candidate {
            exercise: e,
            dose,
            stimulus,
            score,
            rules,
            why,
            step,
        });
    }
    (out, skipped)
}

/// How a coach ranks this exercise for this person (higher is better), with the
/// reasons. The catalog's per-goal rank (staple 3 ... niche 0) is the base: the
/// best rank over the person's goals, plus a quarter of the mean so an exercise
/// good for every goal of a blend beats one good for a single goal. Level,
/// pull-up ability, back state, posture needs and sport then shift it, each by
/// less than a whole rank unless safety or ability says otherwise.
fn score(
    p: &Profile,
    e: &Exercise,
    dose: &Dose,
    step: PullupStep,
    pullups_ok: bool,
) -> (f64, Vec<&'static str>, Vec<String>) {
    let mut rules = dose.rules.clone();
    let mut why = Vec::new();
    let ranks: Vec<(Goal, Rank)> = p.goals.iter().map(|g| (*g, e.rank(*g))).collect();
    let best = ranks.iter().map(|(_, r)| r.points()).max().unwrap_or(0);
    let mean = ranks
        .iter()
        .map(|(_, r)| f64::from(r.points()))
        .sum::<f64>()
        / ranks.len().max(1) as f64;
    let mut fit = f64::from(best) + 0.25 * mean;
    if let Some((g, r)) = ranks.iter().max_by_key(|(_, r)| r.points()) {
        let article = if r.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        why.push(format!(
            "{article} {} exercise for {}",
            r.as_str(),
            goal_words(*g)
        ));
        rules.push("G-NEED");
    }
    let mut prefer = |amount: f64, rule: &'static str, reason: &str| {
        fit += amount;
        if !rules.contains(&rule) {
            rules.push(rule);
        }
        why.push(reason.to_string());
    };
    let machine_or_floor = !e.equipment.is_empty()
        && e.equipment.iter().all(|n| {
            n.options()
                .iter()
                .any(|o| matches!(o, Equipment::Mat | Equipment::Machines | Equipment::Cable))
        })
        && e.technique == Grade::Low;
    if p.level == Level::Beginner && machine_or_floor {
        prefer(
            0.75,
            "T-BEGINNER",
            "beginner-friendly: a machine or floor exercise with little technique to learn",
        );
    }
    // A quarter rank, so it only settles ties: a band's pull jumps from one band
    // to the next, while a dumbbell, a cable stack or plates add a little at a
    // time; with weights at hand the band version is the travel option.
    let band_only = !e.equipment.is_empty()
        && e.equipment
            .iter()
            .all(|n| n.options().iter().all(|o| *o == Equipment::Bands));
    let weights_at_hand = p.equipment.iter().any(|q| {
        matches!(
            q,
            Equipment::Dumbbells
                | Equipment::Kettlebell
                | Equipment::Barbell
                | Equipment::Cable
                | Equipment::Machines
        )
    });
    if band_only && weights_at_hand {
        prefer(
            -0.25,
            "E-PROGRESS",
            "a band adds resistance in coarse steps, so with weights at hand a loaded version that progresses in small ones wins a tie",
        );
    }
    // Likewise a quarter rank: a trained person rows a weight that can go up
    // by the kilo; the inverted row is the home-bar row. A recovering back
    // keeps it, its load being the body's own and low on the spine.
    let trained_lifter = p.level != Level::Beginner && !p.recovering();
    if trained_lifter
        && weights_at_hand
        && e.pattern == Pattern::HorizontalPull
        && e.loading == Loading::Bodyweight
    {
        prefer(
            -0.25,
            "E-PROGRESS",
            "a bodyweight row, so with weights at hand a loaded row that can grow by the kilo wins a tie",
        );
    }
    if p.level == Level::Beginner && e.technique == Grade::Moderate {
        prefer(
            -0.75,
            "S-FORM",
            "some technique to learn: it waits until the basics are solid",
        );
    }
    // Half a rank: with the deadlift or squat left out, a Romanian deadlift or
    // a front squat still beats a light pull-through or a goblet squat.
    if (p.has_goal(Goal::Strength) || p.has_goal(Goal::Athletic))
        && dose.role == Role::HeavyCompound
    {
        let (rule, reason) = if p.has_goal(Goal::Strength) {
            (
                "T-STRENGTH",
                "a heavy compound: the core of strength training",
            )
        } else {
            (
                "A-LINK",
                "a heavy compound lift, the link between upper and lower body",
            )
        };
        prefer(0.5, rule, reason);
    }
    if p.has_goal(Goal::Physique) && dose.role == Role::HeavyCompound {
        prefer(-0.5, "P-VOLUME", "too taxing to be a main source of volume");
    }
    if (p.has_goal(Goal::Posture) || p.desk_job) && e.rules.iter().any(|r| r == "E-POSTURE") {
        prefer(
            0.5,
            "E-POSTURE",
            "shoulder-blade and lower-trap work, the usual posture prescription",
        );
    }
    match step {
        PullupStep::PullUp if pullups_ok => prefer(
            0.75,
            "T-PULLUP",
            "you can do strict pull-ups: one of the best back exercises there is",
        ),
        PullupStep::Ladder if !pullups_ok => prefer(
            0.75,
            "T-PULLUP",
            "a step on the way to your first strict pull-up",
        ),
        // A loaded pulldown is a staple of its own (load keeps it hard); only the
        // assisted and partial steps are too easy once strict pull-ups are there.
        PullupStep::Ladder if e.loading != Loading::Loaded => {
            prefer(-1.5, "T-PULLUP", "an easier step than you need")
        }
        _ => {}
    }
    // Past 15 strict reps the bodyweight pull-up is an endurance set; its load
    // rule moves on to the loaded variant there (E-PROGRESS), so the plan starts there.
    if step == PullupStep::PullUp
        && e.loading == Loading::Loaded
        && p.pullups.is_some_and(|n| n >= 15)
    {
        prefer(
            0.5,
            "E-PROGRESS",
            "you can do 15 or more strict pull-ups: added weight keeps them in a range that builds strength and size",
        );
    }
    if p.recovering() && e.spinal_load == Grade::Low {
        prefer(0.5, "S-RECOVERY", "low spinal load while the back recovers");
    }
    if let Some(s) = p.sport {
        let dm = sport::demands(s);
        let scapular = matches!(e.pattern, Pattern::Scapular)
            && e.rules
                .iter()
                .any(|r| r == "E-PULLPUSH" || r == "E-POSTURE");
        if (dm.pulling || dm.overhead) && scapular {
            prefer(
                0.75,
                "A-SPORT",
                "balances the pulling and overhead work of your sport",
            );
        }
        if dm.pulling && matches!(e.pattern, Pattern::VerticalPull) {
            prefer(-1.0, "A-SPORT", "your sport already trains this pull hard");
        }
        if dm.rotation && matches!(e.pattern, Pattern::AntiRotation) {
            prefer(
                0.75,
                "A-SPORT",
                "trains the trunk against the rotation your sport demands",
            );
        }
        if dm.carries && matches!(e.pattern, Pattern::Carry) {
            prefer(
                0.75,
                "A-SPORT",
                "a loaded carry, close to what your sport asks",
            );
        }
    }
    rules.push("W-GYM");
    (fit, rules, why)
}

fn goal_words(g: Goal) -> &'static str {
    match g {
        Goal::Physique => "a bigger back (physique)",
        Goal::Strength => "strength",
        Goal::Athletic => "athletic performance",
        Goal::Prevention => "injury prevention",
        Goal::Recovery => "recovery",
        Goal::Posture => "posture",
        Goal::General => "general strength",
    }
}
