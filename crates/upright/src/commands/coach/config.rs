//! `upright config [--unit kg|lb]`: the person's settings kept in the store.

use super::with_app;
use crate::commands::{write_ack, write_stdout};
use crate::error::{exit, CliResult};
use clap::Args;
use upright_app::config::{parse_unit, ConfigRequest};
use upright_core::catalog::Catalog;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The unit loads are shown in and typed in without a unit: kg or lb.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
}

pub async fn run(args: ConfigArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    // Checked before the database is opened.
    if let Some(u) = &args.unit {
        parse_unit(u)?;
    }
    let writes = args.unit.is_some();
    let view = with_app(db, catalog, |app, mut me| async move {
        Ok(app
            .config(&mut me, ConfigRequest { unit: args.unit })
            .await?)
    })
    .await?;
    let line = format!("unit: {}\n", view.unit);
    if writes {
        write_ack(&line, "the unit was saved");
    } else {
        write_stdout(&line)?;
    }
    Ok(exit::OK)
}
