//! The base week as a structured integer program: which filled slots are used
//! on each kind of session and with how many sets. `solve` proves its optimum
//! with the specialised branch and bound of `plan::solver`; it also writes
//! itself as a general integer program (`to_model`: what `--emit-model` prints,
//! HiGHS re-solves and `solve_with_microlp` checks against) and evaluates and
//! checks assignments on its own (`objective`, `feasible`), so tests can hold
//! any solver's answer to the problem's definition.
//!
//! A *use* is one filled slot on one kind of session (the heavy day, or the
//! light days, which are alike). Per use k: `u_k` (binary: done that session)
//! and `s_k` (integer: units per session, a unit being one set or one McGill
//! pyramid), with `min·u <= s <= max·u` — so a used exercise gets 2-5 sets, never
//! a lone working set. Sessions of a kind repeat `weekly` times a week.
//!
//! Minimise
//!   Σ_m w_m (4·below_min_m + below_max_m + above_max_m)     weekly volume vs range (E-VOLUME)
//! + Σ_k weekly_k (use_cost·u_k − value_k·sets_k)             fewer, fuller exercises; better ones get the sets
//! + Σ_g miss_g·GROUP_PENALTY + Σ_k daily_miss_k·DAILY_PENALTY  coverage and Big 3 daily, soft so no valid profile is refused
//! + Σ_t short_t·COUNT_PENALTY·days_t + Σ_c cover_short_c·COVER_PENALTY
//!
//! subject to each session's minutes (warm-up, ramp sets, rests and changeovers
//! included: the session printed is the session checked), at most 7 exercises a
//! session, the heavy-set cap (P-VOLUME), and coverage rows.

use super::model::{Model, Sense, SolveError, VarKind};

/// Penalty per needed movement group the week leaves out: well above what
/// the sets that fill it can cost in range bookkeeping (1-3.75 a set past a
/// range), so a strength lifter's hinge is left out only when it cannot fit,
/// never for a few more sets of pull-ups.
pub const GROUP_PENALTY: f64 = 200.0;
/// Penalty per session missing a Big 3 exercise that should be daily: above
/// anything the minutes it takes could buy otherwise, so the Big 3 come first
/// whenever they fit (E-MCGILL-BIG3).
pub const DAILY_PENALTY: f64 = 1000.0;
/// Penalty per exercise a session has below 3.
pub const COUNT_PENALTY: f64 = 2.0;
/// Penalty per set below a volume floor (M-ERECTORS, M-CORE).
pub const COVER_PENALTY: f64 = 10.0;
/// Sets of one exercise in a session beyond this count are worth half: the
/// fourth and fifth sets of one movement add less than a fresh exercise would.
pub const FULL_VALUE_SETS: u32 = 3;
/// Penalty factor below a muscle's minimum (on top of the one below its maximum).
pub const BELOW_MIN_FACTOR: f64 = 4.0;

/// One filled slot on one kind of session.
#[derive(Debug, Clone, PartialEq)]
pub struct Use {
    /// `slot@session`, e.g. `row@heavy`.
    pub name: String,
    pub session: usize,
    /// Sessions of this kind a week.
    pub weekly: u32,
    /// Sets in one unit (3 for a pyramid, else 1).
    pub unit_sets: u32,
    pub min_units: u32,
    pub max_units: u32,
    /// Seconds per unit (work, set-up, rest after it).
    pub unit_seconds: f64,
    /// Seconds for using it at all: changeover and ramp sets, minus the rest not taken after the last set.
    pub fixed_seconds: f64,
    pub use_cost: f64,
    /// Value of one set (coach rank).
    pub set_value: f64,
    /// Stimulus per set, per muscle goal.
    pub stim: Vec<f64>,
    pub heavy: bool,
    /// Index into `groups`, when the group is needed.
    pub group: Option<usize>,
    pub daily: bool,
}

/// A session kind's limits.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionLimit {
    pub name: String,
    /// Seconds available after the general warm-up.
    pub seconds: f64,
    pub max_exercises: u32,
    pub min_exercises: u32,
    /// Training days a week this session kind stands for.
    pub days: u32,
}

impl SessionLimit {
    /// Penalty per exercise the session has below `min_exercises`: COUNT_PENALTY
    /// on each day it is done, so a thin session three times a week weighs three times.
    pub fn short_cost(&self) -> f64 {
        COUNT_PENALTY * f64::from(self.days.max(1))
    }
}

/// Weekly volume goal of one muscle.
#[derive(Debug, Clone, PartialEq)]
pub struct MuscleGoal {
    pub name: String,
    pub lo: f64,
    pub hi: f64,
    pub weight: f64,
}

impl MuscleGoal {
    pub fn penalty(&self, v: f64) -> f64 {
        self.weight
            * (BELOW_MIN_FACTOR * (self.lo - v).max(0.0)
                + (self.hi - v).max(0.0)
                + (v - self.hi).max(0.0))
    }
}

/// A weekly volume floor over some muscles (soft).
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub name: String,
    /// Muscle goal indices whose stimulus counts.
    pub muscles: Vec<usize>,
    pub need: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problem {
    pub uses: Vec<Use>,
    pub sessions: Vec<SessionLimit>,
    pub muscles: Vec<MuscleGoal>,
    /// Needed groups by name.
    pub groups: Vec<String>,
    /// How many times GROUP_PENALTY leaving each group out costs (1 when
    /// not given): a strength lifter's hinge and squat come before a carry.
    pub group_weights: Vec<f64>,
    pub covers: Vec<Cover>,
    /// Most weekly sets of heavy compounds (P-VOLUME).
    pub heavy_cap: f64,
}

/// Units per use (0 = not used).
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub units: Vec<u32>,
    pub objective: f64,
    pub nodes: u64,
    pub millis: f64,
}

impl Use {
    pub fn weekly_sets(&self, units: u32) -> f64 {
        f64::from(units * self.unit_sets * self.weekly)
    }
    pub fn seconds(&self, units: u32) -> f64 {
        if units == 0 {
            0.0
        } else {
            self.unit_seconds * f64::from(units) + self.fixed_seconds
        }
    }
}

impl Problem {
    pub fn volume(&self, units: &[u32], m: usize) -> f64 {
        self.uses
            .iter()
            .zip(units)
            .map(|(k, x)| k.stim[m] * k.weekly_sets(*x))
            .sum()
    }

    /// What leaving group `g` out costs.
    pub fn group_penalty(&self, g: usize) -> f64 {
        GROUP_PENALTY * self.group_weights.get(g).copied().unwrap_or(1.0)
    }

    fn group_missing(&self, units: &[u32], g: usize) -> bool {
        !self
            .uses
            .iter()
            .zip(units)
            .any(|(k, x)| k.group == Some(g) && *x > 0)
    }

    /// Exercises session kind `t` holds.
    pub fn count(&self, units: &[u32], t: usize) -> u32 {
        self.uses
            .iter()
            .zip(units)
            .filter(|(k, x)| k.session == t && **x > 0)
            .count() as u32
    }

    /// Seconds a session kind takes after its general warm-up.
    pub fn session_seconds(&self, units: &[u32], t: usize) -> f64 {
        self.uses
            .iter()
            .zip(units)
            .filter(|(k, _)| k.session == t)
            .map(|(k, x)| k.seconds(*x))
            .sum()
    }

    /// The objective of a full assignment (the soft parts included).
    pub fn objective(&self, units: &[u32]) -> f64 {
        let mut z = 0.0;
        for (k, x) in self.uses.iter().zip(units) {
            if *x > 0 {
                z += f64::from(k.weekly) * k.use_cost - k.set_value * k.weekly_sets(*x)
                    + 0.5
                        * k.set_value
                        * f64::from(k.weekly * k.unit_sets * x.saturating_sub(FULL_VALUE_SETS));
            } else if k.daily {
                z += DAILY_PENALTY * f64::from(k.weekly);
            }
        }
        z += self
            .muscles
            .iter()
            .enumerate()
            .map(|(m, g)| g.penalty(self.volume(units, m)))
            .sum::<f64>();
        z += (0..self.groups.len())
            .filter(|g| self.group_missing(units, *g))
            .map(|g| self.group_penalty(g))
            .sum::<f64>();
        for t in 0..self.sessions.len() {
            z += self.sessions[t].short_cost()
                * f64::from(
                    self.sessions[t]
                        .min_exercises
                        .saturating_sub(self.count(units, t)),
                );
        }
        for c in &self.covers {
            let v: f64 = c.muscles.iter().map(|m| self.volume(units, *m)).sum();
            z += COVER_PENALTY * (c.need - v).max(0.0);
        }
        z
    }

    /// True when the assignment meets every hard constraint.
    pub fn feasible(&self, units: &[u32]) -> bool {
        let bounds = self
            .uses
            .iter()
            .zip(units)
            .all(|(k, x)| *x == 0 || (k.min_units..=k.max_units).contains(x));
        let time = (0..self.sessions.len())
            .all(|t| self.session_seconds(units, t) <= self.sessions[t].seconds + 1e-6);
        let count = (0..self.sessions.len())
            .all(|t| self.count(units, t) <= self.sessions[t].max_exercises);
        let heavy: f64 = self
            .uses
            .iter()
            .zip(units)
            .filter(|(k, _)| k.heavy)
            .map(|(k, x)| k.weekly_sets(*x))
            .sum();
        bounds && time && count && heavy <= self.heavy_cap + 1e-9
    }

    /// (variables, constraints) of `to_model`.
    pub fn model_size(&self) -> (usize, usize) {
        let m = self.to_model();
        (m.vars.len(), m.constraints.len())
    }

    /// The same problem as a general integer program (what --emit-model writes).
    pub fn to_model(&self) -> Model {
        self.indexed_model().0
    }

    /// The integer program, and per use its option variables with their unit counts.
    ///
    /// Each use is a choice among "not done" and "done with j units" (j in
    /// min..=max): one binary per option, at most one chosen. That is the convex
    /// hull of the use's own domain, fixed cost, time and half-value sets
    /// included, so the LP relaxation is far tighter than a binary times an
    /// integer with big-M links (measured: nodes per plan cut by two orders of magnitude).
    fn indexed_model(&self) -> (Model, Vec<Vec<(usize, u32)>>) {
        let mut m = Model::default();
        let mut options: Vec<Vec<(usize, u32)>> = Vec::new();
        for k in &self.uses {
            let w = f64::from(k.weekly);
            let mut opts = Vec::new();
            for j in k.min_units..=k.max_units {
                let sets = f64::from(j * k.unit_sets);
                let extra = f64::from(j.saturating_sub(FULL_VALUE_SETS) * k.unit_sets);
                let cost = w * (k.use_cost - k.set_value * sets + 0.5 * k.set_value * extra);
                opts.push((
                    m.add_var(
                        format!("y_{}_{j}", k.name),
                        VarKind::Binary,
                        0.0,
                        1.0,
                        round9(cost),
                    ),
                    j,
                ));
            }
            options.push(opts);
        }
        let used =
            |i: usize| -> Vec<(usize, f64)> { options[i].iter().map(|(v, _)| (*v, 1.0)).collect() };
        let per_unit = |i: usize, a: f64| -> Vec<(usize, f64)> {
            options[i]
                .iter()
                .map(|(v, j)| (*v, round9(a * f64::from(*j))))
                .collect()
        };
        for (i, k) in self.uses.iter().enumerate() {
            m.add_constraint(format!("choose_{}", k.name), used(i), Sense::Le, 1.0);
            if k.daily {
                // DAILY_PENALTY·(1 - used): a miss variable keeps the objective linear.
                let d = m.add_var(
                    format!("daily_miss_{}", k.name),
                    VarKind::Continuous,
                    0.0,
                    1.0,
                    DAILY_PENALTY * f64::from(k.weekly),
                );
                let mut row = used(i);
                row.push((d, 1.0));
                m.add_constraint(format!("daily_{}", k.name), row, Sense::Ge, 1.0);
            }
        }
        for (t, lim) in self.sessions.iter().enumerate() {
            let ks: Vec<usize> = (0..self.uses.len())
                .filter(|i| self.uses[*i].session == t)
                .collect();
            let mut time = Vec::new();
            for i in &ks {
                let k = &self.uses[*i];
                time.extend(
                    options[*i].iter().map(|(v, j)| {
                        (*v, round9(k.unit_seconds * f64::from(*j) + k.fixed_seconds))
                    }),
                );
            }
            m.add_constraint(
                format!("time_{}", lim.name),
                time,
                Sense::Le,
                round9(lim.seconds),
            );
            let count: Vec<(usize, f64)> = ks.iter().flat_map(|i| used(*i)).collect();
            m.add_constraint(
                format!("max_exercises_{}", lim.name),
                count.clone(),
                Sense::Le,
                f64::from(lim.max_exercises),
            );
            let short = m.add_var(
                format!("short_{}", lim.name),
                VarKind::Continuous,
                0.0,
                f64::INFINITY,
                lim.short_cost(),
            );
            let mut row = count;
            row.push((short, 1.0));
            m.add_constraint(
                format!("min_exercises_{}", lim.name),
                row,
                Sense::Ge,
                f64::from(lim.min_exercises),
            );
        }
        let vol = |mi: usize| -> Vec<(usize, f64)> {
            (0..self.uses.len())
                .filter(|i| self.uses[*i].stim[mi] > 0.0)
                .flat_map(|i| {
                    per_unit(
                        i,
                        self.uses[i].stim[mi]
                            * f64::from(self.uses[i].unit_sets * self.uses[i].weekly),
                    )
                })
                .collect()
        };
        for (mi, g) in self.muscles.iter().enumerate() {
            let lo = m.add_var(
                format!("below_min_{}", g.name),
                VarKind::Continuous,
                0.0,
                f64::INFINITY,
                BELOW_MIN_FACTOR * g.weight,
            );
            let top = m.add_var(
                format!("below_max_{}", g.name),
                VarKind::Continuous,
                0.0,
                f64::INFINITY,
                g.weight,
            );
            let over = m.add_var(
                format!("above_max_{}", g.name),
                VarKind::Continuous,
                0.0,
                f64::INFINITY,
                g.weight,
            );
            let with = |extra: (usize, f64)| {
                let mut v = vol(mi);
                v.push(extra);
                v
            };
            m.add_constraint(
                format!("volume_min_{}", g.name),
                with((lo, 1.0)),
                Sense::Ge,
                g.lo,
            );
            m.add_constraint(
                format!("volume_max_{}", g.name),
                with((top, 1.0)),
                Sense::Ge,
                g.hi,
            );
            m.add_constraint(
                format!("volume_over_{}", g.name),
                with((over, -1.0)),
                Sense::Le,
                g.hi,
            );
        }
        for (g, name) in self.groups.iter().enumerate() {
            let miss = m.add_var(
                format!("miss_{name}"),
                VarKind::Continuous,
                0.0,
                1.0,
                self.group_penalty(g),
            );
            let mut row: Vec<(usize, f64)> = (0..self.uses.len())
                .filter(|i| self.uses[*i].group == Some(g))
                .flat_map(used)
                .collect();
            row.push((miss, 1.0));
            m.add_constraint(format!("cover_{name}"), row, Sense::Ge, 1.0);
        }
        for c in &self.covers {
            let short = m.add_var(
                format!("short_{}", c.name),
                VarKind::Continuous,
                0.0,
                f64::INFINITY,
                COVER_PENALTY,
            );
            let mut row: Vec<(usize, f64)> = Vec::new();
            for mi in &c.muscles {
                row.extend(vol(*mi));
            }
            row.push((short, 1.0));
            m.add_constraint(c.name.clone(), row, Sense::Ge, c.need);
        }
        let heavy: Vec<(usize, f64)> = (0..self.uses.len())
            .filter(|i| self.uses[*i].heavy)
            .flat_map(|i| per_unit(i, f64::from(self.uses[i].unit_sets * self.uses[i].weekly)))
            .collect();
        if !heavy.is_empty() {
            m.add_constraint("P_VOLUME_heavy_sets", heavy, Sense::Le, self.heavy_cap);
        }
        (m, options)
    }

    /// The grid every integer-feasible objective lies on, when there is one: the
    /// objective moves by whole use costs, set values, penalties and, per muscle,
    /// its weight times half sets, so every objective is a multiple of their
    /// greatest common divisor (on a 1/3200 grid).
    pub fn objective_step(&self) -> Option<f64> {
        const UNIT: f64 = 1.0 / 3200.0;
        let ticks = |x: f64| {
            let t = x / UNIT;
            ((t - t.round()).abs() < 1e-6).then_some(t.round().abs() as u64)
        };
        let half = |x: f64| ((x * 2.0) - (x * 2.0).round()).abs() < 1e-9;
        if !self.uses.iter().all(|k| k.stim.iter().all(|s| half(*s)))
            || !self.muscles.iter().all(|g| half(g.lo) && half(g.hi))
        {
            return None;
        }
        let mut g = 0u64;
        let amounts = self
            .uses
            .iter()
            .flat_map(|k| {
                [
                    k.use_cost * f64::from(k.weekly),
                    0.5 * k.set_value * f64::from(k.unit_sets * k.weekly),
                ]
            })
            .chain(self.muscles.iter().map(|m| m.weight * 0.5))
            .chain(self.sessions.iter().map(SessionLimit::short_cost))
            .chain((0..self.groups.len()).map(|g| self.group_penalty(g)))
            .chain([GROUP_PENALTY, DAILY_PENALTY, COVER_PENALTY * 0.5]);
        for amount in amounts {
            g = gcd(g, ticks(amount)?);
        }
        (g > 0).then_some(g as f64 * UNIT)
    }

    /// Solves to proven optimality with the specialised branch and bound (solver/).
    pub fn solve(&self) -> Result<Solution, SolveError> {
        super::solver::solve(self)
    }

    /// Solves `to_model` to proven optimality with microlp, a general MIP
    /// solver: slower, kept as an independent check of `solve`.
    pub fn solve_with_microlp(&self) -> Result<Solution, SolveError> {
        let (mut model, options) = self.indexed_model();
        // The set values make the objective negative; the most they can take off
        // is an offset that keeps the search's objective positive for the grid argument.
        model.search_offset = 1.0
            + self
                .uses
                .iter()
                .map(|k| k.set_value * f64::from(k.max_units * k.unit_sets * k.weekly))
                .sum::<f64>();
        let solved = model.solve_with_step(self.objective_step())?;
        let units: Vec<u32> = options
            .iter()
            .map(|opts| {
                opts.iter()
                    .filter(|(v, _)| solved.values[*v] > 0.5)
                    .map(|(_, j)| *j)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        Ok(Solution {
            objective: self.objective(&units),
            units,
            nodes: solved.nodes,
            millis: solved.millis,
        })
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn round9(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}
