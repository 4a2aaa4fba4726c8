//! A small dense bounded dual simplex over a [`Relaxation`]: the basis inverse
//! is kept explicitly (the models have about 30-80 rows), every column is
//! bounded, so any basis is dual feasible once each nonbasic column sits at the
//! bound its reduced cost points to, and a node warm-starts from its parent's
//! basis after its bound changes. Nothing here has to be exact: the search
//! prunes only on [`State::dual_bound`], which weak duality makes valid for
//! whatever multipliers the iterations reach.

use super::relax::Relaxation;

/// Where a column stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    Basic,
    Lower,
    Upper,
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Optimal,
    /// No point meets the bounds; the row whose multiplier proves it.
    Infeasible(usize),
    /// The iteration limit: the multipliers still give a valid bound.
    Stalled,
}

/// Pivots between refactorisations of the basis inverse.
const REFACTOR_EVERY: u32 = 128;
const PIVOT_TOL: f64 = 1e-9;
const DUAL_TOL: f64 = 1e-9;

/// One LP's bounds, basis, values and multipliers.
#[derive(Debug, Clone)]
pub struct State {
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    pub x: Vec<f64>,
    d: Vec<f64>,
    pub y: Vec<f64>,
    at: Vec<At>,
    basis: Vec<usize>,
    binv: Vec<f64>,
    /// Per basis row, the squared norm of its row of the inverse (dual steepest-edge weights, exact).
    weight: Vec<f64>,
    since_refactor: u32,
    pub pivots: u64,
}

impl State {
    /// The segment basis (one segment column per row, coefficient −1).
    pub fn new(lp: &Relaxation) -> State {
        let n = lp.cols.len();
        let m = lp.rows;
        let mut s = State {
            lo: lp.cols.iter().map(|c| c.lo).collect(),
            hi: lp.cols.iter().map(|c| c.hi).collect(),
            x: vec![0.0; n],
            d: vec![0.0; n],
            y: vec![0.0; m],
            at: vec![At::Lower; n],
            basis: lp.segments.iter().map(|s| s.cols[0]).collect(),
            binv: vec![0.0; m * m],
            weight: vec![1.0; m],
            since_refactor: 0,
            pivots: 0,
        };
        s.crash(lp);
        s.refactor(lp);
        s
    }

    /// A starting basis closer to the optimum: in each use's choice row, its
    /// most attractive option (priced by the other rows' first segments) is
    /// basic when using it pays, so the choice rows start feasible.
    fn crash(&mut self, lp: &Relaxation) {
        let price: Vec<f64> = lp
            .segments
            .iter()
            .map(|s| -lp.cols[s.cols[0]].cost)
            .collect();
        for (k, opts) in lp.options.iter().enumerate() {
            let r = lp.use_row[k];
            let g = lp.segments[r].cols[0];
            let reduced = |c: usize| {
                lp.cols[c].cost
                    - lp.cols[c]
                        .rows
                        .iter()
                        .filter(|(i, _)| *i != r)
                        .map(|(i, a)| price[*i] * a)
                        .sum::<f64>()
            };
            let best = opts
                .iter()
                .map(|(c, _)| (*c, reduced(*c)))
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            if let Some((c, rc)) = best {
                if rc + lp.cols[g].cost < 0.0 {
                    self.basis[r] = c;
                }
            }
        }
    }

    fn m(&self) -> usize {
        self.basis.len()
    }

    /// Recomputes the inverse, the multipliers, the reduced costs and the basic values from scratch.
    fn refactor(&mut self, lp: &Relaxation) {
        let m = self.m();
        if !self.invert(lp) {
            // A singular basis (round-off): back to the segment basis, always regular.
            self.basis = lp.segments.iter().map(|s| s.cols[0]).collect();
            let ok = self.invert(lp);
            debug_assert!(ok);
        }
        self.at.iter_mut().for_each(|a| {
            if *a == At::Basic {
                *a = At::Lower
            }
        });
        for b in &self.basis {
            self.at[*b] = At::Basic;
        }
        let cb: Vec<f64> = self.basis.iter().map(|b| lp.cols[*b].cost).collect();
        for i in 0..m {
            self.y[i] = (0..m).map(|r| cb[r] * self.binv[r * m + i]).sum();
        }
        for (j, c) in lp.cols.iter().enumerate() {
            if self.at[j] == At::Basic {
                self.d[j] = 0.0;
                continue;
            }
            self.d[j] = c.cost - c.rows.iter().map(|(i, a)| self.y[*i] * a).sum::<f64>();
            self.at[j] = if self.d[j] >= 0.0 {
                At::Lower
            } else {
                At::Upper
            };
            self.x[j] = if self.at[j] == At::Lower {
                self.lo[j]
            } else {
                self.hi[j]
            };
        }
        self.recompute_basic(lp);
        self.since_refactor = 0;
    }

    /// x_B = −B⁻¹ N x_N (the right-hand side is 0).
    fn recompute_basic(&mut self, lp: &Relaxation) {
        let m = self.m();
        let mut rhs = vec![0.0; m];
        for (j, c) in lp.cols.iter().enumerate() {
            if self.at[j] != At::Basic && self.x[j] != 0.0 {
                for (i, a) in &c.rows {
                    rhs[*i] -= a * self.x[j];
                }
            }
        }
        for r in 0..m {
            let v: f64 = (0..m).map(|i| self.binv[r * m + i] * rhs[i]).sum();
            self.x[self.basis[r]] = v;
        }
    }

    /// Gauss-Jordan with partial pivoting; false when the basis is singular.
    fn invert(&mut self, lp: &Relaxation) -> bool {
        let m = self.m();
        let mut b = vec![0.0; m * m];
        for (r, col) in self.basis.iter().enumerate() {
            for (i, a) in &lp.cols[*col].rows {
                b[i * m + r] = *a;
            }
        }
        let mut inv = vec![0.0; m * m];
        for i in 0..m {
            inv[i * m + i] = 1.0;
        }
        for c in 0..m {
            let p = (c..m)
                .max_by(|x, y| b[x * m + c].abs().total_cmp(&b[y * m + c].abs()))
                .unwrap_or(c);
            if b[p * m + c].abs() < 1e-12 {
                return false;
            }
            if p != c {
                for k in 0..m {
                    b.swap(p * m + k, c * m + k);
                    inv.swap(p * m + k, c * m + k);
                }
            }
            let piv = b[c * m + c];
            for k in 0..m {
                b[c * m + k] /= piv;
                inv[c * m + k] /= piv;
            }
            for i in 0..m {
                let f = b[i * m + c];
                if i != c && f != 0.0 {
                    for k in 0..m {
                        b[i * m + k] -= f * b[c * m + k];
                        inv[i * m + k] -= f * inv[c * m + k];
                    }
                }
            }
        }
        self.binv = inv;
        self.weight = (0..m)
            .map(|r| norm2(&self.binv[r * m..(r + 1) * m]))
            .collect();
        true
    }

    /// Sets a column's bounds, moving it (and the basic values) if it is nonbasic.
    pub fn set_bounds(&mut self, lp: &Relaxation, j: usize, lo: f64, hi: f64) {
        self.lo[j] = lo;
        self.hi[j] = hi;
        if self.at[j] == At::Basic {
            return;
        }
        self.at[j] = if self.d[j] >= 0.0 {
            At::Lower
        } else {
            At::Upper
        };
        let target = if self.at[j] == At::Lower { lo } else { hi };
        let delta = target - self.x[j];
        if delta != 0.0 {
            self.x[j] = target;
            let col = self.ftran(lp, j);
            for (r, c) in col.iter().enumerate() {
                self.x[self.basis[r]] -= c * delta;
            }
        }
    }

    /// B⁻¹ a_j.
    fn ftran(&self, lp: &Relaxation, j: usize) -> Vec<f64> {
        let m = self.m();
        let mut out = vec![0.0; m];
        for (i, a) in &lp.cols[j].rows {
            for (r, o) in out.iter_mut().enumerate() {
                *o += self.binv[r * m + i] * a;
            }
        }
        out
    }

    fn infeasibility(&self, j: usize) -> f64 {
        let v = self.x[j];
        let tol = 1e-9 * (1.0 + self.lo[j].abs().max(self.hi[j].abs()));
        if v < self.lo[j] - tol {
            self.lo[j] - v
        } else if v > self.hi[j] + tol {
            v - self.hi[j]
        } else {
            0.0
        }
    }

    /// Dual simplex iterations until optimal, infeasible or `limit` pivots.
    pub fn solve(&mut self, lp: &Relaxation, limit: u32) -> Status {
        let m = self.m();
        let n = lp.cols.len();
        let mut alpha = vec![0.0; n];
        for _ in 0..limit {
            if self.since_refactor >= REFACTOR_EVERY {
                self.refactor(lp);
            }
            // Leaving: the basic column most infeasible relative to its row's
            // steepest-edge weight (first on ties).
            let mut r = usize::MAX;
            let mut worst = 0.0;
            for i in 0..m {
                let inf = self.infeasibility(self.basis[i]);
                if inf > 0.0 && inf * inf > worst * self.weight[i] {
                    worst = inf * inf / self.weight[i];
                    r = i;
                }
            }
            if r == usize::MAX {
                return Status::Optimal;
            }
            let leaving = self.basis[r];
            let below = self.x[leaving] < self.lo[leaving];
            let rho = &self.binv[r * m..(r + 1) * m];
            // Harris ratio test: the largest step the tolerance allows, then the biggest pivot within it.
            let mut tmax = f64::INFINITY;
            alpha.iter_mut().for_each(|a| *a = 0.0);
            for (i, rv) in rho.iter().enumerate() {
                if *rv != 0.0 {
                    for (j, a) in &lp.by_row[i] {
                        alpha[*j] += rv * a;
                    }
                }
            }
            for (j, a) in alpha.iter_mut().enumerate() {
                if self.at[j] == At::Basic || self.hi[j] - self.lo[j] <= 1e-12 {
                    *a = 0.0;
                    continue;
                }
                let a = *a;
                if eligible(self.at[j], a, below) {
                    tmax = tmax.min((self.d[j].abs() + DUAL_TOL) / a.abs());
                }
            }
            let mut q = usize::MAX;
            let mut best = 0.0;
            for (j, a) in alpha.iter().enumerate() {
                let a = *a;
                if a != 0.0
                    && eligible(self.at[j], a, below)
                    && self.d[j].abs() / a.abs() <= tmax
                    && a.abs() > best
                {
                    best = a.abs();
                    q = j;
                }
            }
            if q == usize::MAX {
                return Status::Infeasible(r);
            }
            let col = self.ftran(lp, q);
            let aq = col[r];
            if aq.abs() < PIVOT_TOL {
                // The row and the column disagree: round-off; start afresh.
                self.refactor(lp);
                continue;
            }
            let theta_d = self.d[q] / alpha[q];
            for (d, a) in self.d.iter_mut().zip(&alpha) {
                if *a != 0.0 {
                    *d -= theta_d * a;
                }
            }
            for i in 0..m {
                self.y[i] += theta_d * self.binv[r * m + i];
            }
            let target = if below {
                self.lo[leaving]
            } else {
                self.hi[leaving]
            };
            let theta_p = (self.x[leaving] - target) / aq;
            for (i, c) in col.iter().enumerate() {
                self.x[self.basis[i]] -= c * theta_p;
            }
            self.x[q] += theta_p;
            self.x[leaving] = target;
            self.d[leaving] = -theta_d;
            self.d[q] = 0.0;
            self.at[leaving] = if below { At::Lower } else { At::Upper };
            self.at[q] = At::Basic;
            self.basis[r] = q;
            // B⁻¹ ← E B⁻¹ (the pivot on row r).
            let (head, rest) = self.binv.split_at_mut(r * m);
            let (row_r, tail) = rest.split_at_mut(m);
            row_r.iter_mut().for_each(|v| *v /= aq);
            self.weight[r] = norm2(row_r);
            for (i, c) in col.iter().enumerate() {
                if i == r || *c == 0.0 {
                    continue;
                }
                let row = if i < r {
                    &mut head[i * m..(i + 1) * m]
                } else {
                    &mut tail[(i - r - 1) * m..(i - r) * m]
                };
                for (v, p) in row.iter_mut().zip(row_r.iter()) {
                    *v -= c * p;
                }
                self.weight[i] = norm2(row);
            }
            self.since_refactor += 1;
            self.pivots += 1;
        }
        Status::Stalled
    }

    /// A lower bound on the relaxation at these bounds (objective constant not
    /// included), from weak duality with the current multipliers recomputed on
    /// the original columns: valid whatever round-off the iterations left.
    pub fn dual_bound(&self, lp: &Relaxation) -> f64 {
        bound_at(lp, &self.lo, &self.hi, &self.y)
    }

    /// After `Infeasible(r)`: the bound along the row's ray, which grows without
    /// limit when the node is truly empty. Returns the best of a few steps.
    pub fn ray_bound(&self, lp: &Relaxation, r: usize) -> f64 {
        let m = self.m();
        let leaving = self.basis[r];
        let sign = if self.x[leaving] < self.lo[leaving] {
            -1.0
        } else {
            1.0
        };
        let mut best = self.dual_bound(lp);
        for t in [1e2, 1e4, 1e6, 1e8] {
            let y: Vec<f64> = (0..m)
                .map(|i| self.y[i] + sign * t * self.binv[r * m + i])
                .collect();
            best = best.max(bound_at(lp, &self.lo, &self.hi, &y));
        }
        best
    }
}

/// Σ v² (floored away from 0), with four running sums so the adds do not wait on each other.
fn norm2(row: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let mut chunks = row.chunks_exact(4);
    for c in &mut chunks {
        for (a, v) in acc.iter_mut().zip(c) {
            *a += v * v;
        }
    }
    let tail: f64 = chunks.remainder().iter().map(|v| v * v).sum();
    (acc[0] + acc[1] + acc[2] + acc[3] + tail).max(1e-12)
}

fn eligible(at: At, a: f64, below: bool) -> bool {
    let up = a > PIVOT_TOL;
    let down = a < -PIVOT_TOL;
    match (at, below) {
        (At::Lower, true) => down,
        (At::Upper, true) => up,
        (At::Lower, false) => up,
        (At::Upper, false) => down,
        (At::Basic, _) => false,
    }
}

/// min over the box of Σ (c_j − yᵀa_j) x_j (the rows are `A x = 0`).
fn bound_at(lp: &Relaxation, lo: &[f64], hi: &[f64], y: &[f64]) -> f64 {
    lp.cols
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let d = c.cost - c.rows.iter().map(|(i, a)| y[*i] * a).sum::<f64>();
            if d >= 0.0 {
                d * lo[j]
            } else {
                d * hi[j]
            }
        })
        .sum()
}
