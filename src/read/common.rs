//! Pieces shared by the readers: line splitting on any line end, lossy decoding with a
//! located warning, DOI and year clean-up, XML text unescaping and a line-counting reader.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use super::{decode_lossy, Input};

/// The longest line a line-based reader keeps; longer lines are cut (with a warning).
///
/// Protects memory against a multi-gigabyte "line" of binary junk while leaving room for the
/// longest real lines (Scopus `N1` reference blobs are well under a megabyte).
pub(crate) const MAX_LINE_BYTES: usize = 8 * 1024 * 1024;

/// One decoded line with its 1-based number and, when bytes were replaced, a warning.
pub(crate) struct Line {
    /// The 1-based line number in the input.
    pub number: usize,
    /// The text, without its line end.
    pub text: String,
    /// A message when invalid UTF-8 was replaced or the line was cut.
    pub warning: Option<String>,
}

/// A [`Line`] borrowed from the reader's buffer: valid for one step of [`Lines`], and copied
/// only when the caller keeps it.
pub(crate) struct LineRef<'a> {
    /// The 1-based line number in the input.
    pub number: usize,
    /// The text, without its line end (owned only when invalid UTF-8 was replaced).
    pub text: Cow<'a, str>,
    /// A message when invalid UTF-8 was replaced or the line was cut.
    pub warning: Option<String>,
}

impl<'a> LineRef<'a> {
    /// A view of an owned line.
    pub(crate) fn of(line: &'a Line) -> LineRef<'a> {
        LineRef { number: line.number, text: Cow::Borrowed(&line.text), warning: line.warning.clone() }
    }

    /// The line as an owned [`Line`].
    pub(crate) fn into_owned(self) -> Line {
        Line { number: self.number, text: self.text.into_owned(), warning: self.warning }
    }
}

/// Splits a byte source into lines ended by LF, CRLF or a bare CR.
///
/// Some exports (Web of Science RIS, IEEE Xplore) mix bare CRs into LF or CRLF files, so a
/// bare CR counts as a line end of its own. One buffer holds the current LF-ended chunk and
/// lines are handed out as views of it, so reading a line allocates nothing.
pub(crate) struct Lines {
    input: Input,
    number: usize,
    /// The current chunk (up to an LF, without its line end).
    buf: Vec<u8>,
    /// Where the next line starts in `buf`; `None` when the chunk is used up.
    next: Option<usize>,
    done: bool,
}

impl Lines {
    /// Lines of `input`, numbered from 1.
    pub(crate) fn new(input: Input) -> Self {
        Lines { input, number: 0, buf: Vec::new(), next: None, done: false }
    }

    /// The next line as a view of the reader's buffer, `Ok(None)` at the end of the input.
    pub(crate) fn next_line_ref(&mut self) -> io::Result<Option<LineRef<'_>>> {
        if self.next.is_none() && !self.done {
            self.fill()?;
        }
        let Some(start) = self.next else { return Ok(None) };
        let rest = &self.buf[start..];
        let bytes = match memchr::memchr(b'\r', rest) {
            Some(at) => {
                self.next = Some(start + at + 1);
                &rest[..at]
            }
            None => {
                self.next = None;
                rest
            }
        };
        self.number += 1;
        let mut warning = None;
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(err) => {
                warning = Some(format!(
                    "invalid UTF-8 at line {} (byte {} of the line), replaced with U+FFFD",
                    self.number,
                    err.valid_up_to() + 1
                ));
                String::from_utf8_lossy(bytes)
            }
        };
        if bytes.len() >= MAX_LINE_BYTES {
            warning = Some(format!("line {} is longer than {} bytes and was cut", self.number, MAX_LINE_BYTES));
        }
        Ok(Some(LineRef { number: self.number, text, warning }))
    }

    /// Reads up to the next LF into the buffer, without the line end.
    fn fill(&mut self) -> io::Result<()> {
        self.buf.clear();
        let read = read_line_into(&mut self.input, &mut self.buf)?;
        if read == 0 {
            self.done = true;
            return Ok(());
        }
        if self.buf.ends_with(b"\n") {
            self.buf.pop();
            if self.buf.ends_with(b"\r") {
                self.buf.pop();
            }
        } else if read as u64 >= MAX_LINE_BYTES as u64 {
            // A cut line: drop the rest of it so the next line starts after a real line end.
            let mut sink = Vec::new();
            loop {
                sink.clear();
                let more = read_line_into(&mut self.input, &mut sink)?;
                if more == 0 || sink.ends_with(b"\n") {
                    break;
                }
            }
        }
        self.next = Some(0);
        Ok(())
    }
}

/// Appends the next line of `input` to `buf`, with its LF, reading at most
/// [`MAX_LINE_BYTES`]; returns how many bytes it read. (`BufRead::read_until` with the SIMD
/// `memchr`: the standard library's byte search is the slower generic one.)
fn read_line_into(input: &mut Input, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    while read < MAX_LINE_BYTES {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        let window = &available[..available.len().min(MAX_LINE_BYTES - read)];
        let (taken, done) = match memchr::memchr(b'\n', window) {
            Some(at) => (at + 1, true),
            None => (window.len(), false),
        };
        buf.extend_from_slice(&window[..taken]);
        input.consume(taken);
        read += taken;
        if done {
            break;
        }
    }
    Ok(read)
}

/// A DOI without `https://doi.org/`, `doi:` or ` [doi]` around it; `None` when no DOI is seen.
pub(crate) fn clean_doi(raw: &str) -> Option<String> {
    let start = raw.find("10.")?;
    let doi = raw[start..].split_whitespace().next()?;
    let doi = doi.trim_end_matches(['.', ',', ';', ')', ']']);
    // A DOI is `10.<registrant>/<suffix>`.
    let (prefix, suffix) = doi.split_once('/')?;
    if prefix.len() < 4 || suffix.is_empty() || !prefix[3..].bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    Some(doi.to_string())
}

/// The first four-digit year (1000-2999) in `raw`, e.g. `2017` in `2017/03/01/`.
pub(crate) fn year_in(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = i + 4 == bytes.len() || !bytes[i + 4].is_ascii_digit();
        if before_ok && after_ok && window.iter().all(u8::is_ascii_digit) && (window[0] == b'1' || window[0] == b'2') {
            return Some(String::from_utf8_lossy(window).into_owned());
        }
        i += 1;
    }
    None
}

/// Whether `raw` looks like a PubMed id: 1 to 9 digits.
pub(crate) fn is_pmid(raw: &str) -> bool {
    let raw = raw.trim();
    !raw.is_empty() && raw.len() <= 9 && raw.bytes().all(|b| b.is_ascii_digit())
}

/// Joins wrapped lines: a run of ASCII whitespace holding a line break or tab becomes one
/// space, and the ends are trimmed.
pub(crate) fn squash_spaces(text: &str) -> String {
    // Only ASCII whitespace runs that wrap a line (or hold a tab) become one space, and the
    // ends are trimmed: spaces inside a line and Unicode spaces (the thin spaces of
    // "HR\u{2009}=\u{2009}0.58") stay as the export wrote them, so offsets and evidence match it.
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let bytes = text.as_bytes();
    let wraps =
        |run: &[u8]| memchr::memchr3(b'\n', b'\r', b'\t', run).is_some() || memchr::memchr(b'\x0c', run).is_some();
    if !wraps(bytes) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let word = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        out.push_str(&text[word..i]);
        let run = i;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if run < i {
            out.push_str(if wraps(&bytes[run..i]) { " " } else { &text[run..i] });
        }
    }
    out
}

/// Trims and drops empty values.
pub(crate) fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// [`non_empty`] of a value the caller owns: no copy when there is nothing to trim.
pub(crate) fn non_blank(value: String) -> Option<String> {
    if value.trim().len() == value.len() {
        (!value.is_empty()).then_some(value)
    } else {
        non_empty(&value)
    }
}

/// Decodes XML character data lossily and resolves the five XML entities and numeric
/// character references; unknown entities are kept as written.
///
/// Done by hand so that one bad reference costs a character, not the record.
pub(crate) fn xml_text(raw: &[u8]) -> (String, bool) {
    let (text, bad_at) = decode_lossy(raw);
    if !text.contains('&') {
        return (text, bad_at.is_some());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 12);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let resolved = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
                .and_then(|n| n.ok())
                .and_then(char::from_u32),
        };
        match resolved {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    (out, bad_at.is_some())
}

/// A buffered reader that counts the line ends it has handed out, so a streaming XML parser
/// can say on which line an element starts.
pub(crate) struct LineCounting<R> {
    inner: R,
    newlines: usize,
}

impl<R: BufRead> LineCounting<R> {
    /// Wraps `inner`, starting at line 1.
    pub(crate) fn new(inner: R) -> Self {
        LineCounting { inner, newlines: 0 }
    }

    /// The 1-based line of the next byte to be consumed.
    pub(crate) fn line(&self) -> usize {
        self.newlines + 1
    }
}

impl<R: BufRead> Read for LineCounting<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.newlines += memchr::memchr_iter(b'\n', &buf[..amt]).count();
        }
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(bytes: &'static [u8]) -> Vec<(usize, String)> {
        let mut lines = Lines::new(Box::new(bytes));
        let mut out = Vec::new();
        while let Some(line) = lines.next_line_ref().unwrap() {
            out.push((line.number, line.text.into_owned()));
        }
        out
    }

    #[test]
    fn lines_end_at_lf_crlf_and_bare_cr() {
        let got = lines_of(b"a\r\nb\rc\nd");
        let texts: Vec<_> = got.iter().map(|(n, t)| format!("{n}:{t}")).collect();
        assert_eq!(texts, ["1:a", "2:b", "3:c", "4:d"]);
    }

    #[test]
    fn an_overlong_line_is_cut_with_a_warning_and_the_next_line_follows() {
        let mut bytes = vec![b'x'; MAX_LINE_BYTES + 1000];
        bytes.extend_from_slice(b"\nnext\n");
        let mut lines = Lines::new(Box::new(std::io::Cursor::new(bytes)));
        let long = lines.next_line_ref().unwrap().unwrap();
        assert_eq!(long.text.len(), MAX_LINE_BYTES);
        assert!(long.warning.unwrap().contains("line 1 is longer than"));
        let next = lines.next_line_ref().unwrap().unwrap();
        assert_eq!((next.number, next.text.as_ref(), next.warning), (2, "next", None));
        assert!(lines.next_line_ref().unwrap().is_none());
    }

    #[test]
    fn invalid_utf8_line_carries_a_warning() {
        let mut lines = Lines::new(Box::new(&b"ok\nb\xffd\n"[..]));
        assert!(lines.next_line_ref().unwrap().unwrap().warning.is_none());
        let bad = lines.next_line_ref().unwrap().unwrap();
        assert_eq!(bad.text, "b\u{fffd}d");
        assert!(bad.warning.unwrap().contains("line 2"));
    }

    #[test]
    fn doi_is_stripped_of_resolver_and_markers() {
        assert_eq!(clean_doi("https://doi.org/10.1093/jnci/djx015").as_deref(), Some("10.1093/jnci/djx015"));
        assert_eq!(clean_doi("doi:10.1/abc.").as_deref(), Some("10.1/abc"));
        assert_eq!(clean_doi("10.1016/j.x.2020.01.002 [doi]").as_deref(), Some("10.1016/j.x.2020.01.002"));
        assert_eq!(clean_doi("S0140-6736(20)30001-1 [pii]"), None);
        assert_eq!(clean_doi("version 10.2"), None);
    }

    #[test]
    fn year_is_the_first_four_digit_run() {
        assert_eq!(year_in("2017/03/01/").as_deref(), Some("2017"));
        assert_eq!(year_in("Spring 1999").as_deref(), Some("1999"));
        assert_eq!(year_in("12345"), None);
        assert_eq!(year_in("n.d."), None);
    }

    #[test]
    fn xml_text_resolves_entities_and_keeps_unknown_ones() {
        assert_eq!(xml_text(b"a &lt; b &amp; &#xD;&#233;&foo; &").0, "a < b & \r\u{e9}&foo; &");
    }

    #[test]
    fn line_counting_counts_consumed_newlines() {
        let mut reader = LineCounting::new(&b"a\nb\nc"[..]);
        let mut s = String::new();
        reader.read_line(&mut s).unwrap();
        assert_eq!(reader.line(), 2);
    }
}
