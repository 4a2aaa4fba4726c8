//! When a person can train: a home time zone, windows per weekday, and
//! optionally the time they wake (E-MCGILL-FLEXION).
//!
//! CLI syntax, one spec per weekday set (`availability set` takes several):
//! `mon 06:30-08:00,18:00-21:00`, `mon-fri 18:00-21:00`, `sat,sun off`,
//! `wed default`. A day never set is free 06:00-22:00.

use super::time::{
    format_windows, parse_time_zone, parse_weekdays, parse_windows, weekday_at, weekday_index,
    weekday_key, TimeOfDay, Window, WINDOWS_SYNTAX,
};
use super::InputError;
use chrono::Weekday;
use chrono_tz::Tz;

/// The window of a day that was never set.
pub const DEFAULT_WINDOW: Window = match Window::new(6 * 60, 22 * 60) {
    Some(w) => w,
    // Checked at compile time: 06:00 < 22:00.
    None => panic!(),
};

/// A person's availability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    pub time_zone: Tz,
    /// Per weekday, Monday first: `None` = never set (06:00-22:00), `Some([])` = not available.
    days: [Option<Vec<Window>>; 7],
    /// Local time of waking, when known.
    pub wake: Option<TimeOfDay>,
}

impl Availability {
    /// Free 06:00-22:00 every day, wake time unknown.
    pub fn new(time_zone: Tz) -> Self {
        Self {
            time_zone,
            days: Default::default(),
            wake: None,
        }
    }

    /// From a zone name, day specs and an optional `HH:MM` wake time: the
    /// inputs of `upright availability set`.
    pub fn parse<S: AsRef<str>>(
        time_zone: &str,
        specs: &[S],
        wake: Option<&str>,
    ) -> Result<Self, InputError> {
        let tz = parse_time_zone(time_zone).map_err(|m| InputError::new("time_zone", m))?;
        let mut a = Self::new(tz);
        for spec in specs {
            a.apply(spec.as_ref())?;
        }
        if let Some(w) = wake {
            a.wake = Some(TimeOfDay::parse(w).map_err(|m| InputError::new("wake", m))?);
        }
        Ok(a)
    }

    /// Applies one spec: `DAYS WINDOWS`, `DAYS off` or `DAYS default`.
    pub fn apply(&mut self, spec: &str) -> Result<(), InputError> {
        let spec = spec.trim();
        let (days, rest) = spec.split_once(char::is_whitespace).unwrap_or((spec, ""));
        let days = parse_weekdays(days).map_err(|m| InputError::new("availability", m))?;
        let field = format!("availability.{}", weekday_key(days[0]));
        let rest = rest.trim();
        let windows = match rest.to_ascii_lowercase().as_str() {
            "" => {
                return Err(InputError::new(
                    &field,
                    format!("{WINDOWS_SYNTAX}, off or default after the days, e.g. 'mon 06:30-08:00,18:00-21:00'"),
                ))
            }
            "off" | "none" => Some(Vec::new()),
            "default" => None,
            _ => Some(parse_windows(rest).map_err(|m| InputError::new(&field, format!("{m} (or off, default)")))?),
        };
        for day in days {
            self.days[weekday_index(day)] = windows.clone();
        }
        Ok(())
    }

    /// Sets one weekday's windows (empty = not available).
    pub fn set_day(&mut self, day: Weekday, windows: Vec<Window>) {
        self.days[weekday_index(day)] = Some(windows);
    }

    /// The windows of a weekday, the 06:00-22:00 default when never set.
    pub fn windows(&self, day: Weekday) -> Vec<Window> {
        self.days[weekday_index(day)]
            .clone()
            .unwrap_or_else(|| vec![DEFAULT_WINDOW])
    }

    /// Whether a weekday was set explicitly (else it is the default).
    pub fn is_set(&self, day: Weekday) -> bool {
        self.days[weekday_index(day)].is_some()
    }

    /// One spec per explicitly set weekday (`mon 06:30-08:00`, `sun off`):
    /// what to store, and what [`Availability::apply`] reads back.
    pub fn specs(&self) -> Vec<String> {
        (0..7)
            .filter_map(|i| {
                let w = self.days[i].as_ref()?;
                let body = if w.is_empty() {
                    "off".to_string()
                } else {
                    format_windows(w)
                };
                Some(format!("{} {body}", weekday_key(weekday_at(i))))
            })
            .collect()
    }
}

/// The accepted availability syntax, for help texts.
pub const AVAILABILITY_SYNTAX: &str =
    "DAYS WINDOWS, e.g. 'mon 06:30-08:00,18:00-21:00', 'mon-fri 18:00-21:00', 'sun off'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_specs_parse_and_round_trip() {
        let a = Availability::parse(
            "Europe/Berlin",
            &[
                "mon 06:30-08:00,18:00-21:00",
                "sat,sun off",
                "tue-thu 17:00-20:00",
                "thu default",
            ],
            Some("06:15"),
        )
        .unwrap();
        assert_eq!(
            format_windows(&a.windows(Weekday::Mon)),
            "06:30-08:00,18:00-21:00"
        );
        assert!(a.windows(Weekday::Sat).is_empty());
        assert_eq!(format_windows(&a.windows(Weekday::Wed)), "17:00-20:00");
        assert_eq!(format_windows(&a.windows(Weekday::Thu)), "06:00-22:00");
        assert_eq!(format_windows(&a.windows(Weekday::Fri)), "06:00-22:00");
        assert_eq!(a.wake.unwrap().to_string(), "06:15");
        assert_eq!(
            a.specs(),
            [
                "mon 06:30-08:00,18:00-21:00",
                "tue 17:00-20:00",
                "wed 17:00-20:00",
                "sat off",
                "sun off"
            ]
        );
        let back = Availability::parse("Europe/Berlin", &a.specs(), Some("06:15")).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn default_is_six_to_ten_every_day() {
        let a = Availability::new(chrono_tz::UTC);
        for i in 0..7 {
            assert_eq!(a.windows(weekday_at(i)), vec![DEFAULT_WINDOW]);
            assert!(!a.is_set(weekday_at(i)));
        }
        assert_eq!(DEFAULT_WINDOW.to_string(), "06:00-22:00");
    }

    #[test]
    fn errors_name_the_field() {
        let e = Availability::parse("UTC", &["mon 6-8"], None).unwrap_err();
        assert_eq!(e.field, "availability.mon");
        assert!(e.message.starts_with(WINDOWS_SYNTAX), "{e}");
        let e = Availability::parse("UTC", &["mon"], None).unwrap_err();
        assert_eq!(e.field, "availability.mon");
        let e = Availability::parse("UTC", &["moon 06:00-07:00"], None).unwrap_err();
        assert_eq!(e.field, "availability");
        let e = Availability::parse("Berlin", &["mon off"], None).unwrap_err();
        assert_eq!(e.field, "time_zone");
        let e = Availability::parse("UTC", &["mon off"], Some("25:00")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "wake: expected HH:MM (00:00-23:59), got '25:00'"
        );
    }
}
