//! A series of values after an anchor (`3-year OS`, `median PFS`), with their CIs and groups,
//! shared by the survival and median finders.
//!
//! Values come in chains that share one unit (`93.4 and 66.0 %`, `13.0 vs 11.0 months`,
//! `56.9% (95% CI …), 43.1% (…)`), each value with its CI, read by [`scan`] through the
//! grammar's parsers (numbers, [`crate::grammar::value_joint`],
//! [`crate::grammar::ci_after_value`]). [`assign`] then gives every value
//! its slot (a time point or an endpoint of the anchor) and its group: in order when the anchor
//! has one slot; "slot by slot" when several slots share a list of groups
//! (`2- and 5-year … 68.5, 41.4 and 56.8, 26.2 % in groups A and B, respectively`); "group by
//! group" when each run of values names its group (`56.9%, 43.1%, 35.9%, respectively, in the
//! X arm and 55.2%, … in the Y arm`).
//!
//! Values that name no group take one from, in order: the groups a `respectively` or a
//! comparison of the sentence lists (`comparing X with Y`, `with X than Y`); the groups of
//! `these groups` listed in the sentence before; the record's two groups (its allocation,
//! `randomised to either X or Y`, else its arm sizes) in the order the sentence names them; the
//! groups of an earlier sentence, unless the sentence compares groups of its own; the sentence's
//! subject (`47 patients treated with X achieved`). Of two values compared (`13.0 vs 11.0
//! months`), when one names a group, the other is the second group of its pair ([`Context`]).

use regex::Regex;

use super::arm_label::{group_key, ArmLabels};
use super::compile::{lexicon_pattern_with, Source};
use super::{arm_local, Finding, Text};
use crate::error::Result;
use crate::grammar::{
    bracketed_range_before_unit, ci_after_value, consumed, is_comparison_joint, plus_minus, spread_aside, time_unit,
    unsigned_decimal, value_joint, ws, Interval,
};
use crate::model::{Kind, Num, Row};

/// What a value's unit must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A percentage (`56.9%`, `93.4 and 66.0 %`).
    Percent,
    /// A duration (`45.6 months`, `13.0 vs 11.0 months`).
    Time,
}

/// One value of a series.
#[derive(Debug, Clone)]
pub struct Value {
    /// The number as written.
    pub number: Num,
    /// The time unit (durations only), normalised.
    pub time_unit: Option<&'static str>,
    /// The value's confidence interval.
    pub interval: Option<Interval>,
    /// The interval's level as written (`95% CI` → 95).
    pub level: Option<Num>,
    /// Byte span of the value and its CI.
    pub start: usize,
    /// End of the value and its CI (and its group phrase when one follows).
    pub end: usize,
    /// The chain the value belongs to (values written as one list share a chain).
    pub chain: usize,
    /// The group named right after or right before the value.
    pub arm: Option<String>,
    /// Whether `arm` was read before the value (`for X was 12 months`), which also reads an
    /// endpoint (`for ipsilateral stroke was 11%`), so a group the record defines overrides it.
    pub arm_before: bool,
    /// Whether `vs`, `versus` or `compared with` joins the value to the one before it.
    pub after_comparison: bool,
    /// Several groups named after the chain (`for arm A and B`), for the chain's last value.
    pub chain_arms: Option<Vec<String>>,
    /// Several groups named before the chain (`in groups A and B were`), for its first value.
    pub chain_arms_before: Option<Vec<String>>,
    /// `14.2 months for both`: the value holds for every group compared.
    pub for_both: bool,
    /// A group read by a weak cue (`43% after resection`, `were placebo, 39.1%`), kept only
    /// when a neighbouring value names another group ([`settle_weak_arms`]).
    pub weak_arm: Option<String>,
    /// `improved from 9.1 to 11.2 months`: the value is either end of a change, whose groups
    /// no order of the sentence tells.
    pub from_to: bool,
    /// `14.7% in the PTAS group (nonfatal stroke, 12.5%; …)`: the part of its group's value that
    /// this value gives, as the phrase before it names it ([`settle_breakdowns`]).
    pub part: Option<String>,
}

/// Patterns the series reader needs, compiled by the finder from its rule file.
#[derive(Debug)]
pub struct SeriesPatterns {
    /// Text right before a value that shows it is not a result (`>`, `than`, `at`, `aged`).
    pub refused_before: Regex,
    /// Text right after a value that shows it is something else (`of patients`).
    pub refused_after: Regex,
}

impl SeriesPatterns {
    /// The `refused_before` and `refused_after` patterns of a rule file that reads series.
    pub fn compile(rules: &Source<'_>) -> Result<SeriesPatterns> {
        Ok(SeriesPatterns {
            refused_before: rules.pattern("refused_before")?,
            refused_after: rules.pattern("refused_after")?,
        })
    }
}

/// Reads every value of `unit` in `s[from..to)`.
///
/// Each chain of numbers that ends in the unit ([`read_chain`]) is a run of values unless it
/// is refused ([`is_refused`]); its values take the CI after the unit ([`push_chain`]), then
/// the group phrases around them ([`name_chain_groups`]). A chain joined by a list word to the
/// next one continues it (`56.9% (…), 43.1% (…)` is one chain).
pub fn scan(patterns: &SeriesPatterns, s: &str, from: usize, to: usize, unit: Unit) -> Vec<Value> {
    let mut values: Vec<Value> = Vec::new();
    let mut chain = 0;
    let mut refused_end: Option<usize> = None;
    let mut i = from;
    let bytes = s.as_bytes();
    while i < to {
        if !starts_number(bytes, i) {
            i += 1;
            continue;
        }
        // `P = 0.0002, and 2.0%`: a p-value starts no chain, and the values after it are read.
        if is_p_value_at(s, from, i) {
            i = unsigned_decimal(&s[i..to]).map_or(i + 1, |(rest, _)| i + consumed(&s[i..to], rest));
            continue;
        }
        let (numbers, unit_found) = read_chain(s, from, to, i, unit);
        let Some((unit_name, unit_end)) = unit_found.or_else(|| carried_unit(s, to, &values, &numbers, unit)) else {
            i = numbers.last().map_or(i + 1, |n| n.end.max(i + 1));
            continue;
        };
        if is_refused(patterns, s, from, i, unit_end, refused_end) {
            refused_end = Some(unit_end);
            i = unit_end;
            continue;
        }
        let first = values.len();
        let end = push_chain(&mut values, s, to, numbers, (unit_name, unit_end), chain);
        name_chain_groups(&mut values, first, s, from, end, to);
        // A chain continues over `, ` / `and` / `vs` to the next value with its own unit.
        match value_joint(&s[end..to]) {
            Ok((_, joint)) if starts_number(bytes, end + joint.len()) => {}
            _ => chain += 1,
        }
        i = end;
    }
    settle_breakdowns(&mut values, s, from);
    settle_weak_arms(&mut values);
    mark_changes(&mut values, s, from);
    values
}

/// Keeps a weak group of a value next to one naming another group (`43% after resection
/// compared to 23% after RFA`, `were placebo, 39.1%; esomeprazole 20 mg, 29.3%`).
fn settle_weak_arms(values: &mut [Value]) {
    let named = |v: &Value| v.arm.clone().or_else(|| v.weak_arm.clone());
    let kept: Vec<Option<String>> = (0..values.len())
        .map(|i| {
            let weak = values[i].weak_arm.clone().filter(|_| values[i].arm.is_none())?;
            let neighbours = [i.checked_sub(1), Some(i + 1)];
            let other = neighbours
                .into_iter()
                .flatten()
                .filter_map(|j| values.get(j).and_then(named))
                .any(|arm| group_key(&arm) != group_key(&weak));
            other.then_some(weak)
        })
        .collect();
    for (value, arm) in values.iter_mut().zip(kept) {
        if arm.is_some() {
            value.arm = arm;
        }
    }
}

/// Marks both values of `from 9.1 to 11.2 months` and `from 28·1% to 35·4%`: a chain of two
/// that `from` opens and `to` joins.
fn mark_changes(values: &mut [Value], s: &str, from: usize) {
    for i in 1..values.len() {
        let (first, second) = (&values[i - 1], &values[i]);
        let opens = i < 2 || values[i - 2].chain != first.chain;
        let closes = i + 1 == values.len() || values[i + 1].chain != second.chain;
        if first.chain != second.chain || !opens || !closes || first.end > second.start {
            continue;
        }
        let before = s[from.min(first.start)..first.start].trim_end();
        let opened = super::ends_with_lowercase(before, " from");
        let joint = s[first.end..second.start].trim();
        let joined = joint == "to" || joint.ends_with(" to");
        if opened && joined {
            values[i - 1].from_to = true;
            values[i].from_to = true;
        }
    }
}

/// `14.7% in the PTAS group (nonfatal stroke, 12.5%; fatal stroke, 2.2%)`: a value in brackets
/// opened after a value of a named group, with a phrase of its own before it, breaks that
/// group's value down: the phrase names the part, and the group is the enclosing value's. A
/// bracket that compares (`(vs placebo, 12%)`) names another group, not a part.
fn settle_breakdowns(values: &mut [Value], s: &str, from: usize) {
    for i in 1..values.len() {
        if !values[i].arm_before || values[i].arm.is_none() {
            continue;
        }
        let Some(open) = unclosed_bracket(s, from, values[i].start) else { continue };
        let inside = s[open..values[i].start].to_ascii_lowercase();
        // The part's own phrase stands inside the bracket (`(nonfatal stroke, 12.5%`), not
        // before it (`in the surgery alone group (32.3%`, which names a group).
        let named_inside = values[i].arm.as_ref().is_some_and(|part| inside.contains(&part.to_ascii_lowercase()));
        if !named_inside
            || ["vs", "versus", "compared", "than", "group", "arm"]
                .iter()
                .any(|w| inside.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
        {
            continue;
        }
        let Some(host) = (0..i).rev().find(|&j| values[j].start < open) else { continue };
        if let Some(arm) = values[host].arm.clone().filter(|_| values[host].part.is_none()) {
            values[i].part = values[i].arm.replace(arm);
            values[i].arm_before = false;
        }
    }
}

/// Where the innermost bracket still open at byte `at` opened, looking back to `from`.
fn unclosed_bracket(s: &str, from: usize, at: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s[from.min(at)..at].char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth == 0 => return Some(from + i),
            '(' | '[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A number of a chain read before its unit.
struct ChainNumber {
    /// Where the number starts.
    start: usize,
    /// The number as written.
    number: Num,
    /// Where it ends (after a standard error, for percentages).
    end: usize,
    /// Whether `vs`, `versus` or `compared with` joins it to the number before.
    after_comparison: bool,
}

/// The numbers joined by list words from byte `i` until one carries the unit (`93.4 and
/// 66.0 %`, `13.0 vs 11.0 months`), with the unit's name and end when one does.
fn read_chain(
    s: &str,
    from: usize,
    to: usize,
    i: usize,
    unit: Unit,
) -> (Vec<ChainNumber>, Option<(Option<&'static str>, usize)>) {
    let mut numbers: Vec<ChainNumber> = Vec::new();
    let mut at = i;
    // What joins the chain to the value before it: the words after that value's last digit
    // (`17.9 h vs. ` compares; `vs. 29.5 h and ` does not, the `vs` being 29.5's).
    let window = &s[char_floor(s, i.saturating_sub(16).max(from))..i];
    let joint = window.rfind(|c: char| c.is_ascii_digit()).map_or(window, |d| &window[d + 1..]);
    let mut compared = is_comparison_joint(joint);
    while at < to {
        let Ok((rest, number)) = unsigned_decimal(&s[at..to]) else { break };
        let mut after = at + consumed(&s[at..to], rest);
        // `21.4 ± 5.2%`: a rate's standard error, before its unit, is no value (a duration
        // with one, `433.78 ± 66.98 days`, is a mean, and no median).
        if unit == Unit::Percent {
            after += plus_minus(&s[after..to]).map_or(0, |(rest, _)| consumed(&s[after..to], rest));
        }
        numbers.push(ChainNumber { start: at, number, end: after, after_comparison: compared });
        if let Some((unit_name, len)) = read_unit(&s[after..to], unit) {
            return (numbers, Some((unit_name, after + len)));
        }
        // `5.5 (3.8–14.0) months`, `4 [1–8] wk`: a bracketed range between a duration and its unit.
        if let Some(past) = (unit == Unit::Time)
            .then(|| bracketed_range_before_unit(&s[after..to]).ok())
            .flatten()
            .map(|(rest, _)| after + consumed(&s[after..to], rest))
        {
            if let Some((unit_name, len)) = read_unit(&s[past..to], unit) {
                return (numbers, Some((unit_name, past + len)));
            }
        }
        match value_joint(&s[after..to]) {
            Ok((_, joint)) if starts_number(s.as_bytes(), after + joint.len()) => {
                compared = is_comparison_joint(joint);
                at = after + joint.len();
            }
            _ => break,
        }
    }
    (numbers, None)
}

/// Whether the chain starting at byte `i` and ending its unit at `unit_end` is no result: it
/// is listed right after a refused chain (`by 56% and 60%`, `by 71% (p < 0.0001) and 47%`),
/// or the text before it (`refused_before`) or after its unit (`refused_after`) refuses it.
fn is_refused(
    patterns: &SeriesPatterns,
    s: &str,
    from: usize,
    i: usize,
    unit_end: usize,
    refused_end: Option<usize>,
) -> bool {
    let follows_refused = refused_end.is_some_and(|e| {
        // `by 71% (p < 0.0001) and 47%`: a bracket between the two values is skipped.
        let gap = &s[e.min(i)..i];
        let gap_start = gap.trim_start().strip_prefix('(').and_then(|g| g.find(')').map(|c| g[c + 1..].len()));
        let joint_from = gap_start.map_or(e, |rest| i - rest);
        e <= i && value_joint(&s[joint_from..i]).is_ok_and(|(_, joint)| joint_from + joint.len() == i)
    });
    follows_refused
        || patterns.refused_before.is_match(&s[from.min(i)..i])
        // Past the region too: `3 and 6 months PFS-Rates` ends where the next endpoint starts.
        || patterns.refused_after.is_match(&s[unit_end..])
}

/// Pushes the values of one chain: every number but the last ends at itself; the last carries
/// the unit and the CI after it, which it keeps only when the interval holds it. Returns where
/// the chain ends.
fn push_chain(
    values: &mut Vec<Value>,
    s: &str,
    to: usize,
    numbers: Vec<ChainNumber>,
    (unit_name, unit_end): (Option<&'static str>, usize),
    chain: usize,
) -> usize {
    let count = numbers.len();
    let mut end = unit_end;
    for (index, number) in numbers.into_iter().enumerate() {
        let mut value = Value {
            number: number.number,
            time_unit: unit_name,
            interval: None,
            level: None,
            start: number.start,
            end: if index + 1 == count { unit_end } else { number.end },
            chain,
            arm: None,
            arm_before: false,
            after_comparison: number.after_comparison,
            chain_arms: None,
            chain_arms_before: None,
            for_both: false,
            weak_arm: None,
            from_to: false,
            part: None,
        };
        if index + 1 == count {
            if let Ok((rest, ci)) = ci_after_value(&s[unit_end..to]) {
                let bounds = ci.bounds;
                let inside = bounds.lower.value <= value.number.value && value.number.value <= bounds.upper.value;
                if inside {
                    value.interval = Some(bounds);
                    value.level = ci.level;
                }
                end = unit_end + consumed(&s[unit_end..to], rest);
                value.end = end;
            } else if let Some(length) = spread_aside(&s[unit_end..to]) {
                // `13 days (range 1–84) in cases`: the group follows the spread.
                end = unit_end + length;
                value.end = end;
            }
        }
        values.push(value);
    }
    end
}

/// The group phrases around the chain of `values[first..]`, which ends at byte `end`: after
/// its last value (`in the X arm`, `for arm A and B`, `for both`) and before its first (`in
/// arm A was`, `in groups A and B were`).
fn name_chain_groups(values: &mut [Value], first: usize, s: &str, from: usize, end: usize, to: usize) {
    let count = values.len() - first;
    let chain_len = values.iter().filter(|v| v.chain == values[first].chain).count();
    let tail = &s[end..to];
    let for_both = tail.trim_start().starts_with("for both") || tail.trim_start().starts_with("in both");
    if let Some(found) = arm_local::after(tail) {
        if !found.respectively {
            // `45% and 30% for X and Y`: as many groups listed as the chain has values.
            if chain_len > 1 && found.listed.len() == chain_len {
                values.last_mut().into_iter().for_each(|v| v.chain_arms = Some(found.listed.clone()));
            } else if found.labels.len() == 1 {
                values.last_mut().into_iter().for_each(|v| v.arm = found.labels.first().cloned());
            } else {
                values.last_mut().into_iter().for_each(|v| v.chain_arms = Some(found.labels.clone()));
            }
        }
    }
    if let Some(last) = values.last_mut().filter(|v| v.arm.is_none() && v.chain_arms.is_none()) {
        last.weak_arm = arm_local::after_treatment(tail);
    }
    values.last_mut().into_iter().for_each(|v| v.for_both = for_both);
    let previous_end = if first > 0 { values[first - 1].end } else { from };
    let before_text = &s[previous_end.min(values[first].start)..values[first].start];
    if let Some(found) = arm_local::before(before_text) {
        let labels = found.labels;
        // `longer with X than with Y (6.1 vs 4.2 months)`: Y is the second value's group, and
        // the first value's only in `lower in X (6.8%) than in Y (14.7%)`.
        let continues = value_joint(&s[end..to]).is_ok_and(|(_, joint)| starts_number(s.as_bytes(), end + joint.len()));
        if found.comparator && (count > 1 || continues) {
            if count == 2 && labels.len() == 1 && values[first + 1].arm.is_none() {
                values[first + 1].arm = labels.first().cloned();
                values[first + 1].arm_before = true;
            }
        } else if labels.len() == 1 {
            if values[first].arm.is_none() || count > 1 {
                values[first].arm = labels.first().cloned();
                values[first].arm_before = true;
            }
        } else {
            values[first].chain_arms_before = Some(labels);
        }
    } else if let Some(label) = arm_local::opening_item(before_text).filter(|_| values[first].arm.is_none()) {
        values[first].weak_arm = Some(label);
    }
}

/// `5.6 months with drug A and 3.1 (95% CI 2.5–4.0) with drug B`: a duration written without
/// its unit right after one that has it and names its group after it, in a list or comparison,
/// takes that unit when a group phrase follows it too. Returns the unit and where the number
/// ends.
fn carried_unit(
    s: &str,
    to: usize,
    values: &[Value],
    numbers: &[ChainNumber],
    unit: Unit,
) -> Option<(Option<&'static str>, usize)> {
    let [number] = numbers else { return None };
    let previous = values.last().filter(|v| unit == Unit::Time && v.arm.is_some() && !v.arm_before)?;
    let gap = s.get(previous.end..number.start)?;
    let plain = gap.len() <= 80 && !gap.contains(|c: char| c.is_ascii_digit() || ";()[]%".contains(c));
    let gap = gap.trim_end();
    let joined =
        plain && [" and", " vs", " vs.", " versus", " compared with", " compared to"].iter().any(|j| gap.ends_with(j));
    let after = &s[number.end..to];
    let past_ci = ci_after_value(after).map_or(0, |(rest, _)| consumed(after, rest));
    let named = arm_local::after(&after[past_ci..]).is_some_and(|found| !found.respectively);
    (joined && named).then_some((previous.time_unit, number.end))
}

/// Whether the number at byte `i` is a p-value: `P = 0.002`, `p<0.01`, `P-value = 0.3`.
fn is_p_value_at(s: &str, from: usize, i: usize) -> bool {
    let before = s[from.min(i)..i].trim_end();
    let Some(before) = before.strip_suffix(['=', '<', '>', '≤', '≥']) else { return false };
    let before = before.trim_end().trim_end_matches(['<', '>']).trim_end();
    let before = before.strip_suffix("-value").or_else(|| before.strip_suffix(" value")).unwrap_or(before);
    before.ends_with(['p', 'P']) && !before[..before.len() - 1].ends_with(|c: char| c.is_alphanumeric())
}

/// The first char boundary at or after `at`.
pub fn char_floor(s: &str, at: usize) -> usize {
    (at..=s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(s.len())
}

/// Whether a number starts at byte `i` (not inside a word, a number or a range like `COVID-19`).
fn starts_number(bytes: &[u8], i: usize) -> bool {
    i < bytes.len()
        && bytes[i].is_ascii_digit()
        && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'.' | b'-' | b'/' | b'_')))
}

/// The unit right after a number: ` %` or ` months`; its normalised name and length.
fn read_unit(input: &str, unit: Unit) -> Option<(Option<&'static str>, usize)> {
    let (rest, _) = ws(input).ok()?;
    match unit {
        Unit::Percent => rest.strip_prefix('%').map(|r| (None, consumed(input, r))),
        Unit::Time => time_unit(rest).ok().map(|(r, name)| (Some(name), consumed(input, r))),
    }
}

/// A row to be: which value, which slot of the anchor, and which group.
#[derive(Debug, Clone)]
pub struct Assigned {
    /// Index into the values.
    pub value: usize,
    /// Index into the anchor's slots.
    pub slot: usize,
    /// The group, when known.
    pub arm: Option<String>,
}

impl Assigned {
    /// The row of this assignment's value: its number, CI, group and `rule`, with the value's
    /// span; the finder adds what its kind needs (endpoint, time, unit).
    pub fn row(&self, kind: Kind, values: &[Value], rule: &str) -> (Row, (usize, usize)) {
        let value = &values[self.value];
        let mut row = Row::new("", kind);
        row.value = Some(value.number.clone());
        if let Some(ci) = &value.interval {
            row.lower = Some(ci.lower.clone());
            row.ci_level = value.level.clone();
            row.upper = Some(ci.upper.clone());
        }
        row.arm = self.arm.clone();
        row.rule = rule.to_string();
        (row, (value.start, value.end))
    }

    /// Adds this assignment's group to `arms`, the groups in the order they are first named
    /// (`total` is no group).
    pub fn note_arm(&self, arms: &mut Vec<String>) {
        if let Some(arm) = self.arm.as_ref().filter(|arm| *arm != "total" && !arms.contains(arm)) {
            arms.push(arm.clone());
        }
    }
}

/// Gives each value its slot and group; `lists` are candidate group lists of the sentence
/// (respectively, comparison, inherited), tried in order when a value names no group;
/// `context` holds the record's groups and the sentence's subject.
pub fn assign(values: &[Value], slots: usize, lists: &[Vec<String>], context: &Context) -> Vec<Assigned> {
    let n = values.len();
    if n == 0 || slots == 0 {
        return Vec::new();
    }
    let list_of = |len: usize| lists.iter().find(|l| l.len() == len).cloned();
    // Groups spread over each chain: `39.3 vs 31.2 months for arm A and B`.
    let mut arms: Vec<Option<String>> = values.iter().map(|v| v.arm.clone()).collect();
    for (i, v) in values.iter().enumerate() {
        let chain: Vec<usize> = (0..n).filter(|&j| values[j].chain == v.chain).collect();
        let list = v.chain_arms.as_ref().or(v.chain_arms_before.as_ref());
        if let Some(list) = list.filter(|l| l.len() == chain.len()) {
            for (j, label) in chain.iter().zip(list) {
                arms[*j] = Some(label.clone());
            }
        } else if v.chain_arms.is_some() && i + 1 == n && n == 1 {
            arms[i] = None;
        }
    }
    settle_compared_pairs(values, &mut arms, lists, context);
    if slots == 1 {
        let mut out = Vec::new();
        let fallback = if arms.iter().all(Option::is_none) { list_of(n) } else { None };
        for (i, v) in values.iter().enumerate() {
            if v.for_both {
                if let Some(pair) = list_of(2) {
                    out.extend(pair.into_iter().map(|arm| Assigned { value: i, slot: 0, arm: Some(arm) }));
                    continue;
                }
            }
            // `from 9.1 to 11.2 months`: which group changed to which, no order tells.
            let guessed = if v.from_to { None } else { fallback.as_ref().map(|l| l[i].clone()) };
            let arm = arms[i].clone().or(guessed);
            out.push(Assigned { value: i, slot: 0, arm });
        }
        if n == 1 && out.len() == 1 && out[0].arm.is_none() && lists.iter().all(|l| l.len() != 2) {
            out[0].arm = Some(context.subject.clone().unwrap_or_else(|| "total".to_string()));
        }
        return out;
    }
    if n == slots {
        let arm = |i: usize| arms[i].clone().or_else(|| arms.iter().flatten().next().cloned());
        // `In arm B, the 1- and 2-year OS rates were`: the one group the sentence opens with.
        let one = list_of(1).map(|l| l[0].clone());
        let total = || one.clone().or_else(|| Some(context.subject.clone().unwrap_or_else(|| "total".to_string())));
        return (0..n).map(|i| Assigned { value: i, slot: i, arm: arm(i).or_else(total) }).collect();
    }
    if n % slots != 0 {
        return Vec::new();
    }
    let groups = n / slots;
    // Group by group when each run of `slots` values names its group.
    let run_arms: Vec<Option<String>> =
        (0..groups).map(|g| arms[g * slots + slots - 1].clone().or_else(|| arms[g * slots].clone())).collect();
    if run_arms.iter().all(Option::is_some) {
        return (0..n).map(|i| Assigned { value: i, slot: i % slots, arm: run_arms[i / slots].clone() }).collect();
    }
    let list = list_of(groups);
    // `29.8 h and 17.9 h vs. 29.5 h and 19.1 h`: `vs` opens each group's run of values, and only
    // it, so the runs are groups and the values within a run are slots.
    let compared_runs = (0..n).all(|i| values[i].after_comparison == (i >= slots && i % slots == 0));
    if compared_runs {
        return (0..n)
            .map(|i| Assigned { value: i, slot: i % slots, arm: list.as_ref().map(|l| l[i / slots].clone()) })
            .collect();
    }
    (0..n).map(|i| Assigned { value: i, slot: i / groups, arm: list.as_ref().map(|l| l[i % groups].clone()) }).collect()
}

/// The groups of the latest sentence before byte `at` whose rows name two or more groups, in
/// order: what a later sentence refers to when it names none (`58% and 74% accordingly`).
pub fn groups_before(findings: &[super::Finding], text: &super::Text, at: usize) -> Option<Vec<String>> {
    let mut best: Option<(usize, Vec<String>)> = None;
    for finding in findings.iter().filter(|f| f.span.0 < at) {
        let Some(arm) = finding.row.arm.as_ref().filter(|a| *a != "total") else { continue };
        let sentence = text.sentence_index(finding.span.0);
        match &mut best {
            Some((index, arms)) if *index == sentence => {
                if !arms.contains(arm) {
                    arms.push(arm.clone());
                }
            }
            Some((index, _)) if *index > sentence => {}
            _ => best = Some((sentence, vec![arm.clone()])),
        }
    }
    best.map(|(_, arms)| arms).filter(|arms| arms.len() > 1)
}

/// What a sentence and its record tell about the groups, beyond the words around each value.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The groups the record defines (`randomised to X or Y`, `X (n = 60)`), in order.
    pub record: Vec<String>,
    /// The one group of a sentence whose subject is a group (`47 patients treated with X
    /// achieved a median PFS of 13 months`), for values that name none.
    pub subject: Option<String>,
}

/// The words of a group label that tell groups apart ([`group_key`]), one string each.
fn group_words(label: &str) -> Vec<String> {
    group_key(label).split(' ').filter(|w| !w.is_empty()).map(String::from).collect()
}

/// The groups of `groups` in order, one label per group: a label whose [`group_key`] an
/// earlier one has is left out.
fn distinct_groups<'a>(groups: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut distinct: Vec<String> = Vec::new();
    for group in groups {
        if !distinct.iter().any(|g| group_key(g) == group_key(group)) {
            distinct.push(group.clone());
        }
    }
    distinct
}

/// How well a label names a group of the record: the share of the shorter one's words that
/// both hold (0 when none), over the words of [`group_key`].
///
/// The finders' one notion of "same arm" is equal [`group_key`]s; this score is for choosing,
/// among the groups of a pair, the one a partial label (`immediate` for `immediate treatment`)
/// names best, so it is a fraction compared between groups, not a yes or no. The evaluation's
/// `eval::same_arm` asks a yes or no of the same shape (half of the shorter label's words) on
/// its own word list, since it scores labels as CONTRACT.md defines, not as the finders group
/// them.
fn overlap(a: &str, b: &str) -> f64 {
    let (a, b) = (group_words(a), group_words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    shared as f64 / a.len().min(b.len()) as f64
}

/// The index of the group of `groups` a label names best, when one names it best alone.
fn best_group(label: &str, groups: &[String]) -> Option<usize> {
    let scores: Vec<f64> = groups.iter().map(|g| overlap(label, g)).collect();
    let best = scores.iter().copied().fold(0.0, f64::max);
    if best < 0.5 {
        return None;
    }
    let winners: Vec<usize> = (0..groups.len()).filter(|&i| scores[i] == best).collect();
    (winners.len() == 1).then(|| winners[0])
}

/// Two values compared (`13.0 vs 11.0 months`, `11.3% versus 8.6%`) belong to two groups:
/// - when one names a group and the other names none (or only an endpoint read before it), the
///   other is the second group of a pair holding the first (the sentence's compared groups, else
///   the record's two groups);
/// - when neither names a group, they are the sentence's compared groups (the first list of two).
fn settle_compared_pairs(values: &[Value], arms: &mut [Option<String>], lists: &[Vec<String>], context: &Context) {
    let mut pairs: Vec<Vec<String>> = lists.iter().filter(|l| l.len() == 2).cloned().collect();
    let record = distinct_groups(&context.record);
    if record.len() == 2 {
        pairs.push(record.clone());
    }
    for i in 1..values.len() {
        let (first, second) = (&values[i - 1], &values[i]);
        let chain_len = values.iter().filter(|v| v.chain == first.chain).count();
        if !second.after_comparison || first.chain != second.chain || chain_len != 2 {
            continue;
        }
        // A label read before a value is trusted when it names a group of the record.
        let known = |v: &Value, arm: &Option<String>| {
            arm.as_ref().filter(|a| !v.arm_before || pairs.iter().any(|p| best_group(a, p).is_some())).cloned()
        };
        match (known(first, &arms[i - 1]), known(second, &arms[i])) {
            (Some(_), Some(_)) => {}
            (Some(named), None) | (None, Some(named)) => {
                let named_first = known(first, &arms[i - 1]).is_some();
                let other = pairs.iter().find_map(|p| best_group(&named, p).map(|k| p[1 - k].clone()));
                if let Some(other) = other.filter(|o| overlap(o, &named) < 1.0) {
                    if named_first {
                        arms[i] = Some(other);
                    } else {
                        arms[i - 1] = Some(other);
                    }
                }
            }
            (None, None) => {
                if let Some(pair) = lists.iter().find(|l| l.len() == 2) {
                    arms[i - 1] = Some(pair[0].clone());
                    arms[i] = Some(pair[1].clone());
                }
            }
        }
    }
}

/// The verbs of result the `subject` pattern ends with, searched as literals before it.
const SUBJECT_VERBS: [&str; 5] = ["achieved", "experienced", "had", "showed", "attained"];

/// The patterns that read the groups a sentence or a record names (`group_*` in `arms.toml`;
/// case-sensitive, each marking its case-insensitive parts with `(?i:…)`).
#[derive(Debug, Clone)]
pub struct GroupPatterns {
    allocation: Regex,
    receiving: Regex,
    listed_before_values: Regex,
    comparing: Regex,
    alternative: Regex,
    subject: Regex,
    subject_treatment: Regex,
    referring: Regex,
    listed: Regex,
    compares: Regex,
    subject_than: Regex,
    clause_opening: Regex,
    comparator_lead: Regex,
}

impl GroupPatterns {
    /// Compiles the `group_*` patterns of `arms.toml`.
    pub fn compile(source: &Source<'_>) -> Result<GroupPatterns> {
        let pattern = |key: &str| source.pattern_with_case(&format!("group_{key}"), false);
        Ok(GroupPatterns {
            allocation: pattern("allocation")?,
            // Wholly case-insensitive, and names the `participants` list.
            receiving: lexicon_pattern_with(source, source, "group_receiving")?,
            listed_before_values: pattern("listed_before_values")?,
            comparing: pattern("comparing")?,
            alternative: pattern("alternative")?,
            subject: pattern("subject")?,
            subject_treatment: pattern("subject_treatment")?,
            referring: pattern("referring")?,
            listed: pattern("listed")?,
            compares: pattern("compares")?,
            subject_than: pattern("subject_than")?,
            clause_opening: pattern("clause_opening")?,
            comparator_lead: pattern("comparator_lead")?,
        })
    }
}

/// The lists of groups a sentence offers its values that name none, in the order they are
/// tried: its `respectively` list, its comparison, the pair it compares, the groups of `these
/// groups` listed in the `previous` sentence (survival only passes it), the record's pair in
/// the order the sentence names them; with the record's groups and the sentence's subject.
pub fn sentence_groups(
    labels: &ArmLabels,
    s: &str,
    (from, to): (usize, usize),
    previous: Option<&str>,
    record: &[String],
) -> (Vec<Vec<String>>, Context) {
    let sentence = &s[from..to];
    let mut lists: Vec<Vec<String>> = Vec::new();
    lists.extend(clause_groups(labels, sentence));
    lists.extend(arm_local::respectively_list(sentence));
    lists.extend(respectively_before_values(labels, sentence));
    lists.extend(arm_local::comparison_list(sentence));
    lists.extend(sentence_pair(labels, s, (from, to)));
    lists.extend(subject_and_comparator(labels, sentence));
    if let Some(previous) = previous {
        lists.extend(referred_groups(labels, sentence, previous));
    }
    lists.extend(named_record_pair(labels, record, sentence));
    lists.iter_mut().for_each(|list| drop_shared_plural(list));
    (lists, Context { record: record.to_vec(), subject: subject_group(labels, sentence) })
}

/// The groups of `The 1-year survival in the A, B and C arms was 80%, 75% and 60%,
/// respectively`: listed before the values, which the `respectively` list after them cannot
/// read. Only a list of three or more (two are read as a comparison), and not a list of
/// participants (`in patients with A, B and C`).
fn respectively_before_values(labels: &ArmLabels, sentence: &str) -> Option<Vec<String>> {
    if !sentence.contains("respectively") {
        return None;
    }
    let caps = labels.groups().listed_before_values.captures(sentence)?;
    let words = caps.get(1)?.as_str();
    let lower = words.to_ascii_lowercase();
    if [" in ", " for ", " among ", " with ", " of ", " at "].iter().any(|w| lower.contains(w)) {
        return None;
    }
    let after = &sentence[caps.get(0)?.end()..];
    let respectively_closes = after.find("respectively").is_some_and(|at| !after[..at].contains(['.', ';']));
    let list = arm_local::listed_groups(words);
    (respectively_closes && list.len() >= 3).then_some(list)
}

/// `the gemcitabine and observation arms`: the plural noun the last label of a list shares with
/// the others names no group of its own, so the last label is `observation` like the first is
/// `gemcitabine`.
fn drop_shared_plural(list: &mut [String]) {
    const NOUNS: [&str; 3] = ["arms", "groups", "cohorts"];
    let Some((last, others)) = list.split_last_mut() else { return };
    let Some((head, noun)) = last.rsplit_once(' ') else { return };
    let singular = noun.trim_end_matches('s');
    let others_bare = others.iter().all(|o| {
        let end = o.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        end != singular && end != noun
    });
    if !others.is_empty() && others_bare && NOUNS.contains(&noun) && !head.trim().is_empty() {
        *last = head.trim_end().to_string();
    }
}

/// The two groups the record allocates to: `randomised to either X or Y`, `assigned to X or Y`.
pub fn allocated_pair(labels: &ArmLabels, s: &str) -> Option<(String, String)> {
    // Words between the verb and `to` that show it is no allocation of people to two groups:
    // `randomised controlled study was to compare`, `assigned into four groups to receive`.
    const NOT_BETWEEN: &[&str] =
        &["controlled", "trial", "study", "was", "were", "is", "are", "into", "groups", "arms"];
    labels
        .groups()
        .allocation
        .find_iter(s)
        .filter(|m| {
            !m.as_str().split_whitespace().skip(1).any(|w| NOT_BETWEEN.contains(&w.to_ascii_lowercase().as_str()))
        })
        .find_map(|m| alternatives(labels, s, m.end(), false))
}

/// The arms a record defines, in order: the alternatives of an allocation (`randomised to
/// receive either immediate or delayed treatment`), else the labels of its arm sizes, one per
/// group.
///
/// Not `arms::record_groups`, which reads the groups a text names with a group noun (`the DZ
/// group`) to share out a count `per group` before any arm size exists; and not the events
/// finder's `known_arms`, which prefers the arm sizes (in text order, leaving out `group 2`)
/// and the allocation only when they name fewer than two groups. Making these one would change
/// which group some survival, median and event rows name.
pub fn record_arms(labels: &ArmLabels, text: &Text, arm_sizes: &[Finding]) -> Vec<String> {
    if let Some((first, second)) = allocated_pair(labels, text.as_str()) {
        return vec![first, second];
    }
    let sized =
        distinct_groups(arm_sizes.iter().filter_map(|finding| finding.row.arm.as_ref().filter(|a| *a != "total")));
    if sized.len() < 2 {
        if let Some((first, second)) = received_pair(labels, text.as_str()) {
            return vec![first, second];
        }
    }
    sized
}

/// The two treatments participants were given where no allocation names them: `Subjects
/// received DRCFI or placebo in three cycles`. Not a list of three (`received X 5 or 10 mg, or
/// placebo`).
fn received_pair(labels: &ArmLabels, s: &str) -> Option<(String, String)> {
    let m = labels.groups().receiving.find(s)?;
    let (first, second) = alternatives(labels, s, m.end(), false)?;
    let at = m.end() + s[m.end()..].find(second.as_str())? + second.len();
    let rest = s[at..].trim_start().to_ascii_lowercase();
    let listed_on = [", or ", ",or ", "or ", ", and ", "and "].iter().any(|w| rest.starts_with(w));
    (!listed_on).then_some((first, second))
}

/// Two alternatives read from byte `at`: `immediate or delayed treatment` → `immediate
/// treatment`, `delayed treatment`; with `comparing`, `X with Y` too.
fn alternatives(labels: &ArmLabels, s: &str, at: usize, comparing: bool) -> Option<(String, String)> {
    let first = labels.after(s, at)?;
    let joint = labels.groups().alternative.find(&s[first.span.1..])?;
    let word = joint.as_str().trim().rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    if !comparing && matches!(word.as_str(), "with" | "and" | "to") {
        return None;
    }
    let second = labels.after(s, first.span.1 + joint.end())?;
    let short = |l: &str| l.split_whitespace().count() <= 5 && !l.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !short(&first.text) || !short(&second.text) || group_key(&first.text) == group_key(&second.text) {
        return None;
    }
    let mut first_text = first.text.clone();
    // `immediate or delayed treatment`: the first alternative shares the second's noun.
    if !first_text.contains(' ') && second.text.contains(' ') {
        if let Some(noun) = second.text.rsplit(' ').next() {
            first_text = format!("{first_text} {noun}");
        }
    }
    Some((first_text, second.text))
}

/// The two groups a sentence compares: `comparing X with Y`, `between X and Y`, or what the
/// shared labeller reads (`with erlotinib than placebo`, `X vs Y`).
pub fn sentence_pair(labels: &ArmLabels, s: &str, sentence: (usize, usize)) -> Option<Vec<String>> {
    let p = labels.groups();
    for m in p.comparing.find_iter(&s[sentence.0..sentence.1]) {
        if let Some((first, second)) = alternatives(labels, s, sentence.0 + m.end(), true) {
            return Some(vec![first, second]);
        }
    }
    let (first, second) = labels.compared_pair(s, sentence)?;
    // `a shorter median OS than X`: an endpoint is no group.
    let group = |label: &str| label.rsplit(' ').next().is_some_and(arm_local::is_group);
    (group(&first.text) && group(&second.text)).then(|| vec![first.text, second.text])
}

/// The groups that clauses of a sentence open with, in order: `In the X arm, median OS was 9.1
/// months, and in the Y arm, it was 11.2 months` → X arm, Y arm. Only singular group nouns
/// (`arm`, `group`, `cohort`), so a subgroup (`In patients with X,`) names none.
pub fn clause_groups(labels: &ArmLabels, sentence: &str) -> Option<Vec<String>> {
    let p = labels.groups();
    if !sentence.contains(',') {
        return None;
    }
    let opened: Vec<String> = p
        .clause_opening
        .captures_iter(sentence)
        .filter_map(|caps| caps.get(1).map(|m| m.as_str().to_string()))
        .collect();
    (!opened.is_empty() && opened.iter().all(|l| arm_local::is_group(l))).then_some(opened)
}

/// The subject of a result and the group it is compared with, when both are groups: a group
/// noun (`The NIV group … than the no-NIV group`) or participants defined by what they have
/// (`Women with p53 over-expression … than those without p53 over-expression`).
///
/// Not when the values are `respectively` (`Patients with Del19 tumours displayed better OS
/// (median: 45.3 vs 33.3 months, respectively) than those with L858R`): they are then another
/// list's, the arms within each subgroup.
pub fn subject_and_comparator(labels: &ArmLabels, sentence: &str) -> Option<Vec<String>> {
    // The pattern's comparison words are lower case and must be there: a literal search finds
    // their absence faster than the pattern's captures can.
    if sentence.contains("respectively") || !(sentence.contains("than") || sentence.contains("compared")) {
        return None;
    }
    let caps = labels.groups().subject_than.captures(sentence)?;
    let phrase = |key: &str| -> Option<String> {
        let text = caps.name(key)?.as_str().trim();
        let text = text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")).unwrap_or(text);
        let mut words = text.split_whitespace();
        let first = words.next()?;
        let defined_by_trait = (labels.is_participant(first) || first.eq_ignore_ascii_case("those"))
            && matches!(words.next(), Some("with" | "without"));
        (labels.has_group_noun(text) || defined_by_trait).then(|| text.to_string())
    };
    let (first, second) = (phrase("first")?, phrase("second")?);
    (group_key(&first) != group_key(&second)).then(|| vec![first, second])
}

/// The group a sentence's subject names, when the sentence reports a result for it:
/// `47 patients treated with X achieved … median PFS of 13 months` → `X`; `Dogs with prostatic
/// involvement experienced a shorter survival` → the whole subject.
pub fn subject_group(labels: &ArmLabels, sentence: &str) -> Option<String> {
    // One of the pattern's verbs of result (lower case) must be there; see [`SUBJECT_VERBS`].
    if !SUBJECT_VERBS.iter().any(|verb| sentence.contains(verb)) {
        return None;
    }
    let p = labels.groups();
    let caps = p.subject.captures(sentence)?;
    let subject = caps.get(1)?;
    let text = subject.as_str().trim_end_matches(" and").trim_end_matches(" who");
    let first_word = text.split_whitespace().next()?;
    if matches!(first_word, "All" | "Both" | "The" | "These" | "Those" | "Overall" | "Most" | "Many" | "Few") {
        return None;
    }
    let treatment = p.subject_treatment.find_iter(text).last();
    let label = match treatment {
        Some(t) if !t.as_str().trim().eq_ignore_ascii_case("with") || !text[..t.start()].contains(' ') => {
            labels.after(text, t.end()).map(|l| l.text).filter(|l| l.len() + t.end() + 1 >= text.len())?
        }
        _ => {
            if first_word.chars().all(|c| c.is_ascii_digit()) || !text.contains(" with ") {
                return None;
            }
            text.to_string()
        }
    };
    (!labels.names_everyone(&label) && label.split_whitespace().count() <= 6).then_some(label)
}

/// The groups of the sentence before, when a sentence refers to them (`for these groups`) and
/// that sentence lists them (`70% had no WL, 16% had ⩽5% WL, and 5% had >10% WL`).
pub fn referred_groups(labels: &ArmLabels, sentence: &str, previous: &str) -> Option<Vec<String>> {
    let p = labels.groups();
    if !p.referring.is_match(sentence) {
        return None;
    }
    let groups: Vec<String> =
        p.listed.captures_iter(previous).filter_map(|c| Some(c.get(1)?.as_str().trim().to_string())).collect();
    (groups.len() >= 2).then_some(groups)
}

/// Words of a group label too common to show that a sentence names that group (`stroke alone`
/// does not name `balloon angioplasty alone`).
const GENERIC_GROUP_WORDS: &[&str] = &[
    "alone",
    "only",
    "plus",
    "with",
    "without",
    "and",
    "or",
    "therapy",
    "treatment",
    "care",
    "standard",
    "usual",
    "dose",
    "mg",
    "high",
    "low",
    "control",
    "controls",
    "regimen",
    "chemotherapy",
    "surgery",
    "intervention",
];

/// The record's two groups in the order a sentence names them, when it names at least one by
/// a word the other lacks (`better with immediate treatment (median 13.0 vs 11.0 months`):
/// values that name no group are theirs in that order.
pub fn named_record_pair(labels: &ArmLabels, record: &[String], sentence: &str) -> Option<Vec<String>> {
    let groups = distinct_groups(record);
    if groups.len() != 2 {
        return None;
    }
    let lower = sentence.to_ascii_lowercase();
    let words: Vec<(usize, &str)> = word_positions(&lower);
    let keys: Vec<Vec<String>> = groups.iter().map(|g| group_words(g)).collect();
    let position = |k: usize| -> Option<usize> {
        let own: Vec<&String> =
            keys[k].iter().filter(|w| !keys[1 - k].contains(w) && !GENERIC_GROUP_WORDS.contains(&w.as_str())).collect();
        if own.is_empty() {
            return None;
        }
        if own.iter().all(|w| w.chars().count() == 1) {
            // `arm A`, `group 2`: the whole label.
            let label = groups[k].to_ascii_lowercase();
            let whole_word = |at: usize| {
                let before = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = lower[at + label.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            };
            return lower.match_indices(&label).map(|(at, _)| at).find(|&at| whole_word(at));
        }
        words.iter().find(|(_, w)| own.iter().any(|o| o.chars().count() > 1 && o.as_str() == *w)).map(|(at, _)| *at)
    };
    let first = match (position(0), position(1)) {
        (None, None) => return None,
        (Some(a), Some(b)) if b < a => (1, b),
        (None, Some(b)) => (1, b),
        (Some(a), _) => (0, a),
    };
    // `Compared with Y, X improved OS (52% vs 40%)`, `X gave shorter OS than Y (…)`: the group
    // named first after a comparison is the second one compared.
    let compared = labels.groups().comparator_lead.is_match(&lower[..first.1]);
    let order = if compared { [1 - first.0, first.0] } else { [first.0, 1 - first.0] };
    Some(order.iter().map(|&k| groups[k].clone()).collect())
}

/// The words of a lower-cased text with their byte offsets, split like [`group_key`].
fn word_positions(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || c == '+';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, &text[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &text[b..]));
    }
    out
}

/// Whether a sentence compares groups of its own (`compared with patients without
/// restenosis`): then the groups of an earlier sentence are not its groups, even when the
/// sentence's own could not be read.
pub fn compares_own_groups(labels: &ArmLabels, sentence: &str) -> bool {
    labels.groups().compares.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::RuleSet;

    fn labels() -> ArmLabels {
        RuleSet::embedded().unwrap().arms.labels.clone()
    }

    #[test]
    fn record_arms_from_an_allocation() {
        let text = Text::new(
            "Patients (n=168) were randomised to receive either immediate or delayed treatment (at onset of symptoms).",
        );
        assert_eq!(record_arms(&labels(), &text, &[]), vec!["immediate treatment", "delayed treatment"]);
        let text =
            Text::new("Patients were randomly assigned to either treatment in equal proportions by telephone or fax.");
        assert!(record_arms(&labels(), &text, &[]).is_empty());
        let text = Text::new("Subjects received DRCFI or placebo in three treatment cycles of 28 days.");
        assert_eq!(record_arms(&labels(), &text, &[]), vec!["DRCFI", "placebo"]);
        let text = Text::new("Patients received tofacitinib 5 or 10 mg twice daily, or placebo, for 12 weeks.");
        assert!(record_arms(&labels(), &text, &[]).is_empty());
    }

    #[test]
    fn groups_listed_before_their_values() {
        let listed = |s: &str| respectively_before_values(&labels(), s);
        assert_eq!(
            listed(
                "The 1-year survival rates in the drug A, drug B and placebo arms were 80%, 75% and 60%, respectively."
            ),
            Some(vec!["drug A arm".to_string(), "drug B arm".to_string(), "placebo arm".to_string()])
        );
        assert_eq!(
            listed("Rates for low dose, high dose and control were 8%, 7% and 6%, respectively."),
            Some(vec!["low dose".to_string(), "high dose".to_string(), "control".to_string()])
        );
        assert_eq!(listed("The rate in patients with A, B and C was 8%, 7% and 6%, respectively."), None);
        assert_eq!(listed("The rates in the A and B arms were 8% and 6%, respectively."), None);
    }

    #[test]
    fn a_list_shares_its_plural_noun() {
        let mut list = vec!["gemcitabine".to_string(), "observation arms".to_string()];
        drop_shared_plural(&mut list);
        assert_eq!(list, vec!["gemcitabine", "observation"]);
        let mut list = vec!["drug A".to_string(), "drug B".to_string(), "placebo groups".to_string()];
        drop_shared_plural(&mut list);
        assert_eq!(list, vec!["drug A", "drug B", "placebo"]);
        let mut list = vec!["treatment group".to_string(), "control groups".to_string()];
        drop_shared_plural(&mut list);
        assert_eq!(list, vec!["treatment group", "control groups"]);
    }

    #[test]
    fn groups_that_open_clauses() {
        assert_eq!(
            clause_groups(&labels(), "In the saline arm, median OS was 9.1 months, and in arm B, it was 11.2 months."),
            Some(vec!["saline arm".to_string(), "arm B".to_string()])
        );
        assert_eq!(clause_groups(&labels(), "In patients with fever, median OS was 9.1 months."), None);
    }

    #[test]
    fn the_record_pair_after_a_comparison() {
        let record = vec!["drug Q".to_string(), "saline".to_string()];
        let swapped = Some(vec!["saline".to_string(), "drug Q".to_string()]);
        assert_eq!(
            named_record_pair(&labels(), &record, "Compared with drug Q, saline shortened OS (5 vs 8 months)."),
            swapped
        );
        assert_eq!(named_record_pair(&labels(), &record, "OS was shorter than with drug Q (5 vs 8 months)."), swapped);
        assert_eq!(
            named_record_pair(&labels(), &record, "Drug Q gave longer OS (8 vs 5 months)."),
            Some(record.clone())
        );
    }

    #[test]
    fn a_sentence_names_the_record_groups_in_its_order() {
        let record = vec!["arm A".to_string(), "arm B".to_string()];
        assert_eq!(
            named_record_pair(
                &labels(),
                &record,
                "Overall survival differed in favour of arm B (median 8.0 vs 5.3 months)."
            ),
            Some(vec!["arm B".to_string(), "arm A".to_string()])
        );
        assert_eq!(named_record_pair(&labels(), &record, "Median OS was 8.0 vs 5.3 months."), None);
        assert_eq!(
            named_record_pair(&labels(), &record, "Survival in each arm and overall was 8.0 vs 5.3 months."),
            None
        );
        let record = vec!["osimertinib 80 mg".to_string(), "platinum-based doublet chemotherapy".to_string()];
        assert_eq!(
            named_record_pair(
                &labels(),
                &record,
                "osimertinib improved PFS versus platinum-based doublet chemotherapy (10.9 vs. 5.3 months)"
            ),
            Some(record.clone())
        );
    }

    #[test]
    fn comparing_x_with_y_is_a_pair() {
        let s = "By comparing endovascular treatment with endarterectomy after the 30-day period, the rate was 11.3% versus 8.6%.";
        assert_eq!(
            sentence_pair(&labels(), s, (0, s.len())),
            Some(vec!["endovascular treatment".to_string(), "endarterectomy".to_string()])
        );
    }

    #[test]
    fn a_subject_names_its_group() {
        let l = labels();
        assert_eq!(
            subject_group(&l, "In the first-line setting, 47 patients treated with mFOLFOX6 plus bevacizumab achieved RR of 61.7 %, and median PFS of 13.1 months."),
            Some("mFOLFOX6 plus bevacizumab".to_string())
        );
        assert_eq!(
            subject_group(&l, "Thirty-one patients went on to receive a second-line therapy with FOLFIRI plus bevacizumab and achieved median PFS of 7.3 months."),
            Some("FOLFIRI plus bevacizumab".to_string())
        );
        assert_eq!(
            subject_group(&l, "Dogs with prostatic involvement experienced a shorter survival (median, 109 days)."),
            Some("Dogs with prostatic involvement".to_string())
        );
        assert_eq!(subject_group(&l, "All patients treated with X had a median OS of 12 months."), None);
        assert_eq!(subject_group(&l, "Patients had a median survival of 12 months."), None);
    }

    #[test]
    fn a_subject_compared_with_another_group_is_a_pair() {
        let l = labels();
        let pair = |a: &str, b: &str| Some(vec![a.to_string(), b.to_string()]);
        assert_eq!(
            subject_and_comparator(
                &l,
                "The cream group had a longer time to relapse (median 40 days) than the placebo group (21 days)."
            ),
            pair("cream group", "placebo group")
        );
        assert_eq!(
            subject_and_comparator(&l, "In contrast, men with a KRAS mutation had shorter PFS than those without a mutation (4.1 vs 6.0 months; P = 0.01)."),
            pair("men with a KRAS mutation", "those without a mutation")
        );
        // Values `respectively` belong to a list named elsewhere (the arms within each subgroup).
        assert_eq!(
            subject_and_comparator(&l, "Patients with stage II disease had longer OS (30 vs 25 months, respectively) than those with stage III."),
            None
        );
        // Neither side is a group: a noun phrase of the result.
        assert_eq!(subject_and_comparator(&l, "The drug had a longer half-life than expected (12 h)."), None);
    }

    #[test]
    fn these_groups_are_the_groups_listed_before() {
        let previous =
            "Before radiotherapy, 70% of patients had no WL, 16% had <=5% WL, 9% had >5-10% WL, and 5% had >10% WL.";
        assert_eq!(
            referred_groups(&labels(), "Five-year OS rates for these groups were 71%, 59%, 47%, and 42%.", previous),
            Some(vec!["no WL".to_string(), "<=5% WL".to_string(), ">5-10% WL".to_string(), ">10% WL".to_string()])
        );
        assert_eq!(referred_groups(&labels(), "Five-year OS was 71%.", previous), None);
    }

    #[test]
    fn p_values_start_no_chain() {
        let s = "(5.1% vs 16.8%, P = 0.0002, and 2.0% vs 16.8%, p<0.001)";
        assert!(is_p_value_at(s, 0, s.find("0.0002").unwrap()));
        assert!(is_p_value_at(s, 0, s.find("0.001").unwrap()));
        assert!(!is_p_value_at(s, 0, s.find("5.1").unwrap()));
        assert!(!is_p_value_at("HbA1c = 7.2%", 0, 8));
    }

    #[test]
    fn a_chain_reads_numbers_up_to_their_unit() {
        let s = "OS was 93.4 and 66.0 % at 5 years";
        let (numbers, unit) = read_chain(s, 0, s.len(), 7, Unit::Percent);
        let read: Vec<f64> = numbers.iter().map(|n| n.number.value).collect();
        assert_eq!(read, vec![93.4, 66.0]);
        assert_eq!(unit, Some((None, 22)));
        let s = "median 13.0 vs 11.0 months";
        let (numbers, unit) = read_chain(s, 0, s.len(), 7, Unit::Time);
        assert!(numbers[1].after_comparison && !numbers[0].after_comparison);
        assert_eq!(unit, Some((Some("months"), s.len())));
        let s = "rates of 21.4 ± 5.2% and";
        let (numbers, unit) = read_chain(s, 0, s.len(), 9, Unit::Percent);
        assert_eq!((numbers.len(), unit.map(|u| u.1)), (1, Some(21)));
        let s = "in 12 of 40 patients";
        assert_eq!(read_chain(s, 0, s.len(), 3, Unit::Percent).1, None);
    }
}
