//! What each sport demands of the back and core (A-SPORT, A-PUSH), as a small
//! table written here. The planner turns a demand into targets and coach
//! preferences: a pushing sport gets more pulling (A-PUSH); a pulling sport gets
//! antagonist and shoulder-blade work instead of more pulling; rotation,
//! overhead work and carries get the core and scapular work that mirrors them.

use super::slots::Kind;
use crate::vocab::Sport;

/// The movement demands of one sport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Demands {
    pub pushing: bool,
    pub pulling: bool,
    pub rotation: bool,
    pub overhead: bool,
    pub carries: bool,
    /// One plain sentence on what the sport asks of the back and what serves it.
    pub advice: &'static str,
    /// The slots whose exercises answer it: the plan's note names the ones
    /// the plan holds, so it says only what the plan does.
    pub answers: &'static [Kind],
}

const fn d(
    pushing: bool,
    pulling: bool,
    rotation: bool,
    overhead: bool,
    carries: bool,
    advice: &'static str,
    answers: &'static [Kind],
) -> Demands {
    Demands {
        pushing,
        pulling,
        rotation,
        overhead,
        carries,
        advice,
        answers,
    }
}

const SHOULDER_BLADES: &[Kind] = &[Kind::Upper, Kind::Upper2];

/// The demands of `s`.
pub fn demands(s: Sport) -> Demands {
    use Kind::*;
    match s {
        Sport::Climbing => d(false, true, false, true, false,
            "Climbing already trains pulling and grip hard: shoulder-blade and rear-shoulder work balance it, not more pull-ups; add push-ups on rest days for the front",
            SHOULDER_BLADES),
        Sport::Swimming => d(false, true, true, true, false,
            "Swimming pulls overhead and rotates: it asks for shoulder-blade control, rotator work and a core that resists rotation",
            &[Upper, Upper2, AntiRotation]),
        Sport::Boxing => d(true, false, true, false, false,
            "Punching is pushing and rotation: pulling balances it and a core that resists rotation transfers the force",
            &[Row, Row2, Vertical, Vertical2, AntiRotation]),
        Sport::MartialArts => d(true, true, true, false, false,
            "Striking and grappling push, pull and twist: balanced pulling and a core trained against rotation serve them",
            &[Row, Row2, Vertical, Vertical2, AntiRotation]),
        Sport::Running => d(false, false, true, false, false,
            "Running asks the trunk to resist rotation stride after stride: anti-rotation and side-bridge work serve it",
            &[AntiRotation, AntiLateral, SideBridge]),
        Sport::Cycling => d(false, false, false, false, false,
            "Hours bent over the bars: back-extensor endurance and upper-back work offset the position",
            &[Erector, BirdDog, Upper, Upper2]),
        Sport::Rowing => d(false, true, false, false, false,
            "Rowing is a loaded hinge and pull: upper-back balance and core endurance serve it better than more pulling",
            &[Upper, Upper2, AntiExtension, AntiRotation, AntiLateral, CurlUp, SideBridge]),
        Sport::Throwing => d(true, false, true, true, false,
            "Throwing is overhead, rotational and fast: rear-shoulder and rotator work and a core that resists rotation serve it",
            &[Upper, Upper2, AntiRotation]),
        Sport::Racket => d(true, false, true, true, false,
            "Racket sports swing overhead and rotate to one side: rear-shoulder work and a core trained on both sides serve them",
            &[Upper, Upper2, AntiRotation, AntiLateral, SideBridge]),
        Sport::TeamSports => d(false, false, true, false, true,
            "Contact, cutting and sprinting: carries and a core that resists rotation give a trunk that holds under load",
            &[Carry, AntiRotation]),
        Sport::Golf => d(false, false, true, false, false,
            "The golf swing is rotation: a core trained to resist and control it, on both sides, serves it",
            &[AntiRotation, AntiLateral, SideBridge]),
        Sport::Gymnastics => d(true, true, false, true, false,
            "Gymnastics pushes, pulls and works overhead: shoulder-blade and rear-shoulder work balance the shoulders",
            SHOULDER_BLADES),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_push_climbing_is_a_pulling_sport_not_a_pushing_one() {
        let c = demands(Sport::Climbing);
        assert!(c.pulling && !c.pushing);
        assert!(demands(Sport::Boxing).pushing);
        for s in Sport::ALL {
            assert!(!demands(*s).advice.is_empty());
        }
    }
}
