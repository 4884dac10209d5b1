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
