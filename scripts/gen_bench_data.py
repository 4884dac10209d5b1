#!/usr/bin/env python3
"""Builds large benchmark inputs for scripts/bench.sh from the shared corpus and sample exports.

    gen_bench_data.py jsonl CORPUS.jsonl OUT.jsonl MEGABYTES [--exclude ID,ID...]
    gen_bench_data.py ris CORPUS.jsonl OUT.ris MEGABYTES [--exclude ID,ID...]
    gen_bench_data.py ris-real OUT.ris MEGABYTES FILE...

`jsonl` and `ris` replicate the corpus (each copy's ids get a `-<copy>` suffix so no two records
share an id) until the output holds at least MEGABYTES megabytes (10^6 bytes). `ris` writes
records as a database export does: TY, a dozen or so AU lines, TI, JO, PY, several KW, AB, DO,
ER; authors, keywords and DOIs are made up, deterministically. `ris-real` concatenates real
export files (BOMs dropped, a blank line between files) until the size is reached.
`--exclude` leaves corpus records out by id (bench.sh uses it for records that crash a build).

Prints `<records> <bytes>` on standard output: the record count is what throughput divides by.
Only the standard library is used; the output is the same on every run.
"""

import json
import random
import sys

SURNAMES = [
    "Smith", "García", "Müller", "Nguyen", "O'Brien", "Kowalski", "Rossi", "Dubois", "Andersson",
    "Yamamoto", "Chen", "Papadopoulos", "van der Berg", "Ødegaard", "Silva", "Novák", "Ivanova",
]
GIVEN = ["J", "M", "A", "K", "L", "S", "P", "R", "E", "H", "Y", "T"]
KEYWORDS = [
    "randomized controlled trial", "double-blind method", "treatment outcome", "humans",
    "female", "male", "middle aged", "aged", "adult", "follow-up studies", "survival analysis",
    "proportional hazards models", "placebos", "drug therapy, combination", "quality of life",
]
JOURNALS = ["Trials", "BMC Medicine", "PLoS One", "BMJ Open", "Lancet Oncol", "J Clin Oncol"]


def corpus(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def ris_record(rng, record, rid):
    lines = ["TY  - JOUR"]
    for _ in range(rng.randint(3, 18)):
        tag = "AU" if rng.random() < 0.8 else "A1"
        lines.append(f"{tag}  - {rng.choice(SURNAMES)}, {rng.choice(GIVEN)}{rng.choice(GIVEN)}")
    lines.append(f"TI  - {record.get('title') or ''}")
    lines.append(f"JO  - {rng.choice(JOURNALS)}")
    lines.append(f"PY  - {rng.randint(1995, 2024)}")
    for keyword in rng.sample(KEYWORDS, rng.randint(3, 8)):
        lines.append(f"KW  - {keyword}")
    lines.append(f"AB  - {record.get('abstract') or ''}")
    lines.append(f"ID  - {rid}")
    lines.append(f"DO  - 10.{rng.randint(1000, 9999)}/bench.{rid.lower()}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n\n"


def replicate(kind, source, out_path, megabytes, exclude=()):
    records = [r for r in corpus(source) if r.get("id") not in exclude]
    target = megabytes * 1_000_000
    rng = random.Random(2017)
    written = count = copy = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        while written < target:
            copy += 1
            for record in records:
                rid = f"{record.get('id', 'rec')}-{copy}"
                if kind == "jsonl":
                    text = json.dumps(
                        {"id": rid, "title": record.get("title"), "abstract": record.get("abstract")},
                        ensure_ascii=False,
                    ) + "\n"
                else:
                    text = ris_record(rng, record, rid)
                data = text.encode("utf-8")
                out.write(text)
                written += len(data)
                count += 1
                if written >= target:
                    break
    return count, written


def ris_real(out_path, megabytes, files):
    target = megabytes * 1_000_000
    chunks = []
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        chunks.append(data.rstrip(b"\r\n") + b"\n\n")
    if not chunks:
        raise SystemExit("ris-real: no input files")
    written = 0
    with open(out_path, "wb") as out:
        while written < target:
            for chunk in chunks:
                out.write(chunk)
                written += len(chunk)
    # Records are counted by the readers themselves; -1 says "not known here".
    return -1, written


def main(argv):
    if len(argv) >= 5 and argv[1] in ("jsonl", "ris"):
        exclude = set()
        if len(argv) >= 7 and argv[5] == "--exclude":
            exclude = {i for i in argv[6].split(",") if i}
        count, size = replicate(argv[1], argv[2], argv[3], int(argv[4]), exclude)
    elif len(argv) >= 5 and argv[1] == "ris-real":
        count, size = ris_real(argv[2], int(argv[3]), argv[4:])
    else:
        sys.stderr.write(__doc__)
        return 2
    print(count, size)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
