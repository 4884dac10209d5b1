//! Checks on counts: events against their denominator and percentage, arm sizes against the
//! trial's total, and events denominators against their arm's size.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    arm_key, flag, rounding_half_unit, ARM_SIZE_NOT_POSITIVE, ARM_SIZE_SEVERAL_SIZES, ARM_SIZE_SUM_DIFFERS_FROM_TOTAL,
    EVENTS_ARM_UNRESOLVED, EVENTS_EXCEED_N, EVENTS_NEGATIVE_COUNT, EVENTS_N_DIFFERS_FROM_ARM_SIZE,
    EVENTS_N_NOT_POSITIVE, EVENTS_PERCENT_MISMATCH, EVENTS_PERCENT_OUT_OF_RANGE,
};
use crate::model::{Kind, Row};

/// Percentage points allowed beyond the rounding of a written percent: authors who truncate
/// (77.39 → 77.3) are off by up to one unit of the last digit rather than half of it.
pub const PERCENT_SLACK: f64 = 0.1;

/// The most combinations of one size per arm that [`check_arm_sums`] tries before giving up.
const MAX_ARM_COMBINATIONS: usize = 4096;

/// Runs the single-row checks of an events row.
pub(super) fn check_events(row: &mut Row) {
    let events = row.events.as_ref().map(|events| events.value);
    let n = row.n.as_ref().map(|n| n.value);
    if events.is_some_and(|events| events < 0.0) {
        flag(row, EVENTS_NEGATIVE_COUNT);
    }
    if n.is_some_and(|n| n <= 0.0) {
        flag(row, EVENTS_N_NOT_POSITIVE);
    }
    if let (Some(events), Some(n)) = (events, n) {
        if events > n {
            flag(row, EVENTS_EXCEED_N);
        }
    }
    if row.arm.is_none() {
        flag(row, EVENTS_ARM_UNRESOLVED);
    }
    let Some(percent) = row.percent.clone() else { return };
    if !(0.0..=100.0).contains(&percent.value) {
        flag(row, EVENTS_PERCENT_OUT_OF_RANGE);
        return;
    }
    if let (Some(events), Some(n)) = (events, n) {
        if n > 0.0 && (0.0..=n).contains(&events) {
            let exact = events / n * 100.0;
            let allowed = rounding_half_unit(&percent) + PERCENT_SLACK;
            if (exact - percent.value).abs() > allowed + 1e-9 {
                flag(row, EVENTS_PERCENT_MISMATCH);
            }
        }
    }
}

/// Runs the single-row checks of an arm_size row.
pub(super) fn check_arm_size(row: &mut Row) {
    if row.n.as_ref().is_some_and(|n| n.value <= 0.0) {
        flag(row, ARM_SIZE_NOT_POSITIVE);
    }
}

/// The arm label of a count for the whole trial.
const TOTAL: &str = "total";

/// A count written as a whole number, as an integer; `None` for fractions and non-positives.
fn whole_count(value: f64) -> Option<u64> {
    (value > 0.0 && value.fract() == 0.0 && value < 1e15).then_some(value as u64)
}

/// The sizes given for each arm label (totals under `total`), with the rows giving them.
type ArmSizes = BTreeMap<String, (BTreeSet<u64>, Vec<usize>)>;

/// The record's arm sizes by arm label (totals under `total`), with the rows they come from.
fn arm_sizes(rows: &[Row]) -> ArmSizes {
    let mut sizes = ArmSizes::new();
    for (index, row) in rows.iter().enumerate() {
        if row.kind != Kind::ArmSize {
            continue;
        }
        let (Some(arm), Some(n)) = (&row.arm, row.n.as_ref().and_then(|n| whole_count(n.value))) else { continue };
        let key = arm_key(arm);
        if key.is_empty() {
            continue;
        }
        let entry = sizes.entry(key).or_default();
        entry.0.insert(n);
        entry.1.push(index);
    }
    sizes
}

/// The checks across a record's counts, over its arm sizes read once: arms against totals,
/// several sizes for one arm, events denominators against their arm's sizes. Flagging leaves
/// every arm and count as it was, so the sizes stay right for each check.
pub(super) fn check_counts_across_rows(rows: &mut [Row]) {
    let sizes = arm_sizes(rows);
    check_arm_sums(rows, &sizes);
    check_sizes_per_arm(rows, &sizes);
    check_events_denominators(rows, &sizes);
}

/// Flags arm sizes that add up to none of the record's totals.
///
/// Runs only when the record has at least two arm labels other than `total` and at least one
/// `total`. A record may give several sizes for one arm (randomized, then analysed) and several
/// totals; the check passes when any choice of one size per arm sums to any total, so
/// "randomized" arms against an "analysed" total of the same trial do not flag, but arms that fit
/// no total do. Every arm_size row of the record with an arm label gets the code.
fn check_arm_sums(rows: &mut [Row], sizes: &ArmSizes) {
    let Some((totals, total_rows)) = sizes.get(TOTAL) else { return };
    let arms = || sizes.iter().filter(|(arm, _)| arm.as_str() != TOTAL).map(|(_, size)| size);
    if arms().count() < 2 {
        return;
    }
    let combinations = arms().try_fold(1usize, |acc, (options, _)| acc.checked_mul(options.len()));
    if combinations.is_none_or(|count| count > MAX_ARM_COMBINATIONS) {
        return;
    }
    let mut sums = BTreeSet::from([0u64]);
    for (options, _) in arms() {
        sums = sums.iter().flat_map(|sum| options.iter().map(move |n| sum.saturating_add(*n))).collect();
    }
    if sums.iter().any(|sum| totals.contains(sum)) {
        return;
    }
    let flagged = arms().flat_map(|(_, indexes)| indexes.iter()).chain(total_rows.iter());
    for &index in flagged.collect::<Vec<_>>() {
        flag(&mut rows[index], ARM_SIZE_SUM_DIFFERS_FROM_TOTAL);
    }
}

/// Flags the arm_size rows of an arm label (other than `total`) that the record gives more than
/// one size: a reader must tell the randomized number from the analysed one, or find the misread.
fn check_sizes_per_arm(rows: &mut [Row], sizes: &ArmSizes) {
    let several = sizes.iter().filter(|(arm, (options, _))| arm.as_str() != TOTAL && options.len() > 1);
    for &index in several.flat_map(|(_, (_, indexes))| indexes).collect::<Vec<_>>() {
        flag(&mut rows[index], ARM_SIZE_SEVERAL_SIZES);
    }
}

/// Flags events rows whose denominator is none of the arm_size counts given for the same arm
/// label (`total` included). Rows whose arm has no arm_size row are not checked.
fn check_events_denominators(rows: &mut [Row], sizes: &ArmSizes) {
    for row in rows.iter_mut() {
        if row.kind != Kind::Events {
            continue;
        }
        let (Some(arm), Some(n)) = (&row.arm, &row.n) else { continue };
        let Some((known, _)) = sizes.get(&arm_key(arm)) else { continue };
        let matches = whole_count(n.value).is_some_and(|n| known.contains(&n));
        if !matches {
            flag(row, EVENTS_N_DIFFERS_FROM_ARM_SIZE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_counts_only() {
        assert_eq!(whole_count(60.0), Some(60));
        assert_eq!(whole_count(60.5), None);
        assert_eq!(whole_count(0.0), None);
        assert_eq!(whole_count(-3.0), None);
    }
}
