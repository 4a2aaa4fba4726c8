//! The `pain_entries` table (E-PAIN-MONITOR scores).

use chrono::NaiveDate;
use sqlx::Row;

use crate::error::Result;
use crate::model::*;
use crate::sql::*;
use crate::Store;

impl Store {
    // ------------------------------------------------------------------ pain

    /// Log a pain entry (score 0 to 10, checked by the database).
    pub async fn log_pain(&self, user: UserId, entry: &PainEntry) -> Result<PainId> {
        let date = date_text(entry.date)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO pain_entries (user_id, date, score, timing, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(user.0)
        .bind(date)
        .bind(i64::from(entry.score))
        .bind(entry.timing.to_db())
        .bind(entry.note.as_deref())
        .bind(now_text())
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        w.commit().await?;
        Ok(PainId(id))
    }

    /// The user's pain entries within `from..=to` (inclusive), by date then
    /// order of logging.
    pub async fn pain_entries(
        &self,
        user: UserId,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<PainRow>> {
        let mut sql = String::from(
            "SELECT id, date, score, timing, note, created_at FROM pain_entries WHERE user_id = $1",
        );
        let mut args = Vec::new();
        push_date_range(&mut sql, &mut args, "date", from, to)?;
        sql.push_str(" ORDER BY date, id");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let score: i64 = r.try_get(2)?;
                Ok(PainRow {
                    id: PainId(r.try_get(0)?),
                    entry: PainEntry {
                        date: parse_date(r.try_get(1)?)?,
                        score: u8::try_from(score).map_err(|_| corrupt("score", score))?,
                        timing: parse_enum(r.try_get(3)?)?,
                        note: r.try_get(4)?,
                    },
                    created_at: parse_time(r.try_get(5)?)?,
                })
            })
            .collect()
    }

    /// The scores alone (date, score, timing; no note), as `pain_entries`
    /// orders them: what the coach's figures read, without decoding the rest.
    pub async fn pain_scores(
        &self,
        user: UserId,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<PainEntry>> {
        let mut sql =
            String::from("SELECT date, score, timing FROM pain_entries WHERE user_id = $1");
        let mut args = Vec::new();
        push_date_range(&mut sql, &mut args, "date", from, to)?;
        sql.push_str(" ORDER BY date, id");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let score: i64 = r.try_get(1)?;
                Ok(PainEntry {
                    date: parse_date(r.try_get(0)?)?,
                    score: u8::try_from(score).map_err(|_| corrupt("score", score))?,
                    timing: parse_enum(r.try_get(2)?)?,
                    note: None,
                })
            })
            .collect()
    }
}
