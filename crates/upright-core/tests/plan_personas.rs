//! Plans checked the way a coach checks them: one persona a test, each assertion
//! something a coach would look for first (a squat and a hinge for the strength
//! lifter, pull-ups for someone who can do twelve, the Big 3 every day for a
//! recovering back, a loaded hinge for the beginner by week 6).

use upright_core::catalog::Catalog;
use upright_core::plan::{plan, PlanDocument, Prescription, Session};
use upright_core::profile::ProfileInput;

fn doc(json: &str) -> PlanDocument {
    let input: ProfileInput = serde_json::from_str(json).expect("profile");
    let p = input.into_profile().expect("valid profile");
    plan(&p, &Catalog::builtin()).expect("plans").document
}

fn all(d: &PlanDocument) -> impl Iterator<Item = (u8, &Session, &Prescription)> {
    d.weeks.iter().flat_map(|w| {
        w.sessions
            .iter()
            .flat_map(move |s| s.exercises.iter().map(move |e| (w.week, s, e)))
    })
}

/// Every working set of a week.
fn week_sets(w: &upright_core::plan::Week) -> u32 {
    w.sessions
        .iter()
        .flat_map(|s| &s.exercises)
        .map(|e| e.sets)
        .sum()
}

/// The plan's note that starts with `head`, if it has one.
fn note<'d>(d: &'d PlanDocument, head: &str) -> Option<&'d str> {
    d.notes
        .iter()
        .find(|n| n.starts_with(head))
        .map(String::as_str)
}

fn has(d: &PlanDocument, week: u8, id: &str) -> bool {
    all(d).any(|(w, _, e)| w == week && e.id == id)
}

#[test]
fn strength_lifter_squats_and_deadlifts_on_the_heavy_day_with_ramp_sets() {
    let d = doc(
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60,"pullups":8}"#,
    );
    for w in d.weeks.iter().filter(|w| !w.deload) {
        let day1 = &w.sessions[0];
        assert!(day1.heavy);
        let ids: Vec<&str> = day1.exercises.iter().map(|e| e.id.as_str()).collect();
        assert!(ids.contains(&"deadlift"), "week {}: {ids:?}", w.week);
        assert!(ids.contains(&"back-squat"), "week {}: {ids:?}", w.week);
        for e in day1
            .exercises
            .iter()
            .filter(|e| e.id == "deadlift" || e.id == "back-squat")
        {
            assert!(e.reps_max <= 6 && e.sets >= 2 && e.ramp.is_some(), "{e:?}");
        }
    }
    // A row and a vertical pull in the week.
    assert!(all(&d).any(|(w, _, e)| w == 1 && e.slot == "a horizontal row"));
    assert!(all(&d).any(|(w, _, e)| w == 1 && e.slot == "a vertical pull"));
}

#[test]
fn twelve_pull_ups_get_pull_ups_with_reps_in_reserve_at_their_rpe() {
    let d = doc(
        r#"{"goals":["physique"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60,"pullups":12}"#,
    );
    let pulls: Vec<(u8, &Prescription)> = all(&d)
        .filter(|(_, _, e)| e.id == "pull-up" || e.id == "chin-up")
        .map(|(w, _, e)| (w, e))
        .collect();
    assert!(!pulls.is_empty(), "no pull-ups for someone who does 12");
    for (w, e) in &pulls {
        // E-RPE: the top of the range is 12 less the reps in reserve at the set's
        // RPE (RPE 7.5, about 2.5 in reserve: 9), never an all-out set of 12.
        assert!(
            1 <= e.reps_min && e.reps_min <= e.reps_max && e.reps_max <= 10,
            "week {w}: {e:?}"
        );
        if !d.weeks[usize::from(*w) - 1].deload {
            assert!(
                f64::from(e.reps_max) <= 12.0 - (10.0 - e.rpe),
                "week {w}: {} reps at RPE {}",
                e.reps_max,
                e.rpe
            );
        }
    }
    assert!(
        pulls.iter().any(|(_, e)| e.rpe == 7.5 && e.reps_max == 9),
        "{pulls:?}"
    );
}

/// A stated pull-up count sets each week's top of the range from that week's
/// RPE (E-RPE): the reps left in reserve are the RPE's, in the build weeks as
/// the effort rises and in the deload as it falls; 5 pull-ups at RPE 8.5 are
/// sets of up to 3, not the first week's 2 at a harder label.
#[test]
fn pull_up_reps_follow_each_weeks_rpe() {
    for count in [3u32, 5, 8, 12] {
        let d = doc(&format!(
            r#"{{"goals":["strength","general"],"level":"intermediate","equipment":["mat","kettlebell","pullup-bar"],"days":3,"minutes":40,"pullups":{count}}}"#
        ));
        let pulls: Vec<(u8, &Prescription)> = all(&d)
            .filter(|(_, _, e)| e.id == "pull-up" || e.id == "chin-up")
            .map(|(w, _, e)| (w, e))
            .collect();
        assert!(!pulls.is_empty(), "{count} pull-ups: none planned");
        let mut tops = std::collections::BTreeSet::new();
        for (w, e) in &pulls {
            let reserve = 10.0 - e.rpe;
            let at_rpe = (f64::from(count) - reserve + 1e-9).floor().max(1.0) as u32;
            assert_eq!(
                e.reps_max,
                at_rpe.min(count.clamp(3, 12)),
                "{count} pull-ups, week {w}: {} reps at RPE {}",
                e.reps_max,
                e.rpe
            );
            assert!(e.reps_min <= e.reps_max, "week {w}: {e:?}");
            tops.insert(e.reps_max);
        }
        if count >= 5 {
            assert!(
                tops.len() >= 2,
                "{count} pull-ups: the top never moves: {tops:?}"
            );
        }
    }
}

/// E-SETTIME with pull-up reps that rise through the block: the selection times
/// the hardest week, so no later week runs over (CI found week 2 at 39.1 of 39 min
/// when the first week's reps were timed).
#[test]
fn rising_pull_up_reps_never_push_a_week_over_its_minutes() {
    for minutes in [30u32, 39, 45, 60] {
        let d = doc(&format!(
            r#"{{"goals":["athletic","general"],"level":"intermediate","equipment":["gym"],"days":1,"minutes":{minutes},"weeks":6,"pullups":10}}"#
        ));
        for w in &d.weeks {
            for s in &w.sessions {
                assert!(
                    s.minutes <= f64::from(minutes),
                    "week {} day {}: {} min > {minutes}",
                    w.week,
                    s.day,
                    s.minutes
                );
            }
        }
    }
}

#[test]
fn physique_gets_rows_a_pulldown_and_upper_back_isolation_on_a_compound_base() {
    let d = doc(
        r#"{"goals":["physique"],"level":"intermediate","equipment":["gym"],"days":4,"minutes":60,"pullups":6}"#,
    );
    let week1: Vec<&str> = all(&d)
        .filter(|(w, _, _)| *w == 1)
        .map(|(_, _, e)| e.id.as_str())
        .collect();
    assert!(
        week1.iter().any(|id| [
            "one-arm-row",
            "seated-cable-row",
            "chest-supported-row",
            "machine-row"
        ]
        .contains(id)),
        "{week1:?}"
    );
    assert!(
        week1
            .iter()
            .any(|id| ["reverse-fly", "face-pull", "machine-reverse-fly"].contains(id)),
        "{week1:?}"
    );
    assert!(!week1.contains(&"renegade-row"), "{week1:?}");
    // P-VOLUME: no more than 4 heavy sets a week.
    let heavy: u32 = all(&d)
        .filter(|(w, _, e)| *w == 1 && e.spinal_load == upright_core::vocab::Grade::High)
        .map(|(_, _, e)| e.sets)
        .sum();
    assert!(heavy <= 4, "{heavy}");
}

#[test]
fn recovering_back_does_the_big_3_every_session_both_sides_and_nothing_heavy() {
    let d = doc(
        r#"{"goals":["recovery"],"level":"beginner","equipment":["home"],"pain":"recovering","weeks":10}"#,
    );
    for w in &d.weeks {
        for s in &w.sessions {
            let big3: Vec<&Prescription> =
                s.exercises.iter().filter(|e| e.pyramid.is_some()).collect();
            assert_eq!(big3.len(), 3, "week {} day {}", w.week, s.day);
            assert!(big3
                .iter()
                .any(|e| e.id.starts_with("side-plank") && e.each_side));
            for e in &s.exercises {
                assert!(
                    e.spinal_load != upright_core::vocab::Grade::High && e.rpe <= 7.0,
                    "{e:?}"
                );
            }
        }
    }
    assert!(d
        .notes
        .iter()
        .any(|n| n.contains("other days of the week too")));
}

/// McGill's daily routine takes about ten minutes: a recovering back (or a
/// prevention plan) with 10-15 minutes, a mat and even a full gym does all
/// three pyramids in every session, each side with the sides in turn, and the
/// note says how long they take on the other days.
#[test]
fn ten_to_fifteen_minutes_hold_the_whole_big_3_every_session() {
    for (goal, pain, kit) in [
        ("recovery", "recovering", r#"["mat"]"#),
        ("recovery", "recovering", r#"["gym"]"#),
        ("prevention", "none", r#"["home","pullup-bar"]"#),
    ] {
        for minutes in [10, 12, 15] {
            let d = doc(&format!(
                r#"{{"goals":["{goal}"],"level":"beginner","equipment":{kit},"pain":"{pain}","pullups":0,"days":3,"minutes":{minutes}}}"#
            ));
            for w in &d.weeks {
                for s in &w.sessions {
                    let big3: Vec<&Prescription> =
                        s.exercises.iter().filter(|e| e.pyramid.is_some()).collect();
                    assert_eq!(
                        big3.len(),
                        3,
                        "{goal} {kit} {minutes} min: week {} day {}",
                        w.week,
                        s.day
                    );
                    assert!(s.minutes <= f64::from(minutes), "{} min", s.minutes);
                    assert!(big3.iter().filter(|e| e.each_side).count() == 2);
                }
            }
            let note = d
                .notes
                .iter()
                .find(|n| n.contains("other days of the week too"));
            assert!(
                note.is_some_and(|n| n.contains("about 8") || n.contains("about 10")),
                "{:?}",
                d.notes
            );
        }
    }
}

/// A-SPORT: a rower pulls thousands of strokes a week. The plan adds no
/// rows and no pull-ups; it balances the sport with shoulder-blade work and
/// core, and its sport note names them.
#[test]
fn a_rower_gets_balance_not_more_pulling() {
    let d = doc(
        r#"{"goals":["athletic"],"level":"advanced","equipment":["gym"],"sport":"rowing","other_back_activity":true,"pullups":12,"days":3,"minutes":60}"#,
    );
    for (w, s, e) in all(&d) {
        assert!(
            e.slot != "a horizontal row" && e.slot != "a vertical pull",
            "week {w} day {}: {} ({})",
            s.day,
            e.name,
            e.slot
        );
    }
    assert!(all(&d).any(|(_, _, e)| e.slot == "upper-back (shoulder-blade) work"));
    let note = note(&d, "Rowing is").expect("sport note");
    assert!(note.contains("in this plan: "), "{note}");
}

#[test]
fn prevention_on_a_mat_once_a_week_for_twenty_minutes_gets_a_plan() {
    let d = doc(
        r#"{"goals":["prevention"],"level":"beginner","equipment":["mat"],"days":1,"minutes":20}"#,
    );
    assert_eq!(d.status, "plan");
    for w in &d.weeks {
        assert!(w.sessions[0].minutes <= 20.0);
        assert_eq!(
            w.sessions[0]
                .exercises
                .iter()
                .filter(|e| e.pyramid.is_some())
                .count(),
            3
        );
    }
}

#[test]
fn home_beginner_learns_the_hinge_then_loads_it_by_week_six() {
    let d = doc(
        r#"{"goals":["posture","general"],"level":"beginner","equipment":["home"],"desk_job":true}"#,
    );
    assert!(
        has(&d, 1, "hip-hinge-drill"),
        "technique week 1 learns the hinge"
    );
    assert!(
        (3..=6)
            .any(|w| has(&d, w, "kettlebell-deadlift") || has(&d, w, "dumbbell-romanian-deadlift")),
        "no loaded hinge by week 6"
    );
    // No planned deload in a beginner's first block (E-MESOCYCLE).
    assert!(d.weeks.iter().take(6).all(|w| !w.deload));
    // Upper-back work for the desk worker.
    assert!(all(&d).any(|(w, _, e)| w == 1 && e.slot.starts_with("upper-back")));
}

#[test]
fn climber_gets_shoulder_blade_work_and_fewer_lat_sets_than_a_non_climber() {
    let base =
        doc(r#"{"goals":["athletic"],"level":"intermediate","equipment":["gym"],"pullups":12}"#);
    let climber = doc(
        r#"{"goals":["athletic"],"level":"intermediate","equipment":["gym"],"pullups":12,"sport":"climbing"}"#,
    );
    let lats = upright_core::vocab::Muscle::Lats;
    let peak = |d: &PlanDocument| upright_core::plan::notes::volume(&d.weeks[3], lats);
    assert!(climber.targets[&lats][1] < base.targets[&lats][1]);
    assert!(
        peak(&climber) < peak(&base),
        "{} vs {}",
        peak(&climber),
        peak(&base)
    );
    assert!(all(&climber).any(|(w, _, e)| w == 1 && e.slot.starts_with("upper-back")));
    assert!(climber.notes.iter().any(|n| n.contains("Climbing")));
}

#[test]
fn gym_member_sessions_are_at_the_gym_and_home_sessions_at_home() {
    let gym = doc(r#"{"goals":["general"],"level":"intermediate","equipment":["gym"]}"#);
    assert!(gym.weeks[0]
        .sessions
        .iter()
        .all(|s| s.location == upright_core::vocab::Location::Gym));
    let home = doc(r#"{"goals":["general"],"level":"intermediate","equipment":["home"]}"#);
    assert!(home.weeks[0]
        .sessions
        .iter()
        .all(|s| s.location == upright_core::vocab::Location::Home));
}

#[test]
fn volume_builds_through_the_block_by_at_most_two_sets_a_muscle_a_week_then_deloads() {
    let d = doc(
        r#"{"goals":["physique","strength"],"level":"intermediate","equipment":["gym"],"weeks":5,"pullups":6}"#,
    );
    let week = |n: usize| &d.weeks[n];
    for m in upright_core::plan::targets::TARGETED.iter() {
        for k in 0..3 {
            let a = upright_core::plan::notes::volume(week(k), *m);
            let b = upright_core::plan::notes::volume(week(k + 1), *m);
            assert!(
                b >= a && b - a <= 2.0 + 1e-9,
                "{m}: week {} {a} -> {b}",
                k + 1
            );
        }
    }
    assert!(week(4).deload);
    assert!(week_sets(week(3)) > week_sets(week(0)));
    // The note says exactly that.
    let note = format!(
        "week 1 has {} sets in all, rising to {} by week 4",
        week_sets(week(0)),
        week_sets(week(3))
    );
    assert!(
        d.notes.iter().any(|n| n.contains(&note)),
        "{note} not in {:?}",
        d.notes
    );
}

#[test]
fn each_block_after_a_deload_starts_again_at_the_first_weeks_volume_and_builds() {
    for weeks in [6, 11, 16] {
        let d = doc(&format!(
            r#"{{"goals":["physique"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60,"weeks":{weeks}}}"#
        ));
        let sets: Vec<(u8, bool, u32)> = d
            .weeks
            .iter()
            .map(|w| (w.week, w.deload, week_sets(w)))
            .collect();
        let (first, peak) = (week_sets(&d.weeks[0]), week_sets(&d.weeks[3]));
        assert!(first < peak, "{weeks} weeks: {sets:?}");
        for i in 1..d.weeks.len() {
            let (before, now) = (&d.weeks[i - 1], &d.weeks[i]);
            if before.deload {
                // E-MESOCYCLE: the new block starts near the minimum again, not at the peak.
                assert!(
                    !now.deload && week_sets(now) <= first,
                    "{weeks} weeks: {sets:?}"
                );
            } else if !now.deload {
                assert!(
                    week_sets(now) >= week_sets(before),
                    "{weeks} weeks: {sets:?}"
                );
            }
        }
    }
}

#[test]
fn the_time_note_is_true_of_the_sessions_it_describes() {
    for json in [
        r#"{"goals":["general"],"level":"beginner","equipment":["gym"],"minutes":90}"#,
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"minutes":60}"#,
        r#"{"goals":["posture"],"level":"beginner","equipment":["mat"],"minutes":30}"#,
    ] {
        let d = doc(json);
        let longest = d
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .map(|s| s.minutes)
            .fold(0.0, f64::max);
        let given = f64::from(d.profile.minutes);
        assert!(longest <= given, "{json}");
        match note(&d, "The fullest session takes") {
            Some(n) => {
                assert!(
                    longest < 0.85 * given,
                    "{json}: note printed but sessions use {longest} of {given}"
                );
                assert!(
                    n.contains(&format!("{:.0} of your", longest.ceil())),
                    "{json}: {n} vs {longest}"
                );
            }
            None => assert!(
                longest >= 0.85 * given,
                "{json}: sessions use {longest} of {given} and no note says why"
            ),
        }
    }
}

fn heavy_ids() -> [&'static str; 6] {
    [
        "deadlift",
        "romanian-deadlift",
        "rack-pull",
        "back-squat",
        "front-squat",
        "bent-over-row",
    ]
}

#[test]
fn general_beginner_at_a_gym_squats_and_deadlifts_a_kettlebell_by_week_three() {
    let d = doc(
        r#"{"goals":["general"],"level":"beginner","equipment":["gym"],"days":3,"minutes":45,"pullups":0}"#,
    );
    for w in 3..=6 {
        assert!(
            has(&d, w, "kettlebell-deadlift"),
            "week {w}: no loaded hinge"
        );
        assert!(has(&d, w, "goblet-squat"), "week {w}: no squat");
    }
    // Nothing barbell-technical for a beginner (T-BEGINNER).
    assert!(all(&d).all(|(_, _, e)| !heavy_ids().contains(&e.id.as_str())));
}

#[test]
fn strength_lifter_who_leaves_out_the_deadlift_and_back_squat_still_hinges_and_squats_heavy() {
    let d = doc(
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60,"pullups":8,"exclude":["deadlift","back-squat"]}"#,
    );
    for w in d.weeks.iter().filter(|w| !w.deload) {
        let ids: Vec<&str> = w.sessions[0]
            .exercises
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert!(
            ids.iter()
                .any(|i| ["romanian-deadlift", "rack-pull"].contains(i)),
            "week {}: no heavy hinge in {ids:?}",
            w.week
        );
        assert!(ids.contains(&"front-squat"), "week {}: {ids:?}", w.week);
        assert!(!ids.contains(&"deadlift") && !ids.contains(&"back-squat"));
    }
}

#[test]
fn fifteen_strict_pull_ups_get_weighted_pull_ups() {
    for goal in ["physique", "strength"] {
        let d = doc(&format!(
            r#"{{"goals":["{goal}"],"level":"advanced","equipment":["gym"],"days":3,"minutes":60,"pullups":16}}"#
        ));
        assert!(
            all(&d).any(|(w, _, e)| w == 1 && e.id.starts_with("weighted-")),
            "{goal}: 16 strict pull-ups and no weighted pull in week 1"
        );
    }
    // Below 15 the bodyweight pull-up still leads.
    let d = doc(
        r#"{"goals":["physique"],"level":"advanced","equipment":["gym"],"days":3,"minutes":60,"pullups":10}"#,
    );
    assert!(all(&d).any(|(w, _, e)| w == 1 && (e.id == "pull-up" || e.id == "chin-up")));
}

#[test]
fn main_lifts_get_three_to_five_sets_and_accessories_two_to_four() {
    for json in [
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60,"pullups":8}"#,
        r#"{"goals":["strength"],"level":"advanced","equipment":["gym"],"days":4,"minutes":75,"pullups":15}"#,
        r#"{"goals":["athletic"],"level":"intermediate","equipment":["gym"],"sport":"swimming","days":3,"minutes":45,"pullups":6}"#,
        r#"{"goals":["physique","strength"],"level":"intermediate","equipment":["gym"],"days":4,"minutes":60,"pullups":6}"#,
    ] {
        let d = doc(json);
        for (w, _, e) in all(&d) {
            if d.weeks[usize::from(w) - 1].deload {
                continue;
            }
            if heavy_ids().contains(&e.id.as_str()) {
                assert!(
                    (3..=5).contains(&e.sets),
                    "{json}: week {w} {} x{}",
                    e.id,
                    e.sets
                );
            } else {
                assert!(
                    (2..=4).contains(&e.sets),
                    "{json}: week {w} {} x{}",
                    e.id,
                    e.sets
                );
            }
        }
    }
}

#[test]
fn a_strength_lifters_light_days_are_not_left_near_empty_beside_a_full_heavy_day() {
    let d = doc(
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60,"pullups":8}"#,
    );
    for w in &d.weeks {
        let m: Vec<f64> = w.sessions.iter().map(|s| s.minutes).collect();
        let (lo, hi) = m
            .iter()
            .fold((f64::MAX, 0f64), |(a, b), x| (a.min(*x), b.max(*x)));
        assert!(hi <= 2.0 * lo, "week {}: sessions of {m:?} minutes", w.week);
    }
}

#[test]
fn six_days_asked_by_a_beginner_give_full_sessions_and_rest_days_not_two_exercise_sessions() {
    let d = doc(
        r#"{"goals":["physique"],"level":"beginner","equipment":["gym"],"days":6,"minutes":56}"#,
    );
    for w in &d.weeks {
        for s in &w.sessions {
            assert!(
                (3..=7).contains(&s.exercises.len()),
                "week {} day {}: {} exercises",
                w.week,
                s.day,
                s.exercises.len()
            );
        }
    }
    assert!(d.weeks[0].sessions.len() < 6);
    assert!(
        d.notes.iter().any(|n| n.contains("hold no session")),
        "{:?}",
        d.notes
    );
    // The Big 3 stay daily however many days that makes (E-MCGILL-BIG3).
    let d = doc(
        r#"{"goals":["prevention"],"level":"intermediate","equipment":["mat"],"days":6,"minutes":10}"#,
    );
    assert_eq!(d.weeks[0].sessions.len(), 6);
}

#[test]
fn physique_lifter_varies_rows_and_upper_back_work_across_the_week() {
    // Four days at a gym: the alternate days take the other staple row and
    // upper-back exercise instead of repeating the same pair four times.
    let d = doc(
        r#"{"goals":["physique"],"level":"intermediate","equipment":["gym"],"days":4,"minutes":60,"pullups":12}"#,
    );
    let distinct = |slot: &str| {
        let mut ids: Vec<&str> = all(&d)
            .filter(|(w, _, e)| *w == 1 && e.slot == slot)
            .map(|(_, _, e)| e.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let rows = distinct("a horizontal row");
    assert!(rows.len() >= 2, "one row all week: {rows:?}");
    assert!(rows.contains(&"seated-cable-row"), "{rows:?}");
    let upper = distinct("upper-back (shoulder-blade) work");
    assert!(
        upper.contains(&"face-pull"),
        "no face pull at a gym: {upper:?}"
    );
}

#[test]
fn with_weights_at_hand_the_loaded_row_wins_over_the_band_row() {
    // A band row is the travel option: at a gym, an intermediate's rows take load.
    let d = doc(
        r#"{"goals":["prevention"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":45}"#,
    );
    let bands: Vec<&str> = all(&d)
        .map(|(_, _, e)| e.id.as_str())
        .filter(|id| *id == "band-row" || *id == "band-pulldown")
        .collect();
    assert!(bands.is_empty(), "band work at a gym: {bands:?}");
    // Nor bodyweight rows: a loaded row grows by the kilo (E-PROGRESS).
    let rows: Vec<&str> = all(&d)
        .filter(|(_, _, e)| e.slot == "a horizontal row")
        .map(|(_, _, e)| e.id.as_str())
        .collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|id| !id.contains("inverted-row")),
        "bodyweight rows at a gym: {rows:?}"
    );
}

#[test]
fn a_trained_strength_lifter_at_a_gym_rows_a_weight_on_the_light_days_too() {
    // Inverted rows are the home-bar row; with a gym, every row can take load.
    for level in ["intermediate", "advanced"] {
        let d = doc(&format!(
            r#"{{"goals":["strength"],"level":"{level}","equipment":["gym"],"days":3,"minutes":60,"pullups":10}}"#
        ));
        let bodyweight_rows: Vec<(u8, &str)> = all(&d)
            .filter(|(_, _, e)| e.slot == "a horizontal row" && e.id.contains("inverted-row"))
            .map(|(w, _, e)| (w, e.id.as_str()))
            .collect();
        assert!(bodyweight_rows.is_empty(), "{level}: {bodyweight_rows:?}");
    }
}

#[test]
fn ramp_sets_come_before_barbell_lifts_not_before_a_dumbbell_row() {
    let d = doc(
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60,"pullups":10}"#,
    );
    let ramped: Vec<&str> = all(&d)
        .filter(|(_, _, e)| e.ramp.is_some())
        .map(|(_, _, e)| e.id.as_str())
        .collect();
    assert!(ramped.contains(&"deadlift"), "{ramped:?}");
    for id in [
        "chest-supported-row",
        "dumbbell-bent-over-row",
        "one-arm-row",
    ] {
        assert!(!ramped.contains(&id), "{id} ramped: {ramped:?}");
    }
}

/// Someone coming back from a back injury who also wants strength, at home,
/// S-RECOVERY caps a recovering back's weekly ranges; five light days beside
/// the daily Big 3 hold a row in the week, not a row on every day (lats were at
/// 12 sets against an aim of 1.5-4). Where the Big 3 alone pass a range, a note
/// says so with the figures, so the table's "above" has its reason.
#[test]
fn a_recovering_back_rows_in_the_week_not_every_day_and_the_big_3_surplus_is_explained() {
    let d = doc(
        r#"{"goals":["recovery"],"level":"beginner","equipment":["home"],"pain":"recovering","days":5,"minutes":30}"#,
    );
    let week1 = &d.weeks[0];
    let rows = week1
        .sessions
        .iter()
        .filter(|s| s.exercises.iter().any(|e| e.slot == "a horizontal row"))
        .count();
    assert!(rows >= 1, "no row in week 1");
    assert!(rows < week1.sessions.len(), "a row on every day");
    let [_, lats_hi] = d.targets[&upright_core::vocab::Muscle::Lats];
    assert!(
        d.weekly_sets[&upright_core::vocab::Muscle::Lats] <= lats_hi + 1e-9,
        "lats {} over {lats_hi}",
        d.weekly_sets[&upright_core::vocab::Muscle::Lats]
    );
    let note = note(&d, "Each Big 3 pyramid counts as 3 sets").expect("the Big 3 surplus note");
    assert!(note.contains("abs 30 (aim 3-6.5)"), "{note}");
}

/// A missing movement says what would open it, and what it names does: a home
/// lifter with dumbbells and a bench is told a pull-up bar or bands would give
/// the vertical pull, and with either added the plan holds one.
#[test]
fn a_missing_vertical_pull_names_the_kit_that_opens_it_and_that_kit_does() {
    let base = r#""goals":["general"],"level":"beginner","days":3,"minutes":40"#;
    let d = doc(&format!(
        r#"{{{base},"equipment":["mat","dumbbells","bench"]}}"#
    ));
    let note = note(&d, "A vertical pull is missing").expect("the missing vertical pull note");
    for (words, item) in [("a pull-up bar", "pullup-bar"), ("bands", "bands")] {
        assert!(note.contains(words), "{note}");
        let with = doc(&format!(
            r#"{{{base},"equipment":["mat","dumbbells","bench","{item}"]}}"#
        ));
        assert!(
            all(&with).any(|(_, _, e)| e.slot == "a vertical pull"),
            "with {item}: no vertical pull"
        );
    }
}

/// 5 x 25 minutes: the Big 3 fill most of each session, and what time is left
/// goes to a row and a hinge that fit in it (a band row, a pull-through), not
/// to a one-arm row done each side that never fits and so leaves the row out.
#[test]
fn a_recovering_back_with_little_time_still_rows_and_hinges_beside_the_big_3() {
    let d = doc(
        r#"{"goals":["strength","recovery","general"],"level":"beginner","equipment":["home"],"pain":"recovering","days":5,"minutes":25}"#,
    );
    for w in d.weeks.iter().filter(|w| !w.deload) {
        for s in &w.sessions {
            let ids: Vec<&str> = s.exercises.iter().map(|e| e.id.as_str()).collect();
            assert!(
                ids.contains(&"bird-dog"),
                "week {} day {}: {ids:?}",
                w.week,
                s.day
            );
            assert!(
                s.minutes <= 25.0,
                "week {} day {}: {}",
                w.week,
                s.day,
                s.minutes
            );
        }
        let slots: Vec<&str> = w
            .sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .map(|e| e.slot.as_str())
            .collect();
        assert!(
            slots.contains(&"a horizontal row"),
            "week {}: {slots:?}",
            w.week
        );
        assert!(
            slots.contains(&"the hip hinge"),
            "week {}: {slots:?}",
            w.week
        );
    }
    assert!(
        !d.notes
            .iter()
            .any(|n| n.starts_with("A horizontal row is missing")),
        "{:#?}",
        d.notes
    );
}

#[test]
fn a_flat_bench_at_home_is_not_a_back_extension_bench() {
    // Posture at home with dumbbells and a flat bench: the back extension
    // (45-degree bench or GHD) and its weighted form need gym kit; the
    // erectors are still trained, with what a flat bench and a mat allow.
    let d = doc(
        r#"{"goals":["posture"],"level":"intermediate","equipment":["mat","dumbbells","bench","bands"],"pain":"none","days":3,"minutes":45}"#,
    );
    for (week, s, p) in all(&d) {
        assert!(
            p.id != "back-extension" && p.id != "weighted-back-extension",
            "week {week} day {}: {}",
            s.day,
            p.id
        );
    }
    let gym = doc(
        r#"{"goals":["posture"],"level":"intermediate","equipment":["gym"],"pain":"none","days":3,"minutes":45}"#,
    );
    assert!(
        all(&gym).any(|(_, _, p)| p.id.contains("back-extension")),
        "a gym posture plan has a back extension"
    );
}

#[test]
fn a_desk_worker_with_a_mat_and_bands_gets_the_bird_dog_and_a_side_bridge() {
    // The article's bird dog for a posture beginner, and side-bending core from
    // a mat, even though the plan has no daily Big 3.
    let d = doc(
        r#"{"goals":["posture"],"level":"beginner","equipment":["mat","bands"],"desk_job":true,"days":3,"minutes":20,"weeks":4}"#,
    );
    assert!(all(&d).any(|(w, _, e)| w == 1 && e.id == "bird-dog"));
    assert!(all(&d).any(|(w, _, e)| w == 1 && e.id.starts_with("side-plank")));
    // The squat's note says why none is there, and it is true: the bodyweight
    // squat is open to the person but trains the legs.
    let squat = note(&d, "The squat is missing");
    if let Some(n) = squat {
        assert!(n.contains("bodyweight squat works the legs"), "{n}");
    }
}

#[test]
fn the_time_note_names_every_muscle_past_its_range_and_only_those() {
    use upright_core::plan::notes::{muscle_words, volume};
    for json in [
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":4,"minutes":75}"#,
        r#"{"goals":["general"],"level":"beginner","equipment":["gym"],"days":3,"minutes":60}"#,
        r#"{"goals":["recovery"],"level":"intermediate","equipment":["gym"],"pain":"recovering","days":4,"minutes":45}"#,
        r#"{"goals":["posture"],"level":"beginner","equipment":["mat","bands"],"desk_job":true,"days":3,"minutes":20}"#,
    ] {
        let d = doc(json);
        let Some(note) = note(&d, "The fullest session") else {
            continue;
        };
        let peak: u8 = note
            .split("(week ")
            .nth(1)
            .and_then(|s| s.split(')').next())
            .and_then(|s| s.parse().ok())
            .expect("the note names its week");
        let week = d.weeks.iter().find(|w| w.week == peak).unwrap();
        let past = note.split("already past it: ").nth(1).unwrap_or("");
        for (m, [_, hi]) in &d.targets {
            let named = past.contains(&format!("{} ", muscle_words(*m)));
            let over = volume(week, *m) > hi + 1e-9;
            assert_eq!(
                named,
                over,
                "{json}: {m:?} {} vs {hi}: {note}",
                volume(week, *m)
            );
        }
    }
}

/// --explain's "chosen over" never names an exercise the plan itself does:
/// an exercise in the plan is not one it was preferred to.
#[test]
fn no_exercise_is_chosen_over_another_that_is_also_in_the_plan() {
    for json in [
        r#"{"goals":["posture"],"level":"beginner","equipment":["mat","bands"],"days":3,"minutes":20,"desk_job":true}"#,
        r#"{"goals":["physique"],"level":"beginner","equipment":["gym"],"days":3,"minutes":60,"pullups":0}"#,
        r#"{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":3,"minutes":60}"#,
        r#"{"goals":["general"],"level":"beginner","equipment":["home"],"days":2,"minutes":30}"#,
        r#"{"goals":["athletic"],"level":"advanced","equipment":["dumbbells","mat","pullup-bar"],"days":4,"minutes":45,"pullups":10}"#,
        r#"{"goals":["prevention"],"level":"beginner","equipment":["mat"],"days":3,"minutes":30,"pain":"recovering"}"#,
    ] {
        let d = doc(json);
        let names: std::collections::BTreeSet<&str> =
            all(&d).map(|(_, _, e)| e.name.as_str()).collect();
        for (w, _, e) in all(&d) {
            for b in &e.beat {
                assert!(
                    !names.contains(b.as_str()),
                    "{json}: week {w}: {} is chosen over {b}, which is in the plan too",
                    e.name
                );
            }
        }
    }
}

#[test]
fn a_short_session_keeps_some_warm_up_and_says_it_is_cut() {
    // E-WARMUP: 5-10 minutes of light activity. A 20-minute session keeps 2
    // of them, and the note says so with the figure the sessions print.
    for (minutes, light) in [(20, 2.0), (45, 5.0)] {
        let d = doc(&format!(
            r#"{{"goals":["posture"],"level":"beginner","equipment":["mat","bands"],"days":3,"minutes":{minutes}}}"#
        ));
        for (_, s, _) in all(&d) {
            let got = s
                .warmup
                .iter()
                .find(|w| w.name == "Light activity")
                .map(|w| w.minutes);
            assert_eq!(got, Some(light), "{minutes} min: {:?}", s.warmup);
        }
        let note = note(&d, "Every session starts with a warm-up").expect("the warm-up note");
        assert_eq!(
            note.contains(&format!("cut to {light:.0} minutes")),
            light < 5.0,
            "{note}"
        );
    }
}

#[test]
fn a_strength_lifter_squats_and_hinges_every_week_whatever_the_days_and_minutes() {
    // A coach's first look at a strength plan: a loaded squat and a loaded
    // hinge in every loading week, at a gym, from 2 to 7 days and 30 to 90
    // minutes (7 x 30 used to drop the deadlift for more pull-ups; 3 x 30 for
    // a carry).
    for (days, minutes) in [
        (7, 30),
        (3, 30),
        (4, 75),
        (2, 45),
        (5, 40),
        (3, 90),
        (3, 45),
    ] {
        let d = doc(&format!(
            r#"{{"goals":["strength"],"level":"intermediate","equipment":["gym"],"days":{days},"minutes":{minutes},"pullups":6}}"#
        ));
        for w in d.weeks.iter().filter(|w| !w.deload) {
            let slot = |s: &str| {
                w.sessions
                    .iter()
                    .flat_map(|x| &x.exercises)
                    .any(|e| e.slot == s && e.id != "hip-hinge-drill" && e.id != "bodyweight-squat")
            };
            assert!(
                slot("the hip hinge"),
                "{days} x {minutes}: week {} has no hinge",
                w.week
            );
            assert!(
                slot("the squat"),
                "{days} x {minutes}: week {} has no squat",
                w.week
            );
        }
    }
}

#[test]
fn a_trained_lifter_is_not_given_a_beginners_first_steps_and_is_told_what_opens_the_core_work() {
    // A garage gym listed without a mat: before, an advanced lifter got a
    // stick hip-hinge drill, a wall plank and a standing bird dog.
    let d = doc(
        r#"{"goals":["strength"],"level":"advanced","equipment":["barbell","rack","bench","pullup-bar"],"days":3,"minutes":60,"pullups":10}"#,
    );
    for first_step in [
        "hip-hinge-drill",
        "wall-plank",
        "standing-bird-dog",
        "knee-plank",
    ] {
        assert!(
            !all(&d).any(|(_, _, e)| e.id == first_step),
            "{first_step} for an advanced lifter"
        );
    }
    let missing = note(&d, "Core that resists arching").expect("the missing core work is said");
    assert!(missing.contains("a mat would"), "{missing}");
    // With the mat the note names, the plank family is back.
    let with_mat = doc(
        r#"{"goals":["strength"],"level":"advanced","equipment":["barbell","rack","bench","pullup-bar","mat"],"days":3,"minutes":60,"pullups":10}"#,
    );
    assert!(all(&with_mat)
        .any(|(_, _, e)| e.id == "plank" || e.id == "dead-bug" || e.id == "long-lever-plank"));

    // The same first steps stay open to a beginner, and to a recovering back at any level.
    let recovering = doc(
        r#"{"goals":["recovery"],"level":"advanced","equipment":[],"days":3,"minutes":30,"pain":"recovering"}"#,
    );
    assert!(all(&recovering).any(|(_, _, e)| e.id == "standing-bird-dog" || e.id == "wall-plank"));
}

#[test]
fn the_side_bridge_starts_from_the_knees_only_for_a_beginner_or_a_recovering_back() {
    let side = |json: &str| -> Vec<String> {
        let d = doc(json);
        let mut ids: Vec<String> = all(&d)
            .filter(|(w, _, e)| *w == 1 && e.id.starts_with("side-plank"))
            .map(|(_, _, e)| e.id.clone())
            .collect();
        ids.dedup();
        ids
    };
    let gym = r#""equipment":["gym"],"days":3,"minutes":45"#;
    assert_eq!(
        side(&format!(
            r#"{{"goals":["prevention"],"level":"intermediate",{gym}}}"#
        )),
        ["side-plank"]
    );
    assert_eq!(
        side(&format!(
            r#"{{"goals":["prevention"],"level":"beginner",{gym}}}"#
        )),
        ["side-plank-knees"]
    );
    assert_eq!(
        side(&format!(
            r#"{{"goals":["recovery"],"level":"intermediate","pain":"recovering",{gym}}}"#
        )),
        ["side-plank-knees"]
    );
}

#[test]
fn a_session_holds_one_carry_not_a_farmers_walk_beside_a_suitcase_carry() {
    // Dumbbells and a bench, no mat: the suitcase carry is the side-bending
    // core work, and a farmer's walk used to be added beside it.
    for days in [2, 3] {
        let d = doc(&format!(
            r#"{{"goals":["general"],"level":"intermediate","equipment":["dumbbells","bench"],"days":{days},"minutes":30}}"#
        ));
        for w in &d.weeks {
            for s in &w.sessions {
                let walks: Vec<&str> = s
                    .exercises
                    .iter()
                    .filter(|e| e.walk)
                    .map(|e| e.id.as_str())
                    .collect();
                assert!(walks.len() <= 1, "week {} day {}: {walks:?}", w.week, s.day);
            }
        }
        assert!(all(&d).any(|(_, _, e)| e.walk), "the carry is still there");
    }
}

#[test]
fn a_beginners_week_holds_the_plank_or_its_knee_version_not_both() {
    // A desk worker at home: a plank on day 2 and a plank from the knees on
    // day 3 before (the light day took the harder version for variety).
    let d = doc(
        r#"{"goals":["posture"],"level":"beginner","equipment":["home"],"desk_job":true,"days":3,"minutes":30}"#,
    );
    for w in &d.weeks {
        let has = |id: &str| {
            w.sessions
                .iter()
                .flat_map(|s| &s.exercises)
                .any(|e| e.id == id)
        };
        assert!(
            !(has("plank") && has("knee-plank")),
            "week {}: plank and knee plank",
            w.week
        );
    }
    assert!(all(&d).any(|(_, _, e)| e.id == "plank" || e.id == "knee-plank"));
}

#[test]
fn a_load_rule_names_the_harder_variant_only_when_there_is_one_to_move_to() {
    let d = doc(
        r#"{"goals":["posture"],"level":"beginner","equipment":["mat","dumbbells"],"days":3,"minutes":40}"#,
    );
    let rule = |id: &str| {
        all(&d)
            .find(|(_, _, e)| e.id == id)
            .map(|(_, _, e)| e.load_rule.clone())
    };
    // The stick drill leads to the bodyweight good morning, which needs nothing.
    let drill = rule("hip-hinge-drill").expect("a beginner learns the hinge");
    assert!(
        drill.ends_with("move to the harder variant: Bodyweight good morning."),
        "{drill}"
    );
    // The glute bridge has no harder neighbour: the rule says so, not "move on".
    let bridge = rule("glute-bridge").expect("a glute bridge");
    assert!(
        bridge.contains("no harder variant is open to you yet") && !bridge.contains("move to"),
        "{bridge}"
    );
}
