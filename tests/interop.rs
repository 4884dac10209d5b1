//! Interoperability: what trialrex writes is read as it is by R (metafor) and Python (csv).
//!
//! Each test skips, saying so, when its interpreter is missing — except under CI (`CI` set),
//! where `.ci/run` installs R, metafor and Python and a missing one is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `program` runs; under CI a missing program fails the test.
fn available(program: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{program} is missing under CI: .ci/run must install it");
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// Runs `trialrex ARGS` and returns its stdout.
fn trialrex(args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex")).args(args).current_dir(root()).output().unwrap();
    assert!(output.status.success(), "trialrex {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn metafor_pools_extracted_hazard_ratios_to_the_hand_typed_estimate() {
    if !available("Rscript") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv =
        write_temp(dir.path(), "rows.csv", &trialrex(&["extract", "tests/data/meta-analysis/hazard-ratios.jsonl"]));
    let output = Command::new("Rscript").arg("tests/interop/pool.R").arg(&csv).current_dir(root()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "R failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("extracted rows pool to the hand-typed estimate"), "{stdout}");
    eprintln!("{stdout}");
}

#[test]
fn metafor_escalc_and_rma_read_the_escalc_pairs_as_they_are() {
    if !available("Rscript") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex"))
        .args(["extract", "tests/data/meta-analysis/two-by-two.jsonl", "--format", "escalc"])
        .current_dir(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("12 pairs written, 1 incomplete pairs left out"), "{stderr}");
    let csv = write_temp(dir.path(), "pairs.csv", &output.stdout);
    let output = Command::new("Rscript").arg("tests/interop/escalc.R").arg(&csv).current_dir(root()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "R failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("escalc pairs pool to the hand-typed tables"), "{stdout}");
    eprintln!("{stdout}");
}

#[test]
fn python_csv_reads_rows_and_records_back_unchanged() {
    if !available("python3") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture = "tests/data/meta-analysis/csv-roundtrip.csv";
    for (mode, command) in [("rows", "extract"), ("records", "records")] {
        let csv = write_temp(dir.path(), &format!("{mode}.csv"), &trialrex(&[command, fixture]));
        let jsonl =
            write_temp(dir.path(), &format!("{mode}.jsonl"), &trialrex(&[command, fixture, "--format", "jsonl"]));
        let output = Command::new("python3")
            .args(["tests/interop/roundtrip.py", mode, &csv, &jsonl])
            .current_dir(root())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "python round trip of {mode} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
