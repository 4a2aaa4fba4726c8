//! Scheduler tests, one or more per constraint.
