//! `upright plan --batch FILE.jsonl`: one profile a line in, one plan a line out.
//! A bad line (not JSON, not UTF-8, longer than [`LINE_MAX_BYTES`]) yields an
//! error object for that line; the rest go on. Lines are planned on all cores
//! and written in input order. The whole input is capped at
//! [`INPUT_MAX_BYTES`] (`/dev/zero` must not fill the memory).

use super::{open_lines, plan_line};
use crate::error::{exit, CliError, CliResult};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use upright_core::catalog::Catalog;
use upright_core::profile::ProfileInput;

/// Longest profile line read; a profile is a few hundred bytes.
pub const LINE_MAX_BYTES: usize = 64 << 10;
/// Most input read in all.
pub const INPUT_MAX_BYTES: u64 = 256 << 20;

/// A line as read: its text, or why it cannot be planned.
type Line = Result<String, String>;

/// Reads the lines as bytes, each checked on its own: one bad line must not
/// abort the batch.
fn read_lines(path: &Path) -> CliResult<Vec<Line>> {
    let shown = upright_core::text::echo(&path.display().to_string());
    let reader = open_lines(path)?;
    let mut limited = reader.take(INPUT_MAX_BYTES + 1);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    loop {
        buf.clear();
        // Read at most one byte past the cap per line; the rest of an over-long line is skipped.
        let n = (&mut limited)
            .take(LINE_MAX_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| CliError::bad(format!("batch: cannot read '{shown}': {e}")))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > INPUT_MAX_BYTES {
            return Err(CliError::bad(format!(
                "batch: '{shown}' is larger than {} MiB; accepted: a smaller file, or several",
                INPUT_MAX_BYTES >> 20
            )));
        }
        if buf.last() != Some(&b'\n') && buf.len() > LINE_MAX_BYTES {
            // Skip to the end of this line.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let m = (&mut limited)
                    .take(LINE_MAX_BYTES as u64)
                    .read_until(b'\n', &mut rest)
                    .map_err(|e| CliError::bad(format!("batch: cannot read '{shown}': {e}")))?;
                total += m as u64;
                if total > INPUT_MAX_BYTES {
                    return Err(CliError::bad(format!(
                        "batch: '{shown}' is larger than {} MiB; accepted: a smaller file, or several",
                        INPUT_MAX_BYTES >> 20
                    )));
                }
                if m == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
            out.push(Err(format!(
                "longer than {} KiB; accepted: one profile object a line",
                LINE_MAX_BYTES >> 10
            )));
            continue;
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        out.push(
            String::from_utf8(buf.clone())
                .map_err(|e| format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to() + 1)),
        );
    }
    Ok(out)
}

/// Plans every line; returns exit 0 when every line was readable, 2 when some were not.
pub fn run(path: &Path, catalog: &Catalog, reproducible: bool) -> CliResult<i32> {
    let lines = read_lines(path)?;
    // Workers take the next line as they free up (a few plans take far longer
    // than the median, so fixed chunks would leave a core idle). Each plan is
    // written as soon as every line before it is: the output streams in input
    // order while the rest are planned, and only the plans waiting on a slow
    // line are held in memory (10,000 plans are about 1 GB of JSON).
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(lines.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, (String, bool))>();
    let mut bad = 0usize;
    let mut written = 0usize;
    let mut failed: Option<std::io::Error> = None;
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, lines) = (&next, &lines);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(line) = lines.get(i) else { break };
                if tx
                    .send((i, one_line(line, i + 1, catalog, reproducible)))
                    .is_err()
                {
                    break;
                }
            });
        }
        drop(tx);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let mut waiting: BTreeMap<usize, (String, bool)> = BTreeMap::new();
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some((text, ok)) = waiting.remove(&written) {
                written += 1;
                bad += usize::from(!ok);
                if failed.is_none() {
                    if let Err(e) = out
                        .write_all(text.as_bytes())
                        .and_then(|_| out.write_all(b"\n"))
                    {
                        failed = Some(e);
                        // Nobody reads on: the workers stop at their next line.
                        next.store(lines.len(), Ordering::Relaxed);
                    }
                }
            }
        }
        if failed.is_none() {
            failed = out.flush().err();
        }
    });
    match failed {
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(CliError::Internal(anyhow::anyhow!(
                "cannot write the output: {e}"
            )))
        }
        _ => {}
    }
    if bad > 0 {
        crate::commands::note(&format!(
            "upright: batch: {bad} of {written} lines had errors (see their \"error\" objects)"
        ));
        return Ok(exit::BAD_INPUT);
    }
    Ok(exit::OK)
}

/// Plans one line; returns its JSON and whether it was good input.
fn one_line(line: &Line, number: usize, catalog: &Catalog, reproducible: bool) -> (String, bool) {
    let error = |field: &str, message: String| {
        (json!({"status": "error", "line": number, "error": {"field": field, "message": message}}).to_string(), false)
    };
    let line = match line {
        Ok(l) => l,
        Err(why) => return error("line", why.clone()),
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
