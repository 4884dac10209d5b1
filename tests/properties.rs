//! Properties that hold for any input, checked on generated inputs (proptest), and one
//! regression test per bug that fuzzing found (see `fuzz/` and docs/performance.md).
//!
//! - extraction never panics, and every row's `evidence` is exactly the abstract's code points
//!   `start..end`;
//! - CSV written by `RowWriter` reads back (with the `csv` crate) to the same text cells, except
//!   the documented `'` before cells that a spreadsheet would take for a formula;
//! - no reader panics on arbitrary bytes, whatever format it is told to read.
//!
//! Case counts are kept small enough for the whole file to run in a few seconds under
//! `cargo test --release`; `PROPTEST_CASES=20000` runs more.

use std::io::Cursor;
use std::sync::OnceLock;

use proptest::prelude::*;
use trialrex::model::{Kind, Num, Row};
use trialrex::read::{self, Format};
use trialrex::write::{spreadsheet_safe, OutputFormat, RowWriter, HEADER};
use trialrex::{Extractor, Record};

const FORMATS: [Format; 12] = Format::ALL;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| match Extractor::with_default_rules() {
        Ok(extractor) => extractor,
        Err(err) => panic!("the embedded rules do not compile: {err}"),
    })
}

/// Extracts from `text` and checks every row's span and evidence against the text.
fn check_extraction(text: &str) {
    let record = Record { native_id: Some("prop".into()), abstract_text: text.to_string(), ..Record::default() };
    let chars: Vec<char> = text.chars().collect();
    for row in extractor().extract(&record) {
        assert!(
            row.start <= row.end && row.end <= chars.len(),
            "span {}..{} outside the {} code points of {text:?}",
            row.start,
            row.end,
            chars.len()
        );
        let slice: String = chars[row.start..row.end].iter().collect();
        assert_eq!(row.evidence, slice, "evidence is not code points {}..{} of {text:?}", row.start, row.end);
        assert_eq!(row.record_id, "prop");
    }
}

/// Reads every record of `bytes` as `format` (or sniffed, for `None`), dropping the results.
fn read_everything(bytes: &[u8], format: Option<Format>) {
    let records = match format {
        Some(format) => read::read(Box::new(Cursor::new(bytes.to_vec())), "prop", format),
        None => match read::from_reader(Box::new(Cursor::new(bytes.to_vec())), "prop", None) {
            Ok(records) => records,
            Err(_) => return,
        },
    };
    for record in records.take(100_000).flatten() {
        let _ = record.id();
    }
}

/// 2048 cases per property, or `PROPTEST_CASES` when set.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2048);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Pieces of abstracts that the rules react to, and characters that normalisation rewrites.
const FRAGMENTS: &[&str] = &[
    "HR 0.58 (95% CI 0.38–0.88)",
    "hazard ratio [HR] = 0.58, 95% confidence interval [CI] = 0.38 to 0.88, P = .01",
    "odds ratio, 1.42; 95% CI, 1.10-1.83",
    "RR 0·73 (0·61–0·88)",
    "mean difference −2.3 (95% CI −4.1 to −0.5)",
    "SMD 0.21 [0.05, 0.37]",
    "IRR = 1.2 (1.0, 1.4)",
    "P = .01",
    "p<0.001",
    "P ≤ 0.05",
    "39 of 60 (65.0%)",
    "53/59 (89.8 %)",
    "n = 119",
    "Median OS was 45.6 months (95% CI = 30.3 to 67.8 months)",
    "median follow-up of 9.7 years",
    "Three-year OS was 56.9% (95% CI = 43.3% to 68.5%)",
    "(HR, 0.58;",
    "95%",
    "CI",
    "vs",
    "versus",
    "Sixty-one",
    "2.5 × 10⁻⁵",
    "–",
    "—",
    "−",
    "‒",
    "\u{2009}",
    "\u{202f}",
    "\u{00a0}",
    "·",
    "&lt;",
    "&#8722;",
    "(",
    ")",
    "[",
    "]",
    ";",
    ",",
    ".",
    "%",
    "\n",
];

/// Text made of rule-triggering fragments, digits and random characters.
fn abstract_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[0-9]{1,4}(\\.[0-9]{1,3})?",
        1 => any::<char>().prop_map(String::from),
        1 => "[ a-zA-Z]{0,12}",
        1 => "\\PC{0,6}",
    ];
    let separator = prop_oneof![Just(" "), Just(""), Just(", "), Just(" ("), Just(") ")];
    proptest::collection::vec((piece, separator), 0..40).prop_map(|pieces| {
        let mut text = String::new();
        for (piece, separator) in pieces {
            text.push_str(&piece);
            text.push_str(separator);
        }
        text
    })
}

/// Free text with the characters CSV must quote, formula starters and non-ASCII.
fn cell_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("=".to_string()),
        Just("+".to_string()),
        Just("-".to_string()),
        Just("@".to_string()),
        Just("'".to_string()),
        Just("\t".to_string()),
        Just("95% CI 0.38–0.88".to_string()),
        "[a-z0-9 ]{1,8}",
        "\\PC{1,4}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Bytes that look like the start of some export, then arbitrary bytes.
fn export_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        proptest::sample::select(&[
            "TY  - JOUR\n",
            "AU  - Ruers, Theo\n",
            "AB  - HR 0.58 (95% CI 0.38–0.88)\n",
            "ER  - \n",
            "TY - JOUR AB - x ER -",
            "PMID- 28376151\n",
            "AB  - Background: x\n      continued\n",
            "<?xml version=\"1.0\"?>",
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Abstract><AbstractText>",
            "</AbstractText></Abstract></MedlineCitation></PubmedArticle></PubmedArticleSet>",
            "<xml><records><record><titles><title>",
            "</title></titles></record></records></xml>",
            "@article{key,\n  title = {",
            "abstract = \"x\",\n}\n",
            "id,title,abstract\n",
            "\"a\",\"b, c\",\"d\"\"e\"\n",
            "id\ttitle\tabstract\n",
            "{\"id\": \"1\", \"abstract\": \"HR 0.5\"}\n",
            "\u{feff}",
            "\r",
            "\n",
            "{",
            "}",
            "<",
            ">",
            "&amp;",
            "\\",
        ])
        .prop_map(|s: &str| s.as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..16),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn extraction_never_panics_and_evidence_is_the_span(text in abstract_text()) {
        check_extraction(&text);
    }

    #[test]
    fn extraction_never_panics_on_random_unicode(text in "\\PC{0,300}") {
        check_extraction(&text);
    }

    #[test]
    fn csv_cells_read_back_as_written(
        record_id in cell_text(),
        endpoint in proptest::option::of(cell_text()),
        arm in proptest::option::of(cell_text()),
        comparison in proptest::option::of(cell_text()),
        evidence in cell_text(),
        rule in "[a-z_.0-9]{0,20}",
        value in proptest::option::of(-1000.0f64..1000.0),
    ) {
        let mut row = Row::new(&record_id, Kind::Effect);
        row.endpoint = endpoint;
        row.arm = arm;
        row.comparison = comparison;
        row.evidence = evidence;
        row.rule = rule;
        row.value = value.and_then(|v| Num::parse(&format!("{v:.2}")));
        row.start = 3;
        row.end = 3 + row.evidence.chars().count();

        let mut writer = RowWriter::new(Vec::new(), OutputFormat::Csv).unwrap();
        writer.write(&row).unwrap();
        writer.write(&row).unwrap();
        let bytes = writer.finish().unwrap();

        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        prop_assert_eq!(header, HEADER.to_vec());
        let expected: Vec<String> = row.cells().iter().map(|c| c.to_string()).collect();
        let text_columns = ["record_id", "endpoint", "arm", "comparison", "evidence", "rule"];
        let mut read = 0;
        for record in reader.records() {
            let record = record.unwrap();
            prop_assert_eq!(record.len(), HEADER.len());
            for (index, name) in HEADER.iter().enumerate() {
                let want = if text_columns.contains(name) {
                    spreadsheet_safe(&expected[index]).into_owned()
                } else {
                    expected[index].clone()
                };
                prop_assert_eq!(&record[index], want.as_str(), "column {}", name);
            }
            read += 1;
        }
        prop_assert_eq!(read, 2);
    }

    #[test]
    fn readers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in FORMATS {
            read_everything(&bytes, Some(format));
        }
        read_everything(&bytes, None);
    }

    #[test]
    fn readers_never_panic_on_export_like_bytes(bytes in export_bytes()) {
        for format in FORMATS {
            read_everything(&bytes, Some(format));
        }
        read_everything(&bytes, None);
    }
}

#[test]
fn spreadsheet_prefix_is_only_for_formula_starters() {
    // A cell that is a number ("-2.3") is read as that number, never as a formula: the guard
    // leaves it alone (issue 15: the guard never changes a number).
    for (cell, safe) in [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-2.3", "-2.3"),
        ("-2+3", "'-2+3"),
        ("-2.3 (95% CI -4.1 to -0.5)", "'-2.3 (95% CI -4.1 to -0.5)"),
        ("@a", "'@a"),
        ("a=b", "a=b"),
        ("", ""),
    ] {
        assert_eq!(spreadsheet_safe(cell), safe);
    }
}

// Regression tests: one per bug found by `cargo fuzz`, fed the minimised input.

/// Fuzz target `extract`, minimised input `d3 25 48 52` (U+FFFD after lossy decoding, then
/// `%HR`): `find/effect.rs` `ci_label_positions` steps one byte past a non-ASCII character
/// before the digits of a `%` and slices inside it ("start byte index 1 is not a char boundary;
/// it is inside '�' (bytes 0..3) of `�%HR`", src/find/effect.rs:392:50).
#[test]
fn effect_ci_label_after_multibyte_char_does_not_panic() {
    check_extraction("\u{fffd}%HR");
    check_extraction("Overall survival improved (HR 0.58, µ95% CI 0.38 to 0.88).");
    check_extraction("hazard ratio 0.7 (é95% CI 0.5–0.9)");
    // The corpus record PMC5066795 crashes `trialrex extract` the same way with "∼50%".
    check_extraction("MDA was achieved at least once by ∼50% of patients (OR 2.1, 95% CI 1.2-3.6).");
}

/// Fuzz target `extract` (final run of the first session): `find/events.rs`
/// `names_an_outcome` sliced the text one byte before an abbreviation that follows a non-ASCII
/// character ("end byte index 2337 is not a char boundary", src/find/events.rs:440).
#[test]
fn outcome_abbreviation_after_multibyte_char_does_not_panic() {
    check_extraction(
        "The objective response rate (ORR) was higher: 40% for\u{fffd}ORR in arm A (n = 20) and 11.76% for ORR.",
    );
    check_extraction("Response was 12% for \u{e9}CR and 20% for CR (complete response (CR), n = 30).");
}

/// Inputs proptest once found to panic, kept as fixed cases: a count right after a two-byte
/// letter (`Ⱥ1`), before a bracket or a percent sign, whose start was taken one byte after the
/// letter's first byte.
#[test]
fn counts_after_a_multibyte_letter_do_not_split_it() {
    check_extraction("0.0, ., - (\u{b6302} (229.87  ) wz3030 (Ⱥ1.D (YPo UxKVIh ) <, vs ");
    check_extraction("Patients were randomised to A or B: Ⱥ12 (n = 40) and Ⱥ7% control vs Ⱥ9% drug group.");
}
