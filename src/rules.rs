//! Rule files → a validated, compiled rule set (placeholder until the rule files land).

use std::path::Path;

use crate::error::Result;

/// The compiled rules every finder uses.
#[derive(Debug, Default)]
pub struct RuleSet {}

impl RuleSet {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<RuleSet> {
        Ok(RuleSet {})
    }

    /// The embedded rules extended or overridden by the rule files in `dir`.
    pub fn embedded_with_overrides(_dir: &Path) -> Result<RuleSet> {
        Ok(RuleSet {})
    }
}
