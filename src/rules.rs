//! Rule files → a validated, compiled rule set.
//!
//! Rules are data: TOML files in `rules/`, embedded in the binary and overridable with
//! `--rules DIR`. Each file holds `[[rule]]` entries (an id, what the rule reads, whether it
//! is enabled, and positive and negative example sentences that a test runs), `[patterns]`
//! (named regular expressions), `[lexicon]` (named word lists) and `[triggers]` (words that
//! let a costly whole-text pattern skip the sentences it cannot match in). Files are deserialized
//! strictly (unknown keys are errors), and a finder compiles what it needs from its file once,
//! at load time; a missing or invalid entry is an error naming the file, the rule and the field.
//!
//! Overrides: a file in `--rules DIR` must bear the name of an embedded file. Its rules replace
//! the embedded rules with the same id (so `enabled = false` turns one off) and are otherwise
//! added; its patterns replace the embedded patterns of the same name (and drop their embedded
//! triggers unless it gives its own); its lexicon lists are added to the embedded lists of the
//! same name.

use std::collections::BTreeMap;
use std::path::Path;

use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};
use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};
use crate::find::{self, Text};

/// The embedded rule files: (name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("lexicon.toml", include_str!("../rules/lexicon.toml")),
    ("effect.toml", include_str!("../rules/effect.toml")),
    ("survival.toml", include_str!("../rules/survival.toml")),
    ("median.toml", include_str!("../rules/median.toml")),
    ("arms.toml", include_str!("../rules/arms.toml")),
    ("events.toml", include_str!("../rules/events.toml")),
];

/// The largest compiled size a pattern may have, so a user's rule cannot exhaust memory.
const PATTERN_SIZE_LIMIT: usize = 4 * 1024 * 1024;

/// The most memory one pattern's lazy DFA may cache per thread; large enough that the states
/// an abstract needs are built once, not rebuilt after every cache clear.
const DFA_CACHE_LIMIT: usize = 2 * 1024 * 1024;

/// The lazy DFA cache of a [`ScanGate`], whose combined automaton has larger states: at 1 MiB
/// the events gate rebuilt its states all run long (2 % of the instructions).
const GATE_DFA_CACHE_LIMIT: usize = 2 * 1024 * 1024;

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
    /// sentences that hold one of its words (see [`Triggers`]).
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
/// (see [`find::signature`]); an empty list means the rule must produce nothing.
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

/// The compiled rules every finder uses.
#[derive(Debug)]
pub struct RuleSet {
    files: BTreeMap<String, RuleFile>,
    /// Compiled effect rules.
    pub effect: find::effect::EffectRules,
    /// Compiled landmark survival rules.
    pub survival: find::survival::SurvivalRules,
    /// Compiled median and follow-up rules.
    pub median: find::median::MedianRules,
    /// Compiled arm-size rules and the shared arm labels.
    pub arms: find::arms::ArmRules,
    /// Compiled events rules.
    pub events: find::events::EventRules,
}

impl RuleSet {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<RuleSet> {
        RuleSet::compile(embedded_files()?)
    }

    /// The embedded rules extended or overridden by the rule files in `dir`.
    pub fn embedded_with_overrides(dir: &Path) -> Result<RuleSet> {
        let mut files = embedded_files()?;
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(&dir.display().to_string(), &e))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
            let label = path.display().to_string();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let Some(base) = files.get_mut(&name) else {
                let known: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
                return Err(rules_error(&label, format!("unknown rule file (expected one of {})", known.join(", "))));
            };
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(&label, &e))?;
            let overlay = parse_file(&label, &text)?;
            merge(base, overlay);
        }
        RuleSet::compile(files)
    }

    fn compile(files: BTreeMap<String, RuleFile>) -> Result<RuleSet> {
        for (name, file) in &files {
            let mut seen = std::collections::HashSet::new();
            for rule in &file.rule {
                if !seen.insert(rule.id.as_str()) {
                    return Err(rules_error(name, format!("rule `{}` is defined twice", rule.id)));
                }
            }
        }
        let file = |name: &str| files.get(name).cloned().unwrap_or_default();
        let (lexicon, effect_file, survival_file, median_file) =
            (file("lexicon.toml"), file("effect.toml"), file("survival.toml"), file("median.toml"));
        let (arms_file, events_file) = (file("arms.toml"), file("events.toml"));
        // Compiling the patterns is most of the start-up time: the arm-size and events rules
        // compile on a second thread while the others compile on this one. Errors are reported
        // in the same order as when compiled one after the other.
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| -> Result<_> {
                let arms_source = Source::new("arms.toml", &arms_file);
                let arms = find::arms::ArmRules::compile(&arms_source)?;
                let events =
                    find::events::EventRules::compile(&Source::new("events.toml", &events_file), &arms_source)?;
                Ok((arms, events))
            });
            let first = (|| -> Result<_> {
                let effect = find::effect::EffectRules::compile(
                    &Source::new("lexicon.toml", &lexicon),
                    &Source::new("effect.toml", &effect_file),
                )?;
                let survival = find::survival::SurvivalRules::compile(&Source::new("survival.toml", &survival_file))?;
                let median = find::median::MedianRules::compile(&Source::new("median.toml", &median_file))?;
                Ok((effect, survival, median))
            })();
            (first, second.join())
        });
        let (effect, survival, median) = first?;
        let (arms, events) = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(RuleSet { files, effect, survival, median, arms, events })
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

/// A rule file being compiled, with its name for error messages.
pub struct Source<'a> {
    /// The file name, for errors.
    pub name: &'a str,
    /// The parsed file.
    pub file: &'a RuleFile,
}

impl<'a> Source<'a> {
    /// A named file.
    pub fn new(name: &'a str, file: &'a RuleFile) -> Self {
        Source { name, file }
    }

    /// The compiled pattern `key` (case-insensitive unless it says otherwise with `(?-i)`).
    pub fn pattern(&self, key: &str) -> Result<Regex> {
        let text =
            self.file.patterns.get(key).ok_or_else(|| rules_error(self.name, format!("patterns.{key}: missing")))?;
        compile_pattern(text, true).map_err(|e| rules_error(self.name, format!("patterns.{key}: {e}")))
    }

    /// The word list `key` as one compiled alternation of whole words (`\b(?:w1|w2)\b`).
    pub fn word_pattern(&self, key: &str, case_insensitive: bool) -> Result<Regex> {
        compile_pattern(&word_alternation(self.words(key)?), case_insensitive)
            .map_err(|e| rules_error(self.name, format!("lexicon.{key}: {e}")))
    }

    /// Whether this file defines the rule `id` and it is enabled.
    pub fn enabled(&self, id: &str) -> bool {
        self.file.rule.iter().any(|r| r.id == id && r.enabled)
    }

    /// The word list `key`.
    pub fn words(&self, key: &str) -> Result<&'a [String]> {
        self.file
            .lexicon
            .get(key)
            .map(Vec::as_slice)
            .ok_or_else(|| rules_error(self.name, format!("lexicon.{key}: missing")))
    }

    /// An error about this file.
    pub fn error(&self, message: impl Into<String>) -> Error {
        rules_error(self.name, message.into())
    }
}

/// Compiles a pattern with the size limits that keep user rules from exhausting memory.
pub fn compile_pattern(text: &str, case_insensitive: bool) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_classes(text))
        .case_insensitive(case_insensitive)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(DFA_CACHE_LIMIT)
        .build()
}

/// One pass over a text that tells which of a finder's whole-text patterns match anywhere in
/// it, so that the finder runs only those: most patterns match in few abstracts, and one
/// combined scan costs about as much as two or three single ones.
///
/// Built from the same pattern texts, compiled the same way, as the patterns it gates, so it
/// never skips a pattern that would match. A set too large to compile gates nothing.
#[derive(Debug)]
pub struct ScanGate {
    keys: Vec<String>,
    set: Option<RegexSet>,
}

/// What a [`ScanGate`] found in one text.
pub struct Live<'a> {
    keys: &'a [String],
    matched: Option<Vec<bool>>,
}

impl ScanGate {
    /// A gate over the patterns `(key, text)`, compiled as [`compile_pattern`] compiles them.
    pub fn compile(patterns: &[(&str, String)], case_insensitive: bool) -> ScanGate {
        let set = RegexSetBuilder::new(patterns.iter().map(|(_, text)| ascii_classes(text)))
            .case_insensitive(case_insensitive)
            .size_limit(PATTERN_SIZE_LIMIT * patterns.len().max(1))
            .dfa_size_limit(GATE_DFA_CACHE_LIMIT)
            .build()
            .ok();
        ScanGate { keys: patterns.iter().map(|(key, _)| key.to_string()).collect(), set }
    }

    /// Which patterns match in the stretches `(from, to)` of `text` (look-arounds see the text
    /// before a stretch): for patterns that match only where something is, such as a number.
    pub fn live_in(&self, text: &str, stretches: &[(usize, usize)]) -> Live<'_> {
        let matched = self.set.as_ref().map(|set| {
            let mut matched = vec![false; self.keys.len()];
            for &(from, to) in stretches {
                for index in set.matches_at(&text[..to], from).iter() {
                    if let Some(m) = matched.get_mut(index) {
                        *m = true;
                    }
                }
                if matched.iter().all(|&m| m) {
                    break;
                }
            }
            matched
        });
        Live { keys: &self.keys, matched }
    }
}

impl Live<'_> {
    /// Whether the pattern `key` may match (always, for a key the gate does not hold).
    pub fn has(&self, key: &str) -> bool {
        match (&self.matched, self.keys.iter().position(|k| k == key)) {
            (Some(matched), Some(index)) => matched.get(index).copied().unwrap_or(true),
            _ => true,
        }
    }
}

/// The trigger words of one rule file's whole-text patterns (its `[triggers]` table).
///
/// Some whole-text patterns need a word that few sentences hold (`per`, `=`): every match of
/// the pattern contains one of its trigger words. A pattern with triggers is searched only in
/// the sentences that hold one ([`Gated::captures`]); finding the words costs a literal search
/// (memchr or SIMD), a fraction of a pattern's own pass. Words are matched ignoring ASCII case,
/// and a word that starts or ends with a letter or digit must start or end a word of the text,
/// unless a `*` on that side says it may be part of a longer one (`*of`, `follow*`).
#[derive(Debug)]
pub struct Triggers {
    /// The rule file, for errors.
    file: String,
    /// Each pattern with triggers: its key, the alternation of its words, and whether the
    /// finder gates it (triggers on a pattern it does not search whole are an error).
    words: Vec<(String, Regex, bool)>,
}

/// A whole-text pattern and the trigger words that gate it (none: the whole text is searched).
#[derive(Debug)]
pub struct Gated {
    /// The compiled pattern.
    pub regex: Regex,
    trigger: Option<Regex>,
    /// Whether every match holds an ASCII digit ([`needs_digit`]): then only the sentences
    /// with one are searched ([`Text::number_stretches`]).
    needs_digit: bool,
}

impl Triggers {
    /// The triggers of `source`'s patterns; `{list}` names a lexicon list of `source` or
    /// `shared`. A list may not be empty, nor a word blank, and each must name a pattern.
    pub fn compile(source: &Source<'_>, shared: &Source<'_>) -> Result<Triggers> {
        let mut words = Vec::new();
        for (key, list) in &source.file.triggers {
            if !source.file.patterns.contains_key(key) {
                return Err(source.error(format!("triggers.{key}: no pattern of that name")));
            }
            if list.is_empty() {
                return Err(source.error(format!("triggers.{key}: the list is empty")));
            }
            let mut alternatives = Vec::new();
            for entry in list {
                let expanded = match entry.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
                    Some(name) => source
                        .words(name)
                        .or_else(|_| shared.words(name))
                        .map_err(|_| source.error(format!("triggers.{key}: no lexicon list `{name}`")))?,
                    None => std::slice::from_ref(entry),
                };
                for word in expanded {
                    if word.trim_matches(['*', ' ']).is_empty() {
                        return Err(source.error(format!("triggers.{key}: a blank word")));
                    }
                    // `*of`: `of` may end a longer word; `follow*`: `follow` may begin one.
                    let (open_start, word) = word.strip_prefix('*').map_or((false, word.as_str()), |w| (true, w));
                    let (open_end, word) = word.strip_suffix('*').map_or((false, word), |w| (true, w));
                    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                    let start = if !open_start && alnum(word.chars().next()) { r"\b" } else { "" };
                    let end = if !open_end && alnum(word.chars().next_back()) { r"\b" } else { "" };
                    alternatives.push(format!("{start}{}{end}", regex::escape(word)));
                }
            }
            let text = format!("(?i-u:{})", alternatives.join("|"));
            let regex = RegexBuilder::new(&text)
                .size_limit(PATTERN_SIZE_LIMIT)
                .dfa_size_limit(GATE_DFA_CACHE_LIMIT)
                .build()
                .map_err(|e| source.error(format!("triggers.{key}: {e}")))?;
            words.push((key.clone(), regex, false));
        }
        Ok(Triggers { file: source.name.to_string(), words })
    }

    /// The pattern `key`, gated by its trigger words if it has any.
    pub fn gate(&mut self, key: &str, regex: Regex) -> Gated {
        let found = self.words.iter_mut().find(|(k, _, _)| k == key);
        let trigger = found.map(|(_, words, gated)| {
            *gated = true;
            words.clone()
        });
        let needs_digit = regex_syntax::parse(regex.as_str()).is_ok_and(|hir| needs_digit(&hir));
        Gated { regex, trigger, needs_digit }
    }

    /// An error if a pattern has triggers its finder does not gate (they would do nothing).
    pub fn all_gated(&self) -> Result<()> {
        match self.words.iter().find(|(_, _, gated)| !gated) {
            Some((key, _, _)) => Err(rules_error(
                &self.file,
                format!("triggers.{key}: this pattern is not searched over the whole text, so triggers cannot gate it"),
            )),
            None => Ok(()),
        }
    }
}

impl Gated {
    /// Every match of the pattern in the text (as `captures_iter` finds them), searching only
    /// the sentences that hold a trigger word ([`Text::stretches_holding`]); the whole text if
    /// the pattern has no triggers.
    pub fn captures<'h>(&self, text: &'h Text) -> Vec<Captures<'h>> {
        let s = text.as_str();
        let stretches = match (&self.trigger, self.needs_digit) {
            (Some(trigger), true) => text.stretches_holding_in(trigger, text.number_stretches()),
            (Some(trigger), false) => text.stretches_holding(trigger),
            (None, true) => text.number_stretches().to_vec(),
            (None, false) => return self.regex.captures_iter(s).collect(),
        };
        let mut found = Vec::new();
        for (from, to) in stretches {
            let haystack = &s[..to];
            let mut at = from;
            while at <= to {
                let Some(caps) = self.regex.captures_at(haystack, at) else { break };
                let Some(whole) = caps.get(0) else { break };
                at = if whole.end() > whole.start() {
                    whole.end()
                } else {
                    whole.end() + haystack[whole.end()..].chars().next().map_or(1, char::len_utf8)
                };
                found.push(caps);
            }
        }
        found
    }
}

/// Whether every match of a pattern holds an ASCII digit: a literal with one, a class of
/// digits only, or a sequence with such a part, every branch of an alternation needing one.
/// Sure when it says yes; a pattern it cannot tell about is searched everywhere.
pub fn needs_digit(hir: &Hir) -> bool {
    let digits = |from: u32, to: u32| from >= u32::from(b'0') && to <= u32::from(b'9');
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(Class::Unicode(class)) => {
            !class.ranges().is_empty() && class.ranges().iter().all(|r| digits(r.start().into(), r.end().into()))
        }
        HirKind::Class(Class::Bytes(class)) => {
            !class.ranges().is_empty() && class.ranges().iter().all(|r| digits(r.start().into(), r.end().into()))
        }
        HirKind::Repetition(repetition) => repetition.min > 0 && needs_digit(&repetition.sub),
        HirKind::Capture(capture) => needs_digit(&capture.sub),
        HirKind::Concat(parts) => parts.iter().any(needs_digit),
        HirKind::Alternation(branches) => branches.iter().all(needs_digit),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// Rewrites the Perl classes `\b`, `\w`, `\d` and `\s` as their ASCII forms (`\w` keeping
/// accented Latin letters and combining accents).
///
/// Unicode word boundaries cannot be searched by the regex crate's fast (lazy DFA) engine on
/// text with non-ASCII characters, which abstracts always have (`±`, `–`, `μ`), and Unicode
/// `\w` makes its automata hundreds of times larger; both made extraction several times slower.
/// Rules name ASCII words and the normalised text writes digits and spaces in ASCII, so the
/// ASCII classes match the same.
fn ascii_classes(pattern: &str) -> String {
    // Latin letters with accents stay word characters ("drug-naïve").
    const WORD_CHARS: &str = r"0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}\x{300}-\x{36F}";
    const WORD_CLASS: &str = r"[0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}\x{300}-\x{36F}]";
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') if !in_class => out.push_str("(?-u:\\b)"),
                Some('w') => out.push_str(if in_class { WORD_CHARS } else { WORD_CLASS }),
                Some('d') => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                Some('s') => out.push_str(if in_class { "\\t\\n\\x0B\\x0C\\r " } else { "[\\t\\n\\x0B\\x0C\\r ]" }),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is a literal.
                let mut lookahead = chars.clone();
                match lookahead.next() {
                    Some('^') => {
                        out.push('^');
                        chars.next();
                        if chars.clone().next() == Some(']') {
                            out.push(']');
                            chars.next();
                        }
                    }
                    Some(']') => {
                        out.push(']');
                        chars.next();
                    }
                    _ => {}
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A regex alternation of literal words: `\b(?:w1|w2)\b`, longest first.
pub fn word_alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let parts: Vec<String> = sorted.iter().map(|w| regex::escape(w)).collect();
    format!(r"\b(?:{})\b", parts.join("|"))
}

fn rules_error(file: &str, message: String) -> Error {
    Error::new(ErrorKind::Rules, format!("rules: {file}: {message}"))
}

fn parse_file(label: &str, text: &str) -> Result<RuleFile> {
    toml::from_str(text).map_err(|e| rules_error(label, e.to_string().trim().replace('\n', " ")))
}

fn embedded_files() -> Result<BTreeMap<String, RuleFile>> {
    EMBEDDED.iter().map(|(name, text)| Ok((name.to_string(), parse_file(name, text)?))).collect()
}

fn merge(base: &mut RuleFile, overlay: RuleFile) {
    for rule in overlay.rule {
        match base.rule.iter_mut().find(|r| r.id == rule.id) {
            Some(existing) => *existing = rule,
            None => base.rule.push(rule),
        }
    }
    // A replaced pattern keeps no trigger words it was not given: they may not hold for it.
    for key in overlay.patterns.keys() {
        if !overlay.triggers.contains_key(key) {
            base.triggers.remove(key);
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_become_ascii_inside_and_outside_brackets() {
        assert_eq!(ascii_classes(r"\bHR\b"), r"(?-u:\b)HR(?-u:\b)");
        assert_eq!(
            ascii_classes(r"[\w+/-]\d"),
            r"[0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}\x{300}-\x{36F}+/-][0-9]"
        );
        assert!(compile_pattern(r"^\w+$", false).unwrap().is_match("nai\u{308}ve"));
        assert!(compile_pattern(r"^\w+$", false).unwrap().is_match("naïve"));
        assert_eq!(ascii_classes(r"[^\d()\[\]]\\b"), r"[^0-9()\[\]]\\b");
        assert_eq!(ascii_classes(r"[]a]\s"), r"[]a][\t\n\x0B\x0C\r ]");
        let re = compile_pattern(r"\bHR\s+\d+\b", false).unwrap();
        assert!(re.is_match("μ HR 12 ±"));
        assert!(!re.is_match("HRQoL 12"));
    }

    #[test]
    fn a_pattern_needs_a_digit_only_when_every_match_holds_one() {
        let needs = |pattern: &str| needs_digit(&regex_syntax::parse(&ascii_classes(pattern)).expect("parses"));
        for pattern in [r"\d+", r"n\s*=\s*(?P<n>\d+)", r"(?:\d+|[0-9]{2}) patients", r"(?i)95% CI", "a[0-9]"] {
            assert!(needs(pattern), "{pattern}");
        }
        for pattern in [r"\d*", r"(?:\d+|none) patients", r"\w+", "[0-9a]", r"\bper\b", ""] {
            assert!(!needs(pattern), "{pattern}");
        }
    }

    #[test]
    fn embedded_rules_load() {
        let rules = RuleSet::embedded().unwrap();
        assert!(rules.rules().count() > 0);
    }

    #[test]
    fn unknown_keys_are_errors_naming_file_and_field() {
        let err = parse_file("effect.toml", "[[rule]]\nid = \"x\"\ndescription = \"d\"\nbogus = 1\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("effect.toml") && text.contains("bogus"), "{text}");
    }

    #[test]
    fn bad_pattern_is_an_error_naming_the_field() {
        let file: RuleFile = toml::from_str("[patterns]\nvalue_unit = \"(unclosed\"\n").unwrap();
        let err = Source::new("effect.toml", &file).pattern("value_unit").unwrap_err();
        assert!(err.to_string().contains("patterns.value_unit"), "{err}");
    }

    #[test]
    fn a_replaced_pattern_keeps_only_the_triggers_it_is_given() {
        let mut base: RuleFile =
            toml::from_str("[patterns]\na = 'x'\nb = 'y'\n[triggers]\na = ['per']\nb = ['=']\n").unwrap();
        merge(&mut base, toml::from_str("[patterns]\na = 'z'\n").unwrap());
        assert!(!base.triggers.contains_key("a"), "a replaced pattern lost its old triggers");
        assert_eq!(base.triggers["b"], ["="]);
        merge(&mut base, toml::from_str("[patterns]\nb = 'w'\n[triggers]\nb = ['%']\n").unwrap());
        assert_eq!(base.triggers["b"], ["%"]);
    }
}
