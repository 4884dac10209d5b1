//! Sentence and clause segmentation of normalised text.
//!
//! A sentence ends at `.`, `!` or `?` followed by a space and a capital letter, digit or
//! bracket, except inside brackets, after abbreviations (`vs.`, `et al.`, `Fig.`, `approx.`,
//! `i.e.`, `e.g.`, ...) and inside numbers (`P = .01`). Section labels of structured abstracts
//! (`RESULTS:`) also start a sentence.

/// Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "vs", "v", "al", "fig", "figs", "approx", "ca", "cf", "e.g", "i.e", "eg", "ie", "etc", "no", "nos", "vol", "dr",
    "st", "resp", "ref", "refs", "incl", "max", "min", "mo", "mos", "wk", "wks", "yr", "yrs", "hr", "hrs", "jr", "sr",
    "inc", "ltd", "co", "mr", "mrs", "ms", "prof", "sd", "se", "n.s", "viz", "b.i.d", "t.i.d", "q.d",
];

/// Byte spans `[start, end)` of the sentences of `text`, in order, covering the text.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // Only brackets and sentence marks matter: find them with SIMD searches, then walk them.
    let mut marks: Vec<usize> = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .chain(memchr::memchr3_iter(b'(', b'[', b'{', bytes))
        .chain(memchr::memchr3_iter(b')', b']', b'}', bytes))
        .collect();
    marks.sort_unstable();
    let closes = closing_opens(bytes, &marks);
    let mut spans = Vec::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    for (k, &i) in marks.iter().enumerate() {
        match bytes[i] {
            b'(' | b'[' | b'{' if closes[k] => depth += 1,
            b')' | b']' | b'}' if depth > 0 => depth -= 1,
            b'.' | b'!' | b'?' if depth == 0 && ends_sentence(text, i) => {
                let end = i + 1;
                spans.push((start, end));
                start = end;
            }
            _ => {}
        }
    }
    if start < bytes.len() {
        spans.push((start, bytes.len()));
    }
    spans
        .into_iter()
        .map(|(s, e)| {
            let lead = text[s..e].len() - text[s..e].trim_start().len();
            (s + lead, e)
        })
        .filter(|(s, e)| s < e)
        .collect()
}

/// For each of `marks` (byte positions, in order): whether it is an opening bracket that closes
/// within 600 bytes, as [`matching_brackets`] reads them.
fn closing_opens(bytes: &[u8], marks: &[usize]) -> Vec<bool> {
    let mut closes = vec![false; marks.len()];
    let mut stack: Vec<(usize, u8)> = Vec::new();
    for (k, &i) in marks.iter().enumerate() {
        let want = match bytes[i] {
            b'(' | b'[' | b'{' => {
                stack.push((k, bytes[i]));
                continue;
            }
            b')' => b'(',
            b']' => b'[',
            b'}' => b'{',
            _ => continue,
        };
        if let Some(pos) = stack.iter().rposition(|&(_, o)| o == want) {
            let (open, _) = stack[pos];
            stack.truncate(pos);
            if i - marks[open] <= 600 {
                closes[open] = true;
            }
        }
    }
    closes
}

/// Byte spans of the clauses of a sentence: parts split at `;` outside brackets.
pub fn clauses(text: &str, (start, end): (usize, usize)) -> Vec<(usize, usize)> {
    let bytes = &text.as_bytes()[start..end];
    let closers = matching_brackets(bytes);
    let mut spans = Vec::new();
    let mut depth: i32 = 0;
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' if closers[i] => depth += 1,
            b')' | b']' if depth > 0 => depth -= 1,
            b';' if depth == 0 => {
                spans.push((start + from, start + i));
                from = i + 1;
            }
            _ => {}
        }
    }
    spans.push((start + from, end));
    spans
}

/// For each byte: whether it is an opening bracket that closes within 600 bytes
/// (an unclosed bracket must not swallow the rest of the abstract).
fn matching_brackets(bytes: &[u8]) -> Vec<bool> {
    let mut opens = vec![false; bytes.len()];
    let mut stack: Vec<(usize, u8)> = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' | b'{' => stack.push((i, b)),
            b')' | b']' | b'}' => {
                let want = match b {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if let Some(pos) = stack.iter().rposition(|&(_, o)| o == want) {
                    let (at, _) = stack[pos];
                    stack.truncate(pos);
                    if i - at <= 600 {
                        opens[at] = true;
                    }
                }
            }
            _ => {}
        }
    }
    opens
}

/// Whether the mark at byte `i` ends a sentence.
fn ends_sentence(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let after = &text[i + 1..];
    let trimmed = after.trim_start();
    if trimmed.is_empty() {
        return true;
    }
    if trimmed.len() == after.len() {
        return false; // no space after: "P = .01", "e.g.", "0.5"
    }
    let next = trimmed.chars().next().unwrap_or(' ');
    if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '(' | '[' | '"' | '\'')) {
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    // The word before the period.
    let before = &text[..i];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '[')
        .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
        // "vs. Placebo" continues; but "... 12 hrs. The" is ambiguous: treat abbreviations as non-final.
        return false;
    }
    // A single capital initial ("J. Smith") does not end a sentence, but a group's letter
    // ("in arm D. The", "PC + D. RESULTS") does.
    if word.len() == 1 && before[word_start..].chars().all(|c| c.is_ascii_uppercase()) {
        let previous = before[..word_start].split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
        let next_word: String = trimmed.chars().take_while(|c| c.is_alphabetic()).collect();
        return LETTER_NAMERS.contains(&previous.as_str()) || SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    true
}

/// Words after which a single capital letter names a group or a type, not a person.
const LETTER_NAMERS: &[&str] = &[
    "arm",
    "arms",
    "group",
    "groups",
    "and",
    "or",
    "+",
    "vitamin",
    "type",
    "phase",
    "stage",
    "grade",
    "cohort",
    "part",
    "hepatitis",
    "class",
    "versus",
    "vs",
    "vs.",
];

/// Words that open a sentence rather than continue a name after an initial.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "This",
    "These",
    "There",
    "We",
    "In",
    "A",
    "An",
    "All",
    "Of",
    "Patients",
    "Participants",
    "RESULTS",
    "METHODS",
    "CONCLUSION",
    "CONCLUSIONS",
    "BACKGROUND",
    "OBJECTIVE",
    "OBJECTIVES",
    "FINDINGS",
    "INTERPRETATION",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn a_period_after_a_wide_space_does_not_split_a_character() {
        // U+2028 is whitespace of three bytes: the word before the period starts after all of them.
        assert_eq!(split("\u{2028}. A"), vec![".", "A"]);
    }

    #[test]
    fn does_not_break_at_abbreviations_decimals_or_brackets() {
        let text = "OS was longer with A vs. B (HR 0.58, P = .01). Smith et al. found more. \
                    See Fig. 2 (approx. 3 wk. Later). Next i.e. this. Last one";
        assert_eq!(
            split(text),
            vec![
                "OS was longer with A vs. B (HR 0.58, P = .01).",
                "Smith et al. found more.",
                "See Fig. 2 (approx. 3 wk. Later).",
                "Next i.e. this.",
                "Last one"
            ]
        );
    }

    #[test]
    fn unclosed_bracket_does_not_swallow_the_text() {
        let text = "HR] = 0.28 (95% CI 0.1. Second sentence. Third.";
        assert_eq!(split(text).len(), 3);
    }

    #[test]
    fn a_group_letter_ends_a_sentence_but_an_initial_does_not() {
        assert_eq!(
            split("There were 22 in arm C and 25 in arm D. The response rate was 70%."),
            vec!["There were 22 in arm C and 25 in arm D.", "The response rate was 70%."]
        );
        assert_eq!(split("As shown by J. Smith and colleagues."), vec!["As shown by J. Smith and colleagues."]);
    }

    #[test]
    fn clauses_split_at_semicolons_outside_brackets() {
        let text = "HR 0.5 (95% CI, 0.3 to 0.8; P = .01); OR 2.0";
        let parts: Vec<&str> = clauses(text, (0, text.len())).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["HR 0.5 (95% CI, 0.3 to 0.8; P = .01)", " OR 2.0"]);
    }
}
