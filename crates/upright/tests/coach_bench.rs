//! Benchmark of `upright progress` over ten years of history (50,000 sets,
//! 2,000 workouts, ~1,000 pain entries). Ignored by default (it fills a
//! database first); run it with
//!
//!     cargo test --release -p upright --test coach_bench -- --ignored --nocapture
//!
//! It prints the split the binary reports with `--timings` (open, read,
//! compute, render) and, measured in-process, the store's `sets_for` alone.

mod coach_common;

use chrono::{Days, NaiveDate};
use coach_common::Env;
use std::time::Instant;
use upright_store::{NewSet, PainEntry, PainTiming, Source, Store};

const WORKOUTS: u64 = 2_000;
const EXERCISES: [(&str, f64); 10] = [
    ("deadlift", 100.0),
    ("bent-over-row", 60.0),
    ("back-squat", 80.0),
    ("lat-pulldown", 50.0),
    ("face-pull", 20.0),
    ("rack-pull", 110.0),
    ("one-arm-row", 24.0),
    ("plank", 0.0),
    ("bird-dog", 0.0),
    ("back-extension", 0.0),
];

fn fill(env: &Env) -> usize {
    let start = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = rt.block_on(Store::open_path(&env.db)).unwrap();
    let user = rt.block_on(store.local_user()).unwrap().id;
    let mut n = 0;
    for w in 0..WORKOUTS {
        let day = start + Days::new(w * 3652 / WORKOUTS);
        let mut sets = Vec::new();
        for k in 0..5 {
            let (id, base) = EXERCISES[((w * 5 + k) % 10) as usize];
            for s in 0..5u32 {
                let set = if base > 0.0 {
                    NewSet {
                        exercise_id: id.into(),
                        reps: Some(5 + s % 3),
                        load_kg: Some(base + (w % 50) as f64 * 0.5),
                        rpe: Some(8.0),
                        ..Default::default()
                    }
                } else if id == "plank" {
                    NewSet {
                        exercise_id: id.into(),
                        hold_s: Some(30 + (w % 10) as u32),
                        ..Default::default()
                    }
                } else {
                    NewSet {
                        exercise_id: id.into(),
                        reps: Some(10 + s),
                        ..Default::default()
                    }
                };
                sets.push(set);
            }
        }
        n += sets.len();
        rt.block_on(store.log_workout(user, day, None, Source::Import, &sets))
            .unwrap();
        if w % 2 == 0 {
            let entry = PainEntry {
                date: day,
                score: (w % 6) as u8,
                timing: if w % 4 == 0 {
                    PainTiming::During
                } else {
                    PainTiming::NextMorning
                },
                note: None,
            };
            rt.block_on(store.log_pain(user, &entry)).unwrap();
        }
    }
    let t = Instant::now();
    let rows = rt.block_on(store.sets_for(user, None, None, None)).unwrap();
    eprintln!(
        "store sets_for, all {} rows, in-process: {:.1} ms",
        rows.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    rt.block_on(store.close());
    n
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[test]
#[ignore = "benchmark: fills a 50,000-set database first"]
fn bench_progress_over_ten_years() {
    let env = Env::new();
    let t = Instant::now();
    let n = fill(&env);
    eprintln!("filled {n} sets in {:.1} s", t.elapsed().as_secs_f64());
    let out = env.run(&[
        "plan",
        "--goal",
        "strength",
        "--level",
        "intermediate",
        "--equipment",
        "gym",
        "--save",
        "--start",
        "2025-11-03",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let svg = env.path("p.svg");
    let mut split: Vec<Vec<f64>> = vec![Vec::new(); 5];
    let mut wall = Vec::new();
    for round in 0..7 {
        let t = Instant::now();
        let args: Vec<&str> = if round % 2 == 0 {
            vec![
                "progress",
                "--format",
                "json",
                "--timings",
                "--date",
                "2026-01-04",
            ]
        } else {
            vec![
                "progress",
                "--format",
                "json",
                "--timings",
                "--date",
                "2026-01-04",
                "--svg",
                svg.to_str().unwrap(),
            ]
        };
        let out = env.run(&args);
        wall.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let line = err
            .lines()
            .find(|l| l.starts_with("timings:"))
            .expect("timings line");
        for (k, key) in ["open=", "read=", "compute=", "render=", "total="]
            .iter()
            .enumerate()
        {
            let v = line.split(key).nth(1).unwrap().split("ms").next().unwrap();
            split[k].push(v.parse().unwrap());
        }
        if round == 0 {
            let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(p["sets_logged"].as_u64().unwrap() as usize, n);
            assert_eq!(p["e1rm"].as_array().unwrap().len(), 7);
        }
    }
    let names = [
        "open",
        "read (sets_for + pain + plan)",
        "compute",
        "render (JSON, SVG)",
        "total in-process",
    ];
    eprintln!("progress over {n} sets, median of 7:");
    for (k, name) in names.iter().enumerate() {
        eprintln!("  {name:<32} {:>8.1} ms", median(split[k].clone()));
    }
    eprintln!("  {:<32} {:>8.1} ms", "wall (process)", median(wall));
    let svg = std::fs::read_to_string(&svg).unwrap();
    eprintln!("  svg: {} KB", svg.len() / 1024);
    assert!(
        svg.contains("Conventional deadlift") || svg.contains("Deadlift"),
        "names the exercises"
    );
}
