//! The `assessments` table on both databases (issue 14): batteries round trip
//! as entered, the latest one is found, pain that stopped a hold is logged in
//! the same transaction, and bad rows leave nothing behind.

use super::*;
use upright_store::{HoldRecord, NewAssessment};

fn hold(s: Option<u32>, method: &str, pain: bool) -> HoldRecord {
    HoldRecord {
        seconds: s,
        method: method.into(),
        stopped_by_pain: pain,
    }
}

fn battery(date: &str, times: [Option<u32>; 4]) -> NewAssessment {
    NewAssessment {
        date: d(date),
        sex: "female".into(),
        recovering: false,
        flexor: hold(times[0], "flexor_hold", false),
        extensor: hold(times[1], "sorensen", false),
        side_right: hold(times[2], "side_bridge", false),
        side_left: hold(times[3], "side_bridge", false),
    }
}

pub async fn assessments_round_trip(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    assert_eq!(store.latest_assessment(u, None).await.unwrap(), None);
    let first = battery("2026-01-05", [Some(120), Some(300), Some(80), Some(90)]);
    let a = store.record_assessment(u, &first, &[]).await.unwrap();
    let mut second = battery("2026-02-02", [Some(125), None, Some(85), Some(88)]);
    second.sex = "unspecified".into();
    second.recovering = true;
    second.extensor = hold(None, "bird_dog_hold", false);
    second.side_left = hold(Some(40), "knee_side_bridge", true);
    let pain = PainEntry {
        date: d("2026-02-02"),
        score: 4,
        timing: PainTiming::During,
        note: Some("stopped the left side bridge".into()),
    };
    let b = store
        .record_assessment(u, &second, std::slice::from_ref(&pain))
        .await
        .unwrap();
    assert_ne!(a, b);
    // An earlier date recorded later still sorts by date.
    let older = battery("2025-12-01", [Some(100), Some(100), Some(60), Some(60)]);
    store.record_assessment(u, &older, &[]).await.unwrap();

    let all = store.assessments(u, None, None).await.unwrap();
    let got: Vec<&NewAssessment> = all.iter().map(|r| &r.assessment).collect();
    assert_eq!(
        got,
        vec![&older, &first, &second],
        "times as entered, 300 s kept (not capped)"
    );
    assert!((chrono::Utc::now() - all[0].created_at).num_seconds().abs() < 60);
    let only = store
        .assessments(u, Some(d("2026-01-01")), Some(d("2026-01-31")))
        .await
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].id, a);

    assert_eq!(
        store.latest_assessment(u, None).await.unwrap().unwrap().id,
        b
    );
    assert_eq!(
        store
            .latest_assessment(u, Some(d("2026-01-31")))
            .await
            .unwrap()
            .unwrap()
            .id,
        a
    );
    assert_eq!(
        store
            .latest_assessment(u, Some(d("2025-11-30")))
            .await
            .unwrap(),
        None
    );
    // Two on one day: the one recorded last is the latest.
    let again = store
        .record_assessment(u, &battery("2026-02-02", [Some(1), None, None, None]), &[])
        .await
        .unwrap();
    assert_eq!(
        store.latest_assessment(u, None).await.unwrap().unwrap().id,
        again
    );

    let logged = store.pain_entries(u, None, None).await.unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].entry, pain);

    // Another user's batteries are not mine.
    let other = store.ensure_user("someone-else").await.unwrap().id;
    assert!(store
        .assessments(other, None, None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.latest_assessment(other, None).await.unwrap(), None);
}

pub async fn assessment_writes_are_all_or_nothing(store: &Store) {
    let u = store.local_user().await.unwrap().id;
    let ok = battery("2026-01-05", [Some(120), Some(150), Some(80), Some(90)]);
    // Refused before SQL: no time at all, a zero time, pain without a time, an unknown sex.
    let none = battery("2026-01-05", [None; 4]);
    let zero = battery("2026-01-05", [Some(0), None, None, None]);
    let mut pain_no_time = ok.clone();
    pain_no_time.extensor = hold(None, "sorensen", true);
    let mut sex = ok.clone();
    sex.sex = "other".into();
    for bad in [&none, &zero, &pain_no_time, &sex] {
        let e = store.record_assessment(u, bad, &[]).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid { .. }), "{e}");
    }
    // Refused by the database in the middle of the transaction: a pain score of 11
    // rolls the battery back with it.
    let pain = PainEntry {
        date: d("2026-01-05"),
        score: 11,
        timing: PainTiming::During,
        note: None,
    };
    let e = store.record_assessment(u, &ok, &[pain]).await.unwrap_err();
    assert!(e.is_constraint(), "{e}");
    assert!(store.assessments(u, None, None).await.unwrap().is_empty());
    assert!(store.pain_entries(u, None, None).await.unwrap().is_empty());
    let e = store
        .record_assessment(UserId(987_654), &ok, &[])
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::UnknownUser(_)), "{e}");
}
