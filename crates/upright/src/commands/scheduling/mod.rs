//! Schedule and calendar commands (issue 15): `gym`, `availability`,
//! `schedule`, `calendar`. Like the coaching commands, each parses its
//! arguments, calls one upright-app use case and prints its view model.

pub mod availability;
pub mod calendar;
pub mod gym;
pub mod schedule;

/// "Mon 2026-01-05" from an ISO date (as given when it does not parse).
pub(crate) fn short_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%a %Y-%m-%d").to_string())
        .unwrap_or_else(|_| iso.to_string())
}
