//! `swap FROM TO`: replace an exercise everywhere in the active plan with
//! one of the same movement pattern that the planner's own filters allow
//! (core's `coach::edits`), for the person as their logs show them: strict
//! pull-ups logged unlock the pull-up (T-PULLUP). Sets, reps, RPE and rest
//! stay; the logged history and the change itself are kept.
//!
//! The edit is a read-modify-write under the store's revision check: when a
//! concurrent edit (another swap, an exclude) got in first, the plan is read
//! again and the swap redone on it, so neither edit is lost.

use crate::lookup::exercise;
use crate::{day_or, Actor, App, AppError, AppResult, ErrorKind};
use chrono::NaiveDate;
use serde::Serialize;
use upright_core::coach::dates::iso;
use upright_core::coach::edits;
use upright_store::{ChangeKind, PlanChange, StoreError};

/// How many times an edit is redone after losing a race before giving up.
pub(crate) const EDIT_ATTEMPTS: usize = 20;

#[derive(Debug, Clone, Default)]
pub struct SwapRequest {
    pub from: String,
    pub to: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swapped {
    pub plan_id: i64,
    pub from: String,
    pub to: String,
    /// Planned prescriptions that changed.
    pub prescriptions: usize,
}

/// True for the store's "someone edited it meanwhile" answers.
pub(crate) fn lost_race(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::StaleRevision { .. } | StoreError::NotActivePlan { .. }
    )
}

pub(crate) fn gave_up(what: &str) -> AppError {
    AppError::new(
        ErrorKind::Conflict,
        "plan",
        format!("{what}: the plan kept changing meanwhile; nothing written, try again"),
    )
}

impl App {
    pub async fn swap(&self, me: &Actor, req: SwapRequest, today: NaiveDate) -> AppResult<Swapped> {
        let from = exercise(&self.catalog, "from", &req.from)?;
        let to = exercise(&self.catalog, "to", &req.to)?;
        let date = day_or("date", req.date.as_deref(), today)?;
        for _ in 0..EDIT_ATTEMPTS {
            let active = self.require_active(me, "swap").await?;
            // Strict pull-ups logged count as the ability to do them (T-PULLUP).
            let able = self.able_profile(me, &active.profile).await?;
            edits::check_swap(&self.catalog, &able, from, to)?;
            let mut doc = (*active.doc).clone();
            let note = format!(
                "{}: swapped {} ({}) for {} ({}), same movement pattern ({}); sets and reps kept.",
                iso(date),
                from.name,
                from.id,
                to.name,
                to.id,
                to.pattern
            );
            let n = edits::swap(&mut doc, from, to, Some(note));
            if n == 0 {
                let ids = edits::plan_ids(&active.doc);
                return Err(AppError::bad(
                    "from",
                    format!(
                        "'{}' is not in your active plan; it has: {}",
                        from.id,
                        ids.join(", ")
                    ),
                ));
            }
            let json =
                serde_json::to_string(&doc).map_err(|e| AppError::internal(e.to_string()))?;
            let change = PlanChange {
                date,
                kind: ChangeKind::Swap,
                from_exercise: from.id.clone(),
                to_exercise: Some(to.id.clone()),
            };
            match self
                .store
                .replace_active_plan_json(
                    me.id,
                    active.stored.id,
                    active.stored.revision,
                    &json,
                    &change,
                )
                .await
            {
                Ok(_) => {
                    return Ok(Swapped {
                        plan_id: active.stored.id.0,
                        from: from.id.clone(),
                        to: to.id.clone(),
                        prescriptions: n,
                    })
                }
                Err(e) if lost_race(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(gave_up("swap"))
    }
}
