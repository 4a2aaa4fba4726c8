//! A first incumbent: the LP optimum rounded, then improved by moves that
//! change one use's units or trade one use for another in the same session,
//! each judged by an incremental copy of `Problem::objective`. Only a good
//! starting point for the search: the final answer is re-evaluated exactly.

use crate::plan::problem::{Problem, COVER_PENALTY, DAILY_PENALTY, FULL_VALUE_SETS};

/// Totals of an assignment, kept up to date move by move.
#[derive(Debug, Clone)]
struct Totals {
    units: Vec<u32>,
    volume: Vec<f64>,
    seconds: Vec<f64>,
    count: Vec<u32>,
    heavy: f64,
    group: Vec<u32>,
    /// Σ use_cost over the uses: kept move by move, so a move costs O(muscles), not O(uses).
    uses_cost: f64,
}

fn use_cost(p: &Problem, k: usize, x: u32) -> f64 {
    let u = &p.uses[k];
    if x == 0 {
        return if u.daily {
            DAILY_PENALTY * f64::from(u.weekly)
        } else {
            0.0
        };
    }
    f64::from(u.weekly) * u.use_cost - u.set_value * u.weekly_sets(x)
        + 0.5 * u.set_value * f64::from(u.weekly * u.unit_sets * x.saturating_sub(FULL_VALUE_SETS))
}

impl Totals {
    fn new(p: &Problem, units: &[u32]) -> Totals {
        let mut t = Totals {
            units: vec![0; p.uses.len()],
            volume: vec![0.0; p.muscles.len()],
            seconds: vec![0.0; p.sessions.len()],
            count: vec![0; p.sessions.len()],
            heavy: 0.0,
            group: vec![0; p.groups.len()],
            uses_cost: (0..p.uses.len()).map(|k| use_cost(p, k, 0)).sum(),
        };
        for (k, x) in units.iter().enumerate() {
            t.set(p, k, *x);
        }
        t
    }

    fn set(&mut self, p: &Problem, k: usize, x: u32) {
        let u = &p.uses[k];
        let old = self.units[k];
        let dsets = u.weekly_sets(x) - u.weekly_sets(old);
        for (m, v) in self.volume.iter_mut().enumerate() {
            *v += u.stim[m] * dsets;
        }
        self.seconds[u.session] += u.seconds(x) - u.seconds(old);
        let on = |v: u32| u32::from(v > 0);
        self.count[u.session] = self.count[u.session] + on(x) - on(old);
        if u.heavy {
            self.heavy += dsets;
        }
        if let Some(g) = u.group {
            self.group[g] = self.group[g] + on(x) - on(old);
        }
        self.uses_cost += use_cost(p, k, x) - use_cost(p, k, old);
        self.units[k] = x;
    }

    fn feasible(&self, p: &Problem) -> bool {
        self.seconds
            .iter()
            .zip(&p.sessions)
            .all(|(s, l)| *s <= l.seconds + 1e-6)
            && self
                .count
                .iter()
                .zip(&p.sessions)
                .all(|(c, l)| *c <= l.max_exercises)
            && self.heavy <= p.heavy_cap + 1e-9
    }

    fn objective(&self, p: &Problem) -> f64 {
        let mut z = self.uses_cost;
        z += p
            .muscles
            .iter()
            .zip(&self.volume)
            .map(|(g, v)| g.penalty(*v))
            .sum::<f64>();
        z += self
            .group
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == 0)
            .map(|(g, _)| p.group_penalty(g))
            .sum::<f64>();
        z += self
            .count
            .iter()
            .zip(&p.sessions)
            .map(|(c, l)| l.short_cost() * f64::from(l.min_exercises.saturating_sub(*c)))
            .sum::<f64>();
        for c in &p.covers {
            let v: f64 = c.muscles.iter().map(|m| self.volume[*m]).sum();
            z += COVER_PENALTY * (c.need - v).max(0.0);
        }
        z
    }
}

/// The values a use may take: 0, or min..=max.
pub fn domain(p: &Problem, k: usize) -> impl Iterator<Item = u32> + '_ {
    std::iter::once(0).chain(p.uses[k].min_units..=p.uses[k].max_units)
}

/// Makes `t` feasible by taking sets off: each step lowers one use by a unit
/// (or drops it below its minimum), the one that costs the least objective
/// per unit of overrun it removes. A rounded LP point usually overruns a
/// session by a set or two; starting from the empty week instead throws away
/// what the LP knew.
fn repair(p: &Problem, t: &mut Totals) {
    while !t.feasible(p) {
        let (z, over) = (t.objective(p), infeasibility(p, t));
        let mut best: Option<(f64, usize, u32)> = None;
        for k in 0..p.uses.len() {
            let x = t.units[k];
            if x == 0 {
                continue;
            }
            let lower = if x > p.uses[k].min_units { x - 1 } else { 0 };
            t.set(p, k, lower);
            let (dz, gain) = (t.objective(p) - z, over - infeasibility(p, t));
            t.set(p, k, x);
            let score = dz / gain;
            if gain > 1e-9 && best.is_none_or(|(b, _, _)| score < b - 1e-12) {
                best = Some((score, k, lower));
            }
        }
        match best {
            Some((_, k, x)) => t.set(p, k, x),
            None => *t = Totals::new(p, &vec![0; p.uses.len()]),
        }
    }
}

/// How far `t` is outside the hard rows (seconds, exercises and heavy sets over).
fn infeasibility(p: &Problem, t: &Totals) -> f64 {
    let time: f64 = t
        .seconds
        .iter()
        .zip(&p.sessions)
        .map(|(s, l)| (s - l.seconds).max(0.0))
        .sum();
    let count: u32 = t
        .count
        .iter()
        .zip(&p.sessions)
        .map(|(c, l)| c.saturating_sub(l.max_exercises))
        .sum();
    time + 60.0 * f64::from(count) + (t.heavy - p.heavy_cap).max(0.0)
}

/// Improves `start` (repaired first if it is infeasible) until no move helps.
pub fn improve(p: &Problem, start: &[u32]) -> (Vec<u32>, f64) {
    let mut t = Totals::new(p, start);
    repair(p, &mut t);
    let mut z = t.objective(p);
    loop {
        let mut best: Option<(f64, Vec<(usize, u32)>)> = None;
        let consider = |t: &mut Totals,
                        moves: &[(usize, u32)],
                        best: &mut Option<(f64, Vec<(usize, u32)>)>| {
            // Moves are one or two changes: undo them from a fixed array (no allocation per move).
            let mut back = [(0usize, 0u32); 2];
            for (b, (k, x)) in back.iter_mut().zip(moves) {
                *b = (*k, t.units[*k]);
                t.set(p, *k, *x);
            }
            if t.feasible(p) {
                let v = t.objective(p);
                if v < z - 1e-9 && best.as_ref().is_none_or(|(b, _)| v < *b - 1e-12) {
                    *best = Some((v, moves.to_vec()));
                }
            }
            for (k, x) in back[..moves.len()].iter().rev() {
                t.set(p, *k, *x);
            }
        };
        for k in 0..p.uses.len() {
            for x in domain(p, k) {
                if x != t.units[k] {
                    consider(&mut t, &[(k, x)], &mut best);
                }
            }
        }
        if best.is_none() {
            // Trade a used exercise for an unused one of the same session.
            for a in 0..p.uses.len() {
                if t.units[a] == 0 {
                    continue;
                }
                for b in 0..p.uses.len() {
                    if t.units[b] != 0 || p.uses[b].session != p.uses[a].session {
                        continue;
                    }
                    for x in p.uses[b].min_units..=p.uses[b].max_units {
                        consider(&mut t, &[(a, 0), (b, x)], &mut best);
                    }
                }
            }
        }
        match best {
            Some((v, moves)) => {
                for (k, x) in moves {
                    t.set(p, k, x);
                }
                z = v;
            }
            None => break,
        }
    }
    // The figure the search compares against is the problem's own.
    let z = p.objective(&t.units);
    (t.units, z)
}
