//! The `plans`, `profiles` and `plan_changes` tables: saved plans, the
//! active one, and edits to it under a revision check.

use chrono::NaiveDate;
use sqlx::Row;

use crate::connect::WriteTx;
use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::*;
use crate::Store;

impl Store {
    // ----------------------------------------------------------------- plans

    /// Store a profile and the plan made from it, and make that plan the
    /// user's active one (the previous active plan stays, inactive), all in
    /// one transaction. Both documents must be valid JSON; they are kept
    /// byte for byte.
    pub async fn save_plan(
        &self,
        user: UserId,
        profile_json: &str,
        plan_json: &str,
        start_date: NaiveDate,
    ) -> Result<PlanId> {
        check_json("profile_json", profile_json)?;
        check_json("plan_json", plan_json)?;
        let start = date_text(start_date)?;
        let now = now_text();
        let mut w = self.write().await?;
        // Touching the user row serialises concurrent saves for one user on
        // PostgreSQL (a row lock) and checks that the user exists.
        let done = sqlx::query("UPDATE users SET handle = handle WHERE id = $1")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::UnknownUser(user));
        }
        let profile_id: i64 = sqlx::query(
            "INSERT INTO profiles (user_id, created_at, profile_json) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(user.0)
        .bind(&now)
        .bind(profile_json)
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        sqlx::query("UPDATE plans SET active = FALSE WHERE user_id = $1 AND active")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        let plan_id: i64 = sqlx::query(
            "INSERT INTO plans (user_id, profile_id, created_at, start_date, plan_json, active) \
             VALUES ($1, $2, $3, $4, $5, TRUE) RETURNING id",
        )
        .bind(user.0)
        .bind(profile_id)
        .bind(&now)
        .bind(start)
        .bind(plan_json)
        .fetch_one(&mut *w.tx)
        .await?
        .try_get(0)?;
        w.commit().await?;
        Ok(PlanId(plan_id))
    }

    /// The user's active plan, if any.
    pub async fn active_plan(&self, user: UserId) -> Result<Option<StoredPlan>> {
        sqlx::query(&format!("{PLAN_COLUMNS} WHERE p.user_id = $1 AND p.active"))
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| plan_from_row(&r))
            .transpose()
    }

    /// One of the user's plans, active or not.
    pub async fn plan(&self, user: UserId, plan: PlanId) -> Result<Option<StoredPlan>> {
        sqlx::query(&format!(
            "{PLAN_COLUMNS} WHERE p.user_id = $1 AND p.id = $2"
        ))
        .bind(user.0)
        .bind(plan.0)
        .fetch_optional(&self.pool)
        .await?
        .map(|r| plan_from_row(&r))
        .transpose()
    }

    /// Replace the document of the user's active plan `plan`, as read at
    /// `revision`, and record why, in one transaction; returns the new
    /// revision. A [`ChangeKind::Exclude`] change also adds the user-level
    /// exclusion of `from_exercise`. Writes nothing and fails with
    /// [`StoreError::NotActivePlan`] when `plan` is not the user's active plan
    /// any more (a new plan was saved meanwhile), or with
    /// [`StoreError::StaleRevision`] when it was edited since it was read: the
    /// caller reads it again and redoes its edit, so no edit is lost.
    pub async fn replace_active_plan_json(
        &self,
        user: UserId,
        plan: PlanId,
        revision: i64,
        new_plan_json: &str,
        change: &PlanChange,
    ) -> Result<i64> {
        let edit = PlanEdit {
            plan,
            revision,
            plan_json: new_plan_json,
            change,
        };
        check_edit(&edit)?;
        let mut w = self.write().await?;
        apply_edit(&mut w, user, &edit).await?;
        w.commit().await?;
        Ok(revision + 1)
    }

    /// The recorded changes of one of the user's plans, oldest first.
    pub async fn plan_changes(&self, user: UserId, plan: PlanId) -> Result<Vec<PlanChangeRow>> {
        let rows = sqlx::query(
            "SELECT id, plan_id, date, kind, from_exercise, to_exercise, created_at \
             FROM plan_changes WHERE user_id = $1 AND plan_id = $2 ORDER BY id",
        )
        .bind(user.0)
        .bind(plan.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PlanChangeRow {
                    id: r.try_get(0)?,
                    plan_id: PlanId(r.try_get(1)?),
                    change: PlanChange {
                        date: parse_date(r.try_get(2)?)?,
                        kind: parse_enum(r.try_get(3)?)?,
                        from_exercise: r.try_get(4)?,
                        to_exercise: r.try_get(5)?,
                    },
                    created_at: parse_time(r.try_get(6)?)?,
                })
            })
            .collect()
    }
}

/// Checks an edit's fields before any transaction is opened.
pub(crate) fn check_edit(edit: &PlanEdit<'_>) -> Result<()> {
    check_json("plan_json", edit.plan_json)?;
    let change = edit.change;
    check_exercise("from_exercise", &change.from_exercise)?;
    if let Some(to) = &change.to_exercise {
        check_exercise("to_exercise", to)?;
    } else if change.kind != ChangeKind::Exclude {
        return Err(StoreError::invalid(
            "to_exercise",
            "a swap, graduation or regression needs the new exercise",
        ));
    }
    date_text(change.date)?;
    Ok(())
}

/// Replaces the active plan's document under the revision check and records
/// the change, inside the caller's transaction (see
/// [`Store::replace_active_plan_json`] for the errors).
pub(crate) async fn apply_edit(w: &mut WriteTx, user: UserId, edit: &PlanEdit<'_>) -> Result<()> {
    let (plan, revision, change) = (edit.plan, edit.revision, edit.change);
    let date = date_text(change.date)?;
    let now = now_text();
    // On PostgreSQL a racing edit waits for this row's lock, then finds
    // the revision moved on and updates nothing.
    let done = sqlx::query(
        "UPDATE plans SET plan_json = $1, revision = revision + 1 \
         WHERE id = $2 AND user_id = $3 AND active AND revision = $4",
    )
    .bind(edit.plan_json)
    .bind(plan.0)
    .bind(user.0)
    .bind(revision)
    .execute(&mut *w.tx)
    .await?;
    if done.rows_affected() == 0 {
        let still_active =
            sqlx::query("SELECT 1 FROM plans WHERE id = $1 AND user_id = $2 AND active")
                .bind(plan.0)
                .bind(user.0)
                .fetch_optional(&mut *w.tx)
                .await?
                .is_some();
        return Err(if still_active {
            StoreError::StaleRevision {
                plan,
                expected: revision,
            }
        } else {
            StoreError::NotActivePlan { user, plan }
        });
    }
    sqlx::query(
        "INSERT INTO plan_changes (user_id, plan_id, date, kind, from_exercise, to_exercise, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(user.0)
    .bind(plan.0)
    .bind(date)
    .bind(change.kind.to_db())
    .bind(change.from_exercise.as_str())
    .bind(change.to_exercise.as_deref())
    .bind(&now)
    .execute(&mut *w.tx)
    .await?;
    if change.kind == ChangeKind::Exclude {
        insert_exclusion(w, user, &change.from_exercise, &now).await?;
    }
    Ok(())
}
