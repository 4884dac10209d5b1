//! The project's own regression test: `trialrex check fixtures/` over the real abstracts with
//! their hand-reviewed expected rows (`fixtures/**/NAME.expected.csv`). The sample exports of
//! `fixtures/formats/` (read by `tests/formats.rs`) and the interop inputs of
//! `fixtures/meta-analysis/` (read by `tests/interop.rs`) are left out.

use std::process::Command;

#[test]
fn trialrex_check_fixtures_passes() {
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex"))
        .args(["check", "fixtures/", "--exclude", "fixtures/formats", "--exclude", "fixtures/meta-analysis"])
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
