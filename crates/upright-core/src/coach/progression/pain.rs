//! E-PAIN-MONITOR: pain 0-2 safe, 3-5 acceptable during exercise, above 5
//! not; next-morning pain higher than before means less load.
//!
//! Pain counts for the **next session**, whatever it contains: the entries
//! since the last workout (pain during it, or the mornings after it) hold
//! back every exercise of the session that follows, not only those of the
//! painful day. A next-morning score with no earlier morning to compare with
//! counts as worse when it is above 5.

use super::analysis::Kind;
use super::{regress, steps, Action, Decision, Input, PainEntry, PainWhen, Reason};
use chrono::NaiveDate;

/// Pain in a window of days (see [`assess`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct PainCheck {
    /// Highest score during a session in the window, and its day.
    pub during: Option<(u8, NaiveDate)>,
    /// Highest next-morning score in the window, and its day.
    pub morning: Option<(u8, NaiveDate)>,
    /// The next-morning score before that morning (its own baseline, else the latest earlier morning).
    pub baseline: Option<u8>,
    /// Set when a flare is answered again because it still hurts now (the score now).
    pub lingering: Option<u8>,
}

impl PainCheck {
    fn during_too_high(&self) -> bool {
        self.during.is_some_and(|(d, _)| d > 5)
    }

    fn morning_worse(&self) -> bool {
        match (self.morning, self.baseline) {
            (Some((m, _)), Some(b)) => m > b,
            // No earlier morning to compare with: above 5 is not acceptable.
            (Some((m, _)), None) => m > 5,
            _ => false,
        }
    }

    /// Never progress; reduce or regress.
    pub fn severe(&self) -> bool {
        self.during_too_high() || self.morning_worse()
    }

    /// Any pain above the safe band (3 or more), during or next morning.
    pub fn hurts(&self) -> bool {
        self.during.is_some_and(|(d, _)| d >= 3) || self.morning.is_some_and(|(m, _)| m >= 3)
    }

    fn worst(&self) -> u8 {
        self.during
            .map_or(0, |d| d.0)
            .max(self.morning.map_or(0, |m| m.0))
    }

    /// This flare, answered again because pain is still 3 or more now.
    pub fn still(self, now: PainCheck) -> PainCheck {
        PainCheck {
            lingering: Some(now.worst()),
            ..self
        }
    }

    /// Pain 3-5 during: acceptable, but no reason to progress.
    pub fn moderate(&self) -> Option<Reason> {
        match self.during {
            Some((d @ 3..=5, _)) => Some(Reason::new(
                "E-PAIN-MONITOR",
                format!("pain {d}/10 during the last session is acceptable (3-5) but not a time to progress: repeat"),
            )),
            _ => None,
        }
    }

    pub fn reasons(&self) -> Vec<Reason> {
        let mut v = Vec::new();
        if let Some((d, day)) = self.during.filter(|(d, _)| *d > 5) {
            v.push(Reason::new(
                "E-PAIN-MONITOR",
                format!("pain {d}/10 during the session of {day} is above 5, which is not acceptable: this session is held back, no progression"),
            ));
        }
        match (self.morning, self.baseline) {
            (Some((m, day)), Some(b)) if m > b => v.push(Reason::new(
                "E-PAIN-MONITOR",
                format!("pain the morning of {day} ({m}/10) was higher than the morning before ({b}/10): reduce the load"),
            )),
            (Some((m, day)), None) if m > 5 => v.push(Reason::new(
                "E-PAIN-MONITOR",
                format!("pain the morning of {day} was {m}/10, above 5 with no earlier morning to compare: reduce the load"),
            )),
            _ => {}
        }
        if let Some(now) = self.lingering {
            v.push(Reason::new(
                "E-PAIN-MONITOR",
                format!("it still hurts ({now}/10 since the last session): the easier version stays until the pain is down to 2 or less"),
            ));
        }
        v
    }
}

/// What pain keeps from progressing: pain 3-5 now, or a flare since this
/// exercise was last done that a held-back session has already answered.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Blocking {
    pub now: PainCheck,
    pub after_flare: Option<PainCheck>,
}

impl Blocking {
    pub fn reasons(&self, name: &str) -> Vec<Reason> {
        let mut v: Vec<Reason> = self.now.moderate().into_iter().collect();
        if let Some(f) = &self.after_flare {
            let day = f.during.map(|d| d.1).or(f.morning.map(|m| m.1));
            v.push(Reason::new(
                "E-PAIN-MONITOR",
                format!(
                    "back to {name} after the pain{}: repeat what you did before it; progression resumes once a session goes well",
                    day.map(|d| format!(" of {d}")).unwrap_or_default()
                ),
            ));
        }
        v
    }
}

fn applies(e: &PainEntry, exercise: &str) -> bool {
    e.exercise.as_deref().is_none_or(|x| x == exercise)
}

/// Pain since the workout of `since`, up to the session of `until`: during
/// entries dated from `since` to the day before `until`, next-morning
/// entries from the day after `since` to `until` (the morning of the
/// session itself). Without `until`, the day of `since` and the morning
/// after it. The baseline of a morning is its own, else the latest
/// next-morning score before it. Scores above 10 count as 10.
pub(super) fn assess(
    entries: &[PainEntry],
    since: NaiveDate,
    until: Option<NaiveDate>,
    exercise: &str,
) -> PainCheck {
    let rel: Vec<&PainEntry> = entries.iter().filter(|e| applies(e, exercise)).collect();
    let after = since.succ_opt().unwrap_or(since);
    let (during_to, morning_to) = match until {
        Some(u) => (u.pred_opt().unwrap_or(u), u),
        None => (since, after),
    };
    let during = rel
        .iter()
        .filter(|e| e.when == PainWhen::During && e.date >= since && e.date <= during_to)
        .map(|e| (e.score.min(10), e.date))
        .max();
    let morning_entry = rel
        .iter()
        .filter(|e| e.when == PainWhen::NextMorning && e.date >= after && e.date <= morning_to)
        .max_by_key(|e| (e.score, e.date));
    let before = |day: NaiveDate| {
        rel.iter()
            .filter(|e| e.when == PainWhen::NextMorning && e.date < day)
            .max_by_key(|e| (e.date, e.score))
            .map(|e| e.score.min(10))
    };
    PainCheck {
        during,
        morning: morning_entry.map(|e| (e.score.min(10), e.date)),
        baseline: morning_entry
            .and_then(|e| e.baseline.map(|b| b.min(10)).or_else(|| before(e.date))),
        lingering: None,
    }
}

/// The answer to severe pain: less load (20% when during was above 5, else
/// 10%), or the easier neighbour for this session, or fewer reps / less hold
/// time; never more.
pub(super) fn respond(
    input: &Input,
    kind: Kind,
    pc: &PainCheck,
    current_load: Option<f64>,
) -> Decision {
    let p = input.prescription;
    let mut reasons = pc.reasons();
    if pc.during.is_some_and(|(d, _)| d >= 8) || pc.morning.is_some_and(|(m, _)| m >= 8) {
        reasons.push(Reason::new(
            "S-ACUTE",
            "severe pain: stop for today; if it persists or is bad at rest, seek medical advice before training on",
        ));
    }
    if input.recovering {
        reasons.push(Reason::new(
            "S-RECOVERY",
            "recovering: an exercise that hurts is regressed or made lighter",
        ));
    }
    let share = if pc.during_too_high() { 0.20 } else { 0.10 };
    if kind == Kind::Loaded {
        if input.recovering {
            match regress(input, "E-PAIN-MONITOR", reasons.clone(), true) {
                Ok(d) => return d,
                Err(r) => reasons = r,
            }
        }
        if let Some(w) = current_load {
            if let Some(to) = steps::reduce(w, share, &input.load_steps()) {
                reasons.push(Reason::new(
                    "E-PAIN-MONITOR",
                    format!(
                        "about {}% less: {} -> {}",
                        (share * 100.0) as u32,
                        input.show(w),
                        input.show(to)
                    ),
                ));
                let mut next = p.plain();
                next.load_kg = Some(to);
                return Decision {
                    action: Action::ReduceLoad {
                        from_kg: w,
                        to_kg: to,
                    },
                    next,
                    reasons,
                };
            }
        }
    }
    if !(kind == Kind::Loaded && input.recovering) {
        match regress(input, "E-PAIN-MONITOR", reasons.clone(), true) {
            Ok(d) => return d,
            Err(r) => reasons = r,
        }
    }
    let mut next = p.plain();
    next.load_kg = current_load;
    if kind == Kind::Hold {
        let h = p.hold_s.unwrap_or(super::DEFAULT_HOLD_S);
        let to = h.saturating_sub((h / 5).max(5)).max(5);
        next.hold_s = Some(to);
        reasons.push(Reason::new(
            "E-PAIN-MONITOR",
            format!("no easier exercise for you: hold {to} s instead of {h} s"),
        ));
        return Decision {
            action: Action::ReduceHold {
                from_s: h,
                to_s: to,
            },
            next,
            reasons,
        };
    }
    if kind == Kind::Band {
        reasons.push(Reason::new(
            "E-PAIN-MONITOR",
            "take a lighter band for this session",
        ));
        return Decision {
            action: Action::LighterBand,
            next,
            reasons,
        };
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
    Decision {
        action: Action::ReduceReps {
            from: p.reps_max,
            to: next.reps_max,
        },
        next,
        reasons,
    }
}
