//! Unicode and number normalisation with an offset map back to the original.
//!
//! Rules match a rewritten copy of the abstract in which every dash and minus is `-`, every
//! decimal mark is `.`, special spaces are ` `, `≤`/`≥` are `<=`/`>=`, superscript exponents are
//! `^-5`, leftover HTML entities are decoded, and numbers written as words are digits
//! ("Sixty-one" → `61`). Each byte of the copy remembers the code points of the original it came
//! from, so a match in the copy maps back to the exact original words (`start`/`end` in code
//! points, as Python slices a `str`).

/// An abstract rewritten for matching, with a map back to the original.
#[derive(Debug, Clone)]
pub struct Normalised {
    /// The rewritten text that rules match.
    pub text: String,
    /// The pieces `text` is made of, in order: runs copied as they are and rewritten spans.
    pieces: Vec<Piece>,
    /// The original text.
    original: String,
    /// How many code points the original has.
    original_chars: usize,
}

/// A stretch of the normalised text and the original it came from.
///
/// A copied piece has the same bytes as its source, so each of its bytes maps to its own
/// place; every byte of a rewritten piece maps to the whole source span.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Where the piece starts in the normalised text (bytes).
    text_start: u32,
    /// Where its source starts in the original: code points and bytes.
    char_start: u32,
    byte_start: u32,
    /// Where its source ends in the original: code points and bytes.
    char_end: u32,
    byte_end: u32,
    /// Whether the piece is the original copied as it is.
    copied: bool,
    /// Whether a copied piece is all ASCII, so that its code points are its bytes.
    ascii: bool,
}

/// The last character boundary of `text` at or before byte `at`.
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first character boundary of `text` at or after byte `at`.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

/// How many UTF-8 sequences start in `bytes`.
fn leading_bytes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl Normalised {
    /// Rewrites `original` for matching.
    pub fn new(original: &str) -> Normalised {
        Builder::new(original).run()
    }

    /// The original text.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The piece holding normalised byte `at` (which is below `text.len()`).
    fn piece(&self, at: usize) -> &Piece {
        let index = self.pieces.partition_point(|p| p.text_start as usize <= at);
        &self.pieces[index.saturating_sub(1)]
    }

    /// Where the source of normalised byte `at` starts in the original: code point and byte.
    fn source_start(&self, at: usize) -> (usize, usize) {
        let piece = self.piece(at);
        if piece.copied {
            self.copied_char(piece, at).0
        } else {
            (piece.char_start as usize, piece.byte_start as usize)
        }
    }

    /// Where the source of normalised byte `at` ends in the original: code point and byte.
    fn source_end(&self, at: usize) -> (usize, usize) {
        let piece = self.piece(at);
        if piece.copied {
            self.copied_char(piece, at).1
        } else {
            (piece.char_end as usize, piece.byte_end as usize)
        }
    }

    /// Where the character holding normalised byte `at` of a copied piece starts and ends in the
    /// original, each as code point and byte.
    fn copied_char(&self, piece: &Piece, at: usize) -> ((usize, usize), (usize, usize)) {
        let from = piece.text_start as usize;
        let (start, end) = (floor_boundary(&self.text, at), ceil_boundary(&self.text, at + 1));
        let chars_before = if piece.ascii { start - from } else { leading_bytes(&self.text.as_bytes()[from..start]) };
        let (char_start, byte_start) = (piece.char_start as usize + chars_before, piece.byte_start as usize);
        ((char_start, byte_start + start - from), (char_start + 1, byte_start + end - from))
    }

    /// The original code-point and byte spans of the normalised byte span `[from, to)`.
    fn source_span(&self, from: usize, to: usize) -> ((usize, usize), (usize, usize)) {
        if self.text.is_empty() || from >= to {
            let at = if from < self.text.len() {
                self.source_start(from)
            } else {
                (self.original_chars, self.original.len())
            };
            return (at, at);
        }
        let to = to.min(self.text.len());
        let from = from.min(to - 1);
        let (char_start, byte_start) = self.source_start(from);
        let (char_end, byte_end) = self.source_end(to - 1);
        ((char_start, char_end), (byte_start, byte_end))
    }

    /// The original code-point span `[start, end)` of the normalised byte span `[from, to)`.
    pub fn original_span(&self, from: usize, to: usize) -> (usize, usize) {
        self.source_span(from, to).0
    }

    /// The original text of the normalised byte span `[from, to)`, with its code-point span.
    pub fn evidence(&self, from: usize, to: usize) -> (usize, usize, &str) {
        let ((start, end), (byte_start, byte_end)) = self.source_span(from, to);
        (start, end, &self.original[byte_start..byte_end])
    }

    /// How many code points the original has.
    pub fn original_chars(&self) -> usize {
        self.original_chars
    }
}

/// Builds a [`Normalised`] in one pass over the original's bytes: runs that need no rewriting
/// are copied as they are, and become one piece each.
struct Builder<'a> {
    original: &'a str,
    bytes: &'a [u8],
    /// Whether the text writes decimals with a point somewhere ("0.58", "0·58"), once asked.
    uses_decimal_point: Option<bool>,
    text: String,
    pieces: Vec<Piece>,
    /// The byte and code point of the original where the current copied run starts.
    copy_from: (usize, usize),
    /// The byte and code point of the original being read.
    at: usize,
    at_char: usize,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Self {
        Builder {
            original,
            bytes: original.as_bytes(),
            uses_decimal_point: None,
            text: String::with_capacity(original.len() + 16),
            pieces: Vec::new(),
            copy_from: (0, 0),
            at: 0,
            at_char: 0,
        }
    }

    /// Ends the copied run before the byte being read, writing it as one piece.
    fn end_copy(&mut self) {
        let (byte_start, char_start) = self.copy_from;
        if byte_start < self.at {
            self.pieces.push(Piece {
                text_start: self.text.len() as u32,
                char_start: char_start as u32,
                byte_start: byte_start as u32,
                char_end: self.at_char as u32,
                byte_end: self.at as u32,
                copied: true,
                ascii: self.original[byte_start..self.at].is_ascii(),
            });
            self.text.push_str(&self.original[byte_start..self.at]);
        }
    }

    /// Writes `s` for the original from the byte being read over `bytes` bytes and `chars` code
    /// points, and reads on after them.
    fn emit(&mut self, s: &str, bytes: usize, chars: usize) {
        self.end_copy();
        self.pieces.push(Piece {
            text_start: self.text.len() as u32,
            char_start: self.at_char as u32,
            byte_start: self.at as u32,
            char_end: (self.at_char + chars) as u32,
            byte_end: (self.at + bytes) as u32,
            copied: false,
            ascii: false,
        });
        self.text.push_str(s);
        self.at += bytes;
        self.at_char += chars;
        self.copy_from = (self.at, self.at_char);
    }

    /// Reads on over `bytes` bytes holding `chars` code points, copying them.
    fn copy(&mut self, bytes: usize, chars: usize) {
        self.at += bytes;
        self.at_char += chars;
    }

    fn run(mut self) -> Normalised {
        while self.at < self.bytes.len() {
            self.copy_plain();
            if self.at < self.bytes.len() {
                self.step();
            }
        }
        self.end_copy();
        Normalised {
            text: self.text,
            pieces: self.pieces,
            original: self.original.to_string(),
            original_chars: self.at_char,
        }
    }

    /// Reads on over the bytes [`Builder::step`] would copy one by one, without asking it: ASCII
    /// other than letters and the bytes it may rewrite (a space only after a non-digit, where it
    /// cannot separate digit groups), and whole words whose first letter starts no number word
    /// nor `percent` (most of an abstract).
    fn copy_plain(&mut self) {
        let bytes = self.bytes;
        let mut at = self.at;
        while let Some(&b) = bytes.get(at) {
            match b {
                b' ' if at > 0 && bytes[at - 1].is_ascii_digit() => break,
                b'\t' | b'\r' | b'\n' | b',' | b'`' | b'&' => break,
                b if b.is_ascii_alphabetic() => {
                    let first = b.to_ascii_lowercase();
                    if first == b'p' || NUMBER_WORD_INITIALS.contains(&first) {
                        break;
                    }
                    at = self.alpha_end(at);
                }
                b if b.is_ascii() => at += 1,
                _ => break,
            }
        }
        self.copy(at - self.at, at - self.at);
    }

    /// Whether the normalised text so far ends with a digit.
    fn prev_is_digit(&self) -> bool {
        if self.copy_from.0 < self.at {
            self.bytes[self.at - 1].is_ascii_digit()
        } else {
            self.text.as_bytes().last().is_some_and(u8::is_ascii_digit)
        }
    }

    /// The code point of the original at byte `at`, if any.
    fn char_at(&self, at: usize) -> Option<char> {
        self.original.get(at..)?.chars().next()
    }

    /// The code point of the original before byte `at`, if any.
    fn char_before(&self, at: usize) -> Option<char> {
        self.original.get(..at)?.chars().next_back()
    }

    fn step(&mut self) {
        let i = self.at;
        let b = self.bytes[i];
        if b.is_ascii() {
            match b {
                b'\t' | b'\r' | b'\n' => self.emit(" ", 1, 1),
                b',' if self.prev_is_digit() && self.is_decimal_comma(i) => self.emit(".", 1, 1),
                b',' | b' ' if self.is_thousands_separator(i, 1) => self.emit("", 1, 1),
                b'`' => self.emit("'", 1, 1),
                b'&' => self.entity(),
                b if b.is_ascii_alphabetic() => self.word(),
                _ => self.copy(1, 1),
            }
            return;
        }
        let Some(c) = self.char_at(i) else {
            self.copy(1, 1);
            return;
        };
        let len = c.len_utf8();
        match c {
            '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                let separator = if self.is_thousands_separator(i, len) { "" } else { " " };
                self.emit(separator, len, 1)
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' => self.emit("", len, 1),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' | '\u{2043}' => {
                self.emit("-", len, 1)
            }
            '\u{00b7}' | '\u{2219}' | '\u{22c5}' | '\u{2027}'
                if self.prev_is_digit() && self.bytes.get(i + len).is_some_and(u8::is_ascii_digit) =>
            {
                self.emit(".", len, 1)
            }
            '\u{2264}' | '\u{2a7d}' => self.emit("<=", len, 1),
            '\u{2265}' | '\u{2a7e}' => self.emit(">=", len, 1),
            '\u{ff1c}' => self.emit("<", len, 1),
            '\u{ff1e}' => self.emit(">", len, 1),
            '\u{ff1d}' => self.emit("=", len, 1),
            '\u{ff05}' => self.emit("%", len, 1),
            '\u{00d7}' | '\u{2715}' | '\u{2a2f}' => self.emit("x", len, 1),
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '\u{00b4}' => self.emit("'", len, 1),
            '\u{201c}' | '\u{201d}' | '\u{2033}' => self.emit("\"", len, 1),
            '\u{2070}' | '\u{00b9}' | '\u{00b2}' | '\u{00b3}' | '\u{2074}'..='\u{2079}' | '\u{207b}' => {
                self.superscript()
            }
            _ => self.copy(len, 1),
        }
    }

    /// Whether the text writes decimals with a point somewhere ("0.58", "0·58").
    fn uses_decimal_point(&mut self) -> bool {
        let bytes = self.bytes;
        *self.uses_decimal_point.get_or_insert_with(|| {
            let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
            (1..bytes.len()).any(|k| {
                digit(k - 1)
                    && ((bytes[k] == b'.' && digit(k + 1))
                        || (bytes[k] == 0xc2 && bytes.get(k + 1) == Some(&0xb7) && digit(k + 2)))
            })
        })
    }

    /// Whether the comma or space of `len` bytes at byte `i` separates digit groups of one
    /// number (`10,587`, `12 340`, `1,234,567`), so that every rule reads it as one number.
    ///
    /// The number must be written `d{1,3}` then groups of exactly three digits, all joined by
    /// the same separator, with no digit, decimal mark or further group around it; a space
    /// needs a digit right before it in the original, so `12 340` counts and `12, 340` does not.
    #[inline(always)]
    fn is_thousands_separator(&self, i: usize, len: usize) -> bool {
        // A digit on both sides, or there is no group before or after: a quick no for every
        // space between words (this is asked at each one).
        let digit_at = |k: usize| self.bytes.get(k).is_some_and(u8::is_ascii_digit);
        i > 0 && digit_at(i - 1) && digit_at(i + len) && self.separates_digit_groups(i, len)
    }

    /// [`Builder::is_thousands_separator`] once a digit is on both sides.
    fn separates_digit_groups(&self, i: usize, len: usize) -> bool {
        let bytes = self.bytes;
        let separator = &bytes[i..i + len];
        let digits_back = |end: usize| bytes[..end].iter().rev().take_while(|b| b.is_ascii_digit()).count();
        let digits_on =
            |from: usize| bytes.get(from..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count());
        // Groups after: each separator followed by exactly three digits.
        let mut end = i;
        loop {
            if !bytes[end..].starts_with(separator) || digits_on(end + len) != 3 {
                break;
            }
            end += len + 3;
        }
        if end == i {
            return false;
        }
        // Groups before: exactly three digits after each separator, then a lead of one to three.
        let mut start = i;
        loop {
            let run = digits_back(start);
            if run == 0 || run > 3 {
                return false;
            }
            start -= run;
            let before_sep = start.checked_sub(len).filter(|&k| &bytes[k..start] == separator);
            match before_sep {
                Some(k) if run == 3 && digits_back(k) > 0 => start = k,
                _ => break,
            }
        }
        let before_ok = start == 0
            || !matches!(bytes[start - 1], b'.' | b',' | b'-' | b'/' | b':')
                && !bytes[start - 1].is_ascii_alphanumeric();
        let after_ok = match bytes.get(end) {
            None => true,
            Some(b'.' | b',') => !bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
            Some(b) => !b.is_ascii_alphanumeric() && !matches!(b, b'/' | b':'),
        };
        // `0 000` is no number; a lead of zero is a decimal's or a list's.
        before_ok && after_ok && bytes[start] != b'0'
    }

    /// Whether the comma at byte `i`, after a digit, is a decimal mark (`0,58`, `1,25` in a text
    /// without decimal points) rather than a thousands separator (`10,372`) or a list comma.
    fn is_decimal_comma(&mut self, i: usize) -> bool {
        let bytes = self.bytes;
        let after = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if after == 0 {
            return false;
        }
        let is_mark = |at: usize| match bytes.get(at) {
            Some(b'.' | b',') => true,
            Some(0xc2) => bytes.get(at + 1) == Some(&0xb7),
            _ => false,
        };
        let followed_by_mark = is_mark(i + 1 + after);
        let before = bytes[..i].iter().rev().take_while(|b| b.is_ascii_digit()).count();
        let j = i - before;
        let left_has_mark = j > 0 && (matches!(bytes[j - 1], b'.' | b',') || self.original[..j].ends_with('\u{00b7}'));
        if followed_by_mark || left_has_mark {
            return false;
        }
        (before == 1 && bytes[i - 1] == b'0') || (!self.uses_decimal_point() && after != 3)
    }

    /// Superscript digits and minus (`10⁻⁵`), as `^-5` after a digit.
    fn superscript(&mut self) {
        let mut out = String::new();
        if self.prev_is_digit() {
            out.push('^');
        }
        let (mut bytes, mut chars) = (0, 0);
        while let Some(c) = self.char_at(self.at + bytes) {
            let mapped = match c {
                '\u{2070}' => '0',
                '\u{00b9}' => '1',
                '\u{00b2}' => '2',
                '\u{00b3}' => '3',
                '\u{2074}'..='\u{2079}' => char::from(b'4' + (c as u32 - 0x2074) as u8),
                '\u{207b}' => '-',
                _ => break,
            };
            out.push(mapped);
            bytes += c.len_utf8();
            chars += 1;
        }
        self.emit(&out, bytes, chars);
    }

    /// An HTML entity left by an export (`&lt;`, `&#8804;`), decoded; else a plain `&`.
    fn entity(&mut self) {
        let i = self.at;
        // An entity is `&`, a name of ASCII characters and `;`, within ten code points.
        let end =
            self.bytes[i + 1..].iter().take(9).take_while(|b| b.is_ascii()).position(|&b| b == b';').map(|p| i + 1 + p);
        if let Some(end) = end {
            let name = &self.original[i + 1..end];
            let decoded = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "le" => Some('\u{2264}'),
                "ge" => Some('\u{2265}'),
                "nbsp" | "thinsp" => Some(' '),
                "minus" | "ndash" | "mdash" => Some('-'),
                "plusmn" => Some('±'),
                "middot" => Some('\u{00b7}'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            if let Some(decoded) = decoded {
                let consumed = end + 1 - i;
                let mut buffer = [0u8; 4];
                let normal = match decoded {
                    '\u{2264}' => "<=",
                    '\u{2265}' => ">=",
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
                    '\u{00a0}' | '\u{2009}' => " ",
                    c => c.encode_utf8(&mut buffer),
                };
                let normal = normal.to_string();
                self.emit(&normal, consumed, consumed);
                return;
            }
        }
        self.emit("&", 1, 1);
    }

    /// A run of ASCII letters: a number written as words becomes digits, any other word is copied.
    fn word(&mut self) {
        let i = self.at;
        let end = self.alpha_end(i);
        // Only `percent`, `per cent` and number words are rewritten: a run starting with any
        // other letter (most words of an abstract) is copied without looking further.
        let first = self.bytes[i].to_ascii_lowercase();
        if first != b'p' && !NUMBER_WORD_INITIALS.contains(&first) {
            self.copy(end - i, end - i);
            return;
        }
        let starts_word = self.char_before(i).is_none_or(|c| !c.is_alphanumeric());
        if starts_word && first == b'p' && self.percent_word() {
            return;
        }
        if starts_word {
            if let Some((value, after)) = self.number_words(i, end) {
                let ends_word = self.char_at(after).is_none_or(|c| !c.is_alphanumeric());
                if ends_word {
                    let chars = self.original[i..after].chars().count();
                    self.emit(&value.to_string(), after - i, chars);
                    return;
                }
            }
        }
        self.copy(end - i, end - i);
    }

    /// `40 percent`, `Forty per cent`, `12.5 per-cent`: the word after a number becomes `%` (and
    /// the one space before it goes), so every finder reads one way of writing a percentage.
    fn percent_word(&mut self) -> bool {
        let i = self.at;
        let rest = &self.bytes[i..];
        let len = if starts_with_word(rest, b"percent") {
            7
        } else if rest.len() >= 8
            && starts_with_word(rest, b"per")
            && matches!(rest[3], b' ' | b'-')
            && starts_with_word(&rest[4..], b"cent")
        {
            8
        } else {
            return false;
        };
        if !self.number_before() {
            return false;
        }
        // The one space between the number and the word, when it is still to be copied, goes too.
        if self.copy_from.0 < i && self.bytes[i - 1] == b' ' {
            self.at -= 1;
            self.at_char -= 1;
            self.emit("%", len + 1, len + 1);
        } else {
            self.emit("%", len, len);
        }
        true
    }

    /// Whether the normalised text so far ends with a digit, then at most one space.
    fn number_before(&self) -> bool {
        let pending = &self.original[self.copy_from.0..self.at];
        let trimmed = pending.strip_suffix(' ').unwrap_or(pending);
        if !trimmed.is_empty() {
            return trimmed.ends_with(|c: char| c.is_ascii_digit());
        }
        let text = if pending.is_empty() { self.text.strip_suffix(' ').unwrap_or(&self.text) } else { &self.text };
        text.ends_with(|c: char| c.is_ascii_digit())
    }

    /// The end of the run of ASCII letters starting at byte `from`.
    fn alpha_end(&self, from: usize) -> usize {
        from + self.bytes[from..].iter().take_while(|b| b.is_ascii_alphabetic()).count()
    }

    /// The value of the number written in words from byte `i` ("Sixty-one", "seven hundred and
    /// twelve", "Four thousand three hundred and eleven"), whose first word ends at `first_end`,
    /// and the byte after it.
    ///
    /// Words combine as English writes numbers (see [`WordNumber::takes`]); anything else ends
    /// the number, so `one two` and `Three-, five-` stay apart.
    fn number_words(&self, i: usize, first_end: usize) -> Option<(u64, usize)> {
        let first = word_value_of(&self.bytes[i..first_end])?;
        if first >= 100 {
            return None;
        }
        let mut number = WordNumber { total: 0, group: first, last: first, scale: u64::MAX };
        let mut end = first_end;
        loop {
            let after_scale = number.last >= 100;
            let and_end = (after_scale && self.bytes[end..].starts_with(b" and")).then_some(end + 4);
            let next = and_end
                .and_then(|at| self.following_word(at, &[' ']))
                .filter(|&(word, _)| word < 100)
                .or_else(|| self.following_word(end, &[' ', '-']));
            match next.filter(|&(word, _)| number.takes(word)) {
                Some((word, word_end)) => {
                    number.add(word);
                    end = word_end;
                }
                None => break,
            }
        }
        Some((number.value(), end))
    }

    /// The number word after the separator at byte `at` (a hyphen or dash counts as `-`), with
    /// the byte after it.
    fn following_word(&self, at: usize, separators: &[char]) -> Option<(u64, usize)> {
        let sep = self.char_at(at)?;
        let start = at + sep.len_utf8();
        let sep = if ('\u{2010}'..='\u{2015}').contains(&sep) { '-' } else { sep };
        if !separators.contains(&sep) {
            return None;
        }
        let end = self.alpha_end(start);
        word_value_of(&self.bytes[start..end]).map(|v| (v, end))
    }
}

/// A number being read from words: the finished scales (`4000` of "four thousand three
/// hundred"), the group below the next scale word (`300`), and the last word's value.
struct WordNumber {
    total: u64,
    group: u64,
    last: u64,
    /// The smallest scale word (thousand, million) read so far: a later one must be smaller.
    scale: u64,
}

impl WordNumber {
    /// Whether the number word `word` can continue this number: a unit after a bare tens word
    /// (`twenty-four`) or a scale word; a teen or tens after a scale word; `hundred` after a
    /// unit or teen; `thousand` or `million` after any smaller number.
    fn takes(&self, word: u64) -> bool {
        let last_is_bare_tens = (20..100).contains(&self.last) && self.last % 10 == 0;
        match word {
            1..=9 => last_is_bare_tens || self.last >= 100,
            10..=99 => self.last >= 100,
            100 => (1..20).contains(&self.group) && self.last < 100,
            1000 | 1_000_000 => self.group > 0 && word < self.scale && self.last < 1000,
            _ => false,
        }
    }

    /// Adds the number word `word`, which `takes` allowed.
    fn add(&mut self, word: u64) {
        match word {
            100 => self.group *= 100,
            1000 | 1_000_000 => {
                self.total += self.group * word;
                self.group = 0;
                self.scale = word;
            }
            _ => self.group += word,
        }
        self.last = word;
    }

    /// The number read so far.
    fn value(&self) -> u64 {
        self.total + self.group
    }
}

/// Whether `bytes` starts with the lower-case ASCII word `word` (in any case), not followed by
/// another letter.
fn starts_with_word(bytes: &[u8], word: &[u8]) -> bool {
    bytes.len() >= word.len()
        && bytes[..word.len()].eq_ignore_ascii_case(word)
        && !bytes.get(word.len()).is_some_and(u8::is_ascii_alphanumeric)
}

/// The first letters of the number words [`word_value`] knows, in lower case.
const NUMBER_WORD_INITIALS: [u8; 9] = [b'e', b'f', b'h', b'm', b'n', b'o', b's', b't', b'z'];

/// The first three letters of every number word [`word_value`] knows, in lower case.
const NUMBER_WORD_STARTS: [[u8; 3]; 19] = [
    *b"zer", *b"one", *b"two", *b"thr", *b"fou", *b"fiv", *b"six", *b"sev", *b"eig", *b"nin", *b"ten", *b"ele",
    *b"twe", *b"thi", *b"fif", *b"for", *b"hun", *b"tho", *b"mil",
];

/// The value of a number word given as ASCII letters, in any case, without allocating (this
/// runs on every word of every abstract that starts with one of [`NUMBER_WORD_INITIALS`]).
fn word_value_of(word: &[u8]) -> Option<u64> {
    // Every number word starts with one of these letters: a quick no for most words.
    if !(3..=9).contains(&word.len()) || !NUMBER_WORD_INITIALS.contains(&(word[0] | 0x20)) {
        return None;
    }
    // The first three letters of a number word: a quick no for `the`, `of`, `study`, ...
    let start = [word[0] | 0x20, word[1] | 0x20, word[2] | 0x20];
    if !NUMBER_WORD_STARTS.contains(&start) {
        return None;
    }
    let mut key = 0u128;
    for &c in word {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        key = key << 8 | u128::from(c.to_ascii_lowercase());
    }
    word_value(key)
}

/// `word`'s bytes as one number, the first byte highest: the key [`word_value`] looks up.
const fn packed(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut at = 0;
    while at < word.len() {
        key = key << 8 | word[at] as u128;
        at += 1;
    }
    key
}

/// The number words and their values, looked up by the [`packed`] lower-case word (one
/// `match` over numbers instead of comparing strings one after another).
macro_rules! number_words {
    ($($name:ident = $word:literal => $value:expr,)*) => {
        /// Every number word, in lower case (for tests of the quick refusals).
        #[cfg(test)]
        const NUMBER_WORDS: &[&[u8]] = &[$($word),*];

        /// The value of a number word ("seven", "sixty", "hundred"), given [`packed`] in lower case.
        fn word_value(key: u128) -> Option<u64> {
            $(const $name: u128 = packed($word);)*
            Some(match key {
                $($name => $value,)*
                _ => return None,
            })
        }
    };
}

number_words! {
    ZERO = b"zero" => 0,
    ONE = b"one" => 1,
    TWO = b"two" => 2,
    THREE = b"three" => 3,
    FOUR = b"four" => 4,
    FIVE = b"five" => 5,
    SIX = b"six" => 6,
    SEVEN = b"seven" => 7,
    EIGHT = b"eight" => 8,
    NINE = b"nine" => 9,
    TEN = b"ten" => 10,
    ELEVEN = b"eleven" => 11,
    TWELVE = b"twelve" => 12,
    THIRTEEN = b"thirteen" => 13,
    FOURTEEN = b"fourteen" => 14,
    FIFTEEN = b"fifteen" => 15,
    SIXTEEN = b"sixteen" => 16,
    SEVENTEEN = b"seventeen" => 17,
    EIGHTEEN = b"eighteen" => 18,
    NINETEEN = b"nineteen" => 19,
    TWENTY = b"twenty" => 20,
    THIRTY = b"thirty" => 30,
    FORTY = b"forty" => 40,
    FIFTY = b"fifty" => 50,
    SIXTY = b"sixty" => 60,
    SEVENTY = b"seventy" => 70,
    EIGHTY = b"eighty" => 80,
    NINETY = b"ninety" => 90,
    HUNDRED = b"hundred" => 100,
    THOUSAND = b"thousand" => 1000,
    MILLION = b"million" => 1_000_000,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalised::new(s).text
    }

    #[test]
    fn dashes_spaces_and_decimal_marks() {
        assert_eq!(norm("0·58 [0·38–0·88]"), "0.58 [0.38-0.88]");
        assert_eq!(norm("HR\u{2009}=\u{2009}0,58"), "HR = 0.58");
        assert_eq!(norm("−2.3 (−4.1 to −0.5)"), "-2.3 (-4.1 to -0.5)");
        assert_eq!(norm("P ≤ 0.05, ≥ 2"), "P <= 0.05, >= 2");
    }

    #[test]
    fn digit_groups_join_and_decimal_commas_become_points() {
        assert_eq!(norm("10,372 patients"), "10372 patients");
        assert_eq!(norm("25 000 deaths"), "25000 deaths");
        assert_eq!(norm("10,587 of 12 340 (85.8%)"), "10587 of 12340 (85.8%)");
        assert_eq!(norm("1,234,567 and 20\u{2009}170"), "1234567 and 20170");
        assert_eq!(norm("ages 12, 340 and 5,6"), "ages 12, 340 and 5.6");
        assert_eq!(norm("(1.2, 3.4) 2.5,100 12,3456 0,500"), "(1.2, 3.4) 2.5,100 12,3456 0.500");
        assert_eq!(norm("n = 1,665 and 504"), "n = 1665 and 504");
        assert_eq!(norm("OR 1,25"), "OR 1.25");
        assert_eq!(norm("CI 1.2,3.4"), "CI 1.2,3.4");
        assert_eq!(norm("0,580"), "0.580");
    }

    #[test]
    fn exponents_and_entities() {
        assert_eq!(norm("P = 1.2 × 10⁻⁵"), "P = 1.2 x 10^-5");
        assert_eq!(norm("p &lt; 0.001 &#8804; 2"), "p < 0.001 <= 2");
    }

    #[test]
    fn every_number_word_starts_as_the_quick_tests_expect() {
        for word in NUMBER_WORDS {
            assert!(NUMBER_WORD_INITIALS.contains(&word[0]), "{word:?}");
            assert!(NUMBER_WORD_STARTS.contains(&[word[0], word[1], word[2]]), "{word:?}");
            assert!(word_value_of(&word.to_ascii_uppercase()).is_some(), "{word:?}");
        }
    }

    #[test]
    fn number_words_become_digits() {
        assert_eq!(norm("Sixty-one patients"), "61 patients");
        assert_eq!(norm("Twenty\u{2010}four dogs"), "24 dogs");
        assert_eq!(norm("Seven hundred and seventy\u{2010}three dogs"), "773 dogs");
        assert_eq!(norm("Four-hundred forty-three individuals"), "443 individuals");
        assert_eq!(norm("Three-, five-, and eight-year OS"), "3-, 5-, and 8-year OS");
        assert_eq!(norm("one hundred and twelve women"), "112 women");
        assert_eq!(norm("someone oneself"), "someone oneself");
        assert_eq!(norm("twenty two"), "22");
    }

    #[test]
    fn percent_written_as_a_word() {
        assert_eq!(norm("Forty percent (72/180)"), "40% (72/180)");
        assert_eq!(norm("12.5 per cent of them"), "12.5% of them");
        assert_eq!(norm("95 per-cent c.i."), "95% c.i.");
        assert_eq!(norm("Eight Percent"), "8%");
        assert_eq!(norm("the percent of patients, a percentage"), "the percent of patients, a percentage");
        assert_eq!(norm("3 percentage points"), "3 percentage points");
        let n = Normalised::new("was 40 percent in");
        let at = n.text.find('%').unwrap();
        assert_eq!(n.evidence(at - 2, at + 1).2, "40 percent");
    }

    #[test]
    fn number_word_values_are_read_in_any_case_and_only_for_whole_number_words() {
        let values = [
            ("zero", 0),
            ("One", 1),
            ("SEVEN", 7),
            ("seventeen", 17),
            ("Seventeen", 17),
            ("nineteen", 19),
            ("seventy", 70),
            ("hundred", 100),
            ("Thousand", 1000),
            ("million", 1_000_000),
        ];
        for (word, value) in values {
            assert_eq!(word_value_of(word.as_bytes()), Some(value), "{word}");
        }
        for word in ["the", "seventeens", "seventee", "on", "tenth", "hundreds", "twelve1", "zer0", "the-", "ñone"] {
            assert_eq!(word_value_of(word.as_bytes()), None, "{word}");
        }
    }

    #[test]
    fn compound_number_words_of_any_size() {
        assert_eq!(norm("Four thousand three hundred and eleven patients"), "4311 patients");
        assert_eq!(norm("Two thousand women"), "2000 women");
        assert_eq!(norm("One hundred and fifty-five migraine patients"), "155 migraine patients");
        assert_eq!(norm("twelve thousand and forty"), "12040");
        assert_eq!(norm("one million two hundred thousand"), "1200000");
        assert_eq!(norm("one and two"), "1 and 2");
        assert_eq!(norm("two three-year periods"), "2 3-year periods");
        assert_eq!(norm("Twenty four rabbits"), "24 rabbits");
    }

    #[test]
    fn spans_map_back_to_original_code_points() {
        let original = "Sixty-one had HR\u{2009}=\u{2009}0·58 (95% CI 0·38–0·88)";
        let n = Normalised::new(original);
        let at = n.text.find("0.58").unwrap();
        let (start, end, evidence) = n.evidence(at, at + 4);
        assert_eq!(evidence, "0·58");
        let chars: Vec<char> = original.chars().collect();
        assert_eq!(chars[start..end].iter().collect::<String>(), "0·58");
        let (_, _, whole) = n.evidence(0, n.text.len());
        assert_eq!(whole, original);
        let (_, _, number) = n.evidence(0, 2);
        assert_eq!(number, "Sixty-one");
    }
}
