//! The fault suite: stdout closed and full for every command, concurrent
//! plan edits (none lost), a non-database file, another application's
//! database, a read-only location, a refused PostgreSQL, and the hostile
//! inputs of issue 11. Each failure is one clear line within a few seconds.

mod coach_common;

use coach_common::{save_strength_plan, Env};
use serde_json::Value;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A plain process (assert_cmd's wrapper cannot take other stdio).
fn std_cmd(env: &Env) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("upright"));
    c.env_remove("UPRIGHT_DATABASE_URL")
        .arg("--db")
        .arg(&env.db);
    c
}

/// A process with no --db of its own (the test gives one).
fn bare() -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("upright"));
    c.env_remove("UPRIGHT_DATABASE_URL");
    c
}

fn today_ids(env: &Env) -> Vec<String> {
    let t = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
    t["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every command's stdout closed before it writes (`| head -0`): no panic;
/// writes acknowledged by exit 0 and kept exactly once.
#[test]
fn closed_stdout_never_panics_and_writes_are_acknowledged() {
    let env = Env::new();
    save_strength_plan(&env);
    let commands: Vec<Vec<&str>> = vec![
        vec!["log", "deadlift", "3x5@100kg", "--date", "2026-01-05"],
        vec!["pain", "2", "--when", "during", "--date", "2026-01-05"],
        vec!["config", "--unit", "kg"],
        vec!["today", "--date", "2026-01-05"],
        vec!["history", "--format", "json"],
        vec!["history", "--format", "csv"],
        vec!["progress", "--date", "2026-01-06"],
        vec!["catalog", "list"],
    ];
    for args in &commands {
        let mut child = std_cmd(&env)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader has gone
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked"),
            "upright {args:?} panicked: {err}"
        );
        assert_eq!(out.status.code(), Some(0), "upright {args:?}: {err}");
    }
    let h = env.json(&["history", "--format", "json"]);
    assert_eq!(
        h["sets"].as_array().unwrap().len(),
        3,
        "the log was written once"
    );
}

/// A full stdout (`/dev/full`): reads fail with exit 1 and a message; a
/// committed write still exits 0 and says the confirmation was lost.
#[test]
fn full_stdout_is_an_error_for_reads_and_an_acknowledged_write_for_writes() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let env = Env::new();
    save_strength_plan(&env);
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = std_cmd(&env)
        .args(["log", "deadlift", "3x5@100kg", "--date", "2026-01-05"])
        .stdout(full())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("logged, but the confirmation could not be printed"),
        "{err}"
    );
    for args in [
        &["history", "--format", "json"][..],
        &["today", "--date", "2026-01-05"],
        &["progress"],
    ] {
        let out = std_cmd(&env).args(args).stdout(full()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "upright {args:?}: {err}");
        assert!(
            err.contains("cannot write the output") && !err.contains("panicked"),
            "{err}"
        );
    }
    let h = env.json(&["history", "--format", "json"]);
    assert_eq!(h["sets"].as_array().unwrap().len(), 3);
}

/// Racing `exclude`s and `swap`s: every one that reports success is in the plan.
#[test]
fn concurrent_plan_edits_are_all_kept_on_sqlite() {
    let env = Env::new();
    save_strength_plan(&env);
    let ids = today_ids(&env);
    // Exclude several exercises at once, from separate processes.
    let victims: Vec<String> = ids.iter().take(3).cloned().collect();
    let children: Vec<_> = victims
        .iter()
        .map(|id| {
            std_cmd(&env)
                .args(["exclude", id])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let plan = env.json(&[
        "plan",
        "--goal",
        "strength",
        "--level",
        "intermediate",
        "--equipment",
        "gym",
        "--format",
        "json",
    ]);
    let _ = plan;
    let t = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
    let now: Vec<&str> = t["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for v in &victims {
        assert!(
            !now.contains(&v.as_str()),
            "exclusion of {v} was lost: {now:?}"
        );
    }
    // A new plan --save keeps the person's exclusions.
    save_strength_plan(&env);
    let again = today_ids(&env);
    for v in &victims {
        assert!(
            !again.contains(v),
            "plan --save brought back {v}: {again:?}"
        );
    }
}

fn one_line_within(out: &std::process::Output, started: Instant, secs: u64) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        started.elapsed() < Duration::from_secs(secs),
        "took {:?}: {err}",
        started.elapsed()
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(out.stdout.is_empty());
    err
}

#[test]
fn a_file_that_is_not_a_database_is_named_at_once() {
    let env = Env::new();
    let path = env.path("notes.txt");
    std::fs::write(&path, "these are my notes, not a database\n".repeat(200)).unwrap();
    let t0 = Instant::now();
    let out = bare()
        .args(["--db", path.to_str().unwrap(), "history"])
        .output()
        .unwrap();
    let err = one_line_within(&out, t0, 5);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        err.contains("notes.txt") && err.contains("not a database"),
        "{err}"
    );
    assert_eq!(
        err.matches("not a database").count(),
        1,
        "the cause once: {err}"
    );
}

#[test]
fn another_applications_sqlite_file_is_not_an_upright_database() {
    let env = Env::new();
    let path = env.path("other.db");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
            .execute(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
    });
    let t0 = Instant::now();
    let out = bare()
        .args(["--db", path.to_str().unwrap(), "history"])
        .output()
        .unwrap();
    let err = one_line_within(&out, t0, 5);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("not an upright database") && err.contains("other.db"),
        "{err}"
    );
}

#[test]
fn a_read_only_location_is_named_at_once() {
    // Root ignores directory permissions: nothing to test then.
    let env = Env::new();
    let dir = env.path("ro");
    std::fs::create_dir(&dir).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.join("probe"), b"x").is_ok() {
        eprintln!("skipped: running as a user who can write read-only directories");
        return;
    }
    let db = dir.join("upright.db");
    let t0 = Instant::now();
    let out = bare()
        .args(["--db", db.to_str().unwrap(), "history"])
        .output()
        .unwrap();
    let err = one_line_within(&out, t0, 5);
    assert_ne!(out.status.code(), Some(0));
    assert!(err.contains("upright.db"), "{err}");
}

#[test]
fn a_refused_postgres_is_named_without_its_password_at_once() {
    // Port 1 on the loopback: nothing listens there.
    let t0 = Instant::now();
    let out = bare()
        .args([
            "--db",
            "postgres://coach:s3cret@127.0.0.1:1/upright",
            "history",
        ])
        .output()
        .unwrap();
    let err = one_line_within(&out, t0, 8);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("postgres://coach:***@127.0.0.1:1/upright") && !err.contains("s3cret"),
        "{err}"
    );
    assert!(err.to_lowercase().contains("refused"), "{err}");
}

#[test]
fn an_empty_db_is_refused() {
    let env = Env::new();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("upright"))
        .env_remove("UPRIGHT_DATABASE_URL")
        .args(["--db", "", "history"])
        .output()
        .unwrap();
    let _ = &env;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("db: empty"));
}

#[test]
fn an_lb_account_reads_unitless_loads_in_lb() {
    let env = Env::new();
    save_strength_plan(&env);
    env.ok(&["config", "--unit", "lb"]);
    // 2000 lb is about 907 kg: inside the limits, where 2000 kg is not.
    let out = env.ok(&["log", "deadlift", "5@2000", "--date", "2026-01-05"]);
    assert!(out.contains("5@2000lb"), "{out}");
    let h = env.json(&["history", "--format", "json"]);
    let kg = h["sets"][0]["load_kg"].as_f64().unwrap();
    assert!((kg - 907.18).abs() < 0.1, "{kg}");
}

#[test]
fn a_referral_with_emit_model_refers_and_writes_no_model() {
    let env = Env::new();
    let lp = env.path("m.lp");
    let out = env.run(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "home",
        "--pain",
        "acute",
        "--emit-model",
        lp.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!lp.exists());
    // A failed plan writes no model either.
    let out = env.run(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "home",
        "--start",
        "2026-01-05",
        "--emit-model",
        lp.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!lp.exists());
}

#[test]
fn batch_survives_bad_bytes_and_refuses_flags_it_would_ignore() {
    let env = Env::new();
    let f = env.path("b.jsonl");
    let good = r#"{"goals":["posture"],"level":"beginner","equipment":["home"]}"#;
    let mut bytes = Vec::new();
    bytes.extend_from_slice(good.as_bytes());
    bytes.extend_from_slice(b"\n{\"goals\":[\"\xff\xfe\"]}\n");
    bytes.extend_from_slice(&vec![b'x'; 70_000]);
    bytes.push(b'\n');
    bytes.extend_from_slice(good.as_bytes());
    bytes.push(b'\n');
    std::fs::write(&f, bytes).unwrap();
    let out = env.run(&["plan", "--batch", f.to_str().unwrap(), "--reproducible"]);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["status"], "plan");
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("longer than"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3]["status"], "plan");
    for flag in [
        &["--save"][..],
        &["--format", "json"],
        &["--emit-model", "m.lp"],
        &["--start", "2026-01-05"],
    ] {
        let mut args = vec!["plan", "--batch", f.to_str().unwrap()];
        args.extend_from_slice(flag);
        let err = env.bad(&args);
        assert!(err.contains("not accepted with --batch"), "{err}");
    }
}

#[test]
fn dev_zero_is_not_read_until_memory_runs_out() {
    let env = Env::new();
    let t0 = Instant::now();
    let out = env.run(&["plan", "--profile", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than"));
    let out = env.run(&["catalog", "list", "--catalog", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(t0.elapsed() < Duration::from_secs(20));
}

#[test]
fn hostile_text_is_escaped_and_capped_in_errors() {
    let env = Env::new();
    save_strength_plan(&env);
    let long = "x".repeat(100 * 1024);
    let err = env.bad(&["log", &long, "3x5"]);
    assert!(err.len() < 1000, "{} bytes", err.len());
    let err = env.bad(&["log", "dead\nlift\u{1b}[2J", "3x5"]);
    assert!(!err.contains('\u{1b}') && err.contains("\\u{1b}"), "{err}");
}

#[test]
fn csv_export_defuses_formulas_and_svg_stays_valid_with_control_characters() {
    let env = Env::new();
    save_strength_plan(&env);
    env.ok(&[
        "log",
        "deadlift",
        "3x5@100kg",
        "--date",
        "2026-01-05",
        "--note",
        "=HYPERLINK(\"http://x\")",
    ]);
    let csv = env.ok(&["history", "--format", "csv"]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}
