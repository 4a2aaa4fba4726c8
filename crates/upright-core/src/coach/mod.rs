//! The coaching loop's pure arithmetic: units and loads, the SETS notation of
//! `upright log`, and the progression engine that turns what was actually
//! done into the next prescription. No I/O and no clock: dates come in.

pub mod loads;
pub mod progression;
pub mod sets_notation;
pub mod units;

pub use loads::{estimate_1rm, load_for, Implement, LoadSteps};
pub use progression::{decide, first_load, Action, Decision, Input, PainEntry, PainWhen, Prescription, Reason, Session};
pub use sets_notation::{format_sets, parse_sets, SetEntry, SetsError};
pub use units::Unit;
