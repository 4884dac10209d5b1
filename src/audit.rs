//! `trialrex audit`: the statistical expressions of results sentences that became no row.
//!
//! Gold sets measure the misses of the abstracts someone annotated; the audit measures the
//! whole pool. Over the results part of each abstract (after a `RESULTS` label when the
//! abstract has one, else all of it) it finds every confidence interval label, `x of N`, `x/N`
//! and `n = N`, and sorts each into one of three: inside a row's evidence; outside every row
//! but with a named reason to be out of scope (a design or baseline sentence, a change within
//! one group, a relative change written as a percentage (GUIDE: no relative risk reduction
//! written only as a percent), an estimate per unit, a predictor or correlation, a diagnostic
//! accuracy, a single group's mean or median, a CI whose estimate is not written); or
//! unexplained. A reason read from the sentence is given only when the expression's own words
//! do not make it what the GUIDE makes a row (a difference, an effect, a ratio measure, a
//! group's rate, a count over its denominator): such an expression stays unexplained, for a
//! rule to read. Unexplained expressions are grouped by the
//! shape of their words (numbers as `#`), so the most common ways of writing that no rule
//! reads come first.
//!
//! The expression and reason patterns are the audit's own, kept here rather than in `rules/`:
//! they describe what to count, not what to extract, and no user rule changes them.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::OnceLock;

use regex::Regex;

mod ci_reasons;
mod count_reasons;

use crate::find::Text;
use crate::model::Row;
use crate::normalise::floor_boundary;

/// The kinds of expression the audit counts, in report order.
const KINDS: [&str; 4] = ["ci", "x_of_n", "x_slash_n", "n_equals"];

/// The reasons an expression outside every row may be out of scope, tried in this order.
const REASONS: [&str; 10] = [
    "design",
    "within_group",
    "baseline",
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
    /// over its denominator: a unit after it, `grade` before it, a cross (`Boer kids X 1/2 NDB`).
    not_count_after: Regex,
    not_count_before: Regex,
    /// Visual acuity on the Snellen chart (`20/40 or better`, `UDVA of 20/20`), no count.
    snellen_near: Regex,
    /// Words of the expression's own clause that make its estimate a comparison between groups
    /// (a difference, an effect, `lower`, `in favour of`): no sentence-level reason holds then.
    compares: Regex,
    /// The GUIDE's names of differences, written short (`MD -0.79`, `aRD`).
    difference_short: Regex,
    /// A comparative that names no comparison of groups: a part of the body, a bound, a dose.
    comparative_compound: Regex,
    /// Names of ratio measures the GUIDE makes effect rows (`OR`, `aHR`, `rate ratio`).
    ratio_measure: Regex,
    /// A count over its denominator in the clause: the estimate is an events rate.
    count_over_n: Regex,
    /// A percentage right before the label: a group's rate, an events or survival row unless
    /// the clause calls it a mean or a prevalence.
    percent_before: Regex,
    mean_or_prevalence: Regex,
    /// Words that make a value a change, not a level.
    change_words: Regex,
    /// A CI whose estimate is not written (GUIDE: value is required, never computed): the
    /// bracket opens with a p-value (`between group differences were not significant (p = 0.23,
    /// 95% CI`), two group values precede it in the bracket (`(10.5 vs. 8.6 days, p = 0.005,
    /// 95% CI`), it follows `between the 2 groups (`, or it is the subject (`The 95% CI of the
    /// adjusted treatment difference was`).
    p_opens_bracket: Regex,
    pair_opens_bracket: Regex,
    between_groups_before: Regex,
    interval_of_difference_after: Regex,
    /// The words right before a number that make it the second of two group values
    /// (`30% versus 41%`, `compared to 100% in`).
    second_value_before: Regex,
    /// After a CI: its bracket closes and another group's value follows (`(95% CI …) vs. −0.009 cm`,
    /// `[95% CI 707-912] days in the infliximab group vs 744 [`).
    value_set_against: Regex,
    /// Words that make an estimate the randomized comparison's, not a covariate's, or a value
    /// one side of a comparison.
    treatment_words: Regex,
    /// What frames a ratio as a covariate's or a predictor's (GUIDE: not an effect then).
    covariate_framing: Regex,
    /// `than 10`: a comparative that sets a threshold.
    than_number: Regex,
    /// A number needed to treat right before the label (GUIDE: not NNT).
    nnt_before: Regex,
    /// A relative change written as a percentage right before the label (`6% reduction, 95%
    /// CI`, `reduced sitting time by 21% (95% CI`), unless the text calls it absolute.
    relative_change_before: Regex,
    absolute_change: Regex,
    /// A named estimate with its number inside a CI's bracket (`, effect size = 0.8`, `; OR 2.1`).
    named_estimate: Regex,
    /// `the mean score of satisfaction … was`: the `x of N` after it is a score out of its maximum.
    score_is: Regex,
    /// The bounds right after a bare `CI`: `CI 0.4, 1.2`, `CI 95%: 0.43`, `CI: [0.27`, `CI-0.21`.
    bounds_next: Regex,
    /// Words after a label that make it no interval: `95% CI coverage`, `95% confidence intervals
    /// were calculated for the precision`, `The 95% confidence interval excludes the prespecified`,
    /// `Confidence intervals were within 80% to 125%`, one bound against a threshold (`upper 90%
    /// confidence intervals (CI) of <10 ms`, `the 90% CI was >10 ms`).
    no_interval_after: Regex,
    /// A full label right after a label: `95% CI (95% CI -0.37`.
    label_follows: Regex,
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
                re(r"(?i)\b(?:power(?:ed)?|sample\s+size|to\s+detect|(?:was|were)\s+calculated|hypothesi[sz]ed|assuming|non-?inferiority\s+margin|will\s+be|(?:in|non-?)?eligib\w*)\b"),
                re(r"(?i)\b(?:from\s+baseline|within[- ]group|change\s+from|pre-?\s*to\s*post|before\s+and\s+after|from\s+[-\d.]+\s*%?\s*(?:\([^()]*\)\s*)?at\s+baseline|(?:than|compared\s+(?:with|to))\s+(?:at\s+)?baseline|(?:groups?|participants|patients|children|subjects|women|men|arms?)\s+(?:\w+\s+)?(?:showed|presented|experienced)\s+an?\s+(?:(?:significant|mean|average)\s+)?(?:change|decrease|increase|reduction|improvement|gain|loss)\s+of|(?:lost|gained)\s+(?:an?\s+(?:mean|average)\s+(?:of\s+)?)?[\d.]+\s*(?:kg|lb|pounds)\b)|\b(?:declined|decreased|increased|improved|reduced|fell|rose|dropped)\s+(?:by\s+)?[-+]?[\d.]+\s*(?:%|[a-z/]+)?\s*[(\[][^()\[\]]*\b(?:CI|confidence)\b[^()\[\]]*[)\]]\s+in\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm)\b|\b(?:decreased|increased|declined|fell|rose|dropped|improved|changed|reduced|lowered)\s+(?:significantly\s+)?by\s+[-−]?\d|\bchanges?\s+(?:[\w-]+\s+){0,2}(?:was|were)\s+[-−]?\d"),
                re(r"(?i)\b(?:at\s+baseline|baseline\s+(?:characteristics|values?|levels?|data|scores?|measurements?)|characteristics|mean\s+age|median\s+age|aged|demographic\w*|(?:was|were)\s+(?:predominantly\s+|mostly\s+)?(?:women|men|female|male))\b"),
                re(r"(?i)\b(?:reduced|reduction|increased|increase|lowered|decreased|decrease|fell|rose)\s+(?:\w+\s+){0,4}?by\s+(?:about\s+)?\d+(?:\.\d+)?\s*%|\brelative\s+(?:risk\s+|rate\s+|odds\s+)?(?:reductions?|increases?|changes?)\b|\b(?:vaccine\s+efficacy|protective\s+efficacy|VE)\b|\d\s*%\s*(?:\([^()]*\)\s*)?(?:\w+\s+){0,3}?(?:reduction|decrease|increase)s?\b|\befficacy\s+(?:of\s+)?[-−]?\d"),
                re(r"(?i)\b(?:per\s+(?:1|one|each|unit|sd|standard\s+deviation|\d+[- ]?(?:unit|point|year|mg|kg))|for\s+each|for\s+every)\b"),
                re(r"(?i)\bper\s+[\d,]+\s*(?:person|patient|participant|child|woman|women|infant)s?[- ](?:years?|months?|weeks?|days?)\b|\b(?:person|patient)[- ]years?\b|\bper\s+(?:person|patient|participant|child|woman|infant)\s+per\s+(?:year|month)\b|%\s*/\s*(?:year|yr)\b|\bannual(?:ized)?\s+rates?\b"),
                re(r"(?i)\b(?:predict\w*|prognostic|risk\s+factors?|associated\s+with|associations?|correlat\w*|regression|coefficients?|slope|interaction\s+terms?)\b|[βρ]"),
                re(r"(?i)\b(?:Cmax|Tmax|bioequivalen\w*|pharmacokinetic\w*|geometric\s+mean\s+ratios?|GLS\s*means?\s+ratios?|geometric\s+least[- ]squares?|GMRs?|GMTs?|titer\s+ratios?|treatment\s+ratios?|quotient)\b"),
                re(r"(?i)\b(?:sensitivity|specificity|AUC|area\s+under|accuracy|precision|kappa|ICC|agreement|predictive\s+value)\b"),
                re(r"(?i)\b(?:mean|median|average|geometric|prevalence|incidence\s+rate|ED\d\d|EC\d\d|IC\d\d|inhibitory\s+concentration)\b"),
            ],
            things_after: re(r"(?i)^(?:\s+[\w-]+\s+(?:and|or)\s+\d+\s*(?:(?:out\s+of|of)\s+|/\s*)\d+)?\s*(?:\([^()]*\)\s*)?(?:[\w-]+\s+){0,2}?(?:domains?|items?|variables?|questions?|scenarios?|parameters?|outcomes?|measures?|(?:sub)?scales?|criteria|strains?|sessions?|visits?|comparisons?|recordings?|protocols?|doses?|tests?|sites?|practices?|clinics?|hospitals?|cent(?:re|er)s?|studies|trials|placements?|procedures?|samples?|specimens?|time\s*points?|responses|approaches|episodes?|cycles?|days|weeks|months|nights|steps|outbreaks?|diagnos[ie]s|genes?|modules?|lipids|metabolites|proteins|(?:bio)?markers|models|arms|cancers|tumou?rs|lesions|polyps)\b"),
            people_or_allocation: re(r"(?i)^\s*(?:patients|participants|subjects|women|men|children|people|persons|infants|adults)\b|\brandomi[sz]ed\b"),
            one_of_options: re(r"(?i)(?:\b(?:assigned|allocated|randomi[sz]ed|distributed|received|consumed|exposed|took\s+part|using)\b\s+(?:\w+\s+){0,3}?(?:to|into|in|on)?\s*|\b(?:or|in|into)\s+|\(\s*|^)(?:1|one)\s+(?:out\s+)?of\s+(?:the\s+)?(?:\d+|two|three|four|five|six)\s+(?:[\w-]+\s+){0,3}?(?:groups?|arms?|conditions?|interventions?|diets?|treatments?|regimens?|sequences?|approaches|beverages|formulations|products|programs?|programmes?|systems?|configurations?)\b"),
            not_count_after: re(r"^(?:[.,]\d|/\d|-\d|\s*±|\s*(?:[-–]\s*\d+\s*)?(?i:cups?|teaspoons?|tablespoons?|glass(?:es)?)\b|\s+and\s+\d+\s*/\s*\d+\s*(?:μM|µM|mM|nM|pg|ng|mg)\b|\s+(?i:hours?|hrs?)\b|\s+on\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?i:scale)\b|-\s*(?:,|and\b|or\b)|\s*(?i:grade)\b|,\s*(?:v/v|w/w|v:v)|-?\s*(?:mg|g|mcg|µg|μg|ml|mL|mmHg|kg|IU|units?|v/v|w/w|mmol|cm|mm)\b|\s*[-\s](?i:person|patient|child|woman|women)[- ]?(?i:years?|months?|days?)\b)"),
            not_count_before: re(r"(?i)(?:\b(?:grades?|stages?|class(?:es)?|levels?|CTAS|ASA|NYHA|Tanner)\s*|[\d.]\.|[/:]|\d\s*/\s*|[<>=]\s*[\d.]+\s*/\s*|\bp\s*[<>=]\s*|\d\.\d+\s*/\s*\d+\s*,?\s+(?:and|or)\s+|(?-i:\s[X×])\s*)$"),
            compares: re(r"(?i)\b(?:differences?|(?:adj)?diff|effects?|in\s+favou?r|absolute|non-?inferiority|equivalen\w+|margin|placebo[- ](?:corrected|adjusted|subtracted)|lower|higher|greater|larger|smaller|lesser|less|more|fewer|better|worse|shorter|longer|(?:versus|vs\.?|compared\s+(?:with|to)|relative\s+to)\s+(?:the\s+)?(?:placebo|controls?|usual\s+care|sham))\b"),
            ratio_measure: re(r"\b(?:Adj|adj|a)?(?:OR|HR|RR|IRR)\b|(?i:\b(?:odds|hazards?|risk|rate)\s+ratios?\b|\brelative\s+risk\b|\bnumber\s+needed)"),
            difference_short: re(r"\b(?:Adj|adj|a)?(?:MD|SMD|RD)\b"),
            comparative_compound: re(r"(?i)^\s+(?:respiratory|limbs?|back|extremit\w+|urinary|genital|gastro\w*|GI|abdominal|bounds?|limits?|education|order|doses?|levels?|income|grade)\b"),
            count_over_n: re(r"(?i)\b\d+\s*(?:/|of|out\s+of)\s*\d+\b"),
            percent_before: re(r"\d\s*%\s*[(\[,;:]?\s*$"),
            change_words: re(r"(?i)\b(?:changes?|changed|increase[sd]?|decrease[sd]?|reduc\w+|improve\w*|declined?|gain(?:ed)?|loss|lost|rose|fell)\b"),
            mean_or_prevalence: re(r"(?i)\b(?:mean|median|average|geometric|prevalence)\b"),
            p_opens_bracket: re(r"(?i)[(\[]\s*p(?:-value)?\s*[<=>≤≥]\s*[\d.]+\s*\)?\s*[,;]?\s*$"),
            pair_opens_bracket: re(r"(?i)[(\[]\s*[-+]?[\d.]+\s*%?\s*(?:vs\.?|versus|v\.?)\s*[-+]?[\d.]+\s*[^()\[\]\d]{0,20}[,;]\s*(?:p\s*[<=>]\s*[\d.]+\s*[,;]\s*)?$"),
            between_groups_before: re(r"(?i)\b(?:between|among)\s+(?:the\s+)?(?:\d+|two|three|both)?\s*(?:groups|arms)\s*[(\[]\s*$"),
            interval_of_difference_after: re(r"(?i)^\s*(?:of|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?differences?\s+(?:was|were|is)\b"),
            second_value_before: re(r"(?i)(?:\bvs\.?|\bversus|\bcompared\s+(?:with|to)|\bthan)\s*$"),
            value_set_against: re(r"(?i)^[^;()\[\]]{0,30}[)\]]+\s*(?:(?:[^\s\d()\[\];,]{1,12}\s+)?(?:in|for)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}?\s+(?:group|arm)s?\s+)?(?:vs\.?|versus|compared\s+(?:with|to))\s+(?:[A-Za-z-]+\s+){0,3}[(\[]?\s*(?:mean\s+)?[-−]?\d"),
            treatment_words: re(r"(?i)\b(?:intervention|treatment|treated|randomi[sz]ed|placebo|versus|vs|compared)\b"),
            covariate_framing: re(r"(?i)\b(?:predict\w*|prognostic|risk\s+factors?|determinants?|covariates?|multivariat\w*|multivariable|logistic\s+regression|independent(?:ly)?)\b"),
            than_number: re(r"^\s+than\s+[\d.]"),
            nnt_before: re(r"(?i)\bNN[TH]\b|\bneeded\s+to\s+(?:treat|harm|screen|vaccinate|receive)\b"),
            relative_change_before: re(r"(?i)(?:\b(?:reduced|decreased|increased|lowered)\b[^()\[\];]{0,40}?\bby\s+(?:about\s+)?\d+(?:\.\d+)?\s*%|\d\s*%\s*(?:relative\s+)?(?:reduction|decrease|increase)s?)\s*[(\[,;:]?\s*$"),
            absolute_change: re(r"(?i)\babsolute\b|percentage[- ]points?|%[- ]points?"),
            named_estimate: re(r"(?:^|[;,]\s*)(?:(?i:effect\s+size|(?:mean\s+)?difference)|MD|SMD|OR|HR|RR|d)\s*[=:]?\s*[-+]?[\d.]"),
            snellen_near: re(r"(?i)\b(?:acuity|UDVA|CDVA|BCVA|UCVA|vision|Snellen|or\s+(?:better|worse))\b"),
            score_is: re(r"(?i)\bscores?\b[^.;()\[\]]{0,60}\b(?:was|were|of|:)\s*$"),
            bounds_next: re(r"(?i)^\s*(?:\d{2}(?:\.\d+)?\s*%)?\s*[:=,;]?\s*[(\[]?\s*[:=]?\s*(?:(?:of|for)\s+(?:the\s+)?(?:mean\s+)?differences?\s*[:=,]?\s*)?[-−+]?\s*[€£$]?\s*\.?\d"),
            no_interval_after: re(r"(?i)^\s*(?:\(CI\)\s*)?(?:coverage|(?:excludes|excluded|includes|included|crossed|crosses)\b|(?:were|was)\s+(?:calculated|computed|constructed|used|within|inside|outside)\b|(?:of|was|were|is)\s*(?:<|>|≤|≥|below\b|above\b|less\s+than\b|greater\s+than\b))"),
            label_follows: re(r"(?i)^\s*[(\[]\s*\d{2}(?:\.\d+)?\s*%\s*(?:CI|C\.I\.|Cl|confidence|credible)\b"),
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
                if !is_expression(kind, m.as_str(), &s[..at], &s[end..]) {
                    continue;
                }
                let tally = self.kinds.entry(kind).or_default();
                tally.seen += 1;
                let (start, stop, _) = text.norm.evidence(at, end);
                let sentence = text.sentence_at(at);
                let interval_of_row = *kind == "ci"
                    && (spans.iter().any(|&(_, b)| opens_interval(abstract_text, b, start))
                        || heads_rows(
                            abstract_text,
                            s,
                            (at, end),
                            (stop, text.norm.evidence(sentence.0, sentence.1).1),
                            &spans,
                        ));
                if interval_of_row || spans.iter().any(|&(a, b)| a < stop && start < b) {
                    tally.in_rows += 1;
                    list_expression(record_id, kind, "in_rows", s, (at, end));
                    continue;
                }
                let reason = local_reason(p, kind, s, sentence, (at, end))
                    .or_else(|| sentence_reason(p, kind, s, sentence, (at, end)))
                    .or_else(|| match *kind {
                        "ci" => ci_reasons::group_value_reason(s, sentence, (at, end)),
                        _ => count_reasons::count_reason(kind, s, sentence, (at, end), rows),
                    });
                list_expression(record_id, kind, reason.unwrap_or("unexplained"), s, (at, end));
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

/// With `TRIALREX_AUDIT_LIST` set, writes every expression and what became of it to standard
/// error, one tab-separated line each (record, kind, status, offset, snippet): the list to read
/// when a reason or a count changes.
fn list_expression(record_id: &str, kind: &str, status: &str, s: &str, (at, end): (usize, usize)) {
    static LIST: OnceLock<bool> = OnceLock::new();
    if *LIST.get_or_init(|| std::env::var_os("TRIALREX_AUDIT_LIST").is_some()) {
        eprintln!("{record_id}\t{kind}\t{status}\t{at}\t{}", wide_snippet(s, at, end).replace(['\t', '\n'], " "));
    }
}

/// Whether a row's evidence ends right where a CI's bracket opens, only a percent sign, a comma
/// or the bracket between (`arm (8.9` + `%, 95% CI`, `69%` + ` (95% CI`), or the evidence itself
/// ends in the bracket (`5.9% (20/339;` + ` 95% CI`): the CI is the interval of the row's value,
/// which the events kind holds without its bounds. Rows and labels are placed in code points.
fn opens_interval(abstract_text: &str, row_end: usize, label_at: usize) -> bool {
    if row_end > label_at || label_at - row_end > 6 {
        return false;
    }
    let mut chars = abstract_text.chars().skip(row_end.saturating_sub(1));
    let last = if row_end > 0 { chars.next() } else { None };
    let marks: String = chars.take(label_at - row_end).filter(|c| !c.is_whitespace()).collect();
    let marks = marks.strip_prefix('%').unwrap_or(&marks);
    let opener = |c: char| "([,;".contains(c);
    match marks.len() {
        0 => last.is_some_and(opener),
        1 | 2 => marks.chars().all(opener),
        _ => false,
    }
}

/// Whether a label alone in its bracket heads values with their bounds that are rows: `30-day
/// quit rates (95% CI) at 6 months were 59.4% (53.7% to 63.8%) for standard, 62.3% (…) for
/// TEQ-10`, `Median (95% CI) difference between groups was 0.75 (-1.6 to 2.3)`: the first row
/// after the label in its sentence, within 80 code points, holds a bracket with a number. Rows
/// and the sentence's end are placed in code points, the label in the normalised text `s`.
fn heads_rows(
    abstract_text: &str,
    s: &str,
    (at, end): (usize, usize),
    (label_end, sentence_end): (usize, usize),
    spans: &[(usize, usize)],
) -> bool {
    let alone = s[..at].trim_end().ends_with(['(', '[']) && s[end..].trim_start().starts_with([')', ']']);
    if !alone {
        return false;
    }
    let next = spans.iter().filter(|&&(a, _)| a >= label_end && a < sentence_end).min_by_key(|&&(a, _)| a);
    next.is_some_and(|&(a, b)| {
        let evidence: String = abstract_text.chars().skip(a).take(b - a).collect();
        a - label_end <= 80
            && evidence
                .split(['(', '['])
                .skip(1)
                .any(|part| part.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '−'))
    })
}

/// Whether a match is the expression its kind counts, once: an `x/N` that is a count over its
/// denominator, a CI label that gives an interval and does not repeat the label before it, an
/// `x of N` that does not start inside a decimal.
fn is_expression(kind: &str, expression: &str, before: &str, after: &str) -> bool {
    match kind {
        "x_slash_n" => is_count_ratio(expression, before, after),
        // `95% CI (95% CI -0.37 to 0.37)`: the inner label, with its bounds, is the one counted.
        "ci" => {
            is_interval_label(expression, before, after)
                && (expression.contains('%') || !repeats_label(before))
                && !patterns().label_follows.is_match(after)
        }
        "x_of_n" => !is_decimal_tail(before) && !is_score_of_maximum(before, after),
        // `N = 2.0` visits: a mean, no count.
        "n_equals" => !is_decimal_after(after),
        _ => true,
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
    if kind == "ci" {
        let before = &s[floor_boundary(s, at.saturating_sub(80).max(sentence.0))..at];
        if p.nnt_before.is_match(before) {
            return Some("nnt");
        }
        if p.relative_change_before.find(before).is_some_and(|m| !p.absolute_change.is_match(m.as_str())) {
            return Some("relative_change");
        }
        // `[−0.021 cm (95% CI …) vs. −0.009 cm]`: one group's value set against another's.
        if p.value_set_against.is_match(&s[end..floor_boundary(s, (end + 80).min(sentence.1))]) {
            return Some("single_group_value");
        }
        return estimate_not_written(p, s, sentence, (at, end))
            .then_some("no_estimate")
            .or_else(|| ci_reasons::local_ci_reason(s, sentence, (at, end)));
    }
    if !matches!(kind, "x_of_n" | "x_slash_n") {
        return None;
    }
    let from = floor_boundary(s, at.saturating_sub(60).max(sentence.0));
    let to = floor_boundary(s, (end + 60).min(sentence.1));
    if p.one_of_options.is_match(&s[from..to]) {
        return Some("design");
    }
    // `21/26 standard best practice patients` counts people; `42 of 82 shops were randomized`
    // counts the trial's clusters.
    let thing = p.things_after.find(&s[end..sentence.1])?;
    let rest = &s[end + thing.end()..floor_boundary(s, (end + thing.end() + 40).min(sentence.1))];
    (!p.people_or_allocation.is_match(rest)).then_some("not_participants")
}

/// The reason read from the expression's sentence, unless the sentence up to it (or the words
/// right after its bracket) shows it to be what the GUIDE makes a row: a comparison between
/// groups (`difference`, `effect`, `lower`, `in favour of`, `versus placebo`, a non-inferiority
/// margin), a ratio measure (`OR`, `rate ratio`; a covariate's or another ratio's own reasons
/// aside), or a count over its denominator in its clause. A percentage with a CI is a group's
/// rate (events or survival) unless its clause calls it a mean or a prevalence.
/// Counts (`x of N`, `x/N`, `n =`) take only the design and baseline reasons, read in their
/// own clause: a sentence's other words say nothing of them.
fn sentence_reason(
    p: &Patterns,
    kind: &str,
    s: &str,
    sentence: (usize, usize),
    (at, end): (usize, usize),
) -> Option<&'static str> {
    let window = &s[sentence.0..at];
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    let after =
        after.find([')', ']']).map_or(after, |close| &after[..floor_boundary(after, (close + 40).min(after.len()))]);
    if kind != "ci" {
        let clause = clause_before(s, sentence.0, at);
        let local = &s[floor_boundary(s, at - clause.len())..clause_end(s, end, sentence.1)];
        if let Some(reason) =
            count_reasons::clause_reason(kind, &s[sentence.0..sentence.1], (&s[sentence.0..at], clause), local)
        {
            return Some(reason);
        }
        // A design is read in the count's own part of its clause (`the sample size was recruited,
        // and a response rate of 90.9% (130/143)` is no design); a baseline list runs on over
        // `, and` (`52.0% (191/367) were women, and 97.5% (358/367) were immigrants`).
        let own = count_reasons::own_part(local, clause.len());
        return REASONS[..3]
            .iter()
            .zip(&p.reasons)
            .find(|(reason, r)| match **reason {
                "design" => r.find_iter(own).any(|m| !count_reasons::describes_people(own, m)),
                "baseline" => r.is_match(local),
                _ => false,
            })
            .map(|(reason, _)| *reason);
    }
    if p.count_over_n.is_match(clause_before(s, sentence.0, at)) {
        return None;
    }
    let compares = compares_groups(p, window) || compares_groups(p, after);
    let ratio = p.ratio_measure.is_match(window);
    let clause = tight_clause(clause_before(s, sentence.0, at));
    let percent = p.percent_before.is_match(window) && !p.mean_or_prevalence.is_match(clause);
    // A single group's value is a level, written alone: not a change (`mean change 6.8 min/day`
    // may be one against control) and not one side of a comparison (`vs`, `compared with`).
    let level =
        !p.change_words.is_match(window) && !p.treatment_words.is_match(window) && !p.treatment_words.is_match(after);
    let sentence_text = &s[sentence.0..sentence.1];
    // A ratio is a predictor's when the sentence frames it so (`independent risk factor`,
    // `logistic regression`) and its clause names no treatment or comparison of arms.
    let covariate = p.covariate_framing.is_match(sentence_text);
    REASONS
        .iter()
        .zip(&p.reasons)
        .filter(|(reason, _)| match **reason {
            "predictor" => {
                !compares
                    && !p.treatment_words.is_match(window)
                    && !p.treatment_words.is_match(after)
                    && (!ratio || covariate)
            }
            "other_ratio" | "per_unit" => !compares,
            "per_person_time" => !ratio,
            "single_group_value" => !compares && !ratio && !percent && level,
            _ => !compares && !ratio,
        })
        .find(|(_, r)| r.is_match(sentence_text))
        .map(|(reason, _)| *reason)
}

/// Whether a text names a comparison between groups: a difference, an effect, `in favour of`,
/// `versus placebo`, or a comparative (`3.7 mm Hg lower`) that is no threshold (`6 or more
/// examinations`, `more than 10 days`).
fn compares_groups(p: &Patterns, text: &str) -> bool {
    p.compares.find_iter(text).any(|m| {
        let before = text[..m.start()].trim_end();
        let after = &text[m.end()..];
        let threshold = before.ends_with(" or") || p.than_number.is_match(after);
        !threshold && !p.comparative_compound.is_match(after)
    }) || p.difference_short.is_match(text)
}

/// The words of an expression's clause before it: back to the sentence's start, at most 100
/// bytes, and after the last closing bracket (the end of the list item before).
fn clause_before(s: &str, sentence_start: usize, at: usize) -> &str {
    let from = floor_boundary(s, at.saturating_sub(100).max(sentence_start));
    let before = &s[from..at];
    before.rfind([')', ']']).map_or(before, |close| &before[close + 1..])
}

/// Where the words that follow a count end: 40 bytes on, or further at the end of its clause
/// (its next `;` or `,`, within 80 bytes: `4 of 5 participants reported nocturia at baseline;`).
fn clause_end(s: &str, end: usize, sentence_end: usize) -> usize {
    let reach = &s[end..floor_boundary(s, (end + 80).min(sentence_end))];
    let stop = reach.find([';', ',']).map_or(0, |at| end + at);
    floor_boundary(s, stop.max(end + 40).min(sentence_end))
}

/// The end of a clause after its last `;` or full stop: the words that name its own value.
fn tight_clause(clause: &str) -> &str {
    // A full stop ends a clause when a space follows it; a decimal point does not.
    let stop = clause.rfind(". ").map(|at| at + 2);
    let semicolon = clause.rfind(';').map(|at| at + 1);
    stop.max(semicolon).map_or(clause, |at| &clause[at..])
}

/// Whether a CI gives the interval of an estimate the text does not write (GUIDE: value is
/// required; never compute): its bracket opens with a p-value and no number of the clause
/// before it is an estimate (only the second of two group values, `30% versus 41% (p = 0.2,
/// 95% CI`), or two group values open its bracket (`(10.5 vs. 8.6 days, p = 0.005, 95% CI`),
/// or it follows `between the 2 groups (`, or it is the subject of its sentence (`The 95% CI
/// of the adjusted treatment difference was`). A ratio or difference named after it in the
/// bracket is its estimate after all.
fn estimate_not_written(p: &Patterns, s: &str, sentence: (usize, usize), (at, end): (usize, usize)) -> bool {
    let before = &s[floor_boundary(s, at.saturating_sub(120).max(sentence.0))..at];
    let after = &s[end..floor_boundary(s, (end + 80).min(sentence.1))];
    let in_bracket = after.find([')', ']']).map_or(after, |close| &after[..close]);
    if p.named_estimate.is_match(in_bracket) {
        return false;
    }
    if p.interval_of_difference_after.is_match(after) {
        return !has_number(&s[sentence.0..at]);
    }
    if p.pair_opens_bracket.is_match(before) || p.between_groups_before.is_match(before) {
        return true;
    }
    let Some(m) = p.p_opens_bracket.find(before) else { return false };
    let pre = clause_before(s, sentence.0, at - (before.len() - m.start()));
    match last_number(pre) {
        None => true,
        Some(number_at) => p.second_value_before.is_match(pre[..number_at].trim_end()),
    }
}

/// Where the last number of a text starts: digits not inside a word (`O2`, `IL-6` hold none).
fn last_number(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut found = None;
    for (i, &b) in bytes.iter().enumerate() {
        let starts = b.is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'.' | b',' | b'-')));
        if starts {
            found = Some(i);
        }
    }
    found
}

fn has_number(text: &str) -> bool {
    last_number(text).is_some()
}

/// Whether a CI label repeats the label just before it: the abbreviation after its spelled-out
/// name (`95% confidence interval (CI) 0.56, 2.8`, `interval, CI: 87.8`) or the label written
/// twice (`95% CI (95% CI -0.37 to 0.37)`). One interval, counted once.
fn repeats_label(before: &str) -> bool {
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || "([,:;".contains(c));
    if trimmed.len() == before.len() {
        return false;
    }
    let tail = trimmed[floor_boundary(trimmed, trimmed.len().saturating_sub(24))..].to_ascii_lowercase();
    let bare_label = tail.ends_with(" ci") || tail.ends_with("%ci") || tail.ends_with("%cl") || tail.ends_with(" cl");
    tail.ends_with("confidence interval")
        || tail.ends_with("confidence intervals")
        || tail.ends_with("confidence limits")
        || tail.ends_with("credible interval")
        || bare_label
}

/// Whether the digits at the start of a text run on into a decimal (`n = 2.0` visits: a mean).
fn is_decimal_after(after: &str) -> bool {
    let rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// Whether `x of N` is a score or a name, no count: it runs on into a decimal (`day 2 of 28.3%`),
/// it is the number of a name (`SF-36 of 2 groups`), or a score is said to be it (`the mean
/// score of satisfaction was 20 out of 90`).
fn is_score_of_maximum(before: &str, after: &str) -> bool {
    let p = patterns();
    let decimal_after = is_decimal_after(after);
    let bytes = before.as_bytes();
    let name = bytes.len() >= 2 && bytes[bytes.len() - 1] == b'-' && bytes[bytes.len() - 2].is_ascii_alphabetic();
    let near = &before[floor_boundary(before, before.len().saturating_sub(80))..];
    decimal_after || name || p.score_is.is_match(near)
}

/// Whether `x of N` starts inside a decimal (`4.6 of 5.0`, `coagulation 4.0 of 10`): a score out
/// of its maximum, no count.
fn is_decimal_tail(before: &str) -> bool {
    let bytes = before.as_bytes();
    bytes.len() >= 2 && matches!(bytes[bytes.len() - 1], b'.' | b',') && bytes[bytes.len() - 2].is_ascii_digit()
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
    let p = patterns();
    // A bare `CI` gives its bounds at once (`CI 0.4, 1.2`, `CI 95%: 0.43`); `the CI arm (P = 0.04)`
    // and `CO, CI, SvO2 … (p<0.05)` name a treatment and a cardiac index.
    let bare = !has_level && !spelled_out && label.trim().len() <= 4;
    if (bare && !p.bounds_next.is_match(after)) || p.no_interval_after.is_match(after) {
        return false;
    }
    // A label with its level may head a list whose bounds come later (`(95% CI) at 6 months
    // were 59.4% (53.7% to 63.8%)`).
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
    // `FAPESP-015/14149`, `5/06 ± 0.52 s`: a part written with a leading zero is an identifier or
    // a mistyped decimal, not a count.
    let leading_zero = expression.split('/').any(|part| {
        let part = part.trim().as_bytes();
        part.len() > 1 && part[0] == b'0'
    });
    let snellen = expression.trim_start().starts_with("20/") && {
        let near_before = &before[floor_boundary(before, before.len().saturating_sub(40))..];
        let near_after = &after[..floor_boundary(after, after.len().min(20))];
        p.snellen_near.is_match(near_before) || p.snellen_near.is_match(near_after)
    };
    counts && !leading_zero && !snellen && !p.not_count_after.is_match(after) && !p.not_count_before.is_match(before)
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

/// Up to 200 bytes of text before an expression and 100 after, with the expression marked.
fn wide_snippet(s: &str, at: usize, end: usize) -> String {
    let from = floor_boundary(s, at.saturating_sub(200));
    let mut to = (end + 100).min(s.len());
    while !s.is_char_boundary(to) {
        to += 1;
    }
    format!("{}[[{}]]{}", &s[from..at], &s[at..end], &s[end..to])
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

    #[test]
    fn a_spelled_out_label_and_its_abbreviation_are_one_interval() {
        assert!(repeats_label("a gain of 2.1 kg (95% confidence interval ("));
        assert!(repeats_label("the cure rate was 91.0% (95% confidence interval, "));
        assert!(repeats_label("(mean difference) -0.1, 95% CI ("));
        assert!(!repeats_label("HR 0.58, "));
        assert!(!repeats_label("(95% CI 0.2 to 0.6), 95% CI"));
        let a = audit("RESULTS: Children grew 1.2 cm more (95% confidence interval (CI) 0.4 to 2.0) than controls.");
        assert_eq!(a.kind("ci").seen, 1);
    }

    #[test]
    fn labels_that_give_no_interval_are_not_counted() {
        // A treatment and a cardiac index abbreviated `CI`; statements about an interval.
        let a = audit(
            "RESULTS: Delays were fewer in the CI arm (P = 0.04). Cardiac output, CI, SvO2 were higher \
             (p<0.05). The 95% confidence interval excludes the margin of 10 points. Confidence intervals \
             were within 80% to 125% for AUC. Upper 90% confidence intervals (CI) of <10 ms were seen.",
        );
        assert_eq!(a.kind("ci").seen, 0);
        // A label written twice is one interval: the inner one, with its bounds.
        let b = audit("RESULTS: Visits were alike (MD -0.10, 95% CI (95% CI -0.40 to 0.20)).");
        assert_eq!(b.kind("ci").seen, 1);
        let c = audit("RESULTS: Mortality was lower (RR 0.66 CI 95%: 0.43 to 1.03; OR 0.5, CI: [0.27, 0.9]).");
        assert_eq!(c.kind("ci").seen, 2);
    }

    #[test]
    fn a_ci_of_an_unwritten_difference_is_no_estimate() {
        let a = audit(
            "RESULTS: Between group differences in pain were not significant (p = 0.31, 95% CI -1.2 to 4.0). \
             Stay was 9.5 vs. 7.1 days (p = 0.01, 95% CI 0.4-3.9) in the two arms.",
        );
        let ci = a.kind("ci");
        assert_eq!((ci.by_reason.get("no_estimate").copied(), ci.unexplained), (Some(2), 0));
    }

    #[test]
    fn a_named_difference_gets_no_reason_from_its_sentence() {
        // `mean` would make a single group's value; `difference` makes the estimate a row's.
        let a = audit("RESULTS: The mean difference in sleep was 3.4 hours (95% CI 1.1 to 5.7) between arms.");
        let ci = a.kind("ci");
        assert_eq!(ci.seen - ci.in_rows, ci.unexplained, "{:?}", ci.by_reason);
        let b = audit(
            "RESULTS: Mean scores were 41.2 (95% CI 39.0 to 43.4) in arm A and 44.0 (95% CI 42.1 to 45.9) in arm B.",
        );
        assert_eq!(b.kind("ci").by_reason.get("single_group_value").copied(), Some(2));
    }

    #[test]
    fn changes_within_one_group_are_within_group() {
        let a = audit(
            "RESULTS: Walkers lost 4.1 kg [95% CI 3.0 to 5.2], compared with 1.0 kg (95% CI 0.2 to 1.8) in the diet group. \
             The sham group showed an increase of 0.7 points (95% CI 0.1 to 1.3).",
        );
        assert_eq!(a.kind("ci").by_reason.get("within_group").copied(), Some(3));
    }

    fn reasons(a: &Audit, kind: &str) -> Vec<(&'static str, usize)> {
        let t = a.kind(kind);
        let mut out: Vec<(&'static str, usize)> = t.by_reason.into_iter().collect();
        out.push(("unexplained", t.unexplained));
        out
    }

    #[test]
    fn groups_values_side_by_side_are_single_group_values() {
        let a = audit(
            "RESULTS: Mean pain scores were 3.1 (95% CI 2.5 to 3.7) in the yoga group and 4.4 (95% CI 3.8 to 5.0) \
             in the waiting-list group. Serum zinc was higher in the fortified group (14.2 umol/l; 95% CI 13.0-15.4) \
             than in the control group (11.9 umol/l; 95% CI 10.8-13.0).",
        );
        assert_eq!(reasons(&a, "ci"), vec![("single_group_value", 4), ("unexplained", 0)]);
    }

    #[test]
    fn effects_per_arm_and_group_percentages_are_no_group_values() {
        let a = audit(
            "RESULTS: The effect versus placebo was 5.2 m (95% CI 1.0 to 9.4) for drug A and 0.4 m (95% CI -3.0 to 3.8) \
             for drug B. Cure rates were 91% (95% CI 80 to 97) in arm A and 85% (95% CI 72 to 93) in arm B.",
        );
        let ci = a.kind("ci");
        assert_eq!(ci.by_reason.get("single_group_value"), None, "{:?}", ci.by_reason);
    }

    #[test]
    fn predictors_of_an_association_list_are_predictors() {
        let a = audit(
            "RESULTS: In adjusted analysis, older age (OR = 2.1, 95% CI 1.2-3.5) and living alone (OR = 1.8, 95% CI \
             1.1-2.9) were associated with non-adherence.",
        );
        assert_eq!(a.kind("ci").by_reason.get("predictor").copied(), Some(2));
        let b = audit("RESULTS: Allocation to the app (OR = 0.5, 95% CI 0.3-0.8) was associated with fewer relapses.");
        assert_eq!(b.kind("ci").by_reason.get("predictor"), None);
    }

    #[test]
    fn an_interval_of_an_unwritten_difference_or_a_bound_alone_is_no_estimate() {
        let a = audit(
            "RESULTS: Systolic pressure was 121.0 mmHg (SD: 6.0) vs. 127.5 mmHg (SD: 6.2) in the saline group (95% CI \
             3.1-9.0, p < 0.001). The difference met the criterion, as the upper limit of the 95% CI (1.2) was below \
             the margin.",
        );
        assert_eq!(a.kind("ci").by_reason.get("no_estimate").copied(), Some(2));
    }

    #[test]
    fn scores_means_and_subgroups_are_no_arm_counts() {
        assert!(is_score_of_maximum("the mean score of satisfaction was ", " before the course"));
        assert!(is_score_of_maximum("pain fell on day ", ".3% in the group"));
        assert!(!is_score_of_maximum("infection occurred in ", " patients"));
        let a = audit(
            "RESULTS: The mean number of visits (n = 2.0) was similar. Among participants with diabetes, weight fell by \
             2 kg (n = 40). Reasons for ineligibility were refusal (n = 12) and death (n = 3).",
        );
        let n = a.kind("n_equals");
        assert_eq!(
            (n.seen, n.by_reason.get("subgroup").copied(), n.by_reason.get("design").copied()),
            (3, Some(1), Some(2))
        );
    }

    #[test]
    fn identifiers_visual_acuity_and_grades_are_no_counts() {
        assert!(!is_count_ratio("012/33456", "grant NIH-", "-2"));
        assert!(!is_count_ratio("5/06", "group (", " ± 0.52 s)"));
        assert!(is_count_ratio("0/30", "0% (", ")"));
        assert!(!is_count_ratio("20/40", "corrected visual acuity of ", " or better"));
        assert!(is_count_ratio("20/40", "(50%, ", ") in the placebo arm"));
        assert!(!is_count_ratio("3/4", "treatment-related ", " grade adverse events"));
        assert!(!is_count_ratio("15/85", "acetate (", ", v/v) as mobile phase"));
        assert!(!is_count_ratio("3/4", "children with stage ", " kidney disease"));
        assert!(!is_count_ratio("5/76", "group (", " ± 0.67 s)"));
        assert!(!is_count_ratio("4/5", "rated ", " on the satisfaction rating scale"));
        assert!(!is_count_ratio("2/3", "triage patients (CTAS ", ") waited less"));
        assert!(!is_count_ratio("1/2", "drank tea (", " -1 cup) before"));
        assert!(!is_count_ratio("41/44", "levels were ", " and 39/07 μM in the two groups"));
        assert!(!is_count_ratio("10/80", "placebo, 2.5/40, and ", " mg groups"));
        assert!(is_count_ratio("10/80", "placebo (4/40) and ", " in the drug group"));
        assert!(!is_count_ratio("1/2", "Twenty lambs X ", " Texel (crossbred)"));
        assert!(is_count_ratio("1/2", "in arm X, ", " patients relapsed"));
    }

    #[test]
    fn lesions_a_design_s_device_and_a_baseline_further_on_have_reasons() {
        let a = audit(
            "RESULTS: The test missed 4 of 30 malignant lesions. Pain fell in one session using 1 of 4 tested probe configurations. \
             In all, 7 of 9 study participants reported insomnia at baseline; it persisted.",
        );
        let x = a.kind("x_of_n");
        let reasons = ["not_participants", "design", "baseline"].map(|r| x.by_reason.get(r).copied());
        assert_eq!((x.seen, reasons, x.unexplained), (3, [Some(1); 3], 0));
    }

    #[test]
    fn an_events_row_s_interval_after_multibyte_text_is_in_rows() {
        let a = audit(
            "RESULTS: Doses were 3–9 mg. Relapse occurred in 6.1% (12/197; 95% CI 3.2% to 10.4%) of the gel \
             group and in 9.8% (19/194; 95% CI 6.0% to 14.9%) of the placebo group.",
        );
        let ci = a.kind("ci");
        assert_eq!((ci.seen, ci.in_rows), (2, 2), "{:?}", ci.by_reason);
    }

    #[test]
    fn a_label_heading_values_that_are_rows_is_in_rows() {
        let a = audit(
            "RESULTS: Quit rates (95% CI) at 6 months were 41.2% (35.0% to 47.4%) for the app group and 30.5% \
             (24.9% to 36.1%) for the leaflet group.",
        );
        let ci = a.kind("ci");
        assert_eq!((ci.seen, ci.in_rows), (1, 1), "{:?}", ci.by_reason);
    }
}
