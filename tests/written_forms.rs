//! Number forms and list shapes that were once read wrong, each extracted end to end: the rows
//! must carry the numbers as the text writes them, and impossible readings must come out
//! flagged rather than dropped.

use trialrex::find::signature;
use trialrex::model::{Kind, Status};
use trialrex::{Extractor, Record, Row};

fn rows_of(text: &str) -> Vec<Row> {
    let record = Record { native_id: Some("t".into()), abstract_text: text.into(), ..Record::default() };
    Extractor::with_default_rules().unwrap().extract(&record)
}

fn signatures(text: &str, kind: Kind) -> Vec<String> {
    rows_of(text).iter().filter(|r| r.kind == kind).map(signature).collect()
}

#[test]
fn compound_number_words_are_read_whole() {
    let sizes = signatures(
        "Four thousand three hundred and eleven patients were randomized. Two thousand women were enrolled in the second phase.",
        Kind::ArmSize,
    );
    assert_eq!(sizes, vec!["arm_size total 4311", "arm_size total 2000"]);
}

#[test]
fn digit_groups_are_one_number() {
    let events = signatures("In the control villages there were 25 000 deaths during follow-up.", Kind::Events);
    assert_eq!(events, vec!["events total 25000/- -"]);
    let events = signatures("Overall, 10,587 of 12 340 patients (85.8%) responded to treatment.", Kind::Events);
    assert_eq!(events, vec!["events total 10587/12340 85.8%"]);
}

#[test]
fn a_decimal_rate_is_no_count() {
    let rows = rows_of("The annual rate of exacerbations was 0.20 in the A group and 0.35 in the B group.");
    assert!(rows.iter().all(|r| r.kind != Kind::Events), "{:?}", rows.iter().map(signature).collect::<Vec<_>>());
}

#[test]
fn arm_names_ending_in_a_capital_letter() {
    let sizes = signatures("Patients were randomized to group A (n = 100) or group B (n = 98).", Kind::ArmSize);
    assert_eq!(sizes, vec!["arm_size group A 100", "arm_size group B 98"]);
}

#[test]
fn each_time_point_of_a_respectively_list_is_its_own_row() {
    let rows = signatures("Two-year, 3-year and 5-year OS were 40%, 52% and 61%, respectively.", Kind::Survival);
    assert_eq!(rows, vec!["survival total 2 years 40", "survival total 3 years 52", "survival total 5 years 61"]);
}

#[test]
fn more_events_than_participants_is_an_invalid_row() {
    let rows = rows_of("Response occurred in 45 of 40 (112.5%) patients in the placebo group.");
    let events = rows.iter().find(|r| r.kind == Kind::Events).expect("the impossible count is kept");
    assert_eq!(signature(events), "events placebo group 45/40 112.5%");
    assert_eq!(events.status, Status::Invalid);
    assert!(events.checks.contains(&"events.exceed_n"), "{:?}", events.checks);
}

#[test]
fn unnamed_differences_with_their_ci() {
    let effects = signatures(
        "The intervention lowered systolic blood pressure by 1.93 mmHg (95% CI 0.063–3.8) more than control, \
         and there was no significant difference in confidence (p = 0.39, 95% CI = -1.80–0.72).",
        Kind::Effect,
    );
    assert_eq!(effects, vec!["MD 1.93 [0.063, 3.8] 95%"]);
}

#[test]
fn labels_and_endpoints_are_copied_as_written() {
    // The finders read number words as digits and dashes as hyphens; the row gives the words of
    // the abstract, so a reviewer can search for them.
    let rows = rows_of(
        "Women were randomized to one tablet daily (n = 70) or placebo (n = 68). \
         Grade 3–4 neutropenia was seen in 12 of 70 women in the one tablet daily group.",
    );
    let arms: Vec<&str> = rows.iter().filter(|r| r.kind == Kind::ArmSize).filter_map(|r| r.arm.as_deref()).collect();
    assert_eq!(arms, ["one tablet daily", "placebo"]);
    let events: Vec<&Row> = rows.iter().filter(|r| r.kind == Kind::Events).collect();
    assert_eq!(events.len(), 1, "{:?}", rows.iter().map(signature).collect::<Vec<_>>());
    assert_eq!(events[0].arm.as_deref(), Some("one tablet daily"));
    assert!(events[0].endpoint.as_deref().is_some_and(|e| e.contains("3–4")), "{:?}", events[0].endpoint);
}
