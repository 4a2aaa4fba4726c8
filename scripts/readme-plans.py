#!/usr/bin/env python3
"""Rewrites the plans printed in README.md's "Five plans" from the binary.

    cargo build --release -p upright && scripts/readme-plans.py

Each example is a ```sh block holding one `upright plan ...` command followed
by a ```text block; the text block becomes that command's output, trimmed to
what the README shows: the first week and the block's peak week (the weeks
the volume table names), without form cues and the rules list.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/upright/target"))
BIN = os.environ.get("UPRIGHT_BIN", os.path.join(TARGET, "release", "upright"))


def trimmed(out: str) -> str:
    lines = out.splitlines()
    peak = re.search(r"the block's peak, week (\d+)\)", out)
    keep_weeks = {"1", peak.group(1) if peak else "1"}
    kept, week, skipping = [], None, False
    for line in lines:
        m = re.match(r"Week (\d+) \(", line)
        if m:
            week = m.group(1)
            skipping = week not in keep_weeks
            if not skipping and kept and kept[-1] != "":
                kept.append("")
        elif line.startswith("Weekly sets"):
            skipping = False
            if kept and kept[-1] != "":
                kept.append("")
        elif line.startswith("Rules applied") or line.startswith("(--explain"):
            skipping = True
        if skipping or line.strip().startswith("cue:"):
            continue
        if line == "" and kept and kept[-1] == "":
            continue
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    return "\n".join(kept) + "\n"


def main() -> int:
    path = os.path.join(ROOT, "README.md")
    text = open(path, encoding="utf-8").read()
    start = text.index("## Five plans")
    end = text.index("\n## ", start + 1)
    section = text[start:end]
    pattern = re.compile(r"```sh\n(upright plan [^\n]*)\n```\n\n```text\n.*?```", re.S)

    def render(m: re.Match) -> str:
        cmd = m.group(1)
        args = cmd.split()[1:]
        out = subprocess.run([BIN, *args], capture_output=True, text=True, check=True).stdout
        return f"```sh\n{cmd}\n```\n\n```text\n{trimmed(out)}```"

    new, n = pattern.subn(render, section)
    open(path, "w", encoding="utf-8").write(text[:start] + new + text[end:])
    print(f"readme-plans: {n} plans rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
