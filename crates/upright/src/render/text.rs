//! Plain text for a terminal.

use super::{dose, explained_rules, rpe};
use std::fmt::Write as _;
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
    for w in &doc.weeks {
        let _ = writeln!(s, "\nWeek {} ({})", w.week, w.phase);
        for sess in &w.sessions {
            let heavy = if sess.heavy { ", heavy day" } else { "" };
            let _ = writeln!(s, "  Day {} ({}{heavy}, ~{} min)", sess.day, sess.location, sess.minutes);
            for e in &sess.exercises {
                let _ = writeln!(s, "    {:<34} {:<28} {}, rest {} s", e.name, dose(e), rpe(e.rpe), e.rest_s);
                if explain {
                    for why in &e.why {
                        let _ = writeln!(s, "        - {why}");
                    }
                    for r in explained_rules(&e.rules) {
                        let _ = writeln!(s, "        {r}");
                    }
                }
            }
        }
    }
    let _ = writeln!(s, "\nWeekly sets (week 1) against targets:");
    for (m, [lo, hi]) in &doc.targets {
        let got = doc.weekly_sets.get(m).copied().unwrap_or(0.0);
        let mark = if got < *lo { "  below" } else if got > *hi { "  above" } else { "" };
        let _ = writeln!(s, "  {:<16} {:>5}  (target {}-{}){mark}", m.as_str(), got, lo, hi);
    }
    if let Some(o) = &doc.optimizer {
        let _ = writeln!(s, "\nOptimiser: {} (objective {}, {} candidates, {} nodes)", o.status, o.objective, o.candidates, o.nodes);
    }
    let _ = writeln!(s, "\nNotes:");
    for n in &doc.notes {
        let _ = writeln!(s, "  - {n}");
    }
    let _ = writeln!(s, "\nRules applied: {}", doc.rules_applied.join(", "));
    if !explain {
        let _ = writeln!(s, "(--explain shows the rules behind each exercise)");
    }
    s
}
