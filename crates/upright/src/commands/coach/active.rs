//! The active plan as the coaching commands read it: the stored JSON document
//! (kept whole for edits), a typed view of the fields they use, the current
//! profile, and the plan's calendar (see the day mapping in `coach`).

use super::db::Db;
use super::{day_offset, week_of};
use crate::error::{CliError, CliResult};
use chrono::{Days, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;
use upright_core::profile::{Profile, ProfileInput};
use upright_store::StoredPlan;

/// The plan JSON's fields the coaching loop uses (DESIGN.md section 4).
#[derive(Debug, Clone, Deserialize)]
pub struct PlanView {
    pub weeks: Vec<WeekView>,
    #[serde(default)]
    pub targets: BTreeMap<String, [f64; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WeekView {
    pub week: u32,
    #[serde(default)]
    pub deload: bool,
    #[serde(default)]
    pub phase: String,
    pub sessions: Vec<SessionView>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionView {
    pub day: u32,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub minutes: f64,
    pub exercises: Vec<ExerciseView>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExerciseView {
    pub id: String,
    pub name: String,
    pub sets: u32,
    pub reps_min: u32,
    pub reps_max: u32,
    #[serde(default)]
    pub hold_s: Option<u32>,
    #[serde(default)]
    pub pyramid: Option<Vec<u32>>,
    pub rpe: f64,
    #[serde(default)]
    pub rest_s: u32,
}

/// One planned session on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub date: NaiveDate,
    /// Index into `weeks`.
    pub week: usize,
    /// Index into that week's `sessions`.
    pub session: usize,
}

/// The user's active plan, read.
pub struct Active {
    pub stored: StoredPlan,
    pub doc: serde_json::Value,
    pub view: PlanView,
    pub profile: Profile,
}

impl Active {
    /// The active plan, or None.
    pub fn load(db: &Db) -> CliResult<Option<Active>> {
        let Some(stored) = db.call(db.store.active_plan(db.user.id))? else {
            return Ok(None);
        };
        let corrupt = |what: &str, e: String| CliError::Internal(anyhow::anyhow!("the stored plan {} has {what}: {e}", stored.id));
        let doc: serde_json::Value = serde_json::from_str(&stored.plan_json).map_err(|e| corrupt("unreadable JSON", e.to_string()))?;
        let view: PlanView = serde_json::from_value(doc.clone()).map_err(|e| corrupt("an unexpected shape", e.to_string()))?;
        // The plan's own "profile" is the current one (exclusions re-plan it);
        // the profile saved with it is the fallback.
        let profile_value = match doc.get("profile") {
            Some(p) if p.is_object() => p.clone(),
            _ => serde_json::from_str(&stored.profile_json).map_err(|e| corrupt("an unreadable profile", e.to_string()))?,
        };
        let input: ProfileInput = serde_json::from_value(profile_value).map_err(|e| corrupt("an unexpected profile", e.to_string()))?;
        let profile = input.into_profile().map_err(|e| corrupt("an invalid profile", e.to_string()))?;
        Ok(Some(Active { stored, doc, view, profile }))
    }

    /// The active plan, or bad input telling how to make one.
    pub fn require(db: &Db, command: &str) -> CliResult<Active> {
        Active::load(db)?.ok_or_else(|| {
            CliError::bad(format!(
                "{command}: no active plan; make one and save it with `upright plan --goal ... --level ... --equipment ... --save [--start YYYY-MM-DD]`"
            ))
        })
    }

    pub fn start(&self) -> NaiveDate {
        self.stored.start_date
    }

    /// Every planned session, in date order.
    pub fn calendar(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for (wi, w) in self.view.weeks.iter().enumerate() {
            let week_start = self.start() + Days::new(7 * (u64::from(w.week.max(1)) - 1));
            for (si, s) in w.sessions.iter().enumerate() {
                let off = day_offset(self.profile.days, s.day) as u64;
                out.push(Slot { date: week_start + Days::new(off), week: wi, session: si });
            }
        }
        out.sort_by_key(|s| (s.date, s.week, s.session));
        out
    }

    /// The plan week (index into `weeks`) holding `date`, if inside the plan.
    pub fn week_index(&self, date: NaiveDate) -> Option<usize> {
        let w = week_of(self.start(), date);
        self.view.weeks.iter().position(|x| i64::from(x.week) == w)
    }

    /// True when `date` falls in one of the plan's deload weeks.
    pub fn is_deload(&self, date: NaiveDate) -> bool {
        self.week_index(date).is_some_and(|i| self.view.weeks[i].deload)
    }

    /// The day after the plan's last week.
    pub fn end(&self) -> NaiveDate {
        let weeks = self.view.weeks.iter().map(|w| u64::from(w.week)).max().unwrap_or(0);
        self.start() + Days::new(7 * weeks)
    }
}
