//! A hand-written SVG chart for `upright progress --svg`: two panels sharing
//! a date axis, estimated 1RM per exercise (lines, in the person's unit) above
//! and back pain 0-10 (during and next morning, with the E-PAIN-MONITOR
//! limit of 5) below, with a title, axis labels, ticks and a legend. With an
//! endurance battery on record (E-MCGILL-ENDURANCE), two more panels on the
//! same date axis: each hold's time in seconds, one line per hold, and the
//! three ratios with their targets named in the legend.

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

/// The battery over time: one series per hold (seconds) and per ratio.
#[derive(Default)]
pub struct Battery {
    pub holds: Vec<Series>,
    pub ratios: Vec<Series>,
}

impl Battery {
    /// The chart's lines of a battery trend: each hold's scored times (a
    /// safer variant is a line of its own: its seconds are another test's),
    /// and each ratio with its target in the name.
    pub fn of(t: &upright_core::assess::BatteryTrend) -> Battery {
        use upright_core::assess::HoldStatus;
        let mut holds = Vec::new();
        for h in &t.holds {
            for standard in [true, false] {
                let points: Vec<(NaiveDate, f64)> = h
                    .points
                    .iter()
                    .filter(|p| {
                        matches!(p.status, HoldStatus::Done | HoldStatus::Capped)
                            && p.method.is_standard() == standard
                    })
                    .map(|p| (p.date, f64::from(p.seconds)))
                    .collect();
                if !points.is_empty() {
                    let name = if standard {
                        h.label.to_string()
                    } else {
                        format!("{} (safer variant)", h.label)
                    };
                    holds.push(Series { name, points });
                }
            }
        }
        let ratios = t
            .ratios
            .iter()
            .filter(|r| !r.points.is_empty())
            .map(|r| Series {
                name: format!("{} (target {})", r.label, r.target.describe()),
                points: r.points.iter().map(|p| (p.date, p.value)).collect(),
            })
            .collect();
        Battery { holds, ratios }
    }
}

const W: f64 = 960.0;
const H: f64 = 620.0;
/// The battery panels, below pain when there is a battery.
const TOP3: f64 = 610.0;
const BOTTOM3: f64 = 760.0;
const TOP4: f64 = 810.0;
const BOTTOM4: f64 = 930.0;
const H_BATTERY: f64 = 1000.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 740.0; // plot area's right edge; the legend sits beyond it
const TOP1: f64 = 80.0;
const BOTTOM1: f64 = 390.0;
const TOP2: f64 = 440.0;
const BOTTOM2: f64 = 560.0;
const COLOURS: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#7f7f7f", "#393b79",
];
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
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= want as f64)
        .unwrap_or(10.0 * mag);
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

pub fn render(
    title: &str,
    subtitle: &str,
    unit: &str,
    series: &[Series],
    pain: &[PainMark],
    battery: Option<&Battery>,
) -> String {
    let battery = battery.filter(|b| {
        b.holds
            .iter()
            .chain(&b.ratios)
            .any(|s| !s.points.is_empty())
    });
    let battery_dates = battery
        .into_iter()
        .flat_map(|b| b.holds.iter().chain(&b.ratios))
        .flat_map(|s| s.points.iter().map(|p| p.0));
    let dates = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .chain(pain.iter().map(|p| p.date))
        .chain(battery_dates);
    let (mut d0, mut d1) = dates.fold((None::<NaiveDate>, None::<NaiveDate>), |(a, b), d| {
        (
            Some(a.map_or(d, |a: NaiveDate| a.min(d))),
            Some(b.map_or(d, |b: NaiveDate| b.max(d))),
        )
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
    let x = |d: NaiveDate| {
        LEFT + ((d - d0).num_days() as f64 + pad) / (span + 2.0 * pad) * (RIGHT - LEFT)
    };

    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .collect();
    let (mut y_lo, mut y_hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    if values.is_empty() {
        (y_lo, y_hi) = (0.0, 100.0);
    }
    let pad = ((y_hi - y_lo) * 0.08).max(2.5);
    y_lo = (y_lo - pad).max(0.0);
    y_hi += pad;
    let ticks = nice_ticks(y_lo, y_hi, 6);
    let y1 = |v: f64| BOTTOM1 - (v - y_lo) / (y_hi - y_lo) * (BOTTOM1 - TOP1);
    let y2 = |v: f64| BOTTOM2 - v / 10.0 * (BOTTOM2 - TOP2);

    let h = if battery.is_some() { H_BATTERY } else { H };
    let mut s = String::with_capacity(16 * 1024);
    writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" viewBox="0 0 {W} {h}" font-family="sans-serif" font-size="12">"#
    )
    .unwrap();
    writeln!(s, "<title>{}</title>", esc(title)).unwrap();
    writeln!(s, r#"<rect width="{W}" height="{h}" fill="white"/>"#).unwrap();
    writeln!(
        s,
        r#"<text x="{LEFT}" y="30" font-size="18" font-weight="bold">{}</text>"#,
        esc(title)
    )
    .unwrap();
    writeln!(
        s,
        r##"<text x="{LEFT}" y="50" fill="#555">{}</text>"##,
        esc(subtitle)
    )
    .unwrap();

    // Panel frames and gridlines.
    for (top, bottom) in [(TOP1, BOTTOM1), (TOP2, BOTTOM2)] {
        writeln!(
            s,
            r##"<rect x="{LEFT}" y="{top}" width="{}" height="{}" fill="none" stroke="#333"/>"##,
            RIGHT - LEFT,
            bottom - top
        )
        .unwrap();
    }
    for t in &ticks {
        let y = y1(*t);
        if !(TOP1 - 0.5..=BOTTOM1 + 0.5).contains(&y) {
            continue;
        }
        writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#e5e5e5"/>"##
        )
        .unwrap();
        writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            y + 4.0,
            num(*t)
        )
        .unwrap();
    }
    for v in [0.0, 2.0, 4.0, 6.0, 8.0, 10.0] {
        let y = y2(v);
        writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#e5e5e5"/>"##
        )
        .unwrap();
        writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            y + 4.0,
            num(v)
        )
        .unwrap();
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
    let ticks_x = (0..)
        .map(|k| d0 + Days::new(k * step))
        .take_while(|d| *d <= d1);
    for d in ticks_x {
        let xx = x(d);
        for (top, bottom) in [(TOP1, BOTTOM1), (TOP2, BOTTOM2)] {
            writeln!(
                s,
                r##"<line x1="{xx:.1}" y1="{top}" x2="{xx:.1}" y2="{bottom}" stroke="#f0f0f0"/>"##
            )
            .unwrap();
            writeln!(
                s,
                r##"<line x1="{xx:.1}" y1="{bottom}" x2="{xx:.1}" y2="{:.1}" stroke="#333"/>"##,
                bottom + 5.0
            )
            .unwrap();
        }
        writeln!(
            s,
            r#"<text x="{xx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            BOTTOM1 + 18.0,
            d.format("%Y-%m-%d")
        )
        .unwrap();
        writeln!(
            s,
            r#"<text x="{xx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            BOTTOM2 + 18.0,
            d.format("%Y-%m-%d")
        )
        .unwrap();
        if battery.is_some() {
            for bottom in [BOTTOM3, BOTTOM4] {
                writeln!(
                    s,
                    r##"<line x1="{xx:.1}" y1="{bottom}" x2="{xx:.1}" y2="{:.1}" stroke="#333"/>"##,
                    bottom + 5.0
                )
                .unwrap();
                writeln!(
                    s,
                    r#"<text x="{xx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    bottom + 18.0,
                    d.format("%Y-%m-%d")
                )
                .unwrap();
            }
        }
    }
    writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">date</text>"#,
        (LEFT + RIGHT) / 2.0,
        BOTTOM2 + 40.0
    )
    .unwrap();
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
        let pts: Vec<String> = ser
            .points
            .iter()
            .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y1(*v)))
            .collect();
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
        writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            RIGHT + 40.0,
            legend_y + 4.0,
            esc(&ser.name)
        )
        .unwrap();
        legend_y += 18.0;
    }

    // Pain.
    if pain.is_empty() {
        writeln!(s, r##"<text x="{:.1}" y="{mid2:.1}" text-anchor="middle" fill="#777">no pain logged</text>"##, (LEFT + RIGHT) / 2.0)
            .unwrap();
    }
    for (during, colour, label) in [
        (true, DURING, "pain during"),
        (false, MORNING, "pain next morning"),
    ] {
        let marks: Vec<&PainMark> = pain.iter().filter(|p| p.during == during).collect();
        if marks.is_empty() {
            continue;
        }
        let pts: Vec<String> = marks
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.date), y2(p.score)))
            .collect();
        writeln!(
            s,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{}"/>"#,
            pts.join(" ")
        )
        .unwrap();
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
        writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{label}</text>"#,
            RIGHT + 40.0,
            ly + 4.0
        )
        .unwrap();
    }
    if let Some(b) = battery {
        let panel =
            |s: &mut String, top: f64, bottom: f64, label: &str, unit: &str, lines: &[Series]| {
                line_panel(
                    s,
                    &x,
                    Panel {
                        top,
                        bottom,
                        label,
                        unit,
                        lines,
                    },
                );
            };
        panel(&mut s, TOP3, BOTTOM3, "endurance hold (s)", "s", &b.holds);
        panel(&mut s, TOP4, BOTTOM4, "ratio", "", &b.ratios);
    }
    s.push_str("</svg>\n");
    s
}

/// One panel of lines over the shared date axis.
struct Panel<'a> {
    top: f64,
    bottom: f64,
    label: &'a str,
    unit: &'a str,
    lines: &'a [Series],
}

/// A framed panel with its own value axis from 0, a line and dots per
/// series (the dots name date and value) and a legend to the right.
fn line_panel(s: &mut String, x: &dyn Fn(NaiveDate) -> f64, p: Panel<'_>) {
    let Panel {
        top,
        bottom,
        label,
        unit,
        lines,
    } = p;
    let hi = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|q| q.1))
        .fold(0.0f64, f64::max);
    let hi = if hi > 0.0 { hi * 1.1 } else { 1.0 };
    let y = |v: f64| bottom - v / hi * (bottom - top);
    writeln!(
        s,
        r##"<rect x="{LEFT}" y="{top}" width="{}" height="{}" fill="none" stroke="#333"/>"##,
        RIGHT - LEFT,
        bottom - top
    )
    .unwrap();
    for t in nice_ticks(0.0, hi, 4) {
        let yy = y(t);
        writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{RIGHT}" y2="{yy:.1}" stroke="#e5e5e5"/>"##
        )
        .unwrap();
        writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            yy + 4.0,
            num_2(t)
        )
        .unwrap();
    }
    let mid = (top + bottom) / 2.0;
    writeln!(s, r#"<text x="24" y="{mid:.1}" text-anchor="middle" transform="rotate(-90 24 {mid:.1})">{}</text>"#, esc(label)).unwrap();
    let mut legend_y = top + 6.0;
    for (i, l) in lines.iter().enumerate() {
        let c = COLOURS[i % COLOURS.len()];
        let pts: Vec<String> = l
            .points
            .iter()
            .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v)))
            .collect();
        writeln!(s, r#"<polyline fill="none" stroke="{c}" stroke-width="2" points="{}"><title>{}</title></polyline>"#, pts.join(" "), esc(&l.name))
            .unwrap();
        for (d, v) in &l.points {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            writeln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{c}"><title>{} {}: {}{unit}</title></circle>"#,
                x(*d),
                y(*v),
                esc(&l.name),
                d.format("%Y-%m-%d"),
                num_2(*v)
            )
            .unwrap();
        }
        writeln!(
            s,
            r#"<line x1="{:.1}" y1="{legend_y:.1}" x2="{:.1}" y2="{legend_y:.1}" stroke="{c}" stroke-width="3"/>"#,
            RIGHT + 15.0,
            RIGHT + 35.0
        )
        .unwrap();
        writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="10">{}</text>"#,
            RIGHT + 40.0,
            legend_y + 4.0,
            esc(&l.name)
        )
        .unwrap();
        legend_y += 16.0;
    }
}

/// Ratios need their hundredths; seconds print whole.
fn num_2(x: f64) -> String {
    upright_core::coach::units::trim_number(x, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        let t = nice_ticks(93.0, 131.0, 6);
        assert!(
            t.len() <= 7
                && t.first().copied().unwrap() >= 93.0
                && t.windows(2).all(|w| (w[1] - w[0] - 10.0).abs() < 1e-9),
            "{t:?}"
        );
    }

    #[test]
    fn chart_has_title_axes_and_names() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let svg = render(
            "Deadlift & co",
            "as of 2026-02-01",
            "kg",
            &[Series {
                name: "Deadlift".into(),
                points: vec![(d("2026-01-05"), 120.0), (d("2026-01-19"), 125.0)],
            }],
            &[PainMark {
                date: d("2026-01-06"),
                score: 3.0,
                during: false,
            }],
            None,
        );
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(
            !svg.contains("endurance hold"),
            "no battery panel without a battery"
        );
        for needle in [
            "Deadlift &amp; co",
            "estimated 1RM (kg)",
            "pain (0-10)",
            "2026-01-05",
            ">Deadlift<",
            "pain next morning",
        ] {
            assert!(svg.contains(needle), "{needle}");
        }
    }

    /// An independent parser (Python's xml.dom.minidom) reads the SVG as
    /// well-formed XML; None when python3 is not installed.
    fn parses_as_xml(svg: &str) -> Option<bool> {
        use std::io::Write;
        let mut child = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())",
            ])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(svg.as_bytes()).ok()?;
        Some(child.wait().ok()?.success())
    }

    #[test]
    fn battery_panels_hold_one_line_per_hold_and_ratio_and_stay_xml() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let hold = |name: &str, a: f64, b: f64| Series {
            name: name.into(),
            points: vec![(d("2026-01-05"), a), (d("2026-02-16"), b)],
        };
        let battery = Battery {
            holds: vec![
                hold("trunk flexor", 120.0, 130.0),
                hold("Biering-Sørensen extensor", 150.0, 160.0),
                hold("side bridge right", 80.0, 86.0),
                hold("side bridge left <&>", 90.0, 88.0),
            ],
            ratios: vec![hold("flexion:extension (below 1.00)", 0.8, 0.81)],
        };
        let svg = render(
            "Progress",
            "as of 2026-03-01",
            "kg",
            &[],
            &[],
            Some(&battery),
        );
        for needle in [
            "endurance hold (s)",
            ">trunk flexor<",
            "side bridge left &lt;&amp;&gt;",
            "trunk flexor 2026-02-16: 130 s",
            "flexion:extension (below 1.00) 2026-01-05: 0.8<",
            "2026-02-16",
        ] {
            assert!(svg.contains(needle), "{needle}");
        }
        // Lines: four holds and one ratio (no e1RM or pain series here).
        assert_eq!(svg.matches("<polyline").count(), 5);
        assert!(svg.contains(&format!("height=\"{H_BATTERY}\"")));
        if let Some(ok) = parses_as_xml(&svg) {
            assert!(ok, "not well-formed XML: {svg}");
        } else {
            eprintln!("python3 not found: the XML check is skipped");
        }
        // A battery without any point draws no panel.
        let empty = Battery {
            holds: vec![Series {
                name: "x".into(),
                points: vec![],
            }],
            ratios: vec![],
        };
        assert!(!render("P", "s", "kg", &[], &[], Some(&empty)).contains("endurance hold"));
    }
}
