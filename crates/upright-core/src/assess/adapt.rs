//! Plans that adapt: a battery report becomes shifts of the weekly set targets,
//! and the retest schedule (R-ENDURE, E-MCGILL-ENDURANCE).

use super::score::{Link, RatioKind, Report};
use super::Side;
use crate::vocab::Muscle;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// One change to the weekly targets the planner aims for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetShift {
    pub muscle: Muscle,
    /// Weekly sets to add to the muscle's target range (both ends). Always
    /// positive: the planner's time budget decides what gives way.
    pub weekly_sets: i32,
    /// Set for an asymmetric side bridge: the extra sets are for this side only
    /// (one-sided work such as a side bridge on that side).
    pub side: Option<Side>,
    pub rules: Vec<&'static str>,
    pub reason: String,
}

/// Sets a week for a link missed by up to this share of its target get the small shift.
const SMALL_MISS: f64 = 0.20;
const SMALL_SHIFT: i32 = 2;
/// A clear miss gets twice as much: still within one productive range of
/// E-LANDMARKS, so the plan shifts emphasis rather than doubling its volume.
const LARGE_SHIFT: i32 = 4;

fn delta(miss: f64, recovering: bool) -> i32 {
    // A recovering back progresses slowly (S-RECOVERY): never the large step.
    if miss <= SMALL_MISS || recovering {
        SMALL_SHIFT
    } else {
        LARGE_SHIFT
    }
}

/// The target shifts a report asks for: the weakest link moves the weekly
/// targets toward the muscle group behind it (extensor endurance: spinal
/// erectors; lateral flexors: obliques; flexors: abs), and an asymmetric side
/// bridge adds work for the weaker side even when it is not the weakest link.
/// An empty list means "plan as before". Holds stopped by pain are not scored,
/// so they never add load to the region that hurt.
pub fn target_shifts(report: &Report) -> Vec<TargetShift> {
    let mut rules = vec!["R-ENDURE", "E-MCGILL-ENDURANCE"];
    if report.recovering {
        rules.push("S-RECOVERY");
    }
    let mut shifts = Vec::new();
    if let Some(w) = &report.weakest_link {
        shifts.push(TargetShift {
            muscle: w.muscle,
            weekly_sets: delta(w.miss, report.recovering),
            side: w.side,
            rules: rules.clone(),
            reason: w.text.clone(),
        });
    }
    let right_left = report.ratio(RatioKind::RightLeft);
    let already = matches!(
        report.weakest_link.as_ref().map(|w| w.link),
        Some(Link::Ratio(RatioKind::RightLeft))
    );
    if right_left.met == Some(false) && !already {
        let r = report.hold(super::Test::SideRight).seconds.unwrap_or(0);
        let l = report.hold(super::Test::SideLeft).seconds.unwrap_or(0);
        let weak = if r < l { Side::Right } else { Side::Left };
        shifts.push(TargetShift {
            muscle: Muscle::Obliques,
            weekly_sets: delta(right_left.miss.unwrap_or_default(), report.recovering),
            side: Some(weak),
            rules,
            reason: format!(
                "Your side bridges differ (right {r} s, left {l} s; right:left {:.2}, target {}): extra side work for the {} side until they even out.",
                right_left.value.unwrap_or_default(),
                right_left.target.describe(),
                weak.as_str()
            ),
        });
    }
    shifts
}

/// A retest is due 4 weeks after the last battery: the early end of the 4-6
/// week window, so the default 8-week plan gets a check at its midpoint and
/// another at its end.
pub const RETEST_DAYS: u64 = 28;
/// Past 6 weeks the plan has been steered by stale numbers: the retest is overdue.
pub const RETEST_OVERDUE_DAYS: u64 = 42;

/// When the next battery is due.
pub fn next_retest(last_test: NaiveDate) -> NaiveDate {
    last_test + Days::new(RETEST_DAYS)
}

/// A retest that is due (or overdue) today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetestDue {
    pub last_test: NaiveDate,
    pub due_on: NaiveDate,
    pub overdue_on: NaiveDate,
    pub days_since_test: i64,
    pub overdue: bool,
    pub message: String,
    pub rules: Vec<&'static str>,
}

/// `Some` from 4 weeks after the last test on; `None` before that (and for a
/// last test dated after today, which is a caller's clock problem, not a retest).
pub fn retest_due(last_test: NaiveDate, today: NaiveDate) -> Option<RetestDue> {
    let due_on = next_retest(last_test);
    if today < due_on {
        return None;
    }
    let overdue_on = last_test + Days::new(RETEST_OVERDUE_DAYS);
    let days = (today - last_test).num_days();
    let overdue = today > overdue_on;
    let message = if overdue {
        format!(
            "Your last endurance battery was {days} days ago ({last_test}); retest soon so the plan follows your current times."
        )
    } else {
        format!("Retest due: your last endurance battery was {days} days ago ({last_test}). Test every 4-6 weeks.")
    };
    Some(RetestDue {
        last_test,
        due_on,
        overdue_on,
        days_since_test: days,
        overdue,
        message,
        rules: vec!["R-ENDURE", "E-MCGILL-ENDURANCE"],
    })
}

/// The notes a plan made with this battery carries beyond the target shifts'
/// own (which `plan::targets::apply_shifts` writes): that nothing moved, when
/// the battery asked for nothing, and the retest schedule. Cites R-ENDURE and
/// E-MCGILL-ENDURANCE into `rules`.
pub fn plan_notes(report: &Report, rules: &mut Vec<&'static str>) -> Vec<String> {
    let mut notes = Vec::new();
    for r in ["R-ENDURE", "E-MCGILL-ENDURANCE"] {
        if !rules.contains(&r) {
            rules.push(r);
        }
    }
    if target_shifts(report).is_empty() {
        notes.push(format!(
            "Endurance battery of {}: no ratio is off its target and no hold below its norm, so the weekly targets stay as the goals set them (R-ENDURE, E-MCGILL-ENDURANCE).",
            report.date
        ));
    }
    let overdue = report.date + Days::new(RETEST_OVERDUE_DAYS);
    notes.push(format!(
        "Retest the endurance battery every 4-6 weeks: the last was on {}, the next is due on {} (at the latest {}). Do it as the first block of a training day, after the warm-up and before other work, with `upright assess`; `upright today` says when it is due (R-ENDURE, E-MCGILL-ENDURANCE).",
        report.date,
        next_retest(report.date),
        overdue
    ));
    notes
}
