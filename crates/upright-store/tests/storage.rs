//! One storage test suite, run against SQLite (a temp file) and PostgreSQL.
//!
//! The PostgreSQL half needs `UPRIGHT_TEST_POSTGRES_URL` (a server where the
//! user may `CREATE DATABASE`; `scripts/with-postgres.sh` starts a throwaway
//! one). Without it those tests print a note and pass, unless
//! `UPRIGHT_REQUIRE_POSTGRES=1`, where they fail. Every test gets its own
//! fresh database, so they run in parallel.
//!
//! `crash` and `processes` spawn this test binary as a child writer
//! (`child::writer`, a no-op unless `UPRIGHT_STORE_CHILD_DB` is set).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use upright_store::{
    Backend, ChangeKind, NewSet, PainEntry, PainTiming, PlanChange, PlanEdit, Source, Store,
    StoreError, Unit, UserId,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn set(exercise: &str, reps: u32, load: f64) -> NewSet {
    NewSet {
        exercise_id: exercise.into(),
        reps: Some(reps),
        load_kg: Some(load),
        ..Default::default()
    }
}

#[macro_use]
mod harness;

on_both_databases!(
    store: [
        users_round_trip,
        plans_round_trip,
        one_active_plan_per_user,
        replace_active_plan,
        workout_with_plan_edit_is_one_transaction,
        exclusions_round_trip,
        workouts_and_sets_round_trip,
        sets_filters_and_order,
        max_reps_unassisted_skips_assisted_sets_and_other_exercises,
        dates_with_only_the_named_exercises,
        exercise_day_summaries_group_and_filter,
        summaries_follow_keyed_logs_and_deletes,
        summaries_in_parts_agree_with_the_sets,
        pain_round_trip,
        users_are_isolated,
        check_rejects_pain_score_11,
        failing_multi_set_write_leaves_nothing,
        invalid_values_rejected_before_sql,
        unknown_user,
        assessments_round_trip,
        assessment_writes_are_all_or_nothing,
        imports_skip_what_is_there,
        failed_import_leaves_nothing,
        warm_ups_and_distances,
        mappings_repoint_history,
        user_exercises_round_trip,
        export_pages_and_restore,
        calendar_subscriptions_replace_and_revoke,
        calendar_subscriptions_check_input,
        logs_page_matches_one_by_one_reads,
    ],
    url: [migrations_idempotent, concurrent_writers_two_pools, summaries_agree_with_the_sets]
);

#[path = "storage_parts/assessments.rs"]
mod assessments;
#[path = "storage_parts/imports.rs"]
mod imports_suite;
#[path = "storage_parts/logs_page.rs"]
mod logs_page;
#[path = "storage_parts/subscriptions.rs"]
mod subscriptions;

mod suite {
    pub use super::assessments::*;
    pub use super::imports_suite::*;
    pub use super::logs_page::*;
    pub use super::subscriptions::*;
    use super::*;

    pub async fn users_round_trip(store: &Store) {
        let local = store.local_user().await.unwrap();
        assert_eq!(local.handle, "local");
        assert_eq!(local.display_name, "local");
        assert_eq!(local.unit, Unit::Kg);
        assert_eq!(
            store.local_user().await.unwrap(),
            local,
            "ensure_user is idempotent"
        );
        store.set_unit(local.id, Unit::Lb).await.unwrap();
        store.set_display_name(local.id, "Ada L.").await.unwrap();
        let again = store.user(local.id).await.unwrap().unwrap();
        assert_eq!(
            (again.unit, again.display_name.as_str()),
            (Unit::Lb, "Ada L.")
        );
        assert_eq!(again.created_at, local.created_at);
        let other = store.ensure_user("coach-élodie").await.unwrap();
        assert_ne!(other.id, local.id);
        assert_eq!(
            store.user_by_handle("coach-élodie").await.unwrap(),
            Some(other)
        );
        assert_eq!(store.user_by_handle("nobody").await.unwrap(), None);
    }

    pub async fn plans_round_trip(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        assert!(store.active_plan(u).await.unwrap().is_none());
        // Byte for byte: key order and spacing are the caller's.
        let profile = r#"{"goals": ["posture"], "level":"beginner"}"#;
        let plan = r#"{"status":"plan","weeks":[{"week":1}],"b":1,"a":2}"#;
        let id = store
            .save_plan(u, profile, plan, d("2025-03-03"))
            .await
            .unwrap();
        let got = store.active_plan(u).await.unwrap().unwrap();
        assert_eq!(got.id, id);
        assert_eq!(got.profile_json, profile);
        assert_eq!(got.plan_json, plan);
        assert_eq!(got.start_date, d("2025-03-03"));
        assert!(got.active);
        assert!((chrono::Utc::now() - got.created_at).num_seconds().abs() < 60);
        assert_eq!(store.plan(u, id).await.unwrap(), Some(got));
    }

    pub async fn one_active_plan_per_user(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let first = store
            .save_plan(u, "{}", r#"{"n":1}"#, d("2025-01-06"))
            .await
            .unwrap();
        let second = store
            .save_plan(u, "{}", r#"{"n":2}"#, d("2025-02-03"))
            .await
            .unwrap();
        assert_eq!(store.active_plan(u).await.unwrap().unwrap().id, second);
        let old = store.plan(u, first).await.unwrap().unwrap();
        assert!(!old.active, "the previous plan is kept, inactive");
        assert_eq!(old.plan_json, r#"{"n":1}"#);

        // Concurrent saves for one user: all succeed, exactly one is active.
        let mut tasks = Vec::new();
        for i in 0..12 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .save_plan(u, "{}", &format!(r#"{{"n":{i}}}"#), d("2025-03-03"))
                    .await
                    .unwrap()
            }));
        }
        let mut ids = vec![first, second];
        for t in tasks {
            ids.push(t.await.unwrap());
        }
        let active = store.active_plan(u).await.unwrap().unwrap().id;
        let mut n_active = 0;
        for id in &ids {
            let p = store.plan(u, *id).await.unwrap().unwrap();
            if p.active {
                n_active += 1;
                assert_eq!(*id, active);
            }
        }
        assert_eq!(n_active, 1);
    }

    pub async fn replace_active_plan(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let old = store
            .save_plan(u, "{}", r#"{"v":0}"#, d("2025-01-06"))
            .await
            .unwrap();
        let plan = store
            .save_plan(u, "{}", r#"{"v":1}"#, d("2025-01-06"))
            .await
            .unwrap();
        let swap = PlanChange {
            date: d("2025-01-08"),
            kind: ChangeKind::Swap,
            from_exercise: "deadlift".into(),
            to_exercise: Some("back-extension".into()),
        };
        store
            .replace_active_plan_json(u, plan, 0, r#"{"v":2}"#, &swap)
            .await
            .unwrap();
        let exclude = PlanChange {
            date: d("2025-01-09"),
            kind: ChangeKind::Exclude,
            from_exercise: "good-morning".into(),
            to_exercise: None,
        };
        // An edit made from a stale read (revision 0, the plan is at 1) is
        // refused and writes nothing: a racing edit is not overwritten.
        let err = store
            .replace_active_plan_json(u, plan, 0, r#"{"v":3}"#, &exclude)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::StaleRevision { expected: 0, .. }),
            "{err}"
        );
        assert_eq!(store.plan_changes(u, plan).await.unwrap().len(), 1);
        assert!(store.exclusions(u).await.unwrap().is_empty());
        let rev = store
            .replace_active_plan_json(u, plan, 1, r#"{"v":3}"#, &exclude)
            .await
            .unwrap();
        assert_eq!(rev, 2);
        let active = store.active_plan(u).await.unwrap().unwrap();
        assert_eq!(active.plan_json, r#"{"v":3}"#);
        assert_eq!(active.revision, 2);
        let history = store.plan_changes(u, plan).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].change, swap);
        assert_eq!(history[1].change, exclude);
        assert!(history.iter().all(|h| h.plan_id == plan));
        assert_eq!(
            store.exclusions(u).await.unwrap(),
            vec!["good-morning".to_string()]
        );

        // A stale (inactive) plan id: refused, nothing written.
        let err = store
            .replace_active_plan_json(u, old, 0, r#"{"v":9}"#, &swap)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotActivePlan { .. }), "{err}");
        assert_eq!(
            store.plan(u, old).await.unwrap().unwrap().plan_json,
            r#"{"v":0}"#
        );
        assert!(store.plan_changes(u, old).await.unwrap().is_empty());
        // A swap without a target is refused before SQL.
        let bad = PlanChange {
            to_exercise: None,
            ..swap
        };
        assert!(matches!(
            store.replace_active_plan_json(u, plan, 2, "{}", &bad).await,
            Err(StoreError::Invalid { .. })
        ));
        assert_eq!(store.plan_changes(u, plan).await.unwrap().len(), 2);
    }

    /// A workout that graduates an exercise writes the workout, the new plan
    /// document and the `graduate` change together, or nothing at all.
    pub async fn workout_with_plan_edit_is_one_transaction(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let plan = store
            .save_plan(u, "{}", r#"{"v":0}"#, d("2025-01-06"))
            .await
            .unwrap();
        let graduate = PlanChange {
            date: d("2025-01-08"),
            kind: ChangeKind::Graduate,
            from_exercise: "negative-pull-up".into(),
            to_exercise: Some("chin-up".into()),
        };
        let sets = [NewSet {
            exercise_id: "chin-up".into(),
            reps: Some(2),
            ..Default::default()
        }];
        let edit = |revision, json| PlanEdit {
            plan,
            revision,
            plan_json: json,
            change: &graduate,
        };
        store
            .log_workout_with_edit(
                u,
                d("2025-01-08"),
                Some(plan),
                Source::Cli,
                &sets,
                Some(edit(0, r#"{"v":1}"#)),
            )
            .await
            .unwrap();
        let active = store.active_plan(u).await.unwrap().unwrap();
        assert_eq!(
            (active.plan_json.as_str(), active.revision),
            (r#"{"v":1}"#, 1)
        );
        assert_eq!(
            store.plan_changes(u, plan).await.unwrap()[0].change,
            graduate
        );
        assert_eq!(store.sets_for(u, None, None, None).await.unwrap().len(), 1);
        // A stale edit fails the whole write: no workout, no change.
        let err = store
            .log_workout_with_edit(
                u,
                d("2025-01-10"),
                Some(plan),
                Source::Cli,
                &sets,
                Some(edit(0, r#"{"v":2}"#)),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::StaleRevision { .. }), "{err}");
        assert_eq!(store.sets_for(u, None, None, None).await.unwrap().len(), 1);
        assert_eq!(store.plan_changes(u, plan).await.unwrap().len(), 1);
        assert_eq!(
            store.active_plan(u).await.unwrap().unwrap().plan_json,
            r#"{"v":1}"#
        );
        // A regression needs the exercise it goes to, checked before SQL.
        let bad = PlanChange {
            kind: ChangeKind::Regress,
            to_exercise: None,
            ..graduate.clone()
        };
        let e = PlanEdit {
            plan,
            revision: 1,
            plan_json: "{}",
            change: &bad,
        };
        assert!(matches!(
            store
                .log_workout_with_edit(u, d("2025-01-10"), Some(plan), Source::Cli, &sets, Some(e))
                .await,
            Err(StoreError::Invalid { .. })
        ));
        assert_eq!(store.sets_for(u, None, None, None).await.unwrap().len(), 1);
    }

    pub async fn exclusions_round_trip(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        assert!(store.exclusions(u).await.unwrap().is_empty());
        assert!(store.add_exclusion(u, "pull-up").await.unwrap());
        assert!(store.add_exclusion(u, "deadlift").await.unwrap());
        assert!(
            !store.add_exclusion(u, "pull-up").await.unwrap(),
            "idempotent"
        );
        assert_eq!(
            store.exclusions(u).await.unwrap(),
            vec!["deadlift", "pull-up"]
        );
        assert!(store.remove_exclusion(u, "deadlift").await.unwrap());
        assert!(!store.remove_exclusion(u, "deadlift").await.unwrap());
        assert_eq!(store.exclusions(u).await.unwrap(), vec!["pull-up"]);
    }

    pub async fn workouts_and_sets_round_trip(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let plan = store
            .save_plan(u, "{}", "{}", d("2025-01-06"))
            .await
            .unwrap();
        let sets = vec![
            set("deadlift", 5, 102.5),
            NewSet {
                exercise_id: "plank".into(),
                reps: None,
                load_kg: None,
                hold_s: Some(45),
                rpe: Some(7.5),
                note: Some("felt solid — ✓".into()),
            },
            NewSet {
                exercise_id: "assisted-pull-up".into(),
                reps: Some(8),
                load_kg: Some(-20.0),
                hold_s: None,
                rpe: Some(8.0),
                note: None,
            },
        ];
        let w = store
            .log_workout(u, d("2025-01-07"), Some(plan), Source::Cli, &sets)
            .await
            .unwrap();
        let rows = store.sets_for(u, None, None, None).await.unwrap();
        assert_eq!(rows.len(), 3);
        for (i, (row, s)) in rows.iter().zip(&sets).enumerate() {
            assert_eq!(row.date, d("2025-01-07"));
            assert_eq!(row.workout_id, w);
            assert_eq!(row.set_index, i as u32 + 1);
            assert_eq!(row.exercise_id, s.exercise_id);
            assert_eq!((row.reps, row.hold_s), (s.reps, s.hold_s));
            assert_eq!((row.load_kg, row.rpe), (s.load_kg, s.rpe));
            assert_eq!(row.note, s.note);
        }
        let w2 = store
            .log_workout(
                u,
                d("2025-01-09"),
                None,
                Source::Import,
                &[set("plank", 1, 0.0)],
            )
            .await
            .unwrap();
        assert!(w2 > w);
        store
            .log_workout(
                u,
                d("2025-01-09"),
                None,
                Source::Web,
                &[set("plank", 1, 0.0)],
            )
            .await
            .unwrap();
        assert_eq!(
            store.workout_dates(u).await.unwrap(),
            vec![d("2025-01-07"), d("2025-01-09")]
        );
        // Between two days: the last date before the first leads, so the
        // last workout before it is still known; the second ends it.
        for (from, to, want) in [
            ("2025-01-01", None, vec![d("2025-01-07"), d("2025-01-09")]),
            ("2025-01-08", None, vec![d("2025-01-07"), d("2025-01-09")]),
            ("2025-01-09", None, vec![d("2025-01-07"), d("2025-01-09")]),
            ("2025-01-10", None, vec![d("2025-01-09")]),
            ("2025-01-01", Some("2025-01-08"), vec![d("2025-01-07")]),
            ("2025-01-08", Some("2025-01-08"), vec![d("2025-01-07")]),
            ("2025-01-07", Some("2025-01-07"), vec![d("2025-01-07")]),
            ("2025-01-01", Some("2025-01-05"), vec![]),
        ] {
            assert_eq!(
                store
                    .workout_dates_between(u, Some(d(from)), to.map(d))
                    .await
                    .unwrap(),
                want,
                "from {from} to {to:?}"
            );
        }
    }

    /// Keyed logs (the web's) and deleted workouts keep the month summaries
    /// equal to what the sets say.
    pub async fn summaries_follow_keyed_logs_and_deletes(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let set = |reps: u32, kg: f64| NewSet {
            exercise_id: "deadlift".into(),
            reps: Some(reps),
            load_kg: Some(kg),
            ..Default::default()
        };
        let agree = || async {
            assert_eq!(
                store
                    .exercise_day_summaries(u, None, None, None)
                    .await
                    .unwrap(),
                store
                    .exercise_day_summaries_from_sets(u, None, None, None)
                    .await
                    .unwrap()
            );
        };
        let first = store
            .log_workout(u, d("2025-03-03"), None, Source::Cli, &[set(5, 100.0)])
            .await
            .unwrap();
        let (_, written) = store
            .log_workout_keyed(
                u,
                "k-1",
                d("2025-03-05"),
                None,
                Source::Web,
                &[set(5, 102.5), set(5, 102.5)],
            )
            .await
            .unwrap();
        assert!(written);
        agree().await;
        assert_eq!(
            store
                .exercise_day_summaries(u, None, None, None)
                .await
                .unwrap()
                .len(),
            2
        );
        assert!(store.delete_workout(u, first).await.unwrap());
        agree().await;
        assert_eq!(
            store
                .exercise_day_summaries(u, None, None, None)
                .await
                .unwrap()
                .len(),
            1
        );
        store
            .log_workout(u, d("2025-03-07"), None, Source::Cli, &[set(3, 110.0)])
            .await
            .unwrap();
        agree().await;
        assert_eq!(
            store
                .exercise_day_summaries(u, None, None, None)
                .await
                .unwrap()
                .len(),
            2
        );
    }

    /// A month logged workout by workout is kept in parts that merge as
    /// they grow; whatever the parts, reads give the groups of the sets, in
    /// order: workouts of every size, days out of order in the month,
    /// another month in between (which closes the open one), and keyed
    /// logs racing in batches.
    pub async fn summaries_in_parts_agree_with_the_sets(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let agree = |from: Option<NaiveDate>, to: Option<NaiveDate>, ex: Option<&'static str>| async move {
            let parts = store.exercise_day_summaries(u, ex, from, to).await.unwrap();
            let sets = store
                .exercise_day_summaries_from_sets(u, ex, from, to)
                .await
                .unwrap();
            assert_eq!(parts, sets, "from {from:?} to {to:?} exercise {ex:?}");
            parts.len()
        };
        // The first log builds the summaries from the sets.
        store
            .log_workout(
                u,
                d("2025-04-30"),
                None,
                Source::Cli,
                &[set("squat", 5, 80.0)],
            )
            .await
            .unwrap();
        for i in 0..70u32 {
            // 1 to 7 groups a workout, sizes up and down.
            let n = 1 + (i * 5 % 7);
            let sets: Vec<NewSet> = (0..n)
                .map(|k| {
                    set(
                        ["deadlift", "squat", "row"][(k % 3) as usize],
                        3 + k,
                        60.0 + f64::from(i),
                    )
                })
                .collect();
            let day = d(&format!("2025-05-{:02}", 1 + (i * 11) % 31));
            store
                .log_workout(u, day, None, Source::Cli, &sets)
                .await
                .unwrap();
            if i % 9 == 0 {
                agree(None, None, None).await;
            }
            if i == 40 {
                // Another month: May is merged into one part meanwhile.
                store
                    .log_workout(
                        u,
                        d("2025-06-02"),
                        None,
                        Source::Cli,
                        &[set("row", 8, 50.0)],
                    )
                    .await
                    .unwrap();
                agree(None, None, None).await;
            }
        }
        let mut tasks = Vec::new();
        for i in 0..40u32 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .log_workout_keyed(
                        u,
                        &format!("part-{i}"),
                        d("2025-05-20"),
                        None,
                        Source::Web,
                        &[set("deadlift", 1 + i % 4, 100.0)],
                    )
                    .await
                    .unwrap()
            }));
        }
        let mut written = Vec::new();
        for t in tasks {
            written.push(t.await.unwrap());
        }
        assert!(written.iter().all(|(_, w)| *w));
        let all = agree(None, None, None).await;
        assert!(all > 200, "{all} groups");
        agree(Some(d("2025-05-10")), Some(d("2025-05-20")), None).await;
        agree(None, Some(d("2025-05-31")), Some("deadlift")).await;
        agree(Some(d("2025-06-01")), None, None).await;
    }

    pub async fn exercise_day_summaries_group_and_filter(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let other = store.ensure_user("other").await.unwrap().id;
        let rpe = |mut s: NewSet, r: f64| {
            s.rpe = Some(r);
            s
        };
        let hold = NewSet {
            exercise_id: "plank".into(),
            hold_s: Some(30),
            ..Default::default()
        };
        let unloaded = NewSet {
            exercise_id: "deadlift".into(),
            reps: Some(5),
            ..Default::default()
        };
        store
            .log_workout(
                u,
                d("2025-02-10"),
                None,
                Source::Cli,
                &[
                    rpe(set("deadlift", 5, 110.0), 8.0),
                    hold.clone(),
                    rpe(set("deadlift", 5, 112.5), 8.0),
                    rpe(set("deadlift", 5, 90.0), 7.5),
                    set("deadlift", 3, 100.0),
                    unloaded.clone(),
                    hold.clone(),
                ],
            )
            .await
            .unwrap();
        store
            .log_workout(
                u,
                d("2025-02-01"),
                None,
                Source::Cli,
                &[set("deadlift", 5, 100.0)],
            )
            .await
            .unwrap();
        store
            .log_workout(
                u,
                d("2025-02-10"),
                None,
                Source::Cli,
                &[set("deadlift", 3, 115.0)],
            )
            .await
            .unwrap();
        store
            .log_workout(
                other,
                d("2025-02-10"),
                None,
                Source::Cli,
                &[set("deadlift", 3, 200.0)],
            )
            .await
            .unwrap();

        type Key = (NaiveDate, String, Option<u32>, Option<String>);
        let key = |g: &upright_store::DaySummary| -> Key {
            (
                g.date,
                g.exercise_id.clone(),
                g.reps,
                g.rpe.map(|r| r.to_string()),
            )
        };
        let all = store
            .exercise_day_summaries(u, None, None, None)
            .await
            .unwrap();
        // Date order; one day's groups may come from several workouts.
        assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
        let k = |date: &str, ex: &str, reps: Option<u32>, rpe: Option<&str>| -> Key {
            (d(date), ex.to_string(), reps, rpe.map(str::to_string))
        };
        let want: BTreeMap<Key, (i64, Option<f64>)> = [
            (k("2025-02-01", "deadlift", Some(5), None), (1, Some(100.0))),
            (
                k("2025-02-10", "deadlift", Some(5), Some("8")),
                (2, Some(112.5)),
            ),
            (
                k("2025-02-10", "deadlift", Some(5), Some("7.5")),
                (1, Some(90.0)),
            ),
            (k("2025-02-10", "deadlift", Some(5), None), (1, None)),
            (k("2025-02-10", "deadlift", Some(3), None), (2, Some(115.0))),
            (k("2025-02-10", "plank", None, None), (2, None)),
        ]
        .into_iter()
        .collect();
        // The two workouts of 2025-02-10 each give their own (3, None) group.
        let mut merged: BTreeMap<Key, (i64, Option<f64>)> = BTreeMap::new();
        for g in &all {
            let e = merged.entry(key(g)).or_insert((0, None));
            e.0 += g.sets;
            e.1 = match (e.1, g.max_load_kg) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
        assert_eq!(merged, want, "{all:?}");
        assert_eq!(all.len(), 7, "{all:?}");
        assert_eq!(all.iter().map(|g| g.sets).sum::<i64>(), 9);
        // Filters: exercise and date range, both ends inclusive.
        let dl = store
            .exercise_day_summaries(
                u,
                Some("deadlift"),
                Some(d("2025-02-10")),
                Some(d("2025-02-10")),
            )
            .await
            .unwrap();
        assert!(dl
            .iter()
            .all(|g| g.exercise_id == "deadlift" && g.date == d("2025-02-10")));
        assert_eq!(dl.iter().map(|g| g.sets).sum::<i64>(), 6);
        let early = store
            .exercise_day_summaries(u, None, None, Some(d("2025-02-09")))
            .await
            .unwrap();
        assert_eq!(early.len(), 1);
        assert!(store
            .exercise_day_summaries(u, Some("squat"), None, None)
            .await
            .unwrap()
            .is_empty());
        let theirs = store
            .exercise_day_summaries(other, None, None, None)
            .await
            .unwrap();
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0].max_load_kg, Some(200.0));
    }

    pub async fn sets_filters_and_order(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        // Logged out of date order; read back by date, workout, set_index.
        let w_late = store
            .log_workout(
                u,
                d("2025-02-10"),
                None,
                Source::Cli,
                &[
                    set("deadlift", 5, 110.0),
                    set("pull-up", 6, 0.0),
                    set("deadlift", 4, 110.0),
                ],
            )
            .await
            .unwrap();
        let w_early = store
            .log_workout(
                u,
                d("2025-02-01"),
                None,
                Source::Cli,
                &[set("deadlift", 5, 100.0)],
            )
            .await
            .unwrap();
        let w_same_day = store
            .log_workout(
                u,
                d("2025-02-10"),
                None,
                Source::Cli,
                &[set("deadlift", 3, 115.0)],
            )
            .await
            .unwrap();
        let key = |r: &upright_store::SetRow| (r.date, r.workout_id, r.set_index);
        let all = store.sets_for(u, None, None, None).await.unwrap();
        assert_eq!(
            all.iter().map(key).collect::<Vec<_>>(),
            vec![
                (d("2025-02-01"), w_early, 1),
                (d("2025-02-10"), w_late, 1),
                (d("2025-02-10"), w_late, 2),
                (d("2025-02-10"), w_late, 3),
                (d("2025-02-10"), w_same_day, 1),
            ]
        );
        let dl = store
            .sets_for(u, Some("deadlift"), None, None)
            .await
            .unwrap();
        assert_eq!(dl.len(), 4);
        assert!(dl.iter().all(|r| r.exercise_id == "deadlift"));
        let from = store
            .sets_for(u, None, Some(d("2025-02-10")), None)
            .await
            .unwrap();
        assert_eq!(from.len(), 4, "from is inclusive");
        let to = store
            .sets_for(u, None, None, Some(d("2025-02-01")))
            .await
            .unwrap();
        assert_eq!(to.len(), 1, "to is inclusive");
        let both = store
            .sets_for(
                u,
                Some("pull-up"),
                Some(d("2025-02-02")),
                Some(d("2025-02-10")),
            )
            .await
            .unwrap();
        assert_eq!(both.len(), 1);
        assert_eq!((both[0].workout_id, both[0].set_index), (w_late, 2));
        assert!(store
            .sets_for(u, Some("squat"), None, None)
            .await
            .unwrap()
            .is_empty());
    }

    /// The days on which nothing but the named exercises was logged.
    pub async fn dates_with_only_the_named_exercises(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let set = |id: &str| NewSet {
            exercise_id: id.into(),
            reps: Some(5),
            load_kg: None,
            hold_s: None,
            rpe: None,
            note: None,
        };
        for (date, ids) in [
            ("2025-02-03", &["bird-dog", "curl-up", "goblet-squat"][..]),
            ("2025-02-04", &["bird-dog", "curl-up"][..]),
            ("2025-02-05", &["goblet-squat"][..]),
            ("2025-02-06", &["curl-up"][..]),
        ] {
            let sets: Vec<NewSet> = ids.iter().map(|id| set(id)).collect();
            store
                .log_workout(u, d(date), None, Source::Cli, &sets)
                .await
                .unwrap();
        }
        // A second workout on the 6th with something else in it.
        store
            .log_workout(u, d("2025-02-06"), None, Source::Cli, &[set("deadlift")])
            .await
            .unwrap();
        let big3 = ["bird-dog", "curl-up", "side-plank"];
        let got = |from, to| store.dates_with_only(u, &big3, d(from), d(to));
        assert_eq!(
            got("2025-02-01", "2025-02-28").await.unwrap(),
            vec![d("2025-02-04")]
        );
        assert!(got("2025-02-05", "2025-02-28").await.unwrap().is_empty());
        assert!(store
            .dates_with_only(u, &[], d("2025-02-01"), d("2025-02-28"))
            .await
            .unwrap()
            .is_empty());
    }

    /// T-PULLUP's proof from the logs: strict sets of the named exercises
    /// only (an assisted set has a negative load).
    pub async fn max_reps_unassisted_skips_assisted_sets_and_other_exercises(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let both = ["pull-up", "chin-up"];
        assert_eq!(store.max_reps_unassisted(u, &both).await.unwrap(), None);
        let set = |id: &str, reps: u32, load: Option<f64>| NewSet {
            exercise_id: id.into(),
            reps: Some(reps),
            load_kg: load,
            hold_s: None,
            rpe: None,
            note: None,
        };
        let sets = [
            set("pull-up", 4, None),
            set("pull-up", 9, Some(-20.0)),
            set("chin-up", 3, Some(0.0)),
            set("lat-pulldown", 12, Some(40.0)),
        ];
        store
            .log_workout(u, d("2025-02-03"), None, Source::Cli, &sets)
            .await
            .unwrap();
        assert_eq!(store.max_reps_unassisted(u, &both).await.unwrap(), Some(4));
        assert_eq!(
            store.max_reps_unassisted(u, &["chin-up"]).await.unwrap(),
            Some(3)
        );
        store
            .log_workout(
                u,
                d("2025-02-05"),
                None,
                Source::Cli,
                &[set("pull-up", 6, Some(10.0))],
            )
            .await
            .unwrap();
        assert_eq!(store.max_reps_unassisted(u, &both).await.unwrap(), Some(6));
        assert_eq!(store.max_reps_unassisted(u, &[]).await.unwrap(), None);
    }

    pub async fn pain_round_trip(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let entries = [
            PainEntry {
                date: d("2025-01-08"),
                score: 3,
                timing: PainTiming::NextMorning,
                note: None,
            },
            PainEntry {
                date: d("2025-01-07"),
                score: 0,
                timing: PainTiming::During,
                note: None,
            },
            PainEntry {
                date: d("2025-01-07"),
                score: 10,
                timing: PainTiming::During,
                note: Some("sharp, stopped".into()),
            },
        ];
        let mut ids = Vec::new();
        for e in &entries {
            ids.push(store.log_pain(u, e).await.unwrap());
        }
        let got = store.pain_entries(u, None, None).await.unwrap();
        let got_entries: Vec<_> = got.iter().map(|r| r.entry.clone()).collect();
        assert_eq!(
            got_entries,
            vec![entries[1].clone(), entries[2].clone(), entries[0].clone()]
        );
        assert_eq!(
            got.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![ids[1], ids[2], ids[0]]
        );
        let range = store
            .pain_entries(u, Some(d("2025-01-08")), Some(d("2025-01-08")))
            .await
            .unwrap();
        assert_eq!(range.len(), 1);
        assert_eq!(range[0].entry, entries[0]);
    }

    pub async fn users_are_isolated(store: &Store) {
        let a = store.ensure_user("alice").await.unwrap().id;
        let b = store.ensure_user("bob").await.unwrap().id;
        let plan_a = store
            .save_plan(a, r#"{"who":"a"}"#, r#"{"who":"a"}"#, d("2025-01-06"))
            .await
            .unwrap();
        store
            .log_workout(
                a,
                d("2025-01-07"),
                Some(plan_a),
                Source::Cli,
                &[set("deadlift", 5, 100.0)],
            )
            .await
            .unwrap();
        store
            .log_pain(
                a,
                &PainEntry {
                    date: d("2025-01-07"),
                    score: 2,
                    timing: PainTiming::During,
                    note: None,
                },
            )
            .await
            .unwrap();
        store.add_exclusion(a, "pull-up").await.unwrap();

        assert!(store.active_plan(b).await.unwrap().is_none());
        assert!(store.plan(b, plan_a).await.unwrap().is_none());
        assert!(store
            .sets_for(b, None, None, None)
            .await
            .unwrap()
            .is_empty());
        assert!(store.pain_entries(b, None, None).await.unwrap().is_empty());
        assert!(store.exclusions(b).await.unwrap().is_empty());
        assert!(store.workout_dates(b).await.unwrap().is_empty());

        // B saving a plan leaves A's active plan alone.
        let plan_b = store
            .save_plan(b, "{}", r#"{"who":"b"}"#, d("2025-01-06"))
            .await
            .unwrap();
        assert_eq!(store.active_plan(a).await.unwrap().unwrap().id, plan_a);
        assert_eq!(store.active_plan(b).await.unwrap().unwrap().id, plan_b);

        // B cannot touch A's plan, nor log a workout against it.
        let change = PlanChange {
            date: d("2025-01-08"),
            kind: ChangeKind::Exclude,
            from_exercise: "deadlift".into(),
            to_exercise: None,
        };
        let err = store
            .replace_active_plan_json(b, plan_a, 0, "{}", &change)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotActivePlan { .. }), "{err}");
        assert_eq!(
            store.active_plan(a).await.unwrap().unwrap().plan_json,
            r#"{"who":"a"}"#
        );
        let err = store
            .log_workout(
                b,
                d("2025-01-08"),
                Some(plan_a),
                Source::Web,
                &[set("deadlift", 1, 1.0)],
            )
            .await
            .unwrap_err();
        assert!(err.is_constraint(), "{err}");
        assert!(store
            .sets_for(b, None, None, None)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(store.sets_for(a, None, None, None).await.unwrap().len(), 1);
    }

    pub async fn check_rejects_pain_score_11(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let bad = PainEntry {
            date: d("2025-01-07"),
            score: 11,
            timing: PainTiming::During,
            note: None,
        };
        let err = store.log_pain(u, &bad).await.unwrap_err();
        assert!(err.is_constraint(), "CHECK must refuse score 11: {err}");
        assert!(
            store.pain_entries(u, None, None).await.unwrap().is_empty(),
            "nothing written"
        );
        // The store is still usable afterwards (the failed tx was rolled back).
        let ok = PainEntry { score: 10, ..bad };
        store.log_pain(u, &ok).await.unwrap();
        assert_eq!(store.pain_entries(u, None, None).await.unwrap().len(), 1);
    }

    pub async fn failing_multi_set_write_leaves_nothing(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let sets = [
            set("deadlift", 5, 100.0),
            set("deadlift", 5, 100.0),
            NewSet {
                rpe: Some(11.0),
                ..set("deadlift", 5, 100.0)
            }, // CHECK rpe <= 10
        ];
        let err = store
            .log_workout(u, d("2025-01-07"), None, Source::Cli, &sets)
            .await
            .unwrap_err();
        assert!(err.is_constraint(), "{err}");
        assert!(
            store
                .sets_for(u, None, None, None)
                .await
                .unwrap()
                .is_empty(),
            "no sets"
        );
        assert!(
            store.workout_dates(u).await.unwrap().is_empty(),
            "no workout"
        );
        // A plan id that does not exist: the FK fails after the workout row.
        let err = store
            .log_workout(
                u,
                d("2025-01-07"),
                Some(upright_store::PlanId(424242)),
                Source::Cli,
                &sets[..1],
            )
            .await
            .unwrap_err();
        assert!(err.is_constraint(), "{err}");
        assert!(store.workout_dates(u).await.unwrap().is_empty());
        store
            .log_workout(u, d("2025-01-07"), None, Source::Cli, &sets[..2])
            .await
            .unwrap();
        assert_eq!(store.sets_for(u, None, None, None).await.unwrap().len(), 2);
    }

    pub async fn invalid_values_rejected_before_sql(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        fn invalid<T>(r: Result<T, StoreError>) -> bool {
            matches!(r, Err(StoreError::Invalid { .. }))
        }
        let nan = NewSet {
            load_kg: Some(f64::NAN),
            ..set("deadlift", 5, 0.0)
        };
        assert!(invalid(
            store
                .log_workout(u, d("2025-01-07"), None, Source::Cli, &[nan])
                .await
        ));
        let inf = NewSet {
            rpe: Some(f64::INFINITY),
            ..set("deadlift", 5, 0.0)
        };
        assert!(invalid(
            store
                .log_workout(u, d("2025-01-07"), None, Source::Cli, &[inf])
                .await
        ));
        assert!(invalid(
            store
                .log_workout(u, d("2025-01-07"), None, Source::Cli, &[])
                .await
        ));
        assert!(invalid(
            store
                .log_workout(u, d("2025-01-07"), None, Source::Cli, &[set("", 1, 0.0)])
                .await
        ));
        let y10k = NaiveDate::from_ymd_opt(10000, 1, 1).unwrap();
        assert!(invalid(
            store
                .log_workout(u, y10k, None, Source::Cli, &[set("plank", 1, 0.0)])
                .await
        ));
        assert!(invalid(
            store.save_plan(u, "{}", "{not json", d("2025-01-06")).await
        ));
        assert!(invalid(store.save_plan(u, "", "{}", d("2025-01-06")).await));
        assert!(invalid(store.ensure_user("").await));
        assert!(invalid(store.ensure_user(" padded").await));
        assert!(invalid(store.ensure_user(&"x".repeat(65)).await));
        // Neither reps nor hold: the CHECK refuses it.
        let empty = NewSet {
            exercise_id: "plank".into(),
            ..Default::default()
        };
        assert!(store
            .log_workout(u, d("2025-01-07"), None, Source::Cli, &[empty])
            .await
            .unwrap_err()
            .is_constraint());
        assert!(store
            .sets_for(u, None, None, None)
            .await
            .unwrap()
            .is_empty());
        assert!(store.active_plan(u).await.unwrap().is_none());
    }

    pub async fn unknown_user(store: &Store) {
        let ghost = UserId(987_654);
        let unknown = |r: Result<(), StoreError>| matches!(r, Err(StoreError::UnknownUser(id)) if id == ghost);
        assert!(unknown(store.set_unit(ghost, Unit::Lb).await));
        assert!(unknown(
            store
                .save_plan(ghost, "{}", "{}", d("2025-01-06"))
                .await
                .map(|_| ())
        ));
        assert!(unknown(
            store
                .log_workout(
                    ghost,
                    d("2025-01-07"),
                    None,
                    Source::Cli,
                    &[set("plank", 1, 0.0)]
                )
                .await
                .map(|_| ())
        ));
        let pain = PainEntry {
            date: d("2025-01-07"),
            score: 1,
            timing: PainTiming::During,
            note: None,
        };
        assert!(unknown(store.log_pain(ghost, &pain).await.map(|_| ())));
        assert!(unknown(
            store.add_exclusion(ghost, "plank").await.map(|_| ())
        ));
        assert!(store.user(ghost).await.unwrap().is_none());
    }

    /// The monthly summaries give exactly the groups of the sets, for a
    /// generated history (months, several workouts a day, odd floats, no
    /// loads, holds) with every filter; and a history logged before they
    /// existed is read from the sets until the next log builds them.
    pub async fn summaries_agree_with_the_sets(url: &str) {
        let store = Store::connect(url).await.unwrap();
        let u = store.local_user().await.unwrap().id;
        let other = store.ensure_user("other").await.unwrap().id;
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rnd = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let ids = ["deadlift", "plank", "row,with\tab\n", "face-pull"];
        for w in 0..120u64 {
            let day = d("2024-12-20") + chrono::Days::new(w / 2 + rnd(3));
            let sets: Vec<NewSet> = (0..1 + rnd(6))
                .map(|_| NewSet {
                    exercise_id: ids[rnd(4) as usize].into(),
                    reps: [None, Some(3), Some(5)][rnd(3) as usize]
                        .or(Some(1))
                        .filter(|_| rnd(5) > 0),
                    load_kg: [None, Some(0.1 + 0.2), Some(102.058_283_25), Some(60.0)]
                        [rnd(4) as usize],
                    hold_s: Some(30),
                    rpe: [None, Some(8.0), Some(4.999_999_999_5)][rnd(3) as usize],
                    note: None,
                })
                .collect();
            store
                .log_workout(
                    if w % 7 == 0 { other } else { u },
                    day,
                    None,
                    Source::Cli,
                    &sets,
                )
                .await
                .unwrap();
        }
        let check = |store: Store| async move {
            for who in [u, other] {
                for ex in [None, Some("deadlift"), Some("row,with\tab\n")] {
                    for (from, to) in [
                        (None, None),
                        (Some(d("2025-01-05")), Some(d("2025-02-10"))),
                        (None, Some(d("2024-12-31"))),
                    ] {
                        assert_eq!(
                            store
                                .exercise_day_summaries(who, ex, from, to)
                                .await
                                .unwrap(),
                            store
                                .exercise_day_summaries_from_sets(who, ex, from, to)
                                .await
                                .unwrap(),
                            "{who} {ex:?} {from:?} {to:?}"
                        );
                    }
                }
            }
        };
        check(store.clone()).await;
        // As if the history had been logged before the summaries existed.
        let mut raw = <sqlx::AnyConnection as sqlx::Connection>::connect(url)
            .await
            .unwrap();
        sqlx::query("DELETE FROM set_summary_users")
            .execute(&mut raw)
            .await
            .unwrap();
        sqlx::query("DELETE FROM set_summaries")
            .execute(&mut raw)
            .await
            .unwrap();
        let _ = sqlx::Connection::close(raw).await;
        check(store.clone()).await;
        store
            .log_workout(
                u,
                d("2025-03-01"),
                None,
                Source::Cli,
                &[set("deadlift", 5, 100.0)],
            )
            .await
            .unwrap();
        check(store.clone()).await;
        store.close().await;
    }

    pub async fn migrations_idempotent(url: &str) {
        let first = Store::connect(url).await.unwrap();
        let u = first.local_user().await.unwrap();
        first
            .log_workout(
                u.id,
                d("2025-01-07"),
                None,
                Source::Cli,
                &[set("plank", 1, 0.0)],
            )
            .await
            .unwrap();
        // A second pool while the first is open, then a reconnect: the
        // migrations are already applied and the data is there.
        let second = Store::connect(url).await.unwrap();
        assert_eq!(second.local_user().await.unwrap(), u);
        first.close().await;
        second.close().await;
        let third = Store::connect(url).await.unwrap();
        assert_eq!(
            third.sets_for(u.id, None, None, None).await.unwrap().len(),
            1
        );
        third.close().await;
    }

    /// Two pools on one database, many concurrent writers and a reader: every
    /// write acknowledged, none lost, no "database is locked".
    pub async fn concurrent_writers_two_pools(url: &str) {
        const TASKS_PER_POOL: usize = 4;
        const WORKOUTS_PER_TASK: usize = 25;
        let a = Store::connect(url).await.unwrap();
        let b = Store::connect(url).await.unwrap();
        let u = a.local_user().await.unwrap().id;
        assert_eq!(b.local_user().await.unwrap().id, u);
        let mut tasks = Vec::new();
        for (p, store) in [&a, &b].into_iter().enumerate() {
            for t in 0..TASKS_PER_POOL {
                let store = store.clone();
                tasks.push(tokio::spawn(async move {
                    let mut ids = Vec::new();
                    for i in 0..WORKOUTS_PER_TASK {
                        let sets: Vec<_> = (0..3)
                            .map(|k| set(&format!("ex-{p}-{t}"), (i * 3 + k) as u32, 20.0))
                            .collect();
                        let day = d("2024-01-01") + chrono::Days::new(i as u64);
                        let id = store
                            .log_workout(u, day, None, Source::Cli, &sets)
                            .await
                            .unwrap_or_else(|e| panic!("pool {p} task {t} write {i}: {e}"));
                        ids.push(id);
                    }
                    ids
                }));
            }
        }
        let reader = {
            let b = b.clone();
            tokio::spawn(async move {
                for _ in 0..20 {
                    let rows = b.sets_for(u, None, None, None).await.unwrap();
                    assert_eq!(rows.len() % 3, 0, "a reader never sees half a workout");
                }
            })
        };
        let mut acked = BTreeSet::new();
        for t in tasks {
            acked.extend(t.await.unwrap());
        }
        reader.await.unwrap();
        let total = 2 * TASKS_PER_POOL * WORKOUTS_PER_TASK;
        assert_eq!(acked.len(), total);
        let rows = a.sets_for(u, None, None, None).await.unwrap();
        assert_eq!(rows.len(), total * 3);
        let stored: BTreeSet<_> = rows.iter().map(|r| r.workout_id).collect();
        assert_eq!(stored, acked);
        // Racing writers each updated the month summary: none was lost.
        assert_eq!(
            a.exercise_day_summaries(u, None, None, None).await.unwrap(),
            a.exercise_day_summaries_from_sets(u, None, None, None)
                .await
                .unwrap()
        );
        a.close().await;
        b.close().await;
    }
}

// ------------------------------------------------------------- SQLite only

mod sqlite_only {
    use super::*;
    use sqlx::Connection;

    #[tokio::test]
    async fn memory_database() {
        let store = Store::connect("sqlite::memory:").await.unwrap();
        assert_eq!(store.backend(), Backend::Sqlite);
        let u = store.local_user().await.unwrap().id;
        // Several concurrent calls: all must see the same (single) database.
        let mut tasks = Vec::new();
        for i in 0..8 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .log_workout(
                        u,
                        d("2025-01-07"),
                        None,
                        Source::Cli,
                        &[set("plank", i, 0.0)],
                    )
                    .await
                    .unwrap()
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(store.sets_for(u, None, None, None).await.unwrap().len(), 8);
    }

    #[tokio::test]
    async fn open_path_creates_directories_and_uses_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new dir/with?odd#chars%/upright.db");
        let store = Store::open_path(&path).await.unwrap();
        let u = store.local_user().await.unwrap().id;
        store
            .log_workout(
                u,
                d("2025-01-07"),
                None,
                Source::Cli,
                &[set("plank", 1, 0.0)],
            )
            .await
            .unwrap();
        store.close().await;
        assert!(path.is_file());
        let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(&path);
        let mut raw = sqlx::SqliteConnection::connect_with(&opts).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut raw)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        raw.close().await.unwrap();
        // Reopening through a URL finds the same data.
        let again = Store::open_path(&path).await.unwrap();
        assert_eq!(again.sets_for(u, None, None, None).await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn bad_urls() {
        for url in ["mysql://localhost/db", "sqlite://", "", "/just/a/path"] {
            let err = Store::connect(url).await.unwrap_err();
            assert!(matches!(err, StoreError::InvalidUrl { .. }), "{url}: {err}");
        }
    }
}

// ----------------------------------------------- child processes (SQLite)

const CHILD_DB: &str = "UPRIGHT_STORE_CHILD_DB";
const CHILD_COUNT: &str = "UPRIGHT_STORE_CHILD_COUNT";
const CHILD_TAG: &str = "UPRIGHT_STORE_CHILD_TAG";
const SETS_PER_WORKOUT: usize = 5;

fn workout_sets(tag: &str, i: u64) -> Vec<NewSet> {
    (0..SETS_PER_WORKOUT)
        .map(|k| NewSet {
            note: Some(format!("{tag}#{i}")),
            ..set("deadlift", k as u32 + 1, 60.0 + i as f64)
        })
        .collect()
}

mod child {
    use super::*;
    use std::io::Write;

    /// Not a test on its own: when `UPRIGHT_STORE_CHILD_DB` is set (by the
    /// tests below), log workouts in a loop and print `ACK <id>` to stdout
    /// after each acknowledged one, until killed or `UPRIGHT_STORE_CHILD_COUNT`
    /// workouts are done.
    #[test]
    fn writer() {
        let Ok(path) = std::env::var(CHILD_DB) else {
            return;
        };
        let count: u64 = std::env::var(CHILD_COUNT)
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100_000);
        let tag = std::env::var(CHILD_TAG).unwrap_or_default();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let store = Store::open_path(path.as_ref()).await.unwrap();
            let u = store.local_user().await.unwrap().id;
            let mut out = std::io::stdout(); // unbuffered by libtest's capture
            for i in 0..count {
                let day = d("2020-01-01") + chrono::Days::new(i % 3000);
                let id = store
                    .log_workout(u, day, None, Source::Cli, &workout_sets(&tag, i))
                    .await
                    .unwrap_or_else(|e| panic!("child {tag} write {i}: {e}"));
                writeln!(out, "ACK {}", id.0).unwrap();
                out.flush().unwrap();
            }
        });
    }
}

fn spawn_child(path: &std::path::Path, count: Option<u64>, tag: &str) -> std::process::Child {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "child::writer",
        "--exact",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_DB, path)
    .env(CHILD_TAG, tag)
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::piped());
    if let Some(n) = count {
        cmd.env(CHILD_COUNT, n.to_string());
    }
    cmd.spawn().unwrap()
}

/// `ACK <id>`, possibly after libtest's `test child::writer ... ` on the same line.
fn parse_ack(line: &str) -> Option<i64> {
    let (_, id) = line.split_once("ACK ")?;
    Some(id.trim().parse().unwrap())
}

/// Sets per stored workout (all of the local user's).
async fn sets_per_workout(store: &Store) -> BTreeMap<i64, usize> {
    let u = store.local_user().await.unwrap().id;
    let mut per = BTreeMap::new();
    for r in store.sets_for(u, None, None, None).await.unwrap() {
        *per.entry(r.workout_id.0).or_default() += 1;
    }
    per
}

async fn integrity_ok(path: &std::path::Path) {
    use sqlx::Connection;
    let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(path);
    let mut raw = sqlx::SqliteConnection::connect_with(&opts).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    raw.close().await.unwrap();
}

mod crash {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::time::Duration;

    /// A child logs workouts as fast as it can and is SIGKILLed mid-way, three
    /// times over the same file. Every acknowledged workout must be there
    /// with all its sets, and no workout may be half-written.
    #[test]
    fn sigkill_mid_write_loses_nothing_acknowledged() {
        if std::env::var(CHILD_DB).is_ok() {
            return; // we are a child
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crash.db");
        let mut acked = Vec::new();
        for round in 0..3u64 {
            let mut child = spawn_child(&path, None, &format!("round{round}"));
            let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
            let target = 25 + 10 * round as usize;
            let mut seen = 0;
            while seen < target {
                let line = lines.next().expect("child stopped early").unwrap();
                if let Some(id) = parse_ack(&line) {
                    acked.push(id);
                    seen += 1;
                }
            }
            std::thread::sleep(Duration::from_millis(3 + 11 * round));
            child.kill().unwrap(); // SIGKILL
            let status = child.wait().unwrap();
            assert!(
                !status.success(),
                "the child must have been killed mid-loop"
            );
            // Acks written before the kill are still in the pipe.
            for line in lines.map_while(Result::ok) {
                if let Some(id) = parse_ack(&line) {
                    acked.push(id);
                }
            }
        }
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let store = Store::open_path(&path).await.unwrap();
            let per = sets_per_workout(&store).await;
            for id in &acked {
                assert_eq!(
                    per.get(id),
                    Some(&SETS_PER_WORKOUT),
                    "acknowledged workout {id}"
                );
            }
            for (id, n) in &per {
                assert_eq!(*n, SETS_PER_WORKOUT, "workout {id} is half-written");
            }
            assert!(per.len() >= acked.len());
            store.close().await;
            integrity_ok(&path).await;
            eprintln!(
                "crash test: {} acknowledged, {} stored",
                acked.len(),
                per.len()
            );
        });
    }
}

mod processes {
    use super::*;
    use std::io::{BufRead, BufReader};

    /// Two child processes and this one write the same new file at once
    /// (the CLI beside a running server): first-use migration races, then
    /// lock contention. Nobody may see "database is locked"; nothing is lost.
    #[test]
    fn three_processes_write_one_file() {
        if std::env::var(CHILD_DB).is_ok() {
            return;
        }
        const N: u64 = 40;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.db");
        let children: Vec<_> = (0..2)
            .map(|c| spawn_child(&path, Some(N), &format!("child{c}")))
            .collect();
        let rt = tokio::runtime::Runtime::new().unwrap();
        let mine = rt.block_on(async {
            let store = Store::open_path(&path).await.unwrap();
            let u = store.local_user().await.unwrap().id;
            let mut ids = Vec::new();
            for i in 0..N {
                let day = d("2021-01-01") + chrono::Days::new(i);
                ids.push(
                    store
                        .log_workout(u, day, None, Source::Cli, &workout_sets("parent", i))
                        .await
                        .unwrap()
                        .0,
                );
            }
            ids
        });
        let mut acked: Vec<i64> = mine;
        for mut child in children {
            let lines = BufReader::new(child.stdout.take().unwrap()).lines();
            let ids: Vec<i64> = lines
                .map_while(Result::ok)
                .filter_map(|l| parse_ack(&l))
                .collect();
            let status = child.wait().unwrap();
            assert!(status.success(), "a child writer failed: {status}");
            assert_eq!(ids.len() as u64, N);
            acked.extend(ids);
        }
        rt.block_on(async {
            let store = Store::open_path(&path).await.unwrap();
            let per = sets_per_workout(&store).await;
            assert_eq!(per.len() as u64, 3 * N);
            for id in &acked {
                assert_eq!(per.get(id), Some(&SETS_PER_WORKOUT));
            }
            store.close().await;
            integrity_ok(&path).await;
        });
    }
}
