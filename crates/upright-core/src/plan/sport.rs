//! What each sport demands of the back and core (A-SPORT, A-PUSH), as a small
//! table written here. The planner turns a demand into targets and coach
//! preferences: a pushing sport gets more pulling (A-PUSH); a pulling sport gets
//! antagonist and shoulder-blade work instead of more pulling; rotation,
//! overhead work and carries get the core and scapular work that mirrors them.

use crate::vocab::Sport;

/// The movement demands of one sport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Demands {
    pub pushing: bool,
    pub pulling: bool,
    pub rotation: bool,
    pub overhead: bool,
    pub carries: bool,
    /// One plain sentence on what the plan adds for it.
    pub advice: &'static str,
}

const fn d(
    pushing: bool,
    pulling: bool,
    rotation: bool,
    overhead: bool,
    carries: bool,
    advice: &'static str,
) -> Demands {
    Demands {
        pushing,
        pulling,
        rotation,
        overhead,
        carries,
        advice,
    }
}

/// The demands of `s`.
pub fn demands(s: Sport) -> Demands {
    match s {
        Sport::Climbing => d(false, true, false, true, false,
            "Climbing already trains pulling and grip hard: the plan adds shoulder-blade and rear-shoulder work to balance it, not more pull-ups; add push-ups on rest days for the front."),
        Sport::Swimming => d(false, true, true, true, false,
            "Swimming pulls overhead and rotates: the plan favours shoulder-blade control, rotator work and anti-rotation core."),
        Sport::Boxing => d(true, false, true, false, false,
            "Punching is pushing and rotation: the plan adds pulling for balance and anti-rotation core to transfer force."),
        Sport::MartialArts => d(true, true, true, false, false,
            "Striking and grappling push, pull and twist: the plan balances pulling and trains the core against rotation."),
        Sport::Running => d(false, false, true, false, false,
            "Running asks the trunk to resist rotation stride after stride: the plan favours anti-rotation and side-bridge work."),
        Sport::Cycling => d(false, false, false, false, false,
            "Hours bent over the bars: the plan favours back-extensor endurance and upper-back work to offset the position."),
        Sport::Rowing => d(false, true, false, false, false,
            "Rowing is a loaded hinge and pull: the plan adds upper-back balance and core endurance rather than more pulling."),
        Sport::Throwing => d(true, false, true, true, false,
            "Throwing is overhead, rotational and fast: the plan adds rear-shoulder and rotator work and anti-rotation core."),
        Sport::Racket => d(true, false, true, true, false,
            "Racket sports swing overhead and rotate to one side: the plan adds rear-shoulder work and trains both sides of the core."),
        Sport::TeamSports => d(false, false, true, false, true,
            "Contact, cutting and sprinting: the plan adds carries and anti-rotation core for a trunk that holds under load."),
        Sport::Golf => d(false, false, true, false, false,
            "The golf swing is rotation: the plan trains the core to resist and control it, on both sides."),
        Sport::Gymnastics => d(true, true, false, true, false,
            "Gymnastics pushes, pulls and works overhead: the plan balances the shoulders with scapular and rear-shoulder work."),
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
