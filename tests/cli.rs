//! The command line as a user meets it: the seed's row, output formats, `-o`, exit codes and
//! the summary line.

use std::path::PathBuf;
use std::process::{Command, Output};

fn trialrex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trialrex")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SEED: &str = "fixtures/ruers-2017-jnci.ris";

#[test]
fn the_seed_gives_its_hazard_ratio_as_csv_and_jsonl() {
    let csv = trialrex(&["extract", SEED]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let effect = reader.records().map(|r| r.unwrap()).find(|r| r.get(1) == Some("effect")).expect("an effect row");
    let field = |name: &str| effect.get(header.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!(
        ["measure", "value", "lower", "upper", "ci_level", "p_op", "p_value"].map(field),
        ["HR", "0.58", "0.38", "0.88", "95", "=", "0.01"]
    );
    assert_eq!(field("record_id"), "ruers-2017-jnci.ris#1");
    assert!(stderr(&csv).trim_end().ends_with("1 records, ") || stderr(&csv).contains("1 records,"));

    let jsonl = trialrex(&["extract", SEED, "--format", "jsonl"]);
    let row: serde_json::Value = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["kind"] == "effect")
        .unwrap();
    assert_eq!(row["measure"], "HR");
    assert_eq!(row["value"], 0.58);
    assert_eq!(row["p_value"], 0.01);
    // start/end slice the abstract (code points) to exactly the evidence.
    let records = trialrex(&["records", SEED, "--format", "jsonl"]);
    let record: serde_json::Value = serde_json::from_str(stdout(&records).lines().next().unwrap()).unwrap();
    let abstract_chars: Vec<char> = record["abstract"].as_str().unwrap().chars().collect();
    let (start, end) = (row["start"].as_u64().unwrap() as usize, row["end"].as_u64().unwrap() as usize);
    assert_eq!(abstract_chars[start..end].iter().collect::<String>(), row["evidence"].as_str().unwrap());
}

#[test]
fn output_file_is_written_whole_and_special_files_directly() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("rows.csv");
    let output = trialrex(&["extract", SEED, "-o", &target.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("record_id,kind,"));
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(leftovers, vec![target], "no temporary file is left behind");
    assert_eq!(trialrex(&["extract", SEED, "-o", "/dev/null"]).status.code(), Some(0));
}

#[test]
fn exit_codes_and_the_summary_line() {
    let missing = trialrex(&["extract", "no/such/file.ris"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no/such/file.ris"));
    assert!(stderr(&missing).contains("0 records, 0 rows, 1 errors"));

    assert_eq!(trialrex(&["extract", "--format", "yaml", SEED]).status.code(), Some(2));
    assert_eq!(trialrex(&[]).status.code(), Some(2));

    // One broken JSONL line among good ones: the others still come out, exit 1, line named.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"a\",\"abstract\":\"Death (HR 0.70, 95% CI 0.50-0.98).\"}\n{\"id\": broken\n{\"id\":\"c\",\"abstract\":\"\"}\n",
    )
    .unwrap();
    let mixed = trialrex(&["extract", &file.to_string_lossy()]);
    assert_eq!(mixed.status.code(), Some(1));
    let err = stderr(&mixed);
    assert!(err.contains("mixed.jsonl: record 2, line 2"), "{err}");
    assert!(err.contains("record c has no abstract"), "{err}");
    assert!(err.trim_end().ends_with("3 records, 1 rows, 1 errors"), "{err}");
    assert_eq!(stdout(&mixed).lines().count(), 2);
}

#[test]
fn the_whole_corpus_is_read() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pmc-rct-abstracts.jsonl");
    if !corpus.exists() {
        eprintln!("skipped: ../shared/corpus is not there");
        return;
    }
    let output = trialrex(&["extract", &corpus.to_string_lossy(), "-o", "/dev/null"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("3253 records,"), "{}", stderr(&output));
}

#[test]
fn runs_are_byte_identical_whatever_the_threads() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pmc-rct-abstracts.jsonl");
    let input = if corpus.exists() { corpus.to_string_lossy().into_owned() } else { SEED.to_string() };
    let one = trialrex(&["extract", &input, "--threads", "1"]);
    let two = trialrex(&["extract", &input, "--threads", "2"]);
    let again = trialrex(&["extract", &input, "--threads", "2", "--format", "csv"]);
    assert_eq!(one.status.code(), Some(0));
    assert!(one.stdout.len() > 1000, "some rows were written");
    assert!(one.stdout == two.stdout && two.stdout == again.stdout, "outputs differ between runs");
}

/// Input spanning several batches (512 records each) with unreadable lines among the records:
/// rows, errors and the summary come out in input order and the same with one or two threads.
#[test]
fn many_batches_keep_input_order_and_count_every_record() {
    let seed = trialrex(&["records", "--format", "jsonl", SEED]);
    let record: serde_json::Value = serde_json::from_slice(&seed.stdout).expect("the seed as one JSON record");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let mut text = String::new();
    for i in 0..1300 {
        if i % 97 == 50 {
            text.push_str("{not json\n");
            continue;
        }
        let mut copy = record.clone();
        copy["id"] = serde_json::Value::String(format!("copy-{i:04}"));
        text.push_str(&copy.to_string());
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    let input = path.to_string_lossy().into_owned();

    let one = trialrex(&["extract", &input, "--threads", "1", "--format", "jsonl"]);
    let two = trialrex(&["extract", &input, "--threads", "2", "--format", "jsonl"]);
    assert_eq!(one.status.code(), Some(1), "unreadable lines make the run exit 1: {}", stderr(&one));
    assert_eq!(one.stdout, two.stdout, "rows differ between one and two threads");
    assert_eq!(stderr(&one), stderr(&two), "errors differ between one and two threads");
    assert!(stderr(&one).contains("1300 records,"), "{}", stderr(&one).lines().last().unwrap_or(""));

    let ids: Vec<String> = stdout(&one)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["record_id"].as_str().unwrap().to_string())
        .collect();
    let copies = ids.iter().collect::<std::collections::BTreeSet<_>>().len();
    assert_eq!(copies, 1300 - 13, "every readable record gave rows");
    assert!(ids.windows(2).all(|w| w[0] <= w[1]), "rows are in input order");
    let error_lines: Vec<usize> = stderr(&one)
        .lines()
        .filter_map(|l| l.split("line ").nth(1)?.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect();
    assert_eq!(error_lines.len(), 13, "{}", stderr(&one));
    assert!(error_lines.windows(2).all(|w| w[0] < w[1]), "errors are reported in input order: {error_lines:?}");
}
