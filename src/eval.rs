//! Evaluation against hand-made gold rows: precision, recall and F1 per kind.
//!
//! Rows are matched to gold rows of the same record and kind, one to one, on their numbers
//! (CONTRACT.md): effect on measure, value, lower, upper; arm_size on n and whether the arm is
//! `total`; survival on value and time (the same duration within 1%); median on value and unit;
//! events on events, n and percent. A gold survival row left unmatched whose value equals the
//! percent of an unmatched extracted events row of the same record counts as that row (and the
//! other way round). Scores are given strict (all those numbers) and on the headline value alone;
//! p-values are scored on matched effect rows, arm labels on matched rows with an arm.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::{Kind, Row};

/// One gold row as the gold file writes it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldRow {
    /// The kind: effect, arm_size, events, survival, median (or followup).
    pub kind: String,
    /// Effects: the measure.
    #[serde(default)]
    pub measure: Option<String>,
    /// The estimate, percentage or duration.
    #[serde(default)]
    pub value: Option<f64>,
    /// CI lower bound.
    #[serde(default)]
    pub lower: Option<f64>,
    /// CI upper bound.
    #[serde(default)]
    pub upper: Option<f64>,
    /// CI level.
    #[serde(default)]
    pub level: Option<f64>,
    /// The p-value as operator and number: `=0.01`, `<0.001`.
    #[serde(default)]
    pub p: Option<String>,
    /// The group.
    #[serde(default)]
    pub arm: Option<String>,
    /// The outcome.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Events count.
    #[serde(default)]
    pub events: Option<f64>,
    /// Arm size or denominator.
    #[serde(default)]
    pub n: Option<f64>,
    /// Events percentage.
    #[serde(default)]
    pub percent: Option<f64>,
    /// Survival time point.
    #[serde(default)]
    pub time: Option<String>,
    /// Median unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// The words the row comes from.
    #[serde(default)]
    pub quote: Option<String>,
}

/// The gold rows of one abstract.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRecord {
    /// The record id.
    pub id: String,
    /// The rows.
    pub rows: Vec<GoldRow>,
}

/// Reads a gold file: one `{"id": ..., "rows": [...]}` object per line.
pub fn read_gold(path: &Path) -> Result<Vec<GoldRecord>> {
    let label = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(&label, &e))?;
    let mut records = Vec::new();
    for (index, line) in io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(&label, &e))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: GoldRecord = serde_json::from_str(&line).map_err(|e| {
            Error::new(ErrorKind::Parse, format!("invalid gold row: {e}")).at(Location::at(
                label.clone(),
                records.len() + 1,
                index + 1,
            ))
        })?;
        records.push(record);
    }
    Ok(records)
}

/// Counts and scores for one kind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// Gold rows.
    pub gold: usize,
    /// Extracted rows.
    pub extracted: usize,
    /// Matched pairs.
    pub matched: usize,
    /// matched / extracted.
    pub precision: f64,
    /// matched / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Score {
    fn new(gold: usize, extracted: usize, matched: usize) -> Score {
        let precision = if extracted == 0 { 1.0 } else { matched as f64 / extracted as f64 };
        let recall = if gold == 0 { 1.0 } else { matched as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Score { gold, extracted, matched, precision, recall, f1 }
    }
}

/// Accuracy of a field on matched rows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FieldScore {
    /// Matched rows where the field was scored.
    pub scored: usize,
    /// Of those, how many were right.
    pub right: usize,
}

/// The scores of one kind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindReport {
    /// All the numbers the contract names.
    pub strict: Score,
    /// The headline value alone.
    pub headline: Score,
    /// p-values on matched effect rows whose gold has one.
    pub p_values: FieldScore,
    /// Arm labels on matched rows with an arm.
    pub arm_labels: FieldScore,
    /// Endpoints on matched rows (but arm sizes) whose gold names one.
    pub endpoints: FieldScore,
}

/// One miss or false positive, to show what to fix next.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    /// The record.
    pub record_id: String,
    /// The kind.
    pub kind: String,
    /// The row's numbers, compactly.
    pub numbers: String,
    /// The gold quote or the extracted evidence.
    pub text: String,
    /// For false positives: the rule that produced the row.
    pub rule: Option<String>,
}

/// The evaluation report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Gold records evaluated.
    pub records: usize,
    /// Scores per kind, in contract order.
    pub kinds: BTreeMap<String, KindReport>,
    /// Gold rows no extracted row matched (strict).
    pub misses: Vec<Mismatch>,
    /// Extracted rows no gold row matched (strict).
    pub false_positives: Vec<Mismatch>,
    /// Matched arm labels that disagree: (record, gold arm, extracted arm).
    pub wrong_arms: Vec<(String, String, String)>,
    /// Matched effect rows whose p-value disagrees: (record, gold p, extracted p).
    pub wrong_p: Vec<(String, String, String)>,
}

const EVAL_KINDS: [Kind; 5] = [Kind::Effect, Kind::ArmSize, Kind::Events, Kind::Survival, Kind::Median];

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn num(n: &Option<crate::model::Num>) -> Option<f64> {
    n.as_ref().map(|n| n.value)
}

/// A time such as "3 years" or "36 months" in days, for comparing landmarks.
pub fn duration_in_days(time: &str) -> Option<f64> {
    let mut parts = time.split_whitespace();
    let number: f64 = parts.next()?.parse().ok()?;
    let unit = parts.next()?.to_ascii_lowercase();
    let days = match unit.trim_end_matches('s') {
        "day" => 1.0,
        "week" => 7.0,
        "month" => 365.25 / 12.0,
        "year" => 365.25,
        "hour" => 1.0 / 24.0,
        _ => return None,
    };
    Some(number * days)
}

fn same_time(gold: Option<&str>, extracted: Option<&str>) -> bool {
    match (gold.and_then(duration_in_days), extracted.and_then(duration_in_days)) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.01 * a.max(b),
        (None, None) => gold.map(str::trim) == extracted.map(str::trim),
        _ => false,
    }
}

fn is_total(arm: Option<&str>) -> bool {
    arm.is_some_and(|a| a.trim().eq_ignore_ascii_case("total"))
}

/// Whether a row matches a gold row on the numbers of its kind; `strict` or headline only.
fn matches(kind: Kind, gold: &GoldRow, row: &Row, strict: bool) -> bool {
    match kind {
        Kind::Effect => {
            same(gold.value, num(&row.value))
                && (!strict
                    || (gold.measure.as_deref() == row.measure
                        && same(gold.lower, num(&row.lower))
                        && same(gold.upper, num(&row.upper))))
        }
        Kind::ArmSize => {
            same(gold.n, num(&row.n)) && (!strict || is_total(gold.arm.as_deref()) == is_total(row.arm.as_deref()))
        }
        Kind::Survival => {
            same(gold.value, num(&row.value)) && (!strict || same_time(gold.time.as_deref(), row.time.as_deref()))
        }
        Kind::Median => {
            same(gold.value, num(&row.value))
                && (!strict
                    || gold.unit.as_deref().map(|u| u.trim_end_matches('s'))
                        == row.unit.map(|u| u.trim_end_matches('s')))
        }
        Kind::Events => {
            if strict {
                same(gold.events, num(&row.events))
                    && same(gold.n, num(&row.n))
                    && same(gold.percent, num(&row.percent))
            } else if gold.events.is_some() {
                same(gold.events, num(&row.events))
            } else {
                same(gold.percent, num(&row.percent))
            }
        }
        Kind::Followup => false,
    }
}

/// Whether a word does not count when comparing arm labels: the filler words validation
/// leaves out of an arm's key ([`crate::validate::ARM_FILLER_WORDS`]), and `a`, `an`.
fn is_arm_stopword(word: &str) -> bool {
    matches!(word, "a" | "an") || crate::validate::ARM_FILLER_WORDS.contains(&word)
}

/// The lower-case words of `text` that are not stopwords.
fn content_words(text: &str, is_stopword: impl Fn(&str) -> bool) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !is_stopword(w))
        .map(str::to_string)
        .collect()
}

/// Whether the shorter of two word lists shares at least half of its words with the longer;
/// `None` when the shorter is empty.
fn share_half(a: &[String], b: &[String]) -> Option<bool> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (!short.is_empty()).then(|| 2 * short.iter().filter(|w| long.contains(w)).count() >= short.len())
}

/// Whether two arm labels agree: they share at least half of the shorter one's words.
///
/// This is CONTRACT.md's rule for scoring labels, looser than the two notions the extractor
/// itself uses, which ask every word to match: the finders' equal `find::arm_label::group_key`
/// (which groups rows under one label and keeps `and`, `with`, `of`), and validation's equal
/// [`crate::validate::arm_key`] (which leaves out the same filler words as this, so that a
/// check compares the rows the evaluation would count as one arm). `a` and `an` are left out
/// only here: the letter of `group A` matters there.
pub fn same_arm(gold: &str, extracted: &str) -> bool {
    if is_total(Some(gold)) || is_total(Some(extracted)) {
        return is_total(Some(gold)) == is_total(Some(extracted));
    }
    let (a, b) = (content_words(gold, is_arm_stopword), content_words(extracted, is_arm_stopword));
    share_half(&a, &b)
        .unwrap_or_else(|| a.is_empty() && b.is_empty() && gold.trim().eq_ignore_ascii_case(extracted.trim()))
}

/// Words that do not count when comparing endpoints (CONTRACT.md).
const ENDPOINT_STOPWORDS: [&str; 17] = [
    "the", "of", "in", "a", "an", "and", "with", "to", "for", "at", "on", "by", "vs", "versus", "rate", "risk",
    "patients",
];

/// Whether an extracted endpoint agrees with the gold one: they share at least half of the
/// shorter one's words; an empty one never agrees.
pub fn same_endpoint(gold: &str, extracted: &str) -> bool {
    let is_stopword = |w: &str| ENDPOINT_STOPWORDS.contains(&w);
    share_half(&content_words(gold, is_stopword), &content_words(extracted, is_stopword)).unwrap_or(false)
}

/// Parses a gold p such as `=0.01`, `<0.001`, `.01` into operator and value.
fn gold_p(p: &str) -> Option<(&'static str, f64)> {
    let p = p.trim();
    let (op, rest) = [("<=", "<="), (">=", ">="), ("<", "<"), (">", ">"), ("=", "=")]
        .iter()
        .find_map(|(prefix, op)| p.strip_prefix(prefix).map(|rest| (*op, rest)))
        .unwrap_or(("=", p));
    Some((op, rest.trim().parse().ok()?))
}

fn gold_numbers(kind: Kind, g: &GoldRow) -> String {
    let f = |v: Option<f64>| v.map_or("-".to_string(), |v| v.to_string());
    match kind {
        Kind::Effect => format!(
            "{} {} [{}, {}] p{}",
            g.measure.as_deref().unwrap_or("?"),
            f(g.value),
            f(g.lower),
            f(g.upper),
            g.p.as_deref().unwrap_or("-")
        ),
        Kind::ArmSize => format!("{} n={}", g.arm.as_deref().unwrap_or("-"), f(g.n)),
        Kind::Events => format!("{} {}/{} {}%", g.arm.as_deref().unwrap_or("-"), f(g.events), f(g.n), f(g.percent)),
        Kind::Survival => {
            format!("{} {} @{}", g.arm.as_deref().unwrap_or("-"), f(g.value), g.time.as_deref().unwrap_or("-"))
        }
        Kind::Median => {
            format!("{} {} {}", g.arm.as_deref().unwrap_or("-"), f(g.value), g.unit.as_deref().unwrap_or("-"))
        }
        Kind::Followup => String::new(),
    }
}

/// One-to-one greedy matching; returns for each gold row the index of its row, if any.
fn pair_up(kind: Kind, gold: &[&GoldRow], rows: &[&Row], strict: bool) -> Vec<Option<usize>> {
    let mut used = vec![false; rows.len()];
    gold.iter()
        .map(|g| {
            let found = (0..rows.len()).find(|&i| !used[i] && matches(kind, g, rows[i], strict));
            if let Some(i) = found {
                used[i] = true;
            }
            found
        })
        .collect()
}

/// Matches extracted rows to gold rows and scores them.
pub fn evaluate(gold: &[GoldRecord], rows: &[Row]) -> Report {
    let mut by_record: HashMap<&str, Vec<&Row>> = HashMap::new();
    for row in rows {
        by_record.entry(row.record_id.as_str()).or_default().push(row);
    }
    let mut tally = Tally { report: Report { records: gold.len(), ..Report::default() }, ..Tally::default() };
    for record in gold {
        let extracted = by_record.get(record.id.as_str()).cloned().unwrap_or_default();
        let mut unmatched_gold: Vec<(Kind, &GoldRow)> = Vec::new();
        let mut unmatched_rows: Vec<(Kind, &Row)> = Vec::new();
        for kind in EVAL_KINDS {
            tally.match_kind(record, kind, &extracted, &mut unmatched_gold, &mut unmatched_rows);
        }
        let (crossed_gold, crossed_rows) = tally.cross_match(&unmatched_gold, &unmatched_rows);
        for ((kind, g), crossed) in unmatched_gold.iter().zip(&crossed_gold) {
            if !crossed {
                tally.report.misses.push(Mismatch {
                    record_id: record.id.clone(),
                    kind: kind.name().to_string(),
                    numbers: gold_numbers(*kind, g),
                    text: g.quote.clone().unwrap_or_default(),
                    rule: None,
                });
            }
        }
        for ((_, x), crossed) in unmatched_rows.iter().zip(&crossed_rows) {
            if !crossed {
                tally.report.false_positives.push(Mismatch {
                    record_id: record.id.clone(),
                    kind: x.kind.name().to_string(),
                    numbers: crate::find::signature(x),
                    text: x.evidence.clone(),
                    rule: Some(x.rule.clone()),
                });
            }
        }
    }
    tally.finish()
}

/// What [`evaluate`] has counted so far.
#[derive(Default)]
struct Tally {
    /// Per kind: gold rows, extracted rows, strict matches, headline matches.
    counts: BTreeMap<Kind, [usize; 5]>,
    /// The p-values of strictly matched effects.
    p_scores: FieldScore,
    /// The arm labels of strictly matched rows, per kind.
    arm_scores: BTreeMap<Kind, FieldScore>,
    /// The endpoints of strictly matched rows, per kind.
    endpoint_scores: BTreeMap<Kind, FieldScore>,
    /// The report being filled.
    report: Report,
}

impl Tally {
    /// Matches the gold rows of `kind` of one record with its extracted rows, counts the
    /// matches, scores the fields of strict ones, and adds what stays unmatched to the lists.
    fn match_kind<'a>(
        &mut self,
        record: &'a GoldRecord,
        kind: Kind,
        extracted: &[&'a Row],
        unmatched_gold: &mut Vec<(Kind, &'a GoldRow)>,
        unmatched_rows: &mut Vec<(Kind, &'a Row)>,
    ) {
        let g: Vec<&GoldRow> = record.rows.iter().filter(|r| r.kind == kind.name()).collect();
        let x: Vec<&Row> = extracted.iter().copied().filter(|r| r.kind == kind).collect();
        let strict = pair_up(kind, &g, &x, true);
        let headline = pair_up(kind, &g, &x, false);
        let entry = self.counts.entry(kind).or_default();
        entry[0] += g.len();
        entry[1] += x.len();
        entry[2] += strict.iter().flatten().count();
        entry[3] += headline.iter().flatten().count();
        let mut used = vec![false; x.len()];
        for (gi, matched) in strict.iter().enumerate() {
            match matched {
                Some(xi) => {
                    used[*xi] = true;
                    self.score_fields(&record.id, kind, g[gi], x[*xi]);
                }
                None => unmatched_gold.push((kind, g[gi])),
            }
        }
        unmatched_rows.extend(x.iter().zip(&used).filter(|(_, u)| !**u).map(|(r, _)| (kind, *r)));
    }

    /// Scores the p-value of a strictly matched effect, or the arm label of another kind, and
    /// the endpoint of every kind but arm sizes.
    fn score_fields(&mut self, record_id: &str, kind: Kind, g: &GoldRow, x: &Row) {
        if let Some(gold_endpoint) = g.endpoint.as_deref().filter(|e| kind != Kind::ArmSize && !e.trim().is_empty()) {
            let score = self.endpoint_scores.entry(kind).or_default();
            score.scored += 1;
            if same_endpoint(gold_endpoint, x.endpoint.as_deref().unwrap_or("")) {
                score.right += 1;
            }
        }
        if kind == Kind::Effect {
            if let Some((op, value)) = g.p.as_deref().and_then(gold_p) {
                self.p_scores.scored += 1;
                if x.p_op == Some(op) && same(Some(value), num(&x.p_value)) {
                    self.p_scores.right += 1;
                } else {
                    let got =
                        x.p_value.as_ref().map_or("-".to_string(), |p| format!("{}{}", x.p_op.unwrap_or("?"), p.text));
                    self.report.wrong_p.push((record_id.to_string(), g.p.clone().unwrap_or_default(), got));
                }
            }
        } else if let Some(gold_arm) = g.arm.as_deref() {
            let score = self.arm_scores.entry(kind).or_default();
            score.scored += 1;
            let extracted_arm = x.arm.as_deref().unwrap_or("");
            if same_arm(gold_arm, extracted_arm) {
                score.right += 1;
            } else {
                self.report.wrong_arms.push((record_id.to_string(), gold_arm.to_string(), extracted_arm.to_string()));
            }
        }
    }

    /// Pairs what stays unmatched across kinds, since a landmark rate and a proportion at a time
    /// are close: survival ↔ events by percent. Returns which gold rows and rows were paired.
    fn cross_match(
        &mut self,
        unmatched_gold: &[(Kind, &GoldRow)],
        unmatched_rows: &[(Kind, &Row)],
    ) -> (Vec<bool>, Vec<bool>) {
        let mut crossed_gold = vec![false; unmatched_gold.len()];
        let mut crossed_rows = vec![false; unmatched_rows.len()];
        for (gi, (gk, g)) in unmatched_gold.iter().enumerate() {
            for (xi, (xk, x)) in unmatched_rows.iter().enumerate() {
                if crossed_rows[xi] {
                    continue;
                }
                let hit = match (gk, xk) {
                    (Kind::Survival, Kind::Events) => g.value.is_some() && same(g.value, num(&x.percent)),
                    (Kind::Events, Kind::Survival) => g.percent.is_some() && same(g.percent, num(&x.value)),
                    _ => false,
                };
                if hit {
                    crossed_gold[gi] = true;
                    crossed_rows[xi] = true;
                    for kind in [*gk, *xk] {
                        let entry = self.counts.entry(kind).or_default();
                        // The pair counts as a match of the gold row's kind and of the row's kind.
                        if kind == *gk {
                            entry[2] += 1;
                            entry[3] += 1;
                        }
                    }
                    // The extracted row was counted under its own kind: move it to the gold kind.
                    self.counts.entry(*xk).or_default()[1] -= 1;
                    self.counts.entry(*gk).or_default()[1] += 1;
                    break;
                }
            }
        }
        (crossed_gold, crossed_rows)
    }

    /// The report, with the scores of every kind.
    fn finish(mut self) -> Report {
        for kind in EVAL_KINDS {
            let c = self.counts.get(&kind).copied().unwrap_or_default();
            self.report.kinds.insert(
                kind.name().to_string(),
                KindReport {
                    strict: Score::new(c[0], c[1], c[2]),
                    headline: Score::new(c[0], c[1], c[3]),
                    p_values: if kind == Kind::Effect { self.p_scores.clone() } else { FieldScore::default() },
                    arm_labels: self.arm_scores.get(&kind).cloned().unwrap_or_default(),
                    endpoints: self.endpoint_scores.get(&kind).cloned().unwrap_or_default(),
                },
            );
        }
        self.report
    }
}

impl Report {
    /// Writes the report for people: a table per kind, then up to `show` misses and false
    /// positives per kind with their record and words.
    pub fn write_text(&self, out: &mut dyn Write, show: usize) -> io::Result<()> {
        writeln!(out, "{} gold records", self.records)?;
        writeln!(
            out,
            "{:<9} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>9} {:>9} {:>9}",
            "kind", "gold", "found", "P", "R", "F1", "P(val)", "R(val)", "F1(val)", "p right", "arm right", "endpoint"
        )?;
        for kind in EVAL_KINDS {
            let Some(k) = self.kinds.get(kind.name()) else { continue };
            let frac = |f: &FieldScore| {
                if f.scored == 0 {
                    "-".to_string()
                } else {
                    format!("{}/{}", f.right, f.scored)
                }
            };
            writeln!(
                out,
                "{:<9} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {:>9} {:>9} {:>9}",
                kind.name(),
                k.strict.gold,
                k.strict.extracted,
                k.strict.precision,
                k.strict.recall,
                k.strict.f1,
                k.headline.precision,
                k.headline.recall,
                k.headline.f1,
                frac(&k.p_values),
                frac(&k.arm_labels),
                frac(&k.endpoints),
            )?;
        }
        if show == 0 {
            return Ok(());
        }
        for kind in EVAL_KINDS {
            let misses: Vec<&Mismatch> = self.misses.iter().filter(|m| m.kind == kind.name()).take(show).collect();
            let fps: Vec<&Mismatch> =
                self.false_positives.iter().filter(|m| m.kind == kind.name()).take(show).collect();
            if !misses.is_empty() {
                writeln!(out, "\n## {} misses", kind.name())?;
                for m in misses {
                    writeln!(out, "MISS {}  {}  | {}", m.record_id, m.numbers, m.text)?;
                }
            }
            if !fps.is_empty() {
                writeln!(out, "\n## {} false positives", kind.name())?;
                for m in fps {
                    writeln!(
                        out,
                        "FP   {}  {}  [{}] | {}",
                        m.record_id,
                        m.numbers,
                        m.rule.as_deref().unwrap_or(""),
                        m.text
                    )?;
                }
            }
        }
        if !self.wrong_p.is_empty() {
            writeln!(out, "\n## wrong p-values (gold, extracted)")?;
            for (id, g, x) in self.wrong_p.iter().take(show) {
                writeln!(out, "P    {id}  {g}  {x}")?;
            }
        }
        if !self.wrong_arms.is_empty() {
            writeln!(out, "\n## wrong arm labels (gold, extracted)")?;
            for (id, g, x) in self.wrong_arms.iter().take(show) {
                writeln!(out, "ARM  {id}  {g:?}  {x:?}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_share_half_of_the_shorter_and_empty_is_wrong() {
        assert!(same_endpoint("overall survival", "OS overall survival"));
        assert!(same_endpoint("death", "risk of death"));
        assert!(!same_endpoint("death", "progression"));
        assert!(!same_endpoint("death", ""));
    }

    #[test]
    fn arm_labels_share_half_of_the_shorter() {
        assert!(same_arm("combined modality arm", "the combined modality arm"));
        assert!(same_arm("placebo", "placebo group"));
        assert!(!same_arm("placebo", "drug X"));
        assert!(same_arm("total", "Total"));
        assert!(!same_arm("total", "placebo"));
    }

    #[test]
    fn times_compare_as_durations() {
        assert!(same_time(Some("3 years"), Some("36 months")));
        assert!(!same_time(Some("3 years"), Some("30 months")));
    }

    #[test]
    fn gold_p_values() {
        assert_eq!(gold_p("=0.01"), Some(("=", 0.01)));
        assert_eq!(gold_p("<0.001"), Some(("<", 0.001)));
        assert_eq!(gold_p(".01"), Some(("=", 0.01)));
    }
}
