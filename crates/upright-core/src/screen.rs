//! The safety screen: runs before any planning. Red flags or an acute back mean
//! a referral and no plan (S-ACUTE, S-REDFLAG, E-REDFLAGS).

use crate::profile::Profile;
use crate::vocab::{Pain, RedFlag};
use serde::Serialize;

/// How soon to be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    SeeAClinician,
    Urgent,
    Emergency,
}

impl Urgency {
    /// The contract's spelling (as in the plan JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::SeeAClinician => "see-a-clinician",
            Urgency::Urgent => "urgent",
            Urgency::Emergency => "emergency",
        }
    }
}

/// Instead of a plan: who to see, how soon, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    pub urgency: Urgency,
    pub reason: String,
    pub rules: Vec<&'static str>,
}

/// New back pain is a red flag below this age or above the next (E-REDFLAGS).
const NEW_PAIN_AGE_YOUNG: u32 = 20;
const NEW_PAIN_AGE_OLD: u32 = 50;

/// Returns a referral when the person must not be given a plan.
pub fn screen(p: &Profile) -> Option<Referral> {
    let mut flags: Vec<RedFlag> = p.red_flags.clone();
    let age_flag = p
        .age
        .filter(|a| *a < NEW_PAIN_AGE_YOUNG || *a > NEW_PAIN_AGE_OLD);
    // New pain is urgent at the ages E-REDFLAGS names; at other ages it still
    // needs a clinician's look before loading, but not urgently.
    let new_pain_only_by_age = flags.contains(&RedFlag::NewPain) && age_flag.is_none();
    if new_pain_only_by_age {
        flags.retain(|f| *f != RedFlag::NewPain);
    }

    if !flags.is_empty() {
        let urgency = if flags.iter().any(|f| f.is_emergency()) {
            Urgency::Emergency
        } else {
            Urgency::Urgent
        };
        // Each flag named once; new pain is named with the age that makes it
        // a red flag, so the reason says "back pain" once, not three times.
        let mut what: Vec<String> = flags
            .iter()
            .filter(|f| **f != RedFlag::NewPain)
            .map(|f| f.describe().to_string())
            .collect();
        let new_pain = flags.contains(&RedFlag::NewPain);
        if new_pain {
            what.push(match age_flag {
                Some(a) => format!("{} at age {a}", RedFlag::NewPain.describe()),
                None => RedFlag::NewPain.describe().to_string(),
            });
        }
        let what: Vec<&str> = what.iter().map(String::as_str).collect();
        // "With back pain" adds what the other flags lack; new back pain says it already.
        let with_pain = if new_pain {
            "This"
        } else {
            "With back pain this"
        };
        let reason = match urgency {
            Urgency::Emergency => format!(
                "You report {}. {with_pain} can mean pressure on the nerves at the base of the spine (cauda equina): go to an emergency department today. Do not train.",
                join_words(&what)
            ),
            _ => format!(
                "You report {}. {with_pain} needs a doctor's assessment soon, before any exercise programme.",
                join_words(&what)
            ),
        };
        return Some(Referral {
            urgency,
            reason,
            rules: vec!["S-REDFLAG", "E-REDFLAGS"],
        });
    }
    if p.pain == Pain::Acute {
        // Acute pain is new pain: at the ages E-REDFLAGS names it is urgent.
        if let Some(a) = age_flag {
            return Some(Referral {
                urgency: Urgency::Urgent,
                reason: format!("You have acute back pain or a fresh injury, and new back pain at age {a} needs a doctor's assessment soon: see a doctor before any exercise programme, then come back for a recovery plan (--pain recovering)."),
                rules: vec!["S-ACUTE", "S-REDFLAG", "E-REDFLAGS"],
            });
        }
        return Some(Referral {
            urgency: Urgency::SeeAClinician,
            reason: "You have acute back pain or a fresh injury. Strengthening is not the answer yet: see a doctor or physiotherapist first, then come back for a recovery plan (--pain recovering).".into(),
            rules: vec!["S-ACUTE"],
        });
    }
    if new_pain_only_by_age {
        return Some(Referral {
            urgency: Urgency::SeeAClinician,
            reason: "You report a new episode of back pain. Have it assessed by a doctor or physiotherapist before you load it; once cleared, plan with --pain recovering.".into(),
            rules: vec!["S-ACUTE", "E-REDFLAGS"],
        });
    }
    None
}

fn join_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    #[test]
    fn acute_pain_at_the_red_flag_ages_is_urgent() {
        for (age, urgency) in [
            (Some(60), Urgency::Urgent),
            (Some(17), Urgency::Urgent),
            (Some(35), Urgency::SeeAClinician),
            (None, Urgency::SeeAClinician),
        ] {
            let r = screen(&profile("acute", &[], age)).unwrap();
            assert_eq!(r.urgency, urgency, "age {age:?}");
            assert!(r.rules.contains(&"S-ACUTE"));
            if urgency == Urgency::Urgent {
                assert!(r.reason.contains("new back pain at age"), "{}", r.reason);
            }
        }
    }

    fn profile(pain: &str, flags: &[&str], age: Option<i64>) -> Profile {
        ProfileInput {
            goals: Some(vec!["general".into()]),
            level: Some("beginner".into()),
            equipment: Some(vec!["mat".into()]),
            pain: Some(pain.into()),
            red_flags: Some(flags.iter().map(|s| s.to_string()).collect()),
            age,
            ..Default::default()
        }
        .into_profile()
        .unwrap()
    }

    #[test]
    fn s_acute_refers_without_plan() {
        let r = screen(&profile("acute", &[], None)).unwrap();
        assert_eq!(r.urgency, Urgency::SeeAClinician);
        assert_eq!(r.rules, vec!["S-ACUTE"]);
    }

    #[test]
    fn s_redflag_cauda_equina_is_an_emergency() {
        for f in ["bladder-bowel", "saddle-numbness", "leg-weakness", "gait"] {
            assert_eq!(
                screen(&profile("none", &[f], None)).unwrap().urgency,
                Urgency::Emergency,
                "{f}"
            );
        }
    }

    #[test]
    fn s_redflag_every_other_flag_is_urgent() {
        for f in RedFlag::ALL
            .iter()
            .filter(|f| !f.is_emergency() && **f != RedFlag::NewPain)
        {
            let r = screen(&profile("recovering", &[f.as_str()], None)).unwrap();
            assert_eq!(r.urgency, Urgency::Urgent, "{f}");
            assert!(r.rules.contains(&"S-REDFLAG"));
        }
    }

    #[test]
    fn e_redflags_new_pain_age_thresholds() {
        assert_eq!(
            screen(&profile("none", &["new-pain"], Some(55)))
                .unwrap()
                .urgency,
            Urgency::Urgent
        );
        assert_eq!(
            screen(&profile("none", &["new-pain"], Some(17)))
                .unwrap()
                .urgency,
            Urgency::Urgent
        );
        assert_eq!(
            screen(&profile("none", &["new-pain"], Some(35)))
                .unwrap()
                .urgency,
            Urgency::SeeAClinician
        );
        assert!(
            screen(&profile("none", &[], Some(70))).is_none(),
            "age alone is no red flag"
        );
    }

    #[test]
    fn s_redflag_a_referral_says_back_pain_once() {
        let cases: &[(&[&str], Option<i64>)] = &[
            (&["steroids"], None),
            (&["new-pain"], Some(60)),
            (&["new-pain"], Some(17)),
            (&["new-pain"], Some(35)),
            (&["new-pain", "night-pain"], Some(60)),
            (&["steroids", "cancer-history"], None),
            (&["gait", "new-pain"], Some(60)),
            (&["bladder-bowel"], None),
        ];
        for (flags, age) in cases {
            let r = screen(&profile("none", flags, *age)).unwrap();
            let said = r.reason.to_lowercase().matches("back pain").count();
            assert!(said <= 1, "{flags:?} {age:?}: {}", r.reason);
            assert!(!r.reason.contains("Together with"), "{}", r.reason);
            assert!(!r.reason.contains(".."), "{}", r.reason);
        }
        let r = screen(&profile("none", &["new-pain"], Some(60))).unwrap();
        assert!(r.reason.contains("at age 60"), "{}", r.reason);
        let r = screen(&profile("none", &["steroids"], None)).unwrap();
        assert!(
            r.reason
                .contains("long-term steroid use or osteoporosis. With back pain"),
            "{}",
            r.reason
        );
    }

    #[test]
    fn urgency_words_match_the_json() {
        for u in [Urgency::SeeAClinician, Urgency::Urgent, Urgency::Emergency] {
            assert_eq!(serde_json::to_value(u).unwrap(), u.as_str());
        }
    }

    #[test]
    fn no_flags_no_referral() {
        assert!(screen(&profile("recovering", &[], Some(40))).is_none());
    }
}
