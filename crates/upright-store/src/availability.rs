//! The `availability` and `availability_days` tables: a person's home time
//! zone, wake time, and the weekdays they set (windows as typed, or `off`).

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::model::UserId;
use crate::sql::*;
use crate::Store;

/// A person's availability as stored. `days` holds only the weekdays set
/// (0 = Monday), each `HH:MM-HH:MM[,...]` or `off`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAvailability {
    pub time_zone: String,
    /// `HH:MM`, when known.
    pub wake: Option<String>,
    pub days: Vec<(u8, String)>,
}

fn check(a: &StoredAvailability) -> Result<()> {
    if a.time_zone.is_empty() || a.time_zone.chars().count() > 64 {
        return Err(StoreError::invalid(
            "time_zone",
            "must be 1 to 64 characters",
        ));
    }
    if let Some(w) = &a.wake {
        let b = w.as_bytes();
        if !(b.len() == 5
            && b[2] == b':'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit()))
        {
            return Err(StoreError::invalid("wake", "must be HH:MM"));
        }
    }
    let mut seen = [false; 7];
    for (day, windows) in &a.days {
        let i = usize::from(*day);
        if i > 6 || std::mem::replace(&mut seen[i], true) {
            return Err(StoreError::invalid(
                "weekday",
                "each of 0-6 (Monday first) at most once",
            ));
        }
        if windows.is_empty() || windows.chars().count() > 200 {
            return Err(StoreError::invalid(
                "windows",
                "must be 1 to 200 characters",
            ));
        }
    }
    Ok(())
}

impl crate::imports::ImportTx {
    /// Restores an availability only where the person has none set (theirs
    /// is kept as it is); true when set.
    pub async fn restore_availability(&mut self, a: &StoredAvailability) -> Result<bool> {
        check(a)?;
        let user = self.user();
        let done = sqlx::query(
            "INSERT INTO availability (user_id, time_zone, wake_time, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user.0)
        .bind(a.time_zone.as_str())
        .bind(a.wake.as_deref())
        .bind(now_text())
        .execute(&mut *self.tx().tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        for (day, windows) in &a.days {
            sqlx::query(
                "INSERT INTO availability_days (user_id, weekday, windows) VALUES ($1, $2, $3)",
            )
            .bind(user.0)
            .bind(i64::from(*day))
            .bind(windows.as_str())
            .execute(&mut *self.tx().tx)
            .await?;
        }
        Ok(true)
    }
}

impl Store {
    // ---------------------------------------------------------- availability

    /// Replaces the person's availability (zone, wake time and every day set)
    /// in one transaction.
    pub async fn set_availability(&self, user: UserId, a: &StoredAvailability) -> Result<()> {
        check(a)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        sqlx::query(
            "INSERT INTO availability (user_id, time_zone, wake_time, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone, \
             wake_time = excluded.wake_time, updated_at = excluded.updated_at",
        )
        .bind(user.0)
        .bind(a.time_zone.as_str())
        .bind(a.wake.as_deref())
        .bind(now_text())
        .execute(&mut *w.tx)
        .await?;
        sqlx::query("DELETE FROM availability_days WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        for (day, windows) in &a.days {
            sqlx::query(
                "INSERT INTO availability_days (user_id, weekday, windows) VALUES ($1, $2, $3)",
            )
            .bind(user.0)
            .bind(i64::from(*day))
            .bind(windows.as_str())
            .execute(&mut *w.tx)
            .await?;
        }
        w.commit().await
    }

    /// The person's availability, or `None` if they never set it (one
    /// statement, so a concurrent `set_availability` is seen whole or not at all).
    pub async fn availability(&self, user: UserId) -> Result<Option<StoredAvailability>> {
        let rows = sqlx::query(
            "SELECT a.time_zone, a.wake_time, d.weekday, d.windows FROM availability a \
             LEFT JOIN availability_days d ON d.user_id = a.user_id WHERE a.user_id = $1 ORDER BY d.weekday",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let mut out = StoredAvailability {
            time_zone: first.try_get(0)?,
            wake: first.try_get(1)?,
            days: Vec::new(),
        };
        for r in &rows {
            let Some(d) = r.try_get::<Option<i64>, _>(2)? else {
                continue;
            };
            let d = u8::try_from(d)
                .ok()
                .filter(|d| *d < 7)
                .ok_or_else(|| corrupt("weekday", d))?;
            out.days.push((d, r.try_get(3)?));
        }
        Ok(Some(out))
    }
}
