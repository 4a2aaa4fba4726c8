#!/usr/bin/env bash
# Run a command beside a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh cargo test -p upright-store
#
# Starts a fresh cluster (trust auth, 127.0.0.1 only, a free port, data in a
# temp dir), runs CMD with
#   UPRIGHT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
#   UPRIGHT_REQUIRE_POSTGRES=1
# exported, then stops the server and deletes its data, whatever happens.
# Exits with CMD's status.
#
# PostgreSQL missing: as root it is installed with apt-get (Debian/Ubuntu,
# fine in CI: no prompts, no stdin); otherwise the script says how to install
# it and runs CMD without PostgreSQL (the PostgreSQL tests then skip).
# The cluster runs with fsync off: it is for tests and is deleted afterwards.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

log() { echo "with-postgres: $*" >&2; }

find_pg_bin() {
    local d
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    # Debian keeps the server binaries off PATH; take the newest version.
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

PG_BIN="$(find_pg_bin || true)"
if [ -z "$PG_BIN" ]; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
        log "PostgreSQL not found; installing it with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq </dev/null
        apt-get install -y -qq postgresql </dev/null >/dev/null
        PG_BIN="$(find_pg_bin || true)"
    fi
    if [ -z "$PG_BIN" ]; then
        log "PostgreSQL (pg_ctl, initdb) not found, so running without it."
        log "Install it to run the PostgreSQL tests, e.g.:"
        log "    sudo apt-get install postgresql      # Debian/Ubuntu"
        log "    brew install postgresql              # macOS"
        unset UPRIGHT_TEST_POSTGRES_URL UPRIGHT_REQUIRE_POSTGRES
        exec "$@"
    fi
fi

# PostgreSQL refuses to run as root: as root, run the server as `postgres`
# (created by the Debian package) or, failing that, `nobody`.
RUN_AS=()
if is_root; then
    PG_USER=postgres
    id -u "$PG_USER" >/dev/null 2>&1 || PG_USER=nobody
    if command -v runuser >/dev/null 2>&1; then
        RUN_AS=(runuser -u "$PG_USER" --)
    else
        RUN_AS=(su_run)
    fi
    WORK="$(mktemp -d /tmp/upright-pg.XXXXXX)"
    chown "$PG_USER" "$WORK"
else
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/upright-pg.XXXXXX")"
fi
su_run() {
    local cmd
    printf -v cmd '%q ' "$@"
    su -s /bin/sh "$PG_USER" -c "$cmd"
}
as_pg() { "${RUN_AS[@]}" "$@"; }

DATA="$WORK/data"
SOCK="$WORK/sock"
LOGFILE="$WORK/server.log"
STARTED=0

cleanup() {
    local status=$?
    if [ "$STARTED" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg mkdir -p "$SOCK"
as_pg "$PG_BIN/initdb" -D "$DATA" --username=postgres --auth=trust \
    --encoding=UTF8 --no-locale >"$WORK/initdb.log" 2>&1 || {
    cat "$WORK/initdb.log" >&2
    log "initdb failed"
    exit 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PORT=""
for attempt in 1 2 3 4 5; do
    candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_free "$candidate" || continue
    if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $candidate -k $SOCK -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
        STARTED=1
        PORT="$candidate"
        break
    fi
    log "start on port $candidate failed (attempt $attempt)"
done
if [ -z "$PORT" ]; then
    [ -f "$LOGFILE" ] && cat "$LOGFILE" >&2
    log "PostgreSQL did not start"
    exit 1
fi

ready=0
for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
        ready=1
        break
    fi
    sleep 0.5
done
if [ "$ready" != 1 ]; then
    cat "$LOGFILE" >&2
    log "PostgreSQL on port $PORT is not ready"
    exit 1
fi

export UPRIGHT_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export UPRIGHT_REQUIRE_POSTGRES=1
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready: $UPRIGHT_TEST_POSTGRES_URL"

set +e
"$@"
status=$?
set -e
exit "$status"
