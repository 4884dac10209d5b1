//! Every rule's own examples: each positive example gives exactly the rows it lists (as
//! signatures, see `trialrex::find::signature`) from that rule, and each negative example
//! (no rows listed) gives none from it.

use trialrex::find::{find_rows, signature};
use trialrex::RuleSet;

#[test]
fn every_rule_gives_the_rows_its_examples_list() {
    let rules = RuleSet::embedded().expect("embedded rules load");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, rule) in rules.rules() {
        if !rule.enabled {
            continue;
        }
        for example in &rule.example {
            checked += 1;
            let mut got: Vec<String> = find_rows(&rules, "example", &example.text)
                .iter()
                .filter(|r| r.rule == rule.id)
                .map(signature)
                .collect();
            let mut want = example.rows.clone();
            got.sort();
            want.sort();
            if got != want {
                failures.push(format!("{file} {}: {:?}\n  want {want:?}\n  got  {got:?}", rule.id, example.text));
            }
        }
    }
    assert!(checked > 0, "no examples ran");
    assert!(failures.is_empty(), "{} of {checked} examples failed:\n{}", failures.len(), failures.join("\n"));
}
