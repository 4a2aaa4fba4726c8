//! Snapshot tests of whole plans (insta, a one-line-per-exercise summary): one per persona of the planner
//! issue, plus one referral. The accepted snapshots live in `tests/snapshots/`;
//! a change to any plan shows up as a reviewable diff (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test plan_snapshots` then `git diff`).
//! On CI (`CI=true`) a missing or different snapshot fails the test.

use upright_core::catalog::Catalog;
use upright_core::plan::{plan, PlanDocument};
use upright_core::profile::ProfileInput;

/// Plans a persona given as a batch line (the same JSON `upright plan --batch` reads).
fn persona(json: &str) -> PlanDocument {
    let input: ProfileInput = serde_json::from_str(json).expect("persona is a valid profile line");
    let profile = input.into_profile().expect("persona is a valid profile");
    let mut doc = plan(&profile, &Catalog::builtin())
        .expect("persona plans")
        .document;
    doc.make_reproducible();
    doc
}

/// The plan as a coach reads it, one line per exercise: small enough to review
/// in a diff, and every choice of exercise, sets, reps, effort and rest is in it.
fn summary(doc: &PlanDocument) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if let Some(r) = &doc.referral {
        let _ = writeln!(s, "refer ({}): {}", r.urgency.as_str(), r.rules.join(", "));
    }
    for w in &doc.weeks {
        let _ = writeln!(s, "week {} {} block {}", w.week, w.phase, w.block);
        for sess in &w.sessions {
            let _ = writeln!(
                s,
                "  day {} {} {} min{}",
                sess.day,
                sess.location,
                sess.minutes,
                if sess.heavy { " heavy" } else { "" }
            );
            for e in &sess.exercises {
                let dose = match (&e.pyramid, e.hold_s) {
                    (Some(p), _) => format!("pyramid {:?}", p),
                    (None, Some(h)) => format!("{} x {} x {h}s", e.sets, e.reps_max),
                    _ => format!("{} x {}-{}", e.sets, e.reps_min, e.reps_max),
                };
                let _ = writeln!(
                    s,
                    "    {} {dose} rpe {} rest {}{}",
                    e.id,
                    e.rpe,
                    e.rest_s,
                    if e.each_side { " each side" } else { "" }
                );
            }
        }
    }
    for n in &doc.notes {
        let _ = writeln!(s, "note: {n}");
    }
    s
}

fn snapshot(name: &str, json: &str) -> PlanDocument {
    let doc = persona(json);
    insta::with_settings!({ description => json, omit_expression => true }, {
        insta::assert_snapshot!(name, summary(&doc));
    });
    doc
}

#[test]
fn desk_worker_with_a_mat() {
    let doc = snapshot(
        "desk_worker_with_a_mat",
        r#"{"goals":"posture","level":"beginner","equipment":"mat","desk_job":true}"#,
    );
    assert_eq!(doc.status, "plan");
    assert!(doc.rules_applied.contains(&"G-DESK") && doc.rules_applied.contains(&"W-HOME"));
}

#[test]
fn gym_beginner() {
    let doc = snapshot(
        "gym_beginner",
        r#"{"goals":"general","level":"beginner","equipment":"gym","pullups":0}"#,
    );
    assert_eq!(doc.status, "plan");
    assert!(doc.rules_applied.contains(&"T-BEGINNER") && doc.rules_applied.contains(&"T-PULLUP"));
}

#[test]
fn intermediate_lifter() {
    let doc = snapshot(
        "intermediate_lifter",
        r#"{"goals":["strength","physique"],"level":"intermediate","equipment":"gym","pullups":8}"#,
    );
    assert_eq!(doc.status, "plan");
    assert!(doc.rules_applied.contains(&"P-BOTH") && doc.rules_applied.contains(&"T-STRENGTH"));
}

#[test]
fn climber_or_swimmer() {
    let doc = snapshot(
        "climber_or_swimmer",
        r#"{"goals":"athletic","level":"intermediate","equipment":["home","pullup-bar"],"sport_push":true}"#,
    );
    assert_eq!(doc.status, "plan");
    assert!(doc.rules_applied.contains(&"A-PUSH"));
}

#[test]
fn person_in_recovery() {
    let doc = snapshot(
        "person_in_recovery",
        r#"{"goals":"recovery","level":"beginner","equipment":"home","pain":"recovering"}"#,
    );
    assert_eq!(doc.status, "plan");
    assert!(doc.rules_applied.contains(&"S-RECOVERY"));
}

#[test]
fn referral_saddle_numbness() {
    let doc = snapshot(
        "referral_saddle_numbness",
        r#"{"goals":"general","level":"beginner","equipment":"home","red_flags":["saddle-numbness"]}"#,
    );
    assert_eq!(doc.status, "refer");
    assert!(doc.weeks.is_empty() && doc.optimizer.is_none());
}
