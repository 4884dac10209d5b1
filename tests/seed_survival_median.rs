//! The seed abstract (Ruers 2017, JNCI) gives exactly its six landmark rates, two medians and
//! one follow-up, and no row for the design threshold `30-month overall survival [OS] > 38%`.

use trialrex::find::signature;
use trialrex::model::Kind;
use trialrex::{Extractor, Record};

const SEED: &str = "Background: Tumor ablation is often employed for unresectable colorectal liver metastases. However, no survival benefit has ever been demonstrated in prospective randomized studies. Here, we investigate the long-term benefits of such an aggressive approach. Methods: In this randomized phase II trial, 119 patients with unresectable colorectal liver metastases (n < 10 and no extrahepatic disease) received systemic treatment alone or systemic treatment plus aggressive local treatment by radiofrequency ablation ± resection. Previously, we reported that the primary end point (30-month overall survival [OS] > 38%) was met. We now report on long-term OS results. All statistical tests were two-sided. The analyses were according to intention to treat. Results: At a median follow up of 9.7 years, 92 of 119 (77.3%) patients had died: 39 of 60 (65.0%) in the combined modality arm and 53 of 59 (89.8%) in the systemic treatment arm. Almost all patients died of progressive disease (35 patients in the combined modality arm, 49 patients in the systemic treatment arm). There was a statistically significant difference in OS in favor of the combined modality arm (hazard ratio [HR] = 0.58, 95% confidence interval [CI] = 0.38 to 0.88, P = .01). Three-, five-, and eight-year OS were 56.9% (95% CI = 43.3% to 68.5%), 43.1% (95% CI = 30.3% to 55.3%), 35.9% (95% CI = 23.8% to 48.2%), respectively, in the combined modality arm and 55.2% (95% CI = 41.6% to 66.9%), 30.3% (95% CI = 19.0% to 42.4%), 8.9% (95% CI = 3.3% to 18.1%), respectively, in the systemic treatment arm. Median OS was 45.6 months (95% CI = 30.3 to 67.8 months) in the combined modality arm vs 40.5 months (95% CI = 27.5 to 47.7 months) in the systemic treatment arm. Conclusions: This phase II trial is the first randomized study demonstrating that aggressive local treatment can prolong OS in patients with unresectable colorectal liver metastases.";

#[test]
fn seed_gives_exactly_its_survival_median_and_followup_rows() {
    let extractor = Extractor::with_default_rules().expect("embedded rules load");
    let record = Record { native_id: Some("ruers-2017-jnci".into()), abstract_text: SEED.into(), ..Record::default() };
    let rows = extractor.extract(&record);
    let of = |kind: Kind| rows.iter().filter(|r| r.kind == kind).map(signature).collect::<Vec<_>>();
    assert_eq!(
        of(Kind::Survival),
        vec![
            "survival combined modality arm 3 years 56.9 [43.3, 68.5]",
            "survival combined modality arm 5 years 43.1 [30.3, 55.3]",
            "survival combined modality arm 8 years 35.9 [23.8, 48.2]",
            "survival systemic treatment arm 3 years 55.2 [41.6, 66.9]",
            "survival systemic treatment arm 5 years 30.3 [19.0, 42.4]",
            "survival systemic treatment arm 8 years 8.9 [3.3, 18.1]",
        ]
    );
    assert!(rows
        .iter()
        .filter(|r| r.kind == Kind::Survival)
        .all(|r| r.endpoint.as_deref() == Some("overall survival (OS)")));
    assert_eq!(
        of(Kind::Median),
        vec![
            "median combined modality arm 45.6 months [30.3, 67.8]",
            "median systemic treatment arm 40.5 months [27.5, 47.7]"
        ]
    );
    assert_eq!(of(Kind::Followup), vec!["followup 9.7 years"]);
}
