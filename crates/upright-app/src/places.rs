//! Where and when a person trains, as the scheduler needs it: their gyms read
//! back from the store as core's [`Gym`], the gym in use, and their
//! [`Availability`] (or the default one, saying so).

use crate::{Actor, App, AppError, AppResult};
use upright_core::calendar::gym::parse_hours;
use upright_core::calendar::time::WEEKDAY_KEYS;
use upright_core::calendar::{Availability, Gym, InputError};
use upright_core::text::echo;
use upright_store::{StoredAvailability, StoredGym};

impl From<InputError> for AppError {
    fn from(e: InputError) -> Self {
        AppError::bad(e.field, e.message)
    }
}

/// A stored gym as core's validated [`Gym`] (stored rows were validated on
/// the way in: a failure here is a fault, not the person's input).
pub(crate) fn gym_of(s: &StoredGym) -> AppResult<Gym> {
    let bad =
        |e: String| AppError::internal(format!("the stored gym '{}' cannot be read: {e}", s.name));
    let mut hours: [Vec<_>; 7] = Default::default();
    for (i, text) in s.hours.iter().enumerate() {
        hours[i] = parse_hours(text).map_err(|m| bad(format!("{}: {m}", WEEKDAY_KEYS[i])))?;
    }
    let mut gym =
        Gym::new(&s.name, &s.address, &s.time_zone, hours).map_err(|e| bad(e.to_string()))?;
    for c in &s.closures {
        gym.add_closure(c.from, c.to, &c.reason)
            .map_err(|e| bad(e.to_string()))?;
    }
    Ok(gym)
}

/// The person's gyms and the one gym sessions use.
pub(crate) struct Gyms {
    pub all: Vec<StoredGym>,
    /// Index into `all`: the `gym use` choice, else the only gym.
    pub in_use: Option<usize>,
}

impl Gyms {
    pub fn in_use(&self) -> Option<&StoredGym> {
        self.in_use.map(|i| &self.all[i])
    }

    /// The gym named `name` (any case), or bad input listing the gyms there are.
    pub fn named(&self, name: &str) -> AppResult<&StoredGym> {
        let key = name.trim().to_lowercase();
        self.all.iter().find(|g| g.name.to_lowercase() == key).ok_or_else(|| {
            let known = if self.all.is_empty() {
                "you have no gym yet: add one with `upright gym add FILE.toml` (see examples/gym.toml)".to_string()
            } else {
                format!("accepted: {}", self.all.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join(", "))
            };
            AppError::bad("name", format!("no gym named '{}'; {known}", echo(name.trim())))
        })
    }

    /// The gym gym sessions are placed at: the one in use, else, for
    /// someone with no gym at all, [`Gym::unset`] in `home` (with several
    /// and none chosen, none: which one is theirs to say).
    pub fn for_sessions(&self, home: chrono_tz::Tz) -> AppResult<Option<Gym>> {
        match self.in_use() {
            Some(g) => gym_of(g).map(Some),
            None if self.all.is_empty() => Ok(Some(Gym::unset(home))),
            None => Ok(None),
        }
    }

    /// Why no gym is in use, for the person (None when one is).
    pub fn missing_note(&self) -> Option<String> {
        match (self.in_use, self.all.len()) {
            (Some(_), _) => None,
            (None, 0) => Some(
                "No gym is set: gym sessions are placed whenever you are free, as if your gym never closed; add yours with `upright gym add FILE.toml` (see examples/gym.toml) so its hours count (F-HOURS).".into(),
            ),
            (None, n) => Some(format!(
                "You have {n} gyms and none chosen, so gym sessions cannot be placed: choose one with `upright gym use NAME`."
            )),
        }
    }
}

/// Availability as stored, read back.
pub(crate) fn availability_of(s: &StoredAvailability) -> AppResult<Availability> {
    let specs: Vec<String> = s
        .days
        .iter()
        .map(|(d, w)| format!("{} {w}", WEEKDAY_KEYS[usize::from(*d).min(6)]))
        .collect();
    Availability::parse(&s.time_zone, &specs, s.wake.as_deref())
        .map_err(|e| AppError::internal(format!("the stored availability cannot be read: {e}")))
}

/// What [`Availability::specs`] gives, as stored rows: `mon 06:30-08:00` → (0, "06:30-08:00").
pub(crate) fn stored_days(a: &Availability) -> Vec<(u8, String)> {
    a.specs()
        .iter()
        .filter_map(|spec| {
            let (day, windows) = spec.split_once(' ')?;
            let i = WEEKDAY_KEYS.iter().position(|k| *k == day)?;
            Some((i as u8, windows.to_string()))
        })
        .collect()
}

/// A person's availability, and whether it is the default one.
pub(crate) struct Free {
    pub availability: Availability,
    /// False when nothing was set: every day 06:00-22:00 in a borrowed zone.
    pub set: bool,
    pub note: Option<String>,
}

impl App {
    pub(crate) async fn load_gyms(&self, me: &Actor) -> AppResult<Gyms> {
        let all = self.store.gyms(me.id).await?;
        let chosen = self.store.gym_choice(me.id).await?;
        let in_use = match chosen.and_then(|c| all.iter().position(|g| g.id == c)) {
            Some(i) => Some(i),
            None if all.len() == 1 => Some(0),
            None => None,
        };
        Ok(Gyms { all, in_use })
    }

    /// The stored availability, or the default (free 06:00-22:00) in the
    /// gym's time zone, else UTC, with a note saying so.
    pub(crate) async fn load_availability(&self, me: &Actor, gym: Option<&Gym>) -> AppResult<Free> {
        if let Some(s) = self.store.availability(me.id).await? {
            return Ok(Free {
                availability: availability_of(&s)?,
                set: true,
                note: None,
            });
        }
        let (tz, zone) = match gym {
            Some(g) => (
                g.time_zone,
                format!("the time zone of {} ({})", g.name, g.time_zone.name()),
            ),
            None => (chrono_tz::UTC, "UTC (no gym is set either)".to_string()),
        };
        Ok(Free {
            availability: Availability::new(tz),
            set: false,
            note: Some(format!(
                "No availability set: every day is taken as free 06:00-22:00 in {zone}; set yours with `upright availability set mon 06:30-08:00,18:00-21:00 ... --tz ZONE --wake HH:MM`."
            )),
        })
    }
}
