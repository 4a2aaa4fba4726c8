//! The `assessments` table: torso endurance batteries, as entered.
//!
//! The store keeps the times, each hold's method word and whether pain
//! stopped it; what they mean (norms, ratios, the weakest link) is the
//! caller's, re-computed on every read. Pain that stopped a hold is written
//! to `pain_entries` in the same transaction as the battery.

use chrono::NaiveDate;
use sqlx::Row;

use crate::connect::WriteTx;
use crate::error::{Result, StoreError};
use crate::imports::ImportTx;
use crate::model::*;
use crate::sql::*;
use crate::Store;

/// The four holds in column order (`<hold>_s`, `<hold>_method`, `<hold>_pain`).
const HOLDS: [&str; 4] = ["flexor", "extensor", "side_right", "side_left"];

fn columns() -> String {
    let mut cols = vec!["id".to_string(), "date".into(), "sex".into()];
    cols.push("CASE WHEN recovering THEN 1 ELSE 0 END".into());
    for h in HOLDS {
        cols.push(format!("{h}_s"));
        cols.push(format!("{h}_method"));
        cols.push(format!("CASE WHEN {h}_pain THEN 1 ELSE 0 END"));
    }
    cols.push("created_at".into());
    format!("SELECT {} FROM assessments", cols.join(", "))
}

fn check(a: &NewAssessment) -> Result<String> {
    let date = date_text(a.date)?;
    if !["male", "female", "unspecified"].contains(&a.sex.as_str()) {
        return Err(StoreError::invalid(
            "sex",
            "one of male, female, unspecified",
        ));
    }
    for (name, h) in HOLDS.iter().zip(a.holds()) {
        if h.method.is_empty() || h.method.len() > 40 {
            return Err(StoreError::invalid(
                "method",
                format!("{name}: 1 to 40 bytes"),
            ));
        }
        if h.seconds == Some(0) || h.seconds.is_some_and(|s| s > 3600) {
            return Err(StoreError::invalid("seconds", format!("{name}: 1 to 3600")));
        }
        if h.stopped_by_pain && h.seconds.is_none() {
            return Err(StoreError::invalid(
                "stopped_by_pain",
                format!("{name} has no time"),
            ));
        }
    }
    if a.holds().iter().all(|h| h.seconds.is_none()) {
        return Err(StoreError::invalid(
            "seconds",
            "a battery needs at least one time",
        ));
    }
    Ok(date)
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<AssessmentRow> {
    let hold = |k: usize| -> Result<HoldRecord> {
        let base = 4 + 3 * k;
        Ok(HoldRecord {
            seconds: r
                .try_get::<Option<i64>, _>(base)?
                .map(|v| to_u32("seconds", v))
                .transpose()?,
            method: r.try_get(base + 1)?,
            stopped_by_pain: r.try_get::<i64, _>(base + 2)? != 0,
        })
    };
    Ok(AssessmentRow {
        id: AssessmentId(r.try_get(0)?),
        assessment: NewAssessment {
            date: parse_date(r.try_get(1)?)?,
            sex: r.try_get(2)?,
            recovering: r.try_get::<i64, _>(3)? != 0,
            flexor: hold(0)?,
            extensor: hold(1)?,
            side_right: hold(2)?,
            side_left: hold(3)?,
        },
        created_at: parse_time(r.try_get(16)?)?,
    })
}

/// Inserts a checked battery (`date` as [`check`] returned it); its id.
async fn insert(
    w: &mut WriteTx,
    user: UserId,
    a: &NewAssessment,
    date: &str,
    created_at: &str,
) -> Result<i64> {
    let cols: Vec<String> = HOLDS
        .iter()
        .flat_map(|h| [format!("{h}_s"), format!("{h}_method"), format!("{h}_pain")])
        .collect();
    let marks: Vec<String> = (1..=17).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO assessments (user_id, date, sex, recovering, {}, created_at) VALUES ({}) RETURNING id",
        cols.join(", "),
        marks.join(", ")
    );
    let mut q = sqlx::query(&sql)
        .bind(user.0)
        .bind(date)
        .bind(a.sex.as_str())
        .bind(a.recovering);
    for h in a.holds() {
        q = q
            .bind(h.seconds.map(i64::from))
            .bind(h.method.as_str())
            .bind(h.stopped_by_pain);
    }
    Ok(q.bind(created_at).fetch_one(&mut *w.tx).await?.try_get(0)?)
}

impl ImportTx {
    /// Restores a battery unless one of the same day and creation time is
    /// there (its pain entries come back with the pain); true when added.
    pub async fn restore_assessment(
        &mut self,
        a: &NewAssessment,
        created_at: &str,
    ) -> Result<bool> {
        let date = check(a)?;
        let user = self.user();
        let there = sqlx::query(
            "SELECT 1 FROM assessments WHERE user_id = $1 AND date = $2 AND created_at = $3",
        )
        .bind(user.0)
        .bind(date.as_str())
        .bind(created_at)
        .fetch_optional(&mut *self.tx().tx)
        .await?
        .is_some();
        if there {
            return Ok(false);
        }
        insert(self.tx(), user, a, &date, created_at).await?;
        Ok(true)
    }
}

impl Store {
    // ----------------------------------------------------------- assessments

    /// Records a battery and the pain entries of the holds pain stopped, in
    /// one transaction: both or neither.
    pub async fn record_assessment(
        &self,
        user: UserId,
        a: &NewAssessment,
        pain: &[PainEntry],
    ) -> Result<AssessmentId> {
        let date = check(a)?;
        let mut pain_dates = Vec::with_capacity(pain.len());
        for p in pain {
            pain_dates.push(date_text(p.date)?);
        }
        let now = now_text();
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let id = insert(&mut w, user, a, &date, &now).await?;
        for (p, d) in pain.iter().zip(pain_dates) {
            sqlx::query(
                "INSERT INTO pain_entries (user_id, date, score, timing, note, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(user.0)
            .bind(d)
            .bind(i64::from(p.score))
            .bind(p.timing.to_db())
            .bind(p.note.as_deref())
            .bind(now.as_str())
            .execute(&mut *w.tx)
            .await?;
        }
        w.commit().await?;
        Ok(AssessmentId(id))
    }

    /// The user's batteries within `from..=to` (inclusive), by date then
    /// order of recording.
    pub async fn assessments(
        &self,
        user: UserId,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<AssessmentRow>> {
        let mut sql = format!("{} WHERE user_id = $1", columns());
        let mut args = Vec::new();
        push_date_range(&mut sql, &mut args, "date", from, to)?;
        sql.push_str(" ORDER BY date, id");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect()
    }

    /// The user's latest battery on or before `on` (any date when `None`):
    /// the latest date, and of one day the last recorded.
    pub async fn latest_assessment(
        &self,
        user: UserId,
        on: Option<NaiveDate>,
    ) -> Result<Option<AssessmentRow>> {
        let mut sql = format!("{} WHERE user_id = $1", columns());
        let mut args = Vec::new();
        push_date_range(&mut sql, &mut args, "date", None, on)?;
        sql.push_str(" ORDER BY date DESC, id DESC LIMIT 1");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        q.fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(from_row)
            .transpose()
    }
}
