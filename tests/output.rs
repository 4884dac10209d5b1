//! The committed outputs in `output/` are what the code writes now.
//!
//! Each file is regenerated in memory with the `trialrex` binary, exactly as
//! `scripts/regenerate-output.sh` runs it (same arguments, from the crate root), and compared
//! byte for byte. When rules change, run the script, review `git diff output/` and commit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const REGENERATE: &str = "scripts/regenerate-output.sh";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `trialrex extract ARGS...` from the crate root and returns its standard output.
fn extract(args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex"))
        .current_dir(root())
        .arg("extract")
        .args(args)
        .output()
        .expect("run trialrex");
    assert!(
        output.status.success(),
        "trialrex extract {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The committed file's bytes, decompressed when it is gzipped.
fn committed(path: &Path) -> Vec<u8> {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}; run {REGENERATE} to create it", path.display()));
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text).expect("gunzip");
        text
    } else {
        bytes
    }
}

/// Fails, naming the first differing line, when `now` is not what `path` holds.
fn assert_current(path: &Path, now: &[u8]) {
    let before = committed(path);
    if before == now {
        return;
    }
    let (before, now) = (String::from_utf8_lossy(&before), String::from_utf8_lossy(now));
    let (mut old_lines, mut new_lines) = (before.lines(), now.lines());
    let mut line = 1;
    let first = loop {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (a, b) => break (a.unwrap_or("(end of file)").to_string(), b.unwrap_or("(end of output)").to_string()),
        }
    };
    panic!(
        "{} is stale: it differs from the current output at line {line}\n  committed: {}\n  now:       {}\n\
         ({} lines committed, {} now). Run {REGENERATE}, review `git diff output/` and commit.",
        path.display(),
        first.0,
        first.1,
        before.lines().count(),
        now.lines().count(),
    );
}

#[test]
fn seed_csv_is_current() {
    assert_current(&root().join("output/seed.csv"), &extract(&["fixtures/ruers-2017-jnci.ris"]));
}

#[test]
fn seed_jsonl_is_current() {
    assert_current(&root().join("output/seed.jsonl"), &extract(&["fixtures/ruers-2017-jnci.ris", "--format", "jsonl"]));
}

#[test]
fn corpus_csv_is_current() {
    let corpus = "../shared/corpus/pmc-rct-abstracts.jsonl";
    if !root().join(corpus).exists() {
        println!("note: {corpus} not found; output/corpus.csv not checked");
        return;
    }
    let plain = root().join("output/corpus.csv");
    let gzipped = root().join("output/corpus.csv.gz");
    assert!(
        !(plain.exists() && gzipped.exists()),
        "both output/corpus.csv and output/corpus.csv.gz exist; run {REGENERATE}"
    );
    let path = if gzipped.exists() { gzipped } else { plain };
    assert_current(&path, &extract(&[corpus]));
}
