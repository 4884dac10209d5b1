//! `trialrex audit`: the statistical expressions of results sentences that became no row.
//!
//! Gold sets measure the misses of the abstracts someone annotated; the audit measures the
//! whole pool. Over the results part of each abstract (after a `RESULTS` label when the
//! abstract has one, else all of it) it finds every confidence interval label, `x of N`, `x/N`
//! and `n = N`, and sorts each into one of three: inside a row's evidence; outside every row
//! but with a named reason to be out of scope (a design or baseline sentence, a change within
//! one group, a relative change written as a percentage (GUIDE: no relative risk reduction
//! written only as a percent), an estimate per unit, a predictor or correlation, a diagnostic accuracy, a
//! single group's mean or median); or unexplained. Unexplained expressions are grouped by the
//! shape of their words (numbers as `#`), so the most common ways of writing that no rule
//! reads come first.
//!
//! The expression and reason patterns are the audit's own, kept here rather than in `rules/`:
//! they describe what to count, not what to extract, and no user rule changes them.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::OnceLock;

use regex::Regex;

use crate::find::Text;
use crate::model::Row;
use crate::normalise::floor_boundary;

/// The kinds of expression the audit counts, in report order.
const KINDS: [&str; 4] = ["ci", "x_of_n", "x_slash_n", "n_equals"];

/// The reasons an expression outside every row may be out of scope, tried in this order.
const REASONS: [&str; 10] = [
    "design",
    "baseline",
    "within_group",
    "relative_change",
    "per_unit",
    "per_person_time",
    "predictor",
    "other_ratio",
    "diagnostic",
    "single_group_value",
];

struct Patterns {
    expressions: [Regex; 4],
    reasons: [Regex; 10],
    /// Words right after a count of things that are not participants (GUIDE: not counts of
    /// events, doses, visits, sites, items): `on 6 of 8 health domains`, `at 7 of 9 time points`.
    things_after: Regex,
    /// What makes the things counted people or randomized clusters after all.
    people_or_allocation: Regex,
    /// One of several options a design offers: `randomly assigned to 1 of 3 groups`.
    one_of_options: Regex,
    /// What shows an `x/N` to be a dose, a grade, a ratio of measurements or a rate, not a count
    /// over its denominator: a unit after it, `grade` before it.
    not_count_after: Regex,
    not_count_before: Regex,
    results_label: Regex,
    conclusion_label: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("audit patterns are valid");
        Patterns {
            expressions: [
                re(r"(?i)\b(?:\d{2}(?:\.\d+)?\s*%\s*)?(?:CI|C\.I\.|confidence\s+(?:interval|limit)s?|credible\s+intervals?)\b|\b\d{2}\s*%\s*Cl\b"),
                re(r"(?i)\b\d+\s*(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s*)?(?:of|out\s+of)\s+(?:the\s+)?\d+\b"),
                re(r"\b\d+\s*/\s*\d+\b"),
                re(r"\b[nN]\s*[=:]\s*\d"),
            ],
            reasons: [
                re(r"(?i)\b(?:power(?:ed)?|sample\s+size|to\s+detect|was\s+calculated|hypothesi[sz]ed|assuming|non-?inferiority\s+margin|will\s+be|eligib\w*)\b"),
                re(r"(?i)\b(?:baseline|characteristics|mean\s+age|median\s+age|aged|demographic\w*|were\s+(?:women|men|female|male))\b"),
                re(r"(?i)\b(?:from\s+baseline|within[- ]group|change\s+from|pre-?\s*to\s*post|before\s+and\s+after)\b|\b(?:decreased|increased|declined|fell|rose|dropped|improved|changed|reduced|lowered)\s+(?:significantly\s+)?by\s+[-−]?\d|\bchanges?\s+(?:[\w-]+\s+){0,2}(?:was|were)\s+[-−]?\d"),
                re(r"(?i)\b(?:reduced|reduction|increased|increase|lowered|decreased|decrease|fell|rose)\s+(?:\w+\s+){0,4}?by\s+(?:about\s+)?\d+(?:\.\d+)?\s*%|\brelative\s+(?:risk\s+|rate\s+|odds\s+)?reductions?\b|\b(?:vaccine\s+efficacy|protective\s+efficacy|VE)\b|\befficacy\s+(?:of\s+)?[-−]?\d|\d\s*%\s*(?:\([^()]*\)\s*)?(?:\w+\s+){0,3}?(?:reduction|decrease|increase)s?\b"),
                re(r"(?i)\b(?:per\s+(?:1|one|each|unit|sd|standard\s+deviation|\d+[- ]?(?:unit|point|year|mg|kg))|for\s+each|for\s+every)\b"),
                re(r"(?i)\bper\s+[\d,]+\s*(?:person|patient|participant|child|woman|women|infant)s?[- ](?:years?|months?|weeks?|days?)\b|\b(?:person|patient)[- ]years?\b|%\s*/\s*(?:year|yr)\b|\bannual(?:ized)?\s+rates?\b"),
                re(r"(?i)\b(?:predict\w*|prognostic|risk\s+factors?|associated\s+with|associations?|correlat\w*|regression|coefficients?|slope)\b|[βρ]"),
                re(r"(?i)\b(?:Cmax|Tmax|bioequivalen\w*|pharmacokinetic\w*|geometric\s+mean\s+ratios?|GMRs?|GMTs?|titer\s+ratios?)\b"),
                re(r"(?i)\b(?:sensitivity|specificity|AUC|area\s+under|accuracy|kappa|ICC|agreement|predictive\s+value)\b"),
                re(r"(?i)\b(?:mean|median|average|geometric|prevalence|incidence\s+rate)\b|\b(?:CI|confidence\s+interval)\b[^;()\[\]]{0,30}[)\]]+\s*(?:vs\.?|versus|compared\s+(?:with|to))\s+(?:[A-Za-z-]+\s+){0,3}[(\[]?\s*(?:mean\s+)?[-−]?\d"),
            ],
            things_after: re(r"(?i)^\s*(?:\([^()]*\)\s*)?(?:[\w-]+\s+){0,2}?(?:domains?|items?|variables?|questions?|scenarios?|parameters?|outcomes?|measures?|(?:sub)?scales?|criteria|strains?|sessions?|visits?|comparisons?|recordings?|protocols?|doses?|tests?|sites?|practices?|clinics?|hospitals?|cent(?:re|er)s?|studies|trials|placements?|procedures?|samples?|specimens?|time\s*points?|responses|approaches|episodes?|cycles?|days|weeks|months|nights)\b"),
            people_or_allocation: re(r"(?i)^\s*(?:patients|participants|subjects|women|men|children|people|persons|infants|adults)\b|\brandomi[sz]ed\b"),
            one_of_options: re(r"(?i)(?:\b(?:assigned|allocated|randomi[sz]ed|distributed|received|consumed|exposed|took\s+part)\b\s+(?:\w+\s+){0,3}?(?:to|into|in|on)?\s*|^)(?:1|one)\s+(?:out\s+)?of\s+(?:the\s+)?(?:\d+|two|three|four|five|six)\s+(?:[\w-]+\s+){0,3}?(?:groups?|arms?|conditions?|interventions?|diets?|treatments?|regimens?|sequences?|approaches|beverages|formulations|products|programs?|programmes?|systems?)\b"),
            not_count_after: re(r"^(?:[.,]\d|/\d|-?\s*(?:mg|g|mcg|µg|μg|ml|mL|mmHg|kg|IU|units?|v/v|w/w|mmol|cm|mm)\b|\s*[-\s](?i:person|patient|child|woman|women)[- ]?(?i:years?|months?|days?)\b)"),
            not_count_before: re(r"(?i)(?:\bgrades?\s*|[\d.]\.|[/:]|\d\s*/\s*|[<>=]\s*[\d.]+\s*/\s*|\bp\s*[<>=]\s*)$"),
            results_label: re(r"\b(?:RESULTS?|Results|FINDINGS|Findings)\s*[:.]"),
            conclusion_label: re(r"\b(?:CONCLUSIONS?|Conclusions?|INTERPRETATION|Interpretation|DISCUSSION)\s*[:.]"),
        }
    })
}

/// What the audit has seen of one kind of expression.
#[derive(Debug, Default, Clone)]
pub struct KindTally {
    /// Expressions seen in results sentences.
    pub seen: usize,
    /// Those inside a row's evidence.
    pub in_rows: usize,
    /// Those outside every row, by named reason.
    pub by_reason: BTreeMap<&'static str, usize>,
    /// Those outside every row with no named reason.
    pub unexplained: usize,
}

impl KindTally {
    /// The share of expressions that became a row or carry a named reason.
    pub fn accounted(&self) -> f64 {
        if self.seen == 0 {
            return 1.0;
        }
        (self.seen - self.unexplained) as f64 / self.seen as f64
    }
}

/// The unexplained expressions of one shape.
#[derive(Debug, Default, Clone)]
struct ShapeTally {
    count: usize,
    examples: Vec<(String, String)>,
}

/// The audit of a set of records.
#[derive(Debug, Default)]
pub struct Audit {
    /// Records audited.
    pub records: usize,
    kinds: BTreeMap<&'static str, KindTally>,
    shapes: HashMap<(&'static str, String), ShapeTally>,
}

impl Audit {
    /// An empty audit.
    pub fn new() -> Audit {
        Audit::default()
    }

    /// The tally of one kind (`ci`, `x_of_n`, `x_slash_n`, `n_equals`).
    pub fn kind(&self, kind: &str) -> KindTally {
        self.kinds.get(kind).cloned().unwrap_or_default()
    }

    /// Audits one abstract against the rows extracted from it.
    pub fn add(&mut self, record_id: &str, abstract_text: &str, rows: &[Row]) {
        self.records += 1;
        let p = patterns();
        let text = Text::new(abstract_text);
        let s = text.as_str();
        let results_from = p.results_label.find(s).map_or(0, |m| m.end());
        let results_to = p.conclusion_label.find_at(s, results_from).map_or(s.len(), |m| m.start());
        let spans: Vec<(usize, usize)> = rows.iter().map(|r| (r.start, r.end)).collect();
        for (kind, pattern) in KINDS.iter().zip(&p.expressions) {
            for m in pattern.find_iter(&s[results_from..results_to]) {
                let (at, end) = (results_from + m.start(), results_from + m.end());
                if *kind == "x_slash_n" && !is_count_ratio(m.as_str(), &s[..at], &s[end..]) {
                    continue;
                }
                if *kind == "ci" && !is_interval_label(m.as_str(), &s[..at], &s[end..]) {
                    continue;
                }
                let tally = self.kinds.entry(kind).or_default();
                tally.seen += 1;
                let (start, stop, _) = text.norm.evidence(at, end);
                if spans.iter().any(|&(a, b)| a < stop && start < b) {
                    tally.in_rows += 1;
                    continue;
                }
                let sentence = text.sentence_at(at);
                let sentence_text = &s[sentence.0..sentence.1];
                let reason = local_reason(p, kind, s, sentence, (at, end)).or_else(|| {
                    REASONS.iter().zip(&p.reasons).find(|(_, r)| r.is_match(sentence_text)).map(|(reason, _)| *reason)
                });
                match reason {
                    Some(reason) => *tally.by_reason.entry(reason).or_default() += 1,
                    None => {
                        tally.unexplained += 1;
                        let shape = self.shapes.entry((kind, shape_of(s, at, end))).or_default();
                        shape.count += 1;
                        if shape.examples.len() < 3 {
                            shape.examples.push((record_id.to_string(), snippet(s, at, end)));
                        }
                    }
                }
            }
        }
    }

    /// Writes the report: per kind, what became rows, what has a reason and what does not,
    /// then the `top` most common unexplained shapes of each kind with `examples` examples.
    pub fn write_text<W: Write>(&self, out: &mut W, top: usize, examples: usize) -> io::Result<()> {
        writeln!(out, "{} records audited (results sentences only)", self.records)?;
        writeln!(
            out,
            "{:<10} {:>6} {:>7} {:>8} {:>11} {:>9}",
            "kind", "seen", "in rows", "reasoned", "unexplained", "accounted"
        )?;
        for kind in KINDS {
            let t = self.kind(kind);
            let reasoned: usize = t.by_reason.values().sum();
            writeln!(
                out,
                "{kind:<10} {:>6} {:>7} {:>8} {:>11} {:>8.1}%",
                t.seen,
                t.in_rows,
                reasoned,
                t.unexplained,
                100.0 * t.accounted()
            )?;
        }
        for kind in KINDS {
            let t = self.kind(kind);
            let reasons: Vec<String> = t.by_reason.iter().map(|(r, n)| format!("{r} {n}")).collect();
            writeln!(out, "\n## {kind}: reasons: {}", reasons.join(", "))?;
            let mut shapes: Vec<(&String, &ShapeTally)> =
                self.shapes.iter().filter(|((k, _), _)| *k == kind).map(|((_, shape), t)| (shape, t)).collect();
            shapes.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
            for (shape, tally) in shapes.into_iter().take(top) {
                writeln!(out, "{:>5}  {shape}", tally.count)?;
                for (id, text) in tally.examples.iter().take(examples) {
                    writeln!(out, "         {id}: {text}")?;
                }
            }
        }
        Ok(())
    }
}

/// The reason read from the expression itself and its next words, before the sentence's:
/// a count of things that are not participants, or one of a design's options.
fn local_reason(
    p: &Patterns,
    kind: &str,
    s: &str,
    sentence: (usize, usize),
    (at, end): (usize, usize),
) -> Option<&'static str> {
    if !matches!(kind, "x_of_n" | "x_slash_n") {
        return None;
    }
    // `21/26 standard best practice patients` counts people; `42 of 82 shops were randomized`
    // counts the trial's clusters.
    if let Some(thing) = p.things_after.find(&s[end..sentence.1]) {
        let rest = &s[end + thing.end()..floor_boundary(s, (end + thing.end() + 40).min(sentence.1))];
        if !p.people_or_allocation.is_match(rest) {
            return Some("not_participants");
        }
    }
    let from = floor_boundary(s, at.saturating_sub(60).max(sentence.0));
    let to = floor_boundary(s, (end + 60).min(sentence.1));
    p.one_of_options.is_match(&s[from..to]).then_some("design")
}

/// Whether a `CI` label gives an interval: bounds follow it within a few words, and it is no
/// abbreviation defined for something else (`chymotrypsin inhibitor (CI) units`, `convergence
/// insufficiency (CI)`; but `confidence interval (CI) 0.56, 2.8`).
fn is_interval_label(label: &str, before: &str, after: &str) -> bool {
    let has_level = label.contains('%');
    let defined_here = before.trim_end().ends_with('(') && after.starts_with(')');
    let spelled_out = before.trim_end().trim_end_matches('(').trim_end().to_ascii_lowercase().ends_with("interval");
    if defined_here && !spelled_out && !has_level {
        return false;
    }
    // A label with its level may head a list whose bounds come later (`(95% CI) at 6 months
    // were 59.4% (53.7% to 63.8%)`); a bare `CI` gives its bounds at once.
    let reach = if has_level { 100 } else { 30 };
    after.chars().take(reach).any(|c| c.is_ascii_digit())
}

/// Whether `x/N` reads as a count of a denominator, not a date, a dose, a grade (`grade 3/4`),
/// a pair of measurements (`5.3/6.0`, `P<0.001/P<0.001`) or a rate (`36.6/100 child-years`).
fn is_count_ratio(expression: &str, before: &str, after: &str) -> bool {
    let p = patterns();
    let mut parts = expression.split('/').map(|p| p.trim().parse::<u64>());
    let counts = match (parts.next(), parts.next()) {
        (Some(Ok(x)), Some(Ok(n))) => x <= n && n > 1 && !(1900..=2100).contains(&n),
        _ => false,
    };
    counts && !p.not_count_after.is_match(after) && !p.not_count_before.is_match(before)
}

/// The shape of an expression: the two words before it, itself and the word after, lower
/// case, with every number as `#`.
fn shape_of(s: &str, at: usize, end: usize) -> String {
    let before: Vec<&str> = s[..at].split_whitespace().rev().take(2).collect();
    let after = s[end..].split_whitespace().next().unwrap_or("");
    let words: Vec<&str> = before.into_iter().rev().chain([&s[at..end], after]).collect();
    let mut shape = String::new();
    let mut in_number = false;
    for c in words.join(" ").to_lowercase().chars() {
        if c.is_ascii_digit() || (in_number && c == '.') {
            if !in_number {
                shape.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            shape.push(c);
        }
    }
    shape
}

/// Up to 60 bytes of text either side of an expression, on character boundaries.
fn snippet(s: &str, at: usize, end: usize) -> String {
    let mut from = at.saturating_sub(60);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 60).min(s.len());
    while !s.is_char_boundary(to) {
        to += 1;
    }
    format!("…{}…", &s[from..to])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Extractor, Record};

    fn audit(text: &str) -> Audit {
        let record = Record { native_id: Some("t".into()), abstract_text: text.into(), ..Record::default() };
        let rows = Extractor::with_default_rules().unwrap().extract(&record);
        let mut audit = Audit::new();
        audit.add("t", text, &rows);
        audit
    }

    #[test]
    fn a_ci_in_a_row_is_accounted() {
        let a = audit("RESULTS: Survival was longer (HR 0.58, 95% CI 0.38 to 0.88).");
        let ci = a.kind("ci");
        assert_eq!((ci.seen, ci.in_rows, ci.unexplained), (1, 1, 0));
    }

    #[test]
    fn a_baseline_ci_has_a_reason_and_an_unread_one_a_shape() {
        let a = audit(
            "RESULTS: Mean age at baseline was 54 (95% CI 51 to 57). Quality was 4.1 (95% CI 3.2 to 5.0) points.",
        );
        let ci = a.kind("ci");
        assert_eq!((ci.seen, ci.in_rows, ci.by_reason.get("baseline").copied(), ci.unexplained), (2, 0, Some(1), 1));
        let mut report = Vec::new();
        a.write_text(&mut report, 5, 1).unwrap();
        let report = String::from_utf8(report).unwrap();
        assert!(report.contains("    1  # ( #% ci #\n"), "{report}");
    }

    #[test]
    fn group_values_side_by_side_and_an_outcome_s_own_change_have_reasons() {
        let a = audit(
            "RESULTS: Stride length did not change between the arms [−0.021 cm (95% CI −0.045 to 0.003) vs. −0.009 cm]. Queue times fell by 14 min (95% CI 11 to 17 min).",
        );
        let ci = a.kind("ci");
        let reasons = (ci.by_reason.get("single_group_value").copied(), ci.by_reason.get("within_group").copied());
        assert_eq!((ci.seen, ci.in_rows, reasons, ci.unexplained), (2, 0, (Some(1), Some(1)), 0));
    }

    #[test]
    fn only_results_sentences_count() {
        let a = audit(
            "METHODS: We needed 40 of 50 patients (80% power). RESULTS: 12 of 40 patients in the placebo group died.",
        );
        assert_eq!(a.kind("x_of_n").seen, 1);
    }

    #[test]
    fn dates_and_doses_are_no_denominators() {
        assert!(is_count_ratio("12/40", "in ", " patients"));
        assert!(is_count_ratio("12/40", "(30%; ", ")"));
        assert!(!is_count_ratio("3/2010", "in ", ""));
        assert!(!is_count_ratio("40/12", "in ", ""));
        assert!(!is_count_ratio("5/40", "the 2.", " mg arm"));
        assert!(!is_count_ratio("20/40", "the ", "-mg arm"));
        assert!(!is_count_ratio("3/4", "grade ", " neutropenia"));
        assert!(!is_count_ratio("3/6", "of 5.", ".0 mmHg"));
        assert!(!is_count_ratio("6/100", "was 3", " child-years"));
        assert!(is_count_ratio("6/18", "placebo. ", " MM patients"));
    }

    #[test]
    fn a_ci_label_without_bounds_is_no_interval() {
        assert!(is_interval_label("95% CI", "HR 0.58, ", " 0.38 to 0.88"));
        assert!(is_interval_label("CI", "3.1 (95% confidence interval (", ") 0.56, 2.8"));
        assert!(is_interval_label("95% CI", "quit rates (", ") at six months were 59.4% (53.7% to 63.8%)"));
        assert!(!is_interval_label("CI", "chymotrypsin inhibitor (", ") units per day"));
        assert!(!is_interval_label("CI", "doses of up to 2000 ", " units per day were given to everyone"));
        assert!(!is_interval_label(
            "95% confidence limits",
            "the ",
            " were overlapping, suggesting no difference between the groups at all, so we stopped"
        ));
    }

    #[test]
    fn counts_of_things_and_design_options_have_reasons() {
        let a = audit(
            "RESULTS: Scores improved on 6 of 8 health domains. Mice were randomly assigned to 1 of 3 groups. \
             Infection occurred in 3 of 40 patients.",
        );
        let x = a.kind("x_of_n");
        assert_eq!(x.seen, 3);
        assert_eq!(x.by_reason.get("not_participants").copied(), Some(1));
        assert_eq!(x.by_reason.get("design").copied(), Some(1));
    }
}
