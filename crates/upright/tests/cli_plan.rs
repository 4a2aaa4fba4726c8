//! `upright plan` and `upright catalog` through the binary: the contract of
//! DESIGN.md section 4 (exit codes, one-line errors naming the field, formats,
//! --profile, --batch, --emit-model, --reproducible), and an independent solver
//! (HiGHS, from PyPI's `highspy`) re-solving the emitted models.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const DESK: &[&str] = &[
    "plan",
    "--goal",
    "posture",
    "--level",
    "beginner",
    "--equipment",
    "mat",
    "--desk-job",
    "--weeks",
    "2",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fx(name: &str) -> String {
    fixture(name).display().to_string()
}

/// The binary, isolated from the environment's database and with stdin not a terminal.
fn upright() -> Command {
    let mut c = Command::cargo_bin("upright").expect("the upright binary is built");
    c.env_remove("UPRIGHT_DATABASE_URL").write_stdin("");
    c
}

fn run(args: &[&str]) -> Output {
    upright().args(args).output().expect("upright runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("UTF-8 output")
}

/// Runs, insists on `code`, returns stdout.
fn expect(code: i32, args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "upright {args:?}: stderr {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn json(args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let out = expect(0, &a);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("upright {a:?}: not JSON ({e}): {out}"))
}

/// Bad input: exit 2, nothing on stdout, one line on stderr that names `field`.
fn bad(field: &str, args: &[&str]) -> String {
    let out = run(args);
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "upright {args:?} should be bad input; stderr: {err}"
    );
    assert!(
        out.stdout.is_empty(),
        "upright {args:?}: no partial output, got {}",
        text(&out.stdout)
    );
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "upright {args:?}: one line on stderr, got {err:?}"
    );
    assert!(
        err.contains(&format!("{field}:")) || err.contains(&format!("--{field}")),
        "upright {args:?}: stderr should name '{field}': {err}"
    );
    err
}

fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(extra).copied().collect()
}

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_0_prints_a_plan() {
    let plan = json(DESK);
    assert_eq!(plan["status"], "plan");
    assert!(plan["referral"].is_null());
    for field in [
        "profile",
        "weeks",
        "weekly_sets",
        "targets",
        "optimizer",
        "rules_applied",
        "notes",
    ] {
        assert!(!plan[field].is_null(), "missing {field}");
    }
    let ex = &plan["weeks"][0]["sessions"][0]["exercises"][0];
    for field in [
        "id",
        "name",
        "sets",
        "reps_min",
        "reps_max",
        "rpe",
        "rest_s",
        "mechanic",
        "spinal_load",
        "primary",
        "secondary",
        "rules",
    ] {
        assert!(!ex[field].is_null(), "exercise lacks {field}: {ex}");
    }
    assert_eq!(plan["optimizer"]["status"], "optimal");
    assert_eq!(plan["weeks"].as_array().unwrap().len(), 2);
}

#[test]
fn exit_2_bad_input_with_no_partial_output() {
    bad(
        "level",
        &[
            "plan",
            "--goal",
            "posture",
            "--level",
            "expert",
            "--equipment",
            "mat",
        ],
    );
}

#[test]
fn exit_3_referral_for_acute_pain_and_red_flags() {
    for (extra, urgency, rule) in [
        (&["--pain", "acute"][..], "see-a-clinician", "S-ACUTE"),
        (
            &["--red-flag", "saddle-numbness"][..],
            "emergency",
            "S-REDFLAG",
        ),
        (
            &["--red-flag", "fever", "--red-flag", "night-pain"][..],
            "urgent",
            "S-REDFLAG",
        ),
    ] {
        let args = [
            &[
                "plan",
                "--goal",
                "general",
                "--level",
                "beginner",
                "--equipment",
                "home",
                "--format",
                "json",
            ][..],
            extra,
        ]
        .concat();
        let out = expect(3, &args);
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["status"], "refer", "{args:?}");
        assert_eq!(doc["referral"]["urgency"], urgency, "{args:?}");
        assert!(
            doc["referral"]["rules"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == rule),
            "{args:?}: {}",
            doc["referral"]
        );
        assert!(
            doc["optimizer"].is_null() && doc["weeks"].as_array().unwrap().is_empty(),
            "{args:?}"
        );
        // The text format refers too, with the same exit code.
        let plain = expect(
            3,
            &[
                &[
                    "plan",
                    "--goal",
                    "general",
                    "--level",
                    "beginner",
                    "--equipment",
                    "home",
                ][..],
                extra,
            ]
            .concat(),
        );
        assert!(
            plain.contains("NO TRAINING PLAN") || plain.to_lowercase().contains("referral"),
            "{plain}"
        );
    }
}

#[test]
fn a_carry_is_a_timed_walk_not_a_hold() {
    let args = [
        "plan",
        "--goal",
        "athletic",
        "--level",
        "intermediate",
        "--equipment",
        "gym",
        "--weeks",
        "1",
    ];
    let plain = expect(0, &args);
    let carries: Vec<&str> = plain.lines().filter(|l| l.contains(" carry ")).collect();
    assert!(!carries.is_empty(), "{plain}");
    for line in carries {
        assert!(line.contains(" s walk"), "{line}");
        assert!(!line.contains("hold"), "{line}");
    }
    let doc = json(&args);
    let walks = doc["weeks"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["exercises"].as_array().unwrap())
        .filter(|e| e["walk"] == true)
        .count();
    assert!(walks > 0, "no exercise marked walk in the JSON");
}

#[test]
fn a_red_flag_refers_before_anything_else_is_asked_or_checked() {
    for (args, urgency) in [
        (
            &["plan", "--goal", "general", "--red-flag", "bladder-bowel"][..],
            "emergency",
        ),
        (
            &["plan", "--pain", "acute", "--level", "expert"][..],
            "see-a-clinician",
        ),
        // A misspelt answer beside a red flag does not hide it.
        (
            &["plan", "--pain", "sore", "--red-flag", "fever"][..],
            "urgent",
        ),
        (
            &[
                "plan",
                "--red-flag",
                "saddle-numbness",
                "--days",
                "99",
                "--save",
            ][..],
            "emergency",
        ),
    ] {
        let out = expect(3, &with(args, &["--format", "json"]));
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["status"], "refer", "{args:?}");
        assert_eq!(doc["referral"]["urgency"], urgency, "{args:?}");
        assert!(
            doc["notes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n.as_str().unwrap().contains("safety screen comes first")),
            "{args:?}: {}",
            doc["notes"]
        );
        // The text says the same, with the same exit code.
        assert!(expect(3, args).contains("NO TRAINING PLAN"), "{args:?}");
    }
    // Nothing that refers: the missing answers are asked for as before.
    bad("goal", &["plan", "--red-flag", "fevr"]);
    bad("goal", &["plan", "--level", "beginner"]);
    // A batch line with only a red flag is a referral too.
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("batch.jsonl");
    std::fs::write(&lines, "{\"red_flags\": [\"saddle-numbness\"]}\n").unwrap();
    let out = expect(0, &["plan", "--batch", lines.to_str().unwrap()]);
    assert!(out.contains("\"refer\""), "{out}");
}

// ------------------------------------------------------- a bad value per flag

#[test]
fn every_plan_flag_rejects_a_bad_value_naming_it() {
    let base: &[&str] = &[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "mat",
    ];
    let no_goal: &[&str] = &["plan", "--level", "beginner", "--equipment", "mat"];
    let no_level: &[&str] = &["plan", "--goal", "posture", "--equipment", "mat"];
    let no_equipment: &[&str] = &["plan", "--goal", "posture", "--level", "beginner"];
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("goal", with(no_goal, &["--goal", "yoga"])),
        ("goal", with(no_goal, &["--goal", "posture,yoga"])),
        ("level", with(no_level, &["--level", "expert"])),
        ("equipment", with(no_equipment, &["--equipment", "sofa"])),
        (
            "equipment",
            with(no_equipment, &["--equipment", "mat,sofa"]),
        ),
        ("days", with(base, &["--days", "9"])),
        ("days", with(base, &["--days", "0"])),
        ("days", with(base, &["--days", "three"])),
        ("minutes", with(base, &["--minutes", "5"])),
        ("minutes", with(base, &["--minutes", "181"])),
        ("minutes", with(base, &["--minutes", "4.5"])),
        ("weeks", with(base, &["--weeks", "0"])),
        ("weeks", with(base, &["--weeks", "53"])),
        ("pullups", with(base, &["--pullups", "101"])),
        ("pullups", with(base, &["--pullups", "some"])),
        ("pullups", with(base, &["--pullups=-1"])),
        ("pain", with(base, &["--pain", "sore"])),
        ("red-flag", with(base, &["--red-flag", "headache"])),
        ("age", with(base, &["--age", "5"])),
        ("age", with(base, &["--age", "101"])),
        ("age", with(base, &["--age", "old"])),
        ("exclude", with(base, &["--exclude", "nope"])),
        ("exclude", with(base, &["--exclude", "deadlfit"])),
        ("format", with(base, &["--format", "yaml"])),
        (
            "batch",
            vec!["plan", "--batch", "/nonexistent/upright/profiles.jsonl"],
        ),
        (
            "emit-model",
            with(base, &["--emit-model", "/nonexistent/upright/dir/model.lp"]),
        ),
    ];
    for (field, args) in &cases {
        bad(field, args);
    }
    // --profile: a missing file, a value of the wrong type, an unknown key.
    bad(
        "profile",
        &["plan", "--profile", "/nonexistent/upright/profile.toml"],
    );
    bad("profile", &["plan", "--profile", &fx("bad-value.toml")]);
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo.toml");
    std::fs::write(
        &typo,
        "goal = \"posture\"\nlevle = \"beginner\"\nequipment = \"mat\"\n",
    )
    .unwrap();
    let err = bad("profile", &["plan", "--profile", typo.to_str().unwrap()]);
    assert!(err.contains("levle"), "{err}");
    // --catalog: a missing file and a malformed one (missing required fields).
    bad(
        "catalog",
        &[
            &["--catalog", "/nonexistent/upright/catalog.toml"][..],
            base,
        ]
        .concat(),
    );
    let err = bad(
        "catalog",
        &[&["--catalog", &fx("bad-catalog.toml")][..], base].concat(),
    );
    assert!(err.contains("bad-catalog.toml"), "names the file: {err}");
    // The unknown exercise gets a hint.
    let err = bad("exclude", &with(base, &["--exclude", "deadlfit"]));
    assert!(
        err.contains("deadlift") || err.contains("catalog list"),
        "{err}"
    );
}

/// A TOML syntax error (profile or catalog) must still be one line naming the field.
#[test]
fn toml_syntax_errors_are_one_line() {
    bad("profile", &["plan", "--profile", &fx("bad-syntax.toml")]);
    bad(
        "catalog",
        &[
            "--catalog",
            &fx("bad-catalog-syntax.toml"),
            "plan",
            "--goal",
            "posture",
            "--level",
            "beginner",
            "--equipment",
            "mat",
        ],
    );
}

/// `--pullups -1` (with a space) is read by clap as an unknown flag: the message must still name the field.
#[test]
fn negative_numbers_name_their_field() {
    let base: &[&str] = &[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "mat",
    ];
    for (field, v) in [
        ("pullups", "-1"),
        ("days", "-3"),
        ("minutes", "-10"),
        ("weeks", "-2"),
        ("age", "-5"),
    ] {
        let flag = format!("--{field}");
        bad(field, &[base, &[flag.as_str(), v][..]].concat());
    }
}

#[test]
fn no_flags_without_a_terminal_names_the_missing_flags() {
    let err = bad("goal", &["plan"]);
    for flag in ["--goal", "--level", "--equipment"] {
        assert!(err.contains(flag), "{err}");
    }
    let err = bad("goal", &["plan", "--level", "beginner", "--format", "json"]);
    let named = err.split(':').nth(1).unwrap_or("");
    assert!(
        named.contains("--goal") && named.contains("--equipment") && !named.contains("--level"),
        "{err}"
    );
}

// ------------------------------------------------------------------ formats

#[test]
fn formats_json_markdown_text() {
    let plan = json(DESK);
    let first = plan["weeks"][0]["sessions"][0]["exercises"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();

    let md = expect(0, &with(DESK, &["--format", "markdown"]));
    assert!(md.starts_with("# "), "markdown starts with a heading: {md}");
    assert!(
        md.contains("## Week 1") && md.contains("|---") && md.contains(&first),
        "{md}"
    );

    let txt = expect(0, &with(DESK, &["--format", "text"]));
    assert_eq!(txt, expect(0, DESK), "text is the default format");
    assert!(
        txt.contains("Week 1") && txt.contains(&first) && !txt.trim_start().starts_with('{'),
        "{txt}"
    );
    assert!(!txt.contains("## "), "text is not markdown");
}

#[test]
fn explain_shows_rule_summaries() {
    let plan = json(DESK);
    let txt = expect(0, &with(DESK, &["--explain"]));
    let md = expect(0, &with(DESK, &["--explain", "--format", "markdown"]));
    let ids: Vec<String> = plan["weeks"][0]["sessions"][0]["exercises"][0]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    assert!(!ids.is_empty());
    for id in &ids {
        let rule =
            upright_core::rules::find(id).unwrap_or_else(|| panic!("{id} is cited but unknown"));
        let line = format!("{}: {}", rule.id, rule.summary);
        assert!(txt.contains(&line), "text --explain lacks {line:?}");
        assert!(md.contains(&line), "markdown --explain lacks {line:?}");
    }
    let plain = expect(0, DESK);
    let some = upright_core::rules::find(&ids[0]).unwrap();
    assert!(
        !plain.contains(some.summary),
        "summaries only with --explain"
    );
}

/// A typical 3-day plan: a desk worker at home with a mat and bands, 30 minutes.
const DESK_BANDS: &[&str] = &[
    "plan",
    "--goal",
    "posture,general",
    "--level",
    "beginner",
    "--equipment",
    "mat,bands",
    "--days",
    "3",
    "--minutes",
    "30",
    "--desk-job",
    "--reproducible",
];

/// Every reason of the JSON (`why`, "chosen over ...", "progress: ..."), with
/// the exercises (slot and ID) that give it.
fn reasons(plan: &Value) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut out: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for w in plan["weeks"].as_array().unwrap() {
        for sess in w["sessions"].as_array().unwrap() {
            for e in sess["exercises"].as_array().unwrap() {
                let who = format!("{}/{}", e["slot"], e["id"]);
                let mut lines: Vec<String> = e["why"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_string())
                    .collect();
                let beat: Vec<&str> = e["beat"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap())
                    .collect();
                if !beat.is_empty() {
                    lines.push(format!("chosen over {}", beat.join(", ")));
                }
                let rule = e["load_rule"].as_str().unwrap();
                if !rule.is_empty() {
                    lines.push(format!("progress: {rule}"));
                }
                for l in lines {
                    out.entry(l).or_default().insert(who.clone());
                }
            }
        }
    }
    out
}

#[test]
fn explain_gives_each_reason_once_per_exercise() {
    let plan = json(DESK_BANDS);
    let sessions: usize = plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["sessions"].as_array().unwrap().len())
        .sum();
    let txt = expect(0, &with(DESK_BANDS, &["--explain"]));
    let md = expect(0, &with(DESK_BANDS, &["--explain", "--format", "markdown"]));
    let reasons = reasons(&plan);
    assert!(reasons.len() > 5, "{reasons:?}");
    for (format, out) in [("text", &txt), ("markdown", &md)] {
        for (reason, who) in &reasons {
            let bare = format!("- {reason}");
            let in_weeks = format!("- {reason} (week");
            let n = out
                .lines()
                .map(str::trim)
                .filter(|l| *l == bare || l.starts_with(&in_weeks))
                .count();
            assert_eq!(
                n,
                who.len(),
                "{format} --explain prints {reason:?} {n} times, once for each of {who:?} expected:\n{out}"
            );
        }
    }
    // Nor any other reason-like line (a rule list, a note) repeated session
    // after session: at most once for each exercise of the plan.
    let exercises: std::collections::BTreeSet<String> =
        reasons.values().flatten().cloned().collect();
    let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
    for l in txt
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("- ") || l.starts_with("rules: "))
    {
        *count.entry(l).or_default() += 1;
    }
    let worst = count.iter().max_by_key(|(_, n)| **n).unwrap();
    assert!(
        *worst.1 <= exercises.len() && exercises.len() < sessions,
        "{:?} printed {} times for {} exercises in {sessions} sessions",
        worst.0,
        worst.1,
        exercises.len()
    );
    assert!(
        !txt.contains("      fills ") && txt.contains("Why each exercise"),
        "{txt}"
    );
    assert!(
        txt.lines().count() <= 400,
        "8 weeks of --explain in {} lines",
        txt.lines().count()
    );
}

#[test]
fn explain_grows_with_the_weeks_only_by_the_week_listings() {
    let lines = |weeks: &str| -> (usize, usize) {
        let out = expect(0, &with(DESK_BANDS, &["--explain", "--weeks", weeks]));
        let total = out.lines().count();
        let why = out
            .lines()
            .skip_while(|l| !l.starts_with("Why each exercise"))
            .count();
        assert!(why > 0, "no 'Why each exercise' in {out}");
        (total, why)
    };
    let (total8, why8) = lines("8");
    let (total52, why52) = lines("52");
    // The reasons are given once per exercise whatever the length: a year
    // brings new exercises (graduations), not the same reasons again.
    assert!(
        why52 <= 2 * why8,
        "the explanation grows from {why8} lines (8 weeks) to {why52} (52 weeks)"
    );
    // So the whole grows less than in proportion to the weeks.
    assert!(
        total52 * 8 * 4 < total8 * 52 * 3,
        "{total8} lines for 8 weeks, {total52} for 52: not sublinear"
    );
}

// ------------------------------------------------------------------ --profile

#[test]
fn profile_file_works_and_flags_override_it() {
    let from_file = json(&[
        "plan",
        "--profile",
        &fx("desk-worker.toml"),
        "--reproducible",
    ]);
    let p = &from_file["profile"];
    assert_eq!(p["goals"], serde_json::json!(["posture"]));
    assert_eq!(
        (
            p["days"].as_i64(),
            p["minutes"].as_i64(),
            p["weeks"].as_i64()
        ),
        (Some(3), Some(30), Some(4))
    );
    assert_eq!(p["desk_job"], true);
    assert_eq!(from_file["weeks"].as_array().unwrap().len(), 4);

    // The same profile as flags gives the same plan.
    let as_flags = json(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "mat",
        "--days",
        "3",
        "--minutes",
        "30",
        "--weeks",
        "4",
        "--desk-job",
        "--reproducible",
    ]);
    assert_eq!(from_file, as_flags);

    let over = json(&[
        "plan",
        "--profile",
        &fx("desk-worker.toml"),
        "--days",
        "2",
        "--level",
        "intermediate",
        "--equipment",
        "home",
        "--reproducible",
    ]);
    let q = &over["profile"];
    assert_eq!(
        (q["days"].as_i64(), q["minutes"].as_i64()),
        (Some(2), Some(30)),
        "days from the flag, minutes from the file"
    );
    assert_eq!(q["level"], "intermediate");
    assert_eq!(
        q["equipment"],
        serde_json::json!(["mat", "dumbbells", "bands"])
    );
    assert_eq!(q["desk_job"], true);
    assert!(over["weeks"][0]["sessions"].as_array().unwrap().len() <= 2);
}

// -------------------------------------------------------------------- --batch

#[test]
fn batch_good_and_bad_lines_one_json_each() {
    let input = std::fs::read_to_string(fixture("batch-mixed.jsonl")).unwrap();
    let out = run(&[
        "plan",
        "--batch",
        &fx("batch-mixed.jsonl"),
        "--reproducible",
    ]);
    // batch.rs: exit 2 when some line was bad, after writing every line.
    assert_eq!(out.status.code(), Some(2), "stderr {}", text(&out.stderr));
    let err = text(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("batch") && err.contains("3 of 6"), "{err}");
    let lines: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(
        lines.len(),
        input.lines().count(),
        "one output line per input line"
    );
    let status: Vec<&str> = lines
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["plan", "error", "plan", "error", "refer", "error"]);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["error"]["field"], "level");
    assert!(lines[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("beginner, intermediate, advanced"));
    assert_eq!(lines[3]["line"], 4);
    assert!(lines[3]["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert!(lines[5]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("levle"));
    assert_eq!(
        lines[0]["optimizer"]["millis"], 0.0,
        "--reproducible applies to batch lines"
    );

    // Only good lines: exit 0.
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    let good_lines: Vec<&str> = input
        .lines()
        .enumerate()
        .filter(|(i, _)| [0, 2, 4].contains(i))
        .map(|(_, l)| l)
        .collect();
    std::fs::write(&good, good_lines.join("\n") + "\n").unwrap();
    let out = expect(
        0,
        &["plan", "--batch", good.to_str().unwrap(), "--reproducible"],
    );
    assert_eq!(out.lines().count(), 3);
    assert_eq!(
        out.lines().next().unwrap(),
        text(
            &run(&[
                "plan",
                "--batch",
                &fx("batch-mixed.jsonl"),
                "--reproducible"
            ])
            .stdout
        )
        .lines()
        .next()
        .unwrap()
    );
}

#[test]
fn batch_reads_back_any_printed_profile() {
    // A plan printed from flags, its "profile" fed back as a batch line: the same plan.
    let args = [
        "plan",
        "--goal",
        "athletic",
        "--level",
        "intermediate",
        "--equipment",
        "home,pullup-bar",
        "--sport-push",
        "--pullups",
        "5",
        "--age",
        "30",
        "--exclude",
        "band-row",
        "--weeks",
        "3",
        "--reproducible",
    ];
    let doc = json(&args);
    let dir = tempfile::tempdir().unwrap();
    let line = dir.path().join("one.jsonl");
    std::fs::write(&line, format!("{}\n", doc["profile"])).unwrap();
    let out = expect(
        0,
        &["plan", "--batch", line.to_str().unwrap(), "--reproducible"],
    );
    let back: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn batch_from_stdin() {
    let out = upright()
        .args(["plan", "--batch", "-", "--reproducible"])
        .write_stdin(
            "{\"goals\":\"general\",\"level\":\"beginner\",\"equipment\":\"mat\",\"weeks\":1}\n",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: Value = serde_json::from_str(text(&out.stdout).trim_end()).unwrap();
    assert_eq!(doc["status"], "plan");
}

// --------------------------------------------------------------- --emit-model

#[test]
fn emit_model_writes_a_cplex_lp_file() {
    let dir = tempfile::tempdir().unwrap();
    let lp = dir.path().join("model.lp");
    let doc = json(&with(DESK, &["--emit-model", lp.to_str().unwrap()]));
    let model = std::fs::read_to_string(&lp).expect("the model file is written");
    let pos = |s: &str| {
        model
            .find(s)
            .unwrap_or_else(|| panic!("LP lacks {s:?}:\n{model}"))
    };
    assert!(
        pos("Minimize") < pos("Subject To")
            && pos("Subject To") < pos("Bounds")
            && pos("Bounds") < pos("Binary")
            && pos("Binary") < pos("End")
    );
    assert!(model.trim_end().ends_with("End"));
    // Every planned exercise of the base week has its option variables (y_<slot>_<session>_<id>_<sets>).
    for e in doc["weeks"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["exercises"].as_array().unwrap())
    {
        let var = format!("_{}_", e["id"].as_str().unwrap().replace('-', "_"));
        assert!(model.contains(&var), "LP lacks {var}");
    }
    assert!(
        model.contains("volume_min_spinal_erectors") && model.contains("time_day1"),
        "{model}"
    );
}

#[test]
fn reproducible_output_is_byte_identical() {
    for format in ["json", "text", "markdown"] {
        let args = with(
            &[
                "plan",
                "--goal",
                "strength,physique",
                "--level",
                "intermediate",
                "--equipment",
                "gym",
                "--pullups",
                "8",
                "--reproducible",
                "--explain",
            ],
            &["--format", format],
        );
        let (a, b) = (run(&args), run(&args));
        assert_eq!(a.status.code(), Some(0));
        assert_eq!(a.stdout, b.stdout, "{format} differs between runs");
    }
    let batch = [
        "plan",
        "--batch",
        &fx("batch-mixed.jsonl"),
        "--reproducible",
    ];
    assert_eq!(run(&batch).stdout, run(&batch).stdout);
    let doc = json(&[
        "plan",
        "--goal",
        "general",
        "--level",
        "beginner",
        "--equipment",
        "home",
        "--reproducible",
    ]);
    assert_eq!(doc["optimizer"]["millis"], 0.0);
}

// ------------------------------------------------------------------- catalog

#[test]
fn catalog_list_filters_by_muscle_and_equipment() {
    let out = expect(
        0,
        &["catalog", "list", "--muscle", "lats", "--equipment", "home"],
    );
    let ids: Vec<&str> = out
        .lines()
        .filter(|l| !l.ends_with("exercise(s)"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        ids.contains(&"one-arm-row") && ids.contains(&"band-row"),
        "{out}"
    );
    for gym_only in [
        "lat-pulldown",
        "seated-cable-row",
        "machine-row",
        "pull-up",
        "deadlift",
    ] {
        assert!(
            !ids.contains(&gym_only),
            "{gym_only} listed for home: {out}"
        );
    }
    assert!(
        out.trim_end()
            .ends_with(&format!("{} exercise(s)", ids.len())),
        "{out}"
    );

    let listed: Value = serde_json::from_str(&expect(
        0,
        &[
            "catalog",
            "list",
            "--muscle",
            "lats",
            "--equipment",
            "home",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), ids.len());
    let catalog = upright_core::catalog::Catalog::builtin();
    let home = upright_core::vocab::Equipment::HOME;
    for e in listed {
        let ex = catalog.get(e["id"].as_str().unwrap()).unwrap();
        assert!(
            ex.works(upright_core::vocab::Muscle::Lats) && ex.available_with(home),
            "{}",
            ex.id
        );
    }
    let all_lats = catalog
        .filter(Some(upright_core::vocab::Muscle::Lats), Some(home))
        .count();
    assert_eq!(all_lats, listed.len());
    bad("muscle", &["catalog", "list", "--muscle", "wings"]);
    bad("equipment", &["catalog", "list", "--equipment", "sofa"]);
}

#[test]
fn catalog_show_and_unknown_id() {
    let out = expect(0, &["catalog", "show", "deadlift"]);
    assert!(
        out.contains("Deadlift") && out.contains("(deadlift)") && out.contains("spinal_erectors"),
        "{out}"
    );
    let j: Value = serde_json::from_str(&expect(
        0,
        &["catalog", "show", "deadlift", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(j["id"], "deadlift");
    assert_eq!(j["spinal_load"], "high");
    let err = bad("exercise", &["catalog", "show", "nope"]);
    assert!(err.contains("nope"), "{err}");
    // A first step says it is one, and the JSON carries its ceiling.
    let wall = expect(0, &["catalog", "show", "wall-plank"]);
    assert!(
        wall.contains("level:        beginner only (a first step"),
        "{wall}"
    );
    assert!(out.contains("level:        intermediate and up"), "{out}");
    let j: Value = serde_json::from_str(&expect(
        0,
        &["catalog", "show", "wall-plank", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(j["top_level"], "beginner");
}

#[test]
fn every_contract_catalog_id_exists() {
    for id in [
        "deadlift",
        "back-squat",
        "good-morning",
        "bent-over-row",
        "one-arm-row",
        "reverse-fly",
        "face-pull",
        "pull-up",
        "superman",
        "bird-dog",
        "back-extension",
        "kettlebell-swing",
        "lat-pulldown",
        "seated-cable-row",
        "machine-row",
        "assisted-pull-up",
        "inverted-row",
        "negative-pull-up",
        "band-assisted-pull-up",
        "scapular-pull-up",
        "dead-hang",
        "plank",
        "side-plank",
        "curl-up",
        "dead-bug",
        "pallof-press",
        "prone-y-t-w",
        "band-pull-apart",
    ] {
        expect(0, &["catalog", "show", id]);
    }
}

// ------------------------------------------------- independent solver (HiGHS)

/// Solves each LP file with HiGHS (exact: no MIP gap) and prints one `RESULT objective`
/// line per file (HiGHS prints its banner on stdout too).
const HIGHS: &str = r#"
import sys, highspy
for path in sys.argv[1:]:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.0)
    h.setOptionValue("threads", 1)
    # At HiGHS's default 1e-6 a binary may sit at 0.999999 and gain a few
    # millionths of the objective (seen: -51.875002 against -51.875).
    h.setOptionValue("mip_feasibility_tolerance", 1e-9)
    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    if h.readModel(path) != highspy.HighsStatus.kOk:
        print("RESULT unreadable"); continue
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    print("RESULT", repr(h.getInfo().objective_function_value) if status == "Optimal" else status)
"#;

fn highs_available() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import highspy"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A small deterministic generator of CLI profiles (xorshift; no dependencies).
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
    fn subset(&mut self, from: &[&'static str]) -> Vec<&'static str> {
        let v: Vec<&str> = from
            .iter()
            .copied()
            .filter(|_| self.below(3) == 0)
            .collect();
        if v.is_empty() {
            vec![self.pick(from)]
        } else {
            v
        }
    }
}

fn seeded_profile_args(r: &mut Seeded) -> Vec<String> {
    let goals = r
        .subset(&[
            "physique",
            "strength",
            "athletic",
            "prevention",
            "recovery",
            "posture",
            "general",
        ])
        .join(",");
    let equipment = match r.below(4) {
        0 => "gym".to_string(),
        1 => "home".to_string(),
        _ => {
            let mut e = r.subset(&[
                "dumbbells",
                "kettlebell",
                "barbell",
                "rack",
                "bench",
                "cable",
                "machines",
                "pullup-bar",
                "bands",
            ]);
            e.push("mat");
            e.join(",")
        }
    };
    let mut args: Vec<String> = [
        "plan",
        "--goal",
        &goals,
        "--level",
        r.pick(&["beginner", "intermediate", "advanced"]),
        "--equipment",
        &equipment,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend([
        "--days".into(),
        (1 + r.below(7)).to_string(),
        "--minutes".into(),
        (25 + r.below(100)).to_string(),
        "--weeks".into(),
        "1".into(),
    ]);
    args.extend([
        "--pain".into(),
        r.pick(&["none", "none", "recovering"]).into(),
    ]);
    if r.below(2) == 0 {
        args.extend(["--pullups".into(), r.below(15).to_string()]);
    }
    for flag in [
        "--desk-job",
        "--manual-labour",
        "--sport-push",
        "--other-back-activity",
    ] {
        if r.below(4) == 0 {
            args.push(flag.into());
        }
    }
    args
}

/// The personas and then seeded random profiles, this many in all.
const MODELS: usize = 200;

#[test]
fn independent_solver_reaches_the_plans_objective() {
    if !highs_available() {
        println!("skipped: pip install highspy");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut r = Seeded(0x005e_ed0f_0b7e);
    let personas: Vec<Vec<String>> = [
        DESK,
        &[
            "plan",
            "--goal",
            "general",
            "--level",
            "beginner",
            "--equipment",
            "gym",
            "--pullups",
            "0",
        ],
        &[
            "plan",
            "--goal",
            "strength,physique",
            "--level",
            "intermediate",
            "--equipment",
            "gym",
            "--pullups",
            "8",
        ],
        &[
            "plan",
            "--goal",
            "athletic",
            "--level",
            "intermediate",
            "--equipment",
            "home,pullup-bar",
            "--sport-push",
        ],
        &[
            "plan",
            "--goal",
            "recovery",
            "--level",
            "beginner",
            "--equipment",
            "home",
            "--pain",
            "recovering",
        ],
    ]
    .iter()
    .map(|a| a.iter().map(|s| s.to_string()).collect())
    .collect();
    let mut cases: Vec<(Vec<String>, PathBuf, f64)> = Vec::new();
    let mut tries = 0;
    let mut next = personas.into_iter();
    while cases.len() < MODELS {
        tries += 1;
        assert!(
            tries < 10 * MODELS,
            "could not find {MODELS} plannable profiles"
        );
        let mut args = next.next().unwrap_or_else(|| seeded_profile_args(&mut r));
        let lp = dir.path().join(format!("m{}.lp", cases.len()));
        args.extend([
            "--format".into(),
            "json".into(),
            "--emit-model".into(),
            lp.display().to_string(),
        ]);
        let out = upright().args(&args).output().unwrap();
        match out.status.code() {
            Some(0) => {
                let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
                cases.push((args, lp, doc["optimizer"]["objective"].as_f64().unwrap()));
            }
            // A refusal (too little time for the hard rules) has no model: draw another profile.
            Some(2) if text(&out.stderr).contains("minutes:") => continue,
            other => panic!("upright {args:?}: exit {other:?}: {}", text(&out.stderr)),
        }
    }
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(HIGHS)
        .args(cases.iter().map(|c| &c.1))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "HiGHS script failed: {}",
        text(&out.stderr)
    );
    let answers: Vec<String> = text(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("RESULT "))
        .map(String::from)
        .collect();
    assert_eq!(answers.len(), cases.len(), "{answers:?}");
    for ((args, lp, ours), theirs) in cases.iter().zip(&answers) {
        let theirs: f64 = theirs
            .parse()
            .unwrap_or_else(|_| panic!("HiGHS: {theirs} for {}: {args:?}", lp.display()));
        let tol = 1e-6 + 1e-9 * ours.abs();
        assert!(
            (theirs - ours).abs() <= tol,
            "HiGHS {theirs} vs upright {ours} for {args:?}\n{}",
            std::fs::read_to_string(lp).unwrap()
        );
    }
    println!("HiGHS agreed on {} models", cases.len());
}
