#!/usr/bin/env bash
# The project's test command (README, .ci/run): every test of the workspace,
# with the storage suite run against SQLite and a throwaway PostgreSQL
# (installed from Debian's packages when missing and running as root), and the
# optimiser's LP files checked by an independent solver (HiGHS, from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/upright/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# HiGHS re-solves the --emit-model files in tests; best effort (the test says
# "skipped" without it).
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import highspy" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check highspy </dev/null >/dev/null 2>&1 \
        || echo "test.sh: could not install highspy; the independent-solver check will skip" >&2
fi

scripts/with-postgres.sh cargo test --workspace "$@"
