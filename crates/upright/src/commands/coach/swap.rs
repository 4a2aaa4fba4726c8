//! `upright swap FROM TO`: replace an exercise everywhere in the active plan
//! with one of the same movement pattern. Sets, reps, RPE and rest stay; the
//! exercise's own fields (id, name, muscles, mechanic, spinal load) change; a
//! note records it; the plan's history (logged sets, the change itself) is kept.
//!
//! A swap must be one the planner itself could have made for this person:
//! the TO exercise goes through the planner's candidate filters (equipment
//! W-GYM, level S-FORM, T-BEGINNER, S-RECOVERY's spinal-load limits, T-PULLUP,
//! exclusions), and a refusal names the rule.

use super::active::Active;
use super::db::Db;
use super::{date_or_today, exercise, iso};
use crate::error::{CliError, CliResult};
use clap::Args;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use upright_core::catalog::{Catalog, Exercise};
use upright_core::coach::progression::{is_mcgill, pyramid, DEFAULT_HOLD_S, MCGILL_HOLD_S};
use upright_core::plan::candidates;
use upright_core::profile::Profile;
use upright_core::vocab::Dosing;
use upright_store::{ChangeKind, PlanChange};

#[derive(Debug, Args)]
pub struct SwapArgs {
    /// The plan's exercise to replace.
    pub from: String,
    /// Its replacement: same movement pattern (see `upright catalog show ID`).
    pub to: String,
    /// The day of the change (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

pub fn run(args: SwapArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let from = exercise(catalog, "from", &args.from)?;
    let to = exercise(catalog, "to", &args.to)?;
    let date = date_or_today("date", args.date.as_deref())?;
    if from.id == to.id {
        return Err(CliError::bad(format!("to: '{}' is the exercise being replaced; accepted: a different exercise", to.id)));
    }
    let db = Db::open(db)?;
    let active = Active::require(&db, "swap")?;
    let mut profile = active.profile.clone();
    profile.exclude.extend(db.call(db.store.exclusions(db.user.id))?);
    profile.exclude.sort();
    profile.exclude.dedup();
    if from.pattern != to.pattern {
        let alike = same_pattern(catalog, &profile, from);
        return Err(CliError::bad(format!(
            "to: '{}' is a {} exercise but '{}' is a {} one; a swap keeps the movement pattern; accepted: {} exercises{}",
            to.id,
            to.pattern,
            from.id,
            from.pattern,
            from.pattern,
            if alike.is_empty() { String::new() } else { format!(" such as {}", alike.join(", ")) }
        )));
    }
    check_safe(catalog, &profile, to)?;
    let mut doc = active.doc.clone();
    let note = format!(
        "{}: swapped {} ({}) for {} ({}), same movement pattern ({}); sets and reps kept.",
        iso(date),
        from.name,
        from.id,
        to.name,
        to.id,
        to.pattern
    );
    let n = apply(&mut doc, from, to, Some(note));
    if n == 0 {
        let ids = plan_ids(&active);
        return Err(CliError::bad(format!("from: '{}' is not in your active plan; it has: {}", from.id, ids.join(", "))));
    }
    let json = serde_json::to_string(&doc).map_err(|e| CliError::Internal(e.into()))?;
    let change = PlanChange { date, kind: ChangeKind::Swap, from_exercise: from.id.clone(), to_exercise: Some(to.id.clone()) };
    db.call(db.store.replace_active_plan_json(db.user.id, active.stored.id, &json, &change))?;
    println!(
        "swapped {} for {} in {n} planned session{} of plan {} (sets and reps kept; what you logged for {} stays in your history)",
        from.id,
        to.id,
        if n == 1 { "" } else { "s" },
        active.stored.id,
        from.id
    );
    Ok(crate::error::exit::OK)
}

/// The plan's distinct exercise IDs, in order of first appearance.
pub fn plan_ids(active: &Active) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for e in active.view.weeks.iter().flat_map(|w| &w.sessions).flat_map(|s| &s.exercises) {
        if !ids.contains(&e.id) {
            ids.push(e.id.clone());
        }
    }
    ids
}

/// Exercises of `ex`'s pattern this person may do (for hints).
fn same_pattern(catalog: &Catalog, profile: &Profile, ex: &Exercise) -> Vec<String> {
    let (cands, _) = candidates::select(profile, catalog);
    cands.iter().map(|c| c.exercise).filter(|c| c.pattern == ex.pattern && c.id != ex.id).map(|c| c.id.clone()).take(5).collect()
}

/// Refuses what the planner's own filters would refuse for this person.
pub fn check_safe(catalog: &Catalog, profile: &Profile, to: &Exercise) -> CliResult<()> {
    let (_, skipped) = candidates::select(profile, catalog);
    match skipped.iter().find(|s| s.id == to.id) {
        Some(s) => {
            let extra = if s.rule == "S-RECOVERY" { format!(" (spinal load {})", to.spinal_load) } else { String::new() };
            Err(CliError::bad(format!("to: '{}' is not safe for you: {}{extra} ({})", to.id, s.reason, s.rule)))
        }
        None => Ok(()),
    }
}

/// Replaces `from` by `to` in every session of the plan document and
/// refreshes `weekly_sets`; returns how many prescriptions changed.
pub fn apply(doc: &mut Value, from: &Exercise, to: &Exercise, note: Option<String>) -> usize {
    let mut n = 0;
    if let Some(weeks) = doc.get_mut("weeks").and_then(Value::as_array_mut) {
        for w in weeks {
            for s in w.get_mut("sessions").and_then(Value::as_array_mut).into_iter().flatten() {
                for e in s.get_mut("exercises").and_then(Value::as_array_mut).into_iter().flatten() {
                    if e.get("id").and_then(Value::as_str) == Some(from.id.as_str()) {
                        replace(e, from, to);
                        n += 1;
                    }
                }
            }
        }
    }
    if n > 0 {
        let ws = weekly_sets(doc);
        doc["weekly_sets"] = ws;
        if let Some(note) = note {
            match doc.get_mut("notes").and_then(Value::as_array_mut) {
                Some(notes) => notes.push(Value::String(note)),
                None => doc["notes"] = json!([note]),
            }
        }
    }
    n
}

fn replace(e: &mut Value, from: &Exercise, to: &Exercise) {
    e["id"] = json!(to.id);
    e["name"] = json!(to.name);
    e["primary"] = json!(to.primary);
    e["secondary"] = json!(to.secondary);
    e["mechanic"] = json!(to.mechanic);
    e["spinal_load"] = json!(to.spinal_load);
    e["unilateral"] = json!(to.unilateral);
    let sets = e.get("sets").and_then(Value::as_u64).unwrap_or(1) as u32;
    let reps_max = e.get("reps_max").and_then(Value::as_u64).unwrap_or(1) as u32;
    let obj = e.as_object_mut().expect("an exercise is an object");
    // Sets and reps stay; only what the new exercise's dosing cannot read changes.
    if is_mcgill(to) {
        obj.insert("hold_s".into(), json!(MCGILL_HOLD_S));
        obj.insert("pyramid".into(), json!(pyramid(reps_max, sets)));
    } else {
        obj.remove("pyramid");
        match (from.dosing, to.dosing) {
            (_, Dosing::Hold) if !obj.contains_key("hold_s") => {
                obj.insert("hold_s".into(), json!(DEFAULT_HOLD_S));
            }
            (Dosing::Hold, Dosing::Reps) => {
                obj.remove("hold_s");
                if reps_max < 5 {
                    obj.insert("reps_min".into(), json!(8));
                    obj.insert("reps_max".into(), json!(12));
                }
            }
            _ => {}
        }
    }
    let why = format!("swapped in for {} ({}): same movement pattern ({})", from.name, from.id, to.pattern);
    match obj.get_mut("why").and_then(Value::as_array_mut) {
        Some(w) => w.push(json!(why)),
        None => {
            obj.insert("why".into(), json!([why]));
        }
    }
}

/// Week 1's sets per muscle, primary 1 and secondary 0.5 (the plan's `weekly_sets`).
pub fn weekly_sets(doc: &Value) -> Value {
    let mut m: BTreeMap<String, f64> = BTreeMap::new();
    let first = doc.get("weeks").and_then(Value::as_array).and_then(|w| w.first());
    for s in first.and_then(|w| w.get("sessions")).and_then(Value::as_array).into_iter().flatten() {
        for e in s.get("exercises").and_then(Value::as_array).into_iter().flatten() {
            let sets = e.get("sets").and_then(Value::as_f64).unwrap_or(0.0);
            for (field, share) in [("primary", 1.0), ("secondary", 0.5)] {
                for mu in e.get(field).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                    *m.entry(mu.to_string()).or_default() += sets * share;
                }
            }
        }
    }
    json!(m)
}
