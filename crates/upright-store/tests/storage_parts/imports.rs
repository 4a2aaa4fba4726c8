//! Imported histories in the storage suite (run on both databases by
//! `storage.rs`): find-or-create workouts, sets skipped by import key,
//! all-or-nothing, mappings re-pointing history, the stored catalog,
//! warm-ups left out of summaries, export pages and restore.

use super::*;
use chrono::NaiveDateTime;
use upright_store::{
    ExerciseMapping, ExportCursor, ImportSet, ImportSource, ImportWorkout, RestorePlan,
    SetConflict, SetKind, UserExercise,
};

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn workout(start: &str, name: &str) -> ImportWorkout {
    ImportWorkout {
        source: ImportSource::Strong,
        started_at: t(start),
        name: name.into(),
        duration_s: Some(3600),
        notes: None,
    }
}

fn key(n: u8) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[0] = n;
    k[15] = 0xa5;
    k
}

fn imported(
    w: upright_store::WorkoutId,
    index: u32,
    n: u8,
    exercise: &str,
    load: f64,
) -> ImportSet {
    ImportSet {
        workout_id: w,
        set_index: index,
        exercise_id: exercise.into(),
        reps: Some(5),
        load_kg: Some(load),
        import_key: Some(key(n)),
        source_name: Some(format!("{exercise} (App)")),
        source_key: Some(exercise.replace('-', "")),
        ..Default::default()
    }
}

/// Imports the same sets twice and a newer export once: nothing twice.
pub async fn imports_skip_what_is_there(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    let mut tx = store.begin_import(u).await.unwrap();
    let ws = tx
        .workouts(&[
            workout("2024-01-02 07:30:00", "Pull"),
            workout("2024-01-02 07:30:00", "Legs"),
        ])
        .await
        .unwrap();
    assert_ne!(ws[0].0, ws[1].0, "same start, other name: another workout");
    assert_eq!((ws[0].1, ws[1].1), (0, 0));
    let sets: Vec<ImportSet> = (1..=3)
        .map(|i| imported(ws[0].0, i, i as u8, "deadlift", 100.0))
        .collect();
    assert_eq!(
        tx.insert_sets(&sets, SetConflict::ImportKey).await.unwrap(),
        3
    );
    tx.commit().await.unwrap();

    // Again, plus one new set: found, numbered after what is there, the three skipped.
    let mut tx = store.begin_import(u).await.unwrap();
    let again = tx
        .workouts(&[workout("2024-01-02 07:30:00", "Pull")])
        .await
        .unwrap();
    assert_eq!(again[0], (ws[0].0, 3));
    let mut sets: Vec<ImportSet> = (1..=3)
        .map(|i| imported(ws[0].0, 3 + i, i as u8, "deadlift", 100.0))
        .collect();
    sets.push(imported(ws[0].0, 7, 9, "deadlift", 105.0));
    assert_eq!(
        tx.insert_sets(&sets, SetConflict::ImportKey).await.unwrap(),
        1
    );
    tx.commit().await.unwrap();
    let rows = store
        .sets_for(u, Some("deadlift"), None, None)
        .await
        .unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows.iter().map(|r| r.set_index).collect::<Vec<_>>(),
        vec![1, 2, 3, 7]
    );
    assert_eq!(rows[3].load_kg, Some(105.0));
    assert_eq!(rows[0].date, d("2024-01-02"));

    // Another user's import keys are theirs.
    let other = store.ensure_user("other").await.unwrap().id;
    let mut tx = store.begin_import(other).await.unwrap();
    let w = tx
        .workouts(&[workout("2024-01-02 07:30:00", "Pull")])
        .await
        .unwrap();
    assert_ne!(w[0].0, ws[0].0);
    assert_eq!(
        tx.insert_sets(
            &[imported(w[0].0, 1, 1, "deadlift", 1.0)],
            SetConflict::ImportKey
        )
        .await
        .unwrap(),
        1
    );
    tx.commit().await.unwrap();
}

/// A batch larger than one statement, then a failure: nothing of the import stays.
pub async fn failed_import_leaves_nothing(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    let mut tx = store.begin_import(u).await.unwrap();
    let w = tx
        .workouts(&[workout("2024-02-01 18:00:00", "Big")])
        .await
        .unwrap()[0]
        .0;
    let many: Vec<ImportSet> = (1..=1000u32)
        .map(|i| ImportSet {
            import_key: Some({
                let mut k = [0u8; 16];
                k[..4].copy_from_slice(&i.to_le_bytes());
                k
            }),
            ..imported(w, i, 0, "plank", 0.0)
        })
        .collect();
    assert_eq!(
        tx.insert_sets(&many, SetConflict::ImportKey).await.unwrap(),
        1000
    );
    // A source name over the database's limit: refused by its CHECK.
    let bad = ImportSet {
        source_name: Some("x".repeat(1001)),
        import_key: Some([7; 16]),
        ..imported(w, 1001, 0, "plank", 0.0)
    };
    let err = tx
        .insert_sets(&[bad], SetConflict::ImportKey)
        .await
        .unwrap_err();
    assert!(err.is_constraint(), "{err}");
    drop(tx);
    assert!(store
        .sets_for(u, None, None, None)
        .await
        .unwrap()
        .is_empty());
    assert!(
        store.workout_dates(u).await.unwrap().is_empty(),
        "the workout went too"
    );
}

/// Warm-ups are stored and marked, and left out of the per-day summaries;
/// a distance-only set is a set.
pub async fn warm_ups_and_distances(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    let mut tx = store.begin_import(u).await.unwrap();
    let w = tx
        .workouts(&[workout("2024-03-01 08:00:00", "Mixed")])
        .await
        .unwrap()[0]
        .0;
    let sets = vec![
        ImportSet {
            kind: SetKind::WarmUp,
            ..imported(w, 1, 1, "deadlift", 60.0)
        },
        ImportSet {
            kind: SetKind::Working,
            ..imported(w, 2, 2, "deadlift", 140.0)
        },
        ImportSet {
            kind: SetKind::Failure,
            ..imported(w, 3, 3, "deadlift", 150.0)
        },
        ImportSet {
            reps: None,
            load_kg: None,
            distance_m: Some(5000.0),
            hold_s: Some(1800),
            ..imported(w, 4, 4, "custom:running", 0.0)
        },
        ImportSet {
            reps: None,
            load_kg: None,
            distance_m: Some(400.0),
            ..imported(w, 5, 5, "custom:running", 0.0)
        },
    ];
    assert_eq!(
        tx.insert_sets(&sets, SetConflict::ImportKey).await.unwrap(),
        5
    );
    tx.commit().await.unwrap();
    let rows = store
        .sets_for(u, Some("deadlift"), None, None)
        .await
        .unwrap();
    assert_eq!(
        rows.iter().map(|r| r.kind).collect::<Vec<_>>(),
        vec![SetKind::WarmUp, SetKind::Working, SetKind::Failure]
    );
    let day = store
        .exercise_day_summaries(u, Some("deadlift"), None, None)
        .await
        .unwrap();
    assert_eq!(
        day.iter().map(|g| g.sets).sum::<i64>(),
        2,
        "the warm-up is not volume"
    );
    assert!(
        day.iter().all(|g| g.max_load_kg.unwrap() >= 140.0),
        "{day:?}"
    );
    let run = store
        .sets_for(u, Some("custom:running"), None, None)
        .await
        .unwrap();
    assert_eq!(
        (run[1].distance_m, run[1].reps, run[1].hold_s),
        (Some(400.0), None, None)
    );
}

/// A mapping re-points the history imported under its key, and is kept for later imports.
pub async fn mappings_repoint_history(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    let mut tx = store.begin_import(u).await.unwrap();
    let w = tx
        .workouts(&[workout("2024-04-01 08:00:00", "Pull")])
        .await
        .unwrap()[0]
        .0;
    let mut a = imported(w, 1, 1, "custom:ringrow", 0.0);
    a.source_key = Some("ringrow".into());
    let mut b = imported(w, 2, 2, "custom:ringrow", 0.0);
    b.source_key = Some("ringrow".into());
    let c = imported(w, 3, 3, "deadlift", 100.0);
    tx.insert_sets(&[a, b, c], SetConflict::ImportKey)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let m = ExerciseMapping {
        source_key: "ringrow".into(),
        name: "Ring Row".into(),
        exercise_id: "inverted-row".into(),
    };
    assert_eq!(store.set_mapping(u, &m).await.unwrap(), 2);
    assert_eq!(
        store.set_mapping(u, &m).await.unwrap(),
        0,
        "nothing left to re-point"
    );
    assert_eq!(
        store
            .sets_for(u, Some("inverted-row"), None, None)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(store
        .sets_for(u, Some("custom:ringrow"), None, None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.sets_by_source_key(u, "ringrow").await.unwrap(),
        vec![("inverted-row".to_string(), 2)]
    );
    let again = ExerciseMapping {
        exercise_id: "machine-row".into(),
        ..m.clone()
    };
    assert_eq!(
        store.set_mapping(u, &again).await.unwrap(),
        2,
        "a new mapping replaces the old"
    );
    assert_eq!(store.mappings(u).await.unwrap(), vec![again]);
    assert!(matches!(
        store
            .set_mapping(
                u,
                &ExerciseMapping {
                    name: String::new(),
                    ..m
                }
            )
            .await,
        Err(StoreError::Invalid { .. })
    ));
}

pub async fn user_exercises_round_trip(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    let e = |id: &str, json: &str| UserExercise {
        exercise_id: id.into(),
        origin: "free-exercise-db".into(),
        exercise_json: json.into(),
    };
    assert_eq!(
        store
            .put_user_exercises(u, &[e("fedb-a", r#"{"id":"fedb-a"}"#), e("fedb-b", "{}")])
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .put_user_exercises(u, &[e("fedb-a", r#"{"id":"fedb-a","v":2}"#)])
            .await
            .unwrap(),
        0
    );
    let got = store.user_exercises(u).await.unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].exercise_json, r#"{"id":"fedb-a","v":2}"#);
    assert!(matches!(
        store.put_user_exercises(u, &[e("fedb-c", "{nope")]).await,
        Err(StoreError::Invalid { .. })
    ));
    assert_eq!(
        store.user_exercises(u).await.unwrap().len(),
        2,
        "nothing of a refused call"
    );
    let other = store.ensure_user("other").await.unwrap().id;
    assert!(store.user_exercises(other).await.unwrap().is_empty());
}

/// Pages of an export come in (date, workout, set) order and resume after
/// their cursor; restoring finds what is there by its creation time.
pub async fn export_pages_and_restore(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    let plan = store
        .save_plan(u, r#"{"p":1}"#, r#"{"weeks":[]}"#, d("2025-01-06"))
        .await
        .unwrap();
    store
        .log_workout(
            u,
            d("2025-01-07"),
            Some(plan),
            Source::Cli,
            &[set("deadlift", 5, 100.0), set("plank", 1, 0.0)],
        )
        .await
        .unwrap();
    let mut tx = store.begin_import(u).await.unwrap();
    let w = tx
        .workouts(&[workout("2024-12-30 09:00:00", "Old")])
        .await
        .unwrap()[0]
        .0;
    tx.insert_sets(
        &[
            imported(w, 1, 1, "deadlift", 90.0),
            imported(w, 2, 2, "deadlift", 92.5),
        ],
        SetConflict::ImportKey,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut all = Vec::new();
    let mut after: Option<ExportCursor> = None;
    loop {
        let page = store.export_sets(u, after, 1).await.unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.cursor());
        all.extend(page);
    }
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].started_at, Some(t("2024-12-30 09:00:00")));
    assert_eq!(all[0].import_key, Some(key(1)));
    assert_eq!(all[0].import_source, Some(ImportSource::Strong));
    assert_eq!(all[2].plan_id, Some(plan));
    assert_eq!(all[3].exercise_id, "plank");
    assert_eq!(store.plans(u).await.unwrap().len(), 1);

    // Restore into another user: plan, native workout (by created_at) and
    // imported sets (by key); a second restore finds them all.
    let v = store.ensure_user("restored").await.unwrap().id;
    let stored = store.plans(u).await.unwrap().remove(0);
    for round in 0..2 {
        let mut tx = store.begin_import(v).await.unwrap();
        let created = upright_store::time_text(stored.created_at);
        let (p, present) = tx
            .restore_plan(&RestorePlan {
                profile_json: &stored.profile_json,
                plan_json: &stored.plan_json,
                start_date: stored.start_date,
                created_at: &created,
                active: true,
                revision: 0,
            })
            .await
            .unwrap();
        assert_eq!(present, round == 1);
        let native = &all[2];
        let (nw, there) = tx
            .native_workout(native.date, &native.created_at, native.source, Some(p))
            .await
            .unwrap();
        assert_eq!(there, round == 1);
        let sets: Vec<ImportSet> = all[2..]
            .iter()
            .map(|r| ImportSet {
                workout_id: nw,
                set_index: r.set_index,
                exercise_id: r.exercise_id.clone(),
                reps: r.reps,
                load_kg: r.load_kg,
                ..Default::default()
            })
            .collect();
        assert_eq!(
            tx.insert_sets(&sets, SetConflict::Position).await.unwrap(),
            if round == 0 { 2 } else { 0 }
        );
        let iw = tx
            .workouts(&[workout("2024-12-30 09:00:00", "Old")])
            .await
            .unwrap()[0];
        let sets: Vec<ImportSet> = all[..2]
            .iter()
            .enumerate()
            .map(|(i, r)| ImportSet {
                import_key: r.import_key,
                ..imported(
                    iw.0,
                    iw.1 + 1 + i as u32,
                    0,
                    &r.exercise_id,
                    r.load_kg.unwrap(),
                )
            })
            .collect();
        assert_eq!(
            tx.insert_sets(&sets, SetConflict::ImportKey).await.unwrap(),
            if round == 0 { 2 } else { 0 }
        );
        assert!(tx.restore_exclusion("good-morning").await.unwrap() == (round == 0));
        tx.commit().await.unwrap();
    }
    assert_eq!(store.sets_for(v, None, None, None).await.unwrap().len(), 4);
    assert!(store.active_plan(v).await.unwrap().unwrap().active);
}
