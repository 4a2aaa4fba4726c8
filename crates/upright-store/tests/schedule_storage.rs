//! Storage of the schedule and calendar (issue 15) on SQLite and PostgreSQL:
//! gyms with hours and closures, the chosen gym, availability, the calendar
//! export state, and a plan's workout days. See `harness` for PostgreSQL.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use upright_store::{
    CalendarEvent, GymClosure, GymWrite, NewGym, NewSet, Source, Store, StoreError,
    StoredAvailability,
};

#[macro_use]
mod harness;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn gym(name: &str) -> NewGym {
    let week = "07:00-19:00".to_string();
    let weekend = "10:00-17:00".to_string();
    NewGym {
        name: name.into(),
        address: "304 North Cardinal St., Dorchester Center, MA 02124".into(),
        time_zone: "America/New_York".into(),
        hours: [
            week.clone(),
            week.clone(),
            week.clone(),
            week.clone(),
            week,
            weekend.clone(),
            weekend,
        ],
        closures: vec![GymClosure {
            from: d("2026-12-25"),
            to: d("2026-12-25"),
            reason: "Christmas Day".into(),
        }],
    }
}

fn event(uid: &str, seq: u32, start: DateTime<Utc>, cancelled: bool) -> CalendarEvent {
    CalendarEvent {
        uid: uid.into(),
        plan_id: None,
        sequence: seq,
        start,
        end: start + chrono::Duration::minutes(45),
        content_hash: u64::MAX - 7,
        summary: "Back training 1 at Cardinal Street Gym".into(),
        description: "Deadlift 3x5; Plank 3x30 s\n45 min, warm-up included.".into(),
        location: "304 North Cardinal St., Dorchester Center, MA 02124".into(),
        time_zone: "America/New_York".into(),
        cancelled,
    }
}

on_both_databases!(
    store: [
        gyms_round_trip_with_closures_and_names_unique_whatever_the_case,
        replacing_a_gym_keeps_its_id_and_the_choice,
        removing_a_gym_removes_its_closures_and_the_choice,
        gym_writes_check_before_sql,
        availability_replaces_whole,
        calendar_state_round_trips_and_is_replaced_whole,
        plan_workout_days_count_days_of_the_plan_only,
        schedule_rows_are_per_user,
    ],
    url: []
);

mod suite {
    use super::*;

    pub async fn gyms_round_trip_with_closures_and_names_unique_whatever_the_case(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        assert!(store.gyms(u).await.unwrap().is_empty());
        let GymWrite::Added(id) = store
            .put_gym(u, &gym("Cardinal Street Gym"), false)
            .await
            .unwrap()
        else {
            panic!("added")
        };
        store.put_gym(u, &gym("Another Gym"), false).await.unwrap();
        let closure = GymClosure {
            from: d("2026-08-03"),
            to: d("2026-08-09"),
            reason: "Floor renovation".into(),
        };
        assert!(store
            .add_gym_closure(u, "CARDINAL street gym", &closure)
            .await
            .unwrap());
        assert!(!store
            .add_gym_closure(u, "No Such Gym", &closure)
            .await
            .unwrap());
        let gyms = store.gyms(u).await.unwrap();
        assert_eq!(
            gyms.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
            ["Another Gym", "Cardinal Street Gym"]
        );
        let g = &gyms[1];
        assert_eq!(g.id, id);
        assert_eq!(g.hours[0], "07:00-19:00");
        assert_eq!(g.hours[6], "10:00-17:00");
        assert_eq!(g.time_zone, "America/New_York");
        // Closures sorted by first day, whatever order they came in.
        assert_eq!(g.closures, vec![closure, gym("x").closures[0].clone()]);
        assert_eq!(gyms[0].closures.len(), 1);
        // The same name in another case is the same gym.
        let e = store
            .put_gym(u, &gym("cardinal STREET gym"), false)
            .await
            .unwrap_err();
        assert!(
            matches!(e, StoreError::Invalid { field: "name", .. }),
            "{e}"
        );
        assert_eq!(store.gyms(u).await.unwrap(), gyms, "nothing written");
    }

    pub async fn replacing_a_gym_keeps_its_id_and_the_choice(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let GymWrite::Added(id) = store
            .put_gym(u, &gym("Cardinal Street Gym"), false)
            .await
            .unwrap()
        else {
            panic!("added")
        };
        assert_eq!(store.gym_choice(u).await.unwrap(), None);
        assert!(store
            .set_gym_choice(u, "cardinal street gym")
            .await
            .unwrap());
        assert!(!store.set_gym_choice(u, "nope").await.unwrap());
        let mut new = gym("Cardinal Street Gym");
        new.hours[6] = "closed".into();
        new.closures.clear();
        assert_eq!(
            store.put_gym(u, &new, true).await.unwrap(),
            GymWrite::Replaced(id)
        );
        let g = &store.gyms(u).await.unwrap()[0];
        assert_eq!(
            (g.id, g.hours[6].as_str(), g.closures.len()),
            (id, "closed", 0)
        );
        assert_eq!(store.gym_choice(u).await.unwrap(), Some(id));
    }

    pub async fn removing_a_gym_removes_its_closures_and_the_choice(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        store
            .put_gym(u, &gym("Cardinal Street Gym"), false)
            .await
            .unwrap();
        store
            .set_gym_choice(u, "Cardinal Street Gym")
            .await
            .unwrap();
        assert!(store.remove_gym(u, "CARDINAL STREET GYM").await.unwrap());
        assert!(!store.remove_gym(u, "Cardinal Street Gym").await.unwrap());
        assert!(store.gyms(u).await.unwrap().is_empty());
        assert_eq!(store.gym_choice(u).await.unwrap(), None);
        // Re-added under the same name: no stale closure comes back.
        let mut again = gym("Cardinal Street Gym");
        again.closures.clear();
        store.put_gym(u, &again, false).await.unwrap();
        assert!(store.gyms(u).await.unwrap()[0].closures.is_empty());
    }

    pub async fn gym_writes_check_before_sql(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let mut bad = gym("Cardinal Street Gym");
        bad.closures[0].to = d("2026-12-24");
        assert!(matches!(
            store.put_gym(u, &bad, false).await.unwrap_err(),
            StoreError::Invalid {
                field: "closure",
                ..
            }
        ));
        let mut bad = gym(" ");
        bad.name = "  ".into();
        assert!(matches!(
            store.put_gym(u, &bad, false).await.unwrap_err(),
            StoreError::Invalid { field: "name", .. }
        ));
        let mut bad = gym("G");
        bad.hours[2] = String::new();
        assert!(matches!(
            store.put_gym(u, &bad, false).await.unwrap_err(),
            StoreError::Invalid { field: "hours", .. }
        ));
        assert!(store.gyms(u).await.unwrap().is_empty(), "nothing written");
        let e = store
            .put_gym(upright_store::UserId(9999), &gym("G"), false)
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::UnknownUser(_)), "{e}");
    }

    pub async fn availability_replaces_whole(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        assert_eq!(store.availability(u).await.unwrap(), None);
        let a = StoredAvailability {
            time_zone: "Europe/Berlin".into(),
            wake: Some("06:15".into()),
            days: vec![
                (0, "06:30-08:00,18:00-21:00".into()),
                (5, "off".into()),
                (6, "off".into()),
            ],
        };
        store.set_availability(u, &a).await.unwrap();
        assert_eq!(store.availability(u).await.unwrap(), Some(a));
        let b = StoredAvailability {
            time_zone: "America/New_York".into(),
            wake: None,
            days: vec![(2, "17:00-20:00".into())],
        };
        store.set_availability(u, &b).await.unwrap();
        assert_eq!(
            store.availability(u).await.unwrap(),
            Some(b.clone()),
            "days not given are gone"
        );
        let none = StoredAvailability {
            days: Vec::new(),
            ..b.clone()
        };
        store.set_availability(u, &none).await.unwrap();
        assert_eq!(store.availability(u).await.unwrap(), Some(none));
        for bad in [
            StoredAvailability {
                wake: Some("6:15".into()),
                ..b.clone()
            },
            StoredAvailability {
                days: vec![(7, "off".into())],
                ..b.clone()
            },
            StoredAvailability {
                days: vec![(1, "off".into()), (1, "off".into())],
                ..b.clone()
            },
            StoredAvailability {
                time_zone: String::new(),
                ..b.clone()
            },
        ] {
            assert!(
                matches!(
                    store.set_availability(u, &bad).await.unwrap_err(),
                    StoreError::Invalid { .. }
                ),
                "{bad:?}"
            );
        }
    }

    pub async fn calendar_state_round_trips_and_is_replaced_whole(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let plan = store
            .save_plan(u, "{}", "{}", d("2026-01-05"))
            .await
            .unwrap();
        assert!(store.calendar_events(u).await.unwrap().is_empty());
        let t = Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap();
        let mut a = event("aaaa-w1s1@upright", 0, t, false);
        a.plan_id = Some(plan);
        let b = event("aaaa-w1s2@upright", 3, t + chrono::Duration::days(2), true);
        store
            .replace_calendar_events(u, &[b.clone(), a.clone()])
            .await
            .unwrap();
        // By UID; a u64 hash above i64::MAX and text with newlines come back as they went.
        assert_eq!(store.calendar_events(u).await.unwrap(), vec![a.clone(), b]);
        store
            .replace_calendar_events(u, std::slice::from_ref(&a))
            .await
            .unwrap();
        assert_eq!(store.calendar_events(u).await.unwrap(), vec![a.clone()]);
        let e = store
            .replace_calendar_events(u, &[a.clone(), a.clone()])
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Invalid { field: "uid", .. }), "{e}");
        let mut bad = a.clone();
        bad.end = bad.start;
        assert!(store.replace_calendar_events(u, &[bad]).await.is_err());
        assert_eq!(
            store.calendar_events(u).await.unwrap(),
            vec![a],
            "a refused export writes nothing"
        );
    }

    pub async fn plan_workout_days_count_days_of_the_plan_only(store: &Store) {
        let u = store.local_user().await.unwrap().id;
        let old = store
            .save_plan(u, "{}", "{}", d("2025-12-01"))
            .await
            .unwrap();
        let plan = store
            .save_plan(u, "{}", "{}", d("2026-01-05"))
            .await
            .unwrap();
        let set = |id: &str| NewSet {
            exercise_id: id.into(),
            reps: Some(5),
            load_kg: Some(100.0),
            ..Default::default()
        };
        store
            .log_workout(
                u,
                d("2026-01-05"),
                Some(plan),
                Source::Cli,
                &[set("deadlift")],
            )
            .await
            .unwrap();
        store
            .log_workout(
                u,
                d("2026-01-05"),
                Some(plan),
                Source::Cli,
                &[set("plank"), set("deadlift")],
            )
            .await
            .unwrap();
        store
            .log_workout(
                u,
                d("2026-01-07"),
                Some(old),
                Source::Cli,
                &[set("bird-dog")],
            )
            .await
            .unwrap();
        store
            .log_workout(u, d("2026-01-08"), None, Source::Import, &[set("bird-dog")])
            .await
            .unwrap();
        store
            .log_workout(
                u,
                d("2026-01-09"),
                Some(plan),
                Source::Cli,
                &[set("bird-dog")],
            )
            .await
            .unwrap();
        store
            .log_workout(
                u,
                d("2026-01-20"),
                Some(plan),
                Source::Cli,
                &[set("bird-dog")],
            )
            .await
            .unwrap();
        let days = store
            .plan_workout_days(u, plan, d("2026-01-05"), d("2026-01-12"))
            .await
            .unwrap();
        assert_eq!(
            days.iter().map(|x| x.date).collect::<Vec<_>>(),
            [d("2026-01-05"), d("2026-01-09")]
        );
        assert_eq!(days[0].exercises, ["deadlift", "plank"]);
        let all = store
            .sets_for(u, None, Some(d("2026-01-05")), Some(d("2026-01-05")))
            .await
            .unwrap();
        assert_eq!(all.len(), 3);
        assert!((Utc::now() - days[0].first_logged).num_seconds().abs() < 60);
        assert!(store
            .plan_workout_days(u, plan, d("2026-01-10"), d("2026-01-19"))
            .await
            .unwrap()
            .is_empty());
    }

    pub async fn schedule_rows_are_per_user(store: &Store) {
        let me = store.local_user().await.unwrap().id;
        let other = store.ensure_user("someone-else").await.unwrap().id;
        store
            .put_gym(me, &gym("Cardinal Street Gym"), false)
            .await
            .unwrap();
        // Another person may use the same name.
        store
            .put_gym(other, &gym("Cardinal Street Gym"), false)
            .await
            .unwrap();
        assert!(store
            .set_gym_choice(other, "Cardinal Street Gym")
            .await
            .unwrap());
        assert_eq!(store.gym_choice(me).await.unwrap(), None);
        assert!(store
            .remove_gym(other, "Cardinal Street Gym")
            .await
            .unwrap());
        assert_eq!(store.gyms(me).await.unwrap().len(), 1);
        store
            .set_availability(
                other,
                &StoredAvailability {
                    time_zone: "UTC".into(),
                    wake: None,
                    days: vec![],
                },
            )
            .await
            .unwrap();
        assert_eq!(store.availability(me).await.unwrap(), None);
        let t = Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap();
        store
            .replace_calendar_events(other, &[event("x@upright", 0, t, false)])
            .await
            .unwrap();
        assert!(store.calendar_events(me).await.unwrap().is_empty());
    }
}
