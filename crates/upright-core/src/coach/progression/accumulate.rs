//! Progress that sticks: the prescription in force is the plan's, moved on
//! by what was actually done, so that each step builds on the last instead
//! of starting again from the plan every session.
//!
//! * holds: the hold time of the last session (its shortest hold, on the
//!   5 s grid), never below the plan's and at most 60 s;
//! * McGill pyramids: the top of the last pyramid, never below the plan's
//!   and at most 12 (the range moves with it);
//! * loaded work whose next weight is too far to take: the rep ceiling the
//!   last sessions reached (reps_max + 2 at a time, up to 20), since that
//!   ceiling is where the range was stretched to.
//!
//! Loads need nothing here: the engine reads the load of the last session.

use super::analysis::Kind;
use super::steps::increase;
use super::{
    Input, Prescription, Session, HOLD_STEP_S, MAX_HOLD_S, MCGILL_MAX_TOP, REP_EXTENSION_CAP,
};

/// The latest non-deload session with something the kind can read.
fn last_done<'a>(input: &Input<'a>, kind: Kind) -> Option<&'a Session> {
    input
        .history
        .iter()
        .filter(|s| !s.deload)
        .filter(|s| match kind {
            Kind::Hold => s.sets.iter().any(|x| x.hold_s.is_some()),
            _ => s.sets.iter().any(|x| x.count() > 0),
        })
        .max_by_key(|s| s.date)
}

/// The prescription in force for the next session (see the module docs).
pub(super) fn effective(input: &Input, kind: Kind) -> Prescription {
    let p = input.prescription;
    let mut e = p.clone();
    let Some(last) = last_done(input, kind) else {
        return e;
    };
    match kind {
        Kind::Hold => {
            let planned = p.hold_s.unwrap_or(super::DEFAULT_HOLD_S);
            if let Some(low) = last.sets.iter().filter_map(|x| x.hold_s).min() {
                let done = (low / HOLD_STEP_S * HOLD_STEP_S).min(MAX_HOLD_S);
                e.hold_s = Some(planned.max(done));
            }
        }
        Kind::McGill => {
            let top = last
                .sets
                .iter()
                .map(|x| x.count())
                .max()
                .unwrap_or(0)
                .min(input.pyramid_cap.min(MCGILL_MAX_TOP));
            if top > p.reps_max {
                let up = top - p.reps_max;
                e.reps_max = top;
                e.reps_min = (p.reps_min + up).min(top);
            }
        }
        Kind::Loaded => {
            let heaviest = last
                .sets
                .iter()
                .filter_map(|x| x.load_kg)
                .fold(None, |m: Option<f64>, l| Some(m.map_or(l, |m| m.max(l))));
            let Some(w) = heaviest else { return e };
            if increase(input, w).is_ok() {
                return e; // the load can move: the plan's range stands
            }
            let low = last
                .sets
                .iter()
                .filter(|x| x.load_kg.is_some_and(|l| l >= 0.9 * w - 1e-9))
                .filter_map(|x| x.reps)
                .min()
                .unwrap_or(0);
            if low >= p.reps_max + 2 {
                let ceiling = (p.reps_max + (low - p.reps_max) / 2 * 2)
                    .min(REP_EXTENSION_CAP.max(p.reps_max));
                e.reps_max = ceiling;
            }
        }
        Kind::Band | Kind::BodyweightReps => {}
    }
    e
}
