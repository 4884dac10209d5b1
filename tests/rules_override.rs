//! `--rules DIR`: override files extend or replace the embedded rules, and bad ones are
//! refused at start-up with an error naming the file and the field.

use std::process::Command;

use trialrex::{Extractor, Record, RuleSet};

const SENTENCE: &str =
    "Stroke or TIA was as likely with stenting (HR 1·22, 95% CI 0·59–2·54), as was any stroke (1·66, 0·99–2·80).";

fn rules_of(rows: &[trialrex::Row]) -> Vec<&str> {
    rows.iter().map(|r| r.rule.as_str()).collect()
}

fn record(text: &str) -> Record {
    Record { native_id: Some("t".into()), abstract_text: text.into(), ..Record::default() }
}

#[test]
fn an_override_can_switch_a_rule_off_and_add_an_abbreviation() {
    let embedded = Extractor::with_default_rules().unwrap();
    assert_eq!(rules_of(&embedded.extract(&record(SENTENCE))), ["effect.named", "effect.inherited"]);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("effect.toml"),
        "[[rule]]\nid = \"effect.inherited\"\ndescription = \"off\"\nenabled = false\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("lexicon.toml"), "[[measure]]\ncode = \"HR\"\nabbreviations = [\"HazR\"]\n")
        .unwrap();
    let custom = Extractor::new(RuleSet::embedded_with_overrides(dir.path()).unwrap());
    assert_eq!(rules_of(&custom.extract(&record(SENTENCE))), ["effect.named"]);
    let rows = custom.extract(&record("Death was less frequent (HazR 0.70, 95% CI 0.50–0.98)."));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].measure, Some("HR"));
}

#[test]
fn a_bad_rule_file_is_refused_naming_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("effect.toml"), "[patterns]\ncopula = \"(unclosed\"\n").unwrap();
    let err = RuleSet::embedded_with_overrides(dir.path()).unwrap_err().to_string();
    assert!(err.contains(&users_file(&dir, "effect.toml")) && err.contains("patterns.copula"), "{err}");

    std::fs::write(dir.path().join("effect.toml"), "[[rule]]\nid = \"x\"\ndescripton = \"typo\"\n").unwrap();
    let err = RuleSet::embedded_with_overrides(dir.path()).unwrap_err().to_string();
    assert!(err.contains("effect.toml") && err.contains("descripton"), "{err}");

    let output = Command::new(env!("CARGO_BIN_EXE_trialrex"))
        .args(["extract", "--rules", &dir.path().to_string_lossy(), "fixtures/ruers-2017-jnci.ris"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("descripton"));
}

#[test]
fn an_unknown_rule_file_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("effects.toml"), "").unwrap();
    let err = RuleSet::embedded_with_overrides(dir.path()).unwrap_err().to_string();
    assert!(err.contains("effects.toml") && err.contains("unknown rule file"), "{err}");
}

/// The path of the user's rule file `name` in `dir`, as errors name it.
fn users_file(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

/// The error of loading the embedded rules with `name` holding `text` as an override.
fn override_error(name: &str, text: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let err = RuleSet::embedded_with_overrides(dir.path()).unwrap_err().to_string();
    (err, users_file(&dir, name))
}

#[test]
fn a_pattern_no_finder_reads_is_refused_naming_the_users_file() {
    let (err, file) = override_error("effect.toml", "[patterns]\ncopulla = \"\\bwas\\b\"\n");
    assert!(err.contains(&file) && err.contains("patterns.copulla") && err.contains("no finder reads"), "{err}");
}

#[test]
fn a_bad_regex_is_refused_even_in_a_pattern_no_finder_reads() {
    let (err, file) = override_error("events.toml", "[patterns]\nunread = \"(unclosed {group_nouns}\"\n");
    assert!(err.contains(&file) && err.contains("patterns.unread") && err.contains("unclosed group"), "{err}");
}

#[test]
fn an_override_of_an_unknown_rule_id_is_refused_naming_the_id() {
    let (err, file) =
        override_error("effect.toml", "[[rule]]\nid = \"effect.nmaed\"\ndescription = \"off\"\nenabled = false\n");
    assert!(err.contains(&file) && err.contains("effect.nmaed") && err.contains("no rule of that id"), "{err}");
}

#[test]
fn a_rule_given_twice_in_an_override_is_refused() {
    let rule = "[[rule]]\nid = \"effect.inherited\"\ndescription = \"off\"\nenabled = false\n";
    let (err, file) = override_error("effect.toml", &format!("{rule}{rule}"));
    assert!(err.contains(&file) && err.contains("effect.inherited") && err.contains("defined twice"), "{err}");
}

#[test]
fn a_pattern_no_finder_reads_in_a_file_of_our_own_names_that_file() {
    let file: trialrex::rules::RuleFile = toml::from_str("[patterns]\nspare = 'x'\n").unwrap();
    let source = trialrex::find::compile::Source::new("median.toml", &file);
    let err = source.all_read(&source).unwrap_err().to_string();
    assert!(err.contains("rules: median.toml: patterns.spare: no finder reads"), "{err}");
}
