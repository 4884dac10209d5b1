//! Ovid's own tagged export (Embase, MEDLINE, PsycINFO, BIOSIS via Ovid), what Ovid writes when
//! the user does not pick RIS: records numbered `<1. >`, then fields in one of two displays.
//!
//! ```text
//! <1. >                              <2. >
//! AN  - PREV200400474164             Unique Identifier
//! AU  - Walsdorf, Neill B.             12345678
//! TI  - Dietary supplements ...      Title
//! AB  - A vitamin and mineral ...      A trial of ...
//! YR  - 2004                         Abstract
//!                                      BACKGROUND: ...
//! ```
//!
//! Tagged fields are `TAG  - value`, continued on more indented lines; labelled fields are a
//! field name alone on a line with the value on the indented lines below it. Some Ovid
//! interfaces indent every line by one space, and whitespace-only lines may sit inside values.

use super::common::{clean_doi, is_pmid, non_empty, squash_spaces, year_in, Lines};
use super::{Input, Records};
use crate::error::{Error, Result};
use crate::record::{Origin, Record};

/// How far a tag or field name may be indented; values continue on lines indented further.
const MAX_TAG_INDENT: usize = 2;

/// A record marker: `<1. >`, ` <7. >`, `<12.>`.
pub(crate) fn is_record_marker(line: &str) -> bool {
    let Some(inner) = line.trim().strip_prefix('<').and_then(|l| l.strip_suffix('>')) else { return false };
    let Some(number) = inner.trim_end().strip_suffix('.') else { return false };
    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
}

/// A tag line: two to four capitals or digits, spaces, `-`, then the value:
/// `AB  - text` → (`AB`, `text`); ` AU  - Kobori, Osamu` → (`AU`, `Kobori, Osamu`).
fn tag_line(line: &str) -> Option<(&str, &str)> {
    let line = line.get(indent(line)..)?;
    let end = line.find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit())).unwrap_or(line.len());
    if !(2..=4).contains(&end) || !line.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    let rest = line[end..].trim_start_matches(' ');
    let value = rest.strip_prefix('-')?;
    // `PMID- 1` needs no space before the dash; shorter tags are padded (`AB  - `).
    let padded = rest.len() < line.len() - end || end == 4;
    if !(value.is_empty() || value.starts_with(' ')) || !padded {
        return None;
    }
    Some((&line[..end], value.trim()))
}

/// A field name of the labelled display alone on its line: `Abstract`, `Unique Identifier`.
fn label_line(line: &str) -> Option<&str> {
    let name = line.trim();
    let is_name = !name.is_empty()
        && name.len() <= 60
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '(' | ')' | '-' | '/'));
    is_name.then_some(name)
}

/// The tag a labelled field stands for, so both displays are read alike.
fn tag_of_label(label: &str) -> &str {
    match label.to_ascii_lowercase().as_str() {
        "title" => "TI",
        "abstract" => "AB",
        "authors" | "author" | "authors full name" => "AU",
        "year of publication" | "year" | "publication year" => "YR",
        "journal name" | "journal" => "JN",
        "source" => "SO",
        "digital object identifier" | "doi" => "DO",
        "pubmed identifier" | "pmid" | "pubmed id" => "PM",
        "unique identifier" | "accession number" => "AN",
        _ => label,
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// Records of an Ovid tagged input.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(OvidRecords { lines: Lines::new(input), file, record: 0, started: false, next_start: 0, done: false })
}

struct OvidRecords {
    lines: Lines,
    file: String,
    record: usize,
    /// Whether the marker of the record to read next has been read.
    started: bool,
    /// The line of that marker.
    next_start: usize,
    done: bool,
}

/// One field: its tag (or the tag its label stands for) and its lines.
type Field = (String, Vec<String>);

impl Iterator for OvidRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut fields: Vec<Field> = Vec::new();
        let mut warnings = Vec::new();
        let mut start_line = self.next_start;
        while !self.done {
            let line = match self.lines.next_line_ref() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    break;
                }
                Err(err) => {
                    self.done = true;
                    let within = self.started.then_some((self.record, start_line));
                    return Some(Err(Error::reading(&self.file, within, &err)));
                }
            };
            let text = line.text.trim_start_matches('\u{feff}').trim_end();
            if is_record_marker(text) {
                if self.started {
                    // The marker of the next record ends this one.
                    let marker_line = line.number;
                    self.record += 1;
                    self.next_start = marker_line;
                    return Some(Ok(self.build(&fields, start_line, warnings)));
                }
                self.started = true;
                start_line = line.number;
                continue;
            }
            if !self.started || text.trim().is_empty() {
                continue;
            }
            warnings.extend(line.warning.clone());
            if indent(text) <= MAX_TAG_INDENT {
                if let Some((tag, value)) = tag_line(text) {
                    fields.push((tag.to_string(), vec![value.to_string()]));
                    continue;
                }
                let labelled = fields.last().is_none_or(|(_, values)| values.iter().any(|v| !v.is_empty()));
                // Field names sit at the margin (or one space in); their values further in.
                if let Some(label) = label_line(text).filter(|_| labelled && indent(text) <= 1) {
                    fields.push((tag_of_label(label).to_string(), Vec::new()));
                    continue;
                }
            }
            if let Some((_, values)) = fields.last_mut() {
                values.push(text.trim().to_string());
            }
        }
        if !self.started {
            return None;
        }
        self.started = false;
        self.record += 1;
        Some(Ok(self.build(&fields, start_line, warnings)))
    }
}

impl OvidRecords {
    /// Turns the fields of one record into a [`Record`].
    fn build(&self, fields: &[Field], line: usize, warnings: Vec<String>) -> Record {
        let text = |tag: &str| {
            fields.iter().find(|(t, _)| t == tag).and_then(|(_, values)| non_empty(&squash_spaces(&values.join(" "))))
        };
        let mut authors: Vec<String> = fields
            .iter()
            .filter(|(t, _)| t == "AU")
            .flat_map(|(_, values)| values.iter().filter_map(|v| non_empty(v)))
            .collect();
        if authors.is_empty() {
            authors = fields
                .iter()
                .filter(|(t, _)| t == "FA")
                .flat_map(|(_, values)| values.iter().filter_map(|v| non_empty(v)))
                .collect();
        }
        let pmid = ["PM", "UI"].iter().find_map(|t| text(t).filter(|v| is_pmid(v)));
        let doi = ["DO", "DI", "DOI"].iter().find_map(|t| text(t).and_then(|v| clean_doi(&v)));
        Record {
            pmid,
            doi,
            native_id: text("AN").or_else(|| text("UI")),
            title: text("TI").unwrap_or_default(),
            abstract_text: text("AB").unwrap_or_default(),
            authors,
            year: ["YR", "DP", "YP", "PY"].iter().find_map(|t| text(t).and_then(|v| year_in(&v))),
            journal: text("JN").or_else(|| text("JT")).or_else(|| text("SO")),
            origin: Origin { file: self.file.clone(), record: self.record, line },
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_tags_are_read_with_or_without_a_leading_space() {
        assert!(is_record_marker("<1. >"));
        assert!(is_record_marker(" <7. >"));
        assert!(is_record_marker("<12.>"));
        assert!(!is_record_marker("<i>"));
        assert!(!is_record_marker("<1 >"));
        assert_eq!(tag_line("AB  - text"), Some(("AB", "text")));
        assert_eq!(tag_line(" AU  - Kobori, Osamu"), Some(("AU", "Kobori, Osamu")));
        assert_eq!(tag_line("PT  -"), Some(("PT", "")));
        assert_eq!(tag_line("       Sawamiya, Yoko: Univ"), None);
        assert_eq!(tag_line("ANOVA - x"), None);
        assert_eq!(tag_line("AB-x"), None);
        assert_eq!(tag_line("AB- x"), None);
        assert_eq!(tag_line("PMID- 123"), Some(("PMID", "123")));
    }

    #[test]
    fn tagged_records_are_split_at_markers() {
        let text = "\r\n<1. >\r\nAN  - PREV1\r\nAU  - Doe, J.\r\nAU  - Roe, K.\r\nTI  - A trial\r\n\
                    AB  - Death (HR 0.70,\r\n      95% CI 0.50-0.98).\r\nYR  - 2004\r\n\r\n<2. >\r\n TI  - B\r\n \r\n \
                    IN  - One\r\n \r\n       Two\r\n PM  - 24892981\r\n DO  - http://dx.doi.org/10.1017/S13\r\n";
        let got: Vec<Record> = records(Box::new(text.as_bytes()), "t.txt".into()).map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].authors, ["Doe, J.", "Roe, K."]);
        assert_eq!(got[0].abstract_text, "Death (HR 0.70, 95% CI 0.50-0.98).");
        assert_eq!((got[0].native_id.as_deref(), got[0].year.as_deref()), (Some("PREV1"), Some("2004")));
        assert_eq!((got[0].origin.record, got[0].origin.line), (1, 2));
        assert_eq!((got[1].pmid.as_deref(), got[1].doi.as_deref()), (Some("24892981"), Some("10.1017/S13")));
        assert_eq!((got[1].origin.record, got[1].origin.line), (2, 11));
    }

    #[test]
    fn labelled_display_is_read_like_tags() {
        let text = "<1. >\nUnique Identifier\n  12345678\nAuthors\n  Doe J\n  Roe K\nTitle\n  A trial\n\
                    Abstract\n  BACKGROUND: Why.\n  RESULTS: HR 0.5.\nYear of Publication\n  2019\n";
        let got: Vec<Record> = records(Box::new(text.as_bytes()), "t.txt".into()).map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].authors, ["Doe J", "Roe K"]);
        assert_eq!(got[0].title, "A trial");
        assert_eq!(got[0].abstract_text, "BACKGROUND: Why. RESULTS: HR 0.5.");
        assert_eq!((got[0].native_id.as_deref(), got[0].year.as_deref()), (Some("12345678"), Some("2019")));
    }
}
