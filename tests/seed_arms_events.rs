//! The seed record (Ruers et al. 2017, JNCI; `fixtures/ruers-2017-jnci.ris`) gives exactly the
//! arm sizes and events of its gold rows, and no row for the eligibility criterion `n < 10`.
//!
//! The RIS reader is written on another branch, so the abstract is built here from the
//! fixture's `N2` field, copied as written.

use trialrex::find::signature;
use trialrex::model::Kind;
use trialrex::{Extractor, Record};

const SEED_ABSTRACT: &str = "Background: Tumor ablation is often employed for unresectable colorectal liver metastases. However, no survival benefit has ever been demonstrated in prospective randomized studies. Here, we investigate the long-term benefits of such an aggressive approach. Methods: In this randomized phase II trial, 119 patients with unresectable colorectal liver metastases (n < 10 and no extrahepatic disease) received systemic treatment alone or systemic treatment plus aggressive local treatment by radiofrequency ablation ± resection. Previously, we reported that the primary end point (30-month overall survival [OS] > 38%) was met. We now report on long-term OS results. All statistical tests were two-sided. The analyses were according to intention to treat. Results: At a median follow up of 9.7 years, 92 of 119 (77.3%) patients had died: 39 of 60 (65.0%) in the combined modality arm and 53 of 59 (89.8%) in the systemic treatment arm. Almost all patients died of progressive disease (35 patients in the combined modality arm, 49 patients in the systemic treatment arm). There was a statistically significant difference in OS in favor of the combined modality arm (hazard ratio [HR] = 0.58, 95% confidence interval [CI] = 0.38 to 0.88, P = .01). Three-, five-, and eight-year OS were 56.9% (95% CI = 43.3% to 68.5%), 43.1% (95% CI = 30.3% to 55.3%), 35.9% (95% CI = 23.8% to 48.2%), respectively, in the combined modality arm and 55.2% (95% CI = 41.6% to 66.9%), 30.3% (95% CI = 19.0% to 42.4%), 8.9% (95% CI = 3.3% to 18.1%), respectively, in the systemic treatment arm. Median OS was 45.6 months (95% CI = 30.3 to 67.8 months) in the combined modality arm vs 40.5 months (95% CI = 27.5 to 47.7 months) in the systemic treatment arm. Conclusions: This phase II trial is the first randomized study demonstrating that aggressive local treatment can prolong OS in patients with unresectable colorectal liver metastases.";

fn seed_rows(kind: Kind) -> Vec<String> {
    let extractor = Extractor::with_default_rules().expect("embedded rules load");
    let record = Record {
        native_id: Some("ruers-2017-jnci.ris#1".into()),
        abstract_text: SEED_ABSTRACT.into(),
        ..Record::default()
    };
    let mut rows: Vec<String> = extractor.extract(&record).iter().filter(|r| r.kind == kind).map(signature).collect();
    rows.sort();
    rows
}

#[test]
fn seed_gives_its_arm_sizes() {
    assert_eq!(
        seed_rows(Kind::ArmSize),
        vec!["arm_size combined modality arm 60", "arm_size systemic treatment arm 59", "arm_size total 119"]
    );
}

#[test]
fn seed_gives_its_events() {
    assert_eq!(
        seed_rows(Kind::Events),
        vec![
            "events combined modality arm 35/- -",
            "events combined modality arm 39/60 65.0%",
            "events systemic treatment arm 49/- -",
            "events systemic treatment arm 53/59 89.8%",
            "events total 92/119 77.3%",
        ]
    );
}

#[test]
fn seed_eligibility_criterion_gives_no_row() {
    let extractor = Extractor::with_default_rules().expect("embedded rules load");
    let record = Record { native_id: Some("seed".into()), abstract_text: SEED_ABSTRACT.into(), ..Record::default() };
    let rows = extractor.extract(&record);
    assert!(
        rows.iter().all(|r| !(r.evidence.contains("n < 10") || r.n.as_ref().is_some_and(|n| n.value == 10.0))),
        "a row from `n < 10`: {rows:?}"
    );
}

#[test]
fn seed_events_name_their_endpoint() {
    let extractor = Extractor::with_default_rules().expect("embedded rules load");
    let record = Record { native_id: Some("seed".into()), abstract_text: SEED_ABSTRACT.into(), ..Record::default() };
    let rows = extractor.extract(&record);
    let total = rows.iter().find(|r| r.kind == Kind::Events && r.arm.as_deref() == Some("total"));
    assert!(total.and_then(|r| r.endpoint.as_deref()).is_some_and(|e| e.contains("died")), "{total:?}");
}

#[test]
fn seed_events_after_a_colon_share_its_endpoint() {
    let extractor = Extractor::with_default_rules().expect("embedded rules load");
    let record = Record { native_id: Some("seed".into()), abstract_text: SEED_ABSTRACT.into(), ..Record::default() };
    let rows = extractor.extract(&record);
    let with_n: Vec<_> = rows.iter().filter(|r| r.kind == Kind::Events && r.n.is_some()).collect();
    assert_eq!(with_n.len(), 3, "{with_n:?}");
    for row in with_n {
        assert_eq!(row.endpoint.as_deref(), Some("died"), "{row:?}");
    }
}
