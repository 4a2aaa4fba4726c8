//! The coaching loop on PostgreSQL: the same commands against a fresh
//! database on the server named by `UPRIGHT_TEST_POSTGRES_URL` (set by
//! `scripts/with-postgres.sh`). Skipped without it, unless
//! `UPRIGHT_REQUIRE_POSTGRES=1`, where that is a failure.

use assert_cmd::Command;
use sqlx::Connection;

fn fresh_database() -> Option<String> {
    let admin = match std::env::var("UPRIGHT_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            assert_ne!(
                std::env::var("UPRIGHT_REQUIRE_POSTGRES").as_deref(),
                Ok("1"),
                "UPRIGHT_REQUIRE_POSTGRES=1 but no UPRIGHT_TEST_POSTGRES_URL"
            );
            eprintln!("coach_postgres: skipped (set UPRIGHT_TEST_POSTGRES_URL; scripts/with-postgres.sh does)");
            return None;
        }
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!("upright_coach_{}_{nanos}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .expect("connect to UPRIGHT_TEST_POSTGRES_URL");
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&mut conn)
            .await
            .unwrap();
        let _ = conn.close().await;
    });
    let (scheme, rest) = admin.split_once("://").unwrap();
    let authority = rest.split('/').next().unwrap();
    Some(format!("{scheme}://{authority}/{name}"))
}

#[test]
fn the_coaching_loop_runs_on_postgres() {
    let Some(url) = fresh_database() else { return };
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("upright")
            .unwrap()
            .env("UPRIGHT_DATABASE_URL", &url)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "upright {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&[
        "plan",
        "--goal",
        "strength",
        "--level",
        "intermediate",
        "--equipment",
        "gym",
        "--pullups",
        "5",
        "--save",
        "--start",
        "2026-01-05",
    ]);
    let t: serde_json::Value =
        serde_json::from_str(&run(&["today", "--date", "2026-01-05", "--format", "json"])).unwrap();
    let first = t["exercises"][0]["id"].as_str().unwrap().to_string();
    run(&[
        "log",
        &first,
        "3x5@60kg",
        "--rpe",
        "8",
        "--date",
        "2026-01-05",
        "--note",
        "on postgres",
    ]);
    run(&["log", &first, "3x7@60kg", "--date", "2026-01-12"]);
    run(&[
        "pain",
        "2",
        "--when",
        "next-morning",
        "--date",
        "2026-01-06",
    ]);
    let h: serde_json::Value =
        serde_json::from_str(&run(&["history", "--format", "json"])).unwrap();
    assert_eq!(h["sets"].as_array().unwrap().len(), 6);
    assert_eq!(h["sets"][0]["note"], "on postgres");
    assert_eq!(h["pain"][0]["score"], 2);
    let p: serde_json::Value = serde_json::from_str(&run(&[
        "progress",
        "--format",
        "json",
        "--date",
        "2026-01-31",
    ]))
    .unwrap();
    assert_eq!(p["e1rm"][0]["exercise"], first.as_str());
    run(&["exclude", &first]);
    let t: serde_json::Value =
        serde_json::from_str(&run(&["today", "--date", "2026-01-05", "--format", "json"])).unwrap();
    assert!(t["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["id"] != first.as_str()));
    assert!(run(&["config", "--unit", "lb"]).contains("lb"));
}

/// Racing `exclude`s and `swap`s on PostgreSQL: each that reports success is
/// in the plan afterwards (the revision check makes the loser redo its edit).
#[test]
fn concurrent_plan_edits_are_all_kept_on_postgres() {
    let Some(url) = fresh_database() else { return };
    let cmd = |args: &[&str]| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("upright"));
        c.env("UPRIGHT_DATABASE_URL", &url).args(args);
        c
    };
    let out = cmd(&[
        "plan",
        "--goal",
        "strength",
        "--level",
        "intermediate",
        "--equipment",
        "gym",
        "--pullups",
        "5",
        "--save",
        "--start",
        "2026-01-05",
    ])
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let today = || -> Vec<String> {
        let out = cmd(&["today", "--date", "2026-01-05", "--format", "json"])
            .output()
            .unwrap();
        let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        t["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let victims: Vec<String> = today().into_iter().take(3).collect();
    let children: Vec<_> = victims
        .iter()
        .map(|id| {
            cmd(&["exclude", id])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
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
    let now = today();
    for v in &victims {
        assert!(!now.contains(v), "exclusion of {v} was lost: {now:?}");
    }
}
