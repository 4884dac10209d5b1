//! From rows to a meta-analysis (issue 15), through the command line on real records: study
//! labels, duplicates, decisions, and CSV/JSON Lines that tools read as they are.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn trialrex(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex")).args(args).current_dir(root()).output().unwrap();
    assert!(output.status.success(), "trialrex {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// The CSV rows as maps from column name to cell.
fn csv_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect()).collect()
}

const SEED: &str = "fixtures/ruers-2017-jnci.ris";
const BIBLIOGRAPHY: &str = "fixtures/duplicates/bibliography.ris";

#[test]
fn the_seed_rows_carry_study_source_and_primary() {
    let rows = csv_rows(&trialrex(&["extract", SEED]).stdout);
    assert_eq!(rows.len(), 18);
    assert!(rows.iter().all(|row| row["study"] == "Ruers 2017" && row["source"] == "ruers-2017-jnci.ris"));
    // "the primary end point (30-month overall survival [OS] > 38%)": every OS row is primary.
    let hr = rows.iter().find(|row| row["measure"] == "HR").unwrap();
    assert_eq!(
        (hr["endpoint"].as_str(), hr["primary"].as_str(), hr["adjusted"].as_str()),
        ("overall survival (OS)", "TRUE", "FALSE")
    );
    let deaths = rows.iter().find(|row| row["kind"] == "events").unwrap();
    assert_eq!((deaths["endpoint"].as_str(), deaths["primary"].as_str()), ("died", ""));
    let headers: Vec<String> = csv::Reader::from_reader(&trialrex(&["extract", SEED]).stdout[..])
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(headers[headers.len() - 3..], ["study", "source", "primary"]);
}

#[test]
fn json_lines_write_counts_as_integers_and_flags_as_booleans() {
    let output = trialrex(&["extract", SEED, "--format", "jsonl"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains(r#""events":92,"n":119,"#), "{text}");
    assert!(!text.contains("119.0"));
    let hr: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .find(|r: &serde_json::Value| r["measure"] == "HR")
        .unwrap();
    assert_eq!(hr["adjusted"], serde_json::Value::Bool(false));
    assert_eq!(hr["primary"], serde_json::Value::Bool(true));
    assert_eq!(hr["study"], "Ruers 2017");
}

#[test]
fn a_duplicate_in_a_bibliography_is_flagged_counted_and_left_out_with_dedupe() {
    let output = trialrex(&["extract", BIBLIOGRAPHY]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.trim_end().ends_with("3 records, 42 rows, 0 errors, 0 warnings, 1 duplicates"), "{stderr}");
    let rows = csv_rows(&output.stdout);
    let copy: Vec<_> = rows.iter().filter(|row| row["record_id"] == "bibliography.ris#3").collect();
    assert_eq!(copy.len(), 18);
    for row in &copy {
        assert!(row["checks"].split(';').any(|c| c == "record.duplicate:10.1093/jnci/djx015"), "{}", row["checks"]);
        assert_ne!(row["status"], "valid");
        assert_eq!(row["study"], "Ruers 2017");
    }
    let first: Vec<_> = rows.iter().filter(|row| row["record_id"] == "10.1093/jnci/djx015").collect();
    assert!(first.iter().all(|row| !row["checks"].contains("record.duplicate")));

    let deduped = trialrex(&["extract", BIBLIOGRAPHY, "--dedupe"]);
    let rows = csv_rows(&deduped.stdout);
    assert_eq!(rows.len(), 42 - 18);
    assert!(rows.iter().all(|row| row["record_id"] != "bibliography.ris#3"));
    assert!(String::from_utf8_lossy(&deduped.stderr).contains("24 rows, 0 errors, 0 warnings, 1 duplicates"));

    // Across files: the seed read first makes both copies in the bibliography duplicates.
    let both = trialrex(&["extract", SEED, BIBLIOGRAPHY, "--dedupe"]);
    let rows = csv_rows(&both.stdout);
    assert_eq!(rows.iter().filter(|row| row["study"] == "Ruers 2017").count(), 18);
    assert!(String::from_utf8_lossy(&both.stderr).contains("2 duplicates"));
}

#[test]
fn decisions_drop_rejected_rows_and_mark_corrected_ones() {
    let dir = tempfile::tempdir().unwrap();
    let decisions = dir.path().join("decisions.csv");
    // The HR row (0.58 at 1319..1407 in the seed) corrected, the first arm size rejected.
    let rows = csv_rows(&trialrex(&["extract", SEED]).stdout);
    let hr = rows.iter().find(|row| row["measure"] == "HR").unwrap();
    let arm = &rows[0];
    std::fs::write(
        &decisions,
        format!(
            "record_id,start,end,kind,decision,corrected value\n{},{},{},effect,edit,0.60\n{},{},{},arm_size,reject,\n{},{},{},effect,accept,\n",
            hr["record_id"], hr["start"], hr["end"], arm["record_id"], arm["start"], arm["end"], "other", 1, 2
        ),
    )
    .unwrap();
    let decided = csv_rows(&trialrex(&["extract", SEED, "--decisions", decisions.to_str().unwrap()]).stdout);
    assert_eq!(decided.len(), 17);
    let edited = decided.iter().find(|row| row["measure"] == "HR").unwrap();
    assert_eq!(edited["value"], "0.60");
    assert_eq!(edited["rule"], format!("{}+edited", hr["rule"]));
    assert!((edited["yi"].parse::<f64>().unwrap() - 0.6f64.ln()).abs() < 1e-12);
    assert!(!decided.iter().any(|row| row["start"] == arm["start"] && row["kind"] == "arm_size"));

    std::fs::write(&decisions, "record_id,start,end,kind,decision,corrected value\nx,1,2,effect,maybe,\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex"))
        .args(["extract", SEED, "--decisions", decisions.to_str().unwrap()])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 2"), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_formula_guard_applies_to_text_cells_of_rows_and_records_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("attack.jsonl");
    let abstract_text = "Overall survival was longer with the drug (hazard ratio [HR] = 0.58, 95% CI 0.38 to 0.88, P = .01); the mean difference was -2.3 (95% CI -4.1 to -0.5).";
    let line = serde_json::json!({"id": "=HYPERLINK(\"http://x\")", "title": "@SUM(A1)", "abstract": abstract_text});
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let input = input.to_str().unwrap();
    for command in ["extract", "records"] {
        let guarded = csv_rows(&trialrex(&[command, input]).stdout);
        let raw = csv_rows(&trialrex(&[command, input, "--no-formula-guard"]).stdout);
        assert_eq!(guarded.len(), raw.len());
        for (guarded, raw) in guarded.iter().zip(&raw) {
            for (name, cell) in raw {
                let safe = &guarded[name];
                // p_op is one of five operators, never free text: it stays as R reads it.
                if name != "p_op" && cell.starts_with(['=', '+', '-', '@']) && cell.parse::<f64>().is_err() {
                    assert_eq!(*safe, format!("'{cell}"), "{command} {name}");
                } else {
                    assert_eq!(safe, cell, "{command} {name}: numbers and plain text never change");
                }
            }
        }
        let id = if command == "extract" { "record_id" } else { "id" };
        assert_eq!(guarded[0][id], "'=HYPERLINK(\"http://x\")");
    }
    let rows = csv_rows(&trialrex(&["extract", input]).stdout);
    let md = rows.iter().find(|row| row["measure"] == "MD").expect("the mean difference");
    assert_eq!((md["value"].as_str(), md["lower"].as_str()), ("-2.3", "-4.1"));
    assert_eq!(md["study"], "'=HYPERLINK(\"http://x\")");
}

#[test]
fn the_table_shows_the_columns_asked_for() {
    let output = trialrex(&["extract", SEED, "--format", "table", "--columns", "kind,value,yi,sei,checks,study"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["kind", "value", "yi", "sei", "checks", "study"]);
    assert!(text
        .lines()
        .any(|line| line.starts_with("effect") && line.contains("-0.54") && line.contains("Ruers 2017")));
    let bad = Command::new(env!("CARGO_BIN_EXE_trialrex"))
        .args(["extract", SEED, "--format", "table", "--columns", "kind,nope"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown column `nope`"));
}
