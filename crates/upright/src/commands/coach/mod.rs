//! The coaching loop's commands: `today`, `log`, `pain`, `swap`, `exclude`,
//! `history`, `progress` and `config`, wired from upright-core's coach (pure
//! arithmetic and decisions) and upright-store (what was done).
//!
//! Every command checks its input before it writes anything: a bad value is a
//! one-line message naming the field and what is accepted (exit 2), and the
//! database is left as it was.
//!
//! # Day mapping
//!
//! A plan has `days` sessions a week (the profile's `days`) and week 1 starts
//! on the saved start date. Plan week `w` covers `start + 7(w-1)` to
//! `start + 7w - 1`; session `d` of a week falls `OFFSETS[days][d]` days into
//! it: 1 → +0; 2 → +0,+3; 3 → +0,+2,+4; 4 → +0,+1,+3,+4; 5 → +0..+4;
//! 6 → +0..+5; 7 → every day. Starting on a Monday, 3 days a week is
//! Monday, Wednesday, Friday; 4 is Mon, Tue, Thu, Fri; 5 is Monday to Friday.

pub mod active;
pub mod chart;
pub mod config;
pub mod db;
pub mod exclude;
pub mod history;
pub mod log;
pub mod pain;
pub mod progress;
pub mod swap;
pub mod today;

use crate::error::{CliError, CliResult};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use upright_core::catalog::{Catalog, Exercise};
use upright_core::coach::{PainEntry, PainWhen, Session, SetEntry};
use upright_store::{PainRow, PainTiming, SetRow};

/// Days into a plan week of each session, by sessions a week (see the module docs).
pub const OFFSETS: [&[i64]; 7] = [&[0], &[0, 3], &[0, 2, 4], &[0, 1, 3, 4], &[0, 1, 2, 3, 4], &[0, 1, 2, 3, 4, 5], &[0, 1, 2, 3, 4, 5, 6]];

/// Offset into its week of session `day` (1-based) for `days` sessions a week.
pub fn day_offset(days: u8, day: u32) -> i64 {
    let table = OFFSETS[(days.clamp(1, 7) - 1) as usize];
    let i = day.max(1) as usize - 1;
    table.get(i).copied().unwrap_or((i % 7) as i64)
}

/// Plan week (1-based; 0 or below before the start) holding `date`.
pub fn week_of(start: NaiveDate, date: NaiveDate) -> i64 {
    (date - start).num_days().div_euclid(7) + 1
}

/// `YYYY-MM-DD`, strictly (four-digit year, two-digit month and day).
pub fn parse_date(field: &str, s: &str) -> CliResult<NaiveDate> {
    let t = s.trim();
    let b = t.as_bytes();
    let shape = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shape
        .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| CliError::bad(format!("{field}: '{s}' is not a date; accepted: YYYY-MM-DD, e.g. 2026-01-05")))
}

/// The date given, or today (local time).
pub fn date_or_today(field: &str, s: Option<&str>) -> CliResult<NaiveDate> {
    match s {
        Some(s) => parse_date(field, s),
        None => Ok(local_today()),
    }
}

pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// One of `accepted`, case-insensitive.
pub fn parse_format(s: &str, accepted: &[&'static str]) -> CliResult<&'static str> {
    let t = s.trim().to_ascii_lowercase();
    accepted
        .iter()
        .find(|a| **a == t)
        .copied()
        .ok_or_else(|| CliError::bad(format!("format: '{s}' is not accepted; accepted: {}", accepted.join(", "))))
}

/// A catalog exercise, or bad input with "did you mean".
pub fn exercise<'c>(catalog: &'c Catalog, field: &str, id: &str) -> CliResult<&'c Exercise> {
    catalog.get(id.trim()).ok_or_else(|| {
        let hints = suggest(catalog, id.trim());
        let hint = if hints.is_empty() {
            "see `upright catalog list`".to_string()
        } else {
            format!("did you mean {}? (see `upright catalog list`)", hints.join(", "))
        };
        CliError::bad(format!("{field}: unknown exercise '{id}'; {hint}"))
    })
}

/// Close catalog IDs: the catalog's own suggestions (shared words,
/// substrings), else the IDs within a few typos (edit distance).
pub fn suggest<'c>(catalog: &'c Catalog, unknown: &str) -> Vec<&'c str> {
    let hits = catalog.suggest(unknown);
    if !hits.is_empty() {
        return hits;
    }
    let needle = unknown.to_ascii_lowercase();
    let limit = (needle.chars().count() / 4).clamp(1, 3);
    let mut near: Vec<(usize, &str)> =
        catalog.iter().map(|e| (edit_distance(&needle, &e.id), e.id.as_str())).filter(|(d, _)| *d <= limit).collect();
    near.sort();
    near.into_iter().take(3).map(|(_, id)| id).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "Monday 2026-01-05".
pub fn show_date(d: NaiveDate) -> String {
    format!("{} {}", d.format("%A"), d.format("%Y-%m-%d"))
}

/// Date as stored and printed.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn set_entry(r: &SetRow) -> SetEntry {
    SetEntry { reps: r.reps, load_kg: r.load_kg, hold_s: r.hold_s, rpe: r.rpe }
}

/// Sets grouped into one session per date (several logs of one exercise on
/// one day are one session), in date order. `deload(date)` marks sessions of
/// deload weeks, which are not evidence for progression.
pub fn sessions(rows: &[SetRow], deload: impl Fn(NaiveDate) -> bool) -> Vec<Session> {
    let mut by_date: BTreeMap<NaiveDate, Vec<SetEntry>> = BTreeMap::new();
    for r in rows {
        by_date.entry(r.date).or_default().push(set_entry(r));
    }
    by_date.into_iter().map(|(date, sets)| Session { date, sets, rpe: None, deload: deload(date) }).collect()
}

pub fn pain_when(t: PainTiming) -> PainWhen {
    match t {
        PainTiming::During => PainWhen::During,
        PainTiming::NextMorning => PainWhen::NextMorning,
    }
}

/// Stored pain entries as the progression engine reads them (about the back in general).
pub fn pain_entries(rows: &[PainRow]) -> Vec<PainEntry> {
    rows.iter()
        .map(|r| PainEntry { date: r.entry.date, score: r.entry.score, when: pain_when(r.entry.timing), baseline: None, exercise: None })
        .collect()
}

/// Monday of the ISO week of `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()))
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
        for bad in ["2026-1-5", "05/01/2026", "2026-02-30", "tomorrow", "2026-01-05x", ""] {
            let e = parse_date("date", bad).unwrap_err().to_string();
            assert!(e.starts_with("date: ") && e.contains("YYYY-MM-DD"), "{e}");
        }
    }

    #[test]
    fn typos_get_suggestions() {
        let c = Catalog::builtin();
        assert_eq!(suggest(&c, "dedlift"), vec!["deadlift"]);
        assert!(suggest(&c, "row").contains(&"bent-over-row"));
        assert!(suggest(&c, "zzzzzzzz").is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn three_days_from_a_monday_are_monday_wednesday_friday() {
        let start = d("2026-01-05");
        let dates: Vec<String> =
            (1..=3).map(|day| (start + chrono::Days::new(day_offset(3, day) as u64)).format("%a").to_string()).collect();
        assert_eq!(dates, ["Mon", "Wed", "Fri"]);
        assert_eq!(OFFSETS.iter().map(|o| o.len()).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(week_of(start, d("2026-01-11")), 1);
        assert_eq!(week_of(start, d("2026-01-12")), 2);
        assert_eq!(week_of(start, d("2026-01-04")), 0);
    }
}
