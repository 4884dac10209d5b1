//! Bytes to UTF-8 before any reader sees them: UTF-16 by its byte-order mark, UTF-8 with
//! Windows-1252 for the bytes that are not UTF-8, and a refusal of inputs that are empty or
//! not text at all.
//!
//! Exports from Windows tools come as UTF-16 (with a BOM) or as Windows-1252/Latin-1 text;
//! decoding them here, once, means every reader sees valid UTF-8 and no reader replaces
//! bytes with U+FFFD on its own. Invalid UTF-8 is decoded byte by byte as Windows-1252 (the
//! superset of Latin-1 that browsers use for it), so a Latin-1 `é` stays `é`, and the first such
//! byte is reported once per file as a warning: the text was read, but not as the file said.

use std::io::{self, BufRead, Read};
use std::sync::{Arc, Mutex};

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::{Error, ErrorKind, Location};

/// How many bytes are decoded per step.
const CHUNK_BYTES: usize = 64 * 1024;

/// The encodings an input can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8, with Windows-1252 for the bytes that are not UTF-8.
    Utf8,
    /// UTF-16 little-endian, announced by the BOM `FF FE`.
    Utf16Le,
    /// UTF-16 big-endian, announced by the BOM `FE FF`.
    Utf16Be,
}

impl Encoding {
    /// The encoding an input's first bytes announce: UTF-16 only with its BOM.
    pub(crate) fn of(head: &[u8]) -> Encoding {
        if head.starts_with(&[0xff, 0xfe]) {
            Encoding::Utf16Le
        } else if head.starts_with(&[0xfe, 0xff]) {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        }
    }
}

/// Why an input is refused before reading: it is empty, or it is not text.
///
/// `head` is the input's first bytes (after gzip) in an 8-bit encoding; UTF-16 input is checked
/// for emptiness after decoding instead, as its NUL bytes are expected.
pub(crate) fn refusal(head: &[u8], file: &str) -> Option<Error> {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    if text.iter().all(u8::is_ascii_whitespace) {
        return Some(empty(file));
    }
    if text.starts_with(b"%PDF-") {
        return Some(not_text(file, "a PDF document"));
    }
    if let Some(at) = memchr::memchr(0, text) {
        return Some(not_text(
            file,
            &format!("a NUL byte at byte {}; UTF-16 is read only with its byte-order mark", at + 1),
        ));
    }
    // Text exports hold no C0 control characters but tab, line ends, form feed and escape; a
    // binary file is full of them.
    let controls = text.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    if controls * 100 > text.len() {
        return Some(not_text(file, &format!("{controls} control bytes in its first {} bytes", text.len())));
    }
    None
}

/// The error for an input holding nothing but whitespace.
pub(crate) fn empty(file: &str) -> Error {
    Error::new(ErrorKind::Empty, "the file is empty").at(Location::file(file))
}

fn not_text(file: &str, evidence: &str) -> Error {
    Error::new(ErrorKind::NotText, format!("not a text file ({evidence}); trialrex reads text exports"))
        .at(Location::file(file))
}

/// What decoding met that the user should hear about once: the first message, if any.
pub(crate) type DecodingNote = Arc<Mutex<Option<String>>>;

/// A reader of UTF-8 text over a byte source in `encoding`.
pub(crate) struct Utf8Text<R> {
    inner: R,
    encoding: Encoding,
    decoder: Option<Decoder>,
    /// Bytes read but not decoded yet (an incomplete sequence at the end of a chunk).
    pending: Vec<u8>,
    /// Decoded text not handed out yet, from `out_at` on.
    out: Vec<u8>,
    out_at: usize,
    /// The buffer the source is read into: the last one handed out, whose bytes are read over
    /// instead of zeroed anew for every chunk.
    chunk: Vec<u8>,
    /// Bytes of the source decoded so far (for the byte offset in the note).
    consumed: u64,
    eof: bool,
    note: DecodingNote,
}

impl<R: Read> Utf8Text<R> {
    /// Decodes `inner` as `encoding`, writing the first problem met into `note`.
    pub(crate) fn new(inner: R, encoding: Encoding, note: DecodingNote) -> Self {
        let decoder = match encoding {
            Encoding::Utf8 => None,
            Encoding::Utf16Le => Some(UTF_16LE.new_decoder_with_bom_removal()),
            Encoding::Utf16Be => Some(UTF_16BE.new_decoder_with_bom_removal()),
        };
        Utf8Text {
            inner,
            encoding,
            decoder,
            pending: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            chunk: Vec::new(),
            consumed: 0,
            eof: false,
            note,
        }
    }

    fn remember(&self, message: impl FnOnce() -> String) {
        if let Ok(mut note) = self.note.lock() {
            if note.is_none() {
                *note = Some(message());
            }
        }
    }

    /// Reads the next chunk of the source and decodes what can be decoded of it.
    fn refill(&mut self) -> io::Result<()> {
        // The text handed out last is read over: its buffer becomes the chunk buffer.
        std::mem::swap(&mut self.out, &mut self.chunk);
        self.out.clear();
        self.out_at = 0;
        while self.out.is_empty() && !(self.eof && self.pending.is_empty()) {
            if !self.eof {
                // Zeroes only what the last chunk did not fill (nothing after a full read).
                self.chunk.resize(CHUNK_BYTES, 0);
                let read = loop {
                    match self.inner.read(&mut self.chunk) {
                        Ok(read) => break read,
                        Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                        Err(err) => return Err(err),
                    }
                };
                self.eof = read == 0;
                // Valid UTF-8 with nothing pending, nearly every chunk: handed out as read.
                let as_read = self.pending.is_empty()
                    && self.encoding == Encoding::Utf8
                    && std::str::from_utf8(&self.chunk[..read]).is_ok();
                if as_read {
                    self.chunk.truncate(read);
                    std::mem::swap(&mut self.out, &mut self.chunk);
                    self.consumed += read as u64;
                    continue;
                }
                self.pending.extend_from_slice(&self.chunk[..read]);
            }
            match self.encoding {
                Encoding::Utf8 => self.decode_utf8(),
                Encoding::Utf16Le | Encoding::Utf16Be => self.decode_utf16(),
            }
        }
        Ok(())
    }

    /// Moves the valid UTF-8 of `pending` to `out`, each invalid byte decoded as Windows-1252;
    /// an incomplete sequence at the end waits for the next chunk (or, at the end, is decoded
    /// byte by byte too).
    fn decode_utf8(&mut self) {
        let mut at = 0;
        while at < self.pending.len() {
            match std::str::from_utf8(&self.pending[at..]) {
                Ok(valid) => {
                    self.out.extend_from_slice(valid.as_bytes());
                    at = self.pending.len();
                }
                Err(err) => {
                    let valid = err.valid_up_to();
                    self.out.extend_from_slice(&self.pending[at..at + valid]);
                    at += valid;
                    if err.error_len().is_none() && !self.eof {
                        break;
                    }
                    let byte = self.pending[at];
                    let offset = self.consumed + at as u64 + 1;
                    self.remember(|| {
                        format!("not valid UTF-8 (first at byte {offset}, 0x{byte:02X}): read as Windows-1252")
                    });
                    let single = [byte];
                    let (text, _) = WINDOWS_1252.decode_without_bom_handling(&single);
                    self.out.extend_from_slice(text.as_bytes());
                    at += 1;
                }
            }
        }
        self.pending.drain(..at);
        self.consumed += at as u64;
    }

    /// Decodes `pending` as UTF-16; unpaired surrogates become U+FFFD, with a note.
    fn decode_utf16(&mut self) {
        let Some(decoder) = self.decoder.as_mut() else { return };
        let room = decoder.max_utf8_buffer_length(self.pending.len()).unwrap_or(self.pending.len() * 3 + 16);
        let start = self.out.len();
        self.out.resize(start + room, 0);
        let (_, read, written, replaced) = decoder.decode_to_utf8(&self.pending, &mut self.out[start..], self.eof);
        self.out.truncate(start + written);
        let offset = self.consumed;
        self.pending.drain(..read);
        self.consumed += read as u64;
        if replaced {
            self.remember(|| format!("invalid UTF-16 near byte {offset}, replaced with U+FFFD"));
        }
        if self.eof {
            self.pending.clear();
        }
    }
}

impl<R: Read> Read for Utf8Text<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

/// The decoded text is buffered already: readers take it from here without a `BufReader`'s copy.
impl<R: Read> BufRead for Utf8Text<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.out_at >= self.out.len() {
            self.refill()?;
        }
        Ok(&self.out[self.out_at..])
    }

    fn consume(&mut self, amount: usize) {
        self.out_at = (self.out_at + amount).min(self.out.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (String, Option<String>) {
        let note = DecodingNote::default();
        let mut text = String::new();
        Utf8Text::new(bytes, Encoding::of(bytes), note.clone()).read_to_string(&mut text).unwrap();
        let note = note.lock().unwrap().clone();
        (text, note)
    }

    #[test]
    fn utf8_passes_unchanged_without_a_note() {
        assert_eq!(
            decode("TY  - JOUR\nAB  - 95% CI – é\n".as_bytes()),
            ("TY  - JOUR\nAB  - 95% CI – é\n".into(), None)
        );
    }

    #[test]
    fn latin1_bytes_are_read_as_windows_1252_with_a_note_naming_the_byte() {
        let (text, note) = decode(b"caf\xe9 \x96 \x93ok\x94 \xb1 2");
        assert_eq!(text, "café – “ok” ± 2");
        assert!(note.unwrap().contains("first at byte 4, 0xE9"));
    }

    #[test]
    fn a_multibyte_character_split_between_chunks_is_kept_whole() {
        let mut bytes = vec![b'a'; CHUNK_BYTES - 1];
        bytes.extend_from_slice("é".as_bytes());
        let (text, note) = decode(&bytes);
        assert!(text.ends_with('é'));
        assert_eq!(note, None);
    }

    #[test]
    fn utf16_with_either_bom_is_decoded() {
        let le: Vec<u8> =
            [0xff, 0xfe].into_iter().chain("TY  - JOUR é".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> =
            [0xfe, 0xff].into_iter().chain("TY  - JOUR é".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le), ("TY  - JOUR é".into(), None));
        assert_eq!(decode(&be), ("TY  - JOUR é".into(), None));
    }

    #[test]
    fn empty_and_binary_inputs_are_refused() {
        assert_eq!(refusal(b"\xef\xbb\xbf \n\r\n", "f").map(|e| e.kind()), Some(ErrorKind::Empty));
        assert_eq!(refusal(b"\x7fELF\x02\x01\x01\x00\x00", "f").map(|e| e.kind()), Some(ErrorKind::NotText));
        assert_eq!(refusal(b"%PDF-1.7\n", "f").map(|e| e.kind()), Some(ErrorKind::NotText));
        assert!(refusal(b"caf\xe9\tTY  - JOUR\r\n", "f").is_none());
    }
}
