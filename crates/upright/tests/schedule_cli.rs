//! The schedule and calendar commands (issue 15) end to end: `gym`,
//! `availability`, `schedule`, `today`'s planned time and place, and
//! `calendar`, whose files an independent parser (Python's `icalendar`, via
//! upright-core's `tests/ics_check.py`) reads back.

mod coach_common;

use chrono::{Datelike, Days, NaiveDate};
use coach_common::{save_strength_plan, Env};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn example_gym() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/gym.toml")
}

const GYM: &str = "Cardinal Street Gym";
const ADDRESS: &str = "304 North Cardinal St., Dorchester Center, MA 02124";

fn with_gym(env: &Env) {
    env.ok(&["gym", "add", example_gym().to_str().unwrap()]);
}

/// Adds "Flag Gym" by flags (no file), open in `hours`.
fn add_flag_gym(env: &Env, hours: &str) {
    env.ok(&[
        "gym",
        "add",
        "--name",
        "Flag Gym",
        "--address",
        ADDRESS,
        "--tz",
        "America/New_York",
        "--hours",
        hours,
    ]);
}

fn schedule(env: &Env, extra: &[&str]) -> Value {
    let mut args = vec!["schedule", "--format", "json"];
    args.extend_from_slice(extra);
    env.json(&args)
}

fn minutes(hhmm: &str) -> u32 {
    let (h, m) = hhmm.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// F-HOURS with the example gym's hours, Monday to Friday 07:00-19:00 and
/// weekends 10:00-17:00, read from the JSON alone.
fn assert_inside_example_hours(s: &Value) {
    for p in s["sessions"].as_array().unwrap() {
        assert_eq!(p["location"], "gym", "{p}");
        assert_eq!(p["address"], ADDRESS);
        assert_eq!(p["time_zone"], "America/New_York");
        let (open, close) = match d(p["date"].as_str().unwrap())
            .weekday()
            .num_days_from_monday()
        {
            0..=4 => (7 * 60, 19 * 60),
            _ => (10 * 60, 17 * 60),
        };
        let (a, b) = (
            minutes(p["start"].as_str().unwrap()),
            minutes(p["end"].as_str().unwrap()),
        );
        assert!(
            open <= a && a < b && b <= close,
            "{} {}-{} outside the gym's hours",
            p["date"],
            p["start"],
            p["end"]
        );
        assert_eq!(
            u64::from(b - a),
            p["minutes"].as_u64().unwrap(),
            "the whole session, warm-up included"
        );
    }
}

/// Every session from the next one on is placed, unfit (with days and
/// reasons) or after the horizon: none is dropped.
fn assert_nothing_dropped(s: &Value, total: usize) {
    let key = |v: &Value| v.as_str().unwrap().to_string();
    let placed: BTreeSet<String> = s["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| key(&p["key"]))
        .collect();
    let mut seen = placed.clone();
    for u in s["unfit"].as_array().unwrap() {
        assert_eq!(
            u["days"].as_array().unwrap().len(),
            7,
            "a verdict for every day of its week: {u}"
        );
        for day in u["days"].as_array().unwrap() {
            assert!(
                !day["reasons"].as_array().unwrap().is_empty()
                    || !u["fixes"].as_array().unwrap().is_empty(),
                "{u}"
            );
        }
        seen.insert(key(&u["key"]));
    }
    seen.extend(s["after_horizon"].as_array().unwrap().iter().map(key));
    let done = s["sessions_done"].as_u64().unwrap() as usize;
    assert_eq!(
        seen.len(),
        total - done,
        "placed {placed:?}, all seen {seen:?}"
    );
}

#[test]
fn gym_add_list_show_use_closure_and_remove() {
    let env = Env::new();
    let out = env.ok(&["gym", "add", example_gym().to_str().unwrap()]);
    assert!(out.starts_with(&format!("added gym {GYM}\n")), "{out}");
    assert!(
        out.contains("mon 07:00-19:00") && out.contains("sun 10:00-17:00"),
        "{out}"
    );
    // One gym: gym sessions use it without `gym use`.
    let list = env.json(&["gym", "list", "--format", "json"]);
    assert_eq!(list["gyms"][0]["in_use"], true);
    assert!(list["note"].is_null());
    // Flags give the same gym as the file.
    add_flag_gym(&env, "mon-fri 07:00-19:00,sat-sun 10:00-17:00");
    let a = env.json(&["gym", "show", GYM, "--format", "json"]);
    let b = env.json(&["gym", "show", "flag gym", "--format", "json"]);
    assert_eq!(a["hours"], b["hours"]);
    // Two gyms, none chosen: said, not guessed.
    let list = env.json(&["gym", "list", "--format", "json"]);
    assert!(list["gyms"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["in_use"] == false));
    assert!(
        list["note"].as_str().unwrap().contains("gym use NAME"),
        "{list}"
    );
    let out = env.ok(&["gym", "use", "cardinal street gym"]);
    assert!(
        out.contains(&format!("gym sessions now use {GYM}")),
        "{out}"
    );
    let text = env.ok(&["gym", "list"]);
    assert!(
        text.contains(&format!("* {GYM}")) && text.contains("  Flag Gym"),
        "{text}"
    );
    // Closures: one day, or a range.
    env.ok(&[
        "gym",
        "closure",
        "add",
        GYM,
        "--from",
        "2026-12-25",
        "--reason",
        "Christmas Day",
    ]);
    env.ok(&[
        "gym",
        "closure",
        "add",
        GYM,
        "--from",
        "2026-08-03",
        "--to",
        "2026-08-09",
        "--reason",
        "Floor renovation",
    ]);
    let shown = env.ok(&["gym", "show", GYM]);
    assert!(
        shown.contains(
            "closed 2026-08-03 to 2026-08-09: Floor renovation\n  closed 2026-12-25: Christmas Day"
        ),
        "{shown}"
    );
    // `show --format toml` is a file `gym add --replace` reads back.
    let shown = env.json(&["gym", "show", GYM, "--format", "json"]);
    let file = env.path("back.toml");
    std::fs::write(&file, env.ok(&["gym", "show", GYM, "--format", "toml"])).unwrap();
    let out = env.ok(&["gym", "add", file.to_str().unwrap(), "--replace"]);
    assert!(out.starts_with(&format!("replaced gym {GYM}")), "{out}");
    assert_eq!(
        env.json(&["gym", "show", GYM, "--format", "json"]),
        shown,
        "the same gym, still in use"
    );
    assert_eq!(shown["closures"].as_array().unwrap().len(), 2);
    // Removing the gym in use: the other is then the only one, and in use.
    let out = env.ok(&["gym", "remove", GYM]);
    assert!(
        out.contains("removed gym Cardinal Street Gym (it was the one in use)"),
        "{out}"
    );
    let list = env.json(&["gym", "list", "--format", "json"]);
    assert_eq!(list["gyms"].as_array().unwrap().len(), 1);
    assert_eq!(list["gyms"][0]["name"], "Flag Gym");
    assert_eq!(list["gyms"][0]["in_use"], true);
}

#[test]
fn gym_bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let env = Env::new();
    with_gym(&env);
    let before = env.ok(&["gym", "list", "--format", "json"]);
    let bad_file = env.path("bad.toml");
    std::fs::write(
        &bad_file,
        std::fs::read_to_string(example_gym())
            .unwrap()
            .replace("wed = \"07:00-19:00\"", "wed = \"7-19\""),
    )
    .unwrap();
    let (missing, example) = (env.path("missing.toml"), example_gym());
    let (missing, example) = (missing.to_str().unwrap(), example.to_str().unwrap());
    let flags = [
        "--address",
        ADDRESS,
        "--tz",
        "America/New_York",
        "--hours",
        "mon-fri 07:00-19:00",
    ];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["gym", "add", bad_file.to_str().unwrap()],
            "hours.wed: expected HH:MM-HH:MM",
        ),
        (vec!["gym", "add", missing], "file: cannot read"),
        (
            vec!["gym", "add", example],
            "name: a gym named 'Cardinal Street Gym' is already stored",
        ),
        (
            vec!["gym", "add", example, "--name", "X"],
            "name: given with a gym file",
        ),
        (vec!["gym", "add", "--name", "X"], "address: missing"),
        ([&["gym", "add"][..], &flags[..]].concat(), "name: missing"),
        (
            vec![
                "gym",
                "add",
                "--name",
                "X",
                "--address",
                "A",
                "--tz",
                "Mars/Olympus",
                "--hours",
                "mon 07:00-19:00",
            ],
            "time_zone: expected an IANA time zone",
        ),
        (
            vec![
                "gym",
                "add",
                "--name",
                "X",
                "--address",
                "A",
                "--tz",
                "UTC",
                "--hours",
                "mon-fri 7-19",
            ],
            "hours: expected HH:MM-HH:MM",
        ),
        (
            vec![
                "gym",
                "add",
                "--name",
                "X",
                "--address",
                "A",
                "--tz",
                "UTC",
                "--hours",
                "daily 07:00-19:00,sun closed",
            ],
            "hours: expected DAYS WINDOWS groups",
        ),
        (
            vec!["gym", "show", "Nope"],
            "name: no gym named 'Nope'; accepted: Cardinal Street Gym",
        ),
        (
            vec!["gym", "show", GYM, "--format", "xml"],
            "format: 'xml' is not accepted",
        ),
        (vec!["gym", "use", "Nope"], "name: no gym named 'Nope'"),
        (vec!["gym", "remove", "Nope"], "name: no gym named 'Nope'"),
        (
            vec![
                "gym",
                "closure",
                "add",
                "Nope",
                "--from",
                "2026-12-25",
                "--reason",
                "x",
            ],
            "name: no gym named",
        ),
        (
            vec![
                "gym",
                "closure",
                "add",
                GYM,
                "--from",
                "2026-02-30",
                "--reason",
                "x",
            ],
            "from: '2026-02-30' is not a date",
        ),
        (
            vec![
                "gym",
                "closure",
                "add",
                GYM,
                "--from",
                "2026-12-25",
                "--to",
                "2026-12-24",
                "--reason",
                "x",
            ],
            "to: expected a date on or after",
        ),
        (
            vec![
                "gym",
                "closure",
                "add",
                GYM,
                "--from",
                "2026-12-25",
                "--reason",
                " ",
            ],
            "reason: expected a reason",
        ),
    ];
    for (args, says) in cases {
        let err = env.bad(&args);
        assert!(err.contains(says), "upright {args:?}: {err}");
    }
    assert_eq!(
        env.ok(&["gym", "list", "--format", "json"]),
        before,
        "nothing written"
    );
}

#[test]
fn availability_set_changes_what_it_names_and_show_tells_defaults() {
    let env = Env::new();
    // Nothing set: the defaults, said so.
    let v = env.json(&["availability", "show", "--format", "json"]);
    assert_eq!(v["stored"], false);
    assert_eq!(v["time_zone"], "UTC");
    assert!(v["days"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["windows"] == "06:00-22:00" && d["set"] == false));
    assert!(v["note"].as_str().unwrap().contains("No availability set"));
    let out = env.ok(&[
        "availability",
        "set",
        "mon",
        "06:30-08:00,18:00-21:00",
        "tue-fri",
        "18:00-21:00",
        "sat,sun",
        "off",
        "--tz",
        "Europe/Berlin",
        "--wake",
        "06:15",
    ]);
    assert!(
        out.contains("mon 06:30-08:00,18:00-21:00\ntue 18:00-21:00"),
        "{out}"
    );
    // Later changes keep the rest.
    env.ok(&["availability", "set", "sun 09:00-12:00"]);
    env.ok(&["availability", "set", "wed", "default", "--wake", "none"]);
    let v = env.json(&["availability", "show", "--format", "json"]);
    assert_eq!(v["time_zone"], "Europe/Berlin");
    assert!(v["wake"].is_null());
    let days: Vec<String> = v["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {} {}", d["day"], d["windows"], d["set"]))
        .collect();
    assert_eq!(
        days,
        [
            "\"mon\" \"06:30-08:00,18:00-21:00\" true",
            "\"tue\" \"18:00-21:00\" true",
            "\"wed\" \"06:00-22:00\" false",
            "\"thu\" \"18:00-21:00\" true",
            "\"fri\" \"18:00-21:00\" true",
            "\"sat\" \"off\" true",
            "\"sun\" \"09:00-12:00\" true",
        ]
    );
    let text = env.ok(&["availability", "show"]);
    assert!(
        text.contains("wed 06:00-22:00 (default)") && text.contains("wake not set"),
        "{text}"
    );
}

#[test]
fn availability_bad_input_exits_2_naming_the_field() {
    let env = Env::new();
    // The first time, a zone is needed (no gym to take it from).
    assert!(env
        .bad(&["availability", "set", "mon", "06:30-08:00"])
        .contains("time_zone: no home time zone yet"));
    env.ok(&[
        "availability",
        "set",
        "mon",
        "06:30-08:00",
        "--tz",
        "Europe/Berlin",
    ]);
    let before = env.ok(&["availability", "show", "--format", "json"]);
    for (args, says) in [
        (vec!["availability", "set"], "availability: nothing to set"),
        (
            vec!["availability", "set", "mon", "6-8"],
            "availability.mon: expected HH:MM-HH:MM",
        ),
        (
            vec!["availability", "set", "moon", "06:00-07:00"],
            "availability: expected a day",
        ),
        (
            vec!["availability", "set", "06:00-07:00"],
            "availability: '06:00-07:00' has no days before it",
        ),
        (
            vec!["availability", "set", "tue"],
            "availability.tue: expected HH:MM-HH:MM",
        ),
        (
            vec!["availability", "set", "mon", "07:00-09:00,08:00-10:00"],
            "availability.mon: expected HH:MM-HH:MM[,HH:MM-HH:MM] without overlaps",
        ),
        (
            vec!["availability", "set", "--tz", "Berlin"],
            "time_zone: expected an IANA time zone",
        ),
        (
            vec!["availability", "set", "--wake", "25:00"],
            "wake: expected HH:MM (00:00-23:59)",
        ),
        (vec!["availability", "show", "--format", "xml"], "format:"),
    ] {
        let err = env.bad(&args);
        assert!(err.contains(says), "upright {args:?}: {err}");
    }
    assert_eq!(
        env.ok(&["availability", "show", "--format", "json"]),
        before,
        "nothing written"
    );
}

#[test]
fn a_schedule_from_the_saved_plan_honours_the_example_gyms_hours() {
    let env = Env::new();
    save_strength_plan(&env);
    with_gym(&env);
    // Free early mornings and evenings on weekdays, late on weekends: the
    // gym's hours cut both ends (open 07:00, closed by 19:00 and 17:00).
    env.ok(&[
        "availability",
        "set",
        "mon-fri",
        "06:00-08:00,18:00-22:00",
        "sat,sun",
        "15:00-20:00",
        "--tz",
        "America/New_York",
    ]);
    let s = schedule(&env, &["--from", "2026-01-05", "--weeks", "8"]);
    assert_eq!(s["sessions_total"], 24);
    assert_eq!(s["sessions_done"], 0);
    assert_eq!(s["gym"]["name"], GYM);
    let sessions = s["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 24, "{}", s["unfit"]);
    assert_inside_example_hours(&s);
    assert_nothing_dropped(&s, 24);
    // In order, one a day, spread over the week (never two days running within a week).
    let keys: Vec<&str> = sessions
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys[..4], ["w1s1", "w1s2", "w1s3", "w2s1"]);
    let dates: Vec<NaiveDate> = sessions
        .iter()
        .map(|p| d(p["date"].as_str().unwrap()))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    // F-ONEDAY: heavy sessions start at least 48 h apart.
    let heavy: Vec<chrono::DateTime<chrono::Utc>> = sessions
        .iter()
        .filter(|p| p["heavy"] == true)
        .map(|p| p["start_utc"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(heavy.len() >= 8, "the strength plan has a heavy day a week");
    assert!(heavy.windows(2).all(|w| (w[1] - w[0]).num_hours() >= 48));
    // The text names weekdays, times and the place.
    let text = env.ok(&["schedule", "--from", "2026-01-05", "--weeks", "1"]);
    assert!(
        text.contains(&format!("Gym: {GYM}, {ADDRESS} (America/New_York)")),
        "{text}"
    );
    assert!(text.contains("Mon 2026-01-05 07:00-"), "{text}");
    assert!(
        text.contains(" EST  ")
            && text.contains(&format!("{GYM}  w1s1 (plan week 1, day 1) [heavy]")),
        "{text}"
    );
    assert!(
        text.contains("come after this week: see them with --weeks"),
        "{text}"
    );
}

#[test]
fn a_missed_session_moves_the_rest_along_from_today() {
    let env = Env::new();
    save_strength_plan(&env);
    with_gym(&env);
    // Monday done, Wednesday missed.
    env.ok(&["log", "deadlift", "3x5@100kg", "--date", "2026-01-05"]);
    let s = schedule(&env, &["--from", "2026-01-08", "--weeks", "2"]);
    assert_eq!(s["sessions_done"], 1);
    assert_eq!(s["next"], "w1s2");
    let first = &s["sessions"][0];
    assert_eq!(first["key"], "w1s2", "the missed session comes first");
    assert!(d(first["date"].as_str().unwrap()) >= d("2026-01-08"));
    assert_nothing_dropped(&s, 24);
    // The heavy day done on Monday keeps the next heavy session 48 h away, and says so.
    assert!(
        s["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("(w1s1) counts")),
        "{}",
        s["notes"]
    );
    // `today` names the planned time and place.
    let t = env.json(&["today", "--date", "2026-01-08", "--format", "json"]);
    assert_eq!(t["planned"]["key"], "w1s2");
    assert_eq!(t["planned"]["date"], first["date"]);
    assert_eq!(t["planned"]["start"], first["start"]);
    assert_eq!(t["planned"]["place"], GYM);
    assert_eq!(t["planned"]["address"], ADDRESS);
    let text = env.ok(&["today", "--date", "2026-01-08"]);
    let at = format!(
        "{}-{} (America/New_York) at {GYM}, {ADDRESS}: week 1, day 2 of the plan.",
        first["start"].as_str().unwrap(),
        first["end"].as_str().unwrap()
    );
    let line = if first["date"] == "2026-01-08" {
        format!("Planned: {at}")
    } else {
        format!(
            "Next planned: {} {}, {at}",
            first["weekday"].as_str().unwrap(),
            first["date"].as_str().unwrap()
        )
    };
    assert!(text.contains(&line), "{line}\n{text}");
    // A workout logged on the day itself: that day's session is done, the schedule starts the day after.
    env.ok(&["log", "bird-dog", "3x6", "--date", "2026-01-08"]);
    let s = schedule(&env, &["--from", "2026-01-08", "--weeks", "1"]);
    assert_eq!(
        (s["sessions_done"].as_u64(), s["from"].as_str()),
        (Some(2), Some("2026-01-09"))
    );
    assert_eq!(s["sessions"][0]["key"], "w1s3");
}

#[test]
fn what_does_not_fit_says_why_and_what_would_make_it_fit() {
    let env = Env::new();
    save_strength_plan(&env);
    with_gym(&env);
    // Only one hour on Mondays: one session a week fits, the rest wait.
    env.ok(&[
        "availability",
        "set",
        "daily",
        "off",
        "mon",
        "07:00-08:00",
        "--tz",
        "America/New_York",
    ]);
    let s = schedule(&env, &["--from", "2026-01-05", "--weeks", "2"]);
    assert_eq!(s["sessions"].as_array().unwrap().len(), 2);
    let u = &s["unfit"][0];
    assert_eq!(
        (u["key"].as_str(), u["week"].as_u64()),
        (Some("w1s2"), Some(1))
    );
    let reasons: Vec<String> = u["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reasons"][0].as_str().unwrap().to_string())
        .collect();
    assert!(reasons[0].contains("taken by session w1s1"), "{reasons:?}");
    assert!(
        reasons[1..].iter().all(|r| r == "you are not available"),
        "{reasons:?}"
    );
    assert!(
        u["fixes"][0]
            .as_str()
            .unwrap()
            .contains("this week holds 1"),
        "{u}"
    );
    assert_eq!(u["placed_on"], "2026-01-12", "it slid to the next week");
    assert_nothing_dropped(&s, 24);
    let text = env.ok(&["schedule", "--from", "2026-01-05", "--weeks", "2"]);
    assert!(
        text.contains("Did not fit in week 1: w1s2 (moved to Mon 2026-01-12)"),
        "{text}"
    );
    assert!(
        text.contains("  would fit: this week holds 1: plan 1 a week, or free another day"),
        "{text}"
    );

    // Free only when the gym is shut: nothing fits, each day says why and an earlier slot is offered (F-HOURS).
    env.ok(&["availability", "set", "daily", "05:00-06:45,19:30-22:00"]);
    let s = schedule(&env, &["--from", "2026-01-05", "--weeks", "1"]);
    assert!(s["sessions"].as_array().unwrap().is_empty());
    let u = &s["unfit"][0];
    let monday = u["days"][0]["reasons"][0].as_str().unwrap();
    assert!(monday.contains("the gym's hours (07:00-19:00) and your free time (05:00-06:45,19:30-22:00) do not overlap (F-HOURS)"), "{monday}");
    assert!(
        u["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f.as_str().unwrap().starts_with("being free 07:00-")),
        "{u}"
    );
    assert_nothing_dropped(&s, 24);

    // No gym at all: gym sessions land whenever the person is free, at a gym
    // said to be not set, and the notes say how to add theirs.
    let env = Env::new();
    save_strength_plan(&env);
    let s = schedule(&env, &["--from", "2026-01-05", "--weeks", "1"]);
    let sessions = s["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3, "{}", s["unfit"]);
    assert!(
        sessions
            .iter()
            .all(|x| x["place"] == "your gym (not set)" && x["address"].is_null()),
        "{s}"
    );
    assert!(
        s["notes"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap()
            .contains("No gym is set")
            && n.as_str().unwrap().contains("upright gym add")),
        "{}",
        s["notes"]
    );
    assert_nothing_dropped(&s, 24);
    let t = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
    assert_eq!(t["planned"]["key"], "w1s1", "{t}");
    let file = env.dir.path().join("nogym.ics");
    env.ok(&[
        "calendar",
        "--out",
        file.to_str().unwrap(),
        "--from",
        "2026-01-05",
        "--weeks",
        "1",
    ]);
    let ics = std::fs::read_to_string(&file).unwrap();
    assert!(ics.contains("LOCATION:your gym (not set)"), "{ics}");

    // Two gyms and none chosen: which one is theirs to say, so gym sessions wait.
    env.ok(&["gym", "add", example_gym().to_str().unwrap()]);
    add_flag_gym(&env, "mon-fri 07:00-19:00");
    let s = schedule(&env, &["--from", "2026-01-05", "--weeks", "1"]);
    assert!(s["sessions"].as_array().unwrap().is_empty(), "{s}");
    assert!(
        s["unfit"][0]["days"][0]["reasons"][0]
            .as_str()
            .unwrap()
            .contains("no gym is chosen"),
        "{}",
        s["unfit"]
    );
    assert!(
        s["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("upright gym use")),
        "{}",
        s["notes"]
    );
    assert_nothing_dropped(&s, 24);
    let t = env.json(&["today", "--date", "2026-01-05", "--format", "json"]);
    assert!(t["planned"].is_null());
    assert!(
        t["planned_note"]
            .as_str()
            .unwrap()
            .contains("week 1, session 1 has no time"),
        "{t}"
    );
}

#[test]
fn a_gym_closure_is_never_used() {
    let env = Env::new();
    save_strength_plan(&env);
    with_gym(&env);
    let before = schedule(&env, &["--from", "2026-01-05", "--weeks", "2"]);
    assert_eq!(before["sessions"][0]["date"], "2026-01-05");
    env.ok(&[
        "gym",
        "closure",
        "add",
        GYM,
        "--from",
        "2026-01-05",
        "--to",
        "2026-01-06",
        "--reason",
        "Staff training",
    ]);
    let s = schedule(&env, &["--from", "2026-01-05", "--weeks", "2"]);
    assert_eq!(s["sessions"].as_array().unwrap().len(), 6, "{}", s["unfit"]);
    for p in s["sessions"].as_array().unwrap() {
        assert!(
            !["2026-01-05", "2026-01-06"].contains(&p["date"].as_str().unwrap()),
            "{p}"
        );
    }
    assert_inside_example_hours(&s);
}

#[test]
fn schedule_and_calendar_bad_input_exit_2_naming_the_field() {
    let env = Env::new();
    assert!(env.bad(&["schedule"]).contains("schedule: no active plan"));
    assert!(env
        .bad(&["calendar", "--out", env.path("a.ics").to_str().unwrap()])
        .contains("calendar: no active plan"));
    save_strength_plan(&env);
    with_gym(&env);
    for (args, says) in [
        (
            vec!["schedule", "--weeks", "0"],
            "weeks: '0' is not accepted; accepted: a whole number from 1 to 104",
        ),
        (
            vec!["schedule", "--weeks", "105"],
            "weeks: '105' is not accepted",
        ),
        (
            vec!["schedule", "--weeks", "two"],
            "weeks: 'two' is not accepted",
        ),
        (
            vec!["schedule", "--from", "2026-02-30"],
            "from: '2026-02-30' is not a date",
        ),
        (
            vec!["schedule", "--format", "xml"],
            "format: 'xml' is not accepted; accepted: text, json",
        ),
        (
            vec!["calendar", "--out", "x.ics", "--weeks", "-1"],
            "weeks: '-1' is not accepted",
        ),
        (
            vec![
                "calendar",
                "--out",
                env.path("no/such/dir/a.ics").to_str().unwrap(),
                "--from",
                "2026-01-05",
                "--weeks",
                "1",
            ],
            "out: cannot write",
        ),
    ] {
        let err = env.bad(&args);
        assert!(err.contains(says), "upright {args:?}: {err}");
    }
    // The refused export stored nothing: the next one finds every event new.
    let out = env.ok(&[
        "calendar",
        "--out",
        env.path("a.ics").to_str().unwrap(),
        "--from",
        "2026-01-05",
        "--weeks",
        "1",
    ]);
    assert!(
        out.contains(": 3 events (3 new, 0 changed, 0 cancelled)"),
        "{out}"
    );
}

/// `python3` with `icalendar` importable (installed with pip once), or None without python3.
fn python() -> Option<&'static str> {
    static READY: OnceLock<Option<&'static str>> = OnceLock::new();
    *READY.get_or_init(|| {
        if Command::new("python3").arg("--version").output().is_err() {
            eprintln!("SKIPPED the independent iCalendar check: python3 not found");
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
                "pip install icalendar failed: the independent check cannot run"
            );
        }
        Some("python3")
    })
}

/// upright-core's independent checker: one JSON entry per file.
fn check(gym_toml: &Path, files: &[PathBuf]) -> Option<Vec<Value>> {
    let py = python()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../upright-core/tests/ics_check.py");
    let out = Command::new(py)
        .arg(script)
        .arg(gym_toml)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ics_check.py rejected the export:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn by_uid(file: &Value) -> BTreeMap<String, Value> {
    file["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["uid"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

#[test]
fn a_calendar_exported_twice_keeps_its_uids_bumps_sequence_and_cancels_what_is_gone() {
    let env = Env::new();
    // A plan starting on a Monday a few weeks ahead of the real clock, so every
    // event is in the future of the export's DTSTAMP (past ones are kept as history).
    let today = chrono::Local::now().date_naive();
    let start = today + Days::new(21 + u64::from(7 - today.weekday().num_days_from_monday()));
    let start_s = start.format("%Y-%m-%d").to_string();
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
        &start_s,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    with_gym(&env);
    env.ok(&[
        "availability",
        "set",
        "mon-fri",
        "06:00-08:00,17:00-21:00",
        "sat,sun",
        "09:00-18:00",
        "--tz",
        "America/New_York",
        "--wake",
        "06:00",
    ]);
    let (a, b, c) = (env.path("a.ics"), env.path("b.ics"), env.path("c.ics"));
    let out = env.ok(&["calendar", "--out", a.to_str().unwrap(), "--weeks", "2"]);
    assert!(
        out.contains(": 6 events (6 new, 0 changed, 0 cancelled)"),
        "{out}"
    );
    // The first session's day closes: it moves (same UID, SEQUENCE 1), the rest stay.
    env.ok(&[
        "gym",
        "closure",
        "add",
        GYM,
        "--from",
        &start_s,
        "--reason",
        "Staff training",
    ]);
    let out = env.ok(&["calendar", "--out", b.to_str().unwrap(), "--weeks", "2"]);
    assert!(out.contains("(0 new, "), "{out}");
    // A shorter horizon: the second week's sessions leave the calendar, cancelled.
    let out = env.ok(&["calendar", "--out", c.to_str().unwrap(), "--weeks", "1"]);
    assert!(
        out.contains(": 6 events (0 new, 0 changed, 3 cancelled)"),
        "{out}"
    );

    // The first export is held to the example gym's hours; the later ones to
    // them and the closure too.
    let gym_toml = env.path("gym.toml");
    std::fs::write(&gym_toml, env.ok(&["gym", "show", GYM, "--format", "toml"])).unwrap();
    let Some(mut files) = check(&example_gym(), &[a]) else {
        return;
    };
    files.extend(check(&gym_toml, &[b, c]).unwrap());
    let (one, two, three) = (by_uid(&files[0]), by_uid(&files[1]), by_uid(&files[2]));
    assert_eq!(one.len(), 6);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>(),
        "the same sessions, the same UIDs"
    );
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        three.keys().collect::<Vec<_>>()
    );
    let first = files[0]["events"][0]["uid"].as_str().unwrap();
    assert!(first.ends_with("-w1s1@upright"), "{first}");
    assert_eq!(one[first]["local_start"].as_str().unwrap()[..10], start_s);
    assert_ne!(
        two[first]["start"], one[first]["start"],
        "moved off the closed day"
    );
    assert_eq!(two[first]["sequence"], 1);
    for (uid, e) in &two {
        if e["start"] == one[uid]["start"] {
            assert_eq!(
                e["sequence"], one[uid]["sequence"],
                "{uid}: unchanged events keep their SEQUENCE"
            );
        }
        assert_eq!(e["location"], ADDRESS);
        assert!(
            e["description"]
                .as_str()
                .unwrap()
                .contains("min, warm-up included."),
            "{e}"
        );
    }
    let cancelled: Vec<&Value> = three
        .values()
        .filter(|e| e["status"] == "CANCELLED")
        .collect();
    assert_eq!(cancelled.len(), 3);
    for e in cancelled {
        let uid = e["uid"].as_str().unwrap();
        assert!(uid.contains("-w2s"), "{uid}");
        assert_eq!(
            e["sequence"].as_u64().unwrap(),
            two[uid]["sequence"].as_u64().unwrap() + 1
        );
    }
    assert_eq!(
        files[0]["timezones"],
        serde_json::json!(["America/New_York"])
    );
}

#[test]
fn seven_oclock_stays_seven_oclock_across_the_end_of_daylight_saving() {
    let env = Env::new();
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
        "2026-10-19",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    with_gym(&env);
    env.ok(&[
        "availability",
        "set",
        "mon-fri",
        "06:00-09:00",
        "sat,sun",
        "off",
        "--tz",
        "America/New_York",
    ]);
    // New York falls back on Sunday 2026-11-01.
    let s = schedule(&env, &["--from", "2026-10-19", "--weeks", "4"]);
    let sessions = s["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 12, "{}", s["unfit"]);
    let mut seen = BTreeSet::new();
    for p in sessions {
        let utc: chrono::DateTime<chrono::Utc> = p["start_utc"].as_str().unwrap().parse().unwrap();
        let (abbrev, hour) = if d(p["date"].as_str().unwrap()) < d("2026-11-01") {
            ("EDT", 11)
        } else {
            ("EST", 12)
        };
        assert_eq!(p["abbreviation"], abbrev, "{p}");
        assert_eq!(p["start"], "07:00", "{p}");
        assert_eq!(
            chrono::Timelike::hour(&utc),
            hour,
            "07:00 local is {hour}:00 UTC in {abbrev}"
        );
        seen.insert(abbrev);
    }
    assert_eq!(seen.len(), 2, "sessions on both sides of the change");
    assert_inside_example_hours(&s);
}
