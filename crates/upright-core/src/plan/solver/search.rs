//! Depth-first branch and bound over the relaxation. Branches, in order: a
//! use's choice to `not done | done` (the hole: 0 or min..max units; the use
//! picked by pseudocosts, measured by strong branching until reliable); a used
//! exercise's units to `≤ t | > t`. Every branch is a change of column bounds,
//! so a child warm-starts from its parent's basis. (Branching on a session's
//! exercise count first, which helped a prototype on the older model, made
//! these trees larger: measured on 300 random profiles.) A node the LP does
//! not prune is tried against the session knapsack bound (bound.rs).
//! A node is pruned only when its weak-duality bound shows that no point in it
//! beats the incumbent by a whole step of the objective's grid (or by 1e-7
//! when the objective has no grid); an integral point is scored by
//! `Problem::objective` itself.

use super::bound;
use super::local;
use super::relax::Relaxation;
use super::simplex::{State, Status};
use crate::plan::problem::Problem;

/// A bound change: (column, lower, upper).
type Change = (usize, f64, f64);

const INT_TOL: f64 = 1e-6;
const ROOT_PIVOTS: u32 = 2000;
const NODE_PIVOTS: u32 = 500;

pub struct Outcome {
    pub units: Vec<u32>,
    pub objective: f64,
    pub nodes: u64,
}

struct Search<'a> {
    p: &'a Problem,
    lp: &'a Relaxation,
    step: Option<f64>,
    best: Option<(Vec<u32>, f64)>,
    /// Per use, per direction (not done, done): summed bound gain per unit of change, and how many.
    pseudo: Vec<[(f64, u32); 2]>,
}

/// Strong-branching looks until a use's pseudocosts rest on this many observations per direction.
const RELIABLE: u32 = 2;
/// Most uses tried by strong branching at one node, and pivots per trial.
const STRONG_CANDIDATES: usize = 8;
const STRONG_PIVOTS: u32 = 40;

/// A node's children, explored in order (None: that child is empty).
struct Branch {
    first: Option<Vec<Change>>,
    second: Option<Vec<Change>>,
    origin: [Origin; 2],
}

/// Which decision made a node, to learn its pseudocost: (use, done?, change, parent bound).
type Origin = Option<(usize, bool, f64, f64)>;

impl Search<'_> {
    /// Bounds at or above this cannot hold a point better by a whole step.
    fn threshold(&self) -> f64 {
        match (&self.best, self.step) {
            (None, _) => f64::INFINITY,
            (Some((_, z)), Some(step)) => z - step + 1e-7,
            (Some((_, z)), None) => z - 1e-7,
        }
    }

    fn learn(&mut self, origin: Origin, bound: f64) {
        if let Some((k, up, change, parent)) = origin {
            if bound.is_finite() && parent.is_finite() && change > 1e-9 {
                let e = &mut self.pseudo[k][usize::from(up)];
                e.0 += (bound - parent).max(0.0) / change;
                e.1 += 1;
            }
        }
    }

    fn estimate(&self, k: usize, up: bool) -> f64 {
        let (sum, n) = self.pseudo[k][usize::from(up)];
        if n == 0 {
            let all: Vec<f64> = self
                .pseudo
                .iter()
                .map(|e| e[usize::from(up)])
                .filter(|e| e.1 > 0)
                .map(|e| e.0 / f64::from(e.1))
                .collect();
            if all.is_empty() {
                1.0
            } else {
                all.iter().sum::<f64>() / all.len() as f64
            }
        } else {
            sum / f64::from(n)
        }
    }

    /// The bound of `s` after `changes` (a few pivots; valid even if unfinished), or None if empty.
    fn trial(&self, s: &State, changes: &Option<Vec<Change>>) -> f64 {
        let Some(ch) = changes else {
            return f64::INFINITY;
        };
        let mut t = s.clone();
        apply(self.lp, &mut t, ch);
        let raw = match t.solve(self.lp, STRONG_PIVOTS) {
            Status::Infeasible(r) => t.ray_bound(self.lp, r),
            _ => t.dual_bound(self.lp),
        };
        let b = raw + self.lp.constant;
        b - 1e-9 * (1.0 + b.abs())
    }

    fn offer(&mut self, units: Vec<u32>) {
        if !self.p.feasible(&units) {
            return;
        }
        let z = self.p.objective(&units);
        if self.best.as_ref().is_none_or(|(_, b)| z < *b - 1e-9) {
            // A new incumbent: polish it, it is cheap next to the nodes it saves.
            let (better, bz) = local::improve(self.p, &units);
            self.best = Some(if bz < z { (better, bz) } else { (units, z) });
        }
    }

    fn option_value(&self, s: &State, k: usize) -> f64 {
        self.lp.options[k].iter().map(|(c, _)| s.x[*c]).sum()
    }

    /// The units of an integral LP point, or None.
    fn integral(&self, s: &State) -> Option<Vec<u32>> {
        let mut units = Vec::with_capacity(self.p.uses.len());
        for opts in &self.lp.options {
            let mut u = 0;
            for (c, j) in opts {
                let v = s.x[*c];
                if v > 1.0 - INT_TOL && v < 1.0 + INT_TOL {
                    if u != 0 {
                        return None;
                    }
                    u = *j;
                } else if v.abs() > INT_TOL {
                    return None;
                }
            }
            units.push(u);
        }
        Some(units)
    }

    /// Row `r`'s activity at most `k` (canonical segment filling), or None if the child is empty.
    fn at_most(&self, s: &State, r: usize, k: f64) -> Option<Vec<Change>> {
        let seg = &self.lp.segments[r];
        let mut out = Vec::new();
        for (c, start) in seg.cols.iter().zip(&seg.starts) {
            let hi = s.hi[*c].min((k - start).clamp(0.0, self.lp.cols[*c].hi));
            if hi < s.lo[*c] - 1e-12 {
                return None;
            }
            out.push((*c, s.lo[*c], hi));
        }
        Some(out)
    }

    fn at_least(&self, s: &State, r: usize, k: f64) -> Option<Vec<Change>> {
        let seg = &self.lp.segments[r];
        let mut out = Vec::new();
        for (c, start) in seg.cols.iter().zip(&seg.starts) {
            let lo = s.lo[*c].max((k - start).clamp(0.0, self.lp.cols[*c].hi));
            if lo > s.hi[*c] + 1e-12 {
                return None;
            }
            out.push((*c, lo, s.hi[*c]));
        }
        Some(out)
    }

    /// Use `k` only with units in `keep` (None: also "not done").
    fn levels(
        &self,
        s: &State,
        k: usize,
        keep: impl Fn(u32) -> bool,
        may_skip: bool,
    ) -> Option<Vec<Change>> {
        let mut out: Vec<Change> = self.lp.options[k]
            .iter()
            .filter(|(_, j)| !keep(*j))
            .map(|(c, _)| (*c, 0.0, 0.0))
            .collect();
        if !self.lp.options[k]
            .iter()
            .any(|(c, j)| keep(*j) && s.hi[*c] > 0.5)
            && !may_skip
        {
            return None;
        }
        if !may_skip {
            out.extend(self.at_least(s, self.lp.use_row[k], 1.0)?);
        }
        Some(out)
    }

    /// The two children of a node (the first is explored first), or None when it holds one point.
    fn branch(&mut self, s: &State, lp_says: bool, bound: f64) -> Option<Branch> {
        let frac = |v: f64| (v - v.round()).abs();
        let plain = |first, second| Branch {
            first,
            second,
            origin: [None, None],
        };
        if lp_says {
            // 1. Done or not: the use whose two children raise the bound most
            // (product of the gains), measured by strong branching until its
            // pseudocosts are reliable.
            let mut cands: Vec<(usize, f64)> = (0..self.p.uses.len())
                .map(|k| (k, self.option_value(s, k)))
                .filter(|(_, v)| frac(*v) > INT_TOL)
                .collect();
            if !cands.is_empty() {
                cands.sort_by(|a, b| frac(b.1).total_cmp(&frac(a.1)).then(a.0.cmp(&b.0)));
                let mut best: Option<(f64, usize, f64, f64, f64)> = None; // score, use, value, bound off, bound on
                let mut strong = 0;
                for (k, v) in cands {
                    let r = self.lp.use_row[k];
                    let reliable = self.pseudo[k].iter().all(|e| e.1 >= RELIABLE);
                    let (dn, up) = if !reliable && strong < STRONG_CANDIDATES {
                        strong += 1;
                        let (off, on) = (self.at_most(s, r, 0.0), self.at_least(s, r, 1.0));
                        let (dn, up) = (self.trial(s, &off), self.trial(s, &on));
                        self.learn(Some((k, false, v, bound)), dn);
                        self.learn(Some((k, true, 1.0 - v, bound)), up);
                        let thr = self.threshold();
                        // A child that cannot hold a better point: the node is the other child.
                        if dn >= thr || up >= thr {
                            let keep = match (dn >= thr, up >= thr) {
                                (true, true) => None,
                                (true, false) => on,
                                _ => off,
                            };
                            return Some(plain(keep, None));
                        }
                        (dn, up)
                    } else {
                        (
                            bound + self.estimate(k, false) * v,
                            bound + self.estimate(k, true) * (1.0 - v),
                        )
                    };
                    let score = (dn - bound).max(1e-6) * (up - bound).max(1e-6);
                    if best.is_none_or(|b| score > b.0 * (1.0 + 1e-9)) {
                        best = Some((score, k, v, dn, up));
                    }
                }
                let (_, k, v, dn, up) = best.expect("a candidate");
                let r = self.lp.use_row[k];
                let (off, on) = (self.at_most(s, r, 0.0), self.at_least(s, r, 1.0));
                let (o_off, o_on) = (Some((k, false, v, bound)), Some((k, true, 1.0 - v, bound)));
                // The child with the lower bound first: a better point is likelier there.
                return Some(if up <= dn {
                    Branch {
                        first: on,
                        second: off,
                        origin: [o_on, o_off],
                    }
                } else {
                    Branch {
                        first: off,
                        second: on,
                        origin: [o_off, o_on],
                    }
                });
            }
            // 2. Units: a used exercise split over several counts.
            for k in 0..self.p.uses.len() {
                let opts = &self.lp.options[k];
                let support: Vec<u32> = opts
                    .iter()
                    .filter(|(c, _)| s.x[*c] > INT_TOL)
                    .map(|(_, j)| *j)
                    .collect();
                if support.len() >= 2 {
                    let mean: f64 = opts.iter().map(|(c, j)| s.x[*c] * f64::from(*j)).sum();
                    let t = (mean.floor() as u32).clamp(support[0], support[support.len() - 1] - 1);
                    let low = self.levels(s, k, |j| j <= t, true);
                    let high = self.levels(s, k, |j| j > t, false);
                    return Some(if mean - f64::from(t) < 0.5 {
                        plain(low, high)
                    } else {
                        plain(high, low)
                    });
                }
            }
        }
        // The LP gave no usable answer, or an integral point it cannot close:
        // split the first use whose remaining domain has more than one value.
        for k in 0..self.p.uses.len() {
            let (may_skip, open) = self.domain(s, k);
            if open.len() + usize::from(may_skip) < 2 {
                continue;
            }
            if may_skip {
                let r = self.lp.use_row[k];
                return Some(plain(self.at_most(s, r, 0.0), self.at_least(s, r, 1.0)));
            }
            let t = open[open.len() / 2 - 1];
            return Some(plain(
                self.levels(s, k, |j| j <= t, false),
                self.levels(s, k, |j| j > t, false),
            ));
        }
        None
    }

    /// What the node's bounds still allow use `k`: "not done", and which unit counts.
    fn domain(&self, s: &State, k: usize) -> (bool, Vec<u32>) {
        let used = self.lp.segments[self.lp.use_row[k]].cols[0];
        let may_skip = s.lo[used] < 0.5;
        let open = if s.hi[used] < 0.5 {
            Vec::new()
        } else {
            self.lp.options[k]
                .iter()
                .filter(|(c, _)| s.hi[*c] > 0.5)
                .map(|(_, j)| *j)
                .collect()
        };
        (may_skip, open)
    }

    /// An incumbent before the tree: fix the use the LP is surest about (done
    /// when at least half done, else not done; then a used exercise's likeliest
    /// unit count), re-solve, and offer each LP point rounded, until the point
    /// is integral or the dive's node could not beat the incumbent.
    fn dive(&mut self, root: &State) {
        let mut s = root.clone();
        let frac = |v: f64| (v - v.round()).abs();
        for _ in 0..4 * self.p.uses.len() {
            let b = s.dual_bound(self.lp) + self.lp.constant;
            if b - 1e-9 * (1.0 + b.abs()) >= self.threshold() {
                return;
            }
            if let Some(units) = self.integral(&s) {
                self.offer(units);
                return;
            }
            self.offer_rounded(&s);
            let pick = (0..self.p.uses.len())
                .map(|k| (k, self.option_value(&s, k)))
                .filter(|(_, v)| frac(*v) > INT_TOL)
                .min_by(|a, b| frac(a.1).total_cmp(&frac(b.1)).then(a.0.cmp(&b.0)));
            let changes = match pick {
                Some((k, v)) if v >= 0.5 => self.at_least(&s, self.lp.use_row[k], 1.0),
                Some((k, _)) => self.at_most(&s, self.lp.use_row[k], 0.0),
                None => self.likeliest_units(&s),
            };
            let Some(ch) = changes else { return };
            apply(self.lp, &mut s, &ch);
            if s.solve(self.lp, NODE_PIVOTS) != Status::Optimal {
                return;
            }
        }
    }

    /// Fixes the first used exercise split over several unit counts to its likeliest one.
    fn likeliest_units(&self, s: &State) -> Option<Vec<Change>> {
        (0..self.p.uses.len()).find_map(|k| {
            let opts = &self.lp.options[k];
            let split = opts.iter().filter(|(c, _)| s.x[*c] > INT_TOL).count() >= 2;
            let (_, top) = opts.iter().max_by(|a, b| s.x[a.0].total_cmp(&s.x[b.0]))?;
            split
                .then(|| self.levels(s, k, |j| j == *top, false))
                .flatten()
        })
    }

    /// Offers the LP point rounded when that is a feasible improvement (not polished unless it is).
    fn offer_rounded(&mut self, s: &State) {
        let units = rounded(self.lp, s);
        if self.p.feasible(&units) {
            self.offer(units);
        }
    }

    /// The single point a node holds when every use's domain is down to one value.
    fn only_point(&self, s: &State) -> Vec<u32> {
        (0..self.p.uses.len())
            .map(|k| match self.domain(s, k) {
                (true, _) => 0,
                (false, open) => open.first().copied().unwrap_or(0),
            })
            .collect()
    }
}

/// The LP point rounded: each use done when it is at least half done, with its likeliest unit count.
fn rounded(lp: &Relaxation, s: &State) -> Vec<u32> {
    lp.options
        .iter()
        .map(|opts| {
            let used: f64 = opts.iter().map(|(c, _)| s.x[*c]).sum();
            let top = opts
                .iter()
                .max_by(|a, b| s.x[a.0].total_cmp(&s.x[b.0]))
                .map(|o| o.1)
                .unwrap_or(0);
            if used >= 0.5 {
                top
            } else {
                0
            }
        })
        .collect()
}

fn apply(lp: &Relaxation, s: &mut State, changes: &[Change]) {
    for (c, lo, hi) in changes {
        s.set_bounds(lp, *c, *lo, *hi);
    }
}

/// Solves `p` to proven optimality on the relaxation `lp`.
pub fn run(p: &Problem, lp: &Relaxation) -> Option<Outcome> {
    let mut search = Search {
        p,
        lp,
        step: p.objective_step(),
        best: None,
        pseudo: vec![[(0.0, 0); 2]; p.uses.len()],
    };
    let mut root = State::new(lp);
    let status = root.solve(lp, ROOT_PIVOTS);
    // First incumbents: the LP rounded and polished, and the empty week polished.
    for start in [rounded(lp, &root), vec![0; p.uses.len()]] {
        let (units, _) = local::improve(p, &start);
        search.offer(units);
    }
    if status == Status::Optimal {
        search.dive(&root);
    }
    let mut nodes = 0u64;
    let mut stack: Vec<(State, Vec<Change>, Origin)> = Vec::new();
    let mut current: Option<(State, Status, Origin)> = Some((root, status, None));
    loop {
        let (mut s, status, origin) = match current.take() {
            Some(c) => c,
            None => match stack.pop() {
                Some((mut s, changes, origin)) => {
                    apply(lp, &mut s, &changes);
                    let st = s.solve(lp, NODE_PIVOTS);
                    (s, st, origin)
                }
                None => break,
            },
        };
        nodes += 1;
        let raw = match status {
            Status::Infeasible(r) => s.ray_bound(lp, r),
            _ => s.dual_bound(lp),
        };
        let bound = raw + lp.constant;
        let bound = bound - 1e-9 * (1.0 + bound.abs());
        search.learn(origin, bound.min(1e12));
        if bound >= search.threshold() {
            continue;
        }
        let lp_says = status == Status::Optimal;
        if lp_says {
            if let Some(units) = search.integral(&s) {
                let z = p.feasible(&units).then(|| p.objective(&units));
                search.offer(units);
                if z.is_some_and(|z| bound >= z - 1e-7) {
                    continue;
                }
            }
        }
        if lp_says {
            if let Some(b) = bound::sessions(p, lp, &s) {
                if b - 1e-9 * (1.0 + b.abs()) >= search.threshold() {
                    continue;
                }
            }
        }
        match search.branch(&s, lp_says, bound) {
            Some(Branch {
                first,
                second,
                origin,
            }) => {
                if let Some(b) = second {
                    stack.push((s.clone(), b, origin[1]));
                }
                if let Some(a) = first {
                    apply(lp, &mut s, &a);
                    let st = s.solve(lp, NODE_PIVOTS);
                    current = Some((s, st, origin[0]));
                }
            }
            None => {
                let point = search.only_point(&s);
                search.offer(point);
            }
        }
    }
    search.best.map(|(units, objective)| Outcome {
        units,
        objective,
        nodes,
    })
}
