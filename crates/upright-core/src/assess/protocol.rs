//! Whether the battery may be done today, and in which form (S-ACUTE,
//! S-REDFLAG, S-RECOVERY).

use super::Test;
use crate::profile::Profile;
use crate::screen::{screen, Referral};
use crate::vocab::Pain;
use serde::Serialize;

/// How one hold is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// McGill's trunk flexor hold, back at 60 degrees.
    FlexorHold,
    /// Biering-Sørensen: trunk held level, unsupported, over a bench edge.
    Sorensen,
    /// Full side bridge on elbow and feet.
    SideBridge,
    /// Recovering-back stand-in for the Sørensen: a bird-dog hold on hands and
    /// knees, which works the extensors with the spine unloaded by gravity.
    BirdDogHold,
    /// Recovering-back stand-in for the full side bridge: on elbow and knees,
    /// half the lever.
    KneeSideBridge,
    /// Not done.
    Skipped,
}

impl Method {
    /// The method of a full, unmodified battery.
    pub fn standard(test: Test) -> Method {
        match test {
            Test::Flexor => Method::FlexorHold,
            Test::Extensor => Method::Sorensen,
            Test::SideRight | Test::SideLeft => Method::SideBridge,
        }
    }

    /// The norms and ratio targets hold only for the standard methods.
    pub fn is_standard(self) -> bool {
        matches!(
            self,
            Method::FlexorHold | Method::Sorensen | Method::SideBridge
        )
    }

    pub const WORDS: &'static [&'static str] = &[
        "flexor_hold",
        "sorensen",
        "side_bridge",
        "bird_dog_hold",
        "knee_side_bridge",
        "skipped",
    ];

    /// The stored and serialised word.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::FlexorHold => "flexor_hold",
            Method::Sorensen => "sorensen",
            Method::SideBridge => "side_bridge",
            Method::BirdDogHold => "bird_dog_hold",
            Method::KneeSideBridge => "knee_side_bridge",
            Method::Skipped => "skipped",
        }
    }

    /// The inverse of [`Method::as_str`].
    pub fn parse(s: &str) -> Option<Method> {
        [
            Method::FlexorHold,
            Method::Sorensen,
            Method::SideBridge,
            Method::BirdDogHold,
            Method::KneeSideBridge,
            Method::Skipped,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Method::FlexorHold => "trunk flexor hold at 60 degrees",
            Method::Sorensen => "Biering-Sørensen back extensor hold",
            Method::SideBridge => "side bridge",
            Method::BirdDogHold => "bird-dog hold",
            Method::KneeSideBridge => "side bridge from the knees",
            Method::Skipped => "skipped",
        }
    }
}

/// One hold of the protocol: how it is done and, if not the standard way, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedTest {
    pub test: Test,
    pub method: Method,
    /// Set when the method is not the standard one.
    pub reason: Option<String>,
    /// Rules behind a change (S-RECOVERY for a recovering back).
    pub rules: Vec<&'static str>,
}

/// The four holds in test order, each with its method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protocol {
    pub tests: Vec<PlannedTest>,
    /// The person's back is recovering (S-RECOVERY); shifts from this battery progress slowly.
    pub recovering: bool,
}

impl Protocol {
    /// The full battery of E-MCGILL-ENDURANCE.
    pub fn standard() -> Protocol {
        Protocol {
            tests: Test::ALL
                .iter()
                .map(|&test| PlannedTest {
                    test,
                    method: Method::standard(test),
                    reason: None,
                    rules: Vec::new(),
                })
                .collect(),
            recovering: false,
        }
    }

    /// For a recovering back (S-RECOVERY): the Sørensen loads the extensors with
    /// the whole trunk as a cantilever and the full side bridge is a long lever,
    /// so both give way to lighter holds. The flexor hold stays: the trunk is
    /// supported at the feet and pelvis and the load is modest.
    pub fn recovering() -> Protocol {
        let mut p = Protocol::standard();
        p.recovering = true;
        for t in &mut p.tests {
            let (method, why) = match t.test {
                Test::Flexor => continue,
                Test::Extensor => (
                    Method::BirdDogHold,
                    "the Sørensen holds the whole upper body out over a bench edge, too much for a recovering back; a bird-dog hold works the same muscles with far less load",
                ),
                Test::SideRight | Test::SideLeft => (
                    Method::KneeSideBridge,
                    "the full side bridge is a long lever for a recovering back; from the knees it is half as long",
                ),
            };
            t.method = method;
            t.reason = Some(why.to_string());
            t.rules = vec!["S-RECOVERY"];
        }
        p
    }

    /// Leaves one hold out (no bench or partner for the Sørensen, a hold that hurt
    /// last time); the report then says the ratios it feeds cannot be computed.
    pub fn skip(mut self, test: Test, reason: &str) -> Protocol {
        if let Some(t) = self.tests.iter_mut().find(|t| t.test == test) {
            t.method = Method::Skipped;
            t.reason = Some(reason.to_string());
        }
        self
    }

    /// The protocol a stored battery was taken with: the standard or the
    /// recovering one, each hold done as recorded (so a report re-scored
    /// from stored times is the report first printed).
    pub fn as_recorded(recovering: bool, methods: &[(Test, Method)]) -> Protocol {
        let mut p = if recovering {
            Protocol::recovering()
        } else {
            Protocol::standard()
        };
        let variants = Protocol::recovering();
        for &(test, method) in methods {
            if p.method(test) == method {
                continue;
            }
            if method == Method::Skipped {
                p = p.skip(test, "not done in this battery");
                continue;
            }
            if let Some(t) = p.tests.iter_mut().find(|t| t.test == test) {
                t.method = method;
                let why = variants.planned(test).filter(|v| v.method == method);
                t.reason = why.and_then(|v| v.reason.clone());
                t.rules = why.map(|v| v.rules.clone()).unwrap_or_default();
            }
        }
        p
    }

    pub fn method(&self, test: Test) -> Method {
        self.tests
            .iter()
            .find(|t| t.test == test)
            .map_or(Method::Skipped, |t| t.method)
    }

    pub fn planned(&self, test: Test) -> Option<&PlannedTest> {
        self.tests.iter().find(|t| t.test == test)
    }

    /// The holds not done the standard way (swapped or skipped).
    pub fn changes(&self) -> impl Iterator<Item = &PlannedTest> {
        self.tests.iter().filter(|t| !t.method.is_standard())
    }
}

/// No testing today: why, and who to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{reason}")]
pub struct Refusal {
    pub reason: String,
    pub rules: Vec<&'static str>,
    /// The screen's referral, when it was the screen that stopped the test.
    pub referral: Option<Referral>,
}

/// Whether testing is allowed, given the screen's result and the pain state.
/// A referral or an acute back means no test at all (S-ACUTE, S-REDFLAG):
/// holding to failure is a maximal effort. A recovering back gets the safer variants.
pub fn protocol_for(referral: Option<&Referral>, pain: Pain) -> Result<Protocol, Refusal> {
    if let Some(r) = referral {
        // The referral already cites S-ACUTE or S-REDFLAG (and E-REDFLAGS).
        let rules = r.rules.clone();
        return Err(Refusal {
            reason: format!(
                "No endurance test today: holding to failure is a maximal effort, and the safety screen refers you first. {}",
                r.reason
            ),
            rules,
            referral: Some(r.clone()),
        });
    }
    match pain {
        // The screen refers acute pain, but a caller that skipped it must not get a test either.
        Pain::Acute => Err(Refusal {
            reason: "No endurance test with acute back pain: see a doctor or physiotherapist first, then test once you are recovering.".into(),
            rules: vec!["S-ACUTE"],
            referral: None,
        }),
        Pain::Recovering => Ok(Protocol::recovering()),
        Pain::None => Ok(Protocol::standard()),
    }
}

/// [`protocol_for`] for a profile: runs the screen, and treats a recovery goal
/// like recovering pain, as the planner does (S-RECOVERY).
pub fn protocol_for_profile(p: &Profile) -> Result<Protocol, Refusal> {
    let pain = if p.recovering() && p.pain == Pain::None {
        Pain::Recovering
    } else {
        p.pain
    };
    protocol_for(screen(p).as_ref(), pain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    fn profile(goal: &str, pain: &str, flags: &[&str]) -> Profile {
        ProfileInput {
            goals: Some(vec![goal.into()]),
            level: Some("beginner".into()),
            equipment: Some(vec!["mat".into()]),
            pain: Some(pain.into()),
            red_flags: Some(flags.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        }
        .into_profile()
        .unwrap()
    }

    #[test]
    fn no_test_while_the_screen_refers() {
        let r =
            protocol_for_profile(&profile("general", "none", &["saddle-numbness"])).unwrap_err();
        assert!(r.rules.contains(&"S-REDFLAG"), "{:?}", r.rules);
        assert!(r.referral.is_some());
        assert!(
            r.reason.starts_with("No endurance test today"),
            "{}",
            r.reason
        );
        let r = protocol_for_profile(&profile("general", "acute", &[])).unwrap_err();
        assert!(r.rules.contains(&"S-ACUTE"), "{:?}", r.rules);
        // Even without a screen result, acute pain is refused.
        assert_eq!(
            protocol_for(None, Pain::Acute).unwrap_err().rules,
            vec!["S-ACUTE"]
        );
    }

    #[test]
    fn a_healthy_back_gets_the_full_battery() {
        let p = protocol_for_profile(&profile("posture", "none", &[])).unwrap();
        assert_eq!(p, Protocol::standard());
        assert!(!p.recovering);
        assert_eq!(p.changes().count(), 0);
        let methods: Vec<Method> = p.tests.iter().map(|t| t.method).collect();
        assert_eq!(
            methods,
            vec![
                Method::FlexorHold,
                Method::Sorensen,
                Method::SideBridge,
                Method::SideBridge
            ]
        );
    }

    #[test]
    fn a_recovering_back_swaps_the_sorensen_and_the_full_side_bridges() {
        for p in [
            protocol_for_profile(&profile("general", "recovering", &[])).unwrap(),
            protocol_for_profile(&profile("recovery", "none", &[])).unwrap(),
        ] {
            assert!(p.recovering);
            assert_eq!(p.method(Test::Flexor), Method::FlexorHold);
            assert_eq!(p.method(Test::Extensor), Method::BirdDogHold);
            assert_eq!(p.method(Test::SideRight), Method::KneeSideBridge);
            assert_eq!(p.method(Test::SideLeft), Method::KneeSideBridge);
            let changed: Vec<Test> = p.changes().map(|t| t.test).collect();
            assert_eq!(
                changed,
                vec![Test::Extensor, Test::SideRight, Test::SideLeft]
            );
            assert!(p
                .changes()
                .all(|t| t.reason.is_some() && t.rules == vec!["S-RECOVERY"]));
        }
    }

    #[test]
    fn a_stored_battery_is_rebuilt_with_its_methods() {
        for m in Method::WORDS {
            assert_eq!(Method::parse(m).unwrap().as_str(), *m);
            assert_eq!(serde_json::to_value(Method::parse(m).unwrap()).unwrap(), *m);
        }
        assert_eq!(Method::parse("plank"), None);
        let all = |p: &Protocol| {
            p.tests
                .iter()
                .map(|t| (t.test, t.method))
                .collect::<Vec<_>>()
        };
        for p in [Protocol::standard(), Protocol::recovering()] {
            assert_eq!(Protocol::as_recorded(p.recovering, &all(&p)), p);
        }
        let p = Protocol::as_recorded(false, &[(Test::Extensor, Method::Skipped)]);
        assert_eq!(p.method(Test::Extensor), Method::Skipped);
        assert_eq!(p.method(Test::SideLeft), Method::SideBridge);
    }

    #[test]
    fn a_hold_can_be_skipped_with_a_reason() {
        let p = Protocol::standard().skip(Test::Extensor, "no bench to hang over");
        assert_eq!(p.method(Test::Extensor), Method::Skipped);
        assert_eq!(
            p.planned(Test::Extensor).unwrap().reason.as_deref(),
            Some("no bench to hang over")
        );
        assert_eq!(p.method(Test::Flexor), Method::FlexorHold);
    }
}
