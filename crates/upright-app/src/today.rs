//! `today`: the day's session of the active plan, each exercise with a
//! concrete load in the person's unit and the coach's decision (core's
//! `coach::today`), from the sets logged before that day and the pain
//! entries up to it. Opens with a line about recent pain.

use crate::active::Active;
use crate::{Actor, App, AppResult};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use upright_core::coach::dates::{iso, show_date};
use upright_core::coach::programme::{group_sessions, Slot};
use upright_core::coach::today::{prescribe, ExerciseToday, TodayInput};
use upright_core::coach::units::trim_number;
use upright_core::coach::{PainEntry, PainWhen, SetEntry};

/// What `today` shows (the JSON shape).
#[derive(Debug, Clone, Serialize)]
pub struct Today {
    pub date: String,
    /// "session", "rest", "not-started" (before the plan's start) or "finished" (after its last week).
    pub status: &'static str,
    pub plan_id: i64,
    pub start: String,
    /// The day after the plan's last week.
    pub end: String,
    pub unit: &'static str,
    pub weeks: usize,
    pub days: u8,
    pub week: Option<u32>,
    pub day: Option<u32>,
    pub deload: bool,
    pub phase: Option<String>,
    pub location: Option<String>,
    pub minutes: Option<f64>,
    pub exercises: Vec<ExerciseToday>,
    pub next_session: Option<NextSession>,
    pub message: String,
    /// About recent back pain (the last 7 days), when there was any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextSession {
    pub date: String,
    pub week: u32,
    pub day: u32,
}

fn next_session(active: &Active, s: Slot) -> NextSession {
    let w = &active.doc.weeks[s.week];
    NextSession {
        date: iso(s.date),
        week: u32::from(w.week),
        day: u32::from(w.sessions[s.session].day),
    }
}

/// One line about the last week's pain (E-PAIN-MONITOR; S-ACUTE at 8 or more).
pub fn pain_line(pain: &[PainEntry], date: NaiveDate) -> Option<String> {
    let from = date - Days::new(7);
    let recent: Vec<&PainEntry> = pain
        .iter()
        .filter(|p| p.date >= from && p.date <= date)
        .collect();
    let worst = recent.iter().max_by_key(|p| (p.score, p.date))?;
    let when = match worst.when {
        PainWhen::During => "during a session",
        PainWhen::NextMorning => "the next morning",
    };
    let head = format!(
        "Recent back pain: up to {}/10 ({when}, {}).",
        worst.score,
        iso(worst.date)
    );
    Some(match worst.score {
        8.. => format!("{head} Severe: if it persists or is bad at rest, seek medical advice before training on (S-ACUTE)."),
        6..=7 => format!("{head} Above 5 is not acceptable: today's session is held back (E-PAIN-MONITOR)."),
        3..=5 => format!("{head} Acceptable (3-5), but no progression while it lasts (E-PAIN-MONITOR)."),
        _ => format!("{head} Safe (0-2)."),
    })
}

impl App {
    pub async fn today(
        &self,
        me: &Actor,
        date: Option<&str>,
        today: NaiveDate,
    ) -> AppResult<Today> {
        let date = crate::day_or("date", date, today)?;
        let active = self.require_active(me, "today").await?;
        let unit = me.unit;
        let programme = active.programme();
        let calendar = programme.calendar();
        let slot = calendar.iter().find(|s| s.date == date).copied();
        let next = calendar.iter().find(|s| s.date > date).copied();
        let pain_rows = self.store.pain_entries(me.id, None, Some(date)).await?;
        let pain = crate::pain::entries(&pain_rows);
        let mut t = Today {
            date: iso(date),
            status: "session",
            plan_id: active.stored.id.0,
            start: iso(programme.start),
            end: iso(programme.end()),
            unit: unit.as_str(),
            weeks: active.doc.weeks.len(),
            days: active.profile.days,
            week: None,
            day: None,
            deload: false,
            phase: None,
            location: None,
            minutes: None,
            exercises: Vec::new(),
            next_session: next.map(|s| next_session(&active, s)),
            message: String::new(),
            pain: pain_line(&pain, date),
        };
        if let Some(wi) = programme.week_index(date) {
            let w = &active.doc.weeks[wi];
            t.week = Some(u32::from(w.week));
            t.deload = w.deload;
            t.phase = Some(w.phase.to_string());
        }
        let when = |n: &NextSession| {
            format!(
                "next session: {} (week {}, day {})",
                n.date_shown(),
                n.week,
                n.day
            )
        };
        let Some(slot) = slot else {
            (t.status, t.message) = if date < programme.start {
                (
                    "not-started",
                    format!(
                        "no session: your plan starts on {}; {}.",
                        show_date(programme.start),
                        t.next_session.as_ref().map(when).unwrap_or_default()
                    ),
                )
            } else if let Some(n) = &t.next_session {
                (
                    "rest",
                    format!("rest day, no session planned; {}.", when(n)),
                )
            } else {
                let end = programme.end();
                (
                    "finished",
                    format!(
                        "no session: your {}-week plan ended on {}; make the next one with `upright plan ... --save`.",
                        t.weeks,
                        show_date(end.pred_opt().unwrap_or(end))
                    ),
                )
            };
            return Ok(t);
        };
        let week = &active.doc.weeks[slot.week];
        let session = &week.sessions[slot.session];
        t.day = Some(u32::from(session.day));
        t.location = Some(session.location.to_string());
        t.minutes = Some(session.minutes);
        for pe in &session.exercises {
            let rows = self
                .store
                .sets_for(me.id, Some(&pe.id), None, date.pred_opt())
                .await?;
            // Warm-ups (imported ones are marked) never feed progression.
            let history = group_sessions(
                rows.iter().filter(|r| r.kind != upright_store::SetKind::WarmUp).map(|r| {
                    (
                        r.date,
                        SetEntry {
                            reps: r.reps,
                            load_kg: r.load_kg,
                            hold_s: r.hold_s,
                            rpe: r.rpe,
                        },
                    )
                }),
                |d| programme.is_deload(d),
            );
            t.exercises.push(prescribe(&TodayInput {
                planned: pe,
                catalog: &self.catalog,
                level: active.profile.level,
                recovering: active.profile.recovering(),
                unit,
                deload_week: week.deload,
                history: &history,
                pain: &pain,
            }));
        }
        t.message = format!(
            "Week {} of {}{}, day {} of {}: {} session, about {} min.",
            week.week,
            t.weeks,
            if week.deload { " (deload)" } else { "" },
            session.day,
            active.profile.days,
            session.location,
            trim_number(session.minutes, 0)
        );
        Ok(t)
    }
}

impl NextSession {
    /// "Monday 2026-01-05".
    pub fn date_shown(&self) -> String {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(show_date)
            .unwrap_or_else(|_| self.date.clone())
    }
}
