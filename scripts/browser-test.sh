#!/usr/bin/env bash
# Browser test of `upright serve`: Debian's headless Chromium driven by
# playwright-core (npm), axe-core on every page, screenshots to
# docs/screenshots/. Installs Chromium (apt) and the npm packages when
# missing and running as root; otherwise says what is missing and skips
# (exit 0) unless UPRIGHT_REQUIRE_BROWSER=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/upright/target}"
log() { echo "browser-test: $*" >&2; }
skip() {
  log "skipped: $*"
  [ "${UPRIGHT_REQUIRE_BROWSER:-0}" = 1 ] && exit 1
  exit 0
}

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium </dev/null >/dev/null 2>&1 || { apt-get update -qq </dev/null && apt-get install -y -qq chromium </dev/null >/dev/null; }
  fi
  command -v chromium >/dev/null 2>&1 || skip "chromium not found (sudo apt-get install chromium)"
fi
command -v npm >/dev/null 2>&1 || skip "npm not found (sudo apt-get install npm)"
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
  (cd tests/browser && npm install --no-audit --no-fund --silent) || skip "npm install failed"
fi

# UPRIGHT_BIN: a binary already built (e.g. the release one); else a debug build.
BIN="${UPRIGHT_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build -q -p upright
  BIN="$CARGO_TARGET_DIR/debug/upright"
fi
WORK=$(mktemp -d /tmp/upright-browser.XXXXXX)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
"$BIN" --db "$WORK/web.db" serve --addr 127.0.0.1:0 >"$WORK/out" 2>"$WORK/err" &
SERVER=$!
for _ in $(seq 1 100); do grep -q "serving on" "$WORK/out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/.*serving on //p' "$WORK/out")
[ -n "$URL" ] || { cat "$WORK/err" >&2; log "server did not start"; exit 1; }
log "server at $URL"
(cd tests/browser && UPRIGHT_URL="$URL" SHOTS="$PWD/../../docs/screenshots" timeout 180 node run.mjs)
