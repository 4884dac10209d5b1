//! Micro-benchmarks of the pipeline's steps on one record: read, normalise, extract.
//!
//! `cargo bench --bench pipeline` runs them; `scripts/bench.sh` measures whole-file throughput.
//! Abstracts come from the seed fixture (in the crate) and, when `../shared/corpus` is present,
//! a few corpus abstracts of different lengths; without it those benchmarks are skipped.

use std::hint::black_box;
use std::io::Cursor;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use trialrex::normalise::Normalised;
use trialrex::read::{self, Format, Input};
use trialrex::{Extractor, Record};

/// The seed record, an RIS export flattened onto one line.
const SEED_RIS: &str = include_str!("../fixtures/ruers-2017-jnci.ris");

/// The corpus shared between the project's worktrees, relative to the crate root.
const CORPUS: &str = "../shared/corpus/pmc-rct-abstracts.jsonl";

/// Corpus abstracts benchmarked besides the seed: every this-many-th line, up to `CORPUS_PICKS`.
const CORPUS_STRIDE: usize = 500;
const CORPUS_PICKS: usize = 4;

/// The seed's abstract: the text after `N2 - ` up to the next RIS tag.
fn seed_abstract() -> String {
    let start = SEED_RIS.find(" N2 - ").map(|at| at + " N2 - ".len()).unwrap_or(0);
    let rest = &SEED_RIS[start..];
    let end = rest.find(" KW - ").unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The seed as a JSON Lines record, for when the RIS reader is not available.
fn seed_jsonl() -> String {
    let line = serde_json::json!({
        "id": "ruers-2017-jnci",
        "title": "Local treatment of unresectable colorectal liver metastases",
        "abstract": seed_abstract(),
    });
    format!("{line}\n")
}

/// A few `(id, abstract)` pairs from the corpus, or none when it is missing.
fn corpus_abstracts() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} not found; corpus benchmarks skipped", path.display());
        return Vec::new();
    };
    text.lines()
        .step_by(CORPUS_STRIDE)
        .filter_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).ok()?;
            let id = value.get("id")?.as_str()?.to_string();
            let abstract_text = value.get("abstract")?.as_str()?.to_string();
            Some((id, abstract_text))
        })
        .take(CORPUS_PICKS)
        .collect()
}

fn input_of(bytes: &'static [u8]) -> Input {
    Box::new(Cursor::new(bytes))
}

/// Reads every record of `bytes` as `format`; returns how many were read without error.
fn read_all(bytes: &'static [u8], format: Format) -> usize {
    read::read(input_of(bytes), "bench", format).filter(|r| r.is_ok()).count()
}

fn bench_read(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    // Until the RIS reader lands, `read` yields only an error for RIS; the benchmark still runs
    // (it then measures the error path) and says so, so the numbers are not mistaken.
    if read_all(SEED_RIS.as_bytes(), Format::Ris) == 0 {
        eprintln!("note: the RIS reader returned no record; read/ris_seed measures its error path");
    }
    group.throughput(Throughput::Bytes(SEED_RIS.len() as u64));
    group.bench_function("ris_seed", |b| b.iter(|| read_all(black_box(SEED_RIS.as_bytes()), Format::Ris)));

    let jsonl: &'static str = Box::leak(seed_jsonl().into_boxed_str());
    group.throughput(Throughput::Bytes(jsonl.len() as u64));
    group.bench_function("jsonl_seed", |b| b.iter(|| read_all(black_box(jsonl.as_bytes()), Format::Jsonl)));
    group.finish();
}

fn bench_normalise(c: &mut Criterion) {
    let mut group = c.benchmark_group("normalise");
    let seed = seed_abstract();
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("seed", |b| b.iter(|| Normalised::new(black_box(&seed))));
    for (id, text) in corpus_abstracts() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(id, |b| b.iter(|| Normalised::new(black_box(&text))));
    }
    group.finish();
}

fn bench_extract(c: &mut Criterion) {
    let extractor = match Extractor::with_default_rules() {
        Ok(extractor) => extractor,
        Err(err) => panic!("the embedded rules do not compile: {err}"),
    };
    let mut group = c.benchmark_group("extract");
    let seed = Record { native_id: Some("seed".into()), abstract_text: seed_abstract(), ..Record::default() };
    group.throughput(Throughput::Bytes(seed.abstract_text.len() as u64));
    group.bench_function("seed", |b| b.iter(|| extractor.extract(black_box(&seed))));
    for (id, text) in corpus_abstracts() {
        let record = Record { native_id: Some(id.clone()), abstract_text: text, ..Record::default() };
        group.throughput(Throughput::Bytes(record.abstract_text.len() as u64));
        group.bench_function(id, |b| b.iter(|| extractor.extract(black_box(&record))));
    }
    group.finish();

    // The rule set is compiled once per run; this shows what that costs.
    let mut group = c.benchmark_group("rules");
    group.sample_size(10);
    group.bench_function("compile_embedded", |b| {
        b.iter_batched(|| (), |()| Extractor::with_default_rules().is_ok(), BatchSize::SmallInput)
    });
    group.finish();
}

criterion_group!(benches, bench_read, bench_normalise, bench_extract);
criterion_main!(benches);
