//! `upright plan --batch FILE.jsonl`: one profile a line in, one plan a line out.
//! A bad line yields an error object for that line; the rest go on. Lines are
//! planned on all cores and written in input order.

use super::{open_lines, plan_line};
use crate::error::{exit, CliError, CliResult};
use serde_json::json;
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use upright_core::catalog::Catalog;
use upright_core::profile::ProfileInput;

/// Plans every line; returns exit 0 when every line was readable, 2 when some were not.
pub fn run(path: &Path, catalog: &Catalog, reproducible: bool) -> CliResult<i32> {
    let lines: Vec<String> = open_lines(path)?
        .lines()
        .collect::<Result<_, _>>()
        .map_err(|e| CliError::bad(format!("batch: cannot read '{}': {e}", path.display())))?;
    // Workers take the next line as they free up (a few plans take far longer
    // than the median, so fixed chunks would leave a core idle); results keep
    // input order.
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(lines.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<(String, bool)>> = vec![None; lines.len()];
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(line) = lines.get(i) else { break };
                        done.push((i, one_line(line, i + 1, catalog, reproducible)));
                    }
                    done
                })
            })
            .collect();
        for w in workers {
            for (i, r) in w.join().expect("batch worker panicked") {
                results[i] = Some(r);
            }
        }
    });
    let outputs = results.into_iter().map(|r| r.expect("every line planned"));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut bad = 0usize;
    let mut total = 0usize;
    for (text, ok) in outputs {
        total += 1;
        bad += usize::from(!ok);
        writeln!(out, "{text}").map_err(|e| CliError::Internal(e.into()))?;
    }
    out.flush().map_err(|e| CliError::Internal(e.into()))?;
    if bad > 0 {
        eprintln!("upright: batch: {bad} of {total} lines had errors (see their \"error\" objects)");
        return Ok(exit::BAD_INPUT);
    }
    Ok(exit::OK)
}

/// Plans one line; returns its JSON and whether it was good input.
fn one_line(line: &str, number: usize, catalog: &Catalog, reproducible: bool) -> (String, bool) {
    let error = |field: &str, message: String| {
        (json!({"status": "error", "line": number, "error": {"field": field, "message": message}}).to_string(), false)
    };
    if line.trim().is_empty() {
        return error("line", "empty line; expected a profile object".into());
    }
    let input: ProfileInput = match serde_json::from_str(line) {
        Ok(i) => i,
        Err(e) => return error("line", format!("not a profile object: {e}")),
    };
    match plan_line(input, catalog) {
        Ok(mut doc) => {
            if reproducible {
                doc.make_reproducible();
            }
            (serde_json::to_string(&doc).expect("plan serialises"), true)
        }
        Err((field, message)) => error(&field, message),
    }
}
