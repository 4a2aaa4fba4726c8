//! The base-week selection problem in structured form. It writes itself as an
//! integer program (`to_model`: what microlp solves and `--emit-model` prints),
//! and evaluates and checks assignments on its own (`objective`, `feasible`), so
//! tests can hold the solver's answer to the problem's definition.
//!
//! Shape: each item (exercise) takes a whole number of blocks of sets (a block is
//! one set, or a 3-set McGill pyramid) at a cost per set (goal fit); each muscle's weekly volume is a linear sum of sets,
//! penalised piecewise-linearly (convex) outside its target range; side
//! constraints are caps (time, heavy-compound volume), volume floors (covers)
//! and "at least one of" rules.
//!
//! Why no binary "selected" variables: fixed costs per exercise and minimum-set
//! links (x = 0 or x >= 2) made the LP relaxation weak and the search 10-100x
//! longer (measured: 0.03-4 s a plan), and so did pairs of sets as the unit.
//! With sets alone the search is short; the price is that an exercise may get a
//! single weekly set.

use super::model::{Model, Sense, SolveError, VarKind};

/// One exercise as the solver sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub name: String,
    /// Sets come in blocks of this size.
    pub block: u32,
    /// Most weekly sets (a multiple of `block`).
    pub max_sets: u32,
    /// Cost per set (goal fit: lower is a better fit).
    pub set_cost: f64,
    /// Stimulus per set, per muscle goal.
    pub stim: Vec<f64>,
}

/// Weekly volume goal of one muscle: penalty `4w` per set below `lo`, `w` per
/// set below `hi`, `w` per set above `hi`.
#[derive(Debug, Clone, PartialEq)]
pub struct MuscleGoal {
    pub name: String,
    pub lo: f64,
    pub hi: f64,
    pub weight: f64,
}

/// Penalty factor below the minimum (on top of the one below the maximum).
pub const BELOW_MIN_FACTOR: f64 = 4.0;

impl MuscleGoal {
    pub fn penalty(&self, v: f64) -> f64 {
        self.weight * (BELOW_MIN_FACTOR * (self.lo - v).max(0.0) + (self.hi - v).max(0.0) + (v - self.hi).max(0.0))
    }
}

/// Σ a_i·x_i <= rhs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub name: String,
    pub per_set: Vec<(usize, f64)>,
    pub rhs: f64,
}

/// Σ a_i·x_i >= need.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub name: String,
    pub per_set: Vec<(usize, f64)>,
    pub need: f64,
}

/// At least one of the items is used.
#[derive(Debug, Clone, PartialEq)]
pub struct AtLeastOne {
    pub name: String,
    pub items: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problem {
    pub items: Vec<Item>,
    pub muscles: Vec<MuscleGoal>,
    pub caps: Vec<Cap>,
    pub covers: Vec<Cover>,
    pub at_least_one: Vec<AtLeastOne>,
}

/// An optimal choice of sets per item.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub sets: Vec<u32>,
    pub objective: f64,
    pub nodes: u64,
    pub millis: f64,
}

impl Problem {
    /// Objective of a full assignment.
    pub fn objective(&self, sets: &[u32]) -> f64 {
        let fixed: f64 = self.items.iter().zip(sets).map(|(i, x)| i.set_cost * *x as f64).sum();
        let muscles: f64 = self.muscles.iter().enumerate().map(|(m, g)| g.penalty(self.volume(sets, m))).sum();
        fixed + muscles
    }

    fn volume(&self, sets: &[u32], m: usize) -> f64 {
        self.items.iter().zip(sets).map(|(i, x)| i.stim[m] * *x as f64).sum()
    }

    /// True when the assignment meets every constraint.
    pub fn feasible(&self, sets: &[u32]) -> bool {
        let caps_ok = self.caps.iter().all(|c| {
            c.per_set.iter().map(|(i, a)| a * sets[*i] as f64).sum::<f64>() <= c.rhs + 1e-7
        });
        let covers_ok = self.covers.iter().all(|c| c.per_set.iter().map(|(i, a)| a * sets[*i] as f64).sum::<f64>() >= c.need - 1e-7);
        let ones_ok = self.at_least_one.iter().all(|a| a.items.iter().any(|i| sets[*i] > 0));
        let options_ok = self.items.iter().zip(sets).all(|(i, x)| x % i.block == 0 && *x <= i.max_sets);
        caps_ok && covers_ok && ones_ok && options_ok
    }

    /// (variables, constraints) of `to_model`, without building it.
    pub fn model_size(&self) -> (usize, usize) {
        let vars = self.items.len() + 3 * self.muscles.len();
        let cons = 3 * self.muscles.len() + self.caps.len() + self.covers.len() + self.at_least_one.len();
        (vars, cons)
    }

    /// The same problem as a general integer program (what --emit-model writes).
    /// Variables: z (blocks of sets, integer) per item; lo/top/over (continuous)
    /// per muscle goal. Sets are x = block·z.
    pub fn to_model(&self) -> Model {
        let mut m = Model::default();
        let mut z = Vec::new();
        for it in &self.items {
            let tag = it.name.replace('-', "_");
            let b = it.block as f64;
            z.push(m.add_var(format!("z_{tag}"), VarKind::Integer, 0.0, (it.max_sets / it.block) as f64, round9(it.set_cost * b)));
        }
        let x = |i: usize, a: f64| (z[i], round9(a * self.items[i].block as f64));
        for (mi, g) in self.muscles.iter().enumerate() {
            let lo = m.add_var(format!("lo_{}", g.name), VarKind::Continuous, 0.0, f64::INFINITY, BELOW_MIN_FACTOR * g.weight);
            let top = m.add_var(format!("top_{}", g.name), VarKind::Continuous, 0.0, f64::INFINITY, g.weight);
            let over = m.add_var(format!("over_{}", g.name), VarKind::Continuous, 0.0, f64::INFINITY, g.weight);
            let vol: Vec<(usize, f64)> = (0..self.items.len()).filter(|i| self.items[*i].stim[mi] > 0.0).map(|i| x(i, self.items[i].stim[mi])).collect();
            let with = |extra: (usize, f64)| {
                let mut v = vol.clone();
                v.push(extra);
                v
            };
            m.add_constraint(format!("below_min_{}", g.name), with((lo, 1.0)), Sense::Ge, g.lo);
            m.add_constraint(format!("below_max_{}", g.name), with((top, 1.0)), Sense::Ge, g.hi);
            m.add_constraint(format!("above_max_{}", g.name), with((over, -1.0)), Sense::Le, g.hi);
        }
        for c in &self.caps {
            m.add_constraint(c.name.clone(), c.per_set.iter().map(|(i, a)| x(*i, *a)).collect(), Sense::Le, c.rhs);
        }
        for c in &self.covers {
            m.add_constraint(c.name.clone(), c.per_set.iter().map(|(i, a)| x(*i, *a)).collect(), Sense::Ge, c.need);
        }
        for a in &self.at_least_one {
            m.add_constraint(a.name.clone(), a.items.iter().map(|i| (z[*i], 1.0)).collect(), Sense::Ge, 1.0);
        }
        m
    }

    /// The grid every integer-feasible objective lies on, when there is one:
    /// the objective moves by whole set costs (per block of sets) and, per muscle,
    /// by its weight times half sets (volumes, `lo` and `hi` are multiples of
    /// 0.5), so every objective is a whole multiple of the greatest common
    /// divisor of those amounts (computed on a 1/3200 grid).
    pub fn objective_step(&self) -> Option<f64> {
        const UNIT: f64 = 1.0 / 3200.0;
        let ticks = |x: f64| {
            let t = x / UNIT;
            ((t - t.round()).abs() < 1e-6).then_some(t.round().abs() as u64)
        };
        let half = |x: f64| ((x * 2.0) - (x * 2.0).round()).abs() < 1e-9;
        if !self.items.iter().all(|i| i.stim.iter().all(|s| half(*s))) || !self.muscles.iter().all(|g| half(g.lo) && half(g.hi)) {
            return None;
        }
        let mut g = 0u64;
        for amount in self.items.iter().map(|i| i.set_cost * i.block as f64).chain(self.muscles.iter().map(|m| m.weight * 0.5)) {
            g = gcd(g, ticks(amount)?);
        }
        (g > 0).then(|| g as f64 * UNIT)
    }

    /// Solves to proven optimality (microlp's branch and bound; see
    /// `Model::solve_with_step` for how the objective grid shortens the proof).
    pub fn solve(&self) -> Result<Solution, SolveError> {
        let solved = self.to_model().solve_with_step(self.objective_step())?;
        let sets: Vec<u32> = self.items.iter().enumerate().map(|(i, it)| solved.values[i] as u32 * it.block).collect();
        Ok(Solution { objective: self.objective(&sets), sets, nodes: solved.nodes, millis: solved.millis })
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
