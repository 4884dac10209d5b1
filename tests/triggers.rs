//! Trigger words (`[triggers]` in the rule files), and the digits a pattern needs, may only skip
//! sentences where their pattern cannot match: searched through its triggers and digits, every
//! gated pattern finds exactly what a search of the whole text finds. Checked on every rule example, and on the corpus of
//! `../shared/corpus/` when it is there.

use std::path::PathBuf;

use trialrex::find::compile::{compile_pattern, lexicon_pattern_text, needs_digit, Gated, Source, Triggers};
use trialrex::find::Text;
use trialrex::rules::{RuleFile, EMBEDDED};

/// Every rule file's gated patterns, each with its ungated twin, as the finders compile them.
fn gated_patterns() -> Vec<(String, Gated, regex::Regex)> {
    let files: Vec<(&str, RuleFile)> =
        EMBEDDED.iter().map(|(name, text)| (*name, toml::from_str(text).expect("a rule file"))).collect();
    let arms = files.iter().find(|(name, _)| *name == "arms.toml").map(|(_, f)| f.clone()).expect("arms.toml");
    let shared = Source::new("arms.toml", &arms);
    let mut patterns = Vec::new();
    for (name, file) in &files {
        let source = Source::new(name, file);
        let mut triggers = Triggers::compile(&source, &shared).expect("the triggers compile");
        for key in file.patterns.keys() {
            // The `group_*` patterns of `arms.toml` read one sentence at a time and are never gated.
            if key.starts_with("group_") {
                continue;
            }
            let Ok(text) = lexicon_pattern_text(&source, &shared, key) else { continue };
            let regex = compile_pattern(&text, true).expect("the pattern compiles");
            // Patterns with trigger words, and those searched only where a digit is.
            let needs_digit = regex_syntax::parse(regex.as_str()).is_ok_and(|hir| needs_digit(&hir));
            if file.triggers.contains_key(key) || needs_digit {
                patterns.push((format!("{name} {key}"), triggers.gate(key, regex.clone()), regex));
            }
        }
    }
    patterns
}

/// Checks every gated pattern on `texts`; returns how many matches were compared.
fn check(texts: &[String]) -> usize {
    let mut compared = 0;
    for (label, gated, regex) in gated_patterns() {
        for abstract_text in texts {
            let text = Text::new(abstract_text);
            let s = text.as_str();
            let whole: Vec<(usize, usize)> =
                regex.captures_iter(s).filter_map(|c| c.get(0)).map(|m| (m.start(), m.end())).collect();
            let through_triggers: Vec<(usize, usize)> =
                gated.captures(&text).iter().filter_map(|c| c.get(0)).map(|m| (m.start(), m.end())).collect();
            assert_eq!(through_triggers, whole, "{label} on {s:?}");
            compared += whole.len();
        }
    }
    compared
}

#[test]
fn triggers_skip_no_match_in_the_rule_examples() {
    let files: Vec<RuleFile> = EMBEDDED.iter().map(|(_, text)| toml::from_str(text).expect("a rule file")).collect();
    let texts: Vec<String> =
        files.iter().flat_map(|f| f.rule.iter().flat_map(|r| r.example.iter().map(|e| e.text.clone()))).collect();
    assert!(!gated_patterns().is_empty(), "no rule file has triggers");
    // The examples exercise the gated patterns, not only their absence.
    let compared = check(&texts);
    assert!(compared >= 10, "only {compared} matches compared");
}

#[test]
fn triggers_skip_no_match_in_the_corpus() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pmc-rct-abstracts.jsonl");
    let Ok(records) = trialrex::read::open(&corpus.to_string_lossy(), None) else {
        eprintln!("skipped: {} is not there", corpus.display());
        return;
    };
    let texts: Vec<String> = records.filter_map(|r| r.ok()).map(|r| r.abstract_text).collect();
    let compared = check(&texts);
    assert!(compared >= 1000, "only {compared} matches compared");
}

#[test]
fn a_trigger_word_is_found_as_a_whole_word_unless_starred() {
    let file: RuleFile = toml::from_str(
        r#"
[patterns]
whole = 'x'
starred = 'x'
[triggers]
whole = ["per"]
starred = ["*of"]
"#,
    )
    .expect("a rule file");
    let source = Source::new("test.toml", &file);
    let mut triggers = Triggers::compile(&source, &source).expect("the triggers compile");
    let regex = regex::Regex::new(r"\d+").expect("compiles");
    let text = Text::new("Upper limits were 5. Doses were 10 per day. A proof of 7.");
    let mut found = |key: &str| -> Vec<String> {
        triggers.gate(key, regex.clone()).captures(&text).iter().map(|c| c[0].to_string()).collect()
    };
    // `Upper` holds `per` inside a word: only the sentence with the word `per` is searched.
    assert_eq!(found("whole"), ["10"]);
    // `*of` also finds the `of` ending `proof`, and the word `of`.
    assert_eq!(found("starred"), ["7"]);
}

#[test]
fn bad_triggers_are_load_time_errors() {
    for (table, expected) in [
        ("[patterns]\na = 'x'\n[triggers]\nb = ['x']", "triggers.b: no pattern of that name"),
        ("[patterns]\na = 'x'\n[triggers]\na = []", "triggers.a: the list is empty"),
        ("[patterns]\na = 'x'\n[triggers]\na = ['{nope}']", "triggers.a: no lexicon list `nope`"),
        ("[patterns]\na = 'x'\n[triggers]\na = [' * ']", "triggers.a: a blank word"),
    ] {
        let file: RuleFile = toml::from_str(table).expect("a rule file");
        let source = Source::new("test.toml", &file);
        let error = Triggers::compile(&source, &source).expect_err(table).to_string();
        assert!(error.contains(expected), "{error}");
    }
}

#[test]
fn triggers_on_a_pattern_its_finder_does_not_gate_are_a_load_time_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("arms.toml"), "[triggers]\nbracket_count = [\"(\"]\n").expect("written");
    let error = trialrex::RuleSet::embedded_with_overrides(dir.path()).expect_err("refused").to_string();
    assert!(error.contains("arms.toml") && error.contains("triggers.bracket_count"), "{error}");
}
