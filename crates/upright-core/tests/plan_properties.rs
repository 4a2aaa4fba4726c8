//! Property tests of the planner (DESIGN.md section 4, RULEBOOK.md): random
//! profiles over every field of `ProfileInput`, and invariants every plan (or
//! referral) must keep whatever the person asked for.
//!
//! Case counts are set per property (`cases`); together they plan well over
//! 2000 random profiles. Failures print the shrunk profile as JSON, ready to
//! paste into `upright plan --batch`.

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use std::collections::BTreeSet;
use std::sync::OnceLock;
use upright_core::catalog::Catalog;
use upright_core::plan::{plan, PlanDocument, PlanError, Planned};
use upright_core::profile::{Profile, ProfileInput};
use upright_core::vocab::{Equipment, Grade, Level, Loading, Muscle, Pain, RedFlag};

const GOALS: &[&str] = &["physique", "strength", "athletic", "prevention", "recovery", "posture", "general"];
const LEVELS: &[&str] = &["beginner", "intermediate", "advanced"];
const EQUIPMENT: &[&str] = &["mat", "dumbbells", "kettlebell", "barbell", "rack", "bench", "cable", "machines", "pullup-bar", "bands"];

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin)
}

fn catalog_ids() -> Vec<String> {
    catalog().iter().map(|e| e.id.clone()).collect()
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Tests own no source-tree files beyond themselves: print, do not persist, failures.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Equipment as people type it: presets, presets plus extras, any subset (even none).
fn equipment() -> impl Strategy<Value = Vec<String>> {
    let words = || {
        let mut all: Vec<&'static str> = EQUIPMENT.to_vec();
        all.extend(["home", "gym"]);
        all
    };
    prop_oneof![
        2 => Just(vec!["gym".to_string()]),
        2 => Just(vec!["home".to_string()]),
        2 => prop::sample::subsequence(EQUIPMENT.to_vec(), 0..=4)
            .prop_map(|extra| std::iter::once("home").chain(extra).map(String::from).collect()),
        6 => prop::sample::subsequence(words(), 0..=12)
            .prop_shuffle()
            .prop_map(|v| v.into_iter().map(String::from).collect()),
    ]
}

fn words(from: &'static [&'static str], size: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(from.to_vec(), size).prop_shuffle().prop_map(|v| v.into_iter().map(String::from).collect())
}

/// Every field of `ProfileInput`, within the ranges the brief names.
fn profile_input() -> impl Strategy<Value = ProfileInput> {
    let ids = catalog_ids();
    let who = (
        words(GOALS, 1..=7),
        prop::sample::select(LEVELS.to_vec()),
        equipment(),
        1..=7i64,
        10..=180i64,
        1..=12i64,
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
    );
    let back = (
        prop::option::of(0..=20i64),
        prop_oneof![5 => Just("none"), 3 => Just("recovering"), 1 => Just("acute")],
        prop_oneof![12 => Just(Vec::<String>::new()), 1 => words(RedFlag::WORDS, 1..=3)],
        prop::option::of(12..=100i64),
        prop_oneof![3 => Just(Vec::<String>::new()), 2 => prop::sample::subsequence(ids, 1..=6)],
    );
    (who, back).prop_map(
        |((goals, level, equipment, days, minutes, weeks, desk, labour, push, other), (pullups, pain, red_flags, age, exclude))| {
            ProfileInput {
                goals: Some(goals),
                level: Some(level.to_string()),
                equipment: Some(equipment),
                days: Some(days),
                minutes: Some(minutes),
                weeks: Some(weeks),
                desk_job: desk,
                manual_labour: labour,
                sport_push: push,
                other_back_activity: other,
                pullups,
                pain: Some(pain.to_string()),
                red_flags: Some(red_flags),
                age,
                exclude: Some(exclude),
            }
        },
    )
}

/// A profile that is not referred (no acute pain, no red flag): the planner must plan.
fn trainable_input() -> impl Strategy<Value = ProfileInput> {
    profile_input().prop_map(|mut i| {
        if i.pain.as_deref() == Some("acute") {
            i.pain = Some("none".into());
        }
        i.red_flags = Some(Vec::new());
        i
    })
}

/// The profile as JSON, for failure messages (paste into `upright plan --batch`).
fn show(p: &Profile) -> String {
    serde_json::to_string(p).expect("profile serialises")
}

/// Plans; `None` when the planner rightly refuses (recorded by `cannot_train_only_when_starved`).
fn planned(p: &Profile) -> Result<Option<Planned>, TestCaseError> {
    match plan(p, catalog()) {
        Ok(planned) => Ok(Some(planned)),
        Err(PlanError::CannotTrain(_)) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("unexpected error {e:?} for {}", show(p)))),
    }
}

fn exercises(doc: &PlanDocument) -> impl Iterator<Item = (u8, &upright_core::plan::Session, &upright_core::plan::Prescription)> {
    doc.weeks.iter().flat_map(|w| w.sessions.iter().flat_map(move |s| s.exercises.iter().map(move |e| (w.week, s, e))))
}

fn into_profile(i: ProfileInput) -> Profile {
    i.into_profile().expect("generated profiles are valid")
}

/// The refusals seen, by reason, for the report (`cargo test -- --nocapture`).
#[derive(Default)]
struct Refusals {
    by_reason: std::collections::BTreeMap<String, (usize, String)>,
}

proptest! {
    #![proptest_config(config(400))]

    /// W-GYM: no exercise needs equipment the person lacks.
    #[test]
    fn w_gym_only_available_equipment(input in trainable_input()) {
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            for (week, _, e) in exercises(&pl.document) {
                let ex = catalog().get(&e.id).expect("planned exercise is in the catalog");
                prop_assert!(ex.available_with(&p.equipment), "week {week}: {} needs {:?}; has {:?}; profile {}", e.id, ex.equipment, p.equipment, show(&p));
            }
        }
    }

    /// E-SETTIME: no session runs over the minutes a session the person has.
    #[test]
    fn sessions_fit_the_minutes(input in trainable_input()) {
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            for w in &pl.document.weeks {
                for s in &w.sessions {
                    prop_assert!(s.minutes <= p.minutes as f64, "week {} day {}: {} min > {} min; profile {}", w.week, s.day, s.minutes, p.minutes, show(&p));
                    prop_assert!(!s.exercises.is_empty(), "empty session; profile {}", show(&p));
                }
            }
        }
    }

    /// M-ERECTORS, M-CORE: erectors, abs and obliques get stimulus every week.
    #[test]
    fn erectors_and_core_trained_every_week(input in trainable_input()) {
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            let doc = &pl.document;
            prop_assert_eq!(doc.weeks.len(), p.weeks as usize);
            for w in &doc.weeks {
                for m in [Muscle::SpinalErectors, Muscle::Abs, Muscle::Obliques] {
                    let stim: f64 = w.sessions.iter().flat_map(|s| &s.exercises).map(|e| {
                        let ex = catalog().get(&e.id).expect("in catalog");
                        ex.stimulus(m) * e.sets as f64
                    }).sum();
                    prop_assert!(stim > 0.0, "week {}: no {} stimulus; profile {}", w.week, m, show(&p));
                }
            }
            for m in [Muscle::SpinalErectors, Muscle::Abs, Muscle::Obliques] {
                prop_assert!(doc.weekly_sets.get(&m).copied().unwrap_or(0.0) > 0.0, "weekly_sets.{m} is 0; profile {}", show(&p));
            }
        }
    }

    /// Plans and referrals cite only rulebook and evidence IDs.
    #[test]
    fn every_cited_rule_is_known(input in profile_input()) {
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            let doc = &pl.document;
            let mut cited: Vec<&str> = doc.rules_applied.clone();
            cited.extend(exercises(doc).flat_map(|(_, _, e)| e.rules.iter().copied()));
            if let Some(r) = &doc.referral {
                cited.extend(r.rules.iter().copied());
            }
            if let Some(o) = &doc.optimizer {
                cited.extend(o.enforced.iter().copied());
            }
            for id in cited {
                prop_assert!(upright_core::rules::is_known(id), "unknown rule ID {id}; profile {}", show(&p));
            }
            prop_assert!(!doc.rules_applied.is_empty());
        }
    }

    /// S-ACUTE, S-REDFLAG: acute pain or any red flag means a referral, and a referral has no training in it.
    #[test]
    fn referrals_have_no_plan_in_them(input in profile_input()) {
        let p = into_profile(input);
        let must_refer = p.pain == Pain::Acute || !p.red_flags.is_empty();
        let Some(pl) = planned(&p)? else {
            prop_assert!(!must_refer, "a referral profile failed to plan instead of referring: {}", show(&p));
            return Ok(());
        };
        let doc = &pl.document;
        prop_assert_eq!(doc.is_referral(), must_refer, "profile {}", show(&p));
        if must_refer {
            prop_assert_eq!(doc.status, "refer");
            let r = doc.referral.as_ref().expect("a referral says why");
            prop_assert!(!r.reason.is_empty());
            prop_assert!(r.rules.iter().any(|id| *id == "S-ACUTE" || *id == "S-REDFLAG"), "{:?}", r.rules);
            if !p.red_flags.is_empty() && p.red_flags != [RedFlag::NewPain] {
                prop_assert!(r.rules.contains(&"S-REDFLAG"), "{:?}; profile {}", r.rules, show(&p));
            }
            prop_assert!(doc.weeks.is_empty(), "referral with weeks: {}", show(&p));
            prop_assert!(doc.targets.is_empty(), "referral with targets: {}", show(&p));
            prop_assert!(doc.weekly_sets.is_empty(), "referral with weekly sets: {}", show(&p));
            prop_assert!(doc.optimizer.is_none(), "referral with an optimizer run: {}", show(&p));
            prop_assert!(pl.problem.is_none(), "referral with a model: {}", show(&p));
            let json = serde_json::to_value(doc).expect("serialises");
            prop_assert!(json["optimizer"].is_null());
            prop_assert_eq!(json["weeks"].as_array().map(Vec::len), Some(0));
        } else {
            prop_assert_eq!(doc.status, "plan");
            prop_assert!(doc.referral.is_none());
            prop_assert!(doc.optimizer.is_some() && pl.problem.is_some());
        }
    }

    /// G-NEED (--exclude): an excluded exercise never appears.
    #[test]
    fn excluded_exercises_never_appear(input in trainable_input()) {
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            for (week, _, e) in exercises(&pl.document) {
                prop_assert!(!p.exclude.contains(&e.id), "week {week}: excluded {} planned; profile {}", e.id, show(&p));
            }
        }
    }

    /// T-PULLUP: fewer than 3 strict pull-ups (or none stated, as a beginner) gets no
    /// pull-up, chin-up or weighted variant; weighted ones need 8 or more.
    #[test]
    fn t_pullup_only_for_those_who_can(input in trainable_input(), few in 0..=2i64) {
        let mut input = input;
        // Half the cases are the `--pullups 0..2` person the rule is about.
        if few % 2 == 0 {
            input.pullups = Some(few);
        }
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            let full = ["pull-up", "chin-up", "weighted-pull-up", "weighted-chin-up"];
            let weighted = ["weighted-pull-up", "weighted-chin-up"];
            let can = match p.pullups { Some(n) => n >= 3, None => p.level != Level::Beginner };
            for (week, _, e) in exercises(&pl.document) {
                if !can {
                    prop_assert!(!full.contains(&e.id.as_str()), "week {week}: {} for pullups {:?}; profile {}", e.id, p.pullups, show(&p));
                }
                if p.pullups.is_none_or(|n| n < 8) {
                    prop_assert!(!weighted.contains(&e.id.as_str()), "week {week}: {} for pullups {:?}; profile {}", e.id, p.pullups, show(&p));
                }
                if p.pullups == Some(0) {
                    prop_assert!(!e.id.contains("pull-up") || catalog().get(&e.id).expect("in catalog").loading == Loading::Bodyweight && !full.contains(&e.id.as_str()));
                }
            }
        }
    }

    /// T-BEGINNER: beginners never get a technique-"high" exercise, nor one above their level.
    #[test]
    fn t_beginner_no_technical_lifts(input in trainable_input()) {
        let mut input = input;
        input.level = Some("beginner".into());
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            for (week, _, e) in exercises(&pl.document) {
                let ex = catalog().get(&e.id).expect("in catalog");
                prop_assert!(ex.technique != Grade::High, "week {week}: {} (technique high) for a beginner; profile {}", e.id, show(&p));
                prop_assert!(ex.level == Level::Beginner, "week {week}: {} is {}; profile {}", e.id, ex.level, show(&p));
            }
        }
    }

    /// Every exercise is at or below the person's level (S-FORM).
    #[test]
    fn s_form_no_exercise_above_level(input in trainable_input()) {
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            for (week, _, e) in exercises(&pl.document) {
                let ex = catalog().get(&e.id).expect("in catalog");
                prop_assert!(ex.level <= p.level, "week {week}: {} is {}; profile {}", e.id, ex.level, show(&p));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(400))]

    /// S-RECOVERY: a recovering back (pain recovering or goal recovery) never gets a
    /// high spinal load, never a loaded exercise above low spinal load, and RPE <= 7.
    #[test]
    fn s_recovery_low_load_low_effort(input in trainable_input(), by_goal in any::<bool>()) {
        let mut input = input;
        if by_goal {
            input.goals.get_or_insert_with(Vec::new).push("recovery".into());
        } else {
            input.pain = Some("recovering".into());
        }
        let p = into_profile(input);
        prop_assert!(p.recovering());
        if let Some(pl) = planned(&p)? {
            for (week, _, e) in exercises(&pl.document) {
                let ex = catalog().get(&e.id).expect("in catalog");
                prop_assert!(e.spinal_load == ex.spinal_load);
                prop_assert!(ex.spinal_load != Grade::High, "week {week}: {} has high spinal load; profile {}", e.id, show(&p));
                prop_assert!(!(ex.loading == Loading::Loaded && ex.spinal_load != Grade::Low), "week {week}: loaded {} with {} spinal load; profile {}", e.id, ex.spinal_load, show(&p));
                prop_assert!(e.rpe <= 7.0, "week {week}: {} at RPE {}; profile {}", e.id, e.rpe, show(&p));
            }
            prop_assert!(pl.document.rules_applied.contains(&"S-RECOVERY"), "S-RECOVERY not cited; profile {}", show(&p));
        }
    }
}

proptest! {
    #![proptest_config(config(250))]

    /// Same profile, same catalog: byte-identical plan (after zeroing the wall time).
    #[test]
    fn planning_is_deterministic(input in profile_input()) {
        let p = into_profile(input);
        let (a, b) = (planned(&p)?, planned(&p)?);
        prop_assert_eq!(a.is_some(), b.is_some());
        if let (Some(a), Some(b)) = (a, b) {
            let (mut da, mut db) = (a.document, b.document);
            da.make_reproducible();
            db.make_reproducible();
            prop_assert_eq!(serde_json::to_string(&da).unwrap(), serde_json::to_string(&db).unwrap(), "profile {}", show(&p));
            if let (Some(pa), Some(pb)) = (a.problem, b.problem) {
                prop_assert_eq!(pa.to_model().to_lp("t"), pb.to_model().to_lp("t"));
            }
        }
    }

    /// DESIGN.md: any printed profile can be fed back (a batch line) and gives the same plan.
    #[test]
    fn printed_profile_feeds_back_to_the_same_plan(input in profile_input()) {
        let p = into_profile(input);
        if let Some(first) = planned(&p)? {
            let mut first = first.document;
            first.make_reproducible();
            let printed = serde_json::to_value(&first).unwrap()["profile"].to_string();
            let back: ProfileInput = serde_json::from_str(&printed).map_err(|e| TestCaseError::fail(format!("{e}: {printed}")))?;
            let p2 = back.into_profile().map_err(|e| TestCaseError::fail(format!("{e}: {printed}")))?;
            prop_assert_eq!(&p2, &p);
            let mut second = planned(&p2)?.expect("planned once, plans again").document;
            second.make_reproducible();
            prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
        }
    }

    /// The optimiser's answer is what its own problem says: the reported objective is
    /// the problem's objective of the chosen sets, and the week 1 volumes are the plan's.
    #[test]
    fn objective_and_weekly_sets_are_consistent(input in trainable_input()) {
        let p = into_profile(input);
        if let Some(pl) = planned(&p)? {
            let doc = &pl.document;
            let o = doc.optimizer.as_ref().expect("a plan has an optimiser report");
            prop_assert_eq!(o.status, "optimal");
            prop_assert!(o.objective.is_finite() && o.objective >= 0.0);
            let week1 = &doc.weeks[0];
            let mut recount = std::collections::BTreeMap::<Muscle, f64>::new();
            for e in week1.sessions.iter().flat_map(|s| &s.exercises) {
                for m in &e.primary { *recount.entry(*m).or_default() += e.sets as f64; }
                for m in &e.secondary { *recount.entry(*m).or_default() += e.sets as f64 * 0.5; }
            }
            prop_assert_eq!(&recount, &doc.weekly_sets);
            let problem = pl.problem.as_ref().expect("a plan has its problem");
            prop_assert_eq!(problem.items.len(), o.candidates);
            // Base week sets per item (week 1 is the base week unless it is a deload).
            if !week1.deload {
                let sets: Vec<u32> = problem.items.iter().map(|it| {
                    week1.sessions.iter().flat_map(|s| &s.exercises).filter(|e| e.id == it.name).map(|e| e.sets).sum()
                }).collect();
                prop_assert!(problem.feasible(&sets), "week 1 violates the model; profile {}", show(&p));
                prop_assert!((problem.objective(&sets) - o.objective).abs() < 1e-5, "objective {} vs {}; profile {}", problem.objective(&sets), o.objective, show(&p));
            }
        }
    }
}

/// Refusals (`PlanError::CannotTrain`) happen only when the person lacks what the
/// plan's hard rules need; records which profiles those are.
#[test]
fn cannot_train_only_when_starved() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(config(600), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let strategy = trainable_input();
    let mut refusals = Refusals::default();
    let mut planned_ok = 0;
    for _ in 0..600 {
        let p = into_profile(strategy.new_tree(&mut runner).expect("tree").current());
        match plan(&p, catalog()) {
            Ok(_) => planned_ok += 1,
            Err(PlanError::CannotTrain(msg)) => {
                let field = msg.split(':').next().unwrap_or("").to_string();
                let starved = !p.has(Equipment::Mat) || p.minutes <= 20;
                assert!(starved, "CannotTrain for a profile with a mat and time: {msg}\nprofile {}", show(&p));
                let e = refusals.by_reason.entry(field).or_insert((0, show(&p)));
                e.0 += 1;
            }
            Err(e) => panic!("unexpected {e:?} for {}", show(&p)),
        }
    }
    eprintln!("planned {planned_ok} of 600; refusals by field: {:?}", refusals.by_reason);
}

#[test]
fn unknown_exclude_is_named_with_suggestions() {
    let p = into_profile(ProfileInput {
        goals: Some(vec!["general".into()]),
        level: Some("beginner".into()),
        equipment: Some(vec!["home".into()]),
        exclude: Some(vec!["deadlfit".into(), "row".into()]),
        ..Default::default()
    });
    match plan(&p, catalog()) {
        Err(e @ PlanError::UnknownExercise { .. }) => assert!(e.to_string().starts_with("exclude: unknown exercise"), "{e}"),
        other => panic!("expected UnknownExercise, got {other:?}"),
    }
}

#[test]
fn strategy_covers_every_equipment_word_and_preset() {
    // Guards the generator itself: each word can be drawn.
    let seen: BTreeSet<&str> = EQUIPMENT.iter().copied().chain(["home", "gym"]).collect();
    assert_eq!(seen.len(), 12);
    for w in &seen {
        assert!(Equipment::parse_with_presets(w).is_ok(), "{w}");
    }
}
