//! The review report (`trialrex report`) read back with an HTML parser: every row's span is
//! marked in its abstract, the forest plot has one mark per ratio effect, and the page needs
//! nothing from the network. The same checks then run in a real browser: headless Chromium
//! opens the report, runs the page's self-test (row spans, forest marks, a click on a row) and
//! takes a screenshot. That test skips, saying so, when Chromium is missing — except under CI
//! (`CI` set), where `.ci/run` installs it and a missing browser is a failure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The record files of the fixtures: the seed, the abstracts and the duplicate bibliography.
fn fixture_files() -> Vec<String> {
    let mut files = vec!["fixtures/ruers-2017-jnci.ris".to_string()];
    for folder in ["fixtures/abstracts", "fixtures/duplicates"] {
        let mut names: Vec<String> = std::fs::read_dir(root().join(folder))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.ends_with(".expected.csv") && !name.ends_with(".md"))
            .map(|name| format!("{folder}/{name}"))
            .collect();
        names.sort();
        files.extend(names);
    }
    files
}

fn trialrex(args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_trialrex")).args(args).current_dir(root()).output().unwrap();
    assert!(output.status.success(), "trialrex {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn report_of(files: &[String], dir: &Path) -> String {
    let path = dir.join("report.html");
    let mut args = vec!["report".to_string()];
    args.extend(files.iter().cloned());
    args.extend(["-o".to_string(), path.to_string_lossy().into_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    trialrex(&args);
    std::fs::read_to_string(path).unwrap()
}

fn select(text: &str) -> Selector {
    Selector::parse(text).unwrap()
}

#[test]
fn every_row_span_is_marked_and_every_ratio_effect_has_one_forest_mark() {
    let dir = tempfile::tempdir().unwrap();
    let files = fixture_files();
    let html = report_of(&files, dir.path());
    let page = Html::parse_document(&html);

    // The rows of the report are the rows `extract` writes for the same files.
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend(files.iter().map(String::as_str));
    let jsonl = String::from_utf8(trialrex(&args).stdout).unwrap();
    let extracted: Vec<serde_json::Value> = jsonl.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    let rows: Vec<_> = page.select(&select("tr.row")).collect();
    assert_eq!(rows.len(), extracted.len());
    assert!(rows.len() > 300, "{}", rows.len());

    let mut marked: HashMap<String, String> = HashMap::new();
    for mark in page.select(&select("section.record .abstract mark")) {
        let text: String = mark.text().collect();
        for id in mark.value().attr("data-rows").unwrap().split(' ') {
            marked.entry(id.to_string()).or_default().push_str(&text);
        }
    }
    for (row, json) in rows.iter().zip(&extracted) {
        let id = row.value().id().unwrap();
        let attr = |name: &str| row.value().attr(name).unwrap();
        let (start, end): (usize, usize) = (attr("data-start").parse().unwrap(), attr("data-end").parse().unwrap());
        assert_eq!(start as u64, json["start"].as_u64().unwrap());
        let evidence = json["evidence"].as_str().unwrap();
        assert_eq!(marked.get(id).map(String::as_str), Some(evidence), "row {id} ({start}..{end})");
        // The span is the code points start..end of the abstract shown in the same record.
        let section =
            row.ancestors().filter_map(scraper::ElementRef::wrap).find(|e| e.value().name() == "section").unwrap();
        let abstract_text: String = section.select(&select(".abstract")).next().unwrap().text().collect();
        let span: String = abstract_text.chars().skip(start).take(end - start).collect();
        assert_eq!(span, evidence, "row {id}");
    }

    let ratio_effects = extracted
        .iter()
        .filter(|row| {
            row["kind"] == "effect"
                && ["HR", "OR", "RR", "IRR"].contains(&row["measure"].as_str().unwrap_or(""))
                && row["value"].as_f64().is_some_and(|v| v > 0.0)
        })
        .count();
    assert!(ratio_effects > 20, "{ratio_effects}");
    assert_eq!(page.select(&select("svg.forest .mark")).count(), ratio_effects);
    assert_eq!(page.select(&select("tr.row[data-ratio]")).count(), ratio_effects);
    // Each forest mark is labelled by its study and links to its row.
    let seed_mark = page.select(&select("svg.forest a")).find(|a| a.text().any(|t| t.contains("Ruers 2017 HR")));
    assert!(seed_mark.is_some_and(|a| a.value().attr("href").is_some_and(|h| h.starts_with("#r"))));
}

#[test]
fn the_report_is_self_contained_and_shows_labels_ids_counts_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let html = report_of(&fixture_files(), dir.path());
    let page = Html::parse_document(&html);
    for (selector, attribute) in [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")] {
        for element in page.select(&select(selector)) {
            assert!(element.value().attr(attribute).is_none(), "{selector} loads {attribute}");
        }
    }
    assert!(!html.contains("@import") && !html.contains("url("), "the style loads nothing");
    // Study label, title and the DOI link of the seed's first copy in the duplicate fixture.
    let headings: Vec<String> = page.select(&select("section.record h2")).map(|h| h.text().collect()).collect();
    assert!(headings.iter().any(|h| h == "Ruers 2017"), "{headings:?}");
    let doi =
        page.select(&select(".ids a")).find(|a| a.value().attr("href") == Some("https://doi.org/10.1093/jnci/djx015"));
    assert!(doi.is_some());
    let copies: Vec<String> = page.select(&select(".ids .dup")).map(|d| d.text().collect()).collect();
    // Both copies in the bibliography repeat the seed read first from its own file.
    assert_eq!(copies, ["a copy of ruers-2017-jnci.ris#1", "a copy of ruers-2017-jnci.ris#1"]);
    // Counts by kind and status add up to the rows; failed checks link to rows that exist.
    let total: usize = page
        .select(&select("table.counts tbody tr td:last-child"))
        .map(|td| td.text().collect::<String>().parse::<usize>().unwrap())
        .sum();
    assert_eq!(total, page.select(&select("tr.row")).count());
    let links: Vec<&str> = page.select(&select("#checks a")).map(|a| a.value().attr("href").unwrap()).collect();
    assert!(!links.is_empty());
    for link in links {
        let id = link.trim_start_matches('#');
        assert!(page.select(&select(&format!("tr#{id}"))).next().is_some(), "{link}");
    }
    // Every row has a cell for its decision controls (the script fills them as its record
    // scrolls into view) and what the decisions CSV needs.
    for row in page.select(&select("tr.row")) {
        assert_eq!(row.select(&select("td.ctl")).count(), 1);
        for name in ["data-start", "data-end", "data-kind"] {
            assert!(row.value().attr(name).is_some(), "{name}");
        }
    }
    for record in page.select(&select("section.record")) {
        assert!(record.value().attr("data-record-id").is_some());
    }
}

/// The Chromium binary, if one is installed; under CI a missing one fails the test.
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success()));
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "chromium is missing under CI: .ci/run must install it");
        eprintln!("skipped: chromium is not installed");
    }
    found
}

/// Runs headless Chromium on `url` with `args` and returns its standard output.
fn headless(browser: &str, url: &str, args: &[&str]) -> String {
    let output = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--timeout=60000"])
        .args(args)
        .arg(url)
        .output()
        .unwrap();
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn chromium_shows_every_span_one_forest_mark_per_ratio_and_highlights_a_clicked_row() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let html = report_of(&fixture_files(), dir.path());
    let rows = Html::parse_document(&html).select(&select("tr.row")).count();
    let url = format!("file://{}", dir.path().join("report.html").display());

    let dom = headless(browser, &format!("{url}#selftest"), &["--virtual-time-budget=10000", "--dump-dom"]);
    let page = Html::parse_document(&dom);
    let body = page.select(&select("body")).next().unwrap();
    let verdict = body.value().attr("data-selftest").unwrap_or("the self-test did not run");
    assert_eq!(verdict, "pass");
    let summary: String = page.select(&select("#selftest")).next().unwrap().text().collect();
    assert!(summary.starts_with(&format!("self-test: {rows} rows, ")), "{summary}");
    // The clicks were real: the first row and its span are marked active in the DOM, and every
    // row got its accept / reject / edit buttons.
    assert!(page.select(&select("tr.row.active")).next().is_some());
    assert!(page.select(&select("mark.active")).next().is_some());
    assert_eq!(page.select(&select("tr.row td.ctl button[data-d]")).count(), 3 * rows);

    // The decisions the page made when it rejected the first row are what `extract` reads.
    let decisions: String = page.select(&select("#selftest-decisions")).next().unwrap().text().collect();
    assert!(
        decisions.starts_with("record_id,start,end,kind,decision,corrected value\nruers-2017-jnci.ris#1,"),
        "{decisions}"
    );
    let path = dir.path().join("decisions.csv");
    std::fs::write(&path, &decisions).unwrap();
    let all = trialrex(&["extract", "fixtures/ruers-2017-jnci.ris"]).stdout;
    let decided = trialrex(&["extract", "fixtures/ruers-2017-jnci.ris", "--decisions", path.to_str().unwrap()]).stdout;
    assert_eq!(decided.split(|&b| b == b'\n').count() + 1, all.split(|&b| b == b'\n').count());

    let shot = dir.path().join("report.png");
    headless(browser, &url, &["--window-size=1280,1800", &format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "{} bytes", png.len());
}
