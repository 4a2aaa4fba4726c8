//! `workouts_page` (the web's logs list) on both databases: one joined query
//! gives each workout of the page with exactly its own sets, in order, the
//! same as reading them one by one, and never another person's.

use super::*;
use upright_store::WorkoutId;

pub async fn logs_page_matches_one_by_one_reads(store: &Store) {
    let ann = store.ensure_user("web:ann").await.unwrap().id;
    let bob = store.ensure_user("web:bob").await.unwrap().id;
    let mut mine = Vec::new();
    for i in 0..6u32 {
        // 1 to 3 sets each, Bob's workouts in between (ids interleave).
        let sets: Vec<NewSet> = (0..(i % 3 + 1))
            .map(|k| set("deadlift", 5 + k, 100.0 + f64::from(i)))
            .collect();
        let date = d("2026-01-05") + chrono::Days::new(u64::from(i));
        mine.push(
            store
                .log_workout(ann, date, None, Source::Web, &sets)
                .await
                .unwrap(),
        );
        store
            .log_workout(bob, date, None, Source::Web, &[set("squat", 3, 80.0)])
            .await
            .unwrap();
    }
    assert!(store.delete_workout(ann, mine[3]).await.unwrap());

    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = store.workouts_page(ann, before, 2).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        for w in &page {
            let alone = store
                .workout(ann, w.id)
                .await
                .unwrap()
                .expect("listed, so it is there");
            assert_eq!(
                w, &alone,
                "the page's workout {:?} is the one read alone",
                w.id
            );
            assert!(
                w.sets
                    .iter()
                    .all(|s| s.workout_id == w.id && s.exercise_id == "deadlift"),
                "{w:?}"
            );
            assert!(
                w.sets.windows(2).all(|p| p[0].set_index < p[1].set_index),
                "sets in order: {w:?}"
            );
        }
        seen.extend(page.iter().map(|w| w.id));
        before = page.last().map(|w| w.id);
    }
    let want: Vec<WorkoutId> = mine
        .iter()
        .rev()
        .copied()
        .filter(|id| *id != mine[3])
        .collect();
    assert_eq!(
        seen, want,
        "newest first, the deleted one gone, none of Bob's"
    );
    let sets: Vec<usize> = store
        .workouts_page(ann, None, 500)
        .await
        .unwrap()
        .iter()
        .map(|w| w.sets.len())
        .collect();
    assert_eq!(
        sets,
        vec![3, 2, 3, 2, 1],
        "each workout with all its own sets"
    );
    for bad in [0, 501] {
        assert!(
            store.workouts_page(ann, None, bad).await.is_err(),
            "limit {bad}"
        );
    }
}
