//! Schedule and calendar (issue 15): gyms with opening hours (F-HOURS), a
//! person's availability, the scheduler that puts a plan's sessions on real
//! days and times, and the iCalendar (RFC 5545) writer.
//!
//! Pure like the rest of core: no clock and no I/O. "Now", "today" and the
//! export's DTSTAMP are parameters; the same inputs give the same schedule and
//! byte-identical `.ics` text.
//!
//! - [`gym`]: [`Gym`] from TOML, validated (errors name the field).
//! - [`availability`]: [`Availability`] from the CLI syntax `mon 06:30-08:00,18:00-21:00`.
//! - [`scheduler`]: [`schedule`] places [`SessionToPlace`]s and reports what did not fit.
//! - [`ics`]: [`export`] writes VCALENDAR text with VTIMEZONEs, stable UIDs and SEQUENCE.
//! - [`time`]: windows, weekday specs, and the daylight-saving policy.
//! - [`plan_sessions`]: a saved plan as the sequence to place, and how far
//!   the log has got in it (sessions done, the last heavy start).
//!
//! Wiring (the application layer; nothing here reads a clock or a database):
//! - `gym add`: [`Gym::from_toml_str`] or [`Gym::new`] (+ [`time::parse_weekdays`],
//!   [`gym::parse_hours`] for `--hours "mon-fri 07:00-19:00"`); store
//!   [`Gym::to_spec`]'s fields. `gym closure add`: [`Gym::add_closure`].
//! - `availability set`: [`Availability::parse`]; store the zone, the wake
//!   time and [`Availability::specs`] (one line per weekday set).
//! - `schedule` / `today`: build [`SessionToPlace`]s from the plan with stable
//!   keys, pass the coaching loop's next index, today, now (`not_before`) and
//!   the last heavy session's start; render [`Schedule`].
//! - `calendar --out`: [`export`] with the stored [`ExportState`], write the
//!   file, then store [`Exported::state`].

pub mod availability;
pub mod gym;
pub mod ics;
pub mod plan_sessions;
pub mod scheduler;
pub mod time;

#[cfg(test)]
mod tests;

pub use availability::Availability;
pub use gym::{Closure, Gym, GymSpec};
pub use ics::{export, uid_for, EventState, ExportInput, ExportState, Exported};
pub use plan_sessions::{plan_sequence, progress, LoggedDay, PlanSession, Progress};
pub use scheduler::{
    schedule, Blocker, DayVerdict, Fix, Location, PlacedSession, PlanRhythm, Schedule,
    ScheduleRequest, SessionToPlace, Unfit,
};
pub use time::{TimeOfDay, Window};

/// A bad input: the field and, in the message, what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InputError {
    pub field: String,
    pub message: String,
}

impl InputError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }
}
