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
    assert!(stderr(&missing).contains("0 records, 0 rows, 1 errors, 0 warnings"));

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
    assert!(err.trim_end().ends_with("3 records, 1 rows, 1 errors, 0 warnings"), "{err}");
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

/// A file named in the test's temporary folder, with `bytes` in it.
fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_forced_input_format_that_reads_no_record_is_an_error_naming_the_format() {
    let wrong = trialrex(&["extract", "--input-format", "bibtex", SEED]);
    assert_eq!(wrong.status.code(), Some(1), "{}", stderr(&wrong));
    let err = stderr(&wrong);
    assert!(err.contains("ruers-2017-jnci.ris: no record read as --input-format bibtex"), "{err}");
    assert!(err.trim_end().ends_with("0 records, 0 rows, 1 errors, 0 warnings"), "{err}");
    assert_eq!(trialrex(&["extract", "--input-format", "ris", SEED]).status.code(), Some(0));
    // A file whose only message is its decoding warning still read nothing.
    let dir = tempfile::tempdir().unwrap();
    let latin1 = temp_file(&dir, "latin1.ris", b"TY  - JOUR\nTI  - Caf\xe9\nER  - \n");
    let wrong = trialrex(&["extract", "--input-format", "bibtex", &latin1]);
    assert_eq!(wrong.status.code(), Some(1), "{}", stderr(&wrong));
    assert!(stderr(&wrong).contains("no record read as --input-format bibtex"), "{}", stderr(&wrong));
}

#[test]
fn a_failed_run_leaves_the_old_output_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let keep = temp_file(&dir, "keep.csv", b"old\n");
    for command in ["extract", "records"] {
        let output = trialrex(&[command, "no/such/file.ris", "-o", &keep]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert_eq!(std::fs::read_to_string(&keep).unwrap(), "old\n", "{command} replaced the old output");
        assert!(stderr(&output).contains("keep.csv: left as it was"), "{}", stderr(&output));
    }
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
    assert_eq!(trialrex(&["extract", SEED, "-o", &keep]).status.code(), Some(0));
    assert!(std::fs::read_to_string(&keep).unwrap().starts_with("record_id,"));
}

#[cfg(unix)]
#[test]
fn output_files_keep_the_replaced_mode_and_new_ones_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = temp_file(&dir, "shared.csv", b"old\n");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    let fresh = dir.path().join("fresh.csv").to_string_lossy().into_owned();
    let script = format!("umask 022 && \"$0\" extract {SEED} -o {shared} && \"$0\" records {SEED} -o {fresh}");
    let output = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_trialrex")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mode = |path: &str| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&shared), 0o664, "the replaced file's mode is kept");
    assert_eq!(mode(&fresh), 0o644, "a new file gets 0666 less the umask, not 0600");
}

#[test]
fn an_abstract_cut_to_the_size_limit_is_counted_as_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let long =
        format!("{{\"id\":\"big\",\"abstract\":\"Death (HR 0.70, 95% CI 0.50-0.98). {}\"}}\n", "word ".repeat(240_000));
    let file = temp_file(&dir, "big.jsonl", long.as_bytes());
    let output = trialrex(&["extract", &file, "-o", "/dev/null"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("trialrex: warning: ") && err.contains("cut to"), "{err}");
    assert!(err.trim_end().ends_with("0 errors, 1 warnings"), "{err}");
}

#[test]
fn records_on_a_truncated_pubmed_xml_counts_the_rows_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let xml = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n<PubmedArticle><MedlineCitation><PMID>1</PMID>\
               <Article><Abstract><AbstractText>HR 0.5.</AbstractText></Abstract></Article></MedlineCitation>\
               </PubmedArticle>\n<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><Abs";
    let file = temp_file(&dir, "cut.xml", xml.as_bytes());
    let output = trialrex(&["records", &file]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_eq!(stdout(&output).lines().count(), 2, "the header and one record");
    // The header written up front names the columns the rows fill.
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row.get(header.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!((cell("id"), cell("abstract"), cell("record")), ("1".into(), "HR 0.5.".into(), "1".into()));
    assert!(err.trim_end().ends_with("2 records, 1 rows, 1 errors, 0 warnings"), "{err}");
}

#[test]
fn records_and_extract_both_write_their_header_when_nothing_can_be_read() {
    let extract = trialrex(&["extract", "no/such/file.ris"]);
    let records = trialrex(&["records", "no/such/file.ris"]);
    assert_eq!((extract.status.code(), records.status.code()), (Some(2), Some(2)));
    assert!(stdout(&extract).starts_with("record_id,kind,"), "{}", stdout(&extract));
    assert_eq!(stdout(&records), "id,pmid,doi,title,abstract,authors,year,journal,file,record,line\n");
}

#[test]
fn a_missing_file_exits_2_alone_and_next_to_a_good_file() {
    let alone = trialrex(&["extract", "no/such/file.ris"]);
    assert_eq!(alone.status.code(), Some(2));
    let with_good = trialrex(&["extract", SEED, "no/such/file.ris"]);
    assert_eq!(with_good.status.code(), Some(2), "{}", stderr(&with_good));
    assert_eq!(stdout(&with_good).lines().count(), 19, "the good file's 18 rows still come out");
    assert!(stderr(&with_good).trim_end().ends_with("1 records, 18 rows, 1 errors, 0 warnings"));
}

#[test]
fn binary_input_is_refused_with_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00".to_vec();
    bytes.extend((0..=255u8).cycle().take(200_000));
    let file = temp_file(&dir, "program", &bytes);
    let output = trialrex(&["records", &file]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 2, "one error and the summary: {err}");
    assert!(err.contains("program: not a text file"), "{err}");
    assert_eq!(stdout(&output).lines().count(), 1, "only the header");
}

#[test]
fn an_empty_file_says_it_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [("empty.ris", &b""[..]), ("blank.ris", &b"\xef\xbb\xbf \r\n\n"[..])] {
        let file = temp_file(&dir, name, bytes);
        let output = trialrex(&["extract", &file]);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains(&format!("{name}: the file is empty")), "{}", stderr(&output));
    }
}

#[test]
fn latin1_input_is_read_as_windows_1252_with_a_warning_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let ris =
        b"TY  - JOUR\nTI  - Caf\xe9 au lait\nAB  - Death was lower (HR 0.70, 95% CI 0.50\x960.98) \xb1 2.\nER  - \n";
    let file = temp_file(&dir, "latin1.ris", ris);
    let output = trialrex(&["records", "--format", "jsonl", &file]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let record: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(record["title"], "Café au lait");
    assert_eq!(record["abstract"], "Death was lower (HR 0.70, 95% CI 0.50–0.98) ± 2.");
    assert!(!stdout(&output).contains('\u{fffd}'));
    assert!(err.contains("trialrex: warning: ") && err.contains("latin1.ris") && err.contains("Windows-1252"), "{err}");
    assert!(err.trim_end().ends_with("0 errors, 1 warnings"), "{err}");
}

#[test]
fn utf16_ris_with_a_bom_is_read_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let text = "TY  - JOUR\r\nTI  - Café\r\nAB  - Death (HR 0.70, 95% CI 0.50–0.98).\r\nER  - \r\nTY  - JOUR\r\nTI  - Two\r\nER  - \r\n";
    let bytes: Vec<u8> = [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let file = temp_file(&dir, "utf16.ris", &bytes);
    let output = trialrex(&["records", "--format", "jsonl", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let records: Vec<serde_json::Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2);
    assert_eq!((records[0]["title"].as_str(), records[1]["title"].as_str()), (Some("Café"), Some("Two")));
    assert_eq!(records[0]["abstract"], "Death (HR 0.70, 95% CI 0.50–0.98).");
}

#[test]
fn web_of_science_ovid_and_jats_are_sniffed_and_read() {
    let dir = tempfile::tempdir().unwrap();
    let wos = temp_file(&dir, "wos.txt", b"FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A\nAB Death (HR 0.70, 95% CI\n   0.50-0.98).\nAR UNSP 1722034\nDI 10.1/x\nER\n\nPT J\nTI B\nER\n\nEF\n");
    let ovid = temp_file(&dir, "ovid.txt", b"<1. >\r\nTI  - A\r\nAB  - Death (HR 0.70).\r\n\r\n<2. >\r\nTI  - B\r\n");
    let jats = temp_file(&dir, "a.nxml", b"<?xml version=\"1.0\"?>\n<article><front><article-meta><article-id pub-id-type=\"pmid\">7</article-id><abstract><sec><title>Results</title><p>HR 0.70.</p></sec></abstract></article-meta></front></article>");
    for (file, count) in [(&wos, 2), (&ovid, 2), (&jats, 1)] {
        let output = trialrex(&["records", "--format", "jsonl", file]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(stdout(&output).lines().count(), count, "{file}");
    }
    // The WoS fields never leak into rows: no `events = 1722034` from the `AR` line.
    let rows = stdout(&trialrex(&["extract", &wos]));
    assert!(!rows.contains("1722034"), "{rows}");
    let jats_record = stdout(&trialrex(&["records", "--format", "jsonl", &jats]));
    assert!(jats_record.contains("\"abstract\":\"Results: HR 0.70.\""), "{jats_record}");
}

#[test]
fn a_hyphenated_section_label_never_becomes_part_of_an_arm() {
    let dir = tempfile::tempdir().unwrap();
    let nbib = "PMID- 30776994\nAB  - Methods- We studied it. Results- Adjunctive technique groups included BGC\n      (n=445), distal access catheter (n=238) and conventional guide catheter (n=62).\n";
    let file = temp_file(&dir, "labels.nbib", nbib.as_bytes());
    let rows = stdout(&trialrex(&["extract", &file]));
    assert!(rows.contains("arm_size"), "{rows}");
    assert!(
        !rows.lines().skip(1).any(|row| row.split(',').nth(4).is_some_and(|arm| arm.contains("Results"))),
        "{rows}"
    );
}

#[test]
fn markup_in_abstracts_is_decoded_and_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let ris = "TY  - JOUR\nAB  - <jats:p>Mortality &lt;b&gt;fell&lt;/b&gt; (P = 2 &#215; 10<sup>&#8722;5</sup>) in <i>vivo</i> &amp; CO<sub>2</sub>.</jats:p>\nER  - \n";
    let file = temp_file(&dir, "markup.ris", ris.as_bytes());
    let record: serde_json::Value =
        serde_json::from_str(stdout(&trialrex(&["records", "--format", "jsonl", &file])).trim()).unwrap();
    assert_eq!(record["abstract"], "Mortality fell (P = 2 × 10^−5) in vivo & CO2.");
}

#[test]
fn records_into_a_closed_pipe_ends_quietly() {
    use std::process::Stdio;
    let big = "tests/data/formats/ris/RefLib__blue-light.ris";
    for format in ["csv", "jsonl"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trialrex"))
            .args(["records", "--format", format, big])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end at once: the output (over 64 KB) cannot all fit in the pipe.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}: {}", stderr(&output));
        assert!(!stderr(&output).contains("Broken pipe"), "{format}: {}", stderr(&output));
    }
}
