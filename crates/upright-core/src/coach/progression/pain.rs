//! E-PAIN-MONITOR: pain 0-2 safe, 3-5 acceptable during exercise, above 5
//! not; next-morning pain higher than before means less load.

use super::analysis::Kind;
use super::{regress, steps, Action, Decision, Input, PainEntry, PainWhen, Reason};
use chrono::NaiveDate;

/// Pain around the latest session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct PainCheck {
    /// Highest score during the session (same day).
    pub during: Option<u8>,
    /// Highest score the morning after.
    pub morning: Option<u8>,
    /// The next-morning score before the session.
    pub baseline: Option<u8>,
}

impl PainCheck {
    fn during_too_high(&self) -> bool {
        self.during.is_some_and(|d| d > 5)
    }

    fn morning_worse(&self) -> bool {
        matches!((self.morning, self.baseline), (Some(m), Some(b)) if m > b)
    }

    /// Never progress; reduce or regress.
    pub fn severe(&self) -> bool {
        self.during_too_high() || self.morning_worse()
    }

    /// Pain 3-5 during: acceptable, but no reason to progress.
    pub fn moderate(&self) -> Option<Reason> {
        match self.during {
            Some(d @ 3..=5) => Some(Reason::new(
                "E-PAIN-MONITOR",
                format!("pain {d}/10 during the session is acceptable (3-5) but not a time to progress: repeat"),
            )),
            _ => None,
        }
    }

    fn reasons(&self) -> Vec<Reason> {
        let mut v = Vec::new();
        if let Some(d) = self.during.filter(|d| *d > 5) {
            v.push(Reason::new(
                "E-PAIN-MONITOR",
                format!("pain {d}/10 during the session is above 5, which is not acceptable: no progression"),
            ));
        }
        if let (Some(m), Some(b)) = (self.morning, self.baseline) {
            if m > b {
                v.push(Reason::new(
                    "E-PAIN-MONITOR",
                    format!("pain the next morning ({m}/10) was higher than before ({b}/10): reduce the load"),
                ));
            }
        }
        v
    }
}

fn applies(e: &PainEntry, exercise: &str) -> bool {
    e.exercise.as_deref().is_none_or(|x| x == exercise)
}

/// Pain during `session` (same day) and the morning after it, with the
/// baseline: the entry's own, else the latest next-morning score on or before
/// the session day. Scores above 10 count as 10.
pub(super) fn assess(entries: &[PainEntry], session: NaiveDate, exercise: &str) -> PainCheck {
    let rel: Vec<&PainEntry> = entries.iter().filter(|e| applies(e, exercise)).collect();
    let during = rel.iter().filter(|e| e.when == PainWhen::During && e.date == session).map(|e| e.score.min(10)).max();
    let next_day = session.succ_opt();
    let morning_entry = rel.iter().filter(|e| e.when == PainWhen::NextMorning && Some(e.date) == next_day).max_by_key(|e| e.score);
    let before = rel
        .iter()
        .filter(|e| e.when == PainWhen::NextMorning && e.date <= session)
        .max_by_key(|e| (e.date, e.score))
        .map(|e| e.score.min(10));
    PainCheck {
        during,
        morning: morning_entry.map(|e| e.score.min(10)),
        baseline: morning_entry.and_then(|e| e.baseline.map(|b| b.min(10))).or(before),
    }
}

/// The answer to severe pain: less load (20% when during was above 5, else
/// 10%), or the easier neighbour, or fewer reps / less hold time; never more.
pub(super) fn respond(input: &Input, kind: Kind, pc: &PainCheck, current_load: Option<f64>) -> Decision {
    let p = input.prescription;
    let mut reasons = pc.reasons();
    if pc.during.is_some_and(|d| d >= 8) {
        reasons.push(Reason::new(
            "S-ACUTE",
            "severe pain during exercise: stop for today; if it persists or is bad at rest, seek medical advice before training on",
        ));
    }
    if input.recovering {
        reasons.push(Reason::new("S-RECOVERY", "recovering: an exercise that hurts is regressed or made lighter"));
    }
    let share = if pc.during_too_high() { 0.20 } else { 0.10 };
    if kind == Kind::Loaded {
        if input.recovering {
            if let Some(d) = regress(input, "E-PAIN-MONITOR", reasons.clone()) {
                return d;
            }
        }
        if let Some(w) = current_load {
            if let Some(to) = steps::reduce(w, share, &input.load_steps()) {
                reasons.push(Reason::new(
                    "E-PAIN-MONITOR",
                    format!("about {}% less: {} -> {}", (share * 100.0) as u32, input.show(w), input.show(to)),
                ));
                let mut next = p.clone();
                next.load_kg = Some(to);
                return Decision { action: Action::ReduceLoad { from_kg: w, to_kg: to }, next, reasons };
            }
        }
    }
    if let Some(d) = regress(input, "E-PAIN-MONITOR", reasons.clone()) {
        return d;
    }
    let mut next = p.clone();
    next.load_kg = current_load;
    if kind == Kind::Hold {
        let h = p.hold_s.unwrap_or(super::DEFAULT_HOLD_S);
        let to = h.saturating_sub((h / 5).max(5)).max(5);
        next.hold_s = Some(to);
        reasons.push(Reason::new("E-PAIN-MONITOR", format!("no easier exercise in the catalog: hold {to} s instead of {h} s")));
        return Decision { action: Action::ReduceHold { from_s: h, to_s: to }, next, reasons };
    }
    let by = if kind == Kind::McGill { 1 } else { 2 };
    next.reps_max = p.reps_max.saturating_sub(by).max(1);
    next.reps_min = p.reps_min.saturating_sub(by).max(1).min(next.reps_max);
    reasons.push(Reason::new(
        "E-PAIN-MONITOR",
        format!(
            "no lighter load or easier exercise left: {}-{} reps instead of {}-{}",
            next.reps_min, next.reps_max, p.reps_min, p.reps_max
        ),
    ));
    if kind == Kind::McGill {
        super::mcgill_hold_cap(&mut next, &mut reasons);
    }
    Decision { action: Action::ReduceReps { from: p.reps_max, to: next.reps_max }, next, reasons }
}
