//! Calendar dates as people type and read them: strict `YYYY-MM-DD` within a
//! sane range, weekday names, Monday of a week. Messages name the field.

use chrono::{Datelike, Days, NaiveDate};

/// Earliest year accepted: nobody logs training before it.
pub const MIN_YEAR: i32 = 1900;
/// Latest year accepted: far enough for any plan, near enough to be a typo guard.
pub const MAX_YEAR: i32 = 2200;

/// A date that is not one, or out of range; names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct DateError {
    pub field: String,
    pub message: String,
}

/// `YYYY-MM-DD`, strictly (four-digit year, two-digit month and day), with
/// the year in `MIN_YEAR..=MAX_YEAR`.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate, DateError> {
    let t = s.trim();
    let b = t.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let bad = |why: &str| DateError {
        field: field.to_string(),
        message: format!(
            "'{}' {why}; accepted: YYYY-MM-DD from {MIN_YEAR} to {MAX_YEAR}, e.g. 2026-01-05",
            crate::text::echo(s)
        ),
    };
    let d = shape
        .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| bad("is not a date"))?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        return Err(bad("is outside the years accepted"));
    }
    Ok(d)
}

/// "Monday 2026-01-05".
pub fn show_date(d: NaiveDate) -> String {
    format!("{} {}", d.format("%A"), d.format("%Y-%m-%d"))
}

/// Date as stored and printed.
pub fn iso(d: NaiveDate) -> String {
    // Written out by hand: chrono's `format` parses its pattern on every
    // call, and `progress` writes thousands of these.
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// Monday of the ISO week of `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("date", "2026-01-05").unwrap(), d("2026-01-05"));
        for bad in [
            "2026-1-5",
            "05/01/2026",
            "2026-02-30",
            "tomorrow",
            "2026-01-05x",
            "",
        ] {
            let e = parse_date("date", bad).unwrap_err().to_string();
            assert!(e.starts_with("date: ") && e.contains("YYYY-MM-DD"), "{e}");
        }
    }

    #[test]
    fn dates_outside_a_sane_range_are_refused() {
        for bad in ["0000-01-01", "9999-12-31", "1899-12-31", "2201-01-01"] {
            let e = parse_date("date", bad).unwrap_err().to_string();
            assert!(
                e.contains("outside") && e.contains("1900") && e.contains("2200"),
                "{e}"
            );
        }
        assert!(parse_date("date", "1900-01-01").is_ok());
        assert!(parse_date("date", "2200-12-31").is_ok());
    }

    #[test]
    fn monday() {
        assert_eq!(monday_of(d("2026-01-08")), d("2026-01-05"));
        assert_eq!(show_date(d("2026-01-05")), "Monday 2026-01-05");
    }
}
