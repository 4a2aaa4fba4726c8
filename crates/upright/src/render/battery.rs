//! The endurance battery in plain words: each time beside the norms for the
//! person's sex (both tables when unspecified), the three ratios beside their
//! targets, the weakest link, what was swapped and why, and the disclaimer.

use std::fmt::Write as _;
use upright_core::assess::{
    BatteryTrend, HoldLine, HoldStatus, Link, RatioKind, RatioLine, Refusal, Report, Sex, Side,
};
use upright_core::coach::dates::show_date;

fn pct(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn hold_time(h: &HoldLine) -> String {
    match (h.seconds, h.status) {
        (_, HoldStatus::Skipped) => "skipped".into(),
        (None, _) => "not done".into(),
        (Some(s), HoldStatus::Capped) => format!("{s} s (the 240 s cap)"),
        (Some(s), _) => format!("{s} s"),
    }
}

fn hold_comment(h: &HoldLine) -> String {
    if h.status == HoldStatus::StoppedByPain {
        return "stopped by pain: logged as pain, not scored".into();
    }
    if h.seconds.is_none() {
        return String::new();
    }
    if !h.method.is_standard() {
        return format!(
            "as a {} (no norm: compare with your own earlier times)",
            h.method.describe()
        );
    }
    let norms: Vec<String> = h
        .norms
        .iter()
        .map(|n| match n.share {
            Some(s) => format!("{} {} s ({} of it)", n.sex.describe(), n.seconds, pct(s)),
            None => format!("{} {} s", n.sex.describe(), n.seconds),
        })
        .collect();
    format!("norm: {}", norms.join("; "))
}

fn ratio_value(r: &RatioLine) -> String {
    match (r.value, r.met) {
        (Some(v), Some(true)) => format!("{v:.2} on target"),
        (Some(v), _) => format!("{v:.2} off target"),
        (None, _) => "-".into(),
    }
}

fn sex_words(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "the norms for men",
        Sex::Female => "the norms for women",
        Sex::Unspecified => "the norms for men and for women (you preferred not to say)",
    }
}

/// The report of one battery.
pub fn report(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Torso endurance battery, {}: your times beside {}.",
        show_date(r.date),
        sex_words(r.sex)
    );
    if r.recovering {
        let _ = writeln!(s, "Done the recovering-back way (S-RECOVERY).");
    }
    let _ = writeln!(
        s,
        "\nHolds (the norm is the mean time of young, healthy adults):"
    );
    for h in &r.holds {
        let _ = writeln!(
            s,
            "  {:<20} {:<22} {}",
            h.test.describe(),
            hold_time(h),
            hold_comment(h)
        )
        .map(|_| ());
    }
    let _ = writeln!(s, "\nRatios against their targets:");
    for x in &r.ratios {
        let mut line = format!(
            "  {:<24} {:<16} target {}",
            x.label,
            ratio_value(x),
            x.target.describe()
        );
        if let Some(sides) = x.sides {
            let side = |v: Option<f64>| v.map_or("-".into(), |v| format!("{v:.2}"));
            line.push_str(&format!(
                " (right {}, left {})",
                side(sides.right),
                side(sides.left)
            ));
        }
        if let Some(n) = &x.note {
            line.push_str(&format!("; {n}"));
        }
        let _ = writeln!(s, "{}", line.trim_end());
    }
    match &r.weakest_link {
        Some(w) => {
            let _ = writeln!(s, "\nWeakest link: {}", w.text);
        }
        None => {
            let _ = writeln!(s, "\nWeakest link: none found: every ratio measured meets its target and no hold is below its norm.");
        }
    }
    if !r.substitutions.is_empty() {
        let _ = writeln!(s, "\nChanged for your back:");
        for t in &r.substitutions {
            let why = t.reason.as_deref().unwrap_or("");
            let rules = if t.rules.is_empty() {
                String::new()
            } else {
                format!(" ({})", t.rules.join(", "))
            };
            let _ = writeln!(
                s,
                "  - {}: {} instead; {why}{rules}",
                t.test.describe(),
                t.method.describe()
            );
        }
    }
    if !r.notes.is_empty() {
        let _ = writeln!(s, "\nNotes:");
        for n in &r.notes {
            let _ = writeln!(s, "  - {n}");
        }
    }
    let _ = writeln!(s, "\n{}", r.disclaimer);
    let _ = writeln!(s, "\nRules: {}", r.rules.join(", "));
    s
}

/// No test today: the refusal, as `plan` prints a referral.
pub fn refusal(r: &Refusal) -> String {
    let urgency = r
        .referral
        .as_ref()
        .map_or("see-a-clinician", |x| x.urgency.as_str());
    format!(
        "NO ENDURANCE TEST: referral ({urgency})\n\n{}\n\nRules: {}\n",
        r.reason,
        r.rules.join(", ")
    )
}

/// A short name for the weakest link, for one-line listings.
pub fn link_words(r: &Report) -> String {
    let Some(w) = &r.weakest_link else {
        return "none".into();
    };
    match w.link {
        Link::Ratio(RatioKind::FlexionExtension | RatioKind::SideExtension) => {
            "back extensors".into()
        }
        Link::Ratio(RatioKind::RightLeft) => {
            format!("{} side of the trunk", w.side.map_or("one", Side::as_str))
        }
        Link::Hold(t) => t.describe().to_string(),
    }
}

fn cell(h: &HoldLine) -> String {
    match h.seconds {
        None => "-".into(),
        Some(s) => {
            let mark = if h.status == HoldStatus::StoppedByPain {
                "!"
            } else if !h.method.is_standard() {
                "*"
            } else {
                ""
            };
            format!("{s}{mark}")
        }
    }
}

fn ratio_cell(r: &RatioLine) -> String {
    match (r.value, r.met) {
        (Some(v), Some(false)) => format!("{v:.2}x"),
        (Some(v), _) => format!("{v:.2}"),
        _ => "-".into(),
    }
}

/// `assess --history`: one line a battery.
pub fn history(items: &[(i64, &Report)]) -> String {
    let mut s = String::new();
    if items.is_empty() {
        let _ = writeln!(s, "No endurance battery recorded yet: `upright assess` guides you through one on a terminal, or give the times with --flexor, --extensor, --side-right and --side-left.");
        return s;
    }
    let _ = writeln!(
        s,
        "Endurance batteries ({}), hold times in seconds:",
        items.len()
    );
    let _ = writeln!(
        s,
        "  {:<4} {:<10} {:>7} {:>8} {:>7} {:>7}  {:>9} {:>6} {:>9}  weakest link",
        "id", "date", "flexor", "extensor", "side R", "side L", "flex:ext", "R:L", "side:ext"
    );
    for (id, r) in items {
        let h = |i: usize| cell(&r.holds[i]);
        let x = |i: usize| ratio_cell(&r.ratios[i]);
        let _ = writeln!(
            s,
            "  {:<4} {:<10} {:>7} {:>8} {:>7} {:>7}  {:>9} {:>6} {:>9}  {}",
            id,
            r.date,
            h(0),
            h(1),
            h(2),
            h(3),
            x(0),
            x(1),
            x(2),
            link_words(r)
        );
    }
    let _ = writeln!(s, "  (* a safer variant, no norm; ! stopped by pain, not scored; x off target. Targets: flexion:extension below 1.00, right:left 0.95 to 1.05, side bridge:extension below 0.75.)");
    s
}

/// `progress`: each hold's times and each ratio over the batteries.
pub fn trend(t: &BatteryTrend) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\nEndurance battery (E-MCGILL-ENDURANCE): {} test(s), {} to {}",
        t.batteries,
        t.first.map(|d| d.to_string()).unwrap_or_default(),
        t.latest.map(|d| d.to_string()).unwrap_or_default()
    );
    for h in &t.holds {
        let pts: Vec<String> = h
            .points
            .iter()
            .map(|p| {
                let mark = if p.status == HoldStatus::StoppedByPain {
                    "!"
                } else if !p.method.is_standard() {
                    "*"
                } else {
                    ""
                };
                format!("{} {}s{mark}", p.date, p.seconds)
            })
            .collect();
        let change = h
            .change_s
            .map(|c| format!(" ({c:+} s)"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {:<24} {}{change}",
            h.label,
            if pts.is_empty() {
                "-".into()
            } else {
                pts.join(", ")
            }
        );
    }
    for r in &t.ratios {
        let pts: Vec<String> = r
            .points
            .iter()
            .map(|p| format!("{} {:.2}{}", p.date, p.value, if p.met { "" } else { "x" }))
            .collect();
        let _ = writeln!(
            s,
            "  {:<24} {} (target {})",
            r.label,
            if pts.is_empty() {
                "-".into()
            } else {
                pts.join(", ")
            },
            r.target.describe()
        );
    }
    let _ = writeln!(s, "  (* a safer variant; ! stopped by pain; x off target)");
    s
}
