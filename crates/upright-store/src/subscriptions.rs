//! The `calendar_subscriptions` table: one private calendar link per person.
//! The caller hashes the link's secret; the store keeps the SHA-256 hex only.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::model::{User, UserId};
use crate::sql::*;
use crate::Store;

fn check_hash(h: &str) -> Result<()> {
    if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoreError::invalid("token", "must be 64 hex digits"));
    }
    Ok(())
}

impl Store {
    /// Makes `token_hash` the person's calendar link, replacing any earlier
    /// one in the same transaction (the old link stops working).
    pub async fn set_calendar_subscription(&self, user: UserId, token_hash: &str) -> Result<()> {
        check_hash(token_hash)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        sqlx::query("DELETE FROM calendar_subscriptions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("INSERT INTO calendar_subscriptions (user_id, token_hash, created_at) VALUES ($1, $2, $3)")
            .bind(user.0)
            .bind(token_hash)
            .bind(now_text())
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }

    /// When the person's calendar link was made, if they have one.
    pub async fn calendar_subscription(&self, user: UserId) -> Result<Option<DateTime<Utc>>> {
        let row = sqlx::query("SELECT created_at FROM calendar_subscriptions WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| parse_time(r.try_get(0)?)).transpose()
    }

    /// Revokes the person's calendar link; false when there was none.
    pub async fn revoke_calendar_subscription(&self, user: UserId) -> Result<bool> {
        let mut w = self.write().await?;
        let done = sqlx::query("DELETE FROM calendar_subscriptions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// The person whose calendar link has this hash.
    pub async fn user_by_calendar_token(&self, token_hash: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT u.id, u.handle, u.display_name, u.unit, u.created_at \
             FROM calendar_subscriptions c JOIN users u ON u.id = c.user_id WHERE c.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| user_from_row(&r)).transpose()
    }
}
