//! What the coach says about a pain score as it is logged (E-PAIN-MONITOR,
//! S-ACUTE).

use super::progression::PainWhen;

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

#[cfg(test)]
mod tests {
    use super::*;

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
