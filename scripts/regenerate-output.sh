#!/usr/bin/env bash
# Regenerates the committed example outputs in output/ from the current rules:
#   output/seed.csv, output/seed.jsonl  from fixtures/ruers-2017-jnci.ris
#   output/corpus.csv                   from ../shared/corpus/pmc-rct-abstracts.jsonl
#                                       (gzipped as output/corpus.csv.gz once it passes 10 MB)
# Run it from anywhere after changing rules or finders, review `git diff output/`, commit.
# tests/output.rs fails while these files differ from what the code writes.
set -euo pipefail
cd "$(dirname "$0")/.."

# Paths stay relative to the crate root: record ids of files without ids name the file.
seed=fixtures/ruers-2017-jnci.ris
corpus=../shared/corpus/pmc-rct-abstracts.jsonl
limit=$((10 * 1024 * 1024))

cargo build --release --quiet
cargo run --release --quiet -- extract "$seed" -o output/seed.csv
cargo run --release --quiet -- extract "$seed" --format jsonl -o output/seed.jsonl

if [ -f "$corpus" ]; then
    cargo run --release --quiet -- extract "$corpus" -o output/corpus.csv
    if [ "$(wc -c < output/corpus.csv)" -gt "$limit" ]; then
        # -n: no name or time stamp in the header, so the same rows give the same bytes.
        gzip -n -9 -f output/corpus.csv
    else
        rm -f output/corpus.csv.gz
    fi
else
    echo "note: $corpus not found; output/corpus.csv left as it is" >&2
fi
