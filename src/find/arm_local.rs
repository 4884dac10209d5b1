//! Group labels near a value, for the survival and median finders.
//!
//! A small, self-contained stand-in for the shared arm labeller (`find::arm_label`, written on
//! another branch): it reads the shortest phrase naming a group right after a value (`56.9% in
//! the combined modality arm`), right before it (`in the vitamin C group (6.8%)`, `erlotinib,
//! 3.7 months`), or a list of groups that several values share (`in groups A and B,
//! respectively`, `in the UFT group compared with the OBS group`). Swap it for the shared
//! labeller once both branches are merged: the finders only call the four functions below.

use std::sync::OnceLock;

use regex::Regex;

/// Words that end a group phrase (the phrase stops before them).
const STOP_WORDS: &[&str] = &[
    "both",
    "vs",
    "vs.",
    "versus",
    "compared",
    "than",
    "respectively",
    "whereas",
    "while",
    "but",
    "who",
    "which",
    "that",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "at",
    "after",
    "p",
    "and",
    "or",
    "to",
    "from",
    "of",
    "by",
    "(p",
    "median",
    "mean",
    "rate",
    "rates",
    "when",
    "as",
];

/// Words that cannot be a whole group label.
const NOT_GROUPS: &[&str] = &[
    "median",
    "mean",
    "both",
    "all",
    "total",
    "each",
    "patients",
    "participants",
    "months",
    "years",
    "weeks",
    "days",
    "survival",
    "os",
    "pfs",
    "ci",
    "n",
    "hr",
    "whom",
    "which",
    "those",
    "them",
    "it",
    "this",
    "these",
    "time",
    "dfs",
    "efs",
    "rfs",
    "ttp",
    "favour",
    "favor",
    "contrast",
    "comparison",
    "addition",
    "particular",
    "general",
    "summary",
    "terms",
    "results",
    "result",
    "findings",
    "conclusion",
    "conclusions",
    "methods",
    "background",
    "objective",
    "objectives",
    "interpretation",
];

/// Words showing a phrase after `with` is not a group.
const NOT_AFTER_WITH: &[&str] = &[
    "no",
    "difference",
    "differences",
    "significant",
    "significantly",
    "increase",
    "decrease",
    "reduction",
    "improvement",
    "hazard",
    "odds",
    "risk",
    "ci",
    "confidence",
    "median",
    "mean",
    "follow-up",
    "respect",
    "regard",
];

/// Whether two group identifiers are of one kind (`A` and `B`, `1` and `2`), so `arm A and 8.8
/// months` is not read as `arm A` and `arm 8`.
fn same_kind(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    digits(a) == digits(b)
}

struct Patterns {
    lead_in: Regex,
    lettered: Regex,
    bracketed: Regex,
    before_bracket: Regex,
    before_copula: Regex,
    before_comma: Regex,
    respectively_after: Regex,
    respectively_before: Regex,
    comparison: Regex,
    compared_first: Regex,
    subject_than: Regex,
    than_lead: Regex,
    opening_item: Regex,
}

/// Compiles the patterns now, at start-up, rather than on their first use.
pub(crate) fn compile_patterns() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let build = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("arm_local pattern {p}: {e}"));
        Patterns {
            // `than with`, `than in the`: what leads to the group a value is compared with.
            than_lead: build(
                r"(?i:\bthan\s+(?:(?:with|in|for|among|on)\s+)?(?:(?:the\s+)?(?:patients|participants|subjects|those)\s+)?(?:with|in|for|among|on|receiving|treated\s+with)\s+(?:the\s+)?)$",
            ),
            // `were placebo, ` before a value.
            opening_item: build(
                r"\b(?:(?:were|was)\s+([A-Za-z][A-Za-z0-9+/-]*(?:\s+[A-Za-z0-9+/-]+){0,3})\s*,|after\s+(?:the\s+)?([A-Za-z][A-Za-z0-9+/-]*(?:\s+[A-Za-z0-9+/-]+){0,3})\s+(?:was|were))\s*$",
            ),
            // What leads from a value to the phrase naming its group.
            lead_in: build(
                r"^\s*(?:,?\s*respectively,?\s*)?(?i:in|for|among|on|with)\s+(?:(?:the|a|all)\s+)?(?:\d+\s+)?(?:(?i:patients|participants|subjects|women|men|children)\s+)?(?:(?i:allocated|assigned|randomi[sz]ed|treated)\s+(?:to\s+|with\s+)?)?(?:the\s+)?",
            ),
            // `groups A and B`, `arm C and D`.
            lettered: build(r"^(?i:(groups?|arms?|cohorts?))\s+([A-Z0-9]{1,3})(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:(?i:groups?|arms?|cohorts?)\s+)?([A-Z0-9]{1,3})\b"),
            // `15.9 months (simvastatin)`.
            bracketed: build(r"^\s*\(([A-Za-z][A-Za-z0-9+/ .'-]{0,40})\)"),
            // `in the vitamin C group (`, `higher with tacrolimus + MMF (` before a value.
            before_bracket: build(
                r"(?i:\bin|\bfor|\bamong|\b(?:higher|lower|better|worse|longer|shorter|greater|more|less|than)\s+with)\s+(?:the\s+)?((?:[^\s,;:()\[\]]+\s+){0,5}[^\s,;:()\[\]]+)\s*[(\[]\s*$",
            ),
            // `for 10 μM trabedersen was`, `in 275 patients allocated EOC was`, `in the control group (n =
            // 14) was` before a value.
            before_copula: build(
                r"(?i:\bin|\bfor|\bamong)\s+(?:the\s+)?(?:(?:\d+\s+)?(?i:patients|participants)\s+(?i:allocated|assigned|randomi[sz]ed|treated)\s+(?:to\s+|with\s+)?)?((?:[^\s,;:()\[\]]+\s+){0,7}?[^\s,;:()\[\]]+)(?:\s*\((?i:n)\s*=\s*\d+\))?\s+(?:was|were|of)\s*$",
            ),
            // `(erlotinib, 3.7 months`, `vs placebo, 3.6`, `mitoxantrone = 106 days`, `(arm A,
            // median [IQR] = 4`, `; arm B, median 5`, `were: placebo, 39%; and drug A, 29%`.
            before_comma: build(
                r"(?:^|[(;:]\s*(?:and\s+)?|\b(?:vs\.?|versus|and)\s+)([A-Za-z][A-Za-z0-9+/-]*(?:\s+[A-Za-z0-9+/-]+){0,3})\s*(?:[,=:]|,\s*(?i:median)(?:\s*[(\[][^()\[\]]{1,30}[)\]])?\s*[,=:]?)\s*$",
            ),
            // `... for the GB group and the MR group, respectively`.
            respectively_after: build(
                r"(?i:\bin|\bfor|\bamong|\bwith)\s+(?:the\s+)?([^;()\[\]%]{1,90}?),?\s+respectively",
            ),
            // `For ILF and ELF, respectively,`.
            respectively_before: build(r"(?:^|[.;:]\s*)(?i:for|in)\s+(?:the\s+)?([^,;()\[\]%]{1,60}),\s*respectively"),
            // `in the UFT group compared with the OBS group`, `comparing X with Y`.
            comparison: build(
                r"(?i:\bin\s+the|\bcomparing|\bbetween)\s+([^,;()\[\]%\d]{1,50}?)\s+(?i:compared\s+(?:with|to)|with|and|versus|vs\.?)\s+(?:(?i:patients\s+)?(?:in\s+)?the\s+)?([^,;()\[\]%\d]{1,50}?(?:\bgroup|\barm|\bcohort)s?)\b",
            ),
            // `Compared with patients in the X group, patients in the Y group had` → Y, X.
            compared_first: build(
                r"^\s*(?:[A-Z][A-Z. ]*:\s*)?Compared (?:with|to) (?:patients in |those in )?(?:the )?([^,;()\[\]%\d]{1,50}?),\s+(?:patients in |those in )?(?:the )?([^,;()\[\]%\d]{1,50}?)\s+(?:had|showed|achieved|experienced)\b",
            ),
            // `Patients with X had longer OS than Y (`, `X demonstrated ... versus Y (` → X, Y; after
            // a concessive clause (`Although OS was similar, the X group had longer DFS (DFS) than`).
            subject_than: build(
                r"^\s*(?:[A-Z][A-Z. ]*:\s*)?(?:(?:Although|While|Whereas)\s[^,;()]{1,80},\s+)?(?:the\s+)?([A-Za-z][^,;()\[\]%]{1,60}?)\s+(?:had|showed|achieved|experienced|demonstrated|presented|exhibited)\s+(?:[^;()\[\]]|\([A-Za-z0-9 -]{1,12}\)){0,80}?\b(?:than|versus|vs\.?|compared (?:with|to))\s+(?:the\s+)?([^,;()\[\]%\d]{1,50}?)\s*[(,;]",
            ),
        }
    })
}

/// `90%: belatacept HD;`, `88%: tacrolimus)`: a value of a list whose items name their group
/// after a colon; the phrase must fill the item up to its `;` or closing bracket.
fn after_colon(text: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix(':')?;
    let (label, end) = phrase(rest)?;
    let closed = rest[end..].trim_start().starts_with([';', ')', ']']);
    (closed && is_group(&label) && !label.contains(|c: char| c.is_ascii_digit())).then_some(label)
}

/// A group phrase read right after a value.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmAfter {
    /// The groups named: one, or several (`for arm A and B`).
    pub labels: Vec<String>,
    /// Whether `respectively` follows, so the phrase names the groups of a whole list.
    pub respectively: bool,
    /// Every phrase of a list joined by `and`, before `labels` keeps only the first of a list
    /// no plural noun closes: a chain of as many values names its groups in order (`45% and
    /// 30% for X and Y`).
    pub listed: Vec<String>,
}

/// The group phrase right after a value (after its CI): `in the combined modality arm`,
/// `, respectively, in the X arm`, `for the DZ group`, `(simvastatin)`, `for arm A and B`.
pub fn after(text: &str) -> Option<ArmAfter> {
    let p = patterns();
    if let Some(caps) = p.bracketed.captures(text) {
        let label = caps[1].trim();
        // `(X vs Y)`: the groups of a compared pair, in order.
        let pair: Vec<String> = label
            .split(" vs. ")
            .flat_map(|l| l.split(" vs "))
            .flat_map(|l| l.split(" versus "))
            .map(|l| l.trim().to_string())
            .collect();
        if pair.len() > 1 {
            let groups = pair.iter().all(|l| is_group(l) && !l.contains(|c: char| c.is_ascii_digit()));
            return groups.then(|| ArmAfter { labels: pair.clone(), respectively: false, listed: pair });
        }
        if is_group(label) && !label.contains(|c: char| c.is_ascii_digit()) {
            let labels = vec![total_alias(label)];
            return Some(ArmAfter { listed: labels.clone(), labels, respectively: false });
        }
    }
    if let Some(label) = after_colon(text) {
        let labels = vec![label];
        return Some(ArmAfter { listed: labels.clone(), labels, respectively: false });
    }
    let lead = p.lead_in.find(text)?;
    let rest = &text[lead.end()..];
    let with_lead = lead.as_str().trim_start().to_ascii_lowercase().starts_with("with");
    if let Some(caps) = p.lettered.captures(rest).filter(|c| same_kind(&c[2], &c[3])) {
        let noun = caps[1].trim_end_matches('s').to_ascii_lowercase();
        let labels = vec![format!("{noun} {}", &caps[2]), format!("{noun} {}", &caps[3])];
        let respectively = starts_respectively(&rest[caps.get(0).map_or(0, |m| m.end())..]);
        return Some(ArmAfter { listed: labels.clone(), labels, respectively });
    }
    let (label, end) = phrase(rest)?;
    let mut labels = vec![total_alias(&label)];
    let mut tail = &rest[end..];
    // `the GB group and the MR group, respectively`: a list of phrases.
    while let Some(next) = tail.strip_prefix(',').unwrap_or(tail).trim_start().strip_prefix("and ") {
        let next = next.trim_start().strip_prefix("the ").unwrap_or(next.trim_start());
        let Some((label, end)) = phrase(next) else { break };
        labels.push(label);
        tail = &next[end..];
    }
    let respectively = starts_respectively(tail);
    // `2.0% with X, Y, and Z, respectively`: the values share a list, read by `respectively_list`.
    let clause = tail.find(['%', ';', '(', '[']).map_or(tail, |d| &tail[..d]);
    if !respectively && clause.contains("respectively") {
        return None;
    }
    let listed = labels.clone();
    // `2.9 and 3.4 months in the placebo and erlotinib arms`: a plural group noun closing the
    // list names each group in it, in order, as `respectively` would.
    if labels.len() > 1 && !respectively && !ends_with_plural_group_noun(labels.last().map_or("", String::as_str)) {
        labels.truncate(1);
    }
    // `with` also leads to what is not a group: `with no significant difference`.
    if with_lead
        && labels
            .iter()
            .any(|l| l.split_whitespace().any(|w| NOT_AFTER_WITH.contains(&w.to_ascii_lowercase().as_str())))
    {
        return None;
    }
    Some(ArmAfter { labels, respectively, listed })
}

/// `all patients`, `the whole cohort`: a phrase naming everyone in the trial is the group
/// `total`; any other label comes back as it is.
fn total_alias(label: &str) -> String {
    let lower = label.to_ascii_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    let whole = words.first().is_some_and(|w| matches!(*w, "all" | "entire" | "whole" | "overall"));
    words.retain(|w| !matches!(*w, "all" | "the" | "entire" | "whole" | "overall" | "randomized" | "randomised"));
    let everyone = matches!(
        words.as_slice(),
        ["patients" | "participants" | "subjects" | "cohort" | "population" | "sample"] | ["study", "population"]
    );
    if whole && everyone {
        "total".to_string()
    } else {
        label.to_string()
    }
}

/// Whether a label ends with `arms` or `groups`, the noun a list of groups shares.
fn ends_with_plural_group_noun(label: &str) -> bool {
    label.rsplit(' ').next().is_some_and(|noun| matches!(noun.to_ascii_lowercase().as_str(), "arms" | "groups"))
}

fn starts_respectively(text: &str) -> bool {
    text.trim_start_matches([',', ' ']).starts_with("respectively")
}

/// Words that show a phrase after `after` is a time or an event, not a group (`after one year`,
/// `after randomisation`).
const NOT_AFTER_AFTER: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minutes",
    "cycles",
    "cycle",
    "doses",
    "dose",
    "randomization",
    "randomisation",
    "baseline",
    "discharge",
    "admission",
    "follow-up",
    "treatment",
    "therapy",
    "injection",
    "infusion",
    "administration",
    "start",
    "end",
    "completion",
    "onset",
];

/// `43% after resection`: a group named by `after` and the treatment, which the finders keep
/// only when a neighbouring value names another group the same way (`… compared to 23% after
/// RFA`), since `after` more often leads to a time or an event.
pub fn after_treatment(text: &str) -> Option<String> {
    treatment_after(text.trim_start().strip_prefix("after ")?)
}

/// The treatment `after` names in the words that follow it, unless they are a time or an event.
fn treatment_after(words: &str) -> Option<String> {
    let rest = words.trim_start();
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let (label, _) = phrase(rest)?;
    let plain = !label.contains(|c: char| c.is_ascii_digit())
        && !label.split_whitespace().any(|w| NOT_AFTER_AFTER.contains(&w.to_ascii_lowercase().as_str()));
    plain.then_some(label)
}

/// `were placebo, 39.1%`: the first item of a list whose items name their group before a comma,
/// which the finders keep only when the next value names its group the same way (`;
/// esomeprazole 20 mg, 29.3%`); `survival after resection was 43%`, kept like [`after_treatment`].
pub fn opening_item(text: &str) -> Option<String> {
    let caps = patterns().opening_item.captures(text)?;
    let (words, after) = match caps.get(1) {
        Some(m) => (m.as_str().trim(), false),
        None => (caps.get(2)?.as_str().trim(), true),
    };
    // `survival after resection was 43%`: as after a value.
    if after {
        return treatment_after(words).filter(|label| label.len() + 1 >= words.len());
    }
    let (label, _) = phrase(words)?;
    (label.len() + 1 >= words.len()).then_some(label)
}

/// A group phrase read right before a value.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmBefore {
    /// The groups named: one, or several (`in groups A and B were`).
    pub labels: Vec<String>,
    /// Whether `than` leads to the phrase (`longer with X than with Y (6.1 vs 4.2 months)`): it
    /// names the group the first value is compared with, not the first value's.
    pub comparator: bool,
}

/// The group phrase right before a value: `in the vitamin C group (`, `for X was`, `placebo, `.
/// Several groups come back for `in groups A and B were`.
pub fn before(text: &str) -> Option<ArmBefore> {
    let p = patterns();
    for pattern in [&p.before_bracket, &p.before_copula, &p.before_comma] {
        if let Some(caps) = pattern.captures(text) {
            let whole = caps.get(0).map_or(0, |m| m.start());
            let comparator = p.than_lead.is_match(&text[..caps.get(1).map_or(whole, |m| m.start())]);
            let words = caps[1].trim();
            if let Some(list) = p.lettered.captures(words).filter(|c| c.get(0).is_some_and(|m| m.end() == words.len()))
            {
                let noun = list[1].trim_end_matches('s').to_ascii_lowercase();
                let labels = vec![format!("{noun} {}", &list[2]), format!("{noun} {}", &list[3])];
                return Some(ArmBefore { labels, comparator });
            }
            if let Some((label, _)) = phrase(words) {
                if label.len() + 1 >= words.len() {
                    return Some(ArmBefore { labels: vec![total_alias(&label)], comparator });
                }
            }
        }
    }
    None
}

/// The groups a sentence lists with `respectively`: `in groups A and B, respectively`,
/// `For ILF and ELF, respectively`.
pub fn respectively_list(sentence: &str) -> Option<Vec<String>> {
    // Both patterns hold the word as written; most sentences lack it, and the patterns
    // (Unicode classes, slow engines on text with `±` or `μ`) cost far more than this search.
    if !sentence.contains("respectively") {
        return None;
    }
    let p = patterns();
    let caps = p.respectively_before.captures(sentence).or_else(|| p.respectively_after.captures(sentence))?;
    let list = split_list(caps[1].trim());
    (list.len() > 1).then_some(list)
}

/// The groups listed from the start of `text` up to `respectively`: `Arms A, B, and C,
/// respectively` gives `Arm A`, `Arm B`, `Arm C`; `drug X and placebo, respectively` gives
/// `drug X`, `placebo`. Empty when `respectively` does not close the list. Unlike
/// [`respectively_list`], which reads the labels of a `for`/`in` phrase through [`phrase`],
/// this keeps each listed name as written (counts name their groups in a bare list).
pub fn listed_until_respectively(text: &str) -> Vec<String> {
    let Some(end) = text.find("respectively") else { return Vec::new() };
    listed_groups(text[..end].trim().trim_end_matches(','))
}

/// The groups of a bare list, each name as written: `Arms A, B, and C` gives `Arm A`, `Arm B`,
/// `Arm C`; `the intensive and conventional education groups` gives `intensive education
/// group`, `conventional education group`. Empty for a list with brackets, `;` or `%`.
pub fn listed_groups(list: &str) -> Vec<String> {
    let list = list.trim();
    if list.contains(['(', ')', ';', '%']) || list.len() > 120 {
        return Vec::new();
    }
    let parts: Vec<&str> = list
        .split(',')
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" or "))
        .map(|part| part.trim().trim_start_matches("and ").trim_start_matches("or ").trim_start_matches("the ").trim())
        .filter(|part| !part.is_empty())
        .collect();
    // `Arms A, B, and C`: the plural noun of the first names every identifier after it.
    let noun = parts.first().and_then(|first| plural_noun_naming_ids(first));
    // `the intensive and conventional education groups`: the plural noun of the last names each.
    let shared = parts.last().and_then(|last| {
        let (_, noun) = last.rsplit_once(' ')?;
        let singular = noun.strip_suffix('s')?;
        matches!(singular.to_ascii_lowercase().as_str(), "arm" | "group").then_some(singular)
    });
    parts
        .iter()
        .enumerate()
        .map(|(index, part)| match (noun, shared) {
            (Some(noun), _) if index == 0 => format!("{noun} {}", part.split_once(' ').map_or("", |(_, id)| id)),
            (Some(noun), _) if part.len() <= 3 => format!("{noun} {part}"),
            (_, Some(shared)) if index + 1 == parts.len() => {
                format!("{}{shared}", &part[..part.len() - shared.len() - 1])
            }
            (_, Some(shared)) => format!("{part} {shared}"),
            _ => part.to_string(),
        })
        .filter(|label| label.split_whitespace().count() <= 5)
        .collect()
}

/// `Arms A`, `groups C`: the singular of the plural group noun that opens a list of short
/// identifiers (`Arm`, `group`), which names each of them.
pub fn plural_noun_naming_ids(first: &str) -> Option<&str> {
    let (noun, id) = first.split_once(' ')?;
    let singular = noun.strip_suffix('s')?;
    (matches!(singular.to_ascii_lowercase().as_str(), "arm" | "group" | "cohort") && id.len() <= 3).then_some(singular)
}

/// Two groups the sentence compares: `in the UFT group compared with the OBS group`,
/// `comparing endovascular treatment with endarterectomy`.
pub fn comparison_list(sentence: &str) -> Option<Vec<String>> {
    let p = patterns();
    // Each pattern is searched only in a sentence holding words every match of it holds, as
    // written (outside their `(?i:...)`): the searches cost far more than these.
    let holds = |words: &[&str]| words.iter().any(|w| sentence.contains(w));
    let compared_first = || holds(&["Compared "]).then(|| p.compared_first.captures(sentence)).flatten();
    let comparison = || holds(&["group", "arm", "cohort"]).then(|| p.comparison.captures(sentence)).flatten();
    let subject_than =
        || holds(&["than", "versus", "vs", "compared "]).then(|| p.subject_than.captures(sentence)).flatten();
    let (first, second) = if let Some(caps) = compared_first() {
        (caps[2].to_string(), caps[1].to_string())
    } else if let Some(caps) = comparison().or_else(subject_than) {
        (caps[1].to_string(), caps[2].to_string())
    } else {
        return None;
    };
    let first = phrase(first.trim()).map(|(l, _)| l)?;
    let second = phrase(second.trim()).map(|(l, _)| l)?;
    (first != second).then(|| vec![first, second])
}

/// Splits `groups A and B`, `the GB group and the MR group`, `TOMOX and FOLFOX4` into labels.
fn split_list(text: &str) -> Vec<String> {
    if let Some(caps) = patterns().lettered.captures(text) {
        let noun = caps[1].trim_end_matches('s').to_ascii_lowercase();
        return vec![format!("{noun} {}", &caps[2]), format!("{noun} {}", &caps[3])];
    }
    text.split([','])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" vs "))
        .flat_map(|part| part.split(" versus "))
        .map(|part| part.trim().trim_start_matches("and ").trim_start_matches("the ").trim())
        .filter(|part| !part.is_empty())
        .filter_map(|part| phrase(part).map(|(l, _)| l))
        .collect()
}

/// The group phrase at the start of `text` and where it ends: words up to a stop word or
/// punctuation, and up to `group`/`arm` included.
fn phrase(text: &str) -> Option<(String, usize)> {
    let mut end = 0;
    let mut words = 0;
    for (at, word) in word_spans(text) {
        if word.chars().next().is_some_and(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '.')) {
            break;
        }
        // An abbreviation in capitals is a name (`IS`, `OR`), never a stop word.
        let lower = if word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
            word.to_string()
        } else {
            word.to_ascii_lowercase()
        };
        if words > 0 && STOP_WORDS.contains(&lower.as_str()) {
            break;
        }
        if words == 0 && STOP_WORDS.contains(&lower.as_str()) {
            return None;
        }
        let clean = word.trim_end_matches([',', ';', ':', '.', ')', ']']);
        end = at + clean.len();
        words += 1;
        let group_noun =
            matches!(lower.trim_end_matches([',', ';', ':', '.']), "group" | "arm" | "groups" | "arms" | "cohort");
        if group_noun && clean.len() == word.len() {
            // `arm B`, `group II`: the noun keeps its identifier.
            let next = text[end..].trim_start_matches(' ');
            let id = next.split([' ', ',', ';', ':', ')', ']']).next().unwrap_or("").trim_end_matches('.');
            let is_id = (id.len() == 1 && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
                || matches!(id, "I" | "II" | "III" | "IV");
            if is_id {
                end = text.len() - next.len() + id.len();
            }
        }
        if clean.len() < word.len() || group_noun || words == 8 {
            break;
        }
    }
    let label = text[..end].trim();
    // A group may start with a dose (`10 μM trabedersen`), never be a bare number or duration.
    if label.starts_with(|c: char| c.is_ascii_digit()) && (words < 2 || crate::grammar::duration(label).is_ok()) {
        return None;
    }
    (words > 0 && is_group(label)).then(|| (label.to_string(), end))
}

/// Words of `text` with their byte offsets; punctuation opening a word is its own word.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            if let Some(s) = start.take() {
                spans.push((s, &text[s..i]));
            }
        } else if matches!(c, '(' | '[' | ')' | ']' | ',' | ';' | ':') && start.is_none() {
            spans.push((i, &text[i..i + 1]));
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        spans.push((s, &text[s..]));
    }
    spans.into_iter()
}

/// Whether a label can name a group: not empty, not a word such as `median`, `OS`, `favour`.
pub fn is_group(label: &str) -> bool {
    let lower = label.to_ascii_lowercase();
    !label.is_empty() && !NOT_GROUPS.contains(&lower.as_str()) && label.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_labels(s: &str) -> Option<(Vec<String>, bool)> {
        after(s).map(|a| (a.labels, a.respectively))
    }

    #[test]
    fn phrases_after_a_value() {
        assert_eq!(
            after_labels(" in the combined modality arm and 55.2%"),
            Some((vec!["combined modality arm".into()], false))
        );
        assert_eq!(
            after_labels(", respectively, in the systemic treatment arm."),
            Some((vec!["systemic treatment arm".into()], false))
        );
        assert_eq!(after_labels(" in gefitinib and 37.2% in"), Some((vec!["gefitinib".into()], false)));
        assert_eq!(after_labels(" (simvastatin) vs"), Some((vec!["simvastatin".into()], false)));
        assert_eq!(after_labels(": belatacept HD; 88%"), Some((vec!["belatacept HD".into()], false)));
        assert_eq!(after_labels(": tacrolimus)."), Some((vec!["tacrolimus".into()], false)));
        assert_eq!(after_labels(": this was significant in both groups."), None);
        assert_eq!(after_labels(" for arm A and B (p=0.4)"), Some((vec!["arm A".into(), "arm B".into()], false)));
        assert_eq!(
            after_labels(" for the GB group and the MR group, respectively (p"),
            Some((vec!["GB group".into(), "MR group".into()], true))
        );
        assert_eq!(after_labels(" in 278 patients allocated mEOC+P (hazard"), Some((vec!["mEOC+P".into()], false)));
        assert_eq!(
            after_labels(" in the saline and drug Z arms; HR"),
            Some((vec!["saline".into(), "drug Z arms".into()], false))
        );
        assert_eq!(after_labels(" in the saline and drug Z arm"), Some((vec!["saline".into()], false)));
        assert_eq!(
            after(" for drug Q and saline (P = 0.2)").map(|a| a.listed),
            Some(vec!["drug Q".into(), "saline".into()])
        );
        assert_eq!(after_labels(" (drug Q vs saline)."), Some((vec!["drug Q".into(), "saline".into()], false)));
        assert_eq!(after_labels(" in favour of drug Q"), None);
        assert_eq!(before("Median OS for all patients was ").map(|b| b.labels), Some(vec!["total".into()]));
    }

    #[test]
    fn weak_cues() {
        assert_eq!(after_treatment(" after ablation and 20% after"), Some("ablation".into()));
        assert_eq!(after_treatment(" after two years"), None);
        assert_eq!(after_treatment(" after randomisation"), None);
        assert_eq!(opening_item("relapse rates were saline, "), Some("saline".into()));
        assert_eq!(opening_item("survival after ablation was "), Some("ablation".into()));
        assert_eq!(opening_item("survival after 3 years was "), None);
    }

    #[test]
    fn phrases_before_a_value() {
        let one = |s: &str| before(s).map(|l| l.labels.join("|"));
        assert_eq!(one("was considerably lower in the vitamin C group ("), Some("vitamin C group".into()));
        assert_eq!(one("did not differ between groups (erlotinib, "), Some("erlotinib".into()));
        assert_eq!(one("Median survival for 10 μM trabedersen was "), Some("10 μM trabedersen".into()));
        assert_eq!(one("Median overall survival in 275 patients allocated EOC was "), Some("EOC".into()));
        assert_eq!(one("survival rates in groups A and B were "), Some("group A|group B".into()));
        assert_eq!(one("time to removal in the control group (n = 14) was "), Some("control group".into()));
        assert_eq!(one("; and drug B, "), Some("drug B".into()));
        assert_eq!(one("rates at 6 months were: placebo, "), Some("placebo".into()));
        assert_eq!(before("Median OS was "), None);
        let compared = before("was longer in the drug Q group than in the saline group (").unwrap();
        assert_eq!((compared.labels, compared.comparator), (vec!["saline group".to_string()], true));
    }

    #[test]
    fn lists() {
        assert_eq!(
            respectively_list("rates were 68.5, 41.4 and 56.8, 26.2 % in groups A and B, respectively."),
            Some(vec!["group A".into(), "group B".into()])
        );
        assert_eq!(
            respectively_list("For ILF and ELF, respectively, median PFS was 4.5 vs 2.3 months"),
            Some(vec!["ILF".into(), "ELF".into()])
        );
        assert_eq!(
            comparison_list("Median PFS was not improved in the UFT group compared with the OBS group (3.2"),
            Some(vec!["UFT group".into(), "OBS group".into()])
        );
    }
}
