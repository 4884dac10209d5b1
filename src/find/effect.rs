//! Effect estimates: HR, OR, RR, IRR, RD, MD and SMD with their CI and p-value.
//!
//! Five rules, in the order [`find`] runs them, each leaving alone the text an earlier one took:
//! - `effect.named`: a measure is named (`hazard ratio [HR] =`, `aOR`, `mean difference`) and
//!   its estimate follows within a short filler, then a CI and a p-value in any written order;
//! - `effect.list`: further estimates of the same measure follow the first (`HRs 0.58 (…) and
//!   0.71 (…)`, or bare, each for its group: `0.44 for A and 0.47 for B (p < 0.001)`);
//! - `effect.inherited`: an estimate with a CI and no name of its own takes the measure named
//!   last in its sentence (`(HR 1·22, 0·59–2·54), as was stroke or TIA (1·29, 0·78–2·14)`),
//!   unless words between them show the numbers are something else (a mean, a median, a rate);
//! - `effect.times`: a ratio written in words with its CI (`2.2 times more likely ([1.14–4.29])`)
//!   takes the measure named nearest;
//! - `effect.difference`: a difference with its own labelled CI and no measure's name
//!   (`difference 3.6 points, 95% CI: 0.7-6.5`) is an MD, an RD or an SMD as its clause says.
//!
//! The CI and the p-value after an estimate are read by [`crate::grammar::ci_after_estimate`]
//! and [`crate::grammar::p_value_after`], the same parsers the other finders use.
//!
//! Estimates framed as a predictor's (`predictor_context`) and the estimates of a list of
//! several factors made predictors of an outcome (`A (OR …), B (OR …) were associated with …`)
//! are left out: the guide keeps comparisons of groups, not coefficients of a model.

use regex::Regex;

use super::compile::{compile_pattern, Gated, Source, Triggers};
use super::{clean_endpoint, outcome, Finding, KeyMap, KeySet, Text};
use crate::error::Result;
use crate::grammar::{
    ci_after_estimate, ci_label_at, consumed, decimal, estimate_list_joint, levelled_ci_labels, p_value_after,
    p_value_before, p_value_closing_comparison, p_value_later_in_bracket, ConfidenceInterval, Interval, PValue,
};
use crate::model::{Kind, Num, Row};
use crate::rules;

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
    names: KeyMap<String, MeasureName>,
    /// Names with a `{word}` slot, matched by pattern.
    slotted_names: Vec<(Regex, MeasureName)>,
    abbreviations: KeyMap<String, MeasureName>,
    adjusted_context: Regex,
    endpoints: Regex,
    mention_to_value: Regex,
    copula: Regex,
    not_ratio_unit: Regex,
    difference_unit: Regex,
    difference_sign: Regex,
    inherit_blockers: Regex,
    rate_comparison: Regex,
    not_estimate_after: Regex,
    standard_error: Regex,
    unit_conversion: Regex,
    sign_in_words: Regex,
    bare_estimate_end: Regex,
    p_label_before: Regex,
    not_a_measure: Regex,
    not_a_measure_after: Regex,
    scope: SentenceScope,
    comparison: Regex,
    comparison_stop: Regex,
    predictor_context: Regex,
    predictor_adjusted_for: Regex,
    predictor_subject: Regex,
    /// Abbreviations of `ratio_readings` with the measure they name when their CI is a ratio's.
    ratio_readings: KeyMap<String, MeasureName>,
    /// Each word of `group_synonyms` with the first word of its class.
    group_synonyms: KeyMap<String, String>,
    /// Abbreviations that name their measure only right before `=` (`d = 0.63`, `ES = 0.42`).
    equals_only: KeySet<String>,
    /// Between an estimate and its labelled CI: an aside naming the comparison.
    ci_aside: Regex,
    abbreviation_definition: Regex,
    per_unit: Regex,
    per_unit_after: Regex,
    /// How a list of covariates is written (`adjusted for age, sex and X`).
    covariate: Covariate,
    /// Which of the five rules are enabled.
    enabled: Enabled,
    difference_cue: Regex,
    bare_difference: BareDifference,
    within_group: WithinGroup,
    not_difference: Regex,
    relative_by: Regex,
    difference_after: Regex,
    list_continuation: Regex,
    copula_end: Regex,
    comparative: Regex,
    than_after: Regex,
    bracketed_value: Regex,
    number_needed: Regex,
    outcome_after_measure: Regex,
    difference_in_after: Regex,
    effect_on: Regex,
    more_on_after: Regex,
    change_in: Regex,
    comparison_before: Regex,
    baseline_comparison: Regex,
    bracketed_ci_value: Regex,
    next_group_value: Regex,
    group_value_after: Regex,
    per_arm_label: Regex,
    group_value_before: Regex,
    one_group: OneGroup,
    next_outcome_bracket: Regex,
    group_before_bracket: Regex,
    standardised_cue: Regex,
    proportion_cue: Regex,
    times_likely: Regex,
    for_group: ForGroup,
    list_separator: Regex,
    than_difference: ThanDifference,
}

/// Which effect rules are enabled (`enabled = false` in a rule file turns one off).
#[derive(Debug, Clone, Copy)]
struct Enabled {
    named: bool,
    list: bool,
    inherited: bool,
    times: bool,
    difference: bool,
}

impl Enabled {
    /// Reads the switches of the five rules from the effect rule file.
    fn read(rules: &Source<'_>) -> Enabled {
        Enabled {
            named: rules.enabled("effect.named"),
            list: rules.enabled("effect.list"),
            inherited: rules.enabled("effect.inherited"),
            times: rules.enabled("effect.times"),
            difference: rules.enabled("effect.difference"),
        }
    }
}

/// The measure codes of the contract.
const CODES: [&str; 7] = ["HR", "OR", "RR", "IRR", "RD", "MD", "SMD"];

/// Whether a measure is a ratio (analysed on the log scale).
pub fn is_ratio(code: &str) -> bool {
    matches!(code, "HR" | "OR" | "RR" | "IRR")
}

/// Lower-cases a name and folds runs of spaces and hyphens, so `Hazard  ratio` finds `hazard ratio`.
fn name_key(text: &str) -> String {
    super::lowercase_words(text.split(|c: char| c.is_whitespace() || c == '-').filter(|p| !p.is_empty()))
}

/// A name as a pattern that allows any run of spaces or a hyphen between its words.
/// `{word}` in a name stands for any one word ("absolute {word} difference").
fn name_pattern(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|p| !p.is_empty())
        .map(|part| if part == "{word}" { r"[A-Za-z]+".to_string() } else { regex::escape(part) })
        .collect::<Vec<_>>()
        .join(r"[\s-]+")
}

/// Each word of each class (`"female women woman"`) with the class's first word.
fn synonym_classes(classes: &[String]) -> KeyMap<String, String> {
    let mut folded = KeyMap::default();
    for class in classes {
        let words: Vec<String> = class.split_whitespace().map(str::to_lowercase).collect();
        if let Some(first) = words.first() {
            for word in &words {
                folded.insert(word.clone(), first.clone());
            }
        }
    }
    folded
}

/// Names or abbreviations, each with the measure it names.
type MeasureNames = KeyMap<String, MeasureName>;

/// The names and the abbreviations of the lexicon's `[[measure]]` entries; adjusted forms with
/// a space, or longer than an abbreviation, are names.
fn measure_names(lexicon: &Source<'_>) -> Result<(MeasureNames, MeasureNames)> {
    let mut names = KeyMap::default();
    let mut abbreviations = KeyMap::default();
    for spec in &lexicon.file.measure {
        let code = CODES.iter().find(|c| **c == spec.code).ok_or_else(|| {
            rules::error(
                lexicon.origin("measure"),
                format!("measure `{}`: code must be one of {}", spec.code, CODES.join(", ")),
            )
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
    Ok((names, abbreviations))
}

/// One pattern for every mention of a measure: the names case-insensitively (plural allowed),
/// the abbreviations case-sensitively, longest first.
fn mention_pattern(lexicon: &Source<'_>, names: &MeasureNames, abbreviations: &MeasureNames) -> Result<Regex> {
    let mut name_list: Vec<&String> = names.keys().collect();
    name_list.sort_by_key(|n| (std::cmp::Reverse(n.len()), n.to_string()));
    let mut abbreviation_list: Vec<&String> = abbreviations.keys().collect();
    abbreviation_list.sort_by_key(|n| (std::cmp::Reverse(n.len()), n.to_string()));
    let name_alternation: Vec<String> = name_list.iter().map(|n| name_pattern(n)).collect();
    let abbreviation_alternation: Vec<String> = abbreviation_list.iter().map(|a| regex::escape(a)).collect();
    let mention =
        format!(r"(?i:\b(?:{})s?\b)|\b(?:{})\b", name_alternation.join("|"), abbreviation_alternation.join("|"));
    compile_pattern(&mention, false).map_err(|e| rules::error(lexicon.origin("measure"), format!("measure names: {e}")))
}

/// The lexicon's endpoint words: those with two capitals or more (`OS`, `PFS`) case-sensitively,
/// the others not.
fn endpoint_pattern(lexicon: &Source<'_>) -> Result<Regex> {
    let endpoint_words = lexicon.words("endpoints")?;
    let (upper, lower): (Vec<String>, Vec<String>) =
        endpoint_words.iter().cloned().partition(|w| w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2);
    compile_pattern(
        &format!(
            r"(?i:\b(?:{})\b)|\b(?:{})\b",
            lower.iter().map(|w| name_pattern(w)).collect::<Vec<_>>().join("|"),
            upper.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
        ),
        false,
    )
    .map_err(|e| lexicon.error_at("lexicon", "endpoints", e))
}

/// The names with a `{word}` slot, each as a pattern over a whole mention.
fn slotted_names(lexicon: &Source<'_>, names: &MeasureNames) -> Result<Vec<(Regex, MeasureName)>> {
    let mut slotted = Vec::new();
    for (name, measure) in names {
        if name.contains("{word}") {
            let pattern = compile_pattern(&format!("^(?:{})s?$", name_pattern(name)), true)
                .map_err(|e| rules::error(lexicon.origin("measure"), format!("measure name `{name}`: {e}")))?;
            slotted.push((pattern, *measure));
        }
    }
    Ok(slotted)
}

/// The `ratio_readings` list: abbreviations that name a difference or a ratio (`ARR`), each
/// with the ratio it names when its CI says it is one (`aRR`).
fn ratio_readings(rules: &Source<'_>, abbreviations: &MeasureNames) -> Result<MeasureNames> {
    rules
        .words("ratio_readings")?
        .iter()
        .map(|entry| {
            let mut words = entry.split_whitespace();
            let reading = words.next().zip(words.next()).and_then(|(abbreviation, ratio)| {
                abbreviations.get(ratio).filter(|m| is_ratio(m.code)).map(|m| (abbreviation.to_string(), *m))
            });
            reading.ok_or_else(|| {
                rules.error_at(
                    "lexicon",
                    "ratio_readings",
                    format!("`{entry}` must be an abbreviation and a ratio's abbreviation"),
                )
            })
        })
        .collect()
}

/// The `equals_only` list: abbreviations of the lexicon that name a measure only before `=`.
fn equals_only(rules: &Source<'_>, abbreviations: &MeasureNames) -> Result<KeySet<String>> {
    rules
        .words("equals_only")?
        .iter()
        .map(|entry| {
            if abbreviations.contains_key(entry) {
                Ok(entry.clone())
            } else {
                Err(rules.error_at("lexicon", "equals_only", format!("`{entry}` is no abbreviation of a measure")))
            }
        })
        .collect()
}

/// The patterns that tell a list of covariates from a list of the arms' estimates.
#[derive(Debug)]
struct Covariate {
    predicate: Regex,
    joiner: Regex,
    clause_break: Regex,
    verb: Regex,
    relative_pronoun: Regex,
    arm_name: Regex,
    association: Regex,
}

impl Covariate {
    fn compile(rules: &Source<'_>) -> Result<Covariate> {
        Ok(Covariate {
            predicate: rules.pattern("covariate_predicate")?,
            joiner: rules.pattern("covariate_joiner")?,
            clause_break: rules.pattern("covariate_clause_break")?,
            verb: rules.pattern("covariate_verb")?,
            relative_pronoun: rules.pattern("relative_pronoun")?,
            arm_name: rules.pattern("covariate_arm_name")?,
            association: rules.pattern("covariate_association")?,
        })
    }
}

impl EffectRules {
    /// Compiles the effect rules from the lexicon and the effect rule file.
    pub fn compile(lexicon: &Source<'_>, rules: &Source<'_>) -> Result<EffectRules> {
        let (names, abbreviations) = measure_names(lexicon)?;
        let mut triggers = Triggers::compile(rules, rules)?;
        let than_difference = ThanDifference::compile(rules, &mut triggers)?;
        triggers.all_gated()?;
        Ok(EffectRules {
            mention: mention_pattern(lexicon, &names, &abbreviations)?,
            slotted_names: slotted_names(lexicon, &names)?,
            names,
            equals_only: equals_only(rules, &abbreviations)?,
            ratio_readings: ratio_readings(rules, &abbreviations)?,
            abbreviations,
            adjusted_context: lexicon.word_pattern("adjusted_context", true)?,
            endpoints: endpoint_pattern(lexicon)?,
            mention_to_value: rules.pattern("mention_to_value")?,
            copula: rules.pattern("copula")?,
            not_ratio_unit: rules.pattern("not_ratio_unit")?,
            difference_unit: rules.pattern("difference_unit")?,
            difference_sign: rules.pattern("difference_sign")?,
            inherit_blockers: rules.pattern("inherit_blockers")?,
            rate_comparison: rules.pattern("rate_comparison")?,
            not_estimate_after: rules.pattern("not_estimate_after")?,
            standard_error: rules.pattern("standard_error")?,
            unit_conversion: rules.pattern("unit_conversion")?,
            sign_in_words: rules.pattern("sign_in_words")?,
            bare_estimate_end: rules.pattern("bare_estimate_end")?,
            p_label_before: rules.pattern("p_label_before")?,
            not_a_measure: rules.pattern("not_a_measure")?,
            not_a_measure_after: rules.pattern("not_a_measure_after")?,
            scope: SentenceScope::compile(rules)?,
            comparison: rules.pattern("comparison")?,
            comparison_stop: rules.pattern("comparison_stop")?,
            predictor_context: rules.pattern("predictor_context")?,
            predictor_adjusted_for: rules.pattern("predictor_adjusted_for")?,
            predictor_subject: rules.pattern("predictor_subject")?,
            group_synonyms: synonym_classes(rules.words("group_synonyms")?),
            ci_aside: rules.pattern("ci_aside")?,
            abbreviation_definition: rules.pattern_with_case("abbreviation_definition", false)?,
            per_unit: rules.pattern("per_unit")?,
            per_unit_after: rules.pattern("per_unit_after")?,
            covariate: Covariate::compile(rules)?,
            enabled: Enabled::read(rules),
            difference_cue: rules.pattern("difference_cue")?,
            bare_difference: BareDifference::compile(rules)?,
            within_group: WithinGroup::compile(rules)?,
            not_difference: rules.pattern("not_difference")?,
            relative_by: rules.pattern("relative_by")?,
            difference_after: rules.pattern("difference_after")?,
            list_continuation: rules.pattern("list_continuation")?,
            copula_end: rules.pattern("copula_end")?,
            comparative: rules.pattern("comparative")?,
            than_after: rules.pattern("than_after")?,
            bracketed_value: rules.pattern("bracketed_value")?,
            number_needed: rules.pattern("number_needed")?,
            outcome_after_measure: rules.pattern("outcome_after_measure")?,
            difference_in_after: rules.pattern("difference_in_after")?,
            effect_on: rules.pattern("effect_on")?,
            more_on_after: rules.pattern("more_on_after")?,
            change_in: rules.pattern("change_in")?,
            comparison_before: rules.pattern("comparison_before")?,
            baseline_comparison: rules.pattern("baseline_comparison")?,
            bracketed_ci_value: rules.pattern("bracketed_ci_value")?,
            next_group_value: rules.pattern("next_group_value")?,
            group_value_after: rules.pattern("group_value_after")?,
            per_arm_label: rules.pattern("per_arm_label")?,
            group_value_before: rules.pattern("group_value_before")?,
            one_group: OneGroup::compile(rules)?,
            next_outcome_bracket: rules.pattern("next_outcome_bracket")?,
            group_before_bracket: rules.pattern("group_before_bracket")?,
            standardised_cue: rules.pattern("standardised_cue")?,
            proportion_cue: rules.pattern("proportion_cue")?,
            times_likely: rules.pattern("times_likely")?,
            for_group: ForGroup::compile(rules)?,
            list_separator: rules.pattern("list_separator")?,
            than_difference,
        })
    }

    /// The measure a matched mention names.
    fn lookup(&self, matched: &str) -> Option<MeasureName> {
        if let Some(m) = self.abbreviations.get(matched) {
            return Some(*m);
        }
        let key = name_key(matched);
        self.names
            .get(&key)
            .or_else(|| key.strip_suffix('s').and_then(|k| self.names.get(k)))
            .copied()
            .or_else(|| self.slotted_names.iter().find(|(pattern, _)| pattern.is_match(matched)).map(|(_, m)| *m))
    }

    /// What this abstract defines its abbreviations as: "rate ratio (RR)" makes `RR` an IRR,
    /// "heart rate (HR)" makes `HR` nothing (`None`).
    /// Whether `words` hold a distinctive word of a name of the measure `code` (`mean`,
    /// `difference`, `hazard`, `odds`; not `ratio`, `rate` or `risk`, which name many things).
    fn names_a_word_of(&self, code: &str, words: &str) -> bool {
        const SHARED: [&str; 12] =
            ["ratio", "ratios", "rate", "rates", "risk", "risks", "of", "in", "the", "a", "an", "and"];
        let defining: Vec<&str> = words.split_whitespace().collect();
        self.names
            .iter()
            .filter(|(_, m)| m.code == code)
            .flat_map(|(name, _)| name.split_whitespace())
            .filter(|w| w.len() > 2 && !SHARED.contains(w) && !w.starts_with('{'))
            .any(|w| defining.contains(&w))
    }

    fn abbreviation_definitions(&self, text: &str) -> KeyMap<String, Option<MeasureName>> {
        let mut defined = KeyMap::default();
        for caps in self.abbreviation_definition.captures_iter(text) {
            let (Some(words), Some(abbreviation)) = (caps.get(1), caps.get(2)) else { continue };
            if !self.abbreviations.contains_key(abbreviation.as_str()) {
                continue;
            }
            // Leading space: a name must end the words as whole words ("unadjusted hazard
            // ratio" is not "adjusted hazard ratio").
            let words = format!(" {}", name_key(words.as_str()));
            let named = self
                .names
                .iter()
                .filter(|(name, _)| {
                    let ends_with_name =
                        |w: &str| w.strip_suffix(name.as_str()).is_some_and(|rest| rest.ends_with(' '));
                    ends_with_name(&words) || words.strip_suffix('s').is_some_and(ends_with_name)
                })
                .max_by_key(|(name, _)| name.len())
                .map(|(_, m)| MeasureName {
                    code: m.code,
                    adjusted: m.adjusted || self.adjusted_context.is_match(&words),
                })
                // `average difference in the mean change scores (MD)`: no name ends the words,
                // but a word of the abbreviation's own measure is among them.
                .or_else(|| {
                    self.abbreviations
                        .get(abbreviation.as_str())
                        .copied()
                        .filter(|own| self.names_a_word_of(own.code, &words))
                });
            let bare = abbreviation.as_str().trim_end_matches('s');
            for form in [bare.to_string(), format!("{bare}s")] {
                defined.entry(form).or_insert(named);
            }
        }
        defined
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
    /// What opened the CI: `(`, `[`, `,`, `;` or `:`.
    opener: Option<char>,
    p: Option<PValue>,
    end: usize,
}

impl Estimate {
    /// A value from byte `start` to `end` with no CI or p-value yet.
    fn bare(value: Num, start: usize, end: usize) -> Estimate {
        Estimate { value, start, interval: None, level: None, labelled: false, opener: None, p: None, end }
    }

    /// Takes the interval, level, label, opener and p-value of the CI read after the value.
    fn take_ci(&mut self, ci: ConfidenceInterval) {
        self.interval = Some(ci.bounds);
        self.level = ci.level;
        self.labelled = ci.labelled;
        self.opener = ci.opener;
        self.p = ci.p;
    }

    /// Whether the estimate has an interval and lies within it.
    fn within_interval(&self) -> bool {
        self.interval
            .as_ref()
            .is_some_and(|ci| ci.lower.value <= self.value.value && self.value.value <= ci.upper.value)
    }
}

/// A measure named in the text.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    measure: MeasureName,
    /// What an abbreviation the abstract leaves undefined means when its CI is a ratio's
    /// (`ratio_readings`: "ARR" is an absolute risk reduction or an adjusted risk ratio).
    ratio_reading: Option<MeasureName>,
}

/// Every effect row of one abstract.
///
/// Which rule wins a stretch of text is decided by the order of the steps, each leaving alone
/// what an earlier one took: the estimate after each named measure and its list
/// ([`find_named`]) first; then the estimates that inherit a measure ([`find_inherited`]) and
/// the ratios in words ([`find_times`]), which skip the named ones; then the differences with
/// no measure's name ([`find_unnamed_differences`], then [`find_bare_differences`]), which skip
/// everything taken so far. Last,
/// the estimates of a list of predictors are left out ([`drop_covariate_lists`]).
pub fn find(rules: &EffectRules, text: &Text) -> Vec<Finding> {
    let s = text.as_str();
    let mentions = measure_mentions(rules, s);
    if mentions.is_empty() && !rules.enabled.difference {
        return Vec::new();
    }
    let labels = levelled_ci_labels(s);
    // Without a measure's name or a CI label, only a difference called so or a p-value's
    // difference in a sentence comparing groups can be a row.
    let unnamed = || rules.bare_difference.called.is_match(s) || rules.comparison_before.is_match(s);
    if mentions.is_empty() && labels.is_empty() && !(rules.enabled.difference && unnamed()) {
        return Vec::new();
    }
    let mut scope = RecordScope::default();
    let mut findings = find_named(rules, text, &mentions, &labels, &mut scope);
    let named: Vec<(usize, usize)> = findings.iter().map(|f| f.span).collect();
    if rules.enabled.inherited {
        findings.extend(find_inherited(rules, text, &mentions, &named, &labels, &mut scope));
    }
    if rules.enabled.times {
        findings.extend(find_times(rules, text, &mentions, &named, &labels, &mut scope));
    }
    if rules.enabled.difference {
        let taken: Vec<(usize, usize)> = findings.iter().map(|f| f.span).collect();
        findings.extend(find_unnamed_differences(rules, text, &taken, &labels, &mut scope));
        let taken: Vec<(usize, usize)> =
            findings.iter().map(|f| f.span).chain(mentions.iter().map(|m| (m.start, m.end))).collect();
        findings.extend(find_bare_differences(rules, text, &taken, &labels, &mut scope));
        let taken: Vec<(usize, usize)> =
            findings.iter().map(|f| f.span).chain(mentions.iter().map(|m| (m.start, m.end))).collect();
        findings.extend(find_p_differences(rules, text, &taken, &labels, &mut scope));
        let taken: Vec<(usize, usize)> = findings.iter().map(|f| f.span).collect();
        findings.extend(find_than_differences(rules, text, &taken, &labels, &mut scope));
        let next = find_next_outcome_differences(rules, text, &findings, &labels);
        findings.extend(next);
    }
    let findings = drop_group_values(rules, text, findings);
    let findings = drop_per_arm_estimates(rules, text, findings);
    drop_covariate_lists(rules, text, findings)
}

/// Leaves out a difference that is one group's own value: its group named right after it and
/// another value following, or another bracketed value and its group right before it (`77.2%
/// (CI …) for the control group and 74.8% (CI …) for the intervention group`). The GUIDE's
/// differences are between groups, written with their own number.
fn drop_group_values(rules: &EffectRules, text: &Text, findings: Vec<Finding>) -> Vec<Finding> {
    let s = text.as_str();
    findings
        .into_iter()
        .filter(|f| {
            let difference = matches!(f.row.measure, Some("MD" | "RD"));
            let sentence = text.sentence_at(f.span.0);
            let after = s.get(f.span.1..sentence.1.max(f.span.1)).unwrap_or("");
            let before = s.get(sentence.0..f.span.0.max(sentence.0)).unwrap_or("");
            !(difference && (rules.group_value_after.is_match(after) || rules.group_value_before.is_match(before)))
        })
        .collect()
}

/// Leaves out the estimates that each arm has of its own: two or more estimates of one sentence,
/// each opening its bracket or list item with a different arm's name (`(intervention, AOR 1.37
/// …; control, AOR 1.41 …)`, `per_arm_label`). One estimate per arm is a change within that
/// arm; a comparison of the arms has one estimate for both.
fn drop_per_arm_estimates(rules: &EffectRules, text: &Text, findings: Vec<Finding>) -> Vec<Finding> {
    let s = text.as_str();
    let labels: Vec<Option<((usize, usize), String)>> = findings
        .iter()
        .map(|f| {
            let sentence = text.sentence_at(f.span.0);
            let before = s.get(sentence.0..f.span.0.max(sentence.0))?;
            let item = before.rfind(['(', '[', ';']).map_or(before, |at| &before[at + 1..]);
            let arm = rules.per_arm_label.captures(item)?.name("arm")?.as_str().to_lowercase();
            Some((sentence, arm))
        })
        .collect();
    let mut arms_by_sentence: KeyMap<(usize, usize), KeySet<&str>> = KeyMap::default();
    for (sentence, arm) in labels.iter().flatten() {
        arms_by_sentence.entry(*sentence).or_default().insert(arm);
    }
    let per_arm = |sentence: &(usize, usize)| arms_by_sentence.get(sentence).is_some_and(|arms| arms.len() >= 2);
    findings
        .into_iter()
        .zip(labels.iter())
        .filter(|(_, label)| !label.as_ref().is_some_and(|(sentence, _)| per_arm(sentence)))
        .map(|(finding, _)| finding)
        .collect()
}

/// Settles the endpoints of the effect rows `findings` once the record's groups are known:
/// an endpoint that `names_group` (`more likely with glargine (OR …)`) goes; then each
/// estimate without one takes the endpoint of the estimate before it in its sentence
/// (`fatigue severity (MD 12.47 …), medium effect (d = 0.63)`, `the OR … was 2.88 …, while the
/// corresponding OR was 0.83`), else the subject of the `was` before it (`Overall total costs
/// were higher in A (difference £427`), else the last lexicon endpoint of the sentence before
/// (`5-year OS was 62% vs 48%. The hazard ratio was 0.229.`).
pub fn settle_endpoints(
    rules: &EffectRules,
    text: &Text,
    findings: &mut [Finding],
    names_group: impl Fn(&str) -> bool,
) {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].span);
    let mut previous: Option<(usize, String)> = None;
    for i in order {
        let sentence = text.sentence_at(findings[i].span.0);
        let row = &mut findings[i].row;
        if row.endpoint.as_deref().is_some_and(&names_group) {
            row.endpoint = None;
        }
        if row.endpoint.is_none() {
            // Only an estimate first in its sentence reads the subject of its `was` (`Overall
            // total costs were higher in A (difference £427`): after another estimate that
            // subject is most often the groups' (`compared with usual care was … (HR …) but not
            // women (HR …)`).
            let at = findings[i].span.0;
            let subject = || {
                outcome::subject_of_change(&text.as_str()[sentence.0..sentence.1], at - sentence.0)
                    .filter(|phrase| clean_endpoint(phrase).is_some() && !names_group(phrase))
            };
            row.endpoint = match &previous {
                Some((earlier, endpoint)) if *earlier == sentence.0 => Some(endpoint.clone()),
                _ => subject()
                    .or_else(|| previous_endpoint(rules, text, sentence))
                    .or_else(|| rates_subject_before(text, sentence).filter(|phrase| !names_group(phrase))),
            };
        }
        if let Some(endpoint) = &row.endpoint {
            previous = Some((sentence.0, endpoint.clone()));
        }
    }
}

/// The measures named in the text, in order: each mention the lexicon knows, read as the
/// abstract defines it (`rate ratio (RR)` makes `RR` an IRR, `heart rate (HR)` makes `HR`
/// nothing), except where the words around it show it names something else
/// (`not_a_measure`) and where an abbreviation repeats the name before it (`hazard ratio [HR]`).
fn measure_mentions(rules: &EffectRules, s: &str) -> Vec<Mention> {
    // The abbreviations the abstract defines, read once it mentions a measure (most do not).
    let mut defined: Option<KeyMap<String, Option<MeasureName>>> = None;
    let mut mentions: Vec<Mention> = Vec::new();
    for m in rules.mention.find_iter(s) {
        let defined = defined.get_or_insert_with(|| rules.abbreviation_definitions(s));
        let (measure, ratio_reading) = match defined.get(m.as_str()) {
            Some(Some(measure)) => (*measure, None),
            Some(None) => continue,
            None => match rules.lookup(m.as_str()) {
                Some(measure) => (measure, rules.ratio_readings.get(m.as_str()).copied()),
                None => continue,
            },
        };
        if rules.not_a_measure.is_match(&s[..m.start()]) || rules.not_a_measure_after.is_match(&s[m.end()..]) {
            continue;
        }
        if rules.equals_only.contains(m.as_str()) && !s[m.end()..].trim_start().starts_with('=') {
            continue;
        }
        // "hazard ratio [HR]", "odds ratio (OR)": the abbreviation repeats the name.
        if let Some(previous) = mentions.last() {
            let between = s[previous.end..m.start()].trim();
            if previous.measure.code == measure.code && matches!(between, "[" | "(" | "," | "") {
                continue;
            }
        }
        mentions.push(Mention { start: m.start(), end: m.end(), measure, ratio_reading });
    }
    let signs = difference_signs(rules, s);
    if !signs.is_empty() {
        mentions.extend(signs);
        mentions.sort_by_key(|m| m.start);
    }
    mentions
}

/// `Δ 20.0% points [95% CI …]`, `versus placebo [Δ] −0.24`: a delta standing alone before its
/// number names a mean difference (`difference_sign`), unless its clause speaks of a change
/// within a group (`within_group`) and compares nothing (`comparison_before`).
fn difference_signs(rules: &EffectRules, s: &str) -> Vec<Mention> {
    let mut signs = Vec::new();
    for caps in rules.difference_sign.captures_iter(s) {
        let Some(sign) = caps.name("sign") else { continue };
        let clause_from = s[..sign.start()].rfind(['.', ';', ':']).map_or(0, |i| i + 1);
        let clause = &s[clause_from..sign.start()];
        if rules.within_group.words.is_match(clause) && !rules.comparison_before.is_match(clause) {
            continue;
        }
        let measure = MeasureName { code: "MD", adjusted: false };
        signs.push(Mention { start: sign.start(), end: sign.end(), measure, ratio_reading: None });
    }
    signs
}

/// `effect.named` and `effect.list`: for each mention, the estimate it names and the further
/// estimates of its list, up to the next mention.
fn find_named(
    rules: &EffectRules,
    text: &Text,
    mentions: &[Mention],
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !rules.enabled.named {
        return findings;
    }
    for (index, mention) in mentions.iter().enumerate() {
        let next_mention = mentions.get(index + 1).map_or(text.as_str().len(), |m| m.start);
        findings.extend(named_and_listed(rules, text, mention, next_mention, labels, scope));
    }
    findings
}

/// The estimate one mention names (`effect.named`: `HR 0.58 (0.38–0.88)`), then its list
/// (`effect.list`): bare estimates each for its group (`0.44 for A and 0.47 for B (p < 0.001)`),
/// or estimates each with its own CI (`and 0.71 (0.52–0.97)`), before `next_mention`.
fn named_and_listed(
    rules: &EffectRules,
    text: &Text,
    mention: &Mention,
    next_mention: usize,
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    if out_of_scope(rules, text, text.sentence_at(mention.start), scope) {
        return findings;
    }
    let Some((estimate, loose)) = read_named(rules, text, mention, next_mention) else { return findings };
    let bare = rules.enabled.list && estimate.interval.is_none() && estimate.p.is_none();
    // `was 1.15 and 1.01 for A and B, respectively`: a list its sentence closes needs no CI.
    let respectively = bare
        .then(|| read_respectively_list(rules, s, &estimate, next_mention.min(text.sentence_at(mention.start).1)))
        .flatten();
    let loose_bare = loose && estimate.interval.is_none() && respectively.is_none();
    if rules.per_unit_after.is_match(&s[estimate.end..]) || loose_bare {
        return findings;
    }
    let for_list = if bare { read_for_list(rules, s, &estimate, next_mention) } else { None };
    let for_list = for_list.or(respectively);
    let (listed, list_p) = for_list.unwrap_or_default();
    let p = estimate.p.clone().or_else(|| list_p.clone()).or_else(|| p_value_before(s, mention.start));
    let row = effect_row(rules, text, mention, &estimate, p, labels, "effect.named");
    findings.push(Finding { row, span: (mention.start, estimate.end) });
    for next in listed {
        let row = effect_row(rules, text, mention, &next, list_p.clone(), labels, "effect.list");
        findings.push(Finding { row, span: (next.start, next.end) });
    }
    let mut end = estimate.end;
    while let Some(next) = rules.enabled.list.then(|| read_listed(rules, s, end, mention.measure.code)).flatten() {
        if next.start >= next_mention {
            break;
        }
        let row = effect_row(rules, text, mention, &next, next.p.clone(), labels, "effect.list");
        findings.push(Finding { row, span: (next.start, next.end) });
        end = next.end;
    }
    findings
}

/// Differences written with their own labelled CI but no measure's name: `lowered blood
/// pressure by 1.93 mmHg (95% CI 0.063–3.8)`, `difference 3.6 points, 95% CI: 0.7-6.5`,
/// `−0·02; 95 % CI −0·15, 0·11`. The number right before a CI label is the estimate
/// ([`estimate_before_label`]) when [`unnamed_difference_code`] reads it as a difference; the
/// next differences of its list follow.
fn find_unnamed_differences(
    rules: &EffectRules,
    text: &Text,
    taken: &[(usize, usize)],
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    let mut taken = taken.to_vec();
    for &(label_at, _) in labels {
        if taken.iter().any(|&(a, b)| a <= label_at && label_at < b) {
            continue;
        }
        let sentence = text.sentence_at(label_at);
        let Some(estimate) = estimate_before_label(rules, s, sentence, label_at) else { continue };
        if taken.iter().any(|&(a, b)| a < estimate.end && estimate.start < b) {
            continue;
        }
        // `only for depression (−0.7, 95% CI …) and social integration (0.8, 95% CI …)`: the
        // next outcome's bracket after a difference holds a difference of the same kind.
        let listed_after = findings
            .last()
            .filter(|f: &&Finding| f.span.1 <= estimate.start && f.span.0 >= sentence.0)
            .and_then(|f| rules.next_outcome_bracket.is_match(&s[f.span.1..estimate.start]).then_some(f.row.measure));
        let code = match unnamed_difference_code(rules, text, sentence, &estimate, label_at, scope) {
            Some(code) => code,
            None => match listed_after.flatten() {
                Some(code @ ("MD" | "SMD" | "RD")) => listed_measure(rules, code, s, &estimate),
                _ => continue,
            },
        };
        let mention = Mention {
            start: estimate.start,
            end: estimate.start,
            measure: MeasureName { code, adjusted: false },
            ratio_reading: None,
        };
        let mut end = estimate.end;
        let row = effect_row(rules, text, &mention, &estimate, estimate.p.clone(), labels, "effect.difference");
        taken.push((estimate.start, estimate.end));
        findings.push(Finding { row, span: (estimate.start, estimate.end) });
        // `3.8 min/day, 95% CI 1.5 to 6.1; 4.7 min/day, 0.0 to 9.5`: the next differences of
        // a list, each with its interval, are of the same measure; so are those each for its
        // own dose or schedule (`22.5 m (95% CI …) for weekly and 0.5 m (95% CI …) for qow`).
        loop {
            let group = dose_group_after(rules, s, (end, sentence.1));
            let Some(next) = read_listed(rules, s, group.unwrap_or(end), code) else { break };
            // A difference for a dose is followed by its own dose.
            let ends_group = || dose_group_after(rules, s, (next.end, sentence.1)).is_some();
            if !next.within_interval() || next.end > sentence.1 || group.is_some() && !ends_group() {
                break;
            }
            let row = effect_row(rules, text, &mention, &next, next.p.clone(), labels, "effect.difference");
            taken.push((next.start, next.end));
            findings.push(Finding { row, span: (next.start, next.end) });
            end = next.end;
        }
    }
    findings
}

/// The patterns of the group a bare estimate of a list is for (` for quetiapine 300 mg/day`).
#[derive(Debug)]
struct ForGroup {
    /// The group's words (`for_group`).
    words: Regex,
    /// A word ending them: the next item or clause (`for_group_end`).
    end: Regex,
    /// A word naming a group, arm or comparator, whose value is its own (`group_word`).
    names_group: Regex,
}

impl ForGroup {
    /// Compiles the three patterns from the effect rules.
    fn compile(rules: &Source<'_>) -> Result<ForGroup> {
        Ok(ForGroup {
            words: rules.pattern("for_group")?,
            end: rules.pattern("for_group_end")?,
            names_group: rules.pattern("group_word")?,
        })
    }

    /// The first group's words in `text` (` for quetiapine 300 mg/day`), up to the word that ends
    /// them, when they hold more than ` for`.
    fn first_in<'t>(&self, text: &'t str) -> Option<&'t str> {
        let group = self.words.find(text)?;
        let group_end = self.end.find(group.as_str()).map_or(group.end(), |m| m.start());
        (group_end > " for".len()).then(|| &group.as_str()[..group_end])
    }
}

/// Where the dose or schedule a difference is for ends, when one follows it (` for weekly`, ` for
/// 22G`, `for_group` up to `for_group_end`) within `span`: not a group, arm or comparator named
/// (`for the placebo group`), whose value would be that group's own.
fn dose_group_after(rules: &EffectRules, s: &str, span: (usize, usize)) -> Option<usize> {
    let words = rules.for_group.first_in(s.get(span.0..span.1)?)?;
    (!rules.for_group.names_group.is_match(words)).then_some(span.0 + words.len())
}

/// The patterns of a change within a group rather than a difference of groups.
#[derive(Debug)]
struct WithinGroup {
    /// Before an estimate: words of a change within one group (`within_group`).
    words: Regex,
    /// In the clause before an estimate: every group changed (`all_groups_change`).
    every_group: Regex,
    /// In the clause before an estimate: the treatment's effect named (`treatment_effect`).
    treatment_effect: Regex,
}

impl WithinGroup {
    /// Compiles the two patterns from the effect rules.
    fn compile(rules: &Source<'_>) -> Result<WithinGroup> {
        Ok(WithinGroup {
            words: rules.pattern("within_group")?,
            every_group: rules.pattern("all_groups_change")?,
            treatment_effect: rules.pattern("treatment_effect")?,
        })
    }
}

/// The patterns of a sentence whose estimates are no results of the trial's comparison.
#[derive(Debug)]
struct SentenceScope {
    /// The design, sample size or hypothesis (`design_context`).
    design: Regex,
    /// A result set against a margin, no design (`margin_met`).
    margin_met: Regex,
    /// The agreement of two ways of measuring (`method_agreement`).
    method_agreement: Regex,
    /// Risk factors that describe a subgroup's people, no predictor (`people_with_risk_factors`).
    people_with_risk_factors: Regex,
}

impl SentenceScope {
    /// Compiles the four patterns from the effect rules.
    fn compile(rules: &Source<'_>) -> Result<SentenceScope> {
        Ok(SentenceScope {
            design: rules.pattern("design_context")?,
            margin_met: rules.pattern("margin_met")?,
            method_agreement: rules.pattern("method_agreement")?,
            people_with_risk_factors: rules.pattern("people_with_risk_factors")?,
        })
    }
}

/// The patterns of a difference called so right before its own number.
#[derive(Debug)]
struct BareDifference {
    /// The word and what joins it to the number (`bare_difference`).
    called: Regex,
    /// In the clause before the word: what makes it no difference of groups (`not_bare_difference`).
    not_before: Regex,
}

impl BareDifference {
    /// Compiles the two patterns from the effect rules.
    fn compile(rules: &Source<'_>) -> Result<BareDifference> {
        Ok(BareDifference {
            called: rules.pattern("bare_difference")?,
            not_before: rules.pattern("not_bare_difference")?,
        })
    }
}

/// Differences called so right before their own number, with no measure's name and no CI
/// label: `difference −1.55 (−2.85 to −0.25)`, `ferritin difference −1047 ng/mL (−1524,
/// −570), p<0.001`, `(difference: 0.77 kg, P < 0.001)`, `a group difference of −2.69 (p <
/// 0.001)`. The number must carry an interval that holds it or a p-value; not after words
/// making it relative, a median or no difference (`not_bare_difference`), nor in a clause of
/// change within a group or a sentence out of scope.
fn find_bare_differences(
    rules: &EffectRules,
    text: &Text,
    taken: &[(usize, usize)],
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    for caps in rules.bare_difference.called.captures_iter(s) {
        let Some(called) = caps.get(0) else { continue };
        let at = called.end();
        let label = caps.name("level").or_else(|| caps.name("level2"));
        let level = label.and_then(|m| Num::parse(m.as_str()));
        // The endpoint is read before the label, not from it (`CI`).
        let label_from = label.map_or(at, |m| s[..m.start()].rfind(['(', '[']).unwrap_or(at));
        let overlaps = |(a, b): (usize, usize)| {
            taken.iter().chain(findings.iter().map(|f: &Finding| &f.span)).any(|&(x, y)| x < b && a < y)
        };
        if at >= s.len() || !starts_number(s.as_bytes(), at) || overlaps((called.start(), at + 1)) {
            continue;
        }
        let sentence = text.sentence_at(at);
        let clause = &s[clause_start(s, sentence, called.start())..called.start()];
        if rules.bare_difference.not_before.is_match(clause)
            || rules.not_difference.is_match(clause)
            || every_group_changed(rules, clause)
        {
            continue;
        }
        let Some(mut estimate) = read_estimate(rules, s, at, "MD", false, level.is_some()) else { continue };
        if level.is_some() {
            if estimate.interval.is_none() {
                continue;
            }
            if estimate.level.is_none() {
                estimate.level = level;
            }
        }
        let holds = estimate.interval.is_none() || estimate.within_interval();
        let after = &s[estimate.end..sentence.1.max(estimate.end)];
        if !holds
            || rules.baseline_comparison.is_match(&s[called.start()..estimate.end])
            || rules.within_group.words.is_match(after.get(..after.len().min(30)).unwrap_or(""))
        {
            continue;
        }
        let code = difference_measure(rules, &s[estimate.start..estimate.end], clause);
        let mention =
            Mention { start: label_from, end: at, measure: MeasureName { code, adjusted: false }, ratio_reading: None };
        let row = effect_row(rules, text, &mention, &estimate, estimate.p.clone(), labels, "effect.difference");
        if (row.p_value.is_none() && estimate.interval.is_none()) || out_of_scope(rules, text, sentence, scope) {
            continue;
        }
        // `difference (95% CI) = 4.54 (0.10, 8.98)`: the evidence holds the label the level is read from.
        let start = if label.is_some() { called.start() } else { estimate.start };
        findings.push(Finding { row, span: (start, estimate.end) });
    }
    findings
}

/// A bracket holding a value and its p-value alone: `(0.3 kg/m2, p = .031)`.
struct PBracket {
    /// Where the bracket opens, and the value (its sign included) starts and ends.
    open: usize,
    estimate: Estimate,
    /// What the value carries after it (`kg/m2`); empty when nothing.
    unit: String,
}

/// What a bracket opening at byte `open` holds, for [`find_p_differences`]: `Ok(Some)` a value
/// with its p-value alone, `Ok(None)` no number first (`(P < 0.001)`, `(n = 165)`), `Err` a
/// number with anything else (`(18 mm)`, `(95% CI …)`), which is a value of its own.
fn p_bracket(rules: &EffectRules, s: &str, open: usize) -> std::result::Result<Option<PBracket>, ()> {
    let inner = open + 1;
    let skipped = s[inner..].len() - s[inner..].trim_start().len();
    let mut at = inner + skipped;
    if s[at..].starts_with('+') {
        at += 1;
    }
    if !s[at..].starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
        return Ok(None);
    }
    let Ok((rest, value)) = decimal(&s[at..]) else { return Ok(None) };
    let unit = rules.difference_unit.find(rest).map_or("", |m| m.as_str());
    let (after, p) = p_value_after(&rest[unit.len()..]).map_err(|_| ())?;
    let closes = after.trim_start().starts_with([')', ']']);
    if !closes || unit.contains('%') || unit.contains("percent") {
        return Err(());
    }
    let mut estimate = Estimate::bare(value, at, s.len() - after.len());
    estimate.p = Some(p);
    Ok(Some(PBracket { open, estimate, unit: unit.trim().to_string() }))
}

/// Differences in their outcome's bracket with a p-value and no CI, in a sentence that compares
/// groups (`comparison_before`): `showed reductions compared to the control group concerning
/// BMI (0.3 kg/m2, p = .031), WC (2.1 cm, p ≤ .001) and WHR (.002, p ≤ .001)`. The value
/// carries a unit of measurement, or follows one that does in the same sentence; a percentage
/// is left out, as it is as often a relative change. No row from a sentence comparing with
/// baseline, one holding another value in brackets (`(18 mm) vs the control group (36 mm, P =
/// …)`), one whose brackets follow a group's name (`in the A group (−0.99 hours, P = .003)`)
/// or are compared with each other: there each bracket is one group's own value.
fn find_p_differences(
    rules: &EffectRules,
    text: &Text,
    taken: &[(usize, usize)],
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    for &sentence in &text.sentences {
        let sentence_text = &s[sentence.0..sentence.1];
        if !sentence_text.contains(['p', 'P'])
            || !rules.comparison_before.is_match(sentence_text)
            || rules.baseline_comparison.is_match(sentence_text)
        {
            continue;
        }
        let opens = sentence_text.match_indices(['(', '[']).map(|(i, _)| sentence.0 + i);
        let Ok(brackets) =
            opens.filter_map(|open| p_bracket(rules, s, open).transpose()).collect::<std::result::Result<Vec<_>, ()>>()
        else {
            continue;
        };
        let side_by_side =
            brackets.windows(2).any(|pair| rules.comparison_before.is_match(&s[pair[0].estimate.end..pair[1].open]));
        let after_group = brackets.iter().any(|b| rules.group_before_bracket.is_match(&s[sentence.0..=b.open]));
        if brackets.is_empty() || side_by_side || after_group || out_of_scope(rules, text, sentence, scope) {
            continue;
        }
        let mut with_unit = false;
        for bracket in brackets {
            let estimate = bracket.estimate;
            with_unit |= !bracket.unit.is_empty();
            let clause = &s[clause_start(s, sentence, bracket.open)..bracket.open];
            let overlaps = taken.iter().any(|&(a, b)| a < estimate.end && estimate.start < b);
            if !with_unit || overlaps || rules.not_difference.is_match(clause) {
                continue;
            }
            let code = difference_measure(rules, &s[estimate.start..estimate.end], clause);
            let mention = Mention {
                start: estimate.start,
                end: estimate.start,
                measure: MeasureName { code, adjusted: false },
                ratio_reading: None,
            };
            let row = effect_row(rules, text, &mention, &estimate, estimate.p.clone(), labels, "effect.difference");
            findings.push(Finding { row, span: (estimate.start, estimate.end) });
        }
    }
    findings
}

/// The patterns of a difference written with a comparative and `than` (`than_difference`).
#[derive(Debug)]
struct ThanDifference {
    /// The numbers, their unit, the comparative and the group after `than`, searched only in
    /// sentences holding `than`.
    written: Gated,
    /// Right before the numbers: a word making them a time point (`after 6 weeks better than`).
    not_before: Regex,
    /// The group after `than`: a treatment or a group's name (`than_group`).
    group: Regex,
}

impl ThanDifference {
    /// Compiles the three patterns from the effect rules, the first gated by the file's triggers.
    fn compile(rules: &Source<'_>, triggers: &mut Triggers) -> Result<ThanDifference> {
        Ok(ThanDifference {
            written: triggers.gate("than_difference", rules.pattern("than_difference")?),
            not_before: rules.pattern("than_difference_not_before")?,
            group: rules.pattern("than_group")?,
        })
    }
}

/// Differences written as their number (or a list of them), a unit, a comparative and the
/// groups, with no CI label: `increased by 0.08 units more in the intervention group than in the
/// control group (P = .04)`, `was 189.6, 148.8 and 145.0 days shorter in group A than group B
/// respectively`, `151 days greater than with IFN-α`. The unit must be a difference's
/// (`difference_unit`): not ratios in words (`4.3 times greater`), counts of people (`3 patients
/// more`), percentages (as often a relative change); not a time point (`after 6 weeks better
/// than`, `than_difference_not_before`), nor against
/// something other than a group (`than_group`: not `than the MCID`, not `than at baseline`). The
/// p-value or CI right after the groups is a lone difference's.
fn find_than_differences(
    rules: &EffectRules,
    text: &Text,
    taken: &[(usize, usize)],
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let s = text.as_str();
    let written = &rules.than_difference;
    let mut findings = Vec::new();
    for caps in written.written.captures(text) {
        let (Some(values), Some(second)) = (caps.name("values"), caps.name("second")) else { continue };
        let starts_alone = !s[..values.start()].ends_with(|c: char| c.is_alphanumeric() || ".,-/+".contains(c));
        let unit = caps.name("unit").map_or("", |m| m.as_str());
        // `points/month`: a unit per time reads as its first part.
        let a_unit = unit.is_empty()
            || rules.difference_unit.find(unit).is_some_and(|m| {
                let per = &unit[m.end()..];
                per.is_empty() || per.strip_prefix('/').is_some_and(|time| time.chars().all(char::is_alphabetic))
            });
        let sentence = text.sentence_at(values.start());
        if !starts_alone
            || !a_unit
            || written.not_before.is_match(&s[sentence.0..values.start()])
            || !written.group.is_match(second.as_str())
            || rules.baseline_comparison.is_match(&s[values.start()..second.end()])
            || taken.iter().any(|&(a, b)| a < second.end() && values.start() < b)
            || out_of_scope(rules, text, sentence, scope)
        {
            continue;
        }
        let numbers: Vec<(usize, usize, Num)> = (values.start()..values.end())
            .filter(|&i| starts_number(s.as_bytes(), i))
            .filter_map(|i| {
                let input = &s[i..values.end()];
                decimal(input).ok().map(|(rest, value)| (i, i + consumed(input, rest), value))
            })
            .collect();
        let clause = &s[clause_start(s, sentence, values.start())..values.start()];
        let code = difference_measure(rules, unit, clause);
        let lone = numbers.len() == 1;
        for (at, end, value) in numbers {
            let mut estimate = Estimate::bare(value, at, end);
            if lone {
                read_than_tail(&mut estimate, s, second.end());
            }
            let mention =
                Mention { start: at, end: at, measure: MeasureName { code, adjusted: false }, ratio_reading: None };
            let mut row = effect_row(rules, text, &mention, &estimate, estimate.p.clone(), labels, "effect.difference");
            // `The waiting time … to the test, titration, and treatment was 189.6, 148.8 and 145.0
            // days shorter`: a list's numbers are of the sentence's subject, not of its last item.
            if lone {
                row.endpoint = copula_subject(rules, s, sentence, at).or(row.endpoint);
            } else {
                let head = s[sentence.0..at].find(',').map_or(at, |comma| sentence.0 + comma);
                row.endpoint = outcome::clause_subject(s, sentence.0, head).or(row.endpoint);
            }
            findings.push(Finding { row, span: (estimate.start, estimate.end) });
        }
    }
    findings
}

/// The outcome a lone than-difference is of, when a copula stands right before its number: the
/// phrase before `was` in `time spent without progression or toxicity was 151 days greater`, `a
/// RMR that was only 79 kcal greater` (a hedge such as `only` between is skipped).
fn copula_subject(rules: &EffectRules, s: &str, sentence: (usize, usize), at: usize) -> Option<String> {
    let head = s[sentence.0..at].trim_end();
    let head = ["only", "about", "approximately", "nearly", "almost"]
        .iter()
        .find_map(|hedge| head.strip_suffix(hedge).filter(|rest| rest.ends_with(' ')))
        .unwrap_or(head)
        .trim_end();
    let copula = rules.copula_end.find(head)?;
    let before = head[..copula.start()].trim_end();
    let before = before.strip_suffix(" that").or_else(|| before.strip_suffix(" which")).unwrap_or(before);
    outcome::outcome_before(before, before.len()).filter(|phrase| clean_endpoint(phrase).is_some())
}

/// Reads the CI or p-value written right after the groups of a difference compared with `than`
/// (`than in the control group (P = .04)`) into `estimate`, which then ends after them.
fn read_than_tail(estimate: &mut Estimate, s: &str, from: usize) {
    let rest = &s[from..];
    if let Ok((after, ci)) = ci_after_estimate(false)(rest) {
        let mut read = estimate.clone();
        read.take_ci(ci);
        if read.within_interval() {
            read.end = from + consumed(rest, after);
            *estimate = read;
        }
    } else if let Ok((after, p)) = p_value_after(rest) {
        estimate.p = Some(p);
        estimate.end = from + consumed(rest, after);
    }
}

/// Differences in the next outcome's bracket after a difference of the same sentence, with an
/// interval and no label of their own: `(mean 3.8 min/day, 95% CI 1.5 to 6.1) and a decrease
/// in sedentary time (4.7 min/day, 0.0 to 9.5)`, `(mean difference −0.90 kg (95% CI …), P <
/// 0.01) and BMI (−0.28 kg m−2 (−0.50, −0.06), P = 0.01)`. Each takes the measure of the one
/// before it, when the words between name an outcome (`next_outcome_bracket`), not a group.
fn find_next_outcome_differences(
    rules: &EffectRules,
    text: &Text,
    findings: &[Finding],
    labels: &[(usize, Num)],
) -> Vec<Finding> {
    let s = text.as_str();
    let mut order: Vec<&Finding> =
        findings.iter().filter(|f| matches!(f.row.measure, Some("MD" | "RD" | "SMD"))).collect();
    order.sort_by_key(|f| f.span);
    let mut taken: Vec<(usize, usize)> = findings.iter().map(|f| f.span).collect();
    let mut found = Vec::new();
    for first in order {
        let Some(code) = first.row.measure else { continue };
        let sentence = text.sentence_at(first.span.0);
        let mut end = first.span.1;
        while let Some(open) = s.get(end..sentence.1).and_then(|rest| rest.find(['(', '['])).map(|i| end + i) {
            let joint = &s[end..=open];
            if !rules.next_outcome_bracket.is_match(joint) || rules.group_before_bracket.is_match(joint) {
                break;
            }
            let at = open + 1 + (s[open + 1..].len() - s[open + 1..].trim_start().len());
            let Some(estimate) = read_estimate(rules, s, at, code, true, false) else { break };
            let code = listed_measure(rules, code, s, &estimate);
            let overlaps = taken.iter().any(|&(a, b)| a < estimate.end && estimate.start < b);
            if !estimate.within_interval() || estimate.end > sentence.1 || overlaps {
                break;
            }
            let mention = Mention {
                start: estimate.start,
                end: estimate.start,
                measure: MeasureName { code, adjusted: false },
                ratio_reading: None,
            };
            let row = effect_row(rules, text, &mention, &estimate, estimate.p.clone(), labels, "effect.difference");
            taken.push((estimate.start, estimate.end));
            end = estimate.end;
            found.push(Finding { row, span: (estimate.start, estimate.end) });
        }
    }
    found
}

/// The estimate whose labelled CI holds the label at byte `label_at`: the first number of
/// the 60 bytes before it (in its sentence, after any p-value label) that reads as an estimate
/// with that CI, when it lies within its interval or its sign is written in words.
fn estimate_before_label(rules: &EffectRules, s: &str, sentence: (usize, usize), label_at: usize) -> Option<Estimate> {
    let window = crate::normalise::floor_boundary(s, label_at.saturating_sub(60).max(sentence.0));
    (window..label_at)
        .filter(|&i| starts_number(s.as_bytes(), i) && !rules.p_label_before.is_match(&s[window..i]))
        .filter_map(|i| read_estimate(rules, s, i, "MD", true, false))
        .find(|e| e.labelled && e.start < label_at && e.end > label_at)
        .and_then(|e| signed_before_currency(s, e))
        .filter(|e| e.within_interval() || sign_in_words(rules, s, sentence, e))
}

/// Whether an estimate outside its interval is a difference whose minus the text writes as a
/// word (`11.2 mg/dL (95% CI −19.2 to −3.3; p=0.006) lower`, `a reduction … of 3.9 days (95% CI
/// −5.5 to −2.3`): written above zero, its negative inside the interval, a word of a fall
/// (`sign_in_words`) in its clause before it or right after it. The value stays as written, so
/// the row comes out flagged (`effect.ci_excludes_estimate`), neither dropped nor made up.
fn sign_in_words(rules: &EffectRules, s: &str, sentence: (usize, usize), estimate: &Estimate) -> bool {
    let Some(ci) = estimate.interval.as_ref() else { return false };
    let mirrored = -estimate.value.value;
    let clause = &s[clause_start(s, sentence, estimate.start)..estimate.start];
    let after_end = crate::normalise::floor_boundary(s, (estimate.end + 30).min(sentence.1.max(estimate.end)));
    estimate.value.value > 0.0
        && ci.lower.value <= mirrored
        && mirrored <= ci.upper.value
        && (rules.sign_in_words.is_match(clause) || rules.sign_in_words.is_match(&s[estimate.end..after_end]))
}

/// An estimate whose minus stands before its currency sign (`-€1160`) takes the minus.
fn signed_before_currency(s: &str, mut estimate: Estimate) -> Option<Estimate> {
    let head = &s[..estimate.start];
    let Some(before_sign) = head.strip_suffix(['£', '$', '€', '¥']) else { return Some(estimate) };
    if before_sign.ends_with('-') && !estimate.value.text.starts_with('-') {
        estimate.value = Num::parse(&format!("-{}", estimate.value.text))?;
        estimate.start = before_sign.len() - 1;
    }
    Some(estimate)
}

/// The measure of an estimate with a labelled CI and no name, or `None` when it is no
/// difference. It is one when the clause calls it a difference (`difference_cue`, a comparison
/// around it) or its CI reaches below zero, which no group's rate or mean does, unless the
/// clause makes it a change within one group (`within_group`), something else
/// (`not_difference`), a relative change (`relative_by`), or the sentence is out of scope. It
/// is an SMD when the clause names an effect size, an RD when it is a percentage of a rate or
/// proportion, else an MD.
fn unnamed_difference_code(
    rules: &EffectRules,
    text: &Text,
    sentence: (usize, usize),
    estimate: &Estimate,
    label_at: usize,
    scope: &mut RecordScope,
) -> Option<&'static str> {
    let s = text.as_str();
    let ci = estimate.interval.as_ref()?;
    let clause = &s[clause_start(s, sentence, estimate.start)..estimate.start];
    let before = &s[sentence.0..estimate.start];
    let rest = &s[estimate.end..sentence.1.max(estimate.end)];
    // `higher migration (0.21 mm, 95% CI 0.03–0.40) than`: a comparison around the bracket.
    // When the other group's own value follows in brackets (`than in B (72.1; 95% CI …)`), each
    // bracket is a group's value, not their difference.
    let compared_around =
        rules.comparative.is_match(clause) && rules.than_after.is_match(rest) && !rules.bracketed_value.is_match(rest);
    let compared_after = rules.difference_after.is_match(&s[estimate.end..]) || compared_around;
    // `compared with X, Y resulted in an increase in MVPA (mean 3.8 min/day, 95% CI …)`.
    let change_compared = rules.change_in.is_match(clause) && rules.comparison_before.is_match(before);
    // `6% (95% CI −27 to +23) with placebo`: a group's own value, whatever its interval.
    let group_after = {
        let after = s[estimate.end..].trim_start().to_ascii_lowercase();
        let mut words = after.split_whitespace();
        matches!(words.next(), Some("with" | "in" | "among" | "for"))
            && !words.next().is_some_and(|w| w.starts_with("favo") || w == "terms")
    };
    // `Compared with usual care, the intervention improved social integration (0.8, 95% CI
    // 0.4 to 1.2)`, `lost more weight than the control group (2.1 kg, 95% CI …)`: a bracket
    // opening after the words of a comparison of groups (not with baseline) holds their
    // difference; after `than` even where the clause names one group. Not so for brackets
    // holding each group's own value, one before or after another (`lower in A (68.9; 95% CI …)
    // than in B (72.1; 95% CI …)`, `811 [95% CI …] days in A vs 744 [...]`).
    let values_side_by_side = rules.bracketed_ci_value.is_match(before.trim_end().trim_end_matches(['(', '[']))
        || rules.next_group_value.is_match(rest);
    let compared_before = before.trim_end().ends_with(['(', '['])
        && !values_side_by_side
        && rules.comparison_before.is_match(before)
        && !rules.baseline_comparison.is_match(&s[sentence.0..sentence.1]);
    let than_before = compared_before && rules.comparative.is_match(clause) && clause.contains(" than ");
    let unit = &s[estimate.start..label_at];
    let aside = comparative_aside(rules, s, sentence, estimate, unit);
    let called_difference = rules.difference_cue.is_match(clause)
        || compared_after
        || change_compared
        || compared_before && !group_after
        || aside == Some(true);
    let below_zero = ci.lower.value < 0.0 && !group_after;
    // A change within one group, unless the text calls it a difference or compares it, or the
    // treatment's effect is named on a change in the outcome (`intervention effects … for change
    // in weight (`; not `in both groups … (adjusted treatment effect`).
    let within_group = rules.within_group.words.is_match(clause)
        && !compared_after
        && !than_before
        && !clause.to_ascii_lowercase().contains("differ")
        && !effect_on_change(rules, clause)
        || every_group_changed(rules, clause);
    // `−2.5, 95% CI −8.9, 3.8 percentage points`: the interval's unit is the difference's.
    let points_after = s[label_at..estimate.end].contains("percentage point");
    if !(called_difference || below_zero)
        || aside == Some(false)
        || within_group
        || paired_group_values(rules, s, sentence, estimate)
        || single_group_change(rules, s, sentence, clause)
        || rules.not_difference.is_match(clause)
        || (unit.contains('%') && rules.relative_by.is_match(clause))
        || out_of_scope(rules, text, sentence, scope)
    {
        return None;
    }
    Some(if points_after { "RD" } else { difference_measure(rules, unit, clause) })
}

/// Whether a comparative written between a difference and its CI (`unit`, from the value to the
/// label: `10.3 μmol greater with A vs. B (`) makes it a difference of groups: `Some(true)` when
/// the comparison is written in it or within 100 bytes after the estimate (`8 points higher (95% CI
/// …) with A compared with B`), `Some(false)` when not or when the value is a plain percentage,
/// which is as often a relative change (`27% lower`), or a ratio in words (`2 times higher`);
/// `None` with no comparative there.
fn comparative_aside(
    rules: &EffectRules,
    s: &str,
    sentence: (usize, usize),
    estimate: &Estimate,
    unit: &str,
) -> Option<bool> {
    let number_end = unit.find(|c: char| c.is_alphabetic() || c == '%').unwrap_or(unit.len());
    if !rules.comparative.is_match(&unit[number_end..]) {
        return None;
    }
    // `2.1 times greater`: a ratio written in words, no difference.
    if unit.contains("times") || unit.contains("fold") {
        return Some(false);
    }
    let points = unit.contains("point");
    let after_end = crate::normalise::floor_boundary(s, (estimate.end + 100).min(sentence.1.max(estimate.end)));
    let compared =
        rules.comparison_before.is_match(unit) || rules.comparison_before.is_match(&s[estimate.end..after_end]);
    Some(compared && (points || !unit.contains('%')))
}

/// Whether a clause names the treatment's effect (`treatment_effect`) and its only words of a
/// change within a group are `change in` or `change from` of the outcome the effect is on.
fn effect_on_change(rules: &EffectRules, clause: &str) -> bool {
    rules.within_group.treatment_effect.is_match(clause)
        && rules.within_group.words.find_iter(clause).all(|m| m.as_str().to_ascii_lowercase().starts_with("change "))
}

/// Whether a clause says every group changed (`all_groups_change`: "both groups had
/// improvements in pain over time (difference …") with no comparison of the groups after it:
/// its estimate is a change within each group, whatever the clause calls it.
fn every_group_changed(rules: &EffectRules, clause: &str) -> bool {
    rules.within_group.every_group.find_iter(clause).any(|change| {
        let after = &clause[change.end()..];
        !rules.comparison_before.is_match(after) && !after.to_ascii_lowercase().contains("between")
    })
}

/// The patterns of a value that is one group's own, not a difference of two.
#[derive(Debug)]
struct OneGroup {
    /// After a value and its CI: `vs` and another value (`paired_value_after`).
    paired_value_after: Regex,
    /// Before a value: another value and `vs` (`paired_value_before`).
    paired_value_before: Regex,
    /// Before a difference: a change the outcome itself undergoes (`outcome_change`).
    outcome_change: Regex,
    /// A sentence comparing groups or naming one (`sentence_compares`).
    sentence_compares: Regex,
}

impl OneGroup {
    /// Compiles the four patterns from the effect rules.
    fn compile(rules: &Source<'_>) -> Result<OneGroup> {
        Ok(OneGroup {
            paired_value_after: rules.pattern("paired_value_after")?,
            paired_value_before: rules.pattern("paired_value_before")?,
            outcome_change: rules.pattern("outcome_change")?,
            sentence_compares: rules.pattern("sentence_compares")?,
        })
    }
}

/// Whether `estimate` is one of two groups' own values set side by side: another value follows it
/// after `vs`/`compared with` (`paired_value_after`) or precedes it so (`paired_value_before`).
fn paired_group_values(rules: &EffectRules, s: &str, sentence: (usize, usize), estimate: &Estimate) -> bool {
    let after = &s[estimate.end..sentence.1.max(estimate.end)];
    let value_after = rules.one_group.paired_value_after.captures(after).is_some_and(|c| c.name("ci").is_none());
    value_after || rules.one_group.paired_value_before.is_match(&s[sentence.0..estimate.start])
}

/// Whether `clause`, the words before an unnamed difference, makes it a change the outcome
/// undergoes within one group (`outcome_change`) in a sentence that compares nothing
/// (`sentence_compares`): `mean waiting times decreased by 22 min (95% CI …)`.
fn single_group_change(rules: &EffectRules, s: &str, sentence: (usize, usize), clause: &str) -> bool {
    rules.one_group.outcome_change.is_match(clause)
        && !rules.one_group.sentence_compares.is_match(&s[sentence.0..sentence.1])
}

/// The measure of a difference written as `unit` (its number and what follows it) in `clause`:
/// SMD after an effect size's words, RD in percentage points or for a proportion, else MD.
fn difference_measure(rules: &EffectRules, unit: &str, clause: &str) -> &'static str {
    let in_points = unit.contains("percentage point") || unit.contains("% point");
    if rules.standardised_cue.is_match(clause) {
        "SMD"
    } else if in_points || unit.contains('%') && rules.proportion_cue.is_match(clause) {
        "RD"
    } else {
        "MD"
    }
}

/// Where the clause holding byte `at` starts: clauses split a sentence at `;` outside brackets.
fn clause_start(s: &str, sentence: (usize, usize), at: usize) -> usize {
    crate::segment::clauses(s, sentence)
        .into_iter()
        .map(|(from, _)| from)
        .filter(|&from| from <= at)
        .max()
        .unwrap_or(sentence.0)
}

/// Whether a number starts at byte `i`: a digit or a minus before one, not inside a word or
/// another number.
fn starts_number(bytes: &[u8], i: usize) -> bool {
    let Some(&first) = bytes.get(i) else { return false };
    (first.is_ascii_digit() || (first == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.' || bytes[i - 1] == b'-'))
}

/// Leaves out the estimates of a list of several factors, each with its own estimate, that
/// the sentence then makes predictors of an outcome: `A (OR …), B (OR …) and C (OR …) were
/// associated with …`, `… had no effect`. These are the coefficients of a model of several
/// predictors, not comparisons of groups; an item whose name is an arm ("the intervention
/// group") stays.
fn drop_covariate_lists(rules: &EffectRules, text: &Text, findings: Vec<Finding>) -> Vec<Finding> {
    let s = text.as_str();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].span);
    let mut dropped = vec![false; findings.len()];
    for (position, &last) in order.iter().enumerate() {
        if !rules.covariate.predicate.is_match(&s[findings[last].span.1..]) {
            continue;
        }
        let sentence = text.sentence_at(findings[last].span.0);
        // Walk back over the items joined to this one: `), B (`, `, and C (`.
        let mut run = vec![last];
        for &previous in order[..position].iter().rev() {
            let (from, to) = (findings[previous].span.1, findings[*run.last().unwrap_or(&last)].span.0);
            if from < sentence.0 || from > to {
                break;
            }
            let joiner = &s[from..to];
            let before_relative =
                rules.covariate.relative_pronoun.find(joiner).map_or(joiner, |m| &joiner[..m.start()]);
            if !rules.covariate.joiner.is_match(joiner)
                || rules.covariate.clause_break.is_match(joiner)
                || rules.covariate.verb.is_match(before_relative)
            {
                break;
            }
            run.push(previous);
        }
        if run.len() < 2 {
            continue;
        }
        // Each item's name: the words before its bracket, back to the item before or the clause.
        for (k, &item) in run.iter().enumerate() {
            let name_from = run.get(k + 1).map_or(sentence.0, |&before| findings[before].span.1);
            let name = s.get(name_from..findings[item].span.0).unwrap_or("");
            let name = name.rsplit([',', ';', ':']).next().unwrap_or(name);
            if !rules.covariate.arm_name.is_match(name) {
                dropped[item] = true;
            }
        }
    }
    // The model's other factors in the same sentence: `…, whereas X was associated with Y (OR …)`.
    let list_sentences: Vec<(usize, usize)> =
        (0..findings.len()).filter(|&i| dropped[i]).map(|i| text.sentence_at(findings[i].span.0)).collect();
    for (position, &item) in order.iter().enumerate() {
        let sentence = text.sentence_at(findings[item].span.0);
        if dropped[item] || !list_sentences.contains(&sentence) {
            continue;
        }
        let clause_from = order[..position]
            .iter()
            .map(|&before| findings[before].span.1)
            .filter(|&end| end >= sentence.0 && end <= findings[item].span.0)
            .max()
            .unwrap_or(sentence.0);
        let clause = &s[clause_from..findings[item].span.0];
        if rules.covariate.association.is_match(clause) && !rules.covariate.arm_name.is_match(clause) {
            dropped[item] = true;
        }
    }
    findings.into_iter().zip(dropped).filter(|(_, dropped)| !dropped).map(|(finding, _)| finding).collect()
}

/// Reads the estimate after a mention; `loose` when the filler between them has words other
/// than copulas, so the estimate needs a CI to count.
///
/// The estimate is the first number of the window after the mention whose filler (the text
/// between) reads as such (`mention_to_value`): a CI label written before the value
/// ("(95% CI) 0.66 (0.45-0.97)") is skipped and remembered; a number that fails (a time point
/// such as "at 26 weeks") lets the next one try.
fn read_named(rules: &EffectRules, text: &Text, mention: &Mention, limit: usize) -> Option<(Estimate, bool)> {
    let s = text.as_str();
    let limit = limit.min(text.sentence_at(mention.start).1);
    let after = &s[mention.end..];
    if rules.per_unit.is_match(after) {
        return None;
    }
    let window_end = (mention.end + 160).min(limit).min(s.len());
    let window = s.get(mention.end..window_end)?;
    let wb = window.as_bytes();
    let mut pre_level: Option<Option<Num>> = None;
    let mut filler_start = 0;
    let mut i = 0;
    while i < wb.len() {
        let token_start =
            wb[i].is_ascii_digit() && (i == 0 || !(wb[i - 1].is_ascii_alphanumeric() || wb[i - 1] == b'.'));
        if !token_start {
            i += 1;
            continue;
        }
        // A CI label before the value: remember its level and look past it.
        if let Some((level, len)) = ci_label_at(&window[i..]) {
            if level.is_some() {
                pre_level = Some(level);
                i += len;
                filler_start = i;
                continue;
            }
        }
        let mut start = i;
        if start > 0 && wb[start - 1] == b'.' {
            start -= 1;
        }
        // A currency sign between the sign and the digits: "−£448".
        let currency = window[..start].chars().next_back().filter(|c| matches!(c, '£' | '$' | '€' | '¥'));
        let before_currency = start - currency.map_or(0, char::len_utf8);
        let negative = before_currency > 0 && wb[before_currency - 1] == b'-';
        let filler_stop = if negative { before_currency - 1 } else { before_currency };
        let filler = &window[filler_start.min(filler_stop)..filler_stop];
        let whole_filler = &window[..filler_stop];
        if !rules.mention_to_value.is_match(filler) || rules.p_label_before.is_match(whole_filler) {
            return None;
        }
        let loose = !rules.copula.is_match(whole_filler) && pre_level.is_none() || whole_filler.len() > 90;
        let labelled_before = pre_level.is_some();
        if let Some(mut estimate) =
            read_estimate(rules, s, mention.end + start, mention.measure.code, false, labelled_before)
        {
            if negative {
                estimate.value = Num::parse(&format!("-{}", estimate.value.text))?;
                estimate.start = mention.end + filler_stop;
            }
            if estimate.level.is_none() && !estimate.labelled {
                if let Some(level) = pre_level.clone() {
                    estimate.level = level;
                    estimate.labelled = true;
                }
            }
            if pre_level.is_some() && estimate.interval.is_none() {
                return None;
            }
            if !loose || estimate.interval.is_some() || read_respectively_list(rules, s, &estimate, limit).is_some() {
                return Some((estimate, loose));
            }
        }
        // Skip this number and try the next one.
        i = start + window[start..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(window.len() - start);
    }
    None
}

/// Reads `VALUE [unit] [CI block] [p-value]` at byte `at`; `require_ci` for estimates that
/// have no name of their own.
fn read_estimate(
    rules: &EffectRules,
    s: &str,
    at: usize,
    code: &str,
    require_ci: bool,
    labelled_before: bool,
) -> Option<Estimate> {
    let input = s.get(at..)?;
    // "95% CI": the number is the interval's level, not an estimate; "<10 ms": a threshold.
    if ci_label_at(input).is_some_and(|(level, _)| level.is_some())
        || s[..at].trim_end().ends_with(['<', '>', '≤', '≥'])
    {
        return None;
    }
    let (rest, value) = decimal(input).ok()?;
    let mut position = at + consumed(input, rest);
    let mut rest = rest;
    let ratio_like = is_ratio(code) || code == "SMD";
    if ratio_like {
        if rules.not_estimate_after.is_match(rest)
            || rules.not_ratio_unit.is_match(rest)
            || value.value <= 0.0 && !value.text.starts_with('0')
        {
            return None;
        }
    } else {
        if let Some(unit) = rules.difference_unit.find(rest) {
            position += unit.end();
            rest = &rest[unit.end()..];
        }
        // `−0.61% (−6.7 mmol/mol)`, `£188 [US$277]`: the same value in another unit.
        if let Some(conversion) = rules.unit_conversion.find(rest) {
            position += conversion.end();
            rest = &rest[conversion.end()..];
        }
        // A difference may carry its standard error before the CI: "−3.4±0.5 mm Hg".
        if let Some(error) = rules.standard_error.find(rest) {
            position += error.end();
            rest = &rest[error.end()..];
        } else if rules.not_estimate_after.is_match(rest) {
            return None;
        }
    }
    let mut estimate = Estimate::bare(value, at, position);
    // `difference −1.0, intervention versus control, 95% CI …`, `44.5% in favour of X; 95% CI (…)`:
    // a labelled CI after an aside naming the comparison.
    let aside_ci = rules.ci_aside.find(rest).and_then(|aside| {
        let (after, ci) = ci_after_estimate(labelled_before)(&rest[aside.end()..]).ok()?;
        ci.labelled.then_some((aside.end() + consumed(&rest[aside.end()..], after), ci))
    });
    if let Ok((after, ci)) = ci_after_estimate(labelled_before)(rest) {
        estimate.take_ci(ci);
        estimate.end = position + consumed(rest, after);
    } else if let Some((length, ci)) = aside_ci {
        estimate.take_ci(ci);
        estimate.end = position + length;
    } else if require_ci {
        return None;
    } else if let Ok((after, p)) = p_value_after(rest) {
        estimate.p = Some(p);
        estimate.end = position + consumed(rest, after);
    } else if !rules.bare_estimate_end.is_match(rest) {
        // With neither CI nor p, the estimate must end its phrase: "OR 2.37," not "RD (500 mg".
        return None;
    }
    if estimate.interval.is_some() && estimate.p.is_none() {
        // "0.7-6.5 points, p = 0.018": a difference's unit may follow its CI too.
        let unit_after = if ratio_like { None } else { rules.difference_unit.find(&s[estimate.end..]) };
        let tail = &s[estimate.end + unit_after.map_or(0, |unit| unit.end())..];
        if let Ok((after, p)) = p_value_after(tail) {
            estimate.p = Some(p);
            estimate.end = s.len() - after.len();
        }
    }
    Some(estimate)
}

/// A further estimate of a list: `, 0.71 (0.52-0.97)`, ` and 0.71 (…)`, `; 0.71 (…)`.
fn read_listed(rules: &EffectRules, s: &str, from: usize, code: &str) -> Option<Estimate> {
    let input = s.get(from..)?;
    let (rest, _) = estimate_list_joint(input).ok()?;
    if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
        return None;
    }
    read_estimate(rules, s, from + consumed(input, rest), code, true, false)
}

/// Further bare estimates, each for its own group, after a bare first one: `0.44 for
/// quetiapine 300 mg/day and 0.47 for 600 mg/day (p < 0.001 vs placebo)`. The p-value
/// written after the last group is the whole list's.
fn read_for_list(
    rules: &EffectRules,
    s: &str,
    first: &Estimate,
    limit: usize,
) -> Option<(Vec<Estimate>, Option<PValue>)> {
    let mut listed = Vec::new();
    let mut position = first.end;
    while let Some(group) = rules.for_group.first_in(s.get(position..limit)?) {
        position += group.len();
        let Some(separator) = rules.list_separator.find(&s[position..limit]) else { break };
        let at = position + separator.end();
        let Ok((rest, value)) = decimal(&s[at..]) else { break };
        let end = s.len() - rest.len();
        if end >= limit || !rules.for_group.words.is_match(&s[end..limit]) {
            break;
        }
        listed.push(Estimate::bare(value, at, end));
        position = end;
    }
    let last = listed.last_mut()?;
    // The last group's words belong to its evidence, then the list's p-value.
    let group_end = position;
    let p = p_value_after(&s[group_end..]).ok().map(|(rest, p)| {
        last.end = s.len() - rest.len();
        p
    });
    if p.is_none() {
        last.end = group_end;
    }
    Some((listed, p))
}

/// Further bare estimates of a list its sentence closes with `respectively`, each for one of
/// the groups or outcomes named after it: `SMDs of 0.36, 0.21, and 0.23, respectively`, `was
/// 1.15 and 1.01 for doses 30 mg and 60 mg, respectively (P≤0.01)`. The p-value right after
/// `respectively` is the whole list's; the list stops at `limit`.
fn read_respectively_list(
    rules: &EffectRules,
    s: &str,
    first: &Estimate,
    limit: usize,
) -> Option<(Vec<Estimate>, Option<PValue>)> {
    let mut listed: Vec<Estimate> = Vec::new();
    let mut position = first.end;
    while let Ok((rest, _)) = estimate_list_joint(s.get(position..limit)?) {
        let at = limit - rest.len();
        if !starts_number(s.as_bytes(), at) || rest.starts_with(char::is_alphabetic) {
            break;
        }
        let Ok((after, value)) = decimal(rest) else { break };
        if !rules.bare_estimate_end.is_match(after) || rules.not_estimate_after.is_match(after) {
            break;
        }
        let end = limit - after.len();
        listed.push(Estimate::bare(value, at, end));
        position = end;
    }
    let tail = s.get(position..limit)?;
    let closes = tail.find("respectively").filter(|&at| at < 100 && !tail[..at].contains(['(', ')', ';']))?;
    let after = closes + "respectively".len();
    if listed.is_empty() {
        return None;
    }
    let p = p_value_after(&tail[after..]).ok().map(|(_, p)| p);
    Some((listed, p))
}

/// Estimates with a CI but no name, taking the measure named last in their sentence (or in
/// the sentence before, when theirs names none).
fn find_inherited(
    rules: &EffectRules,
    text: &Text,
    mentions: &[Mention],
    taken: &[(usize, usize)],
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    let mut taken: Vec<(usize, usize)> = taken.to_vec();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A number starts with a digit or `-`: skip to the next one at once.
        let Some(skip) = bytes[i..].iter().position(|&b| b.is_ascii_digit() || b == b'-') else { break };
        i += skip;
        if !starts_number(bytes, i) || taken.iter().any(|&(a, b)| a <= i && i < b) {
            i += 1;
            continue;
        }
        match inherited_at(rules, text, mentions, &taken, i, scope) {
            Some((mention, estimate)) => {
                let mut estimates = vec![estimate];
                while let Some(next) = estimates.last().and_then(|e| read_listed(rules, s, e.end, mention.measure.code))
                {
                    if !is_plausible_inherited(rules, s, &next, mention.measure.code) {
                        break;
                    }
                    estimates.push(next);
                }
                for estimate in estimates {
                    let code = listed_measure(rules, mention.measure.code, s, &estimate);
                    let mention = Mention { measure: MeasureName { code, ..mention.measure }, ..*mention };
                    let mut row =
                        effect_row(rules, text, &mention, &estimate, estimate.p.clone(), labels, "effect.inherited");
                    // In a bracket of its own, its outcome is the one named right before it, not
                    // the one before the measure it inherits (`reduced X (RR 0.57 …) and Y (0.68 …)`: Y).
                    if s[..estimate.start].trim_end().ends_with(['(', '[']) {
                        let here = Mention { start: estimate.start, end: estimate.start, ..mention };
                        let sentence = text.sentence_at(estimate.start);
                        row.endpoint = endpoint(rules, s, sentence, &here, &estimate).or(row.endpoint);
                    }
                    findings.push(Finding { row, span: (estimate.start, estimate.end) });
                    taken.push((estimate.start, estimate.end));
                    i = estimate.end;
                }
            }
            None => i += 1,
        }
    }
    findings
}

/// Ratios written as "V times more likely" with their CI right after (`2.2 times more likely
/// ([1.14-4.29]; p = 0.02)`): the measure is the one named nearest in the sentence, else the
/// last one of the sentence before.
fn find_times(
    rules: &EffectRules,
    text: &Text,
    mentions: &[Mention],
    taken: &[(usize, usize)],
    labels: &[(usize, Num)],
    scope: &mut RecordScope,
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    for caps in rules.times_likely.captures_iter(s) {
        let (Some(whole), Some(value)) = (caps.get(0), caps.name("value")) else { continue };
        if taken.iter().any(|&(a, b)| a <= whole.start() && whole.start() < b) {
            continue;
        }
        let sentence = text.sentence_at(whole.start());
        if out_of_scope(rules, text, sentence, scope) {
            continue;
        }
        let distance =
            |m: &&Mention| if m.end <= whole.start() { whole.start() - m.end } else { m.start - whole.end() };
        let in_sentence = mentions.iter().filter(|m| m.start >= sentence.0 && m.end <= sentence.1).min_by_key(distance);
        let mention = match in_sentence {
            Some(mention) => mention,
            None => {
                let Some(mention) = last_mention_before_sentence(text, mentions, whole.start()) else { continue };
                mention
            }
        };
        let Ok((_, number)) = decimal(value.as_str()) else { continue };
        // "([1.14-4.29]; p = 0.02)": the bracketed interval inside a bracket.
        let rest = &s[whole.end()..];
        let inner = rest.trim_start().strip_prefix('(').filter(|r| r.trim_start().starts_with('['));
        let Ok((after, ci)) = ci_after_estimate(false)(inner.unwrap_or(rest)) else { continue };
        let mut estimate = Estimate::bare(number, value.start(), s.len() - after.len());
        estimate.take_ci(ci);
        if estimate.p.is_none() {
            if let Ok((tail, p)) = p_value_after(after) {
                estimate.p = Some(p);
                estimate.end = s.len() - tail.len();
            }
        }
        if !is_plausible_inherited(rules, s, &estimate, mention.measure.code) {
            continue;
        }
        let row = effect_row(rules, text, mention, &estimate, estimate.p.clone(), labels, "effect.times");
        findings.push(Finding { row, span: (estimate.start, estimate.end) });
    }
    findings
}

/// The last measure named in the sentence before the one holding byte `at`.
fn last_mention_before_sentence<'m>(text: &Text, mentions: &'m [Mention], at: usize) -> Option<&'m Mention> {
    let previous = *text.sentences.get(text.sentence_index(at).checked_sub(1)?)?;
    mentions.iter().rev().find(|m| m.start >= previous.0 && m.end <= previous.1)
}

/// The inherited estimate starting at byte `i`, with the mention it inherits from.
fn inherited_at<'m>(
    rules: &EffectRules,
    text: &Text,
    mentions: &'m [Mention],
    taken: &[(usize, usize)],
    i: usize,
    scope: &mut RecordScope,
) -> Option<(&'m Mention, Estimate)> {
    let s = text.as_str();
    let sentence = text.sentence_at(i);
    // The estimate must follow punctuation or a label colon, not a word ("aged 65 (60-70)"),
    // unless it continues a list of this sentence's estimates: `HRs were 0.915 (…) for A and
    // 0.927 (…) for B`.
    let head = s[..i].trim_end();
    let continues_list =
        taken.iter().any(|&(a, b)| a >= sentence.0 && b <= i && !s[b..i].contains(['(', '[']) && s[b..i].len() <= 80)
            && rules.list_continuation.is_match(head);
    // `HRs comparing death or eGFR <20 mL/min were 0.754 (95% CI …)`: after a verb, an estimate
    // with a labelled CI takes the measure named before it in its sentence.
    let after_copula = rules.copula_end.is_match(head);
    if !head.ends_with(['(', '[', ',', ';', ':']) && !continues_list && !after_copula {
        return None;
    }
    let in_sentence = mentions.iter().rev().find(|m| m.end <= i && m.start >= sentence.0);
    if after_copula && in_sentence.is_none() {
        return None;
    }
    let mention = match in_sentence {
        Some(mention) => mention,
        None => last_mention_before_sentence(text, mentions, i)?,
    };
    // Unlabelled "11 [7-21]" is as often a median with its range: only "(1.29, 0.78-2.14)"
    // (value, comma, interval), a labelled CI or the next of a list is taken. (Read before the
    // sentence's checks below, which cost more and turn away fewer numbers.)
    let estimate = read_estimate(rules, s, i, mention.measure.code, true, false)?;
    if !(estimate.labelled || estimate.opener == Some(',') && !after_copula || continues_list) {
        return None;
    }
    if out_of_scope(rules, text, sentence, scope) {
        return None;
    }
    let since =
        taken.iter().filter(|&&(_, b)| b <= i && b >= mention.end).map(|&(_, b)| b).max().unwrap_or(mention.end);
    // "11.3% versus 8.6% (1.29, 0.78-2.14)": rates compared, then their ratio.
    let between = rules.rate_comparison.replace_all(&s[since..i], " ");
    if rules.inherit_blockers.is_match(&between) {
        return None;
    }
    if rules.number_needed.is_match(&s[sentence.0..i]) {
        return None;
    }
    if !is_ratio(mention.measure.code) && paired_group_values(rules, s, sentence, &estimate) {
        return None;
    }
    is_plausible_inherited(rules, s, &estimate, mention.measure.code).then_some((mention, estimate))
}

/// Whether an estimate without a name of its own reads as one: inside its CI, positive for
/// ratios, and not followed by a unit.
fn is_plausible_inherited(rules: &EffectRules, s: &str, estimate: &Estimate, code: &str) -> bool {
    let Some(ci) = &estimate.interval else { return false };
    let inside = estimate.within_interval();
    let ratio_ok = !is_ratio(code) || (ci.lower.value > 0.0 && estimate.value.value > 0.0);
    let unit_after = rules.not_ratio_unit.is_match(&s[estimate.end..]);
    inside && ratio_ok && !unit_after
}

/// Whether an estimate sits in the middle of its CI on the log scale rather than on the
/// linear one, as a ratio's does: 0.52 (0.18–1.51), not 4.5 (1.4–7.6).
fn is_ratio_shaped(value: &Num, ci: &Interval) -> bool {
    let (v, lower, upper) = (value.value, ci.lower.value, ci.upper.value);
    if v <= 0.0 || lower <= 0.0 || upper <= lower {
        return false;
    }
    let log_offset = (v.ln() - (lower.ln() + upper.ln()) / 2.0).abs() / (upper.ln() - lower.ln());
    let linear_offset = (v - (lower + upper) / 2.0).abs() / (upper - lower);
    log_offset < linear_offset
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
    let measure = match mention.ratio_reading {
        Some(ratio) if estimate.interval.as_ref().is_some_and(|ci| is_ratio_shaped(&estimate.value, ci)) => ratio,
        _ => mention.measure,
    };
    row.measure = Some(if reads_as_risk_difference(rules, text, mention, estimate) { "RD" } else { measure.code });
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
    let sentence = text.sentence_at(mention.start);
    let p = p
        .or_else(|| p_value_closing_comparison(s, estimate.end, sentence.1))
        .or_else(|| p_value_later_in_bracket(s, estimate.end));
    if let Some(p) = p {
        row.p_op = Some(p.op);
        row.p_value = Some(p.value);
    }
    let context = s.get(clause_start(s, sentence, mention.start)..mention.start).unwrap_or("");
    row.adjusted = Some(measure.adjusted || rules.adjusted_context.is_match(context));
    row.endpoint = endpoint(rules, s, sentence, mention, estimate);
    row.comparison = comparison(rules, text, sentence, estimate.start);
    row.rule = rule.to_string();
    row
}

/// Whether a difference named without `mean` (`treatment difference 44.5%`) is in percent
/// of a rate or proportion its sentence names before it: a risk difference, as GUIDE.md has it.
fn reads_as_risk_difference(rules: &EffectRules, text: &Text, mention: &Mention, estimate: &Estimate) -> bool {
    let s = text.as_str();
    let name = s[mention.start..mention.end].to_ascii_lowercase();
    let in_percent = in_percent(s, estimate);
    let sentence = text.sentence_at(mention.start);
    mention.measure.code == "MD"
        && !name.contains("mean")
        && !name.contains("md")
        && in_percent
        && (rules.proportion_cue.is_match(&s[sentence.0..mention.start])
            || counts_of_groups(&s[sentence.0..mention.start])
            || in_percentage_points(rules, s, estimate))
}

/// Whether an estimate's value is written in percentage points (`20.0% points`, `5 percentage
/// points`), the unit of a difference of proportions.
fn in_percentage_points(rules: &EffectRules, s: &str, estimate: &Estimate) -> bool {
    let after_number = s[estimate.start..].trim_start_matches(|c: char| c == '-' || c == '.' || c.is_ascii_digit());
    rules.difference_unit.find(after_number).is_some_and(|unit| {
        let unit = unit.as_str().to_ascii_lowercase();
        unit.contains("point") && (unit.contains('%') || unit.contains("percent"))
    })
}

/// The measure of a difference listed after (or inheriting from) one of measure `code`: the
/// same, but for a difference in a unit after a risk difference, which is one of means
/// (`(4.5%, 95% CI …), and birthweight (41.9 g, 95% CI …)`).
fn listed_measure(rules: &EffectRules, code: &'static str, s: &str, estimate: &Estimate) -> &'static str {
    let value = &s[estimate.start..estimate.end.max(estimate.start)];
    let after_number = value.trim_start_matches(|c: char| c == '-' || c == '.' || c.is_ascii_digit());
    let unit = rules.difference_unit.find(after_number).map_or("", |unit| unit.as_str().trim());
    if code == "RD" && !unit.is_empty() && !unit.contains('%') && !unit.contains("percent") {
        "MD"
    } else {
        code
    }
}

/// Whether an estimate's value is written as a percentage (`4.5%`).
fn in_percent(s: &str, estimate: &Estimate) -> bool {
    s[estimate.start..estimate.end.max(estimate.start)]
        .trim_start_matches(|c: char| c == '-' || c == '.' || c.is_ascii_digit())
        .trim_start()
        .starts_with('%')
}

/// Whether a text holds a count of a total (`27/44`): the groups' shares are proportions.
fn counts_of_groups(text: &str) -> bool {
    let bytes = text.as_bytes();
    (1..bytes.len().saturating_sub(1))
        .any(|i| bytes[i] == b'/' && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit())
}

/// The groups compared in the sentence, nearest the estimate: "A vs B", "A versus B",
/// "A compared with B", "between A and B" — both sides named with words, not numbers.
fn comparison(rules: &EffectRules, text: &Text, sentence: (usize, usize), at: usize) -> Option<String> {
    let s = text.as_str();
    let sentence_text = s.get(sentence.0..sentence.1)?;
    let relative = at.saturating_sub(sentence.0);
    let best = compared_groups(rules, sentence_text)
        .into_iter()
        .map(|((from, to), left, right)| {
            let distance = if relative < from { from - relative } else { relative.saturating_sub(to) };
            (distance, format!("{left} vs {right}"))
        })
        .min_by_key(|(distance, _)| *distance)?;
    Some(best.1)
}

/// The two groups of each comparison written in words in `sentence_text`, with the span of
/// the comparison; each side is cut at the words that end a group's name (`comparison_stop`).
fn compared_groups(rules: &EffectRules, sentence_text: &str) -> Vec<((usize, usize), String, String)> {
    rules
        .comparison
        .captures_iter(sentence_text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let left = caps.name("left").or_else(|| caps.name("left2"))?;
            let right = caps.name("right").or_else(|| caps.name("right2"))?;
            let stop = |w: &&str| rules.comparison_stop.is_match(w) || w.chars().all(|c| !c.is_alphabetic());
            let left_words: Vec<&str> = left.as_str().split_whitespace().collect();
            let kept = left_words.iter().rev().take_while(|w| !stop(w)).count().min(3);
            let left = left_words[left_words.len() - kept..].join(" ");
            let right =
                right.as_str().split_whitespace().take_while(|w| !stop(w)).take(3).collect::<Vec<_>>().join(" ");
            if left.is_empty() || right.is_empty() || left.eq_ignore_ascii_case(&right) {
                return None;
            }
            Some(((whole.start(), whole.end()), left, right))
        })
        .collect()
}

/// Whether a sentence's estimates are out of scope: it describes the design (sample size,
/// hypothesis; a result set against a margin is none), compares two ways of measuring
/// (`method_agreement`) or frames its estimates as a predictor's.
fn out_of_scope(rules: &EffectRules, text: &Text, sentence: (usize, usize), scope: &mut RecordScope) -> bool {
    if let Some(&known) = scope.out_of_scope.get(&sentence) {
        return known;
    }
    let sentence_text = text.as_str().get(sentence.0..sentence.1).unwrap_or("");
    let answer = rules.scope.design.is_match(&rules.scope.margin_met.replace_all(sentence_text, ""))
        || rules.scope.method_agreement.is_match(sentence_text)
        || predictor_framed(rules, text, sentence_text, &mut scope.compared_group_words);
    scope.out_of_scope.insert(sentence, answer);
    answer
}

/// What the effect finder works out once per record and then reuses: the words of the groups
/// the abstract compares in words (read at the first predictor framing), and which sentences
/// are out of scope ([`out_of_scope`]).
#[derive(Default)]
struct RecordScope {
    compared_group_words: Option<Vec<String>>,
    out_of_scope: KeyMap<(usize, usize), bool>,
}

/// Whether a sentence frames its estimates as a predictor's rather than as a comparison of
/// groups (`predictor_context`). Two framings are not: predictors named only as adjusted for
/// ("after adjustment for other independent predictors"), and a predictor that is one of two
/// groups the abstract compares in words ("female gender was not an independent predictor of
/// bleeding (HR …)" where the abstract writes "higher in women compared with men").
fn predictor_framed(rules: &EffectRules, text: &Text, sentence_text: &str, groups: &mut Option<Vec<String>>) -> bool {
    for framing in rules.predictor_context.find_iter(sentence_text) {
        if rules.predictor_adjusted_for.is_match(&sentence_text[..framing.start()])
            || rules.scope.people_with_risk_factors.is_match(&sentence_text[..framing.end()])
        {
            continue;
        }
        let subject = rules
            .predictor_subject
            .captures_iter(sentence_text)
            .find(|caps| caps.get(0).is_some_and(|whole| whole.end() == framing.end()))
            .and_then(|caps| caps.name("subject"));
        let Some(subject) = subject else { return true };
        let groups = groups.get_or_insert_with(|| {
            let s = text.as_str();
            text.sentences
                .iter()
                .filter_map(|&(from, to)| s.get(from..to))
                .flat_map(|sentence| compared_groups(rules, sentence))
                .flat_map(|(_, left, right)| group_words(rules, &format!("{left} {right}")))
                .collect()
        });
        if !group_words(rules, subject.as_str()).iter().any(|word| groups.contains(word)) {
            return true;
        }
    }
    false
}

/// The words of a group's name that can name it, lower-cased, with synonyms folded
/// (`group_synonyms`: "female" and "women" are one group).
fn group_words(rules: &EffectRules, name: &str) -> Vec<String> {
    name.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|word| word.len() >= 3 && !rules.comparison_stop.is_match(word))
        .map(|word| {
            let word = word.to_lowercase();
            rules.group_synonyms.get(&word).cloned().unwrap_or(word)
        })
        .collect()
}

/// What the group rates of the sentence right before `sentence` are of, when its first rate
/// follows `was`/`were` (`Continued abstinence at 12 months was 7.4% in A and 1% in B. No
/// differences were noted [RR 7.04 (0.9-7.2)]`): the subject of that verb.
fn rates_subject_before(text: &Text, sentence: (usize, usize)) -> Option<String> {
    let index = text.sentence_index(sentence.0);
    let (from, to) = *text.sentences.get(index.checked_sub(1)?)?;
    let before = text.as_str().get(from..to)?;
    let rate_at = [" was ", " were "]
        .iter()
        .flat_map(|verb| before.match_indices(verb).map(move |(at, _)| at + verb.len()))
        .filter(|&at| {
            let rest = &before[at..];
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').len();
            digits > 0 && rest[digits..].trim_start().starts_with('%')
        })
        .min()?;
    // `Continued abstinence at 12 months confirmed through CO was`: the outcome ends at its time.
    let time_at =
        before[..rate_at].find(" at ").filter(|&at| before[at + 4..].starts_with(|c: char| c.is_ascii_digit()));
    let subject = match time_at {
        Some(at) => outcome::phrase_before(before, at),
        None => outcome::subject_of_copula(before, rate_at),
    };
    subject.filter(|phrase| clean_endpoint(phrase).is_some())
}

/// The last lexicon endpoint of the two sentences before `sentence`: `5-year OS was 62% vs
/// 48%. The hazard ratio was 0.229.`, `2-year OS rates were 93.4 and 66.0%. The differences
/// were significant. The hazard ratio (HR) was 0.229.`
fn previous_endpoint(rules: &EffectRules, text: &Text, sentence: (usize, usize)) -> Option<String> {
    let index = text.sentence_index(sentence.0);
    (index.saturating_sub(2)..index).rev().find_map(|earlier| {
        let (from, to) = *text.sentences.get(earlier)?;
        rules.endpoints.find_iter(&text.as_str()[from..to]).last().map(|m| m.as_str().to_string())
    })
}

/// The outcome an estimate names itself: the one named right after its measure, else the
/// lexicon endpoint nearest before it in its sentence (else the first after it), else the
/// words around it ([`outcome`]'s readings, in order of how near they are to it).
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
    // `mortality ratio 0.95`, `absolute mortality difference of 4.9%`: the measure's own name
    // holds its outcome.
    let mut inside = None;
    // Where the last lexicon name before the estimate ends.
    let mut before_end = sentence.0;
    for m in rules.endpoints.find_iter(sentence_text) {
        let at = sentence.0 + m.start();
        if at >= mention.start && at < mention.end {
            inside = Some(m.as_str());
        } else if at < target {
            before = Some(m.as_str());
            before_end = sentence.0 + m.end();
        } else if at >= estimate.end && after.is_none() {
            after = Some(m.as_str());
        }
    }
    // A lexicon name with an earlier estimate (a measure and a bracketed number) between it and
    // this estimate's measure is that estimate's.
    let taken = before.is_some() && {
        let between = s.get(before_end..mention.start).unwrap_or("");
        rules.mention.is_match(between) && outcome::holds_a_value(between)
    };
    // `the hazard ratio for death or stroke was`: the outcome named right after the measure.
    // `the between-group difference in the FFbH-R was`: a difference is `in` its outcome.
    let after_mention = &s[mention.end.max(sentence.0)..sentence.1];
    let lead = rules.outcome_after_measure.find(after_mention).or_else(|| {
        let difference = matches!(mention.measure.code, "MD" | "RD" | "SMD");
        difference.then(|| rules.difference_in_after.find(after_mention)).flatten()
    });
    let named_after = lead.and_then(|m| outcome::phrase_after(&s[..sentence.1], mention.end + m.end()));
    let at = mention.start.min(estimate.start);
    // A reading that leaves only connectors or a leftover (`respectively`, `B`) gives way to the next.
    let usable = |phrase: &String| clean_endpoint(phrase).is_some() && !outcome::names_no_outcome(phrase);
    let within = at - sentence.0;
    // Where an earlier estimate stands between the lexicon endpoint and this one, the phrase
    // right before this one names its own outcome (`the risk of death [RR 0.69 (…)] and the risk
    // of unfavourable outcome on the Glasgow Outcome Scale [RR 0.76`).
    let own_phrase = || outcome::outcome_before(sentence_text, within).filter(usable);
    named_after
        .or_else(|| more_on_outcome(rules, s.get(estimate.end..sentence.1).unwrap_or("")).filter(usable))
        .or_else(|| inside.map(str::to_string))
        .or_else(|| outcome::likely_outcome(sentence_text, within).filter(usable))
        .or_else(|| outcome::changed_by(sentence_text, within).filter(usable))
        .or_else(|| effect_on_outcome(rules, sentence_text, within).filter(usable))
        .or_else(|| taken.then(own_phrase).flatten())
        .or_else(|| before.or(after).map(str::to_string))
        .or_else(own_phrase)
        .or_else(|| outcome::bracket_phrase(sentence_text, within).filter(usable))
        .or_else(|| outcome::change_phrase(sentence_text, within).filter(usable))
        .or_else(|| outcome::clause_subject(s, sentence.0, at).filter(usable))
}

/// The outcome of the last effect `on` it before `at` in `sentence`, when no number, comma or
/// semicolon stands between: `There was no effect of vitamin D on HbA1c: D2 versus placebo: -0.05%` gives `HbA1c`.
fn effect_on_outcome(rules: &EffectRules, sentence: &str, at: usize) -> Option<String> {
    let head = sentence.get(..at)?;
    let cue = rules.effect_on.find_iter(head).last()?;
    // A digit inside a word (`D2 versus placebo`) names a group, not a value; after a comma
    // another outcome may stand (`no effects on secondary outcomes, except PWV [`).
    let between = &head[cue.end()..];
    let mut previous = ' ';
    for c in between.chars() {
        if c.is_ascii_digit() && !previous.is_alphanumeric() || matches!(c, ',' | ';') {
            return None;
        }
        previous = c;
    }
    outcome::phrase_after(head, cue.end())
}

/// The outcome a comparative after an estimate is `on`: `5.7 (95% CI 3.1 to 14.7) points more
/// on the PFDI-20 than` gives `PFDI-20`; `after` is the text from the estimate's end.
fn more_on_outcome(rules: &EffectRules, after: &str) -> Option<String> {
    let cue = rules.more_on_after.find(after)?;
    outcome::phrase_after(after, cue.end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::signature;
    use crate::find::RuleSet;

    fn effects(text: &str) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        crate::find::find_rows(&rules, "t", text).iter().filter(|r| r.kind == Kind::Effect).map(signature).collect()
    }

    #[test]
    fn a_difference_with_its_label_before_the_value_holds_the_label() {
        let rules = RuleSet::embedded().unwrap();
        let text = "Walking speed rose more with training, with difference (95% CI) = 0.21 (0.05, 0.37) m/s.";
        let rows = crate::find::find_rows(&rules, "t", text);
        let effect = rows.iter().find(|r| r.kind == Kind::Effect).unwrap();
        assert_eq!(effect.evidence, "difference (95% CI) = 0.21 (0.05, 0.37)");
        assert_eq!(signature(effect), "MD 0.21 [0.05, 0.37] 95%");
    }

    #[test]
    fn adjusted_comes_from_the_clause_before_the_measure() {
        let rules = RuleSet::embedded().unwrap();
        let text = "After adjustment for confounders, weight loss remained associated with worse OS \
                    (HR 1.7; 95% CI 1.2-2.5; P=0.002) and DSS (HR 2.1; 95% CI 1.2-3.5; P=0.007). \
                    Unadjusted HR for relapse was 1.1 (95% CI 0.9-1.4).";
        let adjusted: Vec<Option<bool>> = crate::find::find_rows(&rules, "t", text)
            .iter()
            .filter(|r| r.kind == Kind::Effect)
            .map(|r| r.adjusted)
            .collect();
        assert_eq!(adjusted, vec![Some(true), Some(true), Some(false)]);
    }

    #[test]
    fn unadjusted_name_does_not_mark_the_abbreviation_adjusted() {
        let rules = RuleSet::embedded().unwrap();
        let text = "Survival did not differ (unadjusted hazard ratio [HR] 0.94, 95% CI 0.81-1.10). \
                    Patients with rash lived longer (HR 0.76, 95% CI 0.63-0.92).";
        let adjusted: Vec<Option<bool>> = crate::find::find_rows(&rules, "t", text)
            .iter()
            .filter(|r| r.kind == Kind::Effect)
            .map(|r| r.adjusted)
            .collect();
        assert_eq!(adjusted, vec![Some(false), Some(false)]);
    }

    fn endpoints(text: &str) -> Vec<Option<String>> {
        let rules = RuleSet::embedded().unwrap();
        crate::find::find_rows(&rules, "t", text)
            .into_iter()
            .filter(|r| r.kind == Kind::Effect)
            .map(|r| r.endpoint)
            .collect()
    }

    #[test]
    fn an_estimate_without_an_outcome_takes_the_one_before_it_in_its_sentence() {
        let text = "Participants reported a 29% improvement in pain severity (MD 12.5, 95% CI 3.3 to 21.6), \
                    a medium effect (d = 0.63). The odds ratio for remission was 2.9 (95% CI 1.3-6.7) in \
                    carriers, while the corresponding OR was 0.83 (0.36-1.92) in noncarriers.";
        let found = endpoints(text);
        assert_eq!(found[0], found[1]);
        assert_eq!(found[1].as_deref(), Some("pain severity"));
        assert_eq!(found[2].as_deref(), Some("remission"));
        assert_eq!(found[3].as_deref(), Some("remission"));
    }

    #[test]
    fn a_list_of_differences_compared_with_than_takes_the_sentence_subject() {
        let text = "The waiting time from referral to the scan, to the first dose, and to discharge was \
                    20.5, 14.2 and 9.0 days shorter in group A than group B respectively. Pain was 0.4 \
                    points lower in the splint group than in the control group (P = .02).";
        assert_eq!(effects(text), vec!["MD 20.5", "MD 14.2", "MD 9.0", "MD 0.4 p=0.02"]);
        let found = endpoints(text);
        assert!(found[..3].iter().all(|e| e.as_deref() == Some("waiting time from referral")), "{found:?}");
        assert_eq!(found[3].as_deref(), Some("Pain"));
    }

    #[test]
    fn an_estimate_after_a_sentence_of_group_rates_takes_what_they_are_of() {
        let text = "Sustained remission at 6 months assessed by a blinded rater was 9.1% with A and 2% with B. \
                    The groups did not differ significantly [RR 4.55 (0.8-9.9)].";
        assert_eq!(endpoints(text), vec![Some("Sustained remission".to_string())]);
    }

    #[test]
    fn an_effect_on_an_outcome_names_the_estimates_after_it() {
        let text = "We saw no effect of zinc on FEV1: zinc versus control: -0.12 L (95% CI -0.30 to 0.06) or \
                    1.8% (95% CI -0.5 to 4.1).";
        assert_eq!(endpoints(text), vec![Some("FEV1".to_string()), Some("FEV1".to_string())]);
        // After a comma another outcome is named: the effect's outcome is not the estimate's.
        let text = "There were no effects on the secondary outcomes, except grip strength (difference 2.1 kg, \
                    95% CI 0.4 to 3.8).";
        assert_eq!(endpoints(text), vec![Some("grip strength".to_string())]);
    }

    #[test]
    fn a_comparative_on_an_outcome_after_the_estimate_names_it() {
        let text = "Walkers improved by 4.2 (95% CI 1.1 to 7.3) points more on the SF-36 than did controls.";
        assert_eq!(endpoints(text), vec![Some("SF-36".to_string())]);
    }

    #[test]
    fn an_arm_is_no_endpoint() {
        let text = "Of 400 patients, 200 were assigned to glargine and 200 to standard care. Target \
                    attainment was more likely with glargine (odds ratio 2.98, 95% CI 2.67-3.32).";
        assert_eq!(endpoints(text), vec![Some("Target attainment".to_string())]);
    }

    #[test]
    fn an_inherited_estimate_takes_the_outcome_next_to_it() {
        let text = "The drug reduced wound infection (RR 0.57, 95% CI 0.35-0.95) and reduced dehiscence \
                    (0.68, 95% CI 0.47-0.98) compared with placebo.";
        let found = endpoints(text);
        assert_eq!(found, vec![Some("wound infection".to_string()), Some("dehiscence".to_string())]);
    }

    #[test]
    fn a_p_value_difference_needs_a_sentence_without_group_values() {
        assert_eq!(
            effects("Compared with controls, the trained group improved grip (3.2 kg, p = 0.01) and gait (0.12 m/s, p < 0.001)."),
            vec!["MD 3.2 p=0.01", "MD 0.12 p<0.001"]
        );
        // Each bracket after a group's name, or compared with another, is that group's own value.
        assert!(effects("Grip improved in the trained group (3.2 kg, p = 0.01) more than with rest.").is_empty());
        assert!(effects("Grip was 3.2 kg higher with training (3.2 kg) than with rest (1.1 kg, p = 0.01).").is_empty());
        // A percentage is as often a relative change; a bare number needs a unit before it.
        assert!(effects("Compared with controls, training lowered pain (-21%, p = 0.01).").is_empty());
        assert!(effects("Compared with controls, training lowered the index (0.8, p = 0.01).").is_empty());
    }

    #[test]
    fn the_next_outcome_bracket_after_a_difference_takes_its_measure() {
        assert_eq!(
            effects(
                "Compared with usual care, grip rose more (difference 3.2 kg, 95% CI 1.1 to 5.3) and BMI fell \
                     more (-0.3 kg m-2 (-0.5, -0.1), p = 0.01)."
            ),
            vec!["MD 3.2 [1.1, 5.3] 95%", "MD -0.3 [-0.5, -0.1] 95% p=0.01"]
        );
        // After a percentage's risk difference, a difference in a unit is one of means.
        assert_eq!(
            effects(
                "Deaths fell (absolute risk reduction 4.1%, 95% CI 1.0 to 7.2) and birthweight rose (52 g, \
                     95% CI 10 to 94)."
            ),
            vec!["RD 4.1 [1.0, 7.2] 95%", "MD 52 [10, 94] 95%"]
        );
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
