//! `pain`: back pain on the 0-10 scale the progression engine reads
//! (E-PAIN-MONITOR), during a session or the next morning.
//!
//! A next-morning entry is dated on the morning itself (the day after the
//! session): one dated on a planned session day is logged with a question.

use crate::{day_or, not_future, Actor, App, AppError, AppResult};
use chrono::NaiveDate;
use serde::Serialize;
use upright_core::coach::advice::{pain_advice, PainAdvice};
use upright_core::coach::PainWhen;
use upright_core::text::echo;
use upright_store::{PainEntry, PainTiming};

#[derive(Debug, Clone, Default)]
pub struct PainRequest {
    pub score: String,
    /// `during` or `next-morning`.
    pub when: String,
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PainLogged {
    pub id: i64,
    pub score: u8,
    pub when: PainWhen,
    pub date: NaiveDate,
    pub advice: PainAdvice,
    /// Things worth asking (a next-morning entry on a session day).
    pub notes: Vec<String>,
}

/// A whole number from 0 to 10.
pub fn parse_score(s: &str) -> AppResult<u8> {
    s.trim()
        .parse::<u8>()
        .ok()
        .filter(|x| *x <= 10)
        .ok_or_else(|| {
            AppError::bad(
                "score",
                format!(
                    "'{}' is not accepted; accepted: a whole number from 0 (no pain) to 10 (worst)",
                    echo(s)
                ),
            )
        })
}

/// `during` or `next-morning`.
pub fn parse_when(s: &str) -> AppResult<PainWhen> {
    s.parse::<PainWhen>()
        .map_err(|e| AppError::bad("when", e.to_string()))
}

pub(crate) fn timing(w: PainWhen) -> PainTiming {
    match w {
        PainWhen::During => PainTiming::During,
        PainWhen::NextMorning => PainTiming::NextMorning,
    }
}

pub(crate) fn when_of(t: PainTiming) -> PainWhen {
    match t {
        PainTiming::During => PainWhen::During,
        PainTiming::NextMorning => PainWhen::NextMorning,
    }
}

/// Stored pain scores as core reads them (about the back in general).
pub(crate) fn scores(rows: &[upright_store::PainEntry]) -> Vec<upright_core::coach::PainEntry> {
    rows.iter()
        .map(|r| upright_core::coach::PainEntry {
            date: r.date,
            score: r.score,
            when: when_of(r.timing),
            baseline: None,
            exercise: None,
        })
        .collect()
}

/// Stored pain entries as core reads them (about the back in general).
pub(crate) fn entries(rows: &[upright_store::PainRow]) -> Vec<upright_core::coach::PainEntry> {
    rows.iter()
        .map(|r| upright_core::coach::PainEntry {
            date: r.entry.date,
            score: r.entry.score,
            when: when_of(r.entry.timing),
            baseline: None,
            exercise: None,
        })
        .collect()
}

impl App {
    pub async fn pain(
        &self,
        me: &Actor,
        req: PainRequest,
        today: NaiveDate,
    ) -> AppResult<PainLogged> {
        let score = parse_score(&req.score)?;
        let when = parse_when(&req.when)?;
        let date = day_or("date", req.date.as_deref(), today)?;
        not_future("date", date, today)?;
        let note = crate::log::parse_note(req.note.as_deref())?;
        let earlier = self
            .store
            .pain_entries(me.id, None, date.pred_opt())
            .await?;
        let previous_morning = earlier
            .iter()
            .rev()
            .find(|r| r.entry.timing == PainTiming::NextMorning)
            .map(|r| r.entry.score);
        let mut notes = Vec::new();
        if when == PainWhen::NextMorning {
            if let Some(active) = self.active(me).await? {
                if active.programme().is_session_day(date) {
                    notes.push(format!(
                        "{} is a session day: a next-morning score is dated on the morning after the session; if this is about the session before, fine; if it is about today's session, log it again tomorrow",
                        upright_core::coach::dates::iso(date)
                    ));
                }
            }
        }
        let id = self
            .store
            .log_pain(
                me.id,
                &PainEntry {
                    date,
                    score,
                    timing: timing(when),
                    note,
                },
            )
            .await?;
        let advice = pain_advice(
            when,
            score,
            if when == PainWhen::NextMorning {
                previous_morning
            } else {
                None
            },
        );
        Ok(PainLogged {
            id: id.0,
            score,
            when,
            date,
            advice,
            notes,
        })
    }
}
