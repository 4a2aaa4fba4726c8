#!/usr/bin/env bash
# The project's test command (README, .ci/run): every test of the workspace,
# with the storage suite run against SQLite and a throwaway PostgreSQL
# (installed from Debian's packages when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/upright/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
scripts/with-postgres.sh cargo test --workspace --all-targets "$@"
