//! Turning a plan document into what a person reads: text, markdown or JSON.

pub mod battery;
mod markdown;
mod text;
mod why;

use upright_core::plan::{PlanDocument, Prescription};
use upright_core::vocab::Format;

/// Renders a plan (or referral) in the chosen format.
pub fn plan(doc: &PlanDocument, format: Format, explain: bool) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(doc).expect("plan serialises");
            s.push('\n');
            s
        }
        Format::Text => text::plan(doc, explain),
        Format::Markdown => markdown::plan(doc, explain),
    }
}

/// "3 x 8-12", "pyramid 6-4-2 x 10 s", "2 x 20 s hold", "2 x 30 s walk".
pub fn dose(e: &Prescription) -> String {
    let reps = if e.reps_min == e.reps_max {
        e.reps_min.to_string()
    } else {
        format!("{}-{}", e.reps_min, e.reps_max)
    };
    let side = e.side_words();
    match (&e.pyramid, e.hold_s) {
        (Some(p), Some(h)) => {
            let steps: Vec<String> = p.iter().map(u32::to_string).collect();
            // "each side" is implied by "sides in turn": the column stays narrow.
            let side = if side.is_empty() {
                ""
            } else {
                ", sides in turn"
            };
            format!("pyramid {} x {h} s{side}", steps.join("-"))
        }
        (None, Some(h)) if e.reps_max == 1 => {
            format!("{} x {h} s {}{side}", e.sets, hold_word(e.walk))
        }
        (None, Some(h)) => format!("{} x {reps} {}s of {h} s{side}", e.sets, hold_word(e.walk)),
        _ => format!("{} x {reps}{side}", e.sets),
    }
}

pub use upright_core::plan::document::hold_word;

/// "RPE 7.5" without a trailing ".0".
pub fn rpe(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("RPE {x:.0}")
    } else {
        format!("RPE {x:.1}")
    }
}

/// Rule IDs with their one-line summaries, for --explain.
pub fn explained_rules(ids: &[&str]) -> Vec<String> {
    ids.iter()
        .map(|id| match upright_core::rules::find(id) {
            Some(r) => format!("{}: {}", r.id, r.summary),
            None => id.to_string(),
        })
        .collect()
}
