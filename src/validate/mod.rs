//! Consistency checks: codes on rows, never errors.
//!
//! Each check has a stable code, a meaning, a tolerance and a severity ([`CHECKS`]; the same
//! table is in `docs/checks.md`). A failed hard check (an impossible value) makes a row
//! `invalid`; a failed soft check (inconsistent beyond rounding, but possible) makes it
//! `warning`. The codes of failed checks go into `row.checks`, in the order they ran.
//!
//! Tolerances come from the digits as written: a number written with `d` decimals stands for
//! any value within `±0.5·10^−d` of it ([`Span`]), so `0.58` may be anything from 0.575 to
//! 0.585. A check fails only when no choice of values inside those spans passes it.

mod counts;
mod effect;
mod survival;

use crate::model::{Kind, Num, Row, Status};

/// How bad a failed check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// An impossible value: the row becomes `invalid`.
    Hard,
    /// Inconsistent beyond rounding but possible: the row becomes `warning`.
    Soft,
}

impl Severity {
    /// The status a row gets when a check of this severity fails.
    pub fn status(self) -> Status {
        match self {
            Severity::Hard => Status::Invalid,
            Severity::Soft => Status::Warning,
        }
    }

    /// `hard` or `soft`, as `docs/checks.md` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hard => "hard",
            Severity::Soft => "soft",
        }
    }
}

/// One consistency check: its code on rows, severity, meaning and tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    /// The stable code written into `checks`.
    pub code: &'static str,
    /// Whether failing makes the row `invalid` or `warning`.
    pub severity: Severity,
    /// What a failure means, in one line.
    pub meaning: &'static str,
    /// How far off a row may be before the check fails.
    pub tolerance: &'static str,
}

macro_rules! checks {
    ($($(#[$doc:meta])* $name:ident = $code:literal, $severity:ident, $meaning:literal, $tolerance:literal;)*) => {
        $($(#[$doc])* pub const $name: Check = Check {
            code: $code,
            severity: Severity::$severity,
            meaning: $meaning,
            tolerance: $tolerance,
        };)*
        /// Every check, in the order of `docs/checks.md`.
        pub const CHECKS: &[Check] = &[$($name),*];
    };
}

checks! {
    /// A CI whose lower bound is above its upper bound.
    CI_REVERSED = "ci.reversed", Hard,
        "the interval's lower bound is above its upper bound",
        "none: compared as written";
    /// A CI whose bounds are equal.
    CI_DEGENERATE = "ci.degenerate", Soft,
        "the interval's lower and upper bounds are equal (an interval of width zero)",
        "none: compared as written";
    /// A CI level outside 50–99.99.
    CI_LEVEL_OUT_OF_RANGE = "ci_level.out_of_range", Hard,
        "the interval's level is outside 50 to 99.99 percent",
        "none";
    /// A p-value outside 0–1.
    P_VALUE_OUT_OF_RANGE = "p_value.out_of_range", Hard,
        "the p-value is below 0 or above 1",
        "none";
    /// An effect estimate outside its own CI.
    EFFECT_CI_EXCLUDES_ESTIMATE = "effect.ci_excludes_estimate", Hard,
        "the estimate lies outside its confidence interval",
        "rounding of the estimate and of the bound (±0.5·10^−d each)";
    /// A ratio measure at or below zero.
    EFFECT_RATIO_NOT_POSITIVE = "effect.ratio_not_positive", Hard,
        "a ratio measure (HR, OR, RR, IRR) has an estimate at or below 0, or a bound below 0",
        "none";
    /// A ratio's CI bound written as zero.
    EFFECT_RATIO_BOUND_ZERO = "effect.ratio_bound_zero", Soft,
        "a ratio's CI bound is written as 0 (rounded down to zero): no log-scale check or SE from it",
        "none";
    /// An estimate far from the centre of its CI.
    EFFECT_ESTIMATE_OFF_CENTRE = "effect.estimate_off_centre", Soft,
        "the estimate is not at the centre of its CI: geometric (√(L·U)) for ratios, arithmetic for differences",
        "rounding of estimate and bounds, plus 10% of the CI's half-width on the analysis scale";
    /// A p-value that its estimate and CI do not give.
    EFFECT_P_INCONSISTENT = "effect.p_inconsistent", Soft,
        "the p-value recomputed from estimate and CI (z = yi/sei, two-sided normal) disagrees with the written p",
        "rounding of estimate, bounds and p; `<`, `>`, `<=`, `>=` taken as written bounds";
    /// A p-value whose significance at 0.05 its estimate and CI contradict.
    EFFECT_P_FLIPS_SIGNIFICANCE = "effect.p_flips_significance", Soft,
        "as effect.p_inconsistent, and the written and recomputed p fall on opposite sides of 0.05 (replaces it)",
        "as effect.p_inconsistent";
    /// More events than participants.
    EVENTS_EXCEED_N = "events.exceed_n", Hard,
        "more events than the denominator n",
        "none: counts are exact";
    /// A denominator of zero or less.
    EVENTS_N_NOT_POSITIVE = "events.n_not_positive", Hard,
        "the denominator n is 0 or negative",
        "none";
    /// A negative event count.
    EVENTS_NEGATIVE_COUNT = "events.negative_count", Hard,
        "the event count is negative",
        "none";
    /// A percentage outside 0–100.
    EVENTS_PERCENT_OUT_OF_RANGE = "events.percent_out_of_range", Hard,
        "the percentage is below 0 or above 100",
        "none";
    /// A percentage that is not events/n.
    EVENTS_PERCENT_MISMATCH = "events.percent_mismatch", Soft,
        "the percentage is not events/n·100",
        "rounding of the written percent (±0.5·10^−d) plus 0.1 percentage point (truncation)";
    /// An events row whose group the text did not let the extractor name.
    EVENTS_ARM_UNRESOLVED = "events.arm_unresolved", Soft,
        "the count is read but its group is not: the arm is empty, for the reviewer to fill in",
        "none";
    /// An events row whose group only the record's order of arms gives.
    EVENTS_ARM_BY_RECORD_ORDER = "events.arm_by_record_order", Soft,
        "the values' sentence names none of their groups: they take the record's arms in the order the record names them, for the reviewer to confirm",
        "none";
    /// An events denominator that is none of its arm's sizes.
    EVENTS_N_DIFFERS_FROM_ARM_SIZE = "events.n_differs_from_arm_size", Soft,
        "the denominator n differs from every arm_size row of the same arm label in the record",
        "none: counts are exact; only when the record has an arm_size row for that label";
    /// An arm size of zero or less.
    ARM_SIZE_NOT_POSITIVE = "arm_size.not_positive", Hard,
        "an arm size is 0 or negative",
        "none";
    /// An arm size whose group the text counts but does not name.
    ARM_SIZE_GROUP_UNNAMED = "arm_size.group_unnamed", Soft,
        "the text gives k groups of n but names none of them: the label `group i` is the group's place, not words of the abstract, for the reviewer to fill in",
        "none";
    /// Arm sizes that do not add up to any total.
    ARM_SIZE_SUM_DIFFERS_FROM_TOTAL = "arm_size.sum_differs_from_total", Soft,
        "the sizes of the record's arms (one per arm label, at least two labels) add up to none of its totals",
        "none: counts are exact; every choice of one size per arm is tried";
    /// One arm given different sizes.
    ARM_SIZE_SEVERAL_SIZES = "arm_size.several_sizes", Soft,
        "the record gives one arm label (not `total`) more than one size: expected when one is the randomized and one the analysed number, else one of them is misread or belongs to another group",
        "none: counts are exact";
    /// A survival percentage outside 0–100.
    SURVIVAL_OUT_OF_RANGE = "survival.out_of_range", Hard,
        "the rate or a bound of its CI is below 0 or above 100 percent",
        "none";
    /// A survival rate outside its own CI.
    SURVIVAL_CI_EXCLUDES_VALUE = "survival.ci_excludes_value", Hard,
        "the rate lies outside its confidence interval",
        "rounding of the rate and of the bound";
    /// A survival rate higher at a later time.
    SURVIVAL_RISES_WITH_TIME = "survival.rises_with_time", Soft,
        "within one arm and one survival-type endpoint, a later landmark has a higher rate",
        "rounding of both rates; incidence-type endpoints and rows without arm or endpoint are skipped";
    /// A landmark rate whose group the text did not let the extractor name.
    SURVIVAL_ARM_UNRESOLVED = "survival.arm_unresolved", Soft,
        "the rate is read but its group is not: the arm is empty, for the reviewer to fill in",
        "none";
    /// A median outside its own CI.
    MEDIAN_CI_EXCLUDES_VALUE = "median.ci_excludes_value", Hard,
        "the median lies outside its confidence interval",
        "rounding of the median and of the bound";
    /// A median duration of zero or less.
    MEDIAN_NOT_POSITIVE = "median.not_positive", Hard,
        "the median duration is 0 or negative",
        "none";
    /// A median whose group the text did not let the extractor name.
    MEDIAN_ARM_UNRESOLVED = "median.arm_unresolved", Soft,
        "the median is read but its group is not: the arm is empty, for the reviewer to fill in",
        "none";
    /// A follow-up duration of zero or less.
    FOLLOWUP_NOT_POSITIVE = "followup.not_positive", Hard,
        "the follow-up duration is 0 or negative",
        "none";
    /// A record that repeats an earlier one of the run (set by the pipeline, not here).
    RECORD_DUPLICATE = "record.duplicate", Soft,
        "the record repeats an earlier one (same PMID, DOI, or normalised title and year); the code is followed by `:` and the first copy's id",
        "none: titles compared in lowercase letters and digits";
}

/// Runs every check on the rows of one record and sets `checks` and `status`.
///
/// Codes already on a row stay (and are not repeated); the status only gets worse, so running
/// the checks twice changes nothing.
pub fn validate_record(rows: &mut [Row]) {
    for row in rows.iter_mut() {
        check_row(row);
    }
    counts::check_counts_across_rows(rows);
    survival::check_rates_over_time(rows);
}

/// The checks that look at one row alone.
fn check_row(row: &mut Row) {
    if let Some(level) = &row.ci_level {
        if !crate::derive::ci_level_is_plausible(level.value) {
            flag(row, CI_LEVEL_OUT_OF_RANGE);
        }
    }
    if let Some(p) = &row.p_value {
        if !(0.0..=1.0).contains(&p.value) {
            flag(row, P_VALUE_OUT_OF_RANGE);
        }
    }
    match row.kind {
        Kind::Effect => effect::check(row),
        Kind::Events => counts::check_events(row),
        Kind::ArmSize => counts::check_arm_size(row),
        Kind::Survival => survival::check_rate(row),
        Kind::Median => survival::check_median(row),
        Kind::Followup => {
            if row.value.as_ref().is_some_and(|value| value.value <= 0.0) {
                flag(row, FOLLOWUP_NOT_POSITIVE);
            }
        }
    }
}

/// Records a failed check on a row: its code (once) and the worse status. Finders call it for
/// what only they know (`events.arm_by_record_order`).
pub(crate) fn flag(row: &mut Row, check: Check) {
    if !row.checks.contains(&check.code) {
        row.checks.push(check.code);
    }
    row.status = row.status.max(check.severity.status());
}

/// Words left out when arm labels are compared, as the evaluation does when it scores labels
/// (`eval::same_arm` reads this list): "chemotherapy alone group" and "the chemotherapy alone
/// arm" name one arm. Unlike the evaluation, "a" and "an" stay: they are the letters of
/// "group A".
pub(crate) const ARM_FILLER_WORDS: [&str; 10] =
    ["and", "the", "in", "of", "with", "arm", "group", "patients", "receiving", "treated"];

/// An arm label as compared across rows: lower case, words split on spaces and punctuation,
/// filler words ([`ARM_FILLER_WORDS`]) left out unless nothing else is left.
///
/// Validation and the escalc writer pair rows by this key, not by the finders'
/// `find::arm_label::group_key`: that one keeps `and`, `with`, `of`, `receiving` and `treated`
/// (`docetaxel with cisplatin` and `docetaxel cisplatin` are two groups to a finder, one arm
/// here) and keeps `+` inside a word, while this key drops the words the evaluation ignores,
/// so that checks across rows compare the rows a reviewer would read as one arm. Making the two
/// one key would change which rows are flagged or paired.
pub(crate) fn arm_key(arm: &str) -> String {
    let words = || arm.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty());
    let is_filler = |word: &str| ARM_FILLER_WORDS.iter().any(|filler| filler.eq_ignore_ascii_case(word));
    let all_filler = words().all(is_filler);
    crate::find::lowercase_words(words().filter(|word| all_filler || !is_filler(word)))
}

/// The range a written number stands for: `value ± 0.5·10^−decimals`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// The smallest value that rounds to the written digits.
    pub low: f64,
    /// The largest value that rounds to the written digits.
    pub high: f64,
}

impl Span {
    /// The span of a written number.
    pub fn of(num: &Num) -> Span {
        let half = rounding_half_unit(num);
        Span { low: num.value - half, high: num.value + half }
    }
}

/// Half a unit of the last written digit: `0.5·10^−d`.
pub fn rounding_half_unit(num: &Num) -> f64 {
    let decimals = i32::try_from(num.decimals()).unwrap_or(i32::MAX);
    0.5 * 10f64.powi(-decimals)
}

/// Room for floating-point error when comparing values derived from written digits.
fn epsilon(a: f64, b: f64) -> f64 {
    1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether `a < b` by more than floating-point error.
fn clearly_less(a: f64, b: f64) -> bool {
    a < b - epsilon(a, b)
}

/// The generic interval checks (reversed, degenerate) and containment of the value.
///
/// Returns whether the interval is usable (both bounds present, lower below upper).
fn check_interval(row: &mut Row, excludes: Check) -> bool {
    let (lower, upper) = (row.lower.clone(), row.upper.clone());
    if let (Some(lower), Some(upper)) = (&lower, &upper) {
        if lower.value > upper.value {
            flag(row, CI_REVERSED);
            return false;
        }
        if lower.value == upper.value {
            flag(row, CI_DEGENERATE);
        }
    }
    if let Some(value) = row.value.clone() {
        let value = Span::of(&value);
        let below = lower.as_ref().is_some_and(|lower| clearly_less(value.high, Span::of(lower).low));
        let above = upper.as_ref().is_some_and(|upper| clearly_less(Span::of(upper).high, value.low));
        if below || above {
            flag(row, excludes);
        }
    }
    matches!((&lower, &upper), (Some(l), Some(u)) if l.value < u.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_namespaced() {
        let mut codes: Vec<&str> = CHECKS.iter().map(|check| check.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CHECKS.len());
        for code in codes {
            assert!(code.split_once('.').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()), "{code}");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.'), "{code}");
        }
    }

    #[test]
    fn docs_table_lists_every_check_with_its_severity() {
        let docs = include_str!("../../docs/checks.md");
        for check in CHECKS {
            let line = docs
                .lines()
                .find(|line| line.starts_with(&format!("| `{}` |", check.code)))
                .unwrap_or_else(|| panic!("{} missing from docs/checks.md", check.code));
            assert!(line.contains(&format!("| {} |", check.severity.name())), "{line}");
        }
        let documented = docs.lines().filter(|line| line.starts_with("| `")).count();
        assert_eq!(documented, CHECKS.len(), "docs/checks.md lists codes the code does not have");
    }

    #[test]
    fn arm_labels_compare_loosely() {
        assert_eq!(arm_key("  Combined   Modality arm "), "combined modality");
        assert_eq!(arm_key("chemotherapy alone group"), arm_key("Chemotherapy alone"));
        assert_eq!(arm_key("Total"), "total");
        assert_eq!(arm_key("group A"), arm_key("A"));
        assert_ne!(arm_key("group A"), arm_key("group B"));
        assert_eq!(arm_key("the group"), "the group");
        assert_eq!(arm_key("5-FU/LV"), "5 fu lv");
    }

    #[test]
    fn span_follows_written_digits() {
        let span = Span::of(&Num::parse("0.58").unwrap());
        assert!((span.low - 0.575).abs() < 1e-12 && (span.high - 0.585).abs() < 1e-12);
        let span = Span::of(&Num::parse("65.0").unwrap());
        assert!((span.low - 64.95).abs() < 1e-12);
        let span = Span::of(&Num::parse("119").unwrap());
        assert_eq!((span.low, span.high), (118.5, 119.5));
    }

    #[test]
    fn flag_keeps_the_worst_status_and_no_duplicates() {
        let mut row = Row::new("r", Kind::Effect);
        flag(&mut row, EFFECT_RATIO_NOT_POSITIVE);
        flag(&mut row, EFFECT_P_INCONSISTENT);
        flag(&mut row, EFFECT_RATIO_NOT_POSITIVE);
        assert_eq!(row.status, Status::Invalid);
        assert_eq!(row.checks, vec!["effect.ratio_not_positive", "effect.p_inconsistent"]);
    }
}
