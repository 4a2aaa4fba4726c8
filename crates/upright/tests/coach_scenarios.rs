//! Six lifters follow their plans through the CLI for eight weeks or more,
//! doing what `today` prints (its `log` line, run as written; a test set at
//! a weight of their own), and the prescriptions are what a lifter would
//! expect: loads that keep climbing, a 6 kg dumbbell that becomes 8 kg, a
//! 30 s hold that becomes 45 s, negatives that lead to chin-ups and then
//! pull-ups, a flare on Wednesday that holds Friday back, pounds on pound
//! steps, and missed weeks that slide the programme and come back lighter.

mod coach_common;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use coach_common::Env;
use serde_json::Value;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// One day's prescription for one exercise, as `today` gave it.
#[derive(Debug, Clone)]
struct Seen {
    date: NaiveDate,
    week: u64,
    deload: bool,
    e: Value,
}

impl Seen {
    fn id(&self) -> &str {
        self.e["id"].as_str().unwrap()
    }
    fn exercise(&self) -> &str {
        self.e["exercise"].as_str().unwrap()
    }
    fn kind(&self) -> &str {
        self.e["decision"]["action"]["kind"].as_str().unwrap()
    }
    fn load(&self) -> Option<f64> {
        self.e["load"].as_f64()
    }
    fn rules(&self) -> Vec<String> {
        self.e["decision"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect()
    }
}

/// A lifter who does what `today` prints.
struct Lifter {
    env: Env,
    /// Test-set weight, in the person's unit, for an exercise (the person's pick).
    test_weight: fn(&str) -> f64,
    /// Reps the lifter does on a test set (today asks for 5; some do more).
    test_reps: fn(&str) -> u32,
    seen: Vec<Seen>,
    texts: Vec<(NaiveDate, String)>,
}

impl Lifter {
    fn new(plan: &[&str], test_weight: fn(&str) -> f64) -> Lifter {
        let env = Env::new();
        let mut args = vec!["plan"];
        args.extend_from_slice(plan);
        args.extend_from_slice(&["--save", "--start", "2026-01-05", "--format", "json"]);
        env.ok(&args);
        Lifter {
            env,
            test_weight,
            test_reps: |_| 5,
            seen: Vec::new(),
            texts: Vec::new(),
        }
    }

    fn today(&self, date: NaiveDate) -> Value {
        self.env
            .json(&["today", "--date", &iso(date), "--format", "json"])
    }

    /// The `log` line of an exercise, as the lifter runs it.
    fn log_args(&self, e: &Value) -> Vec<String> {
        let line = e["log"].as_str().unwrap();
        let mut words: Vec<String> = line.split_whitespace().skip(2).map(String::from).collect();
        if words[1].contains("@LOAD") {
            let w = (self.test_weight)(e["exercise"].as_str().unwrap());
            words[1] = words[1].replace("@LOAD", &format!("@{w}"));
            if e["test"] == true {
                let reps = (self.test_reps)(e["exercise"].as_str().unwrap());
                words[1] = words[1].replace("x5@", &format!("x{reps}@"));
            }
            if let Some(i) = words.iter().position(|x| x == "N") {
                words[i] = "7".into();
            }
        }
        words
    }

    /// Follows the plan from `from` for `days` days; `skip(date)` leaves a day out.
    fn follow(
        &mut self,
        from: NaiveDate,
        days: u64,
        mut hook: impl FnMut(&mut Lifter, NaiveDate, &Value),
    ) {
        for k in 0..days {
            let date = from + Days::new(k);
            let t = self.today(date);
            if t["status"] != "session" {
                hook(self, date, &t);
                continue;
            }
            self.texts
                .push((date, self.env.ok(&["today", "--date", &iso(date)])));
            for e in t["exercises"].as_array().unwrap() {
                self.seen.push(Seen {
                    date,
                    week: t["week"].as_u64().unwrap(),
                    deload: t["deload"] == true,
                    e: e.clone(),
                });
                let mut args = vec!["log".to_string()];
                args.extend(self.log_args(e));
                args.extend(["--date".to_string(), iso(date)]);
                let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                let out = self.env.ok(&refs);
                assert!(out.starts_with("logged "), "{out}");
            }
            hook(self, date, &t);
        }
    }

    fn of(&self, id: &str) -> Vec<&Seen> {
        self.seen.iter().filter(|s| s.exercise() == id).collect()
    }
}

fn ignore(_: &mut Lifter, _: NaiveDate, _: &Value) {}

// ---------------------------------------------------------------- 1

#[test]
fn strength_lifter_climbs_for_eight_weeks_with_deloads_applied_once() {
    let mut l = Lifter::new(
        &[
            "--goal",
            "strength",
            "--level",
            "intermediate",
            "--equipment",
            "gym",
            "--pullups",
            "8",
        ],
        |id| if id == "deadlift" { 100.0 } else { 40.0 },
    );
    l.follow(d("2026-01-05"), 56, ignore);
    let dl = l.of("deadlift");
    assert!(dl.len() >= 8, "{}", dl.len());
    // The first deadlift session is a 5 @ RPE 7 test, then the chart sets the load.
    assert!(
        dl[0].e["test"] == true && dl[0].e["log"].as_str().unwrap().contains("--rpe 7"),
        "{:?}",
        dl[0].e
    );
    assert_eq!(dl[1].kind(), "calibrate", "{:?}", dl[1].e);
    // Loads climb: several increases, each at most 10% on the bar, and the
    // reps start again at the bottom of the range.
    let ups: Vec<&Seen> = l
        .seen
        .iter()
        .filter(|s| s.kind() == "increase-load")
        .collect();
    assert!(
        ups.len() >= 3,
        "{:?}",
        l.seen
            .iter()
            .map(|s| (s.date, s.exercise(), s.kind(), s.load()))
            .collect::<Vec<_>>()
    );
    assert!(
        dl.iter().any(|s| s.kind() == "increase-load"),
        "{:?}",
        dl.iter()
            .map(|s| (s.date, s.kind(), s.load()))
            .collect::<Vec<_>>()
    );
    for s in ups.iter().filter(|s| s.e["implement"] == "barbell") {
        let a = &s.e["decision"]["action"];
        assert!(
            a["to_kg"].as_f64().unwrap() <= a["from_kg"].as_f64().unwrap() * 1.10 + 1e-9,
            "{:?}",
            s.e
        );
        assert_eq!(s.e["target_reps"], s.e["reps_min"], "{:?}", s.e);
    }
    let last_build = dl.iter().rev().find(|s| !s.deload).unwrap();
    assert!(
        last_build.load().unwrap() > dl[1].load().unwrap(),
        "the deadlift got heavier"
    );
    // Barbell loads are read with their plates.
    assert!(
        dl[1].e["load_words"].as_str().unwrap().contains("a side"),
        "{:?}",
        dl[1].e
    );
    // At the top of the range: "5 x 5, last set as many as you can, aim 7".
    assert!(
        l.texts
            .iter()
            .any(|(_, t)| t.contains("last set as many as you can, aim")),
        "no AMRAP line"
    );
    assert!(l
        .seen
        .iter()
        .filter(|s| s.e["rpe"].is_number())
        .all(|s| s.e["log"].as_str().unwrap().contains("--rpe")));
    // The deload week: its sets as planned (already about half), the load about 90%, once.
    let deloads: Vec<&&Seen> = dl.iter().filter(|s| s.deload).collect();
    assert!(!deloads.is_empty());
    for s in &deloads {
        assert_eq!(s.kind(), "deload", "{:?}", s.e);
        let before = dl
            .iter()
            .rev()
            .find(|x| x.date < s.date && !x.deload)
            .unwrap();
        let (was, now) = (before.load().unwrap(), s.load().unwrap());
        assert!(now < was && now >= was * 0.85, "{was} -> {now}");
        assert!(s.e["sets"].as_u64().unwrap() >= 1);
    }
    // Progress: the test is marked and left out of the trend, which rises.
    let p = l.env.json(&[
        "progress",
        "--format",
        "json",
        "--date",
        "2026-03-01",
        "--exercise",
        "deadlift",
    ]);
    let s = &p["e1rm"][0];
    assert_eq!(s["points"][0]["test"], true, "{s}");
    assert!(s["points"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["method"].is_string()));
    assert!(
        s["latest"].as_f64().unwrap() > s["first"].as_f64().unwrap(),
        "{s}"
    );
}

// ---------------------------------------------------------------- 2

#[test]
fn home_beginner_light_dumbbell_gets_heavier_and_holds_get_longer() {
    let mut l = Lifter::new(
        &[
            "--goal",
            "general",
            "--level",
            "beginner",
            "--equipment",
            "home",
        ],
        |_| 8.0,
    );
    l.follow(d("2026-01-05"), 63, ignore);
    // The one-arm row starts on a light dumbbell and gets heavier by 2 kg at a time.
    let row = l.of("one-arm-row");
    let loads: Vec<f64> = row.iter().filter_map(|s| s.load()).collect();
    assert!(loads.contains(&6.0) && loads.contains(&8.0), "{loads:?}");
    let six_to_eight = row
        .iter()
        .find(|s| s.kind() == "increase-load" && s.e["decision"]["action"]["from_kg"] == 6.0)
        .expect("6 kg -> 8 kg");
    assert_eq!(six_to_eight.e["decision"]["action"]["to_kg"], 8.0);
    assert_eq!(
        six_to_eight.e["target_reps"], six_to_eight.e["reps_min"],
        "back to the bottom of the range"
    );
    assert!(six_to_eight.rules().contains(&"E-PROGRESS".to_string()));
    assert!(
        row.iter()
            .filter_map(|s| s.e["load_words"].as_str())
            .all(|w| w.contains("dumbbell")),
        "one dumbbell, one side at a time"
    );
    // The squat is optional for this goal (PO-WHOLE): checked when the plan has it.
    let goblet = l.of("goblet-squat");
    assert!(
        goblet.is_empty()
            || goblet
                .iter()
                .filter_map(|s| s.e["load_words"].as_str())
                .any(|w| w.ends_with("each") || w.contains("kettlebell") || w.contains("dumbbell"))
    );
    // Holds build on the last hold (the plan's timed hold: a plank or a carry).
    let held = ["plank", "suitcase-carry", "farmer-carry"]
        .into_iter()
        .find(|id| !l.of(id).is_empty())
        .expect("a timed hold in the plan");
    let holds: Vec<u64> = l
        .of(held)
        .iter()
        .filter_map(|s| s.e["hold_s"].as_u64())
        .collect();
    assert!(holds.windows(2).all(|w| w[1] >= w[0]), "{held}: {holds:?}");
    assert!(
        holds.last() >= Some(&(holds[0] + 15)),
        "{held}: the hold grew by 15 s or more: {holds:?}"
    );
    // Bands: reps, then a stronger band; never a load.
    let band = l.of("band-pulldown");
    assert!(
        band.iter().any(|s| s.kind() == "stronger-band"),
        "{:?}",
        band.iter().map(|s| s.kind()).collect::<Vec<_>>()
    );
    assert!(band
        .iter()
        .all(|s| s.load().is_none() && !s.e["log"].as_str().unwrap().contains("kg")));
}

// ---------------------------------------------------------------- 3

#[test]
fn recovering_back_a_flare_on_wednesday_holds_friday_back() {
    let mut l = Lifter::new(
        &[
            "--goal",
            "recovery,posture",
            "--level",
            "beginner",
            "--equipment",
            "gym",
            "--pain",
            "recovering",
        ],
        |_| 20.0,
    );
    let catalog = l.env.json(&["catalog", "list", "--format", "json"]);
    let flare = d("2026-01-28"); // a Wednesday, week 4
    assert_eq!(flare.weekday(), Weekday::Wed);
    let mut wednesday: Vec<String> = Vec::new();
    l.follow(d("2026-01-05"), 63, |l, date, t| {
        if date == flare {
            wednesday = t["exercises"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["exercise"].as_str().unwrap().to_string())
                .collect();
            l.env
                .ok(&["pain", "7", "--when", "during", "--date", &iso(date)]);
        }
        // Friday after: it hurt less (4): still not safe.
        if date == flare + Days::new(2) {
            l.env
                .ok(&["pain", "4", "--when", "during", "--date", &iso(date)]);
        }
        if date == flare + Days::new(5) {
            l.env
                .ok(&["pain", "1", "--when", "during", "--date", &iso(date)]);
        }
    });
    // Never a high-spinal-load exercise, never above RPE 7 (S-RECOVERY).
    for s in &l.seen {
        let ex = catalog
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == s.exercise())
            .unwrap();
        assert_ne!(ex["spinal_load"], "high", "{:?}", s.e);
        assert!(s.e["rpe"].as_f64().unwrap_or(0.0) <= 7.0, "{:?}", s.e);
    }
    // Friday: every exercise held back, including those Wednesday did not have.
    let friday: Vec<&Seen> = l
        .seen
        .iter()
        .filter(|s| s.date == flare + Days::new(2))
        .collect();
    assert!(!friday.is_empty());
    assert!(
        friday
            .iter()
            .any(|s| !wednesday.contains(&s.id().to_string())),
        "Friday has other exercises"
    );
    for s in &friday {
        assert!(
            [
                "reduce-load",
                "hold-load",
                "regress",
                "reduce-reps",
                "reduce-hold",
                "lighter-band",
                "start"
            ]
            .contains(&s.kind()),
            "Friday must not progress: {:?}",
            s.e
        );
        assert!(
            s.rules().contains(&"E-PAIN-MONITOR".to_string()),
            "{:?}",
            s.e
        );
        // No test set (RPE 7) while it hurts, not even on a loaded stand-in.
        assert!(
            s.kind() != "regress"
                || s.e["implement"].is_null()
                || (s.e["test"] != true && s.e["rpe"].as_f64().unwrap_or(0.0) <= 6.0 + 1e-9),
            "{:?}",
            s.e
        );
    }
    // Monday, still 4/10 on Friday: the pain regressions stay.
    let monday: Vec<&Seen> = l
        .seen
        .iter()
        .filter(|s| s.date == flare + Days::new(5))
        .collect();
    assert!(
        monday.iter().all(
            |s| !["increase-load", "add-hold", "graduate", "stronger-band"].contains(&s.kind())
        ),
        "{monday:?}"
    );
    // Wednesday after, the pain down to 1: back to the planned exercises, not for good.
    let after: Vec<&Seen> = l
        .seen
        .iter()
        .filter(|s| s.date == flare + Days::new(7))
        .collect();
    assert!(!after.is_empty());
    for s in &after {
        assert_ne!(s.kind(), "regress", "{:?}", s.e);
        if s.e["decision"]["action"]["kind"] != "graduate" {
            assert_eq!(
                s.id(),
                s.exercise(),
                "a regression for pain is not kept: {:?}",
                s.e
            );
        }
    }
    let regressed: Vec<&Seen> = friday
        .iter()
        .copied()
        .filter(|s| s.kind() == "regress")
        .collect();
    assert!(
        !regressed.is_empty(),
        "Friday steps back to easier versions"
    );
    for r in &regressed {
        assert_eq!(r.e["decision"]["action"]["pain"], true);
        // Not stored as a plan change: the plan's exercise is the old one again later.
        assert!(
            l.seen
                .iter()
                .any(|s| s.date > flare + Days::new(5) && s.id() == r.id()),
            "{} came back",
            r.id()
        );
    }
}

// ---------------------------------------------------------------- 4

#[test]
fn pound_lifter_gets_every_load_on_pound_steps() {
    let mut l = Lifter::new(
        &[
            "--goal",
            "strength",
            "--level",
            "intermediate",
            "--equipment",
            "gym",
            "--pullups",
            "6",
        ],
        |id| if id == "deadlift" { 225.0 } else { 95.0 },
    );
    assert_eq!(l.env.ok(&["config", "--unit", "lb"]).trim(), "unit: lb");
    l.follow(d("2026-01-05"), 56, ignore);
    let loaded: Vec<&Seen> = l.seen.iter().filter(|s| s.load().is_some()).collect();
    assert!(loaded.len() > 20, "{}", loaded.len());
    for s in &loaded {
        let lb = s.load().unwrap();
        let step = match s.e["implement"].as_str() {
            Some("machine" | "cable") => 10.0,
            _ => 5.0,
        };
        assert!(
            (lb / step - (lb / step).round()).abs() < 1e-6,
            "{lb} lb is not on {step} lb steps: {:?}",
            s.e
        );
        assert!(
            s.e["load_text"].as_str().unwrap().ends_with(" lb"),
            "{:?}",
            s.e
        );
        for r in s.e["ramp"].as_array().into_iter().flatten() {
            let t = r["load_text"].as_str().unwrap();
            assert!(t.ends_with(" lb"), "{t}");
        }
        if s.e["implement"] == "barbell" && lb > 45.0 {
            assert!(
                s.e["load_words"].as_str().unwrap().contains("lb a side"),
                "{:?}",
                s.e
            );
        }
    }
    // The deadlift moved up in pounds, by pound steps.
    let dl = l.of("deadlift");
    let ups: Vec<f64> = dl
        .iter()
        .filter(|s| s.kind() == "increase-load")
        .map(|s| s.e["decision"]["action"]["to_kg"].as_f64().unwrap() / 0.45359237)
        .collect();
    assert!(!ups.is_empty());
    assert!(
        ups.iter()
            .all(|lb| (lb / 5.0 - (lb / 5.0).round()).abs() < 1e-3),
        "{ups:?}"
    );
    assert!(
        dl.iter()
            .filter_map(|s| s.e["e1rm"].as_f64())
            .all(|e| e.fract() == 0.0),
        "whole pounds"
    );
    let text = l
        .env
        .ok(&["today", "--date", &iso(dl.last().unwrap().date)]);
    assert!(text.contains(" lb") && !text.contains(" kg"), "{text}");
}

// ---------------------------------------------------------------- 5

#[test]
fn zero_pull_ups_negatives_lead_to_chin_ups_then_pull_ups() {
    let mut l = Lifter::new(
        &[
            "--goal",
            "general",
            "--level",
            "beginner",
            "--equipment",
            "pullup-bar,mat",
            "--pullups",
            "0",
        ],
        |_| 0.0,
    );
    // Before any strict rep, a swap to the pull-up is refused (T-PULLUP).
    let err = l.env.bad(&["swap", "negative-pull-up", "pull-up"]);
    assert!(err.contains("T-PULLUP"), "{err}");
    l.follow(d("2026-01-05"), 63, ignore);
    let pull_path: Vec<(NaiveDate, String, String, String)> = l
        .seen
        .iter()
        .filter(|s| {
            ["negative-pull-up", "chin-up", "pull-up"].contains(&s.id())
                || ["chin-up", "pull-up"].contains(&s.exercise())
        })
        .map(|s| {
            (
                s.date,
                s.id().to_string(),
                s.exercise().to_string(),
                s.kind().to_string(),
            )
        })
        .collect();
    let to_chin = pull_path
        .iter()
        .position(|p| p.2 == "chin-up")
        .unwrap_or_else(|| panic!("no chin-ups: {pull_path:?}"));
    let to_pull = pull_path
        .iter()
        .position(|p| p.2 == "pull-up")
        .unwrap_or_else(|| panic!("no pull-ups: {pull_path:?}"));
    assert!(to_chin < to_pull, "{pull_path:?}");
    assert_eq!(pull_path[to_chin].3, "graduate");
    assert_eq!(pull_path[to_pull].3, "graduate");
    // The graduations stuck: the plan's exercise is the chin-up after the first, the pull-up after the second.
    assert!(
        pull_path[to_chin + 1..]
            .iter()
            .all(|p| p.1 != "negative-pull-up"),
        "{pull_path:?}"
    );
    assert!(
        pull_path[to_pull + 1..].iter().all(|p| p.1 == "pull-up"),
        "{pull_path:?}"
    );
    // Strict reps logged count as the ability (T-PULLUP): swaps within the
    // pull-up family are allowed now.
    let out = l.env.ok(&["swap", "pull-up", "chin-up"]);
    assert!(out.contains("swapped pull-up for chin-up"), "{out}");
}

// ---------------------------------------------------------------- 6

#[test]
fn missed_weeks_slide_the_programme_and_come_back_lighter() {
    let mut l = Lifter::new(
        &[
            "--goal",
            "strength",
            "--level",
            "intermediate",
            "--equipment",
            "gym",
            "--pullups",
            "8",
        ],
        |id| if id == "deadlift" { 100.0 } else { 40.0 },
    );
    // Weeks 1-2 done, weeks 3-4 missed, back on Monday of week 5.
    l.follow(d("2026-01-05"), 14, ignore);
    let back = d("2026-02-02");
    let t = l.today(back);
    assert_eq!(t["status"], "session");
    assert_eq!(
        (
            t["week"].as_u64(),
            t["day"].as_u64(),
            t["session_number"].as_u64()
        ),
        (Some(3), Some(1), Some(7)),
        "{t}"
    );
    assert_eq!(t["planned_for"], "2026-01-19");
    assert_eq!(t["missed"], 6);
    assert_eq!(
        t["break_days"], 17,
        "the last workout was Friday 2026-01-16"
    );
    let msg = t["message"].as_str().unwrap();
    assert!(
        msg.contains("slides") && msg.contains("upright's own rule"),
        "{msg}"
    );
    for e in t["exercises"].as_array().unwrap() {
        if e["load_kg"].is_number() && !e["test"].as_bool().unwrap() {
            let a = &e["decision"]["action"];
            assert_eq!(a["kind"], "reduce-load", "{e}");
            assert!(a["to_kg"].as_f64().unwrap() <= a["from_kg"].as_f64().unwrap() * 0.9 + 1e-9);
            assert!(
                e["decision"]["reasons"][0]["text"]
                    .as_str()
                    .unwrap()
                    .contains("17 days"),
                "{e}"
            );
        }
    }
    // Rest days in between say how many sessions are waiting.
    let rest = l.today(d("2026-01-27"));
    assert!(
        rest["message"].as_str().unwrap().contains("to catch up"),
        "{rest}"
    );
    // Back to training for five weeks: the sequence goes on where it stopped,
    // and loads climb again.
    l.follow(back, 35, ignore);
    let after: Vec<&Seen> = l.seen.iter().filter(|s| s.date >= back).collect();
    let weeks: Vec<u64> = after.iter().map(|s| s.week).collect();
    assert!(weeks.windows(2).all(|w| w[1] >= w[0]), "{weeks:?}");
    assert!(
        after
            .iter()
            .any(|s| s.kind() == "increase-load" && s.date > back + Days::new(7)),
        "progress resumes"
    );
    let dl = l.of("deadlift");
    assert!(dl.len() >= 7, "{}", dl.len());
}

// ---------------------------------------------------------------- 7

#[test]
fn after_a_test_set_each_exercise_works_in_its_own_range_at_a_load_from_the_test() {
    // The face pull (10-15) is tested at 12 reps @ RPE 7, off the RTS chart;
    // the other lifts at the 5 reps asked for. The session after every test
    // is the exercise's own range at a load from the test, never the test's
    // reps at the test weight (E-RTS, E-1RM).
    let mut l = Lifter::new(
        &[
            "--goal",
            "strength",
            "--level",
            "intermediate",
            "--equipment",
            "gym",
            "--pullups",
            "8",
        ],
        |id| if id == "deadlift" { 100.0 } else { 30.0 },
    );
    l.test_reps = |id| if id == "face-pull" { 12 } else { 5 };
    l.follow(d("2026-01-05"), 21, ignore);
    let mut checked = 0;
    let ids: Vec<String> = l.seen.iter().map(|s| s.exercise().to_string()).collect();
    for id in ids {
        let of = l.of(&id);
        let Some(i) = of.iter().position(|s| s.e["test"] == true) else {
            continue;
        };
        let Some(after) = of.get(i + 1) else { continue };
        checked += 1;
        let (lo, hi) = (
            after.e["reps_min"].as_u64().unwrap(),
            after.e["reps_max"].as_u64().unwrap(),
        );
        let target = after.e["target_reps"].as_u64().unwrap_or(hi);
        assert!(
            after.e["test"] == false && (lo..=hi).contains(&target),
            "{id}: {:?}",
            after.e
        );
        assert_eq!(after.kind(), "calibrate", "{id}: {:?}", after.e);
        let tested = (l.test_weight)(&id);
        let load = after.load().expect("a load from the test");
        if hi > 5 {
            assert!(load <= tested, "{id}: {load} for {lo}-{hi} after {tested}");
        }
    }
    assert!(checked >= 5, "{checked}");
    let face = l.of("face-pull");
    assert!(face.len() >= 2);
    assert_eq!(
        (
            face[1].e["reps_min"].as_u64(),
            face[1].e["reps_max"].as_u64(),
            face[1].e["target_reps"].as_u64()
        ),
        (Some(10), Some(15), Some(15)),
        "{:?}",
        face[1].e
    );
    assert!(face[1].load().unwrap() < 30.0, "{:?}", face[1].e);
    assert!(
        !face[1].e["log"].as_str().unwrap().contains("x5@"),
        "{:?}",
        face[1].e
    );
}

// ---------------------------------------------------------------- 8

#[test]
fn a_dumbbell_the_lifter_used_is_kept_even_off_the_two_kilo_grid() {
    // Dumbbells are assumed to come in 2 kg steps, but many racks go 2.5, 5,
    // 7.5: a 5 kg pair the lifter logged is a pair they have, so the next
    // session keeps 5 kg instead of rounding it to 4.
    let env = Env::new();
    env.ok(&[
        "plan",
        "--goal",
        "physique",
        "--level",
        "intermediate",
        "--equipment",
        "gym",
        "--pullups",
        "12",
        "--days",
        "3",
        "--minutes",
        "60",
        "--save",
        "--start",
        "2026-11-30",
    ]);
    env.ok(&[
        "log",
        "reverse-fly",
        "2x5@8",
        "--rpe",
        "7",
        "--date",
        "2026-11-30",
    ]);
    env.ok(&[
        "log",
        "reverse-fly",
        "3x15@5",
        "--rpe",
        "8",
        "--date",
        "2026-12-02",
    ]);
    let today = env.json(&["today", "--date", "2026-12-04", "--format", "json"]);
    let fly = today["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .find(|e| e["id"] == "reverse-fly")
        .unwrap_or_else(|| panic!("no reverse fly: {today}"));
    assert_eq!(fly["load_kg"].as_f64(), Some(5.0), "{fly}");
}

/// `progress` does not read a trend from a test set to one session: two
/// points, one of them the test the loads came from, are "no trend yet".
#[test]
fn a_test_set_and_one_session_are_no_trend_yet() {
    let env = Env::new();
    coach_common::save_strength_plan(&env);
    env.ok(&[
        "log",
        "deadlift",
        "1x5@100kg",
        "--rpe",
        "7",
        "--date",
        "2026-01-05",
    ]);
    env.ok(&[
        "log",
        "deadlift",
        "3x5@80kg",
        "--rpe",
        "6",
        "--date",
        "2026-01-12",
    ]);
    let out = env.ok(&["progress", "--date", "2026-01-13"]);
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with("deadlift"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("no trend yet"), "{line}");
    assert!(!line.contains('%'), "{line}");
}
