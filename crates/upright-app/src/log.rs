//! `log`: one workout entry (an exercise's sets on a day), written in one
//! transaction (all its sets or nothing).
//!
//! Loads without a unit are in the person's unit (an lb account's `5@225`
//! is 225 lb), and the limits are checked in that unit. A hold logged as reps
//! (or reps as a hold) is refused with the right form; an identical entry
//! re-sent for the same day is not written twice; a date more than a day
//! ahead is refused; an exercise outside the active plan is logged with a note.
//!
//! Progress that sticks: when the exercise logged is the neighbour the coach
//! moved a planned exercise on to (a graduation) or back to after repeated
//! misses (a regression; not one made for pain, which lasts only while it
//! hurts), the plan is changed with the workout, in the same transaction:
//! from this session on the neighbour is the plan's exercise, recorded as a
//! `graduate` or `regress` plan change, and later decisions read its history.

use crate::active::Active;
use crate::lookup::exercise;
use crate::swap::{gave_up, lost_race, EDIT_ATTEMPTS};
use crate::{day_or, not_future, Actor, App, AppError, AppResult};
use chrono::NaiveDate;
use serde::Serialize;
use upright_core::catalog::Exercise;
use upright_core::coach::dates::iso;
use upright_core::coach::edits;
use upright_core::coach::progression::{is_mcgill, Action};
use upright_core::coach::{parse_sets, sets_notation, SetEntry};
use upright_core::text::echo;
use upright_core::vocab::Dosing;
use upright_store::{ChangeKind, NewSet, PlanChange, PlanEdit, Source};

/// Longest note kept with a workout, in characters.
pub const NOTE_MAX: usize = 1000;

#[derive(Debug, Clone, Default)]
pub struct LogRequest {
    pub exercise: String,
    /// The SETS notation: `3x5@100kg`, `5,5,4@100`, `3x30s`, `6,4,2@10s`.
    pub sets: String,
    /// RPE for sets without their own.
    pub rpe: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
    /// Write it even when the same entry is already logged that day.
    pub again: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Logged {
    /// The workout written (or the one already holding this entry).
    pub workout_id: i64,
    /// False when an identical entry was already logged that day and nothing was written.
    pub written: bool,
    pub exercise: String,
    pub name: String,
    pub date: NaiveDate,
    /// The sets as understood, in the person's unit.
    pub sets_text: String,
    /// Load x reps over the sets, in the person's unit; None without loads.
    pub volume: Option<f64>,
    pub unit: &'static str,
    /// Things worth saying (outside the plan, logged twice today...).
    pub notes: Vec<String>,
    /// The plan change this workout made (a graduation or regression), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_change: Option<PlanChange>,
}

/// A plan edit a workout makes, ready to be written with it.
struct Progressed {
    json: String,
    change: PlanChange,
    note: String,
}

/// RPE 1-10 in half steps (E-RPE).
pub fn parse_rpe(s: &str) -> AppResult<f64> {
    let bad = || {
        AppError::bad("rpe", format!("'{}' is not accepted; accepted: a number from 1 to 10 in half steps, e.g. 8 or 7.5", echo(s)))
    };
    let x: f64 = s.trim().parse().map_err(|_| bad())?;
    if !(1.0..=10.0).contains(&x) || (x * 2.0).fract() != 0.0 {
        return Err(bad());
    }
    Ok(x)
}

/// A note: trimmed, empty is none, at most [`NOTE_MAX`] characters.
pub fn parse_note(s: Option<&str>) -> AppResult<Option<String>> {
    let note = s.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > NOTE_MAX) {
        return Err(AppError::bad(
            "note",
            format!("longer than {NOTE_MAX} characters; accepted: up to {NOTE_MAX}"),
        ));
    }
    Ok(note.map(String::from))
}

/// A stored set as compared: reps, load, hold, RPE.
type Stored = (Option<u32>, Option<f64>, Option<u32>, Option<f64>);

fn same_sets(a: &[SetEntry], b: &[Stored]) -> bool {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-6,
        (None, None) => true,
        _ => false,
    };
    a.len() == b.len()
        && a.iter().zip(b).all(|(s, r)| {
            s.reps == r.0 && close(s.load_kg, r.1) && s.hold_s == r.2 && close(s.rpe, r.3)
        })
}

impl App {
    pub async fn log(&self, me: &Actor, req: LogRequest, today: NaiveDate) -> AppResult<Logged> {
        self.log_as(me, req, today, None, Source::Cli).await
    }

    /// `log` from the web: each request carries an idempotency key (a retried
    /// sync returns the first write, `written: false`) and is stored as `web`.
    pub async fn log_keyed(
        &self,
        me: &Actor,
        req: LogRequest,
        key: &str,
        today: NaiveDate,
    ) -> AppResult<Logged> {
        self.log_as(me, req, today, Some(key), Source::Web).await
    }

    async fn log_as(
        &self,
        me: &Actor,
        req: LogRequest,
        today: NaiveDate,
        key: Option<&str>,
        source: Source,
    ) -> AppResult<Logged> {
        let catalog = &self.catalog;
        let ex = exercise(catalog, "exercise", &req.exercise)?;
        let date = day_or("date", req.date.as_deref(), today)?;
        not_future("date", date, today)?;
        let rpe = req.rpe.as_deref().map(parse_rpe).transpose()?;
        let note = parse_note(req.note.as_deref())?;
        let unit = me.unit;
        let parsed = parse_sets(&req.sets, unit).map_err(|e| {
            let text = e.to_string();
            AppError::bad("sets", text.strip_prefix("SETS: ").unwrap_or(&text))
        })?;
        let entries: Vec<SetEntry> = parsed
            .iter()
            .map(|e| SetEntry {
                rpe: e.rpe.or(rpe),
                ..*e
            })
            .collect();
        check_dosing(ex, &entries, unit)?;
        let mut notes = Vec::new();
        // Keyed writes are set by set (the same set twice is two sets) and
        // deduplicated by their key: the day's earlier entries are not read.
        // With `again` only their number is said: counted, not read.
        let (earlier, entries_before) = if key.is_some() {
            (Vec::new(), 0)
        } else if req.again {
            let n = self
                .store
                .workouts_with_exercise_on(me.id, &ex.id, date)
                .await?;
            (Vec::new(), n)
        } else {
            (
                self.store
                    .sets_for(me.id, Some(&ex.id), Some(date), Some(date))
                    .await?,
                0,
            )
        };
        let mut by_workout: Vec<(i64, Vec<Stored>)> = Vec::new();
        for r in &earlier {
            match by_workout.last_mut() {
                Some((w, v)) if *w == r.workout_id.0 => {
                    v.push((r.reps, r.load_kg, r.hold_s, r.rpe))
                }
                _ => by_workout.push((r.workout_id.0, vec![(r.reps, r.load_kg, r.hold_s, r.rpe)])),
            }
        }
        let sets_text = sets_notation::display_sets(&entries, unit);
        let volume: f64 = entries
            .iter()
            .map(|e| e.load_kg.unwrap_or(0.0) * f64::from(e.reps.unwrap_or(0)))
            .sum();
        let volume = (volume > 0.0).then(|| unit.from_kg(volume));
        let base = |workout_id: i64,
                    written: bool,
                    notes: Vec<String>,
                    plan_change: Option<PlanChange>| Logged {
            workout_id,
            written,
            exercise: ex.id.clone(),
            name: ex.name.clone(),
            date,
            sets_text: sets_text.clone(),
            volume,
            unit: unit.as_str(),
            notes,
            plan_change,
        };
        if !req.again {
            if let Some((w, _)) = by_workout.iter().find(|(_, v)| same_sets(&entries, v)) {
                notes.push(format!(
                    "already logged: the same sets of {} on this day are workout {w}; nothing written (log it again with --again if you did it twice)",
                    ex.id
                ));
                return Ok(base(*w, false, notes, None));
            }
        }
        let before = by_workout.len().max(entries_before);
        if before > 0 {
            notes.push(format!(
                "{} was already logged on this day ({} entr{}); both count",
                ex.id,
                before,
                if before == 1 { "y" } else { "ies" }
            ));
        }
        let sets: Vec<NewSet> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| NewSet {
                exercise_id: ex.id.clone(),
                reps: e.reps,
                load_kg: e.load_kg,
                hold_s: e.hold_s,
                rpe: e.rpe,
                note: if i == 0 { note.clone() } else { None },
            })
            .collect();
        // Plan edits are read-modify-writes: a racing edit makes us read again.
        for _ in 0..EDIT_ATTEMPTS {
            let active = self.active(me).await?;
            let mut notes = notes.clone();
            let progressed = match &active {
                Some(a) => self.progressed(me, a, ex, date, today).await?,
                None => None,
            };
            if let (Some(a), None) = (&active, &progressed) {
                if !edits::plan_ids(&a.doc).contains(&ex.id) {
                    notes.push(format!("{} is not in your active plan: logged all the same (it counts in history and progress)", ex.id));
                }
            }
            let edit = match (&active, &progressed) {
                (Some(a), Some(p)) => {
                    notes.push(p.note.clone());
                    Some(PlanEdit {
                        plan: a.stored.id,
                        revision: a.stored.revision,
                        plan_json: &p.json,
                        change: &p.change,
                    })
                }
                _ => None,
            };
            let plan = active.as_ref().map(|a| a.stored.id);
            let written = match key {
                None => self
                    .store
                    .log_workout_with_edit(me.id, date, plan, source, &sets, edit)
                    .await
                    .map(|id| (id, true)),
                Some(key) => {
                    self.store
                        .log_workout_keyed_with_edit(me.id, key, date, plan, source, &sets, edit)
                        .await
                }
            };
            match written {
                Ok((id, true)) => return Ok(base(id.0, true, notes, progressed.map(|p| p.change))),
                Ok((id, false)) => {
                    let seen = format!("already received (idempotency key seen before): workout {}; nothing written", id.0);
                    return Ok(base(id.0, false, vec![seen], None));
                }
                Err(e) if lost_race(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(gave_up("log"))
    }

    /// The plan edit logging `ex` on `date` makes: when the coach moved a
    /// planned exercise of that day's session on to `ex` (or back to it
    /// after repeated misses), `ex` takes its place from this session on.
    async fn progressed(
        &self,
        me: &Actor,
        a: &Active,
        ex: &Exercise,
        date: NaiveDate,
        today: NaiveDate,
    ) -> AppResult<Option<Progressed>> {
        let from_ids: Vec<&str> = a
            .doc
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .flat_map(|s| &s.exercises)
            .map(|e| e.id.as_str())
            .filter(|id| {
                self.catalog.get(id).is_some_and(|f| {
                    f.progressions.contains(&ex.id) || f.regressions.contains(&ex.id)
                })
            })
            .collect();
        if from_ids.is_empty() {
            return Ok(None); // not a neighbour of anything planned: nothing to work out
        }
        let day = self
            .plan_day(me, a, date, today, Some(true), Some(from_ids.as_slice()))
            .await?;
        for e in &day.exercises {
            let (kind, harder) = match &e.decision.action {
                Action::Graduate { to } if *to == ex.id => (ChangeKind::Graduate, true),
                Action::Regress { to, pain: false } if *to == ex.id => (ChangeKind::Regress, false),
                _ => continue,
            };
            let Some(from) = self.catalog.get(&e.id) else {
                continue;
            };
            let mut doc = (*a.doc).clone();
            let what = if harder {
                "moved on from"
            } else {
                "stepped back from"
            };
            let plan_note = format!(
                "{}: {what} {} ({}) to {} ({}) as the coach prescribed ({}).",
                iso(date),
                from.name,
                from.id,
                ex.name,
                ex.id,
                e.decision.rules.join(", ")
            );
            if edits::progress(
                &mut doc,
                &day.calendar,
                day.position.index,
                from,
                ex,
                harder,
                Some(plan_note),
            ) == 0
            {
                continue;
            }
            let json =
                serde_json::to_string(&doc).map_err(|e| AppError::internal(e.to_string()))?;
            let note = format!(
                "{what} {} to {}: {} is your plan's exercise from this session on (recorded as a plan change)",
                from.id, ex.id, ex.id
            );
            let change = PlanChange {
                date,
                kind,
                from_exercise: from.id.clone(),
                to_exercise: Some(ex.id.clone()),
            };
            return Ok(Some(Progressed { json, change, note }));
        }
        Ok(None)
    }
}

/// A hold exercise is logged as holds, a rep exercise as reps (McGill's Big 3
/// are reps of short holds: both fit).
fn check_dosing(
    ex: &upright_core::catalog::Exercise,
    sets: &[SetEntry],
    unit: upright_core::coach::Unit,
) -> AppResult<()> {
    if is_mcgill(ex) {
        return Ok(());
    }
    let example = |hold: bool| {
        let e = SetEntry {
            reps: if hold { None } else { Some(10) },
            load_kg: None,
            hold_s: hold.then_some(30),
            rpe: None,
        };
        sets_notation::display_sets(&[e, e, e], unit)
    };
    match ex.dosing {
        Dosing::Hold if sets.iter().any(|s| s.hold_s.is_none()) => Err(AppError::bad(
            "sets",
            format!(
                "{} is a hold: log seconds held, e.g. {}",
                ex.id,
                example(true)
            ),
        )),
        Dosing::Reps if sets.iter().any(|s| s.hold_s.is_some()) => Err(AppError::bad(
            "sets",
            format!(
                "{} is done for reps, not held: log reps, e.g. {} or 3x5@100kg",
                ex.id,
                example(false)
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpe_in_half_steps() {
        assert_eq!(parse_rpe("8").unwrap(), 8.0);
        assert_eq!(parse_rpe("7.5").unwrap(), 7.5);
        for bad in ["0", "11", "7.3", "hard", "", "-1"] {
            assert!(
                parse_rpe(bad).unwrap_err().to_string().starts_with("rpe: "),
                "{bad}"
            );
        }
    }
}
