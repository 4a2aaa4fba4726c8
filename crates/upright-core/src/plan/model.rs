//! A small integer-program representation: what `--emit-model` writes in CPLEX
//! LP format, and what microlp (a general MIP solver, exactly: no MIP gap)
//! solves as an independent check of the specialised solver (`plan::solver`),
//! which plans use. Both read the same `Problem`, so the file is the problem solved.

use std::fmt::Write as _;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    Continuous,
    Integer,
    Binary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Var {
    pub name: String,
    pub kind: VarKind,
    pub lo: f64,
    pub hi: f64,
    pub cost: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Le,
    Ge,
    Eq,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub name: String,
    pub terms: Vec<(usize, f64)>,
    pub sense: Sense,
    pub rhs: f64,
}

/// Minimise Σ cost·var subject to the constraints and bounds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub vars: Vec<Var>,
    pub constraints: Vec<Constraint>,
    /// A lower bound on the objective's negative part, added inside the search
    /// only (a variable fixed at 1): the grid argument of `solve_with_step`
    /// needs a positive objective. Not written to the LP file, not reported.
    pub search_offset: f64,
}

/// Nodes of plain exact search before the grid argument takes over.
const FIRST_NODES: u64 = 200;

/// An optimal assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    pub values: Vec<f64>,
    pub objective: f64,
    pub millis: f64,
    pub nodes: u64,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SolveError {
    #[error("no plan meets the hard constraints")]
    Infeasible,
    #[error("the optimiser failed: {0}")]
    Solver(String),
}

impl Model {
    pub fn add_var(
        &mut self,
        name: impl Into<String>,
        kind: VarKind,
        lo: f64,
        hi: f64,
        cost: f64,
    ) -> usize {
        self.vars.push(Var {
            name: name.into(),
            kind,
            lo,
            hi,
            cost,
        });
        self.vars.len() - 1
    }

    /// Adds a row; terms naming one variable twice are summed (solvers and the LP format want each once).
    pub fn add_constraint(
        &mut self,
        name: impl Into<String>,
        terms: Vec<(usize, f64)>,
        sense: Sense,
        rhs: f64,
    ) {
        let mut merged: Vec<(usize, f64)> = Vec::with_capacity(terms.len());
        for (v, a) in terms {
            match merged.iter_mut().find(|(w, _)| *w == v) {
                Some(t) => t.1 = ((t.1 + a) * 1e9).round() / 1e9,
                None => merged.push((v, a)),
            }
        }
        merged.retain(|(_, a)| *a != 0.0);
        self.constraints.push(Constraint {
            name: name.into(),
            terms: merged,
            sense,
            rhs,
        });
    }

    /// Solves to proven optimality.
    pub fn solve(&self) -> Result<Solved, SolveError> {
        self.solve_with_step(None)
    }

    /// Solves to proven optimality. `step`: when every integer-feasible point's
    /// objective is a multiple of it (the caller knows the grid), the search may
    /// stop once no point a whole step better can exist, which is still a proof
    /// of optimality and often thousands of nodes shorter.
    pub fn solve_with_step(&self, step: Option<f64>) -> Result<Solved, SolveError> {
        let started = Instant::now();
        // Work in units of `step`, so "a whole step better" is "1 better".
        let scale = step.map(|d| 1.0 / d).unwrap_or(1.0);
        let mut p = microlp::Problem::new(microlp::OptimizationDirection::Minimize);
        let handles: Vec<microlp::Variable> = self
            .vars
            .iter()
            .map(|v| match v.kind {
                VarKind::Continuous => p.add_var(v.cost * scale, (v.lo, v.hi)),
                VarKind::Binary => p.add_binary_var(v.cost * scale),
                VarKind::Integer => p.add_integer_var(v.cost * scale, (v.lo as i32, v.hi as i32)),
            })
            .collect();
        if self.search_offset > 0.0 {
            p.add_var(self.search_offset * scale, (1.0, 1.0));
        }
        for c in &self.constraints {
            let expr: Vec<(microlp::Variable, f64)> =
                c.terms.iter().map(|(i, k)| (handles[*i], *k)).collect();
            let op = match c.sense {
                Sense::Le => microlp::ComparisonOp::Le,
                Sense::Ge => microlp::ComparisonOp::Ge,
                Sense::Eq => microlp::ComparisonOp::Eq,
            };
            p.add_constraint(expr.as_slice(), op, c.rhs);
        }
        let failed = |e: microlp::Error| match e {
            microlp::Error::Infeasible => SolveError::Infeasible,
            other => SolveError::Solver(other.to_string()),
        };
        let mut options = microlp::SolveOptions::default();
        if step.is_some() {
            // A short exact search first; if it has not finished, its incumbent
            // sets the gap that still proves optimality on the grid.
            options.node_limit = Some(FIRST_NODES);
        }
        let mut outcome = p.solve_with(options).map_err(failed)?;
        let mut nodes = outcome.stats().nodes_solved;
        while !outcome.is_optimal()
            && outcome.termination_reason() != microlp::TerminationReason::MipGap
        {
            let mut resume = microlp::ResumeOptions::default();
            match outcome.solution().map(|s| s.objective()) {
                // U - bound <= gap·U < 1 step: nothing better exists on the grid.
                Some(incumbent) if incumbent > 1.0 => resume.mip_gap = Some(0.999 / incumbent),
                Some(_) => {}
                None => resume.node_limit = Some(FIRST_NODES),
            }
            outcome = outcome.resume_with(resume).map_err(failed)?;
            nodes += outcome.stats().nodes_solved;
        }
        let solution = outcome
            .into_solution()
            .map_err(|_| SolveError::Solver("interrupted before a solution".into()))?;
        let values: Vec<f64> = self
            .vars
            .iter()
            .zip(&handles)
            .map(|(v, h)| {
                let x = solution.var_value(*h);
                if v.kind == VarKind::Continuous {
                    x
                } else {
                    x.round()
                }
            })
            .collect();
        // Recompute from the rounded values so the reported objective is exact for them.
        let objective = self
            .vars
            .iter()
            .zip(&values)
            .map(|(v, x)| v.cost * x)
            .sum::<f64>();
        Ok(Solved {
            values,
            objective,
            millis: started.elapsed().as_secs_f64() * 1000.0,
            nodes,
        })
    }

    /// The problem in CPLEX LP format, readable by HiGHS, CBC, GLPK, CPLEX, Gurobi.
    pub fn to_lp(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "\\ {title}");
        let _ = writeln!(
            s,
            "\\ Written by upright (--emit-model): the selection problem of the plan's base week."
        );
        s.push_str("Minimize\n obj:");
        let mut any = false;
        for (i, v) in self.vars.iter().enumerate() {
            if v.cost != 0.0 {
                write_term(&mut s, v.cost, &self.vars[i].name, !any);
                any = true;
            }
        }
        if !any {
            s.push_str(" 0");
        }
        s.push_str("\nSubject To\n");
        for c in &self.constraints {
            let _ = write!(s, " {}:", c.name);
            for (k, (i, coef)) in c.terms.iter().enumerate() {
                write_term(&mut s, *coef, &self.vars[*i].name, k == 0);
            }
            let op = match c.sense {
                Sense::Le => "<=",
                Sense::Ge => ">=",
                Sense::Eq => "=",
            };
            let _ = writeln!(s, " {op} {}", num(c.rhs));
        }
        s.push_str("Bounds\n");
        for v in self.vars.iter().filter(|v| v.kind != VarKind::Binary) {
            if v.hi.is_finite() {
                let _ = writeln!(s, " {} <= {} <= {}", num(v.lo), v.name, num(v.hi));
            } else {
                let _ = writeln!(s, " {} >= {}", v.name, num(v.lo));
            }
        }
        let ints: Vec<&str> = self
            .vars
            .iter()
            .filter(|v| v.kind == VarKind::Integer)
            .map(|v| v.name.as_str())
            .collect();
        if !ints.is_empty() {
            s.push_str("General\n");
            for chunk in ints.chunks(8) {
                let _ = writeln!(s, " {}", chunk.join(" "));
            }
        }
        let bins: Vec<&str> = self
            .vars
            .iter()
            .filter(|v| v.kind == VarKind::Binary)
            .map(|v| v.name.as_str())
            .collect();
        if !bins.is_empty() {
            s.push_str("Binary\n");
            for chunk in bins.chunks(8) {
                let _ = writeln!(s, " {}", chunk.join(" "));
            }
        }
        s.push_str("End\n");
        s
    }
}

fn write_term(s: &mut String, coef: f64, name: &str, first: bool) {
    let sign = if coef < 0.0 {
        " -"
    } else if first {
        ""
    } else {
        " +"
    };
    let mag = coef.abs();
    if mag == 1.0 {
        let _ = write!(s, "{sign} {name}");
    } else {
        let _ = write!(s, "{sign} {} {name}", num(mag));
    }
}

/// Shortest exact decimal (Rust's float formatting round-trips).
fn num(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_small_integer_program_exactly() {
        // min x + 2y  s.t. x + y >= 3.5, y integer in [0, 2], x continuous >= 0
        let mut m = Model::default();
        let x = m.add_var("x", VarKind::Continuous, 0.0, f64::INFINITY, 1.0);
        let y = m.add_var("y", VarKind::Integer, 0.0, 2.0, 0.5);
        m.add_constraint("c1", vec![(x, 1.0), (y, 1.0)], Sense::Ge, 3.5);
        let s = m.solve().unwrap();
        assert_eq!(s.values[y], 2.0);
        assert!((s.objective - 2.5).abs() < 1e-9);
    }

    #[test]
    fn writes_cplex_lp() {
        let mut m = Model::default();
        let x = m.add_var("x_a", VarKind::Integer, 0.0, 6.0, 1.5);
        let y = m.add_var("y_a", VarKind::Binary, 0.0, 1.0, 0.25);
        m.add_constraint("link_a", vec![(x, 1.0), (y, -6.0)], Sense::Le, 0.0);
        let lp = m.to_lp("test");
        assert!(lp.contains("Minimize\n obj: 1.5 x_a + 0.25 y_a\n"), "{lp}");
        assert!(lp.contains(" link_a: x_a - 6 y_a <= 0\n"), "{lp}");
        assert!(
            lp.contains("General\n x_a\n")
                && lp.contains("Binary\n y_a\n")
                && lp.ends_with("End\n"),
            "{lp}"
        );
    }

    #[test]
    fn infeasible_is_reported() {
        let mut m = Model::default();
        let x = m.add_var("x", VarKind::Integer, 0.0, 1.0, 1.0);
        m.add_constraint("c", vec![(x, 1.0)], Sense::Ge, 2.0);
        assert_eq!(m.solve().unwrap_err(), SolveError::Infeasible);
    }
}
