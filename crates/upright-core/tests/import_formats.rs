//! Strong and Hevy readers and writers on the fixture files of
//! `tests/fixtures/imports/` (written here, one per variant of FORMATS.md).

use chrono::{NaiveDate, NaiveDateTime};
use upright_core::coach::units::Unit;
use upright_core::import::hevy::HevyReader;
use upright_core::import::strong::StrongReader;
use upright_core::import::write::{HevyUnits, HevyWriter, StrongWriter};
use upright_core::import::{
    DistanceUnit, ImportError, ImportKey, ReadOptions, ReadStats, Reader, SetKind, SetRecord,
    Source,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/imports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(
    source: Source,
    bytes: &[u8],
    options: ReadOptions,
) -> (Vec<Result<SetRecord, ImportError>>, ReadStats) {
    let mut reader = Reader::open(source, bytes, options).unwrap_or_else(|e| panic!("open: {e}"));
    let items: Vec<_> = reader.by_ref().collect();
    let stats = *reader.stats();
    // Nothing is lost silently: every record is a set, a counted pseudo-row or an error.
    assert_eq!(
        stats.records,
        stats.sets + stats.note_rows + stats.rest_timer_rows + stats.malformed
    );
    assert_eq!(
        stats.sets as usize,
        items.iter().filter(|i| i.is_ok()).count()
    );
    (items, stats)
}

fn sets(source: Source, name: &str, options: ReadOptions) -> (Vec<SetRecord>, ReadStats) {
    let (items, stats) = read(source, &fixture(name), options);
    let sets = items
        .into_iter()
        .map(|i| i.unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect();
    (sets, stats)
}

fn kg() -> ReadOptions {
    ReadOptions {
        units: Some(Unit::Kg),
        strict: false,
    }
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, s)
        .unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn strong_s1_comma_needs_units_and_reads_every_quirk() {
    let err = StrongReader::new(&fixture("strong-s1-comma.csv")[..], ReadOptions::default())
        .err()
        .unwrap();
    assert!(matches!(err, ImportError::UnitsRequired { .. }));
    let msg = err.to_string();
    assert!(msg.starts_with("units:") && msg.contains("kg|lb"), "{msg}");

    let (s, stats) = sets(Source::Strong, "strong-s1-comma.csv", kg());
    assert_eq!((s.len(), stats.rest_timer_rows, stats.note_rows), (8, 1, 0));
    let first = &s[0];
    assert_eq!(first.line, 2);
    assert_eq!(first.source, Source::Strong);
    assert_eq!(first.workout_start, at(2021, 2, 10, 16, 46, 13));
    assert_eq!(first.workout_name, "Mittwoch");
    assert_eq!(first.workout_duration_s, Some(6180));
    assert_eq!(first.exercise, "Deadlift (Barbell)");
    assert_eq!(
        (first.set_index, first.kind, first.reps),
        (1, SetKind::Working, Some(5))
    );
    assert_eq!(
        (first.weight_kg, first.weight_unit),
        (Some(100.0), Some(Unit::Kg))
    );
    assert_eq!(
        (first.distance_m, first.duration_s, first.rpe),
        (None, None, None)
    );
    // Workout Notes is on the first row only; every set of the workout gets it.
    assert!(s[..6].iter().all(|x| x.workout_notes == "Super villain"));
    assert_eq!(s[6].workout_notes, "");
    // Doubled quotes undone, a literal \n kept as written.
    assert_eq!(s[2].notes, "\"One short\" of a PR\\nnext time");
    assert_eq!(s[2].rpe, Some(8.5));
    // Bodyweight 0.0 is no load; a timed row's 0 reps are none.
    assert_eq!(
        (s[3].exercise.as_str(), s[3].weight_kg, s[3].reps),
        ("Pull Up", None, Some(8))
    );
    assert_eq!(
        (
            s[4].exercise.as_str(),
            s[4].weight_kg,
            s[4].reps,
            s[4].duration_s
        ),
        ("Plank", None, None, Some(90))
    );
    // The same exercise again after others: a second block, numbered from 1, `10.0` reps.
    assert_eq!(
        (s[5].exercise.as_str(), s[5].set_index, s[5].reps),
        ("Deadlift (Barbell)", 1, Some(10))
    );
    assert_ne!(s[5].key, s[0].key);
    assert_eq!(
        s[5].key,
        ImportKey::new(
            Source::Strong,
            s[5].workout_start,
            "",
            "Deadlift (Barbell)",
            1,
            1
        )
    );
    assert_eq!(s[6].workout_duration_s, Some(3540));
    assert_eq!(s[7].weight_kg, Some(62.5));
}

#[test]
fn strong_s2_semicolon_takes_the_unit_per_row() {
    // No units needed: the file says.
    let (s, stats) = sets(
        Source::Strong,
        "strong-s2-semicolon-lbs.csv",
        ReadOptions::default(),
    );
    assert_eq!(s.len(), 6);
    assert_eq!(stats.unit_overrides, 0);
    assert_eq!(s[0].weight_unit, Some(Unit::Lb));
    assert!(close(s[0].weight_kg, 115.0 * 0.45359237));
    assert_eq!(
        (
            s[0].rpe,
            s[0].workout_notes.as_str(),
            s[0].workout_duration_s
        ),
        (Some(6.5), "Felt strong", Some(4380))
    );
    // `;;` bodyweight and `0;lbs` bodyweight are both no load.
    assert_eq!(
        (
            s[2].exercise.as_str(),
            s[2].weight_kg,
            s[2].weight_unit,
            s[2].reps
        ),
        ("Pull Up (Band)", None, None, Some(10))
    );
    assert_eq!((s[3].weight_kg, s[3].weight_unit), (None, None));
    // The assistance of an assisted exercise is read as written (names::Mapping::assisted marks it).
    assert!(close(s[4].weight_kg, 60.0 * 0.45359237));
    let run = &s[5];
    assert_eq!(
        (run.reps, run.duration_s, run.distance_unit),
        (None, Some(1500), Some(DistanceUnit::Miles))
    );
    assert!(close(run.distance_m, 3.1 * 1609.344));
    assert_eq!(run.workout_duration_s, Some(1020));

    // A `units` that disagrees with the file loses, and is counted.
    let (_, stats) = sets(Source::Strong, "strong-s2-semicolon-lbs.csv", kg());
    assert_eq!(stats.unit_overrides, 3);
    // Likewise a unit in the header (S3 `Weight (kg)`), counted per weighted row.
    let (s3, stats) = sets(
        Source::Strong,
        "strong-s3-quoted.csv",
        ReadOptions {
            units: Some(Unit::Lb),
            strict: false,
        },
    );
    assert_eq!(s3[0].weight_unit, Some(Unit::Kg));
    assert_eq!(stats.unit_overrides, 6);
}

#[test]
fn strong_s2_decimal_commas_and_real_newlines() {
    let (s, _) = sets(
        Source::Strong,
        "strong-s2-decimal-comma.csv",
        ReadOptions::default(),
    );
    assert_eq!(s.len(), 5);
    assert_eq!((s[0].weight_kg, s[0].rpe), (Some(72.5), Some(9.5)));
    assert_eq!(
        s[0].notes, "1. lekka pomoc \n2. lekka",
        "real newline and trailing space kept"
    );
    assert_eq!(s[0].workout_duration_s, Some(3900));
    // The record after a two-line one starts on line 4.
    assert_eq!(
        s.iter().map(|x| x.line).collect::<Vec<_>>(),
        [2, 4, 5, 6, 7]
    );
    // `km` with no distance: no distance.
    assert_eq!(
        (s[2].exercise.as_str(), s[2].distance_m, s[2].duration_s),
        ("Plank", None, Some(60))
    );
    assert_eq!(
        (s[3].exercise.as_str(), s[3].weight_kg, s[3].reps),
        ("Ring dip", None, Some(12))
    );
    assert_eq!(
        (s[4].distance_m, s[4].workout_duration_s),
        (Some(1500.0), Some(45))
    );
}

#[test]
fn strong_s3_quoted_with_pseudo_rows_and_unescaped_quotes() {
    let (s, stats) = sets(
        Source::Strong,
        "strong-s3-quoted.csv",
        ReadOptions::default(),
    );
    assert_eq!(
        (
            s.len(),
            stats.rest_timer_rows,
            stats.note_rows,
            stats.records
        ),
        (8, 2, 3, 13)
    );
    let kinds: Vec<_> = s
        .iter()
        .map(|x| (x.exercise.as_str(), x.set_index, x.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Bench Press (Barbell)", 1, SetKind::WarmUp),
            ("Bench Press (Barbell)", 2, SetKind::Working),
            ("Bench Press (Barbell)", 3, SetKind::Working),
            ("Seated Row (Machine)", 1, SetKind::Working),
            ("Seated Row (Machine)", 2, SetKind::Working),
            ("Lat Pulldown - Underhand (Cable)", 1, SetKind::Working),
            ("Plank", 1, SetKind::Working),
            ("Hanging Knee Raise", 1, SetKind::Working),
        ]
    );
    // The unit is in the header; Workout Notes (with commas) repeated on every row.
    assert_eq!(
        (s[0].weight_kg, s[0].weight_unit),
        (Some(40.0), Some(Unit::Kg))
    );
    assert_eq!(s[0].workout_notes, "Chest, Shoulders, Triceps");
    assert_eq!(s[0].workout_duration_s, Some(3891));
    // A Note row's text, unescaped quotes and all, heads its block.
    assert_eq!(
        s[3].exercise_notes,
        "Sur la machine au fond appelée \"row\""
    );
    assert_eq!(s[4].exercise_notes, s[3].exercise_notes);
    assert_eq!(
        s[5].exercise_notes,
        "Sur la machine \"pulldown\" en rentrant"
    );
    assert_eq!(
        (
            s[6].exercise_notes.as_str(),
            s[6].duration_s,
            s[6].weight_kg,
            s[6].reps
        ),
        ("", Some(60), None, None)
    );
    assert_eq!(s[0].exercise_notes, "");
    assert_eq!(s[3].workout_notes, "Back, Biceps, Core");
    assert_eq!(s[4].weight_kg, Some(4.535923700000001));
    assert_eq!((s[7].weight_kg, s[7].reps), (None, Some(10)));
    assert_eq!(s[3].line, 7);
}

#[test]
fn strong_failure_and_drop_tags_keep_the_block() {
    let (s, _) = sets(Source::Strong, "strong-s3-tags.csv", ReadOptions::default());
    let got: Vec<_> = s.iter().take(6).map(|x| (x.set_index, x.kind)).collect();
    assert_eq!(
        got,
        [
            (1, SetKind::WarmUp),
            (2, SetKind::Working),
            (3, SetKind::Working),
            (4, SetKind::Failure),
            (5, SetKind::Working),
            (6, SetKind::Drop)
        ]
    );
    assert_eq!((s[3].rpe, s[5].weight_kg), (Some(10.0), Some(70.0)));
    assert_eq!(
        (s[6].exercise.as_str(), s[6].duration_s, s[6].weight_kg),
        ("Side Plank", Some(30), None)
    );
    assert_eq!(
        (s[7].distance_m, s[7].distance_unit, s[7].duration_s),
        (Some(5000.0), Some(DistanceUnit::Meters), Some(1500))
    );
}

#[test]
fn strong_s0a_unit_named_columns_crlf_and_zero_based_orders() {
    let (s, _) = sets(
        Source::Strong,
        "strong-s0a-crlf.csv",
        ReadOptions::default(),
    );
    assert_eq!(s.len(), 4);
    assert_eq!(
        (s[0].weight_kg, s[0].weight_unit, s[0].notes.as_str()),
        (Some(100.0), Some(Unit::Kg), "")
    );
    assert_eq!((s[0].set_index, s[1].set_index), (1, 2));
    // Order 0 again after 1: a new block of the same exercise.
    assert_eq!(s[2].set_index, 1);
    assert_eq!(
        s[2].key,
        ImportKey::new(
            Source::Strong,
            s[2].workout_start,
            "",
            "Deadlift (Barbell)",
            1,
            1
        )
    );
    assert_eq!(
        (s[3].distance_m, s[3].duration_s, s[3].reps),
        (Some(2500.0), Some(900), None)
    );
}

#[test]
fn strong_s0c_without_unit_uses_the_given_one() {
    let err = StrongReader::new(
        &fixture("strong-s0c-no-unit.csv")[..],
        ReadOptions::default(),
    )
    .err();
    assert!(matches!(err, Some(ImportError::UnitsRequired { .. })));
    let (s, _) = sets(
        Source::Strong,
        "strong-s0c-no-unit.csv",
        ReadOptions {
            units: Some(Unit::Lb),
            strict: false,
        },
    );
    assert_eq!(s[0].weight_unit, Some(Unit::Lb));
    assert!(close(s[1].weight_kg, 225.0 * 0.45359237));
    // With lb, a unit-less distance is miles.
    assert!(close(s[2].distance_m, 2.0 * 1609.344));
}

#[test]
fn strong_bom_and_twelve_hour_times() {
    let (s, stats) = sets(Source::Strong, "strong-s1-bom-12h.csv", kg());
    assert_eq!((s.len(), stats.rest_timer_rows), (2, 1));
    assert_eq!(s[0].workout_start, at(2025, 1, 30, 12, 34, 56));
    assert_eq!(
        (s[0].reps, s[0].workout_duration_s),
        (Some(10), Some(950_460))
    );
    assert_eq!(s[1].workout_start, at(2025, 1, 31, 9, 5, 0));
    assert_eq!((s[1].reps, s[1].duration_s), (None, Some(60)));
}

/// (line, column) of each error, in order.
fn errors(items: &[Result<SetRecord, ImportError>]) -> Vec<(u64, String)> {
    items
        .iter()
        .filter_map(|i| match i {
            Err(ImportError::Row { line, column, .. }) => Some((*line, column.clone())),
            Err(e) => panic!("not a row error: {e}"),
            Ok(_) => None,
        })
        .collect()
}

#[test]
fn strong_bad_rows_are_reported_by_line_and_column_and_reading_goes_on() {
    let bytes = fixture("strong-bad-rows.csv");
    let (items, stats) = read(Source::Strong, &bytes, ReadOptions::default());
    let want: Vec<(u64, String)> = [
        (3, "Date"),
        (4, "Exercise Name"),
        (5, "Set Order"),
        (6, "Weight"),
        (7, "Weight Unit"),
        (8, "Weight Unit"),
        (9, "Reps"),
        (10, "RPE"),
        (11, "Distance"),
        (12, "Distance Unit"),
        (13, "Seconds"),
        (14, "record"),
    ]
    .into_iter()
    .map(|(l, c)| (l, c.to_string()))
    .collect();
    assert_eq!(errors(&items), want);
    assert_eq!((stats.sets, stats.malformed), (2, 12));
    let messages: Vec<String> = items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    for (m, expected) in messages.iter().zip([
        "line 3: Date: expected YYYY-MM-DD HH:MM:SS, got '01/01/2022 10:00'",
        "line 4: Exercise Name: empty",
        "line 5: Set Order: expected a number, W, D, F, Note or Rest Timer, got 'X'",
        "line 6: Weight: expected a weight (a number), got 'heavy'",
        "line 7: Weight Unit: expected kg or lbs, got 'stone'",
        "line 8: Weight Unit: empty while Weight is set",
        "line 9: Reps: expected a whole number of reps, got '8.5'",
        "line 10: RPE: expected an RPE from 0 to 10, got '11'",
        "line 11: Distance: expected a distance",
        "line 12: Distance Unit: expected km or mi., got 'parsec'",
        "line 13: Seconds: expected seconds from 0 to 86400, got '100000'",
        "line 14: record: expected 14 fields as in the header, found 1",
    ]) {
        assert!(
            m.starts_with(expected),
            "{m:?} should start with {expected:?}"
        );
    }
    // A bad value does not shift the keys after it: rows 6..=13 had a good
    // identity and kept their places, so the last set is the 10th of its block.
    let last = items.last().unwrap().as_ref().unwrap();
    assert_eq!((last.line, last.set_index), (15, 10));

    // An empty Weight Unit is fine once the caller says the unit.
    let (items, _) = read(Source::Strong, &bytes, kg());
    assert!(!errors(&items).contains(&(8, "Weight Unit".to_string())));

    // Strict stops at the first.
    let (items, stats) = read(
        Source::Strong,
        &bytes,
        ReadOptions {
            units: None,
            strict: true,
        },
    );
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[1], Err(ImportError::Row { line: 3, .. })));
    assert_eq!(stats.records, 2);
}

#[test]
fn strong_invalid_utf8_is_a_row_error() {
    let mut bytes = b"Date,Workout Name,Exercise Name,Set Order,kg,Reps\n".to_vec();
    bytes.extend_from_slice(b"2020-01-01 10:00:00,\"W\",\"Squat \xff\",1,100,5\n2020-01-01 10:00:00,\"W\",\"Squat\",2,100,5\n");
    let (items, _) = read(Source::Strong, &bytes, ReadOptions::default());
    assert_eq!(errors(&items), [(2, "Exercise Name".to_string())]);
    assert!(items[1].is_ok());
}

#[test]
fn an_unclosed_quote_is_reported_not_swallowed() {
    // The quote opened on line 3 never closes: the CSV reader would take the
    // rest of the file as one record, however long. Reading stops at 1 MiB.
    let mut text = String::from("Date,Workout Name,Exercise Name,Set Order,kg,Reps,Notes\n");
    text.push_str("2020-01-01 10:00:00,\"W\",\"Squat\",1,100,5,\"\"\n");
    text.push_str("2020-01-01 10:00:00,\"W\",\"Squat\",2,100,5,\"oops\n");
    // Rows without quotes (as a spreadsheet saves them) never close it.
    for _ in 0..40_000 {
        text.push_str("2020-01-01 10:00:00,W,Squat,3,100,5,\n");
    }
    let (items, _) = read(Source::Strong, text.as_bytes(), ReadOptions::default());
    assert!(items[0].is_ok());
    match items.last().unwrap() {
        Err(ImportError::Io { line, message }) => {
            assert_eq!(*line, 3);
            assert!(message.contains("never closed"), "{message}");
        }
        other => panic!("expected an input error, got {other:?}"),
    }
    assert!(items.len() < 5);
}

#[test]
fn strong_refuses_what_is_not_strong() {
    let hevy = fixture("hevy-kg.csv");
    let err = StrongReader::new(&hevy[..], kg())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("Hevy export"), "{err}");
    let err = StrongReader::new(&b"Day,Lift,Load\n1,Squat,100\n"[..], kg())
        .err()
        .unwrap();
    assert!(
        matches!(err, ImportError::MissingColumn { column: "Date", .. }),
        "{err}"
    );
    let err = StrongReader::new(&b""[..], kg()).err().unwrap().to_string();
    assert_eq!(err, "header: the file is empty: no header line");
    let long = vec![b'a'; 200_000];
    let err = StrongReader::new(&long[..], kg())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("longer than 64 KiB"), "{err}");
}

#[test]
fn hevy_metric_with_warm_ups_supersets_and_cardio() {
    let (s, stats) = sets(Source::Hevy, "hevy-kg.csv", ReadOptions::default());
    assert_eq!((s.len(), stats.records), (8, 8));
    let b = &s[0];
    assert_eq!(b.source, Source::Hevy);
    assert_eq!(b.workout_name, "Weekend Long ☀️");
    assert_eq!(
        (b.workout_start, b.workout_duration_s),
        (at(2025, 12, 5, 11, 37, 0), Some(78 * 60))
    );
    assert_eq!(
        (b.workout_notes.as_str(), b.exercise_notes.as_str()),
        ("Long one, felt good", "Pause at chest")
    );
    assert_eq!(
        (b.set_index, b.kind, b.weight_kg, b.reps),
        (1, SetKind::WarmUp, None, Some(10))
    );
    assert_eq!(
        (s[1].set_index, s[1].kind, s[1].weight_kg),
        (2, SetKind::WarmUp, Some(40.0))
    );
    assert_eq!((s[2].set_index, s[2].kind), (3, SetKind::Working));
    assert_eq!(
        (s[3].superset, s[4].superset, s[4].weight_kg),
        (Some(0), Some(0), Some(13.61))
    );
    // Pull Up again after the superset partner: its own set_index, a second block.
    assert_eq!((s[5].exercise.as_str(), s[5].set_index), ("Pull Up", 2));
    assert_eq!(
        s[5].key,
        ImportKey::new(
            Source::Hevy,
            s[5].workout_start,
            "Weekend Long ☀️",
            "Pull Up",
            1,
            2
        )
    );
    let run = &s[6];
    assert_eq!(
        (run.reps, run.distance_m, run.duration_s, run.weight_kg),
        (None, Some(5000.0), Some(1800), None)
    );
    // An explicit 0 stays 0: empty is empty, not 0, and the other way round.
    assert_eq!(
        (s[7].weight_kg, s[7].reps, s[7].duration_s),
        (Some(0.0), None, Some(60))
    );
    assert_eq!(
        s[7].line, 9,
        "the last line has no newline and is still read"
    );
}

#[test]
fn hevy_units_come_from_the_header_independently() {
    let (s, _) = sets(
        Source::Hevy,
        "hevy-lbs-miles.csv",
        ReadOptions {
            units: Some(Unit::Kg),
            strict: false,
        },
    );
    assert_eq!(
        s.iter().map(|x| x.kind).collect::<Vec<_>>()[..4],
        [
            SetKind::WarmUp,
            SetKind::Working,
            SetKind::Failure,
            SetKind::Drop
        ]
    );
    assert_eq!(
        s[0].weight_unit,
        Some(Unit::Lb),
        "the header wins over units"
    );
    assert!(close(s[1].weight_kg, 225.0 * 0.45359237));
    assert_eq!(
        (s[1].rpe, s[2].rpe, s[3].rpe, s[4].rpe),
        (Some(8.0), Some(10.0), Some(9.5), Some(7.5))
    );
    assert!(close(s[4].weight_kg, 88.18 * 0.45359237));
    assert!(close(s[5].distance_m, 3.1 * 1609.344));
    assert_eq!(s[5].distance_unit, Some(DistanceUnit::Miles));

    let (s, _) = sets(Source::Hevy, "hevy-kg-miles.csv", ReadOptions::default());
    assert_eq!(
        (s[0].distance_unit, s[1].weight_unit),
        (Some(DistanceUnit::Miles), Some(Unit::Kg))
    );
    assert!(close(s[0].distance_m, 2.0 * 1609.344));
    assert_eq!(s[0].workout_start, at(2024, 3, 2, 7, 7, 0));
    assert_eq!(s[0].workout_duration_s, Some(68 * 60));
}

#[test]
fn hevy_localised_months_unquoted_header_and_crlf() {
    let (s, _) = sets(Source::Hevy, "hevy-localised.csv", ReadOptions::default());
    let starts: Vec<_> = s.iter().map(|x| x.workout_start).collect();
    assert_eq!(
        starts,
        [
            at(2024, 5, 17, 15, 5, 0),
            at(2023, 12, 3, 9, 30, 0),
            at(2026, 4, 11, 13, 5, 0),
            at(2026, 10, 1, 19, 52, 0),
            at(2026, 2, 3, 8, 0, 0),
            at(2026, 7, 3, 8, 0, 0),
            at(2025, 12, 5, 11, 37, 0),
            at(2025, 12, 5, 11, 37, 0),
        ]
    );
    assert_eq!(s[2].exercise, "Shoulder Press (Dambıl)");
    assert_eq!(s[2].workout_name, "Öğle antrenmanı 💪");
    // Same start, different title: two workouts, two keys.
    assert_ne!(s[6].key, s[7].key);
}

#[test]
fn hevy_bad_rows_are_reported_by_line_and_column() {
    let bytes = fixture("hevy-bad-rows.csv");
    let (items, stats) = read(Source::Hevy, &bytes, ReadOptions::default());
    let want: Vec<(u64, String)> = [
        (3, "start_time"),
        (4, "exercise_title"),
        (5, "set_index"),
        (6, "set_type"),
        (7, "weight_kg"),
        (8, "reps"),
        (9, "rpe"),
        (10, "superset_id"),
        (11, "record"),
        (12, "distance_km"),
        (13, "duration_seconds"),
    ]
    .into_iter()
    .map(|(l, c)| (l, c.to_string()))
    .collect();
    assert_eq!(errors(&items), want);
    assert_eq!((stats.sets, stats.malformed), (2, 11));
    let text: Vec<String> = items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert!(
        text[0].contains("expected a date like '5 Dec 2025, 11:37'")
            && text[0].contains("got '5 Foo 2025, 11:37'")
    );
    assert!(text[3].contains("expected normal, warmup, dropset or failure, got 'superset'"));
    assert!(text[8].contains("expected 14 fields as in the header, found 13"));

    let (items, _) = read(
        Source::Hevy,
        &bytes,
        ReadOptions {
            units: None,
            strict: true,
        },
    );
    assert_eq!(items.len(), 2);
}

#[test]
fn hevy_refuses_what_is_not_hevy() {
    let strong = fixture("strong-s3-quoted.csv");
    let err = HevyReader::new(&strong[..], ReadOptions::default())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("Strong export"), "{err}");
    let err = HevyReader::new(&b"title,start_time\n"[..], ReadOptions::default())
        .err()
        .unwrap();
    assert!(
        matches!(
            err,
            ImportError::MissingColumn {
                column: "exercise_title",
                ..
            }
        ),
        "{err}"
    );
    let both = b"title,start_time,exercise_title,set_index,weight_kg,weight_lbs\n";
    let err = HevyReader::new(&both[..], ReadOptions::default())
        .err()
        .unwrap()
        .to_string();
    assert!(err.starts_with("header: weight: both"), "{err}");
}

#[test]
fn reimporting_gives_the_same_keys_and_a_newer_export_only_adds() {
    let old = fixture("hevy-kg.csv");
    let keys = |bytes: &[u8]| -> Vec<ImportKey> {
        read(Source::Hevy, bytes, ReadOptions::default())
            .0
            .into_iter()
            .map(|i| i.unwrap().key)
            .collect()
    };
    let first = keys(&old);
    assert_eq!(first, keys(&old));
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "keys are unique within a file");
    // A newer export: a new workout on top (Hevy is newest first), the rest unchanged.
    let text = String::from_utf8(old).unwrap();
    let (header, rest) = text.split_once('\n').unwrap();
    let newer = format!(
        "{header}\n\"New\",\"9 Dec 2025, 18:00\",\"9 Dec 2025, 19:00\",\"\",\"Plank\",,\"\",0,\"normal\",,,,45,\n{rest}"
    );
    let second = keys(newer.as_bytes());
    assert_eq!(second.len(), first.len() + 1);
    assert_eq!(&second[1..], &first[..]);
}

// ---- writers --------------------------------------------------------------

fn strip_lines(mut sets: Vec<SetRecord>) -> Vec<SetRecord> {
    for s in &mut sets {
        s.line = 0;
    }
    sets
}

fn write_strong(sets: &[SetRecord]) -> Vec<u8> {
    let mut w = StrongWriter::new(Vec::new()).unwrap();
    for s in sets {
        w.write(s).unwrap();
    }
    w.finish().unwrap()
}

fn write_hevy(sets: &[SetRecord], units: HevyUnits) -> Vec<u8> {
    let mut w = HevyWriter::new(Vec::new(), units).unwrap();
    for s in sets {
        w.write(s).unwrap();
    }
    w.finish().unwrap()
}

#[test]
fn strong_files_round_trip_through_the_strong_writer() {
    for (name, options) in [
        ("strong-s2-semicolon-lbs.csv", ReadOptions::default()),
        ("strong-s2-decimal-comma.csv", ReadOptions::default()),
        ("strong-s1-comma.csv", kg()),
        ("strong-s3-tags.csv", ReadOptions::default()),
        ("strong-s0a-crlf.csv", ReadOptions::default()),
    ] {
        let (original, _) = sets(Source::Strong, name, options);
        let written = write_strong(&original);
        let (again, _) = sets_from(Source::Strong, &written);
        if name == "strong-s3-tags.csv" {
            // S3's duration has seconds; S2's text has minutes: 3600 s is exact.
            assert_eq!(original[0].workout_duration_s, Some(3600));
        }
        let mut expected = strip_lines(original);
        if name == "strong-s2-decimal-comma.csv" {
            // `45s` is written back as `45s`; `1h 5min` as `1h 5m`.
            assert_eq!(expected[4].workout_duration_s, Some(45));
        }
        for s in &mut expected {
            // Written in km (S2 has km and mi. only).
            if s.distance_unit == Some(DistanceUnit::Meters) {
                s.distance_unit = Some(DistanceUnit::Km);
            }
        }
        assert_eq!(
            strip_lines(again),
            expected,
            "{name}:\n{}",
            String::from_utf8_lossy(&written)
        );
    }
}

#[test]
fn s3_notes_survive_the_strong_writer_as_note_rows() {
    let (original, _) = sets(
        Source::Strong,
        "strong-s3-quoted.csv",
        ReadOptions::default(),
    );
    let written = write_strong(&original);
    let text = String::from_utf8(written.clone()).unwrap();
    assert!(
        text.starts_with("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;")
    );
    assert!(
        text.contains(
            ";\"Seated Row (Machine)\";Note;;;;;;;;\"Sur la machine au fond appelée \"\"row\"\"\";"
        ),
        "{text}"
    );
    let (again, stats) = sets_from(Source::Strong, &written);
    assert_eq!(stats.note_rows, 2, "the empty Plank note is not written");
    let mut expected = strip_lines(original);
    for s in &mut expected {
        // S2's duration is text to the minute: 3891 s is written `1h 5m`.
        s.workout_duration_s = s.workout_duration_s.map(|d| (d + 30) / 60 * 60);
    }
    assert_eq!(expected[0].workout_duration_s, Some(3900));
    assert_eq!(strip_lines(again), expected);
}

#[test]
fn hevy_files_round_trip_through_the_hevy_writer() {
    for (name, units) in [
        ("hevy-kg.csv", HevyUnits::default()),
        (
            "hevy-lbs-miles.csv",
            HevyUnits {
                weight: Unit::Lb,
                distance: DistanceUnit::Miles,
            },
        ),
        (
            "hevy-kg-miles.csv",
            HevyUnits {
                weight: Unit::Kg,
                distance: DistanceUnit::Miles,
            },
        ),
        ("hevy-localised.csv", HevyUnits::default()),
    ] {
        let (original, _) = sets(Source::Hevy, name, ReadOptions::default());
        let written = write_hevy(&original, units);
        let (again, _) = sets_from(Source::Hevy, &written);
        assert_eq!(
            strip_lines(again),
            strip_lines(original),
            "{name}:\n{}",
            String::from_utf8_lossy(&written)
        );
    }
}

#[test]
fn strong_sets_written_as_hevy_keep_their_sets() {
    let (original, _) = sets(
        Source::Strong,
        "strong-s2-semicolon-lbs.csv",
        ReadOptions::default(),
    );
    let written = write_hevy(
        &original,
        HevyUnits {
            weight: Unit::Lb,
            distance: DistanceUnit::Miles,
        },
    );
    let (again, _) = sets_from(Source::Hevy, &written);
    assert_eq!(again.len(), original.len());
    for (a, o) in again.iter().zip(&original) {
        assert_eq!(
            (&a.exercise, a.set_index, a.kind, a.reps, a.rpe),
            (&o.exercise, o.set_index, o.kind, o.reps, o.rpe)
        );
        assert_eq!(
            a.weight_kg.map(|w| (w * 1e6).round()),
            o.weight_kg.map(|w| (w * 1e6).round())
        );
        // Hevy has minutes: the seconds of the start are gone.
        assert_eq!(
            a.workout_start.format("%Y-%m-%d %H:%M").to_string(),
            o.workout_start.format("%Y-%m-%d %H:%M").to_string()
        );
    }
    // And the other way: Hevy sets as Strong.
    let (hevy, _) = sets(Source::Hevy, "hevy-lbs-miles.csv", ReadOptions::default());
    let (back, _) = sets_from(Source::Strong, &write_strong(&hevy));
    let kinds = |v: &[SetRecord]| {
        v.iter()
            .map(|s| (s.exercise.clone(), s.set_index, s.kind, s.reps))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&back), kinds(&hevy));
}

fn sets_from(source: Source, bytes: &[u8]) -> (Vec<SetRecord>, ReadStats) {
    let (items, stats) = read(source, bytes, ReadOptions::default());
    (
        items
            .into_iter()
            .map(|i| i.unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(bytes))))
            .collect(),
        stats,
    )
}

#[test]
fn a_summary_counts_sets_per_name_with_its_mapping() {
    use upright_core::catalog::Catalog;
    use upright_core::import::names::{ExerciseMatcher, MatchedBy};
    use upright_core::import::summary::summarise;

    let matcher = ExerciseMatcher::new(&Catalog::builtin());
    let bytes = fixture("hevy-kg.csv");
    let mut reader = HevyReader::new(&bytes[..], ReadOptions::default()).unwrap();
    let s = summarise(&mut reader, &matcher);
    assert_eq!(
        (
            s.sets,
            s.warm_up_sets,
            s.workouts,
            s.empty_sets,
            s.error_count
        ),
        (8, 2, 2, 0, 0)
    );
    let bench = &s.exercises["Bench Press (Barbell)"];
    assert_eq!(
        (bench.id.as_deref(), bench.sets, bench.warm_up_sets),
        (None, 3, 2)
    );
    let pull = &s.exercises["Pull Up"];
    assert_eq!(
        (pull.id.as_deref(), pull.by, pull.sets),
        (Some("pull-up"), Some(MatchedBy::Alias), 2)
    );
    assert_eq!(
        s.exercises["Face Pull (Cable)"].id.as_deref(),
        Some("face-pull")
    );
    assert_eq!(
        s.unmapped().collect::<Vec<_>>(),
        [("Bench Press (Barbell)", 3), ("Running", 1)]
    );
    assert_eq!(s.mapped_sets(), 4);
    assert_eq!(s.stats.records, 8);

    let bytes = fixture("strong-bad-rows.csv");
    let mut reader = StrongReader::new(&bytes[..], ReadOptions::default()).unwrap();
    let s = summarise(&mut reader, &matcher);
    assert_eq!((s.sets, s.error_count, s.stats.malformed), (2, 12, 12));
    let lines: Vec<u64> = s.errors.iter().map(|e| e.line()).collect();
    assert_eq!(lines, (3..=14).collect::<Vec<_>>());
    assert_eq!(
        s.exercises["Deadlift (Barbell)"].id.as_deref(),
        Some("deadlift")
    );
}
