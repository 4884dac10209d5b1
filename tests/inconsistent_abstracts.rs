//! Abstracts written to be inconsistent: each is extracted end to end and the row that carries
//! the inconsistency is flagged with the right check code and status; the seed is clean.

use trialrex::model::{Kind, Status};
use trialrex::{Extractor, Record, Row};

fn rows_of(text: &str) -> Vec<Row> {
    let record = Record { native_id: Some("t".into()), abstract_text: text.into(), ..Record::default() };
    Extractor::with_default_rules().unwrap().extract(&record)
}

/// The first row of `kind` that carries `code`, with its status.
fn flagged(text: &str, kind: Kind, code: &str) -> Status {
    let rows = rows_of(text);
    let row = rows
        .iter()
        .find(|r| r.kind == kind && r.checks.contains(&code))
        .unwrap_or_else(|| panic!("no {kind:?} row flagged {code} in {text:?}: {rows:#?}"));
    row.status
}

#[test]
fn a_ci_that_excludes_its_estimate_is_invalid() {
    let text = "Overall survival was longer with surgery (hazard ratio 0.58, 95% CI 0.62 to 0.88, P = .01).";
    assert_eq!(flagged(text, Kind::Effect, "effect.ci_excludes_estimate"), Status::Invalid);
}

#[test]
fn a_p_value_that_contradicts_its_ci_is_a_warning() {
    let text = "Mortality was lower with the drug (hazard ratio 0.58, 95% CI 0.38 to 0.88, P = .45).";
    assert_eq!(flagged(text, Kind::Effect, "effect.p_flips_significance"), Status::Warning);
}

#[test]
fn a_percent_that_is_not_events_over_n_is_a_warning() {
    let text = "In total, 39 of 60 (75.0%) patients in the placebo group relapsed.";
    assert_eq!(flagged(text, Kind::Events, "events.percent_mismatch"), Status::Warning);
}

#[test]
fn arms_that_do_not_sum_to_the_total_are_a_warning() {
    let text = "A total of 119 patients were randomized: 60 were assigned to surgery and 50 to chemotherapy.";
    assert_eq!(flagged(text, Kind::ArmSize, "arm_size.sum_differs_from_total"), Status::Warning);
}

#[test]
fn survival_that_rises_with_time_is_a_warning() {
    let text = "In the surgery arm, three- and five-year overall survival were 40.0% and 55.0%, respectively.";
    assert_eq!(flagged(text, Kind::Survival, "survival.rises_with_time"), Status::Warning);
}

#[test]
fn the_seed_is_clean() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/ruers-2017-jnci.ris");
    let record = trialrex::read::open(path, None).unwrap().next().unwrap().unwrap();
    let rows = Extractor::with_default_rules().unwrap().extract(&record);
    assert_eq!(rows.len(), 18);
    for row in &rows {
        assert!(row.checks.is_empty() && row.status == Status::Valid, "{row:#?}");
    }
    let hr = rows.iter().find(|r| r.kind == Kind::Effect).unwrap();
    assert_eq!(format!("{:.4} {:.4}", hr.yi.unwrap(), hr.sei.unwrap()), "-0.5447 0.2142");
    assert_eq!(hr.sei_source, Some("ci"));
}
