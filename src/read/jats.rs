//! JATS / PMC article XML (`.nxml`: `<article><front><article-meta>...`), one record per
//! `<article>`, streamed.
//!
//! The record is the article's front matter: PMID, PMCID and DOI from `<article-id>`, the
//! title, the authors, the first publication year and the journal title. The abstract is the
//! article's main `<abstract>` (the one without an `abstract-type`; the "toc", "summary" and
//! translated abstracts are left out, unless there is no other); its `<sec>` sections are
//! written `Title: text` and joined with spaces, as PubMed XML's labelled sections are.

use super::common::{clean_doi, is_pmid, non_empty, squash_spaces, year_in};
use super::xml::{next_record, Problems, RecordDraft, XmlStream};
use super::{Input, Records};
use crate::error::Result;
use crate::record::{Origin, Record};

/// Records of a JATS input.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(JatsRecords { xml: XmlStream::new(input), file, record: 0 })
}

struct JatsRecords {
    xml: XmlStream,
    file: String,
    record: usize,
}

/// Which field the text being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Pmid,
    Pmcid,
    Doi,
    Title,
    Surname,
    GivenNames,
    CollabName,
    Year,
    Journal,
    SectionTitle,
    Paragraph,
}

/// Which abstract the text being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Abstract {
    /// The main abstract (no `abstract-type`).
    Main,
    /// A typed abstract (`toc`, `summary`...), used only when there is no main one.
    Other,
}

/// What was gathered of one article.
#[derive(Default)]
struct Draft {
    pmid: Option<String>,
    pmcid: Option<String>,
    doi: Option<String>,
    title: Option<String>,
    authors: Vec<String>,
    surname: String,
    given_names: String,
    year: Option<String>,
    journal: Option<String>,
    /// The abstract being read, if any.
    reading: Option<Abstract>,
    /// Whether a main abstract (or a typed one) was already read: only the first counts.
    main_done: bool,
    other_done: bool,
    main: Vec<String>,
    other: Vec<String>,
    /// A section title waiting for its first paragraph.
    label: Option<String>,
    problems: Problems,
}

impl Iterator for JatsRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        next_record::<Draft>(&mut self.xml, &self.file, &mut self.record, |_, name| name == "article")
    }
}

impl RecordDraft for Draft {
    type Target = Target;

    /// The field an element's text belongs to: only the front matter of the article itself
    /// counts (not sub-articles, references or the body).
    fn target(&self, xml: &XmlStream, name: &str, attributes: &[(String, String)]) -> Option<Target> {
        if xml.within("sub-article") || xml.within("ref-list") || xml.within("back") || xml.within("body") {
            return None;
        }
        let parent = xml.parent().unwrap_or("");
        let attribute = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        if self.reading.is_some() {
            return match (name, parent) {
                ("title", "sec") => Some(Target::SectionTitle),
                ("p", _) => Some(Target::Paragraph),
                _ => None,
            };
        }
        if xml.within("trans-abstract") {
            return None;
        }
        let in_meta = xml.within("article-meta");
        Some(match (name, parent) {
            ("article-id", "article-meta") => match attribute("pub-id-type") {
                Some("pmid") => Target::Pmid,
                Some("pmc" | "pmcid") => Target::Pmcid,
                Some("doi") => Target::Doi,
                _ => return None,
            },
            ("article-title", "title-group") if in_meta => Target::Title,
            ("surname", "name") if in_meta && xml.within("contrib") => Target::Surname,
            ("given-names", "name") if in_meta && xml.within("contrib") => Target::GivenNames,
            ("collab", "contrib") if in_meta => Target::CollabName,
            ("year", "pub-date") if in_meta => Target::Year,
            ("journal-title", _) if xml.within("journal-meta") => Target::Journal,
            _ => return None,
        })
    }

    /// An abstract starts being read; an author's name parts start afresh.
    fn start(&mut self, name: &str, attributes: &[(String, String)], _field: Option<Target>) {
        match name {
            "abstract" if self.reading.is_none() => {
                let typed = attributes.iter().any(|(k, _)| k == "abstract-type");
                self.reading = match typed {
                    false if !self.main_done => Some(Abstract::Main),
                    true if !self.other_done => Some(Abstract::Other),
                    _ => None,
                };
                self.label = None;
            }
            "name" => {
                self.surname.clear();
                self.given_names.clear();
            }
            _ => {}
        }
    }

    fn store(&mut self, target: Target, text: &str) {
        let value = squash_spaces(text);
        match target {
            Target::Pmid => {
                if self.pmid.is_none() && is_pmid(&value) {
                    self.pmid = Some(value);
                }
            }
            Target::Pmcid => {
                if self.pmcid.is_none() && !value.is_empty() {
                    let digits = value.trim_start_matches("PMC");
                    self.pmcid = Some(format!("PMC{digits}"));
                }
            }
            Target::Doi => {
                if self.doi.is_none() {
                    self.doi = clean_doi(&value);
                }
            }
            Target::Title => {
                self.title.get_or_insert(value);
            }
            Target::Surname => self.surname = value,
            Target::GivenNames => self.given_names = value,
            Target::CollabName => self.authors.extend(non_empty(&value)),
            Target::Year => {
                if self.year.is_none() {
                    self.year = year_in(&value);
                }
            }
            Target::Journal => {
                self.journal.get_or_insert(value);
            }
            Target::SectionTitle => {
                self.label = non_empty(value.trim_end_matches([':', '.']));
            }
            Target::Paragraph => {
                let Some(which) = self.reading else { return };
                if value.is_empty() {
                    return;
                }
                let piece = match self.label.take() {
                    Some(label) => format!("{label}: {value}"),
                    None => value,
                };
                match which {
                    Abstract::Main => self.main.push(piece),
                    Abstract::Other => self.other.push(piece),
                }
            }
        }
    }

    /// An abstract or an author name is complete at its end tag.
    fn end(&mut self, name: &str) {
        match name {
            "abstract" => {
                match self.reading.take() {
                    Some(Abstract::Main) => self.main_done = true,
                    Some(Abstract::Other) => self.other_done = true,
                    None => {}
                }
                self.label = None;
            }
            "name" if !self.surname.is_empty() => {
                let author = match self.given_names.is_empty() {
                    true => self.surname.clone(),
                    false => format!("{}, {}", self.surname, self.given_names),
                };
                self.authors.push(author);
                self.surname.clear();
                self.given_names.clear();
            }
            _ => {}
        }
    }

    fn problems(&mut self) -> &mut Problems {
        &mut self.problems
    }

    fn finish(self, origin: Origin) -> Record {
        let sections = if self.main.is_empty() { self.other } else { self.main };
        Record {
            native_id: self.pmcid.or_else(|| self.pmid.clone()),
            pmid: self.pmid,
            doi: self.doi,
            title: self.title.unwrap_or_default(),
            abstract_text: sections.join(" "),
            authors: self.authors,
            year: self.year,
            journal: self.journal,
            origin,
            warnings: self.problems.warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.0 20120330//EN" "JATS-archivearticle1.dtd">
<article article-type="research-article"><front>
<journal-meta><journal-title-group><journal-title>PLoS Medicine</journal-title></journal-title-group></journal-meta>
<article-meta><article-id pub-id-type="pmid">27622507</article-id><article-id pub-id-type="pmc">5021260</article-id>
<article-id pub-id-type="doi">10.1371/journal.pmed.1002120</article-id>
<title-group><article-title>A <italic>cluster</italic> trial</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Ali</surname><given-names>Mohammad</given-names></name></contrib>
<contrib contrib-type="author"><collab>The Study Group</collab></contrib></contrib-group>
<pub-date pub-type="epub"><day>13</day><month>9</month><year>2016</year></pub-date>
<abstract><sec><title>Background</title><p>Why.</p></sec>
<sec><title>Findings</title><p>Risk 10<sup>&#x2212;5</sup> (HR 0.70, 95% CI 0.50&#x2013;0.98).</p><p>More.</p></sec></abstract>
<trans-abstract xml:lang="fr"><p>R&#x000c9;SUM&#x000c9;</p></trans-abstract>
<abstract abstract-type="toc"><p>Short.</p></abstract>
</article-meta></front><body><sec><title>Intro</title><p>Body text.</p></sec></body>
<back><ref-list><ref><article-title>Cited</article-title></ref></ref-list></back></article>"#;

    #[test]
    fn front_matter_and_the_main_abstract_are_read() {
        let got: Vec<Record> = records(Box::new(ARTICLE.as_bytes()), "a.nxml".into()).map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 1);
        let record = &got[0];
        assert_eq!(
            (record.pmid.as_deref(), record.native_id.as_deref(), record.doi.as_deref()),
            (Some("27622507"), Some("PMC5021260"), Some("10.1371/journal.pmed.1002120"))
        );
        assert_eq!(record.title, "A cluster trial");
        assert_eq!(record.authors, ["Ali, Mohammad", "The Study Group"]);
        assert_eq!((record.year.as_deref(), record.journal.as_deref()), (Some("2016"), Some("PLoS Medicine")));
        assert_eq!(
            record.abstract_text,
            "Background: Why. Findings: Risk 10^\u{2212}5 (HR 0.70, 95% CI 0.50\u{2013}0.98). More."
        );
    }

    #[test]
    fn a_typed_abstract_is_used_when_there_is_no_other() {
        let text = r#"<article><front><article-meta><abstract abstract-type="summary"><p>Only this.</p></abstract>
<abstract abstract-type="toc"><p>Not this.</p></abstract></article-meta></front></article>"#;
        let got: Vec<Record> = records(Box::new(text.as_bytes()), "a.nxml".into()).map(|r| r.unwrap()).collect();
        assert_eq!(got[0].abstract_text, "Only this.");
    }
}
