//! The plan document is one typed struct that core writes and reads back:
//! for many profiles, JSON -> PlanDocument -> JSON is byte-identical (the
//! saved plan the coaching loop edits is the planner's own type).

use upright_core::catalog::Catalog;
use upright_core::plan::{plan, PlanDocument};
use upright_core::profile::ProfileInput;

fn input(goals: &[&str], level: &str, equipment: &[&str], pain: &str, days: i64) -> ProfileInput {
    ProfileInput {
        goals: Some(goals.iter().map(|s| s.to_string()).collect()),
        level: Some(level.into()),
        equipment: Some(equipment.iter().map(|s| s.to_string()).collect()),
        pain: Some(pain.into()),
        days: Some(days),
        ..Default::default()
    }
}

#[test]
fn plan_documents_round_trip_byte_for_byte() {
    let c = Catalog::builtin();
    let mut n = 0;
    for goals in [
        &["strength"][..],
        &["posture", "general"],
        &["physique"],
        &["recovery", "prevention"],
        &["athletic"],
    ] {
        for level in ["beginner", "intermediate", "advanced"] {
            for equipment in [&["gym"][..], &["home"], &["mat"]] {
                for pain in ["none", "recovering", "acute"] {
                    for days in [1, 3, 5] {
                        let Ok(profile) = input(goals, level, equipment, pain, days).into_profile()
                        else {
                            continue;
                        };
                        let Ok(planned) = plan(&profile, &c) else {
                            continue;
                        };
                        let json = serde_json::to_string(&planned.document).unwrap();
                        let back: PlanDocument =
                            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
                        assert_eq!(back, planned.document);
                        assert_eq!(serde_json::to_string(&back).unwrap(), json);
                        n += 1;
                    }
                }
            }
        }
    }
    assert!(n > 100, "only {n} documents");
}

#[test]
fn a_document_citing_an_unknown_word_is_refused_not_trusted_blindly() {
    let c = Catalog::builtin();
    let profile = input(&["strength"], "intermediate", &["gym"], "none", 3)
        .into_profile()
        .unwrap();
    let doc = plan(&profile, &c).unwrap().document;
    let mut v = serde_json::to_value(&doc).unwrap();
    v["profile"]["level"] = serde_json::json!("wizard");
    let e = serde_json::from_value::<PlanDocument>(v)
        .unwrap_err()
        .to_string();
    assert!(e.contains("level"), "{e}");
}
