//! A saved plan as the scheduler's sequence, and where the coaching loop
//! stands in it: how many sessions are done, and when the last heavy one
//! started (so F-ONEDAY's 48 h carry over into a new schedule).
//!
//! The sequence is the plan's sessions in order (week by week, day by day),
//! keyed `w{week}s{day}`: the key names the session, not its date, so a
//! session keeps its key (and its calendar UID) when a missed day slides it.
//!
//! Done sessions are counted, not matched: each day with a workout logged
//! against the plan, from its start, is one session of the sequence done, in
//! order. Miss Monday and Tuesday's workout is session 1 done, and the rest
//! slide along.

use super::availability::Availability;
use super::scheduler::{Location as PlaceKind, SessionToPlace};
use super::time::{local_instant, DAY_MINUTES};
use crate::catalog::Catalog;
use crate::plan::document::{Prescription, Session};
use crate::plan::PlanDocument;
use crate::vocab::{Grade, Location, Pattern};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// One session of the plan's sequence, with where it sits in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSession {
    pub session: SessionToPlace,
    /// The plan's week number (from 1) and the session's day in that week.
    pub week: u8,
    pub day: u8,
    pub deload: bool,
}

/// The key of the session on `day` of plan week `week`.
pub fn session_key(week: u8, day: u8) -> String {
    format!("w{week}s{day}")
}

/// The plan's sessions in order, ready for [`super::schedule`].
///
/// - `minutes`: the planner's estimate (warm-up included), rounded up;
/// - heavy (F-ONEDAY): the session is the week's heavy day, or one of its
///   exercises loads the spine highly;
/// - loaded flexion (E-MCGILL-FLEXION): the catalog has no flexion-under-load
///   attribute, so this is conservative: any exercise of the flexion pattern
///   (the trunk flexes under the legs' weight or a load: crunches, leg
///   raises), and any exercise the catalog does not know.
pub fn plan_sequence(doc: &PlanDocument, catalog: &Catalog) -> Vec<PlanSession> {
    let mut weeks: Vec<_> = doc.weeks.iter().collect();
    weeks.sort_by_key(|w| w.week);
    let mut out = Vec::new();
    for w in weeks {
        let mut sessions: Vec<&Session> = w.sessions.iter().collect();
        sessions.sort_by_key(|s| s.day);
        for s in sessions {
            let seq = out.len() as u32;
            out.push(PlanSession {
                session: SessionToPlace {
                    key: session_key(w.week, s.day),
                    seq,
                    minutes: s.minutes.ceil().clamp(1.0, 720.0) as u16,
                    location: match s.location {
                        Location::Gym => PlaceKind::Gym,
                        Location::Home => PlaceKind::Home,
                    },
                    heavy_spinal_load: s.heavy
                        || s.exercises.iter().any(|e| e.spinal_load == Grade::High),
                    loaded_flexion: s.exercises.iter().any(|e| {
                        catalog
                            .get(&e.id)
                            .is_none_or(|x| x.pattern == Pattern::Flexion)
                    }),
                    summary: summary(s),
                },
                week: w.week,
                day: s.day,
                deload: w.deload,
            });
        }
    }
    out
}

/// One line: the warm-up, then each exercise with its dose.
fn summary(s: &Session) -> String {
    let mut parts = Vec::new();
    if !s.warmup.is_empty() {
        let steps: Vec<&str> = s.warmup.iter().map(|w| w.name.as_str()).collect();
        parts.push(format!("Warm-up: {}", steps.join(", ")));
    }
    parts.extend(s.exercises.iter().map(dose));
    parts.join("; ")
}

fn dose(e: &Prescription) -> String {
    let reps = if e.reps_min == e.reps_max {
        e.reps_max.to_string()
    } else {
        format!("{}-{}", e.reps_min, e.reps_max)
    };
    let side = e.side_words();
    match (e.hold_s, &e.pyramid) {
        (Some(h), Some(p)) => format!(
            "{} pyramid {} x {h} s holds{side}",
            e.name,
            p.iter().map(u32::to_string).collect::<Vec<_>>().join("-")
        ),
        (Some(h), None) if e.reps_max <= 1 => format!("{} {}x{h} s{side}", e.name, e.sets),
        (Some(h), None) => format!("{} {}x{reps} x {h} s{side}", e.name, e.sets),
        (None, _) => format!("{} {}x{reps}{side}", e.name, e.sets),
    }
}

/// A day with a workout logged against the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedDay {
    pub date: NaiveDate,
    /// When the day's first entry was logged (after the session began).
    pub first_logged: DateTime<Utc>,
    /// One of the exercises logged loads the spine highly.
    pub heavy: bool,
}

/// Where the person stands in the sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Sessions done: the next one to place.
    pub next_index: usize,
    /// Latest start the last heavy session done can have had.
    pub last_heavy_start: Option<DateTime<Utc>>,
    /// The heavy session that start belongs to, by key.
    pub last_heavy_key: Option<String>,
}

/// Counts `logged` (distinct days, any order) against `sequence`.
///
/// The start of a heavy day is not logged, only when its sets were: the
/// first entry of that day if it was logged that same day (the session began
/// before it), else the end of that day's free time in `availability` (the
/// latest it can have begun). Both are at or after the real start, so the
/// 48 h counted from them are never too few.
pub fn progress(
    sequence: &[PlanSession],
    logged: &[LoggedDay],
    availability: &Availability,
) -> Progress {
    let mut days: Vec<&LoggedDay> = logged.iter().collect();
    days.sort_by_key(|d| d.date);
    days.dedup_by_key(|d| d.date);
    let next_index = days.len().min(sequence.len());
    let mut out = Progress {
        next_index,
        last_heavy_start: None,
        last_heavy_key: None,
    };
    for (i, d) in days.iter().enumerate() {
        let planned = sequence.get(i).map(|s| &s.session);
        if !(d.heavy || planned.is_some_and(|s| s.heavy_spinal_load)) {
            continue;
        }
        let tz = availability.time_zone;
        let start = if d.first_logged.with_timezone(&tz).date_naive() == d.date {
            d.first_logged
        } else {
            let end = availability
                .windows(d.date.weekday())
                .last()
                .map_or(DAY_MINUTES, |w| w.end());
            local_instant(tz, d.date, end)
        };
        out.last_heavy_start = Some(start);
        out.last_heavy_key =
            Some(planned.map_or_else(|| format!("logged on {}", d.date), |s| s.key.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;
    use chrono::TimeZone;

    fn strength_plan() -> PlanDocument {
        let input = ProfileInput {
            goals: Some(vec!["strength".into()]),
            level: Some("intermediate".into()),
            equipment: Some(vec!["gym".into()]),
            pullups: Some(5),
            ..Default::default()
        };
        plan_for(input)
    }

    fn plan_for(input: ProfileInput) -> PlanDocument {
        let profile = input.into_profile().unwrap();
        crate::plan::plan(&profile, &Catalog::builtin())
            .unwrap()
            .document
    }

    #[test]
    fn the_sequence_is_the_plans_sessions_in_order_with_stable_keys() {
        let doc = strength_plan();
        let seq = plan_sequence(&doc, &Catalog::builtin());
        let total: usize = doc.weeks.iter().map(|w| w.sessions.len()).sum();
        assert_eq!(seq.len(), total);
        assert_eq!(seq[0].session.key, "w1s1");
        assert_eq!(seq[1].session.key, "w1s2");
        assert_eq!(seq[doc.profile.days as usize].session.key, "w2s1");
        for (i, s) in seq.iter().enumerate() {
            assert_eq!(s.session.seq as usize, i);
            let planned = doc
                .weeks
                .iter()
                .find(|w| w.week == s.week)
                .and_then(|w| w.sessions.iter().find(|x| x.day == s.day))
                .unwrap();
            // Warm-up included, rounded up, never shorter than planned.
            assert!(f64::from(s.session.minutes) >= planned.minutes);
            assert!(f64::from(s.session.minutes) < planned.minutes + 1.0);
            for e in &planned.exercises {
                assert!(s.session.summary.contains(&e.name), "{}", s.session.summary);
            }
        }
    }

    #[test]
    fn heavy_means_the_heavy_day_or_a_high_spinal_load_exercise_f_oneday() {
        let doc = strength_plan();
        let seq = plan_sequence(&doc, &Catalog::builtin());
        let mut any_heavy = false;
        for s in &seq {
            let planned = doc
                .weeks
                .iter()
                .find(|w| w.week == s.week)
                .and_then(|w| w.sessions.iter().find(|x| x.day == s.day))
                .unwrap();
            let high = planned
                .exercises
                .iter()
                .any(|e| e.spinal_load == Grade::High);
            assert_eq!(
                s.session.heavy_spinal_load,
                planned.heavy || high,
                "{}",
                s.session.key
            );
            any_heavy |= s.session.heavy_spinal_load;
        }
        assert!(any_heavy, "a strength plan has heavy days");
    }

    #[test]
    fn loaded_flexion_is_the_flexion_pattern_or_an_unknown_exercise_e_mcgill_flexion() {
        let catalog = Catalog::builtin();
        let mut doc = strength_plan();
        let seq = plan_sequence(&doc, &catalog);
        for s in &seq {
            let planned = doc
                .weeks
                .iter()
                .find(|w| w.week == s.week)
                .and_then(|w| w.sessions.iter().find(|x| x.day == s.day))
                .unwrap();
            let flexion = planned
                .exercises
                .iter()
                .any(|e| catalog.get(&e.id).unwrap().pattern == Pattern::Flexion);
            assert_eq!(s.session.loaded_flexion, flexion, "{}", s.session.key);
        }
        // An exercise the catalog does not know counts (conservative).
        doc.weeks[0].sessions[0].exercises[0].id = "not-in-the-catalog".into();
        let seq = plan_sequence(&doc, &catalog);
        assert!(seq[0].session.loaded_flexion);
    }

    fn day(date: &str, logged: DateTime<Utc>, heavy: bool) -> LoggedDay {
        LoggedDay {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            first_logged: logged,
            heavy,
        }
    }

    #[test]
    fn each_logged_day_is_one_session_done_in_order_so_a_missed_one_slides() {
        let doc = strength_plan();
        let seq = plan_sequence(&doc, &Catalog::builtin());
        let av = Availability::new(chrono_tz::Europe::Berlin);
        let t = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 1, d, h, 0, 0).unwrap();
        // Monday done, Wednesday missed, Thursday done: two sessions done.
        let logged = [
            day("2026-01-05", t(5, 18), false),
            day("2026-01-08", t(8, 18), false),
            day("2026-01-08", t(8, 19), false),
        ];
        let p = progress(&seq, &logged, &av);
        assert_eq!(p.next_index, 2);
        assert_eq!(progress(&seq, &[], &av).next_index, 0);
        // Never past the end of the sequence.
        let many: Vec<LoggedDay> = (0..seq.len() + 5)
            .map(|i| {
                day(
                    &format!("2026-{:02}-{:02}", 1 + i / 28, 1 + i % 28),
                    t(1, 12),
                    false,
                )
            })
            .collect();
        assert_eq!(progress(&seq, &many, &av).next_index, seq.len());
    }

    #[test]
    fn the_last_heavy_start_is_never_earlier_than_the_real_one() {
        let doc = strength_plan();
        let seq = plan_sequence(&doc, &Catalog::builtin());
        let heavy_at = seq
            .iter()
            .position(|s| s.session.heavy_spinal_load)
            .unwrap();
        let berlin = chrono_tz::Europe::Berlin;
        let av = Availability::parse("Europe/Berlin", &["mon-fri 06:00-08:00,17:00-20:30"], None)
            .unwrap();
        let mut logged: Vec<LoggedDay> = (0..=heavy_at)
            .map(|i| {
                let d = NaiveDate::from_ymd_opt(2026, 1, 5 + i as u32).unwrap();
                let at = berlin
                    .with_ymd_and_hms(2026, 1, 5 + i as u32, 19, 0, 0)
                    .unwrap()
                    .with_timezone(&Utc);
                LoggedDay {
                    date: d,
                    first_logged: at,
                    heavy: false,
                }
            })
            .collect();
        // Logged the same evening: that moment (after the session began).
        let p = progress(&seq, &logged, &av);
        assert_eq!(p.last_heavy_start, Some(logged[heavy_at].first_logged));
        assert_eq!(
            p.last_heavy_key.as_deref(),
            Some(seq[heavy_at].session.key.as_str())
        );
        // Logged days later: the end of that day's free time (20:30 local).
        let later = logged[heavy_at].first_logged + chrono::Duration::days(3);
        logged[heavy_at].first_logged = later;
        let p = progress(&seq, &logged, &av);
        let date = logged[heavy_at].date;
        let expect = berlin
            .with_ymd_and_hms(date.year(), date.month(), date.day(), 20, 30, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(p.last_heavy_start, Some(expect));
        // A logged day whose own exercises were heavy counts even if its planned session was not.
        let light = seq
            .iter()
            .position(|s| !s.session.heavy_spinal_load)
            .unwrap();
        let logged: Vec<LoggedDay> = (0..=light)
            .map(|i| LoggedDay {
                date: NaiveDate::from_ymd_opt(2026, 2, 2 + i as u32).unwrap(),
                first_logged: Utc
                    .with_ymd_and_hms(2026, 2, 2 + i as u32, 18, 0, 0)
                    .unwrap(),
                heavy: i == light,
            })
            .collect();
        let p = progress(&seq, &logged, &av);
        assert_eq!(p.last_heavy_start, Some(logged[light].first_logged));
    }
}
