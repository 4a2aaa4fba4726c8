#!/usr/bin/env python3
"""A coach's figures over random profiles: how much of the minutes sessions use,
how even the week is, exercises per session, lone sets, accessories past 4 sets,
strength lifters without a heavy hinge, and which exercises are used most and least.

    cargo build --release -p upright && scripts/plan-sweep.py [COUNT]    # SEED=7, UPRIGHT_BIN=path
"""
import json, random, subprocess, sys, os, statistics, collections
U = os.environ.get("UPRIGHT_BIN", os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/upright/target")), "release", "upright"))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
r = random.Random(int(os.environ.get("SEED", "7")))
goals = ["physique", "strength", "athletic", "prevention", "recovery", "posture", "general"]
kit = ["mat", "dumbbells", "kettlebell", "barbell", "rack", "bench", "cable", "machines", "pullup-bar", "bands"]
fills, ratios, counts, lone, big, timeouts, fails = [], [], collections.Counter(), 0, 0, 0, 0
freq = collections.Counter(); plans = 0; strength_no_hinge = 0; strength_kit = 0; over4 = 0
for i in range(N):
    eq = r.choice([["gym"], ["home"], ["home", "pullup-bar"], ["mat"], ["mat"] + r.sample(kit, r.randint(1, 9))])
    args = ["plan", "--goal", ",".join(r.sample(goals, r.randint(1, 3))), "--level", r.choice(["beginner", "intermediate", "advanced"]),
            "--equipment", ",".join(eq), "--days", str(r.randint(1, 7)), "--minutes", str(r.randint(10, 120)), "--weeks", "8",
            "--pain", r.choice(["none", "none", "recovering"]), "--format", "json"]
    if r.random() < 0.5:
        args += ["--pullups", str(r.randint(0, 20))]
    try:
        out = subprocess.run([U, *args], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        timeouts += 1; continue
    if out.returncode != 0:
        fails += 1; print("exit", out.returncode, " ".join(args), out.stderr.strip()[:200]); continue
    d = json.loads(out.stdout); plans += 1
    minutes = d["profile"]["minutes"]
    for w in d["weeks"]:
        if w["deload"]: continue
        ms = [s["minutes"] for s in w["sessions"]]
        for s in w["sessions"]:
            fills.append(s["minutes"] / minutes); counts[len(s["exercises"])] += 1
            for e in s["exercises"]:
                if e["sets"] == 1 and not e.get("pyramid"): lone += 1
                if e["sets"] > 4 and e["id"] not in ("deadlift","back-squat","front-squat","bent-over-row","romanian-deadlift","rack-pull"): over4 += 1
                freq[e["id"]] += 1
        if len(ms) > 1 and min(ms) > 0: ratios.append(max(ms) / min(ms))
    g = d["profile"]["goals"]
    if "strength" in g and "barbell" in d["profile"]["equipment"] and d["profile"]["pain"] == "none" and "recovery" not in g and d["profile"]["level"] != "beginner":
        strength_kit += 1
        ids = {e["id"] for w in d["weeks"] for s in w["sessions"] for e in s["exercises"]}
        if not ids & {"deadlift", "romanian-deadlift", "rack-pull", "trap-bar-deadlift"}:
            strength_no_hinge += 1; print("no heavy hinge:", " ".join(args), sorted(ids))
q = lambda xs, p: sorted(xs)[int(p * (len(xs) - 1))] if xs else float("nan")
print(f"profiles {N}: plans {plans}, refused {fails}, timeouts {timeouts}")
print(f"session fill (minutes used / given): median {q(fills,.5):.2f}, p10 {q(fills,.1):.2f}, p90 {q(fills,.9):.2f}, under half {sum(f<0.5 for f in fills)/len(fills):.0%}")
print(f"fullest/emptiest session of a week: median {q(ratios,.5):.2f}, p90 {q(ratios,.9):.2f}, max {max(ratios):.2f}")
print(f"exercises a session: {dict(sorted(counts.items()))}; lone working sets {lone}; accessories above 4 sets {over4}")
print(f"strength lifters with a barbell and no heavy hinge: {strength_no_hinge}/{strength_kit}")
print("most used:", freq.most_common(12))
print("least used:", freq.most_common()[-12:])
