//! Finders: one module per kind of row, over the normalised abstract.
//!
//! Every finder reads the same [`Text`] (the normalised abstract and its sentences) and
//! returns [`Finding`]s: rows whose evidence is still a byte span of the normalised text.
//! [`find_rows`] maps those spans back to the original abstract (code points) and orders the
//! rows by where their evidence starts.

pub mod arm_label;
mod arm_local;
pub mod arms;
pub mod compile;
pub mod effect;
pub mod events;
pub mod median;
mod outcome;
mod series;
pub mod survival;

use std::cell::{OnceCell, RefCell};

use regex::Regex;

use crate::model::{Kind, Num, Row};
use crate::normalise::Normalised;
use crate::segment;

pub use compile::RuleSet;

/// Byte spans of the text, in order.
type Stretches = Vec<(usize, usize)>;

/// The normalised abstract and its sentences, shared by every finder.
pub struct Text {
    /// The normalised abstract with its map back to the original.
    pub norm: Normalised,
    /// Byte spans of the sentences of `norm.text`.
    pub sentences: Vec<(usize, usize)>,
    /// The stretches holding a digit, read the first time a pattern asks.
    numbers: OnceCell<Vec<(usize, usize)>>,
    /// The stretches holding each list of trigger words searched so far, by the list's number
    /// and whether they were searched within the number stretches only.
    triggered: RefCell<Vec<(usize, bool, Stretches)>>,
}

impl Text {
    /// Normalises and segments an abstract.
    pub fn new(abstract_text: &str) -> Text {
        let norm = Normalised::new(abstract_text);
        let sentences = segment::sentences(&norm.text);
        Text { norm, sentences, numbers: OnceCell::new(), triggered: RefCell::new(Vec::new()) }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.norm.text
    }

    /// The span of the sentence holding byte `at`.
    pub fn sentence_at(&self, at: usize) -> (usize, usize) {
        let index = self.sentences.partition_point(|&(_, end)| end <= at);
        self.sentences.get(index).copied().unwrap_or((at, at))
    }

    /// The index of the sentence holding byte `at`.
    pub fn sentence_index(&self, at: usize) -> usize {
        self.sentences.partition_point(|&(_, end)| end <= at)
    }

    /// The stretches of the text that hold a digit (see [`Text::stretch`]), neighbours
    /// joined: a pattern that needs a number matches only there (unless it runs across
    /// sentences).
    pub fn number_stretches(&self) -> &[(usize, usize)] {
        self.numbers.get_or_init(|| {
            let bytes = self.as_str().as_bytes();
            let mut stretches = Vec::new();
            for index in 0..self.sentences.len().max(1) {
                let (from, to) = self.stretch(index);
                if has_digit(&bytes[from..to]) {
                    join(&mut stretches, (from, to));
                }
            }
            stretches
        })
    }

    /// The stretches of the text holding a match of `trigger` (see [`Text::stretch`]),
    /// neighbours joined. Once a sentence is live, the search goes on from its end: one search
    /// per live sentence.
    pub fn stretches_holding(&self, trigger: &Regex) -> Vec<(usize, usize)> {
        self.stretches_holding_in(trigger, &[(0, self.as_str().len())])
    }

    /// [`Text::stretches_holding`] within `within`, stretches made of whole sentence stretches
    /// (such as [`Text::number_stretches`]): the sentences of those that hold a trigger.
    pub fn stretches_holding_in(&self, trigger: &Regex, within: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let s = self.as_str();
        let mut stretches = Vec::new();
        for &(from, to) in within {
            let mut at = from;
            while at < to {
                let Some(hit) = trigger.find_at(&s[..to], at) else { break };
                let live = self.stretch(self.sentence_index(hit.start()));
                join(&mut stretches, live);
                at = live.1;
            }
        }
        stretches
    }

    /// The stretches holding a match of the trigger words `trigger` (numbered `id`), within the
    /// number stretches when `numbers_only`: [`Text::stretches_holding_in`] or
    /// [`Text::stretches_holding`], searched once per abstract for all the patterns they gate.
    pub fn stretches_triggered(&self, id: usize, trigger: &Regex, numbers_only: bool) -> Vec<(usize, usize)> {
        let found =
            self.triggered.borrow().iter().find(|(i, n, _)| *i == id && *n == numbers_only).map(|f| f.2.clone());
        found.unwrap_or_else(|| {
            let stretches = if numbers_only {
                self.stretches_holding_in(trigger, self.number_stretches())
            } else {
                self.stretches_holding(trigger)
            };
            self.triggered.borrow_mut().push((id, numbers_only, stretches.clone()));
            stretches
        })
    }

    /// Sentence `index` as a stretch: from the end of the sentence before (or the start of the
    /// text) to its end, the last one (or a text without sentences) to the end of the text.
    /// The stretches of all sentences cover the text.
    fn stretch(&self, index: usize) -> (usize, usize) {
        let from = index.checked_sub(1).and_then(|i| self.sentences.get(i)).map_or(0, |s| s.1);
        let to = if index + 1 >= self.sentences.len() { self.as_str().len() } else { self.sentences[index].1 };
        (from, to.max(from))
    }
}

/// A set of words or rule ids from the rule files, only ever asked whether it holds a word
/// (never listed, so the order of its hash plays no part): hashed with [`WordHasher`].
pub(crate) type WordSet = std::collections::HashSet<String, std::hash::BuildHasherDefault<WordHasher>>;

/// A map keyed by words, offsets or spans, hashed with [`WordHasher`] (lookups only: never
/// listed in its hash's order where that order could reach a row).
pub(crate) type KeyMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// A set of words, offsets or spans hashed with [`WordHasher`], as [`KeyMap`].
pub(crate) type KeySet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<WordHasher>>;

/// A fast hash for short keys of the rule files (the multiply-and-rotate of `FxHash`): the
/// standard SipHash, built to resist chosen keys, cost several times as much per lookup, and
/// the finders look words up millions of times per corpus.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        // The table reads its buckets from the low bits and its tags from the high ones: fold
        // the well-mixed high half into the low.
        self.0 ^ (self.0 >> 32)
    }
}

/// Adds `stretch` to `stretches` (in order), joined to the last one when they touch.
fn join(stretches: &mut Vec<(usize, usize)>, (from, to): (usize, usize)) {
    match stretches.last_mut() {
        Some(last) if last.1 >= from => last.1 = last.1.max(to),
        _ => stretches.push((from, to)),
    }
}

/// `words` joined by single spaces, in ASCII lower case: the form in which labels and names
/// are compared (`The  Placebo-group` read as words → `the placebo group`).
pub(crate) fn lowercase_words<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for word in words {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.make_ascii_lowercase();
    key
}

/// Whether `text` ends with `suffix` (in lower case) ignoring ASCII case: as
/// `text.to_ascii_lowercase().ends_with(suffix)`, without lower-casing all of `text` (often
/// everything before a value).
pub(crate) fn ends_with_lowercase(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The last `bytes` bytes of `text`, or fewer to start on a character (at least `bytes` - 3),
/// or all of a shorter text: what a test of how a long text ends needs to read.
pub(crate) fn tail(text: &str, bytes: usize) -> &str {
    let mut from = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

/// Whether `bytes` hold an ASCII digit, tested eight bytes at a time.
fn has_digit(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else { continue };
        // Digits become the bytes 0..=9; a byte below 10 sets its high bit after the subtraction
        // (the classic `hasless(x, 10)` test, exact about whether there is one).
        let x = u64::from_le_bytes(word) ^ (0x30 * ONES);
        if x.wrapping_sub(10 * ONES) & !x & (0x80 * ONES) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// A row found by a finder, with its evidence as a byte span of the normalised text.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The row; `record_id`, `start`, `end` and `evidence` are filled by [`find_rows`].
    pub row: Row,
    /// The evidence: `[from, to)` in bytes of the normalised text.
    pub span: (usize, usize),
}

/// Every row found in one abstract, in order of evidence.
pub fn find_rows(rules: &RuleSet, record_id: &str, abstract_text: &str) -> Vec<Row> {
    let text = Text::new(abstract_text);
    let mut findings = effect::find(&rules.effect, &text);
    let arm_sizes = arms::find(&rules.arms, &text);
    let known = events::Known::new(&rules.arms, text.as_str(), &arm_sizes);
    effect::settle_endpoints(&rules.effect, &text, &mut findings, |phrase| known.names_arm(phrase));
    let labels = &rules.arms.labels;
    let survival = survival::find(&rules.survival, labels, &text, &arm_sizes);
    findings.extend(median::find(&rules.median, labels, &text, &survival, &arm_sizes));
    findings.extend(survival);
    findings.extend(events::find_with_known(&rules.events, &rules.arms, &text, &known));
    findings.extend(arm_sizes);
    arms::reconcile(&rules.arms, &mut findings);
    drop_rates_read_twice(&mut findings);
    findings.sort_by_key(|f| (f.span.0, f.row.kind, f.span.1));
    findings
        .into_iter()
        .map(|finding| {
            let mut row = finding.row;
            row.endpoint = row
                .endpoint
                .and_then(|e| clean_endpoint(&e))
                .map(|e| outcome::spelled_out(text.as_str(), &e).unwrap_or(e))
                .map(|e| as_written(&text, e, finding.span.0));
            row.arm = row.arm.map(|arm| as_written(&text, arm, finding.span.0));
            let (start, end, evidence) = text.norm.evidence(finding.span.0, finding.span.1);
            row.record_id = record_id.to_string();
            row.start = start;
            row.end = end;
            row.evidence = evidence.to_string();
            row
        })
        .collect()
}

/// How far around a row's evidence [`as_written`] looks for its phrase before the whole text.
const PHRASE_WINDOW: usize = 400;

/// A phrase read from the normalised text, as the abstract writes it: the original words of its
/// occurrence nearest the row's evidence at `near` (`Group B, one tablet twice weekly` where the
/// normalised text reads `1 tablet`, `grade 3–4` for `grade 3-4`). A phrase the normalised text
/// does not hold (a label the finder made, `group 2`) stays.
fn as_written(text: &Text, phrase: String, near: usize) -> String {
    let s = text.as_str();
    // `total` is the contract's word for the whole trial, not words of the abstract.
    if phrase.is_empty() || phrase == "total" {
        return phrase;
    }
    let finder = memchr::memmem::Finder::new(phrase.as_bytes());
    let nearest_in = |from: usize, to: usize| {
        finder.find_iter(&s.as_bytes()[from..to]).map(|at| from + at).min_by_key(|&at| at.abs_diff(near))
    };
    // Bytes, not characters: a match of the phrase's bytes starts and ends on character bounds.
    let window = (near.saturating_sub(PHRASE_WINDOW), near.saturating_add(PHRASE_WINDOW).min(s.len()));
    match nearest_in(window.0, window.1).or_else(|| nearest_in(0, s.len())) {
        Some(at) => written_at(text, phrase, at),
        None => phrase,
    }
}

/// The original words of `phrase`, which stands at normalised byte `at`.
fn written_at(text: &Text, phrase: String, at: usize) -> String {
    let written = text.norm.evidence(at, at + phrase.len()).2;
    if written == phrase {
        phrase
    } else {
        written.to_string()
    }
}

/// Words that cannot open or make up an endpoint: connectors, pronouns, group words; in lower
/// case and sorted, for [`is_connector`]'s binary search.
const NOT_AN_ENDPOINT: &[&str] = &[
    "a",
    "all",
    "although",
    "an",
    "and",
    "are",
    "arm",
    "arms",
    "as",
    "at",
    "be",
    "been",
    "between",
    "both",
    "but",
    "by",
    "compared",
    "control",
    "day",
    "days",
    "did",
    "difference",
    "each",
    "for",
    "from",
    "group",
    "groups",
    "h",
    "had",
    "has",
    "have",
    "hour",
    "hours",
    "however",
    "in",
    "intervention",
    "is",
    "it",
    "its",
    "mean",
    "month",
    "months",
    "n",
    "no",
    "not",
    "of",
    "on",
    "only",
    "or",
    "participants",
    "patients",
    "placebo",
    "received",
    "receiving",
    "respectively",
    "sd",
    "se",
    "subjects",
    "than",
    "that",
    "the",
    "there",
    "these",
    "this",
    "those",
    "to",
    "total",
    "versus",
    "vs",
    "was",
    "week",
    "weeks",
    "were",
    "whereas",
    "which",
    "while",
    "who",
    "with",
    "year",
    "years",
];

/// An endpoint phrase as a reader wants it, or nothing: leading connectors and articles
/// dropped, unbalanced brackets trimmed, and phrases that are only connectors, group words or
/// leftovers of numbers ("than", "n =", "± to ±", "A total") refused — an empty endpoint is
/// better than a wrong one.
fn clean_endpoint(endpoint: &str) -> Option<String> {
    let mut words: Vec<&str> = endpoint.split_whitespace().collect();
    // A word without the punctuation around it; the list is in lower case, so comparing while
    // ignoring ASCII case is comparing the word's lower case, without building it.
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let connector = |w: &str| is_connector(bare(w));
    while words.first().is_some_and(|w| connector(w)) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| connector(w)) {
        words.pop();
    }
    let mut phrase = words.join(" ");
    if phrase.ends_with(')') && !phrase.contains('(') {
        phrase.pop();
    }
    if phrase.starts_with('(') && !phrase.contains(')') {
        phrase.remove(0);
    }
    let phrase = phrase.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.')).to_string();
    let content = phrase
        .split_whitespace()
        .filter(|w| bare(w).chars().filter(|c| c.is_alphabetic()).count() >= 2 && !connector(w));
    let connectors = phrase.split_whitespace().filter(|w| connector(w)).count();
    let content = content.count();
    let garbled = phrase.contains(['±', '=', '%']) || content == 0 || connectors > content;
    (!garbled).then_some(phrase)
}

/// Whether `word` is one of [`NOT_AN_ENDPOINT`], ignoring ASCII case: its lower case looked up
/// in the sorted list (this runs on every word of every endpoint phrase, several times).
fn is_connector(word: &str) -> bool {
    const LONGEST: usize = 12;
    let mut lower = [0u8; LONGEST];
    let Some(lower) = lower.get_mut(..word.len()) else { return false };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    NOT_AN_ENDPOINT.binary_search_by(|n| n.as_bytes().cmp(lower)).is_ok()
}

/// A percentage tied to a time point is a landmark rate; when the events finder read the same
/// words as a bare percentage, the events row goes (the guide: a percentage alone tied to a time
/// point is survival; a count with its percentage stays events).
fn drop_rates_read_twice(findings: &mut Vec<Finding>) {
    let rates: Vec<((usize, usize), f64)> = findings
        .iter()
        .filter(|f| f.row.kind == Kind::Survival)
        .filter_map(|f| Some((f.span, f.row.value.as_ref()?.value)))
        .collect();
    findings.retain(|f| {
        if f.row.kind != Kind::Events || f.row.events.is_some() {
            return true;
        }
        let Some(percent) = f.row.percent.as_ref().map(|p| p.value) else { return true };
        !rates.iter().any(|&((from, to), value)| value == percent && from < f.span.1 && f.span.0 < to)
    });
}

/// A compact, readable signature of a row's numbers, used by the rule examples and tests:
/// `HR 0.58 [0.38, 0.88] 95% p=0.01`, `arm_size total 119`, `events combined arm 39/60 65.0%`,
/// `survival combined arm 3 years 56.9 [43.3, 68.5]`, `median X 45.6 months [30.3, 67.8]`,
/// `followup 9.7 years`.
pub fn signature(row: &Row) -> String {
    fn num(n: &Option<Num>) -> String {
        n.as_ref().map_or_else(|| "-".to_string(), |n| n.text.clone())
    }
    fn ci(row: &Row) -> String {
        match (&row.lower, &row.upper) {
            (Some(l), Some(u)) => format!(" [{}, {}]", l.text, u.text),
            _ => String::new(),
        }
    }
    let arm = row.arm.as_deref().unwrap_or("-");
    match row.kind {
        Kind::Effect => {
            let mut s = format!("{} {}{}", row.measure.unwrap_or("?"), num(&row.value), ci(row));
            if let Some(level) = &row.ci_level {
                s.push_str(&format!(" {}%", level.text));
            }
            if let (Some(op), Some(p)) = (row.p_op, &row.p_value) {
                s.push_str(&format!(" p{op}{}", p.text));
            }
            s
        }
        Kind::ArmSize => format!("arm_size {arm} {}", num(&row.n)),
        Kind::Events => {
            let percent = row.percent.as_ref().map_or_else(|| "-".to_string(), |p| format!("{}%", p.text));
            format!("events {arm} {}/{} {percent}", num(&row.events), num(&row.n))
        }
        Kind::Survival => {
            format!("survival {arm} {} {}{}", row.time.as_deref().unwrap_or("-"), num(&row.value), ci(row))
        }
        Kind::Median => format!("median {arm} {} {}{}", num(&row.value), row.unit.unwrap_or("-"), ci(row)),
        Kind::Followup => format!("followup {} {}", num(&row.value), row.unit.unwrap_or("-")),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn has_digit_agrees_with_a_byte_by_byte_test() {
        let mut samples: Vec<String> =
            ["", "no digits here", "a 7", "/:@`\u{2009}μ", "0123456789", "////////::::::::", "\u{0660}"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        samples.push("x".repeat(17) + "0");
        samples.push("9".to_string() + &"y".repeat(20));
        for sample in &samples {
            assert_eq!(super::has_digit(sample.as_bytes()), sample.bytes().any(|b| b.is_ascii_digit()), "{sample:?}");
        }
        // Every byte value, alone and at every place of an eight-byte word.
        for b in 0..=255u8 {
            for at in 0..9 {
                let mut bytes = vec![b'a'; 9];
                bytes[at] = b;
                assert_eq!(super::has_digit(&bytes), b.is_ascii_digit(), "byte {b} at {at}");
            }
        }
    }

    #[test]
    fn ends_with_lowercase_agrees_with_lower_casing_the_text() {
        for text in ["", "the", " the", "In The", "A TOTAL OF", "xx vs.", "μ THE", "é the", "the é"] {
            for suffix in [" the", "total of", " vs.", "e"] {
                let expected = text.to_ascii_lowercase().ends_with(suffix);
                assert_eq!(super::ends_with_lowercase(text, suffix), expected, "{text:?} {suffix:?}");
            }
        }
    }

    #[test]
    fn a_tail_starts_on_a_character() {
        assert_eq!(super::tail("short", 16), "short");
        assert_eq!(super::tail("0123456789abcdefghij", 16), "456789abcdefghij");
        let text = "ααααααααααααα of";
        let tail = super::tail(text, 16);
        assert!(text.ends_with(tail) && tail.len() >= 13 && tail.len() <= 16, "{tail:?}");
    }

    #[test]
    fn number_stretches_cover_the_sentences_with_digits() {
        let text = super::Text::new("No numbers. We enrolled 40 patients. None here either. And 12 more.");
        let s = text.as_str();
        let stretches: Vec<&str> = text.number_stretches().iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(stretches, [" We enrolled 40 patients.", " And 12 more."]);
    }

    use super::clean_endpoint;

    #[test]
    fn a_word_set_finds_what_it_holds_and_nothing_else() {
        let words = ["a", "an", "patients", "participants", "in each", "12345678", "123456789", "é"];
        let set: super::WordSet = words.iter().map(|w| w.to_string()).collect();
        for word in words {
            assert!(set.contains(word), "{word}");
        }
        for word in ["", "A", "patient", "participants ", "1234567", "1234567890", "e"] {
            assert!(!set.contains(word), "{word}");
        }
    }

    #[test]
    fn connectors_are_sorted_and_found_in_any_case() {
        assert!(super::NOT_AN_ENDPOINT.windows(2).all(|w| w[0] < w[1]));
        assert!(super::NOT_AN_ENDPOINT.iter().all(|w| w.len() <= 12), "is_connector reads 12 bytes at most");
        for word in super::NOT_AN_ENDPOINT {
            assert!(super::is_connector(word) && super::is_connector(&word.to_ascii_uppercase()), "{word}");
        }
        for word in ["", "response", "Placebos", "thé", "participantsx", "é"] {
            assert!(!super::is_connector(word), "{word}");
        }
    }

    #[test]
    fn endpoints_keep_words_and_refuse_leftovers() {
        assert_eq!(clean_endpoint("died").as_deref(), Some("died"));
        assert_eq!(clean_endpoint("OS").as_deref(), Some("OS"));
        assert_eq!(clean_endpoint("overall survival").as_deref(), Some("overall survival"));
        assert_eq!(clean_endpoint("The response").as_deref(), Some("response"));
        assert_eq!(clean_endpoint("BR)").as_deref(), Some("BR"));
        assert_eq!(clean_endpoint("than"), None);
        assert_eq!(clean_endpoint("n ="), None);
        assert_eq!(clean_endpoint("± to ±"), None);
        assert_eq!(clean_endpoint("to and and at months").as_deref(), None);
        assert_eq!(clean_endpoint("A total"), None);
    }
}
