//! `availability set | show`: when a person can train: a home time zone,
//! windows per weekday (a day never set is free 06:00-22:00), and optionally
//! the time they wake (E-MCGILL-FLEXION: no loaded flexion in the 30 minutes
//! after it).
//!
//! `set` changes what it names and keeps the rest: `availability set sun off`
//! leaves the other days, the zone and the wake time as they were
//! (`mon-sun default` puts every day back to the default).

use crate::places::stored_days;
use crate::{Actor, App, AppError, AppResult};
use serde::Serialize;
use upright_core::calendar::availability::AVAILABILITY_SYNTAX;
use upright_core::calendar::time::{format_windows, parse_time_zone, weekday_at, WEEKDAY_KEYS};
use upright_core::calendar::{Availability, TimeOfDay};
use upright_store::StoredAvailability;

#[derive(Debug, Clone, Default)]
pub struct AvailabilityRequest {
    /// Day specs as typed: `mon 06:30-08:00,18:00-21:00`, `sat,sun off`,
    /// `wed default`, one per item or split into words (see [`group_specs`]).
    pub specs: Vec<String>,
    pub time_zone: Option<String>,
    /// `HH:MM`, or `none` to forget it.
    pub wake: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayFree {
    pub day: &'static str,
    /// `06:30-08:00,18:00-21:00`, or `off`.
    pub windows: String,
    /// False for the 06:00-22:00 of a day never set.
    pub set: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AvailabilityView {
    pub time_zone: String,
    pub wake: Option<String>,
    pub days: Vec<DayFree>,
    /// False when nothing was ever set (the defaults are shown).
    pub stored: bool,
    pub note: Option<String>,
}

/// Words of a command line (`mon 06:30-08:00 18:00-21:00 sat,sun off`, or
/// quoted specs) grouped into one spec per set of days: a word that starts
/// with a letter, other than `off`/`default`, starts a new spec.
pub fn group_specs(words: &[String]) -> AppResult<Vec<String>> {
    const VALUES: [&str; 4] = ["off", "none", "default", "closed"];
    let mut specs: Vec<(String, Vec<String>)> = Vec::new();
    for word in words.iter().flat_map(|w| w.split_whitespace()) {
        let is_days = word.starts_with(|c: char| c.is_ascii_alphabetic())
            && !VALUES.contains(&word.to_ascii_lowercase().as_str());
        match specs.last_mut() {
            _ if is_days => specs.push((word.to_string(), Vec::new())),
            Some((_, values)) => values.push(word.trim_matches(',').to_string()),
            None => {
                return Err(AppError::bad(
                    "availability",
                    format!(
                        "'{}' has no days before it; accepted: {AVAILABILITY_SYNTAX}",
                        upright_core::text::echo(word)
                    ),
                ))
            }
        }
    }
    Ok(specs
        .into_iter()
        .map(|(days, values)| {
            format!("{days} {}", values.join(","))
                .trim_end()
                .to_string()
        })
        .collect())
}

fn view(a: &Availability, stored: bool, note: Option<String>) -> AvailabilityView {
    AvailabilityView {
        time_zone: a.time_zone.name().to_string(),
        wake: a.wake.map(|w| w.to_string()),
        days: (0..7)
            .map(|i| {
                let w = a.windows(weekday_at(i));
                DayFree {
                    day: WEEKDAY_KEYS[i],
                    windows: if w.is_empty() {
                        "off".into()
                    } else {
                        format_windows(&w)
                    },
                    set: a.is_set(weekday_at(i)),
                }
            })
            .collect(),
        stored,
        note,
    }
}

impl App {
    pub async fn availability_show(&self, me: &Actor) -> AppResult<AvailabilityView> {
        let gyms = self.load_gyms(me).await?;
        let gym = gyms.in_use().map(crate::places::gym_of).transpose()?;
        let free = self.load_availability(me, gym.as_ref()).await?;
        Ok(view(&free.availability, free.set, free.note))
    }

    pub async fn availability_set(
        &self,
        me: &Actor,
        req: AvailabilityRequest,
    ) -> AppResult<AvailabilityView> {
        let mut probe = Availability::new(chrono_tz::UTC);
        for spec in group_specs(&req.specs)? {
            probe.apply(&spec)?;
        }
        if req.specs.is_empty() && req.time_zone.is_none() && req.wake.is_none() {
            return Err(AppError::bad(
                "availability",
                format!("nothing to set; accepted: {AVAILABILITY_SYNTAX}, --tz ZONE, --wake HH:MM"),
            ));
        }
        // Checked before anything is read or written.
        let zone = req
            .time_zone
            .as_deref()
            .map(|z| parse_time_zone(z).map_err(|m| AppError::bad("time_zone", m)))
            .transpose()?;
        let wake = match req.wake.as_deref().map(str::trim) {
            None => None,
            Some(w) if ["none", "off", "unknown"].contains(&w.to_ascii_lowercase().as_str()) => {
                Some(None)
            }
            Some(w) => {
                Some(Some(TimeOfDay::parse(w).map_err(|m| {
                    AppError::bad("wake", format!("{m}, or none"))
                })?))
            }
        };
        let mut a = match self.store.availability(me.id).await? {
            Some(s) => crate::places::availability_of(&s)?,
            None => {
                let gyms = self.load_gyms(me).await?;
                let gym_zone = gyms
                    .in_use()
                    .map(crate::places::gym_of)
                    .transpose()?
                    .map(|g| g.time_zone);
                match zone.or(gym_zone) {
                    Some(z) => Availability::new(z),
                    None => {
                        return Err(AppError::bad(
                            "time_zone",
                            "no home time zone yet (and no gym to take it from); accepted: --tz ZONE, an IANA name such as Europe/Berlin or America/New_York",
                        ))
                    }
                }
            }
        };
        if let Some(z) = zone {
            a.time_zone = z;
        }
        for spec in group_specs(&req.specs)? {
            a.apply(&spec)?;
        }
        if let Some(w) = wake {
            a.wake = w;
        }
        let stored = StoredAvailability {
            time_zone: a.time_zone.name().to_string(),
            wake: a.wake.map(|w| w.to_string()),
            days: stored_days(&a),
        };
        self.store.set_availability(me.id, &stored).await?;
        Ok(view(&a, true, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn words_group_into_one_spec_per_set_of_days() {
        assert_eq!(
            group_specs(&words(
                "mon 06:30-08:00,18:00-21:00 tue-fri 18:00-21:00 sat,sun off wed default"
            ))
            .unwrap(),
            [
                "mon 06:30-08:00,18:00-21:00",
                "tue-fri 18:00-21:00",
                "sat,sun off",
                "wed default"
            ]
        );
        // Quoted specs, and windows given as separate words.
        assert_eq!(
            group_specs(&[
                "mon 06:30-08:00".to_string(),
                "thu".into(),
                "07:00-08:00".into(),
                "19:00-20:00".into()
            ])
            .unwrap(),
            ["mon 06:30-08:00", "thu 07:00-08:00,19:00-20:00"]
        );
        let e = group_specs(&words("06:30-08:00 mon")).unwrap_err();
        assert_eq!(e.field, "availability");
        // A day without windows is left to core, which names the day.
        assert_eq!(group_specs(&words("mon")).unwrap(), ["mon"]);
    }
}
