//! Plans profiles given as JSON lines on standard input and prints the
//! optimiser's figures (a quick look, not a benchmark: see benches/).
use std::io::BufRead;
use upright_core::{catalog::Catalog, plan::plan, profile::ProfileInput};

fn main() {
    let catalog = Catalog::builtin();
    for line in std::io::stdin().lock().lines() {
        let input: ProfileInput = serde_json::from_str(&line.unwrap()).unwrap();
        let profile = input.into_profile().unwrap();
        let t = std::time::Instant::now();
        let planned = plan(&profile, &catalog).unwrap();
        let o = planned.document.optimizer.unwrap();
        let step = planned.problem.as_ref().and_then(|p| p.objective_step());
        println!(
            "{:>9.3} ms total {:>9.3} ms solve {:>8} nodes obj {:>10.5} cands {} step {:?}",
            t.elapsed().as_secs_f64() * 1e3,
            o.millis,
            o.nodes,
            o.objective,
            o.candidates,
            step
        );
    }
}
