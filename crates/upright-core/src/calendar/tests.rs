//! Scheduler tests, one or more per constraint.

use super::scheduler::{
    schedule, Blocker, Fix, Location, PlacedSession, Schedule, ScheduleRequest, SessionToPlace,
};
use super::{Availability, Gym};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

const EXAMPLE_GYM: &str = include_str!("../../../../examples/gym.toml");

fn gym() -> Gym {
    Gym::from_toml_str(EXAMPLE_GYM).unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn sess(key: &str, seq: u32, minutes: u16, location: Location) -> SessionToPlace {
    SessionToPlace {
        key: key.into(),
        seq,
        minutes,
        location,
        heavy_spinal_load: false,
        loaded_flexion: false,
        summary: format!("exercises of {key}"),
    }
}

fn seq(n: u32, minutes: u16, location: Location) -> Vec<SessionToPlace> {
    (0..n)
        .map(|i| sess(&format!("s{i}"), i, minutes, location))
        .collect()
}

fn ny() -> Tz {
    chrono_tz::America::New_York
}

fn berlin() -> Tz {
    chrono_tz::Europe::Berlin
}

fn avail(tz: Tz, specs: &[&str], wake: Option<&str>) -> Availability {
    Availability::parse(tz.name(), specs, wake).unwrap()
}

fn run(
    sessions: &[SessionToPlace],
    from: &str,
    weeks: u32,
    per_week: u32,
    gym: Option<&Gym>,
    availability: &Availability,
) -> Schedule {
    schedule(&ScheduleRequest {
        sessions,
        next_index: 0,
        from: date(from),
        weeks,
        sessions_per_week: per_week,
        gym,
        availability,
        not_before: None,
        last_heavy_start: None,
        rhythm: Default::default(),
    })
    .unwrap()
}

/// `mon 2026-06-01 10:00-11:00` in the place's local time.
fn label(p: &PlacedSession) -> String {
    format!(
        "{} {} {}-{}",
        super::time::weekday_key(p.date.weekday()),
        p.date,
        p.start.format("%H:%M"),
        p.end.format("%H:%M")
    )
}

fn labels(s: &Schedule) -> Vec<String> {
    s.placed.iter().map(label).collect()
}

fn weekdays(s: &Schedule) -> Vec<&'static str> {
    s.placed
        .iter()
        .map(|p| super::time::weekday_key(p.date.weekday()))
        .collect()
}

/// Every session of the sequence is placed or listed after the horizon, in
/// order, and every unfit session has a reason for every day of its week.
fn assert_nothing_dropped(sessions: &[SessionToPlace], next: usize, s: &Schedule) {
    let mut keys: Vec<&str> = s.placed.iter().map(|p| p.key.as_str()).collect();
    keys.extend(s.after_horizon.iter().map(String::as_str));
    let want: Vec<&str> = sessions[next..].iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys, want,
        "placed then after_horizon must be the sequence, in order"
    );
    for w in s.placed.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{} overlaps {}",
            label(&w[0]),
            label(&w[1])
        );
        assert!(
            w[0].date < w[1].date,
            "one session a day: {} then {}",
            label(&w[0]),
            label(&w[1])
        );
    }
    for u in &s.unfit {
        assert_eq!(u.days.len(), 7);
        for v in &u.days {
            assert!(
                !v.reasons.is_empty(),
                "{} on {} has no reason",
                u.key,
                v.date
            );
        }
    }
}

fn assert_inside_gym_hours(gym: &Gym, s: &Schedule) {
    for p in s.placed.iter().filter(|p| p.location == Location::Gym) {
        assert_eq!(p.start.timezone(), gym.time_zone);
        assert!(
            gym.closure_on(p.date).is_none(),
            "{} is on a closure",
            label(p)
        );
        let (a, b) = (
            p.start.hour() * 60 + p.start.minute(),
            p.end.hour() * 60 + p.end.minute(),
        );
        assert_eq!(p.end.date_naive(), p.date, "{} ends another day", label(p));
        assert!(
            gym.hours(p.date.weekday())
                .iter()
                .any(|w| u32::from(w.start()) <= a && b <= u32::from(w.end())),
            "{} is outside the gym's hours",
            label(p)
        );
    }
}

// ---- F-HOURS: opening hours, closing time, closures, availability ----

#[test]
fn gym_sessions_sit_inside_opening_hours_spread_mon_wed_fri_at_one_time() {
    let g = gym();
    let a = Availability::new(ny());
    let sessions = seq(12, 60, Location::Gym);
    let s = run(&sessions, "2026-06-01", 4, 3, Some(&g), &a);
    assert_nothing_dropped(&sessions, 0, &s);
    assert_inside_gym_hours(&g, &s);
    assert!(s.unfit.is_empty() && s.after_horizon.is_empty());
    // 10:00 is the one time of day a 60-minute session fits on all seven days.
    assert_eq!(s.anchors, vec![(Location::Gym, "10:00".to_string())]);
    assert_eq!(
        &labels(&s)[..3],
        [
            "mon 2026-06-01 10:00-11:00",
            "wed 2026-06-03 10:00-11:00",
            "fri 2026-06-05 10:00-11:00"
        ]
    );
    assert_eq!(weekdays(&s), ["mon", "wed", "fri"].repeat(4));
    let p = &s.placed[0];
    assert_eq!(p.place, g.name);
    assert_eq!(p.address.as_deref(), Some(g.address.as_str()));
}

#[test]
fn the_whole_session_ends_by_closing_time() {
    let g = gym();
    // Free from 17:30 on Mondays only; the gym closes at 19:00.
    let a = avail(ny(), &["daily off", "mon 17:30-21:00"], None);
    let fits = run(&seq(1, 90, Location::Gym), "2026-06-01", 1, 1, Some(&g), &a);
    assert_eq!(labels(&fits), ["mon 2026-06-01 17:30-19:00"]);

    let sessions = seq(1, 105, Location::Gym);
    let s = run(&sessions, "2026-06-01", 1, 1, Some(&g), &a);
    assert!(s.placed.is_empty());
    assert_nothing_dropped(&sessions, 0, &s);
    let u = &s.unfit[0];
    assert_eq!(
        u.days[0].reasons,
        vec![Blocker::TooShort {
            longest_minutes: 90,
            needed_minutes: 105
        }]
    );
    assert_eq!(u.days[1].reasons, vec![Blocker::NotAvailable]);
    assert!(
        u.fixes.contains(&Fix::ShorterSession {
            date: date("2026-06-01"),
            minutes: 90
        }),
        "{:?}",
        u.fixes
    );
    // An earlier slot: 17:15 would make it fit before closing.
    assert!(
        u.fixes.contains(&Fix::FreeAt {
            date: date("2026-06-01"),
            window: "17:15-19:00".into()
        }),
        "{:?}",
        u.fixes
    );
    assert_eq!(u.placed_in_week, None);
    assert_eq!(s.after_horizon, ["s0"]);
}

#[test]
fn weekend_hours_are_the_gyms_ten_to_five() {
    let g = gym();
    let a = avail(ny(), &["mon-fri off", "sat,sun 07:00-12:00"], None);
    let s = run(&seq(2, 60, Location::Gym), "2026-06-01", 1, 2, Some(&g), &a);
    assert_eq!(
        labels(&s),
        ["sat 2026-06-06 10:00-11:00", "sun 2026-06-07 10:00-11:00"]
    );
    assert_inside_gym_hours(&g, &s);
}

#[test]
fn a_gym_closure_is_never_used_and_is_reported_with_its_reason() {
    let mut g = gym();
    g.add_closure(date("2026-06-02"), date("2026-06-04"), "Floor renovation")
        .unwrap();
    let a = Availability::new(ny());
    let sessions = seq(3, 60, Location::Gym);
    let s = run(&sessions, "2026-06-01", 1, 3, Some(&g), &a);
    assert_inside_gym_hours(&g, &s);
    // Mon, Fri, then Sat: {Fri, Sun} would leave Sun-Mon back to back instead.
    assert_eq!(weekdays(&s), ["mon", "fri", "sat"]);

    // Closed the whole week: nothing fits, every day says why, the sequence slides.
    g.add_closure(date("2026-06-01"), date("2026-06-07"), "Summer break")
        .unwrap();
    let sessions = seq(4, 60, Location::Gym);
    let s = run(&sessions, "2026-06-01", 2, 2, Some(&g), &a);
    assert_nothing_dropped(&sessions, 0, &s);
    assert_eq!(s.unfit.len(), 1);
    let u = &s.unfit[0];
    assert_eq!(
        (u.week, u.key.as_str(), u.waiting.clone()),
        (1, "s0", vec!["s1".to_string()])
    );
    // Where closures overlap, the one that starts first is named.
    assert_eq!(
        u.days[1].reasons,
        vec![Blocker::Closure {
            reason: "Summer break".into()
        }]
    );
    assert_eq!(
        u.days[6].reasons,
        vec![Blocker::Closure {
            reason: "Summer break".into()
        }]
    );
    assert_eq!(u.placed_in_week, Some(2));
    assert_eq!(
        labels(&s),
        ["mon 2026-06-08 10:00-11:00", "thu 2026-06-11 10:00-11:00"]
    );
    assert_eq!(s.after_horizon, ["s2", "s3"]);
}

#[test]
fn free_time_only_outside_the_gyms_hours_fits_no_gym_session() {
    let g = gym();
    let a = avail(ny(), &["mon-fri 19:30-22:00", "sat,sun off"], None);
    let sessions = seq(4, 60, Location::Gym);
    let s = run(&sessions, "2026-06-01", 2, 2, Some(&g), &a);
    assert!(s.placed.is_empty());
    assert_nothing_dropped(&sessions, 0, &s);
    assert_eq!(s.unfit.len(), 2, "the same first session fails both weeks");
    let u = &s.unfit[0];
    assert_eq!(
        u.days[0].reasons,
        vec![Blocker::NoCommonTime {
            gym_hours: vec!["07:00-19:00".into()],
            available: vec!["19:30-22:00".into()]
        }]
    );
    assert_eq!(u.days[5].reasons, vec![Blocker::NotAvailable]);
    assert!(u.days[0].reasons[0].to_string().contains("F-HOURS"));
    // The latest gym slot, nearest the person's evening.
    assert_eq!(
        u.fixes,
        vec![Fix::FreeAt {
            date: date("2026-06-01"),
            window: "18:00-19:00".into()
        }]
    );
    // Home sessions are unaffected by the gym's hours.
    let s = run(
        &seq(2, 60, Location::Home),
        "2026-06-01",
        1,
        2,
        Some(&g),
        &a,
    );
    assert_eq!(
        labels(&s),
        ["mon 2026-06-01 19:30-20:30", "thu 2026-06-04 19:30-20:30"]
    );
    assert_eq!(s.placed[0].place, "Home");
    assert_eq!(s.placed[0].address, None);
}

#[test]
fn no_gym_is_a_reason_not_a_silent_skip() {
    let a = Availability::new(ny());
    let sessions = vec![
        sess("g", 0, 60, Location::Gym),
        sess("h", 1, 60, Location::Home),
    ];
    let s = run(&sessions, "2026-06-01", 1, 2, None, &a);
    assert!(s.placed.is_empty());
    assert_nothing_dropped(&sessions, 0, &s);
    assert!(s.unfit[0]
        .days
        .iter()
        .all(|v| v.reasons == vec![Blocker::NoGym]));
}

#[test]
fn a_week_that_cannot_hold_the_plan_says_what_does_not_fit_and_why() {
    let a = avail(berlin(), &["daily off", "mon,wed 18:00-20:00"], None);
    let sessions = seq(6, 60, Location::Home);
    let s = run(&sessions, "2026-06-01", 2, 3, None, &a);
    assert_nothing_dropped(&sessions, 0, &s);
    assert_eq!(
        labels(&s),
        [
            "mon 2026-06-01 18:00-19:00",
            "wed 2026-06-03 18:00-19:00",
            "mon 2026-06-08 18:00-19:00",
            "wed 2026-06-10 18:00-19:00"
        ]
    );
    assert_eq!(s.unfit.len(), 2);
    let u = &s.unfit[0];
    assert_eq!((u.week, u.key.as_str()), (1, "s2"));
    assert!(u.waiting.is_empty());
    assert_eq!(u.days[0].reasons, vec![Blocker::Taken { by: "s0".into() }]);
    assert_eq!(
        u.days[1].reasons,
        vec![Blocker::OutOfOrder { after: "s1".into() }]
    );
    assert_eq!(u.days[2].reasons, vec![Blocker::Taken { by: "s1".into() }]);
    assert_eq!(u.days[3].reasons, vec![Blocker::NotAvailable]);
    assert_eq!(u.fixes, vec![Fix::FewerPerWeek { fits: 2 }]);
    assert_eq!(u.placed_in_week, Some(2), "s2 slides to week 2");
    assert_eq!(s.unfit[1].key, "s4");
    assert_eq!(s.after_horizon, ["s4", "s5"]);
}

// ---- daylight saving ----

#[test]
fn seven_oclock_stays_seven_oclock_across_both_changes() {
    let g = gym();
    let a = avail(ny(), &["mon-fri 07:00-08:30", "sat,sun off"], None);
    // Spring: clocks go forward on Sunday 2026-03-08.
    let s = run(&seq(3, 60, Location::Gym), "2026-02-23", 3, 1, Some(&g), &a);
    assert_eq!(
        labels(&s),
        [
            "mon 2026-02-23 07:00-08:00",
            "mon 2026-03-02 07:00-08:00",
            "mon 2026-03-09 07:00-08:00"
        ]
    );
    let utc: Vec<u32> = s
        .placed
        .iter()
        .map(|p| p.start.with_timezone(&Utc).hour())
        .collect();
    assert_eq!(
        utc,
        [12, 12, 11],
        "same wall clock, one hour earlier in UTC after the change"
    );
    // Autumn: clocks go back on Sunday 2026-11-01.
    let s = run(&seq(2, 60, Location::Gym), "2026-10-26", 2, 1, Some(&g), &a);
    assert_eq!(
        labels(&s),
        ["mon 2026-10-26 07:00-08:00", "mon 2026-11-02 07:00-08:00"]
    );
    let utc: Vec<u32> = s
        .placed
        .iter()
        .map(|p| p.start.with_timezone(&Utc).hour())
        .collect();
    assert_eq!(utc, [11, 12]);
    assert_inside_gym_hours(&g, &s);
}

#[test]
fn spring_forward_a_missing_local_time_is_read_past_the_gap() {
    // Free Sundays 02:30-04:00; on 2026-03-29 Berlin skips 02:00-03:00, so that
    // night 02:30 is read with the pre-gap offset (RFC 5545): 01:30 UTC = 03:30 CEST,
    // and the window holds 30 real minutes.
    let a = avail(berlin(), &["daily off", "sun 02:30-04:00"], None);
    let s = run(&seq(2, 30, Location::Home), "2026-03-22", 2, 1, None, &a);
    // 03:30 is the one start both Sundays allow: it becomes the anchor.
    assert_eq!(
        labels(&s),
        ["sun 2026-03-22 03:30-04:00", "sun 2026-03-29 03:30-04:00"]
    );
    assert_eq!(
        s.placed[1].start.with_timezone(&Utc),
        Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap()
    );
    assert_eq!(s.placed[1].start.format("%z").to_string(), "+0200");
    let sessions = seq(1, 45, Location::Home);
    let s = run(&sessions, "2026-03-29", 1, 1, None, &a);
    assert_eq!(
        s.unfit[0].days[0].reasons,
        vec![Blocker::TooShort {
            longest_minutes: 30,
            needed_minutes: 45
        }]
    );
    // A week earlier the same window had 90 minutes.
    let s = run(&sessions, "2026-03-22", 1, 1, None, &a);
    assert_eq!(labels(&s), ["sun 2026-03-22 02:30-03:15"]);
}

#[test]
fn spring_forward_a_session_across_the_gap_lasts_its_real_minutes() {
    let a = avail(berlin(), &["daily off", "sun 01:30-04:00"], None);
    let s = run(&seq(2, 45, Location::Home), "2026-03-22", 2, 1, None, &a);
    assert_eq!(
        labels(&s),
        ["sun 2026-03-22 01:30-02:15", "sun 2026-03-29 01:30-03:15"]
    );
    assert_eq!(s.placed[1].end - s.placed[1].start, Duration::minutes(45));
}

#[test]
fn fall_back_no_session_starts_or_ends_in_the_doubled_hour() {
    // Free Sundays 02:00-04:00; on 2026-10-25 Berlin lives 02:00-03:00 twice.
    let a = avail(berlin(), &["daily off", "sun 02:00-04:00"], None);
    let s = run(&seq(2, 30, Location::Home), "2026-10-18", 2, 1, None, &a);
    // 03:00 is the earliest start both Sundays allow (02:xx is doubled on the 25th).
    assert_eq!(
        labels(&s),
        ["sun 2026-10-18 03:00-03:30", "sun 2026-10-25 03:00-03:30"]
    );
    assert_eq!(s.placed[0].start.format("%z").to_string(), "+0200");
    assert_eq!(s.placed[1].start.format("%z").to_string(), "+0100");
    // A week earlier 02:00 itself is fine.
    let s = run(&seq(1, 30, Location::Home), "2026-10-18", 1, 1, None, &a);
    assert_eq!(labels(&s), ["sun 2026-10-18 02:00-02:30"]);

    // When only the doubled hour is free, the session does not fit that day, and says why.
    let a = avail(berlin(), &["daily off", "sun 02:00-03:00"], None);
    let sessions = seq(1, 30, Location::Home);
    let s = run(&sessions, "2026-10-19", 1, 1, None, &a);
    assert_nothing_dropped(&sessions, 0, &s);
    assert_eq!(s.unfit[0].days[6].reasons, vec![Blocker::DaylightSaving]);
}

// ---- the sequence slides ----

#[test]
fn a_missed_session_slides_the_rest_from_today() {
    let a = Availability::new(berlin());
    let sessions = seq(6, 45, Location::Home);
    let first = run(&sessions, "2026-06-01", 2, 3, None, &a);
    assert_eq!(first.placed[0].key, "s0");
    assert_eq!(weekdays(&first), ["mon", "wed", "fri", "mon", "wed", "fri"]);

    // s0 (Monday) was missed; on Wednesday at noon the schedule is recomputed:
    // s0 is still next, the rest follow it, nothing starts before now.
    let now = Utc.with_ymd_and_hms(2026, 6, 3, 10, 0, 0).unwrap(); // 12:00 in Berlin
    let s = schedule(&ScheduleRequest {
        sessions: &sessions,
        next_index: 0,
        from: date("2026-06-03"),
        weeks: 2,
        sessions_per_week: 3,
        gym: None,
        availability: &a,
        not_before: Some(now),
        last_heavy_start: None,
        rhythm: Default::default(),
    })
    .unwrap();
    assert_nothing_dropped(&sessions, 0, &s);
    assert_eq!(s.placed[0].key, "s0");
    assert!(s.placed.iter().all(|p| p.start.with_timezone(&Utc) >= now));
    // Today's morning is gone: the usual time (06:00) tomorrow beats noon today.
    assert_eq!(
        labels(&s)[..3],
        [
            "thu 2026-06-04 06:00-06:45",
            "sat 2026-06-06 06:00-06:45",
            "mon 2026-06-08 06:00-06:45"
        ]
    );
    assert_eq!(s.unfit, vec![]);
    // Every day needed: today takes the first start after now.
    let s = schedule(&ScheduleRequest {
        sessions: &seq(7, 45, Location::Home),
        next_index: 0,
        from: date("2026-06-03"),
        weeks: 1,
        sessions_per_week: 7,
        gym: None,
        availability: &a,
        not_before: Some(now),
        last_heavy_start: None,
        rhythm: Default::default(),
    })
    .unwrap();
    assert_eq!(label(&s.placed[0]), "wed 2026-06-03 12:00-12:45");

    // s0 done, s1 missed: the next index is 1 and s1 leads.
    let s = schedule(&ScheduleRequest {
        next_index: 1,
        not_before: None,
        from: date("2026-06-04"),
        ..ScheduleRequest {
            sessions: &sessions,
            next_index: 0,
            from: date("2026-06-04"),
            weeks: 2,
            sessions_per_week: 3,
            gym: None,
            availability: &a,
            not_before: None,
            last_heavy_start: None,
            rhythm: Default::default(),
        }
    })
    .unwrap();
    assert_nothing_dropped(&sessions, 1, &s);
    assert_eq!(
        s.placed.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(),
        ["s1", "s2", "s3", "s4", "s5"]
    );
    assert_eq!(label(&s.placed[0]), "thu 2026-06-04 06:00-06:45");
}

// ---- F-ONEDAY: 48 h between heavy sessions ----

fn heavy(key: &str, seq: u32) -> SessionToPlace {
    SessionToPlace {
        heavy_spinal_load: true,
        ..sess(key, seq, 60, Location::Gym)
    }
}

#[test]
fn heavy_sessions_are_48_hours_apart_start_to_start() {
    let g = gym();
    let a = avail(ny(), &["daily off", "mon-wed 07:00-08:00"], None);
    let sessions = vec![
        heavy("h1", 0),
        sess("l1", 1, 60, Location::Gym),
        heavy("h2", 2),
    ];
    let s = run(&sessions, "2026-06-01", 1, 3, Some(&g), &a);
    assert_eq!(
        labels(&s),
        [
            "mon 2026-06-01 07:00-08:00",
            "tue 2026-06-02 07:00-08:00",
            "wed 2026-06-03 07:00-08:00"
        ]
    );
    assert_eq!(s.placed[2].start - s.placed[0].start, Duration::hours(48));

    // Two heavy sessions, only Monday and Tuesday free: the second waits.
    let a = avail(ny(), &["daily off", "mon,tue 07:00-08:00"], None);
    let sessions = vec![heavy("h1", 0), heavy("h2", 1)];
    let s = run(&sessions, "2026-06-01", 2, 2, Some(&g), &a);
    assert_nothing_dropped(&sessions, 0, &s);
    assert_eq!(
        labels(&s),
        ["mon 2026-06-01 07:00-08:00", "mon 2026-06-08 07:00-08:00"]
    );
    let u = &s.unfit[0];
    let earliest = Utc.with_ymd_and_hms(2026, 6, 3, 11, 0, 0).unwrap();
    assert_eq!(
        u.days[1].reasons,
        vec![Blocker::HeavySpacing {
            previous: "h1".into(),
            earliest
        }]
    );
    assert!(u.days[1].reasons[0].to_string().contains("F-ONEDAY"));
    assert!(u.fixes.contains(&Fix::StartFrom { at: earliest }));
    assert_eq!(u.placed_in_week, Some(2));
}

#[test]
fn a_heavy_session_done_before_the_schedule_counts() {
    let g = gym();
    let a = Availability::new(ny());
    // Deadlifts on Sunday 18:00 local: no heavy session before Tuesday 18:00.
    let done = ny()
        .with_ymd_and_hms(2026, 5, 31, 18, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let sessions = vec![heavy("h", 0)];
    let req = ScheduleRequest {
        sessions: &sessions,
        next_index: 0,
        from: date("2026-06-01"),
        weeks: 1,
        sessions_per_week: 1,
        gym: Some(&g),
        availability: &a,
        not_before: None,
        last_heavy_start: Some(done),
        rhythm: Default::default(),
    };
    let s = schedule(&req).unwrap();
    assert!(s.placed[0].start.with_timezone(&Utc) >= done + Duration::hours(48));
    assert_eq!(
        labels(&s),
        ["wed 2026-06-03 10:00-11:00"],
        "the anchor time on the first day it is allowed"
    );
    let s = schedule(&ScheduleRequest {
        last_heavy_start: None,
        rhythm: Default::default(),
        ..req
    })
    .unwrap();
    assert_eq!(labels(&s), ["mon 2026-06-01 10:00-11:00"]);
}

// ---- E-MCGILL-FLEXION: no loaded flexion in the 30 minutes after waking ----

#[test]
fn loaded_flexion_waits_thirty_minutes_after_waking() {
    let a = avail(berlin(), &["daily 06:00-07:30"], Some("06:00"));
    let flexion = SessionToPlace {
        loaded_flexion: true,
        ..sess("f", 0, 45, Location::Home)
    };
    let plain = sess("p", 1, 45, Location::Home);
    let sessions = vec![flexion, plain];
    let s = run(&sessions, "2026-06-01", 1, 2, None, &a);
    assert_eq!(
        labels(&s),
        ["mon 2026-06-01 06:30-07:15", "thu 2026-06-04 06:00-06:45"]
    );
    assert!(s.notes.is_empty());

    // Only 06:00-06:50 free: a 45-minute loaded-flexion session cannot start late enough.
    let a = avail(berlin(), &["daily 06:00-06:50"], Some("06:00"));
    let sessions = vec![SessionToPlace {
        loaded_flexion: true,
        ..sess("f", 0, 45, Location::Home)
    }];
    let s = run(&sessions, "2026-06-01", 1, 1, None, &a);
    assert_nothing_dropped(&sessions, 0, &s);
    let u = &s.unfit[0];
    assert_eq!(
        u.days[0].reasons,
        vec![Blocker::WakeRule {
            wake: "06:00".into(),
            earliest: "06:30".into()
        }]
    );
    assert!(u.days[0].reasons[0]
        .to_string()
        .contains("E-MCGILL-FLEXION"));
    assert_eq!(
        u.fixes,
        vec![Fix::AfterWake {
            date: date("2026-06-01"),
            from: "06:30".into()
        }]
    );

    // Without a wake time the rule cannot be checked: placed, with a note saying so.
    let a = avail(berlin(), &["daily 06:00-06:50"], None);
    let s = run(&sessions, "2026-06-01", 1, 1, None, &a);
    assert_eq!(labels(&s), ["mon 2026-06-01 06:00-06:45"]);
    assert!(s.notes[0].contains("E-MCGILL-FLEXION"), "{:?}", s.notes);
}

// ---- spreading ----

#[test]
fn sessions_spread_over_the_week_at_one_time_of_day() {
    let a = Availability::new(berlin());
    let s = run(&seq(4, 45, Location::Home), "2026-06-01", 2, 2, None, &a);
    assert_eq!(weekdays(&s), ["mon", "thu", "mon", "thu"]);
    let s = run(&seq(8, 45, Location::Home), "2026-06-01", 2, 4, None, &a);
    // Four a week: one pair of neighbouring days is unavoidable; the earliest such set wins.
    assert_eq!(
        weekdays(&s),
        ["mon", "tue", "thu", "sat", "mon", "tue", "thu", "sat"]
    );
    let s = run(&seq(1, 45, Location::Home), "2026-06-01", 1, 1, None, &a);
    assert_eq!(weekdays(&s), ["mon"]);
    // Weeks run from the start date: from a Thursday, Thu/Sat/Mon, then Thu again.
    let s = run(&seq(6, 45, Location::Home), "2026-06-04", 2, 3, None, &a);
    assert_eq!(weekdays(&s), ["thu", "sat", "mon", "thu", "sat", "mon"]);
    assert!(s
        .placed
        .iter()
        .all(|p| p.start.format("%H:%M").to_string() == "06:00"));
}

#[test]
fn spreading_avoids_back_to_back_days_across_weeks() {
    // "Now" is Sunday morning: week one holds only Sunday, so week two
    // starts on Tuesday, not the Monday right after it.
    let a2 = Availability::new(berlin());
    let s = schedule(&ScheduleRequest {
        sessions: &seq(4, 45, Location::Home),
        next_index: 0,
        from: date("2026-06-01"),
        weeks: 1,
        sessions_per_week: 3,
        gym: None,
        availability: &a2,
        not_before: Some(Utc.with_ymd_and_hms(2026, 6, 7, 0, 0, 0).unwrap()),
        last_heavy_start: None,
        rhythm: Default::default(),
    })
    .unwrap();
    // Only Sunday is left this week: one session, the other two wait.
    assert_eq!(weekdays(&s), ["sun"]);
    assert_eq!(s.unfit[0].days[0].reasons, vec![Blocker::Past]);
    let s = schedule(&ScheduleRequest {
        sessions: &seq(4, 45, Location::Home),
        next_index: 0,
        from: date("2026-06-01"),
        weeks: 2,
        sessions_per_week: 3,
        gym: None,
        availability: &a2,
        not_before: Some(Utc.with_ymd_and_hms(2026, 6, 7, 0, 0, 0).unwrap()),
        last_heavy_start: None,
        rhythm: Default::default(),
    })
    .unwrap();
    assert_eq!(weekdays(&s), ["sun", "tue", "thu", "sat"]);
}

// ---- inputs ----

#[test]
fn bad_requests_name_the_field() {
    let a = Availability::new(berlin());
    let sessions = seq(2, 45, Location::Home);
    let base = ScheduleRequest {
        sessions: &sessions,
        next_index: 0,
        from: date("2026-06-01"),
        weeks: 1,
        sessions_per_week: 2,
        gym: None,
        availability: &a,
        not_before: None,
        last_heavy_start: None,
        rhythm: Default::default(),
    };
    let field = |r: ScheduleRequest<'_>| schedule(&r).unwrap_err().field;
    assert_eq!(
        field(ScheduleRequest {
            weeks: 0,
            ..base.clone()
        }),
        "weeks"
    );
    assert_eq!(
        field(ScheduleRequest {
            sessions_per_week: 8,
            ..base.clone()
        }),
        "sessions_per_week"
    );
    assert_eq!(
        field(ScheduleRequest {
            next_index: 3,
            ..base.clone()
        }),
        "next_index"
    );
    let dup = vec![
        sess("x", 0, 45, Location::Home),
        sess("x", 1, 45, Location::Home),
    ];
    assert_eq!(
        field(ScheduleRequest {
            sessions: &dup,
            ..base.clone()
        }),
        "sessions[1].key"
    );
    let zero = vec![sess("x", 0, 0, Location::Home)];
    assert_eq!(
        field(ScheduleRequest {
            sessions: &zero,
            ..base.clone()
        }),
        "sessions[0].minutes"
    );
    // Everything done: an empty schedule, not an error.
    let s = schedule(&ScheduleRequest {
        next_index: 2,
        ..base
    })
    .unwrap();
    assert!(s.placed.is_empty() && s.unfit.is_empty() && s.after_horizon.is_empty());
}

#[test]
fn same_inputs_same_schedule_and_nothing_dropped_over_many_shapes() {
    let g = gym();
    let avails = [
        Availability::new(ny()),
        avail(
            ny(),
            &[
                "mon-fri 06:30-08:00,18:00-21:00",
                "sat 09:00-12:00",
                "sun off",
            ],
            Some("06:00"),
        ),
        avail(ny(), &["daily off", "tue 18:30-20:00"], None),
    ];
    for a in &avails {
        for per_week in 1..=7 {
            for minutes in [30, 60, 95] {
                let mut sessions: Vec<SessionToPlace> = (0..10u32)
                    .map(|i| SessionToPlace {
                        heavy_spinal_load: i % 3 == 0,
                        loaded_flexion: i % 4 == 1,
                        ..sess(
                            &format!("k{i}"),
                            i,
                            minutes,
                            if i % 2 == 0 {
                                Location::Gym
                            } else {
                                Location::Home
                            },
                        )
                    })
                    .collect();
                sessions[3].minutes = 150;
                let one = run(&sessions, "2026-10-19", 3, per_week, Some(&g), a);
                let two = run(&sessions, "2026-10-19", 3, per_week, Some(&g), a);
                assert_eq!(one, two);
                assert_nothing_dropped(&sessions, 0, &one);
                assert_inside_gym_hours(&g, &one);
                let heavy: Vec<DateTime<Utc>> = one
                    .placed
                    .iter()
                    .filter(|p| p.heavy_spinal_load)
                    .map(|p| p.start.with_timezone(&Utc))
                    .collect();
                assert!(heavy.windows(2).all(|w| w[1] - w[0] >= Duration::hours(48)));
                for p in one.placed.iter().filter(|p| p.loaded_flexion) {
                    if let Some(w) = a.wake {
                        let local = p.start.with_timezone(&a.time_zone);
                        let m =
                            (local.hour() * 60 + local.minute()) as i64 - i64::from(w.minutes());
                        assert!(
                            !(0..30).contains(&m),
                            "{} within 30 min of waking",
                            label(p)
                        );
                    }
                }
                for p in &one.placed {
                    let av = a.windows(p.start.with_timezone(&a.time_zone).weekday());
                    let local = p.start.with_timezone(&a.time_zone);
                    let s = (local.hour() * 60 + local.minute()) as u16;
                    assert!(
                        av.iter()
                            .any(|w| w.start() <= s && s + p.minutes <= w.end()),
                        "{} outside availability",
                        label(p)
                    );
                }
            }
        }
    }
}

// ---- properties over random inputs ----

mod properties {
    use super::*;
    use crate::calendar::time::{parse_weekdays, parse_windows, TimeOfDay, Window};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn parsers_never_panic(text in "\\PC{0,40}", spec in "(mon|tue|daily|sat,sun|mon-fri) [0-9:,-]{0,20}") {
            let _ = parse_windows(&text);
            let _ = parse_weekdays(&text);
            let _ = TimeOfDay::parse(&text);
            let _ = Gym::from_toml_str(&text);
            let mut a = Availability::new(berlin());
            let _ = a.apply(&text);
            let _ = a.apply(&spec);
        }

        /// Random availability, wake time and sequence: every placed session
        /// honours every hard constraint, and nothing is dropped.
        #[test]
        fn placements_honour_every_constraint(
            windows in proptest::collection::vec((0u16..80, 1u16..40), 7),
            wake in proptest::option::of(0u16..96),
            kinds in proptest::collection::vec((0u8..4, 2u16..12), 1..12),
            per_week in 1u32..=7,
            from_offset in 0i64..400,
        ) {
            let g = gym();
            let mut a = Availability::new(ny());
            for (i, (start, len)) in windows.iter().enumerate() {
                let start = start * 15;
                // Short of 24:00: a session may run on into a window that starts at
                // midnight, which this check would not see as one stretch.
                let end = (start + len * 15).min(1425);
                a.set_day(super::super::time::weekday_at(i), Window::new(start, end).into_iter().collect());
            }
            a.wake = wake.and_then(|w| TimeOfDay::from_minutes(w * 15));
            let sessions: Vec<SessionToPlace> = kinds
                .iter()
                .enumerate()
                .map(|(i, &(k, len))| SessionToPlace {
                    heavy_spinal_load: k == 0,
                    loaded_flexion: k == 1,
                    ..sess(&format!("p{i}"), i as u32, len * 10, if k % 2 == 0 { Location::Gym } else { Location::Home })
                })
                .collect();
            let from = date("2026-01-05") + Duration::days(from_offset);
            let s = schedule(&ScheduleRequest {
                sessions: &sessions,
                next_index: 0,
                from,
                weeks: 3,
                sessions_per_week: per_week,
                gym: Some(&g),
                availability: &a,
                not_before: None,
                last_heavy_start: None,
                rhythm: Default::default(),
            })
            .unwrap();
            assert_nothing_dropped(&sessions, 0, &s);
            assert_inside_gym_hours(&g, &s);
            let heavy: Vec<DateTime<Utc>> =
                s.placed.iter().filter(|p| p.heavy_spinal_load).map(|p| p.start.with_timezone(&Utc)).collect();
            prop_assert!(heavy.windows(2).all(|w| w[1] - w[0] >= Duration::hours(48)));
            for p in &s.placed {
                let local = p.start.with_timezone(&a.time_zone);
                let m = (local.hour() * 60 + local.minute()) as u16;
                let free = a.windows(local.weekday());
                prop_assert!(free.iter().any(|w| w.start() <= m && m + p.minutes <= w.end()), "{} outside availability", label(p));
                if let (true, Some(w)) = (p.loaded_flexion, a.wake) {
                    prop_assert!(!(w.minutes()..w.minutes() + 30).contains(&m), "{} within 30 min of waking", label(p));
                }
                prop_assert_eq!(p.end - p.start, Duration::minutes(i64::from(p.minutes)));
            }
            for w in 0..3u32 {
                prop_assert!(s.placed.iter().filter(|p| p.week == w + 1).count() <= per_week as usize);
            }
        }
    }
}

/// With nothing in the way, the plan's own weekdays decide among equally
/// spaced weeks, and the last session done counts in the spacing.
#[test]
fn the_plans_weekdays_win_among_equally_spaced_weeks() {
    let sessions = seq(6, 45, Location::Home);
    let free = avail(berlin(), &["mon-sun 07:00-20:00"], None);
    let with = |rhythm: super::PlanRhythm| {
        schedule(&ScheduleRequest {
            sessions: &sessions,
            next_index: 0,
            // A Tuesday.
            from: date("2026-12-01"),
            weeks: 2,
            sessions_per_week: 3,
            gym: None,
            availability: &free,
            not_before: None,
            last_heavy_start: None,
            rhythm,
        })
        .unwrap()
    };
    let days = |s: &Schedule| -> Vec<String> {
        s.placed
            .iter()
            .map(|p| super::time::weekday_key(p.date.weekday()).to_string())
            .collect()
    };
    // No preference: the earliest of the evenly spaced sets, from Tuesday.
    let plain = with(Default::default());
    assert_eq!(days(&plain)[0], "tue", "{:?}", days(&plain));
    // Monday, Wednesday, Friday: the week keeps them.
    let mwf = super::PlanRhythm {
        weekdays: [true, false, true, false, true, false, false],
        last_done: None,
    };
    assert_eq!(
        days(&with(mwf)),
        ["wed", "fri", "mon", "wed", "fri", "mon"],
        "{:?}",
        days(&with(mwf))
    );
    // Without a preference, a session done on Monday keeps Tuesday free.
    let after_monday = with(super::PlanRhythm {
        weekdays: [false; 7],
        last_done: Some(date("2026-11-30")),
    });
    assert_ne!(days(&after_monday)[0], "tue", "{:?}", days(&after_monday));
}

#[test]
fn the_plans_last_sessions_keep_its_days_not_the_whole_week() {
    // A 3-day plan (Mon/Wed/Fri) with two sessions left, scheduled from the
    // Tuesday after Monday's session: Wednesday and Friday, not Friday and
    // the Monday after (which a week of two sessions would space further).
    let sessions = seq(2, 45, Location::Home);
    let free = avail(berlin(), &["mon-sun 07:00-20:00"], None);
    let s = schedule(&ScheduleRequest {
        sessions: &sessions,
        next_index: 0,
        from: date("2026-12-01"),
        weeks: 1,
        sessions_per_week: 3,
        gym: None,
        availability: &free,
        not_before: None,
        last_heavy_start: None,
        rhythm: super::PlanRhythm {
            weekdays: [true, false, true, false, true, false, false],
            last_done: Some(date("2026-11-30")),
        },
    })
    .unwrap();
    let days: Vec<&str> = s
        .placed
        .iter()
        .map(|p| super::time::weekday_key(p.date.weekday()))
        .collect();
    assert_eq!(days, ["wed", "fri"]);
}
