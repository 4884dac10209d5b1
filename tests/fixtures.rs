//! The project's own regression test: `trialrex check fixtures/` over the real abstracts with
//! their hand-reviewed expected rows (`fixtures/**/NAME.expected.csv`). Everything under
//! `fixtures/` has an expected file: the sample exports (read by `tests/formats.rs`) and the
//! interop inputs (read by `tests/interop.rs`) live in `tests/data/`, so the command needs no
//! `--exclude`.

use std::process::Command;

#[test]
fn trialrex_check_fixtures_passes() {
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex"))
        .args(["check", "fixtures/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "trialrex check fixtures/ found differences (bless with --bless after review):\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = stdout.lines().last().unwrap_or_default();
    assert!(summary.starts_with("8 files, 72 records, 0 differences"), "{summary}");
}
