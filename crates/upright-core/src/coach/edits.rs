//! Edits of a plan document, as core functions with the rules they cite:
//! a swap (same movement pattern, through the planner's own filters), a
//! graduation or regression that makes the neighbour the current exercise
//! from a session on (E-PROGRESS, T-PULLUP), a re-plan without an excluded
//! exercise that keeps earlier swaps, and the week-1 `weekly_sets` that
//! every edit refreshes.
//!
//! The document is the typed [`PlanDocument`] that the planner writes, so a
//! swapped-in exercise carries its own muscles, spinal load and catalog rules
//! (not the old exercise's).

use super::programme::Slot;
use super::progression::{
    carry_dose, is_banded, is_mcgill, pyramid, Prescription as Dose, DEFAULT_HOLD_S, MCGILL_HOLD_S,
};
use crate::catalog::{Catalog, Exercise};
use crate::plan::document::de::intern;
use crate::plan::{candidates, PlanDocument, Prescription};
use crate::profile::Profile;
use crate::text::echo;
use crate::vocab::{Dosing, Muscle};
use std::collections::BTreeMap;

/// An edit that cannot be made: the field at fault and why, in words that
/// name fields (the web shows them as well as the CLI).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct EditError {
    pub field: &'static str,
    pub message: String,
}

fn err(field: &'static str, message: String) -> EditError {
    EditError { field, message }
}

/// The plan's distinct exercise IDs, in order of first appearance.
pub fn plan_ids(doc: &PlanDocument) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for e in doc
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
    {
        if !ids.contains(&e.id) {
            ids.push(e.id.clone());
        }
    }
    ids
}

/// Exercises of `ex`'s pattern this person may do (for hints).
pub fn same_pattern(catalog: &Catalog, profile: &Profile, ex: &Exercise) -> Vec<String> {
    let (cands, _) = candidates::select(profile, catalog);
    cands
        .iter()
        .map(|c| c.exercise)
        .filter(|c| c.pattern == ex.pattern && c.id != ex.id)
        .map(|c| c.id.clone())
        .take(5)
        .collect()
}

/// Refuses what the planner's own filters would refuse for this person
/// (equipment W-GYM, level S-FORM and T-BEGINNER, S-RECOVERY's spinal-load
/// limits, T-PULLUP, exclusions), naming the rule.
pub fn check_allowed(
    catalog: &Catalog,
    profile: &Profile,
    field: &'static str,
    to: &Exercise,
) -> Result<(), EditError> {
    let (_, skipped) = candidates::select(profile, catalog);
    match skipped.iter().find(|s| s.id == to.id) {
        Some(s) => {
            let extra = if s.rule == "S-RECOVERY" {
                format!(" (spinal load {})", to.spinal_load)
            } else {
                String::new()
            };
            Err(err(
                field,
                format!(
                    "'{}' is not safe for you: {}{extra} ({})",
                    to.id, s.reason, s.rule
                ),
            ))
        }
        None => Ok(()),
    }
}

/// Checks a swap of `from` for `to` for this person: a different exercise
/// of the same movement pattern that the planner's filters allow.
pub fn check_swap(
    catalog: &Catalog,
    profile: &Profile,
    from: &Exercise,
    to: &Exercise,
) -> Result<(), EditError> {
    if from.id == to.id {
        return Err(err(
            "to",
            format!(
                "'{}' is the exercise being replaced; accepted: a different exercise",
                echo(&to.id)
            ),
        ));
    }
    if from.pattern != to.pattern {
        let alike = same_pattern(catalog, profile, from);
        return Err(err(
            "to",
            format!(
                "'{}' is a {} exercise but '{}' is a {} one; a swap keeps the movement pattern; accepted: {} exercises{}",
                to.id,
                to.pattern,
                from.id,
                from.pattern,
                from.pattern,
                if alike.is_empty() { String::new() } else { format!(" such as {}", alike.join(", ")) }
            ),
        ));
    }
    check_allowed(catalog, profile, "to", to)
}

/// Replaces `from` by `to` in every session of the plan and refreshes
/// `weekly_sets`; adds `note` when something changed. Returns how many
/// prescriptions changed.
pub fn swap(doc: &mut PlanDocument, from: &Exercise, to: &Exercise, note: Option<String>) -> usize {
    let mut n = 0;
    for e in doc
        .weeks
        .iter_mut()
        .flat_map(|w| w.sessions.iter_mut())
        .flat_map(|s| s.exercises.iter_mut())
    {
        if e.id == from.id {
            replace(e, from, to);
            n += 1;
        }
    }
    if n > 0 {
        doc.weekly_sets = weekly_sets(doc);
        refresh_rules_applied(doc);
        doc.notes.extend(note);
    }
    n
}

/// One prescription now for `to`: sets and reps stay; what the new
/// exercise's dosing cannot read changes; its own fields and rules replace
/// the old exercise's.
fn replace(e: &mut Prescription, from: &Exercise, to: &Exercise) {
    e.id = to.id.clone();
    e.name = to.name.clone();
    e.primary = to.primary.clone();
    e.secondary = to.secondary.clone();
    e.mechanic = to.mechanic;
    e.spinal_load = to.spinal_load;
    e.unilateral = to.unilateral;
    e.walk = to.walk;
    e.cues = to.cues.clone();
    if is_mcgill(to) {
        e.hold_s = Some(MCGILL_HOLD_S);
        e.pyramid = Some(pyramid(e.reps_max, e.sets));
    } else {
        e.pyramid = None;
        match (from.dosing, to.dosing) {
            (_, Dosing::Hold) if e.hold_s.is_none() => e.hold_s = Some(DEFAULT_HOLD_S),
            (Dosing::Hold, Dosing::Reps) => {
                e.hold_s = None;
                if e.reps_max < 5 {
                    e.reps_min = 8;
                    e.reps_max = 12;
                }
            }
            _ => {}
        }
    }
    // The old exercise's own citations go; the dose's stay; the new one's come.
    let old: Vec<&str> = from.rules.iter().map(String::as_str).collect();
    e.rules.retain(|r| !old.contains(r));
    for r in to.rules.iter().filter_map(|r| intern(r)) {
        if !e.rules.contains(&r) {
            e.rules.push(r);
        }
    }
    e.why.push(format!(
        "swapped in for {} ({}): same movement pattern ({})",
        from.name, from.id, to.pattern
    ));
}

/// A graduation (`harder`) or regression: from the session at `calendar[from]`
/// on, every prescription of `from_ex` becomes `to_ex`, dosed as the
/// engine carries a dose over (each week's own sets and RPE kept; reps,
/// holds and pyramid from the neighbour's kind), until the next change.
/// Earlier sessions keep what was done then. Where the session already has
/// `to_ex`, the old exercise is dropped from it. Returns how many
/// prescriptions changed.
pub fn progress(
    doc: &mut PlanDocument,
    calendar: &[Slot],
    from: usize,
    from_ex: &Exercise,
    to_ex: &Exercise,
    harder: bool,
    note: Option<String>,
) -> usize {
    let mut n = 0;
    let mut first = true;
    for slot in calendar.iter().skip(from) {
        let Some(session) = doc
            .weeks
            .get_mut(slot.week)
            .and_then(|w| w.sessions.get_mut(slot.session))
        else {
            continue;
        };
        if !session.exercises.iter().any(|e| e.id == from_ex.id) {
            continue;
        }
        if session.exercises.iter().any(|e| e.id == to_ex.id) {
            session.exercises.retain(|e| e.id != from_ex.id);
            n += 1;
            continue;
        }
        for e in session.exercises.iter_mut().filter(|e| e.id == from_ex.id) {
            let dose = Dose {
                rpe: Some(e.rpe),
                hold_s: e.hold_s,
                ..Dose::new(&e.id, e.sets, e.reps_min, e.reps_max)
            };
            let carried = carry_dose(&dose, from_ex, to_ex, harder);
            replace(e, from_ex, to_ex);
            e.why.pop();
            e.reps_min = carried.reps_min;
            e.reps_max = carried.reps_max;
            e.hold_s = carried.hold_s;
            e.pyramid = is_mcgill(to_ex).then(|| pyramid(e.reps_max, e.sets));
            e.each_side = to_ex.unilateral;
            if to_ex.loading != crate::vocab::Loading::Loaded {
                e.ramp = None;
            }
            e.load_rule = load_rule_words(to_ex, e);
            let pullup = from_ex.id.contains("pull-up") || to_ex.id.contains("pull-up");
            for r in ["E-PROGRESS", if pullup { "T-PULLUP" } else { "E-PROGRESS" }] {
                if let Some(r) = intern(r) {
                    if !e.rules.contains(&r) {
                        e.rules.push(r);
                    }
                }
            }
            let what = if harder {
                "graduated from"
            } else {
                "stepped back from"
            };
            e.why.push(format!(
                "{what} {} ({}): the coach's progression, from the sessions logged",
                from_ex.name, from_ex.id
            ));
            if first {
                e.change = Some(format!("{what} {}", from_ex.name));
                first = false;
            }
            n += 1;
        }
    }
    if n > 0 {
        doc.weekly_sets = weekly_sets(doc);
        refresh_rules_applied(doc);
        doc.notes.extend(note);
    }
    n
}

/// The load rule of a prescription after a change of exercise, in the
/// planner's words for that kind of exercise (E-PROGRESS, E-MCGILL-PYRAMID).
fn load_rule_words(to: &Exercise, e: &Prescription) -> String {
    if is_mcgill(to) {
        return "Add holds to the pyramid, never longer holds; move to the harder variant once the top pyramid is easy.".into();
    }
    match (to.dosing, to.loading) {
        (Dosing::Hold, _) => format!(
            "When every hold reaches {} s with good form, add 5 s next session; past 60 s, move to the harder variant.",
            e.hold_s.unwrap_or(DEFAULT_HOLD_S)
        ),
        (_, crate::vocab::Loading::Bodyweight) => crate::plan::schedule::bodyweight_rule(e.reps_max, crate::plan::schedule::Harder::Unknown),
        _ if is_banded(to) => format!("Add reps up to {} on every set, then take a stronger band and drop back to {}.", e.reps_max, e.reps_min),
        _ => format!(
            "Start from a test set (5 reps at RPE 7); when every set reaches {} reps and the last beats it by two, two sessions running, add load and start again at {} reps.",
            e.reps_max, e.reps_min
        ),
    }
}

/// Week 1's sets per muscle, primary 1 and secondary 0.5 (the plan's `weekly_sets`).
pub fn weekly_sets(doc: &PlanDocument) -> BTreeMap<Muscle, f64> {
    let mut m: BTreeMap<Muscle, f64> = BTreeMap::new();
    for e in doc
        .weeks
        .first()
        .into_iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
    {
        for mu in &e.primary {
            *m.entry(*mu).or_default() += f64::from(e.sets);
        }
        for mu in &e.secondary {
            *m.entry(*mu).or_default() += f64::from(e.sets) * 0.5;
        }
    }
    m
}

/// `rules_applied` stays the union of what the plan cites (new citations are
/// appended; none is dropped, since plan-level rules are cited there too).
fn refresh_rules_applied(doc: &mut PlanDocument) {
    let cited: Vec<&'static str> = doc
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
        .flat_map(|e| e.rules.iter().copied())
        .collect();
    for r in cited {
        if !doc.rules_applied.contains(&r) {
            doc.rules_applied.push(r);
        }
    }
}

/// A swap to carry over to a re-planned document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierSwap {
    pub from: String,
    pub to: String,
}

/// The profile re-planned with `exclude` left out (exclusions belong to the
/// person), with earlier swaps kept where both exercises still fit. Returns
/// the new document and the swaps kept, as "from -> to".
pub fn replan_excluding(
    profile: &Profile,
    catalog: &Catalog,
    exclude: &str,
    swaps: &[EarlierSwap],
) -> Result<(PlanDocument, Profile, Vec<String>), EditError> {
    replan_excluding_with(profile, catalog, exclude, swaps, None)
}

/// [`replan_excluding`] with the person's latest endurance battery, so a
/// re-plan keeps the targets it shifts (`plan::plan_with`).
pub fn replan_excluding_with(
    profile: &Profile,
    catalog: &Catalog,
    exclude: &str,
    swaps: &[EarlierSwap],
    battery: Option<&crate::assess::Report>,
) -> Result<(PlanDocument, Profile, Vec<String>), EditError> {
    let mut profile = profile.clone();
    profile.exclude.push(exclude.to_string());
    profile.exclude.sort();
    profile.exclude.dedup();
    let planned = crate::plan::plan_with(&profile, catalog, battery)
        .map_err(|e| err("exercise", e.to_string()))?;
    if planned.document.is_referral() {
        return Err(err(
            "profile",
            "re-planning the stored profile gave a referral; make a new plan with `plan`".into(),
        ));
    }
    let mut doc = planned.document;
    let mut kept = Vec::new();
    for s in swaps {
        let (Some(from), Some(to)) = (catalog.get(&s.from), catalog.get(&s.to)) else {
            continue;
        };
        if profile.exclude.contains(&to.id) || check_allowed(catalog, &profile, "to", to).is_err() {
            continue;
        }
        if swap(&mut doc, from, to, None) > 0 {
            kept.push(format!("{} -> {}", from.id, to.id));
        }
    }
    Ok((doc, profile, kept))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    fn profile() -> Profile {
        ProfileInput {
            goals: Some(vec!["strength".into()]),
            level: Some("intermediate".into()),
            equipment: Some(vec!["gym".into()]),
            pullups: Some(5),
            ..Default::default()
        }
        .into_profile()
        .unwrap()
    }

    #[test]
    fn w_gym_a_swap_carries_the_new_exercises_own_fields_and_rules() {
        let c = Catalog::builtin();
        let p = profile();
        let mut doc = crate::plan::plan(&p, &c).unwrap().document;
        let ids = plan_ids(&doc);
        let from = ids
            .iter()
            .filter_map(|i| c.get(i))
            .find(|e| !same_pattern(&c, &p, e).is_empty())
            .unwrap();
        let to = c.get(&same_pattern(&c, &p, from)[0]).unwrap();
        check_swap(&c, &p, from, to).unwrap();
        let n = swap(&mut doc, from, to, Some("note".into()));
        assert!(n > 0);
        let e = doc.weeks[0]
            .sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .find(|e| e.id == to.id)
            .unwrap();
        assert_eq!(e.primary, to.primary);
        assert_eq!(e.spinal_load, to.spinal_load);
        for r in &from.rules {
            if !to.rules.contains(r) {
                assert!(!e.rules.contains(&r.as_str()), "old rule {r} kept");
            }
        }
        for r in &to.rules {
            assert!(e.rules.contains(&r.as_str()), "new rule {r} missing");
        }
        assert_eq!(doc.weekly_sets, weekly_sets(&doc));
        // The edited document reads back as the same typed document.
        let json = serde_json::to_string(&doc).unwrap();
        let back: PlanDocument = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn e_progress_a_graduation_makes_the_neighbour_current_from_that_session_on() {
        let c = Catalog::builtin();
        let p = ProfileInput {
            goals: Some(vec!["general".into()]),
            level: Some("beginner".into()),
            equipment: Some(vec!["gym".into()]),
            pullups: Some(0),
            ..Default::default()
        }
        .into_profile()
        .unwrap();
        let mut doc = crate::plan::plan(&p, &c).unwrap().document;
        let prog = crate::coach::programme::Programme::new(
            &doc,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        );
        let cal = prog.calendar();
        let ids = plan_ids(&doc);
        // Any planned exercise with a harder neighbour will do.
        let from = ids
            .iter()
            .filter_map(|i| c.get(i))
            .find(|e| e.progressions.iter().any(|x| c.get(x).is_some()))
            .unwrap()
            .clone();
        let to = c
            .get(
                from.progressions
                    .iter()
                    .find(|x| c.get(x).is_some())
                    .unwrap(),
            )
            .unwrap();
        let at = cal
            .iter()
            .position(|s| {
                doc.weeks[s.week].sessions[s.session]
                    .exercises
                    .iter()
                    .any(|e| e.id == from.id)
            })
            .unwrap();
        let later = cal.iter().skip(at + 1).position(|s| {
            doc.weeks[s.week].sessions[s.session]
                .exercises
                .iter()
                .any(|e| e.id == from.id)
        });
        let n = progress(
            &mut doc,
            &cal,
            at + 1,
            &from,
            to,
            true,
            Some("moved on".into()),
        );
        assert_eq!(n > 0, later.is_some());
        let slot = cal[at];
        // The session it was done in keeps it; later ones have the neighbour.
        assert!(doc.weeks[slot.week].sessions[slot.session]
            .exercises
            .iter()
            .any(|e| e.id == from.id));
        for s in cal.iter().skip(at + 1) {
            let ex = &doc.weeks[s.week].sessions[s.session].exercises;
            assert!(!ex.iter().any(|e| e.id == from.id));
        }
        if n > 0 {
            let e = doc
                .weeks
                .iter()
                .flat_map(|w| &w.sessions)
                .flat_map(|s| &s.exercises)
                .find(|e| e.id == to.id)
                .unwrap();
            assert!(e.change.as_deref().unwrap_or("").contains("graduated from"));
            assert!(e.rules.contains(&"E-PROGRESS"));
            let json = serde_json::to_string(&doc).unwrap();
            let back: PlanDocument = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), json);
        }
    }

    #[test]
    fn w_gym_a_swap_keeps_the_movement_pattern() {
        let c = Catalog::builtin();
        let p = profile();
        let from = c.get("deadlift").unwrap();
        let other = c.iter().find(|e| e.pattern != from.pattern).unwrap();
        let e = check_swap(&c, &p, from, other).unwrap_err();
        assert_eq!(e.field, "to");
        assert!(e.message.contains("movement pattern"), "{e}");
        assert!(check_swap(&c, &p, from, from).is_err());
    }
}
