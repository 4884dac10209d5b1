//! Checks on time-to-event rows: landmark rates (range, interval, fall over time) and medians.

use std::collections::BTreeMap;

use super::{
    arm_key, check_interval, clearly_less, flag, Span, MEDIAN_ARM_UNRESOLVED, MEDIAN_CI_EXCLUDES_VALUE,
    MEDIAN_NOT_POSITIVE, SURVIVAL_ARM_UNRESOLVED, SURVIVAL_CI_EXCLUDES_VALUE, SURVIVAL_OUT_OF_RANGE,
    SURVIVAL_RISES_WITH_TIME,
};
use crate::model::{Kind, Row};

/// Runs the single-row checks of a survival (landmark rate) row.
pub(super) fn check_rate(row: &mut Row) {
    if row.arm.is_none() {
        flag(row, SURVIVAL_ARM_UNRESOLVED);
    }
    let out_of_range = [&row.value, &row.lower, &row.upper]
        .iter()
        .any(|num| num.as_ref().is_some_and(|num| !(0.0..=100.0).contains(&num.value)));
    if out_of_range {
        flag(row, SURVIVAL_OUT_OF_RANGE);
    }
    check_interval(row, SURVIVAL_CI_EXCLUDES_VALUE);
}

/// Runs the single-row checks of a median row.
pub(super) fn check_median(row: &mut Row) {
    if row.value.as_ref().is_some_and(|value| value.value <= 0.0) {
        flag(row, MEDIAN_NOT_POSITIVE);
    }
    check_interval(row, MEDIAN_CI_EXCLUDES_VALUE);
    if row.arm.is_none() {
        flag(row, MEDIAN_ARM_UNRESOLVED);
    }
}

/// A landmark time such as `3 years`, `30 months`, `12 weeks` or `90 days`, in days.
///
/// Years are 365.25 days and months 30.4375 (a twelfth of a year), so `36 months` and
/// `3 years` are the same landmark. `None` when the text is not `<number> <unit>`.
pub fn landmark_days(time: &str) -> Option<f64> {
    let time = time.trim();
    let split = time.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = time.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim_start_matches([' ', '-']).trim_end_matches('.').to_ascii_lowercase();
    let days_per_unit = match unit.as_str() {
        "year" | "years" | "yr" | "yrs" | "y" => 365.25,
        "month" | "months" | "mo" | "mos" => 365.25 / 12.0,
        "week" | "weeks" | "wk" | "wks" => 7.0,
        "day" | "days" | "d" => 1.0,
        "hour" | "hours" | "hr" | "hrs" | "h" => 1.0 / 24.0,
        "minute" | "minutes" | "min" | "mins" => 1.0 / 1440.0,
        _ => return None,
    };
    let days = number * days_per_unit;
    (days.is_finite() && days > 0.0).then_some(days)
}

/// Abbreviations of endpoints whose landmark rate is a share still free of the event.
const SURVIVAL_ABBREVIATIONS: [&str; 21] = [
    "os", "pfs", "dfs", "efs", "rfs", "mfs", "dmfs", "lrfs", "ffs", "ffp", "ffr", "bcss", "css", "dss", "lfs", "ddfs",
    "idfs", "tfs", "fftf", "bfs", "bpfs",
];

/// Whether an endpoint reads as a survival-type rate, which can only fall with time.
///
/// Survival-type: it names survival, freedom from something ("relapse-free", "free of"),
/// being alive, or is a known abbreviation (OS, PFS, DFS…). Rates of incidence, recurrence,
/// relapse, mortality, death or events rise with time, so they are not survival-type unless
/// they also say "free" or "survival" ("relapse-free survival"); "cumulative incidence" never is.
pub fn is_survival_endpoint(endpoint: &str) -> bool {
    let text = endpoint.to_ascii_lowercase();
    if text.contains("incidence") {
        return false;
    }
    if text.contains("surviv") || text.contains("alive") {
        return true;
    }
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|word| *word == "free" || *word == "freedom" || SURVIVAL_ABBREVIATIONS.contains(word))
}

/// One landmark rate of a group: its time in days, its value's span, and its row's index.
type Landmark = (f64, Span, usize);

/// Flags survival-type landmark rates that rise with time within one arm and endpoint.
///
/// Rows are grouped by arm label (as `arm_key` compares it) and endpoint (case and
/// spacing ignored); rows without either,
/// with a time that does not parse, or with an incidence-type endpoint are skipped. A rate at a
/// later time that exceeds an earlier one beyond the rounding of both flags both rows.
pub(super) fn check_rates_over_time(rows: &mut [Row]) {
    let key = |text: &str| text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    let mut groups: BTreeMap<(String, String), Vec<Landmark>> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        if row.kind != Kind::Survival {
            continue;
        }
        let (Some(arm), Some(endpoint), Some(time), Some(value)) = (&row.arm, &row.endpoint, &row.time, &row.value)
        else {
            continue;
        };
        if !is_survival_endpoint(endpoint) {
            continue;
        }
        let Some(days) = landmark_days(time) else { continue };
        groups.entry((arm_key(arm), key(endpoint))).or_default().push((days, Span::of(value), index));
    }
    let mut flagged = Vec::new();
    for landmarks in groups.values() {
        for (earlier_time, earlier, earlier_index) in landmarks {
            for (later_time, later, later_index) in landmarks {
                // Same landmark within a day (36 months vs 3 years) is not a later one.
                if later_time - earlier_time > 1.0 && clearly_less(earlier.high, later.low) {
                    flagged.extend([*earlier_index, *later_index]);
                }
            }
        }
    }
    for index in flagged {
        flag(&mut rows[index], SURVIVAL_RISES_WITH_TIME);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landmark_times_share_one_unit() {
        assert_eq!(landmark_days("3 years"), Some(3.0 * 365.25));
        assert_eq!(landmark_days("36 months"), landmark_days("3 years"));
        assert_eq!(landmark_days("12 weeks"), Some(84.0));
        assert_eq!(landmark_days("90 days"), Some(90.0));
        assert_eq!(landmark_days("1 year"), Some(365.25));
        assert_eq!(landmark_days("2.5 years"), Some(2.5 * 365.25));
        assert_eq!(landmark_days("5-year"), Some(5.0 * 365.25));
        assert_eq!(landmark_days("years"), None);
        assert_eq!(landmark_days("3 decades"), None);
        assert_eq!(landmark_days("0 days"), None);
        assert_eq!(landmark_days(""), None);
    }

    #[test]
    fn survival_endpoints_are_told_from_incidence() {
        for endpoint in ["overall survival", "OS", "PFS", "relapse-free survival", "event-free survival", "alive"] {
            assert!(is_survival_endpoint(endpoint), "{endpoint}");
        }
        for endpoint in [
            "cumulative incidence of relapse",
            "recurrence",
            "relapse",
            "mortality",
            "death",
            "events",
            "local failure",
        ] {
            assert!(!is_survival_endpoint(endpoint), "{endpoint}");
        }
        assert!(!is_survival_endpoint("cumulative incidence of death-free survival"));
    }
}
