//! Who the person is: the planner's input, validated and normalised.
//!
//! `ProfileInput` is what arrives (flags, a profile file, a batch line, answers to
//! questions), every field optional so sources can be layered; `Profile` is the
//! checked, normalised result. A plan prints its `Profile`, and that JSON is a
//! valid `ProfileInput` again (DESIGN.md: any printed profile can be fed back).

use crate::vocab::{Equipment, Goal, Level, Pain, RedFlag, Sport, VocabError};
use serde::{Deserialize, Deserializer, Serialize};

/// A field that is missing or out of range, named as the user typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ProfileError {
    pub field: &'static str,
    pub message: String,
}

impl ProfileError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        ProfileError {
            field,
            message: message.into(),
        }
    }
    fn vocab(field: &'static str, e: VocabError) -> Self {
        ProfileError::new(
            field,
            format!(
                "'{}' is not accepted; accepted: {}",
                e.got,
                e.accepted.join(", ")
            ),
        )
    }
}

/// Accepted ranges, shared by validation, help texts and the interactive questions.
pub mod limits {
    pub const DAYS: (u8, u8) = (1, 7);
    pub const MINUTES: (u16, u16) = (10, 180);
    pub const WEEKS: (u8, u8) = (1, 52);
    pub const PULLUPS: (u32, u32) = (0, 100);
    pub const AGE: (u32, u32) = (12, 100);
}

/// Defaults for the fields a person may leave out.
pub mod defaults {
    pub const DAYS: u8 = 3;
    pub const MINUTES: u16 = 45;
    pub const WEEKS: u8 = 8;
}

/// The normalised profile, printed in a plan's `"profile"` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub goals: Vec<Goal>,
    pub level: Level,
    pub equipment: Vec<Equipment>,
    /// The part of `equipment` the person has at home; the rest is at a gym (W-GYM).
    pub home_equipment: Vec<Equipment>,
    pub days: u8,
    pub minutes: u16,
    pub weeks: u8,
    pub desk_job: bool,
    pub manual_labour: bool,
    pub sport_push: bool,
    /// The sport trained besides, if any (A-SPORT); `plan::sport` says what it demands.
    pub sport: Option<Sport>,
    pub other_back_activity: bool,
    pub pullups: Option<u32>,
    pub pain: Pain,
    pub red_flags: Vec<RedFlag>,
    pub age: Option<u32>,
    pub exclude: Vec<String>,
}

impl Profile {
    pub fn has_goal(&self, g: Goal) -> bool {
        self.goals.contains(&g)
    }
    pub fn has(&self, e: Equipment) -> bool {
        self.equipment.contains(&e)
    }
    pub fn recovering(&self) -> bool {
        self.pain == Pain::Recovering || self.has_goal(Goal::Recovery)
    }
    /// A pushing-dominant sport, stated directly or implied by the sport named (A-PUSH).
    pub fn pushing_sport(&self) -> bool {
        self.sport_push
            || self
                .sport
                .is_some_and(|s| crate::plan::sport::demands(s).pushing)
    }
    /// Can this be done with what is at home?
    pub fn at_home(&self, e: &crate::catalog::Exercise) -> bool {
        e.available_with(&self.home_equipment)
    }
}

/// A profile as it arrives; every field optional. Unknown keys are an error,
/// so a typo in a batch line or profile file is caught, not ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    #[serde(default, alias = "goal", deserialize_with = "de_words")]
    pub goals: Option<Vec<String>>,
    pub level: Option<String>,
    #[serde(default, deserialize_with = "de_words")]
    pub equipment: Option<Vec<String>>,
    #[serde(default, deserialize_with = "de_words")]
    pub home_equipment: Option<Vec<String>>,
    pub days: Option<i64>,
    pub minutes: Option<i64>,
    pub weeks: Option<i64>,
    pub desk_job: Option<bool>,
    pub manual_labour: Option<bool>,
    pub sport_push: Option<bool>,
    pub sport: Option<String>,
    pub other_back_activity: Option<bool>,
    pub pullups: Option<i64>,
    pub pain: Option<String>,
    #[serde(default, alias = "red_flag", deserialize_with = "de_words")]
    pub red_flags: Option<Vec<String>>,
    pub age: Option<i64>,
    #[serde(default, deserialize_with = "de_words")]
    pub exclude: Option<Vec<String>>,
}

/// Accepts a list of words or one comma-separated string ("posture,strength").
fn de_words<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Words {
        One(String),
        Many(Vec<String>),
    }
    Ok(Option::<Words>::deserialize(d)?.map(|w| match w {
        Words::One(s) => s
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        Words::Many(v) => v,
    }))
}

impl ProfileInput {
    /// Fields of `over` win where set; lists are replaced, not merged.
    pub fn layered_over(self, base: ProfileInput) -> ProfileInput {
        ProfileInput {
            goals: self.goals.or(base.goals),
            level: self.level.or(base.level),
            equipment: self.equipment.or(base.equipment),
            home_equipment: self.home_equipment.or(base.home_equipment),
            days: self.days.or(base.days),
            minutes: self.minutes.or(base.minutes),
            weeks: self.weeks.or(base.weeks),
            desk_job: self.desk_job.or(base.desk_job),
            manual_labour: self.manual_labour.or(base.manual_labour),
            sport_push: self.sport_push.or(base.sport_push),
            sport: self.sport.or(base.sport),
            other_back_activity: self.other_back_activity.or(base.other_back_activity),
            pullups: self.pullups.or(base.pullups),
            pain: self.pain.or(base.pain),
            red_flags: self.red_flags.or(base.red_flags),
            age: self.age.or(base.age),
            exclude: self.exclude.or(base.exclude),
        }
    }

    /// The answers the safety screen reads (pain, red flags, age) that are
    /// accepted, over the defaults of everything else: one misspelt answer
    /// does not hide a red flag given beside it. Only for screening an
    /// incomplete profile: never planned.
    pub fn safety_answers(&self) -> Option<Profile> {
        let with_age = |age| ProfileInput {
            goals: Some(vec!["general".into()]),
            level: Some("beginner".into()),
            equipment: Some(vec!["mat".into()]),
            pain: self.pain.clone().filter(|p| p.parse::<Pain>().is_ok()),
            red_flags: self.red_flags.as_ref().map(|flags| {
                flags
                    .iter()
                    .filter(|f| f.parse::<RedFlag>().is_ok())
                    .cloned()
                    .collect()
            }),
            age,
            ..ProfileInput::default()
        };
        with_age(self.age)
            .into_profile()
            .or_else(|_| with_age(None).into_profile())
            .ok()
    }

    /// The required fields still missing, as flag names (for the non-interactive error).
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.goals.as_ref().is_none_or(|g| g.is_empty()) {
            out.push("--goal");
        }
        if self.level.is_none() {
            out.push("--level");
        }
        if self.equipment.is_none() {
            out.push("--equipment");
        }
        out
    }

    /// Validates and normalises (sorted, deduplicated lists; defaults filled).
    pub fn into_profile(self) -> Result<Profile, ProfileError> {
        if let Some(first) = self.missing().first() {
            let field = first.trim_start_matches("--");
            let accepted = match field {
                "goal" => Goal::WORDS.join(", "),
                "level" => Level::WORDS.join(", "),
                _ => crate::vocab::EQUIPMENT_WORDS_WITH_PRESETS.join(", "),
            };
            return Err(ProfileError::new(
                static_field(field),
                format!("is required; accepted: {accepted}"),
            ));
        }
        let mut goals = Vec::new();
        for w in self.goals.unwrap_or_default() {
            goals.push(
                w.parse::<Goal>()
                    .map_err(|e| ProfileError::vocab("goal", e))?,
            );
        }
        let level = self
            .level
            .unwrap_or_default()
            .parse::<Level>()
            .map_err(|e| ProfileError::vocab("level", e))?;
        let mut equipment = Vec::new();
        let words = self.equipment.unwrap_or_default();
        for w in &words {
            equipment.extend(
                Equipment::parse_with_presets(w)
                    .map_err(|e| ProfileError::vocab("equipment", e))?,
            );
        }
        equipment.sort();
        equipment.dedup();
        // At home: what the person says, else everything unless they named the gym preset.
        let mut home_equipment = match self.home_equipment {
            Some(list) => {
                let mut home = Vec::new();
                for w in list {
                    home.extend(
                        Equipment::parse_with_presets(&w)
                            .map_err(|e| ProfileError::vocab("home-equipment", e))?,
                    );
                }
                if let Some(extra) = home.iter().find(|e| !equipment.contains(e)) {
                    return Err(ProfileError::new(
                        "home-equipment",
                        format!("'{extra}' is not in your equipment; accepted: items of --equipment ({})", join(&equipment)),
                    ));
                }
                home
            }
            None if words.iter().any(|w| w.trim().eq_ignore_ascii_case("gym")) => Vec::new(),
            None => equipment.clone(),
        };
        home_equipment.sort();
        home_equipment.dedup();
        let sport = match self.sport.as_deref().map(str::trim) {
            None | Some("") | Some("none") => None,
            Some(w) => Some(
                w.parse::<Sport>()
                    .map_err(|e| ProfileError::vocab("sport", e))?,
            ),
        };
        let pain = match self.pain {
            Some(p) => p
                .parse::<Pain>()
                .map_err(|e| ProfileError::vocab("pain", e))?,
            None => Pain::None,
        };
        let mut red_flags = Vec::new();
        for w in self.red_flags.unwrap_or_default() {
            red_flags.push(
                w.parse::<RedFlag>()
                    .map_err(|e| ProfileError::vocab("red-flag", e))?,
            );
        }
        let mut exclude: Vec<String> = self
            .exclude
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.trim().to_string())
            .collect();
        exclude.sort();
        exclude.dedup();
        goals.sort();
        goals.dedup();
        red_flags.sort();
        red_flags.dedup();
        Ok(Profile {
            goals,
            level,
            equipment,
            home_equipment,
            days: in_range(
                "days",
                self.days,
                defaults::DAYS as i64,
                limits::DAYS.0 as i64,
                limits::DAYS.1 as i64,
            )? as u8,
            minutes: in_range(
                "minutes",
                self.minutes,
                defaults::MINUTES as i64,
                limits::MINUTES.0 as i64,
                limits::MINUTES.1 as i64,
            )? as u16,
            weeks: in_range(
                "weeks",
                self.weeks,
                defaults::WEEKS as i64,
                limits::WEEKS.0 as i64,
                limits::WEEKS.1 as i64,
            )? as u8,
            desk_job: self.desk_job.unwrap_or(false),
            manual_labour: self.manual_labour.unwrap_or(false),
            sport_push: self.sport_push.unwrap_or(false),
            sport,
            other_back_activity: self.other_back_activity.unwrap_or(false),
            pullups: optional_in_range(
                "pullups",
                self.pullups,
                limits::PULLUPS.0 as i64,
                limits::PULLUPS.1 as i64,
            )?
            .map(|v| v as u32),
            pain,
            red_flags,
            age: optional_in_range("age", self.age, limits::AGE.0 as i64, limits::AGE.1 as i64)?
                .map(|v| v as u32),
            exclude,
        })
    }
}

impl From<&Profile> for ProfileInput {
    fn from(p: &Profile) -> Self {
        let words = |v: Vec<String>| Some(v);
        ProfileInput {
            goals: words(p.goals.iter().map(|g| g.to_string()).collect()),
            level: Some(p.level.to_string()),
            equipment: words(p.equipment.iter().map(|e| e.to_string()).collect()),
            home_equipment: words(p.home_equipment.iter().map(|e| e.to_string()).collect()),
            days: Some(p.days.into()),
            minutes: Some(p.minutes.into()),
            weeks: Some(p.weeks.into()),
            desk_job: Some(p.desk_job),
            manual_labour: Some(p.manual_labour),
            sport_push: Some(p.sport_push),
            sport: p.sport.map(|s| s.to_string()),
            other_back_activity: Some(p.other_back_activity),
            pullups: p.pullups.map(Into::into),
            pain: Some(p.pain.to_string()),
            red_flags: words(p.red_flags.iter().map(|f| f.to_string()).collect()),
            age: p.age.map(Into::into),
            exclude: words(p.exclude.clone()),
        }
    }
}

fn join(list: &[Equipment]) -> String {
    list.iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn static_field(name: &str) -> &'static str {
    match name {
        "goal" => "goal",
        "level" => "level",
        _ => "equipment",
    }
}

fn in_range(
    field: &'static str,
    v: Option<i64>,
    default: i64,
    lo: i64,
    hi: i64,
) -> Result<i64, ProfileError> {
    optional_in_range(field, v, lo, hi).map(|v| v.unwrap_or(default))
}

fn optional_in_range(
    field: &'static str,
    v: Option<i64>,
    lo: i64,
    hi: i64,
) -> Result<Option<i64>, ProfileError> {
    match v {
        Some(x) if x < lo || x > hi => Err(ProfileError::new(
            field,
            format!("{x} is out of range; accepted: a whole number from {lo} to {hi}"),
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> ProfileInput {
        ProfileInput {
            goals: Some(vec!["posture".into(), "strength".into(), "posture".into()]),
            level: Some("beginner".into()),
            equipment: Some(vec!["home".into(), "mat".into()]),
            ..Default::default()
        }
    }

    #[test]
    fn normalises_and_fills_defaults() {
        let p = minimal().into_profile().unwrap();
        assert_eq!(p.goals, vec![Goal::Strength, Goal::Posture]);
        assert_eq!(
            p.equipment,
            vec![Equipment::Mat, Equipment::Dumbbells, Equipment::Bands]
        );
        assert_eq!((p.days, p.minutes, p.weeks), (3, 45, 8));
        assert_eq!(p.pain, Pain::None);
    }

    #[test]
    fn printed_profile_reads_back_identically() {
        let p = minimal().into_profile().unwrap();
        let json = serde_json::to_string(&p).unwrap();
        let back: ProfileInput = serde_json::from_str(&json).unwrap();
        assert_eq!(back.into_profile().unwrap(), p);
    }

    #[test]
    fn errors_name_the_field_and_accepted_values() {
        let mut i = minimal();
        i.days = Some(9);
        assert_eq!(i.clone().into_profile().unwrap_err().field, "days");
        i.days = None;
        i.level = Some("expert".into());
        let e = i.into_profile().unwrap_err();
        assert_eq!(e.field, "level");
        assert!(
            e.message.contains("beginner, intermediate, advanced"),
            "{e}"
        );
        let e = ProfileInput::default().into_profile().unwrap_err();
        assert_eq!(e.field, "goal");
        assert_eq!(
            ProfileInput::default().missing(),
            vec!["--goal", "--level", "--equipment"]
        );
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = serde_json::from_str::<ProfileInput>(r#"{"goal":"posture","levle":"beginner"}"#)
            .unwrap_err();
        assert!(err.to_string().contains("levle"), "{err}");
    }
}
