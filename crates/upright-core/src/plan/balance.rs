//! Evens out the sessions of an optimal base week without leaving the optimum.
//!
//! The objective counts sets, volume and coverage per week, so it cannot tell a
//! 50-minute heavy day beside a 15-minute light day from two 30-minute days: a
//! chin-up done on day 1 or on day 3 costs the same. Among such equal optima a
//! coach spreads the work. This pass moves the units of one use to its twin on
//! another session (the same stimulus, set value, unit and days a week: the same
//! exercise in effect), whole or one unit at a time, and keeps a move only when
//! the objective is exactly unchanged, every hard limit still holds and the
//! sessions' fill (minutes used over minutes given, squared, per training day)
//! goes down. The result is still a proven optimum of the problem; how even it
//! is, is the best these moves reach, not a proven best.

use super::problem::{Problem, Use};

/// The assignment `units` with its sessions evened out (same objective).
pub fn even_out(p: &Problem, units: &[u32]) -> Vec<u32> {
    let mut x = units.to_vec();
    let base = p.objective(&x);
    let mut cost = unevenness(p, &x);
    // Each accepted move lowers `unevenness`, so this ends; the bound is a guard.
    for _ in 0..4 * p.uses.len().max(1) {
        let Some((next, c)) = best_move(p, &x, base, cost) else {
            break;
        };
        x = next;
        cost = c;
    }
    x
}

/// The first strictly better move in a fixed order (deterministic).
fn best_move(p: &Problem, x: &[u32], base: f64, cost: f64) -> Option<(Vec<u32>, f64)> {
    let n = p.uses.len();
    for a in 0..n {
        if x[a] == 0 {
            continue;
        }
        for b in 0..n {
            if a == b || !twins(&p.uses[a], &p.uses[b]) {
                continue;
            }
            let Some(y) = shift(&p.uses[a], &p.uses[b], x[a], x[b]) else {
                continue;
            };
            let mut t = x.to_vec();
            (t[a], t[b]) = y;
            if !p.feasible(&t) || (p.objective(&t) - base).abs() > 1e-9 {
                continue;
            }
            let c = unevenness(p, &t);
            if c < cost - 1e-12 {
                return Some((t, c));
            }
        }
    }
    None
}

/// New (units of a, units of b): all of a onto an unused b, or one unit across.
fn shift(ua: &Use, ub: &Use, xa: u32, xb: u32) -> Option<(u32, u32)> {
    if xb == 0 {
        Some((0, xa))
    } else if xa > ua.min_units && xb < ub.max_units {
        Some((xa - 1, xb + 1))
    } else {
        None
    }
}

/// The same exercise on two different sessions, as far as the objective sees.
fn twins(a: &Use, b: &Use) -> bool {
    a.session != b.session
        && a.weekly == b.weekly
        && a.unit_sets == b.unit_sets
        && a.set_value == b.set_value
        && a.use_cost == b.use_cost
        && a.heavy == b.heavy
        && a.daily == b.daily
        && a.stim == b.stim
}

/// Σ over training days of (minutes used / minutes given)²: lowest when the
/// same work is spread evenly.
fn unevenness(p: &Problem, x: &[u32]) -> f64 {
    (0..p.sessions.len())
        .map(|t| {
            let s = &p.sessions[t];
            let fill = p.session_seconds(x, t) / s.seconds.max(1.0);
            f64::from(s.days.max(1)) * fill * fill
        })
        .sum()
}
