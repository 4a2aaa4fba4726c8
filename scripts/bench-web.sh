#!/usr/bin/env bash
# Load benchmark of `upright serve` on SQLite, on loopback, bounded:
#   POST /api/v1/logs   (one logged set, a new Idempotency-Key each)
#   GET  /api/v1/today  (today's session with loads and decisions)
# with wrk -t2 -c16 (wger's parameters), then, when ../shared/bench/wger/run.sh
# exists, wger 2.1's figures in the same run, and the ratios.
# Durability: right after the POST run the server is killed (SIGKILL, no
# graceful shutdown, nothing flushed on the way out) and the sets in the
# database are counted: every 201 wrk saw must be there (sets_added >=
# acked201), and no more than the requests still in flight when wrk stopped
# its clock (one per connection) may have been written besides. The server
# is then started again on the same file for the GET runs.
#
#   scripts/bench-web.sh            DURATION=15s WARMUP=3s CONNS=16 THREADS=2 WGER=1 SPREAD_DAYS=3650 [UPRIGHT_BIN=path]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/upright/target}"
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-3s}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
# The POSTed sets are dated over this many past days (0: all today, as wger's are).
SPREAD_DAYS=${SPREAD_DAYS:-3650}
log() { echo "bench-web: $*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing wrk from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk </dev/null >/dev/null
  else
    log "wrk not found: install it (apt-get install wrk) to run this benchmark"; exit 1
  fi
fi

# UPRIGHT_BIN: another build to measure (e.g. an older one, for before/after).
if [ -n "${UPRIGHT_BIN:-}" ]; then
  BIN=$UPRIGHT_BIN
else
  cargo build --release -q -p upright
  BIN="$CARGO_TARGET_DIR/release/upright"
fi
WORK=$(mktemp -d /tmp/upright-bench.XXXXXX)
DB="$WORK/bench.db"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

start() {
  RUST_LOG=warn "$BIN" --db "$DB" serve --addr "127.0.0.1:$PORT" >"$WORK/serve.out" 2>"$WORK/serve.err" &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "$URL/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$WORK/serve.err" >&2; log "server did not start"; exit 1
}
start

# An account, a plan and an API token, through the forms as a person would.
JAR="$WORK/jar"
csrf() { grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="\([0-9a-f]*\)"/\1/'; }
C=$(curl -fs -c "$JAR" -b "$JAR" "$URL/signup" | csrf)
curl -fs -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrf=$C" -d login=bench --data-urlencode "password=bench password 1" "$URL/signup"
C=$(curl -fs -c "$JAR" -b "$JAR" "$URL/settings" | csrf)
curl -fs -o /dev/null -c "$JAR" -b "$JAR" -d "csrf=$C&goal=posture&level=beginner&equipment=mat&equipment=dumbbells&days=3&minutes=40&pain=none" "$URL/onboarding"
TOKEN=$(curl -fs -c "$JAR" -b "$JAR" -d "csrf=$C&name=bench" "$URL/settings/tokens" | grep -o 'copy it now): <code>[0-9a-f]*' | sed 's/.*<code>//')
[ -n "$TOKEN" ] || { log "could not create an API token"; exit 1; }
BODY='{"exercise":"dumbbell-romanian-deadlift","sets":"1x8@62.5"}'
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Idempotency-Key: sanity' -d "$BODY" "$URL/api/v1/logs"

run_wrk() { # NAME METHOD DURATION PATH
  BENCH_NAME=$1 BENCH_METHOD=$2 BENCH_BODY=$BODY BENCH_TOKEN=$TOKEN BENCH_RUN=$1 BENCH_SPREAD_DAYS=$SPREAD_DAYS \
    timeout 120 wrk -t"$THREADS" -c"$CONNS" -d"$3" --timeout 10s --latency -s scripts/bench-web.lua "$URL$4" >"$WORK/wrk-$1.txt"
  grep '^RESULT' "$WORK/wrk-$1.txt"
}
count_sets() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM sets").fetchone()[0])' "$DB"; }

run_wrk warmup_post POST "$WARMUP" /api/v1/logs >/dev/null
BEFORE=$(count_sets)
R_POST=$(run_wrk post_set POST "$DURATION" /api/v1/logs)
# Kill the server at once (no graceful shutdown), then count what is on disk.
kill -KILL "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
AFTER=$(count_sets)
ACKED=$(echo "$R_POST" | sed 's/.*acked201=\([0-9]*\).*/\1/')
ADDED=$((AFTER - BEFORE))
if [ "$ADDED" -ge "$ACKED" ] && [ "$ADDED" -le $((ACKED + CONNS)) ]; then DURABLE=ok
elif [ "$ADDED" -lt "$ACKED" ]; then DURABLE=LOST
else DURABLE="EXTRA(more than acked201+conns)"; fi
start
run_wrk warmup_today GET "$WARMUP" /api/v1/today >/dev/null
R_TODAY=$(run_wrk get_today GET "$DURATION" /api/v1/today)
R_LIST=$(run_wrk get_list GET "$DURATION" "/api/v1/logs?limit=20")
kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=""
echo "upright env nproc=$(nproc) wrk_threads=$THREADS conns=$CONNS duration=$DURATION db=sqlite(WAL,synchronous=FULL) spread_days=$SPREAD_DAYS"
echo "upright $R_POST"
echo "upright $R_TODAY"
echo "upright $R_LIST"
echo "upright durability (SIGKILL after the POST run) acked201=$ACKED sets_added=$ADDED in_flight_max=$CONNS $DURABLE"

WGER_SH="$ROOT/../shared/bench/wger/run.sh"
# A worktree sits one level deeper than the main clone.
[ -f "$WGER_SH" ] || WGER_SH="$ROOT/../../shared/bench/wger/run.sh"
if [ "${WGER:-1}" != 0 ] && [ -f "$WGER_SH" ]; then
  W=$(DURATION=$DURATION WARMUP=$WARMUP CONNS=$CONNS THREADS=$THREADS bash "$WGER_SH" 2>"$WORK/wger.err" | tee /dev/stderr | grep '^wger' || true)
  echo "$W"
  rate() { echo "$1" | sed -n 's/.*req_s=\([0-9.]*\).*/\1/p' | head -1; }
  UP=$(rate "$R_POST"); WP=$(rate "$(echo "$W" | grep 'post_set')")
  UL=$(rate "$R_LIST"); WL=$(rate "$(echo "$W" | grep 'get_list ' | head -1)")
  if [ -n "$WP" ]; then
    python3 -c "import sys; u,w,ul,wl=map(float,sys.argv[1:]); print(f'ratio post_set upright/wger = {u/w:.1f}x; get_list upright/wger = {ul/wl:.1f}x')" "$UP" "$WP" "$UL" "${WL:-1}"
  else
    log "wger figures missing (see $WORK/wger.err)"; cat "$WORK/wger.err" >&2 || true
  fi
else
  log "wger bench not run (no ../shared/bench/wger/run.sh or WGER=0)"
fi
