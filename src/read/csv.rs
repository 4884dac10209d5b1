//! CSV and TSV exports with a header line (Zotero, Rayyan, Embase, Scopus, IEEE Xplore...).
//!
//! Columns are found by name, case-insensitively, from lists of the names vendors use
//! (`Abstract`, `Abstract Note`, `AB`, `N2`...). Quoted cells may hold line breaks; each
//! record's line is the line where it starts. A row with fewer cells than the header reads
//! the missing ones as empty. A row with more cells than the header is shifted (Scopus writes a
//! `Funding Text 2` cell its header does not name): it is read with a warning naming it, each
//! column of the first half of the header from the start of the row and each of the second half
//! from its end, so that both the abstract near the start and the ids near the end are the
//! cells their header names, not the neighbours the shift put there.

use super::common::{clean_doi, is_pmid, non_empty, squash_spaces, year_in};
use super::{decode_lossy, Input, Records};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::record::{Origin, Record};

/// Column names (lower case) holding the abstract, best first.
const ABSTRACT_COLUMNS: &[&str] =
    &["abstract", "abstract note", "abstracts", "ab", "n2", "abstract_text", "abstracttext"];
/// Column names holding the title.
const TITLE_COLUMNS: &[&str] =
    &["title", "article title", "document title", "ti", "t1", "primary title", "title of the article"];
/// Column names holding the PubMed id.
const PMID_COLUMNS: &[&str] = &["pmid", "pubmed id", "pubmed_id", "pubmedid", "pubmed"];
/// Column names holding the DOI.
const DOI_COLUMNS: &[&str] = &["doi", "do", "di"];
/// Column names holding the export's own record id.
const ID_COLUMNS: &[&str] =
    &["id", "key", "record id", "record_id", "eid", "accession number", "an", "ut (unique wos id)", "covidence #"];
/// Column names holding the authors.
const AUTHOR_COLUMNS: &[&str] = &["authors", "author", "author names", "au", "author full names"];
/// Column names holding the year.
const YEAR_COLUMNS: &[&str] = &["year", "publication year", "py", "pubyear", "date", "publication date"];
/// Column names holding the journal.
const JOURNAL_COLUMNS: &[&str] =
    &["journal", "source title", "publication title", "journal/book", "jo", "so", "journal title", "source"];

/// Which column holds each field, found from the header.
#[derive(Default)]
struct Columns {
    /// How many cells the header has.
    width: usize,
    abstract_text: Option<usize>,
    title: Option<usize>,
    pmid: Option<usize>,
    doi: Option<usize>,
    id: Option<usize>,
    authors: Option<usize>,
    year: Option<usize>,
    journal: Option<usize>,
}

impl Columns {
    /// Finds the columns in a header row.
    fn from_header(header: &csv::ByteRecord) -> Self {
        let names: Vec<String> = header
            .iter()
            .map(|cell| {
                let (name, _) = decode_lossy(cell);
                name.trim_start_matches('\u{feff}').trim().trim_matches('"').trim().to_lowercase()
            })
            .collect();
        let find = |wanted: &[&str]| wanted.iter().find_map(|w| names.iter().position(|n| n == w));
        Columns {
            width: names.len(),
            abstract_text: find(ABSTRACT_COLUMNS),
            title: find(TITLE_COLUMNS),
            pmid: find(PMID_COLUMNS),
            doi: find(DOI_COLUMNS),
            id: find(ID_COLUMNS),
            authors: find(AUTHOR_COLUMNS),
            year: find(YEAR_COLUMNS),
            journal: find(JOURNAL_COLUMNS),
        }
    }
}

/// Records of a CSV (`delimiter` `,`) or TSV (`\t`) input.
pub(super) fn records(input: Input, file: String, delimiter: u8) -> Records {
    let reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(input);
    Box::new(CsvRecords { reader, file, record: 0, columns: None, row: csv::ByteRecord::new(), done: false })
}

struct CsvRecords {
    reader: csv::Reader<Input>,
    file: String,
    record: usize,
    columns: Option<Columns>,
    row: csv::ByteRecord,
    done: bool,
}

impl Iterator for CsvRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            match self.reader.byte_headers() {
                Ok(header) => self.columns = Some(Columns::from_header(header)),
                Err(err) => {
                    self.done = true;
                    return Some(Err(self.error(&err, 1)));
                }
            }
        }
        match self.reader.read_byte_record(&mut self.row) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                self.record += 1;
                Some(Ok(self.build()))
            }
            Err(err) => {
                self.record += 1;
                let line = err.position().map(|p| p.line() as usize).unwrap_or(0);
                if err.is_io_error() {
                    self.done = true;
                }
                Some(Err(self.error(&err, line)))
            }
        }
    }
}

impl CsvRecords {
    fn error(&self, err: &csv::Error, line: usize) -> Error {
        let kind = if err.is_io_error() { ErrorKind::Io } else { ErrorKind::Parse };
        Error::new(kind, err.to_string()).at(Location::at(self.file.clone(), self.record.max(1), line.max(1)))
    }

    /// Turns the current row into a [`Record`].
    fn build(&self) -> Record {
        let line = self.row.position().map(|p| p.line() as usize).unwrap_or(1);
        let mut warnings = Vec::new();
        let default = Columns::default();
        let columns = self.columns.as_ref().unwrap_or(&default);
        let extra = self.row.len().saturating_sub(columns.width);
        if extra > 0 && columns.width > 0 {
            warnings.push(format!(
                "the row at line {line} has {} cells under a header of {}: shifted, read by header name from both ends",
                self.row.len(),
                columns.width
            ));
        }
        let cell = |column: Option<usize>| -> Option<String> {
            let column = column?;
            let at = if column * 2 >= columns.width { column + extra } else { column };
            let bytes = self.row.get(at)?;
            let (text, _) = decode_lossy(bytes);
            non_empty(&text)
        };
        if self.row.iter().any(|c| std::str::from_utf8(c).is_err()) {
            warnings.push(format!("invalid UTF-8 in the record starting at line {line}, replaced with U+FFFD"));
        }
        let abstract_text = cell(columns.abstract_text).map(|a| paragraphs(&a)).unwrap_or_default();
        let authors = cell(columns.authors).map(|a| split_authors(&a)).unwrap_or_default();
        Record {
            pmid: cell(columns.pmid).filter(|p| is_pmid(p)),
            doi: cell(columns.doi).and_then(|d| clean_doi(&d)),
            native_id: cell(columns.id),
            title: cell(columns.title).map(|t| squash_spaces(&t)).unwrap_or_default(),
            abstract_text,
            authors,
            year: cell(columns.year).and_then(|y| year_in(&y)),
            journal: cell(columns.journal).map(|j| squash_spaces(&j)),
            origin: Origin { file: self.file.clone(), record: self.record, line },
            warnings,
        }
    }
}

/// Line breaks inside a cell kept as paragraph breaks, spaces squashed within each line, and
/// JATS markup (`<jats:p>`, which Crossref-fed exports such as Rayyan's leave in) removed.
fn paragraphs(text: &str) -> String {
    let text = strip_jats(text);
    text.lines().map(squash_spaces).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Text without `<jats:...>` / `</jats:...>` tags; other `<` (as in `P < 0.05`) is kept.
fn strip_jats(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = [rest.find("<jats:"), rest.find("</jats:")].into_iter().flatten().min() {
        out.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => {
                // A tag between words stands for one space, never two.
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Authors split on `;` (Zotero, IEEE), else on ` and ` (Rayyan), else one value.
fn split_authors(cell: &str) -> Vec<String> {
    let parts: Vec<&str> = if cell.contains(';') {
        cell.split(';').collect()
    } else if cell.contains(" and ") {
        cell.split(" and ").collect()
    } else {
        vec![cell]
    };
    parts.into_iter().filter_map(non_empty).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_vendor_names_and_quoted_cells_span_lines() {
        let text = "\u{feff}Key,Title,Abstract Note,DOI,PubMed ID,Author,Publication Year\n\
                    K1,First,\"Line one.\nLine two, with comma.\",https://doi.org/10.1/x,123,\"Doe, J; Roe, K\",2019\n\
                    K2,Second\n";
        let got: Vec<_> = records(Box::new(text.as_bytes()), "t.csv".into(), b',').map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].abstract_text, "Line one.\nLine two, with comma.");
        assert_eq!((got[0].doi.as_deref(), got[0].pmid.as_deref()), (Some("10.1/x"), Some("123")));
        assert_eq!(got[0].native_id.as_deref(), Some("K1"));
        assert_eq!(got[0].authors, ["Doe, J", "Roe, K"]);
        assert_eq!((got[0].origin.line, got[1].origin.line), (2, 4));
        assert_eq!((got[1].title.as_str(), got[1].abstract_text.as_str()), ("Second", ""));
    }

    #[test]
    fn jats_markup_is_removed_but_less_than_signs_stay() {
        assert_eq!(paragraphs("<jats:title>Abstract</jats:title><jats:p>P < 0.05</jats:p>"), "Abstract P < 0.05");
    }

    #[test]
    fn a_row_with_an_extra_cell_is_read_by_header_name_from_both_ends_with_a_warning() {
        // Scopus: a `Funding Text 2` cell the header does not name shifts the later columns.
        let text = "Authors,Title,Abstract,Funding Text 1,References,PubMed ID,Source,EID\n\
                    Doe J,T,HR 0.5.,f1,f2,refs,123,Scopus,2-s2.0-1\n\
                    Roe K,U,HR 0.6.,f1,refs,456,Scopus,2-s2.0-2\n";
        let got: Vec<_> = records(Box::new(text.as_bytes()), "t.csv".into(), b',').map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].abstract_text.as_str(), got[0].pmid.as_deref()), ("HR 0.5.", Some("123")));
        assert_eq!(got[0].native_id.as_deref(), Some("2-s2.0-1"));
        assert_eq!(got[0].warnings.len(), 1);
        assert!(got[0].warnings[0].contains("line 2 has 9 cells under a header of 8"), "{:?}", got[0].warnings);
        assert_eq!((got[1].native_id.as_deref(), got[1].warnings.len()), (Some("2-s2.0-2"), 0));
    }

    #[test]
    fn tsv_uses_tabs() {
        let got: Vec<_> = records(Box::new(&b"TI\tAB\nA title\tAn abstract\n"[..]), "t.tsv".into(), b'\t')
            .map(|r| r.unwrap())
            .collect();
        assert_eq!((got[0].title.as_str(), got[0].abstract_text.as_str()), ("A title", "An abstract"));
    }
}
