//! The solver against brute force on small random problems, and against the
//! general MIP path (microlp on `to_model`) on the same problems.

use super::solve;
use crate::plan::problem::{Cover, MuscleGoal, Problem, SessionLimit, Use};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// A small problem with every kind of row: tight minutes, a count cap, a heavy
/// cap, groups, a daily exercise, single and multi-muscle floors, volumes that
/// cannot reach their half-set targets.
fn random_problem(r: &mut Rng) -> Problem {
    let sessions = 1 + r.below(2) as usize;
    let n_muscles = 2 + r.below(2) as usize;
    let mut p = Problem {
        heavy_cap: r.pick(&[2.0, 4.0, 10.0]),
        ..Default::default()
    };
    for t in 0..sessions {
        p.sessions.push(SessionLimit {
            name: format!("s{t}"),
            seconds: r.pick(&[300.0, 600.0, 900.0, 1500.0]),
            max_exercises: r.pick(&[2, 3, 7]),
            min_exercises: r.pick(&[0, 2, 3]),
            days: r.pick(&[1, 2, 3]),
        });
    }
    p.groups = vec!["a".into(), "b".into()];
    let uses = 3 + r.below(4) as usize;
    for i in 0..uses {
        let big3 = r.below(6) == 0;
        let (min_units, max_units) = if big3 {
            (1, 1)
        } else {
            (r.pick(&[1, 2]), r.pick(&[3, 4]))
        };
        p.uses.push(Use {
            name: format!("u{i}"),
            session: r.below(sessions as u64) as usize,
            weekly: r.pick(&[1, 1, 2, 3]),
            unit_sets: if big3 { 3 } else { 1 },
            min_units,
            max_units,
            unit_seconds: r.pick(&[60.0, 90.0, 150.0]),
            fixed_seconds: r.pick(&[-60.0, 0.0, 30.0, 240.0]),
            use_cost: 0.5,
            set_value: r.pick(&[0.0625, 0.25, 0.5, 1.75]),
            stim: (0..n_muscles)
                .map(|_| r.pick(&[0.0, 0.0, 0.5, 1.0]))
                .collect(),
            heavy: r.below(4) == 0,
            group: [None, Some(0), Some(1)][r.below(3) as usize],
            daily: big3 && r.below(2) == 0,
        });
    }
    for m in 0..n_muscles {
        let lo = r.pick(&[0.0, 2.5, 4.0, 5.5]);
        p.muscles.push(MuscleGoal {
            name: format!("m{m}"),
            lo,
            hi: lo + r.pick(&[1.5, 4.0, 8.5]),
            weight: r.pick(&[0.5, 1.0, 3.75]),
        });
    }
    p.covers.push(Cover {
        name: "one".into(),
        muscles: vec![0],
        need: r.pick(&[1.0, 2.0, 6.5]),
    });
    p.covers.push(Cover {
        name: "two".into(),
        muscles: vec![0, 1],
        need: r.pick(&[3.0, 7.5]),
    });
    p
}

/// The best objective over every assignment (domains 0 or min..=max).
fn brute_force(p: &Problem) -> Option<f64> {
    let mut units = vec![0u32; p.uses.len()];
    let mut best: Option<f64> = None;
    loop {
        if p.feasible(&units) {
            let z = p.objective(&units);
            best = Some(best.map_or(z, |b: f64| b.min(z)));
        }
        // Next assignment, odometer style.
        let mut k = 0;
        loop {
            if k == units.len() {
                return best;
            }
            let u = &p.uses[k];
            units[k] = if units[k] == 0 {
                u.min_units
            } else {
                units[k] + 1
            };
            if units[k] <= u.max_units {
                break;
            }
            units[k] = 0;
            k += 1;
        }
    }
}

#[test]
fn the_solver_matches_brute_force_on_small_random_problems() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..300 {
        let p = random_problem(&mut r);
        let want = brute_force(&p).expect("the empty week is feasible");
        let got = solve(&p).expect("solvable");
        assert!(
            p.feasible(&got.units),
            "case {case}: infeasible answer {:?} for {p:#?}",
            got.units
        );
        assert!(
            (got.objective - p.objective(&got.units)).abs() < 1e-9,
            "case {case}: reported objective is not the problem's"
        );
        assert!(
            (got.objective - want).abs() < 1e-7,
            "case {case}: solver {} vs brute force {want}, units {:?}, {p:#?}",
            got.objective,
            got.units
        );
    }
}

#[test]
fn the_solver_matches_microlp_on_small_random_problems() {
    let mut r = Rng(0x0123_4567_89ab_cdef);
    for case in 0..60 {
        let p = random_problem(&mut r);
        let ours = solve(&p).expect("solvable");
        let theirs = p.solve_with_microlp().expect("solvable");
        assert!(
            (ours.objective - theirs.objective).abs() < 1e-6,
            "case {case}: {} vs microlp {}",
            ours.objective,
            theirs.objective
        );
    }
}

#[test]
fn a_problem_with_no_uses_is_its_constant() {
    let p = Problem {
        groups: vec!["row".into()],
        ..Default::default()
    };
    let s = solve(&p).unwrap();
    assert_eq!(s.units, Vec::<u32>::new());
    assert_eq!(s.objective, p.objective(&[]));
}

/// The problems of whole plans: personas (`all`: more of them, and seeded random profiles).
fn plan_problems(all: bool) -> Vec<(String, Problem)> {
    let mut lines: Vec<String> = [
        r#"{"goals":"posture","level":"beginner","equipment":"mat","desk_job":true}"#,
        r#"{"goals":"general","level":"beginner","equipment":"gym","pullups":0}"#,
        r#"{"goals":["strength","physique"],"level":"intermediate","equipment":"gym","pullups":8}"#,
        r#"{"goals":"athletic","level":"intermediate","equipment":["home","pullup-bar"],"sport_push":true}"#,
        r#"{"goals":"recovery","level":"beginner","equipment":"home","pain":"recovering"}"#,
        r#"{"goals":"strength","level":"advanced","equipment":"gym","pullups":12,"days":4,"minutes":75}"#,
        r#"{"goals":"prevention","level":"beginner","equipment":"mat","days":1,"minutes":20}"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if !all {
        // The ones microlp proves quickly in a debug build.
        return plan_lines_to_problems([0, 4, 6].iter().map(|i| lines[*i].clone()).collect());
    }
    let goals = [
        "physique",
        "strength",
        "athletic",
        "prevention",
        "recovery",
        "posture",
        "general",
    ];
    let kits = [
        r#"["gym"]"#,
        r#"["home"]"#,
        r#"["home","pullup-bar"]"#,
        r#"["mat"]"#,
        r#"["mat","dumbbells","bench"]"#,
    ];
    let levels = ["beginner", "intermediate", "advanced"];
    let mut r = Rng(0x005e_ed0f_0000_0007);
    for _ in 0..12 {
        lines.push(format!(
            r#"{{"goals":["{}","{}"],"level":"{}","equipment":{},"days":{},"minutes":{},"pullups":{}}}"#,
            r.pick(&goals),
            r.pick(&goals),
            r.pick(&levels),
            r.pick(&kits),
            1 + r.below(7),
            20 + 5 * r.below(21),
            r.below(15)
        ));
    }
    plan_lines_to_problems(lines)
}

fn plan_lines_to_problems(lines: Vec<String>) -> Vec<(String, Problem)> {
    use crate::catalog::Catalog;
    use crate::profile::ProfileInput;
    let catalog = Catalog::builtin();
    lines
        .into_iter()
        .filter_map(|l| {
            let input: ProfileInput = serde_json::from_str(&l).expect("valid line");
            let planned =
                crate::plan::plan(&input.into_profile().expect("valid profile"), &catalog)
                    .expect("plans");
            planned.problem.map(|p| (l, p))
        })
        .collect()
}

fn matches_microlp(all: bool) {
    for (line, p) in plan_problems(all) {
        let ours = solve(&p).expect("solvable");
        let theirs = p.solve_with_microlp().expect("solvable");
        assert!(p.feasible(&ours.units), "{line}: infeasible answer");
        assert!(
            (ours.objective - theirs.objective).abs() < 1e-6,
            "{line}: {} vs microlp {}",
            ours.objective,
            theirs.objective
        );
    }
}

#[test]
fn the_solver_matches_microlp_on_personas() {
    matches_microlp(false);
}

/// Minutes in a debug build (microlp takes seconds on some of these):
/// `cargo test --release -p upright-core --lib solver -- --ignored`.
#[test]
#[ignore]
fn the_solver_matches_microlp_on_more_personas_and_random_profiles() {
    matches_microlp(true);
}
