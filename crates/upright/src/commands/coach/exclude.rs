//! `upright exclude ID`: never plan an exercise again. Stores the exclusion and
//! re-plans the active plan's profile without it, in one transaction; the
//! start date, the logged history and earlier swaps (where they still apply) are kept.

use super::active::Active;
use super::db::Db;
use super::{exercise, show_date, swap};
use crate::error::{CliError, CliResult};
use clap::Args;
use upright_core::catalog::Catalog;
use upright_store::{ChangeKind, PlanChange};

#[derive(Debug, Args)]
pub struct ExcludeArgs {
    /// Catalog ID of the exercise to leave out.
    pub exercise: String,
}

pub fn run(args: ExcludeArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let ex = exercise(catalog, "exercise", &args.exercise)?;
    let db = Db::open(db)?;
    let active = Active::require(&db, "exclude")?;
    let stored_exclusions = db.call(db.store.exclusions(db.user.id))?;
    if active.profile.exclude.contains(&ex.id) && stored_exclusions.contains(&ex.id) {
        println!("{} is already excluded from your plan", ex.id);
        return Ok(crate::error::exit::OK);
    }
    let mut profile = active.profile.clone();
    profile.exclude.push(ex.id.clone());
    profile.exclude.sort();
    profile.exclude.dedup();
    let planned = upright_core::plan::plan(&profile, catalog).map_err(|e| CliError::bad(format!("exclude: {e}")))?;
    if planned.document.is_referral() {
        return Err(CliError::Internal(anyhow::anyhow!("re-planning the stored profile gave a referral")));
    }
    let mut doc = serde_json::to_value(&planned.document).map_err(|e| CliError::Internal(e.into()))?;
    // Earlier swaps still hold where both exercises still fit.
    let mut kept = Vec::new();
    for change in db.call(db.store.plan_changes(db.user.id, active.stored.id))? {
        if change.change.kind != ChangeKind::Swap {
            continue;
        }
        let (Some(from), Some(to)) =
            (catalog.get(&change.change.from_exercise), change.change.to_exercise.as_deref().and_then(|t| catalog.get(t)))
        else {
            continue;
        };
        if profile.exclude.contains(&to.id) || swap::check_safe(catalog, &profile, to).is_err() {
            continue;
        }
        if swap::apply(&mut doc, from, to, None) > 0 {
            kept.push(format!("{} -> {}", from.id, to.id));
        }
    }
    let was_in = swap::plan_ids(&active).contains(&ex.id);
    let json = serde_json::to_string(&doc).map_err(|e| CliError::Internal(e.into()))?;
    let change = PlanChange { date: super::local_today(), kind: ChangeKind::Exclude, from_exercise: ex.id.clone(), to_exercise: None };
    db.call(db.store.replace_active_plan_json(db.user.id, active.stored.id, &json, &change))?;
    let mut line = format!(
        "excluded {} ({}); re-planned plan {} without it{} (start kept: {})",
        ex.name,
        ex.id,
        active.stored.id,
        if was_in { "" } else { " (it was not in the plan)" },
        show_date(active.start())
    );
    if !kept.is_empty() {
        line.push_str(&format!("; swaps kept: {}", kept.join(", ")));
    }
    println!("{line}");
    Ok(crate::error::exit::OK)
}
