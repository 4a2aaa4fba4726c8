//! Figures for the base-week optimiser alone: builds each profile's problem
//! (JSON lines in the file given, e.g. the profiles of
//! scripts/bench-optimiser.sh from scripts/optimiser-profiles.py, index i being
//! that script's model i), solves it with `Problem::solve` and prints one
//! line per profile (nodes, milliseconds, objective, units) and the node and
//! time distributions with the slowest models. A tool for before/after
//! figures, not a timed test (node counts do not depend on machine load):
//!
//!     python3 scripts/optimiser-profiles.py 300 20261201 > p300.jsonl
//!     cargo run --release -p upright-core --example solver_figures -- p300.jsonl [index...]
use upright_core::{
    catalog::Catalog,
    plan::{candidates, optimizer, targets},
    profile::ProfileInput,
    screen::screen,
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().expect("a file of JSON profile lines");
    let only: Vec<usize> = args[1..]
        .iter()
        .map(|a| a.parse().expect("an index"))
        .collect();
    let text = std::fs::read_to_string(file).expect("readable");
    let catalog = Catalog::builtin();
    let mut rows: Vec<(usize, u64, f64)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if !only.is_empty() && !only.contains(&i) {
            continue;
        }
        let input: ProfileInput = serde_json::from_str(line).expect("a JSON profile");
        let profile = input.into_profile().expect("a valid profile");
        if screen(&profile).is_some() {
            continue;
        }
        let targets = targets::derive(&profile);
        let (cands, _) = candidates::select(&profile, &catalog);
        let problem = optimizer::build(&profile, &cands, &targets).0;
        let s = problem.solve().expect("solvable");
        println!(
            "{i:>5} nodes {:>9} ms {:>10.3} obj {:.9} units {:?}",
            s.nodes, s.millis, s.objective, s.units
        );
        rows.push((i, s.nodes, s.millis));
    }
    summary(&mut rows);
}

fn summary(rows: &mut [(usize, u64, f64)]) {
    if rows.is_empty() {
        return;
    }
    let q = |xs: &[f64], p: f64| xs[((xs.len() - 1) as f64 * p).round() as usize];
    let mut nodes: Vec<f64> = rows.iter().map(|r| r.1 as f64).collect();
    let mut ms: Vec<f64> = rows.iter().map(|r| r.2).collect();
    nodes.sort_by(f64::total_cmp);
    ms.sort_by(f64::total_cmp);
    println!("{} models", rows.len());
    for (name, xs) in [("nodes", &nodes), ("ms", &ms)] {
        println!(
            "{name:>6}: median {:.3}  p90 {:.3}  p99 {:.3}  max {:.3}  total {:.1}",
            q(xs, 0.5),
            q(xs, 0.9),
            q(xs, 0.99),
            xs[xs.len() - 1],
            xs.iter().sum::<f64>()
        );
    }
    rows.sort_by(|a, b| b.2.total_cmp(&a.2));
    let slowest: Vec<String> = rows
        .iter()
        .take(10)
        .map(|r| format!("{} ({} nodes, {:.1} ms)", r.0, r.1, r.2))
        .collect();
    println!("slowest: {}", slowest.join(", "));
}
