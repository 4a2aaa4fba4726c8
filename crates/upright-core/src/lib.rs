//! upright-core: the pure domain of upright. No I/O, no SQL, no HTTP.
//!
//! Same profile + same catalog -> byte-identical plan (see ARCHITECTURE.md).

pub mod assess;
pub mod calendar;
pub mod catalog;
pub mod coach;
pub mod import;
pub mod plan;
pub mod profile;
pub mod rules;
pub mod screen;
pub mod text;
pub mod vocab;
