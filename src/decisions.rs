//! A reviewer's decisions on rows, as the review report downloads them, applied to extraction.
//!
//! The file is CSV with the header `record_id,start,end,kind,decision,corrected value`: one
//! line per row decided, the row named by its record, its evidence span and its kind (what
//! `trialrex check` pairs rows by, so a decision survives other rows appearing or going).
//! `decision` is `accept`, `reject` or `edit`. A rejected row is left out; an edited row gets
//! the corrected value in the field the kind reports (`value` for effects, survival, medians and
//! follow-up; `n` for arm sizes; `events` for events), `yi`/`sei` derived again from it, and
//! `+edited` appended to its `rule`, so a corrected number is never taken for an extracted one.
//! Accepted rows are written as they are.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::{Kind, Num, Row};

/// What `rule` gets appended on a row whose value a reviewer corrected.
pub const EDITED_SUFFIX: &str = "+edited";

/// The header of a decisions file.
pub const HEADER: [&str; 6] = ["record_id", "start", "end", "kind", "decision", "corrected value"];

/// What the reviewer decided about one row.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// The row is right as extracted.
    Accept,
    /// The row is wrong: leave it out.
    Reject,
    /// The row's number is wrong: this is the right one.
    Edit(Num),
}

/// The decisions of one file, by the row they name.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    by_row: HashMap<(String, usize, usize, Kind), Decision>,
}

impl Decisions {
    /// Reads a decisions file; a line that does not parse is an error naming its line.
    pub fn read(path: &Path) -> Result<Decisions> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, &e))?;
        Decisions::from_csv(&bytes, &shown)
    }

    /// Reads decisions from CSV bytes; `file` names them in errors.
    pub fn from_csv(bytes: &[u8], file: &str) -> Result<Decisions> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let bad = |line: u64, message: String| {
            Error::new(ErrorKind::Parse, message).at(Location {
                file: file.to_string(),
                record: None,
                line: Some(line as usize),
            })
        };
        let header = reader.headers().map_err(|e| bad(1, format!("unreadable header: {e}")))?.clone();
        let column = |name: &str| header.iter().position(|h| h.trim() == name);
        let columns: Vec<usize> = HEADER
            .iter()
            .map(|name| {
                column(name).ok_or_else(|| bad(1, format!("no `{name}` column (expected: {})", HEADER.join(","))))
            })
            .collect::<Result<_>>()?;
        let mut decisions = Decisions::default();
        for result in reader.records() {
            let record =
                result.map_err(|e| bad(e.position().map_or(0, |p| p.line()), format!("unreadable line: {e}")))?;
            let line = record.position().map_or(0, |p| p.line());
            let cell = |i: usize| record.get(columns[i]).unwrap_or("").trim();
            let offset = |i: usize| {
                cell(i)
                    .parse::<usize>()
                    .map_err(|_| bad(line, format!("`{}` is not an offset: {:?}", HEADER[i], cell(i))))
            };
            let (start, end) = (offset(1)?, offset(2)?);
            let kind = Kind::from_name(cell(3)).ok_or_else(|| bad(line, format!("unknown kind {:?}", cell(3))))?;
            let decision = match cell(4) {
                "accept" => Decision::Accept,
                "reject" => Decision::Reject,
                "edit" => Decision::Edit(
                    Num::parse(cell(5))
                        .ok_or_else(|| bad(line, format!("the corrected value {:?} is not a number", cell(5))))?,
                ),
                other => return Err(bad(line, format!("unknown decision {other:?} (accept, reject or edit)"))),
            };
            decisions.by_row.insert((cell(0).to_string(), start, end, kind), decision);
        }
        Ok(decisions)
    }

    /// How many rows the file decides.
    pub fn len(&self) -> usize {
        self.by_row.len()
    }

    /// Whether the file decides no row.
    pub fn is_empty(&self) -> bool {
        self.by_row.is_empty()
    }

    /// Applies the decisions to one record's rows: rejected rows go, edited ones are corrected
    /// and marked.
    pub fn apply(&self, rows: &mut Vec<Row>) {
        if self.by_row.is_empty() {
            return;
        }
        rows.retain_mut(|row| match self.by_row.get(&(row.record_id.clone(), row.start, row.end, row.kind)) {
            None | Some(Decision::Accept) => true,
            Some(Decision::Reject) => false,
            Some(Decision::Edit(value)) => {
                correct(row, value.clone());
                true
            }
        });
    }
}

/// Puts a corrected number in the field the row's kind reports and marks the row.
fn correct(row: &mut Row, value: Num) {
    match row.kind {
        Kind::ArmSize => row.n = Some(value),
        Kind::Events => row.events = Some(value),
        Kind::Effect | Kind::Survival | Kind::Median | Kind::Followup => row.value = Some(value),
    }
    crate::derive::derive_row(row);
    if !row.rule.ends_with(EDITED_SUFFIX) {
        row.rule.push_str(EDITED_SUFFIX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_rows_go_and_edited_ones_are_corrected_and_marked() {
        let csv = "record_id,start,end,kind,decision,corrected value\n\
                   r1,10,20,effect,edit,0.60\n\
                   r1,30,40,arm_size,reject,\n\
                   r1,50,60,events,accept,\n";
        let decisions = Decisions::from_csv(csv.as_bytes(), "d.csv").unwrap();
        assert_eq!(decisions.len(), 3);
        let row = |kind, start, end| {
            let mut row = Row::new("r1", kind);
            (row.start, row.end, row.rule) = (start, end, "rule.x".to_string());
            row
        };
        let mut effect = row(Kind::Effect, 10, 20);
        effect.measure = Some("HR");
        effect.value = Num::parse("0.58");
        let mut rows = vec![effect, row(Kind::ArmSize, 30, 40), row(Kind::Events, 50, 60), row(Kind::Median, 1, 2)];
        decisions.apply(&mut rows);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].value.as_ref().map(|v| v.text.as_str()), Some("0.60"));
        assert_eq!(rows[0].rule, "rule.x+edited");
        assert!((rows[0].yi.unwrap_or_default() - 0.6f64.ln()).abs() < 1e-12);
        assert_eq!(rows[1].kind, Kind::Events);
        assert_eq!(rows[1].rule, "rule.x");
    }

    #[test]
    fn a_bad_line_is_an_error_naming_it() {
        let csv = "record_id,start,end,kind,decision,corrected value\nr1,1,2,effect,edit,abc\n";
        let err = Decisions::from_csv(csv.as_bytes(), "d.csv").unwrap_err();
        assert_eq!(err.location().and_then(|l| l.line), Some(2));
        assert!(err.message().contains("not a number"), "{err}");
        let err = Decisions::from_csv(b"id,decision\n", "d.csv").unwrap_err();
        assert!(err.message().contains("no `record_id` column"), "{err}");
    }
}
