#!/usr/bin/env python3
"""Hand-built personas, each printed compactly (week 1 and the peak week, sets x
reps per session, the notes about what is missing or short): a coach's first look.

    cargo build --release -p upright && scripts/plan-personas.py [NAME-PART ...]   # UPRIGHT_BIN=path
"""
import json, subprocess, sys, os
U = os.environ.get("UPRIGHT_BIN", os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/upright/target")), "release", "upright"))
P = [
 ("strength-int-gym", "--goal strength --level intermediate --equipment gym --pullups 8 --days 3 --minutes 60"),
 ("strength-adv-gym-4x75", "--goal strength --level advanced --equipment gym --pullups 15 --days 4 --minutes 75"),
 ("physique-int-12pu", "--goal physique --level intermediate --equipment gym --pullups 12 --days 4 --minutes 60"),
 ("physique-beg-gym", "--goal physique --level beginner --equipment gym --pullups 0 --days 3 --minutes 45"),
 ("phys+str-int", "--goal physique,strength --level intermediate --equipment gym --pullups 6 --days 4 --minutes 60"),
 ("general-beg-gym", "--goal general --level beginner --equipment gym --pullups 0 --days 3 --minutes 45"),
 ("posture-desk-home", "--goal posture,general --level beginner --equipment home --desk-job --days 3 --minutes 30"),
 ("posture-desk-mat", "--goal posture --level beginner --equipment mat --desk-job --days 3 --minutes 20"),
 ("recovery-beg-home", "--goal recovery --level beginner --equipment home --pain recovering --days 5 --minutes 30"),
 ("recovery-mat-15", "--goal recovery --level beginner --equipment mat --pain recovering --days 7 --minutes 15"),
 ("prevention-int-gym", "--goal prevention --level intermediate --equipment gym --days 3 --minutes 45"),
 ("climber", "--goal athletic --level intermediate --equipment home,pullup-bar --sport climbing --pullups 12 --days 2 --minutes 45"),
 ("swimmer", "--goal athletic --level intermediate --equipment gym --sport swimming --pullups 6 --days 3 --minutes 45"),
 ("boxer", "--goal athletic --level intermediate --equipment gym --sport boxing --pullups 6 --days 3 --minutes 60"),
 ("athletic-adv-gym", "--goal athletic --level advanced --equipment gym --pullups 15 --days 3 --minutes 60"),
 ("strength-excl", "--goal strength --level intermediate --equipment gym --pullups 8 --days 3 --minutes 60 --exclude deadlift,back-squat"),
 ("home-db-beg", "--goal general --level beginner --equipment mat,dumbbells,bench --days 3 --minutes 40"),
 ("kb-int", "--goal general,strength --level intermediate --equipment mat,kettlebell,pullup-bar --pullups 5 --days 3 --minutes 40"),
]
only = sys.argv[1:] 
for name, args in P:
    if only and not any(o in name for o in only):
        continue
    out = subprocess.run([U, "plan", *args.split(), "--weeks", "8", "--format", "json"], capture_output=True, text=True)
    print(f"=== {name}: {args}")
    if out.returncode != 0:
        print("  exit", out.returncode, out.stderr.strip()[:300]); continue
    d = json.loads(out.stdout)
    if d["status"] != "plan":
        print("  ", d["status"]); continue
    weeks = d["weeks"]
    peak = max(weeks, key=lambda w: sum(e["sets"] for s in w["sessions"] for e in s["exercises"]) if not w["deload"] else -1)
    for w in [weeks[0], peak]:
        print(f"  week {w['week']} ({w['phase']})")
        for s in w["sessions"]:
            ex = ", ".join(f"{e['id']} {e['sets']}x{e['hold_s']}s" if e.get("hold_s") else f"{e['id']} {e['sets']}x{e.get('reps_min','')}-{e.get('reps_max','')}" for e in s["exercises"])
            print(f"    d{s['day']} {s['minutes']:.0f}m: {ex}")
    for n in d["notes"]:
        if any(k in n for k in ("missing", "left", "not ", "fullest", "short")):
            print("   note:", n[:220])
