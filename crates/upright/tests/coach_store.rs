//! Which database the coaching commands use: `--db PATH`, `--db sqlite://...`,
//! `UPRIGHT_DATABASE_URL`, or by default `upright.db` in the XDG data directory.

mod coach_common;

use assert_cmd::Command;

fn upright() -> Command {
    let mut c = Command::cargo_bin("upright").unwrap();
    c.env_remove("UPRIGHT_DATABASE_URL");
    c
}

#[test]
fn default_store_is_created_in_the_data_directory() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let out = upright()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .args(["log", "deadlift", "3x5@100kg", "--date", "2026-01-05"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(data.join("upright").join("upright.db").exists());
    let out = upright()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .args(["history", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);
}

#[test]
fn urls_and_the_environment_choose_another_store() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("via-url.db");
    let url = format!("sqlite://{}", file.display());
    upright()
        .env("UPRIGHT_DATABASE_URL", &url)
        .args(["pain", "2", "--when", "during", "--date", "2026-01-05"])
        .assert()
        .success();
    assert!(file.exists());
    let out = upright()
        .args(["--db", &url, "history", "--format", "json"])
        .output()
        .unwrap();
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h["pain"][0]["score"], 2);
    let out = upright()
        .args(["--db", "mysql://u:secret@h/db", "history"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("db:") && !err.contains("secret"), "{err}");
}
