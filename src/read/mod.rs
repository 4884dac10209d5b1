//! Readers: one module per input format, each yielding one `Result<Record>` per record.
//!
//! [`open`] opens a file (or standard input for `-`), unwraps gzip transparently, sniffs the
//! format from the first bytes (never from the file name: many RIS exports end in `.txt`)
//! unless the caller forces one, and returns an iterator of records. Record 17 failing never
//! stops record 18: a broken record is an `Err` located by file, record and line.

mod bibtex;
mod common;
mod csv;
mod decode;
mod endnote_xml;
mod jats;
mod jsonl;
mod markup;
mod medline;
mod ovid;
mod pubmed_xml;
mod ris;
mod sniff;
mod text;
mod wos;
mod xml;

use std::fs::File;
use std::io::{self, BufRead, Cursor, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::record::Record;

pub use sniff::sniff;

/// An iterator of records from one input.
pub type Records = Box<dyn Iterator<Item = Result<Record>> + Send>;

/// A boxed buffered byte source.
pub type Input = Box<dyn BufRead + Send>;

/// The input formats trialrex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// RIS (`TY  - JOUR` ... `ER  -`), including RIS flattened onto one line.
    Ris,
    /// MEDLINE / PubMed nbib (`PMID- `, `AB  - ` with six-space continuation lines).
    Medline,
    /// PubMed XML (`PubmedArticleSet`).
    PubmedXml,
    /// EndNote XML (`<xml><records><record>`).
    EndnoteXml,
    /// JATS / PMC article XML (`<article><front><article-meta>`), as in `.nxml` files.
    Jats,
    /// Web of Science tagged text (`FN`, `PT J`, `AU`, `AB`, `ER`), `.ciw` or `.txt`.
    Wos,
    /// Ovid's own tagged export (records numbered `<1. >`, `AB  - ` or `Abstract` fields).
    Ovid,
    /// BibTeX or BibLaTeX.
    Bibtex,
    /// Comma-separated values with a header line.
    Csv,
    /// Tab-separated values with a header line.
    Tsv,
    /// JSON Lines, one `{"id","title","abstract"}` object per line.
    Jsonl,
    /// Plain text: the whole input is one abstract.
    Text,
}

impl Format {
    /// Every format, in a fixed order (the `read` fuzz target picks them by its first byte, 9 picking
    /// the sniffer instead).
    pub const ALL: [Format; 12] = [
        Format::Ris,
        Format::Medline,
        Format::PubmedXml,
        Format::EndnoteXml,
        Format::Bibtex,
        Format::Csv,
        Format::Tsv,
        Format::Jsonl,
        Format::Text,
        Format::Jats,
        Format::Wos,
        Format::Ovid,
    ];

    /// The name used on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ris => "ris",
            Format::Medline => "medline",
            Format::PubmedXml => "pubmed-xml",
            Format::EndnoteXml => "endnote-xml",
            Format::Jats => "jats",
            Format::Wos => "wos",
            Format::Ovid => "ovid",
            Format::Bibtex => "bibtex",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Text => "text",
        }
    }
}

/// How many leading bytes the sniffer looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Opens `path` (`-` for standard input), unwraps gzip, and returns its records.
///
/// `forced` overrides the sniffed format. An unreadable file is an `Io` error; an input
/// whose format cannot be recognised is an `UnknownFormat` error.
pub fn open(path: &str, forced: Option<Format>) -> Result<Records> {
    open_counted(path, forced, None)
}

/// Like [`open`], adding the bytes read from the file to `counter` (for progress displays).
pub fn open_counted(path: &str, forced: Option<Format>, counter: Option<Arc<AtomicU64>>) -> Result<Records> {
    let raw: Box<dyn Read + Send> =
        if path == "-" { Box::new(io::stdin()) } else { Box::new(File::open(path).map_err(|e| Error::io(path, &e))?) };
    let raw: Box<dyn Read + Send> = match counter {
        Some(counter) => Box::new(CountingReader { inner: raw, counter }),
        None => raw,
    };
    from_reader(raw, path, forced)
}

/// A reader that adds the bytes it reads to a shared counter.
struct CountingReader {
    inner: Box<dyn Read + Send>,
    counter: Arc<AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads records from any byte source; `file` names it in records and messages.
pub fn from_reader(raw: Box<dyn Read + Send>, file: &str, forced: Option<Format>) -> Result<Records> {
    let mut raw = raw;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut raw).take(2).read_to_end(&mut head).map_err(|e| Error::io(file, &e))?;
    let raw: Box<dyn Read + Send> = Box::new(Cursor::new(head.clone()).chain(raw));
    let decoded: Box<dyn Read + Send> =
        if head.starts_with(&[0x1f, 0x8b]) { Box::new(flate2::read::MultiGzDecoder::new(raw)) } else { raw };
    let mut decoded = decoded;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut decoded).take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(|e| Error::io(file, &e))?;
    let encoding = decode::Encoding::of(&head);
    if encoding == decode::Encoding::Utf8 {
        if let Some(refusal) = decode::refusal(&head, file) {
            return Err(refusal);
        }
    }
    let note = decode::DecodingNote::default();
    let mut decoded = decode::Utf8Text::new(Cursor::new(head).chain(decoded), encoding, note.clone());
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    (&mut decoded).take(SNIFF_BYTES as u64).read_to_end(&mut prefix).map_err(|e| Error::io(file, &e))?;
    let text = prefix.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&prefix);
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(decode::empty(file));
    }
    let format = match forced {
        Some(format) => format,
        None => sniff(&prefix).ok_or_else(|| {
            Error::new(ErrorKind::UnknownFormat, "cannot recognise the input format (name it with --input-format: ris, medline, pubmed-xml, endnote-xml, jats, wos, ovid, bibtex, csv, tsv, jsonl or text)")
                .at(Location::file(file))
        })?,
    };
    let input: Input = Box::new(Cursor::new(prefix).chain(decoded));
    Ok(Box::new(NotedRecords { records: read(input, file, format), note, file: file.to_string(), told: false }))
}

/// Records that carry the decoding note of their file: the first record read after the note
/// was taken gets it as a warning (and if none comes, the note is its own warning item).
struct NotedRecords {
    records: Records,
    note: decode::DecodingNote,
    file: String,
    told: bool,
}

impl NotedRecords {
    fn take_note(&mut self) -> Option<String> {
        if self.told {
            return None;
        }
        let note = self.note.lock().ok()?.clone()?;
        self.told = true;
        Some(format!("the file is {note}"))
    }
}

impl Iterator for NotedRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.records.next() {
            Some(Ok(mut record)) => {
                if let Some(note) = self.take_note() {
                    record.warnings.insert(0, note);
                }
                Some(Ok(record))
            }
            Some(Err(err)) => Some(Err(err)),
            None => {
                let note = self.take_note()?;
                Some(Err(Error::new(ErrorKind::Warning, note).at(Location::file(self.file.clone()))))
            }
        }
    }
}

/// Reads records of a known format from a buffered source.
///
/// Every reader's records pass through one clean-up of markup left in their text (entities,
/// tags, `Label- ` section labels).
pub fn read(input: Input, file: &str, format: Format) -> Records {
    Box::new(read_raw(input, file, format).map(|record| record.map(markup::clean_record)))
}

/// The records of a reader, as it reads them.
fn read_raw(input: Input, file: &str, format: Format) -> Records {
    let file = file.to_string();
    match format {
        Format::Ris => ris::records(input, file),
        Format::Medline => medline::records(input, file),
        Format::PubmedXml => pubmed_xml::records(input, file),
        Format::EndnoteXml => endnote_xml::records(input, file),
        Format::Jats => jats::records(input, file),
        Format::Wos => wos::records(input, file),
        Format::Ovid => ovid::records(input, file),
        Format::Bibtex => bibtex::records(input, file),
        Format::Csv => csv::records(input, file, b','),
        Format::Tsv => csv::records(input, file, b'\t'),
        Format::Jsonl => jsonl::records(input, file),
        Format::Text => text::records(input, file),
    }
}

/// Decodes bytes as UTF-8, replacing what cannot be decoded; on failure also returns the
/// byte offset of the first invalid sequence so the caller can say where it failed.
pub(crate) fn decode_lossy(bytes: &[u8]) -> (String, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(err) => (String::from_utf8_lossy(bytes).into_owned(), Some(err.valid_up_to())),
    }
}
