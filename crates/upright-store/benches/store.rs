//! Store benchmarks on a SQLite file (WAL, synchronous=FULL: every workout is
//! one fsynced transaction), in the target directory, not a tmpfs.
//!
//!     cargo bench -p upright-store --bench store
//!
//! * `log_workout`: one workout of 5 sets per transaction (elements = workouts).
//! * `sets_for`: reading a 10-year history of 50,000 sets.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use upright_store::{NewSet, Source, Store};

const EXERCISES: [&str; 10] = [
    "deadlift",
    "bent-over-row",
    "pull-up",
    "face-pull",
    "back-extension",
    "plank",
    "side-plank",
    "bird-dog",
    "lat-pulldown",
    "kettlebell-swing",
];
const HISTORY_WORKOUTS: u64 = 2_000;
const SETS_PER_HISTORY_WORKOUT: usize = 25; // 5 exercises x 5 sets
const HISTORY_SETS: usize = HISTORY_WORKOUTS as usize * SETS_PER_HISTORY_WORKOUT;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 5).unwrap()
}

fn five_sets(exercise: &str, i: u64) -> Vec<NewSet> {
    (0..5)
        .map(|k| NewSet {
            exercise_id: exercise.to_owned(),
            reps: Some(5 + k % 3),
            load_kg: Some(60.0 + (i % 40) as f64 * 2.5),
            hold_s: None,
            rpe: Some(7.5),
            note: None,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();

    // --- logging throughput
    let store = rt
        .block_on(Store::open_path(&dir.path().join("log.db")))
        .unwrap();
    let user = rt.block_on(store.local_user()).unwrap().id;
    let mut group = c.benchmark_group("log_workout");
    group.throughput(Throughput::Elements(1));
    let mut i = 0u64;
    group.bench_function("sqlite_file_5_sets_one_tx", |b| {
        b.iter(|| {
            i += 1;
            let day = start() + Days::new(i % 3650);
            rt.block_on(store.log_workout(user, day, None, Source::Cli, &five_sets("deadlift", i)))
                .unwrap()
        })
    });
    group.finish();
    rt.block_on(store.close());

    // --- a 10-year history of 50,000 sets
    let store = rt
        .block_on(Store::open_path(&dir.path().join("history.db")))
        .unwrap();
    let user = rt.block_on(store.local_user()).unwrap().id;
    let t = Instant::now();
    rt.block_on(async {
        for w in 0..HISTORY_WORKOUTS {
            let day = start() + Days::new(w * 3650 / HISTORY_WORKOUTS);
            let sets: Vec<NewSet> = (0..5)
                .flat_map(|e| five_sets(EXERCISES[((w * 5 + e) % 10) as usize], w))
                .collect();
            store
                .log_workout(user, day, None, Source::Import, &sets)
                .await
                .unwrap();
        }
    });
    let elapsed = t.elapsed();
    println!(
        "history: {HISTORY_WORKOUTS} workouts / {HISTORY_SETS} sets written in {:.2} s \
         ({:.0} workouts/s of 25 sets)",
        elapsed.as_secs_f64(),
        HISTORY_WORKOUTS as f64 / elapsed.as_secs_f64()
    );
    let deadlift_sets = rt
        .block_on(store.sets_for(user, Some("deadlift"), None, None))
        .unwrap()
        .len();
    let last_year = start() + Days::new(3650 - 365);
    let deadlift_year = rt
        .block_on(store.sets_for(user, Some("deadlift"), Some(last_year), None))
        .unwrap()
        .len();

    let mut group = c.benchmark_group("sets_for");
    group.sample_size(20);
    group.throughput(Throughput::Elements(HISTORY_SETS as u64));
    group.bench_function("all_50k_sets_10_years", |b| {
        b.iter(|| {
            let rows = rt.block_on(store.sets_for(user, None, None, None)).unwrap();
            assert_eq!(rows.len(), HISTORY_SETS);
            rows
        })
    });
    group.throughput(Throughput::Elements(deadlift_sets as u64));
    group.bench_function(format!("one_exercise_10_years_{deadlift_sets}_sets"), |b| {
        b.iter(|| {
            rt.block_on(store.sets_for(user, Some("deadlift"), None, None))
                .unwrap()
        })
    });
    group.throughput(Throughput::Elements(deadlift_year as u64));
    group.bench_function(
        format!("one_exercise_last_year_{deadlift_year}_sets"),
        |b| {
            b.iter(|| {
                rt.block_on(store.sets_for(user, Some("deadlift"), Some(last_year), None))
                    .unwrap()
            })
        },
    );
    group.finish();
    rt.block_on(store.close());
}

criterion_group!(benches, bench);
criterion_main!(benches);
