//! Shared harness of the coaching-loop tests: every test gets its own SQLite
//! file in a temp dir, passed with `--db` (the environment's
//! UPRIGHT_DATABASE_URL is removed so it cannot leak in).
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("upright.db");
        Env { dir, db }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("upright").unwrap();
        c.env_remove("UPRIGHT_DATABASE_URL")
            .arg("--db")
            .arg(&self.db);
        c
    }

    /// Runs and returns the output whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs, insists on exit 0, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "upright {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("upright {args:?}: not JSON ({e}): {text}"))
    }

    /// Runs, insists on exit 2 with a one-line message on stderr; returns it.
    pub fn bad(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(
            out.status.code(),
            Some(2),
            "upright {args:?} should be bad input; stderr: {err}"
        );
        assert!(
            out.stdout.is_empty(),
            "upright {args:?}: no partial output, got {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        err
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The strength plan of the month test, saved from Monday 2026-01-05.
pub fn save_strength_plan(env: &Env) {
    let out = env.run(&[
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
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("saved plan") && err.contains("2026-01-05"),
        "{err}"
    );
}

/// Every exercise of the saved plan's first week. The programme slides, so
/// `today --date` on a later day shows the first session not yet done:
/// these are read from the plan itself.
pub fn week1_ids(plan: &Value) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for s in plan["weeks"][0]["sessions"].as_array().unwrap() {
        for e in s["exercises"].as_array().unwrap() {
            let id = e["id"].as_str().unwrap().to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}
