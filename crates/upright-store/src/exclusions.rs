//! The `exclusions` table: exercises a person never wants planned. They
//! belong to the person, not to one plan.

use crate::error::Result;
use crate::model::*;
use crate::sql::*;
use crate::Store;

impl Store {
    // ------------------------------------------------------------ exclusions

    /// Exclude an exercise for the user. Returns `false` if it already was.
    pub async fn add_exclusion(&self, user: UserId, exercise_id: &str) -> Result<bool> {
        check_exercise("exercise_id", exercise_id)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let added = insert_exclusion(&mut w, user, exercise_id, &now_text()).await?;
        w.commit().await?;
        Ok(added)
    }

    /// Lift an exclusion. Returns `false` if there was none.
    pub async fn remove_exclusion(&self, user: UserId, exercise_id: &str) -> Result<bool> {
        let mut w = self.write().await?;
        let done = sqlx::query("DELETE FROM exclusions WHERE user_id = $1 AND exercise_id = $2")
            .bind(user.0)
            .bind(exercise_id)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// The user's excluded exercise ids, sorted.
    pub async fn exclusions(&self, user: UserId) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar::<_, String>(
            "SELECT exercise_id FROM exclusions WHERE user_id = $1 ORDER BY exercise_id",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }
}
