//! `gym add | list | show | remove | closure add | use`: a person's gyms with
//! their address, time zone, opening hours (F-HOURS) and closures, and the
//! gym their gym sessions use (the chosen one, else the only one).
//!
//! A gym comes from a TOML file (the text, read by the caller; see
//! `examples/gym.toml`) or from flags; core validates it either way, so the
//! same mistakes get the same messages.

use crate::places::{gym_of, Gyms};
use crate::{Actor, App, AppError, AppResult};
use serde::Serialize;
use upright_core::calendar::gym::parse_week_hours;
use upright_core::calendar::time::{format_windows, WEEKDAY_KEYS};
use upright_core::calendar::Gym;
use upright_core::coach::dates::{iso, parse_date};
use upright_core::text::echo;
use upright_store::{GymClosure, GymWrite, NewGym, StoredGym};

/// `gym add`: a file's text, or the flags.
#[derive(Debug, Clone, Default)]
pub struct GymAddRequest {
    /// The TOML text of a gym file, when given.
    pub toml: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub time_zone: Option<String>,
    /// `mon-fri 07:00-19:00,sat-sun 10:00-17:00`.
    pub hours: Option<String>,
    /// Replace a stored gym of the same name (hours and closures).
    pub replace: bool,
}

/// `gym closure add`.
#[derive(Debug, Clone, Default)]
pub struct ClosureRequest {
    pub gym: String,
    pub from: String,
    /// The last day closed; the first day when not given.
    pub to: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayHours {
    pub day: &'static str,
    /// `07:00-19:00` or `closed`.
    pub hours: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClosureView {
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// A gym as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GymView {
    pub name: String,
    pub address: String,
    pub time_zone: String,
    pub hours: Vec<DayHours>,
    pub closures: Vec<ClosureView>,
    /// Gym sessions are scheduled here.
    pub in_use: bool,
    /// The gym as a file `gym add` reads back.
    pub toml: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GymAdded {
    pub gym: GymView,
    /// A gym of that name was replaced.
    pub replaced: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GymList {
    pub gyms: Vec<GymView>,
    /// Why gym sessions have no gym, when they have none.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GymRemoved {
    pub name: String,
    pub was_in_use: bool,
    pub note: Option<String>,
}

fn view(g: &Gym, in_use: bool) -> GymView {
    GymView {
        name: g.name.clone(),
        address: g.address.clone(),
        time_zone: g.time_zone.name().to_string(),
        hours: (0..7)
            .map(|i| DayHours {
                day: WEEKDAY_KEYS[i],
                hours: format_windows(g.hours(upright_core::calendar::time::weekday_at(i))),
            })
            .collect(),
        closures: g
            .closures()
            .iter()
            .map(|c| ClosureView {
                from: iso(c.from),
                to: iso(c.to),
                reason: c.reason.clone(),
            })
            .collect(),
        in_use,
        toml: g.to_toml(),
    }
}

fn stored_view(gyms: &Gyms, g: &StoredGym) -> AppResult<GymView> {
    Ok(view(
        &gym_of(g)?,
        gyms.in_use().is_some_and(|u| u.id == g.id),
    ))
}

fn new_gym(g: &Gym) -> NewGym {
    let spec = g.to_spec();
    let h = spec.hours;
    let day = |d: Option<String>| d.unwrap_or_else(|| "closed".into());
    NewGym {
        name: g.name.clone(),
        address: g.address.clone(),
        time_zone: g.time_zone.name().to_string(),
        hours: [
            day(h.mon),
            day(h.tue),
            day(h.wed),
            day(h.thu),
            day(h.fri),
            day(h.sat),
            day(h.sun),
        ],
        closures: g
            .closures()
            .iter()
            .map(|c| GymClosure {
                from: c.from,
                to: c.to,
                reason: c.reason.clone(),
            })
            .collect(),
    }
}

/// The gym a `gym add` request describes, validated.
pub fn parse_gym(req: &GymAddRequest) -> AppResult<Gym> {
    if let Some(text) = &req.toml {
        let flag = [
            (&req.name, "name"),
            (&req.address, "address"),
            (&req.time_zone, "time_zone"),
            (&req.hours, "hours"),
        ]
        .into_iter()
        .find(|(v, _)| v.is_some());
        if let Some((_, field)) = flag {
            return Err(AppError::bad(
                field,
                "given with a gym file; accepted: a file, or --name, --address, --tz and --hours without one",
            ));
        }
        return Ok(Gym::from_toml_str(text)?);
    }
    let need = |v: &Option<String>, field: &str, example: &str| {
        v.clone().ok_or_else(|| {
            AppError::bad(field, format!("missing; give a gym file, or --{example}"))
        })
    };
    let name = need(&req.name, "name", "name \"Cardinal Street Gym\"")?;
    let address = need(
        &req.address,
        "address",
        "address \"304 North Cardinal St., Dorchester Center, MA 02124\"",
    )?;
    let tz = need(&req.time_zone, "time_zone", "tz America/New_York")?;
    let hours = need(
        &req.hours,
        "hours",
        "hours \"mon-fri 07:00-19:00,sat-sun 10:00-17:00\"",
    )?;
    let hours = parse_week_hours(&hours).map_err(|m| AppError::bad("hours", m))?;
    Ok(Gym::new(&name, &address, &tz, hours)?)
}

impl App {
    pub async fn gym_add(&self, me: &Actor, req: GymAddRequest) -> AppResult<GymAdded> {
        let gym = parse_gym(&req)?;
        let write = self
            .store
            .put_gym(me.id, &new_gym(&gym), req.replace)
            .await
            .map_err(|e| match e {
                upright_store::StoreError::Invalid {
                    field: "name",
                    reason,
                } => AppError::bad(
                    "name",
                    format!("{reason}; accepted: another name, or --replace to replace it"),
                ),
                e => e.into(),
            })?;
        let gyms = self.load_gyms(me).await?;
        let stored = gyms.named(&gym.name)?;
        Ok(GymAdded {
            gym: stored_view(&gyms, stored)?,
            replaced: matches!(write, GymWrite::Replaced(_)),
            note: gyms.missing_note(),
        })
    }

    pub async fn gym_list(&self, me: &Actor) -> AppResult<GymList> {
        let gyms = self.load_gyms(me).await?;
        let views = gyms
            .all
            .iter()
            .map(|g| stored_view(&gyms, g))
            .collect::<AppResult<Vec<_>>>()?;
        Ok(GymList {
            gyms: views,
            note: gyms.missing_note(),
        })
    }

    pub async fn gym_show(&self, me: &Actor, name: &str) -> AppResult<GymView> {
        let gyms = self.load_gyms(me).await?;
        stored_view(&gyms, gyms.named(name)?)
    }

    pub async fn gym_remove(&self, me: &Actor, name: &str) -> AppResult<GymRemoved> {
        let gyms = self.load_gyms(me).await?;
        let g = gyms.named(name)?;
        let was_in_use = gyms.in_use().is_some_and(|u| u.id == g.id);
        let name = g.name.clone();
        if !self.store.remove_gym(me.id, &name).await? {
            return Err(AppError::bad(
                "name",
                format!("no gym named '{}' any more", echo(&name)),
            ));
        }
        let after = self.load_gyms(me).await?;
        Ok(GymRemoved {
            name,
            was_in_use,
            note: after.missing_note(),
        })
    }

    pub async fn gym_closure_add(&self, me: &Actor, req: ClosureRequest) -> AppResult<GymView> {
        let from = parse_date("from", &req.from)?;
        let to = match &req.to {
            Some(t) => parse_date("to", t)?,
            None => from,
        };
        let gyms = self.load_gyms(me).await?;
        let stored = gyms.named(&req.gym)?;
        // Checked by core: the order of the days and the reason.
        let mut gym = gym_of(stored)?;
        gym.add_closure(from, to, &req.reason).map_err(|e| {
            let field = e
                .field
                .strip_prefix("closure.")
                .unwrap_or(&e.field)
                .to_string();
            AppError::bad(field, e.message)
        })?;
        let closure = GymClosure {
            from,
            to,
            reason: req.reason.trim().to_string(),
        };
        if !self
            .store
            .add_gym_closure(me.id, &stored.name, &closure)
            .await?
        {
            return Err(AppError::bad(
                "name",
                format!("no gym named '{}' any more", echo(&stored.name)),
            ));
        }
        let gyms = self.load_gyms(me).await?;
        stored_view(&gyms, gyms.named(&stored.name)?)
    }

    pub async fn gym_use(&self, me: &Actor, name: &str) -> AppResult<GymView> {
        let gyms = self.load_gyms(me).await?;
        let stored = gyms.named(name)?;
        if !self.store.set_gym_choice(me.id, &stored.name).await? {
            return Err(AppError::bad(
                "name",
                format!("no gym named '{}' any more", echo(&stored.name)),
            ));
        }
        let gyms = self.load_gyms(me).await?;
        stored_view(&gyms, gyms.named(&stored.name)?)
    }
}
