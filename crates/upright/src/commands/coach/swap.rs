//! `upright swap FROM TO`: replace an exercise everywhere in the active plan
//! with one of the same movement pattern that the planner's own filters allow.

use super::{local_today, with_app};
use crate::commands::write_ack;
use crate::error::{exit, CliResult};
use clap::Args;
use upright_app::swap::SwapRequest;
use upright_core::catalog::Catalog;

#[derive(Debug, Args)]
pub struct SwapArgs {
    /// The plan's exercise to replace.
    pub from: String,
    /// Its replacement: same movement pattern (see `upright catalog show ID`).
    pub to: String,
    /// The day of the change (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

pub async fn run(args: SwapArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let req = SwapRequest {
        from: args.from,
        to: args.to,
        date: args.date,
    };
    let s = with_app(db, catalog, |app, me| async move {
        Ok(app.swap(&me, req, local_today()).await?)
    })
    .await?;
    let out = format!(
        "swapped {} for {} in {} planned session{} of plan {} (sets and reps kept; what you logged for {} stays in your history)\n",
        s.from,
        s.to,
        s.prescriptions,
        if s.prescriptions == 1 { "" } else { "s" },
        s.plan_id,
        s.from
    );
    write_ack(&out, "the swap was saved");
    Ok(exit::OK)
}
