//! Load steps (E-PROGRESS), the 10% cap (S-FORM), and reductions.

use super::Input;
use crate::catalog::Exercise;
use crate::coach::loads::LoadSteps;
use crate::coach::units::Unit;
use crate::vocab::{Level, Mechanic, Muscle, Pattern};

/// No jump above this share of the current load (S-FORM; E-PROGRESS's upper end).
pub const MAX_JUMP: f64 = 0.10;

/// Large muscle groups in E-PROGRESS's sense: erectors, glutes, hamstrings,
/// quads, or a compound pulling the lats, traps, rhomboids or chest. The rest
/// (rear delts, biceps, isolation traps and rhomboids, ...) are small.
pub fn is_large_muscle_work(ex: &Exercise) -> bool {
    let legs_and_back = [
        Muscle::SpinalErectors,
        Muscle::Glutes,
        Muscle::Hamstrings,
        Muscle::Quads,
    ];
    let big_upper = [
        Muscle::Lats,
        Muscle::Traps,
        Muscle::Rhomboids,
        Muscle::Chest,
    ];
    // Rows, pulldowns and pull-ups move the big upper-back muscles; a face
    // pull or a shrug works them in a small range: small-muscle steps.
    let big_pull = matches!(ex.pattern, Pattern::HorizontalPull | Pattern::VerticalPull);
    ex.primary.iter().any(|m| legs_and_back.contains(m))
        || (ex.mechanic == Mechanic::Compound
            && big_pull
            && ex.primary.iter().any(|m| big_upper.contains(m)))
}

/// The load to add (kg) before rounding to the equipment (E-PROGRESS):
/// a share of the current load by level (novice 7.5%, the middle of 5-10%;
/// intermediate 5%; advanced 3.5%, the middle of 2-5%), kept inside the
/// absolute range for the muscle size (large 2-5 kg / 5-10 lb, small
/// 1-2 kg / 2.5-5 lb), never above 10% of the load (S-FORM), and halved
/// when recovering (S-RECOVERY).
pub fn progress_step_kg(
    ex: &Exercise,
    level: Level,
    unit: Unit,
    recovering: bool,
    current_kg: f64,
) -> f64 {
    let (lo, hi) = absolute_step_kg(ex, unit);
    let share = match level {
        Level::Beginner => 0.075,
        Level::Intermediate => 0.05,
        Level::Advanced => 0.035,
    };
    let step = (current_kg * share)
        .clamp(lo, hi)
        .min(current_kg * MAX_JUMP);
    if recovering {
        step / 2.0
    } else {
        step
    }
}

/// E-PROGRESS's absolute step range for this exercise, kg: 2-5 kg (5-10 lb)
/// for large muscle groups, 1-2 kg (2.5-5 lb) for small ones.
pub fn absolute_step_kg(ex: &Exercise, unit: Unit) -> (f64, f64) {
    match (is_large_muscle_work(ex), unit) {
        (true, Unit::Kg) => (2.0, 5.0),
        (false, Unit::Kg) => (1.0, 2.0),
        (true, Unit::Lb) => (Unit::Lb.to_kg(5.0), Unit::Lb.to_kg(10.0)),
        (false, Unit::Lb) => (Unit::Lb.to_kg(2.5), Unit::Lb.to_kg(5.0)),
    }
}

/// A load increase: where to, and whether it was the equipment's smallest
/// step taken beyond 10% (light dumbbells), inside E-PROGRESS's absolute range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Up {
    pub to: f64,
    pub absolute: bool,
}

/// The next load up from `w`: the heaviest loadable weight within the
/// E-PROGRESS step, else the equipment's next weight if it is within 10%,
/// else that next weight if it is within E-PROGRESS's absolute steps (a 6 kg
/// dumbbell goes to 8 kg: +33%, but the 2 kg E-PROGRESS gives for small
/// muscles). Err(next loadable weight) when even that is too far.
pub(super) fn increase(input: &Input, w: f64) -> Result<Up, f64> {
    let steps = input.load_steps();
    let cap = w * MAX_JUMP;
    let inc = progress_step_kg(input.exercise, input.level, input.unit, input.recovering, w);
    if let Some(to) = steps.round_down_to_step(w + inc.min(cap)) {
        if !same_weight(to, w) && to > w {
            return Ok(Up {
                to,
                absolute: false,
            });
        }
    }
    let up = steps.next_up(w);
    if up - w <= cap + 1e-6 {
        return Ok(Up {
            to: up,
            absolute: false,
        });
    }
    let (_, hi) = absolute_step_kg(input.exercise, input.unit);
    if up - w <= hi + 1e-6 {
        return Ok(Up {
            to: up,
            absolute: true,
        });
    }
    Err(up)
}

/// About `share` less than `w`, rounded down to the equipment; the lightest
/// load when that is all that is left below `w`; None when `w` is already the lightest.
pub(super) fn reduce(w: f64, share: f64, steps: &LoadSteps) -> Option<f64> {
    match steps.round_down_to_step(w * (1.0 - share)) {
        Some(to) if to < w && !same_weight(to, w) => Some(to),
        _ if w > steps.min_kg() && !same_weight(w, steps.min_kg()) => Some(steps.min_kg()),
        _ => None,
    }
}

/// Two weights the same within 5 g (gram rounding of loads entered in lb).
pub(crate) fn same_weight(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005
}

/// Two loads the same within half a percent (a lb load read back from kg, a gram of rounding).
pub(super) fn same_load(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs())
}

/// `to` over `from` as a whole-number percentage rise.
pub(super) fn percent(from: f64, to: f64) -> f64 {
    ((to / from - 1.0) * 1000.0).round() / 10.0
}
