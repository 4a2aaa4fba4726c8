//! Batteries over time, for `progress`: each hold's times and each ratio's
//! values, oldest first, and how the latest compares with the first.

use super::protocol::Method;
use super::score::{HoldStatus, RatioKind, Report, Target};
use super::Test;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatteryTrend {
    /// How many batteries the trend is made of.
    pub batteries: usize,
    pub first: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    pub holds: Vec<HoldSeries>,
    pub ratios: Vec<RatioSeries>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldSeries {
    pub test: Test,
    pub label: &'static str,
    /// Every battery with a time for this hold.
    pub points: Vec<HoldPoint>,
    /// Latest scored time minus the first, seconds; only when both were held
    /// the same way (a variant is not compared with the standard hold).
    pub change_s: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldPoint {
    pub date: NaiveDate,
    pub seconds: u32,
    pub method: Method,
    pub status: HoldStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioSeries {
    pub ratio: RatioKind,
    pub label: &'static str,
    pub target: Target,
    /// Every battery where the ratio could be computed.
    pub points: Vec<RatioPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioPoint {
    pub date: NaiveDate,
    pub value: f64,
    pub met: bool,
}

/// The trend of `reports`, which come oldest first.
pub fn trend(reports: &[Report]) -> BatteryTrend {
    let holds = Test::ALL
        .iter()
        .map(|&test| {
            let points: Vec<HoldPoint> = reports
                .iter()
                .filter_map(|r| {
                    let h = r.hold(test);
                    h.seconds.map(|seconds| HoldPoint {
                        date: r.date,
                        seconds,
                        method: h.method,
                        status: h.status,
                    })
                })
                .collect();
            let scored: Vec<&HoldPoint> = points
                .iter()
                .filter(|p| matches!(p.status, HoldStatus::Done | HoldStatus::Capped))
                .collect();
            let change_s = match (scored.first(), scored.last()) {
                (Some(a), Some(b)) if scored.len() > 1 && a.method == b.method => {
                    Some(i64::from(b.seconds) - i64::from(a.seconds))
                }
                _ => None,
            };
            HoldSeries {
                test,
                label: test.describe(),
                points,
                change_s,
            }
        })
        .collect();
    let ratios = RatioKind::ALL
        .iter()
        .map(|&kind| RatioSeries {
            ratio: kind,
            label: kind.label(),
            target: kind.target(),
            points: reports
                .iter()
                .filter_map(|r| {
                    let line = r.ratio(kind);
                    Some(RatioPoint {
                        date: r.date,
                        value: line.value?,
                        met: line.met?,
                    })
                })
                .collect(),
        })
        .collect();
    BatteryTrend {
        batteries: reports.len(),
        first: reports.first().map(|r| r.date),
        latest: reports.last().map(|r| r.date),
        holds,
        ratios,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{score, BatteryInput, Protocol};

    fn report(date: &str, times: [i64; 4], protocol: &Protocol) -> Report {
        let mut i = BatteryInput::on(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap());
        [i.flexor, i.extensor, i.side_right, i.side_left] = times.map(Some);
        score(&i, protocol).unwrap()
    }

    #[test]
    fn e_mcgill_endurance_trend_follows_times_and_ratios() {
        let std = Protocol::standard();
        let t = trend(&[
            report("2026-01-05", [120, 100, 80, 90], &std),
            report("2026-02-02", [120, 150, 85, 88], &std),
        ]);
        assert_eq!(t.batteries, 2);
        let ext = &t.holds[Test::Extensor as usize];
        assert_eq!(
            ext.points.iter().map(|p| p.seconds).collect::<Vec<_>>(),
            vec![100, 150]
        );
        assert_eq!(ext.change_s, Some(50));
        // flexion:extension 120/100 = 1.20 (missed), then 120/150 = 0.80 (met).
        let fe = &t.ratios[0];
        assert_eq!(fe.ratio, RatioKind::FlexionExtension);
        let got: Vec<(f64, bool)> = fe.points.iter().map(|p| (p.value, p.met)).collect();
        assert_eq!(got, vec![(1.2, false), (0.8, true)]);
    }

    #[test]
    fn s_recovery_variants_are_not_compared_with_the_standard_hold() {
        let t = trend(&[
            report("2026-01-05", [120, 60, 40, 40], &Protocol::recovering()),
            report("2026-02-02", [120, 150, 85, 88], &Protocol::standard()),
        ]);
        assert_eq!(t.holds[Test::Extensor as usize].points.len(), 2);
        assert_eq!(t.holds[Test::Extensor as usize].change_s, None);
        assert_eq!(t.holds[Test::Flexor as usize].change_s, Some(0));
        // The variants feed no flexion:extension ratio.
        assert_eq!(t.ratios[0].points.len(), 1);
    }
}
