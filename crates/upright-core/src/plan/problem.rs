//! The base-week selection problem in structured form, with an exact
//! branch-and-bound solver made for its shape.
//!
//! The same `Problem` also writes itself as a general integer program
//! (`to_model`, CPLEX LP via `--emit-model`); tests solve that model with
//! microlp and check both reach the same optimum, so the fast solver is held to
//! an independent one.
//!
//! Shape: each item (exercise) takes 0 sets or one of its allowed set counts and
//! costs a fixed amount when used; each muscle's weekly volume is a linear sum
//! of sets, penalised piecewise-linearly (convex) outside its target range;
//! side constraints are knapsack caps (time, counts, patterns), volume floors
//! (covers) and "at least one of" rules.

use super::model::{Model, Sense, VarKind};
use std::time::Instant;

/// One exercise as the solver sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub name: String,
    /// Allowed weekly set counts, ascending, all > 0, multiples of `block`.
    pub options: Vec<u32>,
    pub block: u32,
    /// Fixed cost when used.
    pub cost: f64,
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
    /// How much one more unit of volume lowers the penalty at `v` (0 past the maximum).
    fn marginal_gain(&self, v: f64) -> f64 {
        if v < self.lo - 1e-9 {
            self.weight * (BELOW_MIN_FACTOR + 1.0)
        } else if v < self.hi - 1e-9 {
            self.weight
        } else {
            0.0
        }
    }
}

/// Σ a_i·x_i + Σ b_i·y_i <= rhs, every term non-negative for any choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub name: String,
    pub per_set: Vec<(usize, f64)>,
    pub per_use: Vec<(usize, f64)>,
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
    /// The first cap is the weekly time budget (used for bounding).
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
        let fixed: f64 = self.items.iter().zip(sets).filter(|(_, x)| **x > 0).map(|(i, x)| i.cost + i.set_cost * *x as f64).sum();
        let muscles: f64 = self.muscles.iter().enumerate().map(|(m, g)| g.penalty(self.volume(sets, m))).sum();
        fixed + muscles
    }

    fn volume(&self, sets: &[u32], m: usize) -> f64 {
        self.items.iter().zip(sets).map(|(i, x)| i.stim[m] * *x as f64).sum()
    }

    /// True when the assignment meets every constraint.
    pub fn feasible(&self, sets: &[u32]) -> bool {
        let caps_ok = self.caps.iter().all(|c| {
            let used: f64 = c.per_set.iter().map(|(i, a)| a * sets[*i] as f64).sum::<f64>()
                + c.per_use.iter().filter(|(i, _)| sets[*i] > 0).map(|(_, b)| b).sum::<f64>();
            used <= c.rhs + 1e-7
        });
        let covers_ok = self.covers.iter().all(|c| c.per_set.iter().map(|(i, a)| a * sets[*i] as f64).sum::<f64>() >= c.need - 1e-7);
        let ones_ok = self.at_least_one.iter().all(|a| a.items.iter().any(|i| sets[*i] > 0));
        let options_ok = self.items.iter().zip(sets).all(|(i, x)| *x == 0 || i.options.contains(x));
        caps_ok && covers_ok && ones_ok && options_ok
    }

    /// (variables, constraints) of `to_model`, without building it.
    pub fn model_size(&self) -> (usize, usize) {
        let vars = 2 * self.items.len() + 3 * self.muscles.len();
        let cons = 2 * self.items.len() + 3 * self.muscles.len() + self.caps.len() + self.covers.len() + self.at_least_one.len();
        (vars, cons)
    }

    /// The same problem as a general integer program (what --emit-model writes).
    /// Variables: z (blocks of sets, integer) and y (used, binary) per item;
    /// lo/top/over (continuous) per muscle goal.
    pub fn to_model(&self) -> Model {
        let mut m = Model::default();
        let mut z = Vec::new();
        let mut y = Vec::new();
        for it in &self.items {
            let tag = it.name.replace('-', "_");
            let max = *it.options.last().unwrap_or(&0) as f64;
            z.push(m.add_var(format!("z_{tag}"), VarKind::Integer, 0.0, max / it.block as f64, it.set_cost * it.block as f64));
            y.push(m.add_var(format!("y_{tag}"), VarKind::Binary, 0.0, 1.0, it.cost));
        }
        // Sets as an expression of z: x = block·z.
        let x = |i: usize, a: f64| (z[i], a * self.items[i].block as f64);
        for (i, it) in self.items.iter().enumerate() {
            let tag = it.name.replace('-', "_");
            let (min, max) = (*it.options.first().unwrap_or(&0) as f64, *it.options.last().unwrap_or(&0) as f64);
            m.add_constraint(format!("max_{tag}"), vec![x(i, 1.0), (y[i], -max)], Sense::Le, 0.0);
            m.add_constraint(format!("min_{tag}"), vec![x(i, 1.0), (y[i], -min)], Sense::Ge, 0.0);
        }
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
            let mut terms: Vec<(usize, f64)> = c.per_set.iter().map(|(i, a)| x(*i, *a)).collect();
            terms.extend(c.per_use.iter().map(|(i, b)| (y[*i], *b)));
            m.add_constraint(c.name.clone(), terms, Sense::Le, c.rhs);
        }
        for c in &self.covers {
            m.add_constraint(c.name.clone(), c.per_set.iter().map(|(i, a)| x(*i, *a)).collect(), Sense::Ge, c.need);
        }
        for a in &self.at_least_one {
            m.add_constraint(a.name.clone(), a.items.iter().map(|i| (y[*i], 1.0)).collect(), Sense::Ge, 1.0);
        }
        m
    }

    /// Solves the LP model with microlp to proven optimality (no MIP gap).
    pub fn solve_mip(&self) -> Result<Solution, super::model::SolveError> {
        let model = self.to_model();
        let solved = model.solve()?;
        let sets = self.items.iter().enumerate().map(|(i, it)| solved.values[2 * i] as u32 * it.block).collect::<Vec<_>>();
        Ok(Solution { objective: self.objective(&sets), sets, nodes: solved.nodes, millis: solved.millis })
    }

    /// Solves to proven optimality (depth-first branch and bound). `None`: infeasible.
    pub fn solve(&self) -> Option<Solution> {
        let started = Instant::now();
        let mut s = Search::new(self);
        s.dfs(0);
        let best = s.best?;
        let objective = self.objective(&best);
        Some(Solution { sets: best, objective, nodes: s.nodes, millis: started.elapsed().as_secs_f64() * 1000.0 })
    }
}

/// Per item: what each option adds to each cap (index 0 = not used).
struct ItemTable {
    cap_use: Vec<Vec<f64>>,
    /// Least time per set over its options (cap 0), for the fractional bound.
    secs_per_set: f64,
    max_sets: f64,
}

struct Search<'p> {
    p: &'p Problem,
    order: Vec<usize>,
    table: Vec<ItemTable>,
    sets: Vec<u32>,
    volume: Vec<f64>,
    cap_used: Vec<f64>,
    cover_got: Vec<f64>,
    /// Per depth: the most each cover can still gain from items at or after it.
    cover_rest: Vec<Vec<f64>>,
    fixed_cost: f64,
    best: Option<Vec<u32>>,
    best_obj: f64,
    nodes: u64,
    scratch: Vec<(f64, f64, f64)>,
}

/// Objective differences below this are ties (the costs carry 1e-4 tie-breaks).
const EPS: f64 = 1e-9;

impl<'p> Search<'p> {
    fn new(p: &'p Problem) -> Self {
        let n = p.items.len();
        let table: Vec<ItemTable> = (0..n)
            .map(|i| {
                let opts = std::iter::once(0).chain(p.items[i].options.iter().copied());
                let cap_use: Vec<Vec<f64>> = opts
                    .map(|x| {
                        p.caps
                            .iter()
                            .map(|c| {
                                if x == 0 {
                                    return 0.0;
                                }
                                c.per_set.iter().filter(|(j, _)| *j == i).map(|(_, a)| a * x as f64).sum::<f64>()
                                    + c.per_use.iter().filter(|(j, _)| *j == i).map(|(_, b)| b).sum::<f64>()
                            })
                            .collect()
                    })
                    .collect();
                let secs_per_set = p.items[i]
                    .options
                    .iter()
                    .enumerate()
                    .map(|(k, x)| cap_use[k + 1].first().copied().unwrap_or(0.0) / *x as f64)
                    .fold(f64::INFINITY, f64::min);
                ItemTable { cap_use, secs_per_set, max_sets: *p.items[i].options.last().unwrap_or(&0) as f64 }
            })
            .collect();
        // Most promising first: best penalty relief per second at the empty week.
        let mut order: Vec<usize> = (0..n).collect();
        let score = |i: usize| {
            let gain: f64 = p.muscles.iter().enumerate().map(|(m, g)| g.marginal_gain(0.0) * p.items[i].stim[m]).sum();
            gain / table[i].secs_per_set.max(1e-9)
        };
        order.sort_by(|a, b| score(*b).total_cmp(&score(*a)).then(a.cmp(b)));
        let mut cover_rest = vec![vec![0.0; p.covers.len()]; n + 1];
        for d in (0..n).rev() {
            let i = order[d];
            for (c, cov) in p.covers.iter().enumerate() {
                let a: f64 = cov.per_set.iter().filter(|(j, _)| *j == i).map(|(_, a)| *a).sum();
                cover_rest[d][c] = cover_rest[d + 1][c] + a * table[i].max_sets;
            }
        }
        Search {
            p,
            order,
            table,
            sets: vec![0; n],
            volume: vec![0.0; p.muscles.len()],
            cap_used: vec![0.0; p.caps.len()],
            cover_got: vec![0.0; p.covers.len()],
            cover_rest,
            fixed_cost: 0.0,
            best: None,
            best_obj: f64::INFINITY,
            nodes: 0,
            scratch: Vec::with_capacity(n),
        }
    }

    /// A lower bound on any completion from depth `d`: the penalty now, less the
    /// most the remaining items could relieve within the time left, valuing each
    /// set at today's marginal gains (they only shrink as volume grows: the
    /// penalty is convex) less its share of the item's fixed cost.
    fn bound(&mut self, d: usize) -> f64 {
        let p = self.p;
        let penalty: f64 = p.muscles.iter().enumerate().map(|(m, g)| g.penalty(self.volume[m])).sum();
        let relievable: f64 = p.muscles.iter().enumerate().map(|(m, g)| g.penalty(self.volume[m]) - g.penalty(self.volume[m].max(g.hi))).sum();
        let gains: Vec<f64> = p.muscles.iter().enumerate().map(|(m, g)| g.marginal_gain(self.volume[m])).collect();
        self.scratch.clear();
        for &i in &self.order[d..] {
            let it = &p.items[i];
            let t = &self.table[i];
            let per_set = it.stim.iter().zip(&gains).map(|(s, g)| s * g).sum::<f64>() - it.cost / t.max_sets;
            if per_set > 0.0 {
                self.scratch.push((per_set / t.secs_per_set.max(1e-9), t.secs_per_set, per_set * t.max_sets));
            }
        }
        self.scratch.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut time_left = p.caps.first().map(|c| c.rhs - self.cap_used[0]).unwrap_or(f64::INFINITY);
        let mut relief = 0.0;
        for &(ratio, _, full) in &self.scratch {
            let secs_full = full / ratio;
            if secs_full <= time_left || !time_left.is_finite() {
                relief += full;
                time_left -= secs_full;
            } else {
                relief += ratio * time_left.max(0.0);
                break;
            }
        }
        self.fixed_cost + penalty - relief.min(relievable)
    }

    fn dfs(&mut self, d: usize) {
        self.nodes += 1;
        let p = self.p;
        // Covers must still be reachable.
        if p.covers.iter().enumerate().any(|(c, cov)| self.cover_got[c] + self.cover_rest[d][c] < cov.need - 1e-9) {
            return;
        }
        if d == self.order.len() {
            if p.at_least_one.iter().all(|a| a.items.iter().any(|i| self.sets[*i] > 0)) {
                let obj = self.fixed_cost + p.muscles.iter().enumerate().map(|(m, g)| g.penalty(self.volume[m])).sum::<f64>();
                if obj < self.best_obj - EPS {
                    self.best_obj = obj;
                    self.best = Some(self.sets.clone());
                }
            }
            return;
        }
        if self.bound(d) >= self.best_obj - EPS {
            return;
        }
        let i = self.order[d];
        let n_opts = p.items[i].options.len();
        // Larger choices first: they find good incumbents early; "not used" last.
        let mut choices: Vec<usize> = (1..=n_opts).rev().collect();
        choices.push(0);
        for k in choices {
            let fits = self.table[i].cap_use[k].iter().zip(&self.cap_used).zip(&p.caps).all(|((u, used), c)| used + u <= c.rhs + 1e-7);
            if !fits {
                continue;
            }
            let x = if k == 0 { 0 } else { p.items[i].options[k - 1] };
            self.apply(i, k, x, 1.0);
            self.dfs(d + 1);
            self.apply(i, k, x, -1.0);
        }
    }

    fn apply(&mut self, i: usize, k: usize, x: u32, sign: f64) {
        let p = self.p;
        self.sets[i] = if sign > 0.0 { x } else { 0 };
        if x == 0 {
            return;
        }
        for (m, v) in self.volume.iter_mut().enumerate() {
            *v += sign * p.items[i].stim[m] * x as f64;
        }
        for (c, used) in self.cap_used.iter_mut().enumerate() {
            *used += sign * self.table[i].cap_use[k][c];
        }
        for (c, cov) in p.covers.iter().enumerate() {
            let a: f64 = cov.per_set.iter().filter(|(j, _)| *j == i).map(|(_, a)| *a).sum();
            self.cover_got[c] += sign * a * x as f64;
        }
        self.fixed_cost += sign * p.items[i].cost;
    }
}
