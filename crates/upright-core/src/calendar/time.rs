//! Times of day, opening/availability windows, weekday specs, and the one place
//! where a local wall-clock time becomes an instant (the daylight-saving policy).
//!
//! DST policy, the same as RFC 5545 §3.3.5 so that what we schedule is what a
//! calendar client shows for `DTSTART;TZID=...`:
//! - a local time that occurs twice (fall back) means its **first** occurrence;
//! - a local time that does not occur (spring forward) is read with the UTC
//!   offset in force **before** the gap, i.e. it lands as far past the gap as
//!   it was into it (02:30 in New York on the spring day is 03:30 EDT).
//!
//! Window edges (opening hours, availability) use that policy. Session starts
//! and ends are stricter: the scheduler only offers a slot whose start and end
//! each name exactly one instant (see [`exact_instant`]), so an event is never
//! written with a local time that readers could place an hour off.

use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;
use std::fmt;

/// Minutes in a day; a window may end at 24:00.
pub const DAY_MINUTES: u16 = 1440;

/// The seven weekday keys, Monday first, as used in TOML files and CLI specs.
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Index 0..7 (Monday = 0) of a weekday, for `[T; 7]` tables.
pub fn weekday_index(day: Weekday) -> usize {
    day.num_days_from_monday() as usize
}

/// The weekday at index 0..7 (Monday = 0).
pub fn weekday_at(index: usize) -> Weekday {
    const DAYS: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    DAYS[index % 7]
}

/// The lower-case key (`mon`) of a weekday.
pub fn weekday_key(day: Weekday) -> &'static str {
    WEEKDAY_KEYS[weekday_index(day)]
}

/// A time of day in whole minutes since local midnight, written `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// `minutes` since midnight, below 24:00.
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes < DAY_MINUTES).then_some(Self(minutes))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Parses `HH:MM` (or `H:MM`), 00:00 to 23:59.
    pub fn parse(text: &str) -> Result<Self, String> {
        match parse_clock(text) {
            Some(m) if m < DAY_MINUTES => Ok(Self(m)),
            _ => Err(format!("expected HH:MM (00:00-23:59), got '{text}'")),
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", clock(self.0))
    }
}

/// A local time window within one day: `start < end`, `end` at most 24:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    start: u16,
    end: u16,
}

impl Window {
    /// A window from `start` to `end` minutes after midnight; `None` unless
    /// `start < end <= 24:00`.
    pub const fn new(start: u16, end: u16) -> Option<Self> {
        if start < end && end <= DAY_MINUTES {
            Some(Self { start, end })
        } else {
            None
        }
    }

    pub fn start(self) -> u16 {
        self.start
    }

    pub fn end(self) -> u16 {
        self.end
    }

    pub fn minutes(self) -> u16 {
        self.end - self.start
    }

    /// Parses `HH:MM-HH:MM`; the end may be `24:00`.
    pub fn parse(text: &str) -> Option<Self> {
        let (a, b) = text.trim().split_once('-')?;
        let start = parse_clock(a)?;
        let end = parse_clock(b)?;
        if start >= DAY_MINUTES {
            return None;
        }
        Self::new(start, end)
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", clock(self.start), clock(self.end))
    }
}

/// `HH:MM` of a minute count (1440 prints as 24:00).
pub(crate) fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `HH:MM` or `H:MM` to minutes, allowing exactly `24:00`.
fn parse_clock(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// The accepted syntax of a list of windows, for error messages.
pub const WINDOWS_SYNTAX: &str = "expected HH:MM-HH:MM[,HH:MM-HH:MM]";

/// Parses `HH:MM-HH:MM[,HH:MM-HH:MM]` into sorted windows that do not
/// overlap. Windows cannot cross midnight: write `22:00-24:00` and the next
/// day's `00:00-02:00`.
pub fn parse_windows(text: &str) -> Result<Vec<Window>, String> {
    let mut windows = Vec::new();
    for part in text.split(',') {
        match Window::parse(part) {
            Some(w) => windows.push(w),
            None => {
                let part = part.trim();
                let clocks = part
                    .split_once('-')
                    .map(|(a, b)| (parse_clock(a), parse_clock(b)));
                let hint = match clocks {
                    Some((Some(a), Some(b))) if a >= b => {
                        " (a window ends after it starts, within one day)"
                    }
                    _ => "",
                };
                return Err(format!("{WINDOWS_SYNTAX}, got '{part}'{hint}"));
            }
        }
    }
    windows.sort();
    for pair in windows.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(format!(
                "{WINDOWS_SYNTAX} without overlaps, got '{}' and '{}' overlapping",
                pair[0], pair[1]
            ));
        }
    }
    Ok(windows)
}

/// `07:00-12:00,13:00-19:00`, or `closed` when there is none.
pub fn format_windows(windows: &[Window]) -> String {
    if windows.is_empty() {
        return "closed".to_string();
    }
    windows
        .iter()
        .map(Window::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses one weekday key: `mon` .. `sun`, or the full English name.
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let t = text.trim().to_ascii_lowercase();
    const FULL: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    (0..7)
        .find(|&i| WEEKDAY_KEYS[i] == t || FULL[i] == t)
        .map(weekday_at)
}

/// The accepted syntax of a set of days, for error messages.
pub const DAYS_SYNTAX: &str =
    "expected a day (mon..sun), a range (mon-fri), a list (sat,sun) or daily";

/// Parses `mon`, `mon-fri`, `sat,sun`, `mon,wed-fri` or `daily` into weekdays
/// in Monday-first order, without repeats.
pub fn parse_weekdays(text: &str) -> Result<Vec<Weekday>, String> {
    let t = text.trim().to_ascii_lowercase();
    if t == "daily" || t == "all" {
        return Ok((0..7).map(weekday_at).collect());
    }
    let mut seen = [false; 7];
    for part in t.split(',') {
        let bad = || format!("{DAYS_SYNTAX}, got '{}'", part.trim());
        match part.split_once('-') {
            Some((a, b)) => {
                let a = weekday_index(parse_weekday(a).ok_or_else(bad)?);
                let b = weekday_index(parse_weekday(b).ok_or_else(bad)?);
                if a > b {
                    return Err(format!(
                        "{DAYS_SYNTAX}; a range runs Monday to Sunday, got '{}'",
                        part.trim()
                    ));
                }
                seen[a..=b].iter_mut().for_each(|s| *s = true);
            }
            None => seen[weekday_index(parse_weekday(part).ok_or_else(bad)?)] = true,
        }
    }
    Ok((0..7).filter(|&i| seen[i]).map(weekday_at).collect())
}

/// Parses an IANA time zone name (`Europe/Berlin`).
pub fn parse_time_zone(text: &str) -> Result<Tz, String> {
    text.trim()
        .parse::<Tz>()
        .map_err(|_| format!("expected an IANA time zone name such as America/New_York or Europe/Berlin, got '{text}'"))
}

/// The local date-time `minutes` after midnight of `date` (1440 = next midnight).
pub fn naive_at(date: NaiveDate, minutes: u16) -> NaiveDateTime {
    date.and_time(chrono::NaiveTime::MIN) + Duration::minutes(i64::from(minutes))
}

/// The instant of local `date` + `minutes` in `tz`, by the DST policy above:
/// the first occurrence of a doubled time, the pre-gap offset for a missing one.
pub fn local_instant(tz: Tz, date: NaiveDate, minutes: u16) -> DateTime<Utc> {
    resolve(tz, naive_at(date, minutes))
}

/// [`local_instant`] for any local date-time.
pub fn resolve(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Walk back to the last local time that exists: its offset is the one
            // in force before the gap. Gaps are at most a few hours long.
            let offset = (1..=48)
                .find_map(|h| {
                    tz.from_local_datetime(&(naive - Duration::hours(h)))
                        .earliest()
                })
                .map(|t| t.offset().fix().local_minus_utc())
                .unwrap_or(0);
            naive.and_utc() - Duration::seconds(i64::from(offset))
        }
    }
}

/// The instant of a local date-time only when it names exactly one instant:
/// `None` inside a spring-forward gap or a fall-back doubled hour.
pub fn exact_instant(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        _ => None,
    }
}

/// Whether a local date-time in `tz` is unambiguous (exists exactly once).
pub fn is_exact(tz: Tz, naive: NaiveDateTime) -> bool {
    exact_instant(tz, naive).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse_sort_and_reject_overlap_and_midnight_crossing() {
        let w = parse_windows("18:00-21:00, 6:30-08:00").unwrap();
        assert_eq!(format_windows(&w), "06:30-08:00,18:00-21:00");
        assert_eq!(
            format_windows(&parse_windows("22:00-24:00").unwrap()),
            "22:00-24:00"
        );
        assert!(parse_windows("07:00-12:00,11:00-13:00")
            .unwrap_err()
            .contains("overlapping"));
        assert!(parse_windows("22:00-02:00")
            .unwrap_err()
            .contains("within one day"));
        for bad in [
            "",
            "7-19",
            "07:00",
            "07:60-08:00",
            "24:00-24:00",
            "07:00-24:30",
            "a:bc-07:00",
        ] {
            let e = parse_windows(bad).unwrap_err();
            assert!(e.starts_with(WINDOWS_SYNTAX), "{bad}: {e}");
        }
    }

    #[test]
    fn weekday_specs() {
        use Weekday::*;
        assert_eq!(
            parse_weekdays("mon-fri").unwrap(),
            vec![Mon, Tue, Wed, Thu, Fri]
        );
        assert_eq!(parse_weekdays("sun,sat").unwrap(), vec![Sat, Sun]);
        assert_eq!(
            parse_weekdays("Monday,wed-thu").unwrap(),
            vec![Mon, Wed, Thu]
        );
        assert_eq!(parse_weekdays("daily").unwrap().len(), 7);
        assert!(parse_weekdays("fri-mon")
            .unwrap_err()
            .contains("Monday to Sunday"));
        assert!(parse_weekdays("mo").unwrap_err().starts_with(DAYS_SYNTAX));
    }

    #[test]
    fn dst_policy_is_rfc5545s() {
        let ny: Tz = "America/New_York".parse().unwrap();
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT. 02:30 is read at -05:00.
        let spring = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let t = local_instant(ny, spring, 150);
        assert_eq!(t.to_rfc3339(), "2026-03-08T07:30:00+00:00");
        assert_eq!(
            t.with_timezone(&ny).format("%H:%M %Z").to_string(),
            "03:30 EDT"
        );
        assert!(!is_exact(ny, naive_at(spring, 150)));
        // 2026-11-01: 01:30 happens twice; the first (EDT) is meant.
        let fall = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        assert_eq!(
            local_instant(ny, fall, 90).to_rfc3339(),
            "2026-11-01T05:30:00+00:00"
        );
        assert!(!is_exact(ny, naive_at(fall, 90)));
        assert!(is_exact(ny, naive_at(fall, 120)));
    }
}
