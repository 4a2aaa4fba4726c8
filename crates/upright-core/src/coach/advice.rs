//! What the coach says about a pain score as it is logged (E-PAIN-MONITOR,
//! S-ACUTE).

use super::progression::{PainEntry, PainWhen};
use chrono::{Days, NaiveDate};

/// The advice for one pain entry: a line about the score, and a warning
/// when it is severe.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PainAdvice {
    pub advice: String,
    pub warning: Option<String>,
    pub rules: Vec<&'static str>,
}

/// Pain 0-2 safe, 3-5 acceptable during exercise, above 5 not; next-morning
/// pain above the morning before (or above 5 with no earlier morning) means
/// less load; 8 or more, during or next morning, repeats S-ACUTE's advice.
pub fn pain_advice(when: PainWhen, score: u8, previous_morning: Option<u8>) -> PainAdvice {
    let advice = match (when, score) {
        (PainWhen::During, 0..=2) => "safe (0-2)".to_string(),
        (PainWhen::During, 3..=5) => "acceptable during exercise (3-5); the coach will not progress after it".to_string(),
        (PainWhen::During, _) => "above 5: not acceptable; the coach holds back your next session (E-PAIN-MONITOR)".to_string(),
        (PainWhen::NextMorning, s) => match previous_morning {
            Some(b) if s > b => format!("higher than your last morning ({b}/10): the coach reduces your next session (E-PAIN-MONITOR)"),
            Some(b) => format!("not higher than your last morning ({b}/10): no change (E-PAIN-MONITOR)"),
            None if s > 5 => "above 5 with no earlier morning to compare: the coach reduces your next session (E-PAIN-MONITOR)".to_string(),
            None => "the first morning score: later mornings are compared with it (E-PAIN-MONITOR)".to_string(),
        },
    };
    let warning = (score >= 8).then(|| {
        "Severe pain: stop for today; if it persists or is bad at rest, seek medical advice before training on (S-ACUTE).".to_string()
    });
    let mut rules = vec!["E-PAIN-MONITOR"];
    if warning.is_some() {
        rules.push("S-ACUTE");
    }
    PainAdvice {
        advice,
        warning,
        rules,
    }
}

/// Severe pain that persists stops training (S-ACUTE: current severe pain
/// is not trained through): the latest pain entry of the 7 days up to `date`
/// is 8 or more, and it came the next morning (severe at rest) or follows
/// another 8 or more in those days. A single severe score during a session
/// holds the next session back (E-PAIN-MONITOR) but does not stop it; a
/// lower latest score means the pain has eased. The words say what to do.
pub fn severe_pain_stop(pain: &[PainEntry], date: NaiveDate) -> Option<String> {
    let from = date.checked_sub_days(Days::new(7))?;
    let recent: Vec<&PainEntry> = pain
        .iter()
        .filter(|p| p.date >= from && p.date <= date)
        .collect();
    let last_day = recent.iter().map(|p| p.date).max()?;
    let latest = recent
        .iter()
        .filter(|p| p.date == last_day)
        .max_by_key(|p| p.score)?;
    if latest.score < 8 {
        return None;
    }
    let severe = recent.iter().filter(|p| p.score >= 8).count();
    let at_rest = latest.when == PainWhen::NextMorning;
    if !at_rest && severe < 2 {
        return None;
    }
    let why = if at_rest {
        format!("{}/10 the morning after", latest.score)
    } else {
        format!("{severe} scores of 8 or more in a week")
    };
    Some(format!(
        "No training today: your back pain is severe and persisting ({why}). See a doctor or physiotherapist before you train on (S-ACUTE). When it has eased, log a new score (`upright pain N`) and your session comes back; the programme waits, nothing is skipped."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(day: u32, score: u8, when: PainWhen) -> PainEntry {
        PainEntry {
            date: NaiveDate::from_ymd_opt(2025, 1, day).unwrap(),
            score,
            when,
            baseline: None,
            exercise: None,
        }
    }

    #[test]
    fn s_acute_severe_pain_that_persists_stops_training() {
        let d = |day| NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
        use PainWhen::*;
        // 8 on Monday, 9 on Wednesday, 9 on Thursday morning: Friday stops.
        let flare = [
            entry(6, 8, During),
            entry(8, 9, During),
            entry(9, 9, NextMorning),
        ];
        assert!(severe_pain_stop(&flare, d(10)).is_some());
        // Two severe scores during sessions, no morning: still persisting.
        assert!(severe_pain_stop(&flare[..2], d(10)).is_some());
        // One severe score during a session: held back, not stopped.
        assert!(severe_pain_stop(&flare[..1], d(8)).is_none());
        // Severe the next morning, once: at rest, so it stops.
        assert!(severe_pain_stop(&[entry(9, 8, NextMorning)], d(10)).is_some());
        // Eased since: the latest score is what counts.
        let eased = [
            entry(6, 9, During),
            entry(8, 9, During),
            entry(9, 4, NextMorning),
        ];
        assert!(severe_pain_stop(&eased, d(10)).is_none());
        // Over a week ago: no longer recent.
        assert!(severe_pain_stop(&flare, d(20)).is_none());
    }

    #[test]
    fn s_acute_severe_pain_next_morning_warns_too() {
        assert!(pain_advice(PainWhen::NextMorning, 8, Some(2))
            .warning
            .is_some());
        assert!(pain_advice(PainWhen::During, 9, None).warning.is_some());
        assert!(pain_advice(PainWhen::During, 7, None).warning.is_none());
    }

    #[test]
    fn e_pain_monitor_first_morning_above_5_counts_as_worse() {
        assert!(pain_advice(PainWhen::NextMorning, 6, None)
            .advice
            .contains("reduces"));
        assert!(!pain_advice(PainWhen::NextMorning, 4, None)
            .advice
            .contains("reduces"));
        assert!(pain_advice(PainWhen::NextMorning, 4, Some(3))
            .advice
            .contains("reduces"));
    }
}
