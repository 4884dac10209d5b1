"""Reads trialrex's CSV with Python's csv module and the same output as JSON Lines with json,
and checks that every text field round-trips: quotes, commas, newlines and non-ASCII included.
Usage: python3 roundtrip.py rows|records out.csv out.jsonl"""
import csv
import json
import sys



def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


mode, csv_path, jsonl_path = sys.argv[1:4]
with open(csv_path, newline="", encoding="utf-8") as f:
    csv_rows = list(csv.DictReader(f))
with open(jsonl_path, encoding="utf-8") as f:
    json_rows = [json.loads(line) for line in f]

fields = ("record_id", "evidence", "endpoint", "arm", "rule") if mode == "rows" else ("id", "title", "abstract")
text_field = "evidence" if mode == "rows" else "abstract"
assert len(csv_rows) == len(json_rows) > 0, (len(csv_rows), len(json_rows))
for c, j in zip(csv_rows, json_rows):
    assert list(c.keys()) == list(j.keys()), (list(c.keys()), list(j.keys()))
    for field in fields:
        expected = j[field] or ""
        got = c[field]
        # Text cells a spreadsheet would read as formulas get an apostrophe; numbers never do.
        if expected[:1] in ("=", "+", "-", "@") and not is_number(expected):
            expected = "'" + expected
        assert got == expected, (field, got, expected)
quote, newline = '"', "\n"
counts = {name: sum(ch in r[text_field] for r in json_rows) for name, ch in (("quotes", quote), ("commas", ","), ("newlines", newline))}
counts["non-ASCII"] = sum(not r[text_field].isascii() for r in json_rows)
required = ("commas", "newlines", "non-ASCII") if mode == "rows" else ("quotes", "commas", "newlines", "non-ASCII")
assert all(counts[name] for name in required), counts
print(f"python csv: {len(csv_rows)} {mode} round-trip, {text_field} with " + ", ".join(f"{k} {v}" for k, v in counts.items()))
