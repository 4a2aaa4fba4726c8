//! The guided flow: what a terminal walks the person through, hold by hold.
//! Pure description; the binary owns the stopwatch and the keys.

use super::protocol::{Method, PlannedTest, Protocol};
use super::score::SORENSEN_CAP_SECONDS;
use super::Test;
use serde::Serialize;

/// Rest between holds. Five minutes is our choice, long enough that one
/// maximal hold does not shorten the next, which the ratios assume.
pub const REST_BETWEEN_TESTS_SECONDS: u32 = 300;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guide {
    /// Said once before the first hold.
    pub before: Vec<&'static str>,
    pub steps: Vec<GuideStep>,
    /// Holds the protocol leaves out, and why.
    pub skipped: Vec<PlannedTest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuideStep {
    pub test: Test,
    pub method: Method,
    pub title: String,
    /// How to get into position, in order.
    pub setup: Vec<&'static str>,
    /// When to start the stopwatch.
    pub start: &'static str,
    /// What ends the hold (the stopwatch stops at the first of these).
    pub ends_when: Vec<&'static str>,
    /// The stopwatch stops by itself here (the Sørensen's 240 s).
    pub cap_seconds: Option<u32>,
    /// Rest after this hold; `None` after the last one.
    pub rest_after_seconds: Option<u32>,
    /// Why this hold is a variant, when it is one.
    pub note: Option<String>,
}

/// Pain ends every hold, whatever the method.
const PAIN_ENDS: &str =
    "Any pain in the back or down a leg: stop at once. The time is logged as pain, not scored.";

/// The walk-through for a protocol, skipped holds left out.
pub fn guide(protocol: &Protocol) -> Guide {
    let done: Vec<_> = protocol
        .tests
        .iter()
        .filter(|t| t.method != Method::Skipped)
        .collect();
    let steps = done
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (setup, start, mut ends_when, cap) = method_text(t.test, t.method);
            ends_when.push(PAIN_ENDS);
            let side = match t.test.side() {
                Some(s) => format!(", {} side down", s.as_str()),
                None => String::new(),
            };
            let mut title = t.method.describe().to_string();
            if let Some(first) = title.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            GuideStep {
                test: t.test,
                method: t.method,
                title: format!("{title}{side}"),
                setup,
                start,
                ends_when,
                cap_seconds: cap,
                rest_after_seconds: (i + 1 < done.len()).then_some(REST_BETWEEN_TESTS_SECONDS),
                note: t.reason.clone(),
            }
        })
        .collect();
    Guide {
        before: vec![
            "Not in the first half hour after getting up: disc stress is highest then (E-MCGILL-FLEXION).",
            "Warm up for a few minutes: walk, then five to eight slow cat-camels.",
            "Each hold lasts until the position is lost, not until it burns: stop the moment form goes.",
            "A partner helps: one to hold your feet or legs, one to watch the position.",
        ],
        steps,
        skipped: protocol.tests.iter().filter(|t| t.method == Method::Skipped).cloned().collect(),
    }
}

type MethodText = (
    Vec<&'static str>,
    &'static str,
    Vec<&'static str>,
    Option<u32>,
);

fn method_text(test: Test, method: Method) -> MethodText {
    let right = test == Test::SideRight;
    match method {
        Method::FlexorHold => (
            vec![
                "Sit on a mat with knees and hips bent to 90 degrees, feet flat and held down by a partner or a strap.",
                "Cross your arms on your chest, each hand on the opposite shoulder.",
                "Lean back onto a support (a wedge, firm cushions or a partner's hands) that holds your back at 60 degrees to the floor.",
                "Keep the back straight and the head in line with it.",
            ],
            "Start the stopwatch as the support moves about a hand's width away and you hold the angle alone.",
            vec!["Your back sinks toward the support or touches it."],
            None,
        ),
        Method::Sorensen => (
            vec![
                "Lie face down on a sturdy bench or table, the top of the pelvis at its edge and the upper body off the end, resting on a chair for now.",
                "Have a partner hold your lower legs firmly down (or strap them at the ankles, knees and hips).",
                "Cross your arms on your chest.",
            ],
            "Lift the upper body level with the legs and start the stopwatch as you let go of the chair.",
            vec!["Your upper body drops below level and cannot be brought back up."],
            Some(SORENSEN_CAP_SECONDS),
        ),
        Method::SideBridge => (
            vec![
                if right {
                    "Lie on your right side, legs straight, the top foot on the floor just in front of the bottom one."
                } else {
                    "Lie on your left side, legs straight, the top foot on the floor just in front of the bottom one."
                },
                "Put the lower elbow under the shoulder and lay the top hand on the opposite shoulder.",
            ],
            "Lift the hips until the body is straight from head to feet, then start the stopwatch.",
            vec!["The hips sag toward the floor and cannot be lifted back into the line."],
            None,
        ),
        Method::KneeSideBridge => (
            vec![
                if right {
                    "Lie on your right side with the knees bent to 90 degrees, the feet behind you."
                } else {
                    "Lie on your left side with the knees bent to 90 degrees, the feet behind you."
                },
                "Put the lower elbow under the shoulder and lay the top hand on the opposite shoulder.",
            ],
            "Lift the hips until knees, hips and shoulders line up, then start the stopwatch.",
            vec!["The hips sag or drift back out of the line and cannot be brought back."],
            None,
        ),
        Method::BirdDogHold => (
            vec![
                "Kneel on a mat on hands and knees, hands under the shoulders, knees under the hips.",
                "Brace the trunk lightly and keep the back in its natural curve.",
            ],
            "Reach the right arm forward and the left leg back until both are level with the trunk, then start the stopwatch.",
            vec!["The hips tip or twist, the back sags, or the arm or leg drops below level."],
            None,
        ),
        Method::Skipped => (Vec::new(), "", Vec::new(), None),
    }
}
