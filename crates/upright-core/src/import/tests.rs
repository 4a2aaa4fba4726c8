//! Unit tests of the import module as a whole live in `tests/import_*.rs`
//! (fixtures, real files, properties); this file holds checks of private seams.

use super::*;

#[test]
fn reader_dispatches_on_source() {
    let strong = "Date,Workout Name,Exercise Name,Set Order,kg,Reps\n2020-01-01 10:00:00,\"W\",\"Squat\",1,100,5\n";
    let r = Reader::open(Source::Strong, strong.as_bytes(), ReadOptions::default()).unwrap();
    assert!(matches!(r, Reader::Strong(_)));
    let sets: Vec<_> = r.collect();
    assert_eq!(sets.len(), 1);
    assert!(Reader::open(Source::Hevy, strong.as_bytes(), ReadOptions::default()).is_err());
}

#[test]
fn error_lines() {
    assert_eq!(ImportError::UnitsRequired { format: "x" }.line(), 0);
    assert_eq!(
        ImportError::Header {
            message: "m".into()
        }
        .line(),
        1
    );
    assert_eq!(
        ImportError::Row {
            line: 7,
            column: "Reps".into(),
            message: "m".into()
        }
        .line(),
        7
    );
}

#[test]
fn distance_units_convert_exactly() {
    assert_eq!(DistanceUnit::Miles.to_meters(1.0), 1609.344);
    assert_eq!(DistanceUnit::Km.to_meters(1.5), 1500.0);
    assert_eq!(DistanceUnit::Km.from_meters(1500.0), 1.5);
    assert_eq!(SetKind::WarmUp.as_str(), "warm-up");
    assert!(SetKind::WarmUp.is_warm_up() && !SetKind::Drop.is_warm_up());
}
