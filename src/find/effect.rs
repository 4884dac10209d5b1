//! Effect estimates: HR, OR, RR, IRR, RD, MD and SMD with their CI and p-value.
//!
//! Three rules, in order:
//! - `effect.named`: a measure is named (`hazard ratio [HR] =`, `aOR`, `mean difference`) and
//!   its estimate follows within a short filler, then a CI and a p-value in any written order;
//! - `effect.list`: further estimates of the same measure follow the first (`HRs 0.58 (…) and
//!   0.71 (…)`);
//! - `effect.inherited`: an estimate with a CI and no name of its own takes the measure named
//!   last in its sentence (`(HR 1·22, 0·59–2·54), as was stroke or TIA (1·29, 0·78–2·14)`),
//!   unless words between them show the numbers are something else (a mean, a median, a rate).

use std::collections::{HashMap, HashSet};

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, one_of};
use nom::combinator::opt;
use nom::sequence::{pair, preceded, tuple};
use regex::Regex;

use super::{Finding, Text};
use crate::error::Result;
use crate::grammar::{ci_label, consumed, decimal, interval, p_value, ws, Interval, PResult, PValue};
use crate::rules::{compile_pattern, Source};
use crate::write::{Kind, Num, Row};

/// What a matched measure name means.
#[derive(Debug, Clone, Copy)]
struct MeasureName {
    code: &'static str,
    adjusted: bool,
}

/// The compiled effect rules.
#[derive(Debug)]
pub struct EffectRules {
    mention: Regex,
    names: HashMap<String, MeasureName>,
    abbreviations: HashMap<String, MeasureName>,
    adjusted_context: Regex,
    endpoints: Regex,
    mention_to_value: Regex,
    copula: Regex,
    not_ratio_unit: Regex,
    difference_unit: Regex,
    inherit_blockers: Regex,
    abbreviation_definition: Regex,
    per_unit: Regex,
    named: bool,
    list: bool,
    inherited: bool,
}

/// The measure codes of the contract.
const CODES: [&str; 7] = ["HR", "OR", "RR", "IRR", "RD", "MD", "SMD"];

/// Whether a measure is a ratio (analysed on the log scale).
pub fn is_ratio(code: &str) -> bool {
    matches!(code, "HR" | "OR" | "RR" | "IRR")
}

/// Lower-cases a name and folds runs of spaces and hyphens, so `Hazard  ratio` finds `hazard ratio`.
fn name_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for part in lower.split(|c: char| c.is_whitespace() || c == '-').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// A name as a pattern that allows any run of spaces or a hyphen between its words.
fn name_pattern(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|p| !p.is_empty())
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"[\s-]+")
}

impl EffectRules {
    /// Compiles the effect rules from the lexicon and the effect rule file.
    pub fn compile(lexicon: &Source<'_>, rules: &Source<'_>) -> Result<EffectRules> {
        let mut names = HashMap::new();
        let mut abbreviations = HashMap::new();
        for spec in &lexicon.file.measure {
            let code = CODES.iter().find(|c| **c == spec.code).ok_or_else(|| {
                lexicon.error(format!("measure `{}`: code must be one of {}", spec.code, CODES.join(", ")))
            })?;
            let plain = MeasureName { code, adjusted: false };
            let adjusted = MeasureName { code, adjusted: true };
            for name in &spec.names {
                names.insert(name_key(name), plain);
            }
            for abbreviation in &spec.abbreviations {
                abbreviations.insert(abbreviation.clone(), plain);
            }
            for form in &spec.adjusted {
                // Forms with a space, or longer than an abbreviation, are names.
                if form.contains(' ') || form.len() > 6 {
                    names.insert(name_key(form), adjusted);
                } else {
                    abbreviations.insert(form.clone(), adjusted);
                }
            }
        }
        if names.is_empty() && abbreviations.is_empty() {
            return Err(lexicon.error("no [[measure]] entries"));
        }
        let mut name_list: Vec<&String> = names.keys().collect();
        name_list.sort_by_key(|n| (std::cmp::Reverse(n.len()), n.to_string()));
        let mut abbreviation_list: Vec<&String> = abbreviations.keys().collect();
        abbreviation_list.sort_by_key(|n| (std::cmp::Reverse(n.len()), n.to_string()));
        let name_alternation: Vec<String> = name_list.iter().map(|n| name_pattern(n)).collect();
        let abbreviation_alternation: Vec<String> = abbreviation_list.iter().map(|a| regex::escape(a)).collect();
        let mention =
            format!(r"(?i:\b(?:{})s?\b)|\b(?:{})\b", name_alternation.join("|"), abbreviation_alternation.join("|"));
        let mention = compile_pattern(&mention, false).map_err(|e| lexicon.error(format!("measure names: {e}")))?;

        let adjusted_words = lexicon.words("adjusted_context")?;
        let adjusted_context = compile_pattern(&crate::rules::word_alternation(adjusted_words), true)
            .map_err(|e| lexicon.error(format!("lexicon.adjusted_context: {e}")))?;
        let endpoint_words = lexicon.words("endpoints")?;
        let (upper, lower): (Vec<String>, Vec<String>) =
            endpoint_words.iter().cloned().partition(|w| w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2);
        let endpoints = compile_pattern(
            &format!(
                r"(?i:\b(?:{})\b)|\b(?:{})\b",
                lower.iter().map(|w| name_pattern(w)).collect::<Vec<_>>().join("|"),
                upper.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
            ),
            false,
        )
        .map_err(|e| lexicon.error(format!("lexicon.endpoints: {e}")))?;

        let enabled = |id: &str| rules.file.rule.iter().any(|r| r.id == id && r.enabled);
        Ok(EffectRules {
            mention,
            names,
            abbreviations,
            adjusted_context,
            endpoints,
            mention_to_value: rules.pattern("mention_to_value")?,
            copula: rules.pattern("copula")?,
            not_ratio_unit: rules.pattern("not_ratio_unit")?,
            difference_unit: rules.pattern("difference_unit")?,
            inherit_blockers: rules.pattern("inherit_blockers")?,
            abbreviation_definition: compile_pattern(
                rules
                    .file
                    .patterns
                    .get("abbreviation_definition")
                    .ok_or_else(|| rules.error("patterns.abbreviation_definition: missing"))?,
                false,
            )
            .map_err(|e| rules.error(format!("patterns.abbreviation_definition: {e}")))?,
            per_unit: rules.pattern("per_unit")?,
            named: enabled("effect.named"),
            list: enabled("effect.list"),
            inherited: enabled("effect.inherited"),
        })
    }

    /// The measure a matched mention names.
    fn lookup(&self, matched: &str) -> Option<MeasureName> {
        if let Some(m) = self.abbreviations.get(matched) {
            return Some(*m);
        }
        let key = name_key(matched);
        self.names.get(&key).or_else(|| key.strip_suffix('s').and_then(|k| self.names.get(k))).copied()
    }

    /// Abbreviations this abstract defines as something else: "heart rate (HR)".
    fn blocked_abbreviations(&self, text: &str) -> HashSet<String> {
        let mut blocked = HashSet::new();
        for caps in self.abbreviation_definition.captures_iter(text) {
            let (Some(words), Some(abbreviation)) = (caps.get(1), caps.get(2)) else { continue };
            let Some(measure) = self.abbreviations.get(abbreviation.as_str()) else { continue };
            let words = name_key(words.as_str());
            let names_measure = self
                .names
                .iter()
                .any(|(name, m)| m.code == measure.code && words.ends_with(name.as_str()))
                || self.names.iter().any(|(name, m)| m.code == measure.code && words.ends_with(&format!("{name}s")));
            if !names_measure {
                let bare = abbreviation.as_str().trim_end_matches('s');
                blocked.insert(bare.to_string());
                blocked.insert(format!("{bare}s"));
            }
        }
        blocked
    }
}

/// An estimate read after a mention (or alone): value, CI, p-value and where it ends.
#[derive(Debug, Clone)]
struct Estimate {
    value: Num,
    start: usize,
    interval: Option<Interval>,
    level: Option<Num>,
    labelled: bool,
    p: Option<PValue>,
    end: usize,
}

/// A measure named in the text.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    measure: MeasureName,
}

/// Every effect row of one abstract.
pub fn find(rules: &EffectRules, text: &Text) -> Vec<Finding> {
    let s = text.as_str();
    let blocked = rules.blocked_abbreviations(s);
    let mut mentions: Vec<Mention> = Vec::new();
    for m in rules.mention.find_iter(s).filter(|m| !blocked.contains(m.as_str())) {
        let Some(measure) = rules.lookup(m.as_str()) else { continue };
        // "hazard ratio [HR]", "odds ratio (OR)": the abbreviation repeats the name.
        if let Some(previous) = mentions.last() {
            let between = s[previous.end..m.start()].trim();
            if previous.measure.code == measure.code && matches!(between, "[" | "(" | "," | "") {
                continue;
            }
        }
        mentions.push(Mention { start: m.start(), end: m.end(), measure });
    }
    if mentions.is_empty() {
        return Vec::new();
    }
    let labels = ci_label_positions(s);
    let mut findings = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (index, mention) in mentions.iter().enumerate() {
        if !rules.named {
            break;
        }
        let next_mention = mentions.get(index + 1).map_or(s.len(), |m| m.start);
        let Some((estimate, loose)) = read_named(rules, s, mention, next_mention) else { continue };
        if loose && estimate.interval.is_none() && estimate.p.is_none() {
            continue;
        }
        let p = estimate.p.clone().or_else(|| p_before(s, mention.start));
        let row = effect_row(rules, text, mention, &estimate, p, &labels, "effect.named");
        taken.push((mention.start, estimate.end));
        findings.push(Finding { row, span: (mention.start, estimate.end) });
        let mut end = estimate.end;
        while let Some(next) = rules.list.then(|| read_listed(rules, s, end, mention.measure.code)).flatten() {
            if next.start >= next_mention {
                break;
            }
            let row = effect_row(rules, text, mention, &next, next.p.clone(), &labels, "effect.list");
            taken.push((next.start, next.end));
            findings.push(Finding { row, span: (next.start, next.end) });
            end = next.end;
        }
    }
    if rules.inherited {
        findings.extend(find_inherited(rules, text, &mentions, &taken, &labels));
    }
    findings
}

/// Reads the estimate after a mention; `loose` when the filler between them has words other
/// than copulas, so the estimate needs a CI or p-value to count.
fn read_named(rules: &EffectRules, s: &str, mention: &Mention, limit: usize) -> Option<(Estimate, bool)> {
    let after = &s[mention.end..];
    if rules.per_unit.is_match(after) {
        return None;
    }
    // The estimate starts at the first digit (or sign or point before one) within the window.
    let window_end = (mention.end + 80).min(limit).min(s.len());
    let window = s.get(mention.end..window_end)?;
    let first_digit = window.find(|c: char| c.is_ascii_digit())?;
    let mut value_at = first_digit;
    // Skip a CI label written before the value: "(95% CI) 0.66 (0.45-0.97)".
    let (mut filler_end, mut pre_level) = (first_digit, None);
    if let Some(label_len) = label_at(&window[first_digit..]) {
        let (level, len) = label_len;
        let rest = &window[first_digit + len..];
        let skip = rest.len() - rest.trim_start_matches([' ', ')', ']', ',', ':', '=']).len();
        let next_digit = rest[skip..].find(|c: char| c.is_ascii_digit())?;
        if next_digit > 30 {
            return None;
        }
        pre_level = level;
        value_at = first_digit + len + skip + next_digit;
        filler_end = value_at;
    }
    let mut start = value_at;
    let bytes = window.as_bytes();
    if start > 0 && bytes[start - 1] == b'.' {
        start -= 1;
    }
    if start > 0 && bytes[start - 1] == b'-' {
        start -= 1;
    }
    let filler = &window[..filler_end.min(start)];
    if !rules.mention_to_value.is_match(filler) && pre_level.is_none() {
        return None;
    }
    let loose = !rules.copula.is_match(filler);
    let mut estimate = read_estimate(rules, s, mention.end + start, mention.measure.code, false)?;
    if estimate.level.is_none() && !estimate.labelled {
        estimate.level = pre_level.clone();
        if pre_level.is_some() {
            estimate.labelled = true;
        }
    }
    Some((estimate, loose))
}

/// A CI label at the start of `s` with its level and length: `95% CI`, `95% confidence interval`.
fn label_at(s: &str) -> Option<(Option<Num>, usize)> {
    ci_label(s).ok().map(|(rest, level)| (level, consumed(s, rest)))
}

/// Byte offsets where CI labels with a level are written, with the level.
fn ci_label_positions(s: &str) -> Vec<(usize, Num)> {
    let mut found = Vec::new();
    for (at, _) in s.match_indices('%') {
        let begin = s[..at].trim_end().rfind(|c: char| !(c.is_ascii_digit() || c == '.')).map_or(0, |p| p + 1);
        if let Ok((_, Some(level))) = ci_label(&s[begin..]) {
            found.push((begin, level));
        }
    }
    found
}

/// Reads `VALUE [unit] [CI block] [p-value]` at byte `at`; `require_ci` for estimates that
/// have no name of their own.
fn read_estimate(rules: &EffectRules, s: &str, at: usize, code: &str, require_ci: bool) -> Option<Estimate> {
    let input = s.get(at..)?;
    let (rest, value) = decimal(input).ok()?;
    let mut position = at + consumed(input, rest);
    let mut rest = rest;
    if is_ratio(code) {
        if rules.not_ratio_unit.is_match(rest) || value.value <= 0.0 && !value.text.starts_with('0') {
            return None;
        }
    } else if let Some(unit) = rules.difference_unit.find(rest) {
        position += unit.end();
        rest = &rest[unit.end()..];
    }
    let mut estimate =
        Estimate { value, start: at, interval: None, level: None, labelled: false, p: None, end: position };
    if let Ok((after, block)) = ci_block(rest) {
        estimate.interval = Some(block.interval);
        estimate.level = block.level;
        estimate.labelled = block.labelled;
        estimate.p = block.p;
        estimate.end = position + consumed(rest, after);
    } else if require_ci {
        return None;
    } else if let Ok((after, p)) = p_after(rest) {
        estimate.p = Some(p);
        estimate.end = position + consumed(rest, after);
    }
    if estimate.interval.is_some() && estimate.p.is_none() {
        let tail = &s[estimate.end..];
        if let Ok((after, p)) = p_after(tail) {
            estimate.p = Some(p);
            estimate.end += consumed(tail, after);
        }
    }
    Some(estimate)
}

/// A confidence interval after an estimate, with what came with it.
struct CiBlock {
    interval: Interval,
    level: Option<Num>,
    labelled: bool,
    p: Option<PValue>,
}

/// The CI after an estimate, in any of the written shapes:
/// ` (95% CI 0.38-0.88)`, `, 95% CI: 0.38, 0.88`, ` [0.38-0.88]`, `; 95% CI, 0.38 to 0.88; P = .01`,
/// `, 0.34-0.92`, `; P = .002; 95% CI, 0.64-0.91`.
fn ci_block(input: &str) -> PResult<'_, CiBlock> {
    let (input, _) = ws(input)?;
    let (input, open) = opt(one_of("([,;:"))(input)?;
    let (input, _) = ws(input)?;
    let (input, p_first) = opt(tuple((p_value, ws, one_of(",;"), ws)))(input)?;
    let (input, label) = opt(tuple((ci_label, ws, opt(one_of(":=,")), ws)))(input)?;
    let labelled = label.is_some();
    if !labelled && open.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)));
    }
    let (input, interval) = interval(labelled)(input)?;
    let (input, p_inside) = opt(preceded(tuple((ws, one_of(",;"), ws)), p_value))(input)?;
    let (input, _) = ws(input)?;
    let input = match open {
        Some('(') => opt(char(')'))(input)?.0,
        Some('[') => opt(char(']'))(input)?.0,
        _ => input,
    };
    let p = p_first.map(|(p, _, _, _)| p).or(p_inside);
    Ok((input, CiBlock { interval, level: label.and_then(|(level, _, _, _)| level), labelled, p }))
}

/// A p-value right after an estimate or its CI: `, P = .01`, ` (p = 0.0013)`, `; P<0.001`.
fn p_after(input: &str) -> PResult<'_, PValue> {
    let (input, _) = tuple((ws, opt(one_of(",;")), ws))(input)?;
    let (input, open) = opt(char('('))(input)?;
    let (input, _) = ws(input)?;
    let (input, _) = opt(pair(alt((tag("log-rank"), tag("log rank"), tag("two-sided"), tag("Wald"))), ws))(input)?;
    let (input, p) = p_value(input)?;
    let input = if open.is_some() { opt(preceded(ws, char(')')))(input)?.0 } else { input };
    Ok((input, p))
}

/// A p-value written just before a mention: `P = .62; hazard ratio 0.86`.
fn p_before(s: &str, mention_start: usize) -> Option<PValue> {
    let from = mention_start.saturating_sub(30);
    let window = s.get(from..mention_start)?;
    let at = window.rfind(['P', 'p'])?;
    let candidate = &window[at..];
    let (rest, p) = p_value(candidate).ok()?;
    let separator: PResult<'_, _> = tuple((ws, one_of(",;("), ws))(rest);
    let (between, _) = separator.ok()?;
    between.is_empty().then_some(p)
}

/// A further estimate of a list: `, 0.71 (0.52-0.97)`, ` and 0.71 (…)`, `; 0.71 (…)`.
fn read_listed(rules: &EffectRules, s: &str, from: usize, code: &str) -> Option<Estimate> {
    let input = s.get(from..)?;
    let mut separator = tuple((
        ws,
        alt((
            tag(", and"),
            tag(",and"),
            tag("and"),
            tag(","),
            tag(";"),
            tag("vs."),
            tag("vs"),
            tag("versus"),
            tag("or"),
        )),
        ws,
    ));
    let (rest, _) = separator(input).ok()?;
    if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
        return None;
    }
    read_estimate(rules, s, from + consumed(input, rest), code, true)
}

/// Estimates with a CI but no name, taking the measure named last in their sentence.
fn find_inherited(
    rules: &EffectRules,
    text: &Text,
    mentions: &[Mention],
    taken: &[(usize, usize)],
    labels: &[(usize, Num)],
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    let mut taken: Vec<(usize, usize)> = taken.to_vec();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = (bytes[i].is_ascii_digit()
            || (bytes[i] == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.' || bytes[i - 1] == b'-'));
        if !starts_number || taken.iter().any(|&(a, b)| a <= i && i < b) {
            i += 1;
            continue;
        }
        let sentence = text.sentence_at(i);
        let Some(mention) = mentions.iter().rev().find(|m| m.end <= i && m.start >= sentence.0) else {
            i += 1;
            continue;
        };
        // The estimate must follow punctuation or a label colon, not a word ("aged 65 (60-70)").
        let before = s[..i].trim_end();
        if !before.ends_with(['(', '[', ',', ';', ':']) {
            i += 1;
            continue;
        }
        let since =
            taken.iter().filter(|&&(_, b)| b <= i && b >= mention.end).map(|&(_, b)| b).max().unwrap_or(mention.end);
        if rules.inherit_blockers.is_match(&s[since..i]) {
            i += 1;
            continue;
        }
        let Some(estimate) = read_estimate(rules, s, i, mention.measure.code, true) else {
            i += 1;
            continue;
        };
        let inside = estimate
            .interval
            .as_ref()
            .is_some_and(|ci| ci.lower.value <= estimate.value.value && estimate.value.value <= ci.upper.value);
        let ratio_ok = !is_ratio(mention.measure.code)
            || estimate.interval.as_ref().is_some_and(|ci| ci.lower.value > 0.0 && estimate.value.value > 0.0);
        if inside && ratio_ok {
            let row = effect_row(rules, text, mention, &estimate, estimate.p.clone(), labels, "effect.inherited");
            findings.push(Finding { row, span: (estimate.start, estimate.end) });
            taken.push((estimate.start, estimate.end));
            i = estimate.end;
        } else {
            i += 1;
        }
    }
    findings
}

/// Builds the row of an estimate.
fn effect_row(
    rules: &EffectRules,
    text: &Text,
    mention: &Mention,
    estimate: &Estimate,
    p: Option<PValue>,
    labels: &[(usize, Num)],
    rule: &str,
) -> Row {
    let s = text.as_str();
    let mut row = Row::new("", Kind::Effect);
    row.measure = Some(mention.measure.code);
    row.value = Some(estimate.value.clone());
    if let Some(ci) = &estimate.interval {
        row.lower = Some(ci.lower.clone());
        row.upper = Some(ci.upper.clone());
        row.ci_level = if estimate.labelled {
            estimate.level.clone()
        } else {
            // An unlabelled interval takes the level of the CI label written last before it.
            labels.iter().rev().find(|(at, _)| *at < estimate.start).map(|(_, level)| level.clone())
        };
    }
    if let Some(p) = p {
        row.p_op = Some(p.op);
        row.p_value = Some(p.value);
    }
    let sentence = text.sentence_at(mention.start);
    let clause_start = s[sentence.0..mention.start].rfind([';', '.']).map_or(sentence.0, |p| sentence.0 + p);
    let context_start = clause_start.max(mention.start.saturating_sub(160));
    let context = s.get(context_start..mention.start).unwrap_or("");
    row.adjusted = Some(mention.measure.adjusted || rules.adjusted_context.is_match(context));
    row.endpoint = endpoint(rules, s, sentence, mention, estimate);
    row.rule = rule.to_string();
    row
}

/// The endpoint named nearest before the estimate in its sentence, else the first after it.
fn endpoint(
    rules: &EffectRules,
    s: &str,
    sentence: (usize, usize),
    mention: &Mention,
    estimate: &Estimate,
) -> Option<String> {
    let sentence_text = s.get(sentence.0..sentence.1)?;
    let target = estimate.start.max(mention.end);
    let mut before = None;
    let mut after = None;
    for m in rules.endpoints.find_iter(sentence_text) {
        let at = sentence.0 + m.start();
        if at < target && !(at >= mention.start && at < mention.end) {
            before = Some(m.as_str());
        } else if at >= estimate.end && after.is_none() {
            after = Some(m.as_str());
        }
    }
    before.or(after).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::signature;
    use crate::rules::RuleSet;

    fn effects(text: &str) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        crate::find::find_rows(&rules, "t", text).iter().filter(|r| r.kind == Kind::Effect).map(signature).collect()
    }

    #[test]
    fn seed_sentence() {
        assert_eq!(
            effects("There was a statistically significant difference in OS in favor of the combined modality arm (hazard ratio [HR]\u{2009}=\u{2009}0.58, 95% confidence interval [CI]\u{2009}=\u{2009}0.38 to 0.88, P\u{2009}=\u{2009}.01)."),
            vec!["HR 0.58 [0.38, 0.88] 95% p=0.01"]
        );
    }

    #[test]
    fn lists_and_inherited() {
        assert_eq!(
            effects("HRs 0.58 (0.38–0.88) and 0.71 (0.52–0.97) for OS and PFS, respectively."),
            vec!["HR 0.58 [0.38, 0.88]", "HR 0.71 [0.52, 0.97]"]
        );
    }

    #[test]
    fn p_before_ci_and_cox_label_first() {
        assert_eq!(
            effects("survival (hazard ratio [HR], 0.76; P = .002; 95% confidence interval [CI], 0.64-0.91)"),
            vec!["HR 0.76 [0.64, 0.91] 95% p=0.002"]
        );
        assert_eq!(
            effects("relapse (Cox hazard ratio (95% confidence interval), 0.663 (0.447–0.983); p=0.041)"),
            vec!["HR 0.663 [0.447, 0.983] 95% p=0.041"]
        );
    }
}
