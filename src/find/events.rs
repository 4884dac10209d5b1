//! Events: how many in a group had a binary outcome, as a count, a proportion or both.
//!
//! Rules, each a written shape (`rules/events.toml`), read in this order so that a number is
//! read once, by the most specific shape:
//! - `events.of_n_percent`: `59% (178 of 302)`, `39 of 60 (65.0%)`, `48 [17%] of 276`, `2/74 [2.7 %]`;
//! - `events.count_percent`: `12 (20%)`, `101 [9%]`;
//! - `events.percent_pair`: `45% vs 30%`, `43 and 24%, respectively`;
//! - `events.percent_for`: `55% for letrozole`;
//! - `events.count_in_arm`: `35 patients in the combined modality arm` in a sentence of outcomes;
//! - `events.total_count`: `508 deaths`, `657 patients died`.
//!
//! [`find`] lists every rule's step in the order it runs, the order in which rules win.
//!
//! Each item then gets its group: the label written after it (`in the placebo group`,
//! `patients allocated EOC`); else, for items side by side (`A vs B`, `respectively`), the two
//! groups the sentence compares (`with erlotinib than placebo`) or the record's two arms; else
//! `total` when the sentence speaks of everyone. Items with no group are left out, as are
//! baseline characteristics, changes of continuous measures and percentages at a time point of
//! a time-to-event endpoint (landmark rates: survival rows).

use std::borrow::Cow;
use std::cell::OnceCell;

use regex::Regex;

use super::arm_label::{group_key, names_group_keyed, Label};
use super::arms::ArmRules;
use super::compile::{lexicon_gate, lexicon_pattern_with, Gated, Live, ScanGate, Source, Triggers};
use super::{arm_local, outcome, Finding, KeySet, Text};
use crate::error::Result;
use crate::grammar::{count, decimal, p_value, time_unit};
use crate::model::{Kind, Num, Row};

/// The compiled events rules.
#[derive(Debug)]
pub struct EventRules {
    of_n: Regex,
    slash: Regex,
    bracketed_slash: Regex,
    percent_of_n: Regex,
    of_n_participants: Regex,
    count_percent: Regex,
    percent_pair: Gated,
    per_unit_after: Regex,
    not_a_share: Regex,
    percent: Regex,
    group_list_next: Regex,
    group_list_previous: Regex,
    list_joint: Regex,
    each_group: Regex,
    each_group_outcome: Regex,
    each_group_phrase: Regex,
    /// Arm names a record may use without defining them (`generic_arms`).
    generic_arms: Vec<String>,
    /// Word beginnings of a lead naming a treatment given (`treatment_leads`).
    treatment_leads: Vec<String>,
    percent_for: Regex,
    arm_then_percent: Regex,
    labelled_percent: Regex,
    percent_then_group: Gated,
    total_rate: Regex,
    adverse_list: Regex,
    adverse_item: Regex,
    /// Words that make an adverse-event list's item a degree or a comparison, not an event.
    not_an_event: Vec<String>,
    response_count: Regex,
    comparator: Regex,
    count_in_arm: Regex,
    total_count: Regex,
    clause_group: Regex,
    clause_count: Regex,
    clause_joint: Regex,
    not_an_outcome_state: Regex,
    label_lead: Regex,
    outcome_lead: Regex,
    pair_lead: Regex,
    sentence_group: Regex,
    group_then_percent: Regex,
    subject_copula: Regex,
    by_people: Regex,
    of_the_group: Regex,
    slash_pair: Regex,
    group_lead: Regex,
    list_copula: Regex,
    everyone_outcome: Regex,
    group_percent: Regex,
    count_pair: Regex,
    continuous: Regex,
    responder: Regex,
    landmark: Regex,
    time_to_event: Regex,
    baseline: Regex,
    baseline_word: Regex,
    from_baseline: Regex,
    change: Regex,
    change_list_item: Regex,
    direct_change: Regex,
    ci: Regex,
    design: Regex,
    completion: Regex,
    threshold: Regex,
    whole_trial: Regex,
    enabled: super::WordSet,
    /// Which of the [`GATED`] patterns match in an abstract.
    pub(crate) gate: ScanGate,
}

/// The events patterns searched over the whole abstract that are worth gating: each costs a
/// scan of its own and matches in few abstracts (measured over the corpus).
const GATED: [&str; 7] =
    ["total_rate", "count_percent", "response_count", "total_count", "percent_of_n", "of_n", "count_pair"];

impl EventRules {
    /// Compiles `events.toml`; its patterns may use the lexicon lists of `arms.toml`.
    pub fn compile(source: &Source<'_>, arms: &Source<'_>) -> Result<EventRules> {
        let pattern = |key: &str| lexicon_pattern_with(source, arms, key);
        let mut triggers = Triggers::compile(source, arms)?;
        let rules = EventRules {
            of_n: pattern("of_n")?,
            slash: pattern("slash")?,
            bracketed_slash: pattern("bracketed_slash")?,
            percent_of_n: pattern("percent_of_n")?,
            of_n_participants: pattern("of_n_participants")?,
            count_percent: pattern("count_percent")?,
            percent_pair: triggers.gate("percent_pair", pattern("percent_pair")?),
            per_unit_after: pattern("per_unit_after")?,
            not_a_share: pattern("not_a_share")?,
            percent: pattern("percent")?,
            group_list_next: pattern("group_list_next")?,
            group_list_previous: pattern("group_list_previous")?,
            list_joint: pattern("list_joint")?,
            each_group: pattern("each_group")?,
            each_group_outcome: pattern("each_group_outcome")?,
            each_group_phrase: pattern("each_group_phrase")?,
            generic_arms: source.words("generic_arms")?.to_vec(),
            treatment_leads: source.words("treatment_leads")?.to_vec(),
            percent_for: pattern("percent_for")?,
            arm_then_percent: pattern("arm_then_percent")?,
            labelled_percent: pattern("labelled_percent")?,
            percent_then_group: triggers.gate("percent_then_group", pattern("percent_then_group")?),
            total_rate: pattern("total_rate")?,
            adverse_list: pattern("adverse_list")?,
            adverse_item: pattern("adverse_item")?,
            not_an_event: source.words("not_an_event")?.to_vec(),
            response_count: pattern("response_count")?,
            comparator: pattern("comparator")?,
            count_in_arm: pattern("count_in_arm")?,
            total_count: pattern("total_count")?,
            clause_group: pattern("clause_group")?,
            clause_count: pattern("clause_count")?,
            clause_joint: pattern("clause_joint")?,
            not_an_outcome_state: pattern("not_an_outcome_state")?,
            label_lead: pattern("label_lead")?,
            outcome_lead: pattern("outcome_lead")?,
            pair_lead: pattern("pair_lead")?,
            sentence_group: pattern("sentence_group")?,
            group_then_percent: pattern("group_then_percent")?,
            subject_copula: pattern("subject_copula")?,
            by_people: pattern("by_people")?,
            of_the_group: pattern("of_the_group")?,
            slash_pair: pattern("slash_pair")?,
            group_lead: pattern("group_lead")?,
            list_copula: pattern("list_copula")?,
            everyone_outcome: pattern("everyone_outcome")?,
            group_percent: pattern("group_percent")?,
            count_pair: pattern("count_pair")?,
            continuous: pattern("continuous")?,
            responder: pattern("responder")?,
            landmark: pattern("landmark")?,
            time_to_event: source.pattern_with_case("time_to_event", false)?,
            baseline: pattern("baseline")?,
            baseline_word: pattern("baseline_word")?,
            from_baseline: pattern("from_baseline")?,
            change: pattern("change")?,
            change_list_item: pattern("change_list_item")?,
            direct_change: pattern("direct_change")?,
            ci: pattern("ci")?,
            design: pattern("design")?,
            completion: pattern("completion")?,
            threshold: pattern("threshold")?,
            whole_trial: pattern("whole_trial")?,
            enabled: source.file.rule.iter().filter(|r| r.enabled).map(|r| r.id.clone()).collect(),
            gate: lexicon_gate(source, arms, &GATED)?,
        };
        triggers.all_gated()?;
        Ok(rules)
    }

    fn on(&self, id: &str) -> bool {
        self.enabled.contains(id)
    }

    /// The [`GATED`] patterns, by key (for tests of the gate).
    #[cfg(test)]
    pub(crate) fn gated_patterns(&self) -> [(&'static str, &Regex); 7] {
        [
            ("total_rate", &self.total_rate),
            ("count_percent", &self.count_percent),
            ("response_count", &self.response_count),
            ("total_count", &self.total_count),
            ("percent_of_n", &self.percent_of_n),
            ("of_n", &self.of_n),
            ("count_pair", &self.count_pair),
        ]
    }
}

/// One count or proportion read from the text, before it has its group.
#[derive(Debug, Clone)]
struct Item {
    events: Option<Num>,
    n: Option<Num>,
    percent: Option<Num>,
    span: (usize, usize),
    arm: Option<String>,
    /// The group is the record's arm in the same place of the record's order, not one the text
    /// names beside the value (validation: `events.arm_by_record_order`).
    by_record_order: bool,
    /// Where the evidence starts when the item takes its group and size from words before its
    /// own (`Of the 48 patients given aspirin, 12 died`).
    context_start: Option<usize>,
    /// The item counts those who completed the trial: arm sizes, not events (GUIDE.md's
    /// settled calls).
    completed: bool,
    /// The outcome as the reader saw it, when the words around the item do not say it
    /// (`8 were hyperthyroid` after `In the fixed-dose group,`).
    said: Option<String>,
    /// The item lost a reading as the whole trial's and its group stays unnamed: kept, flagged
    /// (validation: `events.arm_unresolved`), as its value is still one of a group.
    unresolved: bool,
    rule: &'static str,
}

impl Item {
    fn new(rule: &'static str, span: (usize, usize)) -> Item {
        Item {
            events: None,
            n: None,
            percent: None,
            span,
            arm: None,
            by_record_order: false,
            context_start: None,
            completed: false,
            said: None,
            unresolved: false,
            rule,
        }
    }

    /// A percentage said of one group (`arm`, or `total`); `None` when `percent` reads as no
    /// percentage.
    fn group_percent(rule: &'static str, span: (usize, usize), percent: &str, arm: impl Into<String>) -> Option<Item> {
        let mut item = Item::new(rule, span);
        item.percent = Some(read_percent(percent)?);
        item.arm = Some(arm.into());
        Some(item)
    }
}

fn read_count(text: &str) -> Option<Num> {
    count(text).ok().map(|(_, n)| n)
}

fn read_percent(text: &str) -> Option<Num> {
    decimal(text).ok().map(|(_, n)| n).filter(|p| (0.0..=100.0).contains(&p.value))
}

/// Whether a count, its denominator and its percentage agree to within rounding.
fn consistent(events: &Num, n: &Num, percent: Option<&Num>) -> bool {
    if n.value <= 0.0 || events.value > n.value {
        return false;
    }
    percent.is_none_or(|p| agrees(events, n, p))
}

/// Whether `percent` is `events` of `n` to within rounding, whatever the two are.
fn agrees(events: &Num, n: &Num, percent: &Num) -> bool {
    n.value > 0.0 && (100.0 * events.value / n.value - percent.value).abs() <= 1.0
}

/// The items found so far, with the byte ranges they hold.
struct Items<'t> {
    items: Vec<Item>,
    /// The normalised abstract the items are read from.
    text: &'t str,
}

impl Items<'_> {
    fn free(&self, span: (usize, usize)) -> bool {
        !self.items.iter().any(|i| i.span.0 < span.1 && span.0 < i.span.1)
    }

    /// Keeps `item` unless it overlaps one kept before or starts inside a number: `0.35 in
    /// the B group` is a rate, and its `35` no count.
    fn push(&mut self, item: Item) {
        let head = &self.text.as_bytes()[..item.span.0];
        let inside_number = matches!(head, [.., digit, b'.'] if digit.is_ascii_digit());
        if !inside_number && self.free(item.span) {
            self.items.push(item);
        }
    }
}

/// Every events row of one abstract; `arm_sizes` are the arm-size rows already found, whose
/// groups name the record's arms.
///
/// The rules read in this order, and an item is kept only where no item read before it holds
/// its bytes (`Items::push`), so a rule earlier in the list wins over a later one:
/// 1. `of_n_percent` (`read_of_n`): `39 of 60 (65.0%)`, `2/74 [2.7 %]`;
/// 2. `count_percent` (`read_count_percent`): `12 (20%)`;
/// 3. `each_group` (`read_each_group`): `100% in both treatment groups`;
/// 4. `percent_list` (`read_percent_lists`): three or more percentages in a row;
/// 5. `percent_pair` (`read_percent_pairs`): `45% vs 30%`;
/// 6. `count_pair` (`read_count_pairs`): `strokes ... (8 vs 1)`;
/// 7. `percent_for`, in three shapes: `55% for letrozole` (`read_percent_for`), `placebo 54.2%`
///    (`read_arm_then_percent`), `diarrhoea (18%, ILF)` (`read_percent_then_group`);
/// 8. `total_rate` (`read_total_rate`): `The overall response rate was 69%`;
/// 9. `response_count` (`read_counts`): `two partial responses (PR)`;
/// 10. `group_percent` (`read_group_percent`): `with standard chemotherapy (64%) than ...`;
/// 11. `group_rate` (`read_group_rate`): `Mortality in the surgery group was 12%`;
/// 12. `count_in_arm` (`read_count_in_arm`): `35 patients in the combined modality arm`;
/// 13. `total_count` (`read_counts`): `508 deaths`;
/// 14. `group_clause_count` (`read_group_clause_counts`): `In group A, 8 were cured`.
///
/// The items then get their groups and endpoints and become rows (`findings_from_items`).
pub fn find(rules: &EventRules, arms: &ArmRules, text: &Text, arm_sizes: &[Finding]) -> Vec<Finding> {
    find_with_known(rules, arms, text, &Known::new(arms, text.as_str(), arm_sizes))
}

/// [`find`] with the record's arms `known` shared with the other finders, so they are read once.
pub(super) fn find_with_known(rules: &EventRules, arms: &ArmRules, text: &Text, known: &Known<'_>) -> Vec<Finding> {
    let s = text.as_str();
    let mut items = Items { items: Vec::new(), text: text.as_str() };
    // Every gated pattern needs a number: sentences without one are not scanned.
    let live = rules.gate.live_in(s, text.number_stretches());
    if rules.on("events.of_n_percent") {
        read_of_n(rules, arms, known, &live, s, &mut items);
    }
    if rules.on("events.of_n_percent") && s.contains('/') {
        read_slash_pairs(rules, arms, known, text, &mut items);
    }
    if rules.on("events.count_percent") && live.has("count_percent") {
        read_count_percent(rules, s, &mut items);
    }
    if rules.on("events.each_group") && rules.each_group_phrase.is_match(s) {
        read_each_group(rules, known, text, &mut items);
    }
    if rules.on("events.percent_list") && s.bytes().filter(|&b| b == b'%').count() >= 3 {
        read_percent_lists(rules, arms, known, text, &mut items);
    }
    if rules.on("events.percent_pair") {
        read_percent_pairs(rules, arms, known, s, text, &mut items);
    }
    if rules.on("events.count_pair") && live.has("count_pair") {
        read_count_pairs(rules, arms, text, &mut items);
    }
    if rules.on("events.percent_for") {
        read_percent_for(rules, arms, known, text, &mut items);
    }
    if rules.on("events.percent_for") {
        read_group_then_percent(rules, arms, known, text, &mut items);
        read_arm_then_percent(rules, known, text, &mut items);
        read_labelled_list(rules, arms, known, text, &mut items);
    }
    if rules.on("events.percent_for") {
        read_percent_then_group(rules, arms, known, text, &mut items);
        read_percents_then_arms(rules, arms, known, text, &mut items);
    }
    if rules.on("events.adverse_list") {
        read_adverse_list(rules, arms, known, text, &mut items);
    }
    if rules.on("events.total_rate") && live.has("total_rate") {
        read_total_rate(rules, arms, text, &mut items);
    }
    if rules.on("events.response_count") && live.has("response_count") {
        // `two partial responses (PR), seven stable disease (SD)`, `3 PR (13%)`.
        read_counts(&rules.response_count, "events.response_count", text, &mut items);
    }
    if rules.on("events.group_percent") {
        read_group_percent(rules, arms, known, text, &mut items);
    }
    if rules.on("events.group_rate") {
        read_group_rate(rules, arms, known, text, &mut items);
    }
    if rules.on("events.count_in_arm") {
        read_count_in_arm(rules, arms, known, text, &mut items);
    }
    if rules.on("events.total_count") && live.has("total_count") {
        read_counts(&rules.total_count, "events.total_count", text, &mut items);
    }
    if rules.on("events.group_clause_count") {
        read_group_clause_counts(rules, arms, known, text, &mut items);
    }
    findings_from_items(rules, arms, text, known, known.arm_sizes, items.items)
}

/// `(61/97 vs 52/101)`: two counts, each of its denominator, side by side, in a sentence that
/// names a group (not `quartile 4 versus quartile 1-3`); none may exceed its denominator
/// (`120/80 vs 130/85` are pressures) or carry a unit.
fn read_slash_pairs(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for caps in rules.slash_pair.captures_iter(s) {
        let start = caps.get(0).map_or(0, |m| m.start());
        let (from, to) = text.sentence_at(start);
        let sentence = &s[from..to];
        if !names_a_group(arms, known, sentence) || caps.name("unit").is_some() || not_a_count_before(&s[..start]) {
            continue;
        }
        let (Some(e1), Some(n1), Some(e2), Some(n2)) =
            (caps.name("e1"), caps.name("n1"), caps.name("e2"), caps.name("n2"))
        else {
            continue;
        };
        let read = |e: regex::Match<'_>, n: regex::Match<'_>| {
            let mut item = Item::new("events.of_n_percent", (e.start(), n.end()));
            item.events = read_count(e.as_str());
            item.n = read_count(n.as_str());
            let (events, size) = (item.events.as_ref()?.value, item.n.as_ref()?.value);
            (events <= size && size > 0.0).then_some(item)
        };
        if let (Some(a), Some(b)) = (read(e1, n1), read(e2, n2)) {
            if items.free(a.span) && items.free(b.span) {
                items.push(a);
                items.push(b);
            }
        }
    }
}

/// Whether a sentence names a group: a group noun, or the first word of one of the record's arms.
fn names_a_group(arms: &ArmRules, known: &Known<'_>, sentence: &str) -> bool {
    // A whole word: `placebo-controlled` names no group.
    let has_word = |w: &str| {
        sentence.match_indices(w).any(|(at, _)| {
            let before = sentence[..at].chars().next_back();
            let after = sentence[at + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
        })
    };
    arms.labels.has_group_noun(sentence) || known.iter().any(|k| k.split_whitespace().next().is_some_and(has_word))
}

/// `12 (20%)`, `101 [9%]` (`count_percent`): a count and its percentage, unless the count
/// closes a bound, a range or a sentence.
fn read_count_percent(rules: &EventRules, s: &str, items: &mut Items) {
    for caps in rules.count_percent.captures_iter(s) {
        let (Some(whole), Some(e), Some(p)) = (caps.get(0), caps.name("e"), caps.name("p")) else { continue };
        let before = s[..whole.start()].trim_end();
        // A period closes a sentence or a number, but not `vs.`: `17 (12%) vs. 29 (21%)`.
        let period = before.ends_with('.') && !super::ends_with_lowercase(before, " vs.");
        // `22/66 (33%)`: a denominator, not a count.
        if before.ends_with(['=', '<', '>', '-', '/']) || period || ends_with_range_word(before) {
            continue;
        }
        // `17 of the 38 eyes in group 1 (44.7%)`: the number names the group.
        let lower = before.to_ascii_lowercase();
        if e.len() <= 2 && ["group", "arm", "cohort"].iter().any(|noun| lower.ends_with(noun)) {
            continue;
        }
        let mut item = Item::new("events.count_percent", (whole.start(), whole.end()));
        item.events = read_count(e.as_str());
        item.percent = read_percent(p.as_str());
        if item.events.is_some() && item.percent.is_some() {
            items.push(item);
        }
    }
}

/// `(8 vs 1)` (`count_pair`): two counts side by side, after an outcome in their sentence.
fn read_count_pairs(rules: &EventRules, arms: &ArmRules, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for caps in rules.count_pair.captures_iter(s) {
        let (Some(e1), Some(e2)) = (caps.name("e1"), caps.name("e2")) else { continue };
        let (from, _) = text.sentence_at(e1.start());
        let before = &s[from..e1.start()];
        if before.ends_with(['.', '-', '/']) || not_a_count_before(before) || !arms.outcomes.is_match(before) {
            continue;
        }
        let mut a = Item::new("events.count_pair", (e1.start(), e1.end()));
        a.events = read_count(e1.as_str());
        let mut b = Item::new("events.count_pair", (e2.start(), e2.end()));
        b.events = read_count(e2.as_str());
        if items.free(a.span) && items.free(b.span) {
            items.push(a);
            items.push(b);
        }
    }
}

/// `55% for letrozole` (`percent_for`): a percentage, a lead word and the group it is said of,
/// when the lead is strong (`for`, `with`) or the label is a group, a comparator or a known arm.
fn read_percent_for(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for caps in rules.percent_for.captures_iter(s) {
        let (Some(whole), Some(p), Some(lead)) = (caps.get(0), caps.name("p"), caps.name("lead")) else { continue };
        let Some(label) = arms.labels.after(s, whole.end()).or_else(|| dose_label(arms, s, whole.end())) else {
            continue;
        };
        if continuous_aside(&s[p.end()..lead.start()]) {
            continue;
        }
        // `60% using glargine`; not `63% using a cut-off`, which names no group.
        // `of patients receiving 5 mg risedronate`: a lead naming a treatment given.
        let lead_lower = lead.as_str().to_ascii_lowercase();
        let treatment_lead = rules
            .treatment_leads
            .iter()
            .any(|w| lead_lower.split_whitespace().any(|word| word.starts_with(w.as_str())));
        let indefinite = s[whole.end()..].starts_with("a ") || s[whole.end()..].starts_with("an ");
        // `7.2% after oxytocin` names a group; `50% after the intervention` a time.
        if lead_lower == "after" && super::ends_with_lowercase(whole.as_str().trim_end(), " the") {
            continue;
        }
        let strong = matches!(lead_lower.as_str(), "for" | "with") || treatment_lead && !indefinite;
        let comparator = rules.comparator.is_match(&label.text);
        let listed = in_group_list(rules, arms, s, p.start(), &label);
        if !(strong || comparator || listed || arms.labels.has_group_noun(&label.text) || is_known(known, &label)) {
            continue;
        }
        if arms.labels.names_everyone(&label.text)
            || !(starts_with_letter(&label.text) || starts_with_dose(&label.text))
        {
            continue;
        }
        if names_an_outcome(arms, s, &label.text) || opens_respectively_list(text, label.span.1) {
            continue;
        }
        if let Some(mut item) =
            Item::group_percent("events.percent_for", (p.start(), label.span.1), p.as_str(), label.text)
        {
            // `Eight percent (n = 7) of patients receiving placebo`: the count in brackets.
            let percent_end = s[p.end()..].find('%').map_or(p.end(), |at| p.end() + at + 1);
            item.events = n_equals_after(s, percent_end)
                .filter(|(n, end)| s[*end..].trim_start().starts_with([')', ']']) && n.value.fract() == 0.0)
                .map(|(n, _)| n);
            if item.events.is_none() {
                take_bracketed_fraction(s, label.span.1, &mut item, items);
            }
            items.push(item);
        }
    }
}

/// `22% of patients who received placebo (13/58)`: the count and size in brackets right after
/// the group, when they agree with the item's percentage; the item then holds the bracket too,
/// in place of a bare `13/58` read before (one fact, one row), unless another item holds it.
fn take_bracketed_fraction(s: &str, at: usize, item: &mut Item, items: &mut Items) {
    let rest = &s[at..];
    let Some(inner) = rest.trim_start().strip_prefix(['(', '[']) else { return };
    let Some((events_text, after)) = inner.split_once('/') else { return };
    let Some((after_n, n)) = count(after.trim_start()).ok() else { return };
    let Some(events) = read_count(events_text.trim()) else { return };
    if !after_n.trim_start().starts_with([')', ']', ',', ';']) || events_text.trim().contains(char::is_whitespace) {
        return;
    }
    let end = at + rest.len() - after_n.len();
    if !item.percent.as_ref().is_some_and(|p| agrees(&events, &n, p)) {
        return;
    }
    let bare = |i: &Item| {
        i.span.0 > at
            && i.span.0 < end
            && i.percent.is_none()
            && i.events.as_ref().is_some_and(|e| e.value == events.value)
            && i.n.as_ref().is_some_and(|m| m.value == n.value)
    };
    let span = (item.span.1, end);
    if items.items.iter().any(|i| !bare(i) && i.span.0 < span.1 && span.0 < i.span.1) {
        return;
    }
    items.items.retain(|i| !bare(i));
    if consistent(&events, &n, item.percent.as_ref()) {
        item.events = Some(events);
        item.n = Some(n);
        item.span.1 = end;
    }
}

/// `diarrhoea (18%, ILF)`, `rash 20.0% (erlotinib) vs 5.0% (placebo)` (`percent_then_group`):
/// the percentage, then one of the record's arms, in brackets.
fn read_percent_then_group(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    // Each match once: the whole match, its percentage, and whether it is `P% (` (else `(P%,`).
    let matches: Vec<(regex::Match<'_>, regex::Match<'_>, bool)> = rules
        .percent_then_group
        .captures(text)
        .into_iter()
        .filter_map(|c| {
            let q = c.name("q");
            Some((c.get(0)?, q.or_else(|| c.name("p"))?, q.is_some()))
        })
        .collect();
    // Where each `20.0% (erlotinib` opens (a word in the brackets, no bound such as `up to`
    // before), so that one can be required to have a partner in its sentence.
    let bracketed: Vec<(usize, usize)> = matches
        .iter()
        .filter(|&&(w, _, is_q)| is_q && s[w.end()..].starts_with(char::is_alphabetic))
        .filter(|(_, q, _)| !super::ends_with_lowercase(s[..q.start()].trim_end(), "up to"))
        .map(|(w, q, _)| (q.start(), w.end()))
        .collect();
    for &(whole, p, is_q) in &matches {
        // `20.0% (erlotinib) vs 5.0% (placebo)`: a group in brackets after a bare percentage
        // needs another in its sentence; alone it may be a strength (`bupivacaine 0.25% (group B)`).
        let Some(label) = closed_label(arms, s, whole.end()) else { continue };
        let partner_named = if is_q {
            match bracket_partner(arms, known, text, &bracketed, p.start()) {
                Some(named) => named,
                None => continue,
            }
        } else {
            false
        };
        // `17.1% (hCG) and 18.2% (control)`: a short name beside one of the record's arms.
        let beside_arm = partner_named
            && label.text.split_whitespace().count() <= 3
            && starts_with_letter(&label.text)
            && !arms.labels.names_everyone(&label.text)
            && !arms.outcomes.is_match(&label.text);
        if !(is_known(known, &label) || beside_arm) {
            continue;
        }
        if let Some(item) = Item::group_percent("events.percent_for", (p.start(), label.span.1), p.as_str(), label.text)
        {
            items.push(item);
        }
    }
}

/// Whether the bracketed percentage at `at` (one of `bracketed`: where each starts, where its
/// group does) has a partner joined to it in its clause (`98.99% (A) and 97.69% (B)`, no comma
/// between): `None` without one, else whether a partner's group is one of the record's arms.
fn bracket_partner(
    arms: &ArmRules,
    known: &Known<'_>,
    text: &Text,
    bracketed: &[(usize, usize)],
    at: usize,
) -> Option<bool> {
    let s = text.as_str();
    if !bracketed.iter().any(|&(start, _)| start == at) {
        return None;
    }
    let sentence = text.sentence_at(at);
    let joined = |other: usize| !s[other.min(at)..other.max(at)].contains([',', ';']);
    let partners: Vec<usize> = bracketed
        .iter()
        .filter(|&&(start, _)| start != at && text.sentence_at(start) == sentence && joined(start))
        .map(|&(_, group)| group)
        .collect();
    if partners.is_empty() {
        return None;
    }
    Some(partners.iter().any(|&group| closed_label(arms, s, group).is_some_and(|label| is_known(known, &label))))
}

/// The label read at `at` when a closing bracket follows it: `erlotinib)`, not `n = 12)`.
fn closed_label(arms: &ArmRules, s: &str, at: usize) -> Option<Label> {
    arms.labels.after(s, at).filter(|label| s[label.span.1..].trim_start().starts_with([')', ']']))
}

/// `2.5% albendazole versus 2.6% control`, `75% experimental group and 86% control group`: two
/// or more percentages in a sentence, each followed by its group with no word between, each
/// group one of the record's arms or a group noun phrase, and the clause ending after it.
fn read_percents_then_arms(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    // Each item with whether its group is named (a group noun, a comparator, an arm of the record).
    let mut found: Vec<(Item, bool)> = Vec::new();
    for (at, _) in s.match_indices('%') {
        // A word must follow after one space: `2.5% albendazole`.
        if !s[at + 1..].strip_prefix(' ').is_some_and(|rest| rest.starts_with(char::is_alphabetic)) {
            continue;
        }
        let Some(label) = arms.labels.after(s, at + 1) else { continue };
        let gap = &s[at + 1..label.span.0];
        if gap.is_empty() || !gap.trim().is_empty() {
            continue;
        }
        let named = arms.labels.has_group_noun(&label.text)
            || is_known(known, &label)
            || rules.comparator.is_match(&label.text.to_ascii_lowercase());
        let rest = s[label.span.1..].trim_start().to_ascii_lowercase();
        // `(10.7% txt2stop vs 4.9% control`: a short unnamed label stands when joined by a
        // comparison word to a named one (checked below).
        let compared = ["vs", "versus"].iter().any(|w| rest.starts_with(w))
            || ["vs", "vs.", "versus"]
                .iter()
                .any(|w| s[..at].trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').trim_end().ends_with(w));
        let short = label.text.split_whitespace().count() <= 2 && starts_with_letter(&label.text);
        if !(named || compared && short)
            || arms.labels.names_everyone(&label.text)
            || arms.outcomes.is_match(&label.text)
        {
            continue;
        }
        // `2.6% control (p = 0.7)`: a bracket of the comparison's p-value ends it too.
        let p_bracket = rest.strip_prefix(['(', '[']).is_some_and(|inner| p_value(inner.trim_start()).is_ok());
        let ends = rest.is_empty()
            || p_bracket
            || rest.starts_with([',', ';', '.', ')', ']'])
            || ["vs", "versus", "and ", "or ", "compared", "respectively"].iter().any(|w| rest.starts_with(w));
        let head = s[..at].trim_end();
        let number_start = head.len() - head.bytes().rev().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
        let value = s[number_start..at].trim();
        if !ends || value.is_empty() || s[..number_start].trim_end().ends_with(['-', '±', '/', '<', '>', '=']) {
            continue;
        }
        if let Some(item) = Item::group_percent("events.percent_for", (number_start, label.span.1), value, label.text) {
            found.push((item, named));
        }
    }
    for (item, named) in &found {
        let sentence = text.sentence_at(item.span.0);
        let mut partners =
            found.iter().filter(|(other, _)| text.sentence_at(other.span.0) == sentence && other.arm != item.arm);
        // An unnamed group needs a named partner right beside it: `4.9% control`.
        let stands = if *named {
            partners.next().is_some()
        } else {
            partners.any(|(other, other_named)| {
                *other_named && (side_by_side(s, text, item, other) || side_by_side(s, text, other, item))
            })
        };
        if stands {
            items.push(item.clone());
        }
    }
}

/// `The overall response rate was 69%`, `response was shown in 76.0% of the patients`
/// (`total_rate`): a rate of everyone, unless a group, a second rate or a count follows it.
fn read_total_rate(rules: &EventRules, arms: &ArmRules, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for caps in rules.total_rate.captures_iter(s) {
        let Some(p) = caps.name("p").or_else(|| caps.name("p2")) else { continue };
        let Some(whole) = caps.get(0) else { continue };
        let (from, to) = text.sentence_at(p.start());
        // `76.0% of the patients` counts an outcome only after one in its clause: `response
        // was shown in 76.0% of the patients`, not `63.5% of the patients received X`.
        let clause = &s[from..whole.start()];
        let clause = &clause[clause.rfind([',', ';', ':', '(']).map_or(0, |c| c + 1)..];
        if caps.name("p2").is_some() && !arms.outcomes.is_match(clause) {
            continue;
        }
        let after = s[whole.end()..to].trim_start().to_ascii_lowercase();
        if rate_goes_on(rules, &after) || s[from..to].to_ascii_lowercase().contains("respectively") {
            continue;
        }
        if let Some(item) = Item::group_percent("events.total_rate", (whole.start(), whole.end()), p.as_str(), "total")
        {
            items.push(item);
        }
    }
}

/// `The most frequent adverse events in the X group were headache (27%), nausea (11%) and
/// rash (8%)` (`adverse_list`): each named event with its percentage, said of the group the
/// head names (one of the record's arms), or of the whole trial when it names none.
fn read_adverse_list(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    // Each item's percentage is in the list's sentence: only sentences with a `%` are searched.
    for &(from, to) in text.sentences.iter().filter(|&&(from, to)| s[from..to].contains('%')) {
        if s[from..to].contains("respectively") {
            continue;
        }
        let mut search_at = from;
        while let Some(caps) = rules.adverse_list.captures_at(&s[..to], search_at) {
            let (Some(whole), Some(tail)) = (caps.get(0), caps.name("tail")) else { break };
            search_at = whole.end().max(search_at + 1);
            if let Some(arm) = adverse_list_arm(arms, known, s, tail) {
                read_adverse_items(rules, s, (whole.end(), to), &arm, items);
            }
        }
    }
}

/// The items of an adverse-event list from `at` to the sentence's end `to`, one after another,
/// joined by a comma or `and`, up to the first that is not one.
fn read_adverse_items(rules: &EventRules, s: &str, (mut at, to): (usize, usize), arm: &str, items: &mut Items) {
    while let Some(item) = rules.adverse_item.captures(&s[at..to]) {
        let (Some(m), Some(name), Some(p)) = (item.get(0), item.name("name"), item.name("p")) else { break };
        // `were similar (64%)`, `were mild (80%)`: a word of degree or comparison is no event.
        if name.as_str().split_whitespace().any(|w| rules.not_an_event.iter().any(|x| w.eq_ignore_ascii_case(x))) {
            break;
        }
        let span = (at + name.start(), at + m.end());
        // `rash (8%) with drug K and ...`: a group after the item makes it one group's of a comparison.
        let next = s[span.1..to].trim_start().to_ascii_lowercase();
        if ["in ", "with ", "among ", "for ", "vs", "versus", "compared"].iter().any(|w| next.starts_with(w)) {
            break;
        }
        if let Some(mut row) = Item::group_percent("events.adverse_list", span, p.as_str(), arm) {
            row.said = Some(name.as_str().trim().to_string());
            items.push(row);
        }
        at += m.end();
    }
}

/// The group an adverse-event list's head names after its noun (`in the X group`, `with X`):
/// `total` when it names none, `None` when its words are not one of the record's arms.
fn adverse_list_arm(arms: &ArmRules, known: &Known<'_>, s: &str, tail: regex::Match<'_>) -> Option<String> {
    let words = tail.as_str().trim();
    if words.is_empty() {
        return Some("total".to_string());
    }
    let lead = words.split_whitespace().next().unwrap_or("");
    if !["in", "with", "for", "among"].iter().any(|w| lead.eq_ignore_ascii_case(w)) {
        return None;
    }
    let start = tail.start() + tail.as_str().find(lead).map_or(0, |i| i + lead.len());
    let label = arms.labels.after(s, start)?;
    let rest = s[label.span.1..tail.end()].trim();
    (rest.is_empty() && is_known(known, &label)).then_some(label.text)
}

/// Whether what follows an overall rate (`after`, in lower case) belongs to another reading: a
/// group or a second rate, a count in brackets, anything but a verb or the clause's end, or a
/// comparison word (`vs`, `and`).
fn rate_goes_on(rules: &EventRules, after: &str) -> bool {
    // A group or a second rate follows: the pair and group rules read it.
    if rules.label_lead.is_match(after)
        && !after.starts_with("of ")
        && after
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "in" | "for" | "with" | "among" | "on" | "receiving" | "taking"))
    {
        return true;
    }
    if after.starts_with(['(', '['])
        && after[1..].trim_start().starts_with(|c: char| c.is_ascii_digit())
        && after.contains('%')
    {
        // `69% (CR 60%)` is fine, `69% (45/65)` is read by the of_n rule.
        let inside = &after[1..after.find([')', ']']).unwrap_or(after.len())];
        if inside.contains('/') || inside.contains(" of ") {
            return true;
        }
    }
    // `96% of eyes undergoing PRK`: a group may follow; only a verb or the clause's end may.
    let next = after.split_whitespace().next().unwrap_or("");
    let verb = [
        "had",
        "have",
        "were",
        "was",
        "achieved",
        "experienced",
        "reported",
        "developed",
        "showed",
        "required",
        "responded",
        "died",
        "relapsed",
        "survived",
        "improved",
        "recovered",
    ];
    if !(after.is_empty() || after.starts_with([',', '.', ';', ':', ')', '(', '[', ']']) || verb.contains(&next)) {
        return true;
    }
    ["vs", "versus", "and", "or", "compared"].iter().any(|w| after.starts_with(w))
}

/// `with standard chemotherapy (64%)`, `in the stent group (46.9%, n = 15)` (`group_percent`): a
/// group, then its percentage in brackets, in a sentence that compares groups on an outcome.
fn read_group_percent(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for caps in rules.group_percent.captures_iter(s) {
        let (Some(whole), Some(p)) = (caps.get(0), caps.name("p")) else { continue };
        let (from, to) = text.sentence_at(whole.start());
        let sentence = s[from..to].to_ascii_lowercase();
        let compares = [" than ", " between ", " vs", " versus ", " compared "].iter().any(|w| sentence.contains(w));
        if !compares || !arms.outcomes.is_match(&s[from..whole.start()]) {
            continue;
        }
        let Some(label) = arms.labels.before(s, whole.start()).filter(|l| l.span.0 >= from) else { continue };
        let plain = !arms.outcomes.is_match(&label.text)
            && !arms.labels.names_everyone(&label.text)
            && !arms.is_characteristic(&label.text)
            && label.text.split_whitespace().count() <= 4;
        if !(plain
            && (arms.labels.has_group_noun(&label.text)
                || is_known(known, &label)
                || preceded_by_preposition(s, &label)))
        {
            continue;
        }
        let end = caps.name("count").map_or(whole.end(), |c| c.start());
        if let Some(item) = Item::group_percent("events.group_percent", (label.span.0, end), p.as_str(), label.text) {
            items.push(item);
        }
    }
}

/// `Mortality in the surgery group was 12%`, `the response rate among controls was 30%`
/// (`group_rate`): an outcome, a group phrase, a copula, then the group's percentage.
fn read_group_rate(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for m in rules.percent.find_iter(s) {
        // Only a value right after a copula can be one (checked on its last two words first).
        let head = s[..m.start()].trim_end();
        let last_words = head.rsplit(' ').take(2).any(|w| matches!(w, "was" | "were" | "is" | "are" | "reached"));
        if !(last_words || head.ends_with([':', '='])) {
            continue;
        }
        let (from, _) = text.sentence_at(m.start());
        let Some(label) = subject_group(rules, arms, known, s, from, m.start()) else { continue };
        if !arms.outcomes.is_match(&s[from..label.span.0]) {
            continue;
        }
        let value = s[m.start()..m.end()].trim_end_matches(|c: char| c == '%' || c.is_whitespace());
        if let Some(item) = Item::group_percent("events.group_rate", (label.span.0, m.end()), value, label.text) {
            items.push(item);
        }
    }
}

/// `35 patients in the combined modality arm` (`count_in_arm`): a count and its group in a
/// sentence of outcomes, with the group's size when `(n = ...)` follows.
fn read_count_in_arm(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for caps in rules.count_in_arm.captures_iter(s) {
        let (Some(whole), Some(e)) = (caps.get(0), caps.name("e")) else { continue };
        let (from, to) = text.sentence_at(e.start());
        let sentence = &s[from..to];
        let before = &s[from..e.start()];
        if !arms.outcomes.is_match(sentence)
            || not_a_count_before(before)
            || is_denominator_before(before)
            || second_of_count_pair(before)
        {
            continue;
        }
        let Some(label) = arms.labels.after(s, whole.end()) else { continue };
        let listed = in_group_list(rules, arms, s, e.start(), &label);
        // `one fracture occurred in each treatment group` is no one group's count (`each_group`).
        let every = ["each ", "both ", "all "].iter().any(|w| label.text.to_ascii_lowercase().starts_with(w));
        // `56 and 86 women in the intervention and control groups, respectively`: the first
        // group of a respectively-list is not the last count's.
        if !(arms.labels.has_group_noun(&label.text) || is_known(known, &label) || listed)
            || arms.labels.names_everyone(&label.text)
            || every
            || opens_respectively_list(text, label.span.1)
        {
            continue;
        }
        let mut item = Item::new("events.count_in_arm", (e.start(), label.span.1));
        item.events = read_count(e.as_str());
        item.percent = caps.name("p").and_then(|p| read_percent(p.as_str()));
        item.arm = Some(label.text.clone());
        // `one death in the X group`: the outcome counted is the count's own.
        item.said = caps.name("what").map(|w| w.as_str().to_string());
        // `297 patients in the aspirin group (n = 1,075)`: the group's size follows.
        if let Some((n, end)) = n_equals_after(s, label.span.1) {
            if item.events.as_ref().is_some_and(|e| e.value <= n.value) {
                item.n = Some(n);
                item.span.1 = end;
            }
        }
        items.push(item);
    }
}

/// `In the fixed-dose group, 8 were hyperthyroid, 4 were euthyroid and 2 were hypothyroid`,
/// `Among those given aspirin, 12 died` (`group_clause_count`): bare counts, each with its
/// outcome, in the clauses after an opening that names their group and ends in a comma.
fn read_group_clause_counts(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for lead in rules.clause_group.find_iter(s) {
        let (_, to) = text.sentence_at(lead.end());
        // The counts are digits after the group: no digit in the rest of the sentence, no count.
        if !s[lead.end()..to.max(lead.end())].bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(label) = arms.labels.after(s, lead.end()) else { continue };
        let named = arms.labels.has_group_noun(&label.text) || is_known(known, &label);
        let after = s.get(label.span.1..to).unwrap_or("");
        if !named || arms.labels.names_everyone(&label.text) || !after.trim_start().starts_with(',') {
            continue;
        }
        let mut at = label.span.1 + after.find(',').map_or(0, |i| i + 1);
        while let Some(caps) = rules.clause_count.captures(&s[at..to]) {
            let (Some(whole), Some(e)) = (caps.get(0), caps.name("e")) else { break };
            let state_ok = caps.name("state").is_none_or(|w| !rules.not_an_outcome_state.is_match(w.as_str()));
            if !state_ok {
                break;
            }
            // `8 were cured and 2 were unchanged`: the next count's `and` is no part of this one.
            let whole = whole.as_str();
            let next =
                whole.match_indices(" and ").find(|(i, _)| whole[i + 5..].starts_with(|c: char| c.is_ascii_digit()));
            let taken = whole[..next.map_or(whole.len(), |(i, _)| i)].trim_end();
            let mut item = Item::new("events.group_clause_count", (at + e.start(), at + taken.len()));
            item.events = read_count(e.as_str());
            item.percent = caps.name("p").and_then(|p| read_percent(p.as_str()));
            item.arm = Some(label.text.clone());
            let from = caps.name("state").or(caps.name("said")).map(|w| w.start());
            item.said = from.filter(|&f| f < taken.len()).map(|f| clause_outcome(&taken[f..]));
            items.push(item);
            at += taken.len();
            let Some(joint) = rules.clause_joint.find(&s[at..to]) else { break };
            at += joint.end();
        }
    }
}

/// The outcome words of a clause's count, up to where its time or circumstance starts:
/// `hypothyroid after the first dose` gives `hypothyroid`.
fn clause_outcome(words: &str) -> String {
    let cut = [" after ", " at ", " within ", " during ", " by ", " following ", " with ", " in "]
        .iter()
        .filter_map(|w| words.find(w))
        .min()
        .unwrap_or(words.len());
    words[..cut].trim().to_string()
}

/// Turns the items read into rows: sorted, those in scope (`in_scope`), each given its group
/// (`assign_groups`, then `resolve_this_group`), those still without one left out unless they
/// have a denominator, then each given its endpoint.
fn findings_from_items(
    rules: &EventRules,
    arms: &ArmRules,
    text: &Text,
    known: &Known<'_>,
    arm_sizes: &[Finding],
    mut items: Vec<Item>,
) -> Vec<Finding> {
    let s = text.as_str();
    items.sort_by_key(|i| i.span);
    for item in items.iter_mut() {
        item.completed = completes_trial(rules, arms, text, item);
    }
    let mut tests = SentenceTests::default();
    items.retain(|item| in_scope(rules, arms, text, item, &mut tests));
    // `115 patients were treated with A and 117 patients with B`: a count read as a group's
    // size is not also its events.
    let group_size_at = |at: usize| arm_sizes.iter().any(|f| f.span.0 == at && f.row.arm.as_deref() != Some("total"));
    items.retain(|item| item.rule != "events.count_in_arm" || !group_size_at(item.span.0));
    let totals: Vec<f64> = arm_sizes
        .iter()
        .filter(|f| f.row.arm.as_deref() == Some("total"))
        .filter_map(|f| f.row.n.as_ref().map(|n| n.value))
        .collect();
    assign_groups(rules, arms, text, known, &totals, &mut items);
    for item in items.iter_mut() {
        resolve_this_group(arms, s, known, item);
    }
    untotal_compared(text, &mut items);
    untotal_beside_named(arms, known, text, &mut items);
    // A count with its denominator (`17/78`, `9 of 114`) is kept when its group stays
    // unnamed: validation flags it (events.arm_unresolved) for the reviewer. A percentage alone
    // is too often something else to keep without its group.
    let (completed, items): (Vec<Item>, Vec<Item>) = items.into_iter().partition(|item| item.completed);
    let mut items: Vec<Item> = items
        .into_iter()
        .filter(|item| item.arm.is_some() || item.unresolved || (item.events.is_some() && item.n.is_some()))
        .collect();
    for item in items.iter_mut() {
        bracketed_count(s, arm_sizes, item);
    }
    let endpoints = item_endpoints(arms, known, text, &items);
    // A count of completers whose group stays unnamed beside others with theirs is no total.
    let named = |item: &Item| item.arm.as_deref().is_some_and(|arm| arm != "total");
    let grouped = completed.iter().any(named);
    let sizes = completed
        .into_iter()
        .filter(|item| arms.on("arm_size.completed") && (!grouped || named(item)))
        .flat_map(completer_sizes);
    // `RESULTS`, `days 2-6`, `their peers`: a label that names no group leaves the item
    // without one, after it has lent its outcome to the items beside it.
    items
        .into_iter()
        .zip(endpoints)
        .filter_map(|(mut item, endpoint)| {
            if item.arm.as_deref().is_some_and(super::arm_label::names_no_group) {
                item.arm = None;
                item.by_record_order = false;
                if item.events.is_none() || item.n.is_none() {
                    return None;
                }
            }
            Some((item, endpoint))
        })
        .map(|(item, endpoint)| {
            let mut row = Row::new("", Kind::Events);
            row.arm = item.arm;
            row.events = item.events;
            row.n = item.n;
            row.percent = item.percent;
            row.endpoint = endpoint;
            row.rule = item.rule.to_string();
            if item.by_record_order {
                crate::validate::flag(&mut row, crate::validate::EVENTS_ARM_BY_RECORD_ORDER);
            }
            Finding { row, span: (item.context_start.unwrap_or(item.span.0), item.span.1) }
        })
        .chain(sizes)
        .collect()
}

/// `was 20.5% (n = 7)`, `95% (n = 19) of the subjects`: the count of a group's percentage,
/// in brackets right after it, is its events. Not when the group's size is known and the two
/// disagree: `38.6% (n = 88)` may give the group's size.
fn bracketed_count(s: &str, arm_sizes: &[Finding], item: &mut Item) {
    let (Some(percent), None, None) = (&item.percent, &item.events, &item.n) else { return };
    if !s[item.span.0..item.span.1].trim_end().ends_with('%') {
        return;
    }
    let Some((k, end)) = n_equals_after(s, item.span.1) else { return };
    let Some(close) = s[end..].trim_start().strip_prefix([')', ']']) else { return };
    if k.value.fract() != 0.0 || k.value < 1.0 {
        return;
    }
    let Some(arm) = item.arm.as_deref().map(group_key) else { return };
    let sizes: Vec<&Num> = arm_sizes
        .iter()
        .filter(|f| f.row.arm.as_deref().is_some_and(|a| group_key(a) == arm))
        .filter_map(|f| f.row.n.as_ref())
        .collect();
    if sizes.iter().any(|n| !agrees(&k, n, percent)) {
        return;
    }
    item.events = Some(k);
    item.span.1 = s.len() - close.len();
}

/// `1 (0.6%) TT versus 15 (8.6%) DO`, `345/2973 (11.6%) responded compared with 106/993
/// (10.7%) who were not offered`: two values a comparison joins are two groups', never both
/// the whole trial's; they are left without a group (kept, flagged, when a count has its
/// denominator).
fn untotal_compared(text: &Text, items: &mut [Item]) {
    let s = text.as_str();
    let joined: Vec<bool> = items
        .windows(2)
        .map(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            let total = |i: &Item| i.arm.as_deref() == Some("total");
            let gap = s.get(a.span.1..b.span.0).unwrap_or("(").to_ascii_lowercase();
            let compares = gap.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "vs" | "versus" | "compared"));
            total(a)
                && total(b)
                && compares
                && gap.split_whitespace().count() <= 6
                && !gap.contains(['(', ')', ';'])
                && text.sentence_index(a.span.0) == text.sentence_index(b.span.0)
        })
        .collect();
    for (at, joined) in joined.into_iter().enumerate() {
        if joined {
            items[at].arm = None;
            items[at + 1].arm = None;
        }
    }
}

/// `9 (37.5%) in SI and 7 (25.9%) in ES`, `55 [34%] of 161 died in the A group vs 38 (23%) of
/// 163 in the placebo group`: a value beside one its sentence gives a group is a group's too,
/// not the whole trial's. It takes the group its own words name (`in the A group`, before the
/// next item), else it is left without one (kept, flagged, when a count has its denominator).
/// Counts and rates read as the trial's (`508 deaths (248 in A ...)`, `overall response rate
/// was 69%`) keep `total`.
fn untotal_beside_named(arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut [Item]) {
    let s = text.as_str();
    let named: Vec<usize> = items
        .iter()
        .filter(|i| i.arm.as_deref().is_some_and(|arm| arm != "total"))
        .map(|i| text.sentence_index(i.span.0))
        .collect();
    let starts: Vec<usize> = items.iter().map(|i| i.span.0).collect();
    for (at, item) in items.iter_mut().enumerate() {
        let read_as_total = matches!(item.rule, "events.total_count" | "events.total_rate");
        if item.arm.as_deref() != Some("total") || read_as_total || !named.contains(&text.sentence_index(item.span.0)) {
            continue;
        }
        let (sentence_start, sentence_end) = text.sentence_at(item.span.0);
        let sentence_end = sentence_end.max(item.span.1);
        let end = starts.get(at + 1).copied().filter(|&next| next < sentence_end).unwrap_or(sentence_end);
        // `Overall, 14/40 (35%) died, with no difference between A (6/20) and ...`: the trial's.
        let lead = s[sentence_start..item.span.0].trim_end().trim_end_matches(',');
        // `92 of 119 (77.3%) had died: 39 of 60 in A and ...`: a total its groups' values break down.
        let gap = &s[item.span.1..end.max(item.span.1)];
        let broken_down = gap[..gap.find([';', '(']).unwrap_or(gap.len())].contains(':');
        let said_of_all =
            broken_down || ["overall", "in total", "a total of"].iter().any(|w| super::ends_with_lowercase(lead, w));
        let own = own_group(arms, known, s, item.span.1, end.max(item.span.1));
        if own.is_some() || !said_of_all {
            item.unresolved = own.is_none();
            item.arm = own;
        }
    }
}

/// The group the words `[from, to)` after an item name with `in` or `among` (`experienced
/// toxicity in arm A`, `eyes in group 2`): a label with a group noun or one of the record's arms.
fn own_group(arms: &ArmRules, known: &Known<'_>, s: &str, from: usize, to: usize) -> Option<String> {
    let words = s.get(from..to)?;
    words.match_indices(" in ").chain(words.match_indices(" among ")).find_map(|(at, lead)| {
        let mut start = from + at + lead.len();
        if s[start..].starts_with("the ") {
            start += "the ".len();
        }
        let label = arms.labels.after(s, start).filter(|l| l.span.1 <= to)?;
        let group = arms.labels.has_group_noun(&label.text) || is_known(known, &label);
        (group && !arms.labels.names_everyone(&label.text)).then_some(label.text)
    })
}

/// A count of those who completed the trial (`176 of 208 for control`) gives its group two
/// arm sizes: the completers and, when written, those randomized (`arm_size.completed`).
fn completer_sizes(item: Item) -> Vec<Finding> {
    let arm = item.arm.unwrap_or_else(|| "total".to_string());
    let span = (item.context_start.unwrap_or(item.span.0), item.span.1);
    [item.events, item.n]
        .into_iter()
        .flatten()
        .map(|n| Finding { row: super::arms::size_row(&arm, n, "arm_size.completed"), span })
        .collect()
}

/// `placebo 54.2%`, `Gla-100: 2.6%`: one of the record's arms written right before its
/// percentage (`arm_then_percent`), wherever the text names the arm as the record does.
fn read_arm_then_percent(rules: &EventRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    // Every match has a `%` after its arm, so arms are looked for only before the last `%`
    // (and the record's arms are not worked out for a text without one).
    let Some(last_percent) = memchr::memrchr(b'%', s.as_bytes()) else { return };
    let known: &[String] = known;
    for arm in known.iter().filter(|arm| arm.len() >= 3) {
        for item in arm_then_percent_items(rules, s, last_percent, arm) {
            items.push(item);
        }
    }
    // `(intervention 68.3%, control 69.8%)`: generic arm names, when two of them share a sentence.
    let mut generic: Vec<Item> = rules
        .generic_arms
        .iter()
        .filter(|arm| !known.contains(arm))
        .flat_map(|arm| arm_then_percent_items(rules, s, last_percent, arm))
        .collect();
    generic.sort_by_key(|item| item.span.0);
    for item in &generic {
        let sentence = text.sentence_at(item.span.0);
        let partners =
            generic.iter().filter(|other| text.sentence_at(other.span.0) == sentence && other.arm != item.arm).count();
        if partners >= 1 {
            items.push(item.clone());
        }
    }
}

/// `In the placebo group 12% of patients relapsed`, `In group B 7.5% patients had ...`
/// (`group_then_percent`): a clause opening with its group, then a percentage of people (`of`
/// or a participant noun after it, not `5% dextrose`).
fn read_group_then_percent(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for lead in rules.group_then_percent.find_iter(s) {
        // The percentage follows the group in its sentence: none there, nothing to read.
        let (_, to) = text.sentence_at(lead.end());
        if !s[lead.end()..to.max(lead.end())].contains('%') {
            continue;
        }
        let Some(label) = arms.labels.after(s, lead.end()) else { continue };
        let rest = &s[label.span.1..];
        let value = rest.trim_start();
        let value = value.strip_prefix(',').unwrap_or(value).trim_start();
        let Ok((tail, percent)) = decimal(value) else { continue };
        let Some(tail) = tail.trim_start().strip_prefix('%') else { continue };
        let next = tail.split_whitespace().next().unwrap_or("");
        if rest.len() == value.len() || !(next == "of" || arms.labels.is_participant(next)) {
            continue;
        }
        let named = arms.labels.has_group_noun(&label.text) || is_known(known, &label);
        if !named || arms.labels.names_everyone(&label.text) || !starts_with_letter(&label.text) {
            continue;
        }
        let start = label.span.1 + (rest.len() - value.len());
        let end = s.len() - tail.len();
        if (0.0..=100.0).contains(&percent.value) {
            let mut item = Item::new("events.percent_for", (start, end));
            item.percent = Some(percent);
            item.arm = Some(label.text);
            items.push(item);
        }
    }
}

/// `(duloxetine overall, 84.8%; duloxetine 40 mg, 84.7%; placebo, 73.7%)`, `onabotulinumtoxinA
/// 36.8% vs placebo 54.2%`: a list of groups each written before its percentage, read when one
/// of its groups is one of the record's arms or a generic arm name (`placebo`), so that the
/// list is one of groups and not of outcomes.
fn read_labelled_list(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    if s.bytes().filter(|&b| b == b'%').count() < 2 {
        return;
    }
    let mut found: Vec<(usize, Item)> = Vec::new();
    for caps in rules.labelled_percent.captures_iter(s) {
        let (Some(label), Some(p)) = (caps.name("label"), caps.name("p")) else { continue };
        let percent_end = p.end() + s[p.end()..].find('%').map_or(0, |i| i + 1);
        let after = s[percent_end..].trim_start().to_ascii_lowercase();
        let ends = after.is_empty()
            || after.starts_with([';', ')', ',', '.'])
            || after.starts_with("vs")
            || after.starts_with("versus");
        let name = label.as_str().trim_end_matches([',', ':']).trim();
        let lead = ["and ", "or ", "the "]
            .iter()
            .find(|w| name.len() > w.len() && name.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)));
        let name = lead.map_or(name, |w| &name[w.len()..]);
        if !ends || arms.outcomes.is_match(name) || arms.is_characteristic(name) || arms.labels.names_everyone(name) {
            continue;
        }
        if let Some(item) = Item::group_percent("events.percent_for", (label.start(), percent_end), p.as_str(), name) {
            found.push((text.sentence_index(label.start()), item));
        }
    }
    let is_group =
        |name: &str| known.names_arm(name) || rules.generic_arms.iter().any(|g| g.eq_ignore_ascii_case(name));
    for (sentence, item) in &found {
        let list: Vec<&Item> = found.iter().filter(|(other, _)| other == sentence).map(|(_, i)| i).collect();
        let anchored = list.iter().any(|i| i.arm.as_deref().is_some_and(is_group));
        if list.len() >= 2 && anchored && items.free(item.span) {
            items.push(item.clone());
        }
    }
}

/// Every `<arm> <p>%` of one arm name in `s`; `last_percent` is where the last `%` of `s` is.
fn arm_then_percent_items(rules: &EventRules, s: &str, last_percent: usize, arm: &str) -> Vec<Item> {
    let mut found = Vec::new();
    {
        // The same non-overlapping occurrences as `match_indices`, up to the last `%`.
        for at in memchr::memmem::find_iter(&s.as_bytes()[..last_percent], arm.as_bytes()) {
            let end = at + arm.len();
            let whole_word = !s[..at].ends_with(|c: char| c.is_alphanumeric())
                && !s[end..].starts_with(|c: char| c.is_alphanumeric() || c == '%');
            // The pattern's number comes right after the arm (past one `:`, `,`, `=` or `(`).
            let next = s[end..].trim_start();
            let next = next.strip_prefix([':', ',', '=', '(']).map_or(next, str::trim_start);
            if !next.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let Some(caps) = whole_word.then(|| rules.arm_then_percent.captures(&s[end..])).flatten() else {
                continue;
            };
            let Some(p) = caps.name("p") else { continue };
            let percent_end = end + p.end() + s[end + p.end()..].find('%').map_or(0, |i| i + 1);
            if let Some(item) = Item::group_percent("events.percent_for", (at, percent_end), p.as_str(), arm) {
                found.push(item);
            }
        }
    }
    found
}

/// Whether a label is an abbreviation the record defines as an outcome: `11.76% for ORR` after
/// `objective response rate (ORR)`.
fn names_an_outcome(arms: &ArmRules, s: &str, label: &str) -> bool {
    if !label.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
        return false;
    }
    s.match_indices(label).any(|(at, _)| {
        let bracketed = s[..at].ends_with('(') && s[at + label.len()..].starts_with([')', ',', ';']);
        // Only after an ASCII `(` is `at - 1` a character boundary.
        bracketed && s[..at - 1].split_whitespace().next_back().is_some_and(|w| arms.outcomes.is_match(w))
    })
}

/// `53 (12%) patients in this group`: the group is the record's arm named last before the item;
/// without one the item has no group.
fn resolve_this_group(arms: &ArmRules, s: &str, known: &Known<'_>, item: &mut Item) {
    let Some(arm) = item.arm.as_deref() else { return };
    let first = arm.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if !(matches!(first.as_str(), "this" | "that" | "these" | "those") && arms.labels.has_group_noun(arm)) {
        return;
    }
    let before = &s[..item.span.0];
    item.arm = known
        .iter()
        .filter_map(|k| before.rfind(k.as_str()).map(|at| (at, k)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, k)| k.clone());
}

/// Whether words start with a joiner (`and in the placebo group`) or a comparison (`than in the
/// placebo group`): they begin another item.
fn starts_with_joiner(words: &str) -> bool {
    let first = words.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(first.as_str(), "and" | "or" | "but" | "while" | "whereas" | "vs" | "vs." | "versus" | "than")
}

/// Whether the group ending at `end` is the first of a list its sentence gives `respectively`
/// (`5.5% and 5.3% of celecoxib and placebo recipients, respectively`): the pair takes it.
fn opens_respectively_list(text: &Text, end: usize) -> bool {
    let s = text.as_str();
    let (_, to) = text.sentence_at(end);
    let rest = &s[end..to.max(end)];
    let joined = rest.trim_start().starts_with([',', '/']) || rest.trim_start().starts_with("and ");
    joined && rest.contains("respectively")
}

/// Whether a label follows `with`, `for`, `between` or `and`: `with standard chemotherapy (64%)`.
fn preceded_by_preposition(s: &str, label: &Label) -> bool {
    let before = s[..label.span.0].trim_end().to_ascii_lowercase();
    [" with", " for", " between", " and", " than", " vs", " versus", " in"].iter().any(|w| before.ends_with(w))
}

fn starts_with_letter(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphabetic)
}

/// `5 mg risedronate`: a label opening with a dose at `from`, which the label reader takes for
/// a count of things (`3 doses`).
fn dose_label(arms: &ArmRules, s: &str, from: usize) -> Option<Label> {
    let head = s.get(from..)?;
    if !starts_with_dose(head) {
        return None;
    }
    let mut words = head.split_whitespace();
    let unit = words.nth(1)?;
    let unit_end = from + head.find(unit)? + unit.len();
    let rest = arms.labels.after(s, unit_end)?;
    Some(Label { text: s[from..rest.span.1].to_string(), span: (from, rest.span.1) })
}

/// Whether a group's name opens with its dose: `5 mg risedronate`, `0.5 mL placebo`.
fn starts_with_dose(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(amount), Some(unit)) = (words.next(), words.next()) else { return false };
    let units = ["mg", "g", "µg", "μg", "mcg", "ml", "mL", "IU", "mg/kg", "μg/kg", "µg/kg"];
    amount.parse::<f64>().is_ok() && units.contains(&unit) && words.next().is_some_and(starts_with_letter)
}

/// Whether the words before a count show it is a day, a grade, an age or a bound.
fn not_a_count_before(before: &str) -> bool {
    // The tests below read at most the last seven bytes, or all of a shorter text.
    let lower = super::tail(before.trim_end(), 16).to_ascii_lowercase();
    lower.ends_with(['<', '>', '=', '/', '-', '±'])
        || [
            "day", "days", "week", "weeks", "month", "months", "year", "years", "grade", "phase", "stage", "aged",
            "age", "cycle", "cycles", "visit", "dose", "than", "least", "up to", "n",
        ]
        .iter()
        .any(|w| lower.strip_suffix(w).is_some_and(|rest| rest.is_empty() || rest.ends_with(' ')))
}

/// Whether a count is the second of a pair (`four versus one wound infections in the drain versus
/// no-drain groups`), whose groups follow as a pair, not as one group.
fn second_of_count_pair(before: &str) -> bool {
    let lower = super::tail(before.trim_end(), 16).to_ascii_lowercase();
    let Some(rest) = ["versus", "vs.", "vs"].iter().find_map(|w| lower.strip_suffix(w)) else { return false };
    rest.ends_with(' ') && rest.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

/// Counts matched by `pattern` (group `e`, and `p` for a percentage when the pattern has one),
/// unless the words before make them something else or the denominator of another count.
fn read_counts(pattern: &Regex, rule: &'static str, text: &Text, items: &mut Items) {
    let s = text.as_str();
    for caps in pattern.captures_iter(s) {
        let (Some(whole), Some(e)) = (caps.get(0), caps.name("e")) else { continue };
        let (from, _) = text.sentence_at(e.start());
        if not_a_count_before(&s[from..e.start()]) || is_denominator_before(&s[from..e.start()]) {
            continue;
        }
        // `Group 2 patients required more analgesics`: the number names the group.
        let before = s[from..e.start()].trim_end().to_ascii_lowercase();
        if e.len() <= 2 && ["group", "arm", "cohort"].iter().any(|noun| before.ends_with(noun)) {
            continue;
        }
        let mut item = Item::new(rule, (e.start(), whole.end()));
        item.events = read_count(e.as_str());
        item.percent = caps.name("p").and_then(|p| read_percent(p.as_str()));
        items.push(item);
    }
}

/// Whether the words before a count make it the denominator of another.
fn is_denominator_before(before: &str) -> bool {
    // The tests below read at most the last seven bytes, or all of a shorter text.
    let lower = super::tail(before.trim_end(), 16).to_ascii_lowercase();
    lower.ends_with(" of") || lower.ends_with(" of the") || lower == "of" || lower == "of the"
}

/// `59% (178 of 302)`, `39 of 60 (65.0%)`, `48 [17%] of 276`, `2/74 [2.7 %]`.
fn read_of_n(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, live: &Live<'_>, s: &str, items: &mut Items) {
    read_percent_of_n(rules, live, s, items);
    let of_n = live.has("of_n").then(|| rules.of_n.captures_iter(s));
    let shapes =
        of_n.into_iter().flatten().chain(rules.slash.captures_iter(s)).chain(rules.bracketed_slash.captures_iter(s));
    for caps in shapes {
        let (Some(whole), Some(e), Some(n)) = (caps.get(0), caps.name("e"), caps.name("n")) else { continue };
        // `control group (3/15)`: a bracket holding only the count and its denominator states
        // a proportion as plainly as a percentage does.
        let bracketed = caps.name("bracket").is_some();
        if not_a_count_before(&s[..e.start()]) {
            continue;
        }
        let written_percent =
            ["p", "p1", "p2"].iter().find_map(|g| caps.name(g)).and_then(|p| decimal(p.as_str()).ok().map(|(_, n)| n));
        let mut percent = written_percent.clone().filter(|p| (0.0..=100.0).contains(&p.value));
        let mut item = Item::new("events.of_n_percent", (whole.start(), whole.end()));
        item.events = read_count(e.as_str());
        item.n = read_count(n.as_str());
        let (Some(events), Some(denominator)) = (&item.events, &item.n) else { continue };
        let after = &s[whole.end()..];
        let next_word = after.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
        // The written shape `39 of 60 (75.0%)` is unambiguous: a percentage that disagrees is
        // kept for validation to flag (events.percent_mismatch), not read some other way. So is
        // an impossible `45 of 40 (112.5%)` or `45 of 40 patients`: it is kept for validation
        // to flag (events.exceed_n), never dropped as if the text had not said it.
        if !consistent(events, denominator, None) {
            let stated = written_percent.as_ref().is_some_and(|p| agrees(events, denominator, p))
                || arms.labels.is_participant(next_word);
            if denominator.value <= 0.0 || events.value <= denominator.value || !stated {
                continue;
            }
            percent = written_percent;
        }
        // Without a percentage, the denominator must be of participants or lead to a group.
        if arms.is_non_participant(next_word) {
            continue;
        }
        // `3 of 41 placebo recipients (7%, 2-20)`: the group named before a participant noun.
        if !bracketed && !rules.label_lead.is_match(after) {
            if let Some(tail) = named_participants(rules, arms, known, s, whole.end()) {
                let agrees = |p: &Num| consistent(events, denominator, Some(p));
                if let Some(written) = tail.percent.filter(|p| percent.is_none() && agrees(p)) {
                    percent = Some(written);
                }
                item.span.1 = tail.end;
                item.arm = tail.group;
                item.percent = percent;
                items.push(item);
                continue;
            }
        }
        if percent.is_none()
            && !bracketed
            && !arms.labels.is_participant(next_word)
            && !rules.label_lead.is_match(after)
        {
            continue;
        }
        item.percent = percent;
        if bracketed {
            // The group is named right before the bracket, or the bracket is no proportion of
            // a group (`48.7% of enrollees (459/943) completed`).
            let group = arms
                .labels
                .before(s, whole.start())
                .filter(|label| arms.labels.has_group_noun(&label.text) || is_known(known, label));
            let Some(group) = group else { continue };
            item.arm = Some(group.text);
        }
        items.push(item);
    }
}

/// `59% (178 of 302)`, `(3%; 1 of 37)`: a percentage, then its count and denominator.
fn read_percent_of_n(rules: &EventRules, live: &Live<'_>, s: &str, items: &mut Items) {
    let percent_of_n = live.has("percent_of_n").then(|| rules.percent_of_n.captures_iter(s));
    for caps in percent_of_n.into_iter().flatten() {
        let (Some(whole), Some(p), Some(e), Some(n)) = (caps.get(0), caps.name("p"), caps.name("e"), caps.name("n"))
        else {
            continue;
        };
        // `87.2% (567/650, 95% CI 84.4% to 89.6%)`: the item runs to the end of its bracket.
        let end = if whole.as_str().ends_with(|c: char| c.is_alphabetic() || matches!(c, '=' | '<' | '>')) {
            s[whole.end()..].find([')', ']']).map_or(whole.end(), |close| whole.end() + close + 1)
        } else {
            whole.end()
        };
        let mut item = Item::new("events.of_n_percent", (whole.start(), end));
        item.events = read_count(e.as_str());
        item.n = read_count(n.as_str());
        item.percent = read_percent(p.as_str());
        if let (Some(events), Some(n)) = (&item.events, &item.n) {
            if consistent(events, n, item.percent.as_ref()) {
                items.push(item);
            }
        }
    }
}

/// Participants named after a denominator: `placebo recipients`, `UC patients (40%)`.
struct NamedParticipants {
    /// The group named before the participant noun, when the words name one (`placebo`).
    group: Option<String>,
    /// The percentage in the bracket after the noun.
    percent: Option<Num>,
    /// Where the noun, or its bracket, ends.
    end: usize,
}

/// The participants named after a denominator ending at `at` (`of 41 placebo recipients`), by
/// one to three words and a participant noun (`of_n_participants`): the words name a group when
/// they are one of the record's arms or a generic arm (a treatment, `erythromycin-treated
/// women`, is read as the label after the item); else they describe the sample (`10 UC
/// patients`) and the group must be written right after (`in the 4000 IU group`). No word may
/// end a label (`of citrate-treated`, `were women`).
fn named_participants(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    at: usize,
) -> Option<NamedParticipants> {
    let caps = rules.of_n_participants.captures(&s[at..])?;
    let (whole, words) = (caps.get(0)?, caps.name("words")?);
    let name = words.as_str().trim();
    if name.split_whitespace().any(|w| arms.labels.is_participant(w) || arms.labels.is_boundary(w)) {
        return None;
    }
    let percent = caps.name("p").and_then(|p| read_percent(p.as_str()));
    let end = at + whole.end();
    // `in the 4000 IU group` names the group, not `were randomized to ...` (an allocation).
    let lead = rules.label_lead.captures(&s[end..]).and_then(|c| c.name("lead"));
    if lead.is_some_and(|l| matches!(l.as_str().to_ascii_lowercase().as_str(), "in" | "among")) {
        return Some(NamedParticipants { group: None, percent, end });
    }
    // `placebo-treated women` is read as the label after the item.
    if arms.labels.names_treatment(name) {
        return None;
    }
    let names_group = known.names_arm(name) || rules.generic_arms.iter().any(|g| g.eq_ignore_ascii_case(name));
    (names_group && !arms.outcomes.is_match(name)).then(|| NamedParticipants {
        group: Some(name.to_string()),
        percent,
        end,
    })
}

/// `45% vs 30%`, `45 vs. 35%`, `43 and 24%, respectively`: two items side by side.
fn read_percent_pairs(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, s: &str, text: &Text, items: &mut Items) {
    for caps in rules.percent_pair.captures(text) {
        let (Some(whole), Some(p1), Some(p2), Some(conn)) = (
            caps.get(0),
            caps.name("p1").or_else(|| caps.name("z1")),
            caps.name("p2").or_else(|| caps.name("zero")),
            caps.name("conn").or_else(|| caps.name("conn_dot")).or_else(|| caps.name("zconn")),
        ) else {
            continue;
        };
        // `CMV (8% vs. 0)`: a zero needs no percent sign after a percentage (`z1`, `zero`).
        let zero = caps.name("zero").is_some();
        let has_pc = zero || caps.name("pc").is_some();
        let whole_end = if zero { p2.end() } else { whole.end() };
        let before = s[..p1.start()].trim_end();
        let conn = conn.as_str().to_ascii_lowercase();
        let versus = conn.starts_with('v');
        // `0.21 vs. 0.64%/year`: the unit after the second value makes both values rates.
        if before.ends_with(['-', '±', '/', '<', '>', '='])
            || versus && in_longer_chain(before, &s[whole_end..])
            || rules.per_unit_after.is_match(&s[whole_end..])
        {
            continue;
        }
        let (from, to) = text.sentence_at(p1.start());
        let respectively = s[from..to].to_ascii_lowercase().contains("respectively");
        let groups_after = pair_after(rules, arms, known, s, whole_end);
        if (conn == "and" || conn == "or") && !respectively && groups_after.is_none() {
            continue;
        }
        if !has_pc && conn != "and" && !s[p2.end()..].trim_start().starts_with('%') {
            continue;
        }
        let (Some(first), Some(second)) = (read_percent(p1.as_str()), read_percent(p2.as_str())) else { continue };
        let mut a = Item::new("events.percent_pair", (p1.start(), p1.end() + usize::from(has_pc)));
        a.percent = Some(first);
        let mut b = Item::new("events.percent_pair", (p2.start(), whole_end));
        b.percent = Some(second);
        if let Some((first_group, second_group)) = groups_after {
            b.span.1 = second_group.span.1;
            a.arm = Some(first_group.text);
            b.arm = Some(second_group.text);
        }
        if items.free(a.span) && items.free(b.span) {
            items.push(a);
            items.push(b);
        }
    }
}

/// Whether a `vs` pair is two members of a longer `vs` chain (`29 vs. 20 vs. 23%`), whose
/// groups a pair cannot tell.
fn in_longer_chain(before: &str, after: &str) -> bool {
    let before = before.to_ascii_lowercase();
    let after = after.trim_start().to_ascii_lowercase();
    ["vs", "vs.", "versus"].iter().any(|w| before.ends_with(w))
        || ["vs", "versus"].iter().any(|w| {
            after
                .strip_prefix(w)
                .is_some_and(|rest| rest.trim_start_matches('.').trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
}

/// Whether the value at `value_start`, with its group ending at `label_end`, is one of a list
/// of values each with its group: `7.4% in the III, 5.4% in the IGI, and 1% in the MI`.
fn in_group_list(rules: &EventRules, arms: &ArmRules, s: &str, value_start: usize, label: &Label) -> bool {
    // `in codon 12`, `with anxiety`: a numbered or characteristic label names no group.
    let plain = !label.text.chars().any(|c| c.is_ascii_digit())
        && label.text.split_whitespace().count() <= 3
        && !arms.is_characteristic(&label.text)
        && !arms.outcomes.is_match(&label.text);
    let lead = s[value_start..label.span.0].split_whitespace().any(|w| w == "in");
    plain
        && lead
        && (rules.group_list_next.is_match(&s[label.span.1..]) || rules.group_list_previous.is_match(&s[..value_start]))
}

/// `The cure rate was 100% in both treatment groups`, `one fracture occurred in each group`:
/// one value said of every arm, one row per arm of the record (two for `both`).
fn read_each_group(rules: &EventRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    // Only the sentences that say `each group` or `both arms` are searched.
    let mut sentences: Vec<(usize, usize)> =
        rules.each_group_phrase.find_iter(s).map(|m| text.sentence_at(m.start())).collect();
    sentences.dedup();
    let found = sentences.into_iter().flat_map(|(from, to)| {
        let mut at = from;
        std::iter::from_fn(move || {
            let caps = rules.each_group.captures_at(&s[..to], at)?;
            at = caps.get(0)?.end().max(at + 1);
            Some(((from, to), caps))
        })
    });
    for ((from, to), caps) in found {
        let Some(whole) = caps.get(0) else { continue };
        let both = caps.name("both").is_some();
        if known.len() < 2 || both && known.len() != 2 {
            continue;
        }
        let start = caps.name("p").or_else(|| caps.name("e")).map_or(whole.start(), |m| m.start());
        // `FEV-1 and PEFR`, `IL-6`, `p < 0.05`: a number inside a name or a decimal is no count;
        // `from day 3 in both groups`: a day.
        if s[..start].ends_with(|c: char| !(c.is_whitespace() || c == '(')) && start > 0
            || caps.name("e").is_some() && not_a_count_before(&s[..start])
        {
            continue;
        }
        let (percent, events) = match (caps.name("p"), caps.name("e")) {
            (Some(p), _) => (read_percent(p.as_str()), None),
            // A count needs an outcome in its sentence: `13 patients in each group` may be sizes.
            (None, Some(e))
                if rules.each_group_outcome.is_match(&s[from..to]) && !names_a_time(&s[e.end()..whole.end()]) =>
            {
                (None, read_count(e.as_str()))
            }
            _ => continue,
        };
        if percent.is_none() && events.is_none() {
            continue;
        }
        for arm in known.iter() {
            let mut item = Item::new("events.each_group", (start, whole.end()));
            item.percent = percent.clone();
            item.events = events.clone();
            item.arm = Some(arm.clone());
            if items.items.iter().any(|i| i.span.0 < whole.end() && start < i.span.1 && i.rule != item.rule) {
                break;
            }
            items.items.push(item);
        }
    }
}

/// Whether the words after a count make it a duration (`8 months for both groups`).
fn names_a_time(words: &str) -> bool {
    words.split_whitespace().any(|w| time_unit(&w.to_ascii_lowercase()).is_ok_and(|(rest, _)| rest.is_empty()))
}

/// `10.2%, 9.7% and 6.7%, respectively`, `33.1%, 44.4% (p = 0.059) and 55.1% in A, B and C`:
/// three or more percentages in a row, each given to the group at its place in the list of
/// groups after them, else to the record's arm at that place when the sentence says
/// `respectively` and names as many arms as values.
fn read_percent_lists(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut Items) {
    let s = text.as_str();
    let percents: Vec<(usize, usize)> = rules.percent.find_iter(s).map(|m| (m.start(), m.end())).collect();
    let mut first = 0;
    while first < percents.len() {
        let mut list = vec![percents[first]];
        let mut at = first;
        // The next value of the list follows the joint, after any aside in brackets (`97.8%
        // (95% CI 87.8-99.8%), 100% ...`), whose own percentages are no values of the list.
        while let Some(next) = percents[at + 1..].iter().position(|p| p.0 >= aside_end(s, percents[at].1)) {
            let next = at + 1 + next;
            let gap = &s[percents[at].1..percents[next].0];
            if !rules.list_joint.is_match(gap) || text.sentence_at(percents[at].0) != text.sentence_at(percents[next].0)
            {
                break;
            }
            list.push(percents[next]);
            at = next;
        }
        if list.len() >= 3 {
            push_percent_list(rules, arms, known, text, &list, items);
        }
        first = at + 1;
    }
}

/// Whether the aside after a percentage shows a change of a continuous measure: a standard
/// error or deviation (`(SE 0.05, p = 0.74)`) or an interval reaching below zero.
fn continuous_aside(aside: &str) -> bool {
    let bytes = aside.as_bytes();
    aside.contains("SE")
        || aside.contains("SD")
        || aside.contains('±')
        || aside.contains('−')
        || bytes.windows(2).enumerate().any(|(i, w)| {
            w[0] == b'-' && w[1].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit() && bytes[i - 1] != b'%')
        })
}

/// Where an aside in brackets right after `end` closes (`97.8% (95% CI 87.8-99.8%)`), else `end`.
fn aside_end(s: &str, end: usize) -> usize {
    let rest = &s[end..];
    let trimmed = rest.trim_start();
    if !trimmed.starts_with(['(', '[']) {
        return end;
    }
    let open = end + rest.len() - trimmed.len();
    s[open..].find([')', ']']).map_or(end, |close| open + close + 1)
}

fn push_percent_list(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    text: &Text,
    list: &[(usize, usize)],
    items: &mut Items,
) {
    let s = text.as_str();
    let (from, to) = text.sentence_at(list[0].0);
    let before = &s[from..list[0].0];
    if before.trim_end().ends_with(['-', '±', '/', '<', '>', '=']) {
        return;
    }
    let end = list[list.len() - 1].1;
    // The record's arms in order only for a plain list (no `vs`) in a sentence that names no
    // group: a sentence naming its groups may name them in another order.
    // The joint after any aside: `(95% confidence interval ...)` holds a `v` but no `vs`.
    let plain = list.windows(2).all(|w| !s[aside_end(s, w[0].1).min(w[1].0)..w[1].0].contains('v'));
    let sentence = &s[from..to];
    let names_groups = names_a_group(arms, known, sentence);
    let respectively = s[end..to].contains("respectively");
    let groups = groups_after(rules, arms, known, s, end, list.len())
        .or_else(|| respectively.then(|| groups_before_list(rules, arms, known, s, (from, list[0].0), list.len()))?)
        .or_else(|| {
            // `..., 14.8% in the brief advice group and 10.5% in the control group. ... the rates
            // were 10.2%, 9.7% and 6.7%, respectively`: the groups the last sentence naming
            // groups names, among the three before.
            let index = text.sentence_index(from);
            let previous = (index.saturating_sub(3)..index)
                .rev()
                .filter_map(|i| text.sentences.get(i))
                .map(|&sentence| groups_named(arms, s, sentence))
                .find(|groups| !groups.is_empty())?;
            (respectively && plain && !names_groups && previous.len() == list.len()).then_some(previous)
        })
        .map(|groups| (groups, false))
        .or_else(|| {
            (respectively && plain && !names_groups && known.len() == list.len()).then(|| (known.to_vec(), true))
        });
    let Some((groups, by_record_order)) = groups else { return };
    let mut kept = Vec::new();
    for (&(start, stop), group) in list.iter().zip(groups) {
        let Some(percent) = read_percent(s[start..stop].trim_end_matches(|c: char| c == '%' || c.is_whitespace()))
        else {
            return;
        };
        let mut item = Item::new("events.percent_list", (start, stop));
        item.percent = Some(percent);
        item.arm = Some(group);
        item.by_record_order = by_record_order;
        kept.push(item);
    }
    if kept.iter().all(|item| items.free(item.span)) {
        for item in kept {
            items.push(item);
        }
    }
}

/// `The cure rates in the low dose, high dose and quinine groups were 97.8%, 100% and 100%,
/// respectively`: the `k` groups listed after the last lead word (`in`, `of`, `among`, `for`)
/// before the copula that opens a list of values, in the stretch `(from, to)`.
fn groups_before_list(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    (from, to): (usize, usize),
    k: usize,
) -> Option<Vec<String>> {
    let head = &s[from..to];
    let copula = rules.list_copula.find(head)?;
    let lead = rules.group_lead.find_iter(&head[..copula.start()]).last()?;
    let (start, end) = (from + lead.end(), from + copula.start());
    let named = groups_named(arms, s, (start, end));
    let groups = if named.len() == k { named } else { arm_local::listed_groups(&s[start..end]) };
    let is_group = |g: &String| arms.labels.has_group_noun(g) || known.iter().any(|k| group_key(k) == group_key(g));
    (groups.len() == k && groups.iter().any(is_group) && !groups.iter().any(|g| arms.outcomes.is_match(g)))
        .then_some(groups)
}

/// The groups a sentence names with a group noun, in order, each once: `14.8% in the brief
/// advice group and 10.5% in the control group` names `brief advice group`, `control group`.
fn groups_named(arms: &ArmRules, s: &str, (from, to): (usize, usize)) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    let lower = s[from..to].to_ascii_lowercase();
    for (at, noun) in lower.match_indices(" group").chain(lower.match_indices(" arm")) {
        let end = from + at + noun.len();
        if s[end..].starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let Some(label) = arms.labels.before(s, end).filter(|l| l.span.0 >= from) else { continue };
        if arms.labels.has_group_noun(&label.text) && !groups.iter().any(|g| group_key(g) == group_key(&label.text)) {
            groups.push(label.text);
        }
    }
    groups
}

/// `in the A, B and C groups`, `for A, B, and C`: the `k` groups listed after a list of values.
fn groups_after(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    end: usize,
    k: usize,
) -> Option<Vec<String>> {
    let rest = &s[end..];
    let aside = rest.trim_start().starts_with(['(', '[']).then(|| rest.find([')', ']'])).flatten().map_or(0, |p| p + 1);
    let lead = rules.pair_lead.find(&s[end + aside..])?;
    let mut from = end + aside + lead.end();
    let mut groups = Vec::new();
    while groups.len() < k {
        let label = arms.labels.after(s, from)?;
        let named = arms.labels.has_group_noun(&label.text) || is_known(known, &label);
        if !starts_with_letter(&label.text) || arms.labels.names_everyone(&label.text) {
            return None;
        }
        groups.push((label.text.clone(), named));
        let tail = &s[label.span.1..];
        let trimmed = tail.trim_start_matches([',', ' ']);
        let trimmed =
            ["and ", "or ", "vs. ", "vs ", "versus "].iter().find_map(|j| trimmed.strip_prefix(j)).unwrap_or(trimmed);
        let trimmed = ["the ", "in ", "for ", "with "].iter().find_map(|j| trimmed.strip_prefix(j)).unwrap_or(trimmed);
        if groups.len() < k && trimmed.len() == tail.len() {
            return None;
        }
        from = label.span.1 + (tail.len() - trimmed.len());
    }
    // `in A, B and C groups`: the group noun of the last names them all.
    let groups: Vec<String> =
        groups.iter().any(|(_, named)| *named).then(|| groups.into_iter().map(|(g, _)| g).collect())?;
    // `in groups C, B, and D`: the plural noun of the first names each identifier.
    Some(match arm_local::plural_noun_naming_ids(&groups[0]) {
        Some(noun) => groups
            .iter()
            .map(|g| {
                let id = g.split_once(' ').map_or(g.as_str(), |(_, id)| id);
                if id.len() <= 3 {
                    format!("{noun} {id}")
                } else {
                    g.clone()
                }
            })
            .collect(),
        None => groups,
    })
}

/// What `in_scope` asks of a whole sentence, each read at most once per sentence: the items
/// come sorted, so those of one sentence follow each other.
#[derive(Default)]
struct SentenceTests<'s> {
    span: (usize, usize),
    /// A design sentence that is no sensitivity analysis.
    design: Option<bool>,
    /// The sentence with its changes measured from baseline (`from_baseline`) blanked out: what
    /// the baseline tests read.
    changes_cleared: Option<Cow<'s, str>>,
    /// The sentence holds `baseline` in any case.
    says_baseline: Option<bool>,
    baseline_word: Option<bool>,
    baseline: Option<bool>,
}

impl SentenceTests<'_> {
    /// Forgets what was read of another sentence.
    fn at(&mut self, span: (usize, usize)) -> &mut Self {
        if self.span != span {
            *self = SentenceTests { span, ..SentenceTests::default() };
        }
        self
    }
}

/// Leaves out design sentences, baseline characteristics, changes of continuous measures,
/// confidence levels and landmark rates (a percentage alone at a time point).
fn in_scope<'s>(
    rules: &EventRules,
    arms: &ArmRules,
    text: &'s Text,
    item: &Item,
    tests: &mut SentenceTests<'s>,
) -> bool {
    let s = text.as_str();
    let (from, to) = text.sentence_at(item.span.0);
    let sentence = &s[from..to];
    let tests = tests.at((from, to));
    if *tests.design.get_or_insert_with(|| rules.design.is_match(sentence) && !sensitivity_analysis(rules, sentence)) {
        return false;
    }
    // Counts keep to sentences of outcomes, unless the sentence says it is about baseline.
    // `change from baseline` measures a change, and says nothing of the groups at baseline.
    let cleared: &str = tests.changes_cleared.get_or_insert_with(|| rules.from_baseline.replace_all(sentence, " "));
    let counted = matches!(item.rule, "events.count_in_arm" | "events.total_count")
        && !*tests.says_baseline.get_or_insert_with(|| cleared.to_ascii_lowercase().contains("baseline"));
    // An outcome said after the item, or right before it in a sentence that does not speak of
    // baseline (`delivery occurred in 15 (13%) of 115 ... women`), makes it no baseline
    // characteristic.
    let outcome_said = arms.outcomes.is_match(&s[item.span.1..to.max(item.span.1)])
        || (outcome_in_before(arms, &s[from..item.span.0])
            && !*tests.baseline_word.get_or_insert_with(|| rules.baseline_word.is_match(cleared)));
    if !counted && *tests.baseline.get_or_insert_with(|| rules.baseline.is_match(cleared)) && !outcome_said {
        return false;
    }
    // `the target HbA1c < 7.0% with X`: a threshold, not a share of a group; `8.9 ± 2.2% in
    // group I`: a standard deviation.
    let before = s[..item.span.0].trim_end();
    if before.ends_with(['<', '>', '±']) {
        return false;
    }
    // `in less than 1% of women`, `up to 98%`: a bound, not a value.
    let bound = ["less than", "more than", "fewer than", "greater than", "lower than", "higher than", "up to"];
    let opens_with_number = s[item.span.0..].starts_with(|c: char| c.is_ascii_digit());
    if item.events.is_none() && opens_with_number && bound.iter().any(|b| super::ends_with_lowercase(before, b)) {
        return false;
    }
    if rules.per_unit_after.is_match(&s[item.span.1..]) {
        return false;
    }
    // `Concordance between the tests was 71.6%`: the value's clause measures no outcome share.
    let clause_before = &s[from..item.span.0.max(from)];
    let clause_before = &clause_before[clause_before.rfind([';', ':']).map_or(0, |c| c + 1)..];
    if rules.not_a_share.is_match(clause_before) {
        return false;
    }
    if item.completed {
        return item.events.is_some();
    }
    if item.percent.is_some() {
        let percent_end = s[item.span.0..item.span.1].find('%').map_or(item.span.1, |p| item.span.0 + p + 1);
        if rules.ci.is_match(&s[percent_end..]) {
            return false;
        }
    }
    if item.events.is_none() {
        let before = &s[from..item.span.0];
        if is_change_size(rules, before) {
            return false;
        }
        let clause = &before[before.rfind([';', ':']).map_or(0, |p| p + 1)..];
        // `After a median follow-up of 14 months, 69% ...`: the time of follow-up is no measure.
        let measured = rules.continuous.find_iter(clause).any(|m| !is_follow_up_time(&clause[m.start()..]));
        if measured && !rules.responder.is_match(clause) {
            return false;
        }
        // A percentage alone at a time point of a time-to-event endpoint is a landmark rate.
        if rules.landmark.is_match(before) && rules.time_to_event.is_match(before) {
            return false;
        }
    }
    true
}

/// Whether the percentage after `before` (its sentence up to it) is the size of a change of a
/// continuous measure (`GPx decreased 12%`), not a share of people; a later item of a list
/// whose first item follows its change word directly takes that word (`… 12% in A and 9.6% in
/// B`).
fn is_change_size(rules: &EventRules, before: &str) -> bool {
    let mut list_start = before.len();
    // An item and its joint fit in 80 bytes: the search looks no further back.
    let near = |end: usize| crate::normalise::floor_boundary(before, end.saturating_sub(80));
    while let Some(earlier) = rules.change_list_item.find(&before[near(list_start)..list_start]) {
        list_start = near(list_start) + earlier.start();
    }
    if list_start < before.len() && !rules.direct_change.is_match(&before[near(list_start)..list_start]) {
        list_start = before.len();
    }
    let window = &before[crate::normalise::floor_boundary(before, list_start.saturating_sub(40))..list_start];
    // `reduction by ≥2: A 36.8% vs B 54.2%`: a threshold makes the rates shares of responders.
    rules.change.is_match(window) && !rules.by_people.is_match(window) && !rules.threshold.is_match(window)
}

/// Whether the clause before an item says an outcome of counts: an outcome word, `in` and a
/// number (`occurred in 15 (13%) of 115 A-treated and` before the second item of a pair).
fn outcome_in_before(arms: &ArmRules, before: &str) -> bool {
    let clause = &before[before.rfind([';', ':']).map_or(0, |p| p + 1)..];
    clause.match_indices(" in ").any(|(at, _)| {
        // The item itself follows the end of `before`.
        let after = &clause[at + 4..];
        let number_after = after.is_empty() || after.starts_with(|c: char| c.is_ascii_digit());
        let last_word = clause[..at].rsplit(' ').next().unwrap_or("");
        number_after && arms.outcomes.is_match(last_word)
    })
}

/// Whether an item's clause is about staying in the trial (`22 of the 27 subjects completed the
/// study`, `retention rates were 85% and 84%`): who stayed are the trial's analysed sizes
/// (GUIDE.md's settled calls), not an outcome. An outcome said right after the item is its own
/// (`10 (67%) completed the study and only one (7%) withdrew`).
fn completes_trial(rules: &EventRules, arms: &ArmRules, text: &Text, item: &Item) -> bool {
    let s = text.as_str();
    let (from, to) = text.sentence_at(item.span.0);
    let to = to.max(item.span.1);
    // The clause: between the separators `;` and `, ` (not the comma of `1,098`).
    let separator = |at: usize| s[at + 1..].starts_with(' ');
    let clause_from = s[from..item.span.0]
        .rmatch_indices([';', ','])
        .find(|&(p, _)| separator(from + p))
        .map_or(from, |(p, _)| from + p + 1);
    let clause_to = s[item.span.1..to]
        .match_indices([';', ','])
        .find(|&(p, _)| separator(item.span.1 + p))
        .map_or(to, |(p, _)| item.span.1 + p);
    let said_after: String = s[item.span.1..].split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    // `19 of 70 (27%) patients who completed the trial had a relapse`: a relative clause only
    // says whom the denominator counts.
    let clause = &s[clause_from..clause_to];
    let staying = rules.completion.find_iter(clause).any(|m| {
        let word_before = clause[..m.start()].trim_end().rsplit(' ').next().unwrap_or("");
        !["who", "that", "which"].iter().any(|pronoun| word_before.eq_ignore_ascii_case(pronoun))
    });
    staying && !arms.outcomes.is_match(&said_after)
}

/// Whether words opening with `median` or `mean` name the time of follow-up (`median
/// follow-up of 14 months`), not a measure.
fn is_follow_up_time(words: &str) -> bool {
    let mut words = words.split_whitespace().map(str::to_ascii_lowercase);
    matches!(words.next().as_deref(), Some("median" | "mean")) && words.next().is_some_and(|w| w.starts_with("follow"))
}

/// Whether a sentence whose only words of a design are `assumed`/`assuming` reports p-values:
/// a sensitivity analysis of results (`if we assumed non-completers had not responded
/// (response rates 70% versus 38%; p < 0.001)`), not a sample-size assumption.
fn sensitivity_analysis(rules: &EventRules, sentence: &str) -> bool {
    let only_assumed = rules.design.find_iter(sentence).all(|m| m.as_str().to_ascii_lowercase().starts_with("assum"));
    // A p-value starting a word: `p < 0.001`, `P = .049`.
    let reports_p = sentence.char_indices().any(|(at, c)| {
        matches!(c, 'p' | 'P')
            && !sentence[..at].ends_with(|b: char| b.is_alphanumeric())
            && p_value(&sentence[at..]).is_ok_and(|(_, p)| matches!(p.op, "<" | "=" | "<="))
    });
    only_assumed && reports_p
}

/// The record's arms, read the first time an item needs them (most records have no items).
pub(super) struct Known<'a> {
    arms: OnceCell<Vec<String>>,
    /// The [`group_key`] of each arm, made the first time a phrase is compared with them.
    keys: OnceCell<Vec<String>>,
    rules: &'a ArmRules,
    s: &'a str,
    arm_sizes: &'a [Finding],
}

impl<'a> Known<'a> {
    /// The arms of the record `s` whose arm-size rows are `arm_sizes`, not read yet.
    pub(super) fn new(rules: &'a ArmRules, s: &'a str, arm_sizes: &'a [Finding]) -> Self {
        Known { arms: OnceCell::new(), keys: OnceCell::new(), rules, s, arm_sizes }
    }

    /// Whether a phrase names one of the record's arms (`glargine`, `individual support`)
    /// rather than an outcome ([`names_known_group`](super::arm_label::names_known_group)).
    pub(super) fn names_arm(&self, phrase: &str) -> bool {
        names_group_keyed(self.keys.get_or_init(|| self.iter().map(|arm| group_key(arm)).collect()), phrase)
    }
}

impl std::ops::Deref for Known<'_> {
    type Target = [String];

    fn deref(&self) -> &[String] {
        self.arms.get_or_init(|| known_arms(self.rules, self.s, self.arm_sizes))
    }
}

/// The record's arms: the groups of its arm-size rows, else the groups it names with a group noun.
fn known_arms(arms: &ArmRules, s: &str, arm_sizes: &[Finding]) -> Vec<String> {
    let mut seen = KeySet::default();
    let mut known = Vec::new();
    let mut sized: Vec<&Finding> = arm_sizes.iter().collect();
    sized.sort_by_key(|f| f.span.0);
    for finding in sized {
        let Some(arm) = finding.row.arm.as_deref().filter(|a| *a != "total" && !a.starts_with("group ")) else {
            continue;
        };
        if seen.insert(group_key(arm)) {
            known.push(arm.to_string());
        }
    }
    if known.len() < 2 {
        if let Some((first, second)) = super::series::allocated_pair(&arms.labels, s) {
            return vec![first, second];
        }
        for label in super::arms::record_groups(arms, s) {
            if seen.insert(group_key(&label.text)) {
                known.push(label.text);
            }
        }
    }
    known
}

fn is_known(known: &Known<'_>, label: &Label) -> bool {
    known.names_arm(&label.text)
}

/// Gives every item its group, in passes over the items in order of position. A pass names
/// only items still without a group, so an earlier pass wins, except where said:
/// 0. `assign_of_the_group`: counts after `Of the 48 patients given aspirin,` are of that group
///    and size;
/// 1. `assign_everyone`: a count of the trial's size, or followed by an outcome of everyone, is `total`;
/// 2. `assign_labels_after`: the label written after the item (`in the placebo group`); a label
///    after a weak lead (`in the intervention`) is kept for pass 5;
/// 3. `assign_opening_or_bracket`: the group a clause opening the sentence names (`In the X
///    group, ...`), else the group before the item's bracket (`placebo (14 [0.2%])`); a
///    bracket after the second group of a comparison is kept for pass 4;
/// 4. `assign_compared_pairs`: those pairs (`higher in A than in B (98.2% versus 86.7%)`) take
///    the group before the comparison word (over an opening clause's group) and the group before
///    the bracket;
/// 5. `assign_weak_labels`: a weak label stands, over a group from passes 3 and 4, when an item
///    of its sentence has a group;
/// 6. `assign_runs`: items side by side (`45% vs 30%`) take the pair the sentence compares, else
///    the record's arms; a list of response counts shares the group after its last item;
/// 7. `assign_whole_trial`: an item in a sentence about everyone, or in a record of one group,
///    is `total`.
fn assign_groups(
    rules: &EventRules,
    arms: &ArmRules,
    text: &Text,
    known: &Known<'_>,
    totals: &[f64],
    items: &mut [Item],
) {
    let s = text.as_str();
    assign_of_the_group(rules, arms, text, items);
    assign_everyone(rules, s, totals, items);
    let weak = assign_labels_after(rules, arms, known, text, items);
    assign_labels_before(rules, arms, known, text, items);
    let compared_pairs = assign_opening_or_bracket(rules, arms, known, text, items);
    assign_compared_pairs(arms, known, text, compared_pairs, items);
    assign_weak_labels(text, weak, items);
    assign_runs(rules, arms, known, text, items);
    assign_whole_trial(rules, known, text, items);
}

/// `Of the 48 patients given aspirin, 12 died`: the counts of a sentence that opens with a
/// group and its size (`of_the_group`) are of that group, out of that size.
fn assign_of_the_group(rules: &EventRules, arms: &ArmRules, text: &Text, items: &mut [Item]) {
    let s = text.as_str();
    for item in items.iter_mut().filter(|i| i.arm.is_none() && i.n.is_none() && i.events.is_some()) {
        let (from, _) = text.sentence_at(item.span.0);
        let Some(caps) = rules.of_the_group.captures(&s[from..item.span.0]) else { continue };
        let (Some(whole), Some(n)) = (caps.get(0), caps.name("n").and_then(|n| read_count(n.as_str()))) else {
            continue;
        };
        let Some(label) = arms.labels.after(s, from + whole.end()) else { continue };
        let closes = s[label.span.1..item.span.0].trim_start().starts_with(',');
        if closes
            && !arms.labels.names_everyone(&label.text)
            && item.events.as_ref().is_some_and(|e| e.value <= n.value)
        {
            item.arm = Some(label.text);
            item.context_start = Some(from + whole.start());
            // `17 pharmacies (50%)` of 37: a percentage of another denominator keeps its own.
            let agrees = item.events.as_ref().is_some_and(|e| consistent(e, &n, item.percent.as_ref()));
            if item.percent.is_none() || agrees {
                item.n = Some(n);
            }
        }
    }
}

/// `92 of 119 (77.3%) patients had died`, with 119 the trial's size (`totals`), or a count
/// followed by an outcome of everyone: `total`.
fn assign_everyone(rules: &EventRules, s: &str, totals: &[f64], items: &mut [Item]) {
    for item in items.iter_mut().filter(|i| i.arm.is_none()) {
        let of_everyone = item.n.as_ref().is_some_and(|n| totals.contains(&n.value));
        if of_everyone || rules.everyone_outcome.is_match(&s[item.span.1..]) {
            item.arm = Some("total".to_string());
        }
    }
}

/// The label written after each item (`in the placebo group`, `deaths in the X group`) when
/// its lead is strong or it names a group; returns, per item, the label after a weak lead
/// (`in the intervention`), kept for a second look (`assign_weak_labels`).
fn assign_labels_after(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    text: &Text,
    items: &mut [Item],
) -> Vec<Option<Label>> {
    let s = text.as_str();
    let mut weak: Vec<Option<Label>> = vec![None; items.len()];
    let mut everyone: Vec<Option<Label>> = vec![None; items.len()];
    for (index, item) in items.iter_mut().enumerate().filter(|(_, i)| i.arm.is_none()) {
        let Some((label, lead_word)) = label_after_item(rules, arms, s, item.span.1) else { continue };
        if names_an_outcome(arms, s, &label.text) && !is_known(known, &label) {
            continue;
        }
        // `... of patients in arms A, B, and C, respectively`: the first of a list of groups
        // named by one plural noun.
        let plural_noun = label
            .text
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "arms" | "groups" | "cohorts"));
        if plural_noun && opens_respectively_list(text, label.span.1) {
            continue;
        }
        // `17 (12%) vs. 29 (21%) in the aspirin and placebo groups`: two groups after an item
        // are the pair of the run it ends, not its own group.
        let pair_ends_clause = pair_after(rules, arms, known, s, item.span.1).is_some_and(|(first, second)| {
            let rest = s[second.span.1..].trim_start();
            !arms.labels.names_everyone(&first.text)
                && !arms.labels.names_everyone(&second.text)
                && (rest.is_empty() || rest.starts_with([',', '.', ';', ')', ']']) || rest.starts_with("respectively"))
        });
        if pair_ends_clause {
            continue;
        }
        if let Some(group) = group_of_participants(rules, arms, known, &label) {
            item.span.1 = label.span.1;
            item.arm = Some(group);
            continue;
        }
        if arms.labels.names_everyone(&label.text) {
            everyone[index] = Some(label.clone());
            if matches!(lead_word.as_deref(), Some("of") | Some("among")) || item.rule == "events.total_count" {
                item.arm = Some("total".to_string());
            }
            continue;
        }
        if !(starts_with_letter(&label.text) || arms.labels.has_group_noun(&label.text)) {
            continue;
        }
        let strong = match lead_word.as_deref() {
            None => true,
            Some(word) => {
                matches!(word, "for" | "with" | "receiving" | "taking" | "given") || word.starts_with("treated")
            }
        };
        let named = arms.labels.has_group_noun(&label.text) || arms.labels.names_treatment(&label.text);
        if strong || named || is_known(known, &label) {
            item.span.1 = label.span.1;
            item.arm = Some(label.text);
        } else if lead_word.as_deref() == Some("in") {
            weak[index] = Some(label);
        }
    }
    assign_parallel_participants(arms, text, &everyone, items);
    weak
}

/// `46/216 (21%) in T facilities versus 47/350 (13%) in T&P facilities`: labels of one sentence
/// that end in the same participant noun after different words name two groups, not everyone.
fn assign_parallel_participants(arms: &ArmRules, text: &Text, everyone: &[Option<Label>], items: &mut [Item]) {
    // Only a participant noun: `ITT analysis` and `PP analysis` are analyses of the same groups.
    let noun = |label: &Label| {
        let (words, noun) = label.text.rsplit_once(' ')?;
        arms.labels.is_participant(noun).then(|| (group_key(words), noun.to_ascii_lowercase()))
    };
    let parallel: Vec<bool> = everyone
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let Some((words, last)) = label.as_ref().and_then(noun) else { return false };
            let sentence = text.sentence_index(items[i].span.0);
            !words.is_empty()
                && !arms.is_characteristic(&words)
                && everyone.iter().enumerate().any(|(j, other)| {
                    j != i
                        && text.sentence_index(items[j].span.0) == sentence
                        && other.as_ref().and_then(noun).is_some_and(|(w, l)| l == last && !w.is_empty() && w != words)
                })
        })
        .collect();
    for ((item, label), parallel) in items.iter_mut().zip(everyone).zip(parallel) {
        if let Some(label) = label.as_ref().filter(|_| parallel) {
            item.span.1 = item.span.1.max(label.span.1);
            item.arm = Some(label.text.clone());
        }
    }
}

/// `of the controls`, `of brodalumab subjects`, `in placebo patients`: a comparator (`comparator`)
/// or one of the record's arms, alone or before a participant noun, names that group, not everyone.
fn group_of_participants(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, label: &Label) -> Option<String> {
    let group = match label.text.rsplit_once(' ') {
        Some((rest, last)) if arms.labels.is_participant(last) => rest,
        _ => label.text.as_str(),
    };
    let comparator = rules.comparator.is_match(&group.to_ascii_lowercase());
    let named = comparator || (group != label.text && starts_with_letter(group) && known.names_arm(group));
    named.then(|| group.to_string())
}

/// `group B 86.8% (59/68)`, `(low dose, 8/44 [18.2%], placebo, 1/44 [2.3%])`: a count with
/// its denominator takes the group written right before it, as one of a list (after a
/// bracket, a comma, a semicolon, a colon or the sentence's start), when that names a group
/// (a group noun, a treatment, a comparator or one of the record's arms) and no outcome.
fn assign_labels_before(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut [Item]) {
    let s = text.as_str();
    for item in items.iter_mut().filter(|i| i.arm.is_none() && i.events.is_some() && i.n.is_some()) {
        let (from, _) = text.sentence_at(item.span.0);
        let before = s[from..item.span.0].trim_end();
        let before = before.strip_suffix([',', ':']).unwrap_or(before).trim_end();
        let start = before.rfind(['(', '[', ',', ';', ':']).map_or(0, |p| p + 1);
        let rest = before[start..].trim_start();
        let joined = ["and ", "or "].iter().find_map(|j| rest.strip_prefix(j)).unwrap_or(rest);
        let Some(label) = arms.labels.after(s, from + before.len() - joined.len()) else { continue };
        if label.span.1 != from + before.len() || label.text.split_whitespace().count() > 4 {
            continue;
        }
        let named = arms.labels.has_group_noun(&label.text)
            || arms.labels.names_treatment(&label.text)
            || rules.comparator.is_match(&label.text.to_ascii_lowercase())
            || is_known(known, &label);
        if named
            && starts_with_letter(&label.text)
            && !arms.labels.names_everyone(&label.text)
            && !arms.outcomes.is_match(&label.text)
        {
            item.arm = Some(label.text);
        }
    }
}

/// The label written after an item ending at `end`, with the lead word before it: after a
/// lead (`in the placebo group`), after a word or two of an outcome (`deaths in the X group`),
/// or a label naming a treatment right after (`of 105 placebo-treated women`).
fn label_after_item(rules: &EventRules, arms: &ArmRules, s: &str, end: usize) -> Option<(Label, Option<String>)> {
    let after = &s[end..];
    let mut read = rules.label_lead.captures(after).and_then(|lead| {
        let whole = lead.get(0)?;
        let label = arms.labels.after(s, end + whole.end())?;
        let lead_word = lead.name("lead").map(|m| m.as_str().to_ascii_lowercase());
        // `dogs with stable disease`: after a participant noun, `with` names a state.
        if lead.name("who").is_some() && lead_word.as_deref() == Some("with") {
            return None;
        }
        Some((label, lead_word))
    });
    if read.is_none() {
        // `101 [9%] deaths in the tranexamic acid group`.
        read = rules.outcome_lead.find(after).filter(|lead| !starts_with_joiner(lead.as_str())).and_then(|lead| {
            let label = arms.labels.after(s, end + lead.end())?;
            Some((label, Some("in".to_string())))
        });
    }
    if read.is_none() {
        // `18 (17%) of 105 placebo-treated women`: a label naming a treatment, right after.
        read = arms.labels.after(s, end).filter(|l| arms.labels.names_treatment(&l.text)).map(|l| (l, None));
    }
    read
}

/// The group a clause opening the item's sentence names, else the group before the item's
/// bracket; returns the pairs in brackets after the second group of a comparison: (index of
/// the first item, the group before the bracket, where the comparison word stands).
fn assign_opening_or_bracket(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    text: &Text,
    items: &mut [Item],
) -> Vec<(usize, Label, usize)> {
    let s = text.as_str();
    // Items side by side with another (`(4.5% vs 0.7%`) take no group from before the bracket.
    let in_run: Vec<bool> = (0..items.len())
        .map(|i| {
            (i > 0 && side_by_side(s, text, &items[i - 1], &items[i]))
                || (i + 1 < items.len() && side_by_side(s, text, &items[i], &items[i + 1]))
        })
        .collect();
    // `With misoprostol, more women delivered (57.5% vs. 32.5%)`: the two values of a comparison
    // are two groups', so the group opening the sentence is not both items'; the run's groups
    // (`assign_runs`) put it first.
    let compared: Vec<bool> = (0..items.len())
        .map(|i| {
            (i > 0 && compared_side_by_side(s, text, &items[i - 1], &items[i]))
                || (i + 1 < items.len() && compared_side_by_side(s, text, &items[i], &items[i + 1]))
        })
        .collect();
    let mut compared_pairs: Vec<(usize, Label, usize)> = Vec::new();
    for (index, (item, in_run)) in items.iter_mut().zip(in_run).enumerate().filter(|(_, (i, _))| i.arm.is_none()) {
        let (from, _) = text.sentence_at(item.span.0);
        let opening = (!compared[index]).then(|| opening_group(rules, arms, known, s, from, item.span.0)).flatten();
        let bracketed = bracket_group(rules, arms, known, s, from, item.span.0);
        // `in the X arm compared with the Y arm (4.5% vs 0.7%`: before a bracket holding a pair,
        // the group written second in a comparison is not the first item's.
        let bracketed = bracketed.filter(|l| {
            let lead = &s[from..l.span.0];
            let lower = lead.to_ascii_lowercase();
            // `compared with patients in the placebo group (`, `non-inferior to MMF (`, `as opposed
            // to the Bolus group (`: the group after a comparison word is the pair's second.
            // Not a comparison of numbers before it: `lasted less than 7 days in the X group (`.
            let tail = lower.rsplit(|c: char| c.is_ascii_digit()).next().unwrap_or_default();
            let lead_words: Vec<&str> = tail.split_whitespace().rev().take(6).collect();
            let compared = lead_words.iter().any(|w| {
                matches!(
                    *w,
                    "than" | "versus" | "vs" | "vs." | "compared" | "comparison" | "over" | "opposed" | "between"
                ) || w.ends_with("inferior")
                    || w.ends_with("superior")
            });
            // `similar with A and B (75% vs 85%)`: the group right before the bracket is the second
            // the sentence lists, so not the first item's; the run's groups take the list in order.
            let listed_second = [" and", " or", " and the", " or the"].iter().any(|j| lower.trim_end().ends_with(j));
            if in_run && listed_second {
                return false;
            }
            if in_run && compared {
                let word_at = ["than", "versus", "vs", "compared", "in comparison", "over", "as opposed", "inferior"]
                    .iter()
                    .filter_map(|w| lower.rfind(&format!(" {w} ")))
                    .max()
                    .map_or(l.span.0, |at| from + at);
                compared_pairs.push((index, l.clone(), word_at));
            }
            !(in_run && compared)
        });
        let subject = || (!in_run).then(|| subject_group(rules, arms, known, s, from, item.span.0)).flatten();
        if let Some(label) = opening.or(bracketed).or_else(subject) {
            item.arm = Some(label.text);
        }
    }
    compared_pairs
}

/// `In the mitoxantrone group, there were 2 (8%) partial responses`, `In comparison, for the
/// PC + D arm, there were 3 PR`: the group named by the last clause of the sentence before `at`
/// (`from` is the sentence's start) that ends in a comma.
fn opening_group(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    from: usize,
    at: usize,
) -> Option<Label> {
    let opening = rules.sentence_group.find_iter(&s[from..at]).filter_map(|lead| {
        let label = arms.labels.after(s, from + lead.end())?;
        let comma = s[label.span.1..].trim_start().starts_with(',') && label.span.1 <= at;
        (comma && (arms.labels.has_group_noun(&label.text) || is_known(known, &label))).then_some(label)
    });
    opening.last()
}

/// `Mortality in the surgery group was 50% (20/40)`: the group of the phrase that ends with
/// a copula right before the value at `at` (`subject_copula`), in the sentence from `from`.
fn subject_group(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    from: usize,
    at: usize,
) -> Option<Label> {
    let lead = rules.group_lead.find_iter(&s[from..at]).last()?;
    let label = arms.labels.after(s, from + lead.end())?;
    let named = arms.labels.has_group_noun(&label.text) || is_known(known, &label);
    // `In the eradication group 13% (20/152) and in the placebo group 79%`: with no copula, the
    // group phrase must open the sentence or follow `and`.
    let gap = s.get(label.span.1..at).unwrap_or("x");
    let opens = {
        let lead_before = s[from..from + lead.start()].trim_end().to_ascii_lowercase();
        lead_before.is_empty() || lead_before.ends_with(" and") || lead_before.ends_with(':')
    };
    let copula = rules.subject_copula.is_match(gap) || opens && gap.trim().is_empty();
    (copula && named && !arms.labels.names_everyone(&label.text) && !arms.outcomes.is_match(&label.text))
        .then_some(label)
}

/// `dalteparin-treated patients (2/74 [2.7 %])`, `placebo (14 [0.2%])`, `control clusters
/// (53.3%; 2707/5079)`: the group right before the bracket that opens at `at`, in the sentence
/// starting at `from`; a generic arm name needs no group noun unless it follows `the` (`liked
/// the intervention (22/25)` names no group).
fn bracket_group(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    from: usize,
    at: usize,
) -> Option<Label> {
    let bracketed = s[..at].trim_end().ends_with(['(', '[']).then(|| {
        arms.labels.before(s, at).or_else(|| {
            // Over a participant noun: `dalteparin-treated patients (`.
            let head = s[..at].trim_end().trim_end_matches(['(', '[']).trim_end();
            let noun = head.rsplit(' ').next()?;
            arms.labels.is_participant(noun).then(|| arms.labels.before(s, head.len() - noun.len()))?
        })
    });
    let bracketed = bracketed.flatten().map(|mut l| {
        // `dalteparin-treated` names the group `dalteparin`.
        if let Some(name) = l.text.strip_suffix("-treated") {
            l.text = name.to_string();
        }
        l
    });
    bracketed.filter(|l| {
        l.span.0 >= from
            && (arms.labels.has_group_noun(&l.text)
                || is_known(known, l)
                || (names_generic_arm(rules, arms, &l.text)
                    && !super::ends_with_lowercase(s[..l.span.0].trim_end(), " the"))
                || s[l.span.0..l.span.1].ends_with("-treated"))
            && !arms.outcomes.is_match(&l.text)
    })
}

/// Whether a label is a generic arm name (`control`), or one before a participant noun
/// (`control clusters`).
fn names_generic_arm(rules: &EventRules, arms: &ArmRules, label: &str) -> bool {
    let name = match label.rsplit_once(' ') {
        Some((name, noun)) if arms.labels.is_participant(noun) => name,
        _ => label,
    };
    rules.generic_arms.iter().any(|g| g.eq_ignore_ascii_case(name))
}

/// `higher in group A than in group B (98.2% versus 86.7%)`: the first item of each pair
/// (`assign_opening_or_bracket`) takes the group written before the comparison word, the second
/// the group before the bracket.
fn assign_compared_pairs(
    arms: &ArmRules,
    known: &Known<'_>,
    text: &Text,
    compared_pairs: Vec<(usize, Label, usize)>,
    items: &mut [Item],
) {
    let s = text.as_str();
    for (index, second, word_at) in compared_pairs {
        let (from, _) = text.sentence_at(items[index].span.0);
        let Some(first) = group_before(arms, known, s, from, word_at) else { continue };
        if group_key(&first) == group_key(&second.text) || index + 1 >= items.len() {
            continue;
        }
        if side_by_side(s, text, &items[index], &items[index + 1]) && items[index + 1].arm.is_none() {
            items[index].arm = Some(first);
            items[index + 1].arm = Some(second.text);
        }
    }
}

/// A weak label stands when another item of its sentence has a group: `11 of 110 in the
/// intervention and 18 of 113 in the control group`.
fn assign_weak_labels(text: &Text, weak: Vec<Option<Label>>, items: &mut [Item]) {
    let labelled: KeySet<usize> =
        items.iter().filter(|i| i.arm.is_some()).map(|i| text.sentence_index(i.span.0)).collect();
    for (item, label) in items.iter_mut().zip(weak) {
        if let Some(label) = label.filter(|_| labelled.contains(&text.sentence_index(item.span.0))) {
            item.span.1 = label.span.1;
            item.arm = Some(label.text);
        }
    }
}

/// Items side by side in one sentence: `45% vs 30%`, `39 (65%) and 53 (90%), respectively`. A
/// list of response counts shares the group after its last item (`share_list_group`); the
/// items of a run still without a group take the groups `run_groups` finds, in order.
fn assign_runs(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, text: &Text, items: &mut [Item]) {
    let s = text.as_str();
    // Read only when a pair of items needs it.
    let record_pair: OnceCell<Option<Vec<String>>> = OnceCell::new();
    let mut index = 0;
    while index < items.len() {
        let mut end = index + 1;
        while end < items.len() && side_by_side(s, text, &items[end - 1], &items[end]) {
            end += 1;
        }
        let run = end - index;
        share_list_group(arms, known, s, &mut items[index..end]);
        if run >= 2 && items[index..end].iter().any(|i| i.arm.is_none()) {
            if let Some((groups, by_record_order)) =
                run_groups(rules, arms, known, text, items, (index, end), &record_pair)
            {
                let groups = other_of_pair(s, text, &items[index..end], groups);
                for (item, group) in items[index..end].iter_mut().zip(groups) {
                    if item.arm.is_none() {
                        item.arm = Some(group);
                        item.by_record_order = by_record_order;
                    }
                }
            }
        }
        index = end;
    }
}

/// The groups of a compared pair (`31% vs 12%`) whose one item has its group already: the
/// other item takes the other group of the pair, whichever place the pair gives it, since
/// one group cannot hold both values of a comparison.
fn other_of_pair(s: &str, text: &Text, run: &[Item], mut groups: Vec<String>) -> Vec<String> {
    let ([a, b], [first, second]) = (run, groups.as_slice()) else { return groups };
    if !compared_side_by_side(s, text, a, b) {
        return groups;
    }
    let (arm, free) = match (&a.arm, &b.arm) {
        (Some(arm), None) => (arm, 1),
        (None, Some(arm)) => (arm, 0),
        _ => return groups,
    };
    let key = group_key(arm);
    let other = if group_key(first) == key {
        second.clone()
    } else if group_key(second) == key {
        first.clone()
    } else {
        return groups;
    };
    groups[free] = other;
    groups
}

/// `two PR, seven SD and three PD in the PC arm`: a list of response counts shares the group
/// written after its last item.
fn share_list_group(arms: &ArmRules, known: &Known<'_>, s: &str, list: &mut [Item]) {
    let run = list.len();
    if run >= 2
        && list.iter().all(|i| i.rule == "events.response_count")
        && list[..run - 1].iter().all(|i| i.arm.is_none())
    {
        let arm = list[run - 1].arm.clone().or_else(|| clause_end_group(arms, known, s, list[run - 1].span.1));
        if let Some(arm) = arm.filter(|a| a != "total") {
            for item in list.iter_mut() {
                item.arm = Some(arm.clone());
            }
        }
    }
}

/// The groups of the run `items[index..end]`, in order: for a pair (or pairs in a row), the pair
/// named after it, the groups already given in its sentence, the pair its sentence or the one
/// before compares; else the record's arms when as many, or paired; else the pair labelled
/// items before it name; else, for two items, the first pair the record compares (`record_pair`).
/// The flag says the groups come from the record's order of arms, not from the text around.
fn run_groups(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    text: &Text,
    items: &[Item],
    (index, end): (usize, usize),
    record_pair: &OnceCell<Option<Vec<String>>>,
) -> Option<(Vec<String>, bool)> {
    let s = text.as_str();
    let run = end - index;
    let sentence = text.sentence_at(items[index].span.0);
    let sentence_index = text.sentence_index(items[index].span.0);
    // Groups already given to items of the same sentence, in order: `(48 of 276
    // allocated mEOC+P vs 29 of 266 allocated EOC), rash (29 [11%] vs 2 [1%])`.
    let mut named: Vec<String> = Vec::new();
    for other in items.iter().filter(|i| text.sentence_index(i.span.0) == sentence_index) {
        if let Some(arm) = other.arm.as_ref().filter(|a| *a != "total") {
            if !named.iter().any(|n| group_key(n) == group_key(arm)) {
                named.push(arm.clone());
            }
        }
    }
    // The words of the sentence before the run, which may name one group of a pair from elsewhere.
    let before = s.get(sentence.0..items[index].span.0).unwrap_or_default();
    // `(4.5% vs 0.7%, 3.0% vs 0%, respectively)`: pairs in a row, each of the two groups.
    let paired = run == 2 || run % 2 == 0 && in_pairs(s, &items[index..end]);
    let pair: Option<Vec<String>> = if paired {
        pair_after(rules, arms, known, s, items[end - 1].span.1)
            .map(|(a, b)| vec![a.text, b.text])
            .or_else(|| (named.len() == 2).then(|| named.clone()))
            .or_else(|| {
                let (a, b) = arms.labels.compared_pair(s, sentence)?;
                compares_groups(rules, arms, known, s, (&a, &b), items[index].span.0).then(|| vec![a.text, b.text])
            })
            .or_else(|| {
                // The pair the previous sentence compares.
                let previous = text.sentences.get(sentence_index.checked_sub(1)?)?;
                compared_without_digits(arms, s, *previous)
                    .map(|pair| named_first(&s[sentence.0..items[index].span.0], pair))
            })
    } else {
        None
    };
    let cycle = |groups: &[String]| groups.iter().cycle().take(run).cloned().collect::<Vec<String>>();
    // `10 (50%), 12 (60%) and 15 (75%) patients in groups C, B, and D, respectively`.
    let listed = || (run >= 3).then(|| groups_after(rules, arms, known, s, items[end - 1].span.1, run)).flatten();
    let after = s.get(items[end - 1].span.1..sentence.1).unwrap_or_default();
    // From the last value's start: a reader may have taken the list's words as its label.
    let times = lists_times(s.get(items[end - 1].span.0..sentence.1).unwrap_or_default());
    // `in the intervention group increased from 7.5% to 24% and 43.3% one month and three
    // months after, respectively`: values listed by time are all of the group named before.
    if times {
        return group_before(arms, known, s, sentence.0, items[index].span.0).map(|group| (vec![group; run], false));
    }
    let ordered = |pair: Vec<String>| named_first_or_after(before, after, pair);
    pair.map(|pair| (cycle(&pair), false))
        .or_else(|| listed().map(|groups| (groups, false)))
        .or_else(|| (known.len() == run && !times).then(|| (ordered(known.to_vec()), true)))
        .or_else(|| (paired && known.len() == 2 && !times).then(|| (cycle(&ordered(known.to_vec())), true)))
        .or_else(|| {
            let pair = named_first(before, labelled_pair(arms, &items[..index]));
            (paired && pair.len() == 2).then(|| (cycle(&pair), false))
        })
        .or_else(|| {
            let first =
                (run == 2).then(|| record_pair.get_or_init(|| first_compared_pair(arms, text)).clone()).flatten();
            first.filter(|pair| !times && names_nearby(text, sentence_index, pair)).map(|pair| (ordered(pair), true))
        })
}

/// Whether a pair the sentence compares names groups, not measures: `serum potassium
/// concentration than spironolactone` compares a measure; two labels joined by `and` or `or`
/// before the values (`Participation and adherence were 96% and 95%, respectively`) may be the
/// measures the values are of, and name groups only with a group noun, as the record's arms, or
/// by a code (`S10 and T14 were`); after the values (`for the telephone and mail surveys,
/// respectively`) they are the values' groups.
fn compares_groups(
    rules: &EventRules,
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    (a, b): (&Label, &Label),
    values_start: usize,
) -> bool {
    let measure = |label: &Label| rules.continuous.is_match(&label.text) || rules.not_a_share.is_match(&label.text);
    if measure(a) || measure(b) {
        return false;
    }
    let joint = s.get(a.span.1..b.span.0).unwrap_or("").trim().to_ascii_lowercase();
    let group =
        |label: &Label| arms.labels.has_group_noun(&label.text) || is_known(known, label) || is_code(&label.text);
    !matches!(joint.as_str(), "and" | "or") || b.span.1 > values_start || group(a) && group(b)
}

/// Whether a label opens with a code of capitals and digits: `S10`, `XEC`, `T adjuvant`.
fn is_code(label: &str) -> bool {
    label.split_whitespace().next().is_some_and(|word| {
        word.chars().any(|c| c.is_ascii_uppercase())
            && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '+' | '-' | '/'))
    })
}

/// Whether the list a `respectively` closes after a run names times, not groups: `86% and 84%
/// in years 1 and 4, respectively`, `7.2% and 11.2% for the two periods respectively`; not `at
/// week 104 in the A and B groups, respectively`.
fn lists_times(after: &str) -> bool {
    let lower = after.to_ascii_lowercase();
    lower.find("respectively").is_some_and(|at| {
        let words: Vec<&str> = lower[..at].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let list = &words[words.len().saturating_sub(6)..];
        let time = |w: &&str| {
            matches!(
                *w,
                "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days" | "period" | "periods"
            )
        };
        let group = |w: &&str| matches!(*w, "group" | "groups" | "arm" | "arms" | "cohort" | "cohorts");
        // A list: `years 1 and 4`, `the two periods` (read `the 2 periods`); not `completed 24
        // weeks of treatment`.
        let listed = list.iter().any(|w| matches!(*w, "and" | "both"))
            || list.windows(2).any(|pair| pair[0] == "the" && pair[1].bytes().all(|b| b.is_ascii_digit()));
        listed && list.iter().any(time) && !list.iter().any(group)
    })
}

/// The words of `text` in lower case, split as labels are (`+` stays inside a word), each with a
/// space on both sides, so that ` key ` finds a whole run of words: `" in the a+b group "`.
fn spaced_words(text: &str) -> String {
    let words =
        super::lowercase_words(text.split(|c: char| !c.is_alphanumeric() && c != '+').filter(|w| !w.is_empty()));
    format!(" {words} ")
}

/// Whether the sentence `sentence_index` or the one before names one of `groups`: the pair a
/// record compares elsewhere stands for a run's groups only then (`lower failure rate (1
/// (2.1%) versus 15 (31.3%))` is no comparison of `anxiolysis` and `immobility`, read far away).
fn names_nearby(text: &Text, sentence_index: usize, groups: &[String]) -> bool {
    let s = text.as_str();
    let from = text.sentences.get(sentence_index.saturating_sub(1)).map_or(0, |previous| previous.0);
    let to = text.sentences.get(sentence_index).map_or(s.len(), |sentence| sentence.1);
    let words = spaced_words(s.get(from..to).unwrap_or_default());
    // A group's own word will do: `cautery` names `intraluminal cautery`, `SAL/FP` names
    // `stable-dose SAL/FP`; words any group may have (`dose`, `therapy`) do not.
    let generic = ["dose", "doses", "therapy", "treatment", "care", "standard", "usual", "plus", "alone", "only"];
    groups.iter().any(|group| {
        group_key(group).split(' ').any(|w| w.len() >= 3 && !generic.contains(&w) && words.contains(&format!(" {w} ")))
    })
}

/// [`named_first`], or when the words before the run name neither group, the words after it in
/// its sentence: `The total number of complications (46 vs. 99) ... were smaller in the GDFR
/// group` gives 46 to the GDFR group.
fn named_first_or_after(before: &str, after: &str, pair: Vec<String>) -> Vec<String> {
    let named = |text: &str| {
        let text = spaced_words(text);
        pair.iter().any(|group| {
            let key = group_key(group);
            !key.is_empty() && text.contains(&format!(" {key} "))
        })
    };
    if pair.len() == 2 && !named(before) && named(after) {
        named_first(after, pair)
    } else {
        named_first(before, pair)
    }
}

/// A pair of groups from elsewhere, reordered when the words before a run of values name one of
/// them only: `an advantage for hydrotherapy (response rates 70% versus 38%)` gives the first
/// value to hydrotherapy whichever order the pair was written in before.
fn named_first(before: &str, mut pair: Vec<String>) -> Vec<String> {
    if pair.len() != 2 {
        return pair;
    }
    let words = spaced_words(before);
    let named = |group: &String| {
        let key = group_key(group);
        !key.is_empty() && words.contains(&format!(" {key} "))
    };
    // `higher with A than with B [49.5% vs 18.2%]`: a comparison orders them itself.
    let compares = [" than ", " compared ", " versus ", " vs "].iter().filter_map(|w| words.rfind(w)).max();
    match compares {
        None if named(&pair[1]) && !named(&pair[0]) => pair.swap(0, 1),
        Some(at) if compared_second(&words[..at], &words[at..], &pair) => pair.swap(0, 1),
        _ => {}
    }
    pair
}

/// Whether a comparison names the first of `pair` after its comparison word (`more likely than
/// controls`) or the second before it (`the double dose was better than ...`), and not the other
/// way round: then the values after it are the second group's first. Groups are told apart by
/// their own words of four letters or more (`double` of `double dose`, not the shared `dose`),
/// a word of the text matching when one starts with the other (`controls`, `control`).
fn compared_second(subject: &str, object: &str, pair: &[String]) -> bool {
    let keys: Vec<String> = pair.iter().map(|g| group_key(g)).collect();
    let own = |i: usize| -> Vec<&str> {
        keys[i].split(' ').filter(|w| w.len() >= 4 && !keys[1 - i].split(' ').any(|o| o == *w)).collect()
    };
    // `group A`, `Group II`: a group told apart only by a short name is mentioned whole.
    let whole: Vec<String> = pair.iter().map(|g| spaced_words(g).trim().to_string()).collect();
    let mentions = |part: &str, i: usize| {
        let own = own(i);
        part.split(' ').filter(|w| w.len() >= 4).any(|w| own.iter().any(|o| w.starts_with(o) || o.starts_with(w)))
            || own.is_empty() && !whole[i].is_empty() && format!(" {part} ").contains(&format!(" {} ", whole[i]))
    };
    let (first_before, second_before) = (mentions(subject, 0), mentions(subject, 1));
    let (first_after, second_after) = (mentions(object, 0), mentions(object, 1));
    // Neither named on the wrong side, and one named on its own side.
    !first_before && !second_after && (first_after || second_before)
}

/// Whole-trial counts: an unlabelled item in a sentence about everyone, or in a record of one group.
fn assign_whole_trial(rules: &EventRules, known: &Known<'_>, text: &Text, items: &mut [Item]) {
    let s = text.as_str();
    for item in items.iter_mut().filter(|i| i.arm.is_none()) {
        let (from, to) = text.sentence_at(item.span.0);
        if item.rule.ends_with("_pair") || s[from..to].to_ascii_lowercase().contains("respectively") {
            continue;
        }
        let before = &s[from..item.span.0];
        let single = known.is_empty() && (item.events.is_some() || item.n.is_some());
        let says_all = rules.whole_trial.is_match(before);
        if item.rule == "events.total_count" || single || says_all && says_everyone(rules, before) {
            item.arm = Some("total".to_string());
        } else if says_all {
            // `of patients` of an earlier value only: a group's value whose group is unnamed.
            item.unresolved = true;
        }
    }
}

/// Whether the sentence before an item says it is about everyone (`whole_trial`); `of patients`
/// right after an earlier value (`66% (41/62) of patients in A, 49% (27/55) ...`) is that
/// value's, not the item's.
fn says_everyone(rules: &EventRules, before: &str) -> bool {
    rules.whole_trial.find_iter(before).any(|m| {
        let of_earlier_value = m.as_str().get(..3).is_some_and(|w| w.eq_ignore_ascii_case("of "))
            && before[..m.start()].trim_end().ends_with(|c: char| c.is_ascii_digit() || matches!(c, ')' | ']' | '%'));
        !of_earlier_value
    })
}

/// The groups the labelled items before a run name, in order: `between DA (71%) and DClo (66%)`
/// names the pair of later unlabelled pairs when they are two.
fn labelled_pair(arms: &ArmRules, before: &[Item]) -> Vec<String> {
    let mut pair: Vec<String> = Vec::new();
    for arm in before.iter().filter_map(|i| i.arm.as_deref()).filter(|a| *a != "total") {
        if !arms.outcomes.is_match(arm) && !pair.iter().any(|l| group_key(l) == group_key(arm)) {
            pair.push(arm.to_string());
        }
    }
    pair
}

/// The group written last in `[from, to)`: a label ending in a group noun, or one of the
/// record's arms.
fn group_before(arms: &ArmRules, known: &Known<'_>, s: &str, from: usize, to: usize) -> Option<String> {
    let text = &s[from..to];
    let lower = text.to_ascii_lowercase();
    let noun = ["group", "arm"]
        .iter()
        .filter_map(|noun| {
            lower
                .match_indices(&format!(" {noun}"))
                .map(|(at, _)| at + 1 + noun.len())
                .filter(|end| !text[*end..].starts_with(|c: char| c.is_alphanumeric()))
                .last()
        })
        .max()
        .and_then(|end| {
            // `group A`: the noun leads its identifier; `the placebo group`: it ends the label.
            let noun_at = from + end - lower[..end].rsplit(' ').next().map_or(0, str::len);
            arms.labels.after(s, noun_at).filter(|l| l.text.contains(' ')).or_else(|| arms.labels.before(s, from + end))
        })
        .filter(|l| arms.labels.has_group_noun(&l.text) && !arms.labels.names_everyone(&l.text))
        .map(|l| (l.span.0, l.text));
    let named = known.iter().filter_map(|k| text.rfind(k.as_str()).map(|at| (from + at, k.clone()))).max();
    [noun, named].into_iter().flatten().max_by_key(|(at, _)| *at).map(|(_, label)| label)
}

/// The group that ends the clause after `at`: `, and two not evaluable (NE) in the PC arm.`
fn clause_end_group(arms: &ArmRules, known: &Known<'_>, s: &str, at: usize) -> Option<String> {
    let clause_end = s[at..].find(['.', ';']).map_or(s.len(), |p| at + p);
    let clause = &s[at..clause_end];
    let lead = clause.rfind(" in ")?;
    let mut from = at + lead + " in ".len();
    if s[from..].starts_with("the ") {
        from += "the ".len();
    }
    let label = arms.labels.after(s, from)?;
    let rest = s[label.span.1..clause_end].trim_matches(|c: char| c.is_whitespace() || c == ')');
    let named = arms.labels.has_group_noun(&label.text) || is_known(known, &label);
    (rest.is_empty() && named && !arms.labels.names_everyone(&label.text)).then_some(label.text)
}

/// The two groups written after items side by side: `for arm A and B`, `in X and Y`.
fn pair_after(rules: &EventRules, arms: &ArmRules, known: &Known<'_>, s: &str, end: usize) -> Option<(Label, Label)> {
    let lead = rules.pair_lead.find(&s[end..])?;
    // `for ORR and DCR` names outcomes: after `for`, only the record's groups or group nouns.
    let after_for = lead.as_str().to_ascii_lowercase().contains("for");
    let first = arms.labels.after(s, end + lead.end())?;
    let rest = &s[first.span.1..];
    let trimmed = rest.trim_start();
    let joined = ["and ", "vs. ", "vs ", "versus "].iter().find_map(|j| trimmed.strip_prefix(j))?;
    let mut from = first.span.1 + (rest.len() - joined.len());
    for lead in ["for ", "in ", "with "] {
        if s[from..].starts_with(lead) {
            from += lead.len();
            break;
        }
    }
    let second = arms.labels.after(s, from)?;
    let ok = |l: &Label| {
        starts_with_letter(&l.text)
            && !arms.labels.names_everyone(&l.text)
            && (!after_for || arms.labels.has_group_noun(&l.text) || is_known(known, l))
    };
    (ok(&first) && ok(&second)).then_some((first, second))
}

/// The first two groups the record compares anywhere (`A versus B`), for pairs whose sentence
/// names none.
fn first_compared_pair(arms: &ArmRules, text: &Text) -> Option<Vec<String>> {
    let s = text.as_str();
    text.sentences.iter().find_map(|&sentence| compared_without_digits(arms, s, sentence))
}

/// The two groups a sentence compares (`A versus B`), when neither holds a digit.
fn compared_without_digits(arms: &ArmRules, s: &str, sentence: (usize, usize)) -> Option<Vec<String>> {
    let lower = s[sentence.0..sentence.1].to_ascii_lowercase();
    if !(lower.contains(" versus ") || lower.contains(" vs") || lower.contains(" compared with ")) {
        return None;
    }
    let (a, b) = arms.labels.compared_pair(s, sentence)?;
    // `3 years`, `60 Gy` are not groups; `3-weekly docetaxel`, `5-FU` are.
    let digits =
        |l: &Label| l.text.split_whitespace().any(|w| w.starts_with(|c: char| c.is_ascii_digit()) && !w.contains('-'));
    (!digits(&a) && !digits(&b)).then(|| vec![a.text, b.text])
}

/// Whether items side by side come in pairs: `a vs b, c vs d` (`vs` within a pair, a comma or
/// `and` between pairs).
fn in_pairs(s: &str, items: &[Item]) -> bool {
    items.windows(2).enumerate().all(|(i, w)| {
        let between = s[w[0].span.1..w[1].span.0].to_ascii_lowercase();
        let versus = between.contains("vs") || between.contains("versus");
        versus == (i % 2 == 0)
    })
}

/// `(n = 1,075)` right after a label: the group's size and where it ends.
fn n_equals_after(s: &str, at: usize) -> Option<(Num, usize)> {
    let rest = &s[at..];
    let trimmed = rest.trim_start().strip_prefix(['(', '[', ','])?.trim_start();
    let value = trimmed.strip_prefix(['n', 'N'])?.trim_start().strip_prefix('=')?.trim_start();
    let (after, n) = count(value).ok()?;
    Some((n, at + rest.len() - after.len()))
}

/// Whether the words before a count end a range or list of numbers: `0 to 1 (83.5%)`; not
/// when the number before names a group (`in group 2 and 19 (38%) in group 1`).
fn ends_with_range_word(before: &str) -> bool {
    ["to", "and", "or", "aged", "age"].iter().any(|w| {
        // `before` is often everything before the count: it is not lower-cased whole.
        let head = super::ends_with_lowercase(before, w).then(|| &before[..before.len() - w.len()]);
        head.is_some_and(|head| {
            head.ends_with(' ') && (*w == "aged" || *w == "age" || ends_with_number_not_group(head.trim_end()))
        })
    })
}

/// Whether `text` ends with a number that is not a group's name (`group 2`, `arm 1`).
fn ends_with_number_not_group(text: &str) -> bool {
    let head = text.trim_end_matches(|c: char| c.is_ascii_digit());
    if head.len() == text.len() {
        return false;
    }
    // `group 1 and`, `Group-1 and`.
    let noun = head.strip_suffix([' ', '-']).unwrap_or("");
    let names_group = ["group", "arm", "cohort"].iter().any(|g| {
        super::ends_with_lowercase(noun, g) && !noun[..noun.len() - g.len()].ends_with(|c: char| c.is_alphanumeric())
    });
    !names_group
}

/// Whether two items stand side by side joined by a comparison (`45% vs 30%`), which makes them
/// two groups' values.
fn compared_side_by_side(s: &str, text: &Text, a: &Item, b: &Item) -> bool {
    side_by_side(s, text, a, b) && {
        let between = s[a.span.1..b.span.0].to_ascii_lowercase();
        between.contains("vs") || between.contains("versus") || between.contains("compared")
    }
}

/// Whether two items stand side by side: only a connector (`vs`, `and`, `,`) between them.
fn side_by_side(s: &str, text: &Text, a: &Item, b: &Item) -> bool {
    if text.sentence_index(a.span.0) != text.sentence_index(b.span.0) || a.span.1 > b.span.0 {
        return false;
    }
    let between = s[a.span.1..b.span.0].trim().to_ascii_lowercase();
    let between = between.trim_matches(|c: char| matches!(c, ')' | ']' | '(' | '[' | ',' | ';' | ' '));
    matches!(
        between,
        "" | "vs" | "vs." | "versus" | "v" | "v." | "and" | ", and" | "or" | "compared with" | "compared to"
    ) || between.split_whitespace().count() <= 2 && between.contains("vs")
}

/// A few words naming the outcome: the verb after the item (`had died` → `died`), else the
/// words before it in its clause.
/// Each item's endpoint: its own outcome words or the phrase right before it (`grade 3/4
/// diarrhoea (18%, ILF)`); else the endpoint of the item before it in its sentence (`25/48
/// (52%) in A and 12/42 (29%) in B` share one outcome); else the subject of its clause.
fn item_endpoints(arms: &ArmRules, known: &Known<'_>, text: &Text, items: &[Item]) -> Vec<Option<String>> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| items[i].span.0);
    let mut endpoints = vec![None; items.len()];
    let mut previous: Option<((usize, usize), Option<String>)> = None;
    let mut previous_arm: Option<((usize, usize), String)> = None;
    for i in order {
        let sentence = text.sentence_at(items[i].span.0);
        let s = text.as_str();
        let at = items[i].span.0;
        // A phrase that names a group (`hydrotherapy`, `SAL/FP`, `controls`) is no outcome.
        // `Prevalence was 2.5% albendazole versus` leaves `Prevalence was albendazole`: a phrase
        // ending in a group's name is the words around an earlier value, no outcome.
        let ends_in_group = |phrase: &String| {
            phrase.split_whitespace().count() > 1 && phrase.rsplit(' ').next().is_some_and(|last| known.names_arm(last))
        };
        // `(567/650, 95% CI 84.4% to 89.6%) and`: the words of an interval are no outcome.
        let of_an_interval = |phrase: &String| {
            phrase.split_whitespace().next_back().is_some_and(|w| matches!(w, "CI" | "Cl" | "interval" | "CrI"))
        };
        let names_group = |phrase: &String| {
            known.names_arm(phrase)
                || ends_in_group(phrase)
                || of_an_interval(phrase)
                || items[i].arm.as_deref().is_some_and(|arm| group_key(arm) == group_key(phrase))
                || arms.labels.names_everyone(phrase)
                // `, which was significantly higher than placebo (44.9%)`: a comparison, whose
                // outcome is the one named before it.
                || only_compares(phrase)
                // `12/44 (27.3%) patients treated with X and 10/45 ...`: the words of the previous
                // item's group.
                || previous_arm.as_ref().is_some_and(|(earlier, arm)| *earlier == sentence && phrase.contains(arm.as_str()))
        };
        let own = items[i].said.clone().or_else(|| endpoint(arms, known, text, items[i].span));
        let first = chain_start(s, sentence.0, at);
        let own = own.filter(|phrase| !names_group(phrase)).or_else(|| {
            outcome::phrase_before(&s[sentence.0..sentence.1], first - sentence.0).filter(|p| !names_group(p))
        });
        let chosen = match (&own, &previous) {
            (Some(_), _) => own,
            (None, Some((earlier_sentence, earlier))) if *earlier_sentence == sentence => earlier.clone(),
            (None, _) => outcome::clause_subject(s, sentence.0, at),
        };
        let chosen = chosen.filter(|phrase| !names_group(phrase));
        previous = Some((sentence, chosen.clone()));
        previous_arm = items[i].arm.clone().filter(|a| a != "total").map(|a| (sentence, a));
        endpoints[i] = chosen;
    }
    endpoints
}

/// Whether `phrase` only compares (`lower`, `significantly higher`) and names no outcome.
fn only_compares(phrase: &str) -> bool {
    let is = |word: &str, set: &[&str]| set.iter().any(|w| word.eq_ignore_ascii_case(w));
    const LEADS: &[&str] = &["was", "were", "which", "significantly", "slightly", "much", "not"];
    const COMPARATIVES: &[&str] =
        &["lower", "higher", "greater", "less", "more", "smaller", "larger", "better", "worse"];
    const COMPARED_WITH: &[&str] = &["than", "that", "those", "in", "of", "for"];
    let mut words = phrase.split_whitespace().skip_while(|w| is(w, LEADS));
    // `lower than that`: the comparison's words, then what it is compared with.
    words.next().is_some_and(|w| is(w, COMPARATIVES)) && words.all(|w| is(w, COMPARED_WITH))
}

/// Words after an item's outcome verb that end its outcome: a comparison, the next clause, a time.
const ENDS_AN_OUTCOME_AFTER: &[&str] =
    &["compared", "vs", "vs.", "versus", "than", "while", "whereas", "but", "respectively", "within"];

fn endpoint(arms: &ArmRules, known: &Known<'_>, text: &Text, span: (usize, usize)) -> Option<String> {
    let s = text.as_str();
    let (from, to) = text.sentence_at(span.0);
    // The words before `5.0% (placebo)` in `rash 20.0% (erlotinib) vs 5.0% (placebo)` are those
    // before the first value of the chain.
    let first = chain_start(s, from, span.0);
    // `One deep vein thrombosis was observed`, `Four patients withdrew`: named after the count.
    let number = s[span.0..span.1].find(|c: char| c.is_ascii_digit()).map(|p| span.0 + p);
    if let Some(named) = number.and_then(|at| outcome::counted_outcome(&s[..to], at, |w| arms.labels.is_participant(w)))
    {
        return Some(named);
    }
    let after = s[span.1..to.max(span.1)].trim_start();
    let after_words: Vec<&str> = after
        .split([',', ';', ':', '(', ')', '[', ']', '.'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip_while(|w| arms.labels.is_participant(w) || matches!(*w, "had" | "have" | "were" | "was" | "who"))
        // `quit compared to 3/57 (5%)`: the outcome ends where a comparison or a time begins.
        .take_while(|w| !ENDS_AN_OUTCOME_AFTER.contains(&w.to_ascii_lowercase().as_str()))
        .take(4)
        .collect();
    if after_words.first().is_some_and(|w| arms.outcomes.is_match(w)) {
        return Some(after_words.join(" "));
    }
    let before = &s[from..first];
    // `92 of 119 patients had died: 39 of 60 in X and 53 of 59 in Y`: the items after a colon
    // share the outcome written before it.
    let shared = before.rfind(':').and_then(|colon| outcome_verb(arms, &before[..colon]));
    let clause_start = before.rfind([';', ':', '(', '[', ',']).map_or(0, |p| p + 1);
    let words: Vec<&str> =
        before[clause_start..].split_whitespace().filter(|w| !w.chars().any(|c| c.is_ascii_digit())).collect();
    // A phrase that names a group (`in the combined modality arm and`) is never the endpoint.
    if words.iter().any(|w| arms.labels.has_group_noun(w)) {
        return shared.or_else(|| subject_before_group(arms, before));
    }
    let stop = [
        "was", "were", "of", "in", "for", "with", "the", "a", "an", "is", "are", "and", "rate", "rates", "occurred",
        "vs", "vs.", "versus", "or", "to", "compared",
    ];
    // `Infections were CMV (8% vs. 0) and BK (4% vs. 0)`: the phrase right before the bracket
    // that opens the item names its outcome, unless it names a group.
    if shared.is_none() && words.is_empty() && before[..clause_start].ends_with(['(', '[']) {
        let named = phrase_before_bracket(arms, known, s, (from, to), from + clause_start - 1);
        if named.is_some() {
            return named;
        }
    }
    // `Headache relief was noted in 73%`, `was rare (Gla-300: 2.3%`: the subject of `was`.
    if shared.is_none() && (words.is_empty() || outcome::only_says_seen(&words)) {
        // `mEOC+P was associated with ... (48 [17%]`: a group is no outcome.
        let subject = outcome::subject_of_copula(&s[from..to], span.0 - from)
            .filter(|subject| !known.names_arm(subject) && !arms.labels.has_group_noun(subject));
        if subject.is_some() {
            return subject;
        }
    }
    let mut end = words.len();
    while end > 0 && stop.contains(&words[end - 1].to_ascii_lowercase().as_str()) {
        end -= 1;
    }
    let start = end.saturating_sub(5);
    let phrase = words[start..end].join(" ");
    // `(P = 0.019; Fisher's exact test) and 30.2% (13/43)`: a statistical test is no outcome.
    let a_test = words[start..end].last().is_some_and(|w| outcome::names_a_test(w));
    shared.or_else(|| (!phrase.is_empty() && !a_test).then_some(phrase))
}

/// `CMV (8% vs. 0)`: the phrase right before the bracket at byte `bracket`, in the sentence
/// `(from, to)`, unless it names a group or follows a preposition leading to one (`followed
/// up by telephone (59/480`).
fn phrase_before_bracket(
    arms: &ArmRules,
    known: &Known<'_>,
    s: &str,
    (from, to): (usize, usize),
    bracket: usize,
) -> Option<String> {
    outcome::phrase_not_led_by(&s[from..to], bracket - from, GROUP_PREPOSITIONS)
        .filter(|p| !known.names_arm(p) && !arms.labels.has_group_noun(p) && !arms.labels.names_everyone(p))
}

/// Where a chain of percentages, each with its bracket and joined in one clause, that ends
/// at byte `at` starts (`20.0% (erlotinib) vs 5.0% (placebo)`, `74.6% (A) and 72.4% (B)`,
/// and a bare pair `35.7% vs. 38.1%`); `at` itself when no percentage comes right before it.
/// `from` bounds the search.
fn chain_start(s: &str, from: usize, at: usize) -> usize {
    // Only a percentage continues a chain: `22% (I) vs 14/43, 33% (C)` starts a new item.
    let number_len = s[at..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len() - at);
    if number_len == 0 || !s[at + number_len..].trim_start().starts_with('%') {
        return at;
    }
    let mut at = at;
    while let Some(start) = previous_in_chain(&s[from..at]) {
        at = from + start;
    }
    at
}

/// The start of the bracketed percentage and joiner that end `head` (`20.0% (erlotinib) vs `).
fn previous_in_chain(head: &str) -> Option<usize> {
    let head = head.trim_end();
    let joiner = ["vs.", "vs", "versus", "and", "or"].iter().find(|w| super::ends_with_lowercase(head, w))?;
    let head = &head[..head.len() - joiner.len()];
    if !head.ends_with([' ', ')', ']']) {
        return None;
    }
    let head = head.trim_end();
    // `35.7% vs. 38.1%`, `(81.4 vs. 74.9%`: the two values of a bare pair share one outcome.
    if joiner.starts_with('v') {
        if let Some(start) = bare_percentage_start(head) {
            return Some(start);
        }
    }
    let closer = head.chars().next_back().filter(|c| matches!(c, ')' | ']'))?;
    let opener = if closer == ')' { '(' } else { '[' };
    let open = head.rfind(opener)?;
    let inside = &head[open + 1..head.len() - 1];
    if inside.contains(['(', ')', '[', ']']) || inside.len() > 60 {
        return None;
    }
    value_start(head[..open].trim_end().strip_suffix('%')?.trim_end())
}

/// The start of the number that ends `head` (`12.5` in `rash 12.5`).
fn value_start(head: &str) -> Option<usize> {
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | '·'))
        .last()
        .map(|(i, _)| i)?;
    head[start..].starts_with(|c: char| c.is_ascii_digit()).then_some(start)
}

/// The start of the percentage, a whole word, that ends `head`: `35.7%`, `35.7 %`, or a number
/// right after a bracket (`(81.4`), whose percent sign comes after the pair's second value.
fn bare_percentage_start(head: &str) -> Option<usize> {
    let (number, sign) = match head.strip_suffix('%') {
        Some(number) => (number.trim_end(), true),
        None => (head, false),
    };
    let start = value_start(number)?;
    let before = number[..start].chars().next_back();
    let opens = before.is_some_and(|c| matches!(c, '(' | '['));
    let alone = opens || before.is_none_or(char::is_whitespace);
    (alone && (sign || opens)).then_some(start)
}

/// Words after which a phrase names a group, not an outcome.
const GROUP_PREPOSITIONS: &[&str] = &[
    "by",
    "with",
    "without",
    "to",
    "in",
    "for",
    "among",
    "receiving",
    "versus",
    "vs",
    "vs.",
    "than",
    "from",
    "on",
    "of",
];

/// `The cure rates in the low dose group and the quinine group were`: the outcome a clause
/// names before the lead word (`in`, `among`, `for`, `of`) of its first group phrase.
fn subject_before_group(arms: &ArmRules, clause: &str) -> Option<String> {
    let lower = clause.to_ascii_lowercase();
    let noun = [" group", " arm"].iter().filter_map(|n| lower.find(n)).min()?;
    let lead = [" in ", " among ", " for ", " of "].iter().filter_map(|l| lower[..noun].rfind(l)).max()?;
    let start = clause[..lead].rfind([';', ':', '(', '[', ',']).map_or(0, |p| p + 1);
    let words: Vec<&str> = clause[start..lead]
        .split_whitespace()
        .skip_while(|w| matches!(w.to_ascii_lowercase().as_str(), "the" | "a" | "an"))
        .collect();
    // `Retention rates were good for the print group`: a clause with its verb names no outcome.
    let verb = words
        .iter()
        .any(|w| matches!(w.to_ascii_lowercase().as_str(), "was" | "were" | "is" | "are" | "had" | "has" | "have"));
    let phrase = words[words.len().saturating_sub(5)..].join(" ");
    let plain = !verb
        && !phrase.is_empty()
        && !phrase.chars().any(|c| c.is_ascii_digit())
        && !arms.labels.has_group_noun(&phrase);
    (plain && arms.outcomes.is_match(&phrase)).then_some(phrase)
}

/// The outcome verb of a clause that counts with numbers before it: `92 of 119 (77.3%)
/// patients had died` gives `died`.
fn outcome_verb(arms: &ArmRules, clause: &str) -> Option<String> {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let first_number = words.iter().position(|w| w.chars().any(|c| c.is_ascii_digit()))?;
    let outcome = words[first_number..]
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !matches!(w.to_ascii_lowercase().as_str(), "had" | "have" | "has" | "been" | "were" | "was"))
        .find(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()) && arms.outcomes.is_match(w))?;
    Some(outcome.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_number_naming_a_group_ends_no_range() {
        assert!(super::ends_with_range_word("scores from 2 and"));
        assert!(!super::ends_with_range_word("7 (14%) patients in arm 2 and"));
        assert!(!super::ends_with_range_word("in Group 1 and"));
        assert!(!super::ends_with_range_word("in Group-1 and"));
        assert!(super::ends_with_range_word("in subgroup1 to"));
    }

    #[test]
    fn a_clause_outcome_stops_where_its_time_starts() {
        assert_eq!(super::clause_outcome("hypothyroid after the second visit"), "hypothyroid");
        assert_eq!(super::clause_outcome("wheeze at 6 months"), "wheeze");
        assert_eq!(super::clause_outcome("relapsed"), "relapsed");
    }

    use crate::find::RuleSet;
    use crate::find::{find_rows, signature};
    use crate::model::Kind;

    /// Every example sentence of the rules, normalised.
    fn example_texts() -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        rules
            .rules()
            .flat_map(|(_, rule)| rule.example.iter().map(|e| crate::find::Text::new(&e.text).norm.text))
            .collect()
    }

    #[test]
    fn the_scan_gate_agrees_with_its_patterns() {
        let rules = RuleSet::embedded().unwrap();
        let events = &rules.events;
        // The accessor names the same patterns, in the same order, as the gate is built from.
        assert_eq!(events.gated_patterns().map(|(key, _)| key), super::GATED);
        let mut checked = 0;
        for text in &example_texts() {
            // Every gated pattern needs a number: the gate reads only the sentences with one.
            let numbers = crate::find::Text::new(text).number_stretches().to_vec();
            for (key, pattern) in events.gated_patterns() {
                let whole = events.gate.live_in(text, &[(0, text.len())]).has(key);
                assert_eq!(whole, pattern.is_match(text), "gate {key} on {text:?}");
                let in_numbers = events.gate.live_in(text, &numbers).has(key);
                assert_eq!(in_numbers, pattern.is_match(text), "gate {key} in numbers of {text:?}");
                checked += usize::from(pattern.is_match(text));
            }
        }
        // The examples exercise the gated patterns, not only their absence.
        assert!(checked > 20, "only {checked} matches checked");
    }

    #[test]
    fn the_scan_gate_in_sentences_with_numbers_agrees_with_its_patterns_on_the_corpus() {
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/pmc-rct-abstracts.jsonl");
        let Ok(records) = crate::read::open(corpus, None) else {
            eprintln!("skipped: {corpus} is not there");
            return;
        };
        let rules = RuleSet::embedded().unwrap();
        let events = &rules.events;
        let mut matched = 0;
        for record in records.filter_map(|r| r.ok()) {
            let text = crate::find::Text::new(&record.abstract_text);
            let live = events.gate.live_in(text.as_str(), text.number_stretches());
            for (key, pattern) in events.gated_patterns() {
                let whole = pattern.is_match(text.as_str());
                assert_eq!(live.has(key), whole, "gate {key} in numbers of {:?}", text.as_str());
                matched += usize::from(whole);
            }
        }
        assert!(matched > 500, "only {matched} matches checked");
    }

    fn events(text: &str) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        let mut got: Vec<String> =
            find_rows(&rules, "t", text).iter().filter(|r| r.kind == Kind::Events).map(signature).collect();
        got.sort();
        got
    }

    #[test]
    fn of_n_with_percent_and_group() {
        assert_eq!(
            events("Overall, 39 of 60 (65.0%) in the combined modality arm had died."),
            vec!["events combined modality arm 39/60 65.0%"]
        );
    }

    fn endpoints(text: &str) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        find_rows(&rules, "t", text)
            .iter()
            .filter(|r| r.kind == Kind::Events)
            .map(|r| r.endpoint.clone().unwrap_or_default())
            .collect()
    }

    #[test]
    fn the_outcome_after_an_item_ends_at_a_comparison() {
        let text = "Smokers were randomised to counselling or control. At 6 months, 6/59 (10%) of the \
                    counselling group quit compared to 3/57 (5%) of the controls.";
        assert_eq!(endpoints(text), vec!["quit", "quit"]);
    }

    #[test]
    fn a_chain_of_bracketed_percentages_shares_the_outcome_before_it() {
        let text = "Patients were randomised to drug K or placebo. Adverse events were similar, except for \
                    rash 20.0% (drug K) vs 5.0% (placebo).";
        assert_eq!(events(text), vec!["events drug K -/- 20.0%", "events placebo -/- 5.0%"]);
        assert!(endpoints(text).iter().all(|e| e.ends_with("rash")), "{:?}", endpoints(text));
        let s = "rash 20.0% (drug K) vs 5.0% (placebo)";
        assert_eq!(super::chain_start(s, 0, s.find("5.0").unwrap()), s.find("20.0").unwrap());
        // A bare pair shares the outcome before its first value; a number after a word does
        // not start a pair without its percent sign.
        for s in ["rash (20.0 % vs. 5.0 %)", "rash (20.0 vs. 5.0%)", "rash 20.0% versus 5.0%"] {
            assert_eq!(super::chain_start(s, 0, s.find("5.0").unwrap()), s.find("20.0").unwrap(), "{s}");
        }
        for s in ["rash at week 20 vs 5.0%", "rash p=0.2% vs 5.0%"] {
            assert_eq!(super::chain_start(s, 0, s.find("5.0").unwrap()), s.find("5.0").unwrap(), "{s}");
        }
        // A count starts no chain of percentages.
        let s = "depression (19/85, 22% (I) vs 14/43, 33% (C))";
        assert_eq!(super::chain_start(s, 0, s.find("14/43").unwrap()), s.find("14/43").unwrap());
    }

    #[test]
    fn a_count_in_brackets_after_a_group_percentage_is_its_events() {
        assert_eq!(
            events("Patients were randomised to drug K or placebo. The stricture rate in the drug K group was 20.5% (n = 7)."),
            vec!["events drug K group 7/- 20.5%"]
        );
        // The group's size, not its events: 88 of 88 is no 38.6%.
        assert_eq!(
            events(
                "Patients were randomised to drug K (n = 88) or placebo (n = 89). The relapse rate in the drug K \
                 group was 38.6% (n = 88)."
            ),
            vec!["events drug K -/- 38.6%"]
        );
    }

    #[test]
    fn percent_pairs_take_the_compared_groups() {
        assert_eq!(
            events("Diarrhoea was more common with erlotinib than placebo (8% vs 1%)."),
            vec!["events erlotinib -/- 8%", "events placebo -/- 1%"]
        );
    }

    #[test]
    fn a_comparator_after_of_names_the_control_group() {
        assert_eq!(
            events(
                "At 6 months, 8/40 (20%) of the exercise group had relapsed compared to 4/38 (11%) of the controls."
            ),
            vec!["events controls 4/38 11%", "events exercise group 8/40 20%"]
        );
    }

    #[test]
    fn in_comparison_to_joins_a_compared_pair() {
        assert_eq!(
            events(
                "Remission was more frequent in the yoga group in comparison to the reading group (31.5% vs. 12.0%)."
            ),
            vec!["events reading group -/- 12.0%", "events yoga group -/- 31.5%"]
        );
    }

    #[test]
    fn a_percentage_then_an_unnamed_group_stands_beside_a_named_one() {
        assert_eq!(
            events("Uptake at three months was similar (21.3% leaflet vs. 20.1% control, p = 0.6)."),
            vec!["events control -/- 20.1%", "events leaflet -/- 21.3%"]
        );
        // Two unnamed words are no pair of groups.
        assert!(events("Uptake was similar (21.3% leaflet vs. 20.1% letter, p = 0.6).").is_empty());
    }

    #[test]
    fn a_group_opening_a_sentence_is_not_both_values_of_a_comparison() {
        let text = "Women were randomized to 60 mg of drug K (n = 80) or 40 mg of drug M (n = 81). With drug K, \
                    more women delivered within a day (61.5% vs. 40.5%, p < 0.01).";
        let got = events(text);
        assert!(got.contains(&"events drug K -/- 61.5%".to_string()), "{got:?}");
        assert!(!got.contains(&"events drug K -/- 40.5%".to_string()), "{got:?}");
    }

    #[test]
    fn the_bracket_group_after_a_comparison_word_is_the_second() {
        let text = "More children in the zinc group were cured at day 5 compared with children in the \
                    placebo group (62% vs 41%, p = 0.01).";
        assert_eq!(events(text), vec!["events placebo group -/- 41%", "events zinc group -/- 62%"]);
    }

    #[test]
    fn values_listed_by_time_are_not_the_record_arms() {
        let text = "Farms were randomized to an intervention (n = 20) or control (n = 20). Residues were \
                    detected on tools (71% and 64% in years 1 and 3, respectively).";
        assert!(events(text).is_empty(), "{:?}", events(text));
    }

    #[test]
    fn values_listed_by_time_after_a_group_are_that_groups() {
        let text = "Men were randomized to an intervention (n = 40) or control (n = 40). Screening uptake in \
                    the intervention group rose from 8% to 21% and 39% one month and three months later, \
                    respectively.";
        assert_eq!(events(text), vec!["events intervention -/- 21%", "events intervention -/- 39%"]);
    }

    #[test]
    fn a_respectively_list_of_times_is_told_from_one_of_groups() {
        assert!(super::lists_times("7.2% and 11.2% for the 2 periods respectively (P = 0.17)."));
        assert!(super::lists_times("84% in years 1 and 4, respectively)"));
        assert!(!super::lists_times("20 (80.0%) completed 24 weeks of treatment, respectively."));
        assert!(!super::lists_times("20% at week 104 in the A and B groups, respectively."));
    }

    #[test]
    fn a_heading_a_time_or_a_possessive_names_no_group() {
        assert!(crate::find::arm_label::names_no_group("RESULTS"));
        assert!(crate::find::arm_label::names_no_group("days 2-6"));
        assert!(crate::find::arm_label::names_no_group("6-year follow-up"));
        assert!(crate::find::arm_label::names_no_group("their peers"));
        assert!(crate::find::arm_label::names_no_group("expected"));
        assert!(crate::find::arm_label::names_no_group("chance"));
        assert!(!crate::find::arm_label::names_no_group("5-day course"));
        assert!(!crate::find::arm_label::names_no_group("16-week lifestyle intervention"));
        assert!(!crate::find::arm_label::names_no_group("placebo group"));
    }

    #[test]
    fn two_compared_counts_are_not_both_the_whole_trials() {
        let text = "Wound infection occurred in 4 (2.1%) SC versus 11 (5.9%) IC after surgery.";
        let got = events(text);
        assert!(got.iter().all(|row| !row.starts_with("events total")), "{got:?}");
    }

    #[test]
    fn a_respectively_list_of_groups_may_open_with_of() {
        let text = "Rash was reported in 24.5% and 11.0% of topical therapy and oral therapy groups, respectively.";
        assert_eq!(events(text), vec!["events oral therapy groups -/- 11.0%", "events topical therapy -/- 24.5%"]);
    }

    #[test]
    fn a_comparison_orders_the_record_pair() {
        let text = "Adults were randomized to a walking programme or control conditions. Participants \
                    assigned to walking were more likely than controls to report no falls (41.5% vs 22.0%).";
        assert_eq!(events(text), vec!["events control conditions -/- 22.0%", "events walking programme -/- 41.5%"]);
    }

    #[test]
    fn parallel_participant_labels_name_two_groups() {
        assert_eq!(
            events("Falls were fewer in staff: 30/120 (25%) in K facilities versus 18/130 (14%) in K&M facilities."),
            vec!["events K facilities 30/120 25%", "events K&M facilities 18/130 14%"]
        );
        // Analyses are no groups.
        let got = events("Cure was 45/60 (75%) in the ITT analysis and 45/50 (90%) in the PP analysis.");
        assert!(got.iter().all(|row| !row.contains("analysis")), "{got:?}");
    }

    #[test]
    fn whole_trial_counts() {
        assert_eq!(events("In total, 508 deaths were recorded."), vec!["events total 508/- -"]);
    }

    #[test]
    fn a_list_takes_the_outcome_named_before_its_groups() {
        let rules = RuleSet::embedded().unwrap();
        let text = "Cure rates in the low dose, high dose and quinine groups were 97.8%, 100% and 90%, respectively.";
        let endpoints: Vec<Option<String>> =
            find_rows(&rules, "t", text).into_iter().filter(|r| r.kind == Kind::Events).map(|r| r.endpoint).collect();
        assert_eq!(endpoints, vec![Some("Cure rates".to_string()); 3]);
    }

    #[test]
    fn baseline_and_change_are_not_events() {
        assert!(events("At baseline, 60% were women and 45 (38%) were smokers.").is_empty());
        assert!(events("Body fat decreased by 4.2% vs. 1.9%.").is_empty());
        assert!(events("The 3-year overall survival was 56% vs 43%.").is_empty());
    }

    #[test]
    fn a_change_from_baseline_is_no_baseline_sentence() {
        let text =
            "Patients were randomized to lamivudine or tenofovir. At week 24, responses were similar between the \
                    lamivudine and tenofovir groups (75% (30/40) vs 85% (34/40)); mean weight change from baseline was \
                    +1.2 vs +1.5 kg.";
        assert_eq!(events(text), ["events lamivudine 30/40 75%", "events tenofovir 34/40 85%"]);
        // A sentence about the groups at baseline still gives none.
        assert!(events("At baseline, 75% (30/40) vs 85% (34/40) were smokers.").is_empty());
    }
}
