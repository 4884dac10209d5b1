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
    /// For each byte of `text`: the code-point index in the original where its source starts.
    source_start: Vec<u32>,
    /// For each byte of `text`: the code-point index in the original where its source ends.
    source_end: Vec<u32>,
    /// The original text.
    original: String,
    /// Byte offset in `original` of each code point, plus one past the end.
    original_bytes: Vec<u32>,
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

    /// The original code-point span `[start, end)` of the normalised byte span `[from, to)`.
    pub fn original_span(&self, from: usize, to: usize) -> (usize, usize) {
        if self.text.is_empty() || from >= to {
            let at = self.source_start.get(from).copied().unwrap_or(self.original_chars() as u32) as usize;
            return (at, at);
        }
        let to = to.min(self.text.len());
        let from = from.min(to - 1);
        (self.source_start[from] as usize, self.source_end[to - 1] as usize)
    }

    /// The original text of the normalised byte span `[from, to)`, with its code-point span.
    pub fn evidence(&self, from: usize, to: usize) -> (usize, usize, &str) {
        let (start, end) = self.original_span(from, to);
        let bytes = &self.original_bytes;
        (start, end, &self.original[bytes[start] as usize..bytes[end] as usize])
    }

    /// How many code points the original has.
    pub fn original_chars(&self) -> usize {
        self.original_bytes.len() - 1
    }
}

struct Builder<'a> {
    chars: Vec<char>,
    /// Whether the text writes decimals with a point somewhere ("0.58", "0·58").
    uses_decimal_point: bool,
    original: &'a str,
    text: String,
    source_start: Vec<u32>,
    source_end: Vec<u32>,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Self {
        let chars: Vec<char> = original.chars().collect();
        let uses_decimal_point = chars
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && matches!(w[1], '.' | '\u{00b7}') && w[2].is_ascii_digit());
        Builder {
            chars,
            uses_decimal_point,
            original,
            text: String::with_capacity(original.len()),
            source_start: Vec::with_capacity(original.len()),
            source_end: Vec::with_capacity(original.len()),
        }
    }

    /// Appends `s`, produced by the original code points `[from, to)`.
    fn emit(&mut self, s: &str, from: usize, to: usize) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.source_start.push(from as u32);
            self.source_end.push(to as u32);
        }
    }

    fn emit_char(&mut self, c: char, at: usize) {
        let mut buf = [0u8; 4];
        self.emit(c.encode_utf8(&mut buf), at, at + 1);
    }

    fn run(mut self) -> Normalised {
        let mut i = 0;
        while i < self.chars.len() {
            i = self.step(i);
        }
        let mut original_bytes: Vec<u32> = self.original.char_indices().map(|(b, _)| b as u32).collect();
        original_bytes.push(self.original.len() as u32);
        Normalised {
            text: self.text,
            source_start: self.source_start,
            source_end: self.source_end,
            original: self.original.to_string(),
            original_bytes,
        }
    }

    fn prev_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Rewrites what starts at code point `i`; returns the index of the next one.
    fn step(&mut self, i: usize) -> usize {
        let c = self.chars[i];
        let next = self.chars.get(i + 1).copied();
        let prev_is_digit = self.prev_char().is_some_and(|p| p.is_ascii_digit());
        match c {
            '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' | '\r' | '\n' => {
                self.emit(" ", i, i + 1)
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' => {}
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' | '\u{2043}' => {
                self.emit("-", i, i + 1)
            }
            '\u{00b7}' | '\u{2219}' | '\u{22c5}' | '\u{2027}'
                if prev_is_digit && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                self.emit(".", i, i + 1)
            }
            ',' if prev_is_digit && self.is_decimal_comma(i) => self.emit(".", i, i + 1),
            '\u{2264}' | '\u{2a7d}' => self.emit("<=", i, i + 1),
            '\u{2265}' | '\u{2a7e}' => self.emit(">=", i, i + 1),
            '\u{ff1c}' => self.emit("<", i, i + 1),
            '\u{ff1e}' => self.emit(">", i, i + 1),
            '\u{ff1d}' => self.emit("=", i, i + 1),
            '\u{ff05}' => self.emit("%", i, i + 1),
            '\u{00d7}' | '\u{2715}' | '\u{2a2f}' => self.emit("x", i, i + 1),
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{00b4}' => self.emit("'", i, i + 1),
            '\u{201c}' | '\u{201d}' | '\u{2033}' => self.emit("\"", i, i + 1),
            '\u{2070}' | '\u{00b9}' | '\u{00b2}' | '\u{00b3}' | '\u{2074}'..='\u{2079}' | '\u{207b}' => {
                return self.superscript(i);
            }
            '&' => return self.entity(i),
            c if c.is_ascii_alphabetic() => return self.word(i),
            c => self.emit_char(c, i),
        }
        i + 1
    }

    /// Whether the comma at `i` (after a digit) is a decimal mark: `0,58` yes, `10,372` no.
    fn is_decimal_comma(&self, i: usize) -> bool {
        let after: usize = self.chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if after == 0 {
            return false;
        }
        let followed_by_mark = matches!(self.chars.get(i + 1 + after), Some('.' | ',' | '\u{00b7}'));
        let mut before = 0;
        let mut j = i;
        while j > 0 && self.chars[j - 1].is_ascii_digit() {
            before += 1;
            j -= 1;
        }
        let left_has_mark = j > 0 && matches!(self.chars[j - 1], '.' | ',' | '\u{00b7}');
        if followed_by_mark || left_has_mark {
            return false;
        }
        // `0,58` is always a decimal. Otherwise, in a text that writes decimals with a point,
        // a comma between digits separates ("CI 21,73"); in one that does not, three digits
        // after the comma read as thousands and anything else as a decimal.
        (before == 1 && self.chars[i - 1] == '0') || (!self.uses_decimal_point && after != 3)
    }

    /// A run of superscript digits and minus after a number: `10⁻⁵` → `10^-5`.
    fn superscript(&mut self, i: usize) -> usize {
        let mut j = i;
        let mut out = String::new();
        let prev_is_digit = self.prev_char().is_some_and(|p| p.is_ascii_digit());
        if prev_is_digit {
            out.push('^');
        }
        while let Some(&c) = self.chars.get(j) {
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
            j += 1;
        }
        self.emit(&out, i, j);
        j
    }

    /// An HTML entity left by an export (`&lt;`, `&#8804;`, `&#x2264;`), decoded and normalised.
    fn entity(&mut self, i: usize) -> usize {
        let rest: String = self.chars[i..].iter().take(10).collect();
        if let Some(end) = rest.find(';') {
            let name = &rest[1..end];
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
                let consumed = rest[..=end].chars().count();
                let normal = match decoded {
                    '\u{2264}' => "<=".to_string(),
                    '\u{2265}' => ">=".to_string(),
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => "-".to_string(),
                    '\u{00a0}' | '\u{2009}' => " ".to_string(),
                    c => c.to_string(),
                };
                self.emit(&normal, i, i + consumed);
                return i + consumed;
            }
        }
        self.emit("&", i, i + 1);
        i + 1
    }

    /// A word: numbers written as words become digits, anything else is copied.
    fn word(&mut self, i: usize) -> usize {
        let end = i + self.chars[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let starts_word = i == 0 || !self.chars[i - 1].is_alphanumeric();
        if starts_word {
            if let Some((value, consumed)) = self.number_words(i, end) {
                let after = i + consumed;
                let ends_word = self.chars.get(after).is_none_or(|c| !c.is_alphanumeric());
                if ends_word {
                    self.emit(&value.to_string(), i, after);
                    return after;
                }
            }
        }
        for j in i..end {
            self.emit_char(self.chars[j], j);
        }
        end
    }

    /// Reads "Sixty-one", "twenty one", "one hundred and twelve", "seven" from `i`;
    /// returns the value and how many code points it covers.
    fn number_words(&self, i: usize, first_end: usize) -> Option<(u64, usize)> {
        let mut value = word_value_of(&self.chars[i..first_end])?;
        // "hundred" alone is not a number written out ("hundreds of", "a hundred").
        if value == 100 {
            return None;
        }
        let mut end = first_end;
        if (20..100).contains(&value) && value % 10 == 0 {
            if let Some((unit, unit_end)) = self.following_word(end, &['-', ' ']) {
                if (1..10).contains(&unit) {
                    value += unit;
                    end = unit_end;
                }
            }
        }
        if value < 10 {
            if let Some((hundred, hundred_end)) = self.following_word(end, &[' ', '-']) {
                if hundred == 100 {
                    value *= 100;
                    end = hundred_end;
                    let and_end = self.skip_literal(end, " and");
                    if let Some((rest, rest_end)) = self.following_word(and_end.unwrap_or(end), &[' ']) {
                        if (1..100).contains(&rest) {
                            let (rest, rest_end) = self.tens_and_units(rest, rest_end);
                            value += rest;
                            end = rest_end;
                        }
                    }
                }
            }
        }
        Some((value, end - i))
    }

    fn tens_and_units(&self, tens: u64, end: usize) -> (u64, usize) {
        if (20..100).contains(&tens) && tens % 10 == 0 {
            if let Some((unit, unit_end)) = self.following_word(end, &['-', ' ']) {
                if (1..10).contains(&unit) {
                    return (tens + unit, unit_end);
                }
            }
        }
        (tens, end)
    }

    fn skip_literal(&self, at: usize, literal: &str) -> Option<usize> {
        let n = literal.chars().count();
        let here: String = self.chars.get(at..at + n)?.iter().collect();
        (here == literal).then_some(at + n)
    }

    /// The number word after one separator at `at`, with the index after it.
    fn following_word(&self, at: usize, separators: &[char]) -> Option<(u64, usize)> {
        let sep = *self.chars.get(at)?;
        // Unicode hyphens (U+2010..U+2015) join number words as `-` does: "Twenty‐four".
        let sep = if ('\u{2010}'..='\u{2015}').contains(&sep) { '-' } else { sep };
        if !separators.contains(&sep) {
            return None;
        }
        let start = at + 1;
        let end = start + self.chars[start..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        word_value_of(&self.chars[start..end]).map(|v| (v, end))
    }
}

/// The value of a number word given as characters, in any case, without allocating (this
/// runs on every word of every abstract).
fn word_value_of(word: &[char]) -> Option<u64> {
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    let mut buffer = [0u8; 9];
    for (slot, c) in buffer.iter_mut().zip(word) {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        *slot = c.to_ascii_lowercase() as u8;
    }
    word_value(std::str::from_utf8(&buffer[..word.len()]).ok()?)
}

/// The value of a number word ("seven", "Sixty", "hundred").
fn word_value(word: &str) -> Option<u64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(v) = UNITS.iter().position(|w| *w == word) {
        return Some(v as u64);
    }
    if let Some(v) = TENS.iter().position(|w| *w == word) {
        return Some(20 + 10 * v as u64);
    }
    (word == "hundred").then_some(100)
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
    fn thousands_commas_stay_and_decimal_commas_become_points() {
        assert_eq!(norm("10,372 patients"), "10,372 patients");
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
