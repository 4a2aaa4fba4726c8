//! Markdown, for notes apps and sharing with a coach.

use super::{dose, explained_rules, rpe, why};
use std::fmt::Write as _;
use upright_core::plan::PlanDocument;

pub fn plan(doc: &PlanDocument, explain: bool) -> String {
    let mut s = String::new();
    if let Some(r) = &doc.referral {
        let urgency = r.urgency.as_str();
        let _ = writeln!(
            s,
            "# No training plan: referral ({urgency})\n\n{}\n\nRules: {}",
            r.reason,
            r.rules.join(", ")
        );
        return s;
    }
    let p = &doc.profile;
    let goals: Vec<&str> = p.goals.iter().map(|g| g.as_str()).collect();
    let _ = writeln!(s, "# Back + core plan: {}\n", goals.join(" + "));
    let _ = writeln!(
        s,
        "{} · {} day(s) a week · {} minutes · {} weeks\n",
        p.level, p.days, p.minutes, p.weeks
    );
    for w in &doc.weeks {
        let _ = writeln!(s, "## Week {} ({})\n", w.week, w.phase);
        for sess in &w.sessions {
            let heavy = if sess.heavy { ", heavy day" } else { "" };
            let _ = writeln!(
                s,
                "### Day {} ({}{heavy}, ~{} min)\n",
                sess.day, sess.location, sess.minutes
            );
            let _ = writeln!(
                s,
                "| Exercise | Dose | Effort | Rest | Rules |\n|---|---|---|---|---|"
            );
            for e in &sess.exercises {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} s | {} |",
                    e.name,
                    dose(e),
                    rpe(e.rpe),
                    e.rest_s,
                    e.rules.join(", ")
                );
            }
            s.push('\n');
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for e in doc
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .flat_map(|x| &x.exercises)
    {
        if e.cues.is_empty() || seen.contains(&e.id.as_str()) {
            continue;
        }
        if seen.is_empty() {
            let _ = writeln!(s, "## Form cues (S-FORM)\n");
        }
        seen.push(&e.id);
        let _ = writeln!(s, "- **{}**: {}", e.name, e.cues.join(" "));
    }
    if !seen.is_empty() {
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "## Weekly sets (week 1)\n\n| Muscle | Sets | Aim |\n|---|---|---|"
    );
    for (m, [lo, hi]) in &doc.targets {
        let _ = writeln!(
            s,
            "| {} | {} | {}-{} |",
            upright_core::plan::notes::muscle_words(*m),
            doc.weekly_sets.get(m).copied().unwrap_or(0.0),
            lo,
            hi
        );
    }
    let _ = writeln!(s, "\n## Notes\n");
    for n in &doc.notes {
        let _ = writeln!(s, "- {n}");
    }
    if explain {
        explanation(&mut s, doc);
    } else {
        let _ = writeln!(s, "\nRules applied: {}", doc.rules_applied.join(", "));
    }
    s
}

/// --explain: each exercise once by the slot it fills, what was left out, and
/// every rule cited with its summary once.
fn explanation(s: &mut String, doc: &PlanDocument) {
    let mut cited: Vec<&str> = Vec::new();
    let _ = writeln!(
        s,
        "\n## Why each exercise\n\nOnce each, by the slot it fills; a reason held only in some weeks says which."
    );
    for slot in why::gather(doc) {
        let _ = writeln!(s, "\n### {}\n", why::slot_heading(slot.slot));
        for e in &slot.exercises {
            let _ = writeln!(s, "- **{}** ({})", e.name, why::weeks_words(&e.weeks));
            for line in e.lines() {
                let _ = writeln!(s, "  - {line}");
            }
            let _ = writeln!(s, "  - rules: {}", e.rules.join(", "));
            cited.extend(e.rules.iter().copied());
        }
    }
    if !doc.left_out.is_empty() {
        let _ = writeln!(s, "\n## Left out, and why\n");
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
            let _ = writeln!(s, "- {reason} ({rule}): {}", names.join(", "));
            cited.push(rule);
        }
    }
    cited.extend(doc.rules_applied.iter().copied());
    cited.sort();
    cited.dedup();
    let _ = writeln!(s, "\n## The rules behind this plan\n");
    for r in explained_rules(&cited) {
        let _ = writeln!(s, "- {r}");
    }
}
