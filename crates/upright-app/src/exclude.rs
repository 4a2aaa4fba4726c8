//! `exclude ID`: never plan an exercise again. The exclusion is the
//! person's (stored with them, kept by every later `plan --save`); the active
//! plan is re-planned without it in the same transaction, keeping the start
//! date, the logged history and earlier swaps where they still apply.
//! Redone on a fresh read when a concurrent edit got in first.

use crate::lookup::exercise;
use crate::swap::{gave_up, lost_race, EDIT_ATTEMPTS};
use crate::{Actor, App, AppError, AppResult};
use chrono::NaiveDate;
use serde::Serialize;
use upright_core::coach::edits::{self, EarlierSwap};
use upright_store::{ChangeKind, PlanChange};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    pub plan_id: i64,
    pub exercise: String,
    pub name: String,
    /// False when it was already excluded (nothing written).
    pub changed: bool,
    /// It was in the plan before.
    pub was_in_plan: bool,
    pub start: NaiveDate,
    /// Earlier swaps kept, as "from -> to".
    pub swaps_kept: Vec<String>,
}

impl App {
    pub async fn exclude(&self, me: &Actor, id: &str, today: NaiveDate) -> AppResult<Excluded> {
        let ex = exercise(&self.catalog, "exercise", id)?;
        for _ in 0..EDIT_ATTEMPTS {
            let active = self.require_active(me, "exclude").await?;
            let base = |changed, was_in_plan, swaps_kept| Excluded {
                plan_id: active.stored.id.0,
                exercise: ex.id.clone(),
                name: ex.name.clone(),
                changed,
                was_in_plan,
                start: active.stored.start_date,
                swaps_kept,
            };
            let was_in = edits::plan_ids(&active.doc).contains(&ex.id);
            let stored = self.store.exclusions(me.id).await?;
            if active.doc.profile.exclude.contains(&ex.id) && stored.contains(&ex.id) && !was_in {
                return Ok(base(false, false, Vec::new()));
            }
            let swaps: Vec<EarlierSwap> = self
                .store
                .plan_changes(me.id, active.stored.id)
                .await?
                .into_iter()
                .filter(|c| {
                    matches!(
                        c.change.kind,
                        ChangeKind::Swap | ChangeKind::Graduate | ChangeKind::Regress
                    )
                })
                .filter_map(|c| {
                    Some(EarlierSwap {
                        from: c.change.from_exercise,
                        to: c.change.to_exercise?,
                    })
                })
                .collect();
            let battery = self.latest_battery(me, None).await?;
            let (doc, _, kept) = edits::replan_excluding_with(
                &active.profile,
                &self.catalog,
                &ex.id,
                &swaps,
                battery.as_ref(),
            )?;
            let json =
                serde_json::to_string(&doc).map_err(|e| AppError::internal(e.to_string()))?;
            let change = PlanChange {
                date: today,
                kind: ChangeKind::Exclude,
                from_exercise: ex.id.clone(),
                to_exercise: None,
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
                Ok(_) => return Ok(base(true, was_in, kept)),
                Err(e) if lost_race(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(gave_up("exclude"))
    }
}
