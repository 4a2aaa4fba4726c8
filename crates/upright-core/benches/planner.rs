//! Planner benchmarks (criterion): `plan()` for each persona of the planner
//! issue, and over a fixed set of 200 seeded random profiles.
//!
//!     cargo bench -p upright-core --bench planner
//!
//! Besides criterion's figures, prints the per-plan median, p90 and worst case
//! over the 200 random profiles (each timed as the median of a few runs), so a
//! slow tail (the optimiser's branch and bound) shows up, not only the mean.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::{Duration, Instant};
use upright_core::catalog::Catalog;
use upright_core::plan::{plan, PlanError};
use upright_core::profile::{Profile, ProfileInput};

const PERSONAS: &[(&str, &str)] = &[
    (
        "desk_worker_mat",
        r#"{"goals":"posture","level":"beginner","equipment":"mat","desk_job":true}"#,
    ),
    (
        "gym_beginner",
        r#"{"goals":"general","level":"beginner","equipment":"gym","pullups":0}"#,
    ),
    (
        "intermediate_lifter",
        r#"{"goals":["strength","physique"],"level":"intermediate","equipment":"gym","pullups":8}"#,
    ),
    (
        "climber_swimmer",
        r#"{"goals":"athletic","level":"intermediate","equipment":["home","pullup-bar"],"sport_push":true}"#,
    ),
    (
        "recovery",
        r#"{"goals":"recovery","level":"beginner","equipment":"home","pain":"recovering"}"#,
    ),
    (
        "referral",
        r#"{"goals":"general","level":"beginner","equipment":"home","red_flags":["saddle-numbness"]}"#,
    ),
];

const GOALS: &[&str] = &[
    "physique",
    "strength",
    "athletic",
    "prevention",
    "recovery",
    "posture",
    "general",
];
const LEVELS: &[&str] = &["beginner", "intermediate", "advanced"];
const EQUIPMENT: &[&str] = &[
    "mat",
    "dumbbells",
    "kettlebell",
    "barbell",
    "rack",
    "bench",
    "cable",
    "machines",
    "pullup-bar",
    "bands",
];

/// xorshift64: a fixed seed gives the same 200 profiles on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn subset(&mut self, from: &[&str], p_in: u64) -> Vec<String> {
        from.iter()
            .filter(|_| self.below(100) < p_in)
            .map(|s| s.to_string())
            .collect()
    }
}

/// A random, plannable (not referred) profile over every field.
fn random_input(r: &mut Rng, ids: &[String]) -> ProfileInput {
    let mut goals = r.subset(GOALS, 25);
    if goals.is_empty() {
        goals.push(GOALS[r.below(GOALS.len() as u64) as usize].to_string());
    }
    let equipment = match r.below(4) {
        0 => vec!["gym".to_string()],
        1 => vec!["home".to_string()],
        _ => r.subset(EQUIPMENT, 50),
    };
    let flag = |r: &mut Rng| Some(r.below(4) == 0);
    let exclude: Vec<String> = if r.below(3) == 0 {
        (0..r.below(4))
            .map(|_| ids[r.below(ids.len() as u64) as usize].clone())
            .collect()
    } else {
        Vec::new()
    };
    ProfileInput {
        goals: Some(goals),
        level: Some(LEVELS[r.below(3) as usize].to_string()),
        equipment: Some(equipment),
        days: Some(r.range(1, 7)),
        minutes: Some(r.range(10, 180)),
        weeks: Some(r.range(1, 12)),
        desk_job: flag(r),
        manual_labour: flag(r),
        sport_push: flag(r),
        other_back_activity: flag(r),
        home_equipment: None,
        sport: None,
        pullups: if r.below(2) == 0 {
            Some(r.range(0, 20))
        } else {
            None
        },
        pain: Some(["none", "none", "recovering"][r.below(3) as usize].to_string()),
        red_flags: None,
        age: if r.below(2) == 0 {
            Some(r.range(12, 100))
        } else {
            None
        },
        exclude: Some(exclude),
    }
}

/// 200 fixed profiles that plan (refusals for too little time are skipped).
fn random_profiles(catalog: &Catalog) -> Vec<Profile> {
    let ids: Vec<String> = catalog.iter().map(|e| e.id.clone()).collect();
    let mut r = Rng(0x0b5e_55ed_u64 ^ 0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    while out.len() < 200 {
        let p = random_input(&mut r, &ids)
            .into_profile()
            .expect("generated profiles are valid");
        match plan(&p, catalog) {
            Ok(_) => out.push(p),
            Err(PlanError::CannotTrain(_)) => {}
            Err(e) => panic!("{e}"),
        }
    }
    out
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Per-plan figures over the random set: the median of 5 runs for each profile,
/// then the median, p90 and worst of those.
fn report_per_plan(catalog: &Catalog, profiles: &[Profile]) {
    let mut per: Vec<(Duration, &Profile)> = profiles
        .iter()
        .map(|p| {
            let mut runs: Vec<Duration> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    black_box(plan(black_box(p), catalog).ok());
                    t.elapsed()
                })
                .collect();
            (median(&mut runs), p)
        })
        .collect();
    per.sort_by_key(|(d, _)| *d);
    let at = |q: f64| per[((per.len() - 1) as f64 * q).round() as usize].0;
    let total: Duration = per.iter().map(|(d, _)| *d).sum();
    println!(
        "planner/random200 per plan: median {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, worst {:.3} ms, mean {:.3} ms",
        at(0.5).as_secs_f64() * 1e3,
        at(0.9).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3 / per.len() as f64
    );
    let (worst, p) = per.last().expect("200 profiles");
    println!(
        "planner/random200 slowest ({:.3} ms): {}",
        worst.as_secs_f64() * 1e3,
        serde_json::to_string(p).expect("serialises")
    );
}

fn personas(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let mut group = c.benchmark_group("planner/persona");
    for (name, json) in PERSONAS {
        let input: ProfileInput = serde_json::from_str(json).expect("persona parses");
        let profile = input.into_profile().expect("persona is valid");
        group.bench_with_input(BenchmarkId::from_parameter(name), &profile, |b, p| {
            b.iter(|| plan(black_box(p), &catalog).expect("plans"))
        });
    }
    group.finish();
}

fn random200(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let profiles = random_profiles(&catalog);
    // `cargo test --all-targets` runs benches once as a smoke test (no `--bench`): skip the report there.
    if std::env::args().any(|a| a == "--bench") {
        report_per_plan(&catalog, &profiles);
    }
    let mut group = c.benchmark_group("planner/random200");
    group.throughput(Throughput::Elements(profiles.len() as u64));
    group.sample_size(10);
    group.bench_function("all_200", |b| {
        b.iter(|| {
            for p in &profiles {
                black_box(plan(black_box(p), &catalog).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, personas, random200);
criterion_main!(benches);
