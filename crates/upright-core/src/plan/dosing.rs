//! How each exercise is dosed for this person: rep range, RPE, rest and weekly
//! set bounds, from its role (heavy compound, compound, isolation, bodyweight,
//! hold, McGill Big 3) and the goal blend. Figures come from EVIDENCE.md.

use crate::catalog::Exercise;
use crate::profile::Profile;
use crate::vocab::{Dosing, Goal, Level, Loading, Mechanic, Pattern};

/// What an exercise is for in this plan; decides its dosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Deadlift, squat, good morning, barbell row: loaded, high spinal load.
    HeavyCompound,
    /// Loaded multi-joint work (rows, pulldowns, swings).
    Compound,
    /// Loaded single-joint work (reverse flies, face pulls).
    Isolation,
    /// Bodyweight reps (superman, inverted row, pull-up ladder).
    Bodyweight,
    /// Timed holds (plank, dead hang).
    Hold,
    /// McGill's curl-up, side bridge, bird dog: ~10 s holds in a descending pyramid.
    Big3,
}

impl Role {
    /// Order inside a session: heavy and technical first, core last (M-CORE:
    /// a fatigued core should not be asked to brace a heavy lift).
    pub fn session_order(self) -> u8 {
        match self {
            Role::HeavyCompound => 0,
            Role::Compound => 1,
            Role::Bodyweight => 2,
            Role::Isolation => 3,
            Role::Hold => 4,
            Role::Big3 => 5,
        }
    }
}

/// The prescription of one exercise in the base week.
#[derive(Debug, Clone, PartialEq)]
pub struct Dose {
    pub role: Role,
    pub reps_min: u32,
    pub reps_max: u32,
    pub hold_s: Option<u32>,
    pub rpe: f64,
    pub rest_s: u32,
    /// Sets come in blocks of this size (3 for a Big 3 pyramid, else 1).
    pub block: u32,
    pub max_sets: u32,
    pub rules: Vec<&'static str>,
}

impl Dose {
    /// Seconds one set takes including the rest after it (E-SETTIME: 3 s a rep,
    /// 5 s set-up; holds take their hold time plus 2 s to reset between holds).
    /// Uses the top of the rep range so no later week can run over the budget.
    pub fn seconds_per_set(&self, unilateral: bool) -> f64 {
        self.work_seconds(unilateral) + 5.0 + self.rest_s as f64
    }

    pub fn work_seconds(&self, unilateral: bool) -> f64 {
        let one_side = match self.hold_s {
            Some(h) => self.reps_max as f64 * (h as f64 + 2.0),
            None => self.reps_max as f64 * 3.0,
        };
        if unilateral {
            2.0 * one_side
        } else {
            one_side
        }
    }

    /// Seconds of one unit in a session (a set, or a whole McGill pyramid at its
    /// largest, 6-4-2), with the rest after it; the rest not taken after the
    /// last set is the caller's to subtract.
    pub fn unit_seconds(&self, unilateral: bool) -> f64 {
        match (self.role, self.hold_s) {
            (Role::Big3, Some(h)) => {
                let steps = pyramid(self.reps_max, self.block);
                pyramid_seconds(&steps, h, self.rest_s, unilateral) + f64::from(self.rest_s)
            }
            _ => self.seconds_per_set(unilateral),
        }
    }

    /// The smallest group of sets placed on one day: a whole pyramid, else one set.
    pub fn placement_unit(&self) -> u32 {
        if self.role == Role::Big3 {
            self.block
        } else {
            1
        }
    }

    /// Minutes for `sets` sets done back to back: rest between sets, not after the last.
    pub fn block_seconds(&self, sets: u32, unilateral: bool) -> f64 {
        if sets == 0 {
            return 0.0;
        }
        sets as f64 * (self.work_seconds(unilateral) + 5.0) + (sets - 1) as f64 * self.rest_s as f64
    }
}

/// Seconds of one McGill pyramid of `steps` (reps per step) of `hold_s` holds,
/// the rests between its steps included and none after the last. A step is
/// a set-up (5 s) and its holds (2 s to reset after each, E-SETTIME). Done
/// each side, the sides take turns step by step (E-MCGILL-PYRAMID: short
/// rests), so each side rests while the other works and a rest is added only
/// where the other side's step is shorter than `rest_s`.
pub fn pyramid_seconds(steps: &[u32], hold_s: u32, rest_s: u32, unilateral: bool) -> f64 {
    let side = |reps: u32| f64::from(reps) * (f64::from(hold_s) + 2.0) + 5.0;
    let rest = f64::from(rest_s);
    let work: f64 = steps.iter().map(|r| side(*r)).sum();
    let rests: f64 = steps
        .windows(2)
        .map(|w| {
            if unilateral {
                // Side A waits out B's step i; then B waits out A's step i+1.
                (rest - side(w[0])).max(0.0) + (rest - side(w[1])).max(0.0)
            } else {
                rest
            }
        })
        .sum();
    if unilateral {
        2.0 * work + rests
    } else {
        work + rests
    }
}

/// The reps of a descending McGill pyramid: top, top-2, ... (at least 1 each).
pub fn pyramid(top: u32, sets: u32) -> Vec<u32> {
    (0..sets)
        .map(|i| top.saturating_sub(2 * i).max(1))
        .collect()
}

/// The top of the McGill pyramid (E-MCGILL-PYRAMID) in the first block and at
/// the peak, by session length. 6-4-2 is the full dose; in a short session a
/// smaller pyramid keeps all three of the Big 3 in it (E-MCGILL-BIG3: daily)
/// instead of dropping one. With their rests and changeovers the three take
/// about 15 minutes at 6-4-2, 12 at 5-3-1, 10 at 4-2-1 and 8 at 3-1-1, so each
/// band's peak fits beside its warm-up (checked by a test).
pub fn pyramid_tops(minutes: u16) -> (u32, u32) {
    match minutes {
        0..=14 => (3, 3),
        15..=19 => (3, 4),
        20..=24 => (4, 5),
        _ => (5, 6),
    }
}

/// Rest between the steps of a McGill pyramid (E-MCGILL-PYRAMID: short
/// rests): the holds are 10 s at an easy effort, endurance without fatigue.
/// At 15 s the three pyramids at 3-1-1 fit a 10-minute session with its
/// warm-up, the daily routine McGill describes.
pub const BIG3_REST_S: u32 = 15;

/// Seconds the three Big 3 pyramids of `top` take with their changeovers
/// (the curl-up both ways at once, bird dog and side bridge each side).
pub fn big3_seconds(top: u32) -> f64 {
    let steps = pyramid(top, 3);
    pyramid_seconds(&steps, 10, BIG3_REST_S, false)
        + 2.0 * pyramid_seconds(&steps, 10, BIG3_REST_S, true)
        + 3.0 * super::optimizer::CHANGEOVER_S
}

/// "about 8 minutes" or "about 8-10 minutes": the three Big 3 pyramids from
/// the first block's top to the peak's, done on their own.
pub fn big3_minutes_words(minutes: u16) -> String {
    let (first, peak) = pyramid_tops(minutes);
    let (a, b) = (
        (big3_seconds(first) / 60.0).round(),
        (big3_seconds(peak) / 60.0).round(),
    );
    if a == b {
        format!("about {a} minutes")
    } else {
        format!("about {a}-{b} minutes")
    }
}

/// Strict pull-ups taken for an intermediate or advanced lifter who did not
/// say how many they can do ("a few"; the plan's note asks for the number).
pub const ASSUMED_PULLUPS: u32 = 5;

/// True for McGill's Big 3 as the catalog marks them.
pub fn is_big3(e: &Exercise) -> bool {
    e.dosing == Dosing::Hold && e.rules.iter().any(|r| r == "E-MCGILL-BIG3")
}

/// Where an exercise stands relative to the pull-up (T-PULLUP), from the catalog graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullupStep {
    /// Not on the pull-up path.
    None,
    /// A step toward the pull-up (dead hang, scapular pulls, negatives, assisted).
    Ladder,
    /// The pull-up itself or a harder variant.
    PullUp,
}

/// The most reps a set may ask of someone who can do `max` at most, at `rpe`:
/// `max` less the reps in reserve, rounded down (never an all-out set below
/// RPE 10), and at least 1.
pub fn reps_at_rpe(max: u32, rpe: f64) -> u32 {
    let reps = (f64::from(max) - crate::coach::loads::rir(rpe) + 1e-9).floor();
    (reps.max(1.0)) as u32
}

/// Dose for one exercise, for this person.
pub fn dose_for(e: &Exercise, p: &Profile, step: PullupStep) -> Dose {
    let recovering = p.recovering();
    let strength_focus = p.has_goal(Goal::Strength) && p.level != Level::Beginner && !recovering;
    let size_focus = p.has_goal(Goal::Physique);
    let endurance_focus =
        recovering || (p.has_goal(Goal::Prevention) && !strength_focus && !size_focus);
    let per_session_cap = 3;
    let spread = (p.days as u32).min(2);

    let d = |role, reps_min, reps_max, hold_s, rpe, rest_s, rules: &[&'static str]| Dose {
        role,
        reps_min,
        reps_max,
        hold_s,
        rpe,
        rest_s,
        block: 1,
        max_sets: per_session_cap * spread,
        rules: rules.to_vec(),
    };

    if is_big3(e) {
        // Descending pyramid of ~10 s holds (6-4-2 at its top in a session of 25
        // minutes or more); one pyramid = 3 sets.
        let peak = pyramid_tops(p.minutes).1;
        let mut dose = d(
            Role::Big3,
            *pyramid(peak, 3).last().unwrap_or(&1),
            peak,
            Some(10),
            6.0,
            BIG3_REST_S,
            &["E-MCGILL-BIG3", "E-MCGILL-PYRAMID", "R-ENDURE"],
        );
        dose.block = 3;
        dose.max_sets = 3 * (p.days as u32).min(3);
        return dose;
    }
    if e.dosing == Dosing::Hold {
        let hold = match (recovering, p.level) {
            (true, _) => 15,
            (_, Level::Beginner) => 20,
            (_, Level::Intermediate) => 30,
            (_, Level::Advanced) => 45,
        };
        let mut dose = d(
            Role::Hold,
            1,
            1,
            Some(hold),
            6.5,
            45,
            &["R-ENDURE", "E-ACSM-ENDURE"],
        );
        dose.max_sets = 3 * spread;
        return dose;
    }
    if e.loading == Loading::Bodyweight {
        match step {
            PullupStep::PullUp => {
                // Sets sit under what the person can do now: the top of the range
                // leaves the reps in reserve of the hardest loading week's RPE
                // (the schedule lowers it in easier weeks), so the selection
                // times the longest week and no week runs over the minutes.
                let rpe = 8.0;
                // Unknown (an intermediate or advanced lifter is taken to do
                // a few): sets of 2-5, the RPE keeping reps in reserve.
                let can = p.pullups.unwrap_or(ASSUMED_PULLUPS);
                let at_rpe = super::schedule::peak_week_rpe(rpe, p);
                let top = match p.pullups {
                    Some(_) => can.clamp(3, 12).min(reps_at_rpe(can, at_rpe)),
                    None => ASSUMED_PULLUPS,
                };
                return d(
                    Role::Bodyweight,
                    (top / 2).max(2).min(top),
                    top,
                    None,
                    rpe,
                    120,
                    &["T-PULLUP", "E-NSCA-GOALS", "E-RPE"],
                );
            }
            PullupStep::Ladder => return d(Role::Bodyweight, 3, 6, None, 7.5, 90, &["T-PULLUP"]),
            PullupStep::None => {}
        }
        return if endurance_focus {
            d(
                Role::Bodyweight,
                10,
                15,
                None,
                6.5,
                45,
                &["R-ENDURE", "E-ACSM-ENDURE"],
            )
        } else {
            d(
                Role::Bodyweight,
                8,
                15,
                None,
                7.5,
                60,
                &["E-ACSM-LEVELS", "T-REPS"],
            )
        };
    }
    if recovering {
        return d(
            if e.mechanic == Mechanic::Compound {
                Role::Compound
            } else {
                Role::Isolation
            },
            12,
            15,
            None,
            6.0,
            60,
            &["S-RECOVERY", "E-ACSM-ENDURE"],
        );
    }
    if e.is_heavy_compound() {
        let mut dose = if strength_focus {
            d(
                Role::HeavyCompound,
                3,
                5,
                None,
                8.0,
                180,
                &["T-STRENGTH", "T-REPS", "E-NSCA-GOALS"],
            )
        } else {
            d(
                Role::HeavyCompound,
                5,
                8,
                None,
                7.5,
                150,
                &["PO-WHOLE", "T-REPS", "E-NSCA-GOALS"],
            )
        };
        // F-ONEDAY: heavy compounds live on the one heavy day.
        dose.max_sets = 5;
        return dose;
    }
    // Upper-back work for the shoulder blades (face pulls) is dosed as the
    // isolation it trains like: light, many reps, whatever the goal.
    let mechanic = if e.pattern == Pattern::Scapular {
        Mechanic::Isolation
    } else {
        e.mechanic
    };
    // Strength lifters pull heavy (rows, pulldowns); hinge and extension
    // accessories back up the main lifts in moderate reps.
    let main_pull = matches!(e.pattern, Pattern::HorizontalPull | Pattern::VerticalPull);
    match (mechanic, p.level) {
        (Mechanic::Compound, Level::Beginner) => d(
            Role::Compound,
            8,
            12,
            None,
            7.0,
            90,
            &["E-ACSM-LEVELS", "T-BEGINNER"],
        ),
        (Mechanic::Compound, _) if strength_focus && !size_focus && main_pull => d(
            Role::Compound,
            5,
            8,
            None,
            8.0,
            120,
            &["T-STRENGTH", "E-NSCA-GOALS"],
        ),
        (Mechanic::Compound, _) => d(
            Role::Compound,
            8,
            12,
            None,
            8.0,
            90,
            &["E-NSCA-GOALS", "T-REPS"],
        ),
        (Mechanic::Isolation, Level::Beginner) => d(
            Role::Isolation,
            10,
            15,
            None,
            7.0,
            60,
            &["E-ACSM-LEVELS", "T-REPS"],
        ),
        (Mechanic::Isolation, _) => d(
            Role::Isolation,
            10,
            15,
            None,
            8.0,
            60,
            &["T-REPS", "E-NSCA-GOALS"],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reps_at_rpe_leave_the_reps_in_reserve_and_at_least_one() {
        assert_eq!(reps_at_rpe(12, 7.5), 9);
        assert_eq!(reps_at_rpe(8, 7.5), 5);
        assert_eq!(reps_at_rpe(12, 8.0), 10);
        assert_eq!(reps_at_rpe(12, 10.0), 12);
        assert_eq!(reps_at_rpe(3, 7.5), 1);
        assert_eq!(reps_at_rpe(0, 9.0), 1);
    }

    /// Every band of `pyramid_tops` holds the three pyramids at its peak,
    /// with their changeovers, beside the warm-up of its shortest session.
    #[test]
    fn the_big_3_at_each_band_s_peak_fit_its_shortest_session() {
        use crate::plan::optimizer::warmup_seconds;
        for minutes in [10u16, 15, 20, 25] {
            let three = big3_seconds(pyramid_tops(minutes).1);
            let room = f64::from(minutes) * 60.0 - warmup_seconds(minutes);
            assert!(
                three <= room,
                "{minutes} min: {three} s of Big 3 in {room} s"
            );
        }
    }

    #[test]
    fn sides_in_turn_rest_only_where_the_other_side_is_quicker() {
        // 3-1-1 of 10 s holds: one side's steps take 41, 17 and 17 s.
        assert_eq!(pyramid_seconds(&[3, 1, 1], 10, 30, false), 75.0 + 60.0);
        assert_eq!(
            pyramid_seconds(&[3, 1, 1], 10, 30, true),
            150.0 + 13.0 + 26.0
        );
        assert_eq!(pyramid_seconds(&[3, 1, 1], 10, 15, true), 150.0);
    }
}
