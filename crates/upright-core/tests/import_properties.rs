//! Properties of the import readers and writers over random input.

use chrono::NaiveDate;
use proptest::prelude::*;
use upright_core::coach::units::Unit;
use upright_core::import::write::{HevyUnits, HevyWriter, StrongWriter};
use upright_core::import::{
    DistanceUnit, ImportKey, ReadOptions, Reader, SetKind, SetRecord, Source,
};

const STRONG_HEADERS: &[&str] = &[
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n",
    "\"Workout #\";\"Date\";\"Workout Name\";\"Duration (sec)\";\"Exercise Name\";\"Set Order\";\"Weight (kg)\";\"Reps\";\"RPE\";\"Distance (meters)\";\"Seconds\";\"Notes\";\"Workout Notes\"\n",
];
const HEVY_HEADER: &str = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n";

/// Reads everything; the invariant of the counts must hold whatever the input.
fn drain(source: Source, bytes: &[u8]) {
    if let Ok(mut r) = Reader::open(
        source,
        bytes,
        ReadOptions {
            units: Some(Unit::Kg),
            strict: false,
        },
    ) {
        let mut n = 0u64;
        for item in r.by_ref() {
            if let Err(e) = &item {
                assert!(!e.to_string().is_empty());
            }
            n += 1;
        }
        let st = *r.stats();
        assert_eq!(
            st.records,
            st.sets + st.note_rows + st.rest_timer_rows + st.malformed
        );
        assert!(n >= st.sets + st.malformed);
    }
}

/// Field-like fragments, so random rows get past the header and into the parsers.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\"".to_string()),
        Just("\"\"".to_string()),
        Just(";".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("W".to_string()),
        Just("Note".to_string()),
        Just("Rest Timer".to_string()),
        Just("2024-08-31 00:03:19".to_string()),
        Just("5 Dec 2025, 11:37".to_string()),
        Just("12,5".to_string()),
        Just("10.0".to_string()),
        Just("-1e400".to_string()),
        Just("NaN".to_string()),
        Just("4294967296".to_string()),
        Just("kg".to_string()),
        Just("lbs".to_string()),
        Just("warmup".to_string()),
        "[a-zA-Z0-9 ]{0,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn row() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..20).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        drain(Source::Strong, &bytes);
        drain(Source::Hevy, &bytes);
    }

    #[test]
    fn random_rows_under_real_headers_never_panic(header in 0usize..4, rows in prop::collection::vec(row(), 0..8)) {
        let (source, head) = match header {
            3 => (Source::Hevy, HEVY_HEADER),
            i => (Source::Strong, STRONG_HEADERS[i]),
        };
        let text = format!("{head}{}", rows.join("\n"));
        drain(source, text.as_bytes());
    }
}

fn kind() -> impl Strategy<Value = SetKind> {
    prop_oneof![
        Just(SetKind::Working),
        Just(SetKind::WarmUp),
        Just(SetKind::Drop),
        Just(SetKind::Failure)
    ]
}

/// Free text without what neither app writes (NUL) and trimmed, as the readers trim.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;\"'\n()é💪-]{0,12}".prop_map(|s| s.trim().to_string())
}

/// One workout of random sets, as a reader of `source` would give them back.
fn workout(source: Source) -> impl Strategy<Value = Vec<SetRecord>> {
    let set = (
        kind(),
        prop::option::of(0u32..50),
        prop::option::of((1u32..4000).prop_map(|q| f64::from(q) * 0.25)),
        prop::bool::ANY,
        prop::option::of((1u32..20).prop_map(|d| f64::from(d) * 500.0)),
        prop::option::of(1u32..3600),
        prop::option::of((12u32..=20).prop_map(|r| f64::from(r) / 2.0)),
        text(),
    );
    (
        (0i64..2_000_000).prop_map(|m| {
            NaiveDate::from_ymd_opt(2020, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                + chrono::TimeDelta::minutes(m)
        }),
        text().prop_filter("a name", |s| !s.is_empty()),
        prop::option::of((1u32..300).prop_map(|m| m * 60)),
        text(),
        prop::collection::vec(
            (
                "[A-Z][a-z]{2,8}( \\(Barbell\\))?",
                text(),
                prop::collection::vec(set, 1..5),
            ),
            1..4,
        ),
    )
        .prop_map(move |(start, name, duration, notes, exercises)| {
            // Hevy always has an end time: an unknown duration is written as end = start.
            let duration = if source == Source::Hevy {
                Some(duration.unwrap_or(0))
            } else {
                duration
            };
            let mut out: Vec<SetRecord> = Vec::new();
            for (exercise, exercise_notes, sets) in exercises {
                // A block of the same exercise right after another would read as one: skip it.
                if out
                    .last()
                    .is_some_and(|l: &SetRecord| l.exercise == exercise)
                {
                    continue;
                }
                let occurrence = out
                    .iter()
                    .filter(|s| s.exercise == exercise && s.set_index == 1)
                    .count() as u32;
                for (i, (kind, reps, weight, lb, distance, seconds, rpe, set_notes)) in
                    sets.into_iter().enumerate()
                {
                    let unit = if lb { Unit::Lb } else { Unit::Kg };
                    let unit = if source == Source::Hevy {
                        Unit::Kg
                    } else {
                        unit
                    };
                    let position = i as u32 + 1;
                    let discriminator = if source == Source::Hevy {
                        name.as_str()
                    } else {
                        ""
                    };
                    out.push(SetRecord {
                        line: 0,
                        source,
                        workout_start: start,
                        workout_name: name.clone(),
                        workout_duration_s: duration,
                        workout_notes: notes.clone(),
                        exercise: exercise.clone(),
                        exercise_notes: exercise_notes.clone(),
                        superset: None,
                        set_index: position,
                        kind,
                        // Strong reads 0 reps on a timed set as none.
                        reps: if source == Source::Strong
                            && (seconds.is_some() || distance.is_some())
                        {
                            reps.filter(|&r| r > 0)
                        } else {
                            reps
                        },
                        weight_kg: weight.map(|w| unit.to_kg(w)),
                        weight_unit: weight.map(|_| unit),
                        distance_m: distance,
                        distance_unit: distance.map(|_| DistanceUnit::Km),
                        duration_s: seconds,
                        rpe,
                        notes: if source == Source::Strong {
                            set_notes
                        } else {
                            String::new()
                        },
                        key: ImportKey::new(
                            source,
                            start,
                            discriminator,
                            &exercise,
                            occurrence,
                            position,
                        ),
                    });
                }
            }
            out
        })
}

fn strip(mut v: Vec<SetRecord>) -> Vec<SetRecord> {
    for s in &mut v {
        s.line = 0;
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn strong_writer_output_reads_back_to_the_same_sets(sets in workout(Source::Strong)) {
        let mut w = StrongWriter::new(Vec::new()).unwrap();
        for s in &sets {
            w.write(s).unwrap();
        }
        let bytes = w.finish().unwrap();
        let back: Vec<SetRecord> = Reader::open(Source::Strong, &bytes[..], ReadOptions::default())
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        prop_assert_eq!(strip(back), sets, "{}", String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn hevy_writer_output_reads_back_to_the_same_sets(sets in workout(Source::Hevy)) {
        let mut w = HevyWriter::new(Vec::new(), HevyUnits::default()).unwrap();
        for s in &sets {
            w.write(s).unwrap();
        }
        let bytes = w.finish().unwrap();
        let back: Vec<SetRecord> = Reader::open(Source::Hevy, &bytes[..], ReadOptions::default())
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        prop_assert_eq!(strip(back), sets, "{}", String::from_utf8_lossy(&bytes));
    }
}
