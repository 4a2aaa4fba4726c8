//! The exact solver of the base week's [`Problem`]: a branch and bound made for
//! its structure (relax.rs: the relaxation; simplex.rs: the bounded dual simplex
//! that solves it at each node; bound.rs: per-session knapsack bounds;
//! search.rs: the tree; local.rs: the first incumbent). Pure Rust, deterministic, no time or node limit: it ends when
//! the optimum is proven.

mod bound;
mod local;
mod relax;
mod search;
mod simplex;

use super::model::SolveError;
use super::problem::{Problem, Solution};
use std::time::Instant;

/// Solves `p` to proven optimality.
pub fn solve(p: &Problem) -> Result<Solution, SolveError> {
    let started = Instant::now();
    let lp = relax::Relaxation::new(p);
    let out = search::run(p, &lp).ok_or(SolveError::Infeasible)?;
    Ok(Solution {
        units: out.units,
        objective: out.objective,
        nodes: out.nodes,
        millis: started.elapsed().as_secs_f64() * 1000.0,
    })
}

#[cfg(test)]
mod tests;
