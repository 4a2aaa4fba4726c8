//! The plan on the calendar: which day each planned session falls on.
//!
//! A plan has `days` sessions a week (the profile's `days`) and week 1 starts
//! on the saved start date. Plan week `w` covers `start + 7(w-1)` to
//! `start + 7w - 1`; session `d` of a week falls `OFFSETS[days][d]` days into
//! it: 1 → +0; 2 → +0,+3; 3 → +0,+2,+4; 4 → +0,+1,+3,+4; 5 → +0..+4;
//! 6 → +0..+5; 7 → every day. Starting on a Monday, 3 days a week is
//! Monday, Wednesday, Friday; 4 is Mon, Tue, Thu, Fri; 5 is Monday to Friday.
//!
//! The programme is a **sequence** of sessions that slides when one is
//! missed: the session of a day is the first one not yet done (one per day
//! with a workout logged since the start), on the weekly session days, so a
//! missed Monday is done on Wednesday and everything after moves back. Days
//! after the caller's today are assumed to go as planned.

use super::progression::{Session, SessionTarget};
use super::sets_notation::SetEntry;
use crate::plan::PlanDocument;
use chrono::{Datelike, Days, NaiveDate};
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

    /// Does the plan hold the daily Big 3 (E-MCGILL-BIG3: done every day, the
    /// plan's rest days too)?
    pub fn has_daily_big3(&self) -> bool {
        self.doc
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .flat_map(|s| &s.exercises)
            .any(|e| crate::plan::slots::Kind::is_big3_words(&e.slot))
    }

    /// A day on which only the Big 3 were logged (`only_big3`, for a plan
    /// that [`has_daily_big3`](Self::has_daily_big3)), off the plan's session
    /// days, is the daily practice E-MCGILL-BIG3 asks for, not a session: it
    /// neither uses up nor moves the programme.
    pub fn is_daily_practice(&self, date: NaiveDate, only_big3: bool) -> bool {
        only_big3 && !self.is_session_day(date)
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

    /// True on the weekly session days (the pattern of `OFFSETS`), from the start on.
    pub fn is_session_day(&self, date: NaiveDate) -> bool {
        let days = (date - self.start).num_days();
        days >= 0 && OFFSETS[(self.days().clamp(1, 7) - 1) as usize].contains(&days.rem_euclid(7))
    }

    /// The weekly session days by weekday, Monday first.
    pub fn weekdays(&self) -> [bool; 7] {
        let mut out = [false; 7];
        for k in 0..7 {
            let d = self.start + Days::new(k);
            if self.is_session_day(d) {
                out[d.weekday().num_days_from_monday() as usize] = true;
            }
        }
        out
    }

    /// Looking ahead from `today` to `date`: the last session day before
    /// `date` and not before `today`, the one taken as done last (None when
    /// `date` is not ahead or no session day lies between).
    pub fn last_assumed_before(&self, date: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
        if date <= today {
            return None;
        }
        (1..=7)
            .map(|k| date - Days::new(k))
            .find(|d| *d >= today && self.is_session_day(*d))
    }

    /// Session days in `from..to` (end excluded).
    pub fn session_days_between(&self, from: NaiveDate, to: NaiveDate) -> usize {
        let from = from.max(self.start);
        if to <= from {
            return 0;
        }
        let n = (to - from).num_days();
        let weeks = n / 7;
        let per_week = OFFSETS[(self.days().clamp(1, 7) - 1) as usize].len() as i64;
        let tail = (0..n % 7)
            .filter(|k| self.is_session_day(from + Days::new((weeks * 7 + k) as u64)))
            .count() as i64;
        (weeks * per_week + tail) as usize
    }

    /// The first session day after `date`.
    pub fn next_session_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date
            .max(self.start.pred_opt().unwrap_or(self.start))
            .succ_opt()
            .unwrap_or(date);
        while !self.is_session_day(d) {
            d = d.succ_opt().unwrap_or(d);
        }
        d
    }

    /// Where the person stands in the sequence on `date`, from the days with
    /// a workout logged (sorted, distinct) and the caller's `today` (days
    /// after it are assumed to go as planned).
    pub fn position(
        &self,
        workout_days: &[NaiveDate],
        date: NaiveDate,
        today: NaiveDate,
    ) -> Position {
        let real_to = date.min(today);
        let done_real = workout_days
            .iter()
            .filter(|d| **d >= self.start && **d < real_to)
            .count();
        let assumed = if date > real_to {
            self.session_days_between(real_to, date)
        } else {
            0
        };
        let index = done_real + assumed;
        let planned = self.session_days_between(self.start, date);
        Position {
            index,
            missed: planned.saturating_sub(index),
        }
    }

    /// The sequence slot a workout logged on `date` stood for (None before
    /// the start or past the last session).
    pub fn slot_done_on(
        &self,
        calendar: &[Slot],
        workout_days: &[NaiveDate],
        date: NaiveDate,
    ) -> Option<Slot> {
        if date < self.start {
            return None;
        }
        let k = workout_days
            .iter()
            .filter(|d| **d >= self.start && **d < date)
            .count();
        calendar.get(k).copied()
    }

    /// What session `slot` asked of `exercise`: its sets and RPE (the first
    /// time it appears in that week when the session itself lacks it).
    pub fn target_of(&self, slot: Slot, exercise: &str) -> Option<SessionTarget> {
        let week = self.doc.weeks.get(slot.week)?;
        let own = week
            .sessions
            .get(slot.session)
            .into_iter()
            .flat_map(|s| &s.exercises);
        let any = week.sessions.iter().flat_map(|s| &s.exercises);
        own.chain(any)
            .find(|e| e.id == exercise)
            .map(|e| SessionTarget {
                sets: e.sets,
                rpe: Some(e.rpe),
            })
    }
}

/// Where a person stands in the sequence of sessions on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Sessions done before the day (real ones, then assumed ones after the
    /// caller's today): the index of the day's session in `calendar()`.
    pub index: usize,
    /// Session days passed without a workout: the programme slid by this much.
    pub missed: usize,
}

/// Logged sets grouped into one session per date (several logs of one
/// exercise on one day are one session), in date order. `week(date)` says
/// whether the session fell in a deload week (not evidence for progression)
/// and what that week asked for (the sets and RPE it is judged against).
pub fn group_sessions(
    sets: impl IntoIterator<Item = (NaiveDate, SetEntry)>,
    week: impl Fn(NaiveDate) -> (bool, Option<SessionTarget>),
) -> Vec<Session> {
    let mut by_date: BTreeMap<NaiveDate, Vec<SetEntry>> = BTreeMap::new();
    for (d, s) in sets {
        by_date.entry(d).or_default().push(s);
    }
    by_date
        .into_iter()
        .map(|(date, sets)| {
            let (deload, target) = week(date);
            Session {
                date,
                sets,
                rpe: None,
                deload,
                target,
            }
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

    fn doc() -> PlanDocument {
        let p = crate::profile::ProfileInput {
            goals: Some(vec!["general".into()]),
            level: Some("beginner".into()),
            equipment: Some(vec!["home".into()]),
            weeks: Some(2),
            ..Default::default()
        }
        .into_profile()
        .unwrap();
        crate::plan::plan(&p, &crate::catalog::Catalog::builtin())
            .unwrap()
            .document
    }

    #[test]
    fn a_missed_session_slides_the_programme() {
        let doc = doc();
        let prog = Programme::new(&doc, d("2026-01-05"));
        let cal = prog.calendar();
        assert!(prog.is_session_day(d("2026-01-07")) && !prog.is_session_day(d("2026-01-06")));
        assert_eq!(
            prog.session_days_between(d("2026-01-05"), d("2026-01-19")),
            6
        );
        assert_eq!(prog.next_session_day(d("2026-01-09")), d("2026-01-12"));
        // Monday done, Wednesday missed: Friday is Wednesday's session.
        let done = [d("2026-01-05")];
        let fri = prog.position(&done, d("2026-01-09"), d("2026-02-01"));
        assert_eq!((fri.index, fri.missed), (1, 1));
        assert_eq!(cal[fri.index].date, d("2026-01-07"));
        // On schedule: the slot of the day.
        let done = [d("2026-01-05"), d("2026-01-07")];
        assert_eq!(
            prog.position(&done, d("2026-01-09"), d("2026-02-01")).index,
            2
        );
        // Days after today are assumed to go as planned.
        let ahead = prog.position(&done, d("2026-01-14"), d("2026-01-08"));
        assert_eq!((ahead.index, ahead.missed), (4, 0));
        assert_eq!(
            prog.slot_done_on(&cal, &done, d("2026-01-07")),
            Some(cal[1])
        );
        assert_eq!(prog.slot_done_on(&cal, &done, d("2026-01-04")), None);
    }
}
