//! Written shapes of landmark rates and medians read since the ninth session, each on invented
//! text: the rows' numbers, groups and endpoints.

use trialrex::model::{Kind, Row};
use trialrex::{Extractor, Record};

fn rows(text: &str, kind: Kind) -> Vec<Row> {
    let extractor = Extractor::with_default_rules().expect("embedded rules load");
    let record = Record { native_id: Some("t".into()), abstract_text: text.into(), ..Record::default() };
    extractor.extract(&record).into_iter().filter(|r| r.kind == kind).collect()
}

/// `(arm, endpoint, time, value)` of each row.
fn read(rows: &[Row]) -> Vec<(String, String, String, f64)> {
    rows.iter()
        .map(|r| {
            (
                r.arm.clone().unwrap_or_default(),
                r.endpoint.clone().unwrap_or_default(),
                r.time.clone().unwrap_or_default(),
                r.value.as_ref().map_or(f64::NAN, |v| v.value),
            )
        })
        .collect()
}

fn row(arm: &str, endpoint: &str, time: &str, value: f64) -> (String, String, String, f64) {
    (arm.into(), endpoint.into(), time.into(), value)
}

#[test]
fn a_breakdown_in_brackets_keeps_its_group_and_names_its_part() {
    let text = "The 90-day rate of death or myocardial infarction was 10.4% in the early surgery group \
                (death, 6.1%; myocardial infarction, 4.3%) and 15.0% in the deferred surgery group \
                (death, 9.2%; myocardial infarction, 5.8%).";
    assert_eq!(
        read(&rows(text, Kind::Survival)),
        vec![
            row("early surgery group", "death or myocardial infarction", "90 days", 10.4),
            row("early surgery group", "death", "90 days", 6.1),
            row("early surgery group", "myocardial infarction", "90 days", 4.3),
            row("deferred surgery group", "death or myocardial infarction", "90 days", 15.0),
            row("deferred surgery group", "death", "90 days", 9.2),
            row("deferred surgery group", "myocardial infarction", "90 days", 5.8),
        ]
    );
}

#[test]
fn a_bracket_after_a_group_names_no_part() {
    let text = "The RFS rate at 3 years was higher in the drug X group (41.0%, n = 80) than in the \
                observation group (30.5%, n = 81).";
    assert_eq!(
        read(&rows(text, Kind::Survival)),
        vec![row("drug X group", "RFS", "3 years", 41.0), row("observation group", "RFS", "3 years", 30.5)]
    );
}

#[test]
fn a_time_point_written_unit_first_and_groups_after_a_colon() {
    let text = "By Month 6, the proportion surviving without dialysis was higher with regimen A (88%) \
                and lower with regimen B (61%) versus the others (79%: regimen C; 74%: regimen D).";
    assert_eq!(
        read(&rows(text, Kind::Survival)),
        vec![
            row("regimen A", "proportion surviving", "6 months", 88.0),
            row("regimen B", "proportion surviving", "6 months", 61.0),
            row("regimen C", "proportion surviving", "6 months", 79.0),
            row("regimen D", "proportion surviving", "6 months", 74.0),
        ]
    );
}

#[test]
fn a_difference_before_the_endpoint_is_no_rate_but_the_rates_after_it_are() {
    let text = "At day 42, a difference in cumulative relapse rate of 5.2% (90% CI 1.9 to 8.4) was seen.";
    assert!(rows(text, Kind::Survival).is_empty());
    let text = "The absolute increase in rate of progression-free survival at 3 years was 6.5% (from \
                30.1% [22.0–38.3] to 36.6% [28.4–44.9]; HR 0.80).";
    let values: Vec<f64> = read(&rows(text, Kind::Survival)).into_iter().map(|r| r.3).collect();
    assert_eq!(values, vec![30.1, 36.6]);
}

#[test]
fn a_p_value_inside_a_list_of_rates_is_no_rate() {
    let text = "Relapse at Week 48 was less frequent with 20 mg and 40 mg than with placebo (4.0% vs \
                14.5%, P = 0.0003, and 2.5% vs 14.5%, P < 0.0001, respectively).";
    let values: Vec<f64> = read(&rows(text, Kind::Survival)).into_iter().map(|r| r.3).collect();
    assert_eq!(values, vec![4.0, 14.5, 2.5, 14.5]);
    assert!(rows(text, Kind::Survival).iter().all(|r| r.time.as_deref() == Some("48 weeks")));
}

#[test]
fn a_duration_that_is_a_threshold_is_no_median() {
    let text = "Median duration of response was 7.2 months (95% CI, 5.0–9.9 months), and 35% of \
                responses lasted 12 months or more.";
    let medians = rows(text, Kind::Median);
    assert_eq!(medians.len(), 1);
    assert_eq!(medians[0].value.as_ref().map(|v| v.value), Some(7.2));
}

/// `(arm, endpoint, value, unit)` of each median row.
fn medians(text: &str) -> Vec<(String, String, f64, String)> {
    rows(text, Kind::Median)
        .iter()
        .map(|r| {
            (
                r.arm.clone().unwrap_or_default(),
                r.endpoint.clone().unwrap_or_default(),
                r.value.as_ref().map_or(f64::NAN, |v| v.value),
                r.unit.map(|u| u.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

fn median(arm: &str, endpoint: &str, value: f64, unit: &str) -> (String, String, f64, String) {
    (arm.into(), endpoint.into(), value, unit.into())
}

#[test]
fn two_endpoints_sharing_a_head_noun_compared_run_by_run() {
    let text = "Median sensory and motor block durations did not differ. Median parasite and fever \
                clearance times were similar in the two arms (31.0 h and 15.5 h vs. 33.2 h and 17.0 h).";
    assert_eq!(
        medians(text),
        vec![
            median("", "parasite clearance times", 31.0, "hours"),
            median("", "fever clearance times", 15.5, "hours"),
            median("", "parasite clearance times", 33.2, "hours"),
            median("", "fever clearance times", 17.0, "hours"),
        ]
    );
}

#[test]
fn a_bracketed_range_between_a_duration_and_its_unit() {
    let text = "Patients were randomised to drug X or placebo. The median PFS (95% CI) was 7.4 \
                (5.1–9.0) months vs 4.2 (3.3–6.0) months in the drug X vs placebo arms, respectively.";
    assert_eq!(medians(text), vec![median("drug X", "PFS", 7.4, "months"), median("placebo", "PFS", 4.2, "months")]);
}

#[test]
fn a_time_to_an_event_named_before_its_medians_with_groups_before_a_comma() {
    let text = "Time to relapse after stopping therapy did not differ (arm A, median [interquartile \
                range] = 6 [2–9] wk, n = 20; arm B, median [interquartile range] = 8 [3–12] wk, n = 19).";
    assert_eq!(
        medians(text),
        vec![median("arm A", "Time to relapse", 6.0, "weeks"), median("arm B", "Time to relapse", 8.0, "weeks")]
    );
    let text = "Patients were randomised to drug Y or placebo. Drug Y delayed the time to first \
                hospital admission (median 150 vs 90 days, p = 0.02).";
    assert_eq!(
        medians(text),
        vec![
            median("drug Y", "time to first hospital admission", 150.0, "days"),
            median("placebo", "time to first hospital admission", 90.0, "days")
        ]
    );
}

#[test]
fn an_endpoint_of_means_gives_no_median() {
    let text = "The mean time to relapse was longer with drug X than with placebo (410 vs. 290 days, P = 0.01).";
    assert!(medians(text).is_empty());
}

#[test]
fn qualified_endpoints_and_a_threshold_after_a_rate() {
    let text = "The 1-, 3-, and 5-year distant metastasis-free survival rates were 88.0%, 81.5%, and \
                77.0% for Arm A and 90.5%, 84.0%, and 80.0% for Arm B.";
    assert_eq!(
        read(&rows(text, Kind::Survival)),
        vec![
            row("Arm A", "metastasis-free survival", "1 years", 88.0),
            row("Arm A", "metastasis-free survival", "3 years", 81.5),
            row("Arm A", "metastasis-free survival", "5 years", 77.0),
            row("Arm B", "metastasis-free survival", "1 years", 90.5),
            row("Arm B", "metastasis-free survival", "3 years", 84.0),
            row("Arm B", "metastasis-free survival", "5 years", 80.0),
        ]
    );
    let text = "The 10-year survivorship of the cemented stem was 91.2%, not above 95%.";
    let values: Vec<f64> = read(&rows(text, Kind::Survival)).into_iter().map(|r| r.3).collect();
    assert_eq!(values, vec![91.2]);
    let text = "Three-year cumulative incidences of severe/extensive chronic GVHD were 38.0% versus 21.5% \
                in the A and B arms, respectively.";
    let read = read(&rows(text, Kind::Survival));
    assert_eq!(read.iter().map(|r| r.3).collect::<Vec<_>>(), vec![38.0, 21.5]);
    assert!(read.iter().all(|r| r.1 == "severe/extensive chronic GVHD" && r.2 == "3 years"));
}
