//! `upright assess` end to end (issue 14): the battery recorded from flags
//! and through the guided flow on a pseudo-terminal, the report in words and
//! JSON, history, safety (referral, recovering back, pain), plans that adapt,
//! the retest in `today`, the trend in `progress`, and form cues in
//! `catalog show`, `today` and the plans.

mod coach_common;

use coach_common::{save_strength_plan, Env};
use serde_json::Value;

const TIMES: [&str; 8] = [
    "--flexor",
    "120",
    "--extensor",
    "150",
    "--side-right",
    "80",
    "--side-left",
    "90",
];

fn assess(env: &Env, extra: &[&str]) -> Value {
    let mut args = vec!["assess"];
    args.extend_from_slice(&TIMES);
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--format", "json"]);
    env.json(&args)
}

#[test]
fn e_mcgill_endurance_report_puts_times_beside_the_norms_and_ratios_beside_targets() {
    let env = Env::new();
    let mut args = vec!["assess"];
    args.extend_from_slice(&TIMES);
    args.extend_from_slice(&["--sex", "male", "--date", "2026-01-05"]);
    let out = env.run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "trunk flexor hold    120 s",
        "norm: men 136 s (88% of it)",
        "norm: men 161 s (93% of it)",
        // 120/150 = 0.80; 80/90 = 0.89; the worse side bridge:extension is 90/150 = 0.60.
        "flexion:extension        0.80 on target",
        "right:left side bridge   0.89 off target",
        "side bridge:extension    0.60 on target",
        "(right 0.53, left 0.60)",
        "Weakest link: Right side of the trunk",
        "they do not diagnose anything",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
    assert!(
        !text.contains("women"),
        "male: the men's norms only\n{text}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("recorded endurance battery 1")
            && err.contains("retest due on Monday 2026-02-02"),
        "{err}"
    );

    // Unspecified shows both tables; JSON is the core report.
    let r = assess(&env, &["--date", "2026-01-06"]);
    assert_eq!(r["sex"], "unspecified");
    let norms: Vec<&str> = r["holds"][0]["norms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["sex"].as_str().unwrap())
        .collect();
    assert_eq!(norms, vec!["male", "female"]);
    let ratios: Vec<(f64, bool)> = r["ratios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["value"].as_f64().unwrap(), x["met"].as_bool().unwrap()))
        .collect();
    assert_eq!(ratios, vec![(0.8, true), (0.89, false), (0.6, true)]);
    assert_eq!(
        r["ratios"][1]["target"],
        serde_json::json!({"within": 0.05, "of": 1.0})
    );
    assert_eq!(
        r["weakest_link"]["link"],
        serde_json::json!({"ratio": "right_left"})
    );
    assert_eq!(r["weakest_link"]["side"], "right");
    assert!(r["disclaimer"]
        .as_str()
        .unwrap()
        .contains("do not diagnose"));
}

#[test]
fn history_lists_every_battery_rescored() {
    let env = Env::new();
    assert!(env
        .ok(&["assess", "--history"])
        .contains("No endurance battery recorded yet"));
    assess(&env, &["--date", "2026-01-05", "--sex", "female"]);
    env.json(&[
        "assess",
        "--flexor",
        "150",
        "--extensor",
        "100",
        "--side-right",
        "60",
        "--side-left",
        "61",
        "--date",
        "2026-02-02",
        "--format",
        "json",
    ]);
    let text = env.ok(&["assess", "--history"]);
    assert!(text.contains("Endurance batteries (2)"), "{text}");
    assert!(
        text.contains("2026-02-02") && text.contains("1.50x") && text.contains("back extensors"),
        "{text}"
    );
    let h = env.json(&["assess", "--history", "--format", "json"]);
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (
            h[0]["id"].as_i64(),
            h[0]["date"].as_str(),
            h[0]["sex"].as_str()
        ),
        (Some(1), Some("2026-01-05"), Some("female"))
    );
    assert_eq!(h[1]["ratios"][0]["value"], 1.5);
    assert!(h[1]["recorded_at"].is_string());
    env.bad(&["assess", "--history", "--flexor", "100"]);
}

#[test]
fn s_redflag_no_test_while_the_screen_refers() {
    let env = Env::new();
    let mut args = vec!["assess"];
    args.extend_from_slice(&TIMES);
    args.extend_from_slice(&["--red-flag", "saddle-numbness"]);
    let out = env.run(&args);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("NO ENDURANCE TEST: referral (emergency)") && text.contains("S-REDFLAG"),
        "{text}"
    );
    args.extend_from_slice(&["--format", "json"]);
    let out = env.run(&args);
    assert_eq!(out.status.code(), Some(3));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["status"], "refer");
    assert_eq!(j["referral"]["urgency"], "emergency");
    // Acute pain: no test either; a saved plan's own acute profile would refuse too.
    let out = env.run(&["assess", "--flexor", "100", "--pain", "acute"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("S-ACUTE"));
    // Nothing was stored.
    assert_eq!(
        env.json(&["assess", "--history", "--format", "json"]),
        serde_json::json!([])
    );
}

#[test]
fn s_recovery_the_report_says_which_tests_were_swapped_and_pain_is_logged() {
    let env = Env::new();
    let out = env.run(&[
        "assess",
        "--flexor",
        "100",
        "--extensor",
        "60",
        "--side-right",
        "30",
        "--side-left",
        "40",
        "--pain",
        "recovering",
        "--stopped-by-pain",
        "side-left",
        "--pain-score",
        "4",
        "--date",
        "2026-01-05",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Changed for your back:",
        "back extensor hold: bird-dog hold instead",
        "right side bridge: side bridge from the knees instead",
        "S-RECOVERY",
        "stopped by pain: logged as pain, not scored",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 pain entry logged"));
    let h = env.json(&["history", "--format", "json"]);
    let pain = h["pain"].as_array().unwrap();
    assert_eq!(pain.len(), 1, "{h}");
    assert_eq!(
        (pain[0]["score"].as_i64(), pain[0]["date"].as_str()),
        (Some(4), Some("2026-01-05"))
    );
    let b = env.json(&["assess", "--history", "--format", "json"]);
    assert_eq!(b[0]["recovering"], true);
    assert_eq!(b[0]["substitutions"].as_array().unwrap().len(), 3);
    assert_eq!(b[0]["stopped_by_pain"], serde_json::json!(["side_left"]));
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let env = Env::new();
    // No times and no terminal (the test's stdin is not one).
    let e = env.bad(&["assess"]);
    assert!(
        e.contains("missing --flexor, --extensor, --side-right, --side-left"),
        "{e}"
    );
    for (args, field) in [
        (
            vec!["--flexor", "abc"],
            "flexor: 'abc' is not a whole number of seconds; accepted: 1 to 600",
        ),
        (
            vec!["--side-right", "700"],
            "side-right: 700 is out of range",
        ),
        (
            vec!["--flexor", "90", "--sex", "other"],
            "sex: unknown sex 'other'",
        ),
        (vec!["--flexor", "90", "--date", "2999-01-01"], "date:"),
        (
            vec!["--flexor", "90", "--stopped-by-pain", "flexor"],
            "pain-score: required",
        ),
        (
            vec![
                "--flexor",
                "90",
                "--stopped-by-pain",
                "abs",
                "--pain-score",
                "3",
            ],
            "stopped-by-pain: unknown test 'abs'",
        ),
        (
            vec![
                "--flexor",
                "90",
                "--stopped-by-pain",
                "extensor",
                "--pain-score",
                "3",
            ],
            "stopped-by-pain: 'extensor' has no time",
        ),
        (
            vec![
                "--flexor",
                "90",
                "--stopped-by-pain",
                "flexor",
                "--pain-score",
                "11",
            ],
            "pain-score:",
        ),
        (vec!["--flexor", "90", "--pain", "sore"], "pain:"),
        (vec!["--flexor", "90", "--format", "xml"], "format:"),
    ] {
        let mut a = vec!["assess"];
        a.extend_from_slice(&args);
        let e = env.bad(&a);
        assert!(e.contains(field), "{args:?}: {e}");
    }
    assert_eq!(
        env.json(&["assess", "--history", "--format", "json"]),
        serde_json::json!([])
    );
    assert_eq!(
        env.json(&["history", "--format", "json"])["pain"],
        serde_json::json!([])
    );
}

fn strength_plan(env: &Env, save: bool) -> Value {
    let mut args = vec![
        "plan",
        "--goal",
        "strength",
        "--level",
        "intermediate",
        "--equipment",
        "gym",
        "--pullups",
        "5",
        "--format",
        "json",
        "--reproducible",
    ];
    if save {
        args.extend_from_slice(&["--save", "--start", "2026-01-05"]);
    }
    env.json(&args)
}

#[test]
fn r_endure_saved_plans_adapt_to_the_latest_battery() {
    let env = Env::new();
    // Without a battery, a saved plan is the plan printed without saving, byte for byte.
    let plain = strength_plan(&env, false);
    assert_eq!(strength_plan(&env, true), plain);
    // flexion:extension 150/100 = 1.50: the back extensors are the weakest link.
    env.json(&[
        "assess",
        "--flexor",
        "150",
        "--extensor",
        "100",
        "--side-right",
        "60",
        "--side-left",
        "61",
        "--date",
        "2026-01-05",
        "--format",
        "json",
    ]);
    let adapted = strength_plan(&env, true);
    let before = plain["targets"]["spinal_erectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect::<Vec<_>>();
    let after = adapted["targets"]["spinal_erectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect::<Vec<_>>();
    assert_eq!(after, vec![before[0] + 4.0, before[1] + 4.0]);
    assert_eq!(adapted["targets"]["obliques"], plain["targets"]["obliques"]);
    let rules: Vec<&str> = adapted["rules_applied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"R-ENDURE") && rules.contains(&"E-MCGILL-ENDURANCE"),
        "{rules:?}"
    );
    let notes = adapted["notes"].to_string();
    assert!(
        notes.contains("Endurance battery: Back extensor endurance")
            && notes.contains("next is due on 2026-02-02"),
        "{notes}"
    );
    // A plan printed without --save reads no database: as before.
    assert_eq!(strength_plan(&env, false), plain);
    // Excluding an exercise re-plans with the battery too.
    let first = adapted["weeks"][0]["sessions"][0]["exercises"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["exclude", &first]);
    let today = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
    assert!(today["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["id"] != first.as_str()));
}

#[test]
fn today_says_when_a_retest_is_due_and_shows_the_cues() {
    let env = Env::new();
    save_strength_plan(&env);
    let t = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
    assert!(t.get("retest").is_none(), "no battery, no retest line");
    assert!(
        t["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["cues"].as_array().is_some_and(|c| !c.is_empty())),
        "{t}"
    );
    assess(&env, &["--date", "2026-01-05"]);
    let t = env.json(&["today", "--date", "2026-02-01", "--format", "json"]);
    assert!(t.get("retest").is_none(), "27 days after: not due yet");
    let t = env.json(&["today", "--date", "2026-02-02", "--format", "json"]);
    assert_eq!(t["retest"]["due_on"], "2026-02-02");
    assert_eq!(t["retest"]["overdue"], false);
    let text = env.ok(&["today", "--date", "2026-02-20"]);
    assert!(
        text.contains("last endurance battery was 46 days ago") && text.contains("upright assess"),
        "{text}"
    );
    let text = env.ok(&["today", "--date", "2026-01-05"]);
    assert!(text.contains("    form:  "), "{text}");
}

#[test]
fn progress_shows_each_tests_times_and_the_ratios_over_time() {
    let env = Env::new();
    let p = env.json(&["progress", "--format", "json", "--date", "2026-03-01"]);
    assert!(p.get("battery").is_none());
    assess(&env, &["--date", "2026-01-05"]);
    env.json(&[
        "assess",
        "--flexor",
        "120",
        "--extensor",
        "100",
        "--side-right",
        "85",
        "--side-left",
        "88",
        "--date",
        "2026-02-02",
        "--format",
        "json",
    ]);
    let p = env.json(&["progress", "--format", "json", "--date", "2026-03-01"]);
    let b = &p["battery"];
    assert_eq!(b["batteries"], 2);
    let ext = &b["holds"][1];
    assert_eq!(ext["test"], "extensor");
    assert_eq!(
        ext["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["seconds"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        vec![150, 100]
    );
    assert_eq!(ext["change_s"], -50);
    let fe: Vec<f64> = b["ratios"][0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["value"].as_f64().unwrap())
        .collect();
    assert_eq!(fe, vec![0.8, 1.2]);
    assert!(p["e1rm"].is_array(), "the usual figures stay");
    let text = env.ok(&["progress", "--date", "2026-03-01"]);
    assert!(
        text.contains("Endurance battery (E-MCGILL-ENDURANCE): 2 test(s)")
            && text.contains("2026-02-02 1.20x"),
        "{text}"
    );
    // As of a day before the second battery: only the first.
    let p = env.json(&["progress", "--format", "json", "--date", "2026-01-20"]);
    assert_eq!(p["battery"]["batteries"], 1);
}

#[test]
fn progress_chart_draws_each_hold_and_ratio_over_time_as_valid_xml() {
    let env = Env::new();
    let svg_path = env.path("progress.svg");
    let svg_arg = svg_path.to_str().unwrap();
    env.ok(&["progress", "--date", "2026-03-01", "--svg", svg_arg]);
    let before = std::fs::read_to_string(&svg_path).unwrap();
    assert!(
        !before.contains("endurance hold (s)"),
        "no battery panel without a battery"
    );
    assess(&env, &["--date", "2026-01-05"]);
    env.json(&[
        "assess",
        "--flexor",
        "120",
        "--extensor",
        "100",
        "--side-right",
        "85",
        "--side-left",
        "88",
        "--date",
        "2026-02-02",
        "--format",
        "json",
    ]);
    env.ok(&["progress", "--date", "2026-03-01", "--svg", svg_arg]);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let b = &env.json(&["progress", "--format", "json", "--date", "2026-03-01"])["battery"];
    // One line per hold and per ratio, named as the report names them, each
    // dot its date and value.
    for h in b["holds"].as_array().unwrap() {
        let label = h["label"].as_str().unwrap();
        assert!(
            svg.contains(&format!("<title>{label}</title></polyline>")),
            "{label}: {svg}"
        );
    }
    for r in b["ratios"].as_array().unwrap() {
        let label = r["label"].as_str().unwrap();
        assert!(svg.contains(&format!("<title>{label} (target ")), "{label}");
    }
    let extensor = b["holds"][1]["label"].as_str().unwrap();
    for needle in [
        "endurance hold (s)".to_string(),
        format!("{extensor} 2026-01-05: 150 s"),
        format!("{extensor} 2026-02-02: 100 s"),
        "2026-02-02: 1.2<".to_string(),
    ] {
        assert!(svg.contains(&needle), "{needle}: {svg}");
    }
    assert_eq!(
        svg.matches("<polyline").count(),
        b["holds"].as_array().unwrap().len() + b["ratios"].as_array().unwrap().len()
    );
    // Well-formed XML, read by a parser that did not write it.
    match std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])",
            svg_arg,
        ])
        .status()
    {
        Ok(s) => assert!(s.success(), "not well-formed XML: {svg}"),
        Err(_) => eprintln!("python3 not found: the XML check is skipped"),
    }
}

#[test]
fn s_form_cues_in_the_catalog_and_the_plans() {
    let env = Env::new();
    let text = env.ok(&["catalog", "show", "deadlift"]);
    assert!(
        text.contains("cues (S-FORM):") && text.contains("common faults:"),
        "{text}"
    );
    let plan = env.ok(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "mat",
        "--weeks",
        "4",
    ]);
    let week1 = plan.split("\nWeek 2").next().unwrap();
    assert!(week1.matches("      cue: ").count() >= 2, "{week1}");
    let md = env.ok(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "mat",
        "--weeks",
        "4",
        "--format",
        "markdown",
    ]);
    assert!(md.contains("## Form cues (S-FORM)"), "{md}");
    let j = env.json(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "mat",
        "--weeks",
        "4",
        "--format",
        "json",
    ]);
    assert!(j["weeks"][0]["sessions"][0]["exercises"][0]["cues"]
        .as_array()
        .is_some_and(|c| c.len() >= 2));
}

/// The guided flow through a pseudo-terminal: stdin and stderr are the
/// terminal, stdout (the report) a pipe. `UPRIGHT_STOPWATCH_SCRIPT` makes the
/// stopwatch read the given seconds (documented in `assess_guide`).
mod guided {
    use super::*;
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    struct Pty {
        master: std::fs::File,
        seen: Arc<Mutex<String>>,
        cursor: usize,
        child: std::process::Child,
    }

    impl Pty {
        fn spawn(env: &Env, args: &[&str], script: &str) -> Pty {
            let (mut m, mut s) = (0, 0);
            // SAFETY: openpty writes two new descriptors, owned below.
            let rc = unsafe {
                libc::openpty(
                    &mut m,
                    &mut s,
                    std::ptr::null_mut(),
                    std::ptr::null(),
                    std::ptr::null(),
                )
            };
            assert_eq!(rc, 0, "openpty");
            // SAFETY: both are fresh descriptors nobody else owns.
            let (master, slave) =
                unsafe { (std::fs::File::from_raw_fd(m), OwnedFd::from_raw_fd(s)) };
            let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("upright"));
            cmd.env_remove("UPRIGHT_DATABASE_URL")
                .env("UPRIGHT_STOPWATCH_SCRIPT", script)
                .arg("--db")
                .arg(&env.db)
                .args(args)
                .stdin(Stdio::from(slave.try_clone().unwrap()))
                .stderr(Stdio::from(slave))
                .stdout(Stdio::piped());
            let child = cmd.spawn().unwrap();
            drop(cmd); // closes our copies of the terminal's slave side
            let seen = Arc::new(Mutex::new(String::new()));
            let (mut reader, sink) = (master.try_clone().unwrap(), seen.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                // EIO once the child closed the terminal: the end.
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    sink.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
            Pty {
                master,
                seen,
                cursor: 0,
                child,
            }
        }

        /// Waits for `text` past what was already matched.
        fn expect(&mut self, text: &str) {
            let until = Instant::now() + Duration::from_secs(30);
            loop {
                {
                    let seen = self.seen.lock().unwrap();
                    if let Some(at) = seen[self.cursor..].find(text) {
                        self.cursor += at + text.len();
                        return;
                    }
                    if Instant::now() > until {
                        panic!(
                            "waited for {text:?}; the terminal shows:\n{}",
                            &seen[self.cursor..]
                        );
                    }
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        fn send(&mut self, line: &str) {
            self.master
                .write_all(format!("{line}\r").as_bytes())
                .unwrap();
        }

        fn finish(self) -> (Option<i32>, String, String) {
            let out = self.child.wait_with_output().unwrap();
            std::thread::sleep(Duration::from_millis(100));
            let seen = self.seen.lock().unwrap().clone();
            (
                out.status.code(),
                String::from_utf8(out.stdout).unwrap(),
                seen,
            )
        }
    }

    #[test]
    fn the_guided_battery_walks_each_hold_with_a_stopwatch() {
        let env = Env::new();
        // The Sørensen's 300 s stops at its 240 s cap; pain stops the right side bridge.
        let mut t = Pty::spawn(
            &env,
            &["assess", "--date", "2026-01-05", "--format", "json"],
            "120,300,80,90",
        );
        t.expect("Not in the first half hour after getting up");
        let holds = [
            (
                "Hold 1 of 4: Trunk flexor hold at 60 degrees",
                "60 degrees to the floor",
                false,
            ),
            (
                "Hold 2 of 4: Biering-Sørensen back extensor hold",
                "Lie face down on a sturdy bench or table",
                false,
            ),
            (
                "Hold 3 of 4: Side bridge, right side down",
                "Lie on your right side",
                true,
            ),
            (
                "Hold 4 of 4: Side bridge, left side down",
                "Lie on your left side",
                false,
            ),
        ];
        for (i, (title, setup, pain)) in holds.iter().enumerate() {
            t.expect(title);
            t.expect(setup);
            t.expect("The hold ends when:");
            t.expect("Any pain in the back or down a leg: stop at once.");
            if i == 1 {
                t.expect("The stopwatch stops by itself at 240 s.");
            }
            t.expect("Press Enter to START the stopwatch.");
            t.send("");
            t.expect("press Enter to STOP");
            t.send("");
            t.expect("Did pain (in the back or down a leg) stop it? [y/N]");
            if *pain {
                t.send("y");
                t.expect("How bad was the pain, 0 (none) to 10 (worst)?");
                t.send("12");
                t.expect("accepted: a whole number from 0 (no pain) to 10 (worst)");
                t.send("3");
                t.expect("Go on with the next hold? [y/N]");
                t.send("y");
            } else {
                t.send("n");
            }
            if i < 3 {
                t.expect("Rest 5 minutes");
                t.expect("Press Enter when rested.");
                t.send("");
            }
        }
        t.expect("Sex: male, female, or Enter to prefer not to say");
        t.send("male");
        t.expect("Recorded: trunk flexor hold 120 s, back extensor hold 240 s, right side bridge 80 s, left side bridge 90 s.");
        let (code, stdout, terminal) = t.finish();
        assert_eq!(code, Some(0), "{terminal}");
        assert!(
            terminal.contains("recorded endurance battery 1"),
            "{terminal}"
        );
        let r: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
        assert_eq!(r["sex"], "male");
        let got: Vec<(i64, &str)> = r["holds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["seconds"].as_i64().unwrap(),
                    h["status"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (120, "done"),
                (240, "capped"),
                (80, "stopped_by_pain"),
                (90, "done")
            ]
        );
        // Stored as entered and re-scored the same; the pain is in the pain log.
        let h = env.json(&["assess", "--history", "--format", "json"]);
        assert_eq!(h[0]["holds"], r["holds"]);
        let pain = env.json(&["history", "--format", "json"]);
        assert_eq!(pain["pain"][0]["score"], 3);
        assert!(pain["pain"][0]["note"]
            .as_str()
            .unwrap()
            .contains("right side bridge at 80 s"));
    }

    #[test]
    fn input_ending_mid_battery_records_nothing() {
        let env = Env::new();
        let mut t = Pty::spawn(&env, &["assess", "--sex", "female"], "100");
        t.expect("Press Enter to START the stopwatch.");
        t.send("");
        t.expect("press Enter to STOP");
        t.master.write_all(&[4]).unwrap(); // Ctrl-D: end of input
        t.expect("ended before the battery was done; nothing was recorded");
        let (code, stdout, _) = t.finish();
        assert_eq!(code, Some(2));
        assert!(stdout.is_empty());
        assert_eq!(
            env.json(&["assess", "--history", "--format", "json"]),
            serde_json::json!([])
        );
    }

    #[test]
    fn a_recovering_back_is_guided_through_the_safer_variants() {
        let env = Env::new();
        let mut t = Pty::spawn(
            &env,
            &[
                "assess",
                "--pain",
                "recovering",
                "--sex",
                "female",
                "--format",
                "json",
            ],
            "90,45,30,32",
        );
        for i in 0..4 {
            if i == 1 {
                t.expect("Hold 2 of 4: Bird-dog hold");
                t.expect("Why this variant: the Sørensen holds the whole upper body out");
            }
            t.expect("Press Enter to START the stopwatch.");
            t.send("");
            t.expect("press Enter to STOP");
            t.send("");
            t.expect("stop it? [y/N]");
            t.send("");
            if i < 3 {
                t.expect("Press Enter when rested.");
                t.send("");
            }
        }
        let (code, stdout, terminal) = t.finish();
        assert_eq!(code, Some(0), "{terminal}");
        assert!(!terminal.contains("Sex:"), "--sex given: not asked");
        let r: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(r["recovering"], true);
        assert_eq!(r["holds"][1]["method"], "bird_dog_hold");
        assert_eq!(r["holds"][2]["method"], "knee_side_bridge");
    }
}
