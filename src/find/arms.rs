//! Arm sizes: how many participants a group, or the whole trial, has.
//!
//! Rules, each a written shape (`rules/arms.toml`):
//! - `arm_size.n_equals`: `drug X (n = 60)`, `Patients (n=168)` (a participant noun: `total`);
//! - `arm_size.per_group`: `20 per group`, `3 groups of 35 each`: one row per group;
//! - `arm_size.assigned`: `60 were assigned to X and 59 to Y`, `56 patients received ILF and 58 ELF`;
//! - `arm_size.in_arm`: `57 patients in group A`, when the sentence is about allocation, not outcomes;
//! - `arm_size.bracket_count`: `vitamin C (74 patients) or placebo (68 patients)`;
//! - `arm_size.total`: `119 patients were randomly assigned`, `A total of 40 patients`;
//! - `arm_size.list`: `(92 TOMOX and 91 FOLFOX4)` after an allocation, or after a count its
//!   counts add up to (`2550 women (1311 interventions and 1239 controls)`);
//! - `arm_size.pair`: `33 younger and 29 older adults`: two counts sharing one noun;
//! - `arm_size.events_denominator`: `39 of 60 in the X arm` gives X its 60 (see [`reconcile`]).
//!
//! A count is a participant count only when its noun is a participant noun and nothing before
//! it (`aged`, `<`, `of the`) or after it (`died`, `had`) shows it is something else; counts
//! in sentences of design or sample size are left out.

use std::sync::LazyLock;

use regex::{Captures, Match, Regex};

use super::arm_label::{self, small_number, ArmLabels, Label};
use super::compile::{lexicon_pattern, Gated, Source, Triggers};
use super::{Finding, KeySet, Text, WordSet};
use crate::error::Result;
use crate::grammar::count;
use crate::model::{Kind, Num, Row};

/// The compiled arm-size rules and the arm labels every per-group finder shares.
#[derive(Debug)]
pub struct ArmRules {
    /// The arm-label word lists, shared with the events (and survival, median) finders.
    pub labels: ArmLabels,
    participant_count: Gated,
    count_allocated: Gated,
    received_verb: Regex,
    received_after_count: Regex,
    studied_in: Regex,
    split_item: Regex,
    joined_group_tail: Regex,
    received_context: Regex,
    n_equals: Gated,
    assigned_lead: Regex,
    then_allocated: Regex,
    /// What the group got, after a form or an amount (`a five-day course| of IVIG`, `3 g| of
    /// magnesium sulphate`): `of` and the words up to a stop.
    of_what: Regex,
    allocated_verb: Regex,
    allocated_to: Regex,
    outcome_verb: Regex,
    finding_in: Regex,
    describing: Regex,
    dose_at_end: Regex,
    bracket_parts: BracketParts,
    n_for: Regex,
    group_verb_at_end: Regex,
    time_before: Regex,
    continuation: Regex,
    in_arm: Regex,
    bare_bracket_count: Regex,
    allocation_colon: Regex,
    site_source_before: Regex,
    site_nouns: WordSet,
    bracket_arm_joint: Regex,
    bracket_count: Regex,
    per_group: Gated,
    alternatives_lead: Regex,
    alternative_ends: WordSet,
    group_count: Regex,
    not_a_size_before: Regex,
    around: AroundCount,
    design: Regex,
    sorted_groups: Regex,
    sorted_by_allocation: Regex,
    exclusion: Regex,
    sex_count: Regex,
    count_list: Regex,
    participant_noun: Regex,
    /// Words of allocation, enrolment and analysis.
    pub allocation: Regex,
    /// Words of outcomes.
    pub outcomes: Regex,
    /// Nouns of a change in an outcome: `an improvement in 70 and 39 women`.
    changes: Regex,
    /// Words naming the study itself (`eligible for this study`).
    study_named: Regex,
    /// Words that make a count given with its share a size: `70 patients (64%) participated`.
    sized_share: Regex,
    non_participants: WordSet,
    cluster_nouns: WordSet,
    characteristics: WordSet,
    sex_letters: WordSet,
    pooled_groups: WordSet,
    /// Words that describe a sample rather than name a group (`n = 416, mean age 63 years`).
    sample_descriptions: WordSet,
    event_nouns_before_of: WordSet,
    cluster_design: Regex,
    event_found: Regex,
    units: WordSet,
    bracket_list: Regex,
    list_item_lead: Regex,
    bracket_list_after: Regex,
    label_equals: Regex,
    named_counts: Regex,
    pair: Gated,
    subgroup: Regex,
    completed: CompletedPatterns,
    modifier_stops: WordSet,
    enabled: WordSet,
}

/// The patterns of `arm_size.completed_list`: the verb of staying in the trial, each `x of N`
/// item, what may open the clause before the first item, and words that make no group's name.
#[derive(Debug)]
struct CompletedPatterns {
    verb: Regex,
    verb_words: Vec<String>,
    item: Regex,
    lead: Regex,
    not_label: Regex,
}

impl CompletedPatterns {
    fn compile(source: &Source<'_>) -> Result<CompletedPatterns> {
        Ok(CompletedPatterns {
            verb: lexicon_pattern(source, "completed_verb")?,
            verb_words: source.words("completed_verb_words")?.to_vec(),
            item: lexicon_pattern(source, "completed_item")?,
            lead: lexicon_pattern(source, "completed_lead")?,
            not_label: lexicon_pattern(source, "completed_not_label")?,
        })
    }
}

/// Words around a count of participants that make it a group's part, a group, or no size.
#[derive(Debug)]
struct AroundCount {
    /// Before a count: `Of the`, `Among these` opening the sentence.
    opening_of: Regex,
    /// After a count: a count per site or per group (`30 patients in each hospital`).
    per_unit_after: Regex,
    /// Before a count: another count joined by `and` (`46 black and 139 white women`).
    pair_part_before: Regex,
    /// After a count's noun: `dropped out`.
    dropped_out: Regex,
    /// After a count: the group they formed (`52 patients as the control group`).
    as_group_after: Regex,
    /// Opening the clause before an `n =`: a group named by its identifier (`Group B, who had`).
    opening_group: Regex,
    /// After that group, in its clause: another group or a comparison.
    other_group: Regex,
    /// A label that is an age or a time point alone (`<39 yr`, `6 mo postpartum`): no group.
    age_or_time: Regex,
}

impl AroundCount {
    fn compile(source: &Source<'_>) -> Result<AroundCount> {
        Ok(AroundCount {
            opening_of: lexicon_pattern(source, "opening_of")?,
            per_unit_after: lexicon_pattern(source, "per_unit_after")?,
            pair_part_before: lexicon_pattern(source, "pair_part_before")?,
            dropped_out: lexicon_pattern(source, "dropped_out")?,
            as_group_after: lexicon_pattern(source, "as_group_after")?,
            opening_group: lexicon_pattern(source, "opening_group")?,
            other_group: lexicon_pattern(source, "other_group")?,
            age_or_time: lexicon_pattern(source, "age_or_time")?,
        })
    }
}

/// The brackets of `n =`: the parts of one that lists groups with their own `n =` (`(5 mg, n =
/// 564; 10 mg, n = 445)`, `(F, n = 35; A, n = 37)`), and one after a noun of adverse events.
#[derive(Debug)]
struct BracketParts {
    /// A dose followed by its `n =` (`dose_then_n`).
    dose_then_n: Regex,
    /// A capital letter alone opening a part (`letter_part`, read with case).
    letter: Regex,
    /// A noun of adverse events, then the bracket (`events_listed`): its `n =` counts events.
    events_listed: Regex,
}

impl BracketParts {
    fn compile(source: &Source<'_>) -> Result<BracketParts> {
        Ok(BracketParts {
            dose_then_n: lexicon_pattern(source, "dose_then_n")?,
            letter: source.pattern_with_case("letter_part", false)?,
            events_listed: lexicon_pattern(source, "events_listed")?,
        })
    }
}

impl ArmRules {
    /// Compiles the arm-size rules of `arms.toml`.
    pub fn compile(source: &Source<'_>) -> Result<ArmRules> {
        let words = |key: &str| source.word_pattern(key, true);
        let lower =
            |key: &str| -> Result<WordSet> { Ok(source.words(key)?.iter().map(|w| w.to_ascii_lowercase()).collect()) };
        let mut triggers = Triggers::compile(source, source)?;
        let mut gated = |key: &str| -> Result<Gated> { Ok(triggers.gate(key, lexicon_pattern(source, key)?)) };
        let rules = ArmRules {
            labels: ArmLabels::compile(source)?,
            participant_count: gated("participant_count")?,
            count_allocated: gated("count_allocated")?,
            received_verb: lexicon_pattern(source, "received_verb")?,
            received_after_count: lexicon_pattern(source, "received_after_count")?,
            studied_in: lexicon_pattern(source, "studied_in")?,
            split_item: lexicon_pattern(source, "split_item")?,
            joined_group_tail: lexicon_pattern(source, "joined_group_tail")?,
            received_context: lexicon_pattern(source, "received_context")?,
            n_equals: gated("n_equals")?,
            assigned_lead: lexicon_pattern(source, "assigned_lead")?,
            then_allocated: lexicon_pattern(source, "then_allocated")?,
            of_what: lexicon_pattern(source, "of_what")?,
            allocated_verb: lexicon_pattern(source, "allocated_verb")?,
            allocated_to: lexicon_pattern(source, "allocated_to")?,
            outcome_verb: lexicon_pattern(source, "outcome_verb")?,
            finding_in: lexicon_pattern(source, "finding_in")?,
            describing: lexicon_pattern(source, "describing")?,
            dose_at_end: lexicon_pattern(source, "dose_at_end")?,
            bracket_parts: BracketParts::compile(source)?,
            n_for: lexicon_pattern(source, "n_for")?,
            group_verb_at_end: lexicon_pattern(source, "group_verb_at_end")?,
            time_before: lexicon_pattern(source, "time_before")?,
            continuation: lexicon_pattern(source, "continuation")?,
            in_arm: lexicon_pattern(source, "in_arm")?,
            bare_bracket_count: lexicon_pattern(source, "bare_bracket_count")?,
            allocation_colon: lexicon_pattern(source, "allocation_colon")?,
            site_source_before: lexicon_pattern(source, "site_source_before")?,
            site_nouns: lower("site_nouns")?,
            bracket_arm_joint: lexicon_pattern(source, "bracket_arm_joint")?,
            bracket_count: lexicon_pattern(source, "bracket_count")?,
            per_group: gated("per_group")?,
            alternatives_lead: lexicon_pattern(source, "alternatives_lead")?,
            alternative_ends: lower("alternative_ends")?,
            group_count: lexicon_pattern(source, "group_count")?,
            not_a_size_before: lexicon_pattern(source, "not_a_size_before")?,
            around: AroundCount::compile(source)?,
            design: lexicon_pattern(source, "design")?,
            sorted_groups: lexicon_pattern(source, "sorted_groups")?,
            sorted_by_allocation: lexicon_pattern(source, "sorted_by_allocation")?,
            exclusion: lexicon_pattern(source, "exclusion")?,
            sex_count: lexicon_pattern(source, "sex_count")?,
            count_list: lexicon_pattern(source, "count_list")?,
            participant_noun: lexicon_pattern(source, "participant_noun")?,
            allocation: words("allocation")?,
            outcomes: words("outcomes")?,
            changes: words("changes")?,
            study_named: words("study_named")?,
            sized_share: words("sized_share")?,
            non_participants: lower("non_participants")?,
            cluster_nouns: lower("cluster_nouns")?,
            characteristics: lower("characteristics")?,
            sex_letters: source.words("sex_letters")?.iter().cloned().collect(),
            pooled_groups: lower("pooled_groups")?,
            sample_descriptions: lower("sample_descriptions")?,
            event_nouns_before_of: lower("event_nouns_before_of")?,
            cluster_design: lexicon_pattern(source, "cluster_design")?,
            event_found: lexicon_pattern(source, "event_found")?,
            units: source.words("units")?.iter().map(|w| w.to_lowercase()).collect(),
            bracket_list: lexicon_pattern(source, "bracket_list")?,
            list_item_lead: lexicon_pattern(source, "list_item_lead")?,
            bracket_list_after: lexicon_pattern(source, "bracket_list_after")?,
            label_equals: lexicon_pattern(source, "label_equals")?,
            named_counts: lexicon_pattern(source, "named_counts")?,
            pair: gated("pair")?,
            subgroup: lexicon_pattern(source, "subgroup")?,
            completed: CompletedPatterns::compile(source)?,
            modifier_stops: [lower("label_boundaries")?, lower("non_participants")?].into_iter().flatten().collect(),
            enabled: source.file.rule.iter().filter(|r| r.enabled).map(|r| r.id.clone()).collect(),
        };
        triggers.all_gated()?;
        Ok(rules)
    }

    pub(super) fn on(&self, id: &str) -> bool {
        self.enabled.contains(id)
    }

    /// Whether a label names a characteristic of participants (`male`, `women`), not a group.
    pub fn is_characteristic(&self, label: &str) -> bool {
        label.split_whitespace().any(|w| self.characteristics.contains(&w.to_ascii_lowercase()))
    }

    /// Whether `word` names randomized clusters (`classes`, `schools`, `villages`).
    fn is_cluster_noun(&self, word: &str) -> bool {
        self.cluster_nouns.contains(&word.to_ascii_lowercase())
    }

    /// Whether `word` counts things other than participants (`metastases`, `doses`, `years`).
    pub fn is_non_participant(&self, word: &str) -> bool {
        self.non_participants.contains(&word.to_ascii_lowercase())
    }
}

/// Reads a count such as `10,372` or `20 170`.
fn read_count(text: &str) -> Option<Num> {
    count(text).ok().map(|(_, n)| n)
}

/// An arm-size row.
pub(super) fn size_row(arm: &str, n: Num, rule: &str) -> Row {
    let mut row = Row::new("", Kind::ArmSize);
    row.arm = Some(arm.to_string());
    row.n = Some(n);
    row.rule = rule.to_string();
    row
}

/// What the finder has found so far in one abstract.
struct Found {
    findings: Vec<Finding>,
    /// Byte offsets of the counts already read.
    taken: KeySet<usize>,
}

impl Found {
    fn push(&mut self, at: usize, arm: &str, n: Num, rule: &str, span: (usize, usize)) {
        if self.taken.insert(at) {
            self.findings.push(Finding { row: size_row(arm, n, rule), span });
        }
    }
}

/// Every arm-size row of one abstract.
pub fn find(rules: &ArmRules, text: &Text) -> Vec<Finding> {
    let mut found = Found { findings: Vec::new(), taken: KeySet::default() };
    if rules.on("arm_size.per_group") {
        find_per_group(rules, text, &mut found);
    }
    if rules.on("arm_size.n_equals") {
        find_n_equals(rules, text, &mut found);
    }
    if rules.on("arm_size.bracket_count") {
        find_bracket_counts(rules, text, &mut found);
    }
    if rules.on("arm_size.list") {
        find_bracket_lists(rules, text, &mut found);
        find_bracket_lists_after(rules, text, &mut found);
        find_respectively_counts(rules, text, &mut found);
    }
    if rules.on("arm_size.pair") {
        find_pairs(rules, text, &mut found);
    }
    if rules.on("arm_size.label_equals") {
        find_label_equals(rules, text, &mut found);
    }
    if rules.on("arm_size.subgroup") {
        find_subgroups(rules, text, &mut found);
    }
    for caps in rules.participant_count.captures(text) {
        read_participant_count(rules, text, &caps, true, &mut found);
    }
    for caps in rules.count_allocated.captures(text) {
        read_participant_count(rules, text, &caps, false, &mut found);
    }
    if rules.on("arm_size.assigned") {
        find_received_counts(rules, text, &mut found);
        find_allocation_lists(rules, text, &mut found);
        find_allocated_brackets(rules, text, &mut found);
    }
    // Last: a size said before keeps its own words.
    if rules.on("arm_size.completed_list") {
        find_completed_lists(rules, text, &mut found);
    }
    let s = text.as_str();
    found.findings.retain(|f| is_plausible_size(rules, f, s));
    found.findings
}

/// Whether a size can be a randomized group's or trial's: no group of two or fewer (`one patient
/// in each group`, `Two patients`, `two groups of two` count people with an outcome or a
/// procedure) unless the sentence allocates them (`Two participants received active`), and no
/// whole trial of three unless it names randomized clusters (`three practices`, but `Three
/// classes were assigned`).
fn is_plausible_size(rules: &ArmRules, finding: &Finding, s: &str) -> bool {
    let row = &finding.row;
    let n = row.n.as_ref().map_or(0.0, |n| n.value);
    let evidence = s.get(finding.span.0..finding.span.1).unwrap_or("");
    let clusters = evidence.split(|c: char| !c.is_alphanumeric()).any(|w| rules.is_cluster_noun(w));
    if row.rule == "arm_size.assigned" || clusters {
        return n > 0.0;
    }
    let total = row.arm.as_deref() == Some("total");
    n > 2.0 && (n > 3.0 || !total)
}

/// `106, 96, and 101 patients in Arms A, B, and C, respectively`: a list of counts whose groups
/// the sentence lists with `respectively`, one each, in a sentence of allocation or one that
/// names no outcome.
fn find_respectively_counts(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    // Every count it reads stands in a sentence with `respectively`: most abstracts have none.
    if !s.contains("respectively") {
        return;
    }
    for caps in rules.count_list.captures_iter(s) {
        let Some(list) = caps.name("list") else { continue };
        let (from, to) = text.sentence_at(list.start());
        let sentence = &s[from..to];
        // `2.23 and 22 in`: a decimal's digits are no count.
        let decimal = s[..list.start()].ends_with(|c: char| c == '.' || c.is_ascii_digit());
        let of_people = rules.allocation.is_match(sentence)
            || rules.participant_noun.is_match(caps.get(0).map_or("", |m| m.as_str()));
        if !sentence.contains("respectively")
            || decimal
            || !of_people
            || rules.design.is_match(sentence)
            || rules.exclusion.is_match(sentence)
            || (rules.outcomes.is_match(sentence) && !rules.allocation.is_match(sentence))
            || is_denominator(&s[from..list.start()])
            || counts_a_result(rules, &s[from..list.start()])
        {
            continue;
        }
        let counts: Vec<(usize, Num)> = list
            .as_str()
            .match_indices(|c: char| c.is_ascii_digit())
            .filter(|(at, _)| *at == 0 || !list.as_str().as_bytes()[at - 1].is_ascii_digit())
            .filter_map(|(at, _)| {
                let digits: String = list.as_str()[at..].chars().take_while(char::is_ascii_digit).collect();
                read_count(&digits).map(|n| (list.start() + at, n))
            })
            .collect();
        let Some(whole) = caps.get(0) else { continue };
        let groups = super::arm_local::listed_until_respectively(&s[whole.end()..to]);
        if groups.len() != counts.len() {
            continue;
        }
        for ((at, n), group) in counts.into_iter().zip(groups) {
            found.push(at, &group, n, "arm_size.list", (at, caps.get(0).map_or(at + 1, |m| m.end())));
        }
    }
}

/// Whether the clause before a list of counts says what happened to them: `a decrease in 56 and
/// 86 women in the A and B groups, respectively` counts those with a result, not the groups.
fn counts_a_result(rules: &ArmRules, before: &str) -> bool {
    let clause = before.rsplit([',', ';']).next().unwrap_or(before);
    rules.outcomes.is_match(clause) || rules.changes.is_match(clause)
}

/// Whether the sentence holding `at` states a design, a hypothesis or a sample size.
fn in_design_sentence(rules: &ArmRules, text: &Text, at: usize) -> bool {
    let (from, to) = text.sentence_at(at);
    rules.design.is_match(&text.as_str()[from..to])
}

/// Whether the sentence holding `at` sorts participants by their response or a characteristic,
/// not by allocation (`were classified for pain changes as non-responders (n = 34)`, but `were
/// randomly categorized as`): its `n =` are no arm sizes.
fn sorts_by_response(rules: &ArmRules, text: &Text, at: usize) -> bool {
    let (from, to) = text.sentence_at(at);
    let sentence = &text.as_str()[from..to];
    rules.sorted_groups.is_match(sentence) && !rules.sorted_by_allocation.is_match(sentence)
}

/// Whether the count of an `n =` goes on with a noun of things, not participants (`(n = 4
/// farms)`, `(n = 510 assessments)`).
fn counts_things(rules: &ArmRules, after: &str) -> bool {
    let rest = after.strip_prefix(char::is_whitespace).map(str::trim_start);
    rest.and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next()).is_some_and(|w| rules.is_non_participant(w))
}

/// Whether the `n =` at `at` stands in a bracket right after a noun of adverse events, no group
/// named between (`18 targeted SAEs (diabetic ketoacidosis, n = 12`): it counts events or those
/// who had them (GUIDE.md: arm sizes are no counts of events).
fn counts_events_listed(rules: &ArmRules, text: &Text, at: usize) -> bool {
    let (from, _) = text.sentence_at(at);
    let s = text.as_str();
    let Some(m) = rules.bracket_parts.events_listed.find(&s[from..at]) else { return false };
    // The words between the noun and the bracket: a group named there is what the `n =` counts.
    let between = m.as_str().rsplit_once(['(', '[']).map_or(m.as_str(), |(head, _)| head);
    let names_group = rules.labels.has_group_noun(between) || rules.allocation.is_match(between) || {
        let words: KeySet<String> =
            between.split(|c: char| !c.is_alphanumeric() && c != '+').map(str::to_ascii_lowercase).collect();
        record_groups(rules, s).iter().any(|g| {
            let key = arm_label::group_key(&g.text);
            !key.is_empty() && key.split(' ').all(|w| words.contains(w))
        })
    };
    !names_group
}

/// `drug X (n = 60)`, `Patients (n=168)`, `combination group, n = 17`.
fn find_n_equals(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for caps in rules.n_equals.captures(text) {
        let (Some(whole), Some(n_match)) = (caps.get(0), caps.get(1)) else { continue };
        let Some(n) = read_count(n_match.as_str()) else { continue };
        if found.taken.contains(&n_match.start())
            || is_count_of_denominator(&s[n_match.end()..])
            || is_size_per_group(&s[n_match.end()..])
            || is_range_end(s, n_match.start(), n_match.end())
            || in_design_sentence(rules, text, n_match.start())
            || sorts_by_response(rules, text, n_match.start())
            || counts_events_listed(rules, text, n_match.start())
            || counts_things(rules, &s[n_match.end()..])
        {
            continue;
        }
        let (sentence_start, sentence_end) = text.sentence_at(n_match.start());
        if let Some(counts) = counts_listed_after(s, n_match.start(), n_match.end()) {
            push_listed_counts(rules, s, (sentence_start, whole.start()), counts, found);
            continue;
        }
        if in_exclusion_clause(rules, &s[sentence_start..sentence_end], n_match.start() - sentence_start) {
            continue;
        }
        // The `n`/`N` itself, after the bracket or space the match may start with.
        let n_at = whole.start() + whole.as_str().find(['n', 'N']).unwrap_or(0);
        let label_end = if s[..n_at].trim_end().ends_with(['(', '[', ',', ':']) { n_at } else { whole.start() };
        let head = s
            .get(sentence_start..label_end.max(sentence_start))
            .unwrap_or_default()
            .trim_end()
            .trim_end_matches(['(', '[', ',', ':'])
            .trim_end();
        // `three groups (n = 30)`: every group has that size.
        let each_group = |k: usize, found: &mut Found| {
            if found.taken.insert(n_match.start()) {
                let span = (n_at, n_match.end());
                push_per_group(rules, k, &n, &record_groups(rules, s), text, span, found);
            }
        };
        let mut head_words = head.rsplit(' ').map(str::to_lowercase);
        if let (Some(noun), Some(k)) = (head_words.next(), head_words.next().as_deref().and_then(small_number)) {
            if matches!(noun.as_str(), "groups" | "arms") {
                each_group(k, found);
                continue;
            }
        }
        let label = n_equals_label(rules, s, (sentence_start, sentence_end), (n_at, n_match.end()), label_end);
        let Some(arm) = n_equals_arm(rules, label.as_ref(), head) else { continue };
        let lower = arm.to_ascii_lowercase();
        let mut arm = arm.as_str();
        if lower.ends_with("groups") || lower.ends_with("arms") {
            if let Some(k) = lower.split_whitespace().next().and_then(small_number) {
                each_group(k, found);
                continue;
            }
            // `intervention (n = 440) and control groups (n = 440)`: the one group it names.
            // `combined treatment groups (n = 5380)`, `focus groups` pool or name no arm.
            let last_is_noun = lower.rsplit(' ').next().is_some_and(|w| w == "groups" || w == "arms");
            let pooled = lower.split_whitespace().any(|w| rules.pooled_groups.contains(w));
            match arm.strip_suffix('s').filter(|one| !is_vague(&arm_label::group_key(one))) {
                Some(one) if one.contains(' ') && last_is_noun && !pooled => arm = one,
                _ => continue,
            }
        }
        let (from, to) = label
            .as_ref()
            .filter(|_| arm != "total")
            .map_or((n_at, n_match.end()), |l| (l.span.0.min(n_at), l.span.1.max(n_match.end())));
        found.push(n_match.start(), arm, n, "arm_size.n_equals", (from, to));
    }
}

/// Whether the digits of an `n =` go on over a denominator (`(n = 170/573; OR 1.7`): they count
/// those with an event, not the group; the denominator is the group's size, read with the events.
fn is_count_of_denominator(after: &str) -> bool {
    let rest = after.trim_start();
    rest.strip_prefix('/').is_some_and(|d| d.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether the digits of an `n =` go on with `/group` or `per group` (`(…, n = 10/group)`): every
/// group has that size, read by `arm_size.per_group` when it finds the groups; the label before
/// the count names no one group.
fn is_size_per_group(after: &str) -> bool {
    let rest = after.trim_start();
    let rest = rest.strip_prefix('/').or_else(|| rest.strip_prefix("per ")).map(str::trim_start);
    rest.is_some_and(|r| {
        let word = r.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_ascii_lowercase();
        matches!(word.as_str(), "group" | "arm")
    })
}

/// Whether the count at `s[start..end]` is one end of a range (`n = 15 to 17 per group`,
/// `(n = 10–13)`): no group has that size, so it gives no row.
fn is_range_end(s: &str, start: usize, end: usize) -> bool {
    const JOINS: [&str; 4] = ["to", "-", "–", "—"];
    let after = s[end..].trim_start();
    let after = JOINS.iter().find_map(|j| after.strip_prefix(j)).map(str::trim_start);
    let after = after.is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    let before = s[..start].trim_end();
    let before = JOINS.iter().find_map(|j| before.strip_suffix(j)).map(str::trim_end);
    after || before.is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
}

/// The group an `n =` gives the size of, tried in order: named after it (`N = 357 for
/// placebo`), right before it, before an aside, before a bracket holding it, a dose, or a name
/// after the count in its bracket.
fn n_equals_label(
    rules: &ArmRules,
    s: &str,
    (sentence_start, sentence_end): (usize, usize),
    (n_at, n_end): (usize, usize),
    label_end: usize,
) -> Option<Label> {
    n_for_label(rules, s, (sentence_start, sentence_end), n_at, n_end)
        .or_else(|| opening_group_label(rules, s, sentence_start, label_end))
        .or_else(|| {
            let before = rules.labels.before(s, label_end)?;
            described_group(rules, s, sentence_start, &before).or(Some(before))
        })
        .or_else(|| aside_label(rules, s, label_end))
        .or_else(|| bracket_head_label(rules, s, sentence_start, n_at))
        .or_else(|| dose_label(rules, s, sentence_start, label_end))
        .or_else(|| letter_label(rules, s, sentence_start, label_end))
        .or_else(|| n_then_label(rules, s, n_at, n_end))
        .filter(|l| l.span.0 >= sentence_start)
}

/// `Group B, who had undergone surgery and trocar techniques (n = 90)`, `Group A = "6Tx/6-":
/// treatment for the first 6 months (n = 26)`: a clause that opens with a group named by its
/// identifier and describes it up to the `n =` bracket gives that group (the label right before
/// the bracket ends its description). The clause starts after the sentence's start, a `;` or a
/// closing bracket, and names no other group and no comparison.
fn opening_group_label(rules: &ArmRules, s: &str, sentence_start: usize, label_end: usize) -> Option<Label> {
    let head = s.get(sentence_start..label_end)?.trim_end().trim_end_matches(['(', '[']);
    let from = head.rfind([';', ')', ']']).map_or(0, |at| at + 1);
    let clause = &head[from..];
    let group = rules.around.opening_group.captures(clause)?.get(1)?;
    let rest = &clause[group.end()..];
    if rest.len() > 160 || rules.around.other_group.is_match(rest) {
        return None;
    }
    let at = sentence_start + from + group.start();
    Some(Label { span: (at, at + group.len()), text: group.as_str().to_string() })
}

/// The arm an `n =` row names: its group's label, `total` for a participant noun, or, with no
/// label, `total` only after a participant noun or at the sentence's start; `None` for an
/// outcome's count or a count of nothing named.
fn n_equals_arm(rules: &ArmRules, label: Option<&Label>, head: &str) -> Option<String> {
    match label {
        Some(l) if rules.outcomes.is_match(&l.text) || rules.around.age_or_time.is_match(l.text.trim()) => None,
        Some(l) if !rules.labels.names_everyone(&l.text) => Some(l.text.clone()),
        Some(_) => Some("total".to_string()),
        None => {
            let last = head.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            (head.is_empty() || rules.labels.names_everyone(last)).then(|| "total".to_string())
        }
    }
}

/// `(n = 86 vs 86)`, `(n = 165 and 154, respectively)`: the counts of one `n =`, with their
/// spans, when more than one follows it.
fn counts_listed_after(s: &str, first: usize, first_end: usize) -> Option<Vec<(usize, usize)>> {
    static NEXT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|vs\.?\s+|versus\s+)(\d{1,3}(?:,\d{3})+|\d+)\b")
            .expect("the count-list pattern compiles")
    });
    let mut counts = vec![(first, first_end)];
    let mut at = first_end;
    while let Some(next) = NEXT.captures(&s[at..]).and_then(|c| c.get(1)) {
        // `(n = 30, 40% women)`, `(n = 10, 28°C)`, `(n = 44, 50–74 years)`: no count of a group.
        let rest = s[at + next.end()..].trim_start();
        let word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let closes = rest.is_empty() || rest.starts_with([',', ')', ']', ';']);
        if !closes && !matches!(word, "and" | "or" | "vs" | "versus" | "respectively") {
            break;
        }
        counts.push((at + next.start(), at + next.end()));
        at += next.end();
    }
    (counts.len() > 1).then_some(counts)
}

/// Gives each listed count to the group named in the same place of the list of groups right
/// before the bracket (`randomized to surgery or medication (n = 86 vs 86)`); no row at all when
/// the groups before it are not as many (a wrong pairing looks valid).
fn push_listed_counts(
    rules: &ArmRules,
    s: &str,
    (from, to): (usize, usize),
    counts: Vec<(usize, usize)>,
    found: &mut Found,
) {
    let mut labels: Vec<Label> = Vec::new();
    let mut end = to;
    let mut more_before = true;
    while more_before && labels.len() <= counts.len() {
        let Some(label) = rules.labels.before(s, end).filter(|l| l.span.0 >= from) else { break };
        let head = s[from..label.span.0].trim_end();
        let joined = [",", " and", " or", " vs", " vs.", " versus"].iter().find_map(|j| head.strip_suffix(j));
        end = from + joined.map_or(0, str::len);
        more_before = joined.is_some();
        labels.insert(0, label);
    }
    // As many groups as counts, and the list of groups starts there; else the record's groups
    // when it names as many (`on CPAP (n = 86 vs 86)` after `group A` and `group B`).
    let named_here = labels.len() == counts.len() && !more_before;
    let head = s[from..to].trim_start();
    // `In the participants with MCI (n = 14 vs 15)`: a subgroup of each arm.
    let subgroup = head.starts_with("In ") || head.starts_with("Among ");
    if !named_here {
        labels = if rules.allocation.is_match(head) && !subgroup { record_groups(rules, s) } else { Vec::new() };
    }
    let names_groups = labels.len() == counts.len() && labels.iter().all(|l| !rules.outcomes.is_match(&l.text));
    for (index, &(at, at_end)) in counts.iter().enumerate() {
        let n = read_count(&s[at..at_end]);
        match (names_groups, n) {
            (true, Some(n)) => {
                let label = &labels[index];
                let start = if named_here { label.span.0 } else { at };
                found.push(at, &label.text, n, "arm_size.n_equals", (start, at_end));
            }
            _ => {
                found.taken.insert(at);
            }
        }
    }
}

/// Whether a sentence counting exclusions or withdrawals holds the count at `at` among them:
/// `screened, 891 were randomized (N = 357 for placebo, ...)` allocates after its exclusion
/// word, so its counts are sizes.
fn in_exclusion_clause(rules: &ArmRules, sentence: &str, at: usize) -> bool {
    let Some(last_before) = rules.exclusion.find_iter(&sentence[..at]).last() else {
        return rules.exclusion.is_match(sentence);
    };
    !sentence[last_before.end()..at]
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| rules.allocated_verb.is_match(word))
}

/// `(N = 357 for placebo, N = 353 for etoricoxib)`: the group right after the count, when the
/// bracket holds no other statistic before it (`r = 0.81, P = 0.023, n = 7 for MPA`) and no
/// `respectively` after it (`N = 10, N = 15 for placebo and olanzapine groups respectively`).
fn n_for_label(rules: &ArmRules, s: &str, sentence: (usize, usize), n_at: usize, n_end: usize) -> Option<Label> {
    let lead = rules.n_for.find(&s[n_end..sentence.1.max(n_end)])?;
    let open = s[sentence.0..n_at].rfind(['(', '[']).map_or(sentence.0, |at| sentence.0 + at);
    let close = s[n_end..sentence.1.max(n_end)].find([')', ']']).map_or(sentence.1, |at| n_end + at);
    // Another `n =` before it is a sibling (`n = 507 for sitagliptin and n = 514 for ...`).
    let inside = &s[open..n_at];
    let statistic = inside.match_indices('=').any(|(at, _)| !inside[..at].trim_end().ends_with(['n', 'N']));
    if statistic || s[n_end..close.max(n_end)].contains("respectively") {
        return None;
    }
    rules.labels.after(s, n_end + lead.end())
}

/// `(n=264, drug A; n=262, placebo)`, `(n = 30 surgery)`: a bracket part that opens with the
/// count and goes on with nothing but a group's name up to its `;` or closing bracket.
fn n_then_label(rules: &ArmRules, s: &str, n_at: usize, n_end: usize) -> Option<Label> {
    if !s[..n_at].trim_end().ends_with(['(', '[', ';']) {
        return None;
    }
    let part_end = n_end + s[n_end..].find([';', ')', ']'])?;
    let rest = &s[n_end..part_end];
    let from = n_end + (rest.len() - rest.trim_start_matches([',', ' ']).len());
    // `(n = 416, mean age 63 years)`, `(n = 90, 278 ± 1 g)`: a description, not a group.
    let described = rest.contains(['=', '%', '(', '[', '±', '.'])
        || rest.split_whitespace().any(|w| {
            rules.sample_descriptions.contains(&w.to_ascii_lowercase()) || w.starts_with(|c: char| c.is_ascii_digit())
        });
    if from == n_end || from >= part_end || described {
        return None;
    }
    let label = rules.labels.after(s, from)?;
    (s[label.span.1..part_end].trim().is_empty() && !rules.outcomes.is_match(&label.text)).then_some(label)
}

/// `control group (without nerve monitoring, n=40)`, `intervention group (FOBT plus a mailed
/// reminder, n = 387)`: the label before `n` ends a description that opens the bracket, so the
/// group named right before the bracket, with its group noun, is the arm.
/// A label with a number and no group noun (`administered 3 days before PCI, n=128`, `<7.0
/// mmol/L postprandial, N = 20`; not `<1,500 g group [n=253]`) measures the group rather than
/// naming it: the bracket may hold brackets of its own before it, and the group before the
/// bracket needs no group noun (`trimetazidine (60 mg/d, …, n=128)`, `GDM1 (tight targets, …,
/// N = 20)`).
fn described_group(rules: &ArmRules, s: &str, sentence_start: usize, label: &Label) -> Option<Label> {
    let measured = label.text.contains(|c: char| c.is_ascii_digit()) && !names_one_group(rules, &label.text);
    let before = s.get(sentence_start..label.span.0)?;
    let open = sentence_start + if measured { unclosed_open(before)? } else { before.rfind(['(', '['])? };
    let lead = s.get(open + 1..label.span.0)?.trim();
    let only_article = matches!(lead.to_ascii_lowercase().as_str(), "" | "the" | "a" | "an");
    let lead_breaks = if measured { lead.contains(['=', ';']) } else { lead.contains([')', ']', '=', ';']) };
    // `(vaccine A, n = 164; vaccine B, n = 167)` lists the groups themselves.
    let close = label.span.1 + s[label.span.1..].find([')', ']'])?;
    if only_article || lead_breaks || s[label.span.1..close].matches('=').count() > 1 {
        return None;
    }
    let head = rules.labels.before(s, open)?;
    let names_group = measured || names_one_group(rules, &head.text);
    (names_group && !rules.labels.names_everyone(&head.text) && !rules.outcomes.is_match(&head.text)).then_some(head)
}

/// The offset of the last bracket left open in `text`, skipping brackets closed in it.
fn unclosed_open(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth == 0 => return Some(at),
            '(' | '[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The group before the bracket that holds `n =` after other words: `placebo (PLA; n = 8)`,
/// `control group (CG; sorbitol 10%, n=29)`. A group named inside the bracket (`(A arm; n = 51)`)
/// is left to the label right before `n`.
fn bracket_head_label(rules: &ArmRules, s: &str, sentence_start: usize, n_at: usize) -> Option<Label> {
    let open = sentence_start + s[sentence_start..n_at].rfind(['(', '['])?;
    let inner = &s[open + 1..n_at];
    let inner_trimmed = inner.trim_end();
    let head = rules.labels.before(s, open).filter(|l| !rules.outcomes.is_match(&l.text))?;
    // `group A (clopidogrel 600 mg >6 h before CAG; n = 513)`: after a group named with its
    // group noun, the whole aside describes that group.
    let named_group = names_one_group(rules, &head.text);
    let longest = if named_group { 160 } else { 60 };
    if inner.contains([')', ']', '=']) || inner.len() > longest || !inner_trimmed.ends_with([';', ',']) {
        return None;
    }
    // The aside opens with the group's abbreviation or a description with a number (`40% of
    // caloric intake`), and holds this one size: `(control, n=40; usual care, n=40)` lists groups.
    let first_part = inner_trimmed[..inner_trimmed.len() - 1].split([';', ',']).next().unwrap_or("").trim();
    // `stent group (46.9%, n = 15)`: a share and its count, not the group's size.
    let share = first_part.ends_with('%') && !first_part.contains(' ') || first_part.contains('=');
    if share || !named_group && !is_group_aside(first_part, inner_trimmed.ends_with(';')) {
        return None;
    }
    // `(UG; n = 9; age, 17.3 years)` holds one size; `(control, n=40; usual care, n=40)` two.
    // `(RP; n = 54; 11%)`: a share of a cohort, not a group's size.
    let close = n_at + s[n_at..].find([')', ']'])?;
    if s[n_at..close].matches('=').count() > 1 || s[n_at..close].contains('%') || inner.contains("subgroup") {
        return None;
    }
    Some(head)
}

/// Whether a label names one group with its group noun: `control group`, `group A`, not
/// `groups` or a cohort of everyone.
fn names_one_group(rules: &ArmRules, label: &str) -> bool {
    let last = label.rsplit(' ').next().unwrap_or("");
    let noun_last = rules.labels.is_group_noun(last) && !last.ends_with('s');
    (noun_last || rules.labels.names_by_id(label)) && !rules.labels.names_everyone(label)
}

/// Whether the first part of a bracket before its `n =` describes the group rather than giving a
/// statistic: an abbreviation (`PLA`, `Co`), a dose or description with a number (`40% of
/// caloric intake`), or, before a semicolon, a few words (`control;`, `IIT + LMWH;`). A bare
/// percentage (`stent group (46.9%, n = 15)`) is a share and its count, and a comparison or
/// test statistic (`P = 0.03;`) is no description.
fn is_group_aside(first_part: &str, semicolon: bool) -> bool {
    if first_part.is_empty() || first_part.contains(['=', '<', '>', '±']) {
        return false;
    }
    let bare_percent = first_part.ends_with('%') && !first_part.contains(' ');
    let capitals = first_part.chars().filter(|c| c.is_ascii_uppercase()).count();
    let abbreviation = first_part.len() <= 10
        && !first_part.contains(' ')
        && (capitals >= 2 || first_part.len() <= 4 && first_part.starts_with(|c: char| c.is_ascii_uppercase()));
    // `(A-only and A + B; n = 18)` pools the cells of a factorial design.
    let description = semicolon
        && first_part.len() <= 40
        && first_part.split_whitespace().count() <= 5
        && !first_part.contains(" and ");
    !bare_percent && (abbreviation || description || first_part.starts_with(|c: char| c.is_ascii_digit()))
}

/// A dose alone naming its group in an allocation: `randomized to either 30 mg (n=20) or 60 mg
/// (n=20)` gives `30 mg` (the label reader takes `30 mg` for a count of milligrams).
fn dose_label(rules: &ArmRules, s: &str, sentence_start: usize, to: usize) -> Option<Label> {
    let head = s.get(sentence_start..to)?.trim_end().trim_end_matches(['(', '[', ',']).trim_end();
    let dose = rules.dose_at_end.captures(head)?.name("dose")?;
    // `(vortioxetine 5 mg, n = 564, ...; 10 mg, n = 445`: a dose after another dose's `n =` in
    // its bracket is the next group of that list.
    let bracket = &head[head.rfind('(').map_or(0, |at| at + 1)..dose.start()];
    let listed = bracket.trim_end().ends_with(';') && rules.bracket_parts.dose_then_n.is_match(bracket);
    if !rules.allocation.is_match(&head[..dose.start()]) && !listed {
        return None;
    }
    let span = (sentence_start + dose.start(), sentence_start + dose.end());
    Some(Label { span, text: dose.as_str().to_string() })
}

/// `(F, n = 35; F+A, n = 31; A, n = 37)`: a capital letter alone opening a bracket's part names
/// its group (`letter_part`; the label reader takes a lone `A` for an article).
fn letter_label(rules: &ArmRules, s: &str, sentence_start: usize, to: usize) -> Option<Label> {
    let head = s.get(sentence_start..to)?;
    let letter = rules.bracket_parts.letter.captures(head)?.name("letter")?;
    // One of several parts with their own `n =`.
    if !head[..letter.start()].contains('=') {
        return None;
    }
    let span = (sentence_start + letter.start(), sentence_start + letter.end());
    Some(Label { span, text: letter.as_str().to_string() })
}

/// The group before a bracketed aside: `the daily × 5 Mayo Clinic schedule (425 and 20 mg m−2,
/// respectively) (n=42)` gives `Mayo Clinic schedule`.
fn aside_label(rules: &ArmRules, s: &str, to: usize) -> Option<Label> {
    let head = s[..to].trim_end().strip_suffix(['(', '['])?.trim_end();
    // `a black pepper oil (BPO) group (n=11)`: the group noun after the aside.
    let head = match head.rsplit_once(' ') {
        Some((before, noun)) if before.ends_with(')') && !noun.ends_with('s') && rules.labels.is_group_noun(noun) => {
            before
        }
        _ => head,
    };
    let inner = head.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    if inner[open..].contains(['[', ']', '=']) || inner.len() - open > 80 {
        return None;
    }
    rules.labels.before(s, open)
}

/// `20 per group`, `3 groups of 35 each`, `n=30 per group`: one row per group.
fn find_per_group(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    let mut groups: Option<Vec<Label>> = None;
    for caps in rules.per_group.captures(text) {
        let Some(n_match) = ["n", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"].iter().find_map(|g| caps.name(g))
        else {
            continue;
        };
        let Some(n) = read_count(n_match.as_str()) else { continue };
        // `P < 0.001 for each group`: the decimals of a p-value.
        let decimals = s[..n_match.start()].ends_with(['.', '·']);
        if decimals
            || is_range_end(s, n_match.start(), n_match.end())
            || in_design_sentence(rules, text, n_match.start())
        {
            continue;
        }
        // `on day 7 for each arm`: a time, not a size; `stroke occurred in 13 patients in each
        // group`: those with an outcome.
        let (sentence_start, sentence_end) = text.sentence_at(n_match.start());
        if rules.time_before.is_match(&s[sentence_start..n_match.start()])
            || rules.outcome_verb.is_match(&s[sentence_start..sentence_end])
        {
            continue;
        }
        let stated: Option<usize> = caps
            .name("k")
            .and_then(|k| k.as_str().parse().ok())
            .or_else(|| rules.group_count.captures(s).and_then(|c| c.name("k")?.as_str().parse().ok()));
        let groups = groups.get_or_insert_with(|| record_groups(rules, s));
        let k = stated.unwrap_or(if (2..=4).contains(&groups.len()) { groups.len() } else { 2 });
        let whole = caps.get(0).map_or((n_match.start(), n_match.end()), |m| (m.start(), m.end()));
        if found.taken.insert(n_match.start()) {
            push_per_group(rules, k, &n, groups, text, whole, found);
        }
    }
}

/// One row of size `n` for each of `k` groups, named by the record's `groups` when it names `k`;
/// else by the `k` it names from the count's sentence on (`age group` in a background sentence
/// names no arm); else by the `k` that are a group noun and an identifier (`group I` ... `Group
/// IV`, beside `any other group`); else by a list of `k` alternatives in the sentences `around`
/// the count (`with A, B, and C`, `received, respectively, A, B or C`); else `group 1` ...
/// `group k`.
fn push_per_group(
    rules: &ArmRules,
    k: usize,
    n: &Num,
    groups: &[Label],
    text: &Text,
    span: (usize, usize),
    found: &mut Found,
) {
    if !(2..=8).contains(&k) {
        return;
    }
    let sentence_start = text.sentence_at(span.0).0;
    let from_here: Vec<&Label> = groups.iter().filter(|g| g.span.0 >= sentence_start).collect();
    let identified: Vec<&Label> = groups.iter().filter(|g| rules.labels.names_by_id(&g.text)).collect();
    let listed: Vec<Label>;
    let names: Vec<&Label> = if groups.len() == k {
        groups.iter().collect()
    } else if from_here.len() == k {
        from_here
    } else if identified.len() == k {
        identified
    } else {
        let around = sentences_around(text, sentence_start);
        listed = listed_alternatives(rules, text.as_str(), around, k).unwrap_or_default();
        listed.iter().collect()
    };
    for index in 0..k {
        let named = names.len() == k;
        let arm = if named { names[index].text.clone() } else { format!("group {}", index + 1) };
        let mut row = size_row(&arm, n.clone(), "arm_size.per_group");
        if !named {
            crate::validate::flag(&mut row, crate::validate::ARM_SIZE_GROUP_UNNAMED);
        }
        found.findings.push(Finding { row, span });
    }
}

/// The sentence before `sentence_start`'s sentence, that sentence and the next one, as one span.
fn sentences_around(text: &Text, sentence_start: usize) -> (usize, usize) {
    let index = text.sentence_index(sentence_start);
    let first = index.saturating_sub(1);
    let last = (index + 1).min(text.sentences.len().saturating_sub(1));
    match (text.sentences.get(first), text.sentences.get(last)) {
        (Some(a), Some(b)) => (a.0, b.1),
        _ => (sentence_start, sentence_start),
    }
}

/// The first list of exactly `k` alternatives in `s[around]` that follows a word leading to the
/// arms (`alternatives_lead`: `either`, `received`, `respectively`, a verb before `with`, an
/// allocation before `to`): `treated with either A or B`, `participated in A, B, or no exercise`. Each item is a few words, cut at a word that ends a
/// name (`for`, `according`, `during`).
fn listed_alternatives(rules: &ArmRules, s: &str, around: (usize, usize), k: usize) -> Option<Vec<Label>> {
    let window = s.get(around.0..around.1)?;
    rules.alternatives_lead.find_iter(window).find_map(|lead| {
        let from = around.0 + lead.end();
        let items = alternatives_after(rules, s, from, around.1)?;
        (items.len() == k).then_some(items)
    })
}

/// The items of `A, B, or C` / `A, B and C` / `A or B` from `from` on: commas part the items, and
/// the item after the joining `or`/`and` is the last.
fn alternatives_after(rules: &ArmRules, s: &str, from: usize, limit: usize) -> Option<Vec<Label>> {
    let rest = s.get(from..limit)?;
    let clause_end = rest.find(['.', ';', '(', ')', '[', ']', ':']).unwrap_or(rest.len());
    let mut items = Vec::new();
    let mut at = 0;
    let mut closed = false;
    for chunk in rest[..clause_end].split(',') {
        let start = at + (chunk.len() - chunk.trim_start().len());
        at += chunk.len() + 1;
        let trimmed = chunk.trim();
        let joined = ["or ", "and "].iter().find_map(|j| trimmed.strip_prefix(j));
        if let Some(last) = joined {
            let offset = from + start + (trimmed.len() - last.len());
            items.push(alternative_item(rules, offset, last)?);
            closed = true;
            break;
        }
        let split = [" or ", " and "].iter().filter_map(|j| trimmed.find(j).map(|i| (i, j.len()))).min();
        if let Some((i, len)) = split {
            // `A and B` alone may be one thing made of two (`starch and vitamins`).
            if items.is_empty() && len == " and ".len() {
                return None;
            }
            items.push(alternative_item(rules, from + start, &trimmed[..i])?);
            items.push(alternative_item(rules, from + start + i + len, &trimmed[i + len..])?);
            closed = true;
            break;
        }
        items.push(alternative_item(rules, from + start, trimmed)?);
        if items.len() > 8 {
            return None;
        }
    }
    (closed && items.len() >= 2).then_some(items)
}

/// One named alternative, `words` starting at byte `at` of the text: its words (after `either`) up to one that
/// ends a name, one to five words with a letter.
fn alternative_item(rules: &ArmRules, at: usize, words: &str) -> Option<Label> {
    let skipped = words.len() - words.trim_start().strip_prefix("either ").unwrap_or(words.trim_start()).len();
    let words = &words[skipped..];
    let mut end = 0;
    let mut count = 0;
    for (offset, word) in word_offsets(words) {
        if rules.alternative_ends.contains(&word.to_ascii_lowercase()) {
            break;
        }
        count += 1;
        end = offset + word.len();
    }
    let text = &words[..end];
    if !(1..=5).contains(&count) || !text.contains(|c: char| c.is_alphabetic()) || text.contains(['%', '=']) {
        return None;
    }
    let start = at + skipped;
    Some(Label { span: (start, start + end), text: text.to_string() })
}

/// The words of a text split on whitespace, each with its byte offset.
fn word_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = &text[from..];
        let start = from + rest.find(|c: char| !c.is_whitespace())?;
        let end = text[start..].find(char::is_whitespace).map_or(text.len(), |len| start + len);
        from = end;
        Some((start, &text[start..end]))
    })
}

/// The groups a record names with a group noun (`the DZ group`, `group A`), in order, one each.
pub fn record_groups(rules: &ArmRules, s: &str) -> Vec<Label> {
    static GROUP_NOUN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("(?i-u:group|arm)").expect("the group-noun pattern compiles"));
    let mut seen: KeySet<String> = KeySet::default();
    let mut groups = Vec::new();
    for noun in GROUP_NOUN.find_iter(s) {
        let at = noun.start();
        // A whole word: not inside a word or a hyphenated compound.
        if s[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-') {
            continue;
        }
        let rest = &s[at..];
        let word_len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let word = rest[..word_len].to_ascii_lowercase();
        if word == "groups" || word == "arms" {
            // `the high-dose and low-dose groups`: both groups, in order.
            let Some(second) = rules.labels.before(s, at) else { continue };
            let head = s[..second.span.0].trim_end();
            let joined = head.strip_suffix(" and").or_else(|| head.strip_suffix(" or"));
            let Some(first) = joined.and_then(|h| rules.labels.before(s, h.len())) else { continue };
            for label in [first, second] {
                let key = arm_label::group_key(&label.text);
                if !key.is_empty() && !is_vague(&key) && label.text.split_whitespace().count() <= 3 && seen.insert(key)
                {
                    groups.push(label);
                }
            }
            continue;
        }
        if word != "group" && word != "arm" {
            continue;
        }
        let label = match rules.labels.after(s, at) {
            Some(l) if l.text.split_whitespace().count() == 2 => Some(l),
            _ => rules.labels.before(s, at + word_len),
        };
        let Some(label) = label else { continue };
        let key = arm_label::group_key(&label.text);
        if key.is_empty() || is_vague(&key) || label.text.split_whitespace().count() > 4 {
            continue;
        }
        if seen.insert(key) {
            groups.push(label);
        }
    }
    groups
}

/// Whether a group key names no particular group: `treatment group`, `each group`, `two groups`.
fn is_vague(key: &str) -> bool {
    let first = key.split_whitespace().next().unwrap_or("");
    let vague = [
        "treatment",
        "study",
        "each",
        "both",
        "two",
        "three",
        "four",
        "other",
        "same",
        "either",
        "one",
        "all",
        "these",
        "different",
        "randomized",
        "parallel",
    ];
    vague.contains(&first) || first.chars().all(|c| c.is_ascii_digit())
}

/// `119 patients ...` or `60 were assigned ...`: a total, an arm's size, or nothing.
///
/// The steps, in order; the first that decides wins:
/// 1. nothing when the count is taken already, stands in a design sentence, or the words before
///    it (`not_a_participant_count`) or after it (`outcome_or_exclusion_after`) make it some other count;
/// 2. `read_assigned_count`: `60 were assigned to X` (`arm_size.assigned`), or everyone's count
///    when each group's follows (`arm_size.total`);
/// 3. `read_in_arm_count`: `57 patients in group A` in a sentence of allocation (`arm_size.in_arm`);
/// 4. `read_total_count`: a whole-trial count (`arm_size.total`).
fn read_participant_count(rules: &ArmRules, text: &Text, caps: &Captures<'_>, has_noun: bool, found: &mut Found) {
    let s = text.as_str();
    let (Some(whole), Some(n_match)) = (caps.get(0), caps.name("n")) else { return };
    let at = n_match.start();
    if found.taken.contains(&at) {
        return;
    }
    let Some(n) = read_count(n_match.as_str()) else { return };
    let (sentence_start, sentence_end) = text.sentence_at(at);
    let sentence = &s[sentence_start..sentence_end];
    if rules.design.is_match(sentence) {
        return;
    }
    // What stands before the count in its sentence.
    let before = &s[sentence_start..at];
    let total_of = super::ends_with_lowercase(before.trim_end(), "total of");
    let opening_of = rules.around.opening_of.is_match(before);
    let count =
        ParticipantCount { s, whole, n_match, at, n, has_noun, sentence, sentence_end, before, total_of, opening_of };
    if not_a_participant_count(rules, caps, &count) || outcome_or_exclusion_after(rules, &count) {
        return;
    }
    if rules.on("arm_size.assigned")
        && (read_group_of_count(rules, &count, found) || read_assigned_count(rules, &count, found))
    {
        return;
    }
    if read_in_arm_count(rules, &count, found) || rules.on("arm_size.assigned") && read_as_group(rules, &count, found) {
        return;
    }
    if rules.on("arm_size.total") {
        read_total_count(rules, &count, found);
    }
}

/// `the observation group of 44 cases`, `a control group of 30 patients`: the group's size.
fn read_group_of_count(rules: &ArmRules, count: &ParticipantCount<'_>, found: &mut Found) -> bool {
    let head = count.before.trim_end();
    // `group 1 consisted of 24 patients`, `the control group that included 21 patients`,
    // `divided into trial group, 69 patients, and control group, 36 patients`.
    let verb_at_end = || rules.group_verb_at_end.find(head).map(|m| &head[..m.start()]);
    let comma = head.ends_with(',');
    let Some(mut head) = head.strip_suffix(" of").or_else(verb_at_end).or_else(|| head.strip_suffix(',')) else {
        return false;
    };
    for verb in [" consisted", " comprised", " composed", " consisting"] {
        head = head.strip_suffix(verb).unwrap_or(head);
    }
    let group_end = count.at - count.before.len() + head.len();
    let Some(label) = rules.labels.before(count.s, group_end) else { return false };
    let words: Vec<String> = label.text.split_whitespace().map(str::to_ascii_lowercase).collect();
    let noun_at = words.iter().rposition(|w| rules.labels.has_group_noun(w));
    // The label ends with its group noun (`control group`) or an id after it (`group 1`), and
    // names one group (`This group`, `Another group` name none by themselves).
    let ends_group =
        noun_at.is_some_and(|at| at + 1 == words.len() || at + 2 == words.len() && words[at + 1].len() <= 3);
    let vague = ["another", "this", "that", "each", "every", "first", "second", "third", "other", "one", "a", "an"];
    let vague_start =
        words.first().is_some_and(|w| vague.contains(&w.as_str()) || w.starts_with(|c: char| c.is_ascii_digit()));
    // `(group L, 40 patients)`, `divided into trial group, 69 patients, and control group, 36
    // patients`; not `In the control group, two patients presented ecchymosis`.
    let lead = count.s[..label.span.0].trim_end();
    let listed =
        lead.ends_with('(') || lead.rsplit(' ').next().is_some_and(|w| matches!(w, "into" | "to" | "and" | "or"));
    if !count.has_noun || !ends_group || vague_start || comma && !listed {
        return false;
    }
    if words.last().is_some_and(|w| w.ends_with('s') && rules.labels.has_group_noun(w)) {
        return false;
    }
    // `The study cohort comprised 740 men`, `The study group contained 766 patients`: everyone.
    if words.first().is_some_and(|w| w == "study") {
        found.push(count.at, "total", count.n.clone(), "arm_size.total", (count.at, count.whole.end()));
        return true;
    }
    found.push(count.at, &label.text, count.n.clone(), "arm_size.assigned", (label.span.0, count.whole.end()));
    true
}

/// A count the participant patterns matched, and where it stands in its sentence.
struct ParticipantCount<'t> {
    /// The normalised abstract.
    s: &'t str,
    /// The pattern's whole match (the count and, when it has one, its noun) and the count.
    whole: Match<'t>,
    n_match: Match<'t>,
    /// Where the count starts, and its value.
    at: usize,
    n: Num,
    /// Whether the pattern read a participant noun after the count.
    has_noun: bool,
    /// The count's sentence and where it ends.
    sentence: &'t str,
    sentence_end: usize,
    /// What stands before the count in its sentence.
    before: &'t str,
    /// `A total of 40 patients`.
    total_of: bool,
    /// `Of the 156 patients, ...` opening the sentence: a group the sentence breaks down.
    opening_of: bool,
}

/// Whether the words before the count, or the count's own words, show it is no participant
/// count: a bound, a denominator, an outcome before it, a site (`87 UK hospitals`), a
/// modifier that stops it, a non-participant noun, a breakdown by sex or a percentage in
/// brackets right after it.
fn not_a_participant_count(rules: &ArmRules, caps: &Captures<'_>, count: &ParticipantCount<'_>) -> bool {
    let ParticipantCount { s, whole, n_match, has_noun, sentence, before, total_of, opening_of, .. } = *count;
    // `9.5 mg patches`: the digits after a decimal point are no count.
    if after_decimal_point(before) {
        return true;
    }
    if !total_of && !opening_of && (rules.not_a_size_before.is_match(before) || is_denominator(before)) {
        return true;
    }
    // A count after an outcome in its sentence counts those with the outcome.
    if rules.outcomes.is_match(before) {
        return true;
    }
    if has_noun {
        // `recruited from 87 UK hospitals`: the places participants came from.
        let noun = caps.name("noun").map_or(String::new(), |m| m.as_str().to_ascii_lowercase());
        // `conducted in five hospitals`: sites; in a cluster trial, its randomized units.
        let site_in = before.trim_end().ends_with(" in") && rules.cluster_design.is_match(sentence);
        if rules.site_nouns.contains(&noun) && rules.site_source_before.is_match(before) && !site_in {
            return true;
        }
        // `Two cases of lymphoproliferative disease occurred`: events, not participants, unless
        // the sentence allocates them and finds no event (`The study included 35 cases of UPJO`).
        let of_after = s[whole.end()..].trim_start().starts_with("of ");
        let events_said = rules.event_found.is_match(sentence) || !rules.allocation.is_match(sentence);
        if of_after && rules.event_nouns_before_of.contains(&noun) && events_said {
            return true;
        }
        let mods = caps.name("mods").map_or("", |m| m.as_str());
        if modifiers_stop(rules, mods) {
            return true;
        }
    } else if rules.non_participants.iter().any(|w| s[n_match.end()..].trim_start().starts_with(w.as_str())) {
        return true;
    }
    // `54 females and 38 males`: a breakdown by sex.
    if has_noun && rules.sex_count.is_match(whole.as_str()) && breaks_down_by_sex(rules, sentence) {
        return true;
    }
    let after_count = &s[n_match.end()..];
    if after_count.trim_start().starts_with(['(', '[']) && after_count.trim_start()[1..].contains('%') {
        let inside = &after_count.trim_start()[1..];
        if inside.find('%').is_some_and(|p| p < 8) {
            return true;
        }
    }
    false
}

/// Whether the words between a count and its participant noun show it counts something else:
/// a word that stops a description, or a word starting with a digit. `35 T1-L1 TSCI patients`
/// and `40 HIV-1 infected adults` describe them; a word of digits and signs (`2-3`) is no
/// modifier. Asides in brackets with a letter are skipped (`60 overweight (BMI > 25), healthy
/// adults`, `28 (nine men, 26 full-time) office workers`); a comma, `and` or `or` joins two
/// describing words (`20 healthy, male subjects`, `13 overweight or obese adults`) but joins no
/// last word to the noun (`after 12 weeks, patients`, `into 4 groups and patients`).
fn modifiers_stop(rules: &ArmRules, mods: &str) -> bool {
    // The words outside the asides.
    let mut words: Vec<&str> = Vec::new();
    let mut rest = mods;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else { return true };
        let aside = &rest[open + 1..open + close];
        // `29 (of 362) patients` counts a part of a group, not the group.
        if !aside.chars().any(char::is_alphabetic) || aside.trim_start().starts_with("of ") {
            return true;
        }
        words.extend(rest[..open].split_whitespace().filter(|w| *w != ","));
        rest = &rest[open + close + 1..];
    }
    words.extend(rest.split_whitespace().filter(|w| *w != ","));
    if words.last().is_some_and(|w| w.ends_with(',')) {
        return true;
    }
    words.iter().enumerate().any(|(i, word)| {
        let w = word.trim_end_matches(',').to_ascii_lowercase();
        let joins = matches!(w.as_str(), "and" | "or") && i > 0 && i + 1 < words.len() && !words[i - 1].ends_with(',');
        !joins && (rules.modifier_stops.contains(&w) || w.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// After the count's noun: an outcome (`died`) makes it an event count, and an exclusion
/// (outside an aside in brackets) something other than a size.
fn outcome_or_exclusion_after(rules: &ArmRules, count: &ParticipantCount<'_>) -> bool {
    let ParticipantCount { s, whole, has_noun, sentence_end, before, .. } = *count;
    // Only a count with its noun is said to have an outcome or an exclusion.
    if !has_noun {
        return false;
    }
    let tail_from = whole.end();
    let tail = &s[tail_from..sentence_end.max(tail_from)];
    // `223 infants (7 infants excluded after randomization)`: an exclusion in the aside in
    // brackets is not said of the count.
    let aside = tail.trim_start().starts_with(['(', '[']);
    // `Seven cases (five in group A, two in group B) had wound infection`: what the sentence
    // says of them follows the aside.
    let said = if aside { tail.find([')', ']']).map_or(tail, |close| &tail[close + 1..]) } else { tail };
    let said_clause = said.split([',', ';']).next().unwrap_or(said);
    let mut next: Vec<&str> = said_clause.split_whitespace().take(3).collect();
    // `148 patients who had undergone surgery`: a relative clause describes, unless it is an outcome.
    if next.first().is_some_and(|w| w.eq_ignore_ascii_case("who")) {
        next = next.into_iter().skip(1).filter(|w| !matches!(*w, "had" | "have" | "were")).take(1).collect();
    }
    let next_words = next.join(" ");
    // The outcome word first: the tests of allocation around it are dearer and seldom needed.
    let outcome_after = rules.outcomes.is_match(&next_words) && {
        // `The study involved 180 patients who required ...`, `we enrolled 553 patients with
        // cancer`: after an allocation verb, what follows the noun describes the participants.
        let clause_before = before.rsplit([',', ';']).next().unwrap_or(before);
        let allocated_before = rules.allocation.is_match(clause_before) || rules.studied_in.is_match(before);
        // `Sixteen women with lumbopelvic pain were included`: the outcome word describes them.
        let allocated_after = rules.then_allocated.is_match(said) || rules.allocation.is_match(&next_words);
        !allocated_before && !allocated_after
    };
    // `Of the 40 patients with grade 3 toxicity, ...`: those with an outcome are no group of the trial.
    let opening_clause = tail.split([',', ';']).next().unwrap_or(tail);
    let outcome_group =
        count.opening_of && rules.outcomes.is_match(opening_clause) && !rules.allocation.is_match(opening_clause);
    let left = rules.around.dropped_out.is_match(&next_words);
    outcome_after || outcome_group || left || !aside && rules.exclusion.is_match(&next_words)
}

/// `... were assigned to X`, `... received X` (`arm_size.assigned`): X's size, with those of
/// the groups listed after it; or everyone's count when each group's follows in brackets or
/// the label names all groups. Whether it decided the count.
fn read_assigned_count(rules: &ArmRules, count: &ParticipantCount<'_>, found: &mut Found) -> bool {
    let ParticipantCount { s, whole, n_match, at, has_noun, sentence_end, .. } = *count;
    let n = count.n.clone();
    let lead_from = if has_noun { whole.end() } else { n_match.end() };
    if let Some(lead) = rules.assigned_lead.find(&s[lead_from..]) {
        if let Some(label) = rules.labels.after(s, lead_from + lead.end()) {
            // `11 patients allocated land exercise failed`: an outcome follows, so an event count.
            // `27 patients underwent BCS (38.0%)`: a share in brackets after the group makes the
            // count the share's, an event count too.
            let next_word = s[label.span.1..].split_whitespace().next().unwrap_or("");
            if rules.outcomes.is_match(next_word) || percent_in_bracket(&s[label.span.1..]) {
                return true;
            }
            // `28 workers took part in ...` is taking part, not a group named `part`; `were given
            // a 40 energy % fat diet` gives an amount, not a group.
            let quantity = s[label.span.1..].trim_start().starts_with('%');
            if label.text.eq_ignore_ascii_case("part") || label.text.starts_with("part ") || quantity {
                return false;
            }
            let Some(label) = with_what_it_is_of(rules, s, label) else {
                found.push(at, "total", n, "arm_size.total", (at, whole.end()));
                return true;
            };
            // `2061 patients were randomly assigned to amoxicillin (1038) and placebo (1023)`:
            // the count is everyone's, and each group's follows its name.
            let arms = bracketed_arm_counts(rules, s, label.clone(), sentence_end);
            if arms.len() >= 2 {
                found.push(at, "total", n, "arm_size.total", (at, whole.end()));
                for (arm, arm_n, span) in arms {
                    found.push(span.0, &arm, arm_n, "arm_size.assigned", span);
                }
                return true;
            }
            if !lists_alternatives(s, &label) && !rules.labels.names_everyone(&label.text) {
                let groups = label.text.to_ascii_lowercase();
                if groups.ends_with("groups") || groups.ends_with("arms") || groups.ends_with("conditions") {
                    found.push(at, "total", n, "arm_size.total", (at, label.span.1));
                    return true;
                }
                found.push(at, &label.text, n, "arm_size.assigned", (at, label.span.1));
                read_continuations(rules, s, label.span.1, sentence_end, "arm_size.assigned", found);
                return true;
            }
        }
    }
    false
}

/// A label that is a form or an amount of what the group got (`received a five-day course of
/// IVIG`, `were given 3 g of magnesium sulphate`) grows over what it is of; `None` when that
/// names alternatives (`injections of BP-C1 or placebo`, `view one of two versions`): the count
/// is then everyone's, not one group's.
fn with_what_it_is_of(rules: &ArmRules, s: &str, label: Label) -> Option<Label> {
    // `view one of two versions` (numbers read as digits: `view 1 of 2`).
    let last = label.text.rsplit(' ').next().unwrap_or("");
    if matches!(last, "1" | "one") && s[label.span.1..].trim_start().starts_with("of ") {
        return None;
    }
    let Some(of) = rules.of_what.captures(&s[label.span.1..]).and_then(|c| c.name("what")) else {
        return Some(label);
    };
    // `4 classes of drugs`, `the control group of 10 adults`: no amount of a treatment.
    if rules.labels.has_group_noun(&label.text) || rules.labels.names_everyone(&label.text) {
        return Some(label);
    }
    let end = label.span.1 + of.end();
    if s[label.span.1..end].contains(" or ") {
        return None;
    }
    let text = s[label.span.0..end].trim_end().to_string();
    Some(Label { span: (label.span.0, label.span.0 + text.len()), text })
}

/// Whether text opens with a percentage in brackets: `(38.0%)`, `[12 %]`.
fn percent_in_bracket(text: &str) -> bool {
    let Some(inside) = text.trim_start().strip_prefix(['(', '[']) else { return false };
    let number_end = inside.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ' ')).unwrap_or(inside.len());
    number_end > 0 && inside[number_end..].starts_with('%')
}

/// Where a bracket holding a percentage and nothing else closes, or its list goes on: `(38.5%)`,
/// `[12 %]`, `(5.9%, overall …` (after the `,`); `None` for `(78% women)`.
fn bare_share_end(text: &str) -> Option<usize> {
    if !percent_in_bracket(text) {
        return None;
    }
    let after_percent = text.find('%')? + 1;
    let rest = text[after_percent..].trim_start();
    rest.starts_with([')', ']', ',', ';']).then(|| text.len() - rest.len() + 1)
}

/// `57 patients in group A` (`arm_size.in_arm`): an arm's size in a sentence about allocation,
/// not outcomes. Whether a group follows the count: then the count is decided, a size or nothing.
fn read_in_arm_count(rules: &ArmRules, count: &ParticipantCount<'_>, found: &mut Found) -> bool {
    let ParticipantCount { s, whole, n_match, at, has_noun, sentence, sentence_end, before, .. } = *count;
    let n = count.n.clone();
    let lead_from = if has_noun { whole.end() } else { n_match.end() };
    if let Some(lead) = rules.in_arm.find(&s[lead_from..]) {
        if let Some(mut label) = rules.labels.after(s, lead_from + lead.end()) {
            extend_to_group_noun(rules, s, &mut label, s.len());
            if rules.labels.has_group_noun(&label.text) {
                // `Forty patients were in the X group`: being in a group is its allocation.
                let were_in = has_noun && lead.as_str().trim_start().starts_with("we");
                if rules.on("arm_size.in_arm")
                    && (rules.allocation.is_match(sentence) || existential(before) || were_in)
                    && !rules.outcomes.is_match(sentence)
                {
                    found.push(at, &label.text, n, "arm_size.in_arm", (at, label.span.1));
                    read_continuations(rules, s, label.span.1, sentence_end, "arm_size.in_arm", found);
                }
                return true;
            }
        }
    }
    false
}

/// A whole-trial count (`arm_size.total`): in a sentence of allocation or analysis, or opening
/// its sentence.
fn read_total_count(rules: &ArmRules, count: &ParticipantCount<'_>, found: &mut Found) {
    let ParticipantCount { whole, n_match, at, has_noun, sentence, before, total_of, opening_of, .. } = *count;
    let n = count.n.clone();
    let opens = before.trim().is_empty()
        || total_of
        || opening_of
        || before.split_whitespace().count() <= 2 && !before.contains(',');
    // `Of the 71 patients planned for a mastectomy, ...`: words after the noun that allocate no
    // one, nor name the study (`eligible for this study`), make the opening group a subgroup.
    let described = &count.s[whole.end()..count.sentence_end.max(whole.end())];
    let described = described.split([',', ';']).next().unwrap_or(described).to_ascii_lowercase();
    let of_the_study = rules.study_named.is_match(&described);
    let subgroup =
        opening_of && !described.trim().is_empty() && !rules.allocation.is_match(&described) && !of_the_study;
    // `46 black and 139 white women`: one part of a pair, not the whole trial.
    if subgroup || is_pair_part(rules, before) {
        return;
    }
    let studied_in = has_noun && rules.studied_in.is_match(before);
    if (rules.allocation.is_match(sentence) || opens || studied_in)
        && (has_noun || rules.allocation.is_match(whole.as_str()))
    {
        let end = if has_noun { whole.end() } else { n_match.end() };
        // `52 PM01183-treated patients`: the words name the group by its treatment.
        let named = &count.s[n_match.end()..end];
        let treated = named.split_whitespace().any(|w| w.ends_with("-treated") || w.ends_with("-allocated"));
        let arm = if has_noun && treated { named.trim() } else { "total" };
        let after = &count.s[end..count.sentence_end.max(end)];
        if per_unit(rules, after) {
            return;
        }
        if !is_unsized_share(rules, count, end) {
            found.push(at, arm, n, "arm_size.total", (at, end));
            read_split_after_total(rules, count.s, end, count.sentence_end, found);
        }
    }
}

/// `52 patients as the control group` (`arm_size.assigned`): the size of the group they formed.
fn read_as_group(rules: &ArmRules, count: &ParticipantCount<'_>, found: &mut Found) -> bool {
    let end = count.whole.end();
    let after = &count.s[end..count.sentence_end.max(end)];
    let group = rules.around.as_group_after.captures(after).and_then(|c| c.name("arm"));
    let Some(group) = group.filter(|_| count.has_noun) else { return false };
    found.push(count.at, group.as_str(), count.n.clone(), "arm_size.assigned", (count.at, end + group.end()));
    true
}

/// Whether a count follows another with its describing words and `and` (`46 black and 139 white
/// women`); not after a clause (`118 were randomised and 114 were analysed`).
fn is_pair_part(rules: &ArmRules, before: &str) -> bool {
    rules
        .around
        .pair_part_before
        .find(before)
        .is_some_and(|m| !m.as_str().split_whitespace().any(|w| matches!(w, "were" | "was") || w.ends_with("ed")))
}

/// Whether the words after a count make it a count per site or per group (`100 patients at each
/// site`, `10 subjects per treatment group`); `per protocol` is how they were analysed.
fn per_unit(rules: &ArmRules, after: &str) -> bool {
    rules.around.per_unit_after.find(after).is_some_and(|m| {
        let next = after[m.end()..].trim_start_matches([' ', '-']).to_ascii_lowercase();
        !next.starts_with("protocol")
    })
}

/// `A total of 120 patients were randomized, 60 in the drug group and 60 in the placebo group`,
/// `217 patients with cancer, 112 in arm A and 105 in arm B`: after the clause of a total, its
/// split into groups: two groups at least, or no row (`, 40 in the morning`, `; one in each
/// group`).
fn read_split_after_total(rules: &ArmRules, s: &str, from: usize, sentence_end: usize, found: &mut Found) {
    let rest = &s[from..sentence_end.max(from)];
    let Some(clause_end) = rest.find([',', ':', ';']) else { return };
    if rest[..clause_end].contains(['(', '[']) {
        return;
    }
    let item_from = from + clause_end;
    let Some(caps) = rules.split_item.captures(&s[item_from..sentence_end.max(item_from)]) else { return };
    let (Some(lead), Some(n_match)) = (caps.get(0), caps.name("n")) else { return };
    let at = item_from + n_match.start();
    let Some(n) = read_count(n_match.as_str()) else { return };
    let Some(label) = rules.labels.after(s, item_from + lead.end()) else { return };
    // `; one in each group`: a count said of every group names none. (Not `is_vague`: `Group 1`
    // is a group here.)
    let first_word = label.text.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    let every = matches!(first_word.as_str(), "each" | "both" | "all" | "either");
    if found.taken.contains(&at) || every || rules.labels.names_everyone(&label.text) {
        return;
    }
    push_with_next_groups(rules, s, (at, n, &label), sentence_end, found);
}

/// A group's count (`at`, `n`, its label) and the groups that continue it (`and 77 received Y`),
/// pushed together when at least one continues it; nothing otherwise. Whether it pushed.
fn push_with_next_groups(
    rules: &ArmRules,
    s: &str,
    (at, n, label): (usize, Num, &Label),
    sentence_end: usize,
    found: &mut Found,
) -> bool {
    let mut others = Found { findings: Vec::new(), taken: found.taken.clone() };
    read_continuations(rules, s, label.span.1, sentence_end, "arm_size.assigned", &mut others);
    if others.findings.is_empty() {
        return false;
    }
    found.push(at, &label.text, n, "arm_size.assigned", (at, label.span.1));
    found.taken.extend(others.taken);
    found.findings.extend(others.findings);
    true
}

/// Whether a count is followed by its bare share (`Fifty-five patients (38.5%) in group A
/// responded`, `33 children (82.5%) were boys`): a part of some group, not the trial, unless its
/// clause completes, joins or is analysed (`70 patients (64%) participated in the trial`).
fn is_unsized_share(rules: &ArmRules, count: &ParticipantCount<'_>, end: usize) -> bool {
    let s = count.s;
    let Some(share_end) = bare_share_end(&s[end..]) else { return false };
    let rest = &s[end + share_end..count.sentence_end.max(end + share_end)];
    let clause_after = rest.split([';', ',']).next().unwrap_or(rest);
    let clause_before = count.before.rsplit([';', ',']).next().unwrap_or(count.before);
    !rules.sized_share.is_match(clause_after) && !rules.sized_share.is_match(clause_before)
}

/// Whether a sentence counts both sexes (`54 females and 38 males`, `(15 men, 25 women)`).
fn breaks_down_by_sex(rules: &ArmRules, sentence: &str) -> bool {
    let mut female = false;
    let mut male = false;
    for m in rules.sex_count.find_iter(sentence) {
        let noun = m.as_str().rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        if matches!(noun.as_str(), "women" | "woman" | "female" | "females" | "girls") {
            female = true;
        } else {
            male = true;
        }
    }
    female && male
}

/// Whether text ends with a digit and a decimal point: a count after it is a decimal's digits.
fn after_decimal_point(before: &str) -> bool {
    before.strip_suffix('.').is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
}

/// Where a count written in digits (`82`, `1,220`) that ends right at `end` starts, as the
/// pattern `\b(\d{1,3}(?:,\d{3})+|\d+)` reads it; `None` after a word character (`A12`).
fn count_ending_at(s: &str, end: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let run = |to: usize| bytes[..to].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let last = run(end);
    if last == 0 {
        return None;
    }
    let mut start = end - last;
    // `1,220`, `12,345,678`: groups of three after commas, led by one to three digits.
    let mut group_start = start;
    while last == 3 && group_start >= 2 && bytes[group_start - 1] == b',' {
        let lead = run(group_start - 1);
        if !(1..=3).contains(&lead) {
            break;
        }
        group_start -= 1 + lead;
        start = group_start;
        if lead < 3 {
            break;
        }
    }
    let word_before = s[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
    (!word_before).then_some(start)
}

/// `Of the 159 patients randomized, 82 received progesterone and 77 received placebo`: counts
/// without a noun, each before what its group received, in a sentence that allocates. Two groups
/// at least, or no row: `50 underwent abdominal surgery` alone counts a procedure.
fn find_received_counts(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for verb in rules.received_verb.find_iter(s) {
        let Some(at) = count_ending_at(s, verb.start()) else { continue };
        let Some(lead) = rules.received_after_count.find(&s[verb.start()..]) else { continue };
        let whole_end = verb.start() + lead.end();
        let n_text = &s[at..verb.start()];
        let (sentence_start, sentence_end) = text.sentence_at(at);
        let before = &s[sentence_start..at];
        if found.taken.contains(&at) || after_decimal_point(before) || !rules.received_context.is_match(before) {
            continue;
        }
        let (Some(n), Some(label)) = (read_count(n_text), rules.labels.after(s, whole_end)) else {
            continue;
        };
        let Some(label) = with_what_it_is_of(rules, s, label) else { continue };
        if rules.labels.names_everyone(&label.text) || lists_alternatives(s, &label) {
            continue;
        }
        push_with_next_groups(rules, s, (at, n, &label), sentence_end, found);
    }
}

/// `randomized: 31 to ECT, 30 to CBT and 29 to IP`: counts with their groups listed after an
/// allocation verb and a colon.
fn find_allocation_lists(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    if !s.contains([':', '(']) {
        return;
    }
    for caps in rules.allocation_colon.captures_iter(s) {
        let Some(n_match) = caps.name("n") else { continue };
        let (Some(whole), Some(n)) = (caps.get(0), read_count(n_match.as_str())) else { continue };
        if found.taken.contains(&n_match.start())
            || in_design_sentence(rules, text, n_match.start())
            || sorts_by_response(rules, text, n_match.start())
        {
            continue;
        }
        let Some(label) = rules.labels.after(s, whole.end()) else { continue };
        if rules.labels.names_everyone(&label.text) {
            continue;
        }
        let (_, sentence_end) = text.sentence_at(n_match.start());
        found.push(n_match.start(), &label.text, n, "arm_size.assigned", (n_match.start(), label.span.1));
        read_continuations(rules, s, label.span.1, sentence_end, "arm_size.assigned", found);
    }
}

/// `randomised to intervention (403) or control (300)`: the groups of an allocation without a
/// count before it, each with its count in bare brackets.
fn find_allocated_brackets(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for lead in rules.allocated_to.find_iter(s) {
        if in_design_sentence(rules, text, lead.start()) {
            continue;
        }
        let Some(label) = rules.labels.after(s, lead.end()) else { continue };
        let (_, sentence_end) = text.sentence_at(lead.start());
        let arms = bracketed_arm_counts(rules, s, label, sentence_end);
        if arms.len() >= 2 {
            for (arm, n, span) in arms {
                found.push(span.0, &arm, n, "arm_size.assigned", span);
            }
        }
    }
}

/// The groups listed from `first` on, each with its count in bare brackets: `amoxicillin
/// (1038) and placebo (1023)`, `A (53), B (52) and C (50)`; each with its span.
fn bracketed_arm_counts(rules: &ArmRules, s: &str, first: Label, limit: usize) -> Vec<(String, Num, (usize, usize))> {
    let mut arms = Vec::new();
    let mut next = Some(first);
    while let Some(label) = next.take() {
        let Some(caps) = s.get(label.span.1..limit).and_then(|rest| rules.bare_bracket_count.captures(rest)) else {
            break;
        };
        let (Some(whole), Some(n)) = (caps.get(0), caps.name("n").and_then(|n| read_count(n.as_str()))) else {
            break;
        };
        let end = label.span.1 + whole.end();
        arms.push((label.text, n, (label.span.0, end)));
        if let Some(joint) = s.get(end..limit).and_then(|rest| rules.bracket_arm_joint.find(rest)) {
            next = rules.labels.after(s, end + joint.end());
        }
    }
    arms
}

/// `2`, `two`, ... `eight`: how many groups a phrase such as `three groups` names.
/// Whether the words before a count are `there were` (`Overall, there were 7 patients in arm A`).
fn existential(before: &str) -> bool {
    let lower = before.trim_end().to_ascii_lowercase();
    lower.ends_with("there were") || lower.ends_with("there was")
}

/// Whether the words before a count make it a denominator: `39 of`, `65% of`, `(12/`.
fn is_denominator(before: &str) -> bool {
    let trimmed = before.trim_end().to_ascii_lowercase();
    let Some(head) = trimmed.strip_suffix("of").or_else(|| trimmed.strip_suffix("out of")) else {
        return trimmed.ends_with('/');
    };
    let head = head.trim_end();
    if let Some(inner) = head.strip_suffix([')', ']']) {
        // `12 (20%) of 60`: a bracket of numbers; `trial (RCT) of 35 patients`, `study
        // (NCT00206167) of 1964 patients` name the study, and the count is its own.
        let open = inner.rfind(['(', '[']).map_or(0, |at| at + 1);
        return !inner[open..].chars().any(|c| c.is_ascii_alphabetic() && c != 'n');
    }
    head.ends_with(|c: char| c.is_ascii_digit() || c == '%')
}

/// Whether a label is one of alternatives listed in a design: `received X or Y`,
/// `assigned to X (arm A) or Y`, `to X and Y groups`.
fn lists_alternatives(s: &str, label: &Label) -> bool {
    let before = s[..label.span.0].trim_end().to_ascii_lowercase();
    if before.ends_with("either") || before.ends_with("one of") {
        return true;
    }
    // The rest of the clause, skipping what stands in brackets.
    let mut clause = String::new();
    let mut depth = 0usize;
    for c in s[label.span.1..].chars().take(120) {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' | '.' | ':' if depth == 0 => break,
            _ if depth == 0 => clause.push(c),
            _ => {}
        }
    }
    let clause = format!(" {} ", clause.to_ascii_lowercase());
    [" or ", " versus ", " vs ", " vs. ", " groups ", " arms "].iter().any(|w| clause.contains(w))
        || names_a_list(&s[label.span.1..])
}

/// Whether a comma after a label goes on to name more treatments up to an `and`: `treated with
/// placebo, etoricoxib 30 mg and 60 mg, celecoxib ...` lists what the groups received, so the
/// count is none of them alone. A count after the comma (`placebo, and 59 with drug`) is the
/// next group's.
fn names_a_list(after: &str) -> bool {
    let Some(rest) = after.trim_start().strip_prefix(',') else { return false };
    let item = rest.split([';', '.', '(', ')']).next().unwrap_or(rest);
    let first = item.split_whitespace().next().unwrap_or("");
    let next_item_named = first.starts_with(|c: char| c.is_alphabetic())
        && !matches!(first, "and" | "or" | "respectively" | "which" | "who" | "whereas" | "while" | "but" | "with");
    next_item_named && item.split(',').next().is_some_and(|part| part.split_whitespace().any(|w| w == "and"))
}

/// `... and 59 to Y`, `, 278 underwent hepatic resection`: further arms after a first one.
fn read_continuations(rules: &ArmRules, s: &str, mut from: usize, limit: usize, rule: &str, found: &mut Found) {
    while from < limit {
        // `115 patients were treated with SLED-BD (total number of treatments n = 817) and 117
        // patients with CVVH`: an aside in brackets after the group is skipped.
        let rest = &s[from..limit];
        if let Some(inside) = rest.trim_start().strip_prefix(['(', '[']) {
            match inside.find([')', ']']) {
                Some(close) => from = limit - inside.len() + close + 1,
                None => return,
            }
        }
        let Some(caps) = rules.continuation.captures(&s[from..limit]) else { return };
        let (Some(whole), Some(n_match)) = (caps.get(0), caps.name("n")) else { return };
        let Some(n) = read_count(n_match.as_str()) else { return };
        let Some(label) = rules.labels.after(s, from + whole.end()) else { return };
        let Some(mut label) = with_what_it_is_of(rules, s, label) else { return };
        if rules.labels.names_everyone(&label.text) {
            return;
        }
        extend_to_group_noun(rules, s, &mut label, limit);
        found.push(from + n_match.start(), &label.text, n, rule, (from + n_match.start(), label.span.1));
        from = label.span.1;
    }
}

/// A group's name cut at `and` or at a bracket goes on to its group noun before `limit`
/// (`joined_group_tail`): `32 patients in the incision and drainage arm`, `40 in the ibuprofen
/// (400 mg) group`.
fn extend_to_group_noun(rules: &ArmRules, s: &str, label: &mut Label, limit: usize) {
    if let Some(tail) = rules.joined_group_tail.find(&s[label.span.1..limit.max(label.span.1)]) {
        label.span.1 += tail.end();
        label.text = s[label.span.0..label.span.1].to_string();
    }
}

/// `vitamin C (74 patients)`, `idarubicin (109 analysed)`, in sentences of allocation;
/// `control group (60 persons)` in any sentence that finds no outcome.
fn find_bracket_counts(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for caps in rules.bracket_count.captures_iter(s) {
        let (Some(whole), Some(n_match)) = (caps.get(0), caps.name("n")) else { continue };
        let Some(n) = read_count(n_match.as_str()) else { continue };
        let (from, to) = text.sentence_at(whole.start());
        let sentence = &s[from..to];
        if found.taken.contains(&n_match.start())
            || rules.design.is_match(sentence)
            || rules.exclusion.is_match(sentence)
        {
            continue;
        }
        let Some(label) = rules.labels.before(s, whole.start()).filter(|l| l.span.0 >= from) else { continue };
        if rules.labels.names_everyone(&label.text) || rules.outcomes.is_match(&label.text) {
            continue;
        }
        // `control group (60 persons)`: a group named as one needs no allocation verb, in a
        // sentence that finds no outcome in it.
        let named_group = rules.labels.has_group_noun(&label.text)
            && !is_vague(&arm_label::group_key(&label.text))
            && !rules.outcomes.is_match(sentence);
        if !(named_group || rules.allocation.is_match(&s[from..whole.start()])) {
            continue;
        }
        found.push(n_match.start(), &label.text, n, "arm_size.bracket_count", (label.span.0, whole.end()));
    }
}

/// `(92 TOMOX and 91 FOLFOX4)`, `(134 simvastatin, 135 placebo)` after an allocation, or after a
/// count of participants that the listed counts add up to: `2550 pregnant women (1311
/// interventions and 1239 controls)`, `46 participants (24 ET/22 CG)`. A count right before the
/// bracket must count participants, and what follows the bracket must be no outcome or
/// exclusion (`7 cases (5 in group A, 2 in group B) had abscesses`).
fn find_bracket_lists(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for caps in rules.bracket_list.captures_iter(s) {
        let Some(list) = caps.name("list") else { continue };
        let (from, to) = text.sentence_at(list.start());
        let head = &s[from..list.start()];
        let tail = s.get(list.end() + 1..to.max(list.end() + 1)).unwrap_or("");
        let next_words: String = tail.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        let allocated_after = rules.allocation.is_match(&next_words);
        // `4317 individuals (...) who did not meet ...` describes them.
        let describes = next_words.split(' ').next().is_some_and(|w| rules.describing.is_match(w));
        let tail_is_outcome = !allocated_after
            && !describes
            && (rules.outcomes.is_match(&next_words) || rules.exclusion.is_match(&next_words));
        let count_before = count_right_before(head);
        let of_people = count_before.as_ref().is_none_or(|(_, between, _)| {
            rules.participant_noun.is_match(between)
                || rules.allocation.is_match(between)
                || between.contains("analysis")
                || between.trim().is_empty() && (allocated_after || rules.participant_noun.is_match(&next_words))
        });
        if tail_is_outcome || !of_people {
            continue;
        }
        let Some(rows) = bracket_list_rows(rules, s, &bracket_list_parts(list.as_str(), list.start())) else {
            continue;
        };
        let after_allocation = rules.allocation.is_match(head) && !rules.outcomes.is_match(head);
        let adds_up = count_before.is_some_and(|(whole, between, count_at)| {
            adds_up_to(&whole, &rows)
                && !rules.outcome_verb.is_match(between)
                && !rules.design.is_match(between)
                && !rules.finding_in.is_match(&head[..count_at])
        });
        if after_allocation || adds_up && !rules.exclusion.is_match(head) {
            for (at, n, label) in rows {
                found.push(at, &label.text, n, "arm_size.list", (at, label.span.1));
            }
        }
    }
}

/// The count nearest before a bracket, within six words and not a denominator, a bound or a
/// decimal; the words between; and where the count starts: `2550 pregnant women (` gives 2550
/// and ` pregnant women `.
fn count_right_before(head: &str) -> Option<(Num, &str, usize)> {
    let head = head.trim_end().strip_suffix(['(', '[']).unwrap_or(head);
    let at = head.rfind(|c: char| c.is_ascii_digit())?;
    // The count's own bytes are ASCII, so its start is a character boundary whatever precedes it.
    let from = at + 1 - head[..=at].bytes().rev().take_while(|b| b.is_ascii_digit() || *b == b',').count();
    let between = &head[at + 1..];
    let lead = head[..from].trim_end();
    if between.split_whitespace().count() > 6
        || is_denominator(lead)
        || lead.ends_with(['.', '<', '>', '=', '≥', '≤', '~', '±', '-', '–'])
    {
        return None;
    }
    read_count(head[from..=at].trim_start_matches(',')).map(|n| (n, between, from))
}

/// Whether the listed counts add up to `whole`.
fn adds_up_to(whole: &Num, rows: &[(usize, Num, Label)]) -> bool {
    let sum: f64 = rows.iter().map(|(_, n, _)| n.value).sum();
    sum > 0.0 && (whole.value - sum).abs() < 0.5
}

/// The parts of a bracketed list, as byte spans from `base`: cut at `,`, `;`, ` and `, ` vs `,
/// ` versus ` and a `/` before a count (`24 ET/22 CG`; `fosamprenavir/ritonavir` stays whole).
fn bracket_list_parts(body: &str, base: usize) -> Vec<(usize, usize)> {
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut start = base;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        let slash_count = rest.starts_with('/') && rest[1..].trim_start().starts_with(|c: char| c.is_ascii_digit());
        let cut = if rest.starts_with([',', ';']) || slash_count {
            Some(1)
        } else {
            [" and ", " vs. ", " vs ", " versus "].iter().find(|w| rest.starts_with(*w)).map(|w| w.len())
        };
        match cut {
            Some(len) => {
                parts.push((start, base + i));
                i += len;
                start = base + i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    parts.push((start, base + body.len()));
    parts
}

/// Each part of a bracketed list read as a count then its group (`92 TOMOX`, `16 in the PI
/// group`, `51 receiving efavirenz`); none unless every part reads so and there are two or more.
fn bracket_list_rows(rules: &ArmRules, s: &str, parts: &[(usize, usize)]) -> Option<Vec<(usize, Num, Label)>> {
    let mut rows: Vec<(usize, Num, Label)> = Vec::new();
    for &(a, b) in parts {
        let part = &s[a..b];
        let lead = part.len() - part.trim_start().len();
        let (rest, n) = count(part.trim_start()).ok()?;
        let after_n = b - rest.len();
        let skipped = rules.list_item_lead.find(rest).map_or(0, |m| m.end());
        let label_from = after_n + skipped;
        // Read within the part: `24 ET/22 CG` gives `ET`, not `ET/22`.
        let label = rules.labels.after(&s[..b], label_from)?;
        let trailing = s[label.span.1..b].trim();
        // `(5 M/5 F)` breaks down by sex, `(1 mA/15 mins)` lists units.
        let first = label.text.split_whitespace().next().unwrap_or("");
        if !trailing.is_empty()
            || rules.is_characteristic(&label.text)
            || rules.sex_letters.contains(&label.text)
            || rules.is_non_participant(first)
            || rules.units.contains(&first.to_lowercase())
            || rules.labels.names_everyone(&label.text)
        {
            return None;
        }
        rows.push((a + lead, n, label));
    }
    (rows.len() >= 2).then_some(rows)
}

/// `(DZ, 48; D, 46)`, `(placebo: 40; drug: 41)` after a count of participants: each group
/// then its count, separated by `;`.
fn find_bracket_lists_after(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for caps in rules.bracket_list_after.captures_iter(s) {
        let Some(list) = caps.name("list") else { continue };
        let (from, _) = text.sentence_at(list.start());
        let head = &s[from..list.start()];
        // The bracket follows a count of participants: `analysis of 94 patients (`.
        let head_words: Vec<&str> = head.trim_end().trim_end_matches('(').split_whitespace().rev().take(2).collect();
        let after_count =
            head_words.len() == 2 && rules.labels.is_participant(head_words[0]) && read_count(head_words[1]).is_some();
        // `527 patients were randomised (`: the bracket follows the verb of an allocation.
        let after_allocation = head_words.first().is_some_and(|w| rules.allocated_verb.is_match(w));
        if !(after_count || after_allocation)
            || rules.design.is_match(head)
            || rules.exclusion.is_match(head)
            || rules.outcomes.is_match(head)
        {
            continue;
        }
        let mut rows: Vec<(usize, Num, Label)> = Vec::new();
        let mut start = list.start();
        for part in list.as_str().split(';') {
            let part_start = start;
            start += part.len() + 1;
            let Some(cut) = part.rfind([',', ':']) else { break };
            let Ok((rest, n)) = count(part[cut + 1..].trim()) else { break };
            if !rest.trim().is_empty() {
                break;
            }
            let Some(label) = rules.labels.after(s, part_start).filter(|l| l.span.1 <= part_start + cut) else { break };
            if !s[label.span.1..part_start + cut].trim().is_empty()
                || rules.labels.names_everyone(&label.text)
                || rules.is_characteristic(&label.text)
            {
                break;
            }
            let count_at = part_start + cut + 1 + (part[cut + 1..].len() - part[cut + 1..].trim_start().len());
            rows.push((count_at, n, label));
        }
        if rows.len() >= 2 && rows.len() == list.as_str().split(';').count() {
            for (at, n, label) in rows {
                let end = at + s[at..].find(|c: char| !c.is_ascii_digit() && c != ',').unwrap_or(0);
                found.push(at, &label.text, n, "arm_size.list", (label.span.0, end.max(at + 1)));
            }
        }
    }
}

/// `33 younger and 29 older adults` (`arm_size.pair`): two counts sharing one participant noun,
/// each before its group's words, in a sentence that finds no events in them; words of a
/// characteristic (`46 black and 139 white women`) or that stop a count make no groups.
fn find_pairs(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for caps in rules.pair.captures(text) {
        let (Some(n1), Some(n2), Some(a), Some(b)) = (caps.name("n1"), caps.name("n2"), caps.name("a"), caps.name("b"))
        else {
            continue;
        };
        let (Some(c1), Some(c2)) = (read_count(n1.as_str()), read_count(n2.as_str())) else { continue };
        let (from, to) = text.sentence_at(n1.start());
        let (sentence, before) = (&s[from..to], &s[from..n1.start()]);
        let next_words: String = s[b.end()..to.max(b.end())].split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        // `21 preemptive and 5 empiric subjects received antifungal therapy`: those given a
        // treatment, not the groups' sizes; `1 CR case and 12 PR cases` in a sentence of response.
        let given = next_words.split(' ').next().is_some_and(|w| matches!(w, "received" | "underwent" | "given"));
        let eventful = rules.event_found.is_match(sentence)
            || rules.outcome_verb.is_match(sentence)
            || rules.outcomes.is_match(before)
            || rules.outcomes.is_match(sentence) && !rules.allocation.is_match(sentence)
            || rules.outcomes.is_match(&next_words) && !rules.allocation.is_match(&next_words)
            || given;
        // `38 GPs and 227 primary care patients`: two kinds of people, not two groups.
        let noun = b.as_str().rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        let other_kind = caps.name("noun1").is_some_and(|m| {
            let first = m.as_str().to_ascii_lowercase();
            first.trim_end_matches('s') != noun.trim_end_matches('s')
        });
        let label_a = &s[a.start()..caps.name("noun1").map_or(a.end(), |m| m.end())];
        let modifiers_b = b.as_str().rsplit_once(' ').map_or("", |(words, _)| words);
        let stops = |words: &str| {
            words.split_whitespace().map(str::to_ascii_lowercase).any(|w| {
                rules.modifier_stops.contains(&w)
                    || rules.characteristics.contains(&w)
                    || rules.is_non_participant(&w)
                    || w.split('/').any(|unit| rules.units.contains(unit))
            })
        };
        if found.taken.contains(&n1.start())
            || found.taken.contains(&n2.start())
            || eventful
            || other_kind
            || rules.design.is_match(sentence)
            || rules.exclusion.is_match(sentence)
            || rules.not_a_size_before.is_match(before)
            || is_denominator(before)
            || stops(a.as_str())
            || stops(modifiers_b)
            || label_a.eq_ignore_ascii_case(modifiers_b)
        {
            continue;
        }
        found.push(n1.start(), label_a, c1, "arm_size.pair", (n1.start(), label_a.len() + a.start()));
        found.push(n2.start(), b.as_str(), c2, "arm_size.pair", (n2.start(), b.end()));
    }
}

/// `A (dexamethasone + racemic epinephrine) = 45, B (placebo) = 39`: a group's letter, its
/// name in brackets, then its size.
fn find_label_equals(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    // Both patterns need an `=`.
    if !s.contains('=') {
        return;
    }
    for caps in rules.label_equals.captures_iter(s) {
        let (Some(label), Some(n_match)) = (caps.name("label"), caps.name("n")) else { continue };
        let Some(n) = read_count(n_match.as_str()) else { continue };
        let (from, to) = text.sentence_at(n_match.start());
        let sentence = &s[from..to];
        if !rules.allocation.is_match(sentence) || rules.design.is_match(sentence) || rules.exclusion.is_match(sentence)
        {
            continue;
        }
        let name = label.as_str().trim();
        if rules.outcomes.is_match(name) || rules.labels.names_everyone(name) {
            continue;
        }
        let start = caps.get(0).map_or(label.start(), |m| m.start() + m.as_str().len() - m.as_str().trim_start().len());
        found.push(n_match.start(), name, n, "arm_size.label_equals", (start, n_match.end()));
    }
    find_named_counts(rules, text, found);
}

/// `(Prolutex = 392; Endometrin = 390)` in a sentence of allocation or analysis: each name is a
/// group and each count its size, unless a name is an outcome, everyone or a characteristic
/// (`(male = 30; female = 32)`).
fn find_named_counts(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for caps in rules.named_counts.captures_iter(s) {
        let (Some(first), Some(rest)) = (caps.name("list"), caps.name("rest")) else { continue };
        let (from, to) = text.sentence_at(first.start());
        let sentence = &s[from..to];
        // `142 of 231 protocols in the analysis (concept = 78; ad hoc = 64)` counts no one.
        let things = s[from..first.start()].split(|c: char| !c.is_alphanumeric()).any(|w| rules.is_non_participant(w));
        if !rules.allocation.is_match(sentence)
            || rules.design.is_match(sentence)
            || rules.exclusion.is_match(sentence)
            || things
        {
            continue;
        }
        // Each part: its name, its count, and the byte spans of the part and of the count.
        let mut parts = Vec::new();
        let mut part_at = first.start();
        for part in s[first.start()..rest.end()].split([';', ',']) {
            let start = part_at + (part.len() - part.trim_start().len());
            let sign = part.find('=').map(|sign| part_at + sign + 1);
            part_at += part.len() + 1;
            let Some(sign) = sign else { continue };
            let (name, count) = (&s[start..sign - 1], s[sign..part_at - 1].trim());
            let count_at = sign + s[sign..].find(|c: char| !c.is_whitespace()).unwrap_or(0);
            let name = name.trim().trim_start_matches("and ").trim();
            parts.push((name, read_count(count), start, (count_at, count_at + count.len())));
        }
        // `(CP n = 313; Control n = 314)` is `n =`'s to read.
        let groups = parts.iter().all(|(name, n, _, _)| {
            n.is_some()
                && !name.ends_with(" n")
                && !name.ends_with(" N")
                && !rules.outcomes.is_match(name)
                && !rules.labels.names_everyone(name)
                && !rules.characteristics.contains(&name.to_ascii_lowercase())
        });
        if !groups {
            continue;
        }
        for (name, n, start, (count_at, count_end)) in parts {
            if let Some(n) = n {
                found.push(count_at, name, n, "arm_size.label_equals", (start, count_end));
            }
        }
    }
}

/// `In the 226 patients with solitary CRLM < 3 cm, ...`: a sentence that opens with a subgroup
/// and its size.
fn find_subgroups(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    for caps in rules.subgroup.captures_iter(s) {
        let (Some(whole), Some(n_match), Some(label)) = (caps.get(0), caps.name("n"), caps.name("label")) else {
            continue;
        };
        let Some(n) = read_count(n_match.as_str()) else { continue };
        let (from, to) = text.sentence_at(n_match.start());
        if !s[from..whole.start()].trim().is_empty() || found.taken.contains(&n_match.start()) {
            continue;
        }
        if rules.design.is_match(&s[from..to]) || rules.exclusion.is_match(&s[from..to]) {
            continue;
        }
        found.push(n_match.start(), label.as_str().trim(), n, "arm_size.subgroup", (whole.start(), label.end()));
    }
}

/// `26/27 drug- and 23/23 placebo-randomised patients completed`, `77 out of 91 enrolled
/// patients completed`: counts over their groups' sizes that open the clause of a verb of
/// staying in the trial, each followed by its group's name; every group gets its completers and
/// its size (`total` when the only item names no group).
fn find_completed_lists(rules: &ArmRules, text: &Text, found: &mut Found) {
    let s = text.as_str();
    // Only sentences with a number, an `x/N` or `x of N` and one of the verb's words
    // (`completed_verb_words`) can hold a list: the verb is searched there alone.
    let words = &rules.completed.verb_words;
    let verbs = text
        .number_stretches()
        .iter()
        .filter(|&&(from, to)| memchr::memchr(b'/', &s.as_bytes()[from..to]).is_some() || s[from..to].contains(" of "))
        .filter(|&&(from, to)| words.iter().any(|w| s[from..to].contains(w.as_str())))
        .flat_map(|&(from, to)| rules.completed.verb.find_iter(&s[from..to]).map(move |m| from + m.start()));
    for verb_start in verbs {
        let (sentence_start, _) = text.sentence_at(verb_start);
        let clause_start =
            s[sentence_start..verb_start].rfind([';', ':']).map_or(sentence_start, |at| sentence_start + at + 1);
        let clause = &s[clause_start..verb_start];
        // The clause opens with its first count, after a lead of a few words at most: most
        // clauses before `completed` hold no number near their start and are skipped unread.
        if !clause.bytes().take(60).any(|b| b.is_ascii_digit()) {
            continue;
        }
        let items: Vec<Captures<'_>> = rules.completed.item.captures_iter(clause).collect();
        let Some(first) = items.first().and_then(|c| c.get(0)) else { continue };
        if !rules.completed.lead.is_match(clause[..first.start()].trim()) {
            continue;
        }
        let Some(groups) = completed_groups(rules, clause, &items) else { continue };
        for (caps, arm) in items.iter().zip(groups) {
            let (Some(x), Some(n), Some(whole)) = (caps.name("x"), caps.name("n"), caps.get(0)) else { continue };
            let (Some(x_n), Some(n_n)) = (read_count(x.as_str()), read_count(n.as_str())) else { continue };
            let span = (clause_start + whole.start(), clause_start + whole.end());
            found.push(clause_start + n.start(), &arm, n_n, "arm_size.completed_list", span);
            found.push(clause_start + x.start(), &arm, x_n, "arm_size.completed_list", span);
        }
    }
}

/// The group each item of a completed list names, read between it and the next item (or the
/// verb): `belatacept MI-treated,` gives `belatacept MI`, `abatacept- and` gives `abatacept`;
/// `None` when any part holds more than a name (`who`, `with`, an outcome) or names no group
/// while others do.
fn completed_groups(rules: &ArmRules, clause: &str, items: &[Captures<'_>]) -> Option<Vec<String>> {
    let mut groups = Vec::new();
    for (k, caps) in items.iter().enumerate() {
        let from = caps.get(0)?.end();
        let to = items.get(k + 1).and_then(|c| c.get(0)).map_or(clause.len(), |m| m.start());
        let after = clause[from..to].trim();
        // `114/122/155 completed`: three counts run together, no item.
        if after.starts_with('/') {
            return None;
        }
        // `48.7% of enrollees (459/943)`: the group is named before the count.
        let pre = caps.name("pre").map_or("", |m| m.as_str());
        let part = format!("{pre} {}", after.trim_end_matches(',').trim());
        let part = part.trim();
        let part = if k + 1 < items.len() {
            part.strip_suffix(" and").or(part.strip_suffix(",")).unwrap_or(part).trim()
        } else {
            part
        };
        if part.contains(['(', ')', '[', ']', '%', '='])
            || rules.completed.not_label.is_match(part)
            || rules.outcomes.is_match(part)
        {
            return None;
        }
        let mut words: Vec<&str> = part.split_whitespace().collect();
        while words.last().is_some_and(|w| rules.labels.is_participant(w) || rules.labels.names_everyone(w)) {
            words.pop();
        }
        if words.len() > 4 || words.iter().any(|w| rules.is_non_participant(w)) {
            return None;
        }
        let name = words.join(" ");
        let name = ["-treated", "-randomised", "-randomized", "-allocated", "-assigned", "-"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .unwrap_or(&name)
            .trim()
            .to_string();
        groups.push(name);
    }
    let unnamed = groups.iter().filter(|g| g.is_empty()).count();
    match (unnamed, groups.len()) {
        (0, _) => Some(groups),
        (1, 1) => Some(vec!["total".to_string()]),
        _ => None,
    }
}

/// The record-wide pass over every finder's rows: the denominators of a group's events become
/// that group's size (`arm_size.events_denominator`), every group gets one label, and the same
/// (arm, n) is kept once.
pub fn reconcile(rules: &ArmRules, findings: &mut Vec<Finding>) {
    if rules.on("arm_size.events_denominator") {
        let derived: Vec<Finding> = findings
            .iter()
            .filter(|f| f.row.kind == Kind::Events)
            .filter_map(|f| {
                let arm = f.row.arm.as_deref().filter(|a| *a != "total")?;
                let n = f.row.n.clone()?;
                Some(Finding { row: size_row(arm, n, "arm_size.events_denominator"), span: f.span })
            })
            .collect();
        findings.extend(derived);
    }
    arm_label::unify(findings);
    let mut seen: KeySet<(String, String)> = KeySet::default();
    findings.retain(|f| {
        if f.row.kind != Kind::ArmSize {
            return true;
        }
        let arm = f.row.arm.clone().unwrap_or_default();
        let n = f.row.n.as_ref().map(|n| n.text.clone()).unwrap_or_default();
        // `group 1`, `group 2` from `3 groups of 35` are kept apart by their label already.
        seen.insert((arm, n))
    });
}

#[cfg(test)]
mod tests {
    use crate::find::RuleSet;
    use crate::find::{find_rows, signature};
    use crate::model::Kind;

    fn sizes(text: &str) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        let mut got: Vec<String> =
            find_rows(&rules, "t", text).iter().filter(|r| r.kind == Kind::ArmSize).map(signature).collect();
        got.sort();
        got
    }

    #[test]
    fn totals_with_number_words_and_thousands() {
        assert_eq!(sizes("Sixty-one patients were randomized."), vec!["arm_size total 61"]);
        assert_eq!(sizes("A total of 10,372 women were enrolled."), vec!["arm_size total 10372"]);
        assert_eq!(sizes("We randomized 20 170 participants."), vec!["arm_size total 20170"]);
    }

    #[test]
    fn a_form_or_amount_names_its_group_with_what_it_is_of() {
        assert_eq!(
            sizes("Randomly, 31 infants received a three-day course of ibuprofen and 30 infants received a course of placebo syrup."),
            vec!["arm_size course of placebo syrup 30", "arm_size three-day course of ibuprofen 31"]
        );
        assert_eq!(
            sizes("Fifty adults were randomized to receive 4 g of fish oil for eight weeks."),
            vec!["arm_size 4 g of fish oil 50"]
        );
        assert_eq!(
            sizes("Eighty women were randomly assigned to view one of two websites."),
            vec!["arm_size total 80"]
        );
    }

    #[test]
    fn a_range_of_sizes_gives_no_size() {
        assert!(sizes("Rats were assigned randomly to 4 groups (n = 12 to 14 per group) and fed.").is_empty());
        assert!(sizes("Two groups of piglets (n = 8–11) were treated with the drug or saline.").is_empty());
        assert_eq!(
            sizes("Rats were assigned to 3 groups (n = 12 per group)."),
            vec!["arm_size group 1 12", "arm_size group 2 12", "arm_size group 3 12"]
        );
    }

    #[test]
    fn n_equals_takes_the_group_before_it() {
        assert_eq!(
            sizes("Patients were randomized to drug X (n = 60) or placebo (n = 59)."),
            vec!["arm_size drug X 60", "arm_size placebo 59"]
        );
        assert_eq!(sizes("Infants (n = 162) were randomized."), vec!["arm_size total 162"]);
    }

    #[test]
    fn an_n_over_a_denominator_counts_events_not_the_group() {
        let got = sizes("Remission was seen with drug A (n = 70/173; odds ratio 1.7) and drug B (n = 44/147; OR 1.2).");
        assert!(!got.iter().any(|row| row.ends_with(" 70") || row.ends_with(" 44")), "{got:?}");
    }

    #[test]
    fn groups_counted_but_not_named_are_flagged_for_the_reviewer() {
        let rules = RuleSet::embedded().unwrap();
        let rows = find_rows(
            &rules,
            "t",
            "Thirty teeth were randomly divided into three groups (n = 10). Leakage was measured.",
        );
        let per_group: Vec<_> = rows.iter().filter(|r| r.rule == "arm_size.per_group").collect();
        assert_eq!(per_group.len(), 3);
        assert!(per_group.iter().all(|r| r.checks.contains(&"arm_size.group_unnamed")), "{per_group:?}");
        // Named groups need no flag.
        let rows = find_rows(
            &rules,
            "t",
            "Sixty patients were randomized into two groups of 30: the ginger group and the placebo group.",
        );
        let named: Vec<_> = rows.iter().filter(|r| r.rule == "arm_size.per_group").collect();
        assert_eq!(named.len(), 2);
        assert!(named.iter().all(|r| r.checks.is_empty()), "{named:?}");
    }

    #[test]
    fn a_described_group_keeps_the_name_before_its_bracket() {
        assert_eq!(
            sizes(
                "Women were randomized to a study group (warming the hands before the puncture, n = 51) or a \
                 comparison group (without warming, n = 50)."
            ),
            vec!["arm_size comparison group 50", "arm_size study group 51"]
        );
        assert_eq!(
            sizes("We randomized 200 adults to arm A (drug 5 mg >2 h before surgery; n = 99) or arm B (drug at surgery; n = 101)."),
            vec!["arm_size arm A 99", "arm_size arm B 101", "arm_size total 200"]
        );
        // A count of groups before the first group's name is not part of it.
        assert_eq!(
            sizes("Patients were randomized to three groups 10 mg (n = 6), 20 mg (n = 7) or placebo (n = 8)."),
            vec!["arm_size 10 mg 6", "arm_size 20 mg 7", "arm_size placebo 8"]
        );
        // A share of the group and its count is no size.
        assert!(!sizes("Relapse was lower in the study group (12.5%, n = 6) than in controls.")
            .iter()
            .any(|r| r.ends_with(" 6")));
    }

    #[test]
    fn assigned_arms_and_continuations() {
        assert_eq!(sizes("Overall, 60 were assigned to X and 59 to Y."), vec!["arm_size X 60", "arm_size Y 59"]);
    }

    #[test]
    fn counts_of_other_things_are_not_sizes() {
        assert!(sizes("Patients with n < 10 metastases aged 65 years received 3 doses at 12 visits.").is_empty());
        assert!(sizes("Overall, 35 patients died of progressive disease.").is_empty());
    }

    #[test]
    fn pairs_given_a_treatment_are_no_sizes() {
        let got = sizes("Thereafter, 21 preemptive and 5 empiric subjects received antifungal therapy.");
        assert!(got.iter().all(|r| !r.contains("preemptive")), "{got:?}");
        assert_eq!(
            sizes("Stress was rated by 40 trained and 38 untrained runners."),
            vec!["arm_size trained 40", "arm_size untrained runners 38"]
        );
    }

    #[test]
    fn bracket_lists_that_add_up_need_no_allocation_verb() {
        assert_eq!(
            sizes("Data came from 2550 pregnant women (1311 interventions and 1239 controls)."),
            vec!["arm_size controls 1239", "arm_size interventions 1311"]
        );
        assert_eq!(sizes("Toxicity was recorded in 3 patients (2 in arm A, one in arm B)."), Vec::<String>::new());
    }

    #[test]
    fn count_ending_at_reads_digits_as_the_count_pattern_does() {
        fn at(s: &str) -> Option<&str> {
            super::count_ending_at(s, s.len()).map(|start| &s[start..])
        }
        assert_eq!(at("Of them, 82"), Some("82"));
        assert_eq!(at("in all 12,345,678"), Some("12,345,678"));
        assert_eq!(at("1234,567"), Some("567"));
        assert_eq!(at("2,34"), Some("34"));
        assert_eq!(at("arm A12"), None);
        assert_eq!(at("no count "), None);
    }

    #[test]
    fn same_arm_and_n_once() {
        assert_eq!(
            sizes("A total of 119 patients were randomized. Of 119 patients randomized, 60 died."),
            vec!["arm_size total 119"]
        );
    }
}
