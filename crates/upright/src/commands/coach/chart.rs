//! A hand-written SVG chart for `upright progress --svg`: two panels sharing
//! a date axis, estimated 1RM per exercise (lines, in the person's unit) above
//! and back pain 0-10 (during and next morning, with the E-PAIN-MONITOR
//! limit of 5) below, with a title, axis labels, ticks and a legend.

use chrono::{Days, NaiveDate};
use std::fmt::Write as _;

pub struct Series {
    pub name: String,
    pub points: Vec<(NaiveDate, f64)>,
}

pub struct PainMark {
    pub date: NaiveDate,
    pub score: f64,
    pub during: bool,
}

const W: f64 = 960.0;
const H: f64 = 620.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 740.0; // plot area's right edge; the legend sits beyond it
const TOP1: f64 = 80.0;
const BOTTOM1: f64 = 390.0;
const TOP2: f64 = 440.0;
const BOTTOM2: f64 = 560.0;
const COLOURS: [&str; 10] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79"];
const DURING: &str = "#d62728";
const MORNING: &str = "#6a3d9a";

/// XML-escaped text, without the control characters XML forbids (an
/// exercise name from a user catalog may hold them).
pub fn esc(s: &str) -> String {
    upright_core::text::xml_text(s)
}

/// Round numbers for an axis from `lo` to `hi`: (start, step, count).
fn nice_ticks(lo: f64, hi: f64, want: usize) -> Vec<f64> {
    let span = (hi - lo).max(1e-9);
    let raw = span / want as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| span / s <= want as f64).unwrap_or(10.0 * mag);
    let mut v = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while v <= hi + step * 1e-9 {
        out.push((v * 1e6).round() / 1e6);
        v += step;
    }
    out
}

fn num(x: f64) -> String {
    upright_core::coach::units::trim_number(x, 1)
}

pub fn render(title: &str, subtitle: &str, unit: &str, series: &[Series], pain: &[PainMark]) -> String {
    let dates = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).chain(pain.iter().map(|p| p.date));
    let (mut d0, mut d1) = dates.fold((None::<NaiveDate>, None::<NaiveDate>), |(a, b), d| {
        (Some(a.map_or(d, |a: NaiveDate| a.min(d))), Some(b.map_or(d, |b: NaiveDate| b.max(d))))
    });
    if d0.is_none() {
        let today = chrono::Local::now().date_naive();
        (d0, d1) = (Some(today), Some(today));
    }
    let (mut d0, mut d1) = (d0.unwrap(), d1.unwrap());
    if (d1 - d0).num_days() < 7 {
        d0 = d0 - Days::new(3);
        d1 = d1 + Days::new(3);
    }
    let span = (d1 - d0).num_days() as f64;
    // A little room at both ends so the first and last points clear the frame.
    let pad = (span / 40.0).max(0.5);
    let x = |d: NaiveDate| LEFT + ((d - d0).num_days() as f64 + pad) / (span + 2.0 * pad) * (RIGHT - LEFT);

    let values: Vec<f64> = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).collect();
    let (mut y_lo, mut y_hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    if values.is_empty() {
        (y_lo, y_hi) = (0.0, 100.0);
    }
    let pad = ((y_hi - y_lo) * 0.08).max(2.5);
    y_lo = (y_lo - pad).max(0.0);
    y_hi += pad;
    let ticks = nice_ticks(y_lo, y_hi, 6);
    let y1 = |v: f64| BOTTOM1 - (v - y_lo) / (y_hi - y_lo) * (BOTTOM1 - TOP1);
    let y2 = |v: f64| BOTTOM2 - v / 10.0 * (BOTTOM2 - TOP2);

    let mut s = String::with_capacity(16 * 1024);
    writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    )
    .unwrap();
    writeln!(s, "<title>{}</title>", esc(title)).unwrap();
    writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#).unwrap();
    writeln!(s, r#"<text x="{LEFT}" y="30" font-size="18" font-weight="bold">{}</text>"#, esc(title)).unwrap();
    writeln!(s, r##"<text x="{LEFT}" y="50" fill="#555">{}</text>"##, esc(subtitle)).unwrap();

    // Panel frames and gridlines.
    for (top, bottom) in [(TOP1, BOTTOM1), (TOP2, BOTTOM2)] {
        writeln!(s, r##"<rect x="{LEFT}" y="{top}" width="{}" height="{}" fill="none" stroke="#333"/>"##, RIGHT - LEFT, bottom - top)
            .unwrap();
    }
    for t in &ticks {
        let y = y1(*t);
        if !(TOP1 - 0.5..=BOTTOM1 + 0.5).contains(&y) {
            continue;
        }
        writeln!(s, r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#e5e5e5"/>"##).unwrap();
        writeln!(s, r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#, LEFT - 6.0, y + 4.0, num(*t)).unwrap();
    }
    for v in [0.0, 2.0, 4.0, 6.0, 8.0, 10.0] {
        let y = y2(v);
        writeln!(s, r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#e5e5e5"/>"##).unwrap();
        writeln!(s, r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#, LEFT - 6.0, y + 4.0, num(v)).unwrap();
    }
    // The E-PAIN-MONITOR limit.
    let y5 = y2(5.0);
    writeln!(s, r##"<line x1="{LEFT}" y1="{y5:.1}" x2="{RIGHT}" y2="{y5:.1}" stroke="{DURING}" stroke-dasharray="6 4"/>"##).unwrap();
    writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" fill="{DURING}" text-anchor="end" font-size="10">limit 5 (E-PAIN-MONITOR)</text>"##,
        RIGHT - 4.0,
        y5 - 4.0
    )
    .unwrap();

    // Date axis: at most seven ticks a whole number of days, weeks, months or years apart.
    let step = [1u64, 2, 3, 7, 14, 28, 56, 91, 182, 365, 730, 1461, 3652]
        .into_iter()
        .find(|s| span / *s as f64 <= 6.0)
        .unwrap_or_else(|| (span / 6.0).ceil() as u64);
    let ticks_x = (0..).map(|k| d0 + Days::new(k * step)).take_while(|d| *d <= d1);
    for d in ticks_x {
        let xx = x(d);
        for (top, bottom) in [(TOP1, BOTTOM1), (TOP2, BOTTOM2)] {
            writeln!(s, r##"<line x1="{xx:.1}" y1="{top}" x2="{xx:.1}" y2="{bottom}" stroke="#f0f0f0"/>"##).unwrap();
            writeln!(s, r##"<line x1="{xx:.1}" y1="{bottom}" x2="{xx:.1}" y2="{:.1}" stroke="#333"/>"##, bottom + 5.0).unwrap();
        }
        writeln!(s, r#"<text x="{xx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#, BOTTOM1 + 18.0, d.format("%Y-%m-%d")).unwrap();
        writeln!(s, r#"<text x="{xx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#, BOTTOM2 + 18.0, d.format("%Y-%m-%d")).unwrap();
    }
    writeln!(s, r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">date</text>"#, (LEFT + RIGHT) / 2.0, BOTTOM2 + 40.0).unwrap();
    let mid1 = (TOP1 + BOTTOM1) / 2.0;
    let mid2 = (TOP2 + BOTTOM2) / 2.0;
    writeln!(
        s,
        r#"<text x="24" y="{mid1:.1}" text-anchor="middle" transform="rotate(-90 24 {mid1:.1})">estimated 1RM ({})</text>"#,
        esc(unit)
    )
    .unwrap();
    writeln!(s, r#"<text x="24" y="{mid2:.1}" text-anchor="middle" transform="rotate(-90 24 {mid2:.1})">pain (0-10)</text>"#).unwrap();

    // e1RM lines.
    if series.is_empty() {
        writeln!(
            s,
            r##"<text x="{:.1}" y="{mid1:.1}" text-anchor="middle" fill="#777">no loaded sets of 12 reps or fewer logged yet</text>"##,
            (LEFT + RIGHT) / 2.0
        )
        .unwrap();
    }
    let mut legend_y = TOP1 + 6.0;
    for (i, ser) in series.iter().enumerate() {
        let c = COLOURS[i % COLOURS.len()];
        let pts: Vec<String> = ser.points.iter().map(|(d, v)| format!("{:.1},{:.1}", x(*d), y1(*v))).collect();
        writeln!(
            s,
            r#"<polyline fill="none" stroke="{c}" stroke-width="2" points="{}"><title>{}</title></polyline>"#,
            pts.join(" "),
            esc(&ser.name)
        )
        .unwrap();
        if ser.points.len() <= 80 {
            for (d, v) in &ser.points {
                writeln!(
                    s,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{c}"><title>{} {}: {} {}</title></circle>"#,
                    x(*d),
                    y1(*v),
                    esc(&ser.name),
                    d.format("%Y-%m-%d"),
                    num(*v),
                    esc(unit)
                )
                .unwrap();
            }
        }
        writeln!(
            s,
            r#"<line x1="{:.1}" y1="{legend_y:.1}" x2="{:.1}" y2="{legend_y:.1}" stroke="{c}" stroke-width="3"/>"#,
            RIGHT + 15.0,
            RIGHT + 35.0
        )
        .unwrap();
        writeln!(s, r#"<text x="{:.1}" y="{:.1}">{}</text>"#, RIGHT + 40.0, legend_y + 4.0, esc(&ser.name)).unwrap();
        legend_y += 18.0;
    }

    // Pain.
    if pain.is_empty() {
        writeln!(s, r##"<text x="{:.1}" y="{mid2:.1}" text-anchor="middle" fill="#777">no pain logged</text>"##, (LEFT + RIGHT) / 2.0)
            .unwrap();
    }
    for (during, colour, label) in [(true, DURING, "pain during"), (false, MORNING, "pain next morning")] {
        let marks: Vec<&PainMark> = pain.iter().filter(|p| p.during == during).collect();
        if marks.is_empty() {
            continue;
        }
        let pts: Vec<String> = marks.iter().map(|p| format!("{:.1},{:.1}", x(p.date), y2(p.score))).collect();
        writeln!(s, r#"<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{}"/>"#, pts.join(" ")).unwrap();
        if marks.len() <= 200 {
            for p in &marks {
                writeln!(
                    s,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="{colour}"><title>{label} {}: {}/10</title></circle>"#,
                    x(p.date),
                    y2(p.score),
                    p.date.format("%Y-%m-%d"),
                    num(p.score)
                )
                .unwrap();
            }
        }
        let ly = if during { TOP2 + 6.0 } else { TOP2 + 24.0 };
        writeln!(
            s,
            r#"<line x1="{:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="3"/>"#,
            RIGHT + 15.0,
            RIGHT + 35.0
        )
        .unwrap();
        writeln!(s, r#"<text x="{:.1}" y="{:.1}">{label}</text>"#, RIGHT + 40.0, ly + 4.0).unwrap();
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let t = nice_ticks(93.0, 131.0, 6);
        assert!(t.len() <= 7 && t.first().copied().unwrap() >= 93.0 && t.windows(2).all(|w| (w[1] - w[0] - 10.0).abs() < 1e-9), "{t:?}");
    }

    #[test]
    fn chart_has_title_axes_and_names() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let svg = render(
            "Deadlift & co",
            "as of 2026-02-01",
            "kg",
            &[Series { name: "Deadlift".into(), points: vec![(d("2026-01-05"), 120.0), (d("2026-01-19"), 125.0)] }],
            &[PainMark { date: d("2026-01-06"), score: 3.0, during: false }],
        );
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        for needle in ["Deadlift &amp; co", "estimated 1RM (kg)", "pain (0-10)", "2026-01-05", ">Deadlift<", "pain next morning"] {
            assert!(svg.contains(needle), "{needle}");
        }
    }
}
