//! Units of load. Everything inside upright is kilograms; a person's unit
//! (`kg` or `lb`) only shapes what they type and what they read.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Kilograms in one international avoirdupois pound (exact by definition).
pub const KG_PER_LB: f64 = 0.45359237;

/// The unit a person loads and reads weights in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Unit {
    #[default]
    #[serde(rename = "kg")]
    Kg,
    #[serde(rename = "lb")]
    Lb,
}

/// A unit word outside `kg`/`lb`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown unit '{0}'; accepted: kg, lb")]
pub struct UnitError(pub String);

impl Unit {
    /// The words a user may type (after `FromStr` also accepts `kgs`, `lbs`).
    pub const WORDS: &'static [&'static str] = &["kg", "lb"];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Kg => "kg",
            Unit::Lb => "lb",
        }
    }

    /// A value in this unit, in kilograms.
    pub fn to_kg(self, value: f64) -> f64 {
        match self {
            Unit::Kg => value,
            Unit::Lb => value * KG_PER_LB,
        }
    }

    /// Kilograms, in this unit.
    pub fn from_kg(self, kg: f64) -> f64 {
        match self {
            Unit::Kg => kg,
            Unit::Lb => kg / KG_PER_LB,
        }
    }

    /// `kg` shown in this unit for a person to read: at most two decimals,
    /// trailing zeros dropped (`102.5 kg`, `225 lb`).
    pub fn show(self, kg: f64) -> String {
        format!("{} {}", trim_number(self.from_kg(kg), 2), self.as_str())
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = UnitError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kg" | "kgs" => Ok(Unit::Kg),
            "lb" | "lbs" => Ok(Unit::Lb),
            _ => Err(UnitError(s.to_string())),
        }
    }
}

/// `x` with at most `decimals` decimals and no trailing zeros (`100`, `102.5`, `0.25`).
pub fn trim_number(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pound_is_exactly_defined() {
        assert_eq!(Unit::Lb.to_kg(1.0), 0.45359237);
        assert!((Unit::Lb.to_kg(225.0) - 102.058_283_25).abs() < 1e-9);
        assert!((Unit::Lb.from_kg(Unit::Lb.to_kg(315.0)) - 315.0).abs() < 1e-9);
        assert_eq!(Unit::Kg.to_kg(100.0), 100.0);
        assert_eq!(Unit::Kg.from_kg(100.0), 100.0);
    }

    #[test]
    fn serde_and_parse_use_contract_words() {
        assert_eq!(serde_json::to_string(&Unit::Kg).unwrap(), "\"kg\"");
        assert_eq!(serde_json::to_string(&Unit::Lb).unwrap(), "\"lb\"");
        assert_eq!(serde_json::from_str::<Unit>("\"lb\"").unwrap(), Unit::Lb);
        assert_eq!("LBS".parse::<Unit>().unwrap(), Unit::Lb);
        assert_eq!(" kg ".parse::<Unit>().unwrap(), Unit::Kg);
        let err = "stone".parse::<Unit>().unwrap_err().to_string();
        assert_eq!(err, "unknown unit 'stone'; accepted: kg, lb");
    }

    #[test]
    fn show_rounds_for_reading() {
        assert_eq!(Unit::Kg.show(102.5), "102.5 kg");
        assert_eq!(Unit::Kg.show(100.0), "100 kg");
        assert_eq!(Unit::Lb.show(Unit::Lb.to_kg(225.0)), "225 lb");
        assert_eq!(Unit::Lb.show(100.0), "220.46 lb");
        assert_eq!(trim_number(0.25, 3), "0.25");
        assert_eq!(trim_number(-0.0001, 2), "0");
    }
}
