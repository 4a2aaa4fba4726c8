//! Throughput of the Strong reader on a generated file (a figure to read, not a test).
//!
//!     cargo run --release -p upright-core --example import_bench -- generate s3 1000000 /tmp/strong.csv
//!     /usr/bin/time -v cargo run --release -p upright-core --example import_bench -- read /tmp/strong.csv
//!
//! `generate` writes a Strong export of N records, streaming: `s3` is the 2024+
//! shape (all quoted, so the quote repair runs; a third of the records are
//! `Rest Timer` rows, as in real S3 files), `s2` the semicolon shape written
//! by upright's own StrongWriter. `read` streams the file through the reader,
//! computing every record's key and summarising with the exercise matcher,
//! and prints records/s; run it under `/usr/bin/time -v` for peak memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;
use upright_core::catalog::Catalog;
use upright_core::import::names::ExerciseMatcher;
use upright_core::import::summary::ImportSummary;
use upright_core::import::write::StrongWriter;
use upright_core::import::{ImportKey, ReadOptions, Reader, SetKind, SetRecord, Source};

const EXERCISES: &[&str] = &[
    "Deadlift (Barbell)",
    "Bent Over Row (Barbell)",
    "Lat Pulldown (Cable)",
    "Face Pull (Cable)",
    "Bench Press (Barbell)",
    "Plank",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["generate", shape, n, path] => generate(shape, n.parse().expect("N is a number"), path),
        ["read", path] => read(path),
        _ => {
            eprintln!("usage: import_bench generate s2|s3 N FILE | read FILE");
            std::process::exit(2);
        }
    }
}

fn generate(shape: &str, records: u64, path: &str) {
    let out = BufWriter::new(File::create(path).expect("create"));
    let start = chrono::NaiveDate::from_ymd_opt(2018, 1, 1)
        .unwrap()
        .and_hms_opt(7, 30, 0)
        .unwrap();
    let t = Instant::now();
    match shape {
        "s3" => {
            let mut out = out;
            writeln!(out, "\"Workout #\";\"Date\";\"Workout Name\";\"Duration (sec)\";\"Exercise Name\";\"Set Order\";\"Weight (kg)\";\"Reps\";\"RPE\";\"Distance (meters)\";\"Seconds\";\"Notes\";\"Workout Notes\"").unwrap();
            let (mut n, mut workout) = (0u64, 0u64);
            while n < records {
                workout += 1;
                let date = (start + chrono::TimeDelta::hours(31 * workout as i64))
                    .format("%Y-%m-%d %H:%M:%S");
                'workout: for (e, name) in EXERCISES.iter().enumerate() {
                    for set in 0..4u64 {
                        if n >= records {
                            break 'workout;
                        }
                        let order = if set == 0 {
                            "W".to_string()
                        } else {
                            set.to_string()
                        };
                        let weight = 20.0 + (workout % 40) as f64 * 2.5 + e as f64 * 5.0;
                        writeln!(out, "\"{workout}\";\"{date}\";\"Pull {}\";\"4734\";\"{name}\";\"{order}\";\"{weight:.1}\";\"{}\";\"\";\"\";\"\";\"\";\"Back, Biceps, Core\"", workout % 3, 8 + set % 3).unwrap();
                        n += 1;
                        if set % 2 == 1 && n < records {
                            writeln!(out, "\"{workout}\";\"{date}\";\"Pull {}\";\"4734\";\"{name}\";\"Rest Timer\";\"\";\"\";\"\";\"\";\"120.0\";\"\";\"Back, Biceps, Core\"", workout % 3).unwrap();
                            n += 1;
                        }
                    }
                }
            }
            out.into_inner().expect("flush").sync_all().ok();
        }
        "s2" => {
            let mut w = StrongWriter::new(out).expect("header");
            let mut n = 0u64;
            let mut workout = 0u64;
            while n < records {
                workout += 1;
                let t0 = start + chrono::TimeDelta::hours(31 * workout as i64);
                for (e, name) in EXERCISES.iter().enumerate() {
                    for set in 1..=4u32 {
                        if n >= records {
                            break;
                        }
                        let weight = 20.0 + (workout % 40) as f64 * 2.5 + e as f64 * 5.0;
                        let record = SetRecord {
                            line: 0,
                            source: Source::Strong,
                            workout_start: t0,
                            workout_name: format!("Pull {}", workout % 3),
                            workout_duration_s: Some(3900),
                            workout_notes: String::new(),
                            exercise: name.to_string(),
                            exercise_notes: String::new(),
                            superset: None,
                            set_index: set,
                            kind: if set == 1 {
                                SetKind::WarmUp
                            } else {
                                SetKind::Working
                            },
                            reps: Some(8 + set % 3),
                            weight_kg: Some(weight),
                            weight_unit: Some(upright_core::coach::units::Unit::Kg),
                            distance_m: None,
                            distance_unit: None,
                            duration_s: None,
                            rpe: Some(8.0),
                            notes: String::new(),
                            key: ImportKey::default(),
                        };
                        w.write(&record).expect("write");
                        n += 1;
                    }
                }
            }
            w.finish().expect("flush");
        }
        other => panic!("unknown shape {other}: s2 or s3"),
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {records} records, {:.1} MB, in {:.2} s: {path}",
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
}

fn read(path: &str) {
    let size = std::fs::metadata(path).expect("file").len();
    let matcher = ExerciseMatcher::new(&Catalog::builtin());
    let t = Instant::now();
    let file = File::open(path).expect("open");
    let mut reader = Reader::open(Source::Strong, file, ReadOptions::default()).expect("header");
    let mut summary = ImportSummary::default();
    let mut fold = 0u8;
    for item in reader.by_ref() {
        if let Ok(set) = &item {
            fold ^= set.key.0[0];
        }
        summary.add(&item, &matcher);
    }
    summary.finish(reader.stats());
    let secs = t.elapsed().as_secs_f64();
    let st = summary.stats;
    println!(
        "read {} records ({} sets, {} rest timers, {} malformed) of {:.1} MB in {:.3} s: {:.0} records/s, {:.0} sets/s, {:.0} MB/s [{fold}]",
        st.records,
        st.sets,
        st.rest_timer_rows,
        st.malformed,
        size as f64 / 1e6,
        secs,
        st.records as f64 / secs,
        st.sets as f64 / secs,
        size as f64 / 1e6 / secs
    );
}
