//! Finders: one module per kind of row.

use crate::rules::RuleSet;
use crate::write::Row;

/// Every row found in one abstract, in order of evidence.
pub fn find_rows(_rules: &RuleSet, _record_id: &str, _text: &str) -> Vec<Row> {
    Vec::new()
}
