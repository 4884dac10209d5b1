//! trialrex turns the abstracts of randomized trials into validated numeric rows for
//! meta-analysis: effect estimates (HR, OR, RR, IRR, RD, MD, SMD) with confidence intervals and
//! p-values, arm sizes, event counts, landmark survival rates, medians and follow-up.
//!
//! The pipeline, one module per step, in the order [`Extractor::extract`] runs it:
//!
//! 1. [`read`] turns exports (RIS, MEDLINE, PubMed XML, JATS, EndNote XML, Web of Science,
//!    Ovid, BibTeX, CSV, JSONL, text) into [`Record`]s;
//! 2. [`normalise`] rewrites an abstract into a form the rules match, with a map back to the
//!    original offsets;
//! 3. [`segment`] splits it into sentences;
//! 4. [`find`] applies the rules (loaded and checked by [`rules`], compiled once by
//!    [`find::compile`]) and gives rows with their evidence;
//! 5. [`validate`] puts check codes and a status on rows;
//! 6. [`derive`](mod@derive) adds `yi`/`sei`;
//! 7. [`write`](mod@write) writes the contract's rows.
//!
//! Steps 2 to 4 run inside [`find::find_rows`]. The row types every step shares
//! ([`model::Row`], [`model::Kind`], [`model::Num`]) live in [`model`]. Around the rows of one
//! record, [`study`] labels the records of a run (`Ruers 2017`) and finds duplicates,
//! [`decisions`] applies a reviewer's decisions, [`write::escalc`] pairs arms into 2×2 tables
//! and [`write::report`] writes the HTML review report.
//!
//! ```
//! use trialrex::{Extractor, Record};
//!
//! let extractor = Extractor::with_default_rules().unwrap();
//! let record = Record {
//!     native_id: Some("demo".into()),
//!     abstract_text: "Overall survival improved (hazard ratio [HR] = 0.58, 95% CI 0.38 to 0.88, P = .01).".into(),
//!     ..Record::default()
//! };
//! let rows = extractor.extract(&record);
//! assert_eq!(rows[0].measure, Some("HR"));
//! assert_eq!(rows[0].value.as_ref().unwrap().value, 0.58);
//! ```

pub mod audit;
pub mod check;
pub mod decisions;
pub mod derive;
pub mod error;
pub mod eval;
pub mod explain;
pub mod find;
pub mod grammar;
pub mod model;
pub mod normalise;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod rules;
pub mod segment;
pub mod study;
pub mod validate;
pub mod write;

pub use error::{Error, ErrorKind, Location, Result};
pub use find::RuleSet;
pub use model::Row;
pub use record::Record;

/// Extracts validated, derived rows from records with one compiled rule set.
pub struct Extractor {
    rules: RuleSet,
}

impl Extractor {
    /// An extractor over a compiled rule set.
    pub fn new(rules: RuleSet) -> Self {
        Extractor { rules }
    }

    /// An extractor over the rules embedded in the binary.
    pub fn with_default_rules() -> Result<Self> {
        Ok(Extractor::new(RuleSet::embedded()?))
    }

    /// The rule set in use.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The rows of one record: found, validated and derived, in order of their evidence.
    pub fn extract(&self, record: &Record) -> Vec<Row> {
        if !record.has_abstract() {
            return Vec::new();
        }
        let mut rows = find::find_rows(&self.rules, &record.id(), &record.abstract_text);
        // Validation and derivation are independent: the checks read only the extracted
        // numbers, never `yi`/`sei`, and derivation reads neither status nor checks.
        validate::validate_record(&mut rows);
        for row in &mut rows {
            derive::derive_row(row);
        }
        study::mark_primary(&record.abstract_text, &mut rows);
        let (label, source) = (study::lone_label(record), record.source_name());
        for row in &mut rows {
            row.study.clone_from(&label);
            row.source.clone_from(&source);
        }
        rows
    }
}
