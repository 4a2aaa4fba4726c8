//! Scoring: times beside their norms, the three ratios beside their targets,
//! and the weakest link (E-MCGILL-ENDURANCE, E-BIERING-SORENSEN).

use super::protocol::{Method, PlannedTest, Protocol};
use super::{NormSex, Sex, Side, Test};
use crate::vocab::Muscle;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whole seconds accepted for any hold. 600 s is far past any plausible hold
/// (the cohort's longest mean is about 3 minutes), so more is a typo.
pub const HOLD_LIMITS: (i64, i64) = (1, 600);

/// The Sørensen stops at 240 s (E-BIERING-SORENSEN). A longer time is clamped
/// to 240, not refused: the person reached the cap, which is the result the
/// protocol records; the report marks it `capped`.
pub const SORENSEN_CAP_SECONDS: u32 = 240;

/// Shown with every report: what the numbers are and are not.
pub const DISCLAIMER: &str = "These norms are the mean times of young, healthy adults in one study (E-MCGILL-ENDURANCE). \
The times describe how long your trunk muscles held today; they do not diagnose anything about your back, \
a short time is not a sign of injury and a long one is no guarantee against it. If a test hurt, or you have \
back symptoms, ask a doctor or physiotherapist.";

/// A hold time or other field that cannot be scored, named as the user typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct AssessError {
    pub field: &'static str,
    pub message: String,
}

impl AssessError {
    fn new(field: &'static str, message: impl Into<String>) -> Self {
        AssessError {
            field,
            message: message.into(),
        }
    }
}

/// The times as they arrive (flags, the guided flow, a stored row); checked by [`score`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatteryInput {
    pub date: NaiveDate,
    /// male, female or unspecified (the default: compared with both tables).
    #[serde(default)]
    pub sex: Option<String>,
    #[serde(default)]
    pub flexor: Option<i64>,
    #[serde(default)]
    pub extensor: Option<i64>,
    #[serde(default)]
    pub side_right: Option<i64>,
    #[serde(default)]
    pub side_left: Option<i64>,
    /// Holds that pain stopped (test words); their times are kept but not scored.
    #[serde(default)]
    pub stopped_by_pain: Vec<String>,
}

impl BatteryInput {
    /// An input with no times yet, for callers that fill it in step by step.
    pub fn on(date: NaiveDate) -> BatteryInput {
        BatteryInput {
            date,
            sex: None,
            flexor: None,
            extensor: None,
            side_right: None,
            side_left: None,
            stopped_by_pain: Vec::new(),
        }
    }

    pub fn seconds(&self, test: Test) -> Option<i64> {
        match test {
            Test::Flexor => self.flexor,
            Test::Extensor => self.extensor,
            Test::SideRight => self.side_right,
            Test::SideLeft => self.side_left,
        }
    }
}

/// What became of one hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldStatus {
    /// Held to form failure.
    Done,
    /// Reached the Sørensen's 240 s cap.
    Capped,
    /// Pain ended it: logged as pain, not scored.
    StoppedByPain,
    /// Left out by the protocol.
    Skipped,
    /// In the protocol but no time was given.
    NotDone,
}

/// One norm table's mean beside the person's time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NormLine {
    pub sex: NormSex,
    pub seconds: u32,
    /// The person's time over the norm, two decimals; absent when the hold is not scored.
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldLine {
    pub test: Test,
    pub method: Method,
    pub seconds: Option<u32>,
    pub status: HoldStatus,
    /// The norms of the person's sex (both when unspecified); empty for variants,
    /// which have none.
    pub norms: Vec<NormLine>,
}

impl HoldLine {
    /// A time the ratios may use.
    fn scored(&self) -> Option<u32> {
        matches!(self.status, HoldStatus::Done | HoldStatus::Capped)
            .then_some(self.seconds)
            .flatten()
    }
    /// A time the norms and the standard ratios may use.
    fn scored_standard(&self) -> Option<u32> {
        self.scored().filter(|_| self.method.is_standard())
    }
    /// Time over the more lenient norm: a time is only called short when every
    /// table that applies calls it short.
    fn best_share(&self) -> Option<f64> {
        self.norms.iter().filter_map(|n| n.share).reduce(f64::max)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RatioKind {
    FlexionExtension,
    RightLeft,
    SideExtension,
}

impl RatioKind {
    pub const ALL: [RatioKind; 3] = [
        RatioKind::FlexionExtension,
        RatioKind::RightLeft,
        RatioKind::SideExtension,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RatioKind::FlexionExtension => "flexion:extension",
            RatioKind::RightLeft => "right:left side bridge",
            RatioKind::SideExtension => "side bridge:extension",
        }
    }

    /// The practitioner targets of E-MCGILL-ENDURANCE.
    pub fn target(self) -> Target {
        match self {
            RatioKind::FlexionExtension => Target::Below { below: 1.0 },
            RatioKind::RightLeft => Target::Within {
                within: 0.05,
                of: 1.0,
            },
            RatioKind::SideExtension => Target::Below { below: 0.75 },
        }
    }
}

/// A ratio's target, as numbers: `{"below": 1.0}` or `{"within": 0.05, "of": 1.0}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Target {
    Below { below: f64 },
    Within { within: f64, of: f64 },
}

impl Target {
    /// Judged in whole hundredths, the precision the report prints, so a
    /// ratio shown as 0.95 is within 0.05 of 1.00 and one shown as 1.00 is not below it.
    fn miss(self, hundredths: i64) -> Option<f64> {
        match self {
            Target::Below { below } => {
                let limit = to_hundredths(below);
                (hundredths >= limit).then(|| round2((hundredths - limit) as f64 / limit as f64))
            }
            Target::Within { within, of } => {
                let off = (hundredths - to_hundredths(of)).abs() - to_hundredths(within);
                (off > 0).then(|| round2(off as f64 / 100.0))
            }
        }
    }

    pub fn describe(self) -> String {
        match self {
            Target::Below { below } => format!("below {below:.2}"),
            Target::Within { within, of } => format!("{:.2} to {:.2}", of - within, of + within),
        }
    }
}

/// Side bridge:extension for each side (the reported value is the higher one).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SideRatios {
    pub right: Option<f64>,
    pub left: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioLine {
    pub ratio: RatioKind,
    pub label: &'static str,
    /// Two decimals; absent when a hold it needs was not scored.
    pub value: Option<f64>,
    pub target: Target,
    pub met: Option<bool>,
    /// How far outside the target, as a share of it (two decimals); 0 when met.
    pub miss: Option<f64>,
    /// For side bridge:extension: each side's ratio.
    pub sides: Option<SideRatios>,
    /// Why it is missing, or what to keep in mind reading it.
    pub note: Option<String>,
}

/// What the weakest link is: a ratio off its target, or (all ratios met) the
/// hold furthest below its norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    Ratio(RatioKind),
    Hold(Test),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakLink {
    pub link: Link,
    /// The muscle group behind it.
    pub muscle: Muscle,
    /// The weaker side, for an asymmetric side bridge.
    pub side: Option<Side>,
    /// How far off: beyond the ratio target, or below the norm, as a share (two decimals).
    pub miss: f64,
    /// Plain words.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub date: NaiveDate,
    pub sex: Sex,
    /// Done with the recovering-back protocol (S-RECOVERY).
    pub recovering: bool,
    pub holds: Vec<HoldLine>,
    pub ratios: Vec<RatioLine>,
    pub weakest_link: Option<WeakLink>,
    /// Holds swapped for safer variants or skipped, and why.
    pub substitutions: Vec<PlannedTest>,
    pub stopped_by_pain: Vec<Test>,
    pub notes: Vec<String>,
    pub disclaimer: &'static str,
    pub rules: Vec<&'static str>,
}

impl Report {
    pub fn hold(&self, test: Test) -> &HoldLine {
        self.holds
            .iter()
            .find(|h| h.test == test)
            .expect("a report has a line for every test")
    }
    pub fn ratio(&self, kind: RatioKind) -> &RatioLine {
        self.ratios
            .iter()
            .find(|r| r.ratio == kind)
            .expect("a report has a line for every ratio")
    }
}

/// Validates the times against the protocol they were taken with and scores them.
pub fn score(input: &BatteryInput, protocol: &Protocol) -> Result<Report, AssessError> {
    let sex = match &input.sex {
        Some(s) => s.parse::<Sex>().map_err(|e| AssessError::new("sex", e))?,
        None => Sex::Unspecified,
    };
    let mut pain: Vec<Test> = Vec::new();
    for w in &input.stopped_by_pain {
        let t = w
            .parse::<Test>()
            .map_err(|e| AssessError::new("stopped_by_pain", e))?;
        if input.seconds(t).is_none() {
            return Err(AssessError::new(
                "stopped_by_pain",
                format!("'{t}' has no time; give the seconds held before the pain stopped it"),
            ));
        }
        if !pain.contains(&t) {
            pain.push(t);
        }
    }
    pain.sort();
    if Test::ALL.iter().all(|&t| input.seconds(t).is_none()) {
        return Err(AssessError::new(
            "holds",
            format!(
                "no hold time given; accepted: seconds for at least one of {}",
                Test::WORDS.join(", ")
            ),
        ));
    }

    let mut holds = Vec::with_capacity(4);
    for test in Test::ALL {
        holds.push(hold_line(
            test,
            input.seconds(test),
            protocol,
            sex,
            pain.contains(&test),
        )?);
    }
    let ratios: Vec<RatioLine> = RatioKind::ALL
        .iter()
        .map(|&k| ratio_line(k, &holds))
        .collect();
    let weakest_link = weakest_link(&holds, &ratios, sex);

    let mut notes = Vec::new();
    for &t in &pain {
        let s = holds[t as usize].seconds.unwrap_or(0);
        notes.push(format!(
            "The {} was stopped by pain at {s} s: it is logged as pain and not scored. If the back is worse tomorrow morning, ease off (E-PAIN-MONITOR).",
            t.describe()
        ));
    }
    if holds[Test::Extensor as usize].status == HoldStatus::Capped {
        notes.push(format!(
            "The back extensor hold reached the {SORENSEN_CAP_SECONDS} s cap of the Sørensen (E-BIERING-SORENSEN) and counts as {SORENSEN_CAP_SECONDS} s, so ratios with it lean to the cautious side."
        ));
    }
    if holds
        .iter()
        .any(|h| h.seconds.is_some() && !h.method.is_standard())
    {
        notes.push(
            "Holds done as safer variants have no norms: compare them with your own earlier results, not with the tables."
                .into(),
        );
    }

    let mut rules = vec!["R-ENDURE", "E-MCGILL-ENDURANCE"];
    if holds[Test::Extensor as usize].method == Method::Sorensen
        && holds[Test::Extensor as usize].seconds.is_some()
    {
        rules.push("E-BIERING-SORENSEN");
    }
    if protocol.recovering {
        rules.push("S-RECOVERY");
    }
    if !pain.is_empty() {
        rules.push("E-PAIN-MONITOR");
    }

    Ok(Report {
        date: input.date,
        sex,
        recovering: protocol.recovering,
        holds,
        ratios,
        weakest_link,
        substitutions: protocol.changes().cloned().collect(),
        stopped_by_pain: pain,
        notes,
        disclaimer: DISCLAIMER,
        rules,
    })
}

fn hold_line(
    test: Test,
    given: Option<i64>,
    protocol: &Protocol,
    sex: Sex,
    pain: bool,
) -> Result<HoldLine, AssessError> {
    let field = test.as_str();
    let planned = protocol.planned(test);
    let method = planned.map_or(Method::Skipped, |p| p.method);
    let (seconds, status) = match given {
        Some(_) if method == Method::Skipped => {
            let why = planned
                .and_then(|p| p.reason.as_deref())
                .unwrap_or("not in this protocol");
            return Err(AssessError::new(
                field,
                format!("is skipped in this protocol ({why}); leave it out"),
            ));
        }
        Some(x) if x < HOLD_LIMITS.0 || x > HOLD_LIMITS.1 => {
            let cap = if method == Method::Sorensen {
                format!(" (a Sørensen past {SORENSEN_CAP_SECONDS} s is recorded as {SORENSEN_CAP_SECONDS})")
            } else {
                String::new()
            };
            return Err(AssessError::new(
                field,
                format!(
                    "{x} is out of range; accepted: whole seconds from {} to {}{cap}",
                    HOLD_LIMITS.0, HOLD_LIMITS.1
                ),
            ));
        }
        Some(x) => {
            let x = x as u32;
            if pain {
                (Some(x), HoldStatus::StoppedByPain)
            } else if method == Method::Sorensen && x >= SORENSEN_CAP_SECONDS {
                // Exactly 240 is the cap reached too: the guided stopwatch stops there.
                (Some(SORENSEN_CAP_SECONDS), HoldStatus::Capped)
            } else {
                (Some(x), HoldStatus::Done)
            }
        }
        None if method == Method::Skipped => (None, HoldStatus::Skipped),
        None => (None, HoldStatus::NotDone),
    };
    let scored = matches!(status, HoldStatus::Done | HoldStatus::Capped);
    let norms = if method.is_standard() {
        sex.norms()
            .iter()
            .map(|&ns| {
                let norm = test.norm(ns);
                NormLine {
                    sex: ns,
                    seconds: norm,
                    share: seconds
                        .filter(|_| scored)
                        .map(|s| round2(s as f64 / norm as f64)),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(HoldLine {
        test,
        method,
        seconds,
        status,
        norms,
    })
}

fn ratio_line(kind: RatioKind, holds: &[HoldLine]) -> RatioLine {
    let target = kind.target();
    let h = |t: Test| &holds[t as usize];
    let mut line = RatioLine {
        ratio: kind,
        label: kind.label(),
        value: None,
        target,
        met: None,
        miss: None,
        sides: None,
        note: None,
    };
    let set = |line: &mut RatioLine, hundredths: i64| {
        let miss = target.miss(hundredths);
        line.value = Some(hundredths as f64 / 100.0);
        line.met = Some(miss.is_none());
        line.miss = Some(miss.unwrap_or(0.0));
    };
    match kind {
        RatioKind::FlexionExtension => match (
            h(Test::Flexor).scored_standard(),
            h(Test::Extensor).scored_standard(),
        ) {
            (Some(f), Some(e)) => set(&mut line, ratio_hundredths(f, e)),
            _ => line.note = Some(missing_note(&[h(Test::Flexor), h(Test::Extensor)])),
        },
        RatioKind::RightLeft => {
            let (r, l) = (h(Test::SideRight), h(Test::SideLeft));
            match (r.scored(), l.scored()) {
                // A variant on both sides still compares like with like.
                (Some(rs), Some(ls)) if r.method == l.method => {
                    set(&mut line, ratio_hundredths(rs, ls));
                    if !r.method.is_standard() {
                        line.note = Some(format!("from the {} on both sides", r.method.describe()));
                    }
                }
                (Some(_), Some(_)) => {
                    line.note = Some("the two sides were tested differently".into())
                }
                _ => line.note = Some(missing_note(&[r, l])),
            }
        }
        RatioKind::SideExtension => {
            let e = h(Test::Extensor).scored_standard();
            let side =
                |t: Test| e.and_then(|e| h(t).scored_standard().map(|s| ratio_hundredths(s, e)));
            let (r, l) = (side(Test::SideRight), side(Test::SideLeft));
            // Each side is judged on its own: a mean would let one side past 0.75 unseen.
            match r.into_iter().chain(l).max() {
                Some(worst) => {
                    set(&mut line, worst);
                    line.sides = Some(SideRatios {
                        right: r.map(|x| x as f64 / 100.0),
                        left: l.map(|x| x as f64 / 100.0),
                    });
                    if r.is_none() || l.is_none() {
                        line.note = Some("from one side only".into());
                    }
                }
                None => {
                    line.note = Some(missing_note(&[
                        h(Test::Extensor),
                        h(Test::SideRight),
                        h(Test::SideLeft),
                    ]));
                }
            }
        }
    }
    line
}

/// Why a ratio could not be computed, naming the first hold that blocks it.
fn missing_note(needed: &[&HoldLine]) -> String {
    for h in needed {
        let why = match h.status {
            HoldStatus::Skipped => "was skipped",
            HoldStatus::NotDone => "has no time",
            HoldStatus::StoppedByPain => "was stopped by pain",
            _ if !h.method.is_standard() => "was a variant, which the targets do not cover",
            _ => continue,
        };
        return format!("not measured: the {} {why}", h.test.describe());
    }
    "not measured".into()
}

fn weakest_link(holds: &[HoldLine], ratios: &[RatioLine], sex: Sex) -> Option<WeakLink> {
    let h = |t: Test| &holds[t as usize];
    // Extensor-side ratios first on ties: poor extensor endurance is the finding
    // with a prospective link to back trouble (E-BIERING-SORENSEN).
    let order = [
        RatioKind::FlexionExtension,
        RatioKind::SideExtension,
        RatioKind::RightLeft,
    ];
    let failing = order
        .iter()
        .filter_map(|&k| ratios.iter().find(|r| r.ratio == k && r.met == Some(false)))
        .fold(None::<&RatioLine>, |best, r| match best {
            Some(b) if b.miss >= r.miss => Some(b),
            _ => Some(r),
        });
    if let Some(r) = failing {
        let value = r.value.unwrap_or_default();
        let miss = r.miss.unwrap_or_default();
        let target = r.target.describe();
        let e = h(Test::Extensor).seconds.unwrap_or(0);
        return Some(match r.ratio {
            RatioKind::FlexionExtension => WeakLink {
                link: Link::Ratio(r.ratio),
                muscle: Muscle::SpinalErectors,
                side: None,
                miss,
                text: format!(
                    "Back extensor endurance: your back extensor hold ({e} s) gives out before your trunk flexor hold ({} s). Flexion:extension is {value:.2}; the target is {target}.",
                    h(Test::Flexor).seconds.unwrap_or(0)
                ),
            },
            RatioKind::SideExtension => {
                let sides = r.sides.unwrap_or(SideRatios { right: None, left: None });
                let side = if sides.right >= sides.left { "right" } else { "left" };
                WeakLink {
                    link: Link::Ratio(r.ratio),
                    muscle: Muscle::SpinalErectors,
                    side: None,
                    miss,
                    text: format!(
                        "Back extensor endurance: your side bridges last long next to your back extensor hold ({e} s). Side bridge:extension is {value:.2} on the {side}; the target is {target}."
                    ),
                }
            }
            RatioKind::RightLeft => {
                let (rs, ls) = (h(Test::SideRight).seconds.unwrap_or(0), h(Test::SideLeft).seconds.unwrap_or(0));
                let (weak, weak_s, strong, strong_s) =
                    if rs < ls { (Side::Right, rs, "left", ls) } else { (Side::Left, ls, "right", rs) };
                let name = if weak == Side::Right { "Right" } else { "Left" };
                WeakLink {
                    link: Link::Ratio(r.ratio),
                    muscle: Muscle::Obliques,
                    side: Some(weak),
                    miss,
                    text: format!(
                        "{name} side of the trunk: your {} side bridge ({weak_s} s) gives out before your {strong} one ({strong_s} s). Right:left is {value:.2}; the target is {target}.",
                        weak.as_str()
                    ),
                }
            }
        });
    }
    // Every ratio met (or none measured): the hold furthest below its norm, if any is below.
    let (test, share) = Test::ALL
        .iter()
        .filter_map(|&t| h(t).best_share().map(|s| (t, s)))
        .fold(None::<(Test, f64)>, |best, (t, s)| match best {
            Some((_, bs)) if bs <= s => best,
            _ => Some((t, s)),
        })?;
    if share >= 1.0 {
        return None;
    }
    let line = h(test);
    let norm_words = match sex {
        Sex::Unspecified => format!(
            "the lower of the norms for men and women ({} s and {} s)",
            test.norm(NormSex::Male),
            test.norm(NormSex::Female)
        ),
        _ => {
            let n = &line.norms[0];
            format!("the norm for {} ({} s)", n.sex.describe(), n.seconds)
        }
    };
    let (muscle, group) = match test {
        Test::Flexor => (Muscle::Abs, "Trunk flexors"),
        Test::Extensor => (Muscle::SpinalErectors, "Back extensor endurance"),
        Test::SideRight | Test::SideLeft => (Muscle::Obliques, "Side of the trunk"),
    };
    Some(WeakLink {
        link: Link::Hold(test),
        muscle,
        side: None,
        miss: round2(1.0 - share),
        text: format!(
            "{group}: no ratio is off its target, and your {} ({} s) is the hold furthest below its norm, at {:.0}% of {norm_words}.",
            test.describe(),
            line.seconds.unwrap_or(0),
            share * 100.0
        ),
    })
}

fn ratio_hundredths(num: u32, den: u32) -> i64 {
    (num as f64 * 100.0 / den as f64).round() as i64
}

fn to_hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
