//! `upright import` and `upright export` end to end: the real exports in
//! `../shared/data/imports/`, idempotence, all-or-nothing, mappings, round
//! trips through every export format, the coach reading imported history,
//! the stored catalog; and the same on PostgreSQL when a server is given.

mod coach_common;

use coach_common::Env;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../upright-core/tests/fixtures/imports"
);

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// `../shared/data/imports` beside the repository root (or beside the folder
/// holding it, for a git worktree); UPRIGHT_IMPORTS_DIR points elsewhere.
fn real_exports() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("UPRIGHT_IMPORTS_DIR") {
        return Some(PathBuf::from(dir));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for up in ["..", "../.."] {
        let dir = root.join(up).join("shared/data/imports");
        if dir.is_dir() {
            return Some(dir);
        }
    }
    eprintln!("import_history: skipped: no ../shared/data/imports beside the repository (a clone without ../shared)");
    None
}

/// The history's sets without workout ids and positions (which a restore may renumber).
fn sets(env: &Env, keep_notes: bool) -> Vec<Value> {
    sets_as(env, keep_notes, false)
}

/// As [`sets`]; `zero_is_none`: a load of 0 counts as no load, as Strong writes them alike.
fn sets_as(env: &Env, keep_notes: bool, zero_is_none: bool) -> Vec<Value> {
    let h = env.json(&["history", "--format", "json"]);
    let mut out: Vec<Value> = h["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            let o = s.as_object_mut().unwrap();
            o.remove("workout");
            o.remove("set");
            if !keep_notes {
                o.remove("note");
            }
            if zero_is_none && o.get("load_kg").and_then(Value::as_f64) == Some(0.0) {
                o.insert("load_kg".into(), Value::Null);
            }
            s
        })
        .collect();
    out.sort_by_key(|v| v.to_string());
    out
}

fn import(env: &Env, source: &str, file: &str, extra: &[&str]) -> Value {
    let mut args = vec!["import", source, file, "--format", "json"];
    args.extend_from_slice(extra);
    env.json(&args)
}

fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// A Strong S2 export: `workouts` deadlift days from 2023-01-02, three days
/// apart, each with two warm-ups (`W`, when `warm_ups`) and three working sets.
fn strong_file(workouts: usize, warm_ups: bool) -> String {
    let mut s = String::from(upright_core::import::write::STRONG_HEADER);
    s.push('\n');
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
    for w in 0..workouts {
        let day = start + chrono::Days::new(3 * w as u64);
        let load = 100.0 + 2.5 * (w / 2) as f64;
        if warm_ups {
            for warm in [40.0, 60.0] {
                let _ = writeln!(s, "{day} 07:30:00;\"Pull\";\"Deadlift (Barbell)\";W;{warm};kg;5;;;;0;\"\";\"\";1h");
            }
        }
        for set in 1..=3 {
            let _ = writeln!(s, "{day} 07:30:00;\"Pull\";\"Deadlift (Barbell)\";{set};{load};kg;5;8;;;0;\"\";\"\";1h");
        }
        let _ = writeln!(
            s,
            "{day} 07:30:00;\"Pull\";\"Ring Row\";1;;;10;;;;0;\"\";\"\";1h"
        );
    }
    s
}

fn write(env: &Env, name: &str, text: &str) -> String {
    let p = env.path(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn every_real_export_imports_and_every_set_row_is_in_the_history_or_named_by_line() {
    let Some(dir) = real_exports() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let source = if name.starts_with("hevy") {
            "hevy"
        } else {
            "strong"
        };
        let env = Env::new();
        let path = file.display().to_string();
        let mut args = vec!["import", source, path.as_str(), "--format", "json"];
        let first = env.run(&args);
        let r: Value = if first.status.code() == Some(2) {
            // A Strong file with no unit anywhere: exit 2 naming `units`, then with it.
            let err = String::from_utf8_lossy(&first.stderr);
            assert!(err.starts_with("upright: units:"), "{name}: {err}");
            args.extend(["--units", "kg"]);
            env.json(&args)
        } else {
            assert!(
                first.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&first.stderr)
            );
            serde_json::from_slice(&first.stdout).unwrap()
        };
        let (records, sets) = (n(&r, "records"), n(&r, "sets"));
        assert_eq!(
            records,
            sets + n(&r, "note_rows") + n(&r, "rest_timer_rows") + n(&r, "malformed"),
            "{name}: every record is a set, a pseudo-row or a malformed row"
        );
        for list in ["malformed_rows", "not_stored_rows"] {
            for p in r[list].as_array().unwrap() {
                assert!(p["line"].as_u64().unwrap() > 1, "{name}: {p}");
                assert!(
                    p["message"].as_str().unwrap().starts_with("line "),
                    "{name}: {p}"
                );
            }
        }
        assert_eq!(
            r["malformed_rows"].as_array().unwrap().len() as u64,
            n(&r, "malformed"),
            "{name}"
        );
        let stored = sets - n(&r, "not_stored");
        assert_eq!(n(&r, "added"), stored, "{name}: a fresh history");
        let history = env.json(&["history", "--format", "json"]);
        assert_eq!(
            history["sets"].as_array().unwrap().len() as u64,
            stored,
            "{name}: every stored set is in the history"
        );
        let per_name: u64 = r["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| n(e, "sets"))
            .sum();
        assert_eq!(
            per_name, sets,
            "{name}: the per-name counts cover every set"
        );
        // Idempotent: the same file again adds nothing.
        let again = env.json(&args);
        assert_eq!(
            (n(&again, "added"), n(&again, "already_present")),
            (0, stored),
            "{name}"
        );
    }
}

#[test]
fn reimport_adds_nothing_and_a_newer_export_adds_only_what_is_new() {
    let env = Env::new();
    let older = write(&env, "older.csv", &strong_file(6, true));
    let newer = write(&env, "newer.csv", &strong_file(10, true));
    let r = import(&env, "strong", &older, &[]);
    assert_eq!(
        (n(&r, "added"), n(&r, "workouts"), n(&r, "warm_up_sets")),
        (36, 6, 12)
    );
    let r = import(&env, "strong", &newer, &[]);
    assert_eq!(
        (n(&r, "added"), n(&r, "already_present")),
        (24, 36),
        "only the four new workouts"
    );
    let before = sets(&env, true);
    let r = import(&env, "strong", &newer, &[]);
    assert_eq!(n(&r, "added"), 0);
    assert_eq!(sets(&env, true), before);
    assert_eq!(before.len(), 60);
    let warm = before.iter().filter(|s| s["kind"] == "warm-up").count();
    assert_eq!(warm, 20, "warm-ups are kept and marked");
}

#[test]
fn malformed_rows_are_named_by_line_and_strict_imports_nothing() {
    let env = Env::new();
    let bad = fixture("strong-bad-rows.csv");
    let out = env.run(&["import", "strong", &bad, "--strict"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("upright: file: line 3:") && err.contains("nothing was imported"),
        "{err}"
    );
    assert!(env.json(&["history", "--format", "json"])["sets"]
        .as_array()
        .unwrap()
        .is_empty());

    let r = import(&env, "strong", &bad, &[]);
    assert_eq!(n(&r, "added"), 2);
    let lines: Vec<u64> = r["malformed_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| n(p, "line"))
        .collect();
    assert_eq!(lines, (3..=14).collect::<Vec<_>>());
    let text = env.ok(&["import", "strong", &bad]);
    assert!(
        text.contains("12 malformed row(s) skipped:") && text.contains("line 14:"),
        "{text}"
    );
}

#[test]
fn a_failure_late_in_a_large_file_leaves_the_history_as_it_was() {
    let env = Env::new();
    let first = write(&env, "first.csv", &strong_file(2, false));
    import(&env, "strong", &first, &[]);
    let before = sets(&env, true);
    // 1500 workouts (6000 sets: past the first store batch), then a bad row.
    let mut text = strong_file(1500, false);
    text.push_str(
        "2030-01-01 07:30:00;\"Pull\";\"Deadlift (Barbell)\";X;100;kg;5;;;;0;\"\";\"\";1h\n",
    );
    let big = write(&env, "big.csv", &text);
    let out = env.run(&["import", "strong", &big, "--strict", "--quiet"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 6002:"), "{err}");
    assert_eq!(
        sets(&env, true),
        before,
        "nothing of the failed import stays"
    );
    // Without --strict the same file imports all but that row.
    let r = import(&env, "strong", &big, &["--quiet"]);
    assert_eq!(
        (n(&r, "added"), n(&r, "already_present"), n(&r, "malformed")),
        (5992, 8, 1)
    );
}

#[test]
fn units_are_required_for_a_strong_file_that_does_not_say() {
    let env = Env::new();
    let f = fixture("strong-s1-comma.csv");
    let err = env.bad(&["import", "strong", &f]);
    assert!(
        err.starts_with("upright: units:") && err.contains("kg") && err.contains("lb"),
        "{err}"
    );
    let err = env.bad(&["import", "strong", &f, "--units", "stone"]);
    assert!(
        err.starts_with("upright: units: 'stone' is not accepted"),
        "{err}"
    );
    assert!(!env.db.exists() || sets(&env, true).is_empty());
    let r = import(&env, "strong", &f, &["--units", "lb"]);
    assert!(n(&r, "added") > 0);
    let err = env.bad(&["import", "hevy", &fixture("hevy-kg.csv"), "--units", "kg"]);
    assert!(err.starts_with("upright: units:"), "{err}");
    let err = env.bad(&["import", "hevy", &f]);
    assert!(err.starts_with("upright: file: header:"), "{err}");
    let err = env.bad(&[
        "import",
        "strong",
        &env.path("missing.csv").display().to_string(),
    ]);
    assert!(err.starts_with("upright: file: cannot read"), "{err}");
}

#[test]
fn map_repoints_imported_history_and_later_imports_use_it() {
    let env = Env::new();
    let f = write(&env, "a.csv", &strong_file(3, false));
    let r = import(&env, "strong", &f, &[]);
    let ring = r["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Ring Row")
        .unwrap()
        .clone();
    assert_eq!(ring["exercise"], "custom:ringrow");
    assert!(ring["matched_by"].is_null());
    assert_eq!(r["unmapped"], serde_json::json!(["Ring Row"]));
    let text = env.ok(&["import", "strong", &f]);
    assert!(
        text.contains("custom:ringrow (unmapped: kept as your own exercise)"),
        "{text}"
    );

    let err = env.bad(&["import", "map", "Ring Row", "inverted-rwo"]);
    assert!(
        err.contains("did you mean") && err.contains("inverted-row"),
        "{err}"
    );
    let out = env.ok(&["import", "map", "ring rows", "inverted-row"]);
    assert!(
        out.contains("3 set(s) already imported re-pointed"),
        "{out}"
    );
    let h = env.json(&["history", "--exercise", "inverted-row", "--format", "json"]);
    assert_eq!(h["sets"].as_array().unwrap().len(), 3);

    let g = write(&env, "b.csv", &strong_file(4, false));
    let r = import(&env, "strong", &g, &[]);
    let ring = r["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Ring Row")
        .unwrap()
        .clone();
    assert_eq!(
        (ring["exercise"].as_str(), ring["matched_by"].as_str()),
        (Some("inverted-row"), Some("mapping"))
    );
    assert_eq!(
        env.json(&["history", "--exercise", "inverted-row", "--format", "json"])["sets"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

/// A history with every kind of thing in it: imports of both apps, a plan, a
/// logged workout, pain, an exclusion, a mapping. Returns how many sets came from Strong.
fn full_history(env: &Env) -> u64 {
    let a = import(env, "strong", &fixture("strong-s3-quoted.csv"), &[]);
    let b = import(env, "strong", &fixture("strong-s3-tags.csv"), &[]);
    import(env, "hevy", &fixture("hevy-kg.csv"), &[]);
    import(env, "hevy", &fixture("hevy-kg-miles.csv"), &[]);
    coach_common::save_strength_plan(env);
    env.ok(&[
        "log",
        "deadlift",
        "3x5@100kg",
        "--date",
        "2026-01-05",
        "--note",
        "felt \"solid\", ok",
    ]);
    env.ok(&["log", "plank", "3x30s", "--date", "2026-01-05"]);
    env.ok(&["pain", "3", "--when", "during", "--date", "2026-01-06"]);
    env.ok(&["exclude", "good-morning"]);
    env.ok(&["import", "map", "Chin Up (Assisted)", "assisted-pull-up"]);
    // Batteries, gyms (with a closure, and the one trained at) and availability.
    env.ok(&[
        "assess",
        "--flexor",
        "120",
        "--extensor",
        "90",
        "--side-right",
        "60",
        "--side-left",
        "55",
        "--date",
        "2026-01-04",
    ]);
    env.ok(&[
        "gym",
        "add",
        "--name",
        "Iron Hall",
        "--address",
        "1 Main St",
        "--tz",
        "Europe/Berlin",
        "--hours",
        "mon-fri 07:00-21:00,sat 09:00-14:00",
    ]);
    env.ok(&[
        "gym",
        "add",
        "--name",
        "Home",
        "--address",
        "Flat 2",
        "--tz",
        "Europe/Berlin",
        "--hours",
        "mon-sun 06:00-22:00",
    ]);
    env.ok(&[
        "gym",
        "closure",
        "add",
        "Iron Hall",
        "--from",
        "2026-12-24",
        "--to",
        "2026-12-26",
        "--reason",
        "holidays",
    ]);
    env.ok(&["gym", "use", "Iron Hall"]);
    env.ok(&[
        "availability",
        "set",
        "mon",
        "06:30-08:00,18:00-21:00",
        "sun",
        "off",
        "--tz",
        "Europe/Berlin",
        "--wake",
        "06:15",
    ]);
    n(&a, "added") + n(&b, "added")
}

/// Removes the store's ids (which differ between databases) from a JSON value.
fn strip_ids(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("id");
            m.values_mut().for_each(strip_ids);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_ids),
        _ => {}
    }
}

#[test]
fn json_and_csv_exports_import_back_to_the_same_history() {
    let env = Env::new();
    full_history(&env);
    let history = env.json(&["history", "--format", "json"]);
    let today = env.json(&["today", "--date", "2026-01-07", "--format", "json"]);
    for format in ["json", "csv"] {
        let file = env.path(&format!("all.{format}")).display().to_string();
        env.ok(&["export", "--format", format, "--out", &file]);
        // Into a new database: the same history, pain, plan and exclusions.
        let other = Env::new();
        let r = other.json(&["import", "upright", &file, "--format", "json"]);
        assert_eq!(n(&r, "sets_added"), n(&r, "sets"), "{format}");
        let mut got = other.json(&["history", "--format", "json"]);
        let mut want = history.clone();
        for h in [&mut got, &mut want] {
            for s in h["sets"].as_array_mut().unwrap() {
                s.as_object_mut().unwrap().remove("workout");
            }
        }
        assert_eq!(got, want, "{format}: the same sets and pain");
        assert_eq!(
            other.json(&["today", "--date", "2026-01-07", "--format", "json"]),
            today,
            "{format}"
        );
        for what in [
            &["assess", "--history", "--format", "json"][..],
            &["gym", "list", "--format", "json"],
            &["availability", "show", "--format", "json"],
        ] {
            let (mut got, mut want) = (other.json(what), env.json(what));
            for v in [&mut got, &mut want] {
                strip_ids(v);
            }
            assert_eq!(got, want, "{format}: {what:?} restored");
        }
        assert_eq!(
            (
                n(&r, "assessments_added"),
                n(&r, "gyms_added"),
                r["availability_added"].clone()
            ),
            (1, 2, Value::Bool(true)),
            "{format}: {r}"
        );
        let saved = other.run(&[
            "plan",
            "--goal",
            "strength",
            "--level",
            "intermediate",
            "--equipment",
            "gym",
            "--save",
        ]);
        let note = String::from_utf8_lossy(&saved.stderr);
        assert!(
            note.contains("your exclusions kept: good-morning"),
            "{format}: {note}"
        );
        // The export of the restored history restores to the same again, and adds nothing twice.
        let again = other.json(&["import", "upright", &file, "--format", "json"]);
        assert_eq!(
            (
                n(&again, "sets_added"),
                n(&again, "plans_added"),
                n(&again, "pain_added"),
                n(&again, "assessments_added"),
                n(&again, "gyms_added"),
            ),
            (0, 0, 0, 0, 0),
            "{format}"
        );
        let back = env.json(&["import", "upright", &file, "--format", "json"]);
        assert_eq!(
            n(&back, "sets_added"),
            0,
            "{format}: into the database it came from"
        );
        assert_eq!(env.json(&["history", "--format", "json"]), history);
    }
    let text = std::fs::read_to_string(env.path("all.json")).unwrap();
    assert!(
        text.starts_with("{\"format\":\"upright-export\",\"version\":2,"),
        "{}",
        &text[..80]
    );
}

#[test]
fn strong_and_hevy_exports_read_back_to_the_same_sets() {
    let env = Env::new();
    let from_strong = full_history(&env);
    for (format, keep_notes) in [("strong", true), ("hevy", false)] {
        let file = env
            .path(&format!("sets.{format}.csv"))
            .display()
            .to_string();
        env.ok(&["export", "--format", format, "--out", &file]);
        let other = Env::new();
        let r = import(&other, format, &file, &[]);
        assert_eq!(n(&r, "malformed") + n(&r, "not_stored"), 0, "{format}: {r}");
        // Hevy has no per-set note: the notes are compared for Strong only;
        // Strong writes no load and a load of 0 alike (Hevy keeps a 0).
        assert_eq!(
            sets_as(&other, keep_notes, true),
            sets_as(&env, keep_notes, true),
            "{format}"
        );
    }
    // Exported to Strong and imported back into the same history: the sets
    // that came from Strong have the same identity, so only the others are new.
    let file = env.path("sets.strong.csv").display().to_string();
    let r = import(&env, "strong", &file, &[]);
    assert_eq!(n(&r, "already_present"), from_strong, "{r}");
}

#[test]
fn stdout_export_and_bad_formats() {
    let env = Env::new();
    import(&env, "hevy", &fixture("hevy-kg.csv"), &[]);
    let csv = env.ok(&["export", "--format", "hevy"]);
    assert!(csv.starts_with("\"title\",\"start_time\""), "{csv}");
    let err = env.bad(&["export", "--format", "xml"]);
    assert!(
        err.starts_with(
            "upright: format: 'xml' is not accepted; accepted: json, csv, hevy, strong"
        ),
        "{err}"
    );
    let err = env.bad(&["import", "upright", &fixture("hevy-kg.csv")]);
    assert!(
        err.starts_with("upright: file: line 1: not upright's CSV export"),
        "{err}"
    );
    let junk = write(&env, "junk.json", "{\"format\":\"other\"}");
    let err = env.bad(&["import", "upright", &junk]);
    assert!(err.starts_with("upright: file:"), "{err}");
}

#[test]
fn today_prescribes_from_imported_loads_and_warm_ups_do_not_feed_it() {
    let with = Env::new();
    let without = Env::new();
    let none = Env::new();
    import(
        &with,
        "strong",
        &write(&with, "w.csv", &strong_file(8, true)),
        &[],
    );
    import(
        &without,
        "strong",
        &write(&without, "n.csv", &strong_file(8, false)),
        &[],
    );
    for env in [&with, &without, &none] {
        coach_common::save_strength_plan(env);
    }
    let day = |env: &Env| {
        let t = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
        t["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "deadlift")
            .cloned()
            .expect("deadlift today")
    };
    let (w, n, fresh) = (day(&with), day(&without), day(&none));
    assert_eq!(w, n, "warm-ups change nothing");
    assert_ne!(w, fresh, "the imported loads are used");
    assert!(
        w.to_string().contains("107.5"),
        "the last imported working load: {w}"
    );
}

#[test]
fn progress_charts_the_imported_years() {
    let env = Env::new();
    let mut text = strong_file(4, true);
    text.push_str(
        &strong_file(2, false)
            .lines()
            .skip(1)
            .map(|l| l.replacen("2023-", "2019-", 1) + "\n")
            .collect::<String>(),
    );
    import(&env, "strong", &write(&env, "y.csv", &text), &[]);
    let p = env.json(&["progress", "--exercise", "deadlift", "--format", "json"]);
    let points = p["e1rm"][0]["points"].as_array().unwrap();
    let dates: Vec<&str> = points.iter().map(|x| x["date"].as_str().unwrap()).collect();
    assert_eq!(dates.first().map(|d| &d[..4]), Some("2019"), "{dates:?}");
    assert_eq!(dates.last().map(|d| &d[..4]), Some("2023"), "{dates:?}");
    assert_eq!(
        p["sets_logged"].as_u64(),
        Some(4 * 3 + 2 * 3 + 6),
        "warm-ups are not counted (3 deadlift and 1 ring row a day): {p}"
    );
}

const FEDB: &str = r#"[
  {"id": "Towel_Superman", "name": "Towel Superman", "force": "static", "level": "beginner", "mechanic": "isolation",
   "equipment": "body only", "primaryMuscles": ["lower back"], "secondaryMuscles": ["glutes"], "category": "strength"},
  {"id": "Chin_To_Chest_Stretch", "name": "Chin To Chest Stretch", "force": "static", "level": "beginner", "mechanic": null,
   "equipment": null, "primaryMuscles": ["neck"], "secondaryMuscles": [], "category": "stretching"}
]"#;

#[test]
fn catalog_import_free_exercise_db_is_stored_and_planned_with() {
    let env = Env::new();
    let plan = [
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "home",
        "--exclude",
        "fedb-towel-superman",
    ];
    let err = env.bad(&plan);
    assert!(
        err.contains("unknown exercise 'fedb-towel-superman'"),
        "{err}"
    );
    let f = write(&env, "exercises.json", FEDB);
    // The file path of before still writes a TOML catalog and stores nothing.
    let toml = env.path("c.toml");
    env.ok(&[
        "catalog",
        "import",
        &f,
        "--out",
        &toml.display().to_string(),
    ]);
    assert!(std::fs::read_to_string(&toml)
        .unwrap()
        .contains("fedb-towel-superman"));
    assert!(env.run(&plan).status.code() == Some(2));
    let out = env.ok(&["catalog", "import", "free-exercise-db", &f]);
    assert!(
        out.contains(
            "stored 1 exercise(s) in your catalog (1 new, 0 replaced; 1 entr(ies) skipped)"
        ),
        "{out}"
    );
    assert!(
        env.run(&plan).status.success(),
        "the planner knows it without --catalog"
    );
    let shown = env.ok(&["catalog", "show", "fedb-towel-superman"]);
    assert!(shown.contains("Towel Superman"), "{shown}");
    let out = env.ok(&["catalog", "import", "free-exercise-db", &f]);
    assert!(out.contains("(0 new, 1 replaced"), "{out}");
    let err = env.bad(&["catalog", "import", "fedb", &f]);
    assert!(
        err.starts_with("upright: format: 'fedb' is not accepted; accepted: free-exercise-db"),
        "{err}"
    );
    // Imports map names onto the stored exercises too.
    let mut csv = String::from(upright_core::import::write::STRONG_HEADER);
    csv.push_str("\n2024-01-01 08:00:00;\"Back\";\"Towel Superman\";1;;;12;;;;0;\"\";\"\";1h\n");
    let r = import(&env, "strong", &write(&env, "s.csv", &csv), &[]);
    assert_eq!(r["exercises"][0]["exercise"], "fedb-towel-superman", "{r}");
}

#[test]
fn the_real_free_exercise_db_is_stored_whole() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/free-exercise-db/exercises.json");
    let alt = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../../shared/data/free-exercise-db/exercises.json");
    let Some(path) = [path, alt].into_iter().find(|p| p.exists()) else {
        eprintln!("import_history: skipped: no ../shared/data/free-exercise-db/exercises.json");
        return;
    };
    let env = Env::new();
    let out = env.ok(&[
        "catalog",
        "import",
        "free-exercise-db",
        &path.display().to_string(),
    ]);
    assert!(out.contains("in your catalog now"), "{out}");
    let list = env.ok(&["catalog", "list"]);
    assert!(
        list.lines().filter(|l| l.starts_with("fedb-")).count() > 100,
        "{list}"
    );
    assert!(env
        .run(&[
            "plan",
            "--goal",
            "strength",
            "--level",
            "intermediate",
            "--equipment",
            "gym"
        ])
        .status
        .success());
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let env = Env::new();
    let out = env.run(&["import", "hevy", &fixture("hevy-kg.csv")]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The same commands against PostgreSQL (UPRIGHT_TEST_POSTGRES_URL, as in coach_postgres).
#[test]
fn imports_and_exports_run_on_postgres() {
    let Some(url) = postgres_database() else {
        return;
    };
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("upright")
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
        serde_json::from_slice::<Value>(&out.stdout).unwrap_or(Value::Null)
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.csv");
    std::fs::write(&file, strong_file(1500, true)).unwrap();
    let f = file.display().to_string();
    let r = run(&["import", "strong", &f, "--format", "json"]);
    assert_eq!(n(&r, "added"), 1500 * 6);
    let r = run(&["import", "strong", &f, "--format", "json"]);
    assert_eq!(n(&r, "added"), 0);
    let mut bad = strong_file(1500, true);
    bad.push_str(
        "2030-01-01 07:30:00;\"Pull\";\"Deadlift (Barbell)\";X;100;kg;5;;;;0;\"\";\"\";1h\n",
    );
    let badf = dir.path().join("bad.csv");
    std::fs::write(&badf, bad.replace("2023-", "2024-")).unwrap();
    let out = assert_cmd::Command::cargo_bin("upright")
        .unwrap()
        .env("UPRIGHT_DATABASE_URL", &url)
        .args(["import", "strong", &badf.display().to_string(), "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    run(&["import", "map", "Ring Row", "inverted-row"]);
    let h = run(&["history", "--format", "json"]);
    assert_eq!(
        h["sets"].as_array().unwrap().len(),
        1500 * 6,
        "the failed import left nothing"
    );
    let export = dir.path().join("all.json");
    run(&[
        "export",
        "--format",
        "json",
        "--out",
        &export.display().to_string(),
    ]);
    let r = run(&[
        "import",
        "upright",
        &export.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(n(&r, "sets_added"), 0);
    let fedb = dir.path().join("e.json");
    std::fs::write(&fedb, FEDB).unwrap();
    run(&[
        "catalog",
        "import",
        "free-exercise-db",
        &fedb.display().to_string(),
    ]);
    run(&[
        "plan",
        "--goal",
        "posture",
        "--level",
        "beginner",
        "--equipment",
        "home",
        "--exclude",
        "fedb-towel-superman",
    ]);
}

fn postgres_database() -> Option<String> {
    use sqlx::Connection;
    let admin = match std::env::var("UPRIGHT_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            assert_ne!(
                std::env::var("UPRIGHT_REQUIRE_POSTGRES").as_deref(),
                Ok("1"),
                "UPRIGHT_REQUIRE_POSTGRES=1 but no UPRIGHT_TEST_POSTGRES_URL"
            );
            eprintln!("import_history: PostgreSQL test skipped (set UPRIGHT_TEST_POSTGRES_URL; scripts/with-postgres.sh does)");
            return None;
        }
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!("upright_import_{}_{nanos}", std::process::id());
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
