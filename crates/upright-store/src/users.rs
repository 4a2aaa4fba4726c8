//! The `users` table: who owns every row.

use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::*;
use crate::{Store, LOCAL_USER};

impl Store {
    // ----------------------------------------------------------------- users

    /// The user named `handle`, created (unit kg, display name = handle) if
    /// missing. Safe to call concurrently from several processes.
    pub async fn ensure_user(&self, handle: &str) -> Result<User> {
        check_handle(handle)?;
        if let Some(user) = self.user_by_handle(handle).await? {
            return Ok(user);
        }
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO users (handle, display_name, unit, created_at) VALUES ($1, $1, 'kg', $2) \
             ON CONFLICT (handle) DO NOTHING",
        )
        .bind(handle)
        .bind(now_text())
        .execute(&mut *w.tx)
        .await?;
        let row = sqlx::query(&format!("{USER_COLUMNS} WHERE handle = $1"))
            .bind(handle)
            .fetch_one(&mut *w.tx)
            .await?;
        let user = user_from_row(&row)?;
        w.commit().await?;
        Ok(user)
    }

    /// The user the CLI acts as ([`LOCAL_USER`]), created on first use.
    pub async fn local_user(&self) -> Result<User> {
        self.ensure_user(LOCAL_USER).await
    }

    /// The user with this handle, if any.
    pub async fn user_by_handle(&self, handle: &str) -> Result<Option<User>> {
        sqlx::query(&format!("{USER_COLUMNS} WHERE handle = $1"))
            .bind(handle)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| user_from_row(&r))
            .transpose()
    }

    /// The user with this id, if any.
    pub async fn user(&self, user: UserId) -> Result<Option<User>> {
        sqlx::query(&format!("{USER_COLUMNS} WHERE id = $1"))
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| user_from_row(&r))
            .transpose()
    }

    /// Set the user's preferred display unit.
    pub async fn set_unit(&self, user: UserId, unit: Unit) -> Result<()> {
        let mut w = self.write().await?;
        let done = sqlx::query("UPDATE users SET unit = $1 WHERE id = $2")
            .bind(unit.to_db())
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::UnknownUser(user));
        }
        w.commit().await
    }

    /// Set the user's display name (at most 200 characters).
    pub async fn set_display_name(&self, user: UserId, name: &str) -> Result<()> {
        if name.chars().count() > 200 {
            return Err(StoreError::invalid(
                "display_name",
                "longer than 200 characters",
            ));
        }
        let mut w = self.write().await?;
        let done = sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(name)
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::UnknownUser(user));
        }
        w.commit().await
    }
}
