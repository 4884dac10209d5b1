//! MEDLINE / PubMed "nbib" text (`PMID- 123`, `AB  - text` with six-space continuation lines),
//! also PMC's MEDLARS export and ERIC's variant without `PMID`.
//!
//! Records are separated by blank lines; a second `PMID` in a record also starts a new one.

use nom::bytes::complete::{tag as literal, take_while, take_while_m_n};
use nom::combinator::eof;
use nom::sequence::tuple;
use nom::IResult;

use super::common::{clean_doi, is_pmid, non_empty, squash_spaces, year_in, LineRef, Lines};
use super::{Input, Records};
use crate::error::{Error, Result};
use crate::record::{Origin, Record};

/// A MEDLINE tag line: a 2-4 character tag padded with spaces to four columns, then `- ` and
/// the value: `PMID- 123` → (`PMID`, `123`); `AB  - text` → (`AB`, `text`); `AB  -` → (`AB`, ``).
pub(crate) fn tag_line(input: &str) -> IResult<&str, (&str, &str)> {
    let (rest, (name, padding, _)) = tuple((
        take_while_m_n(2, 4, |c: char| c.is_ascii_uppercase() || c.is_ascii_digit()),
        take_while(|c: char| c == ' '),
        literal("-"),
    ))(input)?;
    if name.len() + padding.len() != 4 {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)));
    }
    let (value, _) = nom::branch::alt((literal(" "), eof))(rest)?;
    Ok(("", (name, value)))
}

/// Records of a MEDLINE input.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(MedlineRecords { lines: Lines::new(input), file, record: 0, held: None, done: false })
}

struct MedlineRecords {
    lines: Lines,
    file: String,
    record: usize,
    /// A `PMID` line that began the next record while the previous one was being read.
    held: Option<super::common::Line>,
    done: bool,
}

impl Iterator for MedlineRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut warnings = Vec::new();
        let mut start_line = 0;
        let mut has_pmid = false;
        loop {
            let held = self.held.take();
            let line = match &held {
                Some(line) => Ok(Some(LineRef::of(line))),
                None => self.lines.next_line_ref(),
            };
            let line = match line {
                Ok(None) => {
                    self.done = true;
                    break;
                }
                Err(err) => {
                    self.done = true;
                    let within = (!fields.is_empty()).then_some((self.record, start_line));
                    return Some(Err(Error::reading(&self.file, within, &err)));
                }
                Ok(Some(line)) => line,
            };
            let text = line.text.trim_start_matches('\u{feff}').trim_end();
            if text.is_empty() {
                if fields.is_empty() {
                    continue;
                }
                break;
            }
            match tag_line(text) {
                Ok((_, (name, value))) => {
                    if name == "PMID" {
                        if has_pmid {
                            self.held = Some(line.into_owned());
                            break;
                        }
                        has_pmid = true;
                    }
                    if fields.is_empty() {
                        self.record += 1;
                        start_line = line.number;
                    }
                    fields.push((name.to_string(), value.trim().to_string()));
                    warnings.extend(line.warning);
                }
                Err(_) => {
                    // A continuation line (normally indented six spaces); text before the first
                    // tag is junk.
                    if let Some((_, value)) = fields.last_mut() {
                        value.push(' ');
                        value.push_str(text.trim());
                        warnings.extend(line.warning);
                    }
                }
            }
        }
        if fields.is_empty() {
            return None;
        }
        Some(Ok(self.build(fields, start_line, warnings)))
    }
}

impl MedlineRecords {
    /// Turns the fields of one record into a [`Record`].
    fn build(&self, fields: Vec<(String, String)>, line: usize, warnings: Vec<String>) -> Record {
        let values = |tag: &'static str| fields.iter().filter(move |(t, _)| t == tag).map(|(_, v)| squash_spaces(v));
        let first = |tags: &[&'static str]| tags.iter().find_map(|t| values(t).find_map(|v| non_empty(&v)));
        let doi =
            ["LID", "AID"].iter().flat_map(|t| values(t)).find(|v| v.ends_with("[doi]")).and_then(|v| clean_doi(&v));
        let mut authors: Vec<String> = values("FAU").collect();
        if authors.is_empty() {
            authors = values("AU").collect();
        }
        Record {
            pmid: values("PMID").find(|v| is_pmid(v)),
            doi,
            native_id: first(&["PMID", "PMC", "OID"]),
            title: first(&["TI"]).unwrap_or_default(),
            abstract_text: first(&["AB"]).unwrap_or_default(),
            authors,
            year: values("DP").find_map(|v| year_in(&v)),
            journal: first(&["JT", "TA"]),
            origin: Origin { file: self.file.clone(), record: self.record, line },
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_line_reads_padded_tags() {
        assert_eq!(tag_line("PMID- 123"), Ok(("", ("PMID", "123"))));
        assert_eq!(tag_line("AB  - text"), Ok(("", ("AB", "text"))));
        assert_eq!(tag_line("OWN - NLM"), Ok(("", ("OWN", "NLM"))));
        assert_eq!(tag_line("AB  -"), Ok(("", ("AB", ""))));
        assert!(tag_line("      continued").is_err());
        assert!(tag_line("AB   - five columns").is_err());
        assert!(tag_line("AB  -x").is_err());
    }

    #[test]
    fn records_split_at_blank_lines_and_join_continuations() {
        let text = "\nPMID- 1\nTI  - A title\n      on two lines.\nAB  - Results: HR 0.5 \n      (95% CI 0.3-0.8).\n\
                    LID - 10.1/x [doi]\nFAU - Doe, Jane\nAU  - Doe J\nDP  - 2019 Mar\nJT  - Journal\n\nPMID- 2\nTI  - B\n";
        let got: Vec<_> = records(Box::new(text.as_bytes()), "t.nbib".into()).map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].title, "A title on two lines.");
        assert_eq!(got[0].abstract_text, "Results: HR 0.5 (95% CI 0.3-0.8).");
        assert_eq!(got[0].doi.as_deref(), Some("10.1/x"));
        assert_eq!(got[0].authors, ["Doe, Jane"]);
        assert_eq!(got[0].year.as_deref(), Some("2019"));
        assert_eq!((got[1].pmid.as_deref(), got[1].origin.record, got[1].origin.line), (Some("2"), 2, 13));
    }

    #[test]
    fn second_pmid_without_blank_line_starts_a_record() {
        let got: Vec<_> = records(Box::new(&b"PMID- 1\nTI  - A\nPMID- 2\nTI  - B\n"[..]), "t".into()).collect();
        assert_eq!(got.len(), 2);
    }
}
