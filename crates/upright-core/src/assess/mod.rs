//! The torso endurance battery (issue 14): McGill's four holds, scored against
//! the norms of E-MCGILL-ENDURANCE, made safe for the person's back, and turned
//! into shifts of the weekly training targets (R-ENDURE).
//!
//! Pure: no clock (dates come in), no I/O. The flow a caller follows:
//!
//! 1. [`protocol_for_profile`] (or [`protocol_for`]) says whether testing is
//!    allowed today and which holds are swapped for safer variants;
//! 2. [`guide`] describes each hold for a terminal walk-through;
//! 3. [`score`] validates the times and builds the [`Report`];
//! 4. [`target_shifts`] turns a report into weekly-set shifts for the planner,
//!    and [`retest_due`] says when to test again.

mod adapt;
mod guide;
mod protocol;
mod score;
mod trend;

pub use adapt::{
    next_retest, plan_notes, retest_due, target_shifts, RetestDue, TargetShift, RETEST_DAYS,
    RETEST_OVERDUE_DAYS,
};
pub use guide::{guide, Guide, GuideStep, REST_BETWEEN_TESTS_SECONDS};
pub use protocol::{protocol_for, protocol_for_profile, Method, PlannedTest, Protocol, Refusal};
pub use score::{
    score, AssessError, BatteryInput, HoldLine, HoldStatus, Link, NormLine, RatioKind, RatioLine,
    Report, SideRatios, Target, WeakLink, DISCLAIMER, HOLD_LIMITS, SORENSEN_CAP_SECONDS,
};
pub use trend::{trend, BatteryTrend, HoldPoint, HoldSeries, RatioPoint, RatioSeries};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The four holds of the battery, in the order they are tested. The words are
/// the input field names (`--side-right` on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    Flexor,
    Extensor,
    SideRight,
    SideLeft,
}

impl Test {
    pub const ALL: [Test; 4] = [
        Test::Flexor,
        Test::Extensor,
        Test::SideRight,
        Test::SideLeft,
    ];
    pub const WORDS: &'static [&'static str] = &["flexor", "extensor", "side_right", "side_left"];

    /// The field name, as in input and JSON.
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }

    /// Plain words for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Test::Flexor => "trunk flexor hold",
            Test::Extensor => "back extensor hold",
            Test::SideRight => "right side bridge",
            Test::SideLeft => "left side bridge",
        }
    }

    /// The side a side bridge tests (the side facing the floor).
    pub fn side(self) -> Option<Side> {
        match self {
            Test::SideRight => Some(Side::Right),
            Test::SideLeft => Some(Side::Left),
            _ => None,
        }
    }

    /// Mean hold of the young healthy cohort, men / women, seconds (E-MCGILL-ENDURANCE).
    pub fn norm(self, sex: NormSex) -> u32 {
        let (men, women) = match self {
            Test::Flexor => (136, 134),
            Test::Extensor => (161, 185),
            Test::SideRight => (95, 75),
            Test::SideLeft => (99, 78),
        };
        match sex {
            NormSex::Male => men,
            NormSex::Female => women,
        }
    }
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Test {
    type Err = String;
    /// Accepts `side_right` and `side-right` alike (field name or flag name).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace('-', "_");
        Test::ALL
            .into_iter()
            .find(|x| x.as_str() == t)
            .ok_or_else(|| format!("unknown test '{s}'; accepted: {}", Test::WORDS.join(", ")))
    }
}

/// Right or left, for side bridges and the extra work of an asymmetric trunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Right,
    Left,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Right => "right",
            Side::Left => "left",
        }
    }
}

/// Which norm table to compare with. `Unspecified` ("prefer not to say") is
/// shown beside both; where one number must decide, the lower norm is used so
/// the coach never calls a time short that either table would call normal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
    #[default]
    Unspecified,
}

impl Sex {
    pub const WORDS: &'static [&'static str] = &["male", "female", "unspecified"];

    /// The norm tables this person is compared with.
    pub fn norms(self) -> &'static [NormSex] {
        match self {
            Sex::Male => &[NormSex::Male],
            Sex::Female => &[NormSex::Female],
            Sex::Unspecified => &[NormSex::Male, NormSex::Female],
        }
    }
}

impl FromStr for Sex {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "male" => Ok(Sex::Male),
            "female" => Ok(Sex::Female),
            "unspecified" => Ok(Sex::Unspecified),
            _ => Err(format!(
                "unknown sex '{s}'; accepted: {}",
                Sex::WORDS.join(", ")
            )),
        }
    }
}

/// One of the two norm tables of E-MCGILL-ENDURANCE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NormSex {
    Male,
    Female,
}

impl NormSex {
    pub fn describe(self) -> &'static str {
        match self {
            NormSex::Male => "men",
            NormSex::Female => "women",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norms_match_the_evidence_table() {
        // E-MCGILL-ENDURANCE, men / women: flexion 136/134, extension 161/185,
        // right side bridge 95/75, left 99/78.
        let table: Vec<(u32, u32)> = Test::ALL
            .iter()
            .map(|t| (t.norm(NormSex::Male), t.norm(NormSex::Female)))
            .collect();
        assert_eq!(table, vec![(136, 134), (161, 185), (95, 75), (99, 78)]);
    }

    #[test]
    fn words_parse_and_name_the_accepted_values() {
        assert_eq!("side-right".parse::<Test>().unwrap(), Test::SideRight);
        assert_eq!("SIDE_LEFT".parse::<Test>().unwrap(), Test::SideLeft);
        let e = "abs".parse::<Test>().unwrap_err();
        assert!(
            e.contains("'abs'") && e.contains("flexor, extensor, side_right, side_left"),
            "{e}"
        );
        assert_eq!("Female".parse::<Sex>().unwrap(), Sex::Female);
        let e = "other".parse::<Sex>().unwrap_err();
        assert!(e.contains("male, female, unspecified"), "{e}");
        for t in Test::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
    }

    #[test]
    fn unspecified_uses_both_tables() {
        assert_eq!(Sex::Unspecified.norms(), &[NormSex::Male, NormSex::Female]);
        assert_eq!(Sex::Female.norms(), &[NormSex::Female]);
    }
}

#[cfg(test)]
mod battery_tests;
