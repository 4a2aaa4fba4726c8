//! The real exports in `../shared/data/imports/` (next to the repository):
//! every set row is a record or an error with its line number, none lost
//! silently. A clone without `../shared` skips these tests, saying so.

use std::collections::BTreeSet;
use std::path::PathBuf;
use upright_core::catalog::Catalog;
use upright_core::coach::units::Unit;
use upright_core::import::names::ExerciseMatcher;
use upright_core::import::summary::ImportSummary;
use upright_core::import::{ReadOptions, Reader, SetKind, SetRecord, Source};

fn folder() -> Option<PathBuf> {
    // `../shared` beside the repository root; UPRIGHT_IMPORTS_DIR points
    // elsewhere (a git worktree lives one folder deeper).
    let dir = std::env::var_os("UPRIGHT_IMPORTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/imports"
            ))
        });
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (a clone without ../shared)",
            dir.display()
        );
        None
    }
}

/// What the file is, and what an independent look at its lines says.
struct Known {
    file: &'static str,
    source: Source,
    units: Option<Unit>,
    /// CSV records after the header (SOURCES.md); each is one physical line in these files.
    records: u64,
    rest_timers: u64,
    notes: u64,
    warm_ups: u64,
}

const FILES: &[Known] = &[
    Known {
        file: "strong-comma-kg-de-breinsp-strong-charts.csv",
        source: Source::Strong,
        units: Some(Unit::Kg),
        records: 2078,
        rest_timers: 0,
        notes: 0,
        warm_ups: 0,
    },
    Known {
        file: "strong-semicolon-lbs-rpe-joshuayoes-strong-backup.csv",
        source: Source::Strong,
        units: None,
        records: 418,
        rest_timers: 0,
        notes: 0,
        warm_ups: 0,
    },
    Known {
        file: "strong-v6-semicolon-kg-warmup-resttimer-note-strong-to-liftlog.csv",
        source: Source::Strong,
        units: None,
        records: 3213,
        rest_timers: 1189,
        notes: 11,
        warm_ups: 224,
    },
    Known {
        file: "strong-v6-semicolon-kg-resttimer-fitness-tracker-backend.csv",
        source: Source::Strong,
        units: None,
        records: 1623,
        rest_timers: 748,
        notes: 7,
        warm_ups: 0,
    },
    Known {
        file: "hevy-kg-warmup-timed-HevyConnect.csv",
        source: Source::Hevy,
        units: None,
        records: 1922,
        rest_timers: 0,
        notes: 0,
        warm_ups: 20,
    },
    Known {
        file: "hevy-kg-supersets-Hevy-Coach.csv",
        source: Source::Hevy,
        units: None,
        records: 330,
        rest_timers: 0,
        notes: 0,
        warm_ups: 0,
    },
    Known {
        file: "hevy-kg-zero-padded-day-openweight.csv",
        source: Source::Hevy,
        units: None,
        records: 22,
        rest_timers: 0,
        notes: 0,
        warm_ups: 0,
    },
];

fn read_all(dir: &std::path::Path, k: &Known) -> (Vec<SetRecord>, ImportSummary) {
    let path = dir.join(k.file);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = Reader::open(
        k.source,
        file,
        ReadOptions {
            units: k.units,
            strict: false,
        },
    )
    .unwrap_or_else(|e| panic!("{}: {e}", k.file));
    let matcher = ExerciseMatcher::new(&Catalog::builtin());
    let mut summary = ImportSummary::default();
    let mut sets = Vec::new();
    for item in reader.by_ref() {
        summary.add(&item, &matcher);
        if let Ok(set) = item {
            sets.push(set);
        }
    }
    summary.finish(reader.stats());
    (sets, summary)
}

#[test]
fn every_real_file_imports_with_no_row_lost() {
    let Some(dir) = folder() else { return };
    let mut seen = 0;
    for k in FILES {
        let path = dir.join(k.file);
        if !path.exists() {
            eprintln!("skipped: {} is absent", path.display());
            continue;
        }
        seen += 1;
        let (sets, summary) = read_all(&dir, k);
        let st = summary.stats;
        // App output: no row is malformed.
        assert_eq!(summary.errors, vec![], "{}", k.file);
        assert_eq!(st.records, k.records, "{}", k.file);
        assert_eq!(
            (st.rest_timer_rows, st.note_rows),
            (k.rest_timers, k.notes),
            "{}",
            k.file
        );
        assert_eq!(
            st.records,
            st.sets + st.rest_timer_rows + st.note_rows + st.malformed,
            "{}",
            k.file
        );
        assert_eq!(
            sets.len() as u64,
            st.records - k.rest_timers - k.notes,
            "{}",
            k.file
        );
        // Each set names its own line, and no line twice: the lines of sets and
        // pseudo-rows together are every line after the header.
        let lines: BTreeSet<u64> = sets.iter().map(|s| s.line).collect();
        assert_eq!(lines.len(), sets.len(), "{}", k.file);
        assert!(
            lines.iter().all(|&l| (2..=k.records + 1).contains(&l)),
            "{}",
            k.file
        );
        assert_eq!(
            sets.iter().filter(|s| s.kind == SetKind::WarmUp).count() as u64,
            k.warm_ups,
            "{}",
            k.file
        );
        // Keys are unique: re-importing adds nothing, and no set hides another.
        let keys: BTreeSet<_> = sets.iter().map(|s| s.key).collect();
        assert_eq!(keys.len(), sets.len(), "{}: duplicate keys", k.file);
        assert_eq!(summary.sets, sets.len() as u64);
        let unmapped: Vec<String> = summary
            .unmapped()
            .map(|(n, c)| format!("{n} ({c})"))
            .collect();
        println!(
            "{}: {} sets in {} workouts, {} mapped, {} pseudo-rows; unmapped: {}",
            k.file,
            summary.sets,
            summary.workouts,
            summary.mapped_sets(),
            st.rest_timer_rows + st.note_rows,
            unmapped.join(", ")
        );
    }
    if seen == 0 {
        eprintln!("skipped: none of the real files is present");
    }
}

#[test]
fn real_file_details() {
    let Some(dir) = folder() else { return };
    let by_name = |name: &str| FILES.iter().find(|k| k.file == name).unwrap();
    let present = |k: &Known| dir.join(k.file).exists();

    let k = by_name("strong-v6-semicolon-kg-warmup-resttimer-note-strong-to-liftlog.csv");
    if present(k) {
        let (sets, _) = read_all(&dir, k);
        // Line 517 is the Note row with unescaped quotes; the set below it carries the note.
        let s = sets.iter().find(|s| s.line == 518).unwrap();
        assert_eq!(s.exercise, "Seated Row (Machine)");
        assert_eq!(s.exercise_notes, "Sur la machine au fond appelée \"row\"");
        assert_eq!(s.workout_notes, "Back, Biceps, Core");
        assert!(s.weight_kg.is_some_and(|w| (w - 40.8233133).abs() < 1e-9));
        // The 52-hour workout someone forgot to stop.
        assert!(sets.iter().any(|s| s.workout_duration_s == Some(186_795)));
    }

    let k = by_name("strong-semicolon-lbs-rpe-joshuayoes-strong-backup.csv");
    if present(k) {
        let (sets, summary) = read_all(&dir, k);
        assert!(sets
            .iter()
            .all(|s| s.weight_unit.is_none_or(|u| u == Unit::Lb)));
        assert!(sets.iter().any(|s| s.rpe == Some(6.5)));
        let assisted = &summary.exercises["Chin Up (Assisted)"];
        assert_eq!(assisted.id.as_deref(), Some("assisted-pull-up"));
        assert!(assisted.assisted);
    }

    let k = by_name("hevy-kg-warmup-timed-HevyConnect.csv");
    if present(k) {
        let (sets, summary) = read_all(&dir, k);
        // Newest first.
        assert!(sets.first().unwrap().workout_start > sets.last().unwrap().workout_start);
        let run = sets
            .iter()
            .find(|s| s.exercise == "Running" && s.distance_m.is_some())
            .unwrap();
        assert_eq!((run.distance_m, run.reps), (Some(5000.0), None));
        assert_eq!(summary.exercises["Pull Up"].id.as_deref(), Some("pull-up"));
    }

    let k = by_name("hevy-kg-zero-padded-day-openweight.csv");
    if present(k) {
        let (sets, _) = read_all(&dir, k);
        let days: BTreeSet<String> = sets
            .iter()
            .map(|s| s.workout_start.format("%Y-%m-%d %H:%M").to_string())
            .collect();
        assert!(days.contains("2025-07-02 17:56"), "{days:?}");
    }

    let k = by_name("strong-comma-kg-de-breinsp-strong-charts.csv");
    if present(k) {
        let (_, summary) = read_all(&dir, k);
        for name in ["Deadlift (Barbell)", "Bent Over Row (Barbell)", "Plank"] {
            if let Some(e) = summary.exercises.get(name) {
                assert!(e.id.is_some(), "{name} should map");
            }
        }
    }
}
