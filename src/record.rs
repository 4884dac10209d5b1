//! `Record`: one bibliographic record as read from an export, with where it came from.

use serde::Serialize;

/// Where a record came from: file, 1-based position in that file, 1-based first line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file as the user named it (`-` for standard input).
    pub file: String,
    /// 1-based position of the record in its file.
    pub record: usize,
    /// 1-based line where the record starts (1 for formats without lines).
    pub line: usize,
}

/// One record: metadata and the abstract that extraction reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// PubMed id, when the export carries one.
    pub pmid: Option<String>,
    /// DOI without a `https://doi.org/` prefix, when the export carries one.
    pub doi: Option<String>,
    /// The format's own id (RIS `ID`/`AN`, JSONL `id`, BibTeX key, EndNote rec-number...).
    pub native_id: Option<String>,
    /// The title, or empty.
    pub title: String,
    /// The abstract, or empty when the record has none.
    pub abstract_text: String,
    /// Authors as written in the export, in order.
    pub authors: Vec<String>,
    /// Publication year as written (usually four digits).
    pub year: Option<String>,
    /// Journal or other container title.
    pub journal: Option<String>,
    /// Where the record came from.
    pub origin: Origin,
    /// Problems met while reading that did not stop the record (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

impl Record {
    /// The record's id: PMID, else DOI, else the format's own id, else `<file name>#<n>`.
    pub fn id(&self) -> String {
        fn non_empty(s: &Option<String>) -> Option<&str> {
            s.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        if let Some(id) = non_empty(&self.pmid).or_else(|| non_empty(&self.doi)).or_else(|| non_empty(&self.native_id))
        {
            return id.to_string();
        }
        let name =
            std::path::Path::new(&self.origin.file).file_name().and_then(|n| n.to_str()).unwrap_or(&self.origin.file);
        format!("{}#{}", name, self.origin.record)
    }

    /// The name of the file the record came from, without its folder (`-` for standard input).
    pub fn source_name(&self) -> String {
        std::path::Path::new(&self.origin.file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&self.origin.file)
            .to_string()
    }

    /// Whether the record has an abstract to extract from.
    pub fn has_abstract(&self) -> bool {
        !self.abstract_text.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefers_pmid_then_doi_then_native_then_file_position() {
        let mut record =
            Record { origin: Origin { file: "dir/export.ris".into(), record: 3, line: 10 }, ..Record::default() };
        assert_eq!(record.id(), "export.ris#3");
        record.native_id = Some("WOS:1".into());
        assert_eq!(record.id(), "WOS:1");
        record.doi = Some("10.1/x".into());
        assert_eq!(record.id(), "10.1/x");
        record.pmid = Some(" ".into());
        assert_eq!(record.id(), "10.1/x");
        record.pmid = Some("123".into());
        assert_eq!(record.id(), "123");
    }
}
