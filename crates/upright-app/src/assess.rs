//! `assess`: the torso endurance battery (E-MCGILL-ENDURANCE). Times in,
//! the report out (core's `assess::score`), the battery stored as entered
//! and re-scored on every read, pain that stopped a hold logged as pain in
//! the same transaction.
//!
//! Safety first: the screen runs on the person's active plan profile (or, with
//! none, on what the request says) with the request's pain state and red
//! flags laid over it. A referral or acute pain means no test
//! ([`Assessed::Refused`]); a recovering back gets the safer variants, and
//! the report says which.

use crate::{day_or, not_future, Actor, App, AppError, AppResult};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use upright_core::assess::{self, BatteryInput, Method, Protocol, Refusal, Report, Test};
use upright_core::profile::{Profile, ProfileInput};
use upright_core::text::echo;
use upright_store::{AssessmentRow, HoldRecord, NewAssessment, PainEntry, PainTiming};

/// What the safety screen needs to know today, as typed; each given value
/// replaces the active plan profile's.
#[derive(Debug, Clone, Default)]
pub struct ScreenRequest {
    /// none, recovering or acute.
    pub pain: Option<String>,
    pub red_flags: Vec<String>,
    pub age: Option<String>,
}

/// A hold that pain stopped, with how bad it was (0-10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PainStop {
    pub test: String,
    pub score: String,
}

#[derive(Debug, Clone, Default)]
pub struct AssessRequest {
    /// The day of the battery [default: today].
    pub date: Option<String>,
    /// male, female or unspecified [default: unspecified].
    pub sex: Option<String>,
    /// Whole seconds, as typed.
    pub flexor: Option<String>,
    pub extensor: Option<String>,
    pub side_right: Option<String>,
    pub side_left: Option<String>,
    pub pain_stops: Vec<PainStop>,
    pub screen: ScreenRequest,
}

/// What recording a battery came to.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Assessed {
    /// No test today (S-ACUTE, S-REDFLAG): nothing was written.
    Refer(Refusal),
    /// Stored, with its report.
    Recorded(Recorded),
}

#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub id: i64,
    pub report: Report,
    /// Pain entries written for holds pain stopped.
    pub pain_logged: usize,
    pub next_retest: NaiveDate,
    /// The active plan's start when there is one: it was made before this
    /// battery, so a new `plan --save` is what adapts it.
    pub active_plan_start: Option<NaiveDate>,
}

/// A stored battery, re-scored.
#[derive(Debug, Clone, Serialize)]
pub struct StoredBattery {
    pub id: i64,
    pub recorded_at: DateTime<Utc>,
    #[serde(flatten)]
    pub report: Report,
}

/// Seconds as typed ("95", "95s"); the range is `assess::score`'s to check.
pub fn parse_seconds(field: &str, s: &str) -> AppResult<i64> {
    let t = s.trim();
    let t = t.strip_suffix('s').unwrap_or(t).trim_end();
    t.parse::<i64>().map_err(|_| {
        AppError::bad(
            field,
            format!(
                "'{}' is not a whole number of seconds; accepted: {} to {}",
                echo(s),
                assess::HOLD_LIMITS.0,
                assess::HOLD_LIMITS.1
            ),
        )
    })
}

/// The field as a person types it (`side-right`, not `side_right`).
fn flag_name(field: &str) -> String {
    field.replace('_', "-")
}

fn assess_error(e: assess::AssessError) -> AppError {
    AppError::bad(flag_name(e.field), e.message)
}

/// A stored battery scored again: the protocol as recorded, the times as entered.
pub(crate) fn report_of(row: &AssessmentRow) -> AppResult<Report> {
    let a = &row.assessment;
    let mut methods = Vec::with_capacity(4);
    for (test, h) in Test::ALL.into_iter().zip(a.holds()) {
        let m = Method::parse(&h.method).ok_or_else(|| {
            AppError::internal(format!(
                "stored battery {} has an unknown method '{}'",
                row.id,
                echo(&h.method)
            ))
        })?;
        methods.push((test, m));
    }
    let protocol = Protocol::as_recorded(a.recovering, &methods);
    let secs = |h: &HoldRecord| h.seconds.map(i64::from);
    let input = BatteryInput {
        date: a.date,
        sex: Some(a.sex.clone()),
        flexor: secs(&a.flexor),
        extensor: secs(&a.extensor),
        side_right: secs(&a.side_right),
        side_left: secs(&a.side_left),
        stopped_by_pain: Test::ALL
            .into_iter()
            .zip(a.holds())
            .filter(|(_, h)| h.stopped_by_pain)
            .map(|(t, _)| t.as_str().to_string())
            .collect(),
    };
    assess::score(&input, &protocol)
        .map_err(|e| AppError::internal(format!("stored battery {} cannot be scored: {e}", row.id)))
}

impl App {
    /// The profile the screen runs on: the active plan's, with the request's
    /// pain, red flags and age over it; without a plan, only those.
    async fn screen_profile(&self, me: &Actor, req: &ScreenRequest) -> AppResult<Profile> {
        let over = ProfileInput {
            pain: req.pain.clone(),
            red_flags: (!req.red_flags.is_empty()).then(|| req.red_flags.clone()),
            age: req
                .age
                .as_deref()
                .map(|a| {
                    a.trim().parse::<i64>().map_err(|_| {
                        AppError::bad(
                            "age",
                            format!("'{}' is not a whole number of years", echo(a)),
                        )
                    })
                })
                .transpose()?,
            ..Default::default()
        };
        let base = match self.active(me).await? {
            Some(active) => {
                let p = &active.profile;
                ProfileInput {
                    goals: Some(p.goals.iter().map(|g| g.as_str().to_string()).collect()),
                    level: Some(p.level.as_str().to_string()),
                    // The screen reads none of these; the profile needs them to be valid.
                    equipment: Some(vec!["mat".into()]),
                    pain: Some(p.pain.as_str().to_string()),
                    red_flags: Some(p.red_flags.iter().map(|f| f.as_str().to_string()).collect()),
                    age: p.age.map(i64::from),
                    ..Default::default()
                }
            }
            None => ProfileInput {
                goals: Some(vec!["general".into()]),
                level: Some("beginner".into()),
                equipment: Some(vec!["mat".into()]),
                ..Default::default()
            },
        };
        Ok(over.layered_over(base).into_profile()?)
    }

    /// Whether the battery may be done today, and how: the protocol (with
    /// the guide a terminal walks through), or the refusal.
    pub async fn assess_protocol(
        &self,
        me: &Actor,
        req: &ScreenRequest,
    ) -> AppResult<Result<Protocol, Refusal>> {
        let profile = self.screen_profile(me, req).await?;
        Ok(assess::protocol_for_profile(&profile))
    }

    /// Scores and stores a battery, with the pain that stopped any hold.
    pub async fn assess(
        &self,
        me: &Actor,
        req: AssessRequest,
        today: NaiveDate,
    ) -> AppResult<Assessed> {
        let date = day_or("date", req.date.as_deref(), today)?;
        not_future("date", date, today)?;
        let mut input = BatteryInput::on(date);
        input.sex = req.sex.as_ref().map(|s| s.trim().to_ascii_lowercase());
        for (slot, field, given) in [
            (&mut input.flexor, "flexor", &req.flexor),
            (&mut input.extensor, "extensor", &req.extensor),
            (&mut input.side_right, "side-right", &req.side_right),
            (&mut input.side_left, "side-left", &req.side_left),
        ] {
            *slot = given
                .as_deref()
                .map(|s| parse_seconds(field, s))
                .transpose()?;
        }
        let mut scores = Vec::new();
        for stop in &req.pain_stops {
            let test = stop
                .test
                .parse::<Test>()
                .map_err(|e| AppError::bad("stopped-by-pain", e))?;
            let score = crate::pain::parse_score(&stop.score)
                .map_err(|e| AppError::bad("pain-score", e.message))?;
            input.stopped_by_pain.push(test.as_str().to_string());
            scores.push((test, score));
        }
        let protocol = match self.assess_protocol(me, &req.screen).await? {
            Ok(p) => p,
            Err(refusal) => return Ok(Assessed::Refer(refusal)),
        };
        let report = assess::score(&input, &protocol).map_err(assess_error)?;
        let hold = |test: Test| HoldRecord {
            seconds: input.seconds(test).map(|s| s as u32),
            method: protocol.method(test).as_str().to_string(),
            stopped_by_pain: report.stopped_by_pain.contains(&test),
        };
        let record = NewAssessment {
            date,
            sex: serde_json::to_value(report.sex)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_else(|| "unspecified".into()),
            recovering: report.recovering,
            flexor: hold(Test::Flexor),
            extensor: hold(Test::Extensor),
            side_right: hold(Test::SideRight),
            side_left: hold(Test::SideLeft),
        };
        // One entry per hold pain stopped, the worst score given for it.
        let mut pain: Vec<PainEntry> = Vec::new();
        for &test in &report.stopped_by_pain {
            let score = scores
                .iter()
                .filter(|(t, _)| *t == test)
                .map(|(_, s)| *s)
                .max()
                .unwrap_or(0);
            pain.push(PainEntry {
                date,
                score,
                timing: PainTiming::During,
                note: Some(format!(
                    "stopped the {} at {} s (endurance battery)",
                    test.describe(),
                    input.seconds(test).unwrap_or(0)
                )),
            });
        }
        let id = self.store.record_assessment(me.id, &record, &pain).await?;
        let active_plan_start = self.store.active_plan(me.id).await?.map(|p| p.start_date);
        Ok(Assessed::Recorded(Recorded {
            id: id.0,
            next_retest: assess::next_retest(date),
            report,
            pain_logged: pain.len(),
            active_plan_start,
        }))
    }

    /// Every stored battery, oldest first, each scored again.
    pub async fn assess_history(&self, me: &Actor) -> AppResult<Vec<StoredBattery>> {
        self.store
            .assessments(me.id, None, None)
            .await?
            .iter()
            .map(|row| {
                Ok(StoredBattery {
                    id: row.id.0,
                    recorded_at: row.created_at,
                    report: report_of(row)?,
                })
            })
            .collect()
    }

    /// The latest battery on or before `on` (any when `None`), scored.
    pub(crate) async fn latest_battery(
        &self,
        me: &Actor,
        on: Option<NaiveDate>,
    ) -> AppResult<Option<Report>> {
        self.store
            .latest_assessment(me.id, on)
            .await?
            .as_ref()
            .map(report_of)
            .transpose()
    }

    /// The person's batteries up to `to`, scored, oldest first.
    pub(crate) async fn batteries(
        &self,
        me: &Actor,
        to: Option<NaiveDate>,
    ) -> AppResult<Vec<Report>> {
        self.store
            .assessments(me.id, None, to)
            .await?
            .iter()
            .map(report_of)
            .collect()
    }
}
