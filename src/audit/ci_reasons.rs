//! Reasons read from a confidence interval's own words (twelfth session): the groups' values set
//! side by side, a change the sentence gives one group as its subject, the predictors of an
//! association list, agreement and ratio names right before the value, a bound cited alone,
//! and the interval of a difference the text does not write; a regression or correlation
//! coefficient right before the value (`coefficient`: the GUIDE's measures hold none, and the
//! gold leaves out an intervention's `β` too), and the next geometric mean ratio of a list.
//! Groups' means headed by their label (`[mean (95% CI): €204 (169-238) vs. €213 (…)`) and a
//! half-maximal concentration are groups' levels; a change from baseline with no group named in
//! its sentence is within a group.
//!
//! Each reason looks at the words that govern the estimate (the value right before the label
//! and the words around it), never at a word anywhere in the sentence, and each steps back
//! where the GUIDE makes the estimate a row: a difference, an effect, a ratio measure of the
//! randomized comparison, a group's percentage of a binary outcome (an events row).

use std::sync::OnceLock;

use regex::Regex;

use super::{compares_groups, is_expression, patterns, tight_clause};
use crate::normalise::floor_boundary;

struct CiPatterns {
    /// A group's value right before the label: `12.9 (95% CI`, `0.22 L (95% CI`, `0.42: 95% CI`.
    value_then_label: Regex,
    /// A group's value opening the label's bracket: `(6.1s; CI`, `(average: -0.3; 95%CI`.
    bracket_value_then_label: Regex,
    /// Names that make the value before the label an estimate of a comparison, not a group's.
    estimate_name_before: Regex,
    /// After the CI's bracket: the group the value belongs to (`) in the control group`,
    /// `) ng/ml in soft gelatin capsule group`, `) for SFC`).
    group_after: Regex,
    /// After the CI's bracket: a group or an arm named as such (`) for the control group`).
    arm_after: Regex,
    /// A difference said not to be there: `No significant difference in`, no name of a value.
    no_difference: Regex,
    /// A connector that sets one group's value against another's.
    set_against: Regex,
    /// Words between two values that make them parts of a comparison, not two groups' values.
    between_blocker: Regex,
    /// Words of a clause that make a value a difference or one against a comparator.
    difference_words: Regex,
    /// Words right before a value that name it a difference or an effect.
    difference_names: Regex,
    /// What makes a percentage a mean or a score rather than a group's share with an outcome.
    percent_as_level: Regex,
    /// One group as the subject of a change: `In the Web group, activity increased at 3 (`,
    /// `The Logbook group also increased activity at 3 (`, each of two: `HCHO and PCHO groups
    /// improved times: 6.6% (`.
    group_subject_change: Regex,
    /// Words that set a value against another one.
    against: Regex,
    /// An association or prediction said of a list of factors.
    association: Regex,
    /// A ratio or coefficient opening the CI's bracket: `(OR = 3.3, 95%CI`, `(AHR, 0.50; 95% CI`.
    ratio_in_bracket: Regex,
    /// Words that name the randomized comparison or a group of it.
    allocation_words: Regex,
    /// Agreement and discrimination measures right before the value (GUIDE: no correlations,
    /// no diagnostic accuracy).
    agreement_before: Regex,
    /// Ratios outside the GUIDE's measures right before the value: geometric mean ratios, a
    /// `treatment ratio`, an `(a)RRR` (a ratio of relative risks, or a relative risk reduction:
    /// neither is a listed measure).
    other_ratio_before: Regex,
    /// The next value of a list that such a ratio opens: `GMRs of 1.01 (90% CI …) and 0.94 (`.
    other_ratio_listed: Regex,
    /// A coefficient right before the label: a regression's (`β = 0.02, 95 % CI`, `(B -0.19
    /// litres, 95% CI`, `interaction term 3.72 [95% CI`) or a correlation's (`r = .42 (95% CI`).
    coefficient_before: Regex,
    /// One bound of an interval cited against a margin: `the lower limit of the 95% CI`.
    bound_before: Regex,
    bound_after: Regex,
    /// `(95% CI for difference` / `of difference`.
    for_difference_after: Regex,
    /// A number with a comparative: the difference is written (`1.17 points/month lower`).
    comparative_number: Regex,
    /// Two group values set against each other, then the label: `80.3 mmHg (SD: 4.9) compared
    /// to 85.1 mmHg (SD: 5.4) in the Saline group (95% CI`.
    pair_with_spread_before: Regex,
    /// A label followed by `margin`: a non-inferiority margin, no interval.
    margin_after: Regex,
    /// After a value's bracket: the value set against baseline (`) higher than at baseline`).
    baseline_after: Regex,
    /// Before a value, in its clause: a change from or against baseline (`remained 1.4 %-units
    /// higher than at baseline`, `from baseline to week 12 was`).
    baseline_before: Regex,
    /// Words naming another group, a difference or an effect: the change is not one group's.
    other_group: Regex,
    /// A change over time from a first value: `The average score increased from 63% (`, `The
    /// LWBS rate was reduced from 4.7% to 0.7% (`, `From baseline to 18 months, participants
    /// showed lower mean weight (-4.2 kg [`.
    changed_from: Regex,
    /// Words that make a change one group's against another's: a group, an arm, a comparator.
    group_named: Regex,
    /// The bounds right after a label: `95% CI 818-11130`, `(95% CI of difference -0.4 to 0.4`.
    bounds_after: Regex,
    /// A number of a text, not inside a word (`IL-6`, `AUC0` hold none).
    number: Regex,
    /// The words of a p-value right before its number: `p=`, `P < `, `p-value = `.
    p_equals: Regex,
    /// `(95% CI for difference`, `95% CI of the difference`: the interval of an estimate that may
    /// not be the value before it.
    of_difference_after: Regex,
    /// A test's sidedness, whose digit is no estimate: `the 2-sided 95% CI`.
    sided: Regex,
    /// A label heading the values after it as means: `[mean (95% CI): €204 (169-238) vs. €213`,
    /// `(least squares mean [95% CI] score change from baseline 1.60 [1.28, 1.91], 1.69 [`.
    mean_heads: Regex,
    /// The words from the heading label's bracket to its first value: none names a difference.
    heading_to_value: Regex,
    /// After a value's bounds: the next group's value with its bounds (`) vs. €213 (`, `], 1.69 [`).
    next_value: Regex,
    /// A concentration that inhibits or acts on half, right before the value (`50% inhibitory
    /// concentration for dihydroartemisinin was 1.10 nM;`, `EC50 of 3.2 (`): one group's level.
    half_maximal_before: Regex,
    /// A model of several factors, or an association, named in the sentence: `Cox models for
    /// recurrent falls showed`, `multivariable logistic regression`, `associated with`.
    model_framing: Regex,
    /// A ratio measure opening a bracket, with its number: `(HR 1.42,`, `(OR=1.04,`.
    ratio_bracket: Regex,
    /// Words that name a time before treatment, no treatment: `pre treatment`, `pretreatment`.
    pretreatment: Regex,
    /// An item called a predictor: `PINP could be identified as a predictor for survivors`.
    predictor_named: Regex,
    /// All the groups together as the subject of a change: `Both groups had … improvements`,
    /// `increased in both groups`, `regardless of group allocation`.
    all_groups: Regex,
    /// Words of a change over time.
    change_word: Regex,
    /// Words that set one group against another after `both groups`.
    between_groups: Regex,
    /// `pre 26.4% vs post 32.6%`: a group's values before and after, no comparison of groups.
    pre_vs_post: Regex,
    /// An arm's name heading its own item of a bracket or list: `(intervention, pre …; control,
    /// AOR 1.41`: the arm the values are of, no comparison with it.
    arm_item: Regex,
    /// `pseudo-median of the differences`: the one-sample (paired) Hodges-Lehmann estimate.
    paired_pseudo_median: Regex,
    /// A time point, whose numbers are no estimate: `Over days 2-6`, `at week 12`.
    time_point: Regex,
}

fn ci_patterns() -> &'static CiPatterns {
    static PATTERNS: OnceLock<CiPatterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("audit patterns are valid");
        // Words that name a value a difference or an effect.
        let difference = r"differences?|diff|effects?|in\s+favou?r|placebo[- ](?:corrected|adjusted|subtracted)";
        CiPatterns {
            value_then_label: re(r"(?:^|[\s(\[=:])([-−+]?\d+(?:[.,]\d+)?)\s*(%|[A-Za-zµμ°/€£$][^\s\d()\[\];,:=]{0,15}(?:\s+[A-Za-z/][^\s\d()\[\];,:=]{0,12})?)?\s*[,;]?\s*[(\[:]\s*$"),
            bracket_value_then_label: re(r"(?i)[(\[]\s*(?:(?:mean|average)\s*:?\s*)?([-−+]?\d+(?:[.,]\d+)?)\s*(%|[a-zµμ°/€£$][^\s\d()\[\];,:=]{0,15}(?:\s+[a-z/][^\s\d()\[\];,:=]{0,12})?)?\s*[;,:]\s*(?:the\s+)?$"),
            estimate_name_before: re(r"(?i)\b(?:differences?|diff|effects?|ratios?|OR|HR|RR|IRR|MD|SMD|RD|beta|β|B|b|d|ES|r|kappa|reduction|NNT|p|P)\s*(?:\[[^\]]*\]\s*)?[=:,]?\s*(?:of\s+|was\s+|were\s+|is\s+)?$"),
            group_after: re(r"(?i)^\s*(?:[^\s\d()\[\];,.]{1,15}\s+)?(?:in|for)\s+(?:the\s+)?[A-Za-z]"),
            no_difference: re(r"(?i)\bno\s+(?:statistically\s+)?(?:significant\s+)?differences?\b"),
            arm_after: re(r"(?i)^\s*(?:in|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:group|arm)\b"),
            set_against: re(r"(?i)\b(?:vs\.?|versus|v/s|compared\s+(?:with|to)|than|while|whereas)\b"),
            between_blocker: re(r"(?i)\b(?:differences?|diff|effects?|ratios?|OR|HR|RR|MD|respectively)\b"),
            difference_words: re(&format!(r"(?i)\b(?:{difference}|(?:versus|vs\.?|compared\s+(?:with|to)|relative\s+to)\s+(?:the\s+)?(?:placebo|controls?|usual\s+care|sham))\b")),
            difference_names: re(&format!(r"(?i)\b(?:{difference})\b")),
            percent_as_level: re(r"(?i)\b(?:mean|median|average|scores?|levels?|concentrations?|saturation|fat|HbA1c)\b"),
            group_subject_change: re(r"(?i)^\s*(?:[A-Z]+\s*:\s*)?(?:in\s+the\s+[^,;()]{1,40}?\s+(?:group|arm)s?\s*,|the\s+[^,;()]{1,40}?\s+(?:group|arm)\s+(?:also\s+|only\s+)?|[A-Z][\w-]*\s+and\s+[A-Z][\w-]*\s+(?:groups|arms)\s+(?:also\s+|both\s+)?)(?:[\w-]+\s+){0,4}?(?:increased|decreased|improved|declined|reduced|gained|lost)\b"),
            against: re(r"(?i)\b(?:vs\.?|versus|compared|than|relative\s+to)\b"),
            association: re(r"(?i)\b(?:(?:were|was|is|are)\s+(?:(?:significantly|independently|positively|negatively|inversely)\s+)?(?:(?:associated|related|correlated)\s+(?:with|to)|(?:more|less)\s+likely\s+to)|(?:independent\s+)?predictors?\s+(?:of|for)|risk\s+factors?)\b"),
            ratio_in_bracket: re(r"(?i)[(\[]\s*(?:(?:adjusted|adj|a)\s*)?(?:OR|HR|AHR|aOR|odds\s+ratio|hazard\s+ratio|β|beta)\s*(?:\[[^\]]*\]\s*)?[=:,]?\s*[-−]?[\d.]+\s*[.,;]\s*$"),
            allocation_words: re(r"(?i)\b(?:interventions?|treatments?|treated|randomi[sz]\w*|placebo|versus|vs|compared|groups?|arms?|allocat\w*|assigned|vaccine\w*|controls?)\b"),
            agreement_before: re(r"(?i)\b(?:kappa|κ|ICC|intraclass|sensitivity|specificity|c-statistic|Cronbach)\b[^;()\[\]]{0,12}$"),
            other_ratio_before: re(r"(?i)\b(?:GMRs?|geometric\s+mean\s+ratios?|(?:estimated\s+)?treatment\s+ratios?|a?RRRs?)\b[^;()\[\]]{0,20}$"),
            other_ratio_listed: re(r"(?i)\b(?:GMRs?|geometric\s+mean\s+ratios?)\s+(?:of\s+|were\s+|was\s+)?[-−]?\d[\d.]*\s*[(\[][^()\[\]]{0,40}[)\]]\s*(?:,\s*(?:and\s+)?|and\s+)[-−]?\d[\d.]*\s*[(\[]?\s*$"),
            coefficient_before: re(r"(?:(?:^|[\s(\[;:,])(?:β|ρ|(?i:beta|rho|interaction\s+terms?|coefficients?))\s*[=:]?\s*[-−+]?|(?:^|[\s(\[;:,])[Bbr]\s*=\s*[-−+]?|[(\[]\s*B\s+[-−])\d*[.,]?\d+\s*(?:[A-Za-zµμ%/]+\s*)?[,;]?\s*[(\[]?\s*$"),
            bound_before: re(r"(?i)\b(?:upper|lower)\s+(?:limit|bound|end)\s+of\s+(?:the\s+)?(?:(?:\d-sided|two-sided|one-sided)\s+)?$"),
            bound_after: re(r"(?i)^\s*(?:\(CI\)\s*)?(?:upper|lower)\s+(?:limit|bound)s?\b"),
            for_difference_after: re(r"(?i)^\s*(?:for|of)\s+(?:the\s+)?differences?\b"),
            comparative_number: re(r"(?i)\d\s*(?:%|[a-z/.\-0-9]{0,20})?\s+(?:lower|higher|greater|more|less|fewer|shorter|longer|smaller|larger)\b"),
            pair_with_spread_before: re(r"(?i)[-+]?\d[\d.]*\s*%?\s*[^\d;()\[\]]{0,20}?\s*\([^()]*\)\s*(?:vs\.?|versus|compared\s+(?:with|to))\s+[-+]?\d[\d.]*\s*%?\s*[^\d;()\[\]]{0,20}?\s*\([^()]*\)\s*(?:in\s+the\s+[\w\s-]{1,30}?)?\s*$"),
            margin_after: re(r"(?i)^\s*margins?\b"),
            baseline_after: re(r"(?i)^[^()\[\]]{0,40}?[)\]]\s*(?:[\w%-]+\s+){0,2}?(?:higher|lower|greater|less|more|above|below)\s+than\s+(?:at\s+)?(?:the\s+)?baseline\b"),
            baseline_before: re(r"(?i)\b(?:(?:higher|lower|greater|less|more|above|below)\s+than\s+(?:at\s+)?(?:the\s+)?baseline|(?:compared\s+(?:with|to)|relative\s+to|versus|vs\.?)\s+baseline)\b[^;()\[\]]*$"),
            other_group: re(r"(?i)\b(?:placebo|controls?|usual\s+care|sham|differ\w*|effects?|between|groups|arms|versus|vs\.?|compared|relative)\b"),
            changed_from: re(r"(?i)\bfrom\s+baseline\s+to\s+(?:the\s+)?(?:end|week|month|day|year|\d)|\b(?:increased|decreased|improved|fell|rose|declined|dropped|changed|reduced)\s+(?:significantly\s+|slightly\s+)?from\s+[-−+]?\d|\b(?:mean|average)\s+(?:decrease|increase|reduction|improvement|change|gain|loss)\s+(?:of\s+)?[-−+]?\d"),
            group_named: re(r"(?i)\b(?:groups?|arms?|placebo|controls?|usual\s+care|sham|versus|vs\.?|compared|relative|differ\w*|effects?|between|interventions?|treated|randomi[sz]\w*|than|favou?r\w*|adjusted)\b"),
            bounds_after: re(r"(?i)^\s*(?:[(\[]\s*C[Il]\s*[)\]])?\s*[:=,]?\s*[(\[]?\s*(?:(?:of|for)\s+(?:the\s+)?(?:mean\s+)?(?:[a-z]+\s+)?differences?(?:\s+in\s+[\w-]+)?\s*[:=,]?\s*(?:of\s+)?[(\[]?\s*)?([-−]?)\s*(\d+(?:\.\d+)?)\s*%?\s*(?:[a-zµμ/]{1,8})??\s*(?:-|–|to|,|;)\s*([-−]?)\s*(\d+(?:\.\d+)?)"),
            number: re(r"(?:^|[^\d,])([-−]?)(\d+(?:\.\d+)?|\.\d+)"),
            p_equals: re(r"(?i)\bp(?:[- ]value)?\s*[=<>≤≥]\s*[-−]?$"),
            of_difference_after: re(r"(?i)^\s*(?:for|of)\s+(?:the\s+)?(?:mean\s+)?differences?\b"),
            sided: re(r"(?i)\d\s*-\s*sided"),
            mean_heads: re(r"(?i)\b(?:(?:least[- ]squares?|geometric|adjusted)\s+)?means?\s*[(\[]\s*$"),
            heading_to_value: re(r"(?i)^[^\d]{0,60}?[-−+]?\s*[€£$]?\s*\d"),
            next_value: re(r"(?i)^\s*(?:[a-zµμ%/$€£]+\s*)?(?:,|;|vs\.?|versus|and|compared\s+(?:with|to))\s*(?:[a-z-]+\s+){0,3}?[-−+]?\s*[€£$]?\s*\d[\d.,]*\s*(?:[a-zµμ%/]+\s*)?[(\[]"),
            half_maximal_before: re(r"(?i)(?:\b(?:IC|EC|ED)\s?50\b|\b50\s*%\s+(?:inhibitory|effective)\s+(?:concentration|dose)\b|\bhalf[- ]maximal\b)[^;()\[\]]{0,50}$"),
            model_framing: re(r"(?i)\b(?:Cox\s+(?:proportional\s+hazards?\s+)?(?:models?|regression)|regression\s+(?:models?|analys[ie]s)|multivariat\w*|multivariable|predictors?|risk\s+factors?|(?:significantly\s+|independently\s+)?associated\s+with)\b"),
            ratio_bracket: re(r"(?i)[(\[]\s*(?:(?:adjusted|adj|a)\s*)?(?:OR|HR|AHR|aOR|odds\s+ratio|hazard\s+ratio)\s*(?:\[[^\]]*\]\s*)?[=:,]?\s*[-−]?\d"),
            pretreatment: re(r"(?i)\bpre[- ]?treatment\b"),
            predictor_named: re(r"(?i)\bpredictors?\b"),
            all_groups: re(r"(?i)\b(?:both|all)\s+(?:(?:two|2|three|3|four|4)\s+)?(?:groups|arms)\b|\bregardless\s+of\s+(?:group|treatment|arm)(?:\s+(?:allocation|assignment))?\b"),
            change_word: re(r"(?i)\b(?:improv\w*|increas\w*|decreas\w*|reduc\w*|declin\w*|chang\w*|gain\w*|lost|loss|fell|rose|dropped)\b"),
            between_groups: re(r"(?i)\b(?:between|compared|versus|vs|than|relative\s+to|placebo|controls?|sham|usual\s+care|but|whereas|however|while|favou?r\w*|differ(?:ed|s)?\s+(?:from|between))\b"),
            pre_vs_post: re(r"(?i)\bvs\.?\s+post\b"),
            arm_item: re(r"(?i)(?:^|[(\[;])\s*(?:the\s+)?(?:intervention|control|placebo|usual[- ]care|experimental)(?:\s+(?:groups?|arms?))?\s*,"),
            paired_pseudo_median: re(r"(?i)\bpseudo-?\s*medians?\s+of\s+(?:the\s+)?differences\b[^()\[\]]{0,60}$"),
            time_point: re(r"(?i)\b(?:days?|weeks?|months?|years?|hours?|visits?|cycles?)\s+\d+(?:\s*(?:-|–|to|and)\s*\d+)?\b"),
        }
    })
}

/// The reason read from a CI's own words, or none.
pub(super) fn local_ci_reason(s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> Option<&'static str> {
    let c = ci_patterns();
    let before = &s[floor_boundary(s, at.saturating_sub(80).max(sentence.0))..at];
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    if c.margin_after.is_match(after) {
        return Some("design");
    }
    if c.agreement_before.is_match(value_context(before)) {
        return Some("diagnostic");
    }
    if c.other_ratio_before.is_match(value_context(before)) || c.other_ratio_listed.is_match(before) {
        return Some("other_ratio");
    }
    if c.coefficient_before.is_match(before) {
        return Some("coefficient");
    }
    if c.half_maximal_before.is_match(value_context(before)) {
        return Some("single_group_value");
    }
    if bound_alone(c, before, after) || difference_not_written(c, s, sentence, at, after) {
        return Some("no_estimate");
    }
    (predictor_in_list(c, s, sentence, at, before) || covariate_item(c, s, sentence, at, before)).then_some("predictor")
}

/// The reasons read from a CI's own words that the sentence's reasons go before (a group's
/// value that the sentence calls a ratio or a rate per person-time is better named so): a change
/// said of one group, one of several groups' values set side by side, or an interval whose
/// estimate is not written.
pub(super) fn group_value_reason(s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> Option<&'static str> {
    let c = ci_patterns();
    if one_group_changes(c, s, sentence, (at, end))
        || against_baseline(c, s, sentence, (at, end))
        || changed_from_value(c, s, sentence, (at, end))
        || all_groups_change(c, s, sentence, (at, end))
        || c.paired_pseudo_median.is_match(&s[floor_boundary(s, at.saturating_sub(120).max(sentence.0))..at])
    {
        return Some("within_group");
    }
    if side_by_side(c, s, sentence, at) || mean_heads_values(c, s, sentence, (at, end)) {
        return Some("single_group_value");
    }
    estimate_outside_bounds(c, s, sentence, (at, end)).then_some("no_estimate")
}

/// A label in the bracket of `mean` that heads the groups' values after it, no word up to the
/// first value naming a difference, an effect or a ratio: `[mean (95% CI): €204 (169-238) vs.
/// €213 (182-243)`, `(least squares mean [95% CI] score change from baseline 1.60 [1.28, 1.91],
/// 1.69 […]` (GUIDE: a group's own mean or change is no row). Not a median (a median time to an
/// event is a row), nor a value alone (`[mean (90% CI), 9.6 ms (7.2, 12.0)]`: an effect).
fn mean_heads_values(c: &CiPatterns, s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> bool {
    let before = &s[floor_boundary(s, at.saturating_sub(40).max(sentence.0))..at];
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    let Some(close) = after.find([')', ']']) else { return false };
    let values = &after[close + 1..];
    let heading = c.heading_to_value.find(values).map(|m| m.as_str());
    // A second group's value follows the first one's bounds: one value alone may be an effect
    // (`[mean (90% CI), 9.6 ms (7.2, 12.0)]` of a drug against placebo).
    let second = heading.and_then(|words| {
        let rest = &values[words.len()..];
        let close = rest.find([')', ']'])?;
        Some(c.next_value.is_match(&rest[close + 1..]))
    });
    second == Some(true)
        && c.mean_heads.is_match(before)
        && !super::has_number(&after[..close])
        && heading.is_some_and(|words| !c.other_group.is_match(words) && !patterns().ratio_measure.is_match(words))
        && !patterns().ratio_measure.is_match(before)
}

/// The words before a label up to the value: the bracket's opening and its first value cut off,
/// so `AUC 0.71 [` reads `AUC`.
fn value_context(before: &str) -> &str {
    let trimmed = before.trim_end_matches(|ch: char| ch.is_whitespace() || "([,;:".contains(ch));
    trimmed.trim_end_matches(|ch: char| ch.is_ascii_digit() || ".-−+ ".contains(ch))
}

/// One bound of an interval cited against a margin, no estimate in the words before it: `the
/// lower limit of the 95% CI (-1.6) was outside the boundary`, `The 95% CI upper limit for …
/// was <1.5 mm Hg`.
fn bound_alone(c: &CiPatterns, before: &str, after: &str) -> bool {
    let near = &before[floor_boundary(before, before.len().saturating_sub(60))..];
    let near = c.sided.replace_all(near, "");
    (c.bound_before.is_match(before) || c.bound_after.is_match(after)) && !super::has_number(&near)
}

/// The CI of a difference the text does not write: `(95% CI for difference, …)` after two
/// groups' values with no comparative number (`129 cells/mm3 for IL-2 and 13 cells/mm3 for
/// control participants (95% CI for difference`), or after two values with their SDs set against
/// each other (`80.3 mmHg (SD: 4.9) compared to 85.1 mmHg (SD: 5.4) in the Saline group (95% CI`).
fn difference_not_written(c: &CiPatterns, s: &str, sentence: (usize, usize), at: usize, after: &str) -> bool {
    let window = &s[floor_boundary(s, at.saturating_sub(160).max(sentence.0))..at];
    let clause = own_clause(window);
    if c.pair_with_spread_before
        .is_match(own_clause(window.trim_end_matches(|ch: char| ch.is_whitespace() || ";,([".contains(ch))))
    {
        return true;
    }
    let p = patterns();
    c.for_difference_after.is_match(after)
        && number_count(clause) >= 2
        && !c.comparative_number.is_match(clause)
        && !p.named_estimate.is_match(clause)
        && !compares_by_name(clause)
}

/// The end of a text after its last `;` or full stop that ends a sentence (`. ` before a capital;
/// `vs. 127.5` goes on).
fn own_clause(text: &str) -> &str {
    let bytes = text.as_bytes();
    let stop = (1..bytes.len().saturating_sub(1))
        .rev()
        .find(|&i| bytes[i] == b';' || (bytes[i - 1] == b'.' && bytes[i] == b' ' && bytes[i + 1].is_ascii_uppercase()));
    stop.map_or(text, |i| &text[i + 1..])
}

/// Whether a clause names its number a difference or an effect (`difference of 3.1`).
fn compares_by_name(clause: &str) -> bool {
    let p = patterns();
    p.difference_short.is_match(clause) || ci_patterns().difference_words.is_match(clause)
}

fn number_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| {
            bytes[i].is_ascii_digit()
                && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || b".,-/".contains(&bytes[i - 1])))
        })
        .count()
}

/// A ratio or coefficient of one factor in a list the sentence calls associated with an outcome
/// or predictors of it (GUIDE: not coefficients of a model of several predictors), when nothing
/// from the sentence's start to the label names the randomized comparison or a group of it:
/// `absence of fever (OR = 3.3, 95%CI …), vomiting (OR = 2.6, 95%CI …) … were associated with`.
fn predictor_in_list(c: &CiPatterns, s: &str, sentence: (usize, usize), at: usize, before: &str) -> bool {
    c.ratio_in_bracket.is_match(before)
        && c.association.is_match(&s[sentence.0..sentence.1])
        && !c.allocation_words.is_match(&s[sentence.0..at])
}

/// A ratio of one item of a model's or an association's list of factors (GUIDE: not the
/// coefficients of a model of several predictors): the sentence names a model or an
/// association, the item the ratio's bracket follows (back to the last bracket, `;` or `:`)
/// names no arm, group or treatment, and the sentence lists two ratios or more or calls the item
/// a predictor: `Cox models … showed that intervention had a negative effect (HR 1.46, …) and that
/// functional impairment (HR 1.42, 95% CI`, `PINP could be identified as a predictor for survivors
/// (OR 0.968, 95%CI`.
fn covariate_item(c: &CiPatterns, s: &str, sentence: (usize, usize), at: usize, before: &str) -> bool {
    let Some(ratio) = c.ratio_in_bracket.find(before) else { return false };
    let sentence_text = &s[sentence.0..sentence.1];
    if !c.model_framing.is_match(sentence_text) {
        return false;
    }
    let head = &s[sentence.0..at - (before.len() - ratio.start())];
    let item = &head[head.rfind([')', ']', ';', ':']).map_or(0, |i| i + 1)..];
    let item = c.pretreatment.replace_all(item, "");
    !c.allocation_words.is_match(&item)
        && (c.ratio_bracket.find_iter(sentence_text).count() >= 2 || c.predictor_named.is_match(&item))
}

/// A change said of all the groups together, with nothing from them to the label (or in the
/// label's bracket) that sets one group against another: `Both groups had statistically
/// significant improvements in symptom severity over time (difference -5.97, 95% CI`, `improvements
/// … were found following treatment, regardless of group allocation with a mean 14.5 mm reduction
/// (95% CI`, `intensification increased in both groups (intervention, pre 26.4% vs post 32.6%, …)
/// (intervention, adjusted OR (AOR) 1.37; 95% CI` (GUIDE: no within-group change).
fn all_groups_change(c: &CiPatterns, s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> bool {
    let window = &s[sentence.0..at];
    let Some(groups) = c.all_groups.find(window) else { return false };
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    let after = &after[..closing_bracket(after).unwrap_or(after.len())];
    let from_groups = c.pre_vs_post.replace_all(&window[groups.start()..], "");
    let from_groups = c.arm_item.replace_all(&from_groups, "");
    let after = c.arm_item.replace_all(after, "");
    c.change_word.is_match(window) && !c.between_groups.is_match(&from_groups) && !c.between_groups.is_match(&after)
}

/// A change the sentence gives one group as its subject (`In the Web group, activity increased
/// at 3 (mean change 6.8 min/day, 95% CI`), with nothing before or right after it that sets it
/// against another group or names a difference.
fn one_group_changes(c: &CiPatterns, s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> bool {
    let window = &s[sentence.0..at];
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    let after =
        after.find([')', ']']).map_or(after, |close| &after[..floor_boundary(after, (close + 40).min(after.len()))]);
    let p = patterns();
    c.group_subject_change.is_match(window)
        && !c.against.is_match(window)
        && !c.against.is_match(after)
        && !compares_groups(p, window)
        && !compares_groups(p, after)
        && !p.ratio_measure.is_match(window)
}

/// A value set against baseline, with nothing in its clause naming another group, a difference
/// or an effect: `SaO2 nadir was 2.7 %-units (IQR 4.9; 95% CI …) higher than at baseline`.
fn against_baseline(c: &CiPatterns, s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> bool {
    let clause = own_clause(&s[floor_boundary(s, at.saturating_sub(120).max(sentence.0))..at]);
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    let against_after = c.baseline_after.find(after);
    let words = format!("{clause} {}", against_after.map_or("", |m| m.as_str()));
    (against_after.is_some() || c.baseline_before.is_match(clause.trim_end_matches(|ch: char| "([ ,;:".contains(ch))))
        && !c.other_group.is_match(&words.replace("baseline", ""))
}

/// A change over time from a first value, or a mean change, said of no group against another
/// (`The average score increased from 63% (95% CI …) to 96% (95% CI …) at CHC A (p = 0.039), 58%
/// (95% CI …) to 93% …`, `The LWBS rate was reduced from 4.7% to 0.7% (95% CI`, `Following the
/// course there was an average decrease of 3.6 points in anxiety (95% CI`): GUIDE, no
/// within-group change.
/// Not when a group, an arm, a comparator or a difference is named from the change word to the
/// label or right after its bracket (`from 20% in the control group to 10% (95% CI`).
fn changed_from_value(c: &CiPatterns, s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> bool {
    let Some(change) = c.changed_from.find_iter(&s[sentence.0..at]).last() else { return false };
    // `treatment differences versus placebo in change from baseline to week 8 were`: a change
    // from baseline is read with all the words before it.
    let from = if change.as_str().to_ascii_lowercase().starts_with("from") { 0 } else { change.start() };
    let between = &s[sentence.0 + from..at];
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    let after = &after[..floor_boundary(after, closing_bracket(after).map_or(after.len(), |close| close + 40))];
    !c.group_named.is_match(between) && !c.group_named.is_match(after) && !patterns().ratio_measure.is_match(between)
}

/// The interval of an estimate the text does not write, told by its bounds (GUIDE: value is
/// required, never computed): no value stands right before the label, or the label gives the
/// interval of a difference (`(95% CI of difference 818-11130`), and no number of the sentence
/// before it (up to 200 bytes), nor of its bracket after the bounds and the words right after,
/// lies between its bounds, a percentage read also as a proportion and back (an estimate lies
/// inside its interval): `with upright active forward elevation producing the greatest EMG for
/// all muscles (95% CI, 12% to 50% MVIC)`, `(29.3 l/min) and … (32.0 l/min) (95% CI -10.4 to
/// 4.9`. Mangled bounds (lower above upper) decide nothing.
fn estimate_outside_bounds(c: &CiPatterns, s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> bool {
    let after = &s[end..floor_boundary(s, (end + 120).min(sentence.1))];
    let Some(bounds) = c.bounds_after.captures(after) else { return false };
    let bound = |sign: usize, digits: usize| -> Option<f64> {
        let value: f64 = bounds.get(digits)?.as_str().parse().ok()?;
        Some(if bounds.get(sign).is_some_and(|m| !m.as_str().is_empty()) { -value } else { value })
    };
    let (Some(lower), Some(upper)) = (bound(1, 2), bound(3, 4)) else { return false };
    if lower >= upper {
        return false;
    }
    let before = &s[floor_boundary(s, at.saturating_sub(60).max(sentence.0))..at];
    let direct_value = slot_value_before(c, before);
    if direct_value && !c.of_difference_after.is_match(after) {
        return false;
    }
    let rest = &after[bounds.get(0).map_or(0, |m| m.end())..];
    let rest = &rest[..floor_boundary(rest, closing_bracket(rest).map_or(rest.len(), |close| close + 40))];
    let window = &s[floor_boundary(s, at.saturating_sub(200).max(sentence.0))..at];
    // A percentage is read as a proportion only against bounds of proportions, and a proportion
    // as a percentage only against bounds past 1 (`27.6% greater` is not 2760 units).
    let proportions = lower.abs() <= 1.0 && upper.abs() <= 1.0;
    let inside = |v: f64| {
        let scaled = if proportions && v.abs() > 1.0 {
            v / 100.0
        } else if !proportions && v.abs() <= 1.0 {
            v * 100.0
        } else {
            v
        };
        [v, -v, scaled].iter().any(|x| (lower..=upper).contains(x))
    };
    // A p-value is no estimate (`(p=0.008) using a 95% CI for mean treatment difference of -26`).
    let estimates = |text: &str| -> Vec<f64> {
        // `Over days 2-6`: a time point's numbers are no estimate.
        let text = &*c.time_point.replace_all(text, " ");
        c.number
            .captures_iter(text)
            .filter(|n| n.get(2).is_some_and(|m| !c.p_equals.is_match(&text[..m.start()])))
            .filter_map(|n| n.get(2)?.as_str().parse::<f64>().ok())
            .collect()
    };
    !estimates(window).into_iter().chain(estimates(rest)).any(inside)
}

/// Whether a value other than a p-value stands right before a label: `12.9 (95% CI`, `(6.1s; CI`.
fn slot_value_before(c: &CiPatterns, before: &str) -> bool {
    let value = c.bracket_value_then_label.captures(before).or_else(|| c.value_then_label.captures(before));
    value.and_then(|caps| caps.get(1)).is_some_and(|v| {
        let named = before[..v.start()].trim_end_matches(|ch: char| ch.is_whitespace() || "([:=<>".contains(ch));
        !named.to_ascii_lowercase().ends_with('p') && !named.to_ascii_lowercase().ends_with("p-value")
    })
}

/// Where the bracket a label stands in closes: its first `)` or `]`, past the abbreviation of a
/// spelled-out label (`(95% confidence interval (CI) 8.2-17.6) in the` closes after `17.6`).
fn closing_bracket(text: &str) -> Option<usize> {
    let first = text.find([')', ']'])?;
    let head = text[..first].trim_end();
    if head.ends_with("(CI") || head.ends_with("[CI") || head.ends_with("(Cl") || head.ends_with("[Cl") {
        return text[first + 1..].find([')', ']']).map(|next| first + 1 + next);
    }
    Some(first)
}

/// A group's value with its CI, in a CI's bracket of its own.
struct Slot {
    /// Where the value starts.
    value_at: usize,
    /// The label.
    label_at: usize,
    /// Just after the bracket that holds the label.
    close: usize,
    /// The value's group is named right after the bracket (`in the control group`) or before it
    /// (`for Laryngeal tube (6.1s; CI`).
    grouped: bool,
    /// Its group is named right after the bracket as a group or an arm (`for the control group`).
    arm_named: bool,
    /// The value is a percentage.
    percent: bool,
}

/// The slot of a label: the value right before it that is no named estimate.
fn slot_of(c: &CiPatterns, s: &str, sentence: (usize, usize), at: usize) -> Option<Slot> {
    let from = floor_boundary(s, at.saturating_sub(60).max(sentence.0));
    let before = &s[from..at];
    let (caps, in_bracket) = match c.bracket_value_then_label.captures(before) {
        Some(caps) => (caps, true),
        None => (c.value_then_label.captures(before)?, false),
    };
    let value = caps.get(1)?;
    let value_at = from + value.start();
    let named = &s[floor_boundary(s, value_at.saturating_sub(30).max(sentence.0))..value_at];
    let named =
        if in_bracket { named.trim_end_matches(|ch: char| ch.is_whitespace() || "([:".contains(ch)) } else { named };
    if c.estimate_name_before.is_match(named) {
        return None;
    }
    let rest = &s[at..sentence.1];
    let close = at + closing_bracket(rest).map_or(rest.len(), |i| i + 1);
    let next_words = &s[close..floor_boundary(s, (close + 60).min(sentence.1))];
    let grouped = in_bracket || c.group_after.is_match(next_words);
    let arm_named = c.arm_after.is_match(next_words);
    let percent = caps.get(2).is_some_and(|u| u.as_str().starts_with('%'));
    Some(Slot { value_at, label_at: at, close, grouped, arm_named, percent })
}

/// Whether a CI is one of two or more groups' values set side by side in its sentence (GUIDE:
/// a group's own mean or change is no row): `12.9 (95% CI …) in the arthroscopy group and 11.4
/// (95% CI …) in the control group`, `(69.3 mcg/l; 95% CI …) than the formula group (11.3
/// mcg/l; 95% CI …)`. The values are joined by a word that sets them against each other, or
/// each is given its group and the clause names no comparison; none is named a difference or
/// an effect, and none is a bare percentage (a group's share with an outcome: an events row).
fn side_by_side(c: &CiPatterns, s: &str, sentence: (usize, usize), at: usize) -> bool {
    let p = patterns();
    let labels =
        p.expressions[0].find_iter(&s[sentence.0..sentence.1]).map(|m| (sentence.0 + m.start(), sentence.0 + m.end()));
    let labels = labels.filter(|&(a, e)| is_expression("ci", &s[a..e], &s[..a], &s[e..]));
    let slots: Vec<Option<Slot>> = labels.map(|(a, _)| slot_of(c, s, sentence, a)).collect();
    let Some(me) = slots.iter().position(|slot| slot.as_ref().is_some_and(|slot| slot.label_at == at)) else {
        return false;
    };
    // The chain of joined slots around this one.
    let joint = |i: usize| -> Option<bool> {
        let (a, b) = (slots.get(i)?.as_ref()?, slots.get(i + 1)?.as_ref()?);
        let between = s.get(a.close..b.value_at)?;
        if between.len() > 150 || c.between_blocker.is_match(between) || p.named_estimate.is_match(between) {
            return None;
        }
        // The connector joins the two values, not a later clause (`…], and glucose fell compared
        // to placebo [change: -1.2 (95% CI`): it follows the first value's bracket closely.
        let against = c.set_against.find(between).is_some_and(|m| m.start() <= 40);
        (against || (a.grouped && b.grouped)).then_some(against)
    };
    let mut first = me;
    while first > 0 && joint(first - 1).is_some() {
        first -= 1;
    }
    let mut last = me;
    while joint(last).is_some() {
        last += 1;
    }
    if first == last {
        return false;
    }
    let chain: Vec<&Slot> = slots[first..=last].iter().flatten().collect();
    let head = chain[0];
    let clause = tight_clause(super::clause_before(s, sentence.0, head.value_at));
    let governing = &s[floor_boundary(s, head.value_at.saturating_sub(60).max(sentence.0))..head.value_at];
    let against = (first..last).any(|i| joint(i) == Some(true));
    // Values each given their group or arm after the bracket are the groups' own unless their
    // clause names a difference (`no significant difference` names none) or a comparator: `No significant difference
    // in mean adherence was identified with 77.2% (CI, …) for the control group and 74.8% (CI, …)
    // for the intervention group`.
    let named = if against {
        c.difference_names.is_match(governing)
    } else if chain.iter().all(|slot| slot.arm_named) {
        c.difference_names.is_match(&c.no_difference.replace_all(clause, "")) || c.against.is_match(clause)
    } else {
        compares_groups(p, clause)
    };
    let bare_percent = chain.iter().any(|slot| slot.percent) && !c.percent_as_level.is_match(clause);
    !named && !bare_percent && !p.ratio_measure.is_match(governing) && !p.difference_short.is_match(governing)
}

#[cfg(test)]
mod tests {
    use crate::audit::Audit;
    use crate::{Extractor, Record};

    fn reasons(text: &str) -> Vec<(String, usize)> {
        let record = Record { native_id: Some("t".into()), abstract_text: text.into(), ..Record::default() };
        let rows = Extractor::with_default_rules().unwrap().extract(&record);
        let mut audit = Audit::new();
        audit.add("t", text, &rows);
        let ci = audit.kind("ci");
        let mut reasons: Vec<(String, usize)> = ci.by_reason.iter().map(|(r, n)| (r.to_string(), *n)).collect();
        reasons.push(("unexplained".into(), ci.unexplained));
        reasons
    }

    #[test]
    fn coefficients_and_correlations_are_named() {
        let text = "RESULTS: Scores rose more in the coached arm than in the waitlist arm (β = 0.31, 95% CI \
                    0.05-0.57) and knowledge too (B -0.42 points, 95% CI -0.80 to -0.04). Gains tracked \
                    attendance (r = .38 (95% CI .12, .59)).";
        assert_eq!(reasons(text), vec![("coefficient".to_string(), 3), ("unexplained".to_string(), 0)]);
    }

    #[test]
    fn a_single_letter_group_is_no_coefficient() {
        let text = "RESULTS: Healing was in group A and B: 88.5%; 95% CI 70.2-96.0%.";
        assert!(!reasons(text).iter().any(|(reason, _)| reason == "coefficient"));
    }

    #[test]
    fn a_value_against_baseline_is_a_change_within_a_group() {
        let text = "RESULTS: Two weeks after the last dose, peak flow was 3.1 %-units (IQR 5.0; 95% CI 0.4, \
                    9.9) higher than at baseline.";
        assert_eq!(reasons(text), vec![("within_group".to_string(), 1), ("unexplained".to_string(), 0)]);
    }

    #[test]
    fn the_next_geometric_mean_ratio_of_a_list_is_another_ratio() {
        let text = "RESULTS: Exposure was unchanged, with GMRs of 1.02 (90% CI: 0.97, 1.07) and 0.95 (90% CI: \
                    0.90, 1.01) for AUC and Cmax, respectively.";
        assert_eq!(reasons(text), vec![("other_ratio".to_string(), 2), ("unexplained".to_string(), 0)]);
    }

    #[test]
    fn a_ratio_of_relative_risks_is_another_ratio() {
        let text = "RESULTS: Outreach was effective for one indicator: cases given the right drug (aRRR = 1.30, \
                    99 % CI = 1.05-1.60).";
        assert_eq!(reasons(text), vec![("other_ratio".to_string(), 1), ("unexplained".to_string(), 0)]);
    }

    #[test]
    fn each_arms_own_ratio_of_a_change_in_both_groups_is_within_a_group() {
        let text = "RESULTS: Dose intensification increased in both groups (intervention, pre 22.1% vs post \
                    29.4%; control, pre 21.5% vs post 27.9%) (intervention, adjusted OR (AOR) 1.42; 95% CI 1.10 \
                    to 1.83; control, AOR 1.37 (95% CI 1.02 to 1.84)).";
        assert_eq!(reasons(text), vec![("within_group".to_string(), 2), ("unexplained".to_string(), 0)]);
    }

    #[test]
    fn a_change_from_a_first_value_of_no_group_is_within_a_group() {
        let text = "RESULTS: The mean quiz score rose from 55% (95% CI 50-60) to 81% (95% CI 77-85) at clinic A \
                    (p = 0.01), and from 49% (95% CI 44-54) to 78% (95% CI 73-83) at clinic B.";
        assert_eq!(reasons(text), vec![("within_group".to_string(), 4), ("unexplained".to_string(), 0)]);
        let text =
            "RESULTS: After the course there was an average decrease of 4.2 points in worry (95% CI 2.9 to 5.5).";
        assert_eq!(reasons(text), vec![("within_group".to_string(), 1), ("unexplained".to_string(), 0)]);
        let text = "RESULTS: There was an average decrease of 4.2 points (95% CI 2.9 to 5.5) more than with sham.";
        assert!(!reasons(text).iter().any(|(reason, _)| reason == "within_group"));
        let text = "RESULTS: Relapse fell from 30% in the control group to 12% (95% CI 8-16) with the drug.";
        assert!(!reasons(text).iter().any(|(reason, _)| reason == "within_group"));
    }

    #[test]
    fn an_interval_around_no_written_value_is_no_estimate() {
        let text = "RESULTS: Grip force was largest with the open hand (95% CI, 31% to 48% MVC). Stay was \
                    shorter with the pathway (4.1 days) than without it (6.0 days) (95% CI -2.9 to -0.8).";
        assert_eq!(reasons(text), vec![("no_estimate".to_string(), 2), ("unexplained".to_string(), 0)]);
        // The estimate is written, with or without its leading zero: no reason.
        let text = "RESULTS: Stay was shorter with the pathway (1.9 days, 95% CI 0.8 to 2.9) than without it. \
                    Reliability was higher with the app (alpha =.91; 95% CI 0.88-0.93) than on paper.";
        assert!(!reasons(text).iter().any(|(reason, _)| reason == "no_estimate"));
    }

    #[test]
    fn factors_of_those_more_likely_to_do_something_are_predictors() {
        let text = "RESULTS: Drivers who had worked nights (AHR, 0.62; 95% CI, 0.41-0.93) and those who had \
                    changed jobs (AHR, 0.55; 95% CI, 0.33-0.90) were less likely to report rest breaks.";
        assert!(reasons(text).contains(&("predictor".to_string(), 2)));
    }

    fn has(text: &str, reason: &str) -> bool {
        reasons(text).iter().any(|(r, n)| r == reason && *n > 0)
    }

    #[test]
    fn means_headed_by_their_label_are_group_values() {
        let text = "RESULTS: Costs did not differ for app vs. paper [mean (95% CI): €310 (250-370) vs. €295 \
                    (240-350)].";
        assert_eq!(reasons(text), vec![("single_group_value".to_string(), 1), ("unexplained".to_string(), 0)]);
        // One value alone may be an effect.
        let text = "RESULTS: The drug had no effect on QTc except at 1 h [mean (90% CI), 8.1 ms (6.0, 10.2)].";
        assert!(!has(text, "single_group_value"));
    }

    #[test]
    fn a_half_maximal_concentration_and_a_value_before_its_group_are_group_values() {
        let text = "RESULTS: Isolates were more susceptible (50% inhibitory concentration for compound K was \
                    2.3 nM; 95% CI: 1.9-2.8 nM) than in 2010.";
        assert!(has(text, "single_group_value"));
        let text = "RESULTS: Mean time to relapse was 640 [95% CI 580-700] days in the tablet group vs 610 \
                    [560-660] days in the injection group.";
        assert!(has(text, "single_group_value"));
    }

    #[test]
    fn a_change_from_baseline_of_no_group_is_within_a_group() {
        let text = "RESULTS: From baseline to 12 months, participants showed lower mean waist (-3.1 cm [95% CI \
                    -4.0 to -2.2]; P<.001).";
        assert_eq!(reasons(text), vec![("within_group".to_string(), 1), ("unexplained".to_string(), 0)]);
        let text = "RESULTS: Treatment differences versus placebo in change from baseline to week 8 were \
                    significant (high dose, -4.1 [95% CI -6.0 to -2.2]).";
        assert!(!has(text, "within_group"));
        let text = "RESULTS: Sprint and Tempo groups improved times over 5 km: 3.1% (90% CI: 1.2, 5.0%) and \
                    2.2% (0.5, 3.9%).";
        assert!(has(text, "within_group"));
    }

    #[test]
    fn a_bound_after_a_sided_test_and_intervals_of_unwritten_differences_are_no_estimate() {
        let text = "RESULTS: Since the lower limit of the 2-sided 95% CI (-1.1) was above the margin, the \
                    pump was non-inferior.";
        assert!(has(text, "no_estimate"));
        let text = "RESULTS: Villous area was 27.6% greater (27623 v. 21650 um2; 95% CI of difference 818-11130 \
                    um2; P = 0.03).";
        assert!(has(text, "no_estimate"));
        let text = "RESULTS: Learners who used the app had higher scores (p = 0.02, 95% CI = 0.83-12.19, effect \
                    size = 0.8).";
        assert!(has(text, "no_estimate"));
        let text = "RESULTS: Scores were lower at site A than at site B (1.72 versus 1.82, p = 0.003). The 90 % \
                    confidence interval (CI) for the difference in score (0.05, 0.17) was within the margin.";
        assert!(has(text, "no_estimate"));
    }

    #[test]
    fn ratios_of_a_model_s_other_factors_are_predictors() {
        let text = "RESULTS: Cox models for readmission showed that the program had a protective effect (HR \
                    0.61, 95% CI 0.42-0.89) and that frailty (HR 1.52, 95% CI 1.10-2.10), prior stroke (HR 1.31, \
                    95% CI 0.95-1.80), and poor vision (HR 1.12, 95% CI 0.80-1.57) had no effect on the score.";
        assert!(reasons(text).contains(&("predictor".to_string(), 3)), "{:?}", reasons(text));
        // An item that names a group of the trial is no covariate.
        let text = "RESULTS: In the multivariable model, the exercise group (OR 0.55, 95% CI 0.31-0.97) and the \
                    diet group (OR 0.71, 95% CI 0.45-1.12) were associated with fewer falls.";
        assert!(!has(text, "predictor"));
    }

    #[test]
    fn a_change_of_all_groups_together_is_within_a_group() {
        let text = "RESULTS: Both groups had significant reductions in pain over time (difference -2.1, 95% CI \
                    -3.0 to -1.2 for yoga and -1.8, 95% CI -2.7 to -0.9 for stretching).";
        assert_eq!(reasons(text), vec![("within_group".to_string(), 2), ("unexplained".to_string(), 0)]);
        let text = "RESULTS: Pain fell in both groups, but more with yoga than with stretching (difference -0.9, \
                    95% CI -1.6 to -0.2).";
        assert!(!has(text, "within_group"));
        let text = "RESULTS: In the coached group, waist fell (pseudo-median of the differences = -2.5 cm; p = \
                    0.01; 95% CI = [-4.0, -1.0]).";
        assert!(has(text, "within_group"));
    }

    #[test]
    fn a_time_point_s_numbers_are_no_estimate() {
        let text = "RESULTS: Over days 2-6, response rates with drug A and drug B were 45% and 54.5%, \
                    respectively (95% CI, -21.4 to 2.5%).";
        assert!(has(text, "no_estimate"));
    }

    #[test]
    fn values_given_their_arms_are_group_values_unless_set_against_a_comparator() {
        let text = "RESULTS: No significant difference in mean adherence was identified with 81.0% (CI, 76.1, \
                    85.9) for the usual care group and 79.2% (CI, 74.0, 84.4) for the reminder group (p = 0.61).";
        assert_eq!(reasons(text), vec![("single_group_value".to_string(), 2), ("unexplained".to_string(), 0)]);
        let text = "RESULTS: Compared with placebo, weight fell by 2.1 kg (95% CI 1.2 to 3.0) in the high-dose \
                    group and 1.2 kg (95% CI 0.3 to 2.1) in the low-dose group.";
        assert!(!has(text, "single_group_value"));
    }
}
