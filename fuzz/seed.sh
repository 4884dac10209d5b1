#!/usr/bin/env bash
# Seeds the fuzz corpora: fuzz/corpus/<target>/ from ../shared/formats/ and the shared corpus.
#
# read:    each sample export, prefixed with the byte that selects its format (see
#          fuzz_targets/read.rs), plus a copy prefixed with 9 so the sniffer reads it too.
# extract: the seed abstract and every 10th abstract of the corpus, one file each.
#
# Corpora are not committed (.gitignore has /fuzz/corpus). Usage: fuzz/seed.sh [SHARED_DIR]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
crate="$(dirname "$here")"
shared="${1:-$crate/../shared}"
if [[ ! -d "$shared" ]]; then
    echo "seed.sh: $shared not found; nothing to seed" >&2
    exit 0
fi

mkdir -p "$here/corpus/read" "$here/corpus/extract"

# Selector bytes, in the order of FORMATS in fuzz_targets/read.rs.
declare -A selector=(
    [ris]=0 [ovid_tagged]=0 [wos_tagged]=0 [nbib]=1 [pubmed_xml]=2 [jats]=2
    [endnote_xml]=3 [bibtex]=4 [csv]=5
)
# libFuzzer's default -max_len is 4096 bytes for a fresh corpus unless seeds are longer; keep
# seeds to their first 64 KiB so runs stay fast while still holding several whole records.
max_seed=65536
for dir in "$shared"/formats/*/; do
    name="$(basename "$dir")"
    sel="${selector[$name]:-8}"
    for file in "$dir"*; do
        [[ -f "$file" ]] || continue
        base="$(basename "$file")"
        [[ "$base" == *.md ]] && continue
        for s in "$sel" 9; do
            out="$here/corpus/read/$name-$s-$base"
            { printf "\\x$(printf %02x "$s")"; head -c "$max_seed" "$file"; } > "$out"
        done
    done
done
# The seed record (flattened RIS), under RIS and the sniffer.
for s in 0 9; do
    { printf "\\x$(printf %02x "$s")"; cat "$crate/fixtures/ruers-2017-jnci.ris"; } > "$here/corpus/read/seed-$s.ris"
done
# JSONL: the first few corpus lines.
if [[ -f "$shared/corpus/pmc-rct-abstracts.jsonl" ]]; then
    { printf '\x07'; head -n 20 "$shared/corpus/pmc-rct-abstracts.jsonl"; } > "$here/corpus/read/corpus-7.jsonl"
    python3 - "$shared/corpus/pmc-rct-abstracts.jsonl" "$here/corpus/extract" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i % 10:
            continue
        try:
            text = json.loads(line).get("abstract") or ""
        except ValueError:
            continue
        if text:
            with open(f"{out}/corpus-{i:05d}.txt", "w", encoding="utf-8") as g:
                g.write(text)
PY
fi
sed -n 's/.* N2 - \(.*\) KW - phase.*/\1/p' "$crate/fixtures/ruers-2017-jnci.ris" > "$here/corpus/extract/seed.txt"
echo "seeded: $(ls "$here/corpus/read" | wc -l) read inputs, $(ls "$here/corpus/extract" | wc -l) extract inputs"
