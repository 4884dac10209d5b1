//! Rule files → validated rule data.
//!
//! Rules are data: TOML files in `rules/`, embedded in the binary and overridable with
//! `--rules DIR`. Each file holds `[[rule]]` entries (an id, what the rule reads, whether it
//! is enabled, and positive and negative example sentences that a test runs), `[patterns]`
//! (named regular expressions), `[lexicon]` (named word lists) and `[triggers]` (words that
//! let a costly whole-text pattern skip the sentences it cannot match in). Files are deserialized
//! strictly (unknown keys are errors); an invalid entry is an error naming the file and the
//! field. This module only loads, merges and checks the files; the finders compile what they
//! need from them ([`crate::find::compile`]), so nothing here depends on a finder.
//!
//! Overrides: a file in `--rules DIR` must bear the name of an embedded file. Its rules replace
//! the embedded rules with the same id (so `enabled = false` turns one off); an id no embedded
//! rule has is an error, since no finder would run it. Its patterns replace the embedded
//! patterns of the same name (and drop their embedded triggers unless it gives its own); its
//! lexicon lists are added to the embedded lists of the same name. The entries a user's file gave
//! are remembered ([`Override`]), so an error about one of them names that file, not the
//! embedded one.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};

/// The embedded rule files: (name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("lexicon.toml", include_str!("../rules/lexicon.toml")),
    ("effect.toml", include_str!("../rules/effect.toml")),
    ("survival.toml", include_str!("../rules/survival.toml")),
    ("median.toml", include_str!("../rules/median.toml")),
    ("arms.toml", include_str!("../rules/arms.toml")),
    ("events.toml", include_str!("../rules/events.toml")),
];

/// One rule file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The rules, each with its examples.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
    /// Named regular expressions.
    #[serde(default)]
    pub patterns: BTreeMap<String, String>,
    /// Named word lists.
    #[serde(default)]
    pub lexicon: BTreeMap<String, Vec<String>>,
    /// Effect measures (lexicon file only).
    #[serde(default)]
    pub measure: Vec<MeasureSpec>,
    /// Trigger words of whole-text patterns: a pattern listed here is searched only in the
    /// sentences that hold one of its words (see [`crate::find::compile::Triggers`]).
    #[serde(default)]
    pub triggers: BTreeMap<String, Vec<String>>,
}

/// One rule: an id that rows carry, a description, and examples.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The id rows carry in their `rule` field, e.g. `effect.named`.
    pub id: String,
    /// What the rule reads, in a sentence.
    pub description: String,
    /// Whether the rule runs.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    /// Sentences with the rows the rule must give (none for a negative example).
    #[serde(default)]
    pub example: Vec<ExampleSpec>,
}

fn enabled_by_default() -> bool {
    true
}

/// An example: a text and the compact signatures of the rows this rule must produce from it
/// (see [`crate::find::signature`]); an empty list means the rule must produce nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// The example text.
    pub text: String,
    /// The rows expected, as signatures.
    #[serde(default)]
    pub rows: Vec<String>,
}

/// An effect measure and the words that name it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    /// The contract's code: HR, OR, RR, IRR, RD, MD or SMD.
    pub code: String,
    /// Names, matched case-insensitively as whole words (`hazard ratio`).
    #[serde(default)]
    pub names: Vec<String>,
    /// Abbreviations, matched case-sensitively as whole words (`HR`).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Names or abbreviations that mark the estimate as adjusted (`aHR`), case-sensitive.
    #[serde(default)]
    pub adjusted: Vec<String>,
}

/// The rule files of a run: the embedded files with any overrides merged in, checked.
#[derive(Debug, Clone)]
pub struct RuleFiles {
    files: BTreeMap<String, RuleFile>,
    /// By embedded file name: what a user's file gave for it.
    overrides: BTreeMap<String, Override>,
}

/// What a user's file (`--rules DIR`) gave for one embedded file, so that errors about those
/// entries name the user's file.
#[derive(Debug, Clone, Default)]
pub struct Override {
    /// The user's file, as its path was given.
    pub path: String,
    /// The entries it gave: `rule.<id>`, `patterns.<key>`, `lexicon.<key>`, `triggers.<key>`,
    /// `measure`.
    entries: BTreeSet<String>,
}

impl Override {
    /// Whether the user's file gave `entry` (`patterns.copula`).
    pub fn gave(&self, entry: &str) -> bool {
        self.entries.contains(entry)
    }
}

impl RuleFiles {
    /// The rule files embedded in the binary.
    pub fn embedded() -> Result<RuleFiles> {
        RuleFiles::checked(embedded_files()?, BTreeMap::new())
    }

    /// The embedded rule files extended or overridden by the rule files in `dir`.
    pub fn embedded_with_overrides(dir: &Path) -> Result<RuleFiles> {
        let mut files = embedded_files()?;
        let mut overrides = BTreeMap::new();
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(&dir.display().to_string(), &e))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
            let label = path.display().to_string();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let Some(base) = files.get_mut(&name) else {
                let known: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
                return Err(error(&label, format!("unknown rule file (expected one of {})", known.join(", "))));
            };
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(&label, &e))?;
            let overlay = parse_file(&label, &text)?;
            let entries = merge(base, overlay).map_err(|message| error(&label, format!("{message} in {name}")))?;
            overrides.insert(name, Override { path: label, entries });
        }
        RuleFiles::checked(files, overrides)
    }

    /// The files, once checked: no file defines a rule id twice.
    fn checked(files: BTreeMap<String, RuleFile>, overrides: BTreeMap<String, Override>) -> Result<RuleFiles> {
        for (name, file) in &files {
            let mut seen = HashSet::new();
            for rule in &file.rule {
                if !seen.insert(rule.id.as_str()) {
                    return Err(error(name, format!("rule `{}` is defined twice", rule.id)));
                }
            }
        }
        Ok(RuleFiles { files, overrides })
    }

    /// The file `name` (`effect.toml`), if there is one.
    pub fn get(&self, name: &str) -> Option<&RuleFile> {
        self.files.get(name)
    }

    /// What a user's file gave for the embedded file `name`, if one did.
    pub fn override_of(&self, name: &str) -> Option<&Override> {
        self.overrides.get(name)
    }

    /// Whether the rule `id` exists and is enabled.
    pub fn is_enabled(&self, id: &str) -> bool {
        self.rule(id).is_some_and(|r| r.enabled)
    }

    /// The rule `id`, in whichever file defines it.
    pub fn rule(&self, id: &str) -> Option<&RuleSpec> {
        self.files.values().flat_map(|f| f.rule.iter()).find(|r| r.id == id)
    }

    /// Every rule of every file, with the file's name.
    pub fn rules(&self) -> impl Iterator<Item = (&str, &RuleSpec)> {
        self.files.iter().flat_map(|(name, f)| f.rule.iter().map(move |r| (name.as_str(), r)))
    }
}

/// An error about the rule file `file` (its name, or the path of a user's file).
pub fn error(file: &str, message: String) -> Error {
    Error::new(ErrorKind::Rules, format!("rules: {file}: {message}"))
}

fn parse_file(label: &str, text: &str) -> Result<RuleFile> {
    toml::from_str(text).map_err(|e| error(label, e.to_string().trim().replace('\n', " ")))
}

fn embedded_files() -> Result<BTreeMap<String, RuleFile>> {
    EMBEDDED.iter().map(|(name, text)| Ok((name.to_string(), parse_file(name, text)?))).collect()
}

/// Merges a user's file into the embedded one; returns the entries it gave, or why it may not.
fn merge(base: &mut RuleFile, overlay: RuleFile) -> std::result::Result<BTreeSet<String>, String> {
    let mut entries = BTreeSet::new();
    for rule in overlay.rule {
        if !entries.insert(format!("rule.{}", rule.id)) {
            return Err(format!("rule `{}`: defined twice", rule.id));
        }
        // A rule runs only where a finder asks for its id, so a new id would do nothing.
        let Some(existing) = base.rule.iter_mut().find(|r| r.id == rule.id) else {
            return Err(format!(
                "rule `{}`: an override can only replace a rule, and there is no rule of that id",
                rule.id
            ));
        };
        *existing = rule;
    }
    // A replaced pattern keeps no trigger words it was not given: they may not hold for it.
    for key in overlay.patterns.keys() {
        if !overlay.triggers.contains_key(key) {
            base.triggers.remove(key);
        }
    }
    entries.extend(overlay.patterns.keys().map(|key| format!("patterns.{key}")));
    entries.extend(overlay.triggers.keys().map(|key| format!("triggers.{key}")));
    entries.extend(overlay.lexicon.keys().map(|key| format!("lexicon.{key}")));
    if !overlay.measure.is_empty() {
        entries.insert("measure".to_string());
    }
    base.patterns.extend(overlay.patterns);
    base.triggers.extend(overlay.triggers);
    for (key, words) in overlay.lexicon {
        base.lexicon.entry(key).or_default().extend(words);
    }
    for measure in overlay.measure {
        match base.measure.iter_mut().find(|m| m.code == measure.code) {
            Some(existing) => {
                existing.names.extend(measure.names);
                existing.abbreviations.extend(measure.abbreviations);
                existing.adjusted.extend(measure.adjusted);
            }
            None => base.measure.push(measure),
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_load() {
        let rules = RuleFiles::embedded().unwrap();
        assert!(rules.rules().count() > 0);
    }

    #[test]
    fn unknown_keys_are_errors_naming_file_and_field() {
        let err = parse_file("effect.toml", "[[rule]]\nid = \"x\"\ndescription = \"d\"\nbogus = 1\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("effect.toml") && text.contains("bogus"), "{text}");
    }

    #[test]
    fn a_replaced_pattern_keeps_only_the_triggers_it_is_given() {
        let mut base: RuleFile =
            toml::from_str("[patterns]\na = 'x'\nb = 'y'\n[triggers]\na = ['per']\nb = ['=']\n").unwrap();
        merge(&mut base, toml::from_str("[patterns]\na = 'z'\n").unwrap()).unwrap();
        assert!(!base.triggers.contains_key("a"), "a replaced pattern lost its old triggers");
        assert_eq!(base.triggers["b"], ["="]);
        merge(&mut base, toml::from_str("[patterns]\nb = 'w'\n[triggers]\nb = ['%']\n").unwrap()).unwrap();
        assert_eq!(base.triggers["b"], ["%"]);
    }
}
