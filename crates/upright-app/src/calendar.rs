//! `calendar`: the schedule as an iCalendar (RFC 5545) file, and what it
//! said about each event kept for the next export, so a session keeps its
//! UID when it moves, SEQUENCE goes up when an event changes, and a session
//! gone from the schedule is sent as cancelled.
//!
//! Two steps, so nothing is stored for an export nobody received:
//! [`App::calendar_prepare`] makes the text and the new state, the caller
//! delivers the text (writes the file, answers the request), then
//! [`App::calendar_commit`] stores the state in one transaction. A web
//! subscription would do both on every fetch.

use crate::{Actor, App, AppError, AppResult};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use upright_core::calendar::{export, EventState, ExportInput, ExportState};
use upright_store::{CalendarEvent, PlanId};

/// The calendar's display name (`X-WR-CALNAME`).
pub const CALENDAR_NAME: &str = "upright: back training";

/// `calendar`: as typed (the same as `schedule`'s).
pub type CalendarQuery = crate::schedule::ScheduleQuery;

/// An export made, not yet stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalendarExport {
    pub plan_id: i64,
    pub from: String,
    pub weeks: u32,
    /// The `.ics` text.
    #[serde(skip)]
    pub ics: String,
    /// Events written: sessions placed, past ones kept, cancellations.
    pub events: usize,
    pub new: usize,
    /// Events whose SEQUENCE went up (moved or changed).
    pub changed: usize,
    /// Events cancelled by this export (sessions gone from the schedule).
    pub cancelled: usize,
    /// Sessions of the plan that did not fit and are not in the calendar.
    pub unfit: Vec<String>,
    pub notes: Vec<String>,
    #[serde(skip)]
    state: Vec<CalendarEvent>,
}

fn state_of(e: &CalendarEvent) -> EventState {
    EventState {
        sequence: e.sequence,
        start: e.start,
        end: e.end,
        content_hash: e.content_hash,
        summary: e.summary.clone(),
        description: e.description.clone(),
        location: e.location.clone(),
        time_zone: e.time_zone.clone(),
        cancelled: e.cancelled,
    }
}

fn row_of(uid: &str, plan: Option<PlanId>, e: &EventState) -> CalendarEvent {
    CalendarEvent {
        uid: uid.to_string(),
        plan_id: plan,
        sequence: e.sequence,
        start: e.start,
        end: e.end,
        content_hash: e.content_hash,
        summary: e.summary.clone(),
        description: e.description.clone(),
        location: e.location.clone(),
        time_zone: e.time_zone.clone(),
        cancelled: e.cancelled,
    }
}

impl App {
    /// The calendar of the schedule as of `as_of` (see `schedule`), stamped
    /// `now`, against the state of the previous export.
    pub async fn calendar_prepare(
        &self,
        me: &Actor,
        q: CalendarQuery,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> AppResult<CalendarExport> {
        let as_of = q
            .from
            .as_deref()
            .map(|s| upright_core::coach::dates::parse_date("from", s))
            .transpose()?
            .unwrap_or(today);
        let weeks = q
            .weeks
            .as_deref()
            .map(crate::schedule::parse_weeks)
            .transpose()?;
        let made = self
            .make_schedule(me, "calendar", as_of, weeks, today, Some(now))
            .await?;
        let rows = self.store.calendar_events(me.id).await?;
        let plans: BTreeMap<&str, Option<PlanId>> =
            rows.iter().map(|r| (r.uid.as_str(), r.plan_id)).collect();
        let previous: ExportState = rows.iter().map(|r| (r.uid.clone(), state_of(r))).collect();
        let plan = made.active.stored.id;
        let key = format!("user:{}/plan:{}", me.id, plan);
        let out = export(&ExportInput {
            calendar_key: &key,
            calendar_name: CALENDAR_NAME,
            dtstamp: now,
            sessions: &made.schedule.placed,
            previous: &previous,
        })
        .map_err(|e| AppError::internal(format!("the calendar could not be written: {e}")))?;

        let (mut new, mut changed, mut cancelled) = (0, 0, 0);
        for (uid, e) in &out.state {
            match previous.get(uid) {
                None => new += 1,
                Some(p) if e.cancelled && !p.cancelled => cancelled += 1,
                Some(p) if e.sequence > p.sequence => changed += 1,
                Some(_) => {}
            }
        }
        let placed: std::collections::BTreeSet<String> = made
            .schedule
            .placed
            .iter()
            .map(|p| upright_core::calendar::uid_for(&key, &p.key))
            .collect();
        let state = out
            .state
            .iter()
            .map(|(uid, e)| {
                let owner = if placed.contains(uid) {
                    Some(plan)
                } else {
                    plans.get(uid.as_str()).copied().flatten()
                };
                row_of(uid, owner, e)
            })
            .collect();
        Ok(CalendarExport {
            plan_id: plan.0,
            from: upright_core::coach::dates::iso(made.from),
            weeks: made.weeks,
            events: out.state.len(),
            ics: out.ics,
            new,
            changed,
            cancelled,
            unfit: made
                .schedule
                .unfit
                .iter()
                .filter(|u| u.placed_in_week.is_none())
                .map(|u| u.key.clone())
                .collect(),
            notes: made.notes,
            state,
        })
    }

    /// Stores what `export` said, for the next export (one transaction).
    pub async fn calendar_commit(&self, me: &Actor, export: &CalendarExport) -> AppResult<()> {
        Ok(self
            .store
            .replace_calendar_events(me.id, &export.state)
            .await?)
    }
}
