//! A streaming XML event source shared by the PubMed and EndNote readers, and the loop both
//! read a record's fields with ([`read_record`]).
//!
//! It turns quick-xml events into owned, decoded events, counts lines so records can say where
//! they start, keeps the path of open elements, and enforces the safety limits: a DOCTYPE that
//! declares entities is refused (no entity-expansion bombs), elements nested deeper than
//! [`MAX_DEPTH`] are reported and skipped, and memory stays bounded by one record, not the file.

use quick_xml::events::Event;

use super::common::{xml_text, LineCounting};
use super::Input;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::record::{Origin, Record};

/// The deepest element nesting accepted; deeper elements are skipped with a `Limit` error.
pub(crate) const MAX_DEPTH: usize = 256;

/// The most text one record may hold before it is refused with a `Limit` error.
pub(crate) const MAX_RECORD_TEXT: usize = 32 * 1024 * 1024;

/// How many syntax errors a file may have before reading it stops.
const MAX_SYNTAX_ERRORS: usize = 100;

/// One decoded XML event.
pub(crate) enum XmlEvent {
    /// An opening tag (or the opening half of `<x/>`), with its attributes.
    Start { name: String, attributes: Vec<(String, String)> },
    /// A closing tag (or the closing half of `<x/>`).
    End { name: String },
    /// Character data with entities resolved; `invalid_utf8` when bytes were replaced.
    Text { text: String, invalid_utf8: bool },
    /// A problem: a syntax error, a refused DOCTYPE or too deep a nesting.
    Problem { kind: ErrorKind, message: String, fatal: bool },
}

/// Streams decoded events from an XML input.
pub(crate) struct XmlStream {
    reader: quick_xml::Reader<LineCounting<Input>>,
    buf: Vec<u8>,
    /// Names of the open elements, outermost first (at most [`MAX_DEPTH`]).
    pub(crate) path: Vec<String>,
    /// How many elements are open beyond [`MAX_DEPTH`].
    skipped_depth: usize,
    syntax_errors: usize,
    last_error_at: Option<u64>,
    done: bool,
}

impl XmlStream {
    /// A stream over `input`; end tags are not checked against start tags (lenient).
    pub(crate) fn new(input: Input) -> Self {
        let mut reader = quick_xml::Reader::from_reader(LineCounting::new(input));
        let config = reader.config_mut();
        config.check_end_names = false;
        config.expand_empty_elements = true;
        config.check_comments = false;
        XmlStream {
            reader,
            buf: Vec::new(),
            path: Vec::new(),
            skipped_depth: 0,
            syntax_errors: 0,
            last_error_at: None,
            done: false,
        }
    }

    /// The 1-based line of the input the reader has reached.
    pub(crate) fn line(&self) -> usize {
        self.reader.get_ref().line()
    }

    /// The parent of the innermost open element (`path[len - 2]`).
    pub(crate) fn parent(&self) -> Option<&str> {
        self.path.len().checked_sub(2).and_then(|i| self.path.get(i)).map(String::as_str)
    }

    /// Whether an element named `name` is open.
    pub(crate) fn within(&self, name: &str) -> bool {
        self.path.iter().any(|n| n == name)
    }

    /// The next event, or `None` at the end of the input (or after a fatal problem).
    pub(crate) fn next_event(&mut self) -> Option<XmlEvent> {
        while !self.done {
            // The buffer is taken for the read so that the event, which borrows it, can be
            // decoded by a method of the stream.
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let decoded = match self.reader.read_event_into(&mut buf) {
                Ok(event) => self.decode(event),
                Err(err) => Some(self.syntax_error(&err)),
            };
            self.buf = buf;
            if decoded.is_some() {
                return decoded;
            }
        }
        None
    }

    /// The decoded form of a quick-xml event; `None` for an event that gives none (one inside
    /// elements nested too deep, a comment, the end of the input).
    fn decode(&mut self, event: Event<'_>) -> Option<XmlEvent> {
        match event {
            Event::Eof => {
                self.done = true;
                None
            }
            Event::Start(start) => self.start(&start),
            Event::End(end) => {
                if self.skipped_depth > 0 {
                    self.skipped_depth -= 1;
                    return None;
                }
                let name = String::from_utf8_lossy(end.local_name().as_ref()).into_owned();
                self.path.pop();
                Some(XmlEvent::End { name })
            }
            Event::Text(text) if self.skipped_depth == 0 => {
                let (text, invalid_utf8) = xml_text(&text);
                Some(XmlEvent::Text { text, invalid_utf8 })
            }
            Event::CData(data) if self.skipped_depth == 0 => {
                let (text, bad_at) = super::decode_lossy(&data);
                Some(XmlEvent::Text { text, invalid_utf8: bad_at.is_some() })
            }
            Event::DocType(doctype) if memchr::memmem::find(&doctype, b"ENTITY").is_some() => {
                self.done = true;
                Some(XmlEvent::Problem {
                    kind: ErrorKind::Limit,
                    message: "the DOCTYPE declares entities; refused (entity expansion is not supported)".into(),
                    fatal: true,
                })
            }
            _ => None,
        }
    }

    /// An opening tag: its name and attributes, or, beyond [`MAX_DEPTH`], one `Limit` problem
    /// for the first element skipped and nothing for the ones inside it.
    fn start(&mut self, start: &quick_xml::events::BytesStart<'_>) -> Option<XmlEvent> {
        if self.path.len() >= MAX_DEPTH {
            self.skipped_depth += 1;
            return (self.skipped_depth == 1).then(|| XmlEvent::Problem {
                kind: ErrorKind::Limit,
                message: format!("elements nested deeper than {MAX_DEPTH} levels"),
                fatal: false,
            });
        }
        let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        let attributes = start
            .attributes()
            .with_checks(false)
            .flatten()
            .map(|a| {
                let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
                (key, xml_text(&a.value).0)
            })
            .collect();
        self.path.push(name.clone());
        Some(XmlEvent::Start { name, attributes })
    }

    /// A syntax error, fatal when the reader is stuck at one place or errors are too many.
    fn syntax_error(&mut self, err: &quick_xml::Error) -> XmlEvent {
        let position = self.reader.buffer_position();
        self.syntax_errors += 1;
        let stuck = self.last_error_at == Some(position);
        self.last_error_at = Some(position);
        let fatal = stuck || self.syntax_errors >= MAX_SYNTAX_ERRORS;
        if fatal {
            self.done = true;
        }
        XmlEvent::Problem { kind: ErrorKind::Parse, message: format!("XML syntax error: {err}"), fatal }
    }
}

/// A located error for record `record` starting at `line` of `file`.
pub(crate) fn located(kind: ErrorKind, message: String, file: &str, record: usize, line: usize) -> Error {
    Error::new(kind, message).at(Location::at(file.to_string(), record, line))
}

/// What went wrong in one record so far: the first error, warnings, and the text read.
#[derive(Default)]
pub(crate) struct Problems {
    /// Bytes of field text read (limited to [`MAX_RECORD_TEXT`]).
    text_bytes: usize,
    /// Warnings the record will carry.
    pub(crate) warnings: Vec<String>,
    /// The first error met; the record is then an error once its end tag is read.
    error: Option<Error>,
}

/// What a reader gathers from the elements of one record.
pub(crate) trait RecordDraft {
    /// Which field an element's text belongs to.
    type Target: Copy;
    /// The field of element `name`, judged with its parents in `xml` and its attributes.
    fn target(&self, xml: &XmlStream, name: &str, attributes: &[(String, String)]) -> Option<Self::Target>;
    /// An element starts; `field` is the field whose text it starts, if it starts one.
    fn start(&mut self, _name: &str, _attributes: &[(String, String)], _field: Option<Self::Target>) {}
    /// The whole text of a finished element of field `target`.
    fn store(&mut self, target: Self::Target, text: &str);
    /// An element ends, after its text was stored.
    fn end(&mut self, _name: &str) {}
    /// The record's problems.
    fn problems(&mut self) -> &mut Problems;
    /// The record the draft holds once its end tag is read.
    fn finish(self, origin: Origin) -> Record;
}

/// The next record of an XML export: skips to a start tag that `is_start` accepts (given the
/// stream and the tag's name), then reads that record into a fresh draft. A problem between
/// records is an error of its own, located at its line.
pub(crate) fn next_record<D: RecordDraft + Default>(
    xml: &mut XmlStream,
    file: &str,
    record: &mut usize,
    is_start: impl Fn(&XmlStream, &str) -> bool,
) -> Option<Result<Record>> {
    loop {
        match xml.next_event()? {
            XmlEvent::Start { name, .. } if is_start(xml, &name) => {
                *record += 1;
                let line = xml.line();
                let mut draft = D::default();
                let read = read_record(xml, &mut draft, (file, *record, line));
                return Some(read.map(|()| draft.finish(Origin { file: file.to_string(), record: *record, line })));
            }
            XmlEvent::Problem { kind, message, .. } => {
                let location = Location { file: file.to_string(), record: None, line: Some(xml.line()) };
                return Some(Err(Error::new(kind, message).at(location)));
            }
            _ => {}
        }
    }
}

/// Reads the record whose start tag `xml` has just read, up to its end tag, into `draft`: the
/// text of each element [`RecordDraft::target`] names (with the text of everything inside it)
/// goes to [`RecordDraft::store`]. A problem met on the way makes the record an error (located
/// at `file`, `record`, `line`), but only once its end is read, so the next record can be read.
pub(crate) fn read_record<D: RecordDraft>(
    xml: &mut XmlStream,
    draft: &mut D,
    (file, record, line): (&str, usize, usize),
) -> Result<()> {
    let depth = xml.path.len();
    let mut capture: Option<(D::Target, usize)> = None;
    let mut text = String::new();
    loop {
        let Some(event) = xml.next_event() else {
            // A problem met earlier in the record says more than the truncation it caused.
            let message = "the file ends inside this record (truncated?)".to_string();
            let earlier = draft.problems().error.take();
            return Err(earlier.unwrap_or_else(|| located(ErrorKind::Parse, message, file, record, line)));
        };
        match event {
            XmlEvent::Start { name, attributes } => {
                if capture.is_some() && name == "sup" && text.ends_with(|c: char| c.is_ascii_digit()) {
                    // `10<sup>−5</sup>` reads `10^−5`, as the number grammar reads it, not `10−5`.
                    text.push('^');
                }
                let field = if capture.is_none() { draft.target(xml, &name, &attributes) } else { None };
                draft.start(&name, &attributes, field);
                if let Some(field) = field {
                    capture = Some((field, xml.path.len()));
                    text.clear();
                }
            }
            XmlEvent::Text { text: piece, invalid_utf8 } => {
                let problems = draft.problems();
                if invalid_utf8 && problems.warnings.is_empty() {
                    problems.warnings.push(format!("invalid UTF-8 near line {}, replaced with U+FFFD", xml.line()));
                }
                if capture.is_some() {
                    problems.text_bytes += piece.len();
                    if problems.text_bytes > MAX_RECORD_TEXT {
                        if problems.error.is_none() {
                            let message = format!("record text exceeds {MAX_RECORD_TEXT} bytes");
                            problems.error = Some(located(ErrorKind::Limit, message, file, record, line));
                        }
                    } else {
                        text.push_str(&piece);
                    }
                }
            }
            XmlEvent::End { name } => {
                if let Some((field, at)) = capture {
                    if xml.path.len() < at {
                        draft.store(field, &text);
                        capture = None;
                    }
                }
                draft.end(&name);
                if xml.path.len() < depth {
                    break;
                }
            }
            XmlEvent::Problem { kind, message, fatal } => {
                let error = located(kind, message, file, record, line);
                if fatal {
                    return Err(error);
                }
                draft.problems().error.get_or_insert(error);
            }
        }
    }
    match draft.problems().error.take() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}
