//! `trialrex check` and `trialrex explain` on the seed record, through the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = "fixtures/ruers-2017-jnci.ris";
const SEED_ID: &str = "ruers-2017-jnci.ris#1";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn trialrex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trialrex")).current_dir(root()).args(args).output().expect("run trialrex")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `trialrex check ARGS... DIR` and returns its exit code and standard output.
fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let dir = dir.to_str().expect("utf-8 temp path");
    all.push(dir);
    let output = trialrex(&all);
    (output.status.code().expect("exit code"), stdout(&output))
}

/// A temporary folder holding a copy of the seed record file (and a README that is no record).
fn seed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(root().join(SEED), dir.path().join("ruers-2017-jnci.ris")).expect("copy seed");
    std::fs::write(dir.path().join("README.md"), "not a record file\n").expect("write README");
    dir
}

#[test]
fn check_blesses_passes_reports_a_changed_number_and_restores() {
    let dir = seed_folder();
    let expected = dir.path().join("ruers-2017-jnci.expected.csv");

    // No expected file yet: reported, exit 1, nothing written.
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("new: ") && out.contains("ruers-2017-jnci.ris (no expected file; run with --bless to create it)")
    );
    assert!(!out.contains("README"), "{out}");
    assert!(!expected.exists());

    // Bless writes exactly what `extract` writes.
    let (code, out) = check(dir.path(), &["--bless"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("wrote: ") && out.contains("ruers-2017-jnci.expected.csv"), "{out}");
    let blessed = std::fs::read(&expected).expect("expected file written");
    assert_eq!(blessed, trialrex(&["extract", SEED]).stdout);

    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().last(), Some("1 files, 1 records, 0 differences"));

    // One number changed in the expected file: exit 1, the record and the field are named.
    let text = String::from_utf8(blessed.clone()).unwrap();
    let changed = text.replacen(",0.58,0.38,", ",0.59,0.38,", 1);
    assert_ne!(changed, text, "the seed's HR row is no longer 0.58 [0.38, 0.88]");
    std::fs::write(&expected, &changed).unwrap();
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("record {SEED_ID}")), "{out}");
    assert!(out.contains("value: 0.59 → 0.58"), "{out}");
    assert!(out.contains("\"hazard ratio [HR] = 0.58"), "the evidence is shown: {out}");
    assert_eq!(out.lines().last(), Some("1 files, 1 records, 1 differences"));

    // Leaving the field out of the comparison passes; an unknown field is a usage error.
    let (code, out) = check(dir.path(), &["--ignore", "value,checks"]);
    assert_eq!(code, 0, "{out}");
    let (code, _) = check(dir.path(), &["--ignore", "valeu"]);
    assert_eq!(code, 2);

    // Bless restores the file, and the check passes again.
    let (code, out) = check(dir.path(), &["--bless"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("wrote: "), "{out}");
    assert_eq!(std::fs::read(&expected).unwrap(), blessed);
    let (code, out) = check(dir.path(), &["--bless"]);
    assert_eq!(code, 0);
    assert!(!out.contains("wrote: "), "an unchanged file is not rewritten: {out}");
}

#[test]
fn rows_missing_and_added_are_named() {
    let dir = seed_folder();
    let (code, _) = check(dir.path(), &["--bless"]);
    assert_eq!(code, 0);
    let expected = dir.path().join("ruers-2017-jnci.expected.csv");
    let text = std::fs::read_to_string(&expected).unwrap();
    let header = text.lines().next().unwrap();
    let row = text.lines().find(|l| l.contains(",effect,")).expect("the seed has an effect row");

    // A row the code no longer finds.
    let bogus = row.replacen(",effect,", ",median,", 1);
    std::fs::write(&expected, format!("{text}{bogus}\n")).unwrap();
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("missing median"), "{out}");

    // A row the code finds that is not expected.
    std::fs::write(&expected, format!("{header}\n")).unwrap();
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("added   effect 1162..1240"), "{out}");
}

#[test]
fn a_record_file_without_expected_file_fails_the_run() {
    let dir = seed_folder();
    assert_eq!(check(dir.path(), &["--bless"]).0, 0);
    let sub = dir.path().join("more");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("note.txt"), "Mortality was lower (HR 0.70, 95% CI 0.55 to 0.90).").unwrap();
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("note.txt (no expected file; run with --bless to create it)"), "{out}");
    assert!(out.lines().last().unwrap().starts_with("2 files, 2 records, 0 differences, 1 new"), "{out}");
}

#[test]
fn check_of_a_missing_folder_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(check(&dir.path().join("absent"), &[]).0, 2);
}

/// The row number written in subscript digits after a marker.
fn marker_number(digits: &str) -> usize {
    digits.chars().fold(0, |n, d| n * 10 + (d as usize - '₀' as usize))
}

#[test]
fn explain_marks_the_evidence_of_every_row() {
    let extractor = trialrex::Extractor::with_default_rules().unwrap();
    let seed = root().join(SEED);
    let rows: Vec<trialrex::Row> = trialrex::read::open(seed.to_str().unwrap(), None)
        .unwrap()
        .flat_map(|record| extractor.extract(&record.unwrap()))
        .collect();
    assert!(!rows.is_empty());

    let output = trialrex(&["explain", SEED, "--color", "never"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(!text.contains('\x1b'), "no colour when asked for none");
    assert!(text.starts_with(&format!("record {SEED_ID} ")), "{text}");

    // Every marker, as (byte offset, byte length, opens?, row number).
    let markers = regex::Regex::new("([⟦⟧])([₀-₉]+)").unwrap();
    let found: Vec<(usize, usize, bool, usize)> = markers
        .captures_iter(&text)
        .map(|c| {
            let whole = c.get(0).unwrap();
            (whole.start(), whole.len(), &c[1] == "⟦", marker_number(&c[2]))
        })
        .collect();
    for (index, row) in rows.iter().enumerate() {
        let number = index + 1;
        let open = found.iter().find(|m| m.2 && m.3 == number).unwrap_or_else(|| panic!("no ⟦ for row {number}"));
        let close = found.iter().find(|m| !m.2 && m.3 == number).unwrap_or_else(|| panic!("no ⟧ for row {number}"));
        let inside = &text[open.0 + open.1..close.0];
        assert_eq!(markers.replace_all(inside, ""), row.evidence, "row {number}");
        let listed = text
            .lines()
            .any(|line| line.split_whitespace().next() == Some(&number.to_string()) && line.ends_with(&row.rule));
        assert!(listed, "row {number} is listed with its rule:\n{text}");
    }

    let coloured = stdout(&trialrex(&["explain", SEED, "--color", "always"]));
    assert!(coloured.contains("\x1b[35m"), "effects are coloured");
    let one = trialrex(&["explain", SEED, "--record", SEED_ID, "--color", "never"]);
    assert_eq!(stdout(&one), text);
    assert_eq!(trialrex(&["explain", SEED, "--record", "no-such-id"]).status.code(), Some(2));
}
