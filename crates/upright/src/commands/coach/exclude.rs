//! `upright exclude ID`: never plan an exercise again; re-plans the active plan without it.

use super::{local_today, with_app};
use crate::commands::write_ack;
use crate::error::{exit, CliResult};
use clap::Args;
use upright_core::catalog::Catalog;
use upright_core::coach::dates::show_date;

#[derive(Debug, Args)]
pub struct ExcludeArgs {
    /// Catalog ID of the exercise to leave out.
    pub exercise: String,
}

pub async fn run(args: ExcludeArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let x = with_app(db, catalog, |app, me| async move {
        Ok(app.exclude(&me, &args.exercise, local_today()).await?)
    })
    .await?;
    if !x.changed {
        write_ack(
            &format!("{} is already excluded from your plan\n", x.exercise),
            "nothing was written",
        );
        return Ok(exit::OK);
    }
    let mut line = format!(
        "excluded {} ({}); re-planned plan {} without it{} (start kept: {})",
        x.name,
        x.exercise,
        x.plan_id,
        if x.was_in_plan {
            ""
        } else {
            " (it was not in the plan)"
        },
        show_date(x.start)
    );
    if !x.swaps_kept.is_empty() {
        line.push_str(&format!("; swaps kept: {}", x.swaps_kept.join(", ")));
    }
    line.push('\n');
    write_ack(&line, "the exclusion was saved");
    Ok(exit::OK)
}
