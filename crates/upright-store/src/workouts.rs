//! The `workouts` and `sets` tables: what was done.

use chrono::NaiveDate;
use sqlx::Row;

use crate::connect::Backend;
use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::*;
use crate::Store;

impl Store {
    // -------------------------------------------------------------- workouts

    /// Log a workout and its sets in one transaction. Sets are numbered from
    /// 1 in the order given (`set_index`). `plan` must be one of the user's
    /// plans. At least one set is required; loads and RPE must be finite.
    pub async fn log_workout(
        &self,
        user: UserId,
        date: NaiveDate,
        plan: Option<PlanId>,
        source: Source,
        sets: &[NewSet],
    ) -> Result<WorkoutId> {
        self.log_workout_with_edit(user, date, plan, source, sets, None)
            .await
    }

    /// [`Store::log_workout`] and, in the same transaction, an edit of the
    /// active plan that the workout made (a graduation or regression: the
    /// exercise logged is the plan's current one from now on). Either both
    /// are written or neither; the edit fails as
    /// [`Store::replace_active_plan_json`] does (`StaleRevision`,
    /// `NotActivePlan`), and then the workout is not written either.
    pub async fn log_workout_with_edit(
        &self,
        user: UserId,
        date: NaiveDate,
        plan: Option<PlanId>,
        source: Source,
        sets: &[NewSet],
        edit: Option<PlanEdit<'_>>,
    ) -> Result<WorkoutId> {
        if let Some(e) = &edit {
            crate::plans::check_edit(e)?;
        }
        let mut w = self.write().await?;
        let workout = insert_workout(&mut w, self.backend, user, date, plan, source, sets).await?;
        if let Some(e) = &edit {
            crate::plans::apply_edit(&mut w, user, e).await?;
        }
        w.commit().await?;
        Ok(workout)
    }

    /// The user's sets, optionally of one exercise and within `from..=to`
    /// (workout dates, both ends inclusive), ordered by date, workout and
    /// `set_index`.
    pub async fn sets_for(
        &self,
        user: UserId,
        exercise: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<SetRow>> {
        match exercise {
            Some(ex) => self.sets_for_exercises(user, &[ex], from, to).await,
            None => self.sets_query(user, None, from, to).await,
        }
    }

    /// [`Store::sets_for`] of several exercises in one query (none: no sets),
    /// in the same order (the exercises' sets interleaved by date).
    pub async fn sets_for_exercises(
        &self,
        user: UserId,
        exercises: &[&str],
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<SetRow>> {
        if exercises.is_empty() {
            return Ok(Vec::new());
        }
        self.sets_query(user, Some(exercises), from, to).await
    }

    async fn sets_query(
        &self,
        user: UserId,
        exercises: Option<&[&str]>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<SetRow>> {
        let mut sql = String::from(
            "SELECT w.date, s.workout_id, s.exercise_id, s.set_index, s.reps, s.load_kg, s.hold_s, s.rpe, s.note, \
             s.kind, s.distance_m \
             FROM sets s JOIN workouts w ON w.id = s.workout_id \
             WHERE s.user_id = $1",
        );
        let mut args: Vec<String> = Vec::new();
        match exercises {
            Some([ex]) => {
                args.push((*ex).to_owned());
                sql.push_str(&format!(" AND s.exercise_id = ${}", args.len() + 1));
            }
            Some(list) => {
                let mut marks = Vec::with_capacity(list.len());
                for ex in list {
                    args.push((*ex).to_owned());
                    marks.push(format!("${}", args.len() + 1));
                }
                sql.push_str(&format!(" AND s.exercise_id IN ({})", marks.join(", ")));
            }
            None => {}
        }
        push_date_range(&mut sql, &mut args, "w.date", from, to)?;
        sql.push_str(" ORDER BY w.date, s.workout_id, s.set_index");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(SetRow {
                    date: parse_date(r.try_get(0)?)?,
                    workout_id: WorkoutId(r.try_get(1)?),
                    exercise_id: r.try_get(2)?,
                    set_index: to_u32("set_index", r.try_get(3)?)?,
                    reps: r
                        .try_get::<Option<i64>, _>(4)?
                        .map(|v| to_u32("reps", v))
                        .transpose()?,
                    load_kg: r.try_get(5)?,
                    hold_s: r
                        .try_get::<Option<i64>, _>(6)?
                        .map(|v| to_u32("hold_s", v))
                        .transpose()?,
                    rpe: r.try_get(7)?,
                    note: r.try_get(8)?,
                    kind: parse_enum(r.try_get(9)?)?,
                    distance_m: r.try_get(10)?,
                })
            })
            .collect()
    }

    /// The user's sets, warm-ups left out (they do not count as training
    /// volume nor as an effort), summarised per workout date, exercise, reps and RPE
    /// (see [`DaySummary`]), optionally of one exercise and within `from..=to`
    /// (both ends inclusive). Ordered by date; the groups of one day come in
    /// workout order (then exercise, reps and RPE, none first), and one day
    /// may hold several groups of one exercise (other reps or RPE, or another
    /// workout that day). A day's set count for an exercise is the sum of its
    /// groups' `sets`.
    ///
    /// Read from the monthly summaries kept with every workout logged (a few
    /// rows a year), or, for a user who has not logged since they were
    /// introduced, grouped from the sets ([`Store::exercise_day_summaries_from_sets`]).
    pub async fn exercise_day_summaries(
        &self,
        user: UserId,
        exercise: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DaySummary>> {
        match self.summaries(user, exercise, from, to).await? {
            Some(s) => Ok(s),
            None => {
                self.exercise_day_summaries_from_sets(user, exercise, from, to)
                    .await
            }
        }
    }

    /// [`Store::exercise_day_summaries`] grouped in SQL from every set: the
    /// reference the monthly summaries must agree with, group for group.
    pub async fn exercise_day_summaries_from_sets(
        &self,
        user: UserId,
        exercise: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DaySummary>> {
        // Grouping by the workout too lets both databases walk
        // workouts_user_date and sets_workout_summary in order.
        // sets.user_id = workouts.user_id (the composite foreign key).
        let mut sql = String::from(
            "SELECT w.date, s.exercise_id, s.reps, s.rpe, COUNT(*), MAX(s.load_kg), w.id \
             FROM workouts w JOIN sets s ON s.workout_id = w.id \
             WHERE w.user_id = $1 AND s.kind <> 'warm-up'",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(ex) = exercise {
            args.push(ex.to_owned());
            sql.push_str(&format!(" AND s.exercise_id = ${}", args.len() + 1));
        }
        push_date_range(&mut sql, &mut args, "w.date", from, to)?;
        sql.push_str(" GROUP BY w.date, w.id, s.exercise_id, s.reps, s.rpe");
        let mut q = sqlx::query(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut out: Vec<(i64, DaySummary)> = rows
            .iter()
            .map(|r| {
                Ok((
                    r.try_get(6)?,
                    DaySummary {
                        date: parse_date(r.try_get(0)?)?,
                        exercise_id: r.try_get(1)?,
                        reps: r
                            .try_get::<Option<i64>, _>(2)?
                            .map(|v| to_u32("reps", v))
                            .transpose()?,
                        rpe: r.try_get(3)?,
                        sets: r.try_get(4)?,
                        max_load_kg: r.try_get(5)?,
                    },
                ))
            })
            .collect::<Result<_>>()?;
        // The summaries' order (NULLs first on both databases).
        out.sort_by(|(wa, a), (wb, b)| {
            (a.date, *wa, &a.exercise_id, a.reps)
                .cmp(&(b.date, *wb, &b.exercise_id, b.reps))
                .then(
                    a.rpe
                        .map(|x| x + 0.0)
                        .partial_cmp(&b.rpe.map(|x| x + 0.0))
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
        });
        Ok(out.into_iter().map(|(_, s)| s).collect())
    }

    /// How many of the user's workouts on `date` hold sets of `exercise`.
    pub async fn workouts_with_exercise_on(
        &self,
        user: UserId,
        exercise: &str,
        date: NaiveDate,
    ) -> Result<usize> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT s.workout_id) FROM workouts w JOIN sets s ON s.workout_id = w.id \
             WHERE w.user_id = $1 AND w.date = $2 AND s.exercise_id = $3",
        )
        .bind(user.0)
        .bind(date_text(date)?)
        .bind(exercise)
        .fetch_one(&self.pool)
        .await?;
        Ok(n.max(0) as usize)
    }

    /// The most reps of one set of any of `exercises` done without
    /// assistance (no load, or a load of 0 or more: an assisted set is
    /// logged with a negative load), in all the history; one index walk,
    /// not the sets themselves.
    pub async fn max_reps_unassisted(
        &self,
        user: UserId,
        exercises: &[&str],
    ) -> Result<Option<u32>> {
        if exercises.is_empty() {
            return Ok(None);
        }
        let marks: Vec<String> = (0..exercises.len())
            .map(|i| format!("${}", i + 2))
            .collect();
        let sql = format!(
            "SELECT MAX(reps) FROM sets WHERE user_id = $1 AND exercise_id IN ({}) \
             AND (load_kg IS NULL OR load_kg >= 0)",
            marks.join(", ")
        );
        let mut q = sqlx::query_scalar::<_, Option<i64>>(&sql).bind(user.0);
        for e in exercises {
            q = q.bind(*e);
        }
        q.fetch_one(&self.pool)
            .await?
            .map(|v| to_u32("reps", v))
            .transpose()
    }

    /// The distinct dates on which the user logged a workout, ascending.
    pub async fn workout_dates(&self, user: UserId) -> Result<Vec<NaiveDate>> {
        self.workout_dates_between(user, None, None).await
    }

    /// The distinct workout dates in `from..=to`, led by the last one before
    /// `from` (so "the last workout before a day" is always answerable): the
    /// coach reads where a plan stands from its start up to the day, and
    /// years of history around it cost nothing. `None`: no bound.
    /// Dates in `from..=to` on which every set logged is one of `exercises`
    /// (the daily Big 3 done on a rest day, say), in date order.
    pub async fn dates_with_only(
        &self,
        user: UserId,
        exercises: &[&str],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        if exercises.is_empty() {
            return Ok(Vec::new());
        }
        let mut args = vec![date_text(from)?, date_text(to)?];
        let mut marks = Vec::with_capacity(exercises.len());
        for ex in exercises {
            args.push((*ex).to_owned());
            marks.push(format!("${}", args.len() + 1));
        }
        let sql = format!(
            "SELECT w.date FROM workouts w JOIN sets s ON s.workout_id = w.id \
             WHERE w.user_id = $1 AND w.date >= $2 AND w.date <= $3 \
             GROUP BY w.date \
             HAVING SUM(CASE WHEN s.exercise_id IN ({}) THEN 0 ELSE 1 END) = 0 \
             ORDER BY w.date",
            marks.join(", ")
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql).bind(user.0);
        for a in &args {
            q = q.bind(a.as_str());
        }
        q.fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(parse_date)
            .collect()
    }

    pub async fn workout_dates_between(
        &self,
        user: UserId,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<NaiveDate>> {
        // A walk from date to next date down workouts_user_date (one index
        // seek per date), not a DISTINCT over every workout: a day of many
        // logged sets (the web logs set by set) costs one step, not one per set.
        let from = from.map_or_else(|| "0000-01-01".to_owned(), |d| d.to_string());
        let to = to.map_or_else(|| "9999-12-31".to_owned(), |d| d.to_string());
        let dates = sqlx::query_scalar::<_, String>(
            "WITH RECURSIVE d (date) AS ( \
               SELECT COALESCE( \
                 (SELECT MAX(date) FROM workouts WHERE user_id = $1 AND date < $2), \
                 (SELECT MIN(date) FROM workouts WHERE user_id = $1 AND date >= $2 AND date <= $3)) \
               UNION ALL \
               SELECT (SELECT MIN(w.date) FROM workouts w \
                       WHERE w.user_id = $1 AND w.date > d.date AND w.date <= $3) \
               FROM d WHERE d.date IS NOT NULL \
             ) SELECT date FROM d WHERE date IS NOT NULL ORDER BY date",
        )
        .bind(user.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        dates.into_iter().map(parse_date).collect()
    }
}

/// Inserts a workout and its sets inside the caller's write transaction.
pub(crate) async fn insert_workout(
    w: &mut crate::connect::WriteTx,
    backend: Backend,
    user: UserId,
    date: NaiveDate,
    plan: Option<PlanId>,
    source: Source,
    sets: &[NewSet],
) -> Result<WorkoutId> {
    let day = date;
    let date = date_text(date)?;
    if sets.is_empty() {
        return Err(StoreError::invalid(
            "sets",
            "a workout needs at least one set",
        ));
    }
    for s in sets {
        check_exercise("exercise_id", &s.exercise_id)?;
        check_finite("load_kg", s.load_kg)?;
        check_finite("rpe", s.rpe)?;
    }
    // PostgreSQL: the user's row lock (the one an UPDATE of the row would
    // take, without writing a row version) serialises their writes (the month
    // summary below is a read-modify-write) and checks they exist. SQLite:
    // the transaction holds the database's write lock from its BEGIN
    // IMMEDIATE, so a read checks they exist (an UPDATE would add a page
    // to every commit for nothing).
    let sql = match backend {
        Backend::Postgres => "SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE",
        Backend::Sqlite => "SELECT 1 FROM users WHERE id = $1",
    };
    let found = sqlx::query(sql)
        .bind(user.0)
        .fetch_optional(&mut *w.tx)
        .await?;
    if found.is_none() {
        return Err(StoreError::UnknownUser(user));
    }
    let workout: i64 = sqlx::query(
        "INSERT INTO workouts (user_id, date, plan_id, source, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user.0)
    .bind(date)
    .bind(plan.map(|p| p.0))
    .bind(source.to_db())
    .bind(now_text())
    .fetch_one(&mut *w.tx)
    .await?
    .try_get(0)?;
    for (i, s) in sets.iter().enumerate() {
        sqlx::query(
            "INSERT INTO sets (workout_id, user_id, exercise_id, set_index, reps, load_kg, hold_s, rpe, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(workout)
        .bind(user.0)
        .bind(s.exercise_id.as_str())
        .bind(i as i64 + 1)
        .bind(s.reps.map(i64::from))
        .bind(s.load_kg)
        .bind(s.hold_s.map(i64::from))
        .bind(s.rpe)
        .bind(s.note.as_deref())
        // sqlx 0.8.6's Any driver sends a NULL f64 as float4 (launchbadge/sqlx#4284):
        // a cached PostgreSQL statement first run with NULL then rejects a value.
        .persistent(backend == Backend::Sqlite)
        .execute(&mut *w.tx)
        .await?;
    }
    crate::summaries::record(w, user, day, workout, sets).await?;
    Ok(WorkoutId(workout))
}
