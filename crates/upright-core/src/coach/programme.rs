//! The plan on the calendar: which day each planned session falls on.
//!
//! A plan has `days` sessions a week (the profile's `days`) and week 1 starts
//! on the saved start date. Plan week `w` covers `start + 7(w-1)` to
//! `start + 7w - 1`; session `d` of a week falls `OFFSETS[days][d]` days into
//! it: 1 → +0; 2 → +0,+3; 3 → +0,+2,+4; 4 → +0,+1,+3,+4; 5 → +0..+4;
//! 6 → +0..+5; 7 → every day. Starting on a Monday, 3 days a week is
//! Monday, Wednesday, Friday; 4 is Mon, Tue, Thu, Fri; 5 is Monday to Friday.

use super::progression::Session;
use super::sets_notation::SetEntry;
use crate::plan::PlanDocument;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Days into a plan week of each session, by sessions a week (see the module docs).
pub const OFFSETS: [&[i64]; 7] = [
    &[0],
    &[0, 3],
    &[0, 2, 4],
    &[0, 1, 3, 4],
    &[0, 1, 2, 3, 4],
    &[0, 1, 2, 3, 4, 5],
    &[0, 1, 2, 3, 4, 5, 6],
];

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

/// One planned session on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub date: NaiveDate,
    /// Index into the plan's `weeks`.
    pub week: usize,
    /// Index into that week's `sessions`.
    pub session: usize,
}

/// A plan document placed on the calendar from its start date.
#[derive(Debug, Clone, Copy)]
pub struct Programme<'a> {
    pub doc: &'a PlanDocument,
    pub start: NaiveDate,
}

impl<'a> Programme<'a> {
    pub fn new(doc: &'a PlanDocument, start: NaiveDate) -> Programme<'a> {
        Programme { doc, start }
    }

    /// Sessions a week.
    pub fn days(&self) -> u8 {
        self.doc.profile.days
    }

    /// Every planned session, in date order.
    pub fn calendar(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for (wi, w) in self.doc.weeks.iter().enumerate() {
            let week_start = self.week_start_of(wi);
            for (si, s) in w.sessions.iter().enumerate() {
                let off = day_offset(self.days(), u32::from(s.day)) as u64;
                out.push(Slot {
                    date: week_start + Days::new(off),
                    week: wi,
                    session: si,
                });
            }
        }
        out.sort_by_key(|s| (s.date, s.week, s.session));
        out
    }

    /// First day of the plan week at index `wi`.
    pub fn week_start_of(&self, wi: usize) -> NaiveDate {
        let w = self
            .doc
            .weeks
            .get(wi)
            .map_or(1, |w| u64::from(w.week.max(1)));
        self.start + Days::new(7 * (w - 1))
    }

    /// The plan week (index into `weeks`) holding `date`, if inside the plan.
    pub fn week_index(&self, date: NaiveDate) -> Option<usize> {
        let w = week_of(self.start, date);
        self.doc.weeks.iter().position(|x| i64::from(x.week) == w)
    }

    /// True when `date` falls in one of the plan's deload weeks.
    pub fn is_deload(&self, date: NaiveDate) -> bool {
        self.week_index(date)
            .is_some_and(|i| self.doc.weeks[i].deload)
    }

    /// The day after the plan's last week.
    pub fn end(&self) -> NaiveDate {
        let weeks = self
            .doc
            .weeks
            .iter()
            .map(|w| u64::from(w.week))
            .max()
            .unwrap_or(0);
        self.start + Days::new(7 * weeks)
    }

    /// The start of the plan week holding `d` (weeks run from the start date).
    pub fn week_start(&self, d: NaiveDate) -> NaiveDate {
        self.start + chrono::Duration::days(7 * (week_of(self.start, d) - 1))
    }
}

/// Logged sets grouped into one session per date (several logs of one
/// exercise on one day are one session), in date order. `deload(date)` marks
/// sessions of deload weeks, which are not evidence for progression.
pub fn group_sessions(
    sets: impl IntoIterator<Item = (NaiveDate, SetEntry)>,
    deload: impl Fn(NaiveDate) -> bool,
) -> Vec<Session> {
    let mut by_date: BTreeMap<NaiveDate, Vec<SetEntry>> = BTreeMap::new();
    for (d, s) in sets {
        by_date.entry(d).or_default().push(s);
    }
    by_date
        .into_iter()
        .map(|(date, sets)| Session {
            date,
            sets,
            rpe: None,
            deload: deload(date),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn three_days_from_a_monday_are_monday_wednesday_friday() {
        let start = d("2026-01-05");
        let dates: Vec<String> = (1..=3)
            .map(|day| {
                (start + Days::new(day_offset(3, day) as u64))
                    .format("%a")
                    .to_string()
            })
            .collect();
        assert_eq!(dates, ["Mon", "Wed", "Fri"]);
        assert_eq!(
            OFFSETS.iter().map(|o| o.len()).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 7]
        );
        assert_eq!(week_of(start, d("2026-01-11")), 1);
        assert_eq!(week_of(start, d("2026-01-12")), 2);
        assert_eq!(week_of(start, d("2026-01-04")), 0);
    }
}
