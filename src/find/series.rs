//! A series of values after an anchor (`3-year OS`, `median PFS`), with their CIs and groups,
//! shared by the survival and median finders.
//!
//! Values come in chains that share one unit (`93.4 and 66.0 %`, `13.0 vs 11.0 months`,
//! `56.9% (95% CI …), 43.1% (…)`), each value with its CI. [`assign`] then gives every value
//! its slot (a time point or an endpoint of the anchor) and its group: in order when the anchor
//! has one slot; "slot by slot" when several slots share a list of groups
//! (`2- and 5-year … 68.5, 41.4 and 56.8, 26.2 % in groups A and B, respectively`); "group by
//! group" when each run of values names its group (`56.9%, 43.1%, 35.9%, respectively, in the
//! X arm and 55.2%, … in the Y arm`).

use regex::Regex;

use super::arm_local;
use crate::grammar::{ci_label, consumed, interval, time_unit, unsigned_decimal, ws, Interval};
use crate::write::Num;

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
    /// Byte span of the value and its CI.
    pub start: usize,
    /// End of the value and its CI (and its group phrase when one follows).
    pub end: usize,
    /// The chain the value belongs to (values written as one list share a chain).
    pub chain: usize,
    /// The group named right after or right before the value.
    pub arm: Option<String>,
    /// Several groups named after the chain (`for arm A and B`), for the chain's last value.
    pub chain_arms: Option<Vec<String>>,
    /// Several groups named before the chain (`in groups A and B were`), for its first value.
    pub chain_arms_before: Option<Vec<String>>,
    /// `14.2 months for both`: the value holds for every group compared.
    pub for_both: bool,
}

/// Patterns the series reader needs, compiled by the finder from its rule file.
#[derive(Debug)]
pub struct SeriesPatterns {
    /// Text right before a value that shows it is not a result (`>`, `than`, `at`, `aged`).
    pub refused_before: Regex,
    /// Text right after a value that shows it is something else (`of patients`).
    pub refused_after: Regex,
}

/// Reads every value of `unit` in `s[from..to)`.
pub fn scan(patterns: &SeriesPatterns, s: &str, from: usize, to: usize, unit: Unit) -> Vec<Value> {
    let mut values: Vec<Value> = Vec::new();
    let mut chain = 0;
    let mut i = from;
    let bytes = s.as_bytes();
    while i < to {
        if !starts_number(bytes, i) {
            i += 1;
            continue;
        }
        // Read numbers joined by list words until one carries the unit.
        let mut pending: Vec<(usize, Num, usize)> = Vec::new();
        let mut at = i;
        let mut unit_found: Option<(Option<&'static str>, usize)> = None;
        while at < to {
            let Ok((rest, number)) = unsigned_decimal(&s[at..to]) else { break };
            let after = at + consumed(&s[at..to], rest);
            pending.push((at, number, after));
            if let Some((unit_name, len)) = read_unit(&s[after..to], unit) {
                unit_found = Some((unit_name, after + len));
                break;
            }
            match list_joint(&s[after..to]) {
                Some(len) if starts_number(bytes, after + len) => at = after + len,
                _ => break,
            }
        }
        let Some((unit_name, unit_end)) = unit_found else {
            i = pending.last().map_or(i + 1, |p| p.2.max(i + 1));
            continue;
        };
        if patterns.refused_before.is_match(&s[from.min(i)..i]) || patterns.refused_after.is_match(&s[unit_end..to]) {
            i = unit_end;
            continue;
        }
        let count = pending.len();
        let mut end = unit_end;
        for (index, (start, number, number_end)) in pending.into_iter().enumerate() {
            let mut value = Value {
                number,
                time_unit: unit_name,
                interval: None,
                start,
                end: if index + 1 == count { unit_end } else { number_end },
                chain,
                arm: None,
                chain_arms: None,
                chain_arms_before: None,
                for_both: false,
            };
            if index + 1 == count {
                if let Some((ci, len)) = read_ci(&s[unit_end..to]) {
                    let inside = ci.lower.value <= value.number.value && value.number.value <= ci.upper.value;
                    if inside {
                        value.interval = Some(ci);
                    }
                    end = unit_end + len;
                    value.end = end;
                }
            }
            values.push(value);
        }
        // The group phrases around the chain.
        let first = values.len() - count;
        let tail = &s[end..to];
        let for_both = tail.trim_start().starts_with("for both") || tail.trim_start().starts_with("in both");
        if let Some(found) = arm_local::after(tail) {
            if !found.respectively {
                if found.labels.len() == 1 {
                    values.last_mut().into_iter().for_each(|v| v.arm = found.labels.first().cloned());
                } else {
                    values.last_mut().into_iter().for_each(|v| v.chain_arms = Some(found.labels.clone()));
                }
            }
        }
        values.last_mut().into_iter().for_each(|v| v.for_both = for_both);
        let previous_end = if first > 0 { values[first - 1].end } else { from };
        let before_text = &s[previous_end.min(values[first].start)..values[first].start];
        if let Some(labels) = arm_local::before(before_text) {
            if labels.len() == 1 {
                if values[first].arm.is_none() || count > 1 {
                    values[first].arm = labels.first().cloned();
                }
            } else {
                values[first].chain_arms_before = Some(labels);
            }
        }
        // A chain continues over `, ` / `and` / `vs` to the next value with its own unit.
        match list_joint(&s[end..to]) {
            Some(len) if starts_number(bytes, end + len) => {}
            _ => chain += 1,
        }
        i = end;
    }
    values
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

/// What joins two values of a list: `, `, ` and `, `, and `, ` vs `, ` versus `, ` or `.
fn list_joint(input: &str) -> Option<usize> {
    let trimmed = input.trim_start_matches(' ');
    let mut rest = trimmed.strip_prefix(',').unwrap_or(trimmed).trim_start_matches(' ');
    for word in ["and ", "vs. ", "vs ", "versus ", "or ", "compared with ", "to "] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r.trim_start_matches(' ');
            break;
        }
    }
    (rest.len() < input.len()).then(|| input.len() - rest.len())
}

/// A CI after a value: ` (95% CI = 43.3% to 68.5%)`, ` (54.2-73.2)`, `, 95% CI 3.2-4.2`, and a
/// bracketed p-value (`(P<0.001)`), which is skipped; returns the CI (if any) and the length.
fn read_ci(input: &str) -> Option<(Interval, usize)> {
    let (rest, _) = ws(input).ok()?;
    if let Some(inner) = rest.strip_prefix(['(', '[']) {
        let (inner, _) = ws(inner).ok()?;
        let (inner, labelled) = match ci_label(inner) {
            Ok((r, _)) => (r.trim_start_matches([' ', ',', ':', '=']), true),
            Err(_) => (inner, false),
        };
        let (after, ci) = interval(labelled)(inner).ok()?;
        // Skip what else the bracket holds (`; p=0.004`) up to its end.
        let close = after.find([')', ']']).filter(|&c| c < 60 && !after[..c].contains('('))?;
        let end = consumed(input, &after[close + 1..]);
        return Some((ci, end));
    }
    let inner = rest.strip_prefix(',')?.trim_start_matches(' ');
    let (inner, _) = ci_label(inner).ok()?;
    let inner = inner.trim_start_matches([' ', ',', ':', '=']);
    let (after, ci) = interval(true)(inner).ok()?;
    Some((ci, consumed(input, after)))
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

/// Gives each value its slot and group; `lists` are candidate group lists of the sentence
/// (respectively, comparison, inherited), tried in order when a value names no group.
pub fn assign(values: &[Value], slots: usize, lists: &[Vec<String>]) -> Vec<Assigned> {
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
            let arm = arms[i].clone().or_else(|| fallback.as_ref().map(|l| l[i].clone()));
            out.push(Assigned { value: i, slot: 0, arm });
        }
        if n == 1 && out.len() == 1 && out[0].arm.is_none() && lists.iter().all(|l| l.len() != 2) {
            out[0].arm = Some("total".to_string());
        }
        return out;
    }
    if n == slots {
        let arm = |i: usize| arms[i].clone().or_else(|| arms.iter().flatten().next().cloned());
        let total = || Some("total".to_string());
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
