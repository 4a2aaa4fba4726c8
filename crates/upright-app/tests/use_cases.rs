//! Use cases of the application layer on a fresh SQLite store, with "today"
//! given, so that what depends on the date is checked on fixed dates.

use std::sync::Arc;

use chrono::NaiveDate;
use upright_app::log::LogRequest;
use upright_app::schedule::ScheduleQuery;
use upright_app::App;
use upright_core::catalog::Catalog;
use upright_core::profile::ProfileInput;
use upright_store::Store;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn app_in(dir: &tempfile::TempDir) -> App {
    let store = Store::open_path(&dir.path().join("u.db")).await.unwrap();
    App::new(store, Arc::new(Catalog::builtin()))
}

/// Looking ahead, `today` and `schedule` take the same sessions as done: the
/// session `today` prescribes for a later day is the one `schedule` puts
/// there, and with no gym set, gym sessions still get a time.
#[tokio::test]
async fn today_and_schedule_agree_on_a_later_day_after_a_missed_session() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    let me = app.local_actor().await.unwrap();
    let profile = ProfileInput {
        goals: Some(vec!["strength".into()]),
        level: Some("intermediate".into()),
        equipment: Some(vec!["gym".into()]),
        pullups: Some(8),
        days: Some(3),
        minutes: Some(60),
        ..Default::default()
    }
    .into_profile()
    .unwrap();
    // Monday 2026-11-30 is day 1 and is done; Wednesday's session is missed
    // and today is Friday.
    let today = day("2026-12-04");
    let (_, saved) = app
        .save_plan(&me, profile, Some("2026-11-30"), day("2026-11-30"), |_| {})
        .await
        .unwrap();
    assert!(saved.is_some());
    let log = LogRequest {
        exercise: "deadlift".into(),
        sets: "3x5@100kg".into(),
        date: Some("2026-11-30".into()),
        ..Default::default()
    };
    app.log(&me, log, day("2026-11-30")).await.unwrap();

    for (date, key) in [
        // Today: the missed Wednesday's session, w1s2, is next.
        ("2026-12-04", "w1s2"),
        // Next Monday: today's w1s2 is assumed done, so w1s3.
        ("2026-12-07", "w1s3"),
        // The Wednesday after: w2s1.
        ("2026-12-09", "w2s1"),
    ] {
        let t = app.today(&me, Some(date), today).await.unwrap();
        let (w, d) = (t.week.unwrap(), t.day.unwrap());
        assert_eq!(format!("w{w}s{d}"), key, "today on {date}");
        let s = app
            .schedule(
                &me,
                ScheduleQuery {
                    from: Some(date.into()),
                    weeks: Some("1".into()),
                },
                today,
                today.and_hms_opt(5, 0, 0).unwrap().and_utc(),
            )
            .await
            .unwrap();
        assert_eq!(
            s.next.as_deref(),
            Some(key),
            "schedule from {date}: {:?}",
            s.notes
        );
        assert_eq!(s.sessions[0].key, key, "schedule from {date}");
        assert_eq!(s.sessions[0].date, date, "schedule from {date}");
        assert_eq!(s.sessions[0].place, "your gym (not set)");
    }
}
