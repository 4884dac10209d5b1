//! How long each pattern of the rule files takes over whole abstracts.
//!
//! `cargo run --release --example pattern_cost -- FILE`: normalises every abstract of FILE (any
//! format trialrex reads), then times `find_iter` of every `[patterns]` entry (lexicon lists
//! expanded, compiled as the finders compile them) over all of them, and prints ns per KB and
//! the number of matches, costliest first. Patterns the finders only run on short slices cost less than shown.
//!
//! With `--prefilter` after FILE it also times each pattern compiled without the regex crate's
//! literal prefilter (`compile_without_prefilter`), for `WITHOUT_PREFILTER` in `find/compile.rs`.
use std::time::Instant;

use regex::Regex;
use trialrex::find::compile::{compile_pattern, compile_without_prefilter, lexicon_pattern_text, Source};
use trialrex::normalise::Normalised;
use trialrex::rules::{RuleFile, EMBEDDED};

fn main() {
    let path = std::env::args().nth(1).expect("usage: pattern_cost FILE [--prefilter]");
    let prefilter = std::env::args().nth(2).is_some_and(|a| a == "--prefilter");
    let records = trialrex::read::open(&path, None).expect("a readable file of records");
    let texts: Vec<String> = records.filter_map(|r| r.ok()).map(|r| Normalised::new(&r.abstract_text).text).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let files: Vec<(&str, RuleFile)> =
        EMBEDDED.iter().map(|(name, text)| (*name, toml::from_str(text).expect("rule file"))).collect();
    let arms = files.iter().find(|(n, _)| *n == "arms.toml").map(|(_, f)| f.clone()).unwrap_or_default();
    let shared = Source::new("arms.toml", &arms);
    let mut costs = Vec::new();
    for (name, file) in &files {
        let source = Source::new(name, file);
        for key in file.patterns.keys() {
            let Ok(text) = lexicon_pattern_text(&source, &shared, key) else { continue };
            for case_insensitive in [false, true] {
                let Ok(regex) = compile_pattern(&text, case_insensitive) else { continue };
                let (best, matches) = best_of_three(&regex, &texts);
                let mut label = format!("{name} {key} (i={case_insensitive})");
                if prefilter {
                    let Ok(plain) = compile_without_prefilter(&text, case_insensitive) else { continue };
                    let (without, _) = best_of_three(&plain, &texts);
                    label = format!("{:10.0} ns/KB without prefilter  {label}", without * 1e12 / bytes as f64);
                }
                costs.push((best * 1e12 / bytes as f64, matches, label));
            }
        }
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("{} abstracts, {bytes} bytes", texts.len());
    for (ns_per_kb, matches, label) in costs {
        println!("{ns_per_kb:10.0} ns/KB {matches:8} matches  {label}");
    }
}

/// The fastest of three `find_iter` passes of `regex` over `texts`, in seconds, and its matches.
fn best_of_three(regex: &Regex, texts: &[String]) -> (f64, usize) {
    let mut matches = 0;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        matches = texts.iter().map(|t| regex.find_iter(t).count()).sum::<usize>();
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best, matches)
}
