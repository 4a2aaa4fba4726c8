//! Every bad input of the coaching loop: exit 2, one line naming the field and
//! what is accepted, and the database exactly as it was.

mod coach_common;

use coach_common::{save_strength_plan, week1_ids, Env};
use serde_json::Value;

/// Everything a user can read back: history (sets and pain) and a day of the plan.
fn snapshot(env: &Env) -> (String, String) {
    (
        env.ok(&["history", "--format", "json"]),
        env.ok(&["today", "--date", "2026-01-14", "--format", "json"]),
    )
}

fn plan_ids(today: &Value) -> Vec<String> {
    today["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn no_active_plan_is_bad_input_with_the_way_out() {
    let env = Env::new();
    for args in [
        &["today"][..],
        &["swap", "deadlift", "rack-pull"],
        &["exclude", "deadlift"],
    ] {
        let err = env.bad(args);
        assert!(
            err.contains("no active plan")
                && err.contains("upright plan")
                && err.contains("--save"),
            "{err}"
        );
    }
    // Logging needs no plan; progress works without one too.
    env.ok(&["log", "deadlift", "3x5@100kg", "--date", "2026-01-05"]);
    let p = env.json(&["progress", "--format", "json"]);
    assert!(p["adherence"].is_null());
    assert_eq!(p["e1rm"][0]["exercise"], "deadlift");
}

#[test]
fn every_bad_input_is_refused_and_changes_nothing() {
    let env = Env::new();
    save_strength_plan(&env);
    env.ok(&["log", "deadlift", "3x5@100kg", "--date", "2026-01-05"]);
    env.ok(&[
        "pain",
        "2",
        "--when",
        "next-morning",
        "--date",
        "2026-01-06",
    ]);
    let before = snapshot(&env);
    let today: Value = serde_json::from_str(&before.1).unwrap();
    let first = plan_ids(&today)[0].clone();

    let cases: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec!["log", "dedlift", "3x5@100kg"],
            &["exercise:", "dedlift", "did you mean deadlift"],
        ),
        (vec!["log", "deadlift", "5x5x5"], &["sets:", "3x5@100kg"]),
        (vec!["log", "deadlift", "3x5@100kg,5"], &["sets:"]),
        (vec!["log", "deadlift", "12x10"], &["sets:", "ambiguous"]),
        (vec!["log", "deadlift", ""], &["sets:"]),
        (
            vec!["log", "deadlift", "3x5@100kg", "--date", "2026-1-5"],
            &["date:", "YYYY-MM-DD"],
        ),
        (
            vec!["log", "deadlift", "3x5@100kg", "--date", "yesterday"],
            &["date:", "YYYY-MM-DD"],
        ),
        (
            vec!["log", "deadlift", "3x5@100kg", "--rpe", "11"],
            &["rpe:", "1 to 10"],
        ),
        (
            vec!["log", "deadlift", "3x5@100kg", "--rpe", "-1"],
            &["rpe:", "1 to 10"],
        ),
        (
            vec!["log", "deadlift", "3x5@100kg", "--date", "0000-01-01"],
            &["date:", "1900", "2200"],
        ),
        (
            vec!["log", "deadlift", "3x5@100kg", "--date", "9999-12-31"],
            &["date:", "1900", "2200"],
        ),
        (
            vec!["log", "deadlift", "3x5@100kg", "--date", "2199-01-01"],
            &["date:", "future"],
        ),
        (
            vec!["log", "plank", "3x12"],
            &["sets:", "plank is a hold", "30s"],
        ),
        (vec!["log", "deadlift", "3x30s"], &["sets:", "not held"]),
        (
            vec!["pain", "3", "--when", "during", "--date", "1899-12-31"],
            &["date:", "1900"],
        ),
        (
            vec!["pain", "11", "--when", "during"],
            &["score:", "0", "10"],
        ),
        (vec!["pain", "-1", "--when", "during"], &["score:"]),
        (
            vec!["pain", "3", "--when", "sometimes"],
            &["when:", "during, next-morning"],
        ),
        (
            vec!["pain", "3", "--when", "during", "--date", "06/01/2026"],
            &["date:", "YYYY-MM-DD"],
        ),
        (
            vec!["today", "--date", "2026-13-01"],
            &["date:", "YYYY-MM-DD"],
        ),
        (vec!["today", "--format", "xml"], &["format:", "text, json"]),
        (
            vec!["history", "--format", "xml"],
            &["format:", "table, csv, json"],
        ),
        (
            vec!["history", "--from", "2026-02-01", "--to", "2026-01-01"],
            &["from:"],
        ),
        (
            vec!["history", "--exercise", "dedlift"],
            &["exercise:", "did you mean deadlift"],
        ),
        (vec!["progress", "--date", "2026/01/01"], &["date:"]),
        (
            vec!["swap", "bent-over-row", "lat-pulldown"],
            &[
                "to:",
                "horizontal-pull",
                "vertical-pull",
                "movement pattern",
            ],
        ),
        (vec!["swap", "bent-over-row", "bent-over-row"], &["to:"]),
        (
            vec!["swap", "bent-over-rw", "one-arm-row"],
            &["from:", "did you mean"],
        ),
        (
            vec!["swap", "seated-cable-row", "one-arm-row"],
            &["from:", "not in your active plan"],
        ),
        (
            vec!["exclude", "dedlift"],
            &["exercise:", "did you mean deadlift"],
        ),
        (vec!["config", "--unit", "stone"], &["unit:", "kg, lb"]),
        (
            vec!["log", "dead\nlift\u{1b}[31m", "3x5"],
            &["exercise:", "dead\\nlift\\u{1b}[31m"],
        ),
        // clap's own refusal: main.rs keeps its first line, which does not name SETS.
        (vec!["log", "deadlift"], &["required"]),
    ];
    for (args, needles) in &cases {
        let err = env.bad(args);
        for n in *needles {
            assert!(
                err.contains(n),
                "upright {args:?}: '{n}' missing from: {err}"
            );
        }
        assert_eq!(
            snapshot(&env),
            before,
            "upright {args:?} changed the database"
        );
    }
    // The plan still has its first exercise (the refused swap touched nothing).
    assert!(plan_ids(&today).contains(&first));
}

#[test]
fn swaps_that_break_safety_are_refused() {
    // Recovering: nothing with high spinal load (S-RECOVERY), even of the same pattern.
    let env = Env::new();
    let out = env.run(&[
        "plan",
        "--goal",
        "recovery,posture",
        "--level",
        "advanced",
        "--equipment",
        "gym",
        "--pain",
        "recovering",
        "--save",
        "--start",
        "2026-01-05",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let catalog = env.json(&["catalog", "list", "--format", "json"]);
    let find = |id: &str| {
        catalog
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap()
    };
    let planned = week1_ids(&plan);
    // A planned exercise whose pattern has a high-spinal-load member in the catalog.
    let (from, to) = planned
        .iter()
        .find_map(|id| {
            let pattern = find(id)["pattern"].clone();
            catalog
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["pattern"] == pattern && e["spinal_load"] == "high")
                .map(|e| (id.clone(), e["id"].as_str().unwrap().to_string()))
        })
        .expect("a recovering plan has a hinge, squat or row with a heavy cousin");
    let before = snapshot(&env);
    let err = env.bad(&["swap", &from, &to]);
    assert!(
        err.contains("S-RECOVERY") && err.contains("not safe"),
        "{err}"
    );
    assert_eq!(snapshot(&env), before);

    // Equipment the profile lacks (W-GYM).
    let env = Env::new();
    let out = env.run(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "intermediate",
        "--equipment",
        "home",
        "--save",
        "--start",
        "2026-01-05",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let planned = week1_ids(&serde_json::from_slice(&out.stdout).unwrap());
    let (from, to) = planned
        .iter()
        .find_map(|id| {
            let pattern = find(id)["pattern"].clone();
            catalog
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["pattern"] == pattern && e["equipment"].to_string().contains("barbell"))
                .map(|e| (id.clone(), e["id"].as_str().unwrap().to_string()))
        })
        .expect("a home plan has an exercise with a barbell cousin");
    let before = snapshot(&env);
    let err = env.bad(&["swap", &from, &to]);
    assert!(err.contains("W-GYM") && err.contains("equipment"), "{err}");
    assert_eq!(snapshot(&env), before);
}
