//! A bound tighter than the LP's where sessions are short: Lagrangian
//! relaxation of the weekly rows (muscles, groups, floors, the heavy cap) with
//! the node's LP multipliers, keeping each session's own rows (one choice per
//! use, the exercise count, the minutes) whole. Each session is then a small
//! multiple-choice knapsack with a cardinality, solved exactly by dynamic
//! programming over Pareto sets of (seconds, cost) per exercise count. For any
//! multipliers this is a valid lower bound (weak duality), and with the LP's it
//! is at least the LP bound, since each session's integer optimum is at least
//! its relaxation's.

use super::relax::Relaxation;
use super::simplex::State;
use crate::plan::problem::Problem;

/// Pareto states per exercise count beyond which the session is bounded by the LP alone.
const MAX_STATES: usize = 4000;

/// The bound at the node `s` (objective constant included), or None when a session is too large to enumerate.
pub fn sessions(p: &Problem, lp: &Relaxation, s: &State) -> Option<f64> {
    let y: Vec<f64> =
        s.y.iter()
            .enumerate()
            .map(|(i, v)| {
                if lp.session_of_row[i].is_some() {
                    0.0
                } else {
                    *v
                }
            })
            .collect();
    let reduced =
        |j: usize| lp.cols[j].cost - lp.cols[j].rows.iter().map(|(i, a)| y[*i] * a).sum::<f64>();
    let mut total = lp.constant;
    for j in &lp.weekly_cols {
        let d = reduced(*j);
        total += if d >= 0.0 { d * s.lo[*j] } else { d * s.hi[*j] };
    }
    for t in 0..p.sessions.len() {
        total += session(p, lp, s, t, &reduced)?;
    }
    Some(total)
}

/// One session's exact minimum over its own rows, with the weekly rows priced by `reduced`.
fn session(
    p: &Problem,
    lp: &Relaxation,
    s: &State,
    t: usize,
    reduced: &dyn Fn(usize) -> f64,
) -> Option<f64> {
    // Items: per use, "not done" (if allowed) and its allowed unit counts with (seconds, cost).
    let mut items: Vec<(bool, Vec<(f64, f64)>)> = Vec::new();
    for (k, u) in p.uses.iter().enumerate().filter(|(_, u)| u.session == t) {
        let g = lp.segments[lp.use_row[k]].cols[0];
        let may_skip = s.lo[g] < 0.5;
        let mut opts = Vec::new();
        if s.hi[g] > 0.5 {
            for (c, j) in &lp.options[k] {
                if s.hi[*c] > 0.5 {
                    opts.push((u.seconds(*j), reduced(*c) + lp.cols[g].cost));
                }
            }
        }
        if !may_skip && opts.is_empty() {
            return Some(f64::INFINITY);
        }
        if !opts.is_empty() {
            items.push((may_skip, opts));
        }
    }
    // The count's cost and range, from its segments (filled in order).
    let seg = &lp.segments[lp.count_row[t]];
    let least: f64 = seg.cols.iter().map(|c| s.lo[*c]).sum();
    let most: f64 = seg.cols.iter().map(|c| s.hi[*c]).sum();
    let count_cost = |n: usize| -> f64 {
        seg.cols
            .iter()
            .zip(&seg.starts)
            .map(|(c, start)| lp.cols[*c].cost * (n as f64 - start).clamp(0.0, lp.cols[*c].hi))
            .sum()
    };
    let tseg = &lp.segments[lp.time_row[t]];
    let limit = tseg.starts[0] + s.hi[tseg.cols[0]] + 1e-6;
    let (cmin, cmax) = (
        least.round() as usize,
        (most.round() as usize).min(items.len()),
    );
    if cmin > cmax {
        return Some(f64::INFINITY);
    }
    let longest: f64 = items
        .iter()
        .map(|(_, o)| o.iter().map(|x| x.0).fold(0.0, f64::max))
        .sum();
    let mut fronts: Vec<Vec<(f64, f64)>> = vec![Vec::new(); cmax + 1];
    fronts[0].push((0.0, 0.0));
    if longest <= limit {
        // The minutes cannot bind: each item's cheapest option, the best count.
        let forced: Vec<f64> = items
            .iter()
            .filter(|(skip, _)| !skip)
            .map(|(_, o)| o.iter().map(|x| x.1).fold(f64::INFINITY, f64::min))
            .collect();
        let mut free: Vec<f64> = items
            .iter()
            .filter(|(skip, _)| *skip)
            .map(|(_, o)| o.iter().map(|x| x.1).fold(f64::INFINITY, f64::min))
            .collect();
        free.sort_by(f64::total_cmp);
        let mut sum: f64 = forced.iter().sum();
        let mut best = f64::INFINITY;
        for n in forced.len()..=forced.len() + free.len() {
            if n > forced.len() {
                sum += free[n - forced.len() - 1];
            }
            if (cmin..=cmax).contains(&n) {
                best = best.min(sum + count_cost(n));
            }
        }
        return Some(best);
    }
    // Each front is sorted by time with strictly falling cost, so a child
    // front is a linear merge of the parent fronts shifted by each option.
    let mut next: Vec<Vec<(f64, f64)>> = vec![Vec::new(); cmax + 1];
    let mut scratch: Vec<(f64, f64)> = Vec::new();
    let mut seen = 0usize;
    for (may_skip, opts) in &items {
        seen += 1;
        for n in 0..=cmax.min(seen) {
            let out = &mut next[n];
            out.clear();
            if *may_skip {
                out.extend_from_slice(&fronts[n]);
            }
            if n > 0 {
                for (dt, dc) in opts {
                    scratch.clear();
                    merge(out, &fronts[n - 1], *dt, *dc, limit, &mut scratch);
                    std::mem::swap(out, &mut scratch);
                }
            }
            if out.len() > MAX_STATES {
                return None;
            }
        }
        std::mem::swap(&mut fronts, &mut next);
    }
    let mut best = f64::INFINITY;
    for (n, front) in fronts.iter().enumerate().skip(cmin) {
        if let Some(c) = front.iter().map(|x| x.1).reduce(f64::min) {
            best = best.min(c + count_cost(n));
        }
    }
    Some(best)
}

/// Merges the Pareto front `a` with `b` shifted by `(dt, dc)` (states past
/// `limit` dropped) into `out`: sorted by time, each state strictly cheaper than
/// every quicker one (on equal times the cheaper is kept).
fn merge(
    a: &[(f64, f64)],
    b: &[(f64, f64)],
    dt: f64,
    dc: f64,
    limit: f64,
    out: &mut Vec<(f64, f64)>,
) {
    let (mut i, mut j) = (0, 0);
    let mut last = f64::INFINITY;
    loop {
        let x = match (a.get(i), b.get(j)) {
            (Some(p), Some(q)) => {
                let q = (q.0 + dt, q.1 + dc);
                if q.0 > limit {
                    j = b.len();
                    continue;
                }
                if p.0 < q.0 || (p.0 == q.0 && p.1 <= q.1) {
                    i += 1;
                    *p
                } else {
                    j += 1;
                    q
                }
            }
            (Some(p), None) => {
                i += 1;
                *p
            }
            (None, Some(q)) => {
                let q = (q.0 + dt, q.1 + dc);
                if q.0 > limit {
                    break;
                }
                j += 1;
                q
            }
            (None, None) => break,
        };
        if x.1 < last - 1e-12 {
            out.push(x);
            last = x.1;
        }
    }
}
