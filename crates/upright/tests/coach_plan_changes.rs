//! Changing the active plan: `swap` (same movement pattern, every occurrence,
//! sets and reps kept) and `exclude` (stored, re-planned, start date kept);
//! logged history survives both.

mod coach_common;

use coach_common::{save_strength_plan, Env};
use serde_json::Value;

fn week1(env: &Env) -> Vec<Value> {
    ["2026-01-05", "2026-01-07", "2026-01-09"]
        .iter()
        .flat_map(|d| {
            env.json(&["today", "--date", d, "--format", "json"])["exercises"]
                .as_array()
                .unwrap()
                .clone()
        })
        .collect()
}

#[test]
fn swap_replaces_every_occurrence_and_keeps_the_dose_and_history() {
    let env = Env::new();
    save_strength_plan(&env);
    let before = week1(&env);
    let row = before
        .iter()
        .find(|e| e["id"] == "bent-over-row")
        .expect("the strength plan rows with a barbell")
        .clone();
    env.ok(&["log", "bent-over-row", "4x5@60kg", "--date", "2026-01-05"]);
    let out = env.ok(&[
        "swap",
        "bent-over-row",
        "one-arm-row",
        "--date",
        "2026-01-06",
    ]);
    assert!(
        out.contains("swapped bent-over-row for one-arm-row"),
        "{out}"
    );
    let after = week1(&env);
    assert!(after.iter().all(|e| e["id"] != "bent-over-row"));
    let new = after
        .iter()
        .find(|e| e["id"] == "one-arm-row")
        .expect("swapped in");
    for k in ["sets", "reps_min", "reps_max", "rpe", "rest_s"] {
        assert_eq!(new[k], row[k], "{k} kept");
    }
    assert_eq!(new["name"], "One-arm dumbbell row");
    // Later weeks too: with the sessions of weeks 1 and 2 done (the programme
    // is a sequence), Monday 2026-01-19 is week 3, day 1.
    for d in [
        "2026-01-07",
        "2026-01-09",
        "2026-01-12",
        "2026-01-14",
        "2026-01-16",
    ] {
        env.ok(&["log", "plank", "2x30s", "--date", d]);
    }
    let wk3 = env.json(&["today", "--date", "2026-01-19", "--format", "json"]);
    assert_eq!(
        (wk3["week"].as_u64(), wk3["day"].as_u64()),
        (Some(3), Some(1)),
        "{wk3}"
    );
    assert!(wk3["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "one-arm-row"));
    // The row's history stays.
    let h = env.json(&["history", "--format", "json", "--exercise", "bent-over-row"]);
    assert_eq!(h["sets"].as_array().unwrap().len(), 4);
}

#[test]
fn exclude_stores_it_and_replans_from_the_same_start() {
    let env = Env::new();
    save_strength_plan(&env);
    let planned: Vec<String> = week1(&env)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let victim = planned[0].clone();
    env.ok(&["log", &victim, "3x5@60kg", "--date", "2026-01-05"]);
    let out = env.ok(&["exclude", &victim]);
    assert!(
        out.contains("excluded") && out.contains("2026-01-05"),
        "{out}"
    );
    let now: Vec<String> = week1(&env)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!now.contains(&victim), "{victim} still planned: {now:?}");
    assert!(!now.is_empty());
    let t = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
    assert_eq!(t["start"], "2026-01-05");
    // Swapping back into an excluded exercise is refused.
    let sub = week1(&env).into_iter().next().unwrap();
    let err = env.bad(&["swap", sub["id"].as_str().unwrap(), &victim]);
    assert!(err.starts_with("upright: to:"), "{err}");
    // Again: already excluded, nothing to do.
    assert!(env.ok(&["exclude", &victim]).contains("already excluded"));
    // History kept.
    let h = env.json(&["history", "--format", "json"]);
    assert_eq!(h["sets"].as_array().unwrap().len(), 3);
}
