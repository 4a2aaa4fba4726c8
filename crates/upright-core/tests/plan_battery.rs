//! Plans that adapt to the torso endurance battery (issue 14): `plan_with`
//! applies `assess::target_shifts` to the targets, cites R-ENDURE and
//! E-MCGILL-ENDURANCE, notes the retest; without a battery it is `plan`, byte
//! for byte. And the form cues every prescription carries (S-FORM).

use chrono::NaiveDate;
use upright_core::assess::{score, BatteryInput, Protocol, Report};
use upright_core::catalog::Catalog;
use upright_core::plan::{plan, plan_with, PlanDocument};
use upright_core::profile::{Profile, ProfileInput};
use upright_core::vocab::Muscle;

fn profile(json: &str) -> Profile {
    let input: ProfileInput = serde_json::from_str(json).expect("profile line");
    input.into_profile().expect("valid profile")
}

fn battery(times: [i64; 4], protocol: &Protocol) -> Report {
    let mut i = BatteryInput::on(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    [i.flexor, i.extensor, i.side_right, i.side_left] = times.map(Some);
    i.sex = Some("male".into());
    score(&i, protocol).expect("scores")
}

fn doc(p: &Profile, b: Option<&Report>) -> PlanDocument {
    let mut d = plan_with(p, &Catalog::builtin(), b)
        .expect("plans")
        .document;
    d.make_reproducible();
    d
}

const PERSONAS: [&str; 4] = [
    r#"{"goals":"posture","level":"beginner","equipment":"mat","desk_job":true}"#,
    r#"{"goals":"strength","level":"intermediate","equipment":"gym","pullups":5}"#,
    r#"{"goals":"recovery","level":"beginner","equipment":"home","pain":"recovering"}"#,
    r#"{"goals":"general","level":"beginner","equipment":"mat","red_flags":["saddle-numbness"]}"#,
];

#[test]
fn without_a_battery_plans_are_byte_identical() {
    for json in PERSONAS {
        let p = profile(json);
        let mut a = plan(&p, &Catalog::builtin()).unwrap().document;
        a.make_reproducible();
        let b = doc(&p, None);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap(),
            "{json}"
        );
    }
}

#[test]
fn r_endure_weak_extensors_raise_the_erector_targets() {
    let p = profile(PERSONAS[0]);
    let before = doc(&p, None);
    // flexion:extension 150/100 = 1.50, 50% past its target of 1.0: the large shift, +4.
    let b = battery([150, 100, 60, 61], &Protocol::standard());
    let after = doc(&p, Some(&b));
    let [lo0, hi0] = before.targets[&Muscle::SpinalErectors];
    assert_eq!(
        after.targets[&Muscle::SpinalErectors],
        [lo0 + 4.0, hi0 + 4.0]
    );
    for m in [Muscle::Abs, Muscle::Obliques, Muscle::Lats] {
        assert_eq!(after.targets[&m], before.targets[&m], "{m:?} unchanged");
    }
    for r in ["R-ENDURE", "E-MCGILL-ENDURANCE"] {
        assert!(after.rules_applied.contains(&r), "{r}");
    }
    let note = after
        .notes
        .iter()
        .find(|n| n.starts_with("Endurance battery:"))
        .expect("a shift note");
    assert!(
        note.contains("Back extensor endurance")
            && note.contains("+4 weekly sets")
            && note.contains("R-ENDURE"),
        "{note}"
    );
    let retest = after
        .notes
        .iter()
        .find(|n| n.starts_with("Retest"))
        .expect("a retest note");
    assert!(
        retest.contains("2026-01-05")
            && retest.contains("2026-02-02")
            && retest.contains("2026-02-16"),
        "{retest}"
    );
    // The optimiser follows the new range: at least as many erector sets.
    assert!(
        after.weekly_sets[&Muscle::SpinalErectors] >= before.weekly_sets[&Muscle::SpinalErectors]
    );
}

#[test]
fn r_endure_an_asymmetric_side_bridge_adds_oblique_work_for_the_weaker_side() {
    let p = profile(PERSONAS[1]);
    let before = doc(&p, None);
    // right:left 60/90 = 0.67 is the weakest link (flexion:extension 100/160 and side:extension met).
    let b = battery([100, 160, 60, 90], &Protocol::standard());
    let after = doc(&p, Some(&b));
    let [lo0, hi0] = before.targets[&Muscle::Obliques];
    let [lo1, hi1] = after.targets[&Muscle::Obliques];
    assert!(
        lo1 > lo0 && hi1 - lo1 == hi0 - lo0,
        "{lo0}-{hi0} -> {lo1}-{hi1}"
    );
    assert_eq!(
        after.targets[&Muscle::SpinalErectors],
        before.targets[&Muscle::SpinalErectors]
    );
    assert!(
        after
            .notes
            .iter()
            .any(|n| n.contains("the extra on the right side")),
        "{:#?}",
        after.notes
    );
}

#[test]
fn s_recovery_a_recovering_battery_shifts_by_the_small_step_only() {
    let p = profile(PERSONAS[2]);
    let before = doc(&p, None);
    // The variants give no flexion:extension ratio; right:left 30/60 = 0.50 is far off.
    let b = battery([100, 60, 30, 60], &Protocol::recovering());
    let after = doc(&p, Some(&b));
    let [lo0, _] = before.targets[&Muscle::Obliques];
    assert_eq!(after.targets[&Muscle::Obliques][0], lo0 + 2.0);
    assert!(after.rules_applied.contains(&"S-RECOVERY"));
}

#[test]
fn a_balanced_battery_changes_no_target_but_still_schedules_the_retest() {
    let p = profile(PERSONAS[1]);
    let before = doc(&p, None);
    // Every ratio met and every time above the men's norms.
    let b = battery([140, 200, 100, 102], &Protocol::standard());
    assert!(b.weakest_link.is_none());
    let after = doc(&p, Some(&b));
    assert_eq!(after.targets, before.targets);
    assert_eq!(after.weeks, before.weeks);
    assert!(after
        .notes
        .iter()
        .any(|n| n.contains("the weekly targets stay")));
    assert!(after.notes.iter().any(|n| n.starts_with("Retest")));
}

#[test]
fn a_referral_ignores_the_battery() {
    let p = profile(PERSONAS[3]);
    let b = battery([150, 100, 60, 61], &Protocol::standard());
    let d = doc(&p, Some(&b));
    assert!(d.is_referral());
    assert!(d.notes.iter().all(|n| !n.contains("Retest")));
}

#[test]
fn s_form_every_prescription_carries_its_exercises_cues() {
    let c = Catalog::builtin();
    for json in &PERSONAS[..3] {
        let d = doc(&profile(json), None);
        for e in d
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .flat_map(|s| &s.exercises)
        {
            let ex = c.get(&e.id).unwrap();
            assert!(!e.cues.is_empty(), "{}", e.id);
            assert_eq!(e.cues, ex.cues, "{}", e.id);
        }
    }
}
