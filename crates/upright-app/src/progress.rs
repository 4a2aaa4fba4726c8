//! `progress`: estimated 1RM over time, weekly sets per muscle against the
//! plan's targets, the pain trend and adherence (core's `coach::metrics`),
//! from per-day summaries grouped in SQL rather than every set.

use crate::lookup::exercise;
use crate::{Actor, App, AppResult};
use chrono::NaiveDate;
use upright_core::assess::{trend, BatteryTrend};
use upright_core::coach::dates::parse_date;
use upright_core::coach::metrics::{compute, DayGroup, PlanContext, Progress};

#[derive(Debug, Clone, Default)]
pub struct ProgressRequest {
    pub exercise: Option<String>,
    /// As of this day; default: today, or the last logged day if later.
    pub date: Option<String>,
}

/// Progress and, for charts, the name of the one exercise asked for.
#[derive(Debug, Clone)]
pub struct ProgressView {
    pub progress: Progress,
    pub exercise_name: Option<String>,
    /// The endurance batteries up to the day, when there are any: each
    /// hold's times and the ratios over time (E-MCGILL-ENDURANCE).
    pub battery: Option<BatteryTrend>,
    /// Summary groups read (for the timing line).
    pub groups: usize,
    /// Time spent reading the store and computing the figures.
    pub read: std::time::Duration,
    pub compute: std::time::Duration,
}

impl App {
    pub async fn progress(
        &self,
        me: &Actor,
        req: ProgressRequest,
        today: NaiveDate,
    ) -> AppResult<ProgressView> {
        let only = req
            .exercise
            .as_deref()
            .map(|e| exercise(&self.catalog, "exercise", e))
            .transpose()?;
        let date = req
            .date
            .as_deref()
            .map(|d| parse_date("date", d))
            .transpose()?;
        let t0 = std::time::Instant::now();
        let active = self.active(me).await?;
        let rows = self
            .store
            .exercise_day_summaries(me.id, None, None, date)
            .await?;
        let pain_rows = self.store.pain_scores(me.id, None, date).await?;
        let as_of = date.unwrap_or_else(|| {
            let last = rows
                .last()
                .map(|s| s.date)
                .into_iter()
                .chain(pain_rows.last().map(|p| p.date))
                .max();
            last.map_or(today, |l| l.max(today))
        });
        let groups: Vec<DayGroup> = rows
            .into_iter()
            .map(|s| DayGroup {
                date: s.date,
                exercise_id: s.exercise_id,
                reps: s.reps,
                rpe: s.rpe,
                sets: s.sets,
                max_load_kg: s.max_load_kg,
            })
            .collect();
        let read = t0.elapsed();
        let pain = crate::pain::scores(&pain_rows);
        let ctx = active.as_ref().map(|a| PlanContext {
            id: a.stored.id.0,
            programme: a.programme(),
        });
        let progress = compute(
            &groups,
            &pain,
            ctx,
            &self.catalog,
            only.map(|e| e.id.as_str()),
            as_of,
            me.unit,
        );
        let batteries = self.batteries(me, Some(as_of)).await?;
        let compute = t0.elapsed() - read;
        Ok(ProgressView {
            progress,
            exercise_name: only.map(|e| e.name.clone()),
            battery: (!batteries.is_empty()).then(|| trend(&batteries)),
            groups: groups.len(),
            read,
            compute,
        })
    }
}
