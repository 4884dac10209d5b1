#!/usr/bin/env python3
"""Builds fixtures/abstracts/ from ../shared: real trial abstracts (PMC open access, via the
Evidence Inference corpus) packed into the input formats trialrex reads, chosen to cover every
kind of row and abstracts that should give nothing. Run once; the expected files beside them
are made with `trialrex check fixtures/ --bless` and reviewed by hand.

Usage: python3 scripts/make_fixtures.py"""
import csv
import json
import os
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
OUT = os.path.join(ROOT, "fixtures", "abstracts")


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


gold = {o["id"]: o for o in load_jsonl(os.path.join(SHARED, "gold-dev", "gold-dev.jsonl"))}
abstracts = {o["id"]: o for o in load_jsonl(os.path.join(SHARED, "gold-dev", "abstracts.jsonl"))}
corpus = {o["id"]: o for o in load_jsonl(os.path.join(SHARED, "corpus", "pmc-rct-abstracts.jsonl"))}
pool = set(open(os.path.join(SHARED, "corpus", "dev-pool.txt")).read().split())


def kinds(pid):
    return {r["kind"] for r in gold[pid]["rows"]}


ids = sorted(gold)
with_effect = [i for i in ids if "effect" in kinds(i)]
with_time = [i for i in ids if kinds(i) & {"survival", "median"} and i not in with_effect[:24]]
counts_only = [i for i in ids if kinds(i) and kinds(i) <= {"arm_size", "events"}]
empty = [i for i in ids if not kinds(i)]

groups = {
    "effects-a.ris": with_effect[:12],
    "effects-b.nbib": with_effect[12:24],
    "survival-median.xml": with_time[:12],
    "arms-events.csv": counts_only[::3][:12],
}

# Dev-pool abstracts (no gold) for measures the gold set has few of: MD, SMD, RD, IRR, OR.
def mentions(text, words):
    return any(w in text for w in words)


shapes = [
    ("mean difference", "MD"), ("effect size", "SMD"), ("risk difference", "RD"),
    ("rate ratio", "IRR"), ("odds ratio", "OR"), ("relative risk", "RR"),
]
picked = []
for phrase, _ in shapes:
    hits = sorted(i for i in pool if i in corpus and i not in gold and phrase in corpus[i]["abstract"].lower())
    picked.extend(h for h in hits[:2] if h not in picked)
groups["measures.jsonl"] = picked
no_numbers = sorted(i for i in pool if i in corpus and i not in gold and "95%" not in corpus[i]["abstract"]
                    and not any(ch.isdigit() for ch in corpus[i]["abstract"]))[:3]
groups["nothing.jsonl"] = empty + no_numbers


def record(pid):
    return abstracts.get(pid) or corpus[pid]


def write_ris(path, pids):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for pid in pids:
            r = record(pid)
            f.write(f"TY  - JOUR\r\nID  - {pid}\r\nTI  - {r['title']}\r\nAB  - {r['abstract']}\r\nER  - \r\n\r\n")


def write_nbib(path, pids):
    def wrap(tag, text):
        words, lines, line = text.split(), [], ""
        for w in words:
            if line and len(line) + 1 + len(w) > 82:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
        return f"{tag:<4}- " + "\n      ".join(lines) + "\n"

    with open(path, "w", encoding="utf-8") as f:
        for pid in pids:
            r = record(pid)
            f.write(f"PMC - {pid}\n" + wrap("TI", r["title"]) + wrap("AB", r["abstract"]) + "\n")


def write_pubmed_xml(path, pids):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n')
        for pid in pids:
            r = record(pid)
            f.write(f"<PubmedArticle><MedlineCitation><Article>"
                    f"<ArticleTitle>{escape(r['title'])}</ArticleTitle><Abstract><AbstractText>"
                    f"{escape(r['abstract'])}</AbstractText></Abstract></Article></MedlineCitation>"
                    f"<PubmedData><ArticleIdList><ArticleId IdType=\"pmc\">{pid}</ArticleId></ArticleIdList>"
                    f"</PubmedData></PubmedArticle>\n")
        f.write("</PubmedArticleSet>\n")


def write_csv(path, pids):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "Title", "Abstract"])
        for pid in pids:
            r = record(pid)
            w.writerow([pid, r["title"], r["abstract"]])


def write_jsonl(path, pids):
    with open(path, "w", encoding="utf-8") as f:
        for pid in pids:
            r = record(pid)
            f.write(json.dumps({"id": pid, "title": r["title"], "abstract": r["abstract"]}, ensure_ascii=False) + "\n")


writers = {".ris": write_ris, ".nbib": write_nbib, ".xml": write_pubmed_xml, ".csv": write_csv, ".jsonl": write_jsonl}
os.makedirs(OUT, exist_ok=True)
total = 0
for name, pids in groups.items():
    writers[os.path.splitext(name)[1]](os.path.join(OUT, name), pids)
    total += len(pids)
    print(f"{name}: {len(pids)} records: {' '.join(pids)}")
print(f"{total} records")
