//! Web accounts: `accounts` (login + password hash), `web_sessions`,
//! `api_tokens`, `rate_events`. The caller hashes secrets; the store keeps
//! hashes only and knows nothing of HTTP.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::*;
use crate::Store;

/// Prefix of the handle of a web account's user (`web:LOGIN`), so that a web
/// login can never take the CLI's `local` user.
pub const WEB_HANDLE_PREFIX: &str = "web:";

/// A personal API token as listed (never the secret).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ApiTokenRow {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn check_hash(field: &'static str, h: &str) -> Result<()> {
    if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoreError::invalid(field, "must be 64 hex digits"));
    }
    Ok(())
}

impl Store {
    /// Creates a user and its account in one transaction. `None` when the
    /// login is taken (nothing written).
    pub async fn create_account(&self, login: &str, password_hash: &str) -> Result<Option<User>> {
        let handle = format!("{WEB_HANDLE_PREFIX}{login}");
        check_handle(&handle)?;
        let mut w = self.write().await?;
        let taken = sqlx::query("SELECT 1 FROM accounts WHERE login = $1")
            .bind(login)
            .fetch_optional(&mut *w.tx)
            .await?;
        if taken.is_some() {
            return Ok(None);
        }
        let now = now_text();
        let inserted = sqlx::query(
            "INSERT INTO users (handle, display_name, unit, created_at) VALUES ($1, $2, 'kg', $3) \
             ON CONFLICT (handle) DO NOTHING RETURNING id",
        )
        .bind(handle.as_str())
        .bind(login)
        .bind(now.as_str())
        .fetch_optional(&mut *w.tx)
        .await?;
        let Some(row) = inserted else {
            return Ok(None);
        };
        let id: i64 = row.try_get(0)?;
        let done = sqlx::query(
            "INSERT INTO accounts (user_id, login, password_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (login) DO NOTHING",
        )
        .bind(id)
        .bind(login)
        .bind(password_hash)
        .bind(now.as_str())
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        let row = sqlx::query(&format!("{USER_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *w.tx)
            .await?;
        let user = user_from_row(&row)?;
        w.commit().await?;
        Ok(Some(user))
    }

    /// The account with this login: its user and password hash.
    pub async fn account_by_login(&self, login: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT u.id, u.handle, u.display_name, u.unit, u.created_at, a.password_hash \
             FROM accounts a JOIN users u ON u.id = a.user_id WHERE a.login = $1",
        )
        .bind(login)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get(5)?)))
            .transpose()
    }

    /// Stores a session (the hash of its cookie secret) until `expires`.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf: &str,
        expires: DateTime<Utc>,
    ) -> Result<()> {
        check_hash("session", token_hash)?;
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO web_sessions (token_hash, user_id, csrf, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user.0)
        .bind(csrf)
        .bind(now_text())
        .bind(time_text(expires))
        .execute(&mut *w.tx)
        .await?;
        w.commit().await
    }

    /// The user and CSRF token of a session that has not expired at `now`.
    pub async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT u.id, u.handle, u.display_name, u.unit, u.created_at, s.csrf \
             FROM web_sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(time_text(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get(5)?)))
            .transpose()
    }

    /// Ends a session (and sweeps the expired ones).
    pub async fn delete_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM web_sessions WHERE token_hash = $1 OR expires_at <= $2")
            .bind(token_hash)
            .bind(time_text(now))
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }

    /// Stores a new API token of `user`; returns its id.
    pub async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &str,
    ) -> Result<i64> {
        check_hash("token", token_hash)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user.0)
        .bind(name)
        .bind(token_hash)
        .bind(now_text())
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        w.commit().await?;
        Ok(id)
    }

    /// The user's API tokens, oldest first.
    pub async fn api_tokens(&self, user: UserId) -> Result<Vec<ApiTokenRow>> {
        let rows = sqlx::query(
            "SELECT id, name, created_at FROM api_tokens WHERE user_id = $1 ORDER BY id",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiTokenRow {
                    id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    created_at: parse_time(r.try_get(2)?)?,
                })
            })
            .collect()
    }

    /// Revokes one of the user's tokens; false when the user has none with this id.
    pub async fn revoke_api_token(&self, user: UserId, id: i64) -> Result<bool> {
        let mut w = self.write().await?;
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// The user owning the token with this hash.
    pub async fn user_by_api_token(&self, token_hash: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT u.id, u.handle, u.display_name, u.unit, u.created_at \
             FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| user_from_row(&r)).transpose()
    }

    /// Counts one event in `bucket` unless `limit` events already fall in
    /// the window ending at `now`; true when this one is allowed. Old events
    /// of the bucket are swept in the same transaction.
    pub async fn rate_hit(
        &self,
        bucket: &str,
        limit: u32,
        window: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let since = time_text(now - window);
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM rate_events WHERE bucket = $1 AND at <= $2")
            .bind(bucket)
            .bind(since.as_str())
            .execute(&mut *w.tx)
            .await?;
        let n: i64 = sqlx::query("SELECT COUNT(*) FROM rate_events WHERE bucket = $1")
            .bind(bucket)
            .fetch_one(&mut *w.tx)
            .await?
            .try_get(0)?;
        if n >= i64::from(limit) {
            w.commit().await?;
            return Ok(false);
        }
        sqlx::query("INSERT INTO rate_events (bucket, at) VALUES ($1, $2)")
            .bind(bucket)
            .bind(time_text(now))
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(true)
    }
}

impl Store {
    /// One round trip to the database.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
