//! The `set_summaries` table: a user's sets grouped per workout date,
//! workout, exercise, reps and RPE (set count, top load), kept one row per
//! calendar month (in a few parts while the month is being logged, see
//! [`record`]), maintained in the same transaction as every workout
//! logged. `exercise_day_summaries` reads a dozen rows a year instead of
//! grouping every set in SQL, which ten years of history (50,000 sets) made
//! the slow part of `progress`.
//!
//! A user's summaries are built from their sets the first time they log
//! after this table appeared (`set_summary_users` marks the users whose
//! summaries are complete); until then reads group the sets as before.
//!
//! Each month is text: one group a line, tab-separated `date, workout, reps,
//! rpe, sets, max load, exercise` (empty for none; floats in Rust's shortest
//! round-trip form, so a load reads back to the bit; the exercise last,
//! with `\`, tab and newline escaped).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use sqlx::Row;

use crate::connect::WriteTx;
use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::*;
use crate::Store;

/// One group: (date, workout, exercise, reps, rpe) -> (sets, max load).
#[derive(Debug, Clone, PartialEq)]
struct Group {
    date: NaiveDate,
    workout: i64,
    exercise: String,
    reps: Option<u32>,
    rpe: Option<f64>,
    sets: i64,
    max_load_kg: Option<f64>,
}

impl Group {
    /// Ordered as the groups of one day come: workout, exercise, reps, RPE (none first).
    fn key(&self) -> (NaiveDate, i64, &str, Option<u32>, Option<u64>) {
        (
            self.date,
            self.workout,
            &self.exercise,
            self.reps,
            self.rpe.map(order_bits),
        )
    }
}

/// A bit pattern that sorts like the float (all values here are finite).
fn order_bits(x: f64) -> u64 {
    let b = (x + 0.0).to_bits(); // -0.0 and 0.0 alike
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn encode(groups: &[Group]) -> String {
    let mut out = String::with_capacity(groups.len() * 40);
    for g in groups {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "{:04}-{:02}-{:02}\t{}\t{}\t{}\t{}\t{}\t{}",
            g.date.year(),
            g.date.month(),
            g.date.day(),
            g.workout,
            opt(g.reps),
            opt(g.rpe),
            g.sets,
            opt(g.max_load_kg),
            escape(&g.exercise)
        ));
    }
    out
}

fn bad(what: &str) -> StoreError {
    StoreError::invalid(
        "set_summaries",
        format!("a stored summary line cannot be read ({what})"),
    )
}

fn decode<'a>(text: &'a str, out: &mut Vec<Group>) -> Result<()> {
    let mut last_day: Option<(&str, NaiveDate)> = None;
    let mut last_ex: Option<(&str, String)> = None;
    // Loads and RPEs repeat from line to line: parse each text once.
    let mut last_num: [Option<(&str, f64)>; 2] = [None, None];
    for line in text.split('\n').filter(|l| !l.is_empty()) {
        let mut f = line.splitn(7, '\t');
        let mut next = |what: &str| f.next().ok_or_else(|| bad(what));
        let day_text = next("date")?;
        // Lines come in date order: most repeat the date (and the exercise) of the one before.
        let date = match last_day {
            Some((t, d)) if t == day_text => d,
            _ => {
                let d = fast_date(day_text).ok_or_else(|| bad("date"))?;
                last_day = Some((day_text, d));
                d
            }
        };
        let workout = next("workout")?.parse().map_err(|_| bad("workout"))?;
        let reps = match next("reps")? {
            "" => None,
            s => Some(s.parse().map_err(|_| bad("reps"))?),
        };
        let rpe_text = next("rpe")?;
        let sets = next("sets")?.parse().map_err(|_| bad("sets"))?;
        let load_text = next("load")?;
        let mut num = |k: usize, s: &'a str, what: &str| -> Result<Option<f64>> {
            if s.is_empty() {
                return Ok(None);
            }
            if let Some((t, v)) = last_num[k] {
                if t == s {
                    return Ok(Some(v));
                }
            }
            let v: f64 = s.parse().map_err(|_| bad(what))?;
            last_num[k] = Some((s, v));
            Ok(Some(v))
        };
        let rpe = num(0, rpe_text, "rpe")?;
        let max_load_kg = num(1, load_text, "load")?;
        let ex_text = next("exercise")?;
        let exercise = match &last_ex {
            Some((t, e)) if *t == ex_text => e.clone(),
            _ => {
                let e = if ex_text.contains('\\') {
                    unescape(ex_text)
                } else {
                    ex_text.to_string()
                };
                last_ex = Some((ex_text, e.clone()));
                e
            }
        };
        out.push(Group {
            date,
            workout,
            exercise,
            reps,
            rpe,
            sets,
            max_load_kg,
        });
    }
    Ok(())
}

/// The groups of one new workout's sets.
fn groups_of(date: NaiveDate, workout: i64, sets: &[NewSet]) -> Vec<Group> {
    let mut by: BTreeMap<(&str, Option<u32>, Option<u64>), Group> = BTreeMap::new();
    for s in sets {
        let g = by
            .entry((s.exercise_id.as_str(), s.reps, s.rpe.map(order_bits)))
            .or_insert_with(|| Group {
                date,
                workout,
                exercise: s.exercise_id.clone(),
                reps: s.reps,
                rpe: s.rpe.map(|r| r + 0.0),
                sets: 0,
                max_load_kg: None,
            });
        g.sets += 1;
        if let Some(l) = s.load_kg {
            g.max_load_kg = Some(g.max_load_kg.map_or(l, |m: f64| m.max(l)));
        }
    }
    by.into_values().collect()
}

fn to_summary(g: Group) -> DaySummary {
    DaySummary {
        date: g.date,
        exercise_id: g.exercise,
        reps: g.reps,
        rpe: g.rpe,
        sets: g.sets,
        max_load_kg: g.max_load_kg,
    }
}

/// Every group of the user's sets, from the sets themselves (one GROUP BY).
async fn grouped_from_sets(w: &mut WriteTx, user: UserId) -> Result<Vec<Group>> {
    let rows = sqlx::query(
        "SELECT w.date, w.id, s.exercise_id, s.reps, s.rpe, COUNT(*), MAX(s.load_kg) \
         FROM workouts w JOIN sets s ON s.workout_id = w.id \
         WHERE w.user_id = $1 AND s.kind <> 'warm-up' GROUP BY w.date, w.id, s.exercise_id, s.reps, s.rpe",
    )
    .bind(user.0)
    .fetch_all(&mut *w.tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Group {
                date: parse_date(r.try_get(0)?)?,
                workout: r.try_get(1)?,
                exercise: r.try_get(2)?,
                reps: r
                    .try_get::<Option<i64>, _>(3)?
                    .map(|v| to_u32("reps", v))
                    .transpose()?,
                rpe: r.try_get(4)?,
                sets: r.try_get(5)?,
                max_load_kg: r.try_get(6)?,
            })
        })
        .collect()
}

/// Writes `groups` (sorted here) as part `part` of the user's `month`.
async fn write_part(
    w: &mut WriteTx,
    user: UserId,
    month: &str,
    part: i64,
    groups: &mut [Group],
) -> Result<()> {
    groups.sort_unstable_by(|a, b| a.key().cmp(&b.key()));
    sqlx::query(
        "INSERT INTO set_summaries (user_id, month, part, size, lines) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user.0)
    .bind(month)
    .bind(part)
    .bind(groups.len() as i64)
    .bind(encode(groups))
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// Reads the parts of `month` from `from_part` on into `out` and deletes them.
async fn take_parts(
    w: &mut WriteTx,
    user: UserId,
    month: &str,
    from_part: i64,
    out: &mut Vec<Group>,
) -> Result<()> {
    let texts: Vec<String> = sqlx::query_scalar(
        "SELECT lines FROM set_summaries WHERE user_id = $1 AND month = $2 AND part >= $3",
    )
    .bind(user.0)
    .bind(month)
    .bind(from_part)
    .fetch_all(&mut *w.tx)
    .await?;
    for t in &texts {
        decode(t, out)?;
    }
    sqlx::query("DELETE FROM set_summaries WHERE user_id = $1 AND month = $2 AND part >= $3")
        .bind(user.0)
        .bind(month)
        .bind(from_part)
        .execute(&mut *w.tx)
        .await?;
    Ok(())
}

/// Keeps the user's summaries in step with a workout just written in this
/// transaction (the caller holds the user's write lock: their row lock on
/// PostgreSQL, the database's on SQLite): its month gains a part with its
/// groups, merged with the parts before it that are at most twice as large
/// (so a part is more than twice the size of the next, a month has a few
/// parts, and a group is rewritten a few times however long the month);
/// the user's other months with several parts are merged into one (the
/// months that reads come to for years). The first time, every month is
/// built from the sets.
pub(crate) async fn record(
    w: &mut WriteTx,
    user: UserId,
    date: NaiveDate,
    workout: i64,
    sets: &[NewSet],
) -> Result<()> {
    let built = sqlx::query("SELECT 1 FROM set_summary_users WHERE user_id = $1")
        .bind(user.0)
        .fetch_optional(&mut *w.tx)
        .await?
        .is_some();
    if !built {
        let mut months: BTreeMap<String, Vec<Group>> = BTreeMap::new();
        for g in grouped_from_sets(w, user).await? {
            months.entry(month_of(g.date)).or_default().push(g);
        }
        sqlx::query("DELETE FROM set_summaries WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        for (m, mut groups) in months {
            write_part(w, user, &m, 0, &mut groups).await?;
        }
        sqlx::query("INSERT INTO set_summary_users (user_id) VALUES ($1)")
            .bind(user.0)
            .execute(&mut *w.tx)
            .await?;
        return Ok(());
    }
    let month = month_of(date);
    let mut groups = groups_of(date, workout, sets);
    if groups.is_empty() {
        return Ok(()); // no sets: nothing to add
    }
    // Parts of this month (sizes only) and the other months left open.
    // (Two lookups: the primary key, then the partial index of open months.)
    let rows = sqlx::query(
        "SELECT month, part, size FROM set_summaries WHERE user_id = $1 AND month = $2 \
         UNION ALL \
         SELECT month, part, size FROM set_summaries WHERE user_id = $3 AND part > 0 AND month <> $4 \
         ORDER BY month, part",
    )
    .bind(user.0)
    .bind(&month)
    .bind(user.0)
    .bind(&month)
    .fetch_all(&mut *w.tx)
    .await?;
    let mut parts: Vec<(i64, i64)> = Vec::new();
    let mut open: Vec<String> = Vec::new();
    for r in &rows {
        let m: String = r.try_get(0)?;
        if m == month {
            parts.push((r.try_get(1)?, r.try_get(2)?));
        } else if open.last() != Some(&m) {
            open.push(m);
        }
    }
    for m in open {
        let mut all = Vec::new();
        take_parts(w, user, &m, 0, &mut all).await?;
        if !all.is_empty() {
            write_part(w, user, &m, 0, &mut all).await?;
        }
    }
    let mut size = groups.len() as i64;
    let mut keep = parts.len();
    while keep > 0 && parts[keep - 1].1 <= 2 * size {
        keep -= 1;
        size += parts[keep].1;
    }
    let part = if keep < parts.len() {
        let from = parts[keep].0;
        take_parts(w, user, &month, from, &mut groups).await?;
        from
    } else {
        parts.last().map_or(0, |p| p.0 + 1)
    };
    write_part(w, user, &month, part, &mut groups).await
}

/// Drops the user's summaries (a workout was deleted): reads group the sets
/// again until the next log rebuilds them.
pub(crate) async fn forget(w: &mut WriteTx, user: UserId) -> Result<()> {
    sqlx::query("DELETE FROM set_summaries WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query("DELETE FROM set_summary_users WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *w.tx)
        .await?;
    Ok(())
}

impl Store {
    /// The user's groups from the summaries, within `from..=to` and of one
    /// exercise if given; None when the user's summaries are not built yet.
    pub(crate) async fn summaries(
        &self,
        user: UserId,
        exercise: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Option<Vec<DaySummary>>> {
        let built = sqlx::query("SELECT 1 FROM set_summary_users WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?
            .is_some();
        if !built {
            return Ok(None);
        }
        let lo = from.map(month_of).unwrap_or_else(|| "0000-00".into());
        let hi = to.map(month_of).unwrap_or_else(|| "9999-99".into());
        let rows = sqlx::query(
            "SELECT month, lines FROM set_summaries WHERE user_id = $1 AND month >= $2 AND month <= $3 \
             ORDER BY month, part",
        )
        .bind(user.0)
        .bind(lo)
        .bind(hi)
        .fetch_all(&self.pool)
        .await?;
        // Months come in order and each part is stored sorted: a month of
        // one part needs no sort, one of several is sorted once.
        let mut groups = Vec::new();
        let mut out = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let month: &str = rows[i].try_get(0)?;
            groups.clear();
            let mut n = 0;
            while i < rows.len() && rows[i].try_get::<&str, _>(0)? == month {
                decode(rows[i].try_get(1)?, &mut groups)?;
                i += 1;
                n += 1;
            }
            if n > 1 {
                groups.sort_unstable_by(|a, b| a.key().cmp(&b.key()));
            }
            out.extend(
                groups
                    .drain(..)
                    .filter(|g| from.is_none_or(|f| g.date >= f) && to.is_none_or(|t| g.date <= t))
                    .filter(|g| exercise.is_none_or(|e| g.exercise == e))
                    .map(to_summary),
            );
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines_round_trip_to_the_bit() {
        let g = Group {
            date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            workout: 42,
            exercise: "odd\tid\nwith \\ escapes".into(),
            reps: Some(5),
            rpe: Some(4.999_999_999_5),
            sets: 3,
            max_load_kg: Some(0.1 + 0.2),
        };
        let none = Group {
            reps: None,
            rpe: None,
            max_load_kg: None,
            exercise: "plank".into(),
            ..g.clone()
        };
        let mut back = Vec::new();
        decode(&encode(&[g.clone(), none.clone()]), &mut back).unwrap();
        assert_eq!(back, vec![g, none]);
        assert!(decode("2025-03-01\tx", &mut back).is_err());
    }

    #[test]
    fn groups_sort_like_the_floats() {
        let mut v = [8.5, -1.0, 0.0, 7.0, -0.0, 10.0];
        v.sort_by_key(|x| order_bits(*x));
        assert_eq!(v, [-1.0, 0.0, -0.0, 7.0, 8.5, 10.0]);
    }
}
