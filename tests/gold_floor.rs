//! The eval on both files of `../shared/gold-dev/` as a floor: per file and kind, strict precision and recall may not
//! fall below the figures in `tests/gold_floor.toml`. Skipped, saying so, when `../shared` is
//! not there (a fresh clone without the shared material).

use std::collections::BTreeMap;
use std::path::PathBuf;

use trialrex::eval::{evaluate, read_gold};
use trialrex::pipeline::for_each_record;
use trialrex::Extractor;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Floor {
    precision: f64,
    recall: f64,
}

/// The gold files and the abstracts they annotate, by the name their floors go under.
const GOLD_FILES: [(&str, &str, &str); 2] =
    [("gold-dev", "gold-dev.jsonl", "abstracts.jsonl"), ("gold-dev-2", "gold-dev-2.jsonl", "abstracts-2.jsonl")];

#[test]
fn gold_dev_scores_do_not_fall_below_the_floor() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/gold-dev");
    if !shared.join("gold-dev.jsonl").exists() {
        eprintln!("skipped: ../shared/gold-dev is not there");
        return;
    }
    let floors: BTreeMap<String, BTreeMap<String, Floor>> =
        toml::from_str(include_str!("gold_floor.toml")).expect("tests/gold_floor.toml is valid");
    let extractor = Extractor::with_default_rules().unwrap();
    let mut failures = Vec::new();
    for (name, gold_file, abstracts) in GOLD_FILES {
        let Some(floors) = floors.get(name) else { panic!("tests/gold_floor.toml has no [{name}.*] floors") };
        if !shared.join(gold_file).exists() {
            eprintln!("skipped {name}: ../shared/gold-dev/{gold_file} is not there");
            continue;
        }
        let gold = read_gold(&shared.join(gold_file)).unwrap();
        let mut rows = Vec::new();
        let files = [shared.join(abstracts).to_string_lossy().into_owned()];
        for_each_record(&files, None, &mut |_| {}, &mut |record| {
            rows.extend(extractor.extract(record));
            Ok(())
        })
        .unwrap();
        let report = evaluate(&gold, &rows);
        for (kind, floor) in floors {
            let score = &report.kinds[kind].strict;
            eprintln!(
                "{name} {kind}: precision {:.3} recall {:.3} (floor {:.2} / {:.2})",
                score.precision, score.recall, floor.precision, floor.recall
            );
            if score.precision < floor.precision || score.recall < floor.recall {
                failures.push(format!(
                    "{name} {kind}: precision {:.3} recall {:.3} below {:.2} / {:.2}",
                    score.precision, score.recall, floor.precision, floor.recall
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
