//! Web of Science tagged text (the `.ciw` / "Other file format" and plain-text exports, also
//! Zoological Record and other databases on the Web of Science platform).
//!
//! ```text
//! FN Clarivate Analytics Web of Science
//! VR 1.0
//! PT J
//! AU Li, Wei
//!    Dou, Zhiguo
//! TI Soil fauna diversity at different stages of reed restoration in a
//!    lakeshore wetland
//! AB Introduction: Wetland soil fauna ...
//! DI 10.1080/20964129.2020.1722034
//! UT WOS:000520064000001
//! PM 15170338
//! ER
//!
//! EF
//! ```
//!
//! A field is a two-character tag, a space and its value; lines indented by three spaces
//! continue it (one author per line for `AU`/`AF`, wrapped text for `TI`/`AB`). `ER` ends a
//! record, `EF` the file; `FN`/`VR` head the file.

use super::common::{clean_doi, is_pmid, non_empty, squash_spaces, year_in, Lines};
use super::{Input, Records};
use crate::error::{Error, Result};
use crate::record::{Origin, Record};

/// A tag line: two capitals or digits (the first a capital), then a space or the end:
/// `AU Li, Wei` → (`AU`, `Li, Wei`); `ER` → (`ER`, ``).
pub(crate) fn tag_line(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let tagged = bytes.len() >= 2
        && bytes[0].is_ascii_uppercase()
        && (bytes[1].is_ascii_uppercase() || bytes[1].is_ascii_digit())
        && (bytes.len() == 2 || bytes[2] == b' ');
    tagged.then(|| (&line[..2], line.get(3..).unwrap_or("")))
}

/// Whether the first lines of an input are Web of Science tagged text: it starts with
/// `FN ` (the file header) or with `PT ` and has an `ER` line.
pub(crate) fn looks_like(lines: &[&str]) -> bool {
    let mut content = lines.iter().map(|l| l.trim_start_matches('\u{feff}').trim_end()).filter(|l| !l.is_empty());
    match content.next() {
        Some(first) if first.starts_with("FN ") => true,
        Some(first) if first.starts_with("PT ") => lines.iter().any(|l| l.trim_end() == "ER"),
        _ => false,
    }
}

/// Records of a Web of Science input.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(WosRecords { lines: Lines::new(input), file, record: 0, done: false })
}

struct WosRecords {
    lines: Lines,
    file: String,
    record: usize,
    done: bool,
}

/// One field of a record: its tag and its lines (the first line's value, then continuations).
type Field = (String, Vec<String>);

impl Iterator for WosRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut warnings = Vec::new();
        let mut start_line = 0;
        loop {
            let line = match self.lines.next_line_ref() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    if !fields.is_empty() {
                        warnings.push("the file ends inside this record (no `ER` line)".to_string());
                    }
                    break;
                }
                Err(err) => {
                    self.done = true;
                    let within = (!fields.is_empty()).then_some((self.record, start_line));
                    return Some(Err(Error::reading(&self.file, within, &err)));
                }
            };
            let text = line.text.trim_start_matches('\u{feff}').trim_end();
            if text.is_empty() {
                continue;
            }
            warnings.extend(line.warning.clone());
            if text.starts_with(' ') {
                // A continuation line (indented three spaces); text before the first tag is junk.
                if let Some((_, values)) = fields.last_mut() {
                    values.push(text.trim().to_string());
                }
                continue;
            }
            match tag_line(text) {
                Some(("ER", _)) => {
                    if fields.is_empty() {
                        continue;
                    }
                    break;
                }
                Some(("EF", _)) => {
                    self.done = true;
                    break;
                }
                Some(("FN" | "VR", _)) if fields.is_empty() => {}
                Some((tag, value)) => {
                    if fields.is_empty() {
                        self.record += 1;
                        start_line = line.number;
                    }
                    fields.push((tag.to_string(), vec![value.trim().to_string()]));
                }
                None => {
                    // An untagged, unindented line: wrapped text without its indent.
                    if let Some((_, values)) = fields.last_mut() {
                        values.push(text.trim().to_string());
                    }
                }
            }
        }
        if fields.is_empty() {
            return None;
        }
        Some(Ok(self.build(&fields, start_line, warnings)))
    }
}

impl WosRecords {
    /// Turns the fields of one record into a [`Record`].
    fn build(&self, fields: &[Field], line: usize, warnings: Vec<String>) -> Record {
        let field = |tag: &str| fields.iter().find(|(t, _)| t == tag).map(|(_, values)| values);
        let text = |tag: &str| field(tag).and_then(|values| non_empty(&squash_spaces(&values.join(" "))));
        let list = |tag: &str| -> Vec<String> {
            fields
                .iter()
                .filter(|(t, _)| t == tag)
                .flat_map(|(_, values)| values.iter().filter_map(|v| non_empty(v)))
                .collect()
        };
        let mut authors = list("AU");
        if authors.is_empty() {
            authors = list("AF");
        }
        Record {
            pmid: text("PM").filter(|v| is_pmid(v)),
            doi: text("DI").and_then(|v| clean_doi(&v)),
            native_id: text("UT").or_else(|| text("AN")),
            title: text("TI").unwrap_or_default(),
            abstract_text: text("AB").unwrap_or_default(),
            authors,
            year: text("PY").or_else(|| text("PD")).and_then(|v| year_in(&v)),
            journal: text("SO"),
            origin: Origin { file: self.file.clone(), record: self.record, line },
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "\u{feff}FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Li, Wei\n   Dou, Zhiguo\n\
        TI Soil fauna in a\n   lakeshore wetland\nSO ECOSYSTEM HEALTH\nAR UNSP 1722034\nDI 10.1080/2096.1722034\n\
        PY 2020\nAB Results: HR 0.70 (95% CI\n   0.50-0.98).\nUT WOS:0001\nPM 15170338\nER\n\nPT J\nTI Second\nER\n\nEF\n";

    #[test]
    fn tag_lines_are_two_characters_and_a_space() {
        assert_eq!(tag_line("AU Li, Wei"), Some(("AU", "Li, Wei")));
        assert_eq!(tag_line("ER"), Some(("ER", "")));
        assert_eq!(tag_line("C1 Univ"), Some(("C1", "Univ")));
        assert_eq!(tag_line("   Dou"), None);
        assert_eq!(tag_line("TY  - JOUR"), Some(("TY", " - JOUR")));
        assert_eq!(tag_line("Abstract"), None);
    }

    #[test]
    fn records_end_at_er_and_continuations_join() {
        let got: Vec<Record> = records(Box::new(TWO.as_bytes()), "t.ciw".into()).map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 2);
        let first = &got[0];
        assert_eq!(first.authors, ["Li, Wei", "Dou, Zhiguo"]);
        assert_eq!(first.title, "Soil fauna in a lakeshore wetland");
        assert_eq!(first.abstract_text, "Results: HR 0.70 (95% CI 0.50-0.98).");
        assert_eq!(
            (first.doi.as_deref(), first.pmid.as_deref(), first.native_id.as_deref()),
            (Some("10.1080/2096.1722034"), Some("15170338"), Some("WOS:0001"))
        );
        assert_eq!((first.year.as_deref(), first.journal.as_deref()), (Some("2020"), Some("ECOSYSTEM HEALTH")));
        assert_eq!((first.origin.record, first.origin.line), (1, 3));
        assert_eq!((got[1].title.as_str(), got[1].origin.record, got[1].origin.line), ("Second", 2, 18));
    }

    #[test]
    fn wos_is_told_from_ris() {
        assert!(looks_like(&["\u{feff}FN Clarivate Analytics Web of Science", "VR 1.0"]));
        assert!(looks_like(&["", "PT J", "TI x", "ER"]));
        assert!(!looks_like(&["TY  - JOUR", "ER  - "]));
        assert!(!looks_like(&["PT J is a plain sentence"]));
    }
}
