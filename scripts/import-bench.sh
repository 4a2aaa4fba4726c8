#!/usr/bin/env bash
# The import figure (a measurement to read, not a test; run it once):
# a generated one-million-row Strong export (S2, as upright's StrongWriter
# writes it) imported end to end into a fresh SQLite database, with peak
# memory from /usr/bin/time -v. Usage: scripts/import-bench.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/upright/target}"
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release -q -p upright --bin upright
cargo build --release -q -p upright-core --example import_bench
"$CARGO_TARGET_DIR/release/examples/import_bench" generate s2 "$rows" "$work/strong.csv"
"$CARGO_TARGET_DIR/release/examples/import_bench" read "$work/strong.csv"
start=$(date +%s.%N)
/usr/bin/time -v "$CARGO_TARGET_DIR/release/upright" --db "$work/bench.db" import strong "$work/strong.csv" --quiet \
    2> "$work/time.txt" | head -1
end=$(date +%s.%N)
grep -E "Elapsed|Maximum resident" "$work/time.txt"
awk -v r="$rows" -v s="$start" -v e="$end" 'BEGIN { printf "end to end: %.0f rows/s\n", r / (e - s) }'
