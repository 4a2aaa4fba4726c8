//! `plan` and `plan --save`: a profile in, a plan (or a referral) out; saving
//! stores the profile and the plan and makes it the active one.
//!
//! Exclusions belong to the person, not to one plan: a saved plan is made
//! with every exclusion the person has stored (`exclude`), so a new plan
//! does not bring back an exercise they asked never to see again. It is made
//! with the person's latest endurance battery too (`assess`): the weakest
//! link shifts the weekly targets (R-ENDURE, E-MCGILL-ENDURANCE). A plan
//! printed without saving reads no database, so neither applies to it.

use crate::{day_or, Actor, App, AppError, AppResult};
use chrono::NaiveDate;
use serde::Serialize;
use upright_core::catalog::Catalog;
use upright_core::plan::{plan_with, Planned};
use upright_core::profile::Profile;

/// Plans one profile (no store needed): the plan or a referral.
pub fn make(profile: &Profile, catalog: &Catalog) -> AppResult<Planned> {
    make_with(profile, catalog, None)
}

/// [`make`] adapted to an endurance battery (core's `plan_with`).
pub fn make_with(
    profile: &Profile,
    catalog: &Catalog,
    battery: Option<&upright_core::assess::Report>,
) -> AppResult<Planned> {
    plan_with(profile, catalog, battery).map_err(|e| {
        let text = e.to_string();
        match text.split_once(": ") {
            Some((field, message)) if !field.contains(' ') => AppError::bad(field, message),
            _ => AppError::bad("profile", text),
        }
    })
}

/// What `plan --save` stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Saved {
    pub plan_id: i64,
    pub weeks: usize,
    pub start: NaiveDate,
    /// Stored exclusions that were applied to this plan.
    pub exclusions: Vec<String>,
}

impl App {
    /// Plans `profile` with the person's stored exclusions and, unless that
    /// gives a referral, saves it as the active plan starting on `start`
    /// (default `today`). `finish` runs on the document before it is stored
    /// and returned (e.g. zeroing the optimiser's wall time).
    pub async fn save_plan(
        &self,
        me: &Actor,
        mut profile: Profile,
        start: Option<&str>,
        today: NaiveDate,
        finish: impl FnOnce(&mut upright_core::plan::PlanDocument),
    ) -> AppResult<(Planned, Option<Saved>)> {
        let start = day_or("start", start, today)?;
        // Exclusions of exercises the catalog in use does not hold cannot be planned around.
        let stored: Vec<String> = self
            .store
            .exclusions(me.id)
            .await?
            .into_iter()
            .filter(|id| self.catalog.get(id).is_some())
            .collect();
        let added: Vec<String> = stored
            .iter()
            .filter(|id| !profile.exclude.contains(id))
            .cloned()
            .collect();
        profile.exclude.extend(added.iter().cloned());
        profile.exclude.sort();
        profile.exclude.dedup();
        // The latest endurance battery steers the weekly targets (R-ENDURE).
        let battery = self.latest_battery(me, None).await?;
        let mut planned = make_with(&profile, &self.catalog, battery.as_ref())?;
        finish(&mut planned.document);
        if planned.document.is_referral() {
            return Ok((planned, None));
        }
        let profile_json =
            serde_json::to_string(&profile).map_err(|e| AppError::internal(e.to_string()))?;
        let plan_json = serde_json::to_string(&planned.document)
            .map_err(|e| AppError::internal(e.to_string()))?;
        let id = self
            .store
            .save_plan(me.id, &profile_json, &plan_json, start)
            .await?;
        let saved = Saved {
            plan_id: id.0,
            weeks: planned.document.weeks.len(),
            start,
            exclusions: added,
        };
        Ok((planned, Some(saved)))
    }
}
