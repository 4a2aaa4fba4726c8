//! `upright config [--unit kg|lb]`: the person's settings kept in the store.

use super::db::Db;
use crate::error::{CliError, CliResult};
use clap::Args;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The unit loads are shown in and typed in without a unit: kg or lb.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
}

pub fn run(args: ConfigArgs, db: Option<&str>) -> CliResult<i32> {
    let unit = match &args.unit {
        Some(u) => Some(
            u.parse::<upright_core::coach::Unit>().map_err(|_| CliError::bad(format!("unit: '{u}' is not accepted; accepted: kg, lb")))?,
        ),
        None => None,
    };
    let mut db = Db::open(db)?;
    if let Some(u) = unit {
        let su = match u {
            upright_core::coach::Unit::Kg => upright_store::Unit::Kg,
            upright_core::coach::Unit::Lb => upright_store::Unit::Lb,
        };
        db.call(db.store.set_unit(db.user.id, su))?;
        db.user.unit = su;
    }
    println!("unit: {}", db.unit());
    Ok(crate::error::exit::OK)
}
