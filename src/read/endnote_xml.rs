//! EndNote XML (`<xml><records><record>...`), streamed record by record.
//!
//! Values may be split across `<style>` runs (concatenated) and carry `&#xD;` line breaks
//! (kept as paragraph breaks in the abstract, spaces elsewhere).

use super::common::{clean_doi, is_pmid, non_empty, squash_spaces, year_in};
use super::xml::{next_record, Problems, RecordDraft, XmlStream};
use super::{Input, Records};
use crate::error::Result;
use crate::record::{Origin, Record};

/// Records of an EndNote XML input.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(EndnoteRecords { xml: XmlStream::new(input), file, record: 0 })
}

struct EndnoteRecords {
    xml: XmlStream,
    file: String,
    record: usize,
}

/// Which field the text being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    RecNumber,
    Author,
    Title,
    SecondaryTitle,
    FullTitle,
    Year,
    Abstract,
    Doi,
    AccessionNumber,
}

/// What was gathered of one record.
#[derive(Default)]
struct Draft {
    rec_number: Option<String>,
    authors: Vec<String>,
    title: Option<String>,
    secondary_title: Option<String>,
    full_title: Option<String>,
    year: Option<String>,
    abstract_text: Option<String>,
    doi: Option<String>,
    accession: Option<String>,
    problems: Problems,
}

impl Iterator for EndnoteRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        next_record::<Draft>(&mut self.xml, &self.file, &mut self.record, |_, name| name == "record")
    }
}

impl RecordDraft for Draft {
    type Target = Target;

    /// The field an element's text belongs to, judged by its name and parent.
    fn target(&self, xml: &XmlStream, name: &str, _attributes: &[(String, String)]) -> Option<Target> {
        let parent = xml.parent().unwrap_or("");
        Some(match (name, parent) {
            ("rec-number", "record") => Target::RecNumber,
            ("author", "authors") if xml.path.iter().rev().nth(2).map(String::as_str) == Some("contributors") => {
                Target::Author
            }
            ("title", "titles") => Target::Title,
            ("secondary-title", "titles") => Target::SecondaryTitle,
            ("full-title", "periodical") => Target::FullTitle,
            ("year", "dates") => Target::Year,
            ("abstract", "record") => Target::Abstract,
            ("electronic-resource-num", "record") => Target::Doi,
            ("accession-num", "record") => Target::AccessionNumber,
            _ => return None,
        })
    }

    /// Stores the text of a finished element into its field (first value wins).
    fn store(&mut self, target: Target, raw: &str) {
        let value = squash_spaces(raw);
        let value = non_empty(&value);
        match target {
            Target::RecNumber => set_once(&mut self.rec_number, value),
            Target::Author => self.authors.extend(value),
            Target::Title => set_once(&mut self.title, value),
            Target::SecondaryTitle => set_once(&mut self.secondary_title, value),
            Target::FullTitle => set_once(&mut self.full_title, value),
            Target::Year => set_once(&mut self.year, value.and_then(|v| year_in(&v))),
            Target::Abstract => set_once(&mut self.abstract_text, non_empty(&paragraphs(raw))),
            Target::Doi => set_once(&mut self.doi, value.and_then(|v| clean_doi(&v))),
            Target::AccessionNumber => set_once(&mut self.accession, value),
        }
    }

    fn problems(&mut self) -> &mut Problems {
        &mut self.problems
    }

    fn finish(self, origin: Origin) -> Record {
        Record {
            pmid: self.accession.as_deref().filter(|a| is_pmid(a)).map(str::to_string),
            doi: self.doi,
            native_id: self.rec_number.or(self.accession),
            title: self.title.unwrap_or_default(),
            abstract_text: self.abstract_text.unwrap_or_default(),
            authors: self.authors,
            year: self.year,
            journal: self.full_title.or(self.secondary_title),
            origin,
            warnings: self.problems.warnings,
        }
    }
}

/// Paragraphs of a value with `&#xD;` / newline breaks: each line's spaces squashed, empty
/// lines dropped, lines joined with `\n`.
fn paragraphs(text: &str) -> String {
    text.split(['\r', '\n']).map(squash_spaces).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn set_once(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_runs_and_carriage_returns_are_joined() {
        let text = r#"<?xml version="1.0"?><xml><records>
<record><rec-number>895</rec-number><contributors><authors><author><style face="normal">Doe, </style><style>Jane</style></author><author>Roe, K</author></authors><secondary-authors><author>Editor, E</author></secondary-authors></contributors>
<titles><title><style>A <i>trial</i></style></title><secondary-title>J Short</secondary-title></titles>
<periodical><full-title>Journal Full</full-title></periodical><dates><year><style>2018</style></year></dates>
<abstract><style>Background: x.&#xD;Results: HR </style><style>0.5.</style></abstract>
<electronic-resource-num>https://doi.org/10.1/x</electronic-resource-num><accession-num>29657938</accession-num></record>
<record><rec-number>2</rec-number></record></records></xml>"#;
        let got: Vec<_> = records(Box::new(text.as_bytes()), "t.xml".into()).map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 2);
        let first = &got[0];
        assert_eq!(first.native_id.as_deref(), Some("895"));
        assert_eq!(first.authors, ["Doe, Jane", "Roe, K"]);
        assert_eq!(first.title, "A trial");
        assert_eq!(first.journal.as_deref(), Some("Journal Full"));
        assert_eq!(first.year.as_deref(), Some("2018"));
        assert_eq!(first.abstract_text, "Background: x.\nResults: HR 0.5.");
        assert_eq!((first.doi.as_deref(), first.pmid.as_deref()), (Some("10.1/x"), Some("29657938")));
        assert_eq!((first.origin.line, got[1].origin.line), (2, 7));
    }
}
