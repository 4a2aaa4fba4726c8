//! Weekly set targets per muscle, derived from the goal blend, level and context.
//!
//! Each goal has a base range per muscle (E-VOLUME, E-LANDMARKS and the goal's
//! rules: the top of a range is the productive volume a block builds to); several goals blend by taking, per muscle, the highest minimum and the
//! highest maximum (each goal's minimum dose is kept; no goal caps another).
//! Context then shifts the ranges (G-DESK, A-PUSH, F-ONEDAY, G-LABOUR), level
//! scales them (E-ACSM-LEVELS) and a recovering back caps them (S-RECOVERY).

use crate::profile::Profile;
use crate::vocab::{Goal, Level, Muscle};
use std::collections::BTreeMap;

/// The muscles the planner aims weekly volume at: back and core.
pub const TARGETED: [Muscle; 7] = [
    Muscle::SpinalErectors,
    Muscle::Lats,
    Muscle::Traps,
    Muscle::Rhomboids,
    Muscle::RearDelts,
    Muscle::Abs,
    Muscle::Obliques,
];

/// A weekly set range for one muscle and how much a shortfall matters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub lo: f64,
    pub hi: f64,
    /// Priority weight in the optimiser's objective.
    pub weight: f64,
}

/// All targets plus the rules that shaped them.
#[derive(Debug, Clone, PartialEq)]
pub struct Targets {
    pub by_muscle: BTreeMap<Muscle, Target>,
    pub rules: Vec<&'static str>,
    pub notes: Vec<String>,
}

/// Base weekly ranges per goal, in TARGETED order:
/// erectors, lats, traps, rhomboids, rear delts, abs, obliques.
fn base_ranges(goal: Goal) -> ([(f64, f64); 7], &'static [&'static str]) {
    match goal {
        Goal::Physique => (
            [
                (4., 10.),
                (10., 20.),
                (6., 14.),
                (8., 18.),
                (6., 14.),
                (4., 10.),
                (3., 8.),
            ],
            &["M-MANY", "E-VOLUME", "E-LANDMARKS", "P-VOLUME"],
        ),
        Goal::Strength => (
            [
                (6., 14.),
                (8., 16.),
                (6., 12.),
                (6., 14.),
                (4., 10.),
                (4., 10.),
                (3., 8.),
            ],
            &["T-STRENGTH", "E-NSCA-GOALS"],
        ),
        Goal::Athletic => (
            [
                (4., 12.),
                (8., 14.),
                (4., 10.),
                (6., 12.),
                (4., 10.),
                (6., 12.),
                (4., 10.),
            ],
            &["A-LINK", "A-WEAK"],
        ),
        Goal::Prevention => (
            [
                (6., 12.),
                (4., 10.),
                (2., 8.),
                (4., 10.),
                (4., 8.),
                (6., 14.),
                (6., 14.),
            ],
            &["R-ENDURE", "E-MCGILL-BIG3", "M-CORE"],
        ),
        Goal::Recovery => (
            [
                (4., 8.),
                (2., 6.),
                (0., 4.),
                (2., 6.),
                (2., 6.),
                (4., 9.),
                (4., 9.),
            ],
            &["S-RECOVERY", "R-ENDURE", "E-EXERCISE-LBP"],
        ),
        Goal::Posture => (
            [
                (6., 12.),
                (6., 12.),
                (6., 12.),
                (8., 16.),
                (8., 14.),
                (4., 10.),
                (3., 8.),
            ],
            &["M-UPPER", "PO-WHOLE", "E-POSTURE"],
        ),
        Goal::General => (
            [
                (4., 10.),
                (6., 12.),
                (2., 8.),
                (4., 10.),
                (4., 8.),
                (4., 10.),
                (3., 8.),
            ],
            &["GE-BASIC"],
        ),
    }
}

/// How much a shortfall of one weekly set costs, per muscle (M-ERECTORS: erectors matter most).
fn base_weight(m: Muscle) -> f64 {
    match m {
        Muscle::SpinalErectors => 3.0,
        Muscle::Abs | Muscle::Obliques => 2.0,
        Muscle::Lats | Muscle::Rhomboids => 1.5,
        _ => 1.0,
    }
}

fn round_half(x: f64) -> f64 {
    (x * 2.0).round() / 2.0
}

/// Derives the weekly targets for a screened profile.
pub fn derive(p: &Profile) -> Targets {
    let mut rules: Vec<&'static str> = vec!["G-GOALS", "G-NEED", "E-VOLUME"];
    let mut notes = Vec::new();
    let mut ranges = [(0.0f64, 0.0f64); 7];
    for (i, g) in p.goals.iter().enumerate() {
        let (base, why) = base_ranges(*g);
        rules.extend_from_slice(why);
        for (k, (lo, hi)) in base.iter().enumerate() {
            ranges[k] = if i == 0 {
                (*lo, *hi)
            } else {
                (ranges[k].0.max(*lo), ranges[k].1.max(*hi))
            };
        }
    }
    if p.goals.len() > 1 {
        let names: Vec<&str> = p.goals.iter().map(|g| g.as_str()).collect();
        notes.push(format!(
            "Goals blended ({}): per muscle, the weekly set range keeps the highest minimum and highest maximum of the goals (G-GOALS).",
            names.join(" + ")
        ));
        if p.has_goal(Goal::Physique) && p.has_goal(Goal::Strength) {
            rules.push("P-BOTH");
        }
    }

    let shift = |ranges: &mut [(f64, f64); 7], m: Muscle, d: f64| {
        let k = TARGETED
            .iter()
            .position(|t| *t == m)
            .expect("targeted muscle");
        ranges[k] = ((ranges[k].0 + d).max(0.0), (ranges[k].1 + d).max(0.0));
    };
    let mut weights: BTreeMap<Muscle, f64> =
        TARGETED.iter().map(|m| (*m, base_weight(*m))).collect();

    if p.desk_job {
        rules.push("G-DESK");
        for m in [
            Muscle::SpinalErectors,
            Muscle::Rhomboids,
            Muscle::Traps,
            Muscle::RearDelts,
            Muscle::Abs,
            Muscle::Obliques,
        ] {
            shift(&mut ranges, m, 2.0);
            *weights.get_mut(&m).expect("weight") *= 1.25;
        }
        notes.push(
            "Desk job: more weekly sets for the erectors, mid and upper back and core (G-DESK)."
                .into(),
        );
    }
    if p.has_goal(Goal::Posture) {
        rules.push("M-UPPER");
        for m in [Muscle::Rhomboids, Muscle::Traps, Muscle::RearDelts] {
            *weights.get_mut(&m).expect("weight") *= 1.5;
        }
    }
    if let Some(d) = p.sport.map(super::sport::demands).filter(|d| d.pulling) {
        // A pulling sport already loads the lats: shoulder-blade and rear-shoulder work instead (A-SPORT).
        rules.push("A-SPORT");
        shift(&mut ranges, Muscle::Lats, -4.0);
        for m in [Muscle::RearDelts, Muscle::Traps] {
            shift(&mut ranges, m, 2.0);
        }
        let _ = d;
        notes.push("Pulling sport: fewer lat sets, more rear-shoulder and lower-trap work to balance it (A-SPORT).".into());
    }
    if p.pushing_sport() {
        rules.extend_from_slice(&["A-PUSH", "E-PULLPUSH"]);
        for m in [
            Muscle::Lats,
            Muscle::Rhomboids,
            Muscle::RearDelts,
            Muscle::Traps,
        ] {
            shift(&mut ranges, m, 3.0);
        }
        notes.push("Pushing sport: extra pulling sets for lats, mid back and rear delts to balance the front of the body (A-PUSH, E-PULLPUSH).".into());
    }
    if p.manual_labour {
        rules.push("G-LABOUR");
        shift(&mut ranges, Muscle::SpinalErectors, -2.0);
        notes.push("Heavy lifting at work already loads the erectors: their direct volume is lowered (G-LABOUR).".into());
    } else {
        rules.push("G-LABOUR");
    }
    if p.other_back_activity {
        rules.push("F-ONEDAY");
        shift(&mut ranges, Muscle::SpinalErectors, -1.0);
        shift(&mut ranges, Muscle::Lats, -1.0);
        notes.push(
            "Other weekly activities load the back too: erector and lat volume trimmed (F-ONEDAY)."
                .into(),
        );
    }

    let scale = match p.level {
        Level::Beginner => 0.7,
        Level::Intermediate => 1.0,
        Level::Advanced => 1.2,
    };
    rules.push("E-ACSM-LEVELS");
    if p.level == Level::Beginner {
        notes.push("Beginner: the weekly ranges aimed for are about 70% of the usual ones (E-ACSM-LEVELS).".into());
    }

    let recovering = p.recovering();
    let (recovery_caps, _) = base_ranges(Goal::Recovery);
    let mut by_muscle = BTreeMap::new();
    for (k, m) in TARGETED.iter().enumerate() {
        let (mut lo, mut hi) = (
            round_half(ranges[k].0 * scale),
            round_half(ranges[k].1 * scale),
        );
        if recovering {
            // S-RECOVERY: never more than the recovery dose, whatever else was asked.
            hi = hi.min(recovery_caps[k].1.max(recovery_caps[k].0));
            lo = lo.min(hi);
        }
        // M-ERECTORS / M-CORE: these are trained every week, whatever the blend.
        if matches!(m, Muscle::SpinalErectors | Muscle::Abs | Muscle::Obliques) {
            lo = lo.max(2.0);
            hi = hi.max(lo);
        }
        by_muscle.insert(
            *m,
            Target {
                lo,
                hi,
                weight: weights[m],
            },
        );
    }
    if recovering {
        rules.push("S-RECOVERY");
    }
    rules.extend_from_slice(&["M-ERECTORS", "M-CORE"]);
    Targets {
        by_muscle,
        rules,
        notes,
    }
}

/// Lays the shifts of an endurance battery over derived targets (R-ENDURE,
/// E-MCGILL-ENDURANCE): each adds its weekly sets to both ends of its
/// muscle's range, cites its rules and says why in a note. Applied after
/// `derive`, so a battery never changes the targets of a plan without one.
pub fn apply_shifts(t: &mut Targets, shifts: &[crate::assess::TargetShift]) {
    for s in shifts {
        let Some(range) = t.by_muscle.get_mut(&s.muscle) else {
            continue;
        };
        let d = f64::from(s.weekly_sets);
        range.lo += d;
        range.hi += d;
        for r in &s.rules {
            if !t.rules.contains(r) {
                t.rules.push(r);
            }
        }
        let side = s
            .side
            .map(|x| format!(", the extra on the {} side", x.as_str()))
            .unwrap_or_default();
        t.notes.push(format!(
            "Endurance battery: {} So {} get {d:+} weekly sets (aim {}-{}){side} ({}).",
            s.reason,
            super::notes::muscle_words(s.muscle),
            range.lo,
            range.hi,
            s.rules.join(", ")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    fn profile(goals: &str, level: &str, extra: impl FnOnce(&mut ProfileInput)) -> Profile {
        let mut i = ProfileInput {
            goals: Some(goals.split(',').map(String::from).collect()),
            level: Some(level.into()),
            equipment: Some(vec!["gym".into()]),
            ..Default::default()
        };
        extra(&mut i);
        i.into_profile().unwrap()
    }

    #[test]
    fn g_goals_blend_keeps_highest_minimum() {
        let phys = derive(&profile("physique", "intermediate", |_| {}));
        let str_ = derive(&profile("strength", "intermediate", |_| {}));
        let both = derive(&profile("physique,strength", "intermediate", |_| {}));
        let m = Muscle::SpinalErectors;
        assert_eq!(
            both.by_muscle[&m].lo,
            phys.by_muscle[&m].lo.max(str_.by_muscle[&m].lo)
        );
        assert!(both.rules.contains(&"P-BOTH"));
        assert!(both.notes.iter().any(|n| n.contains("blended")));
    }

    #[test]
    fn g_desk_raises_upper_back_and_core() {
        let base = derive(&profile("general", "intermediate", |_| {}));
        let desk = derive(&profile("general", "intermediate", |i| {
            i.desk_job = Some(true)
        }));
        for m in [Muscle::Rhomboids, Muscle::SpinalErectors, Muscle::Abs] {
            assert!(desk.by_muscle[&m].lo > base.by_muscle[&m].lo, "{m}");
        }
    }

    #[test]
    fn a_push_raises_pulling_volume() {
        let base = derive(&profile("athletic", "intermediate", |_| {}));
        let push = derive(&profile("athletic", "intermediate", |i| {
            i.sport_push = Some(true)
        }));
        assert!(push.by_muscle[&Muscle::Lats].lo > base.by_muscle[&Muscle::Lats].lo);
        assert!(push.rules.contains(&"A-PUSH"));
    }

    #[test]
    fn s_recovery_caps_volume_and_keeps_erectors_and_core() {
        let t = derive(&profile("physique", "advanced", |i| {
            i.pain = Some("recovering".into())
        }));
        assert!(t.by_muscle[&Muscle::Lats].hi <= 6.0);
        for m in [Muscle::SpinalErectors, Muscle::Abs, Muscle::Obliques] {
            assert!(t.by_muscle[&m].lo >= 2.0);
        }
    }
}
