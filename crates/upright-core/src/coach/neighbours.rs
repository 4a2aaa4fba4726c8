//! Which harder or easier neighbours a person may move to: the planner's own
//! filters (`plan::candidates::select`: equipment W-GYM, level S-FORM and
//! T-BEGINNER, S-RECOVERY's spinal-load limits, T-PULLUP, exclusions), so a
//! graduation or regression never prescribes what the plan itself would
//! refuse. And the pull-up ability that logged sets prove (T-PULLUP).

use crate::catalog::{Catalog, Exercise};
use crate::plan::candidates::{self, can_do_pullups};
use crate::plan::dosing::PullupStep;
use crate::profile::Profile;
use crate::vocab::Equipment;
use std::collections::{BTreeMap, BTreeSet};

/// Strict pull-ups in one set that count as being able to do them (the planner's bar, T-PULLUP).
pub const PULLUPS_ABLE: u32 = 3;

/// The entry points of the pull-up family (T-PULLUP's anchors, as in the planner).
pub const PULLUP_ENTRIES: [&str; 2] = ["pull-up", "chin-up"];

/// The planner's verdict on every catalog exercise for one person.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Exercises the planner could give this person.
    allowed: BTreeSet<String>,
    /// Steps on the way to a pull-up (negatives, assisted, scapular pulls).
    ladder: BTreeSet<String>,
    /// Left out, with the rule and the reason.
    refused: BTreeMap<String, (&'static str, String)>,
    /// Pull-up entries a finished ladder may move on to (T-PULLUP: the
    /// progression toward the pull-up ends in the first strict reps).
    ladder_exits: BTreeSet<String>,
    /// What the person has: the implement a load is read on.
    equipment: Vec<Equipment>,
}

/// Why a neighbour is not for this person: the rule and the planner's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub id: String,
    pub rule: &'static str,
    pub reason: String,
}

impl Filters {
    /// The planner's filters for `profile` (with its stored exclusions).
    pub fn for_profile(profile: &Profile, catalog: &Catalog) -> Filters {
        let (cands, skipped) = candidates::select(profile, catalog);
        let mut f = Filters {
            equipment: profile.equipment.clone(),
            ..Filters::default()
        };
        for c in &cands {
            f.allowed.insert(c.exercise.id.clone());
            if c.step == PullupStep::Ladder {
                f.ladder.insert(c.exercise.id.clone());
            }
        }
        for s in skipped {
            f.refused.insert(s.id, (s.rule, s.reason));
        }
        if !can_do_pullups(profile) {
            // Everything else as it is: only the pull-up bar is lifted.
            let able = Profile {
                pullups: Some(PULLUPS_ABLE),
                ..profile.clone()
            };
            let (cands, _) = candidates::select(&able, catalog);
            f.ladder_exits = cands
                .iter()
                .filter(|c| {
                    c.step == PullupStep::PullUp && PULLUP_ENTRIES.contains(&c.exercise.id.as_str())
                })
                .map(|c| c.exercise.id.clone())
                .collect();
        }
        f
    }

    /// The equipment the person has.
    pub fn equipment(&self) -> &[Equipment] {
        &self.equipment
    }

    /// May the person move from `from` to `to`?
    pub fn check(&self, from: &Exercise, to: &Exercise) -> Result<(), Refusal> {
        if self.allowed.contains(&to.id) {
            return Ok(());
        }
        if self.ladder.contains(&from.id) && self.ladder_exits.contains(&to.id) {
            return Ok(());
        }
        let (rule, reason) = self
            .refused
            .get(&to.id)
            .map(|(r, why)| (*r, why.clone()))
            .unwrap_or(("G-NEED", "trains nothing this plan aims at".to_string()));
        Err(Refusal {
            id: to.id.clone(),
            rule,
            reason,
        })
    }
}

/// The profile with the pull-up ability that logged sets show: the most
/// strict reps in one set of a pull-up or chin-up (no assistance: a load of
/// zero or more) raise `pullups` when higher (T-PULLUP). Never lowers it.
pub fn with_logged_pullups(profile: &Profile, best_strict_reps: Option<u32>) -> Profile {
    let mut p = profile.clone();
    if let Some(n) = best_strict_reps {
        if p.pullups.is_none_or(|have| n > have) {
            p.pullups = Some(n);
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    fn profile(pullups: u32, equipment: &str) -> Profile {
        ProfileInput {
            goals: Some(vec!["general".into()]),
            level: Some("beginner".into()),
            equipment: Some(vec![equipment.into()]),
            pullups: Some(i64::from(pullups)),
            ..Default::default()
        }
        .into_profile()
        .unwrap()
    }

    #[test]
    fn t_pullup_logged_strict_reps_unlock_the_pull_up() {
        let c = Catalog::builtin();
        let p = profile(0, "gym");
        let neg = c.get("negative-pull-up").unwrap();
        let pull = c.get("pull-up").unwrap();
        // Off the ladder: a row is no step toward the bar.
        let lat = c.get("inverted-row").unwrap();
        assert!(Filters::for_profile(&p, &c).check(lat, pull).is_err());
        // Four strict pull-ups logged (the store's max_reps_unassisted).
        let reps = Some(4);
        let able = with_logged_pullups(&p, reps);
        assert_eq!(able.pullups, Some(4));
        assert!(Filters::for_profile(&able, &c).check(lat, pull).is_ok());
        // Logged reps never lower what the profile says.
        assert_eq!(with_logged_pullups(&able, Some(1)).pullups, Some(4));
        // A finished ladder may step onto the bar: that is the progression T-PULLUP asks for.
        assert!(Filters::for_profile(&p, &c)
            .check(neg, c.get("chin-up").unwrap())
            .is_ok());
        assert!(Filters::for_profile(&p, &c)
            .check(neg, c.get("weighted-pull-up").unwrap())
            .is_err());
    }

    #[test]
    fn w_gym_a_neighbour_needing_missing_equipment_is_refused_with_the_rule() {
        let c = Catalog::builtin();
        let p = profile(0, "home");
        let f = Filters::for_profile(&p, &c);
        let from = c.get("superman").unwrap();
        let refused = c
            .iter()
            .find(|e| {
                e.equipment
                    .iter()
                    .any(|n| n.options().contains(&crate::vocab::Equipment::Barbell))
            })
            .unwrap();
        let r = f.check(from, refused).unwrap_err();
        assert_eq!(r.rule, "W-GYM");
    }
}
