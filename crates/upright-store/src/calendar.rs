//! The `calendar_events` table (what the last calendar export said about each
//! event, per person), and the plan's workout days the scheduler counts.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::model::{PlanId, UserId};
use crate::sql::*;
use crate::Store;

/// One event of the last export, by UID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEvent {
    pub uid: String,
    /// The plan the session belonged to.
    pub plan_id: Option<PlanId>,
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub content_hash: u64,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub time_zone: String,
    pub cancelled: bool,
}

/// A day with workouts logged against a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanWorkoutDay {
    pub date: NaiveDate,
    /// When the first of that day's workouts was logged.
    pub first_logged: DateTime<Utc>,
    /// The exercises logged that day, sorted, without repeats.
    pub exercises: Vec<String>,
}

fn utc_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse_utc(field: &'static str, s: String) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt(field, s))
}

fn check_event(e: &CalendarEvent) -> Result<()> {
    if e.uid.is_empty() || e.uid.len() > 255 {
        return Err(StoreError::invalid("uid", "must be 1 to 255 bytes"));
    }
    if e.end <= e.start {
        return Err(StoreError::invalid("end", "must be after the start"));
    }
    if e.time_zone.is_empty() || e.time_zone.chars().count() > 64 {
        return Err(StoreError::invalid(
            "time_zone",
            "must be 1 to 64 characters",
        ));
    }
    Ok(())
}

impl Store {
    // -------------------------------------------------------------- calendar

    /// The events of the person's last calendar export, by UID.
    pub async fn calendar_events(&self, user: UserId) -> Result<Vec<CalendarEvent>> {
        let rows = sqlx::query(
            "SELECT uid, plan_id, sequence, start_utc, end_utc, content_hash, summary, description, location, \
             time_zone, cancelled FROM calendar_events WHERE user_id = $1 ORDER BY uid",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let hash: String = r.try_get(5)?;
                Ok(CalendarEvent {
                    uid: r.try_get(0)?,
                    plan_id: r.try_get::<Option<i64>, _>(1)?.map(PlanId),
                    sequence: to_u32("sequence", r.try_get(2)?)?,
                    start: parse_utc("start_utc", r.try_get(3)?)?,
                    end: parse_utc("end_utc", r.try_get(4)?)?,
                    content_hash: u64::from_str_radix(&hash, 16)
                        .map_err(|_| corrupt("content_hash", &hash))?,
                    summary: r.try_get(6)?,
                    description: r.try_get(7)?,
                    location: r.try_get(8)?,
                    time_zone: r.try_get(9)?,
                    cancelled: r.try_get::<i64, _>(10)? != 0,
                })
            })
            .collect()
    }

    /// Replaces the person's calendar state with the events of a new export,
    /// in one transaction.
    pub async fn replace_calendar_events(
        &self,
        user: UserId,
        events: &[CalendarEvent],
    ) -> Result<()> {
        let mut uids = std::collections::BTreeSet::new();
        for e in events {
            check_event(e)?;
            if !uids.insert(e.uid.as_str()) {
                return Err(StoreError::invalid("uid", format!("'{}' repeats", e.uid)));
            }
        }
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        sqlx::query("DELETE FROM calendar_events WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        for e in events {
            sqlx::query(
                "INSERT INTO calendar_events (user_id, uid, plan_id, sequence, start_utc, end_utc, content_hash, \
                 summary, description, location, time_zone, cancelled) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(user.0)
            .bind(e.uid.as_str())
            .bind(e.plan_id.map(|p| p.0))
            .bind(i64::from(e.sequence))
            .bind(utc_text(e.start))
            .bind(utc_text(e.end))
            .bind(format!("{:016x}", e.content_hash))
            .bind(e.summary.as_str())
            .bind(e.description.as_str())
            .bind(e.location.as_str())
            .bind(e.time_zone.as_str())
            .bind(i64::from(e.cancelled))
            .execute(&mut *w.tx)
            .await?;
        }
        w.commit().await
    }

    /// The days within `from..=to` with workouts logged against `plan`, in
    /// date order: what the scheduler counts as sessions done.
    pub async fn plan_workout_days(
        &self,
        user: UserId,
        plan: PlanId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<PlanWorkoutDay>> {
        let rows = sqlx::query(
            // One row per day and exercise, not per set (the web logs set by set).
            "SELECT w.date, MIN(w.created_at), s.exercise_id FROM workouts w JOIN sets s ON s.workout_id = w.id \
             WHERE w.user_id = $1 AND w.plan_id = $2 AND w.date >= $3 AND w.date <= $4 \
             GROUP BY w.date, s.exercise_id ORDER BY w.date, s.exercise_id",
        )
        .bind(user.0)
        .bind(plan.0)
        .bind(date_text(from)?)
        .bind(date_text(to)?)
        .fetch_all(&self.pool)
        .await?;
        let mut days: Vec<PlanWorkoutDay> = Vec::new();
        for r in &rows {
            let date = parse_date(r.try_get(0)?)?;
            let logged = parse_time(r.try_get(1)?)?;
            let exercise: String = r.try_get(2)?;
            match days.last_mut() {
                Some(d) if d.date == date => {
                    d.first_logged = d.first_logged.min(logged);
                    d.exercises.push(exercise);
                }
                _ => days.push(PlanWorkoutDay {
                    date,
                    first_logged: logged,
                    exercises: vec![exercise],
                }),
            }
        }
        for d in &mut days {
            d.exercises.sort();
            d.exercises.dedup();
        }
        Ok(days)
    }
}
