//! Landmark survival: a group's percentage at a stated time point for a time-to-event endpoint.
//!
//! An anchor is an endpoint of `rules/survival.toml` (`OS`, `progression-free survival`,
//! `cumulative incidence of relapse`) with its time points: written before it (`3-year OS`,
//! `3-, 5-, and 8-year OS`), after it (`OS at 5 years`, `PFS rate at 3 months`) or earlier in
//! the sentence (`At 8 y, … the proportion alive was`). The percentages that follow, up to the
//! next anchor, are its rows (see [`super::series`] for how values get their time and group).
//! Two rules:
//! - `survival.landmark`: one time point and endpoint per anchor;
//! - `survival.respectively`: several time points or endpoints sharing the values
//!   (`3-, 5-, and 8-year OS were …, respectively, in the X arm and …`).
//!
//! Sentences of designs and hypotheses (`powered to detect an improvement from 50% to 65%`)
//! and values after a comparison sign (`30-month OS > 38%`) are not results.

use regex::Regex;

use super::arm_label::ArmLabels;
use super::compile::Source;
use super::series::{self, SeriesPatterns, Unit};
use super::{Finding, Text};
use crate::error::Result;
use crate::grammar::{duration_list, unit_first_time_point, Duration};
use crate::model::Kind;

/// The compiled survival rules.
#[derive(Debug)]
pub struct SurvivalRules {
    endpoints: Regex,
    adjectival_time: Regex,
    time_after_values: Regex,
    time_after_endpoint: Regex,
    sentence_time: Regex,
    bare_rate: Regex,
    time_rate: Regex,
    design: Regex,
    blockers: Regex,
    not_a_rate_before: Regex,
    not_a_rate_after: Regex,
    joined_endpoint: Regex,
    series: SeriesPatterns,
    landmark: bool,
    respectively: bool,
}

impl SurvivalRules {
    /// Compiles the survival rules from their rule file.
    pub fn compile(rules: &Source<'_>) -> Result<SurvivalRules> {
        Ok(SurvivalRules {
            endpoints: rules.word_pattern("endpoints", false)?,
            adjectival_time: rules.pattern("adjectival_time")?,
            time_after_values: rules.pattern("time_after_values")?,
            time_after_endpoint: rules.pattern("time_after_endpoint")?,
            sentence_time: rules.pattern("sentence_time")?,
            bare_rate: rules.pattern("bare_rate")?,
            time_rate: rules.pattern("time_rate")?,
            design: rules.word_pattern("design_cues", true)?,
            blockers: rules.pattern("blockers")?,
            not_a_rate_before: rules.pattern("not_a_rate_before")?,
            not_a_rate_after: rules.pattern("not_a_rate_after")?,
            joined_endpoint: rules.pattern("joined_endpoint")?,
            series: SeriesPatterns::compile(rules)?,
            landmark: rules.enabled("survival.landmark"),
            respectively: rules.enabled("survival.respectively"),
        })
    }
}

/// An endpoint with its time points, and where its values may start.
#[derive(Debug, Clone)]
struct Anchor {
    start: usize,
    body_end: usize,
    times: Vec<Duration>,
    endpoints: Vec<String>,
}

/// Every survival row of one abstract; `arm_sizes` are the record's arm-size rows, whose groups
/// name the values a sentence leaves unnamed.
pub fn find(rules: &SurvivalRules, labels: &ArmLabels, text: &Text, arm_sizes: &[Finding]) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    let mut inherited: Option<Vec<String>> = None;
    // Read only when a sentence has an anchor: most records have none.
    let mut record: Option<Vec<String>> = None;
    for (sentence_index, &(from, to)) in text.sentences.iter().enumerate() {
        let sentence = &s[from..to];
        // Every value is a percentage in the sentence: most sentences have none.
        if !sentence.contains('%') {
            continue;
        }
        if rules.design.is_match(sentence) {
            continue;
        }
        let anchors = anchors(rules, s, from, to);
        if anchors.is_empty() {
            continue;
        }
        let record = record.get_or_insert_with(|| series::record_arms(labels, text, arm_sizes));
        let previous =
            sentence_index.checked_sub(1).and_then(|i| text.sentences.get(i)).map(|&(p_from, p_to)| &s[p_from..p_to]);
        let (lists, context) = series::sentence_groups(labels, s, (from, to), previous, record);
        for (index, anchor) in anchors.iter().enumerate() {
            let mut region_end = anchors.get(index + 1).map_or(to, |next| next.start);
            if let Some(blocker) = rules.blockers.find(&s[anchor.body_end..region_end]) {
                region_end = anchor.body_end + blocker.start();
            }
            let mut values = series::scan(&rules.series, s, anchor.body_end, region_end, Unit::Percent);
            drop_difference(rules, s, from, anchor, &mut values);
            let slots: Vec<(&Duration, &String)> = if anchor.times.len() == 1 {
                anchor.endpoints.iter().map(|e| (&anchor.times[0], e)).collect()
            } else {
                anchor.times.iter().map(|t| (t, &anchor.endpoints[0])).collect()
            };
            let rule = if slots.len() == 1 { "survival.landmark" } else { "survival.respectively" };
            if (slots.len() == 1 && !rules.landmark) || (slots.len() > 1 && !rules.respectively) {
                continue;
            }
            let mut candidate_lists = lists.clone();
            if !series::compares_own_groups(labels, sentence) {
                candidate_lists.extend(inherited.clone());
            }
            let assigned = series::assign(&values, slots.len(), &candidate_lists, &context);
            let (rows, arms_in_order) = survival_rows(&slots, &values, &assigned, rule);
            findings.extend(rows);
            if arms_in_order.len() > 1 {
                inherited = Some(arms_in_order);
            }
        }
    }
    findings
}

/// `The absolute increase in rate of PFS at 3 years was 7.3% (from 28.1% to 35.4%)`, `a
/// difference in cumulative recurrence rate of 6.1%`: the first values of an anchor written
/// after a difference or a change are that difference, no group's rate, and so is a value
/// followed by the rates it joins (`; 8.1% (from 28.1% to 36.2%)`); the rates stay.
fn drop_difference(rules: &SurvivalRules, s: &str, from: usize, anchor: &Anchor, values: &mut Vec<series::Value>) {
    let lead = series::char_floor(s, anchor.start.saturating_sub(60).max(from));
    if let Some(first) =
        values.first().map(|v| v.chain).filter(|_| rules.not_a_rate_before.is_match(&s[lead..anchor.start]))
    {
        values.retain(|v| v.chain != first);
    }
    // `8.1% (from 28.1% to 36.2%)`: a change written with the rates it joins.
    values.retain(|v| {
        let unit_end = s[v.start..v.end].find('%').map_or(v.end, |i| v.start + i + 1);
        !rules.not_a_rate_after.is_match(&s[unit_end..])
    });
}

/// The rows of an anchor's assigned percentages, each at its slot's time point and endpoint,
/// and the groups of the first slot in order (which a later sentence naming none may refer to).
fn survival_rows(
    slots: &[(&Duration, &String)],
    values: &[series::Value],
    assigned: &[series::Assigned],
    rule: &str,
) -> (Vec<Finding>, Vec<String>) {
    let mut findings = Vec::new();
    let mut arms_in_order: Vec<String> = Vec::new();
    for a in assigned {
        let (time, endpoint) = slots[a.slot];
        let (mut row, span) = a.row(Kind::Survival, values, rule);
        row.endpoint = Some(values[a.value].part.clone().unwrap_or_else(|| endpoint.clone()));
        row.time = Some(time.normalised());
        if a.slot == 0 {
            a.note_arm(&mut arms_in_order);
        }
        findings.push(Finding { row, span });
    }
    (findings, arms_in_order)
}

/// The anchors of one sentence, in order: the lexicon's endpoints with their time points
/// ([`endpoint_anchors`]), rates of an event named by the sentence ([`event_rate_anchors`]),
/// and bare rates of the endpoint before them ([`bare_rate_anchors`]), each kind leaving out
/// text an earlier one took.
fn anchors(rules: &SurvivalRules, s: &str, from: usize, to: usize) -> Vec<Anchor> {
    let mut anchors = endpoint_anchors(rules, s, from, to);
    event_rate_anchors(rules, s, from, to, &mut anchors);
    bare_rate_anchors(rules, s, from, to, &mut anchors);
    anchors.sort_by_key(|a| a.start);
    anchors
}

/// Each lexicon endpoint of the sentence with its time points, found in this order: written
/// before it (`3-year OS`), right after it (`OS at 5 years`); else it joins the anchor before
/// (`OS and DSS`); else a time point elsewhere in the sentence (`At 8 y, … the proportion
/// alive was`, `… in arm B at 5 years`). An endpoint with none of these is no anchor.
fn endpoint_anchors(rules: &SurvivalRules, s: &str, from: usize, to: usize) -> Vec<Anchor> {
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut last_endpoint_end: Option<usize> = None;
    for m in rules.endpoints.find_iter(&s[from..to]) {
        let (start, end) = (from + m.start(), from + m.end());
        if anchors.last().is_some_and(|a| start < a.body_end) {
            continue;
        }
        let endpoint = m.as_str();
        let timed = time_before_endpoint(rules, s, from, (start, end), endpoint)
            .or_else(|| time_after_endpoint(rules, s, to, (start, end), endpoint));
        if let Some(anchor) = timed {
            last_endpoint_end = Some(anchor.body_end);
            anchors.push(anchor);
            continue;
        }
        // `OS and DSS`: a further endpoint of the anchor before it.
        if let (Some(previous), Some(last_end)) = (anchors.last_mut(), last_endpoint_end) {
            if last_end <= start && rules.joined_endpoint.is_match(&s[last_end..start]) {
                previous.endpoints.push(endpoint.to_string());
                previous.body_end = end;
                last_endpoint_end = Some(end);
                continue;
            }
        }
        let shared = || shared_time(&anchors, (start, end), endpoint);
        if let Some(anchor) = time_in_sentence(rules, s, (from, to), (start, end), endpoint).or_else(shared) {
            last_endpoint_end = Some(end);
            anchors.push(anchor);
        }
    }
    anchors
}

/// `3-year OS`, `3-, 5-, and 8-year OS`: time points written before the endpoint, within 60
/// bytes.
fn time_before_endpoint(
    rules: &SurvivalRules,
    s: &str,
    from: usize,
    (start, end): (usize, usize),
    endpoint: &str,
) -> Option<Anchor> {
    let window_start = series::char_floor(s, start.saturating_sub(60).max(from));
    let t = rules.adjectival_time.find(&s[window_start..start])?;
    let (_, times) = duration_list(&s[window_start + t.start()..start]).ok()?;
    Some(Anchor { start: window_start + t.start(), body_end: end, times, endpoints: vec![endpoint.to_string()] })
}

/// `OS at 5 years`, `PFS rate at 3 months`, `relapse at week 28`: time points right after the
/// endpoint, which the anchor's body then includes.
fn time_after_endpoint(
    rules: &SurvivalRules,
    s: &str,
    to: usize,
    (start, end): (usize, usize),
    endpoint: &str,
) -> Option<Anchor> {
    let t = rules.time_after_endpoint.find(&s[end..to])?;
    let (times, body_end) = time_points_at(s, end + t.end(), to)?;
    Some(Anchor { start, body_end, times, endpoints: vec![endpoint.to_string()] })
}

/// The time points written from byte `at`, number first (`3 and 5 years`) or unit first
/// (`week 28`, `Month 12`), with where they end.
fn time_points_at(s: &str, at: usize, to: usize) -> Option<(Vec<Duration>, usize)> {
    duration_list(&s[at..to])
        .map(|(rest, times)| (times, to - rest.len()))
        .or_else(|_| unit_first_time_point(&s[at..to]).map(|(rest, time)| (vec![time], to - rest.len())))
        .ok()
}

/// One time point elsewhere in the sentence: the last before the endpoint (`At 8 y, … the
/// proportion alive was`, `By month 12, the proportion surviving`), else one after the values (`OS was 71.2% in arm A and 65.0% in arm
/// B at 5 years`).
fn time_in_sentence(
    rules: &SurvivalRules,
    s: &str,
    (from, to): (usize, usize),
    (start, end): (usize, usize),
    endpoint: &str,
) -> Option<Anchor> {
    let before = rules
        .sentence_time
        .captures_iter(&s[from..start])
        .last()
        .and_then(|t| t.get(1).or_else(|| t.get(2)))
        .map(|g| from + g.start());
    let after = || rules.time_after_values.captures(&s[end..to]).and_then(|t| t.get(1)).map(|g| end + g.start());
    let at = before.or_else(after)?;
    let (times, _) = time_points_at(s, at, to)?;
    (times.len() == 1).then(|| Anchor { start, body_end: end, times, endpoints: vec![endpoint.to_string()] })
}

/// `3-year OS was 78% in A vs 82% in B, while DFS differed (59% in A vs 75% in B)`: a further
/// endpoint of the sentence, not joined to the anchor before it, takes that anchor's one time
/// point, so its values are its own and not the earlier endpoint's.
fn shared_time(anchors: &[Anchor], (start, end): (usize, usize), endpoint: &str) -> Option<Anchor> {
    let previous = anchors.last().filter(|a| a.times.len() == 1)?;
    Some(Anchor { start, body_end: end, times: previous.times.clone(), endpoints: vec![endpoint.to_string()] })
}

/// `The 30-day rate of stroke or death was`, `the 12-month event-free rate was`: a rate of an
/// event at a time point, its event named in the sentence rather than by the lexicon, where no
/// anchor stands already.
fn event_rate_anchors(rules: &SurvivalRules, s: &str, from: usize, to: usize, anchors: &mut Vec<Anchor>) {
    let sentence = &s[from..to];
    for caps in rules.time_rate.captures_iter(sentence) {
        let (Some(whole), Some(time), Some(endpoint)) =
            (caps.get(0), caps.name("time"), caps.name("endpoint").or_else(|| caps.name("free")))
        else {
            continue;
        };
        let (start, end) = (from + whole.start(), from + endpoint.end());
        if anchors.iter().any(|a| a.start < end && start < a.body_end) || rules.blockers.is_match(endpoint.as_str()) {
            continue;
        }
        if let Ok((_, times)) = duration_list(time.as_str()) {
            let endpoint = endpoint.as_str().trim_start_matches("the ").to_string();
            anchors.push(Anchor { start, body_end: end, times, endpoints: vec![endpoint] });
        }
    }
}

/// `and the 5-year rates were`: time points whose endpoint is that of the anchor before them,
/// where no anchor stands already.
fn bare_rate_anchors(rules: &SurvivalRules, s: &str, from: usize, to: usize, anchors: &mut Vec<Anchor>) {
    for m in rules.bare_rate.find_iter(&s[from..to]) {
        let (start, end) = (from + m.start(), from + m.end());
        let Some(previous) = anchors.iter().rev().find(|a| a.body_end <= start).cloned() else { continue };
        if anchors.iter().any(|a| a.start <= start && start < a.body_end) {
            continue;
        }
        if let Ok((_, times)) = duration_list(&s[start..end]) {
            anchors.push(Anchor { start, body_end: end, times, endpoints: previous.endpoints.clone() });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::find::RuleSet;
    use crate::find::{find_rows, signature};
    use crate::model::Kind;

    fn survival(text: &str) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        find_rows(&rules, "t", text).iter().filter(|r| r.kind == Kind::Survival).map(signature).collect()
    }

    #[test]
    fn one_time_point_two_arms() {
        assert_eq!(
            survival("3-year overall survival was 50.3% (95% CI 45.5-54.9) in the chemotherapy alone group and 48.1% (43.2-52.7) in the chemotherapy plus bevacizumab group."),
            vec![
                "survival chemotherapy alone group 3 years 50.3 [45.5, 54.9]",
                "survival chemotherapy plus bevacizumab group 3 years 48.1 [43.2, 52.7]"
            ]
        );
    }

    #[test]
    fn time_after_endpoint_and_respectively() {
        assert_eq!(
            survival("Implant survival rates at 10 years were 93.7% (95% CI, 86.4% and 97.1%) and 89.8% (95% CI, 81.9% - 94.4%) for the GB group and the MR group, respectively (p = 0.302)."),
            vec!["survival GB group 10 years 93.7 [86.4, 97.1]", "survival MR group 10 years 89.8 [81.9, 94.4]"]
        );
    }

    #[test]
    fn times_share_a_list_of_groups() {
        assert_eq!(
            survival("The 2- and 5-year recurrence-free survival rates were 68.5, 41.4 and 56.8, 26.2 % in groups A and B, respectively."),
            vec![
                "survival group A 2 years 68.5",
                "survival group B 2 years 41.4",
                "survival group A 5 years 56.8",
                "survival group B 5 years 26.2"
            ]
        );
    }

    #[test]
    fn designs_thresholds_visits_and_counts_are_not_survival() {
        assert!(survival(
            "Previously, we reported that the primary end point (30-month overall survival [OS] > 38%) was met."
        )
        .is_empty());
        assert!(survival("The trial was powered to detect an improvement in 2-year PFS from 50% to 65%.").is_empty());
        assert!(survival("At week 12, response was 45% vs 30%.").is_empty());
        assert!(survival("There were fewer deaths by day 7 (101 [9%] deaths vs 123 [11%] deaths).").is_empty());
    }

    #[test]
    fn time_points_before_after_or_elsewhere() {
        let rules = RuleSet::embedded().unwrap();
        let s = "The 3-year OS was 62% and OS at 5 years was 48%; at 8 y, the rate of OS was 30%.";
        let anchors = super::anchors(&rules.survival, s, 0, s.len());
        let read: Vec<(String, String)> = anchors
            .iter()
            .map(|a| (a.endpoints.join("+"), a.times.iter().map(|t| t.normalised()).collect::<Vec<_>>().join(",")))
            .collect();
        assert_eq!(
            read,
            vec![
                ("OS".to_string(), "3 years".to_string()),
                ("OS".to_string(), "5 years".to_string()),
                ("OS".to_string(), "8 years".to_string())
            ]
        );
    }
}
