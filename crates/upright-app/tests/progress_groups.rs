//! `progress` reads per-day groups summarised in SQL instead of every set.
//! The groups must give exactly the progress that every set gave.

use chrono::{Days, NaiveDate};
use upright_core::catalog::Catalog;
use upright_core::coach::metrics::{compute, DayGroup};
use upright_core::coach::Unit;
use upright_store::{DaySummary, NewSet, SetRow, Source, Store};

/// One group per set: exactly the former per-set computation over `sets_for`.
fn per_set(rows: &[SetRow]) -> Vec<DayGroup> {
    rows.iter()
        .map(|s| DayGroup {
            date: s.date,
            exercise_id: s.exercise_id.clone(),
            reps: s.reps,
            rpe: s.rpe,
            sets: 1,
            max_load_kg: s.load_kg,
        })
        .collect()
}

fn groups(rows: &[DaySummary]) -> Vec<DayGroup> {
    rows.iter()
        .map(|s| DayGroup {
            date: s.date,
            exercise_id: s.exercise_id.clone(),
            reps: s.reps,
            rpe: s.rpe,
            sets: s.sets,
            max_load_kg: s.max_load_kg,
        })
        .collect()
}

/// A generated history (interleaved exercises, two workouts on some days,
/// odd loads, RPEs on and off the chart and either side of 7, reps above 12,
/// unloaded and negative loads, unknown exercises): the SQL groups give the
/// same progress, byte for byte, as every set did.
#[tokio::test]
async fn sql_groups_give_the_same_progress_as_every_set() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_path(&dir.path().join("p.db")).await.unwrap();
    let user = store.local_user().await.unwrap().id;
    let ids = [
        "deadlift",
        "bent-over-row",
        "back-squat",
        "plank",
        "not-in-catalog",
        "face-pull",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for w in 0..300u64 {
        let day = start + Days::new(w * 2 + rnd(2));
        let mut sets = Vec::new();
        for _ in 0..(1 + rnd(12)) {
            let id = ids[rnd(ids.len() as u64) as usize];
            let reps = [
                None,
                Some(0),
                Some(1),
                Some(3),
                Some(5),
                Some(8),
                Some(12),
                Some(13),
                Some(20),
            ][rnd(9) as usize];
            let load = [
                None,
                Some(-10.0),
                Some(0.0),
                Some(20.0),
                Some(102.058),
                Some(60.0 + rnd(80) as f64 * 0.25),
                Some(0.1 + 0.2),
            ][rnd(7) as usize];
            let rpe = [
                None,
                None,
                Some(4.0),
                Some(6.5),
                Some(6.999_999_999_5),
                Some(7.0),
                Some(8.0),
                Some(8.5),
                Some(9.5),
                Some(10.0),
            ][rnd(10) as usize];
            let hold = if reps.is_none() || rnd(4) == 0 {
                Some(30)
            } else {
                None
            };
            sets.push(NewSet {
                exercise_id: id.into(),
                reps,
                load_kg: load,
                hold_s: hold,
                rpe,
                ..Default::default()
            });
        }
        store
            .log_workout(user, day, None, Source::Cli, &sets)
            .await
            .unwrap();
    }
    let catalog = Catalog::builtin();
    for to in [None, Some(start + Days::new(300))] {
        let rows = store.sets_for(user, None, None, to).await.unwrap();
        let summaries = store
            .exercise_day_summaries(user, None, None, to)
            .await
            .unwrap();
        assert!(
            summaries.len() < rows.len(),
            "the groups are fewer than the sets"
        );
        let as_of = to.unwrap_or(rows.last().unwrap().date);
        for only in [None, Some("deadlift")] {
            for unit in [Unit::Kg, Unit::Lb] {
                let old = compute(&per_set(&rows), &[], None, &catalog, only, as_of, unit);
                let new = compute(&groups(&summaries), &[], None, &catalog, only, as_of, unit);
                assert!(!new.e1rm.is_empty());
                assert_eq!(
                    serde_json::to_string(&old).unwrap(),
                    serde_json::to_string(&new).unwrap()
                );
            }
        }
    }
    store.close().await;
}
