//! The iCalendar export read back by an independent parser: Python's
//! `icalendar` package (installed with pip when missing), driven by
//! `tests/ics_check.py`. Skipped, saying so, when python3 is absent.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use upright_core::calendar::{
    export, schedule, uid_for, Availability, ExportInput, ExportState, Gym, Location, Schedule,
    ScheduleRequest, SessionToPlace,
};

const KEY: &str = "user:1/plan:1";

fn example_gym_text() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/gym.toml");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `python3` with `icalendar` importable, or `None` when there is no python3.
/// Installs the package once per test process (the tests run in parallel).
fn python() -> Option<&'static str> {
    static READY: OnceLock<Option<&'static str>> = OnceLock::new();
    *READY.get_or_init(|| {
        if Command::new("python3").arg("--version").output().is_err() {
            eprintln!(
                "SKIPPED calendar_ics: python3 not found; the independent iCalendar check needs it"
            );
            return None;
        }
        let has = || {
            Command::new("python3")
                .args(["-c", "import icalendar"])
                .status()
                .is_ok_and(|s| s.success())
        };
        if !has() {
            let st = Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "icalendar",
                ])
                .stdin(Stdio::null())
                .status();
            // Not a skip: a check that could not run must not pass.
            assert!(
                st.is_ok_and(|s| s.success()) && has(),
                "pip install icalendar failed: the independent iCalendar check cannot run"
            );
        }
        Some("python3")
    })
}

fn check(py: &str, gym_toml: &Path, files: &[PathBuf]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_check.py");
    let out = Command::new(py)
        .arg(&script)
        .arg(gym_toml)
        .args(files)
        .output()
        .expect("run ics_check.py");
    assert!(
        out.status.success(),
        "ics_check.py rejected the export:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("ics_check.py prints JSON")
}

/// uid -> event, from the checker's JSON for one file.
fn by_uid(file: &Value) -> BTreeMap<String, Value> {
    file["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["uid"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

fn sessions(n: u32) -> Vec<SessionToPlace> {
    (0..n)
        .map(|i| SessionToPlace {
            key: format!("w{}s{}", i / 3 + 1, i % 3 + 1),
            seq: i,
            minutes: [55, 40, 70][i as usize % 3],
            location: if i % 3 == 1 {
                Location::Home
            } else {
                Location::Gym
            },
            heavy_spinal_load: i % 3 == 0,
            loaded_flexion: i % 3 == 2,
            summary: format!("Deadlift 3x5, Bird dog 3x6; session {i}: warm-up, cat-camel"),
        })
        .collect()
}

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

#[test]
fn exports_parse_independently_honour_gym_hours_and_keep_uids_across_exports() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    // The example gym plus a closure, so the check covers closures too.
    let gym_text = format!(
        "{}\n[[closures]]\ndate = 2026-10-28\nreason = \"Staff training\"\n",
        example_gym_text()
    );
    let gym_path = dir.path().join("gym.toml");
    std::fs::write(&gym_path, &gym_text).unwrap();
    let gym = Gym::from_toml_str(&gym_text).unwrap();
    let av = Availability::parse(
        "America/New_York",
        &[
            "mon-fri 06:30-08:00,17:30-20:00",
            "sat 09:00-13:00",
            "sun off",
        ],
        Some("06:00"),
    )
    .unwrap();
    let all = sessions(10);
    let from = NaiveDate::from_ymd_opt(2026, 10, 19).unwrap();
    let request = ScheduleRequest {
        sessions: &all,
        next_index: 0,
        from,
        weeks: 4, // across the end of daylight saving on 2026-11-01
        sessions_per_week: 3,
        gym: Some(&gym),
        availability: &av,
        not_before: None,
        last_heavy_start: None,
        rhythm: Default::default(),
    };
    let a: Schedule = schedule(&request).unwrap();
    assert_eq!(a.placed.len(), 10, "unfit: {:?}", a.unfit);
    let stamp_a = utc(2026, 10, 18, 12);
    let export_a = export(&ExportInput {
        calendar_key: KEY,
        calendar_name: "upright: back training",
        dtstamp: stamp_a,
        sessions: &a.placed,
        previous: &ExportState::new(),
    })
    .unwrap();

    // Thursday noon: w1s1 was done, w1s2 missed; the plan lost its last session.
    let now = utc(2026, 10, 22, 16);
    let shorter = sessions(9);
    let b = schedule(&ScheduleRequest {
        sessions: &shorter,
        next_index: 1,
        from: NaiveDate::from_ymd_opt(2026, 10, 22).unwrap(),
        not_before: Some(now),
        last_heavy_start: Some(a.placed[0].start.with_timezone(&Utc)),
        rhythm: Default::default(),
        ..request.clone()
    })
    .unwrap();
    assert_eq!(b.placed[0].key, "w1s2", "the missed session leads");
    let export_b = export(&ExportInput {
        calendar_key: KEY,
        calendar_name: "upright: back training",
        dtstamp: now,
        sessions: &b.placed,
        previous: &export_a.state,
    })
    .unwrap();
    let export_c = export(&ExportInput {
        calendar_key: KEY,
        calendar_name: "upright: back training",
        dtstamp: utc(2026, 10, 23, 9),
        sessions: &b.placed,
        previous: &export_b.state,
    })
    .unwrap();

    let files: Vec<PathBuf> = [
        ("a.ics", &export_a),
        ("b.ics", &export_b),
        ("c.ics", &export_c),
    ]
    .iter()
    .map(|(name, e)| {
        let p = dir.path().join(name);
        std::fs::write(&p, &e.ics).unwrap();
        p
    })
    .collect();
    // UPRIGHT_ICS_DUMP=DIR keeps the files, to look at or to feed other readers.
    if let Ok(d) = std::env::var("UPRIGHT_ICS_DUMP") {
        for f in &files {
            std::fs::copy(f, Path::new(&d).join(f.file_name().unwrap())).unwrap();
        }
        std::fs::copy(&gym_path, Path::new(&d).join("gym.toml")).unwrap();
    }
    let parsed = check(py, &gym_path, &files);
    let (pa, pb, pc) = (by_uid(&parsed[0]), by_uid(&parsed[1]), by_uid(&parsed[2]));
    assert_eq!(
        parsed[0]["timezones"],
        serde_json::json!(["America/New_York"])
    );

    // Export A: every session, UID from the plan key and the session key.
    assert_eq!(pa.len(), 10);
    for s in &a.placed {
        let e = &pa[&uid_for(KEY, &s.key)];
        assert_eq!(
            (e["sequence"].as_i64(), e["status"].as_str()),
            (Some(0), Some("CONFIRMED"))
        );
        assert_eq!(
            e["local_start"].as_str().unwrap(),
            s.start.format("%Y-%m-%d %H:%M").to_string()
        );
        assert!(
            e["description"].as_str().unwrap().contains(&s.summary),
            "{e}"
        );
        let want = if s.location == Location::Gym {
            gym.address.as_str()
        } else {
            "Home"
        };
        assert_eq!(e["location"].as_str(), Some(want));
    }
    // Sessions each side of the change keep their wall-clock times in local terms.
    assert!(a
        .placed
        .iter()
        .any(|p| p.date > NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()));

    // Export B: the same UIDs; moved events bumped, unchanged not; the done one
    // kept as history; the dropped one cancelled.
    let uids_a: Vec<&String> = pa.keys().collect();
    let uids_b: Vec<&String> = pb.keys().collect();
    assert_eq!(uids_a, uids_b, "UIDs stable across exports");
    let done = &pb[&uid_for(KEY, "w1s1")];
    assert_eq!(done["start"], pa[&uid_for(KEY, "w1s1")]["start"]);
    assert_eq!(
        (done["sequence"].as_i64(), done["status"].as_str()),
        (Some(0), Some("CONFIRMED"))
    );
    let dropped = &pb[&uid_for(KEY, "w4s1")];
    assert_eq!(
        (dropped["sequence"].as_i64(), dropped["status"].as_str()),
        (Some(1), Some("CANCELLED"))
    );
    let mut moved = 0;
    for s in &b.placed {
        let uid = uid_for(KEY, &s.key);
        let (ea, eb) = (&pa[&uid], &pb[&uid]);
        let same = ea["start"] == eb["start"] && ea["end"] == eb["end"];
        moved += usize::from(!same);
        assert_eq!(
            eb["sequence"].as_i64(),
            Some(if same { 0 } else { 1 }),
            "{}: {ea} -> {eb}",
            s.key
        );
        assert_eq!(eb["status"].as_str(), Some("CONFIRMED"));
    }
    assert!(moved >= 1, "the missed session moved");
    assert!(pb[&uid_for(KEY, "w1s2")]["start"] != pa[&uid_for(KEY, "w1s2")]["start"]);

    // Export C = B again: nothing bumps, the cancellation stays as it was.
    for (uid, eb) in &pb {
        assert_eq!(pc[uid]["sequence"], eb["sequence"], "{uid}");
        assert_eq!(pc[uid]["status"], eb["status"], "{uid}");
    }
}

#[test]
fn home_sessions_in_another_zone_get_their_own_vtimezone_across_spring_forward() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let gym_path = dir.path().join("gym.toml");
    std::fs::write(&gym_path, example_gym_text()).unwrap();
    let av =
        Availability::parse("Europe/Berlin", &["daily 07:00-08:00,18:00-21:00"], None).unwrap();
    let all: Vec<SessionToPlace> = (0..8)
        .map(|i| SessionToPlace {
            key: format!("h{i}"),
            seq: i,
            minutes: 45,
            location: Location::Home,
            heavy_spinal_load: false,
            loaded_flexion: false,
            summary: "Plank, side plank; bird dog".into(),
        })
        .collect();
    let s = schedule(&ScheduleRequest {
        sessions: &all,
        next_index: 0,
        from: NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(),
        weeks: 4,
        sessions_per_week: 2,
        gym: None,
        availability: &av,
        not_before: None,
        last_heavy_start: None,
        rhythm: Default::default(),
    })
    .unwrap();
    assert_eq!(s.placed.len(), 8);
    let e = export(&ExportInput {
        calendar_key: KEY,
        calendar_name: "",
        dtstamp: utc(2026, 3, 15, 8),
        sessions: &s.placed,
        previous: &ExportState::new(),
    })
    .unwrap();
    let p = dir.path().join("home.ics");
    std::fs::write(&p, &e.ics).unwrap();
    let parsed = check(py, &gym_path, &[p]);
    assert_eq!(parsed[0]["timezones"], serde_json::json!(["Europe/Berlin"]));
    let starts: Vec<&str> = parsed[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["local_start"].as_str().unwrap())
        .collect();
    assert!(starts.iter().all(|s| s.ends_with("07:00")), "{starts:?}");
}
