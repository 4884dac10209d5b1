//! Validation checks and yi/sei derivation on rows built by hand.

use trialrex::derive::derive_row;
use trialrex::model::{Kind, Num, Row, Status};
use trialrex::validate::{validate_record, CHECKS};

fn num(text: &str) -> Option<Num> {
    Some(Num::parse(text).unwrap_or_else(|| panic!("not a number: {text}")))
}

fn effect(measure: &'static str, value: &str, lower: &str, upper: &str) -> Row {
    let mut row = Row::new("seed", Kind::Effect);
    row.measure = Some(measure);
    row.value = num(value);
    row.lower = num(lower);
    row.upper = num(upper);
    row.ci_level = num("95");
    row
}

fn with_p(mut row: Row, op: &'static str, p: &str) -> Row {
    row.p_op = Some(op);
    row.p_value = num(p);
    row
}

fn events(arm: &str, events: Option<&str>, n: Option<&str>, percent: Option<&str>) -> Row {
    let mut row = Row::new("seed", Kind::Events);
    row.arm = Some(arm.to_string());
    row.endpoint = Some("died".to_string());
    row.events = events.and_then(num);
    row.n = n.and_then(num);
    row.percent = percent.and_then(num);
    row
}

fn arm_size(arm: &str, n: &str) -> Row {
    let mut row = Row::new("seed", Kind::ArmSize);
    row.arm = Some(arm.to_string());
    row.n = num(n);
    row
}

fn survival(arm: &str, endpoint: &str, time: &str, value: &str, ci: Option<(&str, &str)>) -> Row {
    let mut row = Row::new("seed", Kind::Survival);
    row.arm = Some(arm.to_string());
    row.endpoint = Some(endpoint.to_string());
    row.time = Some(time.to_string());
    row.value = num(value);
    if let Some((lower, upper)) = ci {
        row.lower = num(lower);
        row.upper = num(upper);
        row.ci_level = num("95");
    }
    row
}

fn median(value: &str, lower: Option<&str>, upper: Option<&str>) -> Row {
    let mut row = Row::new("seed", Kind::Median);
    row.arm = Some("combined modality arm".to_string());
    row.endpoint = Some("OS".to_string());
    row.value = num(value);
    row.lower = lower.and_then(num);
    row.upper = upper.and_then(num);
    row.unit = Some("months");
    row
}

/// The rows of the seed abstract (a two-arm trial, 119 patients).
fn seed_rows() -> Vec<Row> {
    let arm = "combined modality arm";
    vec![
        with_p(effect("HR", "0.58", "0.38", "0.88"), "=", "0.01"),
        arm_size("total", "119"),
        arm_size(arm, "60"),
        arm_size("radiotherapy arm", "59"),
        events("total", Some("92"), Some("119"), Some("77.3")),
        events(arm, Some("39"), Some("60"), Some("65.0")),
        events("radiotherapy arm", Some("53"), Some("59"), Some("89.8")),
        survival(arm, "OS", "3 years", "56.9", Some(("43.3", "68.5"))),
        survival(arm, "OS", "5 years", "43.1", Some(("30.3", "55.3"))),
        survival(arm, "OS", "8 years", "35.9", Some(("23.8", "48.2"))),
        median("45.6", Some("30.3"), Some("67.8")),
    ]
}

/// Derives and validates one record's rows, as the extractor does.
fn run(mut rows: Vec<Row>) -> Vec<Row> {
    for row in &mut rows {
        derive_row(row);
    }
    validate_record(&mut rows);
    rows
}

/// Derives and validates a single row as its own record.
fn run_one(row: Row) -> Row {
    run(vec![row]).remove(0)
}

fn assert_flagged(row: &Row, code: &str, status: Status) {
    assert!(row.checks.contains(&code), "expected {code} on {row:?}");
    assert_eq!(row.status, status, "status of {:?}", row.checks);
    let known = CHECKS.iter().find(|check| check.code == code).expect("code is in CHECKS");
    assert!(row.status >= known.severity.status());
}

#[test]
fn seed_rows_pass_every_check() {
    for row in run(seed_rows()) {
        assert!(row.checks.is_empty(), "{:?} flagged {:?}", row.kind, row.checks);
        assert_eq!(row.status, Status::Valid);
    }
}

#[test]
fn seed_hazard_ratio_derives_yi_and_sei() {
    let row = run(seed_rows()).remove(0);
    assert_eq!(format!("{:.4}", row.yi.unwrap()), "-0.5447");
    assert_eq!(format!("{:.4}", row.sei.unwrap()), "0.2142");
    assert_eq!(row.sei_source, Some("ci"));
}

#[test]
fn ci_that_excludes_its_estimate_is_invalid() {
    let row = run_one(effect("HR", "0.95", "0.38", "0.88"));
    assert_flagged(&row, "effect.ci_excludes_estimate", Status::Invalid);
}

#[test]
fn estimate_on_a_bound_within_rounding_passes_containment() {
    let row = run_one(effect("MD", "1.0", "1.04", "3.0"));
    assert!(!row.checks.contains(&"effect.ci_excludes_estimate"), "{:?}", row.checks);
}

#[test]
fn reversed_and_degenerate_intervals() {
    let row = run_one(effect("HR", "0.58", "0.88", "0.38"));
    assert_flagged(&row, "ci.reversed", Status::Invalid);
    assert!(!row.checks.contains(&"effect.ci_excludes_estimate"));
    let row = run_one(effect("MD", "2.0", "2.0", "2.0"));
    assert_flagged(&row, "ci.degenerate", Status::Warning);
}

#[test]
fn ratio_at_or_below_zero_is_invalid_and_underivable() {
    let row = run_one(effect("OR", "0", "0.1", "2.0"));
    assert_flagged(&row, "effect.ratio_not_positive", Status::Invalid);
    assert_eq!((row.yi, row.sei), (None, None));
    let row = run_one(effect("RR", "0.8", "-0.2", "1.5"));
    assert_flagged(&row, "effect.ratio_not_positive", Status::Invalid);
    // A difference may be negative.
    let row = run_one(effect("MD", "-2.3", "-4.1", "-0.5"));
    assert!(row.checks.is_empty(), "{:?}", row.checks);
}

#[test]
fn ratio_bound_rounded_to_zero_is_a_warning() {
    let row = run_one(effect("OR", "0.05", "0.00", "0.40"));
    assert_flagged(&row, "effect.ratio_bound_zero", Status::Warning);
    assert_eq!(row.sei, None);
}

#[test]
fn level_of_120_is_invalid() {
    let mut row = effect("HR", "0.58", "0.38", "0.88");
    row.ci_level = num("120");
    let row = run_one(row);
    assert_flagged(&row, "ci_level.out_of_range", Status::Invalid);
    assert_eq!(row.sei, None);
}

#[test]
fn estimate_far_from_the_geometric_centre_is_a_warning() {
    // Geometric centre of 0.49–0.95 is 0.68.
    let row = run_one(effect("HR", "0.61", "0.49", "0.95"));
    assert_flagged(&row, "effect.estimate_off_centre", Status::Warning);
    // Ordinary rounding asymmetry passes: √(1.0·4.31) = 2.076 against 2.06.
    let row = run_one(with_p(effect("OR", "2.06", "1.0", "4.31"), "=", "0.05"));
    assert!(row.checks.is_empty(), "{:?}", row.checks);
    // Differences use the arithmetic centre.
    let row = run_one(effect("MD", "3.0", "1.0", "8.0"));
    assert_flagged(&row, "effect.estimate_off_centre", Status::Warning);
}

#[test]
fn p_that_contradicts_its_interval_is_a_warning() {
    // Recomputed p for 0.58 (0.38–0.88) lies between 0.008 and 0.015.
    let row = run_one(with_p(effect("HR", "0.58", "0.38", "0.88"), "=", "0.03"));
    assert_flagged(&row, "effect.p_inconsistent", Status::Warning);
    assert!(!row.checks.contains(&"effect.p_flips_significance"));
    let row = run_one(with_p(effect("HR", "0.58", "0.38", "0.88"), "<", "0.001"));
    assert_flagged(&row, "effect.p_inconsistent", Status::Warning);
}

#[test]
fn p_that_flips_significance_gets_its_own_code() {
    let row = run_one(with_p(effect("HR", "0.58", "0.38", "0.88"), "=", "0.20"));
    assert_flagged(&row, "effect.p_flips_significance", Status::Warning);
    assert!(!row.checks.contains(&"effect.p_inconsistent"));
    // A non-significant interval with a significant p.
    let row = run_one(with_p(effect("HR", "0.94", "0.81", "1.10"), "<", "0.05"));
    assert_flagged(&row, "effect.p_flips_significance", Status::Warning);
    let row = run_one(with_p(effect("HR", "0.58", "0.38", "0.88"), ">", "0.05"));
    assert_flagged(&row, "effect.p_flips_significance", Status::Warning);
}

#[test]
fn p_thresholds_and_rounding_pass_when_possible() {
    let cases = [
        (effect("HR", "0.278", "0.188", "0.409"), "<", "0.0001"),
        (effect("OR", "5.31", "2.47", "11.4"), "<", "0.001"),
        (effect("HR", "3.07", "1.62", "5.83"), "=", "0.001"),
        (effect("HR", "0.94", "0.81", "1.10"), ">", "0.05"),
        (effect("HR", "0.94", "0.81", "1.10"), "=", "0.46"),
        (effect("RD", "4.9", "1.3", "8.5"), "=", "0.009"),
        (effect("HR", "1.00", "0.80", "1.25"), "=", "1.00"),
    ];
    for (row, op, p) in cases {
        let row = run_one(with_p(row, op, p));
        assert!(row.checks.is_empty(), "p {op} {p}: {:?} on {:?}", row.checks, row.value);
    }
}

#[test]
fn p_out_of_range_is_invalid() {
    let row = run_one(with_p(effect("HR", "0.58", "0.38", "0.88"), "=", "1.5"));
    assert_flagged(&row, "p_value.out_of_range", Status::Invalid);
}

#[test]
fn p_check_uses_the_written_level() {
    // At 95% this interval gives p ≈ 0.011; read as a 90% interval (a larger SE) p ≈ 0.033.
    let mut row = with_p(effect("HR", "0.58", "0.38", "0.88"), "=", "0.01");
    row.ci_level = num("90");
    let row = run_one(row);
    assert_flagged(&row, "effect.p_inconsistent", Status::Warning);
}

#[test]
fn percent_that_is_not_events_over_n_is_a_warning() {
    let row = run_one(events("placebo", Some("39"), Some("60"), Some("70.0")));
    assert_flagged(&row, "events.percent_mismatch", Status::Warning);
    // Rounded and truncated percentages pass.
    for percent in ["65", "65.0", "65.00", "64.9"] {
        let row = run_one(events("placebo", Some("39"), Some("60"), Some(percent)));
        assert!(row.checks.is_empty(), "{percent}: {:?}", row.checks);
    }
    let row = run_one(events("placebo", Some("39"), Some("60"), Some("66")));
    assert_flagged(&row, "events.percent_mismatch", Status::Warning);
}

#[test]
fn impossible_counts_are_invalid() {
    let row = run_one(events("placebo", Some("61"), Some("60"), None));
    assert_flagged(&row, "events.exceed_n", Status::Invalid);
    let row = run_one(events("placebo", Some("3"), Some("0"), None));
    assert_flagged(&row, "events.n_not_positive", Status::Invalid);
    let row = run_one(events("placebo", None, None, Some("120")));
    assert_flagged(&row, "events.percent_out_of_range", Status::Invalid);
    let row = run_one(events("placebo", Some("-3"), Some("60"), None));
    assert_flagged(&row, "events.negative_count", Status::Invalid);
    let row = run_one(arm_size("placebo", "0"));
    assert_flagged(&row, "arm_size.not_positive", Status::Invalid);
}

#[test]
fn arms_that_do_not_sum_to_the_total_are_warnings() {
    let rows = run(vec![arm_size("total", "120"), arm_size("A", "60"), arm_size("B", "59")]);
    for row in &rows {
        assert_flagged(row, "arm_size.sum_differs_from_total", Status::Warning);
    }
}

#[test]
fn arms_may_match_any_of_several_totals_and_sizes() {
    // Randomized 119 (60 + 59), analysed 115; the analysed arm sizes are also given.
    let rows = run(vec![
        arm_size("total", "119"),
        arm_size("total", "115"),
        arm_size("A", "60"),
        arm_size("B", "59"),
        arm_size("A", "57"),
        arm_size("b", "58"),
    ]);
    assert!(rows.iter().all(|row| !row.checks.contains(&"arm_size.sum_differs_from_total")));
    // Two sizes for one arm still ask a reader which is which; two totals do not.
    for row in &rows[2..] {
        assert_eq!(row.checks, ["arm_size.several_sizes"], "{:?}", row.arm);
    }
    assert!(rows[..2].iter().all(|row| row.checks.is_empty()));
}

#[test]
fn two_sizes_for_one_arm_are_warnings() {
    let rows = run(vec![arm_size("placebo group", "1150"), arm_size("Placebo", "414"), arm_size("drug", "637")]);
    assert_flagged(&rows[0], "arm_size.several_sizes", Status::Warning);
    assert_flagged(&rows[1], "arm_size.several_sizes", Status::Warning);
    assert!(rows[2].checks.is_empty());
    // The same size written twice is one size.
    let rows = run(vec![arm_size("placebo", "60"), arm_size("placebo arm", "60")]);
    assert!(rows.iter().all(|row| row.checks.is_empty()));
}

#[test]
fn arm_sum_needs_two_arms_and_a_total() {
    let rows = run(vec![arm_size("total", "119"), arm_size("A", "60")]);
    assert!(rows.iter().all(|row| row.checks.is_empty()));
    let rows = run(vec![arm_size("A", "826"), arm_size("B", "389")]);
    assert!(rows.iter().all(|row| row.checks.is_empty()));
}

#[test]
fn events_denominator_other_than_the_arm_size_is_a_warning() {
    let rows = run(vec![arm_size("placebo", "60"), events("Placebo", Some("39"), Some("58"), None)]);
    assert!(rows[0].checks.is_empty());
    assert_flagged(&rows[1], "events.n_differs_from_arm_size", Status::Warning);
    // No arm_size row for the arm: nothing to compare with.
    let rows = run(vec![arm_size("placebo", "60"), events("drug", Some("39"), Some("58"), None)]);
    assert!(rows[1].checks.is_empty());
}

#[test]
fn survival_rising_over_time_is_a_warning() {
    let rows = run(vec![
        survival("A", "overall survival", "3 years", "43.1", None),
        survival("A", "overall survival", "60 months", "56.9", None),
    ]);
    for row in &rows {
        assert_flagged(row, "survival.rises_with_time", Status::Warning);
    }
}

#[test]
fn rising_incidence_and_other_arms_are_not_flagged() {
    let rows = run(vec![
        survival("A", "cumulative incidence of relapse", "1 year", "12", None),
        survival("A", "cumulative incidence of relapse", "3 years", "25", None),
        survival("A", "recurrence", "1 year", "12", None),
        survival("A", "recurrence", "5 years", "30", None),
        survival("A", "OS", "3 years", "40", None),
        survival("B", "OS", "5 years", "50", None),
        // Equal within rounding.
        survival("C", "DFS", "2 years", "43", None),
        survival("C", "DFS", "4 years", "43.4", None),
    ]);
    assert!(rows.iter().all(|row| row.checks.is_empty()), "{:?}", rows.iter().map(|r| &r.checks).collect::<Vec<_>>());
}

#[test]
fn survival_out_of_range_or_outside_its_interval_is_invalid() {
    let row = run_one(survival("A", "OS", "3 years", "105", None));
    assert_flagged(&row, "survival.out_of_range", Status::Invalid);
    let row = run_one(survival("A", "OS", "3 years", "56.9", Some(("60.1", "68.5"))));
    assert_flagged(&row, "survival.ci_excludes_value", Status::Invalid);
    let row = run_one(survival("A", "OS", "3 years", "56.9", Some(("57", "68.5"))));
    assert!(row.checks.is_empty(), "rounding of 57 reaches 56.5: {:?}", row.checks);
}

#[test]
fn median_checks() {
    let row = run_one(median("25.6", Some("30.3"), Some("67.8")));
    assert_flagged(&row, "median.ci_excludes_value", Status::Invalid);
    let row = run_one(median("0", None, None));
    assert_flagged(&row, "median.not_positive", Status::Invalid);
    let row = run_one(median("45.6", Some("67.8"), Some("30.3")));
    assert_flagged(&row, "ci.reversed", Status::Invalid);
    // Upper limit not reached: the lower bound alone is checked.
    let row = run_one(median("45.6", Some("30.3"), None));
    assert!(row.checks.is_empty());
    let row = run_one(median("25.6", Some("30.3"), None));
    assert_flagged(&row, "median.ci_excludes_value", Status::Invalid);
}

#[test]
fn hard_failure_outranks_soft() {
    let row = run_one(with_p(effect("HR", "0.95", "0.38", "0.88"), "=", "0.5"));
    assert!(row.checks.contains(&"effect.ci_excludes_estimate"));
    assert_eq!(row.status, Status::Invalid);
}

#[test]
fn validating_twice_changes_nothing() {
    let mut rows = run(vec![arm_size("total", "120"), arm_size("A", "60"), arm_size("B", "59")]);
    let once = rows.clone();
    validate_record(&mut rows);
    assert_eq!(rows, once);
}

/// A small deterministic generator (xorshift64*), so the property test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A written number: zero, negative, tiny, huge, with 0 to 4 decimals, or none at all.
    fn number(&mut self) -> Option<Num> {
        let text = match self.below(10) {
            0 => return None,
            1 => "0".to_string(),
            2 => "0.00".to_string(),
            3 => format!("-{}", self.below(1000)),
            4 => format!("{}e{}", self.below(9) + 1, self.pick(&[-300, -20, 20, 300])),
            5 => format!("{}", self.below(200)),
            _ => {
                let decimals = self.below(5);
                let value = (self.next() % 2_000_000) as f64 / 1000.0 - 200.0 * (self.below(3) == 0) as u8 as f64;
                format!("{value:.decimals$}")
            }
        };
        Num::parse(&text)
    }
}

#[test]
fn derive_then_validate_never_panics_on_random_rows() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let measures = ["HR", "OR", "RR", "IRR", "RD", "MD", "SMD", "XX"];
    let ops = ["=", "<", ">", "<=", ">=", "~"];
    let times = ["3 years", "30 months", "12 weeks", "90 days", "0 days", "x", "1e400 years"];
    let arms = ["total", "A", "B", "a"];
    let endpoints = ["OS", "cumulative incidence", "death"];
    for _ in 0..300 {
        let mut rows = Vec::new();
        for _ in 0..rng.below(12) + 1 {
            let mut row = Row::new("random", rng.pick(&Kind::ALL));
            row.measure = Some(rng.pick(&measures));
            row.arm = (rng.below(5) > 0).then(|| rng.pick(&arms).to_string());
            row.endpoint = (rng.below(5) > 0).then(|| rng.pick(&endpoints).to_string());
            row.time = Some(rng.pick(&times).to_string());
            row.value = rng.number();
            row.lower = rng.number();
            row.upper = rng.number();
            row.ci_level = if rng.below(2) == 0 { rng.number() } else { None };
            row.p_op = Some(rng.pick(&ops));
            row.p_value = rng.number();
            row.events = rng.number();
            row.n = rng.number();
            row.percent = rng.number();
            rows.push(row);
        }
        let rows = run(rows);
        for row in &rows {
            assert!(row.yi.is_none_or(f64::is_finite), "{row:?}");
            assert!(row.sei.is_none_or(|sei| sei.is_finite() && sei > 0.0), "{row:?}");
            assert_eq!(row.sei.is_some(), row.sei_source.is_some());
            let worst = row
                .checks
                .iter()
                .map(|code| CHECKS.iter().find(|check| check.code == *code).expect("known code").severity.status())
                .max()
                .unwrap_or(Status::Valid);
            assert_eq!(row.status, worst, "{:?}", row.checks);
        }
    }
}

#[test]
fn rates_and_medians_without_a_group_are_warnings() {
    let mut rate = survival("", "OS", "5 years", "43", None);
    rate.arm = None;
    assert_flagged(&run_one(rate), "survival.arm_unresolved", Status::Warning);
    let mut median_row = median("11.5", None, None);
    median_row.arm = None;
    assert_flagged(&run_one(median_row), "median.arm_unresolved", Status::Warning);
    // A named group, or the whole trial, is no warning.
    assert!(run_one(median("11.5", None, None)).checks.is_empty());
    assert!(run_one(survival("total", "OS", "5 years", "43", None)).checks.is_empty());
}
