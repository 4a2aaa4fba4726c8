//! Plans a few personas and prints the optimiser's figures (a quick look, not a benchmark).
use upright_core::{catalog::Catalog, plan::plan, profile::ProfileInput};

fn main() {
    let catalog = Catalog::builtin();
    let personas = [
        r#"{"goals":"posture","level":"beginner","equipment":"mat","desk_job":true}"#,
        r#"{"goals":"strength,physique","level":"intermediate","equipment":"gym"}"#,
        r#"{"goals":"athletic","level":"advanced","equipment":"gym","sport_push":true,"pullups":10}"#,
        r#"{"goals":"recovery","level":"beginner","equipment":"home","pain":"recovering"}"#,
        r#"{"goals":"general","level":"beginner","equipment":"gym"}"#,
    ];
    for p in personas {
        let input: ProfileInput = serde_json::from_str(p).unwrap();
        let profile = input.into_profile().unwrap();
        let t = std::time::Instant::now();
        let d = plan(&profile, &catalog).unwrap().document;
        let o = d.optimizer.unwrap();
        println!("{:>9.3} ms total {:>9.3} ms solve {:>8} nodes obj {:>10.5} cands {}", t.elapsed().as_secs_f64() * 1e3, o.millis, o.nodes, o.objective, o.candidates);
    }
}
