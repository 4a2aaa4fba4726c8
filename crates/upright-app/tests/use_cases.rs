//! Use cases of the application layer on a fresh SQLite store, with "today"
//! given, so that what depends on the date is checked on fixed dates.

use std::sync::Arc;

use chrono::NaiveDate;
use upright_app::log::LogRequest;
use upright_app::schedule::ScheduleQuery;
use upright_app::App;
use upright_core::catalog::Catalog;
use upright_core::coach::today::ExerciseToday;
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
    let me = strength_plan_from_monday(&app).await;
    // Monday 2026-11-30 is day 1 and is done; Wednesday's session is missed
    // and today is Friday.
    let today = day("2026-12-04");
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
        let s = schedule_from(&app, &me, date, "1", today).await;
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

/// A strength plan (intermediate, gym, 3 x 60) saved to start on Monday 2026-11-30.
async fn strength_plan_from_monday(app: &App) -> upright_app::Actor {
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
    let (_, saved) = app
        .save_plan(&me, profile, Some("2026-11-30"), day("2026-11-30"), |_| {})
        .await
        .unwrap();
    assert!(saved.is_some());
    me
}

/// The sets of an exercise as its log hint asks, with 50 kg for a load.
fn sets_as_hinted(hint: &str) -> (String, String) {
    let mut words = hint.split_whitespace().skip(2);
    let id = words.next().unwrap().to_string();
    let sets = words.next().unwrap().replace("LOAD", "50kg");
    (id, sets)
}

/// Logs one exercise of `today` as its log hint asks (50 kg for a load).
async fn log_as_hinted(app: &App, me: &upright_app::Actor, e: &ExerciseToday, on: NaiveDate) {
    let (exercise, sets) = sets_as_hinted(&e.log);
    let log = LogRequest {
        exercise,
        sets,
        ..Default::default()
    };
    app.log(me, log, on).await.unwrap();
}

/// The schedule from `from` for `weeks`, asked early on `today`.
async fn schedule_from(
    app: &App,
    me: &upright_app::Actor,
    from: &str,
    weeks: &str,
    today: NaiveDate,
) -> upright_app::schedule::ScheduleView {
    app.schedule(
        me,
        ScheduleQuery {
            from: Some(from.into()),
            weeks: Some(weeks.into()),
        },
        today,
        today.and_hms_opt(5, 0, 0).unwrap().and_utc(),
    )
    .await
    .unwrap()
}

/// A session logged on its day: `today` says what is logged, exercise by
/// exercise, and says so when all of it is, keeping the aims it set.
#[tokio::test]
async fn today_shows_what_is_already_logged_on_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    let me = strength_plan_from_monday(&app).await;
    let monday = day("2026-11-30");
    let before = app.today(&me, None, monday).await.unwrap();
    assert!(before.logged.is_empty());
    assert!(!before.message.contains("Logged"), "{}", before.message);
    let planned: Vec<(String, String, u32)> = before
        .exercises
        .iter()
        .map(|e| {
            let (id, sets) = sets_as_hinted(&e.log);
            (id, sets, e.sets)
        })
        .collect();
    assert!(planned.len() >= 3, "{planned:?}");

    // The first exercise in full, one set of the second.
    let log = |id: &str, sets: &str| LogRequest {
        exercise: id.into(),
        sets: sets.into(),
        ..Default::default()
    };
    app.log(&me, log(&planned[0].0, &planned[0].1), monday)
        .await
        .unwrap();
    let one = planned[1]
        .1
        .split_once('x')
        .map_or(planned[1].1.as_str(), |(_, s)| s);
    app.log(&me, log(&planned[1].0, one), monday).await.unwrap();
    let partway = app.today(&me, None, monday).await.unwrap();
    assert_eq!((partway.week, partway.day), (Some(1), Some(1)));
    assert!(
        partway
            .message
            .contains(&format!("Logged so far: 2 of {} exercises.", planned.len())),
        "{}",
        partway.message
    );
    assert_eq!(partway.logged.len(), 2);
    assert_eq!(partway.logged[0].id, planned[0].0);
    assert_eq!(partway.logged[0].sets, planned[0].2);
    assert_eq!(partway.logged[0].text, planned[0].1);
    assert_eq!(partway.logged[1].sets, 1);
    // The aims stay the ones made before the day.
    for (a, b) in before.exercises.iter().zip(&partway.exercises) {
        assert_eq!(a.decision.summary, b.decision.summary, "{}", a.id);
    }

    let rest_of_second = planned[1].2 - 1;
    let rest = planned[1].1.replacen(
        &format!("{}x", planned[1].2),
        &format!("{rest_of_second}x"),
        1,
    );
    app.log(
        &me,
        LogRequest {
            again: true,
            ..log(&planned[1].0, &rest)
        },
        monday,
    )
    .await
    .unwrap();
    for (id, sets, _) in &planned[2..] {
        app.log(&me, log(id, sets), monday).await.unwrap();
    }
    let done = app.today(&me, None, monday).await.unwrap();
    assert!(
        done.message.contains("All of today's session is logged"),
        "{}",
        done.message
    );
    assert_eq!(done.logged.len(), planned.len());
    assert!(done.logged.iter().all(|l| l.sets >= l.planned_sets));
    // The next session is still Wednesday's, day 2.
    let next = done.next_session.unwrap();
    assert_eq!(
        (next.date.as_str(), next.week, next.day),
        ("2026-12-02", 1, 2)
    );
}

/// When the person is not free on a day of the plan's week, the schedule
/// moves that session, and `today` follows it: the day the schedule picked
/// is a session day, and the "next session" date is the planned one.
#[tokio::test]
async fn today_follows_the_schedule_when_a_plan_day_is_not_free() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    let me = strength_plan_from_monday(&app).await;
    app.availability_set(
        &me,
        upright_app::availability::AvailabilityRequest {
            specs: vec!["wed".into(), "off".into()],
            time_zone: Some("UTC".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let monday = day("2026-11-30");
    let t = app.today(&me, None, monday).await.unwrap();
    log_as_hinted(&app, &me, &t.exercises[0], monday).await;
    let next = app
        .today(&me, None, monday)
        .await
        .unwrap()
        .next_session
        .unwrap();
    assert_ne!(next.date, "2026-12-02", "Wednesday is not free");
    let wednesday = app.today(&me, None, day("2026-12-02")).await.unwrap();
    assert_eq!(wednesday.status, "rest", "{}", wednesday.message);
    assert_eq!(wednesday.next_session.unwrap().date, next.date);
    // On the day the schedule picked, that is the session.
    let on_it = app.today(&me, None, day(&next.date)).await.unwrap();
    assert_eq!(on_it.status, "session", "{}", on_it.message);
    assert_eq!((on_it.week, on_it.day), (Some(1), Some(2)));
    assert!(on_it.planned.as_ref().is_some_and(|p| p.today));
    assert!(
        on_it.message.contains(
            "the session your plan's week had on Wednesday 2026-12-02: your schedule puts it today"
        ),
        "{}",
        on_it.message
    );
    // With nothing in the way, the schedule keeps the plan's own days.
    let dir2 = tempfile::tempdir().unwrap();
    let free = app_in(&dir2).await;
    let me2 = strength_plan_from_monday(&free).await;
    let s = schedule_from(&free, &me2, "2026-11-30", "2", monday).await;
    let weekdays: Vec<&str> = s.sessions.iter().map(|p| p.weekday.as_str()).collect();
    assert_eq!(weekdays.len(), 6, "{weekdays:?}");
    assert!(
        weekdays
            .iter()
            .all(|w| ["Monday", "Wednesday", "Friday"].contains(w)),
        "{weekdays:?}"
    );
}

/// A home lifter with dumbbells and no kettlebell: the "kettlebell or
/// dumbbell" deadlift is prescribed and read as a dumbbell, on dumbbell steps.
#[tokio::test]
async fn a_dumbbell_only_lifter_deadlifts_a_dumbbell_not_a_kettlebell() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    let me = app.local_actor().await.unwrap();
    let profile = ProfileInput {
        goals: Some(vec!["general".into()]),
        level: Some("beginner".into()),
        equipment: Some(vec!["mat".into(), "dumbbells".into(), "bench".into()]),
        days: Some(3),
        minutes: Some(40),
        ..Default::default()
    }
    .into_profile()
    .unwrap();
    let monday = day("2026-11-30");
    app.save_plan(&me, profile, Some("2026-11-30"), monday, |_| {})
        .await
        .unwrap();
    let log = LogRequest {
        exercise: "kettlebell-deadlift".into(),
        sets: "3x8@10kg".into(),
        rpe: Some("7".into()),
        ..Default::default()
    };
    app.log(&me, log, monday).await.unwrap();
    // Looking ahead to the first session with the deadlift in it.
    let mut found = None;
    for n in 1..70 {
        let date = (monday + chrono::Days::new(n)).to_string();
        let t = app.today(&me, Some(&date), monday).await.unwrap();
        if let Some(e) = t
            .exercises
            .into_iter()
            .find(|e| e.exercise == "kettlebell-deadlift")
        {
            found = Some(e);
            break;
        }
    }
    let e = found.expect("the plan loads the hinge with a kettlebell deadlift");
    assert_eq!(
        e.implement,
        Some(upright_core::coach::loads::Implement::Dumbbell),
        "{e:?}"
    );
    let words = e.load_words.clone().unwrap_or_default();
    assert!(
        words.contains("dumbbell") && !words.contains("kettlebell"),
        "{words}"
    );
    // Dumbbell steps: 2 kg from 2 kg.
    let kg = e.load_kg.expect("a load from the logged sets");
    assert!((kg / 2.0 - (kg / 2.0).round()).abs() < 1e-9, "{kg}");
}

/// S-ACUTE: severe pain that persists (8 on Monday, 9 on Wednesday, 9 the
/// next morning) stops training on Friday whatever the session holds; once a
/// lower score is logged, the session comes back, and the programme waited.
#[tokio::test]
async fn severe_pain_that_persists_stops_the_next_session_until_it_eases() {
    use upright_app::pain::PainRequest;
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    let me = strength_plan_from_monday(&app).await;
    let pain = |score: &str, when: &str, date: &str| PainRequest {
        score: score.into(),
        when: when.into(),
        date: Some(date.into()),
        note: None,
    };
    let friday = day("2026-12-04");
    app.pain(&me, pain("8", "during", "2026-11-30"), friday)
        .await
        .unwrap();
    let wednesday = app.today(&me, Some("2026-12-02"), friday).await.unwrap();
    assert_eq!(
        wednesday.status, "session",
        "one severe score holds back, not stops"
    );
    app.pain(&me, pain("9", "during", "2026-12-02"), friday)
        .await
        .unwrap();
    app.pain(&me, pain("9", "next-morning", "2026-12-03"), friday)
        .await
        .unwrap();
    let t = app.today(&me, None, friday).await.unwrap();
    assert_eq!(t.status, "stop", "{}", t.message);
    assert!(t.exercises.is_empty());
    assert!(
        t.message.contains("S-ACUTE") && t.message.contains("doctor"),
        "{}",
        t.message
    );
    // Eased by Saturday morning: Monday has a session again.
    let monday = day("2026-12-07");
    app.pain(&me, pain("3", "next-morning", "2026-12-05"), monday)
        .await
        .unwrap();
    let back = app.today(&me, None, monday).await.unwrap();
    assert_eq!(back.status, "session", "{}", back.message);
    assert!(!back.exercises.is_empty());
}

/// E-MCGILL-BIG3: a recovering back does the Big 3 every day. Done on a
/// rest day they are daily practice: the next session is still the next
/// one, on its day, and the rest day says to do them.
#[tokio::test]
async fn the_big_3_on_a_rest_day_are_practice_not_the_next_session() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    let me = app.local_actor().await.unwrap();
    let profile = ProfileInput {
        goals: Some(vec!["recovery".into()]),
        level: Some("beginner".into()),
        equipment: Some(vec!["home".into()]),
        pain: Some("recovering".into()),
        days: Some(3),
        minutes: Some(40),
        ..Default::default()
    }
    .into_profile()
    .unwrap();
    let monday = day("2026-11-30");
    app.save_plan(&me, profile, Some("2026-11-30"), monday, |_| {})
        .await
        .unwrap();
    let first = app.today(&me, None, monday).await.unwrap();
    assert_eq!(first.status, "session");
    for e in &first.exercises {
        log_as_hinted(&app, &me, e, monday).await;
    }
    let tuesday = day("2026-12-01");
    let rest = app.today(&me, None, tuesday).await.unwrap();
    assert_eq!(rest.status, "rest", "{}", rest.message);
    assert!(rest.message.contains("Big 3"), "{}", rest.message);
    let big3: Vec<_> = first
        .exercises
        .iter()
        .filter(|e| {
            ["curl-up", "side-plank", "side-plank-knees", "bird-dog"].contains(&e.exercise.as_str())
        })
        .collect();
    assert_eq!(
        big3.len(),
        3,
        "the Big 3 in every session of a recovery plan"
    );
    for e in big3 {
        log_as_hinted(&app, &me, e, tuesday).await;
    }
    let after = app.today(&me, None, tuesday).await.unwrap();
    assert_eq!(
        after.status, "rest",
        "practice is not a session: {}",
        after.message
    );
    let wednesday = app.today(&me, None, day("2026-12-02")).await.unwrap();
    assert_eq!(wednesday.status, "session", "{}", wednesday.message);
    assert_eq!((wednesday.week, wednesday.day), (Some(1), Some(2)));
    assert_eq!(wednesday.missed, 0);
    // The schedule agrees: Wednesday is the plan's second session.
    let s = schedule_from(&app, &me, "2026-12-02", "1", day("2026-12-02")).await;
    assert_eq!(s.next.as_deref(), Some("w1s2"), "{:?}", s.notes);
}

/// A lifter in pounds reads pounds: after a test session logged in lb, the
/// calibration's estimated 1RM is the e1RM `today` shows (not that number in
/// pounds read as kilograms and converted again), and the load rules name
/// the step in pounds.
#[tokio::test]
async fn a_lifter_in_pounds_reads_the_e1rm_and_the_load_rule_in_pounds() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    let mut me = strength_plan_from_monday(&app).await;
    app.config(
        &mut me,
        upright_app::config::ConfigRequest {
            unit: Some("lb".into()),
        },
    )
    .await
    .unwrap();
    let first = app.today(&me, None, day("2026-11-30")).await.unwrap();
    let rules: Vec<&str> = first
        .exercises
        .iter()
        .map(|e| e.load_rule.as_str())
        .collect();
    assert!(
        rules.iter().any(|r| r.contains("add 5-10 lb (about")),
        "{rules:?}"
    );
    assert!(rules.iter().all(|r| !r.contains(" kg")), "{rules:?}");
    // The whole week, as hinted, at 315 lb at RPE 7 for the deadlift.
    for date in ["2026-11-30", "2026-12-02", "2026-12-04"] {
        let t = app.today(&me, None, day(date)).await.unwrap();
        for e in &t.exercises {
            let mut words = e.log.split_whitespace().skip(2);
            let id = words.next().unwrap().to_string();
            let load = if id == "deadlift" { "315lb" } else { "40lb" };
            let sets = words.next().unwrap().replace("LOAD", load);
            let rpe = words.nth(1).map(str::to_string);
            let req = LogRequest {
                exercise: id,
                sets,
                rpe,
                date: Some(date.into()),
                ..Default::default()
            };
            app.log(&me, req, day(date)).await.unwrap();
        }
    }
    let next = app.today(&me, None, day("2026-12-07")).await.unwrap();
    let dl = next
        .exercises
        .iter()
        .find(|e| e.id == "deadlift")
        .expect("deadlift on the next day 1");
    assert_eq!(dl.e1rm, Some(401.0), "{dl:?}");
    let words: Vec<&str> = dl
        .decision
        .reasons
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert!(
        words.iter().any(|w| w.contains("estimated 1RM 401 lb")),
        "{words:?}"
    );
}
