#!/usr/bin/env python3
"""The random profiles of scripts/bench-optimiser.sh (same generator, same
seed, same order) as JSON profile lines, for the solver_figures example:

    python3 scripts/optimiser-profiles.py 300 20261201 > p300.jsonl
    cargo run --release -p upright-core --example solver_figures -- p300.jsonl
"""
import json
import random
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261201
r = random.Random(seed)
goals = ["physique", "strength", "athletic", "prevention", "recovery", "posture", "general"]
kit = ["mat", "dumbbells", "kettlebell", "barbell", "rack", "bench", "cable", "machines", "pullup-bar", "bands"]
for _ in range(count):
    eq = r.choice([["gym"], ["home"], ["home", "pullup-bar"], ["mat"], ["mat"] + r.sample(kit, r.randint(1, 9))])
    o = {"goals": r.sample(goals, r.randint(1, 3)), "level": r.choice(["beginner", "intermediate", "advanced"]),
         "equipment": eq, "days": r.randint(1, 7), "minutes": r.randint(10, 120), "weeks": 1,
         "pain": r.choice(["none", "none", "recovering"])}
    if r.random() < 0.5:
        o["pullups"] = r.randint(0, 15)
    print(json.dumps(o))
