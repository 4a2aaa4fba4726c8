//! Gyms: address, time zone, opening hours per weekday and closures (F-HOURS).
//!
//! The TOML form (`examples/gym.toml`):
//!
//! ```toml
//! name = "Cardinal Street Gym"
//! address = "304 North Cardinal St., Dorchester Center, MA 02124"
//! time_zone = "America/New_York"
//!
//! [hours]                      # all seven days, each windows or "closed"
//! mon = "07:00-19:00"
//! sat = "10:00-12:00,13:00-17:00"
//! sun = "closed"
//!
//! [[closures]]                 # a single date ...
//! date = 2026-12-25
//! reason = "Christmas Day"
//!
//! [[closures]]                 # ... or an inclusive range
//! from = 2026-08-03
//! to = 2026-08-09
//! reason = "Floor renovation"
//! ```
//!
//! Dates may be TOML dates or `"YYYY-MM-DD"` strings. Every error names the
//! field and what is accepted.

use super::time::{
    format_windows, parse_time_zone, parse_weekdays, parse_windows, weekday_index, Window,
    DAY_MINUTES, WEEKDAY_KEYS, WINDOWS_SYNTAX,
};
use super::InputError;
use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A validated gym.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gym {
    pub name: String,
    pub address: String,
    pub time_zone: Tz,
    /// Opening windows per weekday, Monday first; empty = closed that day.
    hours: [Vec<Window>; 7],
    /// Sorted by first day.
    closures: Vec<Closure>,
}

/// The gym is closed from `from` to `to`, both included.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Closure {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// Why the gym is not open on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedBecause<'a> {
    Closure(&'a Closure),
    Weekday(Weekday),
}

/// The file form of a gym, as written in TOML (and read back by `gym show`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GymSpec {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub hours: HoursSpec,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<ClosureSpec>,
}

/// Opening hours per weekday: `"HH:MM-HH:MM[,HH:MM-HH:MM]"` or `"closed"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursSpec {
    pub mon: Option<String>,
    pub tue: Option<String>,
    pub wed: Option<String>,
    pub thu: Option<String>,
    pub fri: Option<String>,
    pub sat: Option<String>,
    pub sun: Option<String>,
}

impl HoursSpec {
    fn days(&self) -> [&Option<String>; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }

    fn days_mut(&mut self) -> [&mut Option<String>; 7] {
        [
            &mut self.mon,
            &mut self.tue,
            &mut self.wed,
            &mut self.thu,
            &mut self.fri,
            &mut self.sat,
            &mut self.sun,
        ]
    }
}

/// One closure: `date` alone, or `from` and `to`; always a `reason`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<toml::Value>,
    #[serde(default)]
    pub reason: String,
}

const HOURS_ACCEPTED: &str = "or \"closed\"";

/// The name of [`Gym::unset`] (it has no address).
pub const UNSET_NAME: &str = "your gym (not set)";

impl Gym {
    /// Parses and validates a gym TOML document.
    pub fn from_toml_str(text: &str) -> Result<Self, InputError> {
        let spec: GymSpec = toml::from_str(text).map_err(|e| {
            // toml's message spans several lines (with a caret); keep it one line.
            let msg = e.message().to_string();
            let at = e
                .span()
                .map(|s| line_of(text, s.start))
                .map(|l| format!(" (line {l})"))
                .unwrap_or_default();
            InputError::new("gym", format!("{msg}{at}"))
        })?;
        Self::from_spec(&spec)
    }

    /// Validates a [`GymSpec`].
    pub fn from_spec(spec: &GymSpec) -> Result<Self, InputError> {
        let name = spec.name.trim();
        if name.is_empty() {
            return Err(InputError::new(
                "name",
                "expected the gym's name, got nothing",
            ));
        }
        let address = spec.address.trim();
        if address.is_empty() {
            return Err(InputError::new(
                "address",
                "expected the gym's street address, got nothing",
            ));
        }
        if spec.time_zone.trim().is_empty() {
            return Err(InputError::new(
                "time_zone",
                "expected an IANA time zone name such as America/New_York, got nothing",
            ));
        }
        let time_zone =
            parse_time_zone(&spec.time_zone).map_err(|m| InputError::new("time_zone", m))?;
        let mut hours: [Vec<Window>; 7] = Default::default();
        for (i, day) in spec.hours.days().into_iter().enumerate() {
            let field = format!("hours.{}", WEEKDAY_KEYS[i]);
            let text = day.as_deref().ok_or_else(|| {
                InputError::new(
                    &field,
                    format!("missing; {WINDOWS_SYNTAX} {HOURS_ACCEPTED}"),
                )
            })?;
            hours[i] = parse_hours(text).map_err(|m| InputError::new(&field, m))?;
        }
        let mut closures = Vec::with_capacity(spec.closures.len());
        for (i, c) in spec.closures.iter().enumerate() {
            closures.push(closure_from_spec(c, &format!("closures[{i}]"))?);
        }
        closures.sort();
        Ok(Self {
            name: name.to_string(),
            address: address.to_string(),
            time_zone,
            hours,
            closures,
        })
    }

    /// The file form, for `gym show` and storage.
    pub fn to_spec(&self) -> GymSpec {
        let mut hours = HoursSpec::default();
        for (i, slot) in hours.days_mut().into_iter().enumerate() {
            *slot = Some(format_windows(&self.hours[i]));
        }
        let closures = self
            .closures
            .iter()
            .map(|c| {
                let d = |d: NaiveDate| Some(toml::Value::String(d.to_string()));
                let (date, from, to) = if c.from == c.to {
                    (d(c.from), None, None)
                } else {
                    (None, d(c.from), d(c.to))
                };
                ClosureSpec {
                    date,
                    from,
                    to,
                    reason: c.reason.clone(),
                }
            })
            .collect();
        GymSpec {
            name: self.name.clone(),
            address: self.address.clone(),
            time_zone: self.time_zone.name().to_string(),
            hours,
            closures,
        }
    }

    /// TOML text that [`Gym::from_toml_str`] reads back to the same gym.
    pub fn to_toml(&self) -> String {
        // A GymSpec only holds strings, tables and arrays: serialising cannot fail.
        toml::to_string(&self.to_spec()).unwrap_or_default()
    }

    /// A gym open with `hours` (Monday first) and no closures, for the
    /// `gym add --name --hours` path; validated like a file.
    pub fn new(
        name: &str,
        address: &str,
        time_zone: &str,
        hours: [Vec<Window>; 7],
    ) -> Result<Self, InputError> {
        let mut spec = GymSpec {
            name: name.into(),
            address: address.into(),
            time_zone: time_zone.into(),
            ..Default::default()
        };
        for (i, slot) in spec.hours.days_mut().into_iter().enumerate() {
            *slot = Some(format_windows(&hours[i]));
        }
        Self::from_spec(&spec)
    }

    /// The gym of someone who has not set one: open around the clock in
    /// their home zone, so gym sessions land whenever they are free (as the
    /// default availability takes every day as free) instead of nowhere.
    pub fn unset(time_zone: Tz) -> Self {
        let all_day: Vec<Window> = Window::new(0, DAY_MINUTES).into_iter().collect();
        Self {
            name: UNSET_NAME.to_string(),
            address: String::new(),
            time_zone,
            hours: std::array::from_fn(|_| all_day.clone()),
            closures: Vec::new(),
        }
    }

    /// Opening windows on a weekday (empty when closed that weekday).
    pub fn hours(&self, day: Weekday) -> &[Window] {
        &self.hours[weekday_index(day)]
    }

    pub fn closures(&self) -> &[Closure] {
        &self.closures
    }

    /// Adds a closure (`gym closure add`), keeping them sorted.
    pub fn add_closure(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        reason: &str,
    ) -> Result<(), InputError> {
        let c = checked_closure(from, to, reason, "closure")?;
        self.closures.push(c);
        self.closures.sort();
        Ok(())
    }

    /// The closure covering `date`, if any (the first by start date).
    pub fn closure_on(&self, date: NaiveDate) -> Option<&Closure> {
        self.closures
            .iter()
            .find(|c| c.from <= date && date <= c.to)
    }

    /// Opening windows on a local date, or why the gym is shut that day.
    pub fn open_on(&self, date: NaiveDate) -> Result<&[Window], ClosedBecause<'_>> {
        if let Some(c) = self.closure_on(date) {
            return Err(ClosedBecause::Closure(c));
        }
        let w = self.hours(date.weekday());
        if w.is_empty() {
            Err(ClosedBecause::Weekday(date.weekday()))
        } else {
            Ok(w)
        }
    }
}

/// Windows or `closed`.
pub fn parse_hours(text: &str) -> Result<Vec<Window>, String> {
    if text.trim().eq_ignore_ascii_case("closed") {
        return Ok(Vec::new());
    }
    parse_windows(text).map_err(|m| format!("{m} {HOURS_ACCEPTED}"))
}

/// The accepted syntax of `gym add --hours`, for error messages.
pub const WEEK_HOURS_SYNTAX: &str = "expected DAYS WINDOWS groups, e.g. 'mon-fri 07:00-19:00,sat-sun 10:00-17:00' (days not named are closed; 'sun closed' says so)";

/// Parses `gym add --hours`: groups of `DAYS WINDOWS` (or `DAYS closed`),
/// comma- or semicolon-separated, windows of a group also comma-separated:
/// `mon-fri 07:00-12:00,13:00-19:00,sat,sun 10:00-17:00`. A comma is read as
/// ending a group only where a day name follows. Days not named are closed;
/// a day named twice is refused (which one was meant?).
pub fn parse_week_hours(text: &str) -> Result<[Vec<Window>; 7], String> {
    let mut hours: [Vec<Window>; 7] = Default::default();
    let mut named = [false; 7];
    // (days, windows text) per group, in order.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut pending_days: Vec<String> = Vec::new();
    for piece in text.split([',', ';']).map(str::trim) {
        if piece.is_empty() {
            return Err(format!(
                "{WEEK_HOURS_SYNTAX}, got an empty part in '{text}'"
            ));
        }
        let starts_with_day = piece.starts_with(|c: char| c.is_ascii_alphabetic());
        match (starts_with_day, piece.split_once(char::is_whitespace)) {
            // `sat` of `sat,sun 10:00-17:00`: more days follow.
            (true, None) => pending_days.push(piece.to_string()),
            (true, Some((days, rest))) => {
                pending_days.push(days.to_string());
                groups.push((pending_days.join(","), vec![rest.trim().to_string()]));
                pending_days.clear();
            }
            (false, _) => match (groups.last_mut(), pending_days.is_empty()) {
                (Some((_, windows)), true) => windows.push(piece.to_string()),
                _ => {
                    return Err(format!(
                        "{WEEK_HOURS_SYNTAX}; '{piece}' has no days before it"
                    ))
                }
            },
        }
    }
    if !pending_days.is_empty() {
        return Err(format!(
            "{WEEK_HOURS_SYNTAX}; '{}' has no hours after it",
            pending_days.join(",")
        ));
    }
    if groups.is_empty() {
        return Err(format!("{WEEK_HOURS_SYNTAX}, got nothing"));
    }
    for (days, windows) in groups {
        let days = parse_weekdays(&days)?;
        let windows = parse_hours(&windows.join(","))?;
        for day in days {
            let i = weekday_index(day);
            if std::mem::replace(&mut named[i], true) {
                return Err(format!(
                    "{WEEK_HOURS_SYNTAX}; {} is given twice",
                    WEEKDAY_KEYS[i]
                ));
            }
            hours[i] = windows.clone();
        }
    }
    Ok(hours)
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(byte)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn date_value(v: &toml::Value, field: &str) -> Result<NaiveDate, InputError> {
    let text = match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        other => other.to_string(),
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| InputError::new(field, format!("expected a date YYYY-MM-DD, got {text}")))
}

fn closure_from_spec(c: &ClosureSpec, field: &str) -> Result<Closure, InputError> {
    let shape = "expected either date = YYYY-MM-DD or from = YYYY-MM-DD and to = YYYY-MM-DD";
    let (from, to) = match (&c.date, &c.from, &c.to) {
        (Some(d), None, None) => {
            let d = date_value(d, &format!("{field}.date"))?;
            (d, d)
        }
        (None, Some(f), Some(t)) => (
            date_value(f, &format!("{field}.from"))?,
            date_value(t, &format!("{field}.to"))?,
        ),
        _ => return Err(InputError::new(field, shape)),
    };
    checked_closure(from, to, &c.reason, field)
}

fn checked_closure(
    from: NaiveDate,
    to: NaiveDate,
    reason: &str,
    field: &str,
) -> Result<Closure, InputError> {
    if to < from {
        return Err(InputError::new(
            &format!("{field}.to"),
            format!("expected a date on or after from ({from}), got {to}"),
        ));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(InputError::new(
            &format!("{field}.reason"),
            "expected a reason (e.g. \"Christmas Day\"), got nothing",
        ));
    }
    Ok(Closure {
        from,
        to,
        reason: reason.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../../examples/gym.toml");

    fn with(field_line: &str, replacement: &str) -> String {
        EXAMPLE
            .lines()
            .map(|l| {
                if l.starts_with(field_line) {
                    replacement
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn example_gym_is_the_seed_article_gym() {
        let gym = Gym::from_toml_str(EXAMPLE).unwrap();
        assert!(
            gym.address.contains("304 North Cardinal St."),
            "{}",
            gym.address
        );
        assert_eq!(gym.time_zone, chrono_tz::America::New_York);
        for day in [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ] {
            assert_eq!(format_windows(gym.hours(day)), "07:00-19:00");
        }
        for day in [Weekday::Sat, Weekday::Sun] {
            assert_eq!(format_windows(gym.hours(day)), "10:00-17:00");
        }
        // round trip through the writer
        assert_eq!(Gym::from_toml_str(&gym.to_toml()).unwrap(), gym);
    }

    #[test]
    fn errors_name_the_field_and_what_is_accepted() {
        let e = Gym::from_toml_str(&with("mon =", "mon = \"7-19\"")).unwrap_err();
        assert_eq!(e.field, "hours.mon");
        assert!(
            e.to_string()
                .starts_with("hours.mon: expected HH:MM-HH:MM[,HH:MM-HH:MM]"),
            "{e}"
        );
        let e = Gym::from_toml_str(&with("wed =", "")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "hours.wed: missing; expected HH:MM-HH:MM[,HH:MM-HH:MM] or \"closed\""
        );
        let e =
            Gym::from_toml_str(&with("time_zone =", "time_zone = \"Mars/Olympus\"")).unwrap_err();
        assert_eq!(e.field, "time_zone");
        assert!(e.message.contains("IANA"), "{e}");
        let e = Gym::from_toml_str(&format!(
            "{EXAMPLE}\n[[closures]]\ndate = \"2026-02-30\"\nreason = \"x\"\n"
        ))
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "closures[0].date: expected a date YYYY-MM-DD, got 2026-02-30"
        );
        let e = Gym::from_toml_str(&format!(
            "{EXAMPLE}\n[[closures]]\nfrom = \"2026-08-09\"\nto = \"2026-08-03\"\nreason = \"x\"\n"
        ))
        .unwrap_err();
        assert_eq!(e.field, "closures[0].to", "{e}");
        let e = Gym::from_toml_str(&format!("{EXAMPLE}\n[[closures]]\ndate = \"2026-08-09\"\n"))
            .unwrap_err();
        assert_eq!(e.field, "closures[0].reason", "{e}");
        let e = Gym::from_toml_str(&format!(
            "{EXAMPLE}\n[[closures]]\ndate = \"2026-08-09\"\nto = \"2026-08-10\"\nreason = \"x\"\n"
        ))
        .unwrap_err();
        assert_eq!(e.field, "closures[0]", "{e}");
        let e = Gym::from_toml_str(&with("name =", "nme = \"x\"")).unwrap_err();
        assert!(e.message.contains("unknown field `nme`"), "{e}");
    }

    #[test]
    fn week_hours_of_the_cli_read_groups_and_close_the_days_not_named() {
        let h = parse_week_hours("mon-fri 07:00-19:00,sat-sun 10:00-17:00").unwrap();
        let gym = Gym::new("G", "A", "America/New_York", h).unwrap();
        assert_eq!(
            gym,
            Gym::from_toml_str(EXAMPLE).unwrap().with_name("G", "A")
        );
        let h = parse_week_hours("mon 07:00-12:00,13:00-19:00; sat,sun 10:00-17:00").unwrap();
        assert_eq!(format_windows(&h[0]), "07:00-12:00,13:00-19:00");
        assert_eq!(format_windows(&h[5]), "10:00-17:00");
        assert_eq!(format_windows(&h[6]), "10:00-17:00");
        assert!(h[1].is_empty(), "tuesday not named: closed");
        let h = parse_week_hours("daily 06:00-22:00,sun closed");
        assert!(h.unwrap_err().contains("sun is given twice"));
        for (bad, says) in [
            ("07:00-19:00", "has no days before it"),
            ("mon-fri", "has no hours after it"),
            ("mon-fri 7-19", "expected HH:MM-HH:MM"),
            ("moon 07:00-19:00", "expected a day"),
            ("", "got an empty part"),
            ("mon 07:00-19:00,,tue 07:00-19:00", "got an empty part"),
        ] {
            let e = parse_week_hours(bad).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    impl Gym {
        fn with_name(mut self, name: &str, address: &str) -> Gym {
            self.name = name.into();
            self.address = address.into();
            self
        }
    }

    #[test]
    fn closures_shut_the_gym_with_their_reason() {
        let gym = Gym::from_toml_str(EXAMPLE).unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(gym.closures().is_empty(), "the article names no closure");
        let gym = Gym::from_toml_str(&format!(
            "{EXAMPLE}\n[[closures]]\ndate = 2026-12-25\nreason = \"Christmas Day\"\n"
        ))
        .unwrap();
        match gym.open_on(d("2026-12-25")) {
            Err(ClosedBecause::Closure(c)) => assert_eq!(c.reason, "Christmas Day"),
            other => panic!("{other:?}"),
        }
        assert!(gym.open_on(d("2026-12-24")).is_ok());
        let mut gym = gym;
        gym.add_closure(d("2027-01-04"), d("2027-01-06"), "Staff training")
            .unwrap();
        assert!(gym.open_on(d("2027-01-05")).is_err());
        assert!(gym.open_on(d("2027-01-07")).is_ok());
        assert_eq!(
            gym.add_closure(d("2027-01-06"), d("2027-01-04"), "x")
                .unwrap_err()
                .field,
            "closure.to"
        );
    }
}
