//! `history`: what was logged, sets and pain, with one line per workout and
//! exercise (its sets, volume and best estimated 1RM) for tables.

use crate::lookup::exercise;
use crate::{Actor, App, AppError, AppResult};
use serde::Serialize;
use upright_core::coach::dates::{iso, parse_date};
use upright_core::coach::loads::best_e1rm;
use upright_core::coach::{sets_notation, SetEntry};

#[derive(Debug, Clone, Default)]
pub struct HistoryRequest {
    pub exercise: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SetOut {
    pub date: String,
    pub workout: i64,
    pub exercise: String,
    pub set: u32,
    pub reps: Option<u32>,
    pub load_kg: Option<f64>,
    pub hold_s: Option<u32>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
    /// Shown when not a working set (`warm-up`, `drop`, `failure`).
    #[serde(skip_serializing_if = "is_working")]
    pub kind: upright_store::SetKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
}

fn is_working(k: &upright_store::SetKind) -> bool {
    *k == upright_store::SetKind::Working
}

#[derive(Debug, Clone, Serialize)]
pub struct PainOut {
    pub date: String,
    pub score: u8,
    pub when: &'static str,
    pub note: Option<String>,
}

/// One workout's sets of one exercise, as a table shows them.
#[derive(Debug, Clone, Serialize)]
pub struct WorkoutLine {
    pub date: String,
    pub exercise: String,
    /// In the person's unit.
    pub sets_text: String,
    /// Load x reps, kilograms (None without loads).
    pub volume_kg: Option<f64>,
    /// Best estimated 1RM of the sets, kilograms (E-1RM, E-RTS).
    pub e1rm_kg: Option<f64>,
    pub note: Option<String>,
}

/// The JSON shape of `history` (`lines` is for tables and not serialised).
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub unit: &'static str,
    pub sets: Vec<SetOut>,
    pub pain: Vec<PainOut>,
    #[serde(skip)]
    pub lines: Vec<WorkoutLine>,
}

impl App {
    pub async fn history(&self, me: &Actor, req: HistoryRequest) -> AppResult<History> {
        let ex = req
            .exercise
            .as_deref()
            .map(|e| exercise(&self.catalog, "exercise", e))
            .transpose()?;
        let from = req
            .from
            .as_deref()
            .map(|d| parse_date("from", d))
            .transpose()?;
        let to = req.to.as_deref().map(|d| parse_date("to", d)).transpose()?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(AppError::bad(
                    "from",
                    format!(
                        "{} is after to {}; accepted: a day on or before it",
                        iso(f),
                        iso(t)
                    ),
                ));
            }
        }
        let rows = self
            .store
            .sets_for(me.id, ex.map(|e| e.id.as_str()), from, to)
            .await?;
        // Pain is about the back, not one exercise: shown unless one exercise is asked for.
        let pain = if ex.is_none() {
            self.store.pain_entries(me.id, from, to).await?
        } else {
            Vec::new()
        };
        let mut lines: Vec<WorkoutLine> = Vec::new();
        let mut group: Vec<&upright_store::SetRow> = Vec::new();
        let flush = |group: &mut Vec<&upright_store::SetRow>, lines: &mut Vec<WorkoutLine>| {
            let Some(first) = group.first() else { return };
            let entries: Vec<SetEntry> = group
                .iter()
                .map(|r| SetEntry {
                    reps: r.reps,
                    load_kg: r.load_kg,
                    hold_s: r.hold_s,
                    rpe: r.rpe,
                })
                .collect();
            let volume: f64 = entries
                .iter()
                .map(|e| e.load_kg.unwrap_or(0.0).max(0.0) * f64::from(e.reps.unwrap_or(0)))
                .sum();
            lines.push(WorkoutLine {
                date: iso(first.date),
                exercise: first.exercise_id.clone(),
                sets_text: sets_notation::display_sets(&entries, me.unit),
                volume_kg: (volume > 0.0).then_some(volume),
                e1rm_kg: best_e1rm(&entries),
                note: group.iter().find_map(|r| r.note.clone()),
            });
            group.clear();
        };
        for r in &rows {
            if group
                .first()
                .is_some_and(|f| f.workout_id != r.workout_id || f.exercise_id != r.exercise_id)
            {
                flush(&mut group, &mut lines);
            }
            group.push(r);
        }
        flush(&mut group, &mut lines);
        Ok(History {
            unit: me.unit.as_str(),
            sets: rows
                .iter()
                .map(|r| SetOut {
                    date: iso(r.date),
                    workout: r.workout_id.0,
                    exercise: r.exercise_id.clone(),
                    set: r.set_index,
                    reps: r.reps,
                    load_kg: r.load_kg,
                    hold_s: r.hold_s,
                    rpe: r.rpe,
                    note: r.note.clone(),
                    kind: r.kind,
                    distance_m: r.distance_m,
                })
                .collect(),
            pain: pain
                .iter()
                .map(|p| PainOut {
                    date: iso(p.entry.date),
                    score: p.entry.score,
                    when: crate::pain::when_of(p.entry.timing).as_str(),
                    note: p.entry.note.clone(),
                })
                .collect(),
            lines,
        })
    }
}
