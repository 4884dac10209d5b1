//! PubMed XML (`<PubmedArticleSet><PubmedArticle>...`), streamed record by record.
//!
//! Structured abstracts (`<AbstractText Label="METHODS">`) are written `METHODS: text` and
//! joined with spaces; inline markup (`<i>`, `<sup>`, MathML) is flattened to its text.

use super::common::{clean_doi, is_pmid, non_empty, squash_spaces, year_in};
use super::xml::{next_record, Problems, RecordDraft, XmlStream};
use super::{Input, Records};
use crate::error::Result;
use crate::record::{Origin, Record};

/// Records of a PubMed XML input.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(PubmedRecords { xml: XmlStream::new(input), file, record: 0 })
}

struct PubmedRecords {
    xml: XmlStream,
    file: String,
    record: usize,
}

/// Which field the text being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Pmid,
    ArticleTitle,
    BookTitle,
    AbstractSection,
    LastName,
    ForeName,
    Initials,
    CollectiveName,
    JournalTitle,
    JournalAbbreviation,
    Year,
    MedlineDate,
    Doi,
    ArticleIdPubmed,
    ArticleIdPmc,
}

/// What was gathered of one record.
#[derive(Default)]
struct Draft {
    pmid: Option<String>,
    pmid_from_ids: Option<String>,
    pmc: Option<String>,
    title: Option<String>,
    book_title: Option<String>,
    sections: Vec<(Option<String>, String)>,
    authors: Vec<String>,
    author: AuthorParts,
    journal: Option<String>,
    journal_abbreviation: Option<String>,
    year: Option<String>,
    doi: Option<String>,
    problems: Problems,
}

#[derive(Default)]
struct AuthorParts {
    last: String,
    fore: String,
    initials: String,
    collective: String,
}

impl Iterator for PubmedRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        next_record::<Draft>(&mut self.xml, &self.file, &mut self.record, is_record_start)
    }
}

/// `PubmedArticle`, `PubmedBookArticle`, or a `MedlineCitation` outside a `PubmedArticle`.
fn is_record_start(xml: &XmlStream, name: &str) -> bool {
    match name {
        "PubmedArticle" | "PubmedBookArticle" => true,
        "MedlineCitation" => xml.parent() != Some("PubmedArticle"),
        _ => false,
    }
}

impl RecordDraft for Draft {
    type Target = Target;

    /// The field an element's text belongs to, judged by its name, parent and attributes.
    fn target(&self, xml: &XmlStream, name: &str, attributes: &[(String, String)]) -> Option<Target> {
        let parent = xml.parent().unwrap_or("");
        let attribute = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        Some(match (name, parent) {
            ("PMID", "MedlineCitation" | "BookDocument") => Target::Pmid,
            ("ArticleTitle", "Article" | "BookDocument") => Target::ArticleTitle,
            ("BookTitle", "Book") => Target::BookTitle,
            ("AbstractText", "Abstract") => Target::AbstractSection,
            ("LastName", "Author") => Target::LastName,
            ("ForeName", "Author") => Target::ForeName,
            ("Initials", "Author") => Target::Initials,
            ("CollectiveName", "Author") => Target::CollectiveName,
            ("Title", "Journal") => Target::JournalTitle,
            ("ISOAbbreviation", "Journal") => Target::JournalAbbreviation,
            ("Year", "PubDate") => Target::Year,
            ("MedlineDate", "PubDate") => Target::MedlineDate,
            ("ELocationID", _) if attribute("EIdType") == Some("doi") => Target::Doi,
            ("ArticleId", "ArticleIdList") if !xml.within("ReferenceList") => match attribute("IdType") {
                Some("doi") => Target::Doi,
                Some("pubmed") => Target::ArticleIdPubmed,
                Some("pmc") => Target::ArticleIdPmc,
                _ => return None,
            },
            _ => return None,
        })
    }

    /// A new author starts its parts afresh; an abstract section keeps its label.
    fn start(&mut self, name: &str, attributes: &[(String, String)], field: Option<Target>) {
        if name == "Author" {
            self.author = AuthorParts::default();
        }
        if field == Some(Target::AbstractSection) {
            let label = attributes.iter().find(|(k, _)| k == "Label").map(|(_, v)| v.clone());
            self.sections.push((label.and_then(|l| non_empty(&l)), String::new()));
        }
    }

    fn store(&mut self, target: Target, text: &str) {
        store(self, target, squash_spaces(text));
    }

    /// An author is complete at its end tag.
    fn end(&mut self, name: &str) {
        if name == "Author" {
            let parts = std::mem::take(&mut self.author);
            if let Some(author) = parts.format() {
                self.authors.push(author);
            }
        }
    }

    fn problems(&mut self) -> &mut Problems {
        &mut self.problems
    }

    fn finish(self, origin: Origin) -> Record {
        let abstract_text = self
            .sections
            .iter()
            .filter(|(_, text)| !text.is_empty())
            .map(|(label, text)| match label {
                Some(label) => format!("{label}: {text}"),
                None => text.clone(),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let pmid = self.pmid.or(self.pmid_from_ids);
        Record {
            native_id: pmid.clone().or(self.pmc),
            pmid,
            doi: self.doi,
            title: self.title.or(self.book_title).unwrap_or_default(),
            abstract_text,
            authors: self.authors,
            year: self.year,
            journal: self.journal.or(self.journal_abbreviation),
            origin,
            warnings: self.problems.warnings,
        }
    }
}

/// Stores the text of a finished element into its field (first value wins).
fn store(draft: &mut Draft, target: Target, value: String) {
    match target {
        Target::Pmid => {
            if draft.pmid.is_none() && is_pmid(&value) {
                draft.pmid = Some(value);
            }
        }
        Target::ArticleIdPubmed => {
            if draft.pmid_from_ids.is_none() && is_pmid(&value) {
                draft.pmid_from_ids = Some(value);
            }
        }
        Target::ArticleIdPmc => {
            if draft.pmc.is_none() && !value.trim().is_empty() {
                draft.pmc = Some(value.trim().to_string());
            }
        }
        Target::ArticleTitle => {
            draft.title.get_or_insert(value);
        }
        Target::BookTitle => {
            draft.book_title.get_or_insert(value);
        }
        Target::AbstractSection => {
            if let Some(section) = draft.sections.last_mut() {
                section.1 = value;
            }
        }
        Target::LastName => draft.author.last = value,
        Target::ForeName => draft.author.fore = value,
        Target::Initials => draft.author.initials = value,
        Target::CollectiveName => draft.author.collective = value,
        Target::JournalTitle => {
            draft.journal.get_or_insert(value);
        }
        Target::JournalAbbreviation => {
            draft.journal_abbreviation.get_or_insert(value);
        }
        Target::Year | Target::MedlineDate => {
            if draft.year.is_none() {
                draft.year = year_in(&value);
            }
        }
        Target::Doi => {
            if draft.doi.is_none() {
                draft.doi = clean_doi(&value);
            }
        }
    }
}

impl AuthorParts {
    /// `Last, Fore` (or `Last, Initials`, or the collective name).
    fn format(&self) -> Option<String> {
        let given = if self.fore.is_empty() { &self.initials } else { &self.fore };
        match (self.last.is_empty(), given.is_empty()) {
            (false, false) => Some(format!("{}, {}", self.last, given)),
            (false, true) => Some(self.last.clone()),
            _ => non_empty(&self.collective),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn read(text: &'static str) -> Vec<Result<Record>> {
        records(Box::new(text.as_bytes()), "t.xml".into()).collect()
    }

    const ARTICLE: &str = r#"<?xml version="1.0"?>
<PubmedArticleSet>
<PubmedArticle><MedlineCitation><PMID Version="1">123</PMID>
<Article><Journal><Title>The Journal</Title><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>
<ArticleTitle>A <i>trial</i> of x</ArticleTitle>
<ELocationID EIdType="doi">10.1/abc</ELocationID>
<Abstract><AbstractText Label="BACKGROUND">Why &amp; how.</AbstractText>
<AbstractText Label="RESULTS">HR 0.5 (P&lt;0.01); 10<sup>3</sup> cells.</AbstractText></Abstract>
<AuthorList><Author><LastName>Doe</LastName><ForeName>Jane</ForeName></Author>
<Author><CollectiveName>The Group</CollectiveName></Author></AuthorList></Article>
<CommentsCorrectionsList><CommentsCorrections><PMID>999</PMID></CommentsCorrections></CommentsCorrectionsList>
</MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID>456</PMID></MedlineCitation></PubmedArticle>
</PubmedArticleSet>"#;

    #[test]
    fn structured_abstract_and_metadata_are_read() {
        let got = read(ARTICLE);
        assert_eq!(got.len(), 2);
        let first = got[0].as_ref().unwrap();
        assert_eq!(first.pmid.as_deref(), Some("123"));
        assert_eq!(first.title, "A trial of x");
        assert_eq!(first.abstract_text, "BACKGROUND: Why & how. RESULTS: HR 0.5 (P<0.01); 10^3 cells.");
        assert_eq!(first.authors, ["Doe, Jane", "The Group"]);
        assert_eq!((first.year.as_deref(), first.journal.as_deref()), (Some("2020"), Some("The Journal")));
        assert_eq!(first.doi.as_deref(), Some("10.1/abc"));
        assert_eq!(first.origin.line, 3);
        let second = got[1].as_ref().unwrap();
        assert_eq!((second.pmid.as_deref(), second.abstract_text.as_str(), second.origin.record), (Some("456"), "", 2));
    }

    #[test]
    fn entity_declarations_are_refused() {
        let got = read(
            r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID></MedlineCitation></PubmedArticle></PubmedArticleSet>"#,
        );
        assert_eq!(got.len(), 1);
        let err = got[0].as_ref().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Limit);
        assert_eq!(err.location().unwrap().file, "t.xml");
    }

    #[test]
    fn deep_nesting_is_a_located_limit_error_and_the_next_record_survives() {
        let deep = format!(
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>{}{}</MedlineCitation></PubmedArticle>\
             <PubmedArticle><MedlineCitation><PMID>2</PMID></MedlineCitation></PubmedArticle></PubmedArticleSet>",
            "<x>".repeat(1000),
            "</x>".repeat(1000)
        );
        let got: Vec<_> = records(Box::new(std::io::Cursor::new(deep.into_bytes())), "t.xml".into()).collect();
        assert_eq!(got.len(), 2);
        let err = got[0].as_ref().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Limit);
        assert_eq!(err.location().unwrap().record, Some(1));
        assert_eq!(got[1].as_ref().unwrap().pmid.as_deref(), Some("2"));
    }

    #[test]
    fn truncated_record_is_an_error() {
        let got = read("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap_err().location().unwrap().record, Some(1));
    }
}
