//! `config`: the person's settings kept in the store (the unit loads are
//! shown in, and typed in when no unit is given).

use crate::{Actor, App, AppError, AppResult};
use serde::Serialize;
use upright_core::coach::Unit;
use upright_core::text::echo;

#[derive(Debug, Clone, Default)]
pub struct ConfigRequest {
    /// `kg` or `lb`; None leaves it.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigView {
    pub unit: Unit,
    /// True when this call changed something.
    pub changed: bool,
}

/// `kg` or `lb`.
pub fn parse_unit(s: &str) -> AppResult<Unit> {
    s.parse::<Unit>().map_err(|_| {
        AppError::bad(
            "unit",
            format!("'{}' is not accepted; accepted: kg, lb", echo(s)),
        )
    })
}

impl App {
    pub async fn config(&self, me: &mut Actor, req: ConfigRequest) -> AppResult<ConfigView> {
        let unit = req.unit.as_deref().map(parse_unit).transpose()?;
        let mut changed = false;
        if let Some(u) = unit {
            let su = match u {
                Unit::Kg => upright_store::Unit::Kg,
                Unit::Lb => upright_store::Unit::Lb,
            };
            self.store.set_unit(me.id, su).await?;
            changed = me.unit != u;
            me.unit = u;
        }
        Ok(ConfigView {
            unit: me.unit,
            changed,
        })
    }
}
