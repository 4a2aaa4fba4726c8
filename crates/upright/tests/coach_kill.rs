//! Killing `upright log` mid-write: every log that exited 0 is in the history,
//! and no workout is partial (each is one transaction). Processes are
//! SIGKILLed at random moments (the seed is printed to replay a failure),
//! first one after another from a fresh file (so some die while migrating),
//! then many at once racing for the write lock.

mod coach_common;

use coach_common::Env;
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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
}

const SETS: usize = 5;

fn spawn(env: &Env, i: usize) -> Child {
    // Each log is told apart by its note and its reps: 5 sets of (i % 7 + 1) at 40 + i kg.
    let sets = format!("{SETS}x{}@{}kg", i % 7 + 1, 40 + i);
    Command::new(assert_cmd::cargo::cargo_bin("upright"))
        .env_remove("UPRIGHT_DATABASE_URL")
        .arg("--db")
        .arg(&env.db)
        .args([
            "log",
            "deadlift",
            &sets,
            "--date",
            "2026-01-05",
            "--note",
            &format!("n{i}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Exit 0, killed, or failed otherwise (which must not happen).
fn finish(mut c: Child, kill_at: Option<Instant>) -> Option<bool> {
    if let Some(at) = kill_at {
        let now = Instant::now();
        if at > now {
            std::thread::sleep(at - now);
        }
        let _ = c.kill(); // SIGKILL on Unix; harmless if it already exited
    }
    let status = c.wait().unwrap();
    match status.code() {
        Some(0) => Some(true),
        None => Some(false), // killed by the signal
        Some(code) => panic!("upright log exited {code} without being killed"),
    }
}

#[test]
fn killed_logs_leave_no_partial_workout_and_lose_no_acknowledged_one() {
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("seed {seed}");
    let mut rng = Rng(seed);
    let env = Env::new();
    let mut ok: Vec<usize> = Vec::new();
    let mut killed = 0;

    // How long one log takes here (the first also creates the file).
    assert_eq!(finish(spawn(&env, 0), None), Some(true));
    ok.push(0);
    let t = Instant::now();
    assert_eq!(finish(spawn(&env, 1), None), Some(true));
    ok.push(1);
    let life = t.elapsed().as_micros().max(1000) as u64;
    eprintln!("one log takes {} ms", life / 1000);

    // One after another, killed within its lifetime (or left alone one time in four).
    for i in 2..40 {
        let c = spawn(&env, i);
        let kill = (rng.below(4) != 0)
            .then(|| Instant::now() + Duration::from_micros(rng.below(life * 6 / 5)));
        match finish(c, kill) {
            Some(true) => ok.push(i),
            _ => killed += 1,
        }
    }
    // Many at once: half of them killed at random moments.
    let children: Vec<(usize, Child, Option<Instant>)> = (100..140)
        .map(|i| {
            let c = spawn(&env, i);
            let kill = (rng.below(2) == 0)
                .then(|| Instant::now() + Duration::from_micros(rng.below(life * 20)));
            (i, c, kill)
        })
        .collect();
    let mut children = children;
    // Kill in time order; the ones left alone are waited for last.
    let never = Instant::now() + Duration::from_secs(3600);
    children.sort_by_key(|(_, _, k)| k.unwrap_or(never));
    for (i, c, kill) in children {
        match finish(c, kill) {
            Some(true) => ok.push(i),
            _ => killed += 1,
        }
    }
    eprintln!("{} logs acknowledged, {killed} killed", ok.len());
    assert!(!ok.is_empty());

    let h: Value = env.json(&["history", "--format", "json"]);
    let mut workouts: BTreeMap<i64, Vec<&Value>> = BTreeMap::new();
    for s in h["sets"].as_array().unwrap() {
        workouts
            .entry(s["workout"].as_i64().unwrap())
            .or_default()
            .push(s);
    }
    let mut found: BTreeMap<usize, i64> = BTreeMap::new();
    for (w, sets) in &workouts {
        assert_eq!(sets.len(), SETS, "workout {w} is partial: {sets:?}");
        let idx: Vec<i64> = sets.iter().map(|s| s["set"].as_i64().unwrap()).collect();
        assert_eq!(idx, (1..=SETS as i64).collect::<Vec<_>>(), "workout {w}");
        let note = sets[0]["note"]
            .as_str()
            .expect("the first set carries the note");
        let i: usize = note.trim_start_matches('n').parse().unwrap();
        for s in sets {
            assert_eq!(
                s["reps"].as_u64().unwrap() as usize,
                i % 7 + 1,
                "workout {w} mixes logs"
            );
            assert_eq!(
                s["load_kg"].as_f64().unwrap(),
                (40 + i) as f64,
                "workout {w} mixes logs"
            );
        }
        assert!(found.insert(i, *w).is_none(), "log n{i} written twice");
    }
    for i in &ok {
        assert!(
            found.contains_key(i),
            "log n{i} exited 0 but is not in the history (seed {seed})"
        );
    }
    assert!(
        killed > 0,
        "nothing was killed: the test proved nothing (seed {seed})"
    );
    // The database is still fine for the next command.
    env.ok(&["log", "deadlift", "1x1@100kg", "--date", "2026-01-06"]);
}
