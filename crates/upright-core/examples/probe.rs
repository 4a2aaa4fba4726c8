//! Plans profiles given as JSON lines on standard input and prints, per line,
//! the whole plan's time and the optimiser's figures (a quick look, not a
//! benchmark: see benches/ and scripts/bench-*.sh). Lines that are referred or
//! refused print their status instead.
use std::io::BufRead;
use upright_core::{catalog::Catalog, plan::plan, profile::ProfileInput};

fn main() {
    let catalog = Catalog::builtin();
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.expect("a line");
        let input: ProfileInput = match serde_json::from_str(&line) {
            Ok(x) => x,
            Err(e) => {
                println!("{i:>6} bad-json {e}");
                continue;
            }
        };
        let Ok(profile) = input.into_profile() else {
            println!("{i:>6} bad-profile");
            continue;
        };
        let t = std::time::Instant::now();
        let planned = match plan(&profile, &catalog) {
            Ok(p) => p,
            Err(e) => {
                println!("{i:>6} refused {e}");
                continue;
            }
        };
        let Some(o) = planned.document.optimizer else {
            println!("{i:>6} referred");
            continue;
        };
        let (uses, sessions) = planned
            .problem
            .as_ref()
            .map(|p| (p.uses.len(), p.sessions.len()))
            .unwrap_or((0, 0));
        println!(
            "{i:>6} plan {:>9.3} total {:>9.3} solve {:>8} nodes {:>12.5} obj {uses} uses {sessions} sessions",
            t.elapsed().as_secs_f64() * 1e3,
            o.millis,
            o.nodes,
            o.objective,
        );
    }
}
