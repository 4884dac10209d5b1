//! The compile step of the finders: validated rule data ([`crate::rules`]) → one [`RuleSet`]
//! of compiled patterns, word lists and trigger gates, built once at start-up.
//!
//! Each finder compiles its own structures (`EffectRules::compile`, `ArmRules::compile`, ...)
//! through a [`Source`], a view of one rule file that compiles its patterns with the size
//! limits below; this module holds those shared tools and runs the finders' compile steps.
//! A pattern that no finder read is then an error, as a rule id that no finder asks for is one
//! in [`crate::rules`]: a misspelt name in a user's file must not be ignored silently.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};

use super::{arms, effect, events, median, survival, Text};
use crate::error::{Error, Result};
use crate::rules::{self, Override, RuleFile, RuleFiles, RuleSpec};

/// The largest compiled size a pattern may have, so a user's rule cannot exhaust memory.
const PATTERN_SIZE_LIMIT: usize = 4 * 1024 * 1024;

/// The most memory one pattern's lazy DFA may cache per thread; large enough that the states
/// an abstract needs are built once, not rebuilt after every cache clear (at 2 MiB a pattern's
/// cache was still cleared in steady state: 5 % of a pass rebuilding states).
const DFA_CACHE_LIMIT: usize = 8 * 1024 * 1024;

/// The lazy DFA cache of a [`ScanGate`], whose combined automaton has larger states: at 1 MiB
/// the events gate rebuilt its states all run long (2 % of the instructions).
const GATE_DFA_CACHE_LIMIT: usize = 2 * 1024 * 1024;

/// Patterns compiled without the regex crate's literal prefilter (`(file, key)`).
///
/// Their leading literals (`in`, `at`, `over`, a digit or a single letter, in any case) occur
/// every few bytes of an abstract: the lazy DFA hands the search to the prefilter each time it
/// is back at its start, and the prefilter stops again a few bytes on, which costs two to eight
/// times the DFA's own scan (`find_iter` over the corpus: `survival.toml` `blockers` 24.8 → 3.0
/// µs per KB, `arms.toml` `per_group` 7.2 → 4.6). Patterns whose literals are rare (`%`, `(`,
/// `median`) keep it: there it skips most of the text. `cargo run --release --example
/// pattern_cost -- FILE --prefilter` times every pattern both ways.
const WITHOUT_PREFILTER: &[(&str, &str)] = &[
    ("arms.toml", "per_group"),
    ("effect.toml", "comparison_before"),
    ("effect.toml", "covariate_arm_name"),
    ("effect.toml", "not_bare_difference"),
    ("events.toml", "group_lead"),
    ("events.toml", "landmark"),
    ("events.toml", "total_rate"),
    ("survival.toml", "blockers"),
    ("survival.toml", "sentence_time"),
    ("survival.toml", "time_after_values"),
];

/// An alternative that never matches (no position is both a word boundary and not one) but
/// whose first character is one of thousands: joined to a pattern as `(?:pattern)|this`, it
/// leaves the pattern's matches, their order and its groups as they are, and leaves the regex
/// crate no finite set of leading literals, so it builds no prefilter.
const NO_PREFILTER_BRANCH: &str = r"(?-u:\b\B)[\x{E000}-\x{F8FF}]";

/// The compiled rules every finder uses.
#[derive(Debug)]
pub struct RuleSet {
    files: RuleFiles,
    /// Compiled effect rules.
    pub effect: effect::EffectRules,
    /// Compiled landmark survival rules.
    pub survival: survival::SurvivalRules,
    /// Compiled median and follow-up rules.
    pub median: median::MedianRules,
    /// Compiled arm-size rules and the shared arm labels.
    pub arms: arms::ArmRules,
    /// Compiled events rules.
    pub events: events::EventRules,
}

impl RuleSet {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<RuleSet> {
        RuleSet::compile(RuleFiles::embedded()?)
    }

    /// The embedded rules extended or overridden by the rule files in `dir`.
    pub fn embedded_with_overrides(dir: &Path) -> Result<RuleSet> {
        RuleSet::compile(RuleFiles::embedded_with_overrides(dir)?)
    }

    /// Compiles every finder's rules from `files`.
    pub fn compile(files: RuleFiles) -> Result<RuleSet> {
        let empty = RuleFile::default();
        let source = |name: &'static str| Source::of(&files, name, &empty);
        // Compiling the patterns is most of the start-up time. The arm-size rules, the events
        // rules and the labellers' own patterns (which would otherwise compile in the middle of
        // the first abstracts, holding up a thread) each compile on a thread of their own while
        // the others compile on this one: no part is more than about a third of the whole, so
        // two cores finish together. Errors are reported in the same order as when compiled
        // one after the other.
        let (first, arms, events) = std::thread::scope(|scope| {
            let labellers = scope.spawn(|| {
                super::arm_local::compile_patterns();
            });
            let arms = scope.spawn(|| {
                let arms_source = source("arms.toml");
                let arms = arms::ArmRules::compile(&arms_source);
                (arms, arms_source.all_read(&arms_source))
            });
            let events = scope.spawn(|| {
                // The events patterns use the word lists of `arms.toml`; they read none of its patterns.
                let (events_source, arms_source) = (source("events.toml"), source("arms.toml"));
                let events = events::EventRules::compile(&events_source, &arms_source);
                (events, events_source.all_read(&arms_source))
            });
            let first = (|| -> Result<_> {
                let (lexicon, effect_source) = (source("lexicon.toml"), source("effect.toml"));
                let effect = effect::EffectRules::compile(&lexicon, &effect_source)?;
                let survival_source = source("survival.toml");
                let survival = survival::SurvivalRules::compile(&survival_source)?;
                let median_source = source("median.toml");
                let median = median::MedianRules::compile(&median_source)?;
                for read in [&lexicon, &effect_source, &survival_source, &median_source] {
                    read.all_read(read)?;
                }
                Ok((effect, survival, median))
            })();
            joined(labellers);
            (first, joined(arms), joined(events))
        });
        let (effect, survival, median) = first?;
        let ((arms, arms_read), (events, events_read)) = (arms, events);
        let (arms, events) = (arms?, events?);
        arms_read?;
        events_read?;
        Ok(RuleSet { files, effect, survival, median, arms, events })
    }

    /// The rule files the set was compiled from.
    pub fn files(&self) -> &RuleFiles {
        &self.files
    }

    /// Whether the rule `id` exists and is enabled.
    pub fn is_enabled(&self, id: &str) -> bool {
        self.files.is_enabled(id)
    }

    /// The rule `id`, in whichever file defines it.
    pub fn rule(&self, id: &str) -> Option<&RuleSpec> {
        self.files.rule(id)
    }

    /// Every rule of every file, with the file's name.
    pub fn rules(&self) -> impl Iterator<Item = (&str, &RuleSpec)> {
        self.files.rules()
    }
}

/// What a compile thread returned; its panic goes on in the thread that waits for it.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A rule file being compiled: its name, and what a user's file gave for it, for error
/// messages; and the patterns the finders have read, so that one no finder reads is an error.
///
/// Finders read patterns only through [`Source::pattern`], [`Source::pattern_text`] and the
/// functions built on them, never from `file.patterns` directly, or the pattern counts as unread.
pub struct Source<'a> {
    /// The file name, for errors.
    pub name: &'a str,
    /// The parsed file.
    pub file: &'a RuleFile,
    /// What a user's file gave for this one, if anything.
    user: Option<&'a Override>,
    /// The keys of the patterns read so far.
    read: RefCell<BTreeSet<String>>,
}

impl<'a> Source<'a> {
    /// A named file.
    pub fn new(name: &'a str, file: &'a RuleFile) -> Self {
        Source { name, file, user: None, read: RefCell::new(BTreeSet::new()) }
    }

    /// The file `name` of `files` (`empty` if there is none), with what a user's file gave for it.
    pub fn of(files: &'a RuleFiles, name: &'a str, empty: &'a RuleFile) -> Self {
        Source { user: files.override_of(name), ..Source::new(name, files.get(name).unwrap_or(empty)) }
    }

    /// The file to name in an error about `entry` (`patterns.copula`): the user's file if it
    /// gave the entry, else this one.
    pub fn origin(&self, entry: &str) -> &str {
        match self.user {
            Some(user) if user.gave(entry) => &user.path,
            _ => self.name,
        }
    }

    /// The text of the pattern `key`, as written.
    pub fn pattern_text(&self, key: &str) -> Result<&'a str> {
        let text = self.file.patterns.get(key).ok_or_else(|| self.error_at("patterns", key, "missing"))?;
        self.read.borrow_mut().insert(key.to_string());
        Ok(text)
    }

    /// The compiled pattern `key` (case-insensitive unless it says otherwise with `(?-i)`).
    pub fn pattern(&self, key: &str) -> Result<Regex> {
        self.pattern_with_case(key, true)
    }

    /// The compiled pattern `key`, case-insensitive or not.
    pub fn pattern_with_case(&self, key: &str, case_insensitive: bool) -> Result<Regex> {
        self.compile_named(key, self.pattern_text(key)?, case_insensitive)
    }

    /// Compiles `text`, the pattern `key` of this file (its lists put in), without a literal
    /// prefilter if [`WITHOUT_PREFILTER`] names it.
    fn compile_named(&self, key: &str, text: &str, case_insensitive: bool) -> Result<Regex> {
        let compiled = if WITHOUT_PREFILTER.contains(&(self.name, key)) {
            compile_without_prefilter(text, case_insensitive)
        } else {
            compile_pattern(text, case_insensitive)
        };
        compiled.map_err(|e| self.error_at("patterns", key, e))
    }

    /// The word list `key` as one compiled alternation of whole words (`\b(?:w1|w2)\b`).
    pub fn word_pattern(&self, key: &str, case_insensitive: bool) -> Result<Regex> {
        compile_pattern(&word_alternation(self.words(key)?), case_insensitive)
            .map_err(|e| self.error_at("lexicon", key, e))
    }

    /// Whether this file defines the rule `id` and it is enabled.
    pub fn enabled(&self, id: &str) -> bool {
        self.file.rule.iter().any(|r| r.id == id && r.enabled)
    }

    /// The word list `key`.
    pub fn words(&self, key: &str) -> Result<&'a [String]> {
        self.file.lexicon.get(key).map(Vec::as_slice).ok_or_else(|| self.error_at("lexicon", key, "missing"))
    }

    /// An error about this file.
    pub fn error(&self, message: impl Into<String>) -> Error {
        rules::error(self.name, message.into())
    }

    /// An error about the entry `key` of the table `table` (`patterns`, `copula`), naming the
    /// user's file if it gave the entry.
    pub fn error_at(&self, table: &str, key: &str, detail: impl std::fmt::Display) -> Error {
        let entry = format!("{table}.{key}");
        rules::error(self.origin(&entry), format!("{entry}: {detail}"))
    }

    /// An error if a pattern of this file was read by no finder: it would do nothing. A pattern
    /// that does not compile (lists of this file or `shared` put in) is named as such first.
    pub fn all_read(&self, shared: &Source<'_>) -> Result<()> {
        let read = self.read.borrow();
        match self.file.patterns.iter().find(|(key, _)| !read.contains(*key)) {
            Some((key, text)) => {
                compile_pattern(&expand_lists(text, self, shared), true)
                    .map_err(|e| self.error_at("patterns", key, e))?;
                Err(self.error_at("patterns", key, "no finder reads a pattern of this name"))
            }
            None => Ok(()),
        }
    }
}

/// Compiles a pattern with the size limits that keep user rules from exhausting memory.
pub fn compile_pattern(text: &str, case_insensitive: bool) -> std::result::Result<Regex, regex::Error> {
    build_pattern(&ascii_classes(text), case_insensitive)
}

/// [`compile_pattern`], with an alternative that never matches ([`NO_PREFILTER_BRANCH`]) so that
/// the regex crate builds no literal prefilter: the same matches, found by the DFA's own scan.
pub fn compile_without_prefilter(text: &str, case_insensitive: bool) -> std::result::Result<Regex, regex::Error> {
    build_pattern(&format!("(?:{})|{NO_PREFILTER_BRANCH}", ascii_classes(text)), case_insensitive)
}

/// Builds a pattern already in ASCII classes with the size limits.
fn build_pattern(text: &str, case_insensitive: bool) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(text)
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
    /// Each pattern with triggers: its key, the alternation of its words, whether the finder
    /// gates it (triggers on a pattern it does not search whole are an error), and the file
    /// that gave the triggers, for errors.
    words: Vec<(String, TriggerWords, bool, String)>,
}

/// The alternation of one list of trigger words, with a number that names it in a [`Text`]'s
/// cache of the stretches holding its words: patterns with the same list share one search.
#[derive(Debug, Clone)]
pub struct TriggerWords {
    id: usize,
    words: Regex,
}

/// The next [`TriggerWords`] number; unique in the process, so no two rule sets share one.
static NEXT_TRIGGER_ID: AtomicUsize = AtomicUsize::new(0);

/// A whole-text pattern and the trigger words that gate it (none: the whole text is searched).
#[derive(Debug)]
pub struct Gated {
    /// The compiled pattern.
    pub regex: Regex,
    trigger: Option<TriggerWords>,
    /// Whether every match holds an ASCII digit ([`needs_digit`]): then only the sentences
    /// with one are searched ([`Text::number_stretches`]).
    needs_digit: bool,
}

impl Triggers {
    /// The triggers of `source`'s patterns; `{list}` names a lexicon list of `source` or
    /// `shared`. A list may not be empty, nor a word blank, and each must name a pattern.
    pub fn compile(source: &Source<'_>, shared: &Source<'_>) -> Result<Triggers> {
        let mut words: Vec<(String, TriggerWords, bool, String)> = Vec::new();
        for (key, list) in &source.file.triggers {
            if !source.file.patterns.contains_key(key) {
                return Err(source.error_at("triggers", key, "no pattern of that name"));
            }
            if list.is_empty() {
                return Err(source.error_at("triggers", key, "the list is empty"));
            }
            let mut alternatives = Vec::new();
            for entry in list {
                let expanded = match entry.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
                    Some(name) => source
                        .words(name)
                        .or_else(|_| shared.words(name))
                        .map_err(|_| source.error_at("triggers", key, format!("no lexicon list `{name}`")))?,
                    None => std::slice::from_ref(entry),
                };
                for word in expanded {
                    if word.trim_matches(['*', ' ']).is_empty() {
                        return Err(source.error_at("triggers", key, "a blank word"));
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
            // Patterns with the same words (`{participants}`) share them, and so their search.
            let same = words.iter().map(|(_, trigger, _, _)| trigger).find(|same| same.words.as_str() == text);
            let trigger = match same {
                Some(same) => same.clone(),
                None => TriggerWords {
                    id: NEXT_TRIGGER_ID.fetch_add(1, Ordering::Relaxed),
                    words: RegexBuilder::new(&text)
                        .size_limit(PATTERN_SIZE_LIMIT)
                        .dfa_size_limit(GATE_DFA_CACHE_LIMIT)
                        .build()
                        .map_err(|e| source.error_at("triggers", key, e))?,
                },
            };
            words.push((key.clone(), trigger, false, source.origin(&format!("triggers.{key}")).to_string()));
        }
        Ok(Triggers { words })
    }

    /// The pattern `key`, gated by its trigger words if it has any.
    pub fn gate(&mut self, key: &str, regex: Regex) -> Gated {
        let found = self.words.iter_mut().find(|(k, _, _, _)| k == key);
        let trigger = found.map(|(_, words, gated, _)| {
            *gated = true;
            words.clone()
        });
        // The pattern as written, without the branch that only turns its prefilter off.
        let written = regex.as_str();
        let written = written
            .strip_suffix(NO_PREFILTER_BRANCH)
            .and_then(|p| p.strip_prefix("(?:")?.strip_suffix(")|"))
            .unwrap_or(written);
        let needs_digit = regex_syntax::parse(written).is_ok_and(|hir| needs_digit(&hir));
        Gated { regex, trigger, needs_digit }
    }

    /// An error if a pattern has triggers its finder does not gate (they would do nothing).
    pub fn all_gated(&self) -> Result<()> {
        match self.words.iter().find(|(_, _, gated, _)| !gated) {
            Some((key, _, _, file)) => Err(rules::error(
                file,
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
            (Some(trigger), needs_digit) => text.stretches_triggered(trigger.id, &trigger.words, needs_digit),
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

/// The pattern `key` of `source` with every `{list}` replaced by an alternation of the lexicon
/// list of that name in `source` or `shared` (words longest first, spaces matching any run of
/// spaces), compiled case-insensitively.
pub fn lexicon_pattern_with(source: &Source<'_>, shared: &Source<'_>, key: &str) -> Result<Regex> {
    let text = lexicon_pattern_text(source, shared, key)?;
    source.compile_named(key, &text, true)
}

/// The text of [`lexicon_pattern_with`] before it is compiled.
pub fn lexicon_pattern_text(source: &Source<'_>, shared: &Source<'_>, key: &str) -> Result<String> {
    Ok(expand_lists(source.pattern_text(key)?, source, shared))
}

/// `text` with every `{list}` replaced by the alternation, in a group, of a lexicon list of
/// `source` or `shared`.
fn expand_lists(text: &str, source: &Source<'_>, shared: &Source<'_>) -> String {
    let mut text = text.to_string();
    for (name, words) in source.file.lexicon.iter().chain(shared.file.lexicon.iter()) {
        let placeholder = format!("{{{name}}}");
        if text.contains(&placeholder) {
            let mut sorted: Vec<&str> = words.iter().map(String::as_str).collect();
            sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
            // A group of its own, so `\s+{participants}` puts the space before every word.
            text = text.replace(&placeholder, &format!("(?:{})", list_alternation(&sorted)));
        }
    }
    text
}

/// The words (in order of preference) as one alternation, a space matching any run of spaces:
/// `patients|participants` as `p(?:atients|articipants)`.
///
/// Matches exactly what the plain alternation does, with the same preference: words starting
/// with different letters never both match at one place, and words starting with the same
/// letter keep their order behind it. Its automata are smaller and faster: one branch per
/// first letter instead of one per word. A list with a word that is not lower-case ASCII, or
/// with spaces at its ends or side by side, stays a plain alternation.
fn list_alternation(words: &[&str]) -> String {
    let plain =
        |w: &&str| w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) && w.trim() == *w && !w.contains("  ");
    if words.iter().all(plain) {
        factored(words).join("|")
    } else {
        words.iter().map(|w| escape_word(w)).collect::<Vec<_>>().join("|")
    }
}

/// The branches of [`list_alternation`] for lower-case ASCII words: the words grouped by their
/// first letter, each group in the place of its first word. An empty word matches
/// anywhere, so no word moves ahead of it.
fn factored(words: &[&str]) -> Vec<String> {
    // (first letter, the words); an empty word is a group of its own with no letter.
    let mut groups: Vec<(Option<u8>, Vec<&str>)> = Vec::new();
    let mut barrier = 0;
    for &word in words {
        let Some(&first) = word.as_bytes().first() else {
            groups.push((None, vec![word]));
            barrier = groups.len();
            continue;
        };
        let key = Some(first);
        match groups[barrier..].iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(word),
            None => groups.push((key, vec![word])),
        }
    }
    groups
        .iter()
        .map(|(_, group)| match group.as_slice() {
            [word] => escape_word(word),
            _ => {
                let rest = factored(&group.iter().map(|w| &w[1..]).collect::<Vec<_>>());
                let head = escape_word(&group[0][..1]);
                if rest.len() > 1 {
                    format!("{head}(?:{})", rest.join("|"))
                } else {
                    format!("{head}{}", rest[0])
                }
            }
        })
        .collect()
}

/// A word of a list as a pattern: its characters as written, a space matching any run of spaces.
fn escape_word(word: &str) -> String {
    regex::escape(word).replace(' ', r"\s+")
}

/// A gate over the patterns `keys` of `source` (lists from `source` or `shared`).
pub fn lexicon_gate(source: &Source<'_>, shared: &Source<'_>, keys: &[&'static str]) -> Result<ScanGate> {
    let texts =
        keys.iter().map(|&key| Ok((key, lexicon_pattern_text(source, shared, key)?))).collect::<Result<Vec<_>>>()?;
    Ok(ScanGate::compile(&texts, true))
}

/// [`lexicon_pattern_with`] over the lists of `source` alone.
pub fn lexicon_pattern(source: &Source<'_>, key: &str) -> Result<Regex> {
    lexicon_pattern_with(source, source, key)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_list_grouped_by_first_letter_matches_as_the_plain_list() {
        let words = ["patients", "patient", "pat", "", "participants", "pregnant women", "women", "men", "p", "pa"];
        assert_eq!(factored(&["patients", "patient", "men"]), ["patient(?:s|)", "men"]);
        let haystacks = [
            "12 patients and 3 pregnant   women",
            "4 Patient, 5 pat 6 participants 7 pa 8 p 9 women 10 men",
            "11 PREGNANT\twomen 12 patientsx 13 mens",
        ];
        for case_insensitive in [false, true] {
            for lead in [r"(?P<n>\d+)\s+(?P<w>(?:{}))\b", r"(?P<n>\d+)\s+(?P<w>(?:{}))", r"(?:{})\s*(?P<n>\d+)"] {
                let plain = words.iter().map(|w| escape_word(w)).collect::<Vec<_>>().join("|");
                let plain = compile_pattern(&lead.replace("{}", &plain), case_insensitive).unwrap();
                let grouped =
                    compile_pattern(&lead.replace("{}", &list_alternation(&words)), case_insensitive).unwrap();
                for haystack in haystacks {
                    let spans = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                        let caps = re.captures_iter(haystack);
                        caps.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
                    };
                    assert_eq!(spans(&plain), spans(&grouped), "{lead} in {haystack:?}");
                }
            }
        }
    }

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
    fn bad_pattern_is_an_error_naming_the_field() {
        let file: RuleFile = toml::from_str("[patterns]\nvalue_unit = \"(unclosed\"\n").unwrap();
        let err = Source::new("effect.toml", &file).pattern("value_unit").unwrap_err();
        assert!(err.to_string().contains("patterns.value_unit"), "{err}");
    }

    #[test]
    fn a_pattern_without_prefilter_finds_the_same_matches_and_groups() {
        let text = r"\b(?P<n>\d+)\s+(?:per|in\s+each)\s+(?P<unit>group|arm)s?\b";
        let with = compile_pattern(text, true).unwrap();
        let without = compile_without_prefilter(text, true).unwrap();
        let s = "In all, 40 per group (12 In Each Arm; 7 per-group); 30\u{e000} per arm, 5 per groups.";
        let spans = |re: &Regex| -> Vec<(usize, usize, String, String)> {
            re.captures_iter(s)
                .map(|c| {
                    let whole = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
                    (whole.0, whole.1, c["n"].to_string(), c["unit"].to_string())
                })
                .collect()
        };
        assert_eq!(spans(&without), spans(&with));
        assert_eq!(spans(&with).len(), 3);
        assert_eq!(without.captures_len(), with.captures_len());
    }

    #[test]
    fn every_pattern_compiled_without_prefilter_exists_and_keeps_its_digit_gate() {
        let files: Vec<(&str, RuleFile)> =
            crate::rules::EMBEDDED.iter().map(|(name, text)| (*name, toml::from_str(text).unwrap())).collect();
        for (name, key) in WITHOUT_PREFILTER {
            let file = files.iter().find(|(n, _)| n == name).map(|(_, f)| f);
            assert!(file.is_some_and(|f| f.patterns.contains_key(*key)), "{name} {key}");
        }
        let file: RuleFile = toml::from_str("[patterns]\nper_group = '\\b\\d+ per group'\n").unwrap();
        let source = Source::new("arms.toml", &file);
        let mut triggers = Triggers { words: Vec::new() };
        let gated = triggers.gate("per_group", source.pattern("per_group").unwrap());
        assert!(gated.regex.as_str().ends_with(NO_PREFILTER_BRANCH));
        assert!(gated.needs_digit);
    }
}
