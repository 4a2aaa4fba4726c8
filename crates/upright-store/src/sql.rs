//! Helpers shared by the table modules: row decoding, checks, date text.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::connect::WriteTx;
use crate::error::{Result, StoreError};
use crate::model::*;

pub(crate) const USER_COLUMNS: &str =
    "SELECT id, handle, display_name, unit, created_at FROM users";

pub(crate) const PLAN_COLUMNS: &str =
    "SELECT p.id, p.profile_id, pr.profile_json, p.plan_json, p.start_date, \
     p.created_at, CASE WHEN p.active THEN 1 ELSE 0 END, p.revision \
     FROM plans p JOIN profiles pr ON pr.id = p.profile_id";

pub(crate) fn user_from_row(r: &AnyRow) -> Result<User> {
    Ok(User {
        id: UserId(r.try_get(0)?),
        handle: r.try_get(1)?,
        display_name: r.try_get(2)?,
        unit: parse_enum(r.try_get(3)?)?,
        created_at: parse_time(r.try_get(4)?)?,
    })
}

pub(crate) fn plan_from_row(r: &AnyRow) -> Result<StoredPlan> {
    Ok(StoredPlan {
        id: PlanId(r.try_get(0)?),
        profile_id: ProfileId(r.try_get(1)?),
        profile_json: r.try_get(2)?,
        plan_json: r.try_get(3)?,
        start_date: parse_date(r.try_get(4)?)?,
        created_at: parse_time(r.try_get(5)?)?,
        active: r.try_get::<i64, _>(6)? != 0,
        revision: r.try_get(7)?,
    })
}

pub(crate) async fn require_user(w: &mut WriteTx, user: UserId) -> Result<()> {
    let found = sqlx::query("SELECT 1 FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(&mut *w.tx)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::UnknownUser(user)),
    }
}

pub(crate) async fn insert_exclusion(
    w: &mut WriteTx,
    user: UserId,
    exercise: &str,
    now: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO exclusions (user_id, exercise_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, exercise_id) DO NOTHING",
    )
    .bind(user.0)
    .bind(exercise)
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub(crate) fn push_date_range(
    sql: &mut String,
    args: &mut Vec<String>,
    column: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<()> {
    // Placeholder numbers continue after $1 (the user id).
    if let Some(from) = from {
        args.push(date_text(from)?);
        sql.push_str(&format!(" AND {column} >= ${}", args.len() + 1));
    }
    if let Some(to) = to {
        args.push(date_text(to)?);
        sql.push_str(&format!(" AND {column} <= ${}", args.len() + 1));
    }
    Ok(())
}

pub(crate) fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// `YYYY-MM-DD`; years outside 0..=9999 would not sort as text.
pub(crate) fn date_text(d: NaiveDate) -> Result<String> {
    if !(0..=9999).contains(&d.year()) {
        return Err(StoreError::invalid(
            "date",
            format!("year {} outside 0..=9999", d.year()),
        ));
    }
    Ok(d.format("%Y-%m-%d").to_string())
}

pub(crate) fn corrupt(field: &'static str, value: impl ToString) -> StoreError {
    StoreError::Corrupt {
        field,
        value: value.to_string(),
    }
}

pub(crate) fn parse_date(s: String) -> Result<NaiveDate> {
    fast_date(&s)
        .or_else(|| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .ok_or_else(|| corrupt("date", s))
}

/// `YYYY-MM-DD` read by hand (chrono's parser is general, and slow for the
/// thousands of dates a history read decodes); None for anything else.
pub(crate) fn fast_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    NaiveDate::from_ymd_opt(
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..].parse().ok()?,
    )
}

pub(crate) fn parse_time(s: String) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("created_at", s))
}

pub(crate) fn parse_enum<T: DbText>(s: String) -> Result<T> {
    T::from_db(&s).ok_or_else(|| corrupt(T::FIELD, s))
}

pub(crate) fn to_u32(field: &'static str, v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| corrupt(field, v))
}

pub(crate) fn check_handle(handle: &str) -> Result<()> {
    let n = handle.chars().count();
    if n == 0 || n > 64 {
        return Err(StoreError::invalid("handle", "must be 1 to 64 characters"));
    }
    if handle.trim() != handle || handle.chars().any(char::is_control) {
        return Err(StoreError::invalid(
            "handle",
            "no leading/trailing spaces or control characters",
        ));
    }
    Ok(())
}

pub(crate) fn check_exercise(field: &'static str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 100 {
        return Err(StoreError::invalid(
            field,
            "exercise ids are 1 to 100 bytes",
        ));
    }
    Ok(())
}

pub(crate) fn check_finite(field: &'static str, v: Option<f64>) -> Result<()> {
    // NaN would become NULL in SQLite and pass CHECKs in PostgreSQL.
    match v {
        Some(x) if !x.is_finite() => Err(StoreError::invalid(field, format!("{x} is not finite"))),
        _ => Ok(()),
    }
}

pub(crate) fn check_json(field: &'static str, text: &str) -> Result<()> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| StoreError::invalid(field, format!("not valid JSON: {e}")))
}
