#!/usr/bin/env bash
# Times `upright plan --batch` over 10,000 random profiles (release build).
#
#   scripts/bench-batch.sh            # 10,000 lines, 3 timed runs
#   COUNT=2000 RUNS=5 SEED=7 scripts/bench-batch.sh
#
# The profiles come from a fixed seed (Python's random, so the file is the same
# on every machine): every field of a profile line, red flags and acute pain
# included now and then (referrals), minutes from 10 to 180 (a few short ones
# are refused: those lines get an error object and the batch exits 2, which is
# expected here). Uses hyperfine when installed, else /usr/bin/time (or bash's
# `time`). Prints the batch's status counts, wall time and plans per second.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/upright/target}"
COUNT="${COUNT:-10000}"
RUNS="${RUNS:-3}"
SEED="${SEED:-20240611}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
LINES="$WORK/profiles.jsonl"

command -v python3 >/dev/null || { echo "bench-batch: python3 is needed to generate profiles" >&2; exit 1; }
python3 - "$COUNT" "$SEED" "$LINES" <<'PY'
import json, random, sys
count, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
r = random.Random(seed)
goals = ["physique", "strength", "athletic", "prevention", "recovery", "posture", "general"]
equipment = ["mat", "dumbbells", "kettlebell", "barbell", "rack", "bench", "cable", "machines", "pullup-bar", "bands"]
flags = ["bladder-bowel", "saddle-numbness", "leg-weakness", "gait", "cancer-history", "weight-loss", "fever",
         "immunosuppressed", "iv-drug-use", "trauma", "steroids", "night-pain", "new-pain"]
with open(path, "w") as out:
    for _ in range(count):
        kit = r.choice([["gym"], ["home"], ["home", "pullup-bar"], ["mat"],
                        r.sample(equipment, r.randint(1, len(equipment)))])
        p = {
            "goals": r.sample(goals, r.randint(1, 3)),
            "level": r.choice(["beginner", "intermediate", "advanced"]),
            "equipment": kit,
            "days": r.randint(1, 7),
            "minutes": r.randint(10, 180),
            "weeks": r.randint(1, 12),
            "desk_job": r.random() < 0.4,
            "manual_labour": r.random() < 0.15,
            "sport_push": r.random() < 0.2,
            "other_back_activity": r.random() < 0.25,
            "pain": r.choices(["none", "recovering", "acute"], [70, 25, 5])[0],
            "red_flags": r.sample(flags, 1) if r.random() < 0.03 else [],
        }
        if r.random() < 0.6:
            p["pullups"] = r.randint(0, 20)
        if r.random() < 0.5:
            p["age"] = r.randint(12, 100)
        out.write(json.dumps(p, separators=(",", ":")) + "\n")
PY
echo "bench-batch: $(wc -l <"$LINES") profile lines (seed $SEED)"

cargo build --release -q -p upright
BIN="$CARGO_TARGET_DIR/release/upright"

# One run to check the output and count what came back.
set +e
"$BIN" plan --batch "$LINES" --reproducible >"$WORK/out.jsonl" 2>"$WORK/err.txt"
code=$?
set -e
if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then
    echo "bench-batch: upright exited $code:" >&2
    cat "$WORK/err.txt" >&2
    exit 1
fi
python3 - "$WORK/out.jsonl" "$COUNT" <<'PY'
import collections, json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == int(sys.argv[2]), f"{len(lines)} output lines for {sys.argv[2]} profiles"
c = collections.Counter(json.loads(l)["status"] for l in lines)
print("bench-batch: output", dict(c), "(errors are refusals of too-short sessions)")
PY

CMD="$BIN plan --batch $LINES --reproducible > /dev/null"
echo "bench-batch: timing: $CMD  ($(nproc) cores)"
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --ignore-failure --warmup 1 --runs "$RUNS" --export-json "$WORK/h.json" "$CMD"
    python3 - "$WORK/h.json" "$COUNT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
n = int(sys.argv[2])
print(f"bench-batch: mean {r['mean']:.3f} s (min {r['min']:.3f} s, max {r['max']:.3f} s) for {n} profiles: "
      f"{n / r['mean']:.0f} plans/s, {r['mean'] / n * 1e3:.3f} ms a plan (wall, all cores)")
PY
else
    for i in $(seq "$RUNS"); do
        start=$(date +%s.%N)
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f "bench-batch: run $i: %e s wall, %U s user, %M KB max RSS" \
                "$BIN" plan --batch "$LINES" --reproducible >/dev/null || true
        else
            "$BIN" plan --batch "$LINES" --reproducible >/dev/null || true
        fi
        end=$(date +%s.%N)
        python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'bench-batch: run {sys.argv[4]}: {t:.3f} s, {n/t:.0f} plans/s')" "$start" "$end" "$COUNT" "$i"
    done
fi
