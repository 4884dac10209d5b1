//! Medians of time to an event per group, and the median follow-up.
//!
//! A median is a duration written for a time-to-event endpoint of `rules/median.toml`
//! (`Median OS was 45.6 months (95% CI …) in the X arm vs 40.5 months …`, `median PFS 8.2 vs
//! 5.6 months`, `overall survival (15.6 and 17.2 months …) for A and B, respectively`). The
//! durations after the endpoint, up to the next endpoint or a word showing they are something
//! else (a follow-up, a mean, a gain), are its rows. Rules:
//! - `median.time_to_event`: one endpoint per anchor, each duration one group;
//! - `median.endpoints`: several endpoints sharing the values (`median PFS and OS were 2.8 and
//!   13.2 months in A and 2.0 and 14.0 months in B`);
//! - `followup.median`: `at a median follow-up of 9.7 years` is a `followup` row, never a median.
//!
//! Durations after `at`, `after`, `within` are time points, not medians; medians of ages, lab
//! values, scores, treatment or hospital stay have no time-to-event endpoint and are not read.

use regex::Regex;

use super::arm_label::ArmLabels;
use super::compile::Source;
use super::series::{self, Context, SeriesPatterns, Unit};
use super::{Finding, Text};
use crate::error::Result;
use crate::grammar::{duration_list, time_unit};
use crate::model::{Kind, Row};

/// The compiled median and follow-up rules.
#[derive(Debug)]
pub struct MedianRules {
    endpoints: Regex,
    median_of: Regex,
    time_to_then_median: Regex,
    not_a_median_before: Regex,
    blockers: Regex,
    joined_endpoint: Regex,
    followup_before: Regex,
    followup_after: Regex,
    median_word: Regex,
    unnamed_blockers: Regex,
    max_gap: usize,
    series: SeriesPatterns,
    time_to_event: bool,
    several_endpoints: bool,
    followup: bool,
}

impl MedianRules {
    /// Compiles the median rules from their rule file.
    pub fn compile(rules: &Source<'_>) -> Result<MedianRules> {
        Ok(MedianRules {
            endpoints: rules.word_pattern("endpoints", false)?,
            median_of: rules.pattern("median_of")?,
            time_to_then_median: rules.pattern("time_to_then_median")?,
            not_a_median_before: rules.pattern("not_a_median_before")?,
            blockers: rules.pattern("blockers")?,
            joined_endpoint: rules.pattern("joined_endpoint")?,
            followup_before: rules.pattern("followup_before")?,
            followup_after: rules.pattern("followup_after")?,
            median_word: rules.pattern("median_word")?,
            unnamed_blockers: rules.pattern("unnamed_median_blockers")?,
            max_gap: 160,
            series: SeriesPatterns::compile(rules)?,
            time_to_event: rules.enabled("median.time_to_event"),
            several_endpoints: rules.enabled("median.endpoints"),
            followup: rules.enabled("followup.median"),
        })
    }
}

/// Endpoints sharing values, and where the values may start.
#[derive(Debug, Clone)]
struct Anchor {
    start: usize,
    body_end: usize,
    endpoints: Vec<String>,
}

/// Whether `sentence` may hold a duration: a digit, then spaces, a hyphen or a closing bracket,
/// then a time unit (`3 months`, `5-yr`, `14 d`, `(3.8–14.0) months`). Sentences without one
/// give no median.
fn has_duration_shape(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    bytes.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).any(|(i, _)| {
        let Some(skip) = bytes[i + 1..].iter().position(|b| !matches!(b, b' ' | b'-' | b')' | b']')) else {
            return false;
        };
        // Every time unit starts with one of these letters: most numbers are ruled out here.
        matches!(bytes[i + 1 + skip], b'y' | b'm' | b'w' | b'd' | b'h') && time_unit(&sentence[i + 1 + skip..]).is_ok()
    })
}

/// Every median and follow-up row of one abstract.
/// `earlier` are rows of other finders, whose groups a sentence naming none may refer to;
/// `arm_sizes` are the record's arm-size rows, whose groups name values a sentence leaves unnamed.
///
/// Follow-ups come first and are never medians; then, sentence by sentence, each anchor
/// ([`anchors`]) takes the durations of its region ([`anchor_durations`]), which
/// [`series::assign`] gives their endpoints and groups.
pub fn find(
    rules: &MedianRules,
    labels: &ArmLabels,
    text: &Text,
    earlier: &[Finding],
    arm_sizes: &[Finding],
) -> Vec<Finding> {
    let s = text.as_str();
    let mut findings = Vec::new();
    if rules.followup {
        findings.extend(followups(rules, s));
    }
    let mut inherited: Option<Vec<String>> = None;
    // Read only when a duration needs them: most records have no median.
    let mut record: Option<Vec<String>> = None;
    for &(from, to) in &text.sentences {
        let sentence = &s[from..to];
        if !has_duration_shape(sentence) {
            continue;
        }
        let anchors = anchors(rules, s, from, to);
        // The groups the sentence names, read only once a duration needs them (they cost more
        // than everything else here, and most sentences have none).
        let mut groups: Option<(Vec<Vec<String>>, Context)> = None;
        for (index, anchor) in anchors.iter().enumerate() {
            let region_end = anchors.get(index + 1).map_or(to, |next| next.start);
            let Some(values) = anchor_durations(rules, s, from, anchor, region_end) else { continue };
            let slots = anchor.endpoints.len();
            let rule = if slots == 1 { "median.time_to_event" } else { "median.endpoints" };
            if (slots == 1 && !rules.time_to_event) || (slots > 1 && !rules.several_endpoints) {
                continue;
            }
            let record = record.get_or_insert_with(|| series::record_arms(labels, text, arm_sizes));
            let (lists, context) =
                groups.get_or_insert_with(|| series::sentence_groups(labels, s, (from, to), None, record));
            let mut candidate_lists = lists.clone();
            if !series::compares_own_groups(labels, sentence) {
                candidate_lists
                    .extend(inherited.clone().or_else(|| series::groups_before(earlier, text, anchor.start)));
            }
            let assigned = series::assign(&values, slots, &candidate_lists, context);
            let (rows, arms_in_order) = median_rows(anchor, &values, &assigned, rule);
            findings.extend(rows);
            if arms_in_order.len() > 1 {
                inherited = Some(arms_in_order);
            }
        }
    }
    findings
}

/// The anchors of one sentence, in order: the lexicon's endpoints and any `median time to X`,
/// `median duration of X` or `time to X (median …` the lexicon does not name, but not an endpoint of means (`mean
/// time to relapse`); endpoints joined by `and` (`median PFS and OS were`) share one anchor.
fn anchors(rules: &MedianRules, s: &str, from: usize, to: usize) -> Vec<Anchor> {
    let sentence = &s[from..to];
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut named: Vec<(usize, usize)> = rules.endpoints.find_iter(sentence).map(|m| (m.start(), m.end())).collect();
    let unlisted = rules.median_of.captures_iter(sentence).chain(rules.time_to_then_median.captures_iter(sentence));
    for caps in unlisted {
        if let Some(m) = caps.name("endpoint") {
            if !named.iter().any(|&(a, b)| a < m.end() && m.start() < b) {
                named.push((m.start(), m.end()));
            }
        }
    }
    named.sort_unstable();
    // `mean time to relapse`: an endpoint of means has no median.
    named.retain(|&(m_start, _)| !rules.not_a_median_before.is_match(&sentence[..m_start]));
    for (m_start, m_end) in named {
        let m = &sentence[m_start..m_end];
        let (start, end) = (from + m_start, from + m_end);
        if let Some(previous) = anchors.last_mut() {
            if rules.joined_endpoint.is_match(&s[previous.body_end..start]) {
                previous.endpoints.extend(shared_head_endpoints(m));
                previous.body_end = end;
                continue;
            }
        }
        anchors.push(Anchor { start, body_end: end, endpoints: shared_head_endpoints(m) });
    }
    anchors
}

/// The endpoints of a phrase where two share one head noun: `parasite and fever clearance
/// times` gives `parasite clearance times` and `fever clearance times`; `duration of sensory
/// and motor block` gives `duration of sensory block` and `duration of motor block`; any other
/// phrase is one endpoint.
fn shared_head_endpoints(phrase: &str) -> Vec<String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let joint = words.iter().position(|w| matches!(w.to_ascii_lowercase().as_str(), "and" | "or"));
    match joint {
        Some(j) if j > 0 && j + 2 < words.len() => {
            let (prefix, first, second, head) = (&words[..j - 1], words[j - 1], words[j + 1], &words[j + 2..]);
            [first, second].iter().map(|w| [prefix, &[*w], head].concat().join(" ")).collect()
        }
        _ => vec![phrase.to_string()],
    }
}

/// The durations of an anchor's region (up to `region_end` or a word that blocks it), when
/// they read as its medians: the first must follow the endpoint closely, and durations read
/// without the word `median` count only when they compare groups (`overall survival (15.6 and
/// 17.2 months`, `PFS (5.4 months vs 3.0 months`), never when they say how long something
/// lasted (`bleb survival ... (maintained 14 days)`).
fn anchor_durations(
    rules: &MedianRules,
    s: &str,
    from: usize,
    anchor: &Anchor,
    region_end: usize,
) -> Option<Vec<series::Value>> {
    let region_end = first_blocker(rules, s, anchor.body_end, region_end);
    let values = series::scan(&rules.series, s, anchor.body_end, region_end, Unit::Time);
    let first = values.first().filter(|v| v.start - anchor.body_end <= rules.max_gap)?;
    if !rules.median_word.is_match(&s[from..first.start]) {
        let last_end = values.last().map_or(first.end, |v| v.end);
        if values.len() < 2 || rules.unnamed_blockers.is_match(&s[anchor.start..last_end]) {
            return None;
        }
    }
    Some(values)
}

/// Where the region `[from, to)` of an anchor's values ends: at its first blocker, except a
/// spread in brackets right after a value (`13 days (range 1–84) in cases`), which is skipped.
fn first_blocker(rules: &MedianRules, s: &str, from: usize, to: usize) -> usize {
    let mut at = from;
    while let Some(blocker) = rules.blockers.find(&s[at..to]) {
        let start = at + blocker.start();
        let open = s[from..start].trim_end().len() + from;
        let spread = s[..open].ends_with(['(', '[']).then(|| crate::grammar::spread_aside(&s[open - 1..to])).flatten();
        match spread {
            Some(length) => at = open - 1 + length,
            None => return start,
        }
    }
    to
}

/// The rows of an anchor's assigned durations, and the groups they name in order (which a
/// later sentence naming none may refer to).
fn median_rows(
    anchor: &Anchor,
    values: &[series::Value],
    assigned: &[series::Assigned],
    rule: &str,
) -> (Vec<Finding>, Vec<String>) {
    let mut findings = Vec::new();
    let mut arms_in_order: Vec<String> = Vec::new();
    for a in assigned {
        let (mut row, span) = a.row(Kind::Median, values, rule);
        row.endpoint = Some(values[a.value].part.clone().unwrap_or_else(|| anchor.endpoints[a.slot].clone()));
        row.unit = values[a.value].time_unit;
        a.note_arm(&mut arms_in_order);
        findings.push(Finding { row, span });
    }
    (findings, arms_in_order)
}

/// `At a median follow up of 9.7 years`, `median follow-up, 22 months`, `follow-up (median,
/// 8.5 years)`, `a median 6 and 11 years of follow-up`.
fn followups(rules: &MedianRules, s: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut push = |at: usize, durations: Vec<crate::grammar::Duration>, end: usize| {
        for duration in durations {
            let mut row = Row::new("", Kind::Followup);
            row.value = Some(duration.value.clone());
            row.unit = Some(duration.unit);
            row.rule = "followup.median".to_string();
            findings.push(Finding { row, span: (at, end) });
        }
    };
    for m in rules.followup_before.find_iter(s) {
        if let Ok((rest, durations)) = duration_list(&s[m.end()..]) {
            push(m.start(), durations, s.len() - rest.len());
        }
    }
    for caps in rules.followup_after.captures_iter(s) {
        let (Some(whole), Some(list)) = (caps.get(0), caps.get(1)) else { continue };
        if let Ok((_, durations)) = duration_list(list.as_str()) {
            push(whole.start(), durations, whole.end());
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::find::RuleSet;
    use crate::find::{find_rows, signature};
    use crate::model::Kind;

    fn rows(text: &str, kind: Kind) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        find_rows(&rules, "t", text).iter().filter(|r| r.kind == kind).map(signature).collect()
    }

    #[test]
    fn median_per_arm_with_ci() {
        assert_eq!(
            rows("Median OS was 45.6 months (95% CI = 30.3 to 67.8 months) in the combined modality arm vs 40.5 months (95% CI = 27.5 to 47.7 months) in the systemic treatment arm.", Kind::Median),
            vec!["median combined modality arm 45.6 months [30.3, 67.8]", "median systemic treatment arm 40.5 months [27.5, 47.7]"]
        );
    }

    #[test]
    fn pairs_respectively_and_totals() {
        assert_eq!(
            rows(
                "For ILF and ELF, respectively, median progression-free survival was 4.5 vs 2.3 months.",
                Kind::Median
            ),
            vec!["median ILF 4.5 months", "median ELF 2.3 months"]
        );
        assert_eq!(
            rows("Median 2nd PFS was 18.0 months (95 % CI, 13.7-22.3 months).", Kind::Median),
            vec!["median total 18.0 months [13.7, 22.3]"]
        );
    }

    #[test]
    fn endpoints_sharing_a_head_noun() {
        assert_eq!(
            super::shared_head_endpoints("parasite and fever clearance times"),
            vec!["parasite clearance times", "fever clearance times"]
        );
        assert_eq!(
            super::shared_head_endpoints("duration of sensory and motor block"),
            vec!["duration of sensory block", "duration of motor block"]
        );
        assert_eq!(super::shared_head_endpoints("time to progression"), vec!["time to progression"]);
        assert_eq!(super::shared_head_endpoints("PFS and OS"), vec!["PFS and OS"]);
    }

    #[test]
    fn followup_is_not_a_median() {
        let text = "At a median follow up of 9.7 years, 92 of 119 patients had died.";
        assert_eq!(rows(text, Kind::Followup), vec!["followup 9.7 years"]);
        assert!(rows(text, Kind::Median).is_empty());
        assert!(rows("Median age was 62 years and median hospital stay 9 days.", Kind::Median).is_empty());
        assert!(rows("Median OS was not reached after a median follow-up of 30 months.", Kind::Median).is_empty());
    }
}
