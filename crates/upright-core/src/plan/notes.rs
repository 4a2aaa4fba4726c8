//! The plan's notes: how goals blended, what was assumed, how the weeks build,
//! and what falls short and why. Each note states something true of the plan
//! it is printed with; tests hold every claim to the plan (tests/plan_notes.rs).

use super::candidates::{self, Candidate};
use super::document::{Prescription, Week};
use super::optimizer::Selection;
use super::slots::{self, Kind};
use super::sport;
use super::targets::{Targets, TARGETED};
use crate::catalog::Catalog;
use crate::profile::Profile;
use crate::vocab::{Equipment, Goal, Muscle};

/// The note on a sport: its advice sentence with the rule named once, inside
/// it ("... anti-rotation core (A-SPORT).").
fn sport_note(s: crate::vocab::Sport, weeks: &[Week]) -> String {
    let d = sport::demands(s);
    let words: Vec<&str> = d.answers.iter().map(|k| k.words()).collect();
    let mut names: Vec<&str> = Vec::new();
    for e in weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|x| &x.exercises)
    {
        if words.contains(&e.slot.as_str()) && !names.contains(&e.name.as_str()) {
            names.push(&e.name);
        }
    }
    let held = if names.is_empty() {
        "; this plan holds none of it (--explain says what was left out and why)".to_string()
    } else {
        format!("; in this plan: {}", names.join(", "))
    };
    format!(
        "{}{held} (A-SPORT).",
        d.advice.trim_end().trim_end_matches('.')
    )
}

/// The note for a person who cannot yet do sets of strict pull-ups, true of
/// the count they gave (T-PULLUP): none yet, or the one or two they have.
/// `steps` are the plan's own: its vertical pulls and the warm-up's hangs.
fn pullups_note(count: u32, steps: &[String]) -> String {
    let uses = if steps.is_empty() {
        "this plan holds no step toward them yet (--explain says why)".to_string()
    } else {
        format!("the plan's steps toward them: {}", steps.join(", "))
    };
    match count {
        0 => format!("No strict pull-ups yet: {uses} (T-PULLUP)."),
        1 => {
            format!("1 strict pull-up so far: not yet enough for sets of them; {uses} (T-PULLUP).")
        }
        n => format!(
            "{n} strict pull-ups so far: not yet enough for sets of them; {uses} (T-PULLUP)."
        ),
    }
}

/// The plan's steps toward a pull-up: its vertical pulls, then the warm-up's hangs.
fn pullup_steps(weeks: &[Week]) -> Vec<String> {
    let sessions = || weeks.iter().flat_map(|w| &w.sessions);
    let mut out: Vec<String> = Vec::new();
    for e in sessions().flat_map(|x| &x.exercises) {
        if e.slot == Kind::Vertical.words() && !out.contains(&e.name) {
            out.push(e.name.clone());
        }
    }
    if sessions().any(|x| x.warmup.iter().any(|w| w.name.starts_with("Dead hang"))) {
        out.push("dead hangs and shoulder-blade pulls in the warm-up".into());
    }
    out
}

/// Plain words for a muscle.
pub fn muscle_words(m: Muscle) -> &'static str {
    match m {
        Muscle::SpinalErectors => "lower back (spinal erectors)",
        Muscle::Lats => "lats",
        Muscle::Traps => "traps",
        Muscle::Rhomboids => "mid back (rhomboids)",
        Muscle::RearDelts => "rear shoulders",
        Muscle::Abs => "abs",
        Muscle::Obliques => "obliques",
        Muscle::Glutes => "glutes",
        Muscle::Hamstrings => "hamstrings",
        Muscle::Quads => "quads",
        Muscle::Biceps => "biceps",
        Muscle::Forearms => "forearms",
        Muscle::Chest => "chest",
        Muscle::FrontDelts => "front shoulders",
        Muscle::Triceps => "triceps",
    }
}

/// Weekly sets per targeted muscle in one week (primary 1, secondary 0.5).
pub fn volume(week: &Week, m: Muscle) -> f64 {
    volume_of(week, m, |_| true)
}

/// `volume`, counting only the exercises `keep` lets through.
fn volume_of(week: &Week, m: Muscle, keep: impl Fn(&Prescription) -> bool) -> f64 {
    week.sessions
        .iter()
        .flat_map(|s| &s.exercises)
        .filter(|e| keep(e))
        .map(|e| {
            if e.primary.contains(&m) {
                f64::from(e.sets)
            } else if e.secondary.contains(&m) {
                0.5 * f64::from(e.sets)
            } else {
                0.0
            }
        })
        .sum()
}

/// The notes, in the order a coach would say them.
pub fn write(
    p: &Profile,
    catalog: &Catalog,
    t: &Targets,
    cands: &[Candidate],
    sel: &Selection,
    weeks: &[Week],
    rules: &mut Vec<&'static str>,
) -> Vec<String> {
    let mut n = t.notes.clone();
    n.push("All training carries some risk, and an untrained back carries more; good form and sensible loads keep it low. Stop a set that causes sharp pain (S-RISK, S-FORM).".into());
    if !p.manual_labour {
        n.push("Your back is assumed under-trained unless you lift heavy things at work every day (G-LABOUR).".into());
    }
    if weeks.iter().flat_map(|w| &w.sessions).any(|s| s.heavy) {
        n.push(if p.days == 1 {
            "The heavy lifts are in your one session of the week; the week between them gives the back time to recover (F-ONEDAY).".into()
        } else {
            "The heavy lifts are all on day 1; the other days are lighter, so the back recovers between heavy sessions (F-ONEDAY).".into()
        });
    }
    let ramps = weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
        .any(|e| e.ramp.is_some());
    // The light activity the sessions hold: short sessions keep only part of
    // E-WARMUP's 5-10 minutes, and the note says so.
    let light = super::optimizer::warmup_seconds(p.minutes) / 60.0 - 1.0;
    let short = if light < 5.0 {
        format!(
            " In {} minutes the light activity is cut to {}; E-WARMUP asks 5-10, so add a few minutes before the session when you can.",
            p.minutes,
            if light <= 1.0 { "1 minute".to_string() } else { format!("{light:.0} minutes") }
        )
    } else {
        String::new()
    };
    n.push(if ramps {
        format!("Every session starts with a warm-up: light activity and cat-camel for the spine, and ramp sets before each heavy lift (E-WARMUP, E-MCGILL-FLEXION).{short}")
    } else {
        format!("Every session starts with a warm-up: light activity and cat-camel for the spine (E-WARMUP, E-MCGILL-FLEXION).{short}")
    });
    if p.recovering() {
        n.push("Recovering back: low spinal load, endurance first, slower progression. Pain during a set may reach 3-5/10 at most; if pain the next morning is higher than before, ease off (S-RECOVERY, E-PAIN-MONITOR).".into());
        n.push(
            "Avoid loaded bending in the first 30 minutes after waking (E-MCGILL-FLEXION).".into(),
        );
        rules.extend_from_slice(&["E-PAIN-MONITOR", "E-MCGILL-FLEXION"]);
    }
    if slots::wants_big3(p) {
        // Said of the weeks printed: a session without all three (no mat, too
        // few minutes) makes "every session" false.
        let sessions: Vec<_> = weeks.iter().flat_map(|w| &w.sessions).collect();
        let with_all = sessions
            .iter()
            .filter(|s| s.exercises.iter().filter(|e| e.pyramid.is_some()).count() >= 3)
            .count();
        let takes = super::dosing::big3_minutes_words(p.minutes);
        let other_days = match 7 - p.days {
            0 => String::new(),
            1 => format!("; do them on the other day of the week too, {takes}"),
            d => format!("; do them on the {d} other days of the week too, {takes}"),
        };
        // A pyramid that cannot grow in these minutes is said to stay, and why.
        let (first, peak) = super::dosing::pyramid_tops(p.minutes);
        let stays = if first == peak && peak < 6 {
            let grows = (p.minutes..=25)
                .find(|m| super::dosing::pyramid_tops(*m).1 > peak)
                .unwrap_or(25);
            let show = |top| {
                super::dosing::pyramid(top, 3)
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("-")
            };
            format!(
                " In {} minutes the pyramids stay at {} and only the effort rises; with {grows} minutes a session they grow to {} (E-MCGILL-PYRAMID).",
                p.minutes,
                show(peak),
                show(super::dosing::pyramid_tops(grows).1)
            )
        } else {
            String::new()
        };
        if with_all == sessions.len() && !sessions.is_empty() {
            n.push(format!("The Big 3 (curl-up, side bridge, bird dog) are in every session{other_days} (E-MCGILL-BIG3).{stays}"));
        } else if !sessions.is_empty() {
            let of = if with_all == 0 {
                "in none of the sessions".to_string()
            } else {
                format!("in {with_all} of the {} sessions", sessions.len())
            };
            n.push(format!(
                "All three of the Big 3 (curl-up, side bridge, bird dog) are {of}: {} (E-MCGILL-BIG3).",
                if p.has(Equipment::Mat) {
                    format!("{} minutes do not hold all three pyramids with the rest; do the missing ones on their own daily, {takes}, or give the sessions more time", p.minutes)
                } else {
                    format!("the curl-up and side bridge need a mat; with one, do all three daily, {takes}")
                }
            ));
        }
    }
    if p.has_goal(Goal::Posture) || p.desk_job {
        n.push("Strength work for the upper back can improve how you hold yourself, but no posture is proven to prevent pain; this plan does not promise it (E-POSTURE).".into());
        rules.push("E-POSTURE");
    }
    if let Some(s) = p.sport {
        n.push(sport_note(s, weeks));
        rules.push("A-SPORT");
    } else if p.has_goal(Goal::Athletic) {
        n.push("Add movements that mimic your sport on your sport days; this plan covers the back and core that link upper and lower body (A-SPORT, A-LINK).".into());
        rules.push("A-SPORT");
    }
    // Steps toward the pull-up need a bar, an assisted machine, a cable or a band.
    let pull_kit = [
        Equipment::PullupBar,
        Equipment::Machines,
        Equipment::Cable,
        Equipment::Bands,
    ]
    .iter()
    .any(|e| p.has(*e));
    if !candidates::can_do_pullups(p) && pull_kit {
        n.push(match p.pullups {
            Some(count) => pullups_note(count, &pullup_steps(weeks)),
            None => "Pull-ups not stated: as a beginner you get steps toward them; say how many you can do if you can do some (T-PULLUP).".into(),
        });
    } else if p.pullups.is_none() && p.has(Equipment::PullupBar) {
        // Said of the sets only when the plan holds pull-up sets so dosed.
        let top = super::dosing::ASSUMED_PULLUPS;
        let dosed = weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .flat_map(|s| &s.exercises)
            .any(|e| e.rules.contains(&"T-PULLUP") && e.hold_s.is_none() && e.reps_max == top);
        n.push(if dosed {
            format!("Pull-ups not stated: assumed you can do a few strict ones, so sets of 2-{top} stopping with reps in hand (the RPE says how many); say how many you can do to be sure (T-PULLUP).")
        } else {
            "Pull-ups not stated: assumed you can do a few strict ones; say how many to be sure (T-PULLUP).".into()
        });
    }
    let resistance = [
        Equipment::Dumbbells,
        Equipment::Kettlebell,
        Equipment::Barbell,
        Equipment::Cable,
        Equipment::Machines,
        Equipment::Bands,
    ];
    if !resistance.iter().any(|e| p.has(*e)) {
        n.push(if p.has(Equipment::Mat) {
            "Floor work on a mat is a good start; real strength needs resistance: add bands or dumbbells when you can (W-HOME).".into()
        } else {
            "Bodyweight work is a start; a mat opens the floor exercises (the Big 3 among them), and real strength needs resistance: bands or dumbbells (W-HOME).".into()
        });
        rules.push("W-HOME");
    }
    n.extend(empty_days(p, t, weeks));
    n.extend(mesocycle(weeks));
    n.extend(time_and_volume(p, catalog, t, cands, sel, weeks));
    n.extend(big3_volume(t, weeks));
    n
}

/// Where the Big 3 alone pass a muscle's weekly range, says so with the
/// figures: the table would otherwise show "above" with no reason given.
fn big3_volume(t: &Targets, weeks: &[Week]) -> Vec<String> {
    let loading: Vec<&Week> = weeks.iter().filter(|w| !w.deload).collect();
    let past: Vec<(Muscle, f64)> = TARGETED
        .iter()
        .filter_map(|m| {
            let most = loading
                .iter()
                .map(|w| volume_of(w, *m, |e| e.pyramid.is_some()))
                .fold(0.0, f64::max);
            (most > t.by_muscle[m].hi + 1e-9).then_some((*m, most))
        })
        .collect();
    let Some((per_pyramid, hold)) = weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|s| &s.exercises)
        .find(|e| e.pyramid.is_some())
        .map(|e| (e.sets, e.hold_s.unwrap_or(10)))
    else {
        return Vec::new();
    };
    if past.is_empty() {
        return Vec::new();
    }
    let figures: Vec<String> = past
        .iter()
        .map(|(m, got)| {
            let r = t.by_muscle[m];
            format!(
                "{} {} (aim {}-{})",
                muscle_words(*m),
                crate::coach::units::trim_number(*got, 1),
                crate::coach::units::trim_number(r.lo, 1),
                crate::coach::units::trim_number(r.hi, 1)
            )
        })
        .collect();
    vec![format!(
        "Each Big 3 pyramid counts as {per_pyramid} sets in the weekly table, so the Big 3 alone give more sets a week than the range aimed for: up to {}. That is by design: short {hold}-second holds for endurance, not sets taken near failure (E-MCGILL-BIG3, E-MCGILL-PYRAMID).",
        join_and(&figures)
    )]
}

/// Training days asked for that hold no session, and why (E-VOLUME).
fn empty_days(p: &Profile, t: &Targets, weeks: &[Week]) -> Option<String> {
    let first = weeks.first()?;
    let trained: Vec<u8> = first.sessions.iter().map(|s| s.day).collect();
    let empty: Vec<String> = (1..=p.days)
        .filter(|d| !trained.contains(d))
        .map(|d| d.to_string())
        .collect();
    if empty.is_empty() {
        return None;
    }
    let peak = weeks.iter().filter(|w| !w.deload).max_by_key(|w| {
        w.sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .map(|e| e.sets)
            .sum::<u32>()
    })?;
    let all_reached = TARGETED
        .iter()
        .all(|m| volume(peak, *m) + 1e-9 >= t.by_muscle[m].lo);
    let why = if all_reached {
        "the other days already reach every weekly range aimed for, so more sessions would only add sets past them (E-VOLUME)"
    } else {
        "what they could add is too little for a session of its own (fewer than 3 exercises); the work is on the other days (E-VOLUME)"
    };
    Some(format!(
        "Day{} {} of your {} hold{} no session: {why}. Rest, walk or do your sport on {}.",
        if empty.len() > 1 { "s" } else { "" },
        join_and(&empty),
        p.days,
        if empty.len() > 1 { "" } else { "s" },
        if empty.len() > 1 { "them" } else { "it" }
    ))
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    join_list(items, "and")
}

/// "a, b <word> c".
fn join_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// How the weeks build: true of the printed weeks by construction.
fn mesocycle(weeks: &[Week]) -> Vec<String> {
    let total = |w: &Week| {
        w.sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .map(|e| e.sets)
            .sum::<u32>()
    };
    let holds = |w: &Week| -> u32 {
        w.sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .filter_map(|e| e.pyramid.as_ref())
            .map(|p| p.iter().sum::<u32>())
            .sum()
    };
    let mut out = Vec::new();
    let (Some(first), Some(peak)) = (
        weeks.first(),
        weeks
            .iter()
            .filter(|w| !w.deload && w.block == 1)
            .max_by_key(|w| (total(w), std::cmp::Reverse(w.week))),
    ) else {
        return out;
    };
    if total(peak) > total(first) {
        out.push(format!(
            "Volume builds: week 1 has {} sets in all, rising to {} by week {} (E-MESOCYCLE).",
            total(first),
            total(peak),
            peak.week
        ));
    }
    // Each deload said with its own figures: sets against the week before.
    let deloads: Vec<String> = weeks
        .iter()
        .enumerate()
        .filter(|(i, w)| w.deload && *i > 0)
        .map(|(i, w)| {
            let before = &weeks[i - 1];
            if total(w) < total(before) {
                format!(
                    "week {} has {} sets against {} the week before",
                    w.week,
                    total(w),
                    total(before)
                )
            } else if holds(w) >= holds(before) {
                format!("week {} keeps the same sets and holds", w.week)
            } else {
                // Only the Big 3: a deload keeps the pyramids daily, with fewer holds.
                format!(
                    "week {} keeps its {} sets, with {} Big 3 holds against {} the week before",
                    w.week,
                    total(w),
                    holds(w),
                    holds(before)
                )
            }
        })
        .collect();
    if !deloads.is_empty() {
        // Said only when true of the deload weeks: every session holds all
        // three pyramids (a plan may use a bird dog without the daily Big 3).
        let big3 = weeks.iter().filter(|w| w.deload).all(|w| {
            w.sessions
                .iter()
                .all(|s| s.exercises.iter().filter(|e| e.pyramid.is_some()).count() >= 3)
        });
        out.push(format!(
            "Deload: {}, all at an easier effort{} (E-MESOCYCLE).",
            deloads.join("; "),
            if big3 { "; the Big 3 stay daily" } else { "" }
        ));
    }
    if weeks.iter().any(|w| w.phase == "technique") {
        let last = weeks
            .iter()
            .filter(|w| w.phase == "technique")
            .map(|w| w.week)
            .max()
            .unwrap_or(1);
        let ids = |w: &Week| -> Vec<String> {
            let mut v: Vec<String> = w
                .sessions
                .iter()
                .flat_map(|s| &s.exercises)
                .map(|e| e.id.clone())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        // What the weeks after the technique phase bring that its weeks did not.
        let before: Vec<String> = weeks
            .iter()
            .filter(|w| w.week <= last)
            .flat_map(ids)
            .collect();
        let new_lifts: Vec<String> = weeks
            .iter()
            .find(|w| w.week == last + 1)
            .map(|w| {
                let mut names: Vec<String> = w
                    .sessions
                    .iter()
                    .flat_map(|s| &s.exercises)
                    .filter(|e| !before.contains(&e.id))
                    .map(|e| e.name.clone())
                    .collect();
                names.dedup();
                names
            })
            .unwrap_or_default();
        let weeks_words = format!(
            "Week{} 1{}",
            if last > 1 { "s" } else { "" },
            if last > 1 {
                format!("-{last}")
            } else {
                String::new()
            }
        );
        out.push(if new_lifts.is_empty() {
            format!("{weeks_words}: technique first, at an easier effort, before the sets get harder (T-BEGINNER, S-FORM).")
        } else {
            format!(
                "{weeks_words}: technique first, with easier versions and light loads; from week {} the full lifts come in: {} (T-BEGINNER, S-FORM).",
                last + 1,
                join_and(&new_lifts)
            )
        });
    }
    out
}

/// Whether sessions use the time given, and why not where they do not; what
/// falls short of its range, and why.
fn time_and_volume(
    p: &Profile,
    catalog: &Catalog,
    t: &Targets,
    cands: &[Candidate],
    sel: &Selection,
    weeks: &[Week],
) -> Vec<String> {
    let mut out = Vec::new();
    let pr = &sel.problem;
    let units = &sel.solution.units;
    let given = f64::from(p.minutes);
    // Read off the printed weeks, so the note is true of what the person sees.
    let longest = weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .map(|s| s.minutes)
        .fold(0.0, f64::max);
    let peak_week = weeks.iter().filter(|w| !w.deload).max_by(|a, b| {
        let s = |w: &Week| w.sessions.iter().map(|s| s.minutes).sum::<f64>();
        s(a).total_cmp(&s(b)).then(b.week.cmp(&a.week))
    });
    let at_top: Vec<Muscle> = TARGETED
        .iter()
        .copied()
        .filter(|m| peak_week.is_some_and(|w| volume(w, *m) + 1e-9 >= t.by_muscle[m].hi))
        .collect();
    // Past the top, not at it: said as such, with the figures.
    let above: Vec<String> = at_top
        .iter()
        .filter_map(|m| {
            let (got, r) = (volume(peak_week?, *m), t.by_muscle[m]);
            (got > r.hi + 1e-9).then(|| {
                format!(
                    "{} {} (aim {}-{})",
                    muscle_words(*m),
                    crate::coach::units::trim_number(got, 1),
                    crate::coach::units::trim_number(r.lo, 1),
                    crate::coach::units::trim_number(r.hi, 1)
                )
            })
        })
        .collect();
    let past = if above.is_empty() {
        String::new()
    } else {
        format!("; already past it: {}", above.join(", "))
    };
    let room = longest < 0.85 * given;
    if room {
        let exercise_cap = (0..pr.sessions.len()).all(|k| {
            pr.uses
                .iter()
                .zip(units)
                .filter(|(u, x)| u.session == k && **x > 0)
                .count() as u32
                >= pr.sessions[k].max_exercises
        });
        let why = if at_top.len() == TARGETED.len() {
            format!("every back and core muscle reaches the top of its weekly range there{past}, where more sets add little (E-VOLUME, E-LANDMARKS)")
        } else if exercise_cap {
            "each session already holds 7 exercises, as many as a session should".to_string()
        } else {
            let at: Vec<&str> = at_top.iter().map(|m| muscle_words(*m)).collect();
            format!(
                "the muscles your exercises train reach the top of their weekly range ({}){past}, and more sets would take them {}past it (E-VOLUME, E-LANDMARKS)",
                if at.is_empty() { "none".to_string() } else { at.join(", ") },
                if above.is_empty() { "" } else { "further " }
            )
        };
        // The figures are the fullest week's (most minutes in all), which
        // may be in a later block than the table's peak.
        out.push(format!(
            "The fullest session takes {:.0} of your {} minutes{} {why}. Spend spare time on other training, or walking.",
            longest.ceil(),
            p.minutes,
            peak_week
                .map(|w| format!("; in the plan's fullest week (week {}),", w.week))
                .unwrap_or_else(|| ":".into())
        ));
    }
    // Muscles below their minimum, and why.
    for (mi, m) in TARGETED.iter().enumerate() {
        let got = pr.volume(units, mi);
        let target = t.by_muscle[m];
        if got + 1e-9 < target.lo {
            let trainable = cands.iter().any(|c| c.stim(*m) > 0.0);
            let why = if !trainable {
                "nothing in your equipment trains it directly: a pull-up bar, bands or dumbbells would".to_string()
            } else if room {
                "more would push other muscles past their range".to_string()
            } else {
                format!(
                    "the fullest session takes {:.0} of your {} minutes, too little left for more; more minutes or days would close the gap",
                    longest.ceil(),
                    p.minutes
                )
            };
            out.push(format!(
                "{}: {} weekly sets at the peak, below the {}-{} aimed for; {why} (E-VOLUME, W-GYM).",
                muscle_words(*m),
                got,
                target.lo,
                target.hi
            ));
        }
    }
    // Needed movement slots the week leaves out.
    let mut opened = None;
    for (si, slot) in sel.slots.iter().enumerate() {
        if !slot.needed {
            continue;
        }
        let filled = sel
            .kinds
            .iter()
            .any(|k| k.fills.iter().any(|f| f.slot == si));
        let used = super::optimizer::coverage(sel)
            .get(&si)
            .copied()
            .unwrap_or(false);
        let group_used = sel.slots.iter().enumerate().any(|(sj, s)| {
            s.kind.group() == slot.kind.group()
                && super::optimizer::coverage(sel)
                    .get(&sj)
                    .copied()
                    .unwrap_or(false)
        });
        if group_used || used {
            continue;
        }
        if matches!(slot.kind, Kind::Row2 | Kind::Vertical2 | Kind::Upper2) {
            continue;
        }
        let why = if !filled {
            match slot.kind {
                // A bodyweight squat needs nothing but trains the legs, not the back.
                Kind::Squat => "no squat open to you here trains the back (a bodyweight squat works the legs; a goblet squat needs a dumbbell or kettlebell)".to_string(),
                _ => {
                    let opened = opened.get_or_insert_with(|| opened_by_one_more(p, catalog));
                    let would: Vec<String> = opened
                        .iter()
                        .filter(|(_, cs)| cs.iter().any(|c| slot.kind.admits(c)))
                        .take(3)
                        .map(|(e, _)| equipment_words(*e).to_string())
                        .collect();
                    let mut why = "nothing you have (or may do yet) fills it".to_string();
                    if !would.is_empty() {
                        why += &format!("; {} would", join_list(&would, "or"));
                    }
                    why
                }
            }
        } else {
            why_unused(p, sel, cands, si)
        };
        let what = slot.kind.words();
        let what = format!("{}{}", what[..1].to_uppercase(), &what[1..]);
        out.push(format!(
            "{what} is missing this week: {why} (W-GYM, {}).",
            slot.rule
        ));
    }
    out
}

/// Per piece of equipment the person lacks (home kit first), the candidates
/// they would have with it added: what a missing slot's note says would open it.
fn opened_by_one_more<'c>(
    p: &Profile,
    catalog: &'c Catalog,
) -> Vec<(Equipment, Vec<Candidate<'c>>)> {
    let mut lacking: Vec<Equipment> = Equipment::ALL
        .iter()
        .copied()
        .filter(|e| !p.has(*e))
        .collect();
    lacking.sort_by_key(|e| e.is_gym_only());
    lacking
        .into_iter()
        .map(|e| {
            let mut q = p.clone();
            q.equipment.push(e);
            (e, candidates::select(&q, catalog).0)
        })
        .collect()
}

/// A piece of equipment in plain words, with its article.
fn equipment_words(e: Equipment) -> &'static str {
    match e {
        Equipment::Mat => "a mat",
        Equipment::Dumbbells => "dumbbells",
        Equipment::Kettlebell => "a kettlebell",
        Equipment::Barbell => "a barbell",
        Equipment::Rack => "a rack",
        Equipment::Bench => "a bench",
        Equipment::Cable => "a cable station",
        Equipment::Machines => "machines",
        Equipment::PullupBar => "a pull-up bar",
        Equipment::Bands => "bands",
    }
}

/// Why the optimiser left a fillable slot unused, read off the problem: the
/// first hard limit that adding it (at its fewest sets) would break in every
/// session that could hold it, else the trade the objective made.
fn why_unused(p: &Profile, sel: &Selection, cands: &[Candidate], slot: usize) -> String {
    let pr = &sel.problem;
    let units = &sel.solution.units;
    let candidates: Vec<usize> = (0..pr.uses.len())
        .filter(|i| {
            let (t, fi) = sel.uses[*i];
            sel.kinds[t].fills[fi].slot == slot
        })
        .collect();
    let heavy_used: f64 = pr
        .uses
        .iter()
        .zip(units)
        .filter(|(u, _)| u.heavy)
        .map(|(u, x)| u.weekly_sets(*x))
        .sum();
    let breaks = |limit: &dyn Fn(usize) -> bool| {
        !candidates.is_empty() && candidates.iter().all(|i| limit(*i))
    };
    let over_cap = |i: usize| {
        let u = &pr.uses[i];
        u.heavy && heavy_used + u.weekly_sets(u.min_units) > pr.heavy_cap + 1e-9
    };
    let full_count = |i: usize| {
        let t = pr.uses[i].session;
        pr.count(units, t) >= pr.sessions[t].max_exercises
    };
    let no_time = |i: usize| {
        let u = &pr.uses[i];
        pr.session_seconds(units, u.session) + u.seconds(u.min_units)
            > pr.sessions[u.session].seconds + 1e-6
    };
    if breaks(&over_cap) {
        format!(
            "the week's heavy sets are capped at {} (P-VOLUME) and the other heavy lifts have them",
            pr.heavy_cap
        )
    } else if breaks(&full_count) {
        format!(
            "the sessions that could hold it already have {} exercises, as many as a session should",
            super::optimizer::MAX_EXERCISES
        )
    } else if breaks(&no_time) {
        // What it was tried with, and the fewest minutes it lacks anywhere.
        let mut names: Vec<&str> = candidates
            .iter()
            .map(|i| {
                let (t, fi) = sel.uses[*i];
                cands[sel.kinds[t].fills[fi].cand].exercise.name.as_str()
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        let short = candidates
            .iter()
            .map(|i| {
                let u = &pr.uses[*i];
                pr.session_seconds(units, u.session) + u.seconds(u.min_units)
                    - pr.sessions[u.session].seconds
            })
            .fold(f64::INFINITY, f64::min);
        format!(
            "it does not fit in {} minutes with the rest; {} would need about {} more minute{}",
            p.minutes,
            names.join(" or "),
            (short / 60.0).ceil().max(1.0),
            if short > 60.0 { "s" } else { "" }
        )
    } else {
        "the sets it would take serve your goals less than the work chosen, with the weekly ranges already met".to_string()
    }
}

#[cfg(test)]
mod note_words_tests {
    use super::*;

    #[test]
    fn a_sport_note_names_its_rule_inside_one_sentence() {
        for s in crate::vocab::Sport::ALL {
            let note = sport_note(*s, &[]);
            assert!(!note.contains(". ("), "{s}: {note}");
            assert!(!note.contains(".."), "{s}: {note}");
            assert!(note.ends_with(" (A-SPORT)."), "{s}: {note}");
        }
    }

    #[test]
    fn t_pullup_note_is_true_of_the_count_given() {
        let steps = vec!["Lat pulldown".to_string()];
        let none = pullups_note(0, &steps);
        assert!(none.starts_with("No strict pull-ups yet") && none.contains("Lat pulldown"));
        let one = pullups_note(1, &steps);
        assert!(one.starts_with("1 strict pull-up so far"), "{one}");
        assert!(!one.contains("No strict") && !one.contains("pull-ups so far"));
        let two = pullups_note(2, &steps);
        assert!(two.starts_with("2 strict pull-ups so far"), "{two}");
        assert!(pullups_note(0, &[]).contains("no step toward them"));
    }
}
