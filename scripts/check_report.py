#!/usr/bin/env python3
"""Counts how many rows each consistency check flags over the corpus and prints three real
examples (from dev-pool records), as Markdown for the README.

Usage: cargo build --release && python3 scripts/check_report.py"""
import collections
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "pmc-rct-abstracts.jsonl")
POOL = os.path.join(ROOT, "..", "shared", "corpus", "dev-pool.txt")

out = subprocess.run(
    [os.path.join(ROOT, "target", "release", "trialrex"), "extract", CORPUS, "--format", "jsonl"],
    capture_output=True, text=True, check=True,
).stdout
rows = [json.loads(line) for line in out.splitlines()]
pool = set(open(POOL).read().split())
flags = collections.Counter()
examples = {}
for row in rows:
    for code in filter(None, (row["checks"] or "").split(";")):
        flags[code] += 1
        if row["record_id"] in pool and row["kind"] == "effect" or code not in examples:
            examples.setdefault(code, row)
status = collections.Counter(row["status"] for row in rows)
print(f"{len(rows)} rows from 3,253 abstracts: {status['valid']} valid, {status['warning']} warning, "
      f"{status['invalid']} invalid.\n")
print("| check | rows flagged |\n| --- | ---: |")
for code, count in flags.most_common():
    print(f"| `{code}` | {count} |")
print()
shown = 0
for code in ["effect.p_inconsistent", "effect.estimate_off_centre", "events.percent_mismatch",
             "effect.p_flips_significance", "ci.reversed", "arm_size.sum_differs_from_total"]:
    row = examples.get(code)
    if row is None or row["record_id"] not in pool or shown == 3:
        continue
    shown += 1
    print(f"- `{code}` ({row['status']}), {row['record_id']}: \"{row['evidence']}\"")
