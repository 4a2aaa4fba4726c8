//! Plain text for a terminal, in words a person reads: muscle names, weekdays
//! of the training week, no solver figures (those stay in the JSON).

use super::{dose, explained_rules, rpe, why};
use std::fmt::Write as _;
use upright_core::plan::notes::{muscle_words, volume};
use upright_core::plan::PlanDocument;

pub fn plan(doc: &PlanDocument, explain: bool) -> String {
    let mut s = String::new();
    if let Some(r) = &doc.referral {
        let urgency = r.urgency.as_str();
        let _ = writeln!(s, "NO TRAINING PLAN: referral ({urgency})\n");
        let _ = writeln!(s, "{}\n", r.reason);
        let _ = writeln!(s, "Rules: {}", r.rules.join(", "));
        return s;
    }
    let p = &doc.profile;
    let goals: Vec<&str> = p.goals.iter().map(|g| g.as_str()).collect();
    let _ = writeln!(
        s,
        "upright plan: {} | {} | {} day(s) x {} min | {} weeks",
        goals.join(" + "),
        p.level,
        p.days,
        p.minutes,
        p.weeks
    );
    if explain {
        let _ = writeln!(
            s,
            "(week 1 in full; later weeks give sets x reps and effort, and the warm-up, rest or ramp sets only where they change)"
        );
    }
    let mut cited: Vec<&str> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    // What was last printed, for the later weeks under --explain: the warm-up
    // of each training day, and each exercise's rest and ramp sets.
    let mut warm_last: Vec<(u8, String)> = Vec::new();
    let mut rest_last: Vec<(&str, u32)> = Vec::new();
    let mut ramp_last: Vec<(&str, String)> = Vec::new();
    // The dose column is as wide as the plan's widest dose, so effort and
    // rest line up under each other.
    let width = doc
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|x| &x.exercises)
        .map(|e| dose(e).chars().count())
        .max()
        .unwrap_or(0)
        .max(30);
    for (i, w) in doc.weeks.iter().enumerate() {
        let compact = explain && i > 0;
        let _ = writeln!(s, "\nWeek {} ({}, block {})", w.week, w.phase, w.block);
        for sess in &w.sessions {
            let heavy = if sess.heavy { ", heavy day" } else { "" };
            let _ = writeln!(
                s,
                "  Day {} ({}{heavy}, ~{} min)",
                sess.day, sess.location, sess.minutes
            );
            let warm = sess.warmup_words();
            let same_warm = unchanged(&mut warm_last, sess.day, &warm);
            if !compact || !same_warm {
                let _ = writeln!(s, "    Warm-up: {warm}");
            }
            for e in &sess.exercises {
                let id = e.id.as_str();
                let same_rest = unchanged(&mut rest_last, id, &e.rest_s);
                if compact && same_rest {
                    let _ = writeln!(s, "    {:<40} {:<width$} {}", e.name, dose(e), rpe(e.rpe));
                } else {
                    let _ = writeln!(
                        s,
                        "    {:<40} {:<width$} {}, rest {} s",
                        e.name,
                        dose(e),
                        rpe(e.rpe),
                        e.rest_s
                    );
                }
                let steps: Vec<String> = e
                    .ramp
                    .iter()
                    .flatten()
                    .map(|x| format!("{}% x {}", x.percent, x.reps))
                    .collect();
                let steps = steps.join(", ");
                let same_ramp = unchanged(&mut ramp_last, id, &steps);
                if !steps.is_empty() && (!compact || !same_ramp) {
                    let _ = writeln!(s, "      ramp up first: {steps}");
                } else if steps.is_empty() && compact && !same_ramp && seen.contains(&id) {
                    let _ = writeln!(s, "      no ramp sets this time");
                }
                if let Some(c) = &e.change {
                    let _ = writeln!(s, "      {c}");
                }
                // New in the plan (week 1, or the week it first appears): how to do it (S-FORM).
                if !seen.contains(&id) {
                    seen.push(id);
                    for cue in &e.cues {
                        let _ = writeln!(s, "      cue: {cue}");
                    }
                }
            }
        }
    }
    let peak = doc
        .weeks
        .iter()
        .filter(|w| !w.deload && w.block == 1)
        .max_by_key(|w| {
            (
                w.sessions
                    .iter()
                    .flat_map(|x| &x.exercises)
                    .map(|e| e.sets)
                    .sum::<u32>(),
                std::cmp::Reverse(w.week),
            )
        });
    let _ = writeln!(
        s,
        "\nWeekly sets against the range aimed for (week 1 -> the block's peak{}):",
        peak.map(|w| format!(", week {}", w.week))
            .unwrap_or_default()
    );
    for (m, [lo, hi]) in &doc.targets {
        let got = doc.weekly_sets.get(m).copied().unwrap_or(0.0);
        let top = peak.map(|w| volume(w, *m)).unwrap_or(got);
        let mark = if top < *lo {
            "  below"
        } else if top > *hi {
            "  above"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:<32} {:>5} -> {:>5}  (aim {}-{}){mark}",
            muscle_words(*m),
            got,
            top,
            lo,
            hi
        );
    }
    let _ = writeln!(s, "\nNotes:");
    for n in &doc.notes {
        let _ = writeln!(s, "  - {n}");
    }
    if explain {
        let _ = writeln!(
            s,
            "\nWhy each exercise (once, by the slot it fills; a reason held only in some weeks says which):"
        );
        for slot in why::gather(doc) {
            let _ = writeln!(s, "  {}:", why::slot_heading(slot.slot));
            for e in &slot.exercises {
                let _ = writeln!(s, "    {} ({})", e.name, why::weeks_words(&e.weeks));
                for line in e.lines() {
                    let _ = writeln!(s, "      - {line}");
                }
                let _ = writeln!(s, "      rules: {}", e.rules.join(", "));
                cited.extend(e.rules.iter().copied());
            }
        }
        if !doc.left_out.is_empty() {
            let _ = writeln!(s, "\nLeft out, and why:");
            let mut reasons: Vec<(&str, &str)> = doc
                .left_out
                .iter()
                .map(|l| (l.reason.as_str(), l.rule))
                .collect();
            reasons.sort();
            reasons.dedup();
            for (reason, rule) in reasons {
                let names: Vec<&str> = doc
                    .left_out
                    .iter()
                    .filter(|l| l.reason == reason)
                    .map(|l| l.name.as_str())
                    .collect();
                let _ = writeln!(s, "  - {reason} ({rule}): {}", names.join(", "));
                cited.push(rule);
            }
        }
        cited.extend(doc.rules_applied.iter().copied());
        cited.sort();
        cited.dedup();
        let _ = writeln!(s, "\nThe rules behind this plan:");
        for r in explained_rules(&cited) {
            let _ = writeln!(s, "  {r}");
        }
    } else {
        let _ = writeln!(s, "\nRules applied: {}", doc.rules_applied.join(", "));
        let _ = writeln!(s, "(--explain shows why each exercise was chosen, what it beat, what was left out, and each rule)");
    }
    s
}

/// Records `value` as the last one printed for `key`; true when it is the
/// same as the one before (so a later week need not print it again).
fn unchanged<K: PartialEq + Copy, V: PartialEq + Clone>(
    last: &mut Vec<(K, V)>,
    key: K,
    value: &V,
) -> bool {
    match last.iter_mut().find(|(k, _)| *k == key) {
        Some((_, v)) if v == value => true,
        Some((_, v)) => {
            *v = value.clone();
            false
        }
        None => {
            last.push((key, value.clone()));
            false
        }
    }
}
