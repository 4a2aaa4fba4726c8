//! The coaching use cases over ten years of history, in-process, on a
//! SQLite file (WAL, synchronous=FULL) in the target directory:
//!
//!     cargo bench -p upright-app --bench coach
//!
//! * `progress/ten_years_50k_sets`: `App::progress` over 2,000 workouts of 25
//!   sets (50,000 sets) and ~1,000 pain entries, with a plan active: the
//!   store read and the figures, everything but printing.
//! * `today/ten_years`: `App::today` on a session day of that history.
//! * `log/one_workout_5_sets`: `App::log` of one exercise, 5 sets, one
//!   transaction each (elements = workouts), with that history and the plan.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use upright_app::log::LogRequest;
use upright_app::progress::ProgressRequest;
use upright_app::App;
use upright_core::catalog::Catalog;
use upright_core::profile::ProfileInput;
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

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 4).unwrap()
}

/// The history of `coach_bench`: 5 exercises of 5 sets every other day or so for ten years.
async fn fill(store: &Store) -> usize {
    let user = store.local_user().await.unwrap().id;
    let mut n = 0;
    for w in 0..WORKOUTS {
        let day = start() + Days::new(w * 3652 / WORKOUTS);
        let mut sets = Vec::new();
        for k in 0..5 {
            let (id, base) = EXERCISES[((w * 5 + k) % 10) as usize];
            for s in 0..5u32 {
                sets.push(if base > 0.0 {
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
                });
            }
        }
        n += sets.len();
        store
            .log_workout(user, day, None, Source::Import, &sets)
            .await
            .unwrap();
        if w % 2 == 0 {
            let timing = if w % 4 == 0 {
                PainTiming::During
            } else {
                PainTiming::NextMorning
            };
            store
                .log_pain(
                    user,
                    &PainEntry {
                        date: day,
                        score: (w % 6) as u8,
                        timing,
                        note: None,
                    },
                )
                .await
                .unwrap();
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let store = rt
        .block_on(Store::open_path(&dir.path().join("coach.db")))
        .unwrap();
    let t = Instant::now();
    let n = rt.block_on(fill(&store));
    println!(
        "history: {n} sets in {WORKOUTS} workouts written in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let app = App::new(store, Arc::new(Catalog::builtin()));
    let me = rt.block_on(app.local_actor()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 1, 4).unwrap();
    let profile = ProfileInput {
        goals: Some(vec!["strength".into()]),
        level: Some("intermediate".into()),
        equipment: Some(vec!["gym".into()]),
        pullups: Some(5),
        ..Default::default()
    }
    .into_profile()
    .unwrap();
    rt.block_on(app.save_plan(&me, profile, Some("2025-11-03"), today, |_| {}))
        .unwrap();

    // One call's split, as `progress --timings` reports it.
    for _ in 0..5 {
        let req = ProgressRequest {
            exercise: None,
            date: Some("2026-01-04".into()),
        };
        let v = rt.block_on(app.progress(&me, req, today)).unwrap();
        let t = Instant::now();
        let groups = rt
            .block_on(app.store().exercise_day_summaries(me.id, None, None, None))
            .unwrap();
        let summaries = t.elapsed();
        let t = Instant::now();
        let pain = rt
            .block_on(app.store().pain_scores(me.id, None, None))
            .unwrap();
        println!(
            "progress split: read {:.1} ms ({} groups: summaries alone {:.1} ms; {} pain entries {:.1} ms), compute {:.1} ms",
            v.read.as_secs_f64() * 1000.0,
            groups.len(),
            summaries.as_secs_f64() * 1000.0,
            pain.len(),
            t.elapsed().as_secs_f64() * 1000.0,
            v.compute.as_secs_f64() * 1000.0
        );
    }
    let mut group = c.benchmark_group("progress");
    group.sample_size(30);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("ten_years_50k_sets", |b| {
        b.iter(|| {
            let req = ProgressRequest {
                exercise: None,
                date: Some("2026-01-04".into()),
            };
            let v = rt.block_on(app.progress(&me, req, today)).unwrap();
            assert_eq!(v.progress.sets_logged, n);
            v
        })
    });
    group.finish();

    let mut group = c.benchmark_group("today");
    group.sample_size(20);
    group.bench_function("ten_years", |b| {
        b.iter(|| {
            rt.block_on(app.today(&me, Some("2026-01-05"), today))
                .unwrap()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("log");
    group.throughput(Throughput::Elements(1));
    let mut i = 0u64;
    group.bench_function("one_workout_5_sets", |b| {
        b.iter(|| {
            i += 1;
            let req = LogRequest {
                exercise: "deadlift".into(),
                sets: format!("5x5@{}kg", 100 + i % 40),
                again: true,
                date: Some("2026-01-05".into()),
                ..Default::default()
            };
            rt.block_on(app.log(&me, req, today)).unwrap()
        })
    });
    group.finish();
    rt.block_on(app.close());
}

criterion_group!(benches, bench);
criterion_main!(benches);
