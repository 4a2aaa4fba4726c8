//! The coaching loop's pure arithmetic: units and loads, the SETS notation of
//! `upright log`, the progression engine that turns what was actually
//! done into the next prescription, and the rules the coaching use cases
//! share: the plan on the calendar (`programme`), plan edits (`edits`),
//! today's prescription (`today`), progress figures (`metrics`), pain
//! advice (`advice`), dates (`dates`), and which neighbours a person may
//! move to (`neighbours`: the planner's own filters, pull-ups proved by logs). No I/O and no clock: dates come in.

pub mod advice;
pub mod dates;
pub mod edits;
pub mod loads;
pub mod metrics;
pub mod neighbours;
pub mod programme;
pub mod progression;
pub mod sets_notation;
pub mod today;
pub mod units;

pub use loads::{estimate_1rm, load_for, Implement, LoadSteps};
pub use progression::{
    decide, first_load, Action, Decision, Input, PainEntry, PainWhen, Prescription, Reason,
    Session, SessionTarget,
};
pub use sets_notation::{format_sets, parse_sets, SetEntry, SetsError};
pub use units::Unit;
