//! RIS (`TY  - JOUR` ... `ER  - `), as exported by EndNote, Zotero, PubMed, Embase, Ovid,
//! Scopus, Web of Science, Dimensions, ProQuest, EBSCOhost, IEEE Xplore, Rayyan and Citavi.
//!
//! The reader works line by line and is lenient about what vendors do differently: one or two
//! spaces before the dash, CRLF, LF or bare CR line ends, a byte-order mark, untagged
//! continuation lines, blank lines inside a record, a missing `ER`, junk between records
//! (Ovid's `1.` numbering, `Link to the Ovid Full Text...`), tagged lines after `ER`, and RIS
//! flattened onto one line (`TY - JOUR A1 - ... ER -`). In the flattened form a field can only
//! be split at a *known* RIS tag in tag position (` XX - `), so words in an abstract such as
//! `OS - ` or `HR - ` never split it.

use std::ops::Range;

use nom::bytes::complete::{tag as literal, take_while_m_n};
use nom::character::complete::char as one_char;
use nom::combinator::{eof, recognize, verify};
use nom::sequence::{pair, terminated, tuple};
use nom::IResult;

use super::common::{clean_doi, is_pmid, non_blank, squash_spaces, year_in, Line, LineRef, Lines};
use super::{Input, Records};
use crate::error::{Error, Result};
use crate::record::{Origin, Record};

/// The standard RIS tags (RIS specification plus EndNote's and Zotero's common additions).
///
/// Only these are tags in the flattened form and in the one-space `XX - ` form; two-space
/// `XX  - ` lines accept any vendor tag (Web of Science `PI`, Embase `LK`, Citavi `M4`...).
pub(crate) const KNOWN_TAGS: &[&str] = &[
    "TY", "A1", "A2", "A3", "A4", "AB", "AD", "AN", "AU", "AV", "BT", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8",
    "CA", "CN", "CP", "CT", "CY", "DA", "DB", "DO", "DP", "ED", "EP", "ER", "ET", "ID", "IS", "J1", "J2", "JA", "JF",
    "JO", "KW", "L1", "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2", "M3", "N1", "N2", "NV", "OP", "PB", "PP", "PY",
    "RI", "RN", "RP", "SE", "SN", "SP", "ST", "T1", "T2", "T3", "TA", "TI", "TT", "U1", "U2", "U3", "U4", "U5", "UR",
    "VL", "VO", "Y1", "Y2",
];

fn is_known_tag(tag: &str) -> bool {
    KNOWN_TAGS.contains(&tag)
}

/// A tag: an uppercase letter then an uppercase letter or digit, e.g. `TY`, `A1`.
fn tag(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()),
        take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase() || c.is_ascii_digit()),
    ))(input)
}

/// The separator after a tag: one or two spaces, a dash, then a space or the end of the line:
/// `  - `, ` - `, `  -`.
fn separator(input: &str) -> IResult<&str, &str> {
    recognize(tuple((take_while_m_n(1, 2, |c: char| c == ' '), one_char('-'), nom::branch::alt((literal(" "), eof)))))(
        input,
    )
}

/// A tag line: `TY  - JOUR` → (`TY`, `JOUR`); `ER  -` → (`ER`, ``). A one-space separator
/// (`TY - JOUR`, Zotero's test input) is accepted only for known tags.
fn tag_line(input: &str) -> IResult<&str, (&str, &str)> {
    let (rest, (name, sep)) = pair(tag, separator)(input)?;
    if !sep.starts_with("  ") && !is_known_tag(name) {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)));
    }
    Ok(("", (name, rest)))
}

/// A known tag in tag position inside a flattened line: ` A1 - ` or ` A1  - ` (the leading
/// space included), or ` ER -` at the end of the line.
fn flat_tag(input: &str) -> IResult<&str, &str> {
    let (rest, name) = nom::sequence::preceded(one_char(' '), verify(tag, |t: &str| is_known_tag(t)))(input)?;
    let (rest, _) = separator(rest)?;
    Ok((rest, name))
}

/// The type word of a flattened `TY` value, followed by a known tag: `JOUR A1 - ...`.
fn flat_type(input: &str) -> IResult<&str, &str> {
    terminated(take_while_m_n(1, 12, |c: char| c.is_ascii_alphanumeric()), nom::combinator::peek(flat_tag))(input)
}

/// Splits a flattened record line (`JOUR A1 - Ruers, Theo T1 - Local...`, the value after
/// `TY - `) into (tag, value) pairs, starting with (`TY`, type).
fn split_flat(value: &str) -> Vec<(&str, &str)> {
    let mut fields = Vec::new();
    let mut current_tag = "TY";
    let mut start = 0;
    let mut i = 0;
    let bytes = value.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b' ' {
            if let Ok((rest, name)) = flat_tag(&value[i..]) {
                fields.push((current_tag, value[start..i].trim()));
                current_tag = name;
                start = value.len() - rest.len();
                i = start;
                continue;
            }
        }
        i += 1;
    }
    fields.push((current_tag, value[start..].trim()));
    fields
}

/// A field's tag: two ASCII characters, kept without allocating.
#[derive(Clone, Copy, PartialEq)]
struct Tag([u8; 2]);

impl Tag {
    fn new(name: &str) -> Tag {
        let bytes = name.as_bytes();
        Tag([bytes.first().copied().unwrap_or(b' '), bytes.get(1).copied().unwrap_or(b' ')])
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl PartialEq<&str> for Tag {
    fn eq(&self, other: &&str) -> bool {
        other.as_bytes() == self.0
    }
}

/// One line of a field's value, as a range of [`RawRecord::text`]; continuation lines
/// remember whether they were indented.
struct ValueLine {
    range: Range<usize>,
    indented: bool,
}

/// What was gathered of one record before it becomes a [`Record`]: the text of every field
/// line in one string, so that reading a record allocates a few times, not once per line.
/// Kept between records and cleared, so its buffers are reused.
#[derive(Default)]
struct RawRecord {
    line: usize,
    text: String,
    lines: Vec<ValueLine>,
    /// Each field's tag and its lines (a range of `lines`: continuation lines follow their field).
    fields: Vec<(Tag, Range<usize>)>,
    warnings: Vec<String>,
}

impl RawRecord {
    fn clear(&mut self, line: usize) {
        self.line = line;
        self.text.clear();
        self.lines.clear();
        self.fields.clear();
        self.warnings = Vec::new();
    }

    fn push_line(&mut self, text: &str, indented: bool) {
        let start = self.text.len();
        self.text.push_str(text);
        self.lines.push(ValueLine { range: start..self.text.len(), indented });
    }

    /// A new field whose first line is `value`.
    fn push_field(&mut self, tag: Tag, value: &str) {
        self.push_line(value, false);
        self.fields.push((tag, self.lines.len() - 1..self.lines.len()));
    }

    /// A continuation line of the last field (dropped when no field has begun).
    fn push_continuation(&mut self, text: &str, indented: bool) {
        if self.fields.is_empty() {
            return;
        }
        self.push_line(text, indented);
        if let Some((_, lines)) = self.fields.last_mut() {
            lines.end = self.lines.len();
        }
    }

    /// The fields in input order.
    fn fields(&self) -> impl Iterator<Item = Field<'_>> + Clone {
        self.fields.iter().map(|(tag, lines)| Field { tag: *tag, lines: &self.lines[lines.clone()], text: &self.text })
    }
}

/// One tagged field with its continuation lines, as views of a [`RawRecord`].
#[derive(Clone, Copy)]
struct Field<'a> {
    tag: Tag,
    lines: &'a [ValueLine],
    text: &'a str,
}

impl<'a> Field<'a> {
    /// Each line's text and whether it was indented.
    fn lines(self) -> impl Iterator<Item = (&'a str, bool)> {
        self.lines.iter().map(move |l| (self.text.get(l.range.clone()).unwrap_or(""), l.indented))
    }

    /// The value on one line, continuation lines joined with spaces.
    fn joined(self) -> String {
        if self.lines.len() == 1 {
            squash_spaces(self.lines().next().map_or("", |(text, _)| text))
        } else {
            squash_spaces(&self.lines().map(|(text, _)| text).collect::<Vec<_>>().join(" "))
        }
    }

    /// [`Field::joined`], or nothing when it is blank.
    fn joined_non_empty(self) -> Option<String> {
        non_blank(self.joined())
    }

    /// The value as paragraphs: indented continuation lines are wrapped text (joined with a
    /// space), unindented ones start a new paragraph (Dimensions' structured abstracts).
    fn paragraphs(self) -> String {
        let mut out = String::new();
        for (text, indented) in self.lines() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(if indented { ' ' } else { '\n' });
            }
            out.push_str(&squash_spaces(text));
        }
        out
    }

    /// Each line as its own value (multi-valued fields written as one tag plus lines).
    fn values(self) -> impl Iterator<Item = String> + 'a {
        self.lines().filter_map(|(text, _)| non_blank(squash_spaces(text)))
    }
}

/// Records of a RIS input.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(RisRecords {
        lines: Lines::new(input),
        file,
        record: 0,
        held: None,
        done: false,
        raw: RawRecord::default(),
    })
}

struct RisRecords {
    lines: Lines,
    file: String,
    record: usize,
    /// A `TY` line read while finishing the previous record (which had no `ER`).
    held: Option<Line>,
    done: bool,
    /// The record being read (its buffers are reused from record to record).
    raw: RawRecord,
}

impl Iterator for RisRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Skip to the next `TY` line (the one held from the record before, if any); anything
        // else between records is junk.
        let held = self.held.take();
        let mut from_held = held.as_ref();
        let start = loop {
            let line = match from_held.take() {
                Some(line) => LineRef::of(line),
                None => match self.lines.next_line_ref() {
                    Ok(Some(line)) => line,
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Err(err) => {
                        self.done = true;
                        return Some(Err(Error::io(&self.file, &err)));
                    }
                },
            };
            let text = line.text.trim_start_matches('\u{feff}').trim_start();
            if let Ok((_, ("TY", type_value))) = tag_line(text) {
                self.record += 1;
                self.raw.clear(line.number);
                self.raw.warnings.extend(line.warning);
                break start_fields(&mut self.raw, type_value);
            }
        };
        if start == Start::Ended {
            return Some(Ok(self.build()));
        }
        loop {
            let line = match self.lines.next_line_ref() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    break;
                }
                Err(err) => {
                    self.done = true;
                    return Some(Err(Error::reading(&self.file, Some((self.record, self.raw.line)), &err)));
                }
            };
            let raw = &mut self.raw;
            match tag_line(line.text.trim_start_matches('\u{feff}')) {
                Ok((_, ("TY", _))) => {
                    self.held = Some(line.into_owned());
                    break;
                }
                Ok((_, ("ER", _))) => {
                    raw.warnings.extend(line.warning);
                    break;
                }
                Ok((_, (name, value))) => {
                    raw.push_field(Tag::new(name), value);
                    raw.warnings.extend(line.warning);
                }
                Err(_) => {
                    if line.text.trim().is_empty() {
                        raw.warnings.extend(line.warning);
                        continue;
                    }
                    let indented = line.text.starts_with([' ', '\t']);
                    raw.push_continuation(&line.text, indented);
                    raw.warnings.extend(line.warning);
                }
            }
        }
        Some(Ok(self.build()))
    }
}

/// Whether a record's first line already held all of it (RIS flattened onto one line).
#[derive(PartialEq)]
enum Start {
    Ended,
    Open,
}

/// Reads the value of a record's `TY` line into `raw`: the type, or a whole flattened record.
fn start_fields(raw: &mut RawRecord, type_value: &str) -> Start {
    if flat_type(type_value).is_err() {
        raw.push_field(Tag::new("TY"), type_value);
        return Start::Open;
    }
    for (name, value) in split_flat(type_value) {
        if name == "ER" {
            return Start::Ended;
        }
        raw.push_field(Tag::new(name), value);
    }
    Start::Open
}

impl RisRecords {
    /// Turns the fields of the record read into a [`Record`].
    fn build(&mut self) -> Record {
        let warnings = std::mem::take(&mut self.raw.warnings);
        let raw = &self.raw;
        let fields = raw.fields();
        let first = |tags: &[&str]| -> Option<String> {
            tags.iter().find_map(|t| fields.clone().filter(|f| f.tag == *t).find_map(Field::joined_non_empty))
        };
        let all = |tag: &'static str| fields.clone().filter(move |f| f.tag == tag);

        let title = first(&["TI", "T1"]).unwrap_or_default();
        let abstract_text = pick_abstract(fields.clone());
        let authors: Vec<String> =
            fields.clone().filter(|f| f.tag == "AU" || f.tag == "A1").flat_map(Field::values).collect();
        let year = ["PY", "Y1", "DA", "Y2"]
            .iter()
            .find_map(|t| fields.clone().filter(|f| f.tag == *t).find_map(|f| year_in(&f.joined())));
        let journal = first(&["JF", "T2", "JO", "J2", "JA", "J1"]);

        let doi = all("DO")
            .find_map(|f| clean_doi(&f.joined()))
            .or_else(|| all("M3").find_map(|f| clean_doi(&f.joined())))
            .or_else(|| {
                fields
                    .clone()
                    .filter(|f| matches!(f.tag.as_str(), "UR" | "L1" | "L2" | "L3" | "L4"))
                    .flat_map(Field::values)
                    .filter(|v| v.contains("doi.org/"))
                    .find_map(|v| clean_doi(&v))
            });

        let from_medline = all("DB").chain(all("DP")).any(|f| {
            let db = f.joined().to_ascii_lowercase();
            db.contains("medline") || db.contains("pubmed")
        });
        let pmid = all("AN")
            .map(Field::joined)
            .find(|v| is_pmid(v))
            .or_else(|| {
                // Dimensions writes `U1  - 35957633 [PMID]`; others `PMID: 123`.
                fields
                    .clone()
                    .filter(|f| {
                        f.tag.as_str().starts_with('U')
                            || f.tag.as_str().starts_with('C')
                            || f.tag == "M1"
                            || f.tag == "N1"
                    })
                    .flat_map(Field::values)
                    .find_map(|v| tagged_pmid(&v))
            })
            .or_else(|| if from_medline { all("ID").map(Field::joined).find(|v| is_pmid(v)) } else { None });
        let native_id = first(&["ID", "AN"]);

        Record {
            pmid,
            doi,
            native_id,
            title,
            abstract_text,
            authors,
            year,
            journal,
            origin: Origin { file: self.file.clone(), record: self.record, line: raw.line },
            warnings,
        }
    }
}

/// A PMID written with a marker: `35957633 [PMID]` or `PMID: 35957633`.
fn tagged_pmid(value: &str) -> Option<String> {
    let value = value.trim();
    let digits = value
        .strip_suffix("[PMID]")
        .or_else(|| value.strip_prefix("PMID:"))
        .or_else(|| value.strip_prefix("PMID"))
        .map(str::trim)?;
    is_pmid(digits).then(|| digits.to_string())
}

/// The abstract: the first `AB` that is not a copyright notice, or `N2`, whichever is longer.
///
/// EBSCOhost writes two or three `AB` tags (the abstract, an original-language abstract, a
/// `Copyright of <journal> is the property of...` notice); the first real one is the abstract.
fn pick_abstract<'a>(fields: impl Iterator<Item = Field<'a>> + Clone) -> String {
    let best = |tag: &str| -> String {
        fields
            .clone()
            .filter(|f| f.tag == tag)
            .map(Field::paragraphs)
            .find(|v| !v.is_empty() && !is_copyright_notice(v))
            .unwrap_or_default()
    };
    let ab = best("AB");
    let n2 = best("N2");
    if n2.chars().count() > ab.chars().count() {
        n2
    } else {
        ab
    }
}

fn is_copyright_notice(value: &str) -> bool {
    value.starts_with("Copyright of ") && value.contains("is the property of")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &'static str) -> Vec<Result<Record>> {
        records(Box::new(text.as_bytes()), "t.ris".into()).collect()
    }

    #[test]
    fn tag_reads_two_uppercase_or_digit_characters() {
        assert_eq!(tag("A1 - x"), Ok((" - x", "A1")));
        assert!(tag("a1").is_err());
        assert!(tag("1A").is_err());
    }

    #[test]
    fn separator_reads_one_or_two_spaces_and_a_dash() {
        assert_eq!(separator("  - JOUR"), Ok(("JOUR", "  - ")));
        assert_eq!(separator(" - JOUR"), Ok(("JOUR", " - ")));
        assert_eq!(separator("  -"), Ok(("", "  -")));
        assert!(separator("   - x").is_err());
        assert!(separator("  -x").is_err());
    }

    #[test]
    fn tag_line_accepts_vendor_tags_only_with_two_spaces() {
        assert_eq!(tag_line("PI  - SAO PAULO"), Ok(("", ("PI", "SAO PAULO"))));
        assert_eq!(tag_line("AU - Smith, J"), Ok(("", ("AU", "Smith, J"))));
        assert!(tag_line("OS - something").is_err());
        assert!(tag_line("ER then the text goes on").is_err());
        assert_eq!(tag_line("ER  -"), Ok(("", ("ER", ""))));
    }

    #[test]
    fn flat_tag_needs_a_known_tag_after_a_space() {
        assert_eq!(flat_tag(" A1 - Ruers"), Ok(("Ruers", "A1")));
        assert_eq!(flat_tag(" ER -"), Ok(("", "ER")));
        assert!(flat_tag(" OS - 38%").is_err());
        assert!(flat_tag(" HR - 0.5").is_err());
        assert!(flat_tag("A1 - x").is_err());
    }

    #[test]
    fn flattened_line_splits_only_at_known_tags() {
        let fields =
            split_flat("JOUR A1 - Doe, J N2 - Survival (n < 10) OS - better, HR - 0.5 [CI] - x PY - 2017 ER -");
        let names: Vec<_> = fields.iter().map(|(t, _)| *t).collect();
        assert_eq!(names, ["TY", "A1", "N2", "PY", "ER"]);
        assert_eq!(fields[2].1, "Survival (n < 10) OS - better, HR - 0.5 [CI] - x");
    }

    #[test]
    fn flattened_record_is_read() {
        let got = read("TY - JOUR A1 - Doe, J A1 - Roe, K T1 - A trial N2 - Text OS - more. PY - 2017 ER -\n");
        let record = got[0].as_ref().unwrap();
        assert_eq!(record.authors, ["Doe, J", "Roe, K"]);
        assert_eq!(record.abstract_text, "Text OS - more.");
        assert_eq!(record.year.as_deref(), Some("2017"));
    }

    #[test]
    fn records_without_er_and_with_junk_between_are_split_at_ty() {
        let got = read("1.\nTY  - JOUR\nTI  - One\nER  -\nNL  - after\nLink to the Ovid Full Text\n\nTY  - JOUR\nTI  - Two\nTY  - JOUR\nTI  - Three");
        let titles: Vec<_> = got.iter().map(|r| r.as_ref().unwrap().title.clone()).collect();
        assert_eq!(titles, ["One", "Two", "Three"]);
        let lines: Vec<_> = got.iter().map(|r| r.as_ref().unwrap().origin.line).collect();
        assert_eq!(lines, [2, 8, 10]);
    }

    #[test]
    fn continuation_lines_make_paragraphs_or_wrap() {
        let got = read("TY  - JOUR\nAB  - Background: x.\nMethods: y.\n   wrapped z.\nER  - \n");
        assert_eq!(got[0].as_ref().unwrap().abstract_text, "Background: x.\nMethods: y. wrapped z.");
    }

    #[test]
    fn longer_of_ab_and_n2_wins_and_copyright_notice_is_skipped() {
        let got = read(
            "TY  - JOUR\nAB  - Copyright of J is the property of P.\nAB  - Short.\nN2  - Much longer text.\nER  - \n",
        );
        assert_eq!(got[0].as_ref().unwrap().abstract_text, "Much longer text.");
    }

    #[test]
    fn ids_come_from_an_do_and_u1() {
        let got = read("TY  - JOUR\nAN  - 123456\nDO  - https://doi.org/10.1/x\nER  - \nTY  - JOUR\nU1  - 35957633 [PMID]\nAN  - pub.1\nER  - \n");
        let first = got[0].as_ref().unwrap();
        assert_eq!((first.pmid.as_deref(), first.doi.as_deref()), (Some("123456"), Some("10.1/x")));
        let second = got[1].as_ref().unwrap();
        assert_eq!((second.pmid.as_deref(), second.native_id.as_deref()), (Some("35957633"), Some("pub.1")));
    }
}
