//! The `gyms`, `gym_closures` and `gym_choice` tables: a person's gyms with
//! their opening hours (text as typed, one column per weekday), closures, and
//! the gym they train at. Names are unique per person whatever the case, and
//! found the same way.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::connect::WriteTx;
use crate::error::{Result, StoreError};
use crate::model::UserId;
use crate::sql::*;
use crate::Store;

/// A stored gym's id (`gyms.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GymId(pub i64);

/// A gym to store. `hours` is Monday first, each `HH:MM-HH:MM[,...]` or `closed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewGym {
    pub name: String,
    pub address: String,
    pub time_zone: String,
    pub hours: [String; 7],
    pub closures: Vec<GymClosure>,
}

/// The gym is closed from `from` to `to`, both included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GymClosure {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// A stored gym with its closures (sorted by first day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredGym {
    pub id: GymId,
    pub name: String,
    pub address: String,
    pub time_zone: String,
    pub hours: [String; 7],
    pub closures: Vec<GymClosure>,
    pub created_at: DateTime<Utc>,
}

/// What [`Store::put_gym`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GymWrite {
    Added(GymId),
    Replaced(GymId),
}

const GYM_COLUMNS: &str = "SELECT g.id, g.name, g.address, g.time_zone, g.mon, g.tue, g.wed, g.thu, g.fri, g.sat, g.sun, \
     g.created_at, c.from_date, c.to_date, c.reason FROM gyms";

/// How names compare: trimmed, lower-cased.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn check_text(field: &'static str, text: &str, max: usize) -> Result<()> {
    let n = text.chars().count();
    if n == 0 || n > max {
        return Err(StoreError::invalid(
            field,
            format!("must be 1 to {max} characters"),
        ));
    }
    Ok(())
}

fn check_gym(g: &NewGym) -> Result<()> {
    check_text("name", g.name.trim(), 200)?;
    check_text("address", &g.address, 500)?;
    check_text("time_zone", &g.time_zone, 64)?;
    for h in &g.hours {
        check_text("hours", h, 200)?;
    }
    for c in &g.closures {
        check_closure(c)?;
    }
    Ok(())
}

fn check_closure(c: &GymClosure) -> Result<()> {
    if c.to < c.from {
        return Err(StoreError::invalid("closure", "ends before it starts"));
    }
    check_text("reason", &c.reason, 200)
}

fn gym_from_row(r: &AnyRow) -> Result<StoredGym> {
    let mut hours: [String; 7] = Default::default();
    for (i, h) in hours.iter_mut().enumerate() {
        *h = r.try_get(4 + i)?;
    }
    Ok(StoredGym {
        id: GymId(r.try_get(0)?),
        name: r.try_get(1)?,
        address: r.try_get(2)?,
        time_zone: r.try_get(3)?,
        hours,
        closures: Vec::new(),
        created_at: parse_time(r.try_get(11)?)?,
    })
}

async fn insert_closures(
    w: &mut WriteTx,
    user: UserId,
    gym: i64,
    closures: &[GymClosure],
) -> Result<()> {
    for c in closures {
        sqlx::query("INSERT INTO gym_closures (gym_id, user_id, from_date, to_date, reason) VALUES ($1, $2, $3, $4, $5)")
            .bind(gym)
            .bind(user.0)
            .bind(date_text(c.from)?)
            .bind(date_text(c.to)?)
            .bind(c.reason.as_str())
            .execute(&mut *w.tx)
            .await?;
    }
    Ok(())
}

async fn gym_id_by_name(w: &mut WriteTx, user: UserId, name: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT id FROM gyms WHERE user_id = $1 AND name_key = $2")
            .bind(user.0)
            .bind(name_key(name))
            .fetch_optional(&mut *w.tx)
            .await?,
    )
}

impl crate::imports::ImportTx {
    /// Restores a gym with its closures unless the person has one of that
    /// name (any case), which is kept as it is; true when added.
    pub async fn restore_gym(&mut self, gym: &NewGym, created_at: &str) -> Result<bool> {
        check_gym(gym)?;
        let user = self.user();
        if gym_id_by_name(self.tx(), user, &gym.name).await?.is_some() {
            return Ok(false);
        }
        let [mon, tue, wed, thu, fri, sat, sun] = &gym.hours;
        let id: i64 = sqlx::query(
            "INSERT INTO gyms (user_id, name, name_key, address, time_zone, mon, tue, wed, thu, fri, sat, sun, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(user.0)
        .bind(gym.name.trim())
        .bind(name_key(&gym.name))
        .bind(gym.address.as_str())
        .bind(gym.time_zone.as_str())
        .bind(mon.as_str())
        .bind(tue.as_str())
        .bind(wed.as_str())
        .bind(thu.as_str())
        .bind(fri.as_str())
        .bind(sat.as_str())
        .bind(sun.as_str())
        .bind(created_at)
        .fetch_one(&mut *self.tx().tx)
        .await?
        .try_get(0)?;
        insert_closures(self.tx(), user, id, &gym.closures).await?;
        Ok(true)
    }

    /// Makes the gym named `name` the one trained at, only where the person
    /// has chosen none; true when set.
    pub async fn restore_gym_choice(&mut self, name: &str) -> Result<bool> {
        let user = self.user();
        let Some(id) = gym_id_by_name(self.tx(), user, name).await? else {
            return Err(StoreError::invalid(
                "gym_choice",
                format!("no gym named '{}'", name.trim()),
            ));
        };
        let done = sqlx::query(
            "INSERT INTO gym_choice (user_id, gym_id) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user.0)
        .bind(id)
        .execute(&mut *self.tx().tx)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}

impl Store {
    // ------------------------------------------------------------------ gyms

    /// Stores a gym with its closures, in one transaction. A gym of the same
    /// name (any case) is replaced, hours and closures, when `replace` is set
    /// (it keeps its id, so a `gym use` choice stays); otherwise the call
    /// fails with [`StoreError::Invalid`] on `name` and writes nothing.
    pub async fn put_gym(&self, user: UserId, gym: &NewGym, replace: bool) -> Result<GymWrite> {
        check_gym(gym)?;
        let mut w = self.write().await?;
        require_user(&mut w, user).await?;
        let [mon, tue, wed, thu, fri, sat, sun] = &gym.hours;
        let out = match gym_id_by_name(&mut w, user, &gym.name).await? {
            Some(_) if !replace => {
                return Err(StoreError::invalid(
                    "name",
                    format!("a gym named '{}' is already stored", gym.name.trim()),
                ))
            }
            Some(id) => {
                sqlx::query(
                    "UPDATE gyms SET name = $1, address = $2, time_zone = $3, mon = $4, tue = $5, wed = $6, \
                     thu = $7, fri = $8, sat = $9, sun = $10 WHERE id = $11 AND user_id = $12",
                )
                .bind(gym.name.trim())
                .bind(gym.address.as_str())
                .bind(gym.time_zone.as_str())
                .bind(mon.as_str())
                .bind(tue.as_str())
                .bind(wed.as_str())
                .bind(thu.as_str())
                .bind(fri.as_str())
                .bind(sat.as_str())
                .bind(sun.as_str())
                .bind(id)
                .bind(user.0)
                .execute(&mut *w.tx)
                .await?;
                sqlx::query("DELETE FROM gym_closures WHERE gym_id = $1 AND user_id = $2")
                    .bind(id)
                    .bind(user.0)
                    .execute(&mut *w.tx)
                    .await?;
                GymWrite::Replaced(GymId(id))
            }
            None => {
                let id: i64 = sqlx::query(
                    "INSERT INTO gyms (user_id, name, name_key, address, time_zone, mon, tue, wed, thu, fri, sat, sun, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                )
                .bind(user.0)
                .bind(gym.name.trim())
                .bind(name_key(&gym.name))
                .bind(gym.address.as_str())
                .bind(gym.time_zone.as_str())
                .bind(mon.as_str())
                .bind(tue.as_str())
                .bind(wed.as_str())
                .bind(thu.as_str())
                .bind(fri.as_str())
                .bind(sat.as_str())
                .bind(sun.as_str())
                .bind(now_text())
                .fetch_one(&mut *w.tx)
                .await?
                .try_get(0)?;
                GymWrite::Added(GymId(id))
            }
        };
        let id = match out {
            GymWrite::Added(id) | GymWrite::Replaced(id) => id.0,
        };
        insert_closures(&mut w, user, id, &gym.closures).await?;
        w.commit().await?;
        Ok(out)
    }

    /// The person's gyms with their closures, by name (one statement, so a
    /// concurrent write is seen whole or not at all).
    pub async fn gyms(&self, user: UserId) -> Result<Vec<StoredGym>> {
        let rows = sqlx::query(&format!(
            "{GYM_COLUMNS} g LEFT JOIN gym_closures c ON c.gym_id = g.id AND c.user_id = g.user_id \
             WHERE g.user_id = $1 ORDER BY g.name_key, g.id, c.from_date, c.to_date, c.id"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        let mut gyms: Vec<StoredGym> = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get(0)?;
            if gyms.last().is_none_or(|g| g.id.0 != id) {
                gyms.push(gym_from_row(r)?);
            }
            if let Some(from) = r.try_get::<Option<String>, _>(12)? {
                let c = GymClosure {
                    from: parse_date(from)?,
                    to: parse_date(r.try_get(13)?)?,
                    reason: r.try_get(14)?,
                };
                if let Some(g) = gyms.last_mut() {
                    g.closures.push(c);
                }
            }
        }
        Ok(gyms)
    }

    /// Removes the gym named `name` (any case) with its closures, and the
    /// `gym use` choice if it was the one. Returns `false` if there was none.
    pub async fn remove_gym(&self, user: UserId, name: &str) -> Result<bool> {
        let mut w = self.write().await?;
        let done = sqlx::query("DELETE FROM gyms WHERE user_id = $1 AND name_key = $2")
            .bind(user.0)
            .bind(name_key(name))
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds a closure to the gym named `name`. Returns `false` (nothing
    /// written) if there is no such gym.
    pub async fn add_gym_closure(
        &self,
        user: UserId,
        name: &str,
        closure: &GymClosure,
    ) -> Result<bool> {
        check_closure(closure)?;
        let mut w = self.write().await?;
        let Some(id) = gym_id_by_name(&mut w, user, name).await? else {
            return Ok(false);
        };
        insert_closures(&mut w, user, id, std::slice::from_ref(closure)).await?;
        w.commit().await?;
        Ok(true)
    }

    /// Makes the gym named `name` the one the person trains at. Returns
    /// `false` (nothing written) if there is no such gym.
    pub async fn set_gym_choice(&self, user: UserId, name: &str) -> Result<bool> {
        let mut w = self.write().await?;
        let Some(id) = gym_id_by_name(&mut w, user, name).await? else {
            return Ok(false);
        };
        sqlx::query(
            "INSERT INTO gym_choice (user_id, gym_id) VALUES ($1, $2) \
             ON CONFLICT (user_id) DO UPDATE SET gym_id = excluded.gym_id",
        )
        .bind(user.0)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(true)
    }

    /// The gym chosen with [`Store::set_gym_choice`], if any (and still stored).
    pub async fn gym_choice(&self, user: UserId) -> Result<Option<GymId>> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT gym_id FROM gym_choice WHERE user_id = $1")
                .bind(user.0)
                .fetch_optional(&self.pool)
                .await?
                .map(GymId),
        )
    }
}
