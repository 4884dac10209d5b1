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
                re(r"(?i)\b(?:from\s+baseline|within[- ]group|change\s+from|pre-?\s*to\s*post|before\s+and\s+after)\b"),
                re(r"(?i)\b(?:reduced|reduction|increased|increase|lowered|decreased|decrease|fell|rose)\s+(?:\w+\s+){0,4}?by\s+(?:about\s+)?\d+(?:\.\d+)?\s*%|\brelative\s+(?:risk\s+|rate\s+|odds\s+)?reductions?\b|\b(?:vaccine\s+efficacy|protective\s+efficacy|VE)\b|\d\s*%\s*(?:\([^()]*\)\s*)?(?:\w+\s+){0,3}?(?:reduction|decrease|increase)s?\b"),
                re(r"(?i)\b(?:per\s+(?:1|one|each|unit|sd|standard\s+deviation|\d+[- ]?(?:unit|point|year|mg|kg))|for\s+each|for\s+every)\b"),
                re(r"(?i)\bper\s+[\d,]+\s*(?:person|patient|participant|child|woman|women|infant)s?[- ](?:years?|months?|weeks?|days?)\b|\b(?:person|patient)[- ]years?\b|%\s*/\s*(?:year|yr)\b|\bannual(?:ized)?\s+rates?\b"),
                re(r"(?i)\b(?:predict\w*|prognostic|risk\s+factors?|associated\s+with|associations?|correlat\w*|regression|coefficients?|slope)\b|[βρ]"),
                re(r"(?i)\b(?:Cmax|Tmax|bioequivalen\w*|pharmacokinetic\w*|geometric\s+mean\s+ratios?|GMRs?|GMTs?|titer\s+ratios?)\b"),
                re(r"(?i)\b(?:sensitivity|specificity|AUC|area\s+under|accuracy|kappa|ICC|agreement|predictive\s+value)\b"),
                re(r"(?i)\b(?:mean|median|average|geometric|prevalence|incidence\s+rate)\b"),
            ],
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
                if *kind == "x_slash_n" && !is_count_ratio(m.as_str()) {
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
                match REASONS.iter().zip(&p.reasons).find(|(_, r)| r.is_match(sentence_text)) {
                    Some((reason, _)) => *tally.by_reason.entry(reason).or_default() += 1,
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

/// Whether `x/N` reads as a count of a denominator, not a date, a dose or a ratio of units.
fn is_count_ratio(expression: &str) -> bool {
    let mut parts = expression.split('/').map(|p| p.trim().parse::<u64>());
    match (parts.next(), parts.next()) {
        (Some(Ok(x)), Some(Ok(n))) => x <= n && n > 1 && !(1900..=2100).contains(&n),
        _ => false,
    }
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
    fn only_results_sentences_count() {
        let a = audit(
            "METHODS: We needed 40 of 50 patients (80% power). RESULTS: 12 of 40 patients in the placebo group died.",
        );
        assert_eq!(a.kind("x_of_n").seen, 1);
    }

    #[test]
    fn dates_and_doses_are_no_denominators() {
        assert!(is_count_ratio("12/40"));
        assert!(!is_count_ratio("3/2010"));
        assert!(!is_count_ratio("40/12"));
    }
}
