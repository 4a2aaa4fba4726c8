//! The LP relaxation the branch and bound solves: the convex hull of each use
//! (one column per "done with j units", at most one chosen) and, for every
//! coupling row, its penalty as a convex piecewise-linear function of the row's
//! activity written with bounded segment columns, so that every row is an
//! equality `Σ a·option − Σ segment = 0` and every branching decision (a row's
//! activity at most K, or at least K) is a change of segment bounds.
//!
//! Tighter than `Problem::to_model`, same integer optimum: a muscle's weekly
//! volume can only take values on a lattice (multiples of the gcd of the half
//! sets its uses add), so its penalty is replaced by the interpolation of the
//! original at the lattice points around each breakpoint. That function equals
//! the original on every reachable volume and lies above it in between, which
//! closes the gap a fractional volume (lats 8.5 when every use adds whole sets)
//! would otherwise leave open. Single-muscle volume floors (M-ERECTORS,
//! M-CORE) are folded into their muscle's function the same way.

use crate::plan::problem::{Problem, COVER_PENALTY, DAILY_PENALTY, FULL_VALUE_SETS};

/// One column: cost, bounds and its nonzeros (row, coefficient).
#[derive(Debug, Clone, PartialEq)]
pub struct Col {
    pub cost: f64,
    pub lo: f64,
    pub hi: f64,
    pub rows: Vec<(usize, f64)>,
}

/// A row's segment columns in order: activity = Σ segments, segment i spans
/// `[start_i, start_i + width_i]` of the activity.
#[derive(Debug, Clone, PartialEq)]
pub struct Segments {
    pub cols: Vec<usize>,
    pub starts: Vec<f64>,
}

/// The relaxation: minimise `constant + Σ cost·x` subject to `A x = 0` and the bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Relaxation {
    pub cols: Vec<Col>,
    pub rows: usize,
    /// Per row, its segment columns.
    pub segments: Vec<Segments>,
    pub constant: f64,
    /// Per use: its option columns with their unit counts, ascending.
    pub options: Vec<Vec<(usize, u32)>>,
    /// Per use: its choice row (activity = 1 when used).
    pub use_row: Vec<usize>,
    /// Per session kind: its exercise-count row.
    pub count_row: Vec<usize>,
    /// Per session kind: its time row.
    pub time_row: Vec<usize>,
    /// Rows that belong to one session kind (choice, count, time): kept whole by the session bound.
    pub session_of_row: Vec<Option<usize>>,
    /// The same matrix by rows: (column, coefficient).
    pub by_row: Vec<Vec<(usize, f64)>>,
    /// Columns outside every session's own rows (the weekly rows' segments),
    /// which the session bound prices alone.
    pub weekly_cols: Vec<usize>,
}

impl Relaxation {
    fn add_col(&mut self, cost: f64, lo: f64, hi: f64, rows: Vec<(usize, f64)>) -> usize {
        self.cols.push(Col { cost, lo, hi, rows });
        self.cols.len() - 1
    }

    fn add_row(&mut self) -> usize {
        self.rows += 1;
        self.segments.push(Segments {
            cols: Vec::new(),
            starts: Vec::new(),
        });
        self.rows - 1
    }

    /// Adds a segment of `width` with cost `slope` per unit to row `r`.
    fn add_segment(&mut self, r: usize, width: f64, slope: f64) {
        let start = match (self.segments[r].starts.last(), self.segments[r].cols.last()) {
            (Some(s), Some(c)) => s + self.cols[*c].hi,
            _ => 0.0,
        };
        let c = self.add_col(slope, 0.0, width, vec![(r, -1.0)]);
        self.segments[r].cols.push(c);
        self.segments[r].starts.push(start);
    }

    /// Adds the convex piecewise-linear cost `f` of row `r`'s activity over `points` (ascending, from 0).
    fn add_function(&mut self, r: usize, points: &[f64], f: impl Fn(f64) -> f64) {
        self.constant += f(points[0]);
        for w in points.windows(2) {
            let width = w[1] - w[0];
            self.add_segment(r, width, (f(w[1]) - f(w[0])) / width);
        }
    }

    /// Builds the relaxation of `p`.
    pub fn new(p: &Problem) -> Relaxation {
        let mut lp = Relaxation {
            cols: Vec::new(),
            rows: 0,
            segments: Vec::new(),
            constant: 0.0,
            options: Vec::new(),
            use_row: Vec::new(),
            count_row: Vec::new(),
            time_row: Vec::new(),
            session_of_row: Vec::new(),
            by_row: Vec::new(),
            weekly_cols: Vec::new(),
        };
        // Row layout: one choice row per use, then per session its count and time rows,
        // the heavy cap, the groups, the muscles and the multi-muscle floors.
        lp.use_row = p.uses.iter().map(|_| lp.add_row()).collect();
        let mut time_row = Vec::new();
        for _ in &p.sessions {
            let r = lp.add_row();
            lp.count_row.push(r);
            time_row.push(lp.add_row());
        }
        let heavy_row = p.uses.iter().any(|k| k.heavy).then(|| lp.add_row());
        let group_row: Vec<Option<usize>> = (0..p.groups.len())
            .map(|g| {
                p.uses
                    .iter()
                    .any(|k| k.group == Some(g))
                    .then(|| lp.add_row())
            })
            .collect();
        let single_covers = |m: usize| p.covers.iter().filter(move |c| c.muscles == [m]);
        let multi: Vec<usize> = (0..p.covers.len())
            .filter(|c| p.covers[*c].muscles.len() != 1)
            .collect();
        let muscle_row: Vec<usize> = p.muscles.iter().map(|_| lp.add_row()).collect();
        let cover_row: Vec<usize> = multi.iter().map(|_| lp.add_row()).collect();

        for (i, k) in p.uses.iter().enumerate() {
            let w = f64::from(k.weekly);
            let mut opts = Vec::new();
            for j in k.min_units..=k.max_units {
                let sets = f64::from(j * k.unit_sets);
                let extra = f64::from(j.saturating_sub(FULL_VALUE_SETS) * k.unit_sets);
                let cost = w * k.use_cost - k.set_value * sets * w + 0.5 * k.set_value * extra * w;
                let weekly_sets = sets * w;
                let mut rows = vec![
                    (lp.use_row[i], 1.0),
                    (lp.count_row[k.session], 1.0),
                    (time_row[k.session], k.seconds(j)),
                ];
                if let (true, Some(h)) = (k.heavy, heavy_row) {
                    rows.push((h, weekly_sets));
                }
                if let Some(r) = k.group.and_then(|g| group_row[g]) {
                    rows.push((r, 1.0));
                }
                for (m, r) in muscle_row.iter().enumerate() {
                    if k.stim[m] > 0.0 {
                        rows.push((*r, k.stim[m] * weekly_sets));
                    }
                }
                for (c, r) in multi.iter().zip(&cover_row) {
                    let s: f64 = p.covers[*c].muscles.iter().map(|m| k.stim[*m]).sum();
                    if s > 0.0 {
                        rows.push((*r, s * weekly_sets));
                    }
                }
                rows.retain(|(_, a)| *a != 0.0);
                opts.push((lp.add_col(cost, 0.0, 1.0, rows), j));
            }
            lp.options.push(opts);
            // Not done: a daily Big 3 exercise costs its penalty once per session.
            let miss = if k.daily { DAILY_PENALTY * w } else { 0.0 };
            lp.constant += miss;
            lp.add_segment(lp.use_row[i], 1.0, -miss);
        }
        for (t, s) in p.sessions.iter().enumerate() {
            // short_cost·(min − count)⁺ with count ≤ max: the part below `max` is constant.
            let least = f64::from(s.min_exercises.min(s.max_exercises));
            lp.constant += s.short_cost() * f64::from(s.min_exercises);
            if least > 0.0 {
                lp.add_segment(lp.count_row[t], least, -s.short_cost());
            }
            lp.add_segment(lp.count_row[t], f64::from(s.max_exercises) - least, 0.0);
            let ks = || p.uses.iter().filter(|k| k.session == t);
            let lowest: f64 = ks()
                .map(|k| {
                    (k.min_units..=k.max_units)
                        .map(|j| k.seconds(j))
                        .fold(0.0, f64::min)
                })
                .sum();
            // Activity = lowest + segment, the shift carried by a column fixed at 1.
            let r = time_row[t];
            lp.add_segment(r, (s.seconds - lowest).max(0.0), 0.0);
            lp.segments[r].starts[0] = lowest;
            if lowest != 0.0 {
                lp.add_col(0.0, 1.0, 1.0, vec![(r, -lowest)]);
            }
        }
        if let Some(h) = heavy_row {
            lp.add_segment(h, p.heavy_cap.max(0.0), 0.0);
        }
        for (g, r) in group_row.iter().enumerate() {
            let Some(r) = *r else { continue };
            let n = p.uses.iter().filter(|k| k.group == Some(g)).count() as f64;
            lp.constant += p.group_penalty(g);
            lp.add_segment(r, 1.0, -p.group_penalty(g));
            if n > 1.0 {
                lp.add_segment(r, n - 1.0, 0.0);
            }
        }
        lp.constant += group_row
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_none())
            .map(|(g, _)| p.group_penalty(g))
            .sum::<f64>();
        lp.session_of_row = vec![None; lp.rows];
        for (k, r) in lp.use_row.iter().enumerate() {
            lp.session_of_row[*r] = Some(p.uses[k].session);
        }
        for (t, (c, r)) in lp.count_row.iter().zip(&time_row).enumerate() {
            lp.session_of_row[*c] = Some(t);
            lp.session_of_row[*r] = Some(t);
        }
        lp.time_row = time_row.clone();
        for (m, g) in p.muscles.iter().enumerate() {
            let floors: Vec<f64> = single_covers(m).map(|c| c.need).collect();
            let f = |v: f64| {
                g.penalty(v)
                    + floors
                        .iter()
                        .map(|n| COVER_PENALTY * (n - v).max(0.0))
                        .sum::<f64>()
            };
            let per_unit: Vec<f64> = p
                .uses
                .iter()
                .map(|k| k.stim[m] * f64::from(k.unit_sets * k.weekly))
                .collect();
            let mut kinks = vec![g.lo, g.hi];
            kinks.extend(&floors);
            let points = lattice_points(p, &per_unit, &kinks);
            add_or_fold(&mut lp, muscle_row[m], &points, f);
        }
        for (c, r) in multi.iter().zip(&cover_row) {
            let cover = &p.covers[*c];
            let per_unit: Vec<f64> = p
                .uses
                .iter()
                .map(|k| {
                    cover.muscles.iter().map(|m| k.stim[*m]).sum::<f64>()
                        * f64::from(k.unit_sets * k.weekly)
                })
                .collect();
            let points = lattice_points(p, &per_unit, &[cover.need]);
            add_or_fold(&mut lp, *r, &points, |v| {
                COVER_PENALTY * (cover.need - v).max(0.0)
            });
        }
        lp.weekly_cols = (0..lp.cols.len())
            .filter(|j| {
                lp.cols[*j]
                    .rows
                    .iter()
                    .all(|(i, _)| lp.session_of_row[*i].is_none())
            })
            .collect();
        lp.by_row = vec![Vec::new(); lp.rows];
        for (j, c) in lp.cols.iter().enumerate() {
            for (i, a) in &c.rows {
                lp.by_row[*i].push((j, *a));
            }
        }
        lp
    }
}

/// A row nothing can move costs its function at 0 (the row stays, empty and fixed at 0).
fn add_or_fold(lp: &mut Relaxation, r: usize, points: &[f64], f: impl Fn(f64) -> f64) {
    if points.len() < 2 {
        lp.constant += f(0.0);
        lp.add_segment(r, 0.0, 0.0);
    } else {
        lp.add_function(r, points, f);
    }
}

/// The activities where a row's function needs a breakpoint: 0, the most the
/// uses can add, and around each kink the nearest reachable values (the lattice
/// of multiples of the gcd of `per_unit` amounts, when they are half-integral;
/// else the kink itself).
fn lattice_points(p: &Problem, per_unit: &[f64], kinks: &[f64]) -> Vec<f64> {
    let top: f64 = p
        .uses
        .iter()
        .zip(per_unit)
        .map(|(k, a)| a * f64::from(k.max_units))
        .sum();
    if top <= 0.0 {
        return vec![0.0];
    }
    let halves: Option<Vec<u64>> = per_unit
        .iter()
        .filter(|a| **a > 0.0)
        .map(|a| {
            let h = (a * 2.0).round();
            ((a * 2.0 - h).abs() < 1e-9).then_some(h as u64)
        })
        .collect();
    let step = halves
        .map(|hs| hs.into_iter().fold(0, gcd))
        .filter(|g| *g > 0)
        .map(|g| g as f64 * 0.5);
    let mut pts = vec![0.0, top];
    for x in kinks {
        match step {
            Some(g) => {
                pts.push((x / g).floor() * g);
                pts.push((x / g).ceil() * g);
            }
            None => pts.push(*x),
        }
    }
    pts.retain(|x| *x >= 0.0 && *x <= top);
    pts.sort_by(f64::total_cmp);
    pts.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    pts
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}
