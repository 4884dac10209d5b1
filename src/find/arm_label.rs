//! Arm labels: the shortest phrase of the abstract that names a group, near a number.
//!
//! Every per-group finder (arm sizes, events, and later survival and medians) names the group a
//! number belongs to the same way: read the words after it (`in the combined modality arm` →
//! `combined modality arm`, `to receive placebo` → `placebo`) or before it (`drug X (n = 60)` →
//! `drug X`) up to a boundary word or a punctuation mark. A label ends at a group noun, which
//! keeps its identifier (`group A`, `arm 2`). [`unify`] then gives one group one label across a
//! record, so `placebo` and `placebo group` become `placebo`.
//!
//! The word lists live in `rules/arms.toml` (`label_boundaries`, `group_nouns`, `not_labels`,
//! `participants`), compiled once with the rest of the rules.

use super::compile::Source;
use super::series::GroupPatterns;
use super::{ends_with_lowercase, Finding, KeyMap, WordSet};
use crate::error::Result;

/// The most words a label may have.
const MAX_WORDS: usize = 6;

/// Characters that end a label wherever they stand.
const PUNCTUATION: &[char] = &[',', ';', ':', '(', ')', '[', ']', '{', '}', '=', '<', '>', '"'];

/// Words that do not tell groups apart when comparing two labels of one record.
const SAME_GROUP_STOPWORDS: &[&str] = &["the", "a", "an", "arm", "group", "arms", "groups", "patients", "in"];

/// The compiled word lists that read arm labels.
#[derive(Debug, Clone)]
pub struct ArmLabels {
    boundaries: WordSet,
    group_nouns: WordSet,
    not_labels: WordSet,
    participants: WordSet,
    whole_study: WordSet,
    not_groups: WordSet,
    non_participants: WordSet,
    groups: GroupPatterns,
}

/// A label and where it stands, as a byte span of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The words, copied from the text.
    pub text: String,
    /// `[from, to)` in bytes of the normalised text.
    pub span: (usize, usize),
}

fn lower_set(words: &[String]) -> WordSet {
    words.iter().map(|w| w.to_ascii_lowercase()).collect()
}

/// A word of the text: `[start, end)` in bytes.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    /// Whether a sentence-ending period follows the word.
    ends_sentence: bool,
}

/// The word starting at `at` (which is not a space), or `None` at punctuation or the end.
fn word_at(s: &str, at: usize) -> Option<Word> {
    let rest = s.get(at..)?;
    let first = rest.chars().next()?;
    if first.is_whitespace() || PUNCTUATION.contains(&first) {
        return None;
    }
    let len = rest.find(|c: char| c.is_whitespace() || PUNCTUATION.contains(&c)).unwrap_or(rest.len());
    let mut end = at + len;
    let mut ends_sentence = false;
    // A final period closes the sentence unless it belongs to an abbreviation (`vs.`).
    if s[at..end].ends_with('.') && !matches!(s[at..end].to_ascii_lowercase().as_str(), "vs." | "v." | "no.") {
        end -= 1;
        ends_sentence = true;
    }
    (end > at).then_some(Word { start: at, end, ends_sentence })
}

/// The word ending at `to` (exclusive; the byte before it is not a space), reading backward.
fn word_before(s: &str, to: usize) -> Option<Word> {
    let head = s.get(..to)?;
    let last = head.chars().next_back()?;
    if last.is_whitespace() || PUNCTUATION.contains(&last) {
        return None;
    }
    let start = head
        .rfind(|c: char| c.is_whitespace() || PUNCTUATION.contains(&c))
        .map_or(0, |p| p + head[p..].chars().next().map_or(1, char::len_utf8));
    let ends_sentence =
        s[start..to].ends_with('.') && !matches!(s[start..to].to_ascii_lowercase().as_str(), "vs." | "v.");
    Some(Word { start, end: to, ends_sentence })
}

fn skip_spaces(s: &str, at: usize) -> usize {
    at + s[at..].len() - s[at..].trim_start_matches(' ').len()
}

fn skip_spaces_back(s: &str, to: usize) -> usize {
    s[..to].trim_end_matches(' ').len()
}

impl ArmLabels {
    /// Compiles the label word lists of `arms.toml`.
    pub fn compile(source: &Source<'_>) -> Result<ArmLabels> {
        Ok(ArmLabels {
            boundaries: lower_set(source.words("label_boundaries")?),
            group_nouns: lower_set(source.words("group_nouns")?),
            not_labels: lower_set(source.words("not_labels")?),
            participants: lower_set(source.words("participants")?),
            whole_study: lower_set(source.words("whole_study")?),
            not_groups: lower_set(source.words("not_group_words")?),
            non_participants: lower_set(source.words("non_participants")?),
            groups: GroupPatterns::compile(source)?,
        })
    }

    /// The patterns that read the groups a sentence or a record names.
    pub fn groups(&self) -> &GroupPatterns {
        &self.groups
    }

    /// Whether `word` is a participant noun (`patients`, `women`).
    pub fn is_participant(&self, word: &str) -> bool {
        self.participants.contains(&word.to_ascii_lowercase())
    }

    /// Whether a label names everyone rather than a group: its last word is a participant noun
    /// or names the whole study (`Patients`, `Mexican immigrant women`, `controlled study`).
    pub fn names_everyone(&self, label: &str) -> bool {
        !self.names_treatment(label)
            && label
                .split_whitespace()
                .next_back()
                .is_some_and(|w| self.is_participant(w) || self.whole_study.contains(&w.to_ascii_lowercase()))
    }

    /// Whether a label names a group by the treatment its participants had: `dalteparin-treated
    /// patients`, `placebo-allocated women`.
    pub fn names_treatment(&self, label: &str) -> bool {
        label.split_whitespace().any(|w| w.ends_with("-treated") || w.ends_with("-allocated"))
    }

    /// Whether a label is a singular group noun and an identifier: `group I`, `Arm B`, `group 2`.
    pub fn names_by_id(&self, label: &str) -> bool {
        let words: Vec<&str> = label.split_whitespace().collect();
        matches!(words.as_slice(), [noun, id] if !noun.ends_with('s') && self.is_group_noun(noun) && is_group_id(id))
            || matches!(words.as_slice(), [word] if self.is_hyphenated_group(word))
    }

    /// Whether a word ends a label (`and`, `were`, `of`): it names no group.
    pub fn is_boundary(&self, word: &str) -> bool {
        self.boundaries.contains(&word.to_ascii_lowercase())
    }

    /// Whether a word is a group noun (`group`, `arm`, `cohort`).
    pub fn is_group_noun(&self, word: &str) -> bool {
        self.group_nouns.contains(&word.to_ascii_lowercase())
    }

    /// Whether a label names a group with a group noun (`placebo group`, `arm C`, `Group-1`).
    pub fn has_group_noun(&self, label: &str) -> bool {
        label.split_whitespace().any(|w| self.is_group_noun(w) || self.is_hyphenated_group(w))
    }

    /// Whether a word is a group noun and its identifier joined by a hyphen: `Group-1`, `arm-B`.
    pub fn is_hyphenated_group(&self, word: &str) -> bool {
        word.split_once('-').is_some_and(|(noun, id)| self.is_group_noun(noun) && is_group_id(id))
    }

    /// The label whose words start at byte `from`: `combined modality arm and ...` →
    /// `combined modality arm`; a leading article is skipped.
    pub fn after(&self, s: &str, from: usize) -> Option<Label> {
        let mut at = skip_spaces(s, from);
        let mut words: Vec<Word> = Vec::new();
        let mut after_the = ends_with_lowercase(s[..from].trim_end(), " the");
        while let Some(word) = word_at(s, at) {
            let lower = s[word.start..word.end].to_ascii_lowercase();
            // `the A group`: a capital `A` after `the` and before a group noun is the group's name.
            let named_a = after_the && &s[word.start..word.end] == "A" && self.group_noun_follows(s, word.end);
            if words.is_empty() && matches!(lower.as_str(), "the" | "a" | "an") && !named_a {
                after_the = lower == "the";
                if word.ends_sentence {
                    break;
                }
                at = skip_spaces(s, word.end);
                continue;
            }
            // A capital `A` after a word names it (`drug A`), as the article never would.
            let identifier = (!words.is_empty() || named_a) && &s[word.start..word.end] == "A";
            if (self.boundaries.contains(&lower) && !identifier) || lower.contains('%') {
                break;
            }
            words.push(word);
            if self.is_hyphenated_group(&lower) {
                break;
            }
            if self.group_nouns.contains(&lower) && !word.ends_sentence {
                // A group noun ends the label, with its identifier: `group A`, `arm 2`.
                if let Some(id) = word_at(s, skip_spaces(s, word.end)) {
                    let id_text = &s[id.start..id.end];
                    // `group 10 days after surgery`: a number before a unit of time is a duration.
                    let duration = crate::grammar::time_unit(s[id.end..].trim_start()).is_ok();
                    if is_group_id(id_text) && !duration {
                        words.push(id);
                    }
                }
                break;
            }
            if word.ends_sentence || words.len() >= MAX_WORDS {
                break;
            }
            at = skip_spaces(s, word.end);
            if at == word.end && at < s.len() {
                break;
            }
        }
        self.label_of(s, &words)
    }

    /// Whether the next word after byte `at` is a group noun (`group`, `arm`).
    fn group_noun_follows(&self, s: &str, at: usize) -> bool {
        word_at(s, skip_spaces(s, at))
            .is_some_and(|next| self.group_nouns.contains(&s[next.start..next.end].to_ascii_lowercase()))
    }

    /// The label whose words end at byte `to`, reading backward over a `(`, `[` or `,` first:
    /// `drug X (` → `drug X`, `the combination group,` → `combination group`.
    pub fn before(&self, s: &str, to: usize) -> Option<Label> {
        let mut end = skip_spaces_back(s, to);
        if s[..end].ends_with(['(', '[', ',', ':']) {
            end = skip_spaces_back(s, end - 1);
        }
        let mut words: Vec<Word> = Vec::new();
        while let Some(word) = word_before(s, end) {
            if word.ends_sentence && !words.is_empty() {
                break;
            }
            let lower = s[word.start..word.end].to_ascii_lowercase();
            // `the study group`: a boundary word right before a group noun names the group.
            let before_group_noun = words.first().is_some_and(|next: &Word| {
                let next = s[next.start..next.end].to_ascii_lowercase();
                words.len() == 1 && lower == "study" && self.group_nouns.contains(&next)
            });
            // `the A group`: a capital `A` between `the` and a group noun is the group's name.
            let named_a = &s[word.start..word.end] == "A"
                && words.len() == 1
                && ends_with_lowercase(s[..word.start].trim_end(), " the")
                && self.group_nouns.contains(&s[words[0].start..words[0].end].to_ascii_lowercase());
            // `randomised to AT (n = 8)`: capitals right before the bracket are an abbreviation,
            // not the boundary word they spell.
            let acronym = words.is_empty()
                && s[word.end..].trim_start().starts_with('(')
                && word.end - word.start >= 2
                && s[word.start..word.end].chars().all(|c| c.is_ascii_uppercase());
            let boundary =
                self.boundaries.contains(&lower) && !self.is_id_after_group_noun(s, &word) && !named_a && !acronym;
            if boundary && !before_group_noun || lower.contains('%') {
                break;
            }
            words.insert(0, word);
            if words.len() >= MAX_WORDS || word.ends_sentence {
                break;
            }
            let next = skip_spaces_back(s, word.start);
            if next == word.start {
                break;
            }
            end = next;
        }
        self.label_of(s, &words)
    }

    /// Whether `word` is the identifier after a singular group noun (`group A`, `Arm I`), or after
    /// a plural one right before a bracket (`Arms A (77.0%)`, not `groups A and B`), which is no
    /// article or boundary word even where it is spelled like one.
    fn is_id_after_group_noun(&self, s: &str, word: &Word) -> bool {
        let id = &s[word.start..word.end];
        id.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
            && is_group_id(id)
            && word_before(s, skip_spaces_back(s, word.start))
                .map(|noun| s[noun.start..noun.end].to_ascii_lowercase())
                .is_some_and(|noun| {
                    let bracket_after = s[word.end..].trim_start().starts_with(['(', '[']);
                    (!noun.ends_with('s') || bracket_after) && self.group_nouns.contains(&noun)
                })
    }

    /// The label spanning `words`, when they name a group.
    fn label_of(&self, s: &str, words: &[Word]) -> Option<Label> {
        // `four groups 12 mg`, `2 arms A`: a count of groups before the group's own name.
        let counted_groups = words.windows(2).position(|pair| {
            let noun = s[pair[1].start..pair[1].end].to_ascii_lowercase();
            small_number(&s[pair[0].start..pair[0].end].to_ascii_lowercase()).is_some()
                && noun.strip_suffix('s').is_some_and(|one| self.group_nouns.contains(one))
        });
        let words = counted_groups.map_or(words, |at| &words[at + 2..]);
        let (first, last) = (words.first()?, words.last()?);
        let text = s[first.start..last.end].trim_end_matches([',', '.']).to_string();
        let lower = text.to_ascii_lowercase();
        let has_letter = text.chars().any(char::is_alphabetic);
        if !has_letter || self.not_labels.contains(&lower) || text.starts_with(['-', '/']) {
            return None;
        }
        // `3 doses`, `12 weeks`: a count of things, not a group (`60 Gy course` is one).
        if words.len() >= 2 && s[first.start..first.end].chars().all(|c| c.is_ascii_digit() || c == '.') {
            let second = &s[words[1].start..words[1].end];
            if self.non_participants.contains(&second.to_ascii_lowercase()) {
                return None;
            }
        }
        // A lone participant noun or a lone group noun names no group.
        if words.len() == 1 && (self.is_participant(&lower) || self.group_nouns.contains(&lower)) {
            return None;
        }
        Some(Label { span: (first.start, first.start + text.len()), text })
    }

    /// Two groups a sentence compares, in the order written: `with erlotinib than placebo`,
    /// `in the placebo group than in the levamisole group`, `X vs Y`, `For A and B, respectively`.
    pub fn compared_pair(&self, s: &str, sentence: (usize, usize)) -> Option<(Label, Label)> {
        let text = s.get(sentence.0..sentence.1)?;
        let lower = text.to_ascii_lowercase();
        let respectively = lower.contains("respectively");
        let connectors: &[&str] = &[
            " than ",
            " vs. ",
            " vs ",
            " versus ",
            " over ",
            " compared with ",
            " compared to ",
            " in comparison to ",
            " in comparison with ",
            " and ",
            " or ",
        ];
        let mut found: Vec<(usize, &str)> = Vec::new();
        for connector in connectors {
            if (*connector == " and " || *connector == " or ") && !respectively {
                continue;
            }
            for (at, _) in lower.match_indices(connector) {
                found.push((at, connector));
            }
        }
        found.sort_unstable();
        for (at, connector) in found {
            let left_end = sentence.0 + at;
            let right_start = sentence.0 + at + connector.len();
            let Some(left) = self.before(s, left_end) else { continue };
            // `more PCD than DSME participants`: the quantifier is no part of the group.
            let left = match connector {
                " than " => self.without_leading_comparison(s, left.clone()).unwrap_or(left),
                _ => left,
            };
            // The right side may repeat the preposition: `than in the levamisole group`.
            let mut from = right_start;
            for lead in ["in ", "with ", "for ", "on ", "to "] {
                if s[from..].starts_with(lead) {
                    from += lead.len();
                    break;
                }
            }
            let Some(right) = self.after(s, from) else { continue };
            if !self.is_group_like(&right) || left.text.eq_ignore_ascii_case(&right.text) {
                continue;
            }
            // `in the combination group were significantly higher than in the chemotherapy
            // group`: the left group is the group noun phrase written last before the comparison.
            let left = if self.is_group_like(&left) {
                left
            } else if connector == " than " && self.has_group_noun(&right.text) {
                match self.last_group_before(s, sentence.0, left_end) {
                    Some(l) if !l.text.eq_ignore_ascii_case(&right.text) => l,
                    _ => continue,
                }
            } else {
                continue;
            };
            return Some((left, right));
        }
        None
    }

    /// `Significantly more PCD` names `PCD`: the comparison words (`not_group_words`) a label
    /// read back from `than` starts with are left out.
    fn without_leading_comparison(&self, s: &str, mut label: Label) -> Option<Label> {
        while let Some((first, rest)) = label.text.split_once(' ') {
            if !self.not_groups.contains(first.to_ascii_lowercase().as_str()) {
                break;
            }
            let start = label.span.0 + (label.text.len() - rest.len());
            label = Label { text: rest.to_string(), span: (start, label.span.1) };
        }
        (!self.not_groups.contains(label.text.to_ascii_lowercase().as_str()) && s.is_char_boundary(label.span.0))
            .then_some(label)
    }

    /// The last label ending in a group noun between `from` and `to`: `in the combination group`.
    fn last_group_before(&self, s: &str, from: usize, to: usize) -> Option<Label> {
        let text = s.get(from..to)?.to_ascii_lowercase();
        for noun in ["group", "arm"] {
            if let Some(at) = text.rfind(&format!(" {noun}")) {
                let end = from + at + 1 + noun.len();
                if s[end..].starts_with(|c: char| c.is_alphanumeric()) {
                    continue;
                }
                return self.before(s, end).filter(|l| self.is_group_like(l));
            }
        }
        None
    }

    /// Whether a label read around a connector looks like a group rather than an outcome, a
    /// comparison or a number.
    fn is_group_like(&self, label: &Label) -> bool {
        let words = label.text.split_whitespace().count();
        let lower = label.text.to_ascii_lowercase();
        words <= 4
            // `3 years` is no group; `3-weekly docetaxel` and `5-FU` are.
            && !label.text.split_whitespace().next().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) && !w.contains('-'))
            && !lower.split(|c: char| !c.is_alphanumeric()).any(|w| self.not_groups.contains(w))
    }
}

/// Whether a phrase opens with a word no group's name opens with: a section heading read on
/// (`RESULTS`, `Results Average work incapacity`), `possible groups`, `following 6 months`, the
/// reference of a comparison with no group (`lower than expected (1.2%)`, `greater than chance`).
fn opens_no_group(lower: &str) -> bool {
    let first = lower.split(' ').next().unwrap_or_default();
    matches!(
        first,
        "results"
            | "conclusions"
            | "conclusion"
            | "methods"
            | "background"
            | "objective"
            | "objectives"
            | "possible"
            | "following"
            | "expected"
            | "anticipated"
            | "predicted"
            | "chance"
    )
}

/// Whether a phrase names a time, not a group: `days 2-6`, `weeks 19 through 26`, `6-month`,
/// `6-year follow-up`, `postoperative period` (but `5-day course` and `16-week lifestyle
/// intervention` are groups).
fn names_a_time(lower: &str) -> bool {
    let unit = |w: &str| {
        let w = w.strip_suffix('s').unwrap_or(w);
        matches!(w, "day" | "week" | "month" | "year" | "hour")
    };
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '–'));
    let numbered_unit = |w: &str| w.split_once('-').is_some_and(|(n, u)| number(n) && unit(u));
    let time_word = |w: &str| {
        matches!(w, "period" | "follow-up" | "followup" | "postoperative" | "through" | "to" | "and")
            || w.starts_with("post-")
    };
    let words: Vec<&str> = lower.split(' ').collect();
    words.iter().any(|w| unit(w) || numbered_unit(w) || matches!(*w, "period" | "follow-up"))
        && words.iter().all(|w| unit(w) || numbered_unit(w) || number(w) || time_word(w))
}

/// Whether a label opens with a possessive (`their peers`, `its utility`): it speaks of people
/// or things already named.
fn opens_with_possessive(lower: &str) -> bool {
    let first = lower.split(' ').next().unwrap_or_default();
    matches!(first, "their" | "its" | "our" | "his" | "her")
}

/// Whether a label read beside a value of an outcome names no group: a heading, a time, a
/// possessive phrase (`RESULTS`, `days 2-6`, `6-year follow-up`, `their peers`). Arm sizes keep
/// such labels (`received their parents' preferred treatment`, `during the study period (n =
/// 9)` still counts a group); an outcome's value said of them is of no group the reader knows.
pub fn names_no_group(label: &str) -> bool {
    let lower = label.to_ascii_lowercase();
    opens_no_group(&lower) || names_a_time(&lower) || opens_with_possessive(&lower)
}

/// Whether a word identifies a group after a group noun: `A`, `2`, `II`, `C.`.
fn is_group_id(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        || (word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit()))
        || matches!(word, "I" | "II" | "III" | "IV")
}

/// A small count of groups, written in digits or as a word: `3`, `three`.
pub fn small_number(word: &str) -> Option<usize> {
    let words = ["two", "three", "four", "five", "six", "seven", "eight"];
    word.parse::<usize>().ok().or_else(|| words.iter().position(|w| *w == word).map(|i| i + 2))
}

/// The words of a label that tell groups apart, lower-cased: `the placebo group` → `placebo`.
pub fn group_key(label: &str) -> String {
    super::lowercase_words(
        label
            .split(|c: char| !c.is_alphanumeric() && c != '+')
            // A capital `A` names a group (`group A`), not the article.
            .filter(|w| {
                !w.is_empty() && (*w == "A" || !SAME_GROUP_STOPWORDS.iter().any(|stop| stop.eq_ignore_ascii_case(w)))
            }),
    )
}

/// Whether `label` names one of the record's groups `known`: the same words (`placebo group`
/// and `placebo`), or the first words of exactly one group (`rizatriptan` for `rizatriptan
/// 10 mg`, but not `baricitinib` when `baricitinib 2 mg` and `baricitinib 4 mg` are both arms).
pub fn names_known_group(known: &[String], label: &str) -> bool {
    let keys: Vec<String> = known.iter().map(|k| group_key(k)).collect();
    names_group_keyed(&keys, label)
}

/// [`names_known_group`] given the [`group_key`] of each known group.
pub fn names_group_keyed(keys: &[String], label: &str) -> bool {
    let key = group_key(label);
    if key.is_empty() {
        return false;
    }
    if keys.contains(&key) {
        return true;
    }
    let distinctive = key.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    let extended =
        keys.iter().filter(|k| k.strip_prefix(key.as_str()).is_some_and(|rest| rest.starts_with(' '))).count();
    distinctive && extended == 1
}

/// Gives every group of a record one label, the shortest the record uses for it: rows labelled
/// `placebo group` and `placebo` all become `placebo`. `total` is left alone.
pub fn unify(findings: &mut [Finding]) {
    let mut shortest: KeyMap<String, String> = KeyMap::default();
    for finding in findings.iter() {
        let Some(arm) = finding.row.arm.as_deref() else { continue };
        if arm == "total" {
            continue;
        }
        let key = group_key(arm);
        if key.is_empty() {
            continue;
        }
        let entry = shortest.entry(key).or_insert_with(|| arm.to_string());
        if arm.len() < entry.len() || (arm.len() == entry.len() && arm < entry.as_str()) {
            *entry = arm.to_string();
        }
    }
    for finding in findings.iter_mut() {
        let Some(arm) = finding.row.arm.as_deref() else { continue };
        if let Some(label) = shortest.get(&group_key(arm)) {
            finding.row.arm = Some(label.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::RuleSet;

    fn labels() -> ArmLabels {
        RuleSet::embedded().unwrap().arms.labels.clone()
    }

    #[test]
    fn reads_forward_to_a_group_noun() {
        let s = "39 of 60 in the combined modality arm and 53 of 59";
        let at = s.find("in the").unwrap() + 3;
        assert_eq!(labels().after(s, at).unwrap().text, "combined modality arm");
        let s = "57 patients in group A and 49";
        assert_eq!(labels().after(s, s.find("group").unwrap()).unwrap().text, "group A");
    }

    #[test]
    fn a_capital_a_between_the_and_a_group_noun_names_the_group() {
        let s = "50% in the A group and 60% in the B group";
        assert_eq!(labels().after(s, s.find("the A").unwrap()).unwrap().text, "A group");
        assert_eq!(labels().before(s, s.find(" and").unwrap()).unwrap().text, "A group");
        // The article stays an article: `a group of` names no group `a group`.
        let s = "50% in a group of smokers";
        assert_ne!(labels().after(s, s.find("a group").unwrap()).map(|l| l.text), Some("a group".to_string()));
    }

    #[test]
    fn a_hyphenated_group_noun_and_identifier_is_a_group() {
        let s = "12 (30%) patients in Group-1 and 5 (12%) in Group-2.";
        let label = labels().after(s, s.find("Group-1").unwrap()).unwrap();
        assert_eq!(label.text, "Group-1");
        assert!(labels().has_group_noun(&label.text) && labels().names_by_id(&label.text));
        assert!(!labels().has_group_noun("follow-up"));
    }

    #[test]
    fn reads_backward_over_a_bracket() {
        let s = "randomized to drug X (n = 60) or placebo (n = 59)";
        assert_eq!(labels().before(s, s.find("(n = 60").unwrap()).unwrap().text, "drug X");
        assert_eq!(labels().before(s, s.find("(n = 59").unwrap()).unwrap().text, "placebo");
        let s = "Patients (n=168) were";
        assert_eq!(labels().before(s, s.find('(').unwrap()), None);
    }

    #[test]
    fn finds_the_pair_a_sentence_compares() {
        let s = "Diarrhoea was more common with erlotinib than placebo (8% vs 1%).";
        let (a, b) = labels().compared_pair(s, (0, s.len())).unwrap();
        assert_eq!((a.text.as_str(), b.text.as_str()), ("erlotinib", "placebo"));
        let s = "Survival was greater in the placebo group than in the levamisole group, 68% vs 38%.";
        let (a, b) = labels().compared_pair(s, (0, s.len())).unwrap();
        assert_eq!((a.text.as_str(), b.text.as_str()), ("placebo group", "levamisole group"));
        let s = "Significantly more PCD than DSME participants lost weight (54.0% vs 14.0%).";
        let (a, b) = labels().compared_pair(s, (0, s.len())).unwrap();
        assert_eq!((a.text.as_str(), b.text.as_str()), ("PCD", "DSME"));
    }

    #[test]
    fn one_group_one_label() {
        assert_eq!(group_key("the Placebo group"), group_key("placebo"));
        assert_ne!(group_key("group A"), group_key("group B"));
    }
}
